//! lab::text benches against the production crates the module names:
//! `validate_email` vs `email_address` (RFC 5322, a different and larger rule), and
//! `format_number` vs a naive `String::insert` version and `num-format`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use email_address::EmailAddress;
use num_format::{Locale, ToFormattedString};
use wasm_playground::lab::text::{
    browser_accepts_email, format_number, format_number_in, format_number_naive, text_stats,
    validate_email, validate_email_lines,
};

/// A deterministic mix of valid and invalid addresses (about 60% valid).
fn email_corpus() -> Vec<String> {
    let locals = [
        "john",
        "jane.doe",
        "x+tag",
        "o'brien",
        "a..b",
        "john smith",
        "\"q\"",
        "ü",
    ];
    let domains = [
        "example.com",
        "mail.example.co.uk",
        "b",
        "ex_ample.com",
        "a-.com",
        "bücher.de",
        "x.y.z.w",
    ];
    let mut corpus = Vec::new();
    for i in 0..1_000usize {
        let local = locals[i % locals.len()];
        let domain = domains[(i / locals.len()) % domains.len()];
        corpus.push(match i % 10 {
            0 => format!("{local}{domain}"), // no '@'
            _ => format!("{local}{i}@{domain}"),
        });
    }
    corpus
}

fn email(c: &mut Criterion) {
    let corpus = email_corpus();
    let bytes: usize = corpus.iter().map(String::len).sum();
    let mut group = c.benchmark_group("email_1000");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("lab validate_email", |b| {
        b.iter(|| {
            corpus
                .iter()
                .filter(|s| validate_email(black_box(s)).is_ok())
                .count()
        })
    });
    group.bench_function("lab browser_accepts_email", |b| {
        b.iter(|| {
            corpus
                .iter()
                .filter(|s| browser_accepts_email(black_box(s)))
                .count()
        })
    });
    group.bench_function("email_address is_valid", |b| {
        b.iter(|| {
            corpus
                .iter()
                .filter(|s| EmailAddress::is_valid(black_box(s)))
                .count()
        })
    });
    group.finish();

    let paste = corpus.join("\n").repeat(10);
    let mut group = c.benchmark_group("email_lines");
    group.throughput(Throughput::Bytes(paste.len() as u64));
    group.bench_function("validate_email_lines", |b| {
        b.iter(|| validate_email_lines(black_box(&paste)).len())
    });
    group.finish();
}

fn numbers(c: &mut Criterion) {
    // Spread over every magnitude, both signs.
    let values: Vec<i64> = (0..1_000u64)
        .map(|i| {
            let magnitude = 10i64.saturating_pow((i % 19) as u32);
            let v = (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) as i64) % magnitude.max(1);
            if i % 2 == 0 { v } else { v.wrapping_neg() }
        })
        .chain([i64::MIN, i64::MAX])
        .collect();
    let mut group = c.benchmark_group("format_1000");
    group.bench_function("lab format_number", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|&n| format_number(black_box(n)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("naive String::insert", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|&n| format_number_naive(black_box(n)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("num-format en", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|&n| black_box(n).to_formatted_string(&Locale::en).len())
                .sum::<usize>()
        })
    });
    group.bench_function("lab format_number_in en-IN", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|&n| format_number_in(black_box(n), "en-IN").map_or(0, |s| s.len()))
                .sum::<usize>()
        })
    });
    group.finish();
}

fn stats(c: &mut Criterion) {
    let text = "Grüße, 世界! 😀 שלום a\u{301}\n".repeat(1 << 15);
    let mut group = c.benchmark_group("text_stats");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("mixed ~1MB", |b| b.iter(|| text_stats(black_box(&text))));
    group.finish();
}

criterion_group!(benches, email, numbers, stats);
criterion_main!(benches);
