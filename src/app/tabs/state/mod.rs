//! The State tab (`#/state`): a counter, a list and a score table that live in WASM
//! linear memory, reached only through exported functions (`crate::web::state`), saved to
//! localStorage on every change, with the memory facts JavaScript can and cannot see.
//!
//! The parent keeps the call log and a revision number; every panel calls the exported
//! functions, reports the call (which bumps the revision) and reads what it shows back
//! through the same functions when it renders.

mod counter;
mod items;
mod memory;
mod persist;
mod scores;

use std::rc::Rc;

use stylist::yew::use_style;
use yew::prelude::*;

use crate::app::widgets::SourceView;
use crate::lab::fmt::{bytes_f64, grouped, plural};
use crate::web::state::{self as module, OtherTab, SaveStatus, StartupNotice};

const LOG_LINES: usize = 12;
const GROWTH_LINES: usize = 6;

/// One call the tab made through an exported function, as JavaScript would write it.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub text: String,
    /// False when the call threw (the log shows it in the error colour).
    pub ok: bool,
}

impl Call {
    pub fn ok(text: impl Into<String>) -> Call {
        Call {
            text: text.into(),
            ok: true,
        }
    }
    pub fn threw(text: impl Into<String>) -> Call {
        Call {
            text: text.into(),
            ok: false,
        }
    }
}

/// What every panel gets: the revision (any change re-renders them all) and where to
/// report calls.
#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps {
    pub rev: u64,
    pub on_call: Callback<Call>,
}

/// One step of memory growth, with the call after which it was seen.
#[derive(Clone, Debug, PartialEq)]
pub struct Growth {
    pub from: f64,
    pub to: f64,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq)]
struct Lab {
    rev: u64,
    next_id: u64,
    log: Vec<(u64, Call)>,
    memory_at_start: f64,
    memory_last: f64,
    growth: Vec<Growth>,
}

enum Action {
    Called(Call),
    /// Something outside a call changed (a save finished, time passed): re-read.
    Refresh,
}

impl Reducible for Lab {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.rev = next.rev.wrapping_add(1);
        let bytes = module::state_memory_bytes();
        let cause = match &action {
            Action::Called(call) => call.text.clone(),
            Action::Refresh => "work between calls (drawing the page, saving)".to_owned(),
        };
        if bytes > next.memory_last {
            next.growth.insert(
                0,
                Growth {
                    from: next.memory_last,
                    to: bytes,
                    after: cause,
                },
            );
            next.growth.truncate(GROWTH_LINES);
            next.memory_last = bytes;
        }
        if let Action::Called(call) = action {
            next.log.insert(0, (next.next_id, call));
            next.log.truncate(LOG_LINES);
            next.next_id += 1;
        }
        // A refresh always moves the revision, even with nothing new in here: the save
        // status lives outside this value and must be re-read.
        Rc::new(next)
    }
}

