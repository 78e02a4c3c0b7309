//! The Nines native format, version 1 (reference: docs/format.md, schema:
//! public/schema/nines-v1.schema.json). Times are RFC 3339 strings; series are columnar
//! (`start`, `step_s`, `up`: one up-ratio per step, `null` where there is no data).

mod columns;
mod scan;
mod wire;
mod write;

pub use write::write;

use super::fields::Object;
use super::{Format, IngestError, Notes, Parsed, SeenIds, Then, MAX_SAMPLES};
use crate::model::parse_rfc3339_ms;
use crate::model::{
    Announcement, Coverage, Dependency, Incident, IncidentStatus, IncidentUpdate, Level, Maintenance, Origin,
    RedundantGroup, Region, Samples, Series, Service, Slo, Snapshot, Span, TimeMs, MAX_STEP_MS, MAX_TIME_MS,
    MIN_TIME_MS,
};
use wire::*;

pub const VERSION: u32 = 1;

/// Collects issues while converting wire records.
#[derive(Default)]
struct Reader {
    notes: Notes,
}

impl Reader {
    fn time(&mut self, path: String, text: &str) -> Option<TimeMs> {
        let parsed = parse_rfc3339_ms(text);
        if parsed.is_none() {
            self.notes.not_rfc3339(path, text, Then::Skipped("record"));
        }
        parsed
    }

    /// `text`'s time when it has one; `None` inside when it has none, `None` outside when it
    /// does not read (with an issue).
    fn opt_time(&mut self, path: String, text: &Option<String>) -> Option<Option<TimeMs>> {
        match text {
            Some(text) => Some(Some(self.time(path, text)?)),
            None => Some(None),
        }
    }

    /// The http(s) links of `links`, with an issue for each other one.
    fn web_links(&mut self, path: &str, links: Vec<String>) -> Vec<String> {
        links
            .into_iter()
            .filter(|link| {
                let allowed = link.starts_with("https://") || link.starts_with("http://");
                if !allowed {
                    self.notes.not_http(format!("{path}.links"), link);
                }
                allowed
            })
            .collect()
    }

    /// The end of the record at `path` that starts at `start_ms`: `end` read, clamped to the
    /// start (with an issue) when before it.
    fn end(&mut self, path: &str, start_ms: TimeMs, end: &Option<String>) -> Option<Option<TimeMs>> {
        let end_ms = self.opt_time(format!("{path}.end"), end)?;
        Some(end_ms.map(|end_ms| {
            if end_ms < start_ms {
                self.notes.end_clamped(format!("{path}.end"), end_ms, start_ms);
            }
            end_ms.max(start_ms)
        }))
    }

    fn level(&mut self, path: String, text: &str) -> Level {
        Level::parse(text).unwrap_or_else(|| {
            self.notes.unknown(path, "level", text, Then::ReadAs("unknown"));
            Level::Unknown
        })
    }
}

/// Says why a file is not native version 1, from its `format` and `version` fields alone.
fn check_head(format: Option<&str>, version: Option<&serde_json::Value>) -> Result<(), IngestError> {
    match format {
        Some("nines") => {}
        Some(other) => {
            return Err(IngestError::UnknownFormat(format!("\"format\" is {other:?}; expected \"nines\"")))
        }
        None => {
            return Err(IngestError::UnknownFormat(
                "no \"format\" field; expected \"format\": \"nines\"".into(),
            ))
        }
    }
    match version {
        Some(version) if version.as_u64() == Some(u64::from(VERSION)) => Ok(()),
        Some(version) => Err(IngestError::UnsupportedVersion {
            format: "nines",
            found: version.to_string(),
            supported: VERSION,
        }),
        None => Err(IngestError::Invalid { path: "version".into(), message: "missing; expected 1".into() }),
    }
}

