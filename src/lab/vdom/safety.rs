//! `check_safe`: the gate between what a person types and the real DOM.
//!
//! Production sanitizers do this job for real: DOMPurify in the browser (it checks each
//! element's namespace against its parent's, the same question as the `round_trip` module
//! asks here), and `ammonia` in Rust (html5ever underneath: it parses, filters the tree,
//! and serializes).

use std::fmt;

use super::VNode;
use super::build::{check_element, is_valid_tag_name};
use super::diff::format_path;
use super::namespace::Namespace;
use super::round_trip::Ancestry;

/// Elements refused outright, with the reason shown to the person.
///
/// * `script` runs code; `iframe`, `frame`, `frameset`, `object`, `embed`, `applet`
///   load and run other documents or plugins.
/// * `base` changes the base URL of every relative link in the whole app; `meta` can
///   redirect (`http-equiv="refresh"`) or change the page's policies; `link` loads
///   stylesheets and other resources from anywhere.
/// * `style` is refused because its rules apply to the whole page, not just the preview
///   pane (a `style` *attribute* is allowed: it only styles its own element, and no
///   current browser runs script from CSS).
/// * `animate`, `set`, `animatemotion`, `animatetransform`, `handler`, `listener`: SVG
///   animation can rewrite an `href` to a `javascript:` URL after this check has run.
/// * `template` and `portal`/`fencedframe` are refused too: their content is not what the
///   page shows (a template) or is another document (the others).
/// * `noscript` is raw text to a browser running scripts but markup to a parser that
///   does not (a sanitizer, `DOMParser`): the same HTML means two trees.
const REFUSED_ELEMENTS: [(&str, &str); 21] = [
    ("script", "it would run code"),
    ("iframe", "it loads and runs another document"),
    ("frame", "it loads and runs another document"),
    ("frameset", "it loads and runs other documents"),
    ("object", "it loads plugins or other documents"),
    ("embed", "it loads plugins or other documents"),
    ("applet", "it runs a Java applet"),
    ("portal", "it loads another document"),
    ("fencedframe", "it loads another document"),
    (
        "base",
        "it would change the base URL of every link in the app",
    ),
    ("meta", "it can redirect the page or change its policies"),
    (
        "link",
        "it loads stylesheets and other resources into the whole page",
    ),
    (
        "style",
        "its rules would apply to the whole page, not just this preview",
    ),
    (
        "template",
        "its content is inert markup the preview would not show",
    ),
    (
        "animate",
        "SVG animation can turn a link into a javascript: URL",
    ),
    (
        "set",
        "SVG animation can turn a link into a javascript: URL",
    ),
    (
        "animatemotion",
        "SVG animation can change attributes after this check",
    ),
    (
        "animatetransform",
        "SVG animation can change attributes after this check",
    ),
    (
        "noscript",
        "what it holds depends on the parser: with scripting off (a sanitizer, DOMParser) \
         its text is read as markup",
    ),
    ("handler", "it runs code (SVG Tiny)"),
    ("listener", "it attaches event handlers (SVG Tiny)"),
];

/// Attributes whose value is fetched or navigated to as a URL (`srcset` holds a list).
const URL_ATTRIBUTES: [&str; 18] = [
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
    "xlink:href",
    "xml:base",
];

/// Why a tree was refused, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsafeMarkup {
    /// Child indexes from the root to the refused node (`[]` is the root).
    pub path: Vec<usize>,
    /// The refused node's tag, or `"#text"` (the DOM's `nodeName` for text) when a text
    /// node is refused.
    pub tag: String,
    /// The refused attribute, when an attribute is the problem.
    pub attribute: Option<String>,
    /// Why, in words.
    pub reason: String,
}

/// [`UnsafeMarkup::tag`] for a text node.
const TEXT_NODE: &str = "#text";

impl fmt::Display for UnsafeMarkup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = format_path(&self.path);
        match &self.attribute {
            Some(name) => write!(
                f,
                "refused {name:?} on <{}> at {at}: {}",
                self.tag, self.reason
            ),
            None if self.tag == TEXT_NODE => write!(f, "refused the text at {at}: {}", self.reason),
            None => write!(f, "refused <{}> at {at}: {}", self.tag, self.reason),
        }
    }
}

impl std::error::Error for UnsafeMarkup {}

