//! Reading configs: what is fatal, and the exact issues of records that are adjusted or skipped.

use super::*;
use crate::model::RedundantGroup;

const HEAD: &str = r#""format": "nines-config", "version": 1"#;

fn read(body: &str) -> (DashboardConfig, Vec<String>) {
    let text = format!("{{{HEAD}{body}}}");
    match parse_config(&text) {
        Ok((config, issues)) => (config, issues.iter().map(ToString::to_string).collect()),
        Err(e) => panic!("{text}: {e}"),
    }
}

#[test]
fn bad_files_are_fatal_and_say_why() {
    let huge = format!("{{{HEAD}, \"title\": \"{}\"}}", "x".repeat(MAX_CONFIG_BYTES));
    let cases = [
        (
            "not JSON",
            "{\n  \"format\": \"nines-config\",\n  \"version\" 1\n}".to_string(),
            "the config is not valid JSON at line 3, column 13: expected `:`",
        ),
        (
            "empty",
            String::new(),
            "the config is not valid JSON at line 1, column 0: EOF while parsing a value",
        ),
        ("array", "[]".into(), "not a Nines dashboard config: the config must be a JSON object"),
        (
            "no format",
            r#"{"version": 1}"#.into(),
            "no \"format\" field; expected \"format\": \"nines-config\"",
        ),
        (
            "status data",
            r#"{"format": "nines", "version": 1}"#.into(),
            "this is status data, to be named as a source",
        ),
        (
            "other format",
            r#"{"format": "grafana", "version": 1}"#.into(),
            "\"format\" is \"grafana\"; expected",
        ),
        (
            "no version",
            r#"{"format": "nines-config"}"#.into(),
            "no \"version\" field; expected \"version\": 1",
        ),
        (
            "future version",
            r#"{"format": "nines-config", "version": 2}"#.into(),
            "unsupported config version 2; this build reads version 1",
        ),
        (
            "wrong type",
            format!("{{{HEAD},\n \"sources\": {{}}}}"),
            "the config is invalid at line 2, column 12: invalid type: map, expected a sequence",
        ),
        ("too large", huge, "the config is 1048629 bytes; the limit is 1048576 bytes"),
    ];
    for (label, text, want) in cases {
        let error = parse_config(&text).map(|_| ()).expect_err(label).to_string();
        assert!(error.contains(want), "{label}: got {error:?}, want it to contain {want:?}");
    }
}

#[test]
fn a_label_that_is_neither_a_name_nor_a_list_is_an_issue() {
    let (config, issues) = read(r#", "sources": [{"url": "q.json", "prometheus": {"service_label": 3}}]"#);
    assert!(config.sources.is_empty(), "skipped");
    assert_eq!(
        issues,
        ["sources[0]: invalid type: integer `3`, expected a label name or an array of label names; source skipped"]
    );
}

#[test]
fn a_minimal_config_has_no_sources_and_the_defaults() {
    let (config, issues) = read("");
    assert_eq!(config, DashboardConfig::default(), "defaults");
    assert!(issues.is_empty(), "issues: {issues:?}");
    assert_eq!(config.weights, Weights::STRICT, "strict weights");
}

#[test]
fn sources_are_read_with_their_settings() {
    let (config, issues) = read(
        r#", "allow_origins": ["https://PROM.example.com:443/"],
        "sources": [
          {"url": "data/demo.json", "label": "Demo data"},
          {"id": "gh", "url": "https://www.githubstatus.com/api/v2/summary.json", "format": "statuspage", "refresh_s": 60},
          {"id": "probes", "label": "Probes", "url": "https://prom.example.com/",
           "prometheus": {"query": "probe_success", "service_label": "instance", "region_label": "site"}},
          {"url": "data/saved-query.json", "prometheus": {"service_label": ["service", "job"]}}
        ]"#,
    );
    assert!(issues.is_empty(), "issues: {issues:?}");
    assert_eq!(config.allow, ["https://prom.example.com"], "origin normalised");
    let summary: Vec<(&str, &str, Option<Format>, Option<u32>)> = config
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.label.as_str(), s.read_format(), s.refresh_s))
        .collect();
    assert_eq!(
        summary,
        [
            ("demo", "Demo data", None, None),
            ("gh", "gh", Some(Format::Statuspage), Some(60)),
            ("probes", "Probes", Some(Format::Prometheus), None),
            ("saved-query", "saved-query", Some(Format::Prometheus), None),
        ],
        "id, label, format, refresh"
    );
    let probes = config.sources.get(2).and_then(|s| s.prometheus.clone()).expect("prometheus settings");
    assert_eq!(probes.labels.service_labels, ["instance"], "service label");
    assert_eq!(probes.labels.region_label, "site", "region label");
    assert_eq!(
        probes.query,
        Some(PrometheusQuery { query: "probe_success".into(), range_s: 604_800, step_s: 60 }),
        "query with the default range and step"
    );
    let saved = config.sources.get(3).and_then(|s| s.prometheus.clone()).expect("saved response");
    assert_eq!(saved.labels.service_labels, ["service", "job"], "labels tried in order");
    assert_eq!(saved.query, None, "fetched as it is");
}

