//! Google Cloud status incidents.json (`Format::GoogleCloud`), over the real subset in
//! tests/fixtures/gcp/ (source in its PROVENANCE.md) and small hand-written incidents for the edges
//! the real file does not reach.
//!
//! Run with `cargo test --no-default-features --test ingest_gcp`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::analysis::level_segments;
use nines::ingest::{self, gcp, msgraph, o365_legacy, Format};
use nines::model::{IncidentStatus, Level, Origin, Span, TimeMs, MS_PER_HOUR};

#[path = "support/reading.rs"]
mod reading;
#[path = "support/times.rs"]
mod times;
use reading::{document, incident, messages, parse_text};
use times::t;

const SUBSET: &str = include_str!("fixtures/gcp/gcp_incidents_SUBSET_6.json");

/// Level pieces with neighbours of the same level joined.
fn merged(pieces: Vec<(Span, Level)>) -> Vec<(Span, Level)> {
    let mut out: Vec<(Span, Level)> = Vec::new();
    for (span, level) in pieces {
        match out.last_mut() {
            Some((last, last_level)) if *last_level == level && last.end_ms == span.start_ms => {
                last.end_ms = span.end_ms
            }
            _ => out.push((span, level)),
        }
    }
    out
}

/// One incident in an array, with `fields` (JSON members) added or replaced.
fn one_incident(fields: &str) -> String {
    let mut incident: serde_json::Value = serde_json::from_str(
        r#"{"id": "abc", "number": "1", "begin": "2024-05-01T10:00:00+00:00", "created": "2024-05-01T10:05:00+00:00",
            "end": "2024-05-01T12:00:00+00:00", "modified": "2024-05-01T12:10:00+00:00",
            "external_desc": "Errors in Cloud Run", "updates": [], "status_impact": "SERVICE_DISRUPTION",
            "severity": "medium", "service_key": "run", "service_name": "Cloud Run",
            "affected_products": [{"title": "Cloud Run", "id": "run"}], "uri": "incidents/abc",
            "currently_affected_locations": [], "previously_affected_locations": []}"#,
    )
    .expect("base incident");
    let extra: serde_json::Value = serde_json::from_str(&format!("{{{fields}}}")).expect("fields");
    for (key, value) in extra.as_object().expect("object") {
        incident[key] = value.clone();
    }
    serde_json::json!([incident]).to_string()
}

#[test]
fn the_real_subset_is_detected_and_read() {
    let parsed = parse_text("subset", SUBSET);
    let s = &parsed.snapshot;
    assert_eq!(parsed.format, Format::GoogleCloud);
    // A real incident that lasted two months is flagged, and counted as published.
    let issues: Vec<String> = parsed.issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(
        issues,
        ["incident \"vFhgfrfzzrx6zQo69SdQ\": lasts 58 d 18 h, more than 30 days; counted in full"]
    );
    assert_eq!(s.title, "Google Cloud status");
    assert_eq!(s.as_of_ms, t("2022-07-01T19:25:46Z"), "the latest modification (an update's)");
    assert_eq!(s.coverage, Span::new(t("2021-07-27T07:00:00Z"), s.as_of_ms), "from the earliest begin");
    let ids: Vec<&str> = s.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "vFhgfrfzzrx6zQo69SdQ",
            "8DhiwfKvD987f5tJrj1G",
            "4Qvmd4q81VnA9RirCMqV",
            "3NTkKG1x382cHtxQGM76",
            "iAgVMxJUfE1J9et7j9KB",
            "TaA75H7XA1DQyM2ReK2f",
        ],
        "oldest first, although the feed is newest first"
    );
    assert_eq!(s.services.len(), 27, "affected products, each once across incidents");
    assert_eq!(s.regions.len(), 30, "affected locations, each once");
    assert_eq!(s.service("LCSbT57h59oR4W98NHuz").map(|x| x.name.as_str()), Some("Google Kubernetes Engine"));
    assert_eq!(s.region_name("us-central1"), "Iowa (us-central1)");
    assert_eq!(s.region_name("global"), "Global");
    let doc = document(SUBSET);
    assert!(
        gcp::detect(&doc) && !msgraph::detect(&doc) && !o365_legacy::detect(&doc),
        "only the GCP detector"
    );
}

