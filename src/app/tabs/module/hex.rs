//! The annotated hex view: 256 bytes at a time, coloured by section. One tab stop (a
//! grid whose active cell follows the arrow keys); what the selected or hovered byte
//! is, from its section down to its field, is said beside it, and each enclosing
//! range can be highlighted.

use std::rc::Rc;

use yew::prelude::*;

use super::fmt::{bytes as size, offset};
use super::{Hello, parse_offset};
use crate::app::widgets::ErrorText;
use crate::lab::wasm::{Section, Span, annotate};
use crate::web::module as glue;

const ROW: usize = 16;
const PAGE: usize = 256;

#[derive(Properties, PartialEq)]
pub struct HexViewProps {
    pub hello: Rc<Hello>,
    pub at: usize,
    pub on_at: Callback<usize>,
}

/// The colour class of a section (`s-code`), or of the 8-byte header.
pub fn section_class(section: Option<&Section>) -> &'static str {
    let Some(s) = section else {
        return "s-header";
    };
    match s.id {
        0 if s.name == "name" => "s-name",
        0 => "s-custom",
        1 => "s-type",
        2 => "s-import",
        3 => "s-function",
        4 => "s-table",
        5 => "s-memory",
        6 => "s-global",
        7 => "s-export",
        8 => "s-start",
        9 => "s-element",
        10 => "s-code",
        11 => "s-data",
        12 => "s-datacount",
        _ => "s-tag",
    }
}

fn section_at(sections: &[Section], o: usize) -> Option<&Section> {
    sections
        .iter()
        .find(|s| s.offset <= o && o < s.offset + s.size)
}

