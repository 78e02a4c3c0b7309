//! Rolling availability from probe samples, in linear time.
//!
//! The value at `t` is the mean up-ratio of the known samples complete in `(t − window, t]`
//! (a regular sample when its step ends, an irregular one when it was taken);
//! with no known sample there it is `None` (a gap, never "up"). Prefix sums make each output point
//! O(1) after one O(n) pass, so any resolution costs O(samples + points).

use crate::model::{Samples, Span, TimeMs};

/// `points` evenly spaced values (at least 2) of the rolling up-ratio over `span`.
pub fn rolling_up_ratio(
    samples: &Samples,
    window_ms: i64,
    span: Span,
    points: usize,
) -> Vec<(TimeMs, Option<f64>)> {
    let up_ratio = samples.up_ratio();
    // known_sum[i], known_count[i]: over samples [0, i).
    let mut known_sum = Vec::with_capacity(up_ratio.len() + 1);
    let mut known_count = Vec::with_capacity(up_ratio.len() + 1);
    let (mut sum, mut count) = (0.0f64, 0u32);
    known_sum.push(sum);
    known_count.push(count);
    for &v in up_ratio {
        if !v.is_nan() {
            sum += f64::from(v);
            count += 1;
        }
        known_sum.push(sum);
        known_count.push(count);
    }
    let end_index = |t_ms: TimeMs| samples.count_until(t_ms);
    let points = points.max(2);
    let last = (points - 1) as f64;
    (0..points)
        .map(|k| {
            let t_ms = span.start_ms + (span.duration_ms() as f64 * k as f64 / last).round() as i64;
            let (lo, hi) = (end_index(t_ms - window_ms), end_index(t_ms));
            let count = known_count.get(hi).zip(known_count.get(lo)).map_or(0, |(h, l)| h - l);
            let value = (count > 0).then(|| {
                let total = known_sum.get(hi).zip(known_sum.get(lo)).map_or(0.0, |(h, l)| h - l);
                total / f64::from(count)
            });
            (t_ms, value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolling_mean_over_known_samples_and_gaps() {
        // Six one-minute samples from t=0: up, up, down, NaN, up, up.
        let samples = Samples::Regular {
            start_ms: 0,
            step_ms: 60_000,
            up_ratio: vec![1.0, 1.0, 0.0, f32::NAN, 1.0, 1.0],
        };
        let curve = rolling_up_ratio(&samples, 180_000, Span::new(180_000, 360_000), 4);
        // t=3 min: samples 0..3 -> 2/3; t=4: samples 1..4 (1,0,NaN) -> 1/2;
        // t=5: samples 2..5 (0,NaN,1) -> 1/2; t=6: samples 3..6 (NaN,1,1) -> 1.
        let want = [(180_000, 2.0 / 3.0), (240_000, 0.5), (300_000, 0.5), (360_000, 1.0)];
        for ((t, got), (want_t, want_v)) in curve.iter().zip(want) {
            assert_eq!(*t, want_t);
            let got = got.unwrap_or(f64::NAN);
            assert!((got - want_v).abs() < 1e-12, "t={t}: got {got}, want {want_v}");
        }
        let before = rolling_up_ratio(&samples, 60_000, Span::new(-120_000, 0), 2);
        assert_eq!(before, vec![(-120_000, None), (0, None)], "no data before the series is a gap");
    }
}
