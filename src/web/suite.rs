//! The whole benchmark suite: every WASM-vs-JS pair the tabs define, in one list, for
//! the Bench tab and the headless benchmark run. Each tab's web module exposes its own
//! `bench_cases()`; this file only gathers them.

use std::hint::black_box;

use wasm_bindgen::prelude::*;

use super::bench::{BenchCase, BenchConfig, Side};

#[wasm_bindgen(module = "/src/web/js/suite.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeCopyCase)]
    fn make_copy_case(bytes: u32) -> js_sys::Function;
}

/// A group of cases from one tab.
pub struct Group {
    pub tab: &'static str,
    pub title: &'static str,
    pub cases: fn() -> Vec<BenchCase>,
}

pub fn groups() -> Vec<Group> {
    vec![
        Group {
            tab: "compute",
            title: "Compute (Fibonacci)",
            cases: super::compute::bench_cases,
        },
        Group {
            tab: "strings",
            title: "Strings across the boundary",
            cases: super::strings::bench_cases,
        },
        Group {
            tab: "json",
            title: "JSON bridge",
            cases: super::json::bench_cases,
        },
        Group {
            tab: "vdom",
            title: "Virtual DOM keyed rows",
            cases: super::vdom::bench_cases,
        },
        Group {
            tab: "signals",
            title: "Signals propagation",
            cases: super::signals::bench_cases,
        },
        Group {
            tab: "canvas",
            title: "Canvas renderers",
            cases: super::canvas::bench_cases,
        },
        Group {
            tab: "image",
            title: "Image filters (3840×2160)",
            cases: image_cases,
        },
        Group {
            tab: "memory",
            title: "Memory bandwidth",
            cases: memory_cases,
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
