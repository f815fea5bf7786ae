//! # A virtual DOM: describe the page as data, compare two descriptions, patch the difference
//!
//! Frameworks such as Yew, Dioxus and Leptos (in its SSR/hydration paths) never ask the
//! browser "what is on the page?". They keep a cheap description of the page as plain data
//! — a tree of [`VNode`]s — and when state changes they build a *new* description, compare
//! it with the old one ([`diff`]) and send the browser only the few operations that turn
//! one into the other ([`Patch`]). Touching the real DOM is slow and crosses the
//! WebAssembly ⇄ JavaScript boundary; comparing two Rust trees in linear memory is fast.
//!
//! This module is the pure-Rust half of that idea:
//!
//! * [`VNode`] and its builder ([`VNode::element`], [`VNode::text`]);
//! * [`VNode::render_html`]: the HTML standard's *fragment serialization* algorithm (what
//!   `innerHTML` returns), with its exact escaping rules and void elements;
//! * [`diff`] and [`apply`]: a patch list that turns one tree into another, with keyed
//!   children moved the minimum number of times (the longest-increasing-subsequence trick
//!   of Vue 3's `patchKeyedChildren` and Inferno);
//! * [`parse_markup`]: a small HTML-like parser for the tab's editors, with line:column
//!   errors;
//! * [`check_safe`]: the gate that refuses script-capable markup before anything typed by a
//!   person reaches the real DOM, and any tree whose HTML a browser would rebuild as another
//!   tree (the mutation-XSS gap);
//! * [`rows`]: js-framework-benchmark row generators and a deterministic PRNG.
//!
//! ## What production crates do that this one leaves out
//!
//! Yew (`yew::virtual_dom`), Dioxus (`dioxus-core`'s diffing of templates) and Leptos
//! (which mostly skips a virtual DOM and updates nodes from signals directly) diff
//! components, event listeners, namespaces (SVG, MathML), `value`/`checked` properties
//! versus attributes, and they patch the DOM *while* diffing instead of producing a list.
//! Here the patch list is the product: it is data you can print, count, step through and
//! test (`apply(diff(a, b), a) == b`). There are no components, no listeners (an
//! event-handler attribute is refused by [`check_safe`]) and no `<template>` contents.
//! Nodes carry no namespace: where an element is SVG or MathML follows from its ancestors,
//! exactly as the HTML parser decides it, and [`VNode::render_html`], [`parse_markup`] and
//! [`check_safe`] all work it out the same way (the `namespace` module).
//!
//! ## Never a stack overflow
//!
//! WebAssembly runs with a 1 MB stack. Every walk over a tree here — render, diff, apply,
//! clone, compare, debug-print and even drop — uses an explicit work list instead of
//! recursion, so a 10,000-deep tree is fine. That is why [`VNode`] implements `Clone`,
//! `PartialEq`, `Debug` and `Drop` by hand instead of deriving them (the derived versions
//! recurse once per level). One consequence of the hand-written `Drop`: fields cannot be
//! *moved* out of a `VNode` by a pattern (`let VNode::Text(s) = node`); match on a
//! reference, or use [`VNode::into_text`] / `std::mem::take` on a `&mut` field instead.

mod apply;
mod build;
mod diff;
pub mod editor;
pub mod encode;
mod html;
mod markup;
mod namespace;
mod round_trip;
pub mod rows;
mod safety;

#[cfg(test)]
mod tests;

use std::fmt;

pub use apply::{PatchError, PatchErrorKind, apply};
pub use build::{
    BuildError, ElementBuilder, is_raw_text_element, is_valid_attribute_name, is_valid_tag_name,
    is_void_element,
};
pub use diff::{
    Patch, PatchCounts, PatchOp, count_moves, count_patches, describe, diff, format_path,
    longest_increasing_subsequence,
};
pub use encode::{DomCounts, Encoder, encode};
pub use markup::{MAX_MARKUP_DEPTH, MarkupError, parse_markup, parse_markup_root};
pub use rows::{Prng, keyed_list};
pub use safety::{UnsafeMarkup, check_safe};

/// One node of a virtual DOM tree: an element or a run of text.
///
/// Build elements with [`VNode::element`] (which validates names and raw text) and text
/// with [`VNode::text`]. The enum's fields are public so that code can inspect trees; a
/// tree assembled by hand is not validated, and [`VNode::render_html`] documents what it
/// does with names it cannot write.
///
/// `Clone`, `PartialEq`, `Debug` and `Drop` are implemented without recursion (see the
/// module documentation), so trees of any depth are safe on a 1 MB stack.
pub enum VNode {
    /// An element such as `<li class="row">…</li>`.
    Element {
        /// The tag name, e.g. `"div"` (the builder stores it in ASCII lowercase, as the HTML
        /// parser and `document.createElement` do).
        tag: String,
        /// Identity among siblings for keyed diffing. Never rendered as an attribute.
        key: Option<String>,
        /// Attributes in order; the builder keeps names unique and ASCII lowercase.
        attributes: Vec<(String, String)>,
        /// Child nodes in order.
        children: Vec<VNode>,
    },
    /// A text node. Its content is stored unescaped; escaping happens when rendering.
    Text(String),
}

