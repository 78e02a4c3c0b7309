//! Microsoft service communications: Microsoft Graph service health (`Format::MsGraph`) and the
//! legacy Office 365 Service Communications API v1 (`Format::O365Legacy`), over the real files in
//! tests/fixtures/msgraph/ (sources in its PROVENANCE.md) and small hand-written records for the
//! edges the real files do not reach.
//!
//! Run with `cargo test --no-default-features --test ingest_msgraph`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::ingest::{self, msgraph, native, o365_legacy, Format, IngestError};
use nines::model::{IncidentStatus, Level, Origin, Samples, Span, TimeMs, MS_PER_DAY};

#[path = "support/reading.rs"]
mod reading;
#[path = "support/times.rs"]
mod times;
use reading::{document, incident, messages, parse_text};
use times::t;

const EX226792: &str = include_str!("fixtures/msgraph/graphdocs_list-issues_EX226792.json");
const OVERVIEWS: &str = include_str!("fixtures/msgraph/graphdocs_healthoverviews-expand-issues.json");
const HEALTH_ARRAY: &str = include_str!("fixtures/msgraph/cli-m365_health-list-with-issues.json");
const CR275975: &str = include_str!("fixtures/msgraph/cli-m365_healthissue-get_CR275975.json");
const MOJIBAKE: &str = include_str!("fixtures/msgraph/cli-m365-docs_health-get_EX415080_mojibake.json");
const CURRENT: &str = include_str!("fixtures/msgraph/o365-legacy_currentstatus_4.json");
const HISTORY: &str = include_str!("fixtures/msgraph/o365-legacy_historicalstatus_bookings_7days.json");
const MESSAGES: &str = include_str!("fixtures/msgraph/o365-legacy_servicemessages_5.json");

/// One Graph issue inside `{"value": [...]}`, with `fields` (JSON members) added or replaced.
fn graph_issue(fields: &str) -> String {
    let mut issue: serde_json::Value = serde_json::from_str(
        r#"{"id": "EX1", "title": "Mail is slow", "classification": "incident", "origin": "microsoft",
            "status": "serviceDegradation", "service": "Exchange Online", "isResolved": false,
            "startDateTime": "2024-03-01T10:00:00Z", "endDateTime": null,
            "lastModifiedDateTime": "2024-03-01T12:00:00Z", "posts": []}"#,
    )
    .expect("base issue");
    let extra: serde_json::Value = serde_json::from_str(&format!("{{{fields}}}")).expect("fields");
    for (key, value) in extra.as_object().expect("object") {
        issue[key] = value.clone();
    }
    serde_json::json!({ "value": [issue] }).to_string()
}

#[test]
fn every_fixture_is_detected_and_read() {
    // (file, text, format, services, incidents, as_of, coverage start)
    let cases: [(&str, &str, Format, usize, usize, &str, &str); 8] = [
        ("EX226792", EX226792, Format::MsGraph, 1, 1, "2020-11-14T18:20:24.767Z", "2020-11-13T21:00:00Z"),
        ("overviews", OVERVIEWS, Format::MsGraph, 1, 1, "2020-11-20T17:56:31.390Z", "2020-11-04T00:00:00Z"),
        (
            "health array",
            HEALTH_ARRAY,
            Format::MsGraph,
            1,
            1,
            "2020-11-20T17:56:31.390Z",
            "2020-11-04T00:00:00Z",
        ),
        ("CR275975", CR275975, Format::MsGraph, 1, 1, "2021-08-06T20:28:36.537Z", "2021-08-02T14:36:00Z"),
        ("mojibake", MOJIBAKE, Format::MsGraph, 1, 1, "2022-08-18T16:46:04.133Z", "2022-08-17T18:27:00Z"),
        (
            "current",
            CURRENT,
            Format::O365Legacy,
            4,
            0,
            "2020-09-18T13:15:36.684Z",
            "2020-09-18T13:15:36.684Z",
        ),
        ("history", HISTORY, Format::O365Legacy, 1, 0, "2020-09-18T00:00:00Z", "2020-09-11T00:00:00Z"),
        ("messages", MESSAGES, Format::O365Legacy, 4, 4, "2020-08-21T21:05:16.937Z", "2020-05-15T18:00:32Z"),
    ];
    for (label, text, format, services, incidents, as_of, coverage_start) in cases {
        let parsed = parse_text(label, text);
        let s = &parsed.snapshot;
        assert_eq!(parsed.format, format, "{label}: format");
        assert_eq!(s.services.len(), services, "{label}: services");
        assert_eq!(s.incidents.len(), incidents, "{label}: incidents");
        assert_eq!(s.as_of_ms, t(as_of), "{label}: as_of");
        assert_eq!(s.coverage, Span::new(t(coverage_start), t(as_of)), "{label}: coverage");
        let want_issues: &[&str] = if label == "messages" {
            &[
                "incident \"EX213379\": open with no update for 84 d before the as-of; stale, ended at its last \
                 update (2020-05-29T20:55:35.743Z): counted 14 d 2 h, not 98 d 3 h",
            ]
        } else {
            &[]
        };
        assert_eq!(messages(&parsed), want_issues, "{label}: issues");
        // Each format is claimed by its own detector only.
        let doc = document(text);
        assert_eq!(msgraph::detect(&doc), format == Format::MsGraph, "{label}: Graph detector");
        assert_eq!(o365_legacy::detect(&doc), format == Format::O365Legacy, "{label}: legacy detector");
        assert!(!ingest::gcp::detect(&doc), "{label}: Google Cloud detector");
    }
}

