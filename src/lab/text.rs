//! # Text at the boundary: the HTML email rule, locale-exact number grouping, UTF-8 vs UTF-16
//!
//! Three small lessons about text that a browser already "knows", re-done in Rust so the
//! Strings tab can put our answer next to the browser's and show that they agree.
//!
//! ## 1. The WHATWG "valid e-mail address"
//! `<input type=email>` does not use RFC 5322 (which allows comments, quoted strings and
//! IP literals); the HTML standard defines its own, deliberately simpler rule:
//!
//! ```text
//! email   = 1*( atext / "." ) "@" label *( "." label )
//! label   = let-dig [ [ ldh-str ] let-dig ]   ; at most 63 characters (RFC 1034 §3.5)
//! atext   = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "/"
//!         / "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~"      ; RFC 5322 §3.2.3
//! ```
//!
//! which the standard also gives as the regular expression
//! `^[a-zA-Z0-9.!#$%&'*+\/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$`.
//! Dots in the part before '@' are free (leading, trailing, doubled: all valid); the
//! whole address has no length limit. [`validate_email`] is exactly that rule, written as
//! a single left-to-right scan so that it can say *what* is wrong and *where*.
//!
//! A browser does two more things before it applies the rule, and
//! [`browser_accepts_email`] models them (after Firefox's `EmailInputType`):
//! the value is sanitized ([`sanitize_email_value`]: CR and LF removed, then leading and
//! trailing ASCII whitespace), and an internationalized domain (`bücher.de`) is converted
//! to its ASCII form (`xn--bcher-kva.de`, UTS #46 ToASCII) first.
//!
//! ## 2. Numbers the way `Intl.NumberFormat` writes them
//! Grouping is not just "a comma every three digits": German uses '.', French a narrow
//! no-break space U+202F, Polish U+00A0 and only from five digits on (minimum grouping
//! digits = 2, so `1234` but `12 345`), Indian English groups by two after the first
//! three (`12,34,56,789`), Swedish writes the minus as U+2212. [`format_number_in`]
//! reproduces `new Intl.NumberFormat(locale).format(BigInt(n))` for the locales in
//! [`SUPPORTED_LOCALES`], checked against a table generated with Node's ICU.
//!
//! ## 3. UTF-8 in Rust, UTF-16 in JavaScript
//! A Rust `String` is UTF-8 bytes; a JS string is UTF-16 code units. `"é"` is 1 char,
//! 2 UTF-8 bytes, 1 UTF-16 unit; `"😀"` is 1 char, 4 bytes, 2 units (a surrogate pair).
//! Every string that crosses the boundary is re-encoded. [`text_stats`] counts all three
//! and flags input that tends to surprise (NUL, right-to-left text, bidi controls,
//! invisible characters, combining marks).
//!
//! ## In production
//! * Email: the [`email_address`](https://docs.rs/email_address) crate parses full
//!   RFC 5322/6531 addresses, and [`validator`](https://docs.rs/validator) (`#[validate(email)]`)
//!   checks the HTML-like rule with IDN support. Ours leaves out RFC 5322 (on purpose:
//!   browsers do not use it) and `<input type=email multiple>` lists.
//! * Numbers: ICU4X [`icu_decimal`](https://docs.rs/icu_decimal) formats with real CLDR
//!   data for every locale, decimals, other numbering systems (Arabic-Indic digits...),
//!   compact and currency forms. Ours has a hand-checked table of grouping rules for a
//!   few locales and integers only; it carries no CLDR data, which keeps the `.wasm` small.
//! * Text: [`unicode-segmentation`](https://docs.rs/unicode-segmentation) counts
//!   grapheme clusters (what a person calls a character); ours counts `char`s.

use std::fmt;

use crate::lab::fmt::{count, grouped, plural};

pub mod batch;
mod explain;
mod hidden;

pub use explain::{
    CaretWindow, DELIVERABLE_EMAIL_MAX_CHARS, EMAIL_FIELD_MAX_CHARS, EmailCheck, Engine,
    caret_window, separators_in_words,
};
pub use hidden::{
    Piece, code_point, is_bidi_control, is_default_ignorable, is_hidden_char, pieces,
};

// ---------------------------------------------------------------------------------------
// Email
// ---------------------------------------------------------------------------------------

/// What is wrong with an email address; [`EmailError`] adds where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailErrorKind {
    /// The text is empty.
    Empty,
    /// There is no '@' at all.
    MissingAt,
    /// Nothing before the '@'.
    EmptyLocalPart,
    /// A character the part before '@' may not contain (space, quote, comma, non-ASCII...).
    LocalPartChar(char),
    /// Nothing after the '@'.
    EmptyDomain,
    /// A second '@'.
    ExtraAt,
    /// A character a domain may not contain (anything but ASCII letters, digits, '-', '.').
    DomainChar(char),
    /// The domain starts with '.'.
    DomainStartsWithDot,
    /// The domain ends with '.'.
    DomainEndsWithDot,
    /// Two dots in a row in the domain (an empty label).
    ConsecutiveDots,
    /// A domain label starts with '-'. Holds the label (shortened if very long).
    LabelStartsWithHyphen(String),
    /// A domain label ends with '-'. Holds the label (shortened if very long).
    LabelEndsWithHyphen(String),
    /// A domain label is longer than 63 characters.
    LabelTooLong {
        /// The label's length in characters.
        length: usize,
    },
}

