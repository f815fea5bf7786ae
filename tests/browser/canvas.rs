//! The Canvas tab: the Rust rasterizer against Firefox's Canvas 2D, export → import, and
//! the drawing tool driven by synthetic pointer events.
//!
//! Agreement: a pixel agrees when alpha and every premultiplied colour channel are within
//! ±16 (`lab::canvas::compare::agreement`). Premultiplied, because pixels with alpha below 32 keep
//! too little colour for a straight-alpha comparison to mean anything. Text is excluded
//! from the scenes (the browser's font and the bitmap font differ by design).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::lab::canvas::compare::agreement_percent;
use wasm_playground::lab::canvas::{
    Canvas, DrawCommand, commands_from_json, commands_to_json, rasterize, stress_scene,
};
use wasm_playground::web::canvas::{offscreen, read_pixels, render_calls};
use web_sys::HtmlElement;

use crate::support::*;

const KEY: &str = "wasm-playground:canvas";

fn browser_pixels(commands: &[DrawCommand], w: u32, h: u32) -> Vec<u8> {
    let (_canvas, ctx) = offscreen(w, h).unwrap();
    render_calls(&ctx, commands, w, h, 1.0);
    read_pixels(&ctx, w, h).unwrap()
}

fn rect_scene() -> Vec<DrawCommand> {
    let mut c = Canvas::new(200, 150);
    c.set_fill_color("#ff0000").unwrap();
    c.rect(10.0, 10.0, 50.0, 40.0);
    c.set_fill_color("rgba(0, 128, 255, 0.5)").unwrap();
    c.rect(30.5, 25.25, 80.3, 60.7);
    c.set_fill_color("#00ff0080").unwrap();
    c.rect(150.0, 140.0, -70.0, -30.5);
    c.rect(190.0, 100.0, 40.0, 80.0); // hangs over the edge
    c.into_commands()
}

fn circle_scene() -> Vec<DrawCommand> {
    let mut c = Canvas::new(200, 150);
    c.set_fill_color("navy").unwrap();
    c.circle(50.0, 50.0, 30.0);
    c.set_fill_color("rgba(255, 165, 0, 0.6)").unwrap();
    c.circle(90.3, 70.7, 45.2);
    c.set_fill_color("#c0c").unwrap();
    c.circle(180.0, 140.0, 25.0);
    c.circle(120.0, 30.0, 2.5);
    c.into_commands()
}

fn stroke_scene() -> Vec<DrawCommand> {
    let mut c = Canvas::new(200, 150);
    c.set_stroke_color("#222222").unwrap();
    c.set_line_width(4.0).unwrap();
    c.line(10.0, 10.0, 190.0, 40.0);
    c.set_stroke_color("rgb(200, 30, 30)").unwrap();
    c.set_line_width(6.0).unwrap();
    c.stroke_rect(20.0, 50.0, 60.0, 40.0);
    c.set_stroke_color("#1d4ed8").unwrap();
    c.set_line_width(3.0).unwrap();
    c.stroke_circle(140.0, 90.0, 35.0);
    c.set_line_width(5.0).unwrap();
    c.polyline(&[
        (20.0, 130.0),
        (50.0, 110.0),
        (80.0, 135.0),
        (110.0, 112.0),
        (150.0, 140.0),
    ]);
    c.into_commands()
}

#[wasm_bindgen_test]
fn rasterize_agrees_with_canvas_2d_on_99_percent_of_pixels() {
    let mut scenes: Vec<(String, Vec<DrawCommand>, u32, u32)> = vec![
        ("rects".into(), rect_scene(), 200, 150),
        ("circles".into(), circle_scene(), 200, 150),
        ("strokes".into(), stroke_scene(), 200, 150),
    ];
    for seed in [1u64, 2, 3] {
        scenes.push((
            format!("stress seed {seed}"),
            stress_scene(150, 240, 160, seed),
            240,
            160,
        ));
    }
    for (name, commands, w, h) in scenes {
        let theirs = browser_pixels(&commands, w, h);
        let ours = rasterize(&commands, w, h).unwrap();
        let percent = agreement_percent(&theirs, &ours, 16);
        web_sys::console::log_1(&format!("canvas agreement {name}: {percent:.3} %").into());
        assert!(
            percent >= 99.0,
            "{name}: only {percent:.3} % of pixels agree within ±16"
        );
    }
}

