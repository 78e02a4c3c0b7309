//! The URL is the state: every view, filter, range, selection and display choice is a query
//! parameter, so a link reproduces the screen and the browser's back and forward buttons move
//! between screens. `docs/url.md` lists the parameters with examples.
//!
//! Contract:
//! - [`parse_query`] never fails: unknown keys, repeated keys and unusable values are left out,
//!   each with a sentence in the second result saying what was ignored and why.
//! - [`ViewState::to_query`] is canonical: keys in the fixed order of [`KEYS`], defaults omitted
//!   (the default screen has an empty query), values percent-encoded. For every state that
//!   `parse_query` returns, `parse_query(&s.to_query()).0 == s`.
//! - An empty value is the same as no value (`q=` is no search), except for the flags `embed`
//!   and `wall`, where a bare `embed` means on.
//! - A panel is one panel of the view, scoped by it: `panel=uptime-bars` in the service view of
//!   `email` is email's uptime bars; in the overview, every service's. So the service of a panel
//!   is the `service` parameter, and a view and its panel never name two different services.

use super::query_string;
use super::range::Range;
pub use super::what_if::WhatIfChoice;
use crate::analysis::Weights;
use crate::model::{Level, Origin};

/// Every parameter, in the order [`ViewState::to_query`] writes them.
pub const KEYS: [&str; 20] = [
    "view", "service", "whatif", "region", "origin", "impact", "q", "rows", "incident", "range", "from",
    "to", "clock", "weights", "theme", "panel", "embed", "wall", "config", "source",
];

/// Everything the screen shows, as the URL says it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub view: View,
    pub range: Range,
    pub clock: Clock,
    pub theme: ColorScheme,
    /// `embed=1`: no page chrome (header, controls, footer), sized to fit an iframe.
    pub embed: bool,
    /// Only this panel of the view.
    pub panel: Option<Panel>,
    /// `wall=1`: large type, views in turn, kept current (see [`View::next_on_wall`]).
    pub wall: bool,
    /// Availability weights: a preset name (`strict`, `statuspage`, `incidentio`) or custom
    /// `level=weight` pairs as [`Weights::parse`] reads them; `None` is the default, strict.
    pub weights: Option<String>,
    /// The incident whose details are open.
    pub incident: Option<String>,
    /// The `source` values in order: the status data to load.
    pub sources: Vec<String>,
    /// `config`: a configuration file to load.
    pub config: Option<String>,
}

/// Which screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Overview,
    /// One service in detail, with the what-if choices made for its dependencies.
    Service {
        id: String,
        what_if: Vec<WhatIfChoice>,
    },
    Incidents {
        filters: IncidentFilters,
    },
    Regions,
    Correlations,
    /// The monthly SLA table: a row per calendar month and a column per service, or the
    /// transpose (`rows=services`).
    Monthly {
        services_as_rows: bool,
    },
}

/// What the incident list is narrowed to; `None` is no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncidentFilters {
    pub service: Option<String>,
    pub region: Option<String>,
    pub origin: Option<Origin>,
    /// Incidents whose worst impact is at least this level.
    pub impact: Option<Level>,
    /// Free text matched against ids, titles and updates (`q`).
    pub search: Option<String>,
}

/// The clock every time is shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    #[default]
    Utc,
    /// The browser's offset from UTC.
    Local,
}

/// `Auto` follows the system's light or dark preference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorScheme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// One panel of a view, alone: of one service in the service view, of all in the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The services table with availability and downtime.
    Services,
    /// The rolling availability curve.
    Curve,
    /// The probe samples chart.
    Samples,
    /// The outage timeline.
    Timeline,
    /// The 90 daily uptime bars.
    UptimeBars,
    /// A year of days as a calendar heatmap (shown by default in the service view only).
    Calendar,
    /// The error budget burn-down.
    Burndown,
    /// A service's dependencies with the what-if choices (service view only).
    Dependencies,
}

impl Panel {
    pub const ALL: [Panel; 8] = [
        Panel::Services,
        Panel::Curve,
        Panel::Samples,
        Panel::Timeline,
        Panel::UptimeBars,
        Panel::Calendar,
        Panel::Burndown,
        Panel::Dependencies,
    ];

    /// The URL name: `uptime-bars`.
    pub fn as_str(self) -> &'static str {
        match self {
            Panel::Services => "services",
            Panel::Curve => "curve",
            Panel::Samples => "samples",
            Panel::Timeline => "timeline",
            Panel::UptimeBars => "uptime-bars",
            Panel::Calendar => "calendar",
            Panel::Burndown => "burndown",
            Panel::Dependencies => "dependencies",
        }
    }

    pub fn parse(name: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl View {
    /// The URL name of the view.
    pub fn name(&self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Service { .. } => "service",
            View::Incidents { .. } => "incidents",
            View::Regions => "regions",
            View::Correlations => "correlations",
            View::Monthly { .. } => "monthly",
        }
    }

    /// The detail view of service `id`, with no what-if choice made.
    pub fn service(id: &str) -> View {
        View::Service { id: id.to_string(), what_if: Vec::new() }
    }

    /// The view a wall screen shows after this one: overview, incidents, regions, correlations,
    /// and round again. A service view gives way to the overview.
    pub fn next_on_wall(&self) -> View {
        match self {
            View::Overview => View::Incidents { filters: IncidentFilters::default() },
            View::Incidents { .. } => View::Regions,
            View::Regions => View::Correlations,
            View::Correlations | View::Service { .. } | View::Monthly { .. } => View::Overview,
        }
    }
}

