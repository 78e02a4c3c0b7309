//! `history/summary.json`: one record per site with its slug, current status, uptime figures and
//! `dailyMinutesDown` (UTC day → minutes down, listing only days with downtime). The rules for
//! as-of, coverage and the daily series are in the parent module's documentation.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::slug::site_slug;
use super::{service, status_tag};
use crate::ingest::{IngestError, MAX_SAMPLES};
use crate::ingest::{Notes, Then};
use crate::model::format::{format_day, format_rfc3339};
use crate::model::{parse_rfc3339_ms, sort_with, Samples, Series, Service, Snapshot, Span, MS_PER_DAY};

/// Days Upptime looks back when it writes `dailyMinutesDown`: today and the 364 before.
const LOOKBACK_DAYS: i64 = 365;
const MINUTES_PER_DAY: f64 = 1440.0;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireSite {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    daily_minutes_down: Option<Map<String, Value>>,
    /// The share of the last year the site was up, as Upptime writes it (`"99.95%"`).
    #[serde(default)]
    uptime_year: Option<String>,
}

/// A site record's first cells: records that start like this are a summary.
pub fn detect(json: &Value) -> bool {
    let Some(first) = json.as_array().and_then(|items| items.first()) else { return false };
    first.get("slug").is_some_and(Value::is_string)
        && (first.get("dailyMinutesDown").is_some_and(Value::is_object)
            || first.get("uptimeDay").is_some_and(Value::is_string))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` UTC day.
pub fn day_number(text: &str) -> Option<i64> {
    // Midnight UTC of a valid day: RFC 3339 checks the calendar (one parser for every form).
    let at_ms = parse_rfc3339_ms(&format!("{text}T00:00:00Z"))?;
    Some(at_ms.div_euclid(MS_PER_DAY))
}

/// One site's downtime by day: `(day number, minutes down or NaN when unreadable)`.
struct Downtime {
    service: String,
    path: String,
    days: Vec<(i64, f64)>,
    /// Its `uptimeYear`, in percent.
    uptime_year_percent: Option<f64>,
}

/// Reads a summary array; fatal only when the samples would pass [`MAX_SAMPLES`].
pub fn read(items: Vec<Value>) -> Result<(Snapshot, Notes), IngestError> {
    let mut notes = Notes::default();
    let mut snapshot = Snapshot { title: "Upptime summary".into(), ..Snapshot::default() };
    let mut downtimes: Vec<Downtime> = Vec::new();
    let mut first_of_slug: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.into_iter().enumerate() {
        let path = format!("[{i}]");
        let site: WireSite = match serde_json::from_value(item) {
            Ok(site) => site,
            Err(error) => {
                notes.unreadable(path, "an Upptime site record", error);
                continue;
            }
        };
        let name = site.name.unwrap_or_default();
        let id = match site.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(slug) => slug.to_owned(),
            None => {
                let made = site_slug(None, &name, site.url.as_deref().unwrap_or_default());
                notes.note(
                    format!("{path}.slug"),
                    format!("missing; made from the name as Upptime makes slugs: {made:?}"),
                );
                made
            }
        };
        if let Some(first) = first_of_slug.get(&id) {
            notes.duplicate_id(format!("{path}.slug"), &id, Some(&format!("[{first}]")));
            continue;
        }
        first_of_slug.insert(id.clone(), i);
        let tags = status_tag(&mut notes, &format!("{path}.status"), site.status.as_deref());
        let name = if name.trim().is_empty() { id.clone() } else { name.trim().to_owned() };
        match site.daily_minutes_down {
            Some(map) => {
                let days = read_days(&mut notes, &path, map);
                let uptime_year_percent = site
                    .uptime_year
                    .as_deref()
                    .and_then(|y| y.trim().trim_end_matches('%').trim().parse::<f64>().ok())
                    .filter(|p| (0.0..=100.0).contains(p));
                downtimes.push(Downtime { service: id.clone(), path, days, uptime_year_percent });
            }
            None => notes.note(
                format!("{path}.dailyMinutesDown"),
                "missing; no daily series for this site (its downtime is not known day by day)",
            ),
        }
        snapshot.services.push(Service { tags, ..service(id, name) });
    }
    let Some((latest_day, latest_path)) = latest(&downtimes) else {
        notes.note(
            "[*].dailyMinutesDown",
            "summary.json has no generation time and lists no day with downtime: as-of and coverage \
             unknown, services only",
        );
        return Ok((snapshot, notes));
    };
    let first_allowed = latest_day - (LOOKBACK_DAYS - 1);
    let earliest_day = downtimes
        .iter()
        .flat_map(|d| d.days.iter().map(|(day, _)| *day))
        .filter(|day| *day >= first_allowed)
        .min()
        .unwrap_or(latest_day);
    let day_count = latest_day - earliest_day + 1;
    let samples = usize::try_from(day_count).unwrap_or(usize::MAX).saturating_mul(downtimes.len());
    if samples > MAX_SAMPLES {
        return Err(IngestError::TooMany { what: "samples", count: samples, limit: MAX_SAMPLES });
    }
    snapshot.as_of_ms = (latest_day + 1) * MS_PER_DAY;
    snapshot.coverage = Span::new(earliest_day * MS_PER_DAY, snapshot.as_of_ms).into();
    for downtime in downtimes {
        snapshot.series.push(daily_series(&mut notes, downtime, earliest_day, day_count, first_allowed));
    }
    notes.note(
        latest_path,
        format!(
            "summary.json has no generation time; as-of set to the end of the last day with data, {} ({})",
            format_day(latest_day),
            format_rfc3339(snapshot.as_of_ms)
        ),
    );
    Ok((snapshot, notes))
}

/// The readable days of one `dailyMinutesDown`, with issues for the rest.
fn read_days(notes: &mut Notes, path: &str, map: Map<String, Value>) -> Vec<(i64, f64)> {
    let mut days = Vec::with_capacity(map.len());
    // Day order, whatever order the file (or the JSON map) has: keys sort as dates do.
    let mut entries: Vec<(String, Value)> = map.into_iter().collect();
    sort_with(&mut entries, |a, b| a.0.cmp(&b.0));
    for (key, value) in entries {
        let at = format!("{path}.dailyMinutesDown.{key}");
        let Some(day) = day_number(&key) else {
            notes.wrong_type(at, "a YYYY-MM-DD day", Then::Skipped(""));
            continue;
        };
        let minutes = match value.as_f64() {
            Some(m) if m < 0.0 => {
                notes.out_of_range(at, format!("{value} minutes"), "0..1440", Then::ReadAs("no downtime"));
                0.0
            }
            Some(m) if m > MINUTES_PER_DAY => {
                notes.out_of_range(at, format!("{value} minutes"), "0..1440", Then::ReadAs("down all day"));
                MINUTES_PER_DAY
            }
            Some(m) => m,
            None => {
                notes.bad_value(at, &value, "a number of minutes", Then::ReadAs("no data"));
                f64::NAN
            }
        };
        days.push((day, minutes));
    }
    days
}

/// The latest listed day over all sites, and the path of a record that lists it.
fn latest(downtimes: &[Downtime]) -> Option<(i64, String)> {
    let mut best: Option<(i64, String)> = None;
    for d in downtimes {
        for (day, _) in &d.days {
            if best.as_ref().is_none_or(|(b, _)| day > b) {
                let key = format!("{}.dailyMinutesDown.{}", d.path, format_day(*day));
                best = Some((*day, key));
            }
        }
    }
    best
}

/// Up-ratios per day over `[earliest_day, earliest_day + day_count)`: 1 where no downtime is
/// listed, 1 − minutes/1440 where it is; days before `first_allowed` get an issue. Another site's
/// listing shows the monitor ran, not that this site was watched: the days before the site's own
/// first listed day are up only when its `uptimeYear` accounts for every minute it lists (within
/// the figure's rounding, half a hundredth of a percent of a year), else no data, with an issue.
fn daily_series(
    notes: &mut Notes,
    downtime: Downtime,
    earliest_day: i64,
    day_count: i64,
    first_allowed: i64,
) -> Series {
    let mut up_ratio = vec![1.0f32; usize::try_from(day_count).unwrap_or(0)];
    let in_window = || downtime.days.iter().filter(|(day, _)| *day >= first_allowed);
    let own_first = in_window().map(|(day, _)| *day).min();
    let listed_minutes: f64 = in_window().map(|(_, m)| *m).filter(|m| m.is_finite()).sum();
    let year_minutes = LOOKBACK_DAYS as f64 * MINUTES_PER_DAY;
    let implied_minutes = downtime.uptime_year_percent.map(|p| (100.0 - p) / 100.0 * year_minutes);
    let accounted = implied_minutes.is_some_and(|m| (m - listed_minutes).abs() <= 0.00005 * year_minutes);
    let unknown_days = own_first.map_or(day_count, |first| first - earliest_day);
    if unknown_days > 0 && !accounted {
        let unknown = usize::try_from(unknown_days).unwrap_or(0);
        up_ratio.iter_mut().take(unknown).for_each(|r| *r = f32::NAN);
        let since = own_first.map_or(String::new(), |first| format!(" before {}", format_day(first)));
        notes.note(
            format!("{}.dailyMinutesDown", downtime.path),
            format!(
                "lists no day{since}, and no uptimeYear accounts for the minutes it lists: {unknown_days} \
                 earlier days read as no data, not as up"
            ),
        );
    }
    let mut too_old = 0usize;
    for (day, minutes) in downtime.days {
        let slot = usize::try_from(day - earliest_day).ok().and_then(|i| up_ratio.get_mut(i));
        match slot {
            Some(slot) if day >= first_allowed => *slot = (1.0 - minutes / MINUTES_PER_DAY) as f32,
            _ => too_old += 1,
        }
    }
    if too_old > 0 {
        notes.note(
            format!("{}.dailyMinutesDown", downtime.path),
            format!(
                "{too_old} {} before {} outside the {LOOKBACK_DAYS} days Upptime looks back; ignored",
                if too_old == 1 { "day lies" } else { "days lie" },
                format_day(first_allowed)
            ),
        );
    }
    Series {
        service: downtime.service,
        region: None,
        samples: Samples::Regular { start_ms: earliest_day * MS_PER_DAY, step_ms: MS_PER_DAY, up_ratio },
        latency_ms: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read_json(value: Value) -> (Snapshot, Vec<String>) {
        let Value::Array(items) = value else { panic!("test input must be an array") };
        let (snapshot, issues) = read(items).expect("reads");
        (snapshot, issues.issues().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn day_numbers_are_utc_days_since_1970() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("1969-12-31"), Some(-1));
        assert_eq!(day_number("2025-07-22"), Some(20_291));
        assert_eq!(day_number("2025-02-30"), None);
        assert_eq!(day_number("2025-7-22"), None);
        assert_eq!(format_day(20_291), "2025-07-22");
    }

    #[test]
    fn bad_cells_become_issues_and_the_rest_is_kept() {
        let (s, issues) = read_json(json!([
            {"name": "A", "slug": "a", "status": "up",
             "dailyMinutesDown": {"2025-01-03": 1500, "2025-01-01": -3, "yesterday": 5, "2025-01-02": "x"}},
            {"name": "A again", "slug": "a", "dailyMinutesDown": {}},
            {"name": 7},
            {"name": "No Slug", "status": "sleeping"},
        ]));
        assert_eq!(
            issues,
            [
                "[0].dailyMinutesDown.2025-01-01: -3 minutes is outside 0..1440; read as no downtime",
                "[0].dailyMinutesDown.2025-01-02: \"x\" is not a number of minutes; read as no data",
                "[0].dailyMinutesDown.2025-01-03: 1500 minutes is outside 0..1440; read as down all day",
                "[0].dailyMinutesDown.yesterday: not a YYYY-MM-DD day; skipped",
                "[1].slug: duplicate id \"a\" (first at [0]); skipped",
                "[2]: not an Upptime site record (invalid type: integer `7`, expected a string); skipped",
                "[3].slug: missing; made from the name as Upptime makes slugs: \"no-slug\"",
                "[3].status: unknown status \"sleeping\"; ignored",
                "[3].dailyMinutesDown: missing; no daily series for this site (its downtime is not known day by day)",
                "[0].dailyMinutesDown.2025-01-03: summary.json has no generation time; as-of set to the end \
                 of the last day with data, 2025-01-03 (2025-01-04T00:00:00Z)",
            ]
        );
        assert_eq!(s.services.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), ["a", "no-slug"]);
        assert_eq!(s.services[0].tags, ["status:up"]);
        assert_eq!(s.series.len(), 1);
        let want = Samples::Regular {
            start_ms: day_number("2025-01-01").unwrap_or_default() * MS_PER_DAY,
            step_ms: MS_PER_DAY,
            up_ratio: vec![1.0, f32::NAN, 0.0],
        };
        assert_eq!(s.series[0].samples, want);
    }

    #[test]
    fn days_outside_the_lookback_are_ignored_and_bound_the_series() {
        let (s, issues) = read_json(json!([
            {"slug": "a", "name": "A", "dailyMinutesDown": {"0001-01-01": 5, "2024-06-01": 720, "2025-01-01": 36}},
        ]));
        assert_eq!(issues[0], "[0].dailyMinutesDown: 1 day lies before 2024-01-03 outside the 365 days Upptime looks back; ignored");
        let day = |text| day_number(text).unwrap_or_default() * MS_PER_DAY;
        assert_eq!(s.coverage, Span::new(day("2024-06-01"), day("2025-01-02")));
        let up = s.series[0].samples.up_ratio();
        assert_eq!((up.len(), up[0], up[1], up[214]), (215, 0.5, 1.0, 0.975));
    }

    #[test]
    fn no_dates_means_no_as_of() {
        let (s, issues) = read_json(json!([{"slug": "a", "name": "A", "dailyMinutesDown": {}}]));
        assert_eq!((s.as_of_ms, s.coverage.is_empty(), s.series.len(), s.services.len()), (0, true, 0, 1));
        assert_eq!(issues.len(), 1, "{issues:?}");
    }

    #[test]
    fn days_before_a_sites_first_listed_day_are_up_only_when_its_uptime_year_accounts_for_its_downtime() {
        // 2025-01-01 ..= 2025-01-10: ten days. A year is 525 600 minutes; 0.01 % of it is 52.56.
        let (snapshot, issues) = read_json(json!([
            // 99.99 %: 52.56 minutes implied, 30 listed: within 26.28, so accounted for.
            {"slug": "a", "uptimeYear": "99.99%", "dailyMinutesDown": {"2025-01-01": 30}},
            // 99.50 %: 2 628 minutes implied, 5 listed: the monitor did not watch it all year.
            {"slug": "b", "uptimeYear": "99.50%", "dailyMinutesDown": {"2025-01-10": 5}},
            // Up all year: nothing to list.
            {"slug": "c", "uptimeYear": "100.00%", "dailyMinutesDown": {}},
            // No figure at all.
            {"slug": "d", "dailyMinutesDown": {}},
        ]));
        let series = |id: &str| -> Vec<f32> {
            snapshot
                .series
                .iter()
                .find(|s| s.service == id)
                .map(|s| s.samples.up_ratio().to_vec())
                .unwrap_or_default()
        };
        let a = series("a");
        assert_eq!(a.first().copied(), Some(1.0 - 30.0 / 1440.0), "a: its listed day");
        assert!(a.iter().skip(1).all(|u| *u == 1.0), "a: the rest up: {a:?}");
        let b = series("b");
        assert!(b.iter().take(9).all(|u| u.is_nan()), "b: nine days unknown: {b:?}");
        assert_eq!(b.get(9).copied(), Some(1.0 - 5.0 / 1440.0), "b: its listed day");
        assert!(series("c").iter().all(|u| *u == 1.0), "c: up");
        let d = series("d");
        assert!(d.len() == 10 && d.iter().all(|u| u.is_nan()), "d: unknown: {d:?}");
        assert_eq!(
            issues.get(..2),
            Some(
                &[
                    "[1].dailyMinutesDown: lists no day before 2025-01-10, and no uptimeYear accounts for \
                     the minutes it lists: 9 earlier days read as no data, not as up"
                        .to_string(),
                    "[3].dailyMinutesDown: lists no day, and no uptimeYear accounts for the minutes it \
                     lists: 10 earlier days read as no data, not as up"
                        .to_string(),
                ][..]
            ),
            "issues: {issues:?}"
        );
    }
}
