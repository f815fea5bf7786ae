//! Browser glue of the Module tab: the served files of the hello module, their sizes
//! (gzip by the browser's `CompressionStream`), what the engine says a module imports
//! and exports, where this page's own modules are, the console that calls the hello
//! module in a Web Worker, and running the benchmark cases of the "when to use WASM"
//! table.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::lab::wasm::boundary::{Call, Seen};

use super::{bench, suite};

#[wasm_bindgen(module = "/src/web/js/module.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetchBytes)]
    async fn fetch_bytes_js(url: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = gzipAvailable)]
    fn gzip_available_js() -> bool;
    #[wasm_bindgen(catch, js_name = gzipSize)]
    async fn gzip_size_js(bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = engineView)]
    async fn engine_view_js(bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = appModuleUrl)]
    fn app_module_url_js() -> Option<String>;
    #[wasm_bindgen(catch, js_name = besidePage)]
    fn beside_page(relative: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(js_name = evaluationsStartedCount)]
    fn evaluations_started_js() -> u32;

    type ConsoleHost;
    #[wasm_bindgen(constructor)]
    fn new(
        snippet: Option<String>,
        glue: &str,
        timeout_ms: f64,
        on_event: &js_sys::Function,
    ) -> ConsoleHost;
    #[wasm_bindgen(method)]
    fn evaluate(this: &ConsoleHost, code: &str) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn close(this: &ConsoleHost);
}

/// The text of a thrown JavaScript value.
fn js_message(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .and_then(|e| e.message().as_string())
        })
        .unwrap_or_else(|| "unknown error".into())
}

// ------------------------------------------------------------------ served files

/// Where the hello module's files are served.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelloUrls {
    /// The tutorial's page script (`hello/index.js`).
    pub snippet: String,
    /// What wasm-bindgen generated (`hello/pkg/hello_wasm.js`).
    pub glue: String,
    /// The module (`hello/pkg/hello_wasm_bg.wasm`).
    pub wasm: String,
}

thread_local! {
    static HELLO_OVERRIDE: RefCell<Option<HelloUrls>> = const { RefCell::new(None) };
}

/// Replaces where the hello module is served (`None`: back to `hello/` next to the
/// page). The browser tests use it: their page is the test runner's, which serves no
/// `hello/` directory.
pub fn set_hello_urls(urls: Option<HelloUrls>) {
    HELLO_OVERRIDE.with(|cell| *cell.borrow_mut() = urls);
}

/// `hello/…` next to index.html (the build puts it there: examples/hello-wasm/build.sh),
/// resolved against the document so it works under a sub-path.
pub fn hello_urls() -> Result<HelloUrls, String> {
    if let Some(urls) = HELLO_OVERRIDE.with(|cell| cell.borrow().clone()) {
        return Ok(urls);
    }
    let at = |p: &str| beside_page(p).map_err(|e| js_message(&e));
    Ok(HelloUrls {
        snippet: at("hello/index.js")?,
        glue: at("hello/pkg/hello_wasm.js")?,
        wasm: at("hello/pkg/hello_wasm_bg.wasm")?,
    })
}

/// The bytes of a served file.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let value = fetch_bytes_js(url).await.map_err(|e| js_message(&e))?;
    value
        .dyn_into::<js_sys::Uint8Array>()
        .map(|a| a.to_vec())
        .map_err(|_| "the answer was not bytes".to_string())
}

/// Whether this browser can gzip in the page (`CompressionStream`).
pub fn gzip_available() -> bool {
    gzip_available_js()
}

/// Bytes of `bytes` after gzip at the browser's default level.
pub async fn gzip_size(bytes: &[u8]) -> Result<usize, String> {
    let n = gzip_size_js(bytes).await.map_err(|e| js_message(&e))?;
    n.as_f64()
        .map(|n| n as usize)
        .ok_or_else(|| "no size came back".into())
}

/// The app's own `.wasm` (see `appModuleUrl` in module.js), if the page can tell.
pub fn app_module_url() -> Option<String> {
    app_module_url_js()
}

