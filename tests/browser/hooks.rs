//! The app's custom hooks (`app::hooks`), each driven through a small component of its
//! own. The components hand their hook's handle to the test through a thread-local, so
//! the tests call `replace`, `run`, `start` and `cancel` exactly as a tab would.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::app::Route;
use wasm_playground::app::hooks::{
    Debouncer, FileText, FileTextError, QueryState, WorkerJobHandle, use_debounce, use_debounced,
    use_file_text, use_query_state, use_worker_job,
};
use wasm_playground::web::compute::{self, Job, WorkerMessage};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::support::*;

thread_local! {
    static QUERY: RefCell<Option<QueryState<ProbeQuery>>> = const { RefCell::new(None) };
    static DEBOUNCER: RefCell<Option<Debouncer>> = const { RefCell::new(None) };
    static WORKER: RefCell<Option<WorkerJobHandle>> = const { RefCell::new(None) };
    /// What the probes saw, in order.
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn log(line: impl Into<String>) {
    LOG.with_borrow_mut(|l| l.push(line.into()));
}

fn take_log() -> Vec<String> {
    LOG.with_borrow_mut(std::mem::take)
}

fn logged() -> Vec<String> {
    LOG.with_borrow(Clone::clone)
}

// ---- use_query_state

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct ProbeQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    word: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<u32>,
}

#[component]
fn QueryProbe() -> Html {
    let query = use_query_state::<ProbeQuery>(Route::Strings);
    QUERY.with_borrow_mut(|q| *q = Some(query.clone()));
    html! {
        <>
            <p id="word">{ query.word.clone().unwrap_or_default() }</p>
            <p id="n">{ query.n.map_or("none".to_string(), |n| n.to_string()) }</p>
        </>
    }
}

#[component]
fn QueryApp() -> Html {
    html! { <HashRouter><QueryProbe /></HashRouter> }
}

fn query() -> QueryState<ProbeQuery> {
    QUERY
        .with_borrow(|q| q.clone())
        .expect("the probe rendered")
}

#[wasm_bindgen_test]
async fn query_state_reads_the_link_and_tolerates_a_broken_one() {
    let app = Mounted::component::<QueryApp>("#/strings?word=hi&n=12").await;
    assert_eq!(text_of(&app, "#word"), "hi");
    assert_eq!(text_of(&app, "#n"), "12");
    // A followed link re-renders with the new query.
    set_hash("#/strings?word=again");
    settle().await;
    assert_eq!(text_of(&app, "#word"), "again");
    assert_eq!(text_of(&app, "#n"), "none");
    // A query that does not parse (n is not a number) reads as the default.
    set_hash("#/strings?word=hi&n=twelve");
    settle().await;
    assert_eq!(text_of(&app, "#word"), "");
    assert_eq!(text_of(&app, "#n"), "none");
}

#[wasm_bindgen_test]
async fn query_state_replaces_or_pushes_and_skips_what_the_url_already_says() {
    let app = Mounted::component::<QueryApp>("#/strings?word=hi").await;
    let wanted = ProbeQuery {
        word: Some("two words".into()),
        n: Some(7),
    };
    assert!(query().replace(wanted.clone()), "a new value is written");
    settle().await;
    assert!(hash().starts_with("#/strings?"), "{}", hash());
    assert!(hash().contains("n=7"), "{}", hash());
    assert_eq!(text_of(&app, "#word"), "two words");
    assert!(
        !query().replace(wanted.clone()),
        "the same value is not written again"
    );
    assert!(!query().push(wanted), "not even as a new entry");

    assert!(query().push(ProbeQuery {
        word: None,
        n: Some(8),
    }));
    settle().await;
    assert_eq!(hash(), "#/strings?n=8");
    assert_eq!(text_of(&app, "#n"), "8");
    // Twice in a row before a render: the second write compares with the first.
    assert!(query().replace(ProbeQuery::default()));
    assert!(query().replace(ProbeQuery {
        word: None,
        n: Some(8),
    }));
    settle().await;
    assert_eq!(hash(), "#/strings?n=8");

    // Back leaves the pushed entry for the replaced one, and the page follows.
    go_back();
    wait_until("Back to the replaced entry", || hash().contains("n=7")).await;
    settle().await;
    assert_eq!(text_of(&app, "#n"), "7");
    // The replace took the place of the entry the test opened: it is not behind it.
    go_back();
    wait_until("Back past the replaced entry", || !hash().contains("n=7")).await;
    assert_ne!(hash(), "#/strings?word=hi");
}

