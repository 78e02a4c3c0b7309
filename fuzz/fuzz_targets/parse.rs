//! Any bytes, as any format or auto-detected: `ingest::parse` and `ingest::parse_bytes` must
//! return, never panic, and agree wherever the bytes are UTF-8; the native reader, which walks
//! the text itself, must accept only what serde_json accepts as JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nines::ingest::{self, Format};

fuzz_target!(|data: &[u8]| {
    let from_bytes = ingest::parse_bytes(data, None);
    let Ok(text) = std::str::from_utf8(data) else {
        assert!(from_bytes.is_err(), "bytes that are not UTF-8 were accepted");
        return;
    };
    let from_text = ingest::parse(text, None);
    assert_eq!(from_bytes.is_ok(), from_text.is_ok(), "parse_bytes and parse disagree");
    if ingest::parse(text, Some(Format::Native)).is_ok() {
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_ok(),
            "the native reader accepted text that is not JSON"
        );
    }
    // The first byte picks an explicit format too, so every importer sees every input.
    if let Some(format) = data.first().and_then(|b| Format::ALL.get(usize::from(*b) % Format::ALL.len())) {
        let _ = ingest::parse(text, Some(*format));
    }
});
