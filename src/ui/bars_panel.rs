//! Uptime bars, 90 days per service, each with its tooltip (exact downtime and the day's
//! incidents) and its text twin, the table of days.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart::{Chart, CsvExport, Drawn, Hover, Painter};
use super::time_view::TimeView;
use super::twin_table::{text, Column, TwinTable};
use crate::analysis::Weights;
use crate::chart::{self, TimeScale};
use crate::model::format::format_availability;
use crate::model::{Snapshot, Span};

const DAY_COLUMNS: [Column; 4] = [text("Date"), text("Availability"), text("Downtime"), text("Incidents")];

const DAYS: usize = 90;

#[component]
fn ServiceBars(
    snapshot: Rc<Snapshot>,
    service_id: String,
    view: TimeView,
    on_incident: Callback<usize>,
) -> impl IntoView {
    let name = snapshot.service(&service_id).map_or(service_id.clone(), |s| s.name.clone());
    let weights = use_context::<Weights>().unwrap_or(Weights::STRICT);
    let build = {
        let (snapshot, service_id) = (snapshot.clone(), service_id.clone());
        move |utc_offset_minutes: i32, scale: f64| {
            let as_of_ms = snapshot.as_of_ms;
            chart::uptime_bars_spec(
                &snapshot,
                &service_id,
                None,
                &weights,
                as_of_ms,
                DAYS,
                utc_offset_minutes,
                scale,
            )
        }
    };
    let first = build(0, 1.0);
    let span = Span::new(
        first.bars.first().map_or(snapshot.as_of_ms, |b| b.span.start_ms),
        first.bars.last().map_or(snapshot.as_of_ms, |b| b.span.end_ms),
    );
    let height_css_px = first.height_css_px();
    let rows = RwSignal::new(first.table_rows());
    let availability = RwSignal::new(format_availability(first.period_totals().availability_ratio()));
    let painter: Painter = {
        let build = build.clone();
        Rc::new(move |area, frame| {
            let (width_px, height_px) = area.dim_in_pixel();
            let spec = build(frame.utc_offset_minutes, frame.dpr);
            chart::draw_uptime_bars(area, &spec, &frame.theme).map_err(|e| e.to_string())?;
            rows.set(spec.table_rows());
            availability.set(format_availability(spec.period_totals().availability_ratio()));
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
        })
    };
    let csv: CsvExport = Rc::new(move |_, offset| build(offset, 1.0).to_csv());
    let testid_service = service_id.clone();
    view! {
        <div class="bars-row" data-testid="uptime-bars-row" data-service-id=testid_service>
            <h3>
                {name.clone()} " " <span class="muted" data-testid="uptime-90d">
                    {move || availability.get()}
                </span>
            </h3>
            <Chart
                testid="uptime-bars"
                label=format!("{name}: uptime per day over the last {DAYS} days")
                height_css_px=height_css_px
                painter=painter
                view=view
                fixed_span=span
                csv=csv
                export_name=format!("uptime-{service_id}")
                on_incident=on_incident
            >
                <details>
                    <summary>{format!("{name}: the {DAYS} days")}</summary>
                    <TwinTable label=format!("{name}: the {DAYS} days, table") columns=&DAY_COLUMNS>
                        {move || {
                            rows.get()
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
pub fn BarsPanel(
    snapshot: Rc<Snapshot>,
    view: TimeView,
    on_incident: Callback<usize>,
    /// Only this service's bars (the service view).
    only_service: Option<String>,
) -> impl IntoView {
    let rows = snapshot
        .services
        .iter()
        .filter(|s| only_service.as_ref().is_none_or(|id| *id == s.id))
        .map(|s| view! { <ServiceBars snapshot=snapshot.clone() service_id=s.id.clone() view=view on_incident=on_incident /> })
        .collect_view();
    view! {
        <section class="panel bars">
            <h2>{format!("Uptime — last {DAYS} days")}</h2>
            <p class="caption">
                "Each bar is a day: the coloured part is the share of it that was down, grey where there is no data."
            </p>
            {rows}
        </section>
    }
}
