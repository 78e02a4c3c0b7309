//! The Statuspage v2 importer over real captures (tests/fixtures/statuspage/, sources in
//! PROVENANCE.md there) and hand-written edge cases (inline, marked as such).
//!
//! Run with `cargo test --no-default-features --test ingest_statuspage`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::analysis::{current_level, level_segments, overall_status};
use nines::ingest::{self, Document, Format, IngestError, Parsed};
use nines::model::{Incident, IncidentStatus, Level, Origin, Snapshot, Span, TimeMs};

#[path = "support/reading.rs"]
mod reading;
#[path = "support/times.rs"]
mod times;
use reading::fixture_text;
use times::t;

/// Reads with format detection, and checks that naming the format gives the same result.
fn read(text: &str) -> Parsed {
    let detected = ingest::parse(text, None).unwrap_or_else(|e| panic!("does not read: {e}"));
    assert_eq!(detected.format, Format::Statuspage, "detected format");
    let hinted = ingest::parse(text, Some(Format::Statuspage)).expect("reads with the format named");
    assert_eq!(hinted.snapshot, detected.snapshot, "hinted and detected reads agree");
    assert_eq!(hinted.issues, detected.issues, "hinted and detected issues agree");
    detected
}

fn read_fixture(name: &str) -> Parsed {
    read(&fixture_text("statuspage", name))
}

fn the_incident(s: &Snapshot) -> &Incident {
    assert_eq!(s.incidents.len(), 1, "one incident");
    &s.incidents[0]
}

fn issue_paths(parsed: &Parsed) -> Vec<&str> {
    parsed.issues.iter().map(|i| i.path.as_str()).collect()
}

/// An incident's level over time with equal neighbours merged, as (start, end, level).
fn level_timeline(incident: &Incident, as_of_ms: TimeMs) -> Vec<(TimeMs, TimeMs, Level)> {
    let mut merged: Vec<(TimeMs, TimeMs, Level)> = Vec::new();
    for (span, level) in incident.level_spans(as_of_ms) {
        match merged.last_mut() {
            Some(last) if last.2 == level && last.1 == span.start_ms => last.1 = span.end_ms,
            _ => merged.push((span.start_ms, span.end_ms, level)),
        }
    }
    merged
}

/// What one fixture should read as: counts of services, incidents and maintenances, and the
/// paths of the issues.
struct Expected {
    title: &'static str,
    counts: (usize, usize, usize),
    as_of: &'static str,
    issues: &'static [&'static str],
}

#[test]
fn every_fixture_reads_with_its_counts_title_and_as_of() {
    const GITHUB_2022: &str = "2022-08-10T08:09:51.596Z";
    const CLAMPED: &[&str] = &["incident.resolved_at"];
    let e = |title, counts, as_of, issues| Expected { title, counts, as_of, issues };
    let cases = [
        ("claude_scheduled-maintenances.json", e("Claude", (2, 0, 2), "2026-09-15T11:14:48.639Z", &[])),
        ("emma_incidents_2019_local-offsets.json", e("Emma", (20, 22, 0), "2019-02-21T14:31:24.239Z", &[])),
        // No page: the latest component updated_at dates the file.
        ("github_components.json", e("", (12, 0, 0), "2026-08-17T21:15:46.595Z", &[])),
        ("github_incident_2010_zero-duration.json", e("GitHub", (0, 1, 0), GITHUB_2022, &[])),
        ("github_incident_29-updates.json", e("GitHub", (8, 1, 0), "2023-02-18T05:02:21.886Z", &[])),
        (
            "github_incident_critical_2023-06-29.json",
            e("GitHub", (10, 1, 0), "2023-09-21T07:55:25.665Z", &[]),
        ),
        ("github_incident_minimal.json", e("GitHub", (1, 1, 0), GITHUB_2022, &[])),
        (
            "github_incident_resolved-6days-before-started_2020-11.json",
            e("GitHub", (0, 1, 0), GITHUB_2022, CLAMPED),
        ),
        (
            "github_incident_resolved-before-started_2020-03-31.json",
            e("GitHub", (0, 1, 0), GITHUB_2022, CLAMPED),
        ),
        ("openai_summary_incidentio.json", e("OpenAI", (25, 0, 0), "2026-07-09T19:25:56Z", &[])),
    ];
    for (name, want) in cases {
        let parsed = read_fixture(name);
        let s = &parsed.snapshot;
        assert_eq!(s.title, want.title, "{name}: title");
        let counts = (s.services.len(), s.incidents.len(), s.maintenances.len());
        assert_eq!(counts, want.counts, "{name}: services, incidents, maintenances");
        assert_eq!(s.as_of_ms, t(want.as_of), "{name}: as_of");
        assert_eq!(issue_paths(&parsed), want.issues, "{name}: issues {:?}", parsed.issues);
        assert!(s.regions.is_empty() && s.series.is_empty(), "{name}: no regions, no series");
        assert!(s.incidents.iter().all(|i| i.origin == Origin::Unknown), "{name}: origin unknown");
        assert!(s.incidents.windows(2).all(|w| w[0].start_ms <= w[1].start_ms), "{name}: incidents by start");
        for incident in &s.incidents {
            let times: Vec<TimeMs> = incident.updates.iter().map(|u| u.at_ms).collect();
            assert!(times.windows(2).all(|w| w[0] <= w[1]), "{name}/{}: updates in time order", incident.id);
            assert!(
                incident.end_ms.is_none_or(|end| end >= incident.start_ms),
                "{name}/{}: end",
                incident.id
            );
            for service in &incident.services {
                assert!(s.service(service).is_some(), "{name}/{}: service {service} is listed", incident.id);
            }
        }
    }
}

