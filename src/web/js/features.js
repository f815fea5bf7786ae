// Feature detection for the overview tab. Each probe validates a tiny module that uses
// exactly one feature (the modules of GoogleChromeLabs/wasm-feature-detect); the
// validator says yes only if the engine knows every instruction in it.

const probes = {
  // (func (result v128) i32.const 0  i8x16.splat  i8x16.popcnt)
  simd: [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11],
  // (memory 1) (func i32.const 0 i32.const 0 i32.const 0 memory.copy)
  bulkMemory: [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11],
  // (memory 1 1 shared) (func i32.const 0 i32.atomic.load drop)
  threads: [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0, 26, 11],
};

export function validateProbe(name) {
  const bytes = probes[name];
  if (!bytes || typeof WebAssembly !== "object") return false;
  try {
    return WebAssembly.validate(new Uint8Array(bytes));
  } catch (_) {
    return false;
  }
}

export function sharedArrayBufferUsable() {
  // SharedArrayBuffer exists only in cross-origin isolated pages (COOP + COEP headers).
  // GitHub Pages cannot send those headers, so threads stay off there.
  return typeof SharedArrayBuffer === "function" && globalThis.crossOriginIsolated === true;
}
