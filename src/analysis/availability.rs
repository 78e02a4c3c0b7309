//! Availability of a service over a window, from its level segments.
//!
//! availability = 1 − weighted downtime / counted time, where counted time is the window minus
//! time without data (`Unknown`) and minus maintenance. Weighted downtime counts each level's time
//! times its weight. A window with no counted time has no availability (`None`), never 100 %.

use super::segments::level_segments;
use crate::model::{Level, Snapshot, Span};

/// How much of each level's time counts as down, 0..1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub major: f64,
    pub partial: f64,
    pub degraded: f64,
}

impl Weights {
    /// Major and partial outages count fully; degraded performance does not.
    pub const STRICT: Weights = Weights { major: 1.0, partial: 1.0, degraded: 0.0 };

    pub fn of(&self, level: Level) -> f64 {
        match level {
            Level::Major => self.major,
            Level::Partial => self.partial,
            Level::Degraded => self.degraded,
            Level::Ok | Level::Maintenance | Level::Unknown => 0.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Availability {
    /// 0..1; `None` when no time in the window is counted.
    pub availability_ratio: Option<f64>,
    /// Weighted downtime.
    pub downtime_ms: f64,
    /// Time with data, outside maintenance.
    pub counted_ms: i64,
    /// Share of the window that has data, 0..1.
    pub coverage_ratio: f64,
}

/// Availability of `service_id` (in `region`, or anywhere) over `window`.
pub fn availability(
    snapshot: &Snapshot,
    service_id: &str,
    region: Option<&str>,
    window: Span,
    weights: &Weights,
) -> Availability {
    let segments = level_segments(snapshot, service_id, region, window);
    let time_at = |level: Level| -> i64 {
        segments.iter().filter(|s| s.level == level).map(|s| s.span.duration_ms()).sum()
    };
    let unknown_ms = time_at(Level::Unknown);
    let counted_ms = window.duration_ms() - unknown_ms - time_at(Level::Maintenance);
    let downtime_ms: f64 = segments.iter().map(|s| weights.of(s.level) * s.span.duration_ms() as f64).sum();
    let window_ms = window.duration_ms();
    Availability {
        availability_ratio: (counted_ms > 0).then(|| 1.0 - downtime_ms / counted_ms as f64),
        downtime_ms,
        counted_ms,
        coverage_ratio: if window_ms > 0 { (window_ms - unknown_ms) as f64 / window_ms as f64 } else { 0.0 },
    }
}
