//! Unit tests of the Uptime Kuma importer: edge cases with exact issue paths and messages.

use super::*;

/// 2023-01-05T10:00:00Z.
const T_MS: i64 = 1_672_912_800_000;
const MINUTE_MS: i64 = 60_000;

use crate::ingest::test_support::{doc, issues, pairs};

fn run(text: &str) -> Parsed {
    match parse(doc(text)) {
        Ok(parsed) => parsed,
        Err(e) => panic!("{text}: {e}"),
    }
}

#[test]
fn config_and_heartbeats_in_one_object() {
    let text = r#"{"config":{"slug":"s","title":"Shop"},
        "publicGroupList":[{"name":"Web","monitorList":[
            {"id":2,"name":"front","tags":[{"name":"env","value":"prod"},{"name":"edge","value":""}]},
            {"id":10,"name":"api"}]}],
        "heartbeatList":{
          "10":[{"status":1,"time":"2023-01-05T10:00:00.000Z","ping":42.5}],
          "2":[{"status":1,"time":"2023-01-05 10:00:00","ping":5},
               {"status":0,"time":"2023-01-05 10:01:00","ping":0},
               {"status":2,"time":"2023-01-05 10:02:00","ping":3},
               {"status":3,"time":"2023-01-05 10:03:00","ping":null},
               0,
               {"status":7,"time":"2023-01-05 10:04:00"},
               {"time":"2023-01-05 10:05:00"}],
          "9":[{"status":1,"time":"2023-01-05 10:00:00"}]},
        "uptimeList":{"2_24":0.5}}"#;
    let parsed = run(text);
    let s = &parsed.snapshot;
    assert_eq!(s.title, "Shop", "title");
    let services: Vec<(&str, &str, Option<&str>)> =
        s.services.iter().map(|x| (x.id.as_str(), x.name.as_str(), x.group.as_deref())).collect();
    assert_eq!(services, [("2", "front", Some("Web")), ("10", "api", Some("Web")), ("9", "Monitor 9", None)]);
    assert_eq!(s.services[0].tags, ["env:prod", "edge"], "tags");
    let ids: Vec<&str> = s.series.iter().map(|x| x.service.as_str()).collect();
    assert_eq!(ids, ["2", "9", "10"], "numeric id order");
    let times_ms: Vec<i64> = (0..6).map(|k| T_MS + k * MINUTE_MS).collect();
    let nan = f32::NAN;
    let want = Samples::Irregular { times_ms, up_ratio: vec![1.0, 0.0, 0.0, nan, nan, nan] };
    assert_eq!(s.series[0].samples, want, "UP 1, DOWN 0, PENDING 0, MAINTENANCE/unknown/missing NaN");
    assert!(
        same_values(&s.series[0].latency_ms, &[5.0, nan, nan, nan, nan, nan]),
        "latency of UP beats only"
    );
    assert_eq!(s.series[2].latency_ms, [42.5], "fractional ping");
    assert_eq!(s.as_of_ms, T_MS + 5 * MINUTE_MS, "as_of");
    assert_eq!(s.coverage, Span::new(T_MS, T_MS + 5 * MINUTE_MS), "coverage");
    let want = pairs(&[
        (
            "heartbeatList.2[0].time",
            "\"2023-01-05 10:00:00\" has no time zone; read as UTC (7 times without a zone in the file)",
        ),
        ("heartbeatList.2[5].status", "unknown status 7; read as no data"),
        ("heartbeatList.2[6].status", "missing; read as no data"),
        ("heartbeatList.9", "monitor 9 is not on the status page; named \"Monitor 9\""),
    ]);
    assert_eq!(issues(&parsed), want);
}

fn same_values(a: &[f32], b: &[f32]) -> bool {
    crate::model::same_values(a, b)
}

#[test]
fn incident_styles_map_to_levels() {
    let cases = [
        ("danger", Level::Major),
        ("warning", Level::Degraded),
        ("info", Level::Ok),
        ("primary", Level::Ok),
        ("light", Level::Ok),
        ("dark", Level::Ok),
        ("purple", Level::Unknown),
    ];
    for (style, want) in cases {
        let text = format!(
            r#"{{"config":{{}},"publicGroupList":[],"incident":{{"id":3,"style":"{style}","title":"DB slow",
                "content":"Looking into it","pin":true,"active":true,"createdDate":"2023-01-05 10:00:00",
                "lastUpdatedDate":null}}}}"#
        );
        let parsed = run(&text);
        let incident = &parsed.snapshot.incidents[0];
        assert_eq!(incident.impact, want, "{style}");
        assert_eq!(incident.source_impact.as_deref(), Some(style), "{style} kept");
        if want == Level::Unknown {
            let issue = ("incident.style".to_string(), format!("unknown style {style:?}; read as unknown"));
            assert!(issues(&parsed).contains(&issue), "{style}: {:?}", parsed.issues);
        }
    }
}

