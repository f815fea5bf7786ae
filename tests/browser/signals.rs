//! The Signals tab in Firefox: the spreadsheet recomputes only dependents, survives a
//! remount through localStorage, shows cycles without hanging; the glitch demo; the
//! fine-grained counter; the JavaScript benchmark graphs do the same work as ours.

use std::collections::BTreeSet;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::lab::signals::Runtime;
use wasm_playground::lab::signals::bench_shapes::Shape;
use wasm_playground::web::signals::{SHEET_KEY, bench_cases, run_js_shape_once};
use wasm_playground::web::storage;

use crate::support::*;

async fn fresh_tab() -> Mounted {
    storage::remove(SHEET_KEY).unwrap();
    Mounted::at("#/signals").await
}

fn cell_text(app: &Mounted, name: &str) -> String {
    text_of(app, &format!("#sig-cell-{name}"))
}

fn count_of(app: &Mounted, name: &str) -> u64 {
    app.get(&format!("#sig-cell-{name}"))
        .get_attribute("data-count")
        .unwrap()
        .parse()
        .unwrap()
}

fn all_counts(app: &Mounted) -> Vec<(String, u64)> {
    let list = app.root.query_selector_all("td.sig-cell").unwrap();
    (0..list.length())
        .map(|i| {
            let el: web_sys::Element = list.item(i).unwrap().dyn_into().unwrap();
            (
                el.id().trim_start_matches("sig-cell-").to_string(),
                el.get_attribute("data-count").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

/// Types `text` into a cell the way a person does: click it, Enter, type, Enter.
async fn edit_cell(app: &Mounted, name: &str, text: &str) {
    app.get(&format!("#sig-cell-{name}")).click();
    settle().await;
    key_down(&app.get("#sig-grid"), "Enter");
    settle().await;
    type_into(app, "#sig-cell-input", text);
    settle().await;
    key_down(&app.get("#sig-cell-input"), "Enter");
    settle().await;
}

#[wasm_bindgen_test]
async fn editing_a_cell_recomputes_only_its_dependents() {
    let app = fresh_tab().await;
    // The sample: D2 = B2*C2 = 12, totals below.
    assert_eq!(cell_text(&app, "D2"), "12");
    let before = all_counts(&app);
    edit_cell(&app, "B2", "2").await;
    assert_eq!(cell_text(&app, "D2"), "20");
    let after = all_counts(&app);
    let changed: BTreeSet<String> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| b.0.clone())
        .collect();
    // B2 and everything downstream of it, nothing else: D2 (=B2*C2), MIN and MAX of
    // B2:B6, SUM and AVG of D2:D6, D13 (=D8/C12), G2 (=D8*…), G4 (=G2/G5).
    let want: BTreeSet<String> = ["B2", "D2", "B10", "B11", "D8", "D9", "D13", "G2", "G4"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(changed, want);
    for (name, n) in &after {
        if want.contains(name) {
            let b = before.iter().find(|(n2, _)| n2 == name).unwrap().1;
            assert_eq!(*n, b + 1, "{name} ran exactly once more");
        }
    }
    assert!(
        app.get("#sig-last-recomputed")
            .text_content()
            .unwrap()
            .contains("recomputed 9 cells")
    );
    // The edited cells flash; others do not.
    assert!(
        app.get("#sig-cell-D2")
            .class_list()
            .contains("sig-cell-flash")
    );
    assert!(
        !app.get("#sig-cell-D3")
            .class_list()
            .contains("sig-cell-flash")
    );
}

#[wasm_bindgen_test]
async fn the_sheet_survives_a_remount_through_local_storage() {
    let app = fresh_tab().await;
    edit_cell(&app, "A15", "=2+3").await;
    assert_eq!(cell_text(&app, "A15"), "5");
    drop(app);
    let stored = storage::get(SHEET_KEY).unwrap().unwrap();
    assert!(stored.contains("A15==2+3"), "{stored}");
    let app = Mounted::at("#/signals").await;
    assert_eq!(cell_text(&app, "A15"), "5");
    // The sample is still there too.
    assert_eq!(cell_text(&app, "D2"), "12");
}

#[wasm_bindgen_test]
async fn a_cycle_shows_cycle_and_the_page_keeps_working() {
    let app = fresh_tab().await;
    edit_cell(&app, "I1", "=J1").await;
    edit_cell(&app, "J1", "=I1").await;
    assert_eq!(cell_text(&app, "I1"), "#CYCLE");
    assert_eq!(cell_text(&app, "J1"), "#CYCLE");
    let title = app.get("#sig-cell-I1").get_attribute("title").unwrap();
    assert!(title.contains("cycle"), "{title}");
    app.get("#sig-cell-I1").click();
    settle().await;
    assert!(
        app.get("#sig-status")
            .text_content()
            .unwrap()
            .contains("#CYCLE")
    );
    // Still responsive: break the loop and the cells compute again.
    edit_cell(&app, "J1", "7").await;
    assert_eq!(cell_text(&app, "J1"), "7");
    assert_eq!(cell_text(&app, "I1"), "7");
    // Errors show their reason: the sample's deliberate division by zero.
    assert_eq!(cell_text(&app, "G4"), "#DIV/0!");
    assert!(
        app.get("#sig-cell-G4")
            .get_attribute("title")
            .unwrap()
            .to_lowercase()
            .contains("zero")
    );
}

#[wasm_bindgen_test]
async fn escape_cancels_and_arrow_keys_move() {
    let app = fresh_tab().await;
    app.get("#sig-cell-B2").click();
    settle().await;
    key_down(&app.get("#sig-grid"), "ArrowRight");
    settle().await;
    assert_eq!(
        app.get("#sig-cell-C2")
            .get_attribute("aria-selected")
            .unwrap(),
        "true"
    );
    key_down(&app.get("#sig-grid"), "Enter");
    settle().await;
    type_into(&app, "#sig-cell-input", "999");
    settle().await;
    key_down(&app.get("#sig-cell-input"), "Escape");
    settle().await;
    assert!(app.query("#sig-cell-input").is_none());
    assert_eq!(cell_text(&app, "C2"), "10");
    assert_eq!(count_of(&app, "C2"), 1);
}

#[wasm_bindgen_test]
async fn the_diamond_demo_shows_the_naive_glitch_and_ours_consistent() {
    let app = fresh_tab().await;
    app.get("#sig-a-inc").click();
    settle().await;
    // The demo starts with one write (a = 2); the click is the second (a = 3).
    let naive = app.get("#sig-naive-summary");
    assert_eq!(naive.get_attribute("data-runs").unwrap(), "4");
    assert_eq!(naive.get_attribute("data-glitches").unwrap(), "2");
    let ours = app.get("#sig-ours-summary");
    assert_eq!(ours.get_attribute("data-runs").unwrap(), "2");
    assert_eq!(ours.get_attribute("data-glitches").unwrap(), "0");
    assert!(app.query("#sig-naive .sig-glitch").is_some());
    assert!(app.query("#sig-ours .sig-glitch").is_none());
    // Typing a value writes a too.
    type_into(&app, "#sig-a", "10");
    settle().await;
    assert_eq!(
        app.get("#sig-ours-summary")
            .get_attribute("data-runs")
            .unwrap(),
        "3"
    );
    assert!(
        app.get("#sig-ours")
            .text_content()
            .unwrap()
            .contains("a=10 b=20 c=11 → d=31")
    );
    // Bad input: a message, nothing written.
    type_into(&app, "#sig-a", "ten");
    settle().await;
    assert!(!app.get("#sig-a-error").text_content().unwrap().is_empty());
    assert_eq!(
        app.get("#sig-ours-summary")
            .get_attribute("data-runs")
            .unwrap(),
        "3"
    );
}

#[wasm_bindgen_test]
async fn the_fine_grained_counter_writes_one_text_node() {
    let app = fresh_tab().await;
    let span = app.get("#sig-fine-value");
    let node = span.first_child().unwrap();
    assert_eq!(node.text_content().unwrap(), "0");
    app.get("#sig-fine-inc").click();
    app.get("#sig-fine-inc").click();
    settle().await;
    assert_eq!(span.text_content().unwrap(), "2");
    // The same text node was written, not replaced.
    assert!(span.first_child().unwrap().is_same_node(Some(&node)));
    assert_eq!(app.get("#sig-fine-renders").text_content().unwrap(), "1");
    assert_eq!(app.get("#sig-fine-runs").text_content().unwrap(), "3");
    // The Yew counter re-runs its component for every click.
    app.get("#sig-yew-inc").click();
    settle().await;
    assert_eq!(app.get("#sig-yew-value").text_content().unwrap(), "1");
    assert_eq!(app.get("#sig-yew-renders").text_content().unwrap(), "2");
}

#[wasm_bindgen_test]
fn javascript_shapes_do_the_same_work_as_ours() {
    for shape in Shape::ALL {
        let rt = Runtime::new();
        let ours = shape.build(&rt).run().unwrap();
        let js = run_js_shape_once(shape).unwrap();
        assert_eq!(js, ours, "{}: effect runs", shape.name());
    }
    let cases = bench_cases();
    assert_eq!(cases.len(), 9);
    assert!(cases.iter().all(|c| c.name.starts_with("signals/")));
}

#[wasm_bindgen_test]
async fn every_benchmark_case_runs_on_both_sides() {
    use wasm_playground::web::bench::{BenchConfig, run_case};
    for mut case in bench_cases() {
        case.config = BenchConfig {
            warmup_ms: 0.0,
            min_sample_ms: 0.0,
            samples: 1,
            max_iterations: 1,
        };
        let result = run_case(&case).await;
        assert!(result.is_ok(), "{}: {result:?}", case.name);
    }
}

#[wasm_bindgen_test]
async fn a_sheet_in_the_link_is_loaded_and_a_broken_one_is_reported() {
    storage::remove(SHEET_KEY).unwrap();
    let encoded: String = js_sys::encode_uri_component("s1;10x20;A1==6*7;B1=x\\sy").into();
    let app = Mounted::at(&format!("#/signals?sheet={encoded}")).await;
    assert_eq!(cell_text(&app, "A1"), "42");
    assert_eq!(cell_text(&app, "B1"), "x;y");
    drop(app);
    let app = Mounted::at("#/signals?sheet=s9%3Bnonsense").await;
    // The sample instead, and a sentence saying why.
    assert_eq!(cell_text(&app, "D2"), "12");
    assert!(
        app.get(".sig-sheet .notice")
            .text_content()
            .unwrap()
            .contains("link")
    );
}

#[wasm_bindgen_test]
async fn the_page_speaks_of_a_naive_signal() {
    let app = fresh_tab().await;
    let text = app.text();
    assert!(!text.to_lowercase().contains("seed"), "{text}");
    assert!(text.contains("The glitch: a naive signal vs ours on a diamond"));
    assert!(text.contains("A naive signal: eager push"));
    assert!(text.contains("A naive signal and the two diamonds"));
}

#[wasm_bindgen_test]
async fn an_edit_writes_the_sheet_into_the_link_through_the_router() {
    let app = fresh_tab().await;
    edit_cell(&app, "A15", "=2+3").await;
    let link = hash();
    assert!(link.starts_with("#/signals?sheet="), "{link}");
    drop(app);
    // The link alone brings the sheet back, with nothing stored.
    storage::remove(SHEET_KEY).unwrap();
    let app = Mounted::at(&link).await;
    assert_eq!(cell_text(&app, "A15"), "5");
    assert!(text_of(&app, ".sig-toolbar .note").contains("Loaded from the link"));
}

#[wasm_bindgen_test]
async fn counts_and_runs_are_counted_in_words() {
    let app = fresh_tab().await;
    assert!(text_of(&app, "#sig-fine").ends_with("component function ran: 1 time"));
    app.get("#sig-yew-inc").click();
    settle().await;
    assert!(text_of(&app, "#sig-yew").contains("component function ran: 2 times"));
    assert!(
        text_of(&app, "#sig-ours-summary")
            .contains("1 write of a: d ran 1 time, 0 with a half-updated graph.")
    );
}
