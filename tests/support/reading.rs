//! Shared by the importer tests: fixture files by folder and name, parsing with a label that
//! names the input in a failure, and the parts of a `Parsed` the tests compare.
#![allow(dead_code)] // each test file uses its own subset

use nines::ingest::{self, Document, Format, Parsed};
use nines::model::Incident;

/// The text of `tests/fixtures/<folder>/<name>`.
pub fn fixture_text(folder: &str, name: &str) -> String {
    let path = format!("{}/tests/fixtures/{folder}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `text` read with format detection; a failure names the input by `label`.
pub fn parse_text(label: &str, text: &str) -> Parsed {
    ingest::parse(text, None).unwrap_or_else(|e| panic!("{label}: {e}"))
}

/// The fixture `tests/fixtures/<folder>/<name>` read with format detection.
pub fn parse_fixture(folder: &str, name: &str) -> Parsed {
    parse_text(name, &fixture_text(folder, name))
}

/// The issues of a read, as the messages a user sees.
pub fn messages(parsed: &Parsed) -> Vec<String> {
    parsed.issues.iter().map(ToString::to_string).collect()
}

/// `text` as the detectors see it: the text, and its JSON when it is JSON.
pub fn document(text: &str) -> Document<'_> {
    Document { text, json: serde_json::from_str(text).ok() }
}

/// Every detector that claims `text` (native is told apart by its `"format": "nines"` header).
pub fn claimed_by(text: &str) -> Vec<Format> {
    ingest::claimed_by(&document(text))
}

/// The incident with `id`; a missing one fails the test.
pub fn incident<'a>(parsed: &'a Parsed, id: &str) -> &'a Incident {
    parsed.snapshot.incidents.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("no incident {id}"))
}
