//! The overview (`#/`): what the lab is, how to use it, the boundary every tab crosses,
//! what this browser supports and how big the module it loaded is.

use yew::prelude::*;

use crate::app::{TABS, href};
use crate::web::features::{self, format_bytes};

/// The tutorial these lessons answer, as (title, link). The repository does not record
/// which one it is: set it here and the overview names and links it; left `None`, the
/// overview describes the kind of tutorial in words.
pub const TUTORIAL: Option<(&str, &str)> = None;

#[component]
pub fn Overview() -> Html {
    // Probing is cheap (a few tiny validations) but needs the DOM: do it once on mount.
    let detected = use_memo((), |_| features::detect());
    let size = use_state(|| None::<features::WasmSize>);
    {
        let size = size.clone();
        use_effect_with((), move |_| size.set(features::loaded_wasm_size()));
    }

    let yes_no = |ok: bool| {
        if ok {
            html! { <span class="ok">{ "yes" }</span> }
        } else {
            html! { <span class="no">{ "no" }</span> }
        }
    };
    html! {
        <div class="overview">
            <section class="lede">
                <h2>{ "Rust and WebAssembly, working in front of you" }</h2>
                <p>
                    { "Each tab takes one idea — a first tiny module built, loaded and called from JavaScript, what a .wasm file holds, \
                       pure computation exported to JavaScript, strings crossing the boundary, \
                       state in WASM memory, a virtual DOM, reactive signals, a JSON bridge, canvas drawing, image filters — \
                       and runs it here, in your browser. Change the inputs and the output follows. Open “Show the Rust” to read \
                       the exact source that runs. Where there is a claim about speed, press Run: the WASM code and the same work \
                       written in JavaScript are timed in this page, and the numbers are shown as they are, also when JavaScript wins." }
                </p>
                <TutorialNote />
            </section>

            <section aria-labelledby="boundary-title">
                <h3 id="boundary-title">{ "The boundary every tab crosses" }</h3>
                <BoundaryDiagram />
                <p class="note">
                    { "JavaScript cannot see Rust values: it sees numbers and a byte array (linear memory). The glue code that \
                       wasm-bindgen generates copies strings and bytes across and keeps JS objects in a table. Every crossing has a \
                       cost; the tabs measure it." }
                </p>
            </section>

            <section aria-labelledby="support-title">
                <h3 id="support-title">{ "What this browser supports" }</h3>
                <table class="facts">
                    <tbody>
                        <tr><th scope="row">{ "Browser" }</th><td>{ features::browser_name(&detected.user_agent) }</td></tr>
                        <tr><th scope="row">{ "SIMD (128-bit)" }</th><td id="feature-simd">{ yes_no(detected.simd) }</td></tr>
                        <tr><th scope="row">{ "Bulk memory" }</th><td id="feature-bulk-memory">{ yes_no(detected.bulk_memory) }</td></tr>
                        <tr><th scope="row">{ "Threads (atomics)" }</th><td id="feature-threads">{ yes_no(detected.threads_validate) }</td></tr>
                        <tr><th scope="row">{ "SharedArrayBuffer usable" }</th>
                            <td id="feature-sab">{ yes_no(detected.shared_memory) }
                                if !detected.shared_memory {
                                    <span class="note">{ " — needs a cross-origin isolated page (COOP/COEP headers), which GitHub Pages cannot send" }</span>
                                }
                            </td></tr>
                        <tr><th scope="row">{ "Logical cores" }</th><td>{ detected.cores }</td></tr>
                        <tr><th scope="row">{ "This page's .wasm" }</th>
                            <td id="wasm-size">{
                                match &*size {
                                    Some(s) if s.decoded_bytes > 0.0 => html! {
                                        <>
                                            { format!("{} uncompressed", format_bytes(s.decoded_bytes)) }
                                            if s.transfer_bytes > 0.0 {
                                                { format!(", {} over the network", format_bytes(s.transfer_bytes)) }
                                            } else if s.encoded_bytes > 0.0 && s.encoded_bytes < s.decoded_bytes {
                                                { format!(", {} compressed (from cache)", format_bytes(s.encoded_bytes)) }
                                            }
                                        </>
                                    },
                                    _ => html! { { "not reported by this browser" } },
                                }
                            }</td></tr>
                    </tbody>
                </table>
            </section>

            <section aria-labelledby="tabs-title">
                <h3 id="tabs-title">{ "The tabs" }</h3>
                <ul class="tab-cards">
                    { for TABS.iter().skip(1).map(|t| html! {
                        <li><a href={href(t.route)}><strong>{ t.title }</strong><span>{ t.summary }</span></a></li>
                    }) }
                </ul>
                <p class="note">{ "Keyboard: the tab bar takes Left/Right, Home and End. Every page has its own link, so you can share what you see." }</p>
            </section>
        </div>
    }
}

/// Where the lessons come from: the tutorial they answer, named once here; everywhere
/// else the lab calls that code "the tutorial's version".
#[component]
fn TutorialNote() -> Html {
    let what = "a counter kept in WASM state, a home-made virtual DOM, a naive signal, a JSON bridge, \
                canvas drawing and image filters, with claims such as “WASM is much faster than JavaScript” \
                and “Rust WASM binaries are tiny”";
    html! {
        <p id="tutorial-note">
            if let Some((title, link)) = TUTORIAL {
                { "These lessons answer " }<a href={link}>{ title }</a>{ format!(": {what}.") }
            } else {
                { format!("These lessons answer the kind of Rust + WebAssembly tutorial many people start from: {what}.") }
            }
            { " Each tab builds that idea with care and measures the claim. Where a tab shows code written the way \
               such a tutorial writes it, it calls it “the tutorial’s version”." }
        </p>
    }
}

/// JavaScript ⇄ wasm-bindgen glue ⇄ WASM linear memory. Boxes of real text rather than
/// a scaled drawing: on a phone they stack, and the words keep their size.
#[component]
fn BoundaryDiagram() -> Html {
    let link = |label: &str| {
        html! {
            <div class="b-link">
                <span class="b-arrow" aria-hidden="true"></span>
                <span class="b-label">{ label.to_owned() }</span>
            </div>
        }
    };
    html! {
        <figure class="boundary" aria-label="The JavaScript–WebAssembly boundary">
            <div class="b-box b-js"><strong>{ "JavaScript" }</strong><span>{ "DOM, events, UTF-16 strings" }</span></div>
            { link("calls") }
            <div class="b-box b-glue"><strong>{ "wasm-bindgen glue" }</strong><span>{ "copies, encodes, JS heap table" }</span></div>
            { link("numbers, pointers") }
            <div class="b-box b-wasm"><strong>{ "WASM" }</strong><span>{ "Rust code + one linear memory (UTF-8, bytes)" }</span></div>
        </figure>
    }
}
