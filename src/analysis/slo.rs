//! A service-level objective's error budget and burn-rate alerts, from a [`Profile`].
//!
//! The error budget is the downtime the objective allows: `(1 − target) × the nominal window`,
//! where the nominal window is N days for a rolling window and the whole calendar month (UTC) for
//! a calendar window, even while the month is still running. The budget used is the weighted
//! downtime from the window's start to as-of; time without data (or left out, as maintenance is
//! by default) is not counted and spends nothing.
//!
//! A burn rate is how fast the budget goes, relative to spending it evenly over the window: the
//! share of counted time that is down over a lookback ending at as-of, divided by `1 − target`
//! (1 spends the budget exactly by the window's end). The alerts are the Google SRE workbook's
//! multi-window, multi-burn-rate ones: each threshold spends a fixed share of the budget within
//! its lookback (2 % in 1 h, 5 % in 6 h, 10 % in 1 d, 10 % in 3 d), so `threshold = share ×
//! window / lookback` (14.4, 6, 3 and 1 for 30 days), and an alert fires only when both the
//! lookback and its short window (a twelfth of it) burn above the threshold, so it stops soon
//! after the burning does.
//!
//! Every input is accepted: a target of 1 or more (or NaN) leaves no budget and no burn rate; a
//! target below 0 counts as 0 (the whole window is budget); a calendar window for an as-of beyond
//! the years ±9999, where the calendar ends, is the 30 days up to as-of.

use super::profile::Profile;
use crate::model::calendar::utc_month_of;
use crate::model::format::format_duration_ms;
use crate::model::{Span, TimeMs, MS_PER_DAY, MS_PER_HOUR};

/// The SLO window: rolling N days ending at as-of, or the calendar month (UTC) containing as-of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SloWindow {
    Rolling { days: u32 },
    CalendarMonth,
}

impl Default for SloWindow {
    /// Rolling 30 days.
    fn default() -> Self {
        SloWindow::Rolling { days: 30 }
    }
}

impl SloWindow {
    /// The part of the window up to as-of: `[as_of − days, as_of)` or `[month start, as_of)`.
    pub fn span_at(self, as_of_ms: TimeMs) -> Span {
        match self {
            SloWindow::Rolling { days } => Span::ending_at(as_of_ms, i64::from(days) * MS_PER_DAY),
            SloWindow::CalendarMonth => match utc_month_of(as_of_ms) {
                Some(month) => Span::new(month.start_ms, as_of_ms),
                None => Span::ending_at(as_of_ms, BEYOND_THE_CALENDAR_DAYS * MS_PER_DAY),
            },
        }
    }

    /// The whole window's length, which sizes the budget: N days, or the length of the calendar
    /// month containing as-of (29 days for February 2028).
    pub fn nominal_ms(self, as_of_ms: TimeMs) -> i64 {
        match self {
            SloWindow::Rolling { days } => i64::from(days) * MS_PER_DAY,
            SloWindow::CalendarMonth => utc_month_of(as_of_ms)
                .map_or(BEYOND_THE_CALENDAR_DAYS * MS_PER_DAY, |month| month.duration_ms()),
        }
    }
}

/// The length of a calendar window beyond the calendar (no status data comes near it).
const BEYOND_THE_CALENDAR_DAYS: i64 = 30;

/// How an alert reaches people: a page wakes someone, a ticket waits for working hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Page,
    Ticket,
}

/// One multi-window burn-rate alert, evaluated at as-of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BurnRate {
    /// The long window: 1 h, 6 h, 1 d or 3 d.
    pub lookback_ms: i64,
    /// The short window, a twelfth of the long one: 5 min, 30 min, 2 h or 6 h.
    pub short_lookback_ms: i64,
    /// Down share of counted time over the lookback ending at as-of, over `1 − target`; `None`
    /// without counted time or without budget.
    pub rate: Option<f64>,
    /// The same over the short lookback.
    pub short_rate: Option<f64>,
    /// The rate that spends this alert's share of the budget within the lookback.
    pub threshold: f64,
    /// Both rates above the threshold (and the threshold above 0).
    pub firing: bool,
    pub severity: Severity,
}

