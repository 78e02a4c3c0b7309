//! Rolling availability curves and daily or hourly buckets, from a [`Profile`].
//!
//! Both evaluate the profile's running totals at ascending instants in one walk, so a curve of
//! any resolution or a run of buckets costs O(data + points). Buckets carry fractional downtime:
//! a 10-second blip is 10 seconds of its day, not a red day.

use super::profile::{Profile, Totals};
use crate::model::{Span, TimeMs, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE};

/// `points` evenly spaced instants `t` over `span` (at least 2, both ends included), each with
/// the availability over `(t − window_ms, t]`: `None` where that window has no counted time (a
/// gap, never "up").
pub fn rolling_availability(
    profile: &Profile,
    window_ms: i64,
    span: Span,
    points: usize,
) -> Vec<(TimeMs, Option<f64>)> {
    let last = (points.max(2) - 1) as f64;
    let times_ms: Vec<TimeMs> = (0..points.max(2))
        .map(|k| span.start_ms + (span.duration_ms() as f64 * k as f64 / last).round() as i64)
        .collect();
    let window_starts_ms: Vec<TimeMs> = times_ms.iter().map(|t| t.saturating_sub(window_ms)).collect();
    let ends = profile.totals_until(&times_ms);
    let starts = profile.totals_until(&window_starts_ms);
    times_ms
        .iter()
        .zip(ends.iter().zip(&starts))
        .map(|(t, (end, start))| (*t, end.minus(start).availability_ratio()))
        .collect()
}

/// The length of a bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BucketSize {
    Hour,
    Day,
}

impl BucketSize {
    pub fn duration_ms(self) -> i64 {
        match self {
            BucketSize::Hour => MS_PER_HOUR,
            BucketSize::Day => MS_PER_DAY,
        }
    }
}

/// One hour or day: its span and its totals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bucket {
    pub span: Span,
    pub totals: Totals,
    /// Known time over the bucket's length times the profile's parts, 0..1; 0 draws grey.
    pub coverage_ratio: f64,
}

impl Bucket {
    /// Weighted downtime in minutes, with its fraction.
    pub fn downtime_minutes(&self) -> f64 {
        self.totals.down_ms / MS_PER_MINUTE as f64
    }
}

