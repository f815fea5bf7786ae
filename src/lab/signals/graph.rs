//! The engine room: the node arena, the three colours, marking, pulling and disposal.
//!
//! Nothing in here is public. [`super::runtime`] wraps it in typed handles.
//!
//! # Borrowing discipline
//!
//! All state of one runtime lives in one `RefCell<Graph>`. User code (closures,
//! `Drop` of values) must never run while that cell is borrowed, because user code
//! calls back into the graph. So every operation is "borrow, do bookkeeping, release,
//! run user code, borrow again, re-validate". Every borrow is `try_borrow_mut`: the
//! only way it can fail is a `Clone`/`PartialEq` implementation that itself reads a
//! signal, and then the inner call gets an error value instead of a panic.
//!
//! Values and closures removed from the graph are parked in `garbage` and dropped
//! after the borrow is released, so a `Drop` that touches the runtime is safe.
//!
//! # No recursion that follows the graph
//!
//! Marking ([`Graph::mark_observers`]), pulling ([`refresh`]) and disposal
//! ([`Graph::dispose_subtree`]) each walk the graph with an explicit heap stack. The
//! only native recursion is "a closure reads a stale memo, which runs that memo's
//! closure", and that is capped at [`MAX_NESTED_RUNS`]: past it a read returns the
//! stale value, the reader's run is marked *tainted*, and the refresh loop one level
//! up refreshes what was needed and runs the reader again (its tainted result is
//! thrown away, never stored, never seen by observers).

use std::any::Any;
use std::cell::{RefCell, RefMut};
use std::collections::VecDeque;
use std::rc::Rc;

use super::SignalError;

/// Marks "no node" in owner and link fields.
pub(crate) const NONE: u32 = u32::MAX;

/// How many closure runs may be nested natively (a run reading a stale memo starts
/// another run inside it). Past this, reads defer instead of recursing. 32 levels keep
/// the worst native stack use far below WASM's 1 MB even in debug builds (tested with a
/// 1 MB thread in the unit tests).
pub(crate) const MAX_NESTED_RUNS: usize = 32;

/// An effect that re-triggers itself more often than this within one flush is stopped
/// and reports [`SignalError::Loop`] (otherwise `a.set(a.get() + 1)` inside an effect
/// that reads `a` would hang the page).
pub(crate) const MAX_EFFECT_RUNS_PER_FLUSH: u32 = 100;

/// A type-erased run of a memo or effect. Returns whether the stored value changed.
pub(crate) type ComputeFn = Box<dyn FnMut(&'static Shell, NodeKey) -> bool>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Signal,
    Memo,
    Effect,
}

/// Reactively's three colours. Ordered so that "more dirty" compares greater.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum State {
    /// The value is up to date.
    Clean,
    /// Some transitive source changed; a direct source may or may not have.
    Check,
    /// A direct source changed: must run.
    Dirty,
}

/// Identifies a node: slot index plus the stamp the slot had when the node was made.
/// Stamps are unique per [`Shell`] forever (a `u64` counter), so a handle to a
/// disposed node can never reach a newer node that reuses its slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct NodeKey {
    pub(crate) idx: u32,
    pub(crate) stamp: u64,
}

impl NodeKey {
    pub(crate) const DEAD: NodeKey = NodeKey {
        idx: NONE,
        stamp: 0,
    };
}

/// `sources[i]` of node X: X reads `node`; X sits at `node.observers[obs_pos]`.
#[derive(Clone, Copy, Debug)]
struct SourceLink {
    node: u32,
    obs_pos: u32,
}

/// `observers[i]` of node S: `node` reads S; S sits at `node.sources[src_pos]`.
#[derive(Clone, Copy, Debug)]
struct ObserverLink {
    node: u32,
    src_pos: u32,
}

/// Flag bits of [`Node::flags`].
mod flag {
    /// On some refresh stack (being checked or run). Reading such a memo is a cycle.
    pub const ON_STACK: u8 = 1;
    /// Its closure is executing right now.
    pub const RUNNING: u8 = 2;
    /// Part of a cycle found during this refresh; its run will end in `Err(Cycle)`.
    pub const IN_CYCLE: u8 = 4;
    /// An effect waiting in the queue.
    pub const QUEUED: u8 = 8;
    /// A signal it read was written while it ran: run it again afterwards.
    pub const RERUN: u8 = 16;
    /// Disposed while on a stack; freed when it leaves the stack.
    pub const ZOMBIE: u8 = 32;
}

/// The back-indices make unlinking O(1) (swap-remove plus one fix-up) so that
/// disposing one of 10,000 effects on a signal does not scan 10,000 entries.
///
/// `repr(C)` keeps the fields the propagation touches (stamp, colour, flags, the two
/// link lists) in the first cache line.
#[repr(C)]
struct Node {
    /// 0 means a free slot.
    stamp: u64,
    state: State,
    kind: Kind,
    flags: u8,
    error: Option<SignalError>,
    owner: u32,
    sources: Vec<SourceLink>,
    observers: Vec<ObserverLink>,
    value: Option<Rc<dyn Any>>,
    compute: Option<ComputeFn>,
    /// Epoch of the last run that tracked this node (cheap de-duplication of repeated reads).
    track_epoch: u64,
    /// The node below this one on the refresh stacks (an intrusive stack: no Vec).
    below: u32,
    owned_pos: u32,
    owned: Vec<u32>,
    runs: u64,
    flush_epoch: u64,
    flush_runs: u32,
}

impl Node {
    fn vacant() -> Node {
        Node {
            stamp: 0,
            state: State::Clean,
            kind: Kind::Signal,
            flags: 0,
            error: None,
            owner: NONE,
            sources: Vec::new(),
            observers: Vec::new(),
            value: None,
            compute: None,
            track_epoch: 0,
            below: NONE,
            owned_pos: NONE,
            owned: Vec::new(),
            runs: 0,
            flush_epoch: 0,
            flush_runs: 0,
        }
    }

