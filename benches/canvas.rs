//! Rasterizing stress scenes (random rects, circles and lines with translucent colours) at
//! 800×600: `lab::canvas::rasterize` against tiny-skia, the Rust port of Skia's CPU
//! backend (the production crate; Chrome and Firefox draw Canvas 2D with Skia itself).
//! Both produce an ImageData-shaped RGBA buffer, so tiny-skia's time includes turning its
//! premultiplied pixels into straight alpha, as `getImageData` would.
//!
//! Run: `cargo bench --bench canvas -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wasm_playground::lab::canvas::{rasterize, stress_scene};

// The agreement test's tiny-skia replay, so the bench times the very reference the test
// compares with (its Coverage mode is not timed here).
#[allow(dead_code)]
#[path = "../tests/support/mod.rs"]
mod support;

const WIDTH: u32 = 800;
const HEIGHT: u32 = 600;

fn stress(c: &mut Criterion) {
    let mut group = c.benchmark_group("rasterize 800x600");
    group.sample_size(10);
    for shapes in [1_000usize, 10_000] {
        let scene = stress_scene(shapes, WIDTH, HEIGHT, 42);
        group.bench_with_input(
            BenchmarkId::new("lab::canvas", shapes),
            &scene,
            |b, scene| b.iter(|| rasterize(black_box(scene), WIDTH, HEIGHT)),
        );
        group.bench_with_input(BenchmarkId::new("tiny-skia", shapes), &scene, |b, scene| {
            b.iter(|| support::replay(black_box(scene), WIDTH, HEIGHT, support::Mode::Direct))
        });
    }
    group.finish();
}

fn json(c: &mut Criterion) {
    let scene = stress_scene(10_000, WIDTH, HEIGHT, 42);
    let text = match wasm_playground::lab::canvas::commands_to_json(&scene) {
        Ok(text) => text,
        Err(e) => panic!("{e}"),
    };
    let mut group = c.benchmark_group("drawing json, 10k shapes");
    group.sample_size(10);
    group.bench_function("commands_to_json", |b| {
        b.iter(|| wasm_playground::lab::canvas::commands_to_json(black_box(&scene)))
    });
    group.bench_function("commands_from_json", |b| {
        b.iter(|| wasm_playground::lab::canvas::commands_from_json(black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, stress, json);
criterion_main!(benches);
