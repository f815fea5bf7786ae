//! Test and benchmark material: a deterministic PRNG, keyed lists, and the row operations
//! of the js-framework-benchmark (<https://github.com/krausest/js-framework-benchmark>),
//! all as pure functions on [`VNode`]s.
//!
//! The benchmark's table body holds rows like
//!
//! ```html
//! <tr><td class="col-md-1">1</td><td class="col-md-4"><a>pretty red table</a></td>
//! <td class="col-md-1"><a><span class="glyphicon glyphicon-remove" aria-hidden="true"></span></a></td>
//! <td class="col-md-6"></td></tr>
//! ```
//!
//! keyed by id; its operations are create 1,000 rows, replace all, update every 10th row,
//! swap rows 1 and 998, remove one row, append 1,000 rows and clear. Each function below
//! returns the new `<tbody>`, ready to [`super::diff`] against the old one.

use super::VNode;

/// The generator of the rows and shuffles: SplitMix64, deterministic for a seed on
/// every platform, which is what a reproducible shuffle or benchmark needs.
pub use crate::lab::rng::SplitMix64 as Prng;

/// `<ul>` with one `<li key="k">k</li>` per key, in order: the shape of the tab's keyed
/// list presets.
pub fn keyed_list<I>(keys: I) -> VNode
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    VNode::Element {
        tag: "ul".to_owned(),
        key: None,
        attributes: Vec::new(),
        children: keys
            .into_iter()
            .map(|key| {
                let key = key.as_ref();
                VNode::Element {
                    tag: "li".to_owned(),
                    key: Some(key.to_owned()),
                    attributes: Vec::new(),
                    children: vec![VNode::Text(key.to_owned())],
                }
            })
            .collect(),
    }
}

const ADJECTIVES: [&str; 25] = [
    "pretty",
    "large",
    "big",
    "small",
    "tall",
    "short",
    "long",
    "handsome",
    "plain",
    "quaint",
    "clean",
    "elegant",
    "easy",
    "angry",
    "crazy",
    "helpful",
    "mushy",
    "odd",
    "unsightly",
    "adorable",
    "important",
    "inexpensive",
    "cheap",
    "expensive",
    "fancy",
];
const COLOURS: [&str; 11] = [
    "red", "yellow", "blue", "green", "pink", "brown", "purple", "brown", "white", "black",
    "orange",
];
const NOUNS: [&str; 13] = [
    "table", "chair", "house", "bbq", "desk", "car", "pony", "cookie", "sandwich", "burger",
    "pizza", "mouse", "keyboard",
];

/// One benchmark row's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The row id, also its key.
    pub id: u64,
    /// "adjective colour noun", as the benchmark makes them.
    pub label: String,
}

