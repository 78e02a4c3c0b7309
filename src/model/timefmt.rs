//! Converting instants to and from text. Parsing accepts RFC 3339 with any offset; formatting is
//! always UTC. Out-of-range instants format as a plain millisecond count instead of failing.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::TimeMs;

/// Parses an RFC 3339 timestamp (`2026-11-19T13:10:00Z`, `2019-03-01T10:00:00+01:00`).
pub fn parse_rfc3339_ms(text: &str) -> Option<TimeMs> {
    let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}

fn utc(ms: TimeMs) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
}

// Formatting uses the calendar fields directly rather than the `time` crate's formatting
// machinery, which would add a tenth to the web bundle for four fixed layouts.

/// `2026-11-19T13:10:00Z` (seconds precision, trailing zero milliseconds dropped).
pub fn format_rfc3339(ms: TimeMs) -> String {
    let Some(at) = utc(ms) else { return ms.to_string() };
    let (date, clock) = (at.date(), at.time());
    let millis = ms.rem_euclid(1000);
    let fraction = if millis == 0 { String::new() } else { format!(".{millis:03}") };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{fraction}Z",
        date.year(),
        u8::from(date.month()),
        date.day(),
        clock.hour(),
        clock.minute(),
        clock.second()
    )
}

/// `2026-11-19 13:10 UTC`, for people.
pub fn format_utc_minute(ms: TimeMs) -> String {
    let Some(at) = utc(ms) else { return ms.to_string() };
    let (date, clock) = (at.date(), at.time());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        date.year(),
        u8::from(date.month()),
        date.day(),
        clock.hour(),
        clock.minute()
    )
}

/// `Nov 19`, for axis ticks.
pub fn format_month_day(ms: TimeMs) -> String {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let Some(at) = utc(ms) else { return ms.to_string() };
    let month = MONTHS.get(usize::from(u8::from(at.month())) - 1).copied().unwrap_or("?");
    format!("{month} {}", at.day())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trip_and_offsets() {
        let cases = [
            ("2026-11-19T13:10:00Z", 1_795_093_800_000),
            ("2026-11-19T08:10:00-05:00", 1_795_093_800_000),
            ("1970-01-01T00:00:00.250Z", 250),
        ];
        for (text, want_ms) in cases {
            assert_eq!(parse_rfc3339_ms(text), Some(want_ms), "parse {text}");
        }
        assert_eq!(format_rfc3339(1_795_093_800_000), "2026-11-19T13:10:00Z");
        assert_eq!(format_rfc3339(250), "1970-01-01T00:00:00.250Z");
        assert_eq!(parse_rfc3339_ms("19 Nov 2026"), None);
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(format_utc_minute(1_795_093_800_000), "2026-11-19 13:10 UTC");
        assert_eq!(format_month_day(1_795_093_800_000), "Nov 19");
        assert_eq!(format_month_day(0), "Jan 1");
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
}
