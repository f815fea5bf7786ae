//! `lab::json::parse` on any text, and the writers on whatever it accepts.
//!
//! Laws:
//! - accepted exactly when serde_json accepts (it is strict RFC 8259 too), except where
//!   the module documents a difference: nesting past serde_json's 128 levels, numbers
//!   beyond f64 (we give ±infinity, as JavaScript does) and lone surrogate escapes (we
//!   give U+FFFD); and then the same value, objects compared as `JSON.parse` sees them;
//! - parse → to_json_string → parse gives the same value (±infinity written as null),
//!   and writing that again gives the same text; the pretty forms read back the same;
//! - an error's line and column point into the text (or one past its end).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::json::{self, JsonValue};
use wasm_playground_fuzz::json::{canon, canon_serde, serde_excuses, written_form};
use wasm_playground_fuzz::{expand, split_extras};

/// Large enough that any super-linear step shows (64 KB squared is 4·10⁹), small enough
/// that a run stays in milliseconds.
const MAX_TEXT: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    let (text, _) = split_extras(data);
    let text = expand(text, MAX_TEXT);
    let ours = json::parse(&text);
    let theirs = serde_json::from_str::<serde_json::Value>(&text);
    match (&ours, &theirs) {
        (Ok(value), Ok(reference)) => {
            assert_eq!(
                canon(value),
                canon_serde(reference),
                "value differs for {text:?}"
            );
        }
        (Ok(value), Err(error)) => {
            let (depth, non_finite, replacement) = serde_excuses(value);
            assert!(
                depth > 127 || non_finite || replacement,
                "we accept what serde_json refuses ({error}): {text:?}"
            );
        }
        (Err(error), Ok(_)) => panic!("we refuse what serde_json accepts ({error}): {text:?}"),
        (Err(_), Err(_)) => {}
    }
    match ours {
        Ok(value) => round_trip(&value),
        Err(error) => {
            let lines: Vec<&str> = text
                .split("\r\n")
                .flat_map(|l| l.split(['\r', '\n']))
                .collect();
            assert!(error.line >= 1 && error.column >= 1, "{error:?}");
            let line = lines
                .get(error.line - 1)
                .unwrap_or_else(|| panic!("error line {} past the end of {text:?}", error.line));
            assert!(
                error.column <= line.chars().count() + 1,
                "error column {} past the end of line {:?}",
                error.column,
                line
            );
            assert!(!error.message.is_empty());
            let _ = json::error_context(&text, &error);
            let _ = json::error_excerpt(&text, &error, 40);
        }
    }
});

fn round_trip(value: &JsonValue) {
    let expected = written_form(value);
    let text = value.to_json_string();
    let again = json::parse(&text).unwrap_or_else(|e| panic!("wrote invalid JSON {text:?}: {e}"));
    assert_eq!(again, expected, "round trip through {text:?}");
    assert_eq!(again.to_json_string(), text, "writing is not stable");
    for indent in [1, 4, 10] {
        let pretty = value.to_json_pretty(indent);
        assert_eq!(
            json::parse(&pretty).as_ref(),
            Ok(&expected),
            "pretty({indent})"
        );
    }
    let tabbed = value.to_json_pretty_with("\t");
    assert_eq!(
        json::parse(&tabbed).as_ref(),
        Ok(&expected),
        "pretty with a tab"
    );
    let _ = json::stats(value);
}
