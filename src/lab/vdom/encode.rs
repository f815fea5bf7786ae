//! The batched patcher's wire format: a whole patch list written as one array of numbers
//! and one string, so that it crosses the WebAssembly ⇄ JavaScript boundary in a single
//! call and a small loop in JavaScript (`applyOps` in `src/web/js/vdom.js`) makes the DOM
//! calls.
//!
//! Calling a DOM method from WebAssembly goes through a JavaScript glue function per call:
//! replaying a list patch by patch through web-sys costs thousands of crossings. Here the
//! list becomes a program instead: [`Op`] codes and their operands in a `u32` array (read
//! by JavaScript as a `Uint32Array` view of WASM memory), every string appended to one
//! string and named by its UTF-16 offset and length (what JavaScript's `substring`
//! counts). It is the technique of sledgehammer-bindgen (Dioxus).
//!
//! A node that an insert or a replace adds is built node by node the first time a shape
//! appears (tags, attributes, structure) and kept as a template; a later node of the same
//! shape is a deep copy of the template with only its differing texts set (template
//! cloning, as Solid, Leptos and Dioxus do with their compiled templates, and as
//! js-framework-benchmark's vanilla-js entry does by hand). Only those top nodes are
//! matched, not the subtrees inside them: a `Replace` of a whole list builds every item.
//!
//! The JavaScript side reads the numbers of [`Op`] and [`Counter`] from a block that
//! [`js_constants`] writes; `tests/vdom_js_table.rs` fails when the block in the file is
//! not exactly that text, so the two sides cannot drift apart.

#[cfg(test)]
mod tests;

use super::{Patch, PatchOp, VNode};

/// An instruction of the program that `applyOps` runs, with its number on the wire.
///
/// `applyOps` keeps a current node (where a patch works) and a stack of nodes being
/// built. A string operand is two numbers: its UTF-16 offset into the strings and its
/// UTF-16 length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Op {
    /// `n, i1..in`: starts a patch; the current node becomes the tree's root, then its
    /// `childNodes[i1]`, and so on.
    Patch = 1,
    /// `text`: sets the current text node's text.
    SetText = 2,
    /// `name, value`: sets an attribute of the current element.
    SetAttr = 3,
    /// `name`: removes an attribute of the current element (an error when absent).
    RemoveAttr = 4,
    /// Pops the built node and puts it in place of the current node.
    Replace = 5,
    /// `index`: pops the built node and inserts it as the current element's child `index`.
    Insert = 6,
    /// `index`: removes the current element's child `index`.
    Remove = 7,
    /// `from, to`: moves a child of the current element (`to` counted without it, as in
    /// [`PatchOp::MoveChild`]).
    Move = 8,
    /// `tag`: pushes a new element.
    Elem = 10,
    /// `name, value`: sets an attribute on the element on top of the stack.
    Attr = 11,
    /// `text`: pushes a new text node.
    Text = 12,
    /// Pops a node and appends it to the node below it on the stack.
    Append = 13,
    /// `template`: pushes a deep copy of a kept template.
    Clone = 14,
    /// `k, text`: sets the `k`-th text node (pre-order) of the copy on top of the stack;
    /// only right after a `Clone` or another `Slot`.
    Slot = 15,
    /// `template`: keeps a private copy of the node on top of the stack as template
    /// number `template`.
    Keep = 16,
}

impl Op {
    /// Every op, in the order of their numbers.
    pub const ALL: [Op; 15] = [
        Op::Patch,
        Op::SetText,
        Op::SetAttr,
        Op::RemoveAttr,
        Op::Replace,
        Op::Insert,
        Op::Remove,
        Op::Move,
        Op::Elem,
        Op::Attr,
        Op::Text,
        Op::Append,
        Op::Clone,
        Op::Slot,
        Op::Keep,
    ];

    /// The number written into the program.
    pub const fn code(self) -> u32 {
        self as u32
    }

