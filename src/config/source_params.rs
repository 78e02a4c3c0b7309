//! The page's query string: `?source=` (repeatable) replaces the config's sources; `?config=`
//! names another config, which the caller fetches only from the page's own origin (see
//! [`super::check_config_url`]). Values are decoded as browsers decode forms: `+` is a space,
//! `%XX` a byte (a malformed `%` stays as it is), invalid UTF-8 becomes U+FFFD.

use thiserror::Error;

use super::source::unique_id;
use super::{DashboardConfig, SourceConfig};

/// The most `?source=` parameters read.
pub const MAX_QUERY_SOURCES: usize = 16;

/// Why the query string's sources cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum QueryError {
    #[error("`source` parameter {position} is empty")]
    EmptySource { position: usize },
    #[error("{count} `source` parameters; at most {limit} are read")]
    TooManySources { count: usize, limit: usize },
    #[error("this dashboard shows only the sources of its config (lock_sources): `{parameter}` parameters are refused")]
    Locked { parameter: &'static str },
}

/// The sources to show: one per `?source=` when there are any (a URL that is also a config
/// source's URL keeps that source's settings), otherwise the config's. Empty when neither names
/// one: the page then shows its default source. Ids are made unique (`-2`, `-3`, …). A config
/// that sets `lock_sources` refuses `?source=`.
pub fn effective_sources(
    config: Option<&DashboardConfig>,
    query: &str,
) -> Result<Vec<SourceConfig>, QueryError> {
    let urls = query_values(query, "source");
    if urls.is_empty() {
        return Ok(config.map(|c| c.sources.clone()).unwrap_or_default());
    }
    if config.is_some_and(|c| c.lock_sources) {
        return Err(QueryError::Locked { parameter: "source" });
    }
    if urls.len() > MAX_QUERY_SOURCES {
        return Err(QueryError::TooManySources { count: urls.len(), limit: MAX_QUERY_SOURCES });
    }
    let configured = config.map_or(&[][..], |c| c.sources.as_slice());
    let mut sources: Vec<SourceConfig> = Vec::with_capacity(urls.len());
    for (i, url) in urls.iter().enumerate() {
        let url = url.trim();
        if url.is_empty() {
            return Err(QueryError::EmptySource { position: i + 1 });
        }
        let mut source =
            configured.iter().find(|s| s.url == url).cloned().unwrap_or_else(|| SourceConfig::from_url(url));
        let taken: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
        source.id = unique_id(&source.id, &taken);
        sources.push(source);
    }
    Ok(sources)
}

/// The first `?config=` value, when there is one and it is not empty.
pub fn config_param(query: &str) -> Option<String> {
    query_values(query, "config").into_iter().map(|v| v.trim().to_string()).find(|v| !v.is_empty())
}

/// Every value of `name` in `query` (with or without its leading `?`; a `#fragment` is ignored),
/// decoded, in order. A bare `name` without `=` has the empty value.
pub fn query_values(query: &str, name: &str) -> Vec<String> {
    let query = query.split_once('#').map_or(query, |(before, _)| before);
    crate::state::query_string::pairs(query)
        .into_iter()
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Format;

    #[test]
    fn values_are_decoded_like_forms() {
        let cases: [(&str, &str, &[&str]); 9] = [
            ("plain", "?source=data/a.json", &["data/a.json"]),
            ("no question mark", "source=a.json&x=1", &["a.json"]),
            ("repeated", "?source=a.json&source=b.json", &["a.json", "b.json"]),
            (
                "percent",
                "?source=https%3A%2F%2Ffeeds.example.net%2Fs.json",
                &["https://feeds.example.net/s.json"],
            ),
            ("plus is a space", "?source=a+b.json", &["a b.json"]),
            ("malformed percent kept", "?source=100%25%zz%4", &["100%%zz%4"]),
            ("UTF-8", "?source=donn%C3%A9es.json", &["données.json"]),
            ("bare name and fragment", "?source&other=1#source=x", &[""]),
            ("encoded name", "?sour%63e=a.json", &["a.json"]),
        ];
        for (label, query, want) in cases {
            assert_eq!(query_values(query, "source"), want, "{label}");
        }
        assert_eq!(query_values("?source=%FF", "source"), ["\u{FFFD}"], "invalid UTF-8");
        assert_eq!(
            config_param("?config=&config=team.json"),
            Some("team.json".into()),
            "first non-empty config"
        );
        assert_eq!(config_param("?source=a.json"), None, "no config");
    }

    #[test]
    fn source_parameters_replace_the_config_sources() {
        let mut status = SourceConfig::from_url("data/status.json");
        status.label = "Status page".into();
        status.format = Some(Format::Statuspage);
        let config = DashboardConfig { sources: vec![status.clone()], ..DashboardConfig::default() };
        let ids = |sources: &[SourceConfig]| sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>();

        let none = effective_sources(None, "").expect("no query");
        assert!(none.is_empty(), "no config, no query: the page's default");
        assert_eq!(
            effective_sources(Some(&config), "?x=1"),
            Ok(vec![status.clone()]),
            "the config's sources"
        );

        let both = effective_sources(Some(&config), "?source=data/status.json&source=other/status.json")
            .expect("two sources");
        assert_eq!(both.first(), Some(&status), "a configured URL keeps its settings");
        assert_eq!(ids(&both), ["status", "status-2"], "ids made unique");
        assert_eq!(both.get(1).map(|s| s.label.as_str()), Some("other/status.json"), "label is the URL");

        assert_eq!(
            effective_sources(Some(&config), "?source=a.json&source=+"),
            Err(QueryError::EmptySource { position: 2 }),
            "empty source"
        );
        let many = "source=a&".repeat(MAX_QUERY_SOURCES + 1);
        assert_eq!(
            effective_sources(None, &many),
            Err(QueryError::TooManySources { count: MAX_QUERY_SOURCES + 1, limit: MAX_QUERY_SOURCES }),
            "too many"
        );
    }

    #[test]
    fn a_locked_config_refuses_source_parameters_and_keeps_its_own() {
        let status = SourceConfig::from_url("data/status.json");
        let config = DashboardConfig {
            sources: vec![status.clone()],
            lock_sources: true,
            ..DashboardConfig::default()
        };
        assert_eq!(effective_sources(Some(&config), ""), Ok(vec![status]), "its own sources");
        let refused = effective_sources(Some(&config), "?source=data/status.json");
        assert_eq!(refused, Err(QueryError::Locked { parameter: "source" }), "even its own URL");
        assert_eq!(
            QueryError::Locked { parameter: "source" }.to_string(),
            "this dashboard shows only the sources of its config (lock_sources): `source` parameters are refused"
        );
        let (read, issues) =
            crate::config::parse_config(r#"{"format": "nines-config", "version": 1, "lock_sources": true}"#)
                .expect("reads");
        assert!(read.lock_sources && issues.is_empty(), "read from the file, no issue: {issues:?}");
    }
}
