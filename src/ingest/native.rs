//! The Nines native format, version 1 (reference: docs/format.md, schema:
//! public/schema/nines-v1.schema.json). Times are RFC 3339 strings; series are columnar
//! (`start`, `step_s`, `up`: one up-ratio per step, `null` where there is no data).

use serde::{Deserialize, Serialize, Serializer};

use super::{Format, IngestError, Issue, Parsed, MAX_SAMPLES};
use crate::model::timefmt::{format_rfc3339, parse_rfc3339_ms};
use crate::model::{
    Dependency, Incident, IncidentStatus, IncidentUpdate, Level, Maintenance, Origin, RedundantGroup, Region,
    Samples, Series, Service, Slo, Snapshot, Span, TimeMs,
};

pub const VERSION: u32 = 1;

/// The fields that say which format and version a file is, read before the rest.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

#[derive(Deserialize, Serialize)]
struct File {
    format: String,
    version: u32,
    #[serde(default)]
    title: String,
    as_of: String,
    coverage: WireSpan,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    regions: Vec<WireRegion>,
    #[serde(default)]
    services: Vec<WireService>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    dependencies: Vec<WireDependency>,
    #[serde(default)]
    incidents: Vec<WireIncident>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    maintenances: Vec<WireMaintenance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    series: Vec<WireSeries>,
}

#[derive(Deserialize, Serialize)]
struct WireSpan {
    start: String,
    end: String,
}

#[derive(Deserialize, Serialize)]
struct WireRegion {
    id: String,
    name: String,
}

#[derive(Deserialize, Serialize)]
struct WireService {
    id: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    slo: Option<WireSlo>,
}

#[derive(Deserialize, Serialize)]
struct WireSlo {
    target: f64,
    #[serde(default = "default_window_days")]
    window_days: u32,
}

fn default_window_days() -> u32 {
    30
}

#[derive(Deserialize, Serialize)]
struct WireDependency {
    service: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    requires: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    redundant: Vec<WireRedundant>,
}

#[derive(Deserialize, Serialize)]
struct WireRedundant {
    k: u32,
    of: Vec<String>,
}

#[derive(Deserialize, Serialize)]
struct WireIncident {
    id: String,
    title: String,
    impact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_impact: Option<String>,
    status: String,
    #[serde(default = "unknown_text")]
    origin: String,
    services: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    regions: Vec<String>,
    start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    updates: Vec<WireUpdate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    links: Vec<String>,
}

fn unknown_text() -> String {
    "unknown".into()
}

#[derive(Deserialize, Serialize)]
struct WireUpdate {
    at: String,
    status: String,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    impact: Option<String>,
}

#[derive(Deserialize, Serialize)]
struct WireMaintenance {
    id: String,
    title: String,
    services: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    regions: Vec<String>,
    start: String,
    end: String,
}

/// A series is regular (`start` + `step_s`) or irregular (`times_ms`, Unix milliseconds).
#[derive(Deserialize, Serialize)]
struct WireSeries {
    service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step_s: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    times_ms: Option<Vec<i64>>,
    #[serde(serialize_with = "write_four_decimals")]
    up: Vec<Option<f32>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "write_optional_four_decimals"
    )]
    latency_ms: Option<Vec<Option<f32>>>,
}

/// Writes numbers compactly: whole numbers without a fraction, others to four decimals.
fn write_four_decimals<S: Serializer>(values: &[Option<f32>], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(values.len()))?;
    for value in values {
        match value {
            None => seq.serialize_element(&None::<u8>)?,
            Some(v) if v.fract() == 0.0 && v.abs() < 1e9 => seq.serialize_element(&(*v as i64))?,
            Some(v) => seq.serialize_element(&((f64::from(*v) * 1e4).round() / 1e4))?,
        }
    }
    seq.end()
}

fn write_optional_four_decimals<S: Serializer>(
    values: &Option<Vec<Option<f32>>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    write_four_decimals(values.as_deref().unwrap_or_default(), s)
}

fn optional_values(values: &[f32]) -> Vec<Option<f32>> {
    values.iter().map(|v| (!v.is_nan()).then_some(*v)).collect()
}

/// Collects issues while converting wire records.
struct Reader {
    issues: Vec<Issue>,
}

impl Reader {
    fn issue(&mut self, path: String, message: impl Into<String>) {
        self.issues.push(Issue { path, message: message.into() });
    }

    fn time(&mut self, path: String, text: &str) -> Option<TimeMs> {
        let parsed = parse_rfc3339_ms(text);
        if parsed.is_none() {
            self.issue(path, format!("{text:?} is not an RFC 3339 time; record skipped"));
        }
        parsed
    }

    fn level(&mut self, path: String, text: &str) -> Level {
        Level::parse(text).unwrap_or_else(|| {
            self.issue(path, format!("unknown level {text:?}; read as unknown"));
            Level::Unknown
        })
    }
}

