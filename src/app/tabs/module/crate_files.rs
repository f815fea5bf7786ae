//! Section 1: the first crate, its sources, and the size of what the build made.

use std::rc::Rc;

use yew::prelude::*;

use super::fmt::{bytes, grouped, percent};
use super::{Hello, Load, hello_status};
use crate::app::widgets::SourceView;
use crate::web::module as glue;

#[derive(Clone, PartialEq)]
struct FileSize {
    name: &'static str,
    what: &'static str,
    raw: Result<usize, String>,
    gzip: Option<Result<usize, String>>,
}

#[derive(Properties, PartialEq)]
pub struct CrateFilesProps {
    pub hello: Load<Rc<Hello>>,
}

#[component]
pub fn CrateFiles(props: &CrateFilesProps) -> Html {
    html! {
        <section aria-labelledby="crate-title">
            <h3 id="crate-title">{ "1. A first crate, built the way a tutorial builds it" }</h3>
            <p>
                { "examples/hello-wasm is a library crate of type " }<code>{ "cdylib" }</code>
                { " with four " }<code>{ "#[wasm_bindgen]" }</code>
                { " functions and two JavaScript functions it calls. The project builds it size-first, as " }
                <code>{ "wasm-pack build --target web" }</code>
                { " would: cargo with opt-level \"z\" and LTO, then wasm-bindgen (which writes the JavaScript glue), then wasm-opt -Oz." }
            </p>
            <SourceView path="examples/hello-wasm/src/lib.rs" summary="lib.rs: the Rust" open=true />
            <SourceView path="examples/hello-wasm/Cargo.toml" summary="Cargo.toml: the crate" />
            <SourceView path="examples/hello-wasm/build.sh" summary="build.sh: how this project builds it" />
            <h4>{ "What the build made" }</h4>
            { hello_status(&props.hello) }
            if let Load::Ready(hello) = &props.hello {
                <Sizes hello={hello.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SizesProps {
    hello: Rc<Hello>,
}

/// The served files, measured in this page: their bytes, and gzip by the browser.
#[component]
fn Sizes(props: &SizesProps) -> Html {
    let sizes = use_state(Vec::<FileSize>::new);
    {
        let sizes = sizes.clone();
        let hello = props.hello.clone();
        use_effect_with(props.hello.clone(), move |_| {
            yew::platform::spawn_local(async move {
                let urls = &hello.urls;
                let files = [
                    ("hello_wasm_bg.wasm", "the module", urls.wasm.clone()),
                    (
                        "hello_wasm.js",
                        "the glue wasm-bindgen wrote",
                        urls.glue.clone(),
                    ),
                    (
                        "index.js",
                        "the tutorial's page script",
                        urls.snippet.clone(),
                    ),
                ];
                let mut done = Vec::new();
                for (name, what, url) in files {
                    let fetched = if name.ends_with(".wasm") {
                        Ok(hello.bytes.to_vec())
                    } else {
                        glue::fetch_bytes(&url).await
                    };
                    let gzip = match &fetched {
                        Ok(b) if glue::gzip_available() => Some(glue::gzip_size(b).await),
                        _ => None,
                    };
                    done.push(FileSize {
                        name,
                        what,
                        raw: fetched.map(|b| b.len()),
                        gzip,
                    });
                    sizes.set(done.clone());
                }
            });
        });
    }
    let cell = |r: &Result<usize, String>| match r {
        Ok(n) => {
            html! { <td class="num">{ bytes(*n) }<span class="exact">{ format!(" ({} B)", grouped(*n)) }</span></td> }
        }
        Err(e) => html! { <td class="num error">{ format!("not measured: {e}") }</td> },
    };
    let info = &props.hello.info;
    let total = props.hello.bytes.len();
    let names = info
        .module
        .sections
        .iter()
        .find(|s| s.id == 0 && s.name == "name")
        .map(|s| s.size);
    html! {
        <>
            // Scrolls sideways on a phone: focusable and named, so a keyboard can scroll it.
            <div class="table-scroll" tabindex="0" role="region" aria-label="Sizes of the built files">
                <table class="facts sizes" id="hello-sizes">
                    <thead><tr><th scope="col">{ "File" }</th><th scope="col">{ "What it is" }</th>
                        <th scope="col" class="num">{ "Bytes" }</th><th scope="col" class="num">{ "gzip" }</th></tr></thead>
                    <tbody>
                        { for sizes.iter().map(|f| html! {
                            <tr>
                                <th scope="row"><code>{ f.name }</code></th>
                                <td>{ f.what }</td>
                                { cell(&f.raw) }
                                { match &f.gzip {
                                    Some(g) => cell(g),
                                    None => html! { <td class="num note">{ "unavailable" }</td> },
                                } }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="note">
                { "Measured in this page: each file fetched and its bytes counted; gzip by the browser's own " }
                <code>{ "CompressionStream" }</code>
                { if glue::gzip_available() { " at its default level (a server may compress a little harder)." } else { ", which this browser does not have, so gzip sizes are unavailable." } }
            </p>
            <p id="hello-names">{
                match names {
                    Some(n) => format!(
                        "The module keeps its name section: {} of its {} ({}) are function names, kept on purpose (wasm-opt -g) \
                         so that the lists below can say add rather than “function 3”. A build without them is {}.",
                        bytes(n), bytes(total), percent(n, total), bytes(total.saturating_sub(n))
                    ),
                    None => "This build of the module has no name section, so functions below are known only by number.".to_string(),
                }
            }</p>
        </>
    }
}
