//! Widgets every tab shares: written once, used everywhere.

mod bench;
mod error;
mod not_built;
mod source;

pub use bench::{BenchPanel, RatioBar};
pub use error::ErrorText;
pub use not_built::NotBuilt;
pub use source::SourceView;
