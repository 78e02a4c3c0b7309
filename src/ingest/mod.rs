//! Text in, [`Snapshot`] out. Each source format has its own module; serde wire types live only
//! here. A bad file is a fatal [`IngestError`] that says what was expected and where; a bad record
//! is a non-fatal [`Issue`] with its JSON path and what was done about it, and the rest is kept.
//! Every importer words its issues through [`Notes`], so that an adjustment reads alike in all.

mod fields;
pub mod gatus;
pub mod gcp;
pub mod handoff;
pub mod msgraph;
pub mod native;
pub mod notes;
pub mod o365_legacy;
pub mod plausible;
pub mod prometheus;
mod scan;
pub mod statuspage;
pub mod time;
pub mod upptime;
pub mod uptime_kuma;

/// Helpers for the importers' unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{Document, Parsed};

    /// `text` as the importers see it.
    pub fn doc(text: &str) -> Document<'_> {
        Document { text, json: serde_json::from_str(text).ok() }
    }

    /// The issues as (path, message) pairs.
    pub fn issues(parsed: &Parsed) -> Vec<(String, String)> {
        parsed.issues.iter().map(|i| (i.path.clone(), i.message.clone())).collect()
    }

    /// Expected (path, message) pairs.
    pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(p, m)| (p.to_string(), m.to_string())).collect()
    }
}

use thiserror::Error;

pub use notes::{Absent, Notes, Then};

use crate::model::Snapshot;

/// The largest input accepted, in bytes (documented in docs/format.md).
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;
/// The most samples accepted across all series of one input.
pub const MAX_SAMPLES: usize = 50_000_000;
/// The most services one input may name (documented in docs/format.md).
pub const MAX_SERVICES: usize = 10_000;
/// The most incidents, maintenances and announcements, together, one input may hold.
pub const MAX_INCIDENTS: usize = 100_000;
/// The most updates one incident may have.
pub const MAX_UPDATES: usize = 1_000;
/// What [`IngestError::TooMany`] counts.
pub const TOO_MANY_WHAT: [&str; 4] =
    ["samples", "services", "incidents, maintenances and announcements", "updates in one incident"];

/// The formats Nines reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Native,
    Statuspage,
    Prometheus,
    Upptime,
    MsGraph,
    O365Legacy,
    GoogleCloud,
    Gatus,
    UptimeKuma,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::Native,
        Format::Statuspage,
        Format::Prometheus,
        Format::Upptime,
        Format::MsGraph,
        Format::O365Legacy,
        Format::GoogleCloud,
        Format::Gatus,
        Format::UptimeKuma,
    ];

    /// The name used on the command line and in configs.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "nines",
            Format::Statuspage => "statuspage",
            Format::Prometheus => "prometheus",
            Format::Upptime => "upptime",
            Format::MsGraph => "msgraph",
            Format::O365Legacy => "o365-legacy",
            Format::GoogleCloud => "gcp",
            Format::Gatus => "gatus",
            Format::UptimeKuma => "uptime-kuma",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// An input as the importers see it: the text, and its JSON value when it is JSON.
pub struct Document<'a> {
    pub text: &'a str,
    pub json: Option<serde_json::Value>,
}

/// A record-level problem that did not stop the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// JSON path of the record, e.g. `incidents[12].end`.
    pub path: String,
    /// What was wrong and what was done, e.g. `before start; clamped to start`.
    pub message: String,
}

/// How far an as-of may be ahead of the reader's clock before it is flagged: 5 minutes of skew.
pub const MAX_CLOCK_SKEW_MS: i64 = 5 * 60_000;

/// An issue when `as_of_ms` is more than [`MAX_CLOCK_SKEW_MS`] after the reader's clock `now_ms`:
/// the data's clock or the reader's is wrong, and its figures end in what is still the future
/// here. The page and `nines check` add it to the data's issues.
pub fn future_as_of(as_of_ms: crate::model::TimeMs, now_ms: crate::model::TimeMs) -> Option<Issue> {
    use crate::model::format::{format_duration_ms, format_rfc3339};
    (as_of_ms > now_ms.saturating_add(MAX_CLOCK_SKEW_MS)).then(|| Issue {
        path: "as_of".into(),
        message: format!(
            "{} is {} after this clock's {}: one of the clocks is wrong, and the figures end at the \
             data's as-of",
            format_rfc3339(as_of_ms),
            format_duration_ms(as_of_ms - now_ms),
            format_rfc3339(now_ms)
        ),
    })
}

/// How old data may be, by the reader's clock, before it is flagged as not current: 7 days, as
/// long as an open incident may go without an update ([`plausible::STALE_AFTER_MS`]).
pub const MAX_DATA_AGE_MS: i64 = plausible::STALE_AFTER_MS;

