//! The Image tab and its ImageData glue, in a real browser.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::lab::image::samples::{Sample, noise, test_card};
use wasm_playground::lab::image::{Filter, apply_filter, apply_pipeline};
use wasm_playground::web::image::{self as glue, Pixels};
use web_sys::HtmlCanvasElement;

use crate::support::*;

fn canvas(w: u32, h: u32) -> HtmlCanvasElement {
    let c: HtmlCanvasElement = document()
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    c.set_width(w);
    c.set_height(h);
    c
}

/// Opaque noise: canvas round trips are only exact for alpha 255 (premultiplication).
fn opaque_noise(w: u32, h: u32, seed: u64) -> Vec<u8> {
    let mut px = noise(w, h, seed).unwrap();
    for p in px.chunks_exact_mut(4) {
        p[3] = 255;
    }
    px
}

#[wasm_bindgen_test]
fn image_data_round_trip_through_the_canvas_is_unchanged() {
    let (w, h) = (37, 23);
    let original = opaque_noise(w, h, 7);
    let c = canvas(1, 1);
    glue::put(&c, &original, w, h).unwrap();
    assert_eq!((c.width(), c.height()), (w, h));
    assert!(glue::read_canvas(&c).unwrap() == original);
}

#[wasm_bindgen_test]
fn every_js_baseline_gives_the_same_bytes_as_the_rust_filter() {
    // Odd sizes so edges and the SIMD tail are exercised; exact equality, no tolerance:
    // the JS baselines use the same fixed-point formulas and constants.
    let (w, h) = (67, 41);
    let src = noise(w, h, 42).unwrap();
    let mut filters = Filter::catalogue();
    filters.extend([
        Filter::Brightness { factor: 0.4 },
        Filter::Contrast { amount: 0.0 },
        Filter::Contrast { amount: 2.9 },
        Filter::Saturation { amount: 0.0 },
        Filter::Saturation { amount: 3.0 },
        Filter::Threshold { level: 0 },
        Filter::BoxBlur { radius: 0 },
        Filter::BoxBlur { radius: 50 },
        Filter::GaussianBlur { sigma: 0.5 },
        Filter::GaussianBlur { sigma: 17.5 },
        Filter::Sharpen { amount: 4.0 },
    ]);
    for filter in filters {
        let mut rust = src.clone();
        apply_filter(&mut rust, w, h, &filter).unwrap();
        let js = js_sys::Uint8ClampedArray::new_with_length(src.len() as u32);
        js.copy_from(&src);
        glue::run_js_filter(&js, w, h, &filter).unwrap();
        assert!(js.to_vec() == rust, "{filter:?}: JS and Rust differ");
    }
}

#[wasm_bindgen_test]
async fn bad_files_are_refused_with_a_message() {
    let not_image = glue::decode(&blob("definitely not a PNG", "image/png")).await;
    assert!(not_image.err().unwrap().contains("not an image"));

    let huge = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10000" height="6000"></svg>"#;
    let huge = glue::decode(&blob(huge, "image/svg+xml")).await;
    let message = huge.err().unwrap();
    assert!(message.contains("50 megapixels"), "{message}");

    let empty = r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>"#;
    assert!(glue::decode(&blob(empty, "image/svg+xml")).await.is_err());

    let small = r#"<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><rect width="3" height="2" fill="red"/></svg>"#;
    let ok = glue::decode(&blob(small, "image/svg+xml")).await.unwrap();
    assert_eq!((ok.width, ok.height), (3, 2));
    assert_eq!(&ok.original[..4], &[255, 0, 0, 255]);
}

async fn wait_for_status(app: &Mounted, what: &str) -> String {
    wait_for_text(app, "#image-status", |t| t.contains(what)).await
}

/// Compares a canvas read-back with the expected bytes. The canvas stores premultiplied
/// alpha, so only opaque pixels come back exactly; for the others (the test card has a
/// transparent strip) only alpha is compared. Reports a count, not 2 MB of bytes.
fn assert_same_opaque(actual: &[u8], expected: &[u8]) {
    assert_eq!(actual.len(), expected.len(), "sizes differ");
    let mut differ = 0usize;
    let mut opaque = 0usize;
    for (a, e) in actual.chunks_exact(4).zip(expected.chunks_exact(4)) {
        if e[3] == 255 {
            opaque += 1;
            if a != e {
                differ += 1;
            }
        } else if a[3] != e[3] {
            differ += 1;
        }
    }
    assert!(opaque > 0, "no opaque pixels to compare");
    let first = actual
        .chunks_exact(4)
        .zip(expected.chunks_exact(4))
        .position(|(a, e)| a != e && (e[3] == 255 || a[3] != e[3]))
        .unwrap_or(0);
    assert_eq!(
        differ,
        0,
        "{differ} pixels differ; first at pixel {first}: {:?} instead of {:?}",
        &actual[4 * first..4 * first + 4],
        &expected[4 * first..4 * first + 4]
    );
}

