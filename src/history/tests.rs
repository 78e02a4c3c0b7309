//! Merging hand-made histories: incidents by id with their updates, series by time, coverage.

use super::*;
use crate::model::{
    Announcement, Coverage, IncidentStatus, IncidentUpdate, Level, Maintenance, Service, Span,
};

const MIN: i64 = 60_000;

fn update(at_ms: TimeMs, status: IncidentStatus, text: &str) -> IncidentUpdate {
    IncidentUpdate { at_ms, status, text: text.into(), impact: None }
}

fn series(samples: Samples, latency_ms: Vec<f32>) -> Series {
    Series { service: "api".into(), region: Some("eu".into()), samples, latency_ms }
}

#[test]
fn incidents_are_updated_by_id_and_never_dropped() {
    let mut open = Incident::for_test("a", Level::Major, 10 * MIN, None);
    open.id = "i1".into();
    open.updates = vec![update(10 * MIN, IncidentStatus::Investigating, "looking")];
    let mut other = Incident::for_test("a", Level::Partial, 0, Some(5 * MIN));
    other.id = "i0".into();
    let mut history = Snapshot {
        as_of_ms: 20 * MIN,
        coverage: Span::new(0, 20 * MIN).into(),
        services: vec![Service::for_test("a")],
        incidents: vec![other.clone(), open.clone()],
        ..Snapshot::default()
    };
    // The next run lists i1 resolved, with a later update and the first one reworded, and no i0.
    let mut resolved = Incident { end_ms: Some(30 * MIN), status: IncidentStatus::Resolved, ..open.clone() };
    resolved.updates = vec![
        update(30 * MIN, IncidentStatus::Resolved, "fixed"),
        update(10 * MIN, IncidentStatus::Investigating, "looking into it"),
    ];
    let run = Snapshot {
        as_of_ms: 40 * MIN,
        coverage: Span::new(35 * MIN, 40 * MIN).into(),
        incidents: vec![resolved],
        ..Snapshot::default()
    };
    merge(&mut history, run.clone());
    assert_eq!(history.incidents.len(), 2, "i0 kept");
    assert_eq!(history.incidents[0], other, "i0 unchanged, first by start");
    let i1 = &history.incidents[1];
    assert_eq!((i1.end_ms, &i1.status), (Some(30 * MIN), &IncidentStatus::Resolved), "newer fields");
    let texts: Vec<&str> = i1.updates.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(texts, ["looking into it", "fixed"], "updates in time order, the newer text wins");
    assert_eq!(
        history.coverage.spans(),
        &[Span::new(0, 20 * MIN), Span::new(35 * MIN, 40 * MIN)],
        "coverage: the union, with the gap between the runs"
    );
    assert_eq!(history.as_of_ms, 40 * MIN);
    assert_eq!(history.services, vec![Service::for_test("a")], "services kept");

    let once = history.clone();
    merge(&mut history, run);
    assert_eq!(history, once, "merging the same run again changes nothing");
}

#[test]
fn maintenances_announcements_services_and_regions_are_replaced_by_id() {
    let m = |id: &str, title: &str, start: i64| Maintenance {
        id: id.into(),
        title: title.into(),
        services: vec!["a".into()],
        regions: Vec::new(),
        span: Span::new(start, start + MIN),
    };
    let a = |id: &str, title: &str, start: i64| Announcement {
        title: title.into(),
        ..Announcement::for_test(id, "a", start)
    };
    let mut history = Snapshot {
        maintenances: vec![m("m1", "old", 5 * MIN), m("m2", "kept", 0)],
        announcements: vec![a("MC1", "old", 5 * MIN), a("MC2", "kept, out of the feed", 0)],
        services: vec![Service::for_test("a")],
        ..Snapshot::default()
    };
    let renamed = Service { name: "A".into(), ..Service::for_test("a") };
    let run = Snapshot {
        title: "Status".into(),
        maintenances: vec![m("m1", "new", 5 * MIN), m("m3", "added", 9 * MIN)],
        announcements: vec![a("MC3", "added", MIN), a("MC1", "new", 5 * MIN)],
        services: vec![renamed.clone(), Service::for_test("b")],
        ..Snapshot::default()
    };
    merge(&mut history, run);
    let titles: Vec<&str> = history.maintenances.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["kept", "new", "added"], "by start");
    let titles: Vec<&str> = history.announcements.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["kept, out of the feed", "added", "new"], "announcements by start");
    assert_eq!(history.services, vec![renamed, Service::for_test("b")]);
    assert_eq!(history.title, "Status");
    merge(&mut history, Snapshot::default());
    assert_eq!(history.title, "Status", "an empty title keeps the older");
}

