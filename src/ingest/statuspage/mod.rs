//! Atlassian Statuspage v2 (`https://<page>/api/v2/*.json`) and the Statuspage-compatible feeds of
//! incident.io and Instatus.
//!
//! # Inputs
//! - `summary.json`: `{page, components, incidents, scheduled_maintenances, status}`; incident.io
//!   leaves out `incidents` and `scheduled_maintenances` and uses ULID ids.
//! - `incidents.json` and `incidents/unresolved.json`: `{page, incidents}` or a bare array.
//! - `components.json`: `{page, components}` or a bare array.
//! - `scheduled-maintenances.json`: `{page, scheduled_maintenances}`.
//! - one incident: `{page, incident}` (as archived by GitHub-Incident-History).
//! - `status.json` (`{page, status}`): a page with no services.
//!
//! Keys may come in any order and unknown keys are ignored. A record that cannot be read is an
//! [`Issue`] and is skipped; the file fails only when it is not JSON, is none of the shapes above,
//! or has no time at all to date it.
//!
//! # Mapping
//! - Services are the components (see `catalogue` for names and groups). A group component is not
//!   a service: its name becomes the `group` of its members. Components that incidents name but the
//!   file does not list become services named as the incident names them (or by id). No regions.
//! - A component's current `status` is not kept: the model has no current level per service, and
//!   a component that is not operational without an open incident naming it does not get an
//!   invented incident. What a service's level is comes only from incidents and maintenances.
//! - Incident `impact` → level: `none` and `minor` → Degraded, `major` → Partial, `critical` →
//!   Major (`maintenance` → Maintenance); the word is kept in `source_impact`. Statuspage's own
//!   uptime bars draw `minor` as a light disruption and `critical` as the full outage, with `major`
//!   between; `none` still marks a posted incident, so it is the mildest non-ok level rather than
//!   ok (Degraded does not count as downtime with the default weights). An unknown word is Degraded
//!   with an issue.
//! - Incident start: `started_at`, else `created_at` (the old schema has no `started_at`). End:
//!   `resolved_at`, `None` while open; a `resolved_at` before the start is clamped to the start
//!   with an issue; a closed incident (`resolved`, `postmortem`) without `resolved_at` ends at
//!   its closing update, with an issue.
//! - Updates: `display_at` (else `created_at`) → time, `status`, `body` → text exactly as written
//!   (often HTML: shown as text, never interpreted), in time order. An update whose
//!   `affected_components` set statuses changes the incident's level from then on to the worst
//!   status of every component the updates have set so far (`major_outage` → Major,
//!   `partial_outage` → Partial, `degraded_performance` → Degraded, `operational` → Ok,
//!   `under_maintenance` → Maintenance): a component keeps its last status until an update sets
//!   it again, so an update that lists only the components it changes does not clear the others.
//! - Affected services: the incident's `components`, then those its updates name. A reference is
//!   matched by its `id`, else its `code` (archives of scraped pages write `{code, name}`), else
//!   its name; one that matches no component is an issue, never dropped in silence (Statuspage's
//!   placeholder *No components were affected by this update.* excepted).
//! - Links: `shortlink` when it is http(s). Origin: Statuspage does not say; always unknown.
//! - Maintenances (records in `scheduled_maintenances`, or any record with `scheduled_for`):
//!   the window `scheduled_for..scheduled_until`. `started_at` is when the maintenance was
//!   announced, often a day or more before the window, and is never used as the start.
//! - Title: `page.name`. As-of: `page.updated_at`, else the latest recorded time in the file
//!   (planned maintenance windows excluded). Times with offsets are converted to UTC.
//! - Coverage: Statuspage lists the most recent records, so a list of incidents with a resolved
//!   one covers from its earliest incident or maintenance start to as-of. Every list covers the
//!   last millisecond before as-of (the instant the current level is read at: a summary describes
//!   the page at that moment), and a list without a resolved incident only that instant:
//!   `summary.json` and `unresolved.json` list only open incidents and a maintenance list no
//!   incidents at all, so they say nothing of the time between their records, which stays
//!   unknown rather than operational. A single incident covers only its own span.

mod catalogue;
mod records;
mod wire;

use serde_json::{Map, Value};

use self::catalogue::{Catalogue, NameSource};
use self::records::{component_level, is_maintenance, note_components, read_incident, read_maintenance};
use self::wire::{WireComponent, WireIncident, WirePage};
use super::fields::Object;
use super::time::read_time_value;
use super::{Document, Format, IngestError, Issue, Notes, Parsed, SeenIds, Then};
use crate::model::{Snapshot, Span, TimeMs};

/// Collects issues and the latest recorded time while records are read.
#[derive(Default)]
struct Reader {
    notes: Notes,
    /// The first time without a zone (its path and text), and how many there were: reported
    /// once, after every record, so that a page that writes all its times so gets one issue.
    zoneless: Option<(String, String, usize)>,
    latest_ms: Option<TimeMs>,
}

