//! Backoff values, a failing-then-recovering source step by step, staleness and banners, all
//! worked out by hand on 2026-11-19.

use super::*;
use crate::model::{MS_PER_HOUR, MS_PER_MINUTE};

/// 2026-11-19T00:00:00Z.
const NOV_19: TimeMs = 1_795_046_400_000;
const S: i64 = 1000;

/// `h:m` on 2026-11-19, UTC.
fn at(h: i64, m: i64) -> TimeMs {
    NOV_19 + h * MS_PER_HOUR + m * MS_PER_MINUTE
}

#[test]
fn backoff_doubles_with_equal_jitter_between_the_floor_and_the_cap() {
    // (label, failures in a row, refresh_s, jitter, wait in ms)
    let cases = [
        ("first failure, no jitter: half of 60 s", 1, Some(60), 0.0, 30 * S),
        ("first failure, half jitter", 1, Some(60), 0.5, 45 * S),
        ("first failure, full jitter", 1, Some(60), 1.0, 60 * S),
        ("second: ceiling 120 s", 2, Some(60), 0.0, 60 * S),
        ("third: ceiling 240 s", 3, Some(60), 0.0, 120 * S),
        ("fifth: 960 s capped at 900 s", 5, Some(60), 0.0, 450 * S),
        ("fifth, full jitter: the cap", 5, Some(60), 1.0, 900 * S),
        ("an hourly source retries within the cap", 1, Some(3600), 0.0, 450 * S),
        ("the 5 s floor", 1, Some(5), 0.0, 5 * S),
        ("no refresh interval: 30 s base", 1, None, 0.0, 15 * S),
        ("no refresh interval, third", 3, None, 1.0, 120 * S),
        ("no overflow after many failures", u32::MAX, Some(60), 1.0, 900 * S),
        ("jitter above 1 counts as 1", 1, Some(60), 7.0, 60 * S),
        ("NaN jitter counts as 0", 1, Some(60), f64::NAN, 30 * S),
    ];
    for (label, failures, refresh_s, jitter, want_ms) in cases {
        assert_eq!(backoff_ms(failures, refresh_s, jitter), want_ms, "{label}");
    }
}

#[test]
fn a_source_fails_recovers_and_pauses_while_hidden() {
    let refresh_s = Some(60);
    let saved_ms = at(9, 30) - 24 * MS_PER_HOUR;
    let cached = SourceStatus::default().on_cache_loaded(saved_ms);
    assert_eq!(cached.origin_of_data, DataOrigin::Cached { saved_ms }, "cache shows first");
    assert_eq!(cached.next_attempt_ms, None, "nothing scheduled before the first fetch");

    let failed = cached.on_failure(at(14, 20), "HTTP 500", refresh_s, 0.0);
    let want = SourceStatus {
        last_error: Some((at(14, 20), "HTTP 500".into())),
        failures_in_a_row: 1,
        next_attempt_ms: Some(at(14, 20) + 30 * S),
        origin_of_data: DataOrigin::Cached { saved_ms },
        ..SourceStatus::default()
    };
    assert_eq!(failed, want, "first failure keeps the cached data, retries in 30 s");

    let again = failed.on_failure(at(14, 20) + 30 * S, "HTTP 503", refresh_s, 1.0);
    assert_eq!(again.failures_in_a_row, 2, "second failure counted");
    assert_eq!(again.next_attempt_ms, Some(at(14, 20) + 150 * S), "then 120 s (full jitter)");

    let recovered = again.on_success(at(14, 23), refresh_s);
    let want = SourceStatus {
        last_success_ms: Some(at(14, 23)),
        last_error: Some((at(14, 20) + 30 * S, "HTTP 503".into())),
        failures_in_a_row: 0,
        next_attempt_ms: Some(at(14, 24)),
        origin_of_data: DataOrigin::Live,
        paused: false,
    };
    assert_eq!(recovered, want, "live again, next refresh in 60 s, last error kept");
    assert_eq!(recovered.on_cache_loaded(saved_ms), recovered, "a late cache read never replaces live data");

    let hidden = recovered.on_hidden();
    assert!(!hidden.is_due(at(14, 30)), "nothing is due while hidden");
    let shown = hidden.on_visible(at(14, 30));
    assert_eq!(shown.next_attempt_ms, Some(at(14, 30)), "overdue: due at once when shown");
    assert!(shown.is_due(at(14, 30)) && !shown.paused, "and fetched");
    let early = recovered.on_hidden().on_visible(at(14, 23) + 10 * S);
    assert_eq!(early.next_attempt_ms, Some(at(14, 24)), "not yet due: the schedule stands");

    let once = SourceStatus::default().on_success(at(14, 0), None);
    assert_eq!(once.next_attempt_ms, None, "no refresh interval: not fetched again");
    let retry = once.on_failure(at(15, 0), "timeout", None, 0.0);
    assert_eq!(retry.next_attempt_ms, Some(at(15, 0) + 15 * S), "but failures are retried");
    let fast = SourceStatus::default().on_success(at(14, 0), Some(1));
    assert_eq!(fast.next_attempt_ms, Some(at(14, 0) + 5 * S), "intervals below 5 s are raised");
}

