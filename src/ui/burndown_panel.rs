//! The error-budget burn-down of one SLO at a time, with a choice of the service. The spec is a
//! memo of the data, the service chosen, the canvas size and the clock (of its tooltip).

use std::rc::Rc;

use leptos::prelude::*;

use super::chart::{CanvasSize, Chart, CsvExport, Draw, Drawing, Drawn, Hover};
use super::panel::panel_context;
use super::twin_table::{text, Column, TwinTable};
use crate::analysis::{ServiceProfiles, SloWindow};
use crate::chart::{self, BurndownSpec};
use crate::model::format::{format_duration_exact, format_instant};
use crate::model::Snapshot;

const BUDGET_COLUMNS: [Column; 3] = [text("Time"), text("Budget left"), text("Used")];

/// Points drawn along the window: enough for a smooth line, few enough to be cheap.
const POINTS: usize = 480;

/// The burn-down of `service_id`, measured by its shared profile in `profiles`.
fn spec_for(
    snapshot: &Snapshot,
    profiles: &ServiceProfiles,
    service_id: &str,
    scale: f64,
) -> Option<BurndownSpec> {
    let slo = snapshot.service(service_id)?.slo?;
    let window = SloWindow::Rolling { days: slo.window_days.max(1) };
    let profile = profiles.get(service_id)?;
    Some(chart::burndown_spec(
        service_id,
        profile,
        slo.target_ratio,
        window,
        snapshot.as_of_ms,
        POINTS,
        scale,
    ))
}

/// Tooltip of the burn-down at device pixel `x_px`: the time, the budget left and used.
fn burndown_hover(spec: &BurndownSpec, utc_offset_minutes: i32, x_px: f64, width_px: u32) -> Option<Hover> {
    let point = spec.point_at(x_px, width_px)?;
    let remaining = point.remaining_ratio.map_or("no data".to_string(), |r| format!("{:.1} %", r * 100.0));
    Some(Hover {
        lines: vec![
            format_instant(point.t_ms, utc_offset_minutes),
            format!("Budget left {remaining}"),
            format!(
                "Used {} of {}",
                format_duration_exact(point.used_ms),
                format_duration_exact(spec.budget_total_ms)
            ),
        ],
        incident: None,
    })
}

/// The panel, while the view has a service with an SLO.
#[component]
pub fn BurndownPanel() -> impl IntoView {
    let context = panel_context();
    // The ids of the services with an SLO (a list of ids, like the uptime bars' memo: one copy of
    // its code).
    let with_slo = Memo::new(move |_| {
        context.snapshot.with(|snapshot| {
            snapshot
                .services
                .iter()
                .filter(|s| s.slo.is_some() && context.shows_service(&s.id))
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        })
    });
    // Mounted anew only when the list of services with an SLO changes.
    move || {
        let services = with_slo.get();
        (!services.is_empty()).then(|| view! { <Burndown services=services /> })
    }
}

#[component]
fn Burndown(
    /// The ids of the services with an SLO; not empty.
    services: Vec<String>,
) -> impl IntoView {
    let context = panel_context();
    // The service chosen, at first the first with an SLO.
    let selected = RwSignal::new(services.first().cloned());
    let size = RwSignal::new(CanvasSize::default());
    let spec = Memo::new_with_compare(
        move |_| {
            let size = size.get();
            let service_id = selected.get()?;
            // The tooltip's clock: a new clock gives a new hover.
            let offset = context.view.utc_offset_minutes.get();
            size.is_measured()
                .then(|| {
                    let profiles = context.profiles.read();
                    context.snapshot.with(|snapshot| spec_for(snapshot, &profiles, &service_id, size.dpr))
                })
                .flatten()
                .map(|spec| (spec, offset))
        },
        |_, _| true,
    );
    let fixed = Signal::derive(move || {
        spec.with(|s| s.as_ref().map(|(s, _)| crate::model::Span::new(s.window.start_ms, s.window.end_ms)))
            .unwrap_or_default()
    });
    let draw: Draw<(BurndownSpec, i32)> = Rc::new(move |area, (spec, offset), frame| {
        let (width_px, _) = area.dim_in_pixel();
        chart::draw_burndown(area, spec, &frame.theme).map_err(|e| e.to_string())?;
        let (spec, offset) = (spec.clone(), *offset);
        Ok(Drawn {
            x: Some(spec.x_scale(width_px)),
            hit: Box::new(move |x_px, _| burndown_hover(&spec, offset, x_px, width_px)),
            keys: None,
        })
    });
    let csv: CsvExport =
        Rc::new(move |_, _| spec.with_untracked(|s| s.as_ref().map(|(s, _)| s.to_csv()).unwrap_or_default()));
    let summary =
        Signal::derive(move || spec.with(|s| s.as_ref().map(|(s, _)| s.summary()).unwrap_or_default()));
    let rows = move || spec.with(|s| s.as_ref().map(|(s, _)| s.table_rows()).unwrap_or_default());
    let service_id = move || selected.get().unwrap_or_default();
    let chart = view! {
        <Chart
            testid="burndown"
            label=Signal::derive(move || {
                format!("Error budget remaining over the SLO window of {}", service_id())
            })
            height_css_px=220.0
            drawing=Drawing::new(spec, draw)
            size=size
            view=context.view
            fixed_span=fixed
            csv=csv
            export_name=Signal::derive(move || format!("burndown-{}", service_id()))
            on_incident=Callback::new(|_| {})
        >
            <p class="caption" data-testid="burndown-caption">
                {summary}
            </p>
            <details>
                <summary>"Budget over the window"</summary>
                <TwinTable label="Budget over the window, table" columns=&BUDGET_COLUMNS>
                    {move || {
                        rows()
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
    };
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>"Error budget burn-down"</h2>
                <label>
                    "SLO of "
                    <select
                        data-testid="burndown-service"
                        on:change=move |e| selected.set(Some(event_target_value(&e)))
                    >
                        {services
                            .into_iter()
                            .map(|id| {
                                let name = context
                                    .snapshot
                                    .with_untracked(|s| s.service_name(&id).to_string());
                                view! { <option value=id>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            {chart}
        </section>
    }
}
