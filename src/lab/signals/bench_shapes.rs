//! The graphs of the js-reactivity-benchmark (its "kairo" cases and cellx), built on
//! our [`Runtime`], so the native criterion bench and the in-page WASM benchmark time
//! exactly the same work.
//!
//! Each shape is built once ([`Shape::build`]); [`ShapeBench::run`] then does one
//! iteration the way the JavaScript benchmark does it (the same writes, batches and
//! reads) and checks the values the benchmark asserts, returning how many effect runs
//! it caused. Shapes are ported from milomg/js-reactivity-benchmark
//! (`src/kairo/*.ts`, `src/cellxBench.ts`): same sizes, same loops.
//!
//! ```
//! use wasm_playground::lab::signals::{Runtime, bench_shapes::Shape};
//! let rt = Runtime::new();
//! let mut bench = Shape::Diamond.build(&rt);
//! assert_eq!(bench.run(), Ok(500));
//! ```

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use super::{Memo, Runtime, Signal};

/// One of the benchmark graphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A chain of 50 memos under one signal, one effect at the end; 50 writes.
    DeepPropagation,
    /// 50 parallel pairs of memos under one signal, an effect on each; 50 writes.
    BroadPropagation,
    /// 5 memos on one signal, summed by one memo; 500 writes.
    Diamond,
    /// A chain of 10 where the sink reads every link; 100 writes, read inside the batch.
    Triangle,
    /// 100 signals gathered into one memo and split back into 100 memo pairs; 20 writes.
    Mux,
    /// One memo reading the same signal 30 times; 100 writes.
    RepeatedObservers,
    /// A memo whose dependencies flip with the parity of the signal; 100 writes.
    Unstable,
    /// A change that dies at a memo returning the same value, above expensive ones; 1,000 writes.
    AvoidablePropagation,
    /// cellx with 1,000 layers of 4 memos and 4 effects; one batched write of 4 signals.
    Cellx1000,
}

/// A shape computed a value the benchmark does not expect (a bug, never expected).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    /// Which shape.
    pub shape: &'static str,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.shape, self.message)
    }
}

impl std::error::Error for ShapeError {}

/// A built shape, ready to run.
pub struct ShapeBench {
    run: Box<dyn FnMut() -> Result<u64, ShapeError>>,
}

impl fmt::Debug for ShapeBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ShapeBench")
    }
}

impl ShapeBench {
    /// One iteration. Returns the number of effect runs it caused.
    pub fn run(&mut self) -> Result<u64, ShapeError> {
        (self.run)()
    }
}

impl Shape {
    /// Every shape, in the order of the report.
    pub const ALL: [Shape; 9] = [
        Shape::DeepPropagation,
        Shape::BroadPropagation,
        Shape::Diamond,
        Shape::Triangle,
        Shape::Mux,
        Shape::RepeatedObservers,
        Shape::Unstable,
        Shape::AvoidablePropagation,
        Shape::Cellx1000,
    ];

    /// The benchmark's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Shape::DeepPropagation => "deep propagation",
            Shape::BroadPropagation => "broad propagation",
            Shape::Diamond => "diamond",
            Shape::Triangle => "triangle",
            Shape::Mux => "mux",
            Shape::RepeatedObservers => "repeated observers",
            Shape::Unstable => "unstable",
            Shape::AvoidablePropagation => "avoidable propagation",
            Shape::Cellx1000 => "cellx 1000",
        }
    }

    /// Whether `run` is meant to be timed on a freshly built graph each time (cellx:
    /// the JavaScript benchmark rebuilds it for every sample).
    pub fn rebuild_per_run(self) -> bool {
        self == Shape::Cellx1000
    }

    /// Builds the graph on `rt`.
    pub fn build(self, rt: &Runtime) -> ShapeBench {
        match self {
            Shape::DeepPropagation => deep_propagation(rt),
            Shape::BroadPropagation => broad_propagation(rt),
            Shape::Diamond => diamond(rt),
            Shape::Triangle => triangle(rt),
            Shape::Mux => mux(rt),
            Shape::RepeatedObservers => repeated_observers(rt),
            Shape::Unstable => unstable(rt),
            Shape::AvoidablePropagation => avoidable_propagation(rt),
            Shape::Cellx1000 => cellx(rt, 1000),
        }
    }
}