#[test]
fn graph_issue_collection_maps_every_field() {
    let parsed = parse_text("EX226792", EX226792);
    let i = incident(&parsed, "EX226792");
    assert_eq!(
        i.title,
        "Limited number of users unable to send or receive email through the Exchange Online service"
    );
    assert_eq!(i.impact, Level::Partial, "incident + serviceRestored");
    assert_eq!(i.source_impact.as_deref(), Some("Incident/ServiceRestored"), "raw words kept");
    assert_eq!(i.status, IncidentStatus::Resolved);
    assert_eq!(i.origin, Origin::SelfOperated, "Microsoft runs the service");
    assert_eq!(i.services, ["Exchange Online"]);
    assert_eq!(parsed.snapshot.services[0].name, "Exchange Online");
    assert_eq!((i.start_ms, i.end_ms), (t("2020-11-13T21:00:00Z"), Some(t("2020-11-14T17:15:00Z"))));
    // The post predates the start: kept as published, not clamped, and the level is untouched.
    assert_eq!(i.updates.len(), 1);
    assert_eq!(i.updates[0].at_ms, t("2020-11-12T07:07:38.970Z"));
    assert!(i.updates[0].at_ms < i.start_ms, "post before start kept");
    assert!(i.updates[0].text.starts_with("Title: Limited number of users"), "{:?}", i.updates[0].text);
    assert_eq!(
        i.level_spans(parsed.snapshot.as_of_ms),
        [(Span::new(i.start_ms, i.end_ms.unwrap()), Level::Partial)]
    );
}

#[test]
fn graph_single_issue_posts_are_sorted_and_the_final_one_carries_the_status() {
    let parsed = parse_text("CR275975", CR275975);
    let i = incident(&parsed, "CR275975");
    assert_eq!((i.impact, i.source_impact.as_deref()), (Level::Degraded, Some("advisory/serviceRestored")));
    let got: Vec<(TimeMs, IncidentStatus)> = i.updates.iter().map(|u| (u.at_ms, u.status.clone())).collect();
    assert_eq!(
        got,
        [
            (t("2021-08-06T17:49:34.540Z"), IncidentStatus::Investigating),
            (t("2021-08-06T18:13:57.923Z"), IncidentStatus::Investigating),
            (t("2021-08-06T20:28:36.537Z"), IncidentStatus::Resolved),
        ],
        "posts before the end are in progress; the one after it carries the final status"
    );
    assert!(i.updates[1].text.contains("<a href=\"https://docs.microsoft.com/"), "HTML kept as text");
    assert!(i.updates.iter().all(|u| u.impact.is_none()), "posts carry no level");
}

#[test]
fn graph_health_overviews_in_every_wrapping_and_any_case_read_alike() {
    let collection = parse_text("overviews", OVERVIEWS);
    let bare = parse_text("health array", HEALTH_ARRAY);
    let single = parse_text("mojibake", MOJIBAKE);
    for (label, parsed, id) in [
        ("collection", &collection, "EX226574"),
        ("bare array", &bare, "EX226574"),
        ("single object", &single, "EX415080"),
    ] {
        let service = &parsed.snapshot.services[0];
        assert_eq!(
            (service.id.as_str(), service.name.as_str()),
            ("Exchange", "Exchange Online"),
            "{label}: service"
        );
        let i = incident(parsed, id);
        assert_eq!(i.services, ["Exchange"], "{label}: filed under the overview's id");
        assert_eq!(
            (i.impact, &i.status, i.origin),
            (Level::Degraded, &IncidentStatus::Resolved, Origin::SelfOperated),
            "{label}: PascalCase and camelCase enums"
        );
    }
    assert_eq!(collection.snapshot.incidents, bare.snapshot.incidents, "same issue, same incident");
    assert_eq!(bare.snapshot.incidents[0].source_impact.as_deref(), Some("Advisory/ServiceRestored"));
    assert_eq!(single.snapshot.incidents[0].source_impact.as_deref(), Some("advisory/serviceRestored"));
}

#[test]
fn mojibake_and_literal_backslashes_are_kept_exactly_and_round_trip() {
    let parsed = parse_text("mojibake", MOJIBAKE);
    let i = incident(&parsed, "EX415080");
    assert_eq!(
        i.title,
        "AdminsÔÇÖ downloaded CSV mailbox usage reports via Microsoft 365 admin center donÔÇÖt contain data prior to August 1, 2022"
    );
    let text = &i.updates[0].text;
    assert!(text.starts_with("Title: AdminsÔÇÖ downloaded"), "{text:?}");
    assert!(
        text.contains("August 1, 2022\\\n\nUser impact: AdminsÔÇÖ"),
        "backslash + newline kept: {text:?}"
    );
    assert_eq!(text.matches("\\\n").count(), 2, "both literal backslash-newlines");
    let again =
        ingest::parse(&native::write(&parsed.snapshot), Some(Format::Native)).expect("native round trip");
    assert_eq!(again.snapshot, parsed.snapshot, "written and read back unchanged");
}

