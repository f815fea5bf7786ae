//! The JSON tab (`#/json`): an editor with a strict parser's verdict (tree, stats, exact
//! error position), JSON.stringify-exact output, and the bridge: the same document taken
//! from JavaScript into Rust four ways, timed and checked against each other.
//! `?doc=small|canada|citm|twitter` loads a sample, so a link reproduces the view.

use std::rc::Rc;

use stylist::yew::use_style;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::app::hooks::{FileText, FileTextError, use_debounce, use_file_text};
use crate::app::widgets::{BenchPanel, ErrorText, SourceView};
use crate::lab::fmt::{bytes, duration_ms};
use crate::lab::json::{self, JsonError, JsonStats, JsonValue};
use crate::web::bench::{self, BenchCase};
use crate::web::dom;
use crate::web::json::{self as bridge, PathReport};

/// Above this size the editor does not parse as you type: a Parse button does it.
const AUTO_PARSE_LIMIT: usize = 5 * 1024 * 1024;
/// Above this size nothing is parsed or loaded: the page would hold several copies.
const MAX_SIZE: usize = 64 * 1024 * 1024;
/// Children shown per array/object before "show more".
const PAGE: usize = 100;
/// The bridge runs every path back to back: kept to documents that take well under a
/// second in all of them.
const BRIDGE_LIMIT: usize = 8 * 1024 * 1024;
/// Characters of output shown on the page (copy and download take all of it).
const PREVIEW: usize = 20_000;
const DEBOUNCE_MS: u32 = 250;

const SMALL: &str = r#"{
  "name": "wasm-playground",
  "version": 1.5e3,
  "tags": ["rust", "wasm", "json"],
  "nested": {"depth": [[[1, 2], [3]], []], "empty": {}},
  "escapes": "tab\t, quote \", newline\n, snowman \u2603, emoji \ud83e\udd80",
  "unicode": "日本語 · Ελληνικά · عربى",
  "numbers": [0, -0, 1e21, 1.5e-7, 0.1, 123456789012345678901234567890],
  "ok": true,
  "nothing": null
}"#;

const SAMPLES: &[&str] = &["small", "canada", "citm", "twitter"];

fn sample(name: &str) -> Option<String> {
    match name {
        "small" => Some(SMALL.to_string()),
        "canada" => Some(json::gen_canada(1.0)),
        "citm" => Some(json::gen_citm(1.0)),
        "twitter" => Some(json::gen_twitter(1.0)),
        _ => None,
    }
}

/// The parse tree, compared by identity: two renders of the same document are equal
/// without walking 2 MB of values.
#[derive(Clone)]
struct Doc(Rc<JsonValue>);

impl PartialEq for Doc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

struct Parsed {
    doc: Doc,
    stats: JsonStats,
    minified: Rc<str>,
    pretty: Rc<str>,
    ms: f64,
    bytes: usize,
}

#[derive(Clone)]
enum Outcome {
    Empty,
    /// Too big to parse as you type: waiting for the Parse button.
    Waiting(usize),
    Parsing(usize),
    TooLarge(usize),
    Ok(Rc<Parsed>),
    Err {
        error: JsonError,
        excerpt: String,
        caret: usize,
    },
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Outcome::Ok(a), Outcome::Ok(b)) => Rc::ptr_eq(a, b),
            (Outcome::Empty, Outcome::Empty) => true,
            (Outcome::Waiting(a), Outcome::Waiting(b))
            | (Outcome::Parsing(a), Outcome::Parsing(b))
            | (Outcome::TooLarge(a), Outcome::TooLarge(b)) => a == b,
            (Outcome::Err { error: a, .. }, Outcome::Err { error: b, .. }) => a == b,
            _ => false,
        }
    }
}

