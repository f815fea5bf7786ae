//! `apply`: carry out a patch list on a tree, one patch at a time, exactly as a DOM
//! patcher would on the live page.

use std::fmt;

use super::VNode;
use super::diff::{Patch, PatchOp, format_path};

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
/// For all trees `a`, `b`: `apply(&mut a.clone(), &diff(&a, &b))` is `Ok` and leaves `b`.
/// Never panics; no recursion.
pub fn apply(tree: &mut VNode, patches: &[Patch]) -> Result<(), PatchError> {
    for (patch_index, patch) in patches.iter().enumerate() {
        apply_one(tree, patch).map_err(|kind| PatchError {
            patch_index,
            path: patch.path.clone(),
            kind,
        })?;
    }
    Ok(())
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
            return Ok(());
        }
        PatchOp::SetText(text) => {
            return match node {
                VNode::Text(old) => {
                    old.clone_from(text);
                    Ok(())
                }
                VNode::Element { .. } => Err(PatchErrorKind::NotText),
            };
        }
        _ => {}
    }
    let VNode::Element {
        attributes,
        children,
        ..
    } = node
    else {
        return Err(PatchErrorKind::NotAnElement);
    };
    let len = children.len();
    let out_of_range = |index: usize| PatchErrorKind::IndexOutOfRange { index, len };
    match &patch.op {
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
        PatchOp::Replace(_) | PatchOp::SetText(_) => {}
    }
    Ok(())
}
