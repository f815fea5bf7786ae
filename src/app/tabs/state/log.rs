//! The call log: every call a button made through the exported functions, newest first.

use yew::prelude::*;

use crate::lab::state::view::Call;

#[derive(Properties, PartialEq)]
pub struct CallLogProps {
    /// Newest first, each with a key that never repeats.
    pub log: Vec<(u64, Call)>,
}

#[component]
pub fn CallLog(props: &CallLogProps) -> Html {
    html! {
        <section class="card" aria-labelledby="state-log-title">
            <h3 id="state-log-title">{ "Call log" }</h3>
            <p class="note">
                { "Every call a button made through the exported functions, newest first. \
                   (To draw the page the tab also reads the counter, a window of items, the scores \
                   and the memory size through the same functions; those reads are not listed.) \
                   The functions are real exports: in the browser console, " }
                <code>{ "wasmBindings.state_increment()" }</code>
                { " changes the same counter, and this page follows." }
            </p>
            if props.log.is_empty() {
                <p class="note" id="state-log-empty">{ "No calls yet: press a button." }</p>
            } else {
                // It scrolls once it is long: focusable, so a keyboard can scroll it too.
                <ol class="call-log" id="state-call-log" role="log" aria-label="Calls made" tabindex="0">
                    { for props.log.iter().map(|(id, call)| html! {
                        <li key={*id} class={classes!((!call.ok).then_some("threw"))}>{ &call.text }</li>
                    }) }
                </ol>
            }
        </section>
    }
}
