#![cfg(not(target_arch = "wasm32"))]
//! Differential test: `lab::canvas::rasterize` against tiny-skia, the Rust port of the
//! Skia CPU backend that draws Canvas 2D in Chrome and Firefox. Each scene is replayed on
//! tiny-skia with the Canvas semantics of the module doc's mapping table
//! (`support::replay`), and the two
//! ImageData-shaped buffers must agree within ±16 per channel on at least 99 % of pixels,
//! the same bar the browser test sets against the real Canvas 2D API.

mod support;

use support::{Mode, replay};
use wasm_playground::lab::canvas::{DrawCommand, rasterize, stress_scene};

/// The share of pixels whose four channels are all within `tolerance`.
fn agreement(ours: &[u8], theirs: &[u8], tolerance: u8) -> f64 {
    assert_eq!(ours.len(), theirs.len());
    let pixels = ours.len() / 4;
    let agreeing = ours
        .chunks_exact(4)
        .zip(theirs.chunks_exact(4))
        .filter(|(a, b)| {
            a.iter()
                .zip(b.iter())
                .all(|(x, y)| x.abs_diff(*y) <= tolerance)
        })
        .count();
    agreeing as f64 / pixels as f64
}

fn assert_agrees(name: &str, commands: &[DrawCommand], width: u32, height: u32) {
    assert_agrees_at(name, commands, width, height, 0.99);
}

fn assert_agrees_at(name: &str, commands: &[DrawCommand], width: u32, height: u32, bar: f64) {
    let ours = match rasterize(commands, width, height) {
        Ok(p) => p,
        Err(e) => panic!("{name}: {e}"),
    };
    let direct = replay(commands, width, height, Mode::Direct);
    let theirs = replay(commands, width, height, Mode::Coverage);
    let share = agreement(&ours, &theirs, 16);
    println!(
        "{name}: {:.3} % within ±16 ({:.3} % within ±2); plain tiny-skia {:.3} % within ±16",
        share * 100.0,
        agreement(&ours, &theirs, 2) * 100.0,
        agreement(&ours, &direct, 16) * 100.0,
    );
    assert!(
        share >= bar,
        "{name}: only {:.3} % of pixels agree within ±16",
        share * 100.0
    );
}

#[test]
fn stress_scenes_agree_with_tiny_skia() {
    for seed in 1..=4 {
        let scene = stress_scene(250, 200, 150, seed);
        assert_agrees(&format!("stress seed {seed}"), &scene, 200, 150);
    }
}

#[test]
fn hand_made_scenes_agree_with_tiny_skia() {
    use DrawCommand::*;
    let color = |c: &str| FillColor(c.to_string());
    let stroke = |c: &str| StrokeColor(c.to_string());
    let mut star = vec![color("rgba(200, 30, 60, 0.8)"), BeginPath];
    for i in 0..5 {
        let angle = -std::f64::consts::FRAC_PI_2 + f64::from(i * 2) * std::f64::consts::TAU / 5.0;
        let (x, y) = (60.0 + 50.0 * angle.cos(), 60.0 + 50.0 * angle.sin());
        star.push(if i == 0 { MoveTo(x, y) } else { LineTo(x, y) });
    }
    star.push(Fill);
    assert_agrees("pentagram", &star, 120, 120);

    let joins = vec![
        stroke("#2266aa"),
        LineWidth(9.0),
        BeginPath,
        MoveTo(10.3, 20.7),
        LineTo(100.2, 30.1),
        LineTo(30.5, 90.9),
        LineTo(110.0, 110.0),
        Stroke,
        stroke("rgba(0, 160, 0, 0.6)"),
        LineWidth(4.5),
        BeginPath,
        Rect(20.5, 40.25, 70.0, 50.0),
        Circle(60.0, 60.0, 33.3),
        Stroke,
        LineWidth(0.7),
        stroke("black"),
        BeginPath,
        MoveTo(5.0, 115.0),
        LineTo(115.0, 100.0),
        Stroke,
    ];
    assert_agrees("joins and rings", &joins, 120, 120);

    let layered = vec![
        color("hsl(200, 80%, 40%)"),
        BeginPath,
        Rect(0.0, 0.0, 120.0, 60.0),
        Fill,
        color("rgba(255, 200, 0, 0.5)"),
        BeginPath,
        Circle(60.0, 60.0, 45.5),
        Fill,
        color("#ff00ff40"),
        BeginPath,
        Rect(30.25, 30.75, 60.5, 60.5),
        Fill,
        Fill, // the path is kept: the same rect again
        Clear,
        color("teal"),
        BeginPath,
        Circle(30.0, 90.0, 20.0),
        Fill,
    ];
    assert_agrees("layers, clear, kept path", &layered, 120, 120);

    let mut hairlines = vec![stroke("#203040")];
    for i in 0..24 {
        let angle = f64::from(i) * std::f64::consts::TAU / 24.0 + 0.1;
        let width = 0.25 + f64::from(i % 4) * 0.25;
        hairlines.extend([
            LineWidth(width),
            BeginPath,
            MoveTo(60.0 + 8.0 * angle.cos(), 60.0 + 8.0 * angle.sin()),
            LineTo(60.0 + 55.0 * angle.cos(), 60.0 + 55.0 * angle.sin()),
            Stroke,
        ]);
    }
    hairlines.extend([LineWidth(1.0), BeginPath, Circle(60.0, 60.0, 30.5), Stroke]);
    // A picture made only of hairlines on a transparent background is the worst case:
    // most painted pixels are edge pixels, and a near-transparent pixel's straight colour
    // (what ImageData holds) jumps by 255/α per unit of premultiplied rounding. Skia also
    // flattens the hairline circle more coarsely than we do. Hence a lower bar here.
    assert_agrees_at("hairlines", &hairlines, 120, 120, 0.97);
}

/// A long stroke whose pieces pile up in the same rows: many segments crossing one
/// another (a scribble), and a zigzag folded onto itself so that hundreds of pieces begin
/// and end inside the same pixel rows (the rows the rasterizer cuts into equal sampled
/// bands instead of one band per edge end).
#[test]
fn dense_strokes_agree_with_tiny_skia() {
    use DrawCommand::*;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut random = move |limit: f64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 10_000) as f64 / 10_000.0 * limit
    };
    for width in [1.0, 0.6, 3.0, 8.0] {
        // On an opaque background: see the note on the hairline scene above.
        let mut scribble = vec![
            FillColor("white".into()),
            BeginPath,
            Rect(0.0, 0.0, 200.0, 150.0),
            Fill,
            StrokeColor("rgba(30, 60, 200, 0.8)".into()),
            LineWidth(width),
            BeginPath,
            MoveTo(random(200.0), random(150.0)),
        ];
        for _ in 0..150 {
            scribble.push(LineTo(random(200.0), random(150.0)));
        }
        scribble.push(Stroke);
        assert_agrees(&format!("scribble, width {width}"), &scribble, 200, 150);
    }
    for width in [1.0, 6.0] {
        let mut folded = vec![LineWidth(width), BeginPath, MoveTo(10.0, 70.0)];
        for i in 1..=300 {
            let x = if i % 2 == 1 { 190.0 } else { 10.0 };
            folded.push(LineTo(x, 70.0 + random(6.0)));
        }
        folded.push(Stroke);
        assert_agrees(&format!("folded zigzag, width {width}"), &folded, 200, 150);
    }
}
