//! Browser glue: everything that touches web-sys, js-sys or gloo lives here, so the
//! Yew components stay free of DOM plumbing and the lab stays pure Rust.

pub mod bench;
pub mod canvas;
pub mod compute;
pub mod dom;
pub mod features;
pub mod image;
pub mod json;
pub mod module;
pub mod panic;
pub mod signals;
pub mod source;
pub mod state;
pub mod storage;
pub mod strings;
pub mod suite;
pub mod theme;
pub mod vdom;
