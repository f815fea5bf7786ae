//! Would the HTML that `render_html` writes parse back into the very same tree?
//!
//! The HTML parser does not build whatever the markup says. It repairs: a `<div>` start
//! tag closes an open `<p>`, a `<td>` outside a table is dropped, a `<div>` inside a
//! `<table>` is moved in front of it, an `<img>` inside `<svg>` closes the SVG, a line
//! break right after `<pre>` disappears, a carriage return becomes a line feed. A tree
//! whose HTML would be repaired means one thing to whoever checked the tree and another
//! to the browser that parses the HTML — the gap that mutation XSS lives in. So
//! [`check_safe`](super::check_safe) refuses such trees, using the rules below, which
//! follow the HTML standard's tree construction (and html5ever's, where the two differ
//! the stricter choice is taken). For a tree that passes, parsing its `render_html`
//! output as the content of a `<body>` or `<div>` gives the same tree back (adjacent
//! text nodes merged, as a parser makes them).
//!
//! The walk keeps, for each element on the path from the root, a small summary of its
//! ancestors (the nearest open `<p>`, `<li>`, scope boundary, how many `<a>` are open…),
//! so each element is checked in O(1) and the whole tree in O(nodes + attributes).

use std::collections::HashSet;

use super::VNode;
use super::namespace::{Namespace, Parent, Rules, breaks_out, namespace_of, rules_inside};

/// Start tags that close an open `<p>` (when one is in "button scope", see
/// [`is_button_scope_boundary`]).
const CLOSES_P: [&str; 41] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "li",
    "dd",
    "dt",
    "plaintext",
    "hr",
    "xmp",
    // Only in standards mode; a page in quirks mode keeps the table inside the <p>.
    "table",
];

/// The standard's "special" HTML elements that stop the search for an open `<li>`,
/// `<dd>` or `<dt>` (those six and `address`, `div`, `p` are handled on their own). Only
/// elements special for both the standard and html5ever are listed: fewer stops means
/// more trees refused, never a tree that one of them would repair.
const SPECIAL: [&str; 75] = [
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "details",
    "dir",
    "dl",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "param",
    "plaintext",
    "pre",
    "script",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

fn one_of(list: &[&str], tag: &str) -> bool {
    list.iter().any(|t| t.eq_ignore_ascii_case(tag))
}

fn is_heading(tag: &str) -> bool {
    one_of(&["h1", "h2", "h3", "h4", "h5", "h6"], tag)
}

/// Elements that end "button scope": an open `<p>` outside one of them is not closed by
/// a start tag inside it. (The standard's and html5ever's lists differ in `select` and
/// MathML `annotation-xml`; both are left out, which refuses more, never less.)
fn is_button_scope_boundary(namespace: Namespace, tag: &str) -> bool {
    match namespace {
        Namespace::Html => one_of(
            &[
                "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
                "button",
            ],
            tag,
        ),
        Namespace::MathMl => one_of(&["mi", "mo", "mn", "ms", "mtext"], tag),
        Namespace::Svg => one_of(&["foreignobject", "desc", "title"], tag),
    }
}

/// The parent each table part needs, and what each table container may hold: anything
/// else inside a table is moved in front of it by the parser ("foster parenting"), and a
/// table part anywhere else is dropped.
const TABLE_PARENTS: [(&str, &[&str]); 9] = [
    ("caption", &["table"]),
    ("colgroup", &["table"]),
    ("thead", &["table"]),
    ("tbody", &["table"]),
    ("tfoot", &["table"]),
    ("col", &["colgroup"]),
    ("tr", &["tbody", "thead", "tfoot"]),
    ("td", &["tr"]),
    ("th", &["tr"]),
];

/// Table containers: elements whose only content is the table parts above (and
/// whitespace).
fn is_table_container(tag: &str) -> bool {
    one_of(&["table", "colgroup", "thead", "tbody", "tfoot", "tr"], tag)
}

/// End tags implied by `<rb>`, `<rp>`, `<rt>`, `<rtc>` inside a `<ruby>`.
const IMPLIED_END: [&str; 10] = [
    "dd", "dt", "li", "option", "optgroup", "p", "rb", "rp", "rt", "rtc",
];

/// What an element's descendants need to know about it and its ancestors.
#[derive(Clone, Copy, Debug)]
struct Frame<'a> {
    element: Parent<'a>,
    /// 1-based positions on the path (0: none) of the nearest HTML `<p>`, button-scope
    /// boundary, `<li>`, `<dd>`/`<dt>`, and other special element, this one included.
    p: usize,
    boundary: usize,
    li: usize,
    dd_dt: usize,
    special: usize,
    /// Open HTML elements that the parser does not let nest, this one included.
    links: u32,
    forms: u32,
    buttons: u32,
    nobrs: u32,
    rubies: u32,
}

/// The ancestors of the node being checked, root first.
#[derive(Debug, Default)]
pub(crate) struct Ancestry<'a> {
    frames: Vec<Frame<'a>>,
}

