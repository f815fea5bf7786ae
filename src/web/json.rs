//! Browser glue for the JSON tab: the four ways a document crosses from JavaScript into
//! Rust (and back), a canonical form to check that they agree, and the benchmark cases.
//!
//! The four paths, starting from a JavaScript string holding JSON text:
//! 1. the text is copied into WASM memory (UTF-16 → UTF-8) and `lab::json::parse` reads it;
//! 2. the same copy, then `serde_json` reads it (into `serde_json::Value`, or straight
//!    into typed structs with `#[derive(Deserialize)]`);
//! 3. `JSON.parse` builds a JS object, and `serde_wasm_bindgen::from_value` walks it from
//!    Rust, one boundary call per value and key, into a `serde_json::Value`;
//! 4. `JSON.parse` alone: the value stays in JavaScript (the baseline).

use std::collections::HashMap;
use std::hint::black_box;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::bench::{BenchCase, BenchConfig, Side, now_ms};
use super::error::js_error_message;
use crate::lab::fmt;
use crate::lab::json::{self, JsonValue};

#[wasm_bindgen(module = "/src/web/js/json.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = canonical)]
    fn js_canonical(v: &JsValue) -> Result<String, JsValue>;
    #[wasm_bindgen(catch, js_name = jsonParse)]
    fn json_parse(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = jsonStringify)]
    fn json_stringify(v: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = jsonParseError)]
    fn json_parse_error(text: &str) -> Option<String>;
    #[wasm_bindgen(js_name = makeParseCase)]
    fn make_parse_case(text: &js_sys::JsString) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeStringifyCase)]
    fn make_stringify_case(text: &js_sys::JsString) -> js_sys::Function;
}

/// serde_json refuses deeper nesting; serde-wasm-bindgen recurses per level. Past this
/// depth the bridge runs only the lab parser (which has its own, explicit limit).
pub const BRIDGE_MAX_DEPTH: usize = 128;

/// `None` when `JSON.parse` accepts `text`, else the engine's error message.
pub fn js_rejects(text: &str) -> Option<String> {
    json_parse_error(text)
}

/// `JSON.stringify(x)` of a number or string, computed by the browser (for tests and
/// the agreement check). `None` if JavaScript returns `undefined` or throws.
pub fn js_stringify(v: &JsValue) -> Option<String> {
    json_stringify(v).ok().and_then(|s| s.as_string())
}

/// The canonical form (see `js/json.js`) of what `JSON.parse(text)` gives, or its error.
pub fn js_canonical_of_text(text: &str) -> Result<String, String> {
    let value = json_parse(&js_sys::JsString::from(text)).map_err(|e| js_error_message(&e))?;
    js_canonical(&value).map_err(|e| js_error_message(&e))
}

// ----- canonical form, written from Rust ---------------------------------------------

fn push_string(out: &mut String, s: &str) {
    // One writer for string escapes: the lab's, which matches JSON.stringify byte for byte.
    out.push_str(&JsonValue::Str(s.to_owned()).to_json_string());
}

fn sort_utf16<T>(pairs: &mut [(&str, T)]) {
    // JavaScript sorts keys by UTF-16 code units; UTF-8 byte order differs above U+FFFF.
    pairs.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
}

/// The canonical form of a lab value: the same text `canonical()` in `js/json.js`
/// writes for the equal JavaScript value (last duplicate key wins, keys sorted).
pub fn canonical_lab(v: &JsonValue) -> String {
    let mut out = String::new();
    write_lab(&mut out, v);
    out
}

