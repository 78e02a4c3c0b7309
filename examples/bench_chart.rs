//! The Nines side of the chart benchmark beside uPlot (`make bench-charts`): a cdylib bound with
//! wasm-bindgen and driven by `bench/charts.mjs`, which times every call with `performance.now()`.
//! Each call draws once, on a canvas sized and painted as the dashboard does
//! (`nines::ui::canvas::paint`); the data is copied in once, outside the timings.
//!
//! Build: `cargo build --release --example bench_chart --target wasm32-unknown-unknown`, then
//! `wasm-bindgen --target web --out-dir target/bench-chart/` (the Makefile does both).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a developer tool: a panic stops the run

use std::rc::Rc;

use nines::analysis::LevelSegment;
use nines::chart::{self, BarFill, MinMaxPyramid, SeriesView, Theme, TimelineRow, TimelineSpec};
use nines::model::{Level, Origin, Span, MS_PER_DAY};
use nines::ui::canvas::{fill_timeline_bars, paint};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The chart's CSS size; devicePixelRatio is 1 in the benchmark.
const WIDTH_CSS_PX: f64 = 1920.0;
const HEIGHT_CSS_PX: f64 = 600.0;
const DPR: f64 = 1.0;

/// One canvas, the series drawn on it (owned by its pyramid) and a timeline.
#[wasm_bindgen]
pub struct ChartBench {
    canvas: HtmlCanvasElement,
    pyramid: Option<Rc<MinMaxPyramid>>,
    timeline: Option<Rc<TimelineSpec>>,
}

#[wasm_bindgen]
impl ChartBench {
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> ChartBench {
        ChartBench { canvas, pyramid: None, timeline: None }
    }

    /// Takes the series (copied from the typed arrays by the binding) and builds its pyramid.
    pub fn set_series(&mut self, xs: Vec<f64>, ys: Vec<f64>) {
        self.pyramid = None;
        self.pyramid = Some(Rc::new(MinMaxPyramid::new(xs, ys)));
    }

    /// A first draw: builds the pyramid again from the series (no copy), then draws all of it.
    pub fn cold(&mut self) -> Result<(), JsValue> {
        let Some(pyramid) = self.pyramid.take() else { return Err("no series".into()) };
        let (xs, ys) = Rc::try_unwrap(pyramid).map_err(|_| "series still shared")?.into_series();
        self.pyramid = Some(Rc::new(MinMaxPyramid::new(xs, ys)));
        self.redraw()
    }

    /// Draws all of the series from the built pyramid.
    pub fn redraw(&self) -> Result<(), JsValue> {
        let (x_start, x_end) = self.pyramid.as_ref().and_then(|p| p.x_range()).unwrap_or((0.0, 1.0));
        self.draw_view(x_start, x_end)
    }

    /// Draws the view `[x_start, x_end)`, with y fitted to the samples in it (as uPlot does).
    pub fn draw_view(&self, x_start: f64, x_end: f64) -> Result<(), JsValue> {
        let Some(pyramid) = &self.pyramid else { return Err("no series".into()) };
        let fit = pyramid.min_max(pyramid.index_at(x_start)..pyramid.index_at(x_end));
        let pad = (fit.max_y - fit.min_y) * 0.05;
        let view = SeriesView {
            x_start,
            x_end,
            y_min: fit.min_y - pad,
            y_max: fit.max_y + pad,
            scale: DPR,
            utc_offset_minutes: 0,
        };
        paint(&self.canvas, WIDTH_CSS_PX, HEIGHT_CSS_PX, DPR, |area| {
            chart::draw_series(area, pyramid, view, &Theme::LIGHT).map_err(|e| e.to_string())
        })
        .map_err(JsValue::from)
    }

    /// Builds a timeline of 20 rows holding `intervals` short non-`Ok` intervals over 90 days, at
    /// random levels (deterministic for a `seed`).
    pub fn set_timeline(&mut self, intervals: usize, seed: u32) {
        self.timeline = Some(Rc::new(timeline(intervals, u64::from(seed))));
    }

    /// Draws the timeline the way the dashboard does: the bars as one image, then the rest.
    pub fn draw_timeline(&self) -> Result<(), JsValue> {
        let Some(spec) = self.timeline.as_deref() else { return Err("no timeline".into()) };
        paint(&self.canvas, WIDTH_CSS_PX, HEIGHT_CSS_PX, DPR, |area| {
            let columns = spec.columns(area.dim_in_pixel().0);
            fill_timeline_bars(&self.canvas, spec, &columns, &Theme::LIGHT)?;
            chart::draw_timeline_layers(area, spec, &Theme::LIGHT, &columns, BarFill::Prefilled)
                .map_err(|e| e.to_string())
        })
        .map_err(JsValue::from)
    }
}

const ROWS: usize = 20;

fn timeline(intervals: usize, seed: u64) -> TimelineSpec {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut random = move |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound.max(1)
    };
    let span = Span::new(1_788_220_800_000, 1_788_220_800_000 + 90 * MS_PER_DAY);
    let levels = [Level::Major, Level::Partial, Level::Degraded, Level::Maintenance];
    let rows = (0..ROWS)
        .map(|row| {
            // Each row's intervals in equal slots, one per slot at a random start, 1–30 minutes
            // long (shorter when the slots are): in time order, never overlapping.
            let count = intervals / ROWS + usize::from(row < intervals % ROWS);
            let slot_ms = span.duration_ms() / count.max(1) as i64;
            let segments = (0..count)
                .map(|k| {
                    let duration_ms = (60_000 * (1 + random(30) as i64)).min(slot_ms / 2).max(1);
                    let offset_ms = random((slot_ms - duration_ms).max(1) as u64) as i64;
                    let start_ms = span.start_ms + k as i64 * slot_ms + offset_ms;
                    LevelSegment {
                        span: Span::new(start_ms, start_ms + duration_ms),
                        level: levels
                            .get(random(levels.len() as u64) as usize)
                            .copied()
                            .unwrap_or(Level::Major),
                        incident: None,
                        origin: Origin::Unknown,
                    }
                })
                .collect();
            let label = format!("Service {:02}", row + 1);
            TimelineRow { service_id: label.clone(), label, region: None, segments, titles: Vec::new() }
        })
        .collect();
    TimelineSpec { span, rows, scale: DPR, utc_offset_minutes: 0 }
}
