//! Unit tests of the Gatus importer: edge cases with exact issue paths and messages.

use super::*;

/// 2024-03-01T12:00:00Z.
const NOON_MS: i64 = 1_709_294_400_000;
const MINUTE_MS: i64 = 60_000;

use crate::ingest::test_support::{doc, issues, pairs};

fn run(text: &str) -> Parsed {
    match parse(doc(text)) {
        Ok(parsed) => parsed,
        Err(e) => panic!("{text}: {e}"),
    }
}

#[test]
fn results_become_samples_and_events_become_incidents() {
    let text = r#"[{"name":"api","group":"core","key":"core_api",
        "results":[
          {"status":200,"duration":150000000,"success":true,"timestamp":"2024-03-01T12:00:00Z"},
          {"status":500,"duration":750500000,"success":false,"timestamp":"2024-03-01T12:01:00Z","errors":["x"]},
          {"status":200,"duration":20000000,"success":true,"timestamp":"2024-03-01T13:01:00+01:00"}],
        "events":[
          {"type":"START","timestamp":"2024-03-01T11:00:00Z"},
          {"type":"UNHEALTHY","timestamp":"2024-03-01T12:01:00Z"},
          {"type":"UNHEALTHY","timestamp":"2024-03-01T12:01:30Z"},
          {"type":"HEALTHY","timestamp":"2024-03-01T12:02:00Z"},
          {"type":"UNHEALTHY","timestamp":"2024-03-01T12:03:00Z"}]}]"#;
    let parsed = run(text);
    let s = &parsed.snapshot;
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    assert_eq!(parsed.format, Format::Gatus);
    assert_eq!(s.title, "Gatus endpoints", "title");
    let service = &s.services[0];
    assert_eq!((service.id.as_str(), service.name.as_str()), ("core_api", "api"), "service");
    assert_eq!(service.group.as_deref(), Some("core"), "group");
    let times_ms = vec![NOON_MS, NOON_MS + MINUTE_MS, NOON_MS + MINUTE_MS];
    let want = Samples::Irregular { times_ms, up_ratio: vec![1.0, 0.0, 1.0] };
    assert_eq!(s.series[0].samples, want, "samples");
    assert_eq!(s.series[0].latency_ms, [150.0, 750.5, 20.0], "latency from nanoseconds");
    assert_eq!(s.incidents.len(), 2, "incidents");
    let first = &s.incidents[0];
    assert_eq!(first.id, format!("core_api-{}", NOON_MS + MINUTE_MS), "id");
    assert_eq!(first.title, "api unhealthy", "title");
    assert_eq!((first.impact, first.origin), (Level::Major, Origin::Unknown), "level");
    assert_eq!(first.source_impact.as_deref(), Some("UNHEALTHY"), "source impact");
    assert_eq!((first.start_ms, first.end_ms), (NOON_MS + MINUTE_MS, Some(NOON_MS + 2 * MINUTE_MS)), "span");
    assert_eq!(first.status, IncidentStatus::Resolved, "closed");
    assert_eq!(first.updates.len(), 2, "updates");
    let open = &s.incidents[1];
    assert_eq!((open.start_ms, open.end_ms), (NOON_MS + 3 * MINUTE_MS, None), "open incident");
    assert_eq!(open.status, IncidentStatus::Other("UNHEALTHY".into()), "open status");
    assert_eq!(s.as_of_ms, NOON_MS + 3 * MINUTE_MS, "as_of");
    assert_eq!(s.coverage, Span::new(NOON_MS - 60 * MINUTE_MS, NOON_MS + 3 * MINUTE_MS), "coverage");
}

#[test]
fn one_endpoint_object_and_null_lists_are_accepted() {
    let text = r#"{"name":"db","key":"_db","results":null}"#;
    let parsed = run(text);
    assert_eq!(parsed.snapshot.services.len(), 1, "services");
    assert!(parsed.snapshot.series.is_empty(), "no series");
    assert_eq!(parsed.snapshot.services[0].group, None, "no group");
    assert_eq!(issues(&parsed), pairs(&[("$", "no timestamps; as_of set to 0 and coverage empty")]));
    let text = r#"{"key":"_db","results":[{"success":true,"timestamp":"nope"}]}"#;
    let want = pairs(&[
        ("results[0].timestamp", "\"nope\" is not a time; sample skipped"),
        ("$", "no timestamps; as_of set to 0 and coverage empty"),
    ]);
    assert_eq!(issues(&run(text)), want, "paths without an array prefix");
}

