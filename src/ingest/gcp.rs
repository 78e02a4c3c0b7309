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

use serde::Deserialize;
use serde_json::Value;

use super::msgraph::common::{add_service, record, time};
use super::msgraph::json_of;
use super::{Absent, Document, Format, IngestError, Notes, Parsed, SeenIds, Then};
use crate::model::{Incident, IncidentStatus, IncidentUpdate, Level, Origin, Region, Snapshot, Span, TimeMs};

const STATUS_PAGE: &str = "https://status.cloud.google.com/";

#[derive(Deserialize)]
struct WireIncident {
    id: String,
    begin: Option<String>,
    end: Option<String>,
    modified: Option<String>,
    external_desc: Option<String>,
    updates: Option<Vec<WireUpdate>>,
    most_recent_update: Option<WireUpdate>,
    status_impact: Option<String>,
    severity: Option<String>,
    service_key: Option<String>,
    service_name: Option<String>,
    affected_products: Option<Vec<WireNamed>>,
    uri: Option<String>,
    currently_affected_locations: Option<Vec<WireNamed>>,
    previously_affected_locations: Option<Vec<WireNamed>>,
}

#[derive(Deserialize)]
struct WireUpdate {
    created: Option<String>,
    modified: Option<String>,
    when: Option<String>,
    text: Option<String>,
    status: Option<String>,
    affected_locations: Option<Vec<WireNamed>>,
}

/// A product or a location.
#[derive(Deserialize)]
struct WireNamed {
    title: String,
    id: String,
}

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
    fn region(&mut self, location: &WireNamed) -> String {
        if !self.regions.iter().any(|r| r.id == location.id) {
            self.regions.push(Region { id: location.id.clone(), name: location.title.clone() });
        }
        location.id.clone()
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
        let Some(wire) = record::<WireIncident>(&mut notes, &path, value, "a Google Cloud incident") else {
            continue;
        };
        if ids.has(&wire.id) {
            notes.duplicate_id(format!("{path}.id"), &wire.id, None);
            continue;
        }
        if let Some(incident) = read_incident(&mut notes, &mut gathered, &path, wire) {
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

fn read_incident(
    notes: &mut Notes,
    gathered: &mut Gathered,
    path: &str,
    wire: WireIncident,
) -> Option<Incident> {
    let Some(begin) = wire.begin.as_deref() else {
        notes.missing(format!("{path}.begin"), Then::Skipped("record"));
        return None;
    };
    let start_ms = time(notes, format!("{path}.begin"), begin, Then::Skipped("record"))?;
    let mut end_ms =
        wire.end.as_deref().and_then(|text| time(notes, format!("{path}.end"), text, Then::ReadAs("open")));
    if let Some(end) = end_ms.filter(|end| *end < start_ms) {
        notes.end_clamped(format!("{path}.end"), end, start_ms);
        end_ms = Some(start_ms);
    }
    if let Some(at_ms) =
        wire.modified.as_deref().and_then(|t| time(notes, format!("{path}.modified"), t, Then::Ignored))
    {
        gathered.modified(at_ms);
    }

    let mut services: Vec<String> = Vec::new();
    for product in wire.affected_products.iter().flatten() {
        add_service(&mut gathered.services, &product.id, &product.title);
        if !services.contains(&product.id) {
            services.push(product.id.clone());
        }
    }
    if services.is_empty() {
        match (&wire.service_key, &wire.service_name) {
            (Some(key), name) if key != "zall" => {
                add_service(&mut gathered.services, key, name.as_deref().unwrap_or(key));
                services.push(key.clone());
            }
            _ => notes.names_no_service(format!("{path}.affected_products"), Absent::Empty),
        }
    }

    let mut regions: Vec<String> = Vec::new();
    let locations = wire.currently_affected_locations.iter().chain(&wire.previously_affected_locations);
    for location in locations.flatten() {
        let id = gathered.region(location);
        if !regions.contains(&id) {
            regions.push(id);
        }
    }

    let mut wire_updates = wire.updates.unwrap_or_default();
    if wire_updates.is_empty() {
        wire_updates.extend(wire.most_recent_update);
    }
    let mut updates: Vec<IncidentUpdate> = Vec::with_capacity(wire_updates.len());
    for (j, u) in wire_updates.into_iter().enumerate() {
        let upath = format!("{path}.updates[{j}]");
        for location in u.affected_locations.iter().flatten() {
            let id = gathered.region(location);
            if !regions.contains(&id) {
                regions.push(id);
            }
        }
        if let Some(at_ms) =
            u.modified.as_deref().and_then(|t| time(notes, format!("{upath}.modified"), t, Then::Ignored))
        {
            gathered.modified(at_ms);
        }
        let (field, at) = match (&u.when, &u.created) {
            (Some(when), _) => ("when", when),
            (None, Some(created)) => ("created", created),
            (None, None) => {
                notes.missing(format!("{upath}.when"), Then::Skipped("update"));
                continue;
            }
        };
        let Some(at_ms) = time(notes, format!("{upath}.{field}"), at, Then::Skipped("update")) else {
            continue;
        };
        let word = u.status.unwrap_or_default();
        let impact = level_of_status(&word);
        if impact.is_none() && !word.is_empty() {
            notes.unknown(format!("{upath}.status"), "status", &word, Then::ReadAs("no change of level"));
        }
        let status = if word.eq_ignore_ascii_case("AVAILABLE") {
            IncidentStatus::Resolved
        } else {
            IncidentStatus::parse(&word.to_ascii_lowercase())
        };
        updates.push(IncidentUpdate { at_ms, status, text: u.text.unwrap_or_default(), impact });
    }
    crate::model::sort_by_time(&mut updates, |u| u.at_ms);

    let declared = wire.status_impact.as_deref().and_then(level_of_status).filter(|l| *l != Level::Ok);
    let declared = declared.or_else(|| wire.severity.as_deref().and_then(level_of_severity));
    let declared = declared.unwrap_or_else(|| {
        let path = format!("{path}.status_impact");
        match wire.status_impact.as_deref() {
            Some(word) => notes.unknown(path, "impact", word, Then::ReadAs("unknown")),
            None => notes.missing(path, Then::ReadAs("unknown")),
        }
        Level::Unknown
    });
    let first_update_level = updates.first().and_then(|u| u.impact).filter(|l| *l != Level::Ok);
    let source_impact = [wire.status_impact, wire.severity].into_iter().flatten().collect::<Vec<_>>();
    let links =
        wire.uri.filter(|uri| !uri.is_empty()).and_then(|uri| link(notes, path, uri)).into_iter().collect();
    Some(Incident {
        title: wire.external_desc.unwrap_or_else(|| wire.id.clone()),
        id: wire.id,
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
