//! A shape by its numbers: the keyboard's way to draw. The shape records the same
//! commands a pointer gesture would, in the toolbar's colours, width and shape mode.

use yew::prelude::*;

use super::drawing::Drawing;
use super::{HEIGHT, WIDTH};
use crate::app::widgets::ErrorText;
use crate::lab::canvas::editor::{Shape, Style, parse_field, shape_stroke};
use crate::web::dom::event_value;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rect,
    Circle,
    Line,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Rect, Kind::Circle, Kind::Line];

    fn id(self) -> &'static str {
        match self {
            Kind::Rect => "rect",
            Kind::Circle => "circle",
            Kind::Line => "line",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Rect => "Rectangle",
            Kind::Circle => "Circle",
            Kind::Line => "Line",
        }
    }

    /// The fields' names, with their ranges, and the values the form starts with.
    fn fields(self) -> &'static [(&'static str, f64, f64, &'static str)] {
        const W: f64 = WIDTH as f64;
        const H: f64 = HEIGHT as f64;
        match self {
            Kind::Rect => &[
                ("x", 0.0, W, "40"),
                ("y", 0.0, H, "40"),
                ("width", 0.0, W, "160"),
                ("height", 0.0, H, "100"),
            ],
            Kind::Circle => &[
                ("cx", 0.0, W, "320"),
                ("cy", 0.0, H, "200"),
                ("radius", 0.0, H, "60"),
            ],
            Kind::Line => &[
                ("x0", 0.0, W, "40"),
                ("y0", 0.0, H, "360"),
                ("x1", 0.0, W, "600"),
                ("y1", 0.0, H, "40"),
            ],
        }
    }

    fn shape(self, v: &[f64]) -> Option<Shape> {
        Some(match (self, v) {
            (Kind::Rect, &[x, y, width, height]) => Shape::Rect {
                x,
                y,
                width,
                height,
            },
            (Kind::Circle, &[cx, cy, radius]) => Shape::Circle { cx, cy, radius },
            (Kind::Line, &[x0, y0, x1, y1]) => Shape::Line { x0, y0, x1, y1 },
            _ => return None,
        })
    }
}

fn defaults(kind: Kind) -> Vec<String> {
    kind.fields().iter().map(|f| f.3.to_string()).collect()
}

#[derive(Properties, PartialEq)]
pub struct ShapeFormProps {
    pub drawing: Drawing,
    pub style: Style,
}

#[component]
pub fn ShapeForm(props: &ShapeFormProps) -> Html {
    let kind = use_state(|| Kind::Rect);
    let values = use_state(|| defaults(Kind::Rect));
    let error = use_state(|| None::<String>);

    let on_kind = {
        let (kind, values, error) = (kind.clone(), values.clone(), error.clone());
        Callback::from(move |e: Event| {
            let picked = event_value(&e)
                .and_then(|v| Kind::ALL.into_iter().find(|k| k.id() == v))
                .unwrap_or(Kind::Rect);
            kind.set(picked);
            values.set(defaults(picked));
            error.set(None);
        })
    };
    let on_value = |i: usize| {
        let values = values.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = event_value(&e) {
                let mut next = (*values).clone();
                if let Some(slot) = next.get_mut(i) {
                    *slot = v;
                }
                values.set(next);
            }
        })
    };
    let on_submit = {
        let (kind, values, error) = (*kind, values.clone(), error.clone());
        let (drawing, style) = (props.drawing.clone(), props.style.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let numbers: Result<Vec<f64>, String> = kind
                .fields()
                .iter()
                .zip(values.iter())
                .map(|(&(name, min, max, _), text)| parse_field(text, name, min, max))
                .collect();
            let result = numbers.and_then(|v| {
                let shape = kind.shape(&v).ok_or("the form lost a field")?;
                shape_stroke(&style, shape).map_err(|e| e.to_string())
            });
            match result {
                Ok(stroke) if stroke.is_empty() => error.set(Some(
                    "That shape has no size: give it a width, a height or a radius, or two different points."
                        .into(),
                )),
                Ok(stroke) => {
                    error.set(None);
                    drawing.edit(|h| h.push(stroke));
                }
                Err(why) => error.set(Some(why)),
            }
        })
    };

    html! {
        <form class="shape-form" id="canvas-shape-form" onsubmit={on_submit} novalidate=true>
            <fieldset>
                <legend>{ "Add a shape by its numbers" }</legend>
                <label>{ "Shape" }
                    <select id="canvas-form-kind" onchange={on_kind}>
                        { for Kind::ALL.iter().map(|&k| html! {
                            <option value={k.id()} selected={*kind == k}>{ k.label() }</option>
                        }) }
                    </select>
                </label>
                { for kind.fields().iter().enumerate().map(|(i, &(name, min, max, _))| html! {
                    <label key={format!("{}-{name}", kind.id())}>{ name }
                        <input type="number" id={format!("canvas-form-{name}")} step="any"
                            min={min.to_string()} max={max.to_string()}
                            value={values.get(i).cloned().unwrap_or_default()} oninput={on_value(i)}
                            aria-describedby="canvas-form-error" />
                    </label>
                }) }
                <button class="button" type="submit" id="canvas-form-add">{ "Add shape" }</button>
            </fieldset>
            <p class="note">{ format!("In drawing units: 0 to {WIDTH} across, 0 to {HEIGHT} down. Colours, line width and fill or outline come from the toolbar.") }</p>
            <ErrorText id="canvas-form-error" message={(*error).clone()} />
        </form>
    }
}