#[component]
pub fn StateTab() -> Html {
    // Read storage before any panel renders, so the first frame already shows it.
    let startup = use_state(module::restore_once);
    let lab = use_reducer(|| {
        let bytes = module::state_memory_bytes();
        Lab {
            rev: 0,
            next_id: 0,
            log: Vec::new(),
            memory_at_start: bytes,
            memory_last: bytes,
            growth: Vec::new(),
        }
    });

    {
        // Save-status changes (a debounced save finishing, a quota error) re-render us;
        // leaving the tab or hiding the page writes any save still waiting.
        let dispatcher = lab.dispatcher();
        use_effect_with((), move |_| {
            let listener: Rc<dyn Fn()> = Rc::new(move || dispatcher.dispatch(Action::Refresh));
            module::set_listener(Some(listener));
            let pagehide = web_sys::window()
                .map(|w| gloo::events::EventListener::new(&w, "pagehide", |_| module::flush()));
            move || {
                drop(pagehide);
                module::set_listener(None);
                module::flush();
            }
        });
    }
    {
        // Linear memory can also grow outside our calls (other code allocating):
        // look once a second.
        let dispatcher = lab.dispatcher();
        let last = lab.memory_last;
        use_effect_with(last, move |last| {
            let last = *last;
            let interval = gloo::timers::callback::Interval::new(1000, move || {
                if module::state_memory_bytes() != last {
                    dispatcher.dispatch(Action::Refresh);
                }
            });
            move || drop(interval)
        });
    }

    // Another browser tab saving the same key: say so instead of overwriting silently.
    let other = use_state(|| None::<OtherTab>);
    {
        let other = other.clone();
        use_effect_with((), move |_| {
            let listener = module::watch_other_tabs(move |change| other.set(Some(change)));
            move || drop(listener)
        });
    }

    let on_call = {
        let dispatcher = lab.dispatcher();
        let other = other.clone();
        Callback::from(move |call: Call| {
            // A change here has been saved over the other tab's state: the question is moot.
            other.set(None);
            dispatcher.dispatch(Action::Called(call))
        })
    };
    let on_other = {
        let other = other.clone();
        let on_call = on_call.clone();
        let dispatcher = lab.dispatcher();
        Callback::from(move |load: bool| {
            let Some(change) = (*other).clone() else {
                return;
            };
            match (load, change) {
                (true, OtherTab::Saved { text, .. }) => match module::state_load_json(&text) {
                    Ok(()) => on_call.emit(Call::ok(
                        "wasm.state_load_json(<the other tab's save>) → undefined",
                    )),
                    Err(e) => on_call.emit(Call::threw(format!(
                        "wasm.state_load_json(<the other tab's save>) threw: {}",
                        module::CallError::from_js(&e).message
                    ))),
                },
                _ => {
                    module::save_now();
                    dispatcher.dispatch(Action::Refresh);
                }
            }
            other.set(None);
        })
    };
    let on_discard = {
        let startup = startup.clone();
        let on_call = on_call.clone();
        Callback::from(move |_| {
            module::discard_unreadable();
            startup.set(module::restore_once());
            on_call.emit(Call::ok(
                "(page) removed the unreadable copy; saving resumed",
            ));
        })
    };

    let style = use_style!(
        r#"
        .state-grid { align-items: start; }
        .state-col { display: flex; flex-direction: column; gap: 1rem; min-width: 0; }
        .card h3 { margin: 0 0 0.5rem; font-size: 1.1rem; }
        .row-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
        .mono { font-family: var(--mono); }
        .bad { color: var(--bad); }
        .notice.problem { background: var(--bad-soft); border-color: var(--bad); }
        .notice p { margin: 0.25rem 0; }
        .state-tab > .notice { margin-bottom: 0.75rem; }
        .call-log {
            list-style: none; margin: 0; padding: 0;
            font-family: var(--mono); font-size: 0.88rem;
            max-height: 16rem; overflow-y: auto;
        }
        .call-log li { padding: 0.2rem 0; border-bottom: 1px dashed var(--border); overflow-wrap: anywhere; }
        .call-log li:first-child { font-weight: 600; }
        .call-log li.threw { color: var(--bad); }
        .save-line { margin: 0 0 0.75rem; }
        h4 { margin: 1rem 0 0.4rem; font-size: 0.98rem; }
        .counter-line { margin: 0.25rem 0 0.75rem; }
        .counter-value { font-size: 2rem; font-weight: 700; overflow-wrap: anywhere; }
        .inline-form { margin: 0 0 0.5rem; }
        .inline-form label { display: block; margin-bottom: 0.25rem; }
        .input-row { display: flex; gap: 0.5rem; }
        .input-row input { flex: 1 1 auto; min-width: 0; }
        .input-row .button { flex: 0 0 auto; white-space: nowrap; }
        .bulk { margin-top: 0.5rem; }
        .bulk progress { flex: 1 1 8rem; min-width: 6rem; accent-color: var(--accent); }
        .list-count { margin: 0.75rem 0 0.35rem; font-weight: 500; }
        .item-list { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--border); }
        .item-row {
            display: flex; align-items: center; gap: 0.5rem;
            padding: 0.2rem 0.25rem; border-bottom: 1px solid var(--border);
            min-height: 2.1rem;
        }
        .item-row:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; background: var(--accent-soft); }
        .item-row:focus { background: var(--accent-soft); }
        .item-no { color: var(--muted); font-size: 0.82rem; min-width: 4.2rem; text-align: right; flex: 0 0 auto; }
        .item-text { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .item-buttons { display: flex; gap: 0.25rem; flex: 0 0 auto; }
        .button.icon { padding: 0.1rem 0.5rem; min-width: 2rem; line-height: 1.5; }
        .button.icon:disabled { opacity: 0.4; cursor: default; }
        .button.remove:hover { border-color: var(--bad); color: var(--bad); }
        .button.danger { background: var(--bad); border-color: var(--bad); color: var(--surface); font-weight: 600; }
        .pager { margin: 0.6rem 0; }
        .goto .input-row { max-width: 16rem; }
        .score-form { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) auto; gap: 0.5rem; align-items: start; }
        .score-form .field { display: flex; flex-direction: column; gap: 0.25rem; min-width: 0; }
        .score-form .submit { align-self: start; padding-top: 1.55rem; }
        .slider-row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin-top: 0.75rem; }
        .slider-row input { flex: 1 1 10rem; accent-color: var(--accent); }
        .score-table { border-collapse: collapse; width: 100%; }
        .score-table th, .score-table td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--border); }
        .score-table td.num { text-align: right; }
        .score-table .score-name { overflow-wrap: anywhere; }
        .sort-button { font: inherit; font-weight: 600; color: var(--text); background: none; border: 0; padding: 0.2rem 0; cursor: pointer; }
        .sort-button:hover { color: var(--accent); }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .state-col > section { margin-top: 0; }
        .memory-facts { margin: 0; display: grid; gap: 0.6rem; }
        .memory-facts > div { border-bottom: 1px solid var(--border); padding-bottom: 0.5rem; }
        .memory-facts dt { color: var(--muted); font-size: 0.9rem; }
        .memory-facts dd { margin: 0.1rem 0 0; overflow-wrap: anywhere; }
        .memory-facts .big { font-size: 1.15rem; font-weight: 600; }
        .note.block { display: block; margin-top: 0.2rem; }
        .growth { margin: 0; padding-left: 1.2rem; font-size: 0.9rem; }
        .readout { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.25rem 0.75rem; margin: 0.5rem 0; }
        .readout dt { color: var(--muted); }
        .readout dd { margin: 0; overflow-wrap: anywhere; }
        .import { display: flex; flex-direction: column; gap: 0.35rem; margin-top: 1rem; }
        .import input { max-width: 100%; }
        .reset { margin-top: 1rem; }
        .confirm { max-width: none; }
        .source-view pre code { white-space: pre; }
        @media (max-width: 720px) {
            .score-form { grid-template-columns: minmax(0, 1fr); }
            .score-form .submit { padding-top: 0; }
            .item-no { min-width: 2.5rem; }
        }
        "#
    );

    let rev = lab.rev;
    html! {
        <div class={classes!(style, "state-tab")}>
            <section class="lede">
                <h2>{ "State" }</h2>
                <p>
                    { "A Rust value can live in WebAssembly memory for as long as the page does. Here one " }
                    <code>{ "ModuleState" }</code>
                    { " — a counter, a list and a score table — sits in a " }<code>{ "thread_local!" }</code>
                    { " inside the module. JavaScript never holds it: it calls exported functions such as " }
                    <code>{ "wasm.state_increment()" }</code>
                    { ", and every button below does exactly that (see the call log). What JavaScript " }
                    <em>{ "can" }</em>
                    { " see is raw linear memory: its size, and bytes at a pointer Rust hands out. Because a panic in WASM kills \
                       the whole module, every call here answers bad input with an error, never a crash; and because linear \
                       memory is gone on reload, every change is saved to localStorage." }
                </p>
            </section>

            <StartupBanner notice={(*startup).clone()} on_discard={on_discard} />
            if let Some(change) = &*other {
                <OtherTabBanner change={change.clone()} on_choose={on_other} />
            }
            <SaveLine status={module::save_status()} />

            <div class="split state-grid">
                <div class="state-col">
                    <counter::CounterPanel rev={rev} on_call={on_call.clone()} />
                    <items::ItemsPanel rev={rev} on_call={on_call.clone()} />
                    <scores::ScoresPanel rev={rev} on_call={on_call.clone()} />
                </div>
                <div class="state-col">
                    <section class="card" aria-labelledby="state-log-title">
                        <h3 id="state-log-title">{ "Call log" }</h3>
                        <p class="note">
                            { "Every call a button made through the exported functions, newest first. \
                               (To draw the page the tab also reads the counter, a window of items, the scores \
                               and the memory size through the same functions; those reads are not listed.) \
                               The functions are real exports: in the browser console, " }
                            <code>{ "wasmBindings.state_increment()" }</code>
                            { " changes the same counter, and this page follows." }
                        </p>
                        if lab.log.is_empty() {
                            <p class="note" id="state-log-empty">{ "No calls yet: press a button." }</p>
                        } else {
                            <ol class="call-log" id="state-call-log" role="log" aria-label="Calls made">
                                { for lab.log.iter().map(|(id, call)| html! {
                                    <li key={*id} class={classes!((!call.ok).then_some("threw"))}>{ &call.text }</li>
                                }) }
                            </ol>
                        }
                    </section>
                    <memory::MemoryPanel
                        rev={rev}
                        on_call={on_call.clone()}
                        at_start={lab.memory_at_start}
                        growth={lab.growth.clone()}
                    />
                    <persist::PersistPanel rev={rev} on_call={on_call.clone()} />
                </div>
            </div>

            <SourceView path="src/lab/state/mod.rs" region="increment"
                summary={Some(AttrValue::from("Show the Rust: the counter saturates"))} />
            <SourceView path="src/lab/state/mod.rs" region="set_score"
                summary={Some(AttrValue::from("Show the Rust: set_score refuses NaN, infinity and empty names"))} />
            <SourceView path="src/lab/state/mod.rs" region="top_scores"
                summary={Some(AttrValue::from("Show the Rust: top_scores, ties by name"))} />
            <SourceView path="src/web/state.rs"
                summary={Some(AttrValue::from("Show the Rust: the exported functions and persistence"))} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct StartupBannerProps {
    notice: StartupNotice,
    on_discard: Callback<()>,
}

/// What happened to the saved state when the page started.
#[component]
fn StartupBanner(props: &StartupBannerProps) -> Html {
    match &props.notice {
        StartupNotice::Empty => html! {},
        StartupNotice::Restored {
            counter,
            items,
            scores,
        } => html! {
            <p class="notice" id="state-restored">
                { format!(
                    "Restored from localStorage: counter {counter}, {} {}, {} {}.",
                    grouped(*items), plural(*items, "item", "items"),
                    grouped(*scores), plural(*scores, "score", "scores"),
                ) }
            </p>
        },
        StartupNotice::Unreadable {
            reason,
            bytes,
            kept,
        } => {
            let download = Callback::from(|_: MouseEvent| {
                if let Some(text) = module::unreadable_text() {
                    // A refused download leaves the text where it is; nothing to undo.
                    let _ = crate::web::dom::download(
                        "unreadable-state.txt",
                        "text/plain",
                        text.as_bytes(),
                    );
                }
            });
            let discard = props.on_discard.reform(|_: MouseEvent| ());
            html! {
                <div class="notice problem" id="state-unreadable" role="alert">
                    <p><strong>{ "The saved state in localStorage could not be read. " }</strong>{ capitalized(reason) }{ "." }</p>
                    <p>{ "The tab started empty and works normally with what is in memory." }</p>
                    if *kept {
                        <p>{ format!(
                            "Nothing is lost: the unreadable text ({}) was copied to the key “{}”, and your changes are saved again from now on.",
                            bytes_f64(*bytes as f64), module::UNREADABLE_KEY,
                        ) }</p>
                    } else {
                        <p><strong>{ "Saving is paused" }</strong>{ format!(
                            " so the unreadable text ({}) is not overwritten. Download it if you want it, then discard it to save again.",
                            bytes_f64(*bytes as f64),
                        ) }</p>
                    }
                    <div class="row-buttons">
                        <button type="button" class="button" id="state-unreadable-download" onclick={download}>
                            { "Download the unreadable text" }
                        </button>
                        <button type="button" class="button" id="state-unreadable-discard" onclick={discard}>
                            { if *kept { "Delete the copy" } else { "Discard it and resume saving" } }
                        </button>
                    </div>
                </div>
            }
        }
        StartupNotice::StorageFailed(why) => html! {
            <p class="notice problem" id="state-storage-failed" role="alert">
                { format!("The saved state could not be read: {why}. The tab works with what is in memory.") }
            </p>
        },
    }
}

#[derive(Properties, PartialEq)]
struct OtherTabBannerProps {
    change: OtherTab,
    /// true: load the other tab's state; false: keep (and save) this one.
    on_choose: Callback<bool>,
}

#[component]
fn OtherTabBanner(props: &OtherTabBannerProps) -> Html {
    let load = props.on_choose.reform(|_: MouseEvent| true);
    let keep = props.on_choose.reform(|_: MouseEvent| false);
    let what = match &props.change {
        OtherTab::Saved {
            counter,
            items,
            scores,
            ..
        } => format!(
            "Another tab of this site just saved a different state: counter {counter}, {} {}, {} {}.",
            grouped(*items),
            plural(*items, "item", "items"),
            grouped(*scores),
            plural(*scores, "score", "scores"),
        ),
        OtherTab::Cleared => {
            "Another tab of this site just removed the saved state (or saved something this tab cannot read).".to_owned()
        }
    };
    html! {
        <div class="notice" id="state-other-tab" role="status">
            <p>{ what }{ " The next change here saves this tab's state over it." }</p>
            <div class="row-buttons">
                if matches!(props.change, OtherTab::Saved { .. }) {
                    <button type="button" class="button" id="state-other-load" onclick={load}>{ "Load theirs (replaces this tab's)" }</button>
                }
                <button type="button" class="button" id="state-other-keep" onclick={keep}>{ "Keep this tab's and save it now" }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SaveLineProps {
    status: SaveStatus,
}

#[component]
fn SaveLine(props: &SaveLineProps) -> Html {
    match &props.status {
        SaveStatus::Idle => html! {
            <p class="note save-line" id="state-save-status">{ "Every change is saved to localStorage." }</p>
        },
        SaveStatus::Pending => html! {
            <p class="note save-line" id="state-save-status">{ "Saving when the changes stop…" }</p>
        },
        SaveStatus::Saved(bytes) => html! {
            <p class="note save-line" id="state-save-status">
                { format!("Saved to localStorage ({} of JSON).", bytes_f64(*bytes as f64)) }
            </p>
        },
        SaveStatus::Paused => html! {
            <p class="note save-line bad" id="state-save-status">
                { "Not saving: the stored text could not be read and is not overwritten until you decide (see above)." }
            </p>
        },
        SaveStatus::Failed(why) => html! {
            <p class="notice problem save-line" id="state-save-status" role="alert">
                <strong>{ "Not saved. " }</strong>
                { format!("{}. Everything is still here in memory; export it as a file to keep it.", capitalized(why)) }
            </p>
        },
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A string as a JavaScript literal in the call log.
pub fn js_str(s: &str) -> String {
    const SHOWN: usize = 40;
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        if i == SHOWN {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
