//! What the page has loaded: the sources merged into one view ([`Loaded`]), and each source as
//! the page last saw it ([`LoadedSource`]), from which its "stale" banner is worded.
//!
//! Contract: plain data, built when the sources publish (`Slots::publish` in `state::sources`),
//! or by [`Loaded::single`] for one source read once; nothing here fetches or refreshes.

use std::sync::Arc;

use crate::analysis::Weights;
use crate::ingest::{Issue, Parsed};
use crate::model::format::format_instant;
use crate::model::{Snapshot, StringMap, TimeMs};
use crate::state::SourceStatus;

/// What the page shows: the sources merged into one view, and each source's state.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// Shared, not copied, by every panel that draws it.
    pub snapshot: Arc<Snapshot>,
    /// Records adjusted or skipped, in the config, the sources and the merge.
    pub issues: Vec<Issue>,
    pub sources: Vec<LoadedSource>,
    /// Each service's source label, when the view merges more than one source.
    pub service_sources: StringMap,
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
    /// Its data's as-of, once it has data.
    pub as_of_ms: Option<TimeMs>,
    /// It is a collected folder, whose as-of is its collector's last run.
    pub collected: bool,
}

impl LoadedSource {
    /// The source as the page lists it: `Ops (https://…/index.json, nines, cached, collected
    /// 2026-11-23 00:00 UTC)`, times on the clock `utc_offset_minutes` from UTC.
    pub fn describe(&self, utc_offset_minutes: i32) -> String {
        let format = self.format.map(|f| format!(", {f}")).unwrap_or_default();
        let cached = if self.cached { ", cached" } else { "" };
        let collected = self
            .as_of_ms
            .filter(|_| self.collected)
            .map(|t| format!(", collected {}", format_instant(t, utc_offset_minutes)))
            .unwrap_or_default();
        format!("{} ({}{format}{cached}{collected})", self.label, self.url)
    }

    /// The sentence above stale data, with times on the clock `utc_offset_minutes` from UTC;
    /// `None` while the data is current.
    pub fn banner(&self, utc_offset_minutes: i32) -> Option<String> {
        self.status.banner(&self.label, self.published_ms, self.refresh_s, utc_offset_minutes).or_else(|| {
            let as_of_ms = self.as_of_ms?;
            super::collected::age_banner(
                &self.label,
                as_of_ms,
                self.collected,
                self.published_ms,
                utc_offset_minutes,
            )
        })
    }
}

impl Loaded {
    /// One source read from `url`.
    pub fn single(url: &str, parsed: Parsed) -> Loaded {
        Loaded {
            snapshot: Arc::new(parsed.snapshot),
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
                as_of_ms: None,
                collected: false,
            }],
            service_sources: StringMap::new(),
            weights: Weights::STRICT,
            logo_url: None,
            links: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_says_where_its_data_came_from() {
        let mut source = LoadedSource {
            label: "Ops".into(),
            url: "https://status.example/ops/index.json".into(),
            format: Some("nines"),
            cached: false,
            status: SourceStatus::default(),
            refresh_s: Some(60),
            published_ms: 0,
            error: None,
            as_of_ms: None,
            collected: false,
        };
        assert_eq!(source.describe(0), "Ops (https://status.example/ops/index.json, nines)");
        (source.cached, source.as_of_ms, source.collected) = (true, Some(1_795_392_000_000), true);
        assert_eq!(
            source.describe(60),
            "Ops (https://status.example/ops/index.json, nines, cached, collected 2026-11-23 01:00 UTC+01:00)"
        );
    }
}
