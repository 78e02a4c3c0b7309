//! Prometheus HTTP API importer: the JSON answers of `/api/v1/query_range` (`resultType`
//! `matrix`) and `/api/v1/query` (`vector`). Meant for availability queries such as `up`,
//! `probe_success` or `avg_over_time(up[5m])`.
//!
//! - **Fatal**: `status: "error"` (the server's `errorType` and `error` text), a `resultType` of
//!   `scalar` or `string` ("resultType scalar carries no series"), no `data`, `result` not an array.
//! - **Services**: one per series. The service id (and name) is the value of the first non-empty
//!   label of [`PrometheusOptions::service_labels`] (default `job`, then `instance`), else
//!   `__name__`, else `series-<index>`. The region is the value of
//!   [`PrometheusOptions::region_label`] (default `region`). Several series with the same
//!   (service, region) are never merged: each is named `service{label="value",…}` with the labels
//!   whose values differ within that set (sorted by name, values quoted as in PromQL), e.g.
//!   `prometheus{code="200"}`. A series whose labels repeat another one's is skipped with an issue.
//! - **Samples**: values are strings; `NaN`, `+Inf` and `-Inf` are gaps (one issue per series
//!   counting them). Timestamps are float Unix seconds, read to the exact millisecond (rounded).
//!   A matrix series whose points all lie on one grid (within 1 ms) whose step is the smallest gap
//!   becomes `Samples::Regular` with that step, missing grid points filled with `NaN`; anything
//!   else, one-point series and every vector series become `Samples::Irregular`. No latency.
//! - **Up-ratio or not**: only data in 0..1 is availability. Series are judged per metric name
//!   (all nameless series together), because one series of a counter can happen to hold only 0s
//!   and 1s: if any finite value of any series of that metric lies outside 0..1, or the name ends
//!   in a non-ratio suffix by Prometheus naming convention (`_total`, `_count`, `_sum`, `_bucket`,
//!   `_seconds`, `_bytes`, `_info`, `_created`), the services are imported but the samples are
//!   not, with one issue per series ("values outside 0..1 (e.g. 3); not an up-ratio; samples
//!   skipped"). There is no clamping: a count read as a ratio would be a false claim.
//! - **Snapshot**: title "Prometheus query"; `as_of` = the latest point time of any series (the
//!   API has no generation time); `coverage` = the earliest to the latest imported sample, plus
//!   one step for regular series (empty at `as_of` when no samples are imported; `as_of` 0 with
//!   an issue when there is no timestamp at all). No incidents, no maintenance: there is no
//!   level mapping. `warnings` and `infos` become issues.
//! - **Reading**: a plain answer (see [`read_plain`]), which is what a Prometheus server sends,
//!   is read in one pass straight from the text; anything else through a JSON tree, for its
//!   issues. Both give the same [`Parsed`] for the same text.

mod names;
mod samples;
mod scan;
mod wire;

#[cfg(test)]
mod tests;

use serde_json::Value;

use super::time::from_unix_number;
use super::{Document, Format, IngestError, Notes, Parsed, MAX_SAMPLES};
use crate::model::{Region, Series, Service, Snapshot, Span, StringMap, TimeMs};
use names::service_names;
use samples::to_samples;

/// Which labels name the service and the region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrometheusOptions {
    /// Tried in order; the first non-empty one names the service.
    pub service_labels: Vec<String>,
    pub region_label: String,
}

impl Default for PrometheusOptions {
    fn default() -> Self {
        PrometheusOptions {
            service_labels: vec!["job".into(), "instance".into()],
            region_label: "region".into(),
        }
    }
}

/// Metric-name endings that mark counters, measurements and metadata (Prometheus naming practice).
const NOT_RATIO_SUFFIXES: [&str; 8] =
    ["_total", "_count", "_sum", "_bucket", "_seconds", "_bytes", "_info", "_created"];

/// Whether `doc` is a Prometheus API response: `status` "success" with `data.resultType`, or
/// `status` "error" with `errorType`.
pub fn detect(doc: &Document) -> bool {
    let Some(object) = doc.json.as_ref().and_then(Value::as_object) else { return false };
    match object.get("status").and_then(Value::as_str) {
        Some("success") => object.get("data").and_then(|d| d.get("resultType")).is_some_and(Value::is_string),
        Some("error") => object.get("errorType").is_some_and(Value::is_string),
        _ => false,
    }
}