impl Reader {
    /// A time; `None` when absent or null, or (with an issue) unreadable.
    fn time(&mut self, path: &str, value: Option<&Value>) -> Option<TimeMs> {
        let value = value.filter(|v| !v.is_null())?;
        let Some(read) = read_time_value(value) else {
            self.notes.not_a_time(path, value, Then::Ignored);
            return None;
        };
        if read.assumed_utc {
            match &mut self.zoneless {
                Some((_, _, count)) => *count += 1,
                None => {
                    let text = value.as_str().unwrap_or_default().to_owned();
                    self.zoneless = Some((path.to_owned(), text, 1));
                }
            }
        }
        Some(read.ms)
    }

    /// A time something happened or was recorded: it counts towards the file's latest time.
    fn observed(&mut self, path: &str, value: Option<&Value>) -> Option<TimeMs> {
        let ms = self.time(path, value)?;
        self.latest_ms = Some(self.latest_ms.map_or(ms, |latest| latest.max(ms)));
        Some(ms)
    }

    /// A planned time (a maintenance window): it may lie ahead, so it does not date the file.
    fn planned(&mut self, path: &str, value: Option<&Value>) -> Option<TimeMs> {
        self.time(path, value)
    }

    fn into_issues(mut self) -> Vec<Issue> {
        if let Some((path, text, count)) = self.zoneless.take() {
            self.notes.zoneless_counted(path, &text, count);
        }
        self.notes.into_issues()
    }
}

/// Whether an object looks like a Statuspage incident or maintenance.
fn looks_like_incident(record: &Map<String, Value>) -> bool {
    record.get("incident_updates").is_some_and(Value::is_array)
        || record.get("scheduled_for").is_some()
        || (record.get("impact").is_some_and(Value::is_string)
            && ["started_at", "created_at", "resolved_at"].iter().any(|k| record.contains_key(*k)))
}

/// Whether an object looks like a Statuspage component.
fn looks_like_component(record: &Map<String, Value>) -> bool {
    record.get("id").is_some_and(Value::is_string)
        && record.get("name").is_some_and(Value::is_string)
        && record.get("status").and_then(Value::as_str).and_then(component_level).is_some()
}

/// An object with a `page` and something Statuspage serves with it, or an array of incidents or
/// components.
pub fn detect(doc: &Document) -> bool {
    match &doc.json {
        Some(Value::Object(map)) => {
            let is_array = |key: &str| map.get(key).is_some_and(Value::is_array);
            map.get("page").is_some_and(Value::is_object)
                && (is_array("components")
                    || is_array("incidents")
                    || is_array("scheduled_maintenances")
                    || map.get("incident").is_some_and(Value::is_object)
                    || map.get("status").and_then(|s| s.get("indicator")).is_some())
        }
        Some(Value::Array(items)) => items
            .iter()
            .find_map(Value::as_object)
            .is_some_and(|first| looks_like_incident(first) || looks_like_component(first)),
        _ => false,
    }
}

/// The records of a file, each with its JSON path, before they are read.
#[derive(Default)]
struct Input {
    page: Option<Value>,
    components: Vec<(String, Value)>,
    /// (path, record, listed as a maintenance)
    records: Vec<(String, Value, bool)>,
    /// The file is one incident (`{page, incident}`).
    single: bool,
}

const EXPECTED: &str = "expected a Statuspage v2 document: an object with \"page\" and \"components\", \
     \"incidents\", \"scheduled_maintenances\", \"incident\" or \"status\", or an array of incidents or \
     components";

fn split(json: Value) -> Result<Input, IngestError> {
    let mut input = Input::default();
    match json {
        Value::Object(mut map) => {
            let mut recognised = false;
            input.page = map.remove("page").filter(Value::is_object);
            let mut list = |key: &str| match map.remove(key) {
                Some(Value::Array(items)) => {
                    recognised = true;
                    items.into_iter().enumerate().map(|(i, v)| (format!("{key}[{i}]"), v)).collect()
                }
                _ => Vec::new(),
            };
            input.components = list("components");
            let incidents = list("incidents");
            let maintenances = list("scheduled_maintenances");
            input.records.extend(incidents.into_iter().map(|(path, v)| (path, v, false)));
            input.records.extend(maintenances.into_iter().map(|(path, v)| (path, v, true)));
            if let Some(incident) = map.remove("incident").filter(Value::is_object) {
                input.records.push(("incident".into(), incident, false));
                input.single = true;
                recognised = true;
            }
            recognised |= input.page.is_some() && map.get("status").is_some_and(Value::is_object);
            if !recognised {
                return Err(IngestError::UnknownFormat(EXPECTED.into()));
            }
        }
        Value::Array(items) => {
            let mut unsure: Vec<(String, Value)> = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let path = format!("[{i}]");
                match item.as_object() {
                    Some(record) if looks_like_incident(record) => input.records.push((path, item, false)),
                    Some(record) if looks_like_component(record) => input.components.push((path, item)),
                    _ => unsure.push((path, item)),
                }
            }
            // An element that looks like neither is read as the kind the array holds, so that
            // its problem is reported in those terms.
            match (input.records.is_empty(), input.components.is_empty()) {
                (true, true) => return Err(IngestError::UnknownFormat(EXPECTED.into())),
                (true, false) => input.components.extend(unsure),
                (false, _) => input.records.extend(unsure.into_iter().map(|(path, v)| (path, v, false))),
            }
        }
        _ => return Err(IngestError::UnknownFormat(EXPECTED.into())),
    }
    Ok(input)
}