#[component]
pub fn HexView(props: &HexViewProps) -> Html {
    let bytes = props.hello.bytes.clone();
    let len = bytes.len();
    let at = props.at.min(len.saturating_sub(1));
    let page_start = at / PAGE * PAGE;
    let page_end = (page_start + PAGE).min(len);
    let hover = use_state(|| None::<usize>);
    // A range picked from the breadcrumb; cleared when the selection moves.
    let chosen = use_state(|| None::<(usize, usize)>);
    // The selection moved (keys, a section's "Show", "Go to byte"): bring it into view;
    // never on opening the tab, which would scroll the page away from its top.
    let moved = use_mut_ref(|| false);
    {
        let (chosen, moved) = (chosen.clone(), moved.clone());
        use_effect_with(at, move |at| {
            chosen.set(None);
            if std::mem::replace(&mut *moved.borrow_mut(), true) {
                glue::reveal(&format!("hex-{at}"));
            }
        });
    }
    let notes = {
        let bytes = bytes.clone();
        use_memo((page_start, page_end), move |&(s, e)| {
            annotate(&bytes, s..e)
        })
    };
    let inspected = hover.unwrap_or(at);
    let crumbs: Vec<Span> = notes.at(inspected).into_iter().cloned().collect();
    let highlight = chosen
        .filter(|(s, e)| *s <= inspected && inspected < *e)
        .or_else(|| crumbs.last().map(|s| (s.start, s.end)));
    let sections = &props.hello.info.module.sections;

    let select = |o: usize| {
        let on_at = props.on_at.clone();
        Callback::from(move |_: MouseEvent| on_at.emit(o))
    };
    let hover_on = |o: usize| {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(Some(o)))
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };
    let onkeydown = {
        let on_at = props.on_at.clone();
        Callback::from(move |e: KeyboardEvent| {
            let last = len.saturating_sub(1);
            let row_start = at / ROW * ROW;
            let to = match (e.key().as_str(), e.ctrl_key() || e.meta_key()) {
                ("ArrowLeft", _) => at.saturating_sub(1),
                ("ArrowRight", _) => (at + 1).min(last),
                ("ArrowUp", _) => at.checked_sub(ROW).unwrap_or(at),
                ("ArrowDown", _) if at + ROW <= last => at + ROW,
                ("ArrowDown", _) => at,
                ("PageUp", _) => at.saturating_sub(PAGE),
                ("PageDown", _) => (at + PAGE).min(last),
                ("Home", true) => 0,
                ("End", true) => last,
                ("Home", false) => row_start,
                ("End", false) => (row_start + ROW - 1).min(last),
                _ => return,
            };
            e.prevent_default();
            on_at.emit(to);
        })
    };

    let cell = |o: usize| {
        let lit = highlight.is_some_and(|(s, e)| s <= o && o < e);
        html! {
            <span role="gridcell" id={format!("hex-{o}")} aria-selected={(o == at).to_string()}
                  class={classes!("b", section_class(section_at(sections, o)), (o == at).then_some("sel"), lit.then_some("lit"))}
                  onclick={select(o)} onmouseenter={hover_on(o)}>
                { format!("{:02x}", bytes[o]) }
            </span>
        }
    };
    let ascii = |row: usize| -> String {
        bytes[row..(row + ROW).min(page_end)]
            .iter()
            .map(|&b| {
                if (0x20..0x7f).contains(&b) {
                    b as char
                } else {
                    '·'
                }
            })
            .collect()
    };
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |range: (usize, usize)| chosen.set(Some(range)))
    };

    html! {
        <div class="hex" id="hex">
            <h4 id="hex-title">{ format!("The bytes of hello_wasm_bg.wasm ({})", size(len)) }</h4>
            <HexNav {at} {len} on_at={props.on_at.clone()} />
            <div class="hex-layout">
                <div class="hex-scroll">
                    <div id="hex-grid" class="hex-grid" role="grid" tabindex="0"
                         aria-label={format!("Bytes {}–{} of {len}", offset(page_start), offset(page_end.saturating_sub(1)))}
                         aria-activedescendant={format!("hex-{at}")} aria-describedby="hex-info hex-keys"
                         {onkeydown} {onmouseleave}>
                        { for (page_start..page_end).step_by(ROW).map(|row| html! {
                            <div role="row" class="hex-row">
                                <span role="rowheader" class="addr">{ offset(row) }</span>
                                { for (row..(row + ROW).min(page_end)).map(cell) }
                                <span class="ascii" aria-hidden="true">{ ascii(row) }</span>
                            </div>
                        }) }
                    </div>
                </div>
                <ByteInfo offset={inspected} byte={bytes[inspected.min(len.saturating_sub(1))]}
                          hovered={hover.is_some() && inspected != at} crumbs={crumbs} {highlight}
                          error={notes.error.as_ref().map(|e| e.to_string())} on_choose={on_choose} />
            </div>
            <p class="note" id="hex-keys">
                { "Keys in the grid: arrows move by a byte or a row, Page Up/Down by 256 bytes, Home/End to the row's ends, \
                   Ctrl+Home/End to the file's. Pick a line on the right to highlight that range." }
            </p>
            <SectionTable sections={sections.clone()} {at} on_at={props.on_at.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ByteInfoProps {
    offset: usize,
    byte: u8,
    /// Shown because the pointer is over it (not the selected byte).
    hovered: bool,
    /// The spans that contain the byte, outermost first.
    crumbs: Vec<Span>,
    highlight: Option<(usize, usize)>,
    error: Option<String>,
    on_choose: Callback<(usize, usize)>,
}

/// What the byte is: each enclosing range, from its section down to the field; picking
/// one highlights its bytes in the grid.
#[component]
fn ByteInfo(props: &ByteInfoProps) -> Html {
    html! {
        <div id="hex-info" class="hex-info" aria-live="polite">
            <p class="hex-byte">
                <strong>{ format!("Byte {} ({})", offset(props.offset), props.offset) }</strong>
                { format!(" = 0x{:02x}", props.byte) }
                if props.hovered { <span class="note">{ " (under the pointer)" }</span> }
            </p>
            <ol class="crumbs">
                { for props.crumbs.iter().map(|s| {
                    let range = (s.start, s.end);
                    let on = props.highlight == Some(range);
                    html! {
                        <li>
                            <button type="button" class="crumb" aria-pressed={on.to_string()}
                                    onclick={props.on_choose.reform(move |_: MouseEvent| range)}>
                                { s.label.clone() }
                            </button>
                            <span class="range">{ format!(" {}–{}, {}", offset(s.start), offset(s.end - 1), size(s.end - s.start)) }</span>
                        </li>
                    }
                }) }
            </ol>
            if let Some(e) = &props.error {
                <p class="error">{ format!("The reader stopped: {e}") }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct HexNavProps {
    at: usize,
    len: usize,
    on_at: Callback<usize>,
}

/// Previous/next page, and "go to byte" (hex or decimal).
#[component]
fn HexNav(props: &HexNavProps) -> Html {
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let (at, len) = (props.at, props.len);
    let go = |to: usize| {
        let on_at = props.on_at.clone();
        Callback::from(move |_: MouseEvent| on_at.emit(to))
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(crate::web::dom::event_value(&e).unwrap_or_default())
        })
    };
    let onsubmit = {
        let (text, error, on_at) = (text.clone(), error.clone(), props.on_at.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_offset(&text) {
                Some(o) if o < len => {
                    error.set(None);
                    on_at.emit(o);
                }
                Some(o) => error.set(Some(format!(
                    "Byte {o} is past the end: the file has {len} bytes (0 to {}).",
                    len - 1
                ))),
                None => error.set(Some(
                    "Give a byte offset as a decimal number (416) or in hex (0x1a0).".into(),
                )),
            }
        })
    };
    html! {
        <div class="hex-nav">
            <button type="button" class="button" disabled={at < PAGE} onclick={go(at.saturating_sub(PAGE))}>{ "◀ 256 bytes back" }</button>
            <button type="button" class="button" disabled={at / PAGE == len.saturating_sub(1) / PAGE}
                    onclick={go((at + PAGE).min(len.saturating_sub(1)))}>{ "256 bytes on ▶" }</button>
            <form class="goto" {onsubmit}>
                <label for="hex-goto">{ "Go to byte" }</label>
                <input id="hex-goto" type="text" inputmode="text" size="8" value={(*text).clone()} {oninput}
                       placeholder="0x1a0" aria-describedby="hex-goto-error" aria-invalid={error.is_some().to_string()} />
                <button type="submit" class="button">{ "Go" }</button>
            </form>
            <ErrorText id="hex-goto-error" message={(*error).clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SectionTableProps {
    sections: Vec<Section>,
    at: usize,
    on_at: Callback<usize>,
}

/// Every section with its colour, offset and size; a button jumps the view to it.
#[component]
fn SectionTable(props: &SectionTableProps) -> Html {
    html! {
        <div class="table-scroll">
            <table class="facts sections" id="hello-sections">
                <caption>{ "Sections, in file order (the colours of the bytes above)" }</caption>
                <thead><tr><th scope="col">{ "Section" }</th><th scope="col" class="num">{ "id" }</th>
                    <th scope="col" class="num">{ "Offset" }</th><th scope="col" class="num">{ "Size" }</th><th scope="col">{ "" }</th></tr></thead>
                <tbody>
                    <tr>
                        <th scope="row"><span class="swatch s-header" aria-hidden="true"></span>{ "header (magic, version)" }</th>
                        <td class="num">{ "–" }</td><td class="num">{ offset(0) }</td><td class="num">{ "8 B" }</td>
                        <td><button type="button" class="button subtle" onclick={props.on_at.reform(|_: MouseEvent| 0)}
                                    aria-label="Show the header">{ "Show" }</button></td>
                    </tr>
                    { for props.sections.iter().map(|s| {
                        let here = props.at >= s.offset && props.at < s.offset + s.size;
                        let o = s.offset;
                        html! {
                            <tr class={classes!(here.then_some("here"))}>
                                <th scope="row"><span class={classes!("swatch", section_class(Some(s)))} aria-hidden="true"></span>
                                    { if s.id == 0 { format!("custom “{}”", s.name) } else { s.name.clone() } }</th>
                                <td class="num">{ s.id }</td>
                                <td class="num">{ offset(s.offset) }</td>
                                <td class="num">{ size(s.size) }</td>
                                <td><button type="button" class="button subtle" onclick={props.on_at.reform(move |_: MouseEvent| o)}
                                            aria-label={format!("Show the {} section", s.name)}>{ "Show" }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
