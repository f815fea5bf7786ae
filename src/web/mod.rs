//! Browser glue: everything that touches web-sys, js-sys or gloo lives here, so the
//! Yew components stay free of DOM plumbing and the lab stays pure Rust. No Yew view
//! code lives here (`tests/layers.rs` checks it): functions and types the components
//! call, and the JavaScript baselines in `js/`.

pub mod bench;
pub mod canvas;
pub mod compute;
pub mod dom;
pub mod error;
pub mod features;
pub mod file;
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
pub mod timer;
pub mod vdom;
