//! Fine-grained reactivity: signals, memos and effects in a glitch-free graph.
//!
//! # The idea
//!
//! A [`Signal`] holds a value. A [`Memo`] derives a value from signals and other memos;
//! an [`Effect`] does something (update the DOM, log) with them. Nobody declares
//! dependencies: while a memo or effect runs, every `get()` it makes is recorded, and
//! the recorded set is rebuilt on **every** run, so a branch not taken is not a
//! dependency. When a signal changes, only what read it (directly or through memos)
//! is touched: that is what "fine-grained" means, as opposed to re-rendering a whole
//! component.
//!
//! # Push dirty marks, pull values
//!
//! The algorithm is the one of Reactively, alien-signals and Leptos' `reactive_graph`:
//!
//! 1. **Push.** Writing a signal colours its direct readers `Dirty` and everything
//!    further downstream `Check` ("maybe"). Effects reached are queued. No user code
//!    runs during this phase, so nobody can observe a half-updated graph.
//! 2. **Pull.** Each queued effect (and any `get()` of a memo) brings its node up to
//!    date: a `Check` node looks at its sources *in the order it last read them*; a
//!    source that is itself not clean is brought up to date first; the first source
//!    whose value really changed marks the node `Dirty`, and it runs. If none changed,
//!    the node becomes clean without running. A memo whose new value equals the old
//!    one (`PartialEq`) does not mark its readers, so propagation stops there.
//!
//! Consequences (all tested): in a diamond `a → b, c → d` the sink runs exactly once
//! per change and sees `b` and `c` both new (**glitch-free**); a memo runs at most once
//! per change and only if something needs its value (**lazy**, including its first
//! run); effects run after the batch ([`Runtime::batch`]) that caused them, once.
//!
//! A naive signal, which pushes values eagerly to subscribers and so shows the
//! glitch, lives in [`naive`] next to ours for the tab's side-by-side demo.
//!
//! # Deep graphs and the 1 MB WASM stack
//!
//! Marking, checking and disposal use explicit heap stacks, never recursion that
//! follows the graph: a chain of 10,000 memos or a fan-out of 10,000 effects works on
//! a 1 MB stack (tested on a 1 MB thread). One kind of nesting is inherent: a closure
//! that reads a stale memo has to wait for that memo's closure. That nesting is capped
//! at 32 runs. Past the cap, the read returns the memo's previous value, the reading
//! run is marked *tainted*, its result is thrown away (never stored, never seen by
//! anyone), and the loop one level down brings the needed memo up to date and runs the
//! reader again. So a memo more than 32 levels down a chain of never-computed or
//! freshly rewired memos can run twice for one change, the first run seeing stale
//! inputs; [`Memo::runs`] counts only the runs that counted. Chains that were already
//! computed (the usual case: a signal changes at the top) never hit this, because the
//! iterative check brings sources up to date bottom-up before their readers run.
//!
//! # Cycles
//!
//! A memo that reads itself through other memos is a cycle. It is detected when a run
//! reads a memo that is still being checked or run; every memo on that loop ends its
//! run with [`SignalError::Cycle`] ([`Memo::try_get`]), keeping its last good value for
//! [`Memo::get`]. Nothing hangs and nothing panics; the rest of the graph keeps working,
//! and changing an input so that the loop is no longer read heals it.
//!
//! # Ownership and disposal
//!
//! A node created while a memo or effect runs is *owned* by it and is disposed before
//! the owner runs again (or when the owner is disposed): nested effects do not pile up.
//! Nodes created at the top level live until disposed or until the [`Runtime`] is
//! dropped. [`Runtime::node_count`] shows what is alive.
//!
//! # Handles and dead handles
//!
//! Handles are `Copy + 'static` (they point at a leaked, recycled per-runtime shell and
//! carry a never-reused stamp), so closures can capture them freely. A handle whose node
//! was disposed, or whose runtime was dropped, is *dead*: nothing it does panics or
//! reaches another node. `try_get` returns [`SignalError::Disposed`]; `get` has no value
//! to clone and returns `T::default()` (that is why `get` asks for `Default`; the
//! `try_*` and `with` methods do not). Leptos and Sycamore panic in that case; a panic
//! in WASM kills the page.
//!
//! A memo or effect only tracks nodes of its own runtime; reading another runtime's
//! signal inside it gives the value but no subscription.
//!
//! Writing a signal while a memo is running is refused ([`SignalError::WriteInMemo`]):
//! memos must be pure. Effects may write; an effect that keeps re-triggering itself is
//! stopped after 100 runs in one propagation ([`SignalError::Loop`]).
//!
//! # The production crates
//!
//! [Leptos' `reactive_graph`](https://docs.rs/reactive_graph) and
//! [`sycamore-reactive`](https://docs.rs/sycamore-reactive) do this for real. Ours leaves
//! out: async (resources, suspense, `async` derived values), owners as a public API with
//! context (`provide_context`/`use_context`) and cleanup callbacks, thread-safe
//! (`Send + Sync`) signals and arenas, stores and fine-grained collections, custom
//! equality functions, and the integration with a renderer. Sycamore 0.9 propagates
//! eagerly in topological order (memos are recomputed even when nobody reads them,
//! reads inside a `batch` see old values, and its graph walk recurses); Leptos is
//! push-pull like ours.
//!
//! [`sheet`] builds a live spreadsheet on this runtime ([`sheet_view`] works out what
//! the tab shows of it); [`bench_shapes`] has the
//! js-reactivity-benchmark graphs used by the native benches and the in-page benchmark.

#![warn(missing_docs)]
mod graph;
mod runtime;

pub mod bench_shapes;
pub mod naive;
pub mod sheet;
pub mod sheet_view;

pub use runtime::{Effect, Memo, Runtime, RuntimeHandle, Signal, SignalError};

#[cfg(test)]
mod tests;
