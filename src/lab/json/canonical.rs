//! A canonical text for a JSON *value*, to check that two ways of reading the same
//! document agree (the JSON tab's bridge: `lab::json::parse`, serde_json,
//! serde-wasm-bindgen and `JSON.parse`).
//!
//! Texts cannot be compared directly: a JavaScript object lists integer-like keys
//! first and drops duplicate keys, serde_json's map sorts keys, ours keeps source
//! order. So every reader's value is written the same way, and the texts compared:
//!
//! - object keys sorted by UTF-16 code units (what `Array.prototype.sort` does to
//!   `Object.keys`), the last of duplicate keys kept (what `JSON.parse` keeps);
//! - numbers as `String(n)` writes them ([`super::js_number_string`]: `-0` is `0`,
//!   `1e400` is `Infinity`);
//! - strings escaped as `JSON.stringify` escapes them.
//!
//! `canonical()` in `src/web/js/json.js` writes the same form for a JavaScript value
//! (with lone surrogates replaced by U+FFFD first, as a Rust `String` must).

use std::collections::HashMap;

use super::JsonValue;
use super::number::js_number_string;
use super::write::write_string;

/// What the canonical writer needs to see of a value: implemented for the lab's
/// [`JsonValue`] and for `serde_json::Value`, so both are written by one function.
pub trait CanonicalNode {
    /// This value, one level deep.
    fn view(&self) -> View<'_, Self>;
}

/// One level of a value, as [`CanonicalNode::view`] shows it.
pub enum View<'a, N: ?Sized> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as the double it stands for.
    Number(f64),
    /// A string's text, unescaped (the writer escapes it).
    Str(&'a str),
    /// The elements, in order.
    Array(Vec<&'a N>),
    /// Every pair in source order, duplicates included.
    Object(Vec<(&'a str, &'a N)>),
}

impl CanonicalNode for JsonValue {
    fn view(&self) -> View<'_, Self> {
        match self {
            JsonValue::Null => View::Null,
            JsonValue::Bool(b) => View::Bool(*b),
            JsonValue::Number(n) => View::Number(*n),
            JsonValue::Str(s) => View::Str(s),
            JsonValue::Array(items) => View::Array(items.iter().collect()),
            JsonValue::Object(pairs) => {
                View::Object(pairs.iter().map(|(k, v)| (k.as_str(), v)).collect())
            }
        }
    }
}

impl CanonicalNode for serde_json::Value {
    fn view(&self) -> View<'_, Self> {
        use serde_json::Value;
        match self {
            Value::Null => View::Null,
            Value::Bool(b) => View::Bool(*b),
            // Compared as f64, as JavaScript holds every number.
            Value::Number(n) => View::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => View::Str(s),
            Value::Array(items) => View::Array(items.iter().collect()),
            Value::Object(map) => View::Object(map.iter().map(|(k, v)| (k.as_str(), v)).collect()),
        }
    }
}

