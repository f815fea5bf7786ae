//! Building and patching live DOM nodes.
//!
//! Indexes in a patch are read exactly as [`crate::lab::vdom::apply`] documents: each path
//! is resolved on the live DOM *as it is when that patch runs*, so the live child list must
//! match the virtual one node for node. That is why the first DOM is built with
//! `createElement`/`createTextNode` and never with `innerHTML` (the HTML parser would merge
//! adjacent text nodes and drop empty ones, shifting every later index).
//!
//! Everything here returns `Result`: a patch that does not fit the page is reported with
//! its number, never a panic.

use std::fmt;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node};

use crate::lab::vdom::encode::{Counter, encode};
use crate::lab::vdom::{DomCounts, Patch, PatchOp, VNode};
use crate::web::error::js_error_message;

#[wasm_bindgen(module = "/src/web/js/vdom.js")]
extern "C" {
    /// Replays a program written by [`crate::lab::vdom::encode`] on the tree in
    /// `container`, adding the DOM calls it made to `counts` (indexed by [`Counter`]).
    /// Throws an error whose `patch` property is the failing patch's index.
    #[wasm_bindgen(catch, js_name = applyOps)]
    fn apply_ops(
        container: &Node,
        ops: &[u32],
        strings: &str,
        counts: &mut [u32],
    ) -> Result<(), JsValue>;
}

/// A DOM call that failed, or a patch that does not fit the live tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomError {
    /// The failing patch's position in its list, when patching.
    pub patch_index: Option<usize>,
    /// What went wrong, in words.
    pub message: String,
}

impl DomError {
    /// An error that is not about one patch.
    pub fn new(message: impl Into<String>) -> DomError {
        plain(message)
    }
}

impl fmt::Display for DomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.patch_index {
            Some(i) => write!(f, "patch {} failed: {}", i + 1, self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for DomError {}

pub(crate) fn plain(message: impl Into<String>) -> DomError {
    DomError {
        patch_index: None,
        message: message.into(),
    }
}

pub(crate) fn dom_call<T>(what: &str, result: Result<T, JsValue>) -> Result<T, DomError> {
    result.map_err(|e| plain(format!("{what}: {}", js_error_message(&e))))
}

pub(crate) fn document() -> Result<Document, DomError> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| plain("no document"))
}

/// One node without its children.
fn create_one(doc: &Document, node: &VNode, counts: &mut DomCounts) -> Result<Node, DomError> {
    match node {
        VNode::Text(text) => {
            counts.create_text += 1;
            Ok(doc.create_text_node(text).into())
        }
        VNode::Element {
            tag, attributes, ..
        } => {
            let element = dom_call("createElement", doc.create_element(tag))?;
            counts.create_element += 1;
            for (name, value) in attributes {
                dom_call("setAttribute", element.set_attribute(name, value))?;
                counts.set_attribute += 1;
            }
            Ok(element.into())
        }
    }
}

/// Builds live, detached DOM nodes for `node` and its subtree with `createElement`,
/// `createTextNode`, `setAttribute` and `appendChild` (never `innerHTML`, see the module
/// docs), counting the calls. Iterative: any depth.
pub fn create_dom(node: &VNode, counts: &mut DomCounts) -> Result<Node, DomError> {
    let doc = document()?;
    let root = create_one(&doc, node, counts)?;
    let mut stack: Vec<(&VNode, Node)> = vec![(node, root.clone())];
    while let Some((vnode, parent)) = stack.pop() {
        for child in vnode.children() {
            let live = create_one(&doc, child, counts)?;
            dom_call("appendChild", parent.append_child(&live))?;
            counts.insert += 1;
            if !child.children().is_empty() {
                stack.push((child, live));
            }
        }
    }
    Ok(root)
}

/// Empties `container` and puts a freshly built DOM for `tree` in it as its only child:
/// the starting point that [`apply_patches`] expects.
pub fn mount(container: &Node, tree: &VNode) -> Result<DomCounts, DomError> {
    while let Some(child) = container.last_child() {
        dom_call("removeChild", container.remove_child(&child))?;
    }
    let mut counts = DomCounts::default();
    let root = create_dom(tree, &mut counts)?;
    dom_call("appendChild", container.append_child(&root))?;
    Ok(counts)
}

