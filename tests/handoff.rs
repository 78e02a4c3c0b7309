//! A parse done in the page's worker reaches the main thread unchanged: every fixture and the
//! demo give back the same snapshot, format and issues, and every error kind its fields.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

use nines::ingest::{self, handoff, Format, IngestError, Parsed};
use nines::model::{Coverage, Samples, Series, Service, Snapshot, Span};

/// Every JSON fixture (and the demo), by path.
fn inputs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = vec![root.join("public/data/demo.json")];
    let Ok(dirs) = std::fs::read_dir(root.join("tests/fixtures")) else { return Vec::new() };
    for dir in dirs.flatten() {
        for file in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            if file.path().extension().is_some_and(|e| e == "json") {
                found.push(file.path());
            }
        }
    }
    found.sort();
    found.into_iter().map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap())).collect()
}

/// `Debug` text: equal for equal snapshots, and `NaN` (no data) equals `NaN`.
fn shown(snapshot: &Snapshot) -> String {
    format!("{snapshot:?}")
}

fn same(label: &str, sent: &Result<Parsed, IngestError>, got: &Result<Parsed, IngestError>) {
    match (sent, got) {
        (Ok(sent), Ok(got)) => {
            assert_eq!(shown(&got.snapshot), shown(&sent.snapshot), "{label}: snapshot");
            assert_eq!(got.format, sent.format, "{label}: format");
            assert_eq!(got.issues, sent.issues, "{label}: issues");
            assert_eq!(got.history_months, sent.history_months, "{label}: history months");
        }
        (Err(sent), Err(got)) => assert_eq!(got.to_string(), sent.to_string(), "{label}: error"),
        _ => panic!("{label}: sent {:?}, got {:?}", sent.is_ok(), got.is_ok()),
    }
}

#[test]
fn every_fixture_comes_back_unchanged() {
    let inputs = inputs();
    assert!(inputs.len() > 20, "fixtures found: {}", inputs.len());
    for (label, text) in inputs {
        let sent = ingest::parse(&text, None);
        let got =
            handoff::decode(handoff::encode(sent.clone())).unwrap_or_else(|| panic!("{label}: no answer"));
        same(&label, &sent, &got);
    }
}

fn service(id: &str) -> Service {
    Service {
        id: id.into(),
        name: id.into(),
        group: None,
        regions: Vec::new(),
        tags: Vec::new(),
        slo: None,
        coverage: None,
    }
}

#[test]
fn series_come_back_bit_for_bit() {
    let up_ratio = vec![1.0, 0.0, f32::NAN, 0.998_333_3, 1.0 / 3.0, 1e-7, 0.123_456_79];
    let regular = Series {
        service: "api".into(),
        region: Some("eu".into()),
        samples: Samples::Regular {
            start_ms: 1_767_225_600_000,
            step_ms: 60_000,
            up_ratio: up_ratio.clone(),
        },
        latency_ms: vec![12.345_678, f32::NAN, 0.5, 1e6, 3.0, 2.25, 7.1],
    };
    let irregular = Series {
        service: "web".into(),
        region: None,
        samples: Samples::Irregular {
            times_ms: vec![-5, 0, 7, 1_767_225_600_001, i64::MAX / 2, i64::MAX - 1, i64::MAX],
            up_ratio,
        },
        latency_ms: Vec::new(),
    };
    let sent = Parsed {
        snapshot: Snapshot {
            // A coverage with a gap travels whole.
            coverage: Coverage::new(vec![Span::new(0, 9), Span::new(15, 24)]),
            // A service's own coverage (a gap, nothing at all) and none.
            services: vec![
                Service {
                    coverage: Some(Coverage::new(vec![Span::new(0, 3), Span::new(5, 9)])),
                    ..service("api")
                },
                Service { coverage: Some(Coverage::default()), ..service("web") },
                service("db"),
            ],
            series: vec![regular, irregular.clone(), irregular],
            ..Snapshot::default()
        },
        format: Format::Gatus,
        issues: vec![ingest::Issue { path: "a[1]".into(), message: "clamped\nthen".into() }],
        history_months: vec!["2026-10".into(), "2026-11".into()],
    };
    let got = handoff::decode(handoff::encode(Ok(sent.clone()))).expect("an answer").expect("parsed");
    let bits = |p: &Parsed| -> Vec<(Vec<u32>, Vec<u32>, Vec<i64>)> {
        p.snapshot
            .series
            .iter()
            .map(|s| {
                let times = match &s.samples {
                    Samples::Regular { start_ms, step_ms, .. } => vec![*start_ms, *step_ms],
                    Samples::Irregular { times_ms, .. } => times_ms.clone(),
                };
                let up = s.samples.up_ratio().iter().map(|v| v.to_bits()).collect();
                (up, s.latency_ms.iter().map(|v| v.to_bits()).collect(), times)
            })
            .collect()
    };
    assert_eq!(bits(&got), bits(&sent), "every value bit for bit");
    assert_eq!(got.snapshot.coverage.spans(), &[Span::new(0, 9), Span::new(15, 24)], "coverage");
    let own: Vec<Option<&Coverage>> = got.snapshot.services.iter().map(|s| s.coverage.as_ref()).collect();
    assert_eq!(
        own,
        sent.snapshot.services.iter().map(|s| s.coverage.as_ref()).collect::<Vec<_>>(),
        "own coverage"
    );
    assert_eq!(got.history_months, ["2026-10", "2026-11"], "a collected index's months");
    same("series", &Ok(sent), &Ok(got));
}