/// Why a string is not a valid email address, and where.
///
/// `position` counts characters (Unicode scalar values, as `str::chars` does) from 0.
/// Every character before the reported one passed the rule and is therefore ASCII, so
/// the same number is also the byte index and the UTF-16 index (what JavaScript's
/// `setSelectionRange` wants); [`char_to_utf16_index`] converts in general. It is
/// `None` only for [`EmailErrorKind::Empty`] and [`EmailErrorKind::MissingAt`], which
/// have no single place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailError {
    /// What is wrong.
    pub kind: EmailErrorKind,
    /// The character it is about, counted in characters from 0.
    pub position: Option<usize>,
}

impl EmailError {
    fn at(kind: EmailErrorKind, position: usize) -> Self {
        EmailError {
            kind,
            position: Some(position),
        }
    }

    fn nowhere(kind: EmailErrorKind) -> Self {
        EmailError {
            kind,
            position: None,
        }
    }

    /// A second sentence that explains the rule behind the error, where one helps.
    pub fn hint(&self) -> Option<&'static str> {
        match &self.kind {
            EmailErrorKind::LocalPartChar('"') => Some(
                "Quoted local parts are valid in RFC 5322 but HTML deliberately does not accept them.",
            ),
            EmailErrorKind::LocalPartChar(c) if !c.is_ascii() => Some(
                "HTML accepts only ASCII before '@': letters, digits and . ! # $ % & ' * + / = ? ^ _ ` { | } ~ -",
            ),
            EmailErrorKind::LocalPartChar(_) => Some(
                "Before '@' only letters, digits and . ! # $ % & ' * + / = ? ^ _ ` { | } ~ - are allowed.",
            ),
            EmailErrorKind::DomainChar(c) if !c.is_ascii() => Some(
                "The rule is for ASCII domains; a browser first converts an international domain to its xn-- form.",
            ),
            EmailErrorKind::DomainChar(_) => {
                Some("A domain is made of labels of letters, digits and '-', separated by dots.")
            }
            EmailErrorKind::LabelTooLong { .. } => {
                Some("RFC 1034 limits each label of a domain name to 63 characters.")
            }
            EmailErrorKind::LabelStartsWithHyphen(_) | EmailErrorKind::LabelEndsWithHyphen(_) => {
                Some("A domain label may contain '-' but not begin or end with it.")
            }
            _ => None,
        }
    }
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.position.unwrap_or(0);
        match &self.kind {
            EmailErrorKind::Empty => write!(f, "the address is empty"),
            EmailErrorKind::MissingAt => write!(f, "'@' is missing"),
            EmailErrorKind::EmptyLocalPart => write!(f, "there is nothing before '@'"),
            EmailErrorKind::LocalPartChar(c) => write!(
                f,
                "character {} at position {p} is not allowed in the part before '@'",
                describe_char(*c)
            ),
            EmailErrorKind::EmptyDomain => write!(f, "there is nothing after '@'"),
            EmailErrorKind::ExtraAt => write!(
                f,
                "a second '@' at position {p} is not allowed: an address has exactly one '@'"
            ),
            EmailErrorKind::DomainChar(c) => write!(
                f,
                "character {} at position {p} is not allowed in the domain \
                 (only letters, digits, '-' and '.')",
                describe_char(*c)
            ),
            EmailErrorKind::DomainStartsWithDot => {
                write!(f, "the domain starts with '.' (position {p})")
            }
            EmailErrorKind::DomainEndsWithDot => {
                write!(f, "the domain ends with '.' (position {p})")
            }
            EmailErrorKind::ConsecutiveDots => {
                write!(f, "two dots in a row in the domain at position {p}")
            }
            EmailErrorKind::LabelStartsWithHyphen(label) => write!(
                f,
                "label '{label}' in the domain starts with '-' (position {p})"
            ),
            EmailErrorKind::LabelEndsWithHyphen(label) => write!(
                f,
                "label '{label}' in the domain ends with '-' (position {p})"
            ),
            EmailErrorKind::LabelTooLong { length } => write!(
                f,
                "the domain label starting at position {p} is longer than 63 characters \
                 (it has {length})"
            ),
        }
    }
}

impl std::error::Error for EmailError {}

/// A character as a person can read it in a message: `'x'` for visible ones, the code
/// point and a name for spaces, controls and invisible formatting characters.
fn describe_char(c: char) -> String {
    let name = match c {
        ' ' => return "' ' (space)".to_string(),
        '\0' => Some("NUL"),
        '\t' => Some("tab"),
        '\n' => Some("line feed"),
        '\r' => Some("carriage return"),
        '\u{A0}' => Some("no-break space"),
        '\u{AD}' => Some("soft hyphen"),
        '\u{200B}' => Some("zero-width space"),
        '\u{200C}' => Some("zero-width non-joiner"),
        '\u{200D}' => Some("zero-width joiner"),
        '\u{200E}' => Some("left-to-right mark"),
        '\u{200F}' => Some("right-to-left mark"),
        '\u{202E}' => Some("right-to-left override"),
        '\u{202F}' => Some("narrow no-break space"),
        '\u{2060}' => Some("word joiner"),
        '\u{FEFF}' => Some("byte order mark"),
        _ => None,
    };
    if name.is_some() || is_hidden_char(c) {
        match name {
            Some(name) => format!("{} ({name})", code_point(c)),
            None => code_point(c),
        }
    } else {
        format!("'{c}'")
    }
}

/// The characters RFC 5322 calls `atext`, plus '.', which HTML allows anywhere before '@'.
fn is_local_part_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c)
}

