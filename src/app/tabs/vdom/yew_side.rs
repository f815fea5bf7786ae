//! Yew's side of the comparison: the tab's tree as `yew::Html` for the Yew pane
//! ([`to_yew`]), and Yew re-rendering the benchmark's rows ([`YewRows`]), timed by
//! `web::vdom::bench` as a [`Contender`] next to our diff + batched patcher.

use std::hint::black_box;
use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::{Key, VTag, VText};

use crate::lab::vdom::VNode;
use crate::lab::vdom::rows;
use crate::web::vdom::{
    BenchTable, Contender, DomError, ROWS, Stage, TableRoot, pool_rows, table_side,
};

// ---------------------------------------------------------------------------------------
// The tab's tree as yew::Html

/// Keys for a child list, as Yew needs them: only when every child has one and no key
/// repeats (Yew's keyed reconciliation asserts unique keys in debug builds). Otherwise
/// none, and Yew matches children by position, as our diff then does.
fn child_keys(children: &[VNode]) -> bool {
    let mut seen = std::collections::HashSet::with_capacity(children.len());
    !children.is_empty()
        && children
            .iter()
            .all(|c| c.key().is_some_and(|k| seen.insert(k)))
}

fn yew_tag(tag: &str, attributes: &[(String, String)], key: Option<&str>) -> VTag {
    let mut vtag = VTag::new(AttrValue::from(tag.to_owned()));
    let map: indexmap::IndexMap<AttrValue, AttrValue> = attributes
        .iter()
        .map(|(n, v)| (AttrValue::from(n.clone()), AttrValue::from(v.clone())))
        .collect();
    vtag.set_attributes(map);
    vtag.key = key.map(Key::from);
    vtag
}

fn yew_leaf(node: &VNode, key: Option<&str>) -> yew::virtual_dom::VNode {
    match node {
        VNode::Text(text) => VText::new(AttrValue::from(text.clone())).into(),
        VNode::Element {
            tag, attributes, ..
        } => yew_tag(tag, attributes, key).into(),
    }
}

/// The same tree as `yew::Html`: a `VTag` per element with its attributes (and its key,
/// where the siblings' keys allow it, see [`child_keys`]), a `VText` per text node. Built
/// bottom-up with a work list, so any depth converts without recursion.
pub fn to_yew(node: &VNode) -> Html {
    enum Step<'a> {
        Enter(&'a VNode, Option<&'a str>),
        Finish(&'a VNode, Option<&'a str>),
    }
    let mut work = vec![Step::Enter(node, node.key())];
    let mut done: Vec<yew::virtual_dom::VNode> = Vec::new();
    while let Some(step) = work.pop() {
        match step {
            Step::Enter(vnode, key) => {
                let children = vnode.children();
                if children.is_empty() {
                    done.push(yew_leaf(vnode, key));
                } else {
                    work.push(Step::Finish(vnode, key));
                    let keyed = child_keys(children);
                    work.extend(
                        children
                            .iter()
                            .rev()
                            .map(|c| Step::Enter(c, if keyed { c.key() } else { None })),
                    );
                }
            }
            Step::Finish(vnode, key) => {
                let count = vnode.children().len();
                let first = done.len().saturating_sub(count);
                let children: Vec<_> = done.drain(first..).collect();
                let html = match vnode {
                    VNode::Element {
                        tag, attributes, ..
                    } => {
                        let mut vtag = yew_tag(tag, attributes, key);
                        vtag.add_children(children);
                        vtag.into()
                    }
                    VNode::Text(_) => yew_leaf(vnode, key),
                };
                done.push(html);
            }
        }
    }
    done.pop().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Yew re-rendering the benchmark's table

/// Yew as a contender in the Virtual DOM benchmark: cases named `…/yew`.
pub const CONTENDER: Contender = Contender {
    suffix: "/yew",
    who: |op| {
        if op == "create" {
            "a new Yew app, the old one destroyed,"
        } else {
            "Yew re-render"
        }
    },
    side: table_side::<YewTable>,
};

/// One row as a Yew app would hold it: the label shared, so a new list is cheap to make.
#[derive(Clone, Debug, PartialEq)]
struct YewRow {
    id: u64,
    label: AttrValue,
}

#[derive(Properties, Clone)]
struct YewRowsProps {
    rows: Rc<Vec<YewRow>>,
}

impl PartialEq for YewRowsProps {
    /// A new list is a new `Rc`: Yew re-renders on every update, as after a state change.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rows, &other.rows)
    }
}

/// The benchmark's table body the way one writes it in Yew: a keyed `<tr>` per row.
#[component]
fn YewRows(props: &YewRowsProps) -> Html {
    html! {
        <tbody>
            { for props.rows.iter().map(|row| html! {
                <tr key={row.id}>
                    <td class="col-md-1">{ row.id.to_string() }</td>
                    <td class="col-md-4"><a>{ row.label.clone() }</a></td>
                    <td class="col-md-1"><a><span class="glyphicon glyphicon-remove" aria-hidden="true"></span></a></td>
                    <td class="col-md-6"></td>
                </tr>
            }) }
        </tbody>
    }
}

/// Runs Yew's pending renders now. Yew renders from a microtask after a state change; its
/// `scheduler::flush` (the `test` feature) drains that queue synchronously on its first
/// poll, which is what a synchronous benchmark needs. (Called from inside a Yew render it
/// would do nothing; the benchmark harness never runs there, and the tests check the DOM.)
fn flush_yew() {
    use std::future::Future;
    let mut flush = std::pin::pin!(yew::scheduler::flush());
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    let _ = flush.as_mut().poll(&mut context);
}