#[wasm_bindgen_test]
fn agreement_compares_premultiplied_colour() {
    use wasm_playground::lab::canvas::compare::agreement;
    // Same coverage, straight colours far apart at alpha 10: they agree.
    assert_eq!(agreement(&[255, 0, 0, 10], &[120, 90, 0, 10], 16), (1, 1));
    // Opaque and different: they do not.
    assert_eq!(agreement(&[255, 0, 0, 255], &[200, 0, 0, 255], 16), (0, 1));
    // Alpha far apart: they do not.
    assert_eq!(agreement(&[0, 0, 0, 0], &[0, 0, 0, 40], 16), (0, 1));
}

#[wasm_bindgen_test]
fn export_then_import_gives_the_same_commands() {
    let mut commands = stress_scene(300, 640, 400, 9);
    commands.extend(stroke_scene());
    commands.push(DrawCommand::FillColor("#123456".into()));
    commands.push(DrawCommand::Text("héllo \"quoted\"".into(), 10.5, 20.25));
    let json = commands_to_json(&commands).unwrap();
    assert_eq!(commands_from_json(&json).unwrap(), commands);
}

fn count_text(app: &Mounted) -> String {
    text_of(app, "#canvas-count")
}

fn pointer(target: &HtmlElement, kind: &str, x: f64, y: f64) {
    let rect = target.get_bounding_client_rect();
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_pointer_id(7);
    init.set_pointer_type("pen");
    init.set_is_primary(true);
    init.set_button(0);
    // The canvas shows 640×400 drawing units over its CSS width.
    init.set_client_x((rect.left() + x * rect.width() / 640.0).round() as i32);
    init.set_client_y((rect.top() + y * rect.height() / 400.0).round() as i32);
    let event = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

async fn stroke_with_pointer(app: &Mounted, points: &[(f64, f64)]) {
    let canvas = app.get("#canvas-draw");
    let (first, rest) = points.split_first().unwrap();
    pointer(&canvas, "pointerdown", first.0, first.1);
    for p in rest {
        pointer(&canvas, "pointermove", p.0, p.1);
    }
    let last = points.last().unwrap();
    pointer(&canvas, "pointerup", last.0, last.1);
    settle().await;
}

async fn fresh() -> Mounted {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(KEY).unwrap();
    Mounted::at("#/canvas").await
}

#[wasm_bindgen_test]
async fn pointer_strokes_become_commands_and_undo_redo_work() {
    let app = fresh().await;
    assert!(
        count_text(&app).starts_with("0 commands"),
        "{}",
        count_text(&app)
    );

    // Pen: StrokeColor, LineWidth, BeginPath, MoveTo, LineTo ×3, Stroke.
    stroke_with_pointer(
        &app,
        &[
            (100.0, 100.0),
            (150.0, 120.0),
            (200.0, 90.0),
            (260.0, 140.0),
        ],
    )
    .await;
    assert!(
        count_text(&app).starts_with("8 commands in 1 stroke"),
        "{}",
        count_text(&app)
    );
    let list = app.get("#canvas-commands").text_content().unwrap();
    assert!(list.contains("MoveTo("), "{list}");
    assert!(list.contains("Stroke"), "{list}");

    // Rectangle (fill + outline): FillColor, StrokeColor, LineWidth, then two paths.
    app.get("#canvas-tool-rect").click();
    settle().await;
    stroke_with_pointer(&app, &[(300.0, 200.0), (400.0, 300.0)]).await;
    assert!(
        count_text(&app).starts_with("17 commands in 2 strokes"),
        "{}",
        count_text(&app)
    );
    let list = app.get("#canvas-commands").text_content().unwrap();
    assert!(list.contains("Rect("), "{list}");

    app.get("#canvas-undo").click();
    settle().await;
    assert!(
        count_text(&app).starts_with("8 commands in 1 stroke"),
        "{}",
        count_text(&app)
    );
    app.get("#canvas-redo").click();
    settle().await;
    assert!(
        count_text(&app).starts_with("17 commands"),
        "{}",
        count_text(&app)
    );

    // Keyboard: Ctrl+Z, Shift+Ctrl+Z, Ctrl+Y.
    let key = |k: &str, shift: bool| {
        let modifiers: &[Modifier] = if shift {
            &[Modifier::Ctrl, Modifier::Shift]
        } else {
            &[Modifier::Ctrl]
        };
        key_down_with(&document().body().unwrap(), k, modifiers);
    };
    key("z", false);
    settle().await;
    assert!(
        count_text(&app).starts_with("8 commands"),
        "{}",
        count_text(&app)
    );
    key("Z", true);
    settle().await;
    assert!(
        count_text(&app).starts_with("17 commands"),
        "{}",
        count_text(&app)
    );
    key("z", false);
    key("y", false);
    settle().await;
    assert!(
        count_text(&app).starts_with("17 commands"),
        "{}",
        count_text(&app)
    );

    // Clear is one undoable step.
    app.get("#canvas-clear").click();
    settle().await;
    assert!(
        count_text(&app).starts_with("0 commands"),
        "{}",
        count_text(&app)
    );
    app.get("#canvas-undo").click();
    settle().await;
    assert!(
        count_text(&app).starts_with("17 commands"),
        "{}",
        count_text(&app)
    );

    // The drawing is painted: some pixel of the stroke is not transparent.
    let canvas: web_sys::HtmlCanvasElement = app.get("#canvas-draw").dyn_into().unwrap();
    let ctx = wasm_playground::web::canvas::context_2d(&canvas).unwrap();
    let pixels = read_pixels(&ctx, canvas.width(), canvas.height()).unwrap();
    assert!(pixels.chunks_exact(4).any(|p| p[3] > 0));

    // It survives a remount (reload) through localStorage.
    drop(app);
    let app = Mounted::at("#/canvas").await;
    assert!(
        count_text(&app).starts_with("17 commands in 2 strokes"),
        "{}",
        count_text(&app)
    );
}

#[wasm_bindgen_test]
async fn import_replaces_the_drawing_and_invalid_files_are_refused() {
    let app = fresh().await;
    stroke_with_pointer(&app, &[(10.0, 10.0), (60.0, 60.0)]).await;
    assert!(
        count_text(&app).starts_with("6 commands"),
        "{}",
        count_text(&app)
    );

    let commands = stress_scene(20, 640, 400, 3);
    let json = commands_to_json(&commands).unwrap();
    pick_file(
        &app,
        "#canvas-import",
        "drawing.json",
        "application/json",
        &json,
    );
    let expected = format!("{} commands in 1 stroke", commands.len());
    wait_for_text(&app, "#canvas-count", |t| t.starts_with(&expected)).await;

    // Invalid: refused with the reason, the drawing kept.
    pick_file(
        &app,
        "#canvas-import",
        "drawing.json",
        "application/json",
        r#"[{"MoveTo":[1.0]}]"#,
    );
    wait_until("the refusal", || {
        app.text().contains("Refused") && app.query("#canvas-import-error").is_some()
    })
    .await;
    assert!(
        count_text(&app).starts_with(&expected),
        "{}",
        count_text(&app)
    );
    let input = app.get("#canvas-import");
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("canvas-import-error")
    );
}

