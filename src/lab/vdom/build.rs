//! The element builder and the rules that decide whether an element can be written as
//! HTML that a browser parses back into the same element.

use std::fmt;

use super::VNode;

/// Elements that have a start tag only: the serializer writes no end tag and no children
/// (the standard's list, including the legacy `basefont`, `bgsound`, `frame`, `keygen` and
/// `param` that browsers still treat as void).
const VOID_ELEMENTS: [&str; 18] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose text the serializer writes literally, because the parser reads their
/// content as raw text up to the matching end tag. `noscript` belongs here because
/// browsers parse it with scripting enabled.
const RAW_TEXT_ELEMENTS: [&str; 8] = [
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "xmp",
];

/// Elements whose content the parser reads as text (with character references decoded):
/// markup inside them would come back as text, so they may hold text children only.
const ESCAPABLE_RAW_TEXT_ELEMENTS: [&str; 2] = ["textarea", "title"];

/// True for the void elements (`br`, `img`, `input`, …), compared ASCII case-insensitively.
pub fn is_void_element(tag: &str) -> bool {
    VOID_ELEMENTS.iter().any(|v| v.eq_ignore_ascii_case(tag))
}

/// True for the elements whose text children are serialized literally (`script`, `style`,
/// `xmp`, `iframe`, `noembed`, `noframes`, `noscript`, `plaintext`).
pub fn is_raw_text_element(tag: &str) -> bool {
    RAW_TEXT_ELEMENTS
        .iter()
        .any(|v| v.eq_ignore_ascii_case(tag))
}

/// True for elements that may contain text only (raw text elements plus `textarea` and
/// `title`).
pub(crate) fn is_text_only_element(tag: &str) -> bool {
    is_raw_text_element(tag)
        || ESCAPABLE_RAW_TEXT_ELEMENTS
            .iter()
            .any(|v| v.eq_ignore_ascii_case(tag))
}

/// A tag name this module can write: an ASCII letter, then ASCII letters, digits, `-`, `_`
/// or `.` (enough for every HTML element and for custom elements such as `my-widget`).
///
/// The HTML tokenizer would end a name at a space, `/` or `>`, so a name containing one
/// could not be written at all; the narrower ASCII rule also keeps `document.createElement`
/// happy in every browser.
pub fn is_valid_tag_name(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if first.is_ascii_alphabetic() => {
            chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        }
        _ => false,
    }
}

/// An attribute name this module can write: an ASCII letter, `_` or `:`, then ASCII
/// letters, digits, `-`, `_`, `.` or `:` (so `class`, `data-id`, `aria-label`,
/// `xlink:href`). These are names that `setAttribute` accepts in every browser and that
/// the HTML tokenizer reads back whole.
pub fn is_valid_attribute_name(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if first.is_ascii_alphabetic() || matches!(first, '_' | ':') => {
            chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        }
        _ => false,
    }
}

/// Why an element cannot be written as HTML that parses back into the same element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// The tag name breaks [`is_valid_tag_name`].
    InvalidTagName {
        /// The offending name.
        tag: String,
    },
    /// An attribute name breaks [`is_valid_attribute_name`].
    InvalidAttributeName {
        /// The element's tag.
        tag: String,
        /// The offending attribute name.
        name: String,
    },
    /// A void element (`br`, `img`, …) was given children; HTML has no way to write them.
    ChildrenInVoidElement {
        /// The element's tag.
        tag: String,
    },
    /// A text-only element (`script`, `style`, `textarea`, `title`, …) was given an element
    /// child; the parser would read it back as text.
    ElementInTextOnlyElement {
        /// The text-only element's tag.
        tag: String,
        /// The child element's tag.
        child: String,
    },
    /// The raw text contains `</tag` (any case), which would end the element early and let
    /// the rest be read as markup.
    RawTextClosesElement {
        /// The raw text element's tag.
        tag: String,
        /// Character offset of the `<` in the element's text.
        offset: usize,
    },
    /// Script text opens `<!--` and then `<script` without a closing `-->`: a browser would
    /// then ignore the real `</script>` and read the rest of the page as script.
    ScriptEscapeNotClosed,
    /// `<plaintext>` can never be closed: everything after it becomes text.
    PlaintextElement,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::InvalidTagName { tag } => write!(
                f,
                "tag name {tag:?} is not valid: it must start with a letter and contain only \
                 letters, digits, '-', '_' or '.'"
            ),
            BuildError::InvalidAttributeName { tag, name } => write!(
                f,
                "attribute name {name:?} on <{tag}> is not valid: it must start with a letter, \
                 '_' or ':' and contain only letters, digits, '-', '_', '.' or ':'"
            ),
            BuildError::ChildrenInVoidElement { tag } => write!(
                f,
                "<{tag}> is a void element: it has no end tag, so it cannot have children"
            ),
            BuildError::ElementInTextOnlyElement { tag, child } => write!(
                f,
                "<{tag}> can only contain text, but it was given a <{child}> element \
                 (a browser would read it back as text)"
            ),
            BuildError::RawTextClosesElement { tag, offset } => write!(
                f,
                "the text of <{tag}> contains \"</{tag}\" at character {offset}, which would \
                 end the element early and turn the rest into markup"
            ),
            BuildError::ScriptEscapeNotClosed => f.write_str(
                "the script text opens \"<!--\" and then \"<script\" without a closing \"-->\": \
                 a browser would ignore the real </script> and read the rest of the page as script",
            ),
            BuildError::PlaintextElement => f.write_str(
                "<plaintext> can never be closed: everything after it would become text",
            ),
        }
    }
}

