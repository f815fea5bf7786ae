//! Section 2: the tutorial's page script run as written, then a console over the
//! module's exports, with Rust's calls into JavaScript in an on-page log.
//!
//! Safety: the console evaluates only the text of its own input, when the person
//! submits the form (Enter, or the button). Nothing from the URL, storage or any
//! other page feeds it, and its history lives in this component's memory only. The
//! evaluation itself runs in a Web Worker (see `web/js/module.js`): it cannot touch
//! this page, and an endless loop is stopped after a second.

use std::rc::Rc;

use yew::prelude::*;

use super::console_view::{CallLog, EntryView, Snippet};
use crate::app::widgets::SourceView;
use crate::lab::wasm::boundary::Seen;
use crate::web::module::{self as glue, Console, ConsoleEvent, LogEntry, Outcome};

/// Log lines kept; older ones are dropped (and counted).
const LOG_KEEP: usize = 200;
/// Console entries kept on the page.
const HISTORY_KEEP: usize = 100;

/// One thing typed and what came of it (`None` while it runs).
#[derive(Clone, PartialEq)]
pub struct Entry {
    pub id: u32,
    pub code: String,
    pub outcome: Option<Outcome>,
}

/// Where the module stands in the console's worker.
#[derive(Clone, PartialEq)]
pub enum Status {
    Loading,
    Ready { names: Vec<String> },
    Restarting(String),
    Failed(String),
}

pub const EXAMPLES: &[&str] = &[
    "add(2, 3)",
    "add(2147483647, 1)",
    "fibonacci(93)",
    "fibonacci(94)",
    "greet(\"Ferris\")",
    "greet(\"héllo 🦀\")",
    "say_hello(\"you\")",
    "add(2n, 3)",
    "fibonacci(-1)",
];

#[component]
pub fn ConsoleSection() -> Html {
    let console = use_mut_ref(|| None::<Rc<Console>>);
    let status = use_state(|| Status::Loading);
    let snippet = use_state(|| None::<Result<Seen, String>>);
    let log = use_reducer(LogState::default);
    let entries = use_state(Vec::<Entry>::new);
    let next_id = use_mut_ref(|| 1u32);
    {
        let (console, status, snippet, log) = (
            console.clone(),
            status.clone(),
            snippet.clone(),
            log.clone(),
        );
        use_effect_with((), move |_| {
            let on_event: Rc<dyn Fn(ConsoleEvent)> = Rc::new(move |event| match event {
                ConsoleEvent::Loaded {
                    snippet_result,
                    names,
                } => {
                    if let Some(result) = snippet_result {
                        snippet.set(Some(Ok(result)));
                    }
                    status.set(Status::Ready { names });
                }
                ConsoleEvent::Failed(e) => {
                    if snippet.is_none() {
                        snippet.set(Some(Err(e.clone())));
                    }
                    status.set(Status::Failed(e));
                }
                ConsoleEvent::Log(entry) => log.dispatch(entry),
                ConsoleEvent::Restarted(why) => status.set(Status::Restarting(why)),
            });
            match glue::hello_urls() {
                Ok(urls) => {
                    *console.borrow_mut() = Some(Rc::new(Console::start(&urls, true, on_event)))
                }
                Err(e) => on_event(ConsoleEvent::Failed(e)),
            }
            // Leaving the tab stops the worker.
            move || drop(console.borrow_mut().take())
        });
    }

    let busy = entries.last().is_some_and(|e| e.outcome.is_none());
    let on_run = {
        let (console, entries, next_id) = (console.clone(), entries.clone(), next_id.clone());
        Callback::from(move |code: String| {
            let Some(console) = console.borrow().clone() else {
                return;
            };
            let id = {
                let mut n = next_id.borrow_mut();
                *n += 1;
                *n - 1
            };
            let mut list = (*entries).clone();
            list.push(Entry {
                id,
                code: code.clone(),
                outcome: None,
            });
            let drop_n = list.len().saturating_sub(HISTORY_KEEP);
            list.drain(..drop_n);
            entries.set(list.clone());
            let entries = entries.clone();
            let pending = console.evaluate(&code);
            yew::platform::spawn_local(async move {
                let outcome = pending.await;
                if let Some(e) = list.iter_mut().find(|e| e.id == id) {
                    e.outcome = Some(outcome);
                }
                entries.set(list);
            });
        })
    };
    let history: Rc<Vec<String>> = Rc::new(entries.iter().map(|e| e.code.clone()).collect());

    html! {
        <section aria-labelledby="console-title">
            <h3 id="console-title">{ "2. Loaded and called the way the tutorial says" }</h3>
            <p>
                { "A page loads the module with three lines of JavaScript: import the glue, " }<code>{ "await init()" }</code>
                { " (which fetches and instantiates the .wasm), call an export. This is that script, as the build serves it next \
                   to the page; the console below runs it as written and shows what it returned." }
            </p>
            <SourceView path="examples/hello-wasm/www/index.js" summary="index.js: the tutorial's page script" open=true />
            <Snippet result={(*snippet).clone()} />
            <h4 id="console-heading">{ "Call it yourself" }</h4>
            <p class="note">
                { "Type a JavaScript expression over the module's exports and press Enter. It runs in a Web Worker with its own \
                   copy of the module: it cannot reach this page, a loop that does not end is stopped after a second, and what \
                   you type is kept in this page's memory only — never in the address or in storage, so a shared link cannot run code." }
            </p>
            <ConsoleForm status={(*status).clone()} {busy} {on_run} {history} />
            <ol class="console-entries" id="console-entries" aria-labelledby="console-heading" aria-live="polite">
                { for entries.iter().map(|e| html! { <EntryView key={e.id} entry={e.clone()} /> }) }
            </ol>
            <CallLog entries={log.entries.clone()} dropped={log.dropped} />
            <SourceView path="src/lab/wasm/boundary.rs" region="to-int32" summary="Show the Rust: what ToInt32 does to a number" />
        </section>
    }
}

