//! Fetching a source and reading it, with errors a person can act on.

use std::rc::Rc;

use thiserror::Error;

use super::fetch::fetch_text;
pub use super::fetch::FetchError;
use crate::ingest::{self, IngestError, Parsed};

/// The source as read, with where it came from.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub source_url: String,
    pub parsed: Parsed,
}

#[derive(Clone, Debug, Error)]
pub enum AppError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("{source_url}: {error}")]
    Ingest { source_url: String, error: IngestError },
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
        }
    }

    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            AppError::Fetch(FetchError::NotAllowed { .. }) => {
                "Use a relative URL or one on this site's own origin."
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
        }
    }

    /// The full chain, for the details disclosure.
    pub fn details(&self) -> String {
        self.to_string()
    }
}

/// Resolves `source` against the page and refuses other origins.
fn allowed_url(source: &str) -> Result<String, FetchError> {
    let not_allowed = |reason: &str| FetchError::NotAllowed { url: source.into(), reason: reason.into() };
    let location = web_sys::window().ok_or_else(|| not_allowed("no window"))?.location();
    let page = location.href().map_err(|_| not_allowed("the page has no URL"))?;
    let resolved = web_sys::Url::new_with_base(source, &page).map_err(|_| not_allowed("not a URL"))?;
    let origin = location.origin().map_err(|_| not_allowed("the page has no origin"))?;
    if resolved.origin() != origin {
        return Err(not_allowed("only sources on this dashboard's own origin are read"));
    }
    Ok(resolved.href())
}

/// Fetches `source` (relative to the page) and reads it, detecting the format.
pub async fn load(source: String) -> Result<Rc<Loaded>, Rc<AppError>> {
    let url = allowed_url(&source).map_err(|e| Rc::new(AppError::from(e)))?;
    super::perf::start("nines:fetch");
    let text = fetch_text(&url, false, None).await.map_err(|e| Rc::new(AppError::from(e)))?;
    super::perf::end("nines:fetch");
    let parsed = super::perf::measure("nines:parse", || ingest::parse(&text, None))
        .map_err(|error| Rc::new(AppError::Ingest { source_url: source.clone(), error }))?;
    Ok(Rc::new(Loaded { source_url: source, parsed }))
}
