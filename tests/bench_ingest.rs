//! Ingest speed in the browser, side by side with what a page without Nines does with the same
//! bytes in the same Chromium: `make bench` (through `scripts/bench-ingest.mjs`, which runs this
//! several times and writes the table). Prints one line per case and way in,
//! `bench case=… target=wasm from=… bytes=… nines_ms=… decode_parse_ms=… decode_parse_columns_ms=…`
//! (medians of interleaved runs), for each way the dashboard can hand a fetched body to Nines:
//! - `from=bytes`: `response.arrayBuffer()` as a `Uint8Array`, copied into Rust as a `Vec<u8>`
//!   (one memcpy), then `ingest::parse_bytes` (which checks the UTF-8);
//! - `from=js-string`: `response.text()` as a JS string, copied into Rust as a `String` (UTF-16
//!   to UTF-8), then `ingest::parse`.
//!
//! The baselines start from the same `Uint8Array`: `TextDecoder.decode` + `JSON.parse`, and the
//! same followed by building a `Float32Array` per sample column (`up` and `latency_ms`, `null` as
//! NaN), which is what Nines hands to the charts. The order of the four timed readers moves on by
//! one at each run, so none always runs first or after the same neighbour.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "support/bench_data.rs"]
mod bench_data;
#[path = "support/timing.rs"]
mod timing;

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `TextDecoder.decode` + `JSON.parse` of `bytes`.
const DECODE_PARSE: &str = "return JSON.parse(new TextDecoder().decode(bytes));";

/// The same, then a `Float32Array` for every series' `up` and `latency_ms` (null as NaN).
const DECODE_PARSE_COLUMNS: &str = "
    const file = JSON.parse(new TextDecoder().decode(bytes));
    const column = (values) => {
        const out = new Float32Array(values.length);
        for (let i = 0; i < values.length; i++) out[i] = values[i] === null ? NaN : values[i];
        return out;
    };
    for (const series of file.series || []) {
        series.up = column(series.up);
        if (series.latency_ms) series.latency_ms = column(series.latency_ms);
    }
    return file;";

/// Medians of `runs` interleaved timings of Nines's ingest from bytes and from a JS string
/// (copy from JS included) and of the baselines on the same bytes (`columns`: with the
/// `Float32Array` baseline).
fn side_by_side(case: &str, text: &str, columns: bool, check: impl Fn(&nines::ingest::Parsed) -> bool) {
    let js_text = JsValue::from_str(text);
    let js_bytes = js_sys::Uint8Array::from(text.as_bytes());
    let decode_parse = js_sys::Function::new_with_args("bytes", DECODE_PARSE);
    let decode_parse_columns = js_sys::Function::new_with_args("bytes", DECODE_PARSE_COLUMNS);
    let readers = if columns { 4 } else { 3 };
    let runs = 11;
    let mut times_ms: Vec<Vec<f64>> = vec![Vec::new(); readers];
    for run in 0..runs {
        for k in 0..readers {
            let reader = (run + k) % readers;
            let start = timing::now_ms();
            match reader {
                0 => {
                    let copied: Vec<u8> = js_bytes.to_vec();
                    let parsed = nines::ingest::parse_bytes(&copied, None);
                    times_ms[0].push(timing::now_ms() - start);
                    assert!(parsed.as_ref().is_ok_and(&check), "{case}: unexpected result from the bytes");
                }
                1 => {
                    let copied: String = js_text.as_string().unwrap_or_default();
                    let parsed = nines::ingest::parse(&copied, None);
                    times_ms[1].push(timing::now_ms() - start);
                    assert!(parsed.as_ref().is_ok_and(&check), "{case}: unexpected result from the string");
                }
                2 => {
                    let value = decode_parse.call1(&JsValue::NULL, &js_bytes);
                    times_ms[2].push(timing::now_ms() - start);
                    assert!(value.is_ok());
                }
                _ => {
                    let value = decode_parse_columns.call1(&JsValue::NULL, &js_bytes);
                    times_ms[3].push(timing::now_ms() - start);
                    assert!(value.is_ok());
                }
            }
        }
    }
    let mut medians = times_ms.into_iter().map(timing::median_ms);
    let (from_bytes, from_string) = (medians.next().unwrap_or(f64::NAN), medians.next().unwrap_or(f64::NAN));
    let decode_parse = medians.next().unwrap_or(f64::NAN);
    let with_columns = medians.next().map_or("-".to_string(), |ms| format!("{ms:.2}"));
    for (from, nines) in [("bytes", from_bytes), ("js-string", from_string)] {
        console_log!(
            "bench case={case} target=wasm from={from} bytes={} nines_ms={nines:.2} decode_parse_ms={decode_parse:.2} decode_parse_columns_ms={with_columns}",
            text.len(),
        );
    }
}

#[wasm_bindgen_test]
fn native_format_with_a_million_samples() {
    side_by_side("native-1M-samples", &bench_data::native_file(10, 1_000_000), true, |p| {
        p.snapshot.series.len() == 10
    });
}

#[wasm_bindgen_test]
fn prometheus_with_a_million_points() {
    side_by_side("prometheus-1M-points", &bench_data::prometheus_range(10, 1_000_000), false, |p| {
        p.snapshot.series.len() == 10
    });
}

#[wasm_bindgen_test]
fn statuspage_with_a_thousand_incidents() {
    side_by_side("statuspage-1000-incidents", &bench_data::statuspage_incidents(1000), false, |p| {
        p.snapshot.incidents.len() == 1000
    });
}
