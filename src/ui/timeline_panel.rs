//! The outage timeline panel: every service (or service × region) over the view's range, with
//! its text twin, the table of the outages in view.

use std::rc::Rc;

use leptos::prelude::*;

use super::canvas::fill_timeline_bars;
use super::chart::{Chart, CsvExport, Drawn, Hover, Painter};
use super::time_view::TimeView;
use super::twin_table::{text, Column, TwinTable};
use crate::chart::{self, BarFill, OutageRow, TimelineSpec};
use crate::model::format::{format_duration_exact, format_instant};
use crate::model::{Level, Origin, Snapshot};

/// The outage table's columns.
const OUTAGE_COLUMNS: [Column; 7] = [
    text("Service"),
    text("Incident"),
    text("Level"),
    text("Origin"),
    text("From"),
    text("To"),
    text("Duration"),
];

/// Tooltip of the timeline at a device pixel: the row, and the outage under the pointer.
fn timeline_hover(
    snapshot: &Snapshot,
    spec: &TimelineSpec,
    x_px: f64,
    y_px: f64,
    width_px: u32,
) -> Option<Hover> {
    let hit = spec.hit(x_px, y_px, width_px)?;
    let row = spec.rows.get(hit.row)?;
    let mut lines = vec![row.label.clone(), format_instant(hit.t_ms, spec.utc_offset_minutes)];
    let segment = hit.segment.and_then(|i| row.segments.get(i));
    match segment {
        Some(segment) => {
            if let Some(incident) = segment.incident.and_then(|i| snapshot.incidents.get(i)) {
                lines.push(format!("{} — {}", incident.id, incident.title));
            }
            let origin = if segment.origin == Origin::ThirdParty { " · third party" } else { "" };
            lines.push(format!("{}{origin}", segment.level.label()));
            lines.push(format!(
                "{} → {} ({})",
                format_instant(segment.span.start_ms, spec.utc_offset_minutes),
                format_instant(segment.span.end_ms, spec.utc_offset_minutes),
                format_duration_exact(segment.span.duration_ms() as f64)
            ));
        }
        None => lines.push(Level::Ok.label().to_string()),
    }
    Some(Hover { lines, incident: segment.and_then(|s| s.incident) })
}

#[component]
pub fn TimelinePanel(
    snapshot: Rc<Snapshot>,
    view: TimeView,
    on_incident: Callback<usize>,
    /// Only this service's rows, one per region (the service view).
    only_service: Option<String>,
) -> impl IntoView {
    let by_region = RwSignal::new(only_service.is_some());
    let only_service = StoredValue::new(only_service);
    let snapshot = StoredValue::new_local(snapshot);
    let chart_view = move || {
        let by_region = by_region.get();
        let snapshot = snapshot.get_value();
        // Only the rows shown are built.
        let spec_of = move |snapshot: &Snapshot, span, scale| {
            only_service
                .with_value(|only| chart::timeline_spec(snapshot, span, scale, by_region, only.as_deref()))
        };
        let height_css_px = only_service
            .with_value(|only| chart::timeline_height_css_px(&snapshot, by_region, only.as_deref()));
        let outages = RwSignal::new(Vec::<OutageRow>::new());
        let caption = RwSignal::new(String::new());
        let offset = view.utc_offset_minutes;
        let painter: Painter = {
            let snapshot = snapshot.clone();
            Rc::new(move |area, frame| {
                let (width_px, _) = area.dim_in_pixel();
                let mut spec = spec_of(&snapshot, frame.span, frame.dpr);
                spec.utc_offset_minutes = frame.utc_offset_minutes;
                let columns = spec.columns(width_px);
                fill_timeline_bars(&frame.canvas, &spec, &columns, &frame.theme)?;
                chart::draw_timeline_layers(area, &spec, &frame.theme, &columns, BarFill::Prefilled)
                    .map_err(|e| e.to_string())?;
                let rows = chart::timeline_outages(&spec, &snapshot);
                caption.set(chart::timeline_summary(&rows, frame.span, frame.utc_offset_minutes));
                outages.set(rows);
                let x = spec.layout(width_px).x;
                let snapshot = snapshot.clone();
                Ok(Drawn {
                    x: Some(x),
                    hit: Box::new(move |x_px, y_px| timeline_hover(&snapshot, &spec, x_px, y_px, width_px)),
                })
            })
        };
        let csv: CsvExport = Rc::new(move |_, _| outages.with_untracked(|rows| chart::timeline_csv(rows)));
        let at = move |t_ms| format_instant(t_ms, offset.get());
        view! {
            <Chart
                testid="outage-timeline"
                label="Outages of every service over time; third-party outages are hatched".to_string()
                height_css_px=height_css_px
                painter=painter
                view=view
                csv=csv
                export_name="outage-timeline".to_string()
                on_incident=on_incident
            >
                <p class="caption" data-testid="outage-timeline-caption">
                    {move || caption.get()}
                </p>
                <details>
                    <summary>"Outages in view"</summary>
                    <TwinTable label="Outages in view, table" columns=&OUTAGE_COLUMNS testid="outage-table">
                        {move || {
                            outages
                                .get()
                                .into_iter()
                                .map(|o| {
                                    let incident = match o.incident_id.is_empty() {
                                        true => o.title.clone(),
                                        false => format!("{} — {}", o.incident_id, o.title),
                                    };
                                    let open = o.incident;
                                    view! {
                                        <tr data-testid="outage-row">
                                            <td>{o.row_label.clone()}</td>
                                            <td>
                                                {match open {
                                                    Some(index) => {
                                                        view! {
                                                            <button
                                                                type="button"
                                                                class="link"
                                                                on:click=move |_| on_incident.run(index)
                                                            >
                                                                {incident}
                                                            </button>
                                                        }
                                                            .into_any()
                                                    }
                                                    None => view! { <span>{incident}</span> }.into_any(),
                                                }}
                                            </td>
                                            <td>{o.level.label()}</td>
                                            <td>
                                                {if o.origin == Origin::ThirdParty {
                                                    "Third party"
                                                } else {
                                                    o.origin.as_str()
                                                }}
                                            </td>
                                            <td>{at(o.span.start_ms)}</td>
                                            <td>{at(o.span.end_ms)}</td>
                                            <td class="num" data-testid="outage-duration">
                                                {format_duration_exact(o.span.duration_ms() as f64)}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </TwinTable>
                </details>
            </Chart>
        }
    };
    let legend = Level::KNOWN
        .iter()
        .chain(&[Level::Unknown])
        .map(|l| {
            view! {
                <li>
                    <span class=format!("swatch {}", super::level_class::level_class(*l))></span>
                    {l.label()}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>"Outage timeline"</h2>
                <label class="toggle">
                    <input
                        type="checkbox"
                        data-testid="timeline-by-region"
                        prop:checked=move || by_region.get()
                        on:change=move |e| by_region.set(event_target_checked(&e))
                    />
                    " One row per region"
                </label>
            </div>
            {chart_view}
            <ul class="legend">
                {legend} <li>
                    <span class="swatch hatched"></span>
                    "Third-party origin (hatched)"
                </li>
            </ul>
        </section>
    }
}
