//! One service's worst level over time, from its incidents, maintenance and coverage.
//!
//! Contract: the segments are in time order, do not overlap, lie inside the window, and leave out
//! time that is `Ok`. Where several incidents overlap, the worst level wins and the segment names
//! the first incident (in start order) at that level. Maintenance shows only where no incident
//! is worse; time outside the service's coverage ([`Snapshot::coverage_of`]: before, after and in
//! its gaps) is `Unknown`.

use crate::model::{Level, Origin, Snapshot, Span, TimeMs};

#[derive(Clone, Debug, PartialEq)]
pub struct LevelSegment {
    pub span: Span,
    pub level: Level,
    /// The incident that sets the level (index into `snapshot.incidents`), if any.
    pub incident: Option<usize>,
    pub origin: Origin,
}

/// Non-`Ok` segments of `service_id` inside `window`. With `region`, only incidents and
/// maintenance that touch that region count; without, all do.
pub fn level_segments(
    snapshot: &Snapshot,
    service_id: &str,
    region: Option<&str>,
    window: Span,
) -> Vec<LevelSegment> {
    // Every piece of level that applies, tagged with where it came from.
    let mut pieces: Vec<(Span, Level, Option<usize>)> = Vec::new();
    for (index, incident) in snapshot.incidents.iter().enumerate() {
        if !incident.touches(service_id, region) {
            continue;
        }
        for (span, level) in incident.level_spans(snapshot.as_of_ms) {
            if let Some(clipped) = span.intersect(&window) {
                if level != Level::Ok {
                    pieces.push((clipped, level, Some(index)));
                }
            }
        }
    }
    for m in &snapshot.maintenances {
        if let Some(clipped) = m.span.intersect(&window).filter(|_| m.touches(service_id, region)) {
            pieces.push((clipped, Level::Maintenance, None));
        }
    }
    for uncovered in snapshot.coverage_of(service_id).gaps_in(window) {
        pieces.push((uncovered, Level::Unknown, None));
    }
    sweep(snapshot, pieces)
}

/// Rank used to pick the piece that sets the level: time without data beats everything (no data
/// means no claim of being up), then major, partial, degraded, maintenance.
/// An incident whose impact the source did not name (`Unknown` with an incident) ranks just
/// above `Ok`: any known level wins over it, and alone it marks its time as unknown.
fn rank(level: Level, incident: Option<usize>) -> u8 {
    match (level, incident) {
        (Level::Ok, _) => 0,
        (Level::Unknown, Some(_)) => 1,
        (Level::Maintenance, _) => 2,
        (Level::Degraded, _) => 3,
        (Level::Partial, _) => 4,
        (Level::Major, _) => 5,
        (Level::Unknown, None) => 6,
    }
}

fn sweep(snapshot: &Snapshot, pieces: Vec<(Span, Level, Option<usize>)>) -> Vec<LevelSegment> {
    let mut bounds: Vec<TimeMs> = pieces.iter().flat_map(|(s, _, _)| [s.start_ms, s.end_ms]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut segments: Vec<LevelSegment> = Vec::new();
    // Pieces are few (incidents of one service); a scan per elementary interval is plenty.
    for pair in bounds.windows(2) {
        let (start_ms, end_ms) = (pair[0], pair[1]);
        let winner = pieces
            .iter()
            .filter(|(s, _, _)| s.start_ms <= start_ms && end_ms <= s.end_ms)
            .max_by_key(|(_, level, incident)| {
                // Worst level first; then a piece naming an incident, the earliest one.
                (rank(*level, *incident), incident.is_some(), std::cmp::Reverse(*incident))
            });
        let Some(&(_, level, incident)) = winner else { continue };
        let origin = incident.and_then(|i| snapshot.incidents.get(i)).map_or(Origin::Unknown, |i| i.origin);
        match segments.last_mut() {
            Some(last)
                if last.span.end_ms == start_ms && last.level == level && last.incident == incident =>
            {
                last.span.end_ms = end_ms;
            }
            _ => segments.push(LevelSegment { span: Span::new(start_ms, end_ms), level, incident, origin }),
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Incident, MS_PER_HOUR};

    const H: i64 = MS_PER_HOUR;

    fn incident(id: &str, level: Level, start_h: i64, end_h: i64) -> Incident {
        let regions = vec!["eu".into()];
        Incident { id: id.into(), regions, ..Incident::for_test("a", level, start_h * H, Some(end_h * H)) }
    }

    #[test]
    fn worst_level_wins_and_unnamed_impact_yields_to_known_levels() {
        let snapshot = Snapshot {
            as_of_ms: 100 * H,
            coverage: Span::new(0, 100 * H).into(),
            incidents: vec![
                incident("unnamed", Level::Unknown, 10, 30),
                incident("major", Level::Major, 20, 25),
                incident("degraded", Level::Degraded, 24, 40),
            ],
            ..Snapshot::default()
        };
        let got: Vec<(i64, i64, Level, Option<usize>)> =
            level_segments(&snapshot, "a", None, Span::new(0, 100 * H))
                .into_iter()
                .map(|s| (s.span.start_ms / H, s.span.end_ms / H, s.level, s.incident))
                .collect();
        let want = vec![
            (10, 20, Level::Unknown, Some(0)),
            (20, 25, Level::Major, Some(1)),
            (25, 40, Level::Degraded, Some(2)),
        ];
        assert_eq!(got, want);
        // In another region nothing happened; before coverage there is no data.
        assert!(level_segments(&snapshot, "a", Some("na"), Span::new(0, 100 * H)).is_empty());
        let early = level_segments(&snapshot, "a", Some("na"), Span::new(-5 * H, 0));
        assert_eq!(early.first().map(|s| s.level), Some(Level::Unknown));
    }

    #[test]
    fn a_gap_in_the_coverage_is_unknown_even_under_an_incident() {
        // Covered 0–9 h and 15–24 h; a major incident 8–16 h runs across the gap.
        let snapshot = Snapshot {
            as_of_ms: 24 * H,
            coverage: crate::model::Coverage::new(vec![Span::new(0, 9 * H), Span::new(15 * H, 24 * H)]),
            incidents: vec![incident("major", Level::Major, 8, 16)],
            ..Snapshot::default()
        };
        let got: Vec<(i64, i64, Level)> = level_segments(&snapshot, "a", None, Span::new(0, 30 * H))
            .into_iter()
            .map(|s| (s.span.start_ms / H, s.span.end_ms / H, s.level))
            .collect();
        let want = vec![
            (8, 9, Level::Major),
            (9, 15, Level::Unknown),
            (15, 16, Level::Major),
            (24, 30, Level::Unknown),
        ];
        assert_eq!(got, want);
    }
}
