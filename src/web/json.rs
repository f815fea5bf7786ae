//! Browser glue for the JSON tab: the four ways a document crosses from JavaScript into
//! Rust (and back), checked against each other with the canonical form of
//! [`crate::lab::json::canonical`], a paste too large for the text box, and the
//! benchmark cases.
//!
//! The four paths, starting from a JavaScript string holding JSON text:
//! 1. the text is copied into WASM memory (UTF-16 → UTF-8) and `lab::json::parse` reads it;
//! 2. the same copy, then `serde_json` reads it (into `serde_json::Value`, or straight
//!    into typed structs with `#[derive(Deserialize)]`);
//! 3. `JSON.parse` builds a JS object, and `serde_wasm_bindgen::from_value` walks it from
//!    Rust, one boundary call per value and key, into a `serde_json::Value`;
//! 4. `JSON.parse` alone: the value stays in JavaScript (the baseline).

use std::hint::black_box;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::bench::{BenchCase, BenchConfig, Side, now_ms, yield_now};
use super::error::js_error_message;
use crate::lab::fmt;
use crate::lab::json::{self, JsonStats, JsonValue, canonical, first_difference};

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
    #[wasm_bindgen(js_name = largePaste)]
    fn large_paste(event: &web_sys::Event, limit: f64) -> Option<String>;
}

/// For the `paste` event of a text box: when the text box would hold more than
/// `limit` UTF-8 bytes after the paste, stops the browser from inserting it (a text box
/// of megabytes holds up the page for seconds while it lays the text out) and returns
/// the text the box would have held, with the paste in place of the selection.
/// `None` for a paste of ordinary size, which the browser inserts as usual.
pub fn take_large_paste(event: &web_sys::Event, limit: usize) -> Option<String> {
    large_paste(event, limit as f64)
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
        bytes_in: fmt::MISSING.into(),
        bytes_out: fmt::MISSING.into(),
        agrees: Err(why.clone()),
        round_trip: Err(why),
    }
}

/// The ways across, in the order the bridge runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Path {
    Lab,
    Serde,
    Typed,
    SerdeWasmBindgen,
    Js,
}

/// A document ready to cross every way: checked, with the value `JSON.parse` gives as
/// the reference the paths are compared with.
pub struct Bridge {
    text: js_sys::JsString,
    utf8: usize,
    stats: JsonStats,
    reference: String,
    js_into_ms: f64,
    js_back: String,
    js_back_ms: f64,
    /// The lab's value, kept for the typed path's check (twitter-shaped documents).
    twitter: Option<JsonValue>,
    paths: Vec<Path>,
}

