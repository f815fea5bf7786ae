//! `diff`: the patch list that turns one tree into another, with keyed children moved the
//! minimum number of times.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

use super::VNode;

/// One change to a tree: an operation on the node found by following `path`.
///
/// `path` lists child indexes from the root (`[]` is the root itself, `[0, 2]` is the third
/// child of the root's first child). It is resolved against the tree **as it is when this
/// patch is applied**, after every earlier patch of the same list; see [`super::apply`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Patch {
    /// Child indexes from the root to the node the operation works on (for the child
    /// operations: to the parent element).
    pub path: Vec<usize>,
    /// What to do there.
    pub op: PatchOp,
}

/// The operations of a [`Patch`], each mapping onto one or two DOM calls.
///
/// For the child operations the node at the patch's path is the *parent*, and indexes
/// count its children at the moment the patch is applied:
///
/// | op | tree | DOM |
/// |---|---|---|
/// | `Replace(n)` | the node at `path` becomes `n` | `old.replaceWith(create(n))` |
/// | `SetText(s)` | the text node's text becomes `s` | `text.data = s` |
/// | `SetAttribute(k, v)` | sets `k`; an existing `k` keeps its place, a new one goes last | `setAttribute(k, v)` |
/// | `RemoveAttribute(k)` | removes `k` (an error if absent) | `removeAttribute(k)` |
/// | `InsertChild { index, node }` | `children.insert(index, node)`, `index <= len` | `insertBefore(create(node), childNodes[index] ?? null)` |
/// | `RemoveChild { index }` | `children.remove(index)` | `removeChild(childNodes[index])` |
/// | `MoveChild { from, to }` | `let c = children.remove(from); children.insert(to, c)` | see below |
///
/// `MoveChild`'s `to` is the index the child has *after* the move (counted with the child
/// taken out). With one `insertBefore` on the live list: the reference node is
/// `childNodes[to]` when `to < from`, and `childNodes[to + 1]` (or `null` past the end)
/// when `to > from`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatchOp {
    /// Replace the node (and its subtree) with another one.
    Replace(VNode),
    /// Change the text of a text node.
    SetText(String),
    /// Add or change an attribute (name, value).
    SetAttribute(String, String),
    /// Remove an attribute by name.
    RemoveAttribute(String),
    /// Insert a new child so that it ends up at `index`.
    InsertChild {
        /// Position of the new child among its siblings, `0..=len`.
        index: usize,
        /// The new child.
        node: VNode,
    },
    /// Remove the child at `index`.
    RemoveChild {
        /// Position of the child to remove.
        index: usize,
    },
    /// Move an existing child from `from` to `to` (its index after the move).
    MoveChild {
        /// Where the child is now.
        from: usize,
        /// Where it ends up, counted after taking it out.
        to: usize,
    },
}

impl Patch {
    /// The path of the node this patch changes most visibly, for highlighting: the node
    /// itself for `Replace`/`SetText`/attribute patches, the inserted or moved child (at its
    /// new place) for `InsertChild`/`MoveChild`, and the parent for `RemoveChild`.
    pub fn touched_path(&self) -> Vec<usize> {
        let mut path = self.path.clone();
        match self.op {
            PatchOp::InsertChild { index, .. } => path.push(index),
            PatchOp::MoveChild { to, .. } => path.push(to),
            _ => {}
        }
        path
    }
}

/// A path as text: `/` for the root, `/0/2` for the third child of the first child.
pub fn format_path(path: &[usize]) -> String {
    if path.is_empty() {
        return "/".to_owned();
    }
    let mut out = String::new();
    for index in path {
        let _ = write!(out, "/{index}");
    }
    out
}

/// A short label for a node in a sentence: `<li key="a">` or `text "hello"` (long text
/// shortened to 24 characters).
fn label(node: &VNode) -> String {
    match node {
        VNode::Element { tag, key, .. } => match key {
            Some(key) => format!("<{tag} key={key:?}>"),
            None => format!("<{tag}>"),
        },
        VNode::Text(text) => {
            let mut short: String = text.chars().take(24).collect();
            if text.chars().nth(24).is_some() {
                short.push('…');
            }
            format!("text {short:?}")
        }
    }
}

