//! Merging hand-made snapshots: renamed services and what follows them, and the config applied.

use super::*;
use crate::config::SloConfig;
use crate::model::{
    Announcement, Coverage, Incident, Level, Maintenance, RedundantGroup, Region, Samples, Series, Service,
    Span, MS_PER_HOUR,
};

const H: i64 = MS_PER_HOUR;

fn source(id: &str) -> SourceConfig {
    SourceConfig { label: format!("Source {id}"), ..SourceConfig::from_url(&format!("{id}.json")) }
}

fn series(service: &str) -> Series {
    Series {
        service: service.into(),
        region: None,
        samples: Samples::Regular { start_ms: 0, step_ms: H, up_ratio: vec![1.0] },
        latency_ms: Vec::new(),
    }
}

fn maintenance(id: &str, service: &str) -> Maintenance {
    Maintenance {
        id: id.into(),
        title: String::new(),
        services: vec![service.into()],
        regions: Vec::new(),
        span: Span::new(0, H),
    }
}

fn requires(service: &str, on: &[&str]) -> Dependency {
    Dependency {
        service: service.into(),
        requires: on.iter().map(|s| s.to_string()).collect(),
        redundant: Vec::new(),
    }
}

fn region(id: &str, name: &str) -> Region {
    Region { id: id.into(), name: name.into() }
}

/// `a`: email and sso. `b`: email again and chat, later data. A second `b`: email a third time.
fn three() -> Vec<(SourceConfig, Snapshot)> {
    let a = Snapshot {
        title: "Acme".into(),
        as_of_ms: 100 * H,
        coverage: Span::new(0, 100 * H).into(),
        regions: vec![region("na", "North America")],
        services: vec![Service::for_test("email"), Service::for_test("sso")],
        incidents: vec![Incident::for_test("email", Level::Major, 10 * H, Some(12 * H))],
        maintenances: vec![maintenance("m1", "sso")],
        announcements: vec![Announcement::for_test("MC1", "email", 20 * H)],
        series: vec![series("email")],
        dependencies: vec![requires("email", &["sso"])],
    };
    let b = Snapshot {
        title: "Beta".into(),
        as_of_ms: 120 * H,
        coverage: Span::new(50 * H, 120 * H).into(),
        regions: vec![region("na", "North"), region("eu", "Europe")],
        services: vec![Service::for_test("email"), Service::for_test("chat")],
        incidents: vec![
            Incident {
                id: "email-36000000".into(),
                ..Incident::for_test("email", Level::Partial, 60 * H, None)
            },
            Incident::for_test("chat", Level::Major, 5 * H, Some(6 * H)),
        ],
        maintenances: vec![maintenance("m1", "email")],
        announcements: vec![
            Announcement::for_test("MC1", "email", 10 * H),
            Announcement::for_test("MC2", "chat", 30 * H),
        ],
        series: vec![series("email"), series("chat")],
        dependencies: vec![requires("email", &["chat"])],
    };
    let again = Snapshot {
        title: "Acme".into(),
        as_of_ms: 90 * H,
        coverage: Coverage::default(),
        services: vec![Service::for_test("email")],
        ..Snapshot::default()
    };
    vec![(source("a"), a), (source("b"), b), (source("b"), again)]
}

