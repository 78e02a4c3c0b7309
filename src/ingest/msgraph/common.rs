//! What the Microsoft Graph and the legacy Office 365 Service Communications importers share: the
//! status vocabulary (level, lifecycle and origin tables, documented in [`super`]), an issue or
//! message in a common shape, and how it becomes an [`Incident`]. Times are UTC milliseconds; a
//! record without a readable start is skipped with an issue. Google Cloud reads its times and
//! records with the same helpers.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::ingest::time::read_time_text;
use crate::ingest::{IngestError, Notes, SeenIds, Then};
use crate::model::{
    Incident, IncidentStatus, IncidentUpdate, Level, Origin, Service, Snapshot, Span, TimeMs,
};

/// Reads a timestamp; a bad one is an issue saying what `then` happens.
pub(crate) fn time(notes: &mut Notes, path: String, text: &str, then: Then) -> Option<TimeMs> {
    match read_time_text(text) {
        Some(read) => {
            if read.assumed_utc {
                notes.zoneless(path, text);
            }
            Some(read.ms)
        }
        None => {
            notes.not_a_time(path, text, then);
            None
        }
    }
}

/// Deserialises one record, `what` it should be; a record of the wrong shape is an issue and skipped.
pub(crate) fn record<T: DeserializeOwned>(
    notes: &mut Notes,
    path: &str,
    value: &Value,
    what: &str,
) -> Option<T> {
    let at = || if path.is_empty() { "$".to_owned() } else { path.to_owned() };
    if !value.is_object() {
        notes.unreadable(at(), what, "not an object");
        return None;
    }
    match T::deserialize(value) {
        Ok(record) => Some(record),
        Err(error) => {
            notes.unreadable(at(), what, error);
            None
        }
    }
}

/// Adds a service unless one with this id is known.
pub(crate) fn add_service(services: &mut Vec<Service>, id: &str, name: &str) {
    if !services.iter().any(|s| s.id == id) {
        services.push(Service {
            id: id.to_owned(),
            name: name.to_owned(),
            group: None,
            regions: Vec::new(),
            tags: Vec::new(),
            slo: None,
            coverage: None,
        });
    }
}

/// `base.field`, or `field` at the top level.
pub(crate) fn join(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_owned()
    } else if field.starts_with('[') {
        format!("{base}{field}")
    } else {
        format!("{base}.{field}")
    }
}

