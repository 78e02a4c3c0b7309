//! A service's history as running totals, so that any window's figures cost O(log n) or O(1).
//!
//! A [`Profile`] holds, for one service (in one region, or everywhere), three running totals over
//! time: weighted downtime, counted time and known time. The figures of a window are the
//! differences of the totals at its two ends, which makes availability over any window, rolling
//! curves at any resolution and daily or hourly buckets all linear in the data plus the output.
//!
//! - **Known** time has data: it is inside the coverage and not `Unknown`.
//! - **Counted** time is known time that enters the availability's denominator: known time minus
//!   maintenance, unless the weights count maintenance.
//! - **Downtime** is counted time times the weight of its level (from incidents) or times
//!   `1 − up-ratio` (from samples).
//!
//! A profile is built from incidents ([`Profile::from_incidents`]) or from probe samples
//! ([`Profile::from_samples`]); [`Profile::for_service`] picks the basis the overview uses. A
//! service measured by several series (one per region) has one part per series; figures add up
//! across parts and coverage is the known share of `window × parts`.
//!
//! The weights' grace period ([`Weights::grace_ms`]) is applied here, so every figure that reads
//! a profile agrees: a run of downtime (steps or samples with any down share, one after another)
//! shorter than the grace, with up time right before and right after it, counts as up. A run
//! that touches unknown time, maintenance left out or the edge of the data is kept: its length
//! is not known.

use std::sync::Arc;

use super::segments::level_segments;
use super::Weights;
use crate::model::{union, Level, Samples, Series, Snapshot, Span, TimeMs};

/// What a profile was computed from: the service's incidents when its source publishes any,
/// otherwise its probe samples (Upptime, Prometheus and Uptime Kuma publish only samples).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Incidents,
    Samples,
}

/// Downtime, counted and known time, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    pub down_ms: f64,
    pub counted_ms: f64,
    pub known_ms: f64,
}

impl Totals {
    fn add(self, o: Totals) -> Totals {
        Totals {
            down_ms: self.down_ms + o.down_ms,
            counted_ms: self.counted_ms + o.counted_ms,
            known_ms: self.known_ms + o.known_ms,
        }
    }

    /// The totals of `[b, a)` from those of `(−∞, a)` (self) and `(−∞, b)` (`o`).
    pub fn minus(&self, o: &Totals) -> Totals {
        Totals {
            down_ms: self.down_ms - o.down_ms,
            counted_ms: self.counted_ms - o.counted_ms,
            known_ms: self.known_ms - o.known_ms,
        }
    }

    /// 1 − downtime / counted time; `None` without counted time (never 100 % by default).
    pub fn availability_ratio(&self) -> Option<f64> {
        (self.counted_ms > 0.0).then(|| 1.0 - self.down_ms / self.counted_ms)
    }
}

/// A stretch of time at constant rates: the share of it that is down (0..1, of counted time),
/// whether it is counted and whether it is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub span: Span,
    pub down_ratio: f64,
    pub counted: bool,
    pub known: bool,
}

impl Step {
    fn totals(&self, duration_ms: f64) -> Totals {
        let counted_ms = if self.counted { duration_ms } else { 0.0 };
        Totals {
            down_ms: self.down_ratio * counted_ms,
            counted_ms,
            known_ms: if self.known { duration_ms } else { 0.0 },
        }
    }
}

#[derive(Clone, Debug)]
enum Part {
    /// Sorted, disjoint steps; time between them is unknown. `before[i]` is the total of steps `..i`.
    Steps { steps: Vec<Step>, before: Vec<Totals> },
    /// A regular series: its own copy of the samples (4 bytes each, so that the profile outlives
    /// the snapshot and can be shared) and running sums at the start of each block of
    /// [`SUM_BLOCK`] samples. The totals up to a sample are its block's sums plus the block's
    /// samples before it.
    Regular {
        start_ms: TimeMs,
        step_ms: i64,
        up_ratio: Vec<f32>,
        /// `down_before[b]`: Σ (1 − up) over the known samples `..b · SUM_BLOCK`.
        down_before: Vec<f64>,
        /// `known_before[b]`: the number of known samples `..b · SUM_BLOCK`.
        known_before: Vec<u32>,
    },
}

