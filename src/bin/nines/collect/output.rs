//! What a run writes: the monthly shards, `index.json` (with its `collected` section), what is
//! published from them (the Atom feed, the badges, the monthly reports), and the report of every
//! file written and its size.

use std::path::Path;

use nines::config::DashboardConfig;
use nines::history::layout;
use nines::ingest::native;
use nines::model::format::format_rfc3339;
use nines::model::{Slo, Snapshot, TimeMs};
use nines::publish::{badge, feed, monthly};

use super::probes;
use super::store::{self, Written};

/// Prints what writing one file did, with its size.
pub fn report_written(name: &str, written: Written) {
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

/// Writes the shards, the index and removes shards retention emptied.
pub fn write_layout(
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

/// What the folder publishes besides the page's data, from the history with the config's title
/// and SLOs (as the page shows it): `incidents.atom`, `badges/<service>-status.svg` and
/// `badges/<service>-availability-30d.svg`, and `reports/YYYY-MM.csv` and `.md` for every month
/// of the history; the reports of months retention removed are removed. Each file is written
/// only when it changes.
pub fn write_published(
    dir: &Path,
    history: Snapshot,
    dashboard: &DashboardConfig,
    public_url: Option<&str>,
) -> Result<(), String> {
    // The last use of the history: the config is applied to it in place, not to a copy.
    let mut view = history;
    if let Some(title) = &dashboard.title {
        view.title = title.clone();
    }
    for slo in &dashboard.slos {
        if let Some(service) = view.services.iter_mut().find(|s| s.id == slo.service) {
            service.slo = Some(Slo { target_ratio: slo.target_ratio, window_days: slo.window_days });
        }
    }
    let as_of_ms = view.as_of_ms;
    let atom = feed::atom_feed(&view, as_of_ms, public_url);
    report_written(feed::FEED_FILE, store::write_atomic_text(&dir.join(feed::FEED_FILE), atom.as_bytes())?);

    let mut counts = Counts::default();
    for (name, svg) in badge::service_badges(&view, &dashboard.weights) {
        let name = format!("{}/{name}", store::BADGES);
        counts.add(&name, store::write_atomic_text(&dir.join(&name), svg.as_bytes())?);
    }
    counts.print(store::BADGES);

    let mut counts = Counts::default();
    let mut kept = Vec::new();
    for month in monthly::monthly_report(&view, &dashboard.weights, as_of_ms) {
        for (extension, text) in
            [("csv", month.to_csv()), ("md", month.to_markdown(&view.title, &dashboard.weights))]
        {
            let name = format!("{}/{}.{extension}", store::REPORTS, month.month);
            counts.add(&name, store::write_atomic_text(&dir.join(&name), text.as_bytes())?);
            kept.push(format!("{}.{extension}", month.month));
        }
    }
    counts.print(store::REPORTS);
    for entry in std::fs::read_dir(dir.join(store::REPORTS)).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_report = name.len() > 8
            && name.as_bytes().get(4) == Some(&b'-')
            && (name.ends_with(".csv") || name.ends_with(".md"))
            && !name.starts_with('.');
        if is_report && !kept.contains(&name) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| format!("{}: cannot remove: {e}", path.display()))?;
            println!("removed {}/{name} (past the retention)", store::REPORTS);
        }
    }
    Ok(())
}

/// The files of a folder written in a run: each written one is printed, the unchanged counted.
#[derive(Default)]
struct Counts {
    unchanged: usize,
}

impl Counts {
    fn add(&mut self, name: &str, written: Written) {
        match written {
            Written::Unchanged => self.unchanged += 1,
            written => report_written(name, written),
        }
    }

    fn print(&self, folder: &str) {
        if self.unchanged > 0 {
            println!("unchanged {folder}/ ({} files)", self.unchanged);
        }
    }
}