#[test]
fn impact_words_map_to_levels_and_the_word_is_kept() {
    // Emma has none/minor/major incidents, the GitHub 2023-06-29 incident is critical.
    let emma = read_fixture("emma_incidents_2019_local-offsets.json").snapshot;
    let critical = read_fixture("github_incident_critical_2023-06-29.json").snapshot;
    let cases = [
        (&emma, "x0ljvc9m1wxj", "none", Level::Degraded),
        (&emma, "x9wt6q4wbbvn", "minor", Level::Degraded),
        (&emma, "gm8jc9315cyk", "major", Level::Partial),
        (&critical, "gqx5l06jjxhp", "critical", Level::Major),
    ];
    for (s, id, word, level) in cases {
        let incident = s.incidents.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("incident {id}"));
        assert_eq!(incident.impact, level, "{id}: level of {word:?}");
        assert_eq!(incident.source_impact.as_deref(), Some(word), "{id}: source impact");
    }
}

#[test]
fn old_schema_starts_at_created_at_and_local_offsets_become_utc() {
    let s = read_fixture("emma_incidents_2019_local-offsets.json").snapshot;
    // (id, start, end, shortlink): CST (-06:00) in winter, CDT (-05:00) in summer.
    let cases = [
        ("x0ljvc9m1wxj", "2019-02-20T18:00:19.418Z", "2019-02-20T19:40:58.572Z", "http://stspg.io/7a0d3a4d2"),
        ("407hb58lq8nq", "2018-11-02T14:42:00.645Z", "2018-11-02T18:40:15.859Z", "http://stspg.io/d5ad74bf1"),
        ("qfcmvk731yl3", "2017-06-11T11:55:00Z", "2017-06-11T13:20:00Z", "http://stspg.io/c9db7dd62"),
    ];
    for (id, start, end, link) in cases {
        let incident = s.incidents.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("incident {id}"));
        assert_eq!(incident.start_ms, t(start), "{id}: start");
        assert_eq!(incident.end_ms, Some(t(end)), "{id}: end");
        assert_eq!(incident.status, IncidentStatus::Resolved, "{id}: status");
        assert_eq!(incident.links, [link], "{id}: link");
    }
    // The list covers from its oldest incident to as-of.
    assert_eq!(s.coverage, Span::new(t("2017-06-11T11:55:00Z"), t("2019-02-21T14:31:24.239Z")), "coverage");
    // Services come from affected_components only; the 2017 incidents name none.
    let outage = s.incidents.iter().find(|i| i.id == "gm8jc9315cyk").expect("the 2018-10-22 outage");
    assert_eq!(outage.services.len(), 20, "the 2018-10-22 outage names every component");
    assert_eq!(s.service("2c2s8g36k06d").map(|x| x.name.as_str()), Some("API"), "service name");
    // Two updates share 2017-06-13T19:25Z; written monitoring then resolved, listed newest first.
    let tie = s.incidents.iter().find(|i| i.id == "tfh6kf42yy37").expect("2017-06-13 incident");
    let statuses: Vec<&str> = tie.updates.iter().map(|u| u.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["investigating", "identified", "monitoring", "resolved"],
        "same-minute updates keep their order"
    );
    let old = s.incidents.iter().find(|i| i.id == "qfcmvk731yl3").expect("2017 incident");
    assert!(old.services.is_empty(), "placeholder affected_components name no service");
}

#[test]
fn resolved_before_started_is_clamped_to_the_start_with_an_issue() {
    let cases = [
        (
            "github_incident_resolved-6days-before-started_2020-11.json",
            "2020-11-16T09:55:00.989Z",
            "2020-11-10T20:00:00Z",
        ),
        (
            "github_incident_resolved-before-started_2020-03-31.json",
            "2020-03-31T09:09:46.298Z",
            "2020-03-31T08:00:00Z",
        ),
    ];
    for (name, start, resolved) in cases {
        let parsed = read_fixture(name);
        let incident = the_incident(&parsed.snapshot);
        assert_eq!(incident.start_ms, t(start), "{name}: start is started_at");
        assert_eq!(incident.end_ms, Some(t(start)), "{name}: end clamped to the start");
        let issue = &parsed.issues[0];
        assert_eq!(issue.path, "incident.resolved_at", "{name}: issue path");
        assert!(issue.message.contains(resolved) && issue.message.contains("clamped"), "{name}: {issue}");
        assert_eq!(
            parsed.snapshot.coverage,
            Span::new(t(start), t(start)),
            "{name}: coverage is the incident"
        );
    }
}

