//! wasm-playground: an interactive lab for Rust + WebAssembly.
//!
//! Three layers, imports only point down (ARCHITECTURE.md has the picture and the rule
//! that `tests/layers.rs` enforces):
//! - [`app`]: Yew components (shell and one module per tab), wasm only;
//! - [`web`]: browser glue over web-sys / js-sys / gloo, wasm only;
//! - [`lab`]: pure Rust teaching modules, tested natively and run in wasm.

pub mod lab;

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(target_arch = "wasm32")]
pub mod app;
