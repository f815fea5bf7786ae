// The JavaScript side of the benchmark harness. The timing loop for a JS baseline runs
// here, in JavaScript, so a JS case pays no WASM->JS call per iteration.

export function timeLoop(fn, iterations) {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) {
    fn();
  }
  return performance.now() - t0;
}

// Yields to the event loop so the page can repaint (progress bar) and take input between
// benchmark samples. A MessageChannel message runs sooner than setTimeout(0), which
// browsers clamp to 4 ms after a few nestings.
export function nextTask() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}