/// Longest label text quoted in a message; a 10 MB label must not make a 10 MB message.
const LABEL_QUOTE_MAX_CHARS: usize = 24;

fn quote_label(label: &str) -> String {
    let count = label.chars().count();
    if count <= LABEL_QUOTE_MAX_CHARS {
        return label.to_string();
    }
    // Head and tail: the tail is where a trailing '-' is.
    let head: String = label.chars().take(12).collect();
    let tail: String = label.chars().skip(count - 11).collect();
    format!("{head}…{tail}")
}

/// The label that starts at byte `start` of `domain`: up to the next '.' or the end.
fn label_from(domain: &str, start: usize) -> &str {
    let rest = domain.get(start..).unwrap_or("");
    rest.split('.').next().unwrap_or("")
}

// region: validate_email
/// Checks `s` against the WHATWG HTML "valid e-mail address" rule, exactly (see the
/// module docs for the grammar). No trimming, no IDN conversion: that is what
/// [`browser_accepts_email`] adds.
///
/// On failure the error names the first problem met reading left to right, with its
/// position in characters from 0, e.g. "character ' ' (space) at position 4 is not
/// allowed in the part before '@'". A missing '@' is reported before any character
/// problem, since it is the most useful thing to say about `"john smith"`.
/// Runs in one pass, linear in the length of `s`.
pub fn validate_email(s: &str) -> Result<(), EmailError> {
    if s.is_empty() {
        return Err(EmailError::nowhere(EmailErrorKind::Empty));
    }
    let Some(at_byte) = s.find('@') else {
        return Err(EmailError::nowhere(EmailErrorKind::MissingAt));
    };
    let (local, domain) = (&s[..at_byte], &s[at_byte + 1..]);
    if local.is_empty() {
        return Err(EmailError::at(EmailErrorKind::EmptyLocalPart, 0));
    }
    let mut position = 0;
    for c in local.chars() {
        if !is_local_part_char(c) {
            return Err(EmailError::at(EmailErrorKind::LocalPartChar(c), position));
        }
        position += 1;
    }
    // `position` is now the '@'; the domain starts one character later.
    validate_domain(domain, position + 1)
}

/// The part after '@': `label *("." label)`, labels of 1 to 63 letters, digits and '-'
/// that neither start nor end with '-'. `offset` is the character position of the
/// domain's first character in the whole address.
fn validate_domain(domain: &str, offset: usize) -> Result<(), EmailError> {
    if domain.is_empty() {
        return Err(EmailError::at(EmailErrorKind::EmptyDomain, offset));
    }
    let mut label_start_byte = 0;
    let mut label_start = offset; // character position
    let mut label_len = 0usize; // characters in the current label so far
    let mut previous = '@';
    let mut position = offset;
    for (byte, c) in domain.char_indices() {
        match c {
            '.' => {
                if label_len == 0 {
                    let kind = if position == offset {
                        EmailErrorKind::DomainStartsWithDot
                    } else {
                        EmailErrorKind::ConsecutiveDots
                    };
                    return Err(EmailError::at(kind, position));
                }
                if previous == '-' {
                    let label = quote_label(label_from(domain, label_start_byte));
                    return Err(EmailError::at(
                        EmailErrorKind::LabelEndsWithHyphen(label),
                        position - 1,
                    ));
                }
                label_len = 0;
                label_start = position + 1;
                label_start_byte = byte + 1;
            }
            '@' => return Err(EmailError::at(EmailErrorKind::ExtraAt, position)),
            c if c.is_ascii_alphanumeric() || c == '-' => {
                if label_len == 0 && c == '-' {
                    let label = quote_label(label_from(domain, byte));
                    return Err(EmailError::at(
                        EmailErrorKind::LabelStartsWithHyphen(label),
                        position,
                    ));
                }
                label_len += 1;
                if label_len > 63 {
                    let length = label_from(domain, label_start_byte).chars().count();
                    return Err(EmailError::at(
                        EmailErrorKind::LabelTooLong { length },
                        label_start,
                    ));
                }
            }
            other => return Err(EmailError::at(EmailErrorKind::DomainChar(other), position)),
        }
        previous = c;
        position += 1;
    }
    if label_len == 0 {
        return Err(EmailError::at(
            EmailErrorKind::DomainEndsWithDot,
            position - 1,
        ));
    }
    if previous == '-' {
        let label = quote_label(label_from(domain, label_start_byte));
        return Err(EmailError::at(
            EmailErrorKind::LabelEndsWithHyphen(label),
            position - 1,
        ));
    }
    Ok(())
}
// endregion

/// Checks every non-blank line of `text` with [`validate_email`], for a pasted list.
///
/// Returns `(line number from 1, verdict)` per line that is not empty or all ASCII
/// whitespace; blank lines are skipped but still counted, so numbers match the text.
/// Lines end at '\n'; a '\r' before it is removed (Windows line ends). Each line is
/// otherwise checked as it is, so a stray space is reported, not silently trimmed.
/// Linear in the length of `text`: a 10 MB paste is one pass, and each error message
/// quotes at most a few dozen characters.
pub fn validate_email_lines(text: &str) -> Vec<(usize, Result<(), EmailError>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_matches(is_ascii_whitespace).is_empty())
        .map(|(index, line)| (index + 1, validate_email(line)))
        .collect()
}

