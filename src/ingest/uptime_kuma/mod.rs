//! Uptime Kuma status-page importer. Reads either file of a status page, or both merged into one
//! object: the config `/api/status-page/<slug>` (`config`, `incident`, `publicGroupList`,
//! `maintenanceList`) and the heartbeats `/api/status-page/heartbeat/<slug>` (`heartbeatList`,
//! `uptimeList`).
//!
//! - **Services**: from the config, one per monitor of `publicGroupList[].monitorList[]`: id = the
//!   monitor id as a string, name, group = the group's name, tags `name` or `name:value`. Monitors
//!   that only the heartbeat file knows are named `Monitor <id>` (with an issue when a config was
//!   given, since the page does not list them).
//! - **Series**: one `Samples::Irregular` series per monitor of `heartbeatList`, latency from
//!   `ping` (UP beats only: Kuma itself ignores the ping of other beats; empty when no beat has
//!   one). Status mapping, following how Kuma computes its own uptime:
//!
//!   | `status`          | up-ratio | why                                               |
//!   |-------------------|----------|---------------------------------------------------|
//!   | 1 UP              | 1        |                                                   |
//!   | 0 DOWN            | 0        |                                                   |
//!   | 2 PENDING         | 0        | a failed check within retries; Kuma counts it down |
//!   | 3 MAINTENANCE     | NaN      | Kuma leaves maintenance out of uptime              |
//!   | other, missing    | NaN      | with an issue                                     |
//!
//!   A bare `0` in a beat list is Kuma's empty bucket (no data) and is skipped silently.
//!   `uptimeList` is an aggregate over Kuma's own window and is not read.
//! - **Incidents**: the pinned `incident` (or each of `incidents`): id, title, one update with
//!   the content; start = `createdDate`; open while `active` (the API only serves active pinned
//!   incidents), else ended at `lastUpdatedDate`. Kuma's banner belongs to the page, not to
//!   monitors, so it names no service (it never changes a monitor's level). Level mapping of the
//!   banner `style` (kept as `source_impact`): `danger` → Major, `warning` → Degraded, `info`,
//!   `primary`, `light`, `dark` → Ok (a notice), other or missing → Unknown with an issue.
//!   `maintenanceList` entries are not imported (the page does not say which monitors they
//!   cover): one issue counts them.
//! - **Times** have no zone in Kuma 1.x and are UTC: one issue per file, at the first such time,
//!   counting them all (`"2023-01-05 10:00:00" has no time zone; read as UTC (7 times without a
//!   zone in the file)`).
//! - **Snapshot**: title = `config.title`, else "Uptime Kuma status page"; `as_of` = the latest
//!   heartbeat, else the latest incident time; `coverage` = the earliest to the latest heartbeat
//!   of any monitor (empty at `as_of` without heartbeats); with no time at all, `as_of` 0 and an
//!   issue.
//! - Records are read field by field ([`Object`]): a field of the wrong type is an issue and
//!   absent (a heartbeat whose `status` is not a whole number is skipped), and a record that is
//!   not an object is an issue and skipped. Other fields (`type`, `url`, `msg`, …) are not read.

#[cfg(test)]
mod tests;

use serde_json::Value;

use super::fields::Object;
use super::time::read_time_value;
use super::{Document, Format, IngestError, Notes, Parsed, Then, MAX_SAMPLES};
use crate::model::{
    sort_with, Incident, IncidentStatus, IncidentUpdate, Level, Origin, Samples, Series, Service, Snapshot,
    Span, TimeMs,
};

/// Whether `doc` is a Kuma status page file: a `heartbeatList` object, or `config` with a
/// `publicGroupList`.
pub fn detect(doc: &Document) -> bool {
    let Some(object) = doc.json.as_ref().and_then(Value::as_object) else { return false };
    object.get("heartbeatList").is_some_and(Value::is_object)
        || (object.get("config").is_some_and(Value::is_object)
            && object.get("publicGroupList").is_some_and(Value::is_array))
}

