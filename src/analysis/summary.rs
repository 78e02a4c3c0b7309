//! The per-service figures of `nines summary`: for the windows 24 h, 7 d, 30 d and 90 d ending at
//! the snapshot's as-of time, availability, weighted downtime, incident time, incident count and
//! coverage.

use super::{incident_stats, Availability, Basis, ServiceProfiles, Weights};
use crate::model::{Snapshot, Span, MS_PER_DAY, MS_PER_MINUTE};

/// The summary's windows, by name, each ending at the as-of time.
pub const SUMMARY_WINDOWS: [(&str, i64); 4] =
    [("24h", MS_PER_DAY), ("7d", 7 * MS_PER_DAY), ("30d", 30 * MS_PER_DAY), ("90d", 90 * MS_PER_DAY)];

/// One service's figures over one window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindowFigures {
    /// 1 − weighted downtime / counted time; `None` when nothing in the window is counted.
    pub availability_ratio: Option<f64>,
    /// Weighted downtime (from incidents with the weights, or from samples).
    pub downtime_minutes: f64,
    /// The union of every incident span that names the service, unweighted, inside the window.
    pub incident_minutes: f64,
    /// Incidents naming the service that overlap the window.
    pub incidents: usize,
    /// Share of the window with data, 0..1.
    pub coverage_ratio: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceFigures {
    pub id: String,
    pub name: String,
    pub basis: Basis,
    /// In the order of [`SUMMARY_WINDOWS`].
    pub windows: Vec<(&'static str, WindowFigures)>,
}

/// Every service's figures as of `snapshot.as_of_ms` (open incidents are closed there).
pub fn summary(snapshot: &Snapshot, weights: &Weights) -> Vec<ServiceFigures> {
    summary_of(snapshot, &ServiceProfiles::new(snapshot, weights))
}

/// [`summary`] from each service's profile, `profiles` built from the same snapshot.
pub fn summary_of(snapshot: &Snapshot, profiles: &ServiceProfiles) -> Vec<ServiceFigures> {
    snapshot
        .services
        .iter()
        .zip(profiles.iter())
        .map(|(service, profile)| {
            let windows = SUMMARY_WINDOWS
                .iter()
                .map(|(name, length_ms)| {
                    let window = Span::ending_at(snapshot.as_of_ms, *length_ms);
                    let figures = Availability::of_profile(profile, window);
                    let stats = incident_stats(snapshot.incidents_of(&service.id), window, snapshot.as_of_ms);
                    let minutes = |ms: f64| ms / MS_PER_MINUTE as f64;
                    let window_figures = WindowFigures {
                        availability_ratio: figures.availability_ratio,
                        downtime_minutes: minutes(figures.downtime_ms),
                        incident_minutes: minutes(stats.downtime_ms as f64),
                        incidents: stats.count,
                        coverage_ratio: figures.coverage_ratio,
                    };
                    (*name, window_figures)
                })
                .collect();
            ServiceFigures {
                id: service.id.clone(),
                name: service.name.clone(),
                basis: profile.basis,
                windows,
            }
        })
        .collect()
}
