//! What a browser would build from `render_html`'s output, judged by html5ever.
//!
//! The lab's preview builds the DOM with `createElement`, but anyone may assign the
//! rendered HTML to `innerHTML` or copy it: then a real HTML5 parser reads it, and what
//! matters is what *that* parser builds. This module parses the HTML as `innerHTML` on a
//! `<div>` in `<body>` would and lists everything in the result that can run code or load
//! another document. It is written from the HTML and URL standards, not from
//! `lab::vdom::check_safe`, so that it can disagree with it.

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, QualName, local_name, ns, parse_fragment};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use wasm_playground::lab::vdom::VNode;

/// Elements that must never come out of HTML whose tree `check_safe` accepted: they run
/// code, load other documents or plugins, change the page's base URL, policies or styles,
/// or animate attributes into `javascript:` URLs after any check.
const DANGEROUS_ELEMENTS: &[&str] = &[
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "portal",
    "fencedframe",
    "base",
    "meta",
    "link",
    "style",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "handler",
    "listener",
];

/// Attributes (local names, so SVG's `xlink:href` is `href` here) a browser fetches or
/// navigates to as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "action",
    "background",
    "cite",
    "codebase",
    "data",
    "dynsrc",
    "formaction",
    "href",
    "icon",
    "longdesc",
    "lowsrc",
    "manifest",
    "ping",
    "poster",
    "src",
    "srcset",
    "base",
];

/// Parses `html` as the content of a `<div>` and returns one line per thing in the
/// resulting DOM that can run code or load a document: a dangerous element (in any
/// namespace), an `on*` or `srcdoc` attribute, or a `javascript:`/`vbscript:` URL after
/// the URL parser's clean-up. Empty means inert.
pub fn threats(html: &str) -> Vec<String> {
    let dom = parse_fragment(
        RcDom::default(),
        ParseOpts::default(),
        QualName::new(None, ns!(html), local_name!("div")),
        vec![],
        false,
    )
    .one(html);
    let mut found = Vec::new();
    let mut work: Vec<Handle> = vec![dom.document.clone()];
    while let Some(node) = work.pop() {
        if let NodeData::Element {
            name,
            attrs,
            template_contents,
            ..
        } = &node.data
        {
            let tag = name.local.to_ascii_lowercase();
            if DANGEROUS_ELEMENTS.contains(&&*tag) {
                found.push(format!("element <{tag}> ({:?})", name.ns));
            }
            for attr in attrs.borrow().iter() {
                let local = attr.name.local.to_ascii_lowercase();
                let value: &str = &attr.value;
                if local.starts_with("on") || &*local == "srcdoc" {
                    found.push(format!("attribute {local}={value:?} on <{tag}>"));
                } else if URL_ATTRIBUTES.contains(&&*local) && runs_code(&local, value) {
                    found.push(format!("URL {local}={value:?} on <{tag}>"));
                }
            }
            if let Some(contents) = template_contents.borrow().as_ref() {
                work.push(contents.clone());
            }
        }
        work.extend(node.children.borrow().iter().cloned());
    }
    found
}

/// Whether a URL attribute's value has a scheme that runs code, as the URL standard reads
/// it: leading and trailing C0 controls and spaces stripped, tabs and newlines removed,
/// scheme compared without case. In `srcset` the URLs are the first whitespace-separated
/// word of each comma-separated candidate, as the HTML standard's srcset parser reads.
fn runs_code(name: &str, value: &str) -> bool {
    let urls: Vec<&str> = if name == "srcset" {
        value
            .split(',')
            .filter_map(|candidate| candidate.split_ascii_whitespace().next())
            .collect()
    } else {
        vec![value]
    };
    urls.into_iter().any(|url| {
        let cleaned: String = url
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let lower = cleaned.to_ascii_lowercase();
        lower.starts_with("javascript:") || lower.starts_with("vbscript:")
    })
}

/// The tree as a parser reads it back from `render_html`: keys dropped (they are not
/// rendered), adjacent texts merged and empty texts gone (HTML has no way to write
/// them apart). Iterative, like everything that walks a `VNode`.
pub fn as_rendered(node: &VNode) -> VNode {
    enum Step<'a> {
        Enter(&'a VNode),
        Close(usize),
    }
    let mut out: Vec<VNode> = Vec::new();
    let mut work = vec![Step::Enter(node)];
    while let Some(step) = work.pop() {
        match step {
            Step::Enter(VNode::Text(t)) => out.push(VNode::Text(t.clone())),
            Step::Enter(element @ VNode::Element { children, .. }) => {
                work.push(Step::Close(out.len()));
                // Placeholder for the element; its children are pushed after it.
                out.push(shallow(element));
                work.extend(children.iter().rev().map(Step::Enter));
            }
            Step::Close(at) => {
                let children: Vec<VNode> = out.drain(at + 1..).collect();
                let mut merged: Vec<VNode> = Vec::new();
                for child in children {
                    if let (Some(VNode::Text(prev)), VNode::Text(t)) = (merged.last_mut(), &child) {
                        prev.push_str(t);
                    } else {
                        merged.push(child);
                    }
                }
                merged.retain(|c| c.as_text() != Some(""));
                if let Some(VNode::Element { children, .. }) = out.get_mut(at) {
                    *children = merged;
                }
            }
        }
    }
    out.pop().unwrap_or_else(|| VNode::text(""))
}

fn shallow(element: &VNode) -> VNode {
    match element {
        VNode::Element {
            tag, attributes, ..
        } => VNode::Element {
            tag: tag.clone(),
            key: None,
            attributes: attributes.clone(),
            children: Vec::new(),
        },
        VNode::Text(t) => VNode::Text(t.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_html_has_no_threats() {
        assert!(threats("<p title=\"javascript:x\">a <b>b</b></p><a href=\"/x\">y</a>").is_empty());
        assert!(threats("<xmp><img src=x onerror=alert(1)></xmp>").is_empty());
    }

    #[test]
    fn foreign_content_reparses_text_as_markup() {
        // Inside <svg>, <xmp> is not raw text: its "text" becomes a live <img onerror>.
        let found = threats("<svg><xmp><img src=x onerror=alert(1)></xmp></svg>");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("onerror"));
    }

    #[test]
    fn urls_are_cleaned_like_a_browser() {
        assert_eq!(threats("<a href=\" JaVa\tScRiPt:alert(1)\">x</a>").len(), 1);
        assert_eq!(
            threats("<svg><a xlink:href=\"javascript:1\"><text>x</text></a></svg>").len(),
            1
        );
        assert_eq!(threats("<script>1</script>").len(), 1);
        assert_eq!(
            threats("<img srcset=\"a.png 1x, javascript:x 2x\">").len(),
            1
        );
        // A browser reads "jav" as the URL and "ascript:…" as a (bad) descriptor.
        assert!(threats("<img srcset=\" jav\tascript:alert(1)\">").is_empty());
    }

    #[test]
    fn rendered_form_merges_text_and_drops_keys() {
        let tree = VNode::Element {
            tag: "p".into(),
            key: Some("k".into()),
            attributes: vec![],
            children: vec![VNode::text("a"), VNode::text(""), VNode::text("b")],
        };
        let expected = VNode::Element {
            tag: "p".into(),
            key: None,
            attributes: vec![],
            children: vec![VNode::text("ab")],
        };
        assert_eq!(as_rendered(&tree), expected);
    }
}