    #[inline]
    fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    #[inline]
    fn set(&mut self, f: u8, on: bool) {
        if on {
            self.flags |= f;
        } else {
            self.flags &= !f;
        }
    }

    #[inline]
    fn live(&self, stamp: u64) -> bool {
        self.stamp == stamp && stamp != 0 && !self.has(flag::ZOMBIE)
    }
}

/// The dependency tracking state of one running closure.
#[derive(Default)]
struct Frame {
    node: u32,
    stamp: u64,
    is_memo: bool,
    /// How many of the node's previous sources were read again, in the same order.
    cursor: u32,
    epoch: u64,
    /// Sources read after the first difference from the previous run.
    new_sources: Vec<NodeKey>,
    /// A read had to defer (depth cap): this run's result is thrown away.
    tainted: bool,
    /// The stale memos the tainted run wanted.
    needed: Vec<NodeKey>,
    saved_untracked: bool,
}

pub(crate) struct Graph {
    nodes: Vec<Node>,
    free: Vec<u32>,
    next_stamp: u64,
    live: usize,
    /// Bumped when the owning `Runtime` is dropped; loops in flight notice and stop.
    reset_count: u64,
    alive: bool,
    runtime_id: u64,
    frames: Vec<Frame>,
    depth: usize,
    memo_frames: usize,
    /// Top of the intrusive stack of nodes being checked or run (cycle members are the
    /// nodes from the top down to the one read again).
    active_top: u32,
    /// Work stack of every refresh in progress; a nested refresh works above its base.
    walk: Vec<(u32, u32)>,
    queue: VecDeque<NodeKey>,
    batch_depth: u32,
    flushing: bool,
    untracked: bool,
    next_epoch: u64,
    flush_epoch: u64,
    garbage_values: Vec<Rc<dyn Any>>,
    garbage_computes: Vec<ComputeFn>,
    mark_stack: Vec<u32>,
}

/// One runtime's home. Shells are leaked once and recycled by later runtimes on the
/// same thread, so handles can hold a `&'static Shell` (Copy, no lifetime) and still
/// never dangle: a dropped runtime only empties its shell.
pub(crate) struct Shell {
    graph: RefCell<Graph>,
}

thread_local! {
    static SPARE_SHELLS: RefCell<Vec<&'static Shell>> = const { RefCell::new(Vec::new()) };
}

impl Shell {
    /// A shell for a new runtime: a recycled one if this thread has one.
    pub(crate) fn acquire() -> &'static Shell {
        let spare = SPARE_SHELLS
            .try_with(|s| s.try_borrow_mut().ok().and_then(|mut v| v.pop()))
            .ok()
            .flatten();
        let shell = spare.unwrap_or_else(|| {
            Box::leak(Box::new(Shell {
                graph: RefCell::new(Graph {
                    nodes: Vec::new(),
                    free: Vec::new(),
                    next_stamp: 1,
                    live: 0,
                    reset_count: 0,
                    alive: false,
                    runtime_id: 0,
                    frames: Vec::new(),
                    depth: 0,
                    memo_frames: 0,
                    active_top: NONE,
                    walk: Vec::new(),
                    queue: VecDeque::new(),
                    batch_depth: 0,
                    flushing: false,
                    untracked: false,
                    next_epoch: 1,
                    flush_epoch: 0,
                    garbage_values: Vec::new(),
                    garbage_computes: Vec::new(),
                    mark_stack: Vec::new(),
                }),
            }))
        });
        if let Some(mut g) = shell.graph() {
            g.alive = true;
            g.runtime_id = g.runtime_id.wrapping_add(1);
        }
        shell
    }

    /// Frees every node and returns the shell to the spare list.
    pub(crate) fn release(&'static self) {
        let taken = match self.graph() {
            Some(mut g) => {
                g.alive = false;
                g.reset_count = g.reset_count.wrapping_add(1);
                g.free.clear();
                g.live = 0;
                g.depth = 0;
                g.memo_frames = 0;
                g.active_top = NONE;
                g.walk.clear();
                g.queue.clear();
                g.batch_depth = 0;
                g.flushing = false;
                g.untracked = false;
                let values = std::mem::take(&mut g.garbage_values);
                let computes = std::mem::take(&mut g.garbage_computes);
                (std::mem::take(&mut g.nodes), values, computes)
            }
            // Only reachable if a `Clone` impl drops the runtime mid-read: leak it.
            None => return,
        };
        // User values and closures are dropped with no borrow held.
        drop(taken);
        let _ = SPARE_SHELLS.try_with(|s| {
            if let Ok(mut v) = s.try_borrow_mut() {
                v.push(self);
            }
        });
    }

    pub(crate) fn graph(&self) -> Option<RefMut<'_, Graph>> {
        self.graph.try_borrow_mut().ok()
    }

    /// Drops parked values and closures, with no borrow held.
    pub(crate) fn drain_garbage(&self) {
        loop {
            let (values, computes) = match self.graph() {
                Some(mut g) => {
                    if g.garbage_values.is_empty() && g.garbage_computes.is_empty() {
                        return;
                    }
                    (
                        std::mem::take(&mut g.garbage_values),
                        std::mem::take(&mut g.garbage_computes),
                    )
                }
                None => return,
            };
            drop(values);
            drop(computes);
        }
    }

    pub(crate) fn runtime_id(&self) -> Option<u64> {
        self.graph().filter(|g| g.alive).map(|g| g.runtime_id)
    }

    /// Runs pending effects if nothing is in progress that should run them later.
    pub(crate) fn settle(&'static self) {
        let (ready, garbage) = match self.graph() {
            Some(g) => (
                g.alive && g.depth == 0 && !g.flushing && g.batch_depth == 0 && !g.queue.is_empty(),
                g.has_garbage(),
            ),
            None => return,
        };
        if ready {
            flush(self);
        } else if garbage {
            self.drain_garbage();
        }
    }
}

