//! Browser glue for the Signals tab: binding one DOM text node to a reactive value with
//! an effect (no component re-render), keeping the spreadsheet in localStorage, focus and
//! scrolling in its grid, a media query for the graph's layout, and the WASM-vs-JavaScript
//! benchmark of the js-reactivity-benchmark graphs.

use std::hint::black_box;

use wasm_bindgen::prelude::*;

use super::bench::{BenchCase, BenchConfig, Side};
use super::error::js_error_message;
use super::storage;
use crate::lab::signals::bench_shapes::Shape;
use crate::lab::signals::sheet::Sheet;
use crate::lab::signals::{Effect, Runtime, Signal};

#[wasm_bindgen(module = "/src/web/js/signals.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = makeShapeCase)]
    fn make_shape_case(slug: &str) -> Result<js_sys::Function, JsValue>;
    #[wasm_bindgen(catch, js_name = runShapeOnce)]
    fn run_shape_once_js(slug: &str) -> Result<f64, JsValue>;
}

/// The class that plays the "this node just changed" flash; removed and re-added on
/// every write so the animation restarts.
pub const FLASH_CLASS: &str = "sig-flash";

/// Restarts the flash animation on `el`: remove the class, force a style flush so the
/// browser sees the removal, add it back.
pub fn flash(el: &web_sys::HtmlElement) {
    let list = el.class_list();
    let _ = list.remove_1(FLASH_CLASS);
    let _ = el.offset_width();
    let _ = list.add_1(FLASH_CLASS);
}

/// Fine-grained rendering: an effect on our runtime that writes `count` into one DOM
/// text node with `set_data` and flashes its parent. No component function runs and no
/// virtual DOM is diffed; this one node is all that changes. The effect re-runs only
/// when `count` changes; `runs_node`, if given, shows how many times it ran.
pub fn bind_text(
    rt: &Runtime,
    count: Signal<i64>,
    node: web_sys::Text,
    runs_node: Option<web_sys::Text>,
) -> Effect {
    let mut runs = 0u64;
    rt.effect(move || {
        let value = count.get();
        node.set_data(&value.to_string());
        runs += 1;
        if let Some(r) = &runs_node {
            r.set_data(&runs.to_string());
        }
        if let Some(parent) = node
            .parent_element()
            .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
        {
            flash(&parent);
        }
    })
}

/// Creates a text node holding `initial` as the only child of `parent` (which Yew
/// rendered empty, so Yew never touches it again). `parent` is what a component's
/// `NodeRef::get` gives.
pub fn text_node_in(parent: &web_sys::Node, initial: &str) -> Option<web_sys::Text> {
    let doc = parent.owner_document()?;
    let node = doc.create_text_node(initial);
    parent.set_text_content(None);
    parent.append_child(&node).ok()?;
    Some(node)
}

// ---- the spreadsheet in localStorage ----

/// localStorage key of the spreadsheet (its compact form).
pub const SHEET_KEY: &str = "wasm-playground:signals:sheet";

