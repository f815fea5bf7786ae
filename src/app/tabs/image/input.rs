//! The image: a file (picked, dropped anywhere on the zone, or pasted anywhere on the
//! page) or a generated sample, applied as soon as it is picked.

use yew::prelude::*;

use super::{Loaded, SampleChoice, Source};

use crate::app::widgets::ErrorText;
use crate::lab::fmt::bytes;
use crate::lab::image::samples::Sample;
use crate::lab::image::view::SAMPLE_SIZES;
use crate::web::dom::event_value;
use crate::web::file::{PickedFile, take_picked_file};
use crate::web::image::{dropped_file, listen_paste};

#[derive(Properties, PartialEq)]
pub struct ImageInputProps {
    pub loaded: Option<Loaded>,
    pub choice: SampleChoice,
    /// A menu picked something: `(sample, size)`, each `None` when its menu did not change.
    pub on_choice: Callback<(Option<usize>, Option<usize>)>,
    pub on_file: Callback<PickedFile>,
    pub load_error: Option<String>,
}

/// The value of the menus' "your file" entry.
const FILE: &str = "file";

#[component]
pub fn ImageInput(props: &ImageInputProps) -> Html {
    let drop_over = use_state(|| false);
    // Paste an image from the clipboard anywhere on the page while the tab is shown.
    {
        let on_file = props.on_file.clone();
        use_effect_with((), move |_| {
            let listener = listen_paste(move |file| on_file.emit(file));
            move || drop(listener)
        });
    }
    let on_pick = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = take_picked_file(&e) {
                on_file.emit(file);
            }
        })
    };
    let on_drag_over = {
        let drop_over = drop_over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            drop_over.set(true);
        })
    };
    let on_drag_leave = {
        let drop_over = drop_over.clone();
        Callback::from(move |_: DragEvent| drop_over.set(false))
    };
    let on_drop = {
        let (drop_over, on_file) = (drop_over.clone(), props.on_file.clone());
        Callback::from(move |e: DragEvent| {
            drop_over.set(false);
            if let Some(file) = dropped_file(&e) {
                on_file.emit(file);
            }
        })
    };
    // Each menu applies what it picks at once; "your file" is only shown, not picked.
    let pick = |sample: bool| {
        let on_choice = props.on_choice.clone();
        Callback::from(move |e: Event| {
            let Some(index) = event_value(&e).and_then(|v| v.parse::<usize>().ok()) else {
                return;
            };
            on_choice.emit(if sample {
                (Some(index), None)
            } else {
                (None, Some(index))
            });
        })
    };
    let on_sample = pick(true);
    let on_size = pick(false);

    let file = props.loaded.as_ref().and_then(|l| match &l.source {
        Source::File(name) => Some((name.clone(), l.width, l.height)),
        Source::Sample(_) => None,
    });
    let info = match &props.loaded {
        Some(l) => {
            let name = match &l.source {
                Source::Sample(sample) => sample.label().to_string(),
                Source::File(name) => name.clone(),
            };
            format!(
                "{name} — {}×{} px, {} of RGBA",
                l.width,
                l.height,
                bytes(u64::from(l.width) * u64::from(l.height) * 4)
            )
        }
        None => "No image yet.".into(),
    };
    html! {
        <>
            <h3>{ "Input" }</h3>
            <div class={classes!("drop", drop_over.then_some("over"))}
                 ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
                <label for="image-file">{ "Image file (or drop one here, or paste with Ctrl+V)" }</label>
                <input id="image-file" type="file" accept="image/*" onchange={on_pick}
                       aria-describedby="image-load-error" aria-invalid={props.load_error.is_some().to_string()} />
                <ErrorText id="image-load-error" message={props.load_error.clone()} />
            </div>
            <div class="row">
                <label class="inline">{ "Sample " }
                    <select id="image-sample" onchange={on_sample}>
                        if let Some((name, ..)) = &file {
                            <option value={FILE} selected=true disabled=true>{ format!("your file: {name}") }</option>
                        }
                        { for Sample::ALL.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={file.is_none() && i == props.choice.sample}>{ s.label() }</option>
                        }) }
                    </select>
                </label>
                <label class="inline">{ "Size " }
                    <select id="image-size" onchange={on_size}>
                        if let Some((_, w, h)) = &file {
                            <option value={FILE} selected=true disabled=true>{ format!("{w}×{h} (your file)") }</option>
                        }
                        { for SAMPLE_SIZES.iter().enumerate().map(|(i, (w, h))| html! {
                            <option value={i.to_string()} selected={file.is_none() && i == props.choice.size}>{ format!("{w}×{h}") }</option>
                        }) }
                    </select>
                </label>
            </div>
            <p class="note" id="image-info">{ info }</p>
        </>
    }
}
