//! The maintenance windows under way or still to come at the data's as-of, above the charts of
//! the overview (every service's) and of a service view (that service's); nothing when there are
//! none.

use std::sync::Arc;

use leptos::prelude::*;

use crate::analysis::scheduled_maintenance;
use crate::model::format::{format_duration_exact, format_instant};
use crate::model::Snapshot;

/// The list for `only_service` (every service when `None`), times in the clock
/// `utc_offset_minutes` from UTC.
pub fn maintenance_list(
    snapshot: Arc<Snapshot>,
    only_service: Option<&str>,
    utc_offset_minutes: i32,
) -> Option<impl IntoView> {
    let scheduled = scheduled_maintenance(&snapshot, only_service);
    if scheduled.is_empty() {
        return None;
    }
    let items = scheduled
        .iter()
        .map(|s| {
            let m = s.maintenance;
            let services = snapshot.service_names(&m.services);
            let regions = if m.regions.is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = m.regions.iter().map(|id| snapshot.region_name(id)).collect();
                format!(" in {}", names.join(", "))
            };
            let when = format!(
                "{} → {} ({})",
                format_instant(m.span.start_ms, utc_offset_minutes),
                format_instant(m.span.end_ms, utc_offset_minutes),
                format_duration_exact(m.span.duration_ms() as f64)
            );
            view! {
                <li data-testid="maintenance-item" data-maintenance-id=m.id.clone()>
                    <span class="level level-maintenance" data-testid="maintenance-phase">
                        {if s.in_progress { "Under way" } else { "Scheduled" }}
                    </span>
                    " "
                    <strong>{m.title.clone()}</strong>
                    <span class="muted">{format!(" — {services}{regions}")}</span>
                    <br />
                    <span data-testid="maintenance-when">{when}</span>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="panel" aria-labelledby="maintenance-heading" data-testid="maintenance">
            <h2 id="maintenance-heading">"Maintenance under way or scheduled"</h2>
            <ul class="maintenance-list">{items}</ul>
        </section>
    })
}