/// The sheet shown the first time: prices × quantities with totals and the four range
/// functions, and one deliberate `#DIV/0!` (no cycle: that one is for the reader to try).
pub const SAMPLE: &[(&str, &str)] = &[
    ("A1", "Item"),
    ("B1", "Price"),
    ("C1", "Qty"),
    ("D1", "Total"),
    ("A2", "Apples"),
    ("B2", "1.2"),
    ("C2", "10"),
    ("D2", "=B2*C2"),
    ("A3", "Pears"),
    ("B3", "0.8"),
    ("C3", "25"),
    ("D3", "=B3*C3"),
    ("A4", "Plums"),
    ("B4", "2.5"),
    ("C4", "4"),
    ("D4", "=B4*C4"),
    ("A5", "Figs"),
    ("B5", "3"),
    ("C5", "6"),
    ("D5", "=B5*C5"),
    ("A6", "Kiwis"),
    ("B6", "0.5"),
    ("C6", "30"),
    ("D6", "=B6*C6"),
    ("A8", "Sum"),
    ("D8", "=SUM(D2:D6)"),
    ("A9", "Average"),
    ("D9", "=AVG(D2:D6)"),
    ("A10", "Cheapest"),
    ("B10", "=MIN(B2:B6)"),
    ("A11", "Dearest"),
    ("B11", "=MAX(B2:B6)"),
    ("A12", "Items"),
    ("C12", "=SUM(C2:C6)"),
    ("A13", "Avg price"),
    ("D13", "=D8/C12"),
    ("F1", "Tax %"),
    ("G1", "8"),
    ("F2", "With tax"),
    ("G2", "=D8*(1+G1/100)"),
    ("F4", "Per guest"),
    ("F5", "Guests"),
    ("G5", "0"),
    ("G4", "=G2/G5"),
];

/// A fresh default-size sheet holding [`SAMPLE`].
pub fn sample_sheet() -> Sheet {
    let sheet = Sheet::default();
    let edits: Vec<_> = SAMPLE
        .iter()
        .filter_map(|(name, text)| sheet.cell(name).ok().map(|c| (c, *text)))
        .collect();
    // The sample is ours and fits; an error here would only leave cells empty.
    let _ = sheet.set_many(&edits);
    sheet
}

/// Where the sheet the tab starts with came from.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetSource {
    /// From the link's `?sheet=`.
    Url,
    /// From localStorage.
    Storage,
    /// Nothing stored yet: the sample.
    Sample,
}

/// The sheet to start with: the URL's `?sheet=` if given and valid, else the stored one,
/// else the sample. Anything unreadable is reported (second value) and skipped, never
/// a panic; the stored text is left in place so nothing is lost by just looking.
pub fn load_sheet(from_url: Option<&str>) -> (Sheet, SheetSource, Option<String>) {
    let mut problem = None;
    if let Some(text) = from_url.filter(|t| !t.is_empty()) {
        match Sheet::from_compact(text) {
            Ok(s) => return (s, SheetSource::Url, None),
            Err(e) => problem = Some(format!("The sheet in the link could not be read: {e}.")),
        }
    }
    match storage::get(SHEET_KEY) {
        Ok(Some(text)) => match Sheet::from_compact(&text) {
            Ok(s) => return (s, SheetSource::Storage, problem),
            Err(e) => {
                problem = Some(format!(
                    "The saved sheet could not be read ({e}); showing the sample instead. \
                     Editing will replace the saved copy."
                ))
            }
        },
        Ok(None) => {}
        Err(e) => problem = Some(format!("The saved sheet is not available: {e}.")),
    }
    (sample_sheet(), SheetSource::Sample, problem)
}

/// Saves the sheet; the error is a sentence for the page.
pub fn save_sheet(sheet: &Sheet) -> Result<(), String> {
    storage::set(SHEET_KEY, &sheet.to_compact())
        .map_err(|e| format!("The sheet could not be saved: {e}."))
}

// ---- the spreadsheet's DOM ----

/// Focuses the cell editor (an `<input>` with this id) and puts the caret after its
/// text, as a spreadsheet does when an edit starts.
pub fn focus_cell_editor(id: &str) {
    let Some(input) = super::dom::document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let _ = input.focus();
    let end = input.value().encode_utf16().count() as u32;
    let _ = input.set_selection_range(end, end);
}

/// Scrolls the element with this id into view by as little as it takes, in its
/// scrolling box and in the page (`scrollIntoView({block: "nearest", inline:
/// "nearest"})`): the selected cell stays visible when the arrow keys move it past the
/// edge of a narrow screen.
pub fn scroll_into_view_nearest(id: &str) {
    let Some(el) = super::dom::document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let options = js_sys::Object::new();
    for key in ["block", "inline"] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &"nearest".into());
    }
    if let Ok(f) = js_sys::Reflect::get(&el, &"scrollIntoView".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call1(&el, &options);
    }
}

