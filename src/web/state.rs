//! The module-level state: one [`ModuleState`] living in WASM linear memory, reached only
//! through `#[wasm_bindgen]`-exported functions — the same functions JavaScript would
//! call (`wasm.state_increment()`), and the only door the State tab uses.
//!
//! Around it, the browser side of persistence: every change is written to `localStorage`
//! (at once for a small state, debounced for a big one, so adding 100,000 items does not
//! serialise a megabyte ten times in a row); the saved state is read back once per page
//! load. Stored text that cannot be read (damaged, or another app's data under our key)
//! is never overwritten silently: it is first copied to [`UNREADABLE_KEY`], and if that
//! copy cannot be made, saving pauses until the person downloads or discards it.
//!
//! The linear-memory facts the tab shows come from here too: the size of
//! `WebAssembly.Memory.buffer`, the pointer and length of the items buffer and of one
//! item's bytes, and a JavaScript read-out of those bytes (`js/state.js`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::storage;
use crate::lab::state::view::Summary;
use crate::lab::state::{ModuleState, StateError};

/// Where the state is saved.
pub const STORAGE_KEY: &str = "wasm-playground:state";
/// Where stored text that could not be read is kept, so no one loses it silently.
pub const UNREADABLE_KEY: &str = "wasm-playground:state:unreadable";
/// Above this many items a save waits for a pause in changes ([`DEBOUNCE_MS`]).
pub const DEBOUNCE_ITEMS: usize = 5_000;
/// How long a debounced save waits after the last change.
pub const DEBOUNCE_MS: u32 = 400;

#[wasm_bindgen(module = "/src/web/js/state.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = readUtf8)]
    fn js_read_utf8(memory: &JsValue, ptr: u32, len: u32) -> Result<String, JsValue>;
    #[wasm_bindgen(catch, js_name = bytesHex)]
    fn js_bytes_hex(memory: &JsValue, ptr: u32, len: u32, max: u32) -> Result<String, JsValue>;
    #[wasm_bindgen(js_name = lastViewLength)]
    fn js_last_view_length() -> f64;
    #[wasm_bindgen(js_name = afterPaint)]
    fn js_after_paint() -> js_sys::Promise;
}

/// Waits until the browser has painted what the page shows now: a message put up before
/// a long piece of work ("Reading the file…") is seen before the work starts.
pub async fn after_paint() {
    // The promise never rejects; an error would only mean there is no window.
    let _ = wasm_bindgen_futures::JsFuture::from(js_after_paint()).await;
}

thread_local! {
    static STATE: RefCell<ModuleState> = RefCell::new(ModuleState::new());
    static PERSIST: RefCell<Persist> = RefCell::new(Persist::default());
}

// ----- errors as JavaScript sees them ---------------------------------------------------

/// Which input an error is about: set as the `field` property of the thrown `Error`, so a
/// caller (the tab, or JavaScript) can put the message next to the right input.
fn field_of(error: &StateError) -> &'static str {
    match error {
        StateError::NotFinite { .. } => "score",
        StateError::EmptyName | StateError::NameTooLong { .. } => "name",
        StateError::EmptyItem | StateError::ItemTooLong { .. } => "item",
        StateError::ListFull { .. } | StateError::NoSuchItem { .. } => "items",
        StateError::TableFull => "scores",
        _ => "state",
    }
}

/// A `StateError` as a thrown JavaScript `Error` with `name = "StateError"` and a `field`.
fn js_error(error: &StateError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("StateError");
    // Setting a property on a fresh Error object cannot fail; ignore the Result anyway.
    let _ = js_sys::Reflect::set(&js, &"field".into(), &field_of(error).into());
    js.into()
}

/// What went wrong in a call, for the page: the `field` and the message of the thrown
/// error (any thrown value is described, never unwrapped).
#[derive(Clone, Debug, PartialEq)]
pub struct CallError {
    pub field: String,
    pub message: String,
}

impl CallError {
    pub fn from_js(value: &JsValue) -> CallError {
        let field = js_sys::Reflect::get(value, &"field".into())
            .ok()
            .and_then(|f| f.as_string())
            .unwrap_or_else(|| "state".into());
        let message = value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "the call failed".into());
        CallError { field, message }
    }
}

// ----- the exported API -----------------------------------------------------------------

fn read<T>(f: impl FnOnce(&ModuleState) -> T) -> T {
    STATE.with_borrow(f)
}

/// Runs a change and schedules the save. Saving happens after the borrow ends, because
/// it reads the state again.
fn change<T>(f: impl FnOnce(&mut ModuleState) -> T) -> T {
    let out = STATE.with_borrow_mut(f);
    after_change();
    out
}

