//! The parser: one left-to-right pass over the UTF-8 bytes, no recursion.
//!
//! The grammar is RFC 8259 §2–§7, which is the grammar of `JSON.parse`
//! (ECMA-262 §25.5.1 defers to ECMA-404, the same language):
//!
//! ```text
//! JSON-text = ws value ws
//! value     = object / array / number / string / false / null / true
//! object    = '{' ws [ member *( ws ',' ws member ) ] ws '}'
//! member    = string ws ':' ws value
//! array     = '[' ws [ value *( ws ',' ws value ) ] ws ']'
//! number    = [ '-' ] int [ frac ] [ exp ]
//! int       = '0' / ( digit1-9 *DIGIT )
//! frac      = '.' 1*DIGIT
//! exp       = ( 'e' / 'E' ) [ '-' / '+' ] 1*DIGIT
//! string    = '"' *char '"'     ; any char but '"', '\' and U+0000..U+001F,
//!                               ; or an escape \" \\ \/ \b \f \n \r \t \uXXXX
//! ws        = *( %x20 / %x09 / %x0A / %x0D )
//! ```

use super::{JsonError, JsonValue};

/// The deepest nesting [`parse`] accepts: 512 arrays and objects inside each
/// other. One more `[` or `{` is an error, not a crash.
///
/// The parser itself would manage any depth (its stack is a `Vec` on the
/// heap), but the tree it returns is dropped, cloned, compared and
/// debug-printed by the derived, recursive trait implementations. 512 levels
/// keep those far inside WebAssembly's 1 MB stack even in a debug build, and
/// are more than any real document needs (serde_json stops at 128).
pub const MAX_DEPTH: usize = 512;

/// Parses JSON text, strictly.
///
/// Accepts exactly what `JSON.parse` accepts (RFC 8259 with no extensions: no
/// comments, no trailing commas, no single quotes, no BOM, no `NaN`, and only
/// space, tab, LF and CR as whitespace), with two documented differences:
/// an unpaired surrogate escape such as `\ud800` decodes to U+FFFD because a
/// Rust `String` cannot hold it, and nesting deeper than [`MAX_DEPTH`] is an
/// error. Numbers beyond the `f64` range become ±infinity, as in JavaScript.
///
/// ```
/// use wasm_playground::lab::json::{parse, JsonValue};
/// assert_eq!(parse("[1, 2.5]").unwrap(),
///            JsonValue::Array(vec![JsonValue::Number(1.0), JsonValue::Number(2.5)]));
/// let e = parse("[1, 2,]").unwrap_err();
/// assert_eq!((e.line, e.column), (1, 7));
/// assert_eq!(e.message, "trailing comma before ']': JSON does not allow a comma after the last element");
/// ```
pub fn parse(text: &str) -> Result<JsonValue, JsonError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    parser.run().map_err(|fail| fail.into_error(text))
}

/// An error found at a byte offset. Line and column are worked out only when
/// an error is actually reported, so the hot path never counts lines.
struct Fail {
    offset: usize,
    message: String,
}

impl Fail {
    fn into_error(self, text: &str) -> JsonError {
        let (line, column) = line_column(text, self.offset);
        JsonError {
            line,
            column,
            message: self.message,
        }
    }
}

/// Boxed so that `Result<T, _>` stays one word wider than `T` on the hot path.
type PResult<T> = Result<T, Box<Fail>>;

#[cold]
fn fail(offset: usize, message: String) -> Box<Fail> {
    Box::new(Fail { offset, message })
}

/// 1-based line and character column of a byte offset. Lines end at LF,
/// CR LF or a lone CR.
pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1; // cannot pass 0: offset 0 is always a boundary
    }
    let bytes = text.as_bytes();
    let mut line = 1usize;
    let mut line_start = 0usize;
    for (i, &b) in bytes.iter().enumerate().take(end) {
        match b {
            b'\r' => {
                line += 1;
                line_start = i + 1;
            }
            b'\n' => {
                if i == 0 || bytes.get(i - 1) != Some(&b'\r') {
                    line += 1;
                }
                line_start = i + 1;
            }
            _ => {}
        }
    }
    let column = text.get(line_start..end).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// What the parser was doing when it needed a value; picks the message.
