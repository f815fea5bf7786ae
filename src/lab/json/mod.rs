//! # JSON: a strict parser and a `JSON.stringify`-exact writer
//!
//! JSON is the lingua franca between JavaScript and WebAssembly: when a Rust
//! program in the browser receives data, it very often arrives as JSON text.
//! This module is a complete, small JSON implementation written to be read:
//!
//! * [`parse`] accepts exactly the language of RFC 8259, which is exactly what
//!   `JSON.parse` accepts, and explains every rejection with a line, a column
//!   and a sentence ("expected ',' or ']' after an array element").
//! * [`JsonValue::to_json_string`] and [`JsonValue::to_json_pretty`] write text
//!   byte for byte as `JSON.stringify(v)` and `JSON.stringify(v, null, n)` do,
//!   including the way JavaScript prints numbers (`1e+21`, `1.5e-7`, `-0` → `0`).
//! * [`stats`], [`error_context`] and the document generators
//!   [`gen_canada`], [`gen_citm`] and [`gen_twitter`] (module [`samples`]) are
//!   small helpers for the lab's JSON tab.
//!
//! ## How it works
//!
//! The parser walks the UTF-8 bytes once, left to right. It never recurses:
//! open arrays and objects live on an explicit `Vec` stack, so nesting costs
//! heap, not call stack. That matters in WebAssembly, whose stack is a fixed
//! 1 MB: a recursive parser fed 100,000 `[` would crash the page. Nesting is
//! still capped at [`MAX_DEPTH`] (512) levels, because the value that comes
//! out is a tree, and the tree's derived `Drop`, `Clone`, `PartialEq` and
//! `Debug` *are* recursive; 512 keeps all of them far inside 1 MB.
//!
//! Strings are scanned eight bytes at a time (a "SWAR" test for `"`, `\` and
//! control characters), and copied as whole slices rather than char by char.
//! Numbers are checked against the JSON grammar by hand, then converted
//! exactly: up to 15 digits with a power of ten up to 10^22 by one correctly
//! rounded division (Clinger's fast path), anything else by the standard
//! library's `str::parse::<f64>` (Eisel–Lemire with an exact fallback). Both
//! round to nearest, exactly like `JSON.parse`.
//!
//! The writer prints numbers as JavaScript does: the shortest digits that
//! read back as the same double (found directly for short decimals such as
//! `-65.613617`, otherwise taken from Rust's `{:e}`), in JavaScript's layout.
//!
//! ## One thing `JSON.stringify` does that we don't
//!
//! A JavaScript object lists integer-like keys (`"0"`, `"42"`) first, in
//! ascending order, and keeps only the last of duplicate keys. So
//! `JSON.stringify(JSON.parse('{"b":1,"1":2,"b":3}'))` is `{"1":2,"b":3}`,
//! while our `Object` keeps `b, 1, b` in source order and writes all three.
//! Compare values (as maps), not texts, when checking the two against each
//! other.
//!
//! ## Where we differ from `JSON.parse` (on purpose)
//!
//! 1. **Lone surrogates.** `JSON.parse("\"\\ud800\"")` yields a JavaScript
//!    string holding an unpaired UTF-16 surrogate. A Rust `String` is UTF-8
//!    and cannot hold one, so each unpaired `\uD800`–`\uDFFF` escape becomes
//!    U+FFFD REPLACEMENT CHARACTER. This is the only case where the *value*
//!    differs; the set of accepted texts is the same. It is also what
//!    `String::from_utf16_lossy`, `TextDecoder` and wasm-bindgen's
//!    `JsValue::as_string` do with such strings, so every path from
//!    JavaScript into Rust agrees.
//! 2. **Depth.** `JSON.parse` accepts arbitrarily deep nesting; we reject
//!    more than [`MAX_DEPTH`] levels with an error (never a crash).
//!
//! Numbers too large for `f64` (`1e400`) become ±infinity, as in JavaScript,
//! and are written back as `null`, as `JSON.stringify` does.
//!
//! ## The real thing
//!
//! In production Rust, use [`serde_json`](https://docs.rs/serde_json): it
//! deserializes straight into typed structs with `#[derive(Deserialize)]`,
//! streams from readers, and has `RawValue`, arbitrary-precision numbers and
//! more. It limits nesting to 128 levels and rejects lone surrogates and
//! numbers beyond `f64`. What ours leaves out: typed deserialization,
//! streaming, and integers beyond 2^53 (every number here is an `f64`, as in
//! JavaScript). What ours adds, for teaching: error messages that name the
//! rule that was broken, and output identical to `JSON.stringify`.

