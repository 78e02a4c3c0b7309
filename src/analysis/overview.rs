//! The figures of the overview: the status line and one summary per service.

use super::{current_level, overall_status, Availability, Basis, OverallStatus, ServiceProfiles};
use crate::model::{Level, Snapshot, Span};

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceSummary {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    /// The level at the as-of time.
    pub level: Level,
    /// Over `Overview::window`.
    pub availability: Availability,
    /// What the availability was computed from.
    pub basis: Basis,
    pub slo_target_ratio: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    pub status: OverallStatus,
    /// The window the availability figures cover; it ends at the as-of time.
    pub window: Span,
    pub services: Vec<ServiceSummary>,
}

/// The overview over the `window_ms` before the snapshot's as-of time, from each service's
/// profile, `profiles` built from the same snapshot.
pub fn overview(snapshot: &Snapshot, window_ms: i64, profiles: &ServiceProfiles) -> Overview {
    let window = Span::ending_at(snapshot.as_of_ms, window_ms);
    let services = snapshot
        .services
        .iter()
        .zip(profiles.iter())
        .map(|(s, profile)| {
            let (availability, basis) = (Availability::of_profile(profile, window), profile.basis);
            ServiceSummary {
                id: s.id.clone(),
                name: s.name.clone(),
                group: s.group.clone(),
                level: current_level(snapshot, &s.id),
                availability,
                basis,
                slo_target_ratio: s.slo.map(|slo| slo.target_ratio),
            }
        })
        .collect();
    Overview { status: overall_status(snapshot), window, services }
}
