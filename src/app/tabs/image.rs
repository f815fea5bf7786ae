//! The Image tab. Not built yet: issue #9 builds it on the shared widgets.

use yew::prelude::*;

use crate::app::widgets::NotBuilt;

#[component]
pub fn ImageTab() -> Html {
    html! {
        <NotBuilt title="Image" issue={9}>
            { "Image filters on canvas ImageData, in place in WASM memory, made faster than JavaScript for real and measured." }
        </NotBuilt>
    }
}