fn dom_index(index: usize) -> Result<u32, String> {
    u32::try_from(index).map_err(|_| format!("child index {index} is too large"))
}

fn child_at(parent: &Node, index: usize) -> Result<Option<Node>, String> {
    Ok(parent.child_nodes().item(dom_index(index)?))
}

/// The live node a patch path names. The tree's root is `container`'s first child node,
/// so the empty path is that root.
pub fn resolve(container: &Node, path: &[usize]) -> Result<Node, String> {
    let mut node = container
        .first_child()
        .ok_or_else(|| "the container holds no tree".to_string())?;
    for (depth, &index) in path.iter().enumerate() {
        node = child_at(&node, index)?
            .ok_or_else(|| format!("step {} of the path leads to no node", depth + 1))?;
    }
    Ok(node)
}

fn as_element(node: &Node) -> Result<&Element, String> {
    node.dyn_ref::<Element>()
        .ok_or_else(|| "the node is text, not an element".to_string())
}

/// Applies one patch to the live tree in `container` (see [`resolve`]).
pub fn apply_patch(
    container: &Node,
    patch: &Patch,
    counts: &mut DomCounts,
) -> Result<(), DomError> {
    apply_one(container, patch, counts).map_err(|message| DomError {
        patch_index: None,
        message,
    })
}

fn apply_one(container: &Node, patch: &Patch, counts: &mut DomCounts) -> Result<(), String> {
    let js = |what: &str, e: JsValue| format!("{what}: {}", js_error_message(&e));
    let node = resolve(container, &patch.path)?;
    match &patch.op {
        PatchOp::Replace(new) => {
            let parent = node
                .parent_node()
                .ok_or_else(|| "the node has no parent".to_string())?;
            let live = create_dom(new, counts).map_err(|e| e.message)?;
            parent
                .replace_child(&live, &node)
                .map_err(|e| js("replaceChild", e))?;
            counts.replace += 1;
        }
        PatchOp::SetText(text) => {
            if node.node_type() != Node::TEXT_NODE {
                return Err("the node is an element, not text".into());
            }
            node.set_node_value(Some(text));
            counts.set_text += 1;
        }
        PatchOp::SetAttribute(name, value) => {
            as_element(&node)?
                .set_attribute(name, value)
                .map_err(|e| js("setAttribute", e))?;
            counts.set_attribute += 1;
        }
        PatchOp::RemoveAttribute(name) => {
            let element = as_element(&node)?;
            if !element.has_attribute(name) {
                return Err(format!("the element has no attribute {name:?} to remove"));
            }
            element
                .remove_attribute(name)
                .map_err(|e| js("removeAttribute", e))?;
            counts.remove_attribute += 1;
        }
        PatchOp::InsertChild { index, node: new } => {
            as_element(&node)?;
            let len = node.child_nodes().length() as usize;
            if *index > len {
                return Err(format!(
                    "child index {index} is out of range: there are {len} children"
                ));
            }
            let reference = child_at(&node, *index)?;
            let live = create_dom(new, counts).map_err(|e| e.message)?;
            node.insert_before(&live, reference.as_ref())
                .map_err(|e| js("insertBefore", e))?;
            counts.insert += 1;
        }
        PatchOp::RemoveChild { index } => {
            as_element(&node)?;
            let len = node.child_nodes().length() as usize;
            let child = child_at(&node, *index)?.ok_or_else(|| {
                format!("child index {index} is out of range: there are {len} children")
            })?;
            node.remove_child(&child)
                .map_err(|e| js("removeChild", e))?;
            counts.remove += 1;
        }
        PatchOp::MoveChild { from, to } => {
            as_element(&node)?;
            let len = node.child_nodes().length() as usize;
            if *from >= len || *to >= len {
                return Err(format!(
                    "move {from} → {to} is out of range: there are {len} children"
                ));
            }
            let child =
                child_at(&node, *from)?.ok_or_else(|| format!("no child at {from} to move"))?;
            // `to` counts without the moved child: before it, childNodes[to] is the node
            // that ends up right after it; after it, that node sits one further on.
            let reference = if to < from {
                child_at(&node, *to)?
            } else {
                child_at(&node, to + 1)?
            };
            node.insert_before(&child, reference.as_ref())
                .map_err(|e| js("insertBefore", e))?;
            counts.moves += 1;
        }
    }
    Ok(())
}