/// The patch in words, e.g. `move child 3 to 0 at /0/2` or `set class="x" at /0`.
pub fn describe(patch: &Patch) -> String {
    let at = format_path(&patch.path);
    match &patch.op {
        PatchOp::Replace(node) => format!("replace {at} with {}", label(node)),
        PatchOp::SetText(text) => format!("set text at {at} to {text:?}"),
        PatchOp::SetAttribute(name, value) => format!("set {name}={value:?} at {at}"),
        PatchOp::RemoveAttribute(name) => format!("remove attribute {name} at {at}"),
        PatchOp::InsertChild { index, node } => {
            format!("insert {} as child {index} at {at}", label(node))
        }
        PatchOp::RemoveChild { index } => format!("remove child {index} at {at}"),
        PatchOp::MoveChild { from, to } => format!("move child {from} to {to} at {at}"),
    }
}

/// The number of `MoveChild` patches in a list.
pub fn count_moves(patches: &[Patch]) -> usize {
    patches
        .iter()
        .filter(|p| matches!(p.op, PatchOp::MoveChild { .. }))
        .count()
}

/// How many patches of each kind a list holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PatchCounts {
    /// `Replace` patches.
    pub replace: usize,
    /// `SetText` patches.
    pub set_text: usize,
    /// `SetAttribute` patches.
    pub set_attribute: usize,
    /// `RemoveAttribute` patches.
    pub remove_attribute: usize,
    /// `InsertChild` patches.
    pub insert: usize,
    /// `RemoveChild` patches.
    pub remove: usize,
    /// `MoveChild` patches.
    pub moves: usize,
}

/// Counts the patches of a list by kind.
pub fn count_patches(patches: &[Patch]) -> PatchCounts {
    let mut counts = PatchCounts::default();
    for patch in patches {
        let slot = match patch.op {
            PatchOp::Replace(_) => &mut counts.replace,
            PatchOp::SetText(_) => &mut counts.set_text,
            PatchOp::SetAttribute(..) => &mut counts.set_attribute,
            PatchOp::RemoveAttribute(_) => &mut counts.remove_attribute,
            PatchOp::InsertChild { .. } => &mut counts.insert,
            PatchOp::RemoveChild { .. } => &mut counts.remove,
            PatchOp::MoveChild { .. } => &mut counts.moves,
        };
        *slot += 1;
    }
    counts
}

// region: lis
/// One longest strictly increasing subsequence of `seq`, as ascending indexes into `seq`.
///
/// Patience method, O(n log n): `tails[k]` holds the index of the smallest value that ends
/// an increasing run of length `k + 1` seen so far; each new value either extends the
/// longest run or lowers the tail of a shorter one (found by binary search), and
/// `previous[i]` remembers the run it extended so the answer can be walked back.
///
/// ```
/// use wasm_playground::lab::vdom::longest_increasing_subsequence;
/// assert_eq!(longest_increasing_subsequence(&[3, 1, 2, 0, 4]), vec![1, 2, 4]);
/// ```
pub fn longest_increasing_subsequence(seq: &[usize]) -> Vec<usize> {
    // tails[k] is an index into seq; tail_values[k] == seq[tails[k]], kept side by side so
    // the binary search reads one contiguous array instead of jumping around seq.
    let mut tails: Vec<usize> = Vec::new();
    let mut tail_values: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = Vec::with_capacity(seq.len());
    for (i, &value) in seq.iter().enumerate() {
        // First run whose tail value is >= value: that run's tail gets replaced.
        let at = tail_values.partition_point(|&t| t < value);
        previous.push(match at.checked_sub(1) {
            Some(k) => tails.get(k).copied().unwrap_or(NONE),
            None => NONE,
        });
        match (tails.get_mut(at), tail_values.get_mut(at)) {
            (Some(tail), Some(tail_value)) => {
                *tail = i;
                *tail_value = value;
            }
            _ => {
                tails.push(i);
                tail_values.push(value);
            }
        }
    }
    let mut result = Vec::with_capacity(tails.len());
    let mut cursor = tails.last().copied().unwrap_or(NONE);
    while let Some(&before) = previous.get(cursor) {
        result.push(cursor);
        cursor = before;
    }
    result.reverse();
    result
}

// endregion

/// A Fenwick (binary indexed) tree of occupied slots: "how many occupied slots come before
/// slot s" in O(log n), which turns a slot into a live child index.
struct Fenwick {
    tree: Vec<u32>,
}

impl Fenwick {
    fn new(size: usize) -> Fenwick {
        Fenwick {
            tree: vec![0; size + 1],
        }
    }

    fn add(&mut self, slot: usize, increase: bool) {
        // Adding u32::MAX wraps around to subtracting 1. A count never goes below zero
        // (only occupied slots are emptied), so the wrap-around never shows.
        let step = if increase { 1 } else { u32::MAX };
        let mut i = slot + 1;
        while let Some(cell) = self.tree.get_mut(i) {
            *cell = cell.wrapping_add(step);
            i += i & i.wrapping_neg();
        }
    }