impl VNode {
    /// Starts building an element with the given tag name; finish with
    /// [`ElementBuilder::build`] or [`ElementBuilder::try_build`].
    ///
    /// ```
    /// use wasm_playground::lab::vdom::VNode;
    /// let li = VNode::element("li").key("k1").attr("class", "row").child(VNode::text("one")).build();
    /// assert_eq!(li.render_html(), r#"<li class="row">one</li>"#);
    /// ```
    pub fn element(tag: impl Into<String>) -> ElementBuilder {
        ElementBuilder::new(tag.into())
    }

    /// A text node. Any string is allowed: it is escaped when rendered.
    pub fn text(text: impl Into<String>) -> VNode {
        VNode::Text(text.into())
    }

    /// The tag name, or `None` for a text node.
    pub fn tag(&self) -> Option<&str> {
        match self {
            VNode::Element { tag, .. } => Some(tag),
            VNode::Text(_) => None,
        }
    }

    /// The key, or `None` for a text node or an element without one.
    pub fn key(&self) -> Option<&str> {
        match self {
            VNode::Element { key, .. } => key.as_deref(),
            VNode::Text(_) => None,
        }
    }

    /// The children of an element; an empty slice for a text node.
    pub fn children(&self) -> &[VNode] {
        match self {
            VNode::Element { children, .. } => children,
            VNode::Text(_) => &[],
        }
    }

    /// The attributes of an element; an empty slice for a text node.
    pub fn attributes(&self) -> &[(String, String)] {
        match self {
            VNode::Element { attributes, .. } => attributes,
            VNode::Text(_) => &[],
        }
    }

    /// The value of the first attribute called `name` (compared exactly).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text of a text node, or `None` for an element.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            VNode::Text(text) => Some(text),
            VNode::Element { .. } => None,
        }
    }

    /// Takes the text out of a text node (`Err(self)` for an element). Needed because the
    /// hand-written `Drop` forbids moving fields out with a pattern.
    pub fn into_text(mut self) -> Result<String, VNode> {
        match &mut self {
            VNode::Text(text) => Ok(std::mem::take(text)),
            VNode::Element { .. } => Err(self),
        }
    }

    /// The node reached by following `path` (child indexes from `self`); `None` if the path
    /// leaves the tree. The empty path is `self`.
    pub fn node_at(&self, path: &[usize]) -> Option<&VNode> {
        let mut node = self;
        for &index in path {
            node = node.children().get(index)?;
        }
        Some(node)
    }

    /// Mutable version of [`VNode::node_at`].
    pub fn node_at_mut(&mut self, path: &[usize]) -> Option<&mut VNode> {
        let mut node = self;
        for &index in path {
            node = match node {
                VNode::Element { children, .. } => children.get_mut(index)?,
                VNode::Text(_) => return None,
            };
        }
        Some(node)
    }

    /// The number of nodes in the tree, `self` included (saturating; iterative).
    pub fn node_count(&self) -> usize {
        let mut count = 0usize;
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            count = count.saturating_add(1);
            stack.extend(node.children());
        }
        count
    }

    /// The number of levels: 1 for a leaf (iterative).
    pub fn depth(&self) -> usize {
        let mut deepest = 0usize;
        let mut stack = vec![(self, 1usize)];
        while let Some((node, level)) = stack.pop() {
            deepest = deepest.max(level);
            stack.extend(node.children().iter().map(|c| (c, level.saturating_add(1))));
        }
        deepest
    }
}

impl From<ElementBuilder> for VNode {
    /// Same as [`ElementBuilder::build`], so a builder can be passed where a child is wanted.
    fn from(builder: ElementBuilder) -> VNode {
        builder.build()
    }
}

impl From<&str> for VNode {
    /// A text node.
    fn from(text: &str) -> VNode {
        VNode::Text(text.to_owned())
    }
}

impl From<String> for VNode {
    /// A text node.
    fn from(text: String) -> VNode {
        VNode::Text(text)
    }
}

/// A node's own data without its children: what the iterative walks copy one level at a
/// time.
fn shallow_clone(node: &VNode) -> VNode {
    match node {
        VNode::Text(text) => VNode::Text(text.clone()),
        VNode::Element {
            tag,
            key,
            attributes,
            children,
        } => VNode::Element {
            tag: tag.clone(),
            key: key.clone(),
            attributes: attributes.clone(),
            children: Vec::with_capacity(children.len()),
        },
    }
}

