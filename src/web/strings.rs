//! Browser glue for the Strings tab: the browser's own verdicts to compare `lab::text`
//! with (a hidden `<input type=email required>` and `Intl.NumberFormat`), the batch
//! checker that keeps the page responsive on a 10 MB paste, and the string-crossing
//! benchmark cases.

use std::hint::black_box;

use wasm_bindgen::prelude::*;

use super::bench::{self, BenchCase, BenchConfig, Side};
use super::error::js_error_message;
use crate::lab::text::{self, EmailError};

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

// ---------------------------------------------------------------------------------------
// The batch checker
// ---------------------------------------------------------------------------------------

/// One checked line, as the batch table shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchRow {
    /// Line number from 1, counting blank lines.
    pub line: usize,
    /// The line, shortened to [`ROW_TEXT_CHARS`] characters.
    pub text: String,
    /// Whether the line was shortened.
    pub shortened: bool,
    pub verdict: Result<(), EmailError>,
}

/// Counts over the whole paste, and the first rows of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchReport {
    pub valid: usize,
    pub invalid: usize,
    /// Bytes of the paste that have been checked so far.
    pub bytes_done: usize,
    pub bytes_total: usize,
    /// The first [`BATCH_ROWS`] checked lines.
    pub rows: Vec<BatchRow>,
    /// The first [`BATCH_ROWS`] invalid lines.
    pub invalid_rows: Vec<BatchRow>,
    /// Wall-clock time of the check, in milliseconds, yields included.
    pub elapsed_ms: f64,
}

impl BatchReport {
    pub fn checked(&self) -> usize {
        self.valid + self.invalid
    }

    pub fn finished(&self) -> bool {
        self.bytes_done >= self.bytes_total
    }
}

/// Rows kept for display; the rest only count.
pub const BATCH_ROWS: usize = 200;
/// Characters of a line shown in a row.
pub const ROW_TEXT_CHARS: usize = 80;
/// About this many bytes are checked between two yields to the event loop
/// (a few milliseconds of work, so typing and painting never wait long).
pub const BATCH_CHUNK_BYTES: usize = 256 * 1024;

fn shorten(line: &str) -> (String, bool) {
    match line.char_indices().nth(ROW_TEXT_CHARS) {
        Some((cut, _)) => (line[..cut].to_string(), true),
        None => (line.to_string(), false),
    }
}

/// Checks the lines of `text` in `start..` up to about [`BATCH_CHUNK_BYTES`], ending
/// after a '\n' (or at the end), and adds them to `report`. `first_line` is the number
/// of the first line of the chunk. Returns where the next chunk starts and its first
/// line number.
fn check_chunk(
    text: &str,
    start: usize,
    first_line: usize,
    report: &mut BatchReport,
) -> (usize, usize) {
    let rest = &text[start..];
    let end = if rest.len() <= BATCH_CHUNK_BYTES {
        rest.len()
    } else {
        // '\n' is ASCII, so the byte after it is always a char boundary.
        match rest.as_bytes()[BATCH_CHUNK_BYTES..]
            .iter()
            .position(|&b| b == b'\n')
        {
            Some(i) => BATCH_CHUNK_BYTES + i + 1,
            None => rest.len(),
        }
    };
    let chunk = &rest[..end];
    // The same walk as `text::validate_email_lines` (blank lines skipped but counted,
    // "\r\n" ends), done here so each kept row has its text without a second pass.
    for (index, raw) in chunk.lines().enumerate() {
        if raw
            .trim_matches(|c| matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' '))
            .is_empty()
        {
            continue;
        }
        let verdict = text::validate_email(raw);
        let ok = verdict.is_ok();
        if ok {
            report.valid += 1;
        } else {
            report.invalid += 1;
        }
        let want_row = report.rows.len() < BATCH_ROWS;
        let want_invalid = !ok && report.invalid_rows.len() < BATCH_ROWS;
        if want_row || want_invalid {
            let (text, shortened) = shorten(raw);
            let row = BatchRow {
                line: first_line + index,
                text,
                shortened,
                verdict,
            };
            if want_invalid {
                report.invalid_rows.push(row.clone());
            }
            if want_row {
                report.rows.push(row);
            }
        }
    }
    let lines_in_chunk = chunk.bytes().filter(|&b| b == b'\n').count();
    report.bytes_done = start + end;
    (start + end, first_line + lines_in_chunk)
}

/// Checks every line of `text` with `validate_email`, a chunk at a time, yielding to
/// the event loop between chunks. `progress` gets the report so far after each chunk;
/// `cancelled` is asked before each chunk, and a cancelled check returns `None`.
pub async fn check_batch(
    text: &str,
    progress: impl Fn(&BatchReport),
    cancelled: impl Fn() -> bool,
) -> Option<BatchReport> {
    let t0 = bench::now_ms();
    let mut report = BatchReport {
        bytes_total: text.len(),
        ..BatchReport::default()
    };
    let (mut start, mut line) = (0, 1);
    while start < text.len() {
        if cancelled() {
            return None;
        }
        (start, line) = check_chunk(text, start, line, &mut report);
        report.elapsed_ms = bench::now_ms() - t0;
        if start < text.len() {
            progress(&report);
            bench::yield_now().await;
        }
    }
    report.bytes_done = text.len();
    report.elapsed_ms = bench::now_ms() - t0;
    Some(report)
}

/// The batch check in one go, without yielding (for tests and small pastes).
pub fn check_batch_now(text: &str) -> BatchReport {
    let mut report = BatchReport {
        bytes_total: text.len(),
        ..BatchReport::default()
    };
    let (mut start, mut line) = (0, 1);
    while start < text.len() {
        (start, line) = check_chunk(text, start, line, &mut report);
    }
    report.bytes_done = text.len();
    report
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

/// Lines of the generated list: mostly valid, every seventh broken in a different way.
fn push_generated_line(out: &mut String, i: usize) {
    const BROKEN: &[&str] = &[
        "john smith@example.com",
        "no-at-sign.example.com",
        "a@b@c.example",
        "dot.at.end@example.com.",
        "émile@example.fr",
        "x@-hyphen.example",
        "\"quoted\"@example.com",
    ];
    if i % 7 == 3 {
        out.push_str(BROKEN[(i / 7) % BROKEN.len()]);
    } else {
        use std::fmt::Write;
        // Writing into a String cannot fail.
        let _ = write!(out, "user{i}@mail{}.example.org", i % 97);
    }
    out.push('\n');
}

/// A deterministic list of about `bytes` bytes of addresses, one per line: the
/// "10 MB paste" test.
pub fn generated_list(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64);
    let mut i = 0usize;
    while out.len() < bytes {
        push_generated_line(&mut out, i);
        i += 1;
    }
    out
}

/// [`generated_list`], built a megabyte at a time with a yield in between, so the
/// button that asks for 10 MB does not hold the page while the text is made.
pub async fn generated_list_async(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64);
    let mut i = 0usize;
    while out.len() < bytes {
        let step_end = (out.len() + (1 << 20)).min(bytes);
        while out.len() < step_end {
            push_generated_line(&mut out, i);
            i += 1;
        }
        bench::yield_now().await;
    }
    out
}
