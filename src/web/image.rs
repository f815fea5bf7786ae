//! ImageData glue for the Image tab: decode with the browser, copy the pixels into WASM
//! memory once, filter them there in place, and hand them back with one `putImageData`.
//!
//! Where the bytes are copied (and nowhere else):
//! 1. the browser decodes the file and draws it on a scratch canvas (browser memory);
//! 2. `getImageData` + `ImageData.data` copy the pixels once into a `Vec<u8>` in WASM
//!    memory: the *original* buffer, kept for the whole life of the image;
//! 3. each pipeline run copies original → *working* (`copy_from_slice`, inside WASM
//!    memory), so every run starts from the original; the filters then work in place;
//! 4. one `putImageData` from an `ImageData` made over the working buffer in WASM memory
//!    (no JS copy; the canvas copies it into its own storage). The `ImageData` is used at
//!    once and dropped: if WASM memory grew later, its view would be detached.
//!
//! Samples skip steps 1–2: Rust generates the original buffer directly.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use js_sys::{Int32Array, Promise, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, ImageData};
use yew::NodeRef;

use crate::lab::fmt;
use crate::lab::image::banded::BandedFilter;
use crate::lab::image::samples::Sample;
use crate::lab::image::view::band_rows;
use crate::lab::image::{
    self as lab, ColorMatrix, DEFAULT_MAX_MEGAPIXELS, Filter, ImageError, ToneCurve,
    check_dimensions, reference::gaussian_box_radii, reference::sharpen_fixed,
};
use crate::web::bench::{BenchCase, BenchConfig, Side, yield_now};
use crate::web::file::PickedFile;

#[wasm_bindgen(module = "/src/web/js/image.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = runFilter)]
    fn js_run_filter(
        d: &Uint8ClampedArray,
        w: u32,
        h: u32,
        kind: &str,
        p: &Int32Array,
    ) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = makeFilterBench)]
    fn js_make_filter_bench(
        src: &Uint8ClampedArray,
        work: &Uint8ClampedArray,
        w: u32,
        h: u32,
        kind: &str,
        p: &Int32Array,
    ) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeCopyBench)]
    fn js_make_copy_bench(src: &Uint8ClampedArray, work: &Uint8ClampedArray) -> js_sys::Function;
}

/// The image being edited: two persistent buffers in WASM memory.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    /// The pixels as loaded; never changed, so the pipeline always re-runs from here.
    pub original: Vec<u8>,
    /// Original + pipeline; what the "after" canvas shows.
    pub working: Vec<u8>,
}

impl Pixels {
    /// Takes ownership of `original` (no copy) after checking its size.
    pub fn new(width: u32, height: u32, original: Vec<u8>) -> Result<Pixels, String> {
        lab::check_len(original.len(), width, height).map_err(|e| e.to_string())?;
        let working = original.clone();
        Ok(Pixels {
            width,
            height,
            original,
            working,
        })
    }

    /// A generated sample, size checked before anything is allocated.
    pub fn sample(sample: Sample, width: u32, height: u32) -> Result<Pixels, String> {
        check_dimensions(width, height, DEFAULT_MAX_MEGAPIXELS).map_err(|e| e.to_string())?;
        let original = sample.generate(width, height).map_err(|e| e.to_string())?;
        Pixels::new(width, height, original)
    }

    /// Working ← original, then the whole pipeline in place. Synchronous; the tab uses
    /// [`run_pipeline`] to yield between filters.
    pub fn apply(&mut self, filters: &[Filter]) -> Result<(), ImageError> {
        self.working.copy_from_slice(&self.original);
        lab::apply_pipeline(&mut self.working, self.width, self.height, filters)
    }
}

/// Shared handle the tab keeps across renders.
pub type SharedPixels = Rc<RefCell<Option<Pixels>>>;

/// Pixels a neighbourhood filter works on between two pauses in [`run_pipeline`]: about
/// 30 ms of a Gaussian blur in Firefox.
pub const PIXELS_PER_BAND: u32 = 1 << 20;

/// How far a pipeline run is: filter `filter` of `filters`, `rows_done` of `rows`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PipelineProgress {
    pub filter: usize,
    pub filters: usize,
    pub rows_done: u32,
    pub rows: u32,
}

