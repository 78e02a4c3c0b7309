//! Deterministic input and the measured work of the history benchmark: a collector's 5-year
//! history (10,000 incidents with three updates each; 50 probes sampled every minute over the
//! last 90 days, as probes write them: irregular samples with a latency; coverage with a gap a
//! week) and one run's worth of new data (a 50-incident feed, half of it already known and
//! updated, and one sample per probe).

use nines::history::{layout, merge};
use nines::model::{
    Coverage, Incident, IncidentStatus, IncidentUpdate, Level, Origin, Samples, Series, Service, Snapshot,
    Span, TimeMs, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE,
};

/// 2026-11-29T00:00:00Z.
pub const AS_OF_MS: TimeMs = 1_795_910_400_000;
pub const INCIDENTS: usize = 10_000;
pub const PROBES: usize = 50;
pub const SAMPLE_DAYS: i64 = 90;
pub const SAMPLES_PER_PROBE: usize = (SAMPLE_DAYS * MS_PER_DAY / MS_PER_MINUTE) as usize; // 129,600
const YEARS_MS: i64 = 5 * 365 * MS_PER_DAY;

fn incident(n: usize, start_ms: TimeMs, resolved: bool) -> Incident {
    let update =
        |at_ms, status, text: &str| IncidentUpdate { at_ms, status, text: text.into(), impact: None };
    let mut updates = vec![
        update(start_ms, IncidentStatus::Investigating, "We are investigating reports of errors."),
        update(start_ms + 20 * MS_PER_MINUTE, IncidentStatus::Identified, "The cause is identified."),
    ];
    if resolved {
        updates.push(update(start_ms + 45 * MS_PER_MINUTE, IncidentStatus::Resolved, "Resolved."));
    }
    Incident {
        id: format!("inc{n:05}"),
        title: format!("Incident {n}"),
        impact: if n.is_multiple_of(3) { Level::Major } else { Level::Partial },
        source_impact: None,
        status: if resolved { IncidentStatus::Resolved } else { IncidentStatus::Identified },
        origin: Origin::Unknown,
        services: vec![format!("svc{:02}", n % PROBES)],
        regions: Vec::new(),
        start_ms,
        end_ms: resolved.then_some(start_ms + 45 * MS_PER_MINUTE),
        updates,
        links: Vec::new(),
    }
}

/// When incident `n` of the history started: evenly over the 5 years.
fn start_of(n: usize) -> TimeMs {
    AS_OF_MS - YEARS_MS + (n as i64) * (YEARS_MS / INCIDENTS as i64)
}

/// The 5-year history.
pub fn history() -> Snapshot {
    let services = (0..PROBES)
        .map(|i| Service {
            id: format!("svc{i:02}"),
            name: format!("Service {i}"),
            group: None,
            regions: vec!["eu".into()],
            tags: Vec::new(),
            slo: None,
            coverage: None,
        })
        .collect();
    let incidents = (0..INCIDENTS).map(|n| incident(n, start_of(n), true)).collect();
    let first_ms = AS_OF_MS - SAMPLE_DAYS * MS_PER_DAY;
    let series = (0..PROBES)
        .map(|i| {
            let times_ms: Vec<TimeMs> =
                (0..SAMPLES_PER_PROBE as i64).map(|k| first_ms + k * MS_PER_MINUTE).collect();
            let up_ratio =
                (0..SAMPLES_PER_PROBE).map(|k| if (k + i).is_multiple_of(997) { 0.0 } else { 1.0 }).collect();
            let latency_ms = (0..SAMPLES_PER_PROBE).map(|k| 20.0 + ((k * 7 + i) % 50) as f32).collect();
            Series {
                service: format!("svc{i:02}"),
                region: Some("eu".into()),
                samples: Samples::Irregular { times_ms, up_ratio },
                latency_ms,
            }
        })
        .collect();
    // Observed every day up to as-of but a two-hour outage of the collector each week.
    let weeks = (YEARS_MS + 7 * MS_PER_DAY - 1) / (7 * MS_PER_DAY);
    let coverage = Coverage::new(
        (0..weeks)
            .map(|w| {
                let week_ms = AS_OF_MS - YEARS_MS + w * 7 * MS_PER_DAY;
                Span::new(week_ms + 2 * MS_PER_HOUR, (week_ms + 7 * MS_PER_DAY).min(AS_OF_MS))
            })
            .collect(),
    );
    Snapshot {
        title: "Five years".into(),
        as_of_ms: AS_OF_MS,
        coverage,
        services,
        incidents,
        series,
        ..Snapshot::default()
    }
}

/// One run five minutes after the history: a 50-incident feed (the 25 latest known ones, the
/// last of them resolved only now, and 25 new ones, the newest open) and a sample per probe.
pub fn run() -> Snapshot {
    let now_ms = AS_OF_MS + 5 * MS_PER_MINUTE;
    let known = (INCIDENTS - 25..INCIDENTS).map(|n| incident(n, start_of(n), true));
    let new =
        (INCIDENTS..INCIDENTS + 25).map(|n| incident(n, now_ms - 60 * MS_PER_MINUTE, n + 1 < INCIDENTS + 25));
    let series = (0..PROBES)
        .map(|i| Series {
            service: format!("svc{i:02}"),
            region: Some("eu".into()),
            samples: Samples::Irregular { times_ms: vec![now_ms], up_ratio: vec![1.0] },
            latency_ms: vec![25.0],
        })
        .collect();
    Snapshot {
        as_of_ms: now_ms,
        coverage: Span::new(now_ms - 5 * MS_PER_MINUTE, now_ms).into(),
        incidents: known.chain(new).collect(),
        series,
        ..Snapshot::default()
    }
}

/// The collector's pure work in one run: the folder's shards joined into the history, the run
/// merged in, and the history split again into shards and the index.
pub fn collect_run(
    shards: Vec<Snapshot>,
    run: Snapshot,
) -> (Snapshot, Vec<(String, Snapshot)>, layout::Index) {
    let mut history = layout::join(shards);
    merge(&mut history, run);
    let shards = layout::shards(&history);
    let months = shards.iter().map(|(m, _)| m.clone()).collect();
    let index = layout::index(&history, months, &nines::analysis::Weights::STRICT);
    (history, shards, index)
}

/// What every timed run must give.
pub fn check(history: &Snapshot, shards: &[(String, Snapshot)], index: &layout::Index) {
    assert_eq!(history.incidents.len(), INCIDENTS + 25, "incidents");
    let samples: usize = history.series.iter().map(|s| s.samples.len()).sum();
    assert_eq!(samples, PROBES * (SAMPLES_PER_PROBE + 1), "samples");
    assert!(shards.len() >= 60, "a shard a month over 5 years: {}", shards.len());
    assert_eq!(index.daily.len(), PROBES, "a daily row per service");
    assert!(history.coverage.spans().len() > 250, "coverage keeps its gaps");
}
