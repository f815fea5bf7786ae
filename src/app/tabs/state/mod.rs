//! The State tab (`#/state`): a counter, a list and a score table that live in WASM
//! linear memory, reached only through exported functions (`crate::web::state`), saved to
//! localStorage on every change, with the memory facts JavaScript can and cannot see.
//!
//! The tab keeps a [`Session`] (the call log, memory growth, a revision number); every
//! panel calls the exported functions, reports the call (which moves the revision) and
//! reads what it shows back through the same functions when it renders.
//!
//! | section | file |
//! |---|---|
//! | what happened to the saved state, another tab's save, the save line | `notices.rs` |
//! | counter, items, scores (the inputs) | `counter.rs`, `items/`, `scores.rs` |
//! | call log, linear memory, save/export/import/reset | `log.rs`, `memory.rs`, `persist.rs` |

mod counter;
mod items;
mod log;
mod memory;
mod notices;
mod persist;
mod scores;

use std::rc::Rc;

use yew::prelude::*;

use crate::app::widgets::SourceView;
use crate::lab::state::view::{Call, Session};
use crate::web::dom::event_value;
use crate::web::state as module;
use crate::web::timer::Interval;

/// What every panel gets: the revision (any change re-renders them all) and where to
/// report calls.
#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps {
    pub rev: u64,
    pub on_call: Callback<Call>,
}

/// The `oninput` of a text field whose value is kept in `text` and whose message in
/// each of `errors`: typing replaces the value and clears the messages.
fn typing(
    text: &UseStateHandle<String>,
    errors: &[&UseStateHandle<Option<String>>],
) -> Callback<InputEvent> {
    let text = text.clone();
    let errors: Vec<UseStateHandle<Option<String>>> = errors.iter().map(|&e| e.clone()).collect();
    Callback::from(move |e: InputEvent| {
        text.set(event_value(&e).unwrap_or_default());
        errors.iter().for_each(|error| error.set(None));
    })
}

/// The session as Yew state: `Some(call)` records a call, `None` a change outside any
/// call (a save finished, memory grew) that the panels must re-read.
impl Reducible for Session {
    type Action = Option<Call>;

    fn reduce(self: Rc<Self>, call: Option<Call>) -> Rc<Self> {
        let mut next = (*self).clone();
        next.record(call, module::state_memory_bytes());
        Rc::new(next)
    }
}

/// How often the tab looks whether linear memory grew outside its own calls.
const MEMORY_POLL_MS: u32 = 1_000;

#[component]
pub fn StateTab() -> Html {
    // Read storage before any panel renders, so the first frame already shows it.
    let startup = use_state(module::restore_once);
    let session = use_reducer(|| Session::new(module::state_memory_bytes()));
    {
        // Save-status changes re-render the tab; hiding the page or leaving the tab
        // writes any save still waiting.
        let dispatcher = session.dispatcher();
        use_effect_with((), move |_| {
            let watch = module::watch(move || dispatcher.dispatch(None));
            move || drop(watch)
        });
    }
    {
        // Linear memory can also grow outside our calls (other code allocating).
        let dispatcher = session.dispatcher();
        use_effect_with(session.memory_last, move |&last| {
            let poll = Interval::new(MEMORY_POLL_MS, move || {
                if module::state_memory_bytes() != last {
                    dispatcher.dispatch(None);
                }
            });
            move || drop(poll)
        });
    }
    let on_call = {
        let dispatcher = session.dispatcher();
        Callback::from(move |call: Call| dispatcher.dispatch(Some(call)))
    };
    let on_refresh = {
        let dispatcher = session.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(None))
    };
    let on_discard = {
        let startup = startup.clone();
        let on_call = on_call.clone();
        Callback::from(move |()| {
            module::discard_unreadable();
            startup.set(module::restore_once());
            on_call.emit(Call::ok(
                "(page) removed the unreadable copy; saving resumed",
            ));
        })
    };

    let rev = session.rev;
    html! {
        <div class="state-tab">
            <Lede />
            <notices::StartupBanner notice={(*startup).clone()} on_discard={on_discard} />
            <notices::OtherTabBanner calls={session.calls()} on_call={on_call.clone()} on_refresh={on_refresh} />
            <notices::SaveLine status={module::save_status()} />

            <div class="split state-grid">
                <div class="state-col">
                    <counter::CounterPanel rev={rev} on_call={on_call.clone()} />
                    <items::ItemsPanel rev={rev} on_call={on_call.clone()} />
                    <scores::ScoresPanel rev={rev} on_call={on_call.clone()} />
                </div>
                <div class="state-col">
                    <log::CallLog log={session.log.clone()} />
                    <memory::MemoryPanel
                        rev={rev}
                        on_call={on_call.clone()}
                        grown={session.grown()}
                        growth={session.growth.clone()}
                    />
                    <persist::PersistPanel rev={rev} on_call={on_call} />
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

/// What the idea is and why it matters in WebAssembly.
#[component]
fn Lede() -> Html {
    html! {
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
    }
}
