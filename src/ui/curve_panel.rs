//! The availability curve panel: rolling 24-hour availability of one probe series against its
//! SLO target, with its text twin (summary and the outages it shades). The series is the view's
//! first (of its service, in a service view); the spec is a memo of it, the range, the canvas
//! size, the clock and the *Steps* option.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart::{CanvasSize, Chart, CsvExport, Draw, Drawing, Drawn, Hover};
use super::panel::{panel_context, PanelContext};
use super::twin_table::{text, Column, TwinTable};
use crate::chart::{self, CurveSource, CurveSpec};
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

/// The series the view's curve and probe samples show: the first of the view's service.
pub fn view_series(context: &PanelContext, snapshot: &Snapshot) -> Option<Series> {
    snapshot.series.iter().find(|s| context.shows_service(&s.service)).cloned()
}

#[component]
pub fn CurvePanel() -> impl IntoView {
    let context = panel_context();
    let view = context.view;
    let stepped = RwSignal::new(false);
    let size = RwSignal::new(CanvasSize::default());
    // The series' running totals and outages, prepared once per data (and bounds).
    let source = Memo::new_with_compare(
        move |_| {
            let snapshot = context.snapshot.get();
            let series = view_series(&context, &snapshot)?;
            let title = chart::series_title(&snapshot, &series);
            let source =
                context.profiles.with(|p| CurveSource::new(&snapshot, &series, view.bounds.get(), p));
            Some((title, source))
        },
        |_, _| true,
    );
    let title = Signal::derive(move || {
        source.with(|s| s.as_ref().map(|(title, _)| title.clone()).unwrap_or_default())
    });
    // Every input of the spec changes it: no comparison of the old spec with the new.
    let spec = Memo::new_with_compare(
        move |_| {
            let size = size.get();
            if !size.is_measured() {
                return None;
            }
            source.with(|source| {
                let (_, source) = source.as_ref()?;
                let mut spec = source.spec(view.visible.get(), size.width_px(), size.dpr);
                spec.stepped = stepped.get();
                spec.utc_offset_minutes = view.utc_offset_minutes.get();
                Some(spec)
            })
        },
        |_, _| true,
    );
    let draw: Draw<CurveSpec> = Rc::new(move |area, spec, frame| {
        chart::draw_curve(area, spec, &frame.theme).map_err(|e| e.to_string())?;
        let (width_px, height_px) = area.dim_in_pixel();
        let (spec, snapshot): (CurveSpec, Arc<Snapshot>) = (spec.clone(), context.snapshot.get_untracked());
        Ok(Drawn {
            x: Some(spec.layout((width_px, height_px)).x),
            hit: Box::new(move |x_px, _| curve_hover(&snapshot, &spec, x_px, width_px)),
            keys: None,
        })
    });
    let csv: CsvExport =
        Rc::new(move |_, _| spec.with_untracked(|s| s.as_ref().map(chart::curve_csv).unwrap_or_default()));
    let caption =
        Signal::derive(move || spec.with(|s| s.as_ref().map(chart::curve_summary).unwrap_or_default()));
    let outages = move || spec.with(|s| s.as_ref().map(chart::curve_outage_rows).unwrap_or_default());
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>"Rolling 24-hour availability — " {title}</h2>
                <label class="toggle">
                    <input
                        type="checkbox"
                        data-testid="curve-stepped"
                        prop:checked=move || stepped.get()
                        on:change=move |e| stepped.set(event_target_checked(&e))
                    />
                    " Steps"
                </label>
            </div>
            <Chart
                testid="availability-curve"
                label=Signal::derive(move || format!("Rolling 24-hour availability of {}", title.get()))
                height_css_px=240.0
                drawing=Drawing::new(spec, draw)
                size=size
                view=view
                csv=csv
                export_name="availability-curve".to_string()
                on_incident=context.on_incident
            >
                <p class="caption" data-testid="availability-curve-caption">
                    {caption}
                </p>
                <details>
                    <summary>"Outages shaded on the curve"</summary>
                    <TwinTable label="Outages shaded on the curve, table" columns=&OUTAGE_COLUMNS>
                        {move || {
                            outages()
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
