//! A long series drawn as a line through its M4 columns (see `pyramid`): at most four points per
//! device-pixel column (first, min, max, last) whatever the length of the series, one shape per
//! run of columns without a gap, so a frame costs O(width · log n).
//!
//! Contract:
//! - The plot is `area` less margins for the y labels; drawn are the background, y grid lines with
//!   their labels, the line and a frame around the plot.
//! - A run is stroked as one polyline through (x, first), (x, min), (x, max), (x, last) of each of
//!   its columns. Where it holds at least four samples per column, the pixels that stroke would
//!   cover are filled instead, as a band: the same picture, but rasterising a stroke that runs up
//!   and down every column costs several times more.
//! - A column holding a gap (NaN) is left blank, so a gap stays visible however far out the view
//!   is. Columns without samples (a view zoomed in past the sample spacing) are bridged by a
//!   straight segment.
//! - Where the series goes on beyond the view, the line runs to the plot's border, interpolated
//!   at the border, unless the sample beyond is a gap.
//! - y outside `[y_min, y_max]` is pinned to the plot's border; an empty or non-finite y range is
//!   widened so that nothing is drawn from NaN.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{time_ticks, TimeScale};
use super::pyramid::MinMaxPyramid;
use super::theme::Theme;
use crate::model::{Span, TimeMs};

/// What part of a series is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SeriesView {
    /// The view is `[x_start, x_end)`, in the series' x unit (e.g. ms).
    pub x_start: f64,
    pub x_end: f64,
    /// The y range mapped to the plot's height.
    pub y_min: f64,
    pub y_max: f64,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// x is a time in ms: tick labels in this clock (minutes east of UTC).
    pub utc_offset_minutes: i32,
}

/// The plot inside the drawing area, in device pixels: columns `left_px..right_px`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotRect {
    pub left_px: i32,
    pub right_px: i32,
    pub top_px: i32,
    pub bottom_px: i32,
}

impl SeriesView {
    /// Where the plot lies in an area of `width_px` × `height_px` device pixels.
    pub fn plot_rect(&self, width_px: u32, height_px: u32) -> PlotRect {
        let s = self.scale.max(0.5);
        let px = |css: f64| (css * s).round() as i32;
        let (width_px, height_px) =
            (width_px.min(i32::MAX as u32) as i32, height_px.min(i32::MAX as u32) as i32);
        PlotRect {
            left_px: px(64.0),
            right_px: width_px - px(12.0),
            top_px: px(10.0),
            bottom_px: height_px - px(24.0),
        }
    }

    /// The y range drawn: `[y_min, y_max]`, widened when empty or not finite.
    pub fn y_bounds(&self) -> (f64, f64) {
        let (lo, hi) = (self.y_min, self.y_max);
        if !(lo.is_finite() && hi.is_finite()) {
            (0.0, 1.0)
        } else if hi > lo {
            (lo, hi)
        } else {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.05 };
            (lo - pad, lo + pad)
        }
    }

    /// The x axis as time: the view's x range (ms) over the plot's columns.
    pub fn time_scale(&self, rect: &PlotRect) -> TimeScale {
        TimeScale {
            span: Span::new(self.x_start as TimeMs, self.x_end as TimeMs),
            left_px: rect.left_px,
            right_px: rect.right_px,
        }
    }

    /// The device-pixel row of `y` (pinned to the plot; `y` must not be NaN).
    pub fn y_px(&self, rect: &PlotRect, y: f64) -> i32 {
        let (lo, hi) = self.y_bounds();
        let fraction = ((y - lo) / (hi - lo)).clamp(0.0, 1.0);
        rect.bottom_px - (fraction * f64::from(rect.bottom_px - rect.top_px)).round() as i32
    }
}

/// Runs of at least this many samples per pixel column are filled as bands, not stroked.
const DENSE_SAMPLES_PER_COLUMN: usize = 4;

/// The line in device pixels: stroked polylines and filled bands, in the line's colour.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineShapes {
    /// Stroked at the line's width.
    pub strokes: Vec<Vec<(i32, i32)>>,
    /// Filled: the pixels the stroked M4 line would cover where samples are dense.
    pub bands: Vec<Vec<(i32, i32)>>,
}

/// An M4 column in device pixels (y grows downwards: `top` is the max, `bottom` the min).
#[derive(Clone, Copy, Debug)]
struct ColumnPx {
    x: i32,
    first: i32,
    top: i32,
    bottom: i32,
    last: i32,
    samples: usize,
}

