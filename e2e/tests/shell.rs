//! The frame around the tabs: the first paint (index.html's boot frame) is the app's
//! own layout, a newly opened tab starts at its top, and focus never hides under the
//! sticky tab bar.

use std::time::Duration;

use serde_json::{Value, json};
use wasm_playground_e2e::pages::{self, WAIT};
use wasm_playground_e2e::shared_server as server;
use wasm_playground_e2e::webdriver::{Browser, Kind};

/// Lays out index.html as it arrives, without the module (so the boot frame stays), in
/// an iframe the size of this window, and answers with the position of every piece of
/// the frame there and in the mounted app here.
const COMPARE_FRAMES: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  const html = (await (await fetch(location.pathname)).text())
    .replace(/<script type="module"[\s\S]*?<\/script>/g, '');
  const frame = document.createElement('iframe');
  frame.style.cssText = `position:absolute;left:0;top:0;border:0;width:${innerWidth}px;height:${innerHeight}px;visibility:hidden`;
  const loaded = new Promise(r => frame.onload = r);
  frame.srcdoc = html;
  document.body.appendChild(frame);
  await loaded;
  const measure = doc => {
    const box = sel => [...doc.querySelectorAll(sel)].map(e => {
      const r = e.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)];
    });
    return {
      header: box('.site-header'), brand: box('.brand h1, .pitch'), toggle: box('.theme-toggle button'),
      bar: box('.tabs-wrap'), tabs: box('.tabs a'), main: box('main'),
      tabText: [...doc.querySelectorAll('.tabs a')].map(a => [a.getAttribute('href'), a.textContent.trim()]),
      text: [...doc.querySelectorAll('.site-header h1, .pitch, .theme-toggle button')].map(e => e.textContent.trim()),
      mains: doc.querySelectorAll('main').length,
      lede: box('main .lede > *'),
      ledeText: [...doc.querySelectorAll('main .lede > *')].map(e => e.textContent.trim()),
    };
  };
  scrollTo(0, 0);
  const result = { boot: measure(frame.contentDocument), app: measure(document) };
  frame.remove();
  done(result);
})().catch(e => done({ error: String(e) }));
"#;

fn compare_boot_and_app(b: &Browser, what: &str) {
    let result = b
        .exec_async(COMPARE_FRAMES, vec![], Duration::from_secs(30))
        .unwrap();
    assert!(result.get("error").is_none(), "{what}: {result}");
    let (boot, app) = (&result["boot"], &result["app"]);
    assert_eq!(
        boot["tabText"], app["tabText"],
        "{what}: index.html's tab links are the app's tabs (app::TABS), in order"
    );
    assert_eq!(boot["text"], app["text"], "{what}: same header text");
    assert_eq!(
        boot["mains"],
        json!(1),
        "{what}: one main landmark while loading"
    );
    for part in ["header", "brand", "toggle", "bar", "tabs"] {
        assert_eq!(
            boot[part], app[part],
            "{what}: the boot frame's {part} sits where the app's does (else it jumps when the app mounts)"
        );
    }
    // On the overview the first paint already holds the page's opening words: the same
    // words, in the same boxes, so the app's mount is not a larger paint or a shift.
    assert_eq!(
        boot["ledeText"], app["ledeText"],
        "{what}: index.html's opening words are the overview's (src/app/tabs/overview/mod.rs)"
    );
    assert_eq!(
        boot["lede"], app["lede"],
        "{what}: the opening words sit where the app draws them"
    );
    // The panel starts at the same place; its height is its content's.
    let start = |v: &Value| v[0].as_array().map(|r| r[..3].to_vec());
    assert_eq!(
        start(&boot["main"]),
        start(&app["main"]),
        "{what}: main starts at the same place"
    );
}

#[test]
fn the_first_paint_is_the_apps_own_frame() {
    let b = Browser::start(1280, 900).unwrap();
    let url = server().url("#/");
    pages::open(&b, &url, "overview", "light", false).unwrap();
    compare_boot_and_app(&b, "wide, light");
    // A stored pick shows the "Auto" button beside the theme toggle.
    pages::open(&b, &url, "overview", "dark", false).unwrap();
    compare_boot_and_app(&b, "wide, dark picked");

    let phone = server().phone_url("#/");
    pages::open(&b, &phone, "overview", "light", true).unwrap();
    compare_boot_and_app(&b, "375 px");
}

