//! Every page, audited as a person with assistive technology or a phone meets it:
//!
//! - `<page>::axe`: axe-core (vendored, e2e/vendor/axe-core) injected into the page in
//!   light and in dark theme with every `<details>` open: no serious or critical
//!   violation, and exactly one `main` landmark.
//! - `<page>::axe_at_375`: the same at phone width (light), where wide tables and
//!   listings become scroll regions that a keyboard must be able to reach.
//! - `<page>::no_overflow_at_375`: at 375 px wide (in the phone frame), with every
//!   `<details>` open, the page does not scroll sideways.
//!
//! One page runs alone: `cargo test -p wasm-playground-e2e --test a11y -- compute::`.
//!
//! Pages that do not pass yet are listed below with what was seen when they were
//! listed. Whoever fixes a page removes its line: a listed page that passes fails the
//! test (so the lists only shrink), and so does an unlisted page that fails.

use std::time::Duration;

use serde_json::{Value, json};
use wasm_playground_e2e::pages::{self, PAGES};
use wasm_playground_e2e::server::PHONE_WIDTH;
use wasm_playground_e2e::shared_server as server;
use wasm_playground_e2e::webdriver::Browser;

/// Pages whose axe audit does not pass yet: (page, serious or critical violations seen
/// over both themes, counted per element).
const AXE_NOT_YET_PASSING: &[(&str, u64)] = &[];

/// The same at 375 px wide: (page, violations seen, counted per element).
const AXE_AT_375_NOT_YET_PASSING: &[(&str, u64)] = &[];

/// Pages that still scroll sideways at 375 px: (page, pixels too wide when listed).
const OVERFLOW_NOT_YET_FIXED: &[(&str, i64)] = &[];

const AXE: &str = include_str!("../vendor/axe-core/axe.min.js");

/// Runs axe on the whole document; answers with the serious and critical violations.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
// target-size (WCAG 2.2: 24 px, or spaced apart) is what Lighthouse's audit also checks.
axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } }).then(
  r => done(r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                 where: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\n').slice(1, 2).join('')) }))),
  e => done({ error: String(e) }));
"#;

/// What went wrong on one page in one theme (empty when it passes), in a window or
/// in the phone frame.
fn axe_findings(b: &Browser, id: &str, theme: &str, phone: bool) -> (u64, Vec<String>) {
    let hash = pages::hash_of(id);
    let url = if phone {
        server().phone_url(&hash)
    } else {
        server().url(&hash)
    };
    pages::open(b, &url, id, theme, phone).unwrap();
    pages::open_every_details(b).unwrap();
    let mut findings = Vec::new();
    let mut count = 0;
    let mains = b
        .exec(
            "return document.querySelectorAll('main, [role=main]').length",
            vec![],
        )
        .unwrap();
    if mains != json!(1) {
        count += 1;
        findings.push(format!(
            "{theme}: {mains} main landmarks (there must be exactly one)"
        ));
    }
    let loaded = b.exec("return typeof axe !== 'undefined'", vec![]).unwrap();
    if loaded != json!(true) {
        b.exec(&format!("{AXE}\nreturn true;"), vec![]).unwrap();
    }
    let result = b
        .exec_async(RUN_AXE, vec![], Duration::from_secs(240))
        .unwrap();
    if let Some(error) = result.get("error") {
        panic!("{id} ({theme}): axe failed: {error}");
    }
    for v in result.as_array().cloned().unwrap_or_default() {
        let n = v["count"].as_u64().unwrap_or(1);
        count += n;
        let places: Vec<String> = v["where"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        findings.push(format!(
            "{theme}: {} ({}, {n} elements): {}\n      {}",
            v["id"].as_str().unwrap_or("?"),
            v["impact"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or(""),
            places.join("\n      ")
        ));
    }
    (count, findings)
}

fn check_axe(id: &str) {
    let b = Browser::start(1280, 900).unwrap();
    let mut count = 0;
    let mut findings = Vec::new();
    for theme in ["light", "dark"] {
        let (n, f) = axe_findings(&b, id, theme, false);
        count += n;
        findings.extend(f);
    }
    judge(
        id,
        "AXE_NOT_YET_PASSING",
        listed(AXE_NOT_YET_PASSING, id),
        count as i64,
        &findings,
    );
}

fn check_axe_at_375(id: &str) {
    let b = Browser::start(1280, 900).unwrap();
    let (count, findings) = axe_findings(&b, id, "light", true);
    judge(
        id,
        "AXE_AT_375_NOT_YET_PASSING",
        listed(AXE_AT_375_NOT_YET_PASSING, id),
        count as i64,
        &findings,
    );
}

fn listed(list: &[(&str, u64)], id: &str) -> Option<i64> {
    list.iter().find(|(p, _)| *p == id).map(|(_, n)| *n as i64)
}

/// How far the page at 375 px is wider than its window, and the elements that stick
/// out (outside any box that scrolls or clips them).
const OVERFLOW: &str = r#"
const root = document.documentElement;
const width = root.clientWidth;
const clipped = e => {
  for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o !== 'visible') return true;
  }
  return false;
};
const out = [...document.body.querySelectorAll('*')]
  .filter(e => e.getBoundingClientRect().right > width + 1 && !clipped(e))
  .slice(0, 6)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
       (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
       ' right=' + Math.round(e.getBoundingClientRect().right));
return { over: root.scrollWidth - width, out };
"#;

fn check_overflow(id: &str) {
    let b = Browser::start(1280, 900).unwrap();
    let url = server().phone_url(&pages::hash_of(id));
    pages::open(&b, &url, id, "light", true).unwrap();
    let width = b
        .exec("return document.documentElement.clientWidth", vec![])
        .unwrap();
    assert!(
        width.as_u64().unwrap_or(0) <= u64::from(PHONE_WIDTH),
        "{id}: the phone frame is {width} px wide"
    );
    pages::open_every_details(&b).unwrap();
    let result = b.exec(OVERFLOW, vec![]).unwrap();
    let over = result["over"].as_i64().unwrap_or(0).max(0);
    let findings: Vec<String> = result["out"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(|s| format!("sticks out: {s}"))
                .collect()
        })
        .unwrap_or_default();
    judge(
        id,
        "OVERFLOW_NOT_YET_FIXED",
        OVERFLOW_NOT_YET_FIXED
            .iter()
            .find(|(p, _)| *p == id)
            .map(|(_, n)| *n),
        over,
        &findings,
    );
}

