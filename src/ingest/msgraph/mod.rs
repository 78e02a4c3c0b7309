//! Microsoft Graph service communications: service health issues and service health overviews
//! (`/admin/serviceAnnouncement/issues`, `/admin/serviceAnnouncement/healthOverviews?$expand=issues`),
//! and message-center posts (`/admin/serviceAnnouncement/messages`), read as announcements by
//! [`messages`]. Reference: <https://learn.microsoft.com/graph/api/resources/servicehealthissue>.
//!
//! Shapes read: one `serviceHealthIssue` object (with or without `@odata.context`); a collection
//! `{"value": [...]}` of them (`@odata.nextLink` is ignored: a file is one page); a bare array of
//! them; and `serviceHealth` overviews with their `issues` expanded, as `{"value": [...]}`, a bare
//! array or one object. Every `serviceHealth` becomes a service (id = `id`, e.g. `Exchange`; name =
//! `service`, e.g. `Exchange Online`) and its issues its incidents. In an issue list the service is
//! the issue's `service` text, used as both id and name. An array may hold both kinds, as the
//! items of the collections joined ([`pages::join_items`]): an issue listed on its own then joins
//! the service whose overview has that name, and one its overview already listed is read once.
//! A message-center post (told by its `category` and `services`) becomes an announcement, never
//! an incident, in a document of its own or among the others.
//! Every issue links to its page in the Microsoft 365 admin center ([`admin_center_url`]).
//! Records are read field by field ([`Object`]): a field of the wrong type is an issue and left
//! out, and the rest of its record is kept.
//!
//! Enum words are compared without case or punctuation, so `serviceRestored`, `ServiceRestored`
//! and the legacy API's `Service restored` are one word ([`common::enum_key`]).
//!
//! Level (the raw `classification/status` is kept as `source_impact`):
//!
//! | classification | status | level |
//! | --- | --- | --- |
//! | any | `falsePositive` | ok |
//! | `incident` | `serviceInterruption` | major |
//! | `incident` | anything else | partial |
//! | `advisory` | anything else | degraded |
//! | other or missing (an issue) | as `incident` | |
//!
//! Lifecycle ([`common::lifecycle`]): `investigating`, `reported` → investigating; `confirmed`,
//! `serviceDegradation`, `serviceInterruption` → identified; `restoringService` → mitigating;
//! `verifyingService`, `extendedRecovery`, `mitigated`, `mitigatedExternal` → monitoring;
//! `serviceOperational`, `serviceRestored`, `resolved`, `resolvedExternal`, `falsePositive`,
//! `postIncidentReviewPublished` → resolved; anything else is kept as written.
//!
//! Origin is where the cause lies relative to the service, and the service is Microsoft's:
//! `microsoft` → self, `thirdParty` → third party, `customer` → customer, anything else unknown.
//!
//! Posts become updates, sorted by time, text kept exactly as given (HTML and all; it is shown as
//! text). A post may predate `startDateTime` (Microsoft's own EX226792 example does); it is kept
//! and not clamped. Posts carry no status of their own: those at or after the issue's end, and
//! the latest post of an open issue, carry the issue's status; earlier ones are "investigating".
//!
//! An issue marked resolved (`isResolved`, or a resolved status when that is absent) but without
//! `endDateTime` is closed at its last change, with an issue; an end before the start is clamped.
//!
//! `as_of` is the latest `lastModifiedDateTime` or post time (the latest start or end when there is
//! none); coverage runs from the earliest start to `as_of`. A file with no time at all is an
//! error: it cannot say when anything was true. Not carried: `impactDescription`, `feature`,
//! `featureGroup`, `details`, `highImpact`, and the overview's own `status` (levels come from issues).

use serde_json::Value;

pub(crate) mod common;
pub mod messages;
pub mod pages;

use self::common::{add_service, join, Built, Fields, Post, Record};
use super::fields::Object;
use super::{Absent, Document, Format, IngestError, Notes, Parsed};
use crate::model::Service;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Issues,
    Health,
    Messages,
}

