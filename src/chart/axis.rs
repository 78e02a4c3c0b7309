//! Mapping time to pixels, and tick labels.

use time::{Month, Time};

use crate::model::calendar::{epoch_days_since_monday, first_of_month, instant_at, month_number, wall_clock};
use crate::model::format::{format_month_day, month_name};
use crate::model::{Span, TimeMs, MS_PER_DAY};

/// Maps `[span.start_ms, span.end_ms]` onto `[left_px, right_px]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    pub span: Span,
    pub left_px: i32,
    pub right_px: i32,
}

impl TimeScale {
    pub fn px_from_ms(&self, t_ms: TimeMs) -> f64 {
        let duration_ms = self.span.duration_ms().max(1) as f64;
        let width_px = f64::from(self.right_px - self.left_px);
        f64::from(self.left_px) + (t_ms - self.span.start_ms) as f64 / duration_ms * width_px
    }

    /// The time at the left edge of pixel column `x_px`.
    pub fn ms_from_px(&self, x_px: f64) -> TimeMs {
        let width_px = f64::from((self.right_px - self.left_px).max(1));
        let fraction = (x_px - f64::from(self.left_px)) / width_px;
        self.span.start_ms + (fraction * self.span.duration_ms() as f64).round() as i64
    }
}

const SECOND_MS: i64 = 1000;
const MINUTE_MS: i64 = 60 * SECOND_MS;
const HOUR_MS: i64 = 60 * MINUTE_MS;

/// A tick spacing: a fixed length, or whole calendar months (years are 12 months).
#[derive(Clone, Copy, Debug, PartialEq)]
enum TickStep {
    Fixed(i64),
    Months(i64),
}

/// From a second to a decade, the spacings people read without thinking.
const TICK_STEPS: [TickStep; 27] = [
    TickStep::Fixed(SECOND_MS),
    TickStep::Fixed(2 * SECOND_MS),
    TickStep::Fixed(5 * SECOND_MS),
    TickStep::Fixed(10 * SECOND_MS),
    TickStep::Fixed(15 * SECOND_MS),
    TickStep::Fixed(30 * SECOND_MS),
    TickStep::Fixed(MINUTE_MS),
    TickStep::Fixed(2 * MINUTE_MS),
    TickStep::Fixed(5 * MINUTE_MS),
    TickStep::Fixed(10 * MINUTE_MS),
    TickStep::Fixed(15 * MINUTE_MS),
    TickStep::Fixed(30 * MINUTE_MS),
    TickStep::Fixed(HOUR_MS),
    TickStep::Fixed(2 * HOUR_MS),
    TickStep::Fixed(3 * HOUR_MS),
    TickStep::Fixed(6 * HOUR_MS),
    TickStep::Fixed(12 * HOUR_MS),
    TickStep::Fixed(MS_PER_DAY),
    TickStep::Fixed(2 * MS_PER_DAY),
    TickStep::Fixed(7 * MS_PER_DAY),
    TickStep::Months(1),
    TickStep::Months(2),
    TickStep::Months(3),
    TickStep::Months(6),
    TickStep::Months(12),
    TickStep::Months(24),
    TickStep::Months(120),
];

impl TickStep {
    /// A typical length, to pick the step; months count as 30.44 days.
    fn nominal_ms(self) -> i64 {
        match self {
            TickStep::Fixed(ms) => ms,
            TickStep::Months(months) => months * 2_629_746_000,
        }
    }
}

/// Ticks inside `span`, at most about `max_ticks`, aligned in the clock `utc_offset_minutes` away
/// from UTC (0 for UTC): on whole seconds, minutes, hours, local midnights, Mondays, first days
/// of months or of years, whichever spacing fits. Labels name what changed: `13:10` within a
/// day, `Nov 19` at a midnight, `Nov` at a month, `2026` at a new year.
pub fn time_ticks(span: Span, max_ticks: usize, utc_offset_minutes: i32) -> Vec<(TimeMs, String)> {
    let offset_ms = i64::from(utc_offset_minutes) * MINUTE_MS;
    let duration_ms = span.duration_ms().max(1);
    let step = TICK_STEPS
        .into_iter()
        .find(|step| duration_ms / step.nominal_ms() < max_ticks.max(1) as i64)
        .unwrap_or(TickStep::Months(120));
    match step {
        TickStep::Fixed(step_ms) => {
            // Weeks start on Monday: 1970-01-01 falls that many days after one.
            let phase_ms =
                if step_ms == 7 * MS_PER_DAY { -epoch_days_since_monday() * MS_PER_DAY } else { 0 };
            // The first whole step (from the phase) at or after the start, on the local clock.
            let local_start_ms = span.start_ms.saturating_add(offset_ms);
            let rounded_up_ms = local_start_ms.saturating_sub(phase_ms).saturating_add(step_ms - 1);
            let first = rounded_up_ms.div_euclid(step_ms) * step_ms + phase_ms;
            (0i64..)
                .map_while(|k| first.checked_add(k.checked_mul(step_ms)?)?.checked_sub(offset_ms))
                .take_while(|t_ms| *t_ms < span.end_ms)
                .map(|t_ms| (t_ms, tick_label(t_ms, utc_offset_minutes, step)))
                .collect()
        }
        TickStep::Months(months) => {
            // Ticks need the calendar; a span it cannot place gets none.
            let Some(start) = wall_clock(span.start_ms, utc_offset_minutes) else { return Vec::new() };
            let mut number = month_number(start.date()).div_euclid(months) * months;
            let mut ticks = Vec::new();
            while let Some(t_ms) =
                first_of_month(number).and_then(|day| instant_at(day.midnight(), utc_offset_minutes))
            {
                if t_ms >= span.end_ms {
                    break;
                }
                if t_ms >= span.start_ms {
                    ticks.push((t_ms, tick_label(t_ms, utc_offset_minutes, step)));
                }
                number += months;
            }
            ticks
        }
    }
}