    /// Occupied slots strictly before `slot`.
    fn before(&self, slot: usize) -> usize {
        let mut sum = 0usize;
        let mut i = slot;
        while i > 0 {
            sum += self.tree.get(i).copied().unwrap_or(0) as usize;
            i &= i - 1;
        }
        sum
    }
}

/// The Fx hash (as in `rustc-hash`): one rotate, xor and multiply per 8 bytes. Keys are
/// short strings and there are many of them; SipHash's protection against crafted
/// collisions buys nothing here (a person could only slow down their own tab) and costs a
/// tenth of a large keyed diff.
#[derive(Default)]
struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut word = [0u8; 8];
        let rest = chunks.remainder();
        if let Some(head) = word.get_mut(..rest.len()) {
            head.copy_from_slice(rest);
        }
        self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

type FxMap<'a> = HashMap<Key<'a>, usize, BuildHasherDefault<FxHasher>>;

/// A key in the keyed diff's map, with its first 16 bytes copied into the map entry.
///
/// The map holds the new children's keys and is probed with the old ones. A probe that
/// finds a candidate must compare the two keys, and reading the new key's bytes would be a
/// jump to wherever that child lives in memory, in random order — a cache miss per child
/// in a big shuffled list. Keys are short (ids), so for a key of up to 16 bytes the copy
/// in the entry decides alone; longer keys are compared in full as well.
#[derive(Clone, Copy)]
pub(super) struct Key<'a> {
    text: &'a str,
    head: [u8; 16],
}

impl<'a> Key<'a> {
    pub(super) fn new(text: &'a str) -> Key<'a> {
        let mut head = [0u8; 16];
        for (slot, byte) in head.iter_mut().zip(text.bytes()) {
            *slot = byte;
        }
        Key { text, head }
    }

    fn is_short(&self) -> bool {
        self.text.len() <= self.head.len()
    }
}

impl std::hash::Hash for Key<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if self.is_short() {
            state.write(&self.head);
            state.write_usize(self.text.len());
        } else {
            state.write(self.text.as_bytes());
        }
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Key<'_>) -> bool {
        self.text.len() == other.text.len()
            && self.head == other.head
            && (self.is_short() || same_text(self.text, other.text))
    }
}

impl Eq for Key<'_> {}

