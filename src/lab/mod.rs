//! Pure Rust teaching modules. No web-sys, js-sys, gloo or yew: every line runs and is
//! tested natively, and the same code runs in WASM. The public face is fixed in
//! API.md; the tabs are built on it.

pub mod canvas;
pub mod compute;
pub mod image;
pub mod json;
pub mod report;
pub mod signals;
pub mod source;
pub mod state;
pub mod text;
pub mod vdom;
pub mod wasm;
