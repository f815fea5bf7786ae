//! The writer: `JSON.stringify` byte for byte, without recursion.

use super::JsonValue;
use super::number::write_js_number;

/// An array or object being written: the children still to write, and
/// whether one has been written already (to place the commas).
enum Frame<'a> {
    Array(std::slice::Iter<'a, JsonValue>, bool),
    Object(std::slice::Iter<'a, (String, JsonValue)>, bool),
}

/// Writes `root` as `JSON.stringify(root, null, gap)` does; an empty `gap`
/// gives the minified form. The open containers live on a `Vec`, so the call
/// stack stays flat whatever the depth of the value.
pub(super) fn to_string(root: &JsonValue, gap: &str) -> String {
    let mut out = String::new();
    let mut scratch = String::new();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut next = root;
    loop {
        // Write `next`; a non-empty container is opened and pushed instead.
        match next {
            JsonValue::Null => out.push_str("null"),
            JsonValue::Bool(true) => out.push_str("true"),
            JsonValue::Bool(false) => out.push_str("false"),
            JsonValue::Number(x) if x.is_finite() => write_js_number(&mut out, *x, &mut scratch),
            JsonValue::Number(_) => out.push_str("null"),
            JsonValue::Str(s) => write_string(&mut out, s),
            JsonValue::Array(items) if items.is_empty() => out.push_str("[]"),
            JsonValue::Array(items) => {
                out.push('[');
                stack.push(Frame::Array(items.iter(), false));
            }
            JsonValue::Object(pairs) if pairs.is_empty() => out.push_str("{}"),
            JsonValue::Object(pairs) => {
                out.push('{');
                stack.push(Frame::Object(pairs.iter(), false));
            }
        }
        // Find what comes next: the next child of the innermost open
        // container, closing every container that has none left.
        loop {
            let depth = stack.len();
            let Some(frame) = stack.last_mut() else {
                return out;
            };
            let (child, key, started) = match frame {
                Frame::Array(iter, started) => (iter.next(), None, started),
                Frame::Object(iter, started) => match iter.next() {
                    Some((k, v)) => (Some(v), Some(k), started),
                    None => (None, None, started),
                },
            };
            if let Some(child) = child {
                if *started {
                    out.push(',');
                }
                *started = true;
                newline(&mut out, gap, depth);
                if let Some(key) = key {
                    write_string(&mut out, key);
                    out.push(':');
                    if !gap.is_empty() {
                        out.push(' ');
                    }
                }
                next = child;
                break;
            }
            let close = if matches!(frame, Frame::Array(..)) {
                ']'
            } else {
                '}'
            };
            stack.pop();
            newline(&mut out, gap, depth - 1);
            out.push(close);
        }
    }
}

fn newline(out: &mut String, gap: &str, depth: usize) {
    if !gap.is_empty() {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(gap);
        }
    }
}

/// A string as `JSON.stringify` quotes it (ECMA-262 QuoteJSONString): `"` and
/// `\` escaped, `\b \f \n \r \t` by name, other characters below U+0020 as
/// `\u00xx` (lowercase hex), everything else, U+2028/U+2029 and U+007F
/// included, as is. (Lone surrogates, which JavaScript escapes, cannot occur
/// in a Rust string.) Runs of plain bytes are copied in one go.
pub(super) fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        run = i + 1;
        if escaped.is_empty() {
            out.push_str("\\u00");
            // b < 0x20 here, so the two hex digits are '0'/'1' and one of 16.
            out.push(if b < 0x10 { '0' } else { '1' });
            out.push(char::from(
                HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0'),
            ));
        } else {
            out.push_str(escaped);
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}
