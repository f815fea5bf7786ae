//! The frame around the tabs: a newly opened tab starts at its top.

use wasm_playground_e2e::pages::WAIT;
use wasm_playground_e2e::shared_server as server;
use wasm_playground_e2e::webdriver::Browser;

fn scroll_y(b: &Browser) -> f64 {
    b.exec("return window.scrollY", vec![])
        .unwrap()
        .as_f64()
        .unwrap_or(-1.0)
}

fn wait_selected(b: &Browser, id: &str) {
    b.wait_for(
        &format!("tab {id}"),
        &format!("const t = document.querySelector('[role=tab][aria-selected=true]'); return t && t.id === 'tab-{id}' && !!document.querySelector('#tab-panel.tab-{id}');"),
        WAIT,
    )
    .unwrap();
}

#[test]
fn a_newly_opened_tab_starts_at_its_top() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/strings")).unwrap();
    wait_selected(&b, "strings");
    b.exec("window.scrollTo(0, 2500)", vec![]).unwrap();
    assert!(
        scroll_y(&b) > 1000.0,
        "the Strings tab is long enough to scroll"
    );
    b.click("#tab-signals").unwrap();
    wait_selected(&b, "signals");
    b.wait_for("the top of the page", "return window.scrollY === 0", WAIT)
        .unwrap();

    // A link inside a page (the overview's cards) opens its tab at the top too.
    b.click("#tab-overview").unwrap();
    wait_selected(&b, "overview");
    b.exec("window.scrollTo(0, document.body.scrollHeight)", vec![])
        .unwrap();
    assert!(scroll_y(&b) > 100.0);
    b.click(".tab-cards a[href='#/json']").unwrap();
    wait_selected(&b, "json");
    b.wait_for("the top of the page", "return window.scrollY === 0", WAIT)
        .unwrap();

    // Keys in the tab bar too.
    b.exec("window.scrollTo(0, 1500)", vec![]).unwrap();
    b.exec("document.getElementById('tab-json').focus()", vec![])
        .unwrap();
    b.send_keys_to_active("\u{E014}").unwrap(); // ArrowRight
    wait_selected(&b, "canvas");
    b.wait_for("the top of the page", "return window.scrollY === 0", WAIT)
        .unwrap();
}