#[wasm_bindgen_test]
async fn corrupt_saved_drawing_gives_a_message_not_a_panic() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(KEY, "{not json").unwrap();
    let app = Mounted::at("#/canvas").await;
    assert!(app.text().contains("could not be read"), "{}", app.text());
    assert!(count_text(&app).starts_with("0 commands"));
    drop(app);
    storage.remove_item(KEY).unwrap();
}

#[wasm_bindgen_test]
async fn text_tool_places_text_once() {
    let app = fresh().await;
    app.get("#canvas-tool-text").click();
    settle().await;
    let canvas = app.get("#canvas-draw");
    pointer(&canvas, "pointerdown", 100.0, 200.0);
    pointer(&canvas, "pointerup", 100.0, 200.0);
    settle().await;
    let input: web_sys::HtmlInputElement = app.get("#canvas-text-input").dyn_into().unwrap();
    assert_eq!(active_id(), "canvas-text-input");
    input.set_value("Hi there");
    key_down(&input, "Enter");
    settle().await;
    assert!(app.query("#canvas-text-input").is_none());
    assert!(
        count_text(&app).starts_with("2 commands in 1 stroke"),
        "{}",
        count_text(&app)
    );
    let list = app.get("#canvas-commands").text_content().unwrap();
    assert!(list.contains("Text(\"Hi there\""), "{list}");
}

