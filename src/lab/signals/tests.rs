//! Tests of every guarantee the module doc makes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::*;

/// A shared log that closures can write to.
fn log<T>() -> Rc<RefCell<Vec<T>>> {
    Rc::new(RefCell::new(Vec::new()))
}

fn counter() -> Rc<Cell<u32>> {
    Rc::new(Cell::new(0))
}

/// Runs `f` on a thread with a 1 MB stack: what WASM gives us.
fn on_wasm_sized_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(f)
        .expect("spawn test thread");
    assert!(
        handle.join().is_ok(),
        "the 1 MB thread panicked or overflowed"
    );
}

#[test]
fn signal_get_set_update() {
    let rt = Runtime::new();
    let a = rt.signal(1);
    assert_eq!(a.get(), 1);
    a.set(2);
    assert_eq!(a.get(), 2);
    assert_eq!(
        a.update(|v| {
            *v += 1;
            *v * 10
        }),
        Some(30)
    );
    assert_eq!(a.get_untracked(), 3);
    assert_eq!(a.with(|v| v + 1), Some(4));
    assert!(a.set_if_changed(4));
    assert!(!a.set_if_changed(4));
}

#[test]
fn api_md_example_compiles_and_behaves() {
    let rt = Runtime::new();
    let seen = log::<i32>();
    let a: Signal<i32> = rt.signal(1);
    let b: Memo<i32> = rt.memo(move || a.get() * 2);
    let s = seen.clone();
    let e: Effect = rt.effect(move || s.borrow_mut().push(b.get()));
    a.set(2);
    a.update(|v| *v += 1);
    assert_eq!(a.get(), 3);
    assert_eq!(b.get(), 6);
    rt.batch(|| {
        a.set(5);
        a.set(6);
    });
    e.dispose();
    a.set(7);
    assert_eq!(*seen.borrow(), vec![2, 4, 6, 12]);
}

#[test]
fn memo_is_lazy_from_the_start() {
    let rt = Runtime::new();
    let runs = counter();
    let a = rt.signal(1);
    let r = runs.clone();
    let m = rt.memo(move || {
        r.set(r.get() + 1);
        a.get() + 1
    });
    assert_eq!(runs.get(), 0, "not computed before anyone reads it");
    assert_eq!(m.get(), 2);
    assert_eq!(m.get(), 2);
    assert_eq!(runs.get(), 1, "cached");
    a.set(5);
    a.set(6);
    assert_eq!(
        runs.get(),
        1,
        "changes alone do not recompute an unread memo"
    );
    assert_eq!(m.get(), 7);
    assert_eq!(runs.get(), 2, "one run for two changes, when read");
    assert_eq!(m.runs(), 2);
}

#[test]
fn diamond_sink_runs_once_and_sees_consistent_values() {
    let rt = Runtime::new();
    let a = rt.signal(1);
    let b = rt.memo(move || a.get() * 2);
    let c = rt.memo(move || a.get() + 1);
    let d_runs = counter();
    let r = d_runs.clone();
    let d = rt.memo(move || {
        r.set(r.get() + 1);
        b.get() + c.get()
    });
    let seen = log::<(i32, i32, i32)>();
    let s = seen.clone();
    rt.effect(move || s.borrow_mut().push((a.get(), b.get(), d.get())));
    for v in 2..6 {
        a.set(v);
    }
    assert_eq!(d_runs.get(), 5, "once at start, once per change");
    for &(av, bv, dv) in seen.borrow().iter() {
        assert_eq!(bv, av * 2, "b consistent with a");
        assert_eq!(dv, av * 2 + av + 1, "d saw both b and c new");
    }
    assert_eq!(seen.borrow().len(), 5);
}

