//! The Signals tab in the release build: type a formula into a spreadsheet cell with
//! the keyboard, see its value, and find it again after a reload (from the link) and
//! after opening the plain tab link (from localStorage).

use wasm_playground_e2e::shared_server as server;

use std::time::Duration;

use serde_json::json;
use wasm_playground_e2e::pages;
use wasm_playground_e2e::screenshot_dir;
use wasm_playground_e2e::webdriver::Browser;

const WAIT: Duration = Duration::from_secs(20);

fn wait_cell(b: &Browser, cell: &str, text: &str) {
    b.wait_for(
        &format!("{cell} to show {text}"),
        &format!(
            "const c = document.getElementById('sig-cell-{cell}'); return !!c && c.textContent === '{text}';"
        ),
        WAIT,
    )
    .unwrap();
}

#[test]
fn a_typed_formula_computes_and_survives_reload() {
    let server = server();
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server.url("#/signals")).unwrap();
    b.wait_for_element("#sig-grid", WAIT).unwrap();
    // Start from the sample, whatever an earlier run left behind.
    b.exec(
        "localStorage.removeItem('wasm-playground:signals:sheet'); location.hash = '#/signals'; location.reload();",
        vec![],
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    wait_cell(&b, "D2", "12");
    let heading = b
        .exec(
            "return document.querySelector('[role=tabpanel] h2').textContent",
            vec![],
        )
        .unwrap();
    assert_eq!(heading, json!("Signals"));

    // Click a cell, Enter to edit, type, Enter to save.
    b.click("#sig-cell-E15").unwrap();
    b.send_keys_to_active("\u{E007}").unwrap();
    b.wait_for(
        "the cell editor",
        "return document.activeElement && document.activeElement.id === 'sig-cell-input'",
        WAIT,
    )
    .unwrap();
    b.send_keys_to_active("=D8*2\u{E007}").unwrap();
    // D8 = SUM(D2:D6) = 12 + 20 + 10 + 18 + 15 = 75.
    wait_cell(&b, "E15", "150");
    b.assert_no_error_banner();
    // A picture of the sheet right after the edit, with the recompute counts on.
    b.click("#sig-show-counts").unwrap();
    b.exec(
        "document.getElementById('sig-sheet-h').scrollIntoView()",
        vec![],
    )
    .unwrap();
    b.screenshot(&screenshot_dir().join("signals-sheet-edit-1280.png"))
        .unwrap();

    // Reload: the link now carries the sheet.
    b.refresh().unwrap();
    wait_cell(&b, "E15", "150");
    // The plain tab link: the sheet comes back from localStorage.
    b.goto(&server.url("#/")).unwrap();
    b.goto(&server.url("#/signals")).unwrap();
    b.refresh().unwrap();
    wait_cell(&b, "E15", "150");
    let hash = b.exec("return location.hash", vec![]).unwrap();
    assert_eq!(hash, json!("#/signals"));
    b.assert_no_error_banner();
}

/// The smallest text in the dependency graph, in CSS pixels as drawn: the font size
/// times the SVG's scale on screen.
const SMALLEST_GRAPH_TEXT: &str = "\
    const texts = [...document.querySelectorAll('#sig-graph-svg text')]; \
    if (!texts.length) return null; \
    return Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a));";

#[test]
fn the_dependency_graph_is_readable_on_a_phone_and_wide() {
    let b = Browser::start(1280, 900).unwrap();
    let url = server().phone_url("#/signals");
    pages::open(&b, &url, "signals", "light", true).unwrap();
    b.wait_for_element("#sig-graph-svg text", WAIT).unwrap();
    let phone = b.exec(SMALLEST_GRAPH_TEXT, vec![]).unwrap();
    let phone = phone.as_f64().unwrap_or(0.0);
    assert!(phone >= 11.0, "graph text is {phone} px at 375 px wide");
    b.exec(
        "document.getElementById('sig-graph-svg').scrollIntoView()",
        vec![],
    )
    .unwrap();
    b.screenshot(&screenshot_dir().join("signals-graph-375.png"))
        .unwrap();
    b.leave_frames().unwrap();
    b.goto(&server().url("#/signals")).unwrap();
    b.wait_for_element("#sig-graph-svg text", WAIT).unwrap();
    let wide = b.exec(SMALLEST_GRAPH_TEXT, vec![]).unwrap();
    let wide = wide.as_f64().unwrap_or(0.0);
    assert!(wide >= 11.0, "graph text is {wide} px at 1280 px wide");
    b.assert_no_error_banner();
}
