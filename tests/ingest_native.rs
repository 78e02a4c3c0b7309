//! The native format: what a good file gives, and what bad files and records get.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::ingest::{self, native, Format, IngestError};
use nines::model::{Coverage, Level, Samples, Series, Service, Snapshot, Span};

#[path = "support/reading.rs"]
mod reading;
#[path = "support/times.rs"]
mod times;
use reading::messages;
use times::t;

const HEAD: &str = r#""format": "nines", "version": 1, "as_of": "2026-01-02T00:00:00Z",
    "coverage": {"start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z"}"#;

fn parse(body: &str) -> Result<ingest::Parsed, IngestError> {
    ingest::parse(&format!("{{{HEAD}{body}}}"), None)
}

#[test]
fn bad_files_get_errors_that_say_where() {
    let malformed = include_str!("fixtures/malformed/icco_postmortems_INVALID.json");
    let cases: [(&str, &str, &str); 6] = [
        ("real malformed file", malformed, "not valid JSON at line 2, column 17: expected `:`"),
        ("empty", "", "not valid JSON at line 1, column 0"),
        ("not a status format", r#"{"hello": 1}"#, "unrecognised status format: expected one of: nines"),
        (
            "future version",
            r#"{"format": "nines", "version": 2}"#,
            "unsupported nines version 2; this build reads version 1",
        ),
        (
            "missing as_of",
            r#"{"format": "nines", "version": 1, "coverage": {"start": "x", "end": "y"}}"#,
            "missing field `as_of`",
        ),
        (
            "bad as_of",
            r#"{"format": "nines", "version": 1, "as_of": "soon", "coverage": {"start": "2026-01-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"}}"#,
            "as_of: \"soon\" is not an RFC 3339 time",
        ),
    ];
    for (label, text, want) in cases {
        let error = ingest::parse(text, None).expect_err(label).to_string();
        assert!(error.contains(want), "{label}: got {error:?}, want it to contain {want:?}");
    }
}

#[test]
fn bad_records_become_issues_and_the_rest_is_kept() {
    let parsed = parse(
        r#", "services": [{"id": "a", "name": "A"}, {"id": "a", "name": "A again"}],
        "incidents": [
          {"id": "1", "title": "backwards", "impact": "major", "status": "resolved", "services": ["a"],
           "start": "2026-01-01T10:00:00Z", "end": "2026-01-01T09:00:00Z"},
          {"id": "2", "title": "odd level", "impact": "catastrophic", "status": "postmortem", "origin": "aliens",
           "services": ["a"], "start": "2026-01-01T11:00:00Z", "links": ["javascript:alert(1)", "https://ok.example/2"]},
          {"id": "3", "title": "no time", "impact": "major", "status": "resolved", "services": ["a"], "start": "noon"}
        ]"#,
    )
    .expect("parses");
    assert_eq!(
        messages(&parsed),
        [
            "services[1].id: duplicate id \"a\"; skipped",
            "incidents[0].end: 2026-01-01T09:00:00Z is before the start 2026-01-01T10:00:00Z; clamped to the start",
            "incidents[1].impact: unknown level \"catastrophic\"; read as unknown",
            "incidents[1].origin: unknown origin \"aliens\"; read as unknown",
            "incidents[1].links: \"javascript:alert(1)\" is not http(s); dropped",
            "incidents[2].start: \"noon\" is not an RFC 3339 time; record skipped",
        ]
    );
    let s = &parsed.snapshot;
    assert_eq!(s.services.len(), 1);
    assert_eq!(s.incidents.len(), 2, "the two readable incidents are kept");
    assert_eq!(s.incidents[0].span(s.as_of_ms).duration_ms(), 0, "clamped to zero length");
    assert_eq!(s.incidents[1].impact, Level::Unknown);
    assert_eq!(s.incidents[1].end_ms, None, "still open");
    assert_eq!(s.incidents[1].links, ["https://ok.example/2"]);
}

#[test]
fn series_regular_and_irregular_round_trip_with_latency() {
    let parsed = parse(
        r#", "series": [
          {"service": "a", "start": "2026-01-01T00:00:00Z", "step_s": 60, "up": [1, 0.5, null, 1],
           "latency_ms": [120, null, 80.25, 90]},
          {"service": "b", "region": "eu", "times_ms": [2000, 1000], "up": [0, 1]},
          {"service": "c", "up": [1]}
        ]"#,
    )
    .expect("parses");
    assert_eq!(
        messages(&parsed),
        [
            "series[1].times_ms: not in time order; sorted",
            "series[2]: needs either `start` and `step_s`, or one of `times_ms` and `times_delta_ms`; series skipped",
        ]
    );
    let s = &parsed.snapshot;
    let Samples::Regular { start_ms, step_ms, up_ratio } = &s.series[0].samples else { panic!("regular") };
    assert_eq!((*start_ms, *step_ms), (1_767_225_600_000, 60_000));
    assert_eq!(up_ratio[..2], [1.0, 0.5]);
    assert!(up_ratio[2].is_nan(), "null is a gap");
    assert_eq!(up_ratio[3], 1.0);
    assert_eq!(s.series[0].latency_ms[0], 120.0);
    assert!(s.series[0].latency_ms[1].is_nan());
    assert_eq!(
        s.series[1].samples,
        Samples::Irregular { times_ms: vec![1000, 2000], up_ratio: vec![1.0, 0.0] },
        "sorted by time, values kept with their times"
    );
    // Writing and reading again gives the same snapshot.
    let again = ingest::parse(&native::write(s), Some(Format::Native)).expect("round trip");
    assert!(again.issues.is_empty(), "{:?}", again.issues);
    assert_eq!(&again.snapshot, s);
}