#[test]
fn every_incident_maps_level_span_products_and_places() {
    let parsed = parse_text("subset", SUBSET);
    // (id, level, source_impact, duration, products, regions, updates)
    let cases: [(&str, Level, &str, i64, usize, usize, usize); 6] = [
        ("vFhgfrfzzrx6zQo69SdQ", Level::Partial, "SERVICE_DISRUPTION/medium", 5_079_180_000, 1, 0, 6),
        ("8DhiwfKvD987f5tJrj1G", Level::Partial, "SERVICE_DISRUPTION/medium", 90 * 60_000, 23, 0, 4),
        (
            "4Qvmd4q81VnA9RirCMqV",
            Level::Major,
            "SERVICE_OUTAGE/high",
            10 * MS_PER_HOUR + 36 * 60_000,
            14,
            1,
            18,
        ),
        ("3NTkKG1x382cHtxQGM76", Level::Major, "SERVICE_OUTAGE/high", 38_000, 1, 1, 2),
        ("iAgVMxJUfE1J9et7j9KB", Level::Major, "SERVICE_OUTAGE/high", 93 * 60_000, 4, 6, 3),
        ("TaA75H7XA1DQyM2ReK2f", Level::Degraded, "SERVICE_INFORMATION/low", 20_881_000, 1, 29, 5),
    ];
    for (id, level, source_impact, duration_ms, products, regions, updates) in cases {
        let i = incident(&parsed, id);
        assert_eq!((i.impact, i.source_impact.as_deref()), (level, Some(source_impact)), "{id}: level");
        assert_eq!(i.span(parsed.snapshot.as_of_ms).duration_ms(), duration_ms, "{id}: duration");
        assert_eq!(
            (i.services.len(), i.regions.len(), i.updates.len()),
            (products, regions, updates),
            "{id}: counts"
        );
        assert_eq!(
            (&i.status, i.origin),
            (&IncidentStatus::Resolved, Origin::Unknown),
            "{id}: status, origin"
        );
        assert_eq!(i.links, [format!("https://status.cloud.google.com/incidents/{id}")], "{id}: link");
        assert!(i.updates.windows(2).all(|w| w[0].at_ms <= w[1].at_ms), "{id}: updates in time order");
        // Updates inside the span repeat the incident's level; AVAILABLE comes at or after the end,
        // except in the 38 s incident, where Google said "available" one second before its end.
        let whole = i.span(parsed.snapshot.as_of_ms);
        let ok_tail_ms = if id == "3NTkKG1x382cHtxQGM76" { 1000 } else { 0 };
        let mut want = vec![(Span::new(whole.start_ms, whole.end_ms - ok_tail_ms), level)];
        if ok_tail_ms > 0 {
            want.push((Span::new(whole.end_ms - ok_tail_ms, whole.end_ms), Level::Ok));
        }
        assert_eq!(merged(i.level_spans(parsed.snapshot.as_of_ms)), want, "{id}: level over time");
    }
    let gke = incident(&parsed, "vFhgfrfzzrx6zQo69SdQ");
    assert_eq!(gke.span(0).duration_ms() / MS_PER_HOUR, 1410, "the 1410 h GKE incident");
    assert_eq!(
        gke.title,
        "Issues with GKE 1.20 (lower than 1.20.9-gke.2100) node pools using Docker as runtime."
    );
    let window = Span::new(t("2021-07-01T00:00:00Z"), t("2021-10-01T00:00:00Z"));
    let segments = level_segments(&parsed.snapshot, "LCSbT57h59oR4W98NHuz", None, window);
    let partial: Vec<Span> = segments.iter().filter(|s| s.level == Level::Partial).map(|s| s.span).collect();
    assert_eq!(partial, [gke.span(0)], "the dashboard sees GKE partly down for the whole incident");
}

#[test]
fn updates_keep_their_status_words_and_set_levels() {
    let parsed = parse_text("subset", SUBSET);
    let i = incident(&parsed, "3NTkKG1x382cHtxQGM76");
    let got: Vec<(TimeMs, &IncidentStatus, Option<Level>)> =
        i.updates.iter().map(|u| (u.at_ms, &u.status, u.impact)).collect();
    assert_eq!(
        got,
        [
            (t("2022-05-09T08:48:00Z"), &IncidentStatus::Other("service_outage".into()), Some(Level::Major)),
            (t("2022-05-09T08:48:32Z"), &IncidentStatus::Resolved, Some(Level::Ok)),
        ]
    );
    assert!(i.updates[0].text.starts_with("Summary: Google Infrastructure Configuration Server"));
    let regions = &incident(&parsed, "iAgVMxJUfE1J9et7j9KB").regions;
    assert!(regions.iter().any(|r| r == "asia-east1"), "previously affected locations count: {regions:?}");
}

