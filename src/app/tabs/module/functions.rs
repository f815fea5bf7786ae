//! Each function's instructions: pick one, read its disassembly, jump to its bytes.

use std::rc::Rc;

use yew::prelude::*;

use super::Hello;
use super::fmt::{bytes as size, grouped, offset};
use crate::lab::wasm::Instruction;

#[derive(Properties, PartialEq)]
pub struct FunctionsProps {
    pub hello: Rc<Hello>,
    /// From the URL; the `add` function when absent or not a defined function.
    pub func: Option<u32>,
    pub on_fn: Callback<u32>,
    /// Shows an instruction's bytes in the hex view.
    pub on_at: Callback<usize>,
}

/// How far each instruction is indented: blocks nest, `else` and `end` close.
fn depths(list: &[Instruction]) -> Vec<usize> {
    let mut depth = 0usize;
    list.iter()
        .map(|i| {
            let word = i.text.split_whitespace().next().unwrap_or("");
            match word {
                "end" | "else" | "catch" | "catch_all" | "delegate" => {
                    depth = depth.saturating_sub(1);
                    let here = depth;
                    if word != "end" && word != "delegate" {
                        depth += 1;
                    }
                    here
                }
                "block" | "loop" | "if" | "try" | "try_table" => {
                    depth += 1;
                    depth - 1
                }
                _ => depth,
            }
        })
        .collect()
}

#[component]
pub fn Functions(props: &FunctionsProps) -> Html {
    let info = &props.hello.info;
    let bytes = &props.hello.bytes;
    let defined = &info.module.functions;
    let default = defined
        .iter()
        .find(|f| info.function_name(f.index) == Some("add"))
        .or(defined.first())
        .map(|f| f.index);
    let chosen = props
        .func
        .filter(|i| defined.iter().any(|f| f.index == *i))
        .or(default);
    let onchange = {
        let on_fn = props.on_fn.clone();
        Callback::from(move |e: Event| {
            if let Ok(i) = crate::web::dom::event_value(&e)
                .unwrap_or_default()
                .parse::<u32>()
            {
                on_fn.emit(i);
            }
        })
    };
    let label = |index: u32| match info.function_name(index) {
        Some(name) => format!("{index} {name}"),
        None => format!("{index} (no name)"),
    };
    let listing = chosen.map(|index| {
        let k = index.saturating_sub(info.imported_functions) as usize;
        let (f, body) = (&defined[k], info.bodies.get(k));
        let signature = info
            .func_type(index)
            .map(|t| t.to_string())
            .unwrap_or_default();
        let locals: Vec<String> = body
            .map(|b| b.locals.iter().map(|(n, t)| format!("{n} × {t}")).collect())
            .unwrap_or_default();
        let rows = match info.instructions(bytes, index) {
            Ok(list) => {
                let depth = depths(&list);
                html! {
                    <div class="table-scroll listing-scroll" tabindex="0" role="region" aria-label={format!("Instructions of {}", label(index))}>
                        <table class="listing" id="disassembly">
                            <thead><tr><th scope="col">{ "Offset" }</th><th scope="col">{ "Bytes" }</th><th scope="col">{ "Instruction" }</th></tr></thead>
                            <tbody>
                                { for list.iter().zip(depth).map(|(ins, d)| {
                                    let at = ins.offset;
                                    let shown: Vec<String> = bytes[ins.offset..ins.offset + ins.size].iter().take(8).map(|b| format!("{b:02x}")).collect();
                                    let more = if ins.size > 8 { " …" } else { "" };
                                    html! {
                                        <tr>
                                            <td><button type="button" class="button subtle offset" onclick={props.on_at.reform(move |_: MouseEvent| at)}
                                                        aria-label={format!("Show the bytes at {}", offset(at))}>{ offset(at) }</button></td>
                                            <td class="raw">{ format!("{}{more}", shown.join(" ")) }</td>
                                            <td class="ins" style={format!("padding-left: {}ch", 1 + 2 * d.min(12))}>{ ins.text.clone() }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
            }
            Err(e) => html! { <p class="error">{ format!("Cannot list it: {e}") }</p> },
        };
        html! {
            <>
                <p id="function-facts">
                    <code>{ signature }</code>
                    { format!(
                        " · body {} at {} · {} · {} instructions",
                        size(f.body_size),
                        offset(f.body_offset),
                        if locals.is_empty() { "no locals".to_string() } else { format!("locals {}", locals.join(", ")) },
                        grouped(body.map_or(0, |b| b.instruction_count as usize)),
                    ) }
                </p>
                { rows }
            </>
        }
    });
    html! {
        <div class="functions">
            <h4 id="functions-title">{ "Each function's instructions" }</h4>
            <p class="note">
                { format!(
                    "{} functions are defined in the module ({} more are imported). Four are the crate's own; the rest came with \
                     them: the allocator that strings need, the formatting behind format!, and wasm-bindgen's helpers. The names \
                     come from the name section.",
                    defined.len(), info.imported_functions
                ) }
            </p>
            <label for="function-pick">{ "Function" }</label>
            <select id="function-pick" {onchange}>
                { for defined.iter().map(|f| html! {
                    <option value={f.index.to_string()} selected={Some(f.index) == chosen}>
                        { format!("{} — {}", label(f.index), size(f.body_size)) }
                    </option>
                }) }
            </select>
            { listing.unwrap_or_default() }
        </div>
    }
}