#[test]
fn graph_level_and_lifecycle_follow_the_documented_tables() {
    // (classification, status, level, lifecycle)
    let cases: [(&str, &str, Level, IncidentStatus); 12] = [
        ("incident", "serviceInterruption", Level::Major, IncidentStatus::Identified),
        ("Incident", "ServiceInterruption", Level::Major, IncidentStatus::Identified),
        ("incident", "serviceDegradation", Level::Partial, IncidentStatus::Identified),
        ("incident", "investigating", Level::Partial, IncidentStatus::Investigating),
        ("incident", "restoringService", Level::Partial, IncidentStatus::Mitigating),
        ("incident", "extendedRecovery", Level::Partial, IncidentStatus::Monitoring),
        ("incident", "verifyingService", Level::Partial, IncidentStatus::Monitoring),
        ("incident", "postIncidentReviewPublished", Level::Partial, IncidentStatus::Resolved),
        ("incident", "falsePositive", Level::Ok, IncidentStatus::Resolved),
        ("advisory", "serviceInterruption", Level::Degraded, IncidentStatus::Identified),
        (
            "ADVISORY",
            "investigationSuspended",
            Level::Degraded,
            IncidentStatus::Other("investigationSuspended".into()),
        ),
        ("advisory", "confirmed", Level::Degraded, IncidentStatus::Identified),
    ];
    for (classification, status, level, lifecycle) in cases {
        let label = format!("{classification}/{status}");
        let parsed = parse_text(
            &label,
            &graph_issue(&format!(r#""classification": "{classification}", "status": "{status}""#)),
        );
        let i = &parsed.snapshot.incidents[0];
        assert_eq!((i.impact, &i.status), (level, &lifecycle), "{label}");
        assert_eq!(i.source_impact.as_deref(), Some(label.as_str()), "{label}: raw words kept");
        assert!(parsed.issues.is_empty(), "{label}: {:?}", parsed.issues);
    }
}

#[test]
fn graph_origins_and_odd_classifications() {
    // (origin, want)
    let cases = [
        ("thirdParty", Origin::ThirdParty),
        ("Customer", Origin::Customer),
        ("unknownFutureValue", Origin::Unknown),
    ];
    for (origin, want) in cases {
        let parsed = parse_text(origin, &graph_issue(&format!(r#""origin": "{origin}""#)));
        assert_eq!(parsed.snapshot.incidents[0].origin, want, "{origin}");
    }
    let parsed =
        parse_text("odd", &graph_issue(r#""origin": "aliens", "classification": "unknownFutureValue""#));
    assert_eq!(
        messages(&parsed),
        [
            "value[0].classification: unknown classification \"unknownFutureValue\"; read as incident",
            "value[0].origin: unknown origin \"aliens\"; read as unknown",
        ]
    );
    let i = &parsed.snapshot.incidents[0];
    assert_eq!((i.impact, i.origin), (Level::Partial, Origin::Unknown));
}

#[test]
fn graph_open_issue_stays_open_and_its_latest_post_carries_the_status() {
    let parsed = parse_text(
        "open",
        &graph_issue(
            r#""status": "restoringService", "lastModifiedDateTime": "2024-03-01T13:00:00Z", "posts": [
                {"createdDateTime": "2024-03-01T12:30:00Z", "postType": "regular", "description": {"contentType": "html", "content": "second"}},
                {"createdDateTime": "2024-03-01T10:05:00Z", "postType": "regular", "description": {"contentType": "html", "content": "first"}}]"#,
        ),
    );
    let s = &parsed.snapshot;
    let i = &s.incidents[0];
    assert_eq!(i.end_ms, None, "endDateTime null: open");
    assert_eq!(s.as_of_ms, t("2024-03-01T13:00:00Z"), "as_of: the latest change");
    assert_eq!(i.span(s.as_of_ms).duration_ms(), 3 * 3_600_000, "closed at as_of for figures");
    let got: Vec<(&str, &IncidentStatus)> = i.updates.iter().map(|u| (u.text.as_str(), &u.status)).collect();
    assert_eq!(got, [("first", &IncidentStatus::Investigating), ("second", &IncidentStatus::Mitigating)]);
}

#[test]
fn graph_bad_records_become_issues_and_the_rest_is_kept() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&graph_issue(r#""isResolved": true, "status": "serviceRestored""#)).unwrap();
    let good = doc["value"][0].clone();
    let mut backwards = good.clone();
    backwards["id"] = "EX2".into();
    backwards["endDateTime"] = "2024-03-01T09:00:00Z".into();
    let mut no_start = good.clone();
    no_start["id"] = "EX3".into();
    no_start["startDateTime"] = "soon".into();
    let mut bad_post = good.clone();
    bad_post["id"] = "EX4".into();
    bad_post["posts"] = serde_json::json!([{"createdDateTime": "later", "description": {"content": "x"}}]);
    let values = doc["value"].as_array_mut().unwrap();
    values.extend([backwards, no_start, bad_post, good.clone(), serde_json::json!(42)]);
    let parsed = parse_text("bad records", &doc.to_string());
    assert_eq!(
        messages(&parsed),
        [
            "value[0].endDateTime: missing although resolved; closed at the last change (2024-03-01T12:00:00Z)",
            "value[1].endDateTime: 2024-03-01T09:00:00Z is before the start 2024-03-01T10:00:00Z; clamped to the start",
            "value[2].startDateTime: \"soon\" is not a time; record skipped",
            "value[3].posts[0].createdDateTime: \"later\" is not a time; post skipped",
            "value[3].endDateTime: missing although resolved; closed at the last change (2024-03-01T12:00:00Z)",
            "value[4].id: duplicate id \"EX1\"; skipped",
            "value[5]: not a serviceHealthIssue (not an object); skipped",
        ]
    );
    let ids: Vec<&str> = parsed.snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["EX1", "EX2", "EX4"]);
    assert_eq!(
        incident(&parsed, "EX1").end_ms,
        Some(t("2024-03-01T12:00:00Z")),
        "closed at lastModifiedDateTime"
    );
    assert_eq!(incident(&parsed, "EX2").span(0).duration_ms(), 0, "clamped to zero length");
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let cases: [(&str, &str, Option<Format>, &str); 5] = [
        (
            "overviews without issues",
            r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#admin/serviceAnnouncement/healthOverviews",
                "value": [{"service": "Exchange Online", "status": "serviceOperational", "id": "Exchange"}]}"#,
            None,
            "request them with ?$expand=issues",
        ),
        (
            "empty issue page",
            r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#admin/serviceAnnouncement/issues", "value": []}"#,
            None,
            "$: no issue with a readable time",
        ),
        (
            "an empty value without context is nobody's",
            r#"{"value": []}"#,
            None,
            "unrecognised status format",
        ),
        (
            "forced Graph on other JSON",
            r#"{"hello": 1}"#,
            Some(Format::MsGraph),
            "expected Microsoft Graph service health",
        ),
        (
            "forced legacy on a Graph file",
            EX226792,
            Some(Format::O365Legacy),
            "expected an Office 365 Service Communications API v1 response",
        ),
    ];
    for (label, text, format, want) in cases {
        let error = ingest::parse(text, format).expect_err(label).to_string();
        assert!(error.contains(want), "{label}: got {error:?}, want {want:?}");
    }
    let not_json = ingest::parse("{\"value\": [", Some(Format::MsGraph)).expect_err("not JSON");
    assert!(
        matches!(not_json, IngestError::NotJson { line: 1, .. }),
        "forced format keeps the JSON position: {not_json}"
    );
}

#[test]
fn legacy_messages_are_incidents_and_message_center_posts_announcements() {
    let parsed = parse_text("messages", MESSAGES);
    let s = &parsed.snapshot;
    let ids: Vec<&str> = s.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["EX213379", "TM218696", "SP220211", "LY220759"], "by start; MC198615 is no incident");
    // MC198615, the message-center post: an announcement, named by its workload's display name.
    assert_eq!(s.announcements.len(), 1);
    let mc = &s.announcements[0];
    assert_eq!(
        (mc.id.as_str(), mc.title.as_str()),
        ("MC198615", "Updated Feature: Design update, handling repeated phishers in Forms")
    );
    assert_eq!(mc.services, ["Microsoft Forms"]);
    assert_eq!(mc.tags, ["Stay Informed"], "a Normal severity adds nothing; no tags of its own");
    assert_eq!((mc.start_ms, mc.end_ms), (t("2019-12-19T23:26:00Z"), Some(t("2021-02-10T08:00:00Z"))));
    assert_eq!(mc.action_by_ms, None);
    assert!(
        mc.text.starts_with("We are enhancing phishing protection in Microsoft Forms.")
            && !mc.text.contains('<'),
        "its HTML as text: {}",
        mc.text
    );
    assert_eq!(mc.links, ["https://admin.microsoft.com/Adminportal/Home#/MessageCenter/:/messages/MC198615"]);
    let names: Vec<(&str, &str)> = s.services.iter().map(|x| (x.id.as_str(), x.name.as_str())).collect();
    assert_eq!(
        names,
        [
            ("Exchange", "Exchange Online"),
            ("Lync", "Skype for Business"),
            ("SharePoint", "SharePoint Online"),
            ("microsoftteams", "Microsoft Teams")
        ],
        "Forms, named only by the announcement, is not a service"
    );
    // (id, level, source_impact, lifecycle, end)
    let cases: [(&str, Level, &str, IncidentStatus, Option<&str>); 4] = [
        // Still open, but with no post for 84 days before the as-of: stale, ended at its last post.
        (
            "EX213379",
            Level::Degraded,
            "Advisory/Extended recovery/Sev2",
            IncidentStatus::Monitoring,
            Some("2020-05-29T20:55:35.743Z"),
        ),
        (
            "TM218696",
            Level::Degraded,
            "Advisory/Service restored/Sev1",
            IncidentStatus::Resolved,
            Some("2020-08-07T12:34:00Z"),
        ),
        (
            "SP220211",
            Level::Partial,
            "Incident/Service restored/Sev2",
            IncidentStatus::Resolved,
            Some("2020-08-12T00:15:00Z"),
        ),
        (
            "LY220759",
            Level::Ok,
            "Incident/False positive/Sev2",
            IncidentStatus::Resolved,
            Some("2020-08-21T20:00:00Z"),
        ),
    ];
    for (id, level, source_impact, lifecycle, end) in cases {
        let i = incident(&parsed, id);
        assert_eq!(
            (i.impact, i.source_impact.as_deref(), &i.status),
            (level, Some(source_impact), &lifecycle),
            "{id}"
        );
        assert_eq!(i.end_ms, end.map(t), "{id}: end");
        assert_eq!(i.origin, Origin::Unknown, "{id}: the legacy API names no origin");
        assert!(i.updates.windows(2).all(|w| w[0].at_ms <= w[1].at_ms), "{id}: updates in time order");
    }
    let teams = incident(&parsed, "TM218696");
    assert_eq!(teams.updates.len(), 13);
    assert!(
        teams.updates[12].text.starts_with("Title: Any user may have experienced"),
        "the final post sorts last"
    );
    assert_eq!(teams.span(s.as_of_ms).duration_ms() / MS_PER_DAY, 22, "a 23-day advisory (22 d 22 h)");
    let stale = incident(&parsed, "EX213379");
    assert_eq!(stale.end_ms, stale.updates.last().map(|u| u.at_ms), "stale: counted until its last post");
}

#[test]
fn legacy_current_status_gives_services_and_no_history() {
    let parsed = parse_text("current", CURRENT);
    let s = &parsed.snapshot;
    let names: Vec<(&str, &str)> = s.services.iter().map(|x| (x.id.as_str(), x.name.as_str())).collect();
    assert_eq!(
        names,
        [
            ("Forms", "Microsoft Forms"),
            ("Planner", "Planner"),
            ("Stream", "Microsoft Stream"),
            ("SharePoint", "SharePoint Online")
        ]
    );
    assert!(s.coverage.is_empty(), "a current status covers no past time");
    assert!(s.series.is_empty() && s.incidents.is_empty());
}

#[test]
fn legacy_history_becomes_one_sample_per_day() {
    let parsed = parse_text("history", HISTORY);
    let s = &parsed.snapshot;
    assert_eq!(s.services[0].id, "Bookings");
    assert_eq!(s.series.len(), 1);
    assert_eq!(s.series[0].service, "Bookings");
    assert_eq!(
        s.series[0].samples,
        Samples::Regular { start_ms: t("2020-09-11T00:00:00Z"), step_ms: MS_PER_DAY, up_ratio: vec![1.0; 7] },
        "seven operational days, oldest first although the file is newest first"
    );
}

#[test]
fn legacy_history_statuses_map_to_up_ratios() {
    let day = |date: &str, status: &str| {
        format!(
            r#"{{"Id": "Exchange", "Workload": "Exchange", "WorkloadDisplayName": "Exchange Online", "Status": "{status}", "StatusTime": "{date}T00:00:00Z", "IncidentIds": []}}"#
        )
    };
    let records = [
        day("2024-01-06", "ServiceOperational"),
        day("2024-01-05", "Investigating"),
        day("2024-01-04", "ServiceDegradation"),
        day("2024-01-04", "ServiceInterruption"),
        day("2024-01-03", "Gremlins"),
        day("2024-01-01", "FalsePositive"),
    ];
    let text = format!(
        r#"{{"@odata.context": "https://office365servicecomms-prod.cloudapp.net/api/v1.0/contoso.com/$metadata#HistoricalStatus", "value": [{}]}}"#,
        records.join(",")
    );
    let parsed = parse_text("history statuses", &text);
    assert_eq!(
        messages(&parsed),
        [
            "value[4].Status: unknown status \"Gremlins\"; read as no data",
            "value[Workload=Exchange]: 1 days given twice; kept the worse status",
        ]
    );
    let Samples::Regular { start_ms, up_ratio, .. } = &parsed.snapshot.series[0].samples else {
        panic!("regular")
    };
    assert_eq!(*start_ms, t("2024-01-01T00:00:00Z"));
    // 01 false positive, 02 missing, 03 unknown word, 04 interruption beats degradation, 05, 06.
    let want = [Some(1.0), None, None, Some(0.0), Some(0.5), Some(1.0)];
    let got: Vec<Option<f32>> = up_ratio.iter().map(|v| (!v.is_nan()).then_some(*v)).collect();
    assert_eq!(got, want);
    assert_eq!(parsed.snapshot.as_of_ms, t("2024-01-07T00:00:00Z"), "the end of the last day");
}

#[test]
fn legacy_history_with_a_stray_date_skips_the_series_instead_of_allocating_centuries() {
    let text = r#"{"value": [
        {"Id": "Exchange", "Workload": "Exchange", "Status": "ServiceOperational", "StatusTime": "2024-01-02T00:00:00Z"},
        {"Id": "Exchange", "Workload": "Exchange", "Status": "ServiceOperational", "StatusTime": "1024-01-01T00:00:00Z"}
    ]}"#;
    let parsed = parse_text("stray date", text);
    assert_eq!(
        messages(&parsed),
        ["value[Workload=Exchange]: 365245 days from first to last record (the API returns about a month); series skipped"]
    );
    assert!(parsed.snapshot.series.is_empty());
    assert_eq!(parsed.snapshot.services.len(), 1, "the service is still known");
}

#[test]
fn legacy_planned_maintenance_becomes_maintenance() {
    let text = r#"{"value": [
        {"Id": "SP1", "Title": "Upgrade", "MessageType": "PlannedMaintenance", "Workload": "SharePoint",
         "WorkloadDisplayName": "SharePoint Online", "StartTime": "2024-02-01T02:00:00Z",
         "EndTime": "2024-02-01T04:00:00Z", "LastUpdatedTime": "2024-01-20T00:00:00Z", "Messages": []},
        {"Id": "EX9", "Title": "Slow mail", "MessageType": "Incident", "Classification": "Incident",
         "Status": "Service interruption", "Workload": "Exchange", "StartTime": "2024-01-10T00:00:00Z",
         "EndTime": null, "LastUpdatedTime": "2024-01-10T01:00:00Z", "PostIncidentDocumentUrl": "file:///x",
         "Messages": [{"MessageText": "Looking", "PublishedTime": "2024-01-10T00:30:00Z"}]}
    ]}"#;
    let parsed = parse_text("maintenance", text);
    assert_eq!(
        messages(&parsed),
        [
            "value[1].PostIncidentDocumentUrl: \"file:///x\" is not http(s); dropped",
            // The as-of is the maintenance's last update, ten days on.
            "incident \"EX9\": open with no update for 9 d 23 h before the as-of; stale, ended at its last \
             update (2024-01-10T00:30:00Z): counted 30 min, not 10 d"
        ]
    );
    let s = &parsed.snapshot;
    assert_eq!(s.maintenances.len(), 1);
    assert_eq!(s.maintenances[0].services, ["SharePoint"]);
    assert_eq!(s.maintenances[0].span, Span::new(t("2024-02-01T02:00:00Z"), t("2024-02-01T04:00:00Z")));
    let i = incident(&parsed, "EX9");
    assert_eq!(
        (i.impact, &i.status),
        (Level::Major, &IncidentStatus::Identified),
        "display words read like enum words"
    );
    assert_eq!(i.updates[0].status, IncidentStatus::Identified, "the latest post of an open incident");
    assert_eq!(s.as_of_ms, t("2024-01-20T00:00:00Z"), "the maintenance notice is the latest change");
}

