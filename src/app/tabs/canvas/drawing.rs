//! The drawing every section shares: its history (undo and redo over strokes), which
//! renderer paints it, and where it is kept across reloads.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use crate::lab::canvas::editor::{read_saved, saved_text};
use crate::lab::canvas::{DrawCommand, History};
use crate::web::storage;

/// Where the drawing is kept across reloads.
pub const STORAGE_KEY: &str = "wasm-playground:canvas";

pub struct Model {
    pub history: History,
    /// `history.commands()`, kept so a pointer move does not rebuild it.
    pub committed: Vec<DrawCommand>,
    /// The drawing canvas is painted by renderer B instead of A.
    pub rasterized: bool,
}

/// A handle to the drawing. Components re-render when its version changes; a change
/// made through [`Drawing::edit`] re-renders the tab.
#[derive(Clone)]
pub struct Drawing {
    model: Rc<RefCell<Model>>,
    /// Bumped on every change of the drawing (0 = as loaded).
    pub version: u64,
    changed: Callback<()>,
}

impl PartialEq for Drawing {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model) && self.version == other.version
    }
}

impl Drawing {
    pub fn model(&self) -> Ref<'_, Model> {
        self.model.borrow()
    }

    /// Applies `f` to the history; when it says something changed, the drawing is
    /// re-rendered, repainted and saved. Returns what `f` returned.
    pub fn edit(&self, f: impl FnOnce(&mut History) -> bool) -> bool {
        let changed = {
            let mut m = self.model.borrow_mut();
            let changed = f(&mut m.history);
            if changed {
                m.committed = m.history.commands();
            }
            changed
        };
        if changed {
            self.changed.emit(());
        }
        changed
    }

    /// Paints the drawing canvas with renderer B (`true`) or A.
    pub fn set_rasterized(&self, rasterized: bool) {
        self.model.borrow_mut().rasterized = rasterized;
        self.changed.emit(());
    }
}

/// The saved drawing (or an empty one), with a message when the saved one could not be
/// used.
fn load_saved() -> (History, Option<String>) {
    match storage::get(STORAGE_KEY) {
        Ok(Some(text)) => match read_saved(&text) {
            Ok(strokes) => (History::from_strokes(strokes), None),
            Err(why) => (History::new(), Some(why.to_string())),
        },
        Ok(None) => (History::new(), None),
        Err(e) => (History::new(), Some(format!("Not restored: {e}."))),
    }
}

/// What [`use_drawing`] gives: the drawing, and why it was not restored or not saved.
pub struct DrawingState {
    pub drawing: Drawing,
    pub load_message: Option<String>,
    pub save_message: Option<String>,
}

/// The tab's drawing, restored from storage on mount and saved after every change.
#[hook]
pub fn use_drawing() -> DrawingState {
    let loaded = use_memo((), |_| load_saved());
    let model = use_mut_ref(|| {
        let history = loaded.0.clone();
        let committed = history.commands();
        Model {
            history,
            committed,
            rasterized: false,
        }
    });
    let version = use_state(|| 0u64);
    let save_message = use_state(|| None::<String>);
    let changed = {
        let version = version.setter();
        let counter = use_mut_ref(|| 0u64);
        Callback::from(move |_: ()| {
            let next = {
                let mut c = counter.borrow_mut();
                *c += 1;
                *c
            };
            version.set(next);
        })
    };
    {
        let model = model.clone();
        let save_message = save_message.clone();
        use_effect_with(*version, move |&version| {
            if version > 0 {
                let m = model.borrow();
                let result = saved_text(m.history.strokes())
                    .and_then(|text| storage::set(STORAGE_KEY, &text).map_err(|e| e.to_string()))
                    .err();
                if *save_message != result {
                    save_message.set(result);
                }
            }
        });
    }
    DrawingState {
        drawing: Drawing {
            model,
            version: *version,
            changed,
        },
        load_message: loaded.1.clone(),
        save_message: (*save_message).clone(),
    }
}
