//! The dashboard configuration, version 1 (reference: docs/config.md, schema:
//! public/schema/config-v1.schema.json): which sources to read and how, which other origins
//! may serve them, the SLO targets, the weighting preset, the dependency graph, the title, logo
//! and links. Pure: text in, plain [`DashboardConfig`] out; no fetching, no clock.
//!
//! - **Fatal** ([`ConfigError`]): more than [`MAX_CONFIG_BYTES`], not JSON (line and column), not
//!   an object, `format` other than `"nines-config"`, `version` missing or not 1, a top-level
//!   field of the wrong type (line and column).
//! - **Non-fatal** ([`Issue`](crate::ingest::Issue), with the JSON path): unknown fields (ignored), a record of the
//!   wrong shape (skipped), a source URL that is not http(s) or relative (skipped), an unknown
//!   `format` (detected from the content instead), `refresh_s` below [`MIN_REFRESH_S`] (raised),
//!   a bad or repeated source `id` (derived or made unique), a link that is not http(s)
//!   (dropped), a bad origin in `allow_origins` (ignored), bad `weights` (strict used), an SLO
//!   target outside 0..1 (skipped), a redundant group whose `k` is not 1..members (dependency
//!   skipped).
//! - **URLs** ([`check_source_url`]): relative and same-origin URLs are always read; another
//!   origin only when `allow_origins` names it exactly, or `allow_url_prefixes` a folder it is
//!   in. `?config=` is same-origin only ([`check_config_url`]).
//! - **Several sources** become one view with [`merge`]; the config's SLOs and dependencies are
//!   applied to the merged view with [`Merged::apply_config`].

mod merge;
mod origin_rules;
mod read;
mod source;
mod source_params;
mod wire;

#[cfg(test)]
mod tests;

use thiserror::Error;

use crate::analysis::Weights;
use crate::ingest::prometheus::PrometheusOptions;
use crate::ingest::Format;
use crate::model::Dependency;

pub use merge::{merge, Merged, SourceRef};
pub use origin_rules::{
    check_config_url, check_source_url, normalise_origin, normalise_prefix, same_origin, UrlRefusal,
};
pub use read::parse_config;
pub use source::{derive_id, MAX_PROMETHEUS_POINTS};
pub use source_params::{config_param, effective_sources, query_values, QueryError, MAX_QUERY_SOURCES};

/// The value of the `format` field.
pub const FORMAT: &str = "nines-config";
/// The configuration version this build reads.
pub const VERSION: u32 = 1;
/// The largest config accepted, in bytes.
pub const MAX_CONFIG_BYTES: usize = 1024 * 1024;
/// The shortest refresh interval; shorter ones are raised to it.
pub const MIN_REFRESH_S: u32 = 10;
/// The longest source id.
pub const MAX_ID_CHARS: usize = 32;
/// The most `dependencies` entries read; the rest are an issue and ignored.
pub const MAX_DEPENDENCIES: usize = 10_000;

/// Everything the dashboard is told by its config file.
#[derive(Clone, Debug, PartialEq)]
pub struct DashboardConfig {
    /// Replaces the sources' titles when set.
    pub title: Option<String>,
    /// Relative, or absolute http(s).
    pub logo_url: Option<String>,
    pub links: Vec<Link>,
    /// Empty: the page's default source.
    pub sources: Vec<SourceConfig>,
    /// What may be read besides the page's own origin: normalised origins
    /// (`https://status.example.com`, default port dropped, from `allow_origins`) and folders
    /// (`https://raw.example/acme/status/`, ending in `/`, from `allow_url_prefixes`).
    pub allow: Vec<String>,
    /// The page shows this config's sources only: `?source=` and `?config=` are refused.
    pub lock_sources: bool,
    pub weights: Weights,
    pub slos: Vec<SloConfig>,
    pub dependencies: Vec<Dependency>,
}

impl Default for DashboardConfig {
    fn default() -> Self {
        DashboardConfig {
            title: None,
            logo_url: None,
            links: Vec::new(),
            sources: Vec::new(),
            allow: Vec::new(),
            lock_sources: false,
            weights: Weights::STRICT,
            slos: Vec::new(),
            dependencies: Vec::new(),
        }
    }
}

/// A link in the dashboard's header; `url` is absolute http(s).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// An SLO set by the config, overriding any the source gives the service.
#[derive(Clone, Debug, PartialEq)]
pub struct SloConfig {
    /// The service id in the merged view.
    pub service: String,
    /// 0..1 (0.999 for "three nines").
    pub target_ratio: f64,
    pub window_days: u32,
}

/// One place to read status data from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceConfig {
    /// Short and unique among the sources: letters, digits, `.`, `_`, `-`.
    pub id: String,
    /// Shown next to every figure from this source.
    pub label: String,
    /// As written: relative to the page, or absolute. For a Prometheus source with a query,
    /// the server's base URL.
    pub url: String,
    /// `None`: detected from the content.
    pub format: Option<Format>,
    /// `None`: read once. Otherwise at least [`MIN_REFRESH_S`].
    pub refresh_s: Option<u32>,
    /// Set for Prometheus sources (and then `format` is Prometheus).
    pub prometheus: Option<PrometheusSource>,
    /// Set for Microsoft 365 service health read live from Graph (and then `format` is msgraph,
    /// `url` is Graph's base URL and `sign_in` is set).
    pub microsoft365: Option<Microsoft365Source>,
    /// Every request carries the signed-in user's access token (the config's `auth`).
    pub sign_in: bool,
}

/// Which of a tenant's service health Graph is asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Microsoft365Source {
    /// Service names as Graph writes them (`Exchange Online`); empty: every service.
    pub services: Vec<String>,
    /// Also the message-center posts (planned changes and news, shown as announcements); they
    /// need the `ServiceMessage.Read.All` permission.
    pub messages: bool,
}

/// How to read a Prometheus source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrometheusSource {
    /// Which labels name the service and the region.
    pub labels: PrometheusOptions,
    /// `Some`: `url` is the server's base URL and the dashboard asks it this query over a
    /// range ending now. `None`: `url` is fetched as it is (a saved or complete API response).
    pub query: Option<PrometheusQuery>,
}

/// A range query (`/api/v1/query_range`) asked at load time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrometheusQuery {
    /// PromQL giving up-ratios, e.g. `probe_success` or `avg_over_time(up[5m])`.
    pub query: String,
    /// How far back from now.
    pub range_s: u32,
    /// The resolution; at most [`MAX_PROMETHEUS_POINTS`] points per series.
    pub step_s: u32,
}

/// Why a config could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("the config is {bytes} bytes; the limit is {limit} bytes")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the config is not valid JSON at line {line}, column {column}: {message}")]
    NotJson { line: usize, column: usize, message: String },
    #[error("not a Nines dashboard config: {0}")]
    NotAConfig(String),
    #[error("no \"version\" field; expected \"version\": 1")]
    MissingVersion,
    #[error("unsupported config version {found}; this build reads version {supported}")]
    UnsupportedVersion { found: String, supported: u32 },
    #[error("the config is invalid at line {line}, column {column}: {message}")]
    Invalid { line: usize, column: usize, message: String },
}