/// Runs the pipeline from the original, yielding to the browser between filters, and
/// within a neighbourhood filter between bands of about [`PIXELS_PER_BAND`] pixels
/// ([`BandedFilter`], the same bytes as one call), so the page stays responsive even for
/// a blur of a 4K image. `on_progress` hears where the run is after every step;
/// `still_wanted` is asked after each yield: when it says no (a newer run started), this
/// run stops and returns `Ok(false)`.
pub async fn run_pipeline(
    pixels: &SharedPixels,
    filters: &[Filter],
    still_wanted: impl Fn() -> bool,
    on_progress: impl Fn(PipelineProgress),
) -> Result<bool, String> {
    let (width, height) = {
        let mut guard = pixels.borrow_mut();
        let Some(p) = guard.as_mut() else {
            return Ok(false);
        };
        p.working.copy_from_slice(&p.original);
        (p.width, p.height)
    };
    for (i, filter) in filters.iter().enumerate() {
        let band = if filter.is_point_filter() {
            height.max(1)
        } else {
            band_rows(width, PIXELS_PER_BAND)
        };
        let mut run = BandedFilter::new(*filter, width, height, band);
        loop {
            yield_now().await;
            if !still_wanted() {
                return Ok(false);
            }
            let mut guard = pixels.borrow_mut();
            let Some(p) = guard.as_mut() else {
                return Ok(false);
            };
            let done = run.step(&mut p.working).map_err(|e| e.to_string())?;
            drop(guard);
            on_progress(PipelineProgress {
                filter: i,
                filters: filters.len(),
                rows_done: run.rows_done(),
                rows: run.rows(),
            });
            if done {
                break;
            }
        }
    }
    Ok(still_wanted())
}

/// The canvas's 2D context. Every canvas of this tab moves pixels in and out
/// (putImageData, getImageData), so the first call asks for a context made for reading
/// back (`willReadFrequently`), which the browser keeps in memory rather than on the GPU.
fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context_with_context_options("2d", &super::canvas::read_back_options())
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| "the browser gave no 2D canvas context".to_string())
}

/// Draws `rgba` (a `width × height` image in WASM memory) on `canvas` with one
/// `putImageData`, resizing the canvas if needed. The `ImageData` is a view over WASM
/// memory, used at once and dropped.
pub fn put(canvas: &HtmlCanvasElement, rgba: &[u8], width: u32, height: u32) -> Result<(), String> {
    lab::check_len(rgba.len(), width, height).map_err(|e| e.to_string())?;
    if width == 0 || height == 0 {
        return Err("the image has no pixels".into());
    }
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let ctx = context_2d(canvas)?;
    let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height)
        .map_err(|_| "the browser could not make an ImageData".to_string())?;
    ctx.put_image_data(&data, 0.0, 0.0)
        .map_err(|_| "the browser could not draw the pixels".to_string())
}

/// Copies the whole canvas into a new `Vec<u8>` in WASM memory (one copy).
pub fn read_canvas(canvas: &HtmlCanvasElement) -> Result<Vec<u8>, String> {
    let (w, h) = (canvas.width(), canvas.height());
    check_dimensions(w, h, DEFAULT_MAX_MEGAPIXELS).map_err(|e| e.to_string())?;
    let ctx = context_2d(canvas)?;
    let data = ctx
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .map_err(|_| "the browser refused to read the canvas pixels".to_string())?;
    let Clamped(bytes) = data.data();
    Ok(bytes)
}

fn new_canvas(width: u32, height: u32) -> Result<HtmlCanvasElement, String> {
    let canvas: HtmlCanvasElement = crate::web::dom::document()
        .ok_or("no document")?
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .dyn_into()
        .map_err(|_| "no canvas")?;
    canvas.set_width(width);
    canvas.set_height(height);
    Ok(canvas)
}

/// The first image among the files of a paste or drop (`None` when there is none, e.g. a
/// paste of plain text, which is then left to the browser).
pub fn first_image_file(data: Option<&web_sys::DataTransfer>) -> Option<web_sys::File> {
    let files = data?.files()?;
    (0..files.length())
        .filter_map(|i| files.item(i))
        .find(|file| file.type_().starts_with("image/"))
}

/// Decodes an image file with the browser and copies its pixels into WASM memory.
/// The natural size is checked (empty, over 50 megapixels) before the canvas or any
/// buffer of that size exists. Errors are sentences for the person.
pub async fn decode(blob: &Blob) -> Result<Pixels, String> {
    let img = HtmlImageElement::new().map_err(|_| "no image element")?;
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| "the browser could not open the file")?;
    let loaded = Promise::new(&mut |resolve, reject| {
        img.set_onload(Some(&resolve));
        img.set_onerror(Some(&reject));
    });
    img.set_src(&url);
    let result = JsFuture::from(loaded).await;
    img.set_onload(None);
    img.set_onerror(None);
    let _ = web_sys::Url::revoke_object_url(&url);
    if result.is_err() {
        return Err(
            "this file is not an image the browser can decode (corrupt, or not an image)".into(),
        );
    }
    let (w, h) = (img.natural_width(), img.natural_height());
    check_dimensions(w, h, DEFAULT_MAX_MEGAPIXELS).map_err(|e| format!("cannot load: {e}"))?;
    let canvas = new_canvas(w, h)?;
    let ctx = context_2d(&canvas)?;
    ctx.draw_image_with_html_image_element(&img, 0.0, 0.0)
        .map_err(|_| "the browser could not draw this image (corrupt data?)".to_string())?;
    let bytes = read_canvas(&canvas)?;
    Pixels::new(w, h, bytes)
}

