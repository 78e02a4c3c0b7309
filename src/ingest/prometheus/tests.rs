//! Unit tests of the Prometheus importer: edge cases with exact issue paths and messages.

use super::samples::{regular, to_samples};
use super::*;
use crate::model::Samples;

const T0_S: i64 = 1_700_000_000;
const T0_MS: i64 = T0_S * 1000;

use crate::ingest::test_support::{doc, issues, pairs};

fn run(text: &str) -> Parsed {
    match parse(doc(text)) {
        Ok(parsed) => parsed,
        Err(e) => panic!("{text}: {e}"),
    }
}

fn matrix(result: &str) -> String {
    format!(r#"{{"status":"success","data":{{"resultType":"matrix","result":{result}}}}}"#)
}

#[test]
fn empty_result_has_no_services_and_says_so() {
    let parsed = run(&matrix("[]"));
    assert_eq!(parsed.format, Format::Prometheus);
    assert!(parsed.snapshot.services.is_empty(), "services");
    assert_eq!(parsed.snapshot.as_of_ms, 0, "as_of");
    assert!(parsed.snapshot.coverage.is_empty(), "coverage");
    assert_eq!(
        issues(&parsed),
        pairs(&[("data.result", "no timestamps; as_of set to 0 and coverage empty")])
    );
}

#[test]
fn vector_gives_one_irregular_sample_per_series() {
    let text = format!(
        r#"{{"status":"success","data":{{"resultType":"vector","result":[
        {{"metric":{{"__name__":"up","job":"api"}},"value":[{T0_S}.5,"1"]}},
        {{"metric":{{"__name__":"up","job":"db"}},"value":[{T0_S},"0"]}}]}}}}"#
    );
    let parsed = run(&text);
    let s = &parsed.snapshot;
    assert_eq!(s.services.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), ["api", "db"], "ids");
    assert_eq!(s.series.len(), 2, "series");
    let api = Samples::Irregular { times_ms: vec![T0_MS + 500], up_ratio: vec![1.0] };
    assert_eq!(s.series[0].samples, api, "api samples");
    assert_eq!(s.series[1].samples, Samples::Irregular { times_ms: vec![T0_MS], up_ratio: vec![0.0] });
    assert_eq!(s.as_of_ms, T0_MS + 500, "as_of");
    assert_eq!(s.coverage, Span::new(T0_MS, T0_MS + 500), "coverage");
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
}

#[test]
fn missing_grid_points_become_gaps_and_uneven_points_stay_irregular() {
    let text = matrix(&format!(
        r#"[{{"metric":{{"job":"a"}},"values":[[{T0_S},"1"],[{},"0"],[{},"1"]]}},
            {{"metric":{{"job":"b"}},"values":[[{T0_S},"1"],[{},"1"],[{},"0.5"]]}}]"#,
        T0_S + 15,
        T0_S + 45,
        T0_S + 10,
        T0_S + 25
    ));
    let parsed = run(&text);
    let s = &parsed.snapshot;
    let a = Samples::Regular { start_ms: T0_MS, step_ms: 15_000, up_ratio: vec![1.0, 0.0, f32::NAN, 1.0] };
    assert_eq!(s.series[0].samples, a, "grid with a missing point");
    let b = Samples::Irregular {
        times_ms: vec![T0_MS, T0_MS + 10_000, T0_MS + 25_000],
        up_ratio: vec![1.0, 1.0, 0.5],
    };
    assert_eq!(s.series[1].samples, b, "uneven gaps");
    assert_eq!(s.as_of_ms, T0_MS + 45_000, "as_of");
    assert_eq!(s.coverage, Span::new(T0_MS, T0_MS + 60_000), "coverage: regular end plus one step");
    assert!(s.series.iter().all(|x| x.latency_ms.is_empty()), "no latency");
}

#[test]
fn nan_and_infinities_are_gaps_counted_per_series() {
    let text = matrix(&format!(
        r#"[{{"metric":{{"job":"a"}},"values":[[{T0_S},"NaN"],[{},"+Inf"],[{},"-Inf"],[{},"1"]]}}]"#,
        T0_S + 1,
        T0_S + 2,
        T0_S + 3
    ));
    let parsed = run(&text);
    let want = Samples::Regular {
        start_ms: T0_MS,
        step_ms: 1000,
        up_ratio: vec![f32::NAN, f32::NAN, f32::NAN, 1.0],
    };
    assert_eq!(parsed.snapshot.series[0].samples, want);
    assert_eq!(
        issues(&parsed),
        pairs(&[("data.result[0].values", "3 values are NaN or ±Inf; read as gaps")])
    );
}

