// Reading Rust's bytes straight out of WebAssembly linear memory, the way the Rust and
// WebAssembly book's Game of Life reads its cells: Rust hands over a pointer and a length
// (plain numbers), JavaScript builds a typed-array *view* over `memory.buffer` at that
// place and decodes it. Nothing is copied across the boundary until TextDecoder runs.
//
// Why such a view "detaches": `memory.buffer` is an ArrayBuffer of the memory's current
// size. When Rust allocates past the end, the module runs `memory.grow`, and the engine
// replaces the buffer: the old ArrayBuffer is detached (byteLength 0) and every view made
// over it reads as empty. So a view must be rebuilt from `memory.buffer` after any call
// into Rust that may allocate; keeping one across such calls is a bug.

let lastView = null;

export function readUtf8(memory, ptr, len) {
  const buffer = memory.buffer;
  if (ptr + len > buffer.byteLength) {
    throw new RangeError(`bytes ${ptr}..${ptr + len} are outside linear memory (${buffer.byteLength} bytes)`);
  }
  const view = new Uint8Array(buffer, ptr, len);
  lastView = view;
  return new TextDecoder("utf-8", { fatal: true }).decode(view);
}

export function bytesHex(memory, ptr, len, max) {
  const view = new Uint8Array(memory.buffer, ptr, Math.min(len, max));
  const hex = Array.from(view, (b) => b.toString(16).padStart(2, "0")).join(" ");
  return len > max ? hex + " …" : hex;
}

// The byte length of the last view readUtf8 built: 0 once memory grew under it, -1 if
// there is none yet.
export function lastViewLength() {
  return lastView === null ? -1 : lastView.byteLength;
}

// Resolves once the browser has painted the current page: the next frame, then the task
// after it (requestAnimationFrame callbacks run before that frame's paint). A page that
// is hidden gets no frames, so a timer settles it anyway.
export function afterPaint() {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(fallback); resolve(); }, 0));
  });
}
