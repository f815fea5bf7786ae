//! The toolbar: which tool draws, its colours and line width, which renderer paints the
//! drawing canvas, and how shapes are painted.

use yew::prelude::*;

use super::drawing::Drawing;
use crate::app::widgets::ErrorText;
use crate::lab::canvas::editor::{LINE_WIDTHS, ShapeMode, Style, Tool};
use crate::web::dom::event_value;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub style: Style,
    pub on_style: Callback<Style>,
    pub drawing: Drawing,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let width_error = use_state(|| None::<String>);
    let style = &props.style;
    // Every control edits one field of the style; only the line width can be refused.
    let edit = |f: fn(&mut Style, String) -> Result<(), String>, checked: bool| {
        let (style, on_style, width_error) = (
            props.style.clone(),
            props.on_style.clone(),
            width_error.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(value) = event_value(&e) else {
                return;
            };
            let mut next = style.clone();
            match f(&mut next, value) {
                Ok(()) => {
                    if checked {
                        width_error.set(None);
                    }
                    on_style.emit(next);
                }
                Err(why) => width_error.set(Some(why)),
            }
        })
    };
    let set_tool = edit(
        |s, v| {
            s.tool = Tool::from_id(&v).unwrap_or(s.tool);
            Ok(())
        },
        false,
    );
    let set_fill = edit(
        |s, v| {
            s.fill = v;
            Ok(())
        },
        false,
    );
    let set_stroke = edit(
        |s, v| {
            s.stroke = v;
            Ok(())
        },
        false,
    );
    let set_width = edit(
        |s, v| match v.trim().parse::<f64>() {
            Ok(w) if w.is_finite() && LINE_WIDTHS.contains(&w) => {
                s.width = w;
                Ok(())
            }
            _ => {
                Err("A line width is a number from 0.5 to 100; the last valid one is used.".into())
            }
        },
        true,
    );
    let set_shape = edit(
        |s, v| {
            s.shape = ShapeMode::from_id(&v);
            Ok(())
        },
        false,
    );
    let on_renderer = {
        let drawing = props.drawing.clone();
        Callback::from(move |e: Event| {
            if let Some(value) = event_value(&e) {
                drawing.set_rasterized(value == "b");
            }
        })
    };
    let rasterized = props.drawing.model().rasterized;
    let oninput = |cb: &Callback<Event>| {
        let cb = cb.clone();
        Callback::from(move |e: InputEvent| cb.emit(e.into()))
    };

    html! {
        <>
            <div class="tools">
                <fieldset>
                    <legend>{ "Tool" }</legend>
                    { for Tool::ALL.iter().map(|&t| html! {
                        <label>
                            <input type="radio" name="canvas-tool" id={format!("canvas-tool-{}", t.id())}
                                value={t.id()} checked={style.tool == t} onchange={set_tool.clone()} />
                            { t.label() }
                        </label>
                    }) }
                </fieldset>
                <label>{ "Fill" }
                    <input type="color" id="canvas-fill" value={style.fill.clone()} oninput={oninput(&set_fill)} />
                </label>
                <label>{ "Stroke" }
                    <input type="color" id="canvas-stroke" value={style.stroke.clone()} oninput={oninput(&set_stroke)} />
                </label>
                <label>{ "Line width" }
                    <input type="number" id="canvas-width" min="0.5" max="100" step="0.5"
                        value={style.width.to_string()} oninput={oninput(&set_width)}
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
                    <select id="canvas-shape" onchange={set_shape}>
                        { for ShapeMode::ALL.iter().map(|&m| html! {
                            <option value={m.id()} selected={style.shape == m}>{ m.label() }</option>
                        }) }
                    </select>
                </label>
            </div>
            <ErrorText id="canvas-width-error" message={(*width_error).clone()} />
        </>
    }
}