#[test]
fn an_escalating_incident_starts_at_its_first_update_level() {
    let parsed = parse_text(
        "escalation",
        &one_incident(
            r#""status_impact": "SERVICE_OUTAGE", "severity": "high", "updates": [
              {"created": "2024-05-01T12:00:00+00:00", "modified": "2024-05-01T12:00:00+00:00", "when": "2024-05-01T12:00:00+00:00",
               "text": "Fixed", "status": "AVAILABLE", "affected_locations": []},
              {"created": "2024-05-01T11:00:00+00:00", "modified": "2024-05-01T11:00:00+00:00", "when": "2024-05-01T11:00:00+00:00",
               "text": "Worse", "status": "SERVICE_OUTAGE", "affected_locations": [{"title": "Belgium (europe-west1)", "id": "europe-west1"}]},
              {"created": "2024-05-01T10:10:00+00:00", "modified": "2024-05-01T10:10:00+00:00", "when": "2024-05-01T10:10:00+00:00",
               "text": "Looking", "status": "SERVICE_INFORMATION", "affected_locations": []}]"#,
        ),
    );
    let s = &parsed.snapshot;
    let i = &s.incidents[0];
    assert_eq!(i.impact, Level::Degraded, "starts at the first update's level");
    assert_eq!(
        merged(i.level_spans(s.as_of_ms)),
        [
            (Span::new(t("2024-05-01T10:00:00Z"), t("2024-05-01T11:00:00Z")), Level::Degraded),
            (Span::new(t("2024-05-01T11:00:00Z"), t("2024-05-01T12:00:00Z")), Level::Major),
        ]
    );
    assert_eq!(i.regions, ["europe-west1"], "an update's locations count");
    assert_eq!(s.regions[0].name, "Belgium (europe-west1)");
    assert_eq!(s.services[0].id, "run");
}