#[test]
fn an_active_incident_is_open_and_names_no_service() {
    let text = r#"{"config":{"title":""},"publicGroupList":[{"name":"G","monitorList":[{"id":1,"name":"a"}]}],
        "incident":{"id":3,"style":"danger","title":"DB down","content":"Looking into it","pin":true,
          "createdDate":"2023-01-05 10:00:00","lastUpdatedDate":"2023-01-05 10:30:00"}}"#;
    let parsed = run(text);
    let s = &parsed.snapshot;
    assert_eq!(s.title, "Uptime Kuma status page", "empty title falls back");
    let incident = &s.incidents[0];
    assert_eq!((incident.id.as_str(), incident.title.as_str()), ("3", "DB down"), "id, title");
    assert_eq!((incident.start_ms, incident.end_ms), (T_MS, None), "open");
    assert_eq!(incident.status, IncidentStatus::Other("active".into()), "status");
    assert!(incident.services.is_empty(), "page-wide banner");
    assert_eq!(incident.updates.len(), 1, "one update");
    assert_eq!(incident.updates[0].at_ms, T_MS + 30 * MINUTE_MS, "update at lastUpdatedDate");
    assert_eq!(incident.updates[0].text, "Looking into it", "content");
    assert_eq!(s.as_of_ms, T_MS + 30 * MINUTE_MS, "as_of from the incident without beats");
    assert!(s.coverage.is_empty(), "no coverage without beats");
    assert_eq!(
        issues(&parsed),
        pairs(&[(
            "incident.createdDate",
            "\"2023-01-05 10:00:00\" has no time zone; read as UTC (2 times without a zone in the file)",
        )])
    );
}

#[test]
fn incident_lists_and_their_bad_records() {
    let text = r#"{"config":{},"publicGroupList":[],"incident":null,"incidents":[
        {"id":1,"style":"warning","title":"old","active":false,"createdDate":"2023-01-05T10:00:00Z",
         "lastUpdatedDate":"2023-01-05T09:00:00Z"},
        {"id":2,"style":"info","active":false,"createdDate":"2023-01-05T11:00:00Z"},
        {"id":3,"style":"info","title":"no start"},
        {"title":"no style","createdDate":"2023-01-05T12:00:00Z"},
        "garbage"],
        "maintenanceList":[{"id":1},{"id":2}]}"#;
    let parsed = run(text);
    let spans: Vec<(&str, &str, i64, Option<i64>)> = parsed
        .snapshot
        .incidents
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str(), i.start_ms, i.end_ms))
        .collect();
    let want = [
        ("1", "old", T_MS, Some(T_MS)),
        ("2", "Incident", T_MS + 60 * MINUTE_MS, Some(T_MS + 60 * MINUTE_MS)),
        ("incident-1672920000000", "no style", T_MS + 120 * MINUTE_MS, None),
    ];
    assert_eq!(spans, want, "incidents");
    assert_eq!(parsed.snapshot.incidents[0].status, IncidentStatus::Resolved, "inactive is resolved");
    let want = pairs(&[
        (
            "incidents[0].lastUpdatedDate",
            "2023-01-05T09:00:00Z is before the start 2023-01-05T10:00:00Z; clamped to the start",
        ),
        (
            "incidents[1].lastUpdatedDate",
            "missing although resolved; closed at its start (2023-01-05T11:00:00Z)",
        ),
        ("incidents[2].createdDate", "missing; incident skipped"),
        ("incidents[3].style", "missing; read as unknown"),
        ("incidents[4]", "not an Uptime Kuma incident (not an object); skipped"),
        (
            "maintenanceList",
            "2 maintenance windows not imported: the page does not say which monitors they cover",
        ),
    ]);
    assert_eq!(issues(&parsed), want);
}

