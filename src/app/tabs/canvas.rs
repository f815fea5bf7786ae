//! The Canvas tab: a drawing tool whose every gesture becomes `DrawCommand`s, and the same
//! drawing through two renderers (Canvas 2D calls from Rust, and a Rust rasterizer with
//! one `putImageData`), with their pixel agreement and a benchmark.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::widgets::{BenchPanel, ErrorText, SourceView};
use crate::lab::canvas::{
    Canvas, DrawCommand, History, MAX_JSON_BYTES, Stroke, commands_from_json, commands_to_json,
    stress_scene, validate_commands,
};
use crate::lab::fmt::{bytes, bytes_f64, duration_ms};
use crate::web::bench::{now_ms, yield_now};
use crate::web::canvas::{
    agreement_percent, bench_cases_for, context_2d, device_pixel_ratio, draw_calls,
    draw_rasterized, png_data_url, read_pixels, render_calls, render_rasterized,
    size_backing_store,
};
use crate::web::{dom, storage};

/// The drawing's size in CSS pixels (its coordinate system).
pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 400;
/// Where the drawing is kept across reloads.
pub const STORAGE_KEY: &str = "wasm-playground:canvas";
/// The most rows the command list renders (the newest ones).
const LIST_ROWS: usize = 200;
/// Pixels agree when every channel is within this.
const TOLERANCE: u8 = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Pen,
    Line,
    Rect,
    Circle,
    Text,
}

impl Tool {
    const ALL: [Tool; 5] = [Tool::Pen, Tool::Line, Tool::Rect, Tool::Circle, Tool::Text];

    fn id(self) -> &'static str {
        match self {
            Tool::Pen => "pen",
            Tool::Line => "line",
            Tool::Rect => "rect",
            Tool::Circle => "circle",
            Tool::Text => "text",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tool::Pen => "Pen",
            Tool::Line => "Line",
            Tool::Rect => "Rectangle",
            Tool::Circle => "Circle",
            Tool::Text => "Text",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ShapeMode {
    FillAndOutline,
    Fill,
    Outline,
}

#[derive(Clone, Debug, PartialEq)]
struct Style {
    tool: Tool,
    fill: String,
    stroke: String,
    width: f64,
    shape: ShapeMode,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            tool: Tool::Pen,
            fill: "#ffcc00".into(),
            stroke: "#1d4ed8".into(),
            width: 4.0,
            shape: ShapeMode::FillAndOutline,
        }
    }
}

/// A gesture in progress: the pointer that draws it and the points so far.
struct Gesture {
    pointer_id: i32,
    style: Style,
    points: Vec<(f64, f64)>,
}

/// The commands one gesture produces (empty when it draws nothing, such as a click with
/// the pen). Errors only for an invalid colour or width.
fn build_stroke(style: &Style, points: &[(f64, f64)]) -> Result<Stroke, String> {
    let mut c = Canvas::new(WIDTH, HEIGHT);
    let (Some(&(x0, y0)), Some(&(x1, y1))) = (points.first(), points.last()) else {
        return Ok(Vec::new());
    };
    let outline = |c: &mut Canvas| -> Result<(), String> {
        c.set_stroke_color(&style.stroke)
            .map_err(|e| e.to_string())?;
        c.set_line_width(style.width).map_err(|e| e.to_string())
    };
    match style.tool {
        Tool::Pen => {
            if points.len() < 2 {
                return Ok(Vec::new());
            }
            outline(&mut c)?;
            c.polyline(points);
        }
        Tool::Line => {
            if (x0, y0) == (x1, y1) {
                return Ok(Vec::new());
            }
            outline(&mut c)?;
            c.line(x0, y0, x1, y1);
        }
        Tool::Rect | Tool::Circle => {
            if (x0, y0) == (x1, y1) {
                return Ok(Vec::new());
            }
            let fill = style.shape != ShapeMode::Outline;
            let stroke = style.shape != ShapeMode::Fill;
            if fill {
                c.set_fill_color(&style.fill).map_err(|e| e.to_string())?;
            }
            if stroke {
                outline(&mut c)?;
            }
            if style.tool == Tool::Rect {
                let (x, y, w, h) = (x0.min(x1), y0.min(y1), (x1 - x0).abs(), (y1 - y0).abs());
                if fill {
                    c.rect(x, y, w, h);
                }
                if stroke {
                    c.stroke_rect(x, y, w, h);
                }
            } else {
                let r = round1((x1 - x0).hypot(y1 - y0));
                if fill {
                    c.circle(x0, y0, r);
                }
                if stroke {
                    c.stroke_circle(x0, y0, r);
                }
            }
        }
        Tool::Text => {}
    }
    Ok(c.into_commands())
}

