//! Incidents and maintenances whose times can't be taken as published, from any format: each is
//! adjusted or left as it is by one rule below, and listed as an issue that says what it counts
//! for now and what it would have counted for (docs/analysis.md, "Implausible incidents").
//!
//! An end before the start is not here: each importer clamps it to the start (incidents) or swaps
//! the two (planned windows) where it reads the record, and says so.

use super::notes::Shown;
use super::{Issue, Notes};
use crate::model::format::{format_duration_ms, format_rfc3339};
use crate::model::{IncidentStatus, Snapshot, MS_PER_DAY};

/// How long after its closing update an incident may be resolved before the end is taken to be
/// wrong (a year typo: resolved three years after a 72-minute incident).
pub const MAX_END_AFTER_CLOSING_MS: i64 = MS_PER_DAY;
/// How long an open incident may go without an update before it is stale.
pub const STALE_AFTER_MS: i64 = 7 * MS_PER_DAY;
/// How long an incident or maintenance may last before it is flagged.
pub const LONG_AFTER_MS: i64 = 30 * MS_PER_DAY;

/// Applies the rules to `snapshot`, whose as-of closes open incidents, and returns the issues.
///
/// - A resolved incident whose end is more than [`MAX_END_AFTER_CLOSING_MS`] after its closing
///   update (the last update that says `resolved`) ends at that update. Without such an update
///   (a feed that lists only some of its posts) the end is kept.
/// - An open incident with no update (nor start) in the [`STALE_AFTER_MS`] before the as-of is
///   stale: it ends at its last update, or at its start when it has none; or, as the rule above
///   would have it, at its closing update when that came more than a day before its last update.
///   Its status is kept. So the rules applied again to what they give change nothing.
/// - An incident or maintenance that still lasts more than [`LONG_AFTER_MS`] is counted in full.
pub fn flag_implausible(snapshot: &mut Snapshot) -> Vec<Issue> {
    let mut notes = Notes::default();
    let as_of_ms = snapshot.as_of_ms;
    for incident in &mut snapshot.incidents {
        let path = format!("incident {}", incident.id.shown());
        let published_ms = incident.span(as_of_ms).duration_ms();
        let closing = incident.updates.iter().rfind(|u| u.status == IncidentStatus::Resolved);
        let last_ms = incident.updates.last().map_or(incident.start_ms, |u| u.at_ms).max(incident.start_ms);
        let (end_ms, why) = match (incident.end_ms, closing) {
            (Some(end_ms), Some(closing)) => {
                let closing_ms = closing.at_ms.max(incident.start_ms);
                if end_ms - closing_ms <= MAX_END_AFTER_CLOSING_MS {
                    (end_ms, None)
                } else {
                    let why = format!(
                        "resolved at {}, {} after its closing update; ended at that update",
                        format_rfc3339(end_ms),
                        format_duration_ms(end_ms - closing_ms)
                    );
                    (closing_ms, Some(why))
                }
            }
            (Some(end_ms), None) => (end_ms, None),
            (None, _) if as_of_ms - last_ms > STALE_AFTER_MS => {
                // Where the rule above would end it once it has an end: at the closing update when
                // the last update came more than a day after it. So reading again, as history is
                // read, changes nothing.
                let closing_ms = closing
                    .map(|c| c.at_ms.max(incident.start_ms))
                    .filter(|c| last_ms - c > MAX_END_AFTER_CLOSING_MS);
                let (end_ms, what) = match closing_ms {
                    Some(closing_ms) => (closing_ms, "closing update"),
                    None if incident.updates.is_empty() => (last_ms, "start"),
                    None => (last_ms, "last update"),
                };
                let why = format!(
                    "open with no update for {} before the as-of; stale, ended at its {what}",
                    format_duration_ms(as_of_ms - last_ms)
                );
                (end_ms, Some(why))
            }
            (None, _) => (as_of_ms, None),
        };
        if let Some(why) = why {
            incident.end_ms = Some(end_ms);
            let counted_ms = end_ms - incident.start_ms;
            notes.note(
                &path,
                format!(
                    "{why} ({}): counted {}, not {}",
                    format_rfc3339(end_ms),
                    format_duration_ms(counted_ms),
                    format_duration_ms(published_ms)
                ),
            );
        }
        long(&mut notes, path, incident.span(as_of_ms).duration_ms());
    }
    for maintenance in &snapshot.maintenances {
        long(&mut notes, format!("maintenance {}", maintenance.id.shown()), maintenance.span.duration_ms());
    }
    notes.into_issues()
}