#[test]
fn bad_groups_monitors_and_beats_become_issues() {
    let text = r#"{"config":{"title":"T"},"publicGroupList":[
          "x",
          {"name":"G","monitorList":[{"id":true,"name":"bad"},{"id":"7"},{"id":7,"name":"again"},5]}],
        "heartbeatList":{
          "7":[{"status":1,"time":"2023-01-05T10:01:00Z"},{"status":1,"time":"soon"},
               {"status":"up","time":"2023-01-05T10:00:00Z"},{"status":0,"time":"2023-01-05T10:00:00Z"}],
          "8":{"status":1},
          "11":[]}}"#;
    let parsed = run(text);
    let s = &parsed.snapshot;
    let services: Vec<(&str, &str)> = s.services.iter().map(|x| (x.id.as_str(), x.name.as_str())).collect();
    assert_eq!(services, [("7", "Monitor 7"), ("8", "Monitor 8"), ("11", "Monitor 11")], "services");
    let want = Samples::Irregular { times_ms: vec![T_MS, T_MS + MINUTE_MS], up_ratio: vec![0.0, 1.0] };
    assert_eq!(s.series.len(), 1, "series");
    assert_eq!(s.series[0].samples, want, "sorted beats");
    assert!(s.series[0].latency_ms.is_empty(), "no ping at all");
    let want = pairs(&[
        ("publicGroupList[0]", "not an Uptime Kuma group (not an object); skipped"),
        ("publicGroupList[1].monitorList[0].id", "not a number or string; monitor skipped"),
        ("publicGroupList[1].monitorList[2].id", "duplicate id \"7\"; skipped"),
        ("publicGroupList[1].monitorList[3]", "not an Uptime Kuma monitor (not an object); skipped"),
        ("heartbeatList.7[1].time", "\"soon\" is not a time; beat skipped"),
        ("heartbeatList.7[2].status", "not a whole number; beat skipped"),
        ("heartbeatList.7", "not in time order; sorted"),
        ("heartbeatList.8", "monitor 8 is not on the status page; named \"Monitor 8\""),
        ("heartbeatList.8", "not a list; read as no samples"),
        ("heartbeatList.11", "monitor 11 is not on the status page; named \"Monitor 11\""),
    ]);
    assert_eq!(issues(&parsed), want);
}

#[test]
fn empty_and_odd_containers() {
    let parsed = run(r#"{"heartbeatList":{},"uptimeList":{}}"#);
    assert!(parsed.snapshot.services.is_empty(), "no monitors");
    assert_eq!(issues(&parsed), pairs(&[("$", "no timestamps; as_of set to 0 and coverage empty")]));
    let parsed = run(r#"{"config":{},"publicGroupList":{},"incidents":3,"heartbeatList":[]}"#);
    let want = pairs(&[
        ("publicGroupList", "not a list; ignored"),
        ("incidents", "not a list; ignored"),
        ("heartbeatList", "not an object; ignored"),
        ("$", "no timestamps; as_of set to 0 and coverage empty"),
    ]);
    assert_eq!(issues(&parsed), want);
    let got = parse(doc("[1]")).err().map(|e| e.to_string());
    assert_eq!(got.as_deref(), Some("$: expected an Uptime Kuma status page object"), "fatal");
}

#[test]
fn detection_needs_a_heartbeat_map_or_a_config_with_groups() {
    let cases = [
        (r#"{"heartbeatList":{},"uptimeList":{}}"#, true),
        (r#"{"config":{"title":"t"},"incident":null,"publicGroupList":[]}"#, true),
        (r#"{"config":{"title":"t"}}"#, false),
        (r#"{"publicGroupList":[]}"#, false),
        (r#"{"heartbeatList":[]}"#, false),
        (r#"{"page":{"id":"x"},"components":[]}"#, false),
        (r#"[{"key":"k","results":[]}]"#, false),
    ];
    for (text, want) in cases {
        assert_eq!(detect(&doc(text)), want, "{text}");
    }
}

#[test]
fn a_wrongly_typed_field_loses_only_itself() {
    let text = r#"{"config":{"title":"T"},"publicGroupList":[{"name":"G","monitorList":[
          {"id":7,"name":5,"tags":[{"name":1},{"name":"eu","value":"west"}]}]}],
        "heartbeatList":{"7":[{"status":1,"time":"2023-01-05T10:00:00Z","ping":"fast"}]}}"#;
    let parsed = run(text);
    let s = &parsed.snapshot;
    let want = pairs(&[
        ("publicGroupList[0].monitorList[0].tags[0].name", "not a string; ignored"),
        ("publicGroupList[0].monitorList[0].name", "not a string; ignored"),
        ("heartbeatList.7[0].ping", "not a number; ignored"),
    ]);
    assert_eq!(issues(&parsed), want);
    assert_eq!(
        (s.services[0].name.as_str(), s.services[0].tags.as_slice()),
        ("Monitor 7", &["eu:west".to_string()][..])
    );
    assert_eq!(s.series[0].samples.len(), 1, "the beat is kept");
    assert!(s.series[0].latency_ms.is_empty(), "without its latency");
}