impl<'a> Ancestry<'a> {
    /// Forgets everything below depth `depth` (the root is at depth 0).
    pub(crate) fn truncate(&mut self, depth: usize) {
        self.frames.truncate(depth);
    }

    fn parent(&self) -> Option<&Frame<'a>> {
        self.frames.last()
    }

    /// The namespace the parser gives an element `tag` placed here.
    pub(crate) fn namespace_for(&self, tag: &str) -> Namespace {
        namespace_of(self.parent().map(|p| p.element), tag)
    }

    /// Checks text placed under the current ancestry; the error says why it would not
    /// come back as written.
    pub(crate) fn check_text(&self, text: &str) -> Result<(), String> {
        characters_problem(text, "text")?;
        if let Some(parent) = self.parent()
            && parent.element.namespace == Namespace::Html
            && is_table_container(parent.element.tag)
            && !text
                .chars()
                .all(|c| matches!(c, ' ' | '\t' | '\n' | '\x0c'))
        {
            return Err(format!(
                "text directly inside <{}>: the HTML parser moves it in front of the table \
                 (only whitespace may sit between table parts)",
                parent.element.tag
            ));
        }
        Ok(())
    }

    /// Checks an element placed under the current ancestry, then makes it the parent of
    /// what follows. The error says why the parser would not rebuild it as it is.
    pub(crate) fn enter(
        &mut self,
        tag: &'a str,
        attributes: &'a [(String, String)],
        children: &'a [VNode],
    ) -> Result<(), String> {
        if tag.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "the tag name has capital letters: the HTML parser would read <{}>",
                tag.to_ascii_lowercase()
            ));
        }
        attributes_problem(attributes)?;
        let parent = self.parent().copied();
        let parent_element = parent.map(|p| p.element);
        let namespace = namespace_of(parent_element, tag);
        if let (Rules::Foreign(inside), Some(p)) = (rules_inside(parent_element, tag), parent)
            && breaks_out(tag, attributes)
        {
            let content = if inside == Namespace::Svg {
                "SVG"
            } else {
                "MathML"
            };
            return Err(format!(
                "<{tag}> is HTML only: inside {content} (here in <{}>) the HTML parser ends \
                 the {content} at <{tag}> and puts it outside, so the page would hold another \
                 tree (the trick behind mutation XSS)",
                p.element.tag
            ));
        }
        // Whatever its namespace (an `<svg>` too), an element directly inside a table
        // container that is not a table part is moved out of the table. (A table part in
        // the wrong place is refused below, with what it needs.)
        let table_part = namespace == Namespace::Html
            && TABLE_PARENTS
                .iter()
                .any(|(t, _)| t.eq_ignore_ascii_case(tag));
        if let Some(container) = parent
            .map(|p| p.element)
            .filter(|p| p.namespace == Namespace::Html && is_table_container(p.tag))
            && !table_part
        {
            return Err(format!(
                "<{tag}> directly inside <{}>: the HTML parser moves it in front of the \
                 table (\"foster parenting\")",
                container.tag
            ));
        }
        if namespace == Namespace::Html {
            html_rules(parent, tag, children)?;
        }
        let depth = self.frames.len() + 1;
        let html = namespace == Namespace::Html;
        let is = |name: &str| html && tag.eq_ignore_ascii_case(name);
        let base = parent.unwrap_or(Frame {
            element: Parent {
                namespace: Namespace::Html,
                tag: "",
                attributes: &[],
            },
            p: 0,
            boundary: 0,
            li: 0,
            dd_dt: 0,
            special: 0,
            links: 0,
            forms: 0,
            buttons: 0,
            nobrs: 0,
            rubies: 0,
        });
        let at_if = |yes: bool, old: usize| if yes { depth } else { old };
        let count_if = |yes: bool, old: u32| old.saturating_add(u32::from(yes));
        self.frames.push(Frame {
            element: Parent {
                namespace,
                tag,
                attributes,
            },
            p: at_if(is("p"), base.p),
            boundary: at_if(is_button_scope_boundary(namespace, tag), base.boundary),
            li: at_if(is("li"), base.li),
            dd_dt: at_if(is("dd") || is("dt"), base.dd_dt),
            special: at_if(html && one_of(&SPECIAL, tag), base.special),
            links: count_if(is("a"), base.links),
            forms: count_if(is("form"), base.forms),
            buttons: count_if(is("button"), base.buttons),
            nobrs: count_if(is("nobr"), base.nobrs),
            rubies: count_if(is("ruby"), base.rubies),
        });
        Ok(())
    }
}

/// Carriage returns and NUL characters never survive a parse.
fn characters_problem(text: &str, what: &str) -> Result<(), String> {
    if text.contains('\r') {
        return Err(format!(
            "the {what} holds a carriage return: the HTML parser turns it into a line feed"
        ));
    }
    if text.contains('\0') {
        return Err(format!(
            "the {what} holds a NUL character: the HTML parser drops it or replaces it"
        ));
    }
    Ok(())
}

