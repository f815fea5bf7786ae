//! The drawing canvas: pointer gestures (mouse, touch and pen alike) become strokes, the
//! text tool places an inline input, and an empty drawing says where to start.

use std::rc::Rc;

use yew::prelude::*;

use super::drawing::Drawing;
use super::{HEIGHT, WIDTH};
use crate::lab::canvas::editor::{Style, Tool, build_stroke, sample_drawing, text_stroke};
use crate::web::canvas::{
    capture_pointer, device_pixel_ratio, paint_drawing, pointer_point, release_pointer,
};
use crate::web::dom::{focus_by_id, input_value};

/// A gesture in progress: the pointer that draws it and the points so far.
struct Gesture {
    pointer_id: i32,
    style: Style,
    points: Vec<(f64, f64)>,
}

#[derive(Properties, PartialEq)]
pub struct StageProps {
    pub drawing: Drawing,
    pub style: Style,
    pub canvas_ref: NodeRef,
    pub on_notice: Callback<Option<String>>,
}

#[component]
pub fn Stage(props: &StageProps) -> Html {
    let gesture = use_mut_ref(|| None::<Gesture>);
    let paint_error = use_repaint(&props.drawing, &props.canvas_ref);
    let text = use_text_tool(&props.drawing, &props.style.fill, &props.on_notice);
    let on_down = {
        let (gesture, style, canvas_ref) = (
            gesture.clone(),
            props.style.clone(),
            props.canvas_ref.clone(),
        );
        let place_text = text.place.clone();
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() == "mouse" && e.button() != 0 {
                return;
            }
            let Some(p) = pointer_point(&canvas_ref, &e, WIDTH, HEIGHT) else {
                return;
            };
            e.prevent_default();
            if style.tool == Tool::Text {
                place_text.emit(p);
                return;
            }
            capture_pointer(&canvas_ref, e.pointer_id());
            *gesture.borrow_mut() = Some(Gesture {
                pointer_id: e.pointer_id(),
                style: style.clone(),
                points: vec![p],
            });
        })
    };
    let on_move = {
        let (gesture, canvas_ref, drawing) = (
            gesture.clone(),
            props.canvas_ref.clone(),
            props.drawing.clone(),
        );
        Callback::from(move |e: PointerEvent| {
            let mut slot = gesture.borrow_mut();
            let Some(g) = slot.as_mut().filter(|g| g.pointer_id == e.pointer_id()) else {
                return;
            };
            let Some(p) = pointer_point(&canvas_ref, &e, WIDTH, HEIGHT) else {
                return;
            };
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
            let m = drawing.model();
            let _ = paint_drawing(
                &canvas_ref,
                &m.committed,
                &preview,
                m.rasterized,
                WIDTH,
                HEIGHT,
            );
        })
    };
    let on_up = {
        let (gesture, canvas_ref, drawing, on_notice) = (
            gesture.clone(),
            props.canvas_ref.clone(),
            props.drawing.clone(),
            props.on_notice.clone(),
        );
        Callback::from(move |e: PointerEvent| {
            let Some(g) = gesture
                .borrow_mut()
                .take_if(|g| g.pointer_id == e.pointer_id())
            else {
                return;
            };
            release_pointer(&canvas_ref, e.pointer_id());
            let cancelled = e.type_() == "pointercancel";
            let pushed = match build_stroke(&g.style, &g.points) {
                Ok(stroke) => !cancelled && drawing.edit(|h| h.push(stroke)),
                Err(why) => {
                    on_notice.emit(Some(format!("Nothing drawn: {why}")));
                    false
                }
            };
            if !pushed {
                // Nothing new: take the preview off the canvas.
                let m = drawing.model();
                let _ = paint_drawing(&canvas_ref, &m.committed, &[], m.rasterized, WIDTH, HEIGHT);
            }
        })
    };
    let count = props.drawing.model().committed.len();
    let dpr = device_pixel_ratio();
    html! {
        <>
            <div class="stage">
                <canvas id="canvas-draw" ref={props.canvas_ref.clone()} width={WIDTH.to_string()} height={HEIGHT.to_string()}
                    role="img" aria-label={format!("Drawing area, {count} commands")}
                    aria-describedby={(count == 0).then_some("canvas-hint")}
                    onpointerdown={on_down} onpointermove={on_move}
                    onpointerup={on_up.clone()} onpointercancel={on_up} />
                if count == 0 && text.at.is_none() {
                    <EmptyHint drawing={props.drawing.clone()} />
                }
                if let Some((x, y)) = text.at {
                    <input id="canvas-text-input" ref={text.input_ref} class="text-input" type="text" maxlength="200"
                        aria-label="Text to place"
                        style={format!("left: {:.2}%; top: {:.2}%;", x / f64::from(WIDTH) * 100.0, y / f64::from(HEIGHT) * 100.0)}
                        onkeydown={text.on_key} onblur={text.on_blur} />
                }
            </div>
            <p class="note">{ format!("{WIDTH}×{HEIGHT} CSS px; backing store ×{dpr} (devicePixelRatio) so lines stay crisp \
                (renderer A scales the context, renderer B scales the commands). Text tool: click, type, Enter.") }</p>
            if let Some(msg) = &paint_error { <p class="notice" role="status">{ format!("Could not draw: {msg}") }</p> }
        </>
    }
}

