//! The whole benchmark suite: every WASM-vs-JS pair the tabs define, in one list, for
//! the Bench tab and the headless benchmark run. Each tab's web module exposes its own
//! `bench_cases()`; this file gathers them, with what the Bench tab needs to say how
//! long a run will take (a typical duration per group, and the durations measured in
//! this browser, kept in local storage).

use std::hint::black_box;

use wasm_bindgen::prelude::*;

use super::bench::{BenchCase, BenchConfig, Side};
use super::storage;
use crate::lab::bench::GroupDurations;

#[wasm_bindgen(module = "/src/web/js/suite.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeCopyCase)]
    fn make_copy_case(bytes: u32) -> js_sys::Function;
}

/// A group of cases from one tab.
pub struct Group {
    pub tab: &'static str,
    pub title: &'static str,
    /// The cases, in parts that are built one at a time (each part may generate a large
    /// input: building them all at once would hold up the page for their sum).
    pub parts: &'static [fn() -> Vec<BenchCase>],
    /// How long the group took in a measured run (headless Firefox on a two-core
    /// machine), in milliseconds: the estimate before this browser has run it.
    pub typical_ms: f64,
    /// What a person should know before running it, when one step of it holds the page
    /// for long.
    pub caution: Option<&'static str>,
}

impl Group {
    /// Every case of the group, all parts built at once.
    pub fn cases(&self) -> Vec<BenchCase> {
        self.parts.iter().flat_map(|part| part()).collect()
    }
}

/// Where the Bench tab keeps how long each group took in this browser.
const DURATIONS_KEY: &str = "wasm-playground:bench-durations";

/// How long each group took the last time it ran in this browser (nothing when it
/// never ran, or storage is unavailable).
pub fn load_durations() -> GroupDurations {
    match storage::get(DURATIONS_KEY) {
        Ok(Some(text)) => GroupDurations::from_json(&text),
        _ => GroupDurations::default(),
    }
}

/// Remembers `durations` for the next estimate; a refused write only loses that.
pub fn save_durations(durations: &GroupDurations) {
    let _ = storage::set(DURATIONS_KEY, &durations.to_json());
}

pub fn groups() -> Vec<Group> {
    vec![
        Group {
            tab: "compute",
            title: "Compute (Fibonacci)",
            parts: &[super::compute::bench_cases],
            typical_ms: 15_000.0,
            caution: None,
        },
        Group {
            tab: "strings",
            title: "Strings across the boundary",
            parts: &[super::strings::bench_cases],
            typical_ms: 15_000.0,
            caution: None,
        },
        Group {
            tab: "json",
            title: "JSON bridge",
            parts: &[
                super::json::canada_cases,
                super::json::citm_cases,
                super::json::twitter_cases,
            ],
            typical_ms: 20_000.0,
            caution: None,
        },
        Group {
            tab: "vdom",
            title: "Virtual DOM keyed rows",
            parts: &[super::vdom::bench_cases],
            typical_ms: 60_000.0,
            caution: None,
        },
        Group {
            tab: "signals",
            title: "Signals propagation",
            parts: &[super::signals::bench_cases],
            typical_ms: 30_000.0,
            caution: None,
        },
        Group {
            tab: "canvas",
            title: "Canvas renderers",
            parts: &[super::canvas::bench_cases],
            typical_ms: 20_000.0,
            caution: None,
        },
        Group {
            tab: "image",
            title: "Image filters (3840×2160)",
            parts: &[image_cases],
            typical_ms: 90_000.0,
            caution: Some(
                "each sample is one pass of a filter over a 4K frame, which cannot be split: \
                 the page can stop responding for a second or more at a time",
            ),
        },
        Group {
            tab: "memory",
            title: "Memory bandwidth",
            parts: &[memory_cases],
            typical_ms: 3_000.0,
            caution: None,
        },
    ]
}

/// The image filters on a generated 3840×2160 test card: a 4K frame, large enough that
/// the filters, not the timer's millisecond grain, are what is measured.
fn image_cases() -> Vec<BenchCase> {
    super::image::bench_cases(3840, 2160)
}

const COPY_BYTES: usize = 16 * 1024 * 1024;

/// A plain copy of 16 MiB: the bandwidth line the image filters are compared with.
pub fn memory_cases() -> Vec<BenchCase> {
    let src: Vec<u8> = (0..COPY_BYTES).map(|i| i as u8).collect();
    let mut dst = vec![0u8; COPY_BYTES];
    vec![BenchCase {
        name: "memory/copy/16MiB".into(),
        label: "Copy 16 MiB (Rust copy_from_slice vs Uint8Array.set)".into(),
        wasm: Side::wasm(move || {
            dst.copy_from_slice(black_box(&src));
            black_box(&dst);
        }),
        js: Side::Js(make_copy_case(COPY_BYTES as u32)),
        config: BenchConfig {
            warmup_ms: 50.0,
            min_sample_ms: 10.0,
            samples: 9,
            max_iterations: 64,
        },
    }]
}
