//! The release build, served under a sub-path as on GitHub Pages, driven in headless
//! Firefox: every route by deep link and by clicking, reload, keyboard, and a
//! screenshot of every route at desktop and phone width, light and dark, under
//! target/e2e/.

use wasm_playground_e2e::shared_server as server;

use std::time::Duration;

use serde_json::json;
use wasm_playground_e2e::screenshot_dir;
use wasm_playground_e2e::server::PHONE_WIDTH;
use wasm_playground_e2e::webdriver::Browser;

/// (tab id, text its panel must show: every tab panel opens with an h2 of its title).
const ROUTES: &[(&str, &str)] = &[
    ("overview", "Rust and WebAssembly"),
    ("module", "The .wasm itself"),
    ("compute", "Compute"),
    ("strings", "Strings"),
    ("state", "State"),
    ("vdom", "Virtual DOM"),
    ("signals", "Signals"),
    ("json", "JSON"),
    ("canvas", "Canvas"),
    ("image", "Image"),
    ("bench", "Bench"),
];

const WAIT: Duration = Duration::from_secs(20);

fn hash_of(id: &str) -> String {
    if id == "overview" {
        "#/".into()
    } else {
        format!("#/{id}")
    }
}

/// Waits until the app has mounted and the tab `id` is the selected one; checks that
/// no panic banner or boot failure is on the page.
fn expect_route(b: &Browser, id: &str, title: &str) {
    b.wait_for(
        &format!("tab {id} to be selected"),
        &format!("const t = document.querySelector('[role=tab][aria-selected=true]'); return t && t.id === 'tab-{id}';"),
        WAIT,
    )
    .unwrap();
    let panel_text = b
        .exec(
            "return document.querySelector('[role=tabpanel]').innerText",
            vec![],
        )
        .unwrap();
    assert!(
        panel_text.as_str().unwrap_or("").contains(title),
        "panel of {id} mentions {title}: {panel_text}"
    );
    assert!(
        !b.error_banner_shown().unwrap(),
        "{id}: an error banner is showing"
    );
}

#[test]
fn every_route_by_deep_link_with_screenshots() {
    let server = server();
    let b = Browser::start(1280, 900).unwrap();
    for phone in [false, true] {
        for theme in ["light", "dark"] {
            for (id, marker) in ROUTES {
                if phone {
                    // Headless Firefox windows stay >= ~500 px wide: the app runs in a
                    // 375 px iframe instead, which gives it a real phone viewport.
                    b.leave_frames().unwrap();
                    b.goto(&server.phone_url(&hash_of(id))).unwrap();
                    b.wait_for("the phone frame", "const f = document.getElementById('phone'); return f && f.contentDocument && f.contentDocument.readyState === 'complete';", WAIT).unwrap();
                    b.enter_frame(0).unwrap();
                } else {
                    b.goto(&server.url(&hash_of(id))).unwrap();
                }
                let stored = b
                    .exec(
                        "return localStorage.getItem('wasm-playground:theme')",
                        vec![],
                    )
                    .unwrap();
                if stored != json!(theme) {
                    // The theme pick is remembered in storage: set it, reload.
                    b.exec("localStorage.setItem('wasm-playground:theme', arguments[0]); location.reload();", vec![json!(theme)]).unwrap();
                    std::thread::sleep(Duration::from_millis(300));
                }
                expect_route(&b, id, marker);
                let applied = b
                    .exec("return document.documentElement.dataset.theme", vec![])
                    .unwrap();
                assert_eq!(applied, json!(theme));
                // No page may scroll sideways as a whole, on a phone least of all.
                let overflow = b
                    .exec("return document.documentElement.scrollWidth - document.documentElement.clientWidth", vec![])
                    .unwrap();
                assert!(
                    overflow.as_i64().unwrap_or(1) <= 0,
                    "{id}: page is wider than the window by {overflow}px"
                );
                let suffix = if theme == "dark" { "-dark" } else { "" };
                if phone {
                    let width = b
                        .exec("return document.documentElement.clientWidth", vec![])
                        .unwrap();
                    assert_eq!(width, json!(PHONE_WIDTH - scrollbar(&b)));
                    b.leave_frames().unwrap();
                    b.element_screenshot(
                        "#phone",
                        &screenshot_dir().join(format!("{id}-{PHONE_WIDTH}{suffix}.png")),
                    )
                    .unwrap();
                } else {
                    b.screenshot(&screenshot_dir().join(format!("{id}-1280{suffix}.png")))
                        .unwrap();
                }
            }
        }
    }
}

/// Width of a classic scrollbar inside the current document (0 with overlay scrollbars).
fn scrollbar(b: &Browser) -> u32 {
    let w = b
        .exec(
            "return window.innerWidth - document.documentElement.clientWidth",
            vec![],
        )
        .unwrap();
    w.as_u64().unwrap_or(0) as u32
}

#[test]
fn clicking_each_tab_navigates() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("")).unwrap();
    expect_route(&b, "overview", "Rust and WebAssembly");
    for (id, title) in ROUTES.iter().rev() {
        b.click(&format!("#tab-{id}")).unwrap();
        expect_route(&b, id, title);
        let hash = b.exec("return location.hash", vec![]).unwrap();
        assert_eq!(hash, json!(hash_of(id)));
    }
}

#[test]
fn reload_keeps_the_route() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/signals")).unwrap();
    expect_route(&b, "signals", "Signals");
    b.refresh().unwrap();
    expect_route(&b, "signals", "Signals");
}

#[test]
fn arrow_keys_move_between_tabs() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/")).unwrap();
    expect_route(&b, "overview", "Rust and WebAssembly");
    b.exec("document.getElementById('tab-overview').focus()", vec![])
        .unwrap();
    b.send_keys_to_active("\u{E014}").unwrap(); // ArrowRight
    expect_route(&b, "module", "The .wasm itself");
    let focused = b.exec("return document.activeElement.id", vec![]).unwrap();
    assert_eq!(focused, json!("tab-module"));
    b.send_keys_to_active("\u{E010}").unwrap(); // End
    expect_route(&b, "bench", "Bench");
}

#[test]
fn unknown_route_shows_not_found() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/does-not-exist")).unwrap();
    b.wait_for(
        "the not-found panel",
        "return document.body.innerText.includes('No such page')",
        WAIT,
    )
    .unwrap();
    let links = b
        .exec(
            "return document.querySelectorAll('.tab-links a').length",
            vec![],
        )
        .unwrap();
    assert_eq!(links, json!(ROUTES.len()));
}

#[test]
fn assets_load_from_the_sub_path() {
    let server = server();
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server.url("")).unwrap();
    expect_route(&b, "overview", "Rust and WebAssembly");
    let wasm_url = b
        .exec(
            "return performance.getEntriesByType('resource').map(e => e.name).find(n => n.endsWith('.wasm')) || ''",
            vec![],
        )
        .unwrap();
    let wasm_url = wasm_url.as_str().unwrap_or("");
    assert!(
        wasm_url.starts_with(&server.url("")),
        "the module loads from under {}: {wasm_url}",
        server.public_path
    );
    let boot_gone = b
        .exec("return document.getElementById('boot') === null", vec![])
        .unwrap();
    assert_eq!(
        boot_gone,
        json!(true),
        "the loading message is replaced by the app"
    );
}