/// ASCII whitespace as the HTML and Infra standards define it: TAB, LF, FF, CR, SPACE.
/// (Rust's `char::is_ascii_whitespace` is the same set; named here for the reader.)
fn is_ascii_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ')
}

/// The value sanitization algorithm of `<input type=email>` (without `multiple`):
/// remove every CR and LF, then strip leading and trailing ASCII whitespace
/// (TAB, LF, FF, CR, SPACE). A browser applies it to whatever is typed, pasted or set
/// from script before validating, which is why `" a@b.c "` is accepted by the input
/// even though [`validate_email`] rejects it. Inner spaces and other whitespace
/// (U+00A0...) are kept.
pub fn sanitize_email_value(s: &str) -> String {
    let without_newlines: String = s.chars().filter(|&c| c != '\r' && c != '\n').collect();
    without_newlines
        .trim_matches(is_ascii_whitespace)
        .to_string()
}

/// The sanitized value with its domain converted by UTS #46 ToASCII, or `None` when
/// the domain cannot be converted.
fn browser_email_ascii(s: &str) -> Option<String> {
    let value = sanitize_email_value(s);
    let Some(at) = value.find('@') else {
        return Some(value);
    };
    let domain = &value[at + 1..];
    if domain.is_empty() {
        return Some(value);
    }
    // Firefox converts with the `idna` crate exactly like this (NS_DomainToASCII):
    // UTS #46 with the URL standard's forbidden ASCII, hyphens allowed anywhere, no DNS
    // length check, and always, even when the domain is already ASCII (so `xn--`
    // labels are decoded and must be valid Punycode). The HTML rule comes afterwards.
    let ascii = idna::uts46::Uts46::new()
        .to_ascii(
            domain.as_bytes(),
            idna::uts46::AsciiDenyList::URL,
            idna::uts46::Hyphens::Allow,
            idna::uts46::DnsLength::Ignore,
        )
        .ok()?;
    let mut converted = String::with_capacity(at + 1 + ascii.len());
    converted.push_str(&value[..=at]);
    converted.push_str(&ascii);
    Some(converted)
}

// region: browser_accepts_email
/// What the browser actually checks for `s`: the sanitized value with an
/// internationalized domain converted to ASCII (`"  Jo@Bücher.de"` → `"Jo@xn--bcher-kva.de"`).
/// `None` when the domain cannot be converted (the browser then reports the input as
/// invalid, "bad input"). For showing the conversion in the tab.
pub fn browser_email_ascii_form(s: &str) -> Option<String> {
    browser_email_ascii(s)
}

/// Whether a `<input type=email required>` holding `s` (as typed, or set from script)
/// reports itself valid, modelled on Firefox's `EmailInputType::IsValidEmailAddress`:
///
/// 1. sanitize ([`sanitize_email_value`]); empty → `false` (the input is `required`);
/// 2. a value ending in '.' or '-' → `false`;
/// 3. the domain is converted by UTS #46 ToASCII ([`browser_email_ascii_form`]);
///    failure (a disallowed character, bad Punycode in an `xn--` label...) or a
///    converted label over 63 characters → `false`;
/// 4. the HTML rule on the result, checked the way Firefox checks it.
///
/// For ASCII input without `xn--` labels this equals
/// `validate_email(&sanitize_email_value(s)).is_ok()`. With non-ASCII domains the
/// conversion decides: `a@bücher.de` and even `a@😀.com` are accepted (UTS #46 allows
/// emoji), and because step 2 looks at the value *before* conversion, Firefox accepts
/// `a@b.c。` (ideographic full stop, mapped to '.') although the result ends with '.';
/// this function follows Firefox there. Chromium converts with ICU and may differ on
/// such corners.
///
/// Checked against Firefox 153 (headless, WebDriver BiDi) on 10,048 generated strings
/// (1,284 of them accepted) while writing this, with no disagreement; the project's
/// browser test repeats that comparison with a real hidden
/// `<input type=email required>` on every run.
pub fn browser_accepts_email(s: &str) -> bool {
    let value = sanitize_email_value(s);
    if value.is_empty() || value.ends_with('.') || value.ends_with('-') {
        return false;
    }
    let Some(ascii) = browser_email_ascii(&value) else {
        return false;
    };
    let Some(at) = ascii.find('@') else {
        return false;
    };
    let (local, domain) = (&ascii[..at], &ascii[at + 1..]);
    if domain.split('.').any(|label| label.len() > 63) {
        return false;
    }
    firefox_email_rule(local, domain)
}

/// Firefox's loop over the ASCII form: every check the HTML rule makes except the
/// label length (done after conversion) and the final character (done on the value
/// before conversion).
fn firefox_email_rule(local: &str, domain: &str) -> bool {
    if local.is_empty() || domain.is_empty() || !local.chars().all(is_local_part_char) {
        return false;
    }
    let bytes = domain.as_bytes();
    if bytes.first().is_some_and(|&b| b == b'.' || b == b'-') {
        return false;
    }
    let mut previous = b'@';
    for &b in bytes {
        let ok = match b {
            b'.' => previous != b'.' && previous != b'-',
            b'-' => previous != b'.',
            _ => b.is_ascii_alphanumeric(),
        };
        if !ok {
            return false;
        }
        previous = b;
    }
    true
}
// endregion

/// The UTF-16 index of the character at `char_position` in `s` (what a JS
/// `setSelectionRange` needs to put a caret under an [`EmailError`]). A position at
/// the end of `s` gives `s`'s UTF-16 length; past the end gives `None`.
pub fn char_to_utf16_index(s: &str, char_position: usize) -> Option<usize> {
    let mut units = 0;
    let mut chars = s.chars();
    for _ in 0..char_position {
        units += chars.next()?.len_utf16();
    }
    Some(units)
}

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

