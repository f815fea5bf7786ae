//! Pure Rust teaching modules. No web-sys, js-sys, gloo or yew: every line runs and is
//! tested natively, and the same code runs in WASM. The tabs, the browser tests and the
//! benches all call this API, so names and shapes here change only on purpose.
//!
//! Two modules serve the others rather than teach: [`fmt`] writes numbers for people
//! (digit grouping, sizes, durations, ratios) and [`rng`] is the one seeded generator
//! behind every generated sample, scene and test corpus.

#![warn(missing_docs)]

pub mod bench;
pub mod canvas;
pub mod compute;
pub mod fmt;
pub mod image;
pub mod json;
pub mod report;
pub mod rng;
pub mod signals;
pub mod source;
pub mod state;
pub mod text;
pub mod vdom;
pub mod wasm;
