//! The Canvas tab: a drawing tool whose every gesture becomes `DrawCommand`s, and the same
//! drawing through two renderers (Canvas 2D calls from Rust, and a Rust rasterizer with
//! one `putImageData`), with their pixel agreement and a benchmark.
//!
//! Sections: [`toolbar`] (tool and style), [`stage`] (the drawing canvas and its pointer
//! gestures), [`actions`] (undo, redo, import, export), [`shape_form`] (a shape by its
//! numbers, for the keyboard), [`commands`] (the list), [`compare`] (both renderers side
//! by side), [`bench`]. The drawing they share is in [`drawing`].

mod actions;
mod bench;
mod commands;
mod compare;
mod drawing;
mod shape_form;
mod stage;
mod toolbar;

use yew::prelude::*;

use crate::app::widgets::SourceView;
use crate::lab::canvas::editor::Style;

pub use crate::lab::canvas::editor::{DRAWING_HEIGHT as HEIGHT, DRAWING_WIDTH as WIDTH};
pub use drawing::STORAGE_KEY;

#[component]
pub fn CanvasTab() -> Html {
    let state = drawing::use_drawing();
    let drawing = state.drawing;
    let style = use_state(Style::default);
    let notice = use_state(|| None::<String>);
    let canvas_ref = use_node_ref();
    let on_notice = {
        let notice = notice.clone();
        Callback::from(move |message: Option<String>| notice.set(message))
    };
    let on_style = {
        let style = style.clone();
        Callback::from(move |next: Style| style.set(next))
    };

    html! {
        <section class="canvas">
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
                    <toolbar::Toolbar style={(*style).clone()} on_style={on_style}
                        drawing={drawing.clone()} />
                    <stage::Stage drawing={drawing.clone()} style={(*style).clone()}
                        canvas_ref={canvas_ref.clone()} on_notice={on_notice.clone()} />
                    <actions::Actions drawing={drawing.clone()} canvas_ref={canvas_ref}
                        on_notice={on_notice.clone()} />
                    if let Some(msg) = &state.load_message { <p class="notice" role="status">{ msg }</p> }
                    if let Some(msg) = &state.save_message { <p class="notice" role="status">{ format!("Not saved: {msg}") }</p> }
                    if let Some(msg) = &*notice { <p class="note" role="status">{ msg }</p> }
                    <shape_form::ShapeForm drawing={drawing.clone()} style={(*style).clone()} />
                </div>
                <div class="card">
                    <commands::CommandList drawing={drawing.clone()} />
                </div>
            </div>
            <compare::Compare drawing={drawing} />
            <bench::CanvasBench />
            <SourceView path="src/lab/canvas/editor.rs" region="build_stroke"
                summary="Show the Rust: from a gesture to commands" />
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
            <SourceView path="src/lab/canvas/compare.rs" region="agreement"
                summary="Show the Rust: how pixels are compared" />
        </section>
    }
}