/// How one locale writes an integer, as CLDR data for it says.
struct GroupingRule {
    /// BCP 47 tag as `Intl` resolves it.
    tag: &'static str,
    /// Language-only tag that `Intl` formats identically (checked against Node's ICU).
    language: &'static str,
    /// Group separator.
    separator: &'static str,
    /// Minus sign.
    minus: &'static str,
    /// Size of the groups left of the rightmost group of three (3, or 2 in India).
    secondary: usize,
    /// Minimum grouping digits: 2 means four-digit numbers are not grouped.
    min_grouping: usize,
}

const fn rule(
    tag: &'static str,
    language: &'static str,
    separator: &'static str,
    minus: &'static str,
    secondary: usize,
    min_grouping: usize,
) -> GroupingRule {
    GroupingRule {
        tag,
        language,
        separator,
        minus,
        secondary,
        min_grouping,
    }
}

/// Grouping rules for [`SUPPORTED_LOCALES`], from CLDR 48 as shipped in ICU 78
/// (Node 20.20); Firefox 153 gives the same text on all 5,400 cases of the test
/// fixture. CLDR 48 changed de-CH's separator from U+2019 (’) to U+0027 ('), so a
/// browser with older ICU data (CLDR 47 or earlier) still writes ’ there; CLDR 48.2
/// moves fr-CH to ' too, which is why fr-CH is not in the list.
const RULES: &[GroupingRule] = &[
    rule("en-US", "en", ",", "-", 3, 1),
    rule("de-DE", "de", ".", "-", 3, 1),
    rule("fr-FR", "fr", "\u{202F}", "-", 3, 1),
    rule("de-CH", "", "'", "-", 3, 1),
    rule("en-IN", "", ",", "-", 2, 1),
    rule("es-ES", "es", ".", "-", 3, 2),
    rule("pl-PL", "pl", "\u{A0}", "-", 3, 2),
    rule("ja-JP", "ja", ",", "-", 3, 1),
    rule("en-GB", "", ",", "-", 3, 1),
    rule("it-IT", "it", ".", "-", 3, 2),
    rule("pt-BR", "pt", ".", "-", 3, 1),
    rule("pt-PT", "", "\u{A0}", "-", 3, 2),
    rule("ru-RU", "ru", "\u{A0}", "-", 3, 1),
    rule("sv-SE", "sv", "\u{A0}", "\u{2212}", 3, 1),
    rule("nl-NL", "nl", ".", "-", 3, 1),
    rule("zh-CN", "zh", ",", "-", 3, 1),
    rule("ko-KR", "ko", ",", "-", 3, 1),
    rule("hi-IN", "hi", ",", "-", 2, 1),
];

/// The locale tags [`format_number_in`] accepts, in the tab's display order: the eight
/// this module promises to support (en-US to ja-JP) first, then the others.
pub const SUPPORTED_LOCALES: &[&str] = &[
    "en-US", "de-DE", "fr-FR", "de-CH", "en-IN", "es-ES", "pl-PL", "ja-JP", "en-GB", "it-IT",
    "pt-BR", "pt-PT", "ru-RU", "sv-SE", "nl-NL", "zh-CN", "ko-KR", "hi-IN",
];

/// A locale tag [`format_number_in`] does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLocale {
    /// The tag as given (shortened if very long).
    pub tag: String,
}

impl fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown locale '{}': supported are {}",
            self.tag,
            SUPPORTED_LOCALES.join(", ")
        )
    }
}

impl std::error::Error for UnknownLocale {}

fn find_rule(locale: &str) -> Option<&'static GroupingRule> {
    RULES.iter().find(|rule| {
        rule.tag.eq_ignore_ascii_case(locale)
            || (!rule.language.is_empty() && rule.language.eq_ignore_ascii_case(locale))
    })
}

// region: format_number
/// `n` with en-US digit grouping: `1234567` → `"1,234,567"`,
/// `i64::MIN` → `"-9,223,372,036,854,775,808"`. Same text as
/// `new Intl.NumberFormat("en-US").format(BigInt(n))`.
pub fn format_number(n: i64) -> String {
    format_with(n, &RULES[0])
}

/// The straightforward way, for comparison in the benchmark: format with `to_string`,
/// then insert a comma every three digits from the right with `String::insert`
/// (each insert shifts the rest of the string). Same output as [`format_number`].
pub fn format_number_naive(n: i64) -> String {
    let mut s = n.unsigned_abs().to_string();
    let mut i = s.len();
    while i > 3 {
        i -= 3;
        s.insert(i, ',');
    }
    if n < 0 {
        s.insert(0, '-');
    }
    s
}

/// Room for the longest output: 20 digits, 9 separators (Indian grouping) of up to
/// 3 UTF-8 bytes each, and a 3-byte minus sign: 50 bytes.
const FORMAT_BUFFER_LEN: usize = 64;

