//! The state of the screen, as pure data and pure transitions: no browser types here, so all of
//! it builds and tests natively.
//!
//! - [`query`]: query-string encoding;
//! - [`range`]: the time range of a view, as the URL writes it and as the charts show it.

pub mod query;
pub mod range;

pub use range::Range;
