//! Uptime bars, 90 days per service, or the calendar heatmap of a year per service: each day
//! with its tooltip (exact downtime, maintenance and the day's incidents) and their text twin, the
//! table of days. A click on a bar opens its incident; a click on a calendar day zooms the
//! charts to that day.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart::{CanvasSize, Chart, CsvExport, Draw, Drawing, Drawn, Hover};
use super::panel::panel_context;
use super::twin_table::{text, Column, TwinTable};
use crate::chart::{self, CalendarLayout, TimeScale, UptimeBarsSpec};
use crate::model::format::format_availability;
use crate::model::Span;

const DAY_COLUMNS: [Column; 4] = [text("Date"), text("Availability"), text("Downtime"), text("Incidents")];

/// The uptime bars' days (the headings say "90 days").
const DAYS: usize = 90;

/// One service's bars, or its calendar. The spec (the days: figures, table, CSV) is a memo of
/// the data and the clock; it is drawn at the canvas's pixel ratio.
#[component]
fn ServiceBars(service_id: String, calendar: bool) -> impl IntoView {
    let context = panel_context();
    let id = StoredValue::new(service_id.clone());
    let days = Memo::new_with_compare(
        move |_| {
            let offset = context.view.utc_offset_minutes.get();
            context.snapshot.with(|snapshot| {
                id.with_value(|id| {
                    let profiles = context.profiles.read();
                    let profile = profiles.get(id)?;
                    let as_of_ms = snapshot.as_of_ms;
                    let days = if calendar { chart::calendar_days(as_of_ms, offset) } else { DAYS };
                    let spec = chart::uptime_bars_of_profile(
                        snapshot,
                        (id, None),
                        profile,
                        as_of_ms,
                        days,
                        offset,
                        1.0,
                    );
                    Some(spec)
                })
            })
        },
        |_, _| true,
    );
    let name = Signal::derive(move || {
        context.snapshot.with(|s| id.with_value(|id| s.service(id).map_or(id.clone(), |s| s.name.clone())))
    });
    let size = RwSignal::new(CanvasSize::default());
    let span = Signal::derive(move || {
        days.with(|d| {
            d.as_ref().map_or_else(Span::default, |d| {
                Span::new(
                    d.bars.first().map_or(d.as_of_ms, |b| b.span.start_ms),
                    d.bars.last().map_or(d.as_of_ms, |b| b.span.end_ms),
                )
            })
        })
    });
    let draw: Draw<UptimeBarsSpec> = Rc::new(move |area, spec, frame| {
        let (width_px, height_px) = area.dim_in_pixel();
        let spec = Rc::new(UptimeBarsSpec { scale: frame.dpr, ..spec.clone() });
        let (days, hit_spec) = (spec.bars.len(), spec.clone());
        if calendar {
            chart::draw_calendar(area, &spec, &frame.theme).map_err(|e| e.to_string())?;
            let layout = CalendarLayout::of(&spec, width_px);
            return Ok(Drawn {
                x: None,
                // A click on a day zooms to it (`zoom_to_day`).
                hit: Box::new(move |x_px, y_px| {
                    let day = layout?.day_at(x_px, y_px, days)?;
                    Some(Hover { lines: hit_spec.tooltip(day), incident: Some(day) })
                }),
                keys: Some(Box::new(move |from, key| {
                    let layout = layout?;
                    let day =
                        chart::step_day(days, from.and_then(|(x, y)| layout.day_at(x, y, days)), key, true)?;
                    let (x0, y0, x1, y1) = layout.cell(day);
                    Some((f64::from(x0 + x1) / 2.0, f64::from(y0 + y1) / 2.0))
                })),
            });
        }
        chart::draw_uptime_bars(area, &spec, &frame.theme).map_err(|e| e.to_string())?;
        let layout = spec.layout(width_px, height_px);
        // Bars are days: the cursor of other charts lands on the day it falls in.
        let x = TimeScale {
            span: Span::new(
                spec.bars.first().map_or(0, |b| b.span.start_ms),
                spec.bars.last().map_or(0, |b| b.span.end_ms),
            ),
            left_px: layout.left_px,
            right_px: layout.right_px,
        };
        Ok(Drawn {
            x: Some(x),
            hit: Box::new(move |x_px, _| {
                let day = hit_spec.day_at(x_px, width_px)?;
                let incident = hit_spec.bars.get(day).and_then(|b| b.incidents.first()).map(|i| i.index);
                Some(Hover { lines: hit_spec.tooltip(day), incident })
            }),
            keys: Some(Box::new(move |from, key| {
                let day =
                    chart::step_day(days, from.and_then(|(x, _)| spec.day_at(x, width_px)), key, false)?;
                let (x0, x1) = spec.bar_x_range(day, width_px)?;
                Some((f64::from(x0 + x1) / 2.0, f64::from(layout.top_px + layout.bottom_px) / 2.0))
            })),
        })
    });
    let csv: CsvExport = Rc::new(move |_, _| {
        days.with_untracked(|d| d.as_ref().map(UptimeBarsSpec::to_csv).unwrap_or_default())
    });
    let availability = Signal::derive(move || {
        days.with(|d| format_availability(d.as_ref().and_then(|d| d.period_totals().availability_ratio())))
    });
    let rows = move || days.with(|d| d.as_ref().map(UptimeBarsSpec::table_rows).unwrap_or_default());
    // The calendar's click: the charts show that day.
    let zoom_to_day = Callback::new(move |day: usize| {
        if let Some(span) = days.with_untracked(|d| d.as_ref()?.bars.get(day).map(|b| b.span)) {
            context.view.show(span);
        }
    });
    let (kind, period) = if calendar { ("calendar", "year") } else { ("uptime-bars", "90 days") };
    let (row_id, figure_id) = if calendar {
        ("calendar-row", "calendar-availability")
    } else {
        ("uptime-bars-row", "uptime-bars-availability")
    };
    view! {
        <div class="bars-row" data-testid=row_id data-service-id=service_id.clone()>
            <h3>
                {name} " " <span class="muted" data-testid=figure_id>
                    {availability}
                </span>
            </h3>
            <Chart
                testid=kind
                label=Signal::derive(move || {
                    let days = if calendar { "the last year, weeks by weekdays" } else { "the last 90 days" };
                    format!("{}: uptime per day over {days}", name.get())
                })
                height_css_px=Signal::derive(move || {
                    if calendar {
                        return chart::calendar_height_css_px();
                    }
                    days.with(|d| d.as_ref().map_or(0.0, UptimeBarsSpec::height_css_px))
                })
                drawing=Drawing::new(days, draw)
                size=size
                view=context.view
                fixed_span=span
                csv=csv
                export_name=format!("{}-{service_id}", if calendar { "calendar" } else { "uptime" })
                on_incident=if calendar { zoom_to_day } else { context.on_incident }
            >
                <details>
                    <summary>{move || format!("{}: the {period}, day by day", name.get())}</summary>
                    <TwinTable
                        label=Signal::derive(move || format!("{}: the {period}, table", name.get()))
                        columns=&DAY_COLUMNS
                    >
                        {move || {
                            rows()
                                .into_iter()
                                .map(|[date, availability, downtime, incidents]| {
                                    view! {
                                        <tr>
                                            <td>{date}</td>
                                            <td class="num">{availability}</td>
                                            <td class="num">{downtime}</td>
                                            <td>{incidents}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </TwinTable>
                </details>
            </Chart>
        </div>
    }
}

/// The uptime bars of every service shown, or with `calendar` their calendars.
#[component]
pub fn BarsPanel(#[prop(optional)] calendar: bool) -> impl IntoView {
    let context = panel_context();
    let service_ids = Memo::new(move |_| {
        context.snapshot.with(|s| {
            s.services
                .iter()
                .filter(|s| context.shows_service(&s.id))
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let (heading, caption) = if calendar {
        (
            "Uptime — the last year",
            "Each cell is a day, the weeks in columns: the coloured part is the share of it that was down, grey where there is no data; a blue frame marks maintenance. Click a day to zoom to it.",
        )
    } else {
        (
            "Uptime — last 90 days",
            "Each bar is a day: the coloured part is the share of it that was down, grey where there is no data.",
        )
    };
    view! {
        <section class="panel bars" data-testid=if calendar { "calendar-panel" } else { "uptime-bars-panel" }>
            <h2>{heading}</h2>
            <p class="caption">{caption}</p>
            {move || {
                service_ids
                    .get()
                    .into_iter()
                    .map(|id| view! { <ServiceBars service_id=id calendar=calendar /> })
                    .collect_view()
            }}
        </section>
    }
}
