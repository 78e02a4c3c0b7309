//! The first view: status line, services with their 30-day availability, then the charts —
//! availability curve, outage timeline — sharing one time range and cursor, and the incident a
//! chart click opens.
//!
//! A dashboard is mounted once per screen (view, service, panel, embedding, weights). New data
//! from a refresh reaches it through the `loaded` signal and every figure, table and canvas
//! follows in place: the canvases, the zoom, the scroll position, the focus and an open incident
//! stay. The panels reach the data through one [`PanelContext`].

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::bars_panel::BarsPanel;
use super::burndown_panel::BurndownPanel;
use super::correlations_view::correlations_view;
use super::curve_panel::CurvePanel;
use super::dependencies_panel::dependencies_panel;
use super::history_sync;
use super::incident::IncidentPanel;
use super::incidents_view::{incidents_view, service_incidents};
use super::level_class::level_class;
use super::link::ViewLink;
use super::maintenance::maintenance_list;
use super::monthly_view::monthly_view;
use super::pager::pager;
use super::panel::PanelContext;
use super::perf;
use super::probe_panel::ProbePanel;
use super::regions_view::regions_view;
use super::time_view::{local_utc_offset_minutes, TimeView};
use super::timeline_panel::TimelinePanel;
use crate::analysis::{
    overview, slo_report, summary_of, Basis, Profile, ServiceProfiles, SloWindow, Weights,
};
use crate::model::format::{
    format_availability, format_duration_ms, format_instant, format_utc_minute, zone_name,
};
use crate::model::{Snapshot, Span, StringMap, TimeMs, MS_PER_DAY, MS_PER_MINUTE};
use crate::state::range::{calendar_period, from_input_value, to_input_value, PERIODS, PRESET_DAYS};
use crate::state::{page_of, Clock, ColorScheme, Loaded, Panel, Range, View, ViewState};

const WINDOW_DAYS: i64 = 30;
/// The services table's columns of figures.
const NUMERIC_HEADINGS: [&str; 8] =
    ["24 h", "7 d", "30 d", "90 d", "SLO target", "Budget left", "Left this month", "Downtime 30 d"];
/// How far back zooming out can go: as far as the calendar reaches.
const BOUNDS_DAYS: i64 = crate::chart::CALENDAR_WEEKS as i64 * 7;

