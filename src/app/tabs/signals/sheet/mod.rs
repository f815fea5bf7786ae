//! The live spreadsheet: every cell is a signal (its text) and memos (its value), so
//! editing a cell recomputes exactly the cells downstream of it.

use std::collections::BTreeSet;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::widgets::ErrorText;
use crate::lab::signals::sheet::{CellRef, CellValue, Sheet};
use crate::web::signals::{
    SheetSource, load_sheet, sample_sheet, save_sheet, sheet_from_url, write_sheet_to_url,
};

/// Dependencies or dependents drawn in the graph before "+ N more".
const GRAPH_MAX: usize = 10;

#[derive(Clone, PartialEq)]
struct Editing {
    cell: CellRef,
    draft: String,
}

/// Counts seen at the last edit and the cells whose count changed with it.
#[derive(Default)]
struct FlashState {
    counts: Vec<u64>,
    flashed: Vec<bool>,
    last: Vec<CellRef>,
}

#[component]
pub fn SheetView() -> Html {
    let boot = use_mut_ref(|| (SheetSource::Sample, None::<String>));
    let sheet = {
        let boot = boot.clone();
        use_state(move || {
            let (sheet, source, problem) = load_sheet(sheet_from_url().as_deref());
            *boot.borrow_mut() = (source, problem);
            Rc::new(sheet)
        })
    };
    let source = use_state(|| boot.borrow().0.clone());
    let notice = use_state(|| boot.borrow().1.clone());
    // D8 (the sample's sum) has a graph worth seeing on both sides.
    let selected = use_state(|| {
        if sheet.cols() > 3 && sheet.rows() > 7 {
            CellRef::new(3, 7)
        } else {
            CellRef::new(0, 0)
        }
    });
    let editing = use_state(|| None::<Editing>);
    // The edit in progress as event handlers see it, so a blur after Escape cannot
    // commit a draft that was cancelled.
    let live_edit = use_mut_ref(|| None::<Editing>);
    let edit_error = use_state(|| None::<String>);
    let show_counts = use_state(|| false);
    let version = use_state(|| 0u64);
    let flash = use_mut_ref(FlashState::default);
    let grid_ref = use_node_ref();
    let input_ref = use_node_ref();
    let refocus_grid = use_mut_ref(|| false);

    let cols = sheet.cols();
    let rows = sheet.rows();

    // Reading every cell pulls what is stale: only the edited cell and its dependents
    // run. Counts that changed since the last look are what this edit recomputed.
    let displays: Vec<(String, Option<String>, bool, bool)> = (0..rows)
        .flat_map(|r| (0..cols).map(move |c| CellRef::new(c, r)))
        .map(|c| {
            let v = sheet.value(c);
            (
                v.display(),
                v.reason().map(str::to_string),
                matches!(v, CellValue::Error { .. }),
                matches!(v, CellValue::Number(_)),
            )
        })
        .collect();
    let counts = sheet.recompute_counts();
    {
        let mut f = flash.borrow_mut();
        if f.counts.len() != counts.len() {
            f.flashed = vec![false; counts.len()];
            f.last.clear();
        } else if f.counts != counts {
            f.flashed = counts.iter().zip(&f.counts).map(|(a, b)| a != b).collect();
            f.last = f
                .flashed
                .iter()
                .enumerate()
                .filter(|(_, on)| **on)
                .map(|(i, _)| CellRef::new(i as u32 % cols, i as u32 / cols))
                .collect();
        }
        f.counts = counts.clone();
    }

    // Focus the cell editor when it opens; give focus back to the grid after an edit.
    {
        let input_ref = input_ref.clone();
        let grid_ref = grid_ref.clone();
        let refocus_grid = refocus_grid.clone();
        let is_editing = editing.is_some();
        use_effect_with(is_editing, move |on| {
            if *on {
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    let len = input.value().len() as u32;
                    let _ = input.set_selection_range(len, len);
                }
            } else if std::mem::take(&mut *refocus_grid.borrow_mut())
                && let Some(grid) = grid_ref.cast::<web_sys::HtmlElement>()
            {
                let _ = grid.focus();
            }
        });
    }

    let persist = {
        let notice = notice.clone();
        let source = source.clone();
        move |s: &Sheet| {
            match save_sheet(s) {
                Ok(()) => {
                    if matches!(*source, SheetSource::Url | SheetSource::Sample) {
                        source.set(SheetSource::Storage);
                    }
                }
                Err(e) => notice.set(Some(e)),
            }
            write_sheet_to_url(&s.to_compact());
        }
    };

    let start_edit = {
        let editing = editing.clone();
        let live_edit = live_edit.clone();
        let edit_error = edit_error.clone();
        let sheet = sheet.clone();
        move |cell: CellRef, draft: Option<String>| {
            let e = Editing {
                cell,
                draft: draft.unwrap_or_else(|| sheet.text(cell)),
            };
            *live_edit.borrow_mut() = Some(e.clone());
            edit_error.set(None);
            editing.set(Some(e));
        }
    };

    // Commits the edit in progress; `then` moves the selection afterwards.
    let commit = {
        let editing = editing.clone();
        let live_edit = live_edit.clone();
        let edit_error = edit_error.clone();
        let sheet = sheet.clone();
        let version = version.clone();
        let selected = selected.clone();
        let refocus_grid = refocus_grid.clone();
        let persist = persist.clone();
        move |then: Option<(i32, i32)>, focus_grid: bool| {
            let Some(e) = live_edit.borrow().clone() else {
                return;
            };
            match Sheet::set(&sheet, e.cell, &e.draft) {
                Ok(()) => {
                    *live_edit.borrow_mut() = None;
                    *refocus_grid.borrow_mut() = focus_grid;
                    edit_error.set(None);
                    editing.set(None);
                    persist(&sheet);
                    version.set(*version + 1);
                    if let Some((dc, dr)) = then {
                        selected.set(moved(e.cell, dc, dr, cols, rows));
                    }
                }
                Err(err) => edit_error.set(Some(format!("Not saved: {err}."))),
            }
        }
    };

    let cancel = {
        let editing = editing.clone();
        let live_edit = live_edit.clone();
        let edit_error = edit_error.clone();
        let refocus_grid = refocus_grid.clone();
        move || {
            *live_edit.borrow_mut() = None;
            *refocus_grid.borrow_mut() = true;
            edit_error.set(None);
            editing.set(None);
        }
    };

    let on_grid_key = {
        let selected = selected.clone();
        let start_edit = start_edit.clone();
        let sheet = sheet.clone();
        let version = version.clone();
        let editing = editing.clone();
        let persist = persist.clone();
        Callback::from(move |e: KeyboardEvent| {
            if editing.is_some() {
                return;
            }
            let sel = *selected;
            let key = e.key();
            let step = match key.as_str() {
                "ArrowUp" => Some((0, -1)),
                "ArrowDown" => Some((0, 1)),
                "ArrowLeft" => Some((-1, 0)),
                "ArrowRight" => Some((1, 0)),
                "Home" => Some((-(cols as i32), 0)),
                "End" => Some((cols as i32, 0)),
                _ => None,
            };
            if let Some((dc, dr)) = step {
                e.prevent_default();
                selected.set(moved(sel, dc, dr, cols, rows));
            } else if key == "Enter" || key == "F2" {
                e.prevent_default();
                start_edit(sel, None);
            } else if key == "Delete" || key == "Backspace" {
                e.prevent_default();
                if Sheet::set(&sheet, sel, "").is_ok() {
                    persist(&sheet);
                    version.set(*version + 1);
                }
            } else if key.chars().count() == 1 && !e.ctrl_key() && !e.meta_key() && !e.alt_key() {
                // Typing over a cell starts a fresh edit with that character.
                e.prevent_default();
                start_edit(sel, Some(key));
            }
        })
    };

    let on_input_key = {
        let commit = commit.clone();
        let cancel = cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    commit(Some((0, if e.shift_key() { -1 } else { 1 })), true);
                }
                "Tab" => {
                    e.prevent_default();
                    commit(Some((if e.shift_key() { -1 } else { 1 }, 0)), true);
                }
                "Escape" => {
                    e.prevent_default();
                    cancel();
                }
                _ => {}
            }
        })
    };

    let on_input = {
        let editing = editing.clone();
        let live_edit = live_edit.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut le = live_edit.borrow_mut();
            if let Some(ed) = le.as_mut() {
                ed.draft = input.value();
                editing.set(Some(ed.clone()));
            }
        })
    };

    let on_blur = {
        let commit = commit.clone();
        Callback::from(move |_: FocusEvent| commit(None, false))
    };

    let on_cell_click = {
        let selected = selected.clone();
        let start_edit = start_edit.clone();
        let editing = editing.clone();
        let grid_ref = grid_ref.clone();
        move |cell: CellRef| {
            let selected = selected.clone();
            let start_edit = start_edit.clone();
            let editing = editing.clone();
            let grid_ref = grid_ref.clone();
            Callback::from(move |_: MouseEvent| {
                if editing.as_ref().is_some_and(|e| e.cell == cell) {
                    return;
                }
                if *selected == cell {
                    start_edit(cell, None);
                } else {
                    selected.set(cell);
                    if let Some(grid) = grid_ref.cast::<web_sys::HtmlElement>() {
                        let _ = grid.focus();
                    }
                }
            })
        }
    };

    let replace_sheet = {
        let sheet = sheet.clone();
        let version = version.clone();
        let editing = editing.clone();
        let live_edit = live_edit.clone();
        let flash = flash.clone();
        let persist = persist.clone();
        move |fresh: Sheet| {
            *live_edit.borrow_mut() = None;
            editing.set(None);
            *flash.borrow_mut() = FlashState::default();
            persist(&fresh);
            sheet.set(Rc::new(fresh));
            version.set(*version + 1);
        }
    };
    let on_sample = {
        let replace_sheet = replace_sheet.clone();
        Callback::from(move |_: MouseEvent| replace_sheet(sample_sheet()))
    };
    let on_clear = {
        let replace_sheet = replace_sheet.clone();
        Callback::from(move |_: MouseEvent| replace_sheet(Sheet::default()))
    };
    let on_toggle_counts = {
        let show_counts = show_counts.clone();
        Callback::from(move |_: Event| show_counts.set(!*show_counts))
    };

    let sel = *selected;
    let sel_idx = (sel.row * cols + sel.col) as usize;
    let sel_value = sheet.value(sel);
    let sel_text = sheet.text(sel);
    let status = match &sel_value {
        CellValue::Error { reason, .. } => {
            format!("{} → {}: {reason}", sel.name(), sel_value.display())
        }
        CellValue::Empty => format!("{} is empty", sel.name()),
        v => format!("{} = {}", sel.name(), v.display()),
    };
    let flashed = flash.borrow().flashed.clone();
    let last = flash.borrow().last.clone();

    html! {
        <section class="card sig-sheet" aria-labelledby="sig-sheet-h">
            <h3 id="sig-sheet-h">{ "3. A live spreadsheet on the same runtime" }</h3>
            <p class="note">
                { "Each cell is a signal (its text) and a memo (its value); a formula’s memo reads the cells it names, and those reads are the dependency graph. Click a cell (or use the arrow keys), press Enter or click again to edit, Enter to save, Escape to cancel. Formulas: " }
                <code>{ "=A1+B2*2" }</code>{ ", " }<code>{ "=SUM(A1:A5)" }</code>{ ", AVG, MIN, MAX, parentheses. Try a cycle: A1 = " }<code>{ "=B1" }</code>{ ", B1 = " }<code>{ "=A1" }</code>{ "." }
            </p>
            if let Some(n) = &*notice {
                <p class="notice" role="status">{ n.clone() }</p>
            }
            <div class="sig-toolbar">
                <label class="sig-check">
                    <input id="sig-show-counts" type="checkbox" checked={*show_counts} onchange={on_toggle_counts} />
                    { " Show recompute counts" }
                </label>
                <button id="sig-sample" class="button" type="button" onclick={on_sample}>{ "Load the sample" }</button>
                <button id="sig-clear" class="button" type="button" onclick={on_clear}>{ "Clear" }</button>
                <span class="note">{ match *source {
                    SheetSource::Url => "Loaded from the link; edits are saved in this browser and the link.",
                    SheetSource::Storage => "Saved in this browser (localStorage) and in the link.",
                    SheetSource::Sample => "The sample sheet; your edits are saved in this browser.",
                } }</span>
            </div>
            <div class="sig-formula-bar">
                <span class="sig-cell-name">{ sel.name() }</span>
                <code id="sig-selected-text">{ if sel_text.is_empty() { "(empty)".to_string() } else { sel_text.clone() } }</code>
            </div>
            <p id="sig-status" class={classes!("sig-status", matches!(sel_value, CellValue::Error { .. }).then_some("bad"))} aria-live="polite">{ status }</p>
            <p id="sig-last-recomputed" class="note">{
                if last.is_empty() {
                    "Edit a cell to see which cells recompute.".to_string()
                } else {
                    format!("The last change recomputed {} cell{}: {}", last.len(), if last.len() == 1 { "" } else { "s" },
                        last.iter().map(CellRef::name).collect::<Vec<_>>().join(", "))
                }
            }</p>
            <ErrorText id="sig-cell-error" message={(*edit_error).clone()} />
            <div class="sig-grid-scroll">
                <table class={classes!("sig-grid", show_counts.then_some("with-counts"))} role="grid" aria-label="Spreadsheet" tabindex="0" id="sig-grid"
                    ref={grid_ref} onkeydown={on_grid_key}
                    aria-activedescendant={format!("sig-cell-{}", sel.name())}>
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
                                    let i = (r * cols + c) as usize;
                                    let (display, reason, is_err, is_num) = displays[i].clone();
                                    let count = counts.get(i).copied().unwrap_or(0);
                                    let is_sel = cell == sel;
                                    let is_flash = flashed.get(i).copied().unwrap_or(false);
                                    let edit_here = editing.as_ref().filter(|e| e.cell == cell);
                                    let title = reason.clone().unwrap_or_else(|| {
                                        let t = sheet.text(cell);
                                        if t.starts_with('=') { t } else { String::new() }
                                    });
                                    // A new key when the count changes recreates the cell, so
                                    // the flash animation plays again for every recompute.
                                    html! {
                                        <td key={format!("{}-{}", cell.name(), count)}
                                            id={format!("sig-cell-{}", cell.name())}
                                            role="gridcell"
                                            aria-selected={is_sel.to_string()}
                                            data-count={count.to_string()}
                                            title={(!title.is_empty()).then_some(title)}
                                            class={classes!(
                                                "sig-cell",
                                                is_sel.then_some("selected"),
                                                is_flash.then_some("sig-cell-flash"),
                                                is_err.then_some("error"),
                                                is_num.then_some("num"),
                                            )}
                                            onclick={on_cell_click(cell)}>
                                            if let Some(ed) = edit_here {
                                                <input class="sig-cell-input" id="sig-cell-input" ref={input_ref.clone()}
                                                    aria-label={format!("Formula or value for {}", cell.name())}
                                                    aria-invalid={edit_error.is_some().to_string()}
                                                    aria-describedby="sig-cell-error"
                                                    value={ed.draft.clone()}
                                                    oninput={on_input.clone()}
                                                    onkeydown={on_input_key.clone()}
                                                    onblur={on_blur.clone()} />
                                            } else {
                                                <span class="sig-cell-value">{ display }</span>
                                                if *show_counts {
                                                    <span class="sig-count" aria-label={format!("computed {count} times")}>{ count }</span>
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
            <DepGraph sheet={SheetRef((*sheet).clone(), *version)} cell={sel} />
            <p class="note">{ format!("{} reactive nodes alive in this sheet’s runtime; cell {} computed {} time(s).", sheet.runtime().node_count(), sel.name(), counts.get(sel_idx).copied().unwrap_or(0)) }</p>
        </section>
    }
}

/// Moves `from` by (dc, dr), clamped to the grid.
fn moved(from: CellRef, dc: i32, dr: i32, cols: u32, rows: u32) -> CellRef {
    let c = (from.col as i64 + dc as i64).clamp(0, cols as i64 - 1) as u32;
    let r = (from.row as i64 + dr as i64).clamp(0, rows as i64 - 1) as u32;
    CellRef::new(c, r)
}

/// The sheet for a prop: compared by identity and edit version, so the graph re-renders
/// after every edit.
#[derive(Clone)]
struct SheetRef(Rc<Sheet>, u64);

impl PartialEq for SheetRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

#[derive(Properties, PartialEq)]
struct DepGraphProps {
    sheet: SheetRef,
    cell: CellRef,
}

/// A three-layer drawing: what the cell reads, the cell, what reads it.
#[component]
fn DepGraph(props: &DepGraphProps) -> Html {
    let sheet = &props.sheet.0;
    let cell = props.cell;
    let deps: Vec<CellRef> = sheet
        .dependencies(cell)
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let dependents = sheet.dependents(cell);
    let shown = |v: &[CellRef]| v.iter().take(GRAPH_MAX).copied().collect::<Vec<_>>();
    let (left, right) = (shown(&deps), shown(&dependents));
    let more_left = deps.len().saturating_sub(GRAPH_MAX);
    let more_right = dependents.len().saturating_sub(GRAPH_MAX);
    let row_h = 30.0;
    let lanes = left.len().max(right.len()).max(1) + usize::from(more_left > 0 || more_right > 0);
    let height = (lanes as f64) * row_h + 20.0;
    let (w, node_w, node_h) = (420.0, 110.0, 24.0);
    let xs = [10.0, (w - node_w) / 2.0, w - node_w - 10.0];
    let y_of = |i: usize, n: usize| {
        let total = n.max(1) as f64 * row_h;
        (height - total) / 2.0 + i as f64 * row_h + (row_h - node_h) / 2.0
    };
    let center_y = (height - node_h) / 2.0;
    let node = |c: CellRef, x: f64, y: f64, class: &'static str| {
        let v = sheet.value(c).display();
        let label = if v.chars().count() > 9 {
            format!("{}: {}…", c.name(), v.chars().take(8).collect::<String>())
        } else if v.is_empty() {
            c.name()
        } else {
            format!("{}: {v}", c.name())
        };
        html! {
            <g class={classes!("sig-gnode", class)}>
                <rect x={x.to_string()} y={y.to_string()} width={node_w.to_string()} height={node_h.to_string()} rx="5" />
                <text x={(x + node_w / 2.0).to_string()} y={(y + node_h / 2.0 + 4.5).to_string()} text-anchor="middle">{ label }</text>
            </g>
        }
    };
    let edge = |x1: f64, y1: f64, x2: f64, y2: f64| {
        html! { <line class="sig-gedge" x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} marker-end="url(#sig-arrow)" /> }
    };
    let summary = format!(
        "{} reads {} cell{}; {} cell{} read{} it.",
        cell.name(),
        deps.len(),
        if deps.len() == 1 { "" } else { "s" },
        dependents.len(),
        if dependents.len() == 1 { "" } else { "s" },
        if dependents.len() == 1 { "s" } else { "" },
    );
    html! {
        <figure class="sig-graph">
            <figcaption><strong>{ "Dependency graph of the selected cell. " }</strong><span id="sig-graph-summary">{ summary.clone() }</span></figcaption>
            <svg viewBox={format!("0 0 {w} {height}")} role="img" aria-label={summary} id="sig-graph-svg">
                <defs>
                    <marker id="sig-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="sig-arrowhead" />
                    </marker>
                </defs>
                { for left.iter().enumerate().map(|(i, _)| edge(xs[0] + node_w, y_of(i, left.len()) + node_h / 2.0, xs[1], center_y + node_h / 2.0)) }
                { for right.iter().enumerate().map(|(i, _)| edge(xs[1] + node_w, center_y + node_h / 2.0, xs[2], y_of(i, right.len()) + node_h / 2.0)) }
                { for left.iter().enumerate().map(|(i, c)| node(*c, xs[0], y_of(i, left.len()), "dep")) }
                { node(cell, xs[1], center_y, "self") }
                { for right.iter().enumerate().map(|(i, c)| node(*c, xs[2], y_of(i, right.len()), "dependent")) }
                if more_left > 0 {
                    <text class="sig-gmore" x={(xs[0] + node_w / 2.0).to_string()} y={(height - 6.0).to_string()} text-anchor="middle">{ format!("+ {more_left} more") }</text>
                }
                if more_right > 0 {
                    <text class="sig-gmore" x={(xs[2] + node_w / 2.0).to_string()} y={(height - 6.0).to_string()} text-anchor="middle">{ format!("+ {more_right} more") }</text>
                }
                if left.is_empty() {
                    <text class="sig-gmore" x={(xs[0] + node_w / 2.0).to_string()} y={(center_y + node_h / 2.0 + 4.0).to_string()} text-anchor="middle">{ "reads nothing" }</text>
                }
                if right.is_empty() {
                    <text class="sig-gmore" x={(xs[2] + node_w / 2.0).to_string()} y={(center_y + node_h / 2.0 + 4.0).to_string()} text-anchor="middle">{ "nobody reads it" }</text>
                }
            </svg>
        </figure>
    }
}
