//! `apply`: carry out a patch list on a tree, one patch at a time, exactly as a DOM
//! patcher would on the live page.

use std::fmt;

use super::VNode;
use super::diff::{Patch, PatchOp, format_path};
use crate::lab::rng::SplitMix64;

/// What went wrong with one patch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatchErrorKind {
    /// The path leaves the tree: step `depth` (0-based) asks for a child that is not there.
    PathNotFound {
        /// Which step of the path failed.
        depth: usize,
    },
    /// The operation needs an element (attributes, children) but the node is text.
    NotAnElement,
    /// `SetText` on an element.
    NotText,
    /// `RemoveAttribute` of an attribute the element does not have.
    MissingAttribute(String),
    /// A child index past the end: `index` of a parent that has `len` children
    /// (`InsertChild` allows `index == len`).
    IndexOutOfRange {
        /// The index in the patch.
        index: usize,
        /// The number of children at that moment.
        len: usize,
    },
}

/// A patch that does not fit the tree it is applied to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchError {
    /// Position of the failing patch in the list (0-based). Every patch before it has been
    /// applied.
    pub patch_index: usize,
    /// The failing patch's path.
    pub path: Vec<usize>,
    /// What was wrong.
    pub kind: PatchErrorKind,
}

impl fmt::Display for PatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = format_path(&self.path);
        write!(
            f,
            "patch {} at {at} does not fit the tree: ",
            self.patch_index
        )?;
        match &self.kind {
            PatchErrorKind::PathNotFound { depth } => {
                write!(f, "step {} of the path leads to no node", depth + 1)
            }
            PatchErrorKind::NotAnElement => f.write_str("the node is text, not an element"),
            PatchErrorKind::NotText => f.write_str("the node is an element, not text"),
            PatchErrorKind::MissingAttribute(name) => {
                write!(f, "the element has no attribute {name:?} to remove")
            }
            PatchErrorKind::IndexOutOfRange { index, len } => {
                write!(
                    f,
                    "child index {index} is out of range: there are {len} children"
                )
            }
        }
    }
}

impl std::error::Error for PatchError {}

/// Applies `patches` to `tree`, in order.
///
/// **How indexes are read.** Each patch's `path` (child indexes from the root; `[]` is the
/// root) is resolved against the tree *as it is at that moment*, after every earlier patch
/// of the list. For `InsertChild`, `RemoveChild` and `MoveChild` the path leads to the
/// parent, and the child indexes count that parent's children at that moment too:
///
/// * `InsertChild { index, node }`: the new child ends up at `index` (`0..=len`);
/// * `RemoveChild { index }`: the child at `index` goes;
/// * `MoveChild { from, to }`: the child at `from` is taken out and put back so that it
///   ends up at `to` (an index counted without it, so `to < len`).
///
/// This is exactly what a DOM patcher can replay one patch at a time on `childNodes`:
/// insert is `insertBefore(node, childNodes[index] ?? null)`, remove is
/// `removeChild(childNodes[index])`, and a move is one `insertBefore` of
/// `childNodes[from]` before `childNodes[to]` when `to < from`, or before
/// `childNodes[to + 1] ?? null` when `to > from` (see [`PatchOp`]). `SetAttribute` keeps an
/// existing attribute's position and appends a new one, as `setAttribute` does.
///
/// That replay needs the live DOM children to match the tree's children one to one, so
/// build the first DOM with `createElement`/`createTextNode`: `innerHTML =
/// render_html(..)` would merge adjacent text nodes and drop empty ones, shifting every
/// later index.
///
/// On a patch that does not fit (a path or index that is not there, an attribute op on
/// text, …) this stops and returns which patch failed and why; **the patches before it
/// stay applied** (clone the tree first if you need all-or-nothing).
///
/// **Cost.** A child operation on a `Vec` shifts every later child, so replaying the
/// `n − 1` moves that reverse an `n`-item keyed list one by one would cost O(n²) (100,000
/// items: tens of seconds). So a long run of consecutive child and attribute patches on
/// the same element is replayed on a better structure: the children go into an implicit
/// treap (a balanced tree ordered by position, each subtree knowing its size), where
/// "insert at index", "remove at index" and "move" are O(log n) each; the attributes get
/// a name → slot table, where removing leaves a gap that is closed once at the end. The
/// result, and the error for a patch that does not fit, are exactly those of the one-by-one
/// replay. In all: O(p·(d + log n) + n + sizes of the nodes copied in) for `p` patches of
/// depth `d` on lists of `n` children.
///
/// For all trees `a`, `b`: `apply(&mut a.clone(), &diff(&a, &b))` is `Ok` and leaves `b`.
/// Never panics; no recursion.
pub fn apply(tree: &mut VNode, patches: &[Patch]) -> Result<(), PatchError> {
    apply_with(tree, patches, BULK_MIN)
}