#[wasm_bindgen_test]
fn hidpi_backing_store_agrees_between_renderers() {
    use wasm_playground::web::canvas::render_rasterized;
    let commands = [rect_scene(), circle_scene(), stroke_scene()].concat();
    let (_ca, a) = offscreen(400, 300).unwrap();
    let (_cb, b) = offscreen(400, 300).unwrap();
    // A 200×150 drawing on a 2× backing store: A scales the context, B the commands.
    render_calls(&a, &commands, 200, 150, 2.0);
    render_rasterized(&b, &commands, 200, 150, 2.0).unwrap();
    let percent = agreement_percent(
        &read_pixels(&a, 400, 300).unwrap(),
        &read_pixels(&b, 400, 300).unwrap(),
        16,
    );
    assert!(percent >= 99.0, "only {percent:.3} % agree at 2×");
}

#[wasm_bindgen_test]
fn bench_cases_are_named_and_both_sides_run() {
    use wasm_playground::web::bench::Side;
    let cases = wasm_playground::web::canvas::bench_cases_for(&[50], 64, 40);
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["canvas/raster-50/64x40", "canvas/calls-50/64x40"]);
    for case in &cases {
        match &case.wasm {
            Side::Wasm(f) => (f.borrow_mut())(),
            Side::Js(_) => panic!("the WASM side is Rust"),
        }
        match &case.js {
            Side::Js(f) => {
                let alpha = f.call0(&wasm_bindgen::JsValue::NULL).unwrap();
                assert!(
                    alpha.as_f64().is_some(),
                    "the JS side returns its read-back"
                );
            }
            Side::Wasm(_) => panic!("the JS side is JavaScript"),
        }
    }
    let names: Vec<String> = wasm_playground::web::canvas::bench_cases()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert!(
        names.contains(&"canvas/raster-10000/640x400".to_string()),
        "{names:?}"
    );
}

/// Whether the 2D context of the element `id` was made for reading back.
fn reads_back(id: &str) -> bool {
    js_sys::Function::new_with_args(
        "id",
        "return document.getElementById(id).getContext('2d').getContextAttributes().willReadFrequently === true;",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &id.into())
    .unwrap()
    .as_bool()
    .unwrap()
}