/// A change that may be refused: saved when it went through, thrown as a `StateError`
/// when not (the state is then as it was, so there is nothing to save).
fn try_change<T>(f: impl FnOnce(&mut ModuleState) -> Result<T, StateError>) -> Result<T, JsValue> {
    let out = STATE.with_borrow_mut(f).map_err(|e| js_error(&e))?;
    after_change();
    Ok(out)
}

/// A removal: saved when something was removed.
fn remove<T>(f: impl FnOnce(&mut ModuleState) -> Option<T>) -> Option<T> {
    let removed = STATE.with_borrow_mut(f);
    if removed.is_some() {
        after_change();
    }
    removed
}

/// Adds one to the counter; saturates at `i32::MAX`.
#[wasm_bindgen]
pub fn state_increment() -> i32 {
    change(ModuleState::increment)
}

/// Subtracts one from the counter; saturates at `i32::MIN`.
#[wasm_bindgen]
pub fn state_decrement() -> i32 {
    change(ModuleState::decrement)
}

#[wasm_bindgen]
pub fn state_counter() -> i32 {
    read(ModuleState::counter)
}

/// Sets the counter (to jump next to `i32::MAX` and watch it saturate).
#[wasm_bindgen]
pub fn state_set_counter(value: i32) -> i32 {
    change(|s| {
        s.set_counter(value);
        s.counter()
    })
}

/// Adds an item (trimmed; empty and over-long items are refused). Returns the new length.
#[wasm_bindgen]
pub fn state_add_item(item: String) -> Result<usize, JsValue> {
    try_change(|s| s.try_add_item(item))
}

/// Adds `n` numbered items `"{prefix} {k}"` at once, all or nothing. Returns the length.
#[wasm_bindgen]
pub fn state_add_many(prefix: &str, n: usize) -> Result<usize, JsValue> {
    try_change(|s| s.add_many(prefix, n))
}

/// Removes the item at `index` and returns it (`undefined` when there is none).
#[wasm_bindgen]
pub fn state_remove_item(index: usize) -> Option<String> {
    remove(|s| s.remove_item(index))
}

/// Moves the item at `from` to position `to`.
#[wasm_bindgen]
pub fn state_move_item(from: usize, to: usize) -> Result<(), JsValue> {
    try_change(|s| s.move_item(from, to))
}

#[wasm_bindgen]
pub fn state_item_count() -> usize {
    read(ModuleState::item_count)
}

/// Copies out up to `count` items from `start`: the rows a windowed list shows.
#[wasm_bindgen]
pub fn state_items_window(start: usize, count: usize) -> Vec<String> {
    read(|s| s.items_window(start, count).to_vec())
}

/// One row of the score table, as JavaScript receives it (`row.name`, `row.score`).
#[wasm_bindgen(getter_with_clone)]
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreRow {
    pub name: String,
    pub score: f64,
}

/// Sets `name`'s score. NaN, ±infinity and empty names throw a `StateError`.
#[wasm_bindgen]
pub fn state_set_score(name: String, score: f64) -> Result<(), JsValue> {
    try_change(|s| s.set_score(name, score))
}

/// Removes `name`'s score and returns it (`undefined` when it had none).
#[wasm_bindgen]
pub fn state_remove_score(name: &str) -> Option<f64> {
    remove(|s| s.remove_score(name))
}

/// The `n` best scores, highest first; ties by name.
#[wasm_bindgen]
pub fn state_top_scores(n: usize) -> Vec<ScoreRow> {
    read(|s| {
        s.top_scores(n)
            .into_iter()
            .map(|(name, score)| ScoreRow { name, score })
            .collect()
    })
}

#[wasm_bindgen]
pub fn state_score_count() -> usize {
    read(ModuleState::score_count)
}

/// The state as JSON, indented (the export file).
#[wasm_bindgen]
pub fn state_to_json() -> String {
    read(ModuleState::to_json_pretty)
}

/// Replaces the whole state with a saved one. Invalid text throws with the reason and
/// leaves the current state exactly as it was.
#[wasm_bindgen]
pub fn state_load_json(text: &str) -> Result<(), JsValue> {
    let loaded = ModuleState::from_json(text).map_err(|e| js_error(&e))?;
    change(|s| *s = loaded);
    Ok(())
}

/// Empties everything: counter, items and scores.
#[wasm_bindgen]
pub fn state_reset() {
    change(ModuleState::clear);
}

/// The counter and how many items and scores there are, for sentences on the page.
pub fn summary() -> Summary {
    read(Summary::of)
}

