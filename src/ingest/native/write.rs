//! Writing a snapshot in the native format.

use super::wire::*;
use super::VERSION;
use crate::model::format::format_rfc3339;
use crate::model::{Coverage, Incident, Samples, Snapshot, Span};

/// Writes a snapshot in the native format (compact JSON). `parse(&write(s))` gives back `s` when
/// its up-ratios have at most four decimals (the writer rounds to four) and every number is
/// finite (JSON has no NaN or infinity; a non-finite SLO target is written as null).
pub fn write(snapshot: &Snapshot) -> String {
    let file: File<WireSeriesOut, WireAnnouncement> = File {
        format: "nines".into(),
        version: VERSION,
        title: snapshot.title.clone(),
        as_of: format_rfc3339(snapshot.as_of_ms),
        coverage: match snapshot.coverage.spans() {
            [] => WireCoverage::One(wire_span(&Span::new(snapshot.as_of_ms, snapshot.as_of_ms))),
            _ => write_coverage(&snapshot.coverage),
        },
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
                coverage: s.coverage.as_ref().map(write_coverage),
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
        announcements: snapshot
            .announcements
            .iter()
            .map(|a| WireAnnouncement {
                id: a.id.clone(),
                title: a.title.clone(),
                services: a.services.clone(),
                tags: a.tags.clone(),
                start: format_rfc3339(a.start_ms),
                end: a.end_ms.map(format_rfc3339),
                action_by: a.action_by_ms.map(format_rfc3339),
                text: a.text.clone(),
                links: a.links.clone(),
            })
            .collect(),
        series: snapshot
            .series
            .iter()
            .map(|s| {
                let (start, step_s, times_delta_ms) = match &s.samples {
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
                    times_delta_ms,
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

/// One span as the object every version-1 reader knows; a coverage with gaps, or none, as an
/// array of spans (the file's own coverage, when it has none, is written above as the empty span
/// at as-of, the form every version-1 reader knows).
fn write_coverage(coverage: &Coverage) -> WireCoverage {
    match coverage.spans() {
        [only] => WireCoverage::One(wire_span(only)),
        many => WireCoverage::Many(many.iter().map(wire_span).collect()),
    }
}

fn wire_span(span: &Span) -> WireSpan {
    WireSpan { start: format_rfc3339(span.start_ms), end: format_rfc3339(span.end_ms) }
}