#[test]
fn unchanged_memo_stops_propagation() {
    let rt = Runtime::new();
    let a = rt.signal(1);
    let parity = rt.memo(move || a.get() % 2);
    let downstream_runs = counter();
    let r = downstream_runs.clone();
    let label = rt.memo(move || {
        r.set(r.get() + 1);
        if parity.get() == 0 { "even" } else { "odd" }
    });
    let effect_runs = counter();
    let er = effect_runs.clone();
    rt.effect(move || {
        label.get();
        er.set(er.get() + 1);
    });
    a.set(3); // parity still 1
    a.set(5);
    assert_eq!(downstream_runs.get(), 1);
    assert_eq!(effect_runs.get(), 1);
    assert_eq!(parity.runs(), 3, "parity itself reran");
    a.set(4);
    assert_eq!(downstream_runs.get(), 2);
    assert_eq!(effect_runs.get(), 2);
}

#[test]
fn dependencies_are_retracked_every_run() {
    let rt = Runtime::new();
    let flag = rt.signal(true);
    let x = rt.signal(1);
    let y = rt.signal(100);
    let runs = counter();
    let r = runs.clone();
    let m = rt.memo(move || {
        r.set(r.get() + 1);
        if flag.get() { x.get() } else { y.get() }
    });
    rt.effect(move || {
        m.get();
    });
    assert_eq!(runs.get(), 1);
    y.set(101); // not read while flag is true
    assert_eq!(runs.get(), 1, "branch not taken is not a dependency");
    flag.set(false);
    assert_eq!(runs.get(), 2);
    assert_eq!(m.get(), 101);
    x.set(2); // no longer read
    assert_eq!(runs.get(), 2, "x was dropped as a dependency");
    y.set(102);
    assert_eq!(runs.get(), 3);
    assert_eq!(m.get(), 102);
}

#[test]
fn conditional_source_is_not_computed_when_branch_closes() {
    // `user` gates `name`: when user becomes None, `name` must not be recomputed even
    // though it was a dependency last time (checking stops at the first changed source).
    let rt = Runtime::new();
    let user = rt.signal(Some(1));
    let name_runs = counter();
    let nr = name_runs.clone();
    let name = rt.memo(move || {
        nr.set(nr.get() + 1);
        user.get().map(|id| format!("user{id}")).unwrap_or_default()
    });
    let shown = rt.memo(move || {
        if user.get().is_some() {
            name.get()
        } else {
            String::from("nobody")
        }
    });
    rt.effect(move || {
        shown.get();
    });
    assert_eq!(name_runs.get(), 1);
    user.set(None);
    assert_eq!(shown.get(), "nobody");
    assert_eq!(name_runs.get(), 1, "name was not pulled by a closed branch");
}

#[test]
fn batch_runs_effects_once_after_and_memos_are_fresh_inside() {
    let rt = Runtime::new();
    let a = rt.signal(1);
    let b = rt.signal(2);
    let sum = rt.memo(move || a.get() + b.get());
    let seen = log::<i32>();
    let s = seen.clone();
    rt.effect(move || s.borrow_mut().push(sum.get()));
    let inside = rt.batch(|| {
        a.set(10);
        b.set(20);
        let inside = sum.get();
        assert_eq!(seen.borrow().len(), 1, "no effect ran inside the batch");
        inside
    });
    assert_eq!(inside, 30, "pull-based: fresh even inside a batch");
    assert_eq!(*seen.borrow(), vec![3, 30]);
}

#[test]
fn nested_batches_compose() {
    let rt = Runtime::new();
    let a = rt.signal(0);
    let runs = counter();
    let r = runs.clone();
    rt.effect(move || {
        a.get();
        r.set(r.get() + 1);
    });
    rt.batch(|| {
        a.set(1);
        rt.batch(|| {
            a.set(2);
            a.set(3);
        });
        assert_eq!(runs.get(), 1, "inner batch end does not flush");
        a.set(4);
    });
    assert_eq!(runs.get(), 2);
}