/// Formats `n` by `rule`, writing right to left into a stack buffer: a digit at a
/// time, a separator after the first 3 digits and then after every `rule.secondary`,
/// the minus sign last; the text becomes a `String` in one allocation. Bytes are
/// written one by one because the pieces are tiny: a `copy_from_slice` per piece
/// would be a `memcpy` call each and cost more than the digits. `unsigned_abs` makes
/// `i64::MIN` safe: its magnitude does not fit in an `i64`.
fn format_with(n: i64, rule: &GroupingRule) -> String {
    let mut out = [0u8; FORMAT_BUFFER_LEN];
    let mut start = out.len();
    let mut value = n.unsigned_abs();
    let digit_count = value.checked_ilog10().map_or(1, |log| log as usize + 1);
    let grouped = digit_count >= 3 + rule.min_grouping;
    let (mut written, mut next_separator) = (0, 3);
    loop {
        start -= 1;
        out[start] = b'0' + (value % 10) as u8;
        value /= 10;
        written += 1;
        if value == 0 {
            break;
        }
        if grouped && written == next_separator {
            for &byte in rule.separator.as_bytes().iter().rev() {
                start -= 1;
                out[start] = byte;
            }
            next_separator += rule.secondary;
        }
    }
    if n < 0 {
        for &byte in rule.minus.as_bytes().iter().rev() {
            start -= 1;
            out[start] = byte;
        }
    }
    // Only ASCII digits and whole UTF-8 separators were written, so this cannot fail;
    // the fallback keeps the function free of panics anyway.
    std::str::from_utf8(&out[start..])
        .map(str::to_owned)
        .unwrap_or_default()
}

/// `n` as `new Intl.NumberFormat(locale).format(BigInt(n))` writes it, for the
/// locales in [`SUPPORTED_LOCALES`].
///
/// Matching: the tag is compared ASCII-case-insensitively (`"DE-de"` works, as in
/// `Intl`), and a bare language (`"de"`, `"fr"`, `"es"`...) is accepted where `Intl`
/// formats it exactly like the listed region (`en` → en-US, `de` → de-DE, `hi` → hi-IN;
/// not for de-CH, en-IN, en-GB or pt-PT, which differ from or share their language).
/// Anything else is an [`UnknownLocale`] error, including tags `Intl` would quietly
/// replace by the browser's default locale (`"xx-YY"`), tags with extensions
/// (`"de-DE-u-nu-arab"`) and `"en_US"` (underscore; `Intl` throws on it).
///
/// The rules: the rightmost group has three digits, the others three (two for en-IN
/// and hi-IN); nothing is grouped when the number has fewer than three plus the minimum
/// grouping digits (es-ES, it-IT, pl-PL and pt-PT write `1234` but `12 345`); the
/// separator and minus sign are the locale's own (U+202F in fr-FR, U+00A0 in pl-PL,
/// U+2212 minus in sv-SE).
pub fn format_number_in(n: i64, locale: &str) -> Result<String, UnknownLocale> {
    let Some(rule) = find_rule(locale) else {
        let mut tag: String = locale.chars().take(40).collect();
        if locale.chars().nth(40).is_some() {
            tag.push('…');
        }
        return Err(UnknownLocale { tag });
    };
    Ok(format_with(n, rule))
}
// endregion

/// Why the text typed into a number field is not an `i64`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntegerInputError {
    /// Nothing but whitespace.
    Empty,
    /// A sign with no digits after it.
    SignOnly,
    /// A character that is not an ASCII digit, at a position in characters from 0
    /// (counted in the text as typed, leading spaces included).
    NotADigit {
        /// The character.
        found: char,
        /// Where it is.
        position: usize,
    },
    /// With [`Grouping::Allowed`]: a separator that is not between two digits (at
    /// either end, or next to another separator), at a position in characters from 0.
    MisplacedSeparator {
        /// The separator.
        found: char,
        /// Where it is.
        position: usize,
    },
    /// Above `i64::MAX` (9223372036854775807).
    TooLarge,
    /// Below `i64::MIN` (-9223372036854775808).
    TooSmall,
}

impl fmt::Display for IntegerInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntegerInputError::Empty => write!(f, "type a whole number"),
            IntegerInputError::SignOnly => write!(f, "a sign needs digits after it"),
            IntegerInputError::NotADigit { found, position } => {
                let why = match found {
                    '.' => " (only whole numbers: no decimal point)",
                    ',' | '_' | '\'' | '\u{A0}' | '\u{202F}' | ' ' => {
                        " (type the digits without grouping separators)"
                    }
                    'e' | 'E' => " (no exponent: write the number out)",
                    _ => "",
                };
                write!(
                    f,
                    "character {} at position {position} is not a digit{why}",
                    describe_char(*found)
                )
            }
            IntegerInputError::MisplacedSeparator { found, position } => write!(
                f,
                "separator {} at position {position} is not between two digits",
                describe_char(*found)
            ),
            IntegerInputError::TooLarge => write!(
                f,
                "too large for an i64: the largest is 9223372036854775807 (2^63 − 1)"
            ),
            IntegerInputError::TooSmall => write!(
                f,
                "too small for an i64: the smallest is -9223372036854775808 (−2^63)"
            ),
        }
    }
}

impl std::error::Error for IntegerInputError {}

/// Reads a whole number typed by a person: optional ASCII whitespace around it, an
/// optional '+' or '-', then ASCII digits (leading zeros allowed). Accepts exactly the
/// values that fit an `i64`, `-9223372036854775808` included; anything else is an
/// [`IntegerInputError`] that says why. Linear in the length, and a megabyte of digits
/// is a "too large", not an allocation. Digit-group separators are refused ("1,000" is
/// an error): [`parse_integer_with`] with [`Grouping::Allowed`] reads them.
pub fn parse_integer(s: &str) -> Result<i64, IntegerInputError> {
    parse_integer_with(s, Grouping::Refused)
}

