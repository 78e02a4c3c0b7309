//! What the page has loaded, and the errors of loading it, each with a summary, a hint and details.

use std::collections::BTreeMap;

use thiserror::Error;

pub use super::fetch::FetchError;
use crate::analysis::Weights;
use crate::ingest::{IngestError, Issue, Parsed};
use crate::model::{Snapshot, TimeMs};
use crate::state::SourceStatus;

/// What the page shows: the sources merged into one view, and each source's state.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub snapshot: Snapshot,
    /// Records adjusted or skipped, in the config, the sources and the merge.
    pub issues: Vec<Issue>,
    pub sources: Vec<LoadedSource>,
    /// Each service's source label, when the view merges more than one source.
    pub service_sources: BTreeMap<String, String>,
    /// How levels count as down in every figure (the config's `weights`).
    pub weights: Weights,
    /// The config's logo (a checked URL) and links (http(s) only).
    pub logo_url: Option<String>,
    pub links: Vec<(String, String)>,
}

/// One source as the page last saw it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedSource {
    pub label: String,
    pub url: String,
    /// The format its data was read as, once it has data.
    pub format: Option<&'static str>,
    /// The data shown came from the browser's storage, not from the source.
    pub cached: bool,
    /// Where its refreshes stand, as of `published_ms`: the "stale since …" banner comes from it.
    pub status: SourceStatus,
    pub refresh_s: Option<u32>,
    pub published_ms: TimeMs,
    /// Why it has no data, when it has none.
    pub error: Option<String>,
}

impl LoadedSource {
    /// The sentence above stale data, with times on the clock `utc_offset_minutes` from UTC;
    /// `None` while the data is current.
    pub fn banner(&self, utc_offset_minutes: i32) -> Option<String> {
        self.status.banner(&self.label, self.published_ms, self.refresh_s, utc_offset_minutes)
    }
}

impl Loaded {
    /// One source read from `url`.
    pub fn single(url: &str, parsed: Parsed) -> Loaded {
        Loaded {
            snapshot: parsed.snapshot,
            issues: parsed.issues,
            sources: vec![LoadedSource {
                label: url.to_string(),
                url: url.to_string(),
                format: Some(parsed.format.name()),
                cached: false,
                status: SourceStatus::default(),
                refresh_s: None,
                published_ms: 0,
                error: None,
            }],
            service_sources: BTreeMap::new(),
            weights: Weights::STRICT,
            logo_url: None,
            links: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Error)]
pub enum AppError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("{source_url}: {error}")]
    Ingest { source_url: String, error: IngestError },
    #[error("the configuration {url} could not be read: {message}")]
    Config { url: String, message: String },
    #[error("the address names its sources wrongly: {0}")]
    Query(String),
}

impl AppError {
    /// One line saying what went wrong.
    pub fn summary(&self) -> String {
        match self {
            AppError::Fetch(FetchError::NotAllowed { .. }) => "This data source is not allowed.".into(),
            AppError::Fetch(FetchError::Network { cross_origin: true, .. }) => {
                "The status data could not be fetched: the server is unreachable or refused this page (CORS)."
                    .into()
            }
            AppError::Fetch(FetchError::Network { cross_origin: false, .. }) => {
                "The status data could not be fetched.".into()
            }
            AppError::Fetch(FetchError::Timeout { after_s, .. }) => {
                format!("The status data did not arrive within {after_s} seconds.")
            }
            AppError::Fetch(FetchError::Aborted { .. }) => "Loading was cancelled.".into(),
            AppError::Fetch(FetchError::Http { status, .. }) => {
                format!("The status data could not be fetched (HTTP {status}).")
            }
            AppError::Ingest { .. } => "The status data could not be read.".into(),
            AppError::Config { .. } => "The dashboard's configuration could not be read.".into(),
            AppError::Query(_) => "The address names its sources wrongly.".into(),
        }
    }

    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            AppError::Fetch(FetchError::NotAllowed { .. }) => {
                "Use a relative URL or one on this site's own origin, or name the other origin in the \
                 configuration's allow_origins (docs/config.md)."
            }
            AppError::Fetch(FetchError::Network { cross_origin: true, .. }) => {
                "A server on another origin must send Access-Control-Allow-Origin for this page's origin; \
                 otherwise publish a snapshot of the data next to the dashboard. Also check the URL."
            }
            AppError::Fetch(FetchError::Network { cross_origin: false, .. }) => {
                "Check your connection and that the dashboard's server is up."
            }
            AppError::Fetch(FetchError::Timeout { .. }) => {
                "The server is slow or the file is very large; try again, or publish a shorter history."
            }
            AppError::Fetch(FetchError::Aborted { .. }) => "Reload the page to try again.",
            AppError::Fetch(FetchError::Http { status: 404, .. }) => {
                "Check that the file exists at that path next to the dashboard."
            }
            AppError::Fetch(FetchError::Http { .. }) => "The server failed; try again later.",
            AppError::Ingest { error, .. } => match error {
                IngestError::TooLarge { .. } | IngestError::TooManySamples { .. } => {
                    "Publish a shorter history or a coarser step."
                }
                IngestError::NotJson { .. } => {
                    "The file must be JSON; check it at the line and column shown."
                }
                IngestError::UnknownFormat(_) => {
                    "Nines reads Statuspage, Prometheus, Upptime, Microsoft 365 service health, Google Cloud \
                     status, Gatus, Uptime Kuma and its own format (docs/format.md); check the URL points at one."
                }
                IngestError::UnsupportedVersion { .. } => {
                    "Convert the file with `nines convert FILE --to nines`."
                }
                IngestError::Invalid { .. } => "Fix the field named in the details.",
            },
            AppError::Config { .. } => {
                "Fix the configuration at the place named in the details (docs/config.md describes every field)."
            }
            AppError::Query(_) => "Give each `source` parameter a URL, at most 16 of them.",
        }
    }

    /// The full chain, for the details disclosure.
    pub fn details(&self) -> String {
        self.to_string()
    }
}