/// A random label the way js-framework-benchmark makes them.
pub fn random_label(rng: &mut Prng) -> String {
    let pick = |rng: &mut Prng, words: &[&'static str]| -> &'static str {
        words.get(rng.index(words.len())).copied().unwrap_or("")
    };
    let adjective = pick(rng, &ADJECTIVES);
    let colour = pick(rng, &COLOURS);
    let noun = pick(rng, &NOUNS);
    format!("{adjective} {colour} {noun}")
}

/// `count` rows with ids `first_id`, `first_id + 1`, … (saturating) and random labels.
pub fn make_rows(first_id: u64, count: usize, rng: &mut Prng) -> Vec<Row> {
    (0..count)
        .map(|i| Row {
            id: first_id.saturating_add(i as u64),
            label: random_label(rng),
        })
        .collect()
}

fn td(class: &str, children: Vec<VNode>) -> VNode {
    VNode::Element {
        tag: "td".to_owned(),
        key: None,
        attributes: vec![("class".to_owned(), class.to_owned())],
        children,
    }
}

fn plain(tag: &str, children: Vec<VNode>) -> VNode {
    VNode::Element {
        tag: tag.to_owned(),
        key: None,
        attributes: Vec::new(),
        children,
    }
}

/// One row as the benchmark renders it, keyed by its id.
pub fn row_node(row: &Row) -> VNode {
    let id = row.id.to_string();
    let remove_icon = VNode::Element {
        tag: "span".to_owned(),
        key: None,
        attributes: vec![
            ("class".to_owned(), "glyphicon glyphicon-remove".to_owned()),
            ("aria-hidden".to_owned(), "true".to_owned()),
        ],
        children: Vec::new(),
    };
    VNode::Element {
        tag: "tr".to_owned(),
        key: Some(id.clone()),
        attributes: Vec::new(),
        children: vec![
            td("col-md-1", vec![VNode::Text(id)]),
            td(
                "col-md-4",
                vec![plain("a", vec![VNode::Text(row.label.clone())])],
            ),
            td("col-md-1", vec![plain("a", vec![remove_icon])]),
            td("col-md-6", Vec::new()),
        ],
    }
}

/// `<tbody>` holding one keyed `<tr>` per row.
pub fn table_body(rows: &[Row]) -> VNode {
    plain("tbody", rows.iter().map(row_node).collect())
}

/// A copy of `tbody` with its rows changed by `edit`.
fn with_rows(tbody: &VNode, edit: impl FnOnce(&mut Vec<VNode>)) -> VNode {
    let mut next = tbody.clone();
    if let VNode::Element { children, .. } = &mut next {
        edit(children);
    }
    next
}

/// The benchmark's "create rows": a fresh body of `count` rows from `first_id`.
pub fn create_rows(first_id: u64, count: usize, rng: &mut Prng) -> VNode {
    table_body(&make_rows(first_id, count, rng))
}

/// "Append rows": `tbody` plus `count` new rows, ids continuing after the largest id in it.
pub fn append_rows(tbody: &VNode, count: usize, rng: &mut Prng) -> VNode {
    let first_id = next_id(tbody);
    with_rows(tbody, |rows| {
        rows.extend(make_rows(first_id, count, rng).iter().map(row_node));
    })
}

/// One past the largest numeric row key in `tbody` (1 when there is none), so appended
/// rows never reuse a key.
pub fn next_id(tbody: &VNode) -> u64 {
    tbody
        .children()
        .iter()
        .filter_map(|row| row.key()?.parse::<u64>().ok())
        .max()
        .map_or(1, |max| max.saturating_add(1))
}

/// "Update every 10th row": rows 0, 10, 20, … get `" !!!"` appended to their label.
pub fn update_every_10th(tbody: &VNode) -> VNode {
    with_rows(tbody, |rows| {
        for row in rows.iter_mut().step_by(10) {
            // tr > td[1] > a > text
            if let Some(VNode::Text(label)) = row.node_at_mut(&[1, 0, 0]) {
                label.push_str(" !!!");
            }
        }
    })
}

/// "Swap rows": exchanges rows `a` and `b` (the benchmark uses 1 and 998); unchanged when
/// either is out of range.
pub fn swap_rows(tbody: &VNode, a: usize, b: usize) -> VNode {
    with_rows(tbody, |rows| {
        if a < rows.len() && b < rows.len() {
            rows.swap(a, b);
        }
    })
}

/// "Remove row": without the row at `index`; unchanged when out of range.
pub fn remove_row(tbody: &VNode, index: usize) -> VNode {
    with_rows(tbody, |rows| {
        if index < rows.len() {
            rows.remove(index);
        }
    })
}

/// "Clear rows": an empty body.
pub fn clear_rows(tbody: &VNode) -> VNode {
    with_rows(tbody, Vec::clear)
}

/// "Replace all rows": `count` new rows with fresh ids (every key changes).
pub fn replace_all_rows(tbody: &VNode, count: usize, rng: &mut Prng) -> VNode {
    create_rows(next_id(tbody), count, rng)
}

/// A copy of `tbody` with its rows in a random order (the 10,000-row diff goal's input).
pub fn shuffle_rows(tbody: &VNode, rng: &mut Prng) -> VNode {
    with_rows(tbody, |rows| rng.shuffle(rows))
}
