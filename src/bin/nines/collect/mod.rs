//! `nines collect --config FILE --out DIR [--region NAME] [--now TIME]`: fetches every source of
//! the config and runs its probes, merges what they say into the history in DIR, and writes the
//! page's layout (see `store`). The merge, the shards, the index and retention are the pure
//! `nines::history`; everything here is I/O.
//!
//! - A source that fails (network error, timeout, HTTP error, too large, truncated, not
//!   readable) adds nothing to the history and no coverage; the others are merged. The run then
//!   exits with status 1, having written the rest.
//! - A successful fetch (a 304 included) covers the `interval_s` before the run for its source;
//!   time between runs longer than that stays a gap (unknown). That time is added to the own
//!   coverage of each service the source lists (`state.json` keeps the list for a 304, and each
//!   source's observed spans), so that a source's failed run is never counted as known through
//!   another's success. The folder's coverage, for services no source lists (probes), grows only
//!   in a run where every source was read.
//! - Besides the page's layout, the folder publishes the Atom feed of incidents, badges per
//!   service and monthly reports (`output::write_published`, from the pure `nines::publish`).
//! - Nothing is written before every fetch and probe is done; every file is written atomically,
//!   under the folder's lock, and only when its content changes.

mod config;
mod fetch;
mod output;
mod probes;
pub mod store;
mod tls;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use nines::config::{parse_config, SourceConfig};
use nines::history::{layout, merge};
use nines::ingest;
use nines::ingest::msgraph::pages;
use nines::model::{Coverage, Snapshot, Span, TimeMs, MS_PER_DAY};

use fetch::{Fetched, Fetcher, Validators};
use store::SourceState;

struct Options {
    config: PathBuf,
    out: PathBuf,
    region: Option<String>,
    now_ms: TimeMs,
}

pub fn run(args: &[String]) -> ExitCode {
    let options = match parse_options(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("nines collect: {message}\nusage: nines collect --config FILE --out DIR [--region NAME] [--now TIME]");
            return ExitCode::from(2);
        }
    };
    match collect(&options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("nines collect: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let (mut config, mut out, mut region, mut now) = (None, None, None, None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let slot = match name {
            "--config" => &mut config,
            "--out" => &mut out,
            "--region" => &mut region,
            "--now" => &mut now,
            other => return Err(format!("unknown argument {other:?}")),
        };
        let value = match inline {
            Some(v) => v,
            None => rest.next().cloned().ok_or_else(|| format!("{name} needs a value"))?,
        };
        *slot = Some(value);
    }
    let now_ms = match now {
        Some(text) => ingest::time::read_time_text(&text)
            .map(|t| t.ms)
            .ok_or_else(|| format!("--now {text:?} is not a time (RFC 3339, or Unix seconds)"))?,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| format!("the clock is before 1970: {e}"))?
            .as_millis() as TimeMs,
    };
    if let Some(r) = &region {
        if r.is_empty() || !r.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
            return Err(format!("--region {r:?}: letters, digits, '-', '_' and '.' only"));
        }
    }
    Ok(Options {
        config: config.ok_or("--config FILE is required")?.into(),
        out: out.ok_or("--out DIR is required")?.into(),
        region,
        now_ms,
    })
}

/// One source's outcome in this run.
struct SourceRun {
    id: String,
    outcome: Result<Option<Snapshot>, String>,
    said: String,
}

