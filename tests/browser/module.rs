//! The Module tab and its glue (`web::module`) in Firefox.
//!
//! The test runner serves its own page, not the build, so there is no `hello/` next to
//! it. The tests serve the hello module themselves, from blob URLs: the module and the
//! glue wasm-bindgen wrote for it are the committed fixtures (tests/fixtures/wasm,
//! copies of what examples/hello-wasm/build.sh makes), and the snippet is the very file
//! examples/hello-wasm/www/index.js. Two addresses are rewritten, each checked to occur
//! exactly once: the snippet's `./pkg/hello_wasm.js` becomes the glue's blob URL, and
//! the glue's own `new URL('hello_wasm_bg.wasm', import.meta.url)` (a relative
//! address, which a blob URL cannot resolve) becomes the module's blob URL. Everything
//! else runs as served: the snippet's `await init()` fetches and instantiates the
//! module, and the console calls the glue's exports. The release build, served under
//! its sub-path with the real files, is driven by e2e/tests/module.rs.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::lab::wasm::{self, boundary};
use wasm_playground::web::module::{
    self as glue, Console, ConsoleEvent, EngineEntry, HelloUrls, Outcome,
};

use crate::support::*;

const WASM: &[u8] = include_bytes!("../fixtures/wasm/hello_wasm_bg.wasm");
const GLUE: &str = include_str!("../fixtures/wasm/hello_wasm.js");
const SNIPPET: &str = include_str!("../../examples/hello-wasm/www/index.js");

fn blob_url(parts: &js_sys::Array, mime: &str) -> String {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(parts, &options).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
    text.replace(from, to)
}

/// The hello module served from blob URLs (see the module comment).
fn serve_hello() -> HelloUrls {
    let wasm = blob_url(
        &js_sys::Array::of1(&js_sys::Uint8Array::from(WASM)),
        "application/wasm",
    );
    let glue_text = replace_once(
        GLUE,
        "new URL('hello_wasm_bg.wasm', import.meta.url)",
        &format!("new URL({wasm:?})"),
    );
    let glue = blob_url(&js_sys::Array::of1(&glue_text.into()), "text/javascript");
    let snippet_text = replace_once(SNIPPET, "'./pkg/hello_wasm.js'", &format!("{glue:?}"));
    let snippet = blob_url(&js_sys::Array::of1(&snippet_text.into()), "text/javascript");
    HelloUrls {
        snippet,
        glue,
        wasm,
    }
}

/// A console on the served hello module, and every event it sent.
async fn console(run_snippet: bool) -> (Console, Rc<RefCell<Vec<ConsoleEvent>>>) {
    let events = Rc::new(RefCell::new(Vec::new()));
    let seen = events.clone();
    let console = Console::start(
        &serve_hello(),
        run_snippet,
        Rc::new(move |e| seen.borrow_mut().push(e)),
    );
    let loaded = |events: &RefCell<Vec<ConsoleEvent>>| {
        events
            .borrow()
            .iter()
            .any(|e| matches!(e, ConsoleEvent::Loaded { .. } | ConsoleEvent::Failed(_)))
    };
    wait_until("the console to load", || loaded(&events)).await;
    (console, events)
}

fn value(o: &Outcome) -> (String, String) {
    assert!(o.ok, "{o:?}");
    let v = o.value.clone().unwrap();
    (v.text, v.js_type)
}

fn notes(o: &Outcome) -> String {
    o.calls
        .iter()
        .flat_map(boundary::notes)
        .collect::<Vec<_>>()
        .join("\n")
}

fn logs(events: &RefCell<Vec<ConsoleEvent>>) -> Vec<(String, bool, String)> {
    events
        .borrow()
        .iter()
        .filter_map(|e| match e {
            ConsoleEvent::Log(l) => Some((l.via.clone(), l.rust, l.text.clone())),
            _ => None,
        })
        .collect()
}

/// The snippet file runs as written (its `await init()` loads the module) and its
/// `result` export, add(2, 3), is the number 5; its own console.log is from JS.
#[wasm_bindgen_test]
async fn the_tutorials_snippet_runs_and_returns_5() {
    let (_console, events) = console(true).await;
    let loaded = events.borrow().iter().find_map(|e| match e {
        ConsoleEvent::Loaded {
            snippet_result,
            names,
        } => Some((snippet_result.clone(), names.clone())),
        _ => None,
    });
    let (result, names) = loaded.expect("loaded, not failed");
    let result = result.expect("the snippet ran");
    assert_eq!(
        (result.text.as_str(), result.js_type.as_str()),
        ("5", "number")
    );
    assert_eq!(names, ["add", "fibonacci", "greet", "say_hello"]);
    assert_eq!(
        logs(&events),
        [(
            "console.log".to_string(),
            false,
            "add(2, 3) = 5".to_string()
        )]
    );
}

