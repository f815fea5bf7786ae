//! The Compute tab. Not built yet: issue #3 builds it on the shared widgets.

use yew::prelude::*;

use crate::app::widgets::NotBuilt;

#[component]
pub fn ComputeTab() -> Html {
    html! {
        <NotBuilt title="Compute" issue={3}>
            { "Fibonacci three ways — exact big integers by fast doubling, u64 overflow made visible, and the difference between algorithmic complexity and language speed." }
        </NotBuilt>
    }
}