fn after_pixels(app: &Mounted) -> Vec<u8> {
    let c: HtmlCanvasElement = app.get("#image-after").dyn_into().unwrap();
    glue::read_canvas(&c).unwrap()
}

#[wasm_bindgen_test]
async fn the_pipeline_applies_to_the_sample_and_follows_edits() {
    let app = Mounted::at("#/image").await;
    assert!(app.get("h2").text_content().unwrap().contains("Image"));
    wait_for_status(&app, "applied").await;
    assert_eq!(
        hash(),
        "#/image",
        "opening the tab does not rewrite the URL"
    );
    // The default: a 960×540 test card through contrast 1.3.
    let mut expected = test_card(960, 540).unwrap();
    apply_pipeline(&mut expected, 960, 540, &[Filter::Contrast { amount: 1.3 }]).unwrap();
    assert_same_opaque(&after_pixels(&app), &expected);

    // Add "Invert" (second in the catalogue), then the result is contrast then invert.
    let select: web_sys::HtmlSelectElement = app.get("#image-add-kind").dyn_into().unwrap();
    select.set_selected_index(1);
    // Yew listens at the root, so the event must bubble.
    js_sys::Function::new_with_args(
        "el",
        "el.dispatchEvent(new Event('change', { bubbles: true }))",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &select)
    .unwrap();
    settle().await;
    app.get("#image-add").click();
    wait_for_status(&app, "2 filters applied").await;
    assert!(hash().contains("invert"), "the pipeline is in the URL");
    let mut expected = test_card(960, 540).unwrap();
    apply_pipeline(
        &mut expected,
        960,
        540,
        &[Filter::Contrast { amount: 1.3 }, Filter::Invert],
    )
    .unwrap();
    assert_same_opaque(&after_pixels(&app), &expected);

    // The split divider is a keyboard slider.
    let divider = app.get("#image-divider");
    assert_eq!(divider.get_attribute("role").as_deref(), Some("slider"));
    key_down(&divider, "End");
    settle().await;
    assert_eq!(
        divider.get_attribute("aria-valuenow").as_deref(),
        Some("100")
    );
    key_down(&divider, "ArrowLeft");
    settle().await;
    assert_eq!(
        divider.get_attribute("aria-valuenow").as_deref(),
        Some("95")
    );
}