fn write_lab(out: &mut String, v: &JsonValue) {
    match v {
        JsonValue::Null => out.push_str("null"),
        JsonValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        JsonValue::Number(n) => out.push_str(&json::js_number_string(*n)),
        JsonValue::Str(s) => push_string(out, s),
        JsonValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_lab(out, item);
            }
            out.push(']');
        }
        JsonValue::Object(pairs) => {
            let mut last: HashMap<&str, &JsonValue> = HashMap::new();
            for (k, val) in pairs {
                last.insert(k.as_str(), val);
            }
            let mut sorted: Vec<(&str, &JsonValue)> = last.into_iter().collect();
            sort_utf16(&mut sorted);
            out.push('{');
            for (i, (k, val)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_string(out, k);
                out.push(':');
                write_lab(out, val);
            }
            out.push('}');
        }
    }
}

/// The canonical form of a `serde_json::Value` (numbers compared as `f64`, like JS).
pub fn canonical_serde(v: &serde_json::Value) -> String {
    let mut out = String::new();
    write_serde(&mut out, v);
    out
}

fn write_serde(out: &mut String, v: &serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&json::js_number_string(n.as_f64().unwrap_or(f64::NAN))),
        Value::String(s) => push_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_serde(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut sorted: Vec<(&str, &Value)> =
                map.iter().map(|(k, v)| (k.as_str(), v)).collect();
            sort_utf16(&mut sorted);
            out.push('{');
            for (i, (k, val)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_string(out, k);
                out.push(':');
                write_serde(out, val);
            }
            out.push('}');
        }
    }
}

/// `Ok` when the two canonical texts are equal, else where they first differ, with a
/// little context from each side.
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
        let start = s.floor_char_boundary_compat(at.saturating_sub(24));
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

trait CharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl CharBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

// ----- a typed struct for the twitter-shaped document --------------------------------

/// The parts of a twitter.json-shaped document that a program would actually read.
/// serde skips every field not named here, so this is also faster than `Value`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub statuses: Vec<Status>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Status {
    pub id_str: String,
    pub text: String,
    pub lang: String,
    pub retweet_count: u64,
    pub favorite_count: u64,
    pub user: User,
    #[serde(default)]
    pub retweeted_status: Option<Box<Status>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id_str: String,
    pub screen_name: String,
    pub name: String,
    pub followers_count: u64,
}

/// Checks the typed view against the lab's value of the same document.
fn typed_agrees(typed: &Timeline, lab: &JsonValue) -> Result<(), String> {
    let statuses = lab
        .get("statuses")
        .and_then(JsonValue::as_array)
        .ok_or("the document has no \"statuses\" array")?;
    if statuses.len() != typed.statuses.len() {
        return Err(format!(
            "{} statuses typed, {} in the document",
            typed.statuses.len(),
            statuses.len()
        ));
    }
    for (i, (t, v)) in typed.statuses.iter().zip(statuses).enumerate() {
        let text = v.get("text").and_then(JsonValue::as_str);
        let screen = v
            .get("user")
            .and_then(|u| u.get("screen_name"))
            .and_then(JsonValue::as_str);
        if text != Some(t.text.as_str()) || screen != Some(t.user.screen_name.as_str()) {
            return Err(format!("statuses[{i}]: text or user.screen_name differ"));
        }
    }
    Ok(())
}

/// Whether `v` looks like the twitter sample (a `statuses` array of objects).
pub fn is_twitter_shaped(v: &JsonValue) -> bool {
    v.get("statuses")
        .and_then(JsonValue::as_array)
        .is_some_and(|s| s.first().is_some_and(|x| x.get("user").is_some()))
}

// ----- the bridge ---------------------------------------------------------------------

/// What one path did with the document.
#[derive(Clone, Debug, PartialEq)]
pub struct PathReport {
    pub id: &'static str,
    pub name: &'static str,
    /// JS → Rust, milliseconds (one run; the benchmark below measures properly).
    pub into_ms: f64,
    /// Rust → JS.
    pub back_ms: f64,
    pub bytes_in: String,
    pub bytes_out: String,
    /// Same value as `JSON.parse` gives (canonical forms equal), or the first difference.
    pub agrees: Result<(), String>,
    /// The text written back, read by `JSON.parse`, gives the same value again.
    pub round_trip: Result<(), String>,
}

