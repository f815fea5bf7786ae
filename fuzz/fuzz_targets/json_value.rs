//! `lab::json`'s writers on arbitrary values: any `f64` (NaN, ±infinity, -0,
//! subnormals), any string, repeated keys.
//!
//! Laws:
//! - `to_json_string` is always valid JSON: our parser and serde_json both read it, to
//!   the value with NaN and ±infinity as `null` (what `JSON.stringify` writes);
//! - numbers are written as JavaScript's `String(x)` writes them (ECMA-262
//!   Number::toString: shortest round-trip digits, its layout) and read back bit for bit;
//! - strings are quoted as `JSON.stringify` quotes them;
//! - every indentation reads back the same.
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::json::{self, JsonValue, js_number_string};
use wasm_playground_fuzz::json::{
    canon, canon_serde, js_number_reference, quote_reference, written_form,
};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut budget = 64;
    let Ok(value) = value(&mut u, &mut budget, 0) else {
        return;
    };
    let expected = written_form(&value);
    let text = value.to_json_string();
    match json::parse(&text) {
        Ok(again) => assert_eq!(again, expected, "round trip through {text:?}"),
        Err(error) => panic!("wrote invalid JSON {text:?}: {error}"),
    }
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(reference) => assert_eq!(canon_serde(&reference), canon(&expected), "{text:?}"),
        Err(error) => panic!("serde_json refuses what we wrote ({error}): {text:?}"),
    }
    let indent = usize::from(u.arbitrary::<u8>().unwrap_or(2) % 12);
    let pretty = value.to_json_pretty(indent);
    assert_eq!(
        json::parse(&pretty).as_ref(),
        Ok(&expected),
        "pretty({indent}): {pretty:?}"
    );
    check_leaves(&value);
});

fn number(u: &mut Unstructured) -> Result<f64> {
    if u.ratio(1u8, 2)? {
        return Ok(f64::from_bits(u.arbitrary()?));
    }
    let base = *u.choose(&[
        0.0,
        -0.0,
        1.0,
        0.1,
        1e21,
        1e-7,
        1e-6,
        123456789012345680000.0,
        9007199254740993.0,
        5e-324,
        f64::MAX,
        f64::NAN,
        f64::INFINITY,
        -65.613617,
    ])?;
    // Scaled by a small power of ten, so the layout boundaries (1e21, 1e-7) are crossed.
    let exponent = i32::from(u.int_in_range(-3i8..=3)?);
    Ok(base * 10f64.powi(exponent))
}

fn string(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1u8, 2)? {
        return Ok(u.arbitrary::<&str>()?.to_owned());
    }
    Ok(u.choose(&[
        "",
        "a",
        "\"\\/\u{8}\u{c}\n\r\t",
        "\u{0}\u{1f}\u{7f}",
        "\u{2028}\u{2029}",
        "😀é",
        "\u{fffd}",
    ])?
    .to_string())
}

fn value(u: &mut Unstructured, budget: &mut usize, depth: usize) -> Result<JsonValue> {
    *budget = budget.saturating_sub(1);
    let leaf_only = depth >= 16 || *budget == 0;
    Ok(match u.int_in_range(0..=if leaf_only { 3u8 } else { 5 })? {
        0 => JsonValue::Null,
        1 => JsonValue::Bool(u.arbitrary()?),
        2 => JsonValue::Number(number(u)?),
        3 => JsonValue::Str(string(u)?),
        4 => {
            let mut items = Vec::new();
            while *budget > 0 && u.arbitrary::<bool>()? {
                items.push(value(u, budget, depth + 1)?);
            }
            JsonValue::Array(items)
        }
        _ => {
            let mut pairs = Vec::new();
            while *budget > 0 && u.arbitrary::<bool>()? {
                // A small key pool makes repeated keys common.
                let key = if u.ratio(1u8, 2)? {
                    u.choose(&["a", "b", "", "__proto__"])?.to_string()
                } else {
                    string(u)?
                };
                pairs.push((key, value(u, budget, depth + 1)?));
            }
            JsonValue::Object(pairs)
        }
    })
}

fn check_leaves(value: &JsonValue) {
    let mut work = vec![value];
    while let Some(v) = work.pop() {
        match v {
            JsonValue::Number(x) if x.is_finite() => {
                let written = js_number_string(*x);
                assert_eq!(written, js_number_reference(*x), "String({x:e})");
                let back: f64 = written.parse().unwrap_or(f64::NAN);
                // -0 is written "0", as in JavaScript.
                assert_eq!(
                    back.to_bits(),
                    (*x + 0.0).to_bits(),
                    "{written} does not read back as {x:e}"
                );
            }
            JsonValue::Str(s) => {
                assert_eq!(
                    JsonValue::Str(s.clone()).to_json_string(),
                    quote_reference(s)
                );
            }
            JsonValue::Array(items) => work.extend(items),
            JsonValue::Object(pairs) => {
                for (k, v) in pairs {
                    assert_eq!(
                        JsonValue::Str(k.clone()).to_json_string(),
                        quote_reference(k)
                    );
                    work.push(v);
                }
            }
            _ => {}
        }
    }
}
