//! What a thrown JavaScript value says, as text for a message on the page.

use wasm_bindgen::{JsCast, JsValue};

/// The text of a thrown JavaScript value: a thrown string as it is, an `Error`'s
/// `message`, and "unknown JavaScript error" for anything else (`throw 42`, `undefined`).
pub fn js_error_message(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .and_then(|e| e.message().as_string())
        })
        .unwrap_or_else(|| "unknown JavaScript error".into())
}
