//! The Canvas tab's browser glue: the two renderers of a [`DrawCommand`] list, reading
//! pixels back, the drawing canvas's pointer and keyboard plumbing, and the benchmark
//! cases. How many pixels agree is pure arithmetic: [`crate::lab::canvas::compare`].
//!
//! - **Renderer A** ([`draw_calls`]): one `CanvasRenderingContext2d` call per command,
//!   exactly as the mapping table in `src/lab/canvas/mod.rs` says. Every call crosses from
//!   WASM through the wasm-bindgen glue into the browser.
//! - **Renderer B** ([`draw_rasterized`]): [`rasterize`] in WASM, then a single
//!   `putImageData`.

use std::hint::black_box;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::NodeRef;

use super::bench::{BenchCase, BenchConfig, Side, now_ms, yield_now};
use crate::lab::canvas::compare::agreement_percent;
use crate::lab::canvas::editor::{HistoryKey, history_shortcut};
use crate::lab::canvas::{
    DrawCommand, TEXT_FONT, commands_to_json, rasterize, scale_commands, stress_scene,
};

#[wasm_bindgen(module = "/src/web/js/canvas.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeCanvasJsCase)]
    fn make_canvas_js_case(json: &str, width: u32, height: u32) -> js_sys::Function;
}

/// The size of the stress scenes in the benchmark cases.
pub const BENCH_WIDTH: u32 = 640;
pub const BENCH_HEIGHT: u32 = 400;

/// The 2D context of a canvas element. Its first call on a canvas asks for a context
/// made for reading pixels back (`willReadFrequently`): every canvas of this tab is read
/// back (the comparison, the benchmark's last pixel, the tests), and a canvas kept on the
/// GPU would copy its pixels back on each read (and the browser warns about it).
pub fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context_with_context_options("2d", &read_back_options())
        .map_err(|_| "the browser refused a 2D context".to_string())?
        .ok_or_else(|| "this canvas has no 2D context".to_string())?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| "the context is not a CanvasRenderingContext2d".to_string())
}

/// `{ willReadFrequently: true }`, the options of a 2D context whose pixels are read back.
pub fn read_back_options() -> JsValue {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &JsValue::from_str("willReadFrequently"),
        &JsValue::TRUE,
    );
    options.into()
}

/// `window.devicePixelRatio`, kept within 1..=4 (1 where unknown).
pub fn device_pixel_ratio() -> f64 {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0);
    if dpr.is_finite() && dpr > 0.0 {
        dpr.clamp(1.0, 4.0)
    } else {
        1.0
    }
}

/// Sizes the backing store for HiDPI screens: `css_w × css_h` CSS pixels become
/// `css_w·dpr × css_h·dpr` device pixels (the element's CSS size is left to the page).
/// Returns the backing size.
pub fn size_backing_store(
    canvas: &HtmlCanvasElement,
    css_w: u32,
    css_h: u32,
    dpr: f64,
) -> (u32, u32) {
    let w = (f64::from(css_w) * dpr).round().max(1.0) as u32;
    let h = (f64::from(css_h) * dpr).round().max(1.0) as u32;
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    (w, h)
}

