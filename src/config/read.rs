//! The config text to a [`DashboardConfig`]: what is fatal and what becomes an issue is listed in
//! the module documentation of [`super`].

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::origin_rules::{check_syntax, normalise_origin, normalise_prefix, parse_absolute};
use super::source::{derive_id, is_id_char, unique_id, DEFAULT_RANGE_S, DEFAULT_STEP_S, MIN_RANGE_S};
use super::{
    wire, ConfigError, DashboardConfig, Link, Microsoft365Source, PrometheusQuery, PrometheusSource,
    SloConfig, SourceConfig, MAX_DEPENDENCIES,
};
use super::{FORMAT, MAX_CONFIG_BYTES, MAX_ID_CHARS, MIN_REFRESH_S, VERSION};
use crate::analysis::Weights;
use crate::ingest::prometheus::PrometheusOptions;
use crate::ingest::{Format, Issue};
use crate::model::{Dependency, RedundantGroup};

/// Microsoft Graph's base URL, for a `microsoft365` source that names none.
const GRAPH_URL: &str = "https://graph.microsoft.com/v1.0";

/// Reads a dashboard config; see the module documentation of [`super`] for what is fatal.
pub fn parse_config(text: &str) -> Result<(DashboardConfig, Vec<Issue>), ConfigError> {
    if text.len() > MAX_CONFIG_BYTES {
        return Err(ConfigError::TooLarge { bytes: text.len(), limit: MAX_CONFIG_BYTES });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let (line, column, message) = position(&e);
        ConfigError::NotJson { line, column, message }
    })?;
    check_head(&value)?;
    // Read again, typed, so that a wrong type is reported with its line and column.
    let file: wire::File = serde_json::from_str(text).map_err(|e| {
        let (line, column, message) = position(&e);
        ConfigError::Invalid { line, column, message }
    })?;
    let mut reader = Reader { issues: Vec::new() };
    reader.unknown_fields("", &value, &wire::FILE_FIELDS);
    let mut config = DashboardConfig {
        title: file.title.filter(|t| !t.trim().is_empty()),
        lock_sources: file.lock_sources,
        ..DashboardConfig::default()
    };
    config.logo_url = file.logo_url.and_then(|url| match check_syntax(&url) {
        Ok(_) => Some(url.trim().to_string()),
        Err(refusal) => {
            reader.issue("logo_url".into(), format!("{refusal}; no logo shown"));
            None
        }
    });
    for (i, value) in file.links.into_iter().enumerate() {
        if let Some(link) = reader.link(i, value) {
            config.links.push(link);
        }
    }
    type Normalise = fn(&str) -> Result<String, String>;
    let lists: [(&str, Vec<Value>, Normalise); 2] = [
        ("allow_origins", file.allow_origins, normalise_origin),
        ("allow_url_prefixes", file.allow_url_prefixes, normalise_prefix),
    ];
    for (key, values, normalise) in lists {
        for (i, value) in values.into_iter().enumerate() {
            match value.as_str().map(normalise) {
                Some(Ok(entry)) if !config.allow.contains(&entry) => config.allow.push(entry),
                Some(Ok(_)) => {}
                Some(Err(message)) => reader.issue(format!("{key}[{i}]"), format!("{message}; ignored")),
                None => reader.issue(format!("{key}[{i}]"), "not a string; ignored".into()),
            }
        }
    }
    for (i, value) in file.sources.into_iter().enumerate() {
        if let Some(source) = reader.source(i, value, &config.sources) {
            config.sources.push(source);
        }
    }
    if let Some(text) = file.weights {
        config.weights = Weights::parse(&text).unwrap_or_else(|message| {
            reader.issue("weights".into(), format!("{message}; strict used"));
            Weights::STRICT
        });
    }
    for (i, value) in file.slos.into_iter().enumerate() {
        if let Some(slo) = reader.slo(i, value, &config.slos) {
            config.slos.push(slo);
        }
    }
    let dependencies = file.dependencies.len();
    if dependencies > MAX_DEPENDENCIES {
        let message =
            format!("{dependencies} entries; the first {MAX_DEPENDENCIES} are read, the rest ignored");
        reader.issue("dependencies".into(), message);
    }
    for (i, value) in file.dependencies.into_iter().take(MAX_DEPENDENCIES).enumerate() {
        if let Some(dependency) = reader.dependency(i, value) {
            config.dependencies.push(dependency);
        }
    }
    Ok((config, reader.issues))
}