/// Samples per block of a regular part's running sums: 12 bytes of sums per 64 samples instead
/// of per sample, for at most 63 samples added per lookup.
const SUM_BLOCK: usize = 64;

impl Part {
    fn steps(steps: Vec<Step>) -> Part {
        let mut before = Vec::with_capacity(steps.len() + 1);
        let mut total = Totals::default();
        before.push(total);
        for step in &steps {
            total = total.add(step.totals(step.span.duration_ms() as f64));
            before.push(total);
        }
        Part::Steps { steps, before }
    }

    fn regular(start_ms: TimeMs, step_ms: i64, up_ratio: &[f32]) -> Part {
        let blocks = up_ratio.len() / SUM_BLOCK + 1;
        let (mut down_before, mut known_before) = (Vec::with_capacity(blocks), Vec::with_capacity(blocks));
        let (mut down, mut known) = (0.0f64, 0u32);
        down_before.push(down);
        known_before.push(known);
        for block in up_ratio.chunks_exact(SUM_BLOCK) {
            (down, known) = add_samples(block, (down, known));
            down_before.push(down);
            known_before.push(known);
        }
        Part::Regular {
            start_ms,
            step_ms: step_ms.max(1),
            up_ratio: up_ratio.to_vec(),
            down_before,
            known_before,
        }
    }

    /// The totals over `(−∞, t_ms)`.
    fn until(&self, t_ms: TimeMs) -> Totals {
        self.until_from(t_ms, &mut 0)
    }

    /// [`Part::until`], searching steps forward from `*cursor` and leaving it there for a later,
    /// larger `t_ms`: calls with ascending times walk the steps once.
    fn until_from(&self, t_ms: TimeMs, cursor: &mut usize) -> Totals {
        match self {
            Part::Steps { steps, before } => {
                // Binary search from the cursor: O(log n) per call, so a curve of any length over
                // a million steps costs O(points · log n). Times that go backwards search again.
                let ahead = steps.get(*cursor..).unwrap_or_default();
                *cursor += ahead.partition_point(|s| s.span.start_ms < t_ms);
                if *cursor > 0 && steps.get(*cursor - 1).is_some_and(|s| s.span.start_ms >= t_ms) {
                    *cursor = steps.partition_point(|s| s.span.start_ms < t_ms);
                }
                let i = *cursor;
                let Some(last) = i.checked_sub(1).and_then(|j| steps.get(j)) else {
                    return Totals::default();
                };
                let inside_ms = (t_ms.min(last.span.end_ms) - last.span.start_ms) as f64;
                let head = before.get(i - 1).copied().unwrap_or_default();
                head.add(last.totals(inside_ms))
            }
            Part::Regular { start_ms, step_ms, up_ratio, down_before, known_before } => {
                let n = up_ratio.len();
                let offset_ms = t_ms.saturating_sub(*start_ms);
                let i = offset_ms.div_euclid(*step_ms).clamp(0, n as i64) as usize;
                // The samples `..i`: the sums before i's block, plus the block's samples before i.
                let block = i / SUM_BLOCK;
                let sums = (
                    down_before.get(block).copied().unwrap_or(0.0),
                    known_before.get(block).copied().unwrap_or(0),
                );
                let (down, known) = add_samples(up_ratio.get(block * SUM_BLOCK..i).unwrap_or_default(), sums);
                let known_ms = f64::from(known) * *step_ms as f64;
                let head = Totals { down_ms: down * *step_ms as f64, counted_ms: known_ms, known_ms };
                // The part of sample i before t, when t falls inside the series.
                match up_ratio.get(i).filter(|v| !v.is_nan() && offset_ms >= 0) {
                    Some(&v) => {
                        let inside_ms = (offset_ms - i as i64 * step_ms) as f64;
                        let piece = Step {
                            span: Span::default(),
                            down_ratio: 1.0 - f64::from(v),
                            counted: true,
                            known: true,
                        };
                        head.add(piece.totals(inside_ms))
                    }
                    None => head,
                }
            }
        }
    }
}

/// Running totals of one service's downtime, counted and known time. See the module docs.
#[derive(Clone, Debug)]
pub struct Profile {
    parts: Vec<Part>,
    pub basis: Basis,
}

