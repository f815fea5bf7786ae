//! Custom hooks: the lifecycles that several tabs need, written once.
//!
//! | hook | for |
//! |---|---|
//! | [`use_query_state`] | a tab's state in the URL's query (`#/state?top=5`), typed |
//! | [`use_debounce`], [`use_debounced`] | work that waits for typing to pause |
//! | [`use_worker_job`] | a job in the Compute Web Worker: start, progress, cancel |
//! | [`use_file_text`] | a text file picked with `<input type="file">` |
//!
//! Each one owns its cleanup: a timer, a worker or a pending read ends when the component
//! unmounts, so a tab never gets a message after it is gone. Like every `app` module they
//! reach the browser only through `crate::web`.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::lab::fmt::bytes;
use crate::web::compute::{Job, WorkerJob, WorkerMessage};
use crate::web::file::take_picked_file;
use crate::web::timer::Timeout;

/// Drops `value` after the current event handler has returned. A timer or worker handle
/// owns the closure the browser is calling, and that closure must not be freed while it
/// runs; a hook that lets go of one from inside its own callback (or from a re-render
/// that callback caused) lets go through here.
fn drop_later<T: 'static>(value: T) {
    yew::platform::spawn_local(async move { drop(value) });
}

// ---- use_query_state -------------------------------------------------------------------

/// The typed query of the current route, from [`use_query_state`]. Dereferences to the
/// query as the URL has it now.
pub struct QueryState<Q> {
    route: Route,
    value: Rc<Q>,
    /// What the URL holds: what it said at the last render, or what this component
    /// wrote since. Shared by every copy of the handle.
    latest: Rc<RefCell<Rc<Q>>>,
    navigator: Option<Navigator>,
}

impl<Q> Clone for QueryState<Q> {
    fn clone(&self) -> Self {
        QueryState {
            route: self.route,
            value: self.value.clone(),
            latest: self.latest.clone(),
            navigator: self.navigator.clone(),
        }
    }
}

impl<Q: PartialEq> PartialEq for QueryState<Q> {
    fn eq(&self, other: &Self) -> bool {
        self.route == other.route && self.value == other.value
    }
}

impl<Q> Deref for QueryState<Q> {
    type Target = Q;

    fn deref(&self) -> &Q {
        &self.value
    }
}

impl<Q: Serialize + PartialEq> QueryState<Q> {
    /// Writes `query` into the URL without a new history entry (Back does not step
    /// through every keystroke). Returns whether the URL changed: writing what it
    /// already holds does nothing, and a refused write (a sandboxed frame) only loses
    /// the link, never the state on the page.
    pub fn replace(&self, query: Q) -> bool {
        self.write(query, false)
    }

    /// Writes `query` into the URL as a new history entry, for a change a person may
    /// want to go Back from (a preset, a sample). Returns whether the URL changed.
    pub fn push(&self, query: Q) -> bool {
        self.write(query, true)
    }

    fn write(&self, query: Q, push: bool) -> bool {
        if **self.latest.borrow() == query {
            return false;
        }
        let Some(navigator) = &self.navigator else {
            return false;
        };
        let written = if push {
            navigator.push_with_query(&self.route, &query)
        } else {
            navigator.replace_with_query(&self.route, &query)
        };
        if written.is_ok() {
            *self.latest.borrow_mut() = Rc::new(query);
        }
        written.is_ok()
    }
}