/// Repaints the drawing canvas whenever the drawing (or its renderer) changes, including
/// once on mount for a restored drawing; gives why the last paint failed, if it did.
#[hook]
fn use_repaint(drawing: &Drawing, canvas_ref: &NodeRef) -> Option<String> {
    let paint_error = use_state(|| None::<String>);
    {
        let (drawing, canvas_ref, paint_error) =
            (drawing.clone(), canvas_ref.clone(), paint_error.clone());
        use_effect_with(drawing.version, move |_| {
            let m = drawing.model();
            let painted =
                paint_drawing(&canvas_ref, &m.committed, &[], m.rasterized, WIDTH, HEIGHT).err();
            if *paint_error != painted {
                paint_error.set(painted);
            }
        });
    }
    (*paint_error).clone()
}

/// The text tool's inline input, from [`use_text_tool`].
struct TextTool {
    /// Where the input is open, in drawing units.
    at: Option<(f64, f64)>,
    input_ref: NodeRef,
    /// Opens the input at a point (placing any text still open first).
    place: Callback<(f64, f64)>,
    on_key: Callback<KeyboardEvent>,
    on_blur: Callback<FocusEvent>,
}

/// Click, type, Enter: the text goes into the drawing in the fill colour; Escape drops
/// it, and leaving the input places it.
#[hook]
fn use_text_tool(drawing: &Drawing, fill: &str, on_notice: &Callback<Option<String>>) -> TextTool {
    let at = use_state(|| None::<(f64, f64)>);
    // The source of truth, taken when the text is placed, so Enter followed by the
    // input's blur cannot place it twice.
    let pending = use_mut_ref(|| None::<(f64, f64)>);
    let input_ref = use_node_ref();
    use_effect_with(*at, |at| {
        if at.is_some() {
            focus_by_id("canvas-text-input");
        }
    });
    let commit = {
        let (pending, at, input_ref) = (pending.clone(), at.clone(), input_ref.clone());
        let (fill, drawing, on_notice) = (fill.to_string(), drawing.clone(), on_notice.clone());
        Rc::new(move || {
            let taken = pending.borrow_mut().take();
            if let Some((x, y)) = taken {
                let text = input_value(&input_ref).unwrap_or_default();
                let text = text.trim();
                if !text.is_empty() {
                    match text_stroke(&fill, text, x, y) {
                        Ok(stroke) => {
                            drawing.edit(|h| h.push(stroke));
                        }
                        Err(why) => on_notice.emit(Some(format!("Nothing drawn: {why}"))),
                    }
                }
            }
            at.set(None);
        })
    };
    let place = {
        let (pending, at, commit) = (pending.clone(), at.clone(), commit.clone());
        Callback::from(move |p: (f64, f64)| {
            if pending.borrow().is_some() {
                commit();
            }
            *pending.borrow_mut() = Some(p);
            at.set(Some(p));
        })
    };
    let on_key = {
        let (commit, at, pending) = (commit.clone(), at.clone(), pending.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                commit();
            }
            "Escape" => {
                pending.borrow_mut().take();
                at.set(None);
            }
            _ => {}
        })
    };
    TextTool {
        at: *at,
        input_ref,
        place,
        on_key,
        on_blur: Callback::from(move |_: FocusEvent| commit()),
    }
}

#[derive(Properties, PartialEq)]
struct EmptyHintProps {
    drawing: Drawing,
}

/// Over an empty drawing: where to start, and a sample to start from.
#[component]
fn EmptyHint(props: &EmptyHintProps) -> Html {
    let load_sample = {
        let drawing = props.drawing.clone();
        Callback::from(move |_: MouseEvent| {
            for stroke in sample_drawing() {
                drawing.edit(|h| h.push(stroke));
            }
        })
    };
    html! {
        <div class="stage-hint" id="canvas-hint">
            <p>{ "Draw here: drag with a mouse, a finger or a pen. Pick the tool above; \
                  shapes can also be added by their numbers below." }</p>
            <button class="button" id="canvas-sample" onclick={load_sample}>
                { "Start from a sample drawing" }
            </button>
        </div>
    }
}
