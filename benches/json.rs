//! lab::json against serde_json::Value on the three generated benchmark
//! documents (canada-, citm- and twitter-like), reported as throughput
//! (criterion prints MiB/s of JSON text).
//!
//! Short run: `cargo bench --bench json -- --warm-up-time 1 --measurement-time 2`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use wasm_playground::lab::json::{gen_canada, gen_citm, gen_twitter, parse};

fn documents() -> Vec<(&'static str, String)> {
    vec![
        ("canada", gen_canada(1.0)),
        ("citm", gen_citm(1.0)),
        ("twitter", gen_twitter(1.0)),
    ]
}

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, text) in documents() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("lab::json", name), &text, |b, text| {
            b.iter(|| parse(black_box(text)).expect("generated documents are valid"))
        });
        group.bench_with_input(
            BenchmarkId::new("serde_json::Value", name),
            &text,
            |b, text| {
                b.iter(|| {
                    serde_json::from_str::<serde_json::Value>(black_box(text)).expect("valid")
                })
            },
        );
    }
    group.finish();
}

fn bench_write(c: &mut Criterion) {
    let mut group = c.benchmark_group("to_string");
    for (name, text) in documents() {
        let ours = parse(&text).expect("valid");
        let theirs: serde_json::Value = serde_json::from_str(&text).expect("valid");
        // Throughput in bytes of *our* minified output, the same for both up to
        // number formatting.
        group.throughput(Throughput::Bytes(ours.to_json_string().len() as u64));
        group.bench_with_input(BenchmarkId::new("lab::json", name), &ours, |b, v| {
            b.iter(|| black_box(v).to_json_string())
        });
        group.bench_with_input(
            BenchmarkId::new("serde_json::Value", name),
            &theirs,
            |b, v| b.iter(|| serde_json::to_string(black_box(v)).expect("serializable")),
        );
    }
    group.finish();
}

criterion_group!(benches, bench_parse, bench_write);
criterion_main!(benches);
