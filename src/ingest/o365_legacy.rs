//! The legacy Office 365 Service Communications API, v1 (`office365servicecomms`, retired in favour
//! of Microsoft Graph; PascalCase fields). Three responses, each told by its records' fields, never
//! by Graph's camelCase ones:
//!
//! - **Messages** (`{"value": [{Id, Title, StartTime, EndTime, Status, Severity, Classification,
//!   Workload, WorkloadDisplayName, MessageType, Messages: [{MessageText, PublishedTime}], ...}]}`):
//!   `MessageType` `Incident` (or none) becomes an incident, read like a Graph issue (level,
//!   lifecycle and update tables in [`super::msgraph`]; `source_impact` is
//!   `Classification/Status/Severity`; `EndTime` null is open, e.g. "Extended recovery"; origin is
//!   unknown, the API has no such field; `PostIncidentDocumentUrl` is a link when http(s)).
//!   `PlannedMaintenance` becomes maintenance. A `MessageCenter` post becomes an announcement
//!   (never an incident): `Category` as written, `Severity` but `Normal` as `<word> severity`,
//!   `Major change` when `IsMajorChange`, then `MessageTagNames`; `StartTime` required,
//!   `EndTime` and `ActionRequiredByDate` when they read; its `Messages` as plain text
//!   ([`super::msgraph::messages::html_text`]); its message-center page, then `ExternalLink`,
//!   `BlogLink` and `HelpLink` when http(s). It names its workloads by display name unless an
//!   incident or maintenance makes them services. The service is `Workload` (name `WorkloadDisplayName`), or
//!   `AffectedWorkloadNames` when there is no `Workload`. `as_of` is the latest `LastUpdatedTime`
//!   or `PublishedTime`; coverage runs from the earliest start.
//! - **CurrentStatus** (`{"value": [{Id, Workload, WorkloadDisplayName, Status, StatusTime,
//!   IncidentIds, FeatureStatus | FeatureGroupStatusCollection}]}`): one record per workload,
//!   giving services only. It says nothing about the past, so `as_of` is the latest `StatusTime` and
//!   coverage is empty (every service reads "no data" rather than a guessed "up").
//! - **HistoricalStatus** (the same records, one per workload per day, newest first): told from
//!   CurrentStatus by `@odata.context` naming it or by a workload appearing twice. Each workload
//!   gets services plus a regular series of one sample per UTC day (step 86 400 s) whose up-ratio
//!   is 1 for `ServiceOperational`, `ServiceRestored`, `FalsePositive`,
//!   `PostIncidentReportPublished`, `InvestigationSuspended`; 0 for `ServiceInterruption`; 0.5 for
//!   `ServiceDegradation` and every status of an incident still open that day (`Investigating`,
//!   `RestoringService`, `VerifyingService`, `ExtendedRecovery`); no data for
//!   `InformationUnavailable`, for days missing and (with an issue) for words not listed. Two
//!   records for one day keep the worse. Coverage is the days given: first day to the end of the
//!   last, which is `as_of`.
//!
//! The API was retired in 2021, so no page can fetch it live: its files are read by the
//! command-line tool only (`nines convert`), and the reader stays out of the web bundle, as
//! Upptime's YAML reader does. The page still detects them, to say where they are read.
// In the web build only `detect` is used.
#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use serde::Deserialize;
use serde_json::Value;

use super::msgraph::common::{add_service, enum_key, join, record, time, Built, Fields, Post, Record};
use super::msgraph::json_of;
use super::msgraph::messages::{html_text, message_center_url, tags};
use super::{Absent, Document, Format, IngestError, Notes, Parsed, Then};
use crate::model::{Announcement, Maintenance, Samples, Series, Service, Snapshot, Span, TimeMs, MS_PER_DAY};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireMessage {
    id: String,
    title: Option<String>,
    start_time: Option<String>,
    end_time: Option<String>,
    last_updated_time: Option<String>,
    status: Option<String>,
    severity: Option<String>,
    classification: Option<String>,
    message_type: Option<String>,
    workload: Option<String>,
    workload_display_name: Option<String>,
    affected_workload_names: Option<Vec<String>>,
    affected_workload_display_names: Option<Vec<String>>,
    messages: Option<Vec<WireMessageText>>,
    post_incident_document_url: Option<String>,
    // Message-center posts only.
    category: Option<String>,
    action_required_by_date: Option<String>,
    is_major_change: Option<bool>,
    message_tag_names: Option<Vec<String>>,
    external_link: Option<String>,
    blog_link: Option<String>,
    help_link: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireMessageText {
    message_text: Option<String>,
    published_time: Option<String>,
}

/// A CurrentStatus or HistoricalStatus record; the feature breakdown is not read.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireWorkloadStatus {
    id: Option<String>,
    workload: Option<String>,
    workload_display_name: Option<String>,
    status: Option<String>,
    status_time: Option<String>,
}