#[test]
fn level_falls_back_to_severity_then_unknown() {
    // (fields, level, issues)
    let cases: [(&str, Level, &[&str]); 4] = [
        (r#""status_impact": "SERVICE_OUTAGE""#, Level::Major, &[]),
        (r#""status_impact": "SERVICE_INFORMATION", "severity": "high""#, Level::Degraded, &[]),
        (r#""status_impact": null, "severity": "HIGH""#, Level::Major, &[]),
        (
            r#""status_impact": "SERVICE_WOBBLE", "severity": null"#,
            Level::Unknown,
            &["[0].status_impact: unknown impact \"SERVICE_WOBBLE\"; read as unknown"],
        ),
    ];
    for (fields, level, issues) in cases {
        let parsed = parse_text(fields, &one_incident(fields));
        assert_eq!(parsed.snapshot.incidents[0].impact, level, "{fields}");
        assert_eq!(messages(&parsed), issues, "{fields}");
    }
}

#[test]
fn services_links_and_open_incidents() {
    // (fields, services, links, status)
    let cases: [(&str, &[&str], &[&str], IncidentStatus); 5] = [
        (
            r#""affected_products": [], "service_key": "gce", "service_name": "Compute""#,
            &["gce"],
            &["https://status.cloud.google.com/incidents/abc"],
            IncidentStatus::Resolved,
        ),
        (
            r#""affected_products": [{"title": "A", "id": "a"}, {"title": "A", "id": "a"}]"#,
            &["a"],
            &["https://status.cloud.google.com/incidents/abc"],
            IncidentStatus::Resolved,
        ),
        (
            r#""uri": "https://status.cloud.google.com/incident/x/1""#,
            &["run"],
            &["https://status.cloud.google.com/incident/x/1"],
            IncidentStatus::Resolved,
        ),
        (
            r#""uri": "/incidents/abc", "end": null"#,
            &["run"],
            &["https://status.cloud.google.com/incidents/abc"],
            IncidentStatus::Investigating,
        ),
        (r#""uri": "javascript:alert(1)""#, &["run"], &[], IncidentStatus::Resolved),
    ];
    for (fields, services, links, status) in cases {
        let parsed = parse_text(fields, &one_incident(fields));
        let i = &parsed.snapshot.incidents[0];
        assert_eq!(i.services, services, "{fields}: services");
        assert_eq!(i.links, links, "{fields}: links");
        assert_eq!(i.status, status, "{fields}: status");
    }
    let open = parse_text("open", &one_incident(r#""end": null"#));
    assert_eq!(open.snapshot.incidents[0].end_ms, None);
    let dropped = parse_text("bad uri", &one_incident(r#""uri": "javascript:alert(1)""#));
    assert_eq!(messages(&dropped), ["[0].uri: \"javascript:alert(1)\" is not http(s); dropped"]);
    let zall = parse_text("zall", &one_incident(r#""affected_products": [], "service_key": "zall""#));
    assert_eq!(messages(&zall), ["[0].affected_products: empty; the record names no service"]);
}

#[test]
fn bad_records_become_issues_and_the_rest_is_kept() {
    let good: serde_json::Value = serde_json::from_str(&one_incident("")).unwrap();
    let good = good[0].clone();
    let with = |id: &str, key: &str, value: serde_json::Value| {
        let mut x = good.clone();
        x["id"] = id.into();
        x[key] = value;
        x
    };
    let mut bad_update = with(
        "d",
        "updates",
        serde_json::json!([{"when": "whenever", "text": "x", "status": "AVAILABLE"}, {"text": "y"}]),
    );
    bad_update["end"] = serde_json::Value::Null;
    let records = serde_json::json!([
        good.clone(),
        with("b", "end", "2024-05-01T09:00:00+00:00".into()),
        with("c", "begin", serde_json::Value::Null),
        bad_update,
        good.clone(),
        {"title": "no id"},
        with("e", "begin", "2024-05-01T10:00:00".into()),
        with("f", "external_desc", 7.into()),
        with("g", "affected_products", serde_json::json!([{"id": "x"}])),
    ]);
    let parsed = parse_text("bad records", &records.to_string());
    assert_eq!(
        messages(&parsed),
        [
            "[1].end: 2024-05-01T09:00:00Z is before the start 2024-05-01T10:00:00Z; clamped to the start",
            "[2].begin: missing; record skipped",
            "[3].updates[0].when: \"whenever\" is not a time; update skipped",
            "[3].updates[1].when: missing; update skipped",
            "[4].id: duplicate id \"abc\"; skipped",
            "[5].id: missing; record skipped",
            "[6].begin: \"2024-05-01T10:00:00\" has no time zone; read as UTC",
            "[7].external_desc: not a string; ignored",
            "[8].affected_products[0]: not a product or place with an id and a title; dropped",
        ]
    );
    let ids: Vec<&str> = parsed.snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["abc", "b", "d", "e", "f", "g"], "a wrong field loses only itself");
    assert_eq!(incident(&parsed, "f").title, "f", "the id stands in for the title");
    assert_eq!(incident(&parsed, "b").span(0).duration_ms(), 0, "clamped to zero length");
    assert_eq!(incident(&parsed, "d").updates.len(), 0);
}

#[test]
fn other_arrays_are_not_google_cloud() {
    let cases: [(&str, &str); 4] = [
        ("empty array", "[]"),
        ("numbers", "[1, 2]"),
        ("statuspage-like components", r#"[{"id": "x", "name": "API", "status": "operational"}]"#),
        (
            "Graph issues",
            r#"[{"id": "EX1", "startDateTime": "2024-01-01T00:00:00Z", "classification": "incident"}]"#,
        ),
    ];
    for (label, text) in cases {
        let doc = document(text);
        assert!(!gcp::detect(&doc), "{label}");
    }
    let error =
        ingest::parse(r#"{"incidents": []}"#, Some(Format::GoogleCloud)).expect_err("object").to_string();
    assert!(error.contains("expected Google Cloud status incidents.json"), "{error}");
    let error =
        ingest::parse(r#"[{"title": "x"}]"#, Some(Format::GoogleCloud)).expect_err("no incident").to_string();
    assert!(error.contains("no incident with a readable time"), "{error}");
}
