//! The correlations view: which services go down together. Clusters of outages that start close
//! together are common-cause candidates (a shared provider, a shared network); the pair table
//! says, for every two services that were ever down at the same time, how much of each one's
//! downtime the other shared.

use std::sync::Arc;

use leptos::prelude::*;

use super::twin_table::{figure, text, Column, TwinTable};
use crate::analysis::{outage_clusters, outages, pair_overlaps, Cluster, Key, Outage, PairOverlap, Weights};
use crate::model::format::{format_duration_exact, format_instant};
use crate::model::{sort_with, Snapshot, Span, MS_PER_DAY, MS_PER_MINUTE};
use crate::state::ViewState;

const CLUSTER_COLUMNS: [Column; 5] =
    [text("Started"), figure("Lasted"), text("Services"), text("Origin"), text("Incidents")];
const PAIR_COLUMNS: [Column; 7] = [
    text("Service A"),
    text("Service B"),
    figure("Both down"),
    figure("A down"),
    figure("B down"),
    figure("B down while A down"),
    figure("A down while B down"),
];

const WINDOW_DAYS: i64 = 90;
/// Outages that start at most this long after the previous one join its cluster.
const CLUSTER_WITHIN_MINUTES: i64 = 15;
/// A service measured by probes counts as down while its up-ratio is below this.
const PROBE_DOWN_BELOW_RATIO: f64 = 0.5;

/// The correlations view of `snapshot`. It is drawn anew with each refresh, so it reads the clock
/// untracked and follows it through `changed`, which fires when it changes.
pub fn correlations_view(
    snapshot: Arc<Snapshot>,
    weights: Weights,
    state: RwSignal<ViewState>,
    utc_offset_minutes: RwSignal<i32>,
    changed: RwSignal<usize>,
) -> impl IntoView {
    let window = Span::ending_at(snapshot.as_of_ms, WINDOW_DAYS * MS_PER_DAY);
    let all = outages(&snapshot, &weights, window, PROBE_DOWN_BELOW_RATIO);
    let name = {
        let snapshot = snapshot.clone();
        move |id: &str| snapshot.service_name(id).to_string()
    };

    let clusters = outage_clusters(&all, CLUSTER_WITHIN_MINUTES * MS_PER_MINUTE);
    let cluster_rows = clusters
        .iter()
        .rev()
        .map(|cluster| cluster_row(&snapshot, &all, cluster, state, utc_offset_minutes, changed))
        .collect_view();

    let mut pairs: Vec<_> =
        pair_overlaps(&all, Key::Service).into_iter().filter(|p| p.overlap_ms > 0).collect();
    sort_with(&mut pairs, |x, y| {
        y.overlap_ms.cmp(&x.overlap_ms).then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    let pair_rows = pairs.iter().map(|p| pair_row(p, &name)).collect_view();

    let cluster_count = clusters.len();
    let pair_count = pairs.len();
    view! {
        <section class="panel" aria-labelledby="clusters-heading">
            <h2 id="clusters-heading">
                {format!("Outages that started together — last {WINDOW_DAYS} days")}
            </h2>
            <p class="caption">
                {format!(
                    "Common-cause candidates: outages of two or more services, each starting within {CLUSTER_WITHIN_MINUTES} min of the previous one. Counted as {}; a service measured by probes is down while fewer than half of its probes succeed.",
                    weights.describe(),
                )}
            </p>
            {if cluster_count == 0 {
                view! { <p data-testid="no-clusters">"No two services went down together."</p> }.into_any()
            } else {
                view! {
                    <TwinTable label="Outage clusters" columns=&CLUSTER_COLUMNS class="clusters">
                        {cluster_rows}
                    </TwinTable>
                }
                    .into_any()
            }}
        </section>
        <section class="panel" aria-labelledby="pairs-heading">
            <h2 id="pairs-heading">"Services down at the same time"</h2>
            <p class="caption">
                "For each two services: the time both were down, each one's downtime, and the share of one's downtime during which the other was down too. A high share both ways points to a shared cause."
            </p>
            {if pair_count == 0 {
                view! { <p data-testid="no-pairs">"No two services were down at the same time."</p> }
                    .into_any()
            } else {
                view! {
                    <TwinTable label="Services down at the same time" columns=&PAIR_COLUMNS class="pairs">
                        {pair_rows}
                    </TwinTable>
                }
                    .into_any()
            }}
        </section>
    }
}

/// One cluster of outages: when, how long, which services, and their incidents (a click opens one).
fn cluster_row(
    snapshot: &Snapshot,
    all: &[Outage],
    cluster: &Cluster,
    state: RwSignal<ViewState>,
    utc_offset_minutes: RwSignal<i32>,
    changed: RwSignal<usize>,
) -> impl IntoView {
    let services = snapshot.service_names(&cluster.services);
    // Each incident once, in the order its first outage started.
    let mut incident_ids: Vec<String> = Vec::new();
    for id in cluster.outages.iter().filter_map(|&i| all.get(i)?.incident_id.clone()) {
        if !incident_ids.contains(&id) {
            incident_ids.push(id);
        }
    }
    let incidents = incident_ids
        .into_iter()
        .map(|id| {
            let open = id.clone();
            view! {
                <button
                    type="button"
                    class="link"
                    data-testid="cluster-incident"
                    on:click=move |_| state.update(|s| s.incident = Some(open.clone()))
                >
                    {id}
                </button>
                " "
            }
        })
        .collect_view();
    let (start_ms, end_ms) = (cluster.start_ms, cluster.end_ms);
    view! {
        <tr data-testid="cluster-row">
            <td>
                {move || {
                    changed.get();
                    format_instant(start_ms, utc_offset_minutes.get_untracked())
                }}
            </td>
            <td class="num">{format_duration_exact((end_ms - start_ms) as f64)}</td>
            <td data-testid="cluster-services">{services}</td>
            <td>{if cluster.third_party { "third party" } else { "" }}</td>
            <td>{incidents}</td>
        </tr>
    }
}

/// Two services' time down together, and each one's share of the other's downtime.
fn pair_row(p: &PairOverlap, name: &impl Fn(&str) -> String) -> impl IntoView {
    let percent =
        |ratio: Option<f64>| ratio.map_or_else(|| "—".to_string(), |r| format!("{:.0} %", r * 100.0));
    view! {
        <tr data-testid="pair-row" data-a=p.a.clone() data-b=p.b.clone()>
            <th scope="row">{name(&p.a)}</th>
            <th scope="row">{name(&p.b)}</th>
            <td class="num" data-testid="pair-overlap">
                {format_duration_exact(p.overlap_ms as f64)}
            </td>
            <td class="num">{format_duration_exact(p.a_down_ms as f64)}</td>
            <td class="num">{format_duration_exact(p.b_down_ms as f64)}</td>
            <td class="num" data-testid="pair-b-given-a">
                {percent(p.p_b_down_given_a)}
            </td>
            <td class="num" data-testid="pair-a-given-b">
                {percent(p.p_a_down_given_b)}
            </td>
        </tr>
    }
}
