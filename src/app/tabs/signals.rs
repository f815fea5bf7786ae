//! The Signals tab. Not built yet: issue #6 builds it on the shared widgets.

use yew::prelude::*;

use crate::app::widgets::NotBuilt;

#[component]
pub fn SignalsTab() -> Html {
    html! {
        <NotBuilt title="Signals" issue={6}>
            { "A glitch-free fine-grained reactive graph — signals, memos and effects — driving a live spreadsheet." }
        </NotBuilt>
    }
}
