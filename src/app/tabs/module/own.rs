//! Section 4: the same reader on this page's own modules, beside the hello module.

use std::rc::Rc;

use yew::prelude::*;

use super::fmt::{bytes, duration_ms, grouped, percent};
use super::{Hello, Load, hello_status};
use crate::app::widgets::SourceView;
use crate::lab::wasm::{self, ByteTotals};
use crate::web::module as glue;

/// Decoding every instruction, a slice at a time.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    Running {
        done: usize,
    },
    Done {
        instructions: u64,
        ms: f64,
        slices: u32,
        longest_ms: f64,
    },
    Failed(String),
}

/// What the reader found in one module, and how long it took.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    pub url: String,
    pub size: usize,
    pub gzip: Option<Result<usize, String>>,
    pub totals: ByteTotals,
    pub defined: usize,
    pub imported: u32,
    /// (index, name, body bytes), largest first.
    pub largest: Vec<(u32, Option<String>, usize)>,
    pub has_names: bool,
    /// The outline: every section, size and name, without the instructions.
    pub outline_ms: f64,
    pub check: Check,
}

/// Each slice of decoding stops once it has taken this long, so the page can paint
/// and take input in between.
const SLICE_MS: f64 = 8.0;

/// Reads `bytes` with lab::wasm: the outline at once, then every body, in slices.
/// `show` gets each step.
pub async fn read(url: &str, bytes: &[u8], show: &dyn Fn(Load<Stats>)) {
    let t0 = glue::now_ms();
    let info = match wasm::inspect_outline(bytes) {
        Ok(info) => info,
        Err(e) => return show(Load::Failed(format!("the reader refused it: {e}"))),
    };
    let mut s = Stats {
        url: url.to_string(),
        size: bytes.len(),
        gzip: None,
        totals: info.byte_totals(),
        defined: info.module.functions.len(),
        imported: info.imported_functions,
        largest: info
            .largest_functions(8)
            .iter()
            .map(|f| (f.index, f.name.clone(), f.body_size))
            .collect(),
        has_names: info.function_names.iter().any(Option::is_some),
        outline_ms: glue::now_ms() - t0,
        check: Check::Running { done: 0 },
    };
    show(Load::Ready(s.clone()));
    let (mut k, mut instructions, mut ms, mut slices, mut longest) = (0, 0u64, 0.0, 0u32, 0.0f64);
    while k < s.defined {
        glue::yield_now().await;
        let start = glue::now_ms();
        while k < s.defined && glue::now_ms() - start < SLICE_MS {
            match info.decode_body(bytes, k) {
                Ok(n) => instructions += u64::from(n),
                Err(e) => {
                    s.check = Check::Failed(format!(
                        "function {} does not decode: {e}",
                        k as u32 + s.imported
                    ));
                    return show(Load::Ready(s));
                }
            }
            k += 1;
        }
        let took = glue::now_ms() - start;
        (ms, slices, longest) = (ms + took, slices + 1, longest.max(took));
        s.check = Check::Running { done: k };
        show(Load::Ready(s.clone()));
    }
    s.check = Check::Done {
        instructions,
        ms,
        slices,
        longest_ms: longest,
    };
    if glue::gzip_available() {
        show(Load::Ready(s.clone()));
        s.gzip = Some(glue::gzip_size(bytes).await);
    }
    show(Load::Ready(s));
}

async fn load(url: Option<String>, show: &dyn Fn(Load<Stats>)) {
    let Some(url) = url else {
        return show(Load::Failed(
            "this page does not say which .wasm it loaded".into(),
        ));
    };
    match glue::fetch_bytes(&url).await {
        Ok(bytes) => read(&url, &bytes, show).await,
        Err(e) => show(Load::Failed(format!("could not fetch {url}: {e}"))),
    }
}

#[derive(Properties, PartialEq)]
pub struct OwnModuleProps {
    pub hello: Load<Rc<Hello>>,
}