/// `a == b` for strings, without a call to `memcmp` for the short strings a DOM is made
/// of (tag and attribute names, class lists, keys, labels).
///
/// `==` on `str` compares the lengths, then calls `memcmp`: natively a vectorised library
/// function behind a call, in WebAssembly compiler-builtins' loop of one byte per
/// iteration. Most strings here are at most 32 bytes long, and for those two overlapping
/// fixed-size chunks — the first `N` and the last `N` bytes, with `N <= len <= 2N` — cover
/// every byte; comparing a `[u8; N]` is one or two plain loads and compares. Longer
/// strings are left to `==`.
#[inline]
pub(super) fn same_text(a: &str, b: &str) -> bool {
    #[inline(always)]
    fn ends<const N: usize>(a: &[u8], b: &[u8]) -> bool {
        a.first_chunk::<N>() == b.first_chunk::<N>() && a.last_chunk::<N>() == b.last_chunk::<N>()
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    match a.len() {
        0 => true,
        1 => ends::<1>(a, b),
        2..=3 => ends::<2>(a, b),
        4..=7 => ends::<4>(a, b),
        8..=15 => ends::<8>(a, b),
        16..=32 => ends::<16>(a, b),
        _ => a == b,
    }
}

/// Two optional keys are equal (see [`same_text`]).
#[inline]
fn same_key(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_text(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// A pair of nodes still to compare, with where the new one sits: `depth` levels down, at
/// child `index` of its parent.
struct Pending<'a> {
    old: &'a VNode,
    new: &'a VNode,
    depth: usize,
    index: usize,
    /// The keyed diff matched this pair by key, so the keys are already known to be equal
    /// and comparing them again would only read two more strings.
    keys_equal: bool,
}

/// The pairs still to compare (a stack: the last pushed comes off first), plus the
/// scratch stack that [`unchanged`] reuses.
struct Work<'a> {
    pending: Vec<Pending<'a>>,
    check: Vec<(&'a VNode, &'a VNode)>,
}

impl<'a> Work<'a> {
    /// Queues the pairs that the keyed diff matched, given first to last, so that they
    /// come off the stack first to last, and leaves out every pair that is [`unchanged`]:
    /// its diff is empty.
    ///
    /// The pairs are checked in the order given, and in a tree built in one go that is
    /// the order its nodes sit in memory, which the hardware prefetcher follows; they are
    /// pushed in that order too, and then the stretch just pushed is reversed.
    fn queue(&mut self, pairs: impl IntoIterator<Item = Pending<'a>>) {
        let first = self.pending.len();
        for pair in pairs {
            if !unchanged(pair.old, pair.new, pair.keys_equal, &mut self.check) {
                self.pending.push(pair);
            }
        }
        if let Some(queued) = self.pending.get_mut(first..) {
            queued.reverse();
        }
    }
}

/// How many nodes [`unchanged`] compares before it gives up.
const CHECK_BUDGET: usize = 64;

/// Would `diff` find nothing to do between `old` and `new`? Yes when the subtrees are
/// equal (tags, keys, attributes in order, texts, children) and no attribute list repeats
/// a name (`diff` replaces such an element even when nothing changed).
///
/// A keyed list usually comes back with most of its items unchanged (a re-render, a
/// reorder), and this tight loop answers the question for an item at a fraction of the
/// cost of the patch-producing walk: no path to keep, no patch list, no matching.
///
/// It gives up (answers false: "diff it") after [`CHECK_BUDGET`] nodes, and only pairs
/// matched by key are checked: a node is then checked at most once per keyed list above
/// it, and only within that budget. (Checking every pair would check a 10,000-deep chain
/// of `<div>`s 64 levels deep at every level.)
fn unchanged<'a>(
    old: &'a VNode,
    new: &'a VNode,
    keys_equal: bool,
    stack: &mut Vec<(&'a VNode, &'a VNode)>,
) -> bool {
    stack.clear();
    stack.push((old, new));
    let mut budget = CHECK_BUDGET;
    // The keyed diff has already compared the keys of the pair it passes in.
    let mut skip_key = keys_equal;
    while let Some((old, new)) = stack.pop() {
        let keys_known = std::mem::replace(&mut skip_key, false);
        if std::ptr::eq(old, new) {
            continue;
        }
        match (old, new) {
            (VNode::Text(a), VNode::Text(b)) => {
                if !same_text(a, b) {
                    return false;
                }
            }
            (
                VNode::Element {
                    tag: old_tag,
                    key: old_key,
                    attributes: old_attributes,
                    children: old_children,
                },
                VNode::Element {
                    tag: new_tag,
                    key: new_key,
                    attributes: new_attributes,
                    children: new_children,
                },
            ) => {
                let Some(left) = budget.checked_sub(old_children.len()) else {
                    return false;
                };
                budget = left;
                if !(old_children.len() == new_children.len()
                    && same_text(old_tag, new_tag)
                    && (keys_known || same_key(old_key, new_key))
                    && same_attributes(old_attributes, new_attributes)
                    && !has_repeated_name(old_attributes))
                {
                    return false;
                }
                // Children come off the stack first to last: memory order, in a tree
                // built in one go, which the hardware prefetcher follows.
                stack.extend(old_children.iter().zip(new_children).rev());
            }
            _ => return false,
        }
    }
    true
}

