//! Gatus importer: the JSON of `/api/v1/endpoints/statuses` (an array of endpoint statuses) or
//! of `/api/v1/endpoints/<key>/statuses` (one endpoint status object).
//!
//! - **Services**: one per endpoint; id = `key` (else `name`, else `endpoint-<index>`), name =
//!   `name` (else the id), group = `group` when not empty. A repeated key is skipped with an issue.
//! - **Series**: each endpoint's `results` become one `Samples::Irregular` series: up-ratio 1 for
//!   `success: true`, 0 for `false`, `NaN` when missing; `latency_ms` = `duration` / 1e6 (Gatus
//!   writes nanoseconds). Endpoints without usable results have no series.
//! - **Incidents** from `events`, in time order: each `UNHEALTHY` opens an incident (unless one is
//!   open) and the next `HEALTHY` closes it; one still open at the end stays open. `START` only
//!   marks (re)starts of monitoring. Level mapping:
//!
//!   | Gatus                  | Nines                                                        |
//!   |------------------------|--------------------------------------------------------------|
//!   | event `UNHEALTHY`      | incident, `Level::Major`, `source_impact` "UNHEALTHY"         |
//!   | event `HEALTHY`        | closes the open incident: `end_ms`, status `Resolved`         |
//!   | event `START`          | nothing                                                      |
//!   | other event types      | ignored with an issue                                        |
//!   | open incident          | status `Other("UNHEALTHY")`                                  |
//!
//!   Incident id `<key>-<start ms>`, title `<name> unhealthy`, origin `Unknown`, the endpoint as
//!   the only service, no regions; updates at the UNHEALTHY and HEALTHY events.
//! - **Times** are RFC 3339. Go's zero time (`0001-01-01T00:00:00Z`, written by Gatus for unset
//!   times) and anything else in the year 1 is unknown: the record is skipped with "zero time".
//!   A time without a zone is read as UTC, with one issue per file that counts them.
//! - **Snapshot**: title "Gatus endpoints"; `as_of` = the latest result or event time (Gatus
//!   writes no generation time); `coverage` = the earliest to the latest result or event time
//!   (events record every state change, so the time between them is known); with no time at all,
//!   `as_of` 0 and an empty coverage with an issue. No maintenance, no regions.

mod wire;

#[cfg(test)]
mod tests;

use serde_json::Value;

use super::time::read_time_value;
use super::{Document, Format, IngestError, Notes, Parsed, Then, MAX_SAMPLES};
use crate::model::{
    Incident, IncidentStatus, IncidentUpdate, Level, Origin, Samples, Series, Service, Snapshot, Span, TimeMs,
};

/// 0002-01-01T00:00:00Z: instants before it are in the year 1, i.e. Go's zero time.
const YEAR_2_MS: TimeMs = -62_104_060_800_000;

/// Whether `doc` is an array of Gatus endpoint statuses (or one): objects with a `results` list
/// and a `key` or `name`.
pub fn detect(doc: &Document) -> bool {
    match doc.json.as_ref() {
        Some(Value::Array(items)) => !items.is_empty() && items.iter().all(is_endpoint_status),
        Some(value) => is_endpoint_status(value),
        None => false,
    }
}

fn is_endpoint_status(value: &Value) -> bool {
    let Some(object) = value.as_object() else { return false };
    object.get("results").is_some_and(|r| r.is_array() || r.is_null())
        && ["key", "name"].iter().any(|k| object.get(*k).is_some_and(Value::is_string))
}

