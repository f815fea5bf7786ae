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

/// Markup a person types that tries to cover the page: none of it is drawn or clickable
/// outside its pane, the editor stays reachable, the page does not scroll sideways.
const HOSTILE_STYLES: [&str; 10] = [
    "position:fixed;inset:0;z-index:2147483647;background:red",
    "position:fixed;top:0;left:0;width:100vw;height:100vh;background:red",
    "position:absolute;top:-5000px;left:-5000px;width:100000px;height:100000px;background:red",
    "position:sticky;top:0;height:100000px;background:red",
    "width:100000px;height:60px;background:red",
    "margin-left:-100000px;width:200000px;background:red",
    "font-size:2000px;line-height:1",
    "outline:100000px solid red",
    "box-shadow:0 0 0 100000px red",
    "transform:scale(400);background:red",
];

/// Samples points over the whole window: any that hits an element inside a live pane
/// must lie inside that pane's box. Answers the points that do not, as text.
const ESCAPES: &str = r#"
const panes = [...document.querySelectorAll('#vdom-ours, #vdom-yew')];
const bad = [];
for (let y = 2; y < innerHeight; y += 23) {
  for (let x = 2; x < innerWidth; x += 23) {
    const hit = document.elementFromPoint(x, y);
    const pane = panes.find(p => p.contains(hit));
    if (!pane) continue;
    const r = pane.getBoundingClientRect();
    if (x < r.left || x > r.right || y < r.top || y > r.bottom) {
      bad.push(`${pane.id} drawn at ${x},${y} (pane ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)})`);
    }
  }
}
return bad.slice(0, 5).join('; ');
"#;

#[test]
fn the_live_preview_stays_inside_its_pane_whatever_the_markup() {
    let server = server();
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server.url("#/vdom?preset=text")).unwrap();
    b.wait_for(
        "the panes",
        "const v = document.getElementById('vdom-yew-verdict'); return v && v.textContent.includes('✓');",
        WAIT,
    )
    .unwrap();
    for style in HOSTILE_STYLES {
        let markup = format!("<div><div style=\"{style}\">covered?</div></div>");
        b.retype("#vdom-after", &markup).unwrap();
        b.wait_for(
            "both panes to show the markup",
            &format!(
                "return ['vdom-ours', 'vdom-yew'].every(id => document.getElementById(id).innerHTML.includes({:?}));",
                style
            ),
            WAIT,
        )
        .unwrap();
        for (place, scroll) in [
            ("at the top", "window.scrollTo(0, 0);"),
            (
                "with the editor in view",
                "document.getElementById('vdom-after').scrollIntoView({ block: 'center' });",
            ),
            (
                "with the panes in view",
                "document.getElementById('vdom-ours').scrollIntoView({ block: 'center' });",
            ),
        ] {
            b.exec(scroll, vec![]).unwrap();
            let escapes = b.exec(ESCAPES, vec![]).unwrap();
            assert_eq!(escapes, json!(""), "{style}, {place}");
        }
        b.exec("window.scrollTo(0, 0);", vec![]).unwrap();
        let editor_on_top = b
            .exec(
                "const e = document.getElementById('vdom-after'); e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect(); return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === e;",
                vec![],
            )
            .unwrap();
        assert_eq!(
            editor_on_top,
            json!(true),
            "{style}: the editor can be clicked"
        );
        let wider = b
            .exec(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                vec![],
            )
            .unwrap();
        assert_eq!(
            wider,
            json!(0),
            "{style}: the page does not scroll sideways"
        );
        let inside_card = b
            .exec(
                "return ['vdom-ours', 'vdom-yew'].every(id => { const p = document.getElementById(id).getBoundingClientRect(); const c = document.getElementById(id).closest('.card').getBoundingClientRect(); return p.left >= c.left && p.right <= c.right && p.top >= c.top && p.bottom <= c.bottom; });",
                vec![],
            )
            .unwrap();
        assert_eq!(
            inside_card,
            json!(true),
            "{style}: each pane keeps to its card"
        );
    }
    b.screenshot(&screenshot_dir().join("vdom-hostile-1280.png"))
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