/// The patches that turn `old` into `new`.
///
/// For all trees `a` and `b`, `apply(&mut a.clone(), &diff(&a, &b))` succeeds and leaves
/// `b` (see [`super::apply`] for how the list is read).
///
/// * Two text nodes: `SetText` when the text differs.
/// * Two elements with the same tag and key: attribute patches, then their children.
///   Attributes end up in exactly `new`'s order: the longest prefix of `new`'s attributes
///   that already appears in that order in `old` stays in place (values updated), every
///   other old attribute is removed, and the rest are set, which appends them.
/// * Anything else (text vs element, another tag, another key, or an attribute list that
///   repeats a name — which no DOM element can hold): `Replace`.
///
/// Children, when every old and new child has a key (Vue 3's `patchKeyedChildren`,
/// Inferno): the common prefix and suffix of keys are kept in place; of the rest, old
/// children whose key is gone are removed, new keys are inserted, and the kept children
/// stay or move. Those that stay are a longest increasing subsequence (LIS) of their old
/// positions taken in new order, so the number of `MoveChild` patches is the minimum,
/// **kept − LIS**; when only inserts and removals happened, nothing moves. Live indexes
/// for each move come from a Fenwick tree, so the whole step is O(n log n). Most keyed
/// children come back unchanged (a re-render, a reorder), so every pair matched by key is
/// first put through a cheap equality check and left out when nothing in it changed.
///
/// Children are matched **by position** instead when some child has no key (text nodes
/// never do), or when the key lookup would be ambiguous: after the common prefix and
/// suffix, a key repeats among the new children, or two old children carry the same key
/// that a new child uses. Positional matching compares child `i` with child `i`, removes
/// the surplus from the end or appends the missing ones.
///
/// Patch order: a parent's own patches (attributes, then removals, moves and inserts of
/// its children) come before any patch inside its children, and the children are visited
/// first to last. Iterative: any depth is fine. Each patch owns its full path, so a patch
/// list costs O(patches × depth) memory.
pub fn diff(old: &VNode, new: &VNode) -> Vec<Patch> {
    let mut patches = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    let mut work = Work {
        pending: vec![Pending {
            old,
            new,
            depth: 0,
            index: 0,
            keys_equal: false,
        }],
        check: Vec::new(),
    };
    while let Some(Pending {
        old,
        new,
        depth,
        index,
        keys_equal,
    }) = work.pending.pop()
    {
        // Everything deeper than this pair's parent belonged to a sibling's subtree.
        path.truncate(depth.saturating_sub(1));
        if depth > 0 {
            path.push(index);
        }
        if std::ptr::eq(old, new) {
            continue;
        }
        match (old, new) {
            (VNode::Text(a), VNode::Text(b)) => {
                if !same_text(a, b) {
                    patches.push(Patch {
                        path: path.clone(),
                        op: PatchOp::SetText(b.clone()),
                    });
                }
            }
            (
                VNode::Element {
                    tag: old_tag,
                    key: old_key,
                    attributes: old_attributes,
                    children: old_children,
                },
                VNode::Element {
                    tag: new_tag,
                    key: new_key,
                    attributes: new_attributes,
                    children: new_children,
                },
            ) if same_text(old_tag, new_tag) && (keys_equal || same_key(old_key, new_key)) => {
                let attributes_equal = same_attributes(old_attributes, new_attributes);
                // No DOM element can hold a repeated attribute name: such a node is
                // replaced. (Equal lists repeat a name or not together: one check.)
                if has_repeated_name(old_attributes)
                    || (!attributes_equal && has_repeated_name(new_attributes))
                {
                    patches.push(Patch {
                        path: path.clone(),
                        op: PatchOp::Replace(new.clone()),
                    });
                    continue;
                }
                if !attributes_equal {
                    diff_attributes(old_attributes, new_attributes, &path, &mut patches);
                }
                if old_children.is_empty() && new_children.is_empty() {
                    continue;
                }
                let child_depth = depth + 1;
                let keyed = old_children.iter().all(|c| c.key().is_some())
                    && new_children.iter().all(|c| c.key().is_some());
                if !(keyed
                    && diff_keyed_children(
                        old_children,
                        new_children,
                        &path,
                        child_depth,
                        &mut patches,
                        &mut work,
                    ))
                {
                    diff_children_by_position(
                        old_children,
                        new_children,
                        &path,
                        child_depth,
                        &mut patches,
                        &mut work,
                    );
                }
            }
            _ => patches.push(Patch {
                path: path.clone(),
                op: PatchOp::Replace(new.clone()),
            }),
        }
    }
    patches
}

/// `old == new` for attribute lists, comparing strings with [`same_text`].
#[inline]
fn same_attributes(old: &[(String, String)], new: &[(String, String)]) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|((n1, v1), (n2, v2))| same_text(n1, n2) && same_text(v1, v2))
}

/// Does an attribute list name the same attribute twice? (Inlined: most elements have
/// fewer than two attributes and need no loop at all.)
#[inline(always)]
fn has_repeated_name(attributes: &[(String, String)]) -> bool {
    attributes.len() > 1 && repeats_a_name(attributes)
}

fn repeats_a_name(attributes: &[(String, String)]) -> bool {
    if attributes.len() <= 16 {
        // Few attributes (the usual case): comparing pairs beats hashing.
        return attributes.iter().enumerate().any(|(i, (name, _))| {
            attributes
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .any(|(n, _)| same_text(n, name))
        });
    }
    let mut seen = std::collections::HashSet::with_capacity(attributes.len());
    !attributes
        .iter()
        .all(|(name, _)| seen.insert(name.as_str()))
}