/// Reads a response with the default [`PrometheusOptions`].
pub fn parse(doc: Document) -> Result<Parsed, IngestError> {
    parse_with(doc, &PrometheusOptions::default())
}

/// Reads a response, naming services and regions with `options`.
pub fn parse_with(doc: Document, options: &PrometheusOptions) -> Result<Parsed, IngestError> {
    let json = match doc.json {
        Some(json) => json,
        None => serde_json::from_str(doc.text).map_err(|e| IngestError::from_json(&e))?,
    };
    let response: wire::Response = serde_json::from_value(json)
        .map_err(|e| invalid("$", format!("not a Prometheus API response: {e}")))?;
    match response.status.as_str() {
        "success" => {}
        "error" => {
            let kind = response.error_type.as_deref().unwrap_or("unknown");
            let text = response.error.as_deref().unwrap_or("no error text");
            return Err(invalid("error", format!("the server answered with an error ({kind}): {text}")));
        }
        other => return Err(invalid("status", format!("{other:?}; expected \"success\" or \"error\""))),
    }
    let data = response.data.ok_or_else(|| invalid("data", "missing"))?;
    match data.result_type.as_str() {
        "matrix" | "vector" => {}
        kind @ ("scalar" | "string") => {
            return Err(invalid("data.resultType", format!("resultType {kind} carries no series")))
        }
        other => {
            return Err(invalid(
                "data.resultType",
                format!("unknown resultType {other:?}; expected matrix or vector"),
            ))
        }
    }
    let Value::Array(records) = data.result else { return Err(invalid("data.result", "not an array")) };
    let points: usize =
        records.iter().map(|r| r.get("values").and_then(Value::as_array).map_or(1, Vec::len)).sum();
    if points > MAX_SAMPLES {
        return Err(IngestError::TooMany { what: "samples", count: points, limit: MAX_SAMPLES });
    }

    let mut reader = Reader::default();
    reader.annotations("warnings", &response.warnings, "server warning");
    reader.annotations("infos", &response.infos, "server info");
    let read: Vec<ReadSeries> =
        records.into_iter().enumerate().filter_map(|(i, record)| reader.series(i, record)).collect();
    Ok(assemble(reader, read, options))
}

/// Reads `text` in one pass when it is a plain answer: `status` "success", a matrix or vector of
/// series with only `metric` and `values` (or `value`), every point a `[<unix seconds>,
/// "<value>"]` pair that reads, no duplicate key and no other key anywhere, `warnings` and `infos`
/// `null` or lists of strings. Such text is exactly what [`parse_with`] reads into the same [`Parsed`],
/// and what [`detect`] claims ahead of every other importer. Anything else (an error answer, a
/// point to skip, histograms, text that is not JSON…) is `None`, for [`parse_with`] to read with
/// its issues and messages.
pub fn read_plain(text: &str, options: &PrometheusOptions) -> Option<Parsed> {
    let plain = scan::read(text)?;
    let mut reader = Reader::default();
    reader.annotations("warnings", &plain.warnings, "server warning");
    reader.annotations("infos", &plain.infos, "server info");
    let read = (plain.records.into_iter().enumerate())
        .map(|(i, record)| {
            let key = if record.single { "value" } else { "values" };
            let raw_len = record.points.len();
            reader.points_read(i, record.labels, (key, record.single), false, raw_len, None, record.points)
        })
        .collect();
    Some(assemble(reader, read, options))
}

/// The snapshot of the series read, their services named with `options`.
fn assemble(mut reader: Reader, mut read: Vec<ReadSeries>, options: &PrometheusOptions) -> Parsed {
    judge_ratios(&mut reader, &mut read);
    let names = service_names(&mut reader, &read, options);

    let mut snapshot = Snapshot { title: "Prometheus query".into(), ..Snapshot::default() };
    let as_of_ms = read.iter().filter_map(|s| s.points.last().map(|p| p.0)).max();
    let mut covered: Option<Span> = None;
    let mut budget = MAX_SAMPLES;
    for (series, name) in read.into_iter().zip(names) {
        let Some((id, region)) = name else { continue };
        add_service(&mut snapshot, &id, region.as_deref());
        if series.not_ratio || series.points.is_empty() {
            continue;
        }
        let samples = to_samples(&series.points, &mut budget);
        let span = samples.span();
        covered = Some(
            covered.map_or(span, |c| Span::new(c.start_ms.min(span.start_ms), c.end_ms.max(span.end_ms))),
        );
        snapshot.series.push(Series { service: id, region, samples, latency_ms: Vec::new() });
    }
    if as_of_ms.is_none() {
        reader.notes.no_timestamps("data.result");
    }
    snapshot.as_of_ms = as_of_ms.unwrap_or(0);
    snapshot.coverage = covered.map(Into::into).unwrap_or_default();
    Parsed {
        snapshot,
        format: Format::Prometheus,
        issues: reader.notes.into_issues(),
        history_months: Vec::new(),
    }
}

