//! Browser tests: run in headless Firefox by `cargo test --target wasm32-unknown-unknown
//! --test browser` (wasm-bindgen-test). Each module tests one tab or one piece of glue.
#![cfg(target_arch = "wasm32")]

mod bench;
mod canvas;
mod compute;
mod hooks;
mod image;
mod json;
mod module;
mod shell;
mod signals;
mod source_view;
mod state;
mod strings;
mod support;
mod vdom;
mod web_glue;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
