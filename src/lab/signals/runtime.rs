//! The public face of the reactive graph: [`Runtime`], [`Signal`], [`Memo`], [`Effect`].

use std::fmt;
use std::marker::PhantomData;
use std::rc::Rc;

use super::graph::{self, ComputeFn, Kind, NodeKey, Shell};

/// Why a reactive operation could not do what was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignalError {
    /// The node was disposed, or its [`Runtime`] was dropped.
    Disposed,
    /// The memo depends on itself (through other memos). Its last good value, if any,
    /// is still what [`Memo::get`] returns; [`Memo::try_get`] reports this error until
    /// a change breaks the cycle and the memo runs cleanly again.
    Cycle,
    /// A signal was written while a memo was running. Memos must be pure: a write
    /// there could invalidate values the same propagation already handed out.
    WriteInMemo,
    /// The value is in use right now: read from inside [`Signal::update`]'s closure on
    /// the same signal, or from a `Clone`/`PartialEq` implementation that itself reads
    /// a signal.
    Busy,
    /// An effect re-triggered itself more than 100 times in one propagation (it writes
    /// a signal it reads) and was stopped. See [`Effect::error`].
    Loop,
    /// Only seen inside a run whose result is thrown away: a memo too deep to compute
    /// right here had no earlier value to hand out (see the module doc on depth).
    Deferred,
}

impl fmt::Display for SignalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SignalError::Disposed => {
                "this signal, memo or effect was disposed (or its runtime dropped)"
            }
            SignalError::Cycle => "this memo depends on itself through a cycle of memos",
            SignalError::WriteInMemo => {
                "a signal cannot be written while a memo is computing; memos must be pure"
            }
            SignalError::Busy => {
                "the value is being updated right now (read from inside its own update)"
            }
            SignalError::Loop => {
                "this effect kept re-triggering itself (it writes a signal it reads) and was stopped"
            }
            SignalError::Deferred => {
                "this memo has not been computed yet (too deep to compute here)"
            }
        };
        f.write_str(text)
    }
}

impl std::error::Error for SignalError {}

/// Owns a reactive graph. Every [`Signal`], [`Memo`] and [`Effect`] created through it
/// (or through its [`RuntimeHandle`]) lives until it is disposed or the runtime is
/// dropped; dropping the runtime frees all of them, and their handles then report
/// [`SignalError::Disposed`].
///
/// A runtime is single-threaded (`!Send`), like the page it runs in.
pub struct Runtime {
    shell: &'static Shell,
}

/// A `Copy + 'static` way to reach a [`Runtime`] from inside closures (to create nested
/// signals, memos and effects, or to batch). Once the runtime is dropped, everything it
/// creates is dead on arrival and effects it creates never run.
#[derive(Clone, Copy)]
pub struct RuntimeHandle {
    shell: &'static Shell,
    id: u64,
}

/// A value that can change. Reading it inside a memo or effect subscribes that memo or
/// effect; writing it notifies them.
pub struct Signal<T> {
    shell: &'static Shell,
    key: NodeKey,
    _type: PhantomData<fn() -> T>,
}

/// A derived value, cached, recomputed lazily when something it read has changed and
/// someone needs it. A recomputation that yields an equal value (`PartialEq`) stops
/// the propagation there.
pub struct Memo<T> {
    shell: &'static Shell,
    key: NodeKey,
    _type: PhantomData<fn() -> T>,
}

/// A side effect that re-runs after the signals and memos it read change.
#[derive(Clone, Copy)]
pub struct Effect {
    shell: &'static Shell,
    key: NodeKey,
}

macro_rules! handle_impls {
    ($name:ident) => {
        impl<T> Clone for $name<T> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<T> Copy for $name<T> {}
        impl<T> PartialEq for $name<T> {
            fn eq(&self, other: &Self) -> bool {
                std::ptr::eq(self.shell, other.shell) && self.key == other.key
            }
        }
        impl<T> Eq for $name<T> {}
        impl<T> std::hash::Hash for $name<T> {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                (self.shell as *const Shell as usize).hash(state);
                self.key.hash(state);
            }
        }
        impl<T> fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    concat!(stringify!($name), "#{}.{}"),
                    self.key.idx, self.key.stamp
                )
            }
        }
    };
}
handle_impls!(Signal);
handle_impls!(Memo);

