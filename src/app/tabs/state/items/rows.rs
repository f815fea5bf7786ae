//! The rows on screen: each focusable, with ↑ ↓ × buttons, and keys on a focused row
//! (Delete removes it, Alt+↑/↓ moves it, ↑/↓/Home/End move the focus).

use yew::prelude::*;

use super::{FocusLater, row_id};
use crate::lab::fmt::grouped;
use crate::lab::state::view::{
    Call, PAGE, RowKey, focus_after_removal, js_string, page_start, row_key, sentence,
};
use crate::web::dom::event_target_id;
use crate::web::state::{self as module, CallError};

#[derive(Properties, PartialEq)]
pub struct ItemRowsProps {
    /// Moves on every change, so the rows are read again.
    pub rev: u64,
    /// Position of the first row on screen, and the list's length.
    pub start: usize,
    pub count: usize,
    pub on_call: Callback<Call>,
    /// Shows the page that starts at this position.
    pub on_page: Callback<usize>,
    pub on_error: Callback<Option<String>>,
    pub focus: FocusLater,
}

/// What the rows can do to the list, shared by the buttons and the keys.
#[derive(Clone)]
struct Actions {
    on_call: Callback<Call>,
    on_page: Callback<usize>,
    on_error: Callback<Option<String>>,
    focus: FocusLater,
}

impl Actions {
    fn remove(&self, index: usize) {
        let removed = module::state_remove_item(index);
        let shown = removed
            .as_deref()
            .map_or_else(|| "undefined".into(), js_string);
        self.on_call.emit(Call::ok(format!(
            "wasm.state_remove_item({index}) → {shown}"
        )));
        self.on_error.emit(None);
        match focus_after_removal(index, module::state_item_count()) {
            Some(next) => self.show(next, row_id(next)),
            None => self.focus.set("state-item-input"),
        }
    }

    /// Moves an item, then focuses `focus` (the moved row when `None`).
    fn move_item(&self, from: usize, to: usize, focus: Option<String>) {
        let shown = format!("wasm.state_move_item({from}, {to})");
        match module::state_move_item(from, to) {
            Ok(()) => {
                self.on_call.emit(Call::ok(format!("{shown} → undefined")));
                self.on_error.emit(None);
                self.show(to, focus.unwrap_or_else(|| row_id(to)));
            }
            Err(e) => {
                let e = CallError::from_js(&e);
                self.on_call
                    .emit(Call::threw(format!("{shown} threw: {}", e.message)));
                self.on_error.emit(Some(sentence(&e.message)));
            }
        }
    }

    /// Shows the page holding `index`, then focuses the element `id`.
    fn show(&self, index: usize, id: String) {
        self.on_page.emit(page_start(index));
        self.focus.set(id);
    }
}

#[component]
pub fn ItemRows(props: &ItemRowsProps) -> Html {
    let rows = module::state_items_window(props.start, PAGE);
    let count = props.count;
    let actions = Actions {
        on_call: props.on_call.clone(),
        on_page: props.on_page.clone(),
        on_error: props.on_error.clone(),
        focus: props.focus.clone(),
    };
    let row = |index: usize, text: &String| {
        let click = |f: fn(&Actions, usize)| {
            let actions = actions.clone();
            Callback::from(move |_: MouseEvent| f(&actions, index))
        };
        let remove = click(|a, i| a.remove(i));
        // A button keeps the focus while it can still move the item on.
        let up = click(|a, i| {
            let focus = (i > 1).then(|| format!("state-item-up-{}", i - 1));
            a.move_item(i, i - 1, focus);
        });
        let down = click(|a, i| {
            let focus =
                (i + 2 < module::state_item_count()).then(|| format!("state-item-down-{}", i + 1));
            a.move_item(i, i + 1, focus);
        });
        let onkeydown = {
            let actions = actions.clone();
            Callback::from(move |e: KeyboardEvent| {
                // Only keys on the row itself: its buttons keep their own keys. (Yew
                // delegates events, so compare ids rather than currentTarget.)
                if event_target_id(&e).as_deref() != Some(row_id(index).as_str()) {
                    return;
                }
                let count = module::state_item_count();
                let (action, taken) = row_key(&e.key(), e.alt_key(), index, count);
                if taken {
                    e.prevent_default();
                }
                match action {
                    RowKey::Remove(i) => actions.remove(i),
                    RowKey::Move { from, to } => actions.move_item(from, to, None),
                    RowKey::Focus(i) => actions.show(i, row_id(i)),
                    RowKey::Ignore => {}
                }
            })
        };
        let n = index + 1;
        html! {
            <li key={index} id={row_id(index)} class="item-row" tabindex="0" onkeydown={onkeydown}
                aria-label={format!("{n}: {text}")}>
                <span class="item-no mono">{ grouped(n) }</span>
                <span class="item-text">{ text }</span>
                <span class="item-buttons">
                    <button type="button" class="button icon" id={format!("state-item-up-{index}")}
                        aria-label={format!("Move item {n} up")} disabled={index == 0}
                        onclick={up}>{ "↑" }</button>
                    <button type="button" class="button icon" id={format!("state-item-down-{index}")}
                        aria-label={format!("Move item {n} down")} disabled={n >= count}
                        onclick={down}>{ "↓" }</button>
                    <button type="button" class="button icon remove" id={format!("state-item-remove-{index}")}
                        aria-label={format!("Remove item {n}")}
                        onclick={remove}>{ "×" }</button>
                </span>
            </li>
        }
    };
    html! {
        <ol class="item-list" id="state-item-list" start={(props.start + 1).to_string()}
            aria-label="Items (Delete removes the focused one; Alt+Up/Down moves it)">
            { for rows.iter().enumerate().map(|(offset, text)| row(props.start + offset, text)) }
        </ol>
    }
}
