//! The wire format pinned number by number, and read back by a reference decoder: a
//! patch list encoded and decoded again patches a tree exactly as the list itself does.

use proptest::prelude::*;

use super::super::rows::{self, Prng};
use super::super::{Patch, PatchOp, VNode, apply, diff};
use super::*;

fn el(tag: &str, attrs: &[(&str, &str)], children: Vec<VNode>) -> VNode {
    VNode::Element {
        tag: tag.to_owned(),
        key: None,
        attributes: attrs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        children,
    }
}

fn at(path: &[usize], op: PatchOp) -> Patch {
    Patch {
        path: path.to_vec(),
        op,
    }
}

// ---------------------------------------------------------------------------------------
// The reference decoder: what `applyOps` in src/web/js/vdom.js does, on VNodes.

fn string(strings: &[u16], off: u32, len: u32) -> Result<String, String> {
    let (off, len) = (off as usize, len as usize);
    let units = strings
        .get(off..off + len)
        .ok_or_else(|| format!("string {off}+{len} out of range"))?;
    String::from_utf16(units).map_err(|e| e.to_string())
}

/// The k-th text node in pre-order.
fn text_at(node: &mut VNode, k: usize) -> Option<&mut VNode> {
    let mut seen = 0;
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if let VNode::Element { children, .. } = node {
            stack.extend(children.iter_mut().rev());
        } else if seen == k {
            return Some(node);
        } else {
            seen += 1;
        }
    }
    None
}

/// Reads a program back into the patch list it stands for (nodes without keys: keys are
/// never rendered, so they are not sent).
fn decode(ops: &[u32], strings: &str) -> Result<Vec<Patch>, String> {
    let strings: Vec<u16> = strings.encode_utf16().collect();
    let mut pc = 0;
    let mut next = || -> Result<u32, String> {
        let value = ops.get(pc).copied().ok_or("the program ends early")?;
        pc += 1;
        Ok(value)
    };
    let mut patches = Vec::new();
    let mut path = Vec::new();
    let mut stack: Vec<VNode> = Vec::new();
    let mut templates: Vec<VNode> = Vec::new();
    let mut pending_slots: Option<VNode> = None;
    while let Ok(code) = next() {
        let op = Op::from_code(code).ok_or(format!("bad op {code}"))?;
        if op != Op::Slot
            && let Some(copy) = pending_slots.take()
        {
            stack.push(copy);
        }
        let text = |next: &mut dyn FnMut() -> Result<u32, String>| {
            let off = next()?;
            let len = next()?;
            string(&strings, off, len)
        };
        match op {
            Op::Patch => {
                let n = next()?;
                path = (0..n)
                    .map(|_| next().map(|i| i as usize))
                    .collect::<Result<_, _>>()?;
            }
            Op::SetText => {
                let t = text(&mut next)?;
                patches.push(at(&path, PatchOp::SetText(t)));
            }
            Op::SetAttr => {
                let name = text(&mut next)?;
                let value = text(&mut next)?;
                patches.push(at(&path, PatchOp::SetAttribute(name, value)));
            }
            Op::RemoveAttr => {
                let name = text(&mut next)?;
                patches.push(at(&path, PatchOp::RemoveAttribute(name)));
            }
            Op::Replace => {
                let node = stack.pop().ok_or("nothing built")?;
                patches.push(at(&path, PatchOp::Replace(node)));
            }
            Op::Insert => {
                let index = next()? as usize;
                let node = stack.pop().ok_or("nothing built")?;
                patches.push(at(&path, PatchOp::InsertChild { index, node }));
            }
            Op::Remove => {
                let index = next()? as usize;
                patches.push(at(&path, PatchOp::RemoveChild { index }));
            }
            Op::Move => {
                let from = next()? as usize;
                let to = next()? as usize;
                patches.push(at(&path, PatchOp::MoveChild { from, to }));
            }
            Op::Elem => {
                let tag = text(&mut next)?;
                stack.push(el(&tag, &[], vec![]));
            }
            Op::Attr => {
                let name = text(&mut next)?;
                let value = text(&mut next)?;
                match stack.last_mut() {
                    Some(VNode::Element { attributes, .. }) => attributes.push((name, value)),
                    _ => return Err("ATTR without an element".into()),
                }
            }
            Op::Text => {
                let t = text(&mut next)?;
                stack.push(VNode::Text(t));
            }
            Op::Append => {
                let child = stack.pop().ok_or("nothing to append")?;
                match stack.last_mut() {
                    Some(VNode::Element { children, .. }) => children.push(child),
                    _ => return Err("APPEND without a parent".into()),
                }
            }
            Op::Clone => {
                let t = next()? as usize;
                let template = templates.get(t).ok_or(format!("no template {t}"))?;
                pending_slots = Some(template.clone());
            }
            Op::Slot => {
                let k = next()? as usize;
                let t = text(&mut next)?;
                let copy = pending_slots.as_mut().ok_or("SLOT without CLONE")?;
                *text_at(copy, k).ok_or(format!("no text {k}"))? = VNode::Text(t);
            }
            Op::Keep => {
                let t = next()? as usize;
                let top = stack.last().ok_or("nothing to keep")?.clone();
                if templates.len() <= t {
                    templates.resize(t + 1, VNode::Text(String::new()));
                }
                templates[t] = top;
            }
        }
    }
    if let Some(copy) = pending_slots {
        stack.push(copy);
    }
    if !stack.is_empty() {
        return Err(format!("{} built nodes left over", stack.len()));
    }
    Ok(patches)
}

