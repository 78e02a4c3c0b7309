//! One service's worst level over time, from its incidents, maintenance and coverage.
//!
//! Contract: the segments are in time order, do not overlap, lie inside the window, and leave out
//! time that is `Ok`. Where several incidents overlap, the worst level wins and the segment names
//! the first incident (in start order) at that level. Maintenance shows only where no incident
//! is worse; time outside the snapshot's coverage is `Unknown`.

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
    for uncovered in outside(window, snapshot.coverage) {
        pieces.push((uncovered, Level::Unknown, None));
    }
    sweep(snapshot, pieces)
}

/// The parts of `window` not inside `covered`.
fn outside(window: Span, covered: Span) -> Vec<Span> {
    let mut parts = Vec::new();
    if covered.start_ms > window.start_ms {
        parts.push(Span::new(window.start_ms, covered.start_ms.min(window.end_ms)));
    }
    if covered.end_ms < window.end_ms {
        parts.push(Span::new(covered.end_ms.max(window.start_ms), window.end_ms));
    }
    parts.retain(|s| !s.is_empty());
    parts
}

/// Rank used to pick the piece that sets the level: unknown beats everything (no data means no
/// claim of being up), then major, partial, degraded, maintenance.
fn rank(level: Level) -> u8 {
    match level {
        Level::Ok => 0,
        Level::Maintenance => 1,
        Level::Degraded => 2,
        Level::Partial => 3,
        Level::Major => 4,
        Level::Unknown => 5,
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
                (rank(*level), incident.is_some(), std::cmp::Reverse(*incident))
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