/// The real 44-minute incident with its `resolved_at` typed three years late (2026 for 2023): it
/// ends at its resolved update, and the issue says what it counts for and what it would have.
#[test]
fn resolved_years_after_its_resolved_update_ends_at_that_update_with_an_issue() {
    let text = fixture_text("statuspage", "github_incident_critical_2023-06-29.json").replace(
        "\"resolved_at\": \"2023-06-29T18:36:19.000Z\"",
        "\"resolved_at\": \"2026-06-29T18:36:19.000Z\"",
    );
    assert!(text.contains("2026-06-29T18:36:19.000Z"), "the fixture's resolved_at was replaced");
    let parsed = read(&text);
    let incident = the_incident(&parsed.snapshot);
    assert_eq!(incident.end_ms, Some(t("2023-06-29T18:36:19Z")), "the resolved update's display time");
    let issues: Vec<String> = parsed.issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(
        issues,
        ["incident \"gqx5l06jjxhp\": resolved at 2026-06-29T18:36:19Z, 1096 d after its closing update; \
             ended at that update (2023-06-29T18:36:19Z): counted 44 min, not 1096 d"]
    );
}

#[test]
fn zero_duration_incident_keeps_its_html_body_verbatim() {
    let text = fixture_text("statuspage", "github_incident_2010_zero-duration.json");
    let raw: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
    let body = raw["incident"]["incident_updates"][0]["body"].as_str().expect("body");
    assert!(body.starts_with("<ul><li><strong>2010-02-07"), "the fixture body is HTML");

    let parsed = read(&text);
    let incident = the_incident(&parsed.snapshot);
    assert_eq!(
        (incident.start_ms, incident.end_ms),
        (t("2010-02-07T06:00:00Z"), Some(t("2010-02-07T06:00:00Z")))
    );
    assert!(incident.span(parsed.snapshot.as_of_ms).is_empty(), "zero duration");
    assert!(incident.level_spans(parsed.snapshot.as_of_ms).is_empty(), "no time at any level");
    assert_eq!(incident.updates.len(), 1, "updates");
    assert_eq!(incident.updates[0].text, body, "body kept exactly, tags and all");
    assert_eq!(incident.updates[0].impact, None, "affected_components null sets no level");
    assert_eq!(incident.links, ["http://stspg.io/302753d9d"], "shortlink");
    assert!(incident.services.is_empty(), "no components");
}

#[test]
fn backfilled_update_is_placed_at_its_display_time() {
    // The update was written in 2018 (created_at) and is shown at 2011-07-28 (display_at).
    let parsed = read_fixture("github_incident_minimal.json");
    let incident = the_incident(&parsed.snapshot);
    assert_eq!(incident.updates.len(), 1, "updates");
    assert_eq!(incident.updates[0].at_ms, t("2011-07-28T03:06:00Z"), "display_at, not created_at");
    assert_eq!(incident.updates[0].impact, Some(Level::Ok), "Git Operations operational");
    assert_eq!(incident.services, ["8l4ygp009s5s"], "services");
    assert_eq!(parsed.snapshot.services[0].name, "Git Operations", "service name");
}

#[test]
fn twenty_nine_updates_sorted_with_levels_from_affected_components() {
    let parsed = read_fixture("github_incident_29-updates.json");
    let s = &parsed.snapshot;
    let incident = the_incident(s);
    assert_eq!(incident.updates.len(), 29, "updates");
    assert_eq!(incident.updates[0].at_ms, t("2023-02-18T03:45:31.335Z"), "oldest first");
    assert_eq!(incident.updates[28].status, IncidentStatus::Resolved, "resolved last");
    assert_eq!(incident.impact, Level::Partial, "impact major");
    let names: Vec<&str> = s.services.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        ["API Requests", "Webhooks", "Issues", "Pull Requests", "Actions", "Packages", "Pages", "Codespaces"],
        "services in the incident's order"
    );
    // The first update finds Pull Requests operational, partial outages follow, then every
    // component in major outage from 04:44:27 (Actions still so at the resolving update).
    let timeline = level_timeline(incident, s.as_of_ms);
    let want = [
        ("2023-02-18T03:45:31.283Z", "2023-02-18T03:45:31.335Z", Level::Partial),
        ("2023-02-18T03:45:31.335Z", "2023-02-18T03:47:44.906Z", Level::Ok),
        ("2023-02-18T03:47:44.906Z", "2023-02-18T04:44:27.070Z", Level::Partial),
        ("2023-02-18T04:44:27.070Z", "2023-02-18T05:02:16.705Z", Level::Major),
    ];
    let want: Vec<(TimeMs, TimeMs, Level)> = want.iter().map(|(a, b, l)| (t(a), t(b), *l)).collect();
    assert_eq!(timeline, want, "level timeline");
}

