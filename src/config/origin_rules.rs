//! Which URLs the dashboard may read, decided without a browser: a minimal RFC 3986 resolver for
//! http(s) and the origin rules.
//!
//! - **Resolving**: absolute `http(s)://host[:port]/path?query`, protocol-relative `//host/…`,
//!   root-relative `/…`, query-only `?…` and relative paths (with `./` and `../`, also written
//!   `%2e`) against the page's URL. The fragment is dropped. The answer is rebuilt from the parts
//!   (`scheme://host[:port]path[?query]`, scheme and host in lower case, default port left out),
//!   so the browser fetches exactly the origin that was checked.
//! - **Refused outright**: any scheme but http and https (`javascript:`, `data:`, `file:`, …);
//!   whitespace, control characters and backslashes anywhere (browsers drop or reinterpret
//!   them); user names or passwords; hosts that are not plain ASCII names or bracketed IPv6
//!   addresses (write an international name in its `xn--` form).
//! - **Origins**: the page's own origin is always allowed. Another origin only when
//!   `allow_origins` names exactly that origin (scheme, host and port; `https://a.example` and
//!   `https://a.example:443` are the same), or when `allow_url_prefixes` names a folder the URL
//!   is in (`https://raw.example/acme/status/`: its path, dot segments removed, starts with the
//!   folder's, and what follows has no encoded `/` or `\`). There are no wildcards: `*` would let any link point
//!   the page at any site's data, which is what the allowlist exists to prevent, and a pattern
//!   like `*.example.com` trusts every host anyone can create under it. An https page never
//!   reads http from another origin (browsers block it as mixed content), except from loopback.
//! - **Configs** ([`check_config_url`]) are same-origin only: a config could allowlist anything.

use thiserror::Error;

/// Why a URL is not read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum UrlRefusal {
    #[error("the URL is empty")]
    Empty,
    #[error("the URL contains whitespace, a control character or a backslash")]
    BadCharacter,
    #[error("{scheme}: URLs are never read; only http and https")]
    NotHttp { scheme: String },
    #[error("the URL names no host")]
    NoHost,
    #[error("not an absolute URL; expected http:// or https:// and a host")]
    NotAbsolute,
    #[error("{host:?} is not a plain ASCII host name (write an international name in its xn-- form)")]
    BadHost { host: String },
    #[error("the port {port:?} is not a number from 0 to 65535")]
    BadPort { port: String },
    #[error("a user name or password in the URL is refused")]
    Credentials,
    #[error("the page's own URL {page:?} is not an http(s) URL")]
    BadPage { page: String },
    #[error("{origin} is another origin, and the config's allow_origins does not list it")]
    OtherOrigin { origin: String },
    #[error("{url} is in none of the folders the config's allow_url_prefixes lists")]
    NotUnderPrefix { url: String },
    #[error("a config is only read from the dashboard's own origin, not from {origin}")]
    ConfigOtherOrigin { origin: String },
    #[error("this page is served over https, so the browser would block http data from {origin}")]
    MixedContent { origin: String },
}

/// An absolute http(s) URL, in parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Absolute {
    /// `http` or `https`.
    pub(super) scheme: &'static str,
    /// Lower case; brackets kept around IPv6 addresses.
    pub(super) host: String,
    /// `None` for the scheme's default port.
    pub(super) port: Option<u16>,
    /// Starts with `/`, dot segments removed.
    pub(super) path: String,
    pub(super) query: Option<String>,
}

