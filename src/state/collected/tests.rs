use super::*;
use crate::analysis::Weights;
use crate::ingest::{self, Format};
use crate::model::{parse_rfc3339_ms, Span};

fn t(text: &str) -> TimeMs {
    parse_rfc3339_ms(text).expect("a time")
}

fn months(list: &[&str]) -> Vec<String> {
    list.iter().map(|m| m.to_string()).collect()
}

#[test]
fn the_months_needed_are_those_the_ninety_days_reach() {
    // 90 days before 2026-11-20T12:00Z is 2026-08-22T12:00Z: August to November.
    let listed = months(&["2026-06", "2026-07", "2026-08", "2026-09", "2026-11"]);
    assert_eq!(months_needed(&listed, t("2026-11-20T12:00:00Z"), 90), ["2026-08", "2026-09", "2026-11"]);
    assert!(months_needed(&listed, t("2027-06-01T00:00:00Z"), 90).is_empty(), "all too old");
    // The calendar's 371 days reach back to 2025-11-14.
    let listed = months(&["2025-10", "2025-11", "2026-06", "2026-11"]);
    assert_eq!(months_needed(&listed, t("2026-11-20T12:00:00Z"), 371), ["2025-11", "2026-06", "2026-11"]);
}

#[test]
fn a_year_is_read_where_the_calendar_is_shown() {
    let days = |query: &str| history_days(&crate::state::parse_query(query).0);
    assert_eq!(days(""), 90, "the overview shows no calendar");
    assert_eq!(days("view=service&service=email"), 371);
    assert_eq!(days("panel=calendar"), 371);
    assert_eq!(days("view=service&service=email&panel=timeline"), 90);
    assert_eq!(days("view=incidents"), 90);
}

#[test]
fn a_shard_is_next_to_its_index() {
    let cases = [
        ("https://status.example/ops/index.json?v=3#top", "https://status.example/ops/history/2026-11.json"),
        ("/nines/status/index.json", "/nines/status/history/2026-11.json"),
        ("index.json", "history/2026-11.json"),
    ];
    for (index, want) in cases {
        assert_eq!(shard_url(index, "2026-11"), want, "{index}");
    }
}

/// The demo, its first service with a coverage of its own: the demo's but 20 days after its
/// first 20 (a gap across a month's end).
fn demo() -> Snapshot {
    let mut demo =
        ingest::parse(include_str!("../../../public/data/demo.json"), None).expect("reads").snapshot;
    let hull = demo.coverage.hull().expect("the demo covers time");
    let day = MS_PER_DAY;
    let gap = Span::new(hull.start_ms + 20 * day, hull.start_ms + 40 * day);
    demo.services[0].coverage = Some(
        demo.coverage
            .clipped(Span::new(hull.start_ms, gap.start_ms))
            .union(&demo.coverage.clipped(Span::new(gap.end_ms, hull.end_ms))),
    );
    demo
}

/// The demo's history as a collector would write it: the index and every shard, read back.
fn collected_demo() -> (Parsed, Vec<(String, Parsed)>) {
    let history = demo();
    let shards = layout::shards(&history);
    let months: Vec<String> = shards.iter().map(|(m, _)| m.clone()).collect();
    let index = layout::index(&history, months.clone(), &Weights::STRICT).snapshot;
    let read =
        |s: &Snapshot| ingest::parse(&ingest::native::write(s), Some(Format::Native)).expect("a shard reads");
    let mut index = read(&index);
    index.history_months = months;
    (index, shards.iter().map(|(m, s)| (m.clone(), read(s))).collect())
}

#[test]
fn joined_shards_are_the_whole_history_as_of_the_index() {
    let demo = demo();
    let (index, shards) = collected_demo();
    assert!(index.snapshot.incidents.len() < demo.incidents.len(), "the index alone is recent only");
    let shards = shards.into_iter().map(|(m, p)| (m, Ok(p))).collect();
    let joined = join_shards(index.clone(), shards);
    assert_eq!(joined.snapshot.as_of_ms, index.snapshot.as_of_ms);
    assert_eq!(joined.snapshot.title, demo.title);
    assert_eq!(joined.snapshot.incidents.len(), demo.incidents.len());
    assert_eq!(joined.snapshot.coverage, demo.coverage);
    assert_eq!(joined.snapshot.services, demo.services, "services, the first one's own coverage whole");
    assert_eq!(joined.snapshot.maintenances, demo.maintenances);
    let values = |s: &Snapshot| -> Vec<(String, Vec<u32>, Vec<u32>)> {
        s.series
            .iter()
            .map(|x| {
                let bits = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect();
                (x.service.clone(), bits(x.samples.up_ratio()), bits(&x.latency_ms))
            })
            .collect()
    };
    assert_eq!(values(&joined.snapshot), values(&demo), "every sample back, bit for bit");
    assert_eq!(
        joined.snapshot.series.iter().map(|s| s.samples.span()).collect::<Vec<_>>(),
        demo.series.iter().map(|s| s.samples.span()).collect::<Vec<_>>()
    );
    assert!(joined.issues.is_empty(), "{:?}", joined.issues);
}

