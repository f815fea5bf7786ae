//! How the console shows things: the snippet's result, each entry with its notes on
//! what crossed the boundary, and the log of calls into JavaScript.

use std::rc::Rc;

use yew::prelude::*;

use super::console::Entry;
use super::fmt::duration_ms;
use crate::lab::wasm::boundary::{self, Seen};
use crate::web::module::{CONSOLE_TIMEOUT_MS, LogEntry};

#[derive(Properties, PartialEq)]
pub struct SnippetProps {
    pub result: Option<Result<Seen, String>>,
}

/// What `index.js` exported as `result` after running.
#[component]
pub fn Snippet(props: &SnippetProps) -> Html {
    let body = match &props.result {
        None => html! { { "Running index.js…" } },
        Some(Ok(seen)) => html! {
            <>
                { "index.js ran: " }<code>{ "add(2, 3)" }</code>{ " returned " }
                <output id="snippet-result" class="value">{ seen.text.clone() }</output>
                <span class="js-type">{ format!(" ({})", seen.js_type) }</span>
                { ". Its console.log line is in the log below." }
            </>
        },
        Some(Err(e)) => html! {
            <span class="error" id="snippet-error">{ format!("index.js could not run: {e}") }</span>
        },
    };
    html! { <p class="snippet-run" role="status">{ body }</p> }
}

#[derive(Properties, PartialEq)]
pub struct EntryProps {
    pub entry: Entry,
}

/// One line typed, and what came back.
#[component]
pub fn EntryView(props: &EntryProps) -> Html {
    let e = &props.entry;
    let result = match &e.outcome {
        None => html! { <p class="result pending">{ "running…" }</p> },
        Some(o) if o.timed_out => html! {
            <p class="result error">
                { format!(
                    "Stopped after {}: it was still running (a loop that does not end, or a very large n). \
                     The console's worker was stopped and a fresh copy of the module loaded; this page never waited.",
                    duration_ms(CONSOLE_TIMEOUT_MS)
                ) }
            </p>
        },
        Some(o) if o.ok => {
            let v = o.value.clone().unwrap_or_default();
            // `undefined` is its own type: say it once.
            let ty = (v.js_type != v.text).then(|| format!(" {}", v.js_type));
            html! {
                <p class="result">
                    <span class="arrow" aria-hidden="true">{ "← " }</span>
                    <output class="value">{ v.text }</output>
                    if let Some(ty) = ty { <span class="js-type">{ ty }</span> }
                    if o.ms > 0.0 { <span class="ms">{ format!(" · {}", duration_ms(o.ms)) }</span> }
                </p>
            }
        }
        Some(o) => {
            let error = o.error.clone().unwrap_or_else(|| "failed".into());
            html! {
                <p class="result error">
                    <span class="error-text">{ error.clone() }</span>
                    if let Some(hint) = hint(&error) {
                        <span class="hint">{ format!(" — {hint}") }</span>
                    }
                </p>
            }
        }
    };
    let notes: Vec<String> = e
        .outcome
        .iter()
        .flat_map(|o| {
            // The same note for each of many calls is said once.
            let mut n: Vec<String> = Vec::new();
            for note in o.calls.iter().flat_map(boundary::notes) {
                if !n.contains(&note) {
                    n.push(note);
                }
            }
            if o.calls_dropped > 0 {
                n.push(format!("…and {} more calls, not listed.", o.calls_dropped));
            }
            if o.logs_dropped > 0 {
                n.push(format!("{} more log lines were not shown.", o.logs_dropped));
            }
            n
        })
        .collect();
    html! {
        <li class="console-entry">
            <p class="typed"><span class="prompt" aria-hidden="true">{ "› " }</span><code>{ e.code.clone() }</code></p>
            { result }
            if !notes.is_empty() {
                <ul class="crossing" aria-label="What crossed the boundary">
                    { for notes.into_iter().map(|n| html! { <li>{ n }</li> }) }
                </ul>
            }
        </li>
    }
}

/// A kind word for the errors people meet first.
fn hint(error: &str) -> Option<&'static str> {
    if error.starts_with("ReferenceError") {
        Some(
            "the console knows the module's exports (add, fibonacci, greet, say_hello) and JavaScript's own globals",
        )
    } else if error.starts_with("SyntaxError") {
        Some("that is not valid JavaScript; an expression such as add(2, 3) is enough")
    } else if error.contains("BigInt") {
        Some("an i32 parameter takes a number, not a BigInt: write 2, not 2n")
    } else if error.starts_with("RuntimeError") {
        Some("the module trapped, so the console loaded a fresh copy")
    } else {
        None
    }
}

#[derive(Properties, PartialEq)]
pub struct CallLogProps {
    /// Each line with how many times in a row it came.
    pub entries: Rc<Vec<(LogEntry, u32)>>,
    pub dropped: usize,
}

/// Calls to alert() and console.log(), shown here instead of a dialog or devtools.
#[component]
pub fn CallLog(props: &CallLogProps) -> Html {
    html! {
        <div class="call-log">
            <h4 id="call-log-title">{ "Calls into JavaScript" }</h4>
            <p class="note">
                { "The glue looks up alert and console.log when Rust calls them; in the console's worker both write here. \
                   Rust's message is UTF-8 in the module's memory: the glue decodes it into a JS string before the call." }
            </p>
            if props.entries.is_empty() {
                <p class="note" id="call-log-empty">{ "Nothing yet. greet(\"Ferris\") makes Rust call console.log; say_hello(\"you\") calls alert." }</p>
            } else {
                <ol class="log-lines" id="call-log" aria-labelledby="call-log-title">
                    if props.dropped > 0 {
                        <li class="note">{ format!("({} older lines dropped)", props.dropped) }</li>
                    }
                    { for props.entries.iter().map(|(l, n)| html! {
                        <li class={classes!("log-line", l.rust.then_some("from-rust"))}>
                            <span class="who">{ if l.rust { "Rust → " } else { "JS → " } }</span>
                            <code class="via">{ l.via.clone() }</code>
                            <span class="when">{ match l.during {
                                Some(-1) => " (index.js)".to_string(),
                                _ => String::new(),
                            } }</span>
                            { ": " }<span class="text">{ l.text.clone() }</span>
                            if *n > 1 { <span class="times">{ format!(" ×{n}") }</span> }
                        </li>
                    }) }
                </ol>
            }
        </div>
    }
}
