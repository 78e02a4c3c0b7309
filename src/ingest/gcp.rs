//! Google Cloud status `incidents.json` (<https://status.cloud.google.com/incidents.json>): an array
//! of incidents `{id, number, begin, created, end, modified, external_desc, updates: [{created,
//! modified, when, text, status, affected_locations}], most_recent_update, status_impact, severity,
//! service_key, service_name, affected_products: [{title, id}], uri, currently_affected_locations,
//! previously_affected_locations}`, newest first. Times are RFC 3339 with an offset.
//!
//! - Incident: id = `id`, title = `external_desc`, span = `begin`..`end` (`end` absent: open),
//!   origin unknown (the feed does not say), link = `https://status.cloud.google.com/` + `uri` when
//!   `uri` is relative. Status: resolved when there is an `end`, otherwise investigating (the feed
//!   has no lifecycle words).
//! - Level: `SERVICE_OUTAGE` → major, `SERVICE_DISRUPTION` → partial, `SERVICE_INFORMATION` →
//!   degraded; without a known `status_impact`, `severity` high → major, medium → partial, low →
//!   degraded. `source_impact` keeps `status_impact/severity` as written. The incident's starting
//!   level is its earliest update's when that update names one (an incident that escalated starts
//!   lower than its final `status_impact`), else the incident's.
//! - Updates (`when`, else `created`), sorted by time, text as given. An update's `status` is a
//!   level word: `SERVICE_*` set the update's impact by the table above and keep the word
//!   (lowercased, e.g. `service_outage`) as the update status; `AVAILABLE` is a resolved update
//!   with impact ok.
//! - Services are the `affected_products` (id, title), deduplicated across incidents; an incident
//!   without products names its `service_key`/`service_name`, unless that is `zall` ("Multiple
//!   Products").
//! - Regions: the union of `currently_affected_locations`, `previously_affected_locations` and the
//!   updates' `affected_locations` (id → region id, title → name), per incident and for the
//!   snapshot. An incident with none touches every region.
//! - `as_of` is the latest `modified` of an incident or an update (the latest `begin` or `end`
//!   when none is readable); coverage runs from the earliest `begin`: the feed lists every
//!   incident, so time between them was incident-free.
//! - Records are read field by field ([`Object`]): a field of the wrong type (or a product or place
//!   without its id and title) is an issue and left out, and the rest of the incident is kept.

use serde_json::Value;

use super::fields::Object;
use super::msgraph::common::{add_service, time};
use super::msgraph::json_of;
use super::{Absent, Document, Format, IngestError, Notes, Parsed, SeenIds, Then};
use crate::model::{Incident, IncidentStatus, IncidentUpdate, Level, Origin, Region, Snapshot, Span, TimeMs};

const STATUS_PAGE: &str = "https://status.cloud.google.com/";

fn looks_like_incident(value: &Value) -> bool {
    let has = |key: &str| value.get(key).is_some();
    value.get("id").is_some_and(Value::is_string)
        && has("begin")
        && (has("external_desc") || has("affected_products") || has("service_key"))
}

pub fn detect(doc: &Document) -> bool {
    match &doc.json {
        Some(Value::Array(items)) => {
            items.iter().find(|item| item.is_object()).is_some_and(looks_like_incident)
        }
        _ => false,
    }
}

/// The level a status word stands for: `SERVICE_OUTAGE`, ..., and an update's `AVAILABLE`.
fn level_of_status(word: &str) -> Option<Level> {
    match word.to_ascii_uppercase().as_str() {
        "SERVICE_OUTAGE" => Some(Level::Major),
        "SERVICE_DISRUPTION" => Some(Level::Partial),
        "SERVICE_INFORMATION" => Some(Level::Degraded),
        "AVAILABLE" => Some(Level::Ok),
        _ => None,
    }
}

fn level_of_severity(word: &str) -> Option<Level> {
    match word.to_ascii_lowercase().as_str() {
        "high" => Some(Level::Major),
        "medium" => Some(Level::Partial),
        "low" => Some(Level::Degraded),
        _ => None,
    }
}

/// What [`parse`] gathers besides the incidents.
#[derive(Default)]
struct Gathered {
    services: Vec<crate::model::Service>,
    regions: Vec<Region>,
    latest_modified_ms: Option<TimeMs>,
}

