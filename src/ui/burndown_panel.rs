//! The error-budget burn-down of one SLO at a time, with a choice of the service.

use std::rc::Rc;

use leptos::prelude::*;

use super::chart::{Chart, CsvExport, Drawn, Hover, Painter};
use super::time_view::TimeView;
use super::twin_table::{text, Column, TwinTable};
use crate::analysis::{SloWindow, Weights};
use crate::chart::{self, BurndownSpec};
use crate::model::format::{format_duration_exact, format_instant};
use crate::model::Snapshot;

const BUDGET_COLUMNS: [Column; 3] = [text("Time"), text("Budget left"), text("Used")];

/// Points drawn along the window: enough for a smooth line, few enough to be cheap.
const POINTS: usize = 480;

fn spec_for(snapshot: &Snapshot, service_id: &str, weights: &Weights, scale: f64) -> Option<BurndownSpec> {
    let slo = snapshot.service(service_id)?.slo?;
    let window = SloWindow::Rolling { days: slo.window_days.max(1) };
    let as_of_ms = snapshot.as_of_ms;
    Some(chart::burndown_spec(
        snapshot,
        service_id,
        weights,
        slo.target_ratio,
        window,
        as_of_ms,
        POINTS,
        scale,
    ))
}

#[component]
pub fn BurndownPanel(
    snapshot: Rc<Snapshot>,
    view: TimeView,
    /// Only this service's SLO (the service view).
    only_service: Option<String>,
) -> impl IntoView {
    let with_slo: Vec<(String, String)> = snapshot
        .services
        .iter()
        .filter(|s| s.slo.is_some() && only_service.as_ref().is_none_or(|id| *id == s.id))
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let Some((first_id, _)) = with_slo.first().cloned() else {
        return ().into_any();
    };
    let selected = RwSignal::new(first_id);
    let weights = use_context::<Weights>().unwrap_or(Weights::STRICT);
    let snapshot = StoredValue::new_local(snapshot);
    let chart_view = move || {
        let service_id = selected.get();
        let snapshot = snapshot.get_value();
        let Some(first) = spec_for(&snapshot, &service_id, &weights, 1.0) else { return ().into_any() };
        let summary = RwSignal::new(first.summary());
        let rows = RwSignal::new(first.table_rows());
        let fixed = crate::model::Span::new(first.window.start_ms, first.window.end_ms);
        let painter: Painter = {
            let (snapshot, service_id) = (snapshot.clone(), service_id.clone());
            Rc::new(move |area, frame| {
                let (width_px, _) = area.dim_in_pixel();
                let spec = spec_for(&snapshot, &service_id, &weights, frame.dpr).ok_or("no SLO")?;
                chart::draw_burndown(area, &spec, &frame.theme).map_err(|e| e.to_string())?;
                summary.set(spec.summary());
                rows.set(spec.table_rows());
                let offset = frame.utc_offset_minutes;
                Ok(Drawn {
                    x: Some(spec.x_scale(width_px)),
                    hit: Box::new(move |x_px, _| {
                        let point = spec.point_at(x_px, width_px)?;
                        let remaining = point
                            .remaining_ratio
                            .map_or("no data".to_string(), |r| format!("{:.1} %", r * 100.0));
                        Some(Hover {
                            lines: vec![
                                format_instant(point.t_ms, offset),
                                format!("Budget left {remaining}"),
                                format!(
                                    "Used {} of {}",
                                    format_duration_exact(point.used_ms),
                                    format_duration_exact(spec.budget_total_ms)
                                ),
                            ],
                            incident: None,
                        })
                    }),
                })
            })
        };
        let csv: CsvExport = {
            let (snapshot, service_id) = (snapshot.clone(), service_id.clone());
            Rc::new(move |_, _| {
                spec_for(&snapshot, &service_id, &weights, 1.0).map(|s| s.to_csv()).unwrap_or_default()
            })
        };
        view! {
            <Chart
                testid="burndown"
                label=format!("Error budget remaining over the SLO window of {service_id}")
                height_css_px=220.0
                painter=painter
                view=view
                fixed_span=fixed
                csv=csv
                export_name=format!("burndown-{service_id}")
                on_incident=Callback::new(|_| {})
            >
                <p class="caption" data-testid="burndown-caption">
                    {move || summary.get()}
                </p>
                <details>
                    <summary>"Budget over the window"</summary>
                    <TwinTable label="Budget over the window, table" columns=&BUDGET_COLUMNS>
                        {move || {
                            rows.get()
                                .into_iter()
                                .map(|[time, left, used]| {
                                    view! {
                                        <tr>
                                            <td>{time}</td>
                                            <td class="num">{left}</td>
                                            <td class="num">{used}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </TwinTable>
                </details>
            </Chart>
        }
        .into_any()
    };
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>"Error budget burn-down"</h2>
                <label>
                    "SLO of "
                    <select
                        data-testid="burndown-service"
                        on:change=move |e| selected.set(event_target_value(&e))
                    >
                        {with_slo
                            .into_iter()
                            .map(|(id, name)| view! { <option value=id>{name}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
            {chart_view}
        </section>
    }
    .into_any()
}