#[component]
pub fn Dashboard(
    /// What the sources have published; a refresh replaces it.
    #[prop(into)]
    loaded: Signal<Rc<Loaded>, LocalStorage>,
) -> impl IntoView {
    // The screen as the URL says; mounted alone (in tests) the dashboard has its own default.
    let state = history_sync::use_state().unwrap_or_else(|| RwSignal::new(ViewState::default()));
    let initial = state.get_untracked();
    let only_service = match &initial.view {
        View::Service { id, .. } => Some(id.clone()),
        _ => None,
    };
    // `ViewState::shows` of the address, in a closure that is `Copy`.
    let (only_panel, calendar_shown) = (initial.panel, initial.shows(Panel::Calendar));
    let shows = move |panel: Panel| {
        only_panel.is_none_or(|p| p == panel) && (panel != Panel::Calendar || calendar_shown)
    };
    let snapshot: Signal<Arc<Snapshot>> = Signal::derive(move || loaded.with(|l| l.snapshot.clone()));
    // The address's weights, else the config's: part of the screen, so fixed while it is mounted.
    let weights = initial
        .weights
        .as_deref()
        .and_then(|w| Weights::parse(w).ok())
        .unwrap_or_else(|| loaded.with_untracked(|l| l.weights));
    // Each service's profile once per data, for every figure and chart that reads one (a
    // collected folder's irregular samples make building them most of the work). Read first by
    // the figures, so built inside their measure.
    let profiles =
        Memo::new_with_compare(move |_| snapshot.with(|s| ServiceProfiles::new(s, &weights)), |_, _| true);
    let figures = Memo::new_with_compare(
        move |_| {
            perf::measure("nines:analyze", || {
                snapshot.with(|snapshot| {
                    profiles.with(|profiles| {
                        (
                            overview(snapshot, WINDOW_DAYS * MS_PER_DAY, profiles),
                            summary_of(snapshot, profiles),
                        )
                    })
                })
            })
        },
        |_, _| true,
    );
    // The range the charts share follows the data's as-of time; a zoom stays where it is.
    let as_of_ms = Signal::derive(move || snapshot.with(|s| s.as_of_ms));
    let bounds_at = move |as_of_ms: TimeMs| Span::ending_at(as_of_ms, BOUNDS_DAYS * MS_PER_DAY);
    let offset_of = move |clock: Clock| match clock {
        Clock::Utc => 0,
        Clock::Local => local_utc_offset_minutes(),
    };
    let home_untracked = move || figures.with_untracked(|(overview, _)| overview.window);
    let view = TimeView::new(bounds_at(as_of_ms.get_untracked()), home_untracked(), offset_of(initial.clock));
    view.show(initial.range.visible_span(as_of_ms.get_untracked(), view.bounds.get_untracked()));
    Effect::new(move |previous: Option<TimeMs>| {
        let as_of_ms = as_of_ms.get();
        if previous.is_some_and(|p| p != as_of_ms) {
            view.rebase(bounds_at(as_of_ms), home_untracked());
        }
        as_of_ms
    });
    let redraws =
        Redraws { tables: StoredValue::new(None), service: StoredValue::new(None), page: RwSignal::new(0) };
    sync_range_clock_theme(view, state, as_of_ms, offset_of, redraws);
    let selected = Memo::new(move |_| {
        state.with(|s| {
            let id = s.incident.as_ref()?;
            snapshot.with(|snapshot| snapshot.incidents.iter().position(|i| i.id == *id))
        })
    });
    let on_incident = open_incident(snapshot, state);
    let context = PanelContext {
        snapshot,
        view,
        state,
        weights,
        profiles,
        only_service: StoredValue::new(only_service.clone()),
        on_incident,
    };
    provide_context(context);
    let incident_panel = move || {
        selected.get().map(|index| {
            view! {
                <IncidentPanel
                    snapshot=snapshot.get()
                    index=index
                    utc_offset_minutes=view.utc_offset_minutes.get()
                    on_close=Callback::new(move |_| state.update(|s| s.incident = None))
                />
            }
        })
    };
    // The views of tables only, and a service's dependencies, are drawn anew from new data.
    let summary_shown = initial.panel.is_none();
    let tables_only = matches!(
        initial.view,
        View::Incidents { .. } | View::Regions | View::Correlations | View::Monthly { .. }
    );
    let dependencies_shown = only_service.is_some() && shows(Panel::Dependencies);
    let offset = view.utc_offset_minutes;
    let table_view = table_view(&initial, snapshot, state, weights, dependencies_shown, offset, redraws);
    let charts = (!tables_only).then(|| charts(&initial, shows));
    let service_incidents = only_service.clone().filter(|_| summary_shown).map(|id| {
        move || {
            service_incidents(
                snapshot.get(),
                id.clone(),
                state,
                offset,
                redraws.page,
                Redraws::next(redraws.service),
            )
        }
    });
    let services_table =
        (shows(Panel::Services) && !tables_only).then(|| services_table(loaded, figures, weights, state));
    let maintenance = (summary_shown && !tables_only).then(|| {
        let only_service = only_service.clone();
        move || maintenance_list(snapshot.get(), only_service.as_deref(), offset.get())
    });
    view! {
        {summary_shown.then(|| view! { <Summary loaded=loaded figures=figures view=view /> })}
        {services_table}
        {maintenance}
        {table_view}
        {charts}
        {service_incidents}
        {incident_panel}
    }
}

