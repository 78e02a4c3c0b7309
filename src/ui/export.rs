//! Saving what a chart shows: files made in the page and handed to the browser's download, never
//! sent anywhere.

use wasm_bindgen::JsCast;

/// Starts a download of `url` (a data or object URL) as `file_name`.
pub fn download(url: &str, file_name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(anchor) = document.create_element("a") else { return };
    let _ = anchor.set_attribute("href", url);
    let _ = anchor.set_attribute("download", file_name);
    if let Some(anchor) = anchor.dyn_ref::<web_sys::HtmlElement>() {
        anchor.click();
    }
}

/// Starts a download of `text` as `file_name` of type `mime`.
pub fn download_text(text: &str, mime: &str, file_name: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    download(&url, file_name);
    let _ = web_sys::Url::revoke_object_url(&url);
}