#[test]
fn data_is_stale_when_cached_failed_or_two_intervals_old() {
    let live = SourceStatus::default().on_success(at(14, 0), Some(60));
    let failed = live.on_failure(at(14, 1), "HTTP 500", Some(60), 0.0);
    let cached = SourceStatus::default().on_cache_loaded(at(9, 0));
    // (label, status, now, refresh_s, stale since)
    let cases = [
        ("no data", SourceStatus::default(), at(14, 0), Some(60), None),
        ("just fetched", live.clone(), at(14, 0), Some(60), None),
        ("exactly two intervals old", live.clone(), at(14, 2), Some(60), None),
        ("older than two intervals", live.clone(), at(14, 2) + 1, Some(60), Some(at(14, 0))),
        ("the last refresh failed", failed, at(14, 1), Some(60), Some(at(14, 0))),
        ("cached", cached, at(9, 0), Some(60), Some(at(9, 0))),
        ("no interval: never too old", live.clone(), at(14, 0) + 10 * 24 * MS_PER_HOUR, None, None),
        ("1 s counts as 5 s: 10 s old", live.clone(), at(14, 0) + 10 * S, Some(1), None),
        ("1 s counts as 5 s: 11 s old", live, at(14, 0) + 11 * S, Some(1), Some(at(14, 0))),
    ];
    for (label, status, now_ms, refresh_s, want) in cases {
        assert_eq!(status.stale_since(now_ms, refresh_s), want, "{label}");
    }
}

#[test]
fn banners_say_what_is_shown_why_and_when_it_retries() {
    let source = "status.example.com";
    let live = SourceStatus::default().on_success(at(14, 5), Some(60));
    let failed = live.on_failure(at(14, 20), "HTTP 500", Some(60), 1.0);
    let saved_ms = at(9, 30) - 24 * MS_PER_HOUR;
    let cached = SourceStatus::default().on_cache_loaded(saved_ms);
    let cached_failed = cached.on_failure(at(14, 20), "network error", Some(60), 1.0);
    let silent = live.on_failure(at(14, 20), "", Some(60), 1.0);
    // (label, status, now, clock offset in minutes, banner)
    let cases = [
        (
            "live data, refresh failed",
            failed.clone(),
            at(14, 20) + 30 * S,
            0,
            Some("Showing data from 14:05 UTC; the last refresh of status.example.com failed at 14:20 UTC (HTTP 500). Retrying at 14:21 UTC."),
        ),
        (
            "in local time an hour east",
            failed.clone(),
            at(14, 20) + 30 * S,
            60,
            Some("Showing data from 15:05 UTC+01:00; the last refresh of status.example.com failed at 15:20 UTC+01:00 (HTTP 500). Retrying at 15:21 UTC+01:00."),
        ),
        (
            "the retry is under way",
            failed,
            at(14, 22),
            0,
            Some("Showing data from 14:05 UTC; the last refresh of status.example.com failed at 14:20 UTC (HTTP 500). Retrying now."),
        ),
        (
            "no error text",
            silent,
            at(14, 20),
            0,
            Some("Showing data from 14:05 UTC; the last refresh of status.example.com failed at 14:20 UTC. Retrying at 14:21 UTC."),
        ),
        (
            "cached from yesterday, source down",
            cached_failed,
            at(14, 20),
            0,
            Some("Showing cached data saved at 2026-11-18 09:30 UTC because status.example.com could not be reached (network error). Retrying at 14:21 UTC."),
        ),
        (
            "cached while the first fetch runs",
            cached,
            at(14, 20),
            0,
            Some("Showing cached data saved at 2026-11-18 09:30 UTC while status.example.com loads."),
        ),
        (
            "overdue without a failure",
            live.clone(),
            at(14, 20),
            0,
            Some("Showing data from 14:05 UTC; a refresh of status.example.com is overdue."),
        ),
        ("current data: no banner", live, at(14, 6), 0, None),
        ("nothing loaded: no banner", SourceStatus::default().on_failure(at(14, 0), "x", None, 0.0), at(14, 0), 0, None),
    ];
    for (label, status, now_ms, offset, want) in cases {
        assert_eq!(status.banner(source, now_ms, Some(60), offset).as_deref(), want, "{label}");
    }
}
