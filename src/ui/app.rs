//! The page: the source from the URL, a loading state, then the dashboard or a readable error.

use leptos::prelude::*;

use super::dashboard::Dashboard;
use super::load::{load, AppError};

/// The demo data, next to index.html; `?source=URL` replaces it.
const DEFAULT_SOURCE: &str = "data/demo.json";

fn source_from_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("source"))
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_SOURCE.to_string())
}

#[component]
pub fn App() -> impl IntoView {
    let source = source_from_query();
    let data = LocalResource::new(move || load(source.clone()));
    view! {
        <header class="topbar">
            <span class="brand">"Nines"</span>
            <span class="tagline">"resilience dashboard"</span>
        </header>
        <main class="page">
            <Suspense fallback=|| {
                view! {
                    <p class="loading" data-testid="loading" role="status">
                        <span class="spinner" aria-hidden="true"></span>
                        "Loading status data…"
                    </p>
                }
            }>
                {move || {
                    data.get()
                        .map(|result| match result {
                            Ok(loaded) => view! { <Dashboard loaded=loaded /> }.into_any(),
                            Err(error) => view! { <ErrorPanel error=error /> }.into_any(),
                        })
                }}
            </Suspense>
        </main>
    }
}

#[component]
fn ErrorPanel(error: std::rc::Rc<AppError>) -> impl IntoView {
    view! {
        <section class="error-panel" data-testid="load-error" role="alert">
            <h2>{error.summary()}</h2>
            <p>{error.hint()}</p>
            <details open>
                <summary>"Details"</summary>
                <code>{error.details()}</code>
            </details>
        </section>
    }
}