impl Absolute {
    /// `scheme://host[:port]`, as browsers serialise an origin.
    pub(super) fn origin(&self) -> String {
        match self.port {
            Some(port) => format!("{}://{}:{port}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }

    pub(super) fn href(&self) -> String {
        match &self.query {
            Some(query) => format!("{}{}?{query}", self.origin(), self.path),
            None => format!("{}{}", self.origin(), self.path),
        }
    }
}

/// `source` resolved against `page_url`, as an absolute URL to fetch, when the page may read it:
/// on the page's origin, on an origin `allow` lists, or in a folder it lists (a URL prefix, as
/// [`normalise_prefix`] writes it). Entries that are neither are ignored.
pub fn check_source_url(page_url: &str, source: &str, allow: &[String]) -> Result<String, UrlRefusal> {
    let (page, target) = page_and_target(page_url, source)?;
    let origin = target.origin();
    if origin == page.origin() {
        return Ok(target.href());
    }
    let mut prefix_on_origin = false;
    let listed = allow.iter().any(|entry| match normalise_origin(entry) {
        Ok(listed) => listed == origin,
        Err(_) => normalise_prefix(entry).is_ok_and(|prefix| match prefix.strip_prefix(&origin) {
            Some(folder) if folder.starts_with('/') => {
                prefix_on_origin = true;
                target.path.strip_prefix(folder).is_some_and(|rest| {
                    let rest = rest.to_ascii_lowercase();
                    !rest.contains("%2f") && !rest.contains("%5c")
                })
            }
            _ => false,
        }),
    });
    if !listed {
        return Err(if prefix_on_origin {
            UrlRefusal::NotUnderPrefix { url: target.href() }
        } else {
            UrlRefusal::OtherOrigin { origin }
        });
    }
    if page.scheme == "https" && target.scheme == "http" && !is_loopback(&target.host) {
        return Err(UrlRefusal::MixedContent { origin });
    }
    Ok(target.href())
}

/// `config` (the `?config=` parameter) resolved against `page_url`, only on the page's origin.
pub fn check_config_url(page_url: &str, config: &str) -> Result<String, UrlRefusal> {
    let (page, target) = page_and_target(page_url, config)?;
    let origin = target.origin();
    if origin != page.origin() {
        return Err(UrlRefusal::ConfigOtherOrigin { origin });
    }
    Ok(target.href())
}

/// Whether two absolute http(s) URLs are on one origin (scheme, host and port); `false` when
/// either is not an absolute http(s) URL.
pub fn same_origin(a: &str, b: &str) -> bool {
    match (parse_absolute(a), parse_absolute(b)) {
        (Ok(a), Ok(b)) => a.origin() == b.origin(),
        _ => false,
    }
}

fn page_and_target(page_url: &str, reference: &str) -> Result<(Absolute, Absolute), UrlRefusal> {
    let page = parse_absolute(page_url).map_err(|_| UrlRefusal::BadPage { page: page_url.into() })?;
    let target = resolve(&page, reference)?;
    Ok((page, target))
}

/// `text` as an origin (`https://status.example.com`, default port dropped, lower case), or
/// why it is not one. A trailing `/` is accepted; any other path, a query or a fragment is not.
pub fn normalise_origin(text: &str) -> Result<String, String> {
    let parsed = parse_allowed(text, "list each origin", "an origin")?;
    if parsed.path != "/" {
        return Err(format!("an origin has no path; write {}", parsed.origin()));
    }
    Ok(parsed.origin())
}

/// `text` as a URL prefix, a folder whose files may be read
/// (`https://raw.example/acme/status/`: scheme and host in lower case, default port dropped, dot
/// segments removed, ending in `/`, which is added when missing), or why it is not one.
pub fn normalise_prefix(text: &str) -> Result<String, String> {
    let parsed = parse_allowed(text, "write the folder's URL", "a URL prefix")?;
    if parsed.path == "/" {
        return Err(format!("a prefix of a whole origin; list {} in allow_origins", parsed.origin()));
    }
    let slash = if parsed.path.ends_with('/') { "" } else { "/" };
    Ok(format!("{}{}{slash}", parsed.origin(), parsed.path))
}

/// An allowlist entry (`what`) parsed, without wildcards (`instead` says what to write), a query
/// or a fragment.
fn parse_allowed(text: &str, instead: &str, what: &str) -> Result<Absolute, String> {
    if text.contains('*') {
        return Err(format!("wildcards are not supported; {instead}"));
    }
    let trimmed = text.trim();
    if trimmed.contains(['?', '#']) {
        return Err(format!("{what} has no query or fragment"));
    }
    parse_absolute(trimmed).map_err(|refusal| refusal.to_string())
}

/// Whether `host` is this machine, which browsers trust over plain http.
fn is_loopback(host: &str) -> bool {
    let ipv4 = host.starts_with("127.") && host.chars().all(|c| c.is_ascii_digit() || c == '.');
    ipv4 || host == "localhost" || host == "[::1]"
}

/// Refuses what no source URL may contain, whatever it is resolved against: see the module
/// documentation. Returns the reference without its fragment.
pub(super) fn check_reference(reference: &str) -> Result<&str, UrlRefusal> {
    let text = reference.trim_matches(|c: char| c.is_ascii_whitespace());
    if text.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\') {
        return Err(UrlRefusal::BadCharacter);
    }
    let text = text.split_once('#').map_or(text, |(before, _)| before);
    if text.is_empty() {
        return Err(UrlRefusal::Empty);
    }
    if let Some(scheme) = scheme_of(text) {
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(UrlRefusal::NotHttp { scheme: scheme.to_ascii_lowercase() });
        }
    }
    Ok(text)
}

/// Refuses what [`check_reference`] refuses and, in absolute and protocol-relative URLs, user
/// names, malformed hosts and ports: everything that does not depend on the page.
pub(super) fn check_syntax(reference: &str) -> Result<(), UrlRefusal> {
    let base = Absolute { scheme: "https", host: "page".into(), port: None, path: "/".into(), query: None };
    resolve(&base, reference).map(|_| ())
}

/// The scheme of an absolute reference: letters first, then letters, digits, `+`, `-`, `.`,
/// up to the first `:`.
fn scheme_of(text: &str) -> Option<&str> {
    let (scheme, _) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_is_letter && rest_ok).then_some(scheme)
}