mod canonical;
mod number;
mod parse;
mod preview;
pub mod samples;
mod write;

pub use canonical::{CanonicalNode, View, canonical, first_difference};
pub use number::js_number_string;
pub use parse::{MAX_DEPTH, parse};
pub use preview::{Head, head};
pub use samples::{gen_canada, gen_citm, gen_twitter};

use std::collections::HashSet;
use std::fmt;

/// One JSON value.
///
/// Every number is an `f64`, exactly as in JavaScript. An `Object` keeps all
/// of its pairs in the order they appeared, duplicates included; use
/// [`JsonValue::get`] for `JSON.parse`'s "last one wins" lookup.
///
/// Depth: a value from [`parse`] is at most [`MAX_DEPTH`] levels deep, which
/// the derived (recursive) `Clone`, `PartialEq`, `Debug` and `Drop` handle
/// easily on a 1 MB stack. The writers and [`stats`] never recurse, so they
/// also take values built by hand at any depth; but a hand-built value
/// nested tens of thousands of levels deep would overflow the stack when
/// dropped or cloned, so don't build one.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// Any JSON number. May hold ±infinity (from `1e400`); NaN and infinities
    /// are written back as `null`.
    Number(f64),
    /// A string, after escapes are decoded.
    Str(String),
    /// `[ ... ]`
    Array(Vec<JsonValue>),
    /// `{ ... }`: every key/value pair in source order, duplicates kept.
    Object(Vec<(String, JsonValue)>),
}

impl JsonValue {
    /// The value of the *last* pair with this key, like `JSON.parse` (whose
    /// later duplicates overwrite earlier ones). `None` for a missing key or
    /// when `self` is not an object.
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        match self {
            JsonValue::Object(pairs) => pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Element `index` of an array; `None` when out of range or not an array.
    pub fn at(&self, index: usize) -> Option<&JsonValue> {
        match self {
            JsonValue::Array(items) => items.get(index),
            _ => None,
        }
    }

    /// The JavaScript `typeof`-style name of this value's type:
    /// `"null"`, `"boolean"`, `"number"`, `"string"`, `"array"` or `"object"`.
    pub fn type_name(&self) -> &'static str {
        match self {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "boolean",
            JsonValue::Number(_) => "number",
            JsonValue::Str(_) => "string",
            JsonValue::Array(_) => "array",
            JsonValue::Object(_) => "object",
        }
    }

    /// The number, if this is a `Number`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            JsonValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The text, if this is a `Str`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The flag, if this is a `Bool`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            JsonValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements, if this is an `Array`.
    pub fn as_array(&self) -> Option<&[JsonValue]> {
        match self {
            JsonValue::Array(items) => Some(items),
            _ => None,
        }
    }

    /// All pairs in source order (duplicates included), if this is an `Object`.
    pub fn as_object(&self) -> Option<&[(String, JsonValue)]> {
        match self {
            JsonValue::Object(pairs) => Some(pairs),
            _ => None,
        }
    }

    /// `true` for `Null`.
    pub fn is_null(&self) -> bool {
        matches!(self, JsonValue::Null)
    }

    /// Minified JSON text, byte for byte what `JSON.stringify(v)` writes:
    /// the same escapes, the same number formatting, NaN and ±infinity as
    /// `null`. Always valid JSON. Pairs are written in `Object` order, all
    /// duplicates included (see the module docs for how a JavaScript object
    /// orders keys). Iterative, so any depth is safe.
    pub fn to_json_string(&self) -> String {
        write::to_string(self, "")
    }

    /// Indented JSON text, byte for byte what `JSON.stringify(v, null, indent)`
    /// returns: `indent` spaces per level, clamped to 10 as JavaScript does;
    /// `0` gives the minified form. Empty arrays and objects stay `[]` / `{}`.
    pub fn to_json_pretty(&self, indent: usize) -> String {
        const SPACES: &str = "          ";
        let gap = SPACES.get(..indent.min(10)).unwrap_or(SPACES);
        write::to_string(self, gap)
    }