/// The query string of `route` as a typed value, for a tab whose state belongs in the
/// link. `Q` is a serde struct of optional fields; a query that does not parse (a
/// hand-edited link) reads as `Q::default()`, never an error. The component re-renders
/// when the URL changes (Back, a followed link).
///
/// ```ignore
/// #[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
/// struct ScoresQuery {
///     #[serde(default, skip_serializing_if = "Option::is_none")]
///     top: Option<String>,
/// }
///
/// let query = use_query_state::<ScoresQuery>(Route::State);
/// let top = query.top.as_deref().and_then(|t| t.parse().ok()).unwrap_or(10);
/// // later, in an effect or a callback:
/// query.replace(ScoresQuery { top: Some(n.to_string()) });
/// ```
#[hook]
pub fn use_query_state<Q>(route: Route) -> QueryState<Q>
where
    Q: Serialize + DeserializeOwned + Default + PartialEq + 'static,
{
    let location = use_location();
    let navigator = use_navigator();
    let value = Rc::new(
        location
            .and_then(|l| l.query::<Q>().ok())
            .unwrap_or_default(),
    );
    let latest = use_mut_ref(|| value.clone());
    *latest.borrow_mut() = value.clone();
    QueryState {
        route,
        value,
        latest,
        navigator,
    }
}

// ---- use_debounce / use_debounced ------------------------------------------------------

#[derive(Default)]
struct DebounceState {
    timer: Option<Timeout>,
    pending: bool,
    firing: bool,
}

/// Runs a closure once input has paused, from [`use_debounce`]. Cloning gives another
/// handle to the same timer.
#[derive(Clone)]
pub struct Debouncer {
    delay_ms: u32,
    state: Rc<RefCell<DebounceState>>,
}

impl PartialEq for Debouncer {
    fn eq(&self, other: &Self) -> bool {
        self.delay_ms == other.delay_ms && Rc::ptr_eq(&self.state, &other.state)
    }
}

impl Debouncer {
    /// Runs `f` after the delay, unless `run` or [`Debouncer::cancel`] is called again
    /// before: only the last call of a burst runs.
    pub fn run(&self, f: impl FnOnce() + 'static) {
        let state = self.state.clone();
        let timer = Timeout::new(self.delay_ms, move || {
            {
                let mut s = state.borrow_mut();
                s.pending = false;
                s.firing = true;
            }
            f();
            state.borrow_mut().firing = false;
        });
        let mut s = self.state.borrow_mut();
        let old = s.timer.replace(timer);
        s.pending = true;
        if s.firing {
            // `f` itself asked for another run: its own timer is still on the stack.
            drop_later(old);
        }
    }

    /// Forgets the pending run, if any; returns whether there was one.
    pub fn cancel(&self) -> bool {
        let mut s = self.state.borrow_mut();
        let old = s.timer.take();
        let was_pending = std::mem::take(&mut s.pending);
        if s.firing {
            drop_later(old);
        }
        was_pending
    }

    /// Whether a run is waiting for its delay to pass.
    pub fn is_pending(&self) -> bool {
        self.state.borrow().pending
    }
}

/// A debouncer with a fixed delay, for work that should wait until typing pauses (a
/// parse, a pipeline run, starting a worker). The pending run is dropped when the
/// component unmounts.
///
/// ```ignore
/// let parse_later = use_debounce(250);
/// let oninput = {
///     let parse_later = parse_later.clone();
///     let outcome = outcome.clone();
///     Callback::from(move |text: String| {
///         let outcome = outcome.clone();
///         parse_later.run(move || outcome.set(parse(&text)));
///     })
/// };
/// // A button that parses at once: parse_later.cancel(), then parse.
/// ```
#[hook]
pub fn use_debounce(delay_ms: u32) -> Debouncer {
    let state = use_mut_ref(DebounceState::default);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            move || {
                let mut s = state.borrow_mut();
                let old = s.timer.take();
                s.pending = false;
                drop_later(old);
            }
        });
    }
    Debouncer { delay_ms, state }
}

/// `value`, once it has stayed the same for `delay_ms`: the first render returns it at
/// once, later changes arrive after a pause (each change restarts the wait).
///
/// ```ignore
/// let filter = use_state(String::new);
/// let settled = use_debounced((*filter).clone(), 200);
/// let rows = use_memo(settled, |f| search(f)); // not once per keystroke
/// ```
#[hook]
pub fn use_debounced<T>(value: T, delay_ms: u32) -> T
where
    T: Clone + PartialEq + 'static,
{
    let settled = use_state({
        let value = value.clone();
        move || value
    });
    let debounce = use_debounce(delay_ms);
    {
        let settled = settled.clone();
        use_effect_with(value, move |value| {
            if *settled == *value {
                debounce.cancel();
            } else {
                let value = value.clone();
                debounce.run(move || settled.set(value));
            }
        });
    }
    (*settled).clone()
}

