//! What the dashboard needs to read one source: its id (derived from the URL when the config
//! gives none), the parse options, and for a Prometheus query the `query_range` URL to fetch.
//!
//! A Prometheus source with a `query` fetches
//! `<url>/api/v1/query_range?query=<query>&start=<s>&end=<s>&step=<step>` where `url` is the
//! server's base URL (trailing `/` trimmed), `end` is now rounded down to a whole step and
//! `start` is `end − range_s`, both in Unix seconds. The step is chosen from the chart width (see
//! [`PrometheusQuery::step_for_width`]).

use super::{Microsoft365Source, PrometheusQuery, SourceConfig, MAX_ID_CHARS};
use crate::encoding::percent_encode;
use crate::ingest::{Format, ParseOptions};
use crate::model::TimeMs;

/// The most points per series a Prometheus server answers by default (its 11,000 limit).
pub const MAX_PROMETHEUS_POINTS: u32 = 11_000;
/// The range of a Prometheus query when the config gives none: seven days.
pub(super) const DEFAULT_RANGE_S: u32 = 7 * 24 * 3600;
/// The shortest range asked.
pub(super) const MIN_RANGE_S: u32 = 60;
/// The default step, unless the range needs a longer one.
pub(super) const DEFAULT_STEP_S: u32 = 60;

impl SourceConfig {
    /// A source named only by its URL, as `?source=` gives it: id from the URL, the URL as label.
    pub fn from_url(url: &str) -> SourceConfig {
        SourceConfig {
            id: derive_id(url),
            label: url.to_string(),
            url: url.to_string(),
            format: None,
            refresh_s: None,
            prometheus: None,
            microsoft365: None,
            sign_in: false,
        }
    }

    /// The settings to read this source's text with.
    pub fn parse_options(&self) -> ParseOptions {
        let mut options = ParseOptions::default();
        if let Some(prometheus) = &self.prometheus {
            options.prometheus = prometheus.labels.clone();
        }
        options
    }

    /// The format to read the text as (`None`: detect it).
    pub fn read_format(&self) -> Option<Format> {
        if self.prometheus.is_some() {
            Some(Format::Prometheus)
        } else {
            self.format
        }
    }

    /// The URL to fetch at `now_ms`, given `resolved`, this source's URL as
    /// [`super::check_source_url`] answered it: the same, or for a Prometheus query the
    /// `query_range` URL on that base, with a step for a chart `width_px` device pixels wide.
    pub fn fetch_url(&self, resolved: &str, now_ms: TimeMs, width_px: Option<u32>) -> String {
        if let Some(graph) = &self.microsoft365 {
            return graph.urls(resolved).swap_remove(0);
        }
        match self.prometheus.as_ref().and_then(|p| p.query.as_ref()) {
            Some(query) => query.url(resolved, now_ms, width_px),
            None => resolved.to_string(),
        }
    }
}

impl Microsoft365Source {
    /// The collections asked on Graph at `base_url` (`https://graph.microsoft.com/v1.0`): the
    /// health overviews with their issues, the issues, and with `messages` the message-center
    /// posts, each filtered to `services`.
    pub fn urls(&self, base_url: &str) -> Vec<String> {
        let base = format!("{}/admin/serviceAnnouncement", base_url.trim_end_matches('/'));
        // OData: `service eq 'A' or …` on health, `services/any(s:s eq 'A') or …` on posts.
        let filter = |clause: fn(&str) -> String| {
            let clauses: Vec<String> =
                self.services.iter().map(|name| clause(&name.replace('\'', "''"))).collect();
            (!clauses.is_empty()).then(|| format!("$filter={}", percent_encode(&clauses.join(" or "))))
        };
        let mut urls = match filter(|name| format!("service eq '{name}'")) {
            Some(f) => {
                vec![format!("{base}/healthOverviews?$expand=issues&{f}"), format!("{base}/issues?{f}")]
            }
            None => vec![format!("{base}/healthOverviews?$expand=issues"), format!("{base}/issues")],
        };
        if self.messages {
            let posts = filter(|name| format!("services/any(s:s eq '{name}')"));
            urls.push(format!("{base}/messages{}", posts.map(|f| format!("?{f}")).unwrap_or_default()));
        }
        urls
    }
}

impl PrometheusQuery {
    /// The `query_range` URL on `base_url` for a range ending at `now_ms`, for a chart
    /// `width_px` device pixels wide.
    pub fn url(&self, base_url: &str, now_ms: TimeMs, width_px: Option<u32>) -> String {
        let step_s = i64::from(self.step_for_width(width_px));
        let end_s = now_ms.div_euclid(1000).div_euclid(step_s) * step_s;
        let start_s = end_s - i64::from(self.range_s);
        format!(
            "{}/api/v1/query_range?query={}&start={start_s}&end={end_s}&step={step_s}",
            base_url.trim_end_matches('/'),
            percent_encode(&self.query)
        )
    }

    /// The step to ask for a chart `width_px` device pixels wide: a chart shows at most one point
    /// per pixel, so `range_s / width_px` rounded up to a whole second, but never less than the
    /// config's `step_s` nor than the 11,000-point limit allows. No width (or 0): `step_s`.
    pub fn step_for_width(&self, width_px: Option<u32>) -> u32 {
        let per_pixel_s = width_px.filter(|&w| w > 0).map_or(0, |w| self.range_s.div_ceil(w));
        self.step_s.max(per_pixel_s).max(Self::least_step_s(self.range_s))
    }