#[test]
fn a_shard_that_cannot_be_read_leaves_its_month_unknown_and_says_so() {
    let (index, shards) = collected_demo();
    let (lost_month, lost) = shards.first().cloned().expect("a shard");
    let lost_span = lost.snapshot.coverage.hull().expect("the month has coverage");
    let shards = shards
        .into_iter()
        .map(|(m, p)| if m == lost_month { (m, Err("HTTP 404".to_string())) } else { (m, Ok(p)) })
        .collect();
    let joined = join_shards(index, shards);
    assert_eq!(
        joined.issues,
        [Issue {
            path: format!("history/{lost_month}.json"),
            message: "HTTP 404; that month's history is missing (unknown, never up)".into(),
        }]
    );
    let covered = joined.snapshot.coverage.clipped(lost_span);
    assert_eq!(covered.total_ms(), 0, "the lost month is not covered: {lost_span:?}");
    assert!(lost.snapshot.incidents.iter().all(|i| joined.snapshot.incidents.iter().all(|j| j.id != i.id)));
}

#[test]
fn no_shard_read_leaves_the_index() {
    let (index, _) = collected_demo();
    let joined = join_shards(index.clone(), vec![("2026-11".into(), Err("offline".into()))]);
    assert_eq!(joined.snapshot, index.snapshot);
    assert_eq!(joined.issues.len(), index.issues.len() + 1);
}

#[test]
fn a_stopped_collector_gets_a_banner_after_an_hour_and_other_data_after_a_week() {
    let collected = t("2026-11-20T09:00:00Z");
    assert_eq!(age_banner("Ops", collected, true, collected + 59 * 60_000, 0), None);
    assert_eq!(
        age_banner("Ops", collected, true, t("2026-11-20T12:05:00Z"), 0).as_deref(),
        Some("Ops: the collector last ran 3 h 5 min ago, at 2026-11-20 09:00 UTC; nothing after that is known.")
    );
    assert_eq!(age_banner("Feed", collected, false, collected + 7 * MS_PER_DAY, 0), None, "a week exactly");
    assert_eq!(
        age_banner("Feed", collected, false, t("2026-12-02T09:00:00Z"), 60).as_deref(),
        Some("Feed: the data ends 12 d ago, at 2026-11-20 10:00 UTC+01:00; nothing after that is known.")
    );
}

#[test]
fn months_of_samples_append_on_their_grid_or_as_times() {
    let series = |samples: Samples, latency_ms: Vec<f32>| Series {
        service: "api".into(),
        region: Some("eu".into()),
        samples,
        latency_ms,
    };
    let regular = |start_ms, up_ratio: Vec<f32>| Samples::Regular { start_ms, step_ms: 10, up_ratio };
    // On the grid, two samples apart: regular, the gap no data; latencies padded with no data.
    let mut a = series(regular(0, vec![1.0, 1.0]), vec![5.0, 6.0]);
    append_samples(&mut a, series(regular(40, vec![0.0]), Vec::new()));
    let nan_is = |v: &[f32]| v.iter().map(|x| if x.is_nan() { -1.0 } else { *x }).collect::<Vec<f32>>();
    assert!(matches!(a.samples, Samples::Regular { start_ms: 0, step_ms: 10, .. }), "{a:?}");
    assert_eq!(nan_is(a.samples.up_ratio()), [1.0, 1.0, -1.0, -1.0, 0.0]);
    assert_eq!(nan_is(&a.latency_ms), [5.0, 6.0, -1.0, -1.0, -1.0]);
    // Off the grid: both as times.
    let mut b = series(regular(0, vec![1.0, 0.5]), Vec::new());
    append_samples(&mut b, series(Samples::Irregular { times_ms: vec![35], up_ratio: vec![0.0] }, vec![9.0]));
    match &b.samples {
        Samples::Irregular { times_ms, up_ratio } => {
            assert_eq!((times_ms.as_slice(), up_ratio.as_slice()), (&[0, 10, 35][..], &[1.0, 0.5, 0.0][..]));
        }
        other => panic!("irregular expected, got {other:?}"),
    }
    assert_eq!(nan_is(&b.latency_ms), [-1.0, -1.0, 9.0]);
}
