//! The overview's figures on real files: services with incidents are measured by them, services
//! whose source publishes only samples by their samples.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::analysis::{overview, Basis, ServiceProfiles, Weights};
use nines::ingest;
use nines::model::MS_PER_DAY;

#[test]
fn upptime_sites_are_measured_by_their_daily_downtime() {
    let text = include_str!("fixtures/upptime/cloudhub_summary.json");
    let snapshot = ingest::parse(text, None).expect("reads").snapshot;
    let view = overview(&snapshot, 30 * MS_PER_DAY, &ServiceProfiles::new(&snapshot, &Weights::STRICT));
    // Independently of the importer: the minutes down on the 30 days before as-of, per site.
    let sites: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let first_day = time_day(snapshot.as_of_ms - 30 * MS_PER_DAY);
    let last_day = time_day(snapshot.as_of_ms - MS_PER_DAY);
    let mut checked = 0;
    for site in sites.as_array().expect("array") {
        let slug = site["slug"].as_str().expect("slug");
        let minutes: f64 = site["dailyMinutesDown"]
            .as_object()
            .expect("days")
            .iter()
            .filter(|(day, _)| first_day.as_str() <= day.as_str() && day.as_str() <= last_day.as_str())
            .map(|(_, m)| m.as_f64().expect("minutes").min(1440.0))
            .sum();
        let want = 1.0 - minutes / (30.0 * 1440.0);
        let summary = view.services.iter().find(|s| s.id == slug).expect("service");
        assert_eq!(summary.basis, Basis::Samples, "{slug}");
        let got = summary.availability.availability_ratio.expect("figures");
        assert!((got - want).abs() < 1e-6, "{slug}: got {got}, want {want} ({minutes} min down)");
        assert!((summary.availability.coverage_ratio - 1.0).abs() < 1e-12, "{slug}: every day is covered");
        checked += 1;
    }
    assert_eq!(checked, 4);
    assert!(
        view.services.iter().any(|s| s.availability.availability_ratio.is_some_and(|a| a < 0.99)),
        "this page had real downtime in its last month"
    );
}

/// `YYYY-MM-DD` of the UTC day holding `ms`.
fn time_day(ms: i64) -> String {
    nines::model::format::format_rfc3339(ms).chars().take(10).collect()
}

#[test]
fn the_demo_is_measured_by_its_incidents() {
    let snapshot = ingest::parse(include_str!("../public/data/demo.json"), None).expect("demo").snapshot;
    let view = overview(&snapshot, 30 * MS_PER_DAY, &ServiceProfiles::new(&snapshot, &Weights::STRICT));
    let email = view.services.iter().find(|s| s.id == "email").expect("email");
    assert_eq!(email.basis, Basis::Incidents);
    assert!((email.availability.availability_ratio.unwrap_or(0.0) - (1.0 - 1495.0 / 43_200.0)).abs() < 1e-12);
}