impl PartialEq for Effect {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.shell, other.shell) && self.key == other.key
    }
}
impl Eq for Effect {}
impl fmt::Debug for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Effect#{}.{}", self.key.idx, self.key.stamp)
    }
}
impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Runtime({} nodes)", self.node_count())
    }
}
impl fmt::Debug for RuntimeHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RuntimeHandle(alive: {})", self.is_alive())
    }
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.shell.release();
    }
}

impl Runtime {
    /// A new, empty runtime.
    pub fn new() -> Runtime {
        Runtime {
            shell: Shell::acquire(),
        }
    }

    /// A copyable handle for creating nodes from inside closures.
    pub fn handle(&self) -> RuntimeHandle {
        RuntimeHandle {
            shell: self.shell,
            id: self.shell.runtime_id().unwrap_or(0),
        }
    }

    /// A new signal holding `value`.
    pub fn signal<T: 'static>(&self, value: T) -> Signal<T> {
        create_signal(self.shell, value)
    }

    /// A new memo. It is lazy: `f` first runs when the memo is read (or read by a
    /// running effect), and later only when something it read changed *and* the memo
    /// is read again. Inside `f`, writing a signal is refused ([`SignalError::WriteInMemo`]).
    pub fn memo<T, F>(&self, f: F) -> Memo<T>
    where
        T: Clone + PartialEq + 'static,
        F: FnMut() -> T + 'static,
    {
        create_memo(self.shell, f)
    }

    /// A new effect. It runs once now (even inside a batch), then after every change
    /// of something it read, once per propagation, after all memos settled.
    pub fn effect<F>(&self, f: F) -> Effect
    where
        F: FnMut() + 'static,
    {
        create_effect(self.shell, f)
    }

    /// Runs `f` with effects held back; they run once when the outermost batch ends.
    /// Memos read inside the batch are already up to date (pull-based).
    pub fn batch<R>(&self, f: impl FnOnce() -> R) -> R {
        batch(self.shell, None, f)
    }

    /// Runs `f` without subscribing the running memo or effect to what `f` reads.
    pub fn untrack<R>(&self, f: impl FnOnce() -> R) -> R {
        untrack(self.shell, f)
    }

    /// How many signals, memos and effects are alive (disposed ones are not counted).
    pub fn node_count(&self) -> usize {
        self.shell.graph().map_or(0, |g| g.live())
    }
}

impl RuntimeHandle {
    fn live_shell(&self) -> Option<&'static Shell> {
        (self.shell.runtime_id() == Some(self.id)).then_some(self.shell)
    }

    /// Whether the runtime is still alive.
    pub fn is_alive(&self) -> bool {
        self.live_shell().is_some()
    }

    /// Like [`Runtime::signal`]; a dead signal if the runtime is gone.
    pub fn signal<T: 'static>(&self, value: T) -> Signal<T> {
        match self.live_shell() {
            Some(s) => create_signal(s, value),
            None => Signal {
                shell: self.shell,
                key: NodeKey::DEAD,
                _type: PhantomData,
            },
        }
    }

    /// Like [`Runtime::memo`]; a dead memo if the runtime is gone.
    pub fn memo<T, F>(&self, f: F) -> Memo<T>
    where
        T: Clone + PartialEq + 'static,
        F: FnMut() -> T + 'static,
    {
        match self.live_shell() {
            Some(s) => create_memo(s, f),
            None => Memo {
                shell: self.shell,
                key: NodeKey::DEAD,
                _type: PhantomData,
            },
        }
    }

    /// Like [`RuntimeHandle::memo`], but the memo belongs to the runtime even when it is
    /// created while a memo or effect runs: it is not disposed when that closure runs
    /// again. For shared caches created on first use (the sheet's range blocks), which
    /// other closures go on reading.
    pub(crate) fn memo_unowned<T, F>(&self, f: F) -> Memo<T>
    where
        T: Clone + PartialEq + 'static,
        F: FnMut() -> T + 'static,
    {
        match self.live_shell() {
            Some(s) => create_memo_owned(s, f, false),
            None => Memo {
                shell: self.shell,
                key: NodeKey::DEAD,
                _type: PhantomData,
            },
        }
    }

    /// Like [`Runtime::effect`]; never runs if the runtime is gone.
    pub fn effect<F>(&self, f: F) -> Effect
    where
        F: FnMut() + 'static,
    {
        match self.live_shell() {
            Some(s) => create_effect(s, f),
            None => Effect {
                shell: self.shell,
                key: NodeKey::DEAD,
            },
        }
    }

    /// Like [`Runtime::batch`] (just runs `f` if the runtime is gone).
    pub fn batch<R>(&self, f: impl FnOnce() -> R) -> R {
        batch(self.shell, Some(self.id), f)
    }

    /// Like [`Runtime::untrack`].
    pub fn untrack<R>(&self, f: impl FnOnce() -> R) -> R {
        match self.live_shell() {
            Some(s) => untrack(s, f),
            None => f(),
        }
    }

    /// Like [`Runtime::node_count`]; 0 once the runtime is gone.
    pub fn node_count(&self) -> usize {
        self.live_shell()
            .and_then(|s| s.graph().map(|g| g.live()))
            .unwrap_or(0)
    }
}

