//! The browser entry point: a readable panic message in the console, then the app. The same
//! module also runs in the page's parse worker (see `ui::parse`), where there is no window and
//! `main` mounts nothing; the worker calls [`parse_in_worker`].

use wasm_bindgen::prelude::*;

fn main() {
    // A panic's message in the console (console.error records where it was logged from); the
    // module then stops.
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));
    if web_sys::window().is_some() {
        nines::ui::mount();
    }
}

/// Parses `bytes` (UTF-8) as the format named `format` (or detects it), with the Prometheus service
/// labels `labels` (one per line) and region label `region`; answers
/// `{text, columns: Float32Array[]}` (`ingest::handoff`). Never throws
/// for bad input: a parse error is part of the answer.
#[wasm_bindgen]
pub fn parse_in_worker(bytes: &[u8], format: Option<String>, labels: &str, region: &str) -> JsValue {
    nines::ui::answer_in_worker(bytes, format, labels, region)
}
