use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::app::TABS;
use wasm_playground::web::theme;

use crate::support::*;

#[wasm_bindgen_test]
async fn every_route_shows_its_panel_with_the_tab_selected() {
    for tab in TABS {
        let app = Mounted::at(&format!(
            "#/{}",
            if tab.id == "overview" { "" } else { tab.id }
        ))
        .await;
        let selected = app.get("[role=tab][aria-selected=true]");
        assert_eq!(selected.id(), format!("tab-{}", tab.id));
        let panel = app.get("[role=tabpanel]");
        assert_eq!(
            panel.get_attribute("aria-labelledby").unwrap(),
            format!("tab-{}", tab.id)
        );
        assert_eq!(selected.get_attribute("aria-controls").unwrap(), panel.id());
        assert_eq!(selected.get_attribute("tabindex").unwrap(), "0");
        let others = app
            .root
            .query_selector_all("[role=tab][tabindex='0']")
            .unwrap();
        assert_eq!(
            others.length(),
            1,
            "roving tabindex: exactly one tab is tabbable"
        );
        assert!(
            app.text().contains(tab.title),
            "{} panel names its tab",
            tab.id
        );
    }
}

#[wasm_bindgen_test]
async fn clicking_a_tab_changes_route_and_panel() {
    let app = Mounted::at("#/").await;
    app.get("#tab-json").click();
    settle().await;
    assert_eq!(hash(), "#/json");
    assert_eq!(app.get("[role=tab][aria-selected=true]").id(), "tab-json");
    assert_eq!(
        app.get("[role=tabpanel]")
            .get_attribute("aria-labelledby")
            .unwrap(),
        "tab-json"
    );
}

#[wasm_bindgen_test]
async fn arrow_keys_home_and_end_move_focus_and_wrap() {
    let app = Mounted::at("#/").await;
    let first = app.get("#tab-overview");
    first.focus().unwrap();
    key_down(&first, "ArrowRight");
    settle().await;
    assert_eq!(active_id(), "tab-module");
    assert_eq!(hash(), "#/module");

    key_down(&app.get("#tab-module"), "End");
    settle().await;
    assert_eq!(active_id(), "tab-bench");

    key_down(&app.get("#tab-bench"), "ArrowRight");
    settle().await;
    assert_eq!(
        active_id(),
        "tab-overview",
        "Right on the last tab wraps to the first"
    );

    key_down(&app.get("#tab-overview"), "ArrowLeft");
    settle().await;
    assert_eq!(
        active_id(),
        "tab-bench",
        "Left on the first tab wraps to the last"
    );

    key_down(&app.get("#tab-bench"), "Home");
    settle().await;
    assert_eq!(active_id(), "tab-overview");
    assert_eq!(hash(), "#/");
}

#[wasm_bindgen_test]
async fn unknown_route_shows_not_found_with_links() {
    let app = Mounted::at("#/no-such-tab").await;
    assert!(app.text().contains("No such page"));
    assert!(app.query("[role=tab][aria-selected=true]").is_none());
    let links = app.root.query_selector_all(".tab-links a").unwrap();
    assert_eq!(links.length() as usize, TABS.len());
}

#[wasm_bindgen_test]
async fn theme_toggle_applies_and_persists() {
    let _ = theme::apply(None);
    let html = document().document_element().unwrap();
    let app = Mounted::at("#/").await;
    let toggle = app.get("#theme-toggle");
    let was_dark = toggle.get_attribute("aria-pressed").unwrap() == "true";
    toggle.click();
    settle().await;
    let want = if was_dark { "light" } else { "dark" };
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some(want));
    assert_eq!(
        wasm_playground::web::storage::get(theme::STORAGE_KEY)
            .unwrap()
            .as_deref(),
        Some(want)
    );
    drop(app);

    // A new mount (a reload) starts from the remembered pick.
    let app = Mounted::at("#/").await;
    let pressed = app
        .get("#theme-toggle")
        .get_attribute("aria-pressed")
        .unwrap();
    assert_eq!(pressed == "true", want == "dark");

    // "Auto" hands the choice back to the system and forgets the pick.
    app.get("#theme-auto").click();
    settle().await;
    assert_eq!(html.get_attribute("data-theme"), None);
    assert_eq!(
        wasm_playground::web::storage::get(theme::STORAGE_KEY).unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn tabs_not_built_say_so() {
    // Every tab still on the placeholder says so and names its issue; a built tab (the
    // Canvas tab, which this test used to visit) shows no placeholder.
    for tab in TABS {
        let app = Mounted::at(&format!("#/{}", tab.id)).await;
        if app.query(".not-built").is_some() {
            assert!(app.text().contains("Not built yet"), "{}", tab.id);
            assert!(app.text().contains("issue #"), "{}", tab.id);
        }
    }
    let app = Mounted::at("#/canvas").await;
    assert!(!app.text().contains("Not built yet"));
}

#[wasm_bindgen_test]
async fn every_route_has_one_main_landmark_around_its_panel() {
    for hash in ["#/", "#/compute", "#/no-such-tab"] {
        let app = Mounted::at(hash).await;
        let mains = app.root.query_selector_all("main, [role=main]").unwrap();
        assert_eq!(mains.length(), 1, "{hash}: one main landmark");
        assert!(
            app.query("main > #tab-panel").is_some(),
            "{hash}: the panel is inside main"
        );
    }
}

#[wasm_bindgen_test]
async fn the_overview_says_which_tutorial_the_lessons_answer() {
    let app = Mounted::at("#/").await;
    let note = app.get("#tutorial-note");
    let text = note.text_content().unwrap_or_default();
    assert!(text.contains("the tutorial’s version"), "{text}");
    match wasm_playground::app::tabs::overview::TUTORIAL {
        Some((title, link)) => {
            assert!(text.contains(title));
            let a = note.query_selector("a").unwrap().unwrap();
            assert_eq!(a.get_attribute("href").as_deref(), Some(link));
        }
        None => {
            assert!(
                text.contains("a naive signal") && text.contains("Rust WASM binaries are tiny")
            );
            assert!(note.query_selector("a").unwrap().is_none());
        }
    }
}