/// serde_json's position and its message without the position it appends.
fn position(error: &serde_json::Error) -> (usize, usize, String) {
    let (line, column) = (error.line(), error.column());
    let full = error.to_string();
    let message = full.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&full).to_string();
    (line, column, message)
}

/// Says why a document is not a version 1 config, from `format` and `version` alone.
fn check_head(value: &Value) -> Result<(), ConfigError> {
    let Some(object) = value.as_object() else {
        return Err(ConfigError::NotAConfig("the config must be a JSON object".into()));
    };
    match object.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some("nines") => {
            return Err(ConfigError::NotAConfig(
                "\"format\" is \"nines\": this is status data, to be named as a source; a config has \
                 \"format\": \"nines-config\""
                    .into(),
            ))
        }
        Some(other) => {
            return Err(ConfigError::NotAConfig(format!(
                "\"format\" is {other:?}; expected \"nines-config\""
            )))
        }
        None => {
            return Err(ConfigError::NotAConfig(
                "no \"format\" field; expected \"format\": \"nines-config\"".into(),
            ))
        }
    }
    match object.get("version") {
        None => Err(ConfigError::MissingVersion),
        Some(version) if version.as_u64() == Some(u64::from(VERSION)) => Ok(()),
        Some(version) => {
            Err(ConfigError::UnsupportedVersion { found: version.to_string(), supported: VERSION })
        }
    }
}

/// Collects issues while reading records.
struct Reader {
    issues: Vec<Issue>,
}

impl Reader {
    fn issue(&mut self, path: String, message: String) {
        self.issues.push(Issue { path, message });
    }

    /// An issue for every key of the object `value` that is not in `known`.
    fn unknown_fields(&mut self, path: &str, value: &Value, known: &[&str]) {
        let Some(object) = value.as_object() else { return };
        for key in object.keys().filter(|k| !known.contains(&k.as_str())) {
            let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            self.issue(at, "unknown field; ignored".into());
        }
    }

    /// `value` as the wire record `T`, or an issue saying what is skipped.
    fn record<T: DeserializeOwned>(
        &mut self,
        path: &str,
        value: Value,
        known: &[&str],
        what: &str,
    ) -> Option<T> {
        self.unknown_fields(path, &value, known);
        serde_json::from_value(value)
            .map_err(|e| self.issue(path.into(), format!("{e}; {what} skipped")))
            .ok()
    }

    fn link(&mut self, i: usize, value: Value) -> Option<Link> {
        let path = format!("links[{i}]");
        let link: wire::Link = self.record(&path, value, &wire::LINK_FIELDS, "link")?;
        if link.label.trim().is_empty() {
            self.issue(format!("{path}.label"), "empty; link skipped".into());
            return None;
        }
        if let Err(refusal) = parse_absolute(&link.url) {
            self.issue(
                format!("{path}.url"),
                format!("not an absolute http(s) URL ({refusal}); link skipped"),
            );
            return None;
        }
        Some(Link { label: link.label, url: link.url.trim().to_string() })
    }