impl Profile {
    /// From the service's incidents, maintenance and coverage ([`Snapshot::coverage_of`]), with `weights`.
    /// Time inside the coverage without incident or maintenance is up; time in its gaps is unknown.
    pub fn from_incidents(
        snapshot: &Snapshot,
        service_id: &str,
        region: Option<&str>,
        weights: &Weights,
    ) -> Profile {
        // From the first covered instant to the last; the gaps between come back from
        // `level_segments` as `Unknown`, so they are neither counted nor known.
        let covered = snapshot.coverage_of(service_id).hull().unwrap_or_default();
        let segments = level_segments(snapshot, service_id, region, covered);
        let maintenance = union(
            snapshot
                .maintenances
                .iter()
                .filter(|m| m.touches(service_id, region))
                .filter_map(|m| m.span.intersect(&covered))
                .collect(),
        );
        let mut bounds: Vec<TimeMs> = segments
            .iter()
            .map(|s| s.span)
            .chain(maintenance.iter().copied())
            .flat_map(|s| [s.start_ms, s.end_ms])
            .chain([covered.start_ms, covered.end_ms])
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        let (mut seg, mut maint) = (segments.iter().peekable(), maintenance.iter().peekable());
        let mut steps: Vec<Step> = Vec::with_capacity(bounds.len());
        for pair in bounds.windows(2) {
            let span = Span::new(pair[0], pair[1]);
            // Segments and maintenance are sorted and disjoint: walk them alongside.
            while seg.peek().is_some_and(|s| s.span.end_ms <= span.start_ms) {
                seg.next();
            }
            while maint.peek().is_some_and(|m| m.end_ms <= span.start_ms) {
                maint.next();
            }
            let level =
                seg.peek().filter(|s| s.span.start_ms <= span.start_ms).map_or(Level::Ok, |s| s.level);
            let in_maintenance = maint.peek().is_some_and(|m| m.start_ms <= span.start_ms);
            let step = match (level, in_maintenance, weights.maintenance) {
                (Level::Unknown, _, _) => Step { span, down_ratio: 0.0, counted: false, known: false },
                (_, true, None) => Step { span, down_ratio: 0.0, counted: false, known: true },
                (_, true, Some(w)) => {
                    Step { span, down_ratio: w.max(weights.of(level)), counted: true, known: true }
                }
                (_, false, _) => Step { span, down_ratio: weights.of(level), counted: true, known: true },
            };
            match steps.last_mut() {
                Some(last)
                    if last.span.end_ms == span.start_ms && Step { span: last.span, ..step } == *last =>
                {
                    last.span.end_ms = span.end_ms;
                }
                _ => steps.push(step),
            }
        }
        forgive_blips(&mut steps, weights.grace_ms);
        Profile { parts: vec![Part::steps(steps)], basis: Basis::Incidents }
    }

    /// From the service's probe series (in `region`, or all); `None` when it has none.
    /// A regular sample covers its step; an irregular one stands until the next, but never longer
    /// than twice the series' median interval: a longer silence is unknown, not up. `NaN` samples
    /// are unknown. `grace_ms` is the weights' grace period (0 for none).
    pub fn from_samples(
        snapshot: &Snapshot,
        service_id: &str,
        region: Option<&str>,
        grace_ms: i64,
    ) -> Option<Profile> {
        let parts: Vec<Part> = snapshot
            .series
            .iter()
            .filter(|s| s.service == service_id && region.is_none_or(|r| s.region.as_deref() == Some(r)))
            .map(|s| match &s.samples {
                Samples::Regular { start_ms, step_ms, up_ratio } if grace_ms > 0 => {
                    let mut forgiven = up_ratio.clone();
                    let per_sample_ms = (*step_ms).max(1);
                    forgive_blip_samples(&mut forgiven, (grace_ms + per_sample_ms - 1) / per_sample_ms);
                    Part::regular(*start_ms, *step_ms, &forgiven)
                }
                Samples::Regular { start_ms, step_ms, up_ratio } => {
                    Part::regular(*start_ms, *step_ms, up_ratio)
                }
                Samples::Irregular { times_ms, up_ratio } => {
                    let mut steps = irregular_steps(times_ms, up_ratio);
                    forgive_blips(&mut steps, grace_ms);
                    Part::steps(steps)
                }
            })
            .collect();
        (!parts.is_empty()).then_some(Profile { parts, basis: Basis::Samples })
    }