#[test]
fn batch_inside_effect_and_writes_from_effects() {
    let rt = Runtime::new();
    let h = rt.handle();
    let src = rt.signal(0);
    let x = rt.signal(0);
    let y = rt.signal(0);
    let seen = log::<(i32, i32)>();
    let s = seen.clone();
    rt.effect(move || s.borrow_mut().push((x.get(), y.get())));
    rt.effect(move || {
        let v = src.get();
        h.batch(|| {
            x.set(v);
            y.set(v * 10);
        });
    });
    src.set(2);
    src.set(3);
    // The observer of x and y ran once per batch and never saw x and y disagree.
    // (The second (0, 0): the writer's first run set x and y to 0 again, and a
    // signal write always notifies.)
    assert_eq!(*seen.borrow(), vec![(0, 0), (0, 0), (2, 20), (3, 30)]);
}

#[test]
fn untracked_reads_do_not_subscribe() {
    let rt = Runtime::new();
    let h = rt.handle();
    let a = rt.signal(1);
    let b = rt.signal(1);
    let runs = counter();
    let r = runs.clone();
    rt.effect(move || {
        a.get();
        b.get_untracked();
        h.untrack(|| b.get());
        r.set(r.get() + 1);
    });
    b.set(2);
    assert_eq!(runs.get(), 1);
    a.set(2);
    assert_eq!(runs.get(), 2);
}

#[test]
fn nested_effects_are_owned_and_disposed_on_rerun() {
    let rt = Runtime::new();
    let h = rt.handle();
    let outer = rt.signal(0);
    let inner_src = rt.signal(0);
    let inner_runs = counter();
    let ir = inner_runs.clone();
    rt.effect(move || {
        outer.get();
        let ir = ir.clone();
        h.effect(move || {
            inner_src.get();
            ir.set(ir.get() + 1);
        });
        // A signal created here is owned too.
        let _local = h.signal(String::from("scratch"));
    });
    let baseline = rt.node_count();
    assert_eq!(inner_runs.get(), 1);
    inner_src.set(1);
    assert_eq!(inner_runs.get(), 2, "only one inner effect exists");
    outer.set(1); // old inner disposed, new inner created and run
    assert_eq!(inner_runs.get(), 3);
    inner_src.set(2);
    assert_eq!(inner_runs.get(), 4, "the disposed inner effect did not run");
    assert_eq!(rt.node_count(), baseline, "no nodes pile up");
}

#[test]
fn owner_effect_reruns_before_its_child_and_the_old_child_never_runs() {
    let rt = Runtime::new();
    let h = rt.handle();
    let s = rt.signal(0);
    let child_runs = log::<(u32, i32)>();
    let generation = Rc::new(Cell::new(0u32));
    let (cr, g) = (child_runs.clone(), generation.clone());
    rt.effect(move || {
        s.get();
        g.set(g.get() + 1);
        let mine = g.get();
        let cr = cr.clone();
        // The child reads the same signal: both are queued by one write.
        h.effect(move || cr.borrow_mut().push((mine, s.get())));
    });
    s.set(1);
    s.set(2);
    // Every child run belongs to the newest parent run: no stale child ever ran.
    assert_eq!(*child_runs.borrow(), vec![(1, 0), (2, 1), (3, 2)]);
}

#[test]
fn memo_created_inside_an_effect_is_owned() {
    let rt = Runtime::new();
    let h = rt.handle();
    let s = rt.signal(1);
    let seen = log::<i32>();
    let sn = seen.clone();
    rt.effect(move || {
        let base = s.get();
        let local = h.memo(move || base * 100);
        sn.borrow_mut().push(local.get());
    });
    let count = rt.node_count();
    s.set(2);
    s.set(3);
    assert_eq!(*seen.borrow(), vec![100, 200, 300]);
    assert_eq!(rt.node_count(), count);
}

