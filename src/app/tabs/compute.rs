//! The Compute tab (`#/compute?n=…`): Fibonacci numbers exact to the last digit, three
//! algorithms side by side, where machine numbers stop being exact (u64 after F(93),
//! JavaScript's Number after F(78)), and WASM measured against JavaScript.
//!
//! Long work never runs on the main thread: exact values above [`MAIN_THREAD_MAX_N`]
//! and naive recursions above [`NAIVE_INLINE_MAX_N`] go to a Web Worker
//! (`web::compute::WorkerJob`) with progress and a Cancel button.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use stylist::yew::use_style;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::app::hooks::use_worker_job;
use crate::app::widgets::{BenchPanel, ErrorText, SourceView};
use crate::lab::compute::{self as lab, FIB_DECIMAL_MAX_N, FIB_NAIVE_MAX_N, FIB_U64_MAX_N};
use crate::lab::fmt::{about_duration, duration_ms, group_digits, grouped};
use crate::web::compute::{self as glue, Job, WorkerJob, WorkerMessage};
use crate::web::dom;

/// Exact values up to here are computed on the main thread: F(50,000) takes a few
/// milliseconds in WASM. Above it, a worker.
pub const MAIN_THREAD_MAX_N: u32 = 50_000;
/// The naive recursion runs inline up to here (2.7 million calls, ~10 ms); from here
/// to [`FIB_NAIVE_MAX_N`] only in a worker, on request.
pub const NAIVE_INLINE_MAX_N: u32 = 30;
/// The slider covers the interesting edges (78/79, 93/94); the box takes any n.
const SLIDER_MAX: u32 = 300;
const DEFAULT_N: u32 = 90;
/// Digits shown at each end of a long number.
const EDGE: usize = 24;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComputeQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
}

/// Reads what a person typed as n, or says what is wrong with it.
pub fn parse_n(text: &str) -> Result<u32, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("Type a whole number n, for example 90.".into());
    }
    if trimmed.starts_with('-') {
        return Err("n must be 0 or more: the sequence starts at F(0) = 0.".into());
    }
    let mut digits = String::new();
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            // Digit group separators people type: 1,000,000 or 1 000 000 or 1_000_000.
            ',' | '_' | ' ' | '\u{a0}' | '\u{202f}' | '\'' => {}
            '.' => {
                return Err(format!(
                    "“.” at position {}: n must be a whole number (F(n) is only defined for n = 0, 1, 2, …).",
                    i + 1
                ));
            }
            other => {
                return Err(format!(
                    "“{other}” at position {} is not a digit: type a whole number such as 90.",
                    i + 1
                ));
            }
        }
    }
    let too_large = || {
        format!(
            "n = {} is above {}, the largest n computed exactly here (F(1,000,000) already has 208,988 digits).",
            group_digits(digits.trim_start_matches('0')),
            grouped(FIB_DECIMAL_MAX_N)
        )
    };
    match digits.parse::<u64>() {
        Ok(n) if n <= u64::from(FIB_DECIMAL_MAX_N) => Ok(n as u32),
        Ok(_) => Err(too_large()),
        Err(_) if !digits.is_empty() => Err(too_large()),
        Err(_) => Err("Type a whole number n, for example 90.".into()),
    }
}

/// The exact value of F(n), or where getting it stands.
#[derive(Clone, Debug, PartialEq)]
enum Exact {
    Ready {
        n: u32,
        digits: Rc<String>,
        ms: f64,
        in_worker: bool,
        /// Where the time went, when the worker reported it.
        detail: Option<String>,
    },
    Working {
        n: u32,
        done: f64,
        total: f64,
        stage: String,
    },
    Cancelled {
        n: u32,
    },
    Failed {
        n: u32,
        message: String,
    },
}

/// The naive recursion's result for n, or where running it stands.
#[derive(Clone, Debug, PartialEq)]
enum Naive {
    Done {
        n: u32,
        value: u64,
        calls: u64,
        ms: f64,
        in_worker: bool,
    },
    /// 31..=40: runs only when asked, in a worker.
    Waiting {
        n: u32,
    },
    Working {
        n: u32,
        done: f64,
        total: f64,
    },
    Cancelled {
        n: u32,
    },
    Failed {
        n: u32,
        message: String,
    },
    /// Above 40: refused, with an estimate.
    Refused {
        n: u32,
    },
}