/// Seconds a wall screen shows each view before the next.
pub const WALL_DWELL_S: u32 = 30;

/// The state a query string describes, and what in it was ignored and why.
pub fn parse_query(query: &str) -> (ViewState, Vec<String>) {
    let mut params = Params::default();
    for (key, value) in query_string::pairs(query) {
        params.add(key, value);
    }
    let view = params.view();
    let (range, from, to) = (params.take("range"), params.take("from"), params.take("to"));
    let range = Range::from_params(range.as_deref(), from.as_deref(), to.as_deref(), &mut params.ignored);
    let clock = params.choice("clock", &[("utc", Clock::Utc), ("local", Clock::Local)]).unwrap_or_default();
    let theme = params
        .choice(
            "theme",
            &[("auto", ColorScheme::Auto), ("light", ColorScheme::Light), ("dark", ColorScheme::Dark)],
        )
        .unwrap_or_default();
    let weights = params.weights();
    let incident = params.take("incident");
    let panel = params.parsed(
        "panel",
        Panel::parse,
        "expected one of services, curve, samples, timeline, uptime-bars, calendar, burndown, dependencies",
    );
    let embed = params.flag("embed");
    let wall = params.flag("wall");
    let config = params.take("config");
    let state = ViewState {
        view,
        range,
        clock,
        theme,
        embed,
        panel,
        wall,
        weights,
        incident,
        sources: params.sources,
        config,
    };
    let mut ignored = params.ignored;
    for text in params.what_if {
        ignored.push(format!("whatif={text}: the {} view does not use it", state.view.name()));
    }
    // Whatever no part of the state took.
    for (key, value) in params.found {
        ignored.push(format!("{key}={value}: the {} view does not use it", state.view.name()));
    }
    (state, ignored)
}

impl ViewState {
    /// Whether `panel` is on the screen: the one asked for, else every panel but the calendar
    /// (a year per service), which the service view alone shows unasked.
    pub fn shows(&self, panel: Panel) -> bool {
        match self.panel {
            Some(only) => only == panel,
            None => panel != Panel::Calendar || matches!(self.view, View::Service { .. }),
        }
    }

    /// The canonical query string, without the leading `?`; empty for the default state.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<String> = Vec::new();
        let mut push = |key: &str, value: Option<&str>| {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                pairs.push(format!("{key}={}", query_string::encode(value)));
            }
        };
        if self.view != View::Overview {
            push("view", Some(self.view.name()));
        }
        match &self.view {
            View::Service { id, what_if } => {
                push("service", Some(id));
                for choice in what_if {
                    push("whatif", Some(&choice.to_param()));
                }
            }
            View::Incidents { filters } => {
                push("service", filters.service.as_deref());
                push("region", filters.region.as_deref());
                push("origin", filters.origin.map(Origin::as_str));
                push("impact", filters.impact.map(Level::as_str));
                push("q", filters.search.as_deref());
            }
            View::Monthly { services_as_rows } => push("rows", services_as_rows.then_some("services")),
            View::Overview | View::Regions | View::Correlations => {}
        }
        push("incident", self.incident.as_deref());
        let range = self.range.to_pairs();
        for (key, value) in &range {
            push(key, Some(value));
        }
        push("clock", (self.clock == Clock::Local).then_some("local"));
        push("weights", self.weights.as_deref());
        let theme = match self.theme {
            ColorScheme::Auto => None,
            ColorScheme::Light => Some("light"),
            ColorScheme::Dark => Some("dark"),
        };
        push("theme", theme);
        push("panel", self.panel.map(Panel::as_str));
        push("embed", self.embed.then_some("1"));
        push("wall", self.wall.then_some("1"));
        push("config", self.config.as_deref());
        for source in &self.sources {
            push("source", Some(source));
        }
        pairs.join("&")
    }
}

/// The parameters found, before each part of the state takes its own.
#[derive(Default)]
struct Params {
    /// Single-valued parameters with a value, first occurrence of each.
    found: Vec<(&'static str, String)>,
    sources: Vec<String>,
    what_if: Vec<String>,
    ignored: Vec<String>,
}

impl Params {
    fn add(&mut self, key: String, value: String) {
        let lower = key.to_ascii_lowercase();
        let Some(known) = KEYS.into_iter().find(|k| *k == lower) else {
            self.ignored.push(format!("{key}={value}: unknown parameter"));
            return;
        };
        if known == "source" {
            if !value.is_empty() {
                self.sources.push(value);
            }
        } else if known == "whatif" {
            if !value.is_empty() {
                self.what_if.push(value);
            }
        } else if self.found.iter().any(|(k, _)| *k == known) {
            self.ignored.push(format!("{key}={value}: repeated; the first {known}= is used"));
        } else if !value.is_empty() || matches!(known, "embed" | "wall") {
            self.found.push((known, value));
        }
    }