impl WireWorkloadStatus {
    fn service_id(&self) -> Option<&str> {
        self.workload.as_deref().or(self.id.as_deref())
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Messages,
    CurrentStatus,
    HistoricalStatus,
}

fn kind_of(value: &Value) -> Option<Kind> {
    let has = |key: &str| value.get(key).is_some();
    if !value.get("Id").is_some_and(Value::is_string) {
        return None;
    }
    if has("MessageType") || (has("Messages") && has("StartTime")) {
        Some(Kind::Messages)
    } else if has("Workload") && has("StatusTime") {
        Some(Kind::CurrentStatus)
    } else {
        None
    }
}

/// The kind of records and each one with its JSON path.
fn shape(json: &Value) -> Option<(Kind, Vec<(String, &Value)>)> {
    let (items, prefix, context) = match json {
        Value::Array(items) => (items, "", None),
        Value::Object(map) => match map.get("value") {
            Some(Value::Array(items)) => (items, "value", map.get("@odata.context").and_then(Value::as_str)),
            _ => return None,
        },
        _ => return None,
    };
    let context = context.unwrap_or_default();
    let mut kind = match items.iter().find(|item| item.is_object()) {
        Some(first) => kind_of(first)?,
        None if items.is_empty() && context.contains("office365servicecomms") => {
            if context.ends_with("#Messages") {
                Kind::Messages
            } else {
                Kind::CurrentStatus
            }
        }
        None => return None,
    };
    if kind == Kind::CurrentStatus && (context.ends_with("#HistoricalStatus") || workload_repeats(items)) {
        kind = Kind::HistoricalStatus;
    }
    Some((kind, items.iter().enumerate().map(|(i, item)| (format!("{prefix}[{i}]"), item)).collect()))
}

fn workload_repeats(items: &[Value]) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        let Some(name) = item.get("Workload").or_else(|| item.get("Id")).and_then(Value::as_str) else {
            continue;
        };
        if seen.contains(&name) {
            return true;
        }
        seen.push(name);
    }
    false
}

pub fn detect(doc: &Document) -> bool {
    doc.json.as_ref().and_then(shape).is_some()
}

/// The retired API's files are read natively only (`nines convert`): its reader stays out of the
/// web bundle, as Upptime's YAML reader does.
#[cfg(target_arch = "wasm32")]
pub fn parse(_doc: Document) -> Result<Parsed, IngestError> {
    Err(IngestError::UnknownFormat(
        "files of the retired Office 365 Service Communications API (v1) are read by the nines \
         command-line tool: convert them with `nines convert FILE --to nines`; for live data, use a \
         `microsoft365` source (Microsoft Graph)"
            .into(),
    ))
}

#[cfg(not(target_arch = "wasm32"))]
pub fn parse(doc: Document) -> Result<Parsed, IngestError> {
    let json = json_of(doc)?;
    let (kind, records) = shape(&json).ok_or_else(|| {
        IngestError::UnknownFormat(
            "expected an Office 365 Service Communications API v1 response: {\"value\": [...]} of \
             Messages, CurrentStatus or HistoricalStatus records"
                .into(),
        )
    })?;
    let mut notes = Notes::default();
    let snapshot = match kind {
        Kind::Messages => messages(&mut notes, records)?,
        Kind::CurrentStatus | Kind::HistoricalStatus => {
            statuses(&mut notes, records, kind == Kind::HistoricalStatus)?
        }
    };
    Ok(Parsed {
        snapshot,
        format: Format::O365Legacy,
        issues: notes.into_issues(),
        history_months: Vec::new(),
    })
}

