//! The live spreadsheet: every cell is a signal (its text) and memos (its value), so
//! editing a cell recomputes exactly the cells downstream of it.

mod graph;
mod grid;
mod state;

use std::rc::Rc;

use yew::prelude::*;

use crate::app::widgets::ErrorText;
use crate::lab::signals::sheet::{CellValue, Sheet};
use crate::lab::signals::sheet_view::{cell_views, runtime_sentence, status_line};
use crate::web::dom::event_checked;
use crate::web::signals::{SheetSource, sample_sheet};

use graph::{DepGraph, SheetRef};
use grid::Grid;
use state::use_sheet;

#[component]
pub fn SheetView() -> Html {
    let state = use_sheet();
    let show_counts = use_state(|| false);

    let cells = Rc::new(cell_views(&state.sheet, &mut state.watch.borrow_mut()));
    let sel = *state.selected;
    let sel_value = state.sheet.value(sel);
    let sel_text = state.sheet.text(sel);
    let sel_count = state.sheet.recompute_count(sel);
    let last_recomputed = state.watch.borrow().sentence();

    let on_sample = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.replace(sample_sheet()))
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.replace(Sheet::default()))
    };
    let on_toggle_counts = {
        let show_counts = show_counts.clone();
        Callback::from(move |e: Event| show_counts.set(event_checked(&e).unwrap_or(false)))
    };
    let source_note = match *state.source {
        SheetSource::Url => "Loaded from the link; edits are saved in this browser and the link.",
        SheetSource::Storage => "Saved in this browser (localStorage) and in the link.",
        SheetSource::Sample => "The sample sheet; your edits are saved in this browser.",
    };

    html! {
        <section class="card sig-sheet" aria-labelledby="sig-sheet-h">
            <h3 id="sig-sheet-h">{ "3. A live spreadsheet on the same runtime" }</h3>
            <p class="note">
                { "Each cell is a signal (its text) and a memo (its value); a formula’s memo reads the cells it names, and those reads are the dependency graph. Click a cell (or use the arrow keys), press Enter or click again to edit, Enter to save, Escape to cancel. Formulas: " }
                <code>{ "=A1+B2*2" }</code>{ ", " }<code>{ "=SUM(A1:A5)" }</code>{ ", AVG, MIN, MAX, parentheses. Try a cycle: A1 = " }<code>{ "=B1" }</code>{ ", B1 = " }<code>{ "=A1" }</code>{ "." }
            </p>
            if let Some(n) = &*state.notice {
                <p class="notice" role="status">{ n.clone() }</p>
            }
            <div class="sig-toolbar">
                <label class="sig-check">
                    <input id="sig-show-counts" type="checkbox" checked={*show_counts} onchange={on_toggle_counts} />
                    { " Show recompute counts" }
                </label>
                <button id="sig-sample" class="button" type="button" onclick={on_sample}>{ "Load the sample" }</button>
                <button id="sig-clear" class="button" type="button" onclick={on_clear}>{ "Clear" }</button>
                <span class="note">{ source_note }</span>
            </div>
            <div class="sig-formula-bar">
                <span class="sig-cell-name">{ sel.name() }</span>
                <code id="sig-selected-text">{ if sel_text.is_empty() { "(empty)".to_string() } else { sel_text } }</code>
            </div>
            <p id="sig-status" class={classes!("sig-status", matches!(sel_value, CellValue::Error { .. }).then_some("bad"))} aria-live="polite">
                { status_line(sel, &sel_value) }
            </p>
            <p id="sig-last-recomputed" class="note">{ last_recomputed }</p>
            <ErrorText id="sig-cell-error" message={(*state.edit_error).clone()} />
            <Grid state={state.clone()} {cells} selected={sel} editing={(*state.editing).clone()}
                invalid={state.edit_error.is_some()} show_counts={*show_counts} />
            <DepGraph sheet={SheetRef((*state.sheet).clone(), *state.version)} cell={sel} />
            <p class="note">{ runtime_sentence(state.sheet.runtime().node_count(), sel, sel_count) }</p>
        </section>
    }
}