/// A run needs at least this many patches of one kind (child or attribute operations)
/// on a list at least this long before the bulk structures pay for building them.
const BULK_MIN: usize = 16;

/// [`apply`] with the bulk threshold as a parameter, so that the tests can force either
/// path on small trees and compare them.
pub(super) fn apply_with(
    tree: &mut VNode,
    patches: &[Patch],
    bulk_min: usize,
) -> Result<(), PatchError> {
    let mut start = 0usize;
    while let Some(patch) = patches.get(start) {
        let run = same_element_run(patches, start);
        if run > 1
            && let Some((attributes, children)) = element_at(tree, &patch.path)
        {
            let slice = patches.get(start..start + run).unwrap_or_default();
            apply_run(attributes, children, slice, bulk_min).map_err(|(offset, kind)| {
                let patch_index = start + offset;
                PatchError {
                    patch_index,
                    path: patches
                        .get(patch_index)
                        .map(|p| p.path.clone())
                        .unwrap_or_default(),
                    kind,
                }
            })?;
            start += run;
            continue;
        }
        apply_one(tree, patch).map_err(|kind| PatchError {
            patch_index: start,
            path: patch.path.clone(),
            kind,
        })?;
        start += 1;
    }
    Ok(())
}

/// Is this an operation on the children list or the attributes of the element at the
/// patch's path (as opposed to one that replaces or retexts that node)?
fn works_inside(op: &PatchOp) -> bool {
    !matches!(op, PatchOp::Replace(_) | PatchOp::SetText(_))
}

/// How many patches from `start` on work inside the same element (same path, child or
/// attribute operations). None of them can change the path to that element, so it is
/// resolved once for all of them.
fn same_element_run(patches: &[Patch], start: usize) -> usize {
    let Some(first) = patches.get(start) else {
        return 0;
    };
    if !works_inside(&first.op) {
        return 1;
    }
    patches
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(|p| works_inside(&p.op) && p.path == first.path)
        .count()
}

/// An element's attribute list and children, borrowed together.
type ElementParts<'a> = (&'a mut Vec<(String, String)>, &'a mut Vec<VNode>);

/// The attributes and children of the element at `path`, or None when the path leads
/// nowhere or to text (the one-by-one replay then reports the error).
fn element_at<'a>(tree: &'a mut VNode, path: &[usize]) -> Option<ElementParts<'a>> {
    match tree.node_at_mut(path)? {
        VNode::Element {
            attributes,
            children,
            ..
        } => Some((attributes, children)),
        VNode::Text(_) => None,
    }
}