impl std::error::Error for BuildError {}

/// Checks one element (not its descendants) against every rule of
/// [`ElementBuilder::try_build`]. Shared by the builder, the markup parser, the renderer
/// and [`super::check_safe`].
pub(crate) fn check_element(
    tag: &str,
    attributes: &[(String, String)],
    children: &[VNode],
) -> Result<(), BuildError> {
    if !is_valid_tag_name(tag) {
        return Err(BuildError::InvalidTagName {
            tag: tag.to_owned(),
        });
    }
    if let Some((name, _)) = attributes
        .iter()
        .find(|(name, _)| !is_valid_attribute_name(name))
    {
        return Err(BuildError::InvalidAttributeName {
            tag: tag.to_owned(),
            name: name.clone(),
        });
    }
    check_content(tag, children)
}

/// The content rules alone (void, text-only, raw text), for an element whose names are
/// already known to be valid.
pub(crate) fn check_content(tag: &str, children: &[VNode]) -> Result<(), BuildError> {
    if tag.eq_ignore_ascii_case("plaintext") {
        return Err(BuildError::PlaintextElement);
    }
    if is_void_element(tag) {
        if children.is_empty() {
            return Ok(());
        }
        return Err(BuildError::ChildrenInVoidElement {
            tag: tag.to_owned(),
        });
    }
    if !is_text_only_element(tag) {
        return Ok(());
    }
    if let Some(child) = children.iter().find_map(VNode::tag) {
        return Err(BuildError::ElementInTextOnlyElement {
            tag: tag.to_owned(),
            child: child.to_owned(),
        });
    }
    if is_raw_text_element(tag) {
        // Adjacent text children are written back to back, so a closing tag can be split
        // across two of them: check the concatenation.
        let text: String = children.iter().filter_map(VNode::as_text).collect();
        raw_text_problem(tag, &text)?;
    }
    Ok(())
}

/// Is `rest` (the bytes after a `<`) the start of `</tag` or, when `slash` is false, `<tag`
/// followed by a character that ends a tag name?
fn names_tag_at(rest: &[u8], tag: &str, slash: bool) -> bool {
    let rest = if slash {
        match rest.strip_prefix(b"/") {
            Some(r) => r,
            None => return false,
        }
    } else {
        rest
    };
    let Some(name) = rest.get(..tag.len()) else {
        return false;
    };
    if !name.eq_ignore_ascii_case(tag.as_bytes()) {
        return false;
    }
    if slash {
        // Any `</tag` is refused, whatever follows: simpler to state and to trust.
        return true;
    }
    matches!(
        rest.get(tag.len()),
        Some(b'\t' | b'\n' | b'\x0c' | b' ' | b'/' | b'>')
    )
}

/// Would `text`, written raw inside `<tag>…</tag>`, end the element somewhere other than
/// at the serializer's own end tag?
pub(crate) fn raw_text_problem(tag: &str, text: &str) -> Result<(), BuildError> {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('<') {
        if names_tag_at(bytes.get(i + 1..).unwrap_or_default(), tag, true) {
            return Err(BuildError::RawTextClosesElement {
                tag: tag.to_owned(),
                offset: text.get(..i).map_or(0, |t| t.chars().count()),
            });
        }
    }
    if tag.eq_ignore_ascii_case("script") && ends_double_escaped(bytes) {
        return Err(BuildError::ScriptEscapeNotClosed);
    }
    Ok(())
}