#[component]
pub fn OwnModule(props: &OwnModuleProps) -> Html {
    let hello = use_state(|| Load::<Stats>::Loading);
    let app = use_state(|| Load::<Stats>::Loading);
    let worker = use_state(|| Load::<Stats>::Loading);
    {
        let (hello, app, worker) = (hello.clone(), app.clone(), worker.clone());
        use_effect_with(props.hello.clone(), move |given| {
            let given = match given {
                Load::Ready(h) => Some(h.clone()),
                _ => None,
            };
            yew::platform::spawn_local(async move {
                // One after the other: the app's module is megabytes.
                if let Some(h) = given {
                    read(&h.urls.wasm, &h.bytes, &|l| hello.set(l)).await;
                }
                load(glue::app_module_url(), &|l| app.set(l)).await;
                load(glue::worker_module_url(), &|l| worker.set(l)).await;
            });
        });
    }
    let hello = match (&props.hello, &*hello) {
        (Load::Failed(e), _) => Load::Failed(e.clone()),
        (_, l) => l.clone(),
    };
    let columns = [
        ("Hello module", hello),
        ("This page", (*app).clone()),
        ("Compute worker", (*worker).clone()),
    ];
    html! {
        <section aria-labelledby="own-title">
            <h3 id="own-title">{ "4. This page's own module, read the same way" }</h3>
            <p>
                { "The lab you are using is itself a Rust crate compiled to WebAssembly. The same reader, on the very file this \
                   page loaded (and on the Compute tab's worker, a second module), beside the hello module:" }
            </p>
            { hello_status(&props.hello) }
            <ModuleTable columns={Rc::new(columns.to_vec())} />
            <Verdict hello={columns[0].1.clone()} app={columns[1].1.clone()} />
            <Largest columns={Rc::new(columns.to_vec())} />
            <SourceView path="src/lab/wasm/mod.rs" region="byte-totals" summary="Show the Rust: code, data and custom bytes" />
        </section>
    }
}