/// Refuses a tree that could run code, load other documents or take over the page once
/// it is put into the real DOM; `Ok` means it may be rendered into the preview, and that
/// [`VNode::render_html`] of it may be handed to `innerHTML`.
///
/// Two questions are asked of every node:
///
/// 1. **Is anything in it active?** Script elements, event handlers, `javascript:` URLs
///    and their kin (the list below).
/// 2. **Would its HTML mean this very tree?** The HTML parser repairs markup as it reads
///    it: a `<div>` closes an open `<p>`, an `<img>` inside `<svg>` closes the SVG, a
///    `<div>` inside a `<table>` is moved in front of it, text inside an SVG `<style>` is
///    markup. If the tree that was checked is not the tree the browser builds from its
///    HTML, question 1 was asked about the wrong tree: that gap is how mutation XSS gets
///    past sanitizers (`<svg><xmp><img src=x onerror=…>` was "text" to a checker that
///    ignored namespaces). So a tree is refused unless the parser would rebuild it exactly
///    (see the `round_trip` module for the rules). Then question 1, answered on the tree,
///    also holds for what the browser builds — for every tree, not just the ones someone
///    thought of.
///
/// Refused (the first one found, in document order, named by its path):
/// * the elements listed above (script, iframe, object, embed, frame, frameset, applet,
///   base, meta, link, style, template, noscript, SVG animation and handler elements), by
///   tag, ASCII case-insensitively, in any namespace;
/// * any attribute whose name starts with `on` (`onclick`, `ONLOAD`, `one`: the rule is
///   the prefix, deliberately broad);
/// * the `srcdoc` attribute (an inline document) and `is` (customised built-ins);
/// * in a URL attribute (`href`, `src`, `action`, `formaction`, `xlink:href`, `data`,
///   `poster`, `srcset`, …), a `javascript:` or `vbscript:` URL, or a `data:` URL that is
///   not an image — after the clean-up a browser's URL parser does first: leading and
///   trailing C0 controls and spaces stripped, tabs and newlines removed from inside,
///   scheme compared case-insensitively (so `" JaVa\tScRiPt:alert(1)"` is caught);
/// * names the builder would refuse (a tree built by hand could carry `img src=x
///   onerror=…` as a "tag name"), and raw text that would close its element early;
/// * whatever the parser would not rebuild as it is: an HTML-only element (`p`, `img`,
///   `table`, `b`, `font` with `color`…) inside SVG or MathML content; content-model
///   repairs (a block inside `<p>`, a link inside a link, a form inside a form, a list
///   item inside a list item, table parts out of place, anything but table parts inside
///   a table); `html`, `head`, `body`, `image`, `select`; a carriage return or NUL in text
///   or attribute values; a line break right after `<pre>`, `<listing>`, `<textarea>`;
///   capital letters in names; an attribute named twice.
///
/// Character references are already decoded in a [`VNode`] (the markup parser does it),
/// so `jav&#x09;ascript:` arrives here as `jav\tascript:` and is caught by the clean-up.
/// Linear in the size of the tree; iterative: any depth is fine.
pub fn check_safe(node: &VNode) -> Result<(), UnsafeMarkup> {
    let mut path: Vec<usize> = Vec::new();
    let mut ancestry = Ancestry::default();
    let mut work: Vec<(&VNode, usize, usize)> = vec![(node, 0, 0)];
    while let Some((node, depth, index)) = work.pop() {
        path.truncate(depth.saturating_sub(1));
        if depth > 0 {
            path.push(index);
        }
        ancestry.truncate(depth);
        let (tag, attributes, children) = match node {
            VNode::Text(text) => {
                if let Err(reason) = ancestry.check_text(text) {
                    return Err(UnsafeMarkup {
                        path,
                        tag: TEXT_NODE.to_owned(),
                        attribute: None,
                        reason,
                    });
                }
                continue;
            }
            VNode::Element {
                tag,
                attributes,
                children,
                ..
            } => (tag, attributes, children),
        };
        let refuse = |attribute: Option<&str>, reason: String| UnsafeMarkup {
            path: path.clone(),
            tag: tag.clone(),
            attribute: attribute.map(str::to_owned),
            reason,
        };
        if let Some((_, why)) = REFUSED_ELEMENTS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(tag))
        {
            return Err(refuse(
                None,
                format!("<{tag}> elements are not allowed: {why}"),
            ));
        }
        if !is_valid_tag_name(tag) {
            return Err(refuse(None, "the tag name is not valid HTML".to_owned()));
        }
        // The builder's content rules (void, text-only, raw text) are about HTML elements;
        // inside SVG and MathML an element of the same name is an ordinary one.
        let content: &[VNode] = if ancestry.namespace_for(tag) == Namespace::Html {
            children
        } else {
            &[]
        };
        if let Err(error) = check_element(tag, attributes, content) {
            return Err(refuse(None, error.to_string()));
        }
        for (name, value) in attributes {
            if let Some(reason) = attribute_problem(name, value) {
                return Err(refuse(Some(name), reason));
            }
        }
        if let Err(reason) = ancestry.enter(tag, attributes, children) {
            return Err(refuse(None, reason));
        }
        work.extend(
            children
                .iter()
                .enumerate()
                .rev()
                .map(|(i, child)| (child, depth + 1, i)),
        );
    }
    Ok(())
}

fn attribute_problem(name: &str, value: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("on") {
        return Some("event-handler attributes run code".to_owned());
    }
    if lower == "srcdoc" {
        return Some("srcdoc holds a whole document".to_owned());
    }
    if lower == "is" {
        return Some("customised built-in elements are not allowed".to_owned());
    }
    if !URL_ATTRIBUTES.contains(&lower.as_str()) {
        return None;
    }
    let urls: Vec<&str> = if lower == "srcset" {
        // "a.png 1x, b.png 2x": the URL is the first word of each candidate. A data: URL
        // with a comma is split too, which can only make the check stricter.
        value
            .split(',')
            .filter_map(|candidate| candidate.split_ascii_whitespace().next())
            .collect()
    } else {
        vec![value]
    };
    urls.into_iter().find_map(url_problem)
}

/// The scheme of a URL as a browser's URL parser sees it, lowercase, or `None` for a
/// relative URL.
pub(crate) fn url_scheme(url: &str) -> Option<String> {
    // Strip leading and trailing C0 controls and spaces, then remove every tab and
    // newline: the URL standard's first steps.
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = cleaned.get(..colon)?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

fn url_problem(url: &str) -> Option<String> {
    let scheme = url_scheme(url)?;
    match scheme.as_str() {
        "javascript" | "vbscript" => Some(format!("{scheme}: URLs run code")),
        "data" => {
            let cleaned: String = url
                .trim_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect();
            let media_type = cleaned
                .get("data:".len()..)
                .unwrap_or_default()
                .trim_start()
                .to_ascii_lowercase();
            if media_type.starts_with("image/") {
                None
            } else {
                Some(
                    "data: URLs other than images are refused (data:text/html is a whole \
                     document)"
                        .to_owned(),
                )
            }
        }
        _ => None,
    }
}