impl Graph {
    pub(crate) fn live(&self) -> usize {
        self.live
    }

    fn valid(&self, key: NodeKey) -> bool {
        self.nodes
            .get(key.idx as usize)
            .is_some_and(|n| n.live(key.stamp))
    }

    fn node(&self, key: NodeKey) -> Option<&Node> {
        self.nodes
            .get(key.idx as usize)
            .filter(|n| n.live(key.stamp))
    }

    fn node_mut(&mut self, key: NodeKey) -> Option<&mut Node> {
        self.nodes
            .get_mut(key.idx as usize)
            .filter(|n| n.live(key.stamp))
    }

    /// Creates a node owned by the running closure (if any).
    pub(crate) fn create(
        &mut self,
        kind: Kind,
        value: Option<Rc<dyn Any>>,
        compute: Option<ComputeFn>,
    ) -> NodeKey {
        self.create_owned(kind, value, compute, true)
    }

    /// Creates a node; `owned` false makes it belong to the runtime even when a closure
    /// is running (a shared cache created on first use must outlive that run).
    pub(crate) fn create_owned(
        &mut self,
        kind: Kind,
        value: Option<Rc<dyn Any>>,
        compute: Option<ComputeFn>,
        owned: bool,
    ) -> NodeKey {
        if !self.alive {
            if let Some(v) = value {
                self.garbage_values.push(v);
            }
            if let Some(c) = compute {
                self.garbage_computes.push(c);
            }
            return NodeKey::DEAD;
        }
        let idx = match self.free.pop() {
            Some(i) => i,
            None => {
                let len = self.nodes.len();
                // Index NONE is reserved; refuse rather than wrap.
                let Ok(i) = u32::try_from(len) else {
                    return self.refuse(value, compute);
                };
                if i == NONE {
                    return self.refuse(value, compute);
                }
                self.nodes.push(Node::vacant());
                i
            }
        };
        let stamp = self.next_stamp;
        self.next_stamp = self.next_stamp.wrapping_add(1).max(1);
        let owner = if owned && self.depth > 0 {
            let f = &self.frames[self.depth - 1];
            if self
                .nodes
                .get(f.node as usize)
                .is_some_and(|n| n.stamp == f.stamp)
            {
                f.node
            } else {
                NONE
            }
        } else {
            NONE
        };
        let owned_pos = if owner != NONE {
            let list = &mut self.nodes[owner as usize].owned;
            list.push(idx);
            (list.len() - 1) as u32
        } else {
            NONE
        };
        let n = &mut self.nodes[idx as usize];
        n.stamp = stamp;
        n.kind = kind;
        n.state = if kind == Kind::Signal {
            State::Clean
        } else {
            State::Dirty
        };
        n.value = value;
        n.compute = compute;
        n.owner = owner;
        n.owned_pos = owned_pos;
        self.live += 1;
        NodeKey { idx, stamp }
    }

    fn refuse(&mut self, value: Option<Rc<dyn Any>>, compute: Option<ComputeFn>) -> NodeKey {
        if let Some(v) = value {
            self.garbage_values.push(v);
        }
        if let Some(c) = compute {
            self.garbage_computes.push(c);
        }
        NodeKey::DEAD
    }

    /// Starts a batch if the runtime is the one `runtime_id` names (any if None).
    pub(crate) fn batch_begin(&mut self, runtime_id: Option<u64>) -> bool {
        if !self.alive || runtime_id.is_some_and(|id| id != self.runtime_id) {
            return false;
        }
        self.batch_depth = self.batch_depth.saturating_add(1);
        true
    }

    /// Whether queued effects should run now (nothing in progress will run them).
    #[inline]
    pub(crate) fn should_flush(&self) -> bool {
        self.alive
            && self.batch_depth == 0
            && self.depth == 0
            && !self.flushing
            && !self.queue.is_empty()
    }

    /// Ends a batch; returns whether effects should be flushed now.
    pub(crate) fn batch_end(&mut self) -> bool {
        self.batch_depth = self.batch_depth.saturating_sub(1);
        self.should_flush()
    }

    /// Sets the untracked flag and returns the previous one.
    pub(crate) fn set_untracked(&mut self, on: bool) -> bool {
        std::mem::replace(&mut self.untracked, on)
    }

    pub(crate) fn kind_of(&self, key: NodeKey) -> Option<Kind> {
        self.node(key).map(|n| n.kind)
    }

    pub(crate) fn is_alive(&self, key: NodeKey) -> bool {
        self.valid(key)
    }

    pub(crate) fn runs_of(&self, key: NodeKey) -> u64 {
        self.node(key).map_or(0, |n| n.runs)
    }

    pub(crate) fn error_of(&self, key: NodeKey) -> Option<SignalError> {
        self.node(key).and_then(|n| n.error)
    }

    /// Records that the running closure read `idx`.
    fn track(&mut self, idx: u32) {
        if self.untracked || self.depth == 0 {
            return;
        }
        let f = &mut self.frames[self.depth - 1];
        let Some(src) = self.nodes.get_mut(idx as usize) else {
            return;
        };
        if src.track_epoch == f.epoch {
            return;
        }
        src.track_epoch = f.epoch;
        let src_stamp = src.stamp;
        if f.new_sources.is_empty()
            && let Some(me) = self.nodes.get(f.node as usize)
            && me.stamp == f.stamp
            && let Some(link) = me.sources.get(f.cursor as usize)
            && link.node == idx
        {
            f.cursor += 1;
            return;
        }
        f.new_sources.push(NodeKey {
            idx,
            stamp: src_stamp,
        });
    }

