//! Benches for `lab::state`, each beside the plain way of doing the same thing:
//! - `add_many(100_000)` against a loop of `add_item(format!(..))`;
//! - `top_scores(10)` over 10,000 names (ranked index) against the naive sort-everything
//!   recipe (made NaN-safe with `total_cmp`) and a partial selection (`select_nth_unstable`);
//!   plus what the index costs on `set_score`, against a bare `BTreeMap` insert;
//! - `to_json` / `from_json` of 100,000 items against bare serde_json on a `Vec<String>`
//!   (the floor: what the versioned form and the validation add on top of serde).
//!
//! Short runs: `cargo bench --bench state -- --warm-up-time 1 --measurement-time 2`.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use wasm_playground::lab::state::ModuleState;

const ITEMS: usize = 100_000;
const NAMES: usize = 10_000;

fn add_many(c: &mut Criterion) {
    let mut group = c.benchmark_group("state/add_100k_items");
    group.throughput(Throughput::Elements(ITEMS as u64));
    group.bench_function("add_many", |b| {
        b.iter_batched_ref(
            ModuleState::new,
            |state| state.add_many(black_box("item"), ITEMS),
            BatchSize::LargeInput,
        );
    });
    group.bench_function("add_item(format!) loop", |b| {
        b.iter_batched_ref(
            ModuleState::new,
            |state| {
                for k in 1..=ITEMS {
                    state.add_item(format!("{} {k}", black_box("item")));
                }
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

/// Scores spread so that there are ties (only 1,000 distinct values for 10,000 names).
fn scored_state() -> ModuleState {
    let mut state = ModuleState::new();
    let mut x: u32 = 12345;
    for k in 0..NAMES {
        // A small LCG: the same scores on every run, no rand crate needed.
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let score = f64::from((x >> 16) % 1000) / 10.0;
        // Names of the form "player 1", ...; test data, always valid.
        let _ = state.set_score(format!("player {k}"), score);
    }
    state
}

/// The naive recipe: copy everything, sort everything, take n.
fn top_by_full_sort(state: &ModuleState, n: usize) -> Vec<(String, f64)> {
    let mut all: Vec<(&str, f64)> = state.scores().collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    all.into_iter()
        .take(n)
        .map(|(name, score)| (name.to_owned(), score))
        .collect()
}

/// Partial selection: O(m) to find the best n, then sort only those.
fn top_by_selection(state: &ModuleState, n: usize) -> Vec<(String, f64)> {
    let mut all: Vec<(&str, f64)> = state.scores().collect();
    let order = |a: &(&str, f64), b: &(&str, f64)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if n < all.len() {
        all.select_nth_unstable_by(n, order);
        all.truncate(n);
    }
    all.sort_by(order);
    all.into_iter()
        .map(|(name, score)| (name.to_owned(), score))
        .collect()
}

fn top_scores(c: &mut Criterion) {
    let state = scored_state();
    assert_eq!(state.top_scores(10), top_by_full_sort(&state, 10));
    assert_eq!(state.top_scores(10), top_by_selection(&state, 10));

    let mut group = c.benchmark_group("state/top_10_of_10k");
    group.bench_function("ranked index (ours)", |b| {
        b.iter(|| black_box(&state).top_scores(black_box(10)));
    });
    group.bench_function("full sort (seed)", |b| {
        b.iter(|| top_by_full_sort(black_box(&state), black_box(10)));
    });
    group.bench_function("select_nth + sort 10", |b| {
        b.iter(|| top_by_selection(black_box(&state), black_box(10)));
    });
    group.finish();

    // What the index costs on writes: update an existing name's score.
    let mut group = c.benchmark_group("state/update_score_in_10k");
    let mut ours = state.clone();
    let mut plain: BTreeMap<String, f64> = state
        .scores()
        .map(|(name, score)| (name.to_owned(), score))
        .collect();
    let mut k = 0usize;
    group.bench_function("set_score (ours, map + index)", |b| {
        b.iter(|| {
            k = (k + 7919) % NAMES;
            ours.set_score(format!("player {k}"), (k % 977) as f64)
        });
    });
    group.bench_function("BTreeMap insert only", |b| {
        b.iter(|| {
            k = (k + 7919) % NAMES;
            plain.insert(format!("player {k}"), (k % 977) as f64)
        });
    });
    group.finish();
}

fn json(c: &mut Criterion) {
    let mut state = ModuleState::new();
    let _ = state.add_many("shopping list entry", ITEMS);
    let text = state.to_json();
    let items: Vec<String> = state.items().to_vec();
    let plain_text = serde_json::to_string(&items).unwrap_or_default();
    assert_eq!(ModuleState::from_json(&text).as_ref(), Ok(&state));

    let mut group = c.benchmark_group("state/json_100k_items");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("to_json (ours)", |b| {
        b.iter(|| black_box(&state).to_json());
    });
    group.bench_function("serde_json::to_string(Vec<String>)", |b| {
        b.iter(|| serde_json::to_string(black_box(&items)));
    });
    group.bench_function("from_json (ours)", |b| {
        b.iter(|| ModuleState::from_json(black_box(&text)));
    });
    group.bench_function("serde_json::from_str::<Vec<String>>", |b| {
        b.iter(|| serde_json::from_str::<Vec<String>>(black_box(&plain_text)));
    });
    group.finish();
}

criterion_group!(benches, add_many, top_scores, json);
criterion_main!(benches);
