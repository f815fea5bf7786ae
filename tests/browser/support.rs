//! What every browser test needs, once: mounting the app (or a test component) in a fresh
//! element, acting like a person (typing, picking a file, pressing a key), and waiting
//! for asynchronous work to show on the page.

use std::time::Duration;

use wasm_bindgen::{JsCast, JsValue};
use wasm_playground::app::App;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::BaseComponent;

/// A component mounted into its own `<div>`; unmounted and removed when dropped.
pub struct Mounted {
    pub root: Element,
    destroy: Option<Box<dyn FnOnce()>>,
}

impl Mounted {
    /// Sets the hash route, then mounts a fresh app into a new div.
    pub async fn at(hash: &str) -> Mounted {
        Mounted::component::<App>(hash).await
    }

    /// Sets the hash route, then mounts `C` (with default props) into a new div: for
    /// tests of hooks and widgets through a small component of their own.
    pub async fn component<C>(hash: &str) -> Mounted
    where
        C: BaseComponent,
        C::Properties: Default,
    {
        set_hash(hash);
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<C>::with_root(root.clone()).render();
        let mounted = Mounted {
            root,
            destroy: Some(Box::new(move || handle.destroy())),
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

    /// Unmounts now (as leaving the tab would), keeping the element for inspection.
    pub fn unmount(&mut self) {
        if let Some(destroy) = self.destroy.take() {
            destroy();
        }
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.unmount();
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

/// The browser's Back button (asynchronous: wait for the hash to change).
pub fn go_back() {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .back()
        .unwrap();
}

/// Lets Yew render and the router react (both are scheduled, not synchronous).
pub async fn settle() {
    for _ in 0..3 {
        sleep_ms(10).await;
    }
}

pub async fn sleep_ms(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
}

/// Waits (up to about 10 s) until `check` holds, letting the page, timers and workers
/// run in between; panics naming `what` otherwise.
pub async fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..500 {
        if check() {
            return;
        }
        sleep_ms(20).await;
    }
    panic!("timed out waiting for {what}");
}

/// Waits (up to about 10 s) until the text of `selector` satisfies `accept`, and returns
/// that text; panics with the last text seen otherwise.
pub async fn wait_for_text(app: &Mounted, selector: &str, accept: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    for _ in 0..300 {
        settle().await;
        last = app
            .query(selector)
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        if accept(&last) {
            return last;
        }
    }
    panic!("{selector} never showed what was awaited; it shows {last:?}");
}

/// The text content of the element matching `selector` (which must exist).
pub fn text_of(app: &Mounted, selector: &str) -> String {
    app.get(selector).text_content().unwrap_or_default()
}

/// The text nodes under `element`, in document order, each as its text: shows where a
/// component split a string (between `<wbr>` break opportunities, for instance).
pub fn text_nodes(element: &Element) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending: Vec<web_sys::Node> = vec![element.clone().into()];
    while let Some(node) = pending.pop() {
        if node.node_type() == web_sys::Node::TEXT_NODE {
            out.push(node.text_content().unwrap_or_default());
        }
        let children = node.child_nodes();
        for i in (0..children.length()).rev() {
            if let Some(child) = children.item(i) {
                pending.push(child);
            }
        }
    }
    out
}

/// The current value of the `<input>`, `<textarea>` or `<select>` matching `selector`.
pub fn value_of(app: &Mounted, selector: &str) -> String {
    let el = app.get(selector);
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else {
        panic!("{selector} is not a field with a value")
    }
}

pub fn active_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

/// Fires a bubbling, cancelable event of type `kind` (`"input"`, `"change"`) at `target`,
/// as the browser does when a person edits a field (Yew listens at the root).
pub fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Replaces the value of the `<input>`, `<textarea>` or `<select>` matching `selector`
/// and fires `input`, as typing (or choosing) does.
pub fn type_into(app: &Mounted, selector: &str, value: &str) {
    let el = app.get(selector);
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        select.set_value(value);
    } else {
        panic!("{selector} is not a field one can type into");
    }
    fire(&el, "input");
}

/// Every text an element showed, in order, from the moment [`TextLog::watch`] is
/// called: a state that lasts less than a test's polling interval still shows up.
pub struct TextLog {
    seen: std::rc::Rc<std::cell::RefCell<Vec<String>>>,
    observer: web_sys::MutationObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl TextLog {
    pub fn watch(element: &Element) -> TextLog {
        let seen = std::rc::Rc::new(std::cell::RefCell::new(vec![
            element.text_content().unwrap_or_default(),
        ]));
        let callback = {
            let (seen, element) = (seen.clone(), element.clone());
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                let text = element.text_content().unwrap_or_default();
                let mut seen = seen.borrow_mut();
                if seen.last() != Some(&text) {
                    seen.push(text);
                }
            })
        };
        let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
        let options = web_sys::MutationObserverInit::new();
        options.set_subtree(true);
        options.set_child_list(true);
        options.set_character_data(true);
        observer.observe_with_options(element, &options).unwrap();
        TextLog {
            seen,
            observer,
            _callback: callback,
        }
    }

