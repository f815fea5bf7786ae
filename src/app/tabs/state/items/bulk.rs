//! "Add 100,000 items": `state_add_many` in chunks, the browser free to paint and take
//! input (Cancel) between calls, with a progress bar.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::lab::fmt::grouped;
use crate::lab::state::MAX_ITEMS;
use crate::lab::state::view::{Bulk, Call, js_string, sentence};
use crate::web::bench::{now_ms, yield_now};
use crate::web::dom::focus_by_id;
use crate::web::state::{self as module, CallError};

/// What the button adds, and how many per call.
pub const BULK: Bulk = Bulk {
    total: 100_000,
    chunk: 10_000,
};
const PREFIX: &str = "Item";

#[derive(Properties, PartialEq)]
pub struct BulkAddProps {
    pub on_call: Callback<Call>,
    /// The list's length when the add ended.
    pub on_done: Callback<usize>,
    /// The list's error line: why the add did not start or stopped, or `None`.
    pub on_error: Callback<Option<String>>,
}

#[component]
pub fn BulkAdd(props: &BulkAddProps) -> Html {
    // Items added so far while an add runs; the sentence after it ended.
    let progress = use_state(|| None::<usize>);
    let report = use_state(|| None::<String>);
    // The flag the running task reads: set by Cancel, and when the tab goes away.
    let cancel = use_mut_ref(|| Rc::new(Cell::new(false)));
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| move || cancel.borrow().set(true));
    }

    let onstart = {
        let (progress, report, cancel) = (progress.clone(), report.clone(), cancel.clone());
        let (on_call, on_done, on_error) = (
            props.on_call.clone(),
            props.on_done.clone(),
            props.on_error.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if progress.is_some() {
                return;
            }
            let room = MAX_ITEMS.saturating_sub(module::state_item_count());
            let refusal = BULK.refusal(room);
            let refused = refusal.is_some();
            on_error.emit(refusal);
            if refused {
                return;
            }
            let flag = Rc::new(Cell::new(false));
            *cancel.borrow_mut() = flag.clone();
            progress.set(Some(0));
            report.set(None);
            let (progress, report) = (progress.clone(), report.clone());
            let (on_call, on_done, on_error) = (on_call.clone(), on_done.clone(), on_error.clone());
            yew::platform::spawn_local(async move {
                let started = now_ms();
                let (mut added, mut calls) = (0, 0);
                let mut len = module::state_item_count();
                let mut failure = None;
                while !flag.get() {
                    let n = BULK.next_chunk(added);
                    if n == 0 {
                        break;
                    }
                    calls += 1;
                    match module::state_add_many(PREFIX, n) {
                        Ok(new_len) => {
                            len = new_len;
                            added += n;
                            progress.set(Some(added));
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
                    "wasm.state_add_many({}, {}) × {calls} calls → {}",
                    js_string(PREFIX),
                    BULK.chunk,
                    grouped(len)
                );
                match failure {
                    Some(message) => {
                        on_call.emit(Call::threw(format!("{call}; the last threw: {message}")));
                        on_error.emit(Some(sentence(&message)));
                    }
                    None if flag.get() => on_call.emit(Call::ok(format!("{call} (cancelled)"))),
                    None => on_call.emit(Call::ok(call)),
                }
                report.set(Some(BULK.report(
                    added,
                    calls,
                    now_ms() - started,
                    flag.get(),
                )));
                progress.set(None);
                on_done.emit(len);
            });
        })
    };
    let oncancel = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| {
            cancel.borrow().set(true);
            // The Cancel button goes away with the progress: keep the keyboard nearby.
            focus_by_id("state-bulk");
        })
    };

    html! {
        <>
            <div class="row-buttons bulk">
                // Not `disabled` while running: a disabled button drops the keyboard focus.
                <button type="button" class="button" id="state-bulk" aria-disabled={progress.is_some().to_string()} onclick={onstart}>
                    { format!("Add {} items", grouped(BULK.total)) }
                </button>
                if let Some(done) = *progress {
                    <progress id="state-bulk-progress" max={BULK.total.to_string()} value={done.to_string()}
                        aria-label="Items added so far">{ grouped(done) }</progress>
                    <span class="note">{ format!("{} / {}", grouped(done), grouped(BULK.total)) }</span>
                    <button type="button" class="button" id="state-bulk-cancel" onclick={oncancel}>{ "Cancel" }</button>
                }
            </div>
            <p class="note" id="state-bulk-note" aria-live="polite">
                { report.as_deref().map_or_else(|| BULK.plan(), str::to_owned) }
            </p>
        </>
    }
}