/// Reads one record with `read`, field by field; `None` with an issue when it is not an object.
fn record<T>(
    reader: &mut Reader,
    path: &str,
    what: &str,
    value: &Value,
    read: fn(&mut Notes, &Object) -> T,
) -> Option<T> {
    if !value.is_object() {
        reader.notes.unreadable(path, &format!("a Statuspage {what}"), "not an object");
        return None;
    }
    Some(read(&mut reader.notes, &Object { value, path }))
}

/// Reads a Statuspage v2 document (see the module documentation).
pub fn parse(doc: Document) -> Result<Parsed, IngestError> {
    let json = match doc.json {
        Some(json) => json,
        None => {
            return Err(match serde_json::from_str::<Value>(doc.text) {
                Err(error) => IngestError::from_json(&error),
                Ok(_) => IngestError::UnknownFormat(EXPECTED.into()),
            })
        }
    };
    let input = split(json)?;
    let mut reader = Reader::default();
    let page: WirePage = match input.page {
        Some(page) => record(&mut reader, "page", "page", &page, WirePage::read).unwrap_or_default(),
        None => WirePage::default(),
    };
    let page_updated_ms = reader.time("page.updated_at", page.updated_at.as_ref());

    let mut catalogue = Catalogue::default();
    for (path, value) in input.components {
        let Some(component) = record(&mut reader, &path, "component", &value, WireComponent::read) else {
            continue;
        };
        reader.observed(&format!("{path}.created_at"), component.created_at.as_ref());
        reader.observed(&format!("{path}.updated_at"), component.updated_at.as_ref());
        if catalogue.add_component(&component, NameSource::Listed).is_none() {
            reader.notes.missing(format!("{path}.id"), Then::Skipped("component"));
        }
    }
    let mut wires: Vec<(String, WireIncident, bool)> = Vec::new();
    for (path, value, from_maintenance_list) in input.records {
        let what = if from_maintenance_list { "scheduled maintenance" } else { "incident" };
        if let Some(wire) = record(&mut reader, &path, what, &value, WireIncident::read) {
            note_components(&mut catalogue, &wire);
            wires.push((path, wire, from_maintenance_list));
        }
    }

    let mut snapshot = Snapshot { title: page.name.or(page.url).unwrap_or_default(), ..Snapshot::default() };
    let (mut incident_ids, mut maintenance_ids) = (SeenIds::default(), SeenIds::default());
    for (path, wire, from_maintenance_list) in wires {
        if is_maintenance(&wire, from_maintenance_list) {
            let Some(m) = read_maintenance(&mut reader, &mut catalogue, &path, wire) else { continue };
            if maintenance_ids.has(&m.id) {
                reader.notes.duplicate_id(format!("{path}.id"), &m.id, None);
                continue;
            }
            maintenance_ids.add(&m.id);
            snapshot.maintenances.push(m);
        } else {
            let Some(incident) = read_incident(&mut reader, &mut catalogue, &path, wire) else { continue };
            if incident_ids.has(&incident.id) {
                reader.notes.duplicate_id(format!("{path}.id"), &incident.id, None);
                continue;
            }
            incident_ids.add(&incident.id);
            snapshot.incidents.push(incident);
        }
    }
    crate::model::sort_by_time(&mut snapshot.incidents, |i| i.start_ms);
    crate::model::sort_by_time(&mut snapshot.maintenances, |m| m.span.start_ms);
    snapshot.services = catalogue.into_services();

    let Some(as_of_ms) = page_updated_ms.or(reader.latest_ms) else {
        return Err(IngestError::Invalid {
            path: "page.updated_at".into(),
            message: "missing, and the file has no other time to date it".into(),
        });
    };
    snapshot.as_of_ms = as_of_ms;
    snapshot.coverage = if input.single {
        match (snapshot.incidents.first(), snapshot.maintenances.first()) {
            (Some(incident), _) => incident.span(as_of_ms),
            (None, Some(maintenance)) => maintenance.span,
            (None, None) => Span::default(),
        }
    } else {
        // Only a list with a resolved incident is a history; `summary.json`, `unresolved.json`
        // and maintenance lists say nothing of the time between their records.
        let history = snapshot.incidents.iter().any(|i| i.end_ms.is_some());
        let starts = snapshot.incidents.iter().map(|i| i.start_ms);
        let earliest = starts.chain(snapshot.maintenances.iter().map(|m| m.span.start_ms)).min();
        let last_instant = as_of_ms.saturating_sub(1);
        let start = earliest.filter(|_| history).map_or(last_instant, |e| e.min(last_instant));
        Span::new(start, as_of_ms)
    }
    .into();
    Ok(Parsed {
        snapshot,
        format: Format::Statuspage,
        issues: reader.into_issues(),
        history_months: Vec::new(),
    })
}