fn check(shape: Shape, got: i64, want: i64) -> Result<(), ShapeError> {
    if got == want {
        Ok(())
    } else {
        Err(ShapeError {
            shape: shape.name(),
            message: format!("expected {want}, computed {got}"),
        })
    }
}

/// Counts effect runs; `take` reads and resets.
#[derive(Clone, Default)]
struct Counter(Rc<Cell<u64>>);

impl Counter {
    fn bump(&self) {
        self.0.set(self.0.get().wrapping_add(1));
    }
    fn take(&self) -> u64 {
        self.0.replace(0)
    }
}

/// The benchmark's `busy()`: 100 increments the optimiser may not remove.
fn busy() {
    let mut a = 0u32;
    for _ in 0..100 {
        a = std::hint::black_box(a.wrapping_add(1));
    }
    std::hint::black_box(a);
}

fn deep_propagation(rt: &Runtime) -> ShapeBench {
    const LEN: i64 = 50;
    let head = rt.signal(0i64);
    let mut current = rt.memo(move || head.get().wrapping_add(1));
    for _ in 1..LEN {
        let c = current;
        current = rt.memo(move || c.get().wrapping_add(1));
    }
    let count = Counter::default();
    let c = count.clone();
    rt.effect(move || {
        current.get();
        c.bump();
    });
    let h = rt.handle();
    ShapeBench {
        run: Box::new(move || {
            h.batch(|| head.set(1));
            count.take();
            for i in 0..50 {
                h.batch(|| head.set(i));
                check(Shape::DeepPropagation, current.get(), LEN + i)?;
            }
            Ok(count.take())
        }),
    }
}

fn broad_propagation(rt: &Runtime) -> ShapeBench {
    let head = rt.signal(0i64);
    let mut last = None;
    let count = Counter::default();
    for i in 0..50 {
        let current = rt.memo(move || head.get().wrapping_add(i));
        let current2 = rt.memo(move || current.get().wrapping_add(1));
        let c = count.clone();
        rt.effect(move || {
            current2.get();
            c.bump();
        });
        last = Some(current2);
    }
    let h = rt.handle();
    ShapeBench {
        run: Box::new(move || {
            h.batch(|| head.set(1));
            count.take();
            for i in 0..50 {
                h.batch(|| head.set(i));
                if let Some(last) = last {
                    check(Shape::BroadPropagation, last.get(), i + 50)?;
                }
            }
            Ok(count.take())
        }),
    }
}

fn diamond(rt: &Runtime) -> ShapeBench {
    const WIDTH: i64 = 5;
    let head = rt.signal(0i64);
    let current: Vec<Memo<i64>> = (0..WIDTH)
        .map(|_| rt.memo(move || head.get().wrapping_add(1)))
        .collect();
    let sum = rt.memo(move || current.iter().fold(0i64, |a, m| a.wrapping_add(m.get())));
    let count = Counter::default();
    let c = count.clone();
    rt.effect(move || {
        sum.get();
        c.bump();
    });
    let h = rt.handle();
    ShapeBench {
        run: Box::new(move || {
            h.batch(|| head.set(1));
            check(Shape::Diamond, sum.get(), 2 * WIDTH)?;
            count.take();
            for i in 0..500 {
                h.batch(|| head.set(i));
                check(Shape::Diamond, sum.get(), (i + 1) * WIDTH)?;
            }
            Ok(count.take())
        }),
    }
}

/// A signal or a memo, read the same way (the triangle's list holds both).
#[derive(Clone, Copy)]
enum Source {
    Signal(Signal<i64>),
    Memo(Memo<i64>),
}

impl Source {
    fn get(self) -> i64 {
        match self {
            Source::Signal(s) => s.get(),
            Source::Memo(m) => m.get(),
        }
    }
}

fn triangle(rt: &Runtime) -> ShapeBench {
    const WIDTH: i64 = 10;
    let head = rt.signal(0i64);
    let mut current = Source::Signal(head);
    let mut list = Vec::new();
    for _ in 0..WIDTH {
        let c = current;
        list.push(current);
        current = Source::Memo(rt.memo(move || c.get().wrapping_add(1)));
    }
    let sum = rt.memo(move || list.iter().fold(0i64, |a, s| a.wrapping_add(s.get())));
    let count = Counter::default();
    let c = count.clone();
    rt.effect(move || {
        sum.get();
        c.bump();
    });
    let h = rt.handle();
    let constant: i64 = (1..=WIDTH).sum();
    ShapeBench {
        run: Box::new(move || {
            h.batch(|| {
                head.set(1);
                check(Shape::Triangle, sum.get(), constant)
            })?;
            count.take();
            for i in 0..100 {
                h.batch(|| {
                    head.set(i);
                    check(Shape::Triangle, sum.get(), constant - WIDTH + i * WIDTH)
                })?;
            }
            let runs = count.take();
            check(Shape::Triangle, runs as i64, 100)?;
            Ok(runs)
        }),
    }
}

