//! Uptime bars, 90 days per service, each with its tooltip (exact downtime and the day's
//! incidents) and its text twin, the table of days.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart::{CanvasSize, Chart, CsvExport, Draw, Drawing, Drawn, Hover};
use super::panel::panel_context;
use super::twin_table::{text, Column, TwinTable};
use crate::chart::{self, TimeScale, UptimeBarsSpec};
use crate::model::format::format_availability;
use crate::model::Span;

const DAY_COLUMNS: [Column; 4] = [text("Date"), text("Availability"), text("Downtime"), text("Incidents")];

const DAYS: usize = 90;

/// One service's bars. The spec (the days: figures, table, CSV) is a memo of the data and the
/// clock; it is drawn at the canvas's pixel ratio.
#[component]
fn ServiceBars(service_id: String) -> impl IntoView {
    let context = panel_context();
    let id = StoredValue::new(service_id.clone());
    let days = Memo::new_with_compare(
        move |_| {
            let offset = context.view.utc_offset_minutes.get();
            context.snapshot.with(|snapshot| {
                id.with_value(|id| {
                    let profiles = context.profiles.read();
                    let profile = profiles.get(id)?;
                    let spec = chart::uptime_bars_of_profile(
                        snapshot,
                        (id, None),
                        profile,
                        snapshot.as_of_ms,
                        DAYS,
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
        let spec = UptimeBarsSpec { scale: frame.dpr, ..spec.clone() };
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
                let day = spec.day_at(x_px, width_px)?;
                let incident = spec.bars.get(day).and_then(|b| b.incidents.first()).map(|i| i.index);
                Some(Hover { lines: spec.tooltip(day), incident })
            }),
        })
    });
    let csv: CsvExport = Rc::new(move |_, _| {
        days.with_untracked(|d| d.as_ref().map(UptimeBarsSpec::to_csv).unwrap_or_default())
    });
    let availability = Signal::derive(move || {
        days.with(|d| format_availability(d.as_ref().and_then(|d| d.period_totals().availability_ratio())))
    });
    let rows = move || days.with(|d| d.as_ref().map(UptimeBarsSpec::table_rows).unwrap_or_default());
    view! {
        <div class="bars-row" data-testid="uptime-bars-row" data-service-id=service_id.clone()>
            <h3>
                {name} " " <span class="muted" data-testid="uptime-90d">
                    {availability}
                </span>
            </h3>
            <Chart
                testid="uptime-bars"
                label=Signal::derive(move || {
                    format!("{}: uptime per day over the last {DAYS} days", name.get())
                })
                height_css_px=Signal::derive(move || {
                    days.with(|d| d.as_ref().map_or(0.0, UptimeBarsSpec::height_css_px))
                })
                drawing=Drawing::new(days, draw)
                size=size
                view=context.view
                fixed_span=span
                csv=csv
                export_name=format!("uptime-{service_id}")
                on_incident=context.on_incident
            >
                <details>
                    <summary>{move || format!("{}: the {DAYS} days", name.get())}</summary>
                    <TwinTable
                        label=Signal::derive(move || format!("{}: the {DAYS} days, table", name.get()))
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

#[component]
pub fn BarsPanel() -> impl IntoView {
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
    view! {
        <section class="panel bars">
            <h2>{format!("Uptime — last {DAYS} days")}</h2>
            <p class="caption">
                "Each bar is a day: the coloured part is the share of it that was down, grey where there is no data."
            </p>
            {move || {
                service_ids.get().into_iter().map(|id| view! { <ServiceBars service_id=id /> }).collect_view()
            }}
        </section>
    }
}