/// Whether [`parse_integer_with`] reads digit-group separators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// Digits only: "1,000" is an error whose message says to leave the separator out.
    /// For a field that teaches what the digits themselves are (the Strings tab's i64).
    Refused,
    /// A single separator between two digits is skipped, whatever the grouping
    /// ("1,000,000", "1 000 000", "10,00,000", "1_000", "1'000"), so a number copied
    /// from a page means what its reader meant. The separators: `,` `_` `'`, U+2019
    /// (de-CH's `’`), the space, U+00A0 and U+202F (the no-break spaces
    /// `Intl.NumberFormat` writes) and U+2009 (thin space). A separator at either end or next to another is an
    /// [`IntegerInputError::MisplacedSeparator`]. `.` is never a separator: it is a
    /// decimal point in en-US and a group separator in de-DE, so reading "1.000" either
    /// way would be wrong for half of the people typing it.
    Allowed,
}

/// The digit-group separators [`Grouping::Allowed`] skips.
pub fn is_group_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '_' | '\'' | '\u{2019}' | ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}'
    )
}

/// [`parse_integer`], with separators between digits refused or skipped as `grouping`
/// says. Errors are reported in the order a person reads: the first character that is
/// wrong, and only when every character is fine, a value out of range.
pub fn parse_integer_with(s: &str, grouping: Grouping) -> Result<i64, IntegerInputError> {
    let leading = s.chars().take_while(|&c| is_ascii_whitespace(c)).count();
    let body = s.trim_matches(is_ascii_whitespace);
    if body.is_empty() {
        return Err(IntegerInputError::Empty);
    }
    let (negative, digits, sign_len) = match body.as_bytes()[0] {
        b'-' => (true, &body[1..], 1),
        b'+' => (false, &body[1..], 1),
        _ => (false, body, 0),
    };
    if digits.is_empty() {
        return Err(IntegerInputError::SignOnly);
    }
    // The magnitude, or None once it is past every i64 (2^63 is the most any fits).
    let mut magnitude: Option<u64> = Some(0);
    let mut previous_is_digit = false;
    let mut chars = digits.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        let position = leading + sign_len + index;
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            magnitude = magnitude
                .and_then(|m| m.checked_mul(10))
                .and_then(|m| m.checked_add(u64::from(d)))
                .filter(|&m| m <= 1 << 63);
            previous_is_digit = true;
            continue;
        }
        if grouping == Grouping::Allowed && is_group_separator(c) {
            let next_is_digit = chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
            if !previous_is_digit || !next_is_digit {
                return Err(IntegerInputError::MisplacedSeparator { found: c, position });
            }
            previous_is_digit = false;
            continue;
        }
        return Err(IntegerInputError::NotADigit { found: c, position });
    }
    let out_of_range = if negative {
        IntegerInputError::TooSmall
    } else {
        IntegerInputError::TooLarge
    };
    let magnitude = magnitude.ok_or_else(|| out_of_range.clone())?;
    if negative {
        0i64.checked_sub_unsigned(magnitude).ok_or(out_of_range)
    } else {
        i64::try_from(magnitude).map_err(|_| out_of_range)
    }
}

// ---------------------------------------------------------------------------------------
// UTF-8 vs UTF-16
// ---------------------------------------------------------------------------------------

/// Counts that show how one text is a different length in Rust and in JavaScript, and
/// what is unusual in it. Every count is in characters (`char`s) unless named otherwise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextStats {
    /// Unicode scalar values: `s.chars().count()` in Rust, `[...s].length` in JS.
    pub chars: usize,
    /// UTF-8 bytes: `s.len()` in Rust, what crosses into WASM memory.
    pub utf8_bytes: usize,
    /// UTF-16 code units: `s.length` in JavaScript.
    pub utf16_units: usize,
    /// Lines as `str::lines` counts them (0 for empty text).
    pub lines: usize,
    /// Characters outside ASCII.
    pub non_ascii: usize,
    /// Characters above U+FFFF (emoji, rarer CJK, ...): each is a surrogate pair in
    /// UTF-16, so JS `length` counts it twice.
    pub astral: usize,
    /// Emoji and other pictographs (approximately: the main emoji blocks, not the full
    /// Unicode `Extended_Pictographic` property).
    pub pictographs: usize,
    /// U+0000 characters.
    pub nul: usize,
    /// Control characters other than NUL, TAB, LF and CR (C0, DEL, C1).
    pub controls: usize,
    /// Whitespace that is not ASCII (no-break spaces, em spaces, ideographic space...).
    pub non_ascii_spaces: usize,
    /// Characters with no glyph that are not controls, spaces or bidi controls: the rest
    /// of [`is_hidden_char`] (zero-width space and joiners, word joiner, soft hyphen,
    /// byte order mark, variation selectors, tags, fillers, the braille blank).
    pub invisible: usize,
    /// Characters from right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...).
    pub rtl: usize,
    /// Bidirectional formatting controls (LRM/RLM, embeddings, overrides, isolates):
    /// the characters behind "Trojan Source" tricks.
    pub bidi_controls: usize,
    /// Combining marks (accents written as a separate character after their letter).
    pub combining: usize,
}

