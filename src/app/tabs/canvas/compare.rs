//! Both renderers side by side on the same commands (the drawing, or a stress scene),
//! read back and compared pixel by pixel.

use yew::prelude::*;

use super::drawing::Drawing;
use super::{HEIGHT, WIDTH};
use crate::lab::canvas::compare::estimate_ms;
use crate::lab::canvas::stress_scene;
use crate::lab::fmt::{about_duration, count, duration_ms, grouped};
use crate::web::bench::yield_now;
use crate::web::canvas::{Comparison, STRESS_SIZES, compare_renderers, time_rasterize};
use crate::web::dom::event_value;

/// Pixels agree when every channel is within this.
const TOLERANCE: u8 = 16;
/// The scene renderer B is timed on to estimate a larger one.
const PROBE_SHAPES: usize = 1_000;

#[derive(Clone, PartialEq)]
enum Outcome {
    /// Nothing drawn yet: the drawing is empty.
    Empty,
    Working {
        done: usize,
        total: usize,
    },
    Done {
        label: String,
        c: Comparison,
    },
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub drawing: Drawing,
}

#[component]
pub fn Compare(props: &CompareProps) -> Html {
    let a_ref = use_node_ref();
    let b_ref = use_node_ref();
    let source = use_state(|| 0usize); // 0 = the drawing, else a stress size
    let outcome = use_state(|| Outcome::Empty);
    // Renderer B's time for a stress scene, estimated when it is picked.
    let estimate = use_state(|| None::<f64>);
    let run = {
        let (a_ref, b_ref, outcome) = (a_ref.clone(), b_ref.clone(), outcome.clone());
        move |commands: Vec<crate::lab::canvas::DrawCommand>, label: String| {
            let (a_ref, b_ref, outcome) = (a_ref.clone(), b_ref.clone(), outcome.clone());
            let total = commands.len();
            outcome.set(Outcome::Working { done: 0, total });
            yew::platform::spawn_local(async move {
                // Let "Drawing…" paint before the work takes the main thread.
                yield_now().await;
                let progress = {
                    let outcome = outcome.clone();
                    move |done| outcome.set(Outcome::Working { done, total })
                };
                let result = compare_renderers(
                    &a_ref,
                    &b_ref,
                    &commands,
                    (WIDTH, HEIGHT),
                    TOLERANCE,
                    progress,
                )
                .await;
                outcome.set(match result {
                    Ok(c) => Outcome::Done { label, c },
                    Err(why) => Outcome::Failed(why),
                });
            });
        }
    };
    {
        let (drawing, outcome, run) = (props.drawing.clone(), outcome.clone(), run.clone());
        use_effect_with((props.drawing.version, *source), move |&(_, source)| {
            if source == 0 {
                let commands = drawing.model().committed.clone();
                if commands.is_empty() {
                    outcome.set(Outcome::Empty);
                } else {
                    let label = format!(
                        "your drawing ({})",
                        count(commands.len(), "command", "commands")
                    );
                    run(commands, label);
                }
            }
        });
    }
    let on_source = {
        let (source, estimate) = (source.clone(), estimate.clone());
        Callback::from(move |e: Event| {
            let n = event_value(&e).and_then(|v| v.parse().ok()).unwrap_or(0);
            source.set(n);
            // A quick measurement here, so the page can say before the run how long it takes.
            estimate.set(
                (n > 0)
                    .then(|| {
                        let probe = stress_scene(PROBE_SHAPES, WIDTH, HEIGHT, 7);
                        estimate_ms(time_rasterize(&probe, WIDTH, HEIGHT), PROBE_SHAPES, n)
                    })
                    .flatten(),
            );
        })
    };
    let run_stress = {
        let (source, outcome) = (*source, outcome.clone());
        Callback::from(move |_: MouseEvent| {
            if source == 0 || matches!(*outcome, Outcome::Working { .. }) {
                return;
            }
            let commands = stress_scene(source, WIDTH, HEIGHT, 7);
            let label = format!(
                "stress scene of {} shapes ({})",
                grouped(source),
                count(commands.len(), "command", "commands")
            );
            run(commands, label);
        })
    };

    let working = matches!(*outcome, Outcome::Working { .. });
    let empty = *outcome == Outcome::Empty;
    html! {
        <>
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
                        <option value="0" selected={*source == 0}>{ "your drawing" }</option>
                        { for STRESS_SIZES.iter().map(|&n| html! {
                            <option value={n.to_string()} selected={*source == n}>{ format!("stress scene: {} shapes", grouped(n)) }</option>
                        }) }
                    </select>
                </label>
                if *source != 0 {
                    <button class="button primary" id="canvas-stress-run" onclick={run_stress} disabled={working}>
                        { if working { "Drawing…" } else { "Draw with both" } }
                    </button>
                }
            </div>
            if *source != 0 { { stress_note(*source, *estimate) } }
            <div class="pair" hidden={empty}>
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
            <p id="canvas-agreement" aria-live="polite">{ outcome_view(&outcome, *source) }            </p>
        </>
    }
}

/// The line under the two canvases: where the comparison is, or what it found.
fn outcome_view(outcome: &Outcome, source: usize) -> Html {
    match outcome {
        Outcome::Empty if source != 0 => {
            html! { { "Press “Draw with both” to draw the stress scene." } }
        }
        Outcome::Empty => {
            html! { { "Nothing to compare yet: your drawing is empty. Draw on the canvas above, start from the sample drawing, or pick a stress scene." } }
        }
        Outcome::Working { done, total } => html! { <>
            <progress max={total.to_string()} value={done.to_string()} aria-label="Renderer A's calls">
                { format!("{done} of {total}") }</progress>
            { format!(" Drawing: {} of {} commands through renderer A, then renderer B…", grouped(*done), grouped(*total)) }
        </> },
        Outcome::Failed(why) => html! { <span class="field-error">{ why.clone() }</span> },
        Outcome::Done { label, c } => html! { <>
            <span class="agree">{ format!("{:.2} % of pixels agree", c.percent) }</span>
            { format!(" — {label}: A {}, B {} (each including a full read-back).", duration_ms(c.a_ms), duration_ms(c.b_ms)) }
        </> },
    }
}

/// Said before a stress scene runs: how long renderer B's one uninterrupted call takes.
fn stress_note(shapes: usize, estimate: Option<f64>) -> Html {
    html! {
        <p class="note" id="canvas-stress-note">
            { format!("Renderer B rasterizes all {} shapes (about {} commands) in one call, and the page does not respond until it is done: ",
                grouped(shapes), grouped(shapes * 47 / 10)) }
            { match estimate {
                Some(ms) => format!("{} in this browser (estimated from {} shapes just now). ", about_duration(ms), grouped(PROBE_SHAPES)),
                None => "the time grows with the number of shapes. ".into(),
            } }
            { "Renderer A's calls are made in slices, with the progress shown." }
        </p>
    }
}
