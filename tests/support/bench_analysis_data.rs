//! Deterministic input and the measured work of the analysis benchmarks (shared by the native and
//! the browser runs):
//!
//! - 50 services × 90 days of one-minute samples, and every figure the dashboard draws for each;
//! - the composite replay of a 20-service dependency graph over a year of incidents.

use nines::analysis::{
    buckets, overview, rolling_availability, slo_report, summary_of, Availability, BucketSize, Composite,
    Profile, Replay, ServiceProfiles, SloWindow, Weights,
};
use nines::chart;
use nines::model::{
    Dependency, Incident, IncidentStatus, Level, Origin, RedundantGroup, Samples, Series, Service, Slo,
    Snapshot, Span, TimeMs, MS_PER_DAY, MS_PER_MINUTE,
};

/// 2026-11-29T00:00:00Z.
pub const AS_OF_MS: TimeMs = 1_795_910_400_000;
pub const SERVICES: usize = 50;
pub const DAYS: i64 = 90;
pub const SAMPLES_PER_SERVICE: usize = (DAYS * MS_PER_DAY / MS_PER_MINUTE) as usize; // 129,600

/// The snapshot and what the generator wrote into it, counted as it wrote it.
pub struct Generated {
    pub snapshot: Snapshot,
    /// Samples written as 0.0 (one down minute each), over all services.
    pub down_minutes: u64,
    /// Samples written as NaN (one unknown minute each), over all services.
    pub unknown_minutes: u64,
}

/// xorshift64 from `seed` (non-zero): deterministic, no dependency.
fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

fn service(id: String) -> Service {
    Service {
        name: format!("Service {id}"),
        id,
        group: None,
        regions: Vec::new(),
        tags: Vec::new(),
        // Three nines over 30 days: the services table shows each one's budget left.
        slo: Some(Slo { target_ratio: 0.999, window_days: 30 }),
        coverage: None,
    }
}

/// `SERVICES` services, each with one regular series of `SAMPLES_PER_SERVICE` one-minute samples
/// ending at `AS_OF_MS`: mostly 1.0, with outages (runs of 0.0, 1–60 minutes, about three a week)
/// and a few gaps (runs of NaN, 1–30 minutes, about one a month). Coverage is the 90 days.
pub fn snapshot() -> Generated {
    let coverage = Span::new(AS_OF_MS - DAYS * MS_PER_DAY, AS_OF_MS);
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    let (mut down_minutes, mut unknown_minutes) = (0u64, 0u64);
    let mut services = Vec::with_capacity(SERVICES);
    let mut series = Vec::with_capacity(SERVICES);
    for s in 0..SERVICES {
        let mut up_ratio = Vec::with_capacity(SAMPLES_PER_SERVICE);
        while up_ratio.len() < SAMPLES_PER_SERVICE {
            let r = next();
            // About 3 outages a week: one chance in 3,360 per minute.
            let (value, run) = if r.is_multiple_of(3_360) {
                (0.0f32, 1 + (next() % 60) as usize)
            } else if r % 43_200 == 1 {
                (f32::NAN, 1 + (next() % 30) as usize)
            } else {
                (1.0, 1)
            };
            let run = run.min(SAMPLES_PER_SERVICE - up_ratio.len());
            if value == 0.0 {
                down_minutes += run as u64;
            } else if value.is_nan() {
                unknown_minutes += run as u64;
            }
            up_ratio.extend(std::iter::repeat_n(value, run));
        }
        services.push(service(format!("s{s}")));
        series.push(Series {
            service: format!("s{s}"),
            region: None,
            samples: Samples::Regular { start_ms: coverage.start_ms, step_ms: MS_PER_MINUTE, up_ratio },
            latency_ms: Vec::new(),
        });
    }
    let snapshot = Snapshot {
        title: "bench-analysis".into(),
        as_of_ms: AS_OF_MS,
        coverage: coverage.into(),
        services,
        series,
        ..Snapshot::default()
    };
    Generated { snapshot, down_minutes, unknown_minutes }
}

/// Figures derived from every result of [`analyse_all`], so that none of the work can be skipped.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Checksum {
    /// Σ availability ratio over every service and window (24 h, 7 d, 30 d, 90 d).
    pub availability_sum: f64,
    /// Σ downtime over 90 days, in minutes, over every service.
    pub down_minutes_90d: f64,
    /// Σ counted time over 90 days, in minutes, over every service.
    pub counted_minutes_90d: f64,
    /// Σ of the rolling 30-day curve's values (gaps count 0), over every service.
    pub curve_sum: f64,
    pub curve_points: usize,
    /// Σ daily bucket downtime, in minutes, over every service.
    pub bucket_down_minutes: f64,
    pub buckets: usize,
}