/// Values, their JS types and the notes on what crossed: i32 wraps, u64 is a BigInt,
/// strings are copied both ways; errors come back as text; Rust's console.log and
/// alert land in the log, marked as Rust's.
#[wasm_bindgen_test]
async fn console_calls_show_values_types_notes_and_errors() {
    let (console, events) = console(false).await;

    let o = console.evaluate("add(2147483647, 1)").await;
    assert_eq!(value(&o), ("-2147483648".into(), "number".into()));
    assert!(
        notes(&o).starts_with("i32 overflow: 2147483647 + 1"),
        "{}",
        notes(&o)
    );

    let o = console.evaluate("fibonacci(93)").await;
    assert_eq!(value(&o), ("12200160415121876738n".into(), "bigint".into()));
    assert!(notes(&o).contains("A u64 arrives as a BigInt"));

    let o = console.evaluate("greet(\"Ferris\")").await;
    assert_eq!(value(&o), ("\"Hello, Ferris!\"".into(), "string".into()));
    assert!(notes(&o).contains("from 6 UTF-16 code units to 6 UTF-8 bytes"));
    assert!(notes(&o).contains("The reply, 14 UTF-8 bytes"));

    let o = console.evaluate("say_hello(\"you\")").await;
    assert_eq!(value(&o), ("undefined".into(), "undefined".into()));
    wait_until("two log lines", || logs(&events).len() == 2).await;
    assert_eq!(
        logs(&events),
        [
            ("console.log".into(), true, "Hello, Ferris!".into()),
            ("alert".into(), true, "Hello from Rust, you!".into()),
        ]
    );

    let o = console.evaluate("add(2n, 3)").await;
    assert!(
        !o.ok && o.error.as_deref().unwrap_or("").starts_with("TypeError"),
        "{o:?}"
    );
    assert!(notes(&o).contains("a BigInt cannot become an i32"));
    let o = console.evaluate("add(").await;
    assert!(
        o.error.as_deref().unwrap_or("").starts_with("SyntaxError"),
        "{o:?}"
    );
    let o = console.evaluate("nope(1)").await;
    assert!(
        o.error
            .as_deref()
            .unwrap_or("")
            .starts_with("ReferenceError"),
        "{o:?}"
    );

    // Typed code cannot take the exports away from the next line.
    assert_eq!(value(&console.evaluate("add = 5").await).0, "5");
    assert_eq!(value(&console.evaluate("add(2, 2)").await).0, "4");
    // JavaScript's own console.log, called by the typed code, is JS's, not Rust's.
    console.evaluate("console.log('from JS')").await;
    wait_until("a third log line", || logs(&events).len() == 3).await;
    assert_eq!(
        logs(&events)[2],
        ("console.log".into(), false, "from JS".into())
    );
}

/// An endless loop is stopped after the timeout, and a fresh worker takes over; a trap
/// (a number where Rust expects a string) also gives a fresh instance.
#[wasm_bindgen_test]
async fn an_endless_loop_is_stopped_and_a_trap_is_survived() {
    let (console, events) = console(false).await;
    let t0 = glue::now_ms();
    let o = console.evaluate("while (true) {}").await;
    let waited = glue::now_ms() - t0;
    assert!(o.timed_out, "{o:?}");
    assert!(waited < glue::CONSOLE_TIMEOUT_MS + 2000.0, "{waited} ms");
    assert!(
        events
            .borrow()
            .iter()
            .any(|e| matches!(e, ConsoleEvent::Restarted(_)))
    );
    assert_eq!(value(&console.evaluate("add(1, 1)").await).0, "2");

    let o = console.evaluate("greet(5)").await;
    assert!(o.trapped, "{o:?}");
    assert!(notes(&o).contains("trapped"));
    let o = console.evaluate("greet(\"again\")").await;
    assert_eq!(value(&o).0, "\"Hello, again!\"");
}

