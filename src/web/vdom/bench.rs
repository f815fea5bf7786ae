//! The Virtual DOM benchmark: js-framework-benchmark's operations on 1,000 keyed rows,
//! done by our diff + batched patcher (WASM) and by the same operation written as
//! js-framework-benchmark's vanilla-js entry writes it (JS, `src/web/js/vdom.js`).
//!
//! Another WASM renderer can be timed on the same operations: a [`Contender`] gives its
//! side of each case. The app supplies Yew's (a Yew component re-rendering the rows);
//! `web` holds no Yew view code, so it only knows the contender through that struct.

use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::patch::{DomError, apply_patches, document, dom_call, mount, plain};
use crate::lab::vdom::rows::{self, Prng};
use crate::lab::vdom::{VNode, diff};
use crate::web::bench::{BenchCase, BenchConfig, Side};
use crate::web::error::js_error_message;

#[wasm_bindgen(module = "/src/web/js/vdom.js")]
extern "C" {
    /// Puts a benchmark stage in the document, taking out the stages of cases that ran
    /// before, so each case is timed with only its own tables in the page.
    #[wasm_bindgen(js_name = showStage)]
    fn show_stage(stage: &Element);

    /// A vanilla-JS benchmark case (`op` as in [`OPERATIONS`]) over `rows` rows: a function
    /// that does the operation once on its own `<tbody>` and returns a number derived from
    /// the DOM, so the JIT cannot drop the work. With a `stage`, the table sits in the
    /// document there and layout is forced after every update.
    #[wasm_bindgen(catch, js_name = makeVanillaCase)]
    fn make_vanilla_case(
        op: &str,
        rows: u32,
        stage: Option<&Element>,
        labels: &js_sys::Array,
    ) -> Result<js_sys::Function, JsValue>;
}

/// The js-framework-benchmark operations, as `(name, label)`. Each runs on 1,000 keyed rows;
/// where an operation would leave the table in a different state, the case undoes it
/// in the same timed step (both sides alike) so every iteration starts from the same table.
pub const OPERATIONS: [(&str, &str); 7] = [
    ("create", "create 1,000 rows in an empty table"),
    ("replace-all", "replace all 1,000 rows with new ones"),
    (
        "update-10th",
        "update every 10th row's label (alternately add and strip \" !!!\")",
    ),
    ("swap", "swap rows 2 and 999"),
    ("remove-one", "remove row 2, then put it back (two updates)"),
    (
        "append",
        "append 1,000 rows to 1,000, then remove them again (two updates)",
    ),
    ("clear", "create 1,000 rows, then clear them (two updates)"),
];

/// The benchmark's table size.
pub const ROWS: usize = 1000;

// ---------------------------------------------------------------------------------------
// Where the tables live

/// An off-screen box in the document for the tables whose layout is timed; removed (with
/// them) when the benchmark case that owns it is dropped.
pub struct Stage(Element);

impl Stage {
    /// A stage, not yet in the document: [`Stage::show`] puts it there when its case runs.
    pub fn new() -> Result<Stage, DomError> {
        let doc = document()?;
        let stage = dom_call("createElement", doc.create_element("div"))?;
        // Laid out like any page content, just not where anyone looks.
        let _ = stage.set_attribute(
            "style",
            "position: absolute; left: -100000px; top: 0; width: 960px;",
        );
        let _ = stage.set_attribute("aria-hidden", "true");
        let _ = stage.set_attribute("data-bench-stage", "");
        Ok(Stage(stage))
    }

