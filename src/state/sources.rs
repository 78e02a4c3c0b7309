//! The bookkeeping of the page's sources, without the browser: which sources there are, what
//! each one last gave, and the view their data merges into. The caller fetches, parses, keeps
//! the timers and the browser cache, and reports each outcome here with the clock and the
//! randomness passed in.
//!
//! Contract:
//! - [`Slots::new`]: the sources are the query's `?source=`s, else the config's, else
//!   [`DEFAULT_SOURCE`]; each URL must pass [`config::check_source_url`] (the first refused one
//!   fails them all). A source is cross-origin when its checked URL's origin is not the page's.
//! - An attempt that brings data ([`Slots::succeeded`]) replaces the source's data and clears
//!   its error. One that fails ([`Slots::failed`]) keeps the data it had (the banner then says
//!   it is stale); a source that never had data shows the cached copy passed in, marked cached.
//!   Statuses follow `state::refresh` ([`SourceStatus`]).
//! - [`Slots::set_hidden`] pauses every source while the tab is hidden; when it is shown again,
//!   a source that fell due meanwhile is due at once.
//! - [`Slots::add_local`]: the first local file replaces the sources (the caller stops their
//!   refresh); later ones join, an id already taken getting `-<count + 1>`.
//! - [`Slots::publish`]: the sources with data merged in their order ([`config::merge`]), the
//!   config applied; issues are the config's, then each source's prefixed with its label, then
//!   the merge's. With no source holding data, the first error in source order.

use std::rc::Rc;

use super::errors::{AppError, FetchError};
use super::loaded::{Loaded, LoadedSource};
use super::refresh::{DataOrigin, SourceStatus};
use crate::analysis::Weights;
use crate::config::{self, DashboardConfig, SourceConfig};
use crate::ingest::{Issue, Parsed};
use crate::model::{Snapshot, StringMap, TimeMs};

/// The source shown when neither a config nor the URL names one.
pub const DEFAULT_SOURCE: &str = "data/demo.json";

/// One source and what is known of it.
#[derive(Clone, Debug)]
pub struct Slot {
    pub config: SourceConfig,
    /// The checked absolute URL (for a local file, `local file <name>`).
    pub url: String,
    pub cross_origin: bool,
    /// The data shown for it: its last good answer, or the cached copy until one arrives.
    pub parsed: Option<Parsed>,
    pub status: SourceStatus,
    /// Why its last attempt failed, until one succeeds.
    pub error: Option<Rc<AppError>>,
    /// Why its last good answer could not be kept in the browser, until one is.
    pub not_kept: Option<String>,
}

/// What [`Slots::publish`] gives the page.
#[derive(Clone, Debug)]
pub enum Published {
    /// At least one source has data: the merged view, shared as the page holds it.
    Loaded(Rc<Loaded>),
    /// No source has data: the first source's error (none when no source has failed yet).
    Failed(Option<Rc<AppError>>),
}

/// The page's sources, in order, with the config they came from.
#[derive(Clone, Debug)]
pub struct Slots {
    config: Option<DashboardConfig>,
    config_issues: Vec<Issue>,
    slots: Vec<Slot>,
    hidden: bool,
    /// No local file was added yet: the first one replaces the sources.
    first_local: bool,
}

/// `scheme://host[:port]` of an absolute URL.
fn origin_of(url: &str) -> String {
    url.split('/').take(3).collect::<Vec<_>>().join("/")
}

