//! The answer of a parse done elsewhere (the page's worker), and the result it carries.
//!
//! Contract: `decode(encode(r))` equals `r` — the same snapshot (times, ratios and latencies bit
//! for bit), format and issues in order, or the same error with the same fields. An [`Answer`]
//! is a text plus the sample columns as plain arrays, which the page hands over as typed arrays
//! without copying or formatting them (irregular series' times are in the text). The text is a
//! flat sequence of fields in a fixed order: a whole number is its decimal digits and `;`, a
//! string its byte length (a whole number) and its bytes, a float its IEEE bits as a whole
//! number. No JSON: this is cheap to write and read and adds little code to the web bundle,
//! which the serde derives of a JSON envelope would not.
//! `decode` answers `None` for anything [`encode`] did not write; the caller then parses the
//! input itself.
//!
//! Every type is taken apart field by field, with no `..` and no field access, on the way out as
//! on the way in: a field added to a model type does not compile until it is carried here, so the
//! worker path cannot drop it silently.

use std::fmt::Write as _;

use super::{Format, IngestError, Issue, Parsed};
use crate::model::{
    Announcement, Coverage, Dependency, Incident, IncidentStatus, IncidentUpdate, Level, Maintenance, Origin,
    RedundantGroup, Region, Samples, Series, Service, Slo, Snapshot, Span,
};

/// A parse's result, ready to send.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    pub text: String,
    /// Per series: its up-ratios, then its latencies when it has any.
    pub columns: Vec<Vec<f32>>,
}

/// The tags of the results, first in the text.
const PARSED: i64 = 0;
const TOO_LARGE: i64 = 1;
const NOT_JSON: i64 = 2;
const UNKNOWN_FORMAT: i64 = 3;
const UNSUPPORTED_VERSION: i64 = 4;
const INVALID: i64 = 5;
const TOO_MANY: i64 = 6;
const STOPPED: i64 = 7;

/// The answer to send for `result`.
pub fn encode(result: Result<Parsed, IngestError>) -> Answer {
    let mut out = Writer::default();
    let mut answer = Answer::default();
    match result {
        Ok(Parsed { snapshot, format, issues, history_months }) => {
            out.int(PARSED);
            out.text(format.name());
            out.list(&issues, |out, Issue { path, message }| {
                out.text(path);
                out.text(message);
            });
            out.list(&history_months, |out, month| out.text(month));
            let series = write_snapshot(&mut out, snapshot);
            out.int(series.len() as i64);
            for Series { service, region, samples, latency_ms } in series {
                out.text(&service);
                out.opt_text(region.as_deref());
                let up_ratio = match samples {
                    Samples::Regular { start_ms, step_ms, up_ratio } => {
                        out.int(1);
                        out.int(start_ms);
                        out.int(step_ms);
                        up_ratio
                    }
                    Samples::Irregular { times_ms, up_ratio } => {
                        out.int(0);
                        out.list(&times_ms, |out, t| out.int(*t));
                        up_ratio
                    }
                };
                answer.columns.push(up_ratio);
                out.int(i64::from(!latency_ms.is_empty()));
                if !latency_ms.is_empty() {
                    answer.columns.push(latency_ms);
                }
            }
        }
        Err(IngestError::TooLarge { bytes, limit }) => {
            out.int(TOO_LARGE);
            out.int(bytes as i64);
            out.int(limit as i64);
        }
        Err(IngestError::NotJson { line, column, message }) => {
            out.int(NOT_JSON);
            out.int(line as i64);
            out.int(column as i64);
            out.text(&message);
        }
        Err(IngestError::UnknownFormat(message)) => {
            out.int(UNKNOWN_FORMAT);
            out.text(&message);
        }
        Err(IngestError::UnsupportedVersion { format, found, supported }) => {
            out.int(UNSUPPORTED_VERSION);
            out.text(format);
            out.text(&found);
            out.int(i64::from(supported));
        }
        Err(IngestError::Invalid { path, message }) => {
            out.int(INVALID);
            out.text(&path);
            out.text(&message);
        }
        Err(IngestError::TooMany { what, count, limit }) => {
            out.int(TOO_MANY);
            out.text(what);
            out.int(count as i64);
            out.int(limit as i64);
        }
        Err(IngestError::Stopped { reason }) => {
            out.int(STOPPED);
            out.text(&reason);
        }
    }
    answer.text = out.0;
    answer
}

