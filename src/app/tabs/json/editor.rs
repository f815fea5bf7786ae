//! The document column: samples, a file picker, the text box (or, for a document too
//! large for one, its first lines and a choice), the error with a caret under it, and
//! the parse status.

use yew::prelude::*;

use super::document::{AUTO_PARSE_LIMIT, Document, EDITOR_LIMIT, MAX_SIZE, Outcome};
use crate::app::hooks::{FileText, FileTextError, use_file_text};
use crate::app::widgets::ErrorText;
use crate::lab::fmt::{about_duration, bytes, count, duration_ms, grouped};
use crate::lab::json::head;
use crate::web::bench::yield_now;
use crate::web::{dom, json as glue};

/// The samples, by the name `?doc=` uses, with their button labels.
pub const SAMPLE_BUTTONS: [(&str, &str); 4] = [
    ("small", "small"),
    ("canada", "canada (numbers)"),
    ("citm", "citm (objects)"),
    ("twitter", "twitter (strings)"),
];
/// Lines of a large document shown in place of the text box.
const HEAD_LINES: usize = 30;
const HEAD_WIDTH: usize = 160;
/// What laying out a text box costs, per MiB of text, on a fast computer (Firefox
/// takes about 5 s for 20 MiB; a slow one takes several times longer).
const TEXT_BOX_MS_PER_MIB: f64 = 250.0;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub document: Document,
    /// A sample button was pressed (the tab loads it and puts it in the link).
    pub on_sample: Callback<&'static str>,
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let document = &props.document;
    let load_error = use_state(|| None::<String>);
    // The person chose to edit a large document in the text box anyway.
    let edit_large = use_state(|| false);

    // Anything loaded whole (a file, a large paste, Clear) starts out of the text box
    // when it is large, whatever was chosen for the document before.
    let load = {
        let (load, load_error, edit_large) = (
            document.load.clone(),
            load_error.clone(),
            edit_large.clone(),
        );
        Callback::from(move |text: String| {
            load_error.set(None);
            edit_large.set(false);
            load.emit(text);
        })
    };
    let on_file = use_file_text(MAX_SIZE as u64, {
        let (load, load_error) = (load.clone(), load_error.clone());
        Callback::from(move |read: Result<FileText, FileTextError>| {
            match read {
            Ok(file) => load.emit(file.text),
            Err(FileTextError::TooLarge { name, size, max }) => load_error.set(Some(format!(
                "“{name}” is {}: this page handles documents up to {} (it keeps the text, the tree and the outputs in memory at once).",
                bytes(size),
                bytes(max)
            ))),
            Err(unreadable) => load_error.set(Some(format!("{unreadable}."))),
        }
        })
    });
    let sample = |name: &'static str| {
        let (on_sample, load_error, edit_large) = (
            props.on_sample.clone(),
            load_error.clone(),
            edit_large.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            load_error.set(None);
            edit_large.set(false);
            on_sample.emit(name);
        })
    };
    let on_input = {
        let edit = document.edit.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(text) = dom::event_value(&e) {
                edit.emit(text);
            }
        })
    };
    let on_paste = {
        let load = load.clone();
        Callback::from(move |e: Event| {
            if let Some(text) = glue::take_large_paste(&e, EDITOR_LIMIT) {
                load.emit(text);
            }
        })
    };

    let (message, excerpt) = match &document.outcome {
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
    let invalid = message.is_some();
    let in_box = document.text.len() <= EDITOR_LIMIT || *edit_large;

    html! {
        <div class="card">
            <h3>{ "Document" }</h3>
            <div class="toolbar" role="group" aria-label="Load a document">
                <span>{ "Samples:" }</span>
                { for SAMPLE_BUTTONS.iter().map(|&(name, label)| html! {
                    <button type="button" class="button" id={format!("json-sample-{name}")}
                            onclick={sample(name)}>{ label }</button>
                }) }
                <label class="file-label">{ "Load a file: " }
                    <input type="file" id="json-file" accept=".json,application/json,text/plain" onchange={on_file} />
                </label>
            </div>
            if in_box {
                <label for="json-input">{ "JSON text" }</label>
                <textarea id="json-input" class="json-editor" spellcheck="false"
                    autocomplete="off"
                    aria-describedby="json-error"
                    aria-invalid={invalid.to_string()}
                    value={document.text.clone()} oninput={on_input} onpaste={on_paste} />
            } else {
                <LargeText text={document.text.clone()}
                           on_edit={let edit_large = edit_large.clone(); Callback::from(move |()| edit_large.set(true))}
                           on_clear={let load = load.clone(); Callback::from(move |()| load.emit(String::new()))} />
            }
            <ErrorText id="json-error" {message} />
            if let Some((line, caret)) = excerpt {
                <pre class="error-excerpt" id="json-error-excerpt" tabindex="0"
                     aria-label="The line with the error, a caret under the character">
                    { line }{ "\n" }<span class="caret">{ format!("{}^", " ".repeat(caret)) }</span>
                </pre>
            }
            <p class="status" id="json-status">{ status(&document.outcome, &document.parse) }</p>
        </div>
    }
}

