//! The first view: status line, services with their 30-day availability, then the charts —
//! availability curve, outage timeline — sharing one time range and cursor, and the incident a
//! chart click opens.

use std::rc::Rc;

use leptos::prelude::*;

use super::bars_panel::BarsPanel;
use super::burndown_panel::BurndownPanel;
use super::correlations_view::CorrelationsView;
use super::curve_panel::CurvePanel;
use super::dependencies_panel::DependenciesPanel;
use super::history_sync;
use super::incident::IncidentPanel;
use super::incidents_view::{IncidentsView, ServiceIncidents};
use super::level_class::level_class;
use super::link::ViewLink;
use super::perf;
use super::probe_panel::ProbePanel;
use super::regions_view::RegionsView;
use super::time_view::{local_utc_offset_minutes, TimeView};
use super::timeline_panel::TimelinePanel;
use crate::analysis::{overview, slo_report, summary, Basis, Profile, SloWindow, Weights};
use crate::model::format::{
    format_availability, format_duration_ms, format_instant, format_utc_minute, zone_name,
};
use crate::model::{Span, TimeMs, MS_PER_DAY};
use crate::state::range::{from_input_value, to_input_value, PRESET_DAYS};
use crate::state::{Clock, ColorScheme, Loaded, Panel, Range, View, ViewState};

const WINDOW_DAYS: i64 = 30;
/// How far back zooming out can go.
const BOUNDS_DAYS: i64 = 90;

