//! Writing a snapshot in the native format.

use super::wire::*;
use super::VERSION;
use crate::model::format::format_rfc3339;
use crate::model::{Incident, Samples, Snapshot, Span};

/// Writes a snapshot in the native format (compact JSON). `parse(&write(s))` gives back `s` when
/// its up-ratios have at most four decimals (the writer rounds to four) and every number is
/// finite (JSON has no NaN or infinity; a non-finite SLO target is written as null).
pub fn write(snapshot: &Snapshot) -> String {
    let file: File<WireSeriesOut> = File {
        format: "nines".into(),
        version: VERSION,
        title: snapshot.title.clone(),
        as_of: format_rfc3339(snapshot.as_of_ms),
        coverage: write_coverage(snapshot),
        regions: snapshot
            .regions
            .iter()
            .map(|r| WireRegion { id: r.id.clone(), name: r.name.clone() })
            .collect(),
        services: snapshot
            .services
            .iter()
            .map(|s| WireService {
                id: s.id.clone(),
                name: s.name.clone(),
                group: s.group.clone(),
                regions: s.regions.clone(),
                tags: s.tags.clone(),
                slo: s.slo.map(|slo| WireSlo { target: slo.target_ratio, window_days: slo.window_days }),
            })
            .collect(),
        dependencies: snapshot
            .dependencies
            .iter()
            .map(|d| WireDependency {
                service: d.service.clone(),
                requires: d.requires.clone(),
                redundant: d.redundant.iter().map(|g| WireRedundant { k: g.k, of: g.of.clone() }).collect(),
            })
            .collect(),
        incidents: snapshot.incidents.iter().map(write_incident).collect(),
        maintenances: snapshot
            .maintenances
            .iter()
            .map(|m| WireMaintenance {
                id: m.id.clone(),
                title: m.title.clone(),
                services: m.services.clone(),
                regions: m.regions.clone(),
                start: format_rfc3339(m.span.start_ms),
                end: format_rfc3339(m.span.end_ms),
            })
            .collect(),
        series: snapshot
            .series
            .iter()
            .map(|s| {
                let (start, step_s, times_ms) = match &s.samples {
                    Samples::Regular { start_ms, step_ms, .. } => {
                        (Some(format_rfc3339(*start_ms)), Some(*step_ms as f64 / 1000.0), None)
                    }
                    Samples::Irregular { times_ms, .. } => (None, None, Some(times_ms.as_slice())),
                };
                WireSeriesOut {
                    service: &s.service,
                    region: s.region.as_deref(),
                    start,
                    step_s,
                    times_ms,
                    up: s.samples.up_ratio(),
                    latency_ms: &s.latency_ms,
                }
            })
            .collect(),
    };
    // Serialising these plain structs cannot fail: no maps, and serde_json writes non-finite floats as null.
    serde_json::to_string(&file).unwrap_or_default()
}

fn write_incident(i: &Incident) -> WireIncident {
    WireIncident {
        id: i.id.clone(),
        title: i.title.clone(),
        impact: i.impact.as_str().into(),
        source_impact: i.source_impact.clone(),
        status: i.status.as_str().into(),
        origin: i.origin.as_str().into(),
        services: i.services.clone(),
        regions: i.regions.clone(),
        start: format_rfc3339(i.start_ms),
        end: i.end_ms.map(format_rfc3339),
        updates: i
            .updates
            .iter()
            .map(|u| WireUpdate {
                at: format_rfc3339(u.at_ms),
                status: u.status.as_str().into(),
                text: u.text.clone(),
                impact: u.impact.map(|l| l.as_str().into()),
            })
            .collect(),
        links: i.links.clone(),
    }
}

/// One span as the object every version-1 reader knows; no coverage as the empty span at as-of;
/// a coverage with gaps as an array of spans.
fn write_coverage(snapshot: &Snapshot) -> WireCoverage {
    let wire =
        |span: &Span| WireSpan { start: format_rfc3339(span.start_ms), end: format_rfc3339(span.end_ms) };
    match snapshot.coverage.spans() {
        [] => WireCoverage::One(wire(&Span::new(snapshot.as_of_ms, snapshot.as_of_ms))),
        [only] => WireCoverage::One(wire(only)),
        many => WireCoverage::Many(many.iter().map(wire).collect()),
    }
}
