//! The "New item" form: `state_add_item` on Enter, its refusal next to the input.

use yew::prelude::*;

use super::super::typing;
use crate::app::widgets::ErrorText;
use crate::lab::state::view::{Call, js_string, sentence};
use crate::web::state::{self as module, CallError};

#[derive(Properties, PartialEq)]
pub struct AddItemProps {
    pub on_call: Callback<Call>,
    /// The list's new length after an item went in.
    pub on_added: Callback<usize>,
}

#[component]
pub fn AddItem(props: &AddItemProps) -> Html {
    let draft = use_state(String::new);
    let error = use_state(|| None::<String>);

    let oninput = typing(&draft, &[&error]);
    let onsubmit = {
        let (draft, error) = (draft.clone(), error.clone());
        let (on_call, on_added) = (props.on_call.clone(), props.on_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = (*draft).clone();
            let shown = format!("wasm.state_add_item({})", js_string(&text));
            match module::state_add_item(text) {
                Ok(len) => {
                    draft.set(String::new());
                    error.set(None);
                    on_added.emit(len);
                    on_call.emit(Call::ok(format!("{shown} → {len}")));
                }
                Err(e) => {
                    let e = CallError::from_js(&e);
                    on_call.emit(Call::threw(format!("{shown} threw: {}", e.message)));
                    error.set(Some(sentence(&e.message)));
                }
            }
        })
    };
    html! {
        <form class="inline-form" onsubmit={onsubmit}>
            <label for="state-item-input">{ "New item" }</label>
            <div class="input-row">
                <input id="state-item-input" type="text" autocomplete="off"
                    placeholder="milk, then Enter"
                    value={(*draft).clone()} oninput={oninput}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby="state-item-error" />
                <button type="submit" class="button primary" id="state-item-add">{ "Add" }</button>
            </div>
            <ErrorText id="state-item-error" message={(*error).clone()} />
        </form>
    }
}