const LEGACY_FIELDS: Fields = Fields {
    start: "StartTime",
    end: "EndTime",
    last_modified: "LastUpdatedTime",
    post_time: "PublishedTime",
};

fn messages(notes: &mut Notes, records: Vec<(String, &Value)>) -> Result<Snapshot, IngestError> {
    let mut services: Vec<Service> = Vec::new();
    let mut built = Built::default();
    let mut maintenances: Vec<Maintenance> = Vec::new();
    let mut announcements: Vec<Announcement> = Vec::new();
    for (path, value) in records {
        let Some(m) = record::<WireMessage>(notes, &path, value, "a service message") else { continue };
        let message_type = m.message_type.as_deref().map(enum_key).unwrap_or_else(|| "incident".into());
        let ids = workloads(&m, &mut services);
        if ids.is_empty() && message_type != "messagecenter" {
            notes.names_no_service(join(&path, "Workload"), Absent::Missing);
        }
        match message_type.as_str() {
            "incident" => {
                let record = legacy_record(notes, path, m, ids);
                built.add(notes, record);
            }
            "plannedmaintenance" => {
                if let Some(maintenance) = maintenance(notes, &mut built, &path, m, ids) {
                    maintenances.push(maintenance);
                }
            }
            "messagecenter" => announcements.extend(announcement(notes, &mut built, &path, m, ids)),
            _ => notes.unknown(
                join(&path, "MessageType"),
                "message type",
                &m.message_type.unwrap_or_default(),
                Then::Skipped(""),
            ),
        }
    }
    // Services only announcements named would be empty rows: they name those by display name.
    let (kept, named_only): (Vec<Service>, Vec<Service>) = services.into_iter().partition(|s| {
        built.incidents.iter().any(|i| i.services.contains(&s.id))
            || maintenances.iter().any(|m| m.services.contains(&s.id))
    });
    for id in announcements.iter_mut().flat_map(|a| &mut a.services) {
        if let Some(only) = named_only.iter().find(|s| s.id == *id) {
            id.clone_from(&only.name);
        }
    }
    let mut snapshot = built.into_snapshot("Office 365 service messages", kept)?;
    crate::model::sort_by_time(&mut maintenances, |m| m.span.start_ms);
    crate::model::sort_by_time(&mut announcements, |a| a.start_ms);
    snapshot.maintenances = maintenances;
    snapshot.announcements = announcements;
    Ok(snapshot)
}

/// The message's service ids, adding each to `services`.
fn workloads(m: &WireMessage, services: &mut Vec<Service>) -> Vec<String> {
    let pairs: Vec<(String, String)> = match &m.workload {
        Some(id) => vec![(id.clone(), m.workload_display_name.clone().unwrap_or_else(|| id.clone()))],
        None => {
            let names = m.affected_workload_display_names.as_deref().unwrap_or_default();
            let ids = m.affected_workload_names.as_deref().unwrap_or_default();
            ids.iter().enumerate().map(|(k, id)| (id.clone(), names.get(k).unwrap_or(id).clone())).collect()
        }
    };
    for (id, name) in &pairs {
        add_service(services, id, name);
    }
    pairs.into_iter().map(|(id, _)| id).collect()
}

fn legacy_record(notes: &mut Notes, path: String, m: WireMessage, services: Vec<String>) -> Record {
    let posts = m
        .messages
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(k, post)| Post {
            path: join(&path, &format!("Messages[{k}]")),
            at: post.published_time,
            text: post.message_text.unwrap_or_default(),
        })
        .collect();
    let links = m
        .post_incident_document_url
        .filter(|url| !url.is_empty())
        .into_iter()
        .filter(|url| {
            let allowed = url.starts_with("https://") || url.starts_with("http://");
            if !allowed {
                notes.not_http(join(&path, "PostIncidentDocumentUrl"), url);
            }
            allowed
        })
        .collect();
    Record {
        title: m.title.unwrap_or_else(|| m.id.clone()),
        id: m.id,
        path,
        fields: &LEGACY_FIELDS,
        classification: m.classification,
        status: m.status.filter(|s| !s.is_empty()),
        severity: m.severity,
        origin: None,
        services,
        start: m.start_time,
        end: m.end_time,
        last_modified: m.last_updated_time,
        is_resolved: None,
        posts,
        links,
    }
}

