//! The Upptime importer on every real Upptime file in tests/fixtures/upptime (see PROVENANCE.md
//! there): detection, exact counts, hand-checked values and the exact issues.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::ingest::{self, Format, IngestError, Parsed};
use nines::model::{Samples, Span, MS_PER_DAY};

#[path = "support/reading.rs"]
mod reading;
use reading::{claimed_by, fixture_text, messages, parse_fixture};

fn ids(parsed: &Parsed) -> Vec<&str> {
    parsed.snapshot.services.iter().map(|s| s.id.as_str()).collect()
}

/// Days since 1970-01-01 of the UTC days the tests use (counted with a calendar; 2025-07-22 is
/// also checked by the summary module's unit test).
const DAY_2022_01_11: i64 = 19_003;
const DAY_2022_07_28: i64 = 19_201;
const DAY_2024_06_15: i64 = 19_889;
const DAY_2025_07_22: i64 = 20_291;

const SUMMARY_AS_OF: &str =
    "summary.json has no generation time; as-of set to the end of the last day with data";
const CONFIG_ONLY: &str = "configuration only";
const BADGE: &str = "a badge carries a single figure, with no date and no time series, so nothing is charted";

/// (file, services, series, samples, as_of_ms, coverage as (start, end) ms, issues).
type Row = (&'static str, usize, usize, usize, i64, (i64, i64), &'static [&'static str]);

const ROWS: [Row; 20] = [
    ("bandlab_summary.json", 2, 0, 0, 0, (0, 0), &[
        "[*].dailyMinutesDown: summary.json has no generation time and lists no day with downtime: as-of and \
         coverage unknown, services only",
    ]),
    ("bandlab_upptimerc.yml", 2, 0, 0, 0, (0, 0), &[
        "sites: configuration only: 2 sites and no status data; as-of and coverage left empty",
    ]),
    ("cloudesire_api_backend-staging_uptime-week.json", 1, 0, 0, 0, (0, 0), &[
        "message: uptime over the last 7 days: 0 %; a badge carries a single figure, with no date and no time \
         series, so nothing is charted",
    ]),
    ("cloudesire_api_vc2_response-time.json", 1, 0, 0, 0, (0, 0), &[
        "message: response time since monitoring began: 1173 ms; a badge carries a single figure, with no date \
         and no time series, so nothing is charted",
    ]),
    ("cloudesire_api_vc2_uptime.json", 1, 0, 0, 0, (0, 0), &[
        "message: uptime since monitoring began: 99.96 %; a badge carries a single figure, with no date and no \
         time series, so nothing is charted",
    ]),
    // lastUpdated 2026-06-10T23:35:03.298Z.
    ("cloudesire_history_backend-staging_down.yml", 1, 1, 1, 1_781_134_503_298, (1_781_134_503_298, 1_781_134_503_298), &[]),
    ("cloudesire_history_https-vc2-cloudeng-it.yml", 1, 1, 1, 1_781_134_505_243, (1_781_134_505_243, 1_781_134_505_243), &[]),
    // 2025-07-22 ..= 2026-06-11: 10 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 11 = 325 days,
    // for each of 3 sites; as-of 2026-06-12T00:00Z = day 20 616.
    ("cloudesire_summary.json", 3, 3, 975, 20_616 * MS_PER_DAY, (DAY_2025_07_22 * MS_PER_DAY, 20_616 * MS_PER_DAY), &[
        "[1].dailyMinutesDown.2026-06-11: summary.json has no generation time; as-of set to the end of the last \
         day with data, 2026-06-11 (2026-06-12T00:00:00Z)",
    ]),
    ("cloudesire_upptimerc.yml", 3, 0, 0, 0, (0, 0), &[
        "sites: configuration only: 3 sites and no status data; as-of and coverage left empty",
    ]),
    ("cloudhub_api_lemmy_uptime-year.json", 1, 0, 0, 0, (0, 0), &[
        "message: uptime over the last year: 67.8 %; a badge carries a single figure, with no date and no time \
         series, so nothing is charted",
    ]),
    // lastUpdated 2025-06-12T23:17:21.665Z.
    ("cloudhub_history_lemmy.yml", 1, 1, 1, 1_749_770_241_665, (1_749_770_241_665, 1_749_770_241_665), &[]),
    // 2024-06-15 ..= 2025-03-10: 16 + 31 + 31 + 30 + 31 + 30 + 31 + 31 + 28 + 10 = 269 days, 4 sites;
    // as-of 2025-03-11T00:00Z = day 20 158.
    ("cloudhub_summary.json", 4, 4, 1076, 20_158 * MS_PER_DAY, (DAY_2024_06_15 * MS_PER_DAY, 20_158 * MS_PER_DAY), &[
        "[0].dailyMinutesDown.2025-03-10: summary.json has no generation time; as-of set to the end of the last \
         day with data, 2025-03-10 (2025-03-11T00:00:00Z)",
    ]),
    ("cloudhub_upptimerc.yml", 4, 0, 0, 0, (0, 0), &[
        "sites: configuration only: 4 sites and no status data; as-of and coverage left empty",
    ]),
    // lastUpdated 2026-08-21T23:04:41.040Z.
    ("dhbern_history_parzival-legacy.yml", 1, 1, 1, 1_787_353_481_040, (1_787_353_481_040, 1_787_353_481_040), &[]),
    // Its issues are checked in `config_slugs_are_upptimes`.
    ("dhbern_upptimerc.yml", 51, 0, 0, 0, (0, 0), &[]),
    // lastUpdated 2022-07-31T23:05:17.200Z.
    ("flashbots-boost_history_kiln_js-date-startTime.yml", 1, 1, 1, 1_659_308_717_200, (1_659_308_717_200, 1_659_308_717_200), &[
        "startTime: \"Wed Jul 06 2022 08:58:36 GMT+0000 (Coordinated Universal Time)\" is JavaScript Date text, \
         not ISO 8601; read as 2022-07-06T08:58:36Z",
    ]),
    // One listed day, 2022-07-28, for 3 sites; as-of 2022-07-29T00:00Z.
    ("flashbots-boost_summary.json", 3, 3, 3, (DAY_2022_07_28 + 1) * MS_PER_DAY, (DAY_2022_07_28 * MS_PER_DAY, (DAY_2022_07_28 + 1) * MS_PER_DAY), &[
        "[0].dailyMinutesDown.2022-07-28: summary.json has no generation time; as-of set to the end of the last \
         day with data, 2022-07-28 (2022-07-29T00:00:00Z)",
    ]),
    ("flashbots-boost_upptimerc.yml", 3, 0, 0, 0, (0, 0), &[
        "sites: configuration only: 3 sites and no status data; as-of and coverage left empty",
    ]),
    ("manticore_upptimerc.yml", 18, 0, 0, 0, (0, 0), &[
        "sites: configuration only: 18 sites and no status data; as-of and coverage left empty",
    ]),
    // 2022-01-11 ..= 2023-01-10: exactly Upptime's 365 days, 4 sites; as-of 2023-01-11T00:00Z.
    ("upptime-demo_summary.json", 4, 4, 1460, (DAY_2022_01_11 + 365) * MS_PER_DAY, (DAY_2022_01_11 * MS_PER_DAY, (DAY_2022_01_11 + 365) * MS_PER_DAY), &[
        "[3].dailyMinutesDown.2023-01-10: summary.json has no generation time; as-of set to the end of the last \
         day with data, 2023-01-10 (2023-01-11T00:00:00Z)",
    ]),
];

#[test]
fn every_fixture_is_upptime_with_exact_counts_and_issues() {
    for (name, services, series, samples, as_of_ms, (start_ms, end_ms), issues) in ROWS {
        let parsed = parse_fixture("upptime", name);
        let s = &parsed.snapshot;
        let got_samples: usize = s.series.iter().map(|x| x.samples.len()).sum();
        assert_eq!(parsed.format, Format::Upptime, "{name}: format");
        assert_eq!(s.services.len(), services, "{name}: services");
        assert_eq!(s.series.len(), series, "{name}: series");
        assert_eq!(got_samples, samples, "{name}: samples");
        assert_eq!(s.as_of_ms, as_of_ms, "{name}: as_of_ms");
        assert_eq!(s.coverage, Span { start_ms, end_ms }, "{name}: coverage");
        assert!(s.incidents.is_empty() && s.maintenances.is_empty(), "{name}: no incidents, no maintenance");
        if name != "dhbern_upptimerc.yml" {
            assert_eq!(messages(&parsed), issues, "{name}: issues");
        }
        for x in &s.series {
            assert!(s.service(&x.service).is_some(), "{name}: series of unknown service {}", x.service);
            assert!(
                x.samples.up_ratio().iter().all(|v| v.is_nan() || (0.0..=1.0).contains(v)),
                "{name}: 0..1"
            );
        }
    }
    // Every fixture file is in the table, and every kind of issue the brief names is produced.
    let mut files: Vec<String> = std::fs::read_dir("tests/fixtures/upptime")
        .expect("fixture folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name != "PROVENANCE.md")
        .collect();
    files.sort();
    let mut names: Vec<&str> = ROWS.iter().map(|row| row.0).collect();
    names.sort_unstable();
    assert_eq!(files, names, "every fixture file has a row");
    let all: Vec<&str> = ROWS.iter().flat_map(|r| r.6.iter().copied()).collect();
    for kind in [SUMMARY_AS_OF, CONFIG_ONLY, BADGE, "JavaScript Date text"] {
        assert!(all.iter().any(|m| m.contains(kind)), "some fixture gives {kind:?}");
    }
}

#[test]
fn other_detectors_leave_upptime_files_alone() {
    for (name, ..) in ROWS {
        let text = fixture_text("upptime", name);
        assert_eq!(claimed_by(&text), [Format::Upptime], "{name}: only the Upptime detector claims it");
    }
}

/// Up-ratio of a regular series' sample `i`, with the series' start checked.
fn up_at(parsed: &Parsed, service: &str, start_day: i64, i: usize) -> f32 {
    let series = parsed.snapshot.series.iter().find(|s| s.service == service).expect("series");
    let Samples::Regular { start_ms, step_ms, up_ratio } = &series.samples else {
        panic!("{service}: regular")
    };
    assert_eq!(
        (*start_ms, *step_ms),
        (start_day * MS_PER_DAY, MS_PER_DAY),
        "{service}: daily from the first day"
    );
    assert!(series.latency_ms.is_empty(), "{service}: no per-day latency in a summary");
    up_ratio[i]
}

#[test]
fn summary_days_are_one_minus_minutes_over_1440() {
    let cloudesire = parse_fixture("upptime", "cloudesire_summary.json");
    assert_eq!(
        ids(&cloudesire),
        [
            "https-marketplace-cloudeng-it",
            "https-backend-staging-eng-cloudesire-com",
            "https-vc2-cloudeng-it"
        ]
    );
    let down = "https-backend-staging-eng-cloudesire-com";
    let tags: Vec<&[String]> = cloudesire.snapshot.services.iter().map(|s| s.tags.as_slice()).collect();
    assert_eq!(tags, [["status:up"], ["status:down"], ["status:up"]], "current status kept as a tag");
    // (label, service, day index from 2025-07-22, want). Indexes counted on a calendar:
    // 2025-10-21 = 10 (rest of July) + 31 + 30 + 20 = 91; 2026-06-10 = 325 − 2 = 323.
    let cases: [(&str, &str, usize, f32); 6] = [
        ("first listed day, 17 min", down, 0, 1.0 - 17.0 / 1440.0),
        ("unlisted day after it", down, 1 + 1, 1.0),
        ("a 1440-minute day (keys listed descending)", down, 323, 0.0),
        ("last day, 42 min, listed before the descending run", down, 324, 1.0 - 42.0 / 1440.0),
        ("another site's 17 min on 2025-10-21", "https-marketplace-cloudeng-it", 91, 1.0 - 17.0 / 1440.0),
        ("another site, unlisted first day", "https-marketplace-cloudeng-it", 0, 1.0),
    ];
    for (label, service, i, want) in cases {
        assert_eq!(up_at(&cloudesire, service, DAY_2025_07_22, i), want, "{label}");
    }
    // All the listed downtime is there: 323 469 minutes over 231 days, 224 of them whole days.
    let series = cloudesire.snapshot.series.iter().find(|s| s.service == down).expect("series");
    let minutes: f64 = series.samples.up_ratio().iter().map(|u| f64::from(1.0 - u) * 1440.0).sum();
    assert!((minutes - 323_469.0).abs() < 1.0, "{minutes} minutes");
    assert_eq!(series.samples.up_ratio().iter().filter(|u| **u == 0.0).count(), 224, "whole days down");

    let demo = parse_fixture("upptime", "upptime-demo_summary.json");
    assert_eq!(ids(&demo), ["google", "wikipedia", "hacker-news", "test-broken-site"]);
    // 2022-03-29 = 21 (rest of January) + 28 + 28 = day 77; 2022-06-12 = 21 + 28 + 31 + 30 + 31 + 11 = 152.
    let cases: [(&str, &str, usize, f32); 5] = [
        ("no downtime at all", "google", 200, 1.0),
        ("21 min", "wikipedia", 152, 1.0 - 21.0 / 1440.0),
        ("16 min", "wikipedia", 77, 1.0 - 16.0 / 1440.0),
        ("down all of the first day", "test-broken-site", 0, 0.0),
        ("70 min on the last day", "test-broken-site", 364, 1.0 - 70.0 / 1440.0),
    ];
    for (label, service, i, want) in cases {
        assert_eq!(up_at(&demo, service, DAY_2022_01_11, i), want, "{label}");
    }

    let flashbots = parse_fixture("upptime", "flashbots-boost_summary.json");
    let cases = [("kiln", 1.0 - 26.0 / 1440.0), ("ropsten", 1.0 - 44.0 / 1440.0), ("sepolia", 1.0)];
    for (service, want) in cases {
        assert_eq!(up_at(&flashbots, service, DAY_2022_07_28, 0), want, "{service}, 2022-07-28");
    }

    let cloudhub = parse_fixture("upptime", "cloudhub_summary.json");
    assert_eq!(ids(&cloudhub), ["authentik", "lemmy", "mastodon", "blog"]);
    // Authentik's keys run descending: 2025-03-10 (62 min) first; 2024-12-17 down all day; 2024-08-22
    // 19 min. Indexes from 2024-06-15: 16 (rest of June) + 31 + 21 = 68 for 2024-08-22;
    // 16 + 31 + 31 + 30 + 31 + 30 + 16 = 185 for 2024-12-17; 269 − 1 = 268 for 2025-03-10.
    let cases: [(&str, usize, f32); 4] = [
        ("2024-08-22, 19 min", 68, 1.0 - 19.0 / 1440.0),
        ("2024-08-23, unlisted", 69, 1.0),
        ("2024-12-17, 1440 min", 185, 0.0),
        ("2025-03-10, 62 min", 268, 1.0 - 62.0 / 1440.0),
    ];
    for (label, i, want) in cases {
        assert_eq!(up_at(&cloudhub, "authentik", DAY_2024_06_15, i), want, "authentik {label}");
    }

    let bandlab = parse_fixture("upptime", "bandlab_summary.json");
    assert_eq!(ids(&bandlab), ["bandlab", "bandlab-user-page"]);
}

#[test]
fn history_files_are_one_probe_at_last_updated() {
    // (file, id, name, up, latency ms, tag).
    let cases = [
        (
            "cloudesire_history_backend-staging_down.yml",
            "https-backend-staging-eng-cloudesire-com-api-version",
            "https://backend-staging-eng.cloudesire.com/api/version",
            0.0,
            129.0,
            "status:down",
        ),
        (
            "cloudesire_history_https-vc2-cloudeng-it.yml",
            "https-vc2-cloudeng-it",
            "https://vc2.cloudeng.it",
            1.0,
            1918.0,
            "status:up",
        ),
        (
            "cloudhub_history_lemmy.yml",
            "https-lemmy-cloudhub-social",
            "https://lemmy.cloudhub.social",
            1.0,
            691.0,
            "status:up",
        ),
        (
            "dhbern_history_parzival-legacy.yml",
            "https-parzdb-parzival-unibe-ch",
            "https://parzdb.parzival.unibe.ch/",
            1.0,
            1301.0,
            "status:up",
        ),
        (
            "flashbots-boost_history_kiln_js-date-startTime.yml",
            "https-builder-relay-kiln-flashbots-net-eth-v1-builder-status",
            "https://builder-relay-kiln.flashbots.net/eth/v1/builder/status",
            1.0,
            243.0,
            "status:up",
        ),
    ];
    for (name, id, service_name, up, latency, tag) in cases {
        let parsed = parse_fixture("upptime", name);
        let s = &parsed.snapshot;
        assert_eq!((s.services[0].id.as_str(), s.services[0].name.as_str()), (id, service_name), "{name}");
        assert_eq!(s.services[0].tags, [tag], "{name}");
        assert_eq!(s.title, format!("Upptime history: {service_name}"), "{name}");
        let want = Samples::Irregular { times_ms: vec![s.as_of_ms], up_ratio: vec![up] };
        assert_eq!(s.series[0].samples, want, "{name}: one sample at lastUpdated");
        assert_eq!(s.series[0].latency_ms, [latency], "{name}: responseTime");
    }
}

#[test]
fn config_slugs_are_upptimes() {
    // The config's slugs equal the slugs Upptime wrote into the same repository's summary.json.
    for repo in ["bandlab", "cloudesire", "cloudhub", "flashbots-boost"] {
        let config = parse_fixture("upptime", &format!("{repo}_upptimerc.yml"));
        let summary = parse_fixture("upptime", &format!("{repo}_summary.json"));
        assert_eq!(ids(&config), ids(&summary), "{repo}");
    }
    let cloudesire = parse_fixture("upptime", "cloudesire_upptimerc.yml");
    // YAML drops the trailing space of the plain scalar "https://vc2.cloudeng.it " itself.
    assert_eq!(cloudesire.snapshot.services[2].name, "https://vc2.cloudeng.it");
    assert_eq!(cloudesire.snapshot.title, "Cloudesire Status Page");

    let manticore = parse_fixture("upptime", "manticore_upptimerc.yml");
    let names: Vec<&str> = manticore.snapshot.services.iter().map(|s| s.name.as_str()).collect();
    let want_ids =
        [("GitHub", "git-hub"), ("MySQL Playground", "my-sql-playground"), ("Manual (dev)", "manual-dev")];
    for (site, want) in want_ids {
        let i = names.iter().position(|n| *n == site).expect("site");
        assert_eq!(ids(&manticore)[i], want, "{site}: camel case split as slugify does");
    }

    let dhbern = parse_fixture("upptime", "dhbern_upptimerc.yml");
    assert!(ids(&dhbern).contains(&"parzival-legacy"), "the slug of history/parzival-legacy.yml");
    assert!(ids(&dhbern).contains(&"parzival-zuercher-skriptorium"), "ü spelt ue");
    assert!(ids(&dhbern).contains(&"rd-l-haller-net-data"), "RdL – hallerNet (data)");
    // (site, first site, slug) of each name used twice.
    let duplicates = [
        (8, 7, "gossembrot-bibliothek-redirect-to-gossembrot-unibe-ch"),
        (12, 11, "parzival-redirect-to-parzival-unibe-ch"),
        (19, 18, "parzival-rappoltstein-redirect-to-rappoltstein-parzival-unibe-ch"),
        (23, 22, "parzival-cgm-19-redirect-to-cgm19-parzival-unibe-ch"),
        (27, 26, "parzival-cod-aa-91-redirect-to-codaa91-parzival-unibe-ch"),
        (31, 30, "parzival-cod-857-redirect-to-cod857-parzival-unibe-ch"),
        (35, 34, "parzival-schwerin-redirect-to-schwerin-parzival-unibe-ch"),
        (39, 38, "parzival-zuercher-skriptorium-redirect-to-skriptoriumzh-parzival-unibe-ch"),
        (49, 48, "wellcome-schreiber-redirect-to-wellcome-schreiber-unibe-ch"),
    ];
    let mut want: Vec<String> = duplicates
        .iter()
        .map(|(i, first, slug)| {
            format!(
                "sites[{i}].name: same slug \"{slug}\" as sites[{first}]: Upptime would mix their histories; \
                 read as \"{slug}-2\""
            )
        })
        .collect();
    want.push("sites: configuration only: 51 sites and no status data; as-of and coverage left empty".into());
    assert_eq!(messages(&dhbern), want);
    for (i, _, slug) in duplicates {
        assert_eq!(dhbern.snapshot.services[i].id, format!("{slug}-2"), "site {i}");
    }
}

#[test]
fn badges_are_one_named_figure() {
    let cases = [
        ("cloudesire_api_backend-staging_uptime-week.json", "uptime 7d", "Upptime badge: uptime 7d 0%"),
        ("cloudesire_api_vc2_response-time.json", "response time", "Upptime badge: response time 1173 ms"),
        ("cloudesire_api_vc2_uptime.json", "uptime", "Upptime badge: uptime 99.96%"),
        ("cloudhub_api_lemmy_uptime-year.json", "uptime 1y", "Upptime badge: uptime 1y 67.8%"),
    ];
    for (name, label, title) in cases {
        let s = parse_fixture("upptime", name).snapshot;
        assert_eq!((s.services[0].id.as_str(), s.services[0].name.as_str()), ("badge", label), "{name}");
        assert_eq!(s.title, title, "{name}");
    }
}

#[test]
fn forced_upptime_on_other_files_is_an_error() {
    let cases = [
        ("a JSON object", r#"{"page": {"id": "x"}}"#),
        ("YAML without sites", "owner: a\nrepo: b\n"),
        ("plain text", "up 1\n"),
    ];
    for (label, text) in cases {
        let error = ingest::parse(text, Some(Format::Upptime)).expect_err(label);
        assert!(matches!(error, IngestError::UnknownFormat(_)), "{label}: {error}");
    }
    let empty = ingest::parse("[]", Some(Format::Upptime)).expect("an empty summary");
    assert_eq!((empty.snapshot.services.len(), empty.issues.len()), (0, 1));
}