/// The error budget of one objective at as-of. See the module docs.
#[derive(Clone, Debug, PartialEq)]
pub struct SloReport {
    pub target_ratio: f64,
    /// The window up to as-of: `[as_of − days, as_of)` or `[month start, as_of)`.
    pub window: Span,
    /// Availability over `window`; `None` without counted time.
    pub availability_ratio: Option<f64>,
    /// `(1 − target) × the nominal window length`; 0 for a target of 1 or more.
    pub budget_total_ms: f64,
    /// Weighted downtime in `window`.
    pub budget_used_ms: f64,
    /// Total minus used; negative when overspent.
    pub budget_remaining_ms: f64,
    /// Remaining over total; `None` when the total is 0, or when nothing in the window has data
    /// (no data is not a whole budget left).
    pub budget_remaining_ratio: Option<f64>,
    /// The four alerts, in order 1 h, 6 h, 1 d, 3 d.
    pub burn_rates: Vec<BurnRate>,
    /// Time from as-of until the remaining budget is spent at the 1-day burn rate; `Some(0)` when
    /// already spent (some downtime and nothing remaining), `None` when nothing burns.
    pub exhaustion_in_ms: Option<f64>,
}

/// The alerts: lookback, share of the budget it may spend (in percent), severity.
const ALERTS: [(i64, u32, Severity); 4] = [
    (MS_PER_HOUR, 2, Severity::Page),
    (6 * MS_PER_HOUR, 5, Severity::Page),
    (MS_PER_DAY, 10, Severity::Ticket),
    (3 * MS_PER_DAY, 10, Severity::Ticket),
];

/// The error budget and burn-rate alerts of `target_ratio` over `window` at `as_of_ms`.
pub fn slo_report(profile: &Profile, target_ratio: f64, window: SloWindow, as_of_ms: TimeMs) -> SloReport {
    // The budget's share of time, 0..=1; NaN and targets of 1 or more give 0.
    let error_ratio = if target_ratio < 1.0 { (1.0 - target_ratio).min(1.0) } else { 0.0 };
    let span = window.span_at(as_of_ms);
    let nominal_ms = window.nominal_ms(as_of_ms);
    let totals = profile.totals(span);
    let budget_total_ms = error_ratio * nominal_ms as f64;
    let budget_used_ms = totals.down_ms;
    let budget_remaining_ms = budget_total_ms - budget_used_ms;
    let burn = |lookback_ms: i64| {
        let t = profile.totals(Span::ending_at(as_of_ms, lookback_ms));
        (t.counted_ms > 0.0 && error_ratio > 0.0).then(|| t.down_ms / t.counted_ms / error_ratio)
    };
    let burn_rates: Vec<BurnRate> = ALERTS
        .iter()
        .map(|&(lookback_ms, percent, severity)| {
            let short_lookback_ms = lookback_ms / 12;
            // One rounding, so that 30 days gives exactly 14.4, 6, 3 and 1.
            let threshold = f64::from(percent) * nominal_ms as f64 / (100.0 * lookback_ms as f64);
            let (rate, short_rate) = (burn(lookback_ms), burn(short_lookback_ms));
            let above = |r: Option<f64>| r.is_some_and(|r| r > threshold);
            let firing = threshold > 0.0 && above(rate) && above(short_rate);
            BurnRate { lookback_ms, short_lookback_ms, rate, short_rate, threshold, firing, severity }
        })
        .collect();
    let day_rate = burn_rates.get(2).and_then(|b| b.rate);
    let exhaustion_in_ms = if budget_used_ms > 0.0 && budget_remaining_ms <= 0.0 {
        Some(0.0)
    } else {
        day_rate
            .filter(|b| *b > 0.0)
            .map(|b| budget_remaining_ms / (b * error_ratio))
            .filter(|ms| ms.is_finite())
    };
    SloReport {
        target_ratio,
        window: span,
        availability_ratio: totals.availability_ratio(),
        budget_total_ms,
        budget_used_ms,
        budget_remaining_ms,
        budget_remaining_ratio: (budget_total_ms > 0.0 && totals.counted_ms > 0.0)
            .then(|| budget_remaining_ms / budget_total_ms),
        burn_rates,
        exhaustion_in_ms,
    }
}

