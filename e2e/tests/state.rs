//! The State tab on the release build: items typed with the keyboard survive a reload
//! (localStorage), and damaged storage is survived with a message.

use wasm_playground_e2e::shared_server as server;

use std::time::Duration;

use serde_json::json;
use wasm_playground_e2e::webdriver::Browser;

const WAIT: Duration = Duration::from_secs(20);
const ENTER: &str = "\u{E007}";

fn wait_for_state_tab(b: &Browser) {
    b.wait_for(
        "the State tab",
        "const t = document.querySelector('[role=tab][aria-selected=true]'); \
         return !!t && t.id === 'tab-state' && !!document.getElementById('state-item-input');",
        WAIT,
    )
    .unwrap();
}

fn item_texts(b: &Browser) -> serde_json::Value {
    b.exec(
        "return Array.from(document.querySelectorAll('.item-text'), e => e.textContent)",
        vec![],
    )
    .unwrap()
}

#[test]
fn items_added_with_the_keyboard_survive_a_reload() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/state")).unwrap();
    wait_for_state_tab(&b);
    b.exec(
        "localStorage.removeItem('wasm-playground:state'); location.reload();",
        vec![],
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    wait_for_state_tab(&b);

    for item in ["milk", "eggs", "bread"] {
        b.exec(
            "document.getElementById('state-item-input').focus()",
            vec![],
        )
        .unwrap();
        b.send_keys_to_active(&format!("{item}{ENTER}")).unwrap();
        b.wait_for(
            &format!("{item} in the list"),
            &format!(
                "return Array.from(document.querySelectorAll('.item-text'), e => e.textContent).includes('{item}')"
            ),
            WAIT,
        )
        .unwrap();
    }
    assert_eq!(item_texts(&b), json!(["milk", "eggs", "bread"]));

    b.refresh().unwrap();
    wait_for_state_tab(&b);
    b.wait_for(
        "the restored items",
        "return document.querySelectorAll('.item-text').length === 3",
        WAIT,
    )
    .unwrap();
    assert_eq!(item_texts(&b), json!(["milk", "eggs", "bread"]));
    let restored = b
        .exec(
            "return document.getElementById('state-restored').textContent",
            vec![],
        )
        .unwrap();
    assert!(
        restored.as_str().unwrap_or("").contains("3 items"),
        "{restored}"
    );
    b.assert_no_error_banner();
}

#[test]
fn damaged_storage_shows_a_message_and_the_tab_keeps_working() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/state")).unwrap();
    wait_for_state_tab(&b);
    b.exec(
        "localStorage.removeItem('wasm-playground:state:unreadable'); \
         localStorage.setItem('wasm-playground:state', '{\"version\": 1, \"items\": ['); location.reload();",
        vec![],
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    wait_for_state_tab(&b);
    b.wait_for_element("#state-unreadable", WAIT).unwrap();
    let kept = b
        .exec(
            "return localStorage.getItem('wasm-playground:state:unreadable')",
            vec![],
        )
        .unwrap();
    assert_eq!(kept, json!("{\"version\": 1, \"items\": ["));

    b.exec(
        "document.getElementById('state-item-input').focus()",
        vec![],
    )
    .unwrap();
    b.send_keys_to_active(&format!("after the damage{ENTER}"))
        .unwrap();
    b.wait_for(
        "the new item",
        "return document.querySelectorAll('.item-text').length === 1",
        WAIT,
    )
    .unwrap();
    assert_eq!(item_texts(&b), json!(["after the damage"]));
    b.assert_no_error_banner();
}
