//! Upptime (<https://github.com/upptime/upptime>): the files an Upptime repository publishes.
//! Each file is read on its own; which one it is follows from its shape.
//!
//! - `history/summary.json` (JSON array of sites): a service per site (`id` = `slug`, `name` =
//!   `name`, tag `status:up|down|degraded` for the status Upptime last saw) and a daily series
//!   from `dailyMinutesDown`: step 1 day, value `1 − minutes/1440` (over 1440 → 0 with an issue).
//!   Upptime lists only days with downtime, over the 365 UTC days up to the day it wrote the file,
//!   and writes no generation time. So:
//!   - **as-of** is the end of the latest day any site lists (an issue says so). The file may be
//!     newer than that; the latest day is read as a whole day though Upptime may have written it
//!     part-way through. A summary that lists no day at all has no dates: as-of 0, no coverage,
//!     no series, services only (an issue says so).
//!   - **coverage** runs from the earliest listed day (of any site) to as-of: a listed day shows
//!     the monitor was running; before it nothing is known, so nothing is claimed. A site's
//!     unlisted days after its own first listed day had no downtime and read as 1. Its days
//!     before that read as 1 only when its `uptimeYear` accounts for every minute it lists
//!     (within the figure's rounding: half a hundredth of a percent of a year, 26 minutes), so
//!     that the site was watched and up; otherwise they are no data, with an issue (a site added
//!     to the monitor later, or one whose figures disagree). Days listed more than 364 days before the latest are outside Upptime's
//!     window and are ignored with an issue.
//!   - The `uptime*` and `time*` figures cover windows ending at an unknown time and are not read;
//!     a site without `dailyMinutesDown` gets no series. Duplicate slugs: the first is kept.
//! - `api/<slug>/uptime*.json`, `response-time*.json` (shields.io endpoint badges): a badge names
//!   no site and no date, so one service `badge` named after the label, no series, as-of 0, no
//!   coverage, and an issue that states the figure.
//! - `history/<slug>.yml` (YAML: `url`, `status`, `code`, `responseTime`, `lastUpdated`,
//!   `startTime`): the latest probe only. One service (`id` = the URL slugged as Upptime slugs,
//!   since the file's own slug is only in its name), as-of = `lastUpdated`, one irregular sample
//!   at `lastUpdated` — 1 for `up` and for `degraded` (Upptime's word for up but slower than
//!   `maxResponseTime`; the latency shows the slowness), 0 for `down` — with `responseTime` as
//!   its latency. Coverage is the zero-length span at `lastUpdated`: one probe says nothing about
//!   time around it. `startTime` is only checked (old files write it as JavaScript `Date` text);
//!   `code` and `generator` are not read.
//! - `.upptimerc.yml` (YAML with `sites:`): services only (`id` = the slug Upptime gives each
//!   site, as in `slug.rs`), title from `status-website.name`, as-of 0, no coverage, and an issue
//!   saying there is no status data. Sites whose slugs collide (duplicate names) are suffixed
//!   `-2`, `-3` … with an issue, since Upptime would mix their histories.
//!
//! This importer creates no incidents: Upptime's downtime is minutes per day, which are samples.

mod badge;
#[cfg(not(target_arch = "wasm32"))]
mod config;
#[cfg(not(target_arch = "wasm32"))]
mod history;
mod slug;
mod summary;
#[cfg(not(target_arch = "wasm32"))]
mod yaml;

use super::{Document, Format, IngestError, Notes, Parsed, Then};

use crate::model::Service;

fn not_upptime() -> IngestError {
    IngestError::UnknownFormat(
        "expected an Upptime summary.json array, a shields badge from api/, a history/<slug>.yml \
         or an .upptimerc.yml"
            .into(),
    )
}

/// A service with only an id and a name.
fn service(id: String, name: String) -> Service {
    Service { id, name, group: None, regions: Vec::new(), tags: Vec::new(), slo: None, coverage: None }
}

/// The tag that keeps Upptime's current status (`status:down`); an issue for an unknown one.
fn status_tag(notes: &mut Notes, path: &str, status: Option<&str>) -> Vec<String> {
    match status {
        Some(status @ ("up" | "down" | "degraded")) => vec![format!("status:{status}")],
        Some(other) => {
            notes.unknown(path, "status", other, Then::Ignored);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Cheap text test before parsing YAML, so that other formats' text is not parsed.
fn may_be_upptime_yaml(text: &str) -> bool {
    text.contains("sites:")
        || (text.contains("url:")
            && text.contains("status:")
            && (text.contains("lastUpdated:") || text.contains("startTime:")))
}

/// Whether `doc` is an Upptime file: a summary array, an Upptime badge, or Upptime YAML.
pub fn detect(doc: &Document) -> bool {
    match &doc.json {
        Some(json) => summary::detect(json) || badge::detect(json),
        #[cfg(not(target_arch = "wasm32"))]
        None => may_be_upptime_yaml(doc.text) && yaml::detect(doc.text),
        // Claimed so that the dashboard can say where these files are read.
        #[cfg(target_arch = "wasm32")]
        None => may_be_upptime_yaml(doc.text),
    }
}

/// Reads an Upptime file. Fatal only for a document that is none of them (or, for a summary,
/// more samples than [`super::MAX_SAMPLES`]).
pub fn parse(doc: Document) -> Result<Parsed, IngestError> {
    let (snapshot, notes) = match doc.json {
        Some(serde_json::Value::Array(items)) => summary::read(items)?,
        Some(json) => badge::read(json)?,
        #[cfg(not(target_arch = "wasm32"))]
        None => yaml::read(doc.text)?,
        // The YAML reader stays out of the web bundle (it would add a fifth to its size).
        #[cfg(target_arch = "wasm32")]
        None => {
            return Err(IngestError::UnknownFormat(
                "Upptime's YAML files (history/<site>.yml, .upptimerc.yml) are read by the nines \
                 command-line tool: convert them with `nines convert FILE --to nines`, or point the \
                 dashboard at history/summary.json"
                    .into(),
            ))
        }
    };
    Ok(Parsed { snapshot, format: Format::Upptime, issues: notes.into_issues(), history_months: Vec::new() })
}
