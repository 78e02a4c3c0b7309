//! The dashboard's sources, kept current: the config (next to the page, or `?config=`), each
//! source checked against the URL rules, fetched and read, merged into one view. Each source is
//! refreshed at its interval with backoff and jitter after failures (`state::refresh`), paused
//! while the tab is hidden; a failed refresh keeps the last good data with a "stale" banner; the
//! last good text of each source is kept in `localStorage`, so a reload while a source is down
//! still shows data, marked as cached. While a large body downloads and is parsed, `progress`
//! says how far it is (bytes received, percent when the length is known, then "Parsing").
//!
//! What each source has, its status and the merged view are `state::sources` ([`Slots`]); this
//! module does the browser's part: fetching, parsing, timers and requests in flight, storage,
//! the visibility listener and the progress text.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, AbortSignal};

use super::fetch::{fetch_bytes, fetch_text, Landing, Progress};
use super::parse::{self, Input};
use crate::config::{self, DashboardConfig, SourceConfig};
use crate::ingest::{self, Format, Issue, Parsed};
use crate::model::TimeMs;
use crate::state::cache::{self, Stored};
use crate::state::{collected, AppError, CachedEntry, FetchError, Loaded, Published, Slots};

/// The config read when the URL names none; a missing one is fine.
const DEFAULT_CONFIG: &str = "config.json";
/// Bodies from this size up (256 KiB) show their download progress.
const PROGRESS_MIN_BYTES: u64 = 256 * 1024;

/// `bytes` in MiB with one decimal, e.g. "1.2 MB".
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

/// "Downloading {label}: 1.2 MB of 3.4 MB (35 %)", or without the total when it is unknown.
fn progress_text(label: &str, progress: Progress) -> String {
    let received = megabytes(progress.received_bytes);
    match progress.total_bytes.filter(|t| *t > 0) {
        Some(total) => {
            let percent = progress.received_bytes.saturating_mul(100) / total;
            format!("Downloading {label}: {received} of {} ({percent} %)", megabytes(total))
        }
        None => format!("Downloading {label}: {received}"),
    }
}

fn now_ms() -> TimeMs {
    js_sys::Date::now() as TimeMs
}

fn page_url() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// The width a chart can use, in device pixels: the page's main content, else (before layout) the
/// window. A Prometheus query asks for no more points than that.
fn chart_width_px() -> Option<u32> {
    let window = web_sys::window()?;
    let main_px =
        window.document().and_then(|d| d.query_selector("main").ok().flatten()).map(|m| m.client_width());
    let css_px = match main_px {
        Some(px) if px > 0 => f64::from(px),
        _ => window.inner_width().ok()?.as_f64()?,
    };
    let device_px = (css_px * window.device_pixel_ratio()).round();
    (device_px >= 1.0).then_some(device_px as u32)
}

