// The browser's side of the Strings tab: its own verdicts (an <input type=email> and
// Intl.NumberFormat), and the JavaScript halves of the string-crossing benchmark.

// One hidden, detached <input type=email required>: the browser sanitizes whatever we
// set and runs its own constraint validation on it. `required` makes "" invalid, so
// every string gets a yes or a no from the browser itself.
let probe = null;

export function browserEmailValid(value) {
  if (probe === null) {
    probe = document.createElement("input");
    probe.type = "email";
    probe.required = true;
    probe.hidden = true;
  }
  probe.value = value;
  const valid = probe.validity.valid;
  // Do not keep a 10 MB paste alive in the probe.
  probe.value = "";
  return valid;
}

// Intl.NumberFormat is slow to construct and cheap to reuse: one per locale.
const formatters = new Map();

// `decimal` is the i64 written in decimal, so BigInt gets it exactly (a Number would
// round everything past 2^53).
export function intlFormat(locale, decimal) {
  let f = formatters.get(locale);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale);
    formatters.set(locale, f);
  }
  return f.format(BigInt(decimal));
}

// The length of the text a paste event carries (UTF-16 code units), read here so a
// refused 10 MB paste is never copied into WASM; -1 when the event has no text.
export function pastedLength(event) {
  const data = event.clipboardData;
  return data ? data.getData("text/plain").length : -1;
}

// The text a paste event carries ("" when it has none).
export function pastedText(event) {
  const data = event.clipboardData;
  return data ? data.getData("text/plain") : "";
}

// JavaScript's own length of a string (UTF-16 code units).
export function jsLength(s) {
  return s.length;
}

// Results flow into this sink so no JIT can prove a call useless and drop it.
let sink = 0;
export function sinkValue() {
  return sink;
}

// Calls `fn(arg)` where `fn` is a Rust closure exported to JS: every call copies the
// argument into WASM memory (UTF-16 -> UTF-8 for strings) and, for a string result,
// back out (UTF-8 -> UTF-16). The timing loop runs in JS, so that copy is counted.
export function makeStringCall(fn, arg) {
  return () => {
    const out = fn(arg);
    sink = (sink + out.length) | 0;
    return out;
  };
}

export function makeStringToNumberCall(fn, arg) {
  return () => {
    const out = fn(arg);
    sink = (sink + out) | 0;
    return out;
  };
}

export function makeNumberCall(fn, arg) {
  return () => {
    const out = fn(arg);
    sink = (sink + out) | 0;
    return out;
  };
}

// The JavaScript baselines: the same trivial work without a boundary.
export function makeJsStringIdentity(arg) {
  const identity = (s) => s;
  return makeStringCall(identity, arg);
}

export function makeJsStringLength(arg) {
  const length = (s) => s.length;
  return makeStringToNumberCall(length, arg);
}

export function makeJsNumberAddOne(arg) {
  const addOne = (n) => n + 1;
  return makeNumberCall(addOne, arg);
}
