//! Saving what a chart shows: files made in the page and handed to the browser's download, never
//! sent anywhere.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::JsCast;

use crate::chart::file_name;

/// How long an object URL of a download stays valid: the anchor's click only asks for the
/// download, which the browser may start later (after a prompt), and a revoked URL fails it.
const OBJECT_URL_LIFETIME: Duration = Duration::from_secs(60);

/// Starts a download of `url` (a data or object URL) as `stem.extension`, made safe by
/// [`file_name`] (`stem` may hold a service id from the data).
pub fn download(url: &str, stem: &str, extension: &str) {
    let file_name = file_name(stem, extension);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(anchor) = document.create_element("a") else { return };
    let _ = anchor.set_attribute("href", url);
    let _ = anchor.set_attribute("download", &file_name);
    if let Some(anchor) = anchor.dyn_ref::<web_sys::HtmlElement>() {
        anchor.click();
    }
}

/// Starts a download of `text` of type `mime` as `stem.extension` (see [`download`]); its object
/// URL is revoked a minute later.
pub fn download_text(text: &str, mime: &str, stem: &str, extension: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    download(&url, stem, extension);
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        OBJECT_URL_LIFETIME,
    );
}
