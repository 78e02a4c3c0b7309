//! Shards, index and retention of hand-made histories, with hand-computed figures.

use super::*;
use crate::model::{parse_rfc3339_ms, Announcement, Coverage, Incident, Level, Service};

fn t(text: &str) -> TimeMs {
    parse_rfc3339_ms(text).unwrap()
}

const MIN: i64 = 60_000;

/// Service "a" covered from 30 Jan to 2 Mar 2026 except 10–12 Feb, with an incident a month,
/// an open one, announcements ended in January, ended in February and without end, and a probe
/// sampled every minute across the January/February boundary.
fn history() -> Snapshot {
    let incident = |id: &str, start: &str, end: Option<&str>| Incident {
        id: id.into(),
        ..Incident::for_test("a", Level::Major, t(start), end.map(t))
    };
    Snapshot {
        title: "T".into(),
        as_of_ms: t("2026-03-02T00:00:00Z"),
        coverage: Coverage::new(vec![
            Span::new(t("2026-01-30T00:00:00Z"), t("2026-02-10T00:00:00Z")),
            Span::new(t("2026-02-12T00:00:00Z"), t("2026-03-02T00:00:00Z")),
        ]),
        services: vec![Service::for_test("a")],
        incidents: vec![
            incident("jan", "2026-01-31T23:00:00Z", Some("2026-02-01T01:00:00Z")),
            incident("feb", "2026-02-20T00:00:00Z", Some("2026-02-20T06:00:00Z")),
            incident("open", "2026-03-01T12:00:00Z", None),
        ],
        announcements: vec![
            Announcement {
                end_ms: Some(t("2026-01-31T00:00:00Z")),
                ..announcement("mc-old", "2026-01-30T00:00:00Z")
            },
            Announcement {
                end_ms: Some(t("2026-02-05T00:00:00Z")),
                ..announcement("mc-jan", "2026-01-31T10:00:00Z")
            },
            announcement("mc-feb", "2026-02-03T00:00:00Z"),
        ],
        series: vec![Series {
            service: "a".into(),
            region: None,
            samples: Samples::Regular {
                start_ms: t("2026-01-31T23:58:00Z"),
                step_ms: MIN,
                up_ratio: vec![1.0, 0.0, 1.0, 0.5],
            },
            latency_ms: vec![10.0, 20.0, 30.0, 40.0],
        }],
        ..Snapshot::default()
    }
}

fn announcement(id: &str, start: &str) -> Announcement {
    Announcement::for_test(id, "a", t(start))
}

fn announcement_ids(s: &Snapshot) -> Vec<&str> {
    s.announcements.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn shards_split_by_month_and_join_back() {
    let h = history();
    let parts = shards(&h);
    let keys: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["2026-01", "2026-02", "2026-03"]);
    let (jan, feb, mar) = (&parts[0].1, &parts[1].1, &parts[2].1);
    assert_eq!(jan.incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["jan"], "by start month");
    assert_eq!(feb.incidents.len(), 1);
    assert_eq!(mar.incidents.len(), 1);
    assert_eq!(announcement_ids(jan), ["mc-old", "mc-jan"], "announcements by start month");
    assert_eq!(announcement_ids(feb), ["mc-feb"]);
    assert_eq!(jan.coverage, Span::new(t("2026-01-30T00:00:00Z"), t("2026-02-01T00:00:00Z")), "jan coverage");
    assert_eq!(feb.coverage.total_ms(), 26 * MS_PER_DAY, "28 days less the 2-day gap");
    assert_eq!(mar.coverage, Span::new(t("2026-03-01T00:00:00Z"), t("2026-03-02T00:00:00Z")));
    assert_eq!(jan.as_of_ms, t("2026-02-01T00:00:00Z"), "a past month's as-of is its end");
    assert_eq!(mar.as_of_ms, h.as_of_ms);
    assert_eq!(jan.series[0].samples.len(), 2, "23:58 and 23:59");
    assert_eq!(feb.series[0].latency_ms, vec![30.0, 40.0], "latency follows its samples");
    assert!(mar.series.is_empty());
    assert!(parts.iter().all(|(_, s)| s.services == h.services), "services in every shard");
    assert_eq!(join(parts.into_iter().map(|(_, s)| s)), h, "join(shards(h)) == h");
}

#[test]
fn retention_drops_what_ended_before_the_cutoff() {
    let mut h = history();
    retain(&mut h, t("2026-02-01T00:00:30Z"));
    let ids: Vec<&str> = h.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["jan", "feb", "open"], "jan ended after the cutoff");
    assert_eq!(announcement_ids(&h), ["mc-jan", "mc-feb"], "mc-old ended before; mc-feb has no end");
    assert_eq!(h.series[0].samples.len(), 1, "the sample of 00:01 (00:00 started before the cutoff)");
    retain(&mut h, t("2026-02-15T00:00:00Z"));
    let ids: Vec<&str> = h.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["feb", "open"]);
    assert_eq!(announcement_ids(&h), ["mc-feb"]);
    assert_eq!(h.coverage, Span::new(t("2026-02-15T00:00:00Z"), t("2026-03-02T00:00:00Z")));
    assert!(h.series.is_empty(), "every sample was before");
}