fn mux(rt: &Runtime) -> ShapeBench {
    let heads: Vec<Signal<i64>> = (0..100).map(|_| rt.signal(0i64)).collect();
    let hs = heads.clone();
    let mux = rt.memo(move || hs.iter().map(|h| h.get()).collect::<Vec<i64>>());
    let splited: Vec<Memo<i64>> = (0..100)
        .map(|index| {
            rt.memo(move || {
                mux.with(|v| v.get(index).copied().unwrap_or(0))
                    .unwrap_or(0)
            })
        })
        .map(|x| rt.memo(move || x.get().wrapping_add(1)))
        .collect();
    let count = Counter::default();
    for &x in &splited {
        let c = count.clone();
        rt.effect(move || {
            x.get();
            c.bump();
        });
    }
    ShapeBench {
        run: Box::new(move || {
            count.take();
            for i in 0..10 {
                heads[i as usize].set(i);
                check(Shape::Mux, splited[i as usize].get(), i + 1)?;
            }
            for i in 0..10 {
                heads[i as usize].set(i * 2);
                check(Shape::Mux, splited[i as usize].get(), i * 2 + 1)?;
            }
            Ok(count.take())
        }),
    }
}

fn repeated_observers(rt: &Runtime) -> ShapeBench {
    const SIZE: i64 = 30;
    let head = rt.signal(0i64);
    let current = rt.memo(move || (0..SIZE).fold(0i64, |a, _| a.wrapping_add(head.get())));
    let count = Counter::default();
    let c = count.clone();
    rt.effect(move || {
        current.get();
        c.bump();
    });
    let h = rt.handle();
    ShapeBench {
        run: Box::new(move || {
            h.batch(|| head.set(1));
            check(Shape::RepeatedObservers, current.get(), SIZE)?;
            count.take();
            for i in 0..100 {
                h.batch(|| head.set(i));
                check(Shape::RepeatedObservers, current.get(), i * SIZE)?;
            }
            Ok(count.take())
        }),
    }
}

fn unstable(rt: &Runtime) -> ShapeBench {
    let head = rt.signal(0i64);
    let double = rt.memo(move || head.get().wrapping_mul(2));
    let inverse = rt.memo(move || head.get().wrapping_neg());
    let current = rt.memo(move || {
        let mut result = 0i64;
        for _ in 0..20 {
            let v = if head.get() % 2 != 0 {
                double.get()
            } else {
                inverse.get()
            };
            result = result.wrapping_add(v);
        }
        result
    });
    let count = Counter::default();
    let c = count.clone();
    rt.effect(move || {
        current.get();
        c.bump();
    });
    let h = rt.handle();
    ShapeBench {
        run: Box::new(move || {
            h.batch(|| head.set(1));
            check(Shape::Unstable, current.get(), 40)?;
            count.take();
            for i in 0..100 {
                h.batch(|| head.set(i));
                let want = if i % 2 != 0 { i * 2 * 20 } else { -i * 20 };
                check(Shape::Unstable, current.get(), want)?;
            }
            Ok(count.take())
        }),
    }
}

fn avoidable_propagation(rt: &Runtime) -> ShapeBench {
    let head = rt.signal(0i64);
    let computed1 = rt.memo(move || head.get());
    let computed2 = rt.memo(move || {
        computed1.get();
        0i64
    });
    let computed3 = rt.memo(move || {
        busy();
        computed2.get().wrapping_add(1)
    });
    let computed4 = rt.memo(move || computed3.get().wrapping_add(2));
    let computed5 = rt.memo(move || computed4.get().wrapping_add(3));
    let count = Counter::default();
    let c = count.clone();
    rt.effect(move || {
        computed5.get();
        busy();
        c.bump();
    });
    let h = rt.handle();
    ShapeBench {
        run: Box::new(move || {
            count.take();
            head.set(1);
            check(Shape::AvoidablePropagation, computed5.get(), 6)?;
            for i in 0..1000 {
                h.batch(|| {
                    head.set(i);
                    check(Shape::AvoidablePropagation, computed5.get(), 6)
                })?;
            }
            Ok(count.take())
        }),
    }
}

