//! Deterministic inputs for the ingest benchmarks (shared by the native and the browser runs).

/// A native-format file with `series` regular series holding `samples` samples in total, of
/// mostly-up probe values with some failures and gaps, like real 1-minute probes.
pub fn native_file(series: usize, samples: usize) -> String {
    let per_series = samples / series.max(1);
    let mut text = String::with_capacity(samples * 3 + 1024);
    text.push_str(
        r#"{"format":"nines","version":1,"title":"bench","as_of":"2026-01-01T00:00:00Z","coverage":{"start":"2025-01-01T00:00:00Z","end":"2026-01-01T00:00:00Z"},"services":["#,
    );
    for s in 0..series {
        if s > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"id":"s{s}","name":"Service {s}"}}"#));
    }
    text.push_str(r#"],"series":["#);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for s in 0..series {
        if s > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"service":"s{s}","start":"2025-01-01T00:00:00Z","step_s":60,"up":["#));
        for i in 0..per_series {
            if i > 0 {
                text.push(',');
            }
            // xorshift: 1 most of the time, sometimes 0, a partial ratio or a gap.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(match state % 1000 {
                0..=3 => "0",
                4..=5 => "0.75",
                6 => "null",
                _ => "1",
            });
        }
        text.push_str("]}");
    }
    text.push_str("]}");
    text
}