fn attributes_problem(attributes: &[(String, String)]) -> Result<(), String> {
    let mut seen = HashSet::with_capacity(attributes.len());
    for (name, value) in attributes {
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "attribute {name:?} has capital letters: the HTML parser would read {:?}",
                name.to_ascii_lowercase()
            ));
        }
        if !seen.insert(name.as_str()) {
            return Err(format!(
                "attribute {name:?} appears twice: the HTML parser keeps only the first"
            ));
        }
        characters_problem(value, &format!("value of {name:?}"))?;
    }
    Ok(())
}

/// The repairs the parser makes to HTML elements (the "in body" and table rules).
fn html_rules(parent: Option<Frame<'_>>, tag: &str, children: &[VNode]) -> Result<(), String> {
    let parent_tag = parent
        .filter(|p| p.element.namespace == Namespace::Html)
        .map(|p| p.element.tag);
    let parent_is = |names: &[&str]| parent_tag.is_some_and(|t| one_of(names, t));
    if one_of(&["html", "head", "body"], tag) {
        return Err(format!(
            "<{tag}> cannot be written inside a page: the HTML parser ignores the tag"
        ));
    }
    if tag.eq_ignore_ascii_case("image") {
        return Err("the HTML parser turns <image> into <img>".to_owned());
    }
    if one_of(&["select", "selectedcontent"], tag) {
        return Err(format!(
            "browsers rebuild what is inside <{tag}> by rules that differ between them \
             (some keep only <option>s), so it may not come back as written"
        ));
    }
    // Table structure, both ways.
    if let Some((_, parents)) = TABLE_PARENTS
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(tag))
        && !parent_is(parents)
    {
        return Err(format!(
            "<{tag}> belongs directly inside <{}>: anywhere else the HTML parser drops the tag \
             or adds the missing parent",
            parents.join("> or <")
        ));
    }
    let Some(parent) = parent else {
        return leading_newline_problem(tag, children);
    };
    if one_of(&CLOSES_P, tag) && parent.p > parent.boundary {
        return Err(format!(
            "<{tag}> inside <p>: the HTML parser ends the <p> before <{tag}>, so <{tag}> \
             would come after it, not inside"
        ));
    }
    if is_heading(tag) && parent_tag.is_some_and(is_heading) {
        return Err(format!(
            "a heading directly inside a heading: the HTML parser ends the <{}> first",
            parent.element.tag
        ));
    }
    let (own, other) = if tag.eq_ignore_ascii_case("li") {
        (parent.li, parent.dd_dt)
    } else if tag.eq_ignore_ascii_case("dd") || tag.eq_ignore_ascii_case("dt") {
        (parent.dd_dt, parent.li)
    } else {
        (0, 0)
    };
    if own > parent.special.max(other) {
        return Err(format!(
            "<{tag}> inside another list item with no list in between: the HTML parser ends \
             the open item first (put a <ul>, <ol> or <dl> around it)"
        ));
    }
    let nesting = [
        ("a", parent.links, "a link inside a link"),
        ("form", parent.forms, "a form inside a form"),
        ("button", parent.buttons, "a button inside a button"),
        ("nobr", parent.nobrs, "<nobr> inside <nobr>"),
    ];
    for (name, open, what) in nesting {
        if tag.eq_ignore_ascii_case(name) && open > 0 {
            return Err(format!(
                "{what}: the HTML parser ends the outer one first (or drops the inner form)"
            ));
        }
    }
    if one_of(&["option", "optgroup"], tag) && parent_is(&["option"]) {
        return Err(format!(
            "<{tag}> directly inside <option>: the HTML parser ends the <option> first"
        ));
    }
    let implied: &[&str] = if one_of(&["rb", "rtc"], tag) {
        &IMPLIED_END
    } else if one_of(&["rp", "rt"], tag) {
        &IMPLIED_END[..9]
    } else {
        &[]
    };
    if parent.rubies > 0 && parent_is(implied) {
        return Err(format!(
            "<{tag}> directly inside <{}> inside a <ruby>: the HTML parser ends the <{}> first",
            parent.element.tag, parent.element.tag
        ));
    }
    leading_newline_problem(tag, children)
}

/// `<pre>`, `<listing>` and `<textarea>` lose a line break that comes right after the
/// start tag.
fn leading_newline_problem(tag: &str, children: &[VNode]) -> Result<(), String> {
    if !one_of(&["pre", "listing", "textarea"], tag) {
        return Ok(());
    }
    let first = children
        .iter()
        .find(|c| c.as_text() != Some(""))
        .and_then(VNode::as_text);
    if first.is_some_and(|t| t.starts_with('\n')) {
        return Err(format!(
            "the text of <{tag}> starts with a line break, which the HTML parser drops \
             right after <{tag}>: the page would lose it"
        ));
    }
    Ok(())
}
