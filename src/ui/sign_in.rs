//! The page's sign-in (the config's `auth`) and the sources that need the user's token, through
//! `sign_in.js`: the OAuth 2.0 code flow with PKCE, the tokens and the requests that carry them
//! are written against the browser's APIs there. Here: when to call it, and what its answers mean.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::config::SourceConfig;
use crate::state::FetchError;

#[wasm_bindgen(module = "/src/ui/sign_in.js")]
extern "C" {
    /// Takes a sign-in's answer (`code`, `state`) out of the address, before the view state is
    /// read from it. Nothing when the address holds none.
    pub fn take_answer();
    #[wasm_bindgen(catch)]
    async fn sign_in_start(config_text: &str, allow_origins: Vec<String>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn sign_in_read(urls: Vec<String>, graph: bool) -> Result<JsValue, JsValue>;
}

/// Starts the sign-in of a page whose config is `config_text`: completes a sign-in on its way
/// back, shows who is signed in. Whether the config signs in at all.
pub async fn start(config_text: &str, allow_origins: Vec<String>) -> bool {
    sign_in_start(config_text, allow_origins).await.is_ok_and(|signs_in| signs_in.as_bool() == Some(true))
}

/// The text of `source` at `resolved` (its checked URL), read with the user's token: for a
/// Microsoft 365 source, every page of Graph's two collections as one array.
pub async fn read(source: &SourceConfig, resolved: &str) -> Result<String, FetchError> {
    let (urls, graph) = match &source.microsoft365 {
        Some(graph) => (graph.urls(resolved).to_vec(), true),
        None => (vec![resolved.to_string()], false),
    };
    let answer = sign_in_read(urls, graph).await.map_err(|error| FetchError::Network {
        url: resolved.to_string(),
        message: super::parse::js_message(&error),
        cross_origin: true,
    })?;
    let text = |name: &str| Reflect::get(&answer, &JsValue::from_str(name)).ok().and_then(|v| v.as_string());
    if let Some(body) = text("text") {
        return Ok(body);
    }
    let url = text("url").unwrap_or_else(|| resolved.to_string());
    let message = text("message").unwrap_or_default();
    let number = |name: &str| Reflect::get(&answer, &JsValue::from_str(name)).ok().and_then(|v| v.as_f64());
    let status = number("status").map_or(0, |s| s as u16);
    Err(match text("kind").as_deref() {
        Some("sign-in") => FetchError::SignInNeeded { url, reason: message },
        Some("forbidden") => FetchError::Forbidden {
            url,
            message,
            permission: text("permission").unwrap_or_default(),
            consent_url: text("consent_url"),
        },
        Some("licence") => FetchError::NotLicensed { url, status, message },
        Some("throttled") => FetchError::Throttled {
            url,
            retry_after_s: number("retry_after").filter(|s| *s >= 0.0).map(|s| s as u32),
        },
        Some("not-allowed") => FetchError::NotAllowed { url, reason: message },
        Some("http") => {
            FetchError::Http { url, status, status_text: text("status_text").unwrap_or_default() }
        }
        _ => FetchError::Network { url, message, cross_origin: true },
    })
}
