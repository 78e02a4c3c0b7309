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
use nines::chart::{self, BarFill, BarTitle, MinMaxPyramid, SeriesView, Theme, TimelineRow, TimelineSpec};
use nines::model::format::format_up_ratio;
use nines::model::{Level, Origin, Span, MS_PER_DAY};
use nines::ui::canvas::{fill_timeline_bars, paint};
use nines::ui::css_theme;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The chart's CSS size.
const WIDTH_CSS_PX: f64 = 1920.0;
const HEIGHT_CSS_PX: f64 = 600.0;

/// One canvas and its overlay, the series drawn on it (its samples as the dashboard holds them,
/// and its pyramid) and a timeline.
#[wasm_bindgen]
pub struct ChartBench {
    canvas: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    dpr: f64,
    fill_dense: bool,
    /// A regular series: `up_ratio[i]` at `start_ms + i · step_ms`, as `model::Samples` holds it.
    start_ms: i64,
    step_ms: i64,
    up_ratio: Vec<f32>,
    pyramid: Option<Rc<MinMaxPyramid>>,
    timeline: Option<Rc<TimelineSpec>>,
}

#[wasm_bindgen]
impl ChartBench {
    /// Draws on `canvas` (CSS 1920 × 600 px) at `dpr`, with `overlay` above it as the dashboard has.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, overlay: HtmlCanvasElement, dpr: f64) -> ChartBench {
        ChartBench {
            canvas,
            overlay,
            dpr,
            fill_dense: true,
            start_ms: 0,
            step_ms: 1,
            up_ratio: Vec::new(),
            pyramid: None,
            timeline: None,
        }
    }

    /// Takes the samples (copied from the typed array by the binding; NaN: no data). The pyramid
    /// is built by [`ChartBench::cold`].
    pub fn set_series(&mut self, start_ms: f64, step_ms: f64, up_ratio: Vec<f32>) {
        self.pyramid = None;
        (self.start_ms, self.step_ms, self.up_ratio) = (start_ms as i64, step_ms as i64, up_ratio);
    }

    /// Dense columns filled as bands (the dashboard's drawing) or everything stroked.
    pub fn set_fill_dense(&mut self, fill_dense: bool) {
        self.fill_dense = fill_dense;
    }

    /// A first draw, as the probe chart makes it from a loaded regular series
    /// (`ui::probe_panel`'s `sample_pyramid`): a copy of the samples, the pyramid with the times
    /// implicit, then the draw.
    pub fn cold(&mut self) -> Result<(), JsValue> {
        self.pyramid = None;
        let ys = self.up_ratio.clone();
        self.pyramid = Some(Rc::new(MinMaxPyramid::regular(self.start_ms as f64, self.step_ms as f64, ys)));
        self.redraw()
    }

    /// Draws all of the series from the built pyramid.
    pub fn redraw(&self) -> Result<(), JsValue> {
        let (x_start, x_end) = self.pyramid.as_ref().and_then(|p| p.x_range()).unwrap_or((0.0, 1.0));
        self.draw_view(x_start, x_end + self.step_ms as f64)
    }

    /// Draws the view `[x_start, x_end)` as the dashboard's probe chart does on a zoom or pan: the
    /// chart's spec (y fixed at [0, 1]; the caption's range and count of the samples in view),
    /// the theme read from the page's CSS, the data canvas painted, its time axis written to its
    /// attributes, and the overlay cleared after its size is read.
    pub fn draw_view(&self, x_start: f64, x_end: f64) -> Result<(), JsValue> {
        let Some(pyramid) = &self.pyramid else { return Err("no series".into()) };
        let (first, end) = (pyramid.index_at(x_start), pyramid.index_at(x_end));
        let in_view = pyramid.min_max(first..end);
        let caption = format!(
            "{} samples in view, from {} to {}.",
            end - first,
            format_up_ratio(in_view.min_y),
            format_up_ratio(in_view.max_y)
        );
        std::hint::black_box(caption);
        let view =
            SeriesView { x_start, x_end, y_min: 0.0, y_max: 1.0, scale: self.dpr, utc_offset_minutes: 0 };
        let theme = css_theme();
        let fill_dense = self.fill_dense;
        paint(&self.canvas, WIDTH_CSS_PX, HEIGHT_CSS_PX, self.dpr, |area| {
            chart::draw_series(area, pyramid, view, &theme, fill_dense).map_err(|e| e.to_string())
        })
        .map_err(JsValue::from)?;
        let rect = view.plot_rect(self.canvas.width(), self.canvas.height());
        let x = view.time_scale(&rect);
        for (name, value) in [
            ("data-plot-left-px", x.left_px.to_string()),
            ("data-plot-right-px", x.right_px.to_string()),
            ("data-start-ms", x.span.start_ms.to_string()),
            ("data-end-ms", x.span.end_ms.to_string()),
        ] {
            self.canvas.set_attribute(name, &value)?;
        }
        let (width_px, height_px) = (self.canvas.width(), self.canvas.height());
        if self.overlay.width() != width_px || self.overlay.height() != height_px {
            self.overlay.set_width(width_px);
            self.overlay.set_height(height_px);
        }
        std::hint::black_box(self.canvas.get_bounding_client_rect().width());
        let context: CanvasRenderingContext2d =
            self.overlay.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
        context.clear_rect(0.0, 0.0, f64::from(width_px), f64::from(height_px));
        Ok(())
    }

    /// Builds a timeline of 20 rows holding `intervals` short non-`Ok` intervals over 90 days, at
    /// random levels, a quarter of them third-party (hatched), grouped into titled incidents
    /// (deterministic for a `seed`).
    pub fn set_timeline(&mut self, intervals: usize, seed: u32) {
        self.timeline = Some(Rc::new(timeline(intervals, u64::from(seed), self.dpr)));
    }

    /// The same timeline as [`ChartBench::set_timeline`], with the hatching (`hatch == false`: every
    /// origin unknown) or the titles (`titles == false`: none) left out: for checking, by
    /// comparing pixels, that the full one draws them.
    pub fn set_timeline_without(&mut self, intervals: usize, seed: u32, hatch: bool, titles: bool) {
        let mut spec = timeline(intervals, u64::from(seed), self.dpr);
        for row in &mut spec.rows {
            if !hatch {
                row.segments.iter_mut().for_each(|segment| segment.origin = Origin::Unknown);
            }
            if !titles {
                row.titles.clear();
            }
        }
        self.timeline = Some(Rc::new(spec));
    }

    /// Draws the timeline the way the dashboard does: the bars as one image, then the rest.
    pub fn draw_timeline(&self) -> Result<(), JsValue> {
        let Some(spec) = self.timeline.as_deref() else { return Err("no timeline".into()) };
        paint(&self.canvas, WIDTH_CSS_PX, HEIGHT_CSS_PX, self.dpr, |area| {
            let columns = spec.columns(area.dim_in_pixel().0);
            fill_timeline_bars(&self.canvas, spec, &columns, &Theme::LIGHT)?;
            chart::draw_timeline_layers(area, spec, &Theme::LIGHT, &columns, BarFill::Prefilled)
                .map_err(|e| e.to_string())
        })
        .map_err(JsValue::from)
    }
}