/// The label of a tick at `t_ms` on the clock `utc_offset_minutes` ahead of UTC.
fn tick_label(t_ms: TimeMs, utc_offset_minutes: i32, step: TickStep) -> String {
    let Some(at) = wall_clock(t_ms, utc_offset_minutes) else { return t_ms.to_string() };
    let midnight = at.time() == Time::MIDNIGHT;
    match step {
        TickStep::Months(_) if at.month() == Month::January => at.year().to_string(),
        TickStep::Months(_) => month_name(at.month()).to_string(),
        TickStep::Fixed(_) if midnight && at.ordinal() == 1 => at.year().to_string(),
        TickStep::Fixed(_) if midnight => format_month_day(t_ms, utc_offset_minutes),
        TickStep::Fixed(step_ms) if step_ms < MINUTE_MS => {
            format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second())
        }
        TickStep::Fixed(_) => format!("{:02}:{:02}", at.hour(), at.minute()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_and_times_round_trip() {
        let scale = TimeScale { span: Span::new(0, 1000), left_px: 100, right_px: 200 };
        assert_eq!(scale.px_from_ms(500), 150.0);
        assert_eq!(scale.ms_from_px(150.0), 500);
    }

    fn utc(text: &str) -> TimeMs {
        crate::model::parse_rfc3339_ms(text).expect("test time")
    }

    #[test]
    fn ticks_fit_every_zoom_level() {
        let labels = |start: &str, end: &str, max: usize, offset: i32| -> Vec<String> {
            time_ticks(Span::new(utc(start), utc(end)), max, offset).into_iter().map(|(_, l)| l).collect()
        };
        // 30 s at 10 ticks: every 5 seconds, from the start when it falls on one.
        assert_eq!(
            labels("2026-11-19T13:10:05Z", "2026-11-19T13:10:35Z", 10, 0),
            ["13:10:05", "13:10:10", "13:10:15", "13:10:20", "13:10:25", "13:10:30"],
            "seconds"
        );
        // An afternoon at 6 ticks: every 2 hours.
        assert_eq!(
            labels("2026-11-19T12:00:00Z", "2026-11-19T23:00:00Z", 6, 0),
            ["12:00", "14:00", "16:00", "18:00", "20:00", "22:00"],
            "hours"
        );
        // Across midnight the date replaces 00:00.
        assert_eq!(
            labels("2026-11-19T20:00:00Z", "2026-11-20T05:00:00Z", 4, 0),
            ["21:00", "Nov 20", "03:00"]
        );
        // 30 days at 8 ticks: weekly, on Mondays (2026-11-02 was a Monday).
        assert_eq!(
            labels("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", 8, 0),
            ["Nov 2", "Nov 9", "Nov 16", "Nov 23", "Nov 30"],
            "weeks"
        );
        // Two years: quarters, and the year at January.
        assert_eq!(
            labels("2025-11-15T00:00:00Z", "2026-11-15T00:00:00Z", 5, 0),
            ["2026", "Apr", "Jul", "Oct"],
            "quarters"
        );
        // Local midnight at UTC+05:30 is 18:30 UTC the day before.
        let ticks = time_ticks(Span::new(utc("2026-11-18T12:00:00Z"), utc("2026-11-20T12:00:00Z")), 3, 330);
        assert_eq!(ticks[0], (utc("2026-11-18T18:30:00Z"), "Nov 19".to_string()), "offset days");
        // The leap day is a day like any other.
        assert_eq!(labels("2028-02-28T12:00:00Z", "2028-03-01T12:00:00Z", 3, 0), ["Feb 29", "Mar 1"]);
    }

    #[test]
    fn calendar_ticks_at_the_edges() {
        let ticks = |start: &str, end: &str, max: usize, offset: i32| -> Vec<(TimeMs, String)> {
            time_ticks(Span::new(utc(start), utc(end)), max, offset)
        };
        let at = |text: &str, label: &str| (utc(text), label.to_string());
        // (label, start, end, max ticks, offset minutes, the ticks)
        let cases = [
            (
                "days across the leap day",
                ("2024-02-27T12:00:00Z", "2024-03-02T12:00:00Z", 5, 0),
                vec![
                    at("2024-02-28T00:00:00Z", "Feb 28"),
                    at("2024-02-29T00:00:00Z", "Feb 29"),
                    at("2024-03-01T00:00:00Z", "Mar 1"),
                    at("2024-03-02T00:00:00Z", "Mar 2"),
                ],
            ),
            (
                "months across the leap February",
                ("2024-01-15T00:00:00Z", "2024-05-15T00:00:00Z", 5, 0),
                vec![
                    at("2024-02-01T00:00:00Z", "Feb"),
                    at("2024-03-01T00:00:00Z", "Mar"),
                    at("2024-04-01T00:00:00Z", "Apr"),
                    at("2024-05-01T00:00:00Z", "May"),
                ],
            ),
            (
                "the year boundary in New York is 05:00 UTC",
                ("2025-12-30T12:00:00Z", "2026-01-02T12:00:00Z", 4, -300),
                vec![
                    at("2025-12-31T05:00:00Z", "Dec 31"),
                    at("2026-01-01T05:00:00Z", "2026"),
                    at("2026-01-02T05:00:00Z", "Jan 2"),
                ],
            ),
            (
                "midnight at UTC−03:00 falls on the next UTC day",
                ("2026-11-18T20:00:00Z", "2026-11-19T08:00:00Z", 5, -180),
                vec![
                    at("2026-11-18T21:00:00Z", "18:00"),
                    at("2026-11-19T00:00:00Z", "21:00"),
                    at("2026-11-19T03:00:00Z", "Nov 19"),
                    at("2026-11-19T06:00:00Z", "03:00"),
                ],
            ),
            (
                "a new year's month at UTC−03:00",
                ("2025-11-15T00:00:00Z", "2026-02-15T00:00:00Z", 4, -180),
                vec![
                    at("2025-12-01T03:00:00Z", "Dec"),
                    at("2026-01-01T03:00:00Z", "2026"),
                    at("2026-02-01T03:00:00Z", "Feb"),
                ],
            ),
            (
                "weeks on Mondays before 1970 (1969-12-29 was a Monday)",
                ("1969-12-20T00:00:00Z", "1970-01-10T00:00:00Z", 4, 0),
                vec![
                    at("1969-12-22T00:00:00Z", "Dec 22"),
                    at("1969-12-29T00:00:00Z", "Dec 29"),
                    at("1970-01-05T00:00:00Z", "Jan 5"),
                ],
            ),
            (
                "years before 1970",
                ("1966-06-01T00:00:00Z", "1969-06-01T00:00:00Z", 4, 0),
                vec![
                    at("1967-01-01T00:00:00Z", "1967"),
                    at("1968-01-01T00:00:00Z", "1968"),
                    at("1969-01-01T00:00:00Z", "1969"),
                ],
            ),
        ];
        for (label, (start, end, max, offset), want) in cases {
            assert_eq!(ticks(start, end, max, offset), want, "{label}");
        }
        // Spans the calendar cannot place get no month ticks rather than a panic or an endless loop.
        assert_eq!(
            time_ticks(Span::new(i64::MAX - 10 * 365 * MS_PER_DAY, i64::MAX), 5, 0),
            Vec::new(),
            "far future"
        );
        let near_the_end = time_ticks(Span::new(i64::MAX - 10_000, i64::MAX), 5, 60);
        assert!(near_the_end.len() <= 6, "seconds at the end of time: {near_the_end:?}");
    }

    #[test]
    fn month_ticks_start_the_slo_calendar_months() {
        // 61 years of monthly ticks in UTC, across 1970, 2000 and every leap February between:
        // each tick starts the month an SLO calendar window there covers, and the next one ends it.
        let ticks = time_ticks(Span::new(utc("1968-01-15T00:00:00Z"), utc("2029-01-15T00:00:00Z")), 800, 0);
        assert_eq!(ticks.len(), 61 * 12, "one tick a month");
        for pair in ticks.windows(2) {
            let ((start_ms, label), (next_ms, _)) = (&pair[0], &pair[1]);
            let window = crate::analysis::SloWindow::CalendarMonth;
            assert_eq!(window.span_at(*start_ms).start_ms, *start_ms, "{label} at {start_ms}");
            assert_eq!(window.span_at(next_ms - 1).start_ms, *start_ms, "{label} ends at {next_ms}");
            assert_eq!(window.nominal_ms(*start_ms), next_ms - start_ms, "{label} at {start_ms}");
        }
    }
}
