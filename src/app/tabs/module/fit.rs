//! Section 5: the tutorial's lists of where WASM fits, each line with the evidence this
//! lab has (the other tabs' benchmark cases, run here with the shared harness) and the
//! verdict its numbers give.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::Load;
use super::fmt::{bytes, duration_ms};
use crate::app::widgets::SourceView;
use crate::app::{TABS, href};
use crate::lab::wasm::fit::{self, Claim, Evidence, USE_CASES, UseCase, Verdict};
use crate::web::module::{self as glue, CaseRun};

#[derive(Clone, PartialEq)]
struct Progress {
    done: usize,
    total: usize,
    line: &'static str,
    current: String,
}

/// The runs so far: each case by name, and how long each line took to measure.
#[derive(Clone, Default, PartialEq)]
struct Measured {
    runs: HashMap<String, CaseRun>,
    took_ms: HashMap<&'static str, f64>,
}

/// What this page's HTML holds before the module runs.
#[derive(Clone, PartialEq)]
struct PageFact {
    bytes: usize,
    has_lesson_text: bool,
}

/// Words of this tab's first paragraph: in the page only once the module has run.
const LEDE_WORDS: &str = "A WebAssembly module is one binary file";

#[component]
pub fn WhenToUse() -> Html {
    let results = use_state(|| Rc::new(Measured::default()));
    let progress = use_state(|| None::<Progress>);
    let stop = use_mut_ref(|| false);
    let page = use_state(|| Load::<PageFact>::Loading);
    {
        let page = page.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let fact = match glue::page_url() {
                    Some(url) => match glue::fetch_bytes(&url).await {
                        Ok(b) => Load::Ready(PageFact {
                            bytes: b.len(),
                            has_lesson_text: String::from_utf8_lossy(&b).contains(LEDE_WORDS),
                        }),
                        Err(e) => Load::Failed(e),
                    },
                    None => Load::Failed("the page has no address".into()),
                };
                page.set(fact);
            });
        });
    }
    let run = {
        let (results, progress, stop) = (results.clone(), progress.clone(), stop.clone());
        Callback::from(move |lines: Vec<&'static UseCase>| {
            if progress.is_some() {
                return;
            }
            *stop.borrow_mut() = false;
            let (results, progress, stop) = (results.clone(), progress.clone(), stop.clone());
            yew::platform::spawn_local(async move {
                let mut all = (**results).clone();
                let total: usize = lines.iter().map(|l| cases_of(l).len()).sum();
                let mut done = 0;
                for line in lines {
                    if *stop.borrow() {
                        break;
                    }
                    let names = cases_of(line);
                    let shown = progress.clone();
                    let base = done;
                    let t0 = glue::now_ms();
                    let runs = glue::run_cases(names, move |k, _, label| {
                        shown.set(Some(Progress {
                            done: base + k,
                            total,
                            line: line.name,
                            current: label.to_string(),
                        }));
                    })
                    .await;
                    done += names.len();
                    all.took_ms.insert(line.id, glue::now_ms() - t0);
                    for r in runs {
                        all.runs.insert(r.name.clone(), r);
                    }
                    results.set(Rc::new(all.clone()));
                }
                progress.set(None);
            });
        })
    };
    let total_seconds: u32 = USE_CASES.iter().map(|u| u.typical_seconds).sum();
    let all_lines: Vec<&'static UseCase> = USE_CASES
        .iter()
        .filter(|u| !cases_of(u).is_empty())
        .collect();
    let on_all = run.reform(move |_: MouseEvent| all_lines.clone());
    let on_stop = {
        let stop = stop.clone();
        Callback::from(move |_: MouseEvent| *stop.borrow_mut() = true)
    };
    let running = progress.is_some();
    html! {
        <section aria-labelledby="fit-title">
            <h3 id="fit-title">{ "5. When to use WASM, measured" }</h3>
            <p>
                { "Tutorials end with two lists: where WebAssembly shines and where it does not. Here is each line with the \
                   evidence this lab has — the benchmark cases of the other tabs, the same WASM-vs-JavaScript pairs the Bench \
                   tab runs, timed here in your browser with the same harness — and the verdict its numbers give. Where the lab \
                   has no evidence, the line says so." }
            </p>
            <div class="fit-controls">
                <button type="button" class="button primary" id="fit-run-all" disabled={running} onclick={on_all}>
                    { format!("Measure every line (about {total_seconds} s)") }
                </button>
                if running {
                    <button type="button" class="button" onclick={on_stop}>{ "Stop after this case" }</button>
                }
            </div>
            <p class="note">
                { "Each case runs a moment on each side, yielding between samples so the page keeps painting. Preparing a \
                   tab's inputs (a 33 MB image, JSON documents, a 1,000-row table) can hold the page for up to about a second." }
            </p>
            <ProgressLine progress={(*progress).clone()} />
            <div class="table-scroll">
                <table class="fit" id="fit-table">
                    <thead><tr>
                        <th scope="col">{ "The tutorial says" }</th>
                        <th scope="col">{ "Evidence in this lab" }</th>
                        <th scope="col">{ "Verdict" }</th>
                    </tr></thead>
                    <tbody>
                        { for USE_CASES.iter().map(|u| html! {
                            <FitRow line={u} results={(*results).clone()} {running} page={(*page).clone()}
                                    on_run={run.reform(move |_: ()| vec![u])} />
                        }) }
                    </tbody>
                </table>
            </div>
            <SourceView path="src/lab/wasm/fit.rs" region="verdict" summary="Show the Rust: from ratios to a verdict" />
        </section>
    }
}

