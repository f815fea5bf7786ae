//! One module per tab, named after it. `render` maps a route to its panel.

pub mod bench;
pub mod canvas;
pub mod compute;
pub mod image;
pub mod json;
pub mod module;
pub mod not_found;
pub mod overview;
pub mod signals;
pub mod state;
pub mod strings;
pub mod vdom;

use yew::prelude::*;

use super::Route;

pub fn render(route: Route) -> Html {
    match route {
        Route::Overview => html! { <overview::Overview /> },
        Route::Module => html! { <module::ModuleTab /> },
        Route::Compute => html! { <compute::ComputeTab /> },
        Route::Strings => html! { <strings::StringsTab /> },
        Route::State => html! { <state::StateTab /> },
        Route::Vdom => html! { <vdom::VdomTab /> },
        Route::Signals => html! { <signals::SignalsTab /> },
        Route::Json => html! { <json::JsonTab /> },
        Route::Canvas => html! { <canvas::CanvasTab /> },
        Route::Image => html! { <image::ImageTab /> },
        Route::Bench => html! { <bench::BenchTab /> },
        Route::NotFound => html! { <not_found::NotFound /> },
    }
}