/// Attribute patches that turn `old` into exactly `new`, order included, given that
/// neither repeats a name. `SetAttribute` keeps an existing attribute's place and appends a
/// new one, so only a prefix of `new` that `old` already holds in the same order can stay.
fn diff_attributes(
    old: &[(String, String)],
    new: &[(String, String)],
    path: &[usize],
    patches: &mut Vec<Patch>,
) {
    let lookup: Option<HashMap<&str, usize>> = (old.len() > 16).then(|| {
        old.iter()
            .enumerate()
            .map(|(i, (n, _))| (n.as_str(), i))
            .collect()
    });
    let position = |name: &str| match &lookup {
        Some(map) => map.get(name).copied(),
        None => old.iter().position(|(n, _)| same_text(n, name)),
    };
    // stays[p]: the old attribute at p is part of the kept prefix.
    let mut stays = vec![false; old.len()];
    let mut kept = 0usize;
    let mut last: Option<usize> = None;
    for (name, _) in new {
        match position(name) {
            Some(p) if last.is_none_or(|l| p > l) => {
                if let Some(flag) = stays.get_mut(p) {
                    *flag = true;
                }
                last = Some(p);
                kept += 1;
            }
            _ => break,
        }
    }
    let mut push = |op| {
        patches.push(Patch {
            path: path.to_vec(),
            op,
        })
    };
    for ((name, _), _) in old.iter().zip(&stays).filter(|(_, stays)| !**stays) {
        push(PatchOp::RemoveAttribute(name.clone()));
    }
    for (i, (name, value)) in new.iter().enumerate() {
        let unchanged = i < kept
            && position(name)
                .and_then(|p| old.get(p))
                .is_some_and(|(_, v)| same_text(v, value));
        if !unchanged {
            push(PatchOp::SetAttribute(name.clone(), value.clone()));
        }
    }
}

/// Children matched by index: compare `i` with `i`, then trim or extend at the end.
fn diff_children_by_position<'a>(
    old: &'a [VNode],
    new: &'a [VNode],
    path: &[usize],
    depth: usize,
    patches: &mut Vec<Patch>,
    work: &mut Work<'a>,
) {
    // Removing from the end first keeps every index below it valid.
    for index in (new.len()..old.len()).rev() {
        patches.push(Patch {
            path: path.to_vec(),
            op: PatchOp::RemoveChild { index },
        });
    }
    for (index, node) in new.iter().enumerate().skip(old.len()) {
        patches.push(Patch {
            path: path.to_vec(),
            op: PatchOp::InsertChild {
                index,
                node: node.clone(),
            },
        });
    }
    for (index, (old, new)) in old.iter().zip(new).enumerate().rev() {
        work.pending.push(Pending {
            old,
            new,
            depth,
            index,
            keys_equal: false,
        });
    }
}

const NONE: usize = usize::MAX;