/// Keeps the time view and the URL state in step: zoom and pan write the range to the URL; back
/// and forward, a typed range and the clock come from it; a new theme repaints the charts.
fn sync_range_clock_theme(
    view: TimeView,
    state: RwSignal<ViewState>,
    as_of_ms: Signal<TimeMs>,
    offset_of: impl Fn(Clock) -> i32 + Send + Sync + 'static,
    redraws: Redraws,
) {
    Effect::new(move |_| {
        let range = Range::from_span(view.visible.get(), as_of_ms.get_untracked());
        if state.with_untracked(|s| s.range != range) {
            state.update(|s| s.range = range);
        }
    });
    Effect::new(move |_| {
        let (range, clock) = state.with(|s| (s.range, s.clock));
        view.show(range.visible_span(as_of_ms.get(), view.bounds.get_untracked()));
        let offset = offset_of(clock);
        if view.utc_offset_minutes.get_untracked() != offset {
            view.utc_offset_minutes.set(offset);
        }
    });
    // Runs after the one above, so the clock is set when the tables drawn anew see it changed.
    Effect::new(move |previous: Option<ColorScheme>| {
        let scheme = state.with(|s| s.theme);
        redraws.page.track();
        if let Some(previous) = previous {
            if previous != scheme {
                view.repaint();
            }
            redraws.changed();
        }
        scheme
    });
}

/// Opens incident `index` (an index into the data's incidents): writes it to the URL, then brings
/// its panel into view and moves focus to its heading.
fn open_incident(snapshot: Signal<Arc<Snapshot>>, state: RwSignal<ViewState>) -> Callback<usize> {
    Callback::new(move |index: usize| {
        let id = snapshot.with_untracked(|s| s.incidents.get(index).map(|i| i.id.clone()));
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
    })
}

/// The views of tables only (incidents, regions, correlations, monthly) and a service's dependencies,
/// drawn anew from new data.
fn table_view(
    initial: &ViewState,
    snapshot: Signal<Arc<Snapshot>>,
    state: RwSignal<ViewState>,
    weights: Weights,
    dependencies_shown: bool,
    offset: RwSignal<i32>,
    redraws: Redraws,
) -> impl IntoView {
    let view_shown = initial.view.clone();
    let service_id = match &initial.view {
        View::Service { id, .. } => id.clone(),
        _ => String::new(),
    };
    move || {
        let snapshot = snapshot.get();
        let changed = Redraws::next(redraws.tables);
        match &view_shown {
            View::Incidents { .. } => {
                incidents_view(snapshot, state, offset, redraws.page, changed).into_any()
            }
            View::Regions => regions_view(snapshot, weights).into_any(),
            View::Correlations => correlations_view(snapshot, weights, state, offset, changed).into_any(),
            View::Monthly { .. } => monthly_view(snapshot, weights, state, changed).into_any(),
            View::Service { .. } if dependencies_shown => {
                dependencies_panel(snapshot, weights, service_id.clone(), state, changed)
            }
            View::Overview | View::Service { .. } => ().into_any(),
        }
    }
}

/// Triggers for content drawn anew with each refresh, which reads the screen's state, the
/// incidents table's `page` and the clock untracked: each drawing takes one of its own
/// ([`Redraws::next`]), fired whenever those change ([`Redraws::changed`], from the effect that
/// follows the state in `sync_range_clock_theme`). Content subscribed to the long-lived signals
/// themselves would leave its effects among their subscribers at every refresh, for good (a
/// dropped effect is never taken out of a signal's subscribers); a trigger goes with the drawing
/// that took it, and its subscribers with it.
#[derive(Clone, Copy)]
struct Redraws {
    /// The trigger of the table view's drawing, and of a service's incidents.
    tables: StoredValue<Option<RwSignal<usize>>>,
    service: StoredValue<Option<RwSignal<usize>>>,
    /// The page of an incidents table (of the incidents view, or of a service's), which outlives
    /// the table drawn anew with each refresh.
    page: RwSignal<usize>,
}

impl Redraws {
    /// A new trigger in `slot`, owned by the drawing's reactive owner.
    fn next(slot: StoredValue<Option<RwSignal<usize>>>) -> RwSignal<usize> {
        let trigger = RwSignal::new(0);
        slot.set_value(Some(trigger));
        trigger
    }