impl Gathered {
    /// The regions of the locations in `list` (`{title, id}` objects) added to `regions`, once each.
    fn regions(&mut self, notes: &mut Notes, list: &Object, key: &str, regions: &mut Vec<String>) {
        for (id, title) in named(notes, list, key) {
            if !self.regions.iter().any(|r| r.id == id) {
                self.regions.push(Region { id: id.clone(), name: title });
            }
            if !regions.contains(&id) {
                regions.push(id);
            }
        }
    }

    fn modified(&mut self, at_ms: TimeMs) {
        self.latest_modified_ms = Some(self.latest_modified_ms.map_or(at_ms, |t| t.max(at_ms)));
    }
}

pub fn parse(doc: Document) -> Result<Parsed, IngestError> {
    let json = json_of(doc)?;
    let Value::Array(items) = &json else {
        return Err(IngestError::UnknownFormat(
            "expected Google Cloud status incidents.json: an array of incidents".into(),
        ));
    };
    let mut notes = Notes::default();
    let mut gathered = Gathered::default();
    let mut incidents: Vec<Incident> = Vec::new();
    let mut ids = SeenIds::default();
    for (i, value) in items.iter().enumerate() {
        let path = format!("[{i}]");
        if !value.is_object() {
            notes.unreadable(path, "a Google Cloud incident", "not an object");
            continue;
        }
        let o = Object { value, path: &path };
        let Some(id) = o.required(&mut notes, "id") else { continue };
        if ids.has(&id) {
            notes.duplicate_id(format!("{path}.id"), &id, None);
            continue;
        }
        if let Some(incident) = read_incident(&mut notes, &mut gathered, &o, id) {
            ids.add(&incident.id);
            incidents.push(incident);
        }
    }
    let latest_edge_ms = incidents.iter().map(|i| i.end_ms.unwrap_or(i.start_ms).max(i.start_ms)).max();
    let as_of_ms = gathered.latest_modified_ms.or(latest_edge_ms).ok_or_else(|| IngestError::Invalid {
        path: "$".into(),
        message: "no incident with a readable time, so nothing says when this status was true".into(),
    })?;
    crate::model::sort_by_time(&mut incidents, |i| i.start_ms);
    let earliest_ms = incidents.first().map_or(as_of_ms, |i| i.start_ms.min(as_of_ms));
    let snapshot = Snapshot {
        title: "Google Cloud status".into(),
        as_of_ms,
        coverage: Span::new(earliest_ms, as_of_ms).into(),
        regions: gathered.regions,
        services: gathered.services,
        incidents,
        ..Snapshot::default()
    };
    Ok(Parsed {
        snapshot,
        format: Format::GoogleCloud,
        issues: notes.into_issues(),
        history_months: Vec::new(),
    })
}