/// The Compute tab's worker module, built next to index.html.
pub fn worker_module_url() -> Option<String> {
    beside_page("fib_worker_bg.wasm").ok()
}

/// The page itself (index.html), without its hash.
pub fn page_url() -> Option<String> {
    beside_page("").ok()
}

// ------------------------------------------------------------------ the engine's view

/// An import or export as `WebAssembly.Module.imports()`/`.exports()` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct EngineEntry {
    /// Imports only.
    #[serde(default)]
    pub module: String,
    pub name: String,
    /// `function`, `table`, `memory`, `global`, `tag`.
    pub kind: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct EngineView {
    pub imports: Vec<EngineEntry>,
    pub exports: Vec<EngineEntry>,
}

/// What the browser's engine says `bytes` imports and exports (it compiles them).
pub async fn engine_view(bytes: &[u8]) -> Result<EngineView, String> {
    let value = engine_view_js(bytes).await.map_err(|e| js_message(&e))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

// ------------------------------------------------------------------ the console

/// How long one evaluation may run before its worker is stopped.
pub const CONSOLE_TIMEOUT_MS: f64 = 1000.0;

/// A call from the module's side (or the person's code) to `alert` or `console.*`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LogEntry {
    /// `alert`, `console.log`, …
    pub via: String,
    /// Made by Rust through the glue's import shims (else by JavaScript).
    #[serde(default)]
    pub rust: bool,
    pub text: String,
    /// The evaluation it happened in (-1: the tutorial's snippet), if any.
    #[serde(default)]
    pub during: Option<i32>,
}

/// What the console tells the tab, besides results.
#[derive(Clone, Debug, PartialEq)]
pub enum ConsoleEvent {
    /// The module is loaded. `snippet_result`: what the snippet's `result` was, when
    /// the snippet ran; `names`: the functions the glue exports.
    Loaded {
        snippet_result: Option<Seen>,
        names: Vec<String>,
    },
    Failed(String),
    Log(LogEntry),
    /// The worker was replaced (after a timeout or a trap); the module is loading again.
    Restarted(String),
}

#[derive(Deserialize)]
struct RawEvent {
    op: String,
    #[serde(default)]
    result: Option<Seen>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// The outcome of one evaluation.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Outcome {
    #[serde(default)]
    pub ok: bool,
    pub value: Option<Seen>,
    /// `SyntaxError: …`, `TypeError: …`.
    pub error: Option<String>,
    /// The export calls made, in order (at most 20; `calls_dropped` more).
    #[serde(default)]
    pub calls: Vec<Call>,
    #[serde(default, rename = "callsDropped")]
    pub calls_dropped: u32,
    #[serde(default, rename = "logsDropped")]
    pub logs_dropped: u32,
    #[serde(default)]
    pub ms: f64,
    #[serde(default, rename = "timedOut")]
    pub timed_out: bool,
    #[serde(default)]
    pub trapped: bool,
}

/// The console: the hello module loaded in its own Web Worker. Dropping it stops the
/// worker.
pub struct Console {
    host: ConsoleHost,
    _on_event: Closure<dyn FnMut(JsValue)>,
}

