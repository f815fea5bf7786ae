//! How the cost of each hostile-input case grows: every group makes its input 10× larger
//! at each step, so a linear (or n log n) algorithm shows roughly 10× the time per step
//! and a quadratic one 100×. These are the shapes that used to freeze a tab:
//!
//! * `sheet/…`: `=SUM` over big ranges (5,000 such formulas: a 94 KB link; 9 s before
//!   ranges were read as ranges);
//! * `stroke/…`: a long zigzag stroke (a 400-segment hairline scribble: 11 s before);
//! * `reference box blur/…`: the readable blur at a growing radius (49 s at the largest);
//! * `markup attributes/…`: one start tag with many attributes (30,000: 2 s before);
//! * `apply reversed list/…`: the patches that reverse a keyed list (100,000: 40 s);
//! * `check_safe + render/…`: the safety gate and the serializer on mixed HTML/SVG.
//!
//! Run: `cargo bench --bench growth` (or add a filter, e.g. `-- stroke`).

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main,
};
use wasm_playground::lab::canvas::{DrawCommand, rasterize};
use wasm_playground::lab::image::{Filter, apply_filter_reference};
use wasm_playground::lab::rng::SplitMix64;
use wasm_playground::lab::signals::sheet::{CellRef, Sheet};
use wasm_playground::lab::vdom::{VNode, apply, check_safe, diff, keyed_list, parse_markup_root};

/// A group with few samples: the biggest inputs take a good part of a second each.
fn quick<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

/// A 100×100 sheet: numbers in the top half, `formulas` cells (row by row from row 51)
/// each summing `A1:CV50` (5,000 cells); loaded from its compact form and shown.
fn sheet_with_sums(formulas: usize) -> String {
    let mut text = String::from("s1;100x100");
    for row in 0..50u32 {
        for col in 0..100u32 {
            text.push_str(&format!(";{}={}", CellRef::new(col, row).name(), row + col));
        }
    }
    for i in 0..formulas as u32 {
        let cell = CellRef::new(i % 100, 50 + i / 100);
        text.push_str(&format!(";{}==SUM(A1:CV50)", cell.name()));
    }
    text
}

/// One formula summing the first `cells` cells of a 100-column sheet (a range of
/// `cells / 100` full rows, or part of the first row).
fn sheet_with_one_range(cells: u32) -> String {
    let mut text = String::from("s1;100x100");
    for row in 0..99u32 {
        for col in 0..100u32 {
            text.push_str(&format!(";{}=1", CellRef::new(col, row).name()));
        }
    }
    let last = if cells < 100 {
        CellRef::new(cells - 1, 0)
    } else {
        CellRef::new(99, cells / 100 - 1)
    };
    text.push_str(&format!(";A100==SUM(A1:{})", last.name()));
    text
}

fn load_and_show(compact: &str) -> usize {
    let sheet = Sheet::from_compact(compact).unwrap_or_default();
    sheet
        .filled()
        .iter()
        .map(|(cell, _)| sheet.display(*cell).len())
        .sum()
}

fn sheet(c: &mut Criterion) {
    let mut group = quick(c, "sheet/sums of a 5000-cell range, by formulas");
    for formulas in [50usize, 500, 5_000] {
        let compact = sheet_with_sums(formulas);
        group.bench_with_input(
            BenchmarkId::from_parameter(formulas),
            &compact,
            |b, text| b.iter(|| load_and_show(black_box(text))),
        );
    }
    group.finish();
    let mut group = quick(c, "sheet/one sum, by range cells");
    for cells in [10u32, 100, 1_000, 9_900] {
        let compact = sheet_with_one_range(cells);
        group.bench_with_input(BenchmarkId::from_parameter(cells), &compact, |b, text| {
            b.iter(|| load_and_show(black_box(text)))
        });
    }
    group.finish();
}

/// A stroke of `segments` segments zigzagging between the top and bottom of a 500×500
/// canvas, every segment crossing every row (`scribble` below: the same number of
/// segments between seeded random points).
fn zigzag(segments: usize, width: f64) -> Vec<DrawCommand> {
    let mut commands = vec![
        DrawCommand::LineWidth(width),
        DrawCommand::BeginPath,
        DrawCommand::MoveTo(0.0, 0.0),
    ];
    for i in 1..=segments {
        let x = i as f64 * 500.0 / segments as f64;
        commands.push(DrawCommand::LineTo(x, if i % 2 == 1 { 500.0 } else { 0.0 }));
    }
    commands.push(DrawCommand::Stroke);
    commands
}

