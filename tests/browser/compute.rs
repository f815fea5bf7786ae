//! The Compute tab in Firefox: typed n, the u64 edge, bad input, the JavaScript Number
//! lesson, and the Web Worker protocol (completion, cancel, load failure).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::web::compute::{self, Job, WorkerMessage};

use crate::support::*;

async fn type_n(app: &Mounted, value: &str) {
    type_into(app, "#fib-n", value);
    settle().await;
}

#[wasm_bindgen_test]
async fn typed_n_shows_f_of_n_and_goes_into_the_url() {
    let app = Mounted::at("#/compute").await;
    assert!(app.get("h2").text_content().unwrap().contains("Compute"));
    type_n(&app, "10").await;
    assert!(text_of(&app, "#fib-u64").contains("F(10) = 55"));
    assert_eq!(text_of(&app, "#fib-value"), "55");
    assert!(hash().contains("n=10"), "hash is {}", hash());
    type_n(&app, "93").await;
    assert!(text_of(&app, "#fib-u64").contains("12,200,160,415,121,876,738"));
    assert_eq!(text_of(&app, "#fib-value"), "12200160415121876738");
    // The three algorithms agree on the value.
    assert!(text_of(&app, "#algo-iterative").contains("12,200,160,415,121,876,738"));
    assert!(text_of(&app, "#algo-doubling").contains("12,200,160,415,121,876,738"));
}

#[wasm_bindgen_test]
async fn past_93_the_u64_is_none_with_the_reason_and_the_exact_value_still_shows() {
    let app = Mounted::at("#/compute").await;
    type_n(&app, "94").await;
    let u64_text = text_of(&app, "#fib-u64");
    assert!(u64_text.contains("None"), "{u64_text}");
    assert!(u64_text.contains("does not fit in a u64"), "{u64_text}");
    assert_eq!(text_of(&app, "#fib-value"), "19740274219868223167");
    type_n(&app, "1000").await;
    assert_eq!(text_of(&app, "#fib-digit-count"), "209");
    assert!(text_of(&app, "#fib-first").starts_with("434665576869374564356885"));
    assert!(text_of(&app, "#algo-iterative").contains("None"));
}

#[wasm_bindgen_test]
async fn bad_input_gets_a_message_next_to_the_input_and_keeps_the_last_result() {
    let app = Mounted::at("#/compute").await;
    type_n(&app, "20").await;
    let input = app.get("#fib-n");
    assert_eq!(
        input.get_attribute("aria-describedby").unwrap(),
        "fib-n-error"
    );
    assert_eq!(input.get_attribute("aria-invalid").unwrap(), "false");
    for (typed, expected) in [
        ("12a", "“a” at position 3 is not a digit"),
        ("-5", "n must be 0 or more"),
        ("", "Type a whole number"),
        ("   ", "Type a whole number"),
        ("2.5", "whole number"),
        ("2000000", "above 1,000,000"),
        ("99999999999999999999999", "above 1,000,000"),
        ("🦀", "is not a digit"),
    ] {
        type_n(&app, typed).await;
        let message = text_of(&app, "#fib-n-error");
        assert!(message.contains(expected), "{typed:?}: {message}");
        assert_eq!(input.get_attribute("aria-invalid").unwrap(), "true");
        // The last valid n's result stays.
        assert_eq!(text_of(&app, "#fib-value"), "6765", "{typed:?}");
    }
    type_n(&app, "1,000").await;
    assert_eq!(text_of(&app, "#fib-n-error"), "");
    assert_eq!(input.get_attribute("aria-invalid").unwrap(), "false");
    assert_eq!(text_of(&app, "#fib-digit-count"), "209");
}

#[wasm_bindgen_test]
async fn deep_link_with_n_shows_that_n() {
    let app = Mounted::at("#/compute?n=100").await;
    assert_eq!(value_of(&app, "#fib-n"), "100");
    assert_eq!(text_of(&app, "#fib-value"), "354224848179261915075");
}

