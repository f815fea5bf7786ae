//! Counting what changed in a subtree with a `MutationObserver`: the same yardstick for
//! our patcher and for Yew, whose DOM calls cannot be counted from outside.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{MutationObserver, MutationObserverInit, MutationRecord, Node};

use super::patch::{DomError, TOUCHED_ATTRIBUTE, dom_call};

/// What a `MutationObserver` saw change in a subtree. A move shows up as one node removed
/// and one added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mutations {
    /// Nodes inserted (a newly built subtree counts once, at its root).
    pub added: u32,
    /// Nodes taken out.
    pub removed: u32,
    /// Attribute changes (set or removed).
    pub attributes: u32,
    /// Text changes.
    pub texts: u32,
}

impl Mutations {
    /// All changes together.
    pub fn total(&self) -> u32 {
        self.added + self.removed + self.attributes + self.texts
    }

    /// Adds another tally into this one.
    pub fn add(&mut self, other: &Mutations) {
        self.added += other.added;
        self.removed += other.removed;
        self.attributes += other.attributes;
        self.texts += other.texts;
    }

    /// The tally of a batch of `MutationRecord`s. Step mode's highlight attribute is not
    /// counted.
    fn of_records(records: &js_sys::Array) -> Mutations {
        let mut tally = Mutations::default();
        for record in records.iter() {
            let Ok(record) = record.dyn_into::<MutationRecord>() else {
                continue;
            };
            match record.type_().as_str() {
                "childList" => {
                    tally.added += record.added_nodes().length();
                    tally.removed += record.removed_nodes().length();
                }
                "attributes" if record.attribute_name().as_deref() != Some(TOUCHED_ATTRIBUTE) => {
                    tally.attributes += 1;
                }
                "characterData" => tally.texts += 1,
                _ => {}
            }
        }
        tally
    }
}

/// A `MutationObserver` on a subtree; [`Watch::take`] reads what changed since it started.
/// Disconnects when dropped.
///
/// The browser hands records to the observer's callback at the next microtask checkpoint,
/// and a record handed over is gone from `takeRecords`. So both count: the callback adds
/// what it is given to a tally, and `take` adds whatever is still queued. A renderer that
/// patches in one task and is read in a later one (Yew renders from a microtask) is
/// counted as fully as a synchronous patcher.
pub struct Watch {
    observer: MutationObserver,
    delivered: Rc<Cell<Mutations>>,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Watch {
    /// Starts watching `target` and everything under it.
    pub fn start(target: &Node) -> Result<Watch, DomError> {
        let delivered = Rc::new(Cell::new(Mutations::default()));
        let callback = {
            let delivered = delivered.clone();
            Closure::<dyn FnMut(js_sys::Array)>::new(move |records: js_sys::Array| {
                let mut tally = delivered.get();
                tally.add(&Mutations::of_records(&records));
                delivered.set(tally);
            })
        };
        let observer = dom_call(
            "MutationObserver",
            MutationObserver::new(callback.as_ref().unchecked_ref()),
        )?;
        let options = MutationObserverInit::new();
        options.set_child_list(true);
        options.set_attributes(true);
        options.set_character_data(true);
        options.set_subtree(true);
        dom_call("observe", observer.observe_with_options(target, &options))?;
        Ok(Watch {
            observer,
            delivered,
            _callback: callback,
        })
    }

    /// What changed since the start or the last `take`: the records already handed to
    /// the callback and those still queued.
    pub fn take(&self) -> Mutations {
        let mut tally = self.delivered.take();
        tally.add(&Mutations::of_records(&self.observer.take_records()));
        tally
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
