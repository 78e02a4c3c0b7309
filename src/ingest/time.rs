//! Reading the timestamps that status sources write.
//!
//! Accepted: RFC 3339 with any offset; ISO 8601 date-times without a zone (`2023-01-05 10:00:00`,
//! `2023-01-05T10:00:00.123`), read as UTC and flagged so the importer can report it; Unix time
//! as a number or a numeric string, in seconds (below 1e11, fractions allowed) or milliseconds;
//! JavaScript `Date.toString()` text (`Wed Jul 06 2022 08:58:36 GMT+0000 (Coordinated Universal
//! Time)`). Anything else is `None`: the caller turns it into an issue.

use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::model::format::month_from_name;
use crate::model::parse_rfc3339_ms;
use crate::model::{TimeMs, MAX_TIME_MS, MIN_TIME_MS};

/// A timestamp as read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadTime {
    pub ms: TimeMs,
    /// The text had no zone or offset and was read as UTC.
    pub assumed_utc: bool,
}

impl ReadTime {
    fn exact(ms: TimeMs) -> Self {
        ReadTime { ms, assumed_utc: false }
    }
}

/// Unix seconds or milliseconds, told apart by magnitude (1e11 s is the year 5138); `None`
/// outside [`MIN_TIME_MS`]`..=`[`MAX_TIME_MS`].
pub fn from_unix_number(value: f64) -> Option<TimeMs> {
    if !value.is_finite() {
        return None;
    }
    let ms = (if value.abs() < 1e11 { value * 1000.0 } else { value }).round();
    (MIN_TIME_MS as f64..=MAX_TIME_MS as f64).contains(&ms).then_some(ms as TimeMs)
}

/// Reads a JSON value: a number (Unix time) or a string in any accepted form.
pub fn read_time_value(value: &serde_json::Value) -> Option<ReadTime> {
    match value {
        serde_json::Value::Number(n) => n.as_f64().and_then(from_unix_number).map(ReadTime::exact),
        serde_json::Value::String(s) => read_time_text(s),
        _ => None,
    }
}

/// Reads a timestamp string in any accepted form.
pub fn read_time_text(text: &str) -> Option<ReadTime> {
    let text = text.trim();
    if let Some(ms) = parse_rfc3339_ms(text) {
        return Some(ReadTime::exact(ms));
    }
    if let Ok(number) = text.parse::<f64>() {
        return from_unix_number(number).map(ReadTime::exact);
    }
    zoneless(text).or_else(|| javascript_date(text))
}

fn ms_of(at: OffsetDateTime) -> Option<TimeMs> {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}

/// `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]`, read as UTC: the same text with seconds and a `Z`, read as
/// RFC 3339 (one parser for every form keeps the bundle small).
fn zoneless(text: &str) -> Option<ReadTime> {
    let (date, clock) = text.split_once(['T', ' '])?;
    let seconds = if clock.matches(':').count() == 1 { ":00" } else { "" };
    let ms = parse_rfc3339_ms(&format!("{date}T{clock}{seconds}Z"))?;
    Some(ReadTime { ms, assumed_utc: true })
}

/// `Wed Jul 06 2022 08:58:36 GMT+0000 (Coordinated Universal Time)`.
fn javascript_date(text: &str) -> Option<ReadTime> {
    let mut words = text.split_whitespace();
    let _weekday = words.next()?;
    let month = month_from_name(words.next()?)?;
    let day: u8 = words.next()?.parse().ok()?;
    let year: i32 = words.next()?.parse().ok()?;
    let mut clock = words.next()?.split(':').map(|p| p.parse::<u8>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    let zone = words.next()?.strip_prefix("GMT")?;
    let (sign, digits) = match zone.split_at_checked(1)? {
        ("+", d) => (1i8, d),
        ("-", d) => (-1i8, d),
        _ => return None,
    };
    let (hours, minutes) = digits.split_at_checked(2)?;
    let (hours, minutes): (i8, i8) = (hours.parse().ok()?, minutes.parse().ok()?);
    let offset = UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()?;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let at = PrimitiveDateTime::new(date, Time::from_hms(hour, minute, second).ok()?).assume_offset(offset);
    Some(ReadTime::exact(ms_of(at)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_accepted_form() {
        // 2022-07-06T08:58:36Z = 1657097916 s.
        let utc = 1_657_097_916_000;
        let cases: [(&str, Option<(i64, bool)>); 15] = [
            ("2022-07-06T08:58:36Z", Some((utc, false))),
            ("2022-07-06T03:58:36-05:00", Some((utc, false))),
            ("2022-07-06 08:58:36", Some((utc, true))),
            ("2022-07-06T08:58:36.250", Some((utc + 250, true))),
            ("2022-07-06T08:58", Some((utc - 36_000, true))),
            ("1657097916", Some((utc, false))),
            ("1657097916.5", Some((utc + 500, false))),
            ("1657097916000", Some((utc, false))),
            ("Wed Jul 06 2022 08:58:36 GMT+0000 (Coordinated Universal Time)", Some((utc, false))),
            ("Wed Jul 06 2022 10:58:36 GMT+0200 (Central European Summer Time)", Some((utc, false))),
            ("yesterday", None),
            ("2022-07-06", None),
            ("2022-07-06T8:58", None),
            ("2022-07-06T08:58:36+0000", None),
            ("2022-02-30 08:58", None),
        ];
        for (text, want) in cases {
            let got = read_time_text(text).map(|t| (t.ms, t.assumed_utc));
            assert_eq!(got, want, "{text:?}");
        }
        assert_eq!(read_time_value(&serde_json::json!(1657097916.0)).map(|t| t.ms), Some(utc));
        assert_eq!(read_time_value(&serde_json::json!(null)), None);
        assert_eq!(from_unix_number(f64::INFINITY), None);
        // Milliseconds as far as RFC 3339 reaches (9999-12-31T23:59:59.999Z), and no further.
        assert_eq!(from_unix_number(253_402_300_799_999.0), Some(MAX_TIME_MS));
        assert_eq!(from_unix_number(253_402_300_800_000.0), None);
        assert_eq!(from_unix_number(889_531_641_889_530.0), None, "the year 30157");
        assert_eq!(from_unix_number(-62_135_596_800.0), Some(MIN_TIME_MS), "0001-01-01 in seconds");
        assert_eq!(from_unix_number(-62_135_596_801.0), None);
        assert_eq!(parse_rfc3339_ms("9999-12-31T23:59:59.999Z"), Some(MAX_TIME_MS));
        assert_eq!(parse_rfc3339_ms("0001-01-01T00:00:00Z"), Some(MIN_TIME_MS));
    }
}