    fn source(&mut self, i: usize, value: Value, earlier: &[SourceConfig]) -> Option<SourceConfig> {
        let path = format!("sources[{i}]");
        if let Some(prometheus) = value.get("prometheus") {
            self.unknown_fields(&format!("{path}.prometheus"), prometheus, &wire::PROMETHEUS_FIELDS);
        }
        if let Some(graph) = value.get("microsoft365") {
            self.unknown_fields(&format!("{path}.microsoft365"), graph, &wire::MICROSOFT365_FIELDS);
        }
        let source: wire::Source = self.record(&path, value, &wire::SOURCE_FIELDS, "source")?;
        let given_url = match (source.url, &source.microsoft365) {
            (Some(url), _) => url,
            (None, Some(_)) => GRAPH_URL.to_string(),
            (None, None) => {
                self.issue(format!("{path}.url"), "missing; source skipped".into());
                return None;
            }
        };
        let url = match check_syntax(&given_url) {
            Ok(_) => given_url.trim().to_string(),
            Err(refusal) => {
                self.issue(format!("{path}.url"), format!("{refusal}; source skipped"));
                return None;
            }
        };
        let id = self.source_id(&path, source.id.as_deref(), &url, earlier);
        let mut format = source.format.as_deref().and_then(|name| {
            let format = Format::from_name(name);
            if format.is_none() {
                let names = Format::ALL.map(Format::name).join(", ");
                self.issue(
                    format!("{path}.format"),
                    format!("unknown format {name:?} (expected one of: {names}); detected from the content"),
                );
            }
            format
        });
        let refresh_s = source.refresh_s.map(|s| {
            if s < MIN_REFRESH_S {
                self.issue(
                    format!("{path}.refresh_s"),
                    format!("{s} s is below the minimum of {MIN_REFRESH_S} s; raised to {MIN_REFRESH_S}"),
                );
            }
            s.max(MIN_REFRESH_S)
        });
        let prometheus = match source.prometheus {
            Some(wire) => {
                if format.is_some_and(|f| f != Format::Prometheus) {
                    let name = format.map_or("", Format::name);
                    self.issue(
                        format!("{path}.format"),
                        format!("{name:?} contradicts `prometheus`; read as prometheus"),
                    );
                }
                format = Some(Format::Prometheus);
                Some(self.prometheus(&path, wire, &url)?)
            }
            None => None,
        };
        let microsoft365 = source.microsoft365.map(|graph| {
            if format.is_some_and(|f| f != Format::MsGraph) || prometheus.is_some() {
                self.issue(
                    path.clone(),
                    "`microsoft365` is read as msgraph; format and prometheus ignored".into(),
                );
            }
            format = Some(Format::MsGraph);
            Microsoft365Source {
                services: graph.services.into_iter().filter(|s| !s.trim().is_empty()).collect(),
                messages: graph.messages,
            }
        });
        let prometheus = if microsoft365.is_some() { None } else { prometheus };
        let sign_in = source.sign_in || microsoft365.is_some();
        let label = source.label.filter(|l| !l.trim().is_empty()).unwrap_or_else(|| id.clone());
        Some(SourceConfig { id, label, url, format, refresh_s, prometheus, microsoft365, sign_in })
    }

    /// The id as given when it is a good one and not taken, else derived or made unique.
    fn source_id(&mut self, path: &str, given: Option<&str>, url: &str, earlier: &[SourceConfig]) -> String {
        let wanted = match given {
            Some(id)
                if !id.is_empty() && id.chars().count() <= MAX_ID_CHARS && id.chars().all(is_id_char) =>
            {
                id.to_string()
            }
            Some(id) => {
                let derived = derive_id(url);
                self.issue(
                    format!("{path}.id"),
                    format!(
                        "{id:?} is not 1 to {MAX_ID_CHARS} letters, digits, '.', '_' or '-'; {derived:?} used"
                    ),
                );
                derived
            }
            None => derive_id(url),
        };
        let taken: Vec<&str> = earlier.iter().map(|s| s.id.as_str()).collect();
        let id = unique_id(&wanted, &taken);
        if id != wanted {
            let whence = if given.is_some() { "" } else { " (from the URL)" };
            self.issue(
                format!("{path}.id"),
                format!("{wanted:?}{whence} is already a source's id; {id:?} used"),
            );
        }
        id
    }

