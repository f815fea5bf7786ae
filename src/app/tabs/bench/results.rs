//! The results: a chart of the speed-ups and a table of the medians. Both say who won in
//! the same words (`lab::fmt::speed_verdict`), so the chart never reads differently
//! from the table.

use yew::prelude::*;

use super::run::Row;
use crate::app::widgets::RatioBar;
use crate::lab::fmt::{duration_ms, ratio};
use crate::lab::report::{RatioScale, ResultRow};

#[derive(Properties, PartialEq)]
pub struct RatioChartProps {
    pub rows: Vec<ResultRow>,
}

/// WASM speed-up per case on a log scale: a bar right of the 1× line means WASM was
/// faster, left means JavaScript was. Each row is a grid of three cells (name, bar,
/// verdict), so a label never lies over a bar, at any width.
#[component]
pub fn RatioChart(props: &RatioChartProps) -> Html {
    let rows: Vec<&ResultRow> = props
        .rows
        .iter()
        .filter(|r| r.speedup().is_some())
        .collect();
    if rows.is_empty() {
        return html! {};
    }
    let scale = RatioScale::for_rows(&props.rows);
    let edge = ratio(scale.edge());
    html! {
        <figure class="ratio-chart" id="bench-chart">
            <figcaption class="note">
                { format!("WASM speed-up per case, on a log scale from {edge} (JavaScript faster, left) \
                           to {edge} (WASM faster, right); the line in the middle is 1×.") }
            </figcaption>
            <ul class="chart-rows">
                { for rows.iter().map(|r| {
                    let speedup = r.speedup().unwrap_or(1.0);
                    let (start, width) = scale.bar(speedup);
                    let side = if speedup >= 1.0 { "wasm" } else { "js" };
                    html! {
                        <li class="chart-row" data-case={r.name.clone()}>
                            <span class="chart-name">{ &r.name }</span>
                            <span class="chart-track" aria-hidden="true">
                                <span class={classes!("chart-bar", side)}
                                      style={format!("left:{start:.2}%;width:{width:.2}%")}></span>
                            </span>
                            <span class="chart-verdict">{ r.verdict() }</span>
                        </li>
                    }
                }) }
            </ul>
            <div class="chart-axis" aria-hidden="true">
                <span class="chart-axis-track">
                    <span>{ "← JS faster" }</span><span>{ "1×" }</span><span>{ "WASM faster →" }</span>
                </span>
            </div>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    pub rows: Vec<Row>,
}

/// One row per case: its label and name, both medians, and the comparison.
#[component]
pub fn ResultsTable(props: &ResultsTableProps) -> Html {
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Benchmark results">
            <table class="bench-table" id="bench-results">
                <thead><tr>
                    <th scope="col">{ "Case" }</th>
                    <th scope="col">{ "WASM" }</th>
                    <th scope="col">{ "JS" }</th>
                    <th scope="col">{ "Comparison" }</th>
                </tr></thead>
                <tbody>
                    { for props.rows.iter().map(|r| match &r.outcome {
                        Ok((wasm, js, _)) => html! {
                            <tr data-case={r.name.clone()}>
                                <th scope="row">{ &r.label }<br/><small><code>{ &r.name }</code></small></th>
                                <td>{ duration_ms(*wasm) }</td>
                                <td>{ duration_ms(*js) }</td>
                                <td><RatioBar wasm_ms={*wasm} js_ms={*js} /></td>
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
}