/// Replays a run of child and attribute patches on one element. The error is the offset
/// of the failing patch in `run` and what was wrong; everything before it is applied.
fn apply_run(
    attributes: &mut Vec<(String, String)>,
    children: &mut Vec<VNode>,
    run: &[Patch],
    bulk_min: usize,
) -> Result<(), (usize, PatchErrorKind)> {
    let child_ops = run.iter().filter(|p| is_child_op(&p.op)).count();
    let attribute_ops = run.len() - child_ops;
    // Node ids are u32 (NIL reserved); a list that could outgrow them stays a Vec.
    let fits = children.len().saturating_add(run.len()) < NIL as usize;
    let mut sequence = (fits && child_ops >= bulk_min && children.len() >= bulk_min)
        .then(|| Sequence::new(std::mem::take(children), run.len()));
    let mut table = None;
    if attribute_ops >= bulk_min && attributes.len() + attribute_ops >= bulk_min {
        match AttributeTable::new(std::mem::take(attributes)) {
            Ok(built) => table = Some(built),
            // A hand-built list that repeats a name: the one-by-one rule ("the first one
            // with that name") is kept by simply not using the table.
            Err(original) => *attributes = original,
        }
    }
    let mut outcome = Ok(());
    for (offset, patch) in run.iter().enumerate() {
        let result = match (&patch.op, sequence.as_mut(), table.as_mut()) {
            (op, Some(sequence), _) if is_child_op(op) => sequence.apply(op),
            (op, _, Some(table)) if !is_child_op(op) => table.apply(op),
            (op, _, _) => apply_to_element(attributes, children, op),
        };
        if let Err(kind) = result {
            outcome = Err((offset, kind));
            break;
        }
    }
    if let Some(sequence) = sequence {
        *children = sequence.into_vec();
    }
    if let Some(table) = table {
        *attributes = table.into_vec();
    }
    outcome
}

fn is_child_op(op: &PatchOp) -> bool {
    matches!(
        op,
        PatchOp::InsertChild { .. } | PatchOp::RemoveChild { .. } | PatchOp::MoveChild { .. }
    )
}

fn apply_one(tree: &mut VNode, patch: &Patch) -> Result<(), PatchErrorKind> {
    let mut node = tree;
    for (depth, &index) in patch.path.iter().enumerate() {
        node = match node {
            VNode::Element { children, .. } => children.get_mut(index),
            VNode::Text(_) => None,
        }
        .ok_or(PatchErrorKind::PathNotFound { depth })?;
    }
    match &patch.op {
        PatchOp::Replace(new) => {
            *node = new.clone();
            Ok(())
        }
        PatchOp::SetText(text) => match node {
            VNode::Text(old) => {
                old.clone_from(text);
                Ok(())
            }
            VNode::Element { .. } => Err(PatchErrorKind::NotText),
        },
        op => match node {
            VNode::Element {
                attributes,
                children,
                ..
            } => apply_to_element(attributes, children, op),
            VNode::Text(_) => Err(PatchErrorKind::NotAnElement),
        },
    }
}

/// One child or attribute operation on plain vectors: the definition the bulk
/// structures below must match.
fn apply_to_element(
    attributes: &mut Vec<(String, String)>,
    children: &mut Vec<VNode>,
    op: &PatchOp,
) -> Result<(), PatchErrorKind> {
    let len = children.len();
    let out_of_range = |index: usize| PatchErrorKind::IndexOutOfRange { index, len };
    match op {
        PatchOp::SetAttribute(name, value) => {
            match attributes.iter_mut().find(|(n, _)| n == name) {
                Some(existing) => existing.1.clone_from(value),
                None => attributes.push((name.clone(), value.clone())),
            }
        }
        PatchOp::RemoveAttribute(name) => {
            let at = attributes
                .iter()
                .position(|(n, _)| n == name)
                .ok_or_else(|| PatchErrorKind::MissingAttribute(name.clone()))?;
            attributes.remove(at);
        }
        PatchOp::InsertChild { index, node } => {
            if *index > len {
                return Err(out_of_range(*index));
            }
            children.insert(*index, node.clone());
        }
        PatchOp::RemoveChild { index } => {
            if *index >= len {
                return Err(out_of_range(*index));
            }
            children.remove(*index);
        }
        PatchOp::MoveChild { from, to } => {
            if *from >= len {
                return Err(out_of_range(*from));
            }
            if *to >= len {
                return Err(out_of_range(*to));
            }
            // remove + insert, done as one rotation of the span between the two places.
            if from < to {
                if let Some(span) = children.get_mut(*from..=*to) {
                    span.rotate_left(1);
                }
            } else if let Some(span) = children.get_mut(*to..=*from) {
                span.rotate_right(1);
            }
        }
        // Not operations inside an element; `apply_one` handles them before coming here.
        PatchOp::Replace(_) | PatchOp::SetText(_) => return Err(PatchErrorKind::NotAnElement),
    }
    Ok(())
}