/// The records of a Graph document: each one with its JSON path and what it is.
struct Shape<'a> {
    /// The first record's kind (or the empty collection's).
    kind: Kind,
    records: Vec<(String, &'a Value, Kind)>,
}

fn kind_of(value: &Value) -> Option<Kind> {
    let has = |key: &str| value.get(key).is_some();
    let text = |key: &str| value.get(key).is_some_and(Value::is_string);
    if text("id") && has("startDateTime") && has("classification") {
        Some(Kind::Issues)
    } else if text("id") && text("service") && text("status") && !has("startDateTime") {
        Some(Kind::Health)
    } else if text("id") && has("category") && value.get("services").is_some_and(Value::is_array) {
        Some(Kind::Messages)
    } else {
        None
    }
}

fn shape(json: &Value) -> Option<Shape<'_>> {
    match json {
        Value::Array(items) => collection_shape(items, "", None),
        Value::Object(map) => match map.get("value") {
            Some(Value::Array(items)) => {
                collection_shape(items, "value", map.get("@odata.context").and_then(Value::as_str))
            }
            Some(_) => None,
            None => kind_of(json).map(|kind| Shape { kind, records: vec![(String::new(), json, kind)] }),
        },
        _ => None,
    }
}

/// A collection is told by its first object; an empty one only by its `@odata.context`. Later
/// objects that are plainly the other kind are read as that kind: the items of both collections
/// joined (as the page joins what it asks Graph) are one document.
fn collection_shape<'a>(items: &'a [Value], prefix: &str, context: Option<&str>) -> Option<Shape<'a>> {
    let kind = match items.iter().find(|item| item.is_object()) {
        Some(first) => kind_of(first)?,
        None if items.is_empty() => {
            let context = context?;
            if context.contains("serviceAnnouncement/healthOverviews") {
                Kind::Health
            } else if context.contains("serviceAnnouncement/issues") {
                Kind::Issues
            } else if context.contains("serviceAnnouncement/messages") {
                Kind::Messages
            } else {
                return None;
            }
        }
        None => return None,
    };
    let records = items
        .iter()
        .enumerate()
        .map(|(i, item)| (format!("{prefix}[{i}]"), item, kind_of(item).unwrap_or(kind)))
        .collect();
    Some(Shape { kind, records })
}

pub fn detect(doc: &Document) -> bool {
    doc.json.as_ref().and_then(shape).is_some()
}

/// The document's JSON: the tree the dispatcher already built, or the parse error with its position.
pub(crate) fn json_of(doc: Document) -> Result<Value, IngestError> {
    match doc.json {
        Some(json) => Ok(json),
        None => serde_json::from_str(doc.text).map_err(|e| IngestError::from_json(&e)),
    }
}

