//! The dashboard config end to end: every published example reads without issue, the default
//! config names the demo, and real status files merge into one view with the config applied.
//!
//! Run with `cargo test --no-default-features --test config`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

use nines::config::{
    check_source_url, effective_sources, merge, parse_config, DashboardConfig, SourceConfig, UrlRefusal,
};
use nines::ingest::{self, Format, Parsed};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read_text(relative: &str) -> String {
    let path = Path::new(ROOT).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config(relative: &str) -> DashboardConfig {
    match parse_config(&read_text(relative)) {
        Ok((config, issues)) => {
            assert!(issues.is_empty(), "{relative}: issues {issues:?}");
            config
        }
        Err(e) => panic!("{relative}: {e}"),
    }
}

fn status(relative: &str, source: &SourceConfig) -> Parsed {
    ingest::parse_with(&read_text(relative), source.read_format(), &source.parse_options())
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn every_example_and_the_default_config_read_without_issue() {
    let dir = Path::new(ROOT).join("public/schema/config-examples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .map(|name| format!("public/schema/config-examples/{name}"))
        .collect();
    assert!(names.len() >= 2, "examples present: {names:?}");
    names.push("public/config.json".into());
    for name in names {
        config(&name);
    }
}

#[test]
fn the_default_config_shows_the_demo_under_its_own_title() {
    let config = config("public/config.json");
    let demo = ingest::parse(&read_text("public/data/demo.json"), None).expect("demo reads");
    assert_eq!(config.title.as_deref(), Some(demo.snapshot.title.as_str()), "title as in demo.json");
    let [source] = config.sources.as_slice() else { panic!("one source: {:?}", config.sources) };
    let summary = (source.id.as_str(), source.label.as_str(), source.url.as_str(), source.refresh_s);
    assert_eq!(summary, ("demo", "Demo data", "data/demo.json", None), "the demo source");
    assert_eq!(
        check_source_url("https://example.github.io/nines/", &source.url, &config.allow),
        Ok("https://example.github.io/nines/data/demo.json".into()),
        "next to index.html"
    );
}

#[test]
fn the_full_example_resolves_each_source_under_its_rules() {
    let config = config("public/schema/config-examples/full.json");
    let page = "https://acme.example/status/index.html";
    // The query's range ends at now rounded down to the 300 s step: 1794999900.
    let now_ms = 1_795_000_000_000;
    let urls: Vec<Result<String, UrlRefusal>> = config
        .sources
        .iter()
        .map(|s| check_source_url(page, &s.url, &config.allow).map(|url| s.fetch_url(&url, now_ms, None)))
        .collect();
    assert_eq!(
        urls,
        [
            Ok("https://status.acme.example/api/v2/summary.json".to_string()),
            Ok("https://prometheus.acme.example/api/v1/query_range?query=avg_over_time%28probe_success%5B5m%5D%29\
                &start=1792407900&end=1794999900&step=300"
                .to_string()),
            Ok("https://acme.example/status/data/history.json".to_string()),
        ],
        "allowlisted, allowlisted Prometheus query, relative"
    );
    let crafted = effective_sources(Some(&config), "?source=https%3A%2F%2Fevil.example%2Fstatus.json")
        .expect("one source");
    let refused: Vec<_> = crafted.iter().map(|s| check_source_url(page, &s.url, &config.allow)).collect();
    assert_eq!(
        refused,
        [Err(UrlRefusal::OtherOrigin { origin: "https://evil.example".into() })],
        "a crafted link to another site's data"
    );
}

#[test]
fn real_files_merge_into_one_view_and_the_config_applies_to_it() {
    let (config, issues) = parse_config(
        r#"{"format": "nines-config", "version": 1, "title": "Everything",
        "sources": [
          {"id": "demo", "label": "Demo data", "url": "data/demo.json"},
          {"id": "openai", "label": "OpenAI status", "url": "summary.json", "format": "statuspage"},
          {"id": "copy", "label": "Demo again", "url": "copy/demo.json", "format": "nines"}
        ],
        "slos": [{"service": "copy:email", "target_ratio": 0.95, "window_days": 7}, {"service": "nope", "target_ratio": 0.9}],
        "dependencies": [{"service": "copy:email", "requires": ["copy:sso", "email"]}]}"#,
    )
    .expect("config reads");
    assert!(issues.is_empty(), "config issues {issues:?}");
    let files = [
        "public/data/demo.json",
        "tests/fixtures/statuspage/openai_summary_incidentio.json",
        "public/data/demo.json",
    ];
    let parsed: Vec<Parsed> = config.sources.iter().zip(files).map(|(s, f)| status(f, s)).collect();
    assert_eq!(parsed.get(1).map(|p| p.format), Some(Format::Statuspage), "format as configured");
    let counts =
        |p: &Parsed| (p.snapshot.services.len(), p.snapshot.incidents.len(), p.snapshot.series.len());
    let (demo, openai) = (counts(&parsed[0]), counts(&parsed[1]));
    let latest = parsed.iter().map(|p| p.snapshot.as_of_ms).max();
    let earliest = parsed.iter().filter_map(|p| p.snapshot.coverage.hull().map(|h| h.start_ms)).min();
    let demo_services: Vec<String> = parsed[0].snapshot.services.iter().map(|s| s.id.clone()).collect();

    let sources = config.sources.iter().cloned().zip(parsed.into_iter().map(|p| p.snapshot)).collect();
    let mut merged = merge(sources);
    merged.apply_config(&config);
    let s = &merged.snapshot;
    assert_eq!(
        (s.services.len(), s.incidents.len(), s.series.len()),
        (2 * demo.0 + openai.0, 2 * demo.1 + openai.1, 2 * demo.2 + openai.2),
        "services, incidents, series of all three"
    );
    assert_eq!(merged.issues.len(), demo_services.len() + 1, "one rename per demo service, one unknown SLO");
    for id in &demo_services {
        let copy = format!("copy:{id}");
        assert_eq!(merged.source_of(id).map(|r| r.label.as_str()), Some("Demo data"), "{id}: origin");
        assert_eq!(merged.source_of(&copy).map(|r| r.label.as_str()), Some("Demo again"), "{copy}: origin");
        let renamed_series = s.series.iter().filter(|x| x.service == copy).count();
        let original_series = s.series.iter().filter(|x| x.service == *id).count();
        assert_eq!(renamed_series, original_series, "{copy}: its series followed it");
    }
    let from_openai = s.services.iter().filter(|x| merged.source_of(&x.id).is_some_and(|r| r.id == "openai"));
    assert_eq!(from_openai.count(), openai.0, "OpenAI's services keep their ids");
    assert!(
        s.incidents.iter().flat_map(|i| &i.services).all(|id| s.service(id).is_some()),
        "incidents point at services"
    );
    assert!(s.incidents.windows(2).all(|w| w[0].start_ms <= w[1].start_ms), "incidents by start");
    assert_eq!(Some(s.as_of_ms), latest, "latest as_of");
    assert_eq!(s.coverage.hull().map(|h| h.start_ms), earliest, "coverage from the earliest start");
    assert_eq!(s.title, "Everything", "the config's title");
    let slo = s.service("copy:email").and_then(|x| x.slo).map(|slo| (slo.target_ratio, slo.window_days));
    assert_eq!(slo, Some((0.95, 7)), "the config's SLO on a renamed service");
    let email = s.dependencies.iter().filter(|d| d.service == "copy:email").collect::<Vec<_>>();
    assert_eq!(email.len(), 1, "one entry for copy:email");
    assert_eq!(email[0].requires, ["copy:sso", "email"], "the config's entry replaced the source's");
    let last = merged.issues.last().map(ToString::to_string);
    assert_eq!(last.as_deref(), Some("slos[1].service: no source has a service \"nope\"; SLO not applied"));
}

#[test]
fn the_configs_in_the_documentation_read_without_issue() {
    let mut blocks = 0;
    for doc in ["README.md", "docs/config.md"] {
        let text = read_text(doc);
        for block in text.split("```json\n").skip(1).filter_map(|rest| rest.split("```").next()) {
            if !block.contains("\"nines-config\"") {
                continue;
            }
            match parse_config(block) {
                Ok((_, issues)) => assert!(issues.is_empty(), "{doc}: {block}: {issues:?}"),
                Err(e) => panic!("{doc}: {block}: {e}"),
            }
            blocks += 1;
        }
    }
    assert!(blocks >= 2, "{blocks} configs found in the documentation");
}
