//! Rasterizing stress scenes (random rects, circles and lines with translucent colours) at
//! 800×600: `lab::canvas::rasterize` against tiny-skia, the Rust port of Skia's CPU
//! backend (the production crate; Chrome and Firefox draw Canvas 2D with Skia itself).
//! Both produce an ImageData-shaped RGBA buffer, so tiny-skia's time includes turning its
//! premultiplied pixels into straight alpha, as `getImageData` would.
//!
//! Run: `cargo bench --bench canvas -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform,
};
use wasm_playground::lab::canvas::{DrawCommand, parse_color, rasterize, stress_scene};

const WIDTH: u32 = 800;
const HEIGHT: u32 = 600;

/// Renderer A's replay, on tiny-skia instead of a browser context.
fn tiny_skia_render(commands: &[DrawCommand], width: u32, height: u32) -> Vec<u8> {
    let Some(mut pixmap) = Pixmap::new(width, height) else {
        return Vec::new();
    };
    let mut fill = Color::BLACK;
    let mut stroke_color = Color::BLACK;
    let mut line_width = 1.0f32;
    let mut builder = PathBuilder::new();
    let paint = |color: Color| {
        let mut paint = Paint {
            anti_alias: true,
            ..Paint::default()
        };
        paint.set_color(color);
        paint
    };
    let color = |css: &str| {
        parse_color(css)
            .ok()
            .map(|c| Color::from_rgba8(c.r, c.g, c.b, c.a))
    };
    for command in commands {
        match command {
            DrawCommand::MoveTo(x, y) => builder.move_to(*x as f32, *y as f32),
            DrawCommand::LineTo(x, y) => builder.line_to(*x as f32, *y as f32),
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
                let k = 0.552_284_8 * r;
                builder.move_to(cx + r, cy);
                builder.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
                builder.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
                builder.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
                builder.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
            }
            DrawCommand::FillColor(css) => fill = color(css).unwrap_or(fill),
            DrawCommand::StrokeColor(css) => stroke_color = color(css).unwrap_or(stroke_color),
            DrawCommand::LineWidth(w) => line_width = *w as f32,
            DrawCommand::BeginPath => builder = PathBuilder::new(),
            DrawCommand::Fill => {
                if let Some(path) = builder.clone().finish() {
                    pixmap.fill_path(
                        &path,
                        &paint(fill),
                        FillRule::Winding,
                        Transform::identity(),
                        None,
                    );
                }
            }
            DrawCommand::Stroke => {
                if let Some(path) = builder.clone().finish() {
                    let stroke = Stroke {
                        width: line_width,
                        miter_limit: 10.0,
                        line_cap: LineCap::Butt,
                        line_join: LineJoin::Miter,
                        dash: None,
                    };
                    pixmap.stroke_path(
                        &path,
                        &paint(stroke_color),
                        &stroke,
                        Transform::identity(),
                        None,
                    );
                }
            }
            DrawCommand::Text(..) => {}
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

fn stress(c: &mut Criterion) {
    let mut group = c.benchmark_group("rasterize 800x600");
    group.sample_size(10);
    for shapes in [1_000usize, 10_000] {
        let scene = stress_scene(shapes, WIDTH, HEIGHT, 42);
        group.bench_with_input(
            BenchmarkId::new("lab::canvas", shapes),
            &scene,
            |b, scene| b.iter(|| rasterize(black_box(scene), WIDTH, HEIGHT)),
        );
        group.bench_with_input(BenchmarkId::new("tiny-skia", shapes), &scene, |b, scene| {
            b.iter(|| tiny_skia_render(black_box(scene), WIDTH, HEIGHT))
        });
    }
    group.finish();
}

fn json(c: &mut Criterion) {
    let scene = stress_scene(10_000, WIDTH, HEIGHT, 42);
    let text = match wasm_playground::lab::canvas::commands_to_json(&scene) {
        Ok(text) => text,
        Err(e) => panic!("{e}"),
    };
    let mut group = c.benchmark_group("drawing json, 10k shapes");
    group.sample_size(10);
    group.bench_function("commands_to_json", |b| {
        b.iter(|| wasm_playground::lab::canvas::commands_to_json(black_box(&scene)))
    });
    group.bench_function("commands_from_json", |b| {
        b.iter(|| wasm_playground::lab::canvas::commands_from_json(black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, stress, json);
criterion_main!(benches);
