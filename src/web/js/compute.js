// The JavaScript side of the Compute tab: the same Fibonacci algorithms written the
// way a JavaScript programmer would, run in this page for the precision lesson and as
// the baselines of the WASM-vs-JS benchmarks.

// The iterative loop with Number (an f64): exact up to F(78), rounded from F(79) on,
// Infinity from F(1477). Stops at Infinity so a huge n returns at once.
export function fibNumber(n) {
  let a = 0, b = 1;
  for (let i = 0; i < n && a !== Infinity; i++) {
    const next = a + b;
    a = b;
    b = next;
  }
  return a;
}

// The integer a Number really holds, written out in full (String(x) would print
// 14472334024676220 as "14472334024676220" too, but 1e21 and up switch to exponents).
export function numberAsExactDigits(x) {
  if (!Number.isFinite(x)) return String(x);
  return BigInt(x).toString();
}

// How JavaScript prints the Number (what console.log shows).
export function numberToString(x) {
  return String(x);
}

// The same loop with BigInt: exact, but every addition allocates a new BigInt.
export function fibBigIntIter(n) {
  let a = 0n, b = 1n;
  for (let i = 0; i < n; i++) {
    const next = a + b;
    a = b;
    b = next;
  }
  return a;
}

// Fast doubling with BigInt, the same steps as lab::compute::fib_big:
// F(2k-1) = F(k)^2 + F(k-1)^2, F(2k) = F(k) * (F(k) + 2 F(k-1)).
export function fibBigIntFast(n) {
  let prev = 1n, cur = 0n; // F(-1), F(0)
  for (let bit = 31 - Math.clz32(n); bit >= 0 && n > 0; bit--) {
    const prev2 = cur * cur + prev * prev;
    const cur2 = cur * (cur + (prev << 1n));
    prev = prev2;
    cur = cur2;
    if ((n >>> bit) & 1) {
      const next = prev + cur;
      prev = cur;
      cur = next;
    }
  }
  return cur;
}

export function fibBigIntDecimal(n) {
  return fibBigIntFast(n).toString();
}

// The first n where the Number loop differs from the exact BigInt loop, found by
// running both side by side now, in this browser (it is 79).
export function firstNumberWrongN() {
  let a = 0, b = 1, exactA = 0n, exactB = 1n;
  for (let n = 0; n < 2000; n++) {
    if (!Number.isFinite(a) || BigInt(a) !== exactA) return n;
    const next = a + b;
    a = b;
    b = next;
    const exactNext = exactA + exactB;
    exactA = exactB;
    exactB = exactNext;
  }
  return -1;
}

function fibNaive(n) {
  return n < 2 ? n : fibNaive(n - 1) + fibNaive(n - 2);
}

// Benchmark baselines. Each result goes into `sink`, which benchSink() exposes, so the
// JIT cannot prove the work unused and drop it.
let sink = 0;

export function benchSink() {
  return sink;
}

export function makeNaiveCase(n) {
  return () => {
    sink = (sink + fibNaive(n)) % 1000003;
  };
}

export function makeIterativeNumberCase(maxN) {
  return () => {
    let acc = 0;
    for (let n = 0; n <= maxN; n++) acc += fibNumber(n);
    sink = (sink + (acc % 1000003)) % 1000003;
  };
}

export function makeIterativeBigIntCase(maxN) {
  return () => {
    let acc = 0n;
    for (let n = 0; n <= maxN; n++) acc += fibBigIntIter(n);
    sink = (sink + Number(acc & 0xffffn)) % 1000003;
  };
}

export function makeBigCase(n) {
  return () => {
    sink = (sink + Number(fibBigIntFast(n) & 0xffffn)) % 1000003;
  };
}

export function makeBigDecimalCase(n) {
  return () => {
    sink = (sink + fibBigIntDecimal(n).length) % 1000003;
  };
}
