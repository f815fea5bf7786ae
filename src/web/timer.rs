//! Timers for the app: gloo's callback timers, which cancel themselves when dropped, so a
//! component that keeps one in a `use_mut_ref` stops it by dropping it. The app reaches
//! them through here (`app/hooks.rs` builds `use_debounce` on [`Timeout`]).

pub use gloo::timers::callback::{Interval, Timeout};
