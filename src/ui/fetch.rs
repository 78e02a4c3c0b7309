//! Fetching text over HTTP with a timeout and cancellation, and errors that say which of the
//! ways a fetch fails this was: refused by policy, unreachable (or refused by CORS), too slow, or
//! answered with an error status.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::set_timeout_with_handle;
use thiserror::Error;
use web_sys::{AbortController, AbortSignal};

/// How long a source may take to answer.
pub const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone, Debug, Error, PartialEq)]
pub enum FetchError {
    #[error("{url} is not allowed: {reason}")]
    NotAllowed { url: String, reason: String },
    /// The request failed before any answer. Browsers report a CORS refusal exactly like this, so
    /// `cross_origin` says whether that is the likely cause.
    #[error("could not reach {url}: {message}")]
    Network { url: String, message: String, cross_origin: bool },
    #[error("{url} did not answer within {after_s} s")]
    Timeout { url: String, after_s: u64 },
    #[error("{url} answered HTTP {status} {status_text}")]
    Http { url: String, status: u16, status_text: String },
    /// Cancelled because the page no longer needs the answer.
    #[error("the request for {url} was cancelled")]
    Aborted { url: String },
}

/// GETs `url` as text. The request is abandoned after [`TIMEOUT`], or when `cancel` aborts.
pub async fn fetch_text(
    url: &str,
    cross_origin: bool,
    cancel: Option<&AbortSignal>,
) -> Result<String, FetchError> {
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
        signal.set_onabort(Some(wasm_bindgen::JsCast::unchecked_ref(on_abort.as_ref())));
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
        if !response.ok() {
            return Err(FetchError::Http {
                url: url.into(),
                status: response.status(),
                status_text: response.status_text(),
            });
        }
        response.text().await.map_err(|e| failed(e.to_string()))
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