#[test]
fn critical_incident_over_ten_components_steps_down_to_ok() {
    let parsed = read_fixture("github_incident_critical_2023-06-29.json");
    let s = &parsed.snapshot;
    let incident = the_incident(s);
    assert_eq!(incident.services.len(), 10, "affected services");
    assert_eq!(s.service("pjmpxvq2cmr2").map(|x| x.name.as_str()), Some("Copilot"), "a service name");
    let timeline = level_timeline(incident, s.as_of_ms);
    let want = [
        ("2023-06-29T17:52:11.466Z", "2023-06-29T18:22:22.171Z", Level::Major),
        ("2023-06-29T18:22:22.171Z", "2023-06-29T18:35:47.915Z", Level::Partial),
        ("2023-06-29T18:35:47.915Z", "2023-06-29T18:36:19Z", Level::Ok),
    ];
    let want: Vec<(TimeMs, TimeMs, Level)> = want.iter().map(|(a, b, l)| (t(a), t(b), *l)).collect();
    assert_eq!(timeline, want, "level timeline");

    // What the dashboard draws for one service over the incident.
    let window = Span::new(t("2023-06-29T17:00:00Z"), t("2023-06-29T19:00:00Z"));
    let segments: Vec<(TimeMs, TimeMs, Level)> = level_segments(s, "brv1bkgrwx7q", None, window)
        .into_iter()
        .map(|seg| (seg.span.start_ms, seg.span.end_ms, seg.level))
        .collect();
    let coverage_start = t("2023-06-29T17:52:11.466Z");
    let coverage_end = t("2023-06-29T18:36:19Z");
    assert_eq!(
        segments,
        [
            (window.start_ms, coverage_start, Level::Unknown),
            (coverage_start, t("2023-06-29T18:22:22.171Z"), Level::Major),
            (t("2023-06-29T18:22:22.171Z"), t("2023-06-29T18:35:47.915Z"), Level::Partial),
            (coverage_end, window.end_ms, Level::Unknown),
        ],
        "API Requests: outside a single incident's own span nothing is known"
    );
}

#[test]
fn maintenance_window_is_scheduled_for_until_not_started_at() {
    let parsed = read_fixture("claude_scheduled-maintenances.json");
    let s = &parsed.snapshot;
    // (id, start, end, services); started_at is 2024-12-13T18:39 and 2025-08-29T01:23:38.
    let cases: [(&str, &str, &str, &[&str]); 2] = [
        ("16z0qdmy3qv2", "2024-12-15T01:00:00Z", "2024-12-15T01:30:00Z", &["rwppv331jlwc", "0qbwn08sd68x"]),
        ("x017628t2rl5", "2025-08-29T01:25:00Z", "2025-08-29T02:40:00Z", &["rwppv331jlwc"]),
    ];
    assert_eq!(s.maintenances.len(), cases.len(), "maintenances");
    for (m, (id, start, end, services)) in s.maintenances.iter().zip(cases) {
        assert_eq!(m.id, id, "order by start");
        assert_eq!(m.span, Span::new(t(start), t(end)), "{id}: window");
        assert_eq!(m.services, services, "{id}: services");
    }
    assert!(s.incidents.is_empty(), "a maintenance is not an incident");
    let console = s.service("0qbwn08sd68x").expect("console service");
    assert_eq!(
        console.name, "Claude Console (platform.claude.com)",
        "the component's name, not the update's"
    );
    // A maintenance list lists no incidents: it covers only the instant its current levels are
    // read at, and the time between its windows stays unknown, not operational.
    assert_eq!(s.coverage, Span::new(s.as_of_ms - 1, s.as_of_ms), "coverage");
    let window = Span::new(t("2024-12-15T01:00:00Z"), t("2024-12-15T02:00:00Z"));
    let segments = level_segments(s, "0qbwn08sd68x", None, window);
    let levels: Vec<(Span, Level)> = segments.iter().map(|g| (g.span, g.level)).collect();
    assert_eq!(levels, [(window, Level::Unknown)], "outside the coverage, even a window is not claimed");
}