    /// The step a range needs to stay within [`MAX_PROMETHEUS_POINTS`].
    pub(super) fn least_step_s(range_s: u32) -> u32 {
        range_s.div_ceil(MAX_PROMETHEUS_POINTS).max(1)
    }
}

/// A short id from a URL: the last path segment without its extension (`data/demo.json` →
/// `demo`), else the host's first label (`https://prometheus.example.com` → `prometheus`), else
/// `source`. Lower case; characters other than letters, digits, `.`, `_` and `-` become `-`; at
/// most [`MAX_ID_CHARS`] characters.
pub fn derive_id(url: &str) -> String {
    let without_fragment = url.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = match without_fragment.split_once("//") {
        Some((scheme, rest)) if !scheme.contains('/') => match rest.split_once('/') {
            Some((host, path)) => (host, path),
            None => (rest, ""),
        },
        _ => ("", without_fragment),
    };
    let last = path.rsplit('/').find(|s| !s.is_empty() && *s != "." && *s != "..").unwrap_or_default();
    let stem = match last.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => last,
    };
    let host_label = host.rsplit('@').next().unwrap_or_default().split(['.', ':']).next().unwrap_or_default();
    let raw = if !stem.is_empty() { stem } else { host_label };
    let id = sanitise_id(raw);
    if id.is_empty() {
        "source".into()
    } else {
        id
    }
}

/// `raw` in lower case with unusual characters as `-`, trimmed of `-`, cut to [`MAX_ID_CHARS`].
fn sanitise_id(raw: &str) -> String {
    let mapped: String = raw
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if is_id_char(c) { c } else { '-' })
        .take(MAX_ID_CHARS)
        .collect();
    mapped.trim_matches('-').to_string()
}

pub(super) fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// `wanted`, or if `taken` has it, `wanted-2`, `wanted-3`, … (the first not taken).
pub(super) fn unique_id(wanted: &str, taken: &[&str]) -> String {
    if !taken.contains(&wanted) {
        return wanted.to_string();
    }
    (2..).map(|n| format!("{wanted}-{n}")).find(|id| !taken.contains(&id.as_str())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_url() {
        let cases = [
            ("data/demo.json", "demo"),
            ("./status.json?v=2", "status"),
            ("https://www.githubstatus.com/api/v2/summary.json", "summary"),
            ("https://prometheus.example.com", "prometheus"),
            ("https://prometheus.example.com:9090/", "prometheus"),
            ("//feeds.example.net/", "feeds"),
            ("/prometheus/", "prometheus"),
            ("data/Status Page (EU).json", "status-page--eu"),
            ("data/.json", ".json"),
            ("data/archive.tar.gz", "archive.tar"),
            ("../", "source"),
            ("", "source"),
            ("data/a-very-long-file-name-that-goes-on-and-on.json", "a-very-long-file-name-that-goes"),
        ];
        for (url, want) in cases {
            assert_eq!(derive_id(url), want, "{url:?}");
        }
    }

    #[test]
    fn repeated_ids_get_a_number() {
        assert_eq!(unique_id("demo", &[]), "demo", "free");
        assert_eq!(unique_id("demo", &["demo"]), "demo-2", "taken once");
        assert_eq!(unique_id("demo", &["demo", "demo-2"]), "demo-3", "taken twice");
    }

    #[test]
    fn a_prometheus_query_becomes_a_query_range_url() {
        let query =
            PrometheusQuery { query: "avg_over_time(up{job=\"api\"}[5m])".into(), range_s: 3600, step_s: 60 };
        // 1_700_000_030_500 ms is 30.5 s into a minute: the end is rounded down to the minute.
        let url = query.url("https://prom.example.com/", 1_700_000_030_500, None);
        assert_eq!(
            url,
            "https://prom.example.com/api/v1/query_range?query=avg_over_time%28up%7Bjob%3D%22api%22%7D%5B5m%5D%29\
             &start=1699996380&end=1699999980&step=60"
        );
        assert_eq!(PrometheusQuery::least_step_s(7 * 86_400), 55, "7 days in at most 11,000 points");
        assert_eq!(PrometheusQuery::least_step_s(60), 1, "short ranges");
    }

    #[test]
    fn the_step_is_chosen_from_the_chart_width() {
        let week = |step_s| PrometheusQuery { query: "probe_success".into(), range_s: 604_800, step_s };
        // (label, query, width in device pixels, step)
        let cases = [
            ("7 days over 1200 px: 504 s a pixel", week(60), Some(1200), 504),
            ("rounded up to a whole second", week(60), Some(1100), 550),
            ("the config's step when it is longer", week(900), Some(1200), 900),
            ("no width: the config's step", week(60), None, 60),
            ("a width of 0 is no width", week(60), Some(0), 60),
            ("never more than 11,000 points", week(1), Some(40_000), 55),
        ];
        for (label, query, width_px, want) in cases {
            assert_eq!(query.step_for_width(width_px), want, "{label}");
        }
        // 5 days over 1200 px: a 360 s step, and the end rounded down to it.
        let five_days = PrometheusQuery { query: "up".into(), range_s: 432_000, step_s: 60 };
        assert_eq!(
            five_days.url("http://127.0.0.1:9090", 1_700_000_030_500, Some(1200)),
            "http://127.0.0.1:9090/api/v1/query_range?query=up&start=1699567920&end=1699999920&step=360"
        );
    }
}
