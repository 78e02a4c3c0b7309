//! The probe samples of one series as they were measured — up-ratio, or response time when the
//! source has it — decimated per pixel column (first, min, max, last) from a min/max pyramid
//! built once, so zooming and panning through months of one-minute samples stays O(width).

use std::rc::Rc;

use leptos::prelude::*;

use super::chart::{Chart, CsvExport, Drawn, Hover, Painter};
use super::time_view::TimeView;
use crate::chart::{self, MinMaxPyramid, SeriesView};
use crate::model::format::{format_instant, format_latency_ms, format_rfc3339, format_up_ratio};
use crate::model::{Samples, Series, Snapshot};

/// What the probe chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Measure {
    Up,
    ResponseTime,
}

/// The samples of `series` as (time ms, value): up-ratios, or response times in ms.
fn sample_points(series: &Series, measure: Measure) -> (Vec<f64>, Vec<f64>) {
    let values: Vec<f64> = match measure {
        Measure::Up => series.samples.up_ratio().iter().map(|v| f64::from(*v)).collect(),
        Measure::ResponseTime => series.latency_ms.iter().map(|v| f64::from(*v)).collect(),
    };
    let times: Vec<f64> = match &series.samples {
        Samples::Regular { start_ms, step_ms, up_ratio } => {
            (0..up_ratio.len()).map(|i| (start_ms + step_ms * i as i64) as f64).collect()
        }
        Samples::Irregular { times_ms, .. } => times_ms.iter().map(|t| *t as f64).collect(),
    };
    (times, values)
}

fn format_value(measure: Measure, value: f64) -> String {
    match measure {
        Measure::Up => format_up_ratio(value),
        Measure::ResponseTime => format_latency_ms(value),
    }
}

#[component]
pub fn ProbePanel(snapshot: Rc<Snapshot>, series: Series, view: TimeView) -> impl IntoView {
    let title = chart::series_title(&snapshot, &series);
    let has_latency = !series.latency_ms.is_empty();
    let measure = RwSignal::new(Measure::Up);
    let series = StoredValue::new_local(series);
    let chart_view = move || {
        let measure = measure.get();
        let (xs, ys) = series.with_value(|s| sample_points(s, measure));
        let pyramid = Rc::new(MinMaxPyramid::new(xs, ys));
        let caption = RwSignal::new(String::new());
        let painter: Painter = {
            let pyramid = pyramid.clone();
            Rc::new(move |area, frame| {
                let (width_px, height_px) = area.dim_in_pixel();
                let (x_start, x_end) = (frame.span.start_ms as f64, frame.span.end_ms as f64);
                let in_view = pyramid.min_max(pyramid.index_at(x_start)..pyramid.index_at(x_end));
                let (y_min, y_max) = match measure {
                    Measure::Up => (0.0, 1.0),
                    Measure::ResponseTime => (0.0, in_view.max_y.max(1.0) * 1.1),
                };
                let view = SeriesView {
                    x_start,
                    x_end,
                    y_min,
                    y_max,
                    scale: frame.dpr,
                    utc_offset_minutes: frame.utc_offset_minutes,
                };
                chart::draw_series(area, &pyramid, view, &frame.theme).map_err(|e| e.to_string())?;
                let samples = pyramid.index_at(x_end) - pyramid.index_at(x_start);
                caption.set(match in_view.min_y.is_finite() {
                    true => format!(
                        "{samples} samples in view, from {} to {}{}.",
                        format_value(measure, in_view.min_y),
                        format_value(measure, in_view.max_y),
                        if in_view.has_gap { ", with gaps where there was no data" } else { "" }
                    ),
                    false => format!("{samples} samples in view, none with data."),
                });
                let rect = view.plot_rect(width_px, height_px);
                let x = view.time_scale(&rect);
                let pyramid = pyramid.clone();
                let offset = frame.utc_offset_minutes;
                Ok(Drawn {
                    x: Some(x),
                    hit: Box::new(move |x_px, _| {
                        if x_px < f64::from(x.left_px) || x_px >= f64::from(x.right_px) {
                            return None;
                        }
                        let column_px = x_px.floor();
                        let (from, to) =
                            (x.ms_from_px(column_px) as f64, x.ms_from_px(column_px + 1.0) as f64);
                        let (first, end) =
                            (pyramid.index_at(from), pyramid.index_at(to).max(pyramid.index_at(from) + 1));
                        let range = pyramid.min_max(first..end);
                        let value = match (range.min_y.is_finite(), range.min_y == range.max_y) {
                            (false, _) => "no data".to_string(),
                            (true, true) => format_value(measure, range.min_y),
                            (true, false) => format!(
                                "{} to {}",
                                format_value(measure, range.min_y),
                                format_value(measure, range.max_y)
                            ),
                        };
                        Some(Hover {
                            lines: vec![format_instant(from as i64, offset), value],
                            incident: None,
                        })
                    }),
                })
            })
        };
        let csv: CsvExport = {
            let pyramid = pyramid.clone();
            Rc::new(move |span, _| {
                let (first, end) =
                    (pyramid.index_at(span.start_ms as f64), pyramid.index_at(span.end_ms as f64));
                let rows: Vec<[String; 2]> = (first..end)
                    .filter_map(|i| pyramid.sample(i))
                    .map(|(t, v)| {
                        [format_rfc3339(t as i64), if v.is_nan() { String::new() } else { v.to_string() }]
                    })
                    .collect();
                let header = match measure {
                    Measure::Up => "time,up_ratio",
                    Measure::ResponseTime => "time,response_time_ms",
                };
                chart::csv_document(header, &rows)
            })
        };
        let label = match measure {
            Measure::Up => "Probe results (1 up, 0 down) of ",
            Measure::ResponseTime => "Response time in milliseconds of ",
        };
        view! {
            <Chart
                testid="probe-samples"
                label=format!("{label}{}", series.with_value(|s| s.service.clone()))
                height_css_px=180.0
                painter=painter
                view=view
                csv=csv
                export_name="probe-samples".to_string()
                on_incident=Callback::new(|_| {})
            >
                <p class="caption" data-testid="probe-samples-caption">
                    {move || caption.get()}
                </p>
            </Chart>
        }
    };
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>"Probe samples — " {title}</h2>
                {has_latency
                    .then(|| {
                        view! {
                            <label>
                                "Show "
                                <select
                                    data-testid="probe-measure"
                                    on:change=move |e| {
                                        measure
                                            .set(
                                                if event_target_value(&e) == "latency" {
                                                    Measure::ResponseTime
                                                } else {
                                                    Measure::Up
                                                },
                                            );
                                    }
                                >
                                    <option value="up">"up or down"</option>
                                    <option value="latency">"response time"</option>
                                </select>
                            </label>
                        }
                    })}
            </div>
            {chart_view}
        </section>
    }
}