#[component]
pub fn Dashboard(loaded: Rc<Loaded>) -> impl IntoView {
    // The screen as the URL says; mounted alone (in tests) the dashboard has its own default.
    let state = history_sync::use_state().unwrap_or_else(|| RwSignal::new(ViewState::default()));
    let initial = state.get_untracked();
    let only_service = match &initial.view {
        View::Service { id, .. } => Some(id.clone()),
        _ => None,
    };
    let shows = move |panel: Panel| initial.panel.is_none_or(|p| p == panel);
    let snapshot = Rc::new(loaded.snapshot.clone());
    // The address's weights, else the config's.
    let weights = initial.weights.as_deref().and_then(|w| Weights::parse(w).ok()).unwrap_or(loaded.weights);
    let (view_model, figures) = perf::measure("nines:analyze", || {
        (overview(&snapshot, WINDOW_DAYS * MS_PER_DAY, &weights), summary(&snapshot, &weights))
    });
    // Every panel counts downtime with the same weights.
    provide_context(weights);
    let window = view_model.window;
    let issue_count = loaded.issues.len();
    let issues_note = (issue_count > 0).then(|| {
        view! {
            <details class="issues" data-testid="ingest-issues">
                <summary>{format!("{issue_count} records adjusted or skipped")}</summary>
                <ul>{loaded.issues.iter().map(|i| view! { <li>{i.to_string()}</li> }).collect_view()}</ul>
            </details>
        }
    });

    let service_sources = loaded.service_sources.clone();
    let several_sources = !service_sources.is_empty();
    let rows = view_model
        .services
        .iter()
        .filter(|s| only_service.as_ref().is_none_or(|id| *id == s.id))
        .map(|s| {
            let downtime = format_duration_ms(s.availability.downtime_ms.round() as i64);
            let target = s.slo_target_ratio.map(|t| format_availability(Some(t))).unwrap_or_default();
            let below_target = matches!((s.availability.availability_ratio, s.slo_target_ratio), (Some(a), Some(t)) if a < t);
            let basis = match s.basis {
                Basis::Incidents => "from incidents",
                Basis::Samples => "from probe samples",
            };
            let window = |name: &str| {
                let figures = figures.iter().find(|f| f.id == s.id)?;
                figures.windows.iter().find(|(n, _)| *n == name).map(|(_, w)| w.availability_ratio)
            };
            let cell = move |name: &'static str| {
                view! {
                    <td class="num" data-testid=format!("availability-{name}")>
                        {format_availability(window(name).flatten())}
                    </td>
                }
            };
            let budget = budget_left(&snapshot, &s.id, &weights);
            view! {
                <tr data-testid="service-row" data-service-id=s.id.clone()>
                    <th scope="row">
                        <ViewLink
                            state=state
                            to=View::service(&s.id)
                            label=s.name.clone()
                            testid="service-link"
                        />
                    </th>
                    <td class="group">{s.group.clone().unwrap_or_default()}</td>
                    <td>
                        <span class=level_class(s.level)>{s.level.label()}</span>
                    </td>
                    {cell("24h")}
                    {cell("7d")}
                    <td
                        class="num"
                        class:below-target=below_target
                        data-testid="availability-30d"
                        title=basis
                    >
                        {format_availability(s.availability.availability_ratio)}
                    </td>
                    {cell("90d")}
                    <td class="num">{target}</td>
                    <td class="num" data-testid="budget-left">
                        {budget}
                    </td>
                    <td class="num">{downtime}</td>
                    {several_sources
                        .then(|| {
                            view! {
                                <td class="source" data-testid="service-source">
                                    {service_sources.get(&s.id).cloned().unwrap_or_default()}
                                </td>
                            }
                        })}
                </tr>
            }
        })
        .collect_view();

    // Files that only list services (configurations, badges) carry no time at all.
    let dated = !snapshot.coverage.is_empty();
    let as_of_ms = snapshot.as_of_ms;
    let bounds = Span::ending_at(as_of_ms, BOUNDS_DAYS * MS_PER_DAY);
    let offset_of = move |clock: Clock| match clock {
        Clock::Utc => 0,
        Clock::Local => local_utc_offset_minutes(),
    };
    let view = TimeView::new(bounds, window, offset_of(initial.clock));
    view.show(initial.range.visible_span(as_of_ms, bounds));
    // Zoom and pan write the range to the URL; back and forward (and the clock) come from it.
    Effect::new(move |_| {
        let range = Range::from_span(view.visible.get(), as_of_ms);
        if state.with_untracked(|s| s.range != range) {
            state.update(|s| s.range = range);
        }
    });
    Effect::new(move |_| {
        let (range, clock) = state.with(|s| (s.range, s.clock));
        view.show(range.visible_span(as_of_ms, bounds));
        let offset = offset_of(clock);
        if view.utc_offset_minutes.get_untracked() != offset {
            view.utc_offset_minutes.set(offset);
        }
    });
    Effect::new(move |previous: Option<ColorScheme>| {
        let theme = state.with(|s| s.theme);
        if previous.is_some_and(|p| p != theme) {
            view.repaint();
        }
        theme
    });
    let incident_ids = StoredValue::new(snapshot.incidents.iter().map(|i| i.id.clone()).collect::<Vec<_>>());
    let selected = Memo::new(move |_| {
        state.with(|s| {
            let id = s.incident.as_ref()?;
            incident_ids.with_value(|ids| ids.iter().position(|i| i == id))
        })
    });
    let on_incident = Callback::new(move |index: usize| {
        let id = incident_ids.with_value(|ids| ids.get(index).cloned());
        state.update(|s| s.incident = id);
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
                        on_close=Callback::new(move |_| state.update(|s| s.incident = None))
                    />
                }
            })
        }
    };
    let incidents_view = matches!(initial.view, View::Incidents { .. }).then(|| {
        let offset = view.utc_offset_minutes;
        view! { <IncidentsView snapshot=snapshot.clone() state=state utc_offset_minutes=Signal::from(offset) /> }
    });
    let regions_view = matches!(initial.view, View::Regions)
        .then(|| view! { <RegionsView snapshot=snapshot.clone() weights=weights /> });
    let correlations_view = matches!(initial.view, View::Correlations).then(|| {
        let offset = view.utc_offset_minutes;
        view! {
            <CorrelationsView
                snapshot=snapshot.clone()
                weights=weights
                state=state
                utc_offset_minutes=Signal::from(offset)
            />
        }
    });
    let other_view = incidents_view.is_some() || regions_view.is_some() || correlations_view.is_some();
    let any_chart = [Panel::Curve, Panel::Samples, Panel::Timeline, Panel::UptimeBars, Panel::Burndown]
        .into_iter()
        .any(shows);
    let charts = (dated && !other_view).then(|| {
        let series =
            snapshot.series.iter().find(|s| only_service.as_ref().is_none_or(|id| *id == s.service)).cloned();
        let curve = series.filter(|_| shows(Panel::Curve) || shows(Panel::Samples)).map(|series| {
            view! {
                {shows(Panel::Curve)
                    .then(|| {
                        view! {
                            <CurvePanel
                                snapshot=snapshot.clone()
                                series=series.clone()
                                view=view
                                on_incident=on_incident
                            />
                        }
                    })}
                {shows(Panel::Samples)
                    .then(|| view! { <ProbePanel snapshot=snapshot.clone() series=series view=view /> })}
            }
        });
        view! {
            {(!initial.embed && any_chart)
                .then(|| view! { <ChartControls view=view state=state weights=weights /> })}
            {curve}
            {shows(Panel::Timeline)
                .then(|| {
                    view! {
                        <TimelinePanel
                            snapshot=snapshot.clone()
                            view=view
                            on_incident=on_incident
                            only_service=only_service.clone()
                        />
                    }
                })}
            {shows(Panel::UptimeBars)
                .then(|| {
                    view! {
                        <BarsPanel
                            snapshot=snapshot.clone()
                            view=view
                            on_incident=on_incident
                            only_service=only_service.clone()
                        />
                    }
                })}
            {shows(Panel::Burndown)
                .then(|| {
                    view! {
                        <BurndownPanel
                            snapshot=snapshot.clone()
                            view=view
                            only_service=only_service.clone()
                        />
                    }
                })}
        }
    });

    let summary_shown = initial.panel.is_none();
    let dependencies = only_service.clone().filter(|_| shows(Panel::Dependencies)).map(|id| {
        view! { <DependenciesPanel snapshot=snapshot.clone() weights=weights service_id=id state=state /> }
    });
    let service_incidents = only_service.clone().filter(|_| summary_shown).map(|id| {
        let offset = view.utc_offset_minutes;
        view! {
            <ServiceIncidents
                snapshot=snapshot.clone()
                service_id=id
                state=state
                utc_offset_minutes=Signal::from(offset)
            />
        }
    });
    // Where the data came from, and what is not current.
    let sources_line = loaded
        .sources
        .iter()
        .map(|s| {
            let format = s.format.map(|f| format!(", {f}")).unwrap_or_default();
            let cached = if s.cached { ", cached" } else { "" };
            format!("{} ({}{format}{cached})", s.label, s.url)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let sources_line = format!("source{} {sources_line}", if loaded.sources.len() > 1 { "s" } else { "" });
    // Banners follow the page's clock.
    let banners = {
        let sources = StoredValue::new_local(loaded.sources.clone());
        move || {
            let offset = view.utc_offset_minutes.get();
            sources.with_value(|sources| {
                sources
                    .iter()
                    .filter_map(|s| {
                        s.banner(offset).or_else(|| s.error.clone().map(|e| format!("{}: {e}", s.label)))
                    })
                    .map(|text| {
                        view! {
                            <p class="stale-banner" data-testid="stale-banner" role="status">
                                {text}
                            </p>
                        }
                    })
                    .collect_view()
            })
        }
    };
    view! {
        {summary_shown
            .then(|| {
                view! {
                    <section class="summary">
                        <div class="title-row">
                            {loaded.logo_url.clone().map(|src| view! { <img class="logo" src=src alt="" /> })}
                            <h1>{snapshot.title.clone()}</h1>
                        </div>
                        {(!loaded.links.is_empty())
                            .then(|| {
                                view! {
                                    <nav class="links" aria-label="Links">
                                        {loaded
                                            .links
                                            .iter()
                                            .map(|(label, url)| {
                                                view! {
                                                    <a href=url.clone() rel="noopener noreferrer">
                                                        {label.clone()}
                                                    </a>
                                                }
                                            })
                                            .collect_view()}
                                    </nav>
                                }
                            })}
                        <p
                            class=format!("status-line {}", level_class(view_model.status.level))
                            data-testid="overall-status"
                        >
                            {view_model.status.sentence.clone()}
                        </p>
                        {if dated {
                            view! {
                                <p class="as-of">
                                    "Data as of "
                                    <time data-testid="as-of">{format_utc_minute(snapshot.as_of_ms)}</time>
                                    " · " {sources_line.clone()}
                                </p>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p class="as-of" data-testid="no-dates">
                                    "This data carries no dates, so no availability can be computed: it lists the services only."
                                    " · "
                                    {sources_line.clone()}
                                </p>
                            }
                                .into_any()
                        }}
                        {banners}
                        {issues_note}
                    </section>
                }
            })}
        {(shows(Panel::Services)
            && !matches!(initial.view, View::Incidents { .. } | View::Regions | View::Correlations))
            .then(|| {
                view! {
                    <section class="panel">
                        <h2>"Services"</h2>
                        <p class="caption" data-testid="weights-note">
                            {format!("Availability up to the data's as-of time; {}.", weights.describe())}
                        </p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Services table">
                            <table class="services">
                                <thead>
                                    <tr>
                                        <th scope="col">"Service"</th>
                                        <th scope="col" class="group">
                                            "Group"
                                        </th>
                                        <th scope="col">"Now"</th>
                                        <th scope="col" class="num">
                                            "24 h"
                                        </th>
                                        <th scope="col" class="num">
                                            "7 d"
                                        </th>
                                        <th scope="col" class="num">
                                            "30 d"
                                        </th>
                                        <th scope="col" class="num">
                                            "90 d"
                                        </th>
                                        <th scope="col" class="num">
                                            "SLO target"
                                        </th>
                                        <th scope="col" class="num">
                                            "Budget left"
                                        </th>
                                        <th scope="col" class="num">
                                            "Downtime 30 d"
                                        </th>
                                        {several_sources.then(|| view! { <th scope="col">"Source"</th> })}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    </section>
                }
            })}
        {dependencies}
        {incidents_view}
        {regions_view}
        {correlations_view}
        {charts}
        {service_incidents}
        {incident_panel}
    }
}

/// What is left of a service's error budget over its SLO window, `—` without an SLO.
fn budget_left(snapshot: &crate::model::Snapshot, service_id: &str, weights: &Weights) -> String {
    let Some(slo) = snapshot.service(service_id).and_then(|s| s.slo) else { return "—".into() };
    let profile = Profile::for_service(snapshot, service_id, None, weights);
    let window = SloWindow::Rolling { days: slo.window_days.max(1) };
    match slo_report(&profile, slo.target_ratio, window, snapshot.as_of_ms).budget_remaining_ratio {
        Some(ratio) if ratio <= 0.0 => "spent".into(),
        Some(ratio) => format!("{:.0} %", (ratio * 100.0).floor()),
        None => "no data".into(),
    }
}

/// The range shown (shared by the charts), its reset, the clock of every time shown, the theme.
#[component]
fn ChartControls(view: TimeView, state: RwSignal<ViewState>, weights: Weights) -> impl IntoView {
    let local_offset = local_utc_offset_minutes();
    let range = move || {
        let span = view.visible.get();
        let offset = view.utc_offset_minutes.get();
        format!("{} → {}", format_instant(span.start_ms, offset), format_instant(span.end_ms, offset))
    };
    let clock = move || state.with(|s| s.clock);
    let theme = move || state.with(|s| s.theme);
    let preset = move || state.with(|s| s.range);
    let presets = PRESET_DAYS
        .iter()
        .map(|&days| {
            let label = if days == 1 { "24 h".to_string() } else { format!("{days} d") };
            view! {
                <button
                    type="button"
                    data-testid=format!("range-{days}d")
                    aria-pressed=move || (preset() == Range::Preset { days }).to_string()
                    on:click=move |_| state.update(|s| s.range = Range::Preset { days })
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    // A custom range typed in, on the clock the page shows; the fields follow zoom and pan.
    let field = move |at: fn(Span) -> TimeMs| {
        move || to_input_value(at(view.visible.get()), view.utc_offset_minutes.get())
    };
    let set_range_edge = move |e: leptos::ev::Event, start: bool| {
        let input = event_target::<web_sys::HtmlInputElement>(&e);
        let offset = view.utc_offset_minutes.get_untracked();
        let visible = view.visible.get_untracked();
        let range = from_input_value(&input.value(), offset).and_then(|t_ms| {
            let (start_ms, end_ms) = if start { (t_ms, visible.end_ms) } else { (visible.start_ms, t_ms) };
            (start_ms < end_ms).then_some(Range::Custom { start_ms, end_ms })
        });
        match range {
            Some(range) => state.update(|s| s.range = range),
            // Not a range: the field goes back to what the charts show.
            None => input
                .set_value(&to_input_value(if start { visible.start_ms } else { visible.end_ms }, offset)),
        }
    };
    let zone = move || zone_name(view.utc_offset_minutes.get());
    let weights_name = move || state.with(|s| s.weights.clone()).unwrap_or_default();
    view! {
        <section class="controls" aria-label="Chart range, clock, theme and weights">
            <span class="range" data-testid="chart-range" aria-live="polite">
                {range}
            </span>
            <span class="presets" role="group" aria-label="Range">
                {presets}
            </span>
            <span class="custom-range" role="group" aria-label="Custom range">
                <label>
                    "From "
                    <input
                        type="datetime-local"
                        data-testid="range-from"
                        prop:value=field(|s| s.start_ms)
                        on:change=move |e| set_range_edge(e, true)
                    />
                </label>
                <label>
                    " to "
                    <input
                        type="datetime-local"
                        data-testid="range-to"
                        prop:value=field(|s| s.end_ms)
                        on:change=move |e| set_range_edge(e, false)
                    />
                </label>
                <span class="zone">{zone}</span>
            </span>
            <button
                type="button"
                data-testid="chart-reset"
                on:click=move |_| view.reset()
                disabled=move || view.visible.get() == view.home
            >
                "Reset zoom"
            </button>
            <label>
                "Weights "
                <select
                    data-testid="weights"
                    on:change=move |e| {
                        let name = event_target_value(&e);
                        state.update(|s| s.weights = (!name.is_empty()).then_some(name));
                    }
                >
                    <option value="" selected=move || weights_name().is_empty()>
                        "as configured"
                    </option>
                    {Weights::PRESETS
                        .iter()
                        .map(|(name, _)| {
                            let name = *name;
                            view! {
                                <option value=name selected=move || weights_name() == name>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select> <span class="formula" data-testid="weights-formula">
                    {weights.describe()}
                </span>
            </label>
            <label>
                "Times in "
                <select
                    data-testid="clock"
                    on:change=move |e| {
                        let clock = if event_target_value(&e) == "local" { Clock::Local } else { Clock::Utc };
                        state.update(|s| s.clock = clock);
                    }
                >
                    <option value="utc" selected=move || clock() == Clock::Utc>
                        "UTC"
                    </option>
                    <option value="local" selected=move || clock() == Clock::Local>
                        {format!("local time ({})", zone_name(local_offset))}
                    </option>
                </select>
            </label>
            <label>
                "Theme "
                <select
                    data-testid="theme"
                    on:change=move |e| {
                        let theme = match event_target_value(&e).as_str() {
                            "light" => ColorScheme::Light,
                            "dark" => ColorScheme::Dark,
                            _ => ColorScheme::Auto,
                        };
                        state.update(|s| s.theme = theme);
                    }
                >
                    <option value="auto" selected=move || theme() == ColorScheme::Auto>
                        "as the system"
                    </option>
                    <option value="light" selected=move || theme() == ColorScheme::Light>
                        "light"
                    </option>
                    <option value="dark" selected=move || theme() == ColorScheme::Dark>
                        "dark"
                    </option>
                </select>
            </label>
        </section>
    }
}
