//! The JSON tab. Not built yet: issue #7 builds it on the shared widgets.

use yew::prelude::*;

use crate::app::widgets::NotBuilt;

#[component]
pub fn JsonTab() -> Html {
    html! {
        <NotBuilt title="JSON" issue={7}>
            { "A strict JSON parser with exact error positions, JSON.stringify-exact output, and four ways to take a document across the boundary." }
        </NotBuilt>
    }
}
