//! Our reactive graph against sycamore-reactive 0.9 on the js-reactivity-benchmark
//! shapes. Ours comes from `lab::signals::bench_shapes` (the same code the in-page
//! benchmark runs); sycamore's is the same graph written with its API here.
//!
//! Fairness notes:
//! - Sycamore memos are `create_selector` (PartialEq cut-off), as ours are.
//! - Sycamore does not update memos inside `batch` (reads there see old values), so the
//!   triangle and avoidable-propagation checks read after the batch for it.
//! - cellx rebuilds the graph for every sample (untimed) and times the update and the
//!   reads, as the JavaScript benchmark does.
//!
//! Run: `cargo bench --bench signals -- --warm-up-time 1 --measurement-time 2`

use std::cell::Cell;
use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use wasm_playground::lab::signals::Runtime;
use wasm_playground::lab::signals::bench_shapes::Shape;

mod syc {
    use super::*;
    use sycamore_reactive::{
        ReadSignal, RootHandle, batch, create_effect, create_root, create_selector, create_signal,
    };

    pub struct Built {
        pub root: RootHandle,
        pub run: Box<dyn FnMut() -> u64>,
    }

    #[derive(Clone, Default)]
    struct Counter(Rc<Cell<u64>>);
    impl Counter {
        fn bump(&self) {
            self.0.set(self.0.get() + 1);
        }
        fn take(&self) -> u64 {
            self.0.replace(0)
        }
    }

    fn busy() {
        let mut a = 0u32;
        for _ in 0..100 {
            a = black_box(a.wrapping_add(1));
        }
        black_box(a);
    }

    fn build(f: impl FnOnce() -> Box<dyn FnMut() -> u64>) -> Built {
        let mut run = None;
        let root = create_root(|| run = Some(f()));
        Built {
            root,
            run: run.expect("built"),
        }
    }

    pub fn shape(shape: Shape) -> Built {
        match shape {
            Shape::DeepPropagation => build(deep),
            Shape::BroadPropagation => build(broad),
            Shape::Diamond => build(diamond),
            Shape::Triangle => build(triangle),
            Shape::Mux => build(mux),
            Shape::RepeatedObservers => build(repeated),
            Shape::Unstable => build(unstable),
            Shape::AvoidablePropagation => build(avoidable),
            Shape::Cellx1000 => build(|| cellx(1000)),
        }
    }

    fn deep() -> Box<dyn FnMut() -> u64> {
        let head = create_signal(0i64);
        let mut current: ReadSignal<i64> = create_selector(move || head.get() + 1);
        for _ in 1..50 {
            let c = current;
            current = create_selector(move || c.get() + 1);
        }
        let count = Counter::default();
        let c = count.clone();
        create_effect(move || {
            current.get();
            c.bump();
        });
        Box::new(move || {
            batch(|| head.set(1));
            count.take();
            for i in 0..50 {
                batch(|| head.set(i));
                assert_eq!(current.get(), 50 + i);
            }
            count.take()
        })
    }

    fn broad() -> Box<dyn FnMut() -> u64> {
        let head = create_signal(0i64);
        let mut last = None;
        let count = Counter::default();
        for i in 0..50 {
            let current = create_selector(move || head.get() + i);
            let current2 = create_selector(move || current.get() + 1);
            let c = count.clone();
            create_effect(move || {
                current2.get();
                c.bump();
            });
            last = Some(current2);
        }
        let last = last.expect("50 pairs");
        Box::new(move || {
            batch(|| head.set(1));
            count.take();
            for i in 0..50 {
                batch(|| head.set(i));
                assert_eq!(last.get(), i + 50);
            }
            count.take()
        })
    }

    fn diamond() -> Box<dyn FnMut() -> u64> {
        let head = create_signal(0i64);
        let current: Vec<ReadSignal<i64>> = (0..5)
            .map(|_| create_selector(move || head.get() + 1))
            .collect();
        let sum = create_selector(move || current.iter().map(|m| m.get()).sum::<i64>());
        let count = Counter::default();
        let c = count.clone();
        create_effect(move || {
            sum.get();
            c.bump();
        });
        Box::new(move || {
            batch(|| head.set(1));
            assert_eq!(sum.get(), 10);
            count.take();
            for i in 0..500 {
                batch(|| head.set(i));
                assert_eq!(sum.get(), (i + 1) * 5);
            }
            count.take()
        })
    }

    #[derive(Clone, Copy)]
    enum Src {
        S(sycamore_reactive::Signal<i64>),
        M(ReadSignal<i64>),
    }
    impl Src {
        fn get(self) -> i64 {
            match self {
                Src::S(s) => s.get(),
                Src::M(m) => m.get(),
            }
        }
    }

    fn triangle() -> Box<dyn FnMut() -> u64> {
        let head = create_signal(0i64);
        let mut current = Src::S(head);
        let mut list = Vec::new();
        for _ in 0..10 {
            let c = current;
            list.push(current);
            current = Src::M(create_selector(move || c.get() + 1));
        }
        let sum = create_selector(move || list.iter().map(|s| s.get()).sum::<i64>());
        let count = Counter::default();
        let c = count.clone();
        create_effect(move || {
            sum.get();
            c.bump();
        });
        Box::new(move || {
            batch(|| head.set(1));
            assert_eq!(sum.get(), 55);
            count.take();
            for i in 0..100 {
                batch(|| head.set(i));
                assert_eq!(sum.get(), 55 - 10 + i * 10);
            }
            count.take()
        })
    }