/// Reads a status page config, heartbeat list, or both. Fatal only when it is not an object.
pub fn parse(doc: Document) -> Result<Parsed, IngestError> {
    let json = match doc.json {
        Some(json) => json,
        None => serde_json::from_str(doc.text).map_err(|e| IngestError::from_json(&e))?,
    };
    let not_page = |message: String| IngestError::Invalid { path: "$".into(), message };
    let Value::Object(mut page) = json else {
        return Err(not_page("expected an Uptime Kuma status page object".into()));
    };
    let heartbeat_list = page.remove("heartbeatList");
    let beats: usize = match &heartbeat_list {
        Some(Value::Object(map)) => map.values().map(|v| v.as_array().map_or(0, Vec::len)).sum(),
        _ => 0,
    };
    if beats > MAX_SAMPLES {
        return Err(IngestError::TooMany { what: "samples", count: beats, limit: MAX_SAMPLES });
    }
    let mut reader = Reader::default();
    let title = page
        .get("config")
        .and_then(|c| c.get("title"))
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .map(str::to_owned);
    let mut snapshot =
        Snapshot { title: title.unwrap_or_else(|| "Uptime Kuma status page".into()), ..Snapshot::default() };
    if let Some(groups) = page.get("publicGroupList") {
        reader.groups(&mut snapshot, groups);
    }
    let has_config = !snapshot.services.is_empty();
    match page.get("incident") {
        Some(Value::Null) | None => {}
        Some(raw) => snapshot.incidents.extend(reader.incident("incident".into(), raw)),
    }
    match page.get("incidents") {
        Some(Value::Array(items)) => {
            for (i, raw) in items.iter().enumerate() {
                snapshot.incidents.extend(reader.incident(format!("incidents[{i}]"), raw));
            }
        }
        Some(Value::Null) | None => {}
        Some(_) => reader.notes.wrong_type("incidents", "a list", Then::Ignored),
    }
    crate::model::sort_by_time(&mut snapshot.incidents, |i| i.start_ms);
    match page.get("maintenanceList") {
        Some(Value::Array(items)) if !items.is_empty() => reader.notes.note(
            "maintenanceList",
            format!(
                "{} maintenance windows not imported: the page does not say which monitors they cover",
                items.len()
            ),
        ),
        _ => {}
    }
    match heartbeat_list {
        Some(Value::Object(map)) => {
            let mut lists: Vec<(String, Value)> = map.into_iter().collect();
            // Numeric ids in numeric order ("2" before "10"), then any others.
            sort_with(&mut lists, |(a, _), (b, _)| monitor_order(a).cmp(&monitor_order(b)));
            for (id, list) in lists {
                reader.heartbeats(&mut snapshot, has_config, &id, list);
            }
        }
        Some(Value::Null) | None => {}
        Some(_) => reader.notes.wrong_type("heartbeatList", "an object", Then::Ignored),
    }
    let beats_span = snapshot
        .series
        .iter()
        .map(|s| s.samples.span())
        .reduce(|a, b| Span::new(a.start_ms.min(b.start_ms), a.end_ms.max(b.end_ms)));
    let incident_times = snapshot
        .incidents
        .iter()
        .flat_map(|i| std::iter::once(i.start_ms).chain(i.end_ms).chain(i.updates.iter().map(|u| u.at_ms)));
    let as_of_ms = beats_span.map(|s| s.end_ms).or_else(|| incident_times.max());
    if as_of_ms.is_none() {
        reader.notes.no_timestamps("$");
    }
    snapshot.as_of_ms = as_of_ms.unwrap_or(0);
    snapshot.coverage = beats_span.map(Into::into).unwrap_or_default();
    Ok(Parsed {
        snapshot,
        format: Format::UptimeKuma,
        issues: reader.notes.into_issues(),
        history_months: Vec::new(),
    })
}

/// A monitor or incident id: a number or a non-empty string.
fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// Collects issues while converting wire records.
#[derive(Default)]
struct Reader {
    notes: Notes,
}

