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
    // The route a click (on the tab bar or on any in-page link) just asked for: opening
    // it scrolls to the top. Back and forward do not click, so the browser is free to
    // restore where the person was on that page.
    let asked = use_mut_ref(|| None::<Route>);

    {
        let asked = asked.clone();
        use_effect_with(route, move |route| {
            if let Some(doc) = crate::web::dom::document() {
                let title = tab_for(*route).map(|t| t.title).unwrap_or("Not found");
                doc.set_title(&format!("{title} · wasm-playground"));
            }
            if asked.borrow_mut().take() == Some(*route) {
                crate::web::dom::scroll_to_top();
            }
            // On a phone the tab bar scrolls sideways: bring the selected tab into view.
            if let Some(tab) = tab_for(*route) {
                crate::web::dom::center_in_scroller(&format!("tab-{}", tab.id));
            }
        });
    }
    let on_link_click = {
        let asked = asked.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(href) = crate::web::dom::clicked_hash_link(&e) {
                *asked.borrow_mut() = Some(route_of_href(&href));
            }
        })
    };
    let on_pick = {
        let asked = asked.clone();
        Callback::from(move |picked: Route| *asked.borrow_mut() = Some(picked))
    };

    let skip = Callback::from(|_: MouseEvent| crate::web::dom::focus_by_id(PANEL_ID));
    let panel = html! { tabs::render(route) };
    // Each page's static CSS is scoped under this class (docs/CSS.md).
    let root_class = format!("tab-{}", current.map_or("not-found", |t| t.id));
    // One `main` landmark on every route; the tab panel lives inside it.
    html! {
        <div class="shell" onclick={on_link_click}>
            <button class="skip-link" onclick={skip}>{ "Skip to the tab's content" }</button>
            <header class="site-header">
                <div class="brand">
                    <h1><a href={href(Route::Overview)}>{ "wasm-playground" }</a></h1>
                    <p class="pitch">{ "Rust + WebAssembly ideas that run in your browser, show their source, and are measured against JavaScript." }</p>
                </div>
                <ThemeToggle />
            </header>
            <TabBar current={route} {on_pick} />
            <main>
                if let Some(tab) = current {
                    <div id={PANEL_ID} class={classes!("panel", root_class)} role="tabpanel" tabindex="-1"
                         aria-labelledby={format!("tab-{}", tab.id)}>
                        { panel }
                    </div>
                } else {
                    <div id={PANEL_ID} class={classes!("panel", root_class)} tabindex="-1">{ panel }</div>
                }
            </main>
            <footer class="site-footer">
                <p>{ "Every number on these pages was measured in this browser, just now. Source: the Rust that runs is shown on each tab." }</p>
            </footer>
        </div>
    }
}

/// The route an in-page link leads to (`#/compute?n=5` → Compute).
fn route_of_href(href: &str) -> Route {
    let path = href.trim_start_matches('#');
    let path = path.split(['?', '#']).next().unwrap_or("");
    Route::recognize(if path.is_empty() { "/" } else { path }).unwrap_or(Route::NotFound)
}

#[derive(Properties, PartialEq)]
pub struct TabBarProps {
    pub current: Route,
    /// Told which tab the person picked, by click or by key.
    #[prop_or_default]
    pub on_pick: Callback<Route>,
}

#[component]
pub fn TabBar(props: &TabBarProps) -> Html {
    let navigator = use_navigator();
    let selected = TABS.iter().position(|t| t.route == props.current);

    let go = {
        let navigator = navigator.clone();
        let on_pick = props.on_pick.clone();
        move |index: usize, focus: bool| {
            let Some(tab) = TABS.get(index) else { return };
            on_pick.emit(tab.route);
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
            let listener = theme::watch_system(move |now| system.set(now));
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