#[test]
fn update_while_lent_to_with_does_nothing() {
    let rt = Runtime::new();
    let a = rt.signal(vec![1]);
    let inner = a.with(|_| a.update(|v| v.push(2)));
    assert_eq!(inner, Some(None));
    assert_eq!(a.get(), vec![1]);
    assert_eq!(a.update(|v| v.push(3)), Some(()));
    assert_eq!(a.get(), vec![1, 3]);
}

#[test]
fn dispose_stops_effects_and_returns_node_count_to_baseline() {
    let rt = Runtime::new();
    let base = rt.node_count();
    let a = rt.signal(0);
    let m = rt.memo(move || a.get() + 1);
    let runs = counter();
    let r = runs.clone();
    let e = rt.effect(move || {
        m.get();
        r.set(r.get() + 1);
    });
    assert_eq!(rt.node_count(), base + 3);
    e.dispose();
    assert!(!e.is_alive());
    a.set(5);
    assert_eq!(runs.get(), 1);
    m.dispose();
    a.dispose();
    assert_eq!(rt.node_count(), base);
    assert_eq!(m.try_get(), Err(SignalError::Disposed));
    assert_eq!(a.try_get(), Err(SignalError::Disposed));
    assert_eq!(a.get(), 0, "dead handle: Default, no panic");
    a.set(3);
    assert_eq!(a.try_set(3), Err(SignalError::Disposed));
    assert_eq!(a.update(|v| *v += 1), None);
    e.dispose(); // twice is fine
}

#[test]
fn effect_disposing_itself_inside_its_run() {
    let rt = Runtime::new();
    let a = rt.signal(0);
    let me: Rc<Cell<Option<Effect>>> = Rc::new(Cell::new(None));
    let runs = counter();
    let (m, r) = (me.clone(), runs.clone());
    let e = rt.effect(move || {
        r.set(r.get() + 1);
        if a.get() == 1
            && let Some(e) = m.get()
        {
            e.dispose();
        }
    });
    me.set(Some(e));
    a.set(1);
    assert!(!e.is_alive());
    a.set(2);
    assert_eq!(runs.get(), 2);
    assert_eq!(rt.node_count(), 1);
}

#[test]
fn dropping_the_runtime_kills_handles_without_panics() {
    let (a, m, e, h) = {
        let rt = Runtime::new();
        let a = rt.signal(String::from("x"));
        let m = rt.memo(move || a.get().len());
        let e = rt.effect(move || {
            m.get();
        });
        (a, m, e, rt.handle())
    };
    assert_eq!(a.try_get(), Err(SignalError::Disposed));
    assert_eq!(a.get(), "");
    assert_eq!(m.try_get(), Err(SignalError::Disposed));
    assert_eq!(m.get(), 0);
    a.set(String::from("y"));
    e.dispose();
    assert!(!h.is_alive());
    let dead = h.signal(1);
    assert_eq!(dead.try_get(), Err(SignalError::Disposed));
    let ran = counter();
    let r = ran.clone();
    h.effect(move || r.set(1));
    assert_eq!(ran.get(), 0);
    // A new runtime reuses the shell; old handles still do not reach new nodes.
    let rt2 = Runtime::new();
    let b = rt2.signal(String::from("new"));
    assert_eq!(a.try_get(), Err(SignalError::Disposed));
    assert_eq!(b.get(), "new");
    assert_eq!(rt2.node_count(), 1);
}

#[test]
fn values_and_closures_are_dropped_on_dispose_and_runtime_drop() {
    struct Tracked(Rc<Cell<u32>>);
    impl Drop for Tracked {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }
    impl Clone for Tracked {
        fn clone(&self) -> Self {
            Tracked(self.0.clone())
        }
    }
    let drops = counter();
    {
        let rt = Runtime::new();
        let s = rt.signal(Tracked(drops.clone()));
        let captured = Tracked(drops.clone());
        rt.effect(move || {
            let _ = &captured;
            let _ = s.with(|_| ());
        });
        assert_eq!(drops.get(), 0);
        s.dispose();
        assert_eq!(drops.get(), 1);
    }
    assert_eq!(
        drops.get(),
        2,
        "the effect's closure was dropped with the runtime"
    );
}