pub fn parse(doc: Document) -> Result<Parsed, IngestError> {
    let json = json_of(doc)?;
    let shape = shape(&json).ok_or_else(|| {
        IngestError::UnknownFormat(
            "expected Microsoft Graph service health: a serviceHealthIssue, a list of them \
             ({\"value\": [...]} or an array), serviceHealth overviews with their issues, or \
             message-center posts (serviceUpdateMessage)"
                .into(),
        )
    })?;
    let mut notes = Notes::default();
    let mut services: Vec<Service> = Vec::new();
    let mut built = Built::default();
    // Overviews first: they name the services, whose issues listed on their own then join them.
    let (health, issues): (Vec<_>, Vec<_>) = shape.records.iter().cloned().partition(|r| r.2 == Kind::Health);
    let only_health = shape.kind == Kind::Health && issues.is_empty();
    for (path, value, _) in health {
        if !value.is_object() {
            notes.unreadable(path, "a serviceHealth overview", "not an object");
            continue;
        }
        let o = Object { value, path: &path };
        let Some(id) = o.required(&mut notes, "id") else { continue };
        let name = o.text(&mut notes, "service").unwrap_or_else(|| id.clone());
        add_service(&mut services, &id, &name);
        for (j, value) in o.list(&mut notes, "issues").iter().enumerate() {
            if let Some((mut issue, _)) =
                graph_record(&mut notes, join(&path, &format!("issues[{j}]")), value)
            {
                issue.services = vec![id.clone()];
                built.add(&mut notes, issue);
            }
        }
    }
    let from_overviews = built.incidents.len();
    for (path, value, kind) in issues {
        if kind == Kind::Messages {
            continue; // read below, once every service is named
        }
        let Some((mut issue, service)) = graph_record(&mut notes, path, value) else { continue };
        // The same issue listed again beside its overview's copy: read once.
        if built.incidents[..from_overviews].iter().any(|i| i.id == issue.id) {
            continue;
        }
        match service {
            Some(name) => match services.iter().find(|s| s.name == name) {
                Some(known) => issue.services = vec![known.id.clone()],
                None => {
                    add_service(&mut services, &name, &name);
                    issue.services = vec![name];
                }
            },
            None => notes.names_no_service(join(&issue.path, "service"), Absent::Missing),
        }
        built.add(&mut notes, issue);
    }
    if only_health && built.incidents.is_empty() && built.latest_touch_ms.is_none() {
        return Err(IngestError::Invalid {
            path: "$".into(),
            message: "service health overviews without issues say nothing about when they were true; \
                      request them with ?$expand=issues"
                .into(),
        });
    }
    let mut announcements = Vec::new();
    for (path, value, kind) in &shape.records {
        if *kind != Kind::Messages {
            continue;
        }
        if let Some(a) = messages::announcement(&mut notes, &mut built, &services, path, value) {
            if announcements.iter().any(|b: &crate::model::Announcement| b.id == a.id) {
                notes.duplicate_id(join(path, "id"), &a.id, None);
                continue;
            }
            announcements.push(a);
        }
    }
    crate::model::sort_by_time(&mut announcements, |a| a.start_ms);
    let mut snapshot = built.into_snapshot("Microsoft 365 service health", services)?;
    snapshot.announcements = announcements;
    Ok(Parsed { snapshot, format: Format::MsGraph, issues: notes.into_issues(), history_months: Vec::new() })
}

const GRAPH_FIELDS: Fields = Fields {
    start: "startDateTime",
    end: "endDateTime",
    last_modified: "lastModifiedDateTime",
    post_time: "createdDateTime",
};

/// The `serviceHealthIssue` at `path`, read field by field ([`Object`]), as a record naming no
/// service yet, and the name of its `service`; `None` (with an issue) when it cannot be read.
fn graph_record(notes: &mut Notes, path: String, value: &Value) -> Option<(Record, Option<String>)> {
    if !value.is_object() {
        notes.unreadable(path, "a serviceHealthIssue", "not an object");
        return None;
    }
    let o = Object { value, path: &path };
    let id = o.required(notes, "id")?;
    let mut posts = Vec::new();
    for (k, value) in o.list(notes, "posts").iter().enumerate() {
        let post_path = join(&path, &format!("posts[{k}]"));
        let post = Object { value, path: &post_path };
        let description_path = post.at("description");
        let description =
            Object { value: post.get("description").unwrap_or(&Value::Null), path: &description_path };
        let at = post.text(notes, "createdDateTime");
        let text = description.text(notes, "content").unwrap_or_default();
        posts.push(Post { path: post_path, at, text });
    }
    let record = Record {
        title: o.text(notes, "title").unwrap_or_else(|| id.clone()),
        links: vec![admin_center_url(&id)],
        id,
        path: path.clone(),
        fields: &GRAPH_FIELDS,
        classification: o.text(notes, "classification"),
        status: o.text(notes, "status"),
        severity: None,
        origin: o.text(notes, "origin"),
        services: Vec::new(),
        start: o.text(notes, "startDateTime"),
        end: o.text(notes, "endDateTime"),
        last_modified: o.text(notes, "lastModifiedDateTime"),
        is_resolved: o.flag(notes, "isResolved"),
        posts,
    };
    Some((record, o.text(notes, "service")))
}

/// The issue's page in the Microsoft 365 admin center (Health › Service health), where admins read it.
pub fn admin_center_url(id: &str) -> String {
    format!(
        "https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/{}",
        crate::encoding::percent_encode(id)
    )
}