type Columns = Rc<Vec<(&'static str, Load<Stats>)>>;

#[derive(Properties, PartialEq)]
struct TableProps {
    columns: Columns,
}

/// One row per measure, one column per module.
#[component]
fn ModuleTable(props: &TableProps) -> Html {
    type Row = (&'static str, fn(&Stats) -> String);
    let rows: [Row; 11] = [
        ("File size", |s| bytes(s.size)),
        ("gzip (this browser)", |s| match &s.gzip {
            Some(Ok(n)) => bytes(*n),
            Some(Err(e)) => format!("not measured: {e}"),
            None => "–".into(),
        }),
        ("Code section", |s| share(s.totals.code, s.size)),
        ("Data section", |s| share(s.totals.data, s.size)),
        ("Custom sections", |s| share(s.totals.custom, s.size)),
        ("Everything else", |s| {
            share(s.totals.other + s.totals.header, s.size)
        }),
        ("Functions defined", |s| grouped(s.defined)),
        ("Functions imported", |s| grouped(s.imported as usize)),
        ("Function names", |s| {
            if s.has_names {
                "kept (name section)".into()
            } else {
                "none: the release build drops the name section".into()
            }
        }),
        ("Outline read in", |s| clock(s.outline_ms)),
        ("Instructions decoded", |s| match &s.check {
            Check::Running { done } => {
                format!("{} of {} bodies…", grouped(*done), grouped(s.defined))
            }
            Check::Done {
                instructions,
                ms,
                slices,
                longest_ms,
            } if *slices == 1 => format!(
                "{} in {} (one slice)",
                grouped(*instructions as usize),
                clock(*ms)
            ),
            Check::Done {
                instructions,
                ms,
                slices,
                longest_ms,
            } => format!(
                "{} in {} ({} slices, longest {})",
                grouped(*instructions as usize),
                clock(*ms),
                grouped(*slices as usize),
                clock(*longest_ms)
            ),
            Check::Failed(e) => e.clone(),
        }),
    ];
    let cell = |load: &Load<Stats>, f: fn(&Stats) -> String| match load {
        Load::Ready(s) => html! { <td>{ f(s) }</td> },
        Load::Loading => html! { <td class="note">{ "reading…" }</td> },
        Load::Failed(_) => html! { <td class="note">{ "–" }</td> },
    };
    html! {
        <>
            <div class="table-scroll" tabindex="0" role="region" aria-label="The three modules side by side">
                <table class="facts compare" id="module-compare">
                    <thead><tr><th scope="col">{ "" }</th>
                        { for props.columns.iter().map(|(title, _)| html! { <th scope="col">{ *title }</th> }) }</tr></thead>
                    <tbody>
                        { for rows.iter().map(|(name, f)| html! {
                            <tr><th scope="row">{ *name }</th>{ for props.columns.iter().map(|(_, l)| cell(l, *f)) }</tr>
                        }) }
                        <tr><th scope="row">{ "Make-up" }</th>
                            { for props.columns.iter().map(|(_, l)| html! { <td>{ bar(l) }</td> }) }</tr>
                    </tbody>
                </table>
            </div>
            { for props.columns.iter().filter_map(|(title, l)| match l {
                Load::Failed(e) => Some(html! { <p class="notice">{ format!("{title}: {e}") }</p> }),
                _ => None,
            }) }
        </>
    }
}

/// `1.95 MiB · 82.4 %`.
fn share(part: usize, whole: usize) -> String {
    format!("{} · {}", bytes(part), percent(part, whole))
}

/// A time read from `performance.now()`, which browsers coarsen (Firefox: 1 ms).
fn clock(ms: f64) -> String {
    if ms < 1.0 {
        "under 1 ms".into()
    } else {
        duration_ms(ms)
    }
}

/// A bar split into code, data, custom and the rest (the numbers are in the table).
fn bar(load: &Load<Stats>) -> Html {
    let Load::Ready(s) = load else {
        return Html::default();
    };
    let t = s.totals;
    let part = |class: &'static str, n: usize| {
        let w = if s.size == 0 {
            0.0
        } else {
            n as f64 * 100.0 / s.size as f64
        };
        html! { <span class={classes!("part", class)} style={format!("width: {w:.2}%")}></span> }
    };
    html! {
        <span class="makeup" aria-hidden="true">
            { part("code", t.code) }{ part("data", t.data) }{ part("custom", t.custom) }{ part("other", t.other + t.header) }
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct VerdictProps {
    hello: Load<Stats>,
    app: Load<Stats>,
}

/// "Tens of KB", said plainly with the numbers just measured.
#[component]
fn Verdict(props: &VerdictProps) -> Html {
    let (Load::Ready(h), Load::Ready(a)) = (&props.hello, &props.app) else {
        return Html::default();
    };
    let gz = |s: &Stats| match &s.gzip {
        Some(Ok(n)) => format!(", {} gzip", bytes(*n)),
        _ => String::new(),
    };
    html! {
        <div class="verdict-box" id="size-verdict">
            <p>
                <strong>{ "“Rust WASM binaries are tiny (tens of KB)” holds for a small crate. " }</strong>
                { format!(
                    "The hello module is {}: {} functions, {} of code. Most of them are not the four you wrote but what they use: \
                     an allocator for the strings, and the formatting machinery behind format!.",
                    bytes(h.size), h.defined, bytes(h.totals.code)
                ) }
            </p>
            <p>
                <strong>{ "It does not hold for an app. " }</strong>
                { format!(
                    "This page's module is {}{} — {} times the hello module: {} functions, {} of code and {} of data. \
                     It carries a UI framework (Yew, its router and its virtual DOM), a tab per lesson with its components, \
                     prose and benchmarks, the lab's algorithms, and std's generic code (collections, sorting, formatting) \
                     compiled once for every type it is used with. The data section holds the text and tables.",
                    bytes(a.size), gz(a), grouped(a.size / h.size.max(1)), grouped(a.defined),
                    bytes(a.totals.code), bytes(a.totals.data)
                ) }
            </p>
            <p class="note">
                { "Not the whole story: the size of a module says how long a first visit downloads and compiles, not how fast \
                   the code runs once loaded. That is what the next section measures." }
            </p>
        </div>
    }
}

/// The largest function bodies of each module.
#[component]
fn Largest(props: &TableProps) -> Html {
    html! {
        <div class="largest">
            <h4>{ "The largest functions" }</h4>
            <div class="largest-lists">
                { for props.columns.iter().map(|(title, l)| html! {
                    <div class="largest-list">
                        <h5>{ *title }</h5>
                        if let Load::Ready(s) = l {
                            <ol>
                                { for s.largest.iter().map(|(i, name, size)| html! {
                                    <li><span class="fn-name">{ name.clone().unwrap_or_else(|| format!("function {i}")) }</span>
                                        <span class="fn-size">{ format!(" {}", bytes(*size)) }</span></li>
                                }) }
                            </ol>
                            if !s.has_names {
                                <p class="note">{ "No names: the release build strips the name section (wasm-opt without -g), so functions are known by index only." }</p>
                            }
                        } else {
                            <p class="note">{ "–" }</p>
                        }
                    </div>
                }) }
            </div>
        </div>
    }
}
