//! The incidents view: every incident, newest first, narrowed by service, region, origin, impact
//! and a search of ids, titles and updates (all in the URL); a click opens its details. Below it,
//! the announcements (notices that are not outages) that the service and the search match.

use std::sync::Arc;

use leptos::prelude::*;

use super::announcements::announcements;
use super::pager::pager;
use super::twin_table::{figure, text, Column, TwinTable};
use crate::analysis::incident_stats;
use crate::chart::incident_figures;
use crate::model::format::{format_duration_exact, format_instant};
use crate::model::{Level, Origin, Snapshot, Span, MS_PER_DAY};
use crate::state::{page_of, worst_level, IncidentFilters, View, ViewState};

const INCIDENT_COLUMNS: [Column; 7] = [
    text("Id"),
    text("Title"),
    text("Worst impact"),
    text("Origin"),
    text("Services"),
    text("Started"),
    figure("Duration"),
];

/// The window of the figures above the table: the incidents' share of the month's downtime.
const FIGURES_DAYS: i64 = 30;

const ORIGINS: [Origin; 4] = [Origin::SelfOperated, Origin::ThirdParty, Origin::Customer, Origin::Unknown];

fn origin_label(origin: Origin) -> &'static str {
    match origin {
        Origin::SelfOperated => "Own systems",
        Origin::ThirdParty => "Third party",
        Origin::Customer => "Customer",
        Origin::Unknown => "Not stated",
    }
}

/// The incidents view of `snapshot`, showing `page` of its table (a change of filter goes back to
/// the first). It is drawn anew with each refresh, so it reads the state, the page and the clock
/// untracked, and follows them through `changed`, which fires when they change.
pub fn incidents_view(
    snapshot: Arc<Snapshot>,
    state: RwSignal<ViewState>,
    utc_offset_minutes: RwSignal<i32>,
    page: RwSignal<usize>,
    changed: RwSignal<usize>,
) -> impl IntoView {
    // Read from the state each time (cheaper than a memo of them).
    let filters = move || {
        changed.get();
        state.with_untracked(|s| match &s.view {
            View::Incidents { filters } => filters.clone(),
            _ => IncidentFilters::default(),
        })
    };
    let set = move |change: &dyn Fn(&mut IncidentFilters)| {
        page.set(0);
        state.update(|s| {
            if let View::Incidents { filters } = &mut s.view {
                change(filters);
            }
        })
    };
    let none_if_empty = |value: String| (!value.is_empty()).then_some(value);
    let services = snapshot.services.iter().map(|s| (s.id.clone(), s.name.clone())).collect();
    let regions = snapshot.regions.iter().map(|r| (r.id.clone(), r.name.clone())).collect();
    let origins = ORIGINS.iter().map(|o| (o.as_str().to_string(), origin_label(*o).to_string())).collect();
    let impacts = [Level::Maintenance, Level::Degraded, Level::Partial, Level::Major]
        .iter()
        .map(|l| (l.as_str().to_string(), l.label().to_string()))
        .collect();
    let current = |read: fn(&IncidentFilters) -> Option<String>| Signal::derive(move || read(&filters()));
    let snapshot = StoredValue::new_local(snapshot);
    let rows = move || {
        let offset = utc_offset_minutes.get_untracked();
        snapshot
            .with_value(|snapshot| incident_table(snapshot, filters().apply(snapshot), state, offset, page))
    };
    let notices = move || {
        let offset = utc_offset_minutes.get_untracked();
        snapshot.with_value(|snapshot| announcements(snapshot, &filters().announcements(snapshot), offset))
    };
    view! {
        <section class="panel" aria-labelledby="incidents-heading">
            <h2 id="incidents-heading">"Incidents"</h2>
            <div class="filters" role="search">
                {filter_select(
                    "Service ",
                    "filter-service",
                    "all",
                    services,
                    current(|f| f.service.clone()),
                    Callback::new(move |v: Option<String>| set(&|f| f.service = v.clone())),
                )}
                {filter_select(
                    "Region ",
                    "filter-region",
                    "all",
                    regions,
                    current(|f| f.region.clone()),
                    Callback::new(move |v: Option<String>| set(&|f| f.region = v.clone())),
                )}
                {filter_select(
                    "Origin ",
                    "filter-origin",
                    "all",
                    origins,
                    current(|f| f.origin.map(|o| o.as_str().to_string())),
                    Callback::new(move |v: Option<String>| {
                        let origin = ORIGINS.into_iter().find(|o| Some(o.as_str()) == v.as_deref());
                        set(&|f| f.origin = origin)
                    }),
                )}
                {filter_select(
                    "Impact at least ",
                    "filter-impact",
                    "any",
                    impacts,
                    current(|f| f.impact.map(|l| l.as_str().to_string())),
                    Callback::new(move |v: Option<String>| {
                        let level = Level::KNOWN.into_iter().find(|l| Some(l.as_str()) == v.as_deref());
                        set(&|f| f.impact = level)
                    }),
                )}
                <label>
                    "Search "
                    <input
                        type="search"
                        data-testid="filter-search"
                        placeholder="id, title or update"
                        prop:value=move || filters().search.unwrap_or_default()
                        on:input=move |e| {
                            let v = none_if_empty(event_target_value(&e));
                            set(&|f| f.search = v.clone())
                        }
                    />
                </label>
            </div>
            {rows}
        </section>
        {notices}
    }
}

