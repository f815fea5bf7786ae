//! What JavaScript can see: the size of linear memory and how it grew, the pointer and
//! length of the items buffer, and one item's bytes read straight out of memory from JS.

use yew::prelude::*;

use super::typing;
use crate::app::widgets::{ErrorText, SourceView};
use crate::lab::fmt::{bytes_f64, count, grouped};
use crate::lab::state::view::{Call, Growth, js_string, parse_position, sentence};
use crate::web::state::{self as module, ReadOut, STRING_HEADER_BYTES};

const PAGE_BYTES: f64 = 65_536.0;

fn hex(addr: usize) -> String {
    format!("0x{addr:08x}")
}

/// A byte count in words: "1 byte", "6 bytes", "1,024 bytes".
fn byte_count(n: usize) -> String {
    count(n, "byte", "bytes")
}

#[derive(Properties, PartialEq)]
pub struct MemoryProps {
    pub rev: u64,
    pub on_call: Callback<Call>,
    /// Bytes grown since the tab opened.
    pub grown: f64,
    /// Growth seen, newest first.
    pub growth: Vec<Growth>,
}

#[component]
pub fn MemoryPanel(props: &MemoryProps) -> Html {
    let size = module::state_memory_bytes();
    let items_ptr = module::state_items_ptr();
    let len = module::state_item_count();
    let capacity = module::state_items_capacity();
    html! {
        <section class="card" aria-labelledby="state-memory-title">
            <h3 id="state-memory-title">{ "Linear memory: what JavaScript can see" }</h3>
            <dl class="memory-facts">
                <div>
                    <dt>{ "memory.buffer.byteLength" }</dt>
                    <dd id="state-memory-bytes">
                        <span class="mono big">{ byte_count(size as usize) }</span>
                        <span class="note">{ format!(" = {} = {} of 64 KiB", bytes_f64(size), count((size / PAGE_BYTES) as usize, "page", "pages")) }</span>
                    </dd>
                </div>
                <div>
                    <dt>{ "Grown since this tab opened" }</dt>
                    <dd id="state-memory-grown">{
                        if props.grown > 0.0 { format!("+{}", bytes_f64(props.grown)) } else { "not yet (memory never shrinks)".to_owned() }
                    }</dd>
                </div>
                <div>
                    <dt>{ "The items Vec's buffer" }</dt>
                    <dd id="state-items-buffer">
                        <span class="mono">{ format!("ptr {} · len {} · capacity {}", hex(items_ptr), grouped(len), grouped(capacity)) }</span>
                        <span class="note block">{ format!(
                            "{} of String headers ({STRING_HEADER_BYTES} bytes each: pointer, capacity, length). The text of each item lives elsewhere, at its own pointer.",
                            byte_count(capacity * STRING_HEADER_BYTES)
                        ) }</span>
                    </dd>
                </div>
            </dl>
            if !props.growth.is_empty() {
                <h4>{ "Growth seen" }</h4>
                <ul class="growth" id="state-memory-growth">
                    { for props.growth.iter().map(|g| html! {
                        <li>
                            <span class="mono">{ format!("{} → {}", bytes_f64(g.from), bytes_f64(g.to)) }</span>
                            <span class="note">{ format!(" after {}", g.after) }</span>
                        </li>
                    }) }
                </ul>
            }
            <ReadFromJs rev={props.rev} on_call={props.on_call.clone()} />
            <p class="note">
                { "This is how the Rust and WebAssembly book's Game of Life draws its cells: Rust hands JavaScript a pointer and a \
                   length, and JavaScript builds " }<code>{ "new Uint8Array(memory.buffer, ptr, len)" }</code>
                { " without copying anything across the boundary. The view is only valid until the next call that allocates: when \
                   the allocator runs out of room it calls memory.grow, the old ArrayBuffer is detached, and a pointer may also go \
                   stale when the Vec or String it points into reallocates. So JavaScript asks again after every call." }
            </p>
            <SourceView path="src/web/js/state.js" summary="Show the JavaScript" />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReadFromJsProps {
    /// Moves on every change: whether the last view is still attached is read again.
    rev: u64,
    on_call: Callback<Call>,
}

/// Reads one item's bytes out of linear memory from JavaScript, and says whether the
/// view it built is still attached.
#[component]
fn ReadFromJs(props: &ReadFromJsProps) -> Html {
    let index_text = use_state(|| "1".to_owned());
    let readout = use_state(|| None::<ReadOut>);
    let error = use_state(|| None::<String>);
    let view_len = module::last_view_length();

    let oninput = typing(&index_text, &[&error]);
    let onsubmit = {
        let (index_text, readout, error) = (index_text.clone(), readout.clone(), error.clone());
        let on_call = props.on_call.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Numbers on the page start at 1; the exported functions take 0-based indexes.
            let index = match parse_position(&index_text, module::state_item_count()) {
                Ok(index) => index,
                Err(why) => return error.set(Some(why.message("item"))),
            };
            match module::read_item_from_js(index) {
                Ok(out) => {
                    on_call.emit(Call::ok(format!(
                        "wasm.state_item_ptr({index}) → {}, wasm.state_item_byte_len({index}) → {}; JS decodes {}",
                        out.ptr,
                        out.len,
                        js_string(&out.text)
                    )));
                    error.set(None);
                    readout.set(Some(out));
                }
                Err(e) => {
                    on_call.emit(Call::threw(format!(
                        "wasm.state_item_ptr({index}) threw: {}",
                        e.message
                    )));
                    error.set(Some(sentence(&e.message)));
                }
            }
        })
    };
    html! {
        <>
            <h4>{ "Read an item straight out of linear memory, from JavaScript" }</h4>
            <form class="inline-form" onsubmit={onsubmit}>
                <label for="state-read-index">{ "Item number" }</label>
                <div class="input-row">
                    <input id="state-read-index" type="text" inputmode="numeric" autocomplete="off"
                        value={(*index_text).clone()} oninput={oninput}
                        aria-invalid={error.is_some().to_string()} aria-describedby="state-read-error" />
                    <button type="submit" class="button" id="state-read">{ "Read it from JS" }</button>
                </div>
                <ErrorText id="state-read-error" message={(*error).clone()} />
            </form>
            if let Some(out) = &*readout {
                <dl class="readout" id="state-readout">
                    <dt>{ "Rust says" }</dt>
                    <dd class="mono">{ format!("item {} at ptr {} ({}), {}", out.index + 1, out.ptr, hex(out.ptr), byte_count(out.len)) }</dd>
                    <dt>{ "Bytes there" }</dt>
                    <dd class="mono">{ &out.hex }</dd>
                    <dt>{ "JavaScript decodes" }</dt>
                    <dd class="mono" id="state-readout-text">{ js_string(&out.text) }</dd>
                </dl>
            }
            if let Some(view_len) = view_len {
                <p id="state-view-status" class={classes!("note", (view_len == 0.0).then_some("bad"))}>
                    if view_len > 0.0 || readout.as_ref().is_some_and(|r| r.len == 0) {
                        { format!("The Uint8Array that read-out built is still attached ({}): memory has not grown since. \
                                   Add 100,000 items and watch it detach.", byte_count(view_len as usize)) }
                    } else {
                        <strong>{ "That Uint8Array is now detached: " }</strong>
                        { "its byteLength is 0. Memory grew since the read-out (any allocation can do it, even drawing this page), so the \
                           engine replaced memory.buffer and every view of the old buffer reads as empty." }
                    }
                </p>
            }
        </>
    }
}
