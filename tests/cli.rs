//! The `nines` command line, driven as a user drives it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nines(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nines")).args(args).output().expect("nines runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every fixture file (not the provenance notes), in a stable order.
fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .flat_map(|dir| std::fs::read_dir(dir.expect("entry").path()).expect("format folder"))
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn check_reads_every_real_fixture_and_refuses_the_malformed_one() {
    let files = fixtures();
    assert!(files.len() >= 2, "fixtures found: {files:?}");
    for path in files {
        let shown = path.display().to_string();
        let out = nines(&["check", &shown]);
        if shown.contains("/malformed/") {
            assert_eq!(out.status.code(), Some(1), "{shown}: {}", text(&out.stdout));
            assert!(
                text(&out.stderr).contains("not valid JSON at line 2, column 17"),
                "{}",
                text(&out.stderr)
            );
        } else {
            assert_eq!(out.status.code(), Some(0), "{shown}: {}", text(&out.stderr));
            assert!(text(&out.stdout).starts_with(&format!("{shown}: format=")), "{}", text(&out.stdout));
        }
    }
}

#[test]
fn check_prints_format_counts_and_issues() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/demo.json");
    let out = nines(&["check", demo]);
    assert_eq!(out.status.code(), Some(0));
    // The demo ends on 2026-11-23: more than 7 days before any clock this test runs on.
    let lines: Vec<String> = text(&out.stdout).lines().map(String::from).collect();
    assert_eq!(
        lines[0],
        format!(
            "{demo}: format=nines services=8 incidents=13 maintenances=2 announcements=1 series=4 samples=518400 issues=1"
        )
    );
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].starts_with("  as_of: 2026-11-23T00:00:00Z is "), "{lines:?}");
    assert!(lines[1].ends_with("the data is not current, and the figures end at its as-of"), "{lines:?}");
}

#[test]
fn convert_writes_the_native_format_and_usage_errors_exit_2() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/demo.json");
    let out = nines(&["convert", demo, "--to", "nines"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        std::fs::read_to_string(demo).expect("demo"),
        "converting native is lossless"
    );
    let cases: [&[&str]; 4] =
        [&[], &["check"], &["convert", demo, "--to", "csv"], &["check", "--format", "nope", demo]];
    for args in cases {
        let out = nines(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("usage: nines check"), "{args:?}");
    }
    let forced = nines(&["check", "--format", "nines", demo]);
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn prometheus_label_names_can_be_chosen() {
    let response = r#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"probe_success","job":"blackbox","instance":"mail.example.com","zone":"eu"},
         "values":[[1767225600,"1"],[1767225660,"0"]]}]}}"#;
    let path = std::env::temp_dir().join(format!("nines-cli-prometheus-{}.json", std::process::id()));
    std::fs::write(&path, response).expect("temp file");
    let shown = path.display().to_string();
    let by_default = nines(&["convert", &shown, "--to", "nines"]);
    let chosen =
        nines(&["convert", &shown, "--to", "nines", "--service-label", "instance", "--region-label", "zone"]);
    std::fs::remove_file(&path).ok();
    assert_eq!(by_default.status.code(), Some(0), "{}", text(&by_default.stderr));
    assert!(text(&by_default.stdout).contains(r#""service":"blackbox""#), "job names the service by default");
    assert!(!text(&by_default.stdout).contains(r#""region""#), "no `region` label, so no region");
    assert_eq!(chosen.status.code(), Some(0), "{}", text(&chosen.stderr));
    assert!(
        text(&chosen.stdout).contains(r#""service":"mail.example.com","region":"eu""#),
        "{}",
        text(&chosen.stdout)
    );
}

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path).display().to_string()
}

/// `nines summary --json`'s figures for one service and window.
fn window(json: &serde_json::Value, service: &str, name: &str) -> serde_json::Value {
    json["services"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["id"] == service))
        .map(|s| s["windows"][name].clone())
        .unwrap_or_else(|| panic!("no {service} in {json}"))
}

fn summary(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["summary", "--json"];
    all.extend_from_slice(args);
    let out = nines(&all);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)))
}

