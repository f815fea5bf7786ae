//! The Yew app: the shell (header, tab bar, router, theme) and one module per tab.
//! Components hold view state and wiring only; the work happens in `lab` and `web`.

pub mod hooks;
pub mod shell;
pub mod tabs;
pub mod widgets;

use yew::prelude::*;
use yew_router::prelude::*;

/// Every page has a hash route, so deep links and reloads work on a static host under
/// any sub-path (GitHub Pages serves only index.html for the directory).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Overview,
    #[at("/module")]
    Module,
    #[at("/compute")]
    Compute,
    #[at("/strings")]
    Strings,
    #[at("/state")]
    State,
    #[at("/vdom")]
    Vdom,
    #[at("/signals")]
    Signals,
    #[at("/json")]
    Json,
    #[at("/canvas")]
    Canvas,
    #[at("/image")]
    Image,
    #[at("/bench")]
    Bench,
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// One entry of the tab bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TabInfo {
    pub route: Route,
    /// Used in element ids (`tab-compute`) and in the hash (`#/compute`).
    pub id: &'static str,
    pub title: &'static str,
    /// One line for the overview's list of tabs.
    pub summary: &'static str,
}

pub const TABS: &[TabInfo] = &[
    TabInfo {
        route: Route::Overview,
        id: "overview",
        title: "Overview",
        summary: "What this lab is, what your browser supports, and how big the module is.",
    },
    TabInfo {
        route: Route::Module,
        id: "module",
        title: "Module",
        summary: "The .wasm itself: a first crate built, loaded and called, read byte by byte, and when WASM fits.",
    },
    TabInfo {
        route: Route::Compute,
        id: "compute",
        title: "Compute",
        summary: "Fibonacci three ways: exact big numbers, overflow, and complexity vs. language speed.",
    },
    TabInfo {
        route: Route::Strings,
        id: "strings",
        title: "Strings",
        summary: "UTF-8 meets UTF-16: the WHATWG e-mail rule and Intl-exact number grouping.",
    },
    TabInfo {
        route: Route::State,
        id: "state",
        title: "State",
        summary: "State that lives in WASM linear memory, persisted and safe on every input.",
    },
    TabInfo {
        route: Route::Vdom,
        id: "vdom",
        title: "Virtual DOM",
        summary: "A builder, spec-correct HTML and a minimal keyed diff, beside Yew's own.",
    },
    TabInfo {
        route: Route::Signals,
        id: "signals",
        title: "Signals",
        summary: "A glitch-free fine-grained reactive graph driving a live spreadsheet.",
    },
    TabInfo {
        route: Route::Json,
        id: "json",
        title: "JSON",
        summary: "A strict parser with exact error positions, and four ways across the boundary.",
    },
    TabInfo {
        route: Route::Canvas,
        id: "canvas",
        title: "Canvas",
        summary: "A drawing tool rendered by Canvas 2D calls and by a Rust rasterizer.",
    },
    TabInfo {
        route: Route::Image,
        id: "image",
        title: "Image",
        summary: "Filters on ImageData in place: earning speed with SIMD, measured against JS.",
    },
    TabInfo {
        route: Route::Bench,
        id: "bench",
        title: "Bench",
        summary: "Every WASM-vs-JavaScript claim in this lab, measured in one place.",
    },
];

pub fn tab_for(route: Route) -> Option<&'static TabInfo> {
    TABS.iter().find(|t| t.route == route)
}

/// The hash link of a route, relative to the page (works under any sub-path).
pub fn href(route: Route) -> String {
    format!("#{}", route.to_path())
}

#[component]
pub fn App() -> Html {
    // The Bench tab's suite is assembled in `web`, which cannot name Yew's benchmark side.
    tabs::vdom::add_bench_contenders();
    html! {
        <HashRouter>
            <shell::Shell />
        </HashRouter>
    }
}

/// Entry point of the binary: panic banner first, then mount into `#app`.
pub fn start() {
    crate::web::panic::install();
    let root = crate::web::dom::document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => crate::web::panic::show_banner(
            "index.html has no element with id \"app\" to mount into",
        ),
    }
}
