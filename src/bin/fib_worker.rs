//! The Web Worker of the Compute tab: a second WASM module that Trunk builds from this
//! binary (see index.html and `web::compute`). It computes big Fibonacci numbers and
//! long naive recursions off the main thread, so the page never freezes, and the page
//! can cancel it by terminating the worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    wasm_playground::web::compute::worker_main();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("fib_worker is a Web Worker: Trunk builds it for the browser (see index.html).");
}
