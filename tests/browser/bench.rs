use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::lab::report::Report;

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