// region: keyed-diff
/// Keyed children, Vue 3 / Inferno style. Returns false, having emitted nothing, when the
/// keys to look up are ambiguous; the caller then matches by position.
fn diff_keyed_children<'a>(
    old: &'a [VNode],
    new: &'a [VNode],
    path: &[usize],
    depth: usize,
    patches: &mut Vec<Patch>,
    work: &mut Work<'a>,
) -> bool {
    let key = |node: &'a VNode| node.key().unwrap_or_default();
    // 1. Common prefix and suffix: matched in place, no lookup needed.
    let start = old
        .iter()
        .zip(new)
        .take_while(|(o, n)| same_text(key(o), key(n)))
        .count();
    let suffix = old
        .get(start..)
        .unwrap_or_default()
        .iter()
        .rev()
        .zip(new.get(start..).unwrap_or_default().iter().rev())
        .take_while(|(o, n)| same_text(key(o), key(n)))
        .count();
    let old_end = old.len() - suffix;
    let new_end = new.len() - suffix;
    let old_mid = old.get(start..old_end).unwrap_or_default();
    let new_mid = new.get(start..new_end).unwrap_or_default();
    if old_mid.is_empty() && new_mid.is_empty() {
        // The same keys in the same order (the usual re-render): nothing moves.
        queue_matched_pairs(old, new, start, suffix, &[], depth, work);
        return true;
    }

    // 2. Match the middle by key: new_to_old[j] = old middle index of new middle child j.
    let mut new_to_old = vec![NONE; new_mid.len()];
    let mut old_to_new = vec![NONE; old_mid.len()];
    if !old_mid.is_empty() && !new_mid.is_empty() {
        let mut by_key = FxMap::with_capacity_and_hasher(new_mid.len(), Default::default());
        for (j, node) in new_mid.iter().enumerate() {
            if by_key.insert(Key::new(key(node)), j).is_some() {
                return false;
            }
        }
        for (i, node) in old_mid.iter().enumerate() {
            if let Some(&j) = by_key.get(&Key::new(key(node))) {
                match new_to_old.get_mut(j) {
                    Some(slot) if *slot == NONE => *slot = i,
                    _ => return false,
                }
                if let Some(slot) = old_to_new.get_mut(i) {
                    *slot = j;
                }
            }
        }
    }
    // 3. The kept children in old order get ranks; the LIS of those ranks taken in new
    //    order is the set that stays put.
    let mut old_rank = vec![NONE; old_mid.len()];
    let mut kept = 0usize;
    for (rank, j) in old_rank.iter_mut().zip(&old_to_new) {
        if *j != NONE {
            *rank = kept;
            kept += 1;
        }
    }
    let mut ranks_in_new_order = Vec::with_capacity(kept);
    let mut new_positions = Vec::with_capacity(kept);
    for (j, &i) in new_to_old.iter().enumerate() {
        if let Some(&rank) = old_rank.get(i) {
            ranks_in_new_order.push(rank);
            new_positions.push(j);
        }
    }
    let mut stays = vec![false; new_mid.len()];
    let lis = longest_increasing_subsequence(&ranks_in_new_order);
    for &s in &lis {
        if let Some(flag) = new_positions.get(s).and_then(|&j| stays.get_mut(j)) {
            *flag = true;
        }
    }
    let staying = lis.len();
    patches.reserve((old_mid.len() - kept) + (new_mid.len() - kept) + (kept - staying));
    let mut push = |op| {
        patches.push(Patch {
            path: path.to_vec(),
            op,
        })
    };

    // 4. Removals, last first, so each index is still the original position.
    for (i, _) in old_to_new
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, j)| **j == NONE)
    {
        push(PatchOp::RemoveChild { index: start + i });
    }

    // 5. Slots: one fixed order that every intermediate child list respects. Walking the
    //    kept children in old order, a child that moves keeps its old slot until it moves;
    //    a child that stays is preceded by the slots of the children that will be placed
    //    right before it (new positions between it and the previous staying child); slots
    //    for children placed after the last staying child come at the very end.
    let mut old_slot = vec![NONE; kept];
    let mut new_slot = vec![NONE; new_mid.len()];
    let mut next_slot = 0usize;
    let mut placed_up_to = 0usize; // new positions below this have a slot or stay
    for (i, &j) in old_to_new.iter().enumerate() {
        if j == NONE {
            continue;
        }
        let rank = old_rank.get(i).copied().unwrap_or(NONE);
        if stays.get(j).copied().unwrap_or(false) {
            for slot in new_slot.get_mut(placed_up_to..j).unwrap_or_default() {
                *slot = next_slot;
                next_slot += 1;
            }
            placed_up_to = j + 1;
        }
        if let Some(slot) = old_slot.get_mut(rank) {
            *slot = next_slot;
            next_slot += 1;
        }
    }
    for slot in new_slot.get_mut(placed_up_to..).unwrap_or_default() {
        *slot = next_slot;
        next_slot += 1;
    }

    // 6. Inserts and moves, first to last in new order. Each list operation is mirrored on
    //    the Fenwick tree, so "occupied slots before s" is always the live index.
    let mut live = Fenwick::new(next_slot);
    for &slot in &old_slot {
        live.add(slot, true);
    }
    for (j, node) in new_mid.iter().enumerate() {
        if stays.get(j).copied().unwrap_or(false) {
            continue;
        }
        let target = new_slot.get(j).copied().unwrap_or(0);
        let i = new_to_old.get(j).copied().unwrap_or(NONE);
        match old_rank.get(i).and_then(|&rank| old_slot.get(rank)) {
            None => {
                let index = start + live.before(target);
                live.add(target, true);
                push(PatchOp::InsertChild {
                    index,
                    node: node.clone(),
                });
            }
            Some(&from_slot) => {
                let from = start + live.before(from_slot);
                live.add(from_slot, false);
                let to = start + live.before(target);
                live.add(target, true);
                push(PatchOp::MoveChild { from, to });
            }
        }
    }

    // 7. Queue the matched pairs that changed, to be compared first to last.
    queue_matched_pairs(old, new, start, suffix, &new_to_old, depth, work);
    true
}

