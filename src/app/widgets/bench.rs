use yew::prelude::*;

use crate::lab::fmt::{duration_ms, speed_verdict};
use crate::web::bench::{self, BenchCase, PairResult};

#[derive(Properties, PartialEq)]
pub struct BenchPanelProps {
    /// Builds the cases when Run is pressed, so they use the inputs of that moment.
    pub make_cases: Callback<(), Vec<BenchCase>>,
    #[prop_or_else(|| "Run the benchmark".into())]
    pub button: AttrValue,
    /// What is being compared, in a sentence.
    #[prop_or_default]
    pub description: Option<AttrValue>,
}

#[derive(Clone, PartialEq)]
struct Row {
    label: String,
    name: String,
    result: Result<PairResult, String>,
}

/// A Run button, a progress bar, and a table of WASM vs JS timings with their ratio.
#[component]
pub fn BenchPanel(props: &BenchPanelProps) -> Html {
    let rows = use_state(Vec::<Row>::new);
    let progress = use_state(|| None::<(usize, usize)>);

    let run = {
        let rows = rows.clone();
        let progress = progress.clone();
        let make_cases = props.make_cases.clone();
        Callback::from(move |_: MouseEvent| {
            if progress.is_some() {
                return;
            }
            let cases = make_cases.emit(());
            let rows = rows.clone();
            let progress = progress.clone();
            progress.set(Some((0, cases.len())));
            yew::platform::spawn_local(async move {
                let mut done = Vec::with_capacity(cases.len());
                for (i, case) in cases.iter().enumerate() {
                    // Let the progress bar paint before a case takes the main thread.
                    bench::yield_now().await;
                    let result = bench::run_case(case).await;
                    done.push(Row {
                        label: case.label.clone(),
                        name: case.name.clone(),
                        result,
                    });
                    rows.set(done.clone());
                    progress.set(Some((i + 1, cases.len())));
                }
                progress.set(None);
            });
        })
    };

    let running = progress.is_some();
    html! {
        <section class="bench-panel" aria-label="Benchmark">
            if let Some(text) = &props.description {
                <p class="note">{ text }</p>
            }
            <div class="bench-controls">
                <button class="button primary" onclick={run} disabled={running} aria-busy={running.to_string()}>
                    { if running { "Running…".into() } else { props.button.clone() } }
                </button>
                if let Some((done, total)) = *progress {
                    <progress max={total.to_string()} value={done.to_string()}
                              aria-label="Benchmark progress">{ format!("{done} of {total}") }</progress>
                    <span class="note">{ format!("{done} of {total} cases") }</span>
                }
            </div>
            if !rows.is_empty() {
                <div class="table-scroll">
                    <table class="bench-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Case" }</th>
                                <th scope="col">{ "WASM median" }</th>
                                <th scope="col">{ "JS median" }</th>
                                <th scope="col">{ "Comparison" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for rows.iter().map(row_view) }
                        </tbody>
                    </table>
                </div>
                <p class="note">
                    { "Per-iteration times; median of repeated samples after a warm-up (min–max below). \
                       Measured in this browser just now: other tabs, power saving and the browser's timer \
                       precision move these numbers, so run it again before trusting a small difference." }
                </p>
            }
        </section>
    }
}

fn row_view(row: &Row) -> Html {
    match &row.result {
        Ok(r) => html! {
            <tr data-case={row.name.clone()}>
                <th scope="row">{ &row.label }</th>
                <td>{ duration_ms(r.wasm.median_ms) }<br/>
                    <small>{ format!("{}–{}", duration_ms(r.wasm.min_ms), duration_ms(r.wasm.max_ms)) }</small></td>
                <td>{ duration_ms(r.js.median_ms) }<br/>
                    <small>{ format!("{}–{}", duration_ms(r.js.min_ms), duration_ms(r.js.max_ms)) }</small></td>
                <td><RatioBar wasm_ms={r.wasm.median_ms} js_ms={r.js.median_ms} /></td>
            </tr>
        },
        Err(message) => html! {
            <tr data-case={row.name.clone()}>
                <th scope="row">{ &row.label }</th>
                <td colspan="3" class="field-error">{ message }</td>
            </tr>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct RatioBarProps {
    pub wasm_ms: f64,
    pub js_ms: f64,
}

/// Two bars, the longer one is the slower side, and a sentence saying who won by how much.
#[component]
pub fn RatioBar(props: &RatioBarProps) -> Html {
    let longest = props.wasm_ms.max(props.js_ms);
    let width = |ms: f64| {
        if longest > 0.0 && ms.is_finite() {
            (ms / longest * 100.0).clamp(1.0, 100.0)
        } else {
            1.0
        }
    };
    let verdict = speed_verdict(props.wasm_ms, props.js_ms);
    html! {
        <div class="ratio">
            <div class="ratio-bars" aria-hidden="true">
                <span class="bar wasm" style={format!("width:{:.1}%", width(props.wasm_ms))}>{ "WASM" }</span>
                <span class="bar js" style={format!("width:{:.1}%", width(props.js_ms))}>{ "JS" }</span>
            </div>
            <span class="ratio-verdict">{ verdict }</span>
        </div>
    }
}