#[test]
fn irregular_times_are_written_as_deltas_and_read_in_either_form() {
    // Five samples a minute apart (one 2 s late), as a collector takes them: each time after the
    // first is written as the milliseconds since the one before, about half the digits.
    let t0 = 1_795_737_600_000;
    let times_ms = vec![t0, t0 + 60_000, t0 + 122_000, t0 + 180_000, t0 + 240_000];
    let up_ratio = vec![1.0, 1.0, 0.0, 1.0, 1.0];
    let snapshot = Snapshot {
        as_of_ms: t0 + 300_000,
        coverage: Coverage::from(Span::new(t0, t0 + 300_000)),
        series: vec![Series {
            service: "a".into(),
            region: None,
            samples: Samples::Irregular { times_ms: times_ms.clone(), up_ratio: up_ratio.clone() },
            latency_ms: Vec::new(),
        }],
        ..Snapshot::default()
    };
    let written = native::write(&snapshot);
    assert!(
        written.contains(r#""times_delta_ms":[1795737600000,60000,62000,58000,60000],"up":[1,1,0,1,1]"#),
        "{written}"
    );
    assert!(!written.contains("times_ms"), "{written}");
    let again = ingest::parse(&written, Some(Format::Native)).expect("reads back");
    assert!(again.issues.is_empty(), "{:?}", again.issues);
    assert_eq!(again.snapshot.series, snapshot.series);
    // The same samples given as absolute times read the same.
    let absolute = written.replace(
        r#""times_delta_ms":[1795737600000,60000,62000,58000,60000]"#,
        r#""times_ms":[1795737600000,1795737660000,1795737722000,1795737780000,1795737840000]"#,
    );
    let read = ingest::parse(&absolute, Some(Format::Native)).expect("reads");
    assert_eq!(read.snapshot.series, snapshot.series);
}

#[test]
fn time_deltas_are_checked_like_times() {
    let parsed = parse(
        r#", "series": [
          {"service": "a", "times_delta_ms": [2000, -1000, 5], "up": [1, 0, 1]},
          {"service": "b", "times_delta_ms": [253402300799999, 1], "up": [1, 1]},
          {"service": "c", "times_delta_ms": [9223372036854775807, 9223372036854775807], "up": [1, 1]},
          {"service": "d", "times_delta_ms": [0, 1], "up": [1]},
          {"service": "e", "times_ms": [0], "times_delta_ms": [0], "up": [1]}
        ]"#,
    )
    .expect("parses");
    let range = "is outside the years 1 to 9999 (-62135596800000..=253402300799999); series skipped";
    assert_eq!(
        messages(&parsed),
        [
            "series[0].times_delta_ms: not in time order; sorted".to_string(),
            format!("series[1].times_delta_ms[1]: 253402300800000 {range}"),
            format!("series[2].times_delta_ms[0]: 9223372036854775807 {range}"),
            "series[3].times_delta_ms: not as long as `up`; series skipped".to_string(),
            "series[4]: needs either `start` and `step_s`, or one of `times_ms` and `times_delta_ms`; series skipped"
                .to_string(),
        ]
    );
    assert_eq!(parsed.snapshot.series.len(), 1);
    assert_eq!(
        parsed.snapshot.series[0].samples,
        Samples::Irregular { times_ms: vec![1000, 1005, 2000], up_ratio: vec![0.0, 1.0, 1.0] },
        "2000, then 1000 (2000 − 1000), then 1005"
    );
    // Times that are not integers make the file unreadable, as any other wrong type does; times
    // that are not JSON get serde_json's own message.
    let fraction = parse(r#", "series": [{"service": "a", "times_delta_ms": [0, 1.5], "up": [1, 1]}]"#);
    let error = fraction.expect_err("a fraction").to_string();
    assert!(error.contains("invalid type: expected an array of integers (milliseconds)"), "{error}");
    let broken = parse(r#", "series": [{"service": "a", "times_ms": [0, 1,], "up": [1, 1]}]"#);
    let error = broken.expect_err("a trailing comma").to_string();
    assert!(error.contains("not valid JSON at line 2"), "{error}");
    let none = parse(
        r#", "series": [{"service": "a", "times_ms": null, "start": "2026-01-01T00:00:00Z", "step_s": 60, "up": [1]}]"#,
    );
    assert!(none.is_ok_and(|p| p.snapshot.series.len() == 1 && p.issues.is_empty()), "null is no times");
}

#[test]
fn numbers_are_written_so_that_writing_what_was_read_gives_the_same_text() {
    // Four decimals, then the nearest f32 in its fewest digits: 150.00001 ms (Gatus's 150000010
    // ns) is 150, 12345.679 is as close as an f32 gets, and 0.99995 as an f32 is just below it.
    let latency_ms = vec![150.00001, 12_345.679, 0.33333334, 1e9 + 64.0, 2.5e9, f32::NAN, 80.25];
    let snapshot = Snapshot {
        as_of_ms: 10_000,
        coverage: Coverage::from(Span::new(0, 10_000)),
        services: vec![Service {
            id: "a".into(),
            name: "A".into(),
            group: None,
            regions: Vec::new(),
            tags: Vec::new(),
            slo: None,
            coverage: None,
        }],
        series: vec![Series {
            service: "a".into(),
            region: None,
            samples: Samples::Irregular {
                times_ms: (0..7).collect(),
                up_ratio: vec![1.0, 0.99995, 0.123456, 0.5, 0.0, f32::NAN, 1.0],
            },
            latency_ms,
        }],
        ..Snapshot::default()
    };
    let written = native::write(&snapshot);
    assert!(written.contains(r#""up":[1,0.9999,0.1235,0.5,0,null,1],"latency_ms":[150,12345.679,0.3333,1000000060.0,2500000000.0,null,80.25]"#), "{written}");
    let again = ingest::parse(&written, Some(Format::Native)).expect("reads back");
    assert_eq!(native::write(&again.snapshot), written);
}

#[test]
fn up_values_outside_0_to_1_are_refused_not_clamped() {
    let parsed = parse(
        r#", "series": [
          {"service": "a", "start": "2026-01-01T00:00:00Z", "step_s": 60, "up": [1, 1.5, null, -0.25]},
          {"service": "b", "start": "2026-01-01T00:00:00Z", "step_s": 60, "up": [1, 0]}
        ]"#,
    )
    .expect("parses");
    assert_eq!(
        messages(&parsed),
        ["series[0].up: 2 values outside 0..1 (e.g. 1.5); not an up-ratio; series skipped"]
    );
    assert_eq!(parsed.snapshot.series.len(), 1, "the other series is kept");
    assert_eq!(parsed.snapshot.series[0].service, "b");
}

#[test]
fn sample_times_and_steps_are_bounded_like_every_other_time() {
    // As far as RFC 3339 reaches and no further: beyond it nothing could write the time back.
    let parsed = parse(
        r#", "series": [
          {"service": "a", "times_ms": [0, 253402300799999], "up": [1, 1]},
          {"service": "b", "times_ms": [0, 253402300800000], "up": [1, 1]},
          {"service": "c", "times_ms": [-62135596800001, 0], "up": [1, 1]},
          {"service": "d", "times_ms": [9223372036854775807], "up": [1]},
          {"service": "e", "start": "2026-01-01T00:00:00Z", "step_s": 1000000000, "up": [1]},
          {"service": "f", "start": "2026-01-01T00:00:00Z", "step_s": 1000000000.001, "up": [1]},
          {"service": "g", "start": "2026-01-01T00:00:00Z", "step_s": 0.0004, "up": [1]}
        ]"#,
    )
    .expect("parses");
    let range = "is outside the years 1 to 9999 (-62135596800000..=253402300799999); series skipped";
    assert_eq!(
        messages(&parsed),
        [
            format!("series[1].times_ms[1]: 253402300800000 {range}"),
            format!("series[2].times_ms[0]: -62135596800001 {range}"),
            format!("series[3].times_ms[0]: 9223372036854775807 {range}"),
            "series[5].step_s: must be from 0.001 to 1e9 seconds; series skipped".to_string(),
            "series[6].step_s: must be from 0.001 to 1e9 seconds; series skipped".to_string(),
        ]
    );
    let kept: Vec<&str> = parsed.snapshot.series.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(kept, ["a", "e"]);
}

#[test]
fn an_empty_file_with_only_the_head_is_valid() {
    let parsed = parse("").expect("parses");
    assert_eq!(parsed.format, Format::Native);
    assert_eq!(parsed.snapshot.coverage, Span::new(1_767_225_600_000, 1_767_312_000_000));
    assert_eq!(
        parsed.snapshot,
        Snapshot {
            as_of_ms: 1_767_312_000_000,
            coverage: parsed.snapshot.coverage.clone(),
            ..Snapshot::default()
        }
    );
}

#[test]
fn coverage_with_gaps_reads_as_a_span_set_and_round_trips() {
    const H: i64 = 3_600_000;
    const DAY0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    let text = r#"{"format": "nines", "version": 1, "as_of": "2026-01-02T00:00:00Z", "coverage": [
        {"start": "2026-01-01T15:00:00Z", "end": "2026-01-02T00:00:00Z"},
        {"start": "2026-01-01T00:00:00Z", "end": "2026-01-01T06:00:00Z"},
        {"start": "2026-01-01T05:00:00Z", "end": "2026-01-01T09:00:00Z"}]}"#;
    let parsed = ingest::parse(text, None).expect("parses");
    let want = [Span::new(DAY0, DAY0 + 9 * H), Span::new(DAY0 + 15 * H, DAY0 + 24 * H)];
    assert_eq!(parsed.snapshot.coverage.spans(), &want, "sorted and joined");
    assert_eq!(parsed.snapshot.coverage.total_ms(), 18 * H, "18 h covered");
    let written = native::write(&parsed.snapshot);
    assert!(
        written.contains(r#""coverage":[{"start":"2026-01-01T00:00:00Z","end":"2026-01-01T09:00:00Z"},"#),
        "an array when there are gaps: {written}"
    );
    assert_eq!(ingest::parse(&written, None).expect("re-reads").snapshot, parsed.snapshot, "round trip");

    // One span is written as the object every version-1 reader knows; no coverage as the empty
    // span at as-of; an empty array covers nothing.
    let one = parse("").expect("parses").snapshot;
    assert!(native::write(&one)
        .contains(r#""coverage":{"start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z"}"#));
    let none = ingest::parse(
        r#"{"format": "nines", "version": 1, "as_of": "2026-01-02T00:00:00Z", "coverage": []}"#,
        None,
    )
    .expect("parses")
    .snapshot;
    assert!(none.coverage.is_empty(), "empty array");
    assert!(native::write(&none)
        .contains(r#""coverage":{"start":"2026-01-02T00:00:00Z","end":"2026-01-02T00:00:00Z"}"#));

    let bad = r#"{"format": "nines", "version": 1, "as_of": "2026-01-02T00:00:00Z", "coverage": [
        {"start": "2026-01-01T00:00:00Z", "end": "yesterday"}]}"#;
    let error = ingest::parse(bad, None).expect_err("refused").to_string();
    assert!(error.contains("coverage[0].end") && error.contains("yesterday"), "{error}");
    let wrong = r#"{"format": "nines", "version": 1, "as_of": "2026-01-02T00:00:00Z", "coverage": 5}"#;
    let error = ingest::parse(wrong, None).expect_err("refused").to_string();
    assert!(error.contains("a span") && error.contains("line 1"), "{error}");
}

#[test]
fn a_service_own_coverage_reads_and_round_trips_and_a_bad_one_is_named() {
    const H: i64 = 3_600_000;
    const DAY0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    let text = r#"{"format": "nines", "version": 1, "as_of": "2026-01-02T00:00:00Z",
        "coverage": {"start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z"},
        "services": [
          {"id": "mail", "name": "Mail", "coverage": {"start": "2026-01-01T12:00:00Z", "end": "2026-01-02T00:00:00Z"}},
          {"id": "chat", "name": "Chat", "coverage": [
            {"start": "2026-01-01T00:00:00Z", "end": "2026-01-01T06:00:00Z"},
            {"start": "2026-01-01T18:00:00Z", "end": "2026-01-02T00:00:00Z"}]},
          {"id": "sso", "name": "SSO", "coverage": []},
          {"id": "web", "name": "Web"}]}"#;
    let parsed = ingest::parse(text, None).expect("parses");
    let own: Vec<Option<Vec<Span>>> =
        parsed.snapshot.services.iter().map(|s| s.coverage.as_ref().map(|c| c.spans().to_vec())).collect();
    assert_eq!(
        own,
        [
            Some(vec![Span::new(DAY0 + 12 * H, DAY0 + 24 * H)]),
            Some(vec![Span::new(DAY0, DAY0 + 6 * H), Span::new(DAY0 + 18 * H, DAY0 + 24 * H)]),
            Some(Vec::new()),
            None,
        ],
        "one span, spans with a gap, nothing observed, the file's"
    );
    assert_eq!(parsed.snapshot.coverage_of("chat").total_ms(), 12 * H, "chat's own");
    assert_eq!(parsed.snapshot.coverage_of("web").total_ms(), 24 * H, "web: the file's");
    let written = native::write(&parsed.snapshot);
    assert!(
        written.contains(r#""id":"sso","name":"SSO","coverage":[]"#),
        "nothing observed stays nothing: {written}"
    );
    assert_eq!(ingest::parse(&written, None).expect("re-reads").snapshot, parsed.snapshot, "round trip");

    let bad = text.replace("2026-01-01T18:00:00Z", "teatime");
    let error = ingest::parse(&bad, None).expect_err("refused").to_string();
    assert!(error.contains("services[1].coverage[1].start") && error.contains("teatime"), "{error}");
}

#[test]
fn a_collected_index_names_its_shards_and_nothing_else_passes_as_a_month() {
    let body = r#"{"format":"nines","version":1,"as_of":"2026-11-20T12:00:00Z",
        "coverage":{"start":"2026-11-18T12:00:00Z","end":"2026-11-20T12:00:00Z"},
        "services":[{"id":"api","name":"API"}],
        "collected":{"months":["2026-10","2026-11","../../evil","2026-13","2026-1"],
                     "daily":[{"service":"api","availability":[1.0,null]}],"probes":[]}}"#;
    let parsed = ingest::parse(body, None).expect("reads");
    assert_eq!(parsed.history_months, ["2026-10", "2026-11"]);
    assert_eq!(
        messages(&parsed),
        [
            "collected.months[2]: not a YYYY-MM month; dropped",
            "collected.months[3]: not a YYYY-MM month; dropped",
            "collected.months[4]: not a YYYY-MM month; dropped",
        ]
    );
    let plain = ingest::parse(&body.replace("\"collected\"", "\"other\""), None).expect("reads");
    assert!(plain.history_months.is_empty(), "any other file names no shards");
}

#[test]
fn more_sample_times_or_latencies_than_the_sample_limit_are_never_kept() {
    // One more time than the limit (both forms are read by the same code), before `up`.
    let times = format!("[{}0]", "0,".repeat(ingest::MAX_SAMPLES));
    let series = format!(r#", "series": [{{"service": "a", "times_delta_ms": {times}, "up": [1]}}]"#);
    let error = parse(&series).expect_err("too many");
    let counted = matches!(error, IngestError::TooMany { what: "samples", count, limit }
        if count == ingest::MAX_SAMPLES + 1 && limit == ingest::MAX_SAMPLES);
    assert!(counted, "{error:?}");
    // Latencies are never more than samples: a longer column is dropped unread, with an issue.
    let latency = times.replace("[0,", "[1,");
    let series =
        format!(r#", "series": [{{"service": "a", "times_ms": [0], "up": [1], "latency_ms": {latency}}}]"#);
    let parsed = parse(&series).expect("read without the latencies");
    assert_eq!(messages(&parsed), ["series[0].latency_ms: too many samples; latencies dropped"]);
    assert_eq!(parsed.snapshot.series.len(), 1);
    assert!(parsed.snapshot.series[0].latency_ms.is_empty());
}

#[test]
fn more_services_incidents_or_updates_than_the_page_can_show_are_refused_with_the_count() {
    let services = |n: usize| -> String {
        let list: Vec<String> = (0..n).map(|i| format!(r#"{{"id": "s{i}", "name": "S{i}"}}"#)).collect();
        format!(r#", "services": [{}]"#, list.join(","))
    };
    let incident = |id: usize, updates: usize| -> String {
        let list: Vec<&str> = (0..updates)
            .map(|_| r#"{"at": "2026-01-01T01:00:00Z", "status": "investigating", "text": "x"}"#)
            .collect();
        format!(
            r#"{{"id": "i{id}", "title": "t", "impact": "minor", "status": "resolved", "services": ["s0"],
              "start": "2026-01-01T00:00:00Z", "end": "2026-01-01T02:00:00Z", "updates": [{}]}}"#,
            list.join(",")
        )
    };
    let incidents = |n: usize, updates: usize| -> String {
        let list: Vec<String> = (0..n).map(|i| incident(i, updates)).collect();
        format!(r#", "services": [{{"id": "s0", "name": "S0"}}], "incidents": [{}]"#, list.join(","))
    };
    let too_many = |what: &'static str, count: usize, limit: usize| {
        Err(IngestError::TooMany { what, count, limit }.to_string())
    };
    let read = |text: String| parse(&text).map(|p| p.snapshot.services.len()).map_err(|e| e.to_string());
    assert_eq!(read(services(ingest::MAX_SERVICES)), Ok(10_000), "10,000 services");
    assert_eq!(read(services(10_001)), too_many("services", 10_001, 10_000), "one more");
    assert_eq!(read(incidents(1, ingest::MAX_UPDATES)), Ok(1), "1,000 updates");
    assert_eq!(read(incidents(2, 1_001)), too_many("updates in one incident", 1_001, 1_000), "one more");
    assert_eq!(
        read(incidents(100_001, 0)),
        too_many("incidents, maintenances and announcements", 100_001, 100_000),
        "100,001"
    );
    let error = parse(&services(10_001)).err().map(|e| e.to_string());
    assert_eq!(error.as_deref(), Some("10001 services; the limit is 10000"), "the message");
}

#[test]
fn announcements_read_in_time_order_round_trip_and_bad_ones_are_named() {
    let parsed = parse(
        r#", "announcements": [
        {"id": "MC2", "title": "Basic auth retires", "services": ["email"], "tags": ["Plan for change", "Admin impact"],
         "start": "2026-01-01T12:00:00Z", "end": "2026-06-30T00:00:00Z", "action_by": "2026-03-01T00:00:00Z",
         "text": "Line one.\n<b>not markup</b>", "links": ["https://admin.example/MC2", "javascript:alert(1)"]},
        {"id": "MC1", "title": "Bare", "start": "2026-01-01T06:00:00Z"},
        {"id": "MC3", "title": "Bad start", "start": "soon"},
        {"id": "MC4", "title": "Bad act-by", "start": "2026-01-01T00:00:00Z", "action_by": "later"},
        {"id": "MC5", "title": "Ends first", "start": "2026-01-01T08:00:00Z", "end": "2026-01-01T07:00:00Z"}
    ]"#,
    )
    .unwrap();
    assert_eq!(
        messages(&parsed),
        [
            "announcements[0].links: \"javascript:alert(1)\" is not http(s); dropped",
            "announcements[2].start: \"soon\" is not an RFC 3339 time; record skipped",
            "announcements[3].action_by: \"later\" is not an RFC 3339 time; record skipped",
            "announcements[4].end: 2026-01-01T07:00:00Z is before the start 2026-01-01T08:00:00Z; clamped to the start",
        ]
    );
    let s = &parsed.snapshot;
    let ids: Vec<&str> = s.announcements.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["MC1", "MC5", "MC2"], "by start");
    let mc2 = &s.announcements[2];
    assert_eq!(mc2.services, ["email"]);
    assert_eq!(mc2.tags, ["Plan for change", "Admin impact"]);
    assert_eq!(mc2.end_ms, Some(t("2026-06-30T00:00:00Z")));
    assert_eq!(mc2.action_by_ms, Some(t("2026-03-01T00:00:00Z")));
    assert_eq!(mc2.text, "Line one.\n<b>not markup</b>", "text kept as written");
    assert_eq!(mc2.links, ["https://admin.example/MC2"]);
    assert_eq!(s.announcements[1].end_ms, Some(t("2026-01-01T08:00:00Z")), "clamped");
    assert!(s.incidents.is_empty() && s.maintenances.is_empty(), "announcements are neither");
    let written = native::write(s);
    let again = ingest::parse(&written, Some(Format::Native)).unwrap();
    assert_eq!(again.snapshot.announcements, s.announcements, "round trip");
    assert!(messages(&again).is_empty(), "{:?}", messages(&again));
}
