//! Which namespace the HTML parser gives an element: HTML, SVG or MathML.
//!
//! A [`VNode`](super::VNode) has no namespace field; it does not need one, because the
//! HTML parser decides the namespace of every element from where the element is. Inside
//! `<svg>` every element is an SVG element, inside `<math>` a MathML element, except in
//! the *integration points* where HTML comes back (`foreignObject`, `desc` and `title`
//! in SVG; `mi`, `mo`, `mn`, `ms`, `mtext` and an `annotation-xml` marked as HTML in
//! MathML). Those rules are written here once and used by everything that must agree with
//! the parser: [`VNode::render_html`](super::VNode::render_html) (text inside an SVG
//! `<style>` or `<xmp>` is *not* raw text and must be escaped), the markup parser, and
//! [`check_safe`](super::check_safe) (an HTML-only element such as `<p>` or `<img>`
//! inside `<svg>` makes the parser leave the SVG: the tree it builds is not this one).
//!
//! Getting this wrong is the classic *mutation XSS*: `<svg><xmp><img src=x
//! onerror=alert(1)></xmp></svg>` looks like text inside an `xmp` to a serializer that
//! ignores namespaces, but a browser parses that "text" as markup.

/// Where an element lives, as the HTML parser sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Namespace {
    /// An HTML element.
    Html,
    /// An SVG element (inside `<svg>`).
    Svg,
    /// A MathML element (inside `<math>`).
    MathMl,
}

/// An element as its children see it: its namespace, tag and attributes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Parent<'a> {
    pub(crate) namespace: Namespace,
    pub(crate) tag: &'a str,
    pub(crate) attributes: &'a [(String, String)],
}

/// How the parser handles a start tag inside a parent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rules {
    /// The HTML rules ("in body"): `<svg>` and `<math>` open SVG and MathML, every other
    /// tag is an HTML element.
    Html,
    /// The rules for foreign content: the element takes the parent's namespace, unless it
    /// is one of the HTML-only tags that end the foreign content ([`breaks_out`]).
    Foreign(Namespace),
}

/// The rules for start tags directly inside `parent` (`None`: at the top, as inside a
/// `<body>` or `<div>` that the HTML is written into). `child` is the start tag's name.
pub(crate) fn rules_inside(parent: Option<Parent<'_>>, child: &str) -> Rules {
    let Some(parent) = parent else {
        return Rules::Html;
    };
    let tag = parent.tag;
    match parent.namespace {
        Namespace::Html => Rules::Html,
        Namespace::Svg => {
            if ["foreignobject", "desc", "title"]
                .iter()
                .any(|t| t.eq_ignore_ascii_case(tag))
            {
                // HTML integration points.
                Rules::Html
            } else {
                Rules::Foreign(Namespace::Svg)
            }
        }
        Namespace::MathMl => {
            let text_point = ["mi", "mo", "mn", "ms", "mtext"]
                .iter()
                .any(|t| t.eq_ignore_ascii_case(tag));
            let glyph =
                child.eq_ignore_ascii_case("mglyph") || child.eq_ignore_ascii_case("malignmark");
            if text_point && !glyph {
                // MathML text integration points: HTML inside, except these two.
                return Rules::Html;
            }
            if tag.eq_ignore_ascii_case("annotation-xml")
                && (child.eq_ignore_ascii_case("svg") || annotation_holds_html(parent.attributes))
            {
                return Rules::Html;
            }
            Rules::Foreign(Namespace::MathMl)
        }
    }
}

/// An `annotation-xml` whose `encoding` says HTML is an HTML integration point.
fn annotation_holds_html(attributes: &[(String, String)]) -> bool {
    attributes.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("encoding")
            && (value.eq_ignore_ascii_case("text/html")
                || value.eq_ignore_ascii_case("application/xhtml+xml"))
    })
}

/// The namespace of an element `tag` directly inside `parent`, as the parser decides it
/// (for a tag that [`breaks_out`], the namespace it *would* have had: the parser puts it
/// elsewhere, which [`check_safe`](super::check_safe) refuses).
pub(crate) fn namespace_of(parent: Option<Parent<'_>>, tag: &str) -> Namespace {
    match rules_inside(parent, tag) {
        Rules::Html if tag.eq_ignore_ascii_case("svg") => Namespace::Svg,
        Rules::Html if tag.eq_ignore_ascii_case("math") => Namespace::MathMl,
        Rules::Html => Namespace::Html,
        Rules::Foreign(namespace) => namespace,
    }
}

/// HTML-only start tags that end SVG and MathML content: in foreign content the parser
/// closes the `<svg>`/`<math>` (and everything open inside it) and puts the element
/// after it, as HTML. `font` counts only with a `color`, `face` or `size` attribute.
const BREAKOUT_TAGS: [&str; 44] = [
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// Does a start tag `tag` with these attributes end foreign content (see above)?
pub(crate) fn breaks_out(tag: &str, attributes: &[(String, String)]) -> bool {
    if tag.eq_ignore_ascii_case("font") {
        return attributes.iter().any(|(name, _)| {
            ["color", "face", "size"]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(name))
        });
    }
    BREAKOUT_TAGS.iter().any(|t| t.eq_ignore_ascii_case(tag))
}