    /// Replaces a signal's value. Returns the old value for dropping outside the borrow.
    pub(crate) fn write<T: 'static>(
        &mut self,
        key: NodeKey,
        new: T,
    ) -> Result<Option<T>, SignalError> {
        if self.memo_frames > 0 {
            return Err(SignalError::WriteInMemo);
        }
        let Some(node) = slot_mut(&mut self.nodes, key) else {
            return Err(SignalError::Disposed);
        };
        if node.kind != Kind::Signal {
            return Err(SignalError::Disposed);
        }
        let in_place = node
            .value
            .as_mut()
            .and_then(Rc::get_mut)
            .and_then(|v| v.downcast_mut::<T>());
        let old = match in_place {
            Some(slot) => Some(std::mem::replace(slot, new)),
            None => {
                // Shared (someone is inside `with`) or taken (inside `update`): swap the Rc.
                let fresh: Rc<dyn Any> = Rc::new(new);
                if let Some(prev) = node.value.replace(fresh) {
                    self.garbage_values.push(prev);
                }
                None
            }
        };
        self.mark_observers(key.idx, true);
        self.rerun_running_reader(key.idx);
        Ok(old)
    }

    /// Takes a signal's value out for `update` (see `put_back`).
    pub(crate) fn take_value(&mut self, key: NodeKey) -> Result<Rc<dyn Any>, SignalError> {
        if self.memo_frames > 0 {
            return Err(SignalError::WriteInMemo);
        }
        let node = slot_mut(&mut self.nodes, key).ok_or(SignalError::Disposed)?;
        if node.kind != Kind::Signal {
            return Err(SignalError::Disposed);
        }
        node.value.take().ok_or(SignalError::Busy)
    }

    /// Puts an updated value back and notifies observers.
    pub(crate) fn put_back(&mut self, key: NodeKey, value: Rc<dyn Any>) {
        match slot_mut(&mut self.nodes, key) {
            Some(node) => {
                if let Some(prev) = node.value.replace(value) {
                    self.garbage_values.push(prev);
                }
                self.mark_observers(key.idx, true);
                self.rerun_running_reader(key.idx);
            }
            None => self.garbage_values.push(value),
        }
    }

    /// Puts back a value taken by `take_value` without notifying anyone.
    pub(crate) fn restore_value(&mut self, key: NodeKey, value: Rc<dyn Any>) {
        match slot_mut(&mut self.nodes, key) {
            Some(node) if node.value.is_none() => node.value = Some(value),
            _ => self.garbage_values.push(value),
        }
    }

    /// A running effect that read `idx` earlier in this same run is not linked yet
    /// (links are made when the run ends), so marking cannot reach it: flag it here.
    fn rerun_running_reader(&mut self, idx: u32) {
        let Some(epoch) = self.nodes.get(idx as usize).map(|n| n.track_epoch) else {
            return;
        };
        let Some(f) = self.frames[..self.depth].iter().find(|f| f.epoch == epoch) else {
            return;
        };
        if let Some(n) = self.nodes.get_mut(f.node as usize)
            && n.stamp == f.stamp
            && n.kind == Kind::Effect
        {
            n.set(flag::RERUN, true);
        }
    }

    // region: mark
    /// Marks the observers of `idx` Dirty and everything downstream Check, queueing
    /// effects. Stops at nodes that are already marked: their downstream is too.
    /// `from_write` is true for a signal write; then a running effect that is reached
    /// has read something that just changed and must run again.
    ///
    /// Iterative: a node whose colour went from Clean is pushed once; a chain of
    /// single readers is followed without touching the stack.
    fn mark_observers(&mut self, idx: u32, from_write: bool) {
        let mut stack = std::mem::take(&mut self.mark_stack);
        stack.clear();
        let direct = self
            .nodes
            .get(idx as usize)
            .map_or(0, |n| n.observers.len());
        for k in 0..direct {
            let o = self.nodes[idx as usize].observers[k].node;
            if self.mark_one(o, State::Dirty, from_write) {
                stack.push(o);
            }
        }
        while let Some(mut cur) = stack.pop() {
            loop {
                let count = self.nodes[cur as usize].observers.len();
                if count == 1 {
                    let o = self.nodes[cur as usize].observers[0].node;
                    if self.mark_one(o, State::Check, from_write) {
                        cur = o;
                        continue;
                    }
                    break;
                }
                for k in 0..count {
                    let o = self.nodes[cur as usize].observers[k].node;
                    if self.mark_one(o, State::Check, from_write) {
                        stack.push(o);
                    }
                }
                break;
            }
        }
        self.mark_stack = stack;
    }

    /// Colours one node. Returns true if it was clean, i.e. its own readers still
    /// need marking.
    #[inline(always)]
    fn mark_one(&mut self, i: u32, colour: State, from_write: bool) -> bool {
        let Some(n) = self.nodes.get_mut(i as usize) else {
            return false;
        };
        if n.stamp == 0 {
            return false;
        }
        if n.has(flag::RUNNING) {
            if from_write && n.kind == Kind::Effect {
                n.set(flag::RERUN, true);
            }
            return false;
        }
        if n.state >= colour {
            return false;
        }
        let was = n.state;
        n.state = colour;
        if was != State::Clean {
            return false;
        }
        if n.kind == Kind::Effect && !n.has(flag::QUEUED) {
            n.set(flag::QUEUED, true);
            let key = NodeKey {
                idx: i,
                stamp: n.stamp,
            };
            self.queue.push_back(key);
        }
        true
    }

    /// A memo's value changed: its readers (normally already `Check`) become `Dirty`.
    /// Falls back to the full marking only if a reader was clean.
    fn mark_changed(&mut self, idx: u32) {
        let count = self
            .nodes
            .get(idx as usize)
            .map_or(0, |n| n.observers.len());
        let mut clean_reader = false;
        for k in 0..count {
            let o = self.nodes[idx as usize].observers[k].node;
            let Some(n) = self.nodes.get_mut(o as usize) else {
                continue;
            };
            if n.stamp == 0 || n.has(flag::RUNNING) {
                continue;
            }
            match n.state {
                State::Clean => clean_reader = true,
                State::Check => n.state = State::Dirty,
                State::Dirty => {}
            }
        }
        if clean_reader {
            self.mark_observers(idx, false);
        }
    }
    // endregion

    #[inline]
    fn push_active(&mut self, idx: u32) {
        if let Some(n) = self.nodes.get_mut(idx as usize) {
            n.set(flag::ON_STACK, true);
            n.below = self.active_top;
            self.active_top = idx;
        }
    }

    #[inline]
    fn pop_active(&mut self, idx: u32) {
        let zombie = match self.nodes.get_mut(idx as usize) {
            Some(n) => {
                if self.active_top == idx {
                    self.active_top = n.below;
                }
                n.below = NONE;
                n.set(flag::ON_STACK | flag::IN_CYCLE, false);
                n.has(flag::ZOMBIE) && n.stamp != 0
            }
            None => false,
        };
        if zombie {
            self.dispose_subtree(idx);
        }
    }

    /// Flags every node on the stacks from the top down to `read` (which a running
    /// closure just read while it was on the stack) as part of a cycle.
    fn flag_cycle(&mut self, read: u32) {
        let mut cur = self.active_top;
        let mut steps = 0usize;
        while cur != NONE && steps <= self.nodes.len() {
            steps += 1;
            let Some(n) = self.nodes.get_mut(cur as usize) else {
                break;
            };
            n.set(flag::IN_CYCLE, true);
            if cur == read {
                break;
            }
            cur = n.below;
        }
    }

    fn push_frame(&mut self, key: NodeKey, is_memo: bool) {
        let epoch = self.next_epoch;
        self.next_epoch = self.next_epoch.wrapping_add(1).max(1);
        let saved_untracked = std::mem::replace(&mut self.untracked, false);
        if self.depth == self.frames.len() {
            self.frames.push(Frame::default());
        }
        let f = &mut self.frames[self.depth];
        f.node = key.idx;
        f.stamp = key.stamp;
        f.is_memo = is_memo;
        f.cursor = 0;
        f.epoch = epoch;
        f.new_sources.clear();
        f.tainted = false;
        f.needed.clear();
        f.saved_untracked = saved_untracked;
        self.depth += 1;
        if is_memo {
            self.memo_frames += 1;
        }
    }

    /// Ends the frame of `key`: re-links sources. Returns whether the run was tainted
    /// (and then fills `needed`), or None if the frame is not on top (the runtime
    /// was dropped meanwhile).
    fn pop_frame(&mut self, key: NodeKey, needed: &mut Vec<NodeKey>) -> Option<bool> {
        if self.depth == 0 {
            return None;
        }
        let top = self.depth - 1;
        if self.frames[top].node != key.idx || self.frames[top].stamp != key.stamp {
            return None;
        }
        self.depth = top;
        let f = &mut self.frames[top];
        self.untracked = f.saved_untracked;
        if f.is_memo {
            self.memo_frames = self.memo_frames.saturating_sub(1);
        }
        let tainted = f.tainted;
        if tainted {
            needed.append(&mut f.needed);
        }
        let cursor = f.cursor;
        let fresh = std::mem::take(&mut f.new_sources);
        self.relink(key.idx, cursor, &fresh);
        let mut fresh = fresh;
        fresh.clear();
        self.frames[top].new_sources = fresh;
        Some(tainted)
    }

    /// Keeps `sources[..cursor]`, unlinks the rest, appends `fresh`.
    fn relink(&mut self, me: u32, cursor: u32, fresh: &[NodeKey]) {
        if self
            .nodes
            .get(me as usize)
            .is_none_or(|n| n.sources.len() <= cursor as usize)
            && fresh.is_empty()
        {
            return;
        }
        loop {
            let Some(n) = self.nodes.get_mut(me as usize) else {
                return;
            };
            if n.sources.len() <= cursor as usize {
                break;
            }
            let Some(link) = n.sources.pop() else { break };
            if link.node != NONE {
                self.unlink_observer(link.node, link.obs_pos);
            }
        }
        for src in fresh {
            if !self
                .nodes
                .get(src.idx as usize)
                .is_some_and(|n| n.live(src.stamp))
            {
                continue;
            }
            let src_pos = self.nodes[me as usize].sources.len() as u32;
            let obs_pos = self.nodes[src.idx as usize].observers.len() as u32;
            self.nodes[src.idx as usize]
                .observers
                .push(ObserverLink { node: me, src_pos });
            self.nodes[me as usize].sources.push(SourceLink {
                node: src.idx,
                obs_pos,
            });
        }
    }

    /// Removes `observers[pos]` of `src` and fixes the back-index of the moved entry.
    fn unlink_observer(&mut self, src: u32, pos: u32) {
        let Some(s) = self.nodes.get_mut(src as usize) else {
            return;
        };
        let pos = pos as usize;
        if pos >= s.observers.len() {
            return;
        }
        s.observers.swap_remove(pos);
        if let Some(&moved) = s.observers.get(pos)
            && let Some(m) = self.nodes.get_mut(moved.node as usize)
            && let Some(link) = m.sources.get_mut(moved.src_pos as usize)
        {
            link.obs_pos = pos as u32;
        }
    }

    /// Disposes a node and everything it owns (iteratively: ownership can be deep).
    pub(crate) fn dispose(&mut self, key: NodeKey) {
        if self.valid(key) {
            self.detach_from_owner(key.idx);
            self.dispose_subtree(key.idx);
        }
    }

    fn detach_from_owner(&mut self, idx: u32) {
        let (owner, pos) = match self.nodes.get_mut(idx as usize) {
            Some(n) => (
                std::mem::replace(&mut n.owner, NONE),
                std::mem::replace(&mut n.owned_pos, NONE),
            ),
            None => return,
        };
        if owner == NONE {
            return;
        }
        let Some(o) = self.nodes.get_mut(owner as usize) else {
            return;
        };
        let pos = pos as usize;
        if pos < o.owned.len() && o.owned[pos] == idx {
            o.owned.swap_remove(pos);
            if let Some(&moved) = o.owned.get(pos)
                && let Some(m) = self.nodes.get_mut(moved as usize)
            {
                m.owned_pos = pos as u32;
            }
        }
    }

    /// Disposes what `idx` owns but not `idx` itself (before it runs again).
    fn dispose_children(&mut self, idx: u32) {
        let children = match self.nodes.get_mut(idx as usize) {
            Some(n) if !n.owned.is_empty() => std::mem::take(&mut n.owned),
            _ => return,
        };
        for &c in &children {
            if let Some(n) = self.nodes.get_mut(c as usize) {
                n.owner = NONE;
                n.owned_pos = NONE;
            }
            self.dispose_subtree(c);
        }
        let mut children = children;
        children.clear();
        if let Some(n) = self.nodes.get_mut(idx as usize)
            && n.owned.is_empty()
        {
            n.owned = children;
        }
    }

    fn dispose_subtree(&mut self, root: u32) {
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            let Some(n) = self.nodes.get_mut(i as usize) else {
                continue;
            };
            if n.stamp == 0 {
                continue;
            }
            stack.extend_from_slice(&n.owned);
            n.owned.clear();
            if n.has(flag::ON_STACK) {
                // Still running or being checked: free it when it leaves the stack.
                if !n.has(flag::ZOMBIE) {
                    n.set(flag::ZOMBIE, true);
                    self.live = self.live.saturating_sub(1);
                }
                n.owner = NONE;
                continue;
            }
            self.free_node(i);
        }
    }

    fn free_node(&mut self, i: u32) {
        // Unlink from what it reads.
        while let Some(link) = self.nodes[i as usize].sources.pop() {
            if link.node != NONE {
                self.unlink_observer(link.node, link.obs_pos);
            }
        }
        // Whoever read it keeps a dead link (positions must not move under a running
        // closure's cursor); the reader drops it on its next run.
        let observers = std::mem::take(&mut self.nodes[i as usize].observers);
        for l in &observers {
            if let Some(o) = self.nodes.get_mut(l.node as usize)
                && let Some(link) = o.sources.get_mut(l.src_pos as usize)
                && link.node == i
            {
                link.node = NONE;
            }
        }
        let n = &mut self.nodes[i as usize];
        let mut observers = observers;
        observers.clear();
        n.observers = observers;
        if let Some(v) = n.value.take() {
            self.garbage_values.push(v);
        }
        if let Some(c) = n.compute.take() {
            self.garbage_computes.push(c);
        }
        let was_zombie = n.has(flag::ZOMBIE);
        n.stamp = 0;
        n.state = State::Clean;
        n.flags = 0;
        n.error = None;
        n.owner = NONE;
        n.owned_pos = NONE;
        n.below = NONE;
        n.runs = 0;
        n.flush_runs = 0;
        if !was_zombie {
            self.live = self.live.saturating_sub(1);
        }
        self.free.push(i);
    }

    pub(crate) fn has_garbage(&self) -> bool {
        !self.garbage_values.is_empty() || !self.garbage_computes.is_empty()
    }
}