/// Passes a page that is clean and unlisted, or failing and listed; fails the others,
/// saying what to do.
fn judge(id: &str, list: &str, listed: Option<i64>, seen: i64, findings: &[String]) {
    let report = findings.join("\n  ");
    match (listed, seen) {
        (None, 0) => {}
        (None, seen) => panic!(
            "{id} fails ({seen}):\n  {report}\nFix it, or (only for a known, tracked problem) list it in {list}."
        ),
        (Some(_), 0) => {
            panic!("{id} passes now: remove its line from {list} so that it stays passing.")
        }
        (Some(was), seen) => eprintln!(
            "{id}: still failing as listed in {list} (listed with {was}, now {seen}):\n  {report}"
        ),
    }
}

#[test]
fn every_page_has_its_checks() {
    // A page added to the app needs a line in `pages!` below (and in pages::PAGES).
    let b = Browser::start(1280, 900).unwrap();
    let url = server().url("#/");
    pages::open(&b, &url, "overview", "light", false).unwrap();
    let tabs = b
        .exec(
            "return [...document.querySelectorAll('[role=tab]')].map(t => t.id.replace(/^tab-/, ''))",
            vec![],
        )
        .unwrap();
    let mut want: Vec<String> = serde_json::from_value(tabs).unwrap();
    want.push("not-found".into());
    assert_eq!(want, PAGES, "pages::PAGES lists the app's pages in order");
    assert_eq!(CHECKED, PAGES, "every page has its checks in this file");
    for (listed, _) in AXE_NOT_YET_PASSING.iter().chain(AXE_AT_375_NOT_YET_PASSING) {
        assert!(PAGES.contains(listed), "{listed} is not a page");
    }
    for (listed, _) in OVERFLOW_NOT_YET_FIXED {
        assert!(PAGES.contains(listed), "{listed} is not a page");
    }
}

macro_rules! pages {
    ($($module:ident => $id:literal),* $(,)?) => {
        const CHECKED: &[&str] = &[$($id),*];
        $(
            mod $module {
                #[test]
                fn axe() {
                    super::check_axe($id);
                }
                #[test]
                fn axe_at_375() {
                    super::check_axe_at_375($id);
                }
                #[test]
                fn no_overflow_at_375() {
                    super::check_overflow($id);
                }
            }
        )*
    };
}

pages! {
    overview => "overview",
    module => "module",
    compute => "compute",
    strings => "strings",
    state => "state",
    vdom => "vdom",
    signals => "signals",
    json => "json",
    canvas => "canvas",
    image => "image",
    bench => "bench",
    not_found => "not-found",
}