    /// The op with this number, if any.
    pub fn from_code(code: u32) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.code() == code)
    }

    /// The name of the JavaScript constant that holds [`Op::code`].
    pub const fn js_name(self) -> &'static str {
        match self {
            Op::Patch => "PATCH",
            Op::SetText => "SET_TEXT",
            Op::SetAttr => "SET_ATTR",
            Op::RemoveAttr => "REMOVE_ATTR",
            Op::Replace => "REPLACE",
            Op::Insert => "INSERT",
            Op::Remove => "REMOVE",
            Op::Move => "MOVE",
            Op::Elem => "ELEM",
            Op::Attr => "ATTR",
            Op::Text => "TEXT",
            Op::Append => "APPEND",
            Op::Clone => "CLONE",
            Op::Slot => "SLOT",
            Op::Keep => "KEEP",
        }
    }

    /// The operands that follow the op, for the comment beside the JavaScript constant.
    pub const fn operands(self) -> &'static str {
        match self {
            Op::Patch => "n, i1..in: start a patch at root.childNodes[i1]…",
            Op::SetText => "text",
            Op::SetAttr => "name, value",
            Op::RemoveAttr => "name",
            Op::Replace => "(pops the built node)",
            Op::Insert => "index (pops the built node)",
            Op::Remove => "index",
            Op::Move => "from, to",
            Op::Elem => "tag: push a new element",
            Op::Attr => "name, value: on the top element",
            Op::Text => "text: push a new text node",
            Op::Append => "pop a node, append it to the new top",
            Op::Clone => "template: push a deep copy of a template",
            Op::Slot => "k, text: set the k-th text (pre-order) of the top",
            Op::Keep => "template: remember the top node as a template",
        }
    }
}

/// A kind of DOM call, counted by both patchers; its number is its index in the counts
/// array `applyOps` fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(usize)]
pub enum Counter {
    /// `document.createElement`.
    CreateElement = 0,
    /// `document.createTextNode`.
    CreateText = 1,
    /// `insertBefore`/`appendChild` of a new node (also inside a newly built subtree).
    Insert = 2,
    /// `insertBefore` of a node already in the list (a move).
    Move = 3,
    /// `removeChild`.
    Remove = 4,
    /// `replaceChild`.
    Replace = 5,
    /// `setAttribute`.
    SetAttribute = 6,
    /// `removeAttribute`.
    RemoveAttribute = 7,
    /// Text updates (`nodeValue = …`), also the texts set in a copied template.
    SetText = 8,
    /// `cloneNode(true)`: a template kept or copied.
    Clone = 9,
}

impl Counter {
    /// Every counter, in the order of the counts array.
    pub const ALL: [Counter; 10] = [
        Counter::CreateElement,
        Counter::CreateText,
        Counter::Insert,
        Counter::Move,
        Counter::Remove,
        Counter::Replace,
        Counter::SetAttribute,
        Counter::RemoveAttribute,
        Counter::SetText,
        Counter::Clone,
    ];

    /// The name of the JavaScript constant that holds the counter's index.
    pub const fn js_name(self) -> &'static str {
        match self {
            Counter::CreateElement => "C_ELEMENT",
            Counter::CreateText => "C_TEXT",
            Counter::Insert => "C_INSERT",
            Counter::Move => "C_MOVE",
            Counter::Remove => "C_REMOVE",
            Counter::Replace => "C_REPLACE",
            Counter::SetAttribute => "C_SET_ATTR",
            Counter::RemoveAttribute => "C_REMOVE_ATTR",
            Counter::SetText => "C_SET_TEXT",
            Counter::Clone => "C_CLONE",
        }
    }

    /// What the counter counts, as a table shows it.
    pub const fn label(self) -> &'static str {
        match self {
            Counter::CreateElement => "createElement",
            Counter::CreateText => "createTextNode",
            Counter::Insert => "insertBefore / appendChild (new)",
            Counter::Move => "insertBefore (move)",
            Counter::Remove => "removeChild",
            Counter::Replace => "replaceChild",
            Counter::SetAttribute => "setAttribute",
            Counter::RemoveAttribute => "removeAttribute",
            Counter::SetText => "text update",
            Counter::Clone => "cloneNode (template)",
        }
    }
}

/// DOM calls made while building or patching, by kind (see [`Counter`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DomCounts {
    /// `document.createElement`.
    pub create_element: usize,
    /// `document.createTextNode`.
    pub create_text: usize,
    /// `insertBefore`/`appendChild` of a new node (also inside a newly built subtree).
    pub insert: usize,
    /// `insertBefore` of a node already in the list (a move).
    pub moves: usize,
    /// `removeChild`.
    pub remove: usize,
    /// `replaceChild`.
    pub replace: usize,
    /// `setAttribute`.
    pub set_attribute: usize,
    /// `removeAttribute`.
    pub remove_attribute: usize,
    /// Text updates (`nodeValue = …`), also the texts set in a cloned template.
    pub set_text: usize,
    /// `cloneNode(true)` of a subtree already built in the same patch list (a template).
    pub clone: usize,
}

