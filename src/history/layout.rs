//! How a collected history is laid out for the page: monthly shards, a small index, retention.
//!
//! Contract (pure; the collector writes what these return):
//! - [`shards`] splits a history by UTC calendar month, keyed `YYYY-MM`: an incident, a
//!   maintenance or an announcement goes to the month it starts in, samples and coverage to the month they fall in;
//!   services (each service's own coverage cut to the month), regions and dependencies go to
//!   every shard. A month gets a shard when it holds a
//!   record, a sample or covered time. A shard's `as_of` is the history's, or its month's end if
//!   sooner. [`join`] puts shards back together: `join(shards(h))` equals `h` (up to the form of
//!   the series: a regular series split and joined stays regular).
//! - [`index`] is what the page reads first: the services, incidents open or touching the last
//!   [`RECENT_INCIDENT_DAYS`] days (maintenances and announcements too), the last [`INDEX_SAMPLE_HOURS`] hours of samples and of
//!   coverage, the snapshot's and each service's (so that the index read alone claims no time it lacks the incidents for), and
//!   [`INDEX_DAYS`] daily UTC buckets per service computed from the whole history.
//! - [`retain`] drops what ended before a cutoff: incidents, maintenances and announcements that
//!   ended before it (open incidents and announcements without an end are kept), samples and coverage (each service's too) before it.

use std::collections::BTreeMap;

use super::merge;
use crate::analysis::{buckets, Bucket, BucketSize, Profile, Weights};
use crate::model::calendar::utc_month_of;
use crate::model::format::format_rfc3339;
use crate::model::{Samples, Series, Service, Snapshot, Span, TimeMs, MS_PER_DAY, MS_PER_HOUR};

/// Incidents that ended longer ago than this are left to the shards.
pub const RECENT_INCIDENT_DAYS: i64 = 7;
/// The samples and coverage the index carries.
pub const INDEX_SAMPLE_HOURS: i64 = 48;
/// The daily buckets per service in the index.
pub const INDEX_DAYS: i64 = 90;

/// `YYYY-MM` of the UTC month holding `t_ms`.
pub fn month_key(t_ms: TimeMs) -> String {
    format_rfc3339(t_ms).chars().take(7).collect()
}

/// The history by month, in month order; see the module contract.
pub fn shards(history: &Snapshot) -> Vec<(String, Snapshot)> {
    let mut months: BTreeMap<String, Snapshot> = BTreeMap::new();
    for incident in &history.incidents {
        if let Some(s) = shard(&mut months, history, incident.start_ms) {
            s.incidents.push(incident.clone());
        }
    }
    for maintenance in &history.maintenances {
        if let Some(s) = shard(&mut months, history, maintenance.span.start_ms) {
            s.maintenances.push(maintenance.clone());
        }
    }
    for announcement in &history.announcements {
        if let Some(s) = shard(&mut months, history, announcement.start_ms) {
            s.announcements.push(announcement.clone());
        }
    }
    for span in history.coverage.spans() {
        for month in months_of(*span) {
            if let Some(s) = shard(&mut months, history, month.start_ms) {
                s.coverage.add(month.intersect(span).unwrap_or_default());
            }
        }
    }
    for own in history.services.iter().filter_map(|s| s.coverage.as_ref()) {
        for month in own.spans().iter().flat_map(|span| months_of(*span)) {
            shard(&mut months, history, month.start_ms);
        }
    }
    for series in &history.series {
        for (month, piece) in split_by_month(series) {
            if let Some(s) = shard(&mut months, history, month.start_ms) {
                s.series.push(piece);
            }
        }
    }
    months.into_iter().collect()
}

/// The shard of the month holding `t_ms`, made when it is the month's first record.
fn shard<'a>(
    months: &'a mut BTreeMap<String, Snapshot>,
    history: &Snapshot,
    t_ms: TimeMs,
) -> Option<&'a mut Snapshot> {
    let month = utc_month_of(t_ms)?;
    Some(months.entry(month_key(month.start_ms)).or_insert_with(|| Snapshot {
        title: history.title.clone(),
        as_of_ms: history.as_of_ms.min(month.end_ms),
        regions: history.regions.clone(),
        services: services_within(&history.services, month),
        dependencies: history.dependencies.clone(),
        ..Snapshot::default()
    }))
}

