//! The Virtual DOM tab's live pane for our patcher: a tree built from "before" and stepped
//! through a patch list, one patch at a time or the rest at once, with the DOM calls made
//! and the changes a `MutationObserver` saw.
//!
//! The pane's element is created and owned here, not rendered by Yew: a component gives
//! it an empty host to live in ([`LivePane::attach_to`]), so Yew's reconciliation never
//! holds a reference to nodes that our patcher replaced.

use web_sys::{Element, Node};

use super::count::{Mutations, Watch};
use super::patch::{
    TOUCHED_ATTRIBUTE, apply_patch, apply_patches_counted, document, mark_touched, mount,
};
use crate::lab::vdom::{DomCounts, Patch, VNode};

/// A live tree and its progress through a patch list.
pub struct LivePane {
    element: Element,
    applied: usize,
    counts: DomCounts,
    observed: Mutations,
    error: Option<String>,
    marked: Option<Element>,
    html: String,
    last_touched: Option<usize>,
}

impl LivePane {
    /// An empty pane: a focusable `<div id={id} class="live" role="group">` named `label`
    /// for assistive technology, not yet in the document. `None` without a document.
    pub fn new(id: &str, label: &str) -> Option<LivePane> {
        let element = document().ok()?.create_element("div").ok()?;
        element.set_id(id);
        element.set_class_name("live");
        element.set_attribute("role", "group").ok()?;
        // Markup can make the pane scroll: keyboard users can then scroll it too.
        element.set_attribute("tabindex", "0").ok()?;
        element.set_attribute("aria-label", label).ok()?;
        Some(LivePane {
            element,
            applied: 0,
            counts: DomCounts::default(),
            observed: Mutations::default(),
            error: None,
            marked: None,
            html: String::new(),
            last_touched: None,
        })
    }

    /// Puts the pane into `host` (as its last child) unless it is there already.
    pub fn attach_to(&self, host: &Node) {
        if self.element.parent_node().as_ref() != Some(host) {
            let _ = host.append_child(&self.element);
        }
    }

    /// How many patches are applied.
    pub fn applied(&self) -> usize {
        self.applied
    }

    /// The DOM calls made since the last reset.
    pub fn counts(&self) -> &DomCounts {
        &self.counts
    }

    /// What a `MutationObserver` saw change since the last reset.
    pub fn observed(&self) -> Mutations {
        self.observed
    }

    /// Why patching stopped, if it did.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The pane's `innerHTML` after the last change (without step mode's highlight).
    pub fn html(&self) -> &str {
        &self.html
    }

    /// The index of the patch the last step applied (none after a reset or Apply all).
    pub fn last_touched(&self) -> Option<usize> {
        self.last_touched
    }

    fn unmark(&mut self) {
        if let Some(element) = self.marked.take() {
            let _ = element.remove_attribute(TOUCHED_ATTRIBUTE);
        }
    }

    /// Builds `before` afresh: nothing applied, nothing counted.
    pub fn reset(&mut self, before: &VNode) {
        self.unmark();
        self.applied = 0;
        self.counts = DomCounts::default();
        self.observed = Mutations::default();
        self.last_touched = None;
        self.error = mount(&self.element, before).err().map(|e| e.to_string());
        self.html = self.element.inner_html();
    }

    /// Applies the next patch through web-sys; `highlight` marks the node it touched.
    /// `false` when there is nothing left to apply or patching has stopped.
    pub fn step(&mut self, patches: &[Patch], highlight: bool) -> bool {
        self.unmark();
        let Some(patch) = patches.get(self.applied) else {
            return false;
        };
        if self.error.is_some() {
            return false;
        }
        let watch = Watch::start(&self.element).ok();
        let result = apply_patch(&self.element, patch, &mut self.counts);
        if let Some(watch) = watch {
            self.observed.add(&watch.take());
        }
        if let Err(e) = result {
            self.error = Some(format!("patch {} failed: {}", self.applied + 1, e.message));
            return false;
        }
        self.applied += 1;
        self.html = self.element.inner_html();
        self.last_touched = Some(self.applied - 1);
        if highlight {
            self.marked = mark_touched(&self.element, &patch.touched_path());
        }
        true
    }

    /// Applies every remaining patch with one call into JavaScript (the batched patcher).
    pub fn apply_all(&mut self, patches: &[Patch]) {
        self.unmark();
        self.last_touched = None;
        let rest = patches.get(self.applied..).unwrap_or_default();
        if self.error.is_some() || rest.is_empty() {
            return;
        }
        let watch = Watch::start(&self.element).ok();
        let result = apply_patches_counted(&self.element, rest, &mut self.counts);
        if let Some(watch) = watch {
            self.observed.add(&watch.take());
        }
        match result {
            Ok(()) => self.applied = patches.len(),
            Err(e) => {
                let failed = self.applied + e.patch_index.unwrap_or(0);
                self.error = Some(format!("patch {} failed: {}", failed + 1, e.message));
                self.applied = failed;
            }
        }
        self.html = self.element.inner_html();
    }
}
