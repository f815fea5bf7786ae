//! The Compute tab in the release build, in headless Firefox: deep link with `?n=`,
//! typing n, and the real Trunk-built Web Worker (`fib_worker`) computing F(1,000,000)
//! and a naive recursion, and being cancelled.

use wasm_playground_e2e::shared_server as server;

use std::time::Duration;

use serde_json::json;
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
