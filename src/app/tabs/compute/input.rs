//! Choosing n: a text box that takes any n up to a million (with its error next to
//! it), a slider over the interesting edges, and preset values.

use yew::prelude::*;

use super::MAIN_THREAD_MAX_N;
use crate::app::widgets::ErrorText;
use crate::lab::fmt::grouped;
use crate::web::dom;

/// The slider covers the interesting edges (78/79, 93/94); the box takes any n.
const SLIDER_MAX: u32 = 300;
const PRESETS: [u32; 7] = [78, 79, 93, 94, 1_000, 100_000, 1_000_000];

#[derive(Properties, PartialEq)]
pub struct ChooseNProps {
    /// What is in the text box, valid or not.
    pub raw: String,
    /// The last valid n.
    pub n: u32,
    pub error: Option<String>,
    /// Called with new text from the box, the slider or a preset.
    pub on_text: Callback<String>,
}

#[component]
pub fn ChooseN(props: &ChooseNProps) -> Html {
    let on_input = {
        let on_text = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(value) = dom::event_value(&e) {
                on_text.emit(value);
            }
        })
    };
    let preset = |value: u32| {
        let on_text = props.on_text.clone();
        Callback::from(move |_: MouseEvent| on_text.emit(value.to_string()))
    };
    let invalid = props.error.is_some();
    html! {
        <section class="card fib-controls" aria-labelledby="fib-input-title">
            <h3 id="fib-input-title">{ "Choose n" }</h3>
            <label for="fib-n">{ "n (0 to 1,000,000)" }</label>
            <input id="fib-n" type="text" inputmode="numeric" autocomplete="off" spellcheck="false"
                   value={props.raw.clone()} oninput={on_input.clone()}
                   aria-invalid={invalid.to_string()} aria-describedby="fib-n-error" />
            <ErrorText id="fib-n-error" message={props.error.clone()} />
            <label for="fib-slider" class="note">{ format!("or slide (0 to {SLIDER_MAX})") }</label>
            <input id="fib-slider" type="range" min="0" max={SLIDER_MAX.to_string()} step="1"
                   value={props.n.min(SLIDER_MAX).to_string()} oninput={on_input} />
            <div class="fib-presets" role="group" aria-label="Interesting values of n">
                { for PRESETS.into_iter().map(|v| html! {
                    <button type="button" class="button" onclick={preset(v)}>
                        { format!("n = {}", grouped(v)) }
                    </button>
                }) }
            </div>
            <ul class="note edges">
                <li>{ "78: the last F(n) a JavaScript Number holds exactly; 79: the first it gets wrong" }</li>
                <li>{ "93: the last F(n) that fits in a u64; 94: the first that does not" }</li>
                <li>{ format!("above {}: computed in a Web Worker, with progress and Cancel",
                              grouped(MAIN_THREAD_MAX_N)) }</li>
            </ul>
            if invalid {
                <p class="note">{ format!("Still showing n = {}, the last valid value.", grouped(props.n)) }</p>
            }
        </section>
    }
}
