//! Any bytes read as prometheus: see `importer.rs` for what is checked. Also: whatever the
//! one-pass reader reads (a plain answer) is JSON that detection gives to this importer, and reads
//! into exactly what the reader through a JSON tree makes of it.
#![no_main]

#[path = "importer.rs"]
mod importer;

use nines::ingest::prometheus::{self, PrometheusOptions};
use nines::ingest::{detect, Document, Format};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    importer::check(data, Format::Prometheus);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(fast) = prometheus::read_plain(text, &PrometheusOptions::default()) else { return };
    let json = match serde_json::from_str(text) {
        Ok(json) => json,
        Err(e) => panic!("the one-pass reader read text that is not JSON: {e}"),
    };
    let doc = Document { text, json: Some(json) };
    assert_eq!(detect(&doc), Some(Format::Prometheus), "detection gives a plain answer to another importer");
    match prometheus::parse(doc) {
        Ok(tree) => assert_eq!(format!("{fast:?}"), format!("{tree:?}"), "the two readers differ"),
        Err(e) => panic!("the one-pass reader read what the tree reader refuses: {e}"),
    }
});