impl Bridge {
    /// Checks `text` (it must parse with `lab::json::parse` and nest at most
    /// [`BRIDGE_MAX_DEPTH`] levels) and runs path 4, `JSON.parse`, whose value the
    /// others are checked against.
    pub fn prepare(text: &str) -> Result<Bridge, String> {
        let lab_value =
            json::parse(text).map_err(|e| format!("the document does not parse: {e}"))?;
        let stats = json::stats(&lab_value);
        if stats.depth > BRIDGE_MAX_DEPTH {
            return Err(format!(
                "the document nests {} levels deep; serde_json stops at {BRIDGE_MAX_DEPTH} and serde-wasm-bindgen recurses once per level, so the bridge only runs up to {BRIDGE_MAX_DEPTH}",
                stats.depth
            ));
        }
        let twitter = is_twitter_shaped(&lab_value).then_some(lab_value);
        let js_text = js_sys::JsString::from(text);
        let t0 = now_ms();
        let js_value =
            json_parse(&js_text).map_err(|e| format!("JSON.parse: {}", js_error_message(&e)))?;
        let js_into_ms = now_ms() - t0;
        let reference = js_canonical(&js_value).map_err(|e| js_error_message(&e))?;
        let t0 = now_ms();
        let js_back = json_stringify(&js_value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let js_back_ms = now_ms() - t0;
        let mut paths = vec![Path::Lab, Path::Serde];
        if twitter.is_some() {
            paths.push(Path::Typed);
        }
        paths.extend([Path::SerdeWasmBindgen, Path::Js]);
        Ok(Bridge {
            text: js_text,
            utf8: text.len(),
            stats,
            reference,
            js_into_ms,
            js_back,
            js_back_ms,
            twitter,
            paths,
        })
    }

    /// How many paths [`Bridge::run_path`] runs (five for a twitter-shaped document,
    /// which also goes into typed structs; four otherwise).
    pub fn path_count(&self) -> usize {
        self.paths.len()
    }

    /// Runs path `index` (0-based, in the order of the tab's list); `None` past the end.
    pub fn run_path(&self, index: usize) -> Option<PathReport> {
        Some(match self.paths.get(index)? {
            Path::Lab => self.text_path(
                ("lab", "1. text → lab::json::parse"),
                |s| json::parse(s).map_err(|e| e.to_string()),
                |v| (v.to_json_string(), "to_json_string as UTF-8"),
                |v| first_difference(&self.reference, &canonical(v)),
                |_, back| self.round_trip_text(back),
            ),
            Path::Serde => self.text_path(
                ("serde", "2. text → serde_json::Value"),
                |s| {
                    serde_json::from_str::<serde_json::Value>(s)
                        .map_err(|e| format!("serde_json rejects it: {e}"))
                },
                |v| {
                    (
                        serde_json::to_string(v).unwrap_or_default(),
                        "serde_json::to_string",
                    )
                },
                |v| first_difference(&self.reference, &canonical(v)),
                |_, back| self.round_trip_text(back),
            ),
            Path::Typed => self.text_path(
                ("typed", "2b. text → #[derive(Deserialize)] structs"),
                |s| {
                    serde_json::from_str::<Timeline>(s)
                        .map_err(|e| format!("serde_json rejects it: {e}"))
                },
                |t| {
                    (
                        serde_json::to_string(t).unwrap_or_default(),
                        "only the typed fields",
                    )
                },
                |t| match &self.twitter {
                    Some(lab_value) => typed_agrees(t, lab_value),
                    None => Err("not a twitter-shaped document".into()),
                },
                |t, back| match serde_json::from_str::<Timeline>(back) {
                    Ok(again) if again == *t => Ok(()),
                    Ok(_) => Err("the struct read back differs".into()),
                    Err(e) => Err(e.to_string()),
                },
            ),
            Path::SerdeWasmBindgen => self.object_path(),
            Path::Js => PathReport {
                id: "js",
                name: "4. JSON.parse alone (stays in JS)",
                into_ms: self.js_into_ms,
                back_ms: self.js_back_ms,
                bytes_in: "0: nothing enters WASM".into(),
                bytes_out: "0 (JSON.stringify in JS)".into(),
                agrees: Ok(()),
                round_trip: self.round_trip_text(&self.js_back),
            },
        })
    }

    fn round_trip_text(&self, text: &str) -> Result<(), String> {
        js_canonical_of_text(text)
            .map_err(|e| format!("JSON.parse rejects the text written back: {e}"))
            .and_then(|c| first_difference(&self.reference, &c))
    }

    /// Paths 1, 2 and 2b: the JS string is copied into WASM memory as UTF-8 and `read`
    /// there; `write` makes the text that goes back (copied out to a JS string).
    fn text_path<T>(
        &self,
        (id, name): (&'static str, &'static str),
        read: impl Fn(&str) -> Result<T, String>,
        write: impl Fn(&T) -> (String, &'static str),
        agrees: impl Fn(&T) -> Result<(), String>,
        round_trip: impl Fn(&T, &str) -> Result<(), String>,
    ) -> PathReport {
        let t0 = now_ms();
        let copied: String = self.text.as_string().unwrap_or_default();
        let parsed = read(&copied);
        let into_ms = now_ms() - t0;
        let value = match parsed {
            Ok(value) => value,
            Err(why) => return failed(id, name, why),
        };
        let t0 = now_ms();
        let (back_text, what) = write(&value);
        black_box(JsValue::from_str(&back_text));
        let back_ms = now_ms() - t0;
        PathReport {
            id,
            name,
            into_ms,
            back_ms,
            bytes_in: format!("{} (text as UTF-8)", fmt::bytes(self.utf8 as u64)),
            bytes_out: format!("{} ({what})", fmt::bytes(back_text.len() as u64)),
            agrees: agrees(&value),
            round_trip: round_trip(&value, &back_text),
        }
    }

    /// Path 3: `JSON.parse` in JavaScript, then serde-wasm-bindgen walks the object.
    fn object_path(&self) -> PathReport {
        let (id, name) = ("swb", "3. JSON.parse → serde_wasm_bindgen::from_value");
        let t0 = now_ms();
        let object = json_parse(&self.text);
        let t1 = now_ms();
        let parsed = object.map_err(|e| js_error_message(&e)).and_then(|o| {
            serde_wasm_bindgen::from_value::<serde_json::Value>(o).map_err(|e| e.to_string())
        });
        let t2 = now_ms();
        let value = match parsed {
            Ok(value) => value,
            Err(why) => return failed(id, name, why),
        };
        let crossings = fmt::grouped(self.stats.values().saturating_add(self.stats.keys));
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let t3 = now_ms();
        let back = value.serialize(&serializer);
        let back_ms = now_ms() - t3;
        let round_trip = back
            .map_err(|e| e.to_string())
            .and_then(|b| js_canonical(&b).map_err(|e| js_error_message(&e)))
            .and_then(|c| first_difference(&self.reference, &c));
        PathReport {
            id,
            name,
            into_ms: t2 - t0,
            back_ms,
            bytes_in: format!(
                "no bulk copy: ≈{crossings} boundary calls (one or more per value and key), {} of strings copied one by one; JSON.parse took {} of it",
                fmt::bytes(self.stats.string_bytes as u64),
                fmt::duration_ms(t1 - t0)
            ),
            bytes_out: format!("≈{crossings} calls creating JS values (to_value)"),
            agrees: first_difference(&self.reference, &canonical(&value)),
            round_trip,
        }
    }
}

/// Takes `text` across the boundary every way and back, timing each once and checking
/// that all give the value `JSON.parse` gives. Errors when the text is not JSON for
/// `lab::json::parse` or nests deeper than [`BRIDGE_MAX_DEPTH`].
pub fn run_bridge(text: &str) -> Result<Vec<PathReport>, String> {
    let bridge = Bridge::prepare(text)?;
    Ok((0..bridge.path_count())
        .filter_map(|i| bridge.run_path(i))
        .collect())
}

/// [`run_bridge`] one path at a time, letting the page paint and take input between
/// them; `on_step(done, total)` is called before each path and once at the end.
pub async fn run_bridge_stepwise(
    text: &str,
    on_step: impl Fn(usize, usize),
) -> Result<Vec<PathReport>, String> {
    yield_now().await;
    let bridge = Bridge::prepare(text)?;
    let total = bridge.path_count();
    let mut reports = Vec::with_capacity(total);
    for i in 0..total {
        on_step(i, total);
        yield_now().await;
        reports.extend(bridge.run_path(i));
    }
    on_step(total, total);
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

/// A case whose WASM side copies the JS string into WASM memory and `read`s it there,
/// against `JSON.parse` of the same string.
fn copy_and_read_case(
    name: String,
    label: String,
    js_text: &js_sys::JsString,
    read: fn(&str) -> bool,
) -> BenchCase {
    let text = js_text.clone();
    BenchCase {
        name,
        label,
        wasm: Side::wasm(move || {
            let copied: String = text.as_string().unwrap_or_default();
            black_box(read(black_box(&copied)));
        }),
        js: Side::Js(make_parse_case(js_text)),
        config: config(),
    }
}

/// The cases for one document. The JavaScript side is always `JSON.parse` (or
/// `JSON.stringify` for the way back); every WASM side starts from the same JS string
/// and pays the crossing that path really pays, each iteration.
pub fn doc_cases(doc: &str, text: &str) -> Vec<BenchCase> {
    let js_text = js_sys::JsString::from(text);
    let size = fmt::bytes(text.len() as u64);
    let mut cases = vec![
        copy_and_read_case(
            format!("json/lab/{doc}"),
            format!("{doc} ({size}): copy text into WASM + lab::json::parse vs JSON.parse"),
            &js_text,
            |s| json::parse(s).is_ok(),
        ),
        copy_and_read_case(
            format!("json/serde_json/{doc}"),
            format!("{doc}: copy text into WASM + serde_json::Value vs JSON.parse"),
            &js_text,
            |s| serde_json::from_str::<serde_json::Value>(s).is_ok(),
        ),
    ];
    if doc == "twitter" {
        cases.push(copy_and_read_case(
            format!("json/serde_typed/{doc}"),
            format!("{doc}: copy text into WASM + serde_json into typed structs vs JSON.parse"),
            &js_text,
            |s| serde_json::from_str::<Timeline>(s).is_ok(),
        ));
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

/// The canada document's cases (2.2 MiB, mostly numbers).
pub fn canada_cases() -> Vec<BenchCase> {
    doc_cases("canada", &json::gen_canada(1.0))
}

/// The citm document's cases (1.8 MiB, mostly objects).
pub fn citm_cases() -> Vec<BenchCase> {
    doc_cases("citm", &json::gen_citm(1.0))
}

/// The twitter document's cases (615 KiB, mostly strings).
pub fn twitter_cases() -> Vec<BenchCase> {
    doc_cases("twitter", &json::gen_twitter(1.0))
}

/// The suite: every path on the three generated documents at scale 1.0. The Bench tab
/// builds them one document at a time ([`canada_cases`], [`citm_cases`],
/// [`twitter_cases`]), so generating a document never adds to another one's wait.
pub fn bench_cases() -> Vec<BenchCase> {
    let mut cases = canada_cases();
    cases.extend(citm_cases());
    cases.extend(twitter_cases());
    cases
}
