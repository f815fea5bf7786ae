//! Light and dark theme. The page follows `prefers-color-scheme` until the person picks
//! a theme; the pick is remembered. CSS reads `data-theme` on <html>; index.html applies
//! the stored pick before the first paint so there is no flash of the wrong theme.

use super::storage;

pub const STORAGE_KEY: &str = "wasm-playground:theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn toggled(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// The remembered pick, if any (unreadable storage counts as no pick).
pub fn stored() -> Option<Theme> {
    storage::get(STORAGE_KEY)
        .ok()
        .flatten()
        .as_deref()
        .and_then(Theme::parse)
}

/// What the operating system / browser prefers.
pub fn system() -> Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    if dark { Theme::Dark } else { Theme::Light }
}

/// Applies a pick (or the system preference for `None`) to the page and remembers it.
/// Returns the storage error, if saving failed; the theme is applied either way.
pub fn apply(pick: Option<Theme>) -> Result<(), storage::StorageError> {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match pick {
            Some(theme) => root.set_attribute("data-theme", theme.as_str()),
            None => root.remove_attribute("data-theme"),
        };
    }
    match pick {
        Some(theme) => storage::set(STORAGE_KEY, theme.as_str()),
        None => storage::remove(STORAGE_KEY),
    }
}

/// Calls `changed` whenever the system preference flips; stops when the returned
/// listener is dropped (`None` when the browser cannot report it).
pub fn watch_system(changed: impl Fn(Theme) + 'static) -> Option<gloo::events::EventListener> {
    let query = web_sys::window()?
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()?;
    Some(gloo::events::EventListener::new(
        &query,
        "change",
        move |_| changed(system()),
    ))
}