/// Reads endpoint statuses. Fatal only when the document is neither an array nor an object.
pub fn parse(doc: Document) -> Result<Parsed, IngestError> {
    let json = match doc.json {
        Some(json) => json,
        None => serde_json::from_str(doc.text).map_err(|e| IngestError::from_json(&e))?,
    };
    let (records, indexed) = match json {
        Value::Array(items) => (items, true),
        object @ Value::Object(_) => (vec![object], false),
        _ => {
            return Err(IngestError::Invalid {
                path: "$".into(),
                message: "expected an array of Gatus endpoint statuses".into(),
            })
        }
    };
    let samples: usize =
        records.iter().map(|r| r.get("results").and_then(Value::as_array).map_or(0, Vec::len)).sum();
    if samples > MAX_SAMPLES {
        return Err(IngestError::TooMany { what: "samples", count: samples, limit: MAX_SAMPLES });
    }
    let mut reader = Reader::default();
    let mut snapshot = Snapshot { title: "Gatus endpoints".into(), ..Snapshot::default() };
    for (i, record) in records.into_iter().enumerate() {
        let prefix = if indexed { format!("[{i}]") } else { String::new() };
        reader.endpoint(&mut snapshot, i, &prefix, record);
    }
    crate::model::sort_by_time(&mut snapshot.incidents, |incident| incident.start_ms);
    match reader.seen {
        Some(span) => {
            snapshot.as_of_ms = span.end_ms;
            snapshot.coverage = span.into();
        }
        None => reader.notes.no_timestamps("$"),
    }
    Ok(Parsed {
        snapshot,
        format: Format::Gatus,
        issues: reader.notes.into_issues(),
        history_months: Vec::new(),
    })
}

