//! The naive recursion's card: inline up to [`NAIVE_INLINE_MAX_N`], in the Compute Web
//! Worker on request up to [`FIB_NAIVE_MAX_N`], refused above with an estimate of how
//! long it would take at this browser's measured speed.

use yew::prelude::*;

use super::{NAIVE_INLINE_MAX_N, time_text};
use crate::app::hooks::use_worker_job;
use crate::app::widgets::SourceView;
use crate::lab::compute::{self as lab, FIB_NAIVE_MAX_N};
use crate::lab::fmt::{about_duration, grouped};
use crate::web::bench::now_ms;
use crate::web::compute::{Job, WorkerMessage, time_per_call};

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
    /// Above the inline limit: runs only when asked, in a worker.
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
    /// Above [`FIB_NAIVE_MAX_N`]: refused, with an estimate.
    Refused {
        n: u32,
    },
}

impl Naive {
    fn n(&self) -> u32 {
        match self {
            Naive::Done { n, .. }
            | Naive::Waiting { n }
            | Naive::Working { n, .. }
            | Naive::Cancelled { n }
            | Naive::Failed { n, .. }
            | Naive::Refused { n } => *n,
        }
    }

    fn inline(n: u32) -> Naive {
        if n > FIB_NAIVE_MAX_N {
            return Naive::Refused { n };
        }
        if n > NAIVE_INLINE_MAX_N {
            return Naive::Waiting { n };
        }
        let t0 = now_ms();
        match lab::fib_naive(n) {
            Some((value, calls)) => Naive::Done {
                n,
                value,
                calls,
                ms: now_ms() - t0,
                in_worker: false,
            },
            None => Naive::Refused { n },
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct NaiveCardProps {
    pub n: u32,
}

#[component]
pub fn NaiveCard(props: &NaiveCardProps) -> Html {
    let n = props.n;
    let naive = use_state(|| Naive::inline(n));
    let worker = use_worker_job();
    {
        let (naive, worker) = (naive.clone(), worker.clone());
        use_effect_with(n, move |&n| {
            worker.cancel();
            if naive.n() != n {
                naive.set(Naive::inline(n));
            }
        });
    }
    let run = {
        let (naive, worker) = (naive.clone(), worker.clone());
        Callback::from(move |_: MouseEvent| {
            naive.set(Naive::Working {
                n,
                done: 0.0,
                total: lab::naive_call_count(n).unwrap_or(1) as f64,
            });
            let naive = naive.clone();
            worker.start(Job::Naive { n }, move |message| match message {
                WorkerMessage::Progress { done, total, .. } => {
                    naive.set(Naive::Working { n, done, total })
                }
                WorkerMessage::Naive {
                    n,
                    value,
                    calls,
                    ms,
                } => naive.set(Naive::Done {
                    n,
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
    let cancel = {
        let naive = naive.clone();
        Callback::from(move |_: MouseEvent| {
            worker.cancel();
            naive.set(Naive::Cancelled { n });
        })
    };
    // This browser's speed at naive calls, to turn a call count into a time estimate.
    let calls_per_ms = use_memo((), |_| {
        let calls = lab::naive_call_count(20).unwrap_or(21_891) as f64;
        let ms = time_per_call(8.0, 512, || {
            std::hint::black_box(lab::fib_naive(std::hint::black_box(20)));
        });
        // A clock that did not tick gives no speed rather than an infinite one.
        if ms > 0.0 { calls / ms } else { f64::NAN }
    });
    let estimate = |n: u32| estimate(n, *calls_per_ms);

    let body = match &*naive {
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
                    <dt>{ format!("F({FIB_NAIVE_MAX_N}) would be") }</dt><dd>{ estimate(FIB_NAIVE_MAX_N) }</dd>
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

/// "N calls, about T at this browser's measured speed".
fn estimate(n: u32, calls_per_ms: f64) -> String {
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
        None => "more than 18 quintillion (2⁶⁴) calls: longer than the age of the universe".into(),
    }
}
