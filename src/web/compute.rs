//! Browser glue for the Compute tab: the JavaScript versions of the Fibonacci loops
//! (`js/compute.js`), the WASM-vs-JS benchmark cases, and the Web Worker that computes
//! big Fibonacci numbers off the main thread.
//!
//! ## The worker
//! Trunk builds `src/bin/fib_worker.rs` as a second WASM module
//! (`<link data-trunk rel="rust" data-bin="fib_worker" data-type="worker"
//! data-bindgen-target="web" data-loader-shim>` in index.html) and writes
//! `fib_worker.js`, `fib_worker_bg.wasm` and the loader `fib_worker_loader.js`, which
//! imports and starts it. The page starts it as a *module* worker from a URL relative
//! to the document, so it works under any sub-path (GitHub Pages).
//!
//! The protocol is one job per worker: the worker posts [`WorkerMessage::Ready`] once
//! its WASM is running (messages posted before that could be lost), the page replies
//! with one [`Job`], the worker posts progress and then one result. Cancelling is
//! `Worker.terminate()`: a computation inside WASM cannot be interrupted from outside,
//! but a whole worker can, at once, without the page waiting for anything.

use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::bench::{BenchCase, BenchConfig, Side};
use super::error::js_error_message;
use crate::lab::compute;
use crate::lab::fmt::grouped;

#[wasm_bindgen(module = "/src/web/js/compute.js")]
extern "C" {
    /// The iterative loop with JavaScript `Number`.
    #[wasm_bindgen(js_name = fibNumber)]
    pub fn js_fib_number(n: u32) -> f64;
    /// Every digit of the integer a `Number` holds (or "Infinity").
    #[wasm_bindgen(js_name = numberAsExactDigits)]
    pub fn js_number_as_exact_digits(x: f64) -> String;
    /// How JavaScript prints a `Number` (`String(x)`).
    #[wasm_bindgen(js_name = numberToString)]
    pub fn js_number_to_string(x: f64) -> String;
    /// F(n) by fast doubling with `BigInt`, as decimal digits.
    #[wasm_bindgen(js_name = fibBigIntDecimal)]
    pub fn js_fib_bigint_decimal(n: u32) -> String;
    /// The first n where the `Number` loop differs from the `BigInt` loop.
    #[wasm_bindgen(js_name = firstNumberWrongN)]
    pub fn js_first_number_wrong_n() -> i32;
    #[wasm_bindgen(js_name = makeNaiveCase)]
    fn make_naive_case(n: u32) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeIterativeNumberCase)]
    fn make_iterative_number_case(max_n: u32) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeIterativeBigIntCase)]
    fn make_iterative_bigint_case(max_n: u32) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeBigCase)]
    fn make_big_case(n: u32) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeBigDecimalCase)]
    fn make_big_decimal_case(n: u32) -> js_sys::Function;
}

/// n of the naive recursive benchmark: 242,785 calls, about a millisecond.
pub const BENCH_NAIVE_N: u32 = 25;
/// The iterative benchmark computes F(0) … F(this) per iteration (all fit in u64 and
/// all but the last 12 are exact in a JS `Number`).
pub const BENCH_ITERATIVE_MAX_N: u32 = 90;
/// n of the big-integer benchmarks.
pub const BENCH_BIG_NS: [u32; 2] = [10_000, 100_000];

/// The WASM-vs-JS pairs of the Compute tab, also run by the Bench tab. Each JS side
/// runs the same algorithm on JavaScript's own numbers.
pub fn bench_cases() -> Vec<BenchCase> {
    let light = BenchConfig::default();
    let big = BenchConfig {
        warmup_ms: 60.0,
        min_sample_ms: 20.0,
        samples: 9,
        max_iterations: 1 << 12,
    };
    let mut cases = vec![
        BenchCase {
            name: format!("compute/naive/n={BENCH_NAIVE_N}"),
            label: format!(
                "Naive recursive F({BENCH_NAIVE_N}): {} calls (u64 vs Number)",
                grouped(compute::naive_call_count(BENCH_NAIVE_N).unwrap_or(0))
            ),
            wasm: Side::wasm(|| {
                black_box(compute::fib_naive(black_box(BENCH_NAIVE_N)));
            }),
            js: Side::Js(make_naive_case(BENCH_NAIVE_N)),
            config: light,
        },
        BenchCase {
            name: format!("compute/iterative-number/n=0..={BENCH_ITERATIVE_MAX_N}"),
            label: format!(
                "Iterative F(0)…F({BENCH_ITERATIVE_MAX_N}), {} calls: u64 vs JS Number (inexact past 78)",
                BENCH_ITERATIVE_MAX_N + 1
            ),
            wasm: Side::wasm(iterative_many),
            js: Side::Js(make_iterative_number_case(BENCH_ITERATIVE_MAX_N)),
            config: light,
        },
        BenchCase {
            name: format!("compute/iterative-bigint/n=0..={BENCH_ITERATIVE_MAX_N}"),
            label: format!("Iterative F(0)…F({BENCH_ITERATIVE_MAX_N}): u64 vs JS BigInt (exact)"),
            wasm: Side::wasm(iterative_many),
            js: Side::Js(make_iterative_bigint_case(BENCH_ITERATIVE_MAX_N)),
            config: light,
        },
    ];
    for n in BENCH_BIG_NS {
        cases.push(BenchCase {
            name: format!("compute/big/n={n}"),
            label: format!(
                "Big F({}) by fast doubling: num-bigint vs JS BigInt",
                grouped(n)
            ),
            wasm: Side::wasm(move || {
                black_box(compute::fib_big(black_box(n)).ok());
            }),
            js: Side::Js(make_big_case(n)),
            config: big,
        });
    }
    let n = BENCH_BIG_NS[1];
    cases.push(BenchCase {
        name: format!("compute/big-decimal/n={n}"),
        label: format!(
            "Big F({}) and its {} decimal digits: fibonacci_decimal vs BigInt toString",
            grouped(n),
            grouped(20_899)
        ),
        wasm: Side::wasm(move || {
            black_box(compute::fibonacci_decimal(black_box(n)));
        }),
        js: Side::Js(make_big_decimal_case(n)),
        config: big,
    });
    cases
}