/// The four properties of one cellx layer.
#[derive(Clone, Copy)]
struct Layer {
    prop1: Source,
    prop2: Source,
    prop3: Source,
    prop4: Source,
}

fn cellx(rt: &Runtime, layers: usize) -> ShapeBench {
    let start = [
        rt.signal(1i64),
        rt.signal(2i64),
        rt.signal(3i64),
        rt.signal(4i64),
    ];
    let mut layer = Layer {
        prop1: Source::Signal(start[0]),
        prop2: Source::Signal(start[1]),
        prop3: Source::Signal(start[2]),
        prop4: Source::Signal(start[3]),
    };
    let count = Counter::default();
    for _ in 0..layers {
        let m = layer;
        let s = Layer {
            prop1: Source::Memo(rt.memo(move || m.prop2.get())),
            prop2: Source::Memo(rt.memo(move || m.prop1.get().wrapping_sub(m.prop3.get()))),
            prop3: Source::Memo(rt.memo(move || m.prop2.get().wrapping_add(m.prop4.get()))),
            prop4: Source::Memo(rt.memo(move || m.prop3.get())),
        };
        for p in [s.prop1, s.prop2, s.prop3, s.prop4] {
            let c = count.clone();
            rt.effect(move || {
                p.get();
                c.bump();
            });
        }
        s.prop1.get();
        s.prop2.get();
        s.prop3.get();
        s.prop4.get();
        layer = s;
    }
    let end = layer;
    let h = rt.handle();
    let expect_1000 = layers == 1000;
    ShapeBench {
        run: Box::new(move || {
            let read = || {
                [
                    end.prop1.get(),
                    end.prop2.get(),
                    end.prop3.get(),
                    end.prop4.get(),
                ]
            };
            count.take();
            let before = read();
            h.batch(|| {
                start[0].set(4);
                start[1].set(3);
                start[2].set(2);
                start[3].set(1);
            });
            let after = read();
            if expect_1000 && (before != [-3, -6, -2, 2] && before != [-2, -4, 2, 3]) {
                return Err(ShapeError {
                    shape: Shape::Cellx1000.name(),
                    message: format!("first layer read {before:?}"),
                });
            }
            if expect_1000 && after != [-2, -4, 2, 3] {
                return Err(ShapeError {
                    shape: Shape::Cellx1000.name(),
                    message: format!("expected [-2, -4, 2, 3], computed {after:?}"),
                });
            }
            Ok(count.take())
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_computes_what_the_benchmark_asserts() {
        for shape in Shape::ALL {
            let rt = Runtime::new();
            let mut bench = shape.build(&rt);
            let first = bench.run();
            assert!(first.is_ok(), "{}: {first:?}", shape.name());
            let second = bench.run();
            assert!(second.is_ok(), "{} second run: {second:?}", shape.name());
        }
    }

    #[test]
    fn effect_run_counts_are_minimal() {
        let runs = |shape: Shape| {
            let rt = Runtime::new();
            let mut b = shape.build(&rt);
            b.run()
        };
        // One effect run per write, never more (glitch-free, batched).
        assert_eq!(runs(Shape::DeepPropagation), Ok(50));
        assert_eq!(runs(Shape::BroadPropagation), Ok(50 * 50));
        assert_eq!(runs(Shape::Diamond), Ok(500));
        assert_eq!(runs(Shape::Triangle), Ok(100));
        assert_eq!(runs(Shape::RepeatedObservers), Ok(100));
        assert_eq!(runs(Shape::Unstable), Ok(100));
        // The avoidable change never reaches the effect.
        assert_eq!(runs(Shape::AvoidablePropagation), Ok(0));
        // Each mux write that changes a head reaches exactly one of the 100 effects
        // (writing 0 over 0 changes the gathered vector to an equal one: no effect).
        assert_eq!(runs(Shape::Mux), Ok(18));
    }

    #[test]
    fn errors_display() {
        let e = ShapeError {
            shape: "diamond",
            message: "expected 1, computed 2".into(),
        };
        assert_eq!(e.to_string(), "diamond: expected 1, computed 2");
    }
}
