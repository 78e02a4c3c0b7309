//! The Prometheus importer on real API responses (tests/fixtures/prometheus/, sources in its
//! PROVENANCE.md). Times are hand-computed from the files: `[1641889530.123, …]` is
//! 1641889530123 ms.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::ingest::Format;
use nines::model::{Samples, Series, Span};

#[path = "support/reading.rs"]
mod reading;
use reading::{claimed_by, parse_text};

const INFINITY: &str = include_str!("fixtures/prometheus/SYNTHETIC_grafana_range_infinity.json");
const MISSING: &str = include_str!("fixtures/prometheus/SYNTHETIC_grafana_range_missing.json");
const NAN: &str = include_str!("fixtures/prometheus/SYNTHETIC_grafana_range_nan.json");
const SIMPLE: &str = include_str!("fixtures/prometheus/SYNTHETIC_grafana_range_simple.json");
const ISTIO: &str = include_str!("fixtures/prometheus/kube-cam_istio_request_count_matrix.json");

struct Case {
    file: &'static str,
    text: &'static str,
    services: usize,
    series: usize,
    samples: usize,
    as_of_ms: i64,
    coverage: Span,
    issues: &'static [(&'static str, &'static str)],
}

fn regular(service: &str, start_ms: i64, step_ms: i64, up_ratio: Vec<f32>) -> Series {
    Series {
        service: service.into(),
        region: None,
        samples: Samples::Regular { start_ms, step_ms, up_ratio },
        latency_ms: Vec::new(),
    }
}

#[test]
fn every_fixture_reads_with_exact_counts_and_issues() {
    let empty_at = |ms| Span::new(ms, ms);
    let cases = [
        Case {
            file: "SYNTHETIC_grafana_range_infinity.json",
            text: INFINITY,
            services: 1,
            series: 1,
            samples: 3,
            as_of_ms: 1_641_889_532_000,
            coverage: Span::new(1_641_889_530_000, 1_641_889_533_000),
            issues: &[("data.result[0].values", "3 values are NaN or ±Inf; read as gaps")],
        },
        Case {
            file: "SYNTHETIC_grafana_range_missing.json",
            text: MISSING,
            services: 1,
            series: 0,
            samples: 0,
            as_of_ms: 1_641_889_537_000,
            coverage: empty_at(1_641_889_537_000),
            issues: &[("data.result[0]", "values outside 0..1 (e.g. 21); not an up-ratio; samples skipped")],
        },
        Case {
            file: "SYNTHETIC_grafana_range_nan.json",
            text: NAN,
            services: 1,
            series: 1,
            samples: 3,
            as_of_ms: 1_641_889_532_000,
            coverage: Span::new(1_641_889_530_000, 1_641_889_533_000),
            issues: &[("data.result[0].values", "3 values are NaN or ±Inf; read as gaps")],
        },
        Case {
            file: "SYNTHETIC_grafana_range_simple.json",
            text: SIMPLE,
            services: 2,
            series: 0,
            samples: 0,
            as_of_ms: 1_641_889_532_123,
            coverage: empty_at(1_641_889_532_123),
            issues: &[
                ("data.result[0]", "values outside 0..1 (e.g. 21); not an up-ratio; samples skipped"),
                ("data.result[1]", "values outside 0..1 (e.g. 54); not an up-ratio; samples skipped"),
            ],
        },
        Case {
            file: "kube-cam_istio_request_count_matrix.json",
            text: ISTIO,
            services: 10,
            series: 0,
            samples: 0,
            as_of_ms: 1_520_142_494_132,
            coverage: empty_at(1_520_142_494_132),
            issues: &[
                ("data.result[0]", "values outside 0..1 (e.g. 25); not an up-ratio; samples skipped"),
                ("data.result[1]", "values outside 0..1 (e.g. 2); not an up-ratio; samples skipped"),
                ("data.result[2]", "values outside 0..1 (e.g. 3); not an up-ratio; samples skipped"),
                ("data.result[3]", "values outside 0..1 (e.g. 134); not an up-ratio; samples skipped"),
                ("data.result[4]", "values outside 0..1 (e.g. 29); not an up-ratio; samples skipped"),
                ("data.result[5]", "values outside 0..1 (e.g. 4); not an up-ratio; samples skipped"),
                (
                    "data.result[6]",
                    "metric \"istio_request_count\" has values outside 0..1 elsewhere (e.g. 25 at \
                     data.result[0]); not an up-ratio; samples skipped",
                ),
                ("data.result[7]", "values outside 0..1 (e.g. 604); not an up-ratio; samples skipped"),
                (
                    "data.result[8]",
                    "metric \"istio_request_count\" has values outside 0..1 elsewhere (e.g. 25 at \
                     data.result[0]); not an up-ratio; samples skipped",
                ),
                ("data.result[9]", "values outside 0..1 (e.g. 25); not an up-ratio; samples skipped"),
            ],
        },
    ];
    for case in cases {
        let label = case.file;
        let parsed = parse_text(label, case.text);
        let s = &parsed.snapshot;
        assert_eq!(parsed.format, Format::Prometheus, "{label}: format");
        assert_eq!(claimed_by(case.text), [Format::Prometheus], "{label}: only this detector claims it");
        assert_eq!(s.title, "Prometheus query", "{label}: title");
        assert_eq!(s.services.len(), case.services, "{label}: services");
        assert_eq!(s.incidents.len(), 0, "{label}: incidents");
        assert_eq!(s.maintenances.len(), 0, "{label}: maintenances");
        assert_eq!(s.series.len(), case.series, "{label}: series");
        assert_eq!(s.series.iter().map(|x| x.samples.len()).sum::<usize>(), case.samples, "{label}: samples");
        assert_eq!(s.as_of_ms, case.as_of_ms, "{label}: as_of");
        assert_eq!(s.coverage, case.coverage, "{label}: coverage");
        let issues: Vec<(&str, &str)> =
            parsed.issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
        assert_eq!(issues, case.issues, "{label}: issues");
    }
}

