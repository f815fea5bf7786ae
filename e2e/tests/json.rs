//! The JSON tab in the release build: it loads, a sample loads and shows its stats, a
//! broken document shows its error position with a caret, a large document stays out
//! of the text box, and no panic banner appears.

use wasm_playground_e2e::shared_server as server;

use std::time::Duration;

use serde_json::json;
use wasm_playground_e2e::pages;
use wasm_playground_e2e::screenshot_dir;
use wasm_playground_e2e::webdriver::Browser;

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn json_tab_loads_a_sample_and_shows_an_error_position() {
    let server = server();
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server.url("#/json")).unwrap();
    b.wait_for(
        "the JSON tab",
        "const h = document.querySelector('[role=tabpanel] h2'); return h && h.textContent.includes('JSON');",
        WAIT,
    )
    .unwrap();
    // The small sample is parsed on load.
    b.wait_for(
        "stats of the small sample",
        "const s = document.getElementById('json-stats'); return s && s.textContent.includes('depth');",
        WAIT,
    )
    .unwrap();

    b.click("#json-sample-twitter").unwrap();
    let stats = b
        .wait_for(
            "stats of the twitter sample",
            "const s = document.getElementById('json-stats'); return s && s.textContent.includes('KiB') ? s.textContent : null;",
            WAIT,
        )
        .unwrap();
    assert!(stats.as_str().unwrap_or("").contains("strings"), "{stats}");
    // The bridge on the twitter sample: every path (with the typed structs) agrees.
    b.click("#json-bridge-run").unwrap();
    let summary = b
        .wait_for(
            "the bridge result",
            "const s = document.getElementById('json-bridge-summary'); return s && s.textContent;",
            WAIT,
        )
        .unwrap();
    assert!(summary.as_str().unwrap_or("").contains('✓'), "{summary}");
    let paths = b
        .exec(
            "return document.querySelectorAll('#json-bridge tbody tr').length",
            vec![],
        )
        .unwrap();
    assert_eq!(paths, json!(5), "four paths plus the typed structs");
    b.exec(
        "document.getElementById('json-bridge').scrollIntoView()",
        vec![],
    )
    .unwrap();
    b.screenshot(&screenshot_dir().join("json-bridge-1280.png"))
        .unwrap();
    b.exec("window.scrollTo(0, 0)", vec![]).unwrap();

    // A broken document: typed into the editor, parsed after the debounce. The twitter
    // sample is too large for the text box, so Clear brings the empty text box back.
    b.click("#json-clear").unwrap();
    b.wait_for_element("#json-input", WAIT).unwrap();
    b.exec(
        "const t = document.getElementById('json-input'); t.value = arguments[0]; t.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!("[\n  1,\n  2 3\n]")],
    )
    .unwrap();
    let message = b
        .wait_for(
            "the error message",
            "const e = document.getElementById('json-error'); return e && e.textContent;",
            WAIT,
        )
        .unwrap();
    assert!(
        message.as_str().unwrap_or("").contains("Line 3, column 5"),
        "{message}"
    );
    let excerpt = b
        .exec(
            "return document.getElementById('json-error-excerpt').textContent",
            vec![],
        )
        .unwrap();
    assert_eq!(excerpt, json!("  2 3\n    ^"));
    b.screenshot(&screenshot_dir().join("json-error-1280.png"))
        .unwrap();
    b.assert_no_error_banner();
}

#[test]
fn a_large_sample_shows_its_first_lines_instead_of_a_text_box_at_phone_width() {
    let b = Browser::start(1280, 900).unwrap();
    let url = server().phone_url("#/json?doc=citm");
    pages::open(&b, &url, "json", "light", true).unwrap();
    b.wait_text("#json-status", "Valid JSON: 1.76 MiB", WAIT);
    b.wait_for_element("#json-head", WAIT).unwrap();
    assert_eq!(
        b.exec("return document.getElementById('json-input')", vec![])
            .unwrap(),
        json!(null),
        "no text box for 1.76 MiB"
    );
    assert!(b.text("#json-large").contains("too large for the text box"));
    let over = b
        .exec(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .unwrap();
    assert_eq!(over, json!(0), "the page does not scroll sideways");
    b.screenshot(&screenshot_dir().join("json-large-375.png"))
        .unwrap();
    // A person who wants it in the text box anyway gets it.
    b.click("#json-edit-anyway").unwrap();
    b.wait_for(
        "the text box",
        "const t = document.getElementById('json-input'); return t && t.value.length > 1000000;",
        WAIT,
    )
    .unwrap();
    b.assert_no_error_banner();
}