#[test]
fn irregular_samples_are_appended_and_merged_by_time() {
    let nan = f32::NAN;
    let mut older =
        series(Samples::Irregular { times_ms: vec![0, MIN, 2 * MIN], up_ratio: vec![1.0, 0.0, 1.0] }, vec![]);
    // A probe run: one sample after the last, with a latency.
    merge_series(
        &mut older,
        series(Samples::Irregular { times_ms: vec![3 * MIN], up_ratio: vec![1.0] }, vec![42.0]),
    );
    let want = series(
        Samples::Irregular { times_ms: vec![0, MIN, 2 * MIN, 3 * MIN], up_ratio: vec![1.0, 0.0, 1.0, 1.0] },
        vec![nan, nan, nan, 42.0],
    );
    assert_eq!(older, want, "appended, earlier latencies unknown");
    // Overlapping: same times replace (no data never replaces a value), new times slot in.
    let newer = series(
        Samples::Irregular { times_ms: vec![MIN, 90_000, 2 * MIN], up_ratio: vec![1.0, 0.5, nan] },
        vec![7.0, 8.0, 9.0],
    );
    merge_series(&mut older, newer);
    let want = series(
        Samples::Irregular {
            times_ms: vec![0, MIN, 90_000, 2 * MIN, 3 * MIN],
            up_ratio: vec![1.0, 1.0, 0.5, 1.0, 1.0],
        },
        vec![nan, 7.0, 8.0, nan, 42.0],
    );
    assert_eq!(older, want, "merged by time");
}

#[test]
fn regular_samples_on_one_grid_stay_regular() {
    let nan = f32::NAN;
    let mut older = series(Samples::Regular { start_ms: 0, step_ms: MIN, up_ratio: vec![1.0, 1.0] }, vec![]);
    // Two steps later, after a one-step gap; then an overlapping answer that revises step 1.
    merge_series(
        &mut older,
        series(Samples::Regular { start_ms: 3 * MIN, step_ms: MIN, up_ratio: vec![0.0] }, vec![]),
    );
    merge_series(
        &mut older,
        series(Samples::Regular { start_ms: MIN, step_ms: MIN, up_ratio: vec![0.5, nan] }, vec![]),
    );
    let want =
        series(Samples::Regular { start_ms: 0, step_ms: MIN, up_ratio: vec![1.0, 0.5, nan, 0.0] }, vec![]);
    assert_eq!(older, want);
    // Off the grid: the result is irregular, one sample per time.
    merge_series(
        &mut older,
        series(Samples::Regular { start_ms: 30_000, step_ms: MIN, up_ratio: vec![1.0] }, vec![]),
    );
    assert_eq!(older.samples.len(), 5, "4 on the grid and 1 off it");
    assert!(matches!(older.samples, Samples::Irregular { .. }));
}

#[test]
fn coverage_is_the_union_of_what_each_run_observed() {
    let mut history = Snapshot::default();
    for (from, to) in [(0, 5), (5, 10), (20, 25), (22, 30)] {
        merge(
            &mut history,
            Snapshot { coverage: Coverage::from(Span::new(from * MIN, to * MIN)), ..Snapshot::default() },
        );
    }
    assert_eq!(history.coverage.spans(), &[Span::new(0, 10 * MIN), Span::new(20 * MIN, 30 * MIN)]);
    assert_eq!(history.coverage.total_ms(), 20 * MIN, "the 10-minute gap is not covered");
}

#[test]
fn a_service_own_coverage_is_the_union_of_both_or_the_one_either_has() {
    let service =
        |coverage: Option<Span>| Service { coverage: coverage.map(Coverage::from), ..Service::for_test("a") };
    let with = |s: Service| Snapshot { services: vec![s], ..Snapshot::default() };
    let cases = [
        (
            Some(Span::new(0, MIN)),
            Some(Span::new(2 * MIN, 3 * MIN)),
            Some(vec![Span::new(0, MIN), Span::new(2 * MIN, 3 * MIN)]),
        ),
        (Some(Span::new(0, MIN)), None, Some(vec![Span::new(0, MIN)])),
        (None, Some(Span::new(0, MIN)), Some(vec![Span::new(0, MIN)])),
        (None, None, None),
    ];
    for (older, newer, want) in cases {
        let mut history = with(service(older));
        merge(&mut history, with(service(newer)));
        let got = history.services[0].coverage.as_ref().map(|c| c.spans().to_vec());
        assert_eq!(got, want, "{older:?} then {newer:?}");
    }
}
