//! The current state of each service and of the whole snapshot at its as-of time.

use super::segments::level_segments;
use crate::model::{Level, Snapshot, Span};

/// The level of `service_id` at the snapshot's as-of instant.
pub fn current_level(snapshot: &Snapshot, service_id: &str) -> Level {
    let at = snapshot.as_of_ms;
    // The last millisecond before as-of: open incidents are closed at as-of.
    let instant = Span::new(at - 1, at);
    level_segments(snapshot, service_id, None, instant).first().map_or(Level::Ok, |s| s.level)
}

/// The one-line answer to "is everything fine?".
#[derive(Clone, Debug, PartialEq)]
pub struct OverallStatus {
    pub level: Level,
    pub sentence: String,
}

pub fn overall_status(snapshot: &Snapshot) -> OverallStatus {
    let levels: Vec<(Level, &str)> =
        snapshot.services.iter().map(|s| (current_level(snapshot, &s.id), s.name.as_str())).collect();
    if levels.is_empty() {
        return OverallStatus { level: Level::Unknown, sentence: "No services in this data.".into() };
    }
    let worst = levels.iter().map(|(l, _)| *l).filter(|l| *l != Level::Unknown).max();
    let affected: Vec<&str> = levels.iter().filter(|(l, _)| *l != Level::Ok).map(|(_, n)| *n).collect();
    let level = worst.unwrap_or(Level::Unknown);
    let sentence = match (level, affected.len()) {
        (Level::Ok, _) => "All services operational.".to_string(),
        (Level::Unknown, _) => "No current data for any service.".to_string(),
        (level, 1) => format!("{}: {}.", level.label(), affected.join(", ")),
        (level, n) => format!("{} — {n} services affected: {}.", level.label(), affected.join(", ")),
    };
    OverallStatus { level, sentence }
}
