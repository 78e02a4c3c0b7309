//! Incident figures over a window: counts, durations, response times and downtime.
//!
//! An incident counts for a window when its span (an open incident closed at as-of) shares time
//! with the window, or when it is zero-length and starts inside the window. Durations are whole
//! incident durations, not clipped to the window. Downtime is the union of the counted incidents'
//! spans clipped to the window, so overlapping incidents count once.
//!
//! Medians of an even count are the mean of the two middle values, rounded down to the ms;
//! p90 is nearest-rank (`sorted[ceil(0.9 n) - 1]`).

use crate::model::{union, Incident, Origin, Snapshot, Span, TimeMs};

/// Figures over a set of incidents (open incidents closed at as-of).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IncidentStats {
    pub count: usize,
    /// Incidents without an end.
    pub open_count: usize,
    /// Sum of whole durations (overlaps count twice; see `downtime_ms` for the union).
    pub total_duration_ms: i64,
    pub median_duration_ms: Option<i64>,
    pub p90_duration_ms: Option<i64>,
    /// Mean whole duration of resolved incidents (those with an end); `None` without any.
    pub mttr_ms: Option<f64>,
    /// Mean time between failures: the mean gap between consecutive outage periods, where the
    /// periods are the disjoint pieces of `downtime_ms` (touching or overlapping incidents make
    /// one period; zero-length incidents make none). `None` with fewer than two periods.
    pub mtbf_ms: Option<f64>,
    /// Median time from an incident's start to its first update (0 when an update comes at or
    /// before the start); incidents without updates are left out.
    pub median_first_update_ms: Option<i64>,
    /// Median gap between consecutive updates (in time order) of the same incident, pooled across
    /// incidents; incidents with fewer than two updates add no gaps.
    pub median_update_interval_ms: Option<i64>,
    /// Union of the incidents' spans inside the window.
    pub downtime_ms: i64,
    /// The part of `downtime_ms` covered by at least one third-party incident.
    pub third_party_downtime_ms: i64,
    /// `third_party_downtime_ms / downtime_ms`; `None` when there is no downtime.
    pub third_party_share: Option<f64>,
}

/// Figures over the `incidents` that count for `window` (see the module docs).
pub fn incident_stats<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    window: Span,
    as_of_ms: TimeMs,
) -> IncidentStats {
    let counted: Vec<&Incident> = incidents.into_iter().filter(|i| counts_in(i, window, as_of_ms)).collect();
    let duration_ms = |i: &Incident| i.span(as_of_ms).duration_ms();
    let mut durations_ms: Vec<i64> = counted.iter().map(|i| duration_ms(i)).collect();
    durations_ms.sort_unstable();
    let resolved_ms: Vec<i64> =
        counted.iter().filter(|i| i.end_ms.is_some()).map(|i| duration_ms(i)).collect();
    let mut first_updates_ms: Vec<i64> = counted.iter().filter_map(|i| first_update_ms(i)).collect();
    let mut intervals_ms: Vec<i64> = counted.iter().flat_map(|i| update_intervals_ms(i)).collect();

    let clipped_union = |keep: fn(&Incident) -> bool| {
        union(
            counted.iter().filter(|i| keep(i)).filter_map(|i| i.span(as_of_ms).intersect(&window)).collect(),
        )
    };
    let periods = clipped_union(|_| true);
    let downtime_ms = sum_ms(periods.iter().map(Span::duration_ms));
    let third_party_downtime_ms =
        sum_ms(clipped_union(|i| i.origin == Origin::ThirdParty).iter().map(Span::duration_ms));
    let gaps_ms: Vec<i64> = periods.windows(2).map(|p| p[1].start_ms - p[0].end_ms).collect();

    IncidentStats {
        count: counted.len(),
        open_count: counted.iter().filter(|i| i.end_ms.is_none()).count(),
        total_duration_ms: sum_ms(durations_ms.iter().copied()),
        median_duration_ms: median_ms(&mut durations_ms),
        p90_duration_ms: p90_ms(&mut durations_ms),
        mttr_ms: mean_ms(&resolved_ms),
        mtbf_ms: mean_ms(&gaps_ms),
        median_first_update_ms: median_ms(&mut first_updates_ms),
        median_update_interval_ms: median_ms(&mut intervals_ms),
        downtime_ms,
        third_party_downtime_ms,
        third_party_share: (downtime_ms > 0).then(|| third_party_downtime_ms as f64 / downtime_ms as f64),
    }
}

