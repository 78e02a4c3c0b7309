//! Which incidents an incidents view shows: [`IncidentFilters`] applied to a snapshot. Pure, so
//! the list the page shows is the list the tests compute.
//!
//! An incident matches when every filter that is set holds: it names the service; it touches the
//! region (an incident without regions is everywhere); its origin is the one asked; its worst
//! level over its life is at least the impact asked (`Unknown` only matches `unknown`); and the
//! search text, case-insensitively, is in its id, title or an update's text. The result is newest
//! first.
//!
//! Announcements follow the service and the search (in their id, title, tags or text); region,
//! origin and impact say nothing about a notice and leave them all.

use super::view_state::IncidentFilters;
use crate::model::{Incident, Level, Snapshot, TimeMs};

/// The worst level `incident` reached (its first impact or any update's).
pub fn worst_level(incident: &Incident) -> Level {
    let known = |l: Level| if l == Level::Unknown { None } else { Some(l) };
    std::iter::once(incident.impact)
        .chain(incident.updates.iter().filter_map(|u| u.impact))
        .filter_map(known)
        .max()
        .unwrap_or(incident.impact)
}

impl IncidentFilters {
    pub fn matches(&self, incident: &Incident) -> bool {
        let service = self.service.as_ref().is_none_or(|s| incident.services.iter().any(|x| x == s));
        let region = self.region.as_ref().is_none_or(|r| incident.affects_region(r));
        let origin = self.origin.is_none_or(|o| incident.origin == o);
        let impact = self.impact.is_none_or(|wanted| match wanted {
            Level::Unknown => incident.impact == Level::Unknown,
            wanted => worst_level(incident) >= wanted && worst_level(incident) != Level::Unknown,
        });
        let text = self.needle().is_none_or(|q| {
            incident.id.to_lowercase().contains(&q)
                || incident.title.to_lowercase().contains(&q)
                || incident.updates.iter().any(|u| u.text.to_lowercase().contains(&q))
        });
        service && region && origin && impact && text
    }

    /// The search text, lowercased, when there is one.
    fn needle(&self) -> Option<String> {
        self.search.as_ref().map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty())
    }

    /// Indices into `snapshot.announcements` of the matching announcements, newest first.
    pub fn announcements(&self, snapshot: &Snapshot) -> Vec<usize> {
        let needle = self.needle();
        let mut found = Vec::new();
        for (i, a) in snapshot.announcements.iter().enumerate().rev() {
            let service = self.service.as_ref().is_none_or(|s| a.services.contains(s));
            let has = |t: &String| needle.as_ref().is_none_or(|q| t.to_lowercase().contains(q));
            if service && (has(&a.id) || has(&a.title) || has(&a.text) || a.tags.iter().any(has)) {
                found.push(i);
            }
        }
        found
    }

    /// Indices into `snapshot.incidents` of the matching incidents, newest first.
    pub fn apply(&self, snapshot: &Snapshot) -> Vec<usize> {
        // Newest first, equal starts in file order: sorted by the start's negation.
        let mut found: Vec<(TimeMs, usize)> = snapshot
            .incidents
            .iter()
            .enumerate()
            .filter(|(_, i)| self.matches(i))
            .map(|(index, i)| (i.start_ms.saturating_neg(), index))
            .collect();
        crate::model::sort_by_time(&mut found, |(negated_start_ms, _)| *negated_start_ms);
        found.into_iter().map(|(_, index)| index).collect()
    }
}

/// Rows on one page of a long table (incidents, services): the page never draws more.
pub const PAGE_ROWS: usize = 100;

