//! The score table: a name + score form whose refusals come from `state_set_score` itself
//! (NaN, infinity, empty name), a top-N slider over `state_top_scores`, and a table that
//! sorts by rank, name or score.

use serde::{Deserialize, Serialize};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{Call, PanelProps, js_str};
use crate::app::Route;
use crate::app::hooks::use_query_state;
use crate::app::widgets::ErrorText;
use crate::lab::fmt::grouped;
use crate::web::state::{self as module, CallError, ScoreRow};

/// Most rows the slider can ask for (the table holds up to 100,000 names).
const MAX_SHOWN: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SortKey {
    Rank,
    Name,
    Score,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Sort {
    key: SortKey,
    ascending: bool,
}

impl Sort {
    /// The URL form: `rank`, `name`, `score`, with `-desc` when descending.
    fn to_param(self) -> String {
        let key = match self.key {
            SortKey::Rank => "rank",
            SortKey::Name => "name",
            SortKey::Score => "score",
        };
        if self.ascending {
            key.to_owned()
        } else {
            format!("{key}-desc")
        }
    }

    /// Reads the URL form; anything else is `None` (the default order is used).
    fn from_param(text: &str) -> Option<Sort> {
        let (key, ascending) = match text.strip_suffix("-desc") {
            Some(key) => (key, false),
            None => (text, true),
        };
        let key = match key {
            "rank" => SortKey::Rank,
            "name" => SortKey::Name,
            "score" => SortKey::Score,
            _ => return None,
        };
        Some(Sort { key, ascending })
    }
}

/// The view of the table kept in the URL (`#/state?top=5&sort=name-desc`), so a link
/// shows the same rows. The scores themselves live in WASM memory and localStorage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct ScoresQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    top: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sort: Option<String>,
}

const DEFAULT_TOP: usize = 10;
const DEFAULT_SORT: Sort = Sort {
    key: SortKey::Rank,
    ascending: true,
};

/// How a number typed in the score box reads, the way Rust's `f64::from_str` reads it:
/// "NaN", "inf" and "-infinity" are numbers too, so `state_set_score` gets to refuse them.
fn parse_score(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("enter a score, e.g. 9.5".into());
    }
    t.parse::<f64>()
        .map_err(|_| format!("“{t}” is not a number (try 42, -3.5, 1e3, or NaN to see it refused)"))
}

fn format_score(score: f64) -> String {
    // Rust's Display is the shortest text that reads back to the same f64.
    format!("{score}")
}

