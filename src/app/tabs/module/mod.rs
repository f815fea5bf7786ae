//! The Module tab (`#/module`): the `.wasm` itself. A first crate (examples/hello-wasm)
//! built the way a tutorial builds it, loaded by the tutorial's own page script and
//! called from a console; what its bytes say, read by `lab::wasm`; the same reader on
//! this page's own modules; and when WASM is worth it, from the lab's measurements.
//!
//! The hello module is fetched and read once here and handed to every section.
//! Browser work (files, the console's worker, the engine's view, benchmarks) is in
//! `web::module`; the reader and the notes are `lab::wasm`.

mod console;
mod console_view;
mod crate_files;
mod fit;
mod fmt;
mod functions;
mod hex;
mod inside;
mod interface;
mod own;

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::lab::wasm::{self, ModuleInfo};
use crate::web::module::{self as glue, HelloUrls};

/// The hello module as the tab read it.
pub struct Hello {
    pub urls: HelloUrls,
    pub bytes: Rc<[u8]>,
    pub info: Rc<ModuleInfo>,
}

impl PartialEq for Hello {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.bytes, &other.bytes)
    }
}

/// Something loaded in the background.
#[derive(Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// The tab's state in the URL: the byte the hex view shows and the function whose
/// instructions are listed, `#/module?at=0x1a0&fn=12`. Never anything typed in the
/// console: a link must not carry code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct ModuleQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(default, rename = "fn", skip_serializing_if = "Option::is_none")]
    func: Option<u32>,
}

/// `0x1a0` or `416`.
pub fn parse_offset(text: &str) -> Option<usize> {
    let t = text.trim();
    match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(hex) => usize::from_str_radix(hex, 16).ok(),
        None => t.parse().ok(),
    }
}

#[component]
pub fn ModuleTab() -> Html {
    let location = use_location();
    let navigator = use_navigator();
    let initial = use_memo((), |_| {
        location
            .and_then(|l| l.query::<ModuleQuery>().ok())
            .unwrap_or_default()
    });
    let at = use_state(|| initial.at.as_deref().and_then(parse_offset).unwrap_or(0));
    let func = use_state(|| initial.func);
    let hello = use_state(|| Load::<Rc<Hello>>::Loading);
    {
        let hello = hello.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                hello.set(load_hello().await);
            });
        });
    }

    let write_url = {
        let navigator = navigator.clone();
        move |at: usize, func: Option<u32>| {
            let query = ModuleQuery {
                at: (at > 0).then(|| fmt::offset(at)),
                func,
            };
            if let Some(nav) = &navigator {
                // A URL that cannot be written only loses the link.
                let _ = nav.replace_with_query(&Route::Module, &query);
            }
        }
    };
    let on_at = {
        let (at, func, write_url) = (at.clone(), func.clone(), write_url.clone());
        Callback::from(move |o: usize| {
            write_url(o, *func);
            at.set(o);
        })
    };
    let on_fn = {
        let (at, func) = (at.clone(), func.clone());
        Callback::from(move |f: u32| {
            write_url(*at, Some(f));
            func.set(Some(f));
        })
    };

    html! {
        <div class="module">
            <section class="lede">
                <h2>{ "The .wasm itself: from Rust source to bytes to a call from JavaScript" }</h2>
                <p class="lede-text" id="module-lede">
                    { "A WebAssembly module is one binary file: a header and a list of sections — the function \
                       signatures, what the module needs from JavaScript (imports), what it offers (exports), the \
                       compiled code, the initial memory. Every tab of this lab runs inside such a file. Here is the \
                       smallest honest one — a first crate, built the way a tutorial builds it — loaded by the \
                       tutorial's own three lines of JavaScript, called from a console, and read byte by byte; then \
                       the same reader on this page's own module, to see why an app is not \"tens of KB\", and what \
                       this lab's measurements say about when WASM is worth it." }
                </p>
            </section>
            <crate_files::CrateFiles hello={(*hello).clone()} />
            <console::ConsoleSection />
            <inside::Inside hello={(*hello).clone()} at={*at} func={*func} {on_at} {on_fn} />
            <own::OwnModule hello={(*hello).clone()} />
            <fit::WhenToUse />
        </div>
    }
}

async fn load_hello() -> Load<Rc<Hello>> {
    let urls = match glue::hello_urls() {
        Ok(urls) => urls,
        Err(e) => return Load::Failed(e),
    };
    let bytes = match glue::fetch_bytes(&urls.wasm).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return Load::Failed(format!(
                "could not load {}: {e}. The build puts it next to the page (examples/hello-wasm/build.sh).",
                urls.wasm
            ));
        }
    };
    match wasm::inspect(&bytes) {
        Ok(info) => Load::Ready(Rc::new(Hello {
            urls,
            bytes: bytes.into(),
            info: Rc::new(info),
        })),
        Err(e) => Load::Failed(format!(
            "the file is not a module this reader can read: {e}"
        )),
    }
}

/// The message a section shows while the hello module loads or when it cannot.
pub fn hello_status(hello: &Load<Rc<Hello>>) -> Html {
    match hello {
        Load::Loading => {
            html! { <p class="note" role="status">{ "Loading the hello module…" }</p> }
        }
        Load::Failed(e) => html! { <p class="notice" role="alert">{ e.clone() }</p> },
        Load::Ready(_) => Html::default(),
    }
}
