//! The frame around the tabs: a newly opened tab starts at its top, focus never hides
//! under the sticky tab bar, and a phone sees that the tab bar scrolls.

use serde_json::{Value, json};
use wasm_playground_e2e::pages::{self, WAIT};
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

#[test]
fn focus_never_hides_under_the_sticky_tab_bar() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/strings")).unwrap();
    wait_selected(&b, "strings");
    b.exec("window.scrollTo(0, document.body.scrollHeight)", vec![])
        .unwrap();
    // Going back up by keyboard lands on controls above the window: each must come into
    // view below the bar, not under it.
    let checked = b
        .exec(
            r#"
const bar = document.querySelector('.tabs-wrap');
const controls = [...document.querySelectorAll('#tab-panel input, #tab-panel button, #tab-panel summary')];
const results = [];
for (const c of controls.slice(0, 6)) {
  window.scrollTo(0, document.body.scrollHeight);
  c.focus();
  results.push([c.id || c.tagName, Math.round(c.getBoundingClientRect().top), Math.round(bar.getBoundingClientRect().bottom)]);
}
return results;
"#,
            vec![],
        )
        .unwrap();
    let rows = checked.as_array().cloned().unwrap_or_default();
    assert!(!rows.is_empty());
    for row in rows {
        let (top, bar) = (
            row[1].as_i64().unwrap_or(0),
            row[2].as_i64().unwrap_or(i64::MAX),
        );
        assert!(top >= bar, "{row}: focused control under the tab bar");
    }
}

#[test]
fn a_phone_sees_that_the_tab_bar_scrolls() {
    let b = Browser::start(1280, 900).unwrap();
    pages::open(&b, &server().phone_url("#/"), "overview", "light", true).unwrap();
    let bar: Value = b
        .exec(
            "const t = document.querySelector('.tabs'); const s = getComputedStyle(t); \
             return { more: t.scrollWidth > t.clientWidth, image: s.backgroundImage, attach: s.backgroundAttachment };",
            vec![],
        )
        .unwrap();
    assert_eq!(
        bar["more"],
        json!(true),
        "ten tabs do not fit in 375 px: {bar}"
    );
    let image = bar["image"].as_str().unwrap_or("");
    assert!(
        image.matches("linear-gradient").count() == 4
            && bar["attach"].as_str().unwrap_or("").contains("local"),
        "the bar shades the side that has more tabs: {bar}"
    );
}