    /// How many bytes [`JsonValue::to_json_pretty`]`(indent)` would write, without
    /// writing them: the minified length plus, for every line break, the break and the
    /// indentation of its line (and a space after each object key). O(size of the value).
    ///
    /// Indentation grows with depth, so the indented text can be far longer than the
    /// input: 2 MB of numbers 512 arrays deep (the deepest [`parse`] accepts) indent to
    /// 500 MB. Ask this first and show the minified text when the answer is too large.
    pub fn pretty_len(&self, indent: usize) -> u64 {
        let gap = indent.min(10) as u64;
        let minified = self.to_json_string().len() as u64;
        if gap == 0 {
            return minified;
        }
        let mut extra = 0u64;
        // (value, depth): iterative, like the writer.
        let mut stack: Vec<(&JsonValue, u64)> = vec![(self, 0)];
        while let Some((value, depth)) = stack.pop() {
            let (children, keys) = match value {
                JsonValue::Array(items) if !items.is_empty() => (items.len() as u64, false),
                JsonValue::Object(pairs) if !pairs.is_empty() => (pairs.len() as u64, true),
                _ => continue,
            };
            // A break before each child at depth + 1, one before the closing bracket.
            let line = |d: u64| 1u64.saturating_add(d.saturating_mul(gap));
            extra = extra
                .saturating_add(children.saturating_mul(line(depth + 1)))
                .saturating_add(line(depth))
                .saturating_add(if keys { children } else { 0 });
            match value {
                JsonValue::Array(items) => stack.extend(items.iter().map(|v| (v, depth + 1))),
                JsonValue::Object(pairs) => {
                    stack.extend(pairs.iter().map(|(_, v)| (v, depth + 1)));
                }
                _ => {}
            }
        }
        minified.saturating_add(extra)
    }

    /// Like `JSON.stringify(v, null, gap)` with a string gap (for example
    /// `"\t"`): only its first 10 UTF-16 code units are used, as in
    /// JavaScript (where a cut through an emoji would leave half of it, we cut
    /// before it). The gap is inserted as is; a gap that is not whitespace
    /// gives text that is not JSON, exactly as it does in JavaScript.
    pub fn to_json_pretty_with(&self, gap: &str) -> String {
        let mut units = 0;
        let mut end = gap.len();
        for (i, c) in gap.char_indices() {
            units += c.len_utf16();
            if units > 10 {
                end = i;
                break;
            }
        }
        write::to_string(self, gap.get(..end).unwrap_or(gap))
    }
}

impl fmt::Display for JsonValue {
    /// The minified JSON text (see [`JsonValue::to_json_string`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json_string())
    }
}

impl From<bool> for JsonValue {
    fn from(b: bool) -> Self {
        JsonValue::Bool(b)
    }
}

impl From<f64> for JsonValue {
    fn from(n: f64) -> Self {
        JsonValue::Number(n)
    }
}

impl From<&str> for JsonValue {
    fn from(s: &str) -> Self {
        JsonValue::Str(s.to_owned())
    }
}

impl From<String> for JsonValue {
    fn from(s: String) -> Self {
        JsonValue::Str(s)
    }
}

/// Why a text is not JSON, and where.
///
/// `line` and `column` are 1-based. Lines end at LF, CR LF or a lone CR.
/// `column` counts characters (Unicode scalar values, not bytes and not UTF-16
/// units) and points at the first character that is wrong; when the text
/// ends too early it points one past the last character.
///
/// (JavaScript counts positions in UTF-16 code units: on a line with
/// characters beyond U+FFFF, such as emoji, a browser editor's column is
/// larger than this one by one per such character before the error.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for JsonError {}

/// The line an error is on, and where to put the caret.
///
/// Returns the text of line `error.line` (without its line break) and the
/// number of characters before the error on it, so that
/// `" ".repeat(caret_col) + "^"` printed under the line points at the wrong
/// character (assuming one column per character; a tab in the line must be
/// copied into the caret line for it to align). When the line does not exist
/// in `text` (the error came from another text) the line is empty and the
/// caret is clamped to it: never a panic.
pub fn error_context(text: &str, error: &JsonError) -> (String, usize) {
    let line = nth_line(text, error.line).unwrap_or("");
    let caret = error.column.saturating_sub(1).min(line.chars().count());
    (line.to_owned(), caret)
}

