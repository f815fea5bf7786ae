//! A naive signal, kept to show what goes wrong, next to ours.
//!
//! A [`NaiveSignal`] is the signal a first tutorial writes: a value plus a list of
//! subscribers; `set` stores the value and
//! immediately calls every subscriber, in the order they subscribed. That eager push
//! is simple and fast, and it is wrong for shared dependencies: in the diamond
//!
//! ```text
//!        a
//!      /   \
//!  b = a*2  c = a+1
//!      \   /
//!    d = b + c
//! ```
//!
//! writing `a` updates `b`, which immediately recomputes `d` while `c` still holds the
//! value computed from the *old* `a`: `d` runs with a half-updated graph (a **glitch**)
//! and then runs again when `c` catches up. [`naive_diamond`] records exactly that;
//! [`reactive_diamond`] builds the same diamond on our [`Runtime`], where `d` runs once
//! per change and always sees `b` and `c` computed from the same `a`.
//!
//! Both return plain logs so the tab only renders them.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use super::Runtime;
use crate::lab::fmt::{count, grouped};

/// How deep one `set` may cascade through subscribers before the naive signal stops
/// notifying. Without a limit each link of a chain is one more level of recursion, and
/// a long chain overflows the 1 MB WASM stack.
pub const MAX_NAIVE_DEPTH: u32 = 64;

thread_local! {
    static NAIVE_DEPTH: Cell<u32> = const { Cell::new(0) };
}

struct NaiveInner<T> {
    value: T,
    subscribers: Vec<Rc<dyn Fn()>>,
}

/// A naive signal: a value and a list of subscribers called on every `set`.
pub struct NaiveSignal<T> {
    inner: Rc<RefCell<NaiveInner<T>>>,
}

impl<T> Clone for NaiveSignal<T> {
    fn clone(&self) -> Self {
        NaiveSignal {
            inner: Rc::clone(&self.inner),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for NaiveSignal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.inner.try_borrow() {
            Ok(i) => write!(f, "NaiveSignal({:?})", i.value),
            Err(_) => f.write_str("NaiveSignal(<busy>)"),
        }
    }
}

impl<T: Clone + 'static> NaiveSignal<T> {
    /// A signal holding `value` with no subscribers.
    pub fn new(value: T) -> Self {
        NaiveSignal {
            inner: Rc::new(RefCell::new(NaiveInner {
                value,
                subscribers: Vec::new(),
            })),
        }
    }

    /// The current value (`None` only if read from inside its own `set`, which the
    /// naive design cannot prevent).
    pub fn get(&self) -> Option<T> {
        self.inner.try_borrow().ok().map(|i| i.value.clone())
    }

    /// Stores `value`, then calls every subscriber right away, in subscription order.
    /// Returns false if the cascade was cut off at [`MAX_NAIVE_DEPTH`].
    pub fn set(&self, value: T) -> bool {
        let subscribers = match self.inner.try_borrow_mut() {
            Ok(mut i) => {
                i.value = value;
                i.subscribers.clone()
            }
            Err(_) => return false,
        };
        let depth = NAIVE_DEPTH.with(|d| d.get());
        if depth >= MAX_NAIVE_DEPTH {
            return false;
        }
        NAIVE_DEPTH.with(|d| d.set(depth + 1));
        for s in &subscribers {
            s();
        }
        NAIVE_DEPTH.with(|d| d.set(depth));
        true
    }

    /// Calls `f` after every future `set`.
    pub fn subscribe(&self, f: impl Fn() + 'static) {
        if let Ok(mut i) = self.inner.try_borrow_mut() {
            i.subscribers.push(Rc::new(f));
        }
    }
}

/// One run of the diamond's sink `d`, with every value it saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiamondRun {
    /// Which write caused it: 0 is the initial computation, 1 the first write, ...
    pub after_write: usize,
    /// `a` when `d` ran.
    pub a: i64,
    /// `b` as `d` saw it.
    pub b: i64,
    /// `c` as `d` saw it.
    pub c: i64,
    /// What `d` computed (`b + c`).
    pub d: i64,
}

impl DiamondRun {
    /// Whether `b` and `c` both came from the current `a`: `b = 2a`, `c = a + 1`
    /// (wrapping, like the demo's arithmetic). A run that is not consistent is a glitch.
    pub fn is_consistent(&self) -> bool {
        self.b == self.a.wrapping_mul(2) && self.c == self.a.wrapping_add(1)
    }
}

