//! Panics are bugs, and in WASM a panic kills the whole module: after it no Rust code
//! runs again, Yew included. So the banner is built with plain DOM calls, outside Yew,
//! at the moment of the panic, and says plainly that the page must be reloaded.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

pub const BANNER_ID: &str = "panic-banner";

/// Installs the hook: the message goes to the console (with a stack trace, through
/// console_error_panic_hook) and into a visible banner.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner(&info.to_string());
    }));
}

/// Shows (or updates) the error banner at the top of the page.
pub fn show_banner(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let banner = match document.get_element_by_id(BANNER_ID) {
        Some(existing) => existing,
        None => {
            let Ok(el) = document.create_element("div") else {
                return;
            };
            el.set_id(BANNER_ID);
            let _ = el.set_attribute("role", "alert");
            el.set_class_name("panic-banner");
            let _ = body.prepend_with_node_1(&el);
            el
        }
    };
    banner.set_text_content(None);
    let append = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        banner.append_child(&el).ok()?;
        Some(el)
    };
    append("strong", "The WebAssembly module crashed (a Rust panic). ");
    append(
        "span",
        "Nothing else will respond until you reload; what you saved in this browser is kept. ",
    );
    append("code", message);
    if let Some(button) = append("button", "Reload") {
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(location) = web_sys::window().map(|w| w.location()) {
                let _ = location.reload();
            }
        });
        if let Some(button) = button.dyn_ref::<web_sys::HtmlElement>() {
            button.set_onclick(Some(reload.as_ref().unchecked_ref()));
        }
        // The banner lives until the page reloads; so does its handler.
        reload.forget();
    }
}