fn slot_mut(nodes: &mut [Node], key: NodeKey) -> Option<&mut Node> {
    nodes
        .get_mut(key.idx as usize)
        .filter(|n| n.live(key.stamp))
}

/// Reads a node's current value, bringing a memo up to date first, and hands it to
/// `look` while the graph is borrowed (`look` must not call back into the runtime:
/// it is a downcast plus a clone, or an Rc clone).
pub(crate) fn read<R>(
    shell: &'static Shell,
    key: NodeKey,
    track: bool,
    look: impl FnOnce(&Rc<dyn Any>) -> Option<R>,
) -> (Option<R>, Option<SignalError>) {
    let mut refreshed = false;
    loop {
        let Some(mut g) = shell.graph() else {
            return (None, Some(SignalError::Busy));
        };
        let Some(node) = g.node(key) else {
            return (None, Some(SignalError::Disposed));
        };
        let kind = node.kind;
        if kind == Kind::Effect {
            return (None, Some(SignalError::Disposed));
        }
        let mut error = None;
        if kind == Kind::Memo {
            if node.has(flag::ON_STACK) {
                // Reading a memo whose own run (or check) is in progress: a cycle. Every
                // node above it on the stacks is in it.
                g.flag_cycle(key.idx);
                error = Some(SignalError::Cycle);
            } else if node.state != State::Clean && !refreshed {
                if g.depth >= MAX_NESTED_RUNS {
                    // Too deep to recurse: hand back the stale value, and have the
                    // refresh loop below us bring this memo up to date and rerun.
                    let top = g.depth - 1;
                    g.frames[top].tainted = true;
                    g.frames[top].needed.push(key);
                } else {
                    drop(g);
                    refresh(shell, key);
                    refreshed = true;
                    continue;
                }
            }
        }
        if track {
            g.track(key.idx);
        }
        let node = &g.nodes[key.idx as usize];
        let error = error.or(node.error);
        let value = node.value.as_ref().and_then(look);
        let error = match (&value, error) {
            (_, Some(e)) => Some(e),
            (Some(_), None) => None,
            // A signal's value is only missing while `update` holds it.
            (None, None) if kind == Kind::Signal => Some(SignalError::Busy),
            (None, None) => Some(SignalError::Deferred),
        };
        return (value, error);
    }
}

