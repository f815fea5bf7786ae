#![cfg(not(target_arch = "wasm32"))]
//! lab::json checked against Node 20's JSON.parse / JSON.stringify / String(number).
//!
//! The fixtures are made by `node tests/fixtures/json/make_fixtures.js` (seeded, so
//! re-running it reproduces them); see that script for the file formats.

use wasm_playground::lab::json::{JsonValue, js_number_string, parse};

const NUMBERS: &str = include_str!("fixtures/json/numbers.tsv");
const NUMPARSE: &str = include_str!("fixtures/json/numparse.tsv");
const STRINGS: &str = include_str!("fixtures/json/strings.tsv");
const CORPUS: &str = include_str!("fixtures/json/corpus.tsv");

fn lines(fixture: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    fixture.lines().enumerate().map(|(i, line)| {
        let (a, b) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("line {} has no tab", i + 1));
        (i + 1, a, b)
    })
}

fn bits(hex: &str) -> u64 {
    u64::from_str_radix(hex, 16).expect("hex bits")
}

fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex byte"))
        .collect()
}

fn unpercent(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).expect("%xx"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("corpus input is UTF-8")
}

#[test]
fn numbers_are_written_as_javascript_writes_them() {
    let mut count = 0;
    for (line, hex, expected) in lines(NUMBERS) {
        let x = f64::from_bits(bits(hex));
        assert_eq!(
            js_number_string(x),
            expected,
            "String(x), numbers.tsv line {line}, bits {hex}"
        );
        let json = JsonValue::Number(x).to_json_string();
        let stringify = if x.is_finite() { expected } else { "null" };
        assert_eq!(
            json, stringify,
            "JSON.stringify(x), numbers.tsv line {line}"
        );
        if x.is_finite() {
            // And the text reads back as the same double (-0 reads back as 0).
            let back = parse(expected).unwrap().as_f64().unwrap();
            let want = if x == 0.0 { 0.0f64 } else { x };
            assert_eq!(
                back.to_bits(),
                want.to_bits(),
                "parse(String(x)), numbers.tsv line {line}"
            );
        }
        count += 1;
    }
    assert!(count > 2500, "only {count} numbers");
}

#[test]
fn numbers_are_read_as_json_parse_reads_them() {
    let mut count = 0;
    for (line, text, hex) in lines(NUMPARSE) {
        let value = parse(text).unwrap_or_else(|e| panic!("numparse.tsv line {line}: {text}: {e}"));
        let x = value.as_f64().unwrap();
        assert_eq!(
            format!("{:016x}", x.to_bits()),
            hex,
            "numparse.tsv line {line}: {text}"
        );
        count += 1;
    }
    assert!(count > 450);
}

#[test]
fn strings_are_escaped_as_json_stringify_escapes_them() {
    let mut count = 0;
    for (line, hex, expected) in lines(STRINGS) {
        let s = String::from_utf8(unhex(hex)).expect("fixture strings are UTF-8");
        let value = JsonValue::Str(s.clone());
        assert_eq!(value.to_json_string(), expected, "strings.tsv line {line}");
        assert_eq!(
            parse(expected).unwrap(),
            value,
            "parse(JSON.stringify(s)), strings.tsv line {line}"
        );
        count += 1;
    }
    assert!(count > 400);
}

/// Sorts keys by UTF-16 code units (JavaScript's default sort) after keeping the
/// last of each duplicate (JSON.parse's rule), recursively. The fixture's
/// canonical form is built the same way in node.
fn canonical(v: &JsonValue) -> JsonValue {
    match v {
        JsonValue::Array(items) => JsonValue::Array(items.iter().map(canonical).collect()),
        JsonValue::Object(pairs) => {
            let mut last: Vec<(String, JsonValue)> = Vec::new();
            for (k, x) in pairs {
                last.retain(|(key, _)| key != k);
                last.push((k.clone(), canonical(x)));
            }
            last.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            JsonValue::Object(last)
        }
        other => other.clone(),
    }
}

#[test]
fn parse_accepts_and_rejects_what_json_parse_does_with_the_same_values() {
    let (mut accepted, mut rejected) = (0, 0);
    for (line, input, expected) in lines(CORPUS) {
        let text = unpercent(input);
        let result = parse(&text);
        match expected {
            "!" => {
                assert!(
                    result.is_err(),
                    "corpus.tsv line {line}: JSON.parse rejects {text:?}, we gave {result:?}"
                );
                rejected += 1;
            }
            "~" => {
                assert!(
                    result.is_ok(),
                    "corpus.tsv line {line}: JSON.parse accepts {text:?}: {result:?}"
                );
                accepted += 1;
            }
            _ => {
                let value = result.unwrap_or_else(|e| {
                    panic!("corpus.tsv line {line}: JSON.parse accepts {text:?}, we: {e}")
                });
                assert_eq!(
                    canonical(&value).to_json_string(),
                    expected,
                    "corpus.tsv line {line}: {text:?}"
                );
                accepted += 1;
            }
        }
    }
    assert!(
        accepted > 1000 && rejected > 1000,
        "accepted {accepted}, rejected {rejected}"
    );
}