#[test]
fn detectors_leave_other_formats_alone() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for dir in std::fs::read_dir(&root).expect("fixtures").flatten() {
        if ["msgraph", "gcp"].iter().any(|own| dir.file_name() == *own) || !dir.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(dir.path()).expect("fixture dir").flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            let doc = document(&text);
            let name = file.path().display().to_string();
            assert!(!msgraph::detect(&doc), "Graph detector claims {name}");
            assert!(!o365_legacy::detect(&doc), "legacy detector claims {name}");
            checked += 1;
        }
    }
    assert!(checked > 0, "found other fixtures to check");
}

/// The demo's Thursday outage as Graph would send it (see PROVENANCE.md), in pages of one item.
#[test]
fn mo1221364_through_graph_pages_reads_as_the_demo_tells_it() {
    let items: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/msgraph/constructed_mo1221364.json")).unwrap();
    // As Graph answers: each collection in pages of one item, linked by @odata.nextLink.
    let pages = |overviews: bool| -> Vec<String> {
        let items: Vec<&serde_json::Value> =
            items.iter().filter(|i| i.get("startDateTime").is_none() == overviews).collect();
        (0..items.len())
            .map(|i| {
                let mut page = serde_json::json!({ "value": [items[i]] });
                if i + 1 < items.len() {
                    page["@odata.nextLink"] =
                        format!("https://graph.microsoft.com/v1.0/x?$skiptoken={}", i + 1).into();
                }
                page.to_string()
            })
            .collect()
    };
    let texts: Vec<String> = pages(true).into_iter().chain(pages(false)).collect();
    let read: Vec<msgraph::pages::Page> =
        texts.iter().map(|t| msgraph::pages::read_page(t).unwrap()).collect();
    assert_eq!(
        read.iter().filter(|p| p.next_link.is_some()).count(),
        2,
        "two of three overview pages link on"
    );
    let joined = msgraph::pages::join_items(read.iter().flat_map(|p| p.items.iter().copied()));
    let parsed = ingest::parse(&joined, Some(Format::MsGraph)).unwrap();
    assert!(
        parsed.issues.is_empty(),
        "the issue listed twice is read once, quietly: {:?}",
        messages(&parsed)
    );
    let services: Vec<(&str, &str)> =
        parsed.snapshot.services.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    assert_eq!(
        services,
        [
            ("Exchange", "Exchange Online"),
            ("microsoftteams", "Microsoft Teams"),
            ("SharePoint", "SharePoint Online")
        ]
    );
    assert_eq!(parsed.snapshot.incidents.len(), 1);

    let graph = incident(&parsed, "MO1221364");
    let demo_parsed = native::parse(include_str!("../public/data/demo.json")).unwrap();
    let demo = incident(&demo_parsed, "MO1221364");
    assert_eq!(graph.title, demo.title);
    assert_eq!((graph.start_ms, graph.end_ms), (demo.start_ms, demo.end_ms));
    assert_eq!(graph.end_ms.unwrap() - graph.start_ms, (24 * 60 + 55) * 60_000, "24 h 55 min");
    assert_eq!(graph.origin, Origin::ThirdParty);
    assert_eq!(graph.services, ["Exchange"], "on Exchange Online's row, named by its overview");
    assert_eq!(graph.status, IncidentStatus::Resolved);
    let times =
        |i: &nines::model::Incident| i.updates.iter().map(|u| (u.at_ms, u.text.clone())).collect::<Vec<_>>();
    assert_eq!(times(graph), times(demo), "the five posts are the demo's five updates");
    assert_eq!(
        graph.links,
        ["https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/MO1221364"]
    );
    // Graph gives one level for an issue (its classification and last status), not one per post:
    // the demo's major part and partial tail are one partial span here.
    assert_eq!(graph.impact, Level::Partial);
}

