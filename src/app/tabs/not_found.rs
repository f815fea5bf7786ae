//! Shown for any hash route that is not a tab.

use yew::prelude::*;

use crate::app::{TABS, href};

#[component]
pub fn NotFound() -> Html {
    let asked = crate::web::dom::document()
        .and_then(|d| d.location())
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    html! {
        <section class="not-found" aria-labelledby="not-found-title">
            <h2 id="not-found-title">{ "No such page" }</h2>
            <p>{ "There is no tab at " }<code>{ asked }</code>{ ". These are the tabs:" }</p>
            <ul class="tab-links">
                { for TABS.iter().map(|t| html! {
                    <li><a href={href(t.route)}>{ t.title }</a>{ " — " }{ t.summary }</li>
                }) }
            </ul>
        </section>
    }
}