#[wasm_bindgen_test]
async fn a_bad_file_in_the_tab_shows_a_message_and_keeps_the_image() {
    let app = Mounted::at("#/image").await;
    wait_for_status(&app, "applied").await;
    let info_before = app.get("#image-info").text_content().unwrap();
    let before = after_pixels(&app);
    let script = js_sys::Function::new_no_args(
        "const dt = new DataTransfer();
         dt.items.add(new File(['not an image at all'], 'bad.png', { type: 'image/png' }));
         const input = document.getElementById('image-file');
         input.files = dt.files;
         input.dispatchEvent(new Event('change', { bubbles: true }));",
    );
    script.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let mut message = String::new();
    for _ in 0..300 {
        settle().await;
        message = app
            .get("#image-load-error")
            .text_content()
            .unwrap_or_default();
        if !message.is_empty() {
            break;
        }
    }
    assert!(message.contains("not an image"), "{message}");
    assert!(message.contains("previous image is kept"), "{message}");
    assert_eq!(
        app.get("#image-file")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(app.get("#image-info").text_content().unwrap(), info_before);
    assert!(after_pixels(&app) == before, "the image changed");
}

#[wasm_bindgen_test]
fn samples_and_bench_cases_are_named_and_sized() {
    let p = Pixels::sample(Sample::Gradient, 64, 32).unwrap();
    assert_eq!(p.original.len(), 64 * 32 * 4);
    assert!(Pixels::sample(Sample::TestCard, 10_000, 6_000).is_err());
    let cases = glue::bench_cases(64, 32);
    assert_eq!(cases.len(), Filter::catalogue().len() + 1);
    assert!(cases.iter().any(|c| c.name == "image/grayscale/64x32"));
    assert!(cases.iter().any(|c| c.name == "image/copy/64x32"));
}

#[wasm_bindgen_test]
async fn every_bench_case_runs_both_sides() {
    for case in glue::bench_cases(48, 24) {
        let result = wasm_playground::web::bench::run_case(&case).await;
        let result = result.unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert!(
            result.wasm.samples > 0 && result.js.samples > 0,
            "{}",
            case.name
        );
    }
}

/// Waits until the tab's image info starts with `source`.
async fn wait_for_info(app: &Mounted, source: &str) -> String {
    wait_for_text(app, "#image-info", |t| t.starts_with(source)).await
}

#[wasm_bindgen_test]
async fn an_image_dropped_on_the_tab_is_loaded() {
    let app = Mounted::at("#/image").await;
    wait_for_status(&app, "applied").await;
    // A drop on the drop zone, with the file in the event's DataTransfer.
    let drop = js_sys::Function::new_no_args(
        r#"const dt = new DataTransfer();
         const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><rect width="3" height="2" fill="red"/></svg>';
         dt.items.add(new File([svg], 'dropped.svg', { type: 'image/svg+xml' }));
         const zone = document.querySelector('.drop');
         const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true });
         zone.dispatchEvent(over);
         zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
         return over.defaultPrevented;"#,
    );
    // Cancelling dragover is what makes the browser allow a drop there at all.
    let accepted = drop.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    assert_eq!(accepted.as_bool(), Some(true), "dragover is cancelled");
    let info = wait_for_info(&app, "dropped.svg").await;
    assert!(info.contains("3×2 px"), "{info}");
    assert!(
        !app.get(".drop").class_list().contains("over"),
        "the drop zone's highlight goes away after the drop"
    );
}

#[wasm_bindgen_test]
fn a_paste_takes_the_first_image_among_its_files() {
    // Firefox empties the clipboardData of a paste event made by script, so the tab's paste
    // listener is tested through the function it asks which file to load.
    let make = js_sys::Function::new_with_args(
        "withImage",
        r#"const dt = new DataTransfer();
         dt.setData('text/plain', 'hello');
         dt.items.add(new File(['x'], 'notes.txt', { type: 'text/plain' }));
         if (withImage) dt.items.add(new File(['<svg/>'], 'pasted.svg', { type: 'image/svg+xml' }));
         return dt;"#,
    );
    let with_image: web_sys::DataTransfer = make
        .call1(&wasm_bindgen::JsValue::NULL, &true.into())
        .unwrap()
        .unchecked_into();
    let chosen = glue::first_image_file(Some(&with_image)).unwrap();
    assert_eq!(chosen.name(), "pasted.svg");
    let text_only: web_sys::DataTransfer = make
        .call1(&wasm_bindgen::JsValue::NULL, &false.into())
        .unwrap()
        .unchecked_into();
    assert!(glue::first_image_file(Some(&text_only)).is_none());
    assert!(glue::first_image_file(None).is_none());
}

fn choose(app: &Mounted, selector: &str, index: i32) {
    let select: web_sys::HtmlSelectElement = app.get(selector).dyn_into().unwrap();
    select.set_selected_index(index);
    fire(&select, "change");
}

fn selected_text(app: &Mounted, selector: &str) -> String {
    let select: web_sys::HtmlSelectElement = app.get(selector).dyn_into().unwrap();
    select
        .selected_options()
        .item(0)
        .and_then(|o| o.text_content())
        .unwrap_or_default()
}

const SMALL_SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><rect width="3" height="2" fill="red"/></svg>"#;

#[wasm_bindgen_test]
async fn picking_a_sample_or_a_size_applies_it() {
    let app = Mounted::at("#/image").await;
    wait_for_info(&app, "Test card — 960×540").await;
    choose(&app, "#image-sample", 1);
    let info = wait_for_info(&app, "Gradient").await;
    assert!(info.contains("960×540"), "{info}");
    choose(&app, "#image-size", 0);
    wait_for_info(&app, "Gradient — 640×360").await;
    wait_for_status(&app, "applied").await;
    assert_eq!(after_pixels(&app).len(), 640 * 360 * 4);
}