/// Columns without a gap between them, with the line's ends at the plot's borders if it goes on.
#[derive(Default)]
struct Run {
    left_border: Option<(i32, i32)>,
    columns: Vec<ColumnPx>,
    right_border: Option<(i32, i32)>,
}

/// The line's shapes for `view`, drawn `line_width_px` wide: per run of columns without a gap,
/// one polyline through (x, first), (x, min), (x, max), (x, last) of each column; or, where the
/// run holds at least [`DENSE_SAMPLES_PER_COLUMN`] samples per column, the same pixels as filled
/// bands, which rasterise several times faster than a stroke zigzagging up and down every column
/// (connections across empty columns and to the borders stay stroked). At most four points per
/// pixel column either way.
pub fn line_shapes(
    pyramid: &MinMaxPyramid,
    view: &SeriesView,
    rect: &PlotRect,
    line_width_px: u32,
) -> LineShapes {
    let width_px = (rect.right_px - rect.left_px).max(0) as usize;
    let m4 = pyramid.m4_columns(view.x_start, view.x_end, width_px);
    let y_px = |y: f64| view.y_px(rect, y);
    let finite = |sample: Option<(f64, f64)>| sample.filter(|(_, y)| !y.is_nan());
    let (before, after) = (finite(m4.before), finite(m4.after));
    let mut shapes = LineShapes::default();

    let Some(first) = m4.columns.iter().find(|c| c.has_samples()) else {
        // No sample in view: the segment between the neighbours, border to border.
        if let (Some(b), Some(a)) = (before, after) {
            let left_y = interpolate(b, a, view.x_start);
            let right_y = interpolate(b, a, view.x_end);
            shapes.strokes.push(vec![(rect.left_px, y_px(left_y)), (rect.right_px, y_px(right_y))]);
        }
        return shapes;
    };
    let mut runs: Vec<Run> = Vec::new();
    let mut run = Run::default();
    if let (Some(b), false) = (before, first.has_gap) {
        let first_x = pyramid.sample(first.start_index).map_or(view.x_start, |(x, _)| x);
        run.left_border = Some((rect.left_px, y_px(interpolate(b, (first_x, first.first_y), view.x_start))));
    }
    let mut last_drawn = None;
    for (index, column) in m4.columns.iter().enumerate() {
        if !column.has_samples() {
            continue;
        }
        if column.has_gap {
            runs.push(std::mem::take(&mut run));
            last_drawn = None;
            continue;
        }
        run.columns.push(ColumnPx {
            x: rect.left_px + index as i32,
            first: y_px(column.first_y),
            top: y_px(column.max_y),
            bottom: y_px(column.min_y),
            last: y_px(column.last_y),
            samples: column.end_index - column.start_index,
        });
        last_drawn = Some(column);
    }
    if let (Some(a), Some(column)) = (after, last_drawn) {
        let last_x = pyramid.sample(column.end_index.saturating_sub(1)).map_or(view.x_end, |(x, _)| x);
        run.right_border = Some((rect.right_px, y_px(interpolate((last_x, column.last_y), a, view.x_end))));
    }
    runs.push(run);
    let line_width_px = line_width_px.clamp(1, 64) as i32;
    for run in &runs {
        add_run(run, rect, line_width_px, &mut shapes);
    }
    shapes
}

fn add_run(run: &Run, rect: &PlotRect, line_width_px: i32, shapes: &mut LineShapes) {
    let (Some(first), Some(last)) = (run.columns.first(), run.columns.last()) else { return };
    let samples: usize = run.columns.iter().map(|c| c.samples).sum();
    let span_px = (last.x - first.x + 1).max(1) as usize;
    if samples < DENSE_SAMPLES_PER_COLUMN * span_px {
        let mut path: Vec<(i32, i32)> = Vec::with_capacity(4 * run.columns.len() + 2);
        let mut push = |point: (i32, i32)| {
            if path.last() != Some(&point) {
                path.push(point);
            }
        };
        run.left_border.into_iter().for_each(&mut push);
        for c in &run.columns {
            [(c.x, c.first), (c.x, c.bottom), (c.x, c.top), (c.x, c.last)].into_iter().for_each(&mut push);
        }
        run.right_border.into_iter().for_each(&mut push);
        // A single point becomes a one-pixel tick, to stay visible.
        if let [(x, y)] = path.as_slice() {
            let tick = (*x + 1, *y);
            path.push(tick);
        }
        shapes.strokes.push(path);
        return;
    }
    let mut connect = |from: (i32, i32), to: (i32, i32)| {
        if from != to {
            shapes.strokes.push(vec![from, to]);
        }
    };
    if let Some(border) = run.left_border {
        connect(border, (first.x, first.first));
    }
    let mut bands = Vec::new();
    let mut block_start = 0;
    for (index, pair) in run.columns.windows(2).enumerate() {
        if let [a, b] = pair {
            if b.x != a.x + 1 {
                // Across empty columns: the straight segment between the samples.
                connect((a.x, a.last), (b.x, b.first));
                bands.push(band(
                    run.columns.get(block_start..=index).unwrap_or_default(),
                    rect,
                    line_width_px,
                ));
                block_start = index + 1;
            }
        }
    }
    bands.push(band(run.columns.get(block_start..).unwrap_or_default(), rect, line_width_px));
    if let Some(border) = run.right_border {
        connect((last.x, last.last), border);
    }
    shapes.bands.extend(bands);
}

