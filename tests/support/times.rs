//! Test times written as RFC 3339 text, so a test reads like the data it checks.

use nines::model::parse_rfc3339_ms;
use nines::model::TimeMs;

/// `text` (RFC 3339, e.g. "2026-11-19T14:05:00Z") as milliseconds since the epoch; a typo in a
/// test time fails the test that wrote it.
pub fn t(text: &str) -> TimeMs {
    parse_rfc3339_ms(text).unwrap_or_else(|| panic!("bad test time {text:?}"))
}