#[test]
fn garbage_points_and_records_become_issues() {
    let text = matrix(&format!(
        r#"[{{"metric":{{"job":"a"}},"values":[[{T0_S},"1"],[1,2,3],"x",[null,"1"],[{T0_S},true]]}},
            5,
            {{"metric":{{"job":7}},"values":[]}},
            {{"values":[]}},
            {{"metric":{{"job":"c"}}}}]"#
    ));
    let parsed = run(&text);
    let ids: Vec<&str> = parsed.snapshot.services.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["a", "series-3", "c"], "ids");
    assert_eq!(parsed.snapshot.series.len(), 1, "series");
    let want = pairs(&[
        ("data.result[0].values[1]", "not a [unix seconds, \"value\"] pair; skipped (3 more in this series)"),
        (
            "data.result[1]",
            "not a Prometheus series (invalid type: integer `5`, expected struct Series); skipped",
        ),
        ("data.result[2]", "not a Prometheus series (invalid type: integer `7`, expected a string); skipped"),
        ("data.result[3].values", "no points; service kept without samples"),
        ("data.result[4].values", "no points; service kept without samples"),
    ]);
    assert_eq!(issues(&parsed), want);
}

#[test]
fn unsorted_and_repeated_times_are_fixed() {
    let text = matrix(&format!(
        r#"[{{"metric":{{"job":"a"}},"values":[[{},"0"],[{T0_S},"1"],[{T0_S},"0"]]}}]"#,
        T0_S + 60
    ));
    let parsed = run(&text);
    let want = Samples::Regular { start_ms: T0_MS, step_ms: 60_000, up_ratio: vec![1.0, 0.0] };
    assert_eq!(parsed.snapshot.series[0].samples, want, "sorted, first of a repeated time kept");
    let want = pairs(&[
        ("data.result[0].values", "not in time order; sorted"),
        ("data.result[0].values", "1 point repeats an earlier time; skipped"),
    ]);
    assert_eq!(issues(&parsed), want);
}

#[test]
fn series_sharing_a_service_are_named_by_their_differing_labels() {
    let text = matrix(&format!(
        r#"[{{"metric":{{"__name__":"probe_success","job":"web","code":"200","env":"prod"}},"values":[[{T0_S},"1"]]}},
            {{"metric":{{"__name__":"probe_success","job":"web","code":"5\"0","env":"prod"}},"values":[[{T0_S},"0"]]}},
            {{"metric":{{"__name__":"probe_success","job":"web","code":"200","env":"prod"}},"values":[[{T0_S},"1"]]}},
            {{"metric":{{"__name__":"probe_success","job":"web","region":"eu"}},"values":[[{T0_S},"1"]]}}]"#
    ));
    let parsed = run(&text);
    let ids: Vec<&str> = parsed.snapshot.services.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, [r#"web{code="200"}"#, r#"web{code="5\"0"}"#, "web"], "ids");
    assert_eq!(parsed.snapshot.services[2].regions, ["eu"], "region");
    assert_eq!(parsed.snapshot.regions, [Region { id: "eu".into(), name: "eu".into() }], "regions");
    assert_eq!(parsed.snapshot.series.len(), 3, "the repeated series is skipped");
    assert_eq!(
        issues(&parsed),
        pairs(&[("data.result[2]", "same labels as data.result[0]; series skipped")])
    );
}

#[test]
fn options_choose_the_service_and_region_labels() {
    let text = matrix(&format!(
        r#"[{{"metric":{{"job":"j","instance":"host:9100","dc":"fra"}},"values":[[{T0_S},"1"]]}},
            {{"metric":{{"job":"j","dc":"ams"}},"values":[[{T0_S},"1"]]}}]"#
    ));
    let options = PrometheusOptions { service_labels: vec!["instance".into()], region_label: "dc".into() };
    let parsed = parse_with(doc(&text), &options).map_err(|e| e.to_string());
    let parsed = parsed.as_ref().map(|p| &p.snapshot);
    let ids: Vec<(String, Vec<String>)> = parsed
        .map(|s| s.services.iter().map(|x| (x.id.clone(), x.regions.clone())).collect())
        .unwrap_or_default();
    assert_eq!(
        ids,
        [("host:9100".to_string(), vec!["fra".to_string()]), ("series-1".into(), vec!["ams".into()])]
    );
    assert_eq!(PrometheusOptions::default().service_labels, ["job", "instance"], "default labels");
    assert_eq!(PrometheusOptions::default().region_label, "region", "default region label");
}

