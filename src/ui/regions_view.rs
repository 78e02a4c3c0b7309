//! The regions view: every service in every region it runs in, as a matrix of availability over
//! the last 30 days (from that region's incidents and samples only), so a regional outage shows
//! where it happened rather than averaged into the whole service.

use std::sync::Arc;

use leptos::prelude::*;

use super::level_class::level_class;
use crate::analysis::{level_segments, Profile, Weights};
use crate::model::format::format_availability;
use crate::model::{Level, Snapshot, Span, MS_PER_DAY};

const WINDOW_DAYS: i64 = 30;

/// The regions view of `snapshot`: each service's availability in each region.
pub fn regions_view(snapshot: Arc<Snapshot>, weights: Weights) -> impl IntoView {
    let window = Span::ending_at(snapshot.as_of_ms, WINDOW_DAYS * MS_PER_DAY);
    let regions: Vec<(String, String)> =
        snapshot.regions.iter().map(|r| (r.id.clone(), r.name.clone())).collect();
    let header = regions
        .iter()
        .map(|(_, name)| {
            view! {
                <th scope="col" class="num">
                    {name.clone()}
                </th>
            }
        })
        .collect_view();
    let rows = snapshot
        .services
        .iter()
        .map(|service| {
            let cells = regions
                .iter()
                .map(|(region, name)| {
                    if !service.regions.iter().any(|r| r == region) {
                        return view! {
                            <td class="num muted" data-region=region.clone()>
                                "—"
                            </td>
                        }
                        .into_any();
                    }
                    let profile = Profile::for_service(&snapshot, &service.id, Some(region), &weights);
                    let availability = profile.totals(window).availability_ratio();
                    // The worst level the region saw in the window colours the figure.
                    let worst = level_segments(&snapshot, &service.id, Some(region), window)
                        .iter()
                        .map(|s| s.level)
                        .filter(|l| *l != Level::Unknown)
                        .max()
                        .unwrap_or(Level::Ok);
                    view! {
                        <td
                            class="num"
                            data-testid="region-cell"
                            data-region=region.clone()
                            title=format!("{} in {name}: worst {}", service.name, worst.label())
                        >
                            <span class=level_class(worst)>{format_availability(availability)}</span>
                        </td>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <tr data-testid="region-row" data-service-id=service.id.clone()>
                    <th scope="row">{service.name.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="regions-heading">
            <h2 id="regions-heading">
                {format!("Regions — availability over the last {WINDOW_DAYS} days")}
            </h2>
            <p class="caption">
                "Each figure counts only that region's incidents and probes; the colour is the worst level seen there."
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Availability by region, table">
                <table class="services regions">
                    <thead>
                        <tr>
                            <th scope="col">"Service"</th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
