// The JavaScript side of the Signals benchmark: a small push-pull signals library with
// the same semantics as lab::signals (Reactively's three colours: push Dirty/Check marks,
// pull values, an unchanged computed value stops propagation, computeds are lazy,
// dependencies re-tracked on every run, effects run once after the batch), and the
// js-reactivity-benchmark graphs built on it exactly as bench_shapes.rs builds them.
// Every run checks the values the benchmark asserts and throws if one is wrong.

const CLEAN = 0;
const CHECK = 1;
const DIRTY = 2;

let current = null; // the computed or effect now running
let currentGets = null; // sources read by it that differ from last run
let currentGetsIndex = 0; // how many leading sources matched last run
let effectQueue = [];
let batchDepth = 0;
let flushing = false;

class Node {
  constructor(fn, value, effect) {
    this.fn = fn;
    this.value = value;
    this.effect = effect;
    this.sources = null;
    this.observers = null;
    this.state = fn ? DIRTY : CLEAN;
  }

  get() {
    if (current) {
      if (!currentGets && current.sources && current.sources[currentGetsIndex] === this) {
        currentGetsIndex++;
      } else if (!currentGets) {
        currentGets = [this];
      } else {
        currentGets.push(this);
      }
    }
    if (this.fn) this.updateIfNecessary();
    return this.value;
  }

  set(value) {
    if (this.value === value) return;
    this.value = value;
    const obs = this.observers;
    if (obs) for (let i = 0; i < obs.length; i++) obs[i].stale(DIRTY);
    if (batchDepth === 0) flush();
  }

  stale(state) {
    if (this.state < state) {
      if (this.state === CLEAN && this.effect) effectQueue.push(this);
      this.state = state;
      const obs = this.observers;
      if (obs) for (let i = 0; i < obs.length; i++) obs[i].stale(CHECK);
    }
  }

  update() {
    const old = this.value;
    const prev = current;
    const prevGets = currentGets;
    const prevIndex = currentGetsIndex;
    current = this;
    currentGets = null;
    currentGetsIndex = 0;
    try {
      this.value = this.fn();
      if (currentGets) {
        this.removeParentObservers(currentGetsIndex);
        if (this.sources && currentGetsIndex > 0) {
          this.sources.length = currentGetsIndex + currentGets.length;
          for (let i = 0; i < currentGets.length; i++) {
            this.sources[currentGetsIndex + i] = currentGets[i];
          }
        } else {
          this.sources = currentGets;
        }
        for (let i = currentGetsIndex; i < this.sources.length; i++) {
          const s = this.sources[i];
          if (s.observers) s.observers.push(this);
          else s.observers = [this];
        }
      } else if (this.sources && currentGetsIndex < this.sources.length) {
        this.removeParentObservers(currentGetsIndex);
        this.sources.length = currentGetsIndex;
      }
    } finally {
      current = prev;
      currentGets = prevGets;
      currentGetsIndex = prevIndex;
    }
    // Only a real change marks the direct readers Dirty; they were Check already.
    if (old !== this.value && this.observers) {
      const obs = this.observers;
      for (let i = 0; i < obs.length; i++) obs[i].state = DIRTY;
    }
    this.state = CLEAN;
  }

  updateIfNecessary() {
    if (this.state === CHECK) {
      const src = this.sources;
      for (let i = 0; i < src.length; i++) {
        src[i].updateIfNecessary();
        if (this.state === DIRTY) break;
      }
    }
    if (this.state === DIRTY) this.update();
    this.state = CLEAN;
  }

  removeParentObservers(index) {
    const src = this.sources;
    if (!src) return;
    for (let i = index; i < src.length; i++) {
      const obs = src[i].observers;
      const j = obs.indexOf(this);
      obs[j] = obs[obs.length - 1];
      obs.pop();
    }
  }
}

function flush() {
  if (flushing) return;
  flushing = true;
  try {
    while (effectQueue.length) {
      const queue = effectQueue;
      effectQueue = [];
      for (let i = 0; i < queue.length; i++) queue[i].get();
    }
  } finally {
    flushing = false;
  }
}

