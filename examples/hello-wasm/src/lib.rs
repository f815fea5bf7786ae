//! Hello, WebAssembly: the first crate of a Rust + WebAssembly tutorial.
//!
//! Every `#[wasm_bindgen] pub fn` below becomes a function JavaScript can import
//! and call; the `extern "C"` block lists JavaScript functions Rust calls. The
//! `wasm-bindgen` tool then writes `hello_wasm.js`, the JavaScript side of the
//! bridge, next to `hello_wasm_bg.wasm`, the compiled Rust.

use wasm_bindgen::prelude::*;

// Functions that JavaScript provides. `alert` is a global function of the page;
// `log` lives on the `console` object, so `js_namespace` says where to find it.
#[wasm_bindgen]
extern "C" {
    fn alert(message: &str);

    #[wasm_bindgen(js_namespace = console)]
    fn log(message: &str);
}

/// Adds two numbers. An `i32` crosses to JavaScript as a plain number, and in
/// this optimised build `+` wraps around on overflow: `add(2147483647, 1)` is
/// `-2147483648` (a debug build would panic instead).
#[wasm_bindgen]
pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

/// The n-th Fibonacci number, counting from F(0) = 0. A `u64` arrives in
/// JavaScript as a BigInt (`fibonacci(10)` is `55n`), because a JavaScript number
/// cannot hold every 64-bit integer exactly. From n = 94 on the result no longer
/// fits in 64 bits and wraps around.
#[wasm_bindgen]
pub fn fibonacci(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        let next = a + b;
        a = b;
        b = next;
    }
    a
}

/// Returns a greeting and also writes it to the browser console: a string goes
/// in (copied from JavaScript's UTF-16 into the module's memory as UTF-8), Rust
/// calls `console.log`, and a new string comes back out.
#[wasm_bindgen]
pub fn greet(name: &str) -> String {
    let greeting = format!("Hello, {name}!");
    log(&greeting);
    greeting
}

/// Calls JavaScript's `alert` from Rust.
#[wasm_bindgen]
pub fn say_hello(name: &str) {
    alert(&format!("Hello from Rust, {name}!"));
}
