//! "Three algorithms for F(n)": the naive recursion (its own card, `naive.rs`), the
//! iterative loop and fast doubling, each with its result, its work and its time here.

use yew::prelude::*;

use super::digits::breakable_grouped;
use super::naive::NaiveCard;
use super::time_text;
use crate::app::widgets::SourceView;
use crate::lab::compute::{self as lab, FIB_U64_MAX_N};
use crate::lab::fmt::grouped;
use crate::web::compute::time_per_call;

#[derive(Properties, PartialEq)]
pub struct AlgorithmsProps {
    pub n: u32,
}

#[component]
pub fn Algorithms(props: &AlgorithmsProps) -> Html {
    let n = props.n;
    // The fast algorithms are timed by repetition (one call is below the clock's grain).
    let times = use_memo(n, |&n| {
        let iterative = time_per_call(2.0, 1 << 16, || {
            std::hint::black_box(lab::fib_iterative(std::hint::black_box(n)));
        });
        let doubling = time_per_call(2.0, 1 << 16, || {
            std::hint::black_box(lab::fib_fast_doubling(std::hint::black_box(n)));
        });
        (iterative, doubling)
    });
    html! {
        <section class="block" aria-labelledby="fib-algos-title">
            <h3 id="fib-algos-title">{ format!("Three algorithms for F({})", grouped(n)) }</h3>
            <p>
                { "All three run here, compiled to WebAssembly. WASM is at most a small factor faster or slower \
                   than JavaScript (see the measurements below); the naive recursion is slower than fast doubling \
                   by a factor that grows without bound. Complexity beats language speed." }
            </p>
            <div class="algos">
                <NaiveCard {n} />
                <article class="card" id="algo-iterative">
                    <h4>{ "Iterative" }</h4>
                    <p class="complexity">{ "O(n) additions" }</p>
                    <dl class="facts">
                        <dt>{ "result" }</dt><dd>{ u64_result(lab::fib_iterative(n)) }</dd>
                        <dt>{ "work" }</dt><dd>{ format!("{} additions", grouped(n.saturating_sub(1).min(FIB_U64_MAX_N))) }
                            if n > FIB_U64_MAX_N { { " (stops at the overflow)" } }</dd>
                        <dt>{ "time here" }</dt><dd>{ time_text(times.0) }</dd>
                    </dl>
                    <SourceView path="src/lab/compute.rs" region="iterative" />
                </article>
                <article class="card" id="algo-doubling">
                    <h4>{ "Fast doubling" }</h4>
                    <p class="complexity">{ "O(log n) steps" }</p>
                    <dl class="facts">
                        <dt>{ "result" }</dt><dd>{ u64_result(lab::fib_fast_doubling(n)) }</dd>
                        <dt>{ "work" }</dt><dd>{ format!("{} doubling steps", 32 - n.leading_zeros()) }</dd>
                        <dt>{ "time here" }</dt><dd>{ time_text(times.1) }</dd>
                    </dl>
                    <SourceView path="src/lab/compute.rs" region="fast_doubling" />
                </article>
            </div>
        </section>
    }
}

fn u64_result(value: Option<u64>) -> Html {
    match value {
        Some(v) => breakable_grouped(&grouped(v)),
        None => html! { <span class="bad-text">{ "None (does not fit in u64)" }</span> },
    }
}
