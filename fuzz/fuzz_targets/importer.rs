//! What every importer's target checks of any input read as its format: the importer returns and
//! never panics, and what it reads
//! - reaches the page's main thread from the parse worker unchanged (`ingest::handoff`), and
//! - written in the native format (as `nines collect` writes history) reads back, and writing
//!   that again gives the same file, so history once written is never changed by reading it.

use nines::ingest::{self, handoff, native, Format};

pub fn check(data: &[u8], format: Format) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = ingest::parse(text, Some(format));
    let sent = format!("{parsed:?}");
    match handoff::decode(handoff::encode(parsed.clone())) {
        Some(got) => assert_eq!(format!("{got:?}"), sent, "the worker's answer changed on the way"),
        None => panic!("the worker's answer did not decode"),
    }
    let Ok(parsed) = parsed else { return };
    let written = native::write(&parsed.snapshot);
    match ingest::parse(&written, Some(Format::Native)) {
        Ok(again) => assert_eq!(native::write(&again.snapshot), written, "the written file changed on reading"),
        Err(e) => panic!("the written file does not read back: {e}"),
    }
}