    /// The `prometheus` settings of the source at `source_path`, whose URL is `url`.
    fn prometheus(
        &mut self,
        source_path: &str,
        wire: wire::Prometheus,
        url: &str,
    ) -> Option<PrometheusSource> {
        let path = format!("{source_path}.prometheus");
        let mut labels = PrometheusOptions::default();
        match wire.service_label {
            Some(wire::OneOrMany::One(name)) => labels.service_labels = vec![name],
            Some(wire::OneOrMany::Many(names)) => labels.service_labels = names,
            None => {}
        }
        labels.service_labels.retain(|name| !name.trim().is_empty());
        if labels.service_labels.is_empty() {
            self.issue(format!("{path}.service_label"), "no label named; job, then instance used".into());
            labels.service_labels = PrometheusOptions::default().service_labels;
        }
        if let Some(name) = wire.region_label.filter(|n| !n.trim().is_empty()) {
            labels.region_label = name;
        }
        let Some(text) = wire.query else {
            for (field, given) in [("range_s", wire.range_s), ("step_s", wire.step_s)] {
                if given.is_some() {
                    self.issue(format!("{path}.{field}"), "only used with `query`; ignored".into());
                }
            }
            return Some(PrometheusSource { labels, query: None });
        };
        if text.trim().is_empty() {
            self.issue(format!("{path}.query"), "empty; source skipped".into());
            return None;
        }
        if url.contains('?') {
            self.issue(
                format!("{source_path}.url"),
                "with a `query`, the URL is the server's base URL and has no query string; source skipped"
                    .into(),
            );
            return None;
        }
        let range_s = wire.range_s.unwrap_or(DEFAULT_RANGE_S);
        if range_s < MIN_RANGE_S {
            self.issue(format!("{path}.range_s"), format!("below {MIN_RANGE_S} s; raised to {MIN_RANGE_S}"));
        }
        let range_s = range_s.max(MIN_RANGE_S);
        let least_s = PrometheusQuery::least_step_s(range_s);
        let step_s = match wire.step_s {
            Some(step_s) if step_s < least_s => {
                self.issue(
                    format!("{path}.step_s"),
                    format!(
                        "{step_s} s gives more than {} points over {range_s} s; raised to {least_s}",
                        super::MAX_PROMETHEUS_POINTS
                    ),
                );
                least_s
            }
            Some(step_s) => step_s,
            None => DEFAULT_STEP_S.max(least_s),
        };
        Some(PrometheusSource { labels, query: Some(PrometheusQuery { query: text, range_s, step_s }) })
    }

    fn slo(&mut self, i: usize, value: Value, earlier: &[SloConfig]) -> Option<SloConfig> {
        let path = format!("slos[{i}]");
        let slo: wire::Slo = self.record(&path, value, &wire::SLO_FIELDS, "SLO")?;
        if !(0.0..=1.0).contains(&slo.target_ratio) {
            let hint = if slo.target_ratio > 1.0 { " (0.999 for 99.9 %)" } else { "" };
            self.issue(
                format!("{path}.target_ratio"),
                format!("{} is not a ratio from 0 to 1{hint}; SLO skipped", slo.target_ratio),
            );
            return None;
        }
        if slo.window_days == 0 {
            self.issue(format!("{path}.window_days"), "must be at least 1; SLO skipped".into());
            return None;
        }
        if earlier.iter().any(|s| s.service == slo.service) {
            self.issue(format!("{path}.service"), format!("{:?} already has an SLO; skipped", slo.service));
            return None;
        }
        Some(SloConfig { service: slo.service, target_ratio: slo.target_ratio, window_days: slo.window_days })
    }

    fn dependency(&mut self, i: usize, value: Value) -> Option<Dependency> {
        let path = format!("dependencies[{i}]");
        if let Some(groups) = value.get("redundant").and_then(Value::as_array) {
            for (j, group) in groups.iter().enumerate() {
                self.unknown_fields(&format!("{path}.redundant[{j}]"), group, &wire::REDUNDANT_FIELDS);
            }
        }
        let dependency: wire::Dependency =
            self.record(&path, value, &wire::DEPENDENCY_FIELDS, "dependency")?;
        for (j, group) in dependency.redundant.iter().enumerate() {
            if group.k == 0 || group.k as usize > group.of.len() {
                self.issue(
                    format!("{path}.redundant[{j}].k"),
                    format!(
                        "{} is not from 1 to the {} members; dependency skipped",
                        group.k,
                        group.of.len()
                    ),
                );
                return None;
            }
        }
        Some(Dependency {
            service: dependency.service,
            requires: dependency.requires,
            redundant: dependency
                .redundant
                .into_iter()
                .map(|g| RedundantGroup { k: g.k, of: g.of })
                .collect(),
        })
    }
}
