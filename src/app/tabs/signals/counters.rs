//! Fine-grained vs component re-rendering: the same counter two ways.

use std::cell::RefCell;

use yew::prelude::*;

use crate::lab::fmt::{grouped, plural};
use crate::lab::signals::{Effect, Runtime, Signal};
use crate::web::signals::{bind_text, text_node_in};

/// The runtime and signal behind the fine-grained counter; they live as long as the
/// component (the effect is disposed when it unmounts).
struct FineState {
    rt: Runtime,
    count: Signal<i64>,
    effect: RefCell<Option<Effect>>,
}

#[component]
pub fn Counters() -> Html {
    html! {
        <section class="card" aria-labelledby="sig-counters-h">
            <h3 id="sig-counters-h">{ "2. Fine-grained vs component re-rendering" }</h3>
            <p class="note">
                { "Left: a signal bound to one text node by an effect that calls node.set_data(). Clicking runs that effect and nothing else: the component function ran once, when it mounted. Right: a normal Yew counter; every click re-runs the whole component function and diffs its virtual DOM." }
            </p>
            <div class="split">
                <FineCounter />
                <YewCounter />
            </div>
        </section>
    }
}

#[component]
fn FineCounter() -> Html {
    let renders = {
        let runs = use_mut_ref(|| 0u64);
        *runs.borrow_mut() += 1;
        *runs.borrow()
    };
    let state = use_memo((), |_| {
        let rt = Runtime::new();
        let count = rt.signal(0i64);
        FineState {
            rt,
            count,
            effect: RefCell::new(None),
        }
    });
    let value_ref = use_node_ref();
    let runs_ref = use_node_ref();
    {
        let state = state.clone();
        let value_ref = value_ref.clone();
        let runs_ref = runs_ref.clone();
        use_effect_with((), move |_| {
            let value_node = value_ref.get().and_then(|el| text_node_in(&el, "0"));
            let runs_node = runs_ref.get().and_then(|el| text_node_in(&el, "0"));
            if let Some(node) = value_node {
                let effect = bind_text(&state.rt, state.count, node, runs_node);
                *state.effect.borrow_mut() = Some(effect);
            }
            move || {
                if let Some(e) = state.effect.borrow_mut().take() {
                    e.dispose();
                }
            }
        });
    }
    let onclick = {
        let count = state.count;
        Callback::from(move |_: MouseEvent| {
            count.update(|c| *c = c.saturating_add(1));
        })
    };
    html! {
        <div class="sig-counter" id="sig-fine">
            <h4>{ "Signal → one text node" }</h4>
            <p class="sig-big">{ "count = " }<span id="sig-fine-value" class="sig-value" ref={value_ref}></span></p>
            <button id="sig-fine-inc" class="button primary" type="button" {onclick}>{ "+1" }</button>
            <ul class="sig-facts">
                <li>{ "effect runs (DOM writes): " }<strong id="sig-fine-runs" ref={runs_ref}></strong></li>
                <li>{ "component function ran: " }<strong id="sig-fine-renders">{ grouped(renders) }</strong>{ plural(renders as usize, " time", " times") }</li>
            </ul>
        </div>
    }
}

#[component]
fn YewCounter() -> Html {
    let renders = {
        let runs = use_mut_ref(|| 0u64);
        *runs.borrow_mut() += 1;
        *runs.borrow()
    };
    let count = use_state(|| 0i64);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(count.saturating_add(1)))
    };
    html! {
        <div class="sig-counter" id="sig-yew">
            <h4>{ "Yew state → component re-render" }</h4>
            <p class="sig-big">{ "count = " }<span id="sig-yew-value" class="sig-value">{ *count }</span></p>
            <button id="sig-yew-inc" class="button primary" type="button" {onclick}>{ "+1" }</button>
            <ul class="sig-facts">
                <li>{ "component function ran: " }<strong id="sig-yew-renders">{ grouped(renders) }</strong>{ plural(renders as usize, " time", " times") }</li>
                <li>{ "each run rebuilt the virtual DOM of this whole card and diffed it" }</li>
            </ul>
        </div>
    }
}