fn to_yew_rows(data: &[rows::Row]) -> Vec<YewRow> {
    data.iter()
        .map(|row| YewRow {
            id: row.id,
            label: AttrValue::from(row.label.clone()),
        })
        .collect()
}

/// Yew's side of one operation: the same data changes as our side's, handed to a Yew
/// app as new props and rendered at once (see [`flush_yew`]).
struct YewTable {
    root: TableRoot,
    app: Option<yew::AppHandle<YewRows>>,
    /// The row lists this operation moves between; `states[at]` is on the page.
    states: Vec<Rc<Vec<YewRow>>>,
    at: usize,
    next_id: u64,
}

impl YewTable {
    /// A new app in a new `<table>` (in place of the old one) rendering `rows`.
    fn mount(&mut self, rows: Rc<Vec<YewRow>>, stage: Option<&Stage>) -> Result<(), DomError> {
        let root = TableRoot::new(stage)?;
        drop(std::mem::replace(&mut self.root, root));
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.app = Some(
            yew::Renderer::<YewRows>::with_root_and_props(
                self.root.element(),
                YewRowsProps { rows },
            )
            .render(),
        );
        self.settle();
        Ok(())
    }

    /// Renders now, and lays out when staged.
    fn settle(&self) {
        flush_yew();
        self.root.settle();
    }

    fn go(&mut self, to: usize) -> Result<(), DomError> {
        let rows = self
            .states
            .get(to)
            .cloned()
            .ok_or_else(|| DomError::new("no such table"))?;
        let app = self.app.as_mut().ok_or_else(|| DomError::new("no app"))?;
        app.update(YewRowsProps { rows });
        self.at = to;
        self.settle();
        Ok(())
    }

    /// The rows on the page, as our virtual table (for comparing the DOM).
    fn expected_html(&self) -> String {
        let data: Vec<rows::Row> = self
            .states
            .get(self.at)
            .map(|rows| {
                rows.iter()
                    .map(|r| rows::Row {
                        id: r.id,
                        label: r.label.to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        rows::table_body(&data).render_html()
    }
}

fn unknown(op: &str) -> DomError {
    DomError::new(format!("unknown operation {op:?}"))
}

impl BenchTable for YewTable {
    fn new(op: &str, stage: Option<&Stage>) -> Result<YewTable, DomError> {
        if let Some(stage) = stage {
            stage.show();
        }
        let mut next_id = 1;
        let mut fresh = |count: usize| {
            let made = to_yew_rows(&pool_rows(next_id, count));
            next_id += count as u64;
            made
        };
        let states: Vec<Vec<YewRow>> = match op {
            "create" => vec![Vec::new()],
            "replace-all" => vec![fresh(ROWS)],
            "update-10th" => {
                let rows = fresh(ROWS);
                let mut updated = rows.clone();
                for row in updated.iter_mut().step_by(10) {
                    row.label = format!("{} !!!", row.label).into();
                }
                vec![rows, updated]
            }
            "swap" => {
                let rows = fresh(ROWS);
                let mut swapped = rows.clone();
                swapped.swap(1, 998);
                vec![rows, swapped]
            }
            "remove-one" => {
                let rows = fresh(ROWS);
                let mut removed = rows.clone();
                removed.remove(1);
                vec![rows, removed]
            }
            "append" => {
                let rows = fresh(ROWS);
                let mut appended = rows.clone();
                appended.extend(fresh(ROWS));
                vec![rows, appended]
            }
            "clear" => vec![Vec::new(), fresh(ROWS)],
            other => return Err(unknown(other)),
        };
        let states: Vec<Rc<Vec<YewRow>>> = states.into_iter().map(Rc::new).collect();
        let first = states.first().cloned().unwrap_or_default();
        let mut table = YewTable {
            root: TableRoot::new(None)?,
            app: None,
            states,
            at: 0,
            next_id,
        };
        table.mount(first, stage)?;
        Ok(table)
    }

    fn step(&mut self, op: &str, stage: Option<&Stage>) -> Result<(), DomError> {
        match op {
            "create" => {
                let rows = Rc::new(to_yew_rows(&pool_rows(1, ROWS)));
                self.states = vec![rows.clone()];
                self.at = 0;
                self.mount(rows, stage)
            }
            "replace-all" => {
                let rows = Rc::new(to_yew_rows(&pool_rows(self.next_id, ROWS)));
                self.next_id += ROWS as u64;
                self.states = vec![rows];
                self.go(0)
            }
            "update-10th" | "swap" => self.go(1 - self.at.min(1)),
            "remove-one" | "append" | "clear" => {
                self.go(1)?;
                self.go(0)
            }
            other => Err(unknown(other)),
        }
    }
}

impl Drop for YewTable {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Runs one benchmark step of the Yew side outside the harness (for tests): the table's
/// `innerHTML` right after the step, next to `render_html` of the same rows.
pub fn run_yew_step(op: &str, staged: bool) -> Result<(String, String), DomError> {
    let stage = staged.then(Stage::new).transpose()?;
    let mut table = YewTable::new(op, stage.as_ref())?;
    black_box(table.step(op, stage.as_ref()))?;
    Ok((table.root.inner_html(), table.expected_html()))
}