#[derive(Clone, Copy)]
enum ValueContext {
    TopLevel,
    AfterOpenBracket,
    AfterComma,
    AfterColon,
}

/// An array or object whose closing bracket has not been seen yet.
enum Frame {
    /// Elements so far; byte offset of the `[`.
    Array(Vec<JsonValue>, usize),
    /// Pairs so far, the key whose value is being parsed, offset of the `{`.
    Object(Vec<(String, JsonValue)>, String, usize),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    // region: main-loop
    fn run(&mut self) -> PResult<JsonValue> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut context = ValueContext::TopLevel;
        self.skip_ws();
        'value: loop {
            // 1. Read one value, or open a container and go read its first value.
            let mut value = match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    JsonValue::Str(self.string_body()?)
                }
                Some(b'-' | b'0'..=b'9') => JsonValue::Number(self.number()?),
                Some(b'[') => {
                    self.check_depth(stack.len())?;
                    let open = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    if self.bytes.get(self.pos) == Some(&b']') {
                        self.pos += 1;
                        JsonValue::Array(Vec::new())
                    } else {
                        stack.push(Frame::Array(Vec::new(), open));
                        context = ValueContext::AfterOpenBracket;
                        continue 'value;
                    }
                }
                Some(b'{') => {
                    self.check_depth(stack.len())?;
                    let open = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    match self.bytes.get(self.pos) {
                        Some(b'}') => {
                            self.pos += 1;
                            JsonValue::Object(Vec::new())
                        }
                        Some(b'"') => {
                            let key = self.key()?;
                            stack.push(Frame::Object(Vec::new(), key, open));
                            context = ValueContext::AfterColon;
                            continue 'value;
                        }
                        _ => {
                            return Err(self.expected_key("expected a string key or '}' after '{'"));
                        }
                    }
                }
                Some(b't') => {
                    self.literal(b"true")?;
                    JsonValue::Bool(true)
                }
                Some(b'f') => {
                    self.literal(b"false")?;
                    JsonValue::Bool(false)
                }
                Some(b'n') => {
                    self.literal(b"null")?;
                    JsonValue::Null
                }
                _ => return Err(self.expected_value(context)),
            };

            // 2. Give the value to the container it belongs to. Each time a
            //    closing bracket follows, the container itself becomes the
            //    value and goes to *its* parent.
            loop {
                let Some(frame) = stack.last_mut() else {
                    self.skip_ws();
                    if self.pos < self.bytes.len() {
                        return Err(self.trailing());
                    }
                    return Ok(value);
                };
                match frame {
                    Frame::Array(items, open) => {
                        items.push(value);
                        self.skip_ws();
                        match self.bytes.get(self.pos) {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                if self.bytes.get(self.pos) == Some(&b']') {
                                    return Err(self.trailing_comma(']'));
                                }
                                context = ValueContext::AfterComma;
                                continue 'value;
                            }
                            Some(b']') => {
                                self.pos += 1;
                                value = JsonValue::Array(std::mem::take(items));
                                stack.pop();
                            }
                            _ => {
                                let open = *open;
                                return Err(self.unclosed(
                                    open,
                                    "expected ',' or ']' after an array element",
                                    '[',
                                ));
                            }
                        }
                    }
                    Frame::Object(pairs, key, open) => {
                        pairs.push((std::mem::take(key), value));
                        self.skip_ws();
                        match self.bytes.get(self.pos) {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                match self.bytes.get(self.pos) {
                                    Some(b'"') => {
                                        *key = self.key()?;
                                        context = ValueContext::AfterColon;
                                        continue 'value;
                                    }
                                    Some(b'}') => return Err(self.trailing_comma('}')),
                                    _ => {
                                        return Err(
                                            self.expected_key("expected a string key after ','")
                                        );
                                    }
                                }
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                value = JsonValue::Object(std::mem::take(pairs));
                                stack.pop();
                            }
                            _ => {
                                let open = *open;
                                return Err(self.unclosed(
                                    open,
                                    "expected ',' or '}' after an object member",
                                    '{',
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    // endregion

    /// Skips JSON whitespace: space, tab, LF, CR, and nothing else.
    #[inline(always)]
    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if b == b' ' || b == b'\n' || b == b'\r' || b == b'\t' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// The text between two byte offsets that are known to sit on ASCII bytes
    /// (or the ends), hence on char boundaries.
    #[inline(always)]
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    fn check_depth(&self, open: usize) -> PResult<()> {
        if open < MAX_DEPTH {
            Ok(())
        } else {
            Err(fail(
                self.pos,
                format!(
                    "nesting too deep: more than {MAX_DEPTH} arrays and objects inside each other \
                     (this parser's limit, which keeps the WebAssembly stack safe)"
                ),
            ))
        }
    }

    /// An object key at the `"`, then the `:` after it; leaves `pos` at the value.
    fn key(&mut self) -> PResult<String> {
        self.pos += 1;
        let key = self.string_body()?;
        self.skip_ws();
        if self.bytes.get(self.pos) != Some(&b':') {
            let shown: String = key.chars().take(40).collect();
            let more = if shown.len() < key.len() { "…" } else { "" };
            let what = format!("expected ':' after the key \"{shown}{more}\"");
            return Err(self.expected_at(self.pos, &what, ""));
        }
        self.pos += 1;
        self.skip_ws();
        Ok(key)
    }

    // ----- strings -------------------------------------------------------

    // region: strings
    /// The rest of a string after its opening `"`; leaves `pos` after the closing one.
    #[inline]
    fn string_body(&mut self) -> PResult<String> {
        let start = self.pos;
        let end = scan_plain(self.bytes, start);
        if self.bytes.get(end) == Some(&b'"') {
            // The common case: no escapes, copy the slice in one go.
            self.pos = end + 1;
            return Ok(self.slice(start, end).to_owned());
        }
        self.string_with_escapes(start, end)
    }

    /// Slow path: the string has escapes (or is broken). `end` is the first
    /// byte after `start` that is `"`, `\` or a control character.
    fn string_with_escapes(&mut self, start: usize, mut end: usize) -> PResult<String> {
        let mut out = String::with_capacity(end - start + 16);
        let mut run = start;
        loop {
            out.push_str(self.slice(run, end));
            match self.bytes.get(end) {
                Some(b'"') => {
                    self.pos = end + 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    run = self.escape(end, &mut out)?;
                    end = scan_plain(self.bytes, run);
                }
                Some(&c) => {
                    let how = match c {
                        b'\n' => "\\n".to_owned(),
                        b'\r' => "\\r".to_owned(),
                        b'\t' => "\\t".to_owned(),
                        0x08 => "\\b".to_owned(),
                        0x0c => "\\f".to_owned(),
                        _ => format!("\\u{c:04x}"),
                    };
                    return Err(fail(
                        end,
                        format!(
                            "unescaped control character {} in a string: write it as {how}",
                            describe(char::from(c))
                        ),
                    ));
                }
                None => {
                    return Err(fail(
                        end,
                        "unexpected end of input inside a string: the closing '\"' is missing"
                            .to_owned(),
                    ));
                }
            }
        }
    }
    // endregion

    /// Decodes the escape whose `\` is at `at`; returns the offset after it.
    fn escape(&self, at: usize, out: &mut String) -> PResult<usize> {
        let simple = match self.bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(at, out),
            Some(_) => {
                let shown = match self.char_at(at + 1) {
                    Some(c) if !c.is_control() && !c.is_whitespace() => format!("'\\{c}'"),
                    Some(c) => format!("'\\' followed by {}", describe(c)),
                    None => String::new(),
                };
                return Err(fail(
                    at + 1,
                    format!(
                        "invalid escape {shown} in a string: the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"
                    ),
                ));
            }
            None => {
                return Err(fail(
                    at + 1,
                    "unexpected end of input inside a string, right after '\\'".to_owned(),
                ));
            }
        };
        out.push(simple);
        Ok(at + 2)
    }

    /// `\uXXXX` at `at`, joining a high and a low surrogate escape into one
    /// character. An unpaired surrogate becomes U+FFFD (see the module docs).
    fn unicode_escape(&self, at: usize, out: &mut String) -> PResult<usize> {
        let unit = self.hex4(at + 2)?;
        if (0xD800..0xDC00).contains(&unit) {
            // A high surrogate: a pair only if "\uDC00".."\uDFFF" follows at once.
            if self.bytes.get(at + 6) == Some(&b'\\')
                && self.bytes.get(at + 7) == Some(&b'u')
                && let Some(low) = hex4_value(self.bytes, at + 8)
                && (0xDC00..0xE000).contains(&low)
            {
                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                return Ok(at + 12);
            }
            out.push('\u{FFFD}');
        } else {
            // Not a surrogate: always a valid char. A lone low surrogate: U+FFFD.
            out.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
        }
        Ok(at + 6)
    }

    /// Exactly four hex digits at `at`, or an error at the first bad one.
    fn hex4(&self, at: usize) -> PResult<u32> {
        let mut value = 0u32;
        for i in at..at + 4 {
            match self.bytes.get(i) {
                Some(&b) if b.is_ascii_hexdigit() => value = value * 16 + hex_digit(b),
                Some(_) => {
                    let found = self.char_at(i).map_or_else(String::new, describe);
                    return Err(fail(
                        i,
                        format!(
                            "invalid \\u escape: expected four hex digits (0-9, a-f, A-F), found {found}"
                        ),
                    ));
                }
                None => {
                    return Err(fail(
                        i,
                        "unexpected end of input inside a \\u escape: it needs four hex digits"
                            .to_owned(),
                    ));
                }
            }
        }
        Ok(value)
    }

    // ----- numbers and literals ------------------------------------------

    /// A number at `pos`, checked against the grammar by hand; the value
    /// comes from an exact fast path or from `str::parse::<f64>`, both
    /// correctly rounded.
    #[inline]
    fn number(&mut self) -> PResult<f64> {
        let b = self.bytes;
        let start = self.pos;
        let mut i = start;
        let negative = b.get(i) == Some(&b'-');
        if negative {
            i += 1;
        }
        // Significant digits as an integer, while they fit; `digits` counts them.
        let mut mantissa: u64 = 0;
        let mut digits = 0usize;
        match b.get(i) {
            Some(b'0') => {
                i += 1;
                if b.get(i).is_some_and(u8::is_ascii_digit) {
                    return Err(fail(
                        i,
                        "leading zeros are not allowed in numbers".to_owned(),
                    ));
                }
            }
            Some(b'1'..=b'9') => {
                while let Some(&d) = b.get(i) {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
                    digits += 1;
                    i += 1;
                }
            }
            _ => return Err(self.expected_at(i, "expected a digit after '-'", "")),
        }
        let mut exponent: i64 = 0;
        let mut simple = true;
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.expected_at(i, "expected a digit after the decimal point", ""));
            }
            while let Some(&d) = b.get(i) {
                if !d.is_ascii_digit() {
                    break;
                }
                if mantissa != 0 || d != b'0' {
                    mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
                    digits += 1;
                }
                exponent -= 1;
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.expected_at(i, "expected a digit in the exponent", ""));
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            simple = false;
        }
        self.pos = i;
        // Clinger's fast path: a mantissa below 2^53 and a power of ten up to
        // 10^22 are both exact doubles, so one multiplication or division is
        // correctly rounded. Everything else goes to the standard library.
        if simple && digits <= 15 && exponent >= -22 {
            let m = mantissa as f64;
            let v = if exponent == 0 {
                m
            } else {
                m / POW10
                    .get(exponent.unsigned_abs() as usize)
                    .copied()
                    .unwrap_or(f64::INFINITY)
            };
            return Ok(if negative { -v } else { v });
        }
        self.slice(start, i)
            .parse::<f64>()
            .map_err(|_| fail(start, "this number could not be read".to_owned()))
    }

    /// `true`, `false` or `null` at `pos`.
    #[inline]
    fn literal(&mut self, word: &'static [u8]) -> PResult<()> {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word) {
            self.pos = end;
            return Ok(());
        }
        Err(self.bad_literal(word))
    }

    #[cold]
    fn bad_literal(&self, word: &'static [u8]) -> Box<Fail> {
        let name = String::from_utf8_lossy(word);
        for (k, &expected) in word.iter().enumerate() {
            match self.bytes.get(self.pos + k) {
                Some(&c) if c == expected => {}
                Some(_) => {
                    let found = self.word_at(self.pos);
                    return fail(
                        self.pos + k,
                        format!(
                            "invalid literal '{found}': expected '{name}' (JSON's words are true, false and null)"
                        ),
                    );
                }
                None => break,
            }
        }
        fail(
            self.bytes.len(),
            format!("unexpected end of input in the middle of '{name}'"),
        )
    }

    // ----- error messages ------------------------------------------------

    fn char_at(&self, offset: usize) -> Option<char> {
        self.text.get(offset..).and_then(|s| s.chars().next())
    }

    /// The run of letters and digits at `offset` (at most 20 chars), for messages.
    fn word_at(&self, offset: usize) -> String {
        self.text
            .get(offset..)
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .take(20)
            .collect()
    }

    /// "`what`, found X (hint)" at `offset`, or "unexpected end of input:
    /// `what`" when the text ends there. `end_note` is added to the latter.
    #[cold]
    fn expected_at(&self, offset: usize, what: &str, end_note: &str) -> Box<Fail> {
        let Some(c) = self.char_at(offset) else {
            return fail(offset, format!("unexpected end of input: {what}{end_note}"));
        };
        let (found, hint) = if c.is_alphabetic() {
            let word = self.word_at(offset);
            let hint = match word.as_str() {
                "NaN" | "Infinity" => {
                    " (NaN and Infinity are not JSON numbers; JSON.stringify writes them as null)"
                }
                "undefined" => " (undefined is not a JSON value; use null)",
                "True" | "False" | "Null" | "TRUE" | "FALSE" | "NULL" | "None" => {
                    " (JSON's words are true, false and null, in lowercase)"
                }
                _ => " (text must be a string in double quotes)",
            };
            (format!("'{word}'"), hint.to_owned())
        } else {
            (describe(c), hint_for(c, offset))
        };
        fail(offset, format!("{what}, found {found}{hint}"))
    }

    #[cold]
    fn expected_value(&self, context: ValueContext) -> Box<Fail> {
        let what = match context {
            ValueContext::TopLevel => {
                if self.pos >= self.bytes.len() {
                    return fail(
                        self.pos,
                        "the input is empty: expected a JSON value".to_owned(),
                    );
                }
                "expected a JSON value"
            }
            ValueContext::AfterOpenBracket => "expected a value or ']' after '['",
            ValueContext::AfterComma => "expected a value after ','",
            ValueContext::AfterColon => "expected a value after ':'",
        };
        let found = self.bytes.get(self.pos);
        if matches!(context, ValueContext::AfterComma) && found == Some(&b',') {
            return fail(self.pos, format!("{what}, found ',' (two commas in a row)"));
        }
        if let Some(&close @ (b'}' | b']')) = found {
            let close = char::from(close);
            return fail(
                self.pos,
                format!("{what}, found '{close}' (brackets do not match)"),
            );
        }
        self.expected_at(self.pos, what, "")
    }

    #[cold]
    fn expected_key(&self, what: &str) -> Box<Fail> {
        let hint = match self.char_at(self.pos) {
            Some('\'') => "keys must be in double quotes, not single quotes",
            Some(c) if c.is_alphanumeric() || c == '_' || c == '$' => {
                "keys must be strings in double quotes"
            }
            _ => "",
        };
        if hint.is_empty() {
            return self.expected_at(self.pos, what, "");
        }
        let found = match self.char_at(self.pos) {
            Some(c) if c.is_alphanumeric() => format!("'{}'", self.word_at(self.pos)),
            Some(c) => describe(c),
            None => String::new(),
        };
        fail(self.pos, format!("{what}, found {found} ({hint})"))
    }

    #[cold]
    fn unclosed(&self, open: usize, what: &str, bracket: char) -> Box<Fail> {
        let (line, column) = line_column(self.text, open);
        let note = format!(" (the '{bracket}' at line {line}, column {column} is still open)");
        let wrong_close = match (bracket, self.bytes.get(self.pos)) {
            ('[', Some(b'}')) | ('{', Some(b']')) => format!(
                " (brackets do not match: the '{bracket}' at line {line}, column {column} is still open)"
            ),
            _ => String::new(),
        };
        if wrong_close.is_empty() {
            self.expected_at(self.pos, what, &note)
        } else {
            let c = self.char_at(self.pos).unwrap_or('?');
            fail(self.pos, format!("{what}, found '{c}'{wrong_close}"))
        }
    }

    #[cold]
    fn trailing_comma(&self, close: char) -> Box<Fail> {
        fail(
            self.pos,
            format!(
                "trailing comma before '{close}': JSON does not allow a comma after the last element"
            ),
        )
    }

    #[cold]
    fn trailing(&self) -> Box<Fail> {
        let found = self.char_at(self.pos).map_or_else(String::new, describe);
        let hint = self
            .char_at(self.pos)
            .map_or_else(String::new, |c| hint_for(c, self.pos));
        fail(
            self.pos,
            format!(
                "unexpected {found} after the JSON value: a JSON text holds exactly one value{hint}"
            ),
        )
    }
}