/// Builds the diamond with [`NaiveSignal`]s (`a` starts at 1), applies `writes` to `a`
/// one by one, and returns every run of `d`. With the eager push, each write makes `d`
/// run twice, the first time with `c` still old.
pub fn naive_diamond(writes: &[i64]) -> Vec<DiamondRun> {
    let log: Rc<RefCell<Vec<DiamondRun>>> = Rc::new(RefCell::new(Vec::new()));
    let write_no = Rc::new(Cell::new(0usize));
    let a = NaiveSignal::new(1i64);
    let b = NaiveSignal::new(2i64);
    let c = NaiveSignal::new(2i64);
    let d = NaiveSignal::new(4i64);
    {
        let (a2, b2) = (a.clone(), b.clone());
        a.subscribe(move || {
            b2.set(a2.get().unwrap_or(0).wrapping_mul(2));
        });
    }
    {
        let (a2, c2) = (a.clone(), c.clone());
        a.subscribe(move || {
            c2.set(a2.get().unwrap_or(0).wrapping_add(1));
        });
    }
    let run_d = {
        let (a, b, c, d, log, write_no) = (
            a.clone(),
            b.clone(),
            c.clone(),
            d.clone(),
            log.clone(),
            write_no.clone(),
        );
        move || {
            let (av, bv, cv) = (
                a.get().unwrap_or(0),
                b.get().unwrap_or(0),
                c.get().unwrap_or(0),
            );
            let dv = bv.wrapping_add(cv);
            d.set(dv);
            log.borrow_mut().push(DiamondRun {
                after_write: write_no.get(),
                a: av,
                b: bv,
                c: cv,
                d: dv,
            });
        }
    };
    let run_d = Rc::new(run_d);
    {
        let r = run_d.clone();
        b.subscribe(move || r());
    }
    {
        let r = run_d.clone();
        c.subscribe(move || r());
    }
    run_d();
    for (i, &w) in writes.iter().enumerate() {
        write_no.set(i + 1);
        a.set(w);
    }
    log.take()
}

/// The same diamond on our [`Runtime`]: `b`, `c`, `d` are memos, an effect keeps `d`
/// alive. Returns every run of `d`: one per write, each consistent.
pub fn reactive_diamond(writes: &[i64]) -> Vec<DiamondRun> {
    let log: Rc<RefCell<Vec<DiamondRun>>> = Rc::new(RefCell::new(Vec::new()));
    let write_no = Rc::new(Cell::new(0usize));
    let rt = Runtime::new();
    let a = rt.signal(1i64);
    let b = rt.memo(move || a.get().wrapping_mul(2));
    let c = rt.memo(move || a.get().wrapping_add(1));
    let d = {
        let (log, write_no) = (log.clone(), write_no.clone());
        rt.memo(move || {
            let (bv, cv) = (b.get(), c.get());
            let dv = bv.wrapping_add(cv);
            // Read `a` without subscribing: only for the log.
            let av = a.get_untracked();
            log.borrow_mut().push(DiamondRun {
                after_write: write_no.get(),
                a: av,
                b: bv,
                c: cv,
                d: dv,
            });
            dv
        })
    };
    // Memos are lazy: something has to want `d`, as the page would.
    rt.effect(move || {
        d.get();
    });
    for (i, &w) in writes.iter().enumerate() {
        write_no.set(i + 1);
        a.set(w);
    }
    log.take()
}

impl DiamondRun {
    /// What this run saw, in words: `"consistent"`, or which input was stale and what
    /// it should have been (`"glitch: c=2 is from the old a (should be 3)"`).
    pub fn verdict(&self) -> String {
        if self.is_consistent() {
            "consistent".to_string()
        } else if self.c != self.a.wrapping_add(1) {
            format!(
                "glitch: c={} is from the old a (should be {})",
                self.c,
                self.a.wrapping_add(1)
            )
        } else {
            format!(
                "glitch: b={} is from the old a (should be {})",
                self.b,
                self.a.wrapping_mul(2)
            )
        }
    }
}

/// One line of the page's log of a diamond.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// `"initial"`, or which write and which run of `d` for it (`"write 2 · run 1"`).
    pub label: String,
    /// The run itself.
    pub run: DiamondRun,
}

/// How `d` answered `writes` writes, given every run of it ([`naive_diamond`] or
/// [`reactive_diamond`]): the sentence the log leads with, the runs that answered a
/// write, how many of those saw a half-updated graph, and the lines for the last
/// `shown_writes` writes (the initial run when nothing was written yet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiamondLog {
    /// A sentence such as "2 writes of a: d ran 4 times, 2 with a half-updated graph.".
    pub summary: String,
    /// Runs of `d` after writes (the initial computation is not a response to one).
    pub runs: usize,
    /// Those of them that were not consistent.
    pub glitches: usize,
    /// The lines to show, oldest first.
    pub lines: Vec<LogLine>,
}

