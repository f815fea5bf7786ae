//! The Bench tab (`#/bench`): every WASM-vs-JavaScript pair the tabs define, run in one
//! place, with an estimate of how long it takes before it starts, a chart of the ratios,
//! a table, and JSON/CSV export. `?autorun=1` starts the run on load and
//! `?groups=image,memory` preselects groups; the headless benchmark command
//! (`./dev bench`) uses both and reads the finished report from `#bench-report-json`.
//!
//! | file | part |
//! |---|---|
//! | `run.rs` | running the chosen groups (`use_bench_run`) |
//! | `controls.rs` | the group picker, the estimate, the progress line |
//! | `results.rs` | the chart and the table |

mod controls;
mod results;
mod run;

pub use results::{RatioChart, ResultsTable};
pub use run::Row;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::Route;
use crate::app::hooks::use_query_state;
use crate::lab::report::{Report, ResultRow};
use crate::web::{dom, features, suite};
use run::Phase;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct BenchQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    autorun: Option<String>,
    /// Comma-separated group ids to preselect, e.g. `groups=image,memory`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    groups: Option<String>,
}

#[component]
pub fn BenchTab() -> Html {
    let groups = use_memo((), |_| suite::groups());
    let env = use_memo((), |_| features::detect());
    let query = use_query_state::<BenchQuery>(Route::Bench);
    let selected = use_state(|| {
        groups
            .iter()
            .map(|g| g.tab)
            .filter(|t| match &query.groups {
                Some(list) => list.split(',').any(|w| w.trim() == *t),
                None => true,
            })
            .collect::<Vec<_>>()
    });
    let bench = run::use_bench_run();
    let running = matches!(bench.phase, Phase::Running(_));
    // Re-read after each run: the durations it measured make the next estimate.
    let previous = use_memo(running, |_| suite::load_durations());

    // `?autorun=1`: start once on mount (the headless run and shared links use it).
    {
        let (start, selected) = (bench.start.clone(), selected.clone());
        let autorun = query.autorun.as_deref() == Some("1");
        use_effect_with((), move |_| {
            if autorun {
                start.emit((*selected).clone());
            }
        });
    }
    let on_toggle = {
        let selected = selected.clone();
        Callback::from(move |tab: &'static str| {
            let mut next = (*selected).clone();
            match next.iter().position(|t| *t == tab) {
                Some(i) => {
                    next.remove(i);
                }
                None => next.push(tab),
            }
            selected.set(next);
        })
    };
    let report = use_memo(bench.rows.clone(), |rows| make_report(&env, rows));
    let export = |name: &'static str, mime: &'static str, csv: bool| {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            let text = if csv {
                report.to_csv()
            } else {
                report.to_json()
            };
            let _ = dom::download(name, mime, text.as_bytes());
        })
    };

    html! {
        <div class="bench-tab">
            <h2>{ "Bench" }</h2>
            <p class="lede-text">
                { "Every claim in this lab that WASM is faster (or not) is one of these pairs: the same work written in Rust \
                   compiled to WebAssembly and in JavaScript, timed the same way in this page. Each side is warmed up, then \
                   sampled repeatedly; the table shows medians. Nothing here is a promise about your browser until you press Run." }
            </p>
            <table class="facts">
                <tbody>
                    <tr><th scope="row">{ "Browser" }</th><td id="bench-browser">{ features::browser_name(&env.user_agent) }</td></tr>
                    <tr><th scope="row">{ "SIMD" }</th><td>{ if env.simd { "yes" } else { "no" } }</td></tr>
                    <tr><th scope="row">{ "Logical cores" }</th><td>{ env.cores }</td></tr>
                </tbody>
            </table>

            <controls::GroupPicker groups={groups.clone()} selected={(*selected).clone()} {on_toggle} disabled={running} />
            if !running {
                { controls::estimate_view(&groups, &selected, &previous) }
            }
            <div class="bench-controls">
                <button id="bench-run" class="button primary" disabled={running || selected.is_empty()}
                        onclick={let (start, selected) = (bench.start.clone(), selected.clone());
                                 move |_| start.emit((*selected).clone())}>
                    { if running { "Running…" } else { "Run all" } }
                </button>
                if running {
                    <button class="button" id="bench-stop" onclick={bench.stop.reform(|_: MouseEvent| ())}>{ "Stop" }</button>
                }
                if !bench.rows.is_empty() && !running {
                    <button class="button" onclick={export("wasm-playground-bench.json", "application/json", false)}>{ "Export JSON" }</button>
                    <button class="button" onclick={export("wasm-playground-bench.csv", "text/csv", true)}>{ "Export CSV" }</button>
                }
            </div>
            { controls::progress_view(&bench.phase) }
            if let Phase::Finished { stopped: true } = bench.phase {
                <p class="note" role="status">{ "Stopped: the table holds the cases that finished." }</p>
            }

            if !bench.rows.is_empty() {
                <RatioChart rows={report.results.clone()} />
                <ResultsTable rows={(*bench.rows).clone()} />
            }
            if matches!(bench.phase, Phase::Finished { .. }) {
                // The finished report, machine-readable, for the headless benchmark run.
                <pre id="bench-report-json" hidden=true>{ report.to_json() }</pre>
            }
        </div>
    }
}

fn make_report(env: &features::Features, rows: &[Row]) -> Report {
    let name = features::browser_name(&env.user_agent);
    let (browser, version) = match name.split_once(' ') {
        Some((b, v)) => (b.to_string(), v.to_string()),
        None => (name, String::new()),
    };
    Report {
        browser,
        version,
        simd: env.simd,
        cores: env.cores,
        results: rows
            .iter()
            .filter_map(|r| {
                let (wasm_ms, js_ms, runs) = r.outcome.clone().ok()?;
                Some(ResultRow {
                    name: r.name.clone(),
                    wasm_ms,
                    js_ms,
                    runs,
                    label: r.label.clone(),
                })
            })
            .collect(),
    }
}
