//! Mapping time to pixels, and tick labels.

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
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

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

/// Civil date (year, month 1..=12, day) of a day count since 1970-01-01 (Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Days since 1970-01-01 of a civil date (the inverse of [`civil_from_days`]).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The month name, `Jan` … `Dec`.
fn month_name(month: i64) -> &'static str {
    MONTHS.get((month - 1).clamp(0, 11) as usize).copied().unwrap_or("?")
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
    let (local_start_ms, local_end_ms) = (span.start_ms + offset_ms, span.end_ms + offset_ms);
    let local_ticks: Vec<TimeMs> = match step {
        TickStep::Fixed(step_ms) => {
            // Weeks start on Monday: 1970-01-01 was a Thursday, 3 days after one.
            let phase_ms = if step_ms == 7 * MS_PER_DAY { -3 * MS_PER_DAY } else { 0 };
            let first = (local_start_ms - phase_ms + step_ms - 1).div_euclid(step_ms) * step_ms + phase_ms;
            (0..).map(|k| first + k * step_ms).take_while(|t| *t < local_end_ms).collect()
        }
        TickStep::Months(months) => {
            let (year, month, _) = civil_from_days(local_start_ms.div_euclid(MS_PER_DAY));
            let mut index = (year * 12 + month - 1).div_euclid(months) * months;
            let mut ticks = Vec::new();
            loop {
                let t = days_from_civil(index.div_euclid(12), index.rem_euclid(12) + 1, 1) * MS_PER_DAY;
                if t >= local_end_ms {
                    break ticks;
                }
                if t >= local_start_ms {
                    ticks.push(t);
                }
                index += months;
            }
        }
    };
    local_ticks.into_iter().map(|local_ms| (local_ms - offset_ms, tick_label(local_ms, step))).collect()
}

/// The label of a tick at local time `local_ms`.
fn tick_label(local_ms: TimeMs, step: TickStep) -> String {
    let days = local_ms.div_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let in_day_ms = local_ms - days * MS_PER_DAY;
    let (hour, minute, second) =
        (in_day_ms / HOUR_MS, in_day_ms / MINUTE_MS % 60, in_day_ms / SECOND_MS % 60);
    match step {
        TickStep::Months(_) if month == 1 => year.to_string(),
        TickStep::Months(_) => month_name(month).to_string(),
        TickStep::Fixed(_) if in_day_ms == 0 && month == 1 && day == 1 => year.to_string(),
        TickStep::Fixed(_) if in_day_ms == 0 => format!("{} {day}", month_name(month)),
        TickStep::Fixed(step_ms) if step_ms < MINUTE_MS => format!("{hour:02}:{minute:02}:{second:02}"),
        TickStep::Fixed(_) => format!("{hour:02}:{minute:02}"),
    }
}

/// `2026-11-19 13:10 UTC` or `2026-11-19 08:10 UTC−05:00`: an instant in the chart's clock, to
/// the second when it has seconds.
pub fn format_instant(t_ms: TimeMs, utc_offset_minutes: i32) -> String {
    let local_ms = t_ms + i64::from(utc_offset_minutes) * MINUTE_MS;
    let days = local_ms.div_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let in_day_ms = local_ms - days * MS_PER_DAY;
    let (hour, minute, second) =
        (in_day_ms / HOUR_MS, in_day_ms / MINUTE_MS % 60, in_day_ms / SECOND_MS % 60);
    let seconds = if second == 0 { String::new() } else { format!(":{second:02}") };
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}{seconds} {}", zone_name(utc_offset_minutes))
}

/// `UTC`, `UTC+05:30`, `UTC−05:00`.
pub fn zone_name(utc_offset_minutes: i32) -> String {
    if utc_offset_minutes == 0 {
        return "UTC".into();
    }
    let sign = if utc_offset_minutes < 0 { '−' } else { '+' };
    let minutes = utc_offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `99.95 %`, with as many decimals as the value needs (at most three).
pub fn percent_label(ratio: f64) -> String {
    let percent = ratio * 100.0;
    for decimals in 0..3 {
        let scale = 10f64.powi(decimals);
        if ((percent * scale).round() - percent * scale).abs() < 1e-6 {
            return format!("{percent:.prec$} %", prec = decimals as usize);
        }
    }
    format!("{percent:.3} %")
}

/// An availability as people read it: two decimals, three from 99.9 % up, always rounded
/// down so that 99.9996 % never shows as 100 %. `None` reads "no data".
pub fn format_availability(ratio: Option<f64>) -> String {
    let Some(ratio) = ratio else { return "no data".into() };
    let decimals = if ratio >= 0.999 { 3 } else { 2 };
    let scale = 10f64.powi(decimals + 2);
    // The small epsilon keeps exact values such as 0.9995 from flooring to 99.949.
    let floored = ((ratio * scale) + 1e-6).floor() / scale * 100.0;
    format!("{floored:.prec$} %", prec = decimals as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_labels_show_the_nines() {
        let cases =
            [(1.0, "100 %"), (0.9995, "99.95 %"), (0.99, "99 %"), (0.999, "99.9 %"), (0.12345, "12.345 %")];
        for (ratio, want) in cases {
            assert_eq!(percent_label(ratio), want, "{ratio}");
        }
    }

    #[test]
    fn availability_is_never_rounded_up() {
        let cases = [
            (Some(1.0), "100.000 %"),
            (Some(0.999996), "99.999 %"),
            (Some(0.9995), "99.950 %"),
            (Some(0.965393), "96.53 %"),
            (None, "no data"),
        ];
        for (ratio, want) in cases {
            assert_eq!(format_availability(ratio), want, "{ratio:?}");
        }
    }

    #[test]
    fn pixels_and_times_round_trip() {
        let scale = TimeScale { span: Span::new(0, 1000), left_px: 100, right_px: 200 };
        assert_eq!(scale.px_from_ms(500), 150.0);
        assert_eq!(scale.ms_from_px(150.0), 500);
    }

    fn utc(text: &str) -> TimeMs {
        crate::model::timefmt::parse_rfc3339_ms(text).expect("test time")
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
    fn civil_dates_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_776, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{days}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(days_from_civil(2028, 2, 29)), (2028, 2, 29));
    }

    #[test]
    fn instants_read_in_the_chart_clock() {
        let t = utc("2026-11-19T13:10:00Z");
        assert_eq!(format_instant(t, 0), "2026-11-19 13:10 UTC");
        assert_eq!(format_instant(t, -300), "2026-11-19 08:10 UTC−05:00");
        assert_eq!(format_instant(t + 5_000, 330), "2026-11-19 18:40:05 UTC+05:30");
    }
}