#[test]
fn non_ratio_metrics_keep_services_but_not_samples() {
    let text = matrix(&format!(
        r#"[{{"metric":{{"__name__":"http_request_duration_seconds","job":"a"}},"values":[[{T0_S},"0.02"]]}},
            {{"metric":{{"__name__":"hits","job":"b"}},"values":[[{T0_S},"1"]]}},
            {{"metric":{{"__name__":"hits","job":"c"}},"values":[[{T0_S},"-3"]]}},
            {{"metric":{{"job":"d"}},"histograms":[[{T0_S},{{"count":"2"}}]]}}]"#
    ));
    let parsed = run(&text);
    assert_eq!(parsed.snapshot.services.len(), 4, "services kept");
    assert!(parsed.snapshot.series.is_empty(), "no samples");
    assert!(parsed.snapshot.coverage.is_empty(), "no coverage claimed");
    assert_eq!(parsed.snapshot.as_of_ms, T0_MS, "as_of still from the data");
    let want = pairs(&[
        ("data.result[3]", "native histograms are not up-ratios; samples skipped"),
        (
            "data.result[0]",
            "metric \"http_request_duration_seconds\" ends in _seconds; not an up-ratio; samples skipped",
        ),
        (
            "data.result[1]",
            "metric \"hits\" has values outside 0..1 elsewhere (e.g. -3 at data.result[2]); not an up-ratio; \
             samples skipped",
        ),
        ("data.result[2]", "values outside 0..1 (e.g. -3); not an up-ratio; samples skipped"),
    ]);
    assert_eq!(issues(&parsed), want);
}

#[test]
fn warnings_and_infos_become_issues() {
    let text = format!(
        r#"{{"status":"success","warnings":["too many samples",3],"infos":["partial"],
            "data":{{"resultType":"vector","result":[{{"metric":{{"job":"a"}},"value":[{T0_S},"1"]}}]}}}}"#
    );
    let want = pairs(&[
        ("warnings[0]", "server warning: too many samples"),
        ("warnings[1]", "server warning: 3"),
        ("infos[0]", "server info: partial"),
    ]);
    assert_eq!(issues(&run(&text)), want);
}