fn exact_inline(n: u32) -> Exact {
    let t0 = crate::web::bench::now_ms();
    match lab::fibonacci_decimal_checked(n) {
        Ok(digits) => Exact::Ready {
            n,
            digits: Rc::new(digits),
            ms: crate::web::bench::now_ms() - t0,
            in_worker: false,
            detail: None,
        },
        Err(error) => Exact::Failed {
            n,
            message: error.to_string(),
        },
    }
}

fn naive_n(naive: &Naive) -> u32 {
    match naive {
        Naive::Done { n, .. }
        | Naive::Waiting { n }
        | Naive::Working { n, .. }
        | Naive::Cancelled { n }
        | Naive::Failed { n, .. }
        | Naive::Refused { n } => *n,
    }
}

fn naive_inline(n: u32) -> Naive {
    if n > FIB_NAIVE_MAX_N {
        return Naive::Refused { n };
    }
    if n > NAIVE_INLINE_MAX_N {
        return Naive::Waiting { n };
    }
    let t0 = crate::web::bench::now_ms();
    match lab::fib_naive(n) {
        Some((value, calls)) => Naive::Done {
            n,
            value,
            calls,
            ms: crate::web::bench::now_ms() - t0,
            in_worker: false,
        },
        None => Naive::Refused { n },
    }
}

