//! "The bridge": the same document taken from JavaScript into Rust four ways and back,
//! each timed once and checked against the value `JSON.parse` gives.

use yew::prelude::*;

use super::editor::took;
use crate::lab::fmt::bytes;
use crate::web::json::{self as glue, PathReport};

/// The bridge parses the document six times or so, one path per step: kept to
/// documents where each step stays well under a second.
const BRIDGE_LIMIT: usize = 8 * 1024 * 1024;

#[derive(Properties, PartialEq)]
pub struct BridgeProps {
    /// The document's text (results for another text are not shown).
    pub text: AttrValue,
}

#[component]
pub fn BridgeSection(props: &BridgeProps) -> Html {
    // The text the result is for, and the result.
    let result = use_state(|| None::<(AttrValue, Result<Vec<PathReport>, String>)>);
    // While running: (path being run, paths in all).
    let progress = use_state(|| None::<(usize, usize)>);
    let run = {
        let (text, result, progress) = (props.text.clone(), result.clone(), progress.clone());
        Callback::from(move |_: MouseEvent| {
            if progress.is_some() {
                return;
            }
            progress.set(Some((0, 0)));
            let (text, result, progress) = (text.clone(), result.clone(), progress.clone());
            yew::platform::spawn_local(async move {
                let outcome = if text.len() > BRIDGE_LIMIT {
                    Err(format!(
                        "The bridge parses the document once per path; this page runs it on documents up to {} so that no step holds up the page for long ({} here).",
                        bytes(BRIDGE_LIMIT as u64),
                        bytes(text.len() as u64)
                    ))
                } else {
                    let step = progress.clone();
                    glue::run_bridge_stepwise(&text, move |done, total| {
                        step.set(Some((done, total)));
                    })
                    .await
                };
                result.set(Some((text, outcome)));
                progress.set(None);
            });
        })
    };
    let current = (*result)
        .as_ref()
        .filter(|(ran_on, _)| *ran_on == props.text)
        .map(|(_, outcome)| outcome);
    let busy = progress.is_some();
    html! {
        <section class="card" aria-labelledby="json-bridge-title">
            <h3 id="json-bridge-title">{ "The bridge: four ways into Rust, and back" }</h3>
            <ol>
                <li><strong>{ "Text → lab::json::parse. " }</strong>{ "The JS string (UTF-16) is encoded into WASM memory as UTF-8, one copy of the whole text, then parsed; to_json_string is copied back out and decoded into a JS string." }</li>
                <li><strong>{ "Text → serde_json. " }</strong>{ "The same copy, then serde_json builds a serde_json::Value; for the twitter sample also typed structs (#[derive(Deserialize)]), which skip every field they do not name." }</li>
                <li><strong>{ "JS object → serde-wasm-bindgen. " }</strong>{ "JSON.parse builds the object in JavaScript; from_value then walks it from Rust: no bulk copy, but one or more boundary calls per value and key, each string copied separately. to_value builds JS objects back, call by call." }</li>
                <li><strong>{ "JSON.parse alone. " }</strong>{ "The value never leaves JavaScript: the baseline every path is compared with." }</li>
            </ol>
            <p class="note">{ "Agreement compares canonical forms: keys sorted, the last of duplicate keys kept, numbers as JavaScript prints them. Known differences show here honestly: serde_json rejects lone surrogates (\\ud800), numbers beyond f64 (1e400) and nesting deeper than 128; lab::json turns a lone surrogate into U+FFFD." }</p>
            <div class="toolbar">
                <button type="button" class="button primary" id="json-bridge-run" onclick={run} disabled={busy}>
                    { if busy { "Running…" } else { "Run the four paths on this document" } }
                </button>
                if let Some((done, total)) = *progress {
                    if total > 0 {
                        <progress max={total.to_string()} value={done.to_string()} aria-label="Bridge progress" />
                        <span class="status" role="status">{ format!("Path {} of {total}…", (done + 1).min(total)) }</span>
                    }
                }
            </div>
            { match current {
                None => html! {},
                Some(Err(e)) => html! { <p class="field-error" id="json-bridge-error">{ e.clone() }</p> },
                Some(Ok(rows)) => results(rows),
            } }
        </section>
    }
}

fn results(rows: &[PathReport]) -> Html {
    let all_agree = rows
        .iter()
        .all(|r| r.agrees.is_ok() && r.round_trip.is_ok());
    html! {
        <>
            <p id="json-bridge-summary" class={if all_agree { "ok" } else { "bad" }}>
                { if all_agree { "✓ All paths give the same value, there and back." } else { "✗ Not every path agrees (details below)." } }
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Bridge results">
                <table class="bridge" id="json-bridge">
                    <thead><tr>
                        <th scope="col">{ "Path" }</th>
                        <th scope="col">{ "Into Rust" }</th>
                        <th scope="col">{ "Back to JS" }</th>
                        <th scope="col">{ "Same value as JSON.parse" }</th>
                        <th scope="col">{ "Round trip" }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(row) }
                    </tbody>
                </table>
            </div>
            <p class="note">{ "Times are one run each, on this document; the first run includes warming up. The benchmark below measures properly." }</p>
        </>
    }
}

fn mark(r: &Result<(), String>) -> Html {
    match r {
        Ok(()) => html! { <span class="ok" role="img" aria-label="agrees">{ "✓" }</span> },
        Err(e) => html! {
            <>
                <span class="bad" role="img" aria-label="differs">{ "✗" }</span>
                <span class="detail">{ e.clone() }</span>
            </>
        },
    }
}

fn row(r: &PathReport) -> Html {
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