const ROWS: usize = 20;

/// Incident titles of the kind status pages publish.
const TITLES: [&str; 12] = [
    "Elevated error rates on API requests in North America",
    "Degraded performance for Git operations",
    "Increased latency for webhook deliveries",
    "Partial outage of the EU-West storage cluster",
    "Scheduled maintenance of the primary database",
    "Delays in processing scheduled jobs",
    "Login failures for a subset of SSO users",
    "Intermittent 502 errors from the CDN edge in Asia Pacific",
    "Search indexing is delayed",
    "Payment processing is unavailable for some card networks",
    "Elevated packet loss between us-east-1 availability zones",
    "Notifications are not being delivered by our email provider",
];

/// A short incident (its segments within this of its first) or, one in [`LONG_ONE_IN`], a long
/// one (1–4 days, so that its title has room on the 90-day chart).
const SHORT_INCIDENT_MS: i64 = 2 * 60 * 60 * 1000;
const LONG_ONE_IN: u64 = 8;

fn timeline(intervals: usize, seed: u64, dpr: f64) -> TimelineSpec {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut random = move |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound.max(1)
    };
    let span = Span::new(1_788_220_800_000, 1_788_220_800_000 + 90 * MS_PER_DAY);
    let levels = [Level::Major, Level::Partial, Level::Degraded, Level::Maintenance];
    let mut incident_count = 0usize;
    let rows = (0..ROWS)
        .map(|row| {
            // Each row's intervals in equal slots, one per slot at a random start, 1–30 minutes
            // long (shorter when the slots are): in time order, never overlapping. A quarter are
            // third-party.
            let count = intervals / ROWS + usize::from(row < intervals % ROWS);
            let slot_ms = span.duration_ms() / count.max(1) as i64;
            let mut segments: Vec<LevelSegment> = (0..count)
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
                        origin: if random(4) == 0 { Origin::ThirdParty } else { Origin::Unknown },
                    }
                })
                .collect();
            // Consecutive segments grouped into incidents, each titled over its extent as the
            // dashboard titles them (`{id} — {title}`).
            let mut titles = Vec::new();
            let mut first = 0usize;
            while let Some(start_ms) = segments.get(first).map(|s| s.span.start_ms) {
                let reach_ms = if random(LONG_ONE_IN) == 0 {
                    MS_PER_DAY * (1 + random(4) as i64)
                } else {
                    SHORT_INCIDENT_MS
                };
                let end = first
                    + segments[first..].iter().take_while(|s| s.span.start_ms < start_ms + reach_ms).count();
                let text = format!(
                    "INC-{:05} — {}",
                    10_000 + incident_count,
                    TITLES.get(random(TITLES.len() as u64) as usize).copied().unwrap_or_default()
                );
                for segment in &mut segments[first..end] {
                    segment.incident = Some(incident_count);
                }
                let end_ms = segments.get(end - 1).map_or(start_ms, |s| s.span.end_ms);
                titles.push(BarTitle { span: Span::new(start_ms, end_ms), text });
                incident_count += 1;
                first = end;
            }
            let label = format!("Service {:02}", row + 1);
            TimelineRow { service_id: label.clone(), label, region: None, segments, titles }
        })
        .collect();
    TimelineSpec { span, rows, scale: dpr, utc_offset_minutes: 0 }
}