#[wasm_bindgen_test]
async fn javascript_number_lesson_shows_79_and_the_wrong_value() {
    let app = Mounted::at("#/compute").await;
    assert_eq!(text_of(&app, "#js-first-wrong strong"), "79");
    assert_eq!(compute::js_first_number_wrong_n(), 79);
    type_n(&app, "78").await;
    assert!(text_of(&app, "#precision-number").contains("exact"));
    type_n(&app, "79").await;
    let row = text_of(&app, "#precision-number");
    assert!(row.contains("wrong"), "{row}");
    assert!(row.contains("14,472,334,024,676,220"), "{row}");
    assert!(row.contains("off by 1"), "{row}");
    assert!(text_of(&app, "#precision-bigint").contains("exact"));
    assert!(text_of(&app, "#precision-rust").contains("14,472,334,024,676,221"));
    type_n(&app, "1500").await;
    assert!(text_of(&app, "#precision-number").contains("Infinity"));
}

#[wasm_bindgen_test]
async fn naive_recursion_counts_calls_and_refuses_large_n_with_an_estimate() {
    let app = Mounted::at("#/compute?n=20").await;
    assert_eq!(text_of(&app, "#naive-value"), "6,765");
    assert_eq!(text_of(&app, "#naive-calls"), "21,891");
    type_n(&app, "50").await;
    let refused = text_of(&app, "#naive-refused");
    assert!(refused.contains("above 40"), "{refused}");
    assert!(refused.contains("40,730,022,147 calls"), "{refused}");
    type_n(&app, "35").await;
    assert!(app.query("#naive-run").is_some(), "35 runs only on request");
}

#[wasm_bindgen_test]
fn the_worker_job_reports_progress_and_the_exact_digits() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    compute::run_job(Job::Exact { n: 1000 }, &move |m: &WorkerMessage| {
        sink.borrow_mut().push(m.clone())
    });
    let seen = seen.borrow();
    assert!(matches!(seen[0], WorkerMessage::Progress { .. }));
    match seen.last().unwrap() {
        WorkerMessage::Exact { n, digits, .. } => {
            assert_eq!(*n, 1000);
            assert_eq!(
                digits,
                &wasm_playground::lab::compute::fibonacci_decimal(1000)
            );
        }
        other => panic!("expected the digits, got {other:?}"),
    }

    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    compute::run_job(Job::Naive { n: 25 }, &move |m: &WorkerMessage| {
        sink.borrow_mut().push(m.clone())
    });
    match seen.borrow().last().unwrap() {
        WorkerMessage::Naive { value, calls, .. } => {
            assert_eq!((*value, *calls), (75_025, 242_785));
        }
        other => panic!("expected the naive result, got {other:?}"),
    }

    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    compute::run_job(Job::Naive { n: 41 }, &move |m: &WorkerMessage| {
        sink.borrow_mut().push(m.clone())
    });
    assert!(matches!(
        seen.borrow().last(),
        Some(WorkerMessage::Failed { .. })
    ));
}

#[wasm_bindgen_test]
async fn a_worker_run_completes_and_can_be_cancelled() {
    compute::set_worker_url(Some(stand_in_worker_url()));
    let app = Mounted::at("#/compute?n=60000").await;
    wait_until("the worker's digits", || {
        app.query("#fib-digit-count").is_some()
    })
    .await;
    // F(60,000) has 12,539 digits; the page shows the worker's answer.
    assert_eq!(text_of(&app, "#fib-digit-count"), "12,539");
    assert!(text_of(&app, "#fib-exact").contains("in a Web Worker"));

    type_n(&app, "999999").await;
    wait_until("the progress bar", || {
        app.query("#fib-exact-progress").is_some()
    })
    .await;
    app.get("#fib-exact-cancel").click();
    settle().await;
    assert!(text_of(&app, "#fib-exact").contains("Cancelled"));
    assert!(app.query("#fib-exact-progress").is_none());
    // Nothing comes back to life afterwards (neither the debounce timer nor the worker).
    sleep_ms(600).await;
    assert!(text_of(&app, "#fib-exact").contains("Cancelled"));
    app.get("#fib-exact-rerun").click();
    settle().await;
    assert!(
        app.query("#fib-exact-progress").is_some(),
        "Compute again restarts"
    );
    app.get("#fib-exact-cancel").click();
    settle().await;
    // The page is alive after cancelling: a new n is computed at once.
    type_n(&app, "12").await;
    assert_eq!(text_of(&app, "#fib-value"), "144");
    compute::set_worker_url(None);
}

#[wasm_bindgen_test]
async fn a_worker_that_cannot_load_gives_a_message_not_a_hang() {
    compute::set_worker_url(Some("/no-such-worker.js".into()));
    let app = Mounted::at("#/compute?n=70000").await;
    wait_until("the failure message", || {
        text_of(&app, "#fib-exact").contains("Could not compute")
    })
    .await;
    assert!(
        app.query("#fib-exact .button").is_some(),
        "a Try again button"
    );
    compute::set_worker_url(None);
}