#[test]
fn bad_source_records_are_adjusted_or_skipped() {
    let (config, issues) = read(
        r#", "sources": [
          {"url": "javascript:alert(1)"},
          {"url": "data/a.json", "refresh_s": 2, "format": "grafana", "colour": "red"},
          {"url": "other/a.json"},
          {"id": "has space", "url": "b.json"},
          {"id": "b", "url": "c.json"},
          {"url": 42},
          {"url": "p.json", "format": "statuspage", "prometheus": {"query": "up", "range_s": 30, "step_s": 0, "extra": 1}},
          {"url": "https://prom.example.com/?x=1", "prometheus": {"query": "up"}},
          {"url": "q.json", "prometheus": {"step_s": 30, "service_label": []}},
          {"url": "//user@status.example.com/s.json"},
          {"url": "https://status.example.com:99999/s.json"}
        ]"#,
    );
    assert_eq!(
        issues,
        [
            "sources[0].url: javascript: URLs are never read; only http and https; source skipped",
            "sources[1].colour: unknown field; ignored",
            "sources[1].format: unknown format \"grafana\" (expected one of: nines, statuspage, prometheus, \
             upptime, msgraph, o365-legacy, gcp, gatus, uptime-kuma); detected from the content",
            "sources[1].refresh_s: 2 s is below the minimum of 10 s; raised to 10",
            "sources[2].id: \"a\" (from the URL) is already a source's id; \"a-2\" used",
            "sources[3].id: \"has space\" is not 1 to 32 letters, digits, '.', '_' or '-'; \"b\" used",
            "sources[4].id: \"b\" is already a source's id; \"b-2\" used",
            "sources[5]: invalid type: integer `42`, expected a string; source skipped",
            "sources[6].prometheus.extra: unknown field; ignored",
            "sources[6].format: \"statuspage\" contradicts `prometheus`; read as prometheus",
            "sources[6].prometheus.range_s: below 60 s; raised to 60",
            "sources[6].prometheus.step_s: 0 s gives more than 11000 points over 60 s; raised to 1",
            "sources[7].url: with a `query`, the URL is the server's base URL and has no query string; \
             source skipped",
            "sources[8].prometheus.service_label: no label named; job, then instance used",
            "sources[8].prometheus.step_s: only used with `query`; ignored",
            "sources[9].url: a user name or password in the URL is refused; source skipped",
            "sources[10].url: the port \"99999\" is not a number from 0 to 65535; source skipped",
        ],
        "issues"
    );
    let ids: Vec<&str> = config.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "a-2", "b", "b-2", "p", "q"], "kept sources");
    assert_eq!(config.sources.first().and_then(|s| s.refresh_s), Some(MIN_REFRESH_S), "refresh raised");
}

