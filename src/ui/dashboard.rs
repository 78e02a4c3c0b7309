//! The first view: status line, services with their 30-day availability, the availability
//! curve of the first probe series and the outage timeline.

use std::rc::Rc;

use leptos::prelude::*;

use super::canvas::{ChartCanvas, Painter};
use super::load::Loaded;
use crate::analysis::{overview, Basis, Weights};
use crate::chart::{self, format_availability, Theme};
use crate::model::timefmt::{format_duration_ms, format_utc_minute};
use crate::model::{Level, MS_PER_DAY};

const WINDOW_DAYS: i64 = 30;

fn level_class(level: Level) -> &'static str {
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
    let view_model = overview(&snapshot, WINDOW_DAYS * MS_PER_DAY, &Weights::STRICT);
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
    let curve = snapshot.series.first().filter(|_| dated).map(|series| {
        let title = chart::series_title(&snapshot, series);
        let (snapshot, series) = (snapshot.clone(), series.clone());
        let painter: Painter = Rc::new(move |area, dpr| {
            let width_px = area.dim_in_pixel().0;
            let spec = chart::curve_spec(&snapshot, &series, window, width_px, dpr);
            chart::draw_curve(area, &spec, &Theme::LIGHT).map_err(|e| e.to_string())
        });
        view! {
            <section class="panel">
                <h2>"Rolling 24-hour availability — " {title.clone()}</h2>
                <ChartCanvas
                    testid="availability-curve"
                    label=format!("Rolling 24-hour availability of {title} over the last {WINDOW_DAYS} days")
                    height_css_px=240.0
                    painter=painter
                />
            </section>
        }
    });

    let timeline_height_css_px = chart::timeline_spec(&snapshot, window, 1.0).height_css_px();
    let timeline_painter: Painter = {
        let snapshot = snapshot.clone();
        Rc::new(move |area, dpr| {
            let spec = chart::timeline_spec(&snapshot, window, dpr);
            chart::draw_timeline(area, &spec, &Theme::LIGHT).map_err(|e| e.to_string())
        })
    };

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
        {curve}
        {dated.then(|| view! {
        <section class="panel">
            <h2>{format!("Outage timeline — last {WINDOW_DAYS} days")}</h2>
            <ChartCanvas
                testid="outage-timeline"
                label=format!("Outages of every service over the last {WINDOW_DAYS} days; the table above gives the figures")
                height_css_px=timeline_height_css_px
                painter=timeline_painter
            />
            <ul class="legend">
                {Level::KNOWN
                    .iter()
                    .chain(&[Level::Unknown])
                    .map(|l| view! { <li><span class=format!("swatch {}", level_class(*l))></span>{l.label()}</li> })
                    .collect_view()}
            </ul>
        </section>
        })}
    }
}