    /// The profile the overview uses: from samples when the service has series and no incident
    /// names it, otherwise from incidents.
    pub fn for_service(
        snapshot: &Snapshot,
        service_id: &str,
        region: Option<&str>,
        weights: &Weights,
    ) -> Profile {
        let has_incidents = snapshot.incidents_of(service_id).next().is_some();
        let from_samples = if has_incidents {
            None
        } else {
            Profile::from_samples(snapshot, service_id, region, weights.grace_ms)
        };
        from_samples.unwrap_or_else(|| Profile::from_incidents(snapshot, service_id, region, weights))
    }

    /// The totals over `window`.
    pub fn totals(&self, window: Span) -> Totals {
        self.parts
            .iter()
            .map(|p| p.until(window.end_ms).minus(&p.until(window.start_ms)))
            .fold(Totals::default(), Totals::add)
    }

    /// The totals over `(−∞, t)` for each `t` of `times_ms`, which must be ascending: O(times ·
    /// log data) at most (O(times) for regular series), the cost of a curve or a run of buckets.
    pub fn totals_until(&self, times_ms: &[TimeMs]) -> Vec<Totals> {
        let mut out = vec![Totals::default(); times_ms.len()];
        for part in &self.parts {
            let mut cursor = 0usize;
            for (slot, &t_ms) in out.iter_mut().zip(times_ms) {
                *slot = slot.add(part.until_from(t_ms, &mut cursor));
            }
        }
        out
    }

    /// The most known time a window can hold: its length times the number of parts.
    pub fn possible_ms(&self, window: Span) -> f64 {
        window.duration_ms() as f64 * self.parts.len() as f64
    }

    /// How many series (or 1 for incidents) the profile adds up.
    pub fn part_count(&self) -> usize {
        self.parts.len()
    }

    /// Every part as steps, in time order per part (a regular series gives one step per sample,
    /// merging equal neighbours). For replaying and finding outages, not for window figures.
    pub fn parts_as_steps(&self) -> Vec<Vec<Step>> {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Steps { steps, .. } => steps.clone(),
                Part::Regular { start_ms, step_ms, up_ratio, .. } => {
                    let mut steps: Vec<Step> = Vec::new();
                    for (i, v) in up_ratio.iter().enumerate() {
                        let from_ms = start_ms + step_ms * i as i64;
                        let span = Span::new(from_ms, from_ms + step_ms);
                        let known = !v.is_nan();
                        let down_ratio = if known { 1.0 - f64::from(*v) } else { 0.0 };
                        let step = Step { span, down_ratio, counted: known, known };
                        match steps.last_mut() {
                            Some(last) if Step { span: last.span, ..step } == *last => {
                                last.span.end_ms = span.end_ms
                            }
                            _ => steps.push(step),
                        }
                    }
                    steps.retain(|s| s.known);
                    steps
                }
            })
            .collect()
    }
}

/// `(down, known)` plus the known samples of `up_ratio`: Σ (1 − up) and their count.
fn add_samples(up_ratio: &[f32], (mut down, mut known): (f64, u32)) -> (f64, u32) {
    for &v in up_ratio {
        if !v.is_nan() {
            down += 1.0 - f64::from(v);
            known += 1;
        }
    }
    (down, known)
}

/// Every service's [`Profile::for_service`] (everywhere, with one set of weights), in the
/// snapshot's order: built once per data and shared by every figure and chart that reads them
/// (the overview, the summary, the error budgets, the uptime bars, the burn-down and the curve).
#[derive(Clone, Debug, Default)]
pub struct ServiceProfiles {
    profiles: Vec<(String, Arc<Profile>)>,
    /// The weights' grace period, for the profiles built later ([`ServiceProfiles::of_series`]).
    grace_ms: i64,
}

impl ServiceProfiles {
    pub fn new(snapshot: &Snapshot, weights: &Weights) -> ServiceProfiles {
        let profiles = snapshot
            .services
            .iter()
            .map(|s| (s.id.clone(), Arc::new(Profile::for_service(snapshot, &s.id, None, weights))))
            .collect();
        ServiceProfiles { profiles, grace_ms: weights.grace_ms }
    }