/// Generating a sample is long work (a 1920×1080 one takes a while): the menu's change
/// returns at once and the work runs in later tasks, so the page is not frozen meanwhile.
#[wasm_bindgen_test]
async fn picking_a_size_does_the_long_work_after_the_menu_returns() {
    let app = Mounted::at("#/image").await;
    wait_for_status(&app, "applied").await;
    let before: HtmlCanvasElement = app.get("#image-before").dyn_into().unwrap();
    assert_eq!(before.width(), 960);
    choose(&app, "#image-size", 0);
    assert_eq!(
        before.width(),
        960,
        "the sample was made inside the change handler"
    );
    wait_for_info(&app, "Test card — 640×360").await;
    assert_eq!((before.width(), before.height()), (640, 360));
    // Two quick picks: only the last one is shown.
    choose(&app, "#image-size", 2);
    choose(&app, "#image-sample", 1);
    let info = wait_for_info(&app, "Gradient").await;
    assert!(info.contains("1280×720"), "{info}");
    wait_for_status(&app, "applied").await;
    assert_eq!(after_pixels(&app).len(), 1280 * 720 * 4);
}

#[wasm_bindgen_test]
async fn after_a_file_the_menus_say_your_file() {
    let app = Mounted::at("#/image").await;
    wait_for_status(&app, "applied").await;
    pick_file(&app, "#image-file", "tiny.svg", "image/svg+xml", SMALL_SVG);
    wait_for_info(&app, "tiny.svg — 3×2 px").await;
    assert_eq!(selected_text(&app, "#image-sample"), "your file: tiny.svg");
    assert_eq!(selected_text(&app, "#image-size"), "3×2 (your file)");
    // The benchmark does not time a 3×2 image: it says so and uses the chosen size.
    let note = text_of(&app, "#image-bench-note");
    assert!(note.contains("too small to time"), "{note}");
    assert!(note.contains("960×540 test card"), "{note}");

    // Picking a sample again replaces the file, and the menus show the sample.
    choose(&app, "#image-sample", 2);
    let info = wait_for_info(&app, Sample::ALL[1].label()).await;
    assert!(info.contains("960×540"), "{info}");
    assert_eq!(selected_text(&app, "#image-sample"), Sample::ALL[1].label());
    assert_eq!(selected_text(&app, "#image-size"), "960×540");
    let note = text_of(&app, "#image-bench-note");
    assert!(note.contains("current image (960×540)"), "{note}");
}

#[wasm_bindgen_test]
async fn a_blur_runs_in_bands_with_progress_and_the_same_bytes() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let (w, h) = (1920, 1080);
    let pixels = Pixels::sample(Sample::TestCard, w, h).unwrap();
    let shared = Rc::new(RefCell::new(Some(pixels)));
    let filters = [Filter::GaussianBlur { sigma: 3.0 }, Filter::Invert];
    let steps = Rc::new(RefCell::new(Vec::new()));
    let seen = steps.clone();
    let finished = glue::run_pipeline(
        &shared,
        &filters,
        || true,
        move |p| seen.borrow_mut().push(p),
    )
    .await
    .unwrap();
    assert!(finished);
    let steps = steps.borrow();
    let blur_steps = steps.iter().filter(|p| p.filter == 0).count();
    assert!(blur_steps >= 2, "the blur ran in {blur_steps} step(s)");
    assert!(steps.iter().all(|p| p.filters == 2 && p.rows == h));
    assert_eq!(steps.last().map(|p| (p.filter, p.rows_done)), Some((1, h)));
    let mut expected = test_card(w, h).unwrap();
    apply_pipeline(&mut expected, w, h, &filters).unwrap();
    assert!(shared.borrow().as_ref().unwrap().working == expected);
}

#[wasm_bindgen_test]
async fn the_tabs_canvases_are_made_for_reading_back() {
    let app = Mounted::at("#/image").await;
    wait_for_status(&app, "applied").await;
    let probe = js_sys::Function::new_with_args(
        "id",
        "return document.getElementById(id).getContext('2d').getContextAttributes().willReadFrequently === true;",
    );
    for id in ["image-before", "image-after"] {
        let reads = probe
            .call1(&wasm_bindgen::JsValue::NULL, &id.into())
            .unwrap();
        assert_eq!(reads.as_bool(), Some(true), "{id}");
    }
}