// region: treap
/// "No node" in the treap's links.
const NIL: u32 = u32::MAX;

/// A list of children as an implicit treap: a binary tree whose in-order walk is the list,
/// each node knowing the size of its subtree (so "the node at index i" is found by walking
/// down, comparing `i` with the left subtree's size), and each node carrying a random
/// priority that is larger than its children's. Random priorities make the tree about
/// 2·ln n deep whatever order the list is put in, so every operation is O(log n).
///
/// Every operation is a `split` (the first k nodes / the rest) and a `merge` (two lists
/// back to back), both written as loops with a small path buffer instead of recursion.
/// Nodes live in parallel arrays indexed by `u32`.
struct Sequence {
    left: Vec<u32>,
    right: Vec<u32>,
    size: Vec<u32>,
    priority: Vec<u64>,
    items: Vec<Option<VNode>>,
    root: u32,
    rng: SplitMix64,
    path: Vec<u32>,
}

impl Sequence {
    /// The treap of `children`, built in O(n) (the right-spine stack method for Cartesian
    /// trees); `extra` is room for the nodes the run may insert.
    fn new(children: Vec<VNode>, extra: usize) -> Sequence {
        let capacity = children.len().saturating_add(extra);
        // A fresh seed per call: the priorities must not be predictable from the patches,
        // or a crafted list of moves could line them up into a deep tree.
        let seed = std::hash::BuildHasher::hash_one(
            &std::collections::hash_map::RandomState::new(),
            capacity,
        );
        let mut sequence = Sequence {
            left: Vec::with_capacity(capacity),
            right: Vec::with_capacity(capacity),
            size: Vec::with_capacity(capacity),
            priority: Vec::with_capacity(capacity),
            items: Vec::with_capacity(capacity),
            root: NIL,
            rng: SplitMix64::new(seed),
            path: Vec::new(),
        };
        let mut spine: Vec<u32> = Vec::new();
        for child in children {
            let node = sequence.new_node(child);
            let mut last = NIL;
            while let Some(&top) = spine.last() {
                if sequence.priority_of(top) >= sequence.priority_of(node) {
                    break;
                }
                spine.pop();
                // `top` leaves the right spine: its subtree is final, so size it now
                // (its right child, if any, was popped just before it).
                sequence.resize(top);
                last = top;
            }
            sequence.set_left(node, last);
            if let Some(&top) = spine.last() {
                sequence.set_right(top, node);
            }
            spine.push(node);
        }
        while let Some(top) = spine.pop() {
            sequence.resize(top);
            sequence.root = top;
        }
        sequence
    }

    fn new_node(&mut self, item: VNode) -> u32 {
        let priority = self.rng.next_u64();
        let id = u32::try_from(self.items.len()).unwrap_or(NIL);
        self.left.push(NIL);
        self.right.push(NIL);
        self.size.push(1);
        self.priority.push(priority);
        self.items.push(Some(item));
        id
    }

    fn size_of(&self, node: u32) -> u32 {
        self.size.get(node as usize).copied().unwrap_or(0)
    }

    fn priority_of(&self, node: u32) -> u64 {
        self.priority.get(node as usize).copied().unwrap_or(0)
    }

