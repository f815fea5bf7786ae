//! The Bench tab. Not built yet: issue #10 builds it on the shared widgets.

use yew::prelude::*;

use crate::app::widgets::NotBuilt;

#[component]
pub fn BenchTab() -> Html {
    html! {
        <NotBuilt title="Bench" issue={10}>
            { "Every WASM-vs-JavaScript comparison in this lab, run in one place, with a table, a chart and an export." }
        </NotBuilt>
    }
}