fn text_stroke(fill: &str, text: &str, x: f64, y: f64) -> Result<Stroke, String> {
    let mut c = Canvas::new(WIDTH, HEIGHT);
    c.set_fill_color(fill).map_err(|e| e.to_string())?;
    c.text(text, x, y);
    Ok(c.into_commands())
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A command for the list: `LineTo(12.5, 40)`, `FillColor("#ff0000")`.
fn describe(command: &DrawCommand) -> String {
    let numbers: Vec<String> = command
        .numbers()
        .iter()
        .map(|(_, v)| format!("{v}"))
        .collect();
    match command {
        DrawCommand::FillColor(s) | DrawCommand::StrokeColor(s) => {
            format!("{}({s:?})", command.name())
        }
        DrawCommand::Text(s, ..) => format!("Text({s:?}, {})", numbers.join(", ")),
        _ if numbers.is_empty() => command.name().to_string(),
        _ => format!("{}({})", command.name(), numbers.join(", ")),
    }
}

/// The saved drawing, or an empty one and a message saying why it could not be used.
fn load_saved() -> (History, Option<String>) {
    let text = match storage::get(STORAGE_KEY) {
        Ok(Some(text)) => text,
        Ok(None) => return (History::new(), None),
        Err(e) => return (History::new(), Some(format!("Not restored: {e}."))),
    };
    match serde_json::from_str::<Vec<Stroke>>(&text) {
        Ok(strokes) => {
            let all: Vec<DrawCommand> = strokes.iter().flatten().cloned().collect();
            match validate_commands(&all) {
                Ok(()) => (History::from_strokes(strokes), None),
                Err(e) => (
                    History::new(),
                    Some(format!(
                        "The saved drawing was refused ({e}); starting with an empty one."
                    )),
                ),
            }
        }
        Err(e) => (
            History::new(),
            Some(format!(
                "The saved drawing could not be read ({e}); starting with an empty one."
            )),
        ),
    }
}

fn save(history: &History) -> Result<(), String> {
    let text = serde_json::to_string(history.strokes()).map_err(|e| e.to_string())?;
    storage::set(STORAGE_KEY, &text).map_err(|e| e.to_string())
}

struct Model {
    history: History,
    gesture: Option<Gesture>,
    /// `history.commands()`, kept so a pointer move does not rebuild it.
    committed: Vec<DrawCommand>,
    /// Bumped on every change of the drawing.
    version: u64,
    /// The drawing canvas is painted by renderer B instead of A.
    rasterized: bool,
}

impl Model {
    fn changed(&mut self) {
        self.committed = self.history.commands();
        self.version += 1;
    }
}

/// Renderer A on the drawing canvas, at the screen's devicePixelRatio, plus the gesture
/// in progress.
fn paint(
    canvas_ref: &NodeRef,
    committed: &[DrawCommand],
    preview: &[DrawCommand],
    rasterized: bool,
) -> Result<(), String> {
    let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
        return Ok(());
    };
    let dpr = device_pixel_ratio();
    size_backing_store(&canvas, WIDTH, HEIGHT, dpr);
    let ctx = context_2d(&canvas)?;
    if rasterized {
        let mut all = committed.to_vec();
        all.extend_from_slice(preview);
        render_rasterized(&ctx, &all, WIDTH, HEIGHT, dpr)
    } else {
        render_calls(&ctx, committed, WIDTH, HEIGHT, dpr);
        draw_calls(&ctx, preview, f64::from(WIDTH), f64::from(HEIGHT));
        Ok(())
    }
}

fn pointer_point(canvas: &HtmlCanvasElement, e: &PointerEvent) -> (f64, f64) {
    let r = canvas.get_bounding_client_rect();
    let sx = f64::from(WIDTH) / r.width().max(1.0);
    let sy = f64::from(HEIGHT) / r.height().max(1.0);
    (
        round1((f64::from(e.client_x()) - r.left()) * sx),
        round1((f64::from(e.client_y()) - r.top()) * sy),
    )
}

#[derive(Clone, Debug, PartialEq)]
struct Comparison {
    label: String,
    a_ms: f64,
    b_ms: f64,
    percent: f64,
}

