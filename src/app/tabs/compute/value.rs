//! F(n) itself: as a u64 (or why not), and exact to the last digit: on the main thread
//! up to [`MAIN_THREAD_MAX_N`], in the Compute Web Worker above, with progress, Cancel
//! and "Compute again".

use std::rc::Rc;

use yew::prelude::*;

use super::digits::{ExactDigits, breakable_grouped};
use super::{MAIN_THREAD_MAX_N, time_text};
use crate::app::hooks::{use_debounce, use_worker_job};
use crate::app::widgets::SourceView;
use crate::lab::compute as lab;
use crate::lab::fmt::{duration_ms, grouped};
use crate::web::bench::now_ms;
use crate::web::compute::{Job, WorkerMessage};

/// Typing pauses this long before a worker starts: a worker per keystroke is waste.
const WORKER_DELAY_MS: u32 = 250;

/// The exact value of F(n), or where getting it stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Exact {
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

impl Exact {
    fn starting(n: u32) -> Exact {
        Exact::Working {
            n,
            done: 0.0,
            total: 2.0,
            stage: "starting a Web Worker".into(),
        }
    }

    fn inline(n: u32) -> Exact {
        let t0 = now_ms();
        match lab::fibonacci_decimal_checked(n) {
            Ok(digits) => Exact::Ready {
                n,
                digits: Rc::new(digits),
                ms: now_ms() - t0,
                in_worker: false,
                detail: None,
            },
            Err(error) => Exact::Failed {
                n,
                message: error.to_string(),
            },
        }
    }

    fn first(n: u32) -> Exact {
        if n <= MAIN_THREAD_MAX_N {
            Exact::inline(n)
        } else {
            Exact::starting(n)
        }
    }

    /// What the worker's message means for F(n); `None` for messages of no interest.
    fn from_message(n: u32, message: WorkerMessage) -> Option<Exact> {
        Some(match message {
            WorkerMessage::Progress { done, total, stage } => Exact::Working {
                n,
                done,
                total,
                stage,
            },
            WorkerMessage::Exact {
                n,
                digits,
                compute_ms,
                convert_ms,
            } => Exact::Ready {
                n,
                digits: Rc::new(digits),
                ms: compute_ms + convert_ms,
                in_worker: true,
                detail: Some(format!(
                    "fast doubling {} + decimal conversion {}",
                    duration_ms(compute_ms),
                    duration_ms(convert_ms)
                )),
            },
            WorkerMessage::Failed { message } => Exact::Failed { n, message },
            WorkerMessage::Ready | WorkerMessage::Naive { .. } => return None,
        })
    }
}

/// The exact value of the current n and the two things a person can do about it.
#[derive(Clone, PartialEq)]
pub struct ExactValue {
    pub state: Exact,
    /// Stops the worker (and a start still waiting for typing to pause).
    pub cancel: Callback<MouseEvent>,
    /// Starts again after a cancel or a failure.
    pub rerun: Callback<MouseEvent>,
}

impl ExactValue {
    /// The digits of F(n), once they are ready.
    pub fn digits_for(&self, n: u32) -> Option<Rc<String>> {
        match &self.state {
            Exact::Ready { n: got, digits, .. } if *got == n => Some(digits.clone()),
            _ => None,
        }
    }
}