#[test]
fn incident_io_summary_lists_services_and_states_the_present() {
    let parsed = read_fixture("openai_summary_incidentio.json");
    let s = &parsed.snapshot;
    assert_eq!(s.services[0].id, "01JMXBRMFE4MAP2BHSJNZ787WX", "ULID ids kept");
    assert_eq!(s.services[0].name, "Images", "first service");
    assert!(s.services.iter().all(|x| x.group.is_none()), "no groups");
    assert_eq!(s.coverage, Span::new(s.as_of_ms - 1, s.as_of_ms), "covers the instant before as-of");
    assert_eq!(current_level(s, "01JMXBRMFE4MAP2BHSJNZ787WX"), Level::Ok, "current level");
    assert_eq!(overall_status(s).sentence, "All services operational.", "status line");
}

#[test]
fn bare_component_array_lists_services_in_file_order() {
    let s = read_fixture("github_components.json").snapshot;
    let names: Vec<&str> = s.services.iter().take(3).map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Git Operations", "Webhooks", "Visit www.githubstatus.com for more information"]);
    assert_eq!(s.services[11].name, "Copilot AI Model Providers", "last service");
}

// ---- Hand-written cases (not captures) ----

#[test]
fn odd_elements_of_a_component_array_are_read_as_components() {
    let text = r#"[{"id": "x", "name": "X", "status": "operational", "updated_at": "2024-01-01T00:00:00Z"},
                   {"id": "y", "name": "Y", "status": "some new word"},
                   {"name": "no id", "status": "operational"},
                   5]"#;
    let parsed = read(text);
    let ids: Vec<&str> = parsed.snapshot.services.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["x", "y"], "services");
    assert_eq!(issue_paths(&parsed), ["[2].id", "[3]"], "issues: {:?}", parsed.issues);
    let message = &parsed.issues[1].message;
    assert_eq!(message, "not a Statuspage component (not an object); skipped");
}

/// A summary with a group, as Statuspage serves it: the group lists its members, and each member
/// names it with group_id. An incident names the group itself and a component the file lacks.
const SUMMARY_WITH_GROUPS: &str = r#"{
  "status": {"indicator": "major", "description": "Partial System Outage"},
  "scheduled_maintenances": [],
  "incidents": [{
    "id": "inc1", "name": "Region down", "status": "identified", "impact": "major",
    "created_at": "2024-05-01T10:00:00Z", "started_at": "2024-05-01T10:00:00Z",
    "resolved_at": null, "shortlink": "javascript:alert(1)",
    "components": [
      {"id": "grp", "name": "Europe", "group": true, "group_id": null, "components": ["fra", "ams"]},
      {"id": "cdn", "name": "CDN", "group": false, "group_id": null}
    ],
    "incident_updates": [{
      "status": "identified", "body": "<b>Europe</b> & CDN", "created_at": "2024-05-01T10:00:00Z",
      "display_at": "2024-05-01T10:00:00Z",
      "affected_components": [
        {"code": "fra", "name": "Frankfurt", "old_status": "operational", "new_status": "major_outage"},
        {"code": "dns", "name": "DNS (old name)", "old_status": "operational", "new_status": "degraded_performance"}
      ]
    }]
  }],
  "components": [
    {"id": "fra", "name": "Frankfurt", "status": "major_outage", "group": false, "group_id": "grp"},
    {"id": "grp", "name": "Europe", "status": "major_outage", "group": true, "group_id": null, "components": ["fra", "ams"]},
    {"id": "ams", "name": "Amsterdam", "status": "operational", "group": false, "group_id": "grp"},
    {"id": "api", "name": "API", "status": "partial_outage", "group": false, "group_id": null}
  ],
  "page": {"id": "p1", "name": "Example", "url": "https://status.example.com", "updated_at": "2024-05-01T11:00:00Z"}
}"#;

#[test]
fn groups_name_their_members_and_incidents_add_unlisted_components() {
    let parsed = read(SUMMARY_WITH_GROUPS);
    let s = &parsed.snapshot;
    let services: Vec<(&str, &str, Option<&str>)> =
        s.services.iter().map(|x| (x.id.as_str(), x.name.as_str(), x.group.as_deref())).collect();
    assert_eq!(
        services,
        [
            ("fra", "Frankfurt", Some("Europe")),
            ("ams", "Amsterdam", Some("Europe")),
            ("api", "API", None),
            ("cdn", "CDN", None),
            ("dns", "DNS (old name)", None),
        ],
        "services: the group is not one; unlisted components named by the incident, then the update"
    );
    let incident = the_incident(s);
    assert_eq!(incident.services, ["fra", "ams", "cdn", "dns"], "the group stands for its members");
    assert_eq!(incident.end_ms, None, "open");
    assert_eq!(incident.status, IncidentStatus::Identified, "status");
    assert_eq!(incident.updates[0].text, "<b>Europe</b> & CDN", "body as written");
    assert_eq!(incident.updates[0].impact, Some(Level::Major), "worst new status of the update");
    assert!(incident.links.is_empty(), "javascript: link dropped");
    assert_eq!(issue_paths(&parsed), ["incidents[0].shortlink"], "issues: {:?}", parsed.issues);
    // The open incident runs to as-of; "api" is partial_outage with no incident: nothing is invented.
    assert_eq!(current_level(s, "fra"), Level::Major, "Frankfurt now");
    assert_eq!(s.incidents.len(), 1, "no incident made up for the partial_outage component");
    // A summary lists only open incidents: it covers the instant it describes, not the hour since
    // its incident started.
    assert_eq!(s.coverage, Span::new(t("2024-05-01T11:00:00Z") - 1, t("2024-05-01T11:00:00Z")), "coverage");
}

