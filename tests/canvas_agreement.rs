#![cfg(not(target_arch = "wasm32"))]
//! Differential test: `lab::canvas::rasterize` against tiny-skia, the Rust port of the
//! Skia CPU backend that draws Canvas 2D in Chrome and Firefox. Each scene is replayed on
//! tiny-skia with the Canvas semantics of the module doc's mapping table, and the two
//! ImageData-shaped buffers must agree within ±16 per channel on at least 99 % of pixels,
//! the same bar the browser test sets against the real Canvas 2D API.

use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, Stroke, Transform,
};
use wasm_playground::lab::canvas::{DrawCommand, parse_color, rasterize, stress_scene};

/// How the reference turns one fill or stroke into pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// Plain tiny-skia at 1×: its own 4× supersampled coverage and 8-bit blending.
    Direct,
    /// The browser model: coverage measured by tiny-skia at 4× (16×16 samples per pixel,
    /// about exact, like Skia's analytic AA), then composited at 1× with coverage as alpha,
    /// premultiplied 8-bit store. Strokes at most 1 px wide stay 1× hairlines, as in Skia.
    Coverage,
}

/// Replays the commands on tiny-skia the way renderer A replays them on a canvas context.
fn reference(commands: &[DrawCommand], width: u32, height: u32, mode: Mode) -> Vec<u8> {
    let Some(mut pixmap) = Pixmap::new(width, height) else {
        panic!("pixmap {width}×{height}");
    };
    let mut fill = Color::BLACK;
    let mut stroke_color = Color::BLACK;
    let mut line_width = 1.0f32;
    let mut builder = PathBuilder::new();
    let to_color = |css: &str| {
        parse_color(css)
            .ok()
            .map(|c| Color::from_rgba8(c.r, c.g, c.b, c.a))
    };
    for command in commands {
        match command {
            DrawCommand::MoveTo(x, y) => builder.move_to(*x as f32, *y as f32),
            DrawCommand::LineTo(x, y) => {
                if builder.is_empty() {
                    builder.move_to(*x as f32, *y as f32);
                } else {
                    builder.line_to(*x as f32, *y as f32);
                }
            }
            DrawCommand::Rect(x, y, w, h) => {
                let (x, y, w, h) = (*x as f32, *y as f32, *w as f32, *h as f32);
                builder.move_to(x, y);
                builder.line_to(x + w, y);
                builder.line_to(x + w, y + h);
                builder.line_to(x, y + h);
                builder.close();
                builder.move_to(x, y);
            }
            DrawCommand::Circle(cx, cy, r) => {
                let (cx, cy, r) = (*cx as f32, *cy as f32, *r as f32);
                builder.move_to(cx + r, cy);
                if r >= 0.0 {
                    // Four cubic quarter arcs, clockwise on screen (angle 0 → π/2 → …).
                    let k = 0.552_284_8 * r;
                    builder.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
                    builder.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
                    builder.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
                    builder.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
                }
            }
            DrawCommand::FillColor(css) => fill = to_color(css).unwrap_or(fill),
            DrawCommand::StrokeColor(css) => stroke_color = to_color(css).unwrap_or(stroke_color),
            DrawCommand::LineWidth(w) => {
                if w.is_finite() && *w > 0.0 {
                    line_width = *w as f32;
                }
            }
            DrawCommand::BeginPath => builder = PathBuilder::new(),
            DrawCommand::Fill => {
                if let Some(path) = builder.clone().finish() {
                    paint_path(&mut pixmap, &path, fill, None, mode);
                }
            }
            DrawCommand::Stroke => {
                if let Some(path) = builder.clone().finish() {
                    paint_path(&mut pixmap, &path, stroke_color, Some(line_width), mode);
                }
            }
            DrawCommand::Text(..) => {} // text is excluded from the agreement
            DrawCommand::Clear => pixmap.fill(Color::TRANSPARENT),
        }
    }
    pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect()
}

/// Fills (`stroke_width` None) or strokes the path in `color` onto `pixmap`.
fn paint_path(
    pixmap: &mut Pixmap,
    path: &Path,
    color: Color,
    stroke_width: Option<f32>,
    mode: Mode,
) {
    let draw = |target: &mut Pixmap, paint: &Paint, transform: Transform| match stroke_width {
        None => target.fill_path(path, paint, FillRule::Winding, transform, None),
        Some(width) => {
            let stroke = Stroke {
                width,
                miter_limit: 10.0,
                line_cap: LineCap::Butt,
                line_join: LineJoin::Miter,
                dash: None,
            };
            target.stroke_path(path, paint, &stroke, transform, None);
        }
    };
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    let hairline = stroke_width.is_some_and(|w| w <= 1.0);
    if mode == Mode::Direct || hairline {
        paint.set_color(color);
        draw(pixmap, &paint, Transform::identity());
        return;
    }
    const SCALE: u32 = 4;
    let (width, height) = (pixmap.width(), pixmap.height());
    // Measure coverage only in the box the shape can reach (miters reach 10 half-widths).
    let reach = stroke_width.map_or(0.0, |w| w * 5.0) + 2.0;
    let bounds = path.bounds();
    let x0 = (bounds.left() - reach).floor().clamp(0.0, width as f32) as u32;
    let y0 = (bounds.top() - reach).floor().clamp(0.0, height as f32) as u32;
    let x1 = (bounds.right() + reach).ceil().clamp(0.0, width as f32) as u32;
    let y1 = (bounds.bottom() + reach).ceil().clamp(0.0, height as f32) as u32;
    if x1 <= x0 || y1 <= y0 {
        return;
    }
    let Some(mut big) = Pixmap::new((x1 - x0) * SCALE, (y1 - y0) * SCALE) else {
        panic!("coverage pixmap");
    };
    paint.set_color(Color::WHITE);
    let transform =
        Transform::from_scale(SCALE as f32, SCALE as f32).pre_translate(-(x0 as f32), -(y0 as f32));
    draw(&mut big, &paint, transform);
    let big_pixels = big.pixels();
    let big_width = ((x1 - x0) * SCALE) as usize;
    let [r, g, b, a] = [color.red(), color.green(), color.blue(), color.alpha()];
    let source = [r * a * 255.0, g * a * 255.0, b * a * 255.0, a * 255.0];
    let data = pixmap.data_mut();
    for y in y0 as usize..y1 as usize {
        for x in x0 as usize..x1 as usize {
            let (by, bx) = (y - y0 as usize, x - x0 as usize);
            let mut sum = 0u32;
            for dy in 0..SCALE as usize {
                for dx in 0..SCALE as usize {
                    let p = big_pixels
                        [(by * SCALE as usize + dy) * big_width + bx * SCALE as usize + dx];
                    sum += u32::from(p.alpha());
                }
            }
            let coverage = ((sum as f32 / (SCALE * SCALE) as f32).round()) / 255.0;
            if coverage == 0.0 {
                continue;
            }
            let at = (y * width as usize + x) * 4;
            let keep = 1.0 - source[3] * coverage / 255.0;
            let alpha =
                (source[3] * coverage + f32::from(data[at + 3]) * keep + 0.5).min(255.0) as u8;
            for c in 0..3 {
                let v =
                    (source[c] * coverage + f32::from(data[at + c]) * keep + 0.5).min(255.0) as u8;
                data[at + c] = v.min(alpha);
            }
            data[at + 3] = alpha;
        }
    }
}

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
    let direct = reference(commands, width, height, Mode::Direct);
    let theirs = reference(commands, width, height, Mode::Coverage);
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
