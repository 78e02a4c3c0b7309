//! What one or more sources say: services, incidents, maintenance, samples, dependencies.
//!
//! Contract:
//! - Plain data, built by `ingest` (and by the merge in `config`), read by `analysis` and `chart`;
//!   nothing here fetches, parses or reads a clock. Times are UTC milliseconds ([`TimeMs`]); spans
//!   are half-open.
//! - `as_of_ms` is the instant the data describes: open incidents (`end_ms: None`) are closed
//!   there, and windows end there. Outside its coverage (a set of spans: it may have gaps) a
//!   service is unknown, never up: the service's own `coverage` when it has one (sources merged
//!   or collected together observed different times), else the snapshot's
//!   ([`Snapshot::coverage_of`]).
//! - Services, incidents, maintenances and announcements are named by `id`; incidents,
//!   maintenances, announcements, series and dependencies refer to services by those ids (an id no
//!   service has is shown as itself).
//! - Announcements are notices, not outages: no figure, chart or level counts them.
//! - An incident's `updates` are in time order and its level changes only at updates that carry
//!   an impact ([`Incident::level_spans`]). Sample values are up-ratios in 0..=1, `NaN` for no
//!   data; a series' `latency_ms` is empty or exactly as long as its samples.

use super::{Coverage, IncidentStatus, Level, Origin, Span, TimeMs};

/// Everything Nines knows at `as_of_ms`. Plain data; ingest builds it, analysis reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub title: String,
    /// The instant the data describes; windows end here and open incidents are closed here.
    pub as_of_ms: TimeMs,
    /// The time the sources cover, possibly with gaps. Outside it every service without a
    /// coverage of its own is `Unknown`.
    pub coverage: Coverage,
    pub regions: Vec<Region>,
    pub services: Vec<Service>,
    pub incidents: Vec<Incident>,
    pub maintenances: Vec<Maintenance>,
    /// In time order (by `start_ms`).
    pub announcements: Vec<Announcement>,
    pub series: Vec<Series>,
    pub dependencies: Vec<Dependency>,
}

impl Snapshot {
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// The name of service `id`, or `id` itself when no service has it.
    pub fn service_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.service(id).map_or(id, |s| s.name.as_str())
    }

    /// The names of services `ids`, joined with ", ".
    pub fn service_names(&self, ids: &[String]) -> String {
        ids.iter().map(|id| self.service_name(id)).collect::<Vec<_>>().join(", ")
    }

    pub fn region_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.regions.iter().find(|r| r.id == id).map_or(id, |r| r.name.as_str())
    }

    /// The time service `service_id`'s data covers: its own coverage, else the snapshot's.
    pub fn coverage_of(&self, service_id: &str) -> &Coverage {
        self.service(service_id).and_then(|s| s.coverage.as_ref()).unwrap_or(&self.coverage)
    }

    /// Incidents that name `service_id` among their affected services.
    pub fn incidents_of<'a>(&'a self, service_id: &'a str) -> impl Iterator<Item = &'a Incident> {
        self.incidents.iter().filter(move |i| i.services.iter().any(|s| s == service_id))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    pub regions: Vec<String>,
    pub tags: Vec<String>,
    pub slo: Option<Slo>,
    /// The time this service's source observed, when it is not the snapshot's (`None`).
    pub coverage: Option<Coverage>,
}

/// A service-level objective over a rolling window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slo {
    /// The availability to meet, 0..1 (0.999 for "three nines").
    pub target_ratio: f64,
    pub window_days: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    /// The publisher's id, e.g. a closure id such as `MO1221364`.
    pub id: String,
    pub title: String,
    /// The impact the incident starts with; updates may change it (see [`Incident::level_spans`]).
    pub impact: Level,
    /// The source's own word for the impact ("critical", "serviceDegradation"), when it has one.
    pub source_impact: Option<String>,
    pub status: IncidentStatus,
    pub origin: Origin,
    pub services: Vec<String>,
    /// Affected regions; empty means everywhere the services run.
    pub regions: Vec<String>,
    pub start_ms: TimeMs,
    /// `None` while the incident is open.
    pub end_ms: Option<TimeMs>,
    /// In time order.
    pub updates: Vec<IncidentUpdate>,
    /// http(s) links only.
    pub links: Vec<String>,
}

impl Incident {
    /// The incident's span, closing an open incident at `as_of_ms`.
    pub fn span(&self, as_of_ms: TimeMs) -> Span {
        Span::new(self.start_ms, self.end_ms.unwrap_or(as_of_ms.max(self.start_ms)))
    }