/// Step 7 of the keyed diff: every pair matched by key (prefix, middle in new order,
/// suffix) goes to [`Work::queue`], first to last, which keeps the ones that changed.
/// Their keys are equal by construction, which each pair carries along so that the keys
/// are not compared again.
fn queue_matched_pairs<'a>(
    old: &'a [VNode],
    new: &'a [VNode],
    start: usize,
    suffix: usize,
    new_to_old: &[usize],
    depth: usize,
    work: &mut Work<'a>,
) {
    let pair = |old, new, index| Pending {
        old,
        new,
        depth,
        index,
        keys_equal: true,
    };
    let old_end = old.len() - suffix;
    let new_end = new.len() - suffix;
    let old_mid = old.get(start..old_end).unwrap_or_default();
    let prefix = old.iter().zip(new).take(start).enumerate();
    let middle = new_to_old.iter().enumerate().filter_map(|(j, &i)| {
        // The old children come in shuffled order, each a cache miss: ask for the ones a
        // few places ahead now (x86-64 only; see `prefetch`).
        #[cfg(target_arch = "x86_64")]
        prefetch::old_children_ahead(old_mid, new_to_old, j);
        Some(pair(old_mid.get(i)?, new.get(start + j)?, start + j))
    });
    let old_suffix = old.get(old_end..).unwrap_or_default();
    let new_suffix = new.get(new_end..).unwrap_or_default();
    let suffix = old_suffix.iter().zip(new_suffix).zip(new_end..);
    work.queue(
        prefix
            .map(|(index, (o, n))| pair(o, n, index))
            .chain(middle)
            .chain(suffix.map(|((o, n), index)| pair(o, n, index))),
    );
}
// endregion

/// Software prefetching for the keyed diff's shuffled old children.
///
/// In a big keyed list that was reordered, [`queue_matched_pairs`] visits the old children
/// in the new order, that is in random order in memory, and every string of a child is
/// its own heap block: comparing a child starts with a cache miss (often a TLB miss too)
/// on its node, then on its tag, its attributes, its children, and so on down. The CPU
/// cannot start a load before it knows the address, so those misses queue up one after
/// the other. A prefetch tells the memory system about an address early without waiting
/// for it: here the node of the child that comes `2 × DISTANCE` pairs later, and the
/// blocks of the child `DISTANCE` pairs later (whose node has arrived by then). A child
/// that directly follows the previous one in the old list is left to the hardware
/// prefetcher. Prefetching deeper levels as well, the whole 2 KB around a row, or the new
/// children (visited in memory order) was measured to cost more than it saved.
#[cfg(target_arch = "x86_64")]
mod prefetch {
    use super::VNode;

    /// How many pairs ahead the second step looks; the first looks twice as far.
    const DISTANCE: usize = 4;

    /// Called for the pair at new position `j` of the keyed middle.
    pub(super) fn old_children_ahead(old_mid: &[VNode], new_to_old: &[usize], j: usize) {
        let old_child = |ahead: usize| {
            let k = j.saturating_add(ahead);
            let i = *new_to_old.get(k)?;
            // Right after the previous pair's old child, in a list that mostly kept its
            // order: the hardware prefetcher is on it already, a prefetch would be waste.
            let previous = k.checked_sub(1).and_then(|p| new_to_old.get(p));
            if previous.is_some_and(|&p| p.wrapping_add(1) == i) {
                return None;
            }
            old_mid.get(i)
        };
        if let Some(node) = old_child(2 * DISTANCE) {
            bytes(std::slice::from_ref(node));
        }
        if let Some(node) = old_child(DISTANCE) {
            blocks_of(node);
        }
    }

    /// The heap blocks a node points to: tag, key and text bytes, the attribute list, the
    /// child list.
    fn blocks_of(node: &VNode) {
        match node {
            VNode::Text(text) => bytes(text.as_bytes()),
            VNode::Element {
                tag,
                key,
                attributes,
                children,
            } => {
                bytes(tag.as_bytes());
                if let Some(key) = key {
                    bytes(key.as_bytes());
                }
                bytes(attributes);
                bytes(children);
            }
        }
    }

    /// Prefetches the cache lines of a slice, at most the first 256 bytes of it.
    fn bytes<T>(slice: &[T]) {
        const LINE: usize = 64;
        let start = slice.as_ptr().cast::<i8>();
        let len = std::mem::size_of_val(slice).min(256);
        let mut offset = 0;
        while offset < len {
            line(start.wrapping_add(offset));
            offset += LINE;
        }
        // The last line, when the slice does not start on a line boundary.
        if let Some(last) = len.checked_sub(1) {
            line(start.wrapping_add(last));
        }
    }

    fn line(address: *const i8) {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: `_mm_prefetch` needs the `sse` target feature, which every x86-64 CPU
        // has (it is part of the x86_64 baseline, so it is always enabled). A prefetch is
        // only a hint: it never faults and reads nothing into the program, so any address,
        // even a dangling one, is fine. (The intrinsic is a safe function, but calling a
        // `#[target_feature]` function from one without the attribute needs `unsafe`;
        // `core::hint::prefetch_read` would be safe but is not stable yet.)
        unsafe { _mm_prefetch::<_MM_HINT_T0>(address) }
    }
}
