//! Any bytes as a dashboard config: the reader returns and never panics, and so does working out
//! every source's URL and the sources a page address asks for.
#![no_main]

use nines::config::{effective_sources, parse_config};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((config, _issues)) = parse_config(text) else { return };
    for source in &config.sources {
        for width_px in [None, Some(0), Some(1), Some(u32::MAX)] {
            for now_ms in [0, 1_795_000_000_000, i64::MAX, i64::MIN] {
                let _ = source.fetch_url(&source.url, now_ms, width_px);
            }
        }
        let _ = source.parse_options();
    }
    let _ = effective_sources(Some(&config), "source=https%3A%2F%2Fstatus.example.com%2Fapi%2Fv2%2Fsummary.json");
});