/// The run; `Ok(false)` when a source failed (the rest was written).
fn collect(options: &Options) -> Result<bool, String> {
    let text = std::fs::read_to_string(&options.config)
        .map_err(|e| format!("{}: cannot read: {e}", options.config.display()))?;
    let (dashboard, issues) =
        parse_config(&text).map_err(|e| format!("{}: {e}", options.config.display()))?;
    for issue in &issues {
        eprintln!("{}: {issue}", options.config.display());
    }
    let extra: config::File = serde_json::from_str(&text)
        .map_err(|e| format!("{}: collect settings: {e}", options.config.display()))?;
    let settings = &extra.collect;
    let now_ms = options.now_ms;
    let dir = &options.out;
    let _lock = store::lock(dir)?;
    let mut notes = Vec::new();
    let mut state = store::read_state(dir, now_ms, &mut notes)?;
    let mut history = store::read_history(dir, Some(now_ms), &mut notes)?;
    for note in notes.drain(..) {
        eprintln!("{note}");
    }
    let months_before: Vec<String> = store::shard_paths(dir)
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .collect();

    let fetcher = Fetcher::new(settings);
    let observed = Span::new(now_ms - (settings.interval_s as i64) * 1000, now_ms);
    let mut runs = Vec::new();
    let mut unused: Vec<&config::SourceExtra> = extra.sources.iter().collect();
    for source in &dashboard.sources {
        let auth = unused
            .iter()
            .position(|e| e.url == source.url)
            .map(|i| unused.remove(i))
            .and_then(|e| e.auth.as_ref());
        let source_state = state.sources.entry(source.id.clone()).or_default();
        runs.push(fetch_source(&fetcher, source, auth, source_state, now_ms));
    }
    let probed = probes::run(&settings.probes, options.region.as_deref(), now_ms);

    let mut all_ok = true;
    // A service the history already had, first given its own coverage, starts from the
    // folder's, which covered it so far; a new one from nothing.
    let folder_coverage = history.coverage.clone();
    let services_before: HashSet<String> = history.services.iter().map(|s| s.id.clone()).collect();
    for run in runs {
        match run.outcome {
            Ok(snapshot) => {
                println!("source {}: {}", run.id, run.said);
                let source_state = state.sources.entry(run.id.clone()).or_default();
                let mut covered = source_state.coverage();
                covered.add(observed);
                source_state.set_coverage(&covered);
                if let Some(read) = &snapshot {
                    source_state.services = read.services.iter().map(|s| s.id.clone()).collect();
                }
                let mut snapshot = snapshot.unwrap_or_default();
                snapshot.as_of_ms = now_ms;
                // The folder's coverage grows below, only when every source was observed.
                snapshot.coverage = Coverage::default();
                merge(&mut history, snapshot);
                for service in history.services.iter_mut().filter(|s| source_state.services.contains(&s.id)) {
                    let known = services_before.contains(&service.id);
                    let own = service.coverage.get_or_insert_with(|| match known {
                        true => folder_coverage.clone(),
                        false => Coverage::default(),
                    });
                    own.add(observed);
                }
            }
            Err(message) => {
                all_ok = false;
                eprintln!("source {}: FAILED: {message}; nothing from it merged", run.id);
            }
        }
    }
    let mut latest = Vec::new();
    if let Some((mut probed, results)) = probed {
        latest = results;
        // A service already known keeps its description; a probe adds its samples and region.
        probed.services.retain(|probe_service| {
            let Some(known) = history.services.iter_mut().find(|s| s.id == probe_service.id) else {
                return true;
            };
            for region in &probe_service.regions {
                if !known.regions.contains(region) {
                    known.regions.push(region.clone());
                }
            }
            false
        });
        println!(
            "probes: {} sampled{}",
            probed.series.len(),
            options.region.as_ref().map_or(String::new(), |r| format!(" in region {r}"))
        );
        merge(&mut history, probed);
    }
    if all_ok && !dashboard.sources.is_empty() {
        merge(
            &mut history,
            Snapshot { as_of_ms: now_ms, coverage: Coverage::from(observed), ..Snapshot::default() },
        );
    }
    if let Some(days) = settings.retention_days {
        let cutoff_ms = now_ms - i64::from(days) * MS_PER_DAY;
        layout::retain(&mut history, cutoff_ms);
        for source_state in state.sources.values_mut() {
            let kept = source_state.coverage().clipped(Span::new(cutoff_ms, now_ms.max(cutoff_ms)));
            source_state.set_coverage(&kept);
        }
    }
    output::write_layout(dir, &history, &dashboard, &latest, &months_before, now_ms, &mut notes)?;
    output::write_published(dir, history, &dashboard, settings.public_url.as_deref())?;
    let state_text = serde_json::to_string_pretty(&state).map_err(|e| e.to_string())?;
    output::report_written(
        store::STATE,
        store::write_atomic(&dir.join(store::STATE), state_text.as_bytes(), now_ms, &mut notes)?,
    );
    for note in &notes {
        eprintln!("{note}");
    }
    Ok(all_ok)
}

/// Fetches and reads one source (every page of a Graph collection).
fn fetch_source(
    fetcher: &Fetcher,
    source: &SourceConfig,
    auth: Option<&config::Auth>,
    state: &mut SourceState,
    now_ms: TimeMs,
) -> SourceRun {
    let outcome = fetch_and_read(fetcher, source, auth, state, now_ms);
    let said = match &outcome {
        Ok(None) => "not modified (304)".to_string(),
        Ok(Some(s)) => format!(
            "{} services, {} incidents, {} maintenances, {} samples",
            s.services.len(),
            s.incidents.len(),
            s.maintenances.len(),
            s.series.iter().map(|x| x.samples.len()).sum::<usize>()
        ),
        Err(_) => String::new(),
    };
    SourceRun { id: source.id.clone(), outcome, said }
}

