//! Any bytes, as any format or auto-detected: `ingest::parse` must return, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nines::ingest::{self, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = ingest::parse(text, None);
    // The first byte picks an explicit format too, so every importer sees every input.
    if let Some(format) = data.first().and_then(|b| Format::ALL.get(usize::from(*b) % Format::ALL.len())) {
        let _ = ingest::parse(text, Some(*format));
    }
});