// ----- linear memory --------------------------------------------------------------------

/// This module's `WebAssembly.Memory`.
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// `memory.buffer.byteLength` right now: the whole linear memory, in bytes.
#[wasm_bindgen]
pub fn state_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map(|b| f64::from(b.byte_length()))
        .unwrap_or(0.0)
}

/// Address of the items `Vec`'s buffer in linear memory (its `String` headers, not text).
#[wasm_bindgen]
pub fn state_items_ptr() -> usize {
    read(|s| s.items().as_ptr() as usize)
}

/// How many `String`s the items buffer has room for.
#[wasm_bindgen]
pub fn state_items_capacity() -> usize {
    read(ModuleState::items_capacity)
}

/// Address of item `index`'s UTF-8 bytes.
#[wasm_bindgen]
pub fn state_item_ptr(index: usize) -> Result<usize, JsValue> {
    item_fact(index, |item| item.as_ptr() as usize)
}

/// Length in bytes (UTF-8) of item `index`.
#[wasm_bindgen]
pub fn state_item_byte_len(index: usize) -> Result<usize, JsValue> {
    item_fact(index, str::len)
}

fn item_fact(index: usize, f: impl FnOnce(&str) -> usize) -> Result<usize, JsValue> {
    read(|s| match s.items().get(index) {
        Some(item) => Ok(f(item)),
        None => Err(js_error(&StateError::NoSuchItem {
            index,
            len: s.item_count(),
        })),
    })
}

/// Size of one `String` header (pointer, capacity, length) in the items buffer.
pub const STRING_HEADER_BYTES: usize = std::mem::size_of::<String>();

/// What JavaScript read straight out of linear memory for one item.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadOut {
    pub index: usize,
    pub ptr: usize,
    pub len: usize,
    /// Decoded by `TextDecoder` from a `Uint8Array` view of `memory.buffer`.
    pub text: String,
    /// The first bytes, in hex.
    pub hex: String,
}

/// Asks Rust for item `index`'s pointer and length, then lets JavaScript build a
/// `Uint8Array` over `memory.buffer` there and decode it. Nothing allocates between the
/// two steps, so the pointer is still valid when JavaScript reads.
pub fn read_item_from_js(index: usize) -> Result<ReadOut, CallError> {
    let ptr = state_item_ptr(index).map_err(|e| CallError::from_js(&e))?;
    let len = state_item_byte_len(index).map_err(|e| CallError::from_js(&e))?;
    let too_big = || CallError {
        field: "memory".into(),
        message: "the address does not fit in 32 bits".into(),
    };
    let ptr32 = u32::try_from(ptr).map_err(|_| too_big())?;
    let len32 = u32::try_from(len).map_err(|_| too_big())?;
    let memory = memory();
    let text = js_read_utf8(&memory, ptr32, len32).map_err(|e| CallError::from_js(&e))?;
    let hex = js_bytes_hex(&memory, ptr32, len32, 16).map_err(|e| CallError::from_js(&e))?;
    Ok(ReadOut {
        index,
        ptr,
        len,
        text,
        hex,
    })
}

/// Byte length of the `Uint8Array` the last read-out built: `None` before any read-out,
/// `Some(0)` once memory has grown and detached the buffer under it.
pub fn last_view_length() -> Option<f64> {
    let len = js_last_view_length();
    (len >= 0.0).then_some(len)
}

// ----- persistence ----------------------------------------------------------------------

/// What happened to the saved state when the page started.
#[derive(Clone, Debug, PartialEq)]
pub enum StartupNotice {
    /// Nothing was saved yet.
    Empty,
    /// The saved state was read back.
    Restored(Summary),
    /// The stored text is not a state this app can read. The tab started empty.
    Unreadable {
        /// Why, from `ModuleState::from_json`.
        reason: String,
        /// Its size in bytes.
        bytes: usize,
        /// True when a copy was kept under [`UNREADABLE_KEY`] (saving goes on); false when
        /// saving is paused so the original is not overwritten.
        kept: bool,
    },
    /// Storage could not be read at all.
    StorageFailed(String),
}

/// The state of saving, for the status line.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SaveStatus {
    /// No change since the page started.
    #[default]
    Idle,
    /// A save is scheduled (a big state, waiting for changes to stop).
    Pending,
    /// The last change is in storage: this many bytes of JSON.
    Saved(usize),
    /// Saving waits for the person to decide about unreadable stored text.
    Paused,
    /// The browser refused (disabled storage, or another reason than size): the
    /// message says why.
    Failed(String),
    /// The state is too big for localStorage: its JSON is `bytes` long (`exact`), or at
    /// least that long when it was not even written because a text no longer than that
    /// was refused before.
    TooBig { bytes: usize, exact: bool },
}