#[test]
fn drop_of_a_value_may_touch_the_runtime() {
    // A value whose Drop disposes an effect: dropping happens outside any borrow.
    struct Guard(Effect);
    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.dispose();
        }
    }
    let rt = Runtime::new();
    let e = rt.effect(|| {});
    let s = rt.signal(Some(Rc::new(Guard(e))));
    s.set(None);
    assert!(!e.is_alive());
}

#[test]
fn writing_inside_a_memo_is_refused() {
    let rt = Runtime::new();
    let a = rt.signal(1);
    let other = rt.signal(0);
    let result = Rc::new(Cell::new(None));
    let r = result.clone();
    let m = rt.memo(move || {
        r.set(Some(other.try_set(5)));
        a.get()
    });
    assert_eq!(m.get(), 1);
    assert_eq!(result.get(), Some(Err(SignalError::WriteInMemo)));
    assert_eq!(other.get(), 0);
}

#[test]
fn self_triggering_effect_is_stopped_not_hung() {
    let rt = Runtime::new();
    let a = rt.signal(0);
    let e = rt.effect(move || {
        let v = a.get();
        a.set(v + 1);
    });
    assert_eq!(e.error(), Some(SignalError::Loop));
    assert!(a.get() <= 102);
    // It is stopped again on the next outside change.
    a.set(1000);
    assert_eq!(e.error(), Some(SignalError::Loop));
    assert!(a.get() <= 1102);
    // The runtime is still usable.
    let b = rt.signal(1);
    let m = rt.memo(move || b.get() * 3);
    assert_eq!(m.get(), 3);
}

#[test]
fn effect_writing_another_signal_triggers_its_observers() {
    let rt = Runtime::new();
    let a = rt.signal(1);
    let doubled = rt.signal(0);
    rt.effect(move || doubled.set(a.get() * 2));
    let seen = log::<i32>();
    let s = seen.clone();
    rt.effect(move || s.borrow_mut().push(doubled.get()));
    a.set(5);
    assert_eq!(*seen.borrow(), vec![2, 10]);
}

/// A memo that reads itself through `slot`, once `slot` is filled.
#[test]
fn cycle_is_an_error_not_a_hang_and_heals() {
    let rt = Runtime::new();
    let slot: Signal<Option<Memo<i32>>> = rt.signal(None);
    let base = rt.signal(1);
    let use_cycle = rt.signal(true);
    let a = rt.memo(move || {
        let other = if use_cycle.get() {
            slot.get().map(|m| m.get()).unwrap_or(0)
        } else {
            0
        };
        base.get() + other
    });
    let b = rt.memo(move || a.get() * 10);
    let c = rt.memo(move || base.get() + 1000); // outside the cycle
    assert_eq!(b.get(), 10);
    slot.set(Some(b)); // a -> b -> a
    assert_eq!(a.try_get(), Err(SignalError::Cycle));
    assert_eq!(b.try_get(), Err(SignalError::Cycle));
    assert_eq!(a.get(), 1, "last good value");
    assert_eq!(c.get(), 1001, "the rest keeps working");
    base.set(2);
    assert_eq!(a.try_get(), Err(SignalError::Cycle));
    assert_eq!(c.get(), 1002);
    use_cycle.set(false); // break it
    assert_eq!(a.try_get(), Ok(2));
    assert_eq!(b.try_get(), Ok(20));
}

