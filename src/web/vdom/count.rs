//! Counting what changed in a subtree with a `MutationObserver`: the same yardstick for
//! our patcher and for Yew, whose DOM calls cannot be counted from outside.

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

/// A `MutationObserver` on a subtree; [`Watch::take`] reads what changed since it started
/// (synchronously, with `takeRecords`). Disconnects when dropped.
pub struct Watch {
    observer: MutationObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Watch {
    /// Starts watching `target` and everything under it.
    pub fn start(target: &Node) -> Result<Watch, DomError> {
        // Records are read with takeRecords; the callback only has to exist.
        let callback = Closure::<dyn FnMut()>::new(|| {});
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
            _callback: callback,
        })
    }

    /// What changed since the start or the last `take`.
    pub fn take(&self) -> Mutations {
        Mutations::of_records(&self.observer.take_records())
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