// ---- use_worker_job --------------------------------------------------------------------

#[derive(Default)]
struct WorkerSlot {
    /// Counts starts and cancels, so a late message of a replaced job is recognised.
    generation: u64,
    job: Option<WorkerJob>,
}

/// The component's job in the Compute Web Worker, from [`use_worker_job`]. Cloning gives
/// another handle to the same job.
#[derive(Clone)]
pub struct WorkerJobHandle {
    slot: Rc<RefCell<WorkerSlot>>,
}

impl PartialEq for WorkerJobHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.slot, &other.slot)
    }
}

impl WorkerJobHandle {
    /// Starts `job` in a fresh worker, stopping the one running. `on_message` gets every
    /// message after the worker is ready: `Progress`, then exactly one of `Exact`,
    /// `Naive` or `Failed`. A worker that cannot start, load or run also ends in `Failed`
    /// (delivered at once when the browser refuses to start it). After the last message
    /// the worker is let go.
    pub fn start(&self, job: Job, on_message: impl Fn(WorkerMessage) + 'static) {
        let on_message = Rc::new(on_message);
        let generation = {
            let mut slot = self.slot.borrow_mut();
            slot.generation += 1;
            if let Some(old) = slot.job.take() {
                old.cancel();
                drop_later(old);
            }
            slot.generation
        };
        let on_event: Rc<dyn Fn(WorkerMessage)> = {
            let slot = self.slot.clone();
            let on_message = on_message.clone();
            Rc::new(move |message| {
                if slot.borrow().generation != generation {
                    return;
                }
                let last = matches!(
                    message,
                    WorkerMessage::Exact { .. }
                        | WorkerMessage::Naive { .. }
                        | WorkerMessage::Failed { .. }
                );
                on_message(message);
                if last {
                    let slot = slot.clone();
                    yew::platform::spawn_local(async move {
                        let mut s = slot.borrow_mut();
                        if s.generation == generation {
                            let done = s.job.take();
                            drop(s);
                            drop(done);
                        }
                    });
                }
            })
        };
        match WorkerJob::start(job, on_event) {
            Ok(running) => self.slot.borrow_mut().job = Some(running),
            Err(message) => on_message(WorkerMessage::Failed { message }),
        }
    }

    /// Stops the job now (the worker is terminated; no further message arrives).
    /// Returns whether one was running.
    pub fn cancel(&self) -> bool {
        let mut slot = self.slot.borrow_mut();
        slot.generation += 1;
        match slot.job.take() {
            Some(job) => {
                job.cancel();
                drop_later(job);
                true
            }
            None => false,
        }
    }

    /// Whether a job is running (until its last message has been handled).
    pub fn is_running(&self) -> bool {
        self.slot.borrow().job.is_some()
    }
}

/// A job in the Compute tab's Web Worker (`src/bin/fib_worker.rs`), with the lifecycle
/// around it: starting replaces the running job, Cancel terminates the worker at once,
/// and unmounting the component terminates it too. A job that follows typing starts from
/// a [`use_debounce`] run (a worker per keystroke would be wasted), and its Cancel
/// cancels both the debouncer and the job.
///
/// ```ignore
/// let worker = use_worker_job();
/// let run = {
///     let (worker, naive) = (worker.clone(), naive.clone());
///     Callback::from(move |_: MouseEvent| {
///         let naive = naive.clone();
///         worker.start(Job::Naive { n }, move |message| match message {
///             WorkerMessage::Progress { done, total, .. } => naive.set(Naive::Working { n, done, total }),
///             WorkerMessage::Naive { value, calls, ms, .. } => naive.set(Naive::Done { n, value, calls, ms, in_worker: true }),
///             WorkerMessage::Failed { message } => naive.set(Naive::Failed { n, message }),
///             _ => {}
///         });
///     })
/// };
/// let cancel = Callback::from(move |_: MouseEvent| { worker.cancel(); });
/// ```
#[hook]
pub fn use_worker_job() -> WorkerJobHandle {
    let slot = use_mut_ref(WorkerSlot::default);
    {
        let slot = slot.clone();
        use_effect_with((), move |_| {
            move || {
                WorkerJobHandle { slot }.cancel();
            }
        });
    }
    WorkerJobHandle { slot }
}

