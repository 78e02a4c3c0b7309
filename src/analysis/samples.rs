//! Availability from probe samples, for services whose source publishes samples and no incidents
//! (Upptime, Prometheus, Uptime Kuma).
//!
//! availability = 1 − Σ (1 − up-ratio) · time / Σ time, over the time the samples cover inside the
//! window, across every series of the service (in the region asked, or all). A regular sample
//! covers its step. An irregular sample stands until the next one, but never longer than twice
//! the series' median interval: a longer silence is a gap (unknown), not "up". Samples with no
//! data (`NaN`) cover nothing.

use super::Availability;
use crate::model::{Samples, Snapshot, Span, TimeMs};

/// `None` when the service has no series (in `region`).
pub fn sample_availability(
    snapshot: &Snapshot,
    service_id: &str,
    region: Option<&str>,
    window: Span,
) -> Option<Availability> {
    let series: Vec<&Samples> = snapshot
        .series
        .iter()
        .filter(|s| s.service == service_id && region.is_none_or(|r| s.region.as_deref() == Some(r)))
        .map(|s| &s.samples)
        .collect();
    if series.is_empty() {
        return None;
    }
    let (mut known_ms, mut down_ms) = (0i64, 0f64);
    for samples in &series {
        for_each_covered(samples, window, |covered_ms, up_ratio| {
            known_ms += covered_ms;
            down_ms += (1.0 - f64::from(up_ratio)) * covered_ms as f64;
        });
    }
    let possible_ms = window.duration_ms() as f64 * series.len() as f64;
    Some(Availability {
        availability_ratio: (known_ms > 0).then(|| 1.0 - down_ms / known_ms as f64),
        downtime_ms: down_ms,
        counted_ms: known_ms,
        coverage_ratio: if possible_ms > 0.0 { known_ms as f64 / possible_ms } else { 0.0 },
    })
}

/// Calls `visit(covered_ms, up_ratio)` for each known sample's time inside `window`.
fn for_each_covered(samples: &Samples, window: Span, mut visit: impl FnMut(i64, f32)) {
    let mut visit_span = |span: Span, up_ratio: f32| {
        if let Some(inside) = span.intersect(&window).filter(|_| !up_ratio.is_nan()) {
            visit(inside.duration_ms(), up_ratio);
        }
    };
    match samples {
        Samples::Regular { start_ms, step_ms, up_ratio } => {
            let step_ms = (*step_ms).max(1);
            // Only the samples that can overlap the window.
            let first =
                (window.start_ms - start_ms).div_euclid(step_ms).clamp(0, up_ratio.len() as i64) as usize;
            let last = (window.end_ms - start_ms)
                .div_euclid(step_ms)
                .saturating_add(1)
                .clamp(0, up_ratio.len() as i64) as usize;
            for (i, v) in up_ratio.iter().enumerate().take(last).skip(first) {
                let from_ms = start_ms + step_ms * i as i64;
                visit_span(Span::new(from_ms, from_ms + step_ms), *v);
            }
        }
        Samples::Irregular { times_ms, up_ratio } => {
            let longest_hold_ms = 2 * median_interval_ms(times_ms);
            for (i, (t_ms, v)) in times_ms.iter().zip(up_ratio).enumerate() {
                let next_ms = times_ms.get(i + 1).copied().unwrap_or(*t_ms);
                visit_span(Span::new(*t_ms, next_ms.min(t_ms + longest_hold_ms)), *v);
            }
        }
    }
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
    use crate::model::Series;

    const MIN: i64 = 60_000;

    fn snapshot(series: Vec<(Option<&str>, Samples)>) -> Snapshot {
        Snapshot {
            series: series
                .into_iter()
                .map(|(region, samples)| Series {
                    service: "a".into(),
                    region: region.map(Into::into),
                    samples,
                    latency_ms: Vec::new(),
                })
                .collect(),
            ..Snapshot::default()
        }
    }

    #[test]
    fn hand_computed_sample_availability() {
        let regular =
            Samples::Regular { start_ms: 0, step_ms: MIN, up_ratio: vec![1.0, 0.0, 0.5, f32::NAN, 1.0] };
        // Irregular at 0, 1, 2 and 10 minutes: median interval 1 min, so each stands at most 2 min.
        let irregular = Samples::Irregular {
            times_ms: vec![0, MIN, 2 * MIN, 10 * MIN],
            up_ratio: vec![1.0, 0.0, 1.0, 1.0],
        };
        // (label, series, region, window, downtime min, known min, coverage)
        #[allow(clippy::type_complexity)] // one row per case, labelled in the comment above
        let cases: Vec<(
            &str,
            Vec<(Option<&str>, Samples)>,
            Option<&str>,
            (i64, i64),
            f64,
            i64,
            f64,
        )> = vec![
            ("regular, whole", vec![(None, regular.clone())], None, (0, 5), 1.5, 4, 0.8),
            ("regular, clipped to the window", vec![(None, regular.clone())], None, (1, 3), 1.5, 2, 1.0),
            ("regular, half a step in the window", vec![(None, regular.clone())], None, (0, 1), 0.0, 1, 1.0),
            (
                "irregular: the 8-minute silence holds the last value 2 min only",
                vec![(None, irregular.clone())],
                None,
                (0, 10),
                1.0,
                4,
                0.4,
            ),
            (
                "two regions weigh by their known time",
                vec![(Some("eu"), regular.clone()), (Some("na"), irregular.clone())],
                None,
                (0, 5),
                1.5 + 1.0,
                4 + 4,
                0.8,
            ),
            (
                "one region",
                vec![(Some("eu"), regular.clone()), (Some("na"), irregular)],
                Some("na"),
                (0, 5),
                1.0,
                4,
                0.8,
            ),
        ];
        for (label, series, region, (from, to), down_min, known_min, coverage) in cases {
            let s = snapshot(series);
            let got = sample_availability(&s, "a", region, Span::new(from * MIN, to * MIN)).expect(label);
            assert!((got.downtime_ms - down_min * MIN as f64).abs() < 1e-6, "{label}: downtime {got:?}");
            assert_eq!(got.counted_ms, known_min * MIN, "{label}: known time");
            assert!((got.coverage_ratio - coverage).abs() < 1e-12, "{label}: coverage {got:?}");
            let want = 1.0 - down_min / known_min as f64;
            assert!((got.availability_ratio.unwrap_or(f64::NAN) - want).abs() < 1e-12, "{label}: ratio");
        }
        assert_eq!(sample_availability(&snapshot(vec![]), "a", None, Span::new(0, MIN)), None, "no series");
    }
}
