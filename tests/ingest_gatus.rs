//! The Gatus importer on Gatus's own API test expectations (tests/fixtures/gatus/, sources in its
//! PROVENANCE.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::ingest::Format;
use nines::model::{Samples, Series, Span};

#[path = "support/reading.rs"]
mod reading;
use reading::{claimed_by, parse_text};

const TWO_RESULTS: &str = include_str!("fixtures/gatus/SYNTHETIC_gatus-upstream_statuses_2results.json");
const EMPTY_RESULTS: &str =
    include_str!("fixtures/gatus/SYNTHETIC_gatus-upstream_statuses_empty-results.json");

#[test]
fn every_fixture_reads_with_exact_counts_and_issues() {
    type Issues = &'static [(&'static str, &'static str)];
    const NO_TIMES: (&str, &str) = ("$", "no timestamps; as_of set to 0 and coverage empty");
    let cases: [(&str, &str, Issues); 2] = [
        (
            "SYNTHETIC_gatus-upstream_statuses_2results.json",
            TWO_RESULTS,
            &[
                ("[0].results[0].timestamp", "zero time; sample skipped"),
                ("[0].results[1].timestamp", "zero time; sample skipped"),
                NO_TIMES,
            ],
        ),
        ("SYNTHETIC_gatus-upstream_statuses_empty-results.json", EMPTY_RESULTS, &[NO_TIMES]),
    ];
    for (label, text, want_issues) in cases {
        let parsed = parse_text(label, text);
        let s = &parsed.snapshot;
        assert_eq!(parsed.format, Format::Gatus, "{label}: format");
        assert_eq!(claimed_by(text), [Format::Gatus], "{label}: only this detector claims it");
        assert_eq!(s.title, "Gatus endpoints", "{label}: title");
        assert_eq!(s.services.len(), 1, "{label}: services");
        let service = &s.services[0];
        assert_eq!(
            (service.id.as_str(), service.name.as_str(), service.group.as_deref()),
            ("group_name", "name", Some("group")),
            "{label}: id from key, name, group"
        );
        assert_eq!(s.incidents.len(), 0, "{label}: incidents");
        assert_eq!(s.maintenances.len(), 0, "{label}: maintenances");
        // The zero-time results are skipped: no sample lands in the year 1.
        assert_eq!(s.series.len(), 0, "{label}: series");
        assert_eq!(s.as_of_ms, 0, "{label}: as_of");
        assert!(s.coverage.is_empty(), "{label}: coverage");
        let issues: Vec<(&str, &str)> =
            parsed.issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
        assert_eq!(issues, want_issues, "{label}: issues");
    }
}

/// Derived from the 2-results fixture by giving the results real times (Gatus's test leaves them
/// unset), to check the values read from the file: success flags and durations in nanoseconds.
#[test]
fn results_read_on_real_times() {
    let text = TWO_RESULTS.replacen("0001-01-01T00:00:00Z", "2024-03-01T12:00:00Z", 1).replacen(
        "0001-01-01T00:00:00Z",
        "2024-03-01T12:01:00+01:00",
        1,
    );
    let parsed = parse_text("2results with times", &text);
    // 2024-03-01T12:00:00Z = 1709294400 s; 12:01:00+01:00 is 11:01:00Z, an hour earlier: sorted.
    let (noon_ms, eleven_ms) = (1_709_294_400_000, 1_709_290_860_000);
    let want = Series {
        service: "group_name".into(),
        region: None,
        samples: Samples::Irregular { times_ms: vec![eleven_ms, noon_ms], up_ratio: vec![0.0, 1.0] },
        latency_ms: vec![750.0, 150.0],
    };
    assert_eq!(parsed.snapshot.series, [want], "up from success, latency = duration / 1e6");
    assert_eq!(parsed.snapshot.as_of_ms, noon_ms, "as_of");
    assert_eq!(parsed.snapshot.coverage, Span::new(eleven_ms, noon_ms), "coverage");
    let issues: Vec<String> = parsed.issues.iter().map(ToString::to_string).collect();
    assert_eq!(issues, ["[0].results: not in time order; sorted"], "issues");
}

#[path = "support/mutations.rs"]
mod mutations;
use mutations::parse_every_mutation;

#[test]
fn no_mutation_of_a_fixture_panics() {
    parse_every_mutation(&[TWO_RESULTS, EMPTY_RESULTS], Format::Gatus);
}
