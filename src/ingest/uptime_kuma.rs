//! Uptime Kuma importer: PLACEHOLDER, being written; detects nothing yet.

use super::{Document, IngestError, Parsed};

pub fn detect(_doc: &Document) -> bool {
    false
}

pub fn parse(_doc: Document) -> Result<Parsed, IngestError> {
    Err(IngestError::UnknownFormat("the Uptime Kuma importer is not available yet".into()))
}