#[derive(Default)]
struct Persist {
    notice: Option<StartupNotice>,
    /// Stored text that could not be read, kept so the person can download it.
    unreadable: Option<String>,
    paused: bool,
    status: SaveStatus,
    /// The debounce timer; a save is due while `due` is true.
    timer: Option<Timeout>,
    /// The shortest text the browser refused for its size: a state whose JSON is at
    /// least this long is not written again (writing 17 MB of JSON takes the page
    /// most of a second, for nothing).
    refused_at: Option<usize>,
    due: bool,
    listener: Option<Rc<dyn Fn()>>,
}

fn notify() {
    let listener = PERSIST.with_borrow(|p| p.listener.clone());
    if let Some(listener) = listener {
        listener();
    }
}

fn set_status(status: SaveStatus) {
    PERSIST.with_borrow_mut(|p| p.status = status);
    notify();
}

/// Called after every successful change.
fn after_change() {
    if PERSIST.with_borrow(|p| p.paused) {
        set_status(SaveStatus::Paused);
        return;
    }
    if read(ModuleState::item_count) > DEBOUNCE_ITEMS {
        let timer = Timeout::new(DEBOUNCE_MS, || {
            if PERSIST.with_borrow_mut(|p| std::mem::take(&mut p.due)) {
                write();
            }
        });
        // Replacing the old timer cancels it: only the last change in a burst saves.
        PERSIST.with_borrow_mut(|p| {
            p.timer = Some(timer);
            p.due = true;
        });
        set_status(SaveStatus::Pending);
    } else {
        write_now();
    }
}

/// Writes the state to storage now, in place of any save still waiting.
fn write_now() {
    flush_pending();
    write();
}

/// Writes the state to storage and records how it went.
fn write() {
    if let Some(refused) = PERSIST.with_borrow(|p| p.refused_at) {
        let at_least = read(ModuleState::json_len_at_least);
        if at_least >= refused {
            set_status(SaveStatus::TooBig {
                bytes: at_least,
                exact: false,
            });
            return;
        }
    }
    let text = read(ModuleState::to_json);
    let status = match storage::set(STORAGE_KEY, &text) {
        Ok(()) => SaveStatus::Saved(text.len()),
        Err(storage::StorageError::WriteRefused(why)) if why.to_lowercase().contains("quota") => {
            PERSIST.with_borrow_mut(|p| {
                p.refused_at = Some(p.refused_at.map_or(text.len(), |r| r.min(text.len())));
            });
            SaveStatus::TooBig {
                bytes: text.len(),
                exact: true,
            }
        }
        Err(e) => SaveStatus::Failed(e.to_string()),
    };
    set_status(status);
}

fn flush_pending() {
    PERSIST.with_borrow_mut(|p| {
        p.timer = None;
        p.due = false;
    });
}

/// Saves at once if a debounced save is waiting (the tab calls it when it unmounts and
/// when the page is hidden, so a reload right after a big change loses nothing).
pub fn flush() {
    let due = PERSIST.with_borrow(|p| p.due && !p.paused);
    if due {
        write_now();
    }
}

/// The current save status.
pub fn save_status() -> SaveStatus {
    PERSIST.with_borrow(|p| p.status.clone())
}

/// Registers the function to call when the save status changes (one at a time; `None`
/// removes it).
pub fn set_listener(listener: Option<Rc<dyn Fn()>>) {
    PERSIST.with_borrow_mut(|p| p.listener = listener);
}

/// What [`watch`] returns: while it lives, save-status changes are reported and hiding
/// the page writes any save still waiting; dropping it stops both and writes that save.
pub struct Watch {
    _pagehide: Option<gloo::events::EventListener>,
}

/// Calls `on_change` whenever the save status changes (a debounced save finishing, a
/// quota error), and writes a waiting save when the page is hidden (a reload or a closed
/// tab right after a big change loses nothing). One watcher at a time: the tab.
pub fn watch(on_change: impl Fn() + 'static) -> Watch {
    set_listener(Some(Rc::new(on_change)));
    let pagehide =
        web_sys::window().map(|w| gloo::events::EventListener::new(&w, "pagehide", |_| flush()));
    Watch {
        _pagehide: pagehide,
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        set_listener(None);
        flush();
    }
}

