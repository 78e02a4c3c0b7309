//! Text for people and files: instants, dates, durations and percentages, written the same way by
//! the dashboard, the charts' text and CSV, the importers' messages and the command-line tool.
//!
//! Contract: pure functions of their inputs, nothing here panics. Instants are read through
//! [`super::calendar`] at a fixed UTC offset in minutes (0 for UTC); one the calendar cannot
//! place (beyond the years ±9999) reads as its plain millisecond count rather than failing.
//! Percentages of measured ratios are rounded down, never up: 99.9996 % reads `99.999 %`, and
//! only a ratio of 1 reads `100.000 %`.
//!
//! The layouts are written from the calendar fields directly rather than with the `time` crate's
//! formatting machinery, which would add a tenth to the web bundle for a handful of fixed layouts.

use time::{Date, Month, PrimitiveDateTime, Weekday};

use super::calendar::wall_clock;
use super::{TimeMs, MS_PER_DAY};

/// What a missing ratio reads.
pub const NO_DATA: &str = "no data";

/// The one table of month names, January first.
const MONTH_NAMES: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The short English name of `month`: `Jan` … `Dec`.
pub fn month_name(month: Month) -> &'static str {
    MONTH_NAMES.get(usize::from(u8::from(month)) - 1).copied().unwrap_or("?")
}

/// The month a short English name (`Nov`) names, as [`month_name`] writes it: for readers of
/// text that uses the same names.
pub fn month_from_name(name: &str) -> Option<Month> {
    let index = MONTH_NAMES.iter().position(|m| *m == name)?;
    Month::try_from(u8::try_from(index + 1).ok()?).ok()
}

/// The short English name of `day`: `Mon` … `Sun`.
fn weekday_name(day: Weekday) -> &'static str {
    const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    NAMES.get(usize::from(day.number_days_from_monday())).copied().unwrap_or("?")
}