fn iterative_many() {
    let mut acc = 0u64;
    for n in 0..=BENCH_ITERATIVE_MAX_N {
        acc = acc.wrapping_add(compute::fib_iterative(black_box(n)).unwrap_or(0));
    }
    black_box(acc);
}

/// Milliseconds per call of `f`: calls it 1, 2, 4, … times until one batch takes about
/// `budget_ms` (browsers coarsen the clock to ~1 ms, so one call of a fast function
/// reads as 0) or `max_calls` is reached. The cap keeps it bounded even where the clock
/// does not move at all (privacy modes, headless virtual time).
pub fn time_per_call(budget_ms: f64, max_calls: u32, mut f: impl FnMut()) -> f64 {
    let now = super::bench::now_ms;
    let mut batch = 1u32;
    loop {
        let t0 = now();
        for _ in 0..batch {
            f();
        }
        let elapsed = now() - t0;
        if elapsed >= budget_ms || batch >= max_calls {
            return elapsed / f64::from(batch);
        }
        batch = batch.saturating_mul(2).min(max_calls.max(1));
    }
}

/// What the page asks the worker to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Job {
    /// Every decimal digit of F(n) ([`compute::fibonacci_decimal_checked`]).
    Exact { n: u32 },
    /// F(n) by the naive recursion, with its call count ([`compute::fib_naive`]).
    Naive { n: u32 },
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum WorkerMessage {
    /// The worker's WASM is running and listening.
    Ready,
    /// `done` of `total` units of work (steps, or naive calls), and what it is doing.
    Progress {
        done: f64,
        total: f64,
        stage: String,
    },
    Exact {
        n: u32,
        digits: String,
        /// Fast doubling over big integers.
        compute_ms: f64,
        /// Binary to decimal digits.
        convert_ms: f64,
    },
    Naive {
        n: u32,
        value: u64,
        calls: u64,
        ms: f64,
    },
    Failed {
        message: String,
    },
}

// ---------------------------------------------------------------- worker side

/// The worker binary's entry point: listen for one job at a time and answer it.
pub fn worker_main() {
    // A panic reaches the console with its message; the page sees the worker's error event.
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let post = |message: &WorkerMessage| worker_post(&reply_scope, message);
            match serde_wasm_bindgen::from_value::<Job>(event.data()) {
                Ok(job) => run_job(job, &post),
                Err(error) => post(&WorkerMessage::Failed {
                    message: format!("the worker did not understand the job: {error}"),
                }),
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its global scope: so does its handler.
    on_message.forget();
    worker_post(&scope, &WorkerMessage::Ready);
}

fn worker_post(scope: &web_sys::DedicatedWorkerGlobalScope, message: &WorkerMessage) {
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        // Posting only fails for uncloneable values; ours are plain objects.
        let _ = scope.post_message(&value);
    }
}