/// The buckets that cover `span`, aligned to whole hours or days at the fixed UTC offset
/// `utc_offset_minutes` (e.g. 120 for UTC+2): the first starts at or before `span.start_ms`, the
/// last ends at or after `span.end_ms`. Every day is 24 hours: the offset is fixed, so days have
/// no daylight-saving jumps (pick the offset of the season, or UTC).
pub fn buckets(profile: &Profile, span: Span, size: BucketSize, utc_offset_minutes: i32) -> Vec<Bucket> {
    let length_ms = size.duration_ms();
    let offset_ms = i64::from(utc_offset_minutes) * MS_PER_MINUTE;
    // Bucket boundaries are local multiples of the length: local = utc + offset.
    let first_ms = (span.start_ms + offset_ms).div_euclid(length_ms) * length_ms - offset_ms;
    let count = (span.end_ms - first_ms + length_ms - 1).div_euclid(length_ms).max(1);
    let bounds_ms: Vec<TimeMs> = (0..=count).map(|k| first_ms + k * length_ms).collect();
    let totals = profile.totals_until(&bounds_ms);
    totals
        .windows(2)
        .zip(bounds_ms.windows(2))
        .map(|(t, b)| {
            let span = Span::new(b[0], b[1]);
            let totals = t[1].minus(&t[0]);
            let possible_ms = profile.possible_ms(span);
            let coverage_ratio = if possible_ms > 0.0 { totals.known_ms / possible_ms } else { 0.0 };
            Bucket { span, totals, coverage_ratio }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Weights;
    use crate::model::parse_rfc3339_ms;
    use crate::model::{Incident, Level, Samples, Series, Snapshot};

    fn t(text: &str) -> TimeMs {
        parse_rfc3339_ms(text).unwrap_or_else(|| panic!("bad test time {text}"))
    }

    fn with_incidents(coverage: Span, incidents: Vec<Incident>) -> Snapshot {
        Snapshot { as_of_ms: coverage.end_ms, coverage: coverage.into(), incidents, ..Snapshot::default() }
    }

    #[test]
    fn daily_buckets_carry_fractional_minutes_across_a_leap_day() {
        let coverage = Span::new(t("2028-02-27T00:00:00Z"), t("2028-03-03T00:00:00Z"));
        let incidents = vec![
            // 10 seconds on the 27th.
            Incident::for_test("a", Level::Major, t("2028-02-27T12:00:00Z"), Some(t("2028-02-27T12:00:10Z"))),
            // 23:00 on the 28th to 01:00 on 1 March, across the leap day.
            Incident::for_test("a", Level::Major, t("2028-02-28T23:00:00Z"), Some(t("2028-03-01T01:00:00Z"))),
        ];
        let s = with_incidents(coverage, incidents);
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        let got: Vec<(i64, f64, f64)> = buckets(
            &profile,
            Span::new(t("2028-02-27T06:00:00Z"), t("2028-03-02T00:00:00Z")),
            BucketSize::Day,
            0,
        )
        .iter()
        .map(|b| (b.span.start_ms, b.downtime_minutes(), b.coverage_ratio))
        .collect();
        let want = vec![
            (t("2028-02-27T00:00:00Z"), 10.0 / 60.0, 1.0),
            (t("2028-02-28T00:00:00Z"), 60.0, 1.0),
            (t("2028-02-29T00:00:00Z"), 1440.0, 1.0),
            (t("2028-03-01T00:00:00Z"), 60.0, 1.0),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.0, w.0);
            assert!((g.1 - w.1).abs() < 1e-9 && (g.2 - w.2).abs() < 1e-12, "got {g:?}, want {w:?}");
        }
        // At UTC+05:30 the local day of 29 February starts at 18:30 UTC on the 28th: it holds
        // 23:00–24:00 UTC of the 28th and the whole 29th up to 18:30 UTC.
        let local = buckets(
            &profile,
            Span::new(t("2028-02-28T18:30:00Z"), t("2028-02-29T18:30:00Z")),
            BucketSize::Day,
            330,
        );
        assert_eq!(local.len(), 1);
        assert_eq!(local[0].span.start_ms, t("2028-02-28T18:30:00Z"));
        assert!((local[0].downtime_minutes() - (60.0 + 18.5 * 60.0)).abs() < 1e-9, "{local:?}");
        // Hourly buckets before the coverage are grey (no known time), not green.
        let hours = buckets(
            &profile,
            Span::new(t("2028-02-26T22:00:00Z"), t("2028-02-27T01:00:00Z")),
            BucketSize::Hour,
            0,
        );
        let coverage: Vec<f64> = hours.iter().map(|b| b.coverage_ratio).collect();
        assert_eq!(coverage, vec![0.0, 0.0, 1.0]);
        assert_eq!(hours[0].totals.availability_ratio(), None);
    }

    #[test]
    fn rolling_availability_is_exact_at_any_instant_and_gaps_stay_gaps() {
        const MIN: i64 = 60_000;
        // Six one-minute samples from t=0: up, up, down, NaN, up, up.
        let s = Snapshot {
            series: vec![Series {
                service: "a".into(),
                region: None,
                samples: Samples::Regular {
                    start_ms: 0,
                    step_ms: MIN,
                    up_ratio: vec![1.0, 1.0, 0.0, f32::NAN, 1.0, 1.0],
                },
                latency_ms: Vec::new(),
            }],
            ..Snapshot::default()
        };
        let profile = Profile::from_samples(&s, "a", None, 0).expect("one series");
        // 3-minute windows ending at 3, 3.5, 4, 4.5 and 6 minutes.
        let curve = rolling_availability(&profile, 3 * MIN, Span::new(3 * MIN, 5 * MIN), 5);
        let want = [
            (3 * MIN, Some(2.0 / 3.0)),          // samples 0,1,2
            (3 * MIN + 30_000, Some(1.5 / 2.5)), // half of 0, 1, 2 (3 is unknown)
            (4 * MIN, Some(0.5)),                // 1, 2
            (4 * MIN + 30_000, Some(1.0 / 2.0)), // half of 1, 2, half of 4
            (5 * MIN, Some(0.5)),                // 2, 4
        ];
        for ((t, got), (want_t, want)) in curve.iter().zip(want) {
            assert_eq!(*t, want_t);
            assert!((got.unwrap_or(f64::NAN) - want.unwrap_or(f64::NAN)).abs() < 1e-12, "t={t}: {got:?}");
        }
        let before = rolling_availability(&profile, MIN, Span::new(-2 * MIN, 0), 2);
        assert_eq!(before, vec![(-2 * MIN, None), (0, None)], "no data before the series is a gap");
        let in_the_gap = rolling_availability(&profile, MIN, Span::new(4 * MIN, 4 * MIN), 2);
        assert_eq!(in_the_gap[0].1, None, "the minute of the NaN sample has no data");
    }
}