impl SloReport {
    /// What is left of the budget as time and share: `33 min (76 %)` (both rounded down, as a
    /// budget is never shown larger than it is), `spent` once nothing is left, `no data` without
    /// counted time or budget.
    pub fn left_text(&self) -> String {
        match self.budget_remaining_ratio {
            Some(ratio) if ratio <= 0.0 => "spent".into(),
            Some(ratio) => format!(
                "{} ({:.0} %)",
                format_duration_ms(self.budget_remaining_ms.floor() as i64),
                (ratio * 100.0).floor()
            ),
            None => "no data".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Weights;
    use crate::model::parse_rfc3339_ms;
    use crate::model::{Incident, Level, Snapshot, MS_PER_MINUTE};

    const H: i64 = MS_PER_HOUR;
    const D: i64 = MS_PER_DAY;
    const MIN: f64 = MS_PER_MINUTE as f64;

    fn t(text: &str) -> TimeMs {
        parse_rfc3339_ms(text).unwrap_or_else(|| panic!("bad test time {text}"))
    }

    /// Service "a" covered over `coverage` with major outages `[start, end)`, as of its end.
    fn snapshot(coverage: Span, outages: &[(TimeMs, TimeMs)]) -> Snapshot {
        Snapshot {
            as_of_ms: coverage.end_ms,
            coverage: coverage.into(),
            incidents: outages
                .iter()
                .map(|&(s, e)| Incident::for_test("a", Level::Major, s, Some(e)))
                .collect(),
            ..Snapshot::default()
        }
    }

    fn close(got: f64, want: f64) -> bool {
        (got - want).abs() <= 1e-9 * want.abs().max(1.0)
    }

    fn close_opt(got: Option<f64>, want: Option<f64>) -> bool {
        match (got, want) {
            (Some(g), Some(w)) => close(g, w),
            (None, None) => true,
            _ => false,
        }
    }

    #[test]
    fn thresholds_spend_the_workbook_shares_of_a_30_day_budget() {
        let s = snapshot(Span::new(0, 40 * D), &[]);
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        let report = slo_report(&profile, 0.999, SloWindow::default(), 40 * D);
        let got: Vec<(i64, i64, f64, Severity)> = report
            .burn_rates
            .iter()
            .map(|b| (b.lookback_ms, b.short_lookback_ms, b.threshold, b.severity))
            .collect();
        let want = vec![
            (H, 5 * MS_PER_MINUTE, 14.4, Severity::Page),
            (6 * H, 30 * MS_PER_MINUTE, 6.0, Severity::Page),
            (D, 2 * H, 3.0, Severity::Ticket),
            (3 * D, 6 * H, 1.0, Severity::Ticket),
        ];
        assert_eq!(got, want);
        // All up: every rate is 0, nothing fires, nothing burns.
        assert!(report
            .burn_rates
            .iter()
            .all(|b| b.rate == Some(0.0) && b.short_rate == Some(0.0) && !b.firing));
        assert_eq!(report.exhaustion_in_ms, None);
        assert_eq!(report.availability_ratio, Some(1.0));
    }

    #[test]
    fn what_is_left_reads_as_time_and_share() {
        // 99.9 % over 30 days: 43.2 min. 10 min down on day 25 (26 January 1970) leaves 33.2 min,
        // 76.85 %; the calendar month of day 40 (10 February, in a month of 28 days) has 40.32 min,
        // none of it used.
        let s = snapshot(Span::new(0, 40 * D), &[(25 * D, 25 * D + 10 * MS_PER_MINUTE)]);
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        let rolling = slo_report(&profile, 0.999, SloWindow::default(), 40 * D);
        assert_eq!(rolling.left_text(), "33 min (76 %)");
        let month = slo_report(&profile, 0.999, SloWindow::CalendarMonth, 40 * D);
        assert_eq!(month.left_text(), "40 min (100 %)");
        let s = snapshot(Span::new(0, 40 * D), &[(35 * D, 35 * D + 50 * MS_PER_MINUTE)]);
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        assert_eq!(slo_report(&profile, 0.999, SloWindow::default(), 40 * D).left_text(), "spent");
        // Nothing counted: no budget left to speak of.
        let s = snapshot(Span::new(0, 10 * D), &[]);
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        assert_eq!(slo_report(&profile, 0.999, SloWindow::default(), 40 * D).left_text(), "no data");
    }

    #[test]
    fn hand_computed_budgets_and_burn_rates() {
        // 99.9 % over 30 days: a budget of 0.001 × 30 × 1440 min = 43.2 min. Covered for 40 days,
        // as of day 40, so the window is [day 10, day 40).
        let as_of = 40 * D;
        let m = |minutes: f64| (minutes * MIN) as i64;
        // (label, outages, used min, remaining ratio, rates (1 h, 5 min, 6 h, 30 min, 1 d, 2 h), firing, exhaustion min)
        #[allow(clippy::type_complexity)] // one row per case, labelled in the comment above
        let cases: Vec<(&str, Vec<(TimeMs, TimeMs)>, f64, f64, [f64; 6], [bool; 4], Option<f64>)> = vec![
            (
                // Day 20 is long gone from every lookback: half the budget used, nothing burning.
                "a 21.6-minute outage ten days ago uses half the budget",
                vec![(20 * D, 20 * D + m(21.6))],
                21.6,
                0.5,
                [0.0; 6],
                [false; 4],
                None,
            ),
            (
                // The last 30 minutes down: 1 h rate 0.5 / 0.001 = 500, 5 min rate 1 / 0.001 = 1000,
                // 6 h rate (30 / 360) / 0.001 = 83.3, 30 min rate 1000, 1 d rate (30 / 1440) / 0.001
                // = 20.83, 2 h rate 250; 3 d (30 / 4320) / 0.001 = 6.94 with 6 h at 83.3: all four
                // fire. 13.2 min remain; at 20.83 the budget goes at 20.83 × 0.001 ms per ms:
                // 13.2 min / 0.02083 = 633.6 min.
                "an outage in the last half hour pages",
                vec![(as_of - 30 * MS_PER_MINUTE, as_of)],
                30.0,
                13.2 / 43.2,
                [500.0, 1000.0, 1000.0 / 12.0, 1000.0, 1000.0 / 48.0, 250.0],
                [true, true, true, true],
                Some(13.2 / (1.0 / 48.0)),
            ),
            (
                // Ended 2 h ago: the 1 h and its 5 min windows saw nothing. 6 h: (30 / 360) / 0.001
                // = 83.3 > 6, but its 30 min window is clear, so the page has stopped; 1 d: 20.83 > 3
                // but the 2 h window [as-of − 2 h, as-of) just misses it. Only 3 d fires: 6.94 > 1
                // with its 6 h window at 83.3.
                "an outage that ended two hours ago no longer pages",
                vec![(as_of - 150 * MS_PER_MINUTE, as_of - 120 * MS_PER_MINUTE)],
                30.0,
                13.2 / 43.2,
                [0.0, 0.0, 1000.0 / 12.0, 0.0, 1000.0 / 48.0, 0.0],
                [false, false, false, true],
                Some(13.2 / (1.0 / 48.0)),
            ),
            (
                // 21.6 min 3 days ago and 30 min in the last half hour: 51.6 > 43.2, overspent by
                // 8.4 min, so the budget is already gone.
                "overspent budget",
                vec![(as_of - 3 * D + H, as_of - 3 * D + H + m(21.6)), (as_of - 30 * MS_PER_MINUTE, as_of)],
                51.6,
                -8.4 / 43.2,
                [500.0, 1000.0, 1000.0 / 12.0, 1000.0, 1000.0 / 48.0, 250.0],
                [true, true, true, true],
                Some(0.0),
            ),
        ];
        for (label, outages, used_min, remaining_ratio, rates, firing, exhaustion_min) in cases {
            let s = snapshot(Span::new(0, as_of), &outages);
            let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
            let r = slo_report(&profile, 0.999, SloWindow::Rolling { days: 30 }, as_of);
            assert_eq!(r.window, Span::new(10 * D, as_of), "{label}");
            assert!(close(r.budget_total_ms, 43.2 * MIN), "{label}: total {r:?}");
            assert!(close(r.budget_used_ms, used_min * MIN), "{label}: used {r:?}");
            assert!(close(r.budget_remaining_ms, (43.2 - used_min) * MIN), "{label}: remaining {r:?}");
            assert!(close_opt(r.budget_remaining_ratio, Some(remaining_ratio)), "{label}: ratio {r:?}");
            let want_availability = 1.0 - used_min / (30.0 * 1440.0);
            assert!(close_opt(r.availability_ratio, Some(want_availability)), "{label}: availability");
            let got_rates: Vec<f64> = r
                .burn_rates
                .iter()
                .flat_map(|b| [b.rate, b.short_rate])
                .map(|x| x.unwrap_or(f64::NAN))
                .collect();
            for (g, w) in got_rates.iter().zip(rates) {
                assert!(close(*g, w), "{label}: rates {got_rates:?}, want {rates:?}");
            }
            let got_firing: Vec<bool> = r.burn_rates.iter().map(|b| b.firing).collect();
            assert_eq!(got_firing, firing, "{label}: firing");
            assert!(
                close_opt(r.exhaustion_in_ms, exhaustion_min.map(|x| x * MIN)),
                "{label}: exhaustion {:?} min",
                r.exhaustion_in_ms.map(|x| x / MIN)
            );
        }
    }

    #[test]
    fn unknown_time_spends_no_budget() {
        // Data only from day 25: the window [day 10, day 40) counts 15 days; an outage "during"
        // the gap does not exist, and the budget is still sized by the nominal 30 days.
        let as_of = 40 * D;
        let s = snapshot(Span::new(25 * D, as_of), &[(25 * D, 25 * D + 6 * MS_PER_MINUTE)]);
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        let r = slo_report(&profile, 0.999, SloWindow::Rolling { days: 30 }, as_of);
        assert!(close(r.budget_total_ms, 43.2 * MIN));
        assert!(close(r.budget_used_ms, 6.0 * MIN));
        assert!(close_opt(r.availability_ratio, Some(1.0 - 6.0 / (15.0 * 1440.0))));
        // After the data ends, nothing is counted: no rate rather than a rate of 0.
        let later = slo_report(&profile, 0.999, SloWindow::Rolling { days: 30 }, as_of + 4 * D);
        assert!(later.burn_rates.iter().all(|b| b.rate.is_none() && b.short_rate.is_none() && !b.firing));
        assert_eq!(later.exhaustion_in_ms, None);
    }

    #[test]
    fn calendar_month_across_a_leap_february() {
        // As of 2028-02-29 12:00: the window is [2028-02-01, as-of), the budget is sized by the
        // whole 29-day month: 0.001 × 29 × 1440 = 41.76 min. One hour down on the 28th.
        let as_of = t("2028-02-29T12:00:00Z");
        let s = snapshot(
            Span::new(t("2028-01-15T00:00:00Z"), as_of),
            &[
                (t("2028-01-31T23:00:00Z"), t("2028-02-01T00:30:00Z")),
                (t("2028-02-28T10:00:00Z"), t("2028-02-28T11:00:00Z")),
            ],
        );
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        let r = slo_report(&profile, 0.999, SloWindow::CalendarMonth, as_of);
        assert_eq!(r.window, Span::new(t("2028-02-01T00:00:00Z"), as_of));
        assert!(close(r.budget_total_ms, 41.76 * MIN), "{r:?}");
        // 30 minutes after midnight on the 1st and the hour on the 28th; January's hour is not in.
        assert!(close(r.budget_used_ms, 90.0 * MIN), "{r:?}");
        assert!(close(r.budget_remaining_ms, (41.76 - 90.0) * MIN));
        // Thresholds scale with the month: 2 % × 29 × 24 = 13.92 for the hour.
        assert!(close(r.burn_rates[0].threshold, 13.92), "{:?}", r.burn_rates[0]);
        assert!(close(r.burn_rates[3].threshold, 0.1 * 29.0 / 3.0));
        // Month edges and lengths, including century rules and times before 1970.
        let cases = [
            ("2028-02-01T00:00:00Z", "2028-02-01T00:00:00Z", 29),
            ("2027-02-28T23:59:59Z", "2027-02-01T00:00:00Z", 28),
            ("2100-02-10T00:00:00Z", "2100-02-01T00:00:00Z", 28),
            ("2000-02-10T00:00:00Z", "2000-02-01T00:00:00Z", 29),
            ("2026-12-31T23:59:59Z", "2026-12-01T00:00:00Z", 31),
            ("2026-04-30T10:00:00Z", "2026-04-01T00:00:00Z", 30),
            ("1969-12-31T23:59:59Z", "1969-12-01T00:00:00Z", 31),
            ("1900-03-01T00:00:00Z", "1900-03-01T00:00:00Z", 31),
        ];
        for (at, start, days) in cases {
            let w = SloWindow::CalendarMonth;
            assert_eq!(w.span_at(t(at)), Span::new(t(start), t(at)), "{at}");
            assert_eq!(w.nominal_ms(t(at)), days * D, "{at}");
        }
    }

    #[test]
    fn calendar_months_at_the_edges() {
        // (label, as-of, month start, month length in days)
        let cases = [
            ("the leap day's last millisecond", "2024-02-29T23:59:59.999Z", "2024-02-01T00:00:00Z", 29),
            ("the day after the leap day", "2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z", 31),
            ("the year's last millisecond", "2025-12-31T23:59:59.999Z", "2025-12-01T00:00:00Z", 31),
            ("the new year's first instant", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 31),
            ("a leap February before 1970", "1968-02-29T06:00:00Z", "1968-02-01T00:00:00Z", 29),
            ("a February before 1970", "1969-02-15T00:00:00Z", "1969-02-01T00:00:00Z", 28),
            ("the epoch's month", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", 31),
        ];
        for (label, at, start, days) in cases {
            let w = SloWindow::CalendarMonth;
            assert_eq!(w.span_at(t(at)), Span::new(t(start), t(at)), "{label}");
            assert_eq!(w.nominal_ms(t(at)), days * D, "{label}");
        }
        // Beyond the calendar: the 30 days up to as-of.
        for at in [i64::MAX, i64::MIN + 40 * D] {
            let w = SloWindow::CalendarMonth;
            assert_eq!(w.span_at(at), Span::ending_at(at, 30 * D), "{at}");
            assert_eq!(w.nominal_ms(at), 30 * D, "{at}");
        }
    }

    #[test]
    fn exhaustion_projects_the_one_day_burn() {
        // 99 % over 7 days: budget 0.01 × 7 × 1440 = 100.8 min. Down 14.4 min in the last day
        // (1 d rate (14.4 / 1440) / 0.01 = 1): the budget goes at 0.01 ms per ms, so the 86.4
        // min left last 8640 min (6 days).
        let as_of = 30 * D;
        let s = snapshot(Span::new(0, as_of), &[(as_of - 12 * H, as_of - 12 * H + (14.4 * MIN) as i64)]);
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        let r = slo_report(&profile, 0.99, SloWindow::Rolling { days: 7 }, as_of);
        assert!(close(r.budget_total_ms, 100.8 * MIN));
        assert!(close_opt(r.burn_rates[2].rate, Some(1.0)), "{:?}", r.burn_rates[2]);
        assert!(close_opt(r.exhaustion_in_ms, Some(6.0 * D as f64)), "{r:?}");
    }

    #[test]
    fn no_data_is_no_budget_figure_not_a_whole_budget() {
        // Covered only from day 40 on: the 30 days ending at day 35 have no data at all.
        let as_of = 35 * D;
        let s = snapshot(Span::new(40 * D, 50 * D), &[]);
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        let r = slo_report(&profile, 0.99, SloWindow::default(), as_of);
        assert_eq!(r.availability_ratio, None);
        assert_eq!(r.budget_remaining_ratio, None, "no data, not 100 % left: {r:?}");
        assert_eq!(r.exhaustion_in_ms, None);
    }

    #[test]
    fn nonsense_targets_and_windows_never_panic() {
        let as_of = 40 * D;
        let s = snapshot(Span::new(0, as_of), &[(as_of - 10 * MS_PER_MINUTE, as_of)]);
        let profile = Profile::from_incidents(&s, "a", None, &Weights::STRICT);
        // A target of 100 % (or more, or NaN): no budget, no burn rate, already spent.
        for target in [1.0, 1.5, f64::NAN, f64::INFINITY] {
            let r = slo_report(&profile, target, SloWindow::default(), as_of);
            assert_eq!(r.budget_total_ms, 0.0, "{target}");
            assert!(close(r.budget_used_ms, 10.0 * MIN));
            assert!(close(r.budget_remaining_ms, -10.0 * MIN));
            assert_eq!(r.budget_remaining_ratio, None);
            assert!(r.burn_rates.iter().all(|b| b.rate.is_none() && b.short_rate.is_none() && !b.firing));
            assert_eq!(r.exhaustion_in_ms, Some(0.0), "{target}");
        }
        // 100 % with nothing down: nothing spent and nothing burning.
        let quiet = snapshot(Span::new(0, as_of), &[]);
        let quiet = Profile::from_incidents(&quiet, "a", None, &Weights::STRICT);
        assert_eq!(slo_report(&quiet, 1.0, SloWindow::default(), as_of).exhaustion_in_ms, None);
        // A negative target counts as 0: the whole window is budget.
        let r = slo_report(&profile, -3.0, SloWindow::Rolling { days: 1 }, as_of);
        assert!(close(r.budget_total_ms, D as f64));
        // A window of no days has no budget and never fires.
        let r = slo_report(&profile, 0.999, SloWindow::Rolling { days: 0 }, as_of);
        assert_eq!((r.window.duration_ms(), r.budget_total_ms), (0, 0.0));
        assert!(r.burn_rates.iter().all(|b| b.threshold == 0.0 && !b.firing));
        // Extreme instants and windows.
        for at in [i64::MIN, i64::MAX, 0, -1] {
            for w in [SloWindow::CalendarMonth, SloWindow::Rolling { days: u32::MAX }] {
                let r = slo_report(&profile, 0.999, w, at);
                assert!(r.window.start_ms <= r.window.end_ms);
            }
        }
    }
}
