//! The virtual DOM meets the real one: build live nodes from a [`VNode`], replay a patch
//! list from [`crate::lab::vdom::diff`] on them (counting every DOM call by kind), count
//! what a `MutationObserver` sees change, and time our diff+patch against plain
//! JavaScript DOM code.
//!
//! | module | what |
//! |---|---|
//! | [`patch`] | building and patching live nodes: one patch at a time through web-sys, or a whole list in one call into `src/web/js/vdom.js` (the batched patcher, fed by [`crate::lab::vdom::encode`]) |
//! | [`pane`] | the tab's live pane: a tree stepped through a patch list, with the calls it made and what changed |
//! | [`count`] | [`Watch`]: a `MutationObserver` tally, the yardstick for any renderer |
//! | [`bench`] | js-framework-benchmark's operations on 1,000 keyed rows, ours against vanilla JS, with room for another renderer's side (Yew's, from the app) |
//!
//! [`VNode`]: crate::lab::vdom::VNode

pub mod bench;
pub mod count;
pub mod pane;
pub mod patch;

pub use crate::lab::vdom::DomCounts;
pub use bench::{
    BenchTable, Contender, OPERATIONS, ROWS, Stage, TableRoot, add_contender, bench_cases,
    bench_cases_with, case_count, pool_rows, run_our_step, run_vanilla_step, table_side,
};
pub use count::{Mutations, Watch};
pub use pane::LivePane;
pub use patch::{
    DomError, TOUCHED_ATTRIBUTE, apply_patch, apply_patches, apply_patches_counted,
    apply_patches_one_by_one, create_dom, inner_html, mark_touched, mount, resolve, unmark,
};