fn cases_of(line: &UseCase) -> &'static [&'static str] {
    match line.evidence {
        Evidence::Bench(names) => names,
        _ => &[],
    }
}

#[derive(Properties, PartialEq)]
struct ProgressProps {
    progress: Option<Progress>,
}

#[component]
fn ProgressLine(props: &ProgressProps) -> Html {
    html! {
        <div class="fit-progress" role="status" aria-live="polite">
            if let Some(p) = &props.progress {
                <progress max={p.total.to_string()} value={p.done.to_string()} aria-label="Cases measured"></progress>
                <span>{ format!("Case {} of {} — {}: {}", (p.done + 1).min(p.total), p.total, p.line, p.current) }</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FitRowProps {
    line: &'static UseCase,
    results: Rc<Measured>,
    running: bool,
    page: Load<PageFact>,
    on_run: Callback<()>,
}

#[component]
fn FitRow(props: &FitRowProps) -> Html {
    let line = props.line;
    let names = cases_of(line);
    let runs: Vec<Option<&CaseRun>> = names.iter().map(|n| props.results.runs.get(*n)).collect();
    let took = props.results.took_ms.get(line.id).copied();
    let speedups: Vec<Option<f64>> = runs
        .iter()
        .map(|r| r.and_then(|r| r.result.as_ref().ok()).map(|(w, j)| j / w))
        .collect();
    let claim = match line.claim {
        Claim::Good => html! { <span class="claim good">{ "good use" }</span> },
        Claim::NotIdeal => html! { <span class="claim not-ideal">{ "not ideal" }</span> },
    };
    let tab = line.tab.and_then(|id| TABS.iter().find(|t| t.id == id));
    let verdict = match (fit::verdict(line, &speedups), line.evidence) {
        (_, Evidence::ThisPage) => page_verdict(&props.page),
        (Verdict::NoEvidence, _) => {
            html! { <span class="verdict none">{ "No evidence in this lab: no verdict." }</span> }
        }
        (Verdict::NotMeasured, _) => {
            html! { <span class="verdict none">{ "Not measured yet." }</span> }
        }
        (Verdict::Measured { holds, summary }, _) => {
            let (class, word) = match holds {
                Some(true) => ("holds", "Holds here"),
                Some(false) => ("fails", "Not here"),
                None => ("mixed", "Mixed"),
            };
            html! { <span class={classes!("verdict", class)}><strong>{ format!("{word}: ") }</strong>{ summary }</span> }
        }
    };
    let onclick = props.on_run.reform(|_: MouseEvent| ());
    html! {
        <tr id={format!("fit-{}", line.id)}>
            <th scope="row"><span class="use">{ line.name }</span>{ claim }</th>
            <td>
                <p class="about">{ line.about }</p>
                if !names.is_empty() {
                    <ul class="cases">
                        { for names.iter().zip(&runs).map(|(n, r)| html! { <li>{ case_line(n, *r) }</li> }) }
                    </ul>
                    <button type="button" class="button" disabled={props.running} {onclick}
                            aria-label={format!("Measure {} (about {} s)", line.name, line.typical_seconds)}>
                        { format!("Measure (about {} s)", line.typical_seconds) }
                    </button>
                    if let Some(ms) = took {
                        <span class="took">{ format!(" took {} here", duration_ms(ms)) }</span>
                    }
                }
            </td>
            <td>
                { verdict }
                if let Some(t) = tab {
                    <p class="where"><a href={href(t.route)}>{ format!("See the {} tab", t.title) }</a></p>
                }
            </td>
        </tr>
    }
}

fn case_line(name: &str, run: Option<&CaseRun>) -> Html {
    match run {
        None => html! { <code>{ name.to_string() }</code> },
        Some(CaseRun {
            label,
            result: Ok((w, j)),
            ..
        }) => html! {
            <>
                <span class="case-label">{ label.clone() }</span>
                { format!(": WASM {}, JS {}", duration_ms(*w), duration_ms(*j)) }
            </>
        },
        Some(CaseRun { result: Err(e), .. }) => html! {
            <><code>{ name.to_string() }</code><span class="error">{ format!(": {e}") }</span></>
        },
    }
}

fn page_verdict(page: &Load<PageFact>) -> Html {
    match page {
        Load::Loading => {
            html! { <span class="verdict none">{ "Reading this page's HTML…" }</span> }
        }
        Load::Failed(e) => {
            html! { <span class="verdict none">{ format!("Could not read this page's HTML: {e}") }</span> }
        }
        Load::Ready(p) if !p.has_lesson_text => html! {
            <span class="verdict holds"><strong>{ "Holds for this page: " }</strong>{ format!(
                "its HTML ({}) holds the frame and a loading line, none of the lessons' text. A crawler that does not run \
                 the module sees no content; a site whose pages must be found by search renders them as HTML first.",
                bytes(p.bytes)
            ) }</span>
        },
        Load::Ready(p) => html! {
            <span class="verdict mixed">{ format!("This page's HTML ({}) already holds the lesson text.", bytes(p.bytes)) }</span>
        },
    }
}
