// The Module tab's JavaScript: measuring served files, asking the engine what a module
// imports and exports, finding this page's own modules, and the console's Web Worker.

export async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export function gzipAvailable() {
  return typeof CompressionStream === "function";
}

// A new task: the page paints and takes input before the caller goes on. (Awaiting a
// stream write is not enough: it resolves in a microtask, and browsers may compress
// inside write() itself.)
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// Bytes after gzip, as the browser's own CompressionStream makes them (its default
// level). Fed in 64 KiB pieces, one per task, so that no task compresses megabytes.
export async function gzipSize(bytes) {
  const stream = new CompressionStream("gzip");
  const writer = stream.writable.getWriter();
  const counting = (async () => {
    const reader = stream.readable.getReader();
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return total;
      total += value.byteLength;
    }
  })();
  const piece = 64 * 1024;
  for (let i = 0; i < bytes.length; i += piece) {
    await writer.write(bytes.subarray(i, i + piece));
    await nextTask();
  }
  await writer.close();
  return counting;
}

// What the engine itself says a module imports and exports (compiled off the main
// thread by WebAssembly.compile; the synchronous constructor is refused for large
// modules in some browsers).
export async function engineView(bytes) {
  const module = await WebAssembly.compile(bytes);
  return {
    imports: WebAssembly.Module.imports(module),
    exports: WebAssembly.Module.exports(module),
  };
}

const OTHER_MODULES = /(fib_worker_bg|hello_wasm_bg)\.wasm$/;

// The URL of the .wasm this page runs: Trunk's <link rel="preload"> for it when the page
// is the built index.html, else the first .wasm the page fetched (Resource Timing), as
// in the test runner's page. Both are absolute, so they hold under any sub-path.
export function appModuleUrl() {
  const link = document.querySelector('link[rel="preload"][as="fetch"][href$=".wasm"]');
  if (link && link.href) return link.href;
  for (const entry of performance.getEntriesByType("resource")) {
    const path = entry.name.split(/[?#]/)[0];
    if (path.endsWith(".wasm") && !OTHER_MODULES.test(path)) return entry.name;
  }
  return null;
}

// A file next to index.html (the Compute tab's worker module, the hello module, the page).
export function besidePage(relative) {
  return new URL(relative, document.baseURI).href;
}

// ------------------------------------------------------------------ the console
//
// Why a worker and full JavaScript (not a small expression language): the lesson is
// "call the module from JavaScript", so the console takes what a person would type in
// their own page or in devtools, and even a restricted language could not stop
// `fibonacci(4294967295)` from running for seconds. In a dedicated worker:
//   - nothing typed can reach this page: no DOM, no storage, no app state; reassigning
//     a global changes the worker's global only;
//   - an endless loop is stopped: the page gives each evaluation TIMEOUT ms, then
//     terminates the worker and starts a fresh one;
//   - Rust's calls to alert() and console.log() land in an on-page log, because the
//     worker's own alert and console.log are the ones the glue finds at call time.
// And the console evaluates only what `evaluate` is given, which the tab calls from the
// form's submit (Enter or the button) with the text the person typed: never text from
// the URL, storage or anywhere else.

// The worker's code, started from a Blob. Written as a function so that it is checked
// like the rest of this file; it runs in the worker's global scope, not here.
function consoleWorker() {
  const MAX_LOG = 20; // log lines per evaluation; the rest are counted, not sent
  const MAX_CALLS = 20; // export calls recorded per evaluation
  const MAX_TEXT = 2000; // characters of a printed value
  let glue = null;
  let during = null; // the id of the evaluation that is running
  let logged = 0;
  let dropped = 0;
  let calls = [];
  let callsDropped = 0;

  const clip = (s) =>
    s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) + ` … (${s.length - MAX_TEXT} more characters)` : s;
  const errorText = (e) => {
    if (e && typeof e === "object" && "message" in e) {
      return `${e.name || "Error"}: ${e.message}`;
    }
    return `uncaught ${describe(e).text}`;
  };
  const describe = (v) => {
    const type = typeof v;
    const out = { type, text: "" };
    try {
      if (type === "string") {
        out.text = clip(JSON.stringify(v));
        out.utf16 = v.length;
        out.utf8 = new TextEncoder().encode(v).length;
        out.well_formed = typeof v.isWellFormed === "function" ? v.isWellFormed() : true;
      } else if (type === "number") {
        out.text = Object.is(v, -0) ? "-0" : String(v);
      } else if (type === "bigint") {
        out.text = `${v}n`;
      } else if (type === "function") {
        out.text = `function ${v.name || "(anonymous)"}(…)`;
      } else if (type === "symbol") {
        out.text = v.toString();
      } else if (v === null || type === "undefined" || type === "boolean") {
        out.text = String(v);
      } else if (v instanceof Error) {
        out.text = errorText(v);
      } else {
        const json = JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));
        out.text = clip(json === undefined ? Object.prototype.toString.call(v) : json);
      }
    } catch (e) {
      out.text = `(cannot be shown: ${e && e.message ? e.message : e})`;
    }
    if (type !== "bigint" && type !== "symbol" && (type !== "object" || v === null)) {
      const n = Number(v);
      out.number = Number.isNaN(n) ? null : n;
    }
    return out;
  };
  // Rust's calls come through the glue's import shims, named __wbg_<name>_<hash>.
  const fromRust = () => /__wbg_\w+/.test(String(new Error().stack || "").split("\n").slice(2).join("\n"));
  const logVia = (via) =>
    function (...args) {
      if (logged >= MAX_LOG) {
        dropped++;
        return;
      }
      logged++;
      const text = args.map((a) => (typeof a === "string" ? a : describe(a).text)).join(" ");
      postMessage({ op: "log", via, rust: fromRust(), text: clip(text), during });
    };
  self.alert = logVia("alert");
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    console[level] = logVia(`console.${level}`);
  }

  const wrap = (name, f) =>
    function (...args) {
      const record = { name, args: args.map(describe) };
      if (calls.length < MAX_CALLS) calls.push(record);
      else callsDropped++;
      try {
        const result = f.apply(this, args);
        record.result = describe(result);
        return result;
      } catch (e) {
        record.threw = errorText(e);
        throw e;
      }
    };
  // Direct eval inside `with`: the exports are in scope by name, a fresh scope for each
  // evaluation (so `add = 1` cannot break the next one), and statements work too.
  // A Function body is sloppy-mode code, where `with` is allowed.
  const run = new Function("__scope", "__code", "with (__scope) { return eval(__code); }");

  onmessage = async (event) => {
    const m = event.data;
    if (m.op === "load") {
      try {
        let result = null;
        if (m.snippet) {
          during = -1;
          logged = 0;
          const snippet = await import(m.snippet);
          result = describe(snippet.result);
          during = null;
        }
        const g = await import(m.glue);
        // Loads the module unless the snippet's own `await init()` already did.
        await g.default();
        glue = g;
        const names = Object.keys(g).filter(
          (k) => typeof g[k] === "function" && k !== "default" && k !== "initSync",
        );
        postMessage({ op: "loaded", result, names });
      } catch (e) {
        postMessage({ op: "failed", error: errorText(e) });
      }
      return;
    }
    if (m.op !== "eval") return;
    during = m.id;
    logged = 0;
    dropped = 0;
    calls = [];
    callsDropped = 0;
    const scope = Object.create(null);
    for (const k of Object.keys(glue || {})) {
      if (typeof glue[k] === "function" && k !== "default" && k !== "initSync") scope[k] = wrap(k, glue[k]);
    }
    const t0 = performance.now();
    let reply;
    try {
      let value = run(scope, m.code);
      if (value && typeof value.then === "function") value = await value;
      reply = { ok: true, value: describe(value) };
    } catch (e) {
      reply = {
        ok: false,
        error: errorText(e),
        trapped: typeof WebAssembly === "object" && e instanceof WebAssembly.RuntimeError,
      };
    }
    reply.ms = performance.now() - t0;
    Object.assign(reply, { op: "result", id: m.id, calls, callsDropped, logsDropped: dropped });
    during = null;
    postMessage(reply);
  };
}

