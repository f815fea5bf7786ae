//! The in-page benchmark harness: the same work in WASM and in JavaScript, timed the
//! same way in the same page.
//!
//! How a side is measured:
//! 1. warm-up: run it until `warmup_ms` have passed, so both engines have compiled their
//!    hot code (JS JITs tier up; WASM is compiled at load, but caches still warm);
//! 2. calibrate: double the iteration count until one sample takes at least
//!    `min_sample_ms`, because browsers coarsen `performance.now()` (Firefox to 1 ms
//!    in pages that are not cross-origin isolated) and a single fast call reads as 0;
//! 3. take `samples` samples of that many iterations, yielding to the event loop in
//!    between so the page repaints and stays responsive (a sample that would keep the
//!    page longer than about 40 ms runs in slices, timed without the pauses; the
//!    warm-up pauses as often);
//! 4. report per-iteration median, min and max ([`crate::lab::bench::summarize`]). The
//!    median is what the ratio uses: it ignores the odd sample hit by a garbage
//!    collection or a background tab.
//!
//! One iteration cannot be split: a case whose single iteration takes a second holds
//! the page for that second, once per sample.
//!
//! A JavaScript side is a JS function timed by a loop written in JavaScript
//! (`js/bench.js`), so it pays no boundary crossing per iteration; a Rust side is timed
//! by a Rust loop. Each side therefore pays only for what the case itself crosses.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::error::js_error_message;
use crate::lab::bench::{SLICE_BUDGET_MS, slice_size};
pub use crate::lab::bench::{Stats, summarize};

#[wasm_bindgen(module = "/src/web/js/bench.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = timeLoop)]
    fn time_loop(f: &js_sys::Function, iterations: u32) -> Result<f64, JsValue>;
    #[wasm_bindgen(js_name = nextTask)]
    fn next_task() -> js_sys::Promise;
}

/// Milliseconds from `performance.now()`; 0 where there is no window (never in the app).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Lets the browser run other tasks (paint, input) before continuing.
pub async fn yield_now() {
    // The promise never rejects; an error here would only mean no event loop.
    let _ = wasm_bindgen_futures::JsFuture::from(next_task()).await;
}

/// One side of a comparison.
#[derive(Clone)]
pub enum Side {
    /// Rust code compiled to WASM, called from a Rust timing loop.
    Wasm(Rc<RefCell<dyn FnMut()>>),
    /// A JavaScript function, called from a JavaScript timing loop.
    Js(js_sys::Function),
}

impl Side {
    pub fn wasm(f: impl FnMut() + 'static) -> Self {
        Side::Wasm(Rc::new(RefCell::new(f)))
    }

    fn run(&self, iterations: u32) -> Result<f64, String> {
        match self {
            Side::Wasm(f) => {
                let mut f = f
                    .try_borrow_mut()
                    .map_err(|_| "benchmark re-entered".to_string())?;
                let t0 = now_ms();
                for _ in 0..iterations {
                    (f)();
                }
                Ok(now_ms() - t0)
            }
            Side::Js(f) => time_loop(f, iterations)
                .map_err(|e| format!("the JavaScript baseline threw: {}", js_error_message(&e))),
        }
    }
}

/// Harness settings. The defaults keep a case under about a second per side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BenchConfig {
    pub warmup_ms: f64,
    pub min_sample_ms: f64,
    pub samples: u32,
    /// Stop calibrating here even if a sample is still shorter than `min_sample_ms`.
    pub max_iterations: u32,
}

impl Default for BenchConfig {
    fn default() -> Self {
        BenchConfig {
            warmup_ms: 150.0,
            min_sample_ms: 20.0,
            samples: 15,
            max_iterations: 1 << 24,
        }
    }
}

impl BenchConfig {
    /// For heavy cases (whole images, big documents): fewer, single-iteration samples.
    pub fn heavy() -> Self {
        BenchConfig {
            warmup_ms: 0.0,
            min_sample_ms: 0.0,
            samples: 7,
            max_iterations: 1,
        }
    }
}

const MAX_WARMUP_RUNS: u32 = 100_000;

/// Which side of a case is being measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideName {
    Wasm,
    Js,
}

impl SideName {
    pub fn label(self) -> &'static str {
        match self {
            SideName::Wasm => "WASM",
            SideName::Js => "JavaScript",
        }
    }
}

/// Where the measurement of one side stands, for a progress line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    WarmingUp,
    Calibrating,
    /// `done` of `total` samples taken.
    Sampling {
        done: u32,
        total: u32,
    },
}

/// What [`run_case_observed`] reports as it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseProgress {
    pub side: SideName,
    pub stage: Stage,
}