fn run_parse(text: &str) -> Outcome {
    if text.trim().is_empty() {
        return Outcome::Empty;
    }
    if text.len() > MAX_SIZE {
        return Outcome::TooLarge(text.len());
    }
    let t0 = bench::now_ms();
    match json::parse(text) {
        Ok(value) => {
            let ms = bench::now_ms() - t0;
            let stats = json::stats(&value);
            let minified: Rc<str> = value.to_json_string().into();
            let pretty: Rc<str> = value.to_json_pretty(2).into();
            Outcome::Ok(Rc::new(Parsed {
                doc: Doc(Rc::new(value)),
                stats,
                minified,
                pretty,
                ms,
                bytes: text.len(),
            }))
        }
        Err(error) => {
            let (excerpt, caret) = json::error_excerpt(text, &error, 72);
            Outcome::Err {
                error,
                excerpt,
                caret,
            }
        }
    }
}

/// What to do with new text: parse now (small), or wait for the button (large).
fn outcome_for_input(text: &str) -> Option<Outcome> {
    if text.len() > MAX_SIZE {
        Some(Outcome::TooLarge(text.len()))
    } else if text.len() > AUTO_PARSE_LIMIT {
        Some(Outcome::Waiting(text.len()))
    } else {
        None
    }
}

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct JsonQuery {
    #[serde(default)]
    doc: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum OutputKind {
    Minified,
    Pretty,
}

#[component]
pub fn JsonTab() -> Html {
    let style = use_style!(
        r#"
        textarea.json-editor { width: 100%; height: 13rem; min-height: 6rem; font-family: var(--mono);
            font-size: 0.85rem; box-sizing: border-box; resize: vertical; }
        textarea.json-editor, .json-tree, pre.output, .error-excerpt {
            scrollbar-color: var(--border) transparent; }
        .card > h3:first-child { margin-top: 0; }
        .toolbar { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center;
            margin: 0.5rem 0; }
        .error-excerpt { font-family: var(--mono); font-size: 0.85rem; overflow-x: auto;
            background: var(--surface); border: 1px solid var(--bad); border-radius: 6px;
            padding: 0.5rem; margin: 0.25rem 0; white-space: pre; }
        .error-excerpt .caret { color: var(--bad); font-weight: bold; }
        .status { color: var(--muted); font-size: 0.9rem; }
        .stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr));
            gap: 0.25rem 1rem; margin: 0.5rem 0; padding: 0; }
        .stats div { display: flex; justify-content: space-between; gap: 0.5rem;
            border-bottom: 1px solid var(--border); }
        .stats dt { color: var(--muted); }
        .stats dd { margin: 0; font-family: var(--mono); white-space: nowrap; }
        .json-tree, .json-tree ul { list-style: none; margin: 0; padding-left: 1.1rem;
            font-family: var(--mono); font-size: 0.85rem; }
        .json-tree { padding-left: 0; max-height: 24rem; overflow: auto;
            border: 1px solid var(--border); border-radius: 6px; padding: 0.4rem; }
        .json-tree summary { cursor: pointer; }
        .json-tree .key { color: var(--accent); }
        .json-tree .t-string { color: var(--ok); word-break: break-all; }
        .json-tree .t-number { color: var(--wasm); }
        .json-tree .t-boolean, .json-tree .t-null { color: var(--js-text); }
        .json-tree .count { color: var(--muted); }
        .json-tree button { font-size: 0.8rem; }
        pre.output { max-height: 18rem; overflow: auto; font-family: var(--mono);
            font-size: 0.8rem; border: 1px solid var(--border); border-radius: 6px;
            padding: 0.5rem; white-space: pre-wrap; word-break: break-all; }
        .ok { color: var(--ok); font-weight: bold; }
        .bad { color: var(--bad); font-weight: bold; }
        .bridge td, .bridge th { vertical-align: top; padding: 0.25rem 0.5rem;
            text-align: left; }
        .bridge td.num { font-family: var(--mono); white-space: nowrap; }
        .bridge .detail { display: block; font-size: 0.8rem; color: var(--muted);
            white-space: normal; min-width: 10rem; max-width: 22rem; overflow-wrap: anywhere; }
        .file-label { display: inline-flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; }
        .file-label input { max-width: 100%; }
        & > section.card, & > .split { margin-top: 1rem; }
        & > details { margin-top: 0.5rem; }
    "#
    );

    let location = use_location();
    let navigator = use_navigator();
    let initial_doc = location
        .and_then(|l| l.query::<JsonQuery>().ok())
        .and_then(|q| q.doc)
        .filter(|d| SAMPLES.contains(&d.as_str()));

    let text = use_state(|| -> AttrValue {
        AttrValue::from(
            initial_doc
                .as_deref()
                .and_then(sample)
                .unwrap_or_else(|| SMALL.to_string()),
        )
    });
    let outcome = {
        let initial = (*text).clone();
        use_state(move || outcome_for_input(&initial).unwrap_or_else(|| run_parse(&initial)))
    };
    let load_error = use_state(|| None::<String>);
    let parse_later = use_debounce(DEBOUNCE_MS);
    let output_kind = use_state(|| OutputKind::Pretty);
    let copied = use_state(|| None::<String>);
    let bridge_result = use_state(|| None::<Result<Vec<PathReport>, String>>);
    let bridge_busy = use_state(|| false);

    // New text: parse after a pause in typing (small), or wait for the button (large).
    let set_text = {
        let text = text.clone();
        let outcome = outcome.clone();
        let parse_later = parse_later.clone();
        let bridge_result = bridge_result.clone();
        Callback::from(move |new: String| {
            let new = AttrValue::from(new);
            text.set(new.clone());
            bridge_result.set(None);
            parse_later.cancel();
            if let Some(o) = outcome_for_input(&new) {
                outcome.set(o);
                return;
            }
            let outcome = outcome.clone();
            parse_later.run(move || outcome.set(run_parse(&new)));
        })
    };
    // Loading (sample or file) parses at once: nobody is typing.
    let load_text = {
        let text = text.clone();
        let outcome = outcome.clone();
        let bridge_result = bridge_result.clone();
        let load_error = load_error.clone();
        Callback::from(move |new: String| {
            parse_later.cancel();
            load_error.set(None);
            bridge_result.set(None);
            let o = outcome_for_input(&new).unwrap_or_else(|| run_parse(&new));
            text.set(AttrValue::from(new));
            outcome.set(o);
        })
    };

    let oninput = {
        let set_text = set_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                set_text.emit(area.value());
            }
        })
    };

    let load_sample = {
        let load_text = load_text.clone();
        let navigator = navigator.clone();
        move |name: &'static str| {
            let load_text = load_text.clone();
            let navigator = navigator.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(doc) = sample(name) {
                    load_text.emit(doc);
                    if let Some(nav) = &navigator {
                        let _ = nav.replace_with_query(
                            &Route::Json,
                            &JsonQuery {
                                doc: Some(name.to_string()),
                            },
                        );
                    }
                }
            })
        }
    };

    let onfile = use_file_text(MAX_SIZE as u64, {
        let load_text = load_text.clone();
        let load_error = load_error.clone();
        Callback::from(move |read: Result<FileText, FileTextError>| {
            match read {
            Ok(file) => load_text.emit(file.text),
            Err(FileTextError::TooLarge { name, size, max }) => load_error.set(Some(format!(
                "“{name}” is {}: this page handles documents up to {} (it keeps the text, the tree and the outputs in memory at once).",
                bytes(size),
                bytes(max)
            ))),
            Err(unreadable) => load_error.set(Some(format!("{unreadable}."))),
        }
        })
    });

    let parse_now = {
        let text = text.clone();
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| {
            if matches!(*outcome, Outcome::Parsing(_)) {
                return;
            }
            let text = text.clone();
            let outcome = outcome.clone();
            outcome.set(Outcome::Parsing(text.len()));
            wasm_bindgen_futures::spawn_local(async move {
                // Let "Parsing…" paint before the parser takes the main thread.
                bench::yield_now().await;
                bench::yield_now().await;
                outcome.set(run_parse(&text));
            });
        })
    };

    let run_bridge = {
        let text = text.clone();
        let bridge_result = bridge_result.clone();
        let bridge_busy = bridge_busy.clone();
        Callback::from(move |_: MouseEvent| {
            if *bridge_busy {
                return;
            }
            bridge_busy.set(true);
            let text = text.clone();
            let bridge_result = bridge_result.clone();
            let bridge_busy = bridge_busy.clone();
            wasm_bindgen_futures::spawn_local(async move {
                bench::yield_now().await;
                let result = if text.len() > BRIDGE_LIMIT {
                    Err(format!(
                        "The bridge parses the document six times in a row without a break; this page runs it on documents up to {} so it never freezes ({} here).",
                        bytes(BRIDGE_LIMIT as u64),
                        bytes(text.len() as u64)
                    ))
                } else {
                    bridge::run_bridge(&text)
                };
                bridge_result.set(Some(result));
                bridge_busy.set(false);
            });
        })
    };

    let make_cases = Callback::from(|_: ()| -> Vec<BenchCase> { bridge::bench_cases() });

    // ----- editor column -----
    let (error_message, excerpt) = match &*outcome {
        Outcome::Err {
            error,
            excerpt,
            caret,
        } => (
            Some(format!(
                "Line {}, column {}: {}",
                error.line, error.column, error.message
            )),
            Some((excerpt.clone(), *caret)),
        ),
        Outcome::TooLarge(n) => (
            Some(format!(
                "This document is {}: the limit here is {}. Split it, or parse it natively.",
                bytes(*n as u64),
                bytes(MAX_SIZE as u64)
            )),
            None,
        ),
        _ => ((*load_error).clone(), None),
    };
    let invalid = error_message.is_some();
    let status = match &*outcome {
        Outcome::Empty => html! { "Type or paste JSON, or load a sample." },
        Outcome::Waiting(n) => html! {
            <>
                { format!("{} is above {}: parsing as you type is off. ", bytes(*n as u64), bytes(AUTO_PARSE_LIMIT as u64)) }
                <button type="button" class="button primary" id="json-parse" onclick={parse_now.clone()}>{ "Parse" }</button>
            </>
        },
        Outcome::Parsing(n) => {
            html! { <span role="status">{ format!("Parsing {}…", bytes(*n as u64)) }</span> }
        }
        Outcome::TooLarge(_) => html! {},
        Outcome::Ok(p) => html! {
            <span>{ format!("Valid JSON: {} parsed in {}.", bytes(p.bytes as u64), took(p.ms)) }</span>
        },
        Outcome::Err { .. } => html! { <span>{ "Not valid JSON (see the message above)." }</span> },
    };

    let editor = html! {
        <div class="card">
            <h3>{ "Document" }</h3>
            <div class="toolbar" role="group" aria-label="Load a document">
                <span>{ "Samples:" }</span>
                <button type="button" class="button" id="json-sample-small" onclick={load_sample("small")}>{ "small" }</button>
                <button type="button" class="button" id="json-sample-canada" onclick={load_sample("canada")}>{ "canada (numbers)" }</button>
                <button type="button" class="button" id="json-sample-citm" onclick={load_sample("citm")}>{ "citm (objects)" }</button>
                <button type="button" class="button" id="json-sample-twitter" onclick={load_sample("twitter")}>{ "twitter (strings)" }</button>
                <label class="file-label">{ "Load a file: " }
                    <input type="file" id="json-file" accept=".json,application/json,text/plain" onchange={onfile} />
                </label>
            </div>
            <label for="json-input">{ "JSON text" }</label>
            <textarea id="json-input" class="json-editor" spellcheck="false"
                autocomplete="off"
                aria-describedby="json-error"
                aria-invalid={if invalid { "true" } else { "false" }}
                value={(*text).clone()} {oninput} />
            <ErrorText id="json-error" message={error_message} />
            if let Some((line, caret)) = excerpt {
                <pre class="error-excerpt" id="json-error-excerpt" aria-label="The line with the error, a caret under the character">
                    { line }{ "\n" }<span class="caret">{ format!("{}^", " ".repeat(caret)) }</span>
                </pre>
            }
            <p class="status" id="json-status">{ status }</p>
        </div>
    };

    // ----- result column -----
    let result = match &*outcome {
        Outcome::Ok(p) => {
            let text_out = match *output_kind {
                OutputKind::Minified => p.minified.clone(),
                OutputKind::Pretty => p.pretty.clone(),
            };
            let preview: String = text_out.chars().take(PREVIEW).collect();
            let truncated = preview.len() < text_out.len();
            let copy = {
                let text_out = text_out.clone();
                let copied = copied.clone();
                Callback::from(move |_: MouseEvent| {
                    let text_out = text_out.clone();
                    let copied = copied.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let ok = dom::copy_text(&text_out).await;
                        copied.set(Some(if ok {
                            "Copied.".into()
                        } else {
                            "The browser refused the clipboard; use Download instead.".into()
                        }));
                    });
                })
            };
            let download = {
                let text_out = text_out.clone();
                let copied = copied.clone();
                let kind = *output_kind;
                Callback::from(move |_: MouseEvent| {
                    let name = match kind {
                        OutputKind::Minified => "document.min.json",
                        OutputKind::Pretty => "document.json",
                    };
                    if let Err(e) = dom::download(name, "application/json", text_out.as_bytes()) {
                        copied.set(Some(format!("Download failed: {e}")));
                    }
                })
            };
            let pick = |kind: OutputKind| {
                let output_kind = output_kind.clone();
                let copied = copied.clone();
                Callback::from(move |_: Event| {
                    output_kind.set(kind);
                    copied.set(None);
                })
            };
            html! {
                <>
                    <h3>{ "Stats" }</h3>
                    { stats_view(&p.stats, p.bytes, p.minified.len()) }
                    <h3>{ "Tree" }</h3>
                    <ul class="json-tree" id="json-tree">
                        <JsonNode doc={p.doc.clone()} path={Rc::new(Vec::new())} label={None::<AttrValue>} start_open={true} />
                    </ul>
                    <h3>{ "Output" }</h3>
                    <div class="toolbar" role="radiogroup" aria-label="Output form">
                        <label><input type="radio" name="json-out" id="json-out-pretty"
                            checked={*output_kind == OutputKind::Pretty} onchange={pick(OutputKind::Pretty)} />
                            { " pretty (2 spaces)" }</label>
                        <label><input type="radio" name="json-out" id="json-out-min"
                            checked={*output_kind == OutputKind::Minified} onchange={pick(OutputKind::Minified)} />
                            { " minified" }</label>
                        <button type="button" class="button" id="json-copy" onclick={copy}>{ "Copy" }</button>
                        <button type="button" class="button" id="json-download" onclick={download}>{ "Download" }</button>
                        <span class="status" aria-live="polite">{ (*copied).clone().unwrap_or_default() }</span>
                    </div>
                    <p class="note">{ format!("{} — byte for byte what JSON.stringify writes for the same value (keys in source order).", bytes(text_out.len() as u64)) }</p>
                    <pre class="output" id="json-output" tabindex="0" aria-label="Output JSON">{ preview }</pre>
                    if truncated {
                        <p class="note">{ format!("Showing the first {PREVIEW} characters; Copy and Download take all of it.") }</p>
                    }
                </>
            }
        }
        _ => html! {
            <p class="note">{ "The tree, the stats and the output appear here when the document parses." }</p>
        },
    };

    // ----- bridge -----
    let bridge_view = match &*bridge_result {
        None => html! {},
        Some(Err(e)) => html! { <p class="field-error" id="json-bridge-error">{ e.clone() }</p> },
        Some(Ok(rows)) => {
            let all_agree = rows
                .iter()
                .all(|r| r.agrees.is_ok() && r.round_trip.is_ok());
            html! {
                <>
                    <p id="json-bridge-summary" class={if all_agree { "ok" } else { "bad" }}>
                        { if all_agree { "✓ All paths give the same value, there and back." } else { "✗ Not every path agrees (details below)." } }
                    </p>
                    <div class="table-scroll">
                        <table class="bridge" id="json-bridge">
                            <thead><tr>
                                <th scope="col">{ "Path" }</th>
                                <th scope="col">{ "Into Rust" }</th>
                                <th scope="col">{ "Back to JS" }</th>
                                <th scope="col">{ "Same value as JSON.parse" }</th>
                                <th scope="col">{ "Round trip" }</th>
                            </tr></thead>
                            <tbody>
                                { for rows.iter().map(bridge_row) }
                            </tbody>
                        </table>
                    </div>
                    <p class="note">{ "Times are one run each, on this document; the first run includes warming up. The benchmark below measures properly." }</p>
                </>
            }
        }
    };

    html! {
        <section class={style}>
            <h2>{ "JSON" }</h2>
            <p>
                { "Most data reaches a WebAssembly module as JSON. Here a strict parser written in Rust (" }
                <code>{ "lab::json" }</code>
                { ") reads your document, says exactly where it breaks (line, column and the rule), and writes it back byte for byte as JSON.stringify would. Below, the same document crosses from JavaScript into Rust four ways. Each way pays differently at the boundary: copying the text into WASM memory once, or one call per value walking a JavaScript object. They are timed against JSON.parse and checked to give the same value." }
            </p>
            <div class="split">
                { editor }
                <div class="card">{ result }</div>
            </div>

            <section class="card" aria-labelledby="json-bridge-title">
                <h3 id="json-bridge-title">{ "The bridge: four ways into Rust, and back" }</h3>
                <ol>
                    <li><strong>{ "Text → lab::json::parse. " }</strong>{ "The JS string (UTF-16) is encoded into WASM memory as UTF-8, one copy of the whole text, then parsed; to_json_string is copied back out and decoded into a JS string." }</li>
                    <li><strong>{ "Text → serde_json. " }</strong>{ "The same copy, then serde_json builds a serde_json::Value; for the twitter sample also typed structs (#[derive(Deserialize)]), which skip every field they do not name." }</li>
                    <li><strong>{ "JS object → serde-wasm-bindgen. " }</strong>{ "JSON.parse builds the object in JavaScript; from_value then walks it from Rust: no bulk copy, but one or more boundary calls per value and key, each string copied separately. to_value builds JS objects back, call by call." }</li>
                    <li><strong>{ "JSON.parse alone. " }</strong>{ "The value never leaves JavaScript: the baseline every path is compared with." }</li>
                </ol>
                <p class="note">{ "Agreement compares canonical forms: keys sorted, the last of duplicate keys kept, numbers as JavaScript prints them. Known differences show here honestly: serde_json rejects lone surrogates (\\ud800), numbers beyond f64 (1e400) and nesting deeper than 128; lab::json turns a lone surrogate into U+FFFD." }</p>
                <button type="button" class="button primary" id="json-bridge-run" onclick={run_bridge} disabled={*bridge_busy}>
                    { if *bridge_busy { "Running…" } else { "Run the four paths on this document" } }
                </button>
                { bridge_view }
            </section>

            <section class="card">
                <h3>{ "Measured: each path against JSON.parse" }</h3>
                <BenchPanel make_cases={make_cases} button="Run the JSON benchmark"
                    description="The three generated documents at full size (canada 2.2 MiB, citm 1.8 MiB, twitter 615 KiB). The JavaScript side is JSON.parse (JSON.stringify for the way back). Every WASM side starts from the same JS string and pays its crossing each iteration: the text copy into WASM memory for paths 1 and 2, JSON.parse plus one call per value for path 3." />
            </section>

            <SourceView path="src/lab/json/parse.rs" region="main-loop" summary="Show the Rust: the parser's main loop (no recursion)" />
            <SourceView path="src/lab/json/parse.rs" region="strings" summary="Show the Rust: reading a string" />
            <SourceView path="src/lab/json/parse.rs" region="scan-plain" summary="Show the Rust: scanning eight bytes at a time" />
        </section>
    }
}

