//! `nines collect --config FILE --out DIR [--region NAME] [--now TIME]`: fetches every source of
//! the config and runs its probes, merges what they say into the history in DIR, and writes the
//! page's layout (see `store`). The merge, the shards, the index and retention are the pure
//! `nines::history`; everything here is I/O.
//!
//! - A source that fails (network error, timeout, HTTP error, too large, truncated, not
//!   readable) adds nothing to the history and no coverage; the others are merged. The run then
//!   exits with status 1, having written the rest.
//! - A successful fetch (a 304 included) covers the `interval_s` before the run for its source
//!   (kept per source in `state.json`); time between runs longer than that stays a gap
//!   (unknown). The folder's coverage (the snapshot's: one for all sources, as the model has it)
//!   grows only in a run where every source was read, so that no source's failed run is counted
//!   as known through another's success.
//! - Nothing is written before every fetch and probe is done; every file is written atomically,
//!   under the folder's lock, and only when its content changes.

mod config;
mod fetch;
mod probes;
pub mod store;
mod tls;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use nines::config::{parse_config, DashboardConfig, SourceConfig};
use nines::history::{layout, merge};
use nines::ingest::{self, native};
use nines::model::format::format_rfc3339;
use nines::model::{Coverage, Snapshot, Span, TimeMs, MS_PER_DAY};

use fetch::{Fetched, Fetcher, Validators};
use store::{SourceState, Written};

/// The most pages followed through `@odata.nextLink`.
const MAX_PAGES: usize = 100;

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
    for run in runs {
        match run.outcome {
            Ok(snapshot) => {
                println!("source {}: {}", run.id, run.said);
                let source_state = state.sources.entry(run.id.clone()).or_default();
                let mut covered = source_state.coverage();
                covered.add(observed);
                source_state.set_coverage(&covered);
                let mut snapshot = snapshot.unwrap_or_default();
                snapshot.as_of_ms = now_ms;
                // The folder's coverage is one for all its sources: it grows below, only when
                // every source was observed.
                snapshot.coverage = Coverage::default();
                merge(&mut history, snapshot);
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
        layout::retain(&mut history, now_ms - i64::from(days) * MS_PER_DAY);
    }
    write_layout(dir, &history, &dashboard, &latest, &months_before, now_ms, &mut notes)?;
    let state_text = serde_json::to_string_pretty(&state).map_err(|e| e.to_string())?;
    report_written(
        STATE_NAME,
        store::write_atomic(&dir.join(store::STATE), state_text.as_bytes(), now_ms, &mut notes)?,
    );
    for note in &notes {
        eprintln!("{note}");
    }
    Ok(all_ok)
}

const STATE_NAME: &str = "state.json";

fn report_written(name: &str, written: Written) {
    match written {
        Written::Unchanged => println!("unchanged {name}"),
        Written::Written { bytes } => println!("wrote {name} ({})", size(bytes)),
    }
}

fn size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
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
    // Conditional only for a single document at the same URL: a paged collection is asked whole.
    let validators = if graph.is_none() && state.url == url {
        Validators { etag: state.etag.clone(), last_modified: state.last_modified.clone() }
    } else {
        Validators::default()
    };
    let mut next = Some(url.clone());
    let mut pages = 0;
    let mut read: Option<Snapshot> = None;
    let mut first_validators = Validators::default();
    while let Some(page_url) = next.take() {
        pages += 1;
        if pages > MAX_PAGES {
            return Err(format!("{url}: more than {MAX_PAGES} pages"));
        }
        let page_validators = if pages == 1 { validators.clone() } else { Validators::default() };
        let text = match fetcher.get(&page_url, &headers, &page_validators)? {
            Fetched::NotModified => return Ok(None),
            Fetched::Body { text, etag, last_modified } => {
                if pages == 1 {
                    first_validators = Validators { etag, last_modified };
                }
                text
            }
        };
        let parsed = ingest::parse_with(&text, source.read_format(), &source.parse_options())
            .map_err(|e| format!("{page_url}: {e}"))?;
        for issue in &parsed.issues {
            eprintln!("source {}: {page_url}: {issue}", source.id);
        }
        if graph.is_some() {
            next = fetch::next_link(&text);
        }
        match &mut read {
            Some(snapshot) => merge(snapshot, parsed.snapshot),
            None => read = Some(parsed.snapshot),
        }
    }
    state.url = url;
    state.etag = first_validators.etag;
    state.last_modified = first_validators.last_modified;
    Ok(read)
}