    fn changed(self) {
        let fire = |slot: StoredValue<Option<RwSignal<usize>>>| slot.get_value().map(|t| t.notify());
        fire(self.tables);
        fire(self.service);
    }
}

type Figures = (crate::analysis::Overview, Vec<crate::analysis::ServiceFigures>);

/// The chart panels of the overview and of a service view: the controls, the curve and probe
/// samples of the view's series, the timeline, the uptime bars and the burn-down. Files that only
/// list services carry no time at all, and show none of them.
fn charts(
    initial: &ViewState,
    shows: impl Fn(Panel) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let context = super::panel::panel_context();
    let (view, state, weights) = (context.view, context.state, context.weights);
    // Whether the data has dates at all, and a series for the curve and the samples.
    // (Two memos of a bool rather than one of a pair: the page has bool memos already.)
    let dated = Memo::new(move |_| context.snapshot.with(|s| !s.coverage.is_empty()));
    let has_series =
        Memo::new(move |_| context.snapshot.with(|s| super::curve_panel::view_series(&context, s).is_some()));
    let any_chart =
        [Panel::Curve, Panel::Samples, Panel::Timeline, Panel::UptimeBars, Panel::Calendar, Panel::Burndown]
            .into_iter()
            .any(shows);
    let embed = initial.embed;
    // The curve is built first, alone; the other charts once it has been drawn and painted
    // (`perf::after_paint`), so that it does not wait for their DOM. Without a curve (status
    // pages publish no series) they all come those two frames later.
    let rest_shown = RwSignal::new(false);
    perf::after_paint(Box::new(move || rest_shown.set(true)));
    move || {
        let (dated, has_series) = (dated.get(), has_series.get());
        dated.then(|| {
            view! {
                {(!embed && any_chart)
                    .then(|| view! { <ChartControls view=view state=state weights=weights /> })}
                {(has_series && shows(Panel::Curve)).then(|| view! { <CurvePanel /> })}
                {move || {
                    rest_shown
                        .get()
                        .then(|| {
                            view! {
                                {(has_series && shows(Panel::Samples)).then(|| view! { <ProbePanel /> })}
                                {shows(Panel::Timeline).then(|| view! { <TimelinePanel /> })}
                                {shows(Panel::UptimeBars).then(|| view! { <BarsPanel /> })}
                                {shows(Panel::Calendar).then(|| view! { <BarsPanel calendar=true /> })}
                                {shows(Panel::Burndown).then(|| view! { <BurndownPanel /> })}
                            }
                        })
                }}
            }
        })
    }
}

/// The title, links, status line, as-of time, sources, stale banners and adjusted records: drawn
/// anew from each new data (and clock, which the banners follow).
#[component]
fn Summary(
    loaded: Signal<Rc<Loaded>, LocalStorage>,
    figures: Memo<Figures>,
    view: TimeView,
) -> impl IntoView {
    move || {
        let status = figures.with(|(overview, _)| overview.status.clone());
        view! { <SummaryOf loaded=loaded.get() status=status utc_offset_minutes=view.utc_offset_minutes.get() /> }
    }
}

