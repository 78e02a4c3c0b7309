//! Pure, infallible figures computed from a [`crate::model::Snapshot`]. Every function takes the
//! window and the as-of time explicitly and never reads a clock.

mod availability;
mod curves;
mod overview;
mod profile;
mod samples;
mod segments;
mod status;

pub use availability::{availability, Availability, Weights};
pub use curves::{buckets, rolling_availability, Bucket, BucketSize};
pub use overview::{overview, Overview, ServiceSummary};
pub use profile::{Basis, Profile, Step, Totals};
pub use samples::sample_availability;
pub use segments::{level_segments, LevelSegment};
pub use status::{current_level, overall_status, OverallStatus};
