//! A collected folder as a source (what `nines collect` writes): its `index.json` names the
//! folder's monthly shards, and the page reads the ones its range reaches and joins them.
//!
//! Contract (pure; `ui::sources` fetches):
//! - [`months_needed`]: the listed months that overlap the [`history_days`] days ending at the
//!   index's as-of, oldest first: what the screen shows (a year where the calendar is shown,
//!   else the 90 days of the bars and figures).
//! - [`shard_url`]: a shard's address, next to the index (same origin, same folder).
//! - [`join_shards`]: the shards joined into one snapshot with the index's as-of and title; a
//!   shard that could not be read is an issue and its month stays unknown, never up. With no
//!   shard read at all, the index alone is what there is.
//! - [`age_banner`]: the sentence above data whose collector stopped running, or that is old.

use crate::history::layout;
use crate::ingest::{Issue, Parsed, MAX_DATA_AGE_MS};
use crate::model::format::{format_duration_ms, format_instant};
use crate::model::{sort_by_time, Coverage, Samples, Series, Snapshot, TimeMs, MS_PER_DAY, MS_PER_HOUR};
use crate::state::{Panel, ViewState};

/// How far back the page reads a collected history when no calendar is shown: the 90 days of
/// the uptime bars and the figures.
pub const HISTORY_DAYS: i64 = 90;

/// How many days of a collected history the screen `state` needs: the calendar's year (and a
/// week, for its first Monday) where it is shown, else [`HISTORY_DAYS`].
pub fn history_days(state: &ViewState) -> i64 {
    if state.shows(Panel::Calendar) {
        crate::chart::CALENDAR_WEEKS as i64 * 7
    } else {
        HISTORY_DAYS
    }
}
/// A collector whose last run is older than this has stopped: its data gets a banner.
pub const COLLECTOR_STALE_AFTER_MS: i64 = MS_PER_HOUR;

/// The months of `months` (`YYYY-MM`) that overlap the `days` days ending at `as_of_ms`.
pub fn months_needed(months: &[String], as_of_ms: TimeMs, days: i64) -> Vec<String> {
    let first = layout::month_key(as_of_ms.saturating_sub(days.saturating_mul(MS_PER_DAY)));
    let last = layout::month_key(as_of_ms);
    months.iter().filter(|m| **m >= first && **m <= last).cloned().collect()
}

/// The address of `month`'s shard for the index at `index_url`: `history/YYYY-MM.json` in the
/// index's folder (its query and fragment left out).
pub fn shard_url(index_url: &str, month: &str) -> String {
    let path = index_url.split(['?', '#']).next().unwrap_or_default();
    let folder = path.rfind('/').map_or("", |slash| &path[..=slash]);
    format!("{folder}history/{month}.json")
}

/// The index's history: `shards` (each month with what reading it gave) joined, as of the index.
pub fn join_shards(index: Parsed, shards: Vec<(String, Result<Parsed, String>)>) -> Parsed {
    let Parsed { snapshot: index_snapshot, format, mut issues, history_months } = index;
    let mut read = Vec::with_capacity(shards.len());
    for (month, shard) in shards {
        let name = format!("history/{month}.json");
        match shard {
            Ok(parsed) => {
                issues.extend(
                    parsed.issues.into_iter().map(|i| Issue { path: format!("{name}: {}", i.path), ..i }),
                );
                read.push(parsed.snapshot);
            }
            Err(message) => issues.push(Issue {
                path: name,
                message: format!("{message}; that month's history is missing (unknown, never up)"),
            }),
        }
    }
    if read.is_empty() {
        return Parsed { snapshot: index_snapshot, format, issues, history_months };
    }
    let mut snapshot = join_months(read);
    snapshot.as_of_ms = index_snapshot.as_of_ms;
    if !index_snapshot.title.is_empty() {
        snapshot.title = index_snapshot.title;
    }
    Parsed { snapshot, format, issues, history_months }
}