fn status(outcome: &Outcome, parse: &Callback<()>) -> Html {
    match outcome {
        Outcome::Empty => html! { "Type or paste JSON, or load a sample." },
        Outcome::Waiting(n) => html! {
            <>
                { format!("{} is above {}: parsing as you type is off. ", bytes(*n as u64), bytes(AUTO_PARSE_LIMIT as u64)) }
                <button type="button" class="button primary" id="json-parse"
                        onclick={parse.reform(|_: MouseEvent| ())}>{ "Parse" }</button>
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
    }
}

/// A single timing for people; browsers round `performance.now()` (Firefox to 1 ms).
pub fn took(ms: f64) -> String {
    if ms < 1.0 {
        "under 1 ms".into()
    } else {
        duration_ms(ms)
    }
}

#[derive(Properties, PartialEq)]
struct LargeTextProps {
    text: AttrValue,
    /// Put it into the text box after all.
    on_edit: Callback<()>,
    /// Start again with an empty text box.
    on_clear: Callback<()>,
}

/// In place of the text box, for a document above [`EDITOR_LIMIT`]: what it is, its
/// first lines, and the choice to edit it in the text box anyway (saying how long that
/// holds up the page) or to clear it.
#[component]
fn LargeText(props: &LargeTextProps) -> Html {
    let head = use_memo(props.text.clone(), |text| {
        head(text, HEAD_LINES, HEAD_WIDTH)
    });
    let moving = use_state(|| false);
    let size = bytes(props.text.len() as u64);
    let wait = about_duration(props.text.len() as f64 / (1024.0 * 1024.0) * TEXT_BOX_MS_PER_MIB);
    let edit = {
        let (on_edit, moving) = (props.on_edit.clone(), moving.clone());
        Callback::from(move |_: MouseEvent| {
            moving.set(true);
            let on_edit = on_edit.clone();
            // Let "Putting it into the text box…" paint before the page is held up.
            yew::platform::spawn_local(async move {
                yield_now().await;
                yield_now().await;
                on_edit.emit(());
            });
        })
    };
    html! {
        <div class="large-doc" id="json-large">
            <p class="notice">
                { format!("This document is {size} in {}: too large for the text box, so it is kept in memory \
                           (laying out a text box that size holds up the page for {wait} or more, each time it \
                           changes). The stats, the tree and the output use all of it.",
                          count(head.total, "line", "lines")) }
            </p>
            <pre class="json-head" id="json-head" tabindex="0" aria-label="The first lines of the document">
                { head.text.clone() }
            </pre>
            <p class="note">{ format!("The first {} of {}.", grouped(head.shown), count(head.total, "line", "lines")) }</p>
            <div class="toolbar">
                <button type="button" class="button" id="json-edit-anyway" onclick={edit}
                        disabled={*moving} aria-busy={moving.to_string()}>
                    { if *moving { "Putting it into the text box…".to_string() }
                      else { format!("Edit in the text box anyway (the page waits {wait} or more)") } }
                </button>
                <button type="button" class="button" id="json-clear"
                        onclick={props.on_clear.reform(|_: MouseEvent| ())}>{ "Clear" }</button>
            </div>
        </div>
    }
}