/// Draws `commands` through both renderers on the two comparison canvases (1:1, no
/// devicePixelRatio) and measures how many pixels agree.
async fn compare(
    a_ref: NodeRef,
    b_ref: NodeRef,
    commands: Vec<DrawCommand>,
    label: String,
) -> Result<Comparison, String> {
    let a = a_ref
        .cast::<HtmlCanvasElement>()
        .ok_or("the comparison canvas is gone")?;
    let b = b_ref
        .cast::<HtmlCanvasElement>()
        .ok_or("the comparison canvas is gone")?;
    size_backing_store(&a, WIDTH, HEIGHT, 1.0);
    size_backing_store(&b, WIDTH, HEIGHT, 1.0);
    let ctx_a = context_2d(&a)?;
    let ctx_b = context_2d(&b)?;
    let t0 = now_ms();
    render_calls(&ctx_a, &commands, WIDTH, HEIGHT, 1.0);
    let pixels_a = read_pixels(&ctx_a, WIDTH, HEIGHT)?;
    let a_ms = now_ms() - t0;
    yield_now().await;
    let t0 = now_ms();
    draw_rasterized(&ctx_b, &commands, WIDTH, HEIGHT)?;
    let pixels_b = read_pixels(&ctx_b, WIDTH, HEIGHT)?;
    let b_ms = now_ms() - t0;
    Ok(Comparison {
        label,
        a_ms,
        b_ms,
        percent: agreement_percent(&pixels_a, &pixels_b, TOLERANCE),
    })
}

