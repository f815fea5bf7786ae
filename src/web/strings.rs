//! Browser glue for the Strings tab: the browser's own verdicts to compare `lab::text`
//! with (a hidden `<input type=email required>` and `Intl.NumberFormat`), the batch
//! checker that keeps the page responsive on a 10 MB paste, and the string-crossing
//! benchmark cases.

use std::hint::black_box;

use wasm_bindgen::prelude::*;

use super::bench::{self, BenchCase, BenchConfig, Side};
use super::error::js_error_message;
use crate::lab::text::Engine;

#[wasm_bindgen(module = "/src/web/js/strings.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = browserEmailValid)]
    fn browser_email_valid_js(value: &str) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_name = intlFormat)]
    fn intl_format_js(locale: &str, decimal: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(js_name = jsLength)]
    fn js_length_js(s: &str) -> u32;
    #[wasm_bindgen(js_name = makeStringCall)]
    fn make_string_call(f: &JsValue, arg: &str) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeStringToNumberCall)]
    fn make_string_to_number_call(f: &JsValue, arg: &str) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeNumberCall)]
    fn make_number_call(f: &JsValue, arg: f64) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeJsStringIdentity)]
    fn make_js_string_identity(arg: &str) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeJsStringLength)]
    fn make_js_string_length(arg: &str) -> js_sys::Function;
    #[wasm_bindgen(js_name = makeJsNumberAddOne)]
    fn make_js_number_add_one(arg: f64) -> js_sys::Function;
    #[wasm_bindgen(js_name = pastedLength)]
    fn pasted_length_js(event: &web_sys::Event) -> f64;
    #[wasm_bindgen(js_name = pastedText)]
    fn pasted_text_js(event: &web_sys::Event) -> String;
}

/// The browser's own verdict: `validity.valid` of a hidden `<input type=email required>`
/// holding `value`. `None` only where there is no DOM to ask.
pub fn browser_email_valid(value: &str) -> Option<bool> {
    browser_email_valid_js(value).ok()
}

/// `new Intl.NumberFormat(locale).format(BigInt(n))`, or why the browser refused.
pub fn intl_format(locale: &str, n: i64) -> Result<String, String> {
    intl_format_js(locale, &n.to_string()).map_err(|e| js_error_message(&e))
}

/// JavaScript's `s.length` for the string that `s` becomes in JS (UTF-16 code units),
/// asked of JavaScript itself.
pub fn js_length(s: &str) -> u32 {
    js_length_js(s)
}

/// The engine of the browser the page runs in, from its user agent string.
pub fn engine() -> Engine {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .map_or(Engine::Unknown, |ua| Engine::from_user_agent(&ua))
}

// ---------------------------------------------------------------------------------------
// Fields that must not take megabytes
// ---------------------------------------------------------------------------------------

/// For the `onpaste` of a field that takes at most `max_units` UTF-16 code units (the
/// unit of `maxlength`): when the pasted text is longer, the paste is cancelled before
/// the browser puts it in the field (laying out megabytes of text in a field holds
/// Firefox for seconds) and its length is returned, for a message. `None` lets the
/// paste through.
pub fn refuse_long_paste(event: &web_sys::Event, max_units: usize) -> Option<usize> {
    // The length is read in JavaScript: a refused paste is never copied into WASM.
    let length = pasted_length_js(event);
    if length.is_finite() && length > max_units as f64 {
        event.prevent_default();
        Some(length as usize)
    } else {
        None
    }
}

/// For the `onpaste` of a box that checks long text without showing it: when the pasted
/// text is longer than `max_units` UTF-16 code units, the paste is cancelled (the box
/// stays as it was, so the browser lays nothing out) and the text is returned, to be
/// checked without being shown. `None` lets the paste through.
pub fn take_long_paste(event: &web_sys::Event, max_units: usize) -> Option<String> {
    let length = pasted_length_js(event);
    if length.is_finite() && length > max_units as f64 {
        event.prevent_default();
        Some(pasted_text_js(event))
    } else {
        None
    }
}

/// The value of the field an `input` event came from, when it is at most `max_units`
/// UTF-16 code units long; otherwise `Err` with its length, without copying the value
/// into WASM (a script can set a value of any length, `maxlength` or not). `None` when
/// the event did not come from a field.
pub fn field_value_up_to(
    event: &web_sys::Event,
    max_units: usize,
) -> Option<Result<String, usize>> {
    let target = event.target()?;
    let value = js_sys::Reflect::get(&target, &JsValue::from_str("value")).ok()?;
    let text: js_sys::JsString = value.dyn_into().ok()?;
    let length = text.length() as usize;
    Some(if length > max_units {
        Err(length)
    } else {
        Ok(String::from(text))
    })
}

fn field(id: &str) -> Option<JsValue> {
    super::dom::document()
        .and_then(|d| d.get_element_by_id(id))
        .map(JsValue::from)
}

/// Puts `text` into the `<input>` or `<textarea>` with this id, as if typed (no
/// `input` event is sent).
pub fn set_field_value(id: &str, text: &str) {
    if let Some(el) = field(id) {
        let _ = js_sys::Reflect::set(&el, &JsValue::from_str("value"), &JsValue::from_str(text));
    }
}

/// Focuses the field with this id and selects UTF-16 code units `start..end` of its
/// value (what `setSelectionRange` counts).
pub fn select_in_field(id: &str, start: usize, end: usize) {
    let Some(el) = field(id) else {
        return;
    };
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        let _ = input.focus();
        let _ = input.set_selection_range(start as u32, end as u32);
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let _ = area.focus();
        let _ = area.set_selection_range(start as u32, end as u32);
    }
}