/// The on-page log: a line repeated in a row is counted, not repeated; kept short,
/// oldest dropped first.
#[derive(Default, PartialEq)]
struct LogState {
    entries: Rc<Vec<(LogEntry, u32)>>,
    dropped: usize,
}

impl Reducible for LogState {
    type Action = LogEntry;
    fn reduce(self: Rc<Self>, entry: LogEntry) -> Rc<Self> {
        let mut entries = (*self.entries).clone();
        match entries.last_mut() {
            Some((last, n)) if *last == entry => *n += 1,
            _ => entries.push((entry, 1)),
        }
        let over = entries.len().saturating_sub(LOG_KEEP);
        entries.drain(..over);
        Rc::new(LogState {
            entries: Rc::new(entries),
            dropped: self.dropped + over,
        })
    }
}

#[derive(Properties, PartialEq)]
struct ConsoleFormProps {
    status: Status,
    busy: bool,
    on_run: Callback<String>,
    history: Rc<Vec<String>>,
}

/// The input: Enter (or the button) runs it; Up and Down recall earlier lines.
#[component]
fn ConsoleForm(props: &ConsoleFormProps) -> Html {
    let text = use_state(String::new);
    // Position while walking back through the history (None: the line being typed).
    let recall = use_state(|| None::<usize>);
    let message = use_state(|| None::<String>);
    let ready = matches!(props.status, Status::Ready { .. });

    let oninput = {
        let (text, recall) = (text.clone(), recall.clone());
        Callback::from(move |e: InputEvent| {
            text.set(crate::web::dom::event_value(&e).unwrap_or_default());
            recall.set(None);
        })
    };
    let onsubmit = {
        let (text, recall, message) = (text.clone(), recall.clone(), message.clone());
        let (on_run, busy) = (props.on_run.clone(), props.busy);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let code = text.trim().to_string();
            if code.is_empty() {
                message.set(Some(
                    "Type an expression first, for example add(2, 3).".into(),
                ));
            } else if busy {
                message.set(Some("The previous line is still running.".into()));
            } else if !ready {
                message.set(Some("The module is not loaded in the console yet.".into()));
            } else {
                message.set(None);
                on_run.emit(code);
                text.set(String::new());
                recall.set(None);
            }
        })
    };
    let onkeydown = {
        let (text, recall, history) = (text.clone(), recall.clone(), props.history.clone());
        Callback::from(move |e: KeyboardEvent| {
            let n = history.len();
            let next = match (e.key().as_str(), *recall) {
                ("ArrowUp", None) if n > 0 => Some(n - 1),
                ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                ("ArrowDown", Some(i)) if i + 1 < n => Some(i + 1),
                ("ArrowDown", Some(_)) => {
                    e.prevent_default();
                    recall.set(None);
                    text.set(String::new());
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            if let Some(i) = next {
                text.set(history[i].clone());
                recall.set(Some(i));
            }
        })
    };
    let example = |code: &'static str| {
        let (text, recall) = (text.clone(), recall.clone());
        Callback::from(move |_: MouseEvent| {
            // Fills the input only: running it is still the person's Enter.
            text.set(code.to_string());
            recall.set(None);
            crate::web::dom::focus_by_id("console-input");
        })
    };
    let state = match &props.status {
        Status::Loading => "Loading the module in the console…".to_string(),
        Status::Ready { names } => format!("Ready. In scope: {}.", names.join(", ")),
        Status::Restarting(why) => format!("{why}: loading a fresh copy of the module…"),
        Status::Failed(e) => format!("The console cannot run: {e}"),
    };
    html! {
        <form class="console-form" {onsubmit} aria-describedby="console-state console-error">
            <label for="console-input">{ "JavaScript" }</label>
            <div class="console-line">
                <span class="prompt" aria-hidden="true">{ "›" }</span>
                <input id="console-input" type="text" value={(*text).clone()} {oninput} {onkeydown}
                       autocomplete="off" autocapitalize="off" spellcheck="false"
                       placeholder="add(2147483647, 1)" />
                <button type="submit" class="button primary" disabled={props.busy}>{ "Run" }</button>
            </div>
            <p id="console-state" class={classes!("note", matches!(props.status, Status::Failed(_)).then_some("error"))}
               role="status">{ state }</p>
            <crate::app::widgets::ErrorText id="console-error" message={(*message).clone()} />
            <div class="chips" role="group" aria-label="Examples (fill the input)">
                <span class="chips-label">{ "Try:" }</span>
                { for EXAMPLES.iter().map(|code| html! {
                    <button type="button" class="button chip" onclick={example(code)}>{ *code }</button>
                }) }
            </div>
        </form>
    }
}