#[test]
fn an_answer_with_columns_missing_or_left_over_is_refused() {
    let parsed = ingest::parse(include_str!("../public/data/demo.json"), None).expect("the demo reads");
    let answer = handoff::encode(Ok(parsed));
    assert!(!answer.columns.is_empty(), "the demo has series");
    let mut short = answer.clone();
    short.columns.pop();
    assert!(handoff::decode(short).is_none(), "a column missing");
    let mut long = answer;
    long.columns.push(vec![1.0]);
    assert!(handoff::decode(long).is_none(), "a column left over");
}

#[test]
fn every_error_comes_back_with_its_fields() {
    let errors = [
        IngestError::TooLarge { bytes: 300_000_000, limit: ingest::MAX_INPUT_BYTES },
        IngestError::NotJson { line: 3, column: 17, message: "expected `:`\nnext".into() },
        IngestError::UnknownFormat("expected one of: nines, statuspage".into()),
        IngestError::UnsupportedVersion { format: "nines", found: "2".into(), supported: 1 },
        IngestError::Invalid { path: "series[0].up".into(), message: "not an array".into() },
        IngestError::TooMany { what: "samples", count: 60_000_000, limit: ingest::MAX_SAMPLES },
        IngestError::TooMany { what: "updates in one incident", count: 1_001, limit: ingest::MAX_UPDATES },
        IngestError::Stopped { reason: "it did not finish within 21 s".into() },
    ];
    for error in errors {
        let label = error.to_string();
        let sent = Err(error);
        let got =
            handoff::decode(handoff::encode(sent.clone())).unwrap_or_else(|| panic!("{label}: no answer"));
        same(&label, &sent, &got);
    }
}

#[test]
fn a_text_that_is_not_an_answer_is_refused() {
    let cases = [
        "",
        "no number",
        "{\"Parsed\":{}}",
        "0;",
        "0;4;nope0;",
        "9;",
        "3;99;short",
        "3;2;ok;extra",
        "1;-5;3;",
    ];
    for text in cases {
        let answer = handoff::Answer { text: text.to_string(), ..Default::default() };
        assert!(handoff::decode(answer).is_none(), "{text:?}");
    }
}

/// What a collector writes of any importer's snapshot reads back in the native format, and
/// writing that again gives the same file: history written once is never changed by reading it.
#[test]
fn every_fixture_written_natively_reads_back_to_the_same_file() {
    for (label, text) in inputs() {
        let Ok(parsed) = ingest::parse(&text, None) else { continue };
        let written = ingest::native::write(&parsed.snapshot);
        let again = ingest::parse(&written, Some(Format::Native))
            .unwrap_or_else(|e| panic!("{label}: the written file does not read back: {e}"));
        assert_eq!(ingest::native::write(&again.snapshot), written, "{label}");
    }
}