#[test]
fn links_logo_origins_weights_slos_and_dependencies() {
    let (config, issues) = read(
        r#", "title": "Acme status", "logo_url": "img/logo.svg",
        "links": [{"label": "Support", "url": "https://support.example.com/"},
                  {"label": "Evil", "url": "javascript:alert(1)"},
                  {"label": "Relative", "url": "/about.html"},
                  {"label": "", "url": "https://x.example/"}],
        "allow_origins": ["*", "https://a.example/path", "https://a.example", "https://A.example:443", 7],
        "allow_url_prefixes": ["https://raw.example/acme/status", "https://raw.example/", "https://RAW.example/acme/status/"],
        "weights": "major=1,partial=0.5",
        "slos": [{"service": "email", "target_ratio": 0.999},
                 {"service": "chat", "target_ratio": 99.9},
                 {"service": "files", "target_ratio": 0.99, "window_days": 0},
                 {"service": "email", "target_ratio": 0.9}],
        "dependencies": [{"service": "email", "requires": ["sso"], "redundant": [{"k": 1, "of": ["a", "b"], "n": 2}]},
                         {"service": "chat", "redundant": [{"k": 3, "of": ["a", "b"]}]}],
        "theme": "dark""#,
    );
    assert_eq!(
        issues,
        [
            "theme: unknown field; ignored",
            "links[1].url: not an absolute http(s) URL (javascript: URLs are never read; only http and \
             https); link skipped",
            "links[2].url: not an absolute http(s) URL (not an absolute URL; expected http:// or https:// \
             and a host); link skipped",
            "links[3].label: empty; link skipped",
            "allow_origins[0]: wildcards are not supported; list each origin; ignored",
            "allow_origins[1]: an origin has no path; write https://a.example; ignored",
            "allow_origins[4]: not a string; ignored",
            "allow_url_prefixes[1]: a prefix of a whole origin; list https://raw.example in allow_origins; \
             ignored",
            "slos[1].target_ratio: 99.9 is not a ratio from 0 to 1 (0.999 for 99.9 %); SLO skipped",
            "slos[2].window_days: must be at least 1; SLO skipped",
            "slos[3].service: \"email\" already has an SLO; skipped",
            "dependencies[0].redundant[0].n: unknown field; ignored",
            "dependencies[1].redundant[0].k: 3 is not from 1 to the 2 members; dependency skipped",
        ],
        "issues"
    );
    assert_eq!(config.title.as_deref(), Some("Acme status"), "title");
    assert_eq!(config.logo_url.as_deref(), Some("img/logo.svg"), "logo");
    let links: Vec<&str> = config.links.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(links, ["Support"], "links");
    assert_eq!(
        config.allow,
        ["https://a.example", "https://raw.example/acme/status/"],
        "origins and folders, once"
    );
    assert_eq!(config.weights, Weights { partial: 0.5, ..Weights::STRICT }, "weights");
    assert_eq!(
        config.slos,
        [SloConfig { service: "email".into(), target_ratio: 0.999, window_days: 30 }],
        "SLOs, window 30 days by default"
    );
    assert_eq!(
        config.dependencies,
        [Dependency {
            service: "email".into(),
            requires: vec!["sso".into()],
            redundant: vec![RedundantGroup { k: 1, of: vec!["a".into(), "b".into()] }],
        }],
        "dependencies"
    );
}