/// An issue when `duration_ms` is more than [`LONG_AFTER_MS`].
fn long(notes: &mut Notes, path: String, duration_ms: i64) {
    if duration_ms > LONG_AFTER_MS {
        notes.note(
            path,
            format!("lasts {}, more than 30 days; counted in full", format_duration_ms(duration_ms)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Incident, IncidentUpdate, Level, Maintenance, Span, MS_PER_MINUTE};

    const MIN: i64 = MS_PER_MINUTE;
    const DAY: i64 = MS_PER_DAY;
    /// 2024-01-01T00:00:00Z.
    const T0: i64 = 1_704_067_200_000;

    fn update(at_ms: i64, status: IncidentStatus) -> IncidentUpdate {
        IncidentUpdate { at_ms, status, text: String::new(), impact: None }
    }

    fn incident(id: &str, end_ms: Option<i64>, updates: Vec<IncidentUpdate>) -> Incident {
        Incident { id: id.into(), updates, ..Incident::for_test("s", Level::Major, T0, end_ms) }
    }

    fn checked(
        incidents: Vec<Incident>,
        maintenances: Vec<Maintenance>,
        as_of_ms: i64,
    ) -> (Snapshot, Vec<String>) {
        let mut snapshot = Snapshot { as_of_ms, incidents, maintenances, ..Snapshot::default() };
        let issues = flag_implausible(&mut snapshot).iter().map(Issue::to_string).collect();
        (snapshot, issues)
    }

    #[test]
    fn an_end_years_after_the_closing_update_ends_at_that_update() {
        // A 72-minute incident, resolved "2027" instead of "2024"; a postmortem a week later.
        let typo_ms = T0 + 72 * MIN + 1096 * DAY; // 2024 is a leap year
        let updates = vec![
            update(T0 + 10 * MIN, IncidentStatus::Investigating),
            update(T0 + 72 * MIN, IncidentStatus::Resolved),
            update(T0 + 7 * DAY, IncidentStatus::Other("postmortem".into())),
        ];
        let (s, issues) = checked(vec![incident("a", Some(typo_ms), updates)], vec![], typo_ms);
        assert_eq!(s.incidents[0].end_ms, Some(T0 + 72 * MIN));
        assert_eq!(
            issues,
            ["incident \"a\": resolved at 2027-01-01T01:12:00Z, 1096 d after its closing update; ended \
                 at that update (2024-01-01T01:12:00Z): counted 1 h 12 min, not 1096 d 1 h"]
        );
    }

    #[test]
    fn an_end_within_a_day_of_the_closing_update_or_without_updates_is_kept() {
        let kept = vec![
            incident("a", Some(T0 + 60 * MIN + DAY), vec![update(T0 + 60 * MIN, IncidentStatus::Resolved)]),
            // No update says resolved: nothing closes it but its end.
            incident("b", Some(T0 + 9 * DAY), vec![update(T0 + 60 * MIN, IncidentStatus::Monitoring)]),
            incident("c", Some(T0 + 20 * DAY), vec![]),
        ];
        let (s, issues) = checked(kept.clone(), vec![], T0 + 40 * DAY);
        assert_eq!(s.incidents, kept);
        assert!(issues.is_empty(), "{issues:?}");
    }

    #[test]
    fn an_open_incident_without_updates_for_a_week_is_stale_and_ends_at_its_last_update() {
        let updates = vec![update(T0 + 30 * MIN, IncidentStatus::Identified)];
        let open = vec![
            incident("stale", None, updates.clone()),
            incident("silent", None, vec![]),
            // Updated 7 days before the as-of exactly: not stale.
            incident("fresh", None, vec![update(T0 + 3 * DAY, IncidentStatus::Monitoring)]),
        ];
        let (s, issues) = checked(open, vec![], T0 + 10 * DAY);
        assert_eq!(s.incidents[0].end_ms, Some(T0 + 30 * MIN));
        assert_eq!(s.incidents[0].status, IncidentStatus::Investigating, "the status is kept");
        assert_eq!(s.incidents[1].end_ms, Some(T0));
        assert_eq!(s.incidents[2].end_ms, None);
        assert_eq!(
            issues,
            [
                "incident \"stale\": open with no update for 9 d 23 h before the as-of; stale, ended at its \
                 last update (2024-01-01T00:30:00Z): counted 30 min, not 10 d",
                "incident \"silent\": open with no update for 10 d before the as-of; stale, ended at its \
                 start (2024-01-01T00:00:00Z): counted 0 s, not 10 d",
            ]
        );
    }

    #[test]
    fn a_stale_incident_resolved_long_before_its_last_update_ends_where_reading_again_keeps_it() {
        // Open (its end unreadable), resolved on day 1, then posts a month later: stale at day 60.
        let updates = vec![
            update(T0 + 30 * MIN, IncidentStatus::Investigating),
            update(T0 + DAY, IncidentStatus::Resolved),
            update(T0 + 31 * DAY, IncidentStatus::Other("service_disruption".into())),
        ];
        let open =
            vec![incident("reopened", None, updates.clone()), incident("plain", None, updates[..2].to_vec())];
        let (s, issues) = checked(open, vec![], T0 + 60 * DAY);
        assert_eq!(s.incidents[0].end_ms, Some(T0 + DAY), "at the closing update, as an end would be");
        assert_eq!(s.incidents[1].end_ms, Some(T0 + DAY), "at its last update, which closes it");
        assert_eq!(
            issues[0],
            "incident \"reopened\": open with no update for 29 d before the as-of; stale, ended at its \
             closing update (2024-01-02T00:00:00Z): counted 24 h, not 60 d"
        );
        // Read again (as written history is), nothing changes and nothing is said.
        for incident in &s.incidents {
            let (again, issues) = checked(vec![incident.clone()], vec![], T0 + 60 * DAY);
            assert_eq!(again.incidents[0], *incident);
            assert!(issues.is_empty(), "{issues:?}");
        }
    }

    #[test]
    fn incidents_and_maintenances_longer_than_30_days_are_counted_in_full_and_flagged() {
        let updates = |days: i64| vec![update(T0 + days * DAY, IncidentStatus::Monitoring)];
        let incidents = vec![
            incident("long", Some(T0 + 31 * DAY), updates(31)),
            incident("open-long", None, updates(40)),
            incident("month", Some(T0 + 30 * DAY), updates(30)),
        ];
        let maintenance = Maintenance {
            id: "m".into(),
            title: "x".into(),
            services: vec![],
            regions: vec![],
            span: Span::new(T0, T0 + 45 * DAY),
        };
        let (s, issues) = checked(incidents, vec![maintenance], T0 + 42 * DAY);
        assert_eq!(s.incidents[0].end_ms, Some(T0 + 31 * DAY));
        assert_eq!(s.incidents[1].end_ms, None, "updated two days ago: open, not stale");
        assert_eq!(
            issues,
            [
                "incident \"long\": lasts 31 d, more than 30 days; counted in full",
                "incident \"open-long\": lasts 42 d, more than 30 days; counted in full",
                "maintenance \"m\": lasts 45 d, more than 30 days; counted in full",
            ]
        );
    }
}