#[test]
fn memo_reading_itself_directly() {
    let rt = Runtime::new();
    let slot: Signal<Option<Memo<i32>>> = rt.signal(None);
    let m = rt.memo(move || slot.get().map(|m| m.get() + 1).unwrap_or(0));
    assert_eq!(m.get(), 0);
    slot.set(Some(m));
    assert_eq!(m.try_get(), Err(SignalError::Cycle));
    let seen = log::<Result<i32, SignalError>>();
    let s = seen.clone();
    rt.effect(move || s.borrow_mut().push(m.try_get()));
    slot.set(None);
    assert_eq!(m.try_get(), Ok(0));
    assert_eq!(*seen.borrow(), vec![Err(SignalError::Cycle), Ok(0)]);
}

#[test]
fn cycle_observed_by_an_effect_through_a_long_loop() {
    let rt = Runtime::new();
    let slot: Signal<Option<Memo<i64>>> = rt.signal(None);
    let first = rt.memo(move || slot.get().map(|m| m.get()).unwrap_or(0) + 1);
    let mut last = first;
    for _ in 0..50 {
        let prev = last;
        last = rt.memo(move || prev.get() + 1);
    }
    let errors = log::<bool>();
    let e = errors.clone();
    rt.effect(move || e.borrow_mut().push(last.try_get().is_err()));
    slot.set(Some(last));
    assert_eq!(*errors.borrow(), vec![false, true]);
    assert_eq!(first.try_get(), Err(SignalError::Cycle));
    slot.set(None);
    assert_eq!(last.try_get(), Ok(51));
}

#[test]
fn deep_chain_of_10000_memos_on_a_1mb_stack() {
    on_wasm_sized_stack(|| {
        let rt = Runtime::new();
        let head = rt.signal(0i64);
        let mut last: Memo<i64> = rt.memo(move || head.get() + 1);
        let mut all = vec![last];
        for _ in 1..10_000 {
            let prev = last;
            last = rt.memo(move || prev.get() + 1);
            all.push(last);
        }
        // Cold: nothing computed yet, read the end.
        assert_eq!(last.get(), 10_000);
        let runs = counter();
        let r = runs.clone();
        rt.effect(move || {
            last.get();
            r.set(r.get() + 1);
        });
        for v in 1..4 {
            head.set(v);
            assert_eq!(last.get(), 10_000 + v);
        }
        assert_eq!(runs.get(), 4);
        // Warm propagation runs each memo exactly once per change.
        let total: u64 = all.iter().map(|m| m.runs()).sum();
        assert_eq!(total, 4 * 10_000);
        drop(rt);
    });
}

#[test]
fn deep_chain_rewired_in_a_batch_on_a_1mb_stack() {
    // Every link gets a *new* dependency at once: the nasty case for nesting.
    on_wasm_sized_stack(|| {
        let rt = Runtime::new();
        let n = 5_000;
        let links: Vec<Signal<Option<Memo<i64>>>> = (0..n).map(|_| rt.signal(None)).collect();
        let memos: Vec<Memo<i64>> = links
            .iter()
            .map(|&l| rt.memo(move || l.get().map(|m| m.get()).unwrap_or(0) + 1))
            .collect();
        let end = memos[n - 1];
        let seen = log::<i64>();
        let s = seen.clone();
        rt.effect(move || s.borrow_mut().push(end.get()));
        rt.batch(|| {
            for i in 1..n {
                links[i].set(Some(memos[i - 1]));
            }
        });
        assert_eq!(
            *seen.borrow(),
            vec![1, n as i64],
            "the effect saw only the final value"
        );
        assert_eq!(end.get(), n as i64);
    });
}

#[test]
fn wide_fan_out_of_10000_effects_on_a_1mb_stack() {
    on_wasm_sized_stack(|| {
        let rt = Runtime::new();
        let a = rt.signal(0u32);
        let total = counter();
        let effects: Vec<Effect> = (0..10_000)
            .map(|_| {
                let t = total.clone();
                rt.effect(move || {
                    a.get();
                    t.set(t.get() + 1);
                })
            })
            .collect();
        a.set(1);
        assert_eq!(total.get(), 20_000);
        for e in &effects {
            e.dispose();
        }
        assert_eq!(rt.node_count(), 1);
        a.set(2);
        assert_eq!(total.get(), 20_000);
    });
}

