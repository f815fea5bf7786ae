//! What JavaScript can see: the size of linear memory and how it grows, the pointer and
//! length of the items buffer, and one item's bytes read straight out of memory from JS.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{Call, Growth, js_str};
use crate::app::widgets::SourceView;
use crate::lab::fmt::{bytes_f64, grouped};
use crate::web::state::{self as module, ReadOut, STRING_HEADER_BYTES};

const PAGE_BYTES: f64 = 65_536.0;

#[derive(Properties, PartialEq)]
pub struct MemoryProps {
    pub rev: u64,
    pub on_call: Callback<Call>,
    pub at_start: f64,
    pub growth: Vec<Growth>,
}

fn hex(addr: usize) -> String {
    format!("0x{addr:08x}")
}

#[component]
pub fn MemoryPanel(props: &MemoryProps) -> Html {
    let index_text = use_state(|| "1".to_owned());
    let readout = use_state(|| None::<ReadOut>);
    let read_error = use_state(|| None::<String>);

    let bytes = module::state_memory_bytes();
    let items_ptr = module::state_items_ptr();
    let len = module::state_item_count();
    let capacity = module::state_items_capacity();
    let view_len = module::last_view_length();

    let oninput = {
        let index_text = index_text.clone();
        let read_error = read_error.clone();
        Callback::from(move |e: InputEvent| {
            index_text.set(e.target_unchecked_into::<HtmlInputElement>().value());
            read_error.set(None);
        })
    };
    let onsubmit = {
        let index_text = index_text.clone();
        let readout = readout.clone();
        let read_error = read_error.clone();
        let on_call = props.on_call.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let count = module::state_item_count();
            // Numbers on the page start at 1; the exported functions take 0-based indexes.
            let Some(index) = index_text
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .filter(|i| *i < count)
            else {
                read_error.set(Some(if count == 0 {
                    "The list is empty: add an item first.".into()
                } else {
                    format!("Enter an item number from 1 to {}.", grouped(count))
                }));
                return;
            };
            match module::read_item_from_js(index) {
                Ok(out) => {
                    on_call.emit(Call::ok(format!(
                        "wasm.state_item_ptr({index}) → {}, wasm.state_item_byte_len({index}) → {}; JS decodes {}",
                        out.ptr,
                        out.len,
                        js_str(&out.text)
                    )));
                    read_error.set(None);
                    readout.set(Some(out));
                }
                Err(e) => {
                    on_call.emit(Call::threw(format!(
                        "wasm.state_item_ptr({index}) threw: {}",
                        e.message
                    )));
                    read_error.set(Some(e.message));
                }
            }
        })
    };

    let grown = bytes - props.at_start;
    html! {
        <section class="card" aria-labelledby="state-memory-title">
            <h3 id="state-memory-title">{ "Linear memory: what JavaScript can see" }</h3>
            <dl class="memory-facts">
                <div>
                    <dt>{ "memory.buffer.byteLength" }</dt>
                    <dd id="state-memory-bytes">
                        <span class="mono big">{ format!("{} bytes", grouped(bytes as usize)) }</span>
                        <span class="note">{ format!(" = {} = {} pages of 64 KiB", bytes_f64(bytes), grouped((bytes / PAGE_BYTES) as usize)) }</span>
                    </dd>
                </div>
                <div>
                    <dt>{ "Grown since this tab opened" }</dt>
                    <dd id="state-memory-grown">{
                        if grown > 0.0 { format!("+{}", bytes_f64(grown)) } else { "not yet (memory never shrinks)".to_owned() }
                    }</dd>
                </div>
                <div>
                    <dt>{ "The items Vec's buffer" }</dt>
                    <dd id="state-items-buffer">
                        <span class="mono">{ format!("ptr {} · len {} · capacity {}", hex(items_ptr), grouped(len), grouped(capacity)) }</span>
                        <span class="note block">{ format!(
                            "{} bytes of String headers ({STRING_HEADER_BYTES} bytes each: pointer, capacity, length). The text of each item lives elsewhere, at its own pointer.",
                            grouped(capacity * STRING_HEADER_BYTES)
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

            <h4>{ "Read an item straight out of linear memory, from JavaScript" }</h4>
            <form class="inline-form" onsubmit={onsubmit}>
                <label for="state-read-index">{ "Item number" }</label>
                <div class="input-row">
                    <input id="state-read-index" type="text" inputmode="numeric" autocomplete="off"
                        value={(*index_text).clone()} oninput={oninput}
                        aria-invalid={read_error.is_some().to_string()} aria-describedby="state-read-error" />
                    <button type="submit" class="button" id="state-read">{ "Read it from JS" }</button>
                </div>
                <crate::app::widgets::ErrorText id="state-read-error" message={(*read_error).clone()} />
            </form>
            if let Some(out) = &*readout {
                <dl class="readout" id="state-readout">
                    <dt>{ "Rust says" }</dt>
                    <dd class="mono">{ format!("item {} at ptr {} ({}), {} bytes", out.index + 1, out.ptr, hex(out.ptr), out.len) }</dd>
                    <dt>{ "Bytes there" }</dt>
                    <dd class="mono">{ &out.hex }</dd>
                    <dt>{ "JavaScript decodes" }</dt>
                    <dd class="mono" id="state-readout-text">{ js_str(&out.text) }</dd>
                </dl>
            }
            if let Some(view_len) = view_len {
                <p id="state-view-status" class={classes!("note", (view_len == 0.0).then_some("bad"))}>
                    if view_len > 0.0 || readout.as_ref().is_some_and(|r| r.len == 0) {
                        { format!("The Uint8Array that read-out built is still attached ({view_len} bytes): memory has not grown since. \
                                   Add 100,000 items and watch it detach.") }
                    } else {
                        <strong>{ "That Uint8Array is now detached: " }</strong>
                        { "its byteLength is 0. Memory grew since the read-out (any allocation can do it, even drawing this page), so the \
                           engine replaced memory.buffer and every view of the old buffer reads as empty." }
                    }
                </p>
            }
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
