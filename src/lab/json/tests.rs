//! Tests for lab::json: RFC 8259 conformance (accept and reject), error
//! positions and messages, depth, the writer against known JSON.stringify
//! output, property tests (round trip, no panics), and a differential test
//! against serde_json. The node-generated corpus lives in tests/json_node.rs.

use super::*;
use proptest::prelude::*;

use JsonValue::{Array, Bool, Null, Number, Object, Str};

fn num(x: f64) -> JsonValue {
    Number(x)
}

fn obj(pairs: &[(&str, JsonValue)]) -> JsonValue {
    Object(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

/// Bit-exact equality (so -0 differs from 0 and NaN equals NaN).
fn same(a: &JsonValue, b: &JsonValue) -> bool {
    match (a, b) {
        (Number(x), Number(y)) => x.to_bits() == y.to_bits(),
        (Array(xs), Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y))
        }
        (Object(xs), Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .zip(ys)
                    .all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        _ => a == b,
    }
}

#[track_caller]
fn ok(text: &str) -> JsonValue {
    parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

/// Asserts a rejection at (line, column) whose message contains `needle`.
#[track_caller]
fn rejects(text: &str, line: usize, column: usize, needle: &str) {
    match parse(text) {
        Ok(v) => panic!("{text:?} should be rejected, got {v:?}"),
        Err(e) => {
            assert_eq!(
                (e.line, e.column),
                (line, column),
                "position for {text:?}: {e}"
            );
            assert!(
                e.message.contains(needle),
                "message for {text:?} should contain {needle:?}: {e}"
            );
        }
    }
}

// ----------------------------------------------------------------- accept

#[test]
fn literals_and_top_level_scalars() {
    assert_eq!(ok("null"), Null);
    assert_eq!(ok("true"), Bool(true));
    assert_eq!(ok("false"), Bool(false));
    assert_eq!(ok("\"\""), Str(String::new()));
    assert_eq!(ok("0"), num(0.0));
    assert_eq!(ok(" \t\r\n 42 \t\r\n "), num(42.0));
}

#[test]
fn numbers_follow_the_grammar_and_round_correctly() {
    let cases: &[(&str, f64)] = &[
        ("0", 0.0),
        ("-0", -0.0),
        ("0.0", 0.0),
        ("-0.0", -0.0),
        ("1e5", 1e5),
        ("1E5", 1e5),
        ("1E+5", 1e5),
        ("1e-5", 1e-5),
        ("2.5E-3", 2.5e-3),
        ("0e0", 0.0),
        ("-0e-0", -0.0),
        ("123456789", 123456789.0),
        ("0.1", 0.1),
        ("3.141592653589793", std::f64::consts::PI),
        ("9007199254740993", 9007199254740992.0), // ties to even
        ("1.7976931348623157e308", f64::MAX),
        ("5e-324", 5e-324),
        ("2.4703282292062328e-324", 5e-324),
        ("1e-400", 0.0),
        ("-1e-400", -0.0),
        ("1e400", f64::INFINITY),
        ("-1e400", f64::NEG_INFINITY),
        ("1e999999999999999999999", f64::INFINITY),
        ("123456789012345678901234567890", 1.2345678901234568e29),
        ("0.000001", 1e-6),
        ("100e-2", 1.0),
        ("-65.613617", -65.613617),
    ];
    for &(text, want) in cases {
        let got = ok(text);
        assert!(same(&got, &num(want)), "{text}: got {got:?}, want {want:?}");
    }
}

#[test]
fn every_escape_decodes() {
    assert_eq!(
        ok(r#""\" \\ \/ \b \f \n \r \t""#),
        Str("\" \\ / \u{8} \u{c} \n \r \t".into())
    );
    assert_eq!(
        ok(r#""\u0041\u00e9\u00E9\u20AC\uFFFF\u0000""#),
        Str("Aéé€\u{FFFF}\u{0}".into())
    );
    // A surrogate pair is one character, in either hex case.
    assert_eq!(ok(r#""\ud83d\ude00""#), Str("😀".into()));
    assert_eq!(ok(r#""\uD834\uDD1E""#), Str("𝄞".into()));
    // Raw UTF-8, U+2028/2029 and DEL need no escape.
    assert_eq!(
        ok("\"日本 😀 \u{2028}\u{2029}\u{7f}\""),
        Str("日本 😀 \u{2028}\u{2029}\u{7f}".into())
    );
}

#[test]
fn lone_surrogates_become_replacement_characters() {
    // JSON.parse accepts these (yielding lone UTF-16 surrogates); a Rust
    // String cannot hold them, so each becomes U+FFFD: the one documented
    // difference in values.
    assert_eq!(ok(r#""\ud800""#), Str("\u{FFFD}".into()));
    assert_eq!(ok(r#""\udc00""#), Str("\u{FFFD}".into()));
    assert_eq!(ok(r#""\udc00\ud800""#), Str("\u{FFFD}\u{FFFD}".into()));
    assert_eq!(ok(r#""\ud800x""#), Str("\u{FFFD}x".into()));
    assert_eq!(ok(r#""\ud83d\u0041""#), Str("\u{FFFD}A".into()));
    assert_eq!(
        ok(r#""\ud800\ud800\udc00""#),
        Str("\u{FFFD}\u{10000}".into())
    );
    assert_eq!(ok(r#""\ud800\n""#), Str("\u{FFFD}\n".into()));
}

#[test]
fn containers_and_whitespace() {
    assert_eq!(ok("[]"), Array(vec![]));
    assert_eq!(ok("[ \t\r\n]"), Array(vec![]));
    assert_eq!(ok("{}"), Object(vec![]));
    assert_eq!(ok("{ \n }"), Object(vec![]));
    assert_eq!(
        ok("[1,[2,[]],{\"a\":{}}]"),
        Array(vec![
            num(1.0),
            Array(vec![num(2.0), Array(vec![])]),
            obj(&[("a", Object(vec![]))])
        ])
    );
    assert_eq!(
        ok("\r\n{ \"a\" \t: [ true , null ] ,\n\"b\":\"c\" }\r\n"),
        obj(&[("a", Array(vec![Bool(true), Null])), ("b", Str("c".into()))])
    );
}

#[test]
fn duplicate_keys_are_all_kept_and_get_returns_the_last() {
    let v = ok(r#"{"a":1,"b":2,"a":3}"#);
    assert_eq!(v, obj(&[("a", num(1.0)), ("b", num(2.0)), ("a", num(3.0))]));
    assert_eq!(v.get("a"), Some(&num(3.0)));
    assert_eq!(v.get("b"), Some(&num(2.0)));
    assert_eq!(v.get("c"), None);
    assert_eq!(num(1.0).get("a"), None);
    assert_eq!(stats(&v).duplicate_keys, 1);
    // Keys are compared after unescaping, as in JavaScript.
    assert_eq!(ok(r#"{"a":1,"\u0061":2}"#).get("a"), Some(&num(2.0)));
}

#[test]
fn accessors() {
    let v = ok(r#"{"s":"x","n":1.5,"b":true,"a":[null],"o":{}}"#);
    assert_eq!(v.get("s").and_then(JsonValue::as_str), Some("x"));
    assert_eq!(v.get("n").and_then(JsonValue::as_f64), Some(1.5));
    assert_eq!(v.get("b").and_then(JsonValue::as_bool), Some(true));
    assert_eq!(
        v.get("a").and_then(|a| a.at(0)).map(JsonValue::is_null),
        Some(true)
    );
    assert_eq!(v.get("a").and_then(|a| a.at(1)), None);
    assert_eq!(
        v.get("o").and_then(JsonValue::as_object).map(<[_]>::len),
        Some(0)
    );
    assert_eq!(
        v.get("a").and_then(JsonValue::as_array).map(<[_]>::len),
        Some(1)
    );
    let names: Vec<_> = v
        .as_object()
        .unwrap()
        .iter()
        .map(|(_, x)| x.type_name())
        .collect();
    assert_eq!(names, ["string", "number", "boolean", "array", "object"]);
    assert_eq!(Null.type_name(), "null");
    assert_eq!(JsonValue::from("a"), Str("a".into()));
    assert_eq!(JsonValue::from(2.0), num(2.0));
    assert_eq!(JsonValue::from(true), Bool(true));
    assert_eq!(JsonValue::from(String::from("b")), Str("b".into()));
    assert_eq!(
        format!("{}", ok("[1, {\"a\" : \"b\"}]")),
        r#"[1,{"a":"b"}]"#
    );
}

// ----------------------------------------------------------------- reject

#[test]
fn malformed_numbers_are_rejected_where_they_go_wrong() {
    rejects("01", 1, 2, "leading zeros are not allowed in numbers");
    rejects("-01", 1, 3, "leading zeros");
    rejects("00", 1, 2, "leading zeros");
    rejects("[0123]", 1, 3, "leading zeros");
    rejects(
        "1.",
        1,
        3,
        "unexpected end of input: expected a digit after the decimal point",
    );
    rejects(
        "1.e5",
        1,
        3,
        "expected a digit after the decimal point, found 'e5'",
    );
    rejects(
        "[1.]",
        1,
        4,
        "expected a digit after the decimal point, found ']'",
    );
    rejects(
        ".1",
        1,
        1,
        "found '.' (a number needs a digit before the decimal point",
    );
    rejects("+1", 1, 1, "found '+' (a number cannot start with '+')");
    rejects(
        "-",
        1,
        2,
        "unexpected end of input: expected a digit after '-'",
    );
    rejects("-.5", 1, 2, "expected a digit after '-', found '.'");
    rejects("- 1", 1, 2, "expected a digit after '-', found ' ' (space)");
    rejects("1e", 1, 3, "expected a digit in the exponent");
    rejects("1e+", 1, 4, "expected a digit in the exponent");
    rejects("1E-x", 1, 4, "expected a digit in the exponent, found 'x'");
    rejects("0x1F", 1, 2, "unexpected 'x' after the JSON value");
    rejects("1_000", 1, 2, "unexpected '_' after the JSON value");
    rejects("NaN", 1, 1, "NaN and Infinity are not JSON numbers");
    rejects("-Infinity", 1, 2, "NaN and Infinity are not JSON numbers");
    rejects("Infinity", 1, 1, "found 'Infinity'");
    rejects("１", 1, 1, "expected a JSON value, found '１'");
    rejects("1.5.5", 1, 4, "unexpected '.' after the JSON value");
}

#[test]
fn malformed_strings_are_rejected_where_they_go_wrong() {
    rejects(
        "\"abc",
        1,
        5,
        "unexpected end of input inside a string: the closing '\"' is missing",
    );
    rejects(
        "\"a\nb\"",
        1,
        3,
        "unescaped control character U+000A (line feed) in a string: write it as \\n",
    );
    rejects(
        "\"a\tb\"",
        1,
        3,
        "unescaped control character U+0009 (tab) in a string: write it as \\t",
    );
    rejects(
        "\"\u{0}\"",
        1,
        2,
        "U+0000 (null character) in a string: write it as \\u0000",
    );
    rejects(
        "\"\u{1f}\"",
        1,
        2,
        "U+001F in a string: write it as \\u001f",
    );
    rejects("\"\\x\"", 1, 3, "invalid escape '\\x' in a string");
    rejects("\"\\'\"", 1, 3, "invalid escape '\\''");
    rejects("\"\\U0041\"", 1, 3, "invalid escape '\\U'");
    rejects("\"\\a\"", 1, 3, "invalid escape");
    rejects(
        "\"\\",
        1,
        3,
        "unexpected end of input inside a string, right after '\\'",
    );
    rejects(
        "\"\\u12g4\"",
        1,
        6,
        "invalid \\u escape: expected four hex digits (0-9, a-f, A-F), found 'g'",
    );
    rejects("\"\\u12\"", 1, 6, "found '\"'");
    rejects(
        "\"\\u00",
        1,
        6,
        "unexpected end of input inside a \\u escape",
    );
    rejects("\"\\ud800\\u12\"", 1, 12, "invalid \\u escape");
    rejects(
        "'a'",
        1,
        1,
        "found \"'\" (single quote) (strings in JSON use double quotes)",
    );
    // Unicode cannot be used in an escape in raw form.
    rejects("\"\\é\"", 1, 3, "invalid escape '\\é'");
}

#[test]
fn literals_must_be_exact() {
    rejects(
        "nul",
        1,
        4,
        "unexpected end of input in the middle of 'null'",
    );
    rejects("nulx", 1, 4, "invalid literal 'nulx': expected 'null'");
    rejects("nulll", 1, 5, "unexpected 'l' after the JSON value");
    rejects("tru", 1, 4, "in the middle of 'true'");
    rejects("trUe", 1, 3, "invalid literal 'trUe': expected 'true'");
    rejects("fals", 1, 5, "in the middle of 'false'");
    rejects(
        "True",
        1,
        1,
        "found 'True' (JSON's words are true, false and null, in lowercase)",
    );
    rejects("None", 1, 1, "in lowercase");
    rejects("undefined", 1, 1, "undefined is not a JSON value");
    rejects(
        "[abc]",
        1,
        2,
        "found 'abc' (text must be a string in double quotes)",
    );
    rejects(
        "true false",
        1,
        6,
        "unexpected 'f' after the JSON value: a JSON text holds exactly one value",
    );
}

#[test]
fn only_four_whitespace_characters() {
    rejects(
        "\u{b}1",
        1,
        1,
        "found U+000B (vertical tab), which is not JSON whitespace",
    );
    rejects(
        "\u{c}1",
        1,
        1,
        "U+000C (form feed), which is not JSON whitespace",
    );
    rejects(
        "\u{a0}1",
        1,
        1,
        "U+00A0 (no-break space), which is not JSON whitespace",
    );
    rejects(
        "[1,\u{2028}2]",
        1,
        4,
        "U+2028 (line separator), which is not JSON whitespace",
    );
    rejects("[1\u{3000}]", 1, 3, "U+3000 (ideographic space)");
    rejects(
        "1\u{0}",
        1,
        2,
        "unexpected U+0000 (null character) after the JSON value",
    );
    rejects(
        "{\"a\"\u{b}:1}",
        1,
        5,
        "expected ':' after the key \"a\", found U+000B",
    );
}

#[test]
fn a_byte_order_mark_is_rejected_as_json_parse_does() {
    rejects("\u{feff}1", 1, 1, "must not start with a byte order mark");
    rejects("\u{feff}{}", 1, 1, "byte order mark");
    rejects("1\u{feff}", 1, 2, "U+FEFF (byte order mark)");
}

#[test]
fn empty_input_and_trailing_garbage() {
    rejects("", 1, 1, "the input is empty: expected a JSON value");
    rejects("   ", 1, 4, "the input is empty");
    rejects("\n\n", 3, 1, "the input is empty");
    rejects("1 2", 1, 3, "unexpected '2' after the JSON value");
    rejects("[1]]", 1, 4, "unexpected ']' after the JSON value");
    rejects("{}x", 1, 3, "unexpected 'x' after the JSON value");
    rejects("[1] // comment", 1, 5, "(JSON has no comments)");
    rejects("/* c */ 1", 1, 1, "(JSON has no comments)");
}

#[test]
fn arrays_and_objects_say_what_they_expected() {
    rejects(
        "[1,]",
        1,
        4,
        "trailing comma before ']': JSON does not allow a comma after the last element",
    );
    rejects("[1, 2, ]", 1, 8, "trailing comma before ']'");
    rejects("{\"a\":1,}", 1, 8, "trailing comma before '}'");
    rejects("{\"a\":1 ,\n}", 2, 1, "trailing comma before '}'");
    rejects("[,1]", 1, 2, "expected a value or ']' after '[', found ','");
    rejects(
        "[1,,2]",
        1,
        4,
        "expected a value after ',', found ',' (two commas in a row)",
    );
    rejects(
        "[1 2]",
        1,
        4,
        "expected ',' or ']' after an array element, found '2'",
    );
    rejects(
        "[1",
        1,
        3,
        "unexpected end of input: expected ',' or ']' after an array element (the '[' at line 1, column 1 is still open)",
    );
    rejects(
        "[",
        1,
        2,
        "unexpected end of input: expected a value or ']' after '['",
    );
    rejects(
        "[1}",
        1,
        3,
        "found '}' (brackets do not match: the '[' at line 1, column 1 is still open)",
    );
    rejects(
        "{\"a\":1]",
        1,
        7,
        "expected ',' or '}' after an object member, found ']' (brackets do not match",
    );
    rejects(
        "[}",
        1,
        2,
        "expected a value or ']' after '[', found '}' (brackets do not match)",
    );
    rejects(
        "{",
        1,
        2,
        "unexpected end of input: expected a string key or '}' after '{'",
    );
    rejects(
        "{,}",
        1,
        2,
        "expected a string key or '}' after '{', found ','",
    );
    rejects(
        "{a:1}",
        1,
        2,
        "found 'a' (keys must be strings in double quotes)",
    );
    rejects(
        "{'a':1}",
        1,
        2,
        "(keys must be in double quotes, not single quotes)",
    );
    rejects(
        "{1:1}",
        1,
        2,
        "found '1' (keys must be strings in double quotes)",
    );
    rejects(
        "{\"a\":1,b:2}",
        1,
        8,
        "expected a string key after ',', found 'b'",
    );
    rejects(
        "{\"a\" 1}",
        1,
        6,
        "expected ':' after the key \"a\", found '1'",
    );
    rejects(
        "{\"a\"",
        1,
        5,
        "unexpected end of input: expected ':' after the key \"a\"",
    );
    rejects("{\"a\":}", 1, 6, "expected a value after ':', found '}'");
    rejects(
        "{\"a\":",
        1,
        6,
        "unexpected end of input: expected a value after ':'",
    );
    rejects(
        "{\"a\":1 \"b\":2}",
        1,
        8,
        "expected ',' or '}' after an object member, found '\"'",
    );
    rejects(
        "{\"a\":1",
        1,
        7,
        "(the '{' at line 1, column 1 is still open)",
    );
    rejects(
        "{\"a\"=1}",
        1,
        5,
        "expected ':' after the key \"a\", found '='",
    );
    rejects(
        "[\"a\":1]",
        1,
        5,
        "expected ',' or ']' after an array element, found ':'",
    );
}

#[test]
fn positions_count_lines_and_characters() {
    // Lines end at LF, CR LF and lone CR; columns count chars, not bytes.
    rejects("[\n1,\n]", 3, 1, "trailing comma");
    rejects("[\r\n1,\r\n]", 3, 1, "trailing comma");
    rejects("[\r1,\r]", 3, 1, "trailing comma");
    rejects("{\"日本語\": x}", 1, 9, "found 'x'");
    rejects("[\"😀😀\", 01]", 1, 9, "leading zeros");
    rejects("{\n  \"a\": [1,\n        2 3]}", 3, 11, "found '3'");
    rejects(
        "[1,\n\n  \"a\n\"]",
        3,
        5,
        "unescaped control character U+000A",
    );
    rejects(
        "[1,\n  2",
        2,
        4,
        "the '[' at line 1, column 1 is still open",
    );
    let nested = "{\n  \"list\": [\n    1,\n    2\n";
    rejects(nested, 5, 1, "the '[' at line 2, column 11 is still open");
}

// ------------------------------------------------------------------ depth

fn deep(n: usize) -> String {
    "[".repeat(n) + &"]".repeat(n)
}

#[test]
fn depth_up_to_the_limit_parses() {
    let v = ok(&deep(MAX_DEPTH));
    assert_eq!(stats(&v).depth, MAX_DEPTH);
    let text = "{\"a\":".repeat(MAX_DEPTH) + "1" + &"}".repeat(MAX_DEPTH);
    assert_eq!(stats(&ok(&text)).depth, MAX_DEPTH);
}

#[test]
fn one_level_more_is_an_error_at_the_bracket_that_goes_too_deep() {
    rejects(
        &deep(MAX_DEPTH + 1),
        1,
        MAX_DEPTH + 1,
        "nesting too deep: more than 512 arrays and objects",
    );
    let text = "{\"a\":".repeat(MAX_DEPTH) + "{}" + &"}".repeat(MAX_DEPTH);
    rejects(&text, 1, 5 * MAX_DEPTH + 1, "nesting too deep");
    // Empty containers count too.
    rejects(
        &("[".repeat(MAX_DEPTH) + "[]" + &"]".repeat(MAX_DEPTH)),
        1,
        MAX_DEPTH + 1,
        "too deep",
    );
}

/// Runs `f` on a thread with a 1 MB stack, the size of WebAssembly's.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no stack overflow on a 1 MB stack");
}

#[test]
fn a_hundred_thousand_brackets_are_an_error_not_a_crash() {
    let check = || {
        for text in [
            "[".repeat(100_000),
            deep(100_000),
            "{\"a\":[".repeat(50_000),
            "[{\"\":".repeat(100_000),
        ] {
            let e = parse(&text).unwrap_err();
            assert_eq!(e.line, 1);
            assert!(e.message.contains("nesting too deep"), "{e}");
        }
    };
    check();
    on_small_stack(check);
}

#[test]
fn the_deepest_parsable_value_is_safe_to_use_on_a_small_stack() {
    on_small_stack(|| {
        let text = "[{\"k\":".repeat(MAX_DEPTH / 2) + "null" + &"}]".repeat(MAX_DEPTH / 2);
        let v = ok(&text);
        // The derived (recursive) Clone, PartialEq, Debug and Drop all run.
        let copy = v.clone();
        assert_eq!(copy, v);
        // (Debug only; `{:#?}` is quadratic in depth through its nested padders.)
        assert!(format!("{copy:?}").len() > 1000);
        drop(copy);
        assert_eq!(v.to_json_string(), text);
        assert_eq!(stats(&v).depth, MAX_DEPTH);
        assert_eq!(ok(&v.to_json_pretty(2)), v);
    });
}

/// Takes apart a (hand-built, arbitrarily deep) value without recursion.
fn drop_iteratively(v: JsonValue) {
    let mut todo = vec![v];
    while let Some(v) = todo.pop() {
        match v {
            Array(items) => todo.extend(items),
            Object(pairs) => todo.extend(pairs.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[test]
fn writer_and_stats_never_recurse() {
    // A value built by hand can be deeper than parse allows; writing it and
    // counting it must still not touch the call stack.
    on_small_stack(|| {
        let mut v = Null;
        for i in 0..100_000 {
            v = if i % 2 == 0 {
                Array(vec![v])
            } else {
                Object(vec![("k".into(), v)])
            };
        }
        let text = v.to_json_string();
        assert_eq!(text.len(), 4 + 50_000 * 2 + 50_000 * 6);
        assert_eq!(stats(&v).depth, 100_000);
        // (Pretty output of this value would be ~5 GB: indentation is quadratic
        // in depth, in JSON.stringify too. Checked on a shallower one below.)
        // ...and what it wrote is refused by parse, with an error.
        assert!(parse(&text).unwrap_err().message.contains("too deep"));
        drop_iteratively(v);
        let mut v = Null;
        for _ in 0..3_000 {
            v = Array(vec![v]);
        }
        assert_eq!(v.to_json_pretty(1).len(), 3_000 * 3_000 + 4 * 3_000 + 4);
        drop_iteratively(v);
    });
}

// ----------------------------------------------------------------- writer

#[test]
fn writes_what_json_stringify_writes() {
    // Expected strings produced with node: JSON.stringify(...).
    let v = ok(
        r#"{"a":[],"b":{},"c":[1,{"d":2}],"e":"x\ny","f":-0,"g":1e21,"h":1.5e-7,"i":null,"j":true}"#,
    );
    assert_eq!(
        v.to_json_string(),
        r#"{"a":[],"b":{},"c":[1,{"d":2}],"e":"x\ny","f":0,"g":1e+21,"h":1.5e-7,"i":null,"j":true}"#
    );
    // JSON.stringify(v, null, 2)
    assert_eq!(
        v.to_json_pretty(2),
        "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": 2\n    }\n  ],\n  \"e\": \"x\\ny\",\n  \
         \"f\": 0,\n  \"g\": 1e+21,\n  \"h\": 1.5e-7,\n  \"i\": null,\n  \"j\": true\n}"
    );
    // JSON.stringify([1,[2]], null, "\t") and an over-long gap (cut to 10).
    assert_eq!(
        ok("[1,[2]]").to_json_pretty_with("\t"),
        "[\n\t1,\n\t[\n\t\t2\n\t]\n]"
    );
    assert_eq!(ok("[1]").to_json_pretty(20), "[\n          1\n]");
    assert_eq!(
        ok("[1]").to_json_pretty_with("-----------------"),
        "[\n----------1\n]"
    );
    // The string gap is cut to 10 UTF-16 units, as JavaScript cuts it.
    assert_eq!(
        ok("[1]").to_json_pretty_with("😀😀😀😀😀😀"),
        "[\n😀😀😀😀😀1\n]"
    );
    assert_eq!(
        ok("[1]").to_json_pretty_with("ab😀😀😀😀😀"),
        "[\nab😀😀😀😀1\n]"
    );
    assert_eq!(ok("[1,{}]").to_json_pretty(0), "[1,{}]");
    assert_eq!(ok("\"x\"").to_json_pretty(4), "\"x\"");
}

#[test]
fn keys_and_control_characters_are_escaped() {
    // A naive serializer that pastes keys and strings between quotes breaks on both.
    let v = Object(vec![(
        "a\"b\\c\n\u{1}".into(),
        Str("\u{0}\u{8}\u{c}\t\r\u{1f}\u{7f}\u{2028}/é".into()),
    )]);
    assert_eq!(
        v.to_json_string(),
        "{\"a\\\"b\\\\c\\n\\u0001\":\"\\u0000\\b\\f\\t\\r\\u001f\u{7f}\u{2028}/é\"}"
    );
    assert_eq!(ok(&v.to_json_string()), v);
}

#[test]
fn non_finite_numbers_are_written_as_null() {
    let v = Array(vec![
        num(f64::NAN),
        num(f64::INFINITY),
        num(f64::NEG_INFINITY),
        num(-0.0),
    ]);
    assert_eq!(v.to_json_string(), "[null,null,null,0]");
    assert_eq!(ok("[1e400]").to_json_string(), "[null]");
    assert_eq!(js_number_string(f64::NAN), "NaN");
    assert_eq!(js_number_string(f64::NEG_INFINITY), "-Infinity");
}

#[test]
fn numbers_use_javascripts_layout() {
    let cases: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.0, "0"),
        (1.0, "1"),
        (-1.5, "-1.5"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (123456789012345680000.0, "123456789012345680000"),
        (999999999999999900000.0, "999999999999999900000"),
        (1e-6, "0.000001"),
        (1.5e-6, "0.0000015"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (-1.2345e-10, "-1.2345e-10"),
        (5e-324, "5e-324"),
        (f64::MAX, "1.7976931348623157e+308"),
        (2f64.powi(53), "9007199254740992"),
        (2f64.powi(60), "1152921504606847000"),
        (1e15 + 0.5, "1000000000000000.5"),
        (123.456, "123.456"),
        (-65.613617, "-65.613617"),
        (0.000123, "0.000123"),
    ];
    for &(x, want) in cases {
        assert_eq!(js_number_string(x), want, "{x:?}");
    }
}

// ------------------------------------------------------------ error helpers

#[test]
fn error_context_gives_the_line_and_caret() {
    let text = "{\n  \"a\": [1,\n        2 3]\n}";
    let e = parse(text).unwrap_err();
    let (line, caret) = error_context(text, &e);
    assert_eq!(line, "        2 3]");
    assert_eq!(caret, 10);
    assert_eq!(&line[caret..caret + 1], "3");
    // CR LF and lone CR line ends, and non-ASCII before the caret.
    let text = "[\r\n\"é\" x]";
    let e = parse(text).unwrap_err();
    assert_eq!(error_context(text, &e), ("\"é\" x]".to_owned(), 4));
    let text = "[1,\r\r]";
    assert_eq!(
        error_context(text, &parse(text).unwrap_err()),
        ("]".to_owned(), 0)
    );
    // Unexpected end: the caret sits one past the last character.
    let text = "[1,\n 2";
    assert_eq!(
        error_context(text, &parse(text).unwrap_err()),
        (" 2".to_owned(), 2)
    );
    // An error that does not belong to this text: empty line, no panic.
    let foreign = JsonError {
        line: 99,
        column: 7,
        message: String::new(),
    };
    assert_eq!(error_context("x", &foreign), (String::new(), 0));
    let foreign = JsonError {
        line: 1,
        column: 99,
        message: String::new(),
    };
    assert_eq!(error_context("abc", &foreign), ("abc".to_owned(), 3));
    assert_eq!(
        error_context(
            "",
            &JsonError {
                line: 0,
                column: 0,
                message: String::new()
            }
        ),
        (String::new(), 0)
    );
}

#[test]
fn error_excerpt_windows_long_lines() {
    let text = format!("[{}x]", "1,".repeat(5000));
    let e = parse(&text).unwrap_err();
    assert_eq!(e.column, 10_002);
    let (excerpt, caret) = error_excerpt(&text, &e, 40);
    assert!(
        excerpt.starts_with('…') && excerpt.ends_with("x]"),
        "{excerpt}"
    );
    assert_eq!(excerpt.chars().nth(caret), Some('x'));
    assert!(excerpt.chars().count() <= 42);
    // Short lines are left as they are.
    let e = parse("[1 2]").unwrap_err();
    assert_eq!(error_excerpt("[1 2]", &e, 40), ("[1 2]".to_owned(), 3));
    // Caret near the start of a long line: no leading ellipsis.
    let text = format!("[x{}]", " ".repeat(100));
    let (excerpt, caret) = error_excerpt(&text, &parse(&text).unwrap_err(), 20);
    assert!(excerpt.starts_with("[x") && excerpt.ends_with('…'));
    assert_eq!(caret, 1);
}

#[test]
fn errors_display_and_are_std_errors() {
    let e = parse("[1,]").unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 1, column 4: trailing comma before ']': JSON does not allow a comma after the last element"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().starts_with("line 1"));
}

// ------------------------------------------------------------------ stats

#[test]
fn stats_count_everything() {
    let v = ok(r#"{"a":[1,2,{"b":null}],"c":"xyz","d":true,"a":[],"e":1e400}"#);
    let s = stats(&v);
    assert_eq!(
        s,
        JsonStats {
            depth: 3,
            nulls: 1,
            bools: 1,
            numbers: 3,
            strings: 1,
            arrays: 2,
            objects: 2,
            keys: 6,
            duplicate_keys: 1,
            non_finite_numbers: 1,
            string_bytes: 3 + 6,
            max_array_len: 3,
            max_object_len: 5,
        }
    );
    assert_eq!(s.values(), 10);
    assert_eq!(stats(&num(1.0)).depth, 0);
    assert_eq!(stats(&Array(vec![])).depth, 1);
}

// ------------------------------------------------------------- generators

#[test]
fn generated_documents_are_valid_deterministic_and_shaped_like_the_originals() {
    let canada = gen_canada(0.05);
    assert_eq!(canada, gen_canada(0.05));
    let v = ok(&canada);
    assert_eq!(
        v.get("type").and_then(JsonValue::as_str),
        Some("FeatureCollection")
    );
    let s = stats(&v);
    assert_eq!(s.numbers, 2 * 2800);
    assert!(s.numbers * 10 > s.values() * 6, "mostly numbers: {s:?}");

    let citm = gen_citm(0.05);
    assert_eq!(citm, gen_citm(0.05));
    let v = ok(&citm);
    assert!(
        v.get("performances")
            .and_then(JsonValue::as_array)
            .is_some_and(|p| !p.is_empty())
    );
    assert!(
        v.get("events")
            .and_then(JsonValue::as_object)
            .is_some_and(|e| !e.is_empty())
    );
    assert!(
        citm.contains("\n        \""),
        "pretty-printed with 4 spaces"
    );

    let twitter = gen_twitter(0.2);
    assert_eq!(twitter, gen_twitter(0.2));
    let v = ok(&twitter);
    let statuses = v.get("statuses").and_then(JsonValue::as_array).unwrap();
    assert!(!statuses.is_empty());
    assert!(
        twitter.contains("\\\"")
            && twitter.contains("\\n")
            && twitter.contains('😀')
            && twitter.contains('日')
    );
    // ids above 2^53: the number is rounded, id_str is exact.
    let first = &statuses[0];
    let id = first.get("id").and_then(JsonValue::as_f64).unwrap();
    let id_str = first.get("id_str").and_then(JsonValue::as_str).unwrap();
    assert!(id > 9_007_199_254_740_992.0);
    assert_eq!(id_str.parse::<u64>().unwrap() as f64, id);

    // Scale 0, negative and NaN give small valid documents; huge is clamped.
    for scale in [0.0, -1.0, f64::NAN] {
        ok(&gen_canada(scale));
        ok(&gen_citm(scale));
        ok(&gen_twitter(scale));
    }
}

#[test]
fn full_size_documents_have_the_advertised_sizes() {
    for (name, text, lo, hi) in [
        ("canada", gen_canada(1.0), 2_000_000, 2_600_000),
        ("citm", gen_citm(1.0), 1_400_000, 2_000_000),
        ("twitter", gen_twitter(1.0), 450_000, 800_000),
    ] {
        assert!(
            (lo..hi).contains(&text.len()),
            "{name}: {} bytes",
            text.len()
        );
        let ours = ok(&text);
        let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(agrees(&ours, &theirs), "{name}");
    }
}

// --------------------------------------------------------------- proptest

fn arb_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        (-1_000_000i64..1_000_000).prop_map(|i| i as f64),
        (-1_000_000i64..1_000_000, 0u32..10).prop_map(|(m, k)| m as f64 / 10f64.powi(k as i32)),
        Just(-0.0),
        Just(5e-324),
        Just(f64::MAX),
    ]
}

fn arb_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z\"\\\\/\\x00-\\x1f\u{7f}\u{2028}é日😀 ]{0,8}"
    ]
}

fn arb_value() -> impl Strategy<Value = JsonValue> {
    let leaf = prop_oneof![
        Just(Null),
        any::<bool>().prop_map(Bool),
        arb_number().prop_map(Number),
        arb_string().prop_map(Str),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Array),
            prop::collection::vec((arb_string(), inner), 0..6).prop_map(Object),
        ]
    })
}

/// `v` with every -0 replaced by +0 (the writer prints -0 as `0`).
fn without_negative_zero(v: &JsonValue) -> JsonValue {
    match v {
        Number(x) if *x == 0.0 => Number(0.0),
        Array(items) => Array(items.iter().map(without_negative_zero).collect()),
        Object(pairs) => Object(
            pairs
                .iter()
                .map(|(k, x)| (k.clone(), without_negative_zero(x)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Every error position must exist in the text: a real line, and a column
/// at most one past its end.
fn position_is_in_text(text: &str, e: &JsonError) -> bool {
    let Some(line) = nth_line(text, e.line) else {
        return false;
    };
    e.column >= 1 && e.column <= line.chars().count() + 1
}

proptest! {
    #[test]
    fn round_trip_parse_of_to_json_string(v in arb_value()) {
        let back = parse(&v.to_json_string()).unwrap();
        prop_assert!(same(&back, &without_negative_zero(&v)), "{v:?} -> {back:?}");
    }

    #[test]
    fn round_trip_through_pretty_output(v in arb_value(), indent in 0usize..12) {
        let back = parse(&v.to_json_pretty(indent)).unwrap();
        prop_assert!(same(&back, &without_negative_zero(&v)));
    }

    #[test]
    fn pretty_len_is_the_length_of_the_pretty_text(v in arb_value(), indent in 0usize..14) {
        prop_assert_eq!(v.pretty_len(indent), v.to_json_pretty(indent).len() as u64);
    }

    #[test]
    fn numbers_round_trip_bit_for_bit(x in arb_number()) {
        let text = js_number_string(x);
        let back = parse(&text).unwrap().as_f64().unwrap();
        prop_assert_eq!(back.to_bits(), if x == 0.0 { 0 } else { x.to_bits() }, "{}", text);
    }

    #[test]
    fn the_short_decimal_fast_path_agrees_with_the_general_one(m in 1u64..1_000_000_000_000_000, k in 0i32..22, neg in any::<bool>()) {
        let x = m as f64 / 10f64.powi(k) * if neg { -1.0 } else { 1.0 };
        let mut general = String::new();
        number::write_shortest_for_tests(&mut general, x);
        prop_assert_eq!(js_number_string(x), general);
    }

    #[test]
    fn parse_never_panics_and_positions_are_real(text in any::<String>()) {
        if let Err(e) = parse(&text) {
            prop_assert!(position_is_in_text(&text, &e), "{:?}: {}", text, e);
        }
    }

    #[test]
    fn json_like_noise_never_panics(text in "[\\[\\]{}:,\"\\\\0-9eE.+\\-tfnrulasx \n\r\t\u{b}\u{feff}é]{0,40}") {
        match parse(&text) {
            Ok(v) => { parse(&v.to_json_string()).unwrap(); }
            Err(e) => {
                prop_assert!(position_is_in_text(&text, &e), "{:?}: {}", text, e);
                let (line, caret) = error_context(&text, &e);
                prop_assert!(caret <= line.chars().count());
            }
        }
    }

    #[test]
    fn stats_agree_with_a_recursive_count(v in arb_value()) {
        fn count(v: &JsonValue, depth: usize, s: &mut JsonStats) {
            match v {
                Null => s.nulls += 1,
                Bool(_) => s.bools += 1,
                Number(_) => s.numbers += 1,
                Str(t) => { s.strings += 1; s.string_bytes += t.len(); }
                Array(items) => {
                    s.arrays += 1;
                    s.depth = s.depth.max(depth + 1);
                    s.max_array_len = s.max_array_len.max(items.len());
                    items.iter().for_each(|x| count(x, depth + 1, s));
                }
                Object(pairs) => {
                    s.objects += 1;
                    s.depth = s.depth.max(depth + 1);
                    s.max_object_len = s.max_object_len.max(pairs.len());
                    s.keys += pairs.len();
                    for (i, (k, x)) in pairs.iter().enumerate() {
                        s.string_bytes += k.len();
                        if pairs[i + 1..].iter().any(|(later, _)| later == k) { s.duplicate_keys += 1; }
                        count(x, depth + 1, s);
                    }
                }
            }
        }
        let mut want = JsonStats::default();
        count(&v, 0, &mut want);
        prop_assert_eq!(stats(&v), want);
    }
}

// ------------------------------------------------- differential: serde_json

/// Our value equals serde_json's, reading objects as JSON.parse does (last
/// duplicate wins) and numbers bit for bit (serde_json keeps integers as
/// integers; converting them to f64 rounds them the same way).
fn agrees(ours: &JsonValue, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as S;
    match (ours, theirs) {
        (Null, S::Null) => true,
        (Bool(a), S::Bool(b)) => a == b,
        (Number(a), S::Number(b)) => b
            .as_f64()
            .is_some_and(|b| a.to_bits() == b.to_bits() || (*a == 0.0 && b == 0.0)),
        (Str(a), S::String(b)) => a == b,
        (Array(a), S::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| agrees(x, y)),
        (Object(a), S::Object(b)) => {
            let mut last: Vec<(&String, &JsonValue)> = Vec::new();
            for (k, v) in a {
                last.retain(|(key, _)| *key != k);
                last.push((k, v));
            }
            last.len() == b.len()
                && last
                    .iter()
                    .all(|(k, v)| b.get(k.as_str()).is_some_and(|w| agrees(v, w)))
        }
        _ => false,
    }
}

/// serde_json errors that mark a documented difference, not a disagreement:
/// its 128-level recursion limit, numbers beyond f64 (JSON.parse gives
/// ±Infinity), and lone surrogate escapes (JSON.parse accepts them).
fn documented_difference(serde_error: &str) -> bool {
    [
        "recursion limit exceeded",
        "number out of range",
        "surrogate",
        "end of hex escape",
    ]
    .iter()
    .any(|m| serde_error.contains(m))
}

fn differential(text: &str) -> Result<(), TestCaseError> {
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => prop_assert!(
            agrees(a, b),
            "values differ for {:?}: {:?} vs {:?}",
            text,
            a,
            b
        ),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => prop_assert!(
            documented_difference(&e.to_string()),
            "{:?}: serde_json: {}",
            text,
            e
        ),
        (Err(e), Ok(_)) => prop_assert!(
            false,
            "we reject what serde_json accepts: {:?}: {}",
            text,
            e
        ),
    }
    Ok(())
}

/// One edit: delete, insert or replace a char, with characters that matter in JSON.
fn mutate(text: &str, at: usize, kind: u8, with: char) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    match kind % 3 {
        0 if at < chars.len() => {
            chars.remove(at);
        }
        1 => chars.insert(at, with),
        _ if at < chars.len() => chars[at] = with,
        _ => chars.push(with),
    }
    chars.into_iter().collect()
}

const MUTATIONS: &[char] = &[
    '"', ',', ':', '[', ']', '{', '}', '\\', '0', '1', '-', '+', '.', 'e', 'E', ' ', '\n', '\t',
    '\u{b}', '\u{0}', '\u{1f}', 'x', 'u', 'n', '\u{feff}', '\u{a0}', 'é', '/',
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn serde_json_agrees_on_valid_documents(v in arb_value(), indent in 0usize..3) {
        differential(&v.to_json_string())?;
        differential(&v.to_json_pretty(indent))?;
    }

    #[test]
    fn serde_json_agrees_on_mutated_documents(
        v in arb_value(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), prop::sample::select(MUTATIONS)), 1..4),
    ) {
        let mut text = v.to_json_pretty(1);
        for (at, kind, with) in edits {
            text = mutate(&text, at, kind, with);
            differential(&text)?;
        }
    }

    #[test]
    fn serde_json_agrees_on_number_text(
        sign in prop::sample::select(&["", "-", "+"][..]),
        int in "(0|[1-9][0-9]{0,25}|0[0-9]|)",
        frac in "(\\.[0-9]{0,20})?",
        exp in "([eE][+-]?[0-9]{0,3})?",
    ) {
        differential(&format!("{sign}{int}{frac}{exp}"))?;
        differential(&format!("[{sign}{int}{frac}{exp}]"))?;
    }

    #[test]
    fn serde_json_agrees_on_escapes(body in "([a-z]|\\\\[\"\\\\/bfnrtuxa']|\\\\u[0-9a-fA-FgG]{0,4}|\\\\u[dD][89abAB][0-9a-f]{2}(\\\\u[dD][c-fC-F][0-9a-f]{2})?){0,6}") {
        differential(&format!("\"{body}\""))?;
    }
}

#[test]
fn serde_json_differences_are_the_documented_ones() {
    // Each of these: JSON.parse and we accept, serde_json refuses.
    for text in ["[1e400]", "\"\\ud800\"", "\"\\udc00x\"", &deep(200)] {
        assert!(parse(text).is_ok(), "{text}");
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert!(documented_difference(&e.to_string()), "{e}");
    }
}

#[test]
// The literals are the exact values on purpose: that they are halfway is the point.
#[allow(clippy::excessive_precision)]
fn numbers_exactly_halfway_between_two_shortest_forms_take_the_even_digit() {
    // Found by the browser test against JSON.stringify: the exact value is
    // 1445821676718397.25, equally close to …397.2 and …397.3; ECMAScript
    // takes the even one.
    assert_eq!(
        js_number_string(f64::from_bits(0x4314_8bde_5dcc_24f5)),
        "1445821676718397.2"
    );
    assert_eq!(js_number_string(1445821676718397.75), "1445821676718397.8");
    assert_eq!(
        js_number_string(-1125899906842624.25),
        "-1125899906842624.2"
    );
    assert_eq!(js_number_string(1125899906842624.75), "1125899906842624.8");
    // Not ties: left alone.
    assert_eq!(js_number_string(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(js_number_string(1125899906842624.5), "1125899906842624.5");
}

#[test]
fn pretty_len_sees_the_indentation_of_deep_values_coming() {
    // 512 arrays deep, 10,000 numbers at the bottom: 20 KB in, over 10 MB indented.
    let text = format!(
        "{}{}{}",
        "[".repeat(511),
        vec!["1"; 10_000].join(","),
        "]".repeat(511)
    );
    let value = parse(&text).unwrap();
    let pretty = value.pretty_len(2);
    assert!(pretty > 10_000_000, "{pretty}");
    assert_eq!(pretty, value.to_json_pretty(2).len() as u64);
    assert_eq!(value.pretty_len(0), value.to_json_string().len() as u64);
}