/// `services` with their own coverage cut to `window`.
fn services_within(services: &[Service], window: Span) -> Vec<Service> {
    let within =
        |s: &Service| Service { coverage: s.coverage.as_ref().map(|c| c.clipped(window)), ..s.clone() };
    services.iter().map(within).collect()
}

/// The UTC months `span` touches.
fn months_of(span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at_ms = span.start_ms;
    while at_ms < span.end_ms {
        let Some(month) = utc_month_of(at_ms) else { break };
        out.push(month);
        at_ms = month.end_ms;
    }
    out
}

/// `series` cut at month boundaries, each piece with its month.
fn split_by_month(series: &Series) -> Vec<(Span, Series)> {
    let piece = |samples: Samples, latency_ms: Vec<f32>| Series {
        service: series.service.clone(),
        region: series.region.clone(),
        samples,
        latency_ms,
    };
    let latency =
        |from: usize, to: usize| series.latency_ms.get(from..to).map(<[f32]>::to_vec).unwrap_or_default();
    let mut out = Vec::new();
    match &series.samples {
        Samples::Regular { start_ms, step_ms, up_ratio } => {
            let mut from = 0usize;
            while from < up_ratio.len() {
                let at_ms = start_ms + step_ms * from as i64;
                let Some(month) = utc_month_of(at_ms) else { break };
                // Samples starting before the month's end belong to it.
                let to =
                    usize::try_from((month.end_ms - start_ms + step_ms - 1).div_euclid((*step_ms).max(1)))
                        .unwrap_or(up_ratio.len())
                        .clamp(from + 1, up_ratio.len());
                let values = up_ratio.get(from..to).map(<[f32]>::to_vec).unwrap_or_default();
                let samples = Samples::Regular { start_ms: at_ms, step_ms: *step_ms, up_ratio: values };
                out.push((month, piece(samples, latency(from, to))));
                from = to;
            }
        }
        Samples::Irregular { times_ms, up_ratio } => {
            let mut from = 0usize;
            while let Some(&at_ms) = times_ms.get(from) {
                let Some(month) = utc_month_of(at_ms) else { break };
                let to =
                    from + times_ms.get(from..).map_or(0, |rest| rest.partition_point(|t| *t < month.end_ms));
                let samples = Samples::Irregular {
                    times_ms: times_ms.get(from..to).map(<[TimeMs]>::to_vec).unwrap_or_default(),
                    up_ratio: up_ratio.get(from..to).map(<[f32]>::to_vec).unwrap_or_default(),
                };
                out.push((month, piece(samples, latency(from, to))));
                from = to.max(from + 1);
            }
        }
    }
    out
}

/// Shards (or any snapshots of one history) back into one, in the order given.
pub fn join(parts: impl IntoIterator<Item = Snapshot>) -> Snapshot {
    let mut history = Snapshot::default();
    for part in parts {
        merge(&mut history, part);
    }
    history
}

/// Drops what ended before `cutoff_ms`; see the module contract.
pub fn retain(history: &mut Snapshot, cutoff_ms: TimeMs) {
    history.incidents.retain(|i| i.end_ms.is_none_or(|end| end >= cutoff_ms));
    history.maintenances.retain(|m| m.span.end_ms >= cutoff_ms);
    history.announcements.retain(|a| a.end_ms.is_none_or(|end| end >= cutoff_ms));
    let kept = Span::new(cutoff_ms, TimeMs::MAX);
    history.coverage = history.coverage.clipped(kept);
    history.services = services_within(&history.services, kept);
    for series in &mut history.series {
        let kept = split_at(series, cutoff_ms);
        *series = kept;
    }
    history.series.retain(|s| !s.samples.is_empty());
}