fn maintenance(
    notes: &mut Notes,
    built: &mut Built,
    path: &str,
    m: WireMessage,
    services: Vec<String>,
) -> Option<Maintenance> {
    let mut time = |field: &str, text: Option<&str>| match text {
        Some(text) => time(notes, join(path, field), text, Then::Skipped("maintenance")),
        None => {
            notes.missing(join(path, field), Then::Skipped("maintenance"));
            None
        }
    };
    let start_ms = time("StartTime", m.start_time.as_deref())?;
    let end_ms = time("EndTime", m.end_time.as_deref())?;
    if let Some(at_ms) = m.last_updated_time.as_deref().and_then(|text| read_ms(notes, path, text)) {
        built.touch(at_ms);
    }
    Some(Maintenance {
        id: m.id.clone(),
        title: m.title.unwrap_or(m.id),
        services,
        regions: Vec::new(),
        span: Span::new(start_ms, end_ms),
    })
}

/// The message-center post `m` at `path` as an announcement of `services` (see the module docs).
fn announcement(
    notes: &mut Notes,
    built: &mut Built,
    path: &str,
    m: WireMessage,
    services: Vec<String>,
) -> Option<Announcement> {
    let Some(start) = m.start_time.as_deref() else {
        notes.missing(join(path, "StartTime"), Then::Skipped("record"));
        return None;
    };
    let start_ms = time(notes, join(path, "StartTime"), start, Then::Skipped("record"))?;
    let mut optional = |field: &str, text: Option<&str>| {
        text.filter(|t| !t.is_empty()).and_then(|t| time(notes, join(path, field), t, Then::Ignored))
    };
    let end_ms = optional("EndTime", m.end_time.as_deref());
    let action_by_ms = optional("ActionRequiredByDate", m.action_required_by_date.as_deref());
    if let Some(end) = end_ms.filter(|end| *end < start_ms) {
        notes.end_clamped(join(path, "EndTime"), end, start_ms);
    }
    let end_ms = end_ms.map(|end| end.max(start_ms));
    if let Some(at_ms) = m.last_updated_time.as_deref().and_then(|text| read_ms(notes, path, text)) {
        built.touch(at_ms);
    }
    let major_change = m.is_major_change == Some(true);
    let tags = tags(m.category, m.severity, major_change, m.message_tag_names.unwrap_or_default());
    let texts = m.messages.unwrap_or_default().into_iter().filter_map(|post| post.message_text);
    let text = texts.map(|t| html_text(&t)).collect::<Vec<_>>().join("\n");
    let others = [m.external_link, m.blog_link, m.help_link].into_iter().flatten();
    let links = std::iter::once(message_center_url(&m.id))
        .chain(others.filter(|l| l.starts_with("https://") || l.starts_with("http://")))
        .collect();
    Some(Announcement {
        title: m.title.unwrap_or_else(|| m.id.clone()),
        id: m.id,
        services,
        tags,
        start_ms,
        end_ms,
        action_by_ms,
        text,
        links,
    })
}

fn read_ms(notes: &mut Notes, path: &str, text: &str) -> Option<TimeMs> {
    time(notes, join(path, "LastUpdatedTime"), text, Then::Ignored)
}