#[component]
pub fn ComputeTab() -> Html {
    let style = use_style!(
        r#"
        .fib-controls label { display: block; font-weight: 600; margin-bottom: 0.35rem; }
        .fib-controls input[type=text] {
            font: inherit; font-family: var(--mono); font-size: 1.1rem; width: 100%;
            max-width: 14rem; padding: 0.4rem 0.6rem; border-radius: 8px;
            border: 1px solid var(--border); background: var(--bg); color: var(--text);
        }
        .fib-controls input[aria-invalid=true] { border-color: var(--bad); }
        .fib-controls input[type=range] { width: 100%; margin-top: 0.75rem; accent-color: var(--accent); }
        .fib-presets { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.6rem; }
        .fib-presets .button { padding: 0.25rem 0.6rem; font-size: 0.85rem; }
        ul.edges { margin: 0.9rem 0 0; padding-left: 1.2rem; }
        ul.edges li + li { margin-top: 0.25rem; }
        .big-n { font-family: var(--mono); overflow-wrap: anywhere; }
        .digits {
            font-family: var(--mono); font-size: 0.9rem; white-space: pre-wrap; word-break: break-all;
            max-height: 18rem; overflow: auto; background: var(--code-bg); padding: 0.6rem;
            border-radius: 8px; margin: 0.5rem 0 0;
        }
        .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; align-items: center; }
        .ok-text { color: var(--ok); font-weight: 600; }
        .bad-text { color: var(--bad); font-weight: 600; }
        .algos { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; margin-top: 1rem; }
        @media (max-width: 900px) { .algos { grid-template-columns: minmax(0, 1fr); } }
        .algos h4 { margin: 0 0 0.25rem; }
        .complexity { font-family: var(--mono); color: var(--accent); font-weight: 600; }
        dl.facts { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.25rem 0.75rem; margin: 0.75rem 0 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; font-family: var(--mono); overflow-wrap: anywhere; }
        .progress-row { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin-top: 0.6rem; }
        .progress-row progress { flex: 1 1 10rem; }
        table.precision { border-collapse: collapse; width: 100%; }
        table.precision th, table.precision td {
            text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--border); vertical-align: top;
        }
        table.precision td { font-family: var(--mono); overflow-wrap: anywhere; }
        table.precision thead th { color: var(--muted); font-weight: 500; }
        /* On a phone the three columns are too narrow for 20-digit numbers: one block per row. */
        @media (max-width: 600px) {
            table.precision, table.precision tbody, table.precision tr,
            table.precision th, table.precision td { display: block; }
            table.precision thead { display: none; }
            table.precision caption { display: block; text-align: left; }
            table.precision th, table.precision td { border-bottom: none; padding: 0.15rem 0; }
            table.precision tr { border-bottom: 1px solid var(--border); padding: 0.5rem 0; }
        }
        .lesson { font-size: 1.05rem; }
        .lesson strong { font-family: var(--mono); font-size: 1.25rem; }
        section.block { margin-top: 1.75rem; }
        .split > section + section { margin-top: 0; }
        .card > h3:first-child, .card > h4:first-child { margin-top: 0; }
        "#
    );

    let location = use_location();
    let navigator = use_navigator();
    let initial_raw = location
        .as_ref()
        .and_then(|l| l.query::<ComputeQuery>().ok())
        .and_then(|q| q.n)
        .unwrap_or_else(|| DEFAULT_N.to_string());

    let raw = use_state({
        let initial_raw = initial_raw.clone();
        move || initial_raw
    });
    let n = use_state(|| parse_n(&initial_raw).unwrap_or(DEFAULT_N));
    let error = parse_n(&raw).err();

    let on_text = {
        let raw = raw.clone();
        let n = n.clone();
        let navigator = navigator.clone();
        move |text: String| {
            if let Ok(value) = parse_n(&text) {
                n.set(value);
                if let Some(nav) = &navigator {
                    let _ = nav.replace_with_query(
                        &Route::Compute,
                        &ComputeQuery {
                            n: Some(value.to_string()),
                        },
                    );
                }
            }
            raw.set(text);
        }
    };
    let oninput = {
        let on_text = on_text.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_text(input.value());
        })
    };
    let on_slider = {
        let on_text = on_text.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_text(input.value());
        })
    };
    let preset = |value: u32| {
        let on_text = on_text.clone();
        Callback::from(move |_: MouseEvent| on_text(value.to_string()))
    };

    // ---- the exact value: inline for small n, in a worker above
    let exact = use_state(|| {
        if *n <= MAIN_THREAD_MAX_N {
            exact_inline(*n)
        } else {
            Exact::Working {
                n: *n,
                done: 0.0,
                total: 2.0,
                stage: "starting a Web Worker".into(),
            }
        }
    });
    let exact_job = use_mut_ref(|| None::<WorkerJob>);
    // The debounce before a worker starts; Cancel must stop it too.
    let exact_timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let exact_run = use_state(|| 0u32);
    {
        let exact = exact.clone();
        let exact_job = exact_job.clone();
        let exact_timer = exact_timer.clone();
        use_effect_with((*n, *exact_run), move |&(n, _)| {
            exact_job.borrow_mut().take();
            exact_timer.borrow_mut().take();
            if n <= MAIN_THREAD_MAX_N {
                // The first render already computed it; a re-render must not redo it.
                if !matches!(&*exact, Exact::Ready { n: got, .. } if *got == n) {
                    exact.set(exact_inline(n));
                }
            } else {
                exact.set(Exact::Working {
                    n,
                    done: 0.0,
                    total: 2.0,
                    stage: "starting a Web Worker".into(),
                });
                let slot = exact_job.clone();
                // Wait for typing to pause: each keystroke would otherwise start a worker.
                *exact_timer.borrow_mut() =
                    Some(gloo::timers::callback::Timeout::new(250, move || {
                        let on_event: Rc<dyn Fn(WorkerMessage)> = {
                            let exact = exact.clone();
                            let slot = slot.clone();
                            Rc::new(move |message| match message {
                                WorkerMessage::Progress { done, total, stage } => {
                                    exact.set(Exact::Working {
                                        n,
                                        done,
                                        total,
                                        stage,
                                    })
                                }
                                WorkerMessage::Exact {
                                    n: got,
                                    digits,
                                    compute_ms,
                                    convert_ms,
                                } => {
                                    exact.set(Exact::Ready {
                                        n: got,
                                        digits: Rc::new(digits),
                                        ms: compute_ms + convert_ms,
                                        in_worker: true,
                                        detail: Some(format!(
                                            "fast doubling {} + decimal conversion {}",
                                            duration_ms(compute_ms),
                                            duration_ms(convert_ms)
                                        )),
                                    });
                                    release(&slot);
                                }
                                WorkerMessage::Failed { message } => {
                                    exact.set(Exact::Failed { n, message });
                                    release(&slot);
                                }
                                WorkerMessage::Ready | WorkerMessage::Naive { .. } => {}
                            })
                        };
                        match WorkerJob::start(Job::Exact { n }, on_event) {
                            Ok(job) => *slot.borrow_mut() = Some(job),
                            Err(message) => exact.set(Exact::Failed { n, message }),
                        }
                    }));
            }
            move || {
                exact_timer.borrow_mut().take();
                exact_job.borrow_mut().take();
            }
        });
    }
    let cancel_exact = {
        let exact = exact.clone();
        let exact_job = exact_job.clone();
        let exact_timer = exact_timer.clone();
        let n = *n;
        Callback::from(move |_: MouseEvent| {
            exact_timer.borrow_mut().take();
            if let Some(job) = exact_job.borrow_mut().take() {
                job.cancel();
            }
            exact.set(Exact::Cancelled { n });
        })
    };
    let rerun_exact = {
        let exact_run = exact_run.clone();
        Callback::from(move |_: MouseEvent| exact_run.set(exact_run.wrapping_add(1)))
    };

    // ---- the naive recursion: inline to 30, on request in a worker to 40, refused above
    let naive = use_state(|| naive_inline(*n));
    let naive_worker = use_worker_job();
    {
        let naive = naive.clone();
        let naive_worker = naive_worker.clone();
        use_effect_with(*n, move |&n| {
            naive_worker.cancel();
            if naive_n(&naive) != n {
                naive.set(naive_inline(n));
            }
        });
    }
    let run_naive = {
        let naive = naive.clone();
        let naive_worker = naive_worker.clone();
        let n = *n;
        Callback::from(move |_: MouseEvent| {
            naive.set(Naive::Working {
                n,
                done: 0.0,
                total: lab::naive_call_count(n).unwrap_or(1) as f64,
            });
            let naive = naive.clone();
            naive_worker.start(Job::Naive { n }, move |message| match message {
                WorkerMessage::Progress { done, total, .. } => {
                    naive.set(Naive::Working { n, done, total })
                }
                WorkerMessage::Naive {
                    n: got,
                    value,
                    calls,
                    ms,
                } => naive.set(Naive::Done {
                    n: got,
                    value,
                    calls,
                    ms,
                    in_worker: true,
                }),
                WorkerMessage::Failed { message } => naive.set(Naive::Failed { n, message }),
                WorkerMessage::Ready | WorkerMessage::Exact { .. } => {}
            });
        })
    };
    let cancel_naive = {
        let naive = naive.clone();
        let n = *n;
        Callback::from(move |_: MouseEvent| {
            naive_worker.cancel();
            naive.set(Naive::Cancelled { n });
        })
    };

    // This browser's speed at naive calls, to turn a call count into a time estimate.
    let calls_per_ms = use_memo((), |_| {
        let calls = lab::naive_call_count(20).unwrap_or(21_891) as f64;
        let ms = glue::time_per_call(8.0, 512, || {
            std::hint::black_box(lab::fib_naive(std::hint::black_box(20)));
        });
        // A clock that did not tick gives no speed rather than an infinite one.
        if ms > 0.0 { calls / ms } else { f64::NAN }
    });
    // The fast algorithms are timed by repetition (one call is below the clock's grain).
    let fast_times = use_memo(*n, |&n| {
        let iterative = glue::time_per_call(2.0, 1 << 16, || {
            std::hint::black_box(lab::fib_iterative(std::hint::black_box(n)));
        });
        let doubling = glue::time_per_call(2.0, 1 << 16, || {
            std::hint::black_box(lab::fib_fast_doubling(std::hint::black_box(n)));
        });
        (iterative, doubling)
    });

    // The precision lesson, computed in JavaScript in this page.
    let js_first_wrong = use_memo((), |_| glue::js_first_number_wrong_n());
    let js_number = use_memo(*n, |&n| glue::js_fib_number(n));
    let js_bigint = use_memo(*n, |&n| {
        (n <= MAIN_THREAD_MAX_N).then(|| Rc::new(glue::js_fib_bigint_decimal(n)))
    });

    let n_value = *n;
    let u64_value = lab::fibonacci(n_value);

    // ---- copy / download / expand
    let expanded = use_state(|| false);
    let copy_status = use_state(|| None::<String>);
    use_effect_with(n_value, {
        let copy_status = copy_status.clone();
        let expanded = expanded.clone();
        move |_| {
            copy_status.set(None);
            expanded.set(false);
        }
    });
    let ready_digits = match &*exact {
        Exact::Ready { n, digits, .. } if *n == n_value => Some(digits.clone()),
        _ => None,
    };
    let on_copy = {
        let digits = ready_digits.clone();
        let copy_status = copy_status.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(digits) = digits.clone() else { return };
            let copy_status = copy_status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = dom::copy_text(&digits).await;
                copy_status.set(Some(if ok {
                    format!("Copied {} digits.", grouped(digits.len()))
                } else {
                    "The browser refused clipboard access; use Download instead.".into()
                }));
            });
        })
    };
    let on_download = {
        let digits = ready_digits.clone();
        let copy_status = copy_status.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(digits) = digits.clone() else { return };
            let mut text = String::with_capacity(digits.len() + 1);
            text.push_str(&digits);
            text.push('\n');
            if let Err(message) = dom::download(
                &format!("fibonacci-{n_value}.txt"),
                "text/plain;charset=utf-8",
                text.as_bytes(),
            ) {
                copy_status.set(Some(format!("Download failed: {message}.")));
            }
        })
    };
    let toggle_expand = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };

    let invalid = error.is_some();
    html! {
        <div class={style}>
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
                <section class="card fib-controls" aria-labelledby="fib-input-title">
                    <h3 id="fib-input-title">{ "Choose n" }</h3>
                    <label for="fib-n">{ "n (0 to 1,000,000)" }</label>
                    <input id="fib-n" type="text" inputmode="numeric" autocomplete="off" spellcheck="false"
                           value={(*raw).clone()} {oninput}
                           aria-invalid={invalid.to_string()} aria-describedby="fib-n-error" />
                    <ErrorText id="fib-n-error" message={error.clone()} />
                    <label for="fib-slider" class="note">{ format!("or slide (0 to {SLIDER_MAX})") }</label>
                    <input id="fib-slider" type="range" min="0" max={SLIDER_MAX.to_string()} step="1"
                           value={n_value.min(SLIDER_MAX).to_string()} oninput={on_slider} />
                    <div class="fib-presets" role="group" aria-label="Interesting values of n">
                        { for [78u32, 79, 93, 94, 1_000, 100_000, 1_000_000].into_iter().map(|v| html! {
                            <button type="button" class="button" onclick={preset(v)}>
                                { format!("n = {}", grouped(v)) }
                            </button>
                        }) }
                    </div>
                    <ul class="note edges">
                        <li>{ "78: the last F(n) a JavaScript Number holds exactly; 79: the first it gets wrong" }</li>
                        <li>{ "93: the last F(n) that fits in a u64; 94: the first that does not" }</li>
                        <li>{ format!("above {}: computed in a Web Worker, with progress and Cancel",
                                      grouped(MAIN_THREAD_MAX_N)) }</li>
                    </ul>
                    if invalid {
                        <p class="note">{ format!("Still showing n = {}, the last valid value.", grouped(n_value)) }</p>
                    }
                </section>

                <section class="card" aria-labelledby="fib-u64-title">
                    <h3 id="fib-u64-title">{ "As a u64" }</h3>
                    { u64_view(n_value, u64_value) }
                    <h3>{ "Exact" }</h3>
                    { exact_view(n_value, &exact, *expanded, toggle_expand, on_copy, on_download,
                                 cancel_exact, rerun_exact, (*copy_status).clone()) }
                    <SourceView path="src/lab/compute.rs" region="fast_doubling_big"
                                summary={Some(AttrValue::from("Show the Rust: exact value by fast doubling"))} />
                </section>
            </div>

            <section class="block" aria-labelledby="fib-algos-title">
                <h3 id="fib-algos-title">{ format!("Three algorithms for F({})", grouped(n_value)) }</h3>
                <p>
                    { "All three run here, compiled to WebAssembly. WASM is at most a small factor faster or slower \
                       than JavaScript (see the measurements below); the naive recursion is slower than fast doubling \
                       by a factor that grows without bound. Complexity beats language speed." }
                </p>
                <div class="algos">
                    { naive_view(&naive, *calls_per_ms, run_naive, cancel_naive) }
                    <article class="card" id="algo-iterative">
                        <h4>{ "Iterative" }</h4>
                        <p class="complexity">{ "O(n) additions" }</p>
                        <dl class="facts">
                            <dt>{ "result" }</dt><dd>{ option_u64_text(lab::fib_iterative(n_value)) }</dd>
                            <dt>{ "work" }</dt><dd>{ format!("{} additions", grouped(n_value.saturating_sub(1).min(FIB_U64_MAX_N))) }
                                if n_value > FIB_U64_MAX_N { { " (stops at the overflow)" } }</dd>
                            <dt>{ "time here" }</dt><dd>{ time_text(fast_times.0) }</dd>
                        </dl>
                        <SourceView path="src/lab/compute.rs" region="iterative" />
                    </article>
                    <article class="card" id="algo-doubling">
                        <h4>{ "Fast doubling" }</h4>
                        <p class="complexity">{ "O(log n) steps" }</p>
                        <dl class="facts">
                            <dt>{ "result" }</dt><dd>{ option_u64_text(lab::fib_fast_doubling(n_value)) }</dd>
                            <dt>{ "work" }</dt><dd>{ format!("{} doubling steps", 32 - n_value.leading_zeros()) }</dd>
                            <dt>{ "time here" }</dt><dd>{ time_text(fast_times.1) }</dd>
                        </dl>
                        <SourceView path="src/lab/compute.rs" region="fast_doubling" />
                    </article>
                </div>
            </section>

            <section class="block" aria-labelledby="fib-precision-title">
                <h3 id="fib-precision-title">{ "The same loop in JavaScript" }</h3>
                <p>
                    { "JavaScript's " }<code>{ "Number" }</code>{ " is an f64: integers are exact only up to 2⁵³. The \
                       loop " }<code>{ "let a = 0, b = 1; for (…) [a, b] = [b, a + b]" }</code>{ " gives no error when it \
                       passes that — it just rounds. " }<code>{ "BigInt" }</code>{ " is exact, at a cost." }
                </p>
                <p class="lesson" id="js-first-wrong">
                    { "First n where the JavaScript Number loop is wrong, found just now by running it against BigInt in this page: " }
                    <strong>{ if *js_first_wrong >= 0 { js_first_wrong.to_string() } else { "none found".into() } }</strong>
                    { format!(" (Rust's f64 check agrees: {}).", lab::first_f64_wrong_n()) }
                </p>
                { precision_view(n_value, *js_number, js_bigint.as_ref().as_ref().map(|s| s.as_str()),
                                 ready_digits.as_deref().map(|s| s.as_str())) }
            </section>

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

/// Drops a finished job's worker after the message handler that reported it returns
/// (dropping a closure while it runs is not allowed).
fn release(slot: &Rc<std::cell::RefCell<Option<WorkerJob>>>) {
    let slot = slot.clone();
    wasm_bindgen_futures::spawn_local(async move {
        slot.borrow_mut().take();
    });
}

fn option_u64_text(value: Option<u64>) -> Html {
    match value {
        Some(v) => html! { { grouped(v) } },
        None => html! { <span class="bad-text">{ "None (does not fit in u64)" }</span> },
    }
}

fn u64_view(n: u32, value: Option<u64>) -> Html {
    match value {
        Some(v) => html! {
            <p id="fib-u64" aria-live="polite">
                { format!("F({n}) = ") }<strong class="big-n">{ grouped(v) }</strong>
                <br/><span class="note">{ "fits: fibonacci(n) returned Some(…)" }</span>
            </p>
        },
        None => html! {
            <p id="fib-u64" aria-live="polite">
                <span class="bad-text">{ "None: " }</span>
                { format!("F({}) does not fit in a u64. The largest u64 is 18,446,744,073,709,551,615 (20 digits); \
                           F(93) = 12,200,160,415,121,876,738 is the last Fibonacci number below it. \
                           The seed's loop silently wrapped around here and printed a wrong number.",
                          grouped(n)) }
            </p>
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn exact_view(
    n: u32,
    exact: &Exact,
    expanded: bool,
    toggle: Callback<MouseEvent>,
    copy: Callback<MouseEvent>,
    download: Callback<MouseEvent>,
    cancel: Callback<MouseEvent>,
    rerun: Callback<MouseEvent>,
    status: Option<String>,
) -> Html {
    match exact {
        Exact::Ready {
            n: got,
            digits,
            ms,
            in_worker,
            detail,
        } if *got == n => {
            let summary = lab::summarize_digits(digits, EDGE);
            let short = summary.digits <= 2 * EDGE;
            html! {
                <div id="fib-exact">
                    <dl class="facts">
                        <dt>{ "digits" }</dt><dd id="fib-digit-count">{ grouped(summary.digits) }</dd>
                        if short {
                            <dt>{ "value" }</dt><dd id="fib-value">{ digits.as_str() }</dd>
                        } else {
                            <dt>{ "first" }</dt><dd id="fib-first">{ format!("{}…", summary.first) }</dd>
                            <dt>{ "last" }</dt><dd id="fib-last">{ format!("…{}", summary.last) }</dd>
                        }
                        <dt>{ "computed" }</dt>
                        <dd>{ format!("{}, {}", time_text(*ms),
                                      if *in_worker { "in a Web Worker" } else { "on the main thread" }) }
                            if let Some(detail) = detail { <br/><small class="note">{ detail }</small> }
                        </dd>
                    </dl>
                    <div class="actions">
                        if !short {
                            <button type="button" class="button" onclick={toggle} aria-expanded={expanded.to_string()}
                                    aria-controls="fib-all-digits">
                                { if expanded { "Collapse" } else { "Expand all digits" } }
                            </button>
                        }
                        <button type="button" class="button" onclick={copy}>{ "Copy" }</button>
                        <button type="button" class="button" onclick={download}>{ "Download .txt" }</button>
                        if let Some(text) = status {
                            <span class="note" role="status">{ text }</span>
                        }
                    </div>
                    if expanded && !short {
                        <pre id="fib-all-digits" class="digits" tabindex="0"
                             aria-label={format!("All {} digits of F({n})", summary.digits)}>{ digits.as_str() }</pre>
                    }
                </div>
            }
        }
        Exact::Working {
            n: got,
            done,
            total,
            stage,
        } if *got == n => html! {
            <div id="fib-exact" aria-busy="true">
                <p>{ format!("Computing F({}) in a Web Worker, so this page stays responsive: {stage}…",
                             grouped(n)) }</p>
                <div class="progress-row">
                    <progress id="fib-exact-progress" max={total.to_string()} value={done.to_string()}
                              aria-label="Progress of the exact value">{ format!("{done} of {total}") }</progress>
                    <button type="button" class="button" id="fib-exact-cancel" onclick={cancel}>{ "Cancel" }</button>
                </div>
            </div>
        },
        Exact::Cancelled { n: got } if *got == n => html! {
            <div id="fib-exact">
                <p>{ "Cancelled: the worker was stopped." }</p>
                <button type="button" class="button" id="fib-exact-rerun" onclick={rerun}>{ "Compute again" }</button>
            </div>
        },
        Exact::Failed { n: got, message } if *got == n => html! {
            <div id="fib-exact">
                <p class="field-error" role="alert">{ format!("Could not compute F({n}): {message}.") }</p>
                <button type="button" class="button" onclick={rerun}>{ "Try again" }</button>
            </div>
        },
        _ => {
            html! { <div id="fib-exact" aria-busy="true"><p class="note">{ "Working…" }</p></div> }
        }
    }
}

fn naive_view(
    naive: &Naive,
    calls_per_ms: f64,
    run: Callback<MouseEvent>,
    cancel: Callback<MouseEvent>,
) -> Html {
    let estimate = |n: u32| -> String {
        match lab::naive_call_count(n) {
            Some(calls) if calls_per_ms.is_finite() => format!(
                "{} calls, {} at this browser's measured speed",
                grouped(calls),
                about_duration(calls as f64 / calls_per_ms)
            ),
            Some(calls) => format!(
                "{} calls (this browser's speed could not be measured)",
                grouped(calls)
            ),
            None => {
                "more than 18 quintillion (2⁶⁴) calls: longer than the age of the universe".into()
            }
        }
    };
    let body = match naive {
        Naive::Done {
            n,
            value,
            calls,
            ms,
            in_worker,
        } => html! {
            <dl class="facts">
                <dt>{ "result" }</dt><dd id="naive-value">{ grouped(*value) }</dd>
                <dt>{ "calls" }</dt><dd id="naive-calls">{ grouped(*calls) }</dd>
                <dt>{ "time here" }</dt><dd>{ format!("{}{}", time_text(*ms), if *in_worker { " (worker)" } else { "" }) }</dd>
                if *n < FIB_NAIVE_MAX_N {
                    <dt>{ "F(40) would be" }</dt><dd>{ estimate(FIB_NAIVE_MAX_N) }</dd>
                }
            </dl>
        },
        Naive::Waiting { n } => html! {
            <>
                <p>{ format!("F({n}) by naive recursion: {}. That is too long for the main thread, so it runs in a Web Worker.", estimate(*n)) }</p>
                <button type="button" class="button primary" id="naive-run" onclick={run}>{ "Run in a Web Worker" }</button>
            </>
        },
        Naive::Working { done, total, .. } => html! {
            <div aria-busy="true">
                <p>{ format!("{} of {} calls…", grouped(*done as u64), grouped(*total as u64)) }</p>
                <div class="progress-row">
                    <progress id="naive-progress" max={total.to_string()} value={done.to_string()}
                              aria-label="Progress of the naive recursion" />
                    <button type="button" class="button" id="naive-cancel" onclick={cancel}>{ "Cancel" }</button>
                </div>
            </div>
        },
        Naive::Cancelled { .. } => html! {
            <>
                <p>{ "Cancelled: the worker was stopped." }</p>
                <button type="button" class="button" id="naive-run" onclick={run}>{ "Run again" }</button>
            </>
        },
        Naive::Failed { message, .. } => html! {
            <>
                <p class="field-error" role="alert">{ message }</p>
                <button type="button" class="button" id="naive-run" onclick={run}>{ "Try again" }</button>
            </>
        },
        Naive::Refused { n } => html! {
            <p id="naive-refused">
                { format!("Not run: n = {} is above {FIB_NAIVE_MAX_N}. It would take {}. \
                           Fast doubling, next to it, needs {} steps.",
                          grouped(*n), estimate(*n), 32 - n.leading_zeros()) }
            </p>
        },
    };
    html! {
        <article class="card" id="algo-naive">
            <h4>{ "Naive recursion" }</h4>
            <p class="complexity">{ "O(φⁿ) calls, φ ≈ 1.618" }</p>
            { body }
            <SourceView path="src/lab/compute.rs" region="naive" />
        </article>
    }
}

/// A measured time; 0 means the browser's clock (coarsened to ~1 ms or more for privacy)
/// did not tick, which is not the same as "free".
fn time_text(ms: f64) -> String {
    if ms > 0.0 {
        duration_ms(ms)
    } else {
        "too fast for this browser's clock".into()
    }
}

fn precision_view(n: u32, js_number: f64, js_bigint: Option<&str>, ours: Option<&str>) -> Html {
    let number_digits = glue::js_number_as_exact_digits(js_number);
    let number_printed = glue::js_number_to_string(js_number);
    let shorten = |digits: &str| -> String {
        let s = lab::summarize_digits(digits, EDGE);
        if s.digits <= 2 * EDGE + 10 {
            group_digits(digits)
        } else {
            format!("{}…{} ({} digits)", s.first, s.last, grouped(s.digits))
        }
    };
    let verdict = |candidate: &str| -> Html {
        match ours {
            Some(exact) if exact == candidate => html! { <span class="ok-text">{ "exact" }</span> },
            Some(_) => html! { <span class="bad-text">{ "wrong" }</span> },
            None => html! { <span class="note">{ "(waiting for the exact value)" }</span> },
        }
    };
    let difference = match (ours, js_number.is_finite()) {
        (Some(exact), true) if exact != number_digits => {
            match (exact.parse::<i128>(), number_digits.parse::<i128>()) {
                (Ok(e), Ok(j)) => Some(format!("off by {}", grouped((j - e).unsigned_abs()))),
                _ => Some("off in the low digits".into()),
            }
        }
        (Some(_), false) => Some("overflowed to Infinity (past F(1476))".into()),
        _ => None,
    };
    html! {
        <div class="table-scroll">
            <table class="precision" id="fib-precision">
                <caption class="note">{ format!("F({}) three ways, for the n above", grouped(n)) }</caption>
                <thead><tr><th scope="col">{ "Computed by" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Verdict" }</th></tr></thead>
                <tbody>
                    <tr id="precision-number">
                        <th scope="row">{ "JavaScript Number loop" }</th>
                        <td>{ shorten(&number_digits) }
                            if number_printed != number_digits {
                                <br/><small class="note">{ format!("JavaScript prints it as {number_printed}") }</small>
                            }
                        </td>
                        <td>{ verdict(&number_digits) }
                            if let Some(d) = difference { <br/><small>{ d }</small> }
                        </td>
                    </tr>
                    <tr id="precision-bigint">
                        <th scope="row">{ "JavaScript BigInt (fast doubling)" }</th>
                        { match js_bigint {
                            Some(digits) => html! { <><td>{ shorten(digits) }</td><td>{ verdict(digits) }</td></> },
                            None => html! { <>
                                <td colspan="2" class="note">{ format!("not computed above n = {} (it would hold up the page)",
                                                                       grouped(MAIN_THREAD_MAX_N)) }</td>
                            </> },
                        } }
                    </tr>
                    <tr id="precision-rust">
                        <th scope="row">{ "Rust (WASM), fibonacci_decimal" }</th>
                        <td>{ ours.map(shorten).unwrap_or_else(|| "…".into()) }</td>
                        <td>{ if ours.is_some() { html! { <span class="ok-text">{ "exact (reference)" }</span> } } else { html! {} } }</td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}
