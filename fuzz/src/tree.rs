//! Virtual DOM trees built from fuzzer bytes.
//!
//! Names and texts come mostly from small pools, so that two trees share tags, keys and
//! attributes often enough for the diff to match, move and update rather than replace
//! everything; now and then a name is arbitrary text, so that invalid names, repeated
//! attributes and odd keys are reached too.

use arbitrary::{Result, Unstructured};

use wasm_playground::lab::vdom::{VNode, keyed_list};

/// Where a generator takes its names and texts from.
pub struct Pools {
    pub tags: &'static [&'static str],
    pub attribute_names: &'static [&'static str],
    pub attribute_values: &'static [&'static str],
    pub texts: &'static [&'static str],
    pub keys: &'static [&'static str],
    /// Chance in 256 that a name or text is arbitrary instead of from its pool.
    pub arbitrary_odds: u8,
    /// Deepest element nesting.
    pub max_depth: usize,
}

/// Small pools that make diffs interesting: few tags, keys and attributes.
pub const DIFF_POOLS: Pools = Pools {
    tags: &["div", "ul", "li", "p", "span"],
    attribute_names: &["class", "id", "title", "data-x"],
    attribute_values: &["", "a", "b", "c"],
    texts: &["", "a", "b", " ", "hello"],
    keys: &["0", "1", "2", "3", "4", "5", "6", "7"],
    arbitrary_odds: 8,
    max_depth: 6,
};

fn pick(u: &mut Unstructured, pool: &[&str], odds: u8) -> Result<String> {
    if u.arbitrary::<u8>()? < odds {
        return Ok(u.arbitrary::<&str>()?.to_owned());
    }
    Ok(u.choose(pool).copied().unwrap_or_default().to_owned())
}

/// A tree of at most `*budget` nodes (each node spends one).
pub fn tree(u: &mut Unstructured, pools: &Pools, budget: &mut usize) -> Result<VNode> {
    node(u, pools, budget, 0)
}

fn node(u: &mut Unstructured, pools: &Pools, budget: &mut usize, depth: usize) -> Result<VNode> {
    *budget = budget.saturating_sub(1);
    if depth >= pools.max_depth || *budget == 0 || u.ratio(1u8, 4)? {
        return Ok(VNode::Text(pick(u, pools.texts, pools.arbitrary_odds)?));
    }
    let tag = pick(u, pools.tags, pools.arbitrary_odds)?;
    let key = if u.arbitrary()? {
        Some(pick(u, pools.keys, pools.arbitrary_odds)?)
    } else {
        None
    };
    let mut attributes = Vec::new();
    for _ in 0..u.int_in_range(0..=3u8)? {
        attributes.push((
            pick(u, pools.attribute_names, pools.arbitrary_odds)?,
            pick(u, pools.attribute_values, pools.arbitrary_odds)?,
        ));
    }
    let mut children = Vec::new();
    let count = u.int_in_range(0..=6u8)?;
    let all_keyed = u.ratio(1u8, 2)?;
    for _ in 0..count {
        if *budget == 0 {
            break;
        }
        let mut child = node(u, pools, budget, depth + 1)?;
        // Keyed lists are the interesting case of the diff: make many of them.
        if all_keyed
            && let VNode::Element { key, .. } = &mut child
            && key.is_none()
        {
            *key = Some(pick(u, pools.keys, 0)?);
        }
        children.push(child);
    }
    Ok(VNode::Element {
        tag,
        key,
        attributes,
        children,
    })
}

/// One change to a copy of a tree, at a node reached by a path of choices.
fn mutate(u: &mut Unstructured, root: &mut VNode, pools: &Pools) -> Result<()> {
    // Walk down: each step continues with probability 2/3.
    let mut path = Vec::new();
    let mut at: &VNode = root;
    while !at.children().is_empty() && u.ratio(2u8, 3)? {
        let i = u.choose_index(at.children().len())?;
        path.push(i);
        at = &at.children()[i];
    }
    let Some(target) = root.node_at_mut(&path) else {
        return Ok(());
    };
    match u.int_in_range(0..=10u8)? {
        0 => {
            if let VNode::Element { children, .. } = target {
                children.reverse();
            }
        }
        1 => {
            if let VNode::Element { children, .. } = target
                && !children.is_empty()
            {
                let k = u.choose_index(children.len())?;
                children.rotate_left(k);
            }
        }
        2 => {
            if let VNode::Element { children, .. } = target {
                // Fisher–Yates driven by the input.
                for i in (1..children.len()).rev() {
                    let j = u.int_in_range(0..=i)?;
                    children.swap(i, j);
                }
            }
        }
        3 => {
            if let VNode::Element { children, .. } = target
                && !children.is_empty()
            {
                let i = u.choose_index(children.len())?;
                children.remove(i);
            }
        }
        4 => {
            let mut budget = 8;
            let new = node(u, pools, &mut budget, 2)?;
            if let VNode::Element { children, .. } = target {
                let i = u.int_in_range(0..=children.len())?;
                children.insert(i, new);
            }
        }
        5 => {
            if let VNode::Element { tag, .. } = target {
                *tag = pick(u, pools.tags, pools.arbitrary_odds)?;
            }
        }
        6 => {
            if let VNode::Element { key, .. } = target {
                *key = if u.arbitrary()? {
                    Some(pick(u, pools.keys, pools.arbitrary_odds)?)
                } else {
                    None
                };
            }
        }
        7 => {
            if let VNode::Element { attributes, .. } = target {
                let name = pick(u, pools.attribute_names, pools.arbitrary_odds)?;
                let value = pick(u, pools.attribute_values, pools.arbitrary_odds)?;
                match attributes.iter_mut().find(|(n, _)| *n == name) {
                    Some(existing) => existing.1 = value,
                    None => attributes.push((name, value)),
                }
            }
        }
        8 => {
            if let VNode::Element { attributes, .. } = target
                && !attributes.is_empty()
            {
                let i = u.choose_index(attributes.len())?;
                attributes.remove(i);
            }
        }
        9 => {
            if let VNode::Text(text) = target {
                *text = pick(u, pools.texts, pools.arbitrary_odds)?;
            }
        }
        _ => {
            let mut budget = 8;
            *target = node(u, pools, &mut budget, 2)?;
        }
    }
    Ok(())
}

/// A pair of trees to diff: the second is either independent or the first with up to
/// 16 changes, which is what a re-render usually looks like.
pub fn tree_pair(u: &mut Unstructured, pools: &Pools) -> Result<(VNode, VNode)> {
    // `ratio` is true when the input is used up, so the rare branch is the false one:
    // short inputs stay small.
    let a = if u.ratio(15u8, 16)? {
        let mut budget = 200;
        tree(u, pools, &mut budget)?
    } else {
        big_keyed_list(u)?
    };
    let b = if u.ratio(1u8, 4)? {
        let mut budget = 200;
        tree(u, pools, &mut budget)?
    } else {
        let mut b = a.clone();
        for _ in 0..u.int_in_range(0..=16u8)? {
            mutate(u, &mut b, pools)?;
        }
        b
    };
    Ok((a, b))
}

/// A `<ul>` of up to 65,535 keyed items, from three bytes: the shape of a long keyed list
/// (what a large table re-render diffs), so that super-linear work in diff or apply
/// shows up as a slow input instead of needing megabytes of fuzzer input.
pub fn big_keyed_list(u: &mut Unstructured) -> Result<VNode> {
    let n: u16 = u.arbitrary()?;
    Ok(keyed_list((0..n).map(|i| i.to_string())))
}
