//! UTF-8 in Rust, UTF-16 in JavaScript: the same text counted three ways, and what it
//! costs to move a megabyte of it across the boundary.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::app::widgets::{BenchPanel, SourceView};
use crate::lab::text;
use crate::web::strings as glue;

const SAMPLES: &[(&str, &str)] = &[
    ("ASCII", "hello, world"),
    ("accents", "Grüße, café, naïve"),
    ("emoji", "I ❤️ Rust 🦀 and 👩‍👩‍👧"),
    ("RTL", "שלום עולם — مرحبا بالعالم"),
    ("NUL", "before\u{0}after"),
    ("invisible", "zero\u{200B}width and no\u{A0}break"),
    ("combining", "e\u{301} vs \u{E9}"),
    (
        "Trojan Source",
        "access = \"user\u{202E} \u{2066}// admin\u{2069} \u{2066}\"",
    ),
];

#[component]
pub fn BoundarySection() -> Html {
    let value = use_state(|| AttrValue::from("Grüße 😀 مرحبا"));
    let stats = use_memo(value.clone(), |v| text::text_stats(v));
    let js_len = use_memo(value.clone(), |v| glue::js_length(v));
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            value.set(area.value().into());
        })
    };
    let make_cases = Callback::from(|_: ()| glue::bench_cases());
    let notes = stats.describe();
    let js_agrees = *js_len as usize == stats.utf16_units;

    html! {
        <section class="card" aria-labelledby="boundary-title">
            <h3 id="boundary-title">{ "The boundary: UTF-8 bytes and UTF-16 units" }</h3>
            <div class="split">
                <div>
                    <div class="field">
                        <label for="boundary-input">{ "Any text" }</label>
                        <textarea id="boundary-input" rows="4" spellcheck="false"
                                  value={(*value).clone()} {oninput} />
                    </div>
                    <div class="chips" role="group" aria-label="Example texts">
                        <span class="chips-label">{ "Try:" }</span>
                        { for SAMPLES.iter().map(|(name, sample)| {
                            let value = value.clone();
                            let onclick = Callback::from(move |_: MouseEvent| value.set((*sample).into()));
                            html! { <button type="button" class="button" {onclick}>{ *name }</button> }
                        }) }
                    </div>
                    <p class="note">
                        { "To hand this text to Rust, wasm-bindgen encodes the JavaScript string into UTF-8 in \
                           WASM memory (TextEncoder.encodeInto); a returned String is decoded back into a new \
                           JavaScript string (TextDecoder). Both are copies, proportional to the length." }
                    </p>
                </div>
                <div aria-live="polite">
                    <dl class="stats" id="boundary-stats">
                        <div><dt>{ "Characters" }</dt><dd id="stat-chars">{ stats.chars }
                            <small>{ "Rust s.chars().count()" }</small></dd></div>
                        <div><dt>{ "UTF-8 bytes" }</dt><dd id="stat-bytes">{ stats.utf8_bytes }
                            <small>{ "Rust s.len(), in WASM memory" }</small></dd></div>
                        <div><dt>{ "UTF-16 units" }</dt><dd id="stat-units">{ stats.utf16_units }
                            <small>{ format!("JavaScript s.length = {}{}", js_len, if js_agrees { " ✓" } else { " ✗" }) }</small></dd></div>
                    </dl>
                    <p class="note">{ format!(
                        "{} line(s), {} non-ASCII, {} outside the BMP.",
                        stats.lines, stats.non_ascii, stats.astral
                    ) }</p>
                    if !notes.is_empty() {
                        <ul class="notes" id="boundary-notes">
                            { for notes.iter().map(|n| html! { <li>{ n }</li> }) }
                        </ul>
                    } else {
                        <p class="note">{ "Plain ASCII: one byte, one unit, one character each." }</p>
                    }
                </div>
            </div>
            <h4>{ "Measured: a megabyte across, against a number" }</h4>
            <BenchPanel {make_cases} button="Measure the crossing"
                description="Both sides are timed by the same JavaScript loop. The WASM side calls a Rust closure, \
                             so every call copies the 1 MiB string into WASM memory and the result back out; the \
                             JS side calls a JavaScript function doing the same trivial work on the same string, \
                             which JavaScript passes by reference. The number case shows the call itself is cheap: \
                             the cost of a string is the copy." />
            <SourceView path="src/web/strings.rs" region="crossing"
                        summary="Show the Rust of the benchmark" />
            <SourceView path="src/lab/text.rs"
                        summary="Show the whole lab module (text_stats is at the end)" />
        </section>
    }
}
