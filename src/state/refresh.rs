//! When each source is fetched again, and what the page says while its data is not current.
//!
//! Contract (pure: the caller supplies the clock and the randomness):
//! - After a success the next fetch is `refresh_s` later (at least [`MIN_DELAY_S`]); a source
//!   without `refresh_s` is not fetched again.
//! - After the n-th failure in a row the next attempt waits, with *equal jitter*,
//!   `ceiling / 2 + jitter_unit × ceiling / 2`, where `ceiling = min(base × 2^(n−1), 15 min)` and
//!   `base` is `refresh_s`, or [`RETRY_BASE_S`] for a source without one (failures are retried
//!   even then). The wait is at least [`MIN_DELAY_S`]. Equal jitter keeps at least half the
//!   backoff, so many tabs spread out without any retrying at once.
//! - A `429 Too Many Requests` with `Retry-After` (seconds) waits exactly that, from
//!   [`MIN_DELAY_S`] to [`MAX_BACKOFF_S`], instead of the backoff (`Slots::failed`); the server
//!   knows its limits better than the jitter does.
//! - While the tab is hidden nothing is due; when it is shown again an overdue source is due at
//!   once. A failed refresh keeps the last good data (the origin does not change).
//! - A fetch in flight changes nothing here (the caller keeps it from starting twice); one
//!   aborted because the view or the sources changed changes nothing either, so a source that
//!   was due stays due.
//! - Data is stale when it came from the storage cache, when the last refresh failed, or when
//!   it is older than [`STALE_AFTER_INTERVALS`] refresh intervals (the schedule fell behind:
//!   the machine slept, the tab was hidden, a request hangs).

use crate::model::format::format_instant;
use crate::model::TimeMs;

/// The shortest wait between two fetches of a source.
pub const MIN_DELAY_S: u32 = 5;
/// The longest wait after failures: 15 minutes.
pub const MAX_BACKOFF_S: u32 = 15 * 60;
/// The backoff base of a source that is not refreshed on a schedule.
pub const RETRY_BASE_S: u32 = 30;
/// Data older than this many refresh intervals is stale.
pub const STALE_AFTER_INTERVALS: i64 = 2;

const MS_PER_SECOND: i64 = 1000;

/// Where the data on screen came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DataOrigin {
    /// Nothing to show yet.
    #[default]
    None,
    /// Fetched by this page.
    Live,
    /// Read from browser storage, saved by an earlier visit at `saved_ms`.
    Cached { saved_ms: TimeMs },
}

/// The fetch state of one source.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceStatus {
    pub last_success_ms: Option<TimeMs>,
    /// When the last failure happened, and what it was (`HTTP 500`, `network error`).
    pub last_error: Option<(TimeMs, String)>,
    pub failures_in_a_row: u32,
    /// When to fetch next; `None`: not scheduled.
    pub next_attempt_ms: Option<TimeMs>,
    pub origin_of_data: DataOrigin,
    /// The tab is hidden: nothing is due until it is shown.
    pub paused: bool,
}

/// The wait after the `failures`-th failure in a row, in milliseconds (see the module contract).
pub fn backoff_ms(failures: u32, refresh_s: Option<u32>, jitter_unit: f64) -> i64 {
    let base_ms = i64::from(refresh_s.unwrap_or(RETRY_BASE_S)) * MS_PER_SECOND;
    let doublings = failures.saturating_sub(1).min(32);
    let ceiling_ms = base_ms.saturating_mul(1 << doublings).min(i64::from(MAX_BACKOFF_S) * MS_PER_SECOND);
    let jitter = if jitter_unit.is_finite() { jitter_unit.clamp(0.0, 1.0) } else { 0.0 };
    let wait_ms = ceiling_ms as f64 / 2.0 * (1.0 + jitter);
    (wait_ms.round() as i64).max(i64::from(MIN_DELAY_S) * MS_PER_SECOND)
}

impl SourceStatus {
    /// A snapshot read from storage shows until live data arrives (live data is never replaced).
    pub fn on_cache_loaded(&self, saved_ms: TimeMs) -> SourceStatus {
        let mut next = self.clone();
        if next.origin_of_data == DataOrigin::None {
            next.origin_of_data = DataOrigin::Cached { saved_ms };
        }
        next
    }

    /// A fetch succeeded at `now_ms`.
    pub fn on_success(&self, now_ms: TimeMs, refresh_s: Option<u32>) -> SourceStatus {
        SourceStatus {
            last_success_ms: Some(now_ms),
            last_error: self.last_error.clone(),
            failures_in_a_row: 0,
            next_attempt_ms: refresh_s
                .map(|r| now_ms.saturating_add(i64::from(r.max(MIN_DELAY_S)) * MS_PER_SECOND)),
            origin_of_data: DataOrigin::Live,
            paused: self.paused,
        }
    }

