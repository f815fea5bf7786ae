//! The item list: add (Enter), remove (button, or Delete on a focused row), reorder
//! (buttons, or Alt+↑/↓), add 100,000 in chunks that keep the page responsive, and a
//! window of rows (never one DOM node per item).
//!
//! This panel owns what its sections share: the first row on screen, the row to focus
//! after the next render, and the list's error line.

mod add;
mod bulk;
mod pager;
mod rows;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::PanelProps;
use crate::app::widgets::ErrorText;
use crate::lab::fmt::grouped;
use crate::lab::state::view::{PAGE, last_page_start, visible_start};
use crate::web::dom::focus_by_id;
use crate::web::state as module;

/// The id of the row at `index` (0-based).
fn row_id(index: usize) -> String {
    format!("state-item-{index}")
}

/// An element to focus once the next render is on the page (after a removal, a move or
/// a jump the element may not exist yet when the handler runs).
#[derive(Clone)]
pub struct FocusLater(Rc<RefCell<Option<String>>>);

impl PartialEq for FocusLater {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl FocusLater {
    pub fn set(&self, id: impl Into<String>) {
        *self.0.borrow_mut() = Some(id.into());
    }
}

#[hook]
fn use_focus_later() -> FocusLater {
    let slot = use_mut_ref(|| None::<String>);
    {
        let slot = slot.clone();
        use_effect(move || {
            if let Some(id) = slot.borrow_mut().take() {
                focus_by_id(&id);
            }
        });
    }
    FocusLater(slot)
}

#[component]
pub fn ItemsPanel(props: &PanelProps) -> Html {
    let page_start = use_state(|| 0usize);
    let list_error = use_state(|| None::<String>);
    let focus = use_focus_later();

    let count = module::state_item_count();
    let start = visible_start(*page_start, count);
    let end = (start + PAGE).min(count);
    let to_last_page = {
        let page_start = page_start.clone();
        Callback::from(move |len: usize| page_start.set(last_page_start(len)))
    };
    let on_page = {
        let page_start = page_start.clone();
        Callback::from(move |start: usize| page_start.set(start))
    };
    let on_error = {
        let list_error = list_error.clone();
        Callback::from(move |error: Option<String>| list_error.set(error))
    };
    html! {
        <section class="card" aria-labelledby="state-items-title">
            <h3 id="state-items-title">{ "Items" }</h3>
            <add::AddItem on_call={props.on_call.clone()} on_added={to_last_page.clone()} />
            <bulk::BulkAdd on_call={props.on_call.clone()} on_done={to_last_page} on_error={on_error.clone()} />
            <ErrorText id="state-list-error" message={(*list_error).clone()} />

            <p class="list-count" id="state-item-count" aria-live="polite">
                if count == 0 {
                    { "No items yet." }
                } else {
                    { format!("Items {}–{} of {}", grouped(start + 1), grouped(end), grouped(count)) }
                }
            </p>
            if count > 0 {
                <rows::ItemRows rev={props.rev} start={start} count={count}
                    on_call={props.on_call.clone()} on_page={on_page.clone()}
                    on_error={on_error} focus={focus.clone()} />
                <pager::Pager start={start} count={count} on_page={on_page.clone()} />
                <pager::GoTo count={count} on_page={on_page} focus={focus} />
            }
        </section>
    }
}
