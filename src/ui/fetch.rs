//! Fetching over HTTP with a timeout and cancellation, the body read as a stream so that its
//! progress can be shown, and errors ([`FetchError`], pure, in `state::errors`) that say which of
//! the ways a fetch fails this was: unreachable (or refused by CORS), too slow, answered with an
//! error status, or cancelled.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Reflect, Uint8Array};
use leptos::prelude::set_timeout_with_handle;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, AbortSignal};

use crate::state::FetchError;

/// How long a source may take to answer.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The most a body may be: what a reader accepts ([`crate::ingest::MAX_INPUT_BYTES`]). A larger
/// one is refused from its `Content-Length`, or its download stopped at this many bytes, before
/// it can take the page's memory.
pub const MAX_BODY_BYTES: u64 = crate::ingest::MAX_INPUT_BYTES as u64;

/// How much of a body has arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub received_bytes: u64,
    /// The body's length, when the server said it (`Content-Length`) and it counts the bytes
    /// read here (no `Content-Encoding`, not exceeded).
    pub total_bytes: Option<u64>,
}

/// Whether a request may end at a URL it was redirected to: `Err` says why not. The same rule that
/// let the first URL be asked.
pub type Landing<'a> = &'a dyn Fn(&str) -> Result<(), String>;

/// GETs `url` as text (UTF-8, as `Response.text()` decodes it); see [`fetch_bytes`].
pub async fn fetch_text(url: &str, landing: Landing<'_>) -> Result<String, FetchError> {
    let bytes = fetch_bytes(url, false, landing, None, &|_| {}).await?;
    Ok(super::parse::Input::Bytes(bytes).text())
}

/// GETs `url`'s body as bytes, calling `on_progress` after each piece arrives. The request,
/// body included, is abandoned after [`TIMEOUT`], or when `cancel` aborts. A response that was
/// redirected to a URL `landing` refuses is [`FetchError::NotAllowed`], its body never read; a
/// body larger than [`MAX_BODY_BYTES`] is [`FetchError::TooLarge`].
pub async fn fetch_bytes(
    url: &str,
    cross_origin: bool,
    landing: Landing<'_>,
    cancel: Option<&AbortSignal>,
    on_progress: &dyn Fn(Progress),
) -> Result<Uint8Array, FetchError> {
    let controller = AbortController::new().map_err(|_| FetchError::Network {
        url: url.into(),
        message: "this browser cannot make cancellable requests".into(),
        cross_origin,
    })?;
    // Forward the caller's cancellation to this request.
    let cancelled = Rc::new(Cell::new(false));
    let _forward = cancel.map(|signal| {
        let (controller, cancelled) = (controller.clone(), cancelled.clone());
        let on_abort = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            cancelled.set(true);
            controller.abort();
        });
        signal.set_onabort(Some(JsCast::unchecked_ref(on_abort.as_ref())));
        on_abort
    });
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            TIMEOUT,
        )
        .ok()
    };
    let failed = |message: String| {
        if timed_out.get() {
            FetchError::Timeout { url: url.into(), after_s: TIMEOUT.as_secs() }
        } else if cancelled.get() {
            FetchError::Aborted { url: url.into() }
        } else {
            FetchError::Network { url: url.into(), message, cross_origin }
        }
    };
    let result = async {
        let response = gloo_net::http::Request::get(url)
            .abort_signal(Some(&controller.signal()))
            .send()
            .await
            .map_err(|e| failed(e.to_string()))?;
        if response.redirected() {
            let landed = response.url();
            if let Err(reason) = landing(&landed) {
                let reason = format!("{url} redirected there, and {reason}");
                return Err(FetchError::NotAllowed { url: landed, reason });
            }
        }
        if response.status() == 429 {
            let retry_after_s = response.headers().get("retry-after").and_then(|r| r.trim().parse().ok());
            return Err(FetchError::Throttled { url: url.into(), retry_after_s });
        }
        if !response.ok() {
            return Err(FetchError::Http {
                url: url.into(),
                status: response.status(),
                status_text: response.status_text(),
            });
        }
        let headers = response.headers();
        let total_bytes = match headers.get("content-encoding") {
            Some(encoding) if !encoding.eq_ignore_ascii_case("identity") => None,
            _ => headers.get("content-length").and_then(|l| l.trim().parse::<u64>().ok()),
        };
        let too_large = || FetchError::TooLarge { url: url.into(), limit_bytes: MAX_BODY_BYTES };
        if total_bytes.is_some_and(|total| total > MAX_BODY_BYTES) {
            controller.abort();
            return Err(too_large());
        }
        let Some(body) = response.body() else { return Ok(Uint8Array::new_with_length(0)) };
        match read_body(body, total_bytes, on_progress).await {
            Ok(Some(all)) => Ok(all),
            Ok(None) => {
                controller.abort();
                Err(too_large())
            }
            Err(e) => Err(failed(super::parse::js_message(&e))),
        }
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    if let Some(signal) = cancel {
        signal.set_onabort(None);
    }
    result
}

/// Reads `body` to its end into one array; `None`, the stream cancelled, once more than
/// [`MAX_BODY_BYTES`] have arrived.
async fn read_body(
    body: web_sys::ReadableStream,
    total_bytes: Option<u64>,
    on_progress: &dyn Fn(Progress),
) -> Result<Option<Uint8Array>, JsValue> {
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut chunks: Vec<Uint8Array> = Vec::new();
    let mut received_bytes = 0u64;
    loop {
        let step = wasm_bindgen_futures::JsFuture::from(reader.read()).await?;
        if Reflect::get(&step, &JsValue::from_str("done"))?.as_bool().unwrap_or(true) {
            break;
        }
        let chunk: Uint8Array = Reflect::get(&step, &JsValue::from_str("value"))?.dyn_into()?;
        received_bytes += u64::from(chunk.length());
        if received_bytes > MAX_BODY_BYTES {
            let _ = reader.cancel();
            return Ok(None);
        }
        chunks.push(chunk);
        on_progress(Progress { received_bytes, total_bytes: total_bytes.filter(|t| *t >= received_bytes) });
    }
    let length = u32::try_from(received_bytes).map_err(|_| JsValue::from_str("the response is too large"))?;
    let all = Uint8Array::new_with_length(length);
    let mut at = 0u32;
    for chunk in chunks {
        all.set(&chunk, at);
        at += chunk.length();
    }
    Ok(Some(all))
}
