//! The overview (`#/`): what the lab is, how to use it, the boundary every tab crosses,
//! what this browser supports and how big the module it loaded is.

use yew::prelude::*;

use crate::app::{TABS, href};
use crate::web::features::{self, format_bytes};

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
                    { "Each tab takes one idea — pure computation exported to JavaScript, strings crossing the boundary, \
                       state in WASM memory, a virtual DOM, reactive signals, a JSON bridge, canvas drawing, image filters — \
                       and runs it here, in your browser. Change the inputs and the output follows. Open “Show the Rust” to read \
                       the exact source that runs. Where there is a claim about speed, press Run: the WASM code and the same work \
                       written in JavaScript are timed in this page, and the numbers are shown as they are, also when JavaScript wins." }
                </p>
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

/// JavaScript ⇄ wasm-bindgen glue ⇄ WASM linear memory, as a small SVG.
#[component]
fn BoundaryDiagram() -> Html {
    html! {
        <svg class="boundary" viewBox="0 0 700 150" role="img"
             aria-labelledby="boundary-svg-title boundary-svg-desc">
            <title id="boundary-svg-title">{ "The JavaScript–WebAssembly boundary" }</title>
            <desc id="boundary-svg-desc">{ "JavaScript calls generated wasm-bindgen glue, which calls exported WASM functions and copies strings and bytes in and out of WASM linear memory." }</desc>
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" class="svg-arrow" />
                </marker>
            </defs>
            <rect x="10" y="30" width="190" height="80" rx="10" class="svg-box js" />
            <text x="105" y="64" class="svg-title">{ "JavaScript" }</text>
            <text x="105" y="86" class="svg-sub">{ "DOM, events, UTF-16 strings" }</text>
            <rect x="255" y="30" width="190" height="80" rx="10" class="svg-box glue" />
            <text x="350" y="64" class="svg-title">{ "wasm-bindgen glue" }</text>
            <text x="350" y="86" class="svg-sub">{ "copies, encodes, JS heap table" }</text>
            <rect x="500" y="30" width="190" height="80" rx="10" class="svg-box wasm" />
            <text x="595" y="58" class="svg-title">{ "WASM" }</text>
            <text x="595" y="80" class="svg-sub">{ "Rust code + one linear" }</text>
            <text x="595" y="96" class="svg-sub">{ "memory (UTF-8, bytes)" }</text>
            <line x1="203" y1="60" x2="252" y2="60" class="svg-line" marker-end="url(#arrow)" marker-start="url(#arrow)" />
            <line x1="448" y1="60" x2="497" y2="60" class="svg-line" marker-end="url(#arrow)" marker-start="url(#arrow)" />
            <text x="227" y="132" class="svg-sub">{ "calls" }</text>
            <text x="472" y="132" class="svg-sub">{ "numbers, pointers" }</text>
        </svg>
    }
}