fn close(value: &serde_json::Value, want: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - want).abs() < 1e-9)
}

/// A real Statuspage file whose times carry local offsets (-06:00 in winter, -05:00 in summer).
/// Minutes by hand from its timestamps: x9wt6q4wbbvn 07:28:41.270–07:56:37.241 (-06:00) is
/// 27.93285 min; v2j2ngg00rc3 09:36:07.727–10:58:48.623 (-06:00) is 82.68160 min; both name
/// "Web Application - Home" and have minor impact, which `strict` does not count.
#[test]
fn summary_of_a_real_statuspage_file_with_local_offsets() {
    let emma = fixture("statuspage/emma_incidents_2019_local-offsets.json");
    let json = summary(&["--as-of", "2019-02-21T00:00:00Z", &emma]);
    assert_eq!(json["as_of"], "2019-02-21T00:00:00Z");
    let week = window(&json, "1v7mxlx6kxtz", "7d");
    assert!(close(&week["incident_minutes"], 27.93285) && week["incidents"] == 1, "{week}");
    let month = window(&json, "1v7mxlx6kxtz", "30d");
    assert!(close(&month["incident_minutes"], 27.93285 + 82.6816), "{month}");
    assert!(month["incidents"] == 2 && close(&month["availability"], 1.0), "minor is degraded: {month}");
    assert!(close(&month["downtime_minutes"], 0.0) && close(&month["coverage"], 1.0), "{month}");
    // 407hb58lq8nq starts 09:42:00.645-05:00 = 14:42:00.645 UTC: 17.98925 min before 15:00 UTC.
    // Read without its offset it would start at 09:42 UTC and fill the whole day's window.
    let json = summary(&["--as-of", "2018-11-02T15:00:00Z", &emma]);
    let day = window(&json, "8dp37sxcyb07", "24h");
    assert!(close(&day["incident_minutes"], 17.98925) && day["incidents"] == 1, "{day}");
}