fn invalid(path: &str, message: impl Into<String>) -> IngestError {
    IngestError::Invalid { path: path.into(), message: message.into() }
}

/// One result record after reading.
struct ReadSeries {
    /// Position in `data.result`, for paths and `series-<index>` names.
    index: usize,
    labels: StringMap,
    /// Readable points in time order, one per timestamp; non-finite values are `NaN`.
    points: Vec<(TimeMs, f64)>,
    /// The first finite value outside 0..1, if any.
    outside: Option<f64>,
    /// Set when the samples are not an up-ratio (or are native histograms) and must be skipped.
    not_ratio: bool,
}

/// Collects issues while converting wire records.
#[derive(Default)]
struct Reader {
    notes: Notes,
}

impl Reader {
    fn annotations(&mut self, key: &str, value: &Value, what: &str) {
        let Value::Array(items) = value else { return };
        for (i, item) in items.iter().enumerate() {
            let text = item.as_str().map_or_else(|| item.to_string(), str::to_owned);
            self.notes.note(format!("{key}[{i}]"), format!("{what}: {text}"));
        }
    }

    fn series(&mut self, i: usize, record: Value) -> Option<ReadSeries> {
        let path = format!("data.result[{i}]");
        let wire: wire::Series = match serde_json::from_value(record) {
            Ok(wire) => wire,
            Err(e) => {
                self.notes.unreadable(path, "a Prometheus series", e);
                return None;
            }
        };
        let histograms = wire.histograms.is_some() || wire.histogram.is_some();
        let (raw, key, single) = match (wire.values, wire.value) {
            (Some(values), _) => (values, "values", false),
            (None, Some(value)) => (vec![value], "value", true),
            (None, None) => (Vec::new(), "values", false),
        };
        let mut points = Vec::with_capacity(raw.len());
        let (mut bad, mut first_bad) = (0usize, None);
        for (j, item) in raw.iter().enumerate() {
            match read_point(item) {
                Some(point) => points.push(point),
                None => {
                    bad += 1;
                    first_bad = first_bad.or(Some(j));
                }
            }
        }
        let skipped = first_bad.map(|j| (j, bad));
        Some(self.points_read(i, wire.metric, (key, single), histograms, raw.len(), skipped, points))
    }

    /// The series at `data.result[i]` from its labels and the points that read (in the order
    /// given, non-finite values as they came) out of `raw_len` under `key` ("values", or "value"
    /// when `single`); `skipped` is the first point that did not read and how many did not.
    #[allow(clippy::too_many_arguments)]
    fn points_read(
        &mut self,
        i: usize,
        labels: StringMap,
        (key, single): (&str, bool),
        histograms: bool,
        raw_len: usize,
        skipped: Option<(usize, usize)>,
        mut points: Vec<(TimeMs, f64)>,
    ) -> ReadSeries {
        let path = format!("data.result[{i}]");
        let point_path =
            |j: usize| if single { format!("{path}.{key}") } else { format!("{path}.{key}[{j}]") };
        if let Some((j, bad)) = skipped {
            let more = if bad > 1 { format!(" ({} more in this series)", bad - 1) } else { String::new() };
            self.notes.note(point_path(j), format!("not a [unix seconds, \"value\"] pair; skipped{more}"));
        }
        let mut non_finite = 0usize;
        for point in points.iter_mut().filter(|p| !p.1.is_finite()) {
            non_finite += 1;
            point.1 = f64::NAN;
        }
        if non_finite > 0 {
            let message = if non_finite == 1 {
                "1 value is NaN or ±Inf; read as a gap".to_owned()
            } else {
                format!("{non_finite} values are NaN or ±Inf; read as gaps")
            };
            self.notes.note(format!("{path}.{key}"), message);
        }
        if points.windows(2).any(|w| matches!(w, [a, b] if a.0 > b.0)) {
            self.notes.not_in_time_order(format!("{path}.{key}"));
            crate::model::sort_by_time(&mut points, |p| p.0);
        }
        let before = points.len();
        points.dedup_by_key(|p| p.0);
        if points.len() < before {
            let message = match before - points.len() {
                1 => "1 point repeats an earlier time; skipped".to_owned(),
                n => format!("{n} points repeat an earlier time; skipped"),
            };
            self.notes.note(format!("{path}.{key}"), message);
        }
        if raw_len == 0 && !histograms {
            self.notes.note(format!("{path}.{key}"), "no points; service kept without samples");
        }
        if histograms && points.is_empty() {
            self.notes.note(path, "native histograms are not up-ratios; samples skipped");
        }
        let outside = points.iter().map(|p| p.1).find(|v| v.is_finite() && !(0.0..=1.0).contains(v));
        ReadSeries { index: i, labels, points, outside, not_ratio: histograms }
    }
}

