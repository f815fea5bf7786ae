//! UTF-8 in Rust, UTF-16 in JavaScript: the same text counted three ways, and what it
//! costs to move a megabyte of it across the boundary.

use yew::prelude::*;

use super::show::with_code;
use crate::app::widgets::{BenchPanel, ErrorText, SourceView};
use crate::lab::fmt::{count, grouped};
use crate::lab::text;
use crate::web::strings as glue;

/// The most characters (UTF-16 code units) the text box takes: plenty to count, and
/// little enough that the browser lays the box out at once. The benchmark below
/// moves a whole mebibyte.
const BOUNDARY_FIELD_MAX_CHARS: usize = 100_000;

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
    let refused = use_state(|| None::<usize>);
    let oninput = {
        let (value, refused) = (value.clone(), refused.clone());
        Callback::from(move |e: InputEvent| {
            match glue::field_value_up_to(&e, BOUNDARY_FIELD_MAX_CHARS) {
                Some(Ok(typed)) => {
                    refused.set(None);
                    value.set(typed.into());
                }
                Some(Err(length)) => {
                    glue::set_field_value("boundary-input", &value);
                    refused.set(Some(length));
                }
                None => {}
            }
        })
    };
    let onpaste = {
        let refused = refused.clone();
        Callback::from(move |e: Event| {
            if let Some(length) = glue::refuse_long_paste(&e, BOUNDARY_FIELD_MAX_CHARS) {
                refused.set(Some(length));
            }
        })
    };
    let refused_message = refused.map(|length| {
        format!(
            "Not put in the box: that text has {}, and the box takes up to {}. The measurement \
             below moves a whole mebibyte across the boundary.",
            count(length, "character", "characters"),
            count(BOUNDARY_FIELD_MAX_CHARS, "character", "characters"),
        )
    });
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
                                  maxlength={BOUNDARY_FIELD_MAX_CHARS.to_string()}
                                  aria-describedby="boundary-error"
                                  value={(*value).clone()} {oninput} {onpaste} />
                    </div>
                    <ErrorText id="boundary-error" message={refused_message} />
                    <div class="chips" role="group" aria-label="Example texts">
                        <span class="chips-label">{ "Try:" }</span>
                        { for SAMPLES.iter().map(|(name, sample)| {
                            let (value, refused) = (value.clone(), refused.clone());
                            let onclick = Callback::from(move |_: MouseEvent| {
                                refused.set(None);
                                value.set((*sample).into());
                            });
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
                        <div><dt>{ "Characters" }</dt><dd id="stat-chars">{ grouped(stats.chars) }
                            <small>{ "Rust " }<code>{ "s.chars().count()" }</code></small></dd></div>
                        <div><dt>{ "UTF-8 bytes" }</dt><dd id="stat-bytes">{ grouped(stats.utf8_bytes) }
                            <small>{ "Rust " }<code>{ "s.len()" }</code>{ ", in WASM memory" }</small></dd></div>
                        <div><dt>{ "UTF-16 units" }</dt><dd id="stat-units">{ grouped(stats.utf16_units) }
                            <small>{ "JavaScript " }<code>{ "s.length" }</code>{ format!(" = {}{}", grouped(*js_len), if js_agrees { " ✓" } else { " ✗" }) }</small></dd></div>
                    </dl>
                    <p class="note">{ format!(
                        "{}, {} non-ASCII, {} outside the BMP.",
                        count(stats.lines, "line", "lines"), grouped(stats.non_ascii), grouped(stats.astral)
                    ) }</p>
                    if !notes.is_empty() {
                        <ul class="notes" id="boundary-notes">
                            { for notes.iter().map(|n| html! { <li>{ with_code(n) }</li> }) }
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