impl DiamondLog {
    /// The log of `runs` for `writes` writes, showing the last `shown_writes` of them.
    pub fn new(runs: &[DiamondRun], writes: usize, shown_writes: usize) -> DiamondLog {
        let answered: Vec<&DiamondRun> = runs.iter().filter(|r| r.after_write > 0).collect();
        let glitches = answered.iter().filter(|r| !r.is_consistent()).count();
        let first_shown = (writes + 1).saturating_sub(shown_writes.max(1)).max(1);
        let mut lines: Vec<LogLine> = Vec::new();
        for r in runs {
            let shown = r.after_write >= first_shown || (writes == 0 && r.after_write == 0);
            if !shown {
                continue;
            }
            let label = if r.after_write == 0 {
                "initial".to_string()
            } else {
                // Which run of d this is for its write: the naive d runs twice.
                let nth = 1 + lines
                    .iter()
                    .filter(|l| l.run.after_write == r.after_write)
                    .count();
                format!("write {} · run {nth}", grouped(r.after_write))
            };
            lines.push(LogLine {
                label,
                run: r.clone(),
            });
        }
        let summary = if writes == 0 {
            "Write a value for a to see how d runs.".to_string()
        } else {
            format!(
                "{} of a: d ran {}, {} with a half-updated graph.",
                count(writes, "write", "writes"),
                count(answered.len(), "time", "times"),
                grouped(glitches)
            )
        };
        DiamondLog {
            summary,
            runs: answered.len(),
            glitches,
            lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naive_diamond_glitches_and_runs_twice() {
        let log = naive_diamond(&[2]);
        // Initial run, then two runs for the one write.
        assert_eq!(log.len(), 3);
        assert_eq!(
            log[1],
            DiamondRun {
                after_write: 1,
                a: 2,
                b: 4,
                c: 2,
                d: 6
            }
        );
        assert!(!log[1].is_consistent(), "b is new, c is old: a glitch");
        assert!(log[2].is_consistent());
        assert_eq!(log[2].d, 7);
    }

    #[test]
    fn reactive_diamond_runs_once_per_write_and_is_consistent() {
        let writes = [2, 5, -3, 5, 100];
        let log = reactive_diamond(&writes);
        assert_eq!(log.len(), 1 + writes.len());
        for (i, run) in log.iter().enumerate() {
            assert_eq!(run.after_write, i);
            assert!(run.is_consistent(), "{run:?}");
        }
        assert_eq!(log.last().map(|r| r.d), Some(100 * 2 + 101));
    }

    #[test]
    fn naive_glitches_on_every_write() {
        let writes = [3, 4, 5];
        let log = naive_diamond(&writes);
        assert_eq!(log.len(), 1 + 2 * writes.len());
        let glitches = log.iter().filter(|r| !r.is_consistent()).count();
        assert_eq!(glitches, writes.len());
    }

    #[test]
    fn extreme_values_do_not_overflow() {
        let writes = [i64::MAX, i64::MIN, 0];
        assert_eq!(reactive_diamond(&writes).len(), 4);
        assert_eq!(naive_diamond(&writes).len(), 7);
    }

    #[test]
    fn naive_cascade_is_cut_off_not_overflowed() {
        // A long chain of naive signals: without the cap, one recursion per link.
        let head = NaiveSignal::new(0u32);
        let mut last = head.clone();
        for _ in 0..1_000 {
            let next = NaiveSignal::new(0u32);
            let (from, to) = (last.clone(), next.clone());
            last.subscribe(move || {
                to.set(from.get().unwrap_or(0) + 1);
            });
            last = next;
        }
        head.set(1);
        // Only MAX_NAIVE_DEPTH links were reached; the rest stayed at 0.
        assert_eq!(last.get(), Some(0));
    }

    #[test]
    fn the_log_counts_runs_and_glitches_and_shows_the_last_writes() {
        let writes = [2, 3, 4, 5, 6];
        let naive = DiamondLog::new(&naive_diamond(&writes), writes.len(), 4);
        assert_eq!((naive.runs, naive.glitches), (10, 5));
        assert_eq!(
            naive.summary,
            "5 writes of a: d ran 10 times, 5 with a half-updated graph."
        );
        // Writes 2 to 5, two runs each.
        assert_eq!(naive.lines.len(), 8);
        assert_eq!(naive.lines[0].label, "write 2 · run 1");
        assert_eq!(naive.lines[1].label, "write 2 · run 2");
        assert_eq!(
            naive.lines[0].run.verdict(),
            "glitch: c=3 is from the old a (should be 4)"
        );
        assert_eq!(naive.lines[1].run.verdict(), "consistent");
        let ours = DiamondLog::new(&reactive_diamond(&writes), writes.len(), 4);
        assert_eq!((ours.runs, ours.glitches, ours.lines.len()), (5, 0, 4));
        let one = DiamondLog::new(&reactive_diamond(&[2]), 1, 4);
        assert_eq!(
            one.summary,
            "1 write of a: d ran 1 time, 0 with a half-updated graph."
        );
        assert_eq!(one.lines.len(), 1);
    }

    #[test]
    fn an_empty_log_shows_the_initial_run() {
        let log = DiamondLog::new(&naive_diamond(&[]), 0, 4);
        assert_eq!(log.summary, "Write a value for a to see how d runs.");
        assert_eq!(log.lines.len(), 1);
        assert_eq!(log.lines[0].label, "initial");
        assert_eq!((log.runs, log.glitches), (0, 0));
    }

    #[test]
    fn a_stale_b_is_named_too() {
        let run = DiamondRun {
            after_write: 1,
            a: 5,
            b: 8,
            c: 6,
            d: 14,
        };
        assert_eq!(
            run.verdict(),
            "glitch: b=8 is from the old a (should be 10)"
        );
    }
}