let evaluationsStarted = 0;

// How many evaluations consoles in this page have started: the browser tests check
// that opening a link runs none.
export function evaluationsStartedCount() {
  return evaluationsStarted;
}

// The page side of the console: one worker at a time, restarted after a timeout or a
// trap. `onEvent` gets {op: "loaded" | "failed" | "log" | "restarted", …}.
export class ConsoleHost {
  constructor(snippet, glue, timeoutMs, onEvent) {
    this.glue = glue;
    this.timeoutMs = timeoutMs;
    this.onEvent = onEvent;
    this.nextId = 1;
    this.pending = null; // { id, resolve, timer }
    this.closed = false;
    this.source = URL.createObjectURL(
      new Blob([`(${consoleWorker.toString()})();`], { type: "text/javascript" }),
    );
    this.spawn(snippet);
  }

  spawn(snippet) {
    let markReady;
    this.ready = new Promise((resolve) => (markReady = resolve));
    let worker;
    try {
      worker = new Worker(this.source, { type: "module", name: "module-tab-console" });
    } catch (e) {
      this.onEvent({ op: "failed", error: `the browser refused to start a worker: ${e.message}` });
      markReady(false);
      return;
    }
    this.worker = worker;
    worker.onmessage = (event) => {
      const m = event.data || {};
      if (m.op === "loaded" || m.op === "failed") {
        markReady(m.op === "loaded");
        this.onEvent(m);
      } else if (m.op === "log") {
        this.onEvent(m);
      } else if (m.op === "result" && this.pending && this.pending.id === m.id) {
        const { resolve, timer } = this.pending;
        this.pending = null;
        clearTimeout(timer);
        resolve(m);
        if (m.trapped) this.restart("the module trapped");
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const error = `the console's worker failed: ${event.message || "it could not start"}`;
      markReady(false);
      this.onEvent({ op: "failed", error });
      this.settle({ op: "result", ok: false, error, calls: [] });
    };
    worker.postMessage({ op: "load", snippet: snippet || null, glue: this.glue });
  }

  settle(reply) {
    if (!this.pending) return;
    const { resolve, timer } = this.pending;
    this.pending = null;
    clearTimeout(timer);
    resolve(reply);
  }

  restart(reason) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    if (this.closed) return;
    this.onEvent({ op: "restarted", reason });
    this.spawn(null);
  }

  // Runs `code` in the worker; resolves with its result, or {timedOut: true} after
  // timeoutMs (the worker is then terminated and replaced).
  async evaluate(code) {
    evaluationsStarted++;
    if (this.pending) return { op: "result", ok: false, error: "another evaluation is still running", calls: [] };
    const ready = await this.ready;
    if (!ready || !this.worker) {
      return { op: "result", ok: false, error: "the module is not loaded in the console", calls: [] };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        resolve({ op: "result", ok: false, timedOut: true, ms: this.timeoutMs, calls: [] });
        this.restart(`stopped after ${this.timeoutMs} ms`);
      }, this.timeoutMs);
      this.pending = { id, resolve, timer };
      this.worker.postMessage({ op: "eval", id, code });
    });
  }

  close() {
    this.closed = true;
    this.settle({ op: "result", ok: false, error: "the console was closed", calls: [] });
    if (this.worker) this.worker.terminate();
    this.worker = null;
    URL.revokeObjectURL(this.source);
  }
}