/// Whether the CSS media query (`"(max-width: 540px)"`) matches now.
pub fn media_matches(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|list| list.matches())
}

/// A media query being watched; dropping it stops the watching.
pub struct MediaWatch {
    list: web_sys::MediaQueryList,
    listener: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for MediaWatch {
    fn drop(&mut self) {
        let _ = self
            .list
            .remove_event_listener_with_callback("change", self.listener.as_ref().unchecked_ref());
    }
}

/// Calls `on_change` with the new answer whenever the media query starts or stops
/// matching (a phone turned sideways, a window resized), for as long as the returned
/// watch is kept. `None` where the browser cannot evaluate the query.
pub fn watch_media(query: &str, on_change: impl Fn(bool) + 'static) -> Option<MediaWatch> {
    let list = web_sys::window()?.match_media(query).ok().flatten()?;
    let watched = list.clone();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_change(watched.matches()));
    list.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref())
        .ok()?;
    Some(MediaWatch { list, listener })
}

// ---- benchmark ----

/// URL-friendly name of a shape and the size the benchmark uses.
pub fn shape_slug(shape: Shape) -> (&'static str, &'static str) {
    match shape {
        Shape::DeepPropagation => ("deep-propagation", "50"),
        Shape::BroadPropagation => ("broad-propagation", "50"),
        Shape::Diamond => ("diamond", "5"),
        Shape::Triangle => ("triangle", "10"),
        Shape::Mux => ("mux", "100"),
        Shape::RepeatedObservers => ("repeated-observers", "30"),
        Shape::Unstable => ("unstable", "20"),
        Shape::AvoidablePropagation => ("avoidable-propagation", "5"),
        Shape::Cellx1000 => ("cellx", "1000"),
    }
}

/// One run of the JavaScript version of a shape: its effect-run count (for tests that
/// check both sides do the same work).
pub fn run_js_shape_once(shape: Shape) -> Result<u64, String> {
    run_shape_once_js(shape_slug(shape).0)
        .map(|n| n as u64)
        .map_err(|e| js_error_message(&e))
}

/// Propagation through the js-reactivity-benchmark graphs: our runtime in WASM against
/// the same graphs on the push-pull JavaScript library in `js/signals.js`. Each
/// iteration is one run of the benchmark's loop (the same writes, batches and reads,
/// with the same value checks); cellx builds its 1,000 layers fresh every iteration on
/// both sides.
pub fn bench_cases() -> Vec<BenchCase> {
    let mut cases = Vec::new();
    for shape in Shape::ALL {
        let (slug, size) = shape_slug(shape);
        let js = match make_shape_case(slug) {
            Ok(f) => f,
            // Cannot happen with our own file; leave the case out rather than time nothing.
            Err(_) => continue,
        };
        let wasm = if shape.rebuild_per_run() {
            Side::wasm(move || {
                let rt = Runtime::new();
                let mut b = shape.build(&rt);
                let _ = black_box(b.run());
            })
        } else {
            let rt = Runtime::new();
            let mut b = shape.build(&rt);
            Side::wasm(move || {
                // The runtime lives as long as the closure.
                let _keep = &rt;
                let _ = black_box(b.run());
            })
        };
        // The shared defaults (20 ms samples) outlast a coarse timer; cellx builds
        // 8,000 nodes per iteration, so it is capped at 64 iterations a sample.
        let config = if shape.rebuild_per_run() {
            BenchConfig {
                max_iterations: 64,
                ..BenchConfig::default()
            }
        } else {
            BenchConfig::default()
        };
        cases.push(BenchCase {
            name: format!("signals/{slug}/{size}"),
            label: format!("{} (one benchmark iteration)", shape.name()),
            wasm,
            js: Side::Js(js),
            config,
        });
    }
    cases
}