    /// The incident's time split by level: it starts at `impact`, and each update that carries an
    /// impact changes the level from that update on. Empty pieces are dropped; the pieces cover
    /// `span(as_of_ms)` exactly and in order.
    pub fn level_spans(&self, as_of_ms: TimeMs) -> Vec<(Span, Level)> {
        let whole = self.span(as_of_ms);
        let mut pieces = Vec::new();
        let mut level = self.impact;
        let mut from_ms = whole.start_ms;
        for update in &self.updates {
            let Some(next) = update.impact else { continue };
            let at_ms = update.at_ms.clamp(whole.start_ms, whole.end_ms);
            if at_ms > from_ms {
                pieces.push((Span::new(from_ms, at_ms), level));
                from_ms = at_ms;
            }
            level = next;
        }
        if whole.end_ms > from_ms {
            pieces.push((Span::new(from_ms, whole.end_ms), level));
        }
        pieces
    }

    /// Whether the incident touches `region` (an incident without regions touches all).
    pub fn affects_region(&self, region: &str) -> bool {
        self.regions.is_empty() || self.regions.iter().any(|r| r == region)
    }

    /// Whether the incident concerns `service_id` (in `region`, or in any region).
    pub fn touches(&self, service_id: &str, region: Option<&str>) -> bool {
        self.services.iter().any(|s| s == service_id) && region.is_none_or(|r| self.affects_region(r))
    }
}

#[cfg(test)]
impl Incident {
    /// A resolved (or, without an end, open) incident of `service_id` everywhere, for unit tests;
    /// adjust the rest with struct update syntax.
    pub(crate) fn for_test(
        service_id: &str,
        level: Level,
        start_ms: TimeMs,
        end_ms: Option<TimeMs>,
    ) -> Incident {
        Incident {
            id: format!("{service_id}-{start_ms}"),
            title: String::new(),
            impact: level,
            source_impact: None,
            status: if end_ms.is_some() { IncidentStatus::Resolved } else { IncidentStatus::Investigating },
            origin: Origin::Unknown,
            services: vec![service_id.into()],
            regions: Vec::new(),
            start_ms,
            end_ms,
            updates: Vec::new(),
            links: Vec::new(),
        }
    }
}

#[cfg(test)]
impl Announcement {
    /// A notice `id` about `service_id` published at `start_ms`, without end, tags, text or links,
    /// for unit tests; adjust the rest with struct update syntax.
    pub(crate) fn for_test(id: &str, service_id: &str, start_ms: TimeMs) -> Announcement {
        Announcement {
            id: id.into(),
            title: String::new(),
            services: vec![service_id.into()],
            tags: Vec::new(),
            start_ms,
            end_ms: None,
            action_by_ms: None,
            text: String::new(),
            links: Vec::new(),
        }
    }
}