// ---- use_file_text ---------------------------------------------------------------------

/// A text file that was picked and read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileText {
    /// The file's name, for messages ("Imported “drawing.json”").
    pub name: String,
    pub text: String,
}

/// Why a picked file gave no text. The `Display` text is a sentence fragment a tab can
/// use as it is or replace with its own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileTextError {
    /// Refused before reading: the file is larger than the limit.
    TooLarge { name: String, size: u64, max: u64 },
    /// The browser could not read it (moved or deleted since it was picked).
    Unreadable { name: String },
}

impl fmt::Display for FileTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileTextError::TooLarge { name, size, max } => write!(
                f,
                "“{name}” is {}, more than the {} this page reads",
                bytes(*size),
                bytes(*max)
            ),
            FileTextError::Unreadable { name } => write!(f, "“{name}” could not be read as text"),
        }
    }
}

impl std::error::Error for FileTextError {}

/// The `onchange` of an `<input type="file">` that reads the picked file as text:
/// files over `max_bytes` are refused before anything is read, the input is cleared (so
/// picking the same file again works), and `on_read` gets the outcome. Only the latest
/// pick reports, and nothing reports after the component unmounts.
///
/// ```ignore
/// let on_file = use_file_text(MAX_SIZE, {
///     let (load_text, load_error) = (load_text.clone(), load_error.clone());
///     Callback::from(move |read: Result<FileText, FileTextError>| match read {
///         Ok(file) => load_text.emit(file.text),
///         Err(why) => load_error.set(Some(format!("{why}."))),
///     })
/// });
/// html! { <input type="file" accept=".json" onchange={on_file} /> }
/// ```
#[hook]
pub fn use_file_text(
    max_bytes: u64,
    on_read: Callback<Result<FileText, FileTextError>>,
) -> Callback<Event> {
    // The latest callback, so a read that finishes after a re-render reports to it.
    let latest = use_mut_ref(|| on_read.clone());
    *latest.borrow_mut() = on_read;
    let picks = use_memo((), |_| Cell::new(0u64));
    let mounted = use_memo((), |_| Cell::new(true));
    {
        let mounted = mounted.clone();
        use_effect_with((), move |_| move || mounted.set(false));
    }
    use_callback(max_bytes, move |event: Event, &max| {
        let Some(file) = take_picked_file(&event) else {
            return;
        };
        let pick = picks.get() + 1;
        picks.set(pick);
        if file.size > max {
            let error = FileTextError::TooLarge {
                name: file.name,
                size: file.size,
                max,
            };
            // Cloned out first: the callback may re-render this component, which
            // replaces what `latest` holds.
            let on_read = latest.borrow().clone();
            on_read.emit(Err(error));
            return;
        }
        let (latest, picks, mounted) = (latest.clone(), picks.clone(), mounted.clone());
        yew::platform::spawn_local(async move {
            let text = file.read_text().await;
            if !mounted.get() || picks.get() != pick {
                return;
            }
            let name = file.name;
            let outcome = match text {
                Some(text) => Ok(FileText { name, text }),
                None => Err(FileTextError::Unreadable { name }),
            };
            let on_read = latest.borrow().clone();
            on_read.emit(outcome);
        });
    })
}
