//! A load error as the page shows it: the summary, what to do, and the details.

use leptos::prelude::*;

use crate::state::AppError;

#[component]
pub fn ErrorPanel(error: std::rc::Rc<AppError>) -> impl IntoView {
    view! {
        <section class="error-panel" data-testid="load-error" role="alert">
            <h2>{error.summary()}</h2>
            <p>{error.hint()}</p>
            {error
                .help_link()
                .map(|(label, url)| {
                    view! {
                        <p>
                            <a
                                href=url.to_string()
                                rel="noopener noreferrer"
                                target="_blank"
                                data-testid="help-link"
                            >
                                {label}
                            </a>
                        </p>
                    }
                })}
            <details open>
                <summary>"Details"</summary>
                <code>{error.details()}</code>
            </details>
        </section>
    }
}