#[component]
pub fn CanvasTab() -> Html {
    let css = stylist::yew::use_style!(
        r#"
        .tools { display: flex; flex-wrap: wrap; gap: .4rem .8rem; align-items: center; margin-bottom: .6rem; }
        .tools fieldset { border: 1px solid var(--border); border-radius: 6px; padding: .2rem .5rem; margin: 0; display: flex; flex-wrap: wrap; gap: .2rem .6rem; }
        .tools label { display: inline-flex; align-items: center; gap: .3rem; }
        .tools input[type=number] { width: 4.5rem; }
        .stage { position: relative; width: 100%; max-width: 640px; }
        .stage canvas, .pair canvas {
            display: block; width: 100%; height: auto; aspect-ratio: 640 / 400;
            background: #ffffff; border: 1px solid var(--border); border-radius: 4px;
            box-sizing: border-box;
        }
        .stage canvas { touch-action: none; cursor: crosshair; }
        .stage canvas:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .text-input { position: absolute; transform: translateY(-100%); font: 16px monospace; padding: 1px 3px; min-width: 8rem; max-width: 60%; }
        .actions { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: .6rem; }
        .commands { max-height: 28rem; overflow: auto; font-family: var(--mono); font-size: .85rem; margin: .4rem 0 0; padding-left: 3.5rem; }
        .commands li { white-space: nowrap; }
        .editor { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
        @media (max-width: 900px) { .editor { grid-template-columns: minmax(0, 1fr); } }
        .editor .card { min-width: 0; }
        .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
        @media (max-width: 700px) { .pair { grid-template-columns: 1fr; } }
        .pair figure { margin: 0; }
        .pair figcaption { font-size: .9rem; color: var(--muted); margin-bottom: .3rem; }
        .agree { font-size: 1.2rem; font-weight: 600; }
        "#
    );

    let model = use_mut_ref(|| {
        let (history, _) = load_saved();
        let committed = history.commands();
        Model {
            history,
            gesture: None,
            committed,
            version: 0,
            rasterized: false,
        }
    });
    let load_message = use_state(|| load_saved().1);
    let save_message = use_state(|| None::<String>);
    let paint_error = use_state(|| None::<String>);
    let import_error = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let style = use_state(Style::default);
    let width_error = use_state(|| None::<String>);
    let text_at = use_state(|| None::<(f64, f64)>);
    let text_value = use_state(String::new);
    let force = use_force_update();
    let canvas_ref = use_node_ref();
    let a_ref = use_node_ref();
    let b_ref = use_node_ref();
    let compare_source = use_state(|| 0usize); // 0 = the drawing, else a stress size
    let comparison = use_state(|| None::<Result<Comparison, String>>);
    let comparing = use_state(|| false);
    let bench_n = use_state(|| 1_000usize);

    let version = model.borrow().version;

    // Repaint, save and re-compare whenever the drawing changes.
    {
        let model = model.clone();
        let canvas_ref = canvas_ref.clone();
        let save_message = save_message.clone();
        let paint_error = paint_error.clone();
        use_effect_with(version, move |&version| {
            let m = model.borrow();
            let painted = paint(&canvas_ref, &m.committed, &[], m.rasterized).err();
            if *paint_error != painted {
                paint_error.set(painted);
            }
            if version > 0 {
                let result = save(&m.history).err();
                if *save_message != result {
                    save_message.set(result);
                }
            }
        });
    }
    {
        let model = model.clone();
        let (a_ref, b_ref) = (a_ref.clone(), b_ref.clone());
        let comparison = comparison.clone();
        let comparing = comparing.clone();
        use_effect_with((version, *compare_source), move |&(_, source)| {
            if source == 0 {
                let commands = model.borrow().committed.clone();
                comparing.set(true);
                wasm_bindgen_futures::spawn_local(async move {
                    let label = format!("your drawing ({} commands)", commands.len());
                    comparison.set(Some(compare(a_ref, b_ref, commands, label).await));
                    comparing.set(false);
                });
            }
        });
    }

    let bump = {
        let model = model.clone();
        let force = force.clone();
        Rc::new(move |f: &dyn Fn(&mut History) -> bool| {
            let mut m = model.borrow_mut();
            if f(&mut m.history) {
                m.changed();
                drop(m);
                force.force_update();
            }
        })
    };

    let undo = {
        let bump = bump.clone();
        Callback::from(move |_: MouseEvent| bump(&|h| h.undo()))
    };
    let redo = {
        let bump = bump.clone();
        Callback::from(move |_: MouseEvent| bump(&|h| h.redo()))
    };
    let clear = {
        let bump = bump.clone();
        Callback::from(move |_: MouseEvent| bump(&|h| h.clear()))
    };

    // Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl/Cmd+Y redo (not inside text fields,
    // which keep their own undo).
    {
        let bump = bump.clone();
        use_effect_with((), move |_| {
            let listener = dom::document().map(|doc| {
                EventListener::new_with_options(
                    &doc,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(e) = event.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                            return;
                        }
                        let in_field = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"))
                            .unwrap_or(false);
                        if in_field {
                            return;
                        }
                        let key = e.key().to_lowercase();
                        let redo = (key == "z" && e.shift_key()) || key == "y";
                        let undo = key == "z" && !e.shift_key();
                        if redo {
                            e.prevent_default();
                            bump(&|h| h.redo());
                        } else if undo {
                            e.prevent_default();
                            bump(&|h| h.undo());
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    // The text tool's inline input. `text_pending` is the source of truth, taken when the
    // text is placed, so Enter followed by the input's blur cannot place it twice.
    let text_pending = use_mut_ref(|| None::<(f64, f64)>);
    let commit_text = {
        let text_pending = text_pending.clone();
        let text_at = text_at.clone();
        let text_value = text_value.clone();
        let style = style.clone();
        let bump = bump.clone();
        let notice = notice.clone();
        Rc::new(move || {
            let pending = text_pending.borrow_mut().take();
            if let Some((x, y)) = pending {
                let text = dom::document()
                    .and_then(|d| d.get_element_by_id("canvas-text-input"))
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                    .map(|input| input.value())
                    .unwrap_or_default();
                let text = text.trim().to_string();
                if !text.is_empty() {
                    match text_stroke(&style.fill, &text, x, y) {
                        Ok(stroke) => bump(&move |h| h.push(stroke.clone())),
                        Err(why) => notice.set(Some(format!("Nothing drawn: {why}"))),
                    }
                }
            }
            text_at.set(None);
            text_value.set(String::new());
        })
    };
    {
        use_effect_with(*text_at, move |at| {
            if at.is_some() {
                dom::focus_by_id("canvas-text-input");
            }
        });
    }
    // Pointer events: mouse, touch and pen alike.
    let on_down = {
        let model = model.clone();
        let style = style.clone();
        let text_pending = text_pending.clone();
        let commit_text = commit_text.clone();
        let text_at = text_at.clone();
        let text_value = text_value.clone();
        let canvas_ref = canvas_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                return;
            };
            if e.pointer_type() == "mouse" && e.button() != 0 {
                return;
            }
            let p = pointer_point(&canvas, &e);
            if style.tool == Tool::Text {
                e.prevent_default();
                if text_pending.borrow().is_some() {
                    commit_text();
                }
                *text_pending.borrow_mut() = Some(p);
                text_value.set(String::new());
                text_at.set(Some(p));
                return;
            }
            e.prevent_default();
            let _ = canvas.set_pointer_capture(e.pointer_id());
            model.borrow_mut().gesture = Some(Gesture {
                pointer_id: e.pointer_id(),
                style: (*style).clone(),
                points: vec![p],
            });
        })
    };
    let on_move = {
        let model = model.clone();
        let canvas_ref = canvas_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                return;
            };
            let mut m = model.borrow_mut();
            let Some(g) = m.gesture.as_mut() else {
                return;
            };
            if g.pointer_id != e.pointer_id() {
                return;
            }
            let p = pointer_point(&canvas, &e);
            if g.style.tool == Tool::Pen {
                if g.points.last() != Some(&p) {
                    g.points.push(p);
                }
            } else if g.points.len() < 2 {
                g.points.push(p);
            } else {
                g.points[1] = p;
            }
            let preview = build_stroke(&g.style, &g.points).unwrap_or_default();
            let _ = paint(&canvas_ref, &m.committed, &preview, m.rasterized);
        })
    };
    let on_up = {
        let model = model.clone();
        let force = force.clone();
        let canvas_ref = canvas_ref.clone();
        let notice = notice.clone();
        Callback::from(move |e: PointerEvent| {
            let mut m = model.borrow_mut();
            let Some(g) = m.gesture.take_if(|g| g.pointer_id == e.pointer_id()) else {
                return;
            };
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let _ = canvas.release_pointer_capture(e.pointer_id());
            }
            let cancelled = e.type_() == "pointercancel";
            match build_stroke(&g.style, &g.points) {
                Ok(stroke) => {
                    if !cancelled && m.history.push(stroke) {
                        m.changed();
                    }
                }
                Err(why) => notice.set(Some(format!("Nothing drawn: {why}"))),
            }
            let committed = m.committed.clone();
            let rasterized = m.rasterized;
            drop(m);
            let _ = paint(&canvas_ref, &committed, &[], rasterized);
            force.force_update();
        })
    };

    let on_text_input = {
        let text_value = text_value.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                text_value.set(input.value());
            }
        })
    };
    let on_text_key = {
        let commit_text = commit_text.clone();
        let text_at = text_at.clone();
        let text_pending = text_pending.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                commit_text();
            }
            "Escape" => {
                text_pending.borrow_mut().take();
                text_at.set(None);
            }
            _ => {}
        })
    };
    let on_text_blur = {
        let commit_text = commit_text.clone();
        Callback::from(move |_: FocusEvent| commit_text())
    };

    // Tool settings.
    let set_tool = |tool: Tool| {
        let style = style.clone();
        let commit_text = commit_text.clone();
        Callback::from(move |_: Event| {
            commit_text();
            style.set(Style {
                tool,
                ..(*style).clone()
            });
        })
    };
    let on_fill = {
        let style = style.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                style.set(Style {
                    fill: input.value(),
                    ..(*style).clone()
                });
            }
        })
    };
    let on_stroke = {
        let style = style.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                style.set(Style {
                    stroke: input.value(),
                    ..(*style).clone()
                });
            }
        })
    };
    let on_width = {
        let style = style.clone();
        let width_error = width_error.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                match input.value().trim().parse::<f64>() {
                    Ok(w) if w.is_finite() && (0.5..=100.0).contains(&w) => {
                        width_error.set(None);
                        style.set(Style {
                            width: w,
                            ..(*style).clone()
                        });
                    }
                    _ => width_error.set(Some(
                        "A line width is a number from 0.5 to 100; the last valid one is used."
                            .into(),
                    )),
                }
            }
        })
    };
    let on_shape = {
        let style = style.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let shape = match select.value().as_str() {
                    "fill" => ShapeMode::Fill,
                    "outline" => ShapeMode::Outline,
                    _ => ShapeMode::FillAndOutline,
                };
                style.set(Style {
                    shape,
                    ..(*style).clone()
                });
            }
        })
    };

    let on_renderer = {
        let model = model.clone();
        let force = force.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let mut m = model.borrow_mut();
                m.rasterized = select.value() == "b";
                m.changed();
                drop(m);
                force.force_update();
            }
        })
    };

    // Export and import.
    let export_json = {
        let model = model.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let commands = model.borrow().committed.clone();
            let result = commands_to_json(&commands)
                .map_err(|e| e.to_string())
                .and_then(|json| {
                    dom::download("drawing.json", "application/json", json.as_bytes())
                });
            notice.set(result.err().map(|e| format!("Export failed: {e}")));
        })
    };
    let export_png = {
        let canvas_ref = canvas_ref.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let result = canvas_ref
                .cast::<HtmlCanvasElement>()
                .ok_or_else(|| "no canvas".to_string())
                .and_then(|c| png_data_url(&c))
                .and_then(|url| dom::download_url("drawing.png", &url));
            notice.set(result.err().map(|e| format!("PNG export failed: {e}")));
        })
    };
    let on_import = {
        let bump = bump.clone();
        let import_error = import_error.clone();
        let notice = notice.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            if file.size() > MAX_JSON_BYTES as f64 {
                import_error.set(Some(format!(
                    "Refused: the file is {}, more than the {} limit; your drawing is unchanged.",
                    bytes_f64(file.size()),
                    bytes(MAX_JSON_BYTES as u64)
                )));
                return;
            }
            let bump = bump.clone();
            let import_error = import_error.clone();
            let notice = notice.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(v) => v.as_string().unwrap_or_default(),
                    Err(_) => {
                        import_error.set(Some(
                            "Refused: the file could not be read; your drawing is unchanged."
                                .into(),
                        ));
                        return;
                    }
                };
                match commands_from_json(&text) {
                    Ok(commands) => {
                        let n = commands.len();
                        import_error.set(None);
                        bump(&|h| {
                            h.clear();
                            h.push(commands.clone());
                            true
                        });
                        notice.set(Some(format!(
                            "Imported {n} commands (undo twice to get the previous drawing back)."
                        )));
                    }
                    Err(why) => import_error
                        .set(Some(format!("Refused: {why}. Your drawing is unchanged."))),
                }
            });
        })
    };

    // The two renderers on a stress scene.
    let on_source = {
        let compare_source = compare_source.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                compare_source.set(select.value().parse().unwrap_or(0));
            }
        })
    };
    let run_stress = {
        let (a_ref, b_ref) = (a_ref.clone(), b_ref.clone());
        let comparison = comparison.clone();
        let comparing = comparing.clone();
        let compare_source = compare_source.clone();
        Callback::from(move |_: MouseEvent| {
            let n = *compare_source;
            if n == 0 || *comparing {
                return;
            }
            comparing.set(true);
            let (a_ref, b_ref) = (a_ref.clone(), b_ref.clone());
            let comparison = comparison.clone();
            let comparing = comparing.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Let "Drawing…" paint before the work takes the main thread.
                yield_now().await;
                let commands = stress_scene(n, WIDTH, HEIGHT, 7);
                let label = format!("stress scene of {n} shapes ({} commands)", commands.len());
                comparison.set(Some(compare(a_ref, b_ref, commands, label).await));
                comparing.set(false);
            });
        })
    };

    let make_cases = {
        let n = *bench_n;
        Callback::from(move |_: ()| bench_cases_for(&[n], WIDTH, HEIGHT))
    };
    let on_bench_n = {
        let bench_n = bench_n.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                bench_n.set(select.value().parse().unwrap_or(1_000));
            }
        })
    };

    let m = model.borrow();
    let count = m.committed.len();
    let strokes = m.history.strokes().len();
    let first_row = count.saturating_sub(LIST_ROWS);
    let can_undo = m.history.can_undo();
    let can_redo = m.history.can_redo();
    let rasterized = m.rasterized;
    let dpr = device_pixel_ratio();

    html! {
        <section class={css}>
            <h2>{ "Canvas" }</h2>
            <p>
                { "Every stroke you draw becomes a list of " }<code>{ "DrawCommand" }</code>
                { "s, the same small language as the browser's Canvas 2D API. The list can be drawn two ways: \
                   renderer A makes one Canvas 2D call per command from Rust, each call crossing from WASM through \
                   JavaScript glue into the browser; renderer B rasterizes the whole list in WASM into an RGBA buffer \
                   and hands it over with a single putImageData. Where the boundary is crossed, and how often, is \
                   what decides which is faster." }
            </p>
            <div class="editor">
                <div class="card">
                    <div class="tools">
                        <fieldset>
                            <legend>{ "Tool" }</legend>
                            { for Tool::ALL.iter().map(|&t| html! {
                                <label>
                                    <input type="radio" name="canvas-tool" id={format!("canvas-tool-{}", t.id())}
                                        value={t.id()} checked={style.tool == t} onchange={set_tool(t)} />
                                    { t.label() }
                                </label>
                            }) }
                        </fieldset>
                        <label>{ "Fill" }
                            <input type="color" id="canvas-fill" value={style.fill.clone()} oninput={on_fill} />
                        </label>
                        <label>{ "Stroke" }
                            <input type="color" id="canvas-stroke" value={style.stroke.clone()} oninput={on_stroke} />
                        </label>
                        <label>{ "Line width" }
                            <input type="number" id="canvas-width" min="0.5" max="100" step="0.5"
                                value={style.width.to_string()} oninput={on_width}
                                aria-invalid={width_error.is_some().to_string()}
                                aria-describedby="canvas-width-error" />
                        </label>
                        <label>{ "Draw with" }
                            <select id="canvas-renderer" onchange={on_renderer}>
                                <option value="a" selected={!rasterized}>{ "A: Canvas 2D calls" }</option>
                                <option value="b" selected={rasterized}>{ "B: Rust rasterizer" }</option>
                            </select>
                        </label>
                        <label>{ "Shapes" }
                            <select id="canvas-shape" onchange={on_shape}>
                                <option value="both" selected={style.shape == ShapeMode::FillAndOutline}>{ "fill + outline" }</option>
                                <option value="fill" selected={style.shape == ShapeMode::Fill}>{ "fill" }</option>
                                <option value="outline" selected={style.shape == ShapeMode::Outline}>{ "outline" }</option>
                            </select>
                        </label>
                    </div>
                    <ErrorText id="canvas-width-error" message={(*width_error).clone()} />
                    <div class="stage">
                        <canvas id="canvas-draw" ref={canvas_ref.clone()} width={WIDTH.to_string()} height={HEIGHT.to_string()}
                            role="img" aria-label={format!("Drawing area, {count} commands")}
                            onpointerdown={on_down} onpointermove={on_move}
                            onpointerup={on_up.clone()} onpointercancel={on_up} />
                        if let Some((x, y)) = *text_at {
                            <input id="canvas-text-input" class="text-input" type="text" maxlength="200"
                                aria-label="Text to place"
                                style={format!("left: {:.2}%; top: {:.2}%;", x / f64::from(WIDTH) * 100.0, y / f64::from(HEIGHT) * 100.0)}
                                value={(*text_value).clone()} oninput={on_text_input}
                                onkeydown={on_text_key} onblur={on_text_blur} />
                        }
                    </div>
                    <p class="note">{ format!("{WIDTH}×{HEIGHT} CSS px; backing store ×{dpr} (devicePixelRatio) so lines stay crisp \
                        (renderer A scales the context, renderer B scales the commands). Text tool: click, type, Enter.") }</p>
                    <div class="actions">
                        <button class="button" id="canvas-undo" onclick={undo} disabled={!can_undo}
                            title="Ctrl/Cmd+Z">{ "Undo" }</button>
                        <button class="button" id="canvas-redo" onclick={redo} disabled={!can_redo}
                            title="Shift+Ctrl/Cmd+Z or Ctrl+Y">{ "Redo" }</button>
                        <button class="button" id="canvas-clear" onclick={clear} disabled={strokes == 0}>{ "Clear" }</button>
                        <button class="button" id="canvas-export" onclick={export_json}>{ "Export JSON" }</button>
                        <label class="button" for="canvas-import">{ "Import JSON…" }</label>
                        <input type="file" id="canvas-import" accept=".json,application/json"
                            style="position:absolute; width:1px; height:1px; opacity:0;"
                            onchange={on_import} aria-describedby="canvas-import-error" />
                        <button class="button" id="canvas-png" onclick={export_png}>{ "Export PNG" }</button>
                    </div>
                    <ErrorText id="canvas-import-error" message={(*import_error).clone()} />
                    if let Some(msg) = &*paint_error { <p class="notice" role="status">{ format!("Could not draw: {msg}") }</p> }
                    if let Some(msg) = &*load_message { <p class="notice" role="status">{ msg }</p> }
                    if let Some(msg) = &*save_message { <p class="notice" role="status">{ format!("Not saved: {msg}") }</p> }
                    if let Some(msg) = &*notice { <p class="note" role="status">{ msg }</p> }
                </div>
                <div class="card">
                    <h3>{ "Commands" }</h3>
                    <p id="canvas-count" aria-live="polite">
                        { format!("{count} commands in {strokes} strokes") }
                        if first_row > 0 { { format!(" (showing the last {LIST_ROWS})") } }
                    </p>
                    <ol class="commands" start={(first_row + 1).to_string()} id="canvas-commands">
                        { for m.committed[first_row..].iter().map(|c| html! { <li>{ describe(c) }</li> }) }
                    </ol>
                </div>
            </div>

            <h3>{ "Two renderers, one picture" }</h3>
            <p>
                { "The same command list through renderer A (Canvas 2D calls) and renderer B (Rust rasterizer + \
                   putImageData), both at 1:1 without the devicePixelRatio scale, then read back with getImageData. \
                   A pixel agrees when every channel is within ±16; colours are compared premultiplied by alpha, \
                   because a pixel at the very edge of a shape (alpha below 32) keeps almost no colour information. \
                   Text differs on purpose: the browser uses a real monospace font, the rasterizer a 5×7 bitmap font." }
            </p>
            <div class="tools">
                <label>{ "Draw" }
                    <select id="canvas-compare-source" onchange={on_source}>
                        <option value="0" selected={*compare_source == 0}>{ "your drawing" }</option>
                        { for crate::web::canvas::STRESS_SIZES.iter().map(|&n| html! {
                            <option value={n.to_string()} selected={*compare_source == n}>{ format!("stress scene: {n} shapes") }</option>
                        }) }
                    </select>
                </label>
                if *compare_source != 0 {
                    <button class="button primary" id="canvas-stress-run" onclick={run_stress} disabled={*comparing}>
                        { if *comparing { "Drawing…" } else { "Draw with both" } }
                    </button>
                }
            </div>
            if *compare_source == 100_000 {
                <p class="note">{ "100 000 shapes (about 470 000 commands) take the rasterizer a few seconds; the page pauses during that one step, and again while renderer A replays them." }</p>
            }
            <div class="pair">
                <figure>
                    <figcaption>{ "A: Canvas 2D calls from Rust (web-sys)" }</figcaption>
                    <canvas id="canvas-a" ref={a_ref} width={WIDTH.to_string()} height={HEIGHT.to_string()}
                        role="img" aria-label="Renderer A output" />
                </figure>
                <figure>
                    <figcaption>{ "B: Rust rasterize + one putImageData" }</figcaption>
                    <canvas id="canvas-b" ref={b_ref} width={WIDTH.to_string()} height={HEIGHT.to_string()}
                        role="img" aria-label="Renderer B output" />
                </figure>
            </div>
            <p id="canvas-agreement" aria-live="polite">
                { match &*comparison {
                    None => html! { { "…" } },
                    Some(Err(why)) => html! { <span class="field-error">{ why.clone() }</span> },
                    Some(Ok(c)) => html! { <>
                        <span class="agree">{ format!("{:.2} % of pixels agree", c.percent) }</span>
                        { format!(" — {}: A {}, B {} (each including a full read-back).", c.label, duration_ms(c.a_ms), duration_ms(c.b_ms)) }
                    </> },
                } }
            </p>

            <h3>{ "Benchmark: the cost of crossing the boundary per call" }</h3>
            <p>
                { "Two pairs per size. raster: WASM rasterizes and makes one putImageData, JS makes every Canvas 2D \
                   call itself. calls: Rust makes the same Canvas 2D calls through web-sys, one boundary crossing each, \
                   vs the same calls from JS — the difference is the price of the crossings. Each side reads one pixel \
                   back at the end, so drawing the browser defers is inside the time." }
            </p>
            <div class="tools">
                <label>{ "Shapes" }
                    <select id="canvas-bench-n" onchange={on_bench_n}>
                        { for crate::web::canvas::STRESS_SIZES.iter().map(|&n| html! {
                            <option value={n.to_string()} selected={*bench_n == n}>{ n.to_string() }</option>
                        }) }
                    </select>
                </label>
            </div>
            if *bench_n == 100_000 {
                <p class="note">{ "100 000 shapes: three samples per side; each sample can pause the page for a few seconds." }</p>
            }
            <BenchPanel make_cases={make_cases}
                description={AttrValue::from("Stress scene on 640×400: renderer B and renderer A vs JavaScript Canvas 2D calls")} />

            <SourceView path="src/web/canvas.rs" region="renderer-a"
                summary="Show the Rust: renderer A" />
            <SourceView path="src/web/canvas.rs" region="renderer-b"
                summary="Show the Rust: renderer B" />
            <SourceView path="src/lab/canvas/raster.rs" region="rasterize"
                summary="Show the Rust: rasterize" />
            <SourceView path="src/lab/canvas/raster.rs" region="fill"
                summary="Show the Rust: the anti-aliased scanline fill" />
            <SourceView path="src/lab/canvas/raster.rs" region="stroke"
                summary="Show the Rust: strokes" />
            <SourceView path="src/lab/canvas/raster.rs" region="composite"
                summary="Show the Rust: source-over compositing" />
        </section>
    }
}