/// Stores a memo's new value unless this run is thrown away. Compares with
/// `PartialEq` under the borrow (an `eq` that reads a signal would get `Busy`).
/// Returns whether the stored value changed; the old value is dropped after the
/// borrow ends.
pub(crate) fn store_memo_value<T: PartialEq + 'static>(
    shell: &'static Shell,
    key: NodeKey,
    new: T,
) -> bool {
    let (changed, leftover) = match shell.graph() {
        Some(mut g) => store_inner(&mut g, key, new),
        None => return false,
    };
    drop(leftover);
    changed
}

fn store_inner<T: PartialEq + 'static>(g: &mut Graph, key: NodeKey, new: T) -> (bool, Option<T>) {
    let tainted = g.depth > 0 && {
        let f = &g.frames[g.depth - 1];
        f.node == key.idx && f.stamp == key.stamp && f.tainted
    };
    let Some(node) = slot_mut(&mut g.nodes, key) else {
        return (false, Some(new));
    };
    if tainted || node.has(flag::IN_CYCLE) {
        // This run's result is thrown away (see the module doc).
        return (false, Some(new));
    }
    let Some(rc) = node.value.as_mut() else {
        node.value = Some(Rc::new(new));
        return (true, None);
    };
    if let Some(slot) = Rc::get_mut(rc).and_then(|v| v.downcast_mut::<T>()) {
        if *slot == new {
            return (false, Some(new));
        }
        return (true, Some(std::mem::replace(slot, new)));
    }
    // Shared (someone is inside `with`): compare, then swap in a fresh Rc.
    if rc.downcast_ref::<T>().is_some_and(|o| *o == new) {
        return (false, Some(new));
    }
    let fresh: Rc<dyn Any> = Rc::new(new);
    if let Some(prev) = node.value.replace(fresh) {
        g.garbage_values.push(prev);
    }
    (true, None)
}