    fn left_of(&self, node: u32) -> u32 {
        self.left.get(node as usize).copied().unwrap_or(NIL)
    }

    fn right_of(&self, node: u32) -> u32 {
        self.right.get(node as usize).copied().unwrap_or(NIL)
    }

    fn set_left(&mut self, node: u32, child: u32) {
        if let Some(slot) = self.left.get_mut(node as usize) {
            *slot = child;
        }
    }

    fn set_right(&mut self, node: u32, child: u32) {
        if let Some(slot) = self.right.get_mut(node as usize) {
            *slot = child;
        }
    }

    fn resize(&mut self, node: u32) {
        let size = 1 + self.size_of(self.left_of(node)) + self.size_of(self.right_of(node));
        if let Some(slot) = self.size.get_mut(node as usize) {
            *slot = size;
        }
    }

    fn len(&self) -> usize {
        self.size_of(self.root) as usize
    }

    /// Splits the treap rooted at `tree` into its first `k` nodes and the rest.
    fn split(&mut self, tree: u32, k: u32) -> (u32, u32) {
        let (mut first, mut rest) = (NIL, NIL);
        // The last node put on each side, whose inner child is still to be decided.
        let (mut first_hook, mut rest_hook) = (NIL, NIL);
        let (mut node, mut k) = (tree, k);
        self.path.clear();
        while node != NIL {
            self.path.push(node);
            let left_size = self.size_of(self.left_of(node));
            if k <= left_size {
                // `node` and its right subtree go to the rest; keep splitting its left.
                if rest_hook == NIL {
                    rest = node;
                } else {
                    self.set_left(rest_hook, node);
                }
                rest_hook = node;
                node = self.left_of(node);
            } else {
                if first_hook == NIL {
                    first = node;
                } else {
                    self.set_right(first_hook, node);
                }
                first_hook = node;
                k -= left_size + 1;
                node = self.right_of(node);
            }
        }
        self.set_right(first_hook, NIL);
        self.set_left(rest_hook, NIL);
        self.resize_path();
        (first, rest)
    }

    /// The treap of list `a` followed by list `b`.
    fn merge(&mut self, a: u32, b: u32) -> u32 {
        let mut root = NIL;
        // Where the next node hangs: under `hook`, on its right side or its left side.
        let (mut hook, mut on_right) = (NIL, false);
        let (mut a, mut b) = (a, b);
        self.path.clear();
        loop {
            let next = if a == NIL || b == NIL {
                if a == NIL { b } else { a }
            } else if self.priority_of(a) > self.priority_of(b) {
                a
            } else {
                b
            };
            if hook == NIL {
                root = next;
            } else if on_right {
                self.set_right(hook, next);
            } else {
                self.set_left(hook, next);
            }
            if a == NIL || b == NIL {
                break;
            }
            self.path.push(next);
            hook = next;
            if next == a {
                // `a`'s right subtree still has to be merged with `b`.
                on_right = true;
                a = self.right_of(a);
            } else {
                on_right = false;
                b = self.left_of(b);
            }
        }
        self.resize_path();
        root
    }

    /// Recomputes the sizes along `path`, deepest first.
    fn resize_path(&mut self) {
        let path = std::mem::take(&mut self.path);
        for &node in path.iter().rev() {
            self.resize(node);
        }
        self.path = path;
    }

    fn index(value: usize) -> u32 {
        // Indexes were checked against `len`, which fits in u32.
        u32::try_from(value).unwrap_or(NIL)
    }