/// The summary of `loaded`, with times on the clock `utc_offset_minutes` from UTC.
#[component]
fn SummaryOf(
    loaded: Rc<Loaded>,
    status: crate::analysis::OverallStatus,
    utc_offset_minutes: i32,
) -> impl IntoView {
    {
        let offset = utc_offset_minutes;
        let count = loaded.issues.len();
        let issues_note = (count > 0).then(|| {
            let items = loaded.issues.iter().map(|i| view! { <li>{i.to_string()}</li> }).collect_view();
            view! {
                <details class="issues" data-testid="ingest-issues">
                    <summary>{format!("{count} issue{}", if count == 1 { "" } else { "s" })}</summary>
                    <ul>{items}</ul>
                </details>
            }
        });
        // Where the data came from, and what is not current.
        let sources_line = loaded.sources.iter().map(|s| s.describe(offset)).collect::<Vec<_>>().join("; ");
        let sources_line =
            format!("source{} {sources_line}", if loaded.sources.len() > 1 { "s" } else { "" });
        let banners = loaded
            .sources
            .iter()
            .filter_map(|s| s.banner(offset).or_else(|| s.error.clone().map(|e| format!("{}: {e}", s.label))))
            .map(|text| {
                view! {
                    <p class="stale-banner" data-testid="stale-banner" role="status">
                        {text}
                    </p>
                }
            })
            .collect_view();
        let logo = loaded.logo_url.clone().map(|src| view! { <img class="logo" src=src alt="" /> });
        let links = (!loaded.links.is_empty()).then(|| {
            let links = loaded
                .links
                .iter()
                .map(|(label, url)| {
                    view! {
                        <a href=url.clone() rel="noopener noreferrer">
                            {label.clone()}
                        </a>
                    }
                })
                .collect_view();
            view! {
                <nav class="links" aria-label="Links">
                    {links}
                </nav>
            }
        });
        let as_of = if loaded.snapshot.coverage.is_empty() {
            view! {
                <p class="as-of" data-testid="no-dates">
                    "This data carries no dates, so no availability can be computed: it lists the services only."
                    " · "
                    {sources_line}
                </p>
            }
            .into_any()
        } else {
            view! {
                <p class="as-of">
                    "Data as of "
                    <time data-testid="as-of">{format_utc_minute(loaded.snapshot.as_of_ms)}</time> " · "
                    {sources_line}
                </p>
            }
            .into_any()
        };
        view! {
            <section class="summary">
                <div class="title-row">{logo} <h1>{loaded.snapshot.title.clone()}</h1></div>
                {links}
                <p class=format!("status-line {}", level_class(status.level)) data-testid="overall-status">
                    {status.sentence}
                </p>
                {as_of}
                {banners}
                {issues_note}
            </section>
        }
    }
}

/// The services with their availability over 24 h, 7, 30 and 90 days, their SLO and budget.
fn services_table(
    loaded: Signal<Rc<Loaded>, LocalStorage>,
    figures: Memo<Figures>,
    weights: Weights,
    state: RwSignal<ViewState>,
) -> impl IntoView {
    let context = super::panel::panel_context();
    // The table is drawn anew from new data; its scrolling frame stays. Its links do not follow
    // the state (`ViewLink`'s `redrawn`).
    let page = RwSignal::new(0);
    let table = move || {
        // A component's body is not tracked: the page asked is, here.
        page.track();
        let service_sources = loaded.with(|l| l.service_sources.clone());
        view! {
            <ServicesTable
                snapshot=context.snapshot.get()
                figures=figures
                service_sources=service_sources
                state=state
                page=page
            />
        }
    };
    view! {
        <section class="panel">
            <h2>"Services"</h2>
            <p class="caption" data-testid="weights-note">
                {format!("Availability up to the data's as-of time; {}.", weights.describe())}
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Services table">
                {table}
            </div>
        </section>
    }
}

/// The services table of `snapshot`.
#[component]
fn ServicesTable(
    snapshot: Arc<Snapshot>,
    figures: Memo<Figures>,
    service_sources: StringMap,
    state: RwSignal<ViewState>,
    /// The page of rows shown ([`page_of`]).
    page: RwSignal<usize>,
) -> impl IntoView {
    let context = super::panel::panel_context();
    {
        let source_heading = (!service_sources.is_empty()).then(|| view! { <th scope="col">"Source"</th> });
        let (rows, pages) = figures.with(|(overview, figures)| {
            let shown: Vec<_> = overview.services.iter().filter(|s| context.shows_service(&s.id)).collect();
            let (on_page, range) = page_of(shown.len(), page.get_untracked());
            let rows = shown
                .get(range)
                .unwrap_or_default()
                .iter()
                .map(|s| {
                    let budget = context.profiles.with(|p| budget_left(&snapshot, &s.id, p.get(&s.id)));
                    service_row(s, figures, &service_sources, budget, state)
                })
                .collect_view();
            (rows, pager(shown.len(), on_page, page))
        });
        view! {
            <table class="services">
                <thead>
                    <tr>
                        <th scope="col">"Service"</th>
                        <th scope="col" class="group">
                            "Group"
                        </th>
                        <th scope="col">"Now"</th>
                        {NUMERIC_HEADINGS
                            .map(|h| {
                                view! {
                                    <th scope="col" class="num">
                                        {h}
                                    </th>
                                }
                            })
                            .collect_view()}
                        {source_heading}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {pages}
        }
    }
}

