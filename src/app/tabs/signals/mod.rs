//! The Signals tab (`#/signals`): the glitch demo, fine-grained vs component
//! re-rendering, a live spreadsheet on our reactive runtime, and the benchmark.

mod counters;
mod diamond;
mod sheet;

use stylist::yew::use_style;
use yew::prelude::*;

use crate::app::widgets::{BenchPanel, SourceView};
use crate::web::signals::bench_cases;

#[component]
pub fn SignalsTab() -> Html {
    let style = use_style!(
        r#"
        .card { margin-bottom: 1rem; }
        .card h3 { margin: 0 0 0.5rem; font-size: 1.1rem; }
        h4 { margin: 0.5rem 0 0.35rem; font-size: 0.98rem; }
        .bad { color: var(--bad); }
        .sig-controls { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0 0.25rem; }
        .sig-controls input { width: 9rem; font: inherit; padding: 0.3rem 0.45rem; }
        .sig-log { min-width: 0; }
        .sig-summary { font-weight: 600; margin: 0.25rem 0 0.5rem; }
        .sig-runs { list-style: none; margin: 0; padding: 0; font-size: 0.9rem; }
        .sig-run {
            display: flex; flex-wrap: wrap; gap: 0.2rem 0.6rem; align-items: baseline;
            padding: 0.3rem 0.45rem; border-left: 4px solid var(--ok);
            border-bottom: 1px solid var(--border);
        }
        .sig-run code { font-family: var(--mono); overflow-wrap: anywhere; }
        .sig-write { color: var(--muted); min-width: 7.5rem; }
        .sig-verdict { color: var(--ok); font-size: 0.85rem; }
        .sig-run.sig-glitch { border-left-color: var(--bad); background: var(--bad-soft); }
        .sig-run.sig-glitch .sig-verdict { color: var(--bad); font-weight: 600; }
        .sig-counter { min-width: 0; }
        .sig-big { font-size: 1.5rem; margin: 0.25rem 0 0.5rem; }
        .sig-value { display: inline-block; min-width: 2ch; padding: 0 0.3rem; border-radius: 4px; font-family: var(--mono); font-weight: 700; }
        .sig-facts { margin: 0.5rem 0 0; padding-left: 1.1rem; font-size: 0.9rem; }
        .sig-flash, .sig-cell-flash { animation: sig-flash-kf 0.9s ease-out; }
        @keyframes sig-flash-kf {
            0% { background: var(--js); color: #111; }
            100% { background: transparent; }
        }
        .sig-toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0.5rem 0; }
        .sig-check { display: inline-flex; align-items: center; gap: 0.25rem; }
        .sig-formula-bar {
            display: flex; gap: 0.5rem; align-items: center; padding: 0.35rem 0.5rem;
            border: 1px solid var(--border); border-radius: 6px; background: var(--code-bg);
            min-width: 0;
        }
        .sig-formula-bar code { font-family: var(--mono); overflow-wrap: anywhere; min-width: 0; }
        .sig-cell-name { font-weight: 700; min-width: 2.5rem; }
        .sig-status { margin: 0.4rem 0 0.2rem; font-weight: 500; overflow-wrap: anywhere; }
        .sig-grid-scroll { overflow-x: auto; max-width: 100%; margin-top: 0.5rem; border: 1px solid var(--border); border-radius: 6px; }
        .sig-grid { border-collapse: collapse; font-size: 0.88rem; table-layout: fixed; }
        .sig-grid:focus { outline: none; }
        .sig-grid:focus-visible .selected, .sig-grid:focus .selected { outline: 2px solid var(--accent); outline-offset: -2px; }
        .sig-grid th {
            background: var(--code-bg); color: var(--muted); font-weight: 600;
            padding: 0.2rem 0.3rem; border: 1px solid var(--border); font-size: 0.8rem;
        }
        .sig-grid tbody th { width: 2.2rem; text-align: right; }
        .sig-cell {
            position: relative; width: 6.2rem; min-width: 6.2rem; max-width: 6.2rem; height: 1.7rem;
            padding: 0 0.3rem; border: 1px solid var(--border); cursor: cell;
            white-space: nowrap; overflow: hidden; text-overflow: ellipsis; background: var(--surface);
        }
        .sig-cell.num { text-align: right; font-variant-numeric: tabular-nums; }
        .sig-cell.error { color: var(--bad); font-weight: 600; }
        .sig-cell.selected { box-shadow: inset 0 0 0 2px var(--accent); background: var(--accent-soft); }
        .sig-cell-input {
            width: 100%; box-sizing: border-box; font: inherit; font-family: var(--mono);
            border: 0; padding: 0.1rem 0.15rem; background: var(--surface); color: var(--text);
        }
        .sig-grid.with-counts .sig-cell { padding-right: 1.5rem; }
        .sig-count {
            position: absolute; right: 2px; top: 2px; font-size: 0.62rem; line-height: 1;
            color: var(--accent); font-weight: 700; padding: 1px 2px; background: var(--surface);
        }
        .sig-graph { margin: 1rem 0 0; }
        .sig-graph figcaption { font-size: 0.9rem; margin-bottom: 0.35rem; }
        .sig-graph svg { width: 100%; max-width: 34rem; height: auto; display: block; }
        .sig-gnode rect { fill: var(--surface); stroke: var(--border); stroke-width: 1.5; }
        .sig-gnode.self rect { fill: var(--accent-soft); stroke: var(--accent); stroke-width: 2; }
        .sig-gnode.dep rect { stroke: var(--wasm); }
        .sig-gnode.dependent rect { stroke: var(--js); }
        .sig-gnode text { fill: var(--text); font-size: 11px; font-family: var(--mono); }
        .sig-gedge { stroke: var(--muted); stroke-width: 1.3; }
        .sig-arrowhead { fill: var(--muted); }
        .sig-gmore { fill: var(--muted); font-size: 11px; }
        "#
    );
    let make_cases = Callback::from(|_: ()| bench_cases());
    html! {
        <div class={style}>
            <h2>{ "Signals" }</h2>
            <p>
                { "A signal is a value that knows who read it. Memos derive values from signals, effects act on them, and nobody lists dependencies: they are recorded while code runs. When a signal changes, our runtime first pushes “dirty” marks downstream, then pulls fresh values only where something needs them, so every node runs at most once per change and never sees a half-updated graph. That is how Leptos, Sycamore and Solid update one DOM node instead of re-rendering a component, and in WASM it means fewer calls across the boundary into the DOM." }
            </p>
            <diamond::DiamondDemo />
            <counters::Counters />
            <sheet::SheetView />
            <section class="card" aria-labelledby="sig-bench-h">
                <h3 id="sig-bench-h">{ "4. Measured: our runtime in WASM vs a JavaScript signals library" }</h3>
                <p class="note">
                    { "The js-reactivity-benchmark graphs (deep and broad propagation, diamond, triangle, mux, repeated observers, unstable, avoidable propagation, cellx 1000), built once on our runtime and once on a ~150-line push-pull JavaScript library with the same semantics (src/web/js/signals.js, Reactively’s three colours). Each iteration runs the benchmark’s writes and reads and checks the values it asserts. Whichever side wins, the numbers are what this browser measured." }
                </p>
                <BenchPanel {make_cases} button="Run the signals benchmark" />
            </section>
            <section class="card" aria-labelledby="sig-src-h">
                <h3 id="sig-src-h">{ "Show the Rust" }</h3>
                <SourceView path="src/lab/signals/graph.rs" region="mark" summary="Push: marking Dirty and Check, without recursion" />
                <SourceView path="src/lab/signals/graph.rs" region="pull" summary="Pull: bringing a node up to date" />
                <SourceView path="src/lab/signals/sheet/mod.rs" region="eval" summary="The spreadsheet: evaluating a formula inside a memo" />
                <SourceView path="src/lab/signals/seed.rs" summary="The seed’s naive signal and the two diamonds" />
            </section>
        </div>
    }
}