/// `2026-11-19`.
fn date_text(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// `13:10`.
fn hour_minute_text(at: PrimitiveDateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// `2026-11-19T13:10:00Z` (seconds precision, trailing zero milliseconds dropped).
pub fn format_rfc3339(ms: TimeMs) -> String {
    let Some(at) = wall_clock(ms, 0) else { return ms.to_string() };
    let millis = at.millisecond();
    let fraction = if millis == 0 { String::new() } else { format!(".{millis:03}") };
    format!("{}T{}:{:02}{fraction}Z", date_text(at.date()), hour_minute_text(at), at.second())
}

/// `2026-11-19 13:10 UTC`, for people.
pub fn format_utc_minute(ms: TimeMs) -> String {
    let Some(at) = wall_clock(ms, 0) else { return ms.to_string() };
    format!("{} {} UTC", date_text(at.date()), hour_minute_text(at))
}

/// `2026-11-19 13:10 UTC` or `2026-11-19 08:10 UTC−05:00`: an instant in the clock
/// `utc_offset_minutes` ahead of UTC, to the second when it has seconds.
pub fn format_instant(t_ms: TimeMs, utc_offset_minutes: i32) -> String {
    let Some(at) = wall_clock(t_ms, utc_offset_minutes) else { return t_ms.to_string() };
    let seconds = if at.second() == 0 { String::new() } else { format!(":{:02}", at.second()) };
    format!("{} {}{seconds} {}", date_text(at.date()), hour_minute_text(at), zone_name(utc_offset_minutes))
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

/// The calendar date (`2026-11-19`) of `t_ms` in the clock `utc_offset_minutes` ahead of UTC.
pub fn format_date(t_ms: TimeMs, utc_offset_minutes: i32) -> String {
    wall_clock(t_ms, utc_offset_minutes).map_or_else(|| t_ms.to_string(), |at| date_text(at.date()))
}

/// The UTC date (`2025-07-22`) of day number `day`, counted from 1970-01-01; beyond the calendar,
/// the day number itself.
pub fn format_day(day: i64) -> String {
    match day.checked_mul(MS_PER_DAY).and_then(|ms| wall_clock(ms, 0)) {
        Some(at) => date_text(at.date()),
        None => day.to_string(),
    }
}

/// `Nov 19`: the month and day of `t_ms` in the clock `utc_offset_minutes` ahead of UTC.
pub fn format_month_day(t_ms: TimeMs, utc_offset_minutes: i32) -> String {
    let Some(at) = wall_clock(t_ms, utc_offset_minutes) else { return t_ms.to_string() };
    format!("{} {}", month_name(at.month()), at.day())
}

/// The short weekday name (`Thu`) of `t_ms` in the clock `utc_offset_minutes` ahead of UTC;
/// empty beyond the calendar.
pub fn format_weekday(t_ms: TimeMs, utc_offset_minutes: i32) -> &'static str {
    wall_clock(t_ms, utc_offset_minutes).map_or("", |at| weekday_name(at.weekday()))
}

/// A duration as people say it, to the minute below three days: `45 s`, `12 min`,
/// `6 h 30 min`, `24 h 55 min`; from three days on to the hour: `3 d 4 h`.
pub fn format_duration_ms(duration_ms: i64) -> String {
    let total_s = duration_ms.max(0) / 1000;
    let (hours, m, s) = (total_s / 3600, total_s / 60 % 60, total_s % 60);
    match (hours, m) {
        (0, 0) => format!("{s} s"),
        (0, m) => format!("{m} min"),
        (h, 0) if h < 72 => format!("{h} h"),
        (h, m) if h < 72 => format!("{h} h {m} min"),
        (h, _) if h % 24 == 0 => format!("{} d", h / 24),
        (h, _) => format!("{} d {} h", h / 24, h % 24),
    }
}

/// A duration to the second, so that short blips keep their size: `10 s`, `1 min 30 s`,
/// `10 h 50 min`, `24 h 55 min`; from three days on `3 d 4 h 10 min`. Under a second it reads in
/// milliseconds (`250 ms`); anything else is rounded to the nearest second. Negative and NaN
/// durations read `0 s`.
pub fn format_duration_exact(duration_ms: f64) -> String {
    let ms = if duration_ms.is_finite() { duration_ms.max(0.0).round() } else { 0.0 };
    if ms > 0.0 && ms < 1000.0 {
        return format!("{ms:.0} ms");
    }
    // `as` saturates, so absurd durations stay finite.
    let total_s = (ms / 1000.0).round() as i64;
    let (hours, minutes, seconds) = (total_s / 3600, total_s / 60 % 60, total_s % 60);
    let (days, hours) = if hours < 72 { (0, hours) } else { (hours / 24, hours % 24) };
    let mut text = String::new();
    for (value, unit) in [(days, "d"), (hours, "h"), (minutes, "min"), (seconds, "s")] {
        if value > 0 {
            let space = if text.is_empty() { "" } else { " " };
            text += &format!("{space}{value} {unit}");
        }
    }
    if text.is_empty() {
        text.push_str("0 s");
    }
    text
}

/// The most decimals [`format_percent`] writes; beyond them an `f64` has no digits left to show.
const MAX_PERCENT_DECIMALS: u8 = 9;

/// How far below 1 a ratio may be and still count as 1: the noise of adding and dividing
/// `f64`s, far below any measured shortfall (one millisecond down in 30 years is 1e-12).
const RATIO_NOISE: f64 = 1e-13;

/// `ratio` as a percentage with `decimals` decimals (at most 9), rounded down so that it never
/// claims more than was measured: 0.999996 reads `99.999 %` with three decimals, and only a
/// ratio of 1 reads `100.000 %`. NaN reads `NaN %`.
pub fn format_percent(ratio: f64, decimals: u8) -> String {
    let decimals = decimals.min(MAX_PERCENT_DECIMALS);
    // Units of the last decimal shown, per whole.
    let scale = 10f64.powi(i32::from(decimals) + 2);
    // Decimal ratios such as 0.9995 are stored a hair below themselves: a millionth of the last
    // decimal keeps them from flooring to 99.949 %.
    let mut units = (ratio * scale + 1e-6).floor();
    // That allowance must not lift a measured shortfall to 100 %.
    if ratio < 1.0 - RATIO_NOISE {
        units = units.min(scale - 1.0);
    }
    // Adding 0.0 turns a negative zero into a positive one, so "-0.000 %" never appears.
    let percent = units / scale * 100.0 + 0.0;
    format!("{percent:.prec$} %", prec = usize::from(decimals))
}

/// An availability as people read it: [`format_percent`] with two decimals, three from 99.9 %
/// up. `None` reads [`NO_DATA`].
pub fn format_availability(ratio: Option<f64>) -> String {
    let Some(ratio) = ratio else { return NO_DATA.into() };
    format_percent(ratio, if ratio >= 0.999 { 3 } else { 2 })
}

/// A gridline's label, `99.95 %`: [`format_percent`] with as many decimals as the value needs (at
/// most three), so that round values computed with a little noise either side read as themselves.
pub fn percent_label(ratio: f64) -> String {
    let percent = ratio * 100.0;
    let decimals = (0..3u8)
        .find(|decimals| {
            let scaled = percent * 10f64.powi(i32::from(*decimals));
            (scaled.round() - scaled).abs() < 1e-6
        })
        .unwrap_or(3);
    format_percent(ratio, decimals)
}

/// A probe's up-ratio as measured: `0.998`.
pub fn format_up_ratio(ratio: f64) -> String {
    format!("{ratio:.3}")
}

/// A response time to the millisecond: `182 ms`.
pub fn format_latency_ms(latency_ms: f64) -> String {
    format!("{latency_ms:.0} ms")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_rfc3339_ms;

    fn t(text: &str) -> TimeMs {
        parse_rfc3339_ms(text).unwrap_or_else(|| panic!("bad test time {text}"))
    }

    #[test]
    fn instants_in_utc() {
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(format_utc_minute(1_795_093_800_000), "2026-11-19 13:10 UTC");
        assert_eq!(format_month_day(1_795_093_800_000, 0), "Nov 19");
        assert_eq!(format_month_day(0, 0), "Jan 1");
        assert_eq!(format_day(20_291), "2025-07-22");
        // Beyond the calendar: the millisecond count, or the day number.
        assert_eq!(format_rfc3339(i64::MAX), i64::MAX.to_string());
        assert_eq!(format_day(i64::MIN), i64::MIN.to_string());
    }

    #[test]
    fn instants_read_in_the_chart_clock() {
        let t = t("2026-11-19T13:10:00Z");
        assert_eq!(format_instant(t, 0), "2026-11-19 13:10 UTC");
        assert_eq!(format_instant(t, -300), "2026-11-19 08:10 UTC−05:00");
        assert_eq!(format_instant(t + 5_000, 330), "2026-11-19 18:40:05 UTC+05:30");
    }

    #[test]
    fn local_dates_weekdays_and_offsets() {
        // (label, instant, offset minutes, date, weekday, month and day)
        let cases = [
            ("Thursday in UTC", "2026-11-19T13:10:00Z", 0, "2026-11-19", "Thu", "Nov 19"),
            (
                "late Thursday UTC is Friday in Sydney",
                "2026-11-19T14:00:00Z",
                600,
                "2026-11-20",
                "Fri",
                "Nov 20",
            ),
            (
                "early Thursday UTC is Wednesday in New York",
                "2026-11-19T03:00:00Z",
                -300,
                "2026-11-18",
                "Wed",
                "Nov 18",
            ),
            ("the epoch", "1970-01-01T00:00:00Z", 0, "1970-01-01", "Thu", "Jan 1"),
            ("before the epoch", "1969-12-31T23:59:59Z", 0, "1969-12-31", "Wed", "Dec 31"),
            ("the leap day", "2024-02-29T12:00:00Z", 0, "2024-02-29", "Thu", "Feb 29"),
            ("the leap day's end at UTC+1", "2024-02-29T23:30:00Z", 60, "2024-03-01", "Fri", "Mar 1"),
            (
                "New Year in UTC, New Year's Eve in New York",
                "2026-01-01T01:00:00Z",
                -300,
                "2025-12-31",
                "Wed",
                "Dec 31",
            ),
            ("before 1970 at UTC−12", "1900-03-01T06:00:00Z", -720, "1900-02-28", "Wed", "Feb 28"),
        ];
        for (label, text, offset, date, weekday, month_day) in cases {
            assert_eq!(format_date(t(text), offset), date, "{label}");
            assert_eq!(format_weekday(t(text), offset), weekday, "{label}");
            assert_eq!(format_month_day(t(text), offset), month_day, "{label}");
        }
        assert_eq!(format_weekday(i64::MAX, 0), "", "beyond the calendar");
    }

    #[test]
    fn month_names_read_both_ways() {
        for number in 1..=12u8 {
            let month = Month::try_from(number).unwrap_or_else(|e| panic!("{number}: {e}"));
            assert_eq!(month_from_name(month_name(month)), Some(month), "{number}");
        }
        assert_eq!(month_name(Month::November), "Nov");
        assert_eq!(month_from_name("November"), None);
    }

    #[test]
    fn durations_read_like_speech() {
        let cases = [
            (10_000, "10 s"),
            (12 * 60_000, "12 min"),
            (2 * 3_600_000, "2 h"),
            (6 * 3_600_000 + 30 * 60_000, "6 h 30 min"),
            (24 * 3_600_000 + 55 * 60_000, "24 h 55 min"),
            (76 * 3_600_000 + 59 * 60_000, "3 d 4 h"),
            (96 * 3_600_000, "4 d"),
            (-5, "0 s"),
        ];
        for (ms, want) in cases {
            assert_eq!(format_duration_ms(ms), want, "{ms} ms");
        }
    }

    #[test]
    fn exact_durations_keep_their_seconds() {
        let cases = [
            ("a blip", 10_000.0, "10 s"),
            ("a minute and a half", 90_000.0, "1 min 30 s"),
            ("MO1221364 on Thursday: 390 + 260 min", 650.0 * 60_000.0, "10 h 50 min"),
            ("the whole incident: 24 h 55 min", (24.0 * 60.0 + 55.0) * 60_000.0, "24 h 55 min"),
            ("a whole day", 86_400_000.0, "24 h"),
            ("three days and a bit", (72.0 * 60.0 + 10.0) * 60_000.0 + 4_000.0, "3 d 10 min 4 s"),
            ("under a second", 250.4, "250 ms"),
            ("rounds to the second", 10_499.0, "10 s"),
            ("nothing", 0.0, "0 s"),
            ("negative", -5.0, "0 s"),
            ("not a number", f64::NAN, "0 s"),
        ];
        for (label, ms, want) in cases {
            assert_eq!(format_duration_exact(ms), want, "{label}");
        }
    }

    #[test]
    fn percentages_never_round_up() {
        // (label, ratio, decimals, want): the percentage's digits cut after the last decimal.
        let cases = [
            ("nothing", 0.0, 3, "0.000 %"),
            ("negative zero", -0.0, 3, "0.000 %"),
            ("everything", 1.0, 3, "100.000 %"),
            ("everything, whole", 1.0, 0, "100 %"),
            ("99.995 % exactly", 0.99995, 3, "99.995 %"),
            ("99.995 % to two decimals", 0.99995, 2, "99.99 %"),
            ("99.9996 % is not 100 %", 0.999996, 3, "99.999 %"),
            ("99.9996 % to no decimals", 0.999996, 0, "99 %"),
            ("one millisecond in ten years", 1.0 - 1.0 / 315_360_000_000.0, 3, "99.999 %"),
            ("the largest f64 below 1 is noise", 1.0 - f64::EPSILON / 2.0, 3, "100.000 %"),
            ("0.9995 is stored below itself", 0.9995, 3, "99.950 %"),
            ("96.5393 %", 0.965393, 2, "96.53 %"),
            ("a half", 0.5, 1, "50.0 %"),
            ("more than nine decimals are nine", 0.5, 12, "50.000000000 %"),
            ("not a number", f64::NAN, 3, "NaN %"),
        ];
        for (label, ratio, decimals, want) in cases {
            assert_eq!(format_percent(ratio, decimals), want, "{label}");
        }
    }

    #[test]
    fn availability_is_never_rounded_up() {
        let cases = [
            (Some(1.0), "100.000 %"),
            (Some(0.999996), "99.999 %"),
            (Some(0.9995), "99.950 %"),
            (Some(0.965393), "96.53 %"),
            (Some(0.999), "99.900 %"),
            (Some(0.99899), "99.89 %"),
            (Some(f64::NAN), "NaN %"),
            (None, "no data"),
        ];
        for (ratio, want) in cases {
            assert_eq!(format_availability(ratio), want, "{ratio:?}");
        }
    }

    #[test]
    fn percent_labels_show_the_nines() {
        let cases = [
            (1.0, "100 %"),
            (0.9995, "99.95 %"),
            (0.99, "99 %"),
            (0.999, "99.9 %"),
            (0.12345, "12.345 %"),
            // Gridlines computed with noise either side of a round value read as that value.
            (0.99 + (1.0 - 0.99) * 4.0 / 4.0, "100 %"),
            (1.0 - f64::EPSILON, "100 %"),
            (-0.25, "-25 %"),
        ];
        for (ratio, want) in cases {
            assert_eq!(percent_label(ratio), want, "{ratio}");
        }
    }

    #[test]
    fn probe_values() {
        assert_eq!(format_up_ratio(0.25), "0.250");
        assert_eq!(format_latency_ms(182.4), "182 ms");
    }
}
