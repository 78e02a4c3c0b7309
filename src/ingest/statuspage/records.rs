//! Statuspage incident and maintenance records into the model (the mapping is documented on the
//! parent module). Everything here is per record: a problem is an issue on that record's path.

use super::catalogue::{component_id, Catalogue};
use super::wire::{WireIncident, WireUpdate};
use super::Reader;
use crate::ingest::Then;
use crate::model::{Incident, IncidentStatus, IncidentUpdate, Level, Maintenance, Origin, Span, TimeMs};

/// Lower case, letters and digits only: `major_outage`, `MAJOROUTAGE` and `Major Outage` agree
/// (Instatus writes its statuses in capitals without separators).
fn normalised(word: &str) -> String {
    word.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The level a component status stands for; `None` for a word Statuspage does not use.
pub fn component_level(status: &str) -> Option<Level> {
    Some(match normalised(status).as_str() {
        "operational" => Level::Ok,
        "undermaintenance" => Level::Maintenance,
        "degradedperformance" => Level::Degraded,
        // Instatus has a "minor outage" between partial and major; it is still not a full outage.
        "partialoutage" | "minoroutage" => Level::Partial,
        "majoroutage" => Level::Major,
        _ => return None,
    })
}

/// The level an incident's `impact` stands for (see the parent module for why).
pub fn impact_level(impact: &str) -> Option<Level> {
    match normalised(impact).as_str() {
        "none" | "minor" => Some(Level::Degraded),
        "major" => Some(Level::Partial),
        "critical" => Some(Level::Major),
        "maintenance" => Some(Level::Maintenance),
        other => component_level(other),
    }
}

/// Statuses after which an incident or maintenance is over.
fn is_closing(status: &str) -> bool {
    matches!(status, "resolved" | "postmortem" | "completed")
}

/// Whether a record is a scheduled maintenance: it is in a maintenance list, or it has a window.
pub fn is_maintenance(wire: &WireIncident, from_maintenance_list: bool) -> bool {
    from_maintenance_list || wire.scheduled_for.as_ref().is_some_and(|v| !v.is_null())
}

/// Tells the catalogue about every component a record mentions (before any record is read, so
/// that names and groups are complete when references are resolved).
pub fn note_components(catalogue: &mut Catalogue, wire: &WireIncident) {
    for component in wire.components.iter().flatten() {
        catalogue.add_component(component, super::catalogue::NameSource::Embedded);
    }
    for affected in
        wire.incident_updates.iter().flatten().flat_map(|u| u.affected_components.iter().flatten())
    {
        if let Some(code) = &affected.code {
            catalogue.add_reference(code, affected.name.as_deref());
        }
    }
}

/// The record's id and title, made up from its position when missing.
fn id_and_title(reader: &mut Reader, path: &str, wire: &WireIncident) -> (String, String) {
    let id = match wire.id.as_deref().filter(|id| !id.is_empty()) {
        Some(id) => id.to_owned(),
        None => {
            reader.notes.missing(format!("{path}.id"), Then::ReadAs(&format!("{path:?}")));
            path.to_owned()
        }
    };
    let title = match wire.name.as_deref().filter(|n| !n.trim().is_empty()) {
        Some(name) => name.to_owned(),
        None => {
            reader.notes.missing(format!("{path}.name"), Then::ReadAs(&format!("the id {id:?}")));
            id.clone()
        }
    };
    (id, title)
}

/// The services a record affects: its components, then those its updates name, groups expanded.
/// A reference without an id (or `code`) is matched by its name; one that matches no component is
/// an issue at `path`, never dropped in silence.
fn services_of(
    reader: &mut Reader,
    catalogue: &mut Catalogue,
    path: &str,
    wire: &WireIncident,
) -> Vec<String> {
    let mut named: Vec<String> = Vec::new();
    let mut place = |reader: &mut Reader, id: Option<String>, name: Option<&str>, at: &dyn Fn() -> String| {
        let found = id.or_else(|| name.and_then(|n| catalogue.id_named(n)));
        match (found, name) {
            (Some(id), _) => named.push(id),
            // Statuspage's own placeholder in updates that changed no component.
            (None, Some(name)) if name.starts_with("No components were affected") => {}
            (None, Some(name)) => reader.notes.note(
                at(),
                format!(
                    "a component with no id or code, named {name:?}, which no component of this file \
                     is; not counted for any service"
                ),
            ),
            (None, None) => {
                reader.notes.note(at(), "a component with no id, code or name; not counted for any service")
            }
        }
    };
    for (i, component) in wire.components.iter().flatten().enumerate() {
        let at = || format!("{path}.components[{i}]");
        place(reader, component_id(component).map(str::to_owned), component.name.as_deref(), &at);
    }
    for (u, update) in wire.incident_updates.iter().flatten().enumerate() {
        for (a, affected) in update.affected_components.iter().flatten().enumerate() {
            let id = affected.code.clone().filter(|c| !c.is_empty());
            let at = || format!("{path}.incident_updates[{u}].affected_components[{a}]");
            place(reader, id, affected.name.as_deref(), &at);
        }
    }
    let mut services: Vec<String> = Vec::new();
    for id in named {
        for service in catalogue.service_ids(&id) {
            if !services.contains(&service) {
                services.push(service);
            }
        }
    }
    services
}

/// Reads an incident; `None` (with an issue) when it cannot be placed in time.
pub fn read_incident(
    reader: &mut Reader,
    catalogue: &mut Catalogue,
    path: &str,
    wire: WireIncident,
) -> Option<Incident> {
    let (id, title) = id_and_title(reader, path, &wire);
    let started_ms = reader.observed(&format!("{path}.started_at"), wire.started_at.as_ref());
    let created_ms = reader.observed(&format!("{path}.created_at"), wire.created_at.as_ref());
    let updated_ms = reader.observed(&format!("{path}.updated_at"), wire.updated_at.as_ref());
    reader.observed(&format!("{path}.monitoring_at"), wire.monitoring_at.as_ref());
    let resolved_ms = reader.observed(&format!("{path}.resolved_at"), wire.resolved_at.as_ref());
    let services = services_of(reader, catalogue, path, &wire);
    let updates = read_updates(reader, path, wire.incident_updates.unwrap_or_default());

    // The old schema (before about 2019) has no started_at: created_at is the start there.
    let start_ms = match (started_ms, created_ms, updates.first()) {
        (Some(start), _, _) | (None, Some(start), _) => start,
        (None, None, Some(first)) => {
            reader.notes.note(
                format!("{path}.started_at"),
                "missing, and so is created_at; starts at its first update",
            );
            first.at_ms
        }
        (None, None, None) => {
            reader.notes.note(path, "no started_at, created_at or dated update; skipped");
            return None;
        }
    };
    let status_word = wire.status.as_deref().map(normalise_status);
    let mut end_ms = match (resolved_ms, &status_word) {
        (Some(end), _) => Some(end),
        (None, Some(word)) if is_closing(word) => {
            let last_closing = updates.iter().rev().find(|u| is_closing(u.status.as_str()));
            let (end, what) = match (last_closing, updates.last(), updated_ms) {
                (Some(u), _, _) => (u.at_ms, "its closing update"),
                (None, Some(u), _) => (u.at_ms, "its last update"),
                (None, None, Some(t)) => (t, "updated_at"),
                (None, None, None) => (start_ms, "its start"),
            };
            reader.notes.closed_without_end(format!("{path}.resolved_at"), what, end);
            Some(end)
        }
        (None, _) => None,
    };
    if let Some(end) = end_ms.filter(|end| *end < start_ms) {
        reader.notes.end_clamped(format!("{path}.resolved_at"), end, start_ms);
        end_ms = Some(start_ms);
    }
    let status = match status_word {
        Some(word) => IncidentStatus::parse(&word),
        None => {
            let status =
                if end_ms.is_some() { IncidentStatus::Resolved } else { IncidentStatus::Investigating };
            reader.notes.missing(format!("{path}.status"), Then::ReadAs(&format!("{:?}", status.as_str())));
            status
        }
    };
    let impact = match wire.impact.as_deref() {
        Some(word) => impact_level(word).unwrap_or_else(|| {
            reader.notes.unknown(format!("{path}.impact"), "impact", word, Then::ReadAs("degraded"));
            Level::Degraded
        }),
        None => {
            reader.notes.missing(format!("{path}.impact"), Then::ReadAs("degraded"));
            Level::Degraded
        }
    };
    let links = match wire.shortlink {
        Some(link) if link.starts_with("https://") || link.starts_with("http://") => vec![link],
        Some(link) if link.is_empty() => Vec::new(),
        Some(link) => {
            reader.notes.not_http(format!("{path}.shortlink"), &link);
            Vec::new()
        }
        None => Vec::new(),
    };
    Some(Incident {
        id,
        title,
        impact,
        source_impact: wire.impact,
        status,
        origin: Origin::Unknown,
        services,
        regions: Vec::new(),
        start_ms,
        end_ms,
        updates,
        links,
    })
}

fn normalise_status(word: &str) -> String {
    word.trim().to_ascii_lowercase()
}

/// The updates in time order, each carrying the incident's level from then on when it sets
/// component statuses: the worst status of every component the incident's updates have set so
/// far (a component keeps its last status until an update sets it again).
fn read_updates(reader: &mut Reader, path: &str, wire: Vec<WireUpdate>) -> Vec<IncidentUpdate> {
    let mut dated: Vec<(TimeMs, usize, WireUpdate)> = Vec::with_capacity(wire.len());
    for (j, update) in wire.into_iter().enumerate() {
        let upath = format!("{path}.incident_updates[{j}]");
        let display_ms = reader.observed(&format!("{upath}.display_at"), update.display_at.as_ref());
        let created_ms = reader.observed(&format!("{upath}.created_at"), update.created_at.as_ref());
        match display_ms.or(created_ms) {
            Some(at_ms) => dated.push((at_ms, j, update)),
            None => reader.notes.note(upath, "no display_at or created_at; skipped"),
        }
    }
    // Statuspage lists updates newest first: reversing before the stable sort keeps updates
    // published in the same millisecond in the order they were written.
    if dated.first().zip(dated.last()).is_some_and(|(first, last)| first.0 > last.0) {
        dated.reverse();
    }
    crate::model::sort_by_time(&mut dated, |(at_ms, _, _)| *at_ms);

    // Each component's latest level (a few per incident: a list, not a map).
    let mut component_levels: Vec<(String, Level)> = Vec::new();
    let mut updates = Vec::with_capacity(dated.len());
    for (at_ms, j, update) in dated {
        let mut sets_levels = false;
        for (k, affected) in update.affected_components.iter().flatten().enumerate() {
            let apath = format!("{path}.incident_updates[{j}].affected_components[{k}]");
            // Old updates carry a placeholder without a code: {"name": "No components were
            // affected by this update."}. It names no component, so there is nothing to report.
            let Some(code) = affected.code.as_deref().filter(|code| !code.is_empty()) else { continue };
            let Some(word) = affected.new_status.as_deref() else {
                reader.notes.missing(format!("{apath}.new_status"), Then::Ignored);
                continue;
            };
            match component_level(word) {
                Some(level) => {
                    match component_levels.iter_mut().find(|(c, _)| *c == code) {
                        Some((_, latest)) => *latest = level,
                        None => component_levels.push((code.to_owned(), level)),
                    }
                    sets_levels = true;
                }
                None => reader.notes.unknown(
                    format!("{apath}.new_status"),
                    "component status",
                    word,
                    Then::Ignored,
                ),
            }
        }
        let impact =
            if sets_levels { component_levels.iter().map(|(_, l)| *l).reduce(Level::worst) } else { None };
        updates.push(IncidentUpdate {
            at_ms,
            status: IncidentStatus::parse(
                &update.status.as_deref().map(normalise_status).unwrap_or_default(),
            ),
            // Often HTML. Kept exactly as written: the dashboard shows it as text, never as markup.
            text: update.body.unwrap_or_default(),
            impact,
        });
    }
    updates
}

/// Reads a scheduled maintenance: its announced window, `scheduled_for..scheduled_until`.
pub fn read_maintenance(
    reader: &mut Reader,
    catalogue: &mut Catalogue,
    path: &str,
    wire: WireIncident,
) -> Option<Maintenance> {
    let (id, title) = id_and_title(reader, path, &wire);
    // Read for the file's latest time only. started_at is when the maintenance was announced
    // (often a day or more before the window), so it is never the start.
    for (field, value) in [
        ("created_at", &wire.created_at),
        ("updated_at", &wire.updated_at),
        ("started_at", &wire.started_at),
        ("monitoring_at", &wire.monitoring_at),
    ] {
        reader.observed(&format!("{path}.{field}"), value.as_ref());
    }
    for (j, update) in wire.incident_updates.iter().flatten().enumerate() {
        let upath = format!("{path}.incident_updates[{j}]");
        reader.observed(&format!("{upath}.display_at"), update.display_at.as_ref());
        reader.observed(&format!("{upath}.created_at"), update.created_at.as_ref());
    }
    let resolved_ms = reader.observed(&format!("{path}.resolved_at"), wire.resolved_at.as_ref());
    let Some(start_ms) = reader.planned(&format!("{path}.scheduled_for"), wire.scheduled_for.as_ref()) else {
        reader.notes.note(
            format!("{path}.scheduled_for"),
            "missing; maintenance skipped (started_at is when it was announced, not when it starts)",
        );
        return None;
    };
    let end_ms = match (
        reader.planned(&format!("{path}.scheduled_until"), wire.scheduled_until.as_ref()),
        resolved_ms,
    ) {
        (Some(end), _) => end,
        (None, Some(resolved)) => {
            reader.notes.missing(format!("{path}.scheduled_until"), Then::ReadAs("resolved_at"));
            resolved
        }
        (None, None) => {
            reader
                .notes
                .note(format!("{path}.scheduled_until"), "missing and not resolved; maintenance skipped");
            return None;
        }
    };
    if end_ms < start_ms {
        reader.notes.end_swapped(format!("{path}.scheduled_until"), end_ms, start_ms);
    }
    let services = services_of(reader, catalogue, path, &wire);
    Some(Maintenance { id, title, services, regions: Vec::new(), span: Span::new(start_ms, end_ms) })
}