pub const CURVE_POINTS: usize = 1920;
pub const WINDOWS_DAYS: [f64; 4] = [1.0, 7.0, 30.0, 90.0];

/// The measured work, for every service of `snapshot`: its profile from samples, availability
/// over 24 h, 7 d, 30 d and 90 d, a rolling 30-day curve over the 90 days with `CURVE_POINTS`
/// points, and the 90 daily buckets (UTC).
pub fn analyse_all(snapshot: &Snapshot) -> Checksum {
    let end = snapshot.as_of_ms;
    let span = Span::new(end - DAYS * MS_PER_DAY, end);
    let minute = MS_PER_MINUTE as f64;
    let mut sum = Checksum::default();
    for service in &snapshot.services {
        let Some(profile) = Profile::from_samples(snapshot, &service.id, None, 0) else { continue };
        for days in WINDOWS_DAYS {
            let window = Span::new(end - (days * MS_PER_DAY as f64) as i64, end);
            let a = Availability::of_profile(&profile, window);
            sum.availability_sum += a.availability_ratio.unwrap_or(0.0);
            if days == 90.0 {
                sum.down_minutes_90d += a.downtime_ms / minute;
                sum.counted_minutes_90d += a.counted_ms as f64 / minute;
            }
        }
        let curve = rolling_availability(&profile, 30 * MS_PER_DAY, span, CURVE_POINTS);
        sum.curve_points += curve.len();
        sum.curve_sum += curve.iter().map(|(_, a)| a.unwrap_or(0.0)).sum::<f64>();
        let days = buckets(&profile, span, BucketSize::Day, 0);
        sum.buckets += days.len();
        sum.bucket_down_minutes += days.iter().map(|b| b.downtime_minutes()).sum::<f64>();
    }
    sum
}

/// What the dashboard draws right after a load, counted to check it: the overview's 90-day
/// downtime over all services, and how many summaries, budgets, timeline rows, bars, burn-down
/// and curve points.
#[derive(Debug, Default)]
pub struct AfterLoad {
    pub down_minutes_90d: f64,
    pub summaries: usize,
    pub budgets: usize,
    pub timeline_rows: usize,
    pub bars: usize,
    pub burndown_points: usize,
    pub curve_points: usize,
    pub pyramid_samples: usize,
}

/// What the dashboard computes after a load of the overview: one profile per service
/// (`ServiceProfiles`) shared by the overview (here over 90 days, to check it against the
/// generator), the summary table, each service's budget left and 90 daily bars, the burn-down of
/// the first (480 points) and the 24-hour curve of its series (1,800 columns); the outage
/// timeline of every service over the 90 days; and the first series' probe-sample pyramid.
pub fn after_load(snapshot: &Snapshot) -> AfterLoad {
    let window = Span::new(snapshot.as_of_ms - DAYS * MS_PER_DAY, snapshot.as_of_ms);
    let profiles = ServiceProfiles::new(snapshot, &Weights::STRICT);
    let overview = overview(snapshot, DAYS * MS_PER_DAY, &profiles);
    let summary = summary_of(snapshot, &profiles);
    let timeline = chart::timeline_spec(snapshot, window, 1.0, false, None);
    // Per service, as the services table (`budget_left`) and the bars panel do.
    let (mut budgets, mut bars) = (0, 0);
    for (service, profile) in snapshot.services.iter().zip(profiles.iter()) {
        if let Some(slo) = service.slo {
            let window = SloWindow::Rolling { days: slo.window_days };
            let report = slo_report(profile, slo.target_ratio, window, snapshot.as_of_ms);
            budgets += usize::from(report.budget_remaining_ratio.is_some());
        }
        let service_id = (service.id.as_str(), None);
        bars += chart::uptime_bars_of_profile(snapshot, service_id, profile, snapshot.as_of_ms, 90, 0, 1.0)
            .bars
            .len();
    }
    let (Some(service), Some(series)) = (snapshot.services.first(), snapshot.series.first()) else {
        return AfterLoad::default();
    };
    let burndown = match (service.slo, profiles.get(&service.id)) {
        (Some(slo), Some(profile)) => {
            let window = SloWindow::Rolling { days: slo.window_days };
            chart::burndown_spec(&service.id, profile, slo.target_ratio, window, snapshot.as_of_ms, 480, 1.0)
                .points
                .len()
        }
        _ => 0,
    };
    let curve = chart::CurveSource::new(snapshot, series, window, &profiles).spec(window, 1_800, 1.0);
    // As the probe chart reads a series (`ui::probe_panel`'s `sample_pyramid`).
    let values: Vec<f32> = series.samples.up_ratio().to_vec();
    let pyramid = match &series.samples {
        Samples::Regular { start_ms, step_ms, .. } => {
            chart::MinMaxPyramid::regular(*start_ms as f64, *step_ms as f64, values)
        }
        Samples::Irregular { times_ms, .. } => {
            chart::MinMaxPyramid::new(times_ms.iter().map(|t| *t as f64).collect::<Vec<_>>(), values)
        }
    };
    AfterLoad {
        down_minutes_90d: overview.services.iter().map(|s| s.availability.downtime_ms).sum::<f64>()
            / MS_PER_MINUTE as f64,
        summaries: summary.len(),
        budgets,
        timeline_rows: timeline.rows.len(),
        bars,
        burndown_points: burndown,
        curve_points: curve.points.len(),
        pyramid_samples: pyramid.len(),
    }
}