/// Resets the context to the Canvas defaults [`rasterize`] starts from (module doc of
/// `lab::canvas`), with the transform `scale(dpr, dpr)`, and clears the whole backing
/// store.
pub fn reset_context(ctx: &CanvasRenderingContext2d, dpr: f64) {
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    if let Some(canvas) = ctx.canvas() {
        ctx.clear_rect(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
    }
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.begin_path();
    ctx.set_fill_style_str("#000000");
    ctx.set_stroke_style_str("#000000");
    ctx.set_line_width(1.0);
    ctx.set_line_cap("butt");
    ctx.set_line_join("miter");
    ctx.set_miter_limit(10.0);
    ctx.set_global_alpha(1.0);
    let _ = ctx.set_global_composite_operation("source-over");
    ctx.set_font(TEXT_FONT);
    ctx.set_text_align("start");
    ctx.set_text_baseline("alphabetic");
}

// region: renderer-a
/// Renderer A: replays `commands` as Canvas 2D calls, one (or two, for a circle) per
/// command, following the mapping table. `width × height` is the drawing's size in the
/// context's user space (what `Clear` clears). Does not reset the context first: call
/// [`reset_context`] for a fresh picture.
pub fn draw_calls(
    ctx: &CanvasRenderingContext2d,
    commands: &[DrawCommand],
    width: f64,
    height: f64,
) {
    for command in commands {
        match command {
            DrawCommand::MoveTo(x, y) => ctx.move_to(*x, *y),
            DrawCommand::LineTo(x, y) => ctx.line_to(*x, *y),
            DrawCommand::Rect(x, y, w, h) => ctx.rect(*x, *y, *w, *h),
            DrawCommand::Circle(cx, cy, r) => {
                ctx.move_to(cx + r, *cy);
                if *r >= 0.0 {
                    // Only a negative radius throws (IndexSizeError), and it is skipped.
                    let _ = ctx.arc(*cx, *cy, *r, 0.0, std::f64::consts::TAU);
                }
            }
            DrawCommand::FillColor(css) => ctx.set_fill_style_str(css),
            DrawCommand::StrokeColor(css) => ctx.set_stroke_style_str(css),
            DrawCommand::LineWidth(w) => ctx.set_line_width(*w),
            DrawCommand::BeginPath => ctx.begin_path(),
            DrawCommand::Fill => ctx.fill(),
            DrawCommand::Stroke => ctx.stroke(),
            DrawCommand::Text(text, x, y) => {
                let _ = ctx.fill_text(text, *x, *y);
            }
            DrawCommand::Clear => ctx.clear_rect(0.0, 0.0, width, height),
        }
    }
}
// endregion

/// Renderer A on a whole canvas: reset (with the `dpr` scale), then [`draw_calls`].
/// `css_w × css_h` is the drawing's size before scaling.
pub fn render_calls(
    ctx: &CanvasRenderingContext2d,
    commands: &[DrawCommand],
    css_w: u32,
    css_h: u32,
    dpr: f64,
) {
    reset_context(ctx, dpr);
    draw_calls(ctx, commands, f64::from(css_w), f64::from(css_h));
}

// region: renderer-b
/// Renderer B: [`rasterize`] in WASM into a `width × height` RGBA buffer (device pixels),
/// then ONE `putImageData` (which ignores the transform and replaces every pixel). For a
/// HiDPI backing store pass `scale_commands(commands, dpr)` and the backing size.
pub fn draw_rasterized(
    ctx: &CanvasRenderingContext2d,
    commands: &[DrawCommand],
    width: u32,
    height: u32,
) -> Result<(), String> {
    let pixels = rasterize(commands, width, height).map_err(|e| e.to_string())?;
    if pixels.is_empty() {
        return Ok(());
    }
    // The ImageData views the Vec's bytes in WASM memory (no copy); it is used at once,
    // before anything can grow the memory and detach the view.
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), width, height)
        .map_err(|_| "the browser refused the ImageData".to_string())?;
    ctx.put_image_data(&image, 0.0, 0.0)
        .map_err(|_| "the browser refused putImageData".to_string())
}
// endregion

/// Renderer B on a HiDPI backing store: the commands scaled by `dpr` (as `ctx.scale`
/// would) and rasterized at the backing store's size, then one `putImageData`.
pub fn render_rasterized(
    ctx: &CanvasRenderingContext2d,
    commands: &[DrawCommand],
    css_w: u32,
    css_h: u32,
    dpr: f64,
) -> Result<(), String> {
    let w = (f64::from(css_w) * dpr).round().max(1.0) as u32;
    let h = (f64::from(css_h) * dpr).round().max(1.0) as u32;
    if dpr == 1.0 {
        draw_rasterized(ctx, commands, w, h)
    } else {
        draw_rasterized(ctx, &scale_commands(commands, dpr), w, h)
    }
}

/// Reads `width × height` pixels from the top-left of the canvas (device pixels,
/// un-premultiplied RGBA, as `getImageData` gives them).
pub fn read_pixels(
    ctx: &CanvasRenderingContext2d,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, String> {
    if width == 0 || height == 0 {
        return Ok(Vec::new());
    }
    let image = ctx
        .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
        .map_err(|_| "the browser refused getImageData".to_string())?;
    Ok(image.data().0)
}

/// The whole canvas as a PNG `data:` URL.
pub fn png_data_url(canvas: &HtmlCanvasElement) -> Result<String, String> {
    canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| "the browser refused to export the canvas (is it tainted?)".to_string())
}

/// A detached canvas of this size with its 2D context, for benchmarks and tests.
pub fn offscreen(
    width: u32,
    height: u32,
) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), String> {
    let canvas: HtmlCanvasElement = super::dom::document()
        .ok_or("no document")?
        .create_element("canvas")
        .map_err(|_| "no canvas element")?
        .dyn_into()
        .map_err(|_| "not a canvas")?;
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx = context_2d(&canvas)?;
    Ok((canvas, ctx))
}