/// Applies a whole patch list one patch at a time through web-sys: every DOM call is its
/// own crossing of the WASM ⇄ JS boundary. Kept as the plain reference that
/// [`apply_patches`] is tested against; step mode uses [`apply_patch`] the same way.
pub fn apply_patches_one_by_one(
    container: &Node,
    patches: &[Patch],
) -> Result<DomCounts, DomError> {
    let mut counts = DomCounts::default();
    for (i, patch) in patches.iter().enumerate() {
        apply_one(container, patch, &mut counts).map_err(|message| DomError {
            patch_index: Some(i),
            message,
        })?;
    }
    Ok(counts)
}

// region: batched
/// Applies a whole patch list to the live tree in `container`, in order, with **one** call
/// into JavaScript, and returns the DOM calls it made. On the first patch that does not
/// fit, stops with its number (the patches before it stay applied, as in
/// [`crate::lab::vdom::apply`]).
///
/// [`crate::lab::vdom::encode`] writes the list as numbers and one string, and `applyOps`
/// in `src/web/js/vdom.js` makes the DOM calls. The node of an `InsertChild` or `Replace`
/// whose shape (tags, attributes, structure) an earlier insert or replace of the same list
/// built is copied with `cloneNode(true)` and only its differing texts are set (template
/// cloning, as Solid, Leptos and Dioxus do with their compiled templates).
pub fn apply_patches(container: &Node, patches: &[Patch]) -> Result<DomCounts, DomError> {
    let mut counts = DomCounts::default();
    apply_patches_counted(container, patches, &mut counts)?;
    Ok(counts)
}

/// [`apply_patches`] adding its DOM calls to `counts`, which also holds the calls made
/// before a failing patch.
pub fn apply_patches_counted(
    container: &Node,
    patches: &[Patch],
    counts: &mut DomCounts,
) -> Result<(), DomError> {
    let program = encode(patches);
    let mut made = [0u32; Counter::ALL.len()];
    let result = apply_ops(container, program.ops(), program.strings(), &mut made);
    counts.add_counters(&made);
    result.map_err(|e| DomError {
        patch_index: js_sys::Reflect::get(&e, &JsValue::from_str("patch"))
            .ok()
            .and_then(|p| p.as_f64())
            .filter(|p| *p >= 0.0)
            .map(|p| p as usize),
        message: js_error_message(&e),
    })
}
// endregion

/// The attribute step mode puts on the node a patch touched (an outline in the tab's CSS).
/// It is removed again before anything is compared.
pub const TOUCHED_ATTRIBUTE: &str = "data-vdom-touched";

/// Marks the element at `path` (for a text node: its parent element) as touched and
/// returns it, so the caller can unmark it later with [`unmark`].
pub fn mark_touched(container: &Node, path: &[usize]) -> Option<Element> {
    let node = resolve(container, path).ok()?;
    let element = match node.dyn_into::<Element>() {
        Ok(element) => element,
        Err(node) => node.parent_element()?,
    };
    element.set_attribute(TOUCHED_ATTRIBUTE, "").ok()?;
    Some(element)
}

/// Removes every touched mark inside `container`.
pub fn unmark(container: &Element) {
    if let Ok(list) = container.query_selector_all(&format!("[{TOUCHED_ATTRIBUTE}]")) {
        for i in 0..list.length() {
            if let Some(element) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = element.remove_attribute(TOUCHED_ATTRIBUTE);
            }
        }
    }
}

/// `innerHTML` of `node` when it is an element (an empty string for any other node).
pub fn inner_html(node: &Node) -> String {
    node.dyn_ref::<Element>()
        .map(Element::inner_html)
        .unwrap_or_default()
}
