//! Collected history: what `nines collect` keeps between runs, merged without I/O.
//!
//! Contract:
//! - [`merge`] folds a newer snapshot (one run of one or more sources, or another history) into a
//!   history. The history is append-only: nothing a source once said is dropped because it no
//!   longer says it (an incident that falls out of a 50-item feed is kept); what it says again
//!   replaces what it said before.
//! - **Incidents**, **maintenances** and **announcements** are matched by `id`; a newer
//!   maintenance or announcement replaces the older. A newer incident's fields replace
//!   the older's; its updates are added to the older's, an update being matched by its time and
//!   status (the newer text wins), so the updates stay in time order with none twice.
//! - **Services**, **regions** and **dependencies** are matched by id (a dependency by its
//!   service); the newer replaces the older in place, new ones are appended. A service's own
//!   coverage is the union of both's, or the one either has.
//! - **Series** are matched by (service, region); samples are merged by time and a newer sample
//!   replaces an older one at the same time, a `NaN` (no data) never replaces a value. Regular
//!   series on the same grid stay regular (the gap between them filled with `NaN`); otherwise the
//!   result is irregular.
//! - **Coverage** is the union of both; `as_of` the later; the title the newer unless empty.
//! - Ids are the publishers' own and are taken to be unique across the sources collected
//!   together (Statuspage, Graph and the other formats use ids that cannot collide).
//! - Merging is idempotent: merging the same snapshot twice gives what merging it once gave.
//!
//! [`layout`] splits a history into monthly shards and the page's index, and applies retention.

pub mod layout;

use std::collections::HashMap;

use crate::model::{sort_by_time, Coverage, Incident, Samples, Series, Service, Snapshot, TimeMs};

/// Folds `newer` into `history`; see the module contract.
pub fn merge(history: &mut Snapshot, newer: Snapshot) {
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
    } = newer;
    if !title.trim().is_empty() {
        history.title = title;
    }
    history.as_of_ms = history.as_of_ms.max(as_of_ms);
    history.coverage = history.coverage.union(&coverage);
    upsert(&mut history.regions, regions, |r| r.id.clone(), |old, new| *old = new);
    upsert(
        &mut history.services,
        services,
        |s| s.id.clone(),
        |old, new| {
            let coverage = Coverage::union_of_own(old.coverage.take(), new.coverage);
            *old = Service { coverage, ..new };
        },
    );
    upsert(&mut history.dependencies, dependencies, |d| d.service.clone(), |old, new| *old = new);
    upsert(&mut history.maintenances, maintenances, |m| m.id.clone(), |old, new| *old = new);
    upsert(&mut history.announcements, announcements, |a| a.id.clone(), |old, new| *old = new);
    let incidents_before = history.incidents.len();
    upsert(&mut history.incidents, incidents, |i| i.id.clone(), merge_incident);
    if history.incidents.len() != incidents_before
        || history.incidents.windows(2).any(|w| w[0].start_ms > w[1].start_ms)
    {
        sort_by_time(&mut history.incidents, |i| i.start_ms);
    }
    sort_by_time(&mut history.maintenances, |m| m.span.start_ms);
    sort_by_time(&mut history.announcements, |a| a.start_ms);
    for newer_series in series {
        match history
            .series
            .iter_mut()
            .find(|s| s.service == newer_series.service && s.region == newer_series.region)
        {
            Some(older) => merge_series(older, newer_series),
            None => history.series.push(newer_series),
        }
    }
}

/// Replaces items with the same key (through `update`) and appends the rest, in order.
fn upsert<T>(items: &mut Vec<T>, newer: Vec<T>, key: impl Fn(&T) -> String, update: impl Fn(&mut T, T)) {
    let mut index: HashMap<String, usize> =
        items.iter().enumerate().map(|(i, item)| (key(item), i)).collect();
    for item in newer {
        let k = key(&item);
        match index.get(&k).and_then(|&i| items.get_mut(i)) {
            Some(older) => update(older, item),
            None => {
                index.insert(k, items.len());
                items.push(item);
            }
        }
    }
}

/// The newer incident, with the older's updates it no longer lists.
fn merge_incident(older: &mut Incident, newer: Incident) {
    let mut updates = std::mem::take(&mut older.updates);
    for update in newer.updates.iter() {
        match updates.iter_mut().find(|u| u.at_ms == update.at_ms && u.status == update.status) {
            Some(same) => *same = update.clone(),
            None => updates.push(update.clone()),
        }
    }
    sort_by_time(&mut updates, |u| u.at_ms);
    *older = Incident { updates, ..newer };
}

/// One sample: its time, up-ratio and latency (`NaN` when unknown).
type Point = (TimeMs, f32, f32);

fn merge_series(older: &mut Series, newer: Series) {
    if newer.samples.is_empty() {
        return;
    }
    if older.samples.is_empty() {
        *older = newer;
        return;
    }
    if let Some(merged) = merge_regular(older, &newer) {
        *older = merged;
        return;
    }
    if append_irregular(older, &newer) {
        return;
    }
    let merged = merge_points(points(older), points(&newer));
    *older = from_points(&newer, merged);
}

