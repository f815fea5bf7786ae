//! A small HTML-like markup parser for the tab's editors.
//!
//! It reads what a person types — elements, attributes, text, comments, character
//! references — into [`VNode`]s, and says precisely what is wrong (line and column) when
//! the markup is not something the renderer could write back. It is stricter than a
//! browser on purpose: a browser silently repairs `<div/>`, mismatched end tags and
//! unknown entities, which hides exactly the mistakes this lab is about.

use std::collections::HashSet;
use std::fmt;

use super::VNode;
use super::build::{check_content, is_raw_text_element, is_void_element};
use super::namespace::{Namespace, Parent, Rules, breaks_out, namespace_of, rules_inside};

/// How deep elements may nest in parsed markup. The parser itself does not recurse; the
/// bound protects what comes after it (the browser's own DOM, a recursive conversion into
/// `yew::Html`) from hostile input such as 100,000 `<div>`s.
pub const MAX_MARKUP_DEPTH: usize = 256;

/// A markup error at a place a person can find: 1-based line and column, the column
/// counted in characters (a CRLF or a lone CR counts as one line break).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for MarkupError {}

/// Parses markup into a list of top-level nodes.
///
/// Accepted:
/// * elements `<tag …>…</tag>`; names are ASCII and stored lowercase; end tags must match
///   (`</span> does not match <div> opened at 2:3`);
/// * void elements (`<br>`, `<img …>`, optionally `<br/>`); `<div/>` is an error, because
///   a browser ignores that `/` and leaves the `<div>` open;
/// * attributes quoted with `"` or `'`, unquoted (`class=row`), or boolean (`disabled`,
///   value `""`); a repeated attribute is an error;
/// * the `key` attribute becomes the node's key (so it is reserved: no element can have a
///   real attribute called `key`);
/// * text with character references: `&amp; &lt; &gt; &quot; &apos; &nbsp;`, decimal
///   `&#39;` and hex `&#x2713;`, and a few dozen common named ones (`&copy; &mdash; &hellip;
///   &euro; &rarr;` …); a `&` not followed by `name;` or `#…;` is a literal `&`;
/// * `script style xmp iframe noembed noframes noscript` content as raw text up to the
///   end tag, `textarea` and `title` content as text with references decoded — for HTML
///   elements; inside `<svg>` and `<math>` (outside their HTML integration points) those
///   are ordinary elements whose content is markup, `<circle/>` is an empty element and
///   no element is void, exactly as the HTML parser reads them; an HTML-only element
///   there (`<p>`, `<img>`, `<b>` …, which would make a browser leave the SVG) is an
///   error;
/// * comments `<!-- … -->`, skipped as if they were not there: `a<!-- -->b` is the one
///   text `ab`; a `<` not followed by a letter, `/` or `!` is text.
///
/// Whitespace: text made only of whitespace that contains a line break is dropped (the
/// JSX rule: indentation is not content); all other text is kept exactly, spaces included.
///
/// Refused, with a message: unclosed or mismatched tags, an end tag for a void element,
/// `<!DOCTYPE>`/CDATA, unknown `&name;`, broken numeric references, `<plaintext>`, raw
/// text that the renderer could not write back, and nesting deeper than
/// [`MAX_MARKUP_DEPTH`]. Never panics; no recursion.
///
/// ```
/// use wasm_playground::lab::vdom::parse_markup;
/// let nodes = parse_markup("<ul>\n  <li key=\"a\">A &amp; B</li>\n</ul>").unwrap();
/// assert_eq!(nodes[0].children()[0].key(), Some("a"));
/// let error = parse_markup("<div>\n  <span></div>").unwrap_err();
/// assert_eq!((error.line, error.column), (2, 9));
/// assert_eq!(error.message, "</div> does not match <span> opened at 2:3");
/// ```
pub fn parse_markup(text: &str) -> Result<Vec<VNode>, MarkupError> {
    Parser::new(text)
        .run()
        .map(|nodes| nodes.into_iter().map(|(node, _)| node).collect())
}

