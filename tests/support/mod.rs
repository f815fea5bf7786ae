//! What the native tests and the benches share (one module for that level; the browser
//! tests have `tests/browser/support.rs`). Included with `mod support;` by a test and
//! with `#[path = "../tests/support/mod.rs"] mod support;` by a bench.
//!
//! [`replay`]: drawing commands on tiny-skia, the Rust port of the Skia CPU backend that
//! draws Canvas 2D in Chrome and Firefox, with the Canvas semantics of
//! `lab::canvas`'s mapping table (a `LineTo` with no current point starts one, a
//! non-positive line width is ignored, a negative radius draws nothing). The agreement
//! test compares `lab::canvas::rasterize` with it; the canvas bench times it.

use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, Stroke, Transform,
};
use wasm_playground::lab::canvas::{DrawCommand, parse_color};

/// How the reference turns one fill or stroke into pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// Plain tiny-skia at 1×: its own 4× supersampled coverage and 8-bit blending.
    Direct,
    /// The browser model: coverage measured by tiny-skia at 4× (16×16 samples per pixel,
    /// about exact, like Skia's analytic AA), then composited at 1× with coverage as alpha,
    /// premultiplied 8-bit store. Strokes at most 1 px wide stay 1× hairlines, as in Skia.
    Coverage,
}

/// Replays the commands on tiny-skia the way renderer A replays them on a canvas context,
/// and returns the picture as ImageData does (RGBA, straight alpha).
pub fn replay(commands: &[DrawCommand], width: u32, height: u32, mode: Mode) -> Vec<u8> {
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