/// Encodes `diff(a, b)`, decodes it and applies the result to `a`: the page must read
/// as `b`.
fn check_round_trip(a: &VNode, b: &VNode) {
    let patches = diff(a, b);
    let encoded = encode(&patches);
    let decoded = decode(encoded.ops(), encoded.strings())
        .unwrap_or_else(|e| panic!("{e}\n a = {a:?}\n b = {b:?}"));
    assert_eq!(decoded.len(), patches.len());
    let mut tree = a.clone();
    apply(&mut tree, &decoded).unwrap_or_else(|e| panic!("{e}\n a = {a:?}\n b = {b:?}"));
    assert_eq!(tree.render_html(), b.render_html(), "a = {a:?}");
}

// ---------------------------------------------------------------------------------------
// The format, number by number

#[test]
fn every_op_is_pinned_to_its_number() {
    let pinned = [
        (Op::Patch, 1),
        (Op::SetText, 2),
        (Op::SetAttr, 3),
        (Op::RemoveAttr, 4),
        (Op::Replace, 5),
        (Op::Insert, 6),
        (Op::Remove, 7),
        (Op::Move, 8),
        (Op::Elem, 10),
        (Op::Attr, 11),
        (Op::Text, 12),
        (Op::Append, 13),
        (Op::Clone, 14),
        (Op::Slot, 15),
        (Op::Keep, 16),
    ];
    assert_eq!(pinned.map(|(op, _)| op), Op::ALL);
    for (op, code) in pinned {
        assert_eq!(op.code(), code, "{op:?}");
        assert_eq!(Op::from_code(code), Some(op));
    }
    for code in [0, 9, 17, u32::MAX] {
        assert_eq!(Op::from_code(code), None);
    }
    for (i, counter) in Counter::ALL.into_iter().enumerate() {
        assert_eq!(
            counter as usize, i,
            "{counter:?} is its index in the counts"
        );
    }
}

#[test]
fn patches_without_new_nodes_encode_to_pinned_numbers() {
    let patches = [
        at(&[0, 1], PatchOp::SetText("é😀".into())),
        at(&[], PatchOp::SetAttribute("class".into(), "x".into())),
        at(&[2], PatchOp::RemoveAttribute("title".into())),
        at(&[], PatchOp::RemoveChild { index: 4 }),
        at(&[3], PatchOp::MoveChild { from: 5, to: 1 }),
    ];
    let encoded = encode(&patches);
    #[rustfmt::skip]
    let expected: &[u32] = &[
        1, 2, 0, 1,  2, 0, 3,          // PATCH /0/1, SET_TEXT "é😀" (3 UTF-16 units)
        1, 0,        3, 3, 5, 8, 1,    // PATCH /, SET_ATTR "class" "x"
        1, 1, 2,     4, 9, 5,          // PATCH /2, REMOVE_ATTR "title"
        1, 0,        7, 4,             // PATCH /, REMOVE 4
        1, 1, 3,     8, 5, 1,          // PATCH /3, MOVE 5 → 1
    ];
    assert_eq!(encoded.ops(), expected);
    assert_eq!(encoded.strings(), "é😀classxtitle");
}

