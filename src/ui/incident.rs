//! An incident opened from a chart: what happened, where, for how long, whose fault, and every
//! update as the publisher wrote it (as text, never as HTML).

use std::sync::Arc;

use leptos::prelude::*;

use crate::model::format::{format_duration_exact, format_instant};
use crate::model::{Origin, Snapshot};

#[component]
pub fn IncidentPanel(
    snapshot: Arc<Snapshot>,
    index: usize,
    utc_offset_minutes: i32,
    on_close: Callback<()>,
) -> impl IntoView {
    let Some(incident) = snapshot.incidents.get(index).cloned() else {
        return view! { <p>"This incident is no longer in the data."</p> }.into_any();
    };
    let at = move |t_ms| format_instant(t_ms, utc_offset_minutes);
    let span = incident.span(snapshot.as_of_ms);
    let ended = match incident.end_ms {
        Some(end_ms) => at(end_ms),
        None => "still open".to_string(),
    };
    let services = snapshot.service_names(&incident.services);
    let regions = match incident.regions.is_empty() {
        true => "everywhere".to_string(),
        false => incident
            .regions
            .iter()
            .map(|r| snapshot.region_name(r).to_string())
            .collect::<Vec<_>>()
            .join(", "),
    };
    let origin = match incident.origin {
        Origin::SelfOperated => "Own systems",
        Origin::ThirdParty => "Third party",
        Origin::Customer => "Customer",
        Origin::Unknown => "Not stated",
    };
    let web_links: Vec<&String> =
        incident.links.iter().filter(|l| l.starts_with("https://") || l.starts_with("http://")).collect();
    // The id links to the incident's own page at its publisher (the first link), when there is one.
    let id = match web_links.first() {
        Some(&url) => view! {
            <a href=url.clone() rel="noopener noreferrer" target="_blank">
                {incident.id.clone()}
            </a>
        }
        .into_any(),
        None => incident.id.clone().into_any(),
    };
    let links = super::link::web_link_items(web_links);
    let updates = incident
        .updates
        .iter()
        .map(|u| {
            view! {
                <li>
                    <time>{at(u.at_ms)}</time>
                    " · "
                    <span class="update-status">{u.status.as_str().to_string()}</span>
                    <p>{u.text.clone()}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel incident" data-testid="incident-detail" aria-labelledby="incident-heading">
            <div class="incident-head">
                <h2 id="incident-heading" tabindex="-1">
                    <span class="incident-id" data-testid="incident-id">
                        {id}
                    </span>
                    " — "
                    {incident.title.clone()}
                </h2>
                <button type="button" on:click=move |_| on_close.run(()) data-testid="incident-close">
                    "Close"
                </button>
            </div>
            <dl class="facts">
                <dt>"Impact"</dt>
                <dd>{incident.impact.label()}</dd>
                <dt>"Origin"</dt>
                <dd data-testid="incident-origin">{origin}</dd>
                <dt>"Services"</dt>
                <dd>{services}</dd>
                <dt>"Regions"</dt>
                <dd>{regions}</dd>
                <dt>"Started"</dt>
                <dd>{at(incident.start_ms)}</dd>
                <dt>"Ended"</dt>
                <dd>{ended}</dd>
                <dt>"Duration"</dt>
                <dd data-testid="incident-duration">{format_duration_exact(span.duration_ms() as f64)}</dd>
            </dl>
            <h3>"Updates"</h3>
            <ol class="updates">{updates}</ol>
            <ul class="links">{links}</ul>
        </section>
    }
    .into_any()
}
