//! `diff` and `apply` on arbitrary pairs of trees, and `apply` on arbitrary patch lists.
//!
//! Laws:
//! - `apply(&mut a.clone(), &diff(&a, &b))` succeeds and leaves exactly `b`, for every
//!   pair (invalid names, repeated keys and attributes, text roots included);
//! - when the roots match (same tag and key, no repeated attribute name) and every child
//!   on both sides has a key, keys unique on each side, the moves among the root's
//!   children are the minimum: kept children minus their longest increasing subsequence
//!   (so pure inserts and removals never move);
//! - `apply` of any patch list returns `Ok` or an error naming a patch of the list, and
//!   an error leaves the tree as the patches before it made it.
//!
//! One input in sixteen starts from a keyed list of up to 65,535 items, so a diff or
//! apply that is super-linear in a list's length shows up as a slow input.
#![no_main]

use std::collections::{HashMap, HashSet};

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::vdom::{Patch, PatchOp, VNode, apply, diff};
use wasm_playground_fuzz::lis_len;
use wasm_playground_fuzz::tree::{DIFF_POOLS, tree, tree_pair};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((a, b)) = tree_pair(&mut u, &DIFF_POOLS) else {
        return;
    };
    let patches = diff(&a, &b);
    let mut patched = a.clone();
    if let Err(error) = apply(&mut patched, &patches) {
        panic!(
            "apply(diff(a, b), a) failed: {error}\na = {}\nb = {}\npatches = {}",
            show(&a),
            show(&b),
            show_patches(&patches)
        );
    }
    assert!(
        patched == b,
        "apply(diff(a, b), a) != b\na = {}\nb = {}\npatches = {}\ngot {}",
        show(&a),
        show(&b),
        show_patches(&patches),
        show(&patched)
    );
    if let Some(minimum) = minimum_root_moves(&a, &b) {
        let moves = patches
            .iter()
            .filter(|p| p.path.is_empty() && matches!(p.op, PatchOp::MoveChild { .. }))
            .count();
        assert_eq!(
            moves,
            minimum,
            "root moves are not the minimum\na = {}\nb = {}",
            show(&a),
            show(&b)
        );
    }
    arbitrary_patches(&mut u, &a);
});

/// A tree for a failure message: in full when small, else its size (a 65,535-item list
/// would print megabytes).
fn show(node: &VNode) -> String {
    if node.node_count() <= 500 {
        format!("{node:?}")
    } else {
        format!("<{} nodes>", node.node_count())
    }
}

fn show_patches(patches: &[Patch]) -> String {
    if patches.len() <= 200 {
        format!("{patches:?}")
    } else {
        format!("<{} patches>", patches.len())
    }
}

/// kept − LIS for the root's children when the diff must match them by key; `None`
/// when the root is replaced or its children are matched by position.
fn minimum_root_moves(a: &VNode, b: &VNode) -> Option<usize> {
    let (
        VNode::Element {
            tag: tag_a,
            key: key_a,
            attributes: attrs_a,
            children: old,
        },
        VNode::Element {
            tag: tag_b,
            key: key_b,
            attributes: attrs_b,
            children: new,
        },
    ) = (a, b)
    else {
        return None;
    };
    let repeats = |attrs: &[(String, String)]| {
        let mut seen = HashSet::new();
        attrs.iter().any(|(n, _)| !seen.insert(n))
    };
    if tag_a != tag_b || key_a != key_b || repeats(attrs_a) || repeats(attrs_b) {
        return None;
    }
    let keys = |children: &[VNode]| -> Option<Vec<String>> {
        let keys: Option<Vec<String>> = children
            .iter()
            .map(|c| c.key().map(str::to_owned))
            .collect();
        let keys = keys?;
        let unique: HashSet<&String> = keys.iter().collect();
        (unique.len() == keys.len()).then_some(keys)
    };
    let (old_keys, new_keys) = (keys(old)?, keys(new)?);
    let old_position: HashMap<&String, usize> =
        old_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let kept: Vec<usize> = new_keys
        .iter()
        .filter_map(|k| old_position.get(k).copied())
        .collect();
    Some(kept.len() - lis_len(&kept))
}

/// Applies a patch list made of random paths, indexes and operations.
fn arbitrary_patches(u: &mut Unstructured, start: &VNode) {
    let mut patches = Vec::new();
    for _ in 0..u.int_in_range(0..=8u8).unwrap_or(0) {
        let Ok(patch) = arbitrary_patch(u) else { break };
        patches.push(patch);
    }
    let mut tree = start.clone();
    if let Err(error) = apply(&mut tree, &patches) {
        assert!(error.patch_index < patches.len(), "{error:?}");
        assert_eq!(error.path, patches[error.patch_index].path);
        let mut before = start.clone();
        let prefix = &patches[..error.patch_index];
        assert!(
            apply(&mut before, prefix).is_ok(),
            "the patches before the failing one fail"
        );
        assert!(before == tree, "a failing patch changed the tree");
    }
}

fn arbitrary_patch(u: &mut Unstructured) -> arbitrary::Result<Patch> {
    let mut path = Vec::new();
    for _ in 0..u.int_in_range(0..=3u8)? {
        path.push(usize::from(u.int_in_range(0..=4u8)?));
    }
    let small = |u: &mut Unstructured| -> arbitrary::Result<usize> {
        Ok(if u.ratio(1u8, 16)? {
            u.arbitrary()?
        } else {
            usize::from(u.int_in_range(0..=6u8)?)
        })
    };
    let op = match u.int_in_range(0..=6u8)? {
        0 => {
            let mut budget = 6;
            PatchOp::Replace(tree(u, &DIFF_POOLS, &mut budget)?)
        }
        1 => PatchOp::SetText(u.arbitrary::<&str>()?.to_owned()),
        2 => PatchOp::SetAttribute(u.choose(&["class", "id", "x"])?.to_string(), "v".into()),
        3 => PatchOp::RemoveAttribute(u.choose(&["class", "id", "x"])?.to_string()),
        4 => {
            let mut budget = 4;
            PatchOp::InsertChild {
                index: small(u)?,
                node: tree(u, &DIFF_POOLS, &mut budget)?,
            }
        }
        5 => PatchOp::RemoveChild { index: small(u)? },
        _ => PatchOp::MoveChild {
            from: small(u)?,
            to: small(u)?,
        },
    };
    Ok(Patch { path, op })
}
