//! Pure, infallible figures computed from a [`crate::model::Snapshot`]. Every function takes the
//! window and the as-of time explicitly and never reads a clock.

mod availability;
mod overview;
mod rolling;
mod samples;
mod segments;
mod status;

pub use availability::{availability, Availability, Weights};
pub use overview::{overview, Basis, Overview, ServiceSummary};
pub use rolling::rolling_up_ratio;
pub use samples::sample_availability;
pub use segments::{level_segments, LevelSegment};
pub use status::{current_level, overall_status, OverallStatus};