#[test]
fn infinity_and_nan_series_are_all_gaps() {
    let nan = f32::NAN;
    let parsed = parse_text("infinity", INFINITY);
    let want = regular("series-0", 1_641_889_530_000, 1000, vec![nan, nan, nan]);
    assert_eq!(parsed.snapshot.series, [want], "empty label set: named by index");
    let parsed = parse_text("nan", NAN);
    assert_eq!(parsed.snapshot.services[0].id, "prometheus", "service from job");
    let want = regular("prometheus", 1_641_889_530_000, 1000, vec![nan, nan, nan]);
    assert_eq!(parsed.snapshot.series, [want], "nan");
}

#[test]
fn services_that_share_a_job_are_named_by_their_differing_labels() {
    let simple = parse_text("simple", SIMPLE);
    let ids: Vec<&str> = simple.snapshot.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [r#"prometheus{code="200"}"#, r#"prometheus{code="400"}"#], "simple");
    let istio = parse_text("istio", ISTIO);
    let first = &istio.snapshot.services[0];
    let want = r#"istio-mesh{destination_service="playground-backend-service.default.svc.cluster.local",response_code="200",source_service="playground-frontend-app.default.svc.cluster.local"}"#;
    assert_eq!(first.id, want, "istio: job plus the three labels that differ");
    assert_eq!(first.name, want, "istio: name");
    assert_eq!(first.group, None, "istio: group");
}

// Derived from the fixtures by replacing the counts with up-ratios, to check the sample layout on
// the files' own timestamps (the counts themselves are rightly not imported).

#[test]
fn missing_timestamps_become_gaps_in_a_regular_series() {
    // range_missing: points at …533, …534, …537 s: a 1 s grid with …535 and …536 missing.
    let text = MISSING.replace("\"21\"", "\"1\"").replace("\"32\"", "\"0\"").replace("\"43\"", "\"1\"");
    let parsed = parse_text("missing as ratios", &text);
    let nan = f32::NAN;
    let want = regular("prometheus", 1_641_889_533_000, 1000, vec![1.0, 0.0, nan, nan, 1.0]);
    assert_eq!(parsed.snapshot.series, [want], "gaps filled with NaN");
    assert_eq!(
        parsed.snapshot.coverage,
        Span::new(1_641_889_533_000, 1_641_889_538_000),
        "coverage + one step"
    );
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
}

#[test]
fn points_further_apart_than_the_longest_step_are_irregular_and_survive_history() {
    // Two points 48 years apart (found by fuzzing): a regular series would need a step longer
    // than any reader accepts, so the native file the collector writes would lose the series.
    let text = r#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"probe_success"},"values":[[1520142494.132,"1"],[3041284978.132,"1"]]}]}}"#;
    let parsed = parse_text("48 years apart", text);
    let times_ms = vec![1_520_142_494_132, 3_041_284_978_132];
    assert!(times_ms[1] - times_ms[0] > nines::model::MAX_STEP_MS);
    let want = Series {
        service: "probe_success".into(),
        region: None,
        samples: Samples::Irregular { times_ms, up_ratio: vec![1.0, 1.0] },
        latency_ms: Vec::new(),
    };
    assert_eq!(parsed.snapshot.series, [want]);
    let written = nines::ingest::native::write(&parsed.snapshot);
    let again = nines::ingest::parse(&written, Some(Format::Native)).unwrap();
    assert_eq!(again.snapshot.series, parsed.snapshot.series, "kept in history");
}

#[test]
fn fractional_second_timestamps_are_exact_milliseconds() {
    // The metric is renamed too: a name ending in `_total` is a counter and never read as a ratio.
    let text = [
        ("prometheus_http_requests_total", "probe_success"),
        ("\"21\"", "\"1\""),
        ("\"32\"", "\"0\""),
        ("\"43\"", "\"1\""),
        ("\"54\"", "\"0.5\""),
        ("\"76\"", "\"1\""),
    ]
    .iter()
    .fold(SIMPLE.to_owned(), |text, (from, to)| text.replace(from, to));
    let parsed = parse_text("simple as ratios", &text);
    let want = [
        regular(r#"prometheus{code="200"}"#, 1_641_889_530_123, 1000, vec![1.0, 0.0, 1.0]),
        regular(r#"prometheus{code="400"}"#, 1_641_889_529_123, 3000, vec![0.5, 1.0]),
    ];
    assert_eq!(parsed.snapshot.series, want, "series");
    assert_eq!(parsed.snapshot.coverage, Span::new(1_641_889_529_123, 1_641_889_535_123), "coverage");
    assert_eq!(parsed.snapshot.as_of_ms, 1_641_889_532_123, "as_of");
}

#[path = "support/mutations.rs"]
mod mutations;
use mutations::parse_every_mutation;

#[test]
fn no_mutation_of_a_fixture_panics() {
    parse_every_mutation(&[INFINITY, MISSING, NAN, SIMPLE, ISTIO], Format::Prometheus);
}

#[path = "support/bench_data.rs"]
mod bench_data;

/// Every fixture, and the benchmark's generated answer, is plain: the one-pass reader reads it,
/// into exactly what the tree reader makes of it.
#[test]
fn plain_answers_read_in_one_pass_exactly_as_through_a_json_tree() {
    use nines::ingest::prometheus::{self, PrometheusOptions};
    use nines::ingest::Document;
    let generated = bench_data::prometheus_range(3, 30_000);
    let texts = [INFINITY, MISSING, NAN, SIMPLE, ISTIO, generated.as_str()];
    for (i, text) in texts.into_iter().enumerate() {
        let fast = prometheus::read_plain(text, &PrometheusOptions::default())
            .unwrap_or_else(|| panic!("text {i} is a plain answer"));
        let tree = prometheus::parse(Document { text, json: serde_json::from_str(text).ok() }).unwrap();
        assert_eq!(format!("{fast:?}"), format!("{tree:?}"), "text {i}");
    }
    // The generated answer: 30,000 minutes in 3 series, the missing points read as gaps.
    let fast = prometheus::read_plain(&generated, &PrometheusOptions::default()).unwrap();
    let samples: usize = fast.snapshot.series.iter().map(|s| s.samples.len()).sum();
    assert_eq!((fast.snapshot.series.len(), samples), (3, 30_000));
}
