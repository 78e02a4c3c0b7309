//! Collected history from a real Statuspage feed that lists only its 50 most recent incidents:
//! merged run after run, it keeps every incident the feed ever listed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::history::{layout, merge};
use nines::ingest::{self, Format};
use nines::model::{Coverage, IncidentStatus, Snapshot, Span};

#[path = "support/rotating_feed.rs"]
mod rotating_feed;
use rotating_feed::{feed, FEED_SIZE, PER_RUN};

const MIN: i64 = 60_000;

/// Ten runs, each covering the five minutes before its feed's as-of.
fn ten_runs() -> Snapshot {
    let mut history = Snapshot::default();
    for run in 0..10 {
        let parsed = ingest::parse(&feed(run), Some(Format::Statuspage)).expect("feed parses");
        assert_eq!(parsed.snapshot.incidents.len(), FEED_SIZE, "run {run}: the feed lists 50");
        let mut snapshot = parsed.snapshot;
        snapshot.coverage = Coverage::from(Span::new(snapshot.as_of_ms - 5 * MIN, snapshot.as_of_ms));
        merge(&mut history, snapshot);
    }
    history
}

#[test]
fn a_rotating_fifty_incident_feed_keeps_every_incident_it_ever_listed() {
    let history = ten_runs();
    let want: Vec<String> = (0..FEED_SIZE + 9 * PER_RUN).map(rotating_feed::id).collect();
    let got: Vec<String> = history.incidents.iter().map(|i| i.id.clone()).collect();
    assert_eq!(got, want, "95 incidents, oldest first");
    // The newest of each run was open with one update; the next run resolved it with all.
    let real = ingest::parse(
        include_str!("fixtures/statuspage/emma_incidents_2019_local-offsets.json"),
        Some(Format::Statuspage),
    )
    .unwrap();
    // Incident n is template n mod 22 of the capture, which lists newest first.
    let mut templates = real.snapshot.incidents;
    templates.sort_by_key(|i| std::cmp::Reverse(i.start_ms));
    let template_updates = |n: usize| templates[n % templates.len()].updates.len();
    for (n, incident) in history.incidents.iter().enumerate().take(FEED_SIZE + 8 * PER_RUN) {
        assert_eq!(incident.status, IncidentStatus::Resolved, "{}: resolved", incident.id);
        assert_eq!(incident.updates.len(), template_updates(n), "{}: every update", incident.id);
    }
    let newest = history.incidents.last().unwrap();
    assert_eq!((newest.end_ms, newest.updates.len()), (None, 1), "the last run's newest is still open");

    // Coverage is exactly the ten observed five-minute spans, a week apart.
    assert_eq!(history.coverage.spans().len(), 10);
    assert_eq!(history.coverage.total_ms(), 50 * MIN);

    // Shards put it back together, and the same run again changes nothing.
    let parts = layout::shards(&history);
    assert_eq!(layout::join(parts.into_iter().map(|(_, s)| s)), history, "shards join back");
    let mut again = history.clone();
    let mut last = ingest::parse(&feed(9), Some(Format::Statuspage)).unwrap().snapshot;
    last.coverage = Coverage::from(Span::new(last.as_of_ms - 5 * MIN, last.as_of_ms));
    merge(&mut again, last);
    assert_eq!(again, history, "idempotent");
}