const MC172851: &str = include_str!("fixtures/msgraph/graphdocs_list-messages_MC172851.json");
const MC_FOUR: &str = include_str!("fixtures/msgraph/cli-m365_messages-list_4.json");

/// Message-center posts are announcements: tags in words, times, plain text, links, and no
/// incident, service or coverage made of them.
#[test]
fn message_center_posts_are_announcements_not_incidents() {
    let doc = parse_text("MC172851", MC172851);
    assert_eq!(doc.format, Format::MsGraph);
    assert!(doc.issues.is_empty(), "{:?}", messages(&doc));
    let s = &doc.snapshot;
    assert_eq!((s.services.len(), s.incidents.len(), s.announcements.len()), (0, 0, 1));
    assert_eq!(s.as_of_ms, t("2021-01-08T01:10:06.843Z"), "as_of: the last modification");
    assert!(s.coverage.spans().is_empty(), "a post observes no service: {:?}", s.coverage);
    let a = &s.announcements[0];
    assert_eq!(a.id, "MC172851");
    assert_eq!(a.title, "(Updated) New feature: Changes to PowerPoint and Word to open files faster");
    assert_eq!(a.services, ["SharePoint Online", "OneDrive for Business"], "names no overview gave an id");
    assert_eq!(a.tags, ["Stay informed", "Major change", "Updated message"], "normal severity adds nothing");
    assert_eq!((a.start_ms, a.end_ms), (t("2019-02-01T18:51:00Z"), Some(t("2019-06-01T08:00:00Z"))));
    assert_eq!(a.action_by_ms, None);
    assert!(
        a.text.starts_with("Updated January 07, 2021: Based on learnings")
            && a.text.ends_with("rollout......")
    );
    assert_eq!(
        a.links,
        [
            "https://admin.microsoft.com/Adminportal/Home#/MessageCenter/:/messages/MC172851",
            "https://support.office.com/article/office-document-cache-settings-4b497318-ae4f-4a99-be42-b242b2e8b692",
        ]
    );

    let four = parse_text("four posts", MC_FOUR);
    assert!(four.issues.is_empty(), "{:?}", messages(&four));
    let s = &four.snapshot;
    let ids: Vec<&str> = s.announcements.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["MC237349", "MC237741", "MC247825", "MC248201"], "by start");
    assert_eq!(s.as_of_ms, t("2022-01-11T19:47:40.097Z"), "MC248201's modification, the latest");
    let skype = &s.announcements[0];
    assert_eq!(skype.tags, ["Plan for change", "User impact", "Admin impact"]);
    assert_eq!(skype.action_by_ms, Some(t("2021-07-31T07:00:00Z")), "action required by");
    assert_eq!(skype.links.len(), 3, "its page, the blog and the docs link: {:?}", skype.links);
    // HTML to text: paragraphs and list items on their own lines, links and markup gone.
    assert!(
        skype.text.starts_with(
            "Originally announced in MC219641 (July '20), as Microsoft Teams has become the core \
             communications client for Microsoft 365, this is a reminder the Skype for Business Online \
             service will retire July 31, 2021. At that point, access to the service will end.\n\
             Please note:\n\
             • Neither the Skype consumer service"
        ),
        "{}",
        skype.text
    );
    for a in &s.announcements {
        assert!(!a.text.contains('<') && !a.text.contains("&gt;"), "{}: markup left: {}", a.id, a.text);
    }
    assert_eq!(
        s.announcements[2].tags,
        ["Plan for change", "Major change", "New feature", "User impact", "Admin impact"]
    );
    assert!(
        s.announcements[3].text.contains("Integrate > Power BI > Visualize this list"),
        "entities decoded"
    );

    // Among the service health collections, a post about a service an overview names gets its
    // id; one about any other service adds no service.
    let mut items: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/msgraph/constructed_mo1221364.json")).unwrap();
    let posts: serde_json::Value = serde_json::from_str(MC_FOUR).unwrap();
    items.extend(posts["value"].as_array().unwrap().iter().cloned());
    let joined = ingest::parse(&serde_json::Value::Array(items).to_string(), None).unwrap();
    let s = &joined.snapshot;
    assert_eq!((s.services.len(), s.incidents.len(), s.announcements.len()), (3, 1, 4));
    let services: Vec<&[String]> = s.announcements.iter().map(|a| a.services.as_slice()).collect();
    assert_eq!(services[1], ["Exchange"], "Exchange Online is the overview's Exchange");
    assert_eq!(services[0], ["Skype for Business"], "kept as written");
    assert_eq!(s.as_of_ms, t("2026-11-20T14:05:00Z"), "the issue's last change, later than any post's");
}