#[wasm_bindgen_test]
async fn every_benchmark_case_runs_on_both_sides() {
    let cases = compute::bench_cases();
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&"compute/naive/n=25"), "{names:?}");
    assert!(names.contains(&"compute/big/n=100000"), "{names:?}");
    for mut case in cases {
        assert!(case.name.starts_with("compute/"), "{}", case.name);
        // One iteration per side: this checks that both sides run, not how fast.
        case.config = wasm_playground::web::bench::BenchConfig {
            warmup_ms: 0.0,
            min_sample_ms: 0.0,
            samples: 1,
            max_iterations: 1,
        };
        let result = wasm_playground::web::bench::run_case(&case).await;
        assert!(result.is_ok(), "{}: {:?}", case.name, result.err());
    }
}

#[wasm_bindgen_test]
async fn long_numbers_may_wrap_only_between_groups_of_three_digits() {
    let app = Mounted::at("#/compute?n=94").await;
    // The value reads (and copies) as plain digits; <wbr> break opportunities split it
    // into the groups of three counted from the end, and nowhere else.
    let value = app.get("#fib-value");
    assert_eq!(value.text_content().unwrap(), "19740274219868223167");
    assert_eq!(
        text_nodes(&value),
        ["19", "740", "274", "219", "868", "223", "167"]
    );
    assert_eq!(value.query_selector_all("wbr").unwrap().length(), 6);

    type_n(&app, "93").await;
    let big = app.get("#fib-u64 .big-n");
    assert_eq!(big.text_content().unwrap(), "12,200,160,415,121,876,738");
    assert_eq!(big.query_selector_all("wbr").unwrap().length(), 6);
    let iterative = app.get("#algo-iterative dd");
    assert_eq!(iterative.query_selector_all("wbr").unwrap().length(), 6);

    // F(1000) has 209 digits = 3·69 + 2: its first group has two digits.
    type_n(&app, "1000").await;
    let first = text_nodes(&app.get("#fib-first"));
    assert_eq!(&first[..3], ["43", "466", "557"], "{first:?}");
    let last = text_nodes(&app.get("#fib-last"));
    assert!(last[1..].iter().all(|g| g.len() == 3), "{last:?}");
    let rust_row = text_nodes(&app.get("#precision-rust td"));
    assert_eq!(&rust_row[..2], ["43", "466"], "{rust_row:?}");

    // Expanded, every digit shows in groups separated by thin spaces (a break
    // opportunity); the digits themselves are unchanged.
    let expand = app
        .root
        .query_selector_all("#fib-exact .actions button")
        .unwrap()
        .item(0)
        .unwrap();
    assert_eq!(expand.text_content().unwrap(), "Expand all digits");
    wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&expand).click();
    settle().await;
    let all = text_of(&app, "#fib-all-digits");
    assert!(
        all.starts_with("43\u{2009}466\u{2009}557"),
        "{}",
        &all[..40]
    );
    assert_eq!(
        all.replace('\u{2009}', ""),
        wasm_playground::lab::compute::fibonacci_decimal(1000)
    );
    assert!(all.split('\u{2009}').skip(1).all(|g| g.len() == 3));
}

#[wasm_bindgen_test]
async fn past_93_the_page_names_the_tutorials_version_not_the_seed() {
    let app = Mounted::at("#/compute?n=94").await;
    let u64_text = text_of(&app, "#fib-u64");
    assert!(u64_text.contains("the tutorial's version"), "{u64_text}");
    assert!(
        !app.text().to_lowercase().contains("seed"),
        "{}",
        app.text()
    );
}

#[wasm_bindgen_test]
async fn old_links_with_a_grouped_n_still_work() {
    let app = Mounted::at("#/compute?n=1,000").await;
    assert_eq!(value_of(&app, "#fib-n"), "1,000");
    assert_eq!(text_of(&app, "#fib-n-error"), "");
    assert_eq!(text_of(&app, "#fib-digit-count"), "209");
    type_n(&app, "1 000 000 000").await;
    assert!(text_of(&app, "#fib-n-error").contains("n = 1,000,000,000 is above 1,000,000"));
    type_n(&app, "2,500").await;
    assert!(hash().contains("n=2500"), "{}", hash());
}
