// The JavaScript side of the JSON tab: JSON.parse / JSON.stringify as the baseline, and a
// canonical form used to check that every path from JavaScript into Rust gives the same
// value.

// Writes a value so that two equal values give the same text: object keys sorted by
// UTF-16 code units (Array.prototype.sort's default order), numbers as String(n) (so -0
// is "0", Infinity is "Infinity"), strings JSON-escaped after replacing lone surrogates
// with U+FFFD (what a Rust String must do). Rust writes the same form:
// lab::json::canonical (src/lab/json/canonical.rs).
function wellFormed(s) {
  return typeof s.toWellFormed === "function" ? s.toWellFormed() : s;
}

function canon(v) {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return String(v);
    case "string":
      return JSON.stringify(wellFormed(v));
    default:
      break;
  }
  if (Array.isArray(v)) return "[" + v.map(canon).join(",") + "]";
  const keys = Object.keys(v).sort();
  return (
    "{" +
    keys.map((k) => JSON.stringify(wellFormed(k)) + ":" + canon(v[k])).join(",") +
    "}"
  );
}

export function canonical(v) {
  return canon(v);
}

// JSON.parse, as the bridge's path 4 and as the start of path 3.
export function jsonParse(text) {
  return JSON.parse(text);
}

export function jsonStringify(v) {
  return JSON.stringify(v);
}

// Accept/reject as JSON.parse: null when accepted, the engine's message when rejected.
export function jsonParseError(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return String(e && e.message ? e.message : e);
  }
}

let sink = 0;

// The benchmark baselines. The result is folded into a module-level sink so the JIT
// cannot treat the work as dead.
export function makeParseCase(text) {
  return function () {
    const v = JSON.parse(text);
    sink = (sink + (v === null ? 0 : 1)) | 0;
    return v;
  };
}

export function makeStringifyCase(text) {
  const value = JSON.parse(text);
  return function () {
    const s = JSON.stringify(value);
    sink = (sink + s.length) | 0;
    return s;
  };
}

export function benchSink() {
  return sink;
}

// A paste into the JSON text box that would leave more than `limit` UTF-8 bytes in it:
// the default (the browser inserting megabytes into a text box, then laying them out
// for seconds) is prevented, and the text the box would have held is returned for the
// page to keep in memory. null for an ordinary paste, which goes ahead as usual.
export function largePaste(event, limit) {
  const box = event.target;
  const data = event.clipboardData;
  if (!data || !box || typeof box.value !== "string") return null;
  const pasted = data.getData("text/plain");
  if (!pasted) return null;
  const start = box.selectionStart ?? box.value.length;
  const end = box.selectionEnd ?? start;
  const units = box.value.length - (end - start) + pasted.length;
  // UTF-8 takes at least one byte and at most three per UTF-16 code unit.
  if (units * 3 <= limit) return null;
  const text = box.value.slice(0, start) + pasted + box.value.slice(end);
  if (units <= limit && new TextEncoder().encode(text).length <= limit) return null;
  event.preventDefault();
  return text;
}