/// Reads a native file. Fatal: not JSON, wrong format or version, missing `as_of`/`coverage`,
/// more than [`MAX_SAMPLES`] `up` samples in all.
pub fn parse(text: &str) -> Result<Parsed, IngestError> {
    // One pass in the usual case; only a file that does not read as version 1 is read again,
    // for its `format` and `version`, so that a future version gets a clear message (and a
    // syntax error gets serde_json's message).
    let scanned = match scan::read_file(text) {
        Ok(scanned) => scanned,
        Err(error) => {
            let head: Head = serde_json::from_str(text).map_err(|e| IngestError::from_json(&e))?;
            check_head(head.format.as_deref(), head.version.as_ref())?;
            return Err(error);
        }
    };
    let (file, collected) = (scanned.file, scanned.collected);
    check_head(Some(&file.format), Some(&serde_json::Value::from(file.version)))?;
    if scanned.up_samples > MAX_SAMPLES {
        return Err(IngestError::TooMany { what: "samples", count: scanned.up_samples, limit: MAX_SAMPLES });
    }
    let mut reader = Reader::default();
    let as_of_ms = required_time("as_of", &file.as_of)?;
    let coverage = read_coverage("coverage", &file.coverage)?;

    let mut snapshot = Snapshot {
        title: file.title,
        as_of_ms,
        coverage,
        regions: file.regions.into_iter().map(|r| Region { id: r.id, name: r.name }).collect(),
        ..Snapshot::default()
    };
    let mut service_ids = SeenIds::default();
    for (i, s) in file.services.into_iter().enumerate() {
        if service_ids.has(&s.id) {
            reader.notes.duplicate_id(format!("services[{i}].id"), &s.id, None);
            continue;
        }
        let slo = s.slo.and_then(|slo| {
            let path = format!("services[{i}].slo");
            if !(0.0..=1.0).contains(&slo.target) {
                reader.notes.out_of_range(path, format!("target {}", slo.target), "0..1", Then::Ignored);
                None
            } else if slo.window_days == 0 {
                reader.notes.out_of_range(path, "window_days 0", "1..", Then::Ignored);
                None
            } else {
                Some(Slo { target_ratio: slo.target, window_days: slo.window_days })
            }
        });
        let coverage = match &s.coverage {
            Some(wire) => Some(read_coverage(&format!("services[{i}].coverage"), wire)?),
            None => None,
        };
        service_ids.add(&s.id);
        snapshot.services.push(Service {
            id: s.id,
            name: s.name,
            group: s.group,
            regions: s.regions,
            tags: s.tags,
            slo,
            coverage,
        });
    }
    snapshot.dependencies = file
        .dependencies
        .into_iter()
        .map(|d| Dependency {
            service: d.service,
            requires: d.requires,
            redundant: d.redundant.into_iter().map(|g| RedundantGroup { k: g.k, of: g.of }).collect(),
        })
        .collect();
    for (i, wire) in file.incidents.into_iter().enumerate() {
        if let Some(incident) = read_incident(&mut reader, i, wire) {
            snapshot.incidents.push(incident);
        }
    }
    crate::model::sort_by_time(&mut snapshot.incidents, |i| i.start_ms);
    for (i, m) in file.maintenances.into_iter().enumerate() {
        let path = format!("maintenances[{i}]");
        let (Some(start_ms), Some(end_ms)) =
            (reader.time(format!("{path}.start"), &m.start), reader.time(format!("{path}.end"), &m.end))
        else {
            continue;
        };
        if end_ms < start_ms {
            reader.notes.end_swapped(format!("{path}.end"), end_ms, start_ms);
        }
        snapshot.maintenances.push(Maintenance {
            id: m.id,
            title: m.title,
            services: m.services,
            regions: m.regions,
            span: Span::new(start_ms, end_ms),
        });
    }
    for (i, value) in file.announcements.iter().enumerate() {
        if let Some(announcement) = read_announcement(&mut reader, &format!("announcements[{i}]"), value) {
            snapshot.announcements.push(announcement);
        }
    }
    crate::model::sort_by_time(&mut snapshot.announcements, |a| a.start_ms);
    for (i, s) in file.series.into_iter().enumerate() {
        if let Some(series) = read_series(&mut reader, i, s) {
            snapshot.series.push(series);
        }
    }
    let mut history_months = Vec::new();
    for (i, month) in collected.map(|c| c.months).unwrap_or_default().into_iter().enumerate() {
        if is_month_key(&month) {
            history_months.push(month);
        } else {
            reader.notes.wrong_type(format!("collected.months[{i}]"), "a YYYY-MM month", Then::Dropped);
        }
    }
    Ok(Parsed { snapshot, format: Format::Native, issues: reader.notes.into_issues(), history_months })
}

