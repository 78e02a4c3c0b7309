//! Fetching a source over HTTP(S): a timeout per request, a byte limit per response, retries
//! with jittered exponential backoff, conditional requests (`If-None-Match` /
//! `If-Modified-Since`, so an unchanged feed costs a 304), gzip, and the credentials a source's
//! `auth` names (read from the environment, never written anywhere).

use std::time::Duration;

use super::config::{Auth, Collect, GraphAuth};

/// What a successful request gave.
pub enum Fetched {
    Body { text: String, etag: Option<String>, last_modified: Option<String> },
    NotModified,
}

/// The validators of the last response a source gave.
#[derive(Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

pub struct Fetcher {
    agent: ureq::Agent,
    retries: u32,
    max_bytes: u64,
    backoff_ms: u64,
}

/// Why a request failed, and whether trying again may help.
struct Failure {
    message: String,
    retry: bool,
}

impl Fetcher {
    pub fn new(collect: &Collect) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_millis(collect.timeout_ms)))
            .http_status_as_error(false)
            .user_agent(concat!("nines-collect/", env!("CARGO_PKG_VERSION")))
            .build();
        Fetcher {
            agent: config.into(),
            retries: collect.retries,
            max_bytes: collect.max_bytes,
            backoff_ms: collect.backoff_ms,
        }
    }

    /// GETs `url` with `headers`, conditionally on `validators`, retrying what may pass later.
    pub fn get(
        &self,
        url: &str,
        headers: &[(String, String)],
        validators: &Validators,
    ) -> Result<Fetched, String> {
        self.with_retries(|| self.get_once(url, headers, validators))
    }

    /// POSTs a form (the token request), with the same retries and limits.
    pub fn post_form(&self, url: &str, form: &[(&str, &str)]) -> Result<String, String> {
        self.with_retries(|| {
            let response = self.agent.post(url).send_form(form.iter().copied()).map_err(transport)?;
            self.read_ok(response, url)
        })
    }

    fn with_retries<T>(&self, mut attempt: impl FnMut() -> Result<T, Failure>) -> Result<T, String> {
        let mut tried = 0;
        loop {
            match attempt() {
                Ok(value) => return Ok(value),
                Err(failure) if failure.retry && tried < self.retries => {
                    std::thread::sleep(backoff(self.backoff_ms, tried));
                    tried += 1;
                }
                Err(failure) => {
                    let attempts = tried + 1;
                    return Err(if attempts > 1 {
                        format!("{} (after {attempts} attempts)", failure.message)
                    } else {
                        failure.message
                    });
                }
            }
        }
    }

    fn get_once(
        &self,
        url: &str,
        headers: &[(String, String)],
        validators: &Validators,
    ) -> Result<Fetched, Failure> {
        let mut request = self.agent.get(url);
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag.as_str());
        }
        if let Some(date) = &validators.last_modified {
            request = request.header("If-Modified-Since", date.as_str());
        }
        let response = request.call().map_err(transport)?;
        if response.status().as_u16() == 304 {
            return Ok(Fetched::NotModified);
        }
        let header =
            |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let text = self.read_ok(response, url)?;
        Ok(Fetched::Body { text, etag, last_modified })
    }

    /// The body of a 2xx response, at most `max_bytes`; other statuses are failures.
    fn read_ok(&self, mut response: ureq::http::Response<ureq::Body>, url: &str) -> Result<String, Failure> {
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(Failure {
                message: format!("{url}: HTTP {status}"),
                retry: status >= 500 || status == 429 || status == 408,
            });
        }
        response.body_mut().with_config().limit(self.max_bytes).read_to_string().map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(limit) => {
                Failure { message: format!("{url}: the response is larger than {limit} bytes"), retry: false }
            }
            other => Failure { message: format!("{url}: reading the response: {other}"), retry: true },
        })
    }
}

/// A request that did not get a response: worth another try.
fn transport(error: ureq::Error) -> Failure {
    let message = match error {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        other => other.to_string(),
    };
    Failure { message, retry: true }
}

/// `base_ms · 2^tried`, times a random factor in [0.5, 1.5) so that collectors started together
/// do not retry together.
fn backoff(base_ms: u64, tried: u32) -> Duration {
    let exp = base_ms.saturating_mul(1u64 << tried.min(16));
    let jitter = 0.5 + random_unit();
    Duration::from_millis((exp as f64 * jitter) as u64)
}

/// A number in [0, 1) from the standard library's randomly seeded hasher.
fn random_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// The value of environment variable `name`, or a message naming it (never its value).
pub fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("the environment variable {name} is not set"))
}

/// The request headers `auth` asks for (without Graph, whose token is fetched per run).
pub fn auth_headers(auth: Option<&Auth>) -> Result<Vec<(String, String)>, String> {
    let Some(auth) = auth else { return Ok(Vec::new()) };
    let mut headers = Vec::new();
    if let Some(name) = &auth.bearer_env {
        headers.push(("Authorization".into(), format!("Bearer {}", env(name)?)));
    }
    match (&auth.basic_user_env, &auth.basic_password_env) {
        (Some(user), Some(password)) => {
            let pair = format!("{}:{}", env(user)?, env(password)?);
            headers.push((
                "Authorization".into(),
                format!("Basic {}", nines::encoding::base64(pair.as_bytes())),
            ));
        }
        (None, None) => {}
        _ => return Err("auth: basic_user_env and basic_password_env go together".into()),
    }
    Ok(headers)
}

/// An app-only token for Microsoft Graph (the client credentials grant).
pub fn graph_token(fetcher: &Fetcher, graph: &GraphAuth) -> Result<String, String> {
    let tenant = env(&graph.tenant_env)?;
    let client_id = env(&graph.client_id_env)?;
    let secret = env(&graph.client_secret_env)?;
    let url = graph
        .token_url
        .as_deref()
        .unwrap_or("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token")
        .replace("{tenant}", &tenant);
    let scope = graph.scope.as_deref().unwrap_or("https://graph.microsoft.com/.default");
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", client_id.as_str()),
        ("client_secret", secret.as_str()),
        ("scope", scope),
    ];
    let body = fetcher.post_form(&url, &form).map_err(|e| format!("token request: {e}"))?;
    let value: serde_json::Value =
        serde_json::from_str(&body).map_err(|e| format!("token response is not JSON: {e}"))?;
    value
        .get("access_token")
        .and_then(|t| t.as_str())
        .map(str::to_string)
        .ok_or_else(|| "token response has no access_token".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter() {
        for tried in 0..4 {
            let ms = backoff(100, tried).as_millis() as u64;
            let base = 100 << tried;
            assert!(ms >= base / 2 && ms < base * 3 / 2, "try {tried}: {ms} ms");
        }
    }
}
