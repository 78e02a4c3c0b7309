//! The parts of the dashboard config only `nines collect` reads: the `collect` section (interval,
//! retention, limits, probes) and each source's `auth`. Secrets never appear here: `auth` names
//! environment variables, whose values are read at run time and never written anywhere.

use serde::Deserialize;

/// The config file as the collector reads it; the rest is the page's (`nines::config`).
#[derive(Deserialize, Default)]
pub struct File {
    #[serde(default)]
    pub collect: Collect,
    #[serde(default)]
    pub sources: Vec<SourceExtra>,
}

#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Collect {
    /// How often the collector runs: a successful run covers the interval before it.
    pub interval_s: u64,
    /// Keep this many days; `None` keeps everything.
    pub retention_days: Option<u32>,
    /// Per request, connection to last byte.
    pub timeout_ms: u64,
    /// The most bytes read from one response (after decompression).
    pub max_bytes: u64,
    /// Attempts after the first, on a network error, a timeout, a 5xx or a 429.
    pub retries: u32,
    /// The first retry waits about this long, each next one twice as long (±50 % jitter).
    pub backoff_ms: u64,
    pub probes: Vec<Probe>,
    /// The URL the collected folder is served at (`https://owner.github.io/repo/status/`): the
    /// Atom feed's id and self link. Without it, the feed's ids are URNs.
    pub public_url: Option<String>,
}

impl Default for Collect {
    fn default() -> Self {
        Collect {
            interval_s: 300,
            retention_days: None,
            timeout_ms: 30_000,
            max_bytes: 32 * 1024 * 1024,
            retries: 2,
            backoff_ms: 1_000,
            probes: Vec::new(),
            public_url: None,
        }
    }
}

/// A source entry's collector-only fields, matched to the page's source by position.
#[derive(Deserialize, Default)]
pub struct SourceExtra {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub auth: Option<Auth>,
}

/// How to authenticate to a source: the names of environment variables, never their values.
#[derive(Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// `Authorization: Bearer <value of this variable>`.
    pub bearer_env: Option<String>,
    /// `Authorization: Basic` from these two variables.
    pub basic_user_env: Option<String>,
    pub basic_password_env: Option<String>,
    /// Microsoft Graph app-only: client credentials exchanged for a token.
    pub msgraph: Option<GraphAuth>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct GraphAuth {
    pub tenant_env: String,
    pub client_id_env: String,
    pub client_secret_env: String,
    /// The token endpoint; `{tenant}` is replaced by the tenant. Default: the Microsoft identity
    /// platform's, `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`.
    pub token_url: Option<String>,
    /// Default `https://graph.microsoft.com/.default`.
    pub scope: Option<String>,
}

/// One probe: exactly one of `http`, `tcp`, `dns`.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Probe {
    /// The service the samples belong to.
    pub service: String,
    /// Shown as the service's name when the service is not known otherwise.
    pub name: Option<String>,
    /// An http(s) URL to GET.
    pub http: Option<String>,
    /// `host:port` to connect to.
    pub tcp: Option<String>,
    /// A host name to resolve.
    pub dns: Option<String>,
    /// HTTP: the status that means up (default: any 2xx).
    pub expect_status: Option<u16>,
    /// HTTP: a text the body must contain.
    pub keyword: Option<String>,
    /// Default 10 s.
    pub timeout_ms: Option<u64>,
    /// HTTPS: trust only the certificates of this PEM file (an internal CA) instead of the
    /// Mozilla roots.
    pub ca_file: Option<String>,
}