impl Reader {
    /// Reads a time; `None` (with an issue naming `what` was skipped) when unusable.
    fn time(&mut self, path: String, value: Option<&Value>, what: &str) -> Option<TimeMs> {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            self.notes.missing(path, Then::Skipped(what));
            return None;
        };
        let Some(read) = read_time_value(value) else {
            self.notes.not_a_time(path, value, Then::Skipped(what));
            return None;
        };
        if read.assumed_utc {
            // Kuma 1.x writes every time without a zone: one report per file.
            self.notes.zoneless_once(path, value.as_str().unwrap_or_default());
        }
        Some(read.ms)
    }

    fn groups(&mut self, snapshot: &mut Snapshot, groups: &Value) {
        let Value::Array(groups) = groups else {
            self.notes.wrong_type("publicGroupList", "a list", Then::Ignored);
            return;
        };
        for (g, raw) in groups.iter().enumerate() {
            let path = format!("publicGroupList[{g}]");
            let Some(group) = self.object(&path, raw, "group") else { continue };
            let group_name = group.text(&mut self.notes, "name").filter(|n| !n.trim().is_empty());
            for (m, raw) in group.list(&mut self.notes, "monitorList").iter().enumerate() {
                let path = format!("{path}.monitorList[{m}]");
                let Some(monitor) = self.object(&path, raw, "monitor") else { continue };
                let Some(id) = id_text(monitor.get("id").unwrap_or(&Value::Null)) else {
                    self.notes.wrong_type(
                        format!("{path}.id"),
                        "a number or string",
                        Then::Skipped("monitor"),
                    );
                    continue;
                };
                if snapshot.service(&id).is_some() {
                    self.notes.duplicate_id(format!("{path}.id"), &id, None);
                    continue;
                }
                let mut tags = Vec::new();
                for (k, tag) in monitor.list(&mut self.notes, "tags").iter().enumerate() {
                    let tag_path = format!("{path}.tags[{k}]");
                    let tag = Object { value: tag, path: &tag_path };
                    let value = tag.text(&mut self.notes, "value").filter(|v| !v.is_empty());
                    match (tag.text(&mut self.notes, "name"), value) {
                        (Some(name), Some(value)) => tags.push(format!("{name}:{value}")),
                        (Some(name), None) => tags.push(name),
                        (None, _) => {}
                    }
                }
                let name = monitor.text(&mut self.notes, "name").filter(|n| !n.trim().is_empty());
                snapshot.services.push(Service {
                    name: name.unwrap_or_else(|| format!("Monitor {id}")),
                    id,
                    group: group_name.clone(),
                    regions: Vec::new(),
                    tags,
                    slo: None,
                    coverage: None,
                });
            }
        }
    }

    /// `raw` at `path` as an object to read field by field; `None` with an issue naming it an
    /// Uptime Kuma `what` when it is not one.
    fn object<'a>(&mut self, path: &'a str, raw: &'a Value, what: &str) -> Option<Object<'a>> {
        if raw.is_object() {
            Some(Object { value: raw, path })
        } else {
            self.notes.unreadable(path.to_string(), &format!("an Uptime Kuma {what}"), "not an object");
            None
        }
    }

    fn incident(&mut self, path: String, raw: &Value) -> Option<Incident> {
        let wire = self.object(&path, raw, "incident")?;
        let start_ms = self.time(format!("{path}.createdDate"), wire.get("createdDate"), "incident")?;
        let updated_ms = match wire.get("lastUpdatedDate") {
            Some(value) => self.time(format!("{path}.lastUpdatedDate"), Some(value), "update time"),
            None => None,
        };
        let updated_ms = match updated_ms.filter(|t| *t < start_ms) {
            Some(updated) => {
                self.notes.end_clamped(format!("{path}.lastUpdatedDate"), updated, start_ms);
                Some(start_ms)
            }
            None => updated_ms,
        };
        let active = wire.flag(&mut self.notes, "active") != Some(false);
        let style = wire.text(&mut self.notes, "style");
        let end_ms = match (active, updated_ms) {
            (true, _) => None,
            (false, Some(end_ms)) => Some(end_ms),
            (false, None) => {
                self.notes.closed_without_end(format!("{path}.lastUpdatedDate"), "its start", start_ms);
                Some(start_ms)
            }
        };
        let impact = match style.as_deref() {
            Some("danger") => Level::Major,
            Some("warning") => Level::Degraded,
            Some("info" | "primary" | "light" | "dark") => Level::Ok,
            other => {
                let path = format!("{path}.style");
                match other {
                    Some(style) => self.notes.unknown(path, "style", style, Then::ReadAs("unknown")),
                    None => self.notes.missing(path, Then::ReadAs("unknown")),
                }
                Level::Unknown
            }
        };
        let status = if active { IncidentStatus::Other("active".into()) } else { IncidentStatus::Resolved };
        let id =
            id_text(wire.get("id").unwrap_or(&Value::Null)).unwrap_or_else(|| format!("incident-{start_ms}"));
        let title = wire.text(&mut self.notes, "title").filter(|t| !t.trim().is_empty());
        let title = title.unwrap_or_else(|| "Incident".into());
        Some(Incident {
            id,
            title,
            impact,
            source_impact: style,
            status: status.clone(),
            origin: Origin::Unknown,
            services: Vec::new(),
            regions: Vec::new(),
            start_ms,
            end_ms,
            updates: vec![IncidentUpdate {
                at_ms: updated_ms.unwrap_or(start_ms),
                status,
                text: wire.text(&mut self.notes, "content").unwrap_or_default(),
                impact: None,
            }],
            links: Vec::new(),
        })
    }

    /// One monitor's beats as an irregular series (none when no beat is usable).
    fn heartbeats(&mut self, snapshot: &mut Snapshot, has_config: bool, id: &str, list: Value) {
        let path = format!("heartbeatList.{id}");
        if snapshot.service(id).is_none() {
            if has_config {
                self.notes.note(
                    path.clone(),
                    format!("monitor {id} is not on the status page; named \"Monitor {id}\""),
                );
            }
            snapshot.services.push(Service {
                id: id.into(),
                name: format!("Monitor {id}"),
                group: None,
                regions: Vec::new(),
                tags: Vec::new(),
                slo: None,
                coverage: None,
            });
        }
        let Value::Array(beats) = list else {
            self.notes.wrong_type(path, "a list", Then::ReadAs("no samples"));
            return;
        };
        // (time, up-ratio, latency) per usable beat.
        let mut points: Vec<(TimeMs, f32, f32)> = Vec::with_capacity(beats.len());
        for (j, raw) in beats.into_iter().enumerate() {
            let path = format!("{path}[{j}]");
            if raw.as_i64() == Some(0) {
                continue; // Kuma's empty bucket: no data.
            }
            let Some(beat) = self.object(&path, &raw, "heartbeat") else { continue };
            let status = match beat.get("status") {
                Some(value) => match value.as_i64() {
                    Some(status) => Some(status),
                    None => {
                        self.notes.wrong_type(beat.at("status"), "a whole number", Then::Skipped("beat"));
                        continue;
                    }
                },
                None => None,
            };
            let Some(t_ms) = self.time(format!("{path}.time"), beat.get("time"), "beat") else { continue };
            let up_ratio = match status {
                Some(1) => 1.0,
                Some(0 | 2) => 0.0,
                Some(3) => f32::NAN,
                Some(other) => {
                    self.notes.unknown(format!("{path}.status"), "status", &other, Then::ReadAs("no data"));
                    f32::NAN
                }
                None => {
                    self.notes.missing(format!("{path}.status"), Then::ReadAs("no data"));
                    f32::NAN
                }
            };
            let ping = beat.get("ping").and_then(|ping| {
                let ms = ping.as_f64();
                if ms.is_none() {
                    self.notes.wrong_type(beat.at("ping"), "a number", Then::Ignored);
                }
                ms
            });
            let latency_ms = match (status, ping) {
                (Some(1), Some(ping)) if ping.is_finite() && ping >= 0.0 => ping as f32,
                _ => f32::NAN,
            };
            points.push((t_ms, up_ratio, latency_ms));
        }
        if points.is_empty() {
            return;
        }
        if points.windows(2).any(|w| matches!(w, [a, b] if a.0 > b.0)) {
            self.notes.not_in_time_order(path);
            crate::model::sort_by_time(&mut points, |p| p.0);
        }
        let latency_ms = if points.iter().any(|p| !p.2.is_nan()) {
            points.iter().map(|p| p.2).collect()
        } else {
            Vec::new()
        };
        let samples = Samples::Irregular {
            times_ms: points.iter().map(|p| p.0).collect(),
            up_ratio: points.iter().map(|p| p.1).collect(),
        };
        snapshot.series.push(Series { service: id.into(), region: None, samples, latency_ms });
    }
}

/// Where monitor `id` goes: numeric ids in numeric order ("2" before "10"), then any others.
fn monitor_order(id: &str) -> (bool, u64, &str) {
    let number = id.parse::<u64>();
    (number.is_err(), number.unwrap_or(0), id)
}