/// One service's row of the services table.
fn service_row(
    s: &crate::analysis::ServiceSummary,
    figures: &[crate::analysis::ServiceFigures],
    service_sources: &StringMap,
    budget: [String; 2],
    state: RwSignal<ViewState>,
) -> impl IntoView {
    let [budget, budget_month] = budget;
    let downtime = format_duration_ms(s.availability.downtime_ms.round() as i64);
    let target = s.slo_target_ratio.map(|t| format_availability(Some(t))).unwrap_or_default();
    let below_target =
        matches!((s.availability.availability_ratio, s.slo_target_ratio), (Some(a), Some(t)) if a < t);
    let basis = match s.basis {
        Basis::Incidents => "from incidents",
        Basis::Samples => "from probe samples",
    };
    let window = |name: &str| {
        let figures = figures.iter().find(|f| f.id == s.id)?;
        figures.windows.iter().find(|(n, _)| *n == name).map(|(_, w)| w.availability_ratio)
    };
    let cell = |name: &'static str| {
        let text = format_availability(window(name).flatten());
        view! {
            <td class="num" data-testid=format!("availability-{name}")>
                {text}
            </td>
        }
    };
    let source = (!service_sources.is_empty()).then(|| {
        let label = service_sources.get(&s.id).cloned().unwrap_or_default();
        view! {
            <td class="source" data-testid="service-source">
                {label}
            </td>
        }
    });
    view! {
        <tr data-testid="service-row" data-service-id=s.id.clone()>
            <th scope="row">
                <ViewLink
                    state=state
                    to=View::service(&s.id)
                    label=s.name.clone()
                    testid="service-link"
                    redrawn=true
                />
            </th>
            <td class="group">{s.group.clone().unwrap_or_default()}</td>
            <td>
                <span class=level_class(s.level)>{s.level.label()}</span>
            </td>
            {cell("24h")}
            {cell("7d")}
            <td class="num" class:below-target=below_target data-testid="availability-30d" title=basis>
                {format_availability(s.availability.availability_ratio)}
            </td>
            {cell("90d")}
            <td class="num">{target}</td>
            <td class="num" data-testid="budget-left">
                {budget}
            </td>
            <td class="num" data-testid="budget-left-month">
                {budget_month}
            </td>
            <td class="num">{downtime}</td>
            {source}
        </tr>
    }
}

/// What is left of a service's error budget over its SLO window, then over the calendar month
/// of as-of, by its shared `profile` ([`crate::analysis::SloReport::left_text`]); `—` without
/// an SLO.
fn budget_left(snapshot: &Snapshot, service_id: &str, profile: Option<&Arc<Profile>>) -> [String; 2] {
    let Some(slo) = snapshot.service(service_id).and_then(|s| s.slo) else {
        return ["—".into(), "—".into()];
    };
    let Some(profile) = profile else { return ["no data".into(), "no data".into()] };
    let rolling = SloWindow::Rolling { days: slo.window_days.max(1) };
    [rolling, SloWindow::CalendarMonth]
        .map(|window| slo_report(profile, slo.target_ratio, window, snapshot.as_of_ms).left_text())
}

