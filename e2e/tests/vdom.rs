//! The Virtual DOM tab in the release build: it loads by deep link, a preset runs through
//! our patcher and Yew to the same DOM, the keyed-list buttons rewrite "after", and step
//! mode applies one patch at a time with the touched node highlighted.

use wasm_playground_e2e::shared_server as server;

use std::time::Duration;

use serde_json::json;
use wasm_playground_e2e::screenshot_dir;
use wasm_playground_e2e::webdriver::Browser;

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn a_preset_runs_and_step_mode_works() {
    let server = server();
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server.url("#/vdom?preset=page")).unwrap();
    b.wait_for(
        "the patch list",
        "const l = document.getElementById('vdom-patches'); return l && l.children.length;",
        WAIT,
    )
    .unwrap();
    assert!(b.text("h2").contains("Virtual DOM"));
    b.wait_for(
        "both panes to agree",
        "const v = document.getElementById('vdom-yew-verdict'); return v && v.textContent.includes('✓');",
        WAIT,
    )
    .unwrap();
    assert!(b.text("#vdom-ours-verdict").contains('✓'));
    let same = b
        .exec(
            "return document.getElementById('vdom-ours').innerHTML === document.getElementById('vdom-yew').innerHTML",
            vec![],
        )
        .unwrap();
    assert_eq!(same, json!(true), "our patcher and Yew built the same DOM");
    let patches = b
        .exec(
            "return document.getElementById('vdom-patches').children.length",
            vec![],
        )
        .unwrap()
        .as_u64()
        .unwrap();

    // Step mode: reset, one step (highlighted), then the rest.
    b.click("#vdom-reset").unwrap();
    b.wait_for(
        "reset",
        &format!("return document.getElementById('vdom-step-status').textContent === '0 of {patches} applied';"),
        WAIT,
    )
    .unwrap();
    b.click("#vdom-step").unwrap();
    b.wait_for(
        "one step",
        &format!("return document.getElementById('vdom-step-status').textContent === '1 of {patches} applied';"),
        WAIT,
    )
    .unwrap();
    let marked = b
        .exec(
            "return document.querySelectorAll('#vdom-ours [data-vdom-touched]').length",
            vec![],
        )
        .unwrap();
    assert_eq!(marked, json!(1), "the touched node is outlined");
    b.element_screenshot(
        "#vdom-ours",
        &screenshot_dir().join("vdom-step-pane-1280.png"),
    )
    .unwrap();
    b.click("#vdom-apply-all").unwrap();
    b.wait_for(
        "all applied",
        &format!("return document.getElementById('vdom-step-status').textContent === '{patches} of {patches} applied';"),
        WAIT,
    )
    .unwrap();
    assert!(b.text("#vdom-ours-verdict").contains('✓'));
    b.assert_no_error_banner();

    // The keyed list: the preset URL loads it, Reverse rewrites "after".
    b.goto(&server.url("#/vdom?preset=keyed")).unwrap();
    b.wait_for(
        "the keyed preset",
        "const s = document.getElementById('vdom-summary'); return s && s.textContent.includes('2 moves');",
        WAIT,
    )
    .unwrap();
    b.click("#vdom-reverse").unwrap();
    b.wait_for(
        "the reversed list",
        "return document.getElementById('vdom-after').value.indexOf('key=\"g\"') < document.getElementById('vdom-after').value.indexOf('key=\"a\"');",
        WAIT,
    )
    .unwrap();
    b.wait_for(
        "the panes to agree after reverse",
        "return document.getElementById('vdom-ours').innerHTML === document.getElementById('vdom-yew').innerHTML && document.getElementById('vdom-ours-verdict').textContent.includes('✓');",
        WAIT,
    )
    .unwrap();
    b.assert_no_error_banner();
}

/// Not a test: runs the tab's benchmark in the release build and prints the table, so
/// the numbers quoted for this tab come from an optimised build. Run with
/// `cargo test -p wasm-playground-e2e --test vdom -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark, run by hand"]
fn vdom_benchmark_numbers() {
    let server = server();
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server.url("#/vdom")).unwrap();
    b.wait_for(
        "the tab",
        "return document.querySelector('.bench-panel button')",
        WAIT,
    )
    .unwrap();
    b.click(".bench-panel button").unwrap();
    let table = b
        .wait_for(
            "the benchmark to finish",
            "const rows = document.querySelectorAll('.bench-table tbody tr'); const busy = document.querySelector('.bench-panel button').disabled; return (!busy && rows.length === 28) ? [...rows].map(r => r.innerText.replace(/\\s+/g, ' ')).join('\\n') : null;",
            Duration::from_secs(600),
        )
        .unwrap();
    println!("{}", table.as_str().unwrap_or(""));
    let shot = screenshot_dir().join("vdom-bench-1280.png");
    b.element_screenshot("section[aria-labelledby='vdom-bench-title']", &shot)
        .unwrap();
}