/// [`incident_stats`] overall and split by service, region and origin.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IncidentBreakdown {
    pub overall: IncidentStats,
    /// `snapshot.services` in order, then services named only by counted incidents, sorted.
    pub by_service: Vec<(String, IncidentStats)>,
    /// `snapshot.regions` in order, then regions named only by counted incidents, sorted. An
    /// incident without regions is "everywhere": it counts in every region of `snapshot.regions`,
    /// but not in regions that only incidents name.
    pub by_region: Vec<(String, IncidentStats)>,
    /// Only origins of counted incidents, in the order self, third party, customer, unknown.
    pub by_origin: Vec<(Origin, IncidentStats)>,
}

/// Incident figures for `snapshot` over `window`, overall and split.
pub fn incident_breakdown(snapshot: &Snapshot, window: Span, as_of_ms: TimeMs) -> IncidentBreakdown {
    let counted: Vec<&Incident> =
        snapshot.incidents.iter().filter(|i| counts_in(i, window, as_of_ms)).collect();
    let stats_of = |keep: &dyn Fn(&Incident) -> bool| {
        incident_stats(counted.iter().copied().filter(|i| keep(i)), window, as_of_ms)
    };

    let service_ids = listed_then_named(
        snapshot.services.iter().map(|s| s.id.as_str()),
        counted.iter().flat_map(|i| i.services.iter().map(String::as_str)),
    );
    let by_service = service_ids
        .into_iter()
        .map(|id| {
            let stats = stats_of(&|i| i.services.contains(&id));
            (id, stats)
        })
        .collect();

    let listed_regions: Vec<&str> = snapshot.regions.iter().map(|r| r.id.as_str()).collect();
    let region_ids = listed_then_named(
        listed_regions.iter().copied(),
        counted.iter().flat_map(|i| i.regions.iter().map(String::as_str)),
    );
    let by_region = region_ids
        .into_iter()
        .map(|id| {
            let everywhere_counts = listed_regions.contains(&id.as_str());
            let stats = stats_of(&|i| i.regions.contains(&id) || (everywhere_counts && i.regions.is_empty()));
            (id, stats)
        })
        .collect();

    let by_origin = [Origin::SelfOperated, Origin::ThirdParty, Origin::Customer, Origin::Unknown]
        .into_iter()
        .filter(|o| counted.iter().any(|i| i.origin == *o))
        .map(|o| (o, stats_of(&|i| i.origin == o)))
        .collect();

    IncidentBreakdown { overall: stats_of(&|_| true), by_service, by_region, by_origin }
}

/// Whether `incident` counts for `window`: it shares time with it, or is zero-length and starts in it.
fn counts_in(incident: &Incident, window: Span, as_of_ms: TimeMs) -> bool {
    let span = incident.span(as_of_ms);
    span.intersect(&window).is_some() || (span.is_empty() && window.contains(span.start_ms))
}

