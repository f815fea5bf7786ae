//! Choosing the groups, saying how long they will take, and the run's controls and
//! progress.

use yew::prelude::*;

use super::run::{Phase, Progress};
use crate::lab::bench::{GroupDurations, estimate_run};
use crate::lab::fmt::{about_duration, count};
use crate::web::bench::Stage;
use crate::web::dom;
use crate::web::suite::Group;

#[derive(Properties)]
pub struct GroupPickerProps {
    pub groups: std::rc::Rc<Vec<Group>>,
    pub selected: Vec<&'static str>,
    pub on_toggle: Callback<&'static str>,
    pub disabled: bool,
}

impl PartialEq for GroupPickerProps {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.groups, &other.groups)
            && self.selected == other.selected
            && self.on_toggle == other.on_toggle
            && self.disabled == other.disabled
    }
}

#[component]
pub fn GroupPicker(props: &GroupPickerProps) -> Html {
    html! {
        <fieldset class="bench-groups" disabled={props.disabled}>
            <legend>{ "Cases to run" }</legend>
            { for props.groups.iter().map(|g| {
                let tab = g.tab;
                let on_toggle = props.on_toggle.clone();
                let onchange = Callback::from(move |e: Event| {
                    if dom::event_checked(&e).is_some() {
                        on_toggle.emit(tab);
                    }
                });
                html! {
                    <label class="check">
                        <input type="checkbox" checked={props.selected.contains(&g.tab)} {onchange} />
                        { " " }{ g.title }
                    </label>
                }
            }) }
        </fieldset>
    }
}

/// Before a run: how long the chosen groups should take, where the figure comes from,
/// and what to expect of the groups that hold the page for long steps.
pub fn estimate_view(groups: &[Group], selected: &[&str], previous: &GroupDurations) -> Html {
    let chosen: Vec<&Group> = groups
        .iter()
        .filter(|g| selected.contains(&g.tab))
        .collect();
    if chosen.is_empty() {
        return html! { <p class="note" id="bench-estimate">{ "Choose at least one group of cases." }</p> };
    }
    let pairs: Vec<(&str, f64)> = chosen.iter().map(|g| (g.tab, g.typical_ms)).collect();
    let estimate = estimate_run(&pairs, previous);
    html! {
        <div id="bench-estimate">
            <p>
                <strong>{ format!("{}: {}", count(chosen.len(), "group", "groups"), about_duration(estimate.ms)) }</strong>
                { format!(" ({}). The page stays usable between samples; Stop ends the run at the next one.", estimate.source()) }
            </p>
            { for chosen.iter().filter_map(|g| g.caution.map(|c| html! {
                <p class="note">{ format!("{}: {c}.", g.title) }</p>
            })) }
        </div>
    }
}

/// While running: the bar, which case and step, and the time left.
pub fn progress_view(phase: &Phase) -> Html {
    let Phase::Running(p) = phase else {
        return html! {};
    };
    html! {
        <div class="bench-progress">
            <progress max="1000" value={((p.fraction * 1000.0).round() as u32).to_string()}
                      aria-label="Benchmark progress" />
            <p class="note" aria-live="polite">{ progress_text(p) }</p>
        </div>
    }
}

fn progress_text(p: &Progress) -> String {
    let group = format!("Group {} of {}, {}", p.group + 1, p.groups, p.group_title);
    let what = match (&p.case, p.step) {
        (None, _) => "preparing the cases".to_string(),
        (Some((n, label)), None) => format!("case {n}: {label}"),
        (Some((n, label)), Some(step)) => {
            let stage = match step.stage {
                Stage::WarmingUp => "warming up".to_string(),
                Stage::Calibrating => "calibrating".to_string(),
                Stage::Sampling { done, total } => format!("sample {} of {total}", done + 1),
            };
            format!("case {n}: {label} — {} side, {stage}", step.side.label())
        }
    };
    format!(
        "{group}: {what}. About {} left.",
        about_duration(p.remaining_ms).trim_start_matches("about ")
    )
}
