//! The Signals tab (`#/signals`): the glitch demo, fine-grained vs component
//! re-rendering, a live spreadsheet on our reactive runtime, and the benchmark.

mod counters;
mod diamond;
mod sheet;

use yew::prelude::*;

use crate::app::widgets::{BenchPanel, SourceView};
use crate::web::signals::bench_cases;

#[component]
pub fn SignalsTab() -> Html {
    let make_cases = Callback::from(|_: ()| bench_cases());
    html! {
        <div class="signals">
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
                <SourceView path="src/lab/signals/naive.rs" summary="A naive signal and the two diamonds" />
            </section>
        </div>
    }
}