/// The canonical text of `value` (see the module docs). Equal values give equal texts,
/// whichever reader built them. Written with an explicit stack, so any depth is fine.
///
/// ```
/// use wasm_playground::lab::json::{canonical, parse};
/// let a = parse(r#"{"b": [1.0, -0], "a": "x", "b": [1, 0]}"#).unwrap();
/// assert_eq!(canonical(&a), r#"{"a":"x","b":[1,0]}"#);
/// ```
pub fn canonical<N: CanonicalNode + ?Sized>(value: &N) -> String {
    enum Task<'a, N: ?Sized> {
        Value(&'a N),
        Text(&'static str),
        Key(&'a str),
    }
    let mut out = String::new();
    let mut stack = vec![Task::Value(value)];
    while let Some(task) = stack.pop() {
        let value = match task {
            Task::Text(text) => {
                out.push_str(text);
                continue;
            }
            Task::Key(key) => {
                write_string(&mut out, key);
                out.push(':');
                continue;
            }
            Task::Value(value) => value,
        };
        // Containers push their parts in reverse: the stack pops them in order.
        match value.view() {
            View::Null => out.push_str("null"),
            View::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            View::Number(n) => out.push_str(&js_number_string(n)),
            View::Str(s) => write_string(&mut out, s),
            View::Array(items) => {
                out.push('[');
                stack.push(Task::Text("]"));
                for (i, item) in items.into_iter().enumerate().rev() {
                    stack.push(Task::Value(item));
                    if i > 0 {
                        stack.push(Task::Text(","));
                    }
                }
            }
            View::Object(pairs) => {
                let mut last: HashMap<&str, &N> = HashMap::with_capacity(pairs.len());
                for (key, child) in pairs {
                    last.insert(key, child);
                }
                let mut sorted: Vec<(&str, &N)> = last.into_iter().collect();
                sort_utf16(&mut sorted);
                out.push('{');
                stack.push(Task::Text("}"));
                for (i, (key, child)) in sorted.into_iter().enumerate().rev() {
                    stack.push(Task::Value(child));
                    stack.push(Task::Key(key));
                    if i > 0 {
                        stack.push(Task::Text(","));
                    }
                }
            }
        }
    }
    out
}

/// Sorts by key in UTF-16 code unit order, as JavaScript sorts strings. It differs
/// from UTF-8 byte order above U+FFFF: "\u{FFFF}" sorts after "😀" in JavaScript.
fn sort_utf16<T>(pairs: &mut [(&str, T)]) {
    pairs.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
}

/// `Ok` when two canonical texts are equal; else where they first differ (in
/// characters) with a little of each side around it, for a person to read.
pub fn first_difference(expected: &str, got: &str) -> Result<(), String> {
    if expected == got {
        return Ok(());
    }
    let at = expected
        .char_indices()
        .zip(got.chars())
        .find(|((_, a), b)| a != b)
        .map(|((i, _), _)| i)
        .unwrap_or_else(|| expected.len().min(got.len()));
    let excerpt = |s: &str| -> String {
        let mut start = at.saturating_sub(24).min(s.len());
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let tail: String = s[start..].chars().take(60).collect();
        if tail.is_empty() {
            "(end of value)".into()
        } else {
            format!("…{tail}")
        }
    };
    Err(format!(
        "first difference at character {}: JSON.parse gives {} but this path gives {}",
        expected[..at].chars().count(),
        excerpt(expected),
        excerpt(got)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::json::{gen_canada, gen_citm, gen_twitter, parse};
    use proptest::prelude::*;

    fn lab(text: &str) -> String {
        canonical(&parse(text).unwrap())
    }

    fn serde(text: &str) -> String {
        canonical(&serde_json::from_str::<serde_json::Value>(text).unwrap())
    }

    #[test]
    fn keys_sorted_last_duplicate_kept_numbers_as_javascript_prints_them() {
        assert_eq!(lab(r#"{"b":1,"a":2,"b":3}"#), r#"{"a":2,"b":3}"#);
        assert_eq!(
            lab("[-0, 1.0, 1e21, 1.5e-7, 1e400, -1e400]"),
            "[0,1,1e+21,1.5e-7,Infinity,-Infinity]"
        );
        assert_eq!(lab(r#""tab\t é \u2028""#), "\"tab\\t é \u{2028}\"");
        assert_eq!(lab("{}"), "{}");
        assert_eq!(lab("[]"), "[]");
        assert_eq!(lab("[[],{},[{}]]"), "[[],{},[{}]]");
        assert_eq!(
            lab(r#"{"x":{"b":null,"a":[true,false]}}"#),
            r#"{"x":{"a":[true,false],"b":null}}"#
        );
        // UTF-16 order: U+FFFF after the astral 😀 (whose first unit is 0xD83D).
        assert_eq!(
            lab(r#"{"\uffff":1,"😀":2,"a":3}"#),
            "{\"a\":3,\"😀\":2,\"\u{ffff}\":1}"
        );
    }

    #[test]
    fn the_lab_and_serde_json_agree_on_the_generated_documents() {
        for doc in [gen_canada(0.05), gen_citm(0.05), gen_twitter(0.2)] {
            assert_eq!(lab(&doc), serde(&doc));
        }
        // Duplicate keys: serde_json keeps the last too.
        assert_eq!(lab(r#"{"a":1,"a":2}"#), serde(r#"{"a":1,"a":2}"#));
    }

    #[test]
    fn any_depth_is_written_without_recursion() {
        let mut value = JsonValue::Null;
        for _ in 0..100_000 {
            value = JsonValue::Array(vec![value]);
        }
        let text = canonical(&value);
        assert_eq!(text.len(), 200_004);
        // Drop it level by level: the derived Drop would recurse 100,000 deep.
        while let JsonValue::Array(mut items) = value {
            value = items.pop().unwrap_or(JsonValue::Null);
        }
    }

    #[test]
    fn first_difference_says_where_with_context() {
        assert_eq!(first_difference("[1,2]", "[1,2]"), Ok(()));
        let e = first_difference("[1,2,3]", "[1,2,4]").unwrap_err();
        assert_eq!(
            e,
            "first difference at character 5: JSON.parse gives …[1,2,3] but this path gives …[1,2,4]"
        );
        let e = first_difference("[1]", "[1").unwrap_err();
        assert!(e.contains("character 2"), "{e}");
        let e = first_difference("\"ééé\"", "\"éé\"").unwrap_err();
        assert!(e.contains("character 3"), "{e}");
    }

    fn value() -> impl Strategy<Value = JsonValue> {
        let leaf = prop_oneof![
            Just(JsonValue::Null),
            any::<bool>().prop_map(JsonValue::Bool),
            any::<f64>().prop_map(JsonValue::Number),
            "\\PC{0,6}".prop_map(JsonValue::Str),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(JsonValue::Array),
                prop::collection::vec(("[ab😀\u{ffff}]{0,2}", inner), 0..5)
                    .prop_map(JsonValue::Object),
            ]
        })
    }

    fn all_finite(v: &JsonValue) -> bool {
        match v {
            JsonValue::Number(n) => n.is_finite(),
            JsonValue::Array(items) => items.iter().all(all_finite),
            JsonValue::Object(pairs) => pairs.iter().all(|(_, v)| all_finite(v)),
            _ => true,
        }
    }

    proptest! {
        #[test]
        fn writing_and_reading_back_keeps_the_canonical_form(v in value()) {
            let text = v.to_json_string();
            let back = parse(&text).unwrap();
            // NaN and ±inf are written as null (as JSON.stringify does); every other
            // value comes back the same.
            if all_finite(&v) {
                prop_assert_eq!(canonical(&back), canonical(&v));
            }
            prop_assert_eq!(canonical(&back), serde(&text));
        }
    }
}
