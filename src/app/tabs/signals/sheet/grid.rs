//! The grid: one `<td>` per cell, the keyboard (arrows, Home/End, Enter or F2 to edit,
//! Delete to clear, typing to replace), and the editor inside the cell being edited.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Editing, SheetState};
use crate::lab::fmt::plural;
use crate::lab::signals::sheet::CellRef;
use crate::lab::signals::sheet_view::{CellView, moved, step_for_key};
use crate::web::dom::{event_value, focus_by_id};
use crate::web::signals::{focus_cell_editor, scroll_into_view_nearest};

const GRID_ID: &str = "sig-grid";
const EDITOR_ID: &str = "sig-cell-input";

fn cell_id(cell: CellRef) -> String {
    format!("sig-cell-{}", cell.name())
}

#[derive(Properties, PartialEq)]
pub struct GridProps {
    /// For the actions; the values shown come in the props below.
    pub state: SheetState,
    /// Every cell, row by row.
    pub cells: Rc<Vec<CellView>>,
    pub selected: CellRef,
    pub editing: Option<Editing>,
    /// Whether the edit in progress was refused.
    pub invalid: bool,
    pub show_counts: bool,
}

#[component]
pub fn Grid(props: &GridProps) -> Html {
    let state = &props.state;
    let (cols, rows) = (state.sheet.cols(), state.sheet.rows());
    let sel = props.selected;

    // Focus the editor when it opens; give focus back to the grid after an edit.
    {
        let refocus_grid = state.refocus_grid.clone();
        use_effect_with(props.editing.is_some(), move |on| {
            if *on {
                focus_cell_editor(EDITOR_ID);
            } else if std::mem::take(&mut *refocus_grid.borrow_mut()) {
                focus_by_id(GRID_ID);
            }
        });
    }

    let on_grid_key = grid_keys(state, cols, rows);
    let on_input_key = editor_keys(state);
    let on_input = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(draft) = event_value(&e) {
                state.set_draft(draft);
            }
        })
    };
    let on_blur = {
        let state = state.clone();
        Callback::from(move |_: FocusEvent| state.commit(None, false))
    };
    let on_cell_click = |cell: CellRef| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if state.editing.as_ref().is_some_and(|e| e.cell == cell) {
                return;
            }
            if *state.selected == cell {
                state.start_edit(cell, None);
            } else {
                state.select(cell);
                focus_by_id(GRID_ID);
            }
        })
    };
    let editor = |cell: CellRef, draft: &str| {
        html! {
            <input class="sig-cell-input" id={EDITOR_ID}
                aria-label={format!("Formula or value for {}", cell.name())}
                aria-invalid={props.invalid.to_string()}
                aria-describedby="sig-cell-error"
                value={draft.to_string()}
                oninput={on_input.clone()}
                onkeydown={on_input_key.clone()}
                onblur={on_blur.clone()} />
        }
    };

    html! {
        // Scrolls sideways on a narrow screen; the grid inside takes the focus.
        <div class="sig-grid-scroll">
            <table class={classes!("sig-grid", props.show_counts.then_some("with-counts"))} role="grid"
                aria-label="Spreadsheet" tabindex="0" id={GRID_ID} onkeydown={on_grid_key}
                aria-activedescendant={cell_id(sel)}>
                <thead>
                    <tr>
                        <th class="sig-corner"></th>
                        { for (0..cols).map(|c| html! { <th scope="col">{ CellRef::column_name(c) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for (0..rows).map(|r| html! {
                        <tr>
                            <th scope="row">{ r + 1 }</th>
                            { for (0..cols).map(|c| {
                                let cell = CellRef::new(c, r);
                                let Some(view) = props.cells.get((r * cols + c) as usize) else {
                                    return html! {};
                                };
                                let edit_here = props.editing.as_ref().filter(|e| e.cell == cell);
                                // A new key when the count changes recreates the cell, so
                                // the flash animation plays again for every recompute.
                                html! {
                                    <td key={format!("{}-{}", cell.name(), view.count)}
                                        id={cell_id(cell)}
                                        role="gridcell"
                                        aria-selected={(cell == sel).to_string()}
                                        data-count={view.count.to_string()}
                                        title={view.title.clone()}
                                        class={classes!(
                                            "sig-cell",
                                            (cell == sel).then_some("selected"),
                                            view.recomputed.then_some("sig-cell-flash"),
                                            view.error.then_some("error"),
                                            view.number.then_some("num"),
                                        )}
                                        onclick={on_cell_click(cell)}>
                                        if let Some(ed) = edit_here {
                                            { editor(cell, &ed.draft) }
                                        } else {
                                            <span class="sig-cell-value">{ view.display.clone() }</span>
                                            if props.show_counts {
                                                <span class="sig-count">
                                                    <span class="visually-hidden">{ " computed " }</span>{ view.count }
                                                    <span class="visually-hidden">{ plural(view.count as usize, " time", " times") }</span>
                                                </span>
                                            }
                                        }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The grid's keys: arrows, Home and End move the selection (and keep it in view),
/// Enter or F2 edit, Delete or Backspace clear, any other character starts a new edit
/// with it.
fn grid_keys(state: &SheetState, cols: u32, rows: u32) -> Callback<KeyboardEvent> {
    let state = state.clone();
    Callback::from(move |e: KeyboardEvent| {
        if state.editing.is_some() {
            return;
        }
        // The selection now: several keys may arrive before the next render.
        let sel = *state.selected;
        let key = e.key();
        if let Some((dc, dr)) = step_for_key(&key, cols) {
            e.prevent_default();
            let to = moved(sel, dc, dr, cols, rows);
            state.select(to);
            // On a narrow screen the grid scrolls: keep the selection in view.
            scroll_into_view_nearest(&cell_id(to));
        } else if key == "Enter" || key == "F2" {
            e.prevent_default();
            state.start_edit(sel, None);
        } else if key == "Delete" || key == "Backspace" {
            e.prevent_default();
            state.clear_cell(sel);
        } else if key.chars().count() == 1 && !e.ctrl_key() && !e.meta_key() && !e.alt_key() {
            // Typing over a cell starts a fresh edit with that character.
            e.prevent_default();
            state.start_edit(sel, Some(key));
        }
    })
}

/// The editor's keys: Enter saves and moves down (Shift: up), Tab saves and moves right
/// (Shift: left), Escape cancels. Keys never reach the grid while editing.
fn editor_keys(state: &SheetState) -> Callback<KeyboardEvent> {
    let state = state.clone();
    Callback::from(move |e: KeyboardEvent| {
        e.stop_propagation();
        let back = if e.shift_key() { -1 } else { 1 };
        match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                state.commit(Some((0, back)), true);
            }
            "Tab" => {
                e.prevent_default();
                state.commit(Some((back, 0)), true);
            }
            "Escape" => {
                e.prevent_default();
                state.cancel();
            }
            _ => {}
        }
    })
}