/// F(n) exactly, following n: computed at once up to [`MAIN_THREAD_MAX_N`]; above it a
/// worker job starts once typing has paused, and a new n replaces the running job.
#[hook]
pub fn use_exact_value(n: u32) -> ExactValue {
    let exact = use_state(|| Exact::first(n));
    let worker = use_worker_job();
    let start_later = use_debounce(WORKER_DELAY_MS);
    let runs = use_state(|| 0u32);
    {
        let (exact, worker, start_later) = (exact.clone(), worker.clone(), start_later.clone());
        use_effect_with((n, *runs), move |&(n, _)| {
            worker.cancel();
            start_later.cancel();
            if n <= MAIN_THREAD_MAX_N {
                // The first render already computed it; a re-render must not redo it.
                if !matches!(&*exact, Exact::Ready { n: got, .. } if *got == n) {
                    exact.set(Exact::inline(n));
                }
            } else {
                exact.set(Exact::starting(n));
                start_later.run(move || {
                    worker.start(Job::Exact { n }, move |message| {
                        if let Some(next) = Exact::from_message(n, message) {
                            exact.set(next);
                        }
                    });
                });
            }
        });
    }
    let cancel = {
        let exact = exact.clone();
        Callback::from(move |_: MouseEvent| {
            start_later.cancel();
            worker.cancel();
            exact.set(Exact::Cancelled { n });
        })
    };
    let rerun = Callback::from(move |_: MouseEvent| runs.set(runs.wrapping_add(1)));
    ExactValue {
        state: (*exact).clone(),
        cancel,
        rerun,
    }
}

#[derive(Properties, PartialEq)]
pub struct ValueCardProps {
    pub n: u32,
    pub exact: ExactValue,
}

/// "As a u64" and "Exact", side by side with the input.
#[component]
pub fn ValueCard(props: &ValueCardProps) -> Html {
    let n = props.n;
    html! {
        <section class="card" aria-labelledby="fib-u64-title">
            <h3 id="fib-u64-title">{ "As a u64" }</h3>
            { u64_view(n, lab::fibonacci(n)) }
            <h3>{ "Exact" }</h3>
            { exact_view(n, &props.exact) }
            <SourceView path="src/lab/compute.rs" region="fast_doubling_big"
                        summary={Some(AttrValue::from("Show the Rust: exact value by fast doubling"))} />
        </section>
    }
}

fn u64_view(n: u32, value: Option<u64>) -> Html {
    match value {
        Some(v) => html! {
            <p id="fib-u64" aria-live="polite">
                { format!("F({n}) = ") }<strong class="big-n">{ breakable_grouped(&grouped(v)) }</strong>
                <br/><span class="note">{ "fits: fibonacci(n) returned Some(…)" }</span>
            </p>
        },
        None => html! {
            <p id="fib-u64" aria-live="polite">
                <span class="bad-text">{ "None: " }</span>
                { format!("F({}) does not fit in a u64. The largest u64 is 18,446,744,073,709,551,615 (20 digits); \
                           F(93) = 12,200,160,415,121,876,738 is the last Fibonacci number below it. \
                           A plain u64 loop, like the tutorial's version, silently wraps around here in a \
                           release build and prints a wrong number; fibonacci(n) returns None instead.",
                          grouped(n)) }
            </p>
        },
    }
}

fn exact_view(n: u32, exact: &ExactValue) -> Html {
    match &exact.state {
        Exact::Ready {
            n: got,
            digits,
            ms,
            in_worker,
            detail,
        } if *got == n => {
            let computed = format!(
                "{}, {}",
                time_text(*ms),
                if *in_worker {
                    "in a Web Worker"
                } else {
                    "on the main thread"
                }
            );
            html! {
                <ExactDigits key={n} {n} digits={digits.clone()} {computed} detail={detail.clone()} />
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
                    <button type="button" class="button" id="fib-exact-cancel" onclick={exact.cancel.clone()}>{ "Cancel" }</button>
                </div>
            </div>
        },
        Exact::Cancelled { n: got } if *got == n => html! {
            <div id="fib-exact">
                <p>{ "Cancelled: the worker was stopped." }</p>
                <button type="button" class="button" id="fib-exact-rerun" onclick={exact.rerun.clone()}>{ "Compute again" }</button>
            </div>
        },
        Exact::Failed { n: got, message } if *got == n => html! {
            <div id="fib-exact">
                <p class="field-error" role="alert">{ format!("Could not compute F({n}): {message}.") }</p>
                <button type="button" class="button" onclick={exact.rerun.clone()}>{ "Try again" }</button>
            </div>
        },
        _ => {
            html! { <div id="fib-exact" aria-busy="true"><p class="note">{ "Working…" }</p></div> }
        }
    }
}