    /// Removes and returns the value of `key`.
    fn take(&mut self, key: &str) -> Option<String> {
        let at = self.found.iter().position(|(k, _)| *k == key)?;
        Some(self.found.remove(at).1)
    }

    /// The value of `key` read by `parse`, or `None` with a message saying what was `expected`.
    fn parsed<T>(&mut self, key: &str, parse: impl Fn(&str) -> Option<T>, expected: &str) -> Option<T> {
        let value = self.take(key)?;
        let parsed = parse(&value);
        if parsed.is_none() {
            self.ignored.push(format!("{key}={value}: {expected}"));
        }
        parsed
    }

    fn choice<T: Copy>(&mut self, key: &str, names: &[(&str, T)]) -> Option<T> {
        let expected = match names.split_last() {
            Some(((last, _), [])) => (*last).to_string(),
            Some(((last, _), rest)) => {
                let rest: Vec<&str> = rest.iter().map(|(name, _)| *name).collect();
                format!("{} or {last}", rest.join(", "))
            }
            None => String::new(),
        };
        let lookup =
            |text: &str| names.iter().find(|(name, _)| name.eq_ignore_ascii_case(text.trim())).map(|p| p.1);
        self.parsed(key, lookup, &format!("expected {expected}"))
    }

    /// `1`, `true`, `yes`, `on` or a bare key are on; `0`, `false`, `no`, `off` are off.
    fn flag(&mut self, key: &str) -> bool {
        let read = |text: &str| match text.trim().to_ascii_lowercase().as_str() {
            "" | "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" => Some(false),
            _ => None,
        };
        self.parsed(key, read, "expected 1 or 0").unwrap_or(false)
    }

    /// A preset name (written in lower case) or custom weights (kept as written).
    fn weights(&mut self) -> Option<String> {
        let value = self.take("weights")?;
        if let Some((name, _)) =
            Weights::PRESETS.iter().find(|(name, _)| name.eq_ignore_ascii_case(value.trim()))
        {
            return Some((*name).to_string());
        }
        match Weights::parse(&value) {
            Ok(_) => Some(value),
            Err(why) => {
                self.ignored.push(format!("weights={value}: {why}"));
                None
            }
        }
    }

    /// The service view's what-if choices; unreadable ones are ignored with a message.
    fn what_if(&mut self) -> Vec<WhatIfChoice> {
        let mut choices: Vec<WhatIfChoice> = Vec::new();
        for text in std::mem::take(&mut self.what_if) {
            match WhatIfChoice::parse(&text) {
                Some(choice) if !choices.contains(&choice) => choices.push(choice),
                Some(_) => self.ignored.push(format!("whatif={text}: repeated")),
                None => self.ignored.push(format!(
                    "whatif={text}: expected without:<dependency>, twin:<dependency> or k:<group>:<k>"
                )),
            }
        }
        choices
    }

    /// The view and its own parameters (`service` with its what-if choices, and the incident
    /// filters).
    fn view(&mut self) -> View {
        let named = self.take("view");
        let kind = match named.as_deref().map(|v| v.trim().to_ascii_lowercase()) {
            // A service alone is its detail view: `?service=email`.
            None if self.found.iter().any(|(k, _)| *k == "service") => "service".to_string(),
            None => "overview".to_string(),
            Some(kind) => kind,
        };
        match kind.as_str() {
            "overview" => View::Overview,
            "service" => match self.take("service") {
                Some(id) => View::Service { id, what_if: self.what_if() },
                None => {
                    self.ignored.push("view=service: service= is missing, so the overview is shown".into());
                    View::Overview
                }
            },
            "incidents" => View::Incidents {
                filters: IncidentFilters {
                    service: self.take("service"),
                    region: self.take("region"),
                    origin: self.parsed(
                        "origin",
                        |t| Origin::parse(&t.trim().to_ascii_lowercase()),
                        "expected self, third_party, customer or unknown",
                    ),
                    impact: self.parsed(
                        "impact",
                        |t| Level::parse(&t.trim().to_ascii_lowercase()),
                        "expected major, partial, degraded, maintenance, ok or unknown",
                    ),
                    search: self.take("q"),
                },
            },
            "regions" => View::Regions,
            "correlations" => View::Correlations,
            "monthly" => View::Monthly {
                services_as_rows: self
                    .choice("rows", &[("months", false), ("services", true)])
                    .unwrap_or(false),
            },
            _ => {
                let value = named.unwrap_or_default();
                self.ignored.push(format!(
                    "view={value}: expected overview, service, incidents, regions, correlations or monthly"
                ));
                View::Overview
            }
        }
    }
}

#[cfg(test)]
mod tests;
