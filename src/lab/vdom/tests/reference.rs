//! The diff as it was before it was tuned for speed (commit f61ed73), kept word for word
//! as the specification of its output: the tuned [`super::super::diff`] must return exactly
//! the same patches in exactly the same order for every pair of trees. Only the imports
//! and this comment differ from the original.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::super::{Patch, PatchOp, VNode};

/// One longest strictly increasing subsequence of `seq`, as ascending indexes into `seq`.
///
/// Patience method, O(n log n): `tails[k]` holds the index of the smallest value that ends
/// an increasing run of length `k + 1` seen so far; each new value either extends the
/// longest run or lowers the tail of a shorter one (found by binary search), and
/// `previous[i]` remembers the run it extended so the answer can be walked back.
///
fn longest_increasing_subsequence(seq: &[usize]) -> Vec<usize> {
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
        let mut i = slot + 1;
        while let Some(cell) = self.tree.get_mut(i) {
            *cell = if increase {
                cell.saturating_add(1)
            } else {
                cell.saturating_sub(1)
            };
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

    fn finish(&self) -> u64 {
        self.hash
    }
}

type FxMap<'a> = HashMap<&'a str, usize, BuildHasherDefault<FxHasher>>;

/// A pair of nodes still to compare, with where the new one sits: `depth` levels down, at
/// child `index` of its parent.
struct Pending<'a> {
    old: &'a VNode,
    new: &'a VNode,
    depth: usize,
    index: usize,
}

/// The original `diff`.
pub fn diff(old: &VNode, new: &VNode) -> Vec<Patch> {
    let mut patches = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    let mut work = vec![Pending {
        old,
        new,
        depth: 0,
        index: 0,
    }];
    while let Some(Pending {
        old,
        new,
        depth,
        index,
    }) = work.pop()
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
                if a != b {
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
            ) if old_tag == new_tag
                && old_key == new_key
                && !has_repeated_name(old_attributes)
                && !has_repeated_name(new_attributes) =>
            {
                diff_attributes(old_attributes, new_attributes, &path, &mut patches);
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

/// Does an attribute list name the same attribute twice?
fn has_repeated_name(attributes: &[(String, String)]) -> bool {
    if attributes.len() <= 16 {
        // Few attributes (the usual case): comparing pairs beats hashing.
        return attributes
            .iter()
            .enumerate()
            .any(|(i, (name, _))| attributes.iter().skip(i + 1).any(|(n, _)| n == name));
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
    if old == new {
        return;
    }
    let lookup: Option<HashMap<&str, usize>> = (old.len() > 16).then(|| {
        old.iter()
            .enumerate()
            .map(|(i, (n, _))| (n.as_str(), i))
            .collect()
    });
    let position = |name: &str| match &lookup {
        Some(map) => map.get(name).copied(),
        None => old.iter().position(|(n, _)| n == name),
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
                .is_some_and(|(_, v)| v == value);
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
    work: &mut Vec<Pending<'a>>,
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
        work.push(Pending {
            old,
            new,
            depth,
            index,
        });
    }
}

const NONE: usize = usize::MAX;

/// Keyed children, Vue 3 / Inferno style. Returns false, having emitted nothing, when the
/// keys to look up are ambiguous; the caller then matches by position.
fn diff_keyed_children<'a>(
    old: &'a [VNode],
    new: &'a [VNode],
    path: &[usize],
    depth: usize,
    patches: &mut Vec<Patch>,
    work: &mut Vec<Pending<'a>>,
) -> bool {
    let key = |node: &'a VNode| node.key().unwrap_or_default();
    // 1. Common prefix and suffix: matched in place, no lookup needed.
    let start = old
        .iter()
        .zip(new)
        .take_while(|(o, n)| key(o) == key(n))
        .count();
    let suffix = old
        .get(start..)
        .unwrap_or_default()
        .iter()
        .rev()
        .zip(new.get(start..).unwrap_or_default().iter().rev())
        .take_while(|(o, n)| key(o) == key(n))
        .count();
    let old_end = old.len() - suffix;
    let new_end = new.len() - suffix;
    let old_mid = old.get(start..old_end).unwrap_or_default();
    let new_mid = new.get(start..new_end).unwrap_or_default();

    // 2. Match the middle by key: new_to_old[j] = old middle index of new middle child j.
    let mut new_to_old = vec![NONE; new_mid.len()];
    let mut old_to_new = vec![NONE; old_mid.len()];
    if !old_mid.is_empty() && !new_mid.is_empty() {
        let mut by_key = FxMap::with_capacity_and_hasher(new_mid.len(), Default::default());
        for (j, node) in new_mid.iter().enumerate() {
            if by_key.insert(key(node), j).is_some() {
                return false;
            }
        }
        for (i, node) in old_mid.iter().enumerate() {
            if let Some(&j) = by_key.get(key(node)) {
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

    // 7. Compare the matched pairs, visiting children first to last (the stack is LIFO).
    for t in (0..suffix).rev() {
        if let (Some(o), Some(n)) = (old.get(old_end + t), new.get(new_end + t)) {
            work.push(Pending {
                old: o,
                new: n,
                depth,
                index: new_end + t,
            });
        }
    }
    for (j, &i) in new_to_old.iter().enumerate().rev() {
        if let (Some(o), Some(n)) = (old_mid.get(i), new_mid.get(j)) {
            work.push(Pending {
                old: o,
                new: n,
                depth,
                index: start + j,
            });
        }
    }
    for (index, (o, n)) in old.iter().zip(new).take(start).enumerate().rev() {
        work.push(Pending {
            old: o,
            new: n,
            depth,
            index,
        });
    }
    true
}
