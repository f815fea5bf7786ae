//! The benchmark: the cost of crossing the boundary once per call.

use yew::prelude::*;

use super::{HEIGHT, WIDTH};
use crate::app::widgets::BenchPanel;
use crate::lab::fmt::grouped;
use crate::web::canvas::{STRESS_SIZES, bench_cases_for};
use crate::web::dom::event_value;

#[component]
pub fn CanvasBench() -> Html {
    let n = use_state(|| 1_000usize);
    let make_cases = {
        let n = *n;
        Callback::from(move |_: ()| bench_cases_for(&[n], WIDTH, HEIGHT))
    };
    let on_n = {
        let n = n.clone();
        Callback::from(move |e: Event| {
            n.set(
                event_value(&e)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1_000),
            );
        })
    };
    html! {
        <>
            <h3>{ "Benchmark: the cost of crossing the boundary per call" }</h3>
            <p>
                { "Two pairs per size. raster: WASM rasterizes and makes one putImageData, JS makes every Canvas 2D \
                   call itself. calls: Rust makes the same Canvas 2D calls through web-sys, one boundary crossing each, \
                   vs the same calls from JS — the difference is the price of the crossings. Each side reads one pixel \
                   back at the end, so drawing the browser defers is inside the time." }
            </p>
            <div class="tools">
                <label>{ "Shapes" }
                    <select id="canvas-bench-n" onchange={on_n}>
                        { for STRESS_SIZES.iter().map(|&size| html! {
                            <option value={size.to_string()} selected={*n == size}>{ grouped(size) }</option>
                        }) }
                    </select>
                </label>
            </div>
            if *n == 100_000 {
                <p class="note">{ "100,000 shapes: three samples per side, and every sample is one uninterrupted run, so the page \
                    pauses for as long as one drawing takes (the comparison above estimates it for renderer B) several \
                    times: about half a minute in all." }</p>
            }
            <BenchPanel make_cases={make_cases}
                description={AttrValue::from("Stress scene on 640×400: renderer B and renderer A vs JavaScript Canvas 2D calls")} />
        </>
    }
}