/// A filter's drop-down: `any_label` (no filter), then one option per `(value, label)`; `current`
/// is the value chosen, `pick` gets the new one (`None` for no filter).
fn filter_select(
    label: &'static str,
    testid: &'static str,
    any_label: &'static str,
    options: Vec<(String, String)>,
    current: Signal<Option<String>>,
    pick: Callback<Option<String>>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let chosen = value.clone();
            view! {
                <option value=value selected=move || current.with(|c| c.as_deref() == Some(chosen.as_str()))>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <label>
            {label}
            <select
                data-testid=testid
                on:change=move |e| {
                    let value = event_target_value(&e);
                    pick.run((!value.is_empty()).then_some(value))
                }
            >
                <option value="">{any_label}</option>
                {options}
            </select>
        </label>
    }
}

/// A service's own incidents, newest first, in its detail view, `page` of them at a time; the
/// incidents view has them with every filter. Drawn anew with each refresh, it follows the page
/// and the clock through `changed`, as [`incidents_view`] does.
pub fn service_incidents(
    snapshot: Arc<Snapshot>,
    service_id: String,
    state: RwSignal<ViewState>,
    utc_offset_minutes: RwSignal<i32>,
    page: RwSignal<usize>,
    changed: RwSignal<usize>,
) -> impl IntoView {
    let name = snapshot.service_name(&service_id).to_string();
    let filters = IncidentFilters { service: Some(service_id), ..IncidentFilters::default() };
    let snapshot = StoredValue::new_local(snapshot);
    let rows = move || {
        changed.get();
        let offset = utc_offset_minutes.get_untracked();
        snapshot.with_value(|snapshot| incident_table(snapshot, filters.apply(snapshot), state, offset, page))
    };
    view! {
        <section class="panel" aria-labelledby="service-incidents-heading" data-testid="service-incidents">
            <h2 id="service-incidents-heading">{format!("Incidents of {name}")}</h2>
            {rows}
        </section>
    }
}

/// The incidents `found` (indices into `snapshot.incidents`) as a table with their count and their
/// figures over the last [`FIGURES_DAYS`], times on the clock `utc_offset_minutes` from UTC, a
/// `page` of rows at a time; an id opens the incident's details.
fn incident_table(
    snapshot: &Snapshot,
    found: Vec<usize>,
    state: RwSignal<ViewState>,
    utc_offset_minutes: i32,
    page: RwSignal<usize>,
) -> AnyView {
    let count = found.len();
    let window = Span::ending_at(snapshot.as_of_ms, FIGURES_DAYS * MS_PER_DAY);
    let stats =
        incident_stats(found.iter().filter_map(|i| snapshot.incidents.get(*i)), window, snapshot.as_of_ms);
    let (shown, range) = page_of(count, page.get_untracked());
    let rows = found
        .get(range)
        .unwrap_or_default()
        .iter()
        .filter_map(|index| snapshot.incidents.get(*index).cloned())
        .map(|incident| {
            let span = incident.span(snapshot.as_of_ms);
            let names = snapshot.service_names(&incident.services);
            let id = incident.id.clone();
            view! {
                <tr data-testid="incident-row" data-incident-id=incident.id.clone()>
                    <td>
                        <button
                            type="button"
                            class="link"
                            on:click=move |_| state.update(|s| s.incident = Some(id.clone()))
                        >
                            {incident.id.clone()}
                        </button>
                    </td>
                    <td>{incident.title.clone()}</td>
                    <td>{worst_level(&incident).label()}</td>
                    <td>{origin_label(incident.origin)}</td>
                    <td>{names}</td>
                    <td>{format_instant(span.start_ms, utc_offset_minutes)}</td>
                    <td class="num">
                        {if incident.end_ms.is_some() {
                            format_duration_exact(span.duration_ms() as f64)
                        } else {
                            "open".into()
                        }}
                    </td>
                </tr>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <p class="caption" data-testid="incident-count" aria-live="polite">
            {format!("{count} incident{}", if count == 1 { "" } else { "s" })}
        </p>
        <p class="caption" data-testid="incident-figures">
            {incident_figures(&stats, FIGURES_DAYS)}
        </p>
        <TwinTable label="Incidents table" columns=&INCIDENT_COLUMNS class="incidents">
            {rows}
        </TwinTable>
        {pager(count, shown, page)}
    }
    .into_any()
}