fn failed(id: &'static str, name: &'static str, why: String) -> PathReport {
    PathReport {
        id,
        name,
        into_ms: f64::NAN,
        back_ms: f64::NAN,
        bytes_in: "–".into(),
        bytes_out: "–".into(),
        agrees: Err(why.clone()),
        round_trip: Err(why),
    }
}

fn round_trip_text(reference: &str, text: &str) -> Result<(), String> {
    js_canonical_of_text(text)
        .map_err(|e| format!("JSON.parse rejects the text written back: {e}"))
        .and_then(|c| first_difference(reference, &c))
}

/// Takes `text` across the boundary every way and back, timing each once and checking
/// that all give the value `JSON.parse` gives. Errors when the text is not JSON for
/// `lab::json::parse` or nests deeper than [`BRIDGE_MAX_DEPTH`].
pub fn run_bridge(text: &str) -> Result<Vec<PathReport>, String> {
    let lab_value = json::parse(text).map_err(|e| format!("the document does not parse: {e}"))?;
    let depth = json::stats(&lab_value).depth;
    if depth > BRIDGE_MAX_DEPTH {
        return Err(format!(
            "the document nests {depth} levels deep; serde_json stops at {BRIDGE_MAX_DEPTH} and serde-wasm-bindgen recurses once per level, so the bridge only runs up to {BRIDGE_MAX_DEPTH}"
        ));
    }
    let stats = json::stats(&lab_value);
    drop(lab_value);
    let js_text = js_sys::JsString::from(text);
    let utf8 = text.len();

    // Path 4 first: its value is the reference the others are checked against.
    let t0 = now_ms();
    let js_value =
        json_parse(&js_text).map_err(|e| format!("JSON.parse: {}", js_error_message(&e)))?;
    let js_into = now_ms() - t0;
    let reference = js_canonical(&js_value).map_err(|e| js_error_message(&e))?;
    let t0 = now_ms();
    let js_back = json_stringify(&js_value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let js_back_ms = now_ms() - t0;
    let mut reports = Vec::new();

    // 1. text → lab::json::parse
    {
        let t0 = now_ms();
        let copied: String = js_text.as_string().unwrap_or_default();
        let parsed = json::parse(&copied);
        let into_ms = now_ms() - t0;
        match parsed {
            Ok(v) => {
                let t0 = now_ms();
                let back = JsValue::from_str(&v.to_json_string());
                let back_ms = now_ms() - t0;
                let back_text = back.as_string().unwrap_or_default();
                reports.push(PathReport {
                    id: "lab",
                    name: "1. text → lab::json::parse",
                    into_ms,
                    back_ms,
                    bytes_in: format!("{} (text as UTF-8)", fmt::bytes(utf8 as u64)),
                    bytes_out: format!(
                        "{} (to_json_string as UTF-8)",
                        fmt::bytes(back_text.len() as u64)
                    ),
                    agrees: first_difference(&reference, &canonical_lab(&v)),
                    round_trip: round_trip_text(&reference, &back_text),
                });
            }
            Err(e) => reports.push(failed("lab", "1. text → lab::json::parse", e.to_string())),
        }
    }

    // 2. text → serde_json::Value
    {
        let t0 = now_ms();
        let copied: String = js_text.as_string().unwrap_or_default();
        let parsed = serde_json::from_str::<serde_json::Value>(&copied);
        let into_ms = now_ms() - t0;
        match parsed {
            Ok(v) => {
                let t0 = now_ms();
                let back_text = serde_json::to_string(&v).unwrap_or_default();
                let back = JsValue::from_str(&back_text);
                let back_ms = now_ms() - t0;
                black_box(back);
                reports.push(PathReport {
                    id: "serde",
                    name: "2. text → serde_json::Value",
                    into_ms,
                    back_ms,
                    bytes_in: format!("{} (text as UTF-8)", fmt::bytes(utf8 as u64)),
                    bytes_out: format!(
                        "{} (serde_json::to_string)",
                        fmt::bytes(back_text.len() as u64)
                    ),
                    agrees: first_difference(&reference, &canonical_serde(&v)),
                    round_trip: round_trip_text(&reference, &back_text),
                });
            }
            Err(e) => reports.push(failed(
                "serde",
                "2. text → serde_json::Value",
                format!("serde_json rejects it: {e}"),
            )),
        }
    }

    // 2b. text → typed structs, for the twitter-shaped document only.
    if let Ok(lab_value) = json::parse(text)
        && is_twitter_shaped(&lab_value)
    {
        let t0 = now_ms();
        let copied: String = js_text.as_string().unwrap_or_default();
        let parsed = serde_json::from_str::<Timeline>(&copied);
        let into_ms = now_ms() - t0;
        match parsed {
            Ok(typed) => {
                let t0 = now_ms();
                let back_text = serde_json::to_string(&typed).unwrap_or_default();
                let back_ms = now_ms() - t0;
                let round_trip = serde_json::from_str::<Timeline>(&back_text)
                    .map_err(|e| e.to_string())
                    .and_then(|again| {
                        if again == typed {
                            Ok(())
                        } else {
                            Err("the struct read back differs".into())
                        }
                    });
                reports.push(PathReport {
                    id: "typed",
                    name: "2b. text → #[derive(Deserialize)] structs",
                    into_ms,
                    back_ms,
                    bytes_in: format!("{} (text as UTF-8)", fmt::bytes(utf8 as u64)),
                    bytes_out: format!(
                        "{} (only the typed fields)",
                        fmt::bytes(back_text.len() as u64)
                    ),
                    agrees: typed_agrees(&typed, &lab_value),
                    round_trip,
                });
            }
            Err(e) => reports.push(failed(
                "typed",
                "2b. text → #[derive(Deserialize)] structs",
                format!("serde_json rejects it: {e}"),
            )),
        }
    }

    // 3. JSON.parse in JS, then serde-wasm-bindgen walks the object.
    {
        let t0 = now_ms();
        let object = json_parse(&js_text);
        let t1 = now_ms();
        let parsed = object.map_err(|e| js_error_message(&e)).and_then(|o| {
            serde_wasm_bindgen::from_value::<serde_json::Value>(o).map_err(|e| e.to_string())
        });
        let t2 = now_ms();
        let crossings = stats.values().saturating_add(stats.keys);
        match parsed {
            Ok(v) => {
                let serializer = serde_wasm_bindgen::Serializer::json_compatible();
                let t3 = now_ms();
                let back = v.serialize(&serializer);
                let back_ms = now_ms() - t3;
                let round_trip = back
                    .map_err(|e| e.to_string())
                    .and_then(|b| js_canonical(&b).map_err(|e| js_error_message(&e)))
                    .and_then(|c| first_difference(&reference, &c));
                reports.push(PathReport {
                    id: "swb",
                    name: "3. JSON.parse → serde_wasm_bindgen::from_value",
                    into_ms: t2 - t0,
                    back_ms,
                    bytes_in: format!(
                        "no bulk copy: ≈{crossings} boundary calls (one or more per value and key), {} of strings copied one by one; JSON.parse took {} of it",
                        fmt::bytes(stats.string_bytes as u64),
                        fmt::duration_ms(t1 - t0)
                    ),
                    bytes_out: format!("≈{crossings} calls creating JS values (to_value)"),
                    agrees: first_difference(&reference, &canonical_serde(&v)),
                    round_trip,
                });
            }
            Err(e) => reports.push(failed(
                "swb",
                "3. JSON.parse → serde_wasm_bindgen::from_value",
                e,
            )),
        }
    }

    // 4. JSON.parse alone.
    reports.push(PathReport {
        id: "js",
        name: "4. JSON.parse alone (stays in JS)",
        into_ms: js_into,
        back_ms: js_back_ms,
        bytes_in: "0: nothing enters WASM".into(),
        bytes_out: "0 (JSON.stringify in JS)".into(),
        agrees: Ok(()),
        round_trip: round_trip_text(&reference, &js_back),
    });
    Ok(reports)
}

// ----- benchmarks -------------------------------------------------------------------

fn config() -> BenchConfig {
    BenchConfig {
        warmup_ms: 50.0,
        min_sample_ms: 20.0,
        samples: 7,
        max_iterations: 64,
    }
}

/// The cases for one document. The JavaScript side is always `JSON.parse` (or
/// `JSON.stringify` for the way back); every WASM side starts from the same JS string
/// and pays the crossing that path really pays, each iteration.
pub fn doc_cases(doc: &str, text: &str) -> Vec<BenchCase> {
    let js_text = js_sys::JsString::from(text);
    let size = fmt::bytes(text.len() as u64);
    let mut cases = Vec::new();

    let t = js_text.clone();
    cases.push(BenchCase {
        name: format!("json/lab/{doc}"),
        label: format!("{doc} ({size}): copy text into WASM + lab::json::parse vs JSON.parse"),
        wasm: Side::wasm(move || {
            let copied: String = t.as_string().unwrap_or_default();
            black_box(json::parse(black_box(&copied)).is_ok());
        }),
        js: Side::Js(make_parse_case(&js_text)),
        config: config(),
    });

    let t = js_text.clone();
    cases.push(BenchCase {
        name: format!("json/serde_json/{doc}"),
        label: format!("{doc}: copy text into WASM + serde_json::Value vs JSON.parse"),
        wasm: Side::wasm(move || {
            let copied: String = t.as_string().unwrap_or_default();
            black_box(serde_json::from_str::<serde_json::Value>(black_box(&copied)).is_ok());
        }),
        js: Side::Js(make_parse_case(&js_text)),
        config: config(),
    });

    if doc == "twitter" {
        let t = js_text.clone();
        cases.push(BenchCase {
            name: format!("json/serde_typed/{doc}"),
            label: format!(
                "{doc}: copy text into WASM + serde_json into typed structs vs JSON.parse"
            ),
            wasm: Side::wasm(move || {
                let copied: String = t.as_string().unwrap_or_default();
                black_box(serde_json::from_str::<Timeline>(black_box(&copied)).is_ok());
            }),
            js: Side::Js(make_parse_case(&js_text)),
            config: config(),
        });
    }

    let t = js_text.clone();
    cases.push(BenchCase {
        name: format!("json/serde_wasm_bindgen/{doc}"),
        label: format!("{doc}: JSON.parse + serde_wasm_bindgen::from_value vs JSON.parse"),
        wasm: Side::wasm(move || {
            let value = json_parse(&t)
                .ok()
                .and_then(|o| serde_wasm_bindgen::from_value::<serde_json::Value>(o).ok());
            black_box(value.is_some());
        }),
        js: Side::Js(make_parse_case(&js_text)),
        config: config(),
    });

    if let Ok(value) = json::parse(text) {
        cases.push(BenchCase {
            name: format!("json/lab_stringify/{doc}"),
            label: format!("{doc}: to_json_string + copy out to a JS string vs JSON.stringify"),
            wasm: Side::wasm(move || {
                let out = value.to_json_string();
                black_box(JsValue::from_str(black_box(&out)));
            }),
            js: Side::Js(make_stringify_case(&js_text)),
            config: config(),
        });
    }
    cases
}

/// The suite: every path on the three generated documents at scale 1.0
/// (canada 2.2 MiB of numbers, citm 1.8 MiB of objects, twitter 615 KiB of strings).
pub fn bench_cases() -> Vec<BenchCase> {
    let mut cases = doc_cases("canada", &json::gen_canada(1.0));
    cases.extend(doc_cases("citm", &json::gen_citm(1.0)));
    cases.extend(doc_cases("twitter", &json::gen_twitter(1.0)));
    cases
}
