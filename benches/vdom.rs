//! Benchmarks of `lab::vdom`: the keyed diff on shuffled lists (the target: two
//! 10,000-row keyed lists diffed in under 5 ms natively in release), the js-framework-benchmark
//! operations on 1,000 rows, `apply`, and `render_html`.
//!
//! There is no production crate to race natively: the diffing in Yew, Dioxus and Leptos
//! runs against a live DOM (web-sys), so the comparison with Yew happens in the browser
//! tab, not here.

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use wasm_playground::lab::vdom::rows::{self, Prng};
use wasm_playground::lab::vdom::{apply, diff, keyed_list};

fn keyed_shuffle(c: &mut Criterion) {
    let mut group = c.benchmark_group("diff keyed shuffle");
    for count in [1_000usize, 10_000] {
        let mut rng = Prng::new(2024);
        // js-framework-benchmark rows: each kept pair is compared down to its label. Both
        // trees are built fresh from the row data, as an app re-rendering its state would
        // (a clone of the old tree would lay the new rows out in the old order in memory).
        let mut data = rows::make_rows(1, count, &mut rng);
        let body = rows::table_body(&data);
        rng.shuffle(&mut data);
        let shuffled = rows::table_body(&data);
        group.bench_with_input(BenchmarkId::new("rows", count), &count, |b, _| {
            b.iter(|| diff(black_box(&body), black_box(&shuffled)))
        });
        // Bare keyed <li>s: the matching and LIS work alone.
        let keys: Vec<String> = (0..count).map(|i| i.to_string()).collect();
        let mut shuffled_keys = keys.clone();
        rng.shuffle(&mut shuffled_keys);
        let (old, new) = (keyed_list(&keys), keyed_list(&shuffled_keys));
        group.bench_with_input(BenchmarkId::new("li", count), &count, |b, _| {
            b.iter(|| diff(black_box(&old), black_box(&new)))
        });
    }
    group.finish();
}

fn js_framework_benchmark(c: &mut Criterion) {
    let mut group = c.benchmark_group("diff jsfb 1k");
    let mut rng = Prng::new(7);
    let empty = rows::create_rows(1, 0, &mut rng);
    let created = rows::create_rows(1, 1_000, &mut rng);
    let operations = [
        ("create 1,000", empty.clone(), created.clone()),
        (
            "replace all",
            created.clone(),
            rows::replace_all_rows(&created, 1_000, &mut rng),
        ),
        (
            "update every 10th",
            created.clone(),
            rows::update_every_10th(&created),
        ),
        (
            "swap 1 and 998",
            created.clone(),
            rows::swap_rows(&created, 1, 998),
        ),
        (
            "remove one",
            created.clone(),
            rows::remove_row(&created, 500),
        ),
        (
            "append 1,000",
            created.clone(),
            rows::append_rows(&created, 1_000, &mut rng),
        ),
        ("clear", created.clone(), rows::clear_rows(&created)),
    ];
    for (name, before, after) in &operations {
        group.bench_function(*name, |b| {
            b.iter(|| diff(black_box(before), black_box(after)))
        });
    }
    group.finish();
}

fn apply_patches(c: &mut Criterion) {
    let mut group = c.benchmark_group("apply");
    let mut rng = Prng::new(11);
    let body = rows::create_rows(1, 1_000, &mut rng);
    let shuffled = rows::shuffle_rows(&body, &mut rng);
    let patches = diff(&body, &shuffled);
    group.bench_function("1k rows shuffled (clone + apply)", |b| {
        b.iter_batched(
            || body.clone(),
            |mut tree| {
                let _ = apply(&mut tree, black_box(&patches));
                tree
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn render(c: &mut Criterion) {
    let mut rng = Prng::new(5);
    let body = rows::create_rows(1, 1_000, &mut rng);
    let bytes = body.render_html().len();
    c.bench_function(&format!("render_html 1k rows ({bytes} bytes)"), |b| {
        b.iter(|| black_box(&body).render_html())
    });
}

criterion_group!(
    benches,
    keyed_shuffle,
    js_framework_benchmark,
    apply_patches,
    render
);
criterion_main!(benches);
