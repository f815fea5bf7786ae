//! The State tab in Firefox: persistence through localStorage across a remount, damaged
//! storage, file import, and the counter, items and scores driven through the UI.

use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::web::state::{self as module, STORAGE_KEY, UNREADABLE_KEY};
use wasm_playground::web::storage;
use web_sys::HtmlElement;

use crate::support::*;

/// Empty storage and empty module memory: the state of a first visit.
fn fresh_visit() {
    storage::remove(STORAGE_KEY).unwrap();
    storage::remove(UNREADABLE_KEY).unwrap();
    module::forget_memory();
}

async fn add_item(app: &Mounted, text: &str) {
    type_into(app, "#state-item-input", text);
    settle().await;
    app.get("#state-item-add").click();
    settle().await;
}

async fn set_score(app: &Mounted, name: &str, score: &str) {
    type_into(app, "#state-score-name", name);
    type_into(app, "#state-score-value", score);
    settle().await;
    app.get("#state-score-set").click();
    settle().await;
}

fn item_texts(app: &Mounted) -> Vec<String> {
    let list = app.root.query_selector_all(".item-text").unwrap();
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn state_survives_a_remount_through_local_storage() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    assert!(app.text().contains("State"));
    assert!(
        app.query("#state-restored").is_none(),
        "nothing to restore yet"
    );
    add_item(&app, "milk").await;
    add_item(&app, "  eggs  ").await;
    app.get("#state-inc").click();
    settle().await;
    set_score(&app, "ann", "9.5").await;
    assert_eq!(item_texts(&app), ["milk", "eggs"], "items are trimmed");
    drop(app);

    // What a reload does: the module's memory is gone, storage stays.
    module::forget_memory();
    assert_eq!(module::state_item_count(), 0);
    let saved = storage::get(STORAGE_KEY)
        .unwrap()
        .expect("the state was saved");
    assert!(saved.contains("milk"), "{saved}");

    let app = Mounted::at("#/state").await;
    assert_eq!(item_texts(&app), ["milk", "eggs"]);
    assert_eq!(text_of(&app, "#state-counter"), "1");
    assert!(text_of(&app, "#state-score-table").contains("ann"));
    let restored = text_of(&app, "#state-restored");
    assert!(restored.contains("2 items"), "{restored}");
    assert!(restored.contains("1 score"), "{restored}");
}

