//! The outage timeline panel: every service (or service × region) over the view's range, with
//! its text twin, the table of the outages in view. The spec is a memo of the data, the range,
//! the canvas size, the clock and the row choice; only the rows shown are built.

use std::rc::Rc;

use leptos::prelude::*;

use super::canvas::fill_timeline_bars;
use super::chart::{CanvasSize, Chart, CsvExport, Draw, Drawing, Drawn, Hover};
use super::panel::panel_context;
use super::twin_table::{text, Column, TwinTable};
use crate::chart::{self, BarFill, OutageRow, TimelineSpec, LEGEND_LEVELS};
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
pub fn TimelinePanel() -> impl IntoView {
    let context = panel_context();
    let (view, on_incident) = (context.view, context.on_incident);
    let only_service = context.only_service;
    let by_region = RwSignal::new(only_service.with_value(Option::is_some));
    let size = RwSignal::new(CanvasSize::default());
    // The spec with the outages in view (for the caption, the table and the CSV).
    let spec = Memo::new_with_compare(
        move |_| {
            let size = size.get();
            if !size.is_measured() {
                return None;
            }
            let (span, by_region, offset) =
                (view.visible.get(), by_region.get(), view.utc_offset_minutes.get());
            context.snapshot.with(|snapshot| {
                let mut spec = only_service.with_value(|only| {
                    chart::timeline_spec(snapshot, span, size.dpr, by_region, only.as_deref())
                });
                spec.utc_offset_minutes = offset;
                let rows = chart::timeline_outages(&spec, snapshot);
                let caption = chart::timeline_summary(&rows, span, offset);
                Some((spec, rows, caption))
            })
        },
        |_, _| true,
    );
    let height_css_px = Signal::derive(move || {
        let by_region = by_region.get();
        context.snapshot.with(|snapshot| {
            only_service
                .with_value(|only| chart::timeline_height_css_px(snapshot, by_region, only.as_deref()))
        })
    });
    let draw: Draw<(TimelineSpec, Vec<OutageRow>, String)> = Rc::new(move |area, (spec, _, _), frame| {
        let (width_px, _) = area.dim_in_pixel();
        let columns = spec.columns(width_px);
        fill_timeline_bars(&frame.canvas, spec, &columns, &frame.theme)?;
        chart::draw_timeline_layers(area, spec, &frame.theme, &columns, BarFill::Prefilled)
            .map_err(|e| e.to_string())?;
        let (spec, snapshot) = (spec.clone(), context.snapshot.get_untracked());
        Ok(Drawn {
            x: Some(spec.layout(width_px).x),
            hit: Box::new(move |x_px, y_px| timeline_hover(&snapshot, &spec, x_px, y_px, width_px)),
            keys: None,
        })
    });
    let csv: CsvExport = Rc::new(move |_, _| {
        spec.with_untracked(|s| s.as_ref().map(|(_, rows, _)| chart::timeline_csv(rows)).unwrap_or_default())
    });
    let caption =
        Signal::derive(move || spec.with(|s| s.as_ref().map(|(_, _, c)| c.clone()).unwrap_or_default()));
    let outages = move || spec.with(|s| s.as_ref().map(|(_, rows, _)| rows.clone()).unwrap_or_default());
    let at = move |t_ms| format_instant(t_ms, view.utc_offset_minutes.get());
    let chart_view = view! {
        <Chart
            testid="outage-timeline"
            label="Outages of every service over time; third-party outages are hatched"
            height_css_px=height_css_px
            drawing=Drawing::new(spec, draw)
            size=size
            view=view
            csv=csv
            export_name="outage-timeline"
            on_incident=on_incident
        >
            <p class="caption" data-testid="outage-timeline-caption">
                {caption}
            </p>
            <details>
                <summary>"Outages in view"</summary>
                <TwinTable label="Outages in view, table" columns=&OUTAGE_COLUMNS testid="outage-table">
                    {move || outages().into_iter().map(|o| outage_row(o, on_incident, at)).collect_view()}
                </TwinTable>
            </details>
        </Chart>
    };
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
            {timeline_legend()}
            {time_in_levels(spec)}
        </section>
    }
}

/// One outage of the table: the incident opens its panel.
fn outage_row(o: OutageRow, on_incident: Callback<usize>, at: impl Fn(i64) -> String) -> impl IntoView {
    let incident = match o.incident_id.is_empty() {
        true => o.title.clone(),
        false => format!("{} — {}", o.incident_id, o.title),
    };
    let incident = match o.incident {
        Some(index) => view! {
            <button type="button" class="link" on:click=move |_| on_incident.run(index)>
                {incident}
            </button>
        }
        .into_any(),
        None => view! { <span>{incident}</span> }.into_any(),
    };
    let origin = if o.origin == Origin::ThirdParty { "Third party" } else { o.origin.as_str() };
    view! {
        <tr data-testid="outage-row">
            <td>{o.row_label.clone()}</td>
            <td>{incident}</td>
            <td>{o.level.label()}</td>
            <td>{origin}</td>
            <td>{at(o.span.start_ms)}</td>
            <td>{at(o.span.end_ms)}</td>
            <td class="num" data-testid="outage-duration">
                {format_duration_exact(o.span.duration_ms() as f64)}
            </td>
        </tr>
    }
}

/// The spec of the panel: the timeline, its outages and its caption.
type PanelSpec = Memo<Option<(TimelineSpec, Vec<OutageRow>, String)>>;

/// The legend's figures: how long each row spent in each level over the range shown.
fn time_in_levels(spec: PanelSpec) -> impl IntoView {
    let headings = LEGEND_LEVELS
        .map(|l| {
            view! {
                <th scope="col" class="num">
                    <span class=format!("swatch {}", super::level_class::level_class(l))></span>
                    {l.label()}
                </th>
            }
        })
        .collect_view();
    let rows = move || {
        spec.with(|s| {
            let Some((spec, _, _)) = s else { return Vec::new() };
            spec.rows.iter().map(|r| (r.label.clone(), r.time_in_levels(spec.span))).collect::<Vec<_>>()
        })
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Time in each state, table">
            <table class="services" data-testid="time-in-levels">
                <caption class="caption">"Time in each state over the range shown"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Row"</th>
                        {headings}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows()
                            .into_iter()
                            .map(|(label, time_ms)| {
                                view! {
                                    <tr data-testid="time-in-levels-row">
                                        <th scope="row">{label}</th>
                                        {time_ms
                                            .map(|ms| {
                                                view! {
                                                    <td class="num">{format_duration_exact(ms as f64)}</td>
                                                }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// The levels' swatches, and the hatching of third-party outages.
fn timeline_legend() -> impl IntoView {
    let levels = LEGEND_LEVELS
        .map(|l| {
            view! {
                <li>
                    <span class=format!("swatch {}", super::level_class::level_class(l))></span>
                    {l.label()}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="legend">
            {levels} <li>
                <span class="swatch hatched"></span>
                "Third-party origin (hatched)"
            </li>
        </ul>
    }
}
