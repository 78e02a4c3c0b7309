//! The figures of the overview: the status line and one summary per service.

use super::{
    availability, current_level, overall_status, sample_availability, Availability, OverallStatus, Weights,
};
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

/// Where a service's availability comes from: its incidents when the source publishes any for
/// it, otherwise its probe samples (Upptime, Prometheus and Uptime Kuma publish only samples).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Incidents,
    Samples,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    pub status: OverallStatus,
    /// The window the availability figures cover; it ends at the as-of time.
    pub window: Span,
    pub services: Vec<ServiceSummary>,
}

/// The overview over the `window_ms` before the snapshot's as-of time.
pub fn overview(snapshot: &Snapshot, window_ms: i64, weights: &Weights) -> Overview {
    let window = Span::ending_at(snapshot.as_of_ms, window_ms);
    let services = snapshot
        .services
        .iter()
        .map(|s| {
            let has_incidents = snapshot.incidents_of(&s.id).next().is_some();
            let from_samples =
                (!has_incidents).then(|| sample_availability(snapshot, &s.id, None, window)).flatten();
            let (availability, basis) = match from_samples {
                Some(figures) => (figures, Basis::Samples),
                None => (availability(snapshot, &s.id, None, window, weights), Basis::Incidents),
            };
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
