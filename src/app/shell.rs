//! The frame around every tab: header, theme toggle, the tab bar (WAI-ARIA tabs
//! pattern with roving tabindex and automatic activation) and the panel.

use yew::prelude::*;
use yew_router::prelude::*;

use super::tabs;
use super::{Route, TABS, href, tab_for};
use crate::web::theme::{self, Theme};

pub const PANEL_ID: &str = "tab-panel";

#[component]
pub fn Shell() -> Html {
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let current = tab_for(route);

    // A new tab starts at the top, and its title becomes the document title.
    use_effect_with(route, move |route| {
        if let Some(doc) = crate::web::dom::document() {
            let title = tab_for(*route).map(|t| t.title).unwrap_or("Not found");
            doc.set_title(&format!("{title} · wasm-playground"));
        }
        // On a phone the tab bar scrolls sideways: bring the selected tab into view.
        if let Some(tab) = tab_for(*route) {
            scroll_tab_into_view(tab.id);
        }
    });

    let skip = Callback::from(|_: MouseEvent| crate::web::dom::focus_by_id(PANEL_ID));
    let panel = html! { tabs::render(route) };
    html! {
        <div class="shell">
            <button class="skip-link" onclick={skip}>{ "Skip to the tab's content" }</button>
            <header class="site-header">
                <div class="brand">
                    <h1><a href={href(Route::Overview)}>{ "wasm-playground" }</a></h1>
                    <p class="pitch">{ "Rust + WebAssembly ideas that run in your browser, show their source, and are measured against JavaScript." }</p>
                </div>
                <ThemeToggle />
            </header>
            <TabBar current={route} />
            if let Some(tab) = current {
                <main id={PANEL_ID} class="panel" role="tabpanel" tabindex="-1"
                      aria-labelledby={format!("tab-{}", tab.id)}>
                    { panel }
                </main>
            } else {
                <main id={PANEL_ID} class="panel" tabindex="-1">{ panel }</main>
            }
            <footer class="site-footer">
                <p>{ "Every number on these pages was measured in this browser, just now. Source: the Rust that runs is shown on each tab." }</p>
            </footer>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TabBarProps {
    pub current: Route,
}

#[component]
pub fn TabBar(props: &TabBarProps) -> Html {
    let navigator = use_navigator();
    let selected = TABS.iter().position(|t| t.route == props.current);

    let go = {
        let navigator = navigator.clone();
        move |index: usize, focus: bool| {
            let Some(tab) = TABS.get(index) else { return };
            if let Some(nav) = &navigator {
                nav.push(&tab.route);
            }
            if focus {
                crate::web::dom::focus_by_id(&format!("tab-{}", tab.id));
            }
        }
    };

    let onkeydown = {
        let go = go.clone();
        Callback::from(move |e: KeyboardEvent| {
            // The key moves from the focused tab, which is the selected one except on
            // the not-found page where no tab is selected.
            let from = selected.unwrap_or(0);
            let n = TABS.len();
            let to = match e.key().as_str() {
                "ArrowRight" => (from + 1) % n,
                "ArrowLeft" => (from + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            go(to, true);
        })
    };

    html! {
        <nav class="tabs-wrap" aria-label="Tabs">
            <div class="tabs" role="tablist" aria-label="Lab topics" {onkeydown}>
                { for TABS.iter().enumerate().map(|(i, tab)| {
                    let is_selected = Some(i) == selected;
                    // Roving tabindex: exactly one tab is in the Tab order.
                    let tabindex = if is_selected || (selected.is_none() && i == 0) { "0" } else { "-1" };
                    let onclick = {
                        let go = go.clone();
                        Callback::from(move |e: MouseEvent| {
                            // Let the browser open a new tab/window for modified clicks.
                            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                                return;
                            }
                            e.prevent_default();
                            go(i, false);
                        })
                    };
                    html! {
                        <a id={format!("tab-{}", tab.id)} class="tab" role="tab"
                           href={href(tab.route)}
                           aria-selected={if is_selected { "true" } else { "false" }}
                           aria-controls={PANEL_ID}
                           {tabindex} {onclick}>
                            { tab.title }
                        </a>
                    }
                }) }
            </div>
        </nav>
    }
}

/// Flips between light and dark; the pick overrides the system preference and is
/// remembered. "Auto" hands the choice back to the system.
#[component]
pub fn ThemeToggle() -> Html {
    let pick = use_state(theme::stored);
    let system = use_state(theme::system);
    let error = use_state(|| None::<String>);

    // Follow the system preference live while no pick overrides it.
    {
        let system = system.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .map(|mql| {
                    gloo::events::EventListener::new(&mql, "change", move |_| {
                        system.set(theme::system())
                    })
                });
            move || drop(listener)
        });
    }

    let effective = (*pick).unwrap_or(*system);
    let set_pick = {
        let pick = pick.clone();
        let error = error.clone();
        move |next: Option<Theme>| {
            error.set(theme::apply(next).err().map(|e| e.to_string()));
            pick.set(next);
        }
    };
    let toggle = {
        let set_pick = set_pick.clone();
        Callback::from(move |_: MouseEvent| set_pick(Some(effective.toggled())))
    };
    let auto = Callback::from(move |_: MouseEvent| set_pick(None));
    // A toggle button keeps one label; its pressed state says whether dark is on.
    html! {
        <div class="theme-toggle">
            <button id="theme-toggle" class="button" onclick={toggle}
                    aria-pressed={if effective == Theme::Dark { "true" } else { "false" }}
                    title="Switch between light and dark">
                <span aria-hidden="true">{ "☾" }</span>{ " Dark theme" }
            </button>
            if pick.is_some() {
                <button id="theme-auto" class="button subtle" onclick={auto}
                        title="Follow the system's light/dark setting">{ "Auto" }</button>
            }
            if let Some(message) = &*error {
                <p class="field-error" role="alert">{ message }</p>
            }
        </div>
    }
}

/// Centres the tab in the scrolling tab bar (a no-op when everything fits).
fn scroll_tab_into_view(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = crate::web::dom::document() else {
        return;
    };
    let Some(tab) = doc
        .get_element_by_id(&format!("tab-{id}"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let Some(bar) = tab
        .parent_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if bar.scroll_width() <= bar.client_width() {
        return;
    }
    let left = tab.offset_left() - bar.offset_left();
    bar.set_scroll_left(left - (bar.client_width() - tab.offset_width()) / 2);
}