/// `listed` in order without repeats, then the other `named` ids, sorted and without repeats.
fn listed_then_named<'a>(
    listed: impl Iterator<Item = &'a str>,
    named: impl Iterator<Item = &'a str>,
) -> Vec<String> {
    let mut ids: Vec<&str> = Vec::new();
    for id in listed {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let extra = crate::model::sorted_unique(named.filter(|id| !ids.contains(id)));
    ids.into_iter().chain(extra).map(String::from).collect()
}

/// Time from the start to the earliest update, never negative; `None` without updates.
fn first_update_ms(incident: &Incident) -> Option<i64> {
    let first_ms = incident.updates.iter().map(|u| u.at_ms).min()?;
    Some(first_ms.saturating_sub(incident.start_ms).max(0))
}

/// Gaps between consecutive updates, taken in time order.
fn update_intervals_ms(incident: &Incident) -> Vec<i64> {
    let mut times_ms: Vec<TimeMs> = incident.updates.iter().map(|u| u.at_ms).collect();
    times_ms.sort_unstable();
    times_ms.windows(2).map(|t| t[1].saturating_sub(t[0])).collect()
}

fn sum_ms(values_ms: impl Iterator<Item = i64>) -> i64 {
    values_ms.fold(0, i64::saturating_add)
}

fn mean_ms(values_ms: &[i64]) -> Option<f64> {
    (!values_ms.is_empty()).then(|| values_ms.iter().map(|&v| v as f64).sum::<f64>() / values_ms.len() as f64)
}

/// The median, the lower-rounded mean of the middle two for an even count; sorts `values_ms`.
fn median_ms(values_ms: &mut [i64]) -> Option<i64> {
    values_ms.sort_unstable();
    let n = values_ms.len();
    let upper = *values_ms.get(n / 2)?;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = *values_ms.get(n / 2 - 1)?;
    // Written as lower + half the difference so that it cannot overflow for sorted values.
    Some(lower + ((upper as i128 - lower as i128) / 2) as i64)
}

/// Nearest-rank 90th percentile, `sorted[ceil(0.9 n) - 1]`; sorts `values_ms`.
fn p90_ms(values_ms: &mut [i64]) -> Option<i64> {
    values_ms.sort_unstable();
    let rank = (9 * values_ms.len()).div_ceil(10);
    values_ms.get(rank.checked_sub(1)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IncidentStatus, IncidentUpdate, Level, Region, Service, MS_PER_HOUR};

    const H: i64 = MS_PER_HOUR;

    fn incident(origin: Origin, start_h: f64, end_h: Option<f64>) -> Incident {
        let ms = |h: f64| (h * H as f64) as i64;
        Incident { origin, ..Incident::for_test("a", Level::Major, ms(start_h), end_h.map(ms)) }
    }

    fn resolved(start_h: f64, end_h: f64) -> Incident {
        incident(Origin::SelfOperated, start_h, Some(end_h))
    }

    fn hours(ms: i64) -> f64 {
        ms as f64 / H as f64
    }

    /// (count, open, total, median, p90, mttr, mtbf, downtime, third-party downtime, share), in hours.
    type Figures =
        (usize, usize, f64, Option<f64>, Option<f64>, Option<f64>, Option<f64>, f64, f64, Option<f64>);

    fn figures(s: &IncidentStats) -> Figures {
        let h = |ms: f64| ms / H as f64;
        (
            s.count,
            s.open_count,
            hours(s.total_duration_ms),
            s.median_duration_ms.map(hours),
            s.p90_duration_ms.map(hours),
            s.mttr_ms.map(h),
            s.mtbf_ms.map(h),
            hours(s.downtime_ms),
            hours(s.third_party_downtime_ms),
            s.third_party_share,
        )
    }

    #[test]
    fn hand_computed_incident_stats() {
        let third_party = |start_h, end_h| incident(Origin::ThirdParty, start_h, Some(end_h));
        // (label, incidents, window in hours, figures); as of hour 100.
        #[allow(clippy::type_complexity)] // one row per case, labelled in the comment above
        let cases: Vec<(&str, Vec<Incident>, (i64, i64), Figures)> = vec![
            ("nothing happened", vec![], (0, 100), (0, 0, 0.0, None, None, None, None, 0.0, 0.0, None)),
            (
                "one resolved incident",
                vec![resolved(10.0, 12.0)],
                (0, 100),
                (1, 0, 2.0, Some(2.0), Some(2.0), Some(2.0), None, 2.0, 0.0, Some(0.0)),
            ),
            (
                "an open incident is closed at as-of and has no repair time",
                vec![incident(Origin::Unknown, 95.0, None)],
                (0, 100),
                (1, 1, 5.0, Some(5.0), Some(5.0), None, None, 5.0, 0.0, Some(0.0)),
            ),
            (
                "overlaps: durations sum, downtime counts once, one period has no mtbf",
                vec![resolved(10.0, 14.0), resolved(12.0, 16.0)],
                (0, 100),
                (2, 0, 8.0, Some(4.0), Some(4.0), Some(4.0), None, 6.0, 0.0, Some(0.0)),
            ),
            (
                "crossing the window edge: whole durations, clipped downtime; outside ones do not count",
                vec![resolved(10.0, 20.0), resolved(40.0, 60.0), resolved(90.0, 110.0)],
                (50, 100),
                (2, 0, 40.0, Some(20.0), Some(20.0), Some(20.0), Some(30.0), 20.0, 0.0, Some(0.0)),
            ),
            (
                "zero-length: counts inside the window (not at its end), adds no downtime",
                vec![resolved(30.0, 30.0), resolved(100.0, 100.0), resolved(-5.0, 0.0)],
                (0, 100),
                (1, 0, 0.0, Some(0.0), Some(0.0), Some(0.0), None, 0.0, 0.0, None),
            ),
            (
                "odd count: median 3, p90 = 5th of 5, gaps 9 8 7 6",
                vec![
                    resolved(0.0, 1.0),
                    resolved(10.0, 12.0),
                    resolved(20.0, 23.0),
                    resolved(30.0, 34.0),
                    resolved(40.0, 45.0),
                ],
                (0, 100),
                (5, 0, 15.0, Some(3.0), Some(5.0), Some(3.0), Some(7.5), 15.0, 0.0, Some(0.0)),
            ),
            (
                "even count, unsorted: median (2+3)/2, p90 = 4th of 4, gaps 9 8 7",
                vec![resolved(30.0, 34.0), resolved(0.0, 1.0), resolved(20.0, 23.0), resolved(10.0, 12.0)],
                (0, 100),
                (4, 0, 10.0, Some(2.5), Some(4.0), Some(2.5), Some(8.0), 10.0, 0.0, Some(0.0)),
            ),
            (
                "touching incidents make one period: gap 15..20 only",
                vec![resolved(10.0, 12.0), resolved(12.0, 15.0), resolved(20.0, 21.0)],
                (0, 100),
                (3, 0, 6.0, Some(2.0), Some(3.0), Some(2.0), Some(5.0), 6.0, 0.0, Some(0.0)),
            ),
            (
                "3 h third-party overlapping a 2 h self incident by 1 h",
                vec![third_party(10.0, 13.0), resolved(12.0, 14.0)],
                (0, 100),
                (2, 0, 5.0, Some(2.5), Some(3.0), Some(2.5), None, 4.0, 3.0, Some(0.75)),
            ),
            (
                "overlapping third-party incidents count once, clipped to the window",
                vec![third_party(-2.0, 2.0), third_party(1.0, 4.0), resolved(6.0, 10.0)],
                (0, 100),
                (3, 0, 11.0, Some(4.0), Some(4.0), Some(11.0 / 3.0), Some(2.0), 8.0, 4.0, Some(0.5)),
            ),
        ];
        for (label, incidents, (from_h, to_h), want) in cases {
            let got = incident_stats(&incidents, Span::new(from_h * H, to_h * H), 100 * H);
            assert_eq!(figures(&got), want, "{label}");
            assert_eq!((got.median_first_update_ms, got.median_update_interval_ms), (None, None), "{label}");
        }
    }

    #[test]
    fn median_and_p90_by_rank() {
        // (values, median, p90)
        let cases: Vec<(Vec<i64>, Option<i64>, Option<i64>)> = vec![
            (vec![], None, None),
            (vec![7], Some(7), Some(7)),
            (vec![2, 1], Some(1), Some(2)), // (1+2)/2 rounds down
            (vec![5, 1, 3], Some(3), Some(5)),
            ((1..=10).collect(), Some(5), Some(9)),  // ceil(9.0) = 9th
            ((1..=11).collect(), Some(6), Some(10)), // ceil(9.9) = 10th
            (vec![i64::MAX, i64::MAX - 2], Some(i64::MAX - 1), Some(i64::MAX)),
        ];
        for (values, median, p90) in cases {
            assert_eq!(median_ms(&mut values.clone()), median, "median of {values:?}");
            assert_eq!(p90_ms(&mut values.clone()), p90, "p90 of {values:?}");
        }
    }

    #[test]
    fn first_update_and_cadence() {
        let with_updates = |start_h: f64, updates_h: &[f64]| {
            let updates = updates_h
                .iter()
                .map(|h| IncidentUpdate {
                    at_ms: (h * H as f64) as i64,
                    status: IncidentStatus::Investigating,
                    text: String::new(),
                    impact: None,
                })
                .collect();
            Incident { updates, ..resolved(start_h, start_h + 5.0) }
        };
        let incidents = vec![
            with_updates(10.0, &[10.5, 11.0, 13.0]), // first 0.5, gaps 0.5 and 2
            with_updates(20.0, &[19.0, 20.0]),       // an update before the start: first 0, gap 1
            with_updates(30.0, &[32.0, 31.0]),       // out of order: first 1, gap 1
            with_updates(40.0, &[]),                 // no updates: left out
        ];
        let got = incident_stats(&incidents, Span::new(0, 100 * H), 100 * H);
        // First updates 0.5, 0, 1 → median 0.5; gaps 0.5, 2, 1, 1 → median 1.
        assert_eq!(got.median_first_update_ms, Some(H / 2));
        assert_eq!(got.median_update_interval_ms, Some(H));
    }

    #[test]
    fn breakdown_by_service_region_and_origin() {
        let named = |services: &[&str], regions: &[&str], origin, start_h, end_h| Incident {
            services: services.iter().map(|s| s.to_string()).collect(),
            regions: regions.iter().map(|r| r.to_string()).collect(),
            ..incident(origin, start_h, end_h)
        };
        let service = Service::for_test;
        let region = |id: &str| Region { id: id.into(), name: id.into() };
        let snapshot = Snapshot {
            as_of_ms: 100 * H,
            regions: vec![region("us"), region("eu")],
            services: vec![service("b"), service("a"), service("quiet")],
            incidents: vec![
                named(&["a"], &[], Origin::SelfOperated, 10.0, Some(12.0)), // everywhere
                named(&["b", "x"], &["eu"], Origin::ThirdParty, 11.0, Some(14.0)),
                named(&["z"], &["ap"], Origin::Customer, 20.0, Some(21.0)),
                named(&["y"], &["sa"], Origin::Unknown, 200.0, Some(201.0)), // outside the window
                named(&["a"], &["us"], Origin::SelfOperated, 50.0, None),
            ],
            ..Snapshot::default()
        };
        let got = incident_breakdown(&snapshot, Span::new(0, 100 * H), 100 * H);
        let counts = |rows: &[(String, IncidentStats)]| -> Vec<(String, usize)> {
            rows.iter().map(|(id, s)| (id.clone(), s.count)).collect()
        };
        let pairs = |rows: &[(&str, usize)]| -> Vec<(String, usize)> {
            rows.iter().map(|(id, n)| (id.to_string(), *n)).collect()
        };
        assert_eq!(counts(&got.by_service), pairs(&[("b", 1), ("a", 2), ("quiet", 0), ("x", 1), ("z", 1)]));
        assert_eq!(counts(&got.by_region), pairs(&[("us", 2), ("eu", 2), ("ap", 1)]));
        let origins: Vec<(Origin, usize)> = got.by_origin.iter().map(|(o, s)| (*o, s.count)).collect();
        assert_eq!(origins, vec![(Origin::SelfOperated, 2), (Origin::ThirdParty, 1), (Origin::Customer, 1)]);
        // Overall: [10,14) ∪ [20,21) ∪ [50,100) = 55 h, of which [11,14) is third-party.
        assert_eq!((got.overall.count, got.overall.open_count), (4, 1));
        assert_eq!((got.overall.downtime_ms, got.overall.third_party_downtime_ms), (55 * H, 3 * H));
    }
}