impl Slots {
    /// The sources `query` and `config` name, checked against the page at `page_url`; none has
    /// data yet.
    pub fn new(
        config: Option<DashboardConfig>,
        config_issues: Vec<Issue>,
        query: &str,
        page_url: &str,
    ) -> Result<Slots, AppError> {
        let mut sources =
            config::effective_sources(config.as_ref(), query).map_err(|e| AppError::Query(e.to_string()))?;
        if sources.is_empty() {
            sources.push(SourceConfig::from_url(DEFAULT_SOURCE));
        }
        let allow = config.as_ref().map(|c| c.allow.as_slice()).unwrap_or_default();
        let page_origin = origin_of(page_url);
        let mut slots = Vec::with_capacity(sources.len());
        for source in sources {
            let url = config::check_source_url(page_url, &source.url, allow).map_err(|refusal| {
                AppError::from(FetchError::NotAllowed {
                    url: source.url.clone(),
                    reason: refusal.to_string(),
                })
            })?;
            slots.push(Slot {
                cross_origin: origin_of(&url) != page_origin,
                url,
                config: source,
                parsed: None,
                status: SourceStatus::default(),
                error: None,
                not_kept: None,
            });
        }
        Ok(Slots { config, config_issues, slots, hidden: false, first_local: true })
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Slot> {
        self.slots.get(index)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter()
    }

    /// Whether a source's request, redirected, may end at `url`: the rule that let the sources be
    /// asked ([`config::check_source_url`]), for the page at `page_url`.
    pub fn may_land(&self, page_url: &str, url: &str) -> Result<(), String> {
        let allow = self.config.as_ref().map(|c| c.allow.as_slice()).unwrap_or_default();
        config::check_source_url(page_url, url, allow).map(drop).map_err(|refusal| refusal.to_string())
    }

    /// The tab is hidden: nothing is fetched until it is shown.
    pub fn is_hidden(&self) -> bool {
        self.hidden
    }

    /// The URL whose cached copy source `index` would fall back on after a failure: its checked
    /// URL while it has never had data, else `None` (data it has is never replaced by a copy).
    pub fn cache_fallback_url(&self, index: usize) -> Option<&str> {
        self.slots.get(index).filter(|s| s.parsed.is_none()).map(|s| s.url.as_str())
    }

    /// Source `index` brought `parsed` at `now_ms`. Returns its checked URL, under which the
    /// caller keeps the text; `None` when there is no such source.
    pub fn succeeded(&mut self, index: usize, parsed: Parsed, now_ms: TimeMs) -> Option<&str> {
        let slot = self.slots.get_mut(index)?;
        slot.parsed = Some(parsed);
        slot.error = None;
        slot.status = slot.status.on_success(now_ms, slot.config.refresh_s);
        Some(slot.url.as_str())
    }

    /// Source `index`, still at `url`, had its answer kept in the browser (`None`) or not (why).
    /// Returns whether that changes what the page says.
    pub fn kept(&mut self, index: usize, url: &str, not_kept: Option<String>) -> bool {
        match self.slots.get_mut(index) {
            Some(slot) if slot.url == url && slot.not_kept != not_kept => {
                slot.not_kept = not_kept;
                true
            }
            _ => false,
        }
    }

    /// A first part of what source `index` brings (a collected folder's index while its months
    /// load), shown only while the source has no data; its status is left to [`Slots::succeeded`]
    /// or [`Slots::failed`]. Returns whether it is shown.
    pub fn preview(&mut self, index: usize, parsed: Parsed) -> bool {
        match self.slots.get_mut(index) {
            Some(slot) if slot.parsed.is_none() => {
                slot.parsed = Some(parsed);
                true
            }
            _ => false,
        }
    }

    /// Source `index` failed at `now_ms` with `error`; `jitter_unit` (random, in `0..1`) spreads
    /// its retry. `cached` (the copy kept in the browser and when it was saved) is shown only
    /// when the source never had data.
    pub fn failed(
        &mut self,
        index: usize,
        error: Rc<AppError>,
        cached: Option<(Parsed, TimeMs)>,
        now_ms: TimeMs,
        jitter_unit: f64,
    ) {
        let Some(slot) = self.slots.get_mut(index) else { return };
        slot.status = slot.status.on_failure(now_ms, &error.summary(), slot.config.refresh_s, jitter_unit);
        // A server that says how long to wait is believed rather than the backoff.
        if let AppError::Fetch(FetchError::Throttled { retry_after_s: Some(wait_s), .. }) = &*error {
            let wait_s = (*wait_s).clamp(super::refresh::MIN_DELAY_S, super::refresh::MAX_BACKOFF_S);
            slot.status.next_attempt_ms = Some(now_ms + i64::from(wait_s) * 1000);
        }
        if let (None, Some((parsed, saved_ms))) = (&slot.parsed, cached) {
            slot.parsed = Some(parsed);
            slot.status = slot.status.on_cache_loaded(saved_ms);
        }
        slot.error = Some(error);
    }

    /// The tab was hidden (every source pauses) or shown again at `now_ms` (those that fell due
    /// meanwhile are due now).
    pub fn set_hidden(&mut self, hidden: bool, now_ms: TimeMs) {
        self.hidden = hidden;
        for slot in &mut self.slots {
            slot.status = if hidden { slot.status.on_hidden() } else { slot.status.on_visible(now_ms) };
        }
    }

    /// Adds the local file `name`, read as `parsed` at `now_ms`; it is never refreshed. Returns
    /// whether it replaced the sources (the first local file does), whose timers and requests
    /// the caller then stops.
    pub fn add_local(&mut self, name: &str, parsed: Parsed, now_ms: TimeMs) -> bool {
        let replaced = std::mem::replace(&mut self.first_local, false);
        if replaced {
            self.slots.clear();
        }
        let mut source = SourceConfig::from_url(name);
        source.label = format!("{name} (local file)");
        if self.slots.iter().any(|s| s.config.id == source.id) {
            source.id = format!("{}-{}", source.id, self.slots.len() + 1);
        }
        self.slots.push(Slot {
            url: format!("local file {name}"),
            cross_origin: false,
            status: SourceStatus::default().on_success(now_ms, None),
            config: source,
            parsed: Some(parsed),
            error: None,
            not_kept: None,
        });
        replaced
    }

    /// The view at `now_ms` for the page at `page_url` (the config's logo is checked against
    /// it): every source with data merged, or the first error when none has data.
    pub fn publish(&self, now_ms: TimeMs, page_url: &str) -> Published {
        let with_data: Vec<(SourceConfig, Snapshot)> = self
            .slots
            .iter()
            .filter_map(|s| s.parsed.as_ref().map(|p| (s.config.clone(), p.snapshot.clone())))
            .collect();
        if with_data.is_empty() {
            return Published::Failed(self.slots.iter().find_map(|s| s.error.clone()));
        }
        let mut merged = config::merge(with_data);
        if let Some(config) = &self.config {
            merged.apply_config(config);
        }
        let mut issues = self.config_issues.clone();
        let mut sources = Vec::with_capacity(self.slots.len());
        for slot in &self.slots {
            if let Some(parsed) = &slot.parsed {
                issues.extend(parsed.issues.iter().map(|i| Issue {
                    path: format!("{}: {}", slot.config.label, i.path),
                    message: i.message.clone(),
                }));
            }
            let future =
                slot.parsed.as_ref().and_then(|p| crate::ingest::future_as_of(p.snapshot.as_of_ms, now_ms));
            if let Some(issue) = future {
                issues.push(Issue {
                    path: format!("{}: {}", slot.config.label, issue.path),
                    message: issue.message,
                });
            }
            if let Some(why) = &slot.not_kept {
                issues.push(Issue {
                    path: format!("{}: the copy in this browser", slot.config.label),
                    message: format!(
                        "not updated: {why}; after a reload while the source is down, the page shows an \
                         older copy or none"
                    ),
                });
            }
            sources.push(LoadedSource {
                label: slot.config.label.clone(),
                url: slot.url.clone(),
                format: slot.parsed.as_ref().map(|p| p.format.name()),
                cached: matches!(slot.status.origin_of_data, DataOrigin::Cached { .. }),
                status: slot.status.clone(),
                refresh_s: slot.config.refresh_s,
                published_ms: now_ms,
                error: slot.error.as_ref().filter(|_| slot.parsed.is_none()).map(|e| e.summary()),
                as_of_ms: slot.parsed.as_ref().map(|p| p.snapshot.as_of_ms),
                collected: slot.parsed.as_ref().is_some_and(|p| !p.history_months.is_empty()),
            });
        }
        issues.extend(merged.issues.iter().cloned());
        let service_sources: StringMap = match merged.sources.len() {
            0 | 1 => StringMap::new(),
            _ => merged
                .snapshot
                .services
                .iter()
                .filter_map(|s| merged.source_of(&s.id).map(|r| (s.id.clone(), r.label.clone())))
                .collect(),
        };
        let config = self.config.as_ref();
        let allow = config.map(|c| c.allow.as_slice()).unwrap_or_default();
        let logo_url = config
            .and_then(|c| c.logo_url.as_deref())
            .and_then(|logo| config::check_source_url(page_url, logo, allow).ok());
        let links = config
            .map(|c| c.links.iter().map(|l| (l.label.clone(), l.url.clone())).collect())
            .unwrap_or_default();
        Published::Loaded(Rc::new(Loaded {
            snapshot: std::sync::Arc::new(merged.snapshot),
            issues,
            sources,
            service_sources,
            weights: config.map_or(Weights::STRICT, |c| c.weights),
            logo_url,
            links,
        }))
    }
}

#[cfg(test)]
mod tests;
