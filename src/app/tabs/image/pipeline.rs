//! The pipeline: filters in order, each with its setting, and where the run is.

use yew::prelude::*;

use super::Status;
use crate::lab::fmt::{count, duration_ms};
use crate::lab::image::Filter;
use crate::lab::image::view::{MAX_PIPELINE, PipelineEdit, edit_pipeline};
use crate::web::dom::event_value;

#[derive(Properties, PartialEq)]
pub struct PipelineEditorProps {
    pub pipeline: Vec<Filter>,
    pub on_change: Callback<Vec<Filter>>,
    pub status: Status,
}

fn status_text(status: &Status) -> String {
    match status {
        Status::Idle => String::new(),
        Status::Working(None) => "Applying the pipeline…".into(),
        Status::Working(Some(p)) => {
            let percent = if p.rows == 0 {
                100
            } else {
                u64::from(p.rows_done) * 100 / u64::from(p.rows)
            };
            format!(
                "Applying the pipeline… filter {} of {}, {percent} % of its rows.",
                p.filter + 1,
                p.filters
            )
        }
        Status::Done { filters, ms } => format!(
            "Pipeline of {} applied in {} (copy original → working, then in place).",
            count(*filters, "filter", "filters"),
            duration_ms(*ms)
        ),
        Status::Failed(e) => format!("Could not apply: {e}"),
    }
}

#[component]
pub fn PipelineEditor(props: &PipelineEditorProps) -> Html {
    let to_add = use_state(|| 0usize);
    let catalogue = Filter::catalogue();
    let add = {
        let (pipeline, on_change, to_add) =
            (props.pipeline.clone(), props.on_change.clone(), *to_add);
        Callback::from(move |_: MouseEvent| {
            if pipeline.len() >= MAX_PIPELINE {
                return;
            }
            if let Some(f) = Filter::catalogue().get(to_add) {
                let mut next = pipeline.clone();
                next.push(*f);
                on_change.emit(next);
            }
        })
    };
    let edit = |e: PipelineEdit| {
        let (pipeline, on_change) = (props.pipeline.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = pipeline.clone();
            if edit_pipeline(&mut next, e) {
                on_change.emit(next);
            }
        })
    };
    let tune = |i: usize| {
        let (pipeline, on_change) = (props.pipeline.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let Some(v) = event_value(&e).and_then(|t| t.parse::<f32>().ok()) else {
                return;
            };
            let mut next = pipeline.clone();
            if let Some(f) = next.get_mut(i) {
                *f = f.with_parameter(v);
                on_change.emit(next);
            }
        })
    };
    let on_kind = {
        let to_add = to_add.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = event_value(&e).and_then(|v| v.parse().ok()) {
                to_add.set(i);
            }
        })
    };
    let clear = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(Vec::new()))
    };
    let pipeline = &props.pipeline;
    html! {
        <>
            <h3>{ "Pipeline" }</h3>
            <div class="row">
                <label class="inline">{ "Filter " }
                    <select id="image-add-kind" onchange={on_kind}>
                        { for catalogue.iter().enumerate().map(|(i, f)| html! {
                            <option value={i.to_string()} selected={i == *to_add}>{ f.label() }</option>
                        }) }
                    </select>
                </label>
                <button id="image-add" class="button primary" onclick={add}
                    disabled={pipeline.len() >= MAX_PIPELINE}>{ "Add filter" }</button>
                <button id="image-clear" class="button" onclick={clear}>{ "Clear" }</button>
            </div>
            if pipeline.is_empty() {
                <p class="note">{ "No filters: the result is the original." }</p>
            }
            <ol class="pipeline" id="image-pipeline">
                { for pipeline.iter().enumerate().map(|(i, f)| {
                    let slider_id = format!("image-param-{i}");
                    html! {
                        <li key={format!("{i}-{}", f.label())}>
                            <div class="head">
                                <span class="name">{ format!("{}. {}", i + 1, f.label()) }</span>
                                <button class="button" aria-label={format!("Move {} up", f.label())}
                                        disabled={i == 0} onclick={edit(PipelineEdit::Up(i))}>{ "↑" }</button>
                                <button class="button" aria-label={format!("Move {} down", f.label())}
                                        disabled={i + 1 == pipeline.len()} onclick={edit(PipelineEdit::Down(i))}>{ "↓" }</button>
                                <button class="button" aria-label={format!("Remove {}", f.label())}
                                        onclick={edit(PipelineEdit::Remove(i))}>{ "✕" }</button>
                            </div>
                            if let Some(p) = f.parameter() {
                                <label for={slider_id.clone()}>{ format!("{}: {}", p.name, p.value) }</label>
                                <input id={slider_id} type="range" min={p.min.to_string()} max={p.max.to_string()}
                                       step={p.step.to_string()} value={p.value.to_string()}
                                       oninput={tune(i)} />
                            }
                        </li>
                    }
                }) }
            </ol>
            <p class="note" id="image-status" aria-live="polite">{ status_text(&props.status) }</p>
        </>
    }
}