/// `document.hidden`, read as a property of the document (as scripts read it), not through the
/// prototype's getter: a page that overrides it — a test, or an embedding page — is believed.
fn page_hidden() -> bool {
    js_sys::Reflect::get(&document(), &wasm_bindgen::JsValue::from_str("hidden"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What the browser holds for one source, beside its bookkeeping in [`Slots`] (same index).
#[derive(Default)]
struct Handles {
    timer: Option<TimeoutHandle>,
    in_flight: Option<AbortController>,
}

/// The sources of one page, refreshing themselves; `loaded` is the merged view (or `failure`
/// when no source has any data).
pub struct Live {
    slots: RefCell<Slots>,
    handles: RefCell<Vec<Handles>>,
    this: Weak<Live>,
    pub loaded: RwSignal<Option<Rc<Loaded>>, LocalStorage>,
    pub failure: RwSignal<Option<Rc<AppError>>, LocalStorage>,
    /// What a large source's download or parse has reached, while it runs.
    progress: RwSignal<Option<String>>,
}

/// Reads the config and the query, loads every source once, and starts keeping them current.
/// `progress` shows how far a large source's download and parse are, now and on each refresh.
pub async fn start(query: String, progress: RwSignal<Option<String>>) -> Result<Rc<Live>, Rc<AppError>> {
    let page = page_url();
    let ReadConfig { config, issues, text } = load_config(&page, &query).await?;
    if let Some(config) = &config {
        super::sign_in::start(&text, config.allow.clone()).await;
    }
    let slots = Slots::new(config, issues, &query, &page).map_err(Rc::new)?;
    let count = slots.len();
    let live = Rc::new_cyclic(|this| Live {
        slots: RefCell::new(slots),
        handles: RefCell::new((0..count).map(|_| Handles::default()).collect()),
        this: this.clone(),
        loaded: RwSignal::new_local(None),
        failure: RwSignal::new_local(None),
        progress,
    });
    super::perf::start("nines:fetch");
    for index in 0..count {
        live.attempt(index).await;
    }
    super::perf::end("nines:fetch");
    live.watch_visibility();
    Ok(live)
}

/// The config named by `?config=` (which must be on this origin), else `config.json` next to the
/// page when there is one. `config.json` is read first either way: when it sets `lock_sources`,
/// `?config=` is refused (and when it cannot be read, so is `?config=`, rather than risk it).
async fn load_config(page: &str, query: &str) -> Result<ReadConfig, Rc<AppError>> {
    let default = read_config(page, DEFAULT_CONFIG.to_string(), false).await?;
    let Some(name) = config::config_param(query) else { return Ok(default) };
    if default.config.as_ref().is_some_and(|c| c.lock_sources) {
        return Err(Rc::new(AppError::Query(config::QueryError::Locked { parameter: "config" }.to_string())));
    }
    read_config(page, name, true).await
}

/// A config as read: what it says, its issues, and its text (the sign-in reads its `auth` there).
#[derive(Default)]
struct ReadConfig {
    config: Option<DashboardConfig>,
    issues: Vec<Issue>,
    text: String,
}

/// The config `name` on the page's origin; a missing one is none unless it is `required`.
async fn read_config(page: &str, name: String, required: bool) -> Result<ReadConfig, Rc<AppError>> {
    let url = config::check_config_url(page, &name).map_err(|refusal| {
        Rc::new(AppError::from(FetchError::NotAllowed { url: name.clone(), reason: refusal.to_string() }))
    })?;
    // Redirected, the config must still be on the page's origin.
    let landing = |to: &str| config::check_config_url(page, to).map(drop).map_err(|r| r.to_string());
    let text = match fetch_text(&url, &landing).await {
        Ok(text) => text,
        Err(FetchError::Http { status: 404, .. }) if !required => return Ok(ReadConfig::default()),
        Err(error) => return Err(Rc::new(AppError::from(error))),
    };
    let (config, issues) = config::parse_config(&text)
        .map_err(|error| Rc::new(AppError::Config { url: name, message: error.to_string() }))?;
    Ok(ReadConfig { config: Some(config), issues, text })
}

impl Live {
    /// Fetches and reads source `index` once, then publishes and schedules the next attempt;
    /// nothing while an attempt at it is in flight.
    async fn attempt(&self, index: usize) {
        let width_px = chart_width_px();
        let Some((source, resolved, url, cross_origin)) = self.slots.borrow().get(index).map(|s| {
            (s.config.clone(), s.url.clone(), s.config.fetch_url(&s.url, now_ms(), width_px), s.cross_origin)
        }) else {
            return;
        };
        let controller = AbortController::new().ok();
        if let Some(handles) = self.handles.borrow_mut().get_mut(index) {
            // One attempt at a time: the one running publishes and schedules the next, so a
            // second (the tab shown again) would only fetch twice, and could finish first.
            if handles.in_flight.is_some() {
                return;
            }
            handles.in_flight = controller.clone();
        }
        let signal = controller.as_ref().map(|c| c.signal());
        let on_progress = |p: Progress| {
            if p.total_bytes.unwrap_or(p.received_bytes) >= PROGRESS_MIN_BYTES {
                self.show_progress(progress_text(&source.label, p));
            }
        };
        if source.sign_in {
            // Read with the user's token, and never kept in browser storage.
            let result = match super::sign_in::read(&source, &resolved).await {
                Ok(text) => parse::parse(&Input::Text(text), source.read_format(), &source.parse_options())
                    .await
                    .map(|parsed| (parsed, None))
                    .map_err(|error| Rc::new(AppError::Ingest { source_url: source.url.clone(), error })),
                Err(error) => Err(Rc::new(AppError::from(error))),
            };
            self.finish(index, &source, signal.as_ref(), result).await;
            return;
        }
        let landing = |to: &str| self.slots.borrow().may_land(&page_url(), to);
        let fetched = fetch_bytes(&url, cross_origin, &landing, signal.as_ref(), &on_progress).await;
        if matches!(fetched, Err(FetchError::Aborted { .. })) {
            self.progress.set(None);
            return;
        }
        let result = match fetched {
            Ok(bytes) => {
                let input = Input::Bytes(bytes);
                if input.len_bytes() as u64 >= PROGRESS_MIN_BYTES {
                    self.show_progress(format!(
                        "Parsing {} ({})…",
                        source.label,
                        megabytes(input.len_bytes() as u64)
                    ));
                }
                let parsed = parse::parse(&input, source.read_format(), &source.parse_options()).await;
                // Larger bodies are never kept (`CachedEntry::encode` refuses them). The body is
                // decoded to text only when it is kept, after the first paint: decoding a few
                // megabytes takes tens of milliseconds.
                let body = (input.len_bytes() <= cache::MAX_ENTRY_BYTES).then_some(input);
                match parsed {
                    // A collected folder's index: the months its range reaches are read too. On a
                    // first load the index is shown meanwhile and the months are read in the
                    // background once its charts are painted: the first charts neither wait for
                    // the months nor share their frames with the months' download and reading.
                    Ok(folder) if !folder.history_months.is_empty() => {
                        let Some(live) = self.this.upgrade() else { return };
                        let previewed = self.slots.borrow_mut().preview(index, folder.clone());
                        let asked = Asked { source, url, cross_origin, signal };
                        let rest = live.read_history(index, asked, folder, body);
                        if previewed {
                            self.publish();
                            super::perf::after_paint(Box::new(move || spawn_local(rest)));
                        } else {
                            rest.await;
                        }
                        return;
                    }
                    other => other
                        .map(|parsed| (parsed, body))
                        .map_err(|error| Rc::new(AppError::Ingest { source_url: source.url.clone(), error })),
                }
            }
            Err(error) => Err(Rc::new(AppError::from(error))),
        };
        self.finish(index, &source, signal.as_ref(), result).await;
    }

    /// The months of a collected folder whose index (`folder`, with its `body`) source `index`
    /// read as `asked`, joined to it, then the attempt's end.
    async fn read_history(self: Rc<Self>, index: usize, asked: Asked, folder: Parsed, body: Option<Input>) {
        let Asked { source, url, cross_origin, signal } = asked;
        let show = |text: String| self.show_progress(text);
        let landing = |to: &str| self.slots.borrow().may_land(&page_url(), to);
        let fetching = Fetching { index_url: &url, cross_origin, landing: &landing, signal: signal.as_ref() };
        let joined = load_history(&source.label, &fetching, folder, &show).await;
        self.finish(index, &source, signal.as_ref(), Ok((joined, body))).await;
    }

    /// Shows `text` as the progress line, unless it already says that.
    fn show_progress(&self, text: String) {
        if self.progress.with_untracked(|shown| shown.as_deref() != Some(text.as_str())) {
            self.progress.set(Some(text));
        }
    }

    /// The end of an attempt at source `index`: what it read (and the body to keep) or why it
    /// failed, recorded, published, and the next attempt scheduled.
    async fn finish(
        &self,
        index: usize,
        source: &SourceConfig,
        signal: Option<&AbortSignal>,
        result: Result<(Parsed, Option<Input>), Rc<AppError>>,
    ) {
        self.progress.set(None);
        // A source that never had data falls back to the copy kept in the browser.
        let cache_url = match &result {
            Err(_) => self.slots.borrow().cache_fallback_url(index).map(str::to_string),
            Ok(_) => None,
        };
        let cached = match cache_url {
            Some(url) => read_from_cache(&url, source).await,
            None => None,
        };
        // Stopped while parsing (a local file replaced the sources): the slot at `index` is no
        // longer this source's, or no longer there.
        if signal.is_some_and(|s| s.aborted()) || self.slots.borrow().get(index).is_none() {
            return;
        }
        let now = now_ms();
        if let Some(handles) = self.handles.borrow_mut().get_mut(index) {
            handles.in_flight = None;
        }
        match result {
            Ok((parsed, body)) => {
                let cache_url = self.slots.borrow_mut().succeeded(index, parsed, now).map(str::to_string);
                // Kept in the browser once the charts are painted: storing a few megabytes takes
                // tens of milliseconds.
                if let (Some(cache_url), Some(body)) = (cache_url, body) {
                    let this = self.this.clone();
                    super::perf::after_paint(Box::new(move || {
                        let not_kept = save_to_cache(&cache_url, now, body.text()).err();
                        let Some(live) = this.upgrade() else { return };
                        if live.slots.borrow_mut().kept(index, &cache_url, not_kept) {
                            live.publish();
                        }
                    }));
                }
            }
            Err(error) => {
                self.slots.borrow_mut().failed(index, error, cached, now, js_sys::Math::random());
            }
        }
        self.publish();
        self.schedule(index);
    }

    /// Merges what every source has into the view, or reports the first error when none has data.
    fn publish(&self) {
        let published = self.slots.borrow().publish(now_ms(), &page_url());
        match published {
            Published::Loaded(loaded) => {
                self.failure.set(None);
                self.loaded.set(Some(loaded));
            }
            Published::Failed(error) => self.failure.set(error),
        }
    }

    /// Sets the timer for source `index`'s next attempt, unless the tab is hidden.
    fn schedule(&self, index: usize) {
        let mut handles = self.handles.borrow_mut();
        let Some(handles) = handles.get_mut(index) else { return };
        if let Some(timer) = handles.timer.take() {
            timer.clear();
        }
        let (next_ms, hidden) = {
            let slots = self.slots.borrow();
            (slots.get(index).and_then(|s| s.status.next_attempt_ms), slots.is_hidden())
        };
        let (Some(next_ms), false) = (next_ms, hidden) else { return };
        let delay_ms = (next_ms - now_ms()).clamp(0, i64::from(i32::MAX)) as u64;
        let this = self.this.clone();
        handles.timer = set_timeout_with_handle(
            move || {
                // A timer that fires while the tab is hidden waits for it to be shown again.
                if let Some(live) = this.upgrade().filter(|live| !live.slots.borrow().is_hidden()) {
                    spawn_local(async move { live.attempt(index).await });
                }
            },
            std::time::Duration::from_millis(delay_ms),
        )
        .ok();
    }

    /// Pauses every source while the tab is hidden; on return, refreshes those that fell due.
    fn watch_visibility(&self) {
        let this = self.this.clone();
        // The listener lives as long as the page; once `Live` is gone it does nothing.
        let _listener = window_event_listener_untyped("visibilitychange", move |_| {
            let Some(live) = this.upgrade() else { return };
            let hidden = page_hidden();
            live.slots.borrow_mut().set_hidden(hidden, now_ms());
            if hidden {
                for handles in live.handles.borrow_mut().iter_mut() {
                    if let Some(timer) = handles.timer.take() {
                        timer.clear();
                    }
                }
            } else {
                let count = live.handles.borrow().len();
                for index in 0..count {
                    live.schedule(index);
                }
            }
        });
    }

    /// Adds a file the user dropped, pasted or opened: read here, never sent anywhere, never
    /// refreshed. The first replaces the sources shown (and stops their refresh); later ones join
    /// it. An unreadable file changes nothing and says why.
    pub async fn add_local(&self, name: &str, input: &Input) -> Result<(), Rc<AppError>> {
        let parsed = parse::parse(input, None, &ingest::ParseOptions::default())
            .await
            .map_err(|error| Rc::new(AppError::Ingest { source_url: name.to_string(), error }))?;
        if self.slots.borrow_mut().add_local(name, parsed, now_ms()) {
            self.stop();
            self.handles.borrow_mut().clear();
        }
        self.handles.borrow_mut().push(Handles::default());
        self.publish();
        Ok(())
    }

    /// Stops every timer and aborts every request in flight.
    pub fn stop(&self) {
        for handles in self.handles.borrow_mut().iter_mut() {
            if let Some(timer) = handles.timer.take() {
                timer.clear();
            }
            if let Some(request) = handles.in_flight.take() {
                request.abort();
            }
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What an attempt asked for: the source, its URL, whether that is on another origin, and the
/// signal that stops it.
struct Asked {
    source: SourceConfig,
    url: String,
    cross_origin: bool,
    signal: Option<AbortSignal>,
}

/// How a collected folder's index was fetched, for its shards to be fetched alike.
struct Fetching<'a> {
    index_url: &'a str,
    cross_origin: bool,
    landing: Landing<'a>,
    signal: Option<&'a AbortSignal>,
}

/// The history of the collected folder whose index is `index` (read from `fetching.index_url`):
/// the shards of the months its range reaches, each fetched like the index and read in the parse
/// worker, then joined (`state::collected`). A shard that fails is an issue, and its month stays
/// unknown.
async fn load_history(label: &str, fetching: &Fetching<'_>, index: Parsed, show: &dyn Fn(String)) -> Parsed {
    // What the screen shows now: a year where the calendar is, read again at each refresh.
    let days = collected::history_days(&super::history_sync::read().0);
    let months = collected::months_needed(&index.history_months, index.snapshot.as_of_ms, days);
    let count = months.len();
    let mut shards = Vec::with_capacity(count);
    for (i, month) in months.into_iter().enumerate() {
        show(format!("Loading the history of {label}: month {} of {count} ({month})…", i + 1));
        let url = collected::shard_url(fetching.index_url, &month);
        let shard = match fetch_bytes(&url, fetching.cross_origin, fetching.landing, fetching.signal, &|_| {})
            .await
        {
            Ok(bytes) => {
                parse::parse(&Input::Bytes(bytes), Some(Format::Native), &ingest::ParseOptions::default())
                    .await
                    .map_err(|error| error.to_string())
            }
            Err(error) => Err(AppError::from(error).to_string()),
        };
        shards.push((month, shard));
    }
    collected::join_shards(index, shards)
}

/// Keeps `text` as the copy of `url` in the browser, first removing the copies saved longest ago
/// when all would take more than [`cache::MAX_TOTAL_BYTES`]. Returns why it could not; a page
/// without storage (the user turned it off) keeps nothing and says nothing.
fn save_to_cache(url: &str, saved_ms: TimeMs, text: String) -> Result<(), String> {
    let Some(storage) = storage() else { return Ok(()) };
    let entry = CachedEntry { url: url.to_string(), saved_ms, text };
    let encoded = entry.encode().ok_or_else(|| {
        format!("it is larger than the {} MiB a copy may take", cache::MAX_ENTRY_BYTES >> 20)
    })?;
    let key = cache::storage_key(url);
    let others: Vec<Stored> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(cache::KEY_PREFIX) && *k != key)
        .map(|k| {
            let text = storage.get_item(&k).ok().flatten().unwrap_or_default();
            let saved_ms = CachedEntry::decode(&text).map(|e| e.saved_ms);
            Stored { bytes: k.len() + text.len(), key: k, saved_ms }
        })
        .collect();
    for old in cache::evictions(others, key.len() + encoded.len()) {
        let _ = storage.remove_item(&old);
    }
    storage.set_item(&key, &encoded).map_err(|error| {
        let name = js_sys::Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string());
        match name.as_deref() {
            Some("QuotaExceededError") => {
                "the browser's storage for this site is full (other pages of the site use it too)".to_string()
            }
            _ => format!("the browser's storage refused it ({})", parse::js_message(&error)),
        }
    })
}

async fn read_from_cache(url: &str, source: &SourceConfig) -> Option<(Parsed, TimeMs)> {
    let text = storage()?.get_item(&cache::storage_key(url)).ok()??;
    let entry = CachedEntry::decode(&text).filter(|e| e.url == url)?;
    let input = Input::Text(entry.text);
    let parsed = parse::parse(&input, source.read_format(), &source.parse_options()).await.ok()?;
    Some((parsed, entry.saved_ms))
}

#[cfg(test)]
mod tests {
    use super::{progress_text, Progress};

    #[test]
    fn progress_says_bytes_and_percent_when_the_total_is_known() {
        let mib = 1_048_576;
        let cases = [
            ("half", 3 * mib / 2, Some(3 * mib), "Downloading s: 1.5 MB of 3.0 MB (50 %)"),
            ("just started", 1, Some(3 * mib), "Downloading s: 0.0 MB of 3.0 MB (0 %)"),
            ("all", 3 * mib, Some(3 * mib), "Downloading s: 3.0 MB of 3.0 MB (100 %)"),
            ("no length", 5 * mib / 2, None, "Downloading s: 2.5 MB"),
            ("a zero length says nothing", 10, Some(0), "Downloading s: 0.0 MB"),
        ];
        for (label, received_bytes, total_bytes, want) in cases {
            assert_eq!(progress_text("s", Progress { received_bytes, total_bytes }), want, "{label}");
        }
    }
}
