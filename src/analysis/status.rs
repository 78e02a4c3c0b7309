//! The current state of each service and of the whole snapshot at its as-of time.

use super::segments::level_segments;
use crate::model::{Level, Maintenance, Snapshot, Span};

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

/// The worst current level among the services with data, in one sentence that names the
/// affected services and, apart, those without current data (never counted as operational).
pub fn overall_status(snapshot: &Snapshot) -> OverallStatus {
    let levels: Vec<(Level, &str)> =
        snapshot.services.iter().map(|s| (current_level(snapshot, &s.id), s.name.as_str())).collect();
    if levels.is_empty() {
        return OverallStatus { level: Level::Unknown, sentence: "No services in this data.".into() };
    }
    let names = |keep: &dyn Fn(Level) -> bool| -> Vec<&str> {
        levels.iter().filter(|(l, _)| keep(*l)).map(|(_, n)| *n).collect()
    };
    let without_data = names(&|l| l == Level::Unknown);
    let affected = names(&|l| l != Level::Ok && l != Level::Unknown);
    if without_data.len() == levels.len() {
        return OverallStatus { level: Level::Unknown, sentence: "No current data for any service.".into() };
    }
    let level = levels.iter().map(|(l, _)| *l).filter(|l| *l != Level::Unknown).max().unwrap_or(Level::Ok);
    let mut sentence = match affected.len() {
        0 if without_data.is_empty() => "All services operational.".to_string(),
        0 => "All services with current data operational.".to_string(),
        1 => format!("{}: {}.", level.label(), affected.join(", ")),
        n => format!("{} — {n} services affected: {}.", level.label(), affected.join(", ")),
    };
    if !without_data.is_empty() {
        sentence.push_str(&format!(" No current data for {}.", without_data.join(", ")));
    }
    OverallStatus { level, sentence }
}

/// A maintenance window that has not ended at as-of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScheduledMaintenance<'a> {
    pub maintenance: &'a Maintenance,
    /// It began at or before as-of.
    pub in_progress: bool,
}

/// The maintenance windows still to come or under way at the snapshot's as-of, of `service_id`
/// (of every service when `None`): those under way first, then by start; windows that ended by
/// as-of are left out.
pub fn scheduled_maintenance<'a>(
    snapshot: &'a Snapshot,
    service_id: Option<&str>,
) -> Vec<ScheduledMaintenance<'a>> {
    let at = snapshot.as_of_ms;
    let mut scheduled: Vec<ScheduledMaintenance> = snapshot
        .maintenances
        .iter()
        .filter(|m| m.span.end_ms > at && service_id.is_none_or(|id| m.touches(id, None)))
        .map(|maintenance| ScheduledMaintenance { maintenance, in_progress: maintenance.span.start_ms <= at })
        .collect();
    scheduled.sort_by_key(|s| (!s.in_progress, s.maintenance.span.start_ms, s.maintenance.span.end_ms));
    scheduled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Incident, Service, MS_PER_HOUR};

    const H: i64 = MS_PER_HOUR;

    fn service(id: &str) -> Service {
        Service { name: id.to_uppercase(), ..Service::for_test(id) }
    }

    fn open_incident(service_id: &str, level: Level) -> Incident {
        Incident::for_test(service_id, level, 5 * H, None)
    }

    #[test]
    fn the_sentence_names_what_is_wrong_and_what_is_unknown() {
        // (label, open incidents, coverage end in hours (as-of is 10 h), want level, want sentence)
        let cases: Vec<(&str, Vec<Incident>, i64, Level, &str)> = vec![
            ("all fine", vec![], 10, Level::Ok, "All services operational."),
            ("one major", vec![open_incident("a", Level::Major)], 10, Level::Major, "Major outage: A."),
            (
                "two affected, worst named",
                vec![open_incident("a", Level::Degraded), open_incident("b", Level::Partial)],
                10,
                Level::Partial,
                "Partial outage — 2 services affected: A, B.",
            ),
            ("no data at as-of", vec![], 8, Level::Unknown, "No current data for any service."),
            (
                "an incident of unnamed impact leaves its service unknown",
                vec![open_incident("b", Level::Unknown)],
                10,
                Level::Ok,
                "All services with current data operational. No current data for B.",
            ),
        ];
        for (label, incidents, coverage_end_h, want_level, want_sentence) in cases {
            let snapshot = Snapshot {
                as_of_ms: 10 * H,
                coverage: Span::new(0, coverage_end_h * H).into(),
                services: vec![service("a"), service("b")],
                incidents,
                ..Snapshot::default()
            };
            let got = overall_status(&snapshot);
            assert_eq!((got.level, got.sentence.as_str()), (want_level, want_sentence), "{label}");
        }
    }

    #[test]
    fn scheduled_maintenance_is_what_has_not_ended_under_way_first() {
        let window = |id: &str, services: &[&str], start_h: i64, end_h: i64| Maintenance {
            id: id.into(),
            title: id.into(),
            services: services.iter().map(|s| s.to_string()).collect(),
            regions: Vec::new(),
            span: Span::new(start_h * H, end_h * H),
        };
        let snapshot = Snapshot {
            as_of_ms: 10 * H,
            services: vec![service("a"), service("b")],
            maintenances: vec![
                window("later", &["a"], 30, 32),
                window("ended", &["a"], 2, 4),
                window("ends at as-of", &["b"], 8, 10),
                window("soon", &["b"], 12, 13),
                window("under way", &["a", "b"], 9, 11),
            ],
            ..Snapshot::default()
        };
        let shown = |service: Option<&str>| -> Vec<(&str, bool)> {
            scheduled_maintenance(&snapshot, service)
                .iter()
                .map(|s| (s.maintenance.id.as_str(), s.in_progress))
                .collect()
        };
        assert_eq!(shown(None), [("under way", true), ("soon", false), ("later", false)]);
        assert_eq!(shown(Some("a")), [("under way", true), ("later", false)]);
        assert_eq!(shown(Some("c")), []);
    }
}