export const signal = (v) => new Node(null, v, false);
export const computed = (fn) => new Node(fn, undefined, false);
export function effect(fn) {
  const e = new Node(fn, undefined, true);
  e.get();
  return e;
}
export function batch(fn) {
  batchDepth++;
  try {
    return fn();
  } finally {
    batchDepth--;
    if (batchDepth === 0) flush();
  }
}

// ---- the js-reactivity-benchmark graphs (same sizes and loops as bench_shapes.rs) ----

function check(shape, got, want) {
  if (got !== want) throw new Error(`${shape}: expected ${want}, computed ${got}`);
}

function busy() {
  let a = 0;
  for (let i = 0; i < 100; i++) a++;
  return a;
}

function counter() {
  const c = { n: 0 };
  c.take = () => {
    const n = c.n;
    c.n = 0;
    return n;
  };
  return c;
}

const shapes = {
  "deep-propagation"() {
    const head = signal(0);
    let current = computed(() => head.get() + 1);
    for (let i = 1; i < 50; i++) {
      const c = current;
      current = computed(() => c.get() + 1);
    }
    const count = counter();
    const end = current;
    effect(() => {
      end.get();
      count.n++;
    });
    return () => {
      batch(() => head.set(1));
      count.take();
      for (let i = 0; i < 50; i++) {
        batch(() => head.set(i));
        check("deep propagation", end.get(), 50 + i);
      }
      return count.take();
    };
  },
  "broad-propagation"() {
    const head = signal(0);
    let last = null;
    const count = counter();
    for (let i = 0; i < 50; i++) {
      const current = computed(() => head.get() + i);
      const current2 = computed(() => current.get() + 1);
      effect(() => {
        current2.get();
        count.n++;
      });
      last = current2;
    }
    return () => {
      batch(() => head.set(1));
      count.take();
      for (let i = 0; i < 50; i++) {
        batch(() => head.set(i));
        check("broad propagation", last.get(), i + 50);
      }
      return count.take();
    };
  },
  diamond() {
    const head = signal(0);
    const current = [];
    for (let i = 0; i < 5; i++) current.push(computed(() => head.get() + 1));
    const sum = computed(() => current.reduce((a, m) => a + m.get(), 0));
    const count = counter();
    effect(() => {
      sum.get();
      count.n++;
    });
    return () => {
      batch(() => head.set(1));
      check("diamond", sum.get(), 10);
      count.take();
      for (let i = 0; i < 500; i++) {
        batch(() => head.set(i));
        check("diamond", sum.get(), (i + 1) * 5);
      }
      return count.take();
    };
  },
  triangle() {
    const head = signal(0);
    let current = head;
    const list = [];
    for (let i = 0; i < 10; i++) {
      const c = current;
      list.push(current);
      current = computed(() => c.get() + 1);
    }
    const sum = computed(() => list.reduce((a, s) => a + s.get(), 0));
    const count = counter();
    effect(() => {
      sum.get();
      count.n++;
    });
    const constant = 55;
    return () => {
      batch(() => {
        head.set(1);
        check("triangle", sum.get(), constant);
      });
      count.take();
      for (let i = 0; i < 100; i++) {
        batch(() => {
          head.set(i);
          check("triangle", sum.get(), constant - 10 + i * 10);
        });
      }
      const runs = count.take();
      check("triangle", runs, 100);
      return runs;
    };
  },
  mux() {
    const heads = [];
    for (let i = 0; i < 100; i++) heads.push(signal(0));
    const mux = computed(() => heads.map((h) => h.get()));
    const splited = [];
    for (let index = 0; index < 100; index++) {
      const x = computed(() => mux.get()[index]);
      splited.push(computed(() => x.get() + 1));
    }
    const count = counter();
    for (const x of splited) {
      effect(() => {
        x.get();
        count.n++;
      });
    }
    return () => {
      count.take();
      for (let i = 0; i < 10; i++) {
        heads[i].set(i);
        check("mux", splited[i].get(), i + 1);
      }
      for (let i = 0; i < 10; i++) {
        heads[i].set(i * 2);
        check("mux", splited[i].get(), i * 2 + 1);
      }
      return count.take();
    };
  },
  "repeated-observers"() {
    const head = signal(0);
    const current = computed(() => {
      let result = 0;
      for (let i = 0; i < 30; i++) result += head.get();
      return result;
    });
    const count = counter();
    effect(() => {
      current.get();
      count.n++;
    });
    return () => {
      batch(() => head.set(1));
      check("repeated observers", current.get(), 30);
      count.take();
      for (let i = 0; i < 100; i++) {
        batch(() => head.set(i));
        check("repeated observers", current.get(), i * 30);
      }
      return count.take();
    };
  },
  unstable() {
    const head = signal(0);
    const double = computed(() => head.get() * 2);
    const inverse = computed(() => -head.get());
    const current = computed(() => {
      let result = 0;
      for (let i = 0; i < 20; i++) {
        result += head.get() % 2 ? double.get() : inverse.get();
      }
      return result;
    });
    const count = counter();
    effect(() => {
      current.get();
      count.n++;
    });
    return () => {
      batch(() => head.set(1));
      check("unstable", current.get(), 40);
      count.take();
      for (let i = 0; i < 100; i++) {
        batch(() => head.set(i));
        check("unstable", current.get(), i % 2 ? i * 2 * 20 : -i * 20);
      }
      return count.take();
    };
  },
  "avoidable-propagation"() {
    const head = signal(0);
    const computed1 = computed(() => head.get());
    const computed2 = computed(() => (computed1.get(), 0));
    const computed3 = computed(() => (busy(), computed2.get() + 1));
    const computed4 = computed(() => computed3.get() + 2);
    const computed5 = computed(() => computed4.get() + 3);
    const count = counter();
    effect(() => {
      computed5.get();
      busy();
      count.n++;
    });
    return () => {
      count.take();
      head.set(1);
      check("avoidable propagation", computed5.get(), 6);
      for (let i = 0; i < 1000; i++) {
        batch(() => {
          head.set(i);
          check("avoidable propagation", computed5.get(), 6);
        });
      }
      return count.take();
    };
  },
  cellx() {
    // Rebuilt on every run, as the benchmark (and the WASM side) does.
    return () => {
      const start = [signal(1), signal(2), signal(3), signal(4)];
      let layer = { p1: start[0], p2: start[1], p3: start[2], p4: start[3] };
      const count = counter();
      for (let i = 0; i < 1000; i++) {
        const m = layer;
        const s = {
          p1: computed(() => m.p2.get()),
          p2: computed(() => m.p1.get() - m.p3.get()),
          p3: computed(() => m.p2.get() + m.p4.get()),
          p4: computed(() => m.p3.get()),
        };
        for (const p of [s.p1, s.p2, s.p3, s.p4]) {
          effect(() => {
            p.get();
            count.n++;
          });
        }
        s.p1.get();
        s.p2.get();
        s.p3.get();
        s.p4.get();
        layer = s;
      }
      const end = layer;
      const read = () => [end.p1.get(), end.p2.get(), end.p3.get(), end.p4.get()];
      count.take();
      read();
      batch(() => {
        start[0].set(4);
        start[1].set(3);
        start[2].set(2);
        start[3].set(1);
      });
      const after = read().join(",");
      if (after !== "-2,-4,2,3") throw new Error(`cellx 1000: expected -2,-4,2,3, computed ${after}`);
      return count.take();
    };
  },
};

let sink = 0;

// One iteration of a shape as a function for the timing loop. The effect-run count is
// accumulated so the work is observably used.
export function makeShapeCase(slug) {
  const build = shapes[slug];
  if (!build) throw new Error(`no JavaScript shape named ${slug}`);
  const run = build();
  return () => {
    sink = (sink + run()) | 0;
    return sink;
  };
}

// One run of a shape, for the tests: the number of effect runs it caused.
export function runShapeOnce(slug) {
  const build = shapes[slug];
  if (!build) throw new Error(`no JavaScript shape named ${slug}`);
  return build()();
}
