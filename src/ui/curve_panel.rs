//! The availability curve panel: rolling 24-hour availability of one probe series against its
//! SLO target, with its text twin (summary and the outages it shades).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::chart::{Chart, CsvExport, Drawn, Hover, Painter};
use super::time_view::TimeView;
use super::twin_table::{text, Column, TwinTable};
use crate::chart::{self, CurveSpec};
use crate::model::format::{format_availability, format_duration_exact, format_instant};
use crate::model::{Series, Snapshot};

const OUTAGE_COLUMNS: [Column; 4] = [text("From"), text("To"), text("Duration"), text("Level")];

/// Tooltip of the curve at device x: the time, the rolling figure, and the outage there.
fn curve_hover(snapshot: &Snapshot, spec: &CurveSpec, x_px: f64, width_px: u32) -> Option<Hover> {
    let (t_ms, value) = spec.point_at(x_px, width_px)?;
    let mut lines = vec![
        format_instant(t_ms, spec.utc_offset_minutes),
        format!("24 h availability {}", format_availability(value)),
    ];
    let outage = spec.outage_at(t_ms);
    if let Some(segment) = outage {
        let incident = segment.incident.and_then(|i| snapshot.incidents.get(i));
        if let Some(incident) = incident {
            lines.push(format!("{} — {}", incident.id, incident.title));
        }
        lines.push(format!(
            "{}, {}",
            segment.level.label(),
            format_duration_exact(segment.span.duration_ms() as f64)
        ));
    }
    Some(Hover { lines, incident: outage.and_then(|s| s.incident) })
}

#[component]
pub fn CurvePanel(
    snapshot: Rc<Snapshot>,
    series: Series,
    view: TimeView,
    on_incident: Callback<usize>,
) -> impl IntoView {
    let title = chart::series_title(&snapshot, &series);
    let last: Rc<RefCell<Option<CurveSpec>>> = Rc::new(RefCell::new(None));
    let caption = RwSignal::new(String::new());
    let stepped = RwSignal::new(false);
    let outages = RwSignal::new(Vec::<[String; 4]>::new());
    let source = chart::CurveSource::new(&snapshot, &series, view.bounds);
    let painter: Painter = {
        let last = last.clone();
        Rc::new(move |area, frame| {
            let (width_px, _) = area.dim_in_pixel();
            let mut spec = source.spec(frame.span, width_px, frame.dpr);
            spec.stepped = stepped.get_untracked();
            spec.utc_offset_minutes = frame.utc_offset_minutes;
            chart::draw_curve(area, &spec, &frame.theme).map_err(|e| e.to_string())?;
            caption.set(chart::curve_summary(&spec));
            outages.set(chart::curve_outage_rows(&spec));
            let x = spec.layout(area.dim_in_pixel()).x;
            *last.borrow_mut() = Some(spec.clone());
            let snapshot = snapshot.clone();
            Ok(Drawn {
                x: Some(x),
                hit: Box::new(move |x_px, _| curve_hover(&snapshot, &spec, x_px, width_px)),
            })
        })
    };
    let csv: CsvExport =
        Rc::new(move |_, _| last.borrow().as_ref().map(chart::curve_csv).unwrap_or_default());
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>"Rolling 24-hour availability — " {title.clone()}</h2>
                <label class="toggle">
                    <input
                        type="checkbox"
                        data-testid="curve-stepped"
                        prop:checked=move || stepped.get()
                        on:change=move |e| {
                            stepped.set(event_target_checked(&e));
                            view.repaint();
                        }
                    />
                    " Steps"
                </label>
            </div>
            <Chart
                testid="availability-curve"
                label=format!("Rolling 24-hour availability of {title}")
                height_css_px=240.0
                painter=painter
                view=view
                csv=csv
                export_name="availability-curve".to_string()
                on_incident=on_incident
            >
                <p class="caption" data-testid="availability-curve-caption">
                    {move || caption.get()}
                </p>
                <details>
                    <summary>"Outages shaded on the curve"</summary>
                    <TwinTable label="Outages shaded on the curve, table" columns=&OUTAGE_COLUMNS>
                        {move || {
                            outages
                                .get()
                                .into_iter()
                                .map(|[from, to, duration, level]| {
                                    view! {
                                        <tr>
                                            <td>{from}</td>
                                            <td>{to}</td>
                                            <td class="num">{duration}</td>
                                            <td>{level}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </TwinTable>
                </details>
            </Chart>
        </section>
    }
}