/// Decodes a picked (or dropped, or pasted) file; see [`decode`].
pub async fn decode_file(file: &PickedFile) -> Result<Pixels, String> {
    decode(file.file()).await
}

/// [`put`] on the canvas a view's `NodeRef` points at; nothing happens while it is not
/// in the page.
pub fn show(node: &NodeRef, rgba: &[u8], width: u32, height: u32) -> Result<(), String> {
    match node.cast::<HtmlCanvasElement>() {
        Some(canvas) => put(&canvas, rgba, width, height),
        None => Ok(()),
    }
}

/// Starts a PNG download of what the canvas behind `node` shows.
pub fn download_png_of(node: &NodeRef, name: &str) -> Result<(), String> {
    let canvas = node
        .cast::<HtmlCanvasElement>()
        .ok_or("the result is not on the page")?;
    download_png(&canvas, name)
}

/// Where `client_x` falls across the element behind `node`, in percent (0 to 100).
pub fn percent_across(node: &NodeRef, client_x: i32) -> Option<f64> {
    let element = node.cast::<web_sys::Element>()?;
    let rect = element.get_bounding_client_rect();
    (rect.width() > 0.0)
        .then(|| ((f64::from(client_x) - rect.left()) / rect.width() * 100.0).clamp(0.0, 100.0))
}

/// Sends the rest of this pointer's events to the element behind `node`.
pub fn capture_pointer(node: &NodeRef, pointer_id: i32) {
    if let Some(element) = node.cast::<web_sys::Element>() {
        let _ = element.set_pointer_capture(pointer_id);
    }
}

/// The first file of a drop (any type: a file that is not an image gets decode's
/// message), with the browser's own handling of the drop prevented.
pub fn dropped_file(event: &web_sys::DragEvent) -> Option<PickedFile> {
    event.prevent_default();
    let file = event.data_transfer()?.files()?.item(0)?;
    Some(PickedFile::new(file))
}

/// Listens for pastes on the whole document: a paste that holds an image file hands it
/// to `on_image` and is kept from the browser (`preventDefault`, which is why the
/// listener is not passive; a passive one could not, and the browser logs an error for
/// every try). A paste of text is left alone. Listening stops when the returned listener
/// is dropped.
pub fn listen_paste(on_image: impl Fn(PickedFile) + 'static) -> Option<EventListener> {
    let document = super::dom::document()?;
    Some(EventListener::new_with_options(
        &document,
        "paste",
        EventListenerOptions::enable_prevent_default(),
        move |e| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            if let Some(file) = first_image_file(e.clipboard_data().as_ref()) {
                e.prevent_default();
                on_image(PickedFile::new(file));
            }
        },
    ))
}

/// Starts a PNG download of what `canvas` shows.
pub fn download_png(canvas: &HtmlCanvasElement, name: &str) -> Result<(), String> {
    let url = canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| "the browser could not encode a PNG")?;
    crate::web::dom::download_url(name, &url)
}

/// The JavaScript baseline's name for a filter and the constants Rust computed for it
/// (the same fixed-point numbers the Rust filters use, so the bytes match).
pub fn js_params(filter: &Filter) -> (&'static str, Vec<i32>) {
    let matrix = |m: ColorMatrix| m.m.iter().flatten().copied().collect::<Vec<i32>>();
    let tone = |c: ToneCurve| vec![c.mul, c.add];
    match *filter {
        Filter::Grayscale => ("grayscale", vec![]),
        Filter::Invert => ("invert", vec![]),
        Filter::Brightness { factor } => ("tone", tone(ToneCurve::brightness(factor))),
        Filter::Contrast { amount } => ("tone", tone(ToneCurve::contrast(amount))),
        Filter::Saturation { amount } => ("matrix", matrix(ColorMatrix::saturation(amount))),
        Filter::Sepia => ("matrix", matrix(ColorMatrix::SEPIA)),
        Filter::Threshold { level } => ("threshold", vec![i32::from(level)]),
        Filter::BoxBlur { radius } => ("box", vec![radius.min(lab::MAX_BLUR_RADIUS) as i32]),
        Filter::GaussianBlur { sigma } => (
            "box",
            gaussian_box_radii(sigma)
                .iter()
                .map(|&r| r as i32)
                .collect(),
        ),
        Filter::Sharpen { amount } => ("sharpen", vec![sharpen_fixed(amount)]),
        Filter::Sobel => ("sobel", vec![]),
    }
}