/// Page `page` of a table of `total_rows`, clamped to the last page: its number and the indices
/// of its rows. A table with no rows has one empty page.
pub fn page_of(total_rows: usize, page: usize) -> (usize, std::ops::Range<usize>) {
    let last = total_rows.saturating_sub(1) / PAGE_ROWS;
    let shown = page.min(last);
    let start = shown * PAGE_ROWS;
    (shown, start..total_rows.min(start + PAGE_ROWS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Announcement, IncidentUpdate, Origin};

    fn incident(
        id: &str,
        services: &[&str],
        regions: &[&str],
        origin: Origin,
        impact: Level,
        start_ms: i64,
    ) -> Incident {
        Incident {
            id: id.into(),
            services: services.iter().map(|s| s.to_string()).collect(),
            regions: regions.iter().map(|s| s.to_string()).collect(),
            origin,
            ..Incident::for_test("any", impact, start_ms, Some(start_ms + 60_000))
        }
    }

    #[test]
    fn every_filter_narrows_and_results_are_newest_first() {
        let mut dns = incident("INC-1", &["email"], &["na"], Origin::ThirdParty, Level::Degraded, 100);
        dns.title = "Mail delayed".into();
        dns.updates.push(IncidentUpdate {
            at_ms: 150,
            status: crate::model::IncidentStatus::Identified,
            text: "A DNS provider fails".into(),
            impact: Some(Level::Major),
        });
        let snapshot = Snapshot {
            incidents: vec![
                dns,
                incident("INC-2", &["email", "chat"], &[], Origin::SelfOperated, Level::Partial, 300),
                incident("INC-3", &["chat"], &["eu"], Origin::SelfOperated, Level::Maintenance, 200),
            ],
            ..Snapshot::default()
        };
        let ids = |filters: IncidentFilters| -> Vec<String> {
            filters.apply(&snapshot).iter().map(|&i| snapshot.incidents[i].id.clone()).collect()
        };
        let cases: [(&str, IncidentFilters, &[&str]); 8] = [
            ("none, newest first", IncidentFilters::default(), &["INC-2", "INC-3", "INC-1"]),
            (
                "service",
                IncidentFilters { service: Some("email".into()), ..Default::default() },
                &["INC-2", "INC-1"],
            ),
            (
                "region (no regions is everywhere)",
                IncidentFilters { region: Some("na".into()), ..Default::default() },
                &["INC-2", "INC-1"],
            ),
            (
                "origin",
                IncidentFilters { origin: Some(Origin::ThirdParty), ..Default::default() },
                &["INC-1"],
            ),
            (
                "impact counts updates",
                IncidentFilters { impact: Some(Level::Major), ..Default::default() },
                &["INC-1"],
            ),
            (
                "impact at least partial",
                IncidentFilters { impact: Some(Level::Partial), ..Default::default() },
                &["INC-2", "INC-1"],
            ),
            (
                "search in updates, any case",
                IncidentFilters { search: Some("dns".into()), ..Default::default() },
                &["INC-1"],
            ),
            (
                "search in ids",
                IncidentFilters { search: Some(" inc-3 ".into()), ..Default::default() },
                &["INC-3"],
            ),
        ];
        for (label, filters, want) in cases {
            assert_eq!(ids(filters), want, "{label}");
        }
    }

    #[test]
    fn announcements_follow_the_service_and_the_search_newest_first() {
        let snapshot = Snapshot {
            announcements: vec![
                Announcement {
                    tags: vec!["Admin impact".into()],
                    ..Announcement::for_test("MC1", "email", 100)
                },
                Announcement { title: "Teams banners".into(), ..Announcement::for_test("MC2", "chat", 200) },
                Announcement {
                    text: "Basic auth retires".into(),
                    ..Announcement::for_test("MC3", "email", 300)
                },
            ],
            ..Snapshot::default()
        };
        let ids = |filters: IncidentFilters| -> Vec<&str> {
            filters.announcements(&snapshot).iter().map(|&i| snapshot.announcements[i].id.as_str()).collect()
        };
        assert_eq!(ids(IncidentFilters::default()), ["MC3", "MC2", "MC1"], "all, newest first");
        let email = IncidentFilters { service: Some("email".into()), ..Default::default() };
        assert_eq!(ids(email), ["MC3", "MC1"], "the service's");
        let search = |q: &str| IncidentFilters { search: Some(q.into()), ..Default::default() };
        assert_eq!(ids(search("ADMIN")), ["MC1"], "in tags, any case");
        assert_eq!(ids(search("banners")), ["MC2"], "in titles");
        assert_eq!(ids(search("basic auth")), ["MC3"], "in text");
        assert_eq!(ids(search("mc2")), ["MC2"], "in ids");
        let narrowed = IncidentFilters {
            region: Some("eu".into()),
            origin: Some(Origin::ThirdParty),
            impact: Some(Level::Major),
            ..Default::default()
        };
        assert_eq!(ids(narrowed), ["MC3", "MC2", "MC1"], "region, origin and impact leave them all");
    }

    #[test]
    fn a_long_table_is_shown_a_hundred_rows_at_a_time() {
        assert_eq!(page_of(50_000, 0), (0, 0..100), "the first page");
        assert_eq!(page_of(50_000, 1), (1, 100..200), "the second");
        assert_eq!(page_of(50_000, 499), (499, 49_900..50_000), "the last");
        assert_eq!(page_of(50_000, 900), (499, 49_900..50_000), "past the end: the last");
        assert_eq!(page_of(250, 2), (2, 200..250), "a short last page");
        assert_eq!(page_of(100, 1), (0, 0..100), "exactly one page");
        assert_eq!(page_of(0, 3), (0, 0..0), "no rows");
    }
}