#[test]
fn fatal_errors_name_the_cause() {
    let cases = [
        (
            r#"{"status":"error","errorType":"bad_data","error":"parse error at char 4"}"#,
            "error: the server answered with an error (bad_data): parse error at char 4",
        ),
        (
            r#"{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}"#,
            "data.resultType: resultType scalar carries no series",
        ),
        (
            r#"{"status":"success","data":{"resultType":"string","result":[1,"a"]}}"#,
            "data.resultType: resultType string carries no series",
        ),
        (
            r#"{"status":"success","data":{"resultType":"streams","result":[]}}"#,
            "data.resultType: unknown resultType \"streams\"; expected matrix or vector",
        ),
        (r#"{"status":"success","data":{"resultType":"matrix","result":{}}}"#, "data.result: not an array"),
        (r#"{"status":"success"}"#, "data: missing"),
        (
            r#"{"status":"pending","data":{"resultType":"matrix"}}"#,
            "status: \"pending\"; expected \"success\" or \"error\"",
        ),
    ];
    for (text, want) in cases {
        let got = parse(doc(text)).err().map(|e| e.to_string());
        assert_eq!(got.as_deref(), Some(want), "{text}");
    }
    assert!(matches!(parse(doc("[1")), Err(IngestError::NotJson { .. })), "not JSON");
    assert!(matches!(parse(doc("[]")), Err(IngestError::Invalid { .. })), "not an object");
}

#[test]
fn detection_needs_the_api_envelope() {
    let cases = [
        (r#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#, true),
        (r#"{"status":"error","errorType":"timeout","error":"query timed out"}"#, true),
        (r#"{"status":"success","data":{"result":[]}}"#, false),
        (r#"{"status":"error","error":"generic"}"#, false),
        (r#"{"status":{"indicator":"none","description":"All Systems Operational"}}"#, false),
        (r#"[{"status":"success"}]"#, false),
        ("not json", false),
    ];
    for (text, want) in cases {
        assert_eq!(detect(&doc(text)), want, "{text}");
    }
}

#[test]
fn the_sample_budget_is_never_exceeded() {
    // Two points a 3 ms step apart across 1e13 ms would need more slots than the budget allows.
    let points = [(0, 1.0), (3, 1.0), (9_999_999_999_999, 0.0)];
    assert!(regular(&points, MAX_SAMPLES).is_none(), "too long for a regular series");
    let mut budget = MAX_SAMPLES;
    let samples = to_samples(&points, &mut budget);
    assert!(matches!(samples, Samples::Irregular { .. }), "falls back to irregular");
    assert_eq!(budget, MAX_SAMPLES - 3, "budget spent");
    assert!(regular(&[(0, 1.0), (2, 1.0)], MAX_SAMPLES).is_none(), "steps of 2 ms or less stay irregular");
}

/// The one-pass reader's answer, checked against the tree reader's (Debug, so that NaNs compare).
fn plain(text: &str) -> Option<Parsed> {
    let fast = read_plain(text, &PrometheusOptions::default())?;
    let json = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: a plain answer is JSON: {e}"));
    assert!(detect(&Document { text, json: Some(json) }), "{text}: detection claims a plain answer");
    let tree = parse(doc(text)).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(format!("{fast:?}"), format!("{tree:?}"), "{text}");
    Some(fast)
}

#[test]
fn plain_answers_read_in_one_pass_as_the_tree_reader_reads_them() {
    let cases = [
        matrix("[]"),
        matrix(&format!(r#"[{{"metric":{{"job":"api"}},"values":[[{T0_S},"1"],[{},"0"],[{},"0.25"]]}}]"#, T0_S + 60, T0_S + 120)),
        // Gaps, out of order, a repeated time, values outside 0..1 (a counter), whitespace everywhere.
        matrix(&format!(
            " [ {{ \"metric\" : {{ \"__name__\" : \"up\" , \"job\" : \"a\\\"b\" }} , \"values\" : [ [ {T0_S} , \"NaN\" ] ,\n\
             [ {} , \"+Inf\" ] , [ {T0_S}.5 , \"-Inf\" ] , [ {} , \" 1 \" ] , [ {} , \"1\" ] ] }} ,\
             {{\"metric\":{{\"job\":\"c\"}},\"values\":[[{T0_S},\"3\"],[{T0_S},\"1e0\"]]}} ,\
             {{\"values\":[]}} , {{}} ] \n",
            T0_S + 120,
            T0_S + 60,
            T0_S + 60
        )),
        // Times with fractions, in milliseconds, up to 15 digits.
        matrix(&format!(
            r#"[{{"metric":{{"job":"t"}},"values":[[{T0_S}.123,"1"],[{T0_S}.00001,"1"],[1700000000123,"1"],[0.5,"1"],[0,"1"],[1.7000000012345,"1"]]}}]"#
        )),
        format!(
            r#"{{"warnings":["slow query"],"data":{{"result":[{{"metric":{{"job":"v"}},"value":[{T0_S}.5,"0.5"]}}],"resultType":"vector"}},"status":"success","infos":null}}"#
        ),
    ];
    for text in &cases {
        assert!(plain(text).is_some(), "{text}: plain");
    }
}

#[test]
fn anything_else_is_left_to_the_tree_reader() {
    let series = |body: &str| matrix(&format!(r#"[{{"metric":{{"job":"api"}},{body}}}]"#));
    let cases = [
        series(&format!(r#""values":[[{T0_S},"x"]]"#)),
        series(&format!(r#""values":[[{T0_S},"\u0031"]]"#)),
        series(&format!(r#""values":[[{T0_S},1]]"#)),
        series(&format!(r#""values":[[{T0_S},"1",3]]"#)),
        series(&format!(r#""values":[["{T0_S}","1"]]"#)),
        series(r#""values":[[1e300,"1"]]"#),
        series(r#""values":[[1.7e9,"1"]]"#),
        series(r#""values":[[1700000000.000001,"1"]]"#),
        series(r#""values":[[1700000000.0,"1"]],"values":[]"#),
        series(r#""values":[[-5,"1"]]"#),
        series(r#""values":[[01,"1"]]"#),
        series(r#""values":[[999999999999999,"1"]]"#),
        series(&format!(r#""values":[[{T0_S},"1"]],"values":[]"#)),
        series(&format!(r#""values":[[{T0_S},"1"]],"value":[{T0_S},"1"]"#)),
        series(&format!(r#""values":[[{T0_S},"1"]],"histograms":[]"#)),
        series(r#""values":null"#),
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":null,"values":[]}]}}"#
            .to_owned(),
        r#"{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}"#.to_owned(),
        r#"{"status":"success","page":{},"data":{"resultType":"matrix","result":[]}}"#.to_owned(),
        r#"{"status":"success","status":"success","data":{"resultType":"matrix","result":[]}}"#.to_owned(),
        r#"{"status":"error","errorType":"timeout","error":"query timed out"}"#.to_owned(),
        r#"{"status":"success","data":{"resultType":"matrix","result":[]},"warnings":[{"a":1}]}"#.to_owned(),
        format!("{} x", matrix("[]")),
        matrix(&format!(r#"[{{"values":[[{T0_S},"1"]"#)),
    ];
    for text in &cases {
        assert!(read_plain(text, &PrometheusOptions::default()).is_none(), "{text}: not plain");
    }
    // What the page reads of them is the tree reader's answer (the first, with its issue).
    let via_ingest = crate::ingest::parse(&cases[0], None).map(|p| format!("{:?}", (p.snapshot, p.issues)));
    let tree = parse(doc(&cases[0])).map(|p| format!("{:?}", (p.snapshot, p.issues)));
    assert_eq!(format!("{via_ingest:?}"), format!("{tree:?}"));
}