/// The irregular samples at `times_ms` (Unix milliseconds, read from `field` of the series at
/// `path`), sorted by time; none when a time is out of range or the lengths differ.
fn irregular(
    reader: &mut Reader,
    path: &str,
    field: &str,
    times_ms: Vec<TimeMs>,
    up_ratio: Vec<f32>,
) -> Option<Samples> {
    if times_ms.len() != up_ratio.len() {
        reader.notes.note(format!("{path}.{field}"), "not as long as `up`; series skipped");
        return None;
    }
    if let Some((k, t_ms)) =
        times_ms.iter().enumerate().find(|(_, t)| !(MIN_TIME_MS..=MAX_TIME_MS).contains(*t))
    {
        let range = "the years 1 to 9999 (-62135596800000..=253402300799999)";
        reader.notes.out_of_range(format!("{path}.{field}[{k}]"), t_ms, range, Then::Skipped("series"));
        return None;
    }
    let mut pairs: Vec<(i64, f32)> = times_ms.into_iter().zip(up_ratio).collect();
    if pairs.windows(2).any(|w| w[0].0 > w[1].0) {
        reader.notes.not_in_time_order(format!("{path}.{field}"));
        crate::model::sort_by_time(&mut pairs, |p| p.0);
    }
    let (times_ms, up_ratio) = pairs.into_iter().unzip();
    Some(Samples::Irregular { times_ms, up_ratio })
}

fn read_series(reader: &mut Reader, i: usize, s: WireSeriesIn) -> Option<Series> {
    let path = format!("series[{i}]");
    let up_ratio = read_column(reader, format!("{path}.up"), s.up, "series skipped")?;
    // Values outside 0..1 are not up-ratios (a count, a latency): refused, as Prometheus's are,
    // rather than clamped into figures they never meant.
    let outside = |v: &&f32| !(0.0..=1.0).contains(*v) && !v.is_nan();
    if let Some(example) = up_ratio.iter().find(outside) {
        let count = up_ratio.iter().filter(outside).count();
        reader.notes.not_up_ratio(format!("{path}.up"), count, example);
        return None;
    }
    let samples = match (s.start, s.step_s, s.times_ms, s.times_delta_ms) {
        (Some(start), Some(step_s), None, None) => {
            let start_ms = reader.time(format!("{path}.start"), &start)?;
            let step_ms = (step_s * 1000.0).round();
            if !(1.0..=MAX_STEP_MS as f64).contains(&step_ms) {
                reader
                    .notes
                    .note(format!("{path}.step_s"), "must be from 0.001 to 1e9 seconds; series skipped");
                return None;
            }
            Samples::Regular { start_ms, step_ms: step_ms as i64, up_ratio }
        }
        (None, None, Some(times_ms), None) => irregular(reader, &path, "times_ms", times_ms, up_ratio)?,
        (None, None, None, Some(mut times_ms)) => {
            // Each after the first is the milliseconds since the one before it.
            let mut at_ms: TimeMs = 0;
            for t in &mut times_ms {
                at_ms = at_ms.saturating_add(*t);
                *t = at_ms;
            }
            irregular(reader, &path, "times_delta_ms", times_ms, up_ratio)?
        }
        _ => {
            let needs = "needs either `start` and `step_s`, or one of `times_ms` and `times_delta_ms`";
            reader.notes.note(path, format!("{needs}; series skipped"));
            return None;
        }
    };
    let latency_ms = match s.latency_ms {
        Some(column) => {
            match read_column(reader, format!("{path}.latency_ms"), column, "latencies dropped") {
                Some(values) if values.len() == samples.len() => values,
                Some(_) => {
                    reader.notes.note(format!("{path}.latency_ms"), "not as long as `up`; dropped");
                    Vec::new()
                }
                None => Vec::new(),
            }
        }
        None => Vec::new(),
    };
    Some(Series { service: s.service, region: s.region, samples, latency_ms })
}

/// A column's values; a bad element is an issue at its path, saying `then`.
fn read_column(reader: &mut Reader, path: String, column: columns::Column, then: &str) -> Option<Vec<f32>> {
    match column {
        Ok(values) => Some(values),
        Err(bad) => {
            let at = bad.index.map_or(String::new(), |i| format!("[{i}]"));
            reader.notes.note(format!("{path}{at}"), format!("{}; {then}", bad.message));
            None
        }
    }
}

