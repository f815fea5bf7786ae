//! The spreadsheet's state and what can be done to it: select a cell, edit it, commit or
//! cancel, clear it, load another sheet. Every change that sticks is saved in
//! localStorage and in the link (`#/signals?sheet=…`).

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::Route;
use crate::app::hooks::{QueryState, use_query_state};
use crate::lab::signals::sheet::{CellRef, Sheet};
use crate::lab::signals::sheet_view::{RecomputeWatch, moved};
use crate::web::signals::{SheetSource, load_sheet, save_sheet};

/// The Signals tab's state in the URL: the sheet's compact form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SignalsQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// The cell being edited and the text typed so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Editing {
    pub cell: CellRef,
    pub draft: String,
}

/// A handle on the spreadsheet's state, from [`use_sheet`]; clones share it.
#[derive(Clone)]
pub struct SheetState {
    pub sheet: UseStateHandle<Rc<Sheet>>,
    /// Bumped by every change, so views of the (interior-mutable) sheet re-render.
    pub version: UseStateHandle<u64>,
    pub source: UseStateHandle<SheetSource>,
    /// A problem loading or saving, for a notice.
    pub notice: UseStateHandle<Option<String>>,
    pub selected: UseStateHandle<CellRef>,
    pub editing: UseStateHandle<Option<Editing>>,
    pub edit_error: UseStateHandle<Option<String>>,
    /// Which cells the last change recomputed.
    pub watch: Rc<RefCell<RecomputeWatch>>,
    /// Set by a commit or cancel that should give the keyboard back to the grid.
    pub refocus_grid: Rc<RefCell<bool>>,
    /// The edit in progress as event handlers see it, so a blur after Escape cannot
    /// commit a draft that was cancelled.
    live_edit: Rc<RefCell<Option<Editing>>>,
    query: QueryState<SignalsQuery>,
}

impl PartialEq for SheetState {
    /// Handles on the same state are equal. Reading a handle gives the state as it is
    /// now, not as it was at a render, so a view's props carry the values it shows
    /// (selection, edit, version) beside the handle.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.watch, &other.watch)
    }
}

impl SheetState {
    fn cols_rows(&self) -> (u32, u32) {
        (self.sheet.cols(), self.sheet.rows())
    }

    /// Saves `sheet` in this browser and in the link.
    fn persist(&self, sheet: &Sheet) {
        match save_sheet(sheet) {
            Ok(()) => {
                if matches!(*self.source, SheetSource::Url | SheetSource::Sample) {
                    self.source.set(SheetSource::Storage);
                }
            }
            Err(e) => self.notice.set(Some(e)),
        }
        // A link that cannot be written only loses the link, never the sheet.
        self.query.replace(SignalsQuery {
            sheet: Some(sheet.to_compact()),
        });
    }

    pub fn select(&self, cell: CellRef) {
        self.selected.set(cell);
    }

    /// Opens the editor on `cell` with `draft`, or with the cell's text.
    pub fn start_edit(&self, cell: CellRef, draft: Option<String>) {
        let e = Editing {
            cell,
            draft: draft.unwrap_or_else(|| self.sheet.text(cell)),
        };
        *self.live_edit.borrow_mut() = Some(e.clone());
        self.edit_error.set(None);
        self.editing.set(Some(e));
    }

    pub fn set_draft(&self, draft: String) {
        let mut live = self.live_edit.borrow_mut();
        if let Some(e) = live.as_mut() {
            e.draft = draft;
            self.editing.set(Some(e.clone()));
        }
    }

    /// Saves the edit in progress into its cell; `then` moves the selection afterwards,
    /// `focus_grid` gives the keyboard back to the grid. A text the sheet refuses
    /// stays in the editor with the reason.
    pub fn commit(&self, then: Option<(i32, i32)>, focus_grid: bool) {
        let Some(e) = self.live_edit.borrow().clone() else {
            return;
        };
        match Sheet::set(&self.sheet, e.cell, &e.draft) {
            Ok(()) => {
                *self.live_edit.borrow_mut() = None;
                *self.refocus_grid.borrow_mut() = focus_grid;
                self.edit_error.set(None);
                self.editing.set(None);
                self.persist(&self.sheet);
                self.version.set(*self.version + 1);
                if let Some((dc, dr)) = then {
                    let (cols, rows) = self.cols_rows();
                    self.selected.set(moved(e.cell, dc, dr, cols, rows));
                }
            }
            Err(err) => self.edit_error.set(Some(format!("Not saved: {err}."))),
        }
    }

    /// Closes the editor without saving.
    pub fn cancel(&self) {
        *self.live_edit.borrow_mut() = None;
        *self.refocus_grid.borrow_mut() = true;
        self.edit_error.set(None);
        self.editing.set(None);
    }

    /// Empties `cell`.
    pub fn clear_cell(&self, cell: CellRef) {
        if Sheet::set(&self.sheet, cell, "").is_ok() {
            self.persist(&self.sheet);
            self.version.set(*self.version + 1);
        }
    }

    /// Shows `fresh` instead of the current sheet (the sample, an empty one).
    pub fn replace(&self, fresh: Sheet) {
        *self.live_edit.borrow_mut() = None;
        self.editing.set(None);
        *self.watch.borrow_mut() = RecomputeWatch::default();
        self.persist(&fresh);
        self.sheet.set(Rc::new(fresh));
        self.version.set(*self.version + 1);
    }
}

/// The spreadsheet's state: the sheet from the link, else from localStorage, else the
/// sample (with a notice when one of those could not be read).
#[hook]
pub fn use_sheet() -> SheetState {
    let query = use_query_state::<SignalsQuery>(Route::Signals);
    let boot = use_mut_ref(|| (SheetSource::Sample, None::<String>));
    let sheet = {
        let (boot, linked) = (boot.clone(), query.sheet.clone());
        use_state(move || {
            let (sheet, source, problem) = load_sheet(linked.as_deref());
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
    SheetState {
        sheet,
        version: use_state(|| 0u64),
        source,
        notice,
        selected,
        editing: use_state(|| None::<Editing>),
        edit_error: use_state(|| None::<String>),
        watch: use_mut_ref(RecomputeWatch::default),
        refocus_grid: use_mut_ref(|| false),
        live_edit: use_mut_ref(|| None::<Editing>),
        query,
    }
}
