//! The Compute tab (`#/compute?n=…`): Fibonacci numbers exact to the last digit, three
//! algorithms side by side, where machine numbers stop being exact (u64 after F(93),
//! JavaScript's Number after F(78)), and WASM measured against JavaScript.
//!
//! Long work never runs on the main thread: exact values above [`MAIN_THREAD_MAX_N`]
//! and naive recursions above [`NAIVE_INLINE_MAX_N`] go to a Web Worker
//! ([`crate::app::hooks::use_worker_job`]) with progress and a Cancel button.
//!
//! | file | section |
//! |---|---|
//! | `input.rs` | choosing n (text, slider, presets) |
//! | `value.rs` | F(n) as a u64 and exact, with the worker job (`use_exact_value`) |
//! | `digits.rs` | long numbers that wrap only between digit groups; copy and download |
//! | `algorithms.rs`, `naive.rs` | the three algorithms, timed here |
//! | `precision.rs` | the same loop in JavaScript: where `Number` goes wrong |

mod algorithms;
mod digits;
mod input;
mod naive;
mod precision;
mod value;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::Route;
use crate::app::hooks::use_query_state;
use crate::app::widgets::BenchPanel;
use crate::lab::compute::parse_n;
use crate::web::compute as glue;

/// Exact values up to here are computed on the main thread: F(50,000) takes a few
/// milliseconds in WASM. Above it, a worker.
pub const MAIN_THREAD_MAX_N: u32 = 50_000;
/// The naive recursion runs inline up to here (2.7 million calls, ~10 ms); from here
/// to [`crate::lab::compute::FIB_NAIVE_MAX_N`] only in a worker, on request.
pub const NAIVE_INLINE_MAX_N: u32 = 30;
const DEFAULT_N: u32 = 90;

/// The tab's state in the URL: `#/compute?n=1000`. Links written before n was
/// normalised (`?n=1,000`) still read: [`parse_n`] skips separators.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComputeQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
}

#[component]
pub fn ComputeTab() -> Html {
    let query = use_query_state::<ComputeQuery>(Route::Compute);
    // The URL is read when the tab opens; after that the input writes it.
    let raw = use_state(|| query.n.clone().unwrap_or_else(|| DEFAULT_N.to_string()));
    let n = use_state(|| parse_n(&raw).unwrap_or(DEFAULT_N));
    let on_text = {
        let (raw, n) = (raw.clone(), n.clone());
        Callback::from(move |text: String| {
            if let Ok(value) = parse_n(&text) {
                n.set(value);
                query.replace(ComputeQuery {
                    n: Some(value.to_string()),
                });
            }
            raw.set(text);
        })
    };
    let error = parse_n(&raw).err().map(|e| e.to_string());
    let exact = value::use_exact_value(*n);
    let exact_digits = exact.digits_for(*n);

    html! {
        <div>
            <h2>{ "Compute: exact Fibonacci numbers" }</h2>
            <p>
                { "Pure computation is where WebAssembly is meant to shine: no DOM, no boundary crossings, just \
                   arithmetic. Fibonacci numbers teach the two lessons that matter more than the language: an \
                   exponential algorithm stays slow in any language, and fixed-size numbers have edges — a " }
                <code>{ "u64" }</code>{ " overflows after F(93), JavaScript's " }<code>{ "Number" }</code>
                { " silently rounds after F(78). Here every digit is exact (fast doubling over big integers, up to \
                   n = 1,000,000), and each claim is computed or measured in this page." }
            </p>

            <div class="split">
                <input::ChooseN raw={(*raw).clone()} n={*n} {error} {on_text} />
                <value::ValueCard n={*n} {exact} />
            </div>

            <algorithms::Algorithms n={*n} />

            <precision::Precision n={*n} exact={exact_digits} />

            <section class="block" aria-labelledby="fib-bench-title">
                <h3 id="fib-bench-title">{ "WASM vs JavaScript, measured here" }</h3>
                <BenchPanel make_cases={Callback::from(|_| glue::bench_cases())}
                            description={Some(AttrValue::from(
                                "The same algorithms in Rust (compiled to WASM) and in JavaScript, timed in this page. \
                                 Naive recursion is pure call overhead; the iterative case is many small calls; the big \
                                 cases are multiplication of huge integers (num-bigint vs the browser's own BigInt, \
                                 which is written in C++). Expect JavaScript to win some of these."))} />
            </section>
        </div>
    }
}

/// A measured time; 0 means the browser's clock (coarsened to ~1 ms or more for privacy)
/// did not tick, which is not the same as "free".
fn time_text(ms: f64) -> String {
    if ms > 0.0 {
        crate::lab::fmt::duration_ms(ms)
    } else {
        "too fast for this browser's clock".into()
    }
}