#[cfg(test)]
impl Service {
    /// A service named by its id, in no group or region and without SLO, for unit tests; adjust
    /// the rest with struct update syntax.
    pub(crate) fn for_test(id: &str) -> Service {
        Service {
            id: id.into(),
            name: id.into(),
            group: None,
            regions: Vec::new(),
            tags: Vec::new(),
            slo: None,
            coverage: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct IncidentUpdate {
    pub at_ms: TimeMs,
    pub status: IncidentStatus,
    pub text: String,
    /// The impact from this update on, when the update changes it.
    pub impact: Option<Level>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Maintenance {
    pub id: String,
    pub title: String,
    pub services: Vec<String>,
    /// Empty means everywhere the services run.
    pub regions: Vec<String>,
    pub span: Span,
}

impl Maintenance {
    /// Whether the maintenance concerns `service_id` (in `region`, or in any region).
    pub fn touches(&self, service_id: &str, region: Option<&str>) -> bool {
        self.services.iter().any(|s| s == service_id)
            && region.is_none_or(|r| self.regions.is_empty() || self.regions.iter().any(|x| x == r))
    }
}

/// A publisher's notice that is not an outage: a planned change, a retirement, news (Microsoft
/// 365's message-center posts). Listed beside the incidents; nothing counts it as downtime.
#[derive(Clone, Debug, PartialEq)]
pub struct Announcement {
    /// The publisher's id, e.g. `MC237349`.
    pub id: String,
    pub title: String,
    pub services: Vec<String>,
    /// Words that sort it, in the publisher's order: its kind (`Plan for change`), how much it
    /// matters (`Major change`, `High severity`) and its own tags (`Admin impact`).
    pub tags: Vec<String>,
    /// Published at `start_ms`; applies until `end_ms`, when it says.
    pub start_ms: TimeMs,
    pub end_ms: Option<TimeMs>,
    /// The date by which readers must act, when there is one.
    pub action_by_ms: Option<TimeMs>,
    /// Plain text: an importer turns the publisher's markup into text.
    pub text: String,
    /// http(s) links only; the first is the notice's own page.
    pub links: Vec<String>,
}

/// Probe results for one service (and optionally one region), as up-ratios 0..1.
#[derive(Clone, Debug)]
pub struct Series {
    pub service: String,
    pub region: Option<String>,
    pub samples: Samples,
    /// Response time per sample in milliseconds (`NaN` where unknown); empty when the source
    /// has none, otherwise exactly as long as `samples`.
    pub latency_ms: Vec<f32>,
}

/// The longest step of [`Samples::Regular`], 10¹² ms (about 31 years), in every reader: points
/// further apart than this are irregular samples.
pub const MAX_STEP_MS: i64 = 1_000_000_000_000;

/// Sample values are up-ratios in 0..=1; `NaN` marks a sample with no data.
#[derive(Clone, Debug)]
pub enum Samples {
    /// Sample `i` covers `[start_ms + i*step_ms, start_ms + (i+1)*step_ms)`, with `step_ms` in
    /// `1..=MAX_STEP_MS`.
    Regular { start_ms: TimeMs, step_ms: i64, up_ratio: Vec<f32> },
    /// Sample `i` was taken at `times_ms[i]` (ascending) and stands until the next one. Monitors
    /// that probe at their own pace (Gatus, Uptime Kuma) give these.
    Irregular { times_ms: Vec<TimeMs>, up_ratio: Vec<f32> },
}

impl Samples {
    pub fn len(&self) -> usize {
        self.up_ratio().len()
    }

    pub fn up_ratio(&self) -> &[f32] {
        match self {
            Samples::Regular { up_ratio, .. } | Samples::Irregular { up_ratio, .. } => up_ratio,
        }
    }

    /// How many samples are complete at `t_ms`: a regular sample once its step has ended, an
    /// irregular one once it was taken. Monotonic in `t_ms`.
    pub fn count_until(&self, t_ms: TimeMs) -> usize {
        match self {
            Samples::Regular { start_ms, step_ms, up_ratio } => {
                let steps = (t_ms.saturating_sub(*start_ms)).div_euclid((*step_ms).max(1));
                steps.clamp(0, up_ratio.len() as i64) as usize
            }
            Samples::Irregular { times_ms, .. } => times_ms.partition_point(|t| *t <= t_ms),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The time the samples cover, known or not.
    pub fn span(&self) -> Span {
        match self {
            Samples::Regular { start_ms, step_ms, up_ratio } => {
                Span::new(*start_ms, start_ms + step_ms * up_ratio.len() as i64)
            }
            Samples::Irregular { times_ms, .. } => match (times_ms.first(), times_ms.last()) {
                (Some(first), Some(last)) => Span::new(*first, *last),
                _ => Span::default(),
            },
        }
    }
}

/// Equal when the same samples are known with the same values and the same ones are gaps
/// (`NaN` compares equal to `NaN` here, unlike `f32`).
impl PartialEq for Samples {
    fn eq(&self, other: &Self) -> bool {
        let placed_alike = match (self, other) {
            (
                Samples::Regular { start_ms: s1, step_ms: d1, .. },
                Samples::Regular { start_ms: s2, step_ms: d2, .. },
            ) => s1 == s2 && d1 == d2,
            (Samples::Irregular { times_ms: t1, .. }, Samples::Irregular { times_ms: t2, .. }) => t1 == t2,
            _ => false,
        };
        placed_alike && same_values(self.up_ratio(), other.up_ratio())
    }
}

/// Element-wise equality where `NaN` (no data) equals `NaN`.
pub fn same_values(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
}

impl PartialEq for Series {
    fn eq(&self, other: &Self) -> bool {
        self.service == other.service
            && self.region == other.region
            && self.samples == other.samples
            && same_values(&self.latency_ms, &other.latency_ms)
    }
}

/// What a service needs to be up: every serial requirement, and at least `k` members of each
/// redundant group.
#[derive(Clone, Debug, PartialEq)]
pub struct Dependency {
    pub service: String,
    pub requires: Vec<String>,
    pub redundant: Vec<RedundantGroup>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RedundantGroup {
    pub k: u32,
    pub of: Vec<String>,
}
