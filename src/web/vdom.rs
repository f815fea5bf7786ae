//! The virtual DOM meets the real one: build live nodes from a [`VNode`], replay a patch
//! list from [`crate::lab::vdom::diff`] on them (counting every DOM call by kind), hand the
//! same tree to Yew, and time our diff+patch against plain JavaScript DOM code.
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
use std::hint::black_box;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node};
use yew::Properties;

pub use crate::lab::vdom::DomCounts;
use crate::lab::vdom::encode::{Counter, encode};
use crate::lab::vdom::rows::{self, Prng};
use crate::lab::vdom::{Patch, PatchOp, VNode, diff};
use crate::web::bench::{BenchCase, BenchConfig, Side};

#[wasm_bindgen(module = "/src/web/js/vdom.js")]
extern "C" {
    /// A vanilla-JS benchmark case (`op` as in [`OPERATIONS`]) over `rows` rows: a function
    /// that does the operation once on its own detached `<tbody>` and returns a number
    /// derived from the DOM, so the JIT cannot drop the work.
    /// Puts a benchmark stage in the document, taking out the stages of cases that ran
    /// before, so each case is timed with only its own tables in the page.
    #[wasm_bindgen(js_name = showStage)]
    fn show_stage(stage: &Element);

    /// With a `stage`, the table sits in the document there and layout is forced after
    /// every update.
    #[wasm_bindgen(catch, js_name = makeVanillaCase)]
    fn make_vanilla_case(
        op: &str,
        rows: u32,
        stage: Option<&Element>,
        labels: &js_sys::Array,
    ) -> Result<js_sys::Function, JsValue>;

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

impl fmt::Display for DomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.patch_index {
            Some(i) => write!(f, "patch {} failed: {}", i + 1, self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for DomError {}

fn plain(message: impl Into<String>) -> DomError {
    DomError {
        patch_index: None,
        message: message.into(),
    }
}

/// A thrown JS value as text (a DOMException's message, or its string form).
fn js_message(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    format!("{value:?}")
}

fn dom_call<T>(what: &str, result: Result<T, JsValue>) -> Result<T, DomError> {
    result.map_err(|e| plain(format!("{what}: {}", js_message(&e))))
}

fn document() -> Result<Document, DomError> {
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
    let js = |what: &str, e: JsValue| format!("{what}: {}", js_message(&e));
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
        message: js_message(&e),
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

/// What a `MutationObserver` saw change in a subtree: the same yardstick for our patcher
/// and for Yew, whose DOM calls cannot be counted from outside. A move shows up as one
/// node removed and one added.
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
}

/// A `MutationObserver` on a subtree; [`Watch::take`] reads what changed since it started
/// (synchronously, with `takeRecords`). Disconnects when dropped.
pub struct Watch {
    observer: web_sys::MutationObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Watch {
    /// Starts watching `target` and everything under it.
    pub fn start(target: &Node) -> Result<Watch, DomError> {
        // Records are read with takeRecords; the callback only has to exist.
        let callback = Closure::<dyn FnMut()>::new(|| {});
        let observer = dom_call(
            "MutationObserver",
            web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()),
        )?;
        let options = web_sys::MutationObserverInit::new();
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

    /// What changed since the start or the last `take`. Step mode's highlight attribute
    /// is not counted.
    pub fn take(&self) -> Mutations {
        let mut tally = Mutations::default();
        for record in self.observer.take_records().iter() {
            let Ok(record) = record.dyn_into::<web_sys::MutationRecord>() else {
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

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

// ---------------------------------------------------------------------------------------
// Yew

/// Keys for a child list, as Yew needs them: only when every child has one and no key
/// repeats (Yew's keyed reconciliation asserts unique keys in debug builds). Otherwise
/// none, and Yew matches children by position, as our diff then does.
fn child_keys(children: &[VNode]) -> bool {
    let mut seen = std::collections::HashSet::with_capacity(children.len());
    !children.is_empty()
        && children
            .iter()
            .all(|c| c.key().is_some_and(|k| seen.insert(k)))
}

fn yew_tag(
    tag: &str,
    attributes: &[(String, String)],
    key: Option<&str>,
) -> yew::virtual_dom::VTag {
    use yew::virtual_dom::{AttrValue, VTag};
    let mut vtag = VTag::new(AttrValue::from(tag.to_owned()));
    let map: indexmap::IndexMap<AttrValue, AttrValue> = attributes
        .iter()
        .map(|(n, v)| (AttrValue::from(n.clone()), AttrValue::from(v.clone())))
        .collect();
    vtag.set_attributes(map);
    vtag.key = key.map(yew::virtual_dom::Key::from);
    vtag
}

fn yew_leaf(node: &VNode, key: Option<&str>) -> yew::virtual_dom::VNode {
    match node {
        VNode::Text(text) => {
            yew::virtual_dom::VText::new(yew::virtual_dom::AttrValue::from(text.clone())).into()
        }
        VNode::Element {
            tag, attributes, ..
        } => yew_tag(tag, attributes, key).into(),
    }
}

/// The same tree as `yew::Html`: a `VTag` per element with its attributes (and its key,
/// where the siblings' keys allow it, see [`child_keys`]), a `VText` per text node. Built
/// bottom-up with a work list, so any depth converts without recursion.
pub fn to_yew(node: &VNode) -> yew::Html {
    enum Step<'a> {
        Enter(&'a VNode, Option<&'a str>),
        Finish(&'a VNode, Option<&'a str>),
    }
    let mut work = vec![Step::Enter(node, node.key())];
    let mut done: Vec<yew::virtual_dom::VNode> = Vec::new();
    while let Some(step) = work.pop() {
        match step {
            Step::Enter(vnode, key) => {
                let children = vnode.children();
                if children.is_empty() {
                    done.push(yew_leaf(vnode, key));
                } else {
                    work.push(Step::Finish(vnode, key));
                    let keyed = child_keys(children);
                    work.extend(
                        children
                            .iter()
                            .rev()
                            .map(|c| Step::Enter(c, if keyed { c.key() } else { None })),
                    );
                }
            }
            Step::Finish(vnode, key) => {
                let count = vnode.children().len();
                let first = done.len().saturating_sub(count);
                let children: Vec<_> = done.drain(first..).collect();
                let html = match vnode {
                    VNode::Element {
                        tag, attributes, ..
                    } => {
                        let mut vtag = yew_tag(tag, attributes, key);
                        vtag.add_children(children);
                        vtag.into()
                    }
                    VNode::Text(_) => yew_leaf(vnode, key),
                };
                done.push(html);
            }
        }
    }
    done.pop().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Benchmarks

/// The js-framework-benchmark operations, as `(name, label)`. Each runs on 1,000 keyed rows;
/// where an operation would leave the table in a different state, the case undoes it
/// in the same timed step (both sides alike) so every iteration starts from the same table.
pub const OPERATIONS: [(&str, &str); 7] = [
    ("create", "create 1,000 rows in an empty table"),
    ("replace-all", "replace all 1,000 rows with new ones"),
    (
        "update-10th",
        "update every 10th row's label (alternately add and strip \" !!!\")",
    ),
    ("swap", "swap rows 2 and 999"),
    ("remove-one", "remove row 2, then put it back (two updates)"),
    (
        "append",
        "append 1,000 rows to 1,000, then remove them again (two updates)",
    ),
    ("clear", "create 1,000 rows, then clear them (two updates)"),
];

/// The benchmark's table size.
pub const ROWS: usize = 1000;

/// A `<table>` holding a `<tbody>` built from `tree`: the live table our side patches,
/// detached, or inside `stage` (in the document) when layout is timed too.
fn new_table(tree: &VNode, stage: Option<&Element>) -> Result<Element, DomError> {
    let container = empty_table(stage)?;
    mount(&container, tree)?;
    Ok(container)
}

/// An empty `<table>`, in `stage` when there is one.
fn empty_table(stage: Option<&Element>) -> Result<Element, DomError> {
    let table = dom_call("createElement", document()?.create_element("table"))?;
    if let Some(stage) = stage {
        dom_call("appendChild", stage.append_child(&table))?;
    }
    Ok(table)
}

/// Reading `offsetHeight` makes the browser bring style and layout up to date at once:
/// the synchronous part of what a person waits for after an update (all but paint).
fn force_layout(element: &Element) -> i32 {
    element
        .dyn_ref::<web_sys::HtmlElement>()
        .map_or(0, web_sys::HtmlElement::offset_height)
}

/// An off-screen box in the document for the tables whose layout is timed; removed (with
/// them) when the benchmark case that owns it is dropped.
struct Stage(Element);

impl Stage {
    /// A stage, not yet in the document: [`show_stage`] puts it there when its case runs.
    fn new() -> Result<Stage, DomError> {
        let doc = document()?;
        let stage = dom_call("createElement", doc.create_element("div"))?;
        // Laid out like any page content, just not where anyone looks.
        let _ = stage.set_attribute(
            "style",
            "position: absolute; left: -100000px; top: 0; width: 960px;",
        );
        let _ = stage.set_attribute("aria-hidden", "true");
        let _ = stage.set_attribute("data-bench-stage", "");
        Ok(Stage(stage))
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// How many different labels the benchmark rows cycle through.
const LABELS: usize = 1000;

thread_local! {
    /// The labels of the benchmark rows, made once with the benchmark's random words.
    static LABEL_POOL: Rc<Vec<String>> = {
        let mut rng = Prng::new(1);
        Rc::new((0..LABELS).map(|_| rows::random_label(&mut rng)).collect())
    };
}

fn label_pool() -> Rc<Vec<String>> {
    LABEL_POOL.with(Rc::clone)
}

/// Rows `first_id..first_id + count`; row `id` is labelled `LABEL_POOL[(id - 1) % 1000]` on
/// every side (ours, Yew, vanilla JS), so all of them render exactly the same table. With
/// labels drawn at random per side, whether "update every 10th row" widens the label
/// column — and makes the browser lay the whole table out again — would differ between the
/// sides and from run to run.
fn pool_rows(first_id: u64, count: usize) -> Vec<rows::Row> {
    let pool = label_pool();
    (0..count as u64)
        .map(|i| {
            let id = first_id.saturating_add(i);
            let slot = usize::try_from((id.saturating_sub(1)) % LABELS as u64).unwrap_or(0);
            rows::Row {
                id,
                label: pool.get(slot).cloned().unwrap_or_default(),
            }
        })
        .collect()
}

/// The label pool as a JS array, for the vanilla side.
fn label_pool_js() -> js_sys::Array {
    label_pool().iter().map(|l| JsValue::from_str(l)).collect()
}

/// Our side of one operation, as a framework would run it: a current virtual table, the
/// next one, `diff`, and the patches replayed on a live, detached `<tbody>`.
///
/// `create` and `replace-all` build the next table from fresh rows every time (the JS side
/// makes fresh data too). The other operations flip between virtual tables built once
/// before timing — the table and the table with the operation done — so what is timed
/// there is exactly diff + patch, the part the issue compares with hand-written DOM code.
struct OurTable {
    container: Element,
    /// Where the table lives when layout is timed; `None`: detached.
    stage: Option<Element>,
    /// The tables this operation moves between; `states[at]` is on the page.
    states: Vec<VNode>,
    at: usize,
}

impl OurTable {
    fn new(op: &str, stage: Option<&Element>) -> Result<OurTable, DomError> {
        if let Some(stage) = stage {
            show_stage(stage);
        }
        let empty = rows::table_body(&[]);
        let table = |first_id, count| rows::table_body(&pool_rows(first_id, count));
        let states = match op {
            "create" => vec![empty],
            "replace-all" => vec![table(1, ROWS)],
            "update-10th" => {
                let base = table(1, ROWS);
                let updated = rows::update_every_10th(&base);
                vec![base, updated]
            }
            "swap" => {
                let base = table(1, ROWS);
                let swapped = rows::swap_rows(&base, 1, 998);
                vec![base, swapped]
            }
            "remove-one" => {
                let base = table(1, ROWS);
                let removed = rows::remove_row(&base, 1);
                vec![base, removed]
            }
            "append" => vec![table(1, ROWS), table(1, 2 * ROWS)],
            "clear" => vec![empty, table(1, ROWS)],
            other => return Err(plain(format!("unknown operation {other:?}"))),
        };
        let first = states.first().ok_or_else(|| plain("no table"))?;
        Ok(OurTable {
            container: new_table(first, stage)?,
            stage: stage.cloned(),
            states,
            at: 0,
        })
    }

    fn current(&self) -> Option<&VNode> {
        self.states.get(self.at)
    }

    /// Patches the page from the current table to `states[to]`.
    fn go(&mut self, to: usize) -> Result<usize, DomError> {
        let (Some(from), Some(next)) = (self.states.get(self.at), self.states.get(to)) else {
            return Err(plain("no such table"));
        };
        let patches = diff(from, next);
        let counts = apply_patches(&self.container, &patches)?;
        self.at = to;
        if self.stage.is_some() {
            black_box(force_layout(&self.container));
        }
        Ok(counts.total())
    }

    /// Renders a freshly built table in place of the current one.
    fn render_new(&mut self, next: VNode) -> Result<usize, DomError> {
        self.states.push(next);
        let last = self.states.len() - 1;
        let calls = self.go(last)?;
        // Keep only the table on the page.
        let kept = self.states.swap_remove(last);
        self.states.clear();
        self.states.push(kept);
        self.at = 0;
        Ok(calls)
    }

    fn step(&mut self, op: &str) -> Result<usize, DomError> {
        match op {
            "create" => {
                // A fresh empty table each time, as the benchmark starts from one.
                let empty = rows::table_body(&[]);
                let fresh = new_table(&empty, self.stage.as_ref())?;
                std::mem::replace(&mut self.container, fresh).remove();
                self.states = vec![empty];
                self.at = 0;
                let next = rows::table_body(&pool_rows(1, ROWS));
                self.render_new(next)
            }
            "replace-all" => {
                let current = self.states.get(self.at).ok_or_else(|| plain("no table"))?;
                let next = rows::table_body(&pool_rows(rows::next_id(current), ROWS));
                self.render_new(next)
            }
            // One update that alternates between the two tables.
            "update-10th" | "swap" => self.go(1 - self.at.min(1)),
            // There and back: the table size stays the same from step to step.
            "remove-one" | "append" | "clear" => Ok(self.go(1)? + self.go(0)?),
            other => Err(plain(format!("unknown operation {other:?}"))),
        }
    }
}

impl Drop for OurTable {
    fn drop(&mut self) {
        self.container.remove();
    }
}

/// Runs one benchmark step of our side outside the harness (for tests): the DOM calls it
/// made and the table's `innerHTML` afterwards, next to `render_html` of our virtual table.
/// `staged`: with the table in the document and layout forced, as the layout cases run.
pub fn run_our_step(op: &str, staged: bool) -> Result<(usize, String, String), DomError> {
    let stage = staged.then(Stage::new).transpose()?;
    let mut table = OurTable::new(op, stage.as_ref().map(|s| &s.0))?;
    let calls = table.step(op)?;
    let expected = table.current().map(VNode::render_html).unwrap_or_default();
    Ok((calls, table.container.inner_html(), expected))
}

/// Runs one vanilla-JS step (for tests): the number the JS case returns.
pub fn run_vanilla_step(op: &str, rows: u32) -> Result<f64, DomError> {
    let f =
        make_vanilla_case(op, rows, None, &label_pool_js()).map_err(|e| plain(js_message(&e)))?;
    let value = f.call0(&JsValue::NULL).map_err(|e| plain(js_message(&e)))?;
    value
        .as_f64()
        .ok_or_else(|| plain("the JS case returned no number"))
}

/// How a benchmark case times its update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Timing {
    /// The script alone, on a detached table.
    Script,
    /// The table in the document, and style + layout forced after every update: what
    /// js-framework-benchmark counts, minus paint.
    Layout,
}

/// For every operation in [`OPERATIONS`], our diff+patch (WASM) and Yew re-rendering the
/// same rows (WASM) against the same operation written as vanilla-js in
/// js-framework-benchmark writes it (JS), twice: `vdom/<op>/1000` times the script alone
/// on detached tables, `vdom/<op>/1000+layout` puts the tables in the document and forces
/// style and layout after every update. Yew's cases end in `/yew`. Cases whose setup fails
/// report it when run.
pub fn bench_cases() -> Vec<BenchCase> {
    let labels = label_pool_js();
    let mut cases = Vec::new();
    for timing in [Timing::Script, Timing::Layout] {
        for renderer in [Renderer::Ours, Renderer::Yew] {
            cases.extend(
                OPERATIONS
                    .iter()
                    .map(|&(op, label)| case(op, label, timing, renderer, &labels)),
            );
        }
    }
    cases
}

/// Who renders the WASM side of a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Renderer {
    /// `diff` and the batched patcher.
    Ours,
    /// A Yew component given the new rows.
    Yew,
}

fn case(
    op: &'static str,
    label: &str,
    timing: Timing,
    renderer: Renderer,
    labels: &js_sys::Array,
) -> BenchCase {
    let config = BenchConfig {
        warmup_ms: 100.0,
        min_sample_ms: 20.0,
        samples: 9,
        max_iterations: 512,
    };
    let start_rows = if op == "create" || op == "clear" {
        0
    } else {
        ROWS
    };
    let failing = |message: &str| {
        Side::Js(js_sys::Function::new_no_args(&format!(
            "throw new Error({message:?})"
        )))
    };
    let stage = match timing {
        Timing::Script => Ok(None),
        Timing::Layout => Stage::new().map(Some),
    };
    let (stage, setup_error) = match stage {
        Ok(stage) => (stage, None),
        Err(e) => (None, Some(e.message)),
    };
    let stage_element = stage.as_ref().map(|s| s.0.clone());
    let js = match (
        &setup_error,
        make_vanilla_case(op, start_rows as u32, stage_element.as_ref(), labels),
    ) {
        (Some(message), _) => failing(message),
        (None, Ok(f)) => Side::Js(f),
        (None, Err(e)) => failing(&js_message(&e)),
    };
    let wasm = match renderer {
        Renderer::Ours => table_side::<OurTable>(op, stage),
        Renderer::Yew => table_side::<YewTable>(op, stage),
    };
    let (suffix, how) = match timing {
        Timing::Script => ("", "script only, detached table"),
        Timing::Layout => ("+layout", "in the document, style and layout included"),
    };
    let (who, tail) = match (renderer, op) {
        (Renderer::Ours, _) => ("our diff+patch", ""),
        (Renderer::Yew, "create") => ("a new Yew app, the old one destroyed,", "/yew"),
        (Renderer::Yew, _) => ("Yew re-render", "/yew"),
    };
    BenchCase {
        name: format!("vdom/{op}/{ROWS}{suffix}{tail}"),
        label: format!("{label} ({who} vs vanilla JS DOM code; {how})"),
        wasm,
        js,
        config,
    }
}

/// A table one WASM side of the benchmark renders into: ours or Yew's.
trait BenchTable: Sized + 'static {
    fn new(op: &str, stage: Option<&Element>) -> Result<Self, DomError>;
    fn step(&mut self, op: &str) -> Result<(), DomError>;
}

impl BenchTable for OurTable {
    fn new(op: &str, stage: Option<&Element>) -> Result<Self, DomError> {
        OurTable::new(op, stage)
    }

    fn step(&mut self, op: &str) -> Result<(), DomError> {
        black_box(OurTable::step(self, op)?);
        Ok(())
    }
}

impl BenchTable for YewTable {
    fn new(op: &str, stage: Option<&Element>) -> Result<Self, DomError> {
        YewTable::new(op, stage)
    }

    fn step(&mut self, op: &str) -> Result<(), DomError> {
        YewTable::step(self, op)
    }
}

/// The WASM side of a case: `op` on a `T` table, built on the first call, which the
/// harness's warm-up makes (building all the 1,000-row tables up front would freeze the
/// page for a moment at "Run"). The stage lives, its tables in the document, as long as
/// the case.
fn table_side<T: BenchTable>(op: &'static str, stage: Option<Stage>) -> Side {
    let mut table: Option<T> = None;
    Side::wasm(move || {
        let stage = stage.as_ref().map(|s| &s.0);
        if table.is_none() {
            table = T::new(op, stage).ok();
        }
        if let Some(table) = table.as_mut() {
            black_box(table.step(black_box(op)).ok());
        }
    })
}

// ---------------------------------------------------------------------------------------
// Yew re-rendering the same table

/// One row as a Yew app would hold it: the label shared, so a new list is cheap to make.
#[derive(Clone, Debug, PartialEq)]
struct YewRow {
    id: u64,
    label: yew::AttrValue,
}

#[derive(Properties, Clone)]
struct YewRowsProps {
    rows: Rc<Vec<YewRow>>,
}

impl PartialEq for YewRowsProps {
    /// A new list is a new `Rc`: Yew re-renders on every update, as after a state change.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rows, &other.rows)
    }
}

/// The benchmark's table body the way one writes it in Yew: a keyed `<tr>` per row.
#[yew::component]
fn YewRows(props: &YewRowsProps) -> yew::Html {
    yew::html! {
        <tbody>
            { for props.rows.iter().map(|row| yew::html! {
                <tr key={row.id}>
                    <td class="col-md-1">{ row.id.to_string() }</td>
                    <td class="col-md-4"><a>{ row.label.clone() }</a></td>
                    <td class="col-md-1"><a><span class="glyphicon glyphicon-remove" aria-hidden="true"></span></a></td>
                    <td class="col-md-6"></td>
                </tr>
            }) }
        </tbody>
    }
}

/// Runs Yew's pending renders now. Yew renders from a microtask after a state change; its
/// `scheduler::flush` (the `test` feature) drains that queue synchronously on its first
/// poll, which is what a synchronous benchmark needs. (Called from inside a Yew render it
/// would do nothing; the benchmark harness never runs there, and the tests check the DOM.)
fn flush_yew() {
    use std::future::Future;
    let mut flush = std::pin::pin!(yew::scheduler::flush());
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    let _ = flush.as_mut().poll(&mut context);
}

fn to_yew_rows(data: &[rows::Row]) -> Vec<YewRow> {
    data.iter()
        .map(|row| YewRow {
            id: row.id,
            label: yew::AttrValue::from(row.label.clone()),
        })
        .collect()
}

/// Yew's side of one operation: the same data changes as [`OurTable`]'s, handed to a Yew
/// app as new props and rendered at once (see [`flush_yew`]).
struct YewTable {
    root: Element,
    app: Option<yew::AppHandle<YewRows>>,
    stage: Option<Element>,
    /// The row lists this operation moves between; `states[at]` is on the page.
    states: Vec<Rc<Vec<YewRow>>>,
    at: usize,
    next_id: u64,
}

impl YewTable {
    fn new(op: &str, stage: Option<&Element>) -> Result<YewTable, DomError> {
        if let Some(stage) = stage {
            show_stage(stage);
        }
        let base = || -> Vec<YewRow> { Vec::new() };
        let mut next_id = 1;
        let mut fresh = |count: usize| {
            let made = to_yew_rows(&pool_rows(next_id, count));
            next_id += count as u64;
            made
        };
        let states: Vec<Vec<YewRow>> = match op {
            "create" => vec![base()],
            "replace-all" => vec![fresh(ROWS)],
            "update-10th" => {
                let rows = fresh(ROWS);
                let mut updated = rows.clone();
                for row in updated.iter_mut().step_by(10) {
                    row.label = format!("{} !!!", row.label).into();
                }
                vec![rows, updated]
            }
            "swap" => {
                let rows = fresh(ROWS);
                let mut swapped = rows.clone();
                swapped.swap(1, 998);
                vec![rows, swapped]
            }
            "remove-one" => {
                let rows = fresh(ROWS);
                let mut removed = rows.clone();
                removed.remove(1);
                vec![rows, removed]
            }
            "append" => {
                let rows = fresh(ROWS);
                let mut appended = rows.clone();
                appended.extend(fresh(ROWS));
                vec![rows, appended]
            }
            "clear" => vec![base(), fresh(ROWS)],
            other => return Err(plain(format!("unknown operation {other:?}"))),
        };
        let states: Vec<Rc<Vec<YewRow>>> = states.into_iter().map(Rc::new).collect();
        let first = states.first().cloned().ok_or_else(|| plain("no table"))?;
        let mut table = YewTable {
            root: empty_table(None)?,
            app: None,
            stage: stage.cloned(),
            states,
            at: 0,
            next_id,
        };
        table.mount(first)?;
        Ok(table)
    }

    /// A new app in a new `<table>` (in place of the old one) rendering `rows`.
    fn mount(&mut self, rows: Rc<Vec<YewRow>>) -> Result<(), DomError> {
        let root = empty_table(self.stage.as_ref())?;
        let old = std::mem::replace(&mut self.root, root.clone());
        old.remove();
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.app = Some(
            yew::Renderer::<YewRows>::with_root_and_props(root, YewRowsProps { rows }).render(),
        );
        self.settle();
        Ok(())
    }

    /// Renders now, and lays out when staged.
    fn settle(&self) {
        flush_yew();
        if self.stage.is_some() {
            black_box(force_layout(&self.root));
        }
    }

    fn go(&mut self, to: usize) -> Result<(), DomError> {
        let rows = self
            .states
            .get(to)
            .cloned()
            .ok_or_else(|| plain("no such table"))?;
        let app = self.app.as_mut().ok_or_else(|| plain("no app"))?;
        app.update(YewRowsProps { rows });
        self.at = to;
        self.settle();
        Ok(())
    }

    fn step(&mut self, op: &str) -> Result<(), DomError> {
        match op {
            "create" => {
                let rows = to_yew_rows(&pool_rows(1, ROWS));
                let rows = Rc::new(rows);
                self.states = vec![rows.clone()];
                self.at = 0;
                self.mount(rows)
            }
            "replace-all" => {
                let rows = Rc::new(to_yew_rows(&pool_rows(self.next_id, ROWS)));
                self.next_id += ROWS as u64;
                self.states = vec![rows];
                self.go(0)
            }
            "update-10th" | "swap" => self.go(1 - self.at.min(1)),
            "remove-one" | "append" | "clear" => {
                self.go(1)?;
                self.go(0)
            }
            other => Err(plain(format!("unknown operation {other:?}"))),
        }
    }

    /// The rows on the page, as our virtual table (for comparing the DOM).
    fn expected_html(&self) -> String {
        let data: Vec<rows::Row> = self
            .states
            .get(self.at)
            .map(|rows| {
                rows.iter()
                    .map(|r| rows::Row {
                        id: r.id,
                        label: r.label.to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        rows::table_body(&data).render_html()
    }
}

impl Drop for YewTable {
    fn drop(&mut self) {
        self.root.remove();
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Runs one benchmark step of the Yew side outside the harness (for tests): the table's
/// `innerHTML` right after the step, next to `render_html` of the same rows.
pub fn run_yew_step(op: &str, staged: bool) -> Result<(String, String), DomError> {
    let stage = staged.then(Stage::new).transpose()?;
    let mut table = YewTable::new(op, stage.as_ref().map(|s| &s.0))?;
    table.step(op)?;
    Ok((table.root.inner_html(), table.expected_html()))
}