/// An issue when `as_of_ms` is more than [`MAX_DATA_AGE_MS`] before the reader's clock `now_ms`:
/// the data is not current (a feed that stopped, an old copy), and its figures end at its as-of,
/// not now. `nines check` adds it to the data's issues; the page says it over the data instead.
pub fn old_as_of(as_of_ms: crate::model::TimeMs, now_ms: crate::model::TimeMs) -> Option<Issue> {
    use crate::model::format::{format_duration_ms, format_rfc3339};
    (now_ms.saturating_sub(as_of_ms) > MAX_DATA_AGE_MS).then(|| Issue {
        path: "as_of".into(),
        message: format!(
            "{} is {} before this clock's {}: the data is not current, and the figures end at its as-of",
            format_rfc3339(as_of_ms),
            format_duration_ms(now_ms.saturating_sub(as_of_ms)),
            format_rfc3339(now_ms)
        ),
    })
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The ids of the records of one list read so far, so that a later record with one of them is
/// refused as a duplicate: a hash set, so that checking stays linear in the records (a list of
/// 50,000 incidents is read in one pass, not in 50,000 scans of what was read).
#[derive(Default)]
pub struct SeenIds(std::collections::HashSet<String>);

impl SeenIds {
    /// Whether a record with `id` was read already.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains(id)
    }

    /// Remembers that a record with `id` was read.
    pub fn add(&mut self, id: &str) {
        self.0.insert(id.to_string());
    }
}

/// A successful import: the data, the format it was read as, and what had to be adjusted.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub snapshot: Snapshot,
    pub format: Format,
    pub issues: Vec<Issue>,
    /// The monthly shards (`YYYY-MM`, oldest first) of the collected folder whose `index.json`
    /// this is; empty for any other file.
    pub history_months: Vec<String>,
}

/// Why a whole input could not be read.
#[derive(Clone, Debug, Error)]
pub enum IngestError {
    #[error("input is {bytes} bytes; the limit is {limit} bytes")]
    TooLarge { bytes: usize, limit: usize },
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    NotJson { line: usize, column: usize, message: String },
    #[error("unrecognised status format: {0}")]
    UnknownFormat(String),
    #[error("unsupported {format} version {found}; this build reads version {supported}")]
    UnsupportedVersion { format: &'static str, found: String, supported: u32 },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    /// More of something than a source may hold: one of [`TOO_MANY_WHAT`].
    #[error("{count} {what}; the limit is {limit}")]
    TooMany { what: &'static str, count: usize, limit: usize },
    /// The page's parse worker failed or ran out of time while reading the input; the input is
    /// not read again on the main thread, where the same failure would stall or end the page.
    #[error("reading stopped before the end: {reason}")]
    Stopped { reason: String },
}

impl IngestError {
    pub fn from_json(err: &serde_json::Error) -> Self {
        IngestError::NotJson { line: err.line(), column: err.column(), message: json_message(err) }
    }
}

/// serde_json's message without the position it appends (the error carries it apart).
pub(crate) fn json_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_string()
}

/// Settings for the formats that need them; the defaults suit most sources.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Which Prometheus labels name the service and the region.
    pub prometheus: prometheus::PrometheusOptions,
}

/// Reads `text` as `format`, or detects the format from the content when `format` is `None`.
pub fn parse(text: &str, format: Option<Format>) -> Result<Parsed, IngestError> {
    parse_with(text, format, &ParseOptions::default())
}

/// [`parse`] of bytes as fetched (`Response.arrayBuffer()` copied into a `Vec<u8>`): cheaper in
/// the browser than a JavaScript string, which has to be converted from UTF-16 on the way in.
/// Text that is not UTF-8 is [`IngestError::NotJson`] at the line and column of the first bad
/// byte (JSON is UTF-8; RFC 8259 §8.1). A UTF-8 byte order mark is not skipped, as in [`parse`].
pub fn parse_bytes(bytes: &[u8], format: Option<Format>) -> Result<Parsed, IngestError> {
    parse_bytes_with(bytes, format, &ParseOptions::default())
}

/// [`parse_bytes`] with settings.
pub fn parse_bytes_with(
    bytes: &[u8],
    format: Option<Format>,
    options: &ParseOptions,
) -> Result<Parsed, IngestError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge { bytes: bytes.len(), limit: MAX_INPUT_BYTES });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_with(text, format, options),
        Err(error) => {
            let (line, column) = line_column(bytes, error.valid_up_to() + 1);
            Err(IngestError::NotJson { line, column, message: "invalid UTF-8".into() })
        }
    }
}

/// serde_json's position of a byte offset: the 1-based line of the byte before `offset`, and
/// `offset`'s distance in bytes from the start of that line (so the offending byte's 1-based
/// column when `offset` is one past it, and 0 at the start of a line).
pub(crate) fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |newline| newline + 1);
    let line = 1 + before.iter().take(line_start).filter(|&&b| b == b'\n').count();
    (line, before.len() - line_start)
}