#[test]
fn new_nodes_are_built_kept_and_copied_with_their_texts_set() {
    let item = |class: &str, text: &str| el("li", &[("class", class)], vec![VNode::text(text)]);
    let row = |a: &str, b: &str| {
        el(
            "p",
            &[],
            vec![VNode::text(a), el("b", &[], vec![VNode::text(b)])],
        )
    };
    let patches = [
        // Two nodes: too small to keep.
        at(
            &[],
            PatchOp::InsertChild {
                index: 0,
                node: item("a", "x"),
            },
        ),
        // Four nodes: built, then kept as template 0.
        at(
            &[],
            PatchOp::InsertChild {
                index: 1,
                node: row("one", "two"),
            },
        ),
        // Same shape: a copy of template 0 with its second text set.
        at(
            &[],
            PatchOp::InsertChild {
                index: 2,
                node: row("one", "2"),
            },
        ),
        // A text node replaces child 0.
        at(&[0], PatchOp::Replace(VNode::text("t"))),
    ];
    let encoded = encode(&patches);
    #[rustfmt::skip]
    let expected: &[u32] = &[
        1, 0,                          // PATCH /
        10, 0, 2,                      //   ELEM "li"
        11, 2, 5, 7, 1,                //   ATTR "class" "a"
        12, 8, 1,                      //   TEXT "x"
        13,                            //   APPEND
        6, 0,                          // INSERT 0
        1, 0,                          // PATCH /
        10, 9, 1,                      //   ELEM "p"
        12, 10, 3,                     //   TEXT "one"
        13,                            //   APPEND
        10, 13, 1,                     //   ELEM "b"
        12, 14, 3,                     //   TEXT "two"
        13, 13,                        //   APPEND, APPEND
        16, 0,                         //   KEEP 0
        6, 1,                          // INSERT 1
        1, 0,                          // PATCH /
        14, 0,                         //   CLONE 0
        15, 1, 17, 1,                  //   SLOT 1 "2"
        6, 2,                          // INSERT 2
        1, 1, 0,                       // PATCH /0
        12, 18, 1,                     //   TEXT "t"
        5,                             // REPLACE
    ];
    assert_eq!(encoded.ops(), expected);
    assert_eq!(encoded.strings(), "liclassaxponebtwo2t");
}

#[test]
fn a_copy_is_only_made_of_the_same_shape() {
    let item = |class: &str, b: &str| {
        el(
            "li",
            &[("class", class)],
            vec![el("b", &[], vec![VNode::text(b)]), VNode::text(" one")],
        )
    };
    let empty_b = el(
        "li",
        &[("class", "a")],
        vec![el("b", &[], vec![]), VNode::text(" one")],
    );
    let children = vec![
        item("a", "x"),
        item("b", "y"), // another attribute value: built
        item("a", "x"), // the template itself: copied, no text set
        item("a", "é"), // copied, one text set
        empty_b,        // no text in <b>: another shape, built
    ];
    let before = el("ul", &[], vec![]);
    let after = el("ul", &[], children);
    let patches = diff(&before, &after);
    let encoded = encode(&patches);
    let decoded = decode(encoded.ops(), encoded.strings()).unwrap();
    assert_eq!(decoded.len(), patches.len());
    let clones = ops_of(encoded.ops(), Op::Clone);
    let keeps = ops_of(encoded.ops(), Op::Keep);
    let slots = ops_of(encoded.ops(), Op::Slot);
    assert_eq!((keeps, clones, slots), (3, 2, 1));
    check_round_trip(&before, &after);
}

/// How many times `wanted` runs in the program, walking it op by op (operands can hold
/// any number, so a plain search would miscount).
fn ops_of(ops: &[u32], wanted: Op) -> usize {
    let mut pc = 0;
    let mut seen = 0;
    while let Some(&code) = ops.get(pc) {
        let op = Op::from_code(code).expect("an op");
        if op == wanted {
            seen += 1;
        }
        pc += 1 + match op {
            Op::Patch => 1 + ops[pc + 1] as usize,
            Op::SetText | Op::RemoveAttr | Op::Elem | Op::Text | Op::Move => 2,
            Op::SetAttr | Op::Attr => 4,
            Op::Insert | Op::Remove | Op::Clone | Op::Keep => 1,
            Op::Slot => 3,
            Op::Replace | Op::Append => 0,
        };
    }
    seen
}