/// Powers of ten that are exact doubles (10^0 ..= 10^22).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

// region: scan-plain
/// Offset of the first byte at or after `i` that is `"`, `\` or a control
/// character (below U+0020), or the length. Bytes of multi-byte UTF-8
/// characters are all >= 0x80, so they are skipped like ASCII letters.
///
/// Eight bytes are tested at once ("SIMD within a register"): for a word `w`,
/// `(w - 0x0101..01 * n) & !w & 0x8080..80` has the top bit of a byte set
/// where that byte is below `n`; the lowest such bit is always exact. XOR with
/// a repeated `"` or `\` turns "equals" into "is zero" (below 1).
#[inline(always)]
fn scan_plain(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(array) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(array);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let found = (w.wrapping_sub(ONES * 0x20) & !w
            | quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash)
            & HIGHS;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}
// endregion

fn hex_digit(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'a'..=b'f' => u32::from(b - b'a' + 10),
        b'A'..=b'F' => u32::from(b - b'A' + 10),
        _ => 0,
    }
}

/// Four hex digits at `at`, or `None`.
fn hex4_value(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    digits.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_hexdigit().then(|| acc * 16 + hex_digit(b))
    })
}

/// A character as messages show it: `'x'` when it prints plainly, otherwise
/// its code point and name, e.g. `U+000B (vertical tab)`.
pub(super) fn describe(c: char) -> String {
    let name = match c {
        '\0' => "null character",
        '\t' => "tab",
        '\n' => "line feed",
        '\r' => "carriage return",
        '\u{b}' => "vertical tab",
        '\u{c}' => "form feed",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        '\u{a0}' => "no-break space",
        '\u{ad}' => "soft hyphen",
        '\u{200b}' => "zero width space",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{3000}' => "ideographic space",
        '\u{feff}' => "byte order mark",
        ' ' => return "' ' (space)".to_owned(),
        '\'' => return "\"'\" (single quote)".to_owned(),
        c if c.is_control() || c.is_whitespace() || is_invisible(c) => "",
        c => return format!("'{c}'"),
    };
    if name.is_empty() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("U+{:04X} ({name})", u32::from(c))
    }
}

/// Format characters that render as nothing (zero-width joiners, bidi marks…).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// A hint for characters people often expect to work in JSON.
fn hint_for(c: char, offset: usize) -> String {
    match c {
        '\u{feff}' if offset == 0 => {
            ": JSON text must not start with a byte order mark (JSON.parse rejects it too), remove it".to_owned()
        }
        '\'' => " (strings in JSON use double quotes)".to_owned(),
        '+' => " (a number cannot start with '+')".to_owned(),
        '.' => " (a number needs a digit before the decimal point: write 0.5, not .5)".to_owned(),
        '/' => " (JSON has no comments)".to_owned(),
        '#' => " (JSON has no comments)".to_owned(),
        c if c.is_whitespace() || is_invisible(c) => {
            ", which is not JSON whitespace (only space, tab, line feed and carriage return are)".to_owned()
        }
        _ => String::new(),
    }
}
