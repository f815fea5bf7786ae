//! lab::compute benches: the three u64 algorithms, and exact big numbers.
//!
//! The peer here is num-bigint itself (the production crate): fast doubling over
//! `BigUint` against the plain addition loop over `BigUint`, and the cost of decimal
//! conversion (`to_string`) on its own.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use num_bigint::BigUint;
use wasm_playground::lab::compute::{
    fib_big, fib_fast_doubling, fib_iterative, fib_naive, fibonacci, fibonacci_decimal,
};

/// F(n) by n big-integer additions: what you write without knowing fast doubling.
fn big_by_addition(n: u32) -> BigUint {
    let (mut a, mut b) = (BigUint::from(0u32), BigUint::from(1u32));
    for _ in 0..n {
        let next = &a + &b;
        a = std::mem::replace(&mut b, next);
    }
    a
}

fn u64_variants(c: &mut Criterion) {
    let mut group = c.benchmark_group("fib_u64");
    group.bench_function("fibonacci/93", |b| b.iter(|| fibonacci(black_box(93))));
    group.bench_function("iterative/93", |b| b.iter(|| fib_iterative(black_box(93))));
    group.bench_function("fast_doubling/93", |b| {
        b.iter(|| fib_fast_doubling(black_box(93)))
    });
    for n in [20u32, 30] {
        group.bench_with_input(BenchmarkId::new("naive", n), &n, |b, &n| {
            b.iter(|| fib_naive(black_box(n)))
        });
    }
    group.finish();
}

fn decimal(c: &mut Criterion) {
    let mut group = c.benchmark_group("fibonacci_decimal");
    group.sample_size(10);
    for n in [10_000u32, 100_000, 1_000_000] {
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter(|| fibonacci_decimal(black_box(n)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("fib_big_vs_addition");
    group.sample_size(10);
    for n in [10_000u32, 100_000] {
        group.bench_with_input(BenchmarkId::new("fast_doubling", n), &n, |b, &n| {
            b.iter(|| fib_big(black_box(n)))
        });
        group.bench_with_input(BenchmarkId::new("addition_loop", n), &n, |b, &n| {
            b.iter(|| big_by_addition(black_box(n)))
        });
    }
    let million = fib_big(1_000_000).unwrap_or_default();
    group.bench_function("to_string/F(1000000)", |b| {
        b.iter(|| black_box(&million).to_string())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3));
    targets = u64_variants, decimal
}
criterion_main!(benches);
