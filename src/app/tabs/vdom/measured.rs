//! The benchmark card: js-framework-benchmark's operations on 1,000 keyed rows, ours and
//! Yew's against vanilla JavaScript.

use yew::prelude::*;

use crate::app::widgets::BenchPanel;
use crate::lab::fmt::count;
use crate::web::vdom::case_count;

#[component]
pub(super) fn Measured() -> Html {
    let cases = count(case_count(1), "case", "cases");
    let description = format!(
        "{cases}, about a minute in all (more on a slow machine). Between cases the page answers again; while a Yew case with layout runs, it can pause for up to a second."
    );
    html! {
        <section class="card" aria-labelledby="vdom-bench-title">
            <h3 id="vdom-bench-title">{ "Measured: js-framework-benchmark operations on 1,000 keyed rows" }</h3>
            <p class="note">
                { "Each operation is done three ways. Ours (WASM): diff the current virtual table against the next one and replay the patches with the batched patcher; create and replace-all build the next table from fresh rows, the other operations flip between two tables built before timing, so their time is exactly diff + patch. " }
                { "Yew (WASM, rows ending in /yew): a keyed Yew component given the new rows as props, rendered at once with yew::scheduler::flush. " }
                { "JS: the same operation as js-framework-benchmark's vanilla-js entry writes it (cloneNode of a row template, direct insertBefore/removeChild). Operations that would change the table size undo themselves in the same step, on every side." }
            </p>
            <p class="note">
                { "Rows named …/1000 time the script alone, on tables outside the page. Rows named …/1000+layout put every table in the page and make the browser recompute style and layout after each update (by reading offsetHeight): what js-framework-benchmark counts, except paint, and what a person waits for. " }
                { "Script alone shows the price of a virtual DOM on small updates: the vanilla code touches two rows, a diff compares all 1,000. Counted with the browser's own work, that price becomes a small part of the whole. Whichever wins, the numbers are what this browser measured." }
            </p>
            <BenchPanel
                make_cases={Callback::from(|_| super::bench_cases())}
                description={AttrValue::from(description)}
            />
        </section>
    }
}