    /// The profile of `service_id`; `None` for a service the snapshot did not hold.
    pub fn get(&self, service_id: &str) -> Option<&Arc<Profile>> {
        self.profiles.iter().find(|(id, _)| id == service_id).map(|(_, p)| p)
    }

    /// The profiles in the snapshot's order of services.
    pub fn iter(&self) -> impl Iterator<Item = &Profile> {
        self.profiles.iter().map(|(_, p)| p.as_ref())
    }

    /// The profile of `series`'s samples alone ([`Profile::from_samples`] in its region): the
    /// shared one when that is the same (its service is measured by samples, by this series
    /// only), otherwise built anew.
    pub fn of_series(&self, snapshot: &Snapshot, series: &Series) -> Option<Arc<Profile>> {
        let only_series = snapshot.series.iter().filter(|s| s.service == series.service).count() == 1;
        match self.get(&series.service) {
            Some(shared) if only_series && shared.basis == Basis::Samples => Some(shared.clone()),
            _ => Profile::from_samples(snapshot, &series.service, series.region.as_deref(), self.grace_ms)
                .map(Arc::new),
        }
    }
}

/// Counts as up each run of down steps shorter than `grace_ms` with up steps right before and
/// after it (see the module docs).
fn forgive_blips(steps: &mut [Step], grace_ms: i64) {
    if grace_ms <= 0 {
        return;
    }
    let is_up = |s: &Step| s.counted && s.known && s.down_ratio == 0.0;
    let is_down = |s: &Step| s.counted && s.down_ratio > 0.0;
    let mut start = 0;
    while start < steps.len() {
        // The run of down steps from `start`, each touching the one before.
        let run = steps
            .get(start..)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .take_while(|(k, s)| {
                is_down(s)
                    && (*k == 0 || steps.get(start + k - 1).is_some_and(|p| p.span.end_ms == s.span.start_ms))
            })
            .count();
        if run == 0 {
            start += 1;
            continue;
        }
        let end = start + run;
        let (first, last) = (steps.get(start).map(|s| s.span), steps.get(end - 1).map(|s| s.span));
        let before = start.checked_sub(1).and_then(|i| steps.get(i));
        let up_around = match (first, last, before, steps.get(end)) {
            (Some(first), Some(last), Some(before), Some(after)) => {
                is_up(before)
                    && is_up(after)
                    && before.span.end_ms == first.start_ms
                    && after.span.start_ms == last.end_ms
                    && last.end_ms - first.start_ms < grace_ms
            }
            _ => false,
        };
        if up_around {
            for step in steps.get_mut(start..end).unwrap_or_default() {
                step.down_ratio = 0.0;
            }
        }
        start = end;
    }
}

/// [`forgive_blips`] on regular samples: a run of fewer than `grace_samples` samples below 1, with
/// a sample of 1 right before and after it, is set to 1.
fn forgive_blip_samples(up_ratio: &mut [f32], grace_samples: i64) {
    let mut start = 0;
    while start < up_ratio.len() {
        let run = up_ratio.get(start..).unwrap_or_default().iter().take_while(|v| **v < 1.0).count();
        if run == 0 {
            start += 1;
            continue;
        }
        let end = start + run;
        let up = |i: Option<usize>| i.and_then(|i| up_ratio.get(i)).is_some_and(|v| *v >= 1.0);
        if (run as i64) < grace_samples && up(start.checked_sub(1)) && up(Some(end)) {
            up_ratio.get_mut(start..end).unwrap_or_default().fill(1.0);
        }
        start = end;
    }
}

/// The steps of an irregular series: each sample holds until the next, at most twice the median
/// interval.
fn irregular_steps(times_ms: &[TimeMs], up_ratio: &[f32]) -> Vec<Step> {
    let longest_hold_ms = 2 * median_interval_ms(times_ms);
    times_ms
        .iter()
        .zip(up_ratio)
        .enumerate()
        .filter(|(_, (_, v))| !v.is_nan())
        .map(|(i, (t_ms, v))| {
            let next_ms = times_ms.get(i + 1).copied().unwrap_or(*t_ms);
            let span = Span::new(*t_ms, next_ms.min(t_ms + longest_hold_ms).max(*t_ms));
            Step { span, down_ratio: 1.0 - f64::from(*v), counted: true, known: true }
        })
        .filter(|s| !s.span.is_empty())
        .collect()
}