impl TextStats {
    /// Sentences about whatever in the text is likely to surprise a programmer, most
    /// important first; empty for plain ASCII text. Numbers are grouped and nouns agree
    /// with them ("1 character takes 2 UTF-8 bytes"). Code is written between
    /// backticks (`` `length` ``); [`code_spans`] cuts a sentence at them, so a page can
    /// show those words as code.
    pub fn describe(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.chars == 0 {
            notes.push("The text is empty.".to_string());
            return notes;
        }
        if self.utf8_bytes != self.chars || self.utf16_units != self.chars {
            notes.push(format!(
                "{} {} {} in Rust and {} in JavaScript.",
                count(self.chars, "character", "characters"),
                plural(self.chars, "takes", "take"),
                count(self.utf8_bytes, "UTF-8 byte", "UTF-8 bytes"),
                count(self.utf16_units, "UTF-16 code unit", "UTF-16 code units"),
            ));
        }
        // (count, one, many, what follows): one sentence per kind of surprise.
        let kinds: [(usize, &str, &str, &str); 9] = [
            (
                self.astral,
                "character is",
                "characters are",
                " outside the Basic Multilingual Plane (emoji and the like): each is 4 UTF-8 \
                 bytes and a surrogate pair in JavaScript, where `length` counts it as 2.",
            ),
            (
                self.pictographs,
                "emoji or pictograph character",
                "emoji or pictograph characters",
                "; a flag, a skin tone or a family is several characters that a person sees as one.",
            ),
            (
                self.nul,
                "NUL character",
                "NUL characters",
                " (U+0000): fine in Rust and JavaScript strings, but C code would stop reading there.",
            ),
            (
                self.controls,
                "control character",
                "control characters",
                " (invisible, often pasted by accident).",
            ),
            (
                self.bidi_controls,
                "bidirectional control character",
                "bidirectional control characters",
                ": they change the order in which text is displayed, so what you see is not the \
                 order it is stored in.",
            ),
            (
                self.rtl,
                "right-to-left character",
                "right-to-left characters",
                " (Hebrew, Arabic, ...): shown right to left, stored first to last.",
            ),
            (
                self.invisible,
                "invisible character",
                "invisible characters",
                " (zero-width space, joiner, soft hyphen, byte order mark...).",
            ),
            (
                self.non_ascii_spaces,
                "non-ASCII space",
                "non-ASCII spaces",
                " (such as the no-break space U+00A0): they look like a space but are not equal \
                 to `' '`.",
            ),
            (
                self.combining,
                "combining mark",
                "combining marks",
                ": 'é' can be one character (U+00E9) or two (e + U+0301); they look the same \
                 but compare unequal.",
            ),
        ];
        for (n, one, many, rest) in kinds {
            if n > 0 {
                notes.push(format!("{} {}{rest}", grouped(n), plural(n, one, many)));
            }
        }
        notes
    }
}

/// `sentence` cut at its backticks into `(is_code, text)` pieces, in order, empty
/// pieces left out: `"where `length` counts"` → `[(false, "where "), (true, "length"),
/// (false, " counts")]`. An unpaired backtick opens code to the end.
pub fn code_spans(sentence: &str) -> Vec<(bool, &str)> {
    sentence
        .split('`')
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(i, piece)| (i % 2 == 1, piece))
        .collect()
}

fn is_rtl_letter(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x05FF      // Hebrew
        | 0x0600..=0x06FF    // Arabic
        | 0x0700..=0x08FF    // Syriac, Arabic Supplement, Thaana, N'Ko, Samaritan, Mandaic, Arabic Extended
        | 0xFB1D..=0xFDFF    // Hebrew and Arabic presentation forms
        | 0xFE70..=0xFEFF    // Arabic presentation forms B
        | 0x10800..=0x10FFF  // historic RTL scripts
        | 0x1E800..=0x1EFFF) // Mende Kikakui, Adlam, Arabic mathematical symbols
        && !is_bidi_control(c)
        && c != '\u{FEFF}'
}

fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF    // mahjong, cards, regional indicators (flags), emoticons,
                             // transport, symbols and pictographs, skin tones
        | 0x2600..=0x27BF    // miscellaneous symbols, dingbats
        | 0x2B00..=0x2BFF) // arrows and stars (⭐)
}

fn is_combining(c: char) -> bool {
    matches!(u32::from(c),
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Counts for the UTF-8 vs UTF-16 lesson in one linear pass over `s`; see [`TextStats`]
/// and [`TextStats::describe`].
pub fn text_stats(s: &str) -> TextStats {
    let mut stats = TextStats {
        utf8_bytes: s.len(),
        lines: s.lines().count(),
        ..TextStats::default()
    };
    for c in s.chars() {
        stats.chars += 1;
        stats.utf16_units += c.len_utf16();
        if c.is_ascii() {
            if c == '\0' {
                stats.nul += 1;
            } else if c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r') {
                stats.controls += 1;
            }
            continue;
        }
        stats.non_ascii += 1;
        if c.len_utf16() == 2 {
            stats.astral += 1;
        }
        if c.is_control() {
            stats.controls += 1;
        } else if c.is_whitespace() {
            stats.non_ascii_spaces += 1;
        } else if is_bidi_control(c) {
            stats.bidi_controls += 1;
        } else if is_hidden_char(c) {
            stats.invisible += 1;
        } else if is_rtl_letter(c) {
            stats.rtl += 1;
        } else if is_combining(c) {
            stats.combining += 1;
        } else if is_pictograph(c) {
            stats.pictographs += 1;
        }
    }
    stats
}

#[cfg(test)]
mod grouping_tests;
#[cfg(test)]
mod tests;