// ---- use_debounce / use_debounced

#[component]
fn DebounceProbe() -> Html {
    let text = use_state(String::new);
    let settled = use_debounced((*text).clone(), 100);
    let debounce = use_debounce(100);
    DEBOUNCER.with_borrow_mut(|d| *d = Some(debounce));
    use_effect_with(settled.clone(), |settled| {
        log(format!("settled {settled:?}"))
    });
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        text.set(input.value());
    });
    html! {
        <>
            <input id="typed" {oninput} />
            <p id="settled">{ settled }</p>
        </>
    }
}

fn debouncer() -> Debouncer {
    DEBOUNCER
        .with_borrow(|d| d.clone())
        .expect("the probe rendered")
}

#[wasm_bindgen_test]
async fn debounced_value_arrives_once_after_typing_pauses() {
    take_log();
    let app = Mounted::component::<DebounceProbe>("#/").await;
    for typed in ["a", "ab", "abc"] {
        type_into(&app, "#typed", typed);
        sleep_ms(20).await;
    }
    assert_eq!(text_of(&app, "#settled"), "", "still typing");
    sleep_ms(250).await;
    assert_eq!(text_of(&app, "#settled"), "abc");
    assert_eq!(take_log(), ["settled \"\"", "settled \"abc\""]);
    // Typing back to the settled value before the delay cancels the pending update.
    type_into(&app, "#typed", "abcd");
    type_into(&app, "#typed", "abc");
    sleep_ms(250).await;
    assert_eq!(take_log(), Vec::<String>::new());
}

#[wasm_bindgen_test]
async fn debounce_runs_the_last_call_and_cancel_forgets_it() {
    take_log();
    let app = Mounted::component::<DebounceProbe>("#/").await;
    take_log();
    let d = debouncer();
    for i in 1..=3 {
        d.run(move || log(format!("run {i}")));
    }
    assert!(d.is_pending());
    sleep_ms(250).await;
    assert_eq!(take_log(), ["run 3"]);
    assert!(!d.is_pending());

    d.run(|| log("cancelled"));
    assert!(d.cancel());
    assert!(!d.cancel(), "nothing left to cancel");
    sleep_ms(250).await;
    assert_eq!(take_log(), Vec::<String>::new());

    // A run may schedule the next one from inside its own callback.
    let again = d.clone();
    d.run(move || {
        log("first");
        again.run(|| log("second"));
    });
    sleep_ms(400).await;
    assert_eq!(take_log(), ["first", "second"]);

    // Unmounting drops a pending run.
    d.run(|| log("after unmount"));
    drop(app);
    sleep_ms(250).await;
    assert_eq!(take_log(), Vec::<String>::new());
}

// ---- use_worker_job

#[component]
fn WorkerProbe() -> Html {
    let worker = use_worker_job();
    WORKER.with_borrow_mut(|w| *w = Some(worker));
    html! { <p>{ "worker probe" }</p> }
}

fn worker() -> WorkerJobHandle {
    WORKER
        .with_borrow(|w| w.clone())
        .expect("the probe rendered")
}

fn start(n: u32) {
    worker().start(Job::Exact { n }, move |message| {
        log(match message {
            WorkerMessage::Progress { .. } => format!("{n}: progress"),
            WorkerMessage::Exact { digits, .. } => format!("{n}: {digits}"),
            WorkerMessage::Failed { message } => format!("{n}: failed: {message}"),
            other => format!("{n}: {other:?}"),
        })
    });
}

#[wasm_bindgen_test]
async fn a_worker_job_reports_progress_then_its_result_and_is_let_go() {
    compute::set_worker_url(Some(stand_in_worker_url()));
    take_log();
    let _app = Mounted::component::<WorkerProbe>("#/").await;
    start(10);
    assert!(worker().is_running());
    wait_until("the result", || logged().len() >= 2).await;
    assert_eq!(take_log(), ["10: progress", "10: 55"]);
    wait_until("the worker to be let go", || !worker().is_running()).await;
    compute::set_worker_url(None);
}

