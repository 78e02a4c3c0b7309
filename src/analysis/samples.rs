//! Availability from probe samples, for services whose source publishes samples and no incidents
//! (Upptime, Prometheus, Uptime Kuma).
//!
//! availability = 1 − Σ (1 − up-ratio) · time / Σ time, over the time the samples cover inside the
//! window, across every series of the service (in the region asked, or all). A regular sample
//! covers its step. An irregular sample stands until the next one, but never longer than twice
//! the series' median interval: a longer silence is a gap (unknown), not "up". Samples with no
//! data (`NaN`) cover nothing.

use super::profile::Profile;
use super::Availability;
use crate::model::{Snapshot, Span};

/// `None` when the service has no series (in `region`).
pub fn sample_availability(
    snapshot: &Snapshot,
    service_id: &str,
    region: Option<&str>,
    window: Span,
) -> Option<Availability> {
    Profile::from_samples(snapshot, service_id, region, 0).map(|p| Availability::of_profile(&p, window))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Samples, Series};

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