/// The usual run of a probe: irregular samples after the last one, appended in place. `false`
/// (and nothing changed) when that is not the case.
fn append_irregular(older: &mut Series, newer: &Series) -> bool {
    let (
        Samples::Irregular { times_ms: t1, up_ratio: u1 },
        Samples::Irregular { times_ms: t2, up_ratio: u2 },
    ) = (&mut older.samples, &newer.samples)
    else {
        return false;
    };
    if t1.last().zip(t2.first()).is_none_or(|(last, first)| first <= last) {
        return false;
    }
    let old_len = t1.len();
    t1.extend_from_slice(t2);
    u1.extend_from_slice(u2);
    if !newer.latency_ms.is_empty() || !older.latency_ms.is_empty() {
        older.latency_ms.resize(old_len, f32::NAN);
        older.latency_ms.extend((0..t2.len()).map(|i| newer.latency_ms.get(i).copied().unwrap_or(f32::NAN)));
    }
    true
}

/// Both regular on the same grid: one regular series over both, newer values winning.
fn merge_regular(older: &Series, newer: &Series) -> Option<Series> {
    let (
        Samples::Regular { start_ms: s1, step_ms: d1, up_ratio: u1 },
        Samples::Regular { start_ms: s2, step_ms: d2, up_ratio: u2 },
    ) = (&older.samples, &newer.samples)
    else {
        return None;
    };
    if d1 != d2 || *d1 <= 0 || (s2 - s1).rem_euclid(*d1) != 0 {
        return None;
    }
    let step_ms = *d1;
    let start_ms = (*s1).min(*s2);
    let end_ms = older.samples.span().end_ms.max(newer.samples.span().end_ms);
    let len = usize::try_from((end_ms - start_ms) / step_ms).ok()?;
    let with_latency = !older.latency_ms.is_empty() || !newer.latency_ms.is_empty();
    let mut up_ratio = vec![f32::NAN; len];
    let mut latency_ms = if with_latency { vec![f32::NAN; len] } else { Vec::new() };
    for (series, start, values) in [(older, *s1, u1), (newer, *s2, u2)] {
        let offset = usize::try_from((start - start_ms) / step_ms).ok()?;
        for (i, v) in values.iter().enumerate().filter(|(_, v)| !v.is_nan()) {
            if let Some(slot) = up_ratio.get_mut(offset + i) {
                *slot = *v;
            }
            if let (Some(slot), Some(l)) = (latency_ms.get_mut(offset + i), series.latency_ms.get(i)) {
                *slot = *l;
            }
        }
    }
    Some(Series {
        service: newer.service.clone(),
        region: newer.region.clone(),
        samples: Samples::Regular { start_ms, step_ms, up_ratio },
        latency_ms,
    })
}

fn points(series: &Series) -> Vec<Point> {
    let latency = |i: usize| series.latency_ms.get(i).copied().unwrap_or(f32::NAN);
    match &series.samples {
        Samples::Regular { start_ms, step_ms, up_ratio } => up_ratio
            .iter()
            .enumerate()
            .map(|(i, v)| (start_ms + step_ms * i as i64, *v, latency(i)))
            .collect(),
        Samples::Irregular { times_ms, up_ratio } => {
            times_ms.iter().zip(up_ratio).enumerate().map(|(i, (t, v))| (*t, *v, latency(i))).collect()
        }
    }
}

/// Both sorted by time; at the same time the newer wins unless it has no data.
fn merge_points(older: Vec<Point>, newer: Vec<Point>) -> Vec<Point> {
    let mut out = Vec::with_capacity(older.len() + newer.len());
    let (mut a, mut b) = (older.into_iter().peekable(), newer.into_iter().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (Some(x), Some(y)) if x.0 < y.0 => {
                out.push(x);
                a.next();
            }
            (Some(x), Some(y)) if x.0 == y.0 => {
                out.push(if y.1.is_nan() { x } else { y });
                a.next();
                b.next();
            }
            (_, Some(y)) => {
                out.push(y);
                b.next();
            }
            (Some(x), None) => {
                out.push(x);
                a.next();
            }
            (None, None) => break,
        }
    }
    out
}

fn from_points(like: &Series, points: Vec<Point>) -> Series {
    let with_latency = points.iter().any(|p| !p.2.is_nan());
    let mut times_ms = Vec::with_capacity(points.len());
    let mut up_ratio = Vec::with_capacity(points.len());
    let mut latency_ms = Vec::with_capacity(if with_latency { points.len() } else { 0 });
    for (t, v, l) in points {
        times_ms.push(t);
        up_ratio.push(v);
        if with_latency {
            latency_ms.push(l);
        }
    }
    Series {
        service: like.service.clone(),
        region: like.region.clone(),
        samples: Samples::Irregular { times_ms, up_ratio },
        latency_ms,
    }
}

#[cfg(test)]
mod tests;
