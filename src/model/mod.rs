//! The domain model: plain data, no I/O, no serde, no browser types.
//!
//! Time is `i64` milliseconds since the Unix epoch (UTC) everywhere. Spans are half-open
//! `[start_ms, end_ms)`. An open incident has `end_ms: None`; analysis closes it at `as_of_ms`.
//! "Unknown" is a first-class level: time that no source covers is never shown as up.

pub mod calendar;
mod coverage;
pub mod format;
mod level;
mod parse;
mod snapshot;
mod span;
mod string_map;

pub use coverage::Coverage;
pub use level::{IncidentStatus, Level, Origin};
pub use parse::parse_rfc3339_ms;
pub use snapshot::{
    same_values, Announcement, Dependency, Incident, IncidentUpdate, Maintenance, RedundantGroup, Region,
    Samples, Series, Service, Slo, Snapshot, MAX_STEP_MS,
};
pub use span::{
    clip, difference, intersection, overlap_ms, sort_by_time, sort_with, sorted_unique, total_ms, union,
    Span, TimeMs, MAX_TIME_MS, MIN_TIME_MS, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE,
};
pub use string_map::StringMap;
