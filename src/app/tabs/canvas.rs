//! The Canvas tab. Not built yet: issue #8 builds it on the shared widgets.

use yew::prelude::*;

use crate::app::widgets::NotBuilt;

#[component]
pub fn CanvasTab() -> Html {
    html! {
        <NotBuilt title="Canvas" issue={8}>
            { "A drawing tool that records DrawCommands, rendered by Canvas 2D calls and by a Rust rasterizer into ImageData." }
        </NotBuilt>
    }
}