fn create_signal<T: 'static>(shell: &'static Shell, value: T) -> Signal<T> {
    let key = match shell.graph() {
        Some(mut g) => g.create(Kind::Signal, Some(Rc::new(value)), None),
        None => NodeKey::DEAD,
    };
    shell.drain_garbage();
    Signal {
        shell,
        key,
        _type: PhantomData,
    }
}

fn create_memo<T, F>(shell: &'static Shell, f: F) -> Memo<T>
where
    T: Clone + PartialEq + 'static,
    F: FnMut() -> T + 'static,
{
    create_memo_owned(shell, f, true)
}

fn create_memo_owned<T, F>(shell: &'static Shell, mut f: F, owned: bool) -> Memo<T>
where
    T: Clone + PartialEq + 'static,
    F: FnMut() -> T + 'static,
{
    let compute: ComputeFn = Box::new(move |shell, key| {
        let new = f();
        graph::store_memo_value(shell, key, new)
    });
    let key = match shell.graph() {
        Some(mut g) => g.create_owned(Kind::Memo, None, Some(compute), owned),
        None => NodeKey::DEAD,
    };
    shell.drain_garbage();
    Memo {
        shell,
        key,
        _type: PhantomData,
    }
}

fn create_effect<F>(shell: &'static Shell, mut f: F) -> Effect
where
    F: FnMut() + 'static,
{
    let compute: ComputeFn = Box::new(move |_, _| {
        f();
        true
    });
    let key = match shell.graph() {
        Some(mut g) => g.create(Kind::Effect, None, Some(compute)),
        None => NodeKey::DEAD,
    };
    graph::refresh(shell, key);
    shell.settle();
    Effect { shell, key }
}

/// Ends a batch even if `f` unwinds (natively; WASM aborts on panic anyway).
struct BatchGuard(&'static Shell);

impl Drop for BatchGuard {
    fn drop(&mut self) {
        let flush = self.0.graph().is_some_and(|mut g| g.batch_end());
        if flush {
            graph::flush(self.0);
        } else {
            self.0.drain_garbage();
        }
    }
}

/// Runs `f` as a batch of the runtime `runtime_id` (any if None); just runs `f` if
/// that runtime is gone.
fn batch<R>(shell: &'static Shell, runtime_id: Option<u64>, f: impl FnOnce() -> R) -> R {
    let started = shell.graph().is_some_and(|mut g| g.batch_begin(runtime_id));
    let _guard = started.then_some(BatchGuard(shell));
    f()
}

struct UntrackGuard(&'static Shell, bool);

impl Drop for UntrackGuard {
    fn drop(&mut self) {
        if let Some(mut g) = self.0.graph() {
            g.set_untracked(self.1);
        }
    }
}

fn untrack<R>(shell: &'static Shell, f: impl FnOnce() -> R) -> R {
    let previous = shell.graph().map(|mut g| g.set_untracked(true));
    let _guard = previous.map(|p| UntrackGuard(shell, p));
    f()
}

fn read_typed<T: Clone + 'static>(
    shell: &'static Shell,
    key: NodeKey,
    track: bool,
) -> (Option<T>, Option<SignalError>) {
    // The clone happens under the graph borrow: one borrow per read. A `Clone` impl
    // that itself reads a signal would see `Busy` there (never a panic).
    graph::read(shell, key, track, |v| v.downcast_ref::<T>().cloned())
}

fn with_value<T: 'static, R>(
    shell: &'static Shell,
    key: NodeKey,
    track: bool,
    f: impl FnOnce(&T) -> R,
) -> Option<R> {
    // The Rc clone keeps the value alive while `f` runs with no borrow held, so `f`
    // may read other signals.
    let (rc, _) = graph::read(shell, key, track, |v| Some(Rc::clone(v)));
    let rc = rc?;
    let v = rc.downcast_ref::<T>()?;
    Some(f(v))
}

impl<T: 'static> Signal<T> {
    /// The current value, subscribing the running memo or effect.
    ///
    /// Never panics. On a dead handle (disposed, or its runtime dropped) there is no
    /// value to clone, so it returns `T::default()`; use [`Signal::try_get`] to tell
    /// that case apart. (Leptos and Sycamore panic here instead.)
    pub fn get(&self) -> T
    where
        T: Clone + Default,
    {
        self.try_get().unwrap_or_default()
    }

    /// The current value, or why there is none.
    pub fn try_get(&self) -> Result<T, SignalError>
    where
        T: Clone,
    {
        let (value, error) = read_typed::<T>(self.shell, self.key, true);
        value.ok_or(error.unwrap_or(SignalError::Disposed))
    }

    /// Like [`Signal::get`] but does not subscribe anyone.
    pub fn get_untracked(&self) -> T
    where
        T: Clone + Default,
    {
        self.try_get_untracked().unwrap_or_default()
    }

    /// Like [`Signal::try_get`] but does not subscribe anyone.
    pub fn try_get_untracked(&self) -> Result<T, SignalError>
    where
        T: Clone,
    {
        let (value, error) = read_typed::<T>(self.shell, self.key, false);
        value.ok_or(error.unwrap_or(SignalError::Disposed))
    }

    /// Calls `f` with a reference to the value (no clone), subscribing the running
    /// memo or effect. `None` on a dead handle.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        with_value(self.shell, self.key, true, f)
    }

    /// Like [`Signal::with`] but does not subscribe anyone.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        with_value(self.shell, self.key, false, f)
    }

    /// Replaces the value and notifies observers (always, even if equal: use
    /// [`Signal::set_if_changed`] to skip equal values). Outside a batch, effects run
    /// before this returns. Ignored on a dead handle and inside a memo; see
    /// [`Signal::try_set`] for the reason.
    pub fn set(&self, value: T) {
        let _ = self.try_set(value);
    }

    /// Like [`Signal::set`], reporting why nothing happened.
    pub fn try_set(&self, value: T) -> Result<(), SignalError> {
        let (result, flush, garbage) = match self.shell.graph() {
            Some(mut g) => {
                let r = g.write(self.key, value);
                (r, g.should_flush(), g.has_garbage())
            }
            None => (Err(SignalError::Busy), false, false),
        };
        // The old value is dropped here, after the borrow ended.
        let outcome = result.map(drop);
        if flush {
            graph::flush(self.shell);
        } else if garbage {
            self.shell.drain_garbage();
        }
        outcome
    }

    /// Sets the value only if it differs; returns whether it did.
    pub fn set_if_changed(&self, value: T) -> bool
    where
        T: PartialEq,
    {
        let same = self
            .with_untracked(|current| *current == value)
            .unwrap_or(false);
        !same && self.try_set(value).is_ok()
    }

    /// Changes the value in place and notifies observers. Returns what `f` returned,
    /// or `None` if nothing happened (dead handle, inside a memo, or the value is
    /// borrowed by a [`Signal::with`] call on the same signal). Inside `f`, reading this
    /// same signal gives [`SignalError::Busy`] (`get` returns `T::default()`).
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let taken = self
            .shell
            .graph()
            .and_then(|mut g| g.take_value(self.key).ok())?;
        let mut taken = taken;
        let result = Rc::get_mut(&mut taken)
            .and_then(|v| v.downcast_mut::<T>())
            .map(f);
        match self.shell.graph() {
            Some(mut g) => {
                if result.is_some() {
                    g.put_back(self.key, taken);
                } else {
                    g.restore_value(self.key, taken);
                }
            }
            None => drop(taken),
        }
        self.shell.settle();
        result
    }

    /// Whether the signal is still alive.
    pub fn is_alive(&self) -> bool {
        self.shell.graph().is_some_and(|g| g.is_alive(self.key))
    }

    /// Frees the signal now. Memos and effects that read it keep their last result
    /// until another of their sources changes.
    pub fn dispose(&self) {
        dispose(self.shell, self.key);
    }
}