#[test]
fn the_index_holds_recent_data_and_ninety_daily_buckets() {
    let h = history();
    let idx = index(&h, vec!["2026-01".into(), "2026-02".into(), "2026-03".into()], &Weights::STRICT);
    let ids: Vec<&str> = idx.snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["open"], "only the open incident is recent");
    assert_eq!(announcement_ids(&idx.snapshot), ["mc-feb"], "only the announcement without end");
    assert_eq!(idx.snapshot.coverage, Span::new(t("2026-02-28T00:00:00Z"), h.as_of_ms), "48 h");
    assert!(idx.snapshot.series.is_empty(), "no sample in the last 48 h");
    let days = &idx.daily[0].days;
    assert_eq!(days.len(), 90);
    assert_eq!(
        days.last().map(|d| d.span.start_ms),
        Some(t("2026-03-02T00:00:00Z")),
        "the last is as-of's day"
    );
    let day = |date: &str| days.iter().find(|d| d.span.start_ms == t(date)).unwrap();
    // 20 Feb: covered, 6 h down.
    let feb20 = day("2026-02-20T00:00:00Z");
    assert_eq!((feb20.totals.down_ms, feb20.totals.counted_ms), (6.0 * 3_600_000.0, MS_PER_DAY as f64));
    // 11 Feb: in the gap, nothing known (never up).
    let feb11 = day("2026-02-11T00:00:00Z");
    assert_eq!((feb11.totals.counted_ms, feb11.coverage_ratio), (0.0, 0.0));
    // 1 Mar: open from noon, as of 2 Mar midnight: 12 h down of 24.
    let mar1 = day("2026-03-01T00:00:00Z");
    assert_eq!(mar1.totals.down_ms, 12.0 * 3_600_000.0);
}

#[test]
fn a_service_own_coverage_is_cut_by_month_for_shards_index_and_retention() {
    let mut h = history();
    // Service b's own source was observed 25 Dec – 5 Jan and 20 Feb – 2 Mar: December is known
    // only through b.
    let own = Coverage::new(vec![
        Span::new(t("2025-12-25T00:00:00Z"), t("2026-01-05T00:00:00Z")),
        Span::new(t("2026-02-20T00:00:00Z"), t("2026-03-02T00:00:00Z")),
    ]);
    h.services.push(Service { coverage: Some(own.clone()), ..Service::for_test("b") });
    let parts = shards(&h);
    let keys: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["2025-12", "2026-01", "2026-02", "2026-03"], "December holds b's coverage alone");
    let b = |s: &Snapshot| s.service("b").and_then(|x| x.coverage.clone()).unwrap_or_default();
    let months: Vec<Coverage> = parts.iter().map(|(_, s)| b(s)).collect();
    assert_eq!(
        months,
        [
            Span::new(t("2025-12-25T00:00:00Z"), t("2026-01-01T00:00:00Z")).into(),
            Span::new(t("2026-01-01T00:00:00Z"), t("2026-01-05T00:00:00Z")).into(),
            Span::new(t("2026-02-20T00:00:00Z"), t("2026-03-01T00:00:00Z")).into(),
            Coverage::from(Span::new(t("2026-03-01T00:00:00Z"), t("2026-03-02T00:00:00Z"))),
        ],
        "b's coverage cut by month"
    );
    assert!(parts.iter().all(|(_, s)| s.service("a").is_some_and(|a| a.coverage.is_none())), "a keeps none");
    assert_eq!(join(parts.into_iter().map(|(_, s)| s)), h, "join(shards(h)) == h");

    let idx = index(&h, Vec::new(), &Weights::STRICT);
    assert_eq!(b(&idx.snapshot), Span::new(t("2026-02-28T00:00:00Z"), h.as_of_ms), "b's last 48 h");
    let b_days = &idx.daily[1].days;
    let day = |date: &str| b_days.iter().find(|d| d.span.start_ms == t(date)).unwrap();
    // 10 Jan is in the folder's coverage but not in b's: nothing known of b, never up.
    assert_eq!(day("2026-01-10T00:00:00Z").totals.counted_ms, 0.0, "b unknown on 10 Jan");
    assert_eq!(day("2026-02-25T00:00:00Z").totals.counted_ms, MS_PER_DAY as f64, "b known on 25 Feb");

    retain(&mut h, t("2026-02-25T00:00:00Z"));
    assert_eq!(b(&h), Span::new(t("2026-02-25T00:00:00Z"), t("2026-03-02T00:00:00Z")), "retained");
}