/// The median of the positive intervals between samples; 0 with fewer than two samples.
fn median_interval_ms(times_ms: &[TimeMs]) -> i64 {
    let mut intervals: Vec<i64> = times_ms.windows(2).map(|w| w[1] - w[0]).filter(|d| *d > 0).collect();
    intervals.sort_unstable();
    intervals.get(intervals.len() / 2).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Incident, Service};

    const MIN: i64 = 60_000;

    fn series(service: &str, region: Option<&str>, up_ratio: Vec<f32>) -> Series {
        Series {
            service: service.into(),
            region: region.map(Into::into),
            samples: Samples::Regular { start_ms: 0, step_ms: MIN, up_ratio },
            latency_ms: Vec::new(),
        }
    }

    fn snapshot(series: Vec<Series>) -> Snapshot {
        let mut services: Vec<Service> = Vec::new();
        for s in &series {
            if !services.iter().any(|x| x.id == s.service) {
                services.push(Service::for_test(&s.service));
            }
        }
        Snapshot { services, series, as_of_ms: 10 * MIN, ..Snapshot::default() }
    }

    #[test]
    fn the_grace_counts_short_outages_between_up_time_as_up() {
        // Covered for 10 h; major outages of 2 min at 1 h, 10 min at 3 h, 1 min right after a
        // maintenance window (left out) at 5 h, and 2 min that run to the end of the data.
        let (h, m) = (60 * MIN, MIN);
        let major = |start_ms: i64, minutes: i64| {
            Incident::for_test("a", Level::Major, start_ms, Some(start_ms + minutes * m))
        };
        let s = Snapshot {
            services: vec![Service::for_test("a")],
            coverage: Span::new(0, 10 * h).into(),
            as_of_ms: 10 * h,
            incidents: vec![major(h, 2), major(3 * h, 10), major(5 * h, 1), major(10 * h - 2 * m, 2)],
            maintenances: vec![crate::model::Maintenance {
                id: "m".into(),
                title: "m".into(),
                services: vec!["a".into()],
                regions: Vec::new(),
                span: Span::new(4 * h, 5 * h),
            }],
            ..Snapshot::default()
        };
        let down_min = |grace_min: i64| {
            let weights = Weights { grace_ms: grace_min * m, ..Weights::STRICT };
            Profile::from_incidents(&s, "a", None, &weights).totals(Span::new(0, 10 * h)).down_ms / m as f64
        };
        assert_eq!(down_min(0), 15.0);
        // Only the 2-minute outage at 1 h is between up time and shorter than 5 min.
        assert_eq!(down_min(5), 13.0);
        // 10 min is not shorter than 10 min; at 11 it is.
        assert_eq!(down_min(10), 13.0);
        assert_eq!(down_min(11), 3.0);

        // One-minute samples: a 1-sample dip, a 5-sample outage, a dip at the end.
        let up = vec![1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.5, 0.0, 0.0, 1.0, 0.0];
        let s = snapshot(vec![series("a", None, up)]);
        let down = |grace_min: i64| {
            Profile::from_samples(&s, "a", None, grace_min * m)
                .map(|p| p.totals(Span::new(0, 12 * m)).down_ms / m as f64)
        };
        assert_eq!(down(0), Some(6.5));
        assert_eq!(down(5), Some(5.5));
        assert_eq!(down(6), Some(1.0));
        // The weights reach the sample profile through the overview's choice of basis.
        let weights = Weights { grace_ms: 6 * m, ..Weights::STRICT };
        let shared = Profile::for_service(&s, "a", None, &weights);
        assert_eq!(shared.totals(Span::new(0, 12 * m)).down_ms, m as f64);
    }

    #[test]
    fn a_window_that_cuts_samples_counts_the_part_inside() {
        let s = snapshot(vec![series("a", None, vec![1.0, 0.0, 0.5, f32::NAN, 1.0])]);
        let profile = Profile::from_samples(&s, "a", None, 0).expect("one series");
        // [1.5, 3.5) min: half of the down sample, the half-down one whole, half of the unknown one.
        let totals = profile.totals(Span::new(3 * MIN / 2, 7 * MIN / 2));
        let min = MIN as f64;
        assert_eq!((totals.down_ms, totals.counted_ms, totals.known_ms), (min, 1.5 * min, 1.5 * min));
        // A quarter into the last sample, and past the end.
        assert_eq!(profile.totals(Span::new(4 * MIN, 4 * MIN + MIN / 4)).known_ms, min / 4.0);
        assert_eq!(profile.totals(Span::new(5 * MIN, 9 * MIN)), Totals::default());
    }

    #[test]
    fn a_long_series_keeps_every_sample_exactly() {
        // Up-ratios a probe's average gives (59/60, 0.9, 0.1), a million of them: each step's down
        // ratio is 1 − up exactly, also at the end, past the last whole block of sums.
        let cycle = [59.0f32 / 60.0, 0.9, 0.1, 0.25];
        let up_ratio: Vec<f32> = (0..1_000_000).map(|i| cycle[i % cycle.len()]).collect();
        let s = snapshot(vec![series("a", None, up_ratio.clone())]);
        let profile = Profile::from_samples(&s, "a", None, 0).expect("one series");
        let steps = profile.parts_as_steps().remove(0);
        assert_eq!(steps.len(), up_ratio.len(), "no two neighbours are equal");
        for (i, (step, v)) in steps.iter().zip(&up_ratio).enumerate() {
            assert_eq!(step.down_ratio, 1.0 - f64::from(*v), "sample {i}");
        }
        // A third into the last sample (0.25 up): the piece is a third of 0.75 of a minute.
        let last_ms = 999_999 * MIN;
        let piece = profile.totals(Span::new(last_ms, last_ms + MIN / 3));
        assert_eq!(piece.down_ms, 0.75 * (MIN / 3) as f64);
    }

    #[test]
    fn sums_by_block_agree_with_a_sample_by_sample_count_at_every_boundary() {
        // 1,000 samples of 0, ¼, ½, 1 and gaps (sums exact in f64), read at every half minute:
        // on, inside and either side of each block of 64, before the start and past the end.
        let cycle = [1.0f32, 0.25, f32::NAN, 0.0, 0.5, 1.0, 1.0];
        let up_ratio: Vec<f32> = (0..1_000).map(|i| cycle[(i * i + 3 * i) % cycle.len()]).collect();
        let s = snapshot(vec![series("a", None, up_ratio.clone())]);
        let profile = Profile::from_samples(&s, "a", None, 0).expect("one series");
        for half_minutes in -2..2_004i64 {
            let t_ms = half_minutes * MIN / 2;
            let (mut down_ms, mut known_ms) = (0.0, 0.0);
            for (i, v) in up_ratio.iter().enumerate().filter(|(_, v)| !v.is_nan()) {
                let inside_ms = (t_ms - i as i64 * MIN).clamp(0, MIN) as f64;
                down_ms += (1.0 - f64::from(*v)) * inside_ms;
                known_ms += inside_ms;
            }
            let want = Totals { down_ms, counted_ms: known_ms, known_ms };
            assert_eq!(profile.totals(Span::new(i64::MIN / 2, t_ms)), want, "up to {t_ms} ms");
        }
    }

    #[test]
    fn a_series_shares_its_services_profile_only_when_they_are_the_same() {
        let ups = || vec![1.0, 0.0, 1.0];
        let mut s = snapshot(vec![
            series("one", Some("eu"), ups()),
            series("two", Some("eu"), ups()),
            series("two", Some("na"), ups()),
            series("reported", None, ups()),
        ]);
        s.incidents.push(Incident::for_test("reported", Level::Major, MIN, Some(2 * MIN)));
        let profiles = ServiceProfiles::new(&s, &Weights::STRICT);
        let shared = |i: usize| {
            let own = profiles.of_series(&s, &s.series[i]).expect("samples");
            (Arc::ptr_eq(&own, profiles.get(&s.series[i].service).expect("service")), own.part_count())
        };
        assert_eq!(shared(0), (true, 1), "the only series of its service, measured by samples");
        assert_eq!(shared(1), (false, 1), "one region of two: its own");
        assert_eq!(shared(3), (false, 1), "the service is measured by its incidents");
        assert_eq!(profiles.get("two").map(|p| p.part_count()), Some(2));
        assert!(ServiceProfiles::default().of_series(&s, &s.series[0]).is_some(), "built anew");
    }
}
