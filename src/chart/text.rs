//! Text for the charts' tooltips, tables and CSV: exact durations, local dates at a fixed UTC
//! offset, and RFC 4180 CSV fields. Pure functions of their inputs; nothing here panics.

use crate::model::timefmt::format_rfc3339;
use crate::model::{TimeMs, MS_PER_DAY, MS_PER_MINUTE};

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
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (minutes, "min"), (seconds, "s")]
        .into_iter()
        .filter(|(value, _)| *value > 0)
        .map(|(value, unit)| format!("{value} {unit}"))
        .collect();
    if parts.is_empty() {
        "0 s".into()
    } else {
        parts.join(" ")
    }
}

/// The local calendar date (`2026-11-19`) of `t_ms` at the fixed offset `utc_offset_minutes`.
pub fn local_date(t_ms: TimeMs, utc_offset_minutes: i32) -> String {
    let local_ms = t_ms.saturating_add(i64::from(utc_offset_minutes) * MS_PER_MINUTE);
    let text = format_rfc3339(local_ms);
    // Out-of-range instants format as a millisecond count, which has no `T`: keep it whole.
    text.split('T').next().unwrap_or_default().to_string()
}

/// The short weekday name (`Thu`) of `t_ms` at the fixed offset `utc_offset_minutes`.
pub fn local_weekday(t_ms: TimeMs, utc_offset_minutes: i32) -> &'static str {
    const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let local_ms = t_ms.saturating_add(i64::from(utc_offset_minutes) * MS_PER_MINUTE);
    // 1970-01-01 was a Thursday (index 3).
    let index = (local_ms.div_euclid(MS_PER_DAY) + 3).rem_euclid(7) as usize;
    NAMES.get(index).copied().unwrap_or("")
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A CSV document: `header`, then one line per row, each field passed through [`csv_field`]; lines
/// end with `\n`, as `nines report` writes them.
pub fn csv_document<const N: usize>(header: &str, rows: &[[String; N]]) -> String {
    let mut out = String::with_capacity(header.len() + 2 + rows.len() * 48);
    out.push_str(header);
    out.push('\n');
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// A number for CSV with `decimals` digits, or an empty field for `None` and non-finite values.
pub fn csv_number(value: Option<f64>, decimals: usize) -> String {
    match value.filter(|v| v.is_finite()) {
        // Adding 0.0 turns a negative zero into a positive one, so "-0.000" never appears.
        Some(v) => format!("{:.decimals$}", v + 0.0),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::timefmt::parse_rfc3339_ms;

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
    fn local_dates_weekdays_and_offsets() {
        let at = |text: &str| parse_rfc3339_ms(text).unwrap_or_else(|| panic!("bad test time {text}"));
        // (label, instant, offset minutes, date, weekday)
        let cases = [
            ("Thursday in UTC", "2026-11-19T13:10:00Z", 0, "2026-11-19", "Thu"),
            ("late Thursday UTC is Friday in Sydney", "2026-11-19T14:00:00Z", 600, "2026-11-20", "Fri"),
            (
                "early Thursday UTC is Wednesday in New York",
                "2026-11-19T03:00:00Z",
                -300,
                "2026-11-18",
                "Wed",
            ),
            ("the epoch", "1970-01-01T00:00:00Z", 0, "1970-01-01", "Thu"),
            ("before the epoch", "1969-12-31T23:59:59Z", 0, "1969-12-31", "Wed"),
        ];
        for (label, text, offset, date, weekday) in cases {
            assert_eq!(local_date(at(text), offset), date, "{label}");
            assert_eq!(local_weekday(at(text), offset), weekday, "{label}");
        }
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let cases = [
            ("plain", "Email", "Email"),
            ("comma", "Mail, calendar", "\"Mail, calendar\""),
            ("quote", "the \"send\" button", "\"the \"\"send\"\" button\""),
            ("line break", "one\ntwo", "\"one\ntwo\""),
        ];
        for (label, text, want) in cases {
            assert_eq!(csv_field(text), want, "{label}");
        }
        let rows = [["a".to_string(), "b, c".to_string()]];
        assert_eq!(csv_document("x,y", &rows), "x,y\na,\"b, c\"\n");
        assert_eq!(csv_number(Some(-0.0), 3), "0.000");
        assert_eq!(csv_number(Some(f64::NAN), 3), "");
        assert_eq!(csv_number(None, 3), "");
    }
}