#[test]
fn repeated_services_are_renamed_and_their_records_follow() {
    let merged = merge(three());
    let s = &merged.snapshot;
    let ids: Vec<&str> = s.services.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["email", "sso", "b:email", "chat", "b:email~2"], "service ids");
    let origins: Vec<(&str, Option<&str>)> =
        ids.iter().map(|id| (*id, merged.source_of(id).map(|r| r.label.as_str()))).collect();
    assert_eq!(
        origins,
        [
            ("email", Some("Source a")),
            ("sso", Some("Source a")),
            ("b:email", Some("Source b")),
            ("chat", Some("Source b")),
            ("b:email~2", Some("Source b")),
        ],
        "origins"
    );
    let issues: Vec<String> = merged.issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        issues,
        [
            "sources[1]: service \"email\" is also in source \"a\"; renamed \"b:email\"",
            "sources[2]: service \"email\" is also in source \"a\"; renamed \"b:email~2\"",
        ],
        "issues"
    );
    let incidents: Vec<(&str, &str)> =
        s.incidents.iter().map(|i| (i.id.as_str(), i.services.first().map_or("", String::as_str))).collect();
    assert_eq!(
        incidents,
        [("chat-18000000", "chat"), ("email-36000000", "email"), ("b:email-36000000", "b:email")],
        "incidents by start, repeated id prefixed, service renamed"
    );
    let maintenances: Vec<(&str, &str)> = s
        .maintenances
        .iter()
        .map(|m| (m.id.as_str(), m.services.first().map_or("", String::as_str)))
        .collect();
    assert_eq!(maintenances, [("m1", "sso"), ("b:m1", "b:email")], "maintenance");
    let announcements: Vec<(&str, &str)> = s
        .announcements
        .iter()
        .map(|a| (a.id.as_str(), a.services.first().map_or("", String::as_str)))
        .collect();
    assert_eq!(
        announcements,
        [("b:MC1", "b:email"), ("MC1", "email"), ("MC2", "chat")],
        "announcements by start, repeated id prefixed, service renamed"
    );
    let series: Vec<&str> = s.series.iter().map(|x| x.service.as_str()).collect();
    assert_eq!(series, ["email", "b:email", "chat"], "series");
    assert_eq!(s.dependencies, [requires("email", &["sso"]), requires("b:email", &["chat"])], "dependencies");
    assert_eq!(
        s.regions,
        [region("na", "North America"), region("eu", "Europe")],
        "regions by id, first name"
    );
    assert_eq!(s.as_of_ms, 120 * H, "latest as_of");
    assert_eq!(s.coverage, Span::new(0, 120 * H), "union of the coverages");
    let own: Vec<(&str, Option<Vec<Span>>)> =
        s.services.iter().map(|x| (x.id.as_str(), x.coverage.as_ref().map(|c| c.spans().to_vec()))).collect();
    assert_eq!(
        own,
        [
            ("email", Some(vec![Span::new(0, 100 * H)])),
            ("sso", Some(vec![Span::new(0, 100 * H)])),
            ("b:email", Some(vec![Span::new(50 * H, 120 * H)])),
            ("chat", Some(vec![Span::new(50 * H, 120 * H)])),
            ("b:email~2", Some(Vec::new())),
        ],
        "each service known only where its own source is"
    );
    // Chat's source starts at 50 h: the first 50 h of the union are unknown for chat, not up.
    let chat = crate::analysis::availability(
        s,
        "chat",
        None,
        Span::new(0, 120 * H),
        &crate::analysis::Weights::STRICT,
    );
    assert_eq!(chat.counted_ms, 70 * H, "chat counted over its own source's 70 h");
    assert_eq!(s.title, "Acme · Beta", "distinct titles");
}

#[test]
fn one_source_is_kept_as_it_is_and_none_is_empty() {
    let mut only = three().remove(1);
    only.1.incidents.push(Incident::for_test("chat", Level::Major, 5 * H, Some(6 * H)));
    let mut want = only.1.clone();
    crate::model::sort_by_time(&mut want.incidents, |i| i.start_ms);
    let merged = merge(vec![only]);
    assert_eq!(merged.snapshot, want, "unchanged, a repeated incident id within the source too");
    assert!(merged.issues.is_empty(), "no issues");
    let empty = merge(Vec::new());
    assert_eq!(empty.snapshot, Snapshot::default(), "no sources");
    assert!(empty.sources.is_empty() && empty.origin_of_service.is_empty(), "no origins");
}

#[test]
fn the_config_sets_title_slos_and_dependencies() {
    let mut merged = merge(three());
    let config = DashboardConfig {
        title: Some("Everything".into()),
        slos: vec![
            SloConfig { service: "b:email".into(), target_ratio: 0.999, window_days: 28 },
            SloConfig { service: "ghost".into(), target_ratio: 0.99, window_days: 30 },
        ],
        dependencies: vec![
            requires("email", &["sso", "b:email"]),
            Dependency {
                service: "chat".into(),
                requires: Vec::new(),
                redundant: vec![RedundantGroup { k: 1, of: vec!["email".into(), "ghost".into()] }],
            },
            requires("sso", &["chat"]),
        ],
        ..DashboardConfig::default()
    };
    merged.apply_config(&config);
    let s = &merged.snapshot;
    assert_eq!(s.title, "Everything", "title");
    let slo = s.service("b:email").and_then(|x| x.slo);
    assert_eq!(slo, Some(Slo { target_ratio: 0.999, window_days: 28 }), "SLO by the merged id");
    assert_eq!(
        s.dependencies,
        [requires("email", &["sso", "b:email"]), requires("b:email", &["chat"]), requires("sso", &["chat"])],
        "email's entry replaced, sso's appended, chat's skipped"
    );
    let issues: Vec<String> = merged.issues.iter().skip(2).map(ToString::to_string).collect();
    assert_eq!(
        issues,
        [
            "slos[1].service: no source has a service \"ghost\"; SLO not applied",
            "dependencies[1].redundant[0].of[1]: no source has a service \"ghost\"; dependency skipped",
        ],
        "config issues after the merge's"
    );
}