#[test]
fn a_component_keeps_its_last_status_until_an_update_sets_it_again() {
    // Hand-written: the second update lists only the component it fixes.
    let text = r#"{"page": {"name": "P", "updated_at": "2024-01-01T03:00:00Z"}, "incidents": [{
      "id": "i", "name": "Two things broke", "status": "resolved", "impact": "critical",
      "started_at": "2024-01-01T00:00:00Z", "resolved_at": "2024-01-01T02:00:00Z",
      "incident_updates": [
        {"status": "resolved", "body": "all fixed", "display_at": "2024-01-01T02:00:00Z",
         "affected_components": [{"code": "b", "new_status": "operational"}]},
        {"status": "monitoring", "body": "a fixed", "display_at": "2024-01-01T01:00:00Z",
         "affected_components": [{"code": "a", "new_status": "operational"}]},
        {"status": "investigating", "body": "a and b", "display_at": "2024-01-01T00:00:00Z",
         "affected_components": [{"code": "a", "new_status": "major_outage"},
                                 {"code": "b", "new_status": "PARTIALOUTAGE"}]}
      ]}]}"#;
    let s = read(text).snapshot;
    let impacts: Vec<Option<Level>> = the_incident(&s).updates.iter().map(|u| u.impact).collect();
    assert_eq!(
        impacts,
        [Some(Level::Major), Some(Level::Partial), Some(Level::Ok)],
        "b stays partial at 01:00"
    );
    let names: Vec<&str> = s.services.iter().map(|x| x.name.as_str()).collect();
    // Named by nothing but their code; in the order the file first mentions them (newest update first).
    assert_eq!(names, ["b", "a"], "services");
}

#[test]
fn bare_incident_array_with_an_open_incident_and_a_maintenance() {
    // Hand-written: no page, so the latest recorded time dates the file; the maintenance's
    // future window does not.
    let text = r#"[
      {"id": "m", "name": "DB upgrade", "status": "scheduled", "impact": "maintenance",
       "created_at": "2024-03-01T08:00:00Z", "started_at": "2024-03-01T08:00:00Z",
       "scheduled_for": "2024-03-05T01:00:00Z", "scheduled_until": "2024-03-05T02:00:00Z",
       "incident_updates": [], "components": [{"id": "db", "name": "Database"}]},
      {"id": "o", "name": "Slow", "status": "investigating", "impact": "minor",
       "created_at": "2024-03-02T10:00:00Z", "started_at": "2024-03-02T09:55:00Z",
       "updated_at": "2024-03-02T10:30:00Z", "resolved_at": null,
       "incident_updates": [{"status": "investigating", "body": "Looking", "created_at": "2024-03-02T10:00:00Z"}],
       "components": [{"id": "db", "name": "Database"}]}
    ]"#;
    let parsed = read(text);
    let s = &parsed.snapshot;
    assert!(parsed.issues.is_empty(), "issues: {:?}", parsed.issues);
    assert_eq!(s.as_of_ms, t("2024-03-02T10:30:00Z"), "as_of is the latest recorded time");
    let incident = the_incident(s);
    assert_eq!((incident.id.as_str(), incident.end_ms), ("o", None), "the open incident");
    assert_eq!(
        incident.span(s.as_of_ms),
        Span::new(t("2024-03-02T09:55:00Z"), s.as_of_ms),
        "open until as-of"
    );
    assert_eq!(s.maintenances.len(), 1, "the record with scheduled_for is a maintenance");
    assert_eq!(s.maintenances[0].span, Span::new(t("2024-03-05T01:00:00Z"), t("2024-03-05T02:00:00Z")));
    assert_eq!(s.services.len(), 1, "one service");
}

/// Writes JSON with every object's keys in reverse order (serde_json's own writer sorts them).
fn reversed_keys(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("{}:{}", serde_json::Value::String(k.clone()), reversed_keys(v)))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        serde_json::Value::Array(items) => {
            format!("[{}]", items.iter().map(reversed_keys).collect::<Vec<_>>().join(","))
        }
        other => other.to_string(),
    }
}

#[test]
fn key_order_does_not_matter() {
    for name in [
        "github_incident_29-updates.json",
        "openai_summary_incidentio.json",
        "claude_scheduled-maintenances.json",
    ] {
        let text = fixture_text("statuspage", name);
        let value: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
        let shuffled = reversed_keys(&value);
        assert_ne!(shuffled.find("\"page\""), text.find("\"page\""), "{name}: the order really changed");
        assert_eq!(read(&shuffled).snapshot, read(&text).snapshot, "{name}: same snapshot");
    }
}

