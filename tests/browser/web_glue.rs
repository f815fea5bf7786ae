use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::web::bench::{self, BenchCase, BenchConfig, Side};
use wasm_playground::web::{features, panic};

use crate::support::document;

#[wasm_bindgen_test]
fn features_are_detected_in_firefox() {
    let f = features::detect();
    // This very module is built with simd128 and bulk memory: it would not have loaded
    // without them, so the probes must agree.
    assert!(f.simd);
    assert!(f.bulk_memory);
    assert!(f.cores >= 1);
    assert!(features::browser_name(&f.user_agent).starts_with("Firefox "));
}

#[wasm_bindgen_test]
fn panic_banner_shows_the_message() {
    panic::show_banner("index out of bounds: the len is 3 but the index is 7");
    let banner = document()
        .get_element_by_id(panic::BANNER_ID)
        .expect("banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap();
    assert!(text.contains("the len is 3 but the index is 7"));
    assert!(text.contains("Reload"));
    // Showing a second message replaces the first instead of stacking banners.
    panic::show_banner("second");
    assert_eq!(
        document()
            .query_selector_all(&format!("#{}", panic::BANNER_ID))
            .unwrap()
            .length(),
        1
    );
    banner.remove();
}

#[wasm_bindgen_test]
async fn harness_measures_both_sides_and_counts_iterations() {
    let calls = Rc::new(Cell::new(0u64));
    let counted = calls.clone();
    let js =
        js_sys::Function::new_no_args("let s = 0; for (let i = 0; i < 100; i++) s += i; return s;");
    let case = BenchCase {
        name: "test/sum/100".into(),
        label: "sum".into(),
        wasm: Side::wasm(move || counted.set(counted.get() + 1)),
        js: Side::Js(js),
        config: BenchConfig {
            warmup_ms: 5.0,
            min_sample_ms: 2.0,
            samples: 5,
            max_iterations: 1 << 20,
        },
    };
    let result = bench::run_case(&case).await.expect("both sides run");
    for stats in [result.wasm, result.js] {
        assert_eq!(stats.samples, 5);
        assert!(stats.iterations >= 1);
        assert!(stats.min_ms <= stats.median_ms && stats.median_ms <= stats.max_ms);
        assert!(stats.min_ms >= 0.0);
    }
    // Warm-up, calibration and the samples all really called the Rust side.
    assert!(calls.get() >= u64::from(result.wasm.iterations) * 5);
}

#[wasm_bindgen_test]
async fn a_throwing_js_baseline_is_an_error_not_a_panic() {
    let js = js_sys::Function::new_no_args("throw new Error('boom')");
    let err = bench::measure(&Side::Js(js), BenchConfig::heavy())
        .await
        .unwrap_err();
    assert!(err.contains("boom"), "{err}");
}