/// The result `answer` carries, or `None` when it is not an answer [`encode`] wrote.
pub fn decode(answer: Answer) -> Option<Result<Parsed, IngestError>> {
    let mut r = Reader { rest: &answer.text };
    let result = match r.int()? {
        PARSED => {
            let format = Format::from_name(&r.text()?)?;
            let issues = r.list(|r| Some(Issue { path: r.text()?, message: r.text()? }))?;
            let history_months = r.list(|r| r.text())?;
            let mut snapshot = read_snapshot(&mut r)?;
            let mut columns = answer.columns.into_iter();
            snapshot.series = r.list(|r| {
                let service = r.text()?;
                let region = r.opt_text()?;
                let samples = match r.int()? {
                    1 => {
                        Samples::Regular { start_ms: r.int()?, step_ms: r.int()?, up_ratio: columns.next()? }
                    }
                    0 => Samples::Irregular { times_ms: r.list(|r| r.int())?, up_ratio: columns.next()? },
                    _ => return None,
                };
                let latency_ms = if r.flag()? { columns.next()? } else { Vec::new() };
                Some(Series { service, region, samples, latency_ms })
            })?;
            if columns.next().is_some() {
                return None;
            }
            Ok(Parsed { snapshot, format, issues, history_months })
        }
        TOO_LARGE => Err(IngestError::TooLarge { bytes: r.count()?, limit: r.count()? }),
        NOT_JSON => Err(IngestError::NotJson { line: r.count()?, column: r.count()?, message: r.text()? }),
        UNKNOWN_FORMAT => Err(IngestError::UnknownFormat(r.text()?)),
        UNSUPPORTED_VERSION => Err(IngestError::UnsupportedVersion {
            // The error holds a format's static name.
            format: Format::from_name(&r.text()?)?.name(),
            found: r.text()?,
            supported: u32::try_from(r.int()?).ok()?,
        }),
        INVALID => Err(IngestError::Invalid { path: r.text()?, message: r.text()? }),
        TOO_MANY => {
            // The error names one of a few static things.
            let what = r.text()?;
            let what = super::TOO_MANY_WHAT.into_iter().find(|w| *w == what)?;
            Err(IngestError::TooMany { what, count: r.count()?, limit: r.count()? })
        }
        STOPPED => Err(IngestError::Stopped { reason: r.text()? }),
        _ => return None,
    };
    r.rest.is_empty().then_some(result)
}

/// Everything but the series, which it gives back: their columns travel apart.
fn write_snapshot(out: &mut Writer, snapshot: Snapshot) -> Vec<Series> {
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
    } = snapshot;
    out.text(&title);
    out.int(as_of_ms);
    write_coverage(out, &coverage);
    out.list(&regions, |out, Region { id, name }| {
        out.text(id);
        out.text(name);
    });
    out.list(&services, |out, Service { id, name, group, regions, tags, slo, coverage }| {
        out.text(id);
        out.text(name);
        out.opt_text(group.as_deref());
        out.texts(regions);
        out.texts(tags);
        out.int(i64::from(slo.is_some()));
        if let Some(Slo { target_ratio, window_days }) = slo {
            out.int(target_ratio.to_bits() as i64);
            out.int(i64::from(*window_days));
        }
        out.int(i64::from(coverage.is_some()));
        if let Some(coverage) = coverage {
            write_coverage(out, coverage);
        }
    });
    out.list(&dependencies, |out, Dependency { service, requires, redundant }| {
        out.text(service);
        out.texts(requires);
        out.list(redundant, |out, RedundantGroup { k, of }| {
            out.int(i64::from(*k));
            out.texts(of);
        });
    });
    out.list(&incidents, write_incident);
    out.list(&maintenances, |out, Maintenance { id, title, services, regions, span }| {
        out.text(id);
        out.text(title);
        out.texts(services);
        out.texts(regions);
        write_span(out, *span);
    });
    out.list(&announcements, |out, a| {
        let Announcement { id, title, services, tags, start_ms, end_ms, action_by_ms, text, links } = a;
        out.text(id);
        out.text(title);
        out.texts(services);
        out.texts(tags);
        out.int(*start_ms);
        out.opt_int(*end_ms);
        out.opt_int(*action_by_ms);
        out.text(text);
        out.texts(links);
    });
    series
}

fn write_coverage(out: &mut Writer, coverage: &Coverage) {
    out.list(coverage.spans(), |out, span| write_span(out, *span));
}

fn write_span(out: &mut Writer, Span { start_ms, end_ms }: Span) {
    out.int(start_ms);
    out.int(end_ms);
}

fn write_incident(out: &mut Writer, incident: &Incident) {
    let Incident {
        id,
        title,
        impact,
        source_impact,
        status,
        origin,
        services,
        regions,
        start_ms,
        end_ms,
        updates,
        links,
    } = incident;
    out.text(id);
    out.text(title);
    out.text(impact.as_str());
    out.opt_text(source_impact.as_deref());
    out.text(status.as_str());
    out.text(origin.as_str());
    out.texts(services);
    out.texts(regions);
    out.int(*start_ms);
    out.opt_int(*end_ms);
    out.list(updates, |out, IncidentUpdate { at_ms, status, text, impact }| {
        out.int(*at_ms);
        out.text(status.as_str());
        out.text(text);
        out.opt_text(impact.map(Level::as_str));
    });
    out.texts(links);
}

/// What [`write_snapshot`] wrote.
fn read_coverage(r: &mut Reader) -> Option<Coverage> {
    Some(Coverage::new(r.list(|r| Some(Span { start_ms: r.int()?, end_ms: r.int()? }))?))
}

