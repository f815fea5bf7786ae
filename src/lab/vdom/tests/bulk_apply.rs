//! `apply` replays long runs of patches on one element with a treap and a name table; the
//! one-by-one replay on plain vectors is the definition. Both must give the same tree and
//! the same error for every patch list, fitting or not.

use proptest::prelude::*;

use super::super::apply::apply_with;
use super::super::{Patch, PatchOp, VNode, apply, diff, keyed_list};

/// Never take the bulk path.
const ONE_BY_ONE: usize = usize::MAX;
/// Always take it, even for one patch on an empty list.
const ALWAYS_BULK: usize = 0;

fn item(i: usize) -> VNode {
    VNode::Element {
        tag: "li".to_owned(),
        key: Some(format!("k{i}")),
        attributes: Vec::new(),
        children: vec![VNode::Text(format!("item {i}"))],
    }
}

fn parent(children: usize, attributes: &[&str]) -> VNode {
    VNode::Element {
        tag: "ul".to_owned(),
        key: None,
        attributes: attributes
            .iter()
            .map(|n| ((*n).to_owned(), "v".to_owned()))
            .collect(),
        children: (0..children).map(item).collect(),
    }
}

fn same_outcome(tree: &VNode, patches: &[Patch]) -> Result<(), TestCaseError> {
    let mut plain = tree.clone();
    let mut bulk = tree.clone();
    let expected = apply_with(&mut plain, patches, ONE_BY_ONE);
    let got = apply_with(&mut bulk, patches, ALWAYS_BULK);
    prop_assert_eq!(&got, &expected);
    prop_assert!(bulk == plain, "{:?}\nvs\n{:?}", bulk, plain);
    let mut default = tree.clone();
    prop_assert_eq!(apply(&mut default, patches), expected);
    prop_assert!(default == plain);
    Ok(())
}

/// Patches on the root (mostly) with indexes that are sometimes out of range, names that
/// are sometimes missing, and now and then a patch elsewhere that cuts the run.
fn arb_patch() -> impl Strategy<Value = Patch> {
    let name = prop::sample::select(vec!["a", "b", "c", "d", "e"]).prop_map(str::to_owned);
    let root_op = prop_oneof![
        4 => (0usize..14, 0usize..100).prop_map(|(index, n)| PatchOp::InsertChild {
            index,
            node: item(100 + n),
        }),
        3 => (0usize..14).prop_map(|index| PatchOp::RemoveChild { index }),
        5 => (0usize..14, 0usize..14).prop_map(|(from, to)| PatchOp::MoveChild { from, to }),
        2 => (name.clone(), "[xy]{0,2}").prop_map(|(n, v)| PatchOp::SetAttribute(n, v)),
        2 => name.prop_map(PatchOp::RemoveAttribute),
    ];
    prop_oneof![
        12 => root_op.prop_map(|op| Patch { path: vec![], op }),
        1 => (0usize..12).prop_map(|i| Patch {
            path: vec![i, 0],
            op: PatchOp::SetText("changed".to_owned()),
        }),
        1 => (0usize..12).prop_map(|i| Patch {
            path: vec![i],
            op: PatchOp::SetAttribute("class".to_owned(), "x".to_owned()),
        }),
        1 => Just(Patch {
            path: vec![0, 0],
            op: PatchOp::MoveChild { from: 0, to: 0 },
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn bulk_replay_matches_one_by_one(
        children in 0usize..12,
        attributes in prop::sample::subsequence(vec!["a", "b", "c", "d"], 0..4),
        patches in prop::collection::vec(arb_patch(), 0..40),
    ) {
        same_outcome(&parent(children, &attributes), &patches)?;
    }

    #[test]
    fn bulk_replay_of_diffs_obeys_the_law(
        old in prop::collection::vec(0usize..40, 0..40),
        new in prop::collection::vec(0usize..40, 0..40),
    ) {
        let dedup = |v: Vec<usize>| {
            let mut seen = std::collections::HashSet::new();
            v.into_iter().filter(|k| seen.insert(*k)).map(|k| k.to_string()).collect::<Vec<_>>()
        };
        let a = keyed_list(dedup(old));
        let b = keyed_list(dedup(new));
        let patches = diff(&a, &b);
        let mut tree = a.clone();
        prop_assert_eq!(apply_with(&mut tree, &patches, ALWAYS_BULK), Ok(()));
        prop_assert!(tree == b);
    }
}

#[test]
fn a_reversed_long_list_is_replayed_exactly() {
    let keys: Vec<String> = (0..20_000).map(|i| format!("k{i}")).collect();
    let a = keyed_list(&keys);
    let b = keyed_list(keys.iter().rev());
    let patches = diff(&a, &b);
    assert_eq!(patches.len(), keys.len() - 1, "all moves, nothing else");
    let mut tree = a.clone();
    apply(&mut tree, &patches).unwrap();
    assert!(tree == b);
}

#[test]
fn many_attributes_set_and_removed_in_one_run() {
    let names: Vec<String> = (0..5_000).map(|i| format!("data-a{i}")).collect();
    let with = |values: &dyn Fn(usize) -> Option<String>| VNode::Element {
        tag: "div".to_owned(),
        key: None,
        attributes: names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| values(i).map(|v| (n.clone(), v)))
            .collect(),
        children: Vec::new(),
    };
    let a = with(&|i| (i % 3 != 0).then(|| "old".to_owned()));
    let b = with(&|i| (i % 2 == 0).then(|| format!("new{i}")));
    let patches = diff(&a, &b);
    let mut tree = a.clone();
    apply(&mut tree, &patches).unwrap();
    assert!(tree == b);
}

#[test]
fn an_error_inside_a_run_keeps_what_came_before() {
    let tree = parent(40, &["a"]);
    let mut patches: Vec<Patch> = (0..30)
        .map(|i| Patch {
            path: vec![],
            op: PatchOp::MoveChild { from: 39, to: i },
        })
        .collect();
    patches.push(Patch {
        path: vec![],
        op: PatchOp::RemoveChild { index: 40 },
    });
    patches.push(Patch {
        path: vec![],
        op: PatchOp::RemoveChild { index: 0 },
    });
    let mut bulk = tree.clone();
    let error = apply(&mut bulk, &patches).unwrap_err();
    assert_eq!(error.patch_index, 30);
    let mut plain = tree.clone();
    assert_eq!(apply_with(&mut plain, &patches, ONE_BY_ONE), Err(error));
    assert!(bulk == plain);
    assert_eq!(bulk.children()[0].key(), Some("k39"));
}