#[test]
fn rows_are_built_once_and_copied_after_that() {
    let mut rng = Prng::new(3);
    let empty = rows::table_body(&[]);
    let table = rows::create_rows(1, 50, &mut rng);
    let patches = diff(&empty, &table);
    let encoded = encode(&patches);
    assert_eq!(ops_of(encoded.ops(), Op::Keep), 1, "one row kept");
    assert_eq!(
        ops_of(encoded.ops(), Op::Clone),
        49,
        "every other row copied"
    );
    assert_eq!(ops_of(encoded.ops(), Op::Slot), 49 * 2, "id and label set");
    check_round_trip(&empty, &table);
}

#[test]
fn the_js_constants_name_every_number_once() {
    let text = js_constants();
    for op in Op::ALL {
        let line = format!("const {} = {};", op.js_name(), op.code());
        assert_eq!(text.matches(&line).count(), 1, "{line}");
    }
    for counter in Counter::ALL {
        let line = format!("const {} = {};", counter.js_name(), counter as usize);
        assert_eq!(text.matches(&line).count(), 1, "{line}");
    }
    assert_eq!(
        text.lines().filter(|l| l.starts_with("const ")).count(),
        Op::ALL.len() + Counter::ALL.len()
    );
}

#[test]
fn dom_counts_read_the_counts_array_in_counter_order() {
    let mut counts = DomCounts::default();
    counts.add_counters(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert_eq!(
        counts,
        DomCounts {
            create_element: 1,
            create_text: 2,
            insert: 3,
            moves: 4,
            remove: 5,
            replace: 6,
            set_attribute: 7,
            remove_attribute: 8,
            set_text: 9,
            clone: 10,
        }
    );
    assert_eq!(counts.total(), 55);
    let mut twice = counts;
    twice.add(&counts);
    assert_eq!(twice.total(), 110);
    assert_eq!(counts.rows()[3], ("insertBefore (move)", 4));
}

#[test]
fn the_benchmark_row_operations_round_trip() {
    let mut rng = Prng::new(11);
    let base = rows::create_rows(1, 40, &mut rng);
    let cases = [
        rows::replace_all_rows(&base, 40, &mut rng),
        rows::update_every_10th(&base),
        rows::swap_rows(&base, 1, 38),
        rows::remove_row(&base, 5),
        rows::append_rows(&base, 20, &mut rng),
        rows::clear_rows(&base),
        rows::shuffle_rows(&base, &mut rng),
    ];
    for after in &cases {
        check_round_trip(&base, after);
    }
}

// ---------------------------------------------------------------------------------------
// The law, on random trees

fn arb_text() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "a", "b", "<&>", "\u{a0}", "é😀", "😀😀 z"])
        .prop_map(str::to_owned)
}

fn arb_attributes() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::btree_map(
        prop::sample::select(vec!["class", "id", "title"]),
        prop::sample::select(vec!["1", "2", "é"]),
        0..3,
    )
    .prop_map(|m| {
        m.into_iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect()
    })
}

fn arb_tree() -> impl Strategy<Value = VNode> {
    let tag = || prop::sample::select(vec!["div", "li", "b"]).prop_map(str::to_owned);
    let leaf = prop_oneof![
        arb_text().prop_map(VNode::Text),
        (tag(), arb_attributes()).prop_map(|(tag, attributes)| VNode::Element {
            tag,
            key: None,
            attributes,
            children: vec![],
        }),
    ];
    leaf.prop_recursive(4, 40, 6, move |inner| {
        (
            tag(),
            arb_attributes(),
            prop::collection::vec(inner, 0..6),
            Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
            any::<bool>(),
        )
            .prop_map(|(tag, attributes, mut children, order, keyed)| {
                if keyed {
                    for (child, k) in children.iter_mut().zip(order) {
                        if let VNode::Element { key, .. } = child {
                            *key = Some(format!("k{k}"));
                        } else {
                            *child = VNode::Element {
                                tag: "li".into(),
                                key: Some(format!("k{k}")),
                                attributes: vec![],
                                children: vec![std::mem::replace(child, VNode::text(""))],
                            };
                        }
                    }
                }
                VNode::Element {
                    tag,
                    key: None,
                    attributes,
                    children,
                }
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// For all trees a, b: decoding `encode(diff(a, b))` and applying it to `a` gives
    /// what `b` renders.
    #[test]
    fn encoded_patches_decode_to_the_same_change(a in arb_tree(), b in arb_tree()) {
        check_round_trip(&a, &b);
    }
}
