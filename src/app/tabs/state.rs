//! The State tab. Not built yet: issue #4 builds it on the shared widgets.

use yew::prelude::*;

use crate::app::widgets::NotBuilt;

#[component]
pub fn StateTab() -> Html {
    html! {
        <NotBuilt title="State" issue={4}>
            { "State that lives in WASM linear memory, reached only through exported functions, persisted to localStorage and safe on every input." }
        </NotBuilt>
    }
}
