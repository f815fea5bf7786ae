//! Mounting the app in a fresh element and driving it like a person would.

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_playground::app::App;
use web_sys::{Element, HtmlElement};

pub struct Mounted {
    pub root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl Mounted {
    /// Sets the hash route, then mounts a fresh app into a new div.
    pub async fn at(hash: &str) -> Mounted {
        set_hash(hash);
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        let mounted = Mounted {
            root,
            handle: Some(handle),
        };
        settle().await;
        mounted
    }

    pub fn query(&self, selector: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(selector)
            .unwrap()
            .map(|e| e.dyn_into().unwrap())
    }

    pub fn get(&self, selector: &str) -> HtmlElement {
        self.query(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn set_hash(hash: &str) {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(hash)
        .unwrap();
}

pub fn hash() -> String {
    web_sys::window().unwrap().location().hash().unwrap()
}

/// Lets Yew render and the router react (both are scheduled, not synchronous).
pub async fn settle() {
    for _ in 0..3 {
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
}

pub fn active_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

pub fn key_down(target: &HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}
