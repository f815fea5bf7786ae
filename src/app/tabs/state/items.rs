//! The item list: add (Enter), remove (button, or Delete on a focused row), reorder
//! (buttons, or Alt+↑/↓), add 100,000 in chunks that keep the page responsive, and a
//! window of rows (never one DOM node per item).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{Call, PanelProps, js_str};
use crate::lab::fmt::grouped;
use crate::lab::state::{MAX_ITEMS, StateError};
use crate::web::bench::yield_now;
use crate::web::dom::focus_by_id;
use crate::web::state::{self as module, CallError};

/// Rows shown at once.
pub const PAGE: usize = 12;
/// Items the bulk button adds, and how many per call (one call per chunk, with the
/// browser free to paint and take input in between).
pub const BULK: usize = 100_000;
const CHUNK: usize = 10_000;
const BULK_PREFIX: &str = "Item";

fn last_page_start(count: usize) -> usize {
    count.saturating_sub(1) / PAGE * PAGE
}

fn row_id(index: usize) -> String {
    format!("state-item-{index}")
}

#[component]
pub fn ItemsPanel(props: &PanelProps) -> Html {
    let draft = use_state(String::new);
    let error = use_state(|| None::<String>);
    let list_error = use_state(|| None::<String>);
    let list_note = use_state(|| None::<String>);
    let page_start = use_state(|| 0usize);
    let goto = use_state(String::new);
    let goto_error = use_state(|| None::<String>);
    // Bulk add: items added so far (None when idle), and the cancel flag the task reads.
    let bulk = use_state(|| None::<usize>);
    let cancel = use_mut_ref(|| Rc::new(Cell::new(false)));
    // A row to focus after the next render (after a removal or a move).
    let focus_next = use_mut_ref(|| None::<String>);
    {
        let focus_next = focus_next.clone();
        use_effect(move || {
            if let Some(id) = focus_next.borrow_mut().take() {
                focus_by_id(&id);
            }
        });
    }

    let count = module::state_item_count();
    let start = (*page_start).min(last_page_start(count));
    let rows = module::state_items_window(start, PAGE);
    let on_call = props.on_call.clone();

    let oninput = {
        let draft = draft.clone();
        let error = error.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlInputElement>().value());
            error.set(None);
        })
    };
    let onsubmit = {
        let draft = draft.clone();
        let error = error.clone();
        let page_start = page_start.clone();
        let on_call = on_call.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = (*draft).clone();
            let shown = format!("wasm.state_add_item({})", js_str(&text));
            match module::state_add_item(text) {
                Ok(len) => {
                    draft.set(String::new());
                    error.set(None);
                    page_start.set(last_page_start(len));
                    on_call.emit(Call::ok(format!("{shown} → {len}")));
                }
                Err(e) => {
                    let e = CallError::from_js(&e);
                    on_call.emit(Call::threw(format!("{shown} threw: {}", e.message)));
                    error.set(Some(e.message));
                }
            }
        })
    };

    let remove = {
        let on_call = on_call.clone();
        let focus_next = focus_next.clone();
        let page_start = page_start.clone();
        let list_error = list_error.clone();
        Rc::new(move |index: usize| {
            let removed = module::state_remove_item(index);
            let shown = match &removed {
                Some(text) => js_str(text),
                None => "undefined".into(),
            };
            on_call.emit(Call::ok(format!(
                "wasm.state_remove_item({index}) → {shown}"
            )));
            list_error.set(None);
            let left = module::state_item_count();
            if left > 0 {
                let next = index.min(left - 1);
                page_start.set(next / PAGE * PAGE);
                *focus_next.borrow_mut() = Some(row_id(next));
            } else {
                *focus_next.borrow_mut() = Some("state-item-input".into());
            }
        })
    };
    let move_item = {
        let on_call = on_call.clone();
        let focus_next = focus_next.clone();
        let page_start = page_start.clone();
        let list_error = list_error.clone();
        Rc::new(move |from: usize, to: usize, focus: Option<String>| {
            let shown = format!("wasm.state_move_item({from}, {to})");
            match module::state_move_item(from, to) {
                Ok(()) => {
                    on_call.emit(Call::ok(format!("{shown} → undefined")));
                    list_error.set(None);
                    page_start.set(to / PAGE * PAGE);
                    *focus_next.borrow_mut() = Some(focus.unwrap_or_else(|| row_id(to)));
                }
                Err(e) => {
                    let e = CallError::from_js(&e);
                    on_call.emit(Call::threw(format!("{shown} threw: {}", e.message)));
                    list_error.set(Some(e.message));
                }
            }
        })
    };

    let onbulk = {
        let bulk = bulk.clone();
        let cancel = cancel.clone();
        let list_error = list_error.clone();
        let page_start = page_start.clone();
        let list_note = list_note.clone();
        let on_call = on_call.clone();
        Callback::from(move |_: MouseEvent| {
            list_note.set(None);
            let room = MAX_ITEMS.saturating_sub(module::state_item_count());
            if room < BULK {
                list_error.set(Some(
                    StateError::ListFull {
                        requested: BULK,
                        room,
                    }
                    .to_string(),
                ));
                return;
            }
            list_error.set(None);
            let flag = Rc::new(Cell::new(false));
            *cancel.borrow_mut() = flag.clone();
            bulk.set(Some(0));
            let bulk = bulk.clone();
            let list_error = list_error.clone();
            let list_note = list_note.clone();
            let page_start = page_start.clone();
            let on_call = on_call.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut added = 0;
                let mut calls = 0;
                let mut len = module::state_item_count();
                let mut failure = None;
                while added < BULK && !flag.get() {
                    let n = CHUNK.min(BULK - added);
                    calls += 1;
                    match module::state_add_many(BULK_PREFIX, n) {
                        Ok(new_len) => {
                            len = new_len;
                            added += n;
                            bulk.set(Some(added));
                        }
                        Err(e) => {
                            failure = Some(CallError::from_js(&e).message);
                            break;
                        }
                    }
                    // Let the browser paint the progress and handle input (Cancel).
                    yield_now().await;
                }
                let call = format!(
                    "wasm.state_add_many({}, {CHUNK}) × {calls} calls → {}",
                    js_str(BULK_PREFIX),
                    grouped(len)
                );
                match failure {
                    Some(message) => {
                        on_call.emit(Call::threw(format!("{call}; the last threw: {message}")));
                        list_error.set(Some(message));
                    }
                    None if flag.get() => {
                        on_call.emit(Call::ok(format!("{call} (cancelled)")));
                        list_note.set(Some(format!(
                            "Cancelled after {} items; those stay in the list.",
                            grouped(added)
                        )));
                    }
                    None => on_call.emit(Call::ok(call)),
                }
                page_start.set(last_page_start(len));
                bulk.set(None);
            });
        })
    };
    let oncancel = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel.borrow().set(true))
    };

    let go = |target: usize| {
        let page_start = page_start.clone();
        Callback::from(move |_: MouseEvent| page_start.set(target))
    };
    let ongoto_input = {
        let goto = goto.clone();
        let goto_error = goto_error.clone();
        Callback::from(move |e: InputEvent| {
            goto.set(e.target_unchecked_into::<HtmlInputElement>().value());
            goto_error.set(None);
        })
    };
    let ongoto = {
        let goto = goto.clone();
        let goto_error = goto_error.clone();
        let page_start = page_start.clone();
        let focus_next = focus_next.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let count = module::state_item_count();
            match goto.trim().parse::<usize>() {
                Ok(n) if n >= 1 && n <= count => {
                    goto_error.set(None);
                    page_start.set((n - 1) / PAGE * PAGE);
                    *focus_next.borrow_mut() = Some(row_id(n - 1));
                }
                _ if count == 0 => goto_error.set(Some("The list is empty.".into())),
                _ => goto_error.set(Some(format!(
                    "Enter a row number from 1 to {}.",
                    grouped(count)
                ))),
            }
        })
    };

    let busy = bulk.is_some();
    let end = start + rows.len();
    let invalid = error.is_some();
    html! {
        <section class="card" aria-labelledby="state-items-title">
            <h3 id="state-items-title">{ "Items" }</h3>
            <form class="inline-form" onsubmit={onsubmit}>
                <label for="state-item-input">{ "New item" }</label>
                <div class="input-row">
                    <input id="state-item-input" type="text" autocomplete="off"
                        placeholder="milk, then Enter"
                        value={(*draft).clone()} oninput={oninput}
                        aria-invalid={invalid.to_string()}
                        aria-describedby="state-item-error" />
                    <button type="submit" class="button primary" id="state-item-add">{ "Add" }</button>
                </div>
                <crate::app::widgets::ErrorText id="state-item-error" message={(*error).clone()} />
            </form>

            <div class="row-buttons bulk">
                <button type="button" class="button" id="state-bulk" disabled={busy} onclick={onbulk}>
                    { format!("Add {} items", grouped(BULK)) }
                </button>
                if let Some(done) = *bulk {
                    <progress id="state-bulk-progress" max={BULK.to_string()} value={done.to_string()}
                        aria-label="Items added so far">{ grouped(done) }</progress>
                    <span class="note">{ format!("{} / {}", grouped(done), grouped(BULK)) }</span>
                    <button type="button" class="button" id="state-bulk-cancel" onclick={oncancel}>{ "Cancel" }</button>
                }
            </div>
            <p class="note">
                { format!("Added in {} calls of {} with the browser free in between, so the page keeps responding.",
                    BULK / CHUNK, grouped(CHUNK)) }
            </p>
            <crate::app::widgets::ErrorText id="state-list-error" message={(*list_error).clone()} />
            if let Some(note) = &*list_note {
                <p class="note" id="state-list-note" aria-live="polite">{ note }</p>
            }

            <p class="list-count" id="state-item-count" aria-live="polite">
                if count == 0 {
                    { "No items yet." }
                } else {
                    { format!("Items {}–{} of {}", grouped(start + 1), grouped(end), grouped(count)) }
                }
            </p>
            if count > 0 {
                <ol class="item-list" id="state-item-list" start={(start + 1).to_string()}
                    aria-label="Items (Delete removes the focused one; Alt+Up/Down moves it)">
                    { for rows.iter().enumerate().map(|(offset, text)| {
                        let index = start + offset;
                        let remove_click = { let remove = remove.clone(); Callback::from(move |_: MouseEvent| remove(index)) };
                        let up_click = { let m = move_item.clone(); Callback::from(move |_: MouseEvent| {
                            if index > 1 { m(index, index - 1, Some(format!("state-item-up-{}", index - 1))) }
                            else if index == 1 { m(1, 0, None) } }) };
                        let down_click = { let m = move_item.clone(); Callback::from(move |_: MouseEvent| {
                            // The button keeps focus while it can still move the item on.
                            let focus = (index + 2 < module::state_item_count()).then(|| format!("state-item-down-{}", index + 1));
                            m(index, index + 1, focus) }) };
                        let onkeydown = {
                            let remove = remove.clone();
                            let m = move_item.clone();
                            let page_start = page_start.clone();
                            let focus_next = focus_next.clone();
                            Callback::from(move |e: KeyboardEvent| {
                                // Only keys on the row itself: its buttons keep their own keys.
                                // (Yew delegates events, so compare ids rather than currentTarget.)
                                let on_row = e.target()
                                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                    .is_some_and(|t| t.id() == row_id(index));
                                if !on_row { return; }
                                let count = module::state_item_count();
                                match e.key().as_str() {
                                    "Delete" | "Backspace" => { e.prevent_default(); remove(index); }
                                    "ArrowUp" if e.alt_key() => { e.prevent_default(); if index > 0 { m(index, index - 1, None); } }
                                    "ArrowDown" if e.alt_key() => { e.prevent_default(); if index + 1 < count { m(index, index + 1, None); } }
                                    "ArrowUp" if index > 0 => {
                                        e.prevent_default();
                                        page_start.set((index - 1) / PAGE * PAGE);
                                        *focus_next.borrow_mut() = Some(row_id(index - 1));
                                        focus_by_id(&row_id(index - 1));
                                    }
                                    "ArrowDown" if index + 1 < count => {
                                        e.prevent_default();
                                        page_start.set((index + 1) / PAGE * PAGE);
                                        *focus_next.borrow_mut() = Some(row_id(index + 1));
                                        focus_by_id(&row_id(index + 1));
                                    }
                                    _ => {}
                                }
                            })
                        };
                        html! {
                            <li key={index} id={row_id(index)} class="item-row" tabindex="0" onkeydown={onkeydown}
                                aria-label={format!("{}: {}", index + 1, text)}>
                                <span class="item-no mono">{ grouped(index + 1) }</span>
                                <span class="item-text">{ text }</span>
                                <span class="item-buttons">
                                    <button type="button" class="button icon" id={format!("state-item-up-{index}")}
                                        aria-label={format!("Move item {} up", index + 1)} disabled={index == 0}
                                        onclick={up_click}>{ "↑" }</button>
                                    <button type="button" class="button icon" id={format!("state-item-down-{index}")}
                                        aria-label={format!("Move item {} down", index + 1)} disabled={index + 1 >= count}
                                        onclick={down_click}>{ "↓" }</button>
                                    <button type="button" class="button icon remove" id={format!("state-item-remove-{index}")}
                                        aria-label={format!("Remove item {}", index + 1)}
                                        onclick={remove_click}>{ "×" }</button>
                                </span>
                            </li>
                        }
                    }) }
                </ol>
                <nav class="pager row-buttons" aria-label="Pages of items">
                    <button type="button" class="button" id="state-page-first" disabled={start == 0} onclick={go(0)}>{ "First" }</button>
                    <button type="button" class="button" id="state-page-prev" disabled={start == 0}
                        onclick={go(start.saturating_sub(PAGE))}>{ "Previous" }</button>
                    <button type="button" class="button" id="state-page-next" disabled={end >= count}
                        onclick={go((start + PAGE).min(last_page_start(count)))}>{ "Next" }</button>
                    <button type="button" class="button" id="state-page-last" disabled={end >= count}
                        onclick={go(last_page_start(count))}>{ "Last" }</button>
                </nav>
                <form class="inline-form goto" onsubmit={ongoto}>
                    <label for="state-goto">{ "Go to row" }</label>
                    <div class="input-row">
                        <input id="state-goto" type="text" inputmode="numeric" autocomplete="off"
                            value={(*goto).clone()} oninput={ongoto_input}
                            aria-invalid={goto_error.is_some().to_string()}
                            aria-describedby="state-goto-error" />
                        <button type="submit" class="button">{ "Go" }</button>
                    </div>
                    <crate::app::widgets::ErrorText id="state-goto-error" message={(*goto_error).clone()} />
                </form>
            }
        </section>
    }
}
