//! The probe samples of one series as they were measured — up-ratio, or response time when the
//! source has it — decimated per pixel column (first, min, max, last) from a min/max pyramid
//! built once per data and measure, so zooming and panning through months of one-minute samples
//! stays O(width).

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::chart::{CanvasSize, Chart, CsvExport, Draw, Drawing, Drawn, Hover};
use super::curve_panel::view_series;
use super::panel::panel_context;
use crate::chart::{self, MinMaxPyramid, SeriesView, TimeScale};
use crate::model::format::{format_instant, format_latency_ms, format_rfc3339, format_up_ratio};
use crate::model::{Samples, Series, Span};

/// What the probe chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Measure {
    Up,
    ResponseTime,
}

/// The pyramid of `series`'s samples by time in ms: up-ratios, or response times in ms (as many as
/// there are samples).
fn sample_pyramid(series: &Series, measure: Measure) -> MinMaxPyramid {
    let mut values: Vec<f32> = match measure {
        Measure::Up => series.samples.up_ratio().to_vec(),
        Measure::ResponseTime => series.latency_ms.clone(),
    };
    values.truncate(series.samples.len());
    match &series.samples {
        // A regular series' times stay implicit: no array of them.
        Samples::Regular { start_ms, step_ms, .. } => {
            MinMaxPyramid::regular(*start_ms as f64, *step_ms as f64, values)
        }
        Samples::Irregular { times_ms, .. } => {
            MinMaxPyramid::new(times_ms.iter().map(|t| *t as f64).collect::<Vec<_>>(), values)
        }
    }
}

fn format_value(measure: Measure, value: f64) -> String {
    match measure {
        Measure::Up => format_up_ratio(value),
        Measure::ResponseTime => format_latency_ms(value),
    }
}

/// The view's series as the probe chart reads it: the pyramid of the measure shown.
struct ProbeData {
    title: String,
    service: String,
    has_latency: bool,
    pyramid: Arc<MinMaxPyramid>,
    measure: Measure,
}

/// What the probe chart draws: the window onto the pyramid of the measure shown, and its summary.
#[derive(Clone)]
struct ProbeSpec {
    pyramid: Arc<MinMaxPyramid>,
    measure: Measure,
    view: SeriesView,
    caption: String,
}

impl ProbeSpec {
    fn new(
        pyramid: Arc<MinMaxPyramid>,
        measure: Measure,
        span: Span,
        dpr: f64,
        utc_offset_minutes: i32,
    ) -> Self {
        let (x_start, x_end) = (span.start_ms as f64, span.end_ms as f64);
        let in_view = pyramid.min_max(pyramid.index_at(x_start)..pyramid.index_at(x_end));
        let (y_min, y_max) = match measure {
            Measure::Up => (0.0, 1.0),
            Measure::ResponseTime => (0.0, in_view.max_y.max(1.0) * 1.1),
        };
        let view = SeriesView { x_start, x_end, y_min, y_max, scale: dpr, utc_offset_minutes };
        let samples = pyramid.index_at(x_end) - pyramid.index_at(x_start);
        let caption = match in_view.min_y.is_finite() {
            true => format!(
                "{samples} samples in view, from {} to {}{}.",
                format_value(measure, in_view.min_y),
                format_value(measure, in_view.max_y),
                if in_view.has_gap { ", with gaps where there was no data" } else { "" }
            ),
            false => format!("{samples} samples in view, none with data."),
        };
        ProbeSpec { pyramid, measure, view, caption }
    }

    /// The time and the value (or range of values) in pixel column `x_px`.
    fn hover(&self, x: &TimeScale, x_px: f64) -> Option<Hover> {
        if x_px < f64::from(x.left_px) || x_px >= f64::from(x.right_px) {
            return None;
        }
        let (pyramid, measure) = (&self.pyramid, self.measure);
        let column_px = x_px.floor();
        let (from, to) = (x.ms_from_px(column_px) as f64, x.ms_from_px(column_px + 1.0) as f64);
        let (first, end) = (pyramid.index_at(from), pyramid.index_at(to).max(pyramid.index_at(from) + 1));
        let range = pyramid.min_max(first..end);
        let value = match (range.min_y.is_finite(), range.min_y == range.max_y) {
            (false, _) => "no data".to_string(),
            (true, true) => format_value(measure, range.min_y),
            (true, false) => {
                format!("{} to {}", format_value(measure, range.min_y), format_value(measure, range.max_y))
            }
        };
        Some(Hover {
            lines: vec![format_instant(from as i64, self.view.utc_offset_minutes), value],
            incident: None,
        })
    }