/// The error of a measurement stopped by its observer.
pub const STOPPED: &str = "stopped";

/// Runs `side` `iterations` times in slices that each keep the main thread for at most
/// about [`SLICE_BUDGET_MS`] (judged from the last sample, `last_ms`), yielding in
/// between; returns the time of the iterations alone.
async fn run_sliced(side: &Side, iterations: u32, last_ms: f64) -> Result<f64, String> {
    let slice = slice_size(iterations, last_ms, SLICE_BUDGET_MS);
    if slice >= iterations {
        return side.run(iterations);
    }
    let (mut left, mut total) = (iterations, 0.0);
    while left > 0 {
        let n = slice.min(left);
        total += side.run(n)?;
        left -= n;
        if left > 0 {
            yield_now().await;
        }
    }
    Ok(total)
}

/// Measures one side (steps in the module comment).
pub async fn measure(side: &Side, cfg: BenchConfig) -> Result<Stats, String> {
    measure_observed(side, cfg, &|_| true).await
}

/// [`measure`], telling `observe` where it stands before each step; the page gets the
/// event loop back at least every [`SLICE_BUDGET_MS`] or so (a single iteration that
/// takes longer cannot be split). When `observe` returns false the measurement stops
/// with the error [`STOPPED`].
pub async fn measure_observed(
    side: &Side,
    cfg: BenchConfig,
    observe: &dyn Fn(Stage) -> bool,
) -> Result<Stats, String> {
    let check = |stage| {
        if observe(stage) {
            Ok(())
        } else {
            Err(STOPPED.to_string())
        }
    };
    check(Stage::WarmingUp)?;
    let warm_until = now_ms() + cfg.warmup_ms;
    let mut slice_start = now_ms();
    // Bounded by count too: a clock that does not advance (virtual time in headless
    // test browsers) must not turn the warm-up into an endless loop.
    for _ in 0..MAX_WARMUP_RUNS {
        let now = now_ms();
        if now >= warm_until {
            break;
        }
        if now - slice_start >= SLICE_BUDGET_MS {
            yield_now().await;
            check(Stage::WarmingUp)?;
            slice_start = now_ms();
        }
        side.run(1)?;
    }
    check(Stage::Calibrating)?;
    let mut iterations = 1u32;
    let mut last_ms;
    loop {
        yield_now().await;
        last_ms = side.run(iterations)?;
        if last_ms >= cfg.min_sample_ms || iterations >= cfg.max_iterations {
            break;
        }
        iterations = iterations.saturating_mul(2).min(cfg.max_iterations);
    }
    let total = cfg.samples.max(1);
    let mut times = Vec::with_capacity(total as usize);
    for done in 0..total {
        yield_now().await;
        check(Stage::Sampling { done, total })?;
        let ms = run_sliced(side, iterations, last_ms).await?;
        last_ms = ms;
        times.push(ms / f64::from(iterations));
    }
    summarize(&times, iterations).ok_or_else(|| "no usable samples".to_string())
}

/// A WASM-vs-JS pair as the tabs and the Bench tab define them.
#[derive(Clone)]
pub struct BenchCase {
    /// `<tab>/<case>/<size>`, e.g. `compute/fib-iterative/n=90`.
    pub name: String,
    /// What the case does, in words, for the table.
    pub label: String,
    pub wasm: Side,
    pub js: Side,
    pub config: BenchConfig,
}

/// Both sides of a case, measured one after the other.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairResult {
    pub wasm: Stats,
    pub js: Stats,
}

impl PairResult {
    /// How many times faster WASM is than JS (below 1: JS is faster).
    pub fn speedup(&self) -> f64 {
        ratio(self.js.median_ms, self.wasm.median_ms)
    }
}

/// `a / b` that stays finite when the timer could not see `b`.
pub fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else if a > 0.0 {
        f64::INFINITY
    } else {
        1.0
    }
}

pub async fn run_case(case: &BenchCase) -> Result<PairResult, String> {
    run_case_observed(case, &|_| true).await
}

/// [`run_case`], reporting each step of each side to `observe` (see
/// [`measure_observed`]); stops with [`STOPPED`] when `observe` returns false.
pub async fn run_case_observed(
    case: &BenchCase,
    observe: &dyn Fn(CaseProgress) -> bool,
) -> Result<PairResult, String> {
    let wasm = measure_observed(&case.wasm, case.config, &|stage| {
        observe(CaseProgress {
            side: SideName::Wasm,
            stage,
        })
    })
    .await?;
    yield_now().await;
    let js = measure_observed(&case.js, case.config, &|stage| {
        observe(CaseProgress {
            side: SideName::Js,
            stage,
        })
    })
    .await?;
    Ok(PairResult { wasm, js })
}