/// The range shown (shared by the charts), its reset, the clock of every time shown, the theme.
#[component]
fn ChartControls(view: TimeView, state: RwSignal<ViewState>, weights: Weights) -> impl IntoView {
    let range = move || {
        let span = view.visible.get();
        let offset = view.utc_offset_minutes.get();
        format!("{} → {}", format_instant(span.start_ms, offset), format_instant(span.end_ms, offset))
    };
    view! {
        <section class="controls" aria-label="Chart range, clock, theme and weights">
            <span class="range" data-testid="chart-range" aria-live="polite">
                {range}
            </span>
            {range_presets(state)}
            {period_choice(view, state)}
            {custom_range(view, state)}
            <button
                type="button"
                data-testid="chart-reset"
                on:click=move |_| view.reset()
                disabled=move || view.visible.get() == view.home.get()
            >
                "Reset zoom"
            </button>
            {weights_choice(state, weights)}
            {clock_and_theme(state)}
        </section>
    }
}

/// A button per preset range: the last 24 hours, 7 days, ...
fn range_presets(state: RwSignal<ViewState>) -> impl IntoView {
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
    view! {
        <span class="presets" role="group" aria-label="Range">
            {presets}
        </span>
    }
}

/// A custom range typed in, on the clock the page shows; the fields follow zoom and pan.
fn custom_range(view: TimeView, state: RwSignal<ViewState>) -> impl IntoView {
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
    view! {
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
    }
}

/// The weights of the levels: as configured, or one of the presets; what maintenance counts as;
/// the grace period; with the formula in use.
fn weights_choice(state: RwSignal<ViewState>, weights: Weights) -> impl IntoView {
    let name_now = state.with_untracked(|s| s.weights.clone()).unwrap_or_default();
    // Maintenance left out, up or down; a weight in between (from the address or the config) as it is.
    let mut maintenance = vec![("", "left out"), ("0", "counted as up"), ("1", "counted as down")]
        .into_iter()
        .map(|(value, label)| (value.to_string(), label.to_string()))
        .collect::<Vec<_>>();
    if let Some(w) = weights.maintenance.filter(|w| *w != 0.0 && *w != 1.0) {
        maintenance.push((format!("{w}"), format!("counted × {w}")));
    }
    let maintenance_now = weights.maintenance.map_or(String::new(), |w| format!("{w}"));
    let maintenance =
        weight_select("maintenance-weight", maintenance, maintenance_now, state, move |value| Weights {
            maintenance: value.parse::<f64>().ok(),
            ..weights
        });
    // The grace period in minutes: a few choices, and the one in use (`1.5` from the address).
    let grace_now = format!("{}", weights.grace_ms as f64 / MS_PER_MINUTE as f64);
    let mut grace_minutes: Vec<String> = ["0", "1", "5", "15"].map(String::from).into();
    if !grace_minutes.contains(&grace_now) {
        grace_minutes.push(grace_now.clone());
    }
    let grace = grace_minutes
        .into_iter()
        .map(|m| {
            let label = if m == "0" { "none".to_string() } else { format!("{m} min") };
            (m, label)
        })
        .collect();
    let grace = weight_select("grace", grace, grace_now, state, move |value| Weights {
        grace_ms: (value.parse::<f64>().unwrap_or(0.0) * MS_PER_MINUTE as f64).round() as i64,
        ..weights
    });
    // The weights in use: as configured, a preset, or custom (`major=1,partial=0.5`) as it is.
    let mut names = vec![(String::new(), "as configured".to_string())];
    names.extend(Weights::PRESETS.iter().map(|(name, _)| (name.to_string(), name.to_string())));
    if !names.iter().any(|(name, _)| *name == name_now) {
        names.push((name_now.clone(), "custom".into()));
    }
    let pick =
        Callback::new(move |name: String| state.update(|s| s.weights = (!name.is_empty()).then_some(name)));
    view! {
        <label>"Weights " {menu("weights", names, Signal::stored(name_now), pick)}</label>
        <label>"Maintenance " {maintenance}</label>
        <label>"Ignore outages under " {grace}</label>
        <span class="formula" data-testid="weights-formula">
            {weights.describe()}
        </span>
    }
}