#[test]
fn deeply_nested_effects_on_a_1mb_stack() {
    // Ownership depth 2,000: disposal of the tree is iterative.
    on_wasm_sized_stack(|| {
        let rt = Runtime::new();
        let h = rt.handle();
        let trigger = rt.signal(0);
        // Build a chain of owners by hand (nested creation would nest natively).
        let root = rt.effect(move || {
            trigger.get();
        });
        let _ = root;
        let base = rt.node_count();
        let outer = rt.signal(0);
        let top = rt.effect(move || {
            outer.get();
            // 2,000 sibling effects, each owning one signal.
            for _ in 0..2_000 {
                h.effect(move || {
                    h.signal(0u8);
                });
            }
        });
        assert_eq!(rt.node_count(), base + 2 + 4_000);
        outer.set(1);
        assert_eq!(rt.node_count(), base + 2 + 4_000);
        top.dispose();
        assert_eq!(rt.node_count(), base + 1);
    });
}

#[test]
fn memo_with_repeated_reads_links_once() {
    let rt = Runtime::new();
    let a = rt.signal(1);
    let m = rt.memo(move || (0..30).map(|_| a.get()).sum::<i32>());
    assert_eq!(m.get(), 30);
    a.set(2);
    assert_eq!(m.get(), 60);
    assert_eq!(m.runs(), 2);
}

#[test]
fn with_may_read_other_signals() {
    let rt = Runtime::new();
    let a = rt.signal(vec![1, 2, 3]);
    let b = rt.signal(10);
    let m = rt.memo(move || a.with(|v| v.iter().sum::<i32>() + b.get()).unwrap_or(0));
    assert_eq!(m.get(), 16);
    b.set(20);
    assert_eq!(m.get(), 26);
    // Writing while a `with` holds the value swaps in a fresh value.
    a.with(|_| a.set(vec![5]));
    assert_eq!(a.get(), vec![5]);
}

#[test]
fn update_reading_itself_sees_busy() {
    let rt = Runtime::new();
    let a = rt.signal(1);
    let inner = Rc::new(Cell::new(None));
    let i = inner.clone();
    a.update(|v| {
        i.set(Some(a.try_get_untracked()));
        *v = 2;
    });
    assert_eq!(inner.get(), Some(Err(SignalError::Busy)));
    assert_eq!(a.get(), 2);
}

