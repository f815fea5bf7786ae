//! The Compute tab in the release build, in headless Firefox: deep link with `?n=`,
//! typing n, the real Trunk-built Web Worker (`fib_worker`) computing F(1,000,000)
//! and a naive recursion, and being cancelled, and long numbers at phone width.

use wasm_playground_e2e::shared_server as server;

use std::time::Duration;

use serde_json::json;
use wasm_playground_e2e::pages;
use wasm_playground_e2e::webdriver::Browser;

const WAIT: Duration = Duration::from_secs(20);
/// F(1,000,000) in a worker: a second or so in release WASM; generous for slow CI.
const WORKER_WAIT: Duration = Duration::from_secs(90);

#[test]
fn deep_link_with_n_100_shows_the_exact_value() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/compute?n=100")).unwrap();
    b.wait_text("[role=tabpanel] h2", "Compute", WAIT);
    b.wait_text("#fib-value", "354224848179261915075", WAIT);
    assert!(b.text("#fib-u64").contains("does not fit in a u64"));
    assert_eq!(
        b.exec("return document.getElementById('fib-n').value", vec![])
            .unwrap(),
        json!("100")
    );
    b.assert_no_error_banner();
}

#[test]
fn typing_n_updates_the_results_and_the_url() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/compute")).unwrap();
    b.wait_text("#js-first-wrong strong", "79", WAIT);
    b.retype("#fib-n", "79").unwrap();
    b.wait_text("#fib-u64", "14,472,334,024,676,221", WAIT);
    b.wait_text("#precision-number", "wrong", WAIT);
    let hash = b.exec("return location.hash", vec![]).unwrap();
    assert_eq!(hash, json!("#/compute?n=79"));
    b.retype("#fib-n", "7x").unwrap();
    b.wait_text("#fib-n-error", "is not a digit", WAIT);
    b.retype("#fib-n", "20").unwrap();
    b.wait_text("#naive-calls", "21,891", WAIT);
    b.assert_no_error_banner();
}

#[test]
fn the_real_worker_computes_a_million_and_runs_the_naive_recursion() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/compute?n=1000000")).unwrap();
    b.wait_text("#fib-digit-count", "208,988", WORKER_WAIT);
    assert!(b.text("#fib-exact").contains("in a Web Worker"));
    assert!(b.text("#fib-first").starts_with("195328212870775773163201"));
    assert!(b.text("#fib-last").ends_with("411568996526838242546875"));

    b.retype("#fib-n", "38").unwrap();
    b.wait_for_element("#naive-run", WAIT).unwrap();
    b.click("#naive-run").unwrap();
    b.wait_text("#naive-calls", "126,491,971", WORKER_WAIT);
    b.wait_text("#naive-value", "39,088,169", WAIT);
    b.assert_no_error_banner();
}

#[test]
fn a_worker_run_can_be_cancelled() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/compute?n=999999")).unwrap();
    b.wait_for_element("#fib-exact-cancel", WAIT).unwrap();
    b.click("#fib-exact-cancel").unwrap();
    b.wait_text("#fib-exact", "Cancelled", WAIT);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        b.text("#fib-exact").contains("Cancelled"),
        "stays cancelled"
    );
    // The page still works, and the run can be started again and finishes.
    b.click("#fib-exact-rerun").unwrap();
    b.wait_text("#fib-digit-count", "208,988", WORKER_WAIT);
    b.assert_no_error_banner();
}

/// For each element matched by the selectors: where its lines start (over its first
/// 3,000 characters), and every line that starts between two digits of one text node
/// (a break inside a group of three).
const BREAKS_INSIDE_GROUPS: &str = r#"
const range = document.createRange();
const bad = [], lines = {};
for (const selector of arguments[0]) for (const el of document.querySelectorAll(selector)) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let lastTop = null, count = 1, seen = 0;
  for (let node = walker.nextNode(); node && seen < 3000; node = walker.nextNode()) {
    const t = node.data;
    for (let i = 0; i < t.length && seen < 3000; i++, seen++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getClientRects()[0];
      if (!r || r.width === 0) continue;
      if (lastTop !== null && r.top > lastTop + 1) {
        count++;
        if (i > 0 && /\d/.test(t[i]) && /\d/.test(t[i - 1]))
          bad.push(selector + ': ' + t.slice(Math.max(0, i - 6), i) + ' | ' + t.slice(i, i + 6));
      }
      lastTop = r.top;
    }
  }
  lines[selector] = Math.max(lines[selector] || 0, count);
}
return { bad, lines };
"#;

#[test]
fn at_phone_width_long_numbers_wrap_only_between_digit_groups() {
    let b = Browser::start(1280, 900).unwrap();
    let url = server().phone_url("#/compute?n=1000");
    pages::open(&b, &url, "compute", "light", true).unwrap();
    b.wait_text("#fib-digit-count", "209", WAIT);
    b.click("#fib-exact .actions button").unwrap();
    b.wait_for_element("#fib-all-digits", WAIT).unwrap();
    let selectors = json!([
        "#fib-first",
        "#fib-last",
        "#fib-all-digits",
        "#fib-precision td",
        "#algo-iterative dd",
    ]);
    let seen = b
        .exec(BREAKS_INSIDE_GROUPS, vec![selectors.clone()])
        .unwrap();
    assert_eq!(seen["bad"], json!([]), "{seen}");
    // The check saw wrapping: the 209 digits take several lines at 375 px.
    assert!(
        seen["lines"]["#fib-all-digits"].as_u64().unwrap_or(0) > 3,
        "{seen}"
    );
    assert!(
        seen["lines"]["#fib-precision td"].as_u64().unwrap_or(0) > 1,
        "{seen}"
    );

    // F(93) as a u64, and the digits of a million, wrap the same way.
    b.retype("#fib-n", "93").unwrap();
    b.wait_text("#fib-u64", "12,200,160,415,121,876,738", WAIT);
    let seen = b
        .exec(
            BREAKS_INSIDE_GROUPS,
            vec![json!(["#fib-u64 .big-n", "#fib-value"])],
        )
        .unwrap();
    assert_eq!(seen["bad"], json!([]), "{seen}");
    b.assert_no_error_banner();
}