/// An absolute http(s) URL in parts.
pub(super) fn parse_absolute(text: &str) -> Result<Absolute, UrlRefusal> {
    let text = check_reference(text)?;
    let scheme = scheme_of(text).ok_or(UrlRefusal::NotAbsolute)?;
    let rest = text.get(scheme.len() + 1..).unwrap_or_default();
    let scheme = if scheme.eq_ignore_ascii_case("https") { "https" } else { "http" };
    let rest = rest.strip_prefix("//").ok_or(UrlRefusal::NoHost)?;
    with_authority(scheme, rest)
}

/// `reference` resolved against `base` (RFC 3986 section 5.2).
pub(super) fn resolve(base: &Absolute, reference: &str) -> Result<Absolute, UrlRefusal> {
    let text = check_reference(reference)?;
    if scheme_of(text).is_some() {
        return parse_absolute(text);
    }
    if let Some(rest) = text.strip_prefix("//") {
        return with_authority(base.scheme, rest);
    }
    let (path, query) = split_query(text);
    let path = if path.is_empty() {
        base.path.clone()
    } else if path.starts_with('/') {
        remove_dot_segments(path)
    } else {
        let directory = base.path.rfind('/').and_then(|i| base.path.get(..=i)).unwrap_or("/");
        remove_dot_segments(&format!("{directory}{path}"))
    };
    // `text` is not empty, so it has a path or a query: the base's query never carries over.
    let query = query.map(str::to_string);
    Ok(Absolute { scheme: base.scheme, host: base.host.clone(), port: base.port, path, query })
}

/// `host[:port][/path][?query]` after `scheme://`.
fn with_authority(scheme: &'static str, rest: &str) -> Result<Absolute, UrlRefusal> {
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(end);
    if authority.contains('@') {
        return Err(UrlRefusal::Credentials);
    }
    let (host, port) = split_port(authority)?;
    let default_port = if scheme == "https" { 443 } else { 80 };
    let (path, query) = split_query(after);
    Ok(Absolute {
        scheme,
        host,
        port: port.filter(|p| *p != default_port),
        path: if path.is_empty() { "/".into() } else { remove_dot_segments(path) },
        query: query.map(str::to_string),
    })
}

fn split_query(text: &str) -> (&str, Option<&str>) {
    match text.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (text, None),
    }
}

/// The host (lower case, checked) and the port (`None` when absent or empty).
fn split_port(authority: &str) -> Result<(String, Option<u16>), UrlRefusal> {
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']').ok_or_else(|| UrlRefusal::BadHost { host: authority.into() })?;
        let (host, after) = authority.split_at(close + 1);
        match after.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => return Err(UrlRefusal::BadHost { host: authority.into() }),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(UrlRefusal::NoHost);
    }
    let plain = host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let ipv6 = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).is_some_and(|inner| {
        !inner.is_empty() && inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    });
    if !plain && !ipv6 {
        return Err(UrlRefusal::BadHost { host: host.into() });
    }
    let port = match port {
        None | Some("") => None,
        Some(digits) => Some(
            digits
                .parse::<u16>()
                .ok()
                .filter(|_| digits.chars().all(|c| c.is_ascii_digit()))
                .ok_or_else(|| UrlRefusal::BadPort { port: digits.into() })?,
        ),
    };
    Ok((host.to_ascii_lowercase(), port))
}

/// RFC 3986 section 5.2.4 on a path that starts with `/`; `%2e` counts as `.`, as in browsers.
pub(super) fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let dots = segment.to_ascii_lowercase().replace("%2e", ".");
        match dots.as_str() {
            "." | ".." => {
                if dots == ".." {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            _ => out.push(segment),
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests;