fn scribble(segments: usize, width: f64) -> Vec<DrawCommand> {
    let mut rng = SplitMix64::new(0x9E37_79B9_7F4A_7C15);
    let mut next = move || rng.below(500_000) as f64 / 1000.0;
    let mut commands = vec![
        DrawCommand::LineWidth(width),
        DrawCommand::BeginPath,
        DrawCommand::MoveTo(next(), next()),
    ];
    for _ in 0..segments {
        commands.push(DrawCommand::LineTo(next(), next()));
    }
    commands.push(DrawCommand::Stroke);
    commands
}

fn stroke(c: &mut Criterion) {
    for (name, shape) in [
        (
            "stroke/zigzag, by segments",
            zigzag as fn(usize, f64) -> Vec<DrawCommand>,
        ),
        ("stroke/scribble, by segments", scribble),
    ] {
        let mut group = quick(c, name);
        for width in [1.0, 6.0] {
            for segments in [100usize, 1_000, 10_000] {
                let commands = shape(segments, width);
                group.bench_with_input(
                    BenchmarkId::new(format!("width {width}"), segments),
                    &commands,
                    |b, commands| b.iter(|| rasterize(black_box(commands), 500, 500)),
                );
            }
        }
        group.finish();
    }
}

fn blur(c: &mut Criterion) {
    let mut group = quick(c, "reference box blur 300x300/by radius");
    let image: Vec<u8> = (0..300 * 300 * 4).map(|i| (i * 7 % 251) as u8).collect();
    for radius in [2u32, 20, 200, 2_000] {
        group.bench_with_input(
            BenchmarkId::from_parameter(radius),
            &radius,
            |b, &radius| {
                b.iter_batched_ref(
                    || image.clone(),
                    |pixels| apply_filter_reference(pixels, 300, 300, &Filter::BoxBlur { radius }),
                    BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

fn markup(c: &mut Criterion) {
    let mut group = quick(c, "markup attributes/by count");
    for count in [300usize, 3_000, 30_000] {
        let mut text = String::from("<div");
        for i in 0..count {
            text.push_str(&format!(" data-a{i}=\"{i}\""));
        }
        text.push_str("></div>");
        group.bench_with_input(BenchmarkId::from_parameter(count), &text, |b, text| {
            b.iter(|| parse_markup_root(black_box(text)))
        });
    }
    group.finish();
}

fn apply_reversed(c: &mut Criterion) {
    let mut group = quick(c, "apply reversed list/by items");
    for count in [1_000usize, 10_000, 100_000] {
        let keys: Vec<String> = (0..count).map(|i| i.to_string()).collect();
        let old = keyed_list(&keys);
        let new = keyed_list(keys.iter().rev());
        let patches = diff(&old, &new);
        group.bench_with_input(BenchmarkId::from_parameter(count), &count, |b, _| {
            b.iter_batched_ref(
                || old.clone(),
                |tree| apply(tree, black_box(&patches)),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// `nodes` elements: a `<div>` of sections, each an SVG with a `foreignObject` holding
/// HTML and an `<xmp>` whose text looks like markup.
fn mixed_tree(nodes: usize) -> VNode {
    let section = |i: usize| {
        VNode::element("section")
            .attr("class", "s")
            .child(
                VNode::element("svg")
                    .attr("viewbox", "0 0 10 10")
                    .child(VNode::element("circle").attr("r", "4").build())
                    .child(
                        VNode::element("foreignobject")
                            .child(VNode::element("p").child(VNode::text(format!("item {i}"))))
                            .build(),
                    )
                    .child(
                        VNode::element("xmp")
                            .child(VNode::text("<img src=x onerror=alert(1)>"))
                            .build(),
                    )
                    .build(),
            )
            .build()
    };
    VNode::element("div")
        .children((0..nodes / 6).map(section))
        .build()
}

fn safety(c: &mut Criterion) {
    let mut group = quick(c, "check_safe + render/by nodes");
    for nodes in [1_000usize, 10_000, 100_000] {
        let tree = mixed_tree(nodes);
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &tree, |b, tree| {
            b.iter(|| check_safe(black_box(tree)).map(|()| tree.render_html().len()))
        });
    }
    group.finish();
}

criterion_group!(benches, sheet, stroke, blur, markup, apply_reversed, safety);
criterion_main!(benches);