/// A native file written for this test: one major hour across the US switch to summer time
/// (01:30 -05:00 to 03:30 -04:00 on 2026-03-08 is one hour), data from 1 February.
#[test]
fn summary_is_exact_across_a_daylight_saving_switch_and_short_coverage() {
    let dir = std::env::temp_dir().join(format!("nines-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("dst.json");
    let file = r#"{
      "format": "nines", "version": 1, "title": "DST", "as_of": "2026-03-10T00:00:00Z",
      "coverage": { "start": "2026-02-01T00:00:00Z", "end": "2026-03-10T00:00:00Z" },
      "services": [{ "id": "web", "name": "Website" }],
      "incidents": [
        { "id": "A", "title": "down", "impact": "major", "status": "resolved", "services": ["web"],
          "start": "2026-03-08T01:30:00-05:00", "end": "2026-03-08T03:30:00-04:00" },
        { "id": "B", "title": "slow", "impact": "partial", "status": "resolved", "services": ["web"],
          "start": "2026-03-09T10:00:00Z", "end": "2026-03-09T10:30:00Z" }
      ]
    }"#;
    std::fs::write(&path, file).expect("write");
    let shown = path.display().to_string();
    let strict = summary(&["--as-of", "2026-03-10T00:00:00Z", &shown]);
    // (window, downtime min, counted min, coverage)
    let cases = [
        ("24h", 30.0, 1440.0, 1.0),
        ("7d", 90.0, 7.0 * 1440.0, 1.0),
        ("30d", 90.0, 30.0 * 1440.0, 1.0),
        // Only 37 of the 90 days have data: the rest is left out, not counted as up.
        ("90d", 90.0, 37.0 * 1440.0, 37.0 / 90.0),
    ];
    for (name, down, counted, coverage) in cases {
        let w = window(&strict, "web", name);
        assert!(close(&w["downtime_minutes"], down), "{name}: {w}");
        assert!(close(&w["availability"], 1.0 - down / counted), "{name}: {w}");
        assert!(close(&w["coverage"], coverage), "{name}: {w}");
        assert!(close(&w["incident_minutes"], down), "{name}: {w}");
    }
    // Statuspage weights count the partial half hour at 30 %.
    let weighted = summary(&["--as-of", "2026-03-10T00:00:00Z", "--weights", "statuspage", &shown]);
    let w = window(&weighted, "web", "7d");
    assert!(close(&w["downtime_minutes"], 60.0 + 9.0) && close(&w["incident_minutes"], 90.0), "{w}");

    let csv = nines(&["report", "--to", "csv", "--as-of", "2026-03-10T00:00:00Z", &shown]);
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("section,file,service,window,metric,value\n"), "{csv}");
    assert!(csv.contains(",web,7d,downtime_minutes,90\n"), "{csv}");
    assert!(csv.contains(",web,90d,mttr_minutes,45\n"), "MTTR (60 + 30) / 2: {csv}");
    // From 07:30 UTC on the 8th to 10:00 on the 9th.
    assert!(csv.contains(",web,90d,mtbf_minutes,1590\n"), "MTBF 26.5 h: {csv}");
    let markdown = text(&nines(&["report", "--as-of", "2026-03-10T00:00:00Z", &shown]).stdout);
    assert!(
        markdown.contains("## Availability") && markdown.contains("| web | 30d | availability |"),
        "{markdown}"
    );

    let bad = nines(&["summary", "--as-of", "yesterday", &shown]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("is not a time"), "{}", text(&bad.stderr));
    let bad = nines(&["summary", "--weights", "lenient", &shown]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("expected a preset"), "{}", text(&bad.stderr));
    std::fs::remove_dir_all(&dir).ok();
}

/// `nines summary` and `nines report` read every real fixture and give figures in range.
#[test]
fn summary_and_report_of_every_real_fixture() {
    for path in fixtures().into_iter().filter(|p| !p.display().to_string().contains("/malformed/")) {
        let shown = path.display().to_string();
        let json = summary(&[&shown]);
        for service in json["services"].as_array().map_or(&[][..], |a| a) {
            for (name, w) in service["windows"].as_object().into_iter().flatten() {
                let in_range = |v: &serde_json::Value| v.as_f64().is_some_and(|x| (0.0..=1.0).contains(&x));
                assert!(w["availability"].is_null() || in_range(&w["availability"]), "{shown} {name}: {w}");
                assert!(in_range(&w["coverage"]), "{shown} {name}: {w}");
                assert!(w["downtime_minutes"].as_f64().is_some_and(|m| m >= 0.0), "{shown} {name}: {w}");
            }
        }
        let report = nines(&["report", "--to", "csv", &shown]);
        assert!(report.status.success(), "{shown}: {}", text(&report.stderr));
    }
}

#[test]
fn check_flags_data_dated_after_this_machines_clock() {
    let dir = std::env::temp_dir().join(format!("nines-cli-future-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    let path = dir.join("future.json");
    std::fs::write(
        &path,
        r#"{"format": "nines", "version": 1, "as_of": "2100-01-01T00:00:00Z",
            "coverage": {"start": "2099-12-31T00:00:00Z", "end": "2100-01-01T00:00:00Z"},
            "services": [{"id": "api", "name": "API"}]}"#,
    )
    .expect("write");
    let shown = path.display().to_string();
    let out = nines(&["check", &shown]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<String> = text(&out.stdout).lines().map(String::from).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].ends_with("issues=1"), "{lines:?}");
    assert!(lines[1].starts_with("  as_of: 2100-01-01T00:00:00Z is "), "{lines:?}");
    assert!(
        lines[1].ends_with("one of the clocks is wrong, and the figures end at the data's as-of"),
        "{lines:?}"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}
