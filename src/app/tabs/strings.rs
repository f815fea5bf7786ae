//! The Strings tab. Not built yet: issue #3 builds it on the shared widgets.

use yew::prelude::*;

use crate::app::widgets::NotBuilt;

#[component]
pub fn StringsTab() -> Html {
    html! {
        <NotBuilt title="Strings" issue={3}>
            { "Rust strings are UTF-8 and JavaScript strings are UTF-16, so every string that crosses the boundary is re-encoded. This tab will validate e-mail addresses exactly as the browser does and group numbers exactly as Intl.NumberFormat does." }
        </NotBuilt>
    }
}
