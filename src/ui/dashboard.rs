//! The first view: status line, services with their 30-day availability, then the charts —
//! availability curve, outage timeline — sharing one time range and cursor, and the incident a
//! chart click opens.

use std::rc::Rc;

use leptos::prelude::*;

use super::bars_panel::BarsPanel;
use super::burndown_panel::BurndownPanel;
use super::curve_panel::CurvePanel;
use super::incident::IncidentPanel;
use super::load::Loaded;
use super::perf;
use super::probe_panel::ProbePanel;
use super::time_view::{local_utc_offset_minutes, TimeView};
use super::timeline_panel::TimelinePanel;
use crate::analysis::{overview, Basis, Weights};
use crate::chart::{format_availability, format_instant, zone_name};
use crate::model::timefmt::{format_duration_ms, format_utc_minute};
use crate::model::{Level, Span, MS_PER_DAY};

const WINDOW_DAYS: i64 = 30;
/// How far back zooming out can go.
const BOUNDS_DAYS: i64 = 90;

pub(crate) fn level_class(level: Level) -> &'static str {
    match level {
        Level::Ok => "level level-ok",
        Level::Maintenance => "level level-maintenance",
        Level::Degraded => "level level-degraded",
        Level::Partial => "level level-partial",
        Level::Major => "level level-major",
        Level::Unknown => "level level-unknown",
    }
}

#[component]
pub fn Dashboard(loaded: Rc<Loaded>) -> impl IntoView {
    let snapshot = Rc::new(loaded.parsed.snapshot.clone());
    let view_model =
        perf::measure("nines:analyze", || overview(&snapshot, WINDOW_DAYS * MS_PER_DAY, &Weights::STRICT));
    let window = view_model.window;
    let issue_count = loaded.parsed.issues.len();
    let issues_note = (issue_count > 0).then(|| {
        view! {
            <details class="issues" data-testid="ingest-issues">
                <summary>{format!("{issue_count} records adjusted or skipped")}</summary>
                <ul>
                    {loaded.parsed.issues.iter().map(|i| view! { <li>{i.to_string()}</li> }).collect_view()}
                </ul>
            </details>
        }
    });

    let rows = view_model
        .services
        .iter()
        .map(|s| {
            let downtime = format_duration_ms(s.availability.downtime_ms.round() as i64);
            let target = s.slo_target_ratio.map(|t| format_availability(Some(t))).unwrap_or_default();
            let below_target = matches!((s.availability.availability_ratio, s.slo_target_ratio), (Some(a), Some(t)) if a < t);
            let basis = match s.basis {
                Basis::Incidents => "from incidents",
                Basis::Samples => "from probe samples",
            };
            view! {
                <tr data-testid="service-row" data-service-id=s.id.clone()>
                    <th scope="row">{s.name.clone()}</th>
                    <td class="group">{s.group.clone().unwrap_or_default()}</td>
                    <td><span class=level_class(s.level)>{s.level.label()}</span></td>
                    <td class="num" class:below-target=below_target data-testid="availability-30d" title=basis>
                        {format_availability(s.availability.availability_ratio)}
                    </td>
                    <td class="num">{target}</td>
                    <td class="num">{downtime}</td>
                </tr>
            }
        })
        .collect_view();

    // Files that only list services (configurations, badges) carry no time at all.
    let dated = !snapshot.coverage.is_empty();
    let view = TimeView::new(Span::ending_at(snapshot.as_of_ms, BOUNDS_DAYS * MS_PER_DAY), window, 0);
    let selected = RwSignal::new(None::<usize>);
    let on_incident = Callback::new(move |index: usize| {
        selected.set(Some(index));
        // After the panel renders: bring it into view and move focus to its heading.
        request_animation_frame(|| {
            if let Some(heading) = document().get_element_by_id("incident-heading") {
                heading.scroll_into_view();
                if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading) {
                    let _ = heading.focus();
                }
            }
        });
    });
    let incident_panel = {
        let snapshot = StoredValue::new_local(snapshot.clone());
        move || {
            selected.get().map(|index| {
                view! {
                    <IncidentPanel
                        snapshot=snapshot.get_value()
                        index=index
                        utc_offset_minutes=view.utc_offset_minutes.get()
                        on_close=Callback::new(move |_| selected.set(None))
                    />
                }
            })
        }
    };
    let charts = dated.then(|| {
        let curve = snapshot.series.first().cloned().map(|series| {
            view! {
                <CurvePanel snapshot=snapshot.clone() series=series.clone() view=view on_incident=on_incident />
                <ProbePanel snapshot=snapshot.clone() series=series view=view />
            }
        });
        view! {
            <ChartControls view=view />
            {curve}
            <TimelinePanel snapshot=snapshot.clone() view=view on_incident=on_incident />
            <BarsPanel snapshot=snapshot.clone() view=view on_incident=on_incident />
            <BurndownPanel snapshot=snapshot.clone() view=view />
        }
    });

    view! {
        <section class="summary">
            <h1>{snapshot.title.clone()}</h1>
            <p class=format!("status-line {}", level_class(view_model.status.level)) data-testid="overall-status">
                {view_model.status.sentence.clone()}
            </p>
            {if dated {
                view! {
                    <p class="as-of">
                        "Data as of " <time data-testid="as-of">{format_utc_minute(snapshot.as_of_ms)}</time>
                        " · source " <code>{loaded.source_url.clone()}</code>
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="as-of" data-testid="no-dates">
                        "This data carries no dates, so no availability can be computed: it lists the services only."
                        " · source " <code>{loaded.source_url.clone()}</code>
                    </p>
                }
                    .into_any()
            }}
            {issues_note}
        </section>
        <section class="panel">
            <h2>{format!("Services — last {WINDOW_DAYS} days")}</h2>
            <table class="services">
                <thead>
                    <tr>
                        <th scope="col">"Service"</th>
                        <th scope="col">"Group"</th>
                        <th scope="col">"Now"</th>
                        <th scope="col" class="num">"Availability"</th>
                        <th scope="col" class="num">"SLO target"</th>
                        <th scope="col" class="num">"Downtime"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
        {charts}
        {incident_panel}
    }
}

/// The range shown (shared by the charts), its reset, and the clock of every time shown.
#[component]
fn ChartControls(view: TimeView) -> impl IntoView {
    let local_offset = local_utc_offset_minutes();
    let range = move || {
        let span = view.visible.get();
        let offset = view.utc_offset_minutes.get();
        format!("{} → {}", format_instant(span.start_ms, offset), format_instant(span.end_ms, offset))
    };
    view! {
        <section class="controls" aria-label="Chart range and clock">
            <span class="range" data-testid="chart-range" aria-live="polite">{range}</span>
            <button type="button" data-testid="chart-reset" on:click=move |_| view.reset()
                disabled=move || view.visible.get() == view.home>
                {format!("Last {WINDOW_DAYS} days")}
            </button>
            <label>
                "Times in "
                <select data-testid="clock" on:change=move |e| {
                    let offset = if event_target_value(&e) == "local" { local_offset } else { 0 };
                    view.utc_offset_minutes.set(offset);
                }>
                    <option value="utc" selected=true>"UTC"</option>
                    <option value="local">{format!("local time ({})", zone_name(local_offset))}</option>
                </select>
            </label>
        </section>
    }
}