#[test]
fn record_level_problems_are_issues_and_the_rest_is_kept() {
    // Hand-written: each record has one problem.
    let text = r#"{"page": {"name": "P", "updated_at": "2024-06-01T00:00:00Z"},
      "incidents": [
        {"id": "ok", "name": "Fine", "status": "resolved", "impact": "minor",
         "started_at": "2024-05-01T00:00:00Z", "resolved_at": "2024-05-01T01:00:00Z"},
        {"id": "badname", "name": 5, "status": "resolved", "impact": "minor", "started_at": "2024-05-02T00:00:00Z"},
        {"id": "noend", "name": "Closed without resolved_at", "status": "postmortem", "impact": "catastrophic",
         "started_at": "2024-05-03T00:00:00Z",
         "incident_updates": [{"status": "resolved", "body": "done", "display_at": "2024-05-03T02:00:00Z"}]},
        {"id": "notime", "name": "Undated", "status": "resolved", "impact": "minor", "started_at": "soon"},
        {"id": "local", "name": "No zone", "status": "resolved", "impact": "major",
         "started_at": "2024-05-04 10:00:00", "resolved_at": "2024-05-04 11:00:00"},
        {"id": "ok", "name": "Twice", "status": "resolved", "impact": "minor", "started_at": "2024-05-05T00:00:00Z",
         "resolved_at": "2024-05-05T01:00:00Z"}
      ],
      "scheduled_maintenances": [
        {"id": "m", "name": "No window", "status": "completed", "impact": "maintenance",
         "started_at": "2024-05-01T00:00:00Z"}
      ]}"#;
    let parsed = read(text);
    let s = &parsed.snapshot;
    let ids: Vec<&str> = s.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["ok", "badname", "noend", "local"], "kept incidents: a bad name loses only itself");
    let paths = issue_paths(&parsed);
    let want = [
        "incidents[1].name",
        "incidents[1].name",
        "incidents[1].resolved_at",
        "incidents[2].resolved_at",
        "incidents[2].impact",
        "incidents[3].started_at",
        "incidents[3]",
        "incidents[5].id",
        "scheduled_maintenances[0].scheduled_for",
        "incidents[4].started_at",
    ];
    assert_eq!(paths, want, "issues: {:#?}", parsed.issues);
    assert_eq!(s.incidents[1].title, "badname", "the id stands in for the name");
    let noend = &s.incidents[2];
    assert_eq!(noend.end_ms, Some(t("2024-05-03T02:00:00Z")), "closed at its closing update");
    assert_eq!((noend.impact, noend.status.as_str()), (Level::Degraded, "postmortem"), "unknown impact");
    let local = &s.incidents[3];
    assert_eq!((local.start_ms, local.end_ms), (t("2024-05-04T10:00:00Z"), Some(t("2024-05-04T11:00:00Z"))));
    assert!(
        parsed.issues[9].message.contains("2 times"),
        "zoneless times reported once: {}",
        parsed.issues[9]
    );
    assert!(s.maintenances.is_empty(), "a maintenance without a window is skipped");
}

#[test]
fn detection_claims_statuspage_shapes_only() {
    let detect = |text: &str| {
        let json = serde_json::from_str(text).ok();
        ingest::detect(&Document { text, json })
    };
    let statuspage = [
        r#"{"page": {"id": "x"}, "status": {"indicator": "none", "description": "All Systems Operational"}}"#,
        r#"{"page": {"id": "x"}, "incidents": []}"#,
        r#"{"page": {"id": "x"}, "scheduled_maintenances": []}"#,
        r#"[{"id": "c", "name": "API", "status": "operational"}]"#,
    ];
    for text in statuspage {
        assert_eq!(detect(text), Some(Format::Statuspage), "{text}");
    }
    // Shapes of other formats (abridged from the shared real fixtures).
    let others = [
        // Gatus endpoint statuses.
        r#"[{"name": "name", "group": "group", "key": "group_name", "results": []}]"#,
        // Upptime summary.
        r#"[{"name": "Lemmy", "url": "https://a", "slug": "lemmy", "status": "up", "uptime": "79.92%"}]"#,
        // Microsoft Graph serviceHealth, bare array.
        r#"[{"service": "Exchange Online", "status": "serviceOperational", "id": "Exchange", "issues": []}]"#,
        // Uptime Kuma status page config.
        r#"{"config": {"slug": "homelab"}, "incident": null, "incidents": [], "publicGroupList": []}"#,
        // Google Cloud incidents.
        r#"[{"id": "T", "number": "1", "begin": "2022-07-01T13:37:44+00:00", "external_desc": "x", "updates": [], "severity": "low"}]"#,
        // Instatus's own summary.json is not Statuspage-compatible.
        r#"{"page": {"name": "Instatus", "url": "https://instat.us", "status": "UP"}, "activeIncidents": []}"#,
        "[]",
    ];
    for text in others {
        assert_ne!(detect(text), Some(Format::Statuspage), "{text}");
    }
}