/// Panics unless `after` agrees with what the generator wrote.
pub fn check_after_load(generated: &Generated, after: &AfterLoad) {
    assert_eq!(
        after.down_minutes_90d, generated.down_minutes as f64,
        "overview's 90-day downtime: {after:?}"
    );
    let per_service = (after.summaries, after.budgets, after.timeline_rows, after.bars);
    assert_eq!(per_service, (SERVICES, SERVICES, SERVICES, SERVICES * 90), "{after:?}");
    let first = (after.burndown_points, after.curve_points, after.pyramid_samples);
    assert_eq!(first, (480, 1_800, SAMPLES_PER_SERVICE), "{after:?}");
}

/// Panics unless `sum` agrees with what the generator wrote: exact minute counts (every sample is
/// 0, 1 or NaN, so the sums are whole numbers of minutes, exact in `f64`).
pub fn check(generated: &Generated, sum: &Checksum) {
    let total = (SERVICES * SAMPLES_PER_SERVICE) as u64;
    assert_eq!(sum.down_minutes_90d, generated.down_minutes as f64, "90-day downtime: {sum:?}");
    assert_eq!(sum.bucket_down_minutes, generated.down_minutes as f64, "daily buckets' downtime: {sum:?}");
    assert_eq!(
        sum.counted_minutes_90d,
        (total - generated.unknown_minutes) as f64,
        "90-day counted time: {sum:?}"
    );
    assert_eq!(sum.curve_points, SERVICES * CURVE_POINTS);
    assert_eq!(sum.buckets, SERVICES * DAYS as usize);
    assert!(sum.availability_sum > 0.0 && sum.curve_sum > 0.0, "{sum:?}");
}

// ---------------------------------------------------------------------------------------------
// Composite replay of a dependency graph over a year of incidents.

pub const REPLAY_DAYS: i64 = 365;
/// Layers of the graph, top to bottom: 4 + 6 + 4 + 6 = 20 services.
pub const FRONT: usize = 4;
pub const MIDDLE: usize = 6;
pub const BACK: usize = 4;
pub const PROVIDERS: usize = 6;
pub const REPLAY_SERVICES: usize = FRONT + MIDDLE + BACK + PROVIDERS;
pub const REPLAY_INCIDENTS: usize = 1000;

/// The year ending at `AS_OF_MS`: coverage of the graph's snapshot and the replay's window.
pub fn replay_window() -> Span {
    Span::new(AS_OF_MS - REPLAY_DAYS * MS_PER_DAY, AS_OF_MS)
}

