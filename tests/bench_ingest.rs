//! Ingest speed in the browser, side by side with `JSON.parse` on the same text in the same
//! Chromium: `make bench`. Prints `bench case=… from=… nines_ms=… json_parse_ms=… ratio=…`
//! (medians), once for each way the dashboard can hand a fetched body to Nines:
//! - `from=js-string`: `response.text()`, copied into Rust as a `String` (UTF-16 to UTF-8), then
//!   `ingest::parse`;
//! - `from=bytes`: `response.arrayBuffer()` as a `Uint8Array`, copied into Rust as a `Vec<u8>`
//!   (one memcpy), then `ingest::parse_bytes` (which checks the UTF-8).
//!
//! Nines's time includes the copy; `JSON.parse` is timed on the JS string in both.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "support/bench_data.rs"]
mod bench_data;
#[path = "support/timing.rs"]
mod timing;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Medians of `runs` timings of Nines's ingest (copy from JS + parse), from a JS string and from
/// a `Uint8Array`, and of `JSON.parse`, interleaved so that all three see the same conditions.
fn side_by_side(case: &str, text: &str, check: impl Fn(&nines::ingest::Parsed) -> bool) {
    let js_text = JsValue::from_str(text);
    let js_bytes = js_sys::Uint8Array::from(text.as_bytes());
    // JSON.parse called on the JS string itself, so its time holds no copy.
    let json = js_sys::Reflect::get(&js_sys::global(), &"JSON".into()).expect("JSON");
    let json_parse: js_sys::Function =
        js_sys::Reflect::get(&json, &"parse".into()).expect("JSON.parse").unchecked_into();
    let runs = 11;
    let (mut from_string_ms, mut from_bytes_ms, mut json_ms) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = timing::now_ms();
        let copied: String = js_text.as_string().unwrap_or_default();
        let parsed = nines::ingest::parse(&copied, None);
        from_string_ms.push(timing::now_ms() - start);
        assert!(parsed.as_ref().is_ok_and(&check), "{case}: unexpected result from the string");
        drop((parsed, copied));

        let start = timing::now_ms();
        let copied: Vec<u8> = js_bytes.to_vec();
        let parsed = nines::ingest::parse_bytes(&copied, None);
        from_bytes_ms.push(timing::now_ms() - start);
        assert!(parsed.as_ref().is_ok_and(&check), "{case}: unexpected result from the bytes");
        drop((parsed, copied));

        let start = timing::now_ms();
        let value = json_parse.call1(&json, &js_text);
        json_ms.push(timing::now_ms() - start);
        assert!(value.is_ok());
    }
    let json = timing::median_ms(json_ms);
    for (from, runs) in [("js-string", from_string_ms), ("bytes", from_bytes_ms)] {
        let nines = timing::median_ms(runs);
        console_log!(
            "bench case={case} target=wasm from={from} bytes={} nines_ms={nines:.1} json_parse_ms={json:.1} ratio={:.2}",
            text.len(),
            nines / json
        );
    }
}

#[wasm_bindgen_test]
fn native_format_with_a_million_samples() {
    side_by_side("native-1M-samples", &bench_data::native_file(10, 1_000_000), |p| {
        p.snapshot.series.len() == 10
    });
}

#[wasm_bindgen_test]
fn statuspage_with_a_thousand_incidents() {
    side_by_side("statuspage-1000-incidents", &bench_data::statuspage_incidents(1000), |p| {
        p.snapshot.incidents.len() == 1000
    });
}