impl DomCounts {
    /// The count of one kind of call.
    pub fn get(&self, counter: Counter) -> usize {
        match counter {
            Counter::CreateElement => self.create_element,
            Counter::CreateText => self.create_text,
            Counter::Insert => self.insert,
            Counter::Move => self.moves,
            Counter::Remove => self.remove,
            Counter::Replace => self.replace,
            Counter::SetAttribute => self.set_attribute,
            Counter::RemoveAttribute => self.remove_attribute,
            Counter::SetText => self.set_text,
            Counter::Clone => self.clone,
        }
    }

    fn slot(&mut self, counter: Counter) -> &mut usize {
        match counter {
            Counter::CreateElement => &mut self.create_element,
            Counter::CreateText => &mut self.create_text,
            Counter::Insert => &mut self.insert,
            Counter::Move => &mut self.moves,
            Counter::Remove => &mut self.remove,
            Counter::Replace => &mut self.replace,
            Counter::SetAttribute => &mut self.set_attribute,
            Counter::RemoveAttribute => &mut self.remove_attribute,
            Counter::SetText => &mut self.set_text,
            Counter::Clone => &mut self.clone,
        }
    }

    /// All calls together.
    pub fn total(&self) -> usize {
        Counter::ALL.into_iter().map(|c| self.get(c)).sum()
    }

    /// Adds another count into this one.
    pub fn add(&mut self, other: &DomCounts) {
        for counter in Counter::ALL {
            *self.slot(counter) += other.get(counter);
        }
    }

    /// Adds the counts array `applyOps` fills (indexed by [`Counter`]).
    pub fn add_counters(&mut self, counters: &[u32; Counter::ALL.len()]) {
        for (counter, &n) in Counter::ALL.into_iter().zip(counters) {
            *self.slot(counter) += n as usize;
        }
    }

    /// `(label, count)` for every kind, in a fixed order, for tables.
    pub fn rows(&self) -> [(&'static str, usize); Counter::ALL.len()] {
        Counter::ALL.map(|c| (c.label(), self.get(c)))
    }
}

/// The JavaScript constants for every [`Op`] and [`Counter`], exactly as the block between
/// `// region: opcodes` and `// endregion` in `src/web/js/vdom.js` must read.
pub fn js_constants() -> String {
    let mut out = String::from(
        "// Written from lab::vdom::encode (Op, Counter) by `UPDATE_JS=1 cargo test --test \
         vdom_js_table`;\n// that test fails while this block and the Rust enums disagree. \
         Do not edit by hand.\n",
    );
    for op in Op::ALL {
        out.push_str(&format!(
            "const {} = {}; // {}\n",
            op.js_name(),
            op.code(),
            op.operands()
        ));
    }
    out.push_str("// Indexes into `counts`.\n");
    for counter in Counter::ALL {
        out.push_str(&format!(
            "const {} = {}; // {}\n",
            counter.js_name(),
            counter as usize,
            counter.label()
        ));
    }
    out
}

// region: encoder
/// A patch list written as a program for `applyOps`: ops and operands in [`Encoder::ops`],
/// every string appended to [`Encoder::strings`].
#[derive(Default)]
pub struct Encoder<'a> {
    ops: Vec<u32>,
    strings: String,
    /// UTF-16 length of `strings`.
    utf16_len: u32,
    /// Subtrees built so far in this list, by shape; the index is the template number.
    templates: Vec<&'a VNode>,
    /// The template the last copied subtree matched, tried first (a list of rows).
    last: Option<usize>,
}

/// Subtrees smaller than this are built node by node: a copy saves nothing.
pub const MIN_TEMPLATE_NODES: usize = 3;
/// How many of the latest templates a new subtree is compared with.
pub const RECENT_TEMPLATES: usize = 8;

/// Encodes a whole patch list.
pub fn encode(patches: &[Patch]) -> Encoder<'_> {
    let mut encoder = Encoder::default();
    for patch in patches {
        encoder.patch(patch);
    }
    encoder
}

impl<'a> Encoder<'a> {
    /// The program: ops and their operands.
    pub fn ops(&self) -> &[u32] {
        &self.ops
    }

    /// Every string operand, one after the other.
    pub fn strings(&self) -> &str {
        &self.strings
    }

    fn op(&mut self, op: Op) {
        self.ops.push(op.code());
    }

    fn number(&mut self, n: usize) {
        self.ops.push(u32::try_from(n).unwrap_or(u32::MAX));
    }

    fn string(&mut self, s: &str) {
        let len = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        self.ops.push(self.utf16_len);
        self.ops.push(len);
        self.strings.push_str(s);
        self.utf16_len = self.utf16_len.saturating_add(len);
    }