/// Runs the HTML tokenizer's script-data states (data, escaped, double escaped, with their
/// dash states) over `text` and reports whether it ends inside a double-escaped section,
/// where the serializer's `</script>` would not close the element. Assumes `</script` does
/// not occur (checked before).
fn ends_double_escaped(text: &[u8]) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Data,
        Escaped,
        EscapedDash,
        EscapedDashDash,
        Double,
        DoubleDash,
        DoubleDashDash,
    }
    let mut state = State::Data;
    let mut i = 0usize;
    while let Some(&byte) = text.get(i) {
        let rest = text.get(i + 1..).unwrap_or_default();
        i += 1;
        state = match (state, byte) {
            (State::Data, b'<') if rest.starts_with(b"!--") => {
                i += 3;
                State::EscapedDashDash
            }
            (State::Data, _) => State::Data,
            (State::Escaped | State::EscapedDash | State::EscapedDashDash, b'<') => {
                if names_tag_at(rest, "script", false) {
                    i += "script".len() + 1;
                    State::Double
                } else {
                    State::Escaped
                }
            }
            (State::Escaped, b'-') => State::EscapedDash,
            (State::EscapedDash | State::EscapedDashDash, b'-') => State::EscapedDashDash,
            (State::EscapedDashDash, b'>') => State::Data,
            (State::Escaped | State::EscapedDash | State::EscapedDashDash, _) => State::Escaped,
            (State::Double, b'-') => State::DoubleDash,
            (State::DoubleDash | State::DoubleDashDash, b'-') => State::DoubleDashDash,
            (State::DoubleDashDash, b'>') => State::Data,
            (State::Double | State::DoubleDash | State::DoubleDashDash, _) => State::Double,
        };
    }
    matches!(
        state,
        State::Double | State::DoubleDash | State::DoubleDashDash
    )
}

/// Builds a [`VNode::Element`]; made by [`VNode::element`].
///
/// Tag and attribute names are stored in ASCII lowercase, as the HTML parser and the DOM's
/// `createElement`/`setAttribute` store them, so the tree matches what a browser holds.
/// Setting an attribute twice keeps its first position and the last value (like
/// `setAttribute`).
#[derive(Clone, Debug, PartialEq)]
#[must_use = "call .build() or .try_build() to get the VNode"]
pub struct ElementBuilder {
    tag: String,
    key: Option<String>,
    attributes: Vec<(String, String)>,
    children: Vec<VNode>,
}

impl ElementBuilder {
    pub(crate) fn new(mut tag: String) -> ElementBuilder {
        tag.make_ascii_lowercase();
        ElementBuilder {
            tag,
            key: None,
            attributes: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Sets an attribute (name lowercased; an existing one keeps its place and takes the
    /// new value).
    pub fn attr(mut self, name: impl Into<String>, value: impl Into<String>) -> ElementBuilder {
        let mut name = name.into();
        name.make_ascii_lowercase();
        let value = value.into();
        match self.attributes.iter_mut().find(|(n, _)| *n == name) {
            Some(existing) => existing.1 = value,
            None => self.attributes.push((name, value)),
        }
        self
    }

    /// Sets the key that identifies this element among its siblings when diffing. It is
    /// not an attribute and is never rendered.
    pub fn key(mut self, key: impl Into<String>) -> ElementBuilder {
        self.key = Some(key.into());
        self
    }

    /// Appends one child (a [`VNode`], another builder, or a string for a text node).
    pub fn child(mut self, node: impl Into<VNode>) -> ElementBuilder {
        self.children.push(node.into());
        self
    }

    /// Appends every child of an iterator.
    pub fn children<I>(mut self, nodes: I) -> ElementBuilder
    where
        I: IntoIterator,
        I::Item: Into<VNode>,
    {
        self.children.extend(nodes.into_iter().map(Into::into));
        self
    }

    /// The element, or the reason HTML cannot express it: an invalid tag or attribute name,
    /// children on a void element, an element inside a text-only element (`script`,
    /// `style`, `textarea`, `title`, …), raw text that would close its element early
    /// (`</script` in any case inside a script), or `<plaintext>`.
    ///
    /// Only this element's own content is checked; children built with the builder were
    /// checked when they were built.
    pub fn try_build(self) -> Result<VNode, BuildError> {
        check_element(&self.tag, &self.attributes, &self.children)?;
        Ok(VNode::Element {
            tag: self.tag,
            key: self.key,
            attributes: self.attributes,
            children: self.children,
        })
    }

    /// The element, never panicking. When [`ElementBuilder::try_build`] would refuse it,
    /// the result is instead a **text node carrying the error message** (for example
    /// `"⚠ invalid element: <br> is a void element: …"`).
    ///
    /// Why this choice: the other options are worse. Dropping the offending child or
    /// attribute hides a bug silently; rewriting raw script text changes what the script
    /// means; panicking takes the whole app down. A text node is escaped when rendered, so
    /// it is always safe, and it shows the mistake on the page where the element should be.
    pub fn build(self) -> VNode {
        self.try_build()
            .unwrap_or_else(|error| VNode::Text(format!("⚠ invalid element: {error}")))
    }
}