impl<T: Clone + PartialEq + 'static> Memo<T> {
    /// The current value, computing it first if needed, and subscribing the running
    /// memo or effect.
    ///
    /// Never panics. If the memo is in a cycle it returns its last good value (or
    /// `T::default()` if it never had one); on a dead handle `T::default()`. Use
    /// [`Memo::try_get`] to see those cases.
    pub fn get(&self) -> T
    where
        T: Default,
    {
        read_typed::<T>(self.shell, self.key, true)
            .0
            .unwrap_or_default()
    }

    /// The current value, or the error that stands in its way
    /// ([`SignalError::Cycle`], [`SignalError::Disposed`]).
    pub fn try_get(&self) -> Result<T, SignalError> {
        match read_typed::<T>(self.shell, self.key, true) {
            (Some(v), None) => Ok(v),
            (_, Some(e)) => Err(e),
            (None, None) => Err(SignalError::Disposed),
        }
    }

    /// Like [`Memo::get`] but does not subscribe anyone (it still computes if needed).
    pub fn get_untracked(&self) -> T
    where
        T: Default,
    {
        read_typed::<T>(self.shell, self.key, false)
            .0
            .unwrap_or_default()
    }

    /// Like [`Memo::try_get`] but does not subscribe anyone.
    pub fn try_get_untracked(&self) -> Result<T, SignalError> {
        match read_typed::<T>(self.shell, self.key, false) {
            (Some(v), None) => Ok(v),
            (_, Some(e)) => Err(e),
            (None, None) => Err(SignalError::Disposed),
        }
    }

    /// Calls `f` with a reference to the (up to date) value, subscribing the running
    /// memo or effect. `None` on a dead handle. In a cycle, `f` sees the last good value.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        with_value(self.shell, self.key, true, f)
    }

    /// Like [`Memo::with`] but does not subscribe anyone (it still computes if needed).
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        with_value(self.shell, self.key, false, f)
    }

    /// How many times the memo's closure completed a run (runs thrown away by cycle
    /// or depth handling are not counted).
    pub fn runs(&self) -> u64 {
        self.shell.graph().map_or(0, |g| g.runs_of(self.key))
    }

    /// Whether the memo is still alive.
    pub fn is_alive(&self) -> bool {
        self.shell.graph().is_some_and(|g| g.is_alive(self.key))
    }

    /// Frees the memo (and anything created inside its closure) now.
    pub fn dispose(&self) {
        dispose(self.shell, self.key);
    }
}

impl Effect {
    /// Stops the effect and frees it (and anything created inside it). Calling it from
    /// inside the effect's own run is fine: it is freed when the run ends.
    pub fn dispose(&self) {
        dispose(self.shell, self.key);
    }

    /// Whether the effect is still alive.
    pub fn is_alive(&self) -> bool {
        self.shell
            .graph()
            .is_some_and(|g| g.is_alive(self.key) && g.kind_of(self.key) == Some(Kind::Effect))
    }

    /// How many times the effect has run.
    pub fn runs(&self) -> u64 {
        self.shell.graph().map_or(0, |g| g.runs_of(self.key))
    }

    /// `Some(SignalError::Loop)` if the effect was stopped for re-triggering itself.
    pub fn error(&self) -> Option<SignalError> {
        self.shell.graph().and_then(|g| g.error_of(self.key))
    }
}

fn dispose(shell: &'static Shell, key: NodeKey) {
    if let Some(mut g) = shell.graph() {
        g.dispose(key);
    }
    shell.drain_garbage();
}
