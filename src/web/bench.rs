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
//!    between so the page repaints and stays responsive;
//! 4. report per-iteration median, min and max. The median is what the ratio uses: it
//!    ignores the odd sample hit by a garbage collection or a background tab.
//!
//! A JavaScript side is a JS function timed by a loop written in JavaScript
//! (`js/bench.js`), so it pays no boundary crossing per iteration; a Rust side is timed
//! by a Rust loop. Each side therefore pays only for what the case itself crosses.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::error::js_error_message;

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

/// Per-iteration timings of one side, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    pub median_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    pub samples: u32,
    pub iterations: u32,
}

/// Median, min and max of per-iteration times. `None` for no samples.
pub fn summarize(per_iteration_ms: &[f64], iterations: u32) -> Option<Stats> {
    let mut sorted: Vec<f64> = per_iteration_ms
        .iter()
        .copied()
        .filter(|t| t.is_finite())
        .collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    Some(Stats {
        median_ms: median,
        min_ms: sorted[0],
        max_ms: sorted[n - 1],
        samples: n as u32,
        iterations,
    })
}

const MAX_WARMUP_RUNS: u32 = 100_000;

/// Measures one side (steps in the module comment).
pub async fn measure(side: &Side, cfg: BenchConfig) -> Result<Stats, String> {
    let warm_until = now_ms() + cfg.warmup_ms;
    // Bounded by count too: a clock that does not advance (virtual time in headless
    // test browsers) must not turn the warm-up into an endless loop.
    for _ in 0..MAX_WARMUP_RUNS {
        if now_ms() >= warm_until {
            break;
        }
        side.run(1)?;
    }
    let mut iterations = 1u32;
    loop {
        let elapsed = side.run(iterations)?;
        if elapsed >= cfg.min_sample_ms || iterations >= cfg.max_iterations {
            break;
        }
        iterations = iterations.saturating_mul(2).min(cfg.max_iterations);
        yield_now().await;
    }
    let mut times = Vec::with_capacity(cfg.samples as usize);
    for _ in 0..cfg.samples.max(1) {
        yield_now().await;
        times.push(side.run(iterations)? / f64::from(iterations));
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
    let wasm = measure(&case.wasm, case.config).await?;
    yield_now().await;
    let js = measure(&case.js, case.config).await?;
    Ok(PairResult { wasm, js })
}
