//! The errors of loading the page, each able to say in a sentence what went wrong
//! ([`AppError::summary`]), what to do about it ([`AppError::hint`]) and the whole chain for the
//! details disclosure ([`AppError::details`]).
//!
//! Contract: every kind of failure has its own summary and hint (the matches name each variant,
//! so a new one does not build until it has words); a request that failed before any answer
//! from another origin names CORS, since browsers report a refusal exactly like an unreachable
//! server. Pure: the browser code that raises [`FetchError`] lives in the `ui` shell.

use thiserror::Error;

use crate::ingest::IngestError;

/// Why a fetch failed: refused by policy, unreachable (or refused by CORS), too slow, answered
/// with an error status, or cancelled.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum FetchError {
    #[error("{url} is not allowed: {reason}")]
    NotAllowed { url: String, reason: String },
    /// The request failed before any answer. Browsers report a CORS refusal exactly like this, so
    /// `cross_origin` says whether that is the likely cause.
    #[error("could not reach {url}: {message}")]
    Network { url: String, message: String, cross_origin: bool },
    #[error("{url} did not answer within {after_s} s")]
    Timeout { url: String, after_s: u64 },
    #[error("{url} answered HTTP {status} {status_text}")]
    Http { url: String, status: u16, status_text: String },
    /// Cancelled because the page no longer needs the answer.
    #[error("the request for {url} was cancelled")]
    Aborted { url: String },
    /// Answered 429; `retry_after_s` when the server said how long to wait (`Retry-After` in
    /// seconds; the HTTP-date form is not read).
    #[error("{url} answered HTTP 429 Too Many Requests{}", wait_asked(*retry_after_s))]
    Throttled { url: String, retry_after_s: Option<u32> },
    /// A source that needs a signed-in user has no token, or its token was refused and could not
    /// be renewed.
    #[error("{url} needs a signed-in user: {reason}")]
    SignInNeeded { url: String, reason: String },
    /// Answered 403: the user (or the app) lacks `permission`; an administrator grants it at
    /// `consent_url`.
    #[error("{url} answered HTTP 403: {message}")]
    Forbidden { url: String, message: String, permission: String, consent_url: Option<String> },
    /// The tenant has no subscription that includes this data.
    #[error("{url} answered HTTP {status}: {message}")]
    NotLicensed { url: String, status: u16, message: String },
    /// The body is larger than a source may be: refused from its `Content-Length`, or its
    /// download stopped once that much had arrived.
    #[error(
        "{url} is larger than {limit_bytes} bytes, the most the page reads from one source; it was not read"
    )]
    TooLarge { url: String, limit_bytes: u64 },
}

fn wait_asked(retry_after_s: Option<u32>) -> String {
    retry_after_s.map(|s| format!(" and asked to wait {s} s")).unwrap_or_default()
}

/// Why the page, or one of its sources, could not be loaded.
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
            AppError::Fetch(FetchError::Throttled { .. }) => {
                "The server is limiting requests (HTTP 429).".into()
            }
            AppError::Fetch(FetchError::SignInNeeded { .. }) => "Sign in to see this data.".into(),
            AppError::Fetch(FetchError::Forbidden { permission, .. }) => {
                format!("The signed-in account may not read this data: it needs the permission {permission}.")
            }
            AppError::Fetch(FetchError::NotLicensed { .. }) => {
                "This tenant's subscription does not include this data.".into()
            }
            AppError::Ingest { .. } | AppError::Fetch(FetchError::TooLarge { .. }) => {
                "The status data could not be read.".into()
            }
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
            AppError::Fetch(FetchError::SignInNeeded { .. }) => {
                "Use the sign-in button at the top of the page; the configuration names the provider \
                 (docs/microsoft365.md)."
            }
            AppError::Fetch(FetchError::Forbidden { .. }) => {
                "An administrator grants the permission once for the whole tenant (admin consent), with \
                 the link below or as docs/microsoft365.md describes."
            }
            AppError::Fetch(FetchError::NotLicensed { .. }) => {
                "Service health needs a Microsoft 365 or Office 365 subscription in the tenant; sign in \
                 with an account of a tenant that has one."
            }
            AppError::Fetch(FetchError::Throttled { retry_after_s: Some(_), .. }) => {
                "Nothing to do: the next attempt waits as long as the server asked (Retry-After)."
            }
            AppError::Fetch(FetchError::Throttled { retry_after_s: None, .. }) => {
                "Nothing to do: the next attempts wait longer each time. A shorter refresh_s asks less often."
            }
            AppError::Fetch(FetchError::TooLarge { .. }) => "Publish a shorter history or a coarser step.",
            AppError::Ingest { error, .. } => match error {
                IngestError::TooLarge { .. } | IngestError::TooMany { .. } => {
                    "Publish a shorter history, a coarser step or fewer services."
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
                IngestError::Stopped { .. } => {
                    "The file may be too large or too intricate for this browser: publish a shorter \
                     history, or check the file with `nines check FILE`."
                }
            },
            AppError::Config { .. } => {
                "Fix the configuration at the place named in the details (docs/config.md describes every field)."
            }
            AppError::Query(_) => "Give each `source` parameter a URL, at most 16 of them.",
        }
    }

    /// A page that helps, with its label: where an administrator grants a missing permission.
    pub fn help_link(&self) -> Option<(&'static str, &str)> {
        match self {
            AppError::Fetch(FetchError::Forbidden { consent_url: Some(url), .. }) => {
                Some(("Grant admin consent for the tenant", url.as_str()))
            }
            _ => None,
        }
    }

    /// The full chain, for the details disclosure.
    pub fn details(&self) -> String {
        self.to_string()
    }
}

#[cfg(test)]
mod tests;