    /// A fetch failed at `now_ms` with `error`; `jitter_unit` is a random number in `0..=1`.
    pub fn on_failure(
        &self,
        now_ms: TimeMs,
        error: &str,
        refresh_s: Option<u32>,
        jitter_unit: f64,
    ) -> SourceStatus {
        let failures_in_a_row = self.failures_in_a_row.saturating_add(1);
        SourceStatus {
            last_success_ms: self.last_success_ms,
            last_error: Some((now_ms, error.to_string())),
            failures_in_a_row,
            next_attempt_ms: Some(now_ms.saturating_add(backoff_ms(
                failures_in_a_row,
                refresh_s,
                jitter_unit,
            ))),
            origin_of_data: self.origin_of_data,
            paused: self.paused,
        }
    }

    /// The tab was hidden.
    pub fn on_hidden(&self) -> SourceStatus {
        SourceStatus { paused: true, ..self.clone() }
    }

    /// The tab is shown again at `now_ms`: a fetch that fell due meanwhile is due now.
    pub fn on_visible(&self, now_ms: TimeMs) -> SourceStatus {
        let next_attempt_ms = self.next_attempt_ms.map(|t_ms| t_ms.max(now_ms));
        SourceStatus { paused: false, next_attempt_ms, ..self.clone() }
    }

    /// Whether to fetch now.
    pub fn is_due(&self, now_ms: TimeMs) -> bool {
        !self.paused && self.next_attempt_ms.is_some_and(|t| t <= now_ms)
    }

    /// The instant the data on screen dates from: its fetch, or its save to the cache.
    pub fn data_ms(&self) -> Option<TimeMs> {
        match self.origin_of_data {
            DataOrigin::None => None,
            DataOrigin::Live => self.last_success_ms,
            DataOrigin::Cached { saved_ms } => Some(saved_ms),
        }
    }

    /// When the data on screen is stale, the instant it dates from; `None` when it is current
    /// or there is none.
    pub fn stale_since(&self, now_ms: TimeMs, refresh_s: Option<u32>) -> Option<TimeMs> {
        let data_ms = self.data_ms()?;
        let cached = matches!(self.origin_of_data, DataOrigin::Cached { .. });
        let too_old = refresh_s.is_some_and(|r| {
            let interval_ms = i64::from(r.max(MIN_DELAY_S)) * MS_PER_SECOND;
            now_ms.saturating_sub(data_ms) > STALE_AFTER_INTERVALS * interval_ms
        });
        (cached || self.failures_in_a_row > 0 || too_old).then_some(data_ms)
    }

    /// The sentence above stale data of `source`, with times in the clock `utc_offset_minutes`
    /// from UTC (the date is left out for times on the same day as `now_ms`).
    pub fn banner(
        &self,
        source: &str,
        now_ms: TimeMs,
        refresh_s: Option<u32>,
        utc_offset_minutes: i32,
    ) -> Option<String> {
        let data_ms = self.stale_since(now_ms, refresh_s)?;
        let at = |t_ms| short_instant(t_ms, now_ms, utc_offset_minutes);
        let failure = self.last_error.as_ref().filter(|_| self.failures_in_a_row > 0);
        let reason = |error: &str| if error.is_empty() { String::new() } else { format!(" ({error})") };
        let retry = match self.next_attempt_ms {
            _ if failure.is_none() => String::new(),
            Some(t_ms) if t_ms > now_ms => format!(" Retrying at {}.", at(t_ms)),
            Some(_) => " Retrying now.".to_string(),
            None => String::new(),
        };
        Some(match (self.origin_of_data, failure) {
            (DataOrigin::Cached { .. }, Some((_, error))) => format!(
                "Showing cached data saved at {} because {source} could not be reached{}.{retry}",
                at(data_ms),
                reason(error)
            ),
            (DataOrigin::Cached { .. }, None) => {
                format!("Showing cached data saved at {} while {source} loads.", at(data_ms))
            }
            (_, Some((error_ms, error))) => format!(
                "Showing data from {}; the last refresh of {source} failed at {}{}.{retry}",
                at(data_ms),
                at(*error_ms),
                reason(error)
            ),
            (_, None) => format!("Showing data from {}; a refresh of {source} is overdue.", at(data_ms)),
        })
    }
}

/// `2026-11-19 14:05 UTC`, or `14:05 UTC` on the same day as `now_ms` in that clock.
fn short_instant(t_ms: TimeMs, now_ms: TimeMs, utc_offset_minutes: i32) -> String {
    let full = format_instant(t_ms, utc_offset_minutes);
    let today = format_instant(now_ms, utc_offset_minutes);
    match (full.split_once(' '), today.split_once(' ')) {
        (Some((day, time)), Some((now_day, _))) if day == now_day => time.to_string(),
        _ => full,
    }
}

#[cfg(test)]
mod tests;