/// Reads the saved state into memory, once per page load; later calls return the same
/// notice. What is in memory always wins over storage after the first call.
pub fn restore_once() -> StartupNotice {
    if let Some(notice) = PERSIST.with_borrow(|p| p.notice.clone()) {
        return notice;
    }
    let notice = restore();
    PERSIST.with_borrow_mut(|p| p.notice = Some(notice.clone()));
    notice
}

fn restore() -> StartupNotice {
    let text = match storage::get(STORAGE_KEY) {
        Ok(Some(text)) => text,
        Ok(None) => return StartupNotice::Empty,
        Err(storage::StorageError::Unavailable) => {
            return StartupNotice::StorageFailed(storage::StorageError::Unavailable.to_string());
        }
        Err(e) => {
            // We cannot see what is stored, so we must not overwrite it either.
            PERSIST.with_borrow_mut(|p| {
                p.paused = true;
                p.status = SaveStatus::Paused;
            });
            return StartupNotice::StorageFailed(e.to_string());
        }
    };
    match ModuleState::from_json(&text) {
        Ok(state) => {
            let notice = StartupNotice::Restored(Summary::of(&state));
            STATE.with_borrow_mut(|s| *s = state);
            notice
        }
        Err(error) => {
            let kept = keep_unreadable(&text);
            let bytes = text.len();
            PERSIST.with_borrow_mut(|p| {
                p.unreadable = Some(text);
                if !kept {
                    p.paused = true;
                    p.status = SaveStatus::Paused;
                }
            });
            StartupNotice::Unreadable {
                reason: error.to_string(),
                bytes,
                kept,
            }
        }
    }
}

/// Copies unreadable text to [`UNREADABLE_KEY`], unless that key already holds other
/// text (which would then be lost). True when the copy is in place.
fn keep_unreadable(text: &str) -> bool {
    match storage::get(UNREADABLE_KEY) {
        Ok(Some(existing)) if existing == text => true,
        Ok(None) => storage::set(UNREADABLE_KEY, text).is_ok(),
        _ => false,
    }
}

/// The stored text that could not be read at startup, if any (for "Download it").
pub fn unreadable_text() -> Option<String> {
    PERSIST.with_borrow(|p| p.unreadable.clone())
}

/// The person has the unreadable text (or does not want it): forget it, delete the kept
/// copy, and save the current state from now on. Returns how the save went.
pub fn discard_unreadable() -> SaveStatus {
    let _ = storage::remove(UNREADABLE_KEY);
    PERSIST.with_borrow_mut(|p| {
        p.unreadable = None;
        p.paused = false;
        if let Some(StartupNotice::Unreadable { .. }) = p.notice {
            p.notice = Some(StartupNotice::Empty);
        }
    });
    write();
    save_status()
}

/// A save of the state made by another browser tab of this site (the `storage` event).
#[derive(Clone, Debug, PartialEq)]
pub enum OtherTab {
    /// It saved a state this tab can load: a summary of it, and its text.
    Saved { summary: Summary, text: Rc<str> },
    /// It removed the saved state, or saved text this tab cannot read.
    Cleared,
}

/// Calls `report` whenever another tab changes the saved state. Without this, two open
/// tabs would overwrite each other's saves silently: the last writer wins. Dropping the
/// returned listener stops watching.
pub fn watch_other_tabs(
    report: impl Fn(OtherTab) + 'static,
) -> Option<gloo::events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(
        &window,
        "storage",
        move |event| {
            let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                return;
            };
            // key() is None when the other tab cleared all of localStorage.
            if event.key().is_some_and(|key| key != STORAGE_KEY) {
                return;
            }
            let other = match event.new_value() {
                Some(text) => match ModuleState::from_json(&text) {
                    Ok(state) => OtherTab::Saved {
                        summary: Summary::of(&state),
                        text: text.into(),
                    },
                    Err(_) => OtherTab::Cleared,
                },
                None => OtherTab::Cleared,
            };
            report(other);
        },
    ))
}

/// Writes what is in memory now, over whatever another tab saved ("keep mine").
pub fn save_now() -> SaveStatus {
    if PERSIST.with_borrow(|p| p.paused) {
        return SaveStatus::Paused;
    }
    write_now();
    save_status()
}

/// What a page reload does to this module: the in-memory state and everything learned
/// about storage is gone; storage itself stays. The browser tests use it to remount the
/// tab as a reload would.
pub fn forget_memory() {
    flush_pending();
    STATE.with_borrow_mut(ModuleState::clear);
    PERSIST.with_borrow_mut(|p| {
        let listener = p.listener.take();
        *p = Persist {
            listener,
            ..Persist::default()
        };
    });
}