/// An enum word without case or punctuation: `ServiceRestored`, `serviceRestored` and
/// `Service restored` all give `servicerestored`.
pub(crate) fn enum_key(word: &str) -> String {
    word.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The lifecycle state a Microsoft status word stands for (table in the module docs).
pub(crate) fn lifecycle(status: &str) -> IncidentStatus {
    match enum_key(status).as_str() {
        "investigating" | "reported" => IncidentStatus::Investigating,
        "confirmed" | "servicedegradation" | "serviceinterruption" => IncidentStatus::Identified,
        "restoringservice" => IncidentStatus::Mitigating,
        "verifyingservice" | "extendedrecovery" | "mitigated" | "mitigatedexternal" => {
            IncidentStatus::Monitoring
        }
        "serviceoperational"
        | "servicerestored"
        | "resolved"
        | "resolvedexternal"
        | "falsepositive"
        | "postincidentreviewpublished"
        | "postincidentreportpublished"
        | "pirpublished" => IncidentStatus::Resolved,
        _ => IncidentStatus::Other(status.to_owned()),
    }
}

/// The level of a (classification, status) pair (table in the module docs), and whether the
/// classification was one this table knows.
pub(crate) fn level_of(classification: Option<&str>, status: Option<&str>) -> (Level, bool) {
    let status = status.map(enum_key).unwrap_or_default();
    let classification = classification.map(enum_key).unwrap_or_default();
    let known = classification == "incident" || classification == "advisory";
    let level = match (classification.as_str(), status.as_str()) {
        (_, "falsepositive") => Level::Ok,
        ("advisory", _) => Level::Degraded,
        (_, "serviceinterruption") => Level::Major,
        _ => Level::Partial,
    };
    (level, known)
}

/// Where the cause lies; `None` for a word this table does not know.
pub(crate) fn origin_of(word: &str) -> Option<Origin> {
    match enum_key(word).as_str() {
        "microsoft" => Some(Origin::SelfOperated),
        "thirdparty" => Some(Origin::ThirdParty),
        "customer" => Some(Origin::Customer),
        "unknownfuturevalue" | "unknown" => Some(Origin::Unknown),
        _ => None,
    }
}

/// The names of a format's time fields, for issue paths.
pub(crate) struct Fields {
    pub start: &'static str,
    pub end: &'static str,
    pub last_modified: &'static str,
    pub post_time: &'static str,
}

pub(crate) struct Post {
    pub path: String,
    pub at: Option<String>,
    pub text: String,
}

/// An issue or message in the shape both Microsoft APIs share.
pub(crate) struct Record {
    pub path: String,
    pub fields: &'static Fields,
    pub id: String,
    pub title: String,
    pub classification: Option<String>,
    pub status: Option<String>,
    /// The legacy API's `Severity`, added to `source_impact`.
    pub severity: Option<String>,
    pub origin: Option<String>,
    pub services: Vec<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub last_modified: Option<String>,
    pub is_resolved: Option<bool>,
    pub posts: Vec<Post>,
    pub links: Vec<String>,
}

/// Incidents read so far, and the times that set `as_of` and coverage.
#[derive(Default)]
pub(crate) struct Built {
    pub incidents: Vec<Incident>,
    /// The ids of `incidents`.
    ids: SeenIds,
    /// The latest modification or post.
    pub latest_touch_ms: Option<TimeMs>,
    /// The latest start or end, used when nothing says when it was modified.
    pub latest_edge_ms: Option<TimeMs>,
    pub earliest_start_ms: Option<TimeMs>,
}

impl Built {
    pub fn add(&mut self, notes: &mut Notes, record: Record) {
        if self.ids.has(&record.id) {
            notes.duplicate_id(join(&record.path, "id"), &record.id, None);
            return;
        }
        if let Some(incident) = self.incident(notes, record) {
            self.earliest_start_ms =
                Some(self.earliest_start_ms.map_or(incident.start_ms, |t| t.min(incident.start_ms)));
            let edge = incident.end_ms.unwrap_or(incident.start_ms).max(incident.start_ms);
            self.latest_edge_ms = Some(self.latest_edge_ms.map_or(edge, |t| t.max(edge)));
            self.ids.add(&incident.id);
            self.incidents.push(incident);
        }
    }

    pub fn touch(&mut self, at_ms: TimeMs) {
        self.latest_touch_ms = Some(self.latest_touch_ms.map_or(at_ms, |t| t.max(at_ms)));
    }

    fn incident(&mut self, notes: &mut Notes, r: Record) -> Option<Incident> {
        let f = r.fields;
        let Some(start_text) = &r.start else {
            notes.missing(join(&r.path, f.start), Then::Skipped("record"));
            return None;
        };
        let start_ms = time(notes, join(&r.path, f.start), start_text, Then::Skipped("record"))?;
        let last_modified_ms = r
            .last_modified
            .as_deref()
            .and_then(|text| time(notes, join(&r.path, f.last_modified), text, Then::Ignored));
        let mut posts: Vec<(TimeMs, String)> = Vec::with_capacity(r.posts.len());
        for post in r.posts {
            let path = join(&post.path, f.post_time);
            let Some(at_ms) =
                post.at.as_deref().and_then(|text| time(notes, path.clone(), text, Then::Skipped("post")))
            else {
                if post.at.is_none() {
                    notes.missing(path, Then::Skipped("post"));
                }
                continue;
            };
            posts.push((at_ms, post.text));
        }
        for at_ms in last_modified_ms.into_iter().chain(posts.iter().map(|p| p.0)) {
            self.touch(at_ms);
        }
        let status = r.status.as_deref().map(lifecycle).unwrap_or(match r.is_resolved {
            Some(true) => IncidentStatus::Resolved,
            _ => IncidentStatus::Investigating,
        });
        let resolved = r.is_resolved.unwrap_or(status == IncidentStatus::Resolved);
        let mut end_ms =
            r.end.as_deref().and_then(|text| time(notes, join(&r.path, f.end), text, Then::ReadAs("open")));
        if let Some(end) = end_ms.filter(|end| *end < start_ms) {
            notes.end_clamped(join(&r.path, f.end), end, start_ms);
            end_ms = Some(start_ms);
        }
        if end_ms.is_none() && r.end.is_none() && resolved {
            let closed_ms = last_modified_ms.or_else(|| posts.iter().map(|p| p.0).max());
            if let Some(closed) = closed_ms.map(|closed| closed.max(start_ms)) {
                notes.closed_without_end(join(&r.path, f.end), "the last change", closed);
                end_ms = Some(closed);
            }
        }
        let (impact, known) = level_of(r.classification.as_deref(), r.status.as_deref());
        if !known {
            let path = join(&r.path, "classification");
            match r.classification.as_deref() {
                Some(word) => notes.unknown(path, "classification", word, Then::ReadAs("incident")),
                None => notes.missing(path, Then::ReadAs("incident")),
            }
        }
        let origin = match r.origin.as_deref() {
            None => Origin::Unknown,
            Some(word) => origin_of(word).unwrap_or_else(|| {
                notes.unknown(join(&r.path, "origin"), "origin", word, Then::ReadAs("unknown"));
                Origin::Unknown
            }),
        };
        let source_impact =
            [r.classification, r.status, r.severity].into_iter().flatten().collect::<Vec<_>>();
        Some(Incident {
            id: r.id,
            title: r.title,
            impact,
            source_impact: (!source_impact.is_empty()).then(|| source_impact.join("/")),
            updates: updates_from_posts(posts, &status, end_ms),
            status,
            origin,
            services: r.services,
            regions: Vec::new(),
            start_ms,
            end_ms,
            links: r.links,
        })
    }

    /// The snapshot: incidents by start, `as_of` and coverage as the module docs say.
    pub fn into_snapshot(self, title: &str, services: Vec<Service>) -> Result<Snapshot, IngestError> {
        let as_of_ms = self.latest_touch_ms.or(self.latest_edge_ms).ok_or_else(|| IngestError::Invalid {
            path: "$".into(),
            message: "no issue with a readable time, so nothing says when this status was true".into(),
        })?;
        let mut incidents = self.incidents;
        crate::model::sort_by_time(&mut incidents, |i| i.start_ms);
        Ok(Snapshot {
            title: title.to_owned(),
            as_of_ms,
            coverage: Span::new(self.earliest_start_ms.unwrap_or(as_of_ms).min(as_of_ms), as_of_ms).into(),
            services,
            incidents,
            ..Snapshot::default()
        })
    }
}

/// Posts as updates in time order. Posts have no status of their own: those at or after the end,
/// and the latest post of an open incident, carry the incident's status; the rest "investigating".
pub(crate) fn updates_from_posts(
    mut posts: Vec<(TimeMs, String)>,
    status: &IncidentStatus,
    end_ms: Option<TimeMs>,
) -> Vec<IncidentUpdate> {
    crate::model::sort_by_time(&mut posts, |p| p.0);
    let last = posts.len().saturating_sub(1);
    posts
        .into_iter()
        .enumerate()
        .map(|(k, (at_ms, text))| {
            let carries_status = match end_ms {
                Some(end) => at_ms >= end,
                None => k == last,
            };
            IncidentUpdate {
                at_ms,
                status: if carries_status { status.clone() } else { IncidentStatus::Investigating },
                text,
                impact: None,
            }
        })
        .collect()
}