enum RunOutcome {
    Done,
    Retry,
    Gone,
}

/// Runs the closure of a memo or effect once, re-tracking its sources. On `Retry`,
/// `needed` holds what the tainted run wanted.
fn run_node(shell: &'static Shell, key: NodeKey, needed: &mut Vec<NodeKey>) -> RunOutcome {
    let (mut compute, reset) = {
        let Some(mut g) = shell.graph() else {
            return RunOutcome::Gone;
        };
        let Some(node) = g.node(key) else {
            return RunOutcome::Gone;
        };
        if !node.owned.is_empty() {
            // Children of the previous run die first.
            g.dispose_children(key.idx);
        }
        if g.has_garbage() {
            // Dropped with no frame pushed, so a `Drop` that reads a signal is not
            // tracked as a dependency.
            drop(g);
            shell.drain_garbage();
            g = match shell.graph() {
                Some(g) => g,
                None => return RunOutcome::Gone,
            };
        }
        let reset = g.reset_count;
        let Some(node) = g.node_mut(key) else {
            return RunOutcome::Gone;
        };
        let Some(c) = node.compute.take() else {
            return RunOutcome::Gone;
        };
        node.set(flag::RUNNING, true);
        node.set(flag::RERUN, false);
        let is_memo = node.kind == Kind::Memo;
        g.push_frame(key, is_memo);
        (c, reset)
    };
    let changed = compute(shell, key);
    let Some(mut g) = shell.graph() else {
        return RunOutcome::Gone;
    };
    if g.reset_count != reset {
        drop(g);
        drop(compute);
        return RunOutcome::Gone;
    }
    let popped = g.pop_frame(key, needed);
    let g = &mut *g;
    let Some(node) = g
        .nodes
        .get_mut(key.idx as usize)
        .filter(|n| n.stamp == key.stamp && key.stamp != 0)
    else {
        g.garbage_computes.push(compute);
        return RunOutcome::Gone;
    };
    node.compute = Some(compute);
    node.set(flag::RUNNING, false);
    let Some(tainted) = popped else {
        return RunOutcome::Gone;
    };
    if tainted {
        return RunOutcome::Retry;
    }
    node.runs = node.runs.saturating_add(1);
    let mut notify = false;
    if node.kind == Kind::Memo {
        let new_error = if node.has(flag::IN_CYCLE) {
            Some(SignalError::Cycle)
        } else {
            None
        };
        let error_changed = node.error != new_error;
        node.error = new_error;
        notify = (changed && new_error.is_none()) || error_changed;
    }
    if node.has(flag::RERUN) {
        node.set(flag::RERUN, false);
        node.state = State::Dirty;
        if node.kind == Kind::Effect && !node.has(flag::QUEUED) {
            node.set(flag::QUEUED, true);
            g.queue.push_back(key);
        }
    } else {
        node.state = State::Clean;
    }
    if notify {
        g.mark_changed(key.idx);
    }
    RunOutcome::Done
}

