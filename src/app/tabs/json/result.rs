//! The result column: stats, the tree and the output (pretty or minified, byte for
//! byte what `JSON.stringify` writes), with Copy and Download.

use std::rc::Rc;

use yew::prelude::*;

use super::document::{Outcome, Parsed};
use super::tree::JsonNode;
use crate::lab::fmt::{bytes, grouped};
use crate::lab::json::JsonStats;
use crate::web::dom;

/// Characters of output shown on the page (copy and download take all of it).
const PREVIEW: usize = 20_000;

#[derive(Clone, Copy, PartialEq)]
enum OutputKind {
    Minified,
    Pretty,
}

#[derive(Properties, PartialEq)]
pub struct ResultViewProps {
    pub outcome: Outcome,
}

#[component]
pub fn ResultView(props: &ResultViewProps) -> Html {
    match &props.outcome {
        Outcome::Ok(parsed) => html! { <ParsedView parsed={parsed.clone()} /> },
        _ => html! {
            <p class="note">{ "The tree, the stats and the output appear here when the document parses." }</p>
        },
    }
}

#[derive(Properties)]
struct ParsedViewProps {
    parsed: Rc<Parsed>,
}

impl PartialEq for ParsedViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.parsed, &other.parsed)
    }
}

#[component]
fn ParsedView(props: &ParsedViewProps) -> Html {
    let p = &props.parsed;
    let kind = use_state(|| OutputKind::Pretty);
    let status = use_state(|| None::<String>);
    // The indented view, unless it is too large to write: then the compact text.
    let too_large = *kind == OutputKind::Pretty && p.pretty.is_none();
    let text = match (*kind, &p.pretty) {
        (OutputKind::Pretty, Some(pretty)) => pretty.clone(),
        _ => p.minified.clone(),
    };
    let preview = use_memo(text.clone(), |text| -> AttrValue {
        text.chars().take(PREVIEW).collect::<String>().into()
    });
    let truncated = preview.len() < text.len();
    let copy = {
        let (text, status) = (text.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let (text, status) = (text.clone(), status.clone());
            yew::platform::spawn_local(async move {
                let ok = dom::copy_text(&text).await;
                status.set(Some(if ok {
                    "Copied.".into()
                } else {
                    "The browser refused the clipboard; use Download instead.".into()
                }));
            });
        })
    };
    let download = {
        let (text, status) = (text.clone(), status.clone());
        let name = if *kind == OutputKind::Pretty && !too_large {
            "document.json"
        } else {
            "document.min.json"
        };
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = dom::download(name, "application/json", text.as_bytes()) {
                status.set(Some(format!("Download failed: {e}")));
            }
        })
    };
    let pick = |choice: OutputKind| {
        let (kind, status) = (kind.clone(), status.clone());
        Callback::from(move |_: Event| {
            kind.set(choice);
            status.set(None);
        })
    };
    html! {
        <>
            <h3>{ "Stats" }</h3>
            { stats_view(&p.stats, p.bytes, p.minified.len()) }
            <h3>{ "Tree" }</h3>
            <ul class="json-tree" id="json-tree" aria-label="The document as a tree">
                <JsonNode doc={p.doc.clone()} path={Rc::new(Vec::new())} label={None::<AttrValue>} start_open={true} />
            </ul>
            <h3>{ "Output" }</h3>
            <div class="toolbar" role="radiogroup" aria-label="Output form">
                <label><input type="radio" name="json-out" id="json-out-pretty"
                    checked={*kind == OutputKind::Pretty} onchange={pick(OutputKind::Pretty)} />
                    { " pretty (2 spaces)" }</label>
                <label><input type="radio" name="json-out" id="json-out-min"
                    checked={*kind == OutputKind::Minified} onchange={pick(OutputKind::Minified)} />
                    { " minified" }</label>
                <button type="button" class="button" id="json-copy" onclick={copy}>{ "Copy" }</button>
                <button type="button" class="button" id="json-download" onclick={download}>{ "Download" }</button>
                <span class="status" aria-live="polite">{ (*status).clone().unwrap_or_default() }</span>
            </div>
            if too_large {
                <p class="note" id="json-pretty-too-large">{ format!(
                    "The indented view would be {}, too large to show here (indentation grows with every level of nesting); this is the compact JSON.",
                    bytes(p.pretty_bytes)
                ) }</p>
            }
            <p class="note">{ format!("{} — byte for byte what JSON.stringify writes for the same value (keys in source order).", bytes(text.len() as u64)) }</p>
            <pre class="output" id="json-output" tabindex="0" aria-label="Output JSON">{ (*preview).clone() }</pre>
            if truncated {
                <p class="note">{ format!("Showing the first {} characters; Copy and Download take all of it.", grouped(PREVIEW)) }</p>
            }
        </>
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
            { item("depth", grouped(s.depth)) }
            { item("values", grouped(s.values())) }
            { item("objects", grouped(s.objects)) }
            { item("arrays", grouped(s.arrays)) }
            { item("strings", grouped(s.strings)) }
            { item("numbers", grouped(s.numbers)) }
            { item("booleans", grouped(s.bools)) }
            { item("nulls", grouped(s.nulls)) }
            { item("keys", grouped(s.keys)) }
            { item("duplicate keys", grouped(s.duplicate_keys)) }
        </dl>
    }
}