/// `[<unix seconds>, "<value>"]`; the value may be `NaN`/`±Inf`. `None` for anything else.
fn read_point(item: &Value) -> Option<(TimeMs, f64)> {
    let [time, value] = item.as_array()?.as_slice() else { return None };
    let t_ms = from_unix_number(time.as_f64()?)?;
    let value = match value {
        Value::String(text) => match text.as_str() {
            "NaN" => f64::NAN,
            "+Inf" | "Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            other => other.trim().parse::<f64>().ok()?,
        },
        // Prometheus always writes strings; a bare number is unambiguous, so it is accepted.
        Value::Number(number) => number.as_f64()?,
        _ => return None,
    };
    Some((t_ms, value))
}

/// Marks series that are not up-ratios, judging every series of a metric name together.
fn judge_ratios(reader: &mut Reader, read: &mut [ReadSeries]) {
    // The first out-of-range value of each metric name (None = nameless series).
    // (A few metric names: a list, not a map.)
    let mut example: Vec<(Option<&str>, (f64, usize))> = Vec::new();
    for s in read.iter() {
        let name = s.labels.get("__name__").map(String::as_str);
        if let (Some(value), false) = (s.outside, example.iter().any(|(n, _)| *n == name)) {
            example.push((name, (value, s.index)));
        }
    }
    let mut verdicts = Vec::new();
    for (position, s) in read.iter().enumerate() {
        if s.not_ratio || s.points.is_empty() {
            continue;
        }
        let name = s.labels.get("__name__").map(String::as_str);
        let suffix = name.and_then(|n| NOT_RATIO_SUFFIXES.into_iter().find(|x| n.ends_with(x)));
        let first = example.iter().find(|(n, _)| *n == name).map(|(_, e)| e);
        let why = match (s.outside, first, suffix) {
            (Some(value), _, _) => format!("values outside 0..1 (e.g. {}); not an up-ratio", number(value)),
            (None, Some((value, at)), _) => format!(
                "{} has values outside 0..1 elsewhere (e.g. {} at data.result[{at}]); not an up-ratio",
                name.map_or_else(|| "the nameless result".to_owned(), |n| format!("metric {n:?}")),
                number(*value)
            ),
            (None, None, Some(suffix)) => {
                format!("metric {:?} ends in {suffix}; not an up-ratio", name.unwrap_or_default())
            }
            (None, None, None) => continue,
        };
        verdicts.push((position, why));
    }
    for (position, why) in verdicts {
        if let Some(s) = read.get_mut(position) {
            reader.notes.note(format!("data.result[{}]", s.index), format!("{why}; samples skipped"));
            s.not_ratio = true;
        }
    }
}

/// A value for a message: plain decimals, exponent form for huge ones.
fn number(value: f64) -> String {
    if value.abs() < 1e15 {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

fn add_service(snapshot: &mut Snapshot, id: &str, region: Option<&str>) {
    if let Some(region) = region {
        if !snapshot.regions.iter().any(|r| r.id == region) {
            snapshot.regions.push(Region { id: region.into(), name: region.into() });
        }
    }
    match snapshot.services.iter_mut().find(|s| s.id == id) {
        Some(service) => {
            if let Some(region) = region.filter(|r| !service.regions.iter().any(|x| x == r)) {
                service.regions.push(region.into());
            }
        }
        None => snapshot.services.push(Service {
            id: id.into(),
            name: id.into(),
            group: None,
            regions: region.map(|r| vec![r.to_owned()]).unwrap_or_default(),
            tags: Vec::new(),
            slo: None,
            coverage: None,
        }),
    }
}