/// `prefix.name`, or just `name` at the top level.
fn field(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Collects issues and the span of all times read while converting wire records.
#[derive(Default)]
struct Reader {
    notes: Notes,
    seen: Option<Span>,
}

impl Reader {
    /// Reads a record's time; `None` (with an issue naming `what` was skipped) when unusable.
    fn time(&mut self, path: String, value: Option<&Value>, what: &str) -> Option<TimeMs> {
        let Some(value) = value else {
            self.notes.missing(path, Then::Skipped(what));
            return None;
        };
        let Some(read) = read_time_value(value) else {
            self.notes.not_a_time(path, value, Then::Skipped(what));
            return None;
        };
        if read.ms < YEAR_2_MS {
            self.notes.note(path, format!("zero time; {}", Then::Skipped(what)));
            return None;
        }
        if read.assumed_utc {
            // Gatus writes every time alike: one report per file.
            self.notes.zoneless_once(path, value.as_str().unwrap_or_default());
        }
        let span = self.seen.map_or(Span::new(read.ms, read.ms), |s| {
            Span::new(s.start_ms.min(read.ms), s.end_ms.max(read.ms))
        });
        self.seen = Some(span);
        Some(read.ms)
    }

    fn endpoint(&mut self, snapshot: &mut Snapshot, i: usize, prefix: &str, record: Value) {
        let status: wire::EndpointStatus = match serde_json::from_value(record) {
            Ok(status) => status,
            Err(e) => {
                let path = if prefix.is_empty() { "$".to_owned() } else { prefix.to_owned() };
                self.notes.unreadable(path, "a Gatus endpoint status", e);
                return;
            }
        };
        let non_empty = |text: Option<String>| text.filter(|t| !t.trim().is_empty());
        let name = non_empty(status.name);
        let id = non_empty(status.key).or_else(|| name.clone()).unwrap_or_else(|| format!("endpoint-{i}"));
        if snapshot.service(&id).is_some() {
            self.notes.duplicate_id(field(prefix, "key"), &id, None);
            return;
        }
        let name = name.unwrap_or_else(|| id.clone());
        snapshot.services.push(Service {
            id: id.clone(),
            name: name.clone(),
            group: non_empty(status.group),
            regions: Vec::new(),
            tags: Vec::new(),
            slo: None,
            coverage: None,
        });
        if let Some(series) = self.results(prefix, &id, status.results.unwrap_or_default()) {
            snapshot.series.push(series);
        }
        self.events(snapshot, prefix, &id, &name, status.events.unwrap_or_default());
    }

    /// The endpoint's results as one irregular series; `None` when no result is usable.
    fn results(&mut self, prefix: &str, id: &str, results: Vec<Value>) -> Option<Series> {
        let list = field(prefix, "results");
        // (time, up-ratio, latency) per usable result.
        let mut points: Vec<(TimeMs, f32, Option<f32>)> = Vec::with_capacity(results.len());
        for (j, raw) in results.into_iter().enumerate() {
            let path = format!("{list}[{j}]");
            let result: wire::CheckResult = match serde_json::from_value(raw) {
                Ok(result) => result,
                Err(e) => {
                    self.notes.unreadable(path, "a Gatus check result", e);
                    continue;
                }
            };
            let Some(t_ms) = self.time(format!("{path}.timestamp"), result.timestamp.as_ref(), "sample")
            else {
                continue;
            };
            let up_ratio = match result.success {
                Some(true) => 1.0,
                Some(false) => 0.0,
                None => {
                    self.notes.missing(format!("{path}.success"), Then::ReadAs("no data"));
                    f32::NAN
                }
            };
            let latency_ms = match result.duration {
                Some(ns) if ns.is_finite() && ns >= 0.0 => Some((ns / 1e6) as f32),
                Some(ns) => {
                    self.notes.out_of_range(
                        format!("{path}.duration"),
                        format!("{ns} ns"),
                        "0..",
                        Then::ReadAs("unknown latency"),
                    );
                    Some(f32::NAN)
                }
                None => None,
            };
            points.push((t_ms, up_ratio, latency_ms));
        }
        if points.is_empty() {
            return None;
        }
        if points.windows(2).any(|w| matches!(w, [a, b] if a.0 > b.0)) {
            self.notes.not_in_time_order(list);
            crate::model::sort_by_time(&mut points, |p| p.0);
        }
        let latency_ms = if points.iter().any(|p| p.2.is_some()) {
            points.iter().map(|p| p.2.unwrap_or(f32::NAN)).collect()
        } else {
            Vec::new()
        };
        let samples = Samples::Irregular {
            times_ms: points.iter().map(|p| p.0).collect(),
            up_ratio: points.iter().map(|p| p.1).collect(),
        };
        Some(Series { service: id.to_owned(), region: None, samples, latency_ms })
    }

    /// Pairs UNHEALTHY…HEALTHY events into incidents.
    fn events(&mut self, snapshot: &mut Snapshot, prefix: &str, id: &str, name: &str, events: Vec<Value>) {
        let list = field(prefix, "events");
        let mut read: Vec<(TimeMs, String)> = Vec::with_capacity(events.len());
        for (j, raw) in events.into_iter().enumerate() {
            let path = format!("{list}[{j}]");
            let event: wire::Event = match serde_json::from_value(raw) {
                Ok(event) => event,
                Err(e) => {
                    self.notes.unreadable(path, "a Gatus event", e);
                    continue;
                }
            };
            if !matches!(event.kind.as_str(), "START" | "HEALTHY" | "UNHEALTHY") {
                self.notes.unknown(format!("{path}.type"), "event type", &event.kind, Then::Ignored);
                continue;
            }
            if let Some(t_ms) = self.time(format!("{path}.timestamp"), event.timestamp.as_ref(), "event") {
                read.push((t_ms, event.kind));
            }
        }
        if read.windows(2).any(|w| matches!(w, [a, b] if a.0 > b.0)) {
            self.notes.not_in_time_order(list);
            crate::model::sort_by_time(&mut read, |e| e.0);
        }
        let mut open: Option<TimeMs> = None;
        for (t_ms, kind) in read {
            match (kind.as_str(), open) {
                ("UNHEALTHY", None) => open = Some(t_ms),
                ("HEALTHY", Some(start_ms)) => {
                    snapshot.incidents.push(incident(id, name, start_ms, Some(t_ms)));
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(start_ms) = open {
            snapshot.incidents.push(incident(id, name, start_ms, None));
        }
    }
}

fn incident(id: &str, name: &str, start_ms: TimeMs, end_ms: Option<TimeMs>) -> Incident {
    let unhealthy = IncidentStatus::Other("UNHEALTHY".into());
    let mut updates = vec![IncidentUpdate {
        at_ms: start_ms,
        status: unhealthy.clone(),
        text: "Gatus reported the endpoint unhealthy".into(),
        impact: None,
    }];
    if let Some(at_ms) = end_ms {
        updates.push(IncidentUpdate {
            at_ms,
            status: IncidentStatus::Resolved,
            text: "Gatus reported the endpoint healthy again".into(),
            impact: None,
        });
    }
    Incident {
        id: format!("{id}-{start_ms}"),
        title: format!("{name} unhealthy"),
        impact: Level::Major,
        source_impact: Some("UNHEALTHY".into()),
        status: if end_ms.is_some() { IncidentStatus::Resolved } else { unhealthy },
        origin: Origin::Unknown,
        services: vec![id.to_owned()],
        regions: Vec::new(),
        start_ms,
        end_ms,
        updates,
        links: Vec::new(),
    }
}