/// A link, storage or anything but the person's own Enter never runs code: the app
/// opened at a hash full of code-looking parameters, with code in both storages,
/// evaluates nothing — while one typed line and Enter does evaluate (so the counter
/// would see it). The tab's real state in the URL (the hex offset) is honoured.
#[wasm_bindgen_test]
async fn a_url_cannot_make_the_console_run_code() {
    glue::set_hello_urls(Some(serve_hello()));
    let storage = |s: Option<web_sys::Storage>| s.unwrap();
    let window = web_sys::window().unwrap();
    for key in ["code", "console", "history", "wasm-playground:console"] {
        storage(window.local_storage().unwrap())
            .set_item(key, "window.__ran = 1")
            .unwrap();
        storage(window.session_storage().unwrap())
            .set_item(key, "window.__ran = 1")
            .unwrap();
    }
    let before = glue::evaluations_started();
    let app = Mounted::at(
        "#/module?code=window.__ran%3D1&eval=add(1,1)&input=greet(%22x%22)&history=while(true)%7B%7D&q=alert(1)&at=0x10",
    )
    .await;
    wait_until("the console to be ready", || {
        app.query("#console-state")
            .is_some_and(|e| e.text_content().unwrap_or_default().starts_with("Ready"))
    })
    .await;
    wait_until("the snippet's result", || {
        app.query("#snippet-result").is_some()
    })
    .await;
    settle().await;
    assert_eq!(app.get("#snippet-result").text_content().unwrap(), "5");
    assert_eq!(glue::evaluations_started(), before, "nothing was evaluated");
    assert!(app.query(".console-entry").is_none());
    let input: web_sys::HtmlInputElement = app.get("#console-input").dyn_into().unwrap();
    assert_eq!(input.value(), "");
    assert!(
        js_sys::Reflect::get(&window, &"__ran".into())
            .unwrap()
            .is_undefined()
    );
    // The offset in the URL is the tab's own, harmless state: it selects byte 16.
    assert_eq!(
        app.get("#hex-grid")
            .get_attribute("aria-activedescendant")
            .as_deref(),
        Some("hex-16")
    );

    // The person types a line and presses Enter: that, and only that, runs.
    input.set_value("add(40, 2)");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    let form: web_sys::HtmlFormElement = app.get(".console-form").dyn_into().unwrap();
    form.request_submit().unwrap();
    wait_until("the typed line's result", || {
        app.query(".console-entry output")
            .is_some_and(|o| o.text_content().unwrap_or_default() == "42")
    })
    .await;
    assert_eq!(glue::evaluations_started(), before + 1);
    for key in ["code", "console", "history", "wasm-playground:console"] {
        storage(window.local_storage().unwrap())
            .remove_item(key)
            .unwrap();
        storage(window.session_storage().unwrap())
            .remove_item(key)
            .unwrap();
    }
    drop(app);
    glue::set_hello_urls(None);
}

/// The hex grid is one tab stop driven by the keyboard, and writes its place to the URL.
#[wasm_bindgen_test]
async fn the_hex_view_follows_the_keyboard() {
    glue::set_hello_urls(Some(serve_hello()));
    let app = Mounted::at("#/module").await;
    wait_until("the hex view", || app.query("#hex-grid").is_some()).await;
    let grid = app.get("#hex-grid");
    let active = || {
        grid.get_attribute("aria-activedescendant")
            .unwrap_or_default()
    };
    assert_eq!(active(), "hex-0");
    assert!(app.text().contains("magic number"));
    grid.focus().unwrap();
    key_down(&grid, "ArrowRight");
    settle().await;
    assert_eq!(active(), "hex-1");
    key_down(&grid, "ArrowDown");
    settle().await;
    assert_eq!(active(), "hex-17");
    assert!(hash().contains("at=0x0011"), "{}", hash());
    key_down(&grid, "PageDown");
    settle().await;
    assert_eq!(active(), "hex-273");
    key_down(&grid, "End");
    settle().await;
    assert_eq!(active(), "hex-287");
    assert_eq!(
        app.get("#hex-287")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    drop(app);
    glue::set_hello_urls(None);
}

fn reader_entries(bytes: &[u8]) -> (Vec<EngineEntry>, Vec<EngineEntry>) {
    let info = wasm::inspect(bytes).unwrap();
    let entry = |module: &str, name: &str, kind: wasm::ExternKind| EngineEntry {
        module: module.into(),
        name: name.into(),
        kind: kind.js_kind().into(),
    };
    (
        info.module
            .imports
            .iter()
            .map(|i| entry(&i.module, &i.name, i.kind))
            .collect(),
        info.module
            .exports
            .iter()
            .map(|e| entry("", &e.name, e.kind))
            .collect(),
    )
}

/// lab::wasm lists the same imports and exports, in the same order, with the same
/// kinds, as the browser's WebAssembly.Module.imports()/exports(): for the hello module,
/// and for the module this page runs (here, the test runner's build of the crate).
#[wasm_bindgen_test]
async fn the_reader_agrees_with_the_engine_on_imports_and_exports() {
    let engine = glue::engine_view(WASM).await.unwrap();
    let (imports, exports) = reader_entries(WASM);
    assert_eq!(engine.imports, imports);
    assert_eq!(engine.exports, exports);
    assert!(
        exports
            .iter()
            .any(|e| e.name == "fibonacci" && e.kind == "function")
    );

    let url = glue::app_module_url().expect("the page's module is found");
    let bytes = glue::fetch_bytes(&url).await.unwrap();
    let engine = glue::engine_view(&bytes).await.unwrap();
    let (imports, exports) = reader_entries(&bytes);
    assert!(!imports.is_empty() && !exports.is_empty());
    assert_eq!(engine.imports, imports);
    assert_eq!(engine.exports, exports);
}

/// Every benchmark case the "when to use WASM" table names is one the tabs register:
/// a renamed case must not silently leave a line without evidence.
#[wasm_bindgen_test]
fn every_case_the_fit_table_names_is_registered() {
    let registered = glue::registered_case_names();
    for name in wasm::fit::all_cases() {
        assert!(
            registered.iter().any(|r| r == name),
            "{name} is not a registered case"
        );
    }
}