fn read_snapshot(r: &mut Reader) -> Option<Snapshot> {
    let title = r.text()?;
    let as_of_ms = r.int()?;
    let coverage = read_coverage(r)?;
    let regions = r.list(|r| Some(Region { id: r.text()?, name: r.text()? }))?;
    let services = r.list(|r| {
        Some(Service {
            id: r.text()?,
            name: r.text()?,
            group: r.opt_text()?,
            regions: r.texts()?,
            tags: r.texts()?,
            slo: match r.flag()? {
                true => Some(Slo {
                    target_ratio: f64::from_bits(r.int()? as u64),
                    window_days: u32::try_from(r.int()?).ok()?,
                }),
                false => None,
            },
            coverage: match r.flag()? {
                true => Some(read_coverage(r)?),
                false => None,
            },
        })
    })?;
    let dependencies = r.list(|r| {
        Some(Dependency {
            service: r.text()?,
            requires: r.texts()?,
            redundant: r
                .list(|r| Some(RedundantGroup { k: u32::try_from(r.int()?).ok()?, of: r.texts()? }))?,
        })
    })?;
    let incidents = r.list(|r| {
        Some(Incident {
            id: r.text()?,
            title: r.text()?,
            impact: Level::parse(&r.text()?)?,
            source_impact: r.opt_text()?,
            status: IncidentStatus::parse(&r.text()?),
            origin: Origin::parse(&r.text()?)?,
            services: r.texts()?,
            regions: r.texts()?,
            start_ms: r.int()?,
            end_ms: r.opt_int()?,
            updates: r.list(|r| {
                Some(IncidentUpdate {
                    at_ms: r.int()?,
                    status: IncidentStatus::parse(&r.text()?),
                    text: r.text()?,
                    impact: match r.opt_text()? {
                        Some(level) => Some(Level::parse(&level)?),
                        None => None,
                    },
                })
            })?,
            links: r.texts()?,
        })
    })?;
    let maintenances = r.list(|r| {
        Some(Maintenance {
            id: r.text()?,
            title: r.text()?,
            services: r.texts()?,
            regions: r.texts()?,
            span: Span { start_ms: r.int()?, end_ms: r.int()? },
        })
    })?;
    let announcements = r.list(|r| {
        Some(Announcement {
            id: r.text()?,
            title: r.text()?,
            services: r.texts()?,
            tags: r.texts()?,
            start_ms: r.int()?,
            end_ms: r.opt_int()?,
            action_by_ms: r.opt_int()?,
            text: r.text()?,
            links: r.texts()?,
        })
    })?;
    Some(Snapshot {
        title,
        as_of_ms,
        coverage,
        regions,
        services,
        incidents,
        maintenances,
        announcements,
        series: Vec::new(),
        dependencies,
    })
}

#[derive(Default)]
struct Writer(String);

impl Writer {
    fn int(&mut self, n: i64) {
        // Writing to a String cannot fail.
        let _ = write!(self.0, "{n};");
    }

    fn text(&mut self, s: &str) {
        self.int(s.len() as i64);
        self.0.push_str(s);
    }

    fn opt_text(&mut self, s: Option<&str>) {
        self.int(i64::from(s.is_some()));
        if let Some(s) = s {
            self.text(s);
        }
    }

    fn opt_int(&mut self, n: Option<i64>) {
        self.int(i64::from(n.is_some()));
        if let Some(n) = n {
            self.int(n);
        }
    }

    fn texts(&mut self, list: &[String]) {
        self.list(list, |out, s| out.text(s));
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Writer, &T)) {
        self.int(items.len() as i64);
        for item in items {
            each(self, item);
        }
    }
}

struct Reader<'a> {
    rest: &'a str,
}

impl Reader<'_> {
    fn int(&mut self) -> Option<i64> {
        let (digits, rest) = self.rest.split_once(';')?;
        self.rest = rest;
        digits.parse().ok()
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.int()?).ok()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.int()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn text(&mut self) -> Option<String> {
        let len = self.count()?;
        let text = self.rest.get(..len)?;
        self.rest = self.rest.get(len..)?;
        Some(text.to_string())
    }

    fn opt_text(&mut self) -> Option<Option<String>> {
        match self.flag()? {
            true => Some(Some(self.text()?)),
            false => Some(None),
        }
    }

    fn opt_int(&mut self) -> Option<Option<i64>> {
        match self.flag()? {
            true => Some(Some(self.int()?)),
            false => Some(None),
        }
    }

    fn texts(&mut self) -> Option<Vec<String>> {
        self.list(|r| r.text())
    }

    fn list<T>(&mut self, mut each: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let count = self.count()?;
        // Each item takes at least two bytes: a count beyond that is not an answer.
        if count > self.rest.len() {
            return None;
        }
        let mut items = Vec::new();
        for _ in 0..count {
            items.push(each(self)?);
        }
        Some(items)
    }
}