// ---------------------------------------------------------------------------------------
// The batch checker
// ---------------------------------------------------------------------------------------

pub use crate::lab::text::batch::{
    BATCH_CHUNK_BYTES, BATCH_ROWS, BatchCheck, BatchReport, BatchRow, ROW_TEXT_CHARS,
    check_batch_now, generated_list,
};

/// Checks every line of `text` with `validate_email`, a chunk at a time
/// ([`BatchCheck::step`]), yielding to the event loop between chunks. `progress` gets
/// the report so far after each chunk; `cancelled` is asked before each chunk, and a
/// cancelled check returns `None`.
pub async fn check_batch(
    text: &str,
    progress: impl Fn(&BatchReport),
    cancelled: impl Fn() -> bool,
) -> Option<BatchReport> {
    let t0 = bench::now_ms();
    let mut check = BatchCheck::new(text.len());
    loop {
        if cancelled() {
            return None;
        }
        let more = check.step(text);
        let mut report = check.report().clone();
        report.elapsed_ms = bench::now_ms() - t0;
        if !more {
            return Some(report);
        }
        progress(&report);
        bench::yield_now().await;
    }
}

// ---------------------------------------------------------------------------------------
// Benchmarks: what a string costs at the boundary
// ---------------------------------------------------------------------------------------

/// Bytes in the benchmark strings (UTF-8, as they are in WASM memory).
pub const CROSSING_BYTES: usize = 1 << 20;

/// `CROSSING_BYTES` of ASCII text.
pub fn ascii_payload() -> String {
    let pattern = "The quick brown fox jumps over the lazy dog. 0123456789\n";
    let mut s = pattern.repeat(CROSSING_BYTES / pattern.len() + 1);
    s.truncate(CROSSING_BYTES);
    s
}

/// Up to `CROSSING_BYTES` of mixed text (accents, CJK, emoji), cut at a char boundary.
pub fn mixed_payload() -> String {
    let pattern = "Grüße aus Köln, 東京から, مرحبا, 😀🎉 ok! ";
    let mut s = pattern.repeat(CROSSING_BYTES / pattern.len() + 1);
    let mut cut = CROSSING_BYTES;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

// region: crossing
/// A Rust closure JavaScript can call: the string is copied into WASM memory
/// (UTF-16 → UTF-8) for the call and the returned `String` copied back out
/// (UTF-8 → UTF-16). `into_js_value` hands the closure to the JS garbage collector.
fn rust_identity() -> JsValue {
    Closure::<dyn FnMut(String) -> String>::new(|s: String| black_box(s)).into_js_value()
}

/// In only: the string is copied in, a number comes back.
fn rust_byte_length() -> JsValue {
    Closure::<dyn FnMut(String) -> u32>::new(|s: String| black_box(s.len()) as u32).into_js_value()
}

/// A number in, a number out: nothing to copy, only the call itself.
fn rust_add_one() -> JsValue {
    Closure::<dyn FnMut(f64) -> f64>::new(|n: f64| black_box(n) + 1.0).into_js_value()
}

/// The string-crossing cases. Both sides are timed by the same JavaScript loop: the
/// WASM side calls a Rust closure (so each iteration pays the boundary copy), the JS
/// side calls a JavaScript function doing the same trivial work (no copy at all).
pub fn bench_cases() -> Vec<BenchCase> {
    let ascii = ascii_payload();
    let mixed = mixed_payload();
    // Fewer samples than the default (a WASM iteration copies 2 MiB), but no cap on the
    // iterations: the JS side is nearly free and needs millions of calls per sample to
    // rise above the browser's 1 ms timer resolution.
    let heavy = BenchConfig {
        warmup_ms: 100.0,
        min_sample_ms: 20.0,
        samples: 9,
        ..BenchConfig::default()
    };
    vec![
        BenchCase {
            name: "strings/roundtrip-1MB/1MiB".into(),
            label: "1 MiB ASCII string into WASM and back (Rust returns it) vs a JS function returning it".into(),
            wasm: Side::Js(make_string_call(&rust_identity(), &ascii)),
            js: Side::Js(make_js_string_identity(&ascii)),
            config: heavy,
        },
        BenchCase {
            name: "strings/roundtrip-1MB-mixed/1MiB".into(),
            label: "1 MiB of accents, CJK and emoji into WASM and back vs a JS function returning it".into(),
            wasm: Side::Js(make_string_call(&rust_identity(), &mixed)),
            js: Side::Js(make_js_string_identity(&mixed)),
            config: heavy,
        },
        BenchCase {
            name: "strings/into-1MB/1MiB".into(),
            label: "1 MiB ASCII string into WASM, its length back (s.len()) vs JS s.length".into(),
            wasm: Side::Js(make_string_to_number_call(&rust_byte_length(), &ascii)),
            js: Side::Js(make_js_string_length(&ascii)),
            config: heavy,
        },
        BenchCase {
            name: "strings/number/1".into(),
            label: "A number into WASM and back (n + 1) vs a JS function n + 1".into(),
            wasm: Side::Js(make_number_call(&rust_add_one(), 1.0)),
            js: Side::Js(make_js_number_add_one(1.0)),
            config: BenchConfig::default(),
        },
    ]
}
// endregion

/// [`generated_list`], built a megabyte at a time with a yield in between, so the
/// button that asks for 10 MB does not hold the page while the text is made.
pub async fn generated_list_async(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64);
    let mut i = 0usize;
    while out.len() < bytes {
        let step_end = (out.len() + (1 << 20)).min(bytes);
        while out.len() < step_end {
            crate::lab::text::batch::push_generated_line(&mut out, i);
            i += 1;
        }
        bench::yield_now().await;
    }
    out
}