/// [`parse`] with settings.
pub fn parse_with(text: &str, format: Option<Format>, options: &ParseOptions) -> Result<Parsed, IngestError> {
    let mut parsed = read_any(text, format, options).and_then(within_limits)?;
    let implausible = plausible::flag_implausible(&mut parsed.snapshot);
    parsed.issues.extend(implausible);
    Ok(parsed)
}

/// `parsed`, unless it holds more services, incidents or updates than the page can show.
fn within_limits(parsed: Parsed) -> Result<Parsed, IngestError> {
    let snapshot = &parsed.snapshot;
    let updates = snapshot.incidents.iter().map(|i| i.updates.len()).max().unwrap_or(0);
    let counts = [
        (snapshot.services.len(), MAX_SERVICES),
        (
            snapshot.incidents.len() + snapshot.maintenances.len() + snapshot.announcements.len(),
            MAX_INCIDENTS,
        ),
        (updates, MAX_UPDATES),
    ];
    match TOO_MANY_WHAT.into_iter().skip(1).zip(counts).find(|(_, (count, limit))| count > limit) {
        Some((what, (count, limit))) => Err(IngestError::TooMany { what, count, limit }),
        None => Ok(parsed),
    }
}

/// [`parse_with`] without the limits on counts.
fn read_any(text: &str, format: Option<Format>, options: &ParseOptions) -> Result<Parsed, IngestError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge { bytes: text.len(), limit: MAX_INPUT_BYTES });
    }
    // The native format can be large (long series): read it without a generic JSON tree.
    if format == Some(Format::Native) || (format.is_none() && looks_native(text.as_bytes())) {
        return native::parse(text);
    }
    // So can a Prometheus answer (a million points in a day): read a plain one in one pass.
    if matches!(format, None | Some(Format::Prometheus)) {
        if let Some(parsed) = prometheus::read_plain(text, &options.prometheus) {
            return Ok(parsed);
        }
    }
    let (json, json_error) = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => (Some(value), None),
        Err(error) => (None, Some(error)),
    };
    let doc = Document { text, json };
    let format = match format.or_else(|| detect(&doc)) {
        Some(format) => format,
        None => {
            return Err(match json_error {
                Some(error) => IngestError::from_json(&error),
                None => IngestError::UnknownFormat(format!(
                    "expected one of: {}",
                    Format::ALL.map(Format::name).join(", ")
                )),
            })
        }
    };
    match format {
        Format::Native => native::parse(text),
        Format::Statuspage => statuspage::parse(doc),
        Format::Prometheus => prometheus::parse_with(doc, &options.prometheus),
        Format::Upptime => upptime::parse(doc),
        Format::MsGraph => msgraph::parse(doc),
        Format::O365Legacy => o365_legacy::parse(doc),
        Format::GoogleCloud => gcp::parse(doc),
        Format::Gatus => gatus::parse(doc),
        Format::UptimeKuma => uptime_kuma::parse(doc),
    }
}

/// How much of an input [`looks_native`] looks at.
pub const NATIVE_HEAD_BYTES: usize = 4096;

/// Whether the first [`NATIVE_HEAD_BYTES`] of `text` declare the native format.
pub fn looks_native(text: &[u8]) -> bool {
    let head = text.get(..NATIVE_HEAD_BYTES).unwrap_or(text);
    let has = |word: &[u8]| head.windows(word.len()).any(|w| w == word);
    has(b"\"format\"") && has(b"\"nines\"")
}

/// An importer's answer to "is this document yours?".
type Detector = fn(&Document) -> bool;

/// Every importer but the native one, in the order detection asks them.
const DETECTORS: [(Format, Detector); 8] = [
    (Format::Statuspage, statuspage::detect),
    (Format::Prometheus, prometheus::detect),
    (Format::Upptime, upptime::detect),
    (Format::MsGraph, msgraph::detect),
    (Format::O365Legacy, o365_legacy::detect),
    (Format::GoogleCloud, gcp::detect),
    (Format::Gatus, gatus::detect),
    (Format::UptimeKuma, uptime_kuma::detect),
];

/// The format of a non-native document, asking each importer in turn.
pub fn detect(doc: &Document) -> Option<Format> {
    DETECTORS.into_iter().find(|(_, detect)| detect(doc)).map(|(format, _)| format)
}

/// Every non-native format whose importer claims `doc`; exactly one for a well-told-apart input.
pub fn claimed_by(doc: &Document) -> Vec<Format> {
    DETECTORS.into_iter().filter(|(_, detect)| detect(doc)).map(|(format, _)| format).collect()
}