/// The benchmark's stress-scene sizes.
pub const STRESS_SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The cases the Bench tab runs: stress scenes of 1k and 10k shapes on 640×400 (100k is
/// offered in the Canvas tab, where its cost is announced).
pub fn bench_cases() -> Vec<BenchCase> {
    bench_cases_for(&[1_000, 10_000], BENCH_WIDTH, BENCH_HEIGHT)
}

/// For each `n`: `canvas/raster-<n>/<w>x<h>` (renderer B: rasterize in WASM + one
/// putImageData, vs the same list drawn by Canvas 2D calls from JavaScript) and
/// `canvas/calls-<n>/<w>x<h>` (renderer A: the same Canvas 2D calls made from Rust through
/// web-sys, one boundary crossing per call, vs the same JavaScript). Every side ends by
/// reading one pixel back, so deferred drawing is finished inside the timing.
pub fn bench_cases_for(sizes: &[usize], width: u32, height: u32) -> Vec<BenchCase> {
    let mut cases = Vec::new();
    for &n in sizes {
        let commands = stress_scene(n, width, height, 42);
        let Ok(json) = commands_to_json(&commands) else {
            continue;
        };
        let Ok((_canvas_b, ctx_b)) = offscreen(width, height) else {
            continue;
        };
        let Ok((_canvas_a, ctx_a)) = offscreen(width, height) else {
            continue;
        };
        let config = config_for(n);
        let size = format!("{width}x{height}");
        let scene_b = commands.clone();
        cases.push(BenchCase {
            name: format!("canvas/raster-{n}/{size}"),
            label: format!("{n} shapes: Rust rasterize + one putImageData vs JS Canvas 2D calls"),
            wasm: Side::wasm(move || {
                let _ = black_box(draw_rasterized(&ctx_b, black_box(&scene_b), width, height));
                black_box(read_pixels(&ctx_b, 1, 1).ok());
            }),
            js: Side::Js(make_canvas_js_case(&json, width, height)),
            config,
        });
        let scene_a = commands;
        cases.push(BenchCase {
            name: format!("canvas/calls-{n}/{size}"),
            label: format!(
                "{n} shapes: Canvas 2D calls from Rust via web-sys vs the same calls from JS"
            ),
            wasm: Side::wasm(move || {
                render_calls(&ctx_a, black_box(&scene_a), width, height, 1.0);
                black_box(read_pixels(&ctx_a, 1, 1).ok());
            }),
            js: Side::Js(make_canvas_js_case(&json, width, height)),
            config,
        });
    }
    cases
}

fn config_for(n: usize) -> BenchConfig {
    if n <= 1_000 {
        BenchConfig {
            warmup_ms: 50.0,
            min_sample_ms: 10.0,
            samples: 7,
            max_iterations: 32,
        }
    } else if n <= 10_000 {
        BenchConfig::heavy()
    } else {
        BenchConfig {
            samples: 3,
            ..BenchConfig::heavy()
        }
    }
}

// ---- The tab's canvases, reached through the view's node refs --------------------------

fn canvas_of(node: &NodeRef) -> Option<HtmlCanvasElement> {
    node.cast::<HtmlCanvasElement>()
}

/// Paints the drawing canvas: renderer A (or B when `rasterized`) at the screen's
/// devicePixelRatio, the committed commands and then the gesture in progress. Nothing
/// happens while the canvas is not in the page.
pub fn paint_drawing(
    node: &NodeRef,
    committed: &[DrawCommand],
    preview: &[DrawCommand],
    rasterized: bool,
    css_w: u32,
    css_h: u32,
) -> Result<(), String> {
    let Some(canvas) = canvas_of(node) else {
        return Ok(());
    };
    let dpr = device_pixel_ratio();
    size_backing_store(&canvas, css_w, css_h, dpr);
    let ctx = context_2d(&canvas)?;
    if rasterized {
        let mut all = committed.to_vec();
        all.extend_from_slice(preview);
        render_rasterized(&ctx, &all, css_w, css_h, dpr)
    } else {
        render_calls(&ctx, committed, css_w, css_h, dpr);
        draw_calls(&ctx, preview, f64::from(css_w), f64::from(css_h));
        Ok(())
    }
}

/// Where a pointer event landed on the canvas, in drawing units (`css_w × css_h` over the
/// element's box), rounded to a tenth.
pub fn pointer_point(
    node: &NodeRef,
    e: &web_sys::PointerEvent,
    css_w: u32,
    css_h: u32,
) -> Option<(f64, f64)> {
    let canvas = canvas_of(node)?;
    let r = canvas.get_bounding_client_rect();
    let sx = f64::from(css_w) / r.width().max(1.0);
    let sy = f64::from(css_h) / r.height().max(1.0);
    let snap = crate::lab::canvas::editor::snap;
    Some((
        snap((f64::from(e.client_x()) - r.left()) * sx),
        snap((f64::from(e.client_y()) - r.top()) * sy),
    ))
}

/// Sends the rest of this pointer's events to the canvas, even outside it.
pub fn capture_pointer(node: &NodeRef, pointer_id: i32) {
    if let Some(canvas) = canvas_of(node) {
        let _ = canvas.set_pointer_capture(pointer_id);
    }
}

/// Ends [`capture_pointer`].
pub fn release_pointer(node: &NodeRef, pointer_id: i32) {
    if let Some(canvas) = canvas_of(node) {
        let _ = canvas.release_pointer_capture(pointer_id);
    }
}

/// Offers what the canvas shows as a PNG download.
pub fn download_png(node: &NodeRef, name: &str) -> Result<(), String> {
    let canvas = canvas_of(node).ok_or("the canvas is not on the page")?;
    let url = png_data_url(&canvas)?;
    super::dom::download_url(name, &url)
}

/// Listens for the history shortcuts (Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl/Cmd+Y) on the
/// whole document, except inside text fields, which keep their own undo; the browser's
/// own handling of a matched key is prevented. Listening stops when the returned
/// listener is dropped.
pub fn listen_history_keys(on_key: impl Fn(HistoryKey) + 'static) -> Option<EventListener> {
    let document = super::dom::document()?;
    Some(EventListener::new_with_options(
        &document,
        "keydown",
        EventListenerOptions::enable_prevent_default(),
        move |event| {
            let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            let in_field = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
            if in_field {
                return;
            }
            if let Some(key) = history_shortcut(
                &e.key(),
                e.ctrl_key() || e.meta_key(),
                e.alt_key(),
                e.shift_key(),
            ) {
                e.prevent_default();
                on_key(key);
            }
        },
    ))
}

/// What one comparison of the two renderers measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Renderer A's time: the Canvas 2D calls and the read-back, without the pauses
    /// between slices.
    pub a_ms: f64,
    /// Renderer B's time: rasterize, putImageData and the read-back.
    pub b_ms: f64,
    /// How many pixels agree, in percent.
    pub percent: f64,
}