#[wasm_bindgen_test]
async fn corrupt_storage_gives_a_message_is_kept_and_the_app_still_works() {
    fresh_visit();
    let damaged = r#"{"version":1,"counter":"three","items":[],"scores":[]}"#;
    storage::set(STORAGE_KEY, damaged).unwrap();
    let app = Mounted::at("#/state").await;
    let notice = text_of(&app, "#state-unreadable");
    assert!(notice.contains("could not be read"), "{notice}");
    assert!(notice.contains("damaged"), "the reason is shown: {notice}");
    assert!(notice.contains(UNREADABLE_KEY), "{notice}");
    // Nothing lost: the text was copied before anything could overwrite it.
    assert_eq!(
        storage::get(UNREADABLE_KEY).unwrap().as_deref(),
        Some(damaged)
    );

    // The app works with memory and saves again.
    add_item(&app, "still works").await;
    assert_eq!(item_texts(&app), ["still works"]);
    let saved = storage::get(STORAGE_KEY).unwrap().unwrap();
    assert!(saved.contains("still works"), "{saved}");
    assert_eq!(
        storage::get(UNREADABLE_KEY).unwrap().as_deref(),
        Some(damaged)
    );
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn foreign_data_with_a_full_backup_slot_pauses_saving_until_discarded() {
    fresh_visit();
    storage::set(UNREADABLE_KEY, "an older unreadable text").unwrap();
    storage::set(STORAGE_KEY, "[1, 2, 3]").unwrap();
    let app = Mounted::at("#/state").await;
    let notice = text_of(&app, "#state-unreadable");
    assert!(notice.contains("not a saved state"), "{notice}");
    assert!(notice.contains("Saving is paused"), "{notice}");

    add_item(&app, "in memory").await;
    assert_eq!(item_texts(&app), ["in memory"]);
    assert_eq!(
        storage::get(STORAGE_KEY).unwrap().as_deref(),
        Some("[1, 2, 3]"),
        "the foreign text is not overwritten silently"
    );
    assert!(text_of(&app, "#state-save-status").contains("Not saving"));

    app.get("#state-unreadable-discard").click();
    settle().await;
    assert!(app.query("#state-unreadable").is_none());
    let saved = storage::get(STORAGE_KEY).unwrap().unwrap();
    assert!(saved.contains("in memory"), "{saved}");
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn importing_a_bad_file_is_refused_and_keeps_the_state() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    add_item(&app, "keep me").await;
    set_score(&app, "bo", "3").await;

    pick_file(
        &app,
        "#state-import",
        "broken.json",
        "application/json",
        r#"{"version":1,"counter":2,"items":["a"#,
    );
    wait_until("the import error", || {
        !text_of(&app, "#state-import-error").is_empty()
    })
    .await;
    let error = text_of(&app, "#state-import-error");
    assert!(error.contains("broken.json"), "{error}");
    assert!(error.contains("refused"), "{error}");
    assert!(error.contains("not valid JSON"), "{error}");
    assert_eq!(
        app.get("#state-import")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(item_texts(&app), ["keep me"]);
    assert!(text_of(&app, "#state-score-table").contains("bo"));

    pick_file(
        &app,
        "#state-import",
        "scores.json",
        "application/json",
        r#"{"version":1,"counter":0,"items":[],"scores":[{"name":"x","score":null}]}"#,
    );
    wait_until("the second import error", || {
        text_of(&app, "#state-import-error").contains("scores.json")
    })
    .await;
    assert_eq!(item_texts(&app), ["keep me"]);

    // A good file replaces the state, and the error goes away.
    let good = r#"{"version":1,"counter":7,"items":["from file"],"scores":[]}"#;
    pick_file(&app, "#state-import", "good.json", "application/json", good);
    wait_until("the import", || app.query("#state-import-ok").is_some()).await;
    assert_eq!(item_texts(&app), ["from file"]);
    assert_eq!(text_of(&app, "#state-counter"), "7");
    assert!(text_of(&app, "#state-import-error").is_empty());
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn items_are_added_removed_and_moved_through_the_ui() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    add_item(&app, "   ").await;
    assert!(text_of(&app, "#state-item-error").contains("must not be empty"));
    assert_eq!(
        app.get("#state-item-input")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    for item in ["a", "b", "c", "d"] {
        add_item(&app, item).await;
    }
    assert!(text_of(&app, "#state-item-error").is_empty());
    assert_eq!(item_texts(&app), ["a", "b", "c", "d"]);

    // Delete on a focused row removes it, and focus stays in the list.
    let row: HtmlElement = app.get("#state-item-1");
    row.focus().unwrap();
    key_down(&row, "Delete");
    settle().await;
    assert_eq!(item_texts(&app), ["a", "c", "d"]);
    assert_eq!(active_id(), "state-item-1");

    app.get("#state-item-remove-0").click();
    settle().await;
    assert_eq!(item_texts(&app), ["c", "d"]);

    app.get("#state-item-down-0").click();
    settle().await;
    assert_eq!(item_texts(&app), ["d", "c"]);
    let row: HtmlElement = app.get("#state-item-1");
    row.focus().unwrap();
    key_down_with(&row, "ArrowUp", &[Modifier::Alt]);
    settle().await;
    assert_eq!(item_texts(&app), ["c", "d"]);

    let log = text_of(&app, "#state-call-log");
    assert!(
        log.contains("wasm.state_move_item(1, 0) → undefined"),
        "{log}"
    );
    assert!(log.contains("wasm.state_remove_item(0) → \"a\""), "{log}");
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn scores_refuse_nan_infinity_and_blank_names_next_to_the_inputs() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    set_score(&app, "ann", "NaN").await;
    assert!(text_of(&app, "#state-score-value-error").contains("finite number, got NaN"));
    assert!(text_of(&app, "#state-score-name-error").is_empty());
    set_score(&app, "ann", "-inf").await;
    assert!(text_of(&app, "#state-score-value-error").contains("-infinity"));
    set_score(&app, "ann", "abc").await;
    assert!(text_of(&app, "#state-score-value-error").contains("not a number"));
    set_score(&app, "  ", "5").await;
    assert!(text_of(&app, "#state-score-name-error").contains("must not be empty"));
    assert!(
        app.query("#state-score-table").is_none(),
        "nothing was added"
    );

    set_score(&app, "bo", "5").await;
    set_score(&app, "ann", "5").await;
    set_score(&app, "cy", "9").await;
    assert!(text_of(&app, "#state-score-name-error").is_empty());
    let names = || {
        let cells = app.root.query_selector_all(".score-name").unwrap();
        (0..cells.length())
            .filter_map(|i| cells.get(i))
            .map(|n| n.text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(), ["cy", "ann", "bo"], "ranked, ties by name");
    app.get("#state-sort-name").click();
    settle().await;
    assert_eq!(names(), ["ann", "bo", "cy"]);
    app.get("#state-sort-name").click();
    settle().await;
    assert_eq!(names(), ["cy", "bo", "ann"]);

    // The top-N slider.
    type_into(&app, "#state-top-n", "1");
    settle().await;
    assert_eq!(names(), ["cy"]);
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn counter_saturates_and_the_call_log_shows_it() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    app.get("#state-jump-max").click();
    settle().await;
    for _ in 0..3 {
        app.get("#state-inc").click();
        settle().await;
    }
    assert_eq!(text_of(&app, "#state-counter"), "2147483647");
    assert!(app.query("#state-counter-saturated").is_some());
    let note = text_of(&app, "#state-counter-saturated").to_lowercase();
    assert!(note.contains("the tutorial's version"), "{note}");
    assert!(!note.contains("seed"), "{note}");
    assert!(
        note.contains("wrap to −2,147,483,648"),
        "the lesson stays: {note}"
    );
    let log = text_of(&app, "#state-call-log");
    assert!(log.contains("wasm.state_increment() → 2147483647"), "{log}");
    assert!(log.contains("wasm.state_set_counter(2147483645)"), "{log}");
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn reset_asks_in_the_page_first() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    add_item(&app, "x").await;
    app.get("#state-reset").click();
    settle().await;
    assert_eq!(active_id(), "state-reset-cancel");
    app.get("#state-reset-cancel").click();
    settle().await;
    assert_eq!(item_texts(&app), ["x"], "cancel keeps everything");
    assert_eq!(active_id(), "state-reset", "the focus goes back to Reset");
    app.get("#state-reset").click();
    settle().await;
    key_down(&app.get("#state-reset-cancel"), "Escape");
    settle().await;
    assert!(app.query("#state-reset-confirm").is_none(), "Escape closes");
    assert_eq!(active_id(), "state-reset", "and gives the focus back");
    app.get("#state-reset").click();
    settle().await;
    app.get("#state-reset-yes").click();
    settle().await;
    assert!(item_texts(&app).is_empty());
    let saved = storage::get(STORAGE_KEY).unwrap().unwrap();
    assert!(!saved.contains("\"x\""), "the reset is saved too: {saved}");
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn bulk_add_shows_a_window_and_js_reads_an_item_out_of_memory() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    add_item(&app, "héllo").await;
    type_into(&app, "#state-read-index", "1");
    settle().await;
    app.get("#state-read").click();
    settle().await;
    assert_eq!(text_of(&app, "#state-readout-text"), "\"héllo\"");
    assert!(
        text_of(&app, "#state-readout").contains("6 bytes"),
        "é is two bytes"
    );

    app.get("#state-bulk").click();
    wait_until("100,000 items", || module::state_item_count() == 100_001).await;
    settle().await;
    let count = text_of(&app, "#state-item-count");
    assert!(count.contains("of 100,001"), "{count}");
    let rows = app.root.query_selector_all(".item-row").unwrap().length();
    assert!(
        rows <= 12,
        "a window of rows, not one node per item ({rows})"
    );
    assert_eq!(
        item_texts(&app).last().map(String::as_str),
        Some("Item 100001")
    );

    // The read-out's view was made before memory grew: detached now. Whether adding
    // 100,000 items grows memory depends on what earlier tests in this module freed, so
    // grow it explicitly too (as any allocation may), then let the tab re-render.
    {
        use wasm_bindgen::JsCast;
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        memory.grow(1);
        fire(&app.get("#state-read-index"), "input");
        settle().await;
    }
    let status = text_of(&app, "#state-view-status");
    assert!(status.contains("detached"), "{status}");
    app.get("#state-read").click();
    settle().await;
    assert_eq!(text_of(&app, "#state-readout-text"), "\"héllo\"");
    module::flush();
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn a_quota_error_is_shown_and_the_last_good_save_and_memory_are_kept() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    add_item(&app, "small").await;
    let before = storage::get(STORAGE_KEY).unwrap().unwrap();

    // About 10 MB of JSON: more than Firefox lets one origin keep in localStorage.
    let big_prefix = "x".repeat(1_000);
    module::state_add_many(&big_prefix, 10_000).unwrap();
    module::flush();
    settle().await;
    let status = text_of(&app, "#state-save-status");
    assert!(status.contains("Not saved"), "{status}");
    assert!(status.contains("still here in memory"), "{status}");
    assert_eq!(
        storage::get(STORAGE_KEY).unwrap().as_deref(),
        Some(before.as_str()),
        "the last good save is untouched"
    );
    assert_eq!(
        module::state_item_count(),
        10_001,
        "memory keeps everything"
    );
    assert!(text_of(&app, "#state-item-count").contains("of 10,001"));

    // Removing the big items makes saving work again.
    module::state_reset();
    settle().await;
    assert!(text_of(&app, "#state-save-status").contains("Saved"));
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn the_score_view_is_in_the_url() {
    fresh_visit();
    for (name, score) in [("ann", 1.0), ("bo", 2.0), ("cy", 3.0)] {
        module::state_set_score(name.into(), score).unwrap();
    }
    let app = Mounted::at("#/state?top=2&sort=name-desc").await;
    let names = app.root.query_selector_all(".score-name").unwrap();
    let names: Vec<String> = (0..names.length())
        .filter_map(|i| names.get(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        ["cy", "bo"],
        "top 2 by rank, shown by name descending"
    );

    app.get("#state-sort-score").click();
    settle().await;
    assert!(hash().contains("sort=score-desc"), "{}", hash());
    assert!(hash().contains("top=2"), "{}", hash());
    drop(app);

    // A hand-edited query is ignored, not an error.
    let app = Mounted::at("#/state?top=lots&sort=sideways").await;
    assert!(text_of(&app, "#state-score-table").contains("ann"));
    drop(app);
    fresh_visit();
}

fn storage_event_from_another_tab(new_value: Option<&str>) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(STORAGE_KEY));
    init.set_new_value(new_value);
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn a_save_from_another_tab_is_announced_not_overwritten_silently() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    add_item(&app, "mine").await;
    let theirs = r#"{"version":1,"counter":4,"items":["theirs","too"],"scores":[]}"#;
    storage_event_from_another_tab(Some(theirs));
    settle().await;
    let banner = text_of(&app, "#state-other-tab");
    assert!(banner.contains("2 items"), "{banner}");
    assert_eq!(
        item_texts(&app),
        ["mine"],
        "nothing changes until the person picks"
    );

    app.get("#state-other-load").click();
    settle().await;
    assert!(app.query("#state-other-tab").is_none());
    assert_eq!(item_texts(&app), ["theirs", "too"]);
    assert_eq!(text_of(&app, "#state-counter"), "4");

    storage_event_from_another_tab(None);
    settle().await;
    assert!(text_of(&app, "#state-other-tab").contains("removed"));
    app.get("#state-other-keep").click();
    settle().await;
    assert!(app.query("#state-other-tab").is_none());
    let saved = storage::get(STORAGE_KEY).unwrap().unwrap();
    assert!(
        saved.contains("theirs"),
        "this tab's state was saved again: {saved}"
    );
    drop(app);
    fresh_visit();
}

// ---- first impressions: wording, numbers, keyboard -------------------------------------

fn card_text(app: &Mounted, title_id: &str) -> String {
    text_of(app, &format!("[aria-labelledby={title_id}]"))
}

#[wasm_bindgen_test]
async fn the_bulk_add_says_how_it_will_add_and_then_what_it_did() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    let before = text_of(&app, "#state-bulk-note");
    assert!(before.contains("10,000 at a time"), "{before}");
    assert!(!before.contains("Added"), "nothing was added yet: {before}");

    let button = app.get("#state-bulk");
    button.focus().unwrap();
    button.click();
    settle().await;
    assert_eq!(
        active_id(),
        "state-bulk",
        "the keyboard stays on the button while it runs"
    );
    let after = wait_for_text(&app, "#state-bulk-note", |t| t.contains("Added")).await;
    assert!(after.contains("Added 100,000 items in 10 calls"), "{after}");
    assert_eq!(module::state_item_count(), 100_000);
    module::flush();
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn a_bulk_add_that_does_not_fit_says_so_with_grouped_numbers() {
    fresh_visit();
    module::state_add_many("x", 950_000).unwrap();
    let app = Mounted::at("#/state").await;
    app.get("#state-bulk").click();
    settle().await;
    let error = text_of(&app, "#state-list-error");
    assert!(error.contains("room for 50,000 more"), "{error}");
    assert!(error.contains("1,000,000"), "{error}");
    assert_eq!(module::state_item_count(), 950_000, "nothing was added");
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn the_page_speaks_of_the_tutorials_version_not_the_seed() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    let scores = card_text(&app, "state-scores-title");
    assert!(scores.contains("tutorial's version"), "{scores}");
    assert!(scores.contains("partial_cmp().unwrap()"), "{scores}");
    let page = app.text().to_lowercase();
    assert!(!page.contains("seed"), "{page}");
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn one_byte_is_one_byte_and_huge_scores_are_written_as_javascript_writes_them() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    add_item(&app, "a").await;
    app.get("#state-read").click();
    settle().await;
    let readout = text_of(&app, "#state-readout");
    assert!(readout.contains(", 1 byte"), "{readout}");
    assert!(!readout.contains("1 bytes"), "{readout}");
    let view = text_of(&app, "#state-view-status");
    assert!(view.contains("(1 byte)"), "{view}");

    set_score(&app, "far", "1e308").await;
    set_score(&app, "near", "0.000001").await;
    let table = text_of(&app, "#state-score-table");
    assert!(table.contains("1e+308"), "{table}");
    assert!(!table.contains("100000000000"), "not 309 digits: {table}");
    let log = text_of(&app, "#state-call-log");
    assert!(
        log.contains("wasm.state_set_score(\"far\", 1e+308)"),
        "{log}"
    );
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn the_call_log_can_be_scrolled_by_keyboard() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    app.get("#state-inc").click();
    settle().await;
    let log = app.get("#state-call-log");
    assert_eq!(log.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(
        log.get_attribute("aria-label")
            .is_some_and(|l| !l.is_empty())
    );
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn home_and_end_on_a_row_reach_the_ends_of_the_list() {
    fresh_visit();
    module::state_add_many("Item", 30).unwrap();
    let app = Mounted::at("#/state").await;
    let row: HtmlElement = app.get("#state-item-1");
    row.focus().unwrap();
    key_down(&row, "End");
    settle().await;
    assert_eq!(active_id(), "state-item-29");
    assert!(text_of(&app, "#state-item-count").contains("25–30 of 30"));
    key_down(&app.get("#state-item-29"), "Home");
    settle().await;
    assert_eq!(active_id(), "state-item-0");

    type_into(&app, "#state-goto", "29");
    app.get("#state-goto-go").click();
    settle().await;
    assert_eq!(active_id(), "state-item-28");
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn a_state_too_big_for_storage_says_so_and_is_not_written_again_on_every_change() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    // About 10 MB of JSON: more than Firefox lets one origin keep in localStorage.
    module::state_add_many(&"x".repeat(1_000), 10_000).unwrap();
    module::flush();
    settle().await;
    let status = text_of(&app, "#state-save-status");
    assert!(status.contains("Not saved"), "{status}");
    assert!(
        status.contains("MiB of JSON, more than this browser lets the site keep"),
        "{status}"
    );
    assert!(
        !status.contains("at least"),
        "this one was written: {status}"
    );

    // A small change of a state known to be too big is not serialised again.
    module::state_add_item("one more".into()).unwrap();
    module::flush();
    settle().await;
    let status = text_of(&app, "#state-save-status");
    assert!(status.contains("at least 9."), "{status}");

    module::state_reset();
    settle().await;
    assert!(text_of(&app, "#state-save-status").contains("Saved"));
    drop(app);
    fresh_visit();
}

#[wasm_bindgen_test]
async fn a_big_import_is_checked_and_loaded() {
    fresh_visit();
    let app = Mounted::at("#/state").await;
    let items: Vec<String> = (1..=100_000).map(|i| format!("\"Item {i}\"")).collect();
    let text = format!(
        r#"{{"version":1,"counter":5,"items":[{}],"scores":[]}}"#,
        items.join(",")
    );
    assert!(text.len() > 1024 * 1024);
    pick_file(&app, "#state-import", "big.json", "application/json", &text);
    let ok = wait_for_text(&app, "#state-import-ok", |t| t.contains("Imported")).await;
    assert!(ok.contains("counter 5, 100,000 items, 0 scores"), "{ok}");
    assert!(app.query("#state-import-checking").is_none());
    assert_eq!(module::state_item_count(), 100_000);
    module::flush();
    drop(app);
    fresh_visit();
}