/// `performance.now()` in a worker (there is no `window` there).
fn worker_now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Runs one job, reporting through `post`. Public so the work itself can be tested
/// without a worker.
pub fn run_job(job: Job, post: &dyn Fn(&WorkerMessage)) {
    match job {
        Job::Exact { n } => {
            if n > compute::FIB_DECIMAL_MAX_N {
                let message = compute::FibError::TooLarge {
                    n,
                    max: compute::FIB_DECIMAL_MAX_N,
                }
                .to_string();
                post(&WorkerMessage::Failed { message });
                return;
            }
            post(&WorkerMessage::Progress {
                done: 0.0,
                total: 2.0,
                stage: "fast doubling over big integers".into(),
            });
            let t0 = worker_now();
            let value = match compute::fib_big(n) {
                Ok(value) => value,
                Err(error) => {
                    post(&WorkerMessage::Failed {
                        message: error.to_string(),
                    });
                    return;
                }
            };
            let t1 = worker_now();
            post(&WorkerMessage::Progress {
                done: 1.0,
                total: 2.0,
                stage: "converting to decimal digits".into(),
            });
            let digits = value.to_string();
            let t2 = worker_now();
            post(&WorkerMessage::Exact {
                n,
                digits,
                compute_ms: t1 - t0,
                convert_ms: t2 - t1,
            });
        }
        Job::Naive { n } => {
            let Some(total) =
                compute::naive_call_count(n).filter(|_| n <= compute::FIB_NAIVE_MAX_N)
            else {
                post(&WorkerMessage::Failed {
                    message: format!(
                        "n = {n} is above {}, the limit of the naive recursion",
                        compute::FIB_NAIVE_MAX_N
                    ),
                });
                return;
            };
            // Unroll the top of the recursion so there are points to report progress at;
            // every call still happens (see naive_split).
            let (internal, leaves) = compute::naive_split(n, 10);
            let t0 = worker_now();
            let (mut value, mut calls) = (0u64, internal);
            let mut last_post = t0;
            for leaf in leaves {
                let Some((v, c)) = compute::fib_naive(leaf) else {
                    continue;
                };
                value += v;
                calls += c;
                let now = worker_now();
                if now - last_post > 50.0 {
                    last_post = now;
                    post(&WorkerMessage::Progress {
                        done: calls as f64,
                        total: total as f64,
                        stage: "naive recursive calls".into(),
                    });
                }
            }
            post(&WorkerMessage::Naive {
                n,
                value,
                calls,
                ms: worker_now() - t0,
            });
        }
    }
}

// ---------------------------------------------------------------- page side

thread_local! {
    static WORKER_URL_OVERRIDE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the worker script URL (`None`: back to the Trunk-built one). The browser
/// tests use it, since wasm-bindgen-test does not run Trunk.
pub fn set_worker_url(url: Option<String>) {
    WORKER_URL_OVERRIDE.with(|cell| *cell.borrow_mut() = url);
}

/// `fib_worker_loader.js` next to index.html, resolved against the document, so the
/// page works under a sub-path such as `/wasm-playground/`.
pub fn worker_url() -> Result<String, String> {
    if let Some(url) = WORKER_URL_OVERRIDE.with(|cell| cell.borrow().clone()) {
        return Ok(url);
    }
    let base = super::dom::document()
        .and_then(|d| d.base_uri().ok().flatten())
        .ok_or("the page has no base address")?;
    web_sys::Url::new_with_base("fib_worker_loader.js", &base)
        .map(|u| u.href())
        .map_err(|_| "could not build the worker address".to_string())
}

/// One job running in its own Web Worker. Dropping it (or [`WorkerJob::cancel`])
/// terminates the worker at once.
pub struct WorkerJob {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl WorkerJob {
    /// Starts a worker for `job`; `on_event` gets every message after `Ready` (and a
    /// `Failed` if the worker cannot load or crashes).
    pub fn start(job: Job, on_event: Rc<dyn Fn(WorkerMessage)>) -> Result<WorkerJob, String> {
        let url = worker_url()?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&url, &options).map_err(|e| {
            format!(
                "the browser refused to start a worker: {}",
                js_error_message(&e)
            )
        })?;
        let job_value = serde_wasm_bindgen::to_value(&job).map_err(|e| e.to_string())?;
        let on_message = {
            let worker = worker.clone();
            let on_event = on_event.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                match serde_wasm_bindgen::from_value::<WorkerMessage>(event.data()) {
                    Ok(WorkerMessage::Ready) => {
                        if let Err(e) = worker.post_message(&job_value) {
                            on_event(WorkerMessage::Failed {
                                message: format!(
                                    "could not send the job: {}",
                                    js_error_message(&e)
                                ),
                            });
                        }
                    }
                    Ok(message) => on_event(message),
                    Err(error) => on_event(WorkerMessage::Failed {
                        message: format!("unexpected message from the worker: {error}"),
                    }),
                }
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let detail = js_sys::Reflect::get(&event, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "its script could not be loaded or it crashed".into());
            on_event(WorkerMessage::Failed {
                message: format!("the worker failed: {detail}"),
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerJob {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Stops the worker now; no further events arrive.
    pub fn cancel(&self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Drop for WorkerJob {
    fn drop(&mut self) {
        self.cancel();
    }
}