#[component]
pub fn ScoresPanel(props: &PanelProps) -> Html {
    let name = use_state(String::new);
    let score = use_state(String::new);
    let name_error = use_state(|| None::<String>);
    let score_error = use_state(|| None::<String>);
    let form_error = use_state(|| None::<String>);
    // A query that does not parse (hand-edited link) just gives the default view.
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
            .unwrap_or(DEFAULT_SORT)
    });
    {
        // Keep the URL in step with the view (replace: no history entry per slider step).
        let query = query.clone();
        use_effect_with((*top_n, *sort), move |(top, sort)| {
            query.replace(ScoresQuery {
                top: (*top != DEFAULT_TOP).then(|| top.to_string()),
                sort: (*sort != DEFAULT_SORT).then(|| sort.to_param()),
            });
        });
    }
    let on_call = props.on_call.clone();

    let count = module::state_score_count();
    let slider_max = count.clamp(1, MAX_SHOWN);
    let n = (*top_n).clamp(1, slider_max);
    let top: Vec<ScoreRow> = module::state_top_scores(n);
    let mut rows: Vec<(usize, ScoreRow)> = top.into_iter().enumerate().collect();
    match sort.key {
        SortKey::Rank => {}
        SortKey::Name => rows.sort_by(|a, b| a.1.name.cmp(&b.1.name)),
        // Scores in the table are finite (set_score refuses the rest): total_cmp is a
        // plain numeric order here, and it never panics.
        SortKey::Score => rows.sort_by(|a, b| a.1.score.total_cmp(&b.1.score).then(a.0.cmp(&b.0))),
    }
    if !sort.ascending {
        rows.reverse();
    }

    let input = |handle: UseStateHandle<String>, error: UseStateHandle<Option<String>>| {
        let form_error = form_error.clone();
        Callback::from(move |e: InputEvent| {
            handle.set(e.target_unchecked_into::<HtmlInputElement>().value());
            error.set(None);
            form_error.set(None);
        })
    };
    let onsubmit = {
        let name = name.clone();
        let score = score.clone();
        let name_error = name_error.clone();
        let score_error = score_error.clone();
        let form_error = form_error.clone();
        let on_call = on_call.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = match parse_score(&score) {
                Ok(v) => v,
                Err(message) => {
                    score_error.set(Some(message));
                    return;
                }
            };
            let shown = format!(
                "wasm.state_set_score({}, {})",
                js_str(&name),
                js_number(value)
            );
            match module::state_set_score((*name).clone(), value) {
                Ok(()) => {
                    on_call.emit(Call::ok(format!("{shown} → undefined")));
                    name.set(String::new());
                    score.set(String::new());
                    name_error.set(None);
                    score_error.set(None);
                    form_error.set(None);
                    crate::web::dom::focus_by_id("state-score-name");
                }
                Err(e) => {
                    let e = CallError::from_js(&e);
                    on_call.emit(Call::threw(format!("{shown} threw: {}", e.message)));
                    match e.field.as_str() {
                        "name" => name_error.set(Some(e.message)),
                        "score" => score_error.set(Some(e.message)),
                        _ => form_error.set(Some(e.message)),
                    }
                }
            }
        })
    };
    let onslider = {
        let top_n = top_n.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(v) = v.parse::<usize>() {
                top_n.set(v);
            }
        })
    };
    let header = |key: SortKey, label: &'static str| {
        let sort_handle = sort.clone();
        let current = *sort;
        let active = current.key == key;
        let aria = match (active, current.ascending) {
            (false, _) => "none",
            (true, true) => "ascending",
            (true, false) => "descending",
        };
        let arrow = match (active, current.ascending) {
            (false, _) => "",
            (true, true) => " ▲",
            (true, false) => " ▼",
        };
        let onclick = Callback::from(move |_: MouseEvent| {
            sort_handle.set(Sort {
                key,
                ascending: if active {
                    !current.ascending
                } else {
                    key != SortKey::Score
                },
            });
        });
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort-button" id={format!("state-sort-{}", label.to_lowercase())} onclick={onclick}>
                    { label }{ arrow }
                </button>
            </th>
        }
    };

    html! {
        <section class="card" aria-labelledby="state-scores-title">
            <h3 id="state-scores-title">{ "Scores" }</h3>
            <form class="score-form" onsubmit={onsubmit} novalidate=true>
                <div class="field">
                    <label for="state-score-name">{ "Name" }</label>
                    <input id="state-score-name" type="text" autocomplete="off" value={(*name).clone()}
                        oninput={input(name.clone(), name_error.clone())}
                        aria-invalid={name_error.is_some().to_string()} aria-describedby="state-score-name-error" />
                    <ErrorText id="state-score-name-error" message={(*name_error).clone()} />
                </div>
                <div class="field">
                    <label for="state-score-value">{ "Score" }</label>
                    <input id="state-score-value" type="text" inputmode="decimal" autocomplete="off"
                        value={(*score).clone()} oninput={input(score.clone(), score_error.clone())}
                        aria-invalid={score_error.is_some().to_string()} aria-describedby="state-score-value-error" />
                    <ErrorText id="state-score-value-error" message={(*score_error).clone()} />
                </div>
                <div class="field submit">
                    <button type="submit" class="button primary" id="state-score-set">{ "Set score" }</button>
                </div>
            </form>
            <ErrorText id="state-score-form-error" message={(*form_error).clone()} />
            <p class="note">
                { "Try a score of NaN or inf, or a blank name: the seed's " }<code>{ "partial_cmp().unwrap()" }</code>
                { " would have killed the module at the next ranking; here the exported function refuses the value." }
            </p>

            if count == 0 {
                <p class="note" id="state-scores-empty">{ "No scores yet." }</p>
            } else {
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
                            { for rows.into_iter().map(|(rank, row)| {
                                let on_call = on_call.clone();
                                let row_name = row.name.clone();
                                let remove = Callback::from(move |_: MouseEvent| {
                                    let removed = module::state_remove_score(&row_name);
                                    let shown = removed.map_or_else(|| "undefined".to_owned(), js_number);
                                    on_call.emit(Call::ok(format!(
                                        "wasm.state_remove_score({}) → {shown}", js_str(&row_name)
                                    )));
                                });
                                html! {
                                    <tr key={row.name.clone()}>
                                        <td class="mono">{ rank + 1 }</td>
                                        <td class="score-name">{ &row.name }</td>
                                        <td class="mono num">{ format_score(row.score) }</td>
                                        <td>
                                            <button type="button" class="button icon remove"
                                                aria-label={format!("Remove the score of {}", row.name)}
                                                onclick={remove}>{ "×" }</button>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

/// A number as JavaScript would print it in the log (NaN, Infinity, -Infinity).
fn js_number(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{v}")
    }
}
