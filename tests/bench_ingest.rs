//! Ingest speed in the browser, side by side with `JSON.parse` on the same text in the same
//! Chromium: `make bench`. Prints `bench case=… nines_ms=… json_parse_ms=… ratio=…` (medians).
//! Nines's time includes copying the JS string into Rust, as the app does after a fetch.
#![cfg(target_arch = "wasm32")]

#[path = "support/bench_data.rs"]
mod bench_data;
#[path = "support/timing.rs"]
mod timing;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Medians of `runs` timings of Nines's ingest (copy from JS + parse) and of `JSON.parse`.
fn side_by_side(case: &str, text: &str, check: impl Fn(&nines::ingest::Parsed) -> bool) {
    let js_text = JsValue::from_str(text);
    // JSON.parse called on the JS string itself, so its time holds no copy.
    let json = js_sys::Reflect::get(&js_sys::global(), &"JSON".into()).expect("JSON");
    let json_parse: js_sys::Function =
        js_sys::Reflect::get(&json, &"parse".into()).expect("JSON.parse").unchecked_into();
    let runs = 11;
    let (mut nines_ms, mut json_ms) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = timing::now_ms();
        let copied: String = js_text.as_string().unwrap_or_default();
        let parsed = nines::ingest::parse(&copied, None);
        nines_ms.push(timing::now_ms() - start);
        assert!(parsed.as_ref().is_ok_and(&check), "{case}: unexpected result");

        let start = timing::now_ms();
        let value = json_parse.call1(&json, &js_text);
        json_ms.push(timing::now_ms() - start);
        assert!(value.is_ok());
    }
    let (nines, json) = (timing::median_ms(nines_ms), timing::median_ms(json_ms));
    console_log!(
        "bench case={case} target=wasm bytes={} nines_ms={nines:.1} json_parse_ms={json:.1} ratio={:.2}",
        text.len(),
        nines / json
    );
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