/// Writes the shards, the index and removes shards retention emptied.
fn write_layout(
    dir: &Path,
    history: &Snapshot,
    dashboard: &DashboardConfig,
    latest: &[probes::Latest],
    months_before: &[String],
    now_ms: TimeMs,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let shards = layout::shards(history);
    let months: Vec<String> = shards.iter().map(|(m, _)| m.clone()).collect();
    for (month, shard) in &shards {
        let name = format!("{}/{month}.json", store::HISTORY);
        report_written(
            &name,
            store::write_atomic(&dir.join(&name), native::write(shard).as_bytes(), now_ms, notes)?,
        );
    }
    for gone in months_before.iter().filter(|m| !months.contains(m)) {
        let path = dir.join(store::HISTORY).join(format!("{gone}.json"));
        std::fs::remove_file(&path).map_err(|e| format!("{}: cannot remove: {e}", path.display()))?;
        println!("removed {}/{gone}.json (past the retention)", store::HISTORY);
    }
    let index = layout::index(history, months, &dashboard.weights);
    let index = index_json(&index, latest)?;
    report_written(
        store::INDEX,
        store::write_atomic(&dir.join(store::INDEX), index.as_bytes(), now_ms, notes)?,
    );
    Ok(())
}

/// The index: a Nines file the page (and `nines check`) reads as it is, with a `collected`
/// section the native reader ignores: the shards' months, daily figures per service as columns
/// (one value per UTC day, oldest first), and this run's probe results.
fn index_json(index: &layout::Index, latest: &[probes::Latest]) -> Result<String, String> {
    let mut value: serde_json::Value = serde_json::from_str(&native::write(&index.snapshot))
        .map_err(|e| format!("index.json: the snapshot did not write as JSON: {e}"))?;
    let daily: Vec<serde_json::Value> = index
        .daily
        .iter()
        .map(|row| {
            let first = row.days.first().map_or(0, |d| d.span.start_ms);
            serde_json::json!({
                "service": row.service,
                "start": format_rfc3339(first),
                "availability": row.days.iter().map(|d| d.totals.availability_ratio()).collect::<Vec<_>>(),
                "downtime_ms": row.days.iter().map(|d| d.totals.down_ms.round() as i64).collect::<Vec<_>>(),
                "counted_ms": row.days.iter().map(|d| d.totals.counted_ms.round() as i64).collect::<Vec<_>>(),
                "known_ms": row.days.iter().map(|d| d.totals.known_ms.round() as i64).collect::<Vec<_>>(),
            })
        })
        .collect();
    let probes: Vec<serde_json::Value> = latest
        .iter()
        .map(|p| {
            serde_json::json!({
                "service": p.service,
                "region": p.region,
                "at": format_rfc3339(p.at_ms),
                "up": p.outcome.up,
                "latency_ms": (f64::from(p.outcome.latency_ms) * 10.0).round() / 10.0,
                "tls_days_left": p.outcome.tls_days_left.map(|d| (d * 100.0).round() / 100.0),
                "detail": p.outcome.detail,
            })
        })
        .collect();
    let Some(object) = value.as_object_mut() else {
        return Err("index.json: the snapshot did not write as a JSON object".into());
    };
    object.insert(
        "collected".into(),
        serde_json::json!({"months": index.months, "daily": daily, "probes": probes}),
    );
    Ok(value.to_string())
}