// region: pull
/// Brings `target` up to date: walks its sources in order (iteratively), running
/// only what is Dirty, and stopping a node's check at its first changed source (the
/// branch-not-taken rule: later sources may no longer be read at all).
pub(crate) fn refresh(shell: &'static Shell, target: NodeKey) {
    let Some(mut g) = shell.graph() else { return };
    let Some(n) = g.node(target) else { return };
    if n.kind == Kind::Signal || n.state == State::Clean || n.has(flag::ON_STACK) {
        return;
    }
    if n.state == State::Check && !n.has(flag::IN_CYCLE) {
        // Fast path: a maybe-stale node whose sources are all clean is clean.
        let nodes = &g.nodes;
        let all_clean = n.sources.iter().all(|l| {
            nodes
                .get(l.node as usize)
                .is_some_and(|s| s.kind == Kind::Signal || s.state == State::Clean)
        });
        if all_clean {
            g.nodes[target.idx as usize].state = State::Clean;
            return;
        }
    }
    let mut needed = Vec::new();
    // Each retry makes progress (a deferred memo gets computed), so this budget is
    // never reached; it only guarantees termination if that argument ever fails.
    let mut retries_left = g.nodes.len().saturating_mul(2).saturating_add(64);
    let base = g.walk.len();
    g.push_active(target.idx);
    g.walk.push((target.idx, 0));
    let reset = g.reset_count;
    while g.walk.len() > base {
        let Some(&(idx, next)) = g.walk.last() else {
            break;
        };
        let Some(n) = g.nodes.get(idx as usize).filter(|n| n.stamp != 0) else {
            g.walk.pop();
            g.pop_active(idx);
            continue;
        };
        if n.has(flag::ZOMBIE) {
            g.walk.pop();
            g.pop_active(idx);
            continue;
        }
        let stamp = n.stamp;
        let state = if n.has(flag::IN_CYCLE) {
            State::Dirty
        } else {
            n.state
        };
        match state {
            State::Clean => {
                g.walk.pop();
                g.pop_active(idx);
            }
            State::Check => {
                // Skip over clean sources in one go; stop at the first that needs work.
                enum Found {
                    Nothing,
                    Stale(u32),
                    MustRun,
                }
                let sources = &n.sources;
                let mut k = next as usize;
                let mut found = Found::Nothing;
                while let Some(link) = sources.get(k) {
                    k += 1;
                    if link.node == NONE {
                        // A source was disposed: run again to find out what it reads now.
                        found = Found::MustRun;
                        break;
                    }
                    let src = &g.nodes[link.node as usize];
                    if src.kind != Kind::Signal && src.state != State::Clean {
                        found = if src.has(flag::ON_STACK) {
                            // A cycle in the recorded graph: let the run find it.
                            Found::MustRun
                        } else {
                            Found::Stale(link.node)
                        };
                        break;
                    }
                }
                let k = k as u32;
                if let Some(top) = g.walk.last_mut() {
                    top.1 = k;
                }
                match found {
                    Found::Nothing => {
                        // Every source is unchanged: nothing to run.
                        g.nodes[idx as usize].state = State::Clean;
                        g.walk.pop();
                        g.pop_active(idx);
                    }
                    Found::MustRun => g.nodes[idx as usize].state = State::Dirty,
                    Found::Stale(src) => {
                        g.push_active(src);
                        g.walk.push((src, 0));
                    }
                }
            }
            State::Dirty => {
                drop(g);
                needed.clear();
                let outcome = run_node(shell, NodeKey { idx, stamp }, &mut needed);
                g = match shell.graph() {
                    Some(g) => g,
                    None => return,
                };
                if g.reset_count != reset {
                    // The runtime went away under us: leave quietly.
                    return;
                }
                match outcome {
                    RunOutcome::Retry if retries_left == 0 => {
                        // Give up on this node for now: it keeps its last value and
                        // stays Dirty, so the next read tries again.
                        g.walk.pop();
                        g.pop_active(idx);
                    }
                    RunOutcome::Retry => {
                        // Keep this node Dirty on the stack; first bring up to date
                        // what its deferred reads wanted, then run it again.
                        retries_left -= 1;
                        for &k in &needed {
                            let push = g.node(k).is_some_and(|n| {
                                n.kind == Kind::Memo
                                    && n.state != State::Clean
                                    && !n.has(flag::ON_STACK)
                            });
                            if push {
                                g.push_active(k.idx);
                                g.walk.push((k.idx, 0));
                            }
                        }
                    }
                    RunOutcome::Done | RunOutcome::Gone => {
                        g.walk.pop();
                        g.pop_active(idx);
                    }
                }
            }
        }
    }
}
// endregion

/// Runs queued effects until the queue is empty.
pub(crate) fn flush(shell: &'static Shell) {
    {
        let Some(mut g) = shell.graph() else { return };
        if g.flushing || !g.alive {
            return;
        }
        g.flushing = true;
        g.flush_epoch = g.flush_epoch.wrapping_add(1);
    }
    loop {
        let (owner, key) = {
            let Some(mut g) = shell.graph() else { return };
            let Some(key) = g.queue.pop_front() else {
                g.flushing = false;
                let garbage = g.has_garbage();
                drop(g);
                if garbage {
                    shell.drain_garbage();
                }
                return;
            };
            let epoch = g.flush_epoch;
            let Some(node) = g.node_mut(key) else {
                continue;
            };
            node.set(flag::QUEUED, false);
            if node.state == State::Clean {
                continue;
            }
            if node.flush_epoch != epoch {
                node.flush_epoch = epoch;
                node.flush_runs = 0;
            }
            node.flush_runs += 1;
            if node.flush_runs > MAX_EFFECT_RUNS_PER_FLUSH {
                node.error = Some(SignalError::Loop);
                node.state = State::Clean;
                continue;
            }
            // An effect owned by another queued effect: run the owner first; its
            // rerun disposes this one, which then never runs with stale inputs.
            let mut owner_to_run = None;
            let mut cur = node.owner;
            let mut hops = 0usize;
            while cur != NONE && hops < 10_000 {
                hops += 1;
                let Some(o) = g.nodes.get(cur as usize).filter(|o| o.stamp != 0) else {
                    break;
                };
                if o.kind == Kind::Effect && o.state != State::Clean && !o.has(flag::ON_STACK) {
                    owner_to_run = Some(NodeKey {
                        idx: cur,
                        stamp: o.stamp,
                    });
                }
                cur = o.owner;
            }
            (owner_to_run, key)
        };
        if let Some(owner) = owner {
            refresh(shell, owner);
        }
        refresh(shell, key);
    }
}
