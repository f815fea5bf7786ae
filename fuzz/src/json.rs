//! Independent references for `lab::json`: the value `JSON.parse` would give in a form
//! that serde_json's can be compared with, JavaScript's number layout, and
//! `JSON.stringify`'s string quoting, each written straight from ECMA-262.

use std::collections::BTreeMap;

use wasm_playground::lab::json::JsonValue;

/// A JSON value as a JavaScript object sees it: objects keep the *last* value of a
/// repeated key and have no order we compare (serde_json's map sorts keys), numbers are
/// `f64` compared with `==` (so `-0` equals `0`, as serde_json's integer `-0` is `0`).
#[derive(Debug, PartialEq)]
pub enum Canon {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    Array(Vec<Canon>),
    Object(BTreeMap<String, Canon>),
}

/// Our value in comparable form. Recursive: only for values from `parse`, whose depth
/// is bounded (`MAX_DEPTH`), or from the bounded generator of the `json_value` target.
pub fn canon(value: &JsonValue) -> Canon {
    match value {
        JsonValue::Null => Canon::Null,
        JsonValue::Bool(b) => Canon::Bool(*b),
        JsonValue::Number(n) => Canon::Number(*n),
        JsonValue::Str(s) => Canon::Str(s.clone()),
        JsonValue::Array(items) => Canon::Array(items.iter().map(canon).collect()),
        JsonValue::Object(pairs) => {
            let mut map = BTreeMap::new();
            for (k, v) in pairs {
                // Later pairs overwrite earlier ones, as in JSON.parse.
                map.insert(k.clone(), canon(v));
            }
            Canon::Object(map)
        }
    }
}

/// serde_json's value in comparable form.
pub fn canon_serde(value: &serde_json::Value) -> Canon {
    match value {
        serde_json::Value::Null => Canon::Null,
        serde_json::Value::Bool(b) => Canon::Bool(*b),
        // u64 and i64 convert to the nearest f64, as a correctly rounded parse of the
        // same digits does.
        serde_json::Value::Number(n) => Canon::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Canon::Str(s.clone()),
        serde_json::Value::Array(items) => Canon::Array(items.iter().map(canon_serde).collect()),
        serde_json::Value::Object(map) => Canon::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), canon_serde(v)))
                .collect(),
        ),
    }
}

/// What writing and re-reading `value` must give: NaN and ±infinity become `null`
/// (`JSON.stringify` writes them so), everything else stays.
pub fn written_form(value: &JsonValue) -> JsonValue {
    match value {
        JsonValue::Number(n) if !n.is_finite() => JsonValue::Null,
        JsonValue::Array(items) => JsonValue::Array(items.iter().map(written_form).collect()),
        JsonValue::Object(pairs) => JsonValue::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.clone(), written_form(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Facts about a value that explain why serde_json may refuse a text we accept:
/// (nesting depth, holds a number beyond f64, holds U+FFFD — which is what a lone
/// surrogate escape becomes in our value).
pub fn serde_excuses(value: &JsonValue) -> (usize, bool, bool) {
    let mut depth = 0;
    let mut non_finite = false;
    let mut replacement = false;
    let mut work = vec![(value, 1usize)];
    while let Some((v, d)) = work.pop() {
        depth = depth.max(d);
        match v {
            JsonValue::Number(n) => non_finite |= !n.is_finite(),
            JsonValue::Str(s) => replacement |= s.contains('\u{FFFD}'),
            JsonValue::Array(items) => work.extend(items.iter().map(|i| (i, d + 1))),
            JsonValue::Object(pairs) => {
                for (k, v) in pairs {
                    replacement |= k.contains('\u{FFFD}');
                    work.push((v, d + 1));
                }
            }
            _ => {}
        }
    }
    (depth, non_finite, replacement)
}

/// `String(x)` for a finite `x`, from ECMA-262 Number::toString with the note's
/// recommended rounding: the fewest significant digits `k` whose decimal reads back as
/// `x`; among those, the one closest to `x`, the even one on a tie.
///
/// The digits are searched, not taken from the shortest formatter: for each `k`, the
/// correctly rounded `k`-digit decimal (Rust's `{:.*e}` rounds exactly, ties to even)
/// is the closest candidate; when it does not read back, a neighbour one unit away
/// still can (just below a power of two the doubles are twice as dense on one side).
pub fn js_number_reference(x: f64) -> String {
    if x == 0.0 {
        return "0".to_owned();
    }
    let a = x.abs();
    let (digits, exponent) = (1..=17)
        .find_map(|k| {
            let (d, e) = decimal(&format!("{:.*e}", k - 1, a));
            [d, d.wrapping_sub(1), d + 1]
                .into_iter()
                .find(|&c| c != 0 && format!("{c}e{e}").parse::<f64>() == Ok(a))
                .map(|c| (c, e))
        })
        .unwrap_or((0, 0));
    // Drop trailing zeros: value = digits × 10^exponent.
    let (mut digits, mut exponent) = (digits, exponent);
    while digits != 0 && digits % 10 == 0 {
        digits /= 10;
        exponent += 1;
    }
    let digits = digits.to_string();
    let k = digits.len() as i32;
    let n = exponent + k; // value = 0.d1d2… × 10^n
    let sign = if x < 0.0 { "-" } else { "" };
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let e_sign = if e < 0 { '-' } else { '+' };
        let mantissa = if k == 1 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        format!("{mantissa}e{e_sign}{}", e.unsigned_abs())
    };
    format!("{sign}{body}")
}

/// "d.ddde±x" as (the integer d…d, its power of ten).
fn decimal(sci: &str) -> (u64, i32) {
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let places = digits.len() as i32 - 1;
    (
        digits.parse().unwrap_or(0),
        exponent.parse::<i32>().unwrap_or(0) - places,
    )
}

/// `JSON.stringify(s)` for a well-formed string (ECMA-262 QuoteJSONString).
pub fn quote_reference(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // The ties are exact binary values halfway between two decimals: every digit counts.
    #[allow(clippy::excessive_precision)]
    #[test]
    fn number_layouts() {
        for (x, s) in [
            (1e21, "1e+21"),
            (1.5e-7, "1.5e-7"),
            (123456789012345680000.0, "123456789012345680000"),
            (0.000001, "0.000001"),
            (3.25, "3.25"),
            (-5e-324, "-5e-324"),
            (100.0, "100"),
            (0.1 + 0.2, "0.30000000000000004"),
            // Ties: V8 writes the even digit, and where the even one does not read back
            // (just below a power of two) the odd one.
            (900719925474099.25, "900719925474099.2"),
            (1445821676718397.25, "1445821676718397.2"),
            (5.9604644775390625e-8, "5.960464477539063e-8"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
        ] {
            assert_eq!(js_number_reference(x), s);
        }
    }

    #[test]
    fn quoting() {
        assert_eq!(
            quote_reference("a\"\\\u{1}\u{7f}\u{2028}"),
            "\"a\\\"\\\\\\u0001\u{7f}\u{2028}\""
        );
    }
}