impl Console {
    /// Starts the worker; with `run_snippet`, it first runs the tutorial's snippet
    /// (whose `await init()` loads the module), then takes the glue's exports.
    pub fn start(
        urls: &HelloUrls,
        run_snippet: bool,
        on_event: Rc<dyn Fn(ConsoleEvent)>,
    ) -> Console {
        let on_event = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            let event = match serde_wasm_bindgen::from_value::<RawEvent>(value.clone()) {
                Ok(raw) => match raw.op.as_str() {
                    "loaded" => ConsoleEvent::Loaded {
                        snippet_result: raw.result,
                        names: raw.names,
                    },
                    "log" => match serde_wasm_bindgen::from_value::<LogEntry>(value) {
                        Ok(entry) => ConsoleEvent::Log(entry),
                        Err(e) => ConsoleEvent::Failed(format!("an unreadable log entry: {e}")),
                    },
                    "restarted" => ConsoleEvent::Restarted(raw.reason.unwrap_or_default()),
                    _ => {
                        ConsoleEvent::Failed(raw.error.unwrap_or_else(|| "unknown failure".into()))
                    }
                },
                Err(e) => {
                    ConsoleEvent::Failed(format!("an unreadable message from the console: {e}"))
                }
            };
            on_event(event);
        });
        let host = ConsoleHost::new(
            run_snippet.then(|| urls.snippet.clone()),
            &urls.glue,
            CONSOLE_TIMEOUT_MS,
            on_event.as_ref().unchecked_ref(),
        );
        Console {
            host,
            _on_event: on_event,
        }
    }

    /// Evaluates what the person typed. The future does not borrow the console.
    pub fn evaluate(&self, code: &str) -> impl std::future::Future<Output = Outcome> + 'static {
        let promise = self.host.evaluate(code);
        async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(value) => serde_wasm_bindgen::from_value(value).unwrap_or_else(|e| Outcome {
                    error: Some(format!("an unreadable result: {e}")),
                    ..Outcome::default()
                }),
                Err(e) => Outcome {
                    error: Some(js_message(&e)),
                    ..Outcome::default()
                },
            }
        }
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        self.host.close();
    }
}

/// How many evaluations the consoles of this page have started (for tests: a link
/// must not start one).
pub fn evaluations_started() -> u32 {
    evaluations_started_js()
}

// ------------------------------------------------------------------ benchmark cases

/// One benchmark case run for the "when to use WASM" table.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseRun {
    pub name: String,
    pub label: String,
    /// Median per-iteration milliseconds: (WASM, JS).
    pub result: Result<(f64, f64), String>,
}

/// Every case name the tabs register, grouped as the Bench tab shows them. Builds the
/// cases (some allocate large inputs): call it only when checking names.
pub fn registered_case_names() -> Vec<String> {
    suite::groups()
        .into_iter()
        .flat_map(|g| g.cases().into_iter().map(|c| c.name))
        .collect()
}

/// Runs the cases named `names` with the shared harness, group by group, calling
/// `progress(done, total, label)` before each. Names no tab registers come back as
/// errors rather than being skipped in silence.
pub async fn run_cases(names: &[&str], progress: impl Fn(usize, usize, &str)) -> Vec<CaseRun> {
    let total = names.len();
    let mut runs: Vec<CaseRun> = Vec::new();
    for group in suite::groups() {
        let prefix = format!("{}/", group.tab);
        if !names.iter().any(|n| n.starts_with(&prefix)) {
            continue;
        }
        progress(
            runs.len(),
            total,
            &format!("preparing the inputs of {}", group.title),
        );
        bench::yield_now().await;
        let cases = group.cases();
        for name in names.iter().filter(|n| n.starts_with(&prefix)) {
            let Some(case) = cases.iter().find(|c| c.name == *name) else {
                continue;
            };
            progress(runs.len(), total, &case.label);
            bench::yield_now().await;
            let result = bench::run_case(case)
                .await
                .map(|r| (r.wasm.median_ms, r.js.median_ms));
            runs.push(CaseRun {
                name: case.name.clone(),
                label: case.label.clone(),
                result,
            });
        }
    }
    for name in names {
        if !runs.iter().any(|r| r.name == *name) {
            runs.push(CaseRun {
                name: name.to_string(),
                label: String::new(),
                result: Err("no tab registers a benchmark case by this name".into()),
            });
        }
    }
    progress(total, total, "");
    runs
}

/// Milliseconds from `performance.now()`.
pub fn now_ms() -> f64 {
    bench::now_ms()
}

/// Lets the page paint and take input before continuing.
pub async fn yield_now() {
    bench::yield_now().await;
}

/// Scrolls the element `id` into view inside its scrolling parent, if it is not.
pub fn reveal(id: &str) {
    if let Some(el) = super::dom::document().and_then(|d| d.get_element_by_id(id)) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
