//! The Bench tab in Firefox: a run from the link, the estimate before a run, progress
//! and Stop, and the chart reading the same as the table.

use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::app::tabs::bench::{RatioChart, ResultsTable, Row};
use wasm_playground::lab::report::{Report, ResultRow};
use yew::prelude::*;

use crate::support::*;

#[wasm_bindgen_test]
async fn autorun_produces_a_report_with_every_selected_case() {
    let app = Mounted::at("#/bench?autorun=1&groups=memory").await;
    let mut report = None;
    for _ in 0..600 {
        if let Some(pre) = app.query("#bench-report-json") {
            report = Some(pre.text_content().unwrap_or_default());
            break;
        }
        settle().await;
    }
    let report = Report::from_json(&report.expect("the run finishes")).unwrap();
    assert!(report.browser.starts_with("Firefox"));
    let copy = report
        .results
        .iter()
        .find(|r| r.name == "memory/copy/16MiB")
        .expect("the bandwidth line");
    assert!(copy.wasm_ms > 0.0 && copy.js_ms > 0.0);
    assert!(copy.runs >= 1);
    // The table shows a row per case.
    assert!(app.query("[data-case='memory/copy/16MiB']").is_some());
}

#[wasm_bindgen_test]
async fn every_tab_with_a_speed_claim_is_in_the_suite() {
    let tabs: Vec<&str> = wasm_playground::web::suite::groups()
        .iter()
        .map(|g| g.tab)
        .collect();
    for tab in [
        "compute", "strings", "json", "vdom", "signals", "canvas", "memory",
    ] {
        assert!(
            tabs.contains(&tab),
            "{tab} missing from the Bench suite: {tabs:?}"
        );
    }
    let app = Mounted::at("#/bench").await;
    let boxes = app
        .root
        .query_selector_all(".bench-groups input[type=checkbox]")
        .unwrap();
    assert_eq!(boxes.length() as usize, tabs.len());
}

fn result(name: &str, wasm_ms: f64, js_ms: f64) -> ResultRow {
    ResultRow {
        name: name.into(),
        wasm_ms,
        js_ms,
        runs: 7,
        label: name.into(),
    }
}

fn fixture_rows() -> Vec<ResultRow> {
    vec![
        result("a/js-wins/1", 3.21, 1.0),
        result("a/wasm-wins/1", 1.0, 2.5),
        result("a/huge/1", 1.0, 328_535.64),
        result("a/tie/1", 1.0, 1.01),
    ]
}

#[component]
fn ResultsFixture() -> Html {
    let rows = fixture_rows();
    let table: Vec<Row> = rows
        .iter()
        .map(|r| Row {
            name: r.name.clone(),
            label: r.label.clone(),
            outcome: Ok((r.wasm_ms, r.js_ms, r.runs)),
        })
        .collect();
    html! {
        <>
            <RatioChart rows={rows} />
            <ResultsTable rows={table} />
        </>
    }
}

#[wasm_bindgen_test]
async fn the_chart_says_who_won_in_the_tables_words_with_grouped_ratios() {
    let app = Mounted::component::<ResultsFixture>("#/bench").await;
    for r in fixture_rows() {
        let chart = text_of(
            &app,
            &format!(".chart-row[data-case='{}'] .chart-verdict", r.name),
        );
        let table = text_of(&app, &format!("tr[data-case='{}'] .ratio-verdict", r.name));
        assert_eq!(chart, table, "{}", r.name);
    }
    assert_eq!(
        text_of(&app, ".chart-row[data-case='a/js-wins/1'] .chart-verdict"),
        "JS 3.2× faster"
    );
    assert_eq!(
        text_of(&app, ".chart-row[data-case='a/huge/1'] .chart-verdict"),
        "WASM 328,535.6× faster"
    );
    assert!(!app.text().contains("1/"), "{}", app.text());
    // The verdict is a cell of its own, beside the bar, never text drawn over it.
    let bars = app
        .root
        .query_selector_all(".chart-track .chart-bar")
        .unwrap();
    assert_eq!(bars.length(), 4);
    assert!(app.query(".chart-track .chart-verdict").is_none());
    // JavaScript's win is drawn left of the 1× line, WASM's right of it.
    let style = |case: &str| {
        app.get(&format!(".chart-row[data-case='{case}'] .chart-bar"))
            .get_attribute("style")
            .unwrap()
    };
    assert!(
        style("a/js-wins/1").contains("width:"),
        "{}",
        style("a/js-wins/1")
    );
    assert!(
        style("a/wasm-wins/1").starts_with("left:50.00%"),
        "{}",
        style("a/wasm-wins/1")
    );
    assert!(!style("a/js-wins/1").starts_with("left:50.00%"));
}

#[wasm_bindgen_test]
async fn before_a_run_the_tab_says_how_long_it_will_take() {
    let app = Mounted::at("#/bench?groups=memory,image").await;
    let estimate = text_of(&app, "#bench-estimate");
    assert!(estimate.contains("2 groups: about"), "{estimate}");
    // The group whose steps cannot be split says so before it runs.
    assert!(estimate.contains("cannot be split"), "{estimate}");
    let image = app
        .root
        .query_selector_all(".bench-groups input[type=checkbox]")
        .unwrap();
    assert!(image.length() > 2);
}

#[wasm_bindgen_test]
async fn a_run_reports_progress_remembers_its_duration_and_can_be_stopped() {
    let _ = wasm_playground::web::storage::remove("wasm-playground:bench-durations");
    let app = Mounted::at("#/bench?groups=compute").await;
    assert!(text_of(&app, "#bench-estimate").contains("has not run them yet"));
    app.get("#bench-run").click();
    let progress = wait_for_text(&app, ".bench-progress", |t| t.contains("sample")).await;
    assert!(progress.contains("Group 1 of 1"), "{progress}");
    assert!(progress.contains("left"), "{progress}");
    app.get("#bench-stop").click();
    wait_until("the stop", || app.query("#bench-report-json").is_some()).await;
    assert!(text_of(&app, ".bench-tab").contains("Stopped"));
    let cases = wasm_playground::web::compute::bench_cases().len();
    let rows = app
        .root
        .query_selector_all("#bench-results tbody tr")
        .unwrap()
        .length();
    assert!((rows as usize) < cases, "{rows} of {cases} cases ran");

    // A run that finishes is remembered, and the next estimate says so.
    drop(app);
    let app = Mounted::at("#/bench?groups=memory").await;
    app.get("#bench-run").click();
    wait_until("the run", || app.query("#bench-report-json").is_some()).await;
    let estimate = text_of(&app, "#bench-estimate");
    assert!(
        estimate.contains("from the last run in this browser"),
        "{estimate}"
    );
}
