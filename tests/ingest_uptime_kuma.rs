//! The Uptime Kuma importer on a status page's two files (tests/fixtures/uptimekuma/, sources in
//! its PROVENANCE.md): the config (`/api/status-page/<slug>`) and the heartbeats
//! (`/api/status-page/heartbeat/<slug>`). Heartbeat times are zone-less UTC:
//! 2026-06-28 15:58:49.191 = 1782662329191 ms, 15:59:49.191 = 1782662389191 ms.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::ingest::Format;
use nines::model::{Samples, Series, Span};

#[path = "support/reading.rs"]
mod reading;
use reading::{claimed_by, messages, parse_text};

const CONFIG: &str = include_str!("fixtures/uptimekuma/SYNTHETIC_kuma-rs_status-page-config.json");
const HEARTBEAT: &str = include_str!("fixtures/uptimekuma/SYNTHETIC_kuma-rs_status-page-heartbeat.json");

const FIRST_MS: i64 = 1_782_662_329_191;
const SECOND_MS: i64 = 1_782_662_389_191;

fn irregular(service: &str, times_ms: Vec<i64>, up_ratio: Vec<f32>, latency_ms: Vec<f32>) -> Series {
    Series {
        service: service.into(),
        region: None,
        samples: Samples::Irregular { times_ms, up_ratio },
        latency_ms,
    }
}

/// The heartbeat file writes its six times without a zone: one issue says so.
const ZONELESS: &str = "heartbeatList.1[0].time: \"2026-06-28 15:58:49.191\" has no time zone; read as UTC \
     (6 times without a zone in the file)";
#[test]
fn every_fixture_reads_with_exact_counts_and_issues() {
    /// (file, text, services, series, samples, as_of, issues)
    type Case = (&'static str, &'static str, usize, usize, usize, i64, &'static [&'static str]);
    let cases: [Case; 2] = [
        (
            "SYNTHETIC_kuma-rs_status-page-config.json",
            CONFIG,
            5,
            0,
            0,
            0,
            &["$: no timestamps; as_of set to 0 and coverage empty"],
        ),
        ("SYNTHETIC_kuma-rs_status-page-heartbeat.json", HEARTBEAT, 4, 4, 6, SECOND_MS, &[ZONELESS]),
    ];
    for (label, text, services, series, samples, as_of_ms, want_issues) in cases {
        let parsed = parse_text(label, text);
        let s = &parsed.snapshot;
        assert_eq!(parsed.format, Format::UptimeKuma, "{label}: format");
        assert_eq!(claimed_by(text), [Format::UptimeKuma], "{label}: only this detector claims it");
        assert_eq!(s.services.len(), services, "{label}: services");
        assert_eq!(s.incidents.len(), 0, "{label}: incidents");
        assert_eq!(s.maintenances.len(), 0, "{label}: maintenances");
        assert_eq!(s.series.len(), series, "{label}: series");
        assert_eq!(s.series.iter().map(|x| x.samples.len()).sum::<usize>(), samples, "{label}: samples");
        assert_eq!(s.as_of_ms, as_of_ms, "{label}: as_of");
        assert_eq!(messages(&parsed), want_issues, "{label}: issues");
    }
}

#[test]
fn the_config_gives_names_groups_and_title() {
    let parsed = parse_text("config", CONFIG);
    let s = &parsed.snapshot;
    assert_eq!(s.title, "Homelab Status", "title");
    let services: Vec<(&str, &str, Option<&str>)> =
        s.services.iter().map(|x| (x.id.as_str(), x.name.as_str(), x.group.as_deref())).collect();
    let want = [
        ("1", "service-a", Some("Servizi")),
        ("2", "service-b", Some("Servizi")),
        ("3", "service-c", Some("Servizi")),
        ("4", "service-d", Some("Servizi")),
        ("5", "service-e", Some("Servizi")),
    ];
    assert_eq!(services, want, "services");
    assert!(s.coverage.is_empty(), "no coverage without heartbeats");
}

#[test]
fn the_heartbeats_give_samples_by_status() {
    let parsed = parse_text("heartbeat", HEARTBEAT);
    let s = &parsed.snapshot;
    assert_eq!(s.title, "Uptime Kuma status page", "title");
    let names: Vec<&str> = s.services.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Monitor 1", "Monitor 2", "Monitor 3", "Monitor 5"], "placeholder names");
    let nan = f32::NAN;
    let want = [
        irregular("1", vec![FIRST_MS, SECOND_MS], vec![1.0, 1.0], vec![5.0, 7.0]),
        // DOWN "timeout" with ping 0: down, latency unknown.
        irregular("2", vec![FIRST_MS, SECOND_MS], vec![1.0, 0.0], vec![12.0, nan]),
        // MAINTENANCE: no data.
        irregular("3", vec![SECOND_MS], vec![nan], Vec::new()),
        // PENDING: down, as Kuma counts it.
        irregular("5", vec![SECOND_MS], vec![0.0], Vec::new()),
    ];
    assert_eq!(s.series, want, "series");
    assert_eq!(s.coverage, Span::new(FIRST_MS, SECOND_MS), "coverage");
}

/// Derived: both files merged into one object give names and samples together.
#[test]
fn both_files_merged_into_one_object() {
    let (Ok(serde_json::Value::Object(mut config)), Ok(serde_json::Value::Object(heartbeat))) =
        (serde_json::from_str(CONFIG), serde_json::from_str(HEARTBEAT))
    else {
        panic!("fixtures are JSON objects");
    };
    config.extend(heartbeat);
    let text = serde_json::Value::Object(config).to_string();
    let parsed = parse_text("merged", &text);
    let s = &parsed.snapshot;
    let names: Vec<&str> = s.services.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["service-a", "service-b", "service-c", "service-d", "service-e"], "names from config");
    let with_samples: Vec<&str> = s.series.iter().map(|x| x.service.as_str()).collect();
    assert_eq!(with_samples, ["1", "2", "3", "5"], "monitor 4 has no heartbeats");
    assert_eq!(s.as_of_ms, SECOND_MS, "as_of");
    assert_eq!(messages(&parsed), [ZONELESS], "issues");
}

#[path = "support/mutations.rs"]
mod mutations;
use mutations::parse_every_mutation;

#[test]
fn no_mutation_of_a_fixture_panics() {
    parse_every_mutation(&[CONFIG, HEARTBEAT], Format::UptimeKuma);
}