#[test]
fn ids_fall_back_and_duplicates_are_skipped() {
    let text = r#"[{"name":"only-name","results":[]},{"key":"","name":"","results":[]},
                   {"name":"only-name","results":[]},{"name":5,"results":[]}]"#;
    let parsed = run(text);
    let ids: Vec<(&str, &str)> =
        parsed.snapshot.services.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    assert_eq!(ids, [("only-name", "only-name"), ("endpoint-1", "endpoint-1")], "ids");
    let want = pairs(&[
        ("[2].key", "duplicate id \"only-name\"; skipped"),
        ("[3]", "not a Gatus endpoint status (invalid type: integer `5`, expected a string); skipped"),
        ("$", "no timestamps; as_of set to 0 and coverage empty"),
    ]);
    assert_eq!(issues(&parsed), want);
}

#[test]
fn bad_records_become_issues() {
    let text = r#"[{"key":"k","results":[
          7,
          {"duration":-5,"timestamp":"2024-03-01T12:01:00Z"},
          {"success":true,"timestamp":"0001-01-01T00:00:00Z"},
          {"success":true,"timestamp":"2024-03-01 12:00:00"},
          {"success":false},
          {"success":true,"timestamp":"2024-03-01T12:02:00Z"}],
        "events":[{"type":"DEGRADED","timestamp":"2024-03-01T12:00:00Z"},{"type":"UNHEALTHY"},{"kind":"x"}]}]"#;
    let parsed = run(text);
    let want = pairs(&[
        (
            "[0].results[0]",
            "not a Gatus check result (invalid type: integer `7`, expected struct CheckResult); skipped",
        ),
        ("[0].results[1].success", "missing; read as no data"),
        ("[0].results[1].duration", "-5 ns is outside 0..; read as unknown latency"),
        ("[0].results[2].timestamp", "zero time; sample skipped"),
        ("[0].results[3].timestamp", "\"2024-03-01 12:00:00\" has no time zone; read as UTC"),
        ("[0].results[4].timestamp", "missing; sample skipped"),
        ("[0].results", "not in time order; sorted"),
        ("[0].events[0].type", "unknown event type \"DEGRADED\"; ignored"),
        ("[0].events[1].timestamp", "missing; event skipped"),
        ("[0].events[2]", "not a Gatus event (missing field `type`); skipped"),
    ]);
    assert_eq!(issues(&parsed), want);
    let s = &parsed.snapshot;
    let times_ms = vec![NOON_MS, NOON_MS + MINUTE_MS, NOON_MS + 2 * MINUTE_MS];
    let want = Samples::Irregular { times_ms, up_ratio: vec![1.0, f32::NAN, 1.0] };
    assert_eq!(s.series[0].samples, want, "sorted samples");
    assert!(same_nan(&s.series[0].latency_ms, &[f32::NAN, f32::NAN, f32::NAN]), "latency");
    assert!(s.incidents.is_empty(), "no incident without a usable UNHEALTHY event");
    assert_eq!(s.coverage, Span::new(NOON_MS, NOON_MS + 2 * MINUTE_MS), "coverage");
}

fn same_nan(a: &[f32], b: &[f32]) -> bool {
    crate::model::same_values(a, b)
}

#[test]
fn unsorted_events_are_sorted_before_pairing() {
    let text = r#"[{"key":"k","name":"K","results":[],"events":[
        {"type":"HEALTHY","timestamp":"2024-03-01T12:05:00Z"},
        {"type":"UNHEALTHY","timestamp":"2024-03-01T12:00:00Z"}]}]"#;
    let parsed = run(text);
    assert_eq!(issues(&parsed), pairs(&[("[0].events", "not in time order; sorted")]));
    let incident = &parsed.snapshot.incidents[0];
    assert_eq!((incident.start_ms, incident.end_ms), (NOON_MS, Some(NOON_MS + 5 * MINUTE_MS)), "span");
    assert_eq!(parsed.snapshot.as_of_ms, NOON_MS + 5 * MINUTE_MS, "as_of from events");
}

#[test]
fn fatal_only_for_a_document_of_another_shape() {
    let got = parse(doc("42")).err().map(|e| e.to_string());
    assert_eq!(got.as_deref(), Some("$: expected an array of Gatus endpoint statuses"));
    assert!(matches!(parse(doc("{")), Err(IngestError::NotJson { .. })), "not JSON");
}

#[test]
fn detection_needs_results_and_a_key_or_name() {
    let cases = [
        (r#"[{"name":"n","key":"k","results":[]}]"#, true),
        (r#"[{"key":"k","results":null}]"#, true),
        (r#"{"name":"n","results":[]}"#, true),
        ("[]", false),
        (r#"[{"name":"n","url":"https://x","status":"up","uptime":"100%"}]"#, false),
        (r#"[{"name":"n","results":[]}, 3]"#, false),
        (r#"{"heartbeatList":{}}"#, false),
        ("text", false),
    ];
    for (text, want) in cases {
        assert_eq!(detect(&doc(text)), want, "{text}");
    }
}
