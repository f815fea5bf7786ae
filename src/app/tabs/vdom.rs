//! The Virtual DOM tab. Not built yet: issue #5 builds it on the shared widgets.

use yew::prelude::*;

use crate::app::widgets::NotBuilt;

#[component]
pub fn VdomTab() -> Html {
    html! {
        <NotBuilt title="Virtual DOM" issue={5}>
            { "A virtual DOM builder, spec-correct HTML serialization and a minimal keyed diff, patching the real DOM beside Yew's own renderer." }
        </NotBuilt>
    }
}
