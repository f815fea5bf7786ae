//! The Bench tab (`#/bench`): every WASM-vs-JavaScript pair the tabs define, run in one
//! place, with a table, a chart of the ratios, and JSON/CSV export. `?autorun=1` starts
//! the run on load; the headless benchmark command (`./dev bench`) uses that and reads
//! the finished report from `#bench-report-json`.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::widgets::RatioBar;
use crate::lab::fmt::{duration_ms, ratio};
use crate::lab::report::{Report, ResultRow};
use crate::web::bench;
use crate::web::{dom, features, suite};

#[derive(Clone, PartialEq)]
struct Row {
    name: String,
    label: String,
    outcome: Result<(f64, f64, u32), String>,
}

#[derive(Clone, PartialEq)]
enum Phase {
    Idle,
    Running {
        done: usize,
        total: usize,
        current: String,
    },
    Finished,
}

#[derive(serde::Deserialize, Default)]
struct BenchQuery {
    #[serde(default)]
    autorun: Option<String>,
    /// Comma-separated tab names to preselect, e.g. `groups=image,memory`.
    #[serde(default)]
    groups: Option<String>,
}

#[component]
pub fn BenchTab() -> Html {
    let groups = use_memo((), |_| suite::groups());
    let env = use_memo((), |_| features::detect());
    let query = use_location()
        .and_then(|l| l.query::<BenchQuery>().ok())
        .unwrap_or_default();
    let autorun = query.autorun.as_deref() == Some("1");
    let selected = {
        let wanted = query.groups.clone();
        let groups = groups.clone();
        use_state(move || {
            let all = groups.iter().map(|g| g.tab);
            match wanted {
                Some(list) => all
                    .filter(|t| list.split(',').any(|w| w.trim() == *t))
                    .collect::<Vec<_>>(),
                None => all.collect(),
            }
        })
    };
    let rows = use_state(Vec::<Row>::new);
    let phase = use_state(|| Phase::Idle);
    let cancel = use_mut_ref(|| false);

    let run = {
        let rows = rows.clone();
        let phase = phase.clone();
        let selected = selected.clone();
        let cancel = cancel.clone();
        Callback::from(move |_: ()| {
            if matches!(*phase, Phase::Running { .. }) {
                return;
            }
            *cancel.borrow_mut() = false;
            let chosen: Vec<suite::Group> = suite::groups()
                .into_iter()
                .filter(|g| selected.contains(&g.tab))
                .collect();
            let rows = rows.clone();
            let phase = phase.clone();
            let cancel = cancel.clone();
            yew::platform::spawn_local(async move {
                let mut done_rows = Vec::new();
                rows.set(Vec::new());
                // Cases are built one group at a time: some allocate large inputs.
                let total_groups = chosen.len();
                for (gi, group) in chosen.iter().enumerate() {
                    phase.set(Phase::Running {
                        done: gi,
                        total: total_groups,
                        current: group.title.to_string(),
                    });
                    bench::yield_now().await;
                    let cases = (group.cases)();
                    for case in &cases {
                        if *cancel.borrow() {
                            break;
                        }
                        phase.set(Phase::Running {
                            done: gi,
                            total: total_groups,
                            current: case.label.clone(),
                        });
                        bench::yield_now().await;
                        let outcome = bench::run_case(case).await.map(|r| {
                            (
                                r.wasm.median_ms,
                                r.js.median_ms,
                                r.wasm.samples.min(r.js.samples),
                            )
                        });
                        done_rows.push(Row {
                            name: case.name.clone(),
                            label: case.label.clone(),
                            outcome,
                        });
                        rows.set(done_rows.clone());
                    }
                }
                phase.set(Phase::Finished);
            });
        })
    };

    // `?autorun=1`: start once on mount (the headless run and shared links use it).
    {
        let run = run.clone();
        use_effect_with(autorun, move |autorun| {
            if *autorun {
                run.emit(());
            }
        });
    }

    let report = Rc::new(make_report(&env, &rows));
    let running = matches!(*phase, Phase::Running { .. });
    let export_json = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = dom::download(
                "wasm-playground-bench.json",
                "application/json",
                report.to_json().as_bytes(),
            );
        })
    };
    let export_csv = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = dom::download(
                "wasm-playground-bench.csv",
                "text/csv",
                report.to_csv().as_bytes(),
            );
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

            <fieldset class="bench-groups" disabled={running}>
                <legend>{ "Cases to run" }</legend>
                { for groups.iter().map(|g| {
                    let checked = selected.contains(&g.tab);
                    let tab = g.tab;
                    let onchange = {
                        let selected = selected.clone();
                        Callback::from(move |_: Event| {
                            let mut next = (*selected).clone();
                            if let Some(i) = next.iter().position(|t| *t == tab) { next.remove(i); } else { next.push(tab); }
                            selected.set(next);
                        })
                    };
                    html! {
                        <label class="check">
                            <input type="checkbox" checked={checked} {onchange} />{ " " }{ g.title }
                        </label>
                    }
                }) }
            </fieldset>

            <div class="bench-controls">
                <button id="bench-run" class="button primary" disabled={running || selected.is_empty()}
                        onclick={let run = run.clone(); move |_| run.emit(())}>
                    { if running { "Running…" } else { "Run all" } }
                </button>
                if running {
                    <button class="button" onclick={let cancel = cancel.clone(); move |_| *cancel.borrow_mut() = true}>{ "Stop after this case" }</button>
                }
                if let Phase::Running { done, total, current } = &*phase {
                    <progress max={total.to_string()} value={done.to_string()} aria-label="Benchmark progress" />
                    <span class="note" aria-live="polite">{ format!("Running: {current}") }</span>
                }
                if !rows.is_empty() && !running {
                    <button class="button" onclick={export_json}>{ "Export JSON" }</button>
                    <button class="button" onclick={export_csv}>{ "Export CSV" }</button>
                }
            </div>

            if !rows.is_empty() {
                <RatioChart rows={report.results.clone()} />
                <div class="table-scroll">
                    <table class="bench-table" id="bench-results">
                        <thead><tr>
                            <th scope="col">{ "Case" }</th>
                            <th scope="col">{ "WASM" }</th>
                            <th scope="col">{ "JS" }</th>
                            <th scope="col">{ "Comparison" }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|r| match &r.outcome {
                                Ok((w, j, _)) => html! {
                                    <tr data-case={r.name.clone()}>
                                        <th scope="row">{ &r.label }<br/><small><code>{ &r.name }</code></small></th>
                                        <td>{ duration_ms(*w) }</td>
                                        <td>{ duration_ms(*j) }</td>
                                        <td><RatioBar wasm_ms={*w} js_ms={*j} /></td>
                                    </tr>
                                },
                                Err(e) => html! {
                                    <tr data-case={r.name.clone()}>
                                        <th scope="row">{ &r.label }<br/><small><code>{ &r.name }</code></small></th>
                                        <td colspan="3" class="field-error">{ e }</td>
                                    </tr>
                                },
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if *phase == Phase::Finished {
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

#[derive(Properties, PartialEq)]
struct RatioChartProps {
    rows: Vec<ResultRow>,
}

/// WASM speedup per case on a log scale: bars right of the 1× line mean WASM was
/// faster, bars left mean JavaScript was.
#[component]
fn RatioChart(props: &RatioChartProps) -> Html {
    let rows: Vec<&ResultRow> = props
        .rows
        .iter()
        .filter(|r| r.speedup().is_some())
        .collect();
    if rows.is_empty() {
        return html! {};
    }
    let row_h = 26.0;
    let label_w = 260.0;
    let chart_w = 420.0;
    let width = label_w + chart_w + 20.0;
    let height = row_h * rows.len() as f64 + 40.0;
    // Symmetric log scale, at least 4x each way, wide enough for the largest ratio.
    let extent = rows
        .iter()
        .filter_map(|r| r.speedup())
        .map(|s| s.log2().abs())
        .fold(2.0_f64, f64::max)
        .min(10.0);
    let x = |speedup: f64| {
        label_w + chart_w / 2.0 + (speedup.log2().clamp(-extent, extent) / extent) * (chart_w / 2.0)
    };
    let mid = x(1.0);
    html! {
        <svg class="ratio-chart" viewBox={format!("0 0 {width} {height}")} role="img"
             aria-label="WASM speed-up per case, log scale; right of the line WASM is faster">
            <line x1={mid.to_string()} x2={mid.to_string()} y1="0" y2={(height - 24.0).to_string()} class="axis" />
            <text x={(label_w + 4.0).to_string()} y={(height - 6.0).to_string()} class="axis-label">{ "← JS faster" }</text>
            <text x={(width - 24.0).to_string()} y={(height - 6.0).to_string()} class="axis-label end">{ "WASM faster →" }</text>
            <text x={mid.to_string()} y={(height - 6.0).to_string()} class="axis-label middle">{ "1×" }</text>
            { for rows.iter().enumerate().map(|(i, r)| {
                let s = r.speedup().unwrap_or(1.0);
                let y = i as f64 * row_h + 4.0;
                let (x0, x1) = if s >= 1.0 { (mid, x(s)) } else { (x(s), mid) };
                let class = if s >= 1.0 { "bar-wasm" } else { "bar-js" };
                html! {
                    <g>
                        <text x={(label_w - 8.0).to_string()} y={(y + row_h * 0.62).to_string()} class="case-label">{ short(&r.name) }</text>
                        <rect x={x0.to_string()} y={y.to_string()} width={(x1 - x0).max(1.0).to_string()} height={(row_h - 8.0).to_string()} class={class} rx="3" />
                        <text x={(x1.max(x0) + 4.0).min(width - 60.0).to_string()} y={(y + row_h * 0.62).to_string()} class="ratio-label">
                            // The side of the 1× line says who won; the label says by how much.
                            { ratio(s.max(1.0 / s)) }
                        </text>
                    </g>
                }
            }) }
        </svg>
    }
}

fn short(name: &str) -> String {
    if name.chars().count() > 34 {
        format!("{}…", name.chars().take(33).collect::<String>())
    } else {
        name.to_string()
    }
}