/// Like [`error_context`], but cut to at most `width` characters around the
/// caret (a minified 2 MB document is one line). Cut ends are marked with
/// `…`, and the caret column is adjusted to the excerpt.
pub fn error_excerpt(text: &str, error: &JsonError, width: usize) -> (String, usize) {
    let (line, caret) = error_context(text, error);
    let total = line.chars().count();
    let width = width.max(8);
    if total <= width {
        return (line, caret);
    }
    // Keep the caret about a third from the left: the text before the error
    // is usually the interesting part.
    let start = caret
        .saturating_sub(width / 3)
        .min(total.saturating_sub(width));
    let end = start.saturating_add(width).min(total);
    let mut out = String::new();
    let mut caret_out = caret - start;
    if start > 0 {
        out.push('…');
        caret_out += 1;
    }
    out.extend(line.chars().skip(start).take(end - start));
    if end < total {
        out.push('…');
    }
    (out, caret_out)
}

/// The 1-based `n`th line of `text`, splitting at LF, CR LF and lone CR
/// (the same rule [`JsonError`] positions use).
fn nth_line(text: &str, n: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut line = 1usize;
    let mut start = 0usize;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' | b'\r' => {
                if line == n {
                    return text.get(start..i);
                }
                if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if line == n { text.get(start..) } else { None }
}

/// Counts describing a JSON value, for the tab's stats panel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonStats {
    /// Nesting depth: 0 for a scalar, 1 for `[]` or `[1]`, 2 for `[[1]]`.
    pub depth: usize,
    /// Number of `null`s.
    pub nulls: usize,
    /// Number of `true`/`false`.
    pub bools: usize,
    /// Number of numbers.
    pub numbers: usize,
    /// Number of strings used as values (keys are counted in `keys`).
    pub strings: usize,
    /// Number of arrays.
    pub arrays: usize,
    /// Number of objects.
    pub objects: usize,
    /// Number of object pairs (every key, duplicates included).
    pub keys: usize,
    /// Pairs whose key appears again later in the same object: these are
    /// shadowed, and `JSON.parse` (and [`JsonValue::get`]) drop them.
    pub duplicate_keys: usize,
    /// Numbers that are ±infinity (from literals like `1e400`); they are
    /// written back as `null`.
    pub non_finite_numbers: usize,
    /// Total UTF-8 bytes of all string values and keys, after unescaping.
    pub string_bytes: usize,
    /// Longest array.
    pub max_array_len: usize,
    /// Object with the most pairs.
    pub max_object_len: usize,
}

impl JsonStats {
    /// Every value counted: scalars, arrays and objects (keys not included).
    pub fn values(&self) -> usize {
        self.nulls
            .saturating_add(self.bools)
            .saturating_add(self.numbers)
            .saturating_add(self.strings)
            .saturating_add(self.arrays)
            .saturating_add(self.objects)
    }
}

/// Walks `value` (iteratively, so any depth is safe) and counts what is in it.
pub fn stats(value: &JsonValue) -> JsonStats {
    let mut s = JsonStats::default();
    // (value, depth of the containers around it)
    let mut todo: Vec<(&JsonValue, usize)> = vec![(value, 0)];
    let mut seen: HashSet<&str> = HashSet::new();
    while let Some((v, outer)) = todo.pop() {
        match v {
            JsonValue::Null => s.nulls += 1,
            JsonValue::Bool(_) => s.bools += 1,
            JsonValue::Number(n) => {
                s.numbers += 1;
                if !n.is_finite() {
                    s.non_finite_numbers += 1;
                }
            }
            JsonValue::Str(text) => {
                s.strings += 1;
                s.string_bytes = s.string_bytes.saturating_add(text.len());
            }
            JsonValue::Array(items) => {
                s.arrays += 1;
                s.depth = s.depth.max(outer + 1);
                s.max_array_len = s.max_array_len.max(items.len());
                todo.extend(items.iter().map(|child| (child, outer + 1)));
            }
            JsonValue::Object(pairs) => {
                s.objects += 1;
                s.depth = s.depth.max(outer + 1);
                s.max_object_len = s.max_object_len.max(pairs.len());
                s.keys = s.keys.saturating_add(pairs.len());
                // Walk backwards: a key already seen is shadowed by a later pair.
                seen.clear();
                for (key, child) in pairs.iter().rev() {
                    s.string_bytes = s.string_bytes.saturating_add(key.len());
                    if !seen.insert(key.as_str()) {
                        s.duplicate_keys += 1;
                    }
                    todo.push((child, outer + 1));
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests;