impl Clone for VNode {
    /// Deep copy without recursion: a work list of (source, destination path) pairs would
    /// need index lookups, so instead the copy is built bottom-up — finished subtrees wait
    /// on an output stack until their parent collects them.
    fn clone(&self) -> VNode {
        enum Step<'a> {
            Enter(&'a VNode),
            Finish(&'a VNode),
        }
        let mut work = vec![Step::Enter(self)];
        let mut done: Vec<VNode> = Vec::new();
        while let Some(step) = work.pop() {
            match step {
                Step::Enter(node) => match node.children() {
                    [] => done.push(shallow_clone(node)),
                    children => {
                        work.push(Step::Finish(node));
                        work.extend(children.iter().rev().map(Step::Enter));
                    }
                },
                Step::Finish(node) => {
                    let count = node.children().len();
                    let mut copy = shallow_clone(node);
                    let first = done.len().saturating_sub(count);
                    if let VNode::Element { children, .. } = &mut copy {
                        children.extend(done.drain(first..));
                    }
                    done.push(copy);
                }
            }
        }
        // The loop leaves exactly the root behind; the fallback is unreachable but cheaper
        // to state than to prove to the compiler.
        done.pop().unwrap_or_else(|| VNode::Text(String::new()))
    }
}

impl PartialEq for VNode {
    /// Structural equality (tag, key, attributes in order, children in order, text),
    /// compared with a work list instead of recursion.
    fn eq(&self, other: &VNode) -> bool {
        let mut stack = vec![(self, other)];
        while let Some((a, b)) = stack.pop() {
            match (a, b) {
                (VNode::Text(x), VNode::Text(y)) => {
                    if x != y {
                        return false;
                    }
                }
                (
                    VNode::Element {
                        tag: t1,
                        key: k1,
                        attributes: a1,
                        children: c1,
                    },
                    VNode::Element {
                        tag: t2,
                        key: k2,
                        attributes: a2,
                        children: c2,
                    },
                ) => {
                    if t1 != t2 || k1 != k2 || a1 != a2 || c1.len() != c2.len() {
                        return false;
                    }
                    stack.extend(c1.iter().zip(c2.iter()));
                }
                _ => return false,
            }
        }
        true
    }
}

impl Eq for VNode {}

impl Drop for VNode {
    /// Tears the tree down with a work list. The derived drop would recurse once per level
    /// and overflow a 1 MB stack at a few thousand levels.
    fn drop(&mut self) {
        let VNode::Element { children, .. } = self else {
            return;
        };
        // Fast path: children without grandchildren drop in one level of recursion.
        if children.iter().all(|c| c.children().is_empty()) {
            return;
        }
        let mut pending = std::mem::take(children);
        while let Some(mut node) = pending.pop() {
            if let VNode::Element { children, .. } = &mut node {
                pending.append(children);
            }
            // `node` drops here with no children left, so its own `drop` returns at once.
        }
    }
}

impl fmt::Debug for VNode {
    /// Prints `Element { tag: "p", key: None, attributes: [], children: [Text("x")] }`, the
    /// shape `#[derive(Debug)]` prints, without recursion. The alternate form (`{:#?}`) puts
    /// each field and child on its own line, indented four spaces per level (up to
    /// 32 levels).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        enum Step<'a> {
            Node(&'a VNode, usize),
            Separator { level: usize, first: bool },
            Close { level: usize, had_children: bool },
        }
        let pretty = f.alternate();
        // In pretty mode: a line break and indentation; otherwise the given inline text.
        let gap = |f: &mut fmt::Formatter<'_>, level: usize, inline: &str| -> fmt::Result {
            if pretty {
                f.write_str("\n")?;
                // Capped so that a very deep tree prints in linear, not quadratic, size.
                for _ in 0..level.min(32) {
                    f.write_str("    ")?;
                }
                Ok(())
            } else {
                f.write_str(inline)
            }
        };
        let mut work = vec![Step::Node(self, 0)];
        while let Some(step) = work.pop() {
            match step {
                Step::Node(VNode::Text(text), _) => write!(f, "Text({text:?})")?,
                Step::Node(
                    VNode::Element {
                        tag,
                        key,
                        attributes,
                        children,
                    },
                    level,
                ) => {
                    let field = level + 1;
                    f.write_str("Element {")?;
                    gap(f, field, " ")?;
                    write!(f, "tag: {tag:?},")?;
                    gap(f, field, " ")?;
                    write!(f, "key: {key:?},")?;
                    gap(f, field, " ")?;
                    write!(f, "attributes: {attributes:?},")?;
                    gap(f, field, " ")?;
                    f.write_str("children: [")?;
                    work.push(Step::Close {
                        level,
                        had_children: !children.is_empty(),
                    });
                    let item = field + 1;
                    for (i, child) in children.iter().enumerate().rev() {
                        work.push(Step::Node(child, item));
                        work.push(Step::Separator {
                            level: item,
                            first: i == 0,
                        });
                    }
                }
                Step::Separator { level, first } => {
                    if !first {
                        f.write_str(",")?;
                    }
                    gap(f, level, if first { "" } else { " " })?;
                }
                Step::Close {
                    level,
                    had_children,
                } => {
                    if pretty {
                        if had_children {
                            f.write_str(",")?;
                            gap(f, level + 1, "")?;
                        }
                        f.write_str("],")?;
                        gap(f, level, "")?;
                        f.write_str("}")?;
                    } else {
                        f.write_str("] }")?;
                    }
                }
            }
        }
        Ok(())
    }
}