#[wasm_bindgen_test]
async fn an_empty_drawing_says_where_to_start_and_offers_a_sample() {
    let app = fresh().await;
    // No "100.00 % of pixels agree" about nothing, and no empty boxes: a hint instead.
    let agreement = text_of(&app, "#canvas-agreement");
    assert!(agreement.contains("Nothing to compare yet"), "{agreement}");
    assert!(!agreement.contains('%'), "{agreement}");
    assert!(app.get(".pair").has_attribute("hidden"));
    assert!(text_of(&app, "#canvas-hint").contains("Draw here"));
    assert_eq!(
        app.get("#canvas-draw")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("canvas-hint")
    );

    app.get("#canvas-sample").click();
    wait_for_text(&app, "#canvas-count", |t| t.contains("in 5 strokes")).await;
    assert!(app.query("#canvas-hint").is_none());
    let agreement = wait_for_text(&app, "#canvas-agreement", |t| t.contains("agree")).await;
    assert!(agreement.contains("your drawing ("), "{agreement}");
    assert!(!app.get(".pair").has_attribute("hidden"));
    // Five strokes: undo takes the sample apart one shape at a time.
    app.get("#canvas-undo").click();
    wait_for_text(&app, "#canvas-count", |t| t.contains("in 4 strokes")).await;
}

#[wasm_bindgen_test]
async fn a_shape_can_be_added_by_its_numbers_from_the_keyboard() {
    let app = fresh().await;
    // The defaults: a 160×100 rectangle at (40, 40), fill + outline.
    app.get("#canvas-form-add").click();
    wait_for_text(&app, "#canvas-count", |t| {
        t.starts_with("9 commands in 1 stroke")
    })
    .await;
    let list = text_of(&app, "#canvas-commands");
    assert!(list.contains("Rect(40, 40, 160, 100)"), "{list}");

    // A circle, typed in.
    let kind = app.get("#canvas-form-kind");
    kind.dyn_ref::<web_sys::HtmlSelectElement>()
        .unwrap()
        .set_value("circle");
    fire(&kind, "change");
    settle().await;
    type_into(&app, "#canvas-form-radius", "25.5");
    app.get("#canvas-form-add").click();
    wait_for_text(&app, "#canvas-count", |t| t.contains("in 2 strokes")).await;
    let list = text_of(&app, "#canvas-commands");
    assert!(list.contains("Circle(320, 200, 25.5)"), "{list}");

    // A bad number: a message next to the form, nothing drawn.
    type_into(&app, "#canvas-form-cx", "9000");
    app.get("#canvas-form-add").click();
    let error = wait_for_text(&app, "#canvas-form-error", |t| !t.is_empty()).await;
    assert!(error.contains("cx must be from 0 to 640"), "{error}");
    assert!(count_text(&app).contains("in 2 strokes"));
    // The form is reachable by Tab: real controls, none taken out of the order.
    for id in ["#canvas-form-kind", "#canvas-form-cx", "#canvas-form-add"] {
        assert_ne!(app.get(id).tab_index(), -1, "{id}");
    }
}

#[wasm_bindgen_test]
async fn the_command_list_shows_numbers_without_float_noise() {
    let app = fresh().await;
    let json = r##"[{"StrokeColor":"#112233"},{"LineWidth":2.0},"BeginPath",{"MoveTo":[127.19999999999999,40.0]},{"LineTo":[0.30000000000000004,12.5]},"Stroke"]"##;
    pick_file(
        &app,
        "#canvas-import",
        "noise.json",
        "application/json",
        json,
    );
    wait_for_text(&app, "#canvas-count", |t| t.starts_with("6 commands")).await;
    let list = text_of(&app, "#canvas-commands");
    assert!(list.contains("MoveTo(127.2, 40)"), "{list}");
    assert!(list.contains("LineTo(0.3, 12.5)"), "{list}");
    assert!(!list.contains("99999"), "{list}");
    // The drawing keeps the exact values (saved once the import has settled).
    let saved = || {
        web_sys::window()
            .unwrap()
            .local_storage()
            .unwrap()
            .unwrap()
            .get_item(KEY)
            .unwrap()
    };
    wait_until("the imported drawing to be saved", || saved().is_some()).await;
    let saved = saved().unwrap();
    assert!(saved.contains("127.19999999999999"), "{saved}");
}