    /// Puts the stage in the document, alone: the stages of cases that ran before are
    /// taken out.
    pub fn show(&self) {
        show_stage(&self.0);
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// An empty `<table>` for a renderer to fill: inside a stage when layout is timed,
/// detached otherwise. Taken out of the document when dropped.
pub struct TableRoot {
    table: Element,
    staged: bool,
}

impl TableRoot {
    /// A new empty table, in `stage` when there is one.
    pub fn new(stage: Option<&Stage>) -> Result<TableRoot, DomError> {
        let table = dom_call("createElement", document()?.create_element("table"))?;
        if let Some(stage) = stage {
            dom_call("appendChild", stage.0.append_child(&table))?;
        }
        Ok(TableRoot {
            table,
            staged: stage.is_some(),
        })
    }

    /// The `<table>` element, for a renderer to mount into.
    pub fn element(&self) -> Element {
        self.table.clone()
    }

    /// After an update: when staged, the browser brings style and layout up to date at
    /// once (reading `offsetHeight` forces it), the synchronous part of what a person
    /// waits for (all but paint). Detached, nothing.
    pub fn settle(&self) {
        if self.staged {
            black_box(force_layout(&self.table));
        }
    }

    /// The table's `innerHTML`, to compare with what was meant.
    pub fn inner_html(&self) -> String {
        self.table.inner_html()
    }
}

impl Drop for TableRoot {
    fn drop(&mut self) {
        self.table.remove();
    }
}

fn force_layout(element: &Element) -> i32 {
    element
        .dyn_ref::<web_sys::HtmlElement>()
        .map_or(0, web_sys::HtmlElement::offset_height)
}

// ---------------------------------------------------------------------------------------
// The rows every side renders

/// How many different labels the benchmark rows cycle through.
const LABELS: usize = 1000;

thread_local! {
    /// The labels of the benchmark rows, made once with the benchmark's random words.
    static LABEL_POOL: Rc<Vec<String>> = {
        let mut rng = Prng::new(1);
        Rc::new((0..LABELS).map(|_| rows::random_label(&mut rng)).collect())
    };
}

fn label_pool() -> Rc<Vec<String>> {
    LABEL_POOL.with(Rc::clone)
}

/// Rows `first_id..first_id + count`; row `id` is labelled `LABEL_POOL[(id - 1) % 1000]` on
/// every side (ours, a contender's, vanilla JS), so all of them render exactly the same
/// table. With labels drawn at random per side, whether "update every 10th row" widens
/// the label column — and makes the browser lay the whole table out again — would differ
/// between the sides and from run to run.
pub fn pool_rows(first_id: u64, count: usize) -> Vec<rows::Row> {
    let pool = label_pool();
    (0..count as u64)
        .map(|i| {
            let id = first_id.saturating_add(i);
            let slot = usize::try_from((id.saturating_sub(1)) % LABELS as u64).unwrap_or(0);
            rows::Row {
                id,
                label: pool.get(slot).cloned().unwrap_or_default(),
            }
        })
        .collect()
}

/// The label pool as a JS array, for the vanilla side.
fn label_pool_js() -> js_sys::Array {
    label_pool().iter().map(|l| JsValue::from_str(l)).collect()
}

// ---------------------------------------------------------------------------------------
// Our side

/// Our side of one operation, as a framework would run it: a current virtual table, the
/// next one, `diff`, and the patches replayed on a live `<tbody>`.
///
/// `create` and `replace-all` build the next table from fresh rows every time (the JS side
/// makes fresh data too). The other operations flip between virtual tables built once
/// before timing — the table and the table with the operation done — so what is timed
/// there is exactly diff + patch, the part compared with hand-written DOM code.
struct OurTable {
    root: TableRoot,
    /// The tables this operation moves between; `states[at]` is on the page.
    states: Vec<VNode>,
    at: usize,
}

impl OurTable {
    fn current(&self) -> Option<&VNode> {
        self.states.get(self.at)
    }

    /// A fresh table showing `tree`, in `stage` when there is one.
    fn new_root(tree: &VNode, stage: Option<&Stage>) -> Result<TableRoot, DomError> {
        let root = TableRoot::new(stage)?;
        mount(&root.table, tree)?;
        Ok(root)
    }

    /// Patches the page from the current table to `states[to]`.
    fn go(&mut self, to: usize) -> Result<usize, DomError> {
        let (Some(from), Some(next)) = (self.states.get(self.at), self.states.get(to)) else {
            return Err(plain("no such table"));
        };
        let patches = diff(from, next);
        let counts = apply_patches(&self.root.table, &patches)?;
        self.at = to;
        self.root.settle();
        Ok(counts.total())
    }

    /// Renders a freshly built table in place of the current one.
    fn render_new(&mut self, next: VNode) -> Result<usize, DomError> {
        self.states.push(next);
        let last = self.states.len() - 1;
        let calls = self.go(last)?;
        // Keep only the table on the page.
        let kept = self.states.swap_remove(last);
        self.states.clear();
        self.states.push(kept);
        self.at = 0;
        Ok(calls)
    }

    /// One timed step: the DOM calls it made.
    fn run(&mut self, op: &str, stage: Option<&Stage>) -> Result<usize, DomError> {
        match op {
            "create" => {
                // A fresh empty table each time, as the benchmark starts from one.
                let empty = rows::table_body(&[]);
                self.root = OurTable::new_root(&empty, stage)?;
                self.states = vec![empty];
                self.at = 0;
                let next = rows::table_body(&pool_rows(1, ROWS));
                self.render_new(next)
            }
            "replace-all" => {
                let current = self.current().ok_or_else(|| plain("no table"))?;
                let next = rows::table_body(&pool_rows(rows::next_id(current), ROWS));
                self.render_new(next)
            }
            // One update that alternates between the two tables.
            "update-10th" | "swap" => self.go(1 - self.at.min(1)),
            // There and back: the table size stays the same from step to step.
            "remove-one" | "append" | "clear" => Ok(self.go(1)? + self.go(0)?),
            other => Err(plain(format!("unknown operation {other:?}"))),
        }
    }
}

/// A table one WASM side of the benchmark renders into. Built on the first call of its
/// case (see [`table_side`]), then stepped once per timed iteration.
pub trait BenchTable: Sized + 'static {
    /// The starting table for `op`, in `stage` when layout is timed.
    fn new(op: &str, stage: Option<&Stage>) -> Result<Self, DomError>;
    /// Does `op` once (undoing it in the same step where the operation says so).
    fn step(&mut self, op: &str, stage: Option<&Stage>) -> Result<(), DomError>;
}

impl BenchTable for OurTable {
    fn new(op: &str, stage: Option<&Stage>) -> Result<OurTable, DomError> {
        if let Some(stage) = stage {
            stage.show();
        }
        let empty = rows::table_body(&[]);
        let table = |first_id, count| rows::table_body(&pool_rows(first_id, count));
        let states = match op {
            "create" => vec![empty],
            "replace-all" => vec![table(1, ROWS)],
            "update-10th" => {
                let base = table(1, ROWS);
                let updated = rows::update_every_10th(&base);
                vec![base, updated]
            }
            "swap" => {
                let base = table(1, ROWS);
                let swapped = rows::swap_rows(&base, 1, 998);
                vec![base, swapped]
            }
            "remove-one" => {
                let base = table(1, ROWS);
                let removed = rows::remove_row(&base, 1);
                vec![base, removed]
            }
            "append" => vec![table(1, ROWS), table(1, 2 * ROWS)],
            "clear" => vec![empty, table(1, ROWS)],
            other => return Err(plain(format!("unknown operation {other:?}"))),
        };
        let first = states.first().ok_or_else(|| plain("no table"))?;
        Ok(OurTable {
            root: OurTable::new_root(first, stage)?,
            states,
            at: 0,
        })
    }