/// The outline of the pixels that the M4 polyline through `block` (columns at consecutive x)
/// covers when stroked `line_width_px` wide: each pixel column spans, widened by half the line's
/// width, the columns whose stroke reaches it, which also holds the segments joining them.
/// Clipped to the plot's columns; at most two points per pixel column above and two below.
fn band(block: &[ColumnPx], rect: &PlotRect, line_width_px: i32) -> Vec<(i32, i32)> {
    let (Some(first), Some(last)) = (block.first(), block.last()) else { return Vec::new() };
    let (half_up, half_down) = (line_width_px / 2, line_width_px - line_width_px / 2);
    // A stroke at x covers pixel columns x - reach ..= x + reach - 1.
    let reach = (line_width_px / 2).max(1);
    let columns = (first.x - reach).max(rect.left_px)..(last.x + reach).min(rect.right_px);
    let mut upper: Vec<(i32, i32)> = Vec::with_capacity(2 * columns.len());
    let mut lower: Vec<(i32, i32)> = Vec::with_capacity(2 * columns.len());
    for p in columns {
        let reaching = (p + 1 - reach - first.x).max(0) as usize..(p + reach - first.x + 1).max(0) as usize;
        let window =
            block.get(reaching.start.min(block.len())..reaching.end.min(block.len())).unwrap_or_default();
        let top = window.iter().map(|c| c.top).min().unwrap_or(first.top) - half_up;
        let bottom = window.iter().map(|c| c.bottom).max().unwrap_or(first.bottom) + half_down;
        push_step(&mut upper, (p, top), (p + 1, top));
        push_step(&mut lower, (p, bottom), (p + 1, bottom));
    }
    lower.reverse();
    upper.extend(lower);
    upper
}

/// Appends the horizontal step `from`–`to` to a staircase, merging it with a previous step at the
/// same height.
fn push_step(points: &mut Vec<(i32, i32)>, from: (i32, i32), to: (i32, i32)) {
    if let Some(end) = points.last_mut().filter(|end| end.1 == from.1) {
        end.0 = to.0;
    } else {
        points.push(from);
        points.push(to);
    }
}

/// The y at `x` on the straight line through `a` and `b`.
fn interpolate(a: (f64, f64), b: (f64, f64), x: f64) -> f64 {
    let dx = b.0 - a.0;
    if dx.abs() > 0.0 && dx.is_finite() {
        a.1 + (b.1 - a.1) * ((x - a.0) / dx)
    } else {
        b.1
    }
}

/// A y label with enough decimals to tell grid lines `step_y` apart.
fn y_label(y: f64, step_y: f64) -> String {
    if !(step_y > 0.0 && step_y.is_finite()) {
        return format!("{y:.0}");
    }
    // As many decimals as the step has, but at most one more than its first significant digit.
    let most = ((-step_y.log10()).ceil() + 1.0).clamp(0.0, 9.0) as i32;
    let decimals = (0..most)
        .find(|d| {
            let scaled = step_y * 10f64.powi(*d);
            (scaled - scaled.round()).abs() < 1e-9 * scaled.max(1.0)
        })
        .unwrap_or(most);
    format!("{y:.prec$}", prec = decimals as usize)
}

