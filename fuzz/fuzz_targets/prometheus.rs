//! Any bytes read as prometheus: see `importer.rs` for what is checked.
#![no_main]

#[path = "importer.rs"]
mod importer;

libfuzzer_sys::fuzz_target!(|data: &[u8]| importer::check(data, nines::ingest::Format::Prometheus));
