//! Reading instants from text: RFC 3339 with any offset, to the millisecond. Anything else is
//! `None`. Formatting lives in [`super::format`].

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::TimeMs;

/// Parses an RFC 3339 timestamp (`2026-11-19T13:10:00Z`, `2019-03-01T10:00:00+01:00`).
pub fn parse_rfc3339_ms(text: &str) -> Option<TimeMs> {
    let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format::format_rfc3339;

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
    }
}