/// Reads a native file. Fatal: not JSON, wrong format or version, missing `as_of`/`coverage`.
pub fn parse(text: &str) -> Result<Parsed, IngestError> {
    let head: Head = serde_json::from_str(text).map_err(|e| IngestError::from_json(&e))?;
    match head.format.as_deref() {
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
    match &head.version {
        Some(version) if version.as_u64() == Some(u64::from(VERSION)) => {}
        Some(version) => {
            return Err(IngestError::UnsupportedVersion {
                format: "nines",
                found: version.to_string(),
                supported: VERSION,
            })
        }
        None => {
            return Err(IngestError::Invalid {
                path: "version".into(),
                message: "missing; expected 1".into(),
            })
        }
    }
    let file: File = serde_json::from_str(text).map_err(|e| IngestError::from_json(&e))?;
    let samples: usize = file.series.iter().map(|s| s.up.len()).sum();
    if samples > MAX_SAMPLES {
        return Err(IngestError::TooManySamples { samples, limit: MAX_SAMPLES });
    }
    let mut reader = Reader { issues: Vec::new() };
    let required_time = |path: &str, text: &str| {
        parse_rfc3339_ms(text).ok_or_else(|| IngestError::Invalid {
            path: path.into(),
            message: format!("{text:?} is not an RFC 3339 time"),
        })
    };
    let as_of_ms = required_time("as_of", &file.as_of)?;
    let coverage = Span::new(
        required_time("coverage.start", &file.coverage.start)?,
        required_time("coverage.end", &file.coverage.end)?,
    );

    let mut snapshot = Snapshot {
        title: file.title,
        as_of_ms,
        coverage,
        regions: file.regions.into_iter().map(|r| Region { id: r.id, name: r.name }).collect(),
        ..Snapshot::default()
    };
    for (i, s) in file.services.into_iter().enumerate() {
        if snapshot.services.iter().any(|known| known.id == s.id) {
            reader.issue(format!("services[{i}].id"), format!("duplicate id {:?}; skipped", s.id));
            continue;
        }
        let slo = s.slo.and_then(|slo| {
            if (0.0..=1.0).contains(&slo.target) && slo.window_days > 0 {
                Some(Slo { target_ratio: slo.target, window_days: slo.window_days })
            } else {
                reader.issue(format!("services[{i}].slo"), "target outside 0..1 or zero window; ignored");
                None
            }
        });
        snapshot.services.push(Service {
            id: s.id,
            name: s.name,
            group: s.group,
            regions: s.regions,
            tags: s.tags,
            slo,
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
            reader.issue(format!("{path}.end"), "before start; start and end swapped");
        }
        snapshot.maintenances.push(Maintenance {
            id: m.id,
            title: m.title,
            services: m.services,
            regions: m.regions,
            span: Span::new(start_ms, end_ms),
        });
    }
    for (i, s) in file.series.into_iter().enumerate() {
        if let Some(series) = read_series(&mut reader, i, s) {
            snapshot.series.push(series);
        }
    }
    Ok(Parsed { snapshot, format: Format::Native, issues: reader.issues })
}

fn read_series(reader: &mut Reader, i: usize, s: WireSeries) -> Option<Series> {
    let path = format!("series[{i}]");
    let mut clamped = 0usize;
    let up_ratio: Vec<f32> =
        s.up.into_iter()
            .map(|v| match v {
                None => f32::NAN,
                Some(v) if (0.0..=1.0).contains(&v) => v,
                Some(v) => {
                    clamped += 1;
                    if v.is_nan() {
                        f32::NAN
                    } else {
                        v.clamp(0.0, 1.0)
                    }
                }
            })
            .collect();
    if clamped > 0 {
        reader.issue(format!("{path}.up"), format!("{clamped} values outside 0..1; clamped"));
    }
    let samples = match (s.start, s.step_s, s.times_ms) {
        (Some(start), Some(step_s), None) => {
            let start_ms = reader.time(format!("{path}.start"), &start)?;
            let step_ms = (step_s * 1000.0).round();
            if !(1.0..=1e12).contains(&step_ms) {
                reader
                    .issue(format!("{path}.step_s"), "must be a positive number of seconds; series skipped");
                return None;
            }
            Samples::Regular { start_ms, step_ms: step_ms as i64, up_ratio }
        }
        (None, None, Some(times_ms)) => {
            if times_ms.len() != up_ratio.len() {
                reader.issue(format!("{path}.times_ms"), "not as long as `up`; series skipped");
                return None;
            }
            let mut pairs: Vec<(i64, f32)> = times_ms.into_iter().zip(up_ratio).collect();
            if pairs.windows(2).any(|w| w[0].0 > w[1].0) {
                reader.issue(format!("{path}.times_ms"), "not in time order; sorted");
                crate::model::sort_by_time(&mut pairs, |p| p.0);
            }
            let (times_ms, up_ratio) = pairs.into_iter().unzip();
            Samples::Irregular { times_ms, up_ratio }
        }
        _ => {
            reader.issue(path, "needs either `start` and `step_s`, or `times_ms`; series skipped");
            return None;
        }
    };
    let latency_ms = match s.latency_ms {
        Some(values) if values.len() == samples.len() => {
            values.into_iter().map(|v| v.unwrap_or(f32::NAN)).collect()
        }
        Some(_) => {
            reader.issue(format!("{path}.latency_ms"), "not as long as `up`; dropped");
            Vec::new()
        }
        None => Vec::new(),
    };
    Some(Series { service: s.service, region: s.region, samples, latency_ms })
}

fn read_incident(reader: &mut Reader, i: usize, wire: WireIncident) -> Option<Incident> {
    let path = format!("incidents[{i}]");
    let start_ms = reader.time(format!("{path}.start"), &wire.start)?;
    let mut end_ms = match &wire.end {
        Some(text) => Some(reader.time(format!("{path}.end"), text)?),
        None => None,
    };
    if let Some(end) = end_ms.filter(|end| *end < start_ms) {
        reader.issue(
            format!("{path}.end"),
            format!("{} is before start; clamped to start", format_rfc3339(end)),
        );
        end_ms = Some(start_ms);
    }
    let impact = reader.level(format!("{path}.impact"), &wire.impact);
    let origin = Origin::parse(&wire.origin).unwrap_or_else(|| {
        reader.issue(format!("{path}.origin"), format!("unknown origin {:?}; read as unknown", wire.origin));
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
        reader.issue(format!("{path}.updates"), "not in time order; sorted");
        crate::model::sort_by_time(&mut updates, |u| u.at_ms);
    }
    let links = wire
        .links
        .into_iter()
        .filter(|link| {
            let allowed = link.starts_with("https://") || link.starts_with("http://");
            if !allowed {
                reader.issue(format!("{path}.links"), format!("{link:?} is not http(s); dropped"));
            }
            allowed
        })
        .collect();
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

/// Writes a snapshot in the native format (compact JSON). `parse(&write(s))` gives back `s` when
/// its up-ratios have at most four decimals (the writer rounds to four) and every number is
/// finite (JSON has no NaN or infinity; a non-finite SLO target is written as null).
pub fn write(snapshot: &Snapshot) -> String {
    let file = File {
        format: "nines".into(),
        version: VERSION,
        title: snapshot.title.clone(),
        as_of: format_rfc3339(snapshot.as_of_ms),
        coverage: WireSpan {
            start: format_rfc3339(snapshot.coverage.start_ms),
            end: format_rfc3339(snapshot.coverage.end_ms),
        },
        regions: snapshot
            .regions
            .iter()
            .map(|r| WireRegion { id: r.id.clone(), name: r.name.clone() })
            .collect(),
        services: snapshot
            .services
            .iter()
            .map(|s| WireService {
                id: s.id.clone(),
                name: s.name.clone(),
                group: s.group.clone(),
                regions: s.regions.clone(),
                tags: s.tags.clone(),
                slo: s.slo.map(|slo| WireSlo { target: slo.target_ratio, window_days: slo.window_days }),
            })
            .collect(),
        dependencies: snapshot
            .dependencies
            .iter()
            .map(|d| WireDependency {
                service: d.service.clone(),
                requires: d.requires.clone(),
                redundant: d.redundant.iter().map(|g| WireRedundant { k: g.k, of: g.of.clone() }).collect(),
            })
            .collect(),
        incidents: snapshot.incidents.iter().map(write_incident).collect(),
        maintenances: snapshot
            .maintenances
            .iter()
            .map(|m| WireMaintenance {
                id: m.id.clone(),
                title: m.title.clone(),
                services: m.services.clone(),
                regions: m.regions.clone(),
                start: format_rfc3339(m.span.start_ms),
                end: format_rfc3339(m.span.end_ms),
            })
            .collect(),
        series: snapshot
            .series
            .iter()
            .map(|s| {
                let (start, step_s, times_ms) = match &s.samples {
                    Samples::Regular { start_ms, step_ms, .. } => {
                        (Some(format_rfc3339(*start_ms)), Some(*step_ms as f64 / 1000.0), None)
                    }
                    Samples::Irregular { times_ms, .. } => (None, None, Some(times_ms.clone())),
                };
                WireSeries {
                    service: s.service.clone(),
                    region: s.region.clone(),
                    start,
                    step_s,
                    times_ms,
                    up: optional_values(s.samples.up_ratio()),
                    latency_ms: (!s.latency_ms.is_empty()).then(|| optional_values(&s.latency_ms)),
                }
            })
            .collect(),
    };
    // Serialising these plain structs cannot fail: no maps, and serde_json writes non-finite floats as null.
    serde_json::to_string(&file).unwrap_or_default()
}

fn write_incident(i: &Incident) -> WireIncident {
    WireIncident {
        id: i.id.clone(),
        title: i.title.clone(),
        impact: i.impact.as_str().into(),
        source_impact: i.source_impact.clone(),
        status: i.status.as_str().into(),
        origin: i.origin.as_str().into(),
        services: i.services.clone(),
        regions: i.regions.clone(),
        start: format_rfc3339(i.start_ms),
        end: i.end_ms.map(format_rfc3339),
        updates: i
            .updates
            .iter()
            .map(|u| WireUpdate {
                at: format_rfc3339(u.at_ms),
                status: u.status.as_str().into(),
                text: u.text.clone(),
                impact: u.impact.map(|l| l.as_str().into()),
            })
            .collect(),
        links: i.links.clone(),
    }
}