/// Commands renderer A replays between two pauses in [`compare_renderers`]: a slice of
/// this size takes a few tens of milliseconds even for the largest scene.
pub const CALLS_PER_SLICE: usize = 10_000;

/// Draws `commands` through both renderers on the two comparison canvases (1:1, no
/// devicePixelRatio), reads both back and measures how many pixels agree within
/// `tolerance`. Renderer A's calls are made in slices of [`CALLS_PER_SLICE`] with a pause
/// between them (`on_progress` gets the commands done so far), so a large scene does not
/// freeze the page; renderer B is one call to `rasterize`, whose time is the lesson.
pub async fn compare_renderers(
    a: &NodeRef,
    b: &NodeRef,
    commands: &[DrawCommand],
    (width, height): (u32, u32),
    tolerance: u8,
    on_progress: impl Fn(usize),
) -> Result<Comparison, String> {
    let gone = || "the comparison canvas is gone".to_string();
    let canvas_a = canvas_of(a).ok_or_else(gone)?;
    let canvas_b = canvas_of(b).ok_or_else(gone)?;
    size_backing_store(&canvas_a, width, height, 1.0);
    size_backing_store(&canvas_b, width, height, 1.0);
    let ctx_a = context_2d(&canvas_a)?;
    let ctx_b = context_2d(&canvas_b)?;
    let mut a_ms = 0.0;
    let t0 = now_ms();
    reset_context(&ctx_a, 1.0);
    a_ms += now_ms() - t0;
    for (i, slice) in commands.chunks(CALLS_PER_SLICE).enumerate() {
        if i > 0 {
            on_progress(i * CALLS_PER_SLICE);
            yield_now().await;
        }
        let t0 = now_ms();
        draw_calls(&ctx_a, slice, f64::from(width), f64::from(height));
        a_ms += now_ms() - t0;
    }
    let t0 = now_ms();
    let pixels_a = read_pixels(&ctx_a, width, height)?;
    a_ms += now_ms() - t0;
    on_progress(commands.len());
    yield_now().await;
    let t0 = now_ms();
    draw_rasterized(&ctx_b, commands, width, height)?;
    let pixels_b = read_pixels(&ctx_b, width, height)?;
    let b_ms = now_ms() - t0;
    Ok(Comparison {
        a_ms,
        b_ms,
        percent: agreement_percent(&pixels_a, &pixels_b, tolerance),
    })
}

/// Milliseconds renderer B takes to rasterize `commands` on a `width × height` canvas
/// here and now (nothing is drawn on the page); for announcing how long a larger scene
/// will take.
pub fn time_rasterize(commands: &[DrawCommand], width: u32, height: u32) -> f64 {
    let t0 = now_ms();
    let _ = black_box(rasterize(black_box(commands), width, height));
    now_ms() - t0
}