/// The incident `id` in `o`, read field by field ([`Object`]).
fn read_incident(notes: &mut Notes, gathered: &mut Gathered, o: &Object, id: String) -> Option<Incident> {
    let path = o.path;
    let begin = o.required(notes, "begin")?;
    let start_ms = time(notes, o.at("begin"), &begin, Then::Skipped("record"))?;
    let mut end_ms =
        o.text(notes, "end").and_then(|text| time(notes, o.at("end"), &text, Then::ReadAs("open")));
    if let Some(end) = end_ms.filter(|end| *end < start_ms) {
        notes.end_clamped(o.at("end"), end, start_ms);
        end_ms = Some(start_ms);
    }
    if let Some(at_ms) =
        o.text(notes, "modified").and_then(|t| time(notes, o.at("modified"), &t, Then::Ignored))
    {
        gathered.modified(at_ms);
    }

    let mut services: Vec<String> = Vec::new();
    for (product, title) in named(notes, o, "affected_products") {
        add_service(&mut gathered.services, &product, &title);
        if !services.contains(&product) {
            services.push(product);
        }
    }
    if services.is_empty() {
        match (o.text(notes, "service_key"), o.text(notes, "service_name")) {
            (Some(key), name) if key != "zall" => {
                add_service(&mut gathered.services, &key, name.as_deref().unwrap_or(&key));
                services.push(key);
            }
            _ => notes.names_no_service(o.at("affected_products"), Absent::Empty),
        }
    }

    let mut regions: Vec<String> = Vec::new();
    gathered.regions(notes, o, "currently_affected_locations", &mut regions);
    gathered.regions(notes, o, "previously_affected_locations", &mut regions);

    let (mut list_key, mut wire_updates) = ("updates", o.list(notes, "updates"));
    let latest = o.get("most_recent_update").map(std::slice::from_ref);
    if let (true, Some(latest)) = (wire_updates.is_empty(), latest) {
        (list_key, wire_updates) = ("most_recent_update", latest);
    }
    let mut updates: Vec<IncidentUpdate> = Vec::with_capacity(wire_updates.len());
    for (j, value) in wire_updates.iter().enumerate() {
        let upath = match list_key {
            "updates" => format!("{path}.updates[{j}]"),
            _ => format!("{path}.most_recent_update"),
        };
        let u = Object { value, path: &upath };
        gathered.regions(notes, &u, "affected_locations", &mut regions);
        if let Some(at_ms) =
            u.text(notes, "modified").and_then(|t| time(notes, u.at("modified"), &t, Then::Ignored))
        {
            gathered.modified(at_ms);
        }
        let (field, at) = match (u.text(notes, "when"), u.text(notes, "created")) {
            (Some(when), _) => ("when", when),
            (None, Some(created)) => ("created", created),
            (None, None) => {
                notes.missing(u.at("when"), Then::Skipped("update"));
                continue;
            }
        };
        let Some(at_ms) = time(notes, u.at(field), &at, Then::Skipped("update")) else {
            continue;
        };
        let word = u.text(notes, "status").unwrap_or_default();
        let impact = level_of_status(&word);
        if impact.is_none() && !word.is_empty() {
            notes.unknown(u.at("status"), "status", &word, Then::ReadAs("no change of level"));
        }
        let status = if word.eq_ignore_ascii_case("AVAILABLE") {
            IncidentStatus::Resolved
        } else {
            IncidentStatus::parse(&word.to_ascii_lowercase())
        };
        updates.push(IncidentUpdate {
            at_ms,
            status,
            text: u.text(notes, "text").unwrap_or_default(),
            impact,
        });
    }
    crate::model::sort_by_time(&mut updates, |u| u.at_ms);

    let (status_impact, severity) = (o.text(notes, "status_impact"), o.text(notes, "severity"));
    let declared = status_impact.as_deref().and_then(level_of_status).filter(|l| *l != Level::Ok);
    let declared = declared.or_else(|| severity.as_deref().and_then(level_of_severity));
    let declared = declared.unwrap_or_else(|| {
        match status_impact.as_deref() {
            Some(word) => notes.unknown(o.at("status_impact"), "impact", word, Then::ReadAs("unknown")),
            None => notes.missing(o.at("status_impact"), Then::ReadAs("unknown")),
        }
        Level::Unknown
    });
    let first_update_level = updates.first().and_then(|u| u.impact).filter(|l| *l != Level::Ok);
    let source_impact = [status_impact, severity].into_iter().flatten().collect::<Vec<_>>();
    let links = o
        .text(notes, "uri")
        .filter(|uri| !uri.is_empty())
        .and_then(|uri| link(notes, path, uri))
        .into_iter()
        .collect();
    Some(Incident {
        title: o.text(notes, "external_desc").unwrap_or_else(|| id.clone()),
        id,
        impact: first_update_level.unwrap_or(declared),
        source_impact: (!source_impact.is_empty()).then(|| source_impact.join("/")),
        status: if end_ms.is_some() { IncidentStatus::Resolved } else { IncidentStatus::Investigating },
        origin: Origin::Unknown,
        services,
        regions,
        start_ms,
        end_ms,
        updates,
        links,
    })
}

/// The `(id, title)` of each product or location in list `key` of `o`; one without both is an
/// issue and left out.
fn named(notes: &mut Notes, o: &Object, key: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, value) in o.list(notes, key).iter().enumerate() {
        let path = format!("{}[{k}]", o.at(key));
        let item = Object { value, path: &path };
        match (item.text(notes, "id"), item.text(notes, "title")) {
            (Some(id), Some(title)) => out.push((id, title)),
            _ => notes.wrong_type(path, "a product or place with an id and a title", Then::Dropped),
        }
    }
    out
}

/// The incident's page: a relative `uri` is under the status site; other schemes are dropped.
fn link(notes: &mut Notes, path: &str, uri: String) -> Option<String> {
    if uri.starts_with("https://") || uri.starts_with("http://") {
        Some(uri)
    } else if uri.contains(':') || uri.starts_with("//") {
        notes.not_http(format!("{path}.uri"), &uri);
        None
    } else {
        Some(format!("{STATUS_PAGE}{}", uri.trim_start_matches('/')))
    }
}
