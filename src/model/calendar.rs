//! Calendar arithmetic, all of it done by the `time` crate: what a clock at a fixed UTC offset
//! reads at an instant, the instant at which it reads a given date and time, and calendar months.
//!
//! The calendar is the proleptic Gregorian one over the years −9999 to 9999 that `time` covers
//! (no status data comes near either end). Outside them, and where adding an offset would
//! overflow, every function returns `None` and the caller chooses what to show instead. Offsets
//! are plain minutes added to the instant, so any `i32` is accepted. Pure; nothing here panics.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime};

use super::{Span, TimeMs, MS_PER_DAY, MS_PER_MINUTE};

/// What a clock `utc_offset_minutes` ahead of UTC (0 for UTC, negative west of it) reads at
/// `t_ms`: its date and time of day, to the millisecond.
pub fn wall_clock(t_ms: TimeMs, utc_offset_minutes: i32) -> Option<PrimitiveDateTime> {
    let local_ms = t_ms.checked_add(i64::from(utc_offset_minutes) * MS_PER_MINUTE)?;
    let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(local_ms) * 1_000_000).ok()?;
    Some(PrimitiveDateTime::new(at.date(), at.time()))
}

/// The instant at which a clock `utc_offset_minutes` ahead of UTC reads `at` (the inverse of
/// [`wall_clock`]).
pub fn instant_at(at: PrimitiveDateTime, utc_offset_minutes: i32) -> Option<TimeMs> {
    let local_ms = i64::try_from(at.assume_utc().unix_timestamp_nanos() / 1_000_000).ok()?;
    local_ms.checked_sub(i64::from(utc_offset_minutes) * MS_PER_MINUTE)
}

/// The calendar month of `date` as a count of months since January of the year 0, so that N
/// months later is N more.
pub fn month_number(date: Date) -> i64 {
    i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1
}

/// The first day of the month numbered `month_number` as [`month_number`] counts them.
pub fn first_of_month(month_number: i64) -> Option<Date> {
    let year = i32::try_from(month_number.div_euclid(12)).ok()?;
    let month = Month::try_from(u8::try_from(month_number.rem_euclid(12) + 1).ok()?).ok()?;
    Date::from_calendar_date(year, month, 1).ok()
}

/// The whole UTC calendar month that holds `t_ms`, from its first midnight to the next month's.
pub fn utc_month_of(t_ms: TimeMs) -> Option<Span> {
    let date = wall_clock(t_ms, 0)?.date();
    let start_ms = instant_at(date.replace_day(1).ok()?.midnight(), 0)?;
    let length_days = i64::from(date.month().length(date.year()));
    Some(Span::new(start_ms, start_ms.checked_add(length_days * MS_PER_DAY)?))
}

/// How many days 1970-01-01 (a Thursday) falls after the Monday that starts its week: 3. Weekly
/// steps count from that Monday so that weeks start on Mondays.
pub fn epoch_days_since_monday() -> i64 {
    i64::from(OffsetDateTime::UNIX_EPOCH.weekday().number_days_from_monday())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_rfc3339_ms;

    fn t(text: &str) -> TimeMs {
        parse_rfc3339_ms(text).unwrap_or_else(|| panic!("bad test time {text}"))
    }

    #[test]
    fn wall_clocks_at_the_edges() {
        // (label, instant, offset minutes, the clock's reading as RFC 3339 without a zone)
        let cases = [
            ("the epoch", "1970-01-01T00:00:00Z", 0, "1970-01-01T00:00:00"),
            ("the leap day", "2024-02-29T12:00:00Z", 0, "2024-02-29T12:00:00"),
            ("the leap day ends at UTC+1", "2024-02-29T23:30:00Z", 60, "2024-03-01T00:30:00"),
            (
                "New Year's Eve in UTC is New Year in Sydney",
                "2025-12-31T14:00:00Z",
                600,
                "2026-01-01T00:00:00",
            ),
            (
                "New Year in UTC is still the old year in New York",
                "2026-01-01T03:00:00Z",
                -300,
                "2025-12-31T22:00:00",
            ),
            (
                "a negative offset crossing midnight",
                "2026-11-19T02:59:59.999Z",
                -180,
                "2026-11-18T23:59:59.999",
            ),
            ("before 1970", "1969-12-31T23:59:59.999Z", 0, "1969-12-31T23:59:59.999"),
            ("before 1970 at UTC−12", "1900-03-01T06:00:00Z", -720, "1900-02-28T18:00:00"),
        ];
        for (label, at, offset, want) in cases {
            let clock = wall_clock(t(at), offset).unwrap_or_else(|| panic!("{label}: out of range"));
            let got = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
                clock.year(),
                u8::from(clock.month()),
                clock.day(),
                clock.hour(),
                clock.minute(),
                clock.second(),
                if clock.millisecond() == 0 { String::new() } else { format!(".{:03}", clock.millisecond()) }
            );
            assert_eq!(got, want, "{label}");
            assert_eq!(instant_at(clock, offset), Some(t(at)), "{label}: round trip");
        }
        // Beyond what `time` covers, or past what an offset can be added to: no reading.
        assert_eq!(wall_clock(i64::MAX, 0), None, "far future");
        assert_eq!(wall_clock(i64::MIN, 0), None, "far past");
        assert_eq!(wall_clock(i64::MAX - 1, 60), None, "overflowing offset");
    }

    #[test]
    fn months_and_weekdays() {
        // (label, instant, month start, month length in days)
        let cases = [
            ("the leap day", "2024-02-29T23:59:59Z", "2024-02-01T00:00:00Z", 29),
            ("February 2100 is not leap", "2100-02-10T00:00:00Z", "2100-02-01T00:00:00Z", 28),
            ("the last second of a year", "2026-12-31T23:59:59Z", "2026-12-01T00:00:00Z", 31),
            ("the first instant of a year", "2027-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 31),
            ("before 1970", "1969-12-31T23:59:59Z", "1969-12-01T00:00:00Z", 31),
        ];
        for (label, at, start, days) in cases {
            let want = Span::new(t(start), t(start) + days * MS_PER_DAY);
            assert_eq!(utc_month_of(t(at)), Some(want), "{label}");
        }
        assert_eq!(utc_month_of(i64::MAX), None, "far future");
        // Month numbers step across years and back to dates, before 1970 too.
        let december = Date::from_calendar_date(1969, Month::December, 31).ok();
        let number = december.map(month_number);
        assert_eq!(number, Some(1969 * 12 + 11), "month number");
        assert_eq!(
            number.and_then(|n| first_of_month(n + 1)),
            Date::from_calendar_date(1970, Month::January, 1).ok()
        );
        assert_eq!(
            number.and_then(|n| first_of_month(n + 2)),
            Date::from_calendar_date(1970, Month::February, 1).ok()
        );
        assert_eq!(first_of_month(i64::MAX), None, "beyond the calendar");
        // 1970-01-01 was a Thursday; late Thursday in UTC is Friday in Sydney.
        assert_eq!(epoch_days_since_monday(), 3);
        let weekday = |at: &str, offset: i32| wall_clock(t(at), offset).map(|clock| clock.weekday());
        assert_eq!(weekday("2026-11-19T14:00:00Z", 600), Some(time::Weekday::Friday));
        assert_eq!(weekday("2024-02-29T00:00:00Z", -1), Some(time::Weekday::Wednesday));
    }
}