/// What Graph may send that the posts above do not: bad times, a severity, a post without a start.
#[test]
fn message_edges_are_issues_and_never_lose_the_rest() {
    let text = r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#admin/serviceAnnouncement/messages",
      "value": [
        {"id": "MC1", "title": "Ends before it starts", "category": "preventOrFixIssue", "severity": "critical",
         "services": [], "startDateTime": "2024-05-02T00:00:00Z", "endDateTime": "2024-05-01T00:00:00Z",
         "actionRequiredByDateTime": "soon", "body": {"contentType": "text", "content": "<b>kept</b>"},
         "details": [{"name": "ExternalLink", "value": "javascript:alert(1)"}]},
        {"id": "MC2", "title": "No start", "category": "stayInformed", "services": ["Exchange Online"]},
        {"id": "MC1", "title": "Again", "category": "stayInformed", "services": [],
         "startDateTime": "2024-05-03T00:00:00Z"}
      ]}"#;
    let parsed = parse_text("edges", text);
    assert_eq!(
        messages(&parsed),
        [
            "value[0].actionRequiredByDateTime: \"soon\" is not a time; ignored",
            "value[0].endDateTime: 2024-05-01T00:00:00Z is before the start 2024-05-02T00:00:00Z; clamped to the start",
            "value[1].startDateTime: missing; record skipped",
            "value[2].id: duplicate id \"MC1\"; skipped",
        ]
    );
    let a = &parsed.snapshot.announcements;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].tags, ["Prevent or fix issue", "Critical severity"]);
    assert_eq!((a[0].end_ms, a[0].action_by_ms), (Some(t("2024-05-02T00:00:00Z")), None));
    assert_eq!(a[0].text, "<b>kept</b>", "text content is kept as given");
    assert_eq!(a[0].links.len(), 1, "only http(s) links: {:?}", a[0].links);
    // An empty page is known by its context, and says nothing about when it was true.
    let empty = r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#admin/serviceAnnouncement/messages", "value": []}"#;
    assert!(msgraph::detect(&document(empty)));
    assert_eq!(
        ingest::parse(empty, None).map(|_| ()).map_err(|e| e.to_string()),
        Err("$: no issue with a readable time, so nothing says when this status was true".into())
    );
}