    /// Appends one patch.
    pub fn patch(&mut self, patch: &'a Patch) {
        self.op(Op::Patch);
        self.number(patch.path.len());
        for &index in &patch.path {
            self.number(index);
        }
        match &patch.op {
            PatchOp::Replace(node) => {
                self.subtree(node);
                self.op(Op::Replace);
            }
            PatchOp::SetText(text) => {
                self.op(Op::SetText);
                self.string(text);
            }
            PatchOp::SetAttribute(name, value) => {
                self.op(Op::SetAttr);
                self.string(name);
                self.string(value);
            }
            PatchOp::RemoveAttribute(name) => {
                self.op(Op::RemoveAttr);
                self.string(name);
            }
            PatchOp::InsertChild { index, node } => {
                self.subtree(node);
                self.op(Op::Insert);
                self.number(*index);
            }
            PatchOp::RemoveChild { index } => {
                self.op(Op::Remove);
                self.number(*index);
            }
            PatchOp::MoveChild { from, to } => {
                self.op(Op::Move);
                self.number(*from);
                self.number(*to);
            }
        }
    }

    /// A program that leaves a live copy of `node` on the stack: a copy of a template of
    /// the same shape with its texts set, or else built node by node (and kept as a
    /// template when it is big enough to be worth copying).
    fn subtree(&mut self, node: &'a VNode) {
        if !matches!(node, VNode::Element { .. }) {
            return self.build(node);
        }
        let mut slots = Vec::new();
        // The last match first (a list of rows), then the most recent few: a list of many
        // different shapes must not cost templates × subtrees comparisons.
        let recent = self.templates.len().saturating_sub(RECENT_TEMPLATES)..self.templates.len();
        for t in self.last.into_iter().chain(recent.rev()) {
            let Some(&template) = self.templates.get(t) else {
                continue;
            };
            slots.clear();
            if same_shape(template, node, &mut slots) {
                self.last = Some(t);
                self.op(Op::Clone);
                self.number(t);
                for (k, text) in slots {
                    self.op(Op::Slot);
                    self.number(k);
                    self.string(text);
                }
                return;
            }
        }
        self.build(node);
        if node_count_at_least(node, MIN_TEMPLATE_NODES) {
            self.op(Op::Keep);
            self.number(self.templates.len());
            self.templates.push(node);
        }
    }

    /// `createElement`/`createTextNode`/`setAttribute`/`appendChild` for the whole subtree,
    /// depth first with a work list (any depth).
    fn build(&mut self, node: &VNode) {
        enum Step<'n> {
            Open(&'n VNode),
            Append,
        }
        let mut work = vec![Step::Open(node)];
        while let Some(step) = work.pop() {
            match step {
                Step::Append => self.op(Op::Append),
                Step::Open(VNode::Text(text)) => {
                    self.op(Op::Text);
                    self.string(text);
                }
                Step::Open(VNode::Element {
                    tag,
                    attributes,
                    children,
                    ..
                }) => {
                    self.op(Op::Elem);
                    self.string(tag);
                    for (name, value) in attributes {
                        self.op(Op::Attr);
                        self.string(name);
                        self.string(value);
                    }
                    for child in children.iter().rev() {
                        work.push(Step::Append);
                        work.push(Step::Open(child));
                    }
                }
            }
        }
    }
}

/// Whether `node`'s subtree has at least `n` nodes (stops counting there).
fn node_count_at_least(node: &VNode, n: usize) -> bool {
    let mut seen = 0;
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        seen += 1;
        if seen >= n {
            return true;
        }
        stack.extend(node.children());
    }
    false
}

/// Whether `node` renders to the same DOM as `template` except for the contents of text
/// nodes (keys do not matter: they are never rendered). On `true`, `slots` holds the text
/// nodes that differ, as (pre-order text index, new text).
fn same_shape<'n>(template: &VNode, node: &'n VNode, slots: &mut Vec<(usize, &'n str)>) -> bool {
    let mut text_index = 0usize;
    let mut stack = vec![(template, node)];
    while let Some(pair) = stack.pop() {
        match pair {
            (VNode::Text(a), VNode::Text(b)) => {
                if a != b {
                    slots.push((text_index, b));
                }
                text_index += 1;
            }
            (
                VNode::Element {
                    tag: tag_a,
                    attributes: attrs_a,
                    children: kids_a,
                    ..
                },
                VNode::Element {
                    tag: tag_b,
                    attributes: attrs_b,
                    children: kids_b,
                    ..
                },
            ) if tag_a == tag_b && attrs_a == attrs_b && kids_a.len() == kids_b.len() => {
                stack.extend(kids_a.iter().zip(kids_b).rev());
            }
            _ => return false,
        }
    }
    true
}
// endregion