    fn mux() -> Box<dyn FnMut() -> u64> {
        let heads: Vec<sycamore_reactive::Signal<i64>> =
            (0..100).map(|_| create_signal(0i64)).collect();
        let hs = heads.clone();
        let mux = create_selector(move || hs.iter().map(|h| h.get()).collect::<Vec<i64>>());
        let splited: Vec<ReadSignal<i64>> = (0..100)
            .map(|index| create_selector(move || mux.with(|v| v[index])))
            .map(|x| create_selector(move || x.get() + 1))
            .collect();
        let count = Counter::default();
        for &x in &splited {
            let c = count.clone();
            create_effect(move || {
                x.get();
                c.bump();
            });
        }
        Box::new(move || {
            count.take();
            for i in 0..10 {
                heads[i as usize].set(i);
                assert_eq!(splited[i as usize].get(), i + 1);
            }
            for i in 0..10 {
                heads[i as usize].set(i * 2);
                assert_eq!(splited[i as usize].get(), i * 2 + 1);
            }
            count.take()
        })
    }

    fn repeated() -> Box<dyn FnMut() -> u64> {
        let head = create_signal(0i64);
        let current = create_selector(move || (0..30).map(|_| head.get()).sum::<i64>());
        let count = Counter::default();
        let c = count.clone();
        create_effect(move || {
            current.get();
            c.bump();
        });
        Box::new(move || {
            batch(|| head.set(1));
            assert_eq!(current.get(), 30);
            count.take();
            for i in 0..100 {
                batch(|| head.set(i));
                assert_eq!(current.get(), i * 30);
            }
            count.take()
        })
    }

    fn unstable() -> Box<dyn FnMut() -> u64> {
        let head = create_signal(0i64);
        let double = create_selector(move || head.get() * 2);
        let inverse = create_selector(move || -head.get());
        let current = create_selector(move || {
            let mut result = 0;
            for _ in 0..20 {
                result += if head.get() % 2 != 0 {
                    double.get()
                } else {
                    inverse.get()
                };
            }
            result
        });
        let count = Counter::default();
        let c = count.clone();
        create_effect(move || {
            current.get();
            c.bump();
        });
        Box::new(move || {
            batch(|| head.set(1));
            assert_eq!(current.get(), 40);
            count.take();
            for i in 0..100 {
                batch(|| head.set(i));
            }
            count.take()
        })
    }

    fn avoidable() -> Box<dyn FnMut() -> u64> {
        let head = create_signal(0i64);
        let computed1 = create_selector(move || head.get());
        let computed2 = create_selector(move || {
            computed1.get();
            0i64
        });
        let computed3 = create_selector(move || {
            busy();
            computed2.get() + 1
        });
        let computed4 = create_selector(move || computed3.get() + 2);
        let computed5 = create_selector(move || computed4.get() + 3);
        let count = Counter::default();
        let c = count.clone();
        create_effect(move || {
            computed5.get();
            busy();
            c.bump();
        });
        Box::new(move || {
            count.take();
            head.set(1);
            assert_eq!(computed5.get(), 6);
            for i in 0..1000 {
                batch(|| head.set(i));
                assert_eq!(computed5.get(), 6);
            }
            count.take()
        })
    }

    fn cellx(layers: usize) -> Box<dyn FnMut() -> u64> {
        let start = [
            create_signal(1i64),
            create_signal(2i64),
            create_signal(3i64),
            create_signal(4i64),
        ];
        let mut layer = [
            Src::S(start[0]),
            Src::S(start[1]),
            Src::S(start[2]),
            Src::S(start[3]),
        ];
        let count = Counter::default();
        for _ in 0..layers {
            let m = layer;
            let s = [
                Src::M(create_selector(move || m[1].get())),
                Src::M(create_selector(move || m[0].get() - m[2].get())),
                Src::M(create_selector(move || m[1].get() + m[3].get())),
                Src::M(create_selector(move || m[2].get())),
            ];
            for p in s {
                let c = count.clone();
                create_effect(move || {
                    p.get();
                    c.bump();
                });
            }
            for p in s {
                p.get();
            }
            layer = s;
        }
        let end = layer;
        Box::new(move || {
            count.take();
            let read = || end.map(|p| p.get());
            black_box(read());
            batch(|| {
                start[0].set(4);
                start[1].set(3);
                start[2].set(2);
                start[3].set(1);
            });
            assert_eq!(read(), [-2, -4, 2, 3]);
            count.take()
        })
    }
}

fn bench_shapes(c: &mut Criterion) {
    for shape in Shape::ALL {
        let mut group = c.benchmark_group(shape.name().replace(' ', "_"));
        if shape.rebuild_per_run() {
            group.bench_function("ours", |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let rt = Runtime::new();
                        let mut bench = shape.build(&rt);
                        let t = Instant::now();
                        let r = bench.run();
                        total += t.elapsed();
                        assert!(r.is_ok(), "{r:?}");
                        drop(bench);
                        drop(rt);
                    }
                    total
                })
            });
            group.bench_function("sycamore", |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let mut built = syc::shape(shape);
                        let root = built.root;
                        let t = Instant::now();
                        let r = root.run_in(|| (built.run)());
                        total += t.elapsed();
                        black_box(r);
                        drop(built);
                        root.dispose();
                    }
                    total
                })
            });
        } else {
            let rt = Runtime::new();
            let mut bench = shape.build(&rt);
            group.bench_function("ours", |b| {
                b.iter(|| {
                    let r = bench.run();
                    assert!(r.is_ok(), "{r:?}");
                    black_box(r)
                })
            });
            let mut built = syc::shape(shape);
            let root = built.root;
            group.bench_function("sycamore", |b| {
                b.iter(|| root.run_in(|| black_box((built.run)())))
            });
            root.dispose();
        }
        group.finish();
    }
}

criterion_group!(benches, bench_shapes);
criterion_main!(benches);