/// A menu of `choices` (value, label) with `now` selected; a choice writes the weights `chosen`
/// makes of its value to the address.
fn weight_select(
    testid: &'static str,
    choices: Vec<(String, String)>,
    now: String,
    state: RwSignal<ViewState>,
    chosen: impl Fn(&str) -> Weights + Send + Sync + 'static,
) -> impl IntoView {
    let pick = Callback::new(move |value: String| {
        let weights = chosen(&value);
        state.update(|s| s.weights = Some(weights.to_param()));
    });
    menu(testid, choices, Signal::stored(now), pick)
}

/// A menu of `choices` (value, label) showing `now`; a choice calls `pick` with its value.
fn menu(
    testid: &'static str,
    choices: Vec<(String, String)>,
    now: Signal<String>,
    pick: Callback<String>,
) -> impl IntoView {
    let options = choices
        .into_iter()
        .map(|(value, label)| {
            view! {
                <option value=value.clone() selected=move || now.with(|now| *now == value)>
                    {label}
                </option>
            }
        })
        .collect_view();
    view! {
        <select data-testid=testid on:change=move |e| pick.run(event_target_value(&e))>
            {options}
        </select>
    }
}

/// The calendar periods (`state::range::PERIODS`) on the page's clock: choosing one shows it; the
/// menu names the one shown, if any.
fn period_choice(view: TimeView, state: RwSignal<ViewState>) -> impl IntoView {
    let span_of = move |i: usize| {
        let (_, months, back) = *PERIODS.get(i)?;
        calendar_period(months, back, view.bounds.get().end_ms, view.utc_offset_minutes.get())
    };
    let now = Signal::derive(move || {
        let visible = view.visible.get();
        let shown = (0..PERIODS.len()).find(|i| span_of(*i) == Some(visible));
        shown.map_or(String::new(), |i| i.to_string())
    });
    let pick = Callback::new(move |value: String| {
        if let Some(span) = value.parse().ok().and_then(|i| untrack(|| span_of(i))) {
            state.update(|s| s.range = Range::Custom { start_ms: span.start_ms, end_ms: span.end_ms });
        }
    });
    let choices = std::iter::once((String::new(), "—".to_string()))
        .chain(PERIODS.iter().enumerate().map(|(i, (label, _, _))| (i.to_string(), label.to_string())))
        .collect();
    view! { <label>"Period " {menu("range-period", choices, now, pick)}</label> }
}

/// The clock of every time shown (UTC or local) and the colour scheme.
fn clock_and_theme(state: RwSignal<ViewState>) -> impl IntoView {
    let choices =
        |pairs: &[(&str, &str)]| pairs.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect();
    let local = format!("local time ({})", zone_name(local_utc_offset_minutes()));
    let clock =
        Signal::derive(move || state.with(|s| if s.clock == Clock::Local { "local" } else { "utc" }.into()));
    let pick_clock = Callback::new(move |value: String| {
        state.update(|s| s.clock = if value == "local" { Clock::Local } else { Clock::Utc })
    });
    let theme = Signal::derive(move || {
        state
            .with(|s| match s.theme {
                ColorScheme::Auto => "auto",
                ColorScheme::Light => "light",
                ColorScheme::Dark => "dark",
            })
            .into()
    });
    let pick_theme = Callback::new(move |value: String| {
        let theme = match value.as_str() {
            "light" => ColorScheme::Light,
            "dark" => ColorScheme::Dark,
            _ => ColorScheme::Auto,
        };
        state.update(|s| s.theme = theme);
    });
    view! {
        <label>
            "Times in " {menu("clock", choices(&[("utc", "UTC"), ("local", &local)]), clock, pick_clock)}
        </label>
        <label>
            "Theme "
            {menu(
                "theme",
                choices(&[("auto", "as the system"), ("light", "light"), ("dark", "dark")]),
                theme,
                pick_theme,
            )}
        </label>
    }
}
