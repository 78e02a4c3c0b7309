//! Pure, infallible figures computed from a [`crate::model::Snapshot`]. Every function takes the
//! window and the as-of time explicitly and never reads a clock.

mod availability;
mod correlation;
mod curves;
mod dependency;
mod incidents;
mod overview;
mod profile;
mod samples;
mod segments;
mod slo;
mod status;
mod summary;

pub use availability::{availability, Availability, Weights};
pub use correlation::{outage_clusters, outages, pair_overlaps, Cluster, Key, Outage, PairOverlap};
pub use curves::{buckets, rolling_availability, Bucket, BucketSize};
pub use dependency::{
    k_of_n, merge, own_timeline, timeline_availability, Change, Composite, DependencyError, Provider, Replay,
    Timeline, WhatIf,
};
pub use incidents::{incident_breakdown, incident_stats, IncidentBreakdown, IncidentStats};
pub use overview::{overview, Overview, ServiceSummary};
pub use profile::{Basis, Profile, ServiceProfiles, Step, Totals};
pub use samples::sample_availability;
pub use segments::{level_segments, LevelSegment};
pub use slo::{slo_report, BurnRate, Severity, SloReport, SloWindow};
pub use status::{current_level, overall_status, scheduled_maintenance, OverallStatus, ScheduledMaintenance};
pub use summary::{summary, summary_of, ServiceFigures, WindowFigures, SUMMARY_WINDOWS};
