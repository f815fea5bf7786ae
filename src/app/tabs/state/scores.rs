//! The score table: a name + score form whose refusals come from `state_set_score` itself
//! (NaN, infinity, empty name), a top-N slider over `state_top_scores`, and a table that
//! sorts by rank, name or score. The slider and the order are in the URL
//! (`#/state?top=5&sort=name-desc`), so a link shows the same rows.

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use super::{PanelProps, typing};
use crate::app::Route;
use crate::app::hooks::use_query_state;
use crate::app::widgets::ErrorText;
use crate::lab::fmt::grouped;
use crate::lab::state::view::{
    Call, Sort, SortKey, js_number, js_string, parse_score, sentence, slider_max,
};
use crate::web::dom::{event_value, focus_by_id};
use crate::web::state::{self as module, CallError};

/// Most rows the slider can ask for (the table holds up to 100,000 names).
const MAX_SHOWN: usize = 100;
const DEFAULT_TOP: usize = 10;

/// The view of the table kept in the URL. The scores themselves live in WASM memory and
/// localStorage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct ScoresQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    top: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sort: Option<String>,
}

#[component]
pub fn ScoresPanel(props: &PanelProps) -> Html {
    // A query that does not parse (a hand-edited link) just gives the default view.
    let query = use_query_state::<ScoresQuery>(Route::State);
    let top_n = use_state(|| {
        query
            .top
            .as_deref()
            .and_then(|t| t.parse::<usize>().ok())
            .unwrap_or(DEFAULT_TOP)
    });
    let sort = use_state(|| {
        query
            .sort
            .as_deref()
            .and_then(Sort::from_param)
            .unwrap_or_default()
    });
    {
        // Keep the URL in step with the view (replace: no history entry per slider step).
        let query = query.clone();
        use_effect_with((*top_n, *sort), move |(top, sort)| {
            query.replace(ScoresQuery {
                top: (*top != DEFAULT_TOP).then(|| top.to_string()),
                sort: (*sort != Sort::default()).then(|| sort.to_param()),
            });
        });
    }
    let on_top = {
        let top_n = top_n.clone();
        Callback::from(move |n: usize| top_n.set(n))
    };
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |s: Sort| sort.set(s))
    };
    html! {
        <section class="card" aria-labelledby="state-scores-title">
            <h3 id="state-scores-title">{ "Scores" }</h3>
            <ScoreForm on_call={props.on_call.clone()} />
            <ScoreTable rev={props.rev} on_call={props.on_call.clone()}
                top={*top_n} sort={*sort} on_top={on_top} on_sort={on_sort} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ScoreFormProps {
    on_call: Callback<Call>,
}

/// Name + score, sent to `state_set_score`; each refusal shows next to its input.
#[component]
fn ScoreForm(props: &ScoreFormProps) -> Html {
    let name = use_state(String::new);
    let score = use_state(String::new);
    let name_error = use_state(|| None::<String>);
    let score_error = use_state(|| None::<String>);
    let form_error = use_state(|| None::<String>);

    let onsubmit = {
        let (name, score) = (name.clone(), score.clone());
        let errors = [name_error.clone(), score_error.clone(), form_error.clone()];
        let on_call = props.on_call.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let [name_error, score_error, form_error] = &errors;
            let value = match parse_score(&score) {
                Ok(v) => v,
                Err(message) => return score_error.set(Some(message)),
            };
            let shown = format!(
                "wasm.state_set_score({}, {})",
                js_string(&name),
                js_number(value)
            );
            match module::state_set_score((*name).clone(), value) {
                Ok(()) => {
                    on_call.emit(Call::ok(format!("{shown} → undefined")));
                    name.set(String::new());
                    score.set(String::new());
                    errors.iter().for_each(|e| e.set(None));
                    focus_by_id("state-score-name");
                }
                Err(e) => {
                    let e = CallError::from_js(&e);
                    on_call.emit(Call::threw(format!("{shown} threw: {}", e.message)));
                    let next_to = match e.field.as_str() {
                        "name" => name_error,
                        "score" => score_error,
                        _ => form_error,
                    };
                    next_to.set(Some(sentence(&e.message)));
                }
            }
        })
    };
    html! {
        <>
            <form class="score-form" onsubmit={onsubmit} novalidate=true>
                <div class="field">
                    <label for="state-score-name">{ "Name" }</label>
                    <input id="state-score-name" type="text" autocomplete="off" value={(*name).clone()}
                        oninput={typing(&name, &[&name_error, &form_error])}
                        aria-invalid={name_error.is_some().to_string()} aria-describedby="state-score-name-error" />
                    <ErrorText id="state-score-name-error" message={(*name_error).clone()} />
                </div>
                <div class="field">
                    <label for="state-score-value">{ "Score" }</label>
                    <input id="state-score-value" type="text" inputmode="decimal" autocomplete="off"
                        value={(*score).clone()} oninput={typing(&score, &[&score_error, &form_error])}
                        aria-invalid={score_error.is_some().to_string()} aria-describedby="state-score-value-error" />
                    <ErrorText id="state-score-value-error" message={(*score_error).clone()} />
                </div>
                <div class="field submit">
                    <button type="submit" class="button primary" id="state-score-set">{ "Set score" }</button>
                </div>
            </form>
            <ErrorText id="state-score-form-error" message={(*form_error).clone()} />
            <p class="note" id="state-scores-note">
                { "Try a score of NaN or inf, or a blank name. The tutorial's version ranked scores with " }
                <code>{ "partial_cmp().unwrap()" }</code>
                { ", which panics on NaN and would have killed the module at the next ranking; here the exported function refuses the value." }
            </p>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ScoreTableProps {
    /// Moves on every change: the rows are read again.
    rev: u64,
    on_call: Callback<Call>,
    top: usize,
    sort: Sort,
    on_top: Callback<usize>,
    on_sort: Callback<Sort>,
}

/// The best scores (`state_top_scores`) in the chosen order, with a top-N slider.
#[component]
fn ScoreTable(props: &ScoreTableProps) -> Html {
    let count = module::state_score_count();
    if count == 0 {
        return html! { <p class="note" id="state-scores-empty">{ "No scores yet." }</p> };
    }
    let slider_max = slider_max(count, MAX_SHOWN);
    let n = props.top.clamp(1, slider_max);
    let top = module::state_top_scores(n)
        .into_iter()
        .map(|row| (row.name, row.score))
        .collect();
    let rows = props.sort.arrange(top);

    let onslider = {
        let on_top = props.on_top.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(n) = event_value(&e).and_then(|v| v.parse::<usize>().ok()) {
                on_top.emit(n);
            }
        })
    };
    let header = |key: SortKey, label: &'static str| {
        let sort = props.sort;
        let active = sort.key == key;
        let arrow = match (active, sort.ascending) {
            (false, _) => "",
            (true, true) => " ▲",
            (true, false) => " ▼",
        };
        let onclick = props.on_sort.reform(move |_: MouseEvent| sort.clicked(key));
        html! {
            <th scope="col" aria-sort={sort.aria(key)} class={classes!((key == SortKey::Score).then_some("num"))}>
                <button type="button" class="sort-button" id={format!("state-sort-{}", label.to_lowercase())} onclick={onclick}>
                    { label }{ arrow }
                </button>
            </th>
        }
    };
    let row = |(rank, name, score): (usize, String, f64)| {
        let remove = {
            let (on_call, name) = (props.on_call.clone(), name.clone());
            Callback::from(move |_: MouseEvent| {
                let removed = module::state_remove_score(&name);
                let shown = removed.map_or_else(|| "undefined".to_owned(), js_number);
                on_call.emit(Call::ok(format!(
                    "wasm.state_remove_score({}) → {shown}",
                    js_string(&name)
                )));
            })
        };
        html! {
            <tr key={name.clone()}>
                <td class="mono">{ rank + 1 }</td>
                <td class="score-name">{ &name }</td>
                <td class="mono num">{ js_number(score) }</td>
                <td>
                    <button type="button" class="button icon remove"
                        aria-label={format!("Remove the score of {name}")}
                        onclick={remove}>{ "×" }</button>
                </td>
            </tr>
        }
    };
    html! {
        <>
            <div class="slider-row">
                <label for="state-top-n">{ format!("Show the top {n} of {}", grouped(count)) }</label>
                <input id="state-top-n" type="range" min="1" max={slider_max.to_string()}
                    value={n.to_string()} oninput={onslider} />
            </div>
            <div class="table-scroll">
                <table class="score-table" id="state-score-table">
                    <thead>
                        <tr>
                            { header(SortKey::Rank, "Rank") }
                            { header(SortKey::Name, "Name") }
                            { header(SortKey::Score, "Score") }
                            <th scope="col"><span class="visually-hidden">{ "Remove" }</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.into_iter().map(row) }
                    </tbody>
                </table>
            </div>
        </>
    }
}