/// The samples of `series` from `from_ms` on (a regular sample that starts before it is dropped).
fn split_at(series: &Series, from_ms: TimeMs) -> Series {
    let first = match &series.samples {
        Samples::Regular { start_ms, step_ms, up_ratio } => {
            let steps = (from_ms - start_ms + step_ms - 1).div_euclid((*step_ms).max(1));
            usize::try_from(steps.max(0)).unwrap_or(0).min(up_ratio.len())
        }
        Samples::Irregular { times_ms, .. } => times_ms.partition_point(|t| *t < from_ms),
    };
    let samples = match &series.samples {
        Samples::Regular { start_ms, step_ms, up_ratio } => Samples::Regular {
            start_ms: start_ms + step_ms * first as i64,
            step_ms: *step_ms,
            up_ratio: up_ratio.get(first..).map(<[f32]>::to_vec).unwrap_or_default(),
        },
        Samples::Irregular { times_ms, up_ratio } => Samples::Irregular {
            times_ms: times_ms.get(first..).map(<[TimeMs]>::to_vec).unwrap_or_default(),
            up_ratio: up_ratio.get(first..).map(<[f32]>::to_vec).unwrap_or_default(),
        },
    };
    Series {
        service: series.service.clone(),
        region: series.region.clone(),
        samples,
        latency_ms: series.latency_ms.get(first..).map(<[f32]>::to_vec).unwrap_or_default(),
    }
}

/// One service's daily figures over the index's days.
#[derive(Clone, Debug, PartialEq)]
pub struct DailyRow {
    pub service: String,
    /// UTC days, oldest first, the last one the day of `as_of` so far.
    pub days: Vec<Bucket>,
}

/// The index: a snapshot the native reader reads as it is, the daily rows, and the shards.
#[derive(Clone, Debug, PartialEq)]
pub struct Index {
    pub snapshot: Snapshot,
    pub daily: Vec<DailyRow>,
    /// `YYYY-MM` of every shard, oldest first.
    pub months: Vec<String>,
}

/// The page's index of `history`; see the module contract.
pub fn index(history: &Snapshot, months: Vec<String>, weights: &Weights) -> Index {
    let as_of_ms = history.as_of_ms;
    let recent_ms = as_of_ms - RECENT_INCIDENT_DAYS * MS_PER_DAY;
    let samples_from_ms = as_of_ms - INDEX_SAMPLE_HOURS * MS_PER_HOUR;
    let mut snapshot = Snapshot {
        title: history.title.clone(),
        as_of_ms,
        coverage: history.coverage.clipped(Span::new(samples_from_ms, as_of_ms)),
        regions: history.regions.clone(),
        services: services_within(&history.services, Span::new(samples_from_ms, as_of_ms)),
        dependencies: history.dependencies.clone(),
        incidents: history
            .incidents
            .iter()
            .filter(|i| i.end_ms.is_none_or(|e| e >= recent_ms))
            .cloned()
            .collect(),
        maintenances: history.maintenances.iter().filter(|m| m.span.end_ms >= recent_ms).cloned().collect(),
        announcements: history
            .announcements
            .iter()
            .filter(|a| a.end_ms.is_none_or(|e| e >= recent_ms))
            .cloned()
            .collect(),
        series: Vec::new(),
    };
    snapshot.series = history.series.iter().map(|s| split_at(s, samples_from_ms)).collect();
    snapshot.series.retain(|s| !s.samples.is_empty());
    let today_ms = as_of_ms.div_euclid(MS_PER_DAY) * MS_PER_DAY;
    let days = Span::new(today_ms - (INDEX_DAYS - 1) * MS_PER_DAY, as_of_ms.max(today_ms + 1));
    let daily = history
        .services
        .iter()
        .map(|service| {
            let profile = Profile::for_service(history, &service.id, None, weights);
            DailyRow { service: service.id.clone(), days: buckets(&profile, days, BucketSize::Day, 0) }
        })
        .collect();
    Index { snapshot, daily, months }
}

#[cfg(test)]
mod tests;