#[wasm_bindgen_test]
async fn canvases_that_are_read_back_say_so_to_the_browser() {
    let app = fresh().await;
    app.get("#canvas-sample").click();
    wait_for_text(&app, "#canvas-agreement", |t| t.contains("agree")).await;
    assert!(reads_back("canvas-a"), "renderer A's comparison canvas");
    assert!(reads_back("canvas-b"), "renderer B's comparison canvas");
    let (canvas, _ctx) = offscreen(4, 4).unwrap();
    canvas.set_id("canvas-offscreen-probe");
    document().body().unwrap().append_child(&canvas).unwrap();
    assert!(
        reads_back("canvas-offscreen-probe"),
        "the benchmark's canvases"
    );
    canvas.remove();
}

#[wasm_bindgen_test]
async fn a_stress_scene_says_how_long_it_takes_and_shows_progress() {
    let app = fresh().await;
    let source = app.get("#canvas-compare-source");
    source
        .dyn_ref::<web_sys::HtmlSelectElement>()
        .unwrap()
        .set_value("10000");
    fire(&source, "change");
    let note = wait_for_text(&app, "#canvas-stress-note", |t| !t.is_empty()).await;
    assert!(note.contains("10,000 shapes"), "{note}");
    assert!(
        note.contains("in this browser (estimated from 1,000 shapes just now)"),
        "{note}"
    );
    assert!(note.contains("about "), "{note}");
    // Renderer A's 47,000 calls go in slices, with a progress bar in between. Every text
    // the line shows is recorded (polling could miss a run that ends between two polls).
    let shown = TextLog::watch(&app.get("#canvas-agreement"));
    app.get("#canvas-stress-run").click();
    let done = loop {
        let text = text_of(&app, "#canvas-agreement");
        if text.contains("agree") {
            break text;
        }
        sleep_ms(5).await;
    };
    assert!(
        shown
            .seen()
            .iter()
            .any(|t| t.contains("Drawing:") && t.contains("commands through renderer A")),
        "no progress was shown: {:?}",
        shown.seen()
    );
    assert!(done.contains("stress scene of 10,000 shapes"), "{done}");
}

/// The drawing canvas's pixels (RGBA, backing store).
fn drawn(app: &Mounted) -> Vec<u8> {
    let canvas: web_sys::HtmlCanvasElement = app.get("#canvas-draw").dyn_into().unwrap();
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ctx.get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into())
        .unwrap()
        .data()
        .0
}

fn opaque(pixels: &[u8]) -> usize {
    pixels.chunks_exact(4).filter(|p| p[3] > 0).count()
}

#[wasm_bindgen_test]
async fn every_change_and_a_restored_drawing_are_painted() {
    let app = fresh().await;
    assert_eq!(opaque(&drawn(&app)), 0);
    // A change that is not a pointer gesture (no preview painted it): the sample.
    app.get("#canvas-sample").click();
    wait_for_text(&app, "#canvas-count", |t| t.contains("in 5 strokes")).await;
    settle().await;
    let full = drawn(&app);
    assert!(opaque(&full) > 0, "the sample is not on the canvas");
    // Undo takes off the door (inside the house, so the same pixels stay opaque).
    app.get("#canvas-undo").click();
    wait_for_text(&app, "#canvas-count", |t| t.contains("in 4 strokes")).await;
    settle().await;
    let undone = drawn(&app);
    assert!(undone != full, "undo left the canvas as it was");
    drop(app);

    // The drawing is saved; a new mount restores it and paints it.
    let app = Mounted::at("#/canvas").await;
    wait_for_text(&app, "#canvas-count", |t| t.contains("in 4 strokes")).await;
    settle().await;
    assert!(
        drawn(&app) == undone,
        "the restored drawing is not painted as it was"
    );
}
