//! Before and after on top of each other, with a divider to drag (or move with the
//! keyboard), at fit-to-width or actual pixels, and the result as a PNG.

use yew::prelude::*;

use crate::lab::image::view::divider_key;
use crate::web::dom::event_checked;
use crate::web::image::{capture_pointer, download_png_of, percent_across};

#[derive(Properties, PartialEq)]
pub struct BeforeAfterProps {
    pub before_ref: NodeRef,
    pub after_ref: NodeRef,
    pub on_error: Callback<String>,
}

#[component]
pub fn BeforeAfter(props: &BeforeAfterProps) -> Html {
    let split = use_state(|| 50.0_f64);
    let actual = use_state(|| false);
    let dragging = use_state(|| false);
    let stack_ref = use_node_ref();

    let set_from_pointer = {
        let (split, stack_ref) = (split.clone(), stack_ref.clone());
        move |x: i32| {
            if let Some(pct) = percent_across(&stack_ref, x) {
                split.set(pct.round());
            }
        }
    };
    let on_pointer_down = {
        let (dragging, set, stack_ref) = (
            dragging.clone(),
            set_from_pointer.clone(),
            stack_ref.clone(),
        );
        Callback::from(move |e: PointerEvent| {
            capture_pointer(&stack_ref, e.pointer_id());
            dragging.set(true);
            set(e.client_x());
        })
    };
    let on_pointer_move = {
        let (dragging, set) = (dragging.clone(), set_from_pointer);
        Callback::from(move |e: PointerEvent| {
            if *dragging {
                set(e.client_x());
            }
        })
    };
    let on_pointer_up = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| dragging.set(false))
    };
    let on_split_key = {
        let split = split.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(next) = divider_key(&e.key(), *split) {
                e.prevent_default();
                split.set(next);
            }
        })
    };
    let on_actual = {
        let actual = actual.clone();
        Callback::from(move |e: Event| {
            if let Some(checked) = event_checked(&e) {
                actual.set(checked);
            }
        })
    };
    let download = {
        let (after_ref, on_error) = (props.after_ref.clone(), props.on_error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = download_png_of(&after_ref, "filtered.png") {
                on_error.emit(e);
            }
        })
    };

    let split_v = *split;
    html! {
        <>
            <h3>{ "Before / after" }</h3>
            <div class="row">
                <label class="inline">
                    <input id="image-actual" type="checkbox" checked={*actual} onchange={on_actual} />
                    { "Actual pixels (1:1, scroll)" }
                </label>
                <button id="image-download" class="button" onclick={download}>{ "Download PNG" }</button>
            </div>
            <div class="viewer" tabindex={actual.then_some("0")} role={actual.then_some("region")}
                 aria-label={actual.then_some("The image at actual pixels (scrolls)")}>
                <div ref={stack_ref} id="image-stack" class={classes!("stack", if *actual { "actual" } else { "fit" })}
                     onpointerdown={on_pointer_down} onpointermove={on_pointer_move}
                     onpointerup={on_pointer_up.clone()} onpointercancel={on_pointer_up}>
                    <canvas ref={props.after_ref.clone()} id="image-after" class="after" aria-label="After: the filtered image" role="img" />
                    <canvas ref={props.before_ref.clone()} id="image-before" class="before" aria-label="Before: the original image" role="img"
                            style={format!("clip-path: inset(0 {:.1}% 0 0)", 100.0 - split_v)} />
                    <span class="tag" style="left: 4px">{ "before" }</span>
                    <span class="tag" style="right: 4px">{ "after" }</span>
                    <div class="divider" style={format!("left: {split_v:.1}%")}>
                        <div class="handle" id="image-divider" role="slider" tabindex="0"
                             aria-label="Before/after divider (percent of the width showing the original)"
                             aria-valuemin="0" aria-valuemax="100" aria-valuenow={format!("{split_v:.0}")}
                             aria-valuetext={format!("{split_v:.0}% before")}
                             onkeydown={on_split_key}>{ "⇔" }</div>
                    </div>
                </div>
            </div>
            <p class="note">
                { "Where the bytes are copied: (1) the browser decodes the file onto a scratch canvas; (2) getImageData copies the pixels once into the original buffer in WASM memory; (3) each run copies original → working inside WASM memory so the pipeline always starts from the original; (4) one putImageData from an ImageData made directly over the working buffer (no JavaScript copy; used at once, since growing WASM memory would detach it). Samples are generated straight into WASM memory." }
            </p>
        </>
    }
}