fn statuses(
    notes: &mut Notes,
    records: Vec<(String, &Value)>,
    historical: bool,
) -> Result<Snapshot, IngestError> {
    let mut services: Vec<Service> = Vec::new();
    // (service, day start, up-ratio), for the historical series.
    let mut days: Vec<(String, TimeMs, f32)> = Vec::new();
    let mut latest_ms: Option<TimeMs> = None;
    for (path, value) in records {
        let Some(r) = record::<WireWorkloadStatus>(notes, &path, value, "a workload status") else {
            continue;
        };
        let Some(id) = r.service_id().map(str::to_owned) else {
            notes.missing(join(&path, "Workload"), Then::Skipped("record"));
            continue;
        };
        add_service(&mut services, &id, r.workload_display_name.as_deref().unwrap_or(&id));
        let Some(at_ms) = (match r.status_time.as_deref() {
            Some(text) => time(notes, join(&path, "StatusTime"), text, Then::Skipped("record")),
            None => {
                notes.missing(join(&path, "StatusTime"), Then::Skipped("record"));
                None
            }
        }) else {
            continue;
        };
        latest_ms = Some(latest_ms.map_or(at_ms, |t| t.max(at_ms)));
        if historical {
            let status = r.status.as_deref().unwrap_or_default();
            let ratio = day_up_ratio(status).unwrap_or_else(|| {
                notes.unknown(join(&path, "Status"), "status", status, Then::ReadAs("no data"));
                f32::NAN
            });
            days.push((id, at_ms.div_euclid(MS_PER_DAY) * MS_PER_DAY, ratio));
        }
    }
    let latest_ms = latest_ms.ok_or_else(|| IngestError::Invalid {
        path: "value".into(),
        message: "no record with a readable StatusTime, so nothing says when this status was true".into(),
    })?;
    if !historical {
        let title = "Office 365 current status".to_owned();
        let coverage = Span::new(latest_ms, latest_ms);
        return Ok(Snapshot {
            title,
            as_of_ms: latest_ms,
            coverage: coverage.into(),
            services,
            ..Snapshot::default()
        });
    }
    let first_day_ms = days.iter().map(|d| d.1).min().unwrap_or(latest_ms);
    let as_of_ms = days.iter().map(|d| d.1).max().unwrap_or(latest_ms) + MS_PER_DAY;
    let series = services.iter().filter_map(|s| day_series(notes, s, &days)).collect();
    Ok(Snapshot {
        title: "Office 365 service status history".into(),
        as_of_ms,
        coverage: Span::new(first_day_ms, as_of_ms).into(),
        services,
        series,
        ..Snapshot::default()
    })
}

/// A bound on one history series, far above the month or so the API returns, so that a stray date
/// cannot make it allocate for centuries.
const MAX_HISTORY_DAYS: usize = 3660;

/// One sample per day from the service's first day to its last; two records for a day keep the worse.
fn day_series(notes: &mut Notes, service: &Service, days: &[(String, TimeMs, f32)]) -> Option<Series> {
    let mine: Vec<(TimeMs, f32)> = days.iter().filter(|d| d.0 == service.id).map(|d| (d.1, d.2)).collect();
    let start_ms = mine.iter().map(|d| d.0).min()?;
    let end_ms = mine.iter().map(|d| d.0).max()?;
    let count = usize::try_from((end_ms - start_ms) / MS_PER_DAY + 1).ok()?;
    if count > MAX_HISTORY_DAYS {
        notes.note(
            format!("value[Workload={}]", service.id),
            format!("{count} days from first to last record (the API returns about a month); series skipped"),
        );
        return None;
    }
    let mut up_ratio = vec![f32::NAN; count];
    let mut doubled = 0usize;
    for (day_ms, ratio) in mine {
        let Some(slot) =
            usize::try_from((day_ms - start_ms) / MS_PER_DAY).ok().and_then(|i| up_ratio.get_mut(i))
        else {
            continue;
        };
        if !slot.is_nan() {
            doubled += 1;
            if ratio < *slot {
                *slot = ratio;
            }
        } else {
            *slot = ratio;
        }
    }
    if doubled > 0 {
        notes.note(
            format!("value[Workload={}]", service.id),
            format!("{doubled} days given twice; kept the worse status"),
        );
    }
    let samples = Samples::Regular { start_ms, step_ms: MS_PER_DAY, up_ratio };
    Some(Series { service: service.id.clone(), region: None, samples, latency_ms: Vec::new() })
}

/// A day's up-ratio from its status (table in the module docs); `None` for an unknown word.
fn day_up_ratio(status: &str) -> Option<f32> {
    match enum_key(status).as_str() {
        "serviceoperational"
        | "servicerestored"
        | "falsepositive"
        | "postincidentreportpublished"
        | "postincidentreviewpublished"
        | "pirpublished"
        | "resolved"
        | "resolvedexternal"
        | "investigationsuspended" => Some(1.0),
        "serviceinterruption" => Some(0.0),
        "servicedegradation" | "investigating" | "restoringservice" | "verifyingservice"
        | "extendedrecovery" | "mitigated" | "mitigatedexternal" | "confirmed" | "reported" => Some(0.5),
        "informationunavailable" => Some(f32::NAN),
        _ => None,
    }
}