/// Issues are read field by field: a field of the wrong type is named and left out, and the rest
/// of the issue is kept.
#[test]
fn a_wrongly_typed_issue_field_is_named_and_the_issue_kept() {
    let text = graph_issue(
        r#""title": 5, "isResolved": "no", "posts": [{"createdDateTime": "2024-03-01T11:00:00Z",
           "description": {"content": ["not", "text"]}}], "service": {"name": "Exchange Online"}"#,
    );
    let parsed = parse_text("wrong types", &text);
    assert_eq!(
        messages(&parsed),
        [
            "value[0].posts[0].description.content: not a string; ignored",
            "value[0].title: not a string; ignored",
            "value[0].isResolved: not true or false; ignored",
            "value[0].service: not a string; ignored",
            "value[0].service: missing; the record names no service",
        ]
    );
    let i = incident(&parsed, "EX1");
    assert_eq!(i.title, "EX1", "the id stands in for the title");
    assert_eq!(i.updates.len(), 1, "the post is kept, without text");
    assert!(i.services.is_empty());
    let health = r#"[{"id": "Exchange", "service": "Exchange Online", "status": "serviceOperational", "issues": {"x": 1}}]"#;
    let error = ingest::parse(health, None).err().map(|e| e.to_string());
    assert!(
        error.is_some_and(|e| e.contains("request them with ?$expand=issues")),
        "issues not a list: none read"
    );
}
