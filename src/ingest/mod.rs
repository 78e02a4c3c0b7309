//! Text in, [`Snapshot`] out. Each source format has its own module; serde wire types live only
//! here. A bad file is a fatal [`IngestError`] that says what was expected and where; a bad record
//! is a non-fatal [`Issue`] with its JSON path and what was done about it, and the rest is kept.

pub mod native;

use thiserror::Error;

use crate::model::Snapshot;

/// The largest input accepted, in bytes (documented in docs/format.md).
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;
/// The most samples accepted across all series of one input.
pub const MAX_SAMPLES: usize = 50_000_000;

/// The formats Nines reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Native,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "nines",
        }
    }
}

/// A record-level problem that did not stop the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// JSON path of the record, e.g. `incidents[12].end`.
    pub path: String,
    /// What was wrong and what was done, e.g. `before start; clamped to start`.
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A successful import: the data, the format it was read as, and what had to be adjusted.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub snapshot: Snapshot,
    pub format: Format,
    pub issues: Vec<Issue>,
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
    #[error("{samples} samples; the limit is {limit}")]
    TooManySamples { samples: usize, limit: usize },
}

impl IngestError {
    fn from_json(err: &serde_json::Error) -> Self {
        IngestError::NotJson { line: err.line(), column: err.column(), message: err.to_string() }
    }
}

/// Reads `text` as `format`, or detects the format from the content when `format` is `None`.
pub fn parse(text: &str, format: Option<Format>) -> Result<Parsed, IngestError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge { bytes: text.len(), limit: MAX_INPUT_BYTES });
    }
    let format = match format {
        Some(format) => format,
        None => detect(text)?,
    };
    match format {
        Format::Native => native::parse(text),
    }
}

/// Guesses the format from the first part of the text.
pub fn detect(text: &str) -> Result<Format, IngestError> {
    let head: String = text.chars().take(4096).collect();
    let trimmed = head.trim_start();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        // Let the JSON parser say where it went wrong.
        return match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(err) => Err(IngestError::from_json(&err)),
            Ok(_) => Err(IngestError::UnknownFormat("expected a JSON object or array".into())),
        };
    }
    if head.contains("\"format\"") && head.contains("\"nines\"") {
        return Ok(Format::Native);
    }
    Err(IngestError::UnknownFormat(
        "expected the Nines native format (an object with \"format\": \"nines\")".into(),
    ))
}