/// Shards of one history, in month order, back into one. What `history::layout::shards` writes
/// is disjoint (each incident, maintenance and announcement in the month it starts, samples and coverage cut at
/// month ends), so records are appended, not matched by id as `history::layout::join` does: the
/// same history in a fraction of the code. Services, regions and dependencies are the last
/// month's (every shard has them all), each service's own coverage the union of its months'.
fn join_months(parts: Vec<Snapshot>) -> Snapshot {
    let mut joined = Snapshot::default();
    for part in parts {
        let Snapshot {
            title,
            as_of_ms,
            coverage,
            regions,
            services,
            incidents,
            maintenances,
            announcements,
            series,
            dependencies,
        } = part;
        joined.title = title;
        joined.as_of_ms = joined.as_of_ms.max(as_of_ms);
        joined.coverage = joined.coverage.union(&coverage);
        let before = std::mem::replace(&mut joined.services, services);
        for service in &mut joined.services {
            let earlier = before.iter().find(|b| b.id == service.id).and_then(|b| b.coverage.clone());
            service.coverage = Coverage::union_of_own(earlier, service.coverage.take());
        }
        (joined.regions, joined.dependencies) = (regions, dependencies);
        joined.incidents.extend(incidents);
        joined.maintenances.extend(maintenances);
        joined.announcements.extend(announcements);
        for next in series {
            match joined.series.iter_mut().find(|s| s.service == next.service && s.region == next.region) {
                Some(series) => append_samples(series, next),
                None => joined.series.push(next),
            }
        }
    }
    sort_by_time(&mut joined.incidents, |i| i.start_ms);
    sort_by_time(&mut joined.maintenances, |m| m.span.start_ms);
    sort_by_time(&mut joined.announcements, |a| a.start_ms);
    joined
}

/// `next`'s samples (later than `series`'s) after `series`'s: a regular series on the same grid
/// stays regular, the time between them no data; otherwise both become irregular.
fn append_samples(series: &mut Series, next: Series) {
    let (len, next_len) = (series.samples.len(), next.samples.len());
    let mut latency_ms = std::mem::take(&mut series.latency_ms);
    let samples = match (
        std::mem::replace(
            &mut series.samples,
            Samples::Irregular { times_ms: Vec::new(), up_ratio: Vec::new() },
        ),
        next.samples,
    ) {
        (
            Samples::Regular { start_ms, step_ms, mut up_ratio },
            Samples::Regular { start_ms: next_start_ms, step_ms: next_step_ms, up_ratio: next_up },
        ) if step_ms > 0
            && next_step_ms == step_ms
            && next_start_ms >= start_ms + step_ms * len as i64
            && (next_start_ms - start_ms) % step_ms == 0 =>
        {
            let gap = usize::try_from((next_start_ms - start_ms) / step_ms).unwrap_or(len) - len;
            up_ratio.resize(len + gap, f32::NAN);
            up_ratio.extend(next_up);
            Samples::Regular { start_ms, step_ms, up_ratio }
        }
        (before, after) => {
            let (mut times_ms, mut up_ratio) = irregular(before);
            let (next_times, next_up) = irregular(after);
            times_ms.extend(next_times);
            up_ratio.extend(next_up);
            Samples::Irregular { times_ms, up_ratio }
        }
    };
    // Latencies stay as long as the samples, or empty when neither part has any.
    if !latency_ms.is_empty() || !next.latency_ms.is_empty() {
        let before = samples.len() - next_len;
        latency_ms.resize(before, f32::NAN);
        if next.latency_ms.is_empty() {
            latency_ms.resize(samples.len(), f32::NAN);
        } else {
            latency_ms.extend(next.latency_ms);
        }
    }
    series.samples = samples;
    series.latency_ms = latency_ms;
}

/// The times and values of `samples`, as an irregular series has them.
fn irregular(samples: Samples) -> (Vec<TimeMs>, Vec<f32>) {
    match samples {
        Samples::Regular { start_ms, step_ms, up_ratio } => {
            ((0..up_ratio.len() as i64).map(|i| start_ms + i * step_ms).collect(), up_ratio)
        }
        Samples::Irregular { times_ms, up_ratio } => (times_ms, up_ratio),
    }
}

/// The sentence above data that has not moved for long, once `as_of_ms` is too far before
/// `now_ms`: for a collected folder (`collected`), "Ops: the collector last ran 3 h 5 min ago, at
/// …" after [`COLLECTOR_STALE_AFTER_MS`]; for any other source, "Ops: the data ends 12 d ago, at
/// …" after [`MAX_DATA_AGE_MS`]. `None` while the data is current.
pub fn age_banner(
    label: &str,
    as_of_ms: TimeMs,
    collected: bool,
    now_ms: TimeMs,
    utc_offset_minutes: i32,
) -> Option<String> {
    let age_ms = now_ms.saturating_sub(as_of_ms);
    let (limit_ms, what) = if collected {
        (COLLECTOR_STALE_AFTER_MS, "the collector last ran")
    } else {
        (MAX_DATA_AGE_MS, "the data ends")
    };
    (age_ms > limit_ms).then(|| {
        format!(
            "{label}: {what} {} ago, at {}; nothing after that is known.",
            format_duration_ms(age_ms),
            format_instant(as_of_ms, utc_offset_minutes)
        )
    })
}

#[cfg(test)]
mod tests;