/// Parses markup that must hold exactly one top-level node (whitespace-only text around
/// it is ignored), as each of the tab's editors does; see [`parse_markup`] for the syntax.
pub fn parse_markup_root(text: &str) -> Result<VNode, MarkupError> {
    let parser = Parser::new(text);
    let mut nodes = parser
        .run()?
        .into_iter()
        .filter(|(node, _)| !node.as_text().is_some_and(is_blank));
    let Some((root, _)) = nodes.next() else {
        return Err(MarkupError {
            line: 1,
            column: 1,
            message: "the markup is empty: write one element, e.g. <div></div>".to_owned(),
        });
    };
    if let Some((_, start)) = nodes.next() {
        let (line, column) = Parser::new(text).line_column(start);
        return Err(MarkupError {
            line,
            column,
            message: "expected one root element, but another node starts here; wrap them all \
                      in one element"
                .to_owned(),
        });
    }
    Ok(root)
}

fn is_blank(text: &str) -> bool {
    text.chars().all(is_space)
}

/// HTML's ASCII whitespace (CR never survives normalisation).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0c')
}

fn is_tag_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn is_attribute_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')
}

/// A few dozen named character references: the ones people type by hand. The full table
/// has 2,231 entries; an unknown name is reported, not guessed.
const NAMED_REFERENCES: [(&str, char); 44] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("shy", '\u{ad}'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("times", '×'),
    ("divide", '÷'),
    ("minus", '−'),
    ("plusmn", '±'),
    ("middot", '·'),
    ("bull", '•'),
    ("deg", '°'),
    ("micro", 'µ'),
    ("para", '¶'),
    ("sect", '§'),
    ("cent", '¢'),
    ("pound", '£'),
    ("euro", '€'),
    ("yen", '¥'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("check", '✓'),
    ("hearts", '♥'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
];

/// An element whose end tag has not been seen yet.
struct Open {
    tag: String,
    /// Where the HTML parser would put it (see [`namespace_of`]).
    namespace: Namespace,
    key: Option<String>,
    attributes: Vec<(String, String)>,
    children: Vec<VNode>,
    /// Char index of its `<`.
    start: usize,
}

/// Text being collected between tags.
#[derive(Default)]
struct PendingText {
    text: String,
    /// Char index where it started.
    start: usize,
    /// Every source character so far was whitespace (a character reference clears this:
    /// `&#10;` is content, not indentation).
    source_blank: bool,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    open: Vec<Open>,
    /// Finished top-level nodes with the char index where each starts.
    top: Vec<(VNode, usize)>,
    text: PendingText,
}

type Parsed<T> = Result<T, MarkupError>;

impl Parser {
    fn new(text: &str) -> Parser {
        // The HTML parser's newline normalisation: CRLF and lone CR become LF.
        let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        Parser {
            chars: normalised.chars().collect(),
            pos: 0,
            open: Vec::new(),
            top: Vec::new(),
            text: PendingText::default(),
        }
    }

    fn line_column(&self, index: usize) -> (usize, usize) {
        let before = self.chars.get(..index).unwrap_or(&self.chars);
        let line = 1 + before.iter().filter(|&&c| c == '\n').count();
        let column = 1 + before.iter().rev().take_while(|&&c| c != '\n').count();
        (line, column)
    }

    fn error_at(&self, index: usize, message: impl Into<String>) -> MarkupError {
        let (line, column) = self.line_column(index);
        MarkupError {
            line,
            column,
            message: message.into(),
        }
    }

    fn place(&self, index: usize) -> String {
        let (line, column) = self.line_column(index);
        format!("{line}:{column}")
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos.saturating_add(offset)).copied()
    }

    fn starts_with(&self, at: usize, literal: &str) -> bool {
        let mut i = at;
        for expected in literal.chars() {
            match self.chars.get(i) {
                Some(&c) if c == expected => i += 1,
                _ => return false,
            }
        }
        true
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> String {
        let mut taken = String::new();
        while let Some(c) = self.peek().filter(|&c| keep(c)) {
            taken.push(c);
            self.pos += 1;
        }
        taken
    }

    fn run(mut self) -> Parsed<Vec<(VNode, usize)>> {
        while let Some(c) = self.peek() {
            match c {
                '<' => self.markup()?,
                '&' => {
                    let start = self.pos;
                    let decoded = self.reference()?;
                    self.push_text(start, &decoded, false);
                }
                _ => {
                    self.pos += 1;
                    let mut buffer = [0u8; 4];
                    self.push_text(self.pos - 1, c.encode_utf8(&mut buffer), is_space(c));
                }
            }
        }
        self.flush_text();
        if let Some(open) = self.open.last() {
            return Err(self.error_at(
                open.start,
                format!(
                    "<{tag}> is never closed: expected </{tag}> before the end of the text",
                    tag = open.tag
                ),
            ));
        }
        Ok(self.top)
    }

    fn push_text(&mut self, at: usize, text: &str, blank: bool) {
        if self.text.text.is_empty() {
            self.text.start = at;
            self.text.source_blank = true;
        }
        self.text.text.push_str(text);
        self.text.source_blank &= blank;
    }

    fn flush_text(&mut self) {
        let PendingText {
            text,
            start,
            source_blank,
        } = std::mem::take(&mut self.text);
        if text.is_empty() || (source_blank && text.contains('\n')) {
            return;
        }
        self.append(VNode::Text(text), start);
    }

    fn append(&mut self, node: VNode, start: usize) {
        match self.open.last_mut() {
            Some(parent) => parent.children.push(node),
            None => self.top.push((node, start)),
        }
    }

    /// At a `<`: a tag, an end tag, a comment, or a literal `<`.
    fn markup(&mut self) -> Parsed<()> {
        let start = self.pos;
        match self.peek_at(1) {
            // The text around a comment stays one pending text: the tree has no comment
            // nodes, so "a<!-- -->b" is the text "ab", as in a DOM whose comments were
            // removed and then normalised. Two adjacent texts could not come back from
            // `to_markup`, which writes them as one.
            Some('!') => self.comment(start),
            Some('/') => {
                self.flush_text();
                self.end_tag(start)
            }
            Some(c) if c.is_ascii_alphabetic() => {
                self.flush_text();
                self.start_tag(start)
            }
            _ => {
                // "a < b": HTML reads a `<` that starts nothing as text.
                self.pos += 1;
                self.push_text(start, "<", false);
                Ok(())
            }
        }
    }

    fn comment(&mut self, start: usize) -> Parsed<()> {
        if !self.starts_with(start, "<!--") {
            return Err(self.error_at(
                start,
                "'<!' only starts a comment, written <!-- … -->; doctypes and CDATA \
                 sections are not supported here",
            ));
        }
        let mut i = start + 4;
        while i < self.chars.len() {
            if self.starts_with(i, "-->") {
                self.pos = i + 3;
                return Ok(());
            }
            i += 1;
        }
        Err(self.error_at(start, "this comment is never closed with '-->'"))
    }

    fn end_tag(&mut self, start: usize) -> Parsed<()> {
        self.pos = start + 2;
        if !self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            return Err(self.error_at(self.pos, "expected a tag name after '</'"));
        }
        let tag = self.take_while(is_tag_name_char).to_ascii_lowercase();
        self.skip_spaces();
        if self.peek() != Some('>') {
            return Err(self.error_at(self.pos, format!("expected '>' to close </{tag}")));
        }
        self.pos += 1;
        // Inside SVG and MathML a `<source>` or `<link>` is an ordinary element with an
        // end tag.
        let closes_foreign = self
            .open
            .last()
            .is_some_and(|open| open.namespace != Namespace::Html && open.tag == tag);
        if is_void_element(&tag) && !closes_foreign {
            return Err(self.error_at(
                start,
                format!("<{tag}> is a void element and has no end tag: write <{tag}> alone"),
            ));
        }
        let Some(open) = self.open.pop() else {
            return Err(self.error_at(start, format!("</{tag}> has no matching start tag")));
        };
        if open.tag != tag {
            let message = format!(
                "</{tag}> does not match <{}> opened at {}",
                open.tag,
                self.place(open.start)
            );
            return Err(self.error_at(start, message));
        }
        let element = VNode::Element {
            tag: open.tag,
            key: open.key,
            attributes: open.attributes,
            children: open.children,
        };
        self.append(element, open.start);
        Ok(())
    }

    fn start_tag(&mut self, start: usize) -> Parsed<()> {
        self.pos = start + 1;
        let tag = self.take_while(is_tag_name_char).to_ascii_lowercase();
        let mut key: Option<String> = None;
        let mut attributes: Vec<(String, String)> = Vec::new();
        // Names seen so far in this tag: a lookup per attribute instead of a scan of the
        // ones before it, which made a tag with n attributes cost n²/2 comparisons.
        let mut names: HashSet<String> = HashSet::new();
        let self_closing =
            loop {
                let had_space = self.peek().is_some_and(is_space);
                self.skip_spaces();
                match self.peek() {
                    None => {
                        return Err(self.error_at(start, format!("expected '>' to close <{tag}")));
                    }
                    Some('>') => {
                        self.pos += 1;
                        break false;
                    }
                    Some('/') => {
                        if self.peek_at(1) != Some('>') {
                            return Err(self
                                .error_at(self.pos, format!("expected '>' after '/' in <{tag}")));
                        }
                        self.pos += 2;
                        break true;
                    }
                    Some(c) if c.is_ascii_alphabetic() || matches!(c, '_' | ':') => {
                        if !had_space {
                            return Err(self.error_at(
                                self.pos,
                                format!("expected a space before this attribute in <{tag}"),
                            ));
                        }
                        let name_at = self.pos;
                        let name = self.take_while(is_attribute_name_char).to_ascii_lowercase();
                        let value = self.attribute_value(&tag, &name)?;
                        if name == "key" {
                            if key.is_some() {
                                return Err(self
                                    .error_at(name_at, format!("<{tag}> has two key attributes")));
                            }
                            key = Some(value);
                        } else if !names.insert(name.clone()) {
                            return Err(self.error_at(
                                name_at,
                                format!("duplicate attribute {name:?} on <{tag}>"),
                            ));
                        } else {
                            attributes.push((name, value));
                        }
                    }
                    Some(c) => {
                        return Err(self.error_at(
                        self.pos,
                        format!(
                            "unexpected {c:?} in <{tag}: expected an attribute name, '>' or '/>'"
                        ),
                    ));
                    }
                }
            };
        let parent = self.open.last().map(|open| Parent {
            namespace: open.namespace,
            tag: &open.tag,
            attributes: &open.attributes,
        });
        if let (Rules::Foreign(_), Some(parent)) = (rules_inside(parent, &tag), parent)
            && breaks_out(&tag, &attributes)
        {
            let message = format!(
                "<{tag}> is HTML only and cannot be inside <{}>: a browser would end the SVG or \
                 MathML content here and put <{tag}> after it",
                parent.tag
            );
            return Err(self.error_at(start, message));
        }
        let namespace = namespace_of(parent, &tag);
        if namespace != Namespace::Html {
            // SVG and MathML: `<circle/>` is an empty element, as in XML (the HTML parser
            // honours the '/' there), and no element is void, raw text or RCDATA: what
            // follows is markup, as a browser reads it.
            if self_closing {
                let element = VNode::Element {
                    tag,
                    key,
                    attributes,
                    children: Vec::new(),
                };
                self.append(element, start);
                return Ok(());
            }
            return self.open_element(tag, namespace, key, attributes, start);
        }
        if self_closing && !is_void_element(&tag) {
            return Err(self.error_at(
                start,
                format!(
                    "<{tag}/> is not HTML: a browser ignores the '/' and leaves <{tag}> open; \
                     write <{tag}></{tag}>"
                ),
            ));
        }
        if tag == "plaintext" {
            return Err(self.error_at(
                start,
                "<plaintext> is not supported: it can never be closed, everything after it \
                 becomes text",
            ));
        }
        if is_void_element(&tag) {
            let element = VNode::Element {
                tag,
                key,
                attributes,
                children: Vec::new(),
            };
            self.append(element, start);
            return Ok(());
        }
        let rcdata = tag == "textarea" || tag == "title";
        if is_raw_text_element(&tag) || rcdata {
            let text = self.text_content(&tag, start, rcdata)?;
            let children = if text.is_empty() {
                Vec::new()
            } else {
                vec![VNode::Text(text)]
            };
            if let Err(error) = check_content(&tag, &children) {
                return Err(self.error_at(start, error.to_string()));
            }
            let element = VNode::Element {
                tag,
                key,
                attributes,
                children,
            };
            self.append(element, start);
            return Ok(());
        }
        self.open_element(tag, namespace, key, attributes, start)
    }

    /// Pushes an element whose content follows, up to its end tag.
    fn open_element(
        &mut self,
        tag: String,
        namespace: Namespace,
        key: Option<String>,
        attributes: Vec<(String, String)>,
        start: usize,
    ) -> Parsed<()> {
        if self.open.len() >= MAX_MARKUP_DEPTH {
            return Err(self.error_at(
                start,
                format!("elements are nested more than {MAX_MARKUP_DEPTH} levels deep"),
            ));
        }
        self.open.push(Open {
            tag,
            namespace,
            key,
            attributes,
            children: Vec::new(),
            start,
        });
        Ok(())
    }

    /// After an attribute name: `="…"`, `='…'`, `=value`, or nothing (a boolean attribute).
    fn attribute_value(&mut self, tag: &str, name: &str) -> Parsed<String> {
        let before_spaces = self.pos;
        self.skip_spaces();
        if self.peek() != Some('=') {
            self.pos = before_spaces;
            return Ok(String::new());
        }
        self.pos += 1;
        self.skip_spaces();
        match self.peek() {
            Some(quote @ ('"' | '\'')) => {
                let open_at = self.pos;
                self.pos += 1;
                let mut value = String::new();
                loop {
                    match self.peek() {
                        None => {
                            return Err(self.error_at(
                                open_at,
                                format!(
                                    "the value of {name:?} in <{tag}> starting here is never \
                                     closed with {quote}"
                                ),
                            ));
                        }
                        Some(c) if c == quote => {
                            self.pos += 1;
                            break;
                        }
                        Some('&') => value.push_str(&self.reference()?),
                        Some(c) => {
                            value.push(c);
                            self.pos += 1;
                        }
                    }
                }
                // `<a href="x"class="y">`: HTML wants a space after a quoted value.
                if self
                    .peek()
                    .is_some_and(|c| !is_space(c) && c != '>' && c != '/')
                {
                    return Err(self.error_at(
                        self.pos,
                        format!("expected a space or '>' after the value of {name:?} in <{tag}"),
                    ));
                }
                Ok(value)
            }
            Some(c) if !is_space(c) && c != '>' => {
                let mut value = String::new();
                while let Some(c) = self.peek().filter(|&c| !is_space(c) && c != '>') {
                    if matches!(c, '"' | '\'' | '<' | '=' | '`') {
                        return Err(self.error_at(
                            self.pos,
                            format!(
                                "unexpected {c:?} in the unquoted value of {name:?}: put the \
                                 value in quotes"
                            ),
                        ));
                    }
                    if c == '&' {
                        value.push_str(&self.reference()?);
                    } else {
                        value.push(c);
                        self.pos += 1;
                    }
                }
                Ok(value)
            }
            _ => Err(self.error_at(
                self.pos,
                format!("expected a value after '=' for {name:?} in <{tag}"),
            )),
        }
    }

    /// The content of a raw text (or, with `decode`, escapable raw text) element up to its
    /// end tag, which is consumed.
    fn text_content(&mut self, tag: &str, start: usize, decode: bool) -> Parsed<String> {
        let mut text = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error_at(
                    start,
                    format!(
                        "<{tag}> is never closed: expected </{tag}> before the end of the text"
                    ),
                ));
            };
            if c == '<' && self.closes(tag) {
                let end_at = self.pos;
                self.pos += 2 + tag.len();
                self.skip_spaces();
                if self.peek() != Some('>') {
                    return Err(self.error_at(end_at, format!("expected '>' to close </{tag}")));
                }
                self.pos += 1;
                return Ok(text);
            }
            if decode && c == '&' {
                text.push_str(&self.reference()?);
            } else {
                text.push(c);
                self.pos += 1;
            }
        }
    }

    /// Is the text at `pos` `</tag` followed by a character that ends a tag name?
    fn closes(&self, tag: &str) -> bool {
        if self.peek_at(1) != Some('/') {
            return false;
        }
        let name_matches = tag.chars().enumerate().all(|(i, expected)| {
            self.peek_at(2 + i)
                .is_some_and(|c| c.eq_ignore_ascii_case(&expected))
        });
        name_matches
            && self
                .peek_at(2 + tag.len())
                .is_none_or(|c| is_space(c) || c == '/' || c == '>')
    }

    /// At a `&`: a character reference, or a literal `&` when none starts here.
    fn reference(&mut self) -> Parsed<String> {
        let start = self.pos;
        match self.peek_at(1) {
            Some('#') => {
                self.pos += 2;
                let hex = matches!(self.peek(), Some('x' | 'X'));
                if hex {
                    self.pos += 1;
                }
                let radix = if hex { 16 } else { 10 };
                let digits = self.take_while(|c| c.is_digit(radix));
                if digits.is_empty() {
                    let expected = if hex { "hex digits" } else { "digits" };
                    return Err(self.error_at(
                        self.pos,
                        format!("expected {expected} in the character reference started here"),
                    ));
                }
                if self.peek() != Some(';') {
                    return Err(
                        self.error_at(self.pos, "expected ';' to end the character reference")
                    );
                }
                self.pos += 1;
                let code = u32::from_str_radix(&digits, radix).ok();
                match code.filter(|&c| c != 0).and_then(char::from_u32) {
                    Some(c) => Ok(c.to_string()),
                    None => Err(self.error_at(
                        start,
                        "this character reference is not a character (zero, a surrogate, or \
                         past U+10FFFF)",
                    )),
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let mut end = self.pos + 1;
                while self
                    .chars
                    .get(end)
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    end += 1;
                }
                if self.chars.get(end) != Some(&';') {
                    // "AT&T", "?a=1&b=2": no `;`, no reference.
                    self.pos += 1;
                    return Ok("&".to_owned());
                }
                let name: String = self
                    .chars
                    .get(self.pos + 1..end)
                    .unwrap_or_default()
                    .iter()
                    .collect();
                match NAMED_REFERENCES.iter().find(|(n, _)| *n == name) {
                    Some((_, c)) => {
                        self.pos = end + 1;
                        Ok(c.to_string())
                    }
                    None => Err(self.error_at(
                        start,
                        format!(
                            "unknown character reference '&{name};' (write &amp; for a \
                             literal '&')"
                        ),
                    )),
                }
            }
            _ => {
                self.pos += 1;
                Ok("&".to_owned())
            }
        }
    }
}