/// A single timing for people; browsers round `performance.now()` (Firefox to 1 ms).
fn took(ms: f64) -> String {
    if ms < 1.0 {
        "under 1 ms".into()
    } else {
        duration_ms(ms)
    }
}

fn mark(r: &Result<(), String>) -> Html {
    match r {
        Ok(()) => html! { <span class="ok" aria-label="agrees">{ "✓" }</span> },
        Err(e) => html! {
            <>
                <span class="bad" aria-label="differs">{ "✗" }</span>
                <span class="detail">{ e.clone() }</span>
            </>
        },
    }
}

fn bridge_row(r: &PathReport) -> Html {
    html! {
        <tr data-path={r.id}>
            <th scope="row">{ r.name }</th>
            <td class="num">{ took(r.into_ms) }<span class="detail">{ r.bytes_in.clone() }</span></td>
            <td class="num">{ took(r.back_ms) }<span class="detail">{ r.bytes_out.clone() }</span></td>
            <td class="agree">{ mark(&r.agrees) }</td>
            <td class="agree">{ mark(&r.round_trip) }</td>
        </tr>
    }
}

fn stats_view(s: &JsonStats, input_bytes: usize, minified_bytes: usize) -> Html {
    let item = |label: &str, value: String| {
        html! { <div><dt>{ label.to_string() }</dt><dd>{ value }</dd></div> }
    };
    html! {
        <dl class="stats" id="json-stats">
            { item("bytes", bytes(input_bytes as u64)) }
            { item("minified", bytes(minified_bytes as u64)) }
            { item("depth", s.depth.to_string()) }
            { item("values", s.values().to_string()) }
            { item("objects", s.objects.to_string()) }
            { item("arrays", s.arrays.to_string()) }
            { item("strings", s.strings.to_string()) }
            { item("numbers", s.numbers.to_string()) }
            { item("booleans", s.bools.to_string()) }
            { item("nulls", s.nulls.to_string()) }
            { item("keys", s.keys.to_string()) }
            { item("duplicate keys", s.duplicate_keys.to_string()) }
        </dl>
    }
}

