//! Availability of a service over a window, from its level segments.
//!
//! availability = 1 − weighted downtime / counted time, where counted time is the window minus
//! time without data (`Unknown`) and minus maintenance windows — all of their time, even where an
//! incident overlaps them. Weighted downtime counts each level's time outside maintenance times its
//! weight. A window with no counted time has no availability (`None`), never 100 %.

use super::segments::level_segments;
use crate::model::{overlap_ms, union, Level, Snapshot, Span};

/// How much of each level's time counts as down, 0..1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub major: f64,
    pub partial: f64,
    pub degraded: f64,
}

impl Weights {
    /// Major and partial outages count fully; degraded performance does not.
    pub const STRICT: Weights = Weights { major: 1.0, partial: 1.0, degraded: 0.0 };

    pub fn of(&self, level: Level) -> f64 {
        match level {
            Level::Major => self.major,
            Level::Partial => self.partial,
            Level::Degraded => self.degraded,
            Level::Ok | Level::Maintenance | Level::Unknown => 0.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Availability {
    /// 0..1; `None` when no time in the window is counted.
    pub availability_ratio: Option<f64>,
    /// Weighted downtime.
    pub downtime_ms: f64,
    /// Time with data, outside maintenance.
    pub counted_ms: i64,
    /// Share of the window that has data, 0..1.
    pub coverage_ratio: f64,
}

/// Availability of `service_id` (in `region`, or anywhere) over `window`.
pub fn availability(
    snapshot: &Snapshot,
    service_id: &str,
    region: Option<&str>,
    window: Span,
    weights: &Weights,
) -> Availability {
    let segments = level_segments(snapshot, service_id, region, window);
    let unknown_ms: i64 =
        segments.iter().filter(|s| s.level == Level::Unknown).map(|s| s.span.duration_ms()).sum();
    let covered = window.intersect(&snapshot.coverage);
    let maintenance = union(
        snapshot
            .maintenances
            .iter()
            .filter(|m| m.touches(service_id, region))
            .filter_map(|m| covered.and_then(|c| m.span.intersect(&c)))
            .collect(),
    );
    let maintenance_ms: i64 = maintenance.iter().map(Span::duration_ms).sum();
    let counted_ms = window.duration_ms() - unknown_ms - maintenance_ms;
    let downtime_ms: f64 = segments
        .iter()
        .map(|s| weights.of(s.level) * (s.span.duration_ms() - overlap_ms(&s.span, &maintenance)) as f64)
        .sum();
    let window_ms = window.duration_ms();
    Availability {
        availability_ratio: (counted_ms > 0).then(|| 1.0 - downtime_ms / counted_ms as f64),
        downtime_ms,
        counted_ms,
        coverage_ratio: if window_ms > 0 { (window_ms - unknown_ms) as f64 / window_ms as f64 } else { 0.0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Incident, IncidentStatus, IncidentUpdate, Maintenance, Service, MS_PER_HOUR};

    const H: i64 = MS_PER_HOUR;

    fn incident(id: &str, level: Level, start_h: i64, end_h: Option<i64>) -> Incident {
        Incident { id: id.into(), ..Incident::for_test("a", level, start_h * H, end_h.map(|h| h * H)) }
    }

    /// Service "a", covered from hour 0 to hour 100, as of hour 100.
    fn snapshot(incidents: Vec<Incident>, maintenances: Vec<Maintenance>) -> Snapshot {
        Snapshot {
            as_of_ms: 100 * H,
            coverage: Span::new(0, 100 * H),
            services: vec![Service {
                id: "a".into(),
                name: "A".into(),
                group: None,
                regions: Vec::new(),
                tags: Vec::new(),
                slo: None,
            }],
            incidents,
            maintenances,
            ..Snapshot::default()
        }
    }

    #[test]
    fn hand_computed_availability() {
        let maintenance = |start_h, end_h| Maintenance {
            id: "m".into(),
            title: "m".into(),
            services: vec!["a".into()],
            regions: Vec::new(),
            span: Span::new(start_h * H, end_h * H),
        };
        let mut mitigated = incident("m1", Level::Major, 10, Some(20));
        mitigated.updates.push(IncidentUpdate {
            at_ms: 14 * H,
            status: IncidentStatus::Mitigating,
            text: String::new(),
            impact: Some(Level::Degraded),
        });
        // (label, incidents, maintenance, window in hours, weights, downtime h, counted h, coverage)
        #[allow(clippy::type_complexity)] // one row per case, labelled in the comment above
        let cases: Vec<(&str, Vec<Incident>, Vec<Maintenance>, (i64, i64), Weights, f64, i64, f64)> = vec![
            ("nothing happened", vec![], vec![], (0, 100), Weights::STRICT, 0.0, 100, 1.0),
            (
                "one major hour",
                vec![incident("1", Level::Major, 10, Some(11))],
                vec![],
                (0, 100),
                Weights::STRICT,
                1.0,
                100,
                1.0,
            ),
            (
                "overlapping major and partial count once",
                vec![incident("1", Level::Partial, 10, Some(14)), incident("2", Level::Major, 12, Some(16))],
                vec![],
                (0, 100),
                Weights::STRICT,
                6.0,
                100,
                1.0,
            ),
            (
                "partial weighted 0.3 under a major",
                vec![incident("1", Level::Partial, 10, Some(14)), incident("2", Level::Major, 12, Some(16))],
                vec![],
                (0, 100),
                Weights { major: 1.0, partial: 0.3, degraded: 0.0 },
                2.0 * 0.3 + 4.0,
                100,
                1.0,
            ),
            (
                "incident crossing the window edge is clipped",
                vec![incident("1", Level::Major, 40, Some(60))],
                vec![],
                (50, 100),
                Weights::STRICT,
                10.0,
                50,
                1.0,
            ),
            (
                "open incident closed at as-of",
                vec![incident("1", Level::Major, 95, None)],
                vec![],
                (0, 100),
                Weights::STRICT,
                5.0,
                100,
                1.0,
            ),
            (
                "zero-length incident",
                vec![incident("1", Level::Major, 30, Some(30))],
                vec![],
                (0, 100),
                Weights::STRICT,
                0.0,
                100,
                1.0,
            ),
            (
                "maintenance is not counted",
                vec![],
                vec![maintenance(20, 30)],
                (0, 100),
                Weights::STRICT,
                0.0,
                90,
                1.0,
            ),
            (
                "an incident counts only outside maintenance",
                vec![incident("1", Level::Major, 25, Some(35))],
                vec![maintenance(20, 30)],
                (0, 100),
                Weights::STRICT,
                5.0,
                90,
                1.0,
            ),
            (
                "time before coverage is unknown, not up",
                vec![],
                vec![],
                (-100, 100),
                Weights::STRICT,
                0.0,
                100,
                0.5,
            ),
            ("an update lowers the level", vec![mitigated], vec![], (0, 100), Weights::STRICT, 4.0, 100, 1.0),
        ];
        for (label, incidents, maintenances, (from_h, to_h), weights, downtime_h, counted_h, coverage) in
            cases
        {
            let s = snapshot(incidents, maintenances);
            let got = availability(&s, "a", None, Span::new(from_h * H, to_h * H), &weights);
            assert!((got.downtime_ms - downtime_h * H as f64).abs() < 1e-6, "{label}: downtime {got:?}");
            assert_eq!(got.counted_ms, counted_h * H, "{label}: counted");
            assert!((got.coverage_ratio - coverage).abs() < 1e-12, "{label}: coverage {got:?}");
            let want_ratio = 1.0 - downtime_h / counted_h as f64;
            assert!(
                (got.availability_ratio.unwrap_or(f64::NAN) - want_ratio).abs() < 1e-12,
                "{label}: ratio"
            );
        }
    }

    #[test]
    fn a_window_without_data_has_no_availability() {
        let s = snapshot(vec![], vec![]);
        let got = availability(&s, "a", None, Span::new(200 * H, 300 * H), &Weights::STRICT);
        assert_eq!(got.availability_ratio, None);
        assert_eq!(got.coverage_ratio, 0.0);
    }
}
