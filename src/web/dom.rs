//! Small DOM helpers shared by the tabs: the document, focus, the clipboard, downloads,
//! and what an input event carries.

use wasm_bindgen::JsCast;

pub fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Focuses the element with this id, if it exists and can take focus.
pub fn focus_by_id(id: &str) {
    if let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Copies text to the clipboard; false when the browser refuses (no permission,
/// insecure context).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offers `bytes` as a file download named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not make the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not make a link")?;
    let clicked = download_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    clicked
}

/// Offers what `url` points at (a `blob:` or `data:` URL) as a file download named
/// `name`, by clicking a detached `<a download>`.
pub fn download_url(name: &str, url: &str) -> Result<(), String> {
    let anchor: web_sys::HtmlAnchorElement = document()
        .ok_or("no document")?
        .create_element("a")
        .map_err(|_| "no anchor")?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.click();
    Ok(())
}

/// Scrolls the page to its very top (a newly opened tab starts there).
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The `href` of the in-page link (`href="#…"`) that a plain click landed on, if any:
/// `None` for clicks elsewhere and for clicks that open a new tab or window.
pub fn clicked_hash_link(event: &web_sys::MouseEvent) -> Option<String> {
    if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
        return None;
    }
    event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href^='#']")
        .ok()??
        .get_attribute("href")
}

/// Scrolls the sideways-scrolling parent of the element `id` so that the element sits
/// in its middle (nothing happens when everything fits).
pub fn center_in_scroller(id: &str) {
    let Some(item) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let Some(bar) = item
        .parent_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if bar.scroll_width() <= bar.client_width() {
        return;
    }
    let left = item.offset_left() - bar.offset_left();
    bar.set_scroll_left(left - (bar.client_width() - item.offset_width()) / 2);
}

/// The value of the `<input>`, `<textarea>` or `<select>` that `event` came from, so a
/// component's `oninput`/`onchange` can read what was typed or chosen without naming
/// element types. `None` for any other target.
pub fn event_value(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?;
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(input.value())
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        Some(area.value())
    } else {
        target
            .dyn_ref::<web_sys::HtmlSelectElement>()
            .map(|select| select.value())
    }
}

/// Whether the checkbox or radio button that `event` came from is checked; `None` when it
/// came from anything else.
pub fn event_checked(event: &web_sys::Event) -> Option<bool> {
    event
        .target()?
        .dyn_ref::<web_sys::HtmlInputElement>()
        .map(|input| input.checked())
}

/// The `id` of the element `event` was dispatched to (`None` when it has none, or the
/// target is not an element). Yew delegates events to the root, so a handler that must
/// tell its own element from a child compares this id rather than `currentTarget`.
pub fn event_target_id(event: &web_sys::Event) -> Option<String> {
    let id = event.target()?.dyn_ref::<web_sys::Element>()?.id();
    (!id.is_empty()).then_some(id)
}

/// Sets the value of the `<input>`, `<textarea>` or `<select>` that `node` is (a
/// `NodeRef`'s node), as a property: what the control shows now, also after a person has
/// edited or picked (an `<option selected>` attribute stops counting then). Returns
/// whether `node` was such a control.
pub fn set_value(node: &web_sys::Node, value: &str) -> bool {
    if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    } else {
        return false;
    }
    true
}

/// The current value of the `<input>` or `<textarea>` a view's `NodeRef` points at (also
/// when a script set it without an input event); `None` when it is not in the page.
pub fn input_value(node: &yew::NodeRef) -> Option<String> {
    if let Some(input) = node.cast::<web_sys::HtmlInputElement>() {
        Some(input.value())
    } else {
        node.cast::<web_sys::HtmlTextAreaElement>()
            .map(|area| area.value())
    }
}