    fn step(&mut self, op: &str, stage: Option<&Stage>) -> Result<(), DomError> {
        black_box(self.run(op, stage)?);
        Ok(())
    }
}

/// Runs one benchmark step of our side outside the harness (for tests): the DOM calls it
/// made and the table's `innerHTML` afterwards, next to `render_html` of our virtual table.
/// `staged`: with the table in the document and layout forced, as the layout cases run.
pub fn run_our_step(op: &str, staged: bool) -> Result<(usize, String, String), DomError> {
    let stage = staged.then(Stage::new).transpose()?;
    let mut table = <OurTable as BenchTable>::new(op, stage.as_ref())?;
    let calls = table.run(op, stage.as_ref())?;
    let expected = table.current().map(VNode::render_html).unwrap_or_default();
    Ok((calls, table.root.inner_html(), expected))
}

/// Runs one vanilla-JS step (for tests): the number the JS case returns.
pub fn run_vanilla_step(op: &str, rows: u32) -> Result<f64, DomError> {
    let f = make_vanilla_case(op, rows, None, &label_pool_js())
        .map_err(|e| plain(js_error_message(&e)))?;
    let value = f
        .call0(&JsValue::NULL)
        .map_err(|e| plain(js_error_message(&e)))?;
    value
        .as_f64()
        .ok_or_else(|| plain("the JS case returned no number"))
}

/// The WASM side of a case: `op` on a `T` table, built on the first call, which the
/// harness's warm-up makes (building all the 1,000-row tables up front would freeze the
/// page for a moment at "Run"). The stage lives, its tables in the document, as long as
/// the case.
pub fn table_side<T: BenchTable>(op: &'static str, stage: Option<Stage>) -> Side {
    let mut table: Option<T> = None;
    Side::wasm(move || {
        let stage = stage.as_ref();
        if table.is_none() {
            table = T::new(op, stage).ok();
        }
        if let Some(table) = table.as_mut() {
            black_box(table.step(black_box(op), stage).ok());
        }
    })
}

// ---------------------------------------------------------------------------------------
// The cases

/// Another WASM renderer timed on the same operations as ours. `app` supplies Yew's.
#[derive(Clone, Copy)]
pub struct Contender {
    /// Appended to its case names: `"/yew"` makes `vdom/swap/1000/yew`.
    pub suffix: &'static str,
    /// Who does operation `op`, for the case label: `"Yew re-render"`.
    pub who: fn(op: &str) -> &'static str,
    /// Its WASM side of `op`, with its tables in `stage` (layout timed) or detached:
    /// usually [`table_side`] of its [`BenchTable`].
    pub side: fn(op: &'static str, stage: Option<Stage>) -> Side,
}

thread_local! {
    static CONTENDERS: RefCell<Vec<Contender>> = const { RefCell::new(Vec::new()) };
}

/// Makes [`bench_cases`], and with it the Bench tab's suite (`web::suite`, which cannot
/// name the app), include `contender`'s cases. The app adds Yew's when it starts; adding
/// a contender with the same suffix again replaces it.
pub fn add_contender(contender: Contender) {
    CONTENDERS.with(|all| {
        let mut all = all.borrow_mut();
        all.retain(|c| c.suffix != contender.suffix);
        all.push(contender);
    });
}

/// How a benchmark case times its update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Timing {
    /// The script alone, on a detached table.
    Script,
    /// The table in the document, and style + layout forced after every update: what
    /// js-framework-benchmark counts, minus paint.
    Layout,
}

/// How many cases [`bench_cases_with`] makes for `contenders` contenders.
pub fn case_count(contenders: usize) -> usize {
    OPERATIONS.len() * TIMINGS.len() * (1 + contenders)
}

const TIMINGS: [Timing; 2] = [Timing::Script, Timing::Layout];

/// The cases of [`bench_cases_with`] for the contenders added with [`add_contender`].
pub fn bench_cases() -> Vec<BenchCase> {
    let contenders = CONTENDERS.with(|all| all.borrow().clone());
    bench_cases_with(&contenders)
}

/// For every operation in [`OPERATIONS`], our diff+patch (WASM), then each contender's
/// side (WASM), against the same operation written as js-framework-benchmark's vanilla-js
/// writes it (JS), twice: `vdom/<op>/1000` times the script alone on detached tables,
/// `vdom/<op>/1000+layout` puts the tables in the document and forces style and layout
/// after every update. A contender's cases end in its suffix. Cases whose setup fails
/// report it when run.
pub fn bench_cases_with(contenders: &[Contender]) -> Vec<BenchCase> {
    let labels = label_pool_js();
    let ours = Contender {
        suffix: "",
        who: |_| "our diff+patch",
        side: table_side::<OurTable>,
    };
    let mut cases = Vec::new();
    for timing in TIMINGS {
        for contender in std::iter::once(&ours).chain(contenders) {
            cases.extend(
                OPERATIONS
                    .iter()
                    .map(|&(op, label)| case(op, label, timing, contender, &labels)),
            );
        }
    }
    cases
}

fn case(
    op: &'static str,
    label: &str,
    timing: Timing,
    contender: &Contender,
    labels: &js_sys::Array,
) -> BenchCase {
    let config = BenchConfig {
        warmup_ms: 100.0,
        min_sample_ms: 20.0,
        samples: 9,
        max_iterations: 512,
    };
    let start_rows = if op == "create" || op == "clear" {
        0
    } else {
        ROWS
    };
    let failing = |message: &str| {
        Side::Js(js_sys::Function::new_no_args(&format!(
            "throw new Error({message:?})"
        )))
    };
    let stage = match timing {
        Timing::Script => Ok(None),
        Timing::Layout => Stage::new().map(Some),
    };
    let (stage, setup_error) = match stage {
        Ok(stage) => (stage, None),
        Err(e) => (None, Some(e.message)),
    };
    let stage_element = stage.as_ref().map(|s| s.0.clone());
    let js = match (
        &setup_error,
        make_vanilla_case(op, start_rows as u32, stage_element.as_ref(), labels),
    ) {
        (Some(message), _) => failing(message),
        (None, Ok(f)) => Side::Js(f),
        (None, Err(e)) => failing(&js_error_message(&e)),
    };
    let wasm = (contender.side)(op, stage);
    let (suffix, how) = match timing {
        Timing::Script => ("", "script only, detached table"),
        Timing::Layout => ("+layout", "in the document, style and layout included"),
    };
    BenchCase {
        name: format!("vdom/{op}/{ROWS}{suffix}{}", contender.suffix),
        label: format!(
            "{label} ({} vs vanilla JS DOM code; {how})",
            (contender.who)(op)
        ),
        wasm,
        js,
        config,
    }
}