/// 20 services in layers: front `f0`–`f3` each require 2–3 middle services (`m*`) and at least
/// `k` of a redundant group of providers (`p*`, 1 of 2 or 2 of 3); middle services each require
/// 1–2 of the shared back-end services (`b*`); back ends and providers depend on nothing.
/// Coverage is the year ending at `AS_OF_MS`, with `REPLAY_INCIDENTS` resolved incidents over it
/// (major or partial, 5 min – 6 h, at random times on random services; about one in five names
/// two services, about one in four is third-party).
pub fn dependency_snapshot() -> Snapshot {
    let coverage = replay_window();
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
    let ids: Vec<String> = (0..FRONT)
        .map(|i| format!("f{i}"))
        .chain((0..MIDDLE).map(|i| format!("m{i}")))
        .chain((0..BACK).map(|i| format!("b{i}")))
        .chain((0..PROVIDERS).map(|i| format!("p{i}")))
        .collect();
    // `n` distinct indices of 0..len, in random order.
    let mut pick = |n: usize, len: usize| -> Vec<usize> {
        let mut all: Vec<usize> = (0..len).collect();
        for i in 0..n {
            let j = i + (next() % (len - i) as u64) as usize;
            all.swap(i, j);
        }
        all.truncate(n);
        all
    };
    let mut dependencies = Vec::with_capacity(FRONT + MIDDLE);
    for f in 0..FRONT {
        let middles = pick(2 + f % 2, MIDDLE);
        let (k, n) = if f % 2 == 0 { (1, 2) } else { (2, 3) };
        let providers = pick(n, PROVIDERS);
        dependencies.push(Dependency {
            service: format!("f{f}"),
            requires: middles.into_iter().map(|m| format!("m{m}")).collect(),
            redundant: vec![RedundantGroup {
                k,
                of: providers.into_iter().map(|p| format!("p{p}")).collect(),
            }],
        });
    }
    for m in 0..MIDDLE {
        let backs = pick(1 + m % 2, BACK);
        dependencies.push(Dependency {
            service: format!("m{m}"),
            requires: backs.into_iter().map(|b| format!("b{b}")).collect(),
            redundant: Vec::new(),
        });
    }
    let mut next = xorshift(0xD1B5_4A32_D192_ED03);
    let longest = 6 * 60 * MS_PER_MINUTE;
    let incidents = (0..REPLAY_INCIDENTS)
        .map(|i| {
            let start_ms = coverage.start_ms + (next() % (coverage.duration_ms() - longest) as u64) as i64;
            // 5 min – 6 h, to the second.
            let duration_ms =
                5 * MS_PER_MINUTE + (next() % ((longest - 5 * MS_PER_MINUTE) / 1000) as u64) as i64 * 1000;
            let first = (next() % REPLAY_SERVICES as u64) as usize;
            let mut services = vec![ids[first].clone()];
            if next().is_multiple_of(5) {
                let second = (first + 1 + (next() % (REPLAY_SERVICES as u64 - 1)) as usize) % REPLAY_SERVICES;
                services.push(ids[second].clone());
            }
            Incident {
                id: format!("INC{i:04}"),
                title: format!("Incident {i}"),
                impact: if next().is_multiple_of(3) { Level::Major } else { Level::Partial },
                source_impact: None,
                status: IncidentStatus::Resolved,
                origin: if next().is_multiple_of(4) { Origin::ThirdParty } else { Origin::SelfOperated },
                services,
                regions: Vec::new(),
                start_ms,
                end_ms: Some(start_ms + duration_ms),
                updates: Vec::new(),
                links: Vec::new(),
            }
        })
        .collect();
    Snapshot {
        title: "bench-dependency-replay".into(),
        as_of_ms: AS_OF_MS,
        coverage: coverage.into(),
        services: ids.into_iter().map(service).collect(),
        incidents,
        dependencies,
        ..Snapshot::default()
    }
}

/// The measured work: the replay over the year (each service's own timeline from its incidents)
/// and every service's composite through the graph.
pub fn replay_all(snapshot: &Snapshot) -> Vec<Composite> {
    Replay::new(snapshot, &Weights::STRICT, replay_window()).composites().expect("the graph has no cycle")
}

/// Panics unless the composites are sane: one per service, every ratio known and in 0..=1, no
/// composite above the service's own (inheriting failures can only lower availability), services
/// without dependencies exactly their own, and every front service strictly below its own.
pub fn check_replay(snapshot: &Snapshot, composites: &[Composite]) {
    assert_eq!(composites.len(), REPLAY_SERVICES, "{composites:?}");
    for c in composites {
        let (Some(own), Some(composite), Some(estimate)) = (c.own_ratio, c.composite_ratio, c.static_ratio)
        else {
            panic!("a ratio is missing: {c:?}");
        };
        for r in [own, composite, estimate] {
            assert!((0.0..=1.0).contains(&r), "ratio out of 0..=1: {c:?}");
        }
        assert!(own < 1.0, "every service has incidents: {c:?}");
        assert!(composite <= own + 1e-12, "composite above own: {c:?}");
        assert!(c.inherited_down_ms >= 0.0, "{c:?}");
        let has_dependencies = snapshot.dependencies.iter().any(|d| d.service == c.service);
        if !has_dependencies {
            assert_eq!(c.composite_ratio, c.own_ratio, "no dependencies: composite is own: {c:?}");
            assert_eq!(c.inherited_down_ms, 0.0, "{c:?}");
        }
        if c.service.starts_with('f') {
            assert!(composite < own && c.inherited_down_ms > 0.0, "a front service inherits nothing: {c:?}");
        }
    }
}