    /// The samples in `span` as CSV.
    fn csv(&self, span: Span) -> String {
        let pyramid = &self.pyramid;
        let (first, end) = (pyramid.index_at(span.start_ms as f64), pyramid.index_at(span.end_ms as f64));
        let rows: Vec<[String; 2]> = (first..end)
            .filter_map(|i| pyramid.sample(i))
            .map(|(t, v)| [format_rfc3339(t as i64), if v.is_nan() { String::new() } else { v.to_string() }])
            .collect();
        let header = match self.measure {
            Measure::Up => "time,up_ratio",
            Measure::ResponseTime => "time,response_time_ms",
        };
        chart::csv_document(header, &rows)
    }
}

#[component]
pub fn ProbePanel() -> impl IntoView {
    let context = panel_context();
    let view = context.view;
    let measure = RwSignal::new(Measure::Up);
    let size = RwSignal::new(CanvasSize::default());
    // The series (its title, whether it has response times) and the pyramid of the measure shown,
    // built once per data and measure.
    let data = Memo::new_with_compare(
        move |_| {
            let measure = measure.get();
            let snapshot = context.snapshot.get();
            let series = view_series(&context, &snapshot)?;
            Some(ProbeData {
                title: chart::series_title(&snapshot, &series),
                service: series.service.clone(),
                has_latency: !series.latency_ms.is_empty(),
                pyramid: Arc::new(sample_pyramid(&series, measure)),
                measure,
            })
        },
        |_, _| true,
    );
    let spec = Memo::new_with_compare(
        move |_| {
            let size = size.get();
            let (pyramid, measure) = data.with(|d| d.as_ref().map(|d| (d.pyramid.clone(), d.measure)))?;
            size.is_measured().then(|| {
                let (span, offset) = (view.visible.get(), view.utc_offset_minutes.get());
                ProbeSpec::new(pyramid, measure, span, size.dpr, offset)
            })
        },
        |_, _| true,
    );
    let draw: Draw<ProbeSpec> = Rc::new(move |area, spec, frame| {
        chart::draw_series(area, &spec.pyramid, spec.view, &frame.theme, true).map_err(|e| e.to_string())?;
        let (width_px, height_px) = area.dim_in_pixel();
        let x = spec.view.time_scale(&spec.view.plot_rect(width_px, height_px));
        let spec = spec.clone();
        Ok(Drawn { x: Some(x), hit: Box::new(move |x_px, _| spec.hover(&x, x_px)), keys: None })
    });
    let csv: CsvExport =
        Rc::new(move |span, _| spec.with_untracked(|s| s.as_ref().map(|s| s.csv(span)).unwrap_or_default()));
    let title =
        Signal::derive(move || data.with(|d| d.as_ref().map(|d| d.title.clone()).unwrap_or_default()));
    let has_latency = move || data.with(|d| d.as_ref().is_some_and(|d| d.has_latency));
    let label = Signal::derive(move || {
        data.with(|d| {
            let Some(d) = d else { return String::new() };
            match d.measure {
                Measure::Up => format!("Probe results (1 up, 0 down) of {}", d.service),
                Measure::ResponseTime => format!("Response time in milliseconds of {}", d.service),
            }
        })
    });
    let caption =
        Signal::derive(move || spec.with(|s| s.as_ref().map(|s| s.caption.clone()).unwrap_or_default()));
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>"Probe samples — " {title}</h2>
                {move || {
                    has_latency()
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
                        })
                }}
            </div>
            <Chart
                testid="probe-samples"
                label=label
                height_css_px=180.0
                drawing=Drawing::new(spec, draw)
                size=size
                view=view
                csv=csv
                export_name="probe-samples".to_string()
                on_incident=Callback::new(|_| {})
            >
                <p class="caption" data-testid="probe-samples-caption">
                    {caption}
                </p>
            </Chart>
        </section>
    }
}
