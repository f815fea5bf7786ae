//! The input card: the preset picker, the Before and After editors with their messages,
//! the keyed-list buttons, and what the preview allows.

use yew::prelude::*;

use crate::app::widgets::ErrorText;
use crate::lab::vdom::editor::{ListEdit, Preset};
use crate::web::dom::{event_value, set_value};

#[derive(Properties, PartialEq)]
pub(super) struct EditorsProps {
    /// The preset the editors hold, or `None` once a person has typed.
    pub preset: Option<Preset>,
    pub before_text: AttrValue,
    pub after_text: AttrValue,
    pub before_error: Option<String>,
    pub after_error: Option<String>,
    /// Whether After is a keyed list the list buttons can rewrite.
    pub after_is_list: bool,
    pub on_preset: Callback<Preset>,
    pub on_before: Callback<String>,
    pub on_after: Callback<String>,
    pub on_list_edit: Callback<ListEdit>,
    pub on_after_to_before: Callback<()>,
}

const LIST_BUTTONS: [(ListEdit, &str, &str); 5] = [
    (ListEdit::Shuffle, "vdom-shuffle", "Shuffle"),
    (ListEdit::Reverse, "vdom-reverse", "Reverse"),
    (ListEdit::SwapTwo, "vdom-swap", "Swap two"),
    (ListEdit::Insert, "vdom-insert", "Insert"),
    (ListEdit::Remove, "vdom-remove", "Remove"),
];

#[component]
pub(super) fn Editors(props: &EditorsProps) -> Html {
    // The picker shows the preset, or "(edited)": set as a property after each render,
    // because an option's `selected` attribute stops counting once a person has picked.
    let select_ref = use_node_ref();
    {
        let select_ref = select_ref.clone();
        let id = props.preset.map_or("", Preset::id);
        use_effect_with(id, move |id| {
            if let Some(select) = select_ref.get() {
                set_value(&select, id);
            }
        });
    }
    let choose_preset = {
        let on_preset = props.on_preset.clone();
        Callback::from(move |e: Event| {
            if let Some(chosen) = event_value(&e).and_then(|id| Preset::from_id(&id)) {
                on_preset.emit(chosen);
            }
        })
    };
    let text_input = |callback: &Callback<String>| {
        let callback = callback.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(text) = event_value(&e) {
                callback.emit(text);
            }
        })
    };
    let current = props.preset;
    let list_button = |(edit, id, label): (ListEdit, &'static str, &'static str)| {
        let onclick = props.on_list_edit.reform(move |_: MouseEvent| edit);
        html! {
            <button type="button" class="button" {id} disabled={!props.after_is_list} {onclick}>{ label }</button>
        }
    };
    let after_to_before = props.on_after_to_before.reform(|_: MouseEvent| ());
    html! {
        <section class="card editor" aria-labelledby="vdom-input-title">
            <h3 id="vdom-input-title">{ "Input" }</h3>
            <div class="preset-row">
                <label for="vdom-preset">{ "Preset" }</label>
                <select id="vdom-preset" ref={select_ref} onchange={choose_preset}>
                    if current.is_none() {
                        <option value="" selected=true>{ "(edited)" }</option>
                    }
                    { for Preset::ALL.into_iter().map(|p| html! {
                        <option value={p.id()} selected={current == Some(p)}>{ p.title() }</option>
                    }) }
                </select>
            </div>
            <label for="vdom-before">{ "Before" }</label>
            <textarea id="vdom-before" spellcheck="false" wrap="off" value={props.before_text.clone()} oninput={text_input(&props.on_before)}
                aria-invalid={props.before_error.is_some().to_string()} aria-describedby="vdom-before-error" />
            <ErrorText id="vdom-before-error" message={props.before_error.clone()} />
            <label for="vdom-after">{ "After" }</label>
            <textarea id="vdom-after" spellcheck="false" wrap="off" value={props.after_text.clone()} oninput={text_input(&props.on_after)}
                aria-invalid={props.after_error.is_some().to_string()} aria-describedby="vdom-after-error" />
            <ErrorText id="vdom-after-error" message={props.after_error.clone()} />
            <div class="row-buttons" role="group" aria-label="Rewrite the keyed list in After">
                { for LIST_BUTTONS.into_iter().map(list_button) }
                <button type="button" class="button" id="vdom-after-to-before" onclick={after_to_before}>{ "After → Before" }</button>
            </div>
            <p class="note">
                { "The list buttons rewrite After when its root's children all have a " }<code>{ "key" }</code>{ "." }
            </p>
            <super::rules::PreviewRules />
        </section>
    }
}