#[wasm_bindgen_test]
async fn a_cancelled_or_replaced_worker_job_says_nothing_more() {
    compute::set_worker_url(Some(stand_in_worker_url()));
    take_log();
    let _app = Mounted::component::<WorkerProbe>("#/").await;
    // 999,999: the stand-in spins after its first progress message until terminated.
    start(999_999);
    wait_until("the busy job's progress", || !logged().is_empty()).await;
    assert!(worker().cancel());
    assert!(!worker().is_running());
    assert!(!worker().cancel(), "nothing left to cancel");
    sleep_ms(300).await;
    assert_eq!(take_log(), ["999999: progress"]);

    // Starting again replaces the running job: only the new one reports.
    start(999_999);
    start(12);
    wait_until("the second job's result", || {
        logged().iter().any(|l| l == "12: 144")
    })
    .await;
    assert!(
        logged().iter().all(|l| l.starts_with("12: ")),
        "{:?}",
        logged()
    );
    take_log();
    compute::set_worker_url(None);
}

#[wasm_bindgen_test]
async fn unmounting_stops_the_worker_job() {
    compute::set_worker_url(Some(stand_in_worker_url()));
    take_log();
    let mut app = Mounted::component::<WorkerProbe>("#/").await;
    start(20);
    app.unmount();
    sleep_ms(500).await;
    assert_eq!(take_log(), Vec::<String>::new());
    compute::set_worker_url(None);
}

#[wasm_bindgen_test]
async fn a_worker_that_cannot_load_ends_in_failed() {
    compute::set_worker_url(Some("/no-such-worker.js".into()));
    take_log();
    let _app = Mounted::component::<WorkerProbe>("#/").await;
    start(30);
    wait_until("the failure", || !logged().is_empty()).await;
    let lines = take_log();
    assert!(lines[0].starts_with("30: failed: "), "{lines:?}");
    wait_until("the worker to be let go", || !worker().is_running()).await;
    compute::set_worker_url(None);
}

// ---- use_file_text

#[component]
fn FileProbe() -> Html {
    let onchange = use_file_text(
        16,
        Callback::from(|read: Result<FileText, FileTextError>| {
            log(match read {
                Ok(file) => format!("{}: {}", file.name, file.text),
                Err(why) => why.to_string(),
            })
        }),
    );
    html! { <input id="file" type="file" {onchange} /> }
}

#[wasm_bindgen_test]
async fn a_picked_file_is_read_as_text_and_the_input_cleared() {
    take_log();
    let app = Mounted::component::<FileProbe>("#/").await;
    pick_file(&app, "#file", "hello.txt", "text/plain", "héllo");
    wait_until("the text", || !logged().is_empty()).await;
    assert_eq!(take_log(), ["hello.txt: héllo"]);
    assert_eq!(
        value_of(&app, "#file"),
        "",
        "the same file can be picked again"
    );
}

#[wasm_bindgen_test]
async fn a_file_over_the_limit_is_refused_before_reading() {
    take_log();
    let app = Mounted::component::<FileProbe>("#/").await;
    pick_file(
        &app,
        "#file",
        "big.txt",
        "text/plain",
        "twenty bytes of text",
    );
    settle().await;
    assert_eq!(
        take_log(),
        ["“big.txt” is 20 B, more than the 16 B this page reads"]
    );
}

#[wasm_bindgen_test]
async fn only_the_latest_pick_reports_and_nothing_after_unmount() {
    take_log();
    let mut app = Mounted::component::<FileProbe>("#/").await;
    pick_file(&app, "#file", "first.txt", "text/plain", "one");
    pick_file(&app, "#file", "second.txt", "text/plain", "two");
    wait_until("the text", || !logged().is_empty()).await;
    settle().await;
    assert_eq!(take_log(), ["second.txt: two"]);

    pick_file(&app, "#file", "late.txt", "text/plain", "late");
    app.unmount();
    sleep_ms(200).await;
    assert_eq!(take_log(), Vec::<String>::new());
}