#[derive(Properties, PartialEq)]
struct JsonNodeProps {
    doc: Doc,
    /// Child indexes from the root to this node.
    path: Rc<Vec<usize>>,
    label: Option<AttrValue>,
    #[prop_or(false)]
    start_open: bool,
}

fn resolve<'a>(root: &'a JsonValue, path: &[usize]) -> Option<&'a JsonValue> {
    let mut v = root;
    for &i in path {
        v = match v {
            JsonValue::Array(items) => items.get(i)?,
            JsonValue::Object(pairs) => &pairs.get(i)?.1,
            _ => return None,
        };
    }
    Some(v)
}

fn scalar_text(v: &JsonValue) -> String {
    let s = v.to_json_string();
    if s.chars().count() > 300 {
        let cut: String = s.chars().take(300).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// One array or object as a `<details>`, or one scalar. Children are rendered only once
/// it is open, and only `PAGE` at a time, so a 2 MB document costs a few DOM nodes.
#[component]
fn JsonNode(props: &JsonNodeProps) -> Html {
    let open = use_state(|| props.start_open);
    let shown = use_state(|| PAGE);
    let Some(value) = resolve(&props.doc.0, &props.path) else {
        return html! {};
    };
    let label = props.label.as_ref().map(|l| {
        html! { <><span class="key">{ l.clone() }</span>{ ": " }</> }
    });
    let (len, open_b, close_b) = match value {
        JsonValue::Array(items) => (items.len(), "[", "]"),
        JsonValue::Object(pairs) => (pairs.len(), "{", "}"),
        scalar => {
            return html! {
                <li>{ label }<span class={format!("t-{}", scalar.type_name())}>{ scalar_text(scalar) }</span></li>
            };
        }
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            open.set(!*open);
        })
    };
    let noun = if matches!(value, JsonValue::Array(_)) {
        "item"
    } else {
        "key"
    };
    let count = format!(
        "{open_b} {len} {noun}{} {close_b}",
        if len == 1 { "" } else { "s" }
    );
    let children = if *open {
        let limit = (*shown).min(len);
        let more = len - limit;
        let show_more = {
            let shown = shown.clone();
            Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
        };
        html! {
            <ul>
                { for (0..limit).map(|i| {
                    let child_label: AttrValue = match value {
                        JsonValue::Object(pairs) => {
                            JsonValue::Str(pairs[i].0.clone()).to_json_string().into()
                        }
                        _ => i.to_string().into(),
                    };
                    let mut path = (*props.path).clone();
                    path.push(i);
                    html! { <JsonNode key={i} doc={props.doc.clone()} path={Rc::new(path)} label={Some(child_label)} /> }
                }) }
                if more > 0 {
                    <li><button type="button" class="button" onclick={show_more}>
                        { format!("Show {} more ({more} hidden)", PAGE.min(more)) }
                    </button></li>
                }
            </ul>
        }
    } else {
        html! {}
    };
    html! {
        <li>
            <details open={*open}>
                <summary onclick={toggle}>{ label }<span class="count">{ count }</span></summary>
                { children }
            </details>
        </li>
    }
}
