//! The app's pages and the steps that page-level checks share: open a page in a theme,
//! wait until the app shows it, open every `<details>`.

use std::time::Duration;

use serde_json::json;

use crate::webdriver::{Browser, Result};

/// Every page of the app by the id its panel is named after (`tab-<id>`): the tabs in
/// tab-bar order, then the page for unknown routes.
pub const PAGES: &[&str] = &[
    "overview",
    "module",
    "compute",
    "strings",
    "state",
    "vdom",
    "signals",
    "json",
    "canvas",
    "image",
    "bench",
    "not-found",
];

pub const WAIT: Duration = Duration::from_secs(30);

/// The hash route of a page (`#/` for the overview, an unknown route for not-found).
pub fn hash_of(id: &str) -> String {
    match id {
        "overview" => "#/".into(),
        "not-found" => "#/no-such-page".into(),
        _ => format!("#/{id}"),
    }
}

/// Loads `url` (a page of the app, or the phone frame when `in_frame`), with the theme
/// `theme` ("light" or "dark") remembered in storage, and waits until the page `id`
/// is mounted without an error banner.
pub fn open(b: &Browser, url: &str, id: &str, theme: &str, in_frame: bool) -> Result<()> {
    let enter = |b: &Browser| -> Result<()> {
        if in_frame {
            b.leave_frames()?;
            b.wait_for(
                "the phone frame",
                "const f = document.getElementById('phone'); return f && f.contentDocument && f.contentDocument.readyState === 'complete';",
                WAIT,
            )?;
            b.enter_frame(0)?;
        }
        Ok(())
    };
    b.leave_frames()?;
    b.goto(url)?;
    enter(b)?;
    let stored = b.exec(
        "return localStorage.getItem('wasm-playground:theme')",
        vec![],
    )?;
    if stored != json!(theme) {
        b.exec(
            "localStorage.setItem('wasm-playground:theme', arguments[0]);",
            vec![json!(theme)],
        )?;
        b.leave_frames()?;
        b.refresh()?;
        enter(b)?;
    }
    b.wait_for(
        &format!("the {id} page"),
        &format!("return !!document.querySelector('#tab-panel.tab-{id}') && document.documentElement.dataset.theme === '{theme}';"),
        WAIT,
    )?;
    if b.error_banner_shown()? {
        return Err(format!("{id}: an error banner is showing"));
    }
    Ok(())
}

/// Opens every `<details>` on the page and waits until every "Show the Rust" in them
/// has its source (or its failure message).
pub fn open_every_details(b: &Browser) -> Result<()> {
    b.exec(
        "document.querySelectorAll('details').forEach(d => { d.open = true; });",
        vec![],
    )?;
    b.wait_for(
        "every opened source",
        "return [...document.querySelectorAll('details.source-view')].every(d => d.querySelector('pre, .source-error'));",
        WAIT,
    )?;
    Ok(())
}