#[test]
fn unreadable_files_are_clear_errors() {
    let cases: [(&str, &str); 4] = [
        (r#"{"postmortems" []}"#, "not valid JSON"),
        (
            r#"{"page": {"name": "Instatus", "status": "UP"}, "activeIncidents": []}"#,
            "expected a Statuspage v2",
        ),
        ("[1, 2]", "expected a Statuspage v2"),
        (r#"{"page": {"name": "P"}, "components": [{"id": "a", "name": "A"}]}"#, "page.updated_at"),
    ];
    for (text, want) in cases {
        let error = ingest::parse(text, Some(Format::Statuspage)).expect_err(text);
        assert!(error.to_string().contains(want), "{text}: {error}");
        if want == "not valid JSON" {
            assert!(matches!(error, IngestError::NotJson { .. }), "{text}: {error:?}");
        }
    }
}

/// Hand-written: an archive that scraped a status page writes an incident's components as
/// `{code, name}` or by name alone.
#[test]
fn references_without_an_id_are_matched_by_code_or_name_and_the_rest_are_issues() {
    let text = r#"{"page": {"id": "p", "name": "Acme", "updated_at": "2026-11-19T00:00:00Z"},
      "components": [{"id": "c-api", "name": "API"}, {"id": "c-web", "name": "Web"}],
      "incidents": [
        {"id": "i1", "name": "by code", "status": "resolved", "impact": "minor",
         "created_at": "2026-11-18T10:00:00Z", "resolved_at": "2026-11-18T11:00:00Z",
         "components": [{"code": "c-api", "name": "API"}]},
        {"id": "i2", "name": "by name", "status": "resolved", "impact": "minor",
         "created_at": "2026-11-18T12:00:00Z", "resolved_at": "2026-11-18T13:00:00Z",
         "components": [{"name": "Web"}]},
        {"id": "i3", "name": "unmatched", "status": "resolved", "impact": "minor",
         "created_at": "2026-11-18T14:00:00Z", "resolved_at": "2026-11-18T15:00:00Z",
         "components": [{"name": "Billing"}],
         "incident_updates": [{"id": "u1", "status": "resolved", "body": "Fixed.",
           "created_at": "2026-11-18T15:00:00Z",
           "affected_components": [{"name": "No components were affected by this update."},
                                   {"name": "API"}, {"name": "Mobile"},
                                   {"new_status": "operational"}]}]}]}"#;
    let parsed = read(text);
    let services: Vec<(&str, Vec<&str>)> = parsed
        .snapshot
        .incidents
        .iter()
        .map(|i| (i.id.as_str(), i.services.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(services, [("i1", vec!["c-api"]), ("i2", vec!["c-web"]), ("i3", vec!["c-api"])]);
    let issues: Vec<String> = parsed.issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        issues,
        [
            "incidents[2].components[0]: a component with no id or code, named \"Billing\", which no \
             component of this file is; not counted for any service",
            "incidents[2].incident_updates[0].affected_components[2]: a component with no id or code, \
             named \"Mobile\", which no component of this file is; not counted for any service",
            "incidents[2].incident_updates[0].affected_components[3]: a component with no id, code or \
             name; not counted for any service",
        ]
    );
}

/// Records are read field by field: an embedded update or component that is not an object, or a
/// field of the wrong type, is named and left out, and the rest of the incident is kept.
#[test]
fn an_odd_field_or_embedded_record_loses_only_itself() {
    let text = r#"{"page": {"name": "P", "updated_at": "2024-06-01T00:00:00Z"},
      "incidents": [{"id": "a", "name": "A", "status": "resolved", "impact": ["major"],
        "started_at": "2024-05-01T00:00:00Z", "resolved_at": "2024-05-01T01:00:00Z",
        "components": [7, {"id": "api", "name": "API"}],
        "incident_updates": ["x", {"status": "resolved", "body": "done", "display_at": "2024-05-01T01:00:00Z",
          "affected_components": [{"code": "api", "name": "API", "new_status": 3}]}]}]}"#;
    let parsed = read(text);
    let messages: Vec<String> = parsed.issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages[..4],
        [
            "incidents[0].impact: not a string; ignored",
            "incidents[0].incident_updates[0]: not an object; dropped",
            "incidents[0].incident_updates[1].affected_components[0].new_status: not a string; ignored",
            "incidents[0].components[0]: not an object; dropped",
        ],
        "{messages:#?}"
    );
    let a = &parsed.snapshot.incidents[0];
    assert_eq!((a.updates.len(), a.services.as_slice()), (1, &["api".to_string()][..]));
}