/// Graph collections `urls` of `source`, every page of each followed through `@odata.nextLink` (on
/// the first request's origin only: the token goes with it), their items read as one document
/// (a `microsoft365` source's overviews name the services its issues join, as in the page). A
/// single URL that answers one record rather than a collection is read as it is.
fn read_graph_collections(
    fetcher: &Fetcher,
    source: &SourceConfig,
    urls: &[String],
    headers: &[(String, String)],
) -> Result<Snapshot, String> {
    let mut texts = Vec::new();
    for first in urls {
        let mut next = Some(first.clone());
        while let Some(page_url) = next.take() {
            if texts.len() >= pages::MAX_PAGES * urls.len() {
                return Err(format!("{first}: more than {} pages", pages::MAX_PAGES));
            }
            let text = match fetcher.get(&page_url, headers, &Validators::default())? {
                Fetched::Body { text, .. } => text,
                Fetched::NotModified => {
                    return Err(format!("{page_url}: answered 304 to an unconditional request"))
                }
            };
            next = pages::read_page(&text).ok().and_then(|page| page.next_link);
            if let Some(link) = &next {
                pages::check_next_link(first, link).map_err(|reason| format!("{page_url}: {reason}"))?;
            }
            texts.push(text);
        }
    }
    let read: Vec<_> = texts.iter().map(|text| pages::read_page(text)).collect();
    let document = match (&texts[..], &read[..]) {
        ([one], [Err(_)]) => one.clone(),
        _ => {
            let mut items = Vec::new();
            for (i, page) in read.into_iter().enumerate() {
                items.extend(
                    page.map_err(|e| format!("{}: page {} is not a collection: {e}", source.id, i + 1))?
                        .items,
                );
            }
            pages::join_items(items)
        }
    };
    let parsed = ingest::parse_with(&document, source.read_format(), &source.parse_options())
        .map_err(|e| format!("{}: {e}", urls.first().map_or("", String::as_str)))?;
    for issue in &parsed.issues {
        eprintln!("source {}: {issue}", source.id);
    }
    Ok(parsed.snapshot)
}

fn fetch_and_read(
    fetcher: &Fetcher,
    source: &SourceConfig,
    auth: Option<&config::Auth>,
    state: &mut SourceState,
    now_ms: TimeMs,
) -> Result<Option<Snapshot>, String> {
    if !(source.url.starts_with("http://") || source.url.starts_with("https://")) {
        return Err(format!("{}: nines collect fetches absolute http(s) URLs only", source.url));
    }
    let url = source.fetch_url(&source.url, now_ms, None);
    let mut headers = fetch::auth_headers(auth)?;
    let graph = auth.and_then(|a| a.msgraph.as_ref());
    if let Some(graph) = graph {
        let token = fetch::graph_token(fetcher, graph)?;
        headers.push(("Authorization".into(), format!("Bearer {token}")));
    }
    if source.microsoft365.is_some() && graph.is_none() {
        return Err(format!(
            "{}: a microsoft365 source is read by nines collect with app-only credentials: give it \
             \"auth\": {{\"msgraph\": …}} (docs/collect.md)",
            source.id
        ));
    }
    if graph.is_some() {
        // A paged collection (or two) is asked whole, unconditionally.
        let urls = match &source.microsoft365 {
            Some(microsoft365) => microsoft365.urls(&source.url).to_vec(),
            None => vec![url.clone()],
        };
        (state.url, state.etag, state.last_modified) = (url, None, None);
        return read_graph_collections(fetcher, source, &urls, &headers).map(Some);
    }
    // Conditional only for the same URL as last time.
    let validators = if state.url == url {
        Validators { etag: state.etag.clone(), last_modified: state.last_modified.clone() }
    } else {
        Validators::default()
    };
    let (text, validators) = match fetcher.get(&url, &headers, &validators)? {
        Fetched::NotModified => return Ok(None),
        Fetched::Body { text, etag, last_modified } => (text, Validators { etag, last_modified }),
    };
    let parsed = ingest::parse_with(&text, source.read_format(), &source.parse_options())
        .map_err(|e| format!("{url}: {e}"))?;
    for issue in &parsed.issues {
        eprintln!("source {}: {url}: {issue}", source.id);
    }
    state.url = url;
    state.etag = validators.etag;
    state.last_modified = validators.last_modified;
    Ok(Some(parsed.snapshot))
}