#[test]
fn bad_weights_and_logo_fall_back() {
    let (config, issues) = read(r#", "weights": "lenient", "logo_url": "data:image/png;base64,AAAA""#);
    assert_eq!(
        issues,
        [
            "logo_url: data: URLs are never read; only http and https; no logo shown",
            "weights: expected a preset (strict, statuspage, incidentio) or level=weight pairs, got \
             \"lenient\"; strict used",
        ],
        "issues"
    );
    assert_eq!((config.logo_url, config.weights), (None, Weights::STRICT), "fallbacks");
    let (config, issues) = read(r#", "weights": "statuspage", "$schema": "config-v1.schema.json""#);
    assert!(issues.is_empty(), "$schema is allowed: {issues:?}");
    assert_eq!(config.weights, Weights::STATUSPAGE, "preset");
}

#[test]
fn microsoft365_sources_and_sources_behind_a_sign_in() {
    let (config, issues) = read(
        r#", "auth": {"provider": "microsoft", "tenant": "contoso.onmicrosoft.com", "client_id": "abc"},
        "sources": [
          {"id": "m365", "label": "Microsoft 365", "microsoft365": {"services": ["Exchange Online", "Microsoft Teams"]}, "refresh_s": 300},
          {"id": "proxy", "url": "https://proxy.example.com/status.json", "sign_in": true},
          {"id": "plain", "url": "data/a.json"},
          {"id": "both", "microsoft365": {"messages": true}, "prometheus": {"query": "up"}, "url": "https://graph.example/v1.0"}
        ]"#,
    );
    assert_eq!(issues, ["sources[3]: `microsoft365` is read as msgraph; format and prometheus ignored"]);
    let m365 = &config.sources[0];
    assert_eq!(
        (m365.url.as_str(), m365.format, m365.sign_in),
        ("https://graph.microsoft.com/v1.0", Some(Format::MsGraph), true)
    );
    let urls = m365.microsoft365.as_ref().unwrap().urls(&m365.url);
    assert_eq!(
        urls,
        [
            "https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues\
             &$filter=service%20eq%20%27Exchange%20Online%27%20or%20service%20eq%20%27Microsoft%20Teams%27",
            "https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues\
             ?$filter=service%20eq%20%27Exchange%20Online%27%20or%20service%20eq%20%27Microsoft%20Teams%27",
        ]
    );
    assert_eq!(m365.fetch_url(&m365.url, 0, None), urls[0]);
    let every = config.sources[3].microsoft365.as_ref().unwrap().urls("https://graph.example/v1.0/");
    assert_eq!(
        every,
        [
            "https://graph.example/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues",
            "https://graph.example/v1.0/admin/serviceAnnouncement/issues",
            "https://graph.example/v1.0/admin/serviceAnnouncement/messages",
        ],
        "every service, and the message-center posts"
    );
    let quoted = Microsoft365Source { services: vec!["O'Brien".into(), "Teams".into()], messages: true }
        .urls("https://g");
    assert!(
        quoted[1].ends_with("service%20eq%20%27O%27%27Brien%27%20or%20service%20eq%20%27Teams%27"),
        "{}",
        quoted[1]
    );
    assert_eq!(
        quoted[2],
        "https://g/admin/serviceAnnouncement/messages?$filter=\
         services%2Fany%28s%3As%20eq%20%27O%27%27Brien%27%29%20or%20services%2Fany%28s%3As%20eq%20%27Teams%27%29",
        "posts naming either service"
    );
    assert!(config.sources[1].sign_in && config.sources[1].microsoft365.is_none());
    assert!(!config.sources[2].sign_in);
    assert!(config.sources[3].prometheus.is_none() && config.sources[3].format == Some(Format::MsGraph));
    let (_, issues) = read(r#", "sources": [{"id": "x"}]"#);
    assert_eq!(issues, ["sources[0].url: missing; source skipped"]);
}

#[test]
fn dependencies_past_ten_thousand_are_an_issue_and_ignored() {
    let entries: Vec<String> =
        (0..10_002).map(|i| format!(r#"{{"service": "s{}", "requires": ["s{i}"]}}"#, i + 1)).collect();
    let (config, issues) = read(&format!(r#", "dependencies": [{}]"#, entries.join(",")));
    assert_eq!(issues, ["dependencies: 10002 entries; the first 10000 are read, the rest ignored"]);
    assert_eq!(config.dependencies.len(), 10_000, "the first 10,000");
}