    pub fn seen(&self) -> Vec<String> {
        self.seen.borrow().clone()
    }
}

impl Drop for TextLog {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// A key held down with `key`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    Ctrl,
    Shift,
    Alt,
}

/// Presses `key` (a `KeyboardEvent.key` value: "Enter", "ArrowUp", "z") on `target`.
pub fn key_down(target: &HtmlElement, key: &str) {
    key_down_with(target, key, &[]);
}

/// Presses `key` on `target` with `modifiers` held (Ctrl+Z is `("z", &[Modifier::Ctrl])`).
pub fn key_down_with(target: &HtmlElement, key: &str, modifiers: &[Modifier]) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(modifiers.contains(&Modifier::Ctrl));
    init.set_shift_key(modifiers.contains(&Modifier::Shift));
    init.set_alt_key(modifiers.contains(&Modifier::Alt));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Pastes `text` at the element matching `selector` as the browser announces a paste: a
/// bubbling, cancelable `paste` event whose `clipboardData` holds the text. Returns
/// whether the page let the paste through (`false`: it cancelled it). A synthetic event
/// inserts nothing by itself, so a test checks what the page did instead.
pub fn paste_into(app: &Mounted, selector: &str, text: &str) -> bool {
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", text).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::Event::new_with_event_init_dict("paste", &init).unwrap();
    // Firefox keeps the data of a constructed ClipboardEvent unreadable (only a real
    // paste may be read), so the data sits on the event itself, where a listener's
    // `event.clipboardData` finds it.
    let property = js_sys::Object::new();
    js_sys::Reflect::set(&property, &"value".into(), &data).unwrap();
    js_sys::Object::define_property(&event, &"clipboardData".into(), &property);
    app.get(selector).dispatch_event(&event).unwrap()
}

/// A `Blob` holding `text`, of type `mime`.
pub fn blob(text: &str, mime: &str) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap()
}

/// Puts a file named `name` holding `text` into the file input matching `selector` and
/// fires `change`, as picking it in the file dialog does.
pub fn pick_file(app: &Mounted, selector: &str, name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: HtmlInputElement = app.get(selector).dyn_into().unwrap();
    input.set_files(transfer.files().as_ref());
    fire(&input, "change");
}

/// A stand-in for the Compute worker (`src/bin/fib_worker.rs`, which only Trunk builds;
/// the e2e suite runs the real one), speaking the same protocol: BigInt fast doubling for
/// an `Exact` job, and for n = 999,999 a busy loop that only `terminate()` can stop.
const STAND_IN_WORKER: &str = r#"
self.onmessage = (e) => {
  const job = e.data;
  self.postMessage({ type: "Progress", done: 0, total: 2, stage: "stand-in" });
  if (job.n === 999999) { for (;;) {} }
  let prev = 1n, cur = 0n;
  for (let bit = 31 - Math.clz32(job.n); bit >= 0 && job.n > 0; bit--) {
    const p2 = cur * cur + prev * prev, c2 = cur * (cur + (prev << 1n));
    prev = p2; cur = c2;
    if ((job.n >>> bit) & 1) { const nx = prev + cur; prev = cur; cur = nx; }
  }
  self.postMessage({ type: "Exact", n: job.n, digits: cur.toString(), compute_ms: 1, convert_ms: 1 });
};
self.postMessage({ type: "Ready" });
"#;

/// A `blob:` URL of [`STAND_IN_WORKER`], for `web::compute::set_worker_url`.
pub fn stand_in_worker_url() -> String {
    web_sys::Url::create_object_url_with_blob(&blob(STAND_IN_WORKER, "text/javascript")).unwrap()
}