/// Runs the JavaScript baseline of `filter` on `data` in place.
pub fn run_js_filter(
    data: &Uint8ClampedArray,
    width: u32,
    height: u32,
    filter: &Filter,
) -> Result<(), String> {
    let (kind, p) = js_params(filter);
    js_run_filter(data, width, height, kind, &Int32Array::from(&p[..]))
        .map_err(|_| "the JavaScript baseline threw".to_string())
}

/// The slug used in benchmark names: `image/<slug>/<w>x<h>`.
pub fn slug(filter: &Filter) -> &'static str {
    match filter {
        Filter::Grayscale => "grayscale",
        Filter::Invert => "invert",
        Filter::Brightness { .. } => "brightness",
        Filter::Contrast { .. } => "contrast",
        Filter::Saturation { .. } => "saturation",
        Filter::Sepia => "sepia",
        Filter::Threshold { .. } => "threshold",
        Filter::BoxBlur { .. } => "box-blur",
        Filter::GaussianBlur { .. } => "gaussian-blur",
        Filter::Sharpen { .. } => "sharpen",
        Filter::Sobel => "sobel",
    }
}

/// Point filters and the copy take a few ms on a large image, close to the 1 ms timer
/// resolution Firefox gives pages: several runs per sample. Neighbourhood filters take
/// tens to hundreds of ms: one run per sample.
fn config_for(point: bool) -> BenchConfig {
    if point {
        BenchConfig {
            warmup_ms: 30.0,
            min_sample_ms: 25.0,
            samples: 7,
            max_iterations: 64,
        }
    } else {
        BenchConfig::heavy()
    }
}

fn describe(filter: &Filter) -> String {
    match filter.parameter() {
        Some(p) => format!("{} ({} {})", filter.label(), p.name, p.value),
        None => filter.label().to_string(),
    }
}

/// The benchmark cases on a generated `width × height` test card (3840×2160 in the
/// Bench tab). Falls back to no cases when the size is refused.
pub fn bench_cases(width: u32, height: u32) -> Vec<BenchCase> {
    match lab::samples::test_card(width, height) {
        Ok(pixels) => bench_cases_for(pixels, width, height),
        Err(_) => Vec::new(),
    }
}

/// One case per catalogue filter (its default setting) plus a plain copy of the same
/// bytes (the memory-bandwidth line), on the given pixels.
///
/// What one iteration measures: each case first resets one shared working buffer from
/// `pixels` (on its first call), then filters that buffer in place again and again. The
/// cost of every filter here does not depend on the pixel values (lookup tables, fixed
/// arithmetic, running sums), so re-filtering the same buffer is the measured work; no
/// copy is inside the timed loop. Each side has its own copies: WASM in WASM memory,
/// JavaScript in a JS `Uint8ClampedArray`.
pub fn bench_cases_for(pixels: Vec<u8>, width: u32, height: u32) -> Vec<BenchCase> {
    if lab::check_len(pixels.len(), width, height).is_err() || pixels.is_empty() {
        return Vec::new();
    }
    let bytes = fmt::bytes(pixels.len() as u64);
    let size = format!("{width}x{height}");
    let js_src = Uint8ClampedArray::new_with_length(pixels.len() as u32);
    js_src.copy_from(&pixels);
    let js_work = Uint8ClampedArray::new_with_length(pixels.len() as u32);
    let src = Rc::new(pixels);
    let work = Rc::new(RefCell::new(vec![0u8; src.len()]));
    let mut cases = Vec::new();

    {
        let (src, work) = (src.clone(), work.clone());
        cases.push(BenchCase {
            name: format!("image/copy/{size}"),
            label: format!("Plain copy of {bytes} (memory bandwidth)"),
            wasm: Side::wasm(move || {
                if let Ok(mut w) = work.try_borrow_mut() {
                    w.copy_from_slice(&src);
                    std::hint::black_box(&mut *w);
                }
            }),
            js: Side::Js(js_make_copy_bench(&js_src, &js_work)),
            config: config_for(true),
        });
    }
    for filter in Filter::catalogue() {
        let (src, work) = (src.clone(), work.clone());
        let (kind, p) = js_params(&filter);
        let mut fresh = true;
        cases.push(BenchCase {
            name: format!("image/{}/{size}", slug(&filter)),
            label: format!("{} on {bytes}", describe(&filter)),
            wasm: Side::wasm(move || {
                if let Ok(mut w) = work.try_borrow_mut() {
                    if fresh {
                        w.copy_from_slice(&src);
                        fresh = false;
                    }
                    let _ = lab::apply_filter(&mut w, width, height, &filter);
                    std::hint::black_box(&mut *w);
                }
            }),
            js: Side::Js(js_make_filter_bench(
                &js_src,
                &js_work,
                width,
                height,
                kind,
                &Int32Array::from(&p[..]),
            )),
            config: config_for(filter.is_point_filter()),
        });
    }
    cases
}
