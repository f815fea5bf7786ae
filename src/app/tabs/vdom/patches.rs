//! The output card: how many patches and moves, the patches in words (the one the last
//! Step applied highlighted), and `render_html(after)`.

use std::rc::Rc;

use yew::prelude::*;

use super::{Pair, Progress};
use crate::lab::fmt::{count, grouped, plural};
use crate::lab::vdom::describe;

/// Patches listed in words; the rest are summarised.
const MAX_LISTED: usize = 400;

#[derive(Properties, PartialEq)]
pub(super) struct PatchListProps {
    pub pair: Option<Rc<Pair>>,
    pub progress: Progress,
    /// An editor holds markup with an error: the pair shown is the last valid one.
    pub stale: bool,
}

#[component]
pub(super) fn PatchList(props: &PatchListProps) -> Html {
    let body = match &props.pair {
        None => {
            html! { <p class="notice">{ "Fix the markup on the left to see the patches." }</p> }
        }
        Some(pair) => {
            let total = pair.patches.len();
            let progress = props.progress;
            let listed = pair
                .patches
                .iter()
                .take(MAX_LISTED)
                .enumerate()
                .map(|(i, p)| {
                    let class = if progress.last_touched == Some(i) {
                        "current"
                    } else if i < progress.applied {
                        "done"
                    } else {
                        ""
                    };
                    html! { <li {class}>{ describe(p) }</li> }
                });
            html! {
                <>
                    if props.stale {
                        <p class="notice">{ "Showing the last valid pair while the markup has an error." }</p>
                    }
                    <p class="summary" id="vdom-summary">
                        <strong>{ format!("{} {}", grouped(total), plural(total, "patch", "patches")) }</strong>
                        { format!(", {} of keyed children (kept − LIS: the minimum)", count(pair.moves, "move", "moves")) }
                    </p>
                    if total == 0 {
                        <p class="note">{ "The trees are equal: nothing to do." }</p>
                    } else {
                        <ol class="patch-list" id="vdom-patches" aria-label="Patches in order" tabindex="0">{ for listed }</ol>
                    }
                    if total > MAX_LISTED {
                        <p class="note">{ format!("…and {} more.", grouped(total - MAX_LISTED)) }</p>
                    }
                    <h3>{ "render_html(after)" }</h3>
                    <pre class="html-out" id="vdom-html" tabindex="0" aria-label="render_html(after)">{ pair.after_html.clone() }</pre>
                </>
            }
        }
    };
    html! {
        <section class="card" aria-labelledby="vdom-output-title">
            <h3 id="vdom-output-title">{ "Patches: diff(before, after)" }</h3>
            { body }
        </section>
    }
}