#[test]
fn errors_have_messages() {
    for e in [
        SignalError::Disposed,
        SignalError::Cycle,
        SignalError::WriteInMemo,
        SignalError::Busy,
        SignalError::Loop,
        SignalError::Deferred,
    ] {
        assert!(e.to_string().len() > 10);
        let _: &dyn std::error::Error = &e;
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// A random DAG: node i (a memo) sums a subset of earlier nodes and signals,
    /// possibly switching on a signal's parity (dynamic dependencies).
    #[derive(Clone, Debug)]
    struct Spec {
        inputs: Vec<usize>,
        switch: Option<usize>,
        alt: Vec<usize>,
    }

    const SIGNALS: usize = 4;

    fn spec(i: usize) -> impl Strategy<Value = Spec> {
        let pool = SIGNALS + i;
        (
            proptest::collection::vec(0..pool, 0..4),
            proptest::option::of(0..SIGNALS),
            proptest::collection::vec(0..pool, 0..3),
        )
            .prop_map(|(inputs, switch, alt)| Spec {
                inputs,
                switch,
                alt,
            })
    }

    fn graph() -> impl Strategy<Value = Vec<Spec>> {
        (1usize..12).prop_flat_map(|n| (0..n).map(spec).collect::<Vec<_>>())
    }

    fn eval(specs: &[Spec], signals: &[i64]) -> Vec<i64> {
        let mut vals: Vec<i64> = signals.to_vec();
        for s in specs {
            let use_alt = s.switch.is_some_and(|k| signals[k] % 2 != 0);
            let list = if use_alt { &s.alt } else { &s.inputs };
            let v = list
                .iter()
                .map(|&j| vals[j])
                .fold(1i64, |acc, x| acc.wrapping_add(x));
            vals.push(v);
        }
        vals
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn matches_direct_evaluation_and_effects_see_consistent_state(
            specs in graph(),
            writes in proptest::collection::vec((0..SIGNALS, -5i64..5, any::<bool>()), 1..20),
        ) {
            let rt = Runtime::new();
            let signals: Vec<Signal<i64>> = (0..SIGNALS).map(|_| rt.signal(0)).collect();
            let runs: Vec<Rc<Cell<u32>>> = specs.iter().map(|_| counter()).collect();
            let mut nodes: Vec<Memo<i64>> = Vec::new();
            for (i, s) in specs.iter().enumerate() {
                let s = s.clone();
                let sigs = signals.clone();
                let earlier = nodes.clone();
                let r = runs[i].clone();
                let read = move |j: usize| if j < SIGNALS { sigs[j].get() } else { earlier[j - SIGNALS].get() };
                nodes.push(rt.memo(move || {
                    r.set(r.get() + 1);
                    let use_alt = s.switch.is_some_and(|k| read(k) % 2 != 0);
                    let list = if use_alt { &s.alt } else { &s.inputs };
                    list.iter().map(|&j| read(j)).fold(1i64, |acc, x| acc.wrapping_add(x))
                }));
            }
            // One effect reads the last memo and every signal; it must see a state
            // equal to the direct evaluation of the signals it saw.
            let seen = log::<(Vec<i64>, i64)>();
            let s = seen.clone();
            let sigs = signals.clone();
            let last = *nodes.last().unwrap();
            rt.effect(move || {
                let inputs: Vec<i64> = sigs.iter().map(|x| x.get()).collect();
                s.borrow_mut().push((inputs, last.get()));
            });
            let mut current = vec![0i64; SIGNALS];
            let mut effect_runs_expected = 1usize;
            rt.batch(|| {});
            for (k, v, in_batch) in writes {
                for r in &runs { r.set(0); }
                if in_batch {
                    rt.batch(|| { signals[k].set(v); signals[(k + 1) % SIGNALS].set(v + 1); });
                    current[k] = v; current[(k + 1) % SIGNALS] = v + 1;
                } else {
                    signals[k].set(v);
                    current[k] = v;
                }
                effect_runs_expected += 1; // signals always notify
                // Each memo ran at most once for this change.
                for r in &runs { prop_assert!(r.get() <= 1); }
                let want = eval(&specs, &current);
                for (i, m) in nodes.iter().enumerate() {
                    prop_assert_eq!(m.get(), want[SIGNALS + i]);
                }
            }
            let seen = seen.borrow();
            prop_assert!(seen.len() <= effect_runs_expected);
            for (inputs, last_value) in seen.iter() {
                let want = eval(&specs, inputs);
                prop_assert_eq!(*last_value, *want.last().unwrap());
            }
        }

        #[test]
        fn node_count_returns_to_baseline(n_effects in 0usize..30, n_memos in 0usize..30) {
            let rt = Runtime::new();
            let a = rt.signal(1);
            let base = rt.node_count();
            let memos: Vec<Memo<i32>> = (0..n_memos).map(|i| rt.memo(move || a.get() + i as i32)).collect();
            let effects: Vec<Effect> = memos.iter().take(n_effects).map(|&m| rt.effect(move || { m.get(); })).collect();
            a.set(2);
            for e in &effects { e.dispose(); }
            for m in &memos { m.dispose(); }
            prop_assert_eq!(rt.node_count(), base);
        }
    }
}
