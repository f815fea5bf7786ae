//! lab::image filters on a 3840×2160 RGBA image: the fast path against the readable
//! reference, the `image` crate where it has the same operation, and a plain
//! `copy_from_slice` of the same buffer as the memory-bandwidth line.
//!
//! Natively the "fast" path is the portable one (`lab::image::fast` / `blur`); the SIMD128
//! kernels only exist in wasm32 builds and are timed in the browser (and in
//! `wasm-check/check.mjs` under Node).
//!
//! Run: `cargo bench --bench image -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use wasm_playground::lab::image::{self, Filter, reference, samples};

const W: u32 = 3840;
const H: u32 = 2160;

fn source() -> Vec<u8> {
    samples::noise(W, H, 7).unwrap_or_default()
}

fn bench_copy(c: &mut Criterion) {
    let src = source();
    let mut dst = vec![0u8; src.len()];
    let mut group = c.benchmark_group("image/copy");
    group.throughput(Throughput::Bytes(src.len() as u64));
    group.bench_function("copy_from_slice/3840x2160", |b| {
        b.iter(|| dst.copy_from_slice(black_box(&src)))
    });
    group.finish();
}

fn bench_point_filters(c: &mut Criterion) {
    let mut buf = source();
    let filters = [
        Filter::Grayscale,
        Filter::Invert,
        Filter::Brightness { factor: 1.3 },
        Filter::Contrast { amount: 1.5 },
        Filter::Saturation { amount: 2.0 },
        Filter::Sepia,
        Filter::Threshold { level: 128 },
    ];
    for filter in filters {
        let name = filter.label().to_lowercase();
        let mut group = c.benchmark_group(format!("image/{name}"));
        group.throughput(Throughput::Bytes(buf.len() as u64));
        // Filter cost does not depend on the pixel values, so each run filters the
        // previous run's output in place (no copy inside the timed loop).
        group.bench_function(BenchmarkId::new("fast", "3840x2160"), |b| {
            b.iter(|| image::apply_filter(black_box(&mut buf), W, H, &filter))
        });
        group.bench_function(BenchmarkId::new("reference", "3840x2160"), |b| {
            b.iter(|| image::apply_filter_reference(black_box(&mut buf), W, H, &filter))
        });
        group.finish();
    }

    // The `image` crate's versions of the same operations, on an RgbaImage.
    let mut img = ::image::RgbaImage::from_raw(W, H, source()).unwrap_or_default();
    let mut group = c.benchmark_group("image/grayscale");
    group.throughput(Throughput::Bytes(u64::from(4 * W * H)));
    group.bench_function(BenchmarkId::new("image-crate", "3840x2160"), |b| {
        // Allocates a new 1-channel image, as image::imageops::grayscale does.
        b.iter(|| ::image::imageops::grayscale(black_box(&img)))
    });
    group.finish();
    let mut group = c.benchmark_group("image/invert");
    group.throughput(Throughput::Bytes(u64::from(4 * W * H)));
    group.bench_function(BenchmarkId::new("image-crate", "3840x2160"), |b| {
        b.iter(|| ::image::imageops::invert(black_box(&mut img)))
    });
    group.finish();
}

fn bench_neighbourhood_filters(c: &mut Criterion) {
    let mut buf = source();
    let filters = [
        Filter::BoxBlur { radius: 2 },
        Filter::BoxBlur { radius: 20 },
        Filter::GaussianBlur { sigma: 5.0 },
        Filter::Sharpen { amount: 1.0 },
        Filter::Sobel,
    ];
    for filter in filters {
        let param = filter
            .parameter()
            .map(|p| format!("-{}{}", p.name, p.value))
            .unwrap_or_default();
        let name = format!("{}{param}", filter.label().to_lowercase().replace(' ', "_"));
        let mut group = c.benchmark_group(format!("image/{name}"));
        group.throughput(Throughput::Bytes(buf.len() as u64));
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("fast", "3840x2160"), |b| {
            b.iter(|| image::apply_filter(black_box(&mut buf), W, H, &filter))
        });
        // The naive reference costs O(radius) per pixel: time it on the small radius only.
        if !matches!(
            filter,
            Filter::BoxBlur { radius: 20 } | Filter::GaussianBlur { .. }
        ) {
            group.bench_function(BenchmarkId::new("reference", "3840x2160"), |b| {
                b.iter(|| image::apply_filter_reference(black_box(&mut buf), W, H, &filter))
            });
        }
        group.finish();
    }

    // image::imageops::fast_blur is also a three-box approximation of a Gaussian (on f32).
    let img = ::image::RgbaImage::from_raw(W, H, source()).unwrap_or_default();
    let mut group = c.benchmark_group("image/gaussian_blur-sigma5");
    group.throughput(Throughput::Bytes(u64::from(4 * W * H)));
    group.sample_size(10);
    group.bench_function(
        BenchmarkId::new("image-crate-fast_blur", "3840x2160"),
        |b| b.iter(|| ::image::imageops::fast_blur(black_box(&img), 5.0)),
    );
    group.finish();

    // The reference box blur at the same radius as a sanity line for "cost ∝ radius".
    let mut small = samples::noise(640, 360, 3).unwrap_or_default();
    let mut group = c.benchmark_group("image/box_blur-by-radius-640x360");
    group.sample_size(10);
    for radius in [1u32, 8, 64] {
        group.bench_function(BenchmarkId::new("fast", radius), |b| {
            b.iter(|| image::box_blur(black_box(&mut small), 640, 360, radius))
        });
        group.bench_function(BenchmarkId::new("reference", radius), |b| {
            b.iter(|| reference::box_blur(black_box(&mut small), 640, 360, radius))
        });
    }
    group.finish();
}

fn bench_histogram(c: &mut Criterion) {
    let buf = source();
    let mut group = c.benchmark_group("image/histogram");
    group.throughput(Throughput::Bytes(buf.len() as u64));
    group.bench_function("3840x2160", |b| {
        b.iter(|| image::histogram(black_box(&buf)))
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_copy, bench_point_filters, bench_neighbourhood_filters, bench_histogram
}
criterion_main!(benches);