#[test]
fn the_boot_frame_marks_the_current_tab_and_holds_the_messages() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/json")).unwrap();
    // The same page without the module, to look at the boot frame itself.
    let seen = b
        .exec_async(
            r#"
const done = arguments[arguments.length - 1];
(async () => {
  const html = (await (await fetch(location.pathname)).text())
    .replace(/<script type="module"[\s\S]*?<\/script>/g, '');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  done({
    boot: !!doc.querySelector('main #boot[role=status]'),
    tablist: doc.querySelectorAll('[role=tab], [role=tablist]').length,
  });
})().catch(e => done({ error: String(e) }));
"#,
            vec![],
            Duration::from_secs(20),
        )
        .unwrap();
    assert_eq!(
        seen["boot"],
        json!(true),
        "the loading message is in the panel: {seen}"
    );
    assert_eq!(
        seen["tablist"],
        json!(0),
        "the boot links are plain links: only the app's tab bar is a tablist"
    );
    // In a live boot frame (kept by removing the module), the current route's link is
    // marked, and the mark follows the hash (a query after the route included).
    let marked = b
        .exec_async(
            r#"
const done = arguments[arguments.length - 1];
(async () => {
  const html = (await (await fetch(location.pathname)).text())
    .replace(/<script type="module"[\s\S]*?<\/script>/g, '');
  const frame = document.createElement('iframe');
  const loaded = new Promise(r => frame.onload = r);
  frame.srcdoc = html;
  document.body.appendChild(frame);
  await loaded;
  const current = () => [...frame.contentDocument.querySelectorAll('[aria-current=page]')].map(a => a.getAttribute('href'));
  // No hash at all is the overview.
  const first = current();
  const lede = () => !!frame.contentDocument.querySelector('#boot-lede .lede h2');
  const ledeFirst = lede();
  frame.contentWindow.location.hash = '#/canvas?x=1';
  await new Promise(r => setTimeout(r, 300));
  done({ first, then: current(), ledeFirst, ledeThen: lede() });
})().catch(e => done({ error: String(e) }));
"#,
            vec![],
            Duration::from_secs(20),
        )
        .unwrap();
    assert_eq!(marked["first"], json!(["#/"]), "{marked}");
    assert_eq!(marked["then"], json!(["#/canvas"]), "{marked}");
    assert_eq!(
        (&marked["ledeFirst"], &marked["ledeThen"]),
        (&json!(true), &json!(false)),
        "the overview's opening words show on #/ only: {marked}"
    );
}

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

/// The links and scripts of index.html as the release build wrote it.
fn built_index(b: &Browser) -> String {
    b.goto(&server().url("")).unwrap();
    let html = b
        .exec_async(
            "const done = arguments[arguments.length - 1]; fetch(location.pathname).then(r => r.text()).then(done, e => done(String(e)));",
            vec![],
            Duration::from_secs(20),
        )
        .unwrap();
    html.as_str().unwrap_or("").to_string()
}

#[test]
fn the_page_paints_its_words_before_it_fetches_the_module() {
    // build/first-paint.pl: no preload links start the module's download while the HTML is
    // parsed, and the module script imports the glue only after the first paint.
    let b = Browser::start(1280, 900).unwrap();
    let html = built_index(&b);
    let preloads: Vec<&str> = html
        .split("<link ")
        .skip(1)
        .map(|l| &l[..l.find('>').unwrap_or(l.len())])
        .filter(|l| l.contains("preload"))
        .collect();
    assert!(preloads.is_empty(), "no preload links: {preloads:?}");
    assert!(
        html.contains("await import('") && !html.contains("import init, * as bindings from"),
        "the glue is imported after the first paint, not by a static import"
    );

    pages::open(&b, &server().url("#/"), "overview", "light", false).unwrap();
    let seen = b
        .exec(
            r#"
const paint = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
const wasm = performance.getEntriesByType('resource').find(e => /wasm-playground-[^/]*_bg\.wasm$/.test(e.name));
return { paint: paint ? paint.startTime : null, wasm: wasm ? wasm.fetchStart : null };
"#,
            vec![],
        )
        .unwrap();
    let (paint, wasm) = (seen["paint"].as_f64(), seen["wasm"].as_f64());
    assert!(
        paint.is_some() && wasm.is_some(),
        "both are reported: {seen}"
    );
    assert!(
        wasm >= paint,
        "the module's download starts after the first contentful paint: {seen}"
    );
}

#[test]
fn chromium_logs_nothing_when_the_page_loads() {
    if !wasm_playground_e2e::webdriver::chromium_available() {
        return;
    }
    let b = Browser::start_kind(Kind::Chromium, 1280, 900).unwrap();
    for route in ["#/", "#/compute"] {
        b.goto(&server().url(route)).unwrap();
        b.wait_for(
            "the app",
            "return !!document.querySelector('[role=tab][aria-selected=true]')",
            WAIT,
        )
        .unwrap();
        // Preload warnings come a moment after the load.
        std::thread::sleep(Duration::from_secs(4));
        let log = b.console_log().unwrap();
        let noise: Vec<_> = log
            .iter()
            .filter(|(level, _)| level == "WARNING" || level == "SEVERE")
            .collect();
        assert!(noise.is_empty(), "{route}: the console says {noise:#?}");
    }
}