/// A time the file must have: an error naming `path` otherwise.
fn required_time(path: &str, text: &str) -> Result<TimeMs, IngestError> {
    parse_rfc3339_ms(text).ok_or_else(|| IngestError::Invalid {
        path: path.into(),
        message: format!("{text:?} is not an RFC 3339 time"),
    })
}

/// `coverage` (the file's, at `path`, or a service's): one span or an array of spans.
fn read_coverage(path: &str, wire: &WireCoverage) -> Result<Coverage, IngestError> {
    match wire {
        WireCoverage::One(span) => Ok(Coverage::from(Span::new(
            required_time(&format!("{path}.start"), &span.start)?,
            required_time(&format!("{path}.end"), &span.end)?,
        ))),
        WireCoverage::Many(spans) => {
            let mut read = Vec::with_capacity(spans.len());
            for (i, span) in spans.iter().enumerate() {
                read.push(Span::new(
                    required_time(&format!("{path}[{i}].start"), &span.start)?,
                    required_time(&format!("{path}[{i}].end"), &span.end)?,
                ));
            }
            Ok(Coverage::new(read))
        }
    }
}

fn read_incident(reader: &mut Reader, i: usize, wire: WireIncident) -> Option<Incident> {
    let path = format!("incidents[{i}]");
    let start_ms = reader.time(format!("{path}.start"), &wire.start)?;
    let end_ms = reader.end(&path, start_ms, &wire.end)?;
    let impact = reader.level(format!("{path}.impact"), &wire.impact);
    let origin = Origin::parse(&wire.origin).unwrap_or_else(|| {
        reader.notes.unknown(format!("{path}.origin"), "origin", &wire.origin, Then::ReadAs("unknown"));
        Origin::Unknown
    });
    let mut updates = Vec::with_capacity(wire.updates.len());
    for (j, u) in wire.updates.into_iter().enumerate() {
        let upath = format!("{path}.updates[{j}]");
        let Some(at_ms) = reader.time(format!("{upath}.at"), &u.at) else { continue };
        let impact = u.impact.map(|text| reader.level(format!("{upath}.impact"), &text));
        updates.push(IncidentUpdate {
            at_ms,
            status: IncidentStatus::parse(&u.status),
            text: u.text,
            impact,
        });
    }
    if updates.windows(2).any(|w| w[0].at_ms > w[1].at_ms) {
        reader.notes.not_in_time_order(format!("{path}.updates"));
        crate::model::sort_by_time(&mut updates, |u| u.at_ms);
    }
    let links = reader.web_links(&path, wire.links);
    Some(Incident {
        id: wire.id,
        title: wire.title,
        impact,
        source_impact: wire.source_impact,
        status: IncidentStatus::parse(&wire.status),
        origin,
        services: wire.services,
        regions: wire.regions,
        start_ms,
        end_ms,
        updates,
        links,
    })
}

/// The announcement at `path`, read from its JSON tree by hand (see [`crate::ingest::fields`]):
/// `id`, `title` and `start` are required, the rest optional; a time that does not read skips it.
fn read_announcement(reader: &mut Reader, path: &str, value: &serde_json::Value) -> Option<Announcement> {
    if !value.is_object() {
        reader.notes.unreadable(path.to_string(), "an announcement", "not an object");
        return None;
    }
    let o = Object { value, path };
    let notes = &mut reader.notes;
    let (id, title, start) =
        (o.required(notes, "id")?, o.required(notes, "title")?, o.required(notes, "start")?);
    let (end, action_by) = (o.text(notes, "end"), o.text(notes, "action_by"));
    let (services, tags, text, links) =
        (o.texts(notes, "services"), o.texts(notes, "tags"), o.text(notes, "text"), o.texts(notes, "links"));
    let start_ms = reader.time(o.at("start"), &start)?;
    let end_ms = reader.end(path, start_ms, &end)?;
    let action_by_ms = reader.opt_time(o.at("action_by"), &action_by)?;
    let links = reader.web_links(path, links);
    Some(Announcement {
        id,
        title,
        services,
        tags,
        start_ms,
        end_ms,
        action_by_ms,
        text: text.unwrap_or_default(),
        links,
    })
}

/// Whether `text` is a month as the shards are named: `YYYY-MM` with a month from 01 to 12 (it
/// becomes part of a URL, so nothing else passes).
fn is_month_key(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit())
        && matches!(text.get(5..7).and_then(|m| m.parse::<u8>().ok()), Some(1..=12))
}