/// Draws the series over the whole of `area`.
pub fn draw_series<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pyramid: &MinMaxPyramid,
    view: SeriesView,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width_px, height_px) = area.dim_in_pixel();
    let s = view.scale.max(0.5);
    let px = |css: f64| (css * s).round() as i32;
    let rect = view.plot_rect(width_px, height_px);
    area.fill(&theme.background)?;
    if rect.right_px <= rect.left_px || rect.bottom_px <= rect.top_px {
        return Ok(());
    }
    let (y_lo, y_hi) = view.y_bounds();
    let step_y = (y_hi - y_lo) / 4.0;
    let label =
        ("sans-serif", 13.0 * s).into_font().color(&theme.text).pos(Pos::new(HPos::Right, VPos::Center));
    let grid = theme.grid.stroke_width(px(1.0).max(1) as u32);
    for k in 0..=4 {
        let y = y_lo + step_y * f64::from(k);
        let row = view.y_px(&rect, y);
        area.draw(&PathElement::new(vec![(rect.left_px, row), (rect.right_px, row)], grid))?;
        area.draw(&Text::new(y_label(y, step_y), (rect.left_px - px(6.0), row), label.clone()))?;
    }
    let line_width_px = px(1.5).max(1) as u32;
    let shapes = line_shapes(pyramid, &view, &rect, line_width_px);
    for band in shapes.bands {
        area.draw(&Polygon::new(band, theme.line.filled()))?;
    }
    let stroke = theme.line.stroke_width(line_width_px);
    for path in shapes.strokes {
        area.draw(&PathElement::new(path, stroke))?;
    }
    area.draw(&Rectangle::new(
        [(rect.left_px, rect.top_px), (rect.right_px, rect.bottom_px)],
        theme.text.stroke_width(1),
    ))?;
    let x = view.time_scale(&rect);
    let max_ticks = (f64::from(rect.right_px - rect.left_px) / (90.0 * s)).max(1.0) as usize;
    let tick_label =
        ("sans-serif", 13.0 * s).into_font().color(&theme.text).pos(Pos::new(HPos::Center, VPos::Top));
    for (t_ms, text) in time_ticks(x.span, max_ticks, view.utc_offset_minutes) {
        let tx = x.px_from_ms(t_ms) as i32;
        area.draw(&PathElement::new(
            vec![(tx, rect.bottom_px), (tx, rect.bottom_px + px(4.0))],
            theme.text.stroke_width(1),
        ))?;
        area.draw(&Text::new(text, (tx, rect.bottom_px + px(6.0)), tick_label.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(x_start: f64, x_end: f64) -> SeriesView {
        SeriesView { x_start, x_end, y_min: 0.0, y_max: 10.0, scale: 1.0, utc_offset_minutes: 0 }
    }

    const RECT: PlotRect = PlotRect { left_px: 0, right_px: 10, top_px: 0, bottom_px: 100 };

    /// The polylines of a sparse series (which has no bands).
    fn strokes(pyramid: &MinMaxPyramid, view: &SeriesView, rect: &PlotRect) -> Vec<Vec<(i32, i32)>> {
        let shapes = line_shapes(pyramid, view, rect, 2);
        assert!(shapes.bands.is_empty(), "sparse: {shapes:?}");
        shapes.strokes
    }

    /// Four samples per pixel column over [0, 10): y = 5 but where `y_at` says otherwise.
    fn dense(y_at: impl Fn(f64) -> f64) -> MinMaxPyramid {
        let xs: Vec<f64> = (0..40).map(|i| f64::from(i) / 4.0).collect();
        let ys = xs.iter().map(|x| y_at(*x)).collect::<Vec<_>>();
        MinMaxPyramid::new(xs, ys)
    }

    #[test]
    fn dense_runs_are_filled_with_the_pixels_their_stroke_covers() {
        let flat = line_shapes(&dense(|_| 5.0), &view(0.0, 10.0), &RECT, 2);
        assert_eq!(
            flat,
            LineShapes { strokes: vec![], bands: vec![vec![(0, 49), (10, 49), (10, 51), (0, 51)]] }
        );
        // A dip to 0 in column 5 reaches down in the pixel columns its stroke covers (4 and 5).
        let dip = line_shapes(&dense(|x| if x == 5.5 { 0.0 } else { 5.0 }), &view(0.0, 10.0), &RECT, 2);
        let band = vec![(0, 49), (10, 49), (10, 51), (6, 51), (6, 101), (4, 101), (4, 51), (0, 51)];
        assert_eq!(dip, LineShapes { strokes: vec![], bands: vec![band] });
        // A gap splits the band; empty columns are crossed by a stroke.
        let gap = line_shapes(&dense(|x| if x == 5.5 { f64::NAN } else { 5.0 }), &view(0.0, 10.0), &RECT, 2);
        assert_eq!(
            gap.bands,
            vec![vec![(0, 49), (5, 49), (5, 51), (0, 51)], vec![(5, 49), (10, 49), (10, 51), (5, 51)]]
        );
        assert!(gap.strokes.is_empty());
        let xs: Vec<f64> = (0..80).map(|i| f64::from(i) / 8.0).filter(|x| !(4.0..6.0).contains(x)).collect();
        let ys: Vec<f64> = xs.iter().map(|x| if *x < 5.0 { 5.0 } else { 6.0 }).collect();
        let hole = line_shapes(&MinMaxPyramid::new(xs, ys), &view(0.0, 10.0), &RECT, 2);
        assert_eq!(hole.strokes, vec![vec![(3, 50), (6, 40)]]);
        assert_eq!(
            hole.bands,
            vec![vec![(0, 49), (4, 49), (4, 51), (0, 51)], vec![(5, 39), (10, 39), (10, 41), (5, 41)]]
        );
    }

    #[test]
    fn dense_runs_reach_the_borders_by_strokes() {
        // The view [2, 8) of the flat series: the samples beyond continue the line to the borders.
        let rect = PlotRect { left_px: 0, right_px: 6, top_px: 0, bottom_px: 100 };
        let shapes = line_shapes(&dense(|_| 5.0), &view(2.0, 8.0), &rect, 2);
        assert_eq!(shapes.strokes, vec![vec![(5, 50), (6, 50)]], "none of length 0");
        assert_eq!(shapes.bands, vec![vec![(0, 49), (6, 49), (6, 51), (0, 51)]]);
    }

    #[test]
    fn a_gap_column_splits_the_line() {
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        let mut ys = vec![5.0; 10];
        ys[4] = f64::NAN;
        let paths = strokes(&MinMaxPyramid::new(xs, ys), &view(0.0, 10.0), &RECT);
        let run = |columns: std::ops::Range<i32>| columns.map(|x| (x, 50)).collect::<Vec<_>>();
        assert_eq!(paths, vec![run(0..4), run(5..10)]);
    }

    #[test]
    fn the_line_runs_to_the_border_between_samples_outside_the_view() {
        // Samples at x = 0, 10, 20, 30 rising by 1 per 10; the view [5, 25) holds 10 and 20.
        let pyramid = MinMaxPyramid::new(vec![0.0, 10.0, 20.0, 30.0], vec![0.0, 1.0, 2.0, 3.0]);
        let paths = strokes(&pyramid, &view(5.0, 25.0), &RECT);
        // Column width 2: x = 10 in column 2, x = 20 in column 7; y 0.5 at the left, 2.5 at the right.
        assert_eq!(paths, vec![vec![(0, 95), (2, 90), (7, 80), (10, 75)]]);
        // Zoomed in between two samples: one segment, border to border.
        let paths = strokes(&pyramid, &view(12.0, 18.0), &RECT);
        assert_eq!(paths, vec![vec![(0, 88), (10, 82)]]);
        // Nothing beyond a gap.
        let pyramid = MinMaxPyramid::new(vec![0.0, 10.0, 20.0, 30.0], vec![f64::NAN, 1.0, 2.0, f64::NAN]);
        assert_eq!(strokes(&pyramid, &view(5.0, 25.0), &RECT), vec![vec![(2, 90), (7, 80)]]);
        assert!(strokes(&pyramid, &view(22.0, 28.0), &RECT).is_empty());
    }

    #[test]
    fn a_lone_sample_is_a_tick_and_degenerate_views_draw_nothing_wrong() {
        let pyramid = MinMaxPyramid::new(vec![5.0], vec![20.0]);
        assert_eq!(strokes(&pyramid, &view(0.0, 10.0), &RECT), vec![vec![(5, 0), (6, 0)]]);
        assert!(strokes(&pyramid, &view(10.0, 0.0), &RECT).is_empty());
        let empty = MinMaxPyramid::new(Vec::new(), Vec::new());
        assert!(strokes(&empty, &view(0.0, 10.0), &RECT).is_empty());
        let flat = SeriesView { y_min: f64::NAN, ..view(0.0, 1.0) };
        assert_eq!(flat.y_bounds(), (0.0, 1.0));
        let one = SeriesView { y_min: 2.0, y_max: 2.0, ..view(0.0, 1.0) };
        assert_eq!(one.y_px(&RECT, 2.0), 50);
    }

    #[test]
    fn labels_tell_the_grid_lines_apart() {
        assert_eq!(y_label(0.925, 0.025), "0.925");
        assert_eq!(y_label(0.75, 0.25), "0.75");
        assert_eq!(y_label(300.0, 100.0), "300");
        assert_eq!(y_label(1.0, f64::NAN), "1");
        assert_eq!(y_label(0.9123456, 0.0123456), "0.912");
    }
}
