//! The counter: `state_increment` / `state_decrement`, and jumps next to the ends of
//! `i32` so saturation can be seen where a plain `+= 1` would overflow.

use yew::prelude::*;

use super::PanelProps;
use crate::lab::state::view::Call;
use crate::web::state as module;

/// What the counter says at an end of `i32`, or nothing in between.
fn saturation_note(value: i32) -> Option<&'static str> {
    match value {
        i32::MAX => Some(
            "Saturated at i32::MAX: + leaves it here. The tutorial's version, a plain “counter += 1”, \
             would panic in a debug build and wrap to −2,147,483,648 in a release build.",
        ),
        i32::MIN => {
            Some("Saturated at i32::MIN: − leaves it here instead of wrapping to 2,147,483,647.")
        }
        _ => None,
    }
}

#[component]
pub fn CounterPanel(props: &PanelProps) -> Html {
    let value = module::state_counter();
    let call = |name: &'static str, f: fn() -> i32| {
        let on_call = props.on_call.clone();
        Callback::from(move |_: MouseEvent| {
            let v = f();
            on_call.emit(Call::ok(format!("wasm.{name}() → {v}")));
        })
    };
    let jump = |target: i32| {
        let on_call = props.on_call.clone();
        Callback::from(move |_: MouseEvent| {
            let v = module::state_set_counter(target);
            on_call.emit(Call::ok(format!("wasm.state_set_counter({target}) → {v}")));
        })
    };
    html! {
        <section class="card" aria-labelledby="state-counter-title">
            <h3 id="state-counter-title">{ "Counter" }</h3>
            <p class="counter-line">
                <output id="state-counter" class="counter-value mono" aria-live="polite">{ value }</output>
                <span class="note">{ " i32" }</span>
            </p>
            <div class="row-buttons">
                <button type="button" class="button" id="state-dec" aria-label="Decrement"
                    onclick={call("state_decrement", module::state_decrement)}>{ "−" }</button>
                <button type="button" class="button primary" id="state-inc" aria-label="Increment"
                    onclick={call("state_increment", module::state_increment)}>{ "+" }</button>
                <button type="button" class="button" id="state-jump-max" onclick={jump(i32::MAX - 2)}>{ "Jump near i32::MAX" }</button>
                <button type="button" class="button" id="state-jump-min" onclick={jump(i32::MIN + 2)}>{ "Jump near i32::MIN" }</button>
            </div>
            if let Some(note) = saturation_note(value) {
                <p class="note" id="state-counter-saturated">{ note }</p>
            }
        </section>
    }
}
