//! The counter: `state_increment` / `state_decrement`, and jumps next to the ends of
//! `i32` so saturation can be seen instead of the seed's overflow.

use yew::prelude::*;

use super::{Call, PanelProps};
use crate::web::state as module;

#[component]
pub fn CounterPanel(props: &PanelProps) -> Html {
    let value = module::state_counter();
    let on_call = props.on_call.clone();
    let inc = {
        let on_call = on_call.clone();
        Callback::from(move |_: MouseEvent| {
            let v = module::state_increment();
            on_call.emit(Call::ok(format!("wasm.state_increment() → {v}")));
        })
    };
    let dec = {
        let on_call = on_call.clone();
        Callback::from(move |_: MouseEvent| {
            let v = module::state_decrement();
            on_call.emit(Call::ok(format!("wasm.state_decrement() → {v}")));
        })
    };
    let jump = |target: i32| {
        let on_call = on_call.clone();
        Callback::from(move |_: MouseEvent| {
            let v = module::state_set_counter(target);
            on_call.emit(Call::ok(format!("wasm.state_set_counter({target}) → {v}")));
        })
    };
    let status = if value == i32::MAX {
        Some(
            "Saturated at i32::MAX: + leaves it here. The seed's “counter += 1” would panic in a debug build and wrap to −2,147,483,648 in release.",
        )
    } else if value == i32::MIN {
        Some("Saturated at i32::MIN: − leaves it here instead of wrapping to 2,147,483,647.")
    } else {
        None
    };
    html! {
        <section class="card" aria-labelledby="state-counter-title">
            <h3 id="state-counter-title">{ "Counter" }</h3>
            <p class="counter-line">
                <output id="state-counter" class="counter-value mono" aria-live="polite">{ value }</output>
                <span class="note">{ " i32" }</span>
            </p>
            <div class="row-buttons">
                <button type="button" class="button" id="state-dec" aria-label="Decrement" onclick={dec}>{ "−" }</button>
                <button type="button" class="button primary" id="state-inc" aria-label="Increment" onclick={inc}>{ "+" }</button>
                <button type="button" class="button" id="state-jump-max" onclick={jump(i32::MAX - 2)}>{ "Jump near i32::MAX" }</button>
                <button type="button" class="button" id="state-jump-min" onclick={jump(i32::MIN + 2)}>{ "Jump near i32::MIN" }</button>
            </div>
            if let Some(status) = status {
                <p class="note" id="state-counter-saturated">{ status }</p>
            }
        </section>
    }
}