    /// One child operation, with the errors of [`apply_to_element`].
    fn apply(&mut self, op: &PatchOp) -> Result<(), PatchErrorKind> {
        let len = self.len();
        let out_of_range = |index: usize| PatchErrorKind::IndexOutOfRange { index, len };
        match op {
            PatchOp::InsertChild { index, node } => {
                if *index > len {
                    return Err(out_of_range(*index));
                }
                let new = self.new_node(node.clone());
                let (first, rest) = self.split(self.root, Self::index(*index));
                let first = self.merge(first, new);
                self.root = self.merge(first, rest);
            }
            PatchOp::RemoveChild { index } => {
                if *index >= len {
                    return Err(out_of_range(*index));
                }
                let taken = self.take(*index);
                if let Some(item) = self.items.get_mut(taken as usize) {
                    *item = None;
                }
            }
            PatchOp::MoveChild { from, to } => {
                if *from >= len {
                    return Err(out_of_range(*from));
                }
                if *to >= len {
                    return Err(out_of_range(*to));
                }
                let taken = self.take(*from);
                let (first, rest) = self.split(self.root, Self::index(*to));
                let first = self.merge(first, taken);
                self.root = self.merge(first, rest);
            }
            _ => return Err(PatchErrorKind::NotAnElement),
        }
        Ok(())
    }

    /// Unlinks the node at `index` and returns it.
    fn take(&mut self, index: usize) -> u32 {
        let (first, rest) = self.split(self.root, Self::index(index));
        let (taken, rest) = self.split(rest, 1);
        self.root = self.merge(first, rest);
        taken
    }

    /// The list, in order (an in-order walk with an explicit stack).
    fn into_vec(mut self) -> Vec<VNode> {
        let mut out = Vec::with_capacity(self.len());
        let mut stack: Vec<u32> = Vec::new();
        let mut node = self.root;
        loop {
            while node != NIL {
                stack.push(node);
                node = self.left_of(node);
            }
            let Some(top) = stack.pop() else { break };
            if let Some(item) = self.items.get_mut(top as usize).and_then(Option::take) {
                out.push(item);
            }
            node = self.right_of(top);
        }
        out
    }
}
// endregion

/// An attribute list for a long run of attribute patches: a name → slot table, with
/// removed attributes left as gaps until the end (removing from the middle of a `Vec`
/// would shift every later attribute, once per patch). Order and errors are those of
/// [`apply_to_element`]: an existing name keeps its place, a new one goes last.
struct AttributeTable {
    slots: Vec<Option<(String, String)>>,
    by_name: std::collections::HashMap<String, usize>,
}

impl AttributeTable {
    /// The table, or the list back when it repeats a name.
    fn new(attributes: Vec<(String, String)>) -> Result<AttributeTable, Vec<(String, String)>> {
        let mut by_name = std::collections::HashMap::with_capacity(attributes.len());
        for (slot, (name, _)) in attributes.iter().enumerate() {
            if by_name.insert(name.clone(), slot).is_some() {
                return Err(attributes);
            }
        }
        Ok(AttributeTable {
            slots: attributes.into_iter().map(Some).collect(),
            by_name,
        })
    }

    fn apply(&mut self, op: &PatchOp) -> Result<(), PatchErrorKind> {
        match op {
            PatchOp::SetAttribute(name, value) => {
                match self
                    .by_name
                    .get(name)
                    .and_then(|&slot| self.slots.get_mut(slot))
                    .and_then(Option::as_mut)
                {
                    Some(existing) => existing.1.clone_from(value),
                    None => {
                        self.by_name.insert(name.clone(), self.slots.len());
                        self.slots.push(Some((name.clone(), value.clone())));
                    }
                }
                Ok(())
            }
            PatchOp::RemoveAttribute(name) => {
                let slot = self
                    .by_name
                    .remove(name)
                    .ok_or_else(|| PatchErrorKind::MissingAttribute(name.clone()))?;
                if let Some(gap) = self.slots.get_mut(slot) {
                    *gap = None;
                }
                Ok(())
            }
            _ => Err(PatchErrorKind::NotAnElement),
        }
    }

    fn into_vec(self) -> Vec<(String, String)> {
        self.slots.into_iter().flatten().collect()
    }
}
