//! A long series drawn as a line through its M4 columns (see `pyramid`): at most four points per
//! device-pixel column (first, min, max, last) whatever the length of the series, one shape per
//! run of columns without a gap, so a frame costs O(width · log n).
//!
//! Contract:
//! - The plot is `area` less margins for the y labels; drawn are the background, y grid lines with
//!   their labels, the line and a frame around the plot.
//! - A run is stroked as one polyline through (x, first), (x, min), (x, max), (x, last) of each of
//!   its columns. Where columns hold at least four samples each, the pixels that stroke would
//!   cover are filled instead, as a band: the same picture, but rasterising a stroke that runs up
//!   and down every column costs several times more.
//!   Whether a column is stroked or filled is decided column by column.
//! - A column holding a gap (NaN) is left blank, so a gap stays visible however far out the view
//!   is: its values before the first gap are drawn in the column to its left and those after the
//!   last gap in the column to its right, so that none is lost, and the blank column is painted
//!   with the background after the line, over the edges of the neighbouring strokes. Columns
//!   without samples (a view zoomed in past the sample spacing) are bridged by a straight segment.
//! - Where the series goes on beyond the view, the line runs to the plot's border, interpolated
//!   at the border, unless the sample beyond is a gap.
//! - y outside `[y_min, y_max]` is pinned to the plot's border; an empty or non-finite y range is
//!   widened so that nothing is drawn from NaN.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{time_ticks, TimeScale};
use super::pyramid::{MinMax, MinMaxPyramid};
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

/// Columns of at least this many samples are filled as bands, not stroked.
const DENSE_SAMPLES_PER_COLUMN: usize = 4;

/// The line in device pixels: stroked polylines and filled bands, in the line's colour, and the
/// columns that must show the background.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineShapes {
    /// Stroked at the line's width.
    pub strokes: Vec<Vec<(i32, i32)>>,
    /// Filled: the pixels the stroked M4 line would cover where samples are dense.
    pub bands: Vec<Vec<(i32, i32)>>,
    /// Device-pixel columns `[start, end)` that hold a gap and none of the line: painted with the
    /// background after the line, so that no stroke's edge covers them.
    pub gaps: Vec<(i32, i32)>,
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

impl ColumnPx {
    /// Takes in the samples of `later`, which come after this column's. `joined`: with no gap
    /// between, so the line goes on to `later`'s last; otherwise only the extremes are taken in.
    fn absorb(&mut self, later: ColumnPx, joined: bool) {
        self.top = self.top.min(later.top);
        self.bottom = self.bottom.max(later.bottom);
        self.samples += later.samples;
        if joined {
            self.last = later.last;
        }
    }
}

/// Columns without a gap between them, with the line's ends at the plot's borders if it goes on.
#[derive(Default)]
struct Run {
    left_border: Option<(i32, i32)>,
    columns: Vec<ColumnPx>,
    right_border: Option<(i32, i32)>,
}

/// The line's shapes for `view`, drawn `line_width_px` wide: per run of columns without a gap,
/// one polyline through (x, first), (x, min), (x, max), (x, last) of each column; or, for columns
/// holding at least [`DENSE_SAMPLES_PER_COLUMN`] samples, the same pixels as filled bands, which
/// rasterise several times faster than a stroke zigzagging up and down every column (the line
/// into and out of a band stays stroked). At most four points per pixel column either way.
///
/// A column holding a gap is left blank (listed in `gaps`), however few of its samples are gaps:
/// its values before the first gap are drawn in the column to its left, those after the last gap
/// in the column to its right, and those between gaps beside the first. So a dip next to a gap is
/// drawn, and a gap of any length shows at least one column of background, except where gaps
/// lie so close that the values between them take the only column there is.
pub fn line_shapes(
    pyramid: &MinMaxPyramid,
    view: &SeriesView,
    rect: &PlotRect,
    line_width_px: u32,
    fill_dense: bool,
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
    // The samples `indices` as a column at `x` (kept inside the plot), if any holds a value.
    let part = |indices: std::ops::Range<usize>, x: i32| -> Option<ColumnPx> {
        let MinMax { min_y, max_y, .. } = pyramid.min_max(indices.clone());
        if min_y.is_nan() {
            return None;
        }
        let (top, bottom) = (y_px(max_y), y_px(min_y));
        let y_at = |index: usize| pyramid.sample(index).map(|(_, y)| y).filter(|y| !y.is_nan());
        Some(ColumnPx {
            x: x.clamp(rect.left_px, (rect.right_px - 1).max(rect.left_px)),
            first: y_at(indices.start).map_or(bottom, y_px),
            top,
            bottom,
            last: y_at(indices.end.saturating_sub(1)).map_or(top, y_px),
            samples: indices.len(),
        })
    };
    let mut runs: Vec<Run> = vec![Run::default()];
    let mut gap_columns: Vec<i32> = Vec::new();
    // Whether a gap lies between the last column placed and the next.
    let mut broken = false;
    for (index, column) in m4.columns.iter().enumerate() {
        if !column.has_samples() {
            continue;
        }
        let x = rect.left_px + index as i32;
        let gaps =
            if column.has_gap { pyramid.gap_bounds(column.start_index..column.end_index) } else { None };
        let Some((first_gap, last_gap)) = gaps else {
            let whole = ColumnPx {
                x,
                first: y_px(column.first_y),
                top: y_px(column.max_y),
                bottom: y_px(column.min_y),
                last: y_px(column.last_y),
                samples: column.end_index - column.start_index,
            };
            place(&mut runs, whole, broken);
            broken = false;
            continue;
        };
        gap_columns.push(x);
        if let Some(head) = part(column.start_index..first_gap, x - 1) {
            place(&mut runs, head, broken);
        }
        if let Some(between) = part(first_gap + 1..last_gap, x - 1) {
            place(&mut runs, between, true);
        }
        broken = true;
        if let Some(tail) = part(last_gap + 1..column.end_index, x + 1) {
            place(&mut runs, tail, true);
            broken = false;
        }
    }
    if let (Some(b), false) = (before, first.first_y.is_nan()) {
        let first_x = pyramid.sample(first.start_index).map_or(view.x_start, |(x, _)| x);
        if let Some(run) = runs.first_mut() {
            run.left_border =
                Some((rect.left_px, y_px(interpolate(b, (first_x, first.first_y), view.x_start))));
        }
    }
    let last = m4.columns.iter().rfind(|c| c.has_samples()).filter(|c| !c.last_y.is_nan());
    if let (Some(a), Some(column), Some(run)) = (after, last, runs.last_mut()) {
        let last_x = pyramid.sample(column.end_index.saturating_sub(1)).map_or(view.x_end, |(x, _)| x);
        run.right_border = Some((rect.right_px, y_px(interpolate((last_x, column.last_y), a, view.x_end))));
    }
    let line_width_px = line_width_px.clamp(1, 64) as i32;
    for run in &runs {
        add_run(run, rect, line_width_px, fill_dense, &mut shapes);
    }
    // A gap column stays blank unless values beside a gap were drawn in it.
    if gap_columns.is_empty() {
        return shapes;
    }
    let drawn: Vec<i32> = runs.iter().flat_map(|run| run.columns.iter().map(|c| c.x)).collect();
    for x in gap_columns {
        if drawn.binary_search(&x).is_err() {
            match shapes.gaps.last_mut() {
                Some(strip) if strip.1 == x => strip.1 = x + 1,
                _ => shapes.gaps.push((x, x + 1)),
            }
        }
    }
    shapes
}

/// Appends `column` to the last run, or to a new one when a gap lies before it (`broken`); a
/// column at or left of the last one placed is merged into it instead.
fn place(runs: &mut Vec<Run>, column: ColumnPx, broken: bool) {
    let Some(run) = runs.last_mut() else { return };
    match run.columns.last_mut() {
        Some(last) if last.x >= column.x => last.absorb(column, !broken),
        Some(_) if broken => runs.push(Run { columns: vec![column], ..Run::default() }),
        _ => run.columns.push(column),
    }
}

/// Adds a run's polylines and bands: sparse columns are points of the polyline; each block of
/// dense columns at consecutive x is a band, which the polyline enters at the block's first
/// point and leaves from its last.
fn add_run(run: &Run, rect: &PlotRect, line_width_px: i32, fill_dense: bool, shapes: &mut LineShapes) {
    let dense = |column: &ColumnPx| fill_dense && column.samples >= DENSE_SAMPLES_PER_COLUMN;
    let mut path: Vec<(i32, i32)> = Vec::new();
    let push = |path: &mut Vec<(i32, i32)>, point: (i32, i32)| {
        if path.last() != Some(&point) {
            path.push(point);
        }
    };
    let mut banded = false;
    run.left_border.into_iter().for_each(|point| push(&mut path, point));
    let columns = run.columns.as_slice();
    let mut index = 0;
    while let Some(column) = columns.get(index) {
        if !dense(column) {
            for y in [column.first, column.bottom, column.top, column.last] {
                push(&mut path, (column.x, y));
            }
            index += 1;
            continue;
        }
        let mut end = index + 1;
        while let (Some(next), Some(previous)) = (columns.get(end), columns.get(end - 1)) {
            if !dense(next) || next.x != previous.x + 1 {
                break;
            }
            end += 1;
        }
        push(&mut path, (column.x, column.first));
        if path.len() > 1 {
            shapes.strokes.push(std::mem::take(&mut path));
        } else {
            path.clear();
        }
        let block = columns.get(index..end).unwrap_or_default();
        shapes.bands.push(band(block, rect, line_width_px));
        banded = true;
        if let Some(last) = block.last() {
            path.push((last.x, last.last));
        }
        index = end;
    }
    run.right_border.into_iter().for_each(|point| push(&mut path, point));
    match path.as_slice() {
        // A single point becomes a one-pixel tick, to stay visible.
        [(x, y)] if !banded => shapes.strokes.push(vec![(*x, *y), (*x + 1, *y)]),
        [_] | [] => {}
        _ => shapes.strokes.push(path),
    }
}

/// The outline of the pixels that the M4 polyline through `block` (columns at consecutive x)
/// covers when stroked `line_width_px` wide: each pixel column spans, widened by the line's
/// width, the columns whose stroke reaches it, which also holds the segments joining them.
/// A stroke `w` wide at x covers `x - w/2 ..= x + w - w/2 - 1` (rows likewise): as many whole
/// pixels as it is wide; for odd widths the stroke's two half-covered pixels become one whole
/// pixel on the right (below). Clipped to the plot's columns; at most two points per pixel
/// column above and two below.
fn band(block: &[ColumnPx], rect: &PlotRect, line_width_px: i32) -> Vec<(i32, i32)> {
    let (Some(first), Some(last)) = (block.first(), block.last()) else { return Vec::new() };
    let (before, after) = (line_width_px / 2, line_width_px - line_width_px / 2);
    let columns = (first.x - before).max(rect.left_px)..(last.x + after).min(rect.right_px);
    let mut upper: Vec<(i32, i32)> = Vec::with_capacity(2 * columns.len());
    let mut lower: Vec<(i32, i32)> = Vec::with_capacity(2 * columns.len());
    for p in columns {
        // The columns at x with x - before <= p <= x + after - 1.
        let reaching = (p - after + 1 - first.x).max(0) as usize..(p + before - first.x + 1).max(0) as usize;
        let window =
            block.get(reaching.start.min(block.len())..reaching.end.min(block.len())).unwrap_or_default();
        let top = window.iter().map(|c| c.top).min().unwrap_or(first.top) - before;
        let bottom = window.iter().map(|c| c.bottom).max().unwrap_or(first.bottom) + after;
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

/// Draws the series over the whole of `area`; `fill_dense`: dense columns as bands (see
/// [`line_shapes`]), otherwise everything stroked.
pub fn draw_series<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pyramid: &MinMaxPyramid,
    view: SeriesView,
    theme: &Theme,
    fill_dense: bool,
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
    let grid_rows: Vec<i32> = (0..=4).map(|k| view.y_px(&rect, y_lo + step_y * f64::from(k))).collect();
    for (k, row) in (0..=4).zip(&grid_rows) {
        area.draw(&PathElement::new(vec![(rect.left_px, *row), (rect.right_px, *row)], grid))?;
        let text = y_label(y_lo + step_y * f64::from(k), step_y);
        area.draw(&Text::new(text, (rect.left_px - px(6.0), *row), label.clone()))?;
    }
    let line_width_px = px(1.5).max(1) as u32;
    let shapes = line_shapes(pyramid, &view, &rect, line_width_px, fill_dense);
    for band in shapes.bands {
        area.draw(&Polygon::new(band, theme.line.filled()))?;
    }
    let stroke = theme.line.stroke_width(line_width_px);
    for path in shapes.strokes {
        area.draw(&PathElement::new(path, stroke))?;
    }
    // Gap columns: the background, and the grid through it, over the edges of the line's strokes
    // (which reach past the plot's top and bottom by up to the line's width; the frame comes next).
    let reach_px = line_width_px as i32 + 1;
    for (start, end) in shapes.gaps {
        let corners = [(start, rect.top_px - reach_px), (end, rect.bottom_px + reach_px)];
        area.draw(&Rectangle::new(corners, theme.background.filled()))?;
        for row in &grid_rows {
            area.draw(&PathElement::new(vec![(start, *row), (end, *row)], grid))?;
        }
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
        let shapes = line_shapes(pyramid, view, rect, 2, true);
        assert!(shapes.bands.is_empty(), "sparse: {shapes:?}");
        shapes.strokes
    }

    /// Four samples per pixel column over [0, 10): y = 5 but where `y_at` says otherwise.
    fn dense(y_at: impl Fn(f64) -> f32) -> MinMaxPyramid {
        let xs: Vec<f64> = (0..40).map(|i| f64::from(i) / 4.0).collect();
        let ys = xs.iter().map(|x| y_at(*x)).collect::<Vec<_>>();
        MinMaxPyramid::new(xs, ys)
    }

    #[test]
    fn dense_runs_are_filled_with_the_pixels_their_stroke_covers() {
        let flat = line_shapes(&dense(|_| 5.0), &view(0.0, 10.0), &RECT, 2, true);
        assert_eq!(flat.bands, vec![vec![(0, 49), (10, 49), (10, 51), (0, 51)]]);
        assert!(flat.strokes.is_empty() && flat.gaps.is_empty());
        // A dip to 0 in column 5 reaches down in the pixel columns its stroke covers (4 and 5).
        let dip = line_shapes(&dense(|x| if x == 5.5 { 0.0 } else { 5.0 }), &view(0.0, 10.0), &RECT, 2, true);
        let band = vec![(0, 49), (10, 49), (10, 51), (6, 51), (6, 101), (4, 101), (4, 51), (0, 51)];
        assert_eq!(dip, LineShapes { bands: vec![band], ..LineShapes::default() });
        // A gap splits the band, and its column is painted over with the background: the band on
        // its right reaches into it as the stroke would.
        let gap =
            line_shapes(&dense(|x| if x == 5.5 { f32::NAN } else { 5.0 }), &view(0.0, 10.0), &RECT, 2, true);
        assert_eq!(
            gap.bands,
            vec![vec![(0, 49), (5, 49), (5, 51), (0, 51)], vec![(5, 49), (10, 49), (10, 51), (5, 51)]]
        );
        assert!(gap.strokes.is_empty());
        assert_eq!(gap.gaps, vec![(5, 6)]);
        // Empty columns are crossed by a stroke.
        let xs: Vec<f64> = (0..80).map(|i| f64::from(i) / 8.0).filter(|x| !(4.0..6.0).contains(x)).collect();
        let ys: Vec<f32> = xs.iter().map(|x| if *x < 5.0 { 5.0 } else { 6.0 }).collect();
        let hole = line_shapes(&MinMaxPyramid::new(xs, ys), &view(0.0, 10.0), &RECT, 2, true);
        assert_eq!(hole.strokes, vec![vec![(3, 50), (6, 40)]]);
        assert_eq!(
            hole.bands,
            vec![vec![(0, 49), (4, 49), (4, 51), (0, 51)], vec![(5, 39), (10, 39), (10, 41), (5, 41)]]
        );
    }

    #[test]
    fn a_dip_beside_a_gap_is_drawn_next_to_the_blank_column() {
        // Column 5 holds 5, 0, a gap and 5: its values before the gap go to column 4, after it to
        // column 6, and column 5 stays blank.
        let y_at = |x: f64| match x {
            5.25 => 0.0,
            5.5 => f32::NAN,
            _ => 5.0,
        };
        let shapes = line_shapes(&dense(y_at), &view(0.0, 10.0), &RECT, 2, true);
        assert_eq!(
            shapes.bands,
            vec![
                vec![(0, 49), (5, 49), (5, 101), (3, 101), (3, 51), (0, 51)],
                vec![(5, 49), (10, 49), (10, 51), (5, 51)]
            ]
        );
        assert_eq!(shapes.gaps, vec![(5, 6)]);
        // Two samples per column (stroked): the dip and the gap share column 2.
        let xs: Vec<f64> = (0..10).map(|i| f64::from(i) / 2.0).collect();
        let ys = vec![5.0, 5.0, 5.0, 5.0, 0.0, f32::NAN, 5.0, 5.0, 5.0, 5.0];
        let paths = strokes(&MinMaxPyramid::new(xs, ys), &view(0.0, 5.0), &PlotRect { right_px: 5, ..RECT });
        let column_1 = [(1, 50), (1, 100), (1, 50), (1, 100)]; // first, min, max, last: 5, 5, 0
        assert_eq!(paths, vec![[[(0, 50)].as_slice(), &column_1].concat(), vec![(3, 50), (4, 50)]]);
        assert_eq!(
            line_shapes(&MinMaxPyramid::new(vec![0.0], vec![0.0]), &view(0.0, 5.0), &RECT, 2, true).gaps,
            vec![]
        );
    }

    #[test]
    fn every_gap_keeps_a_blank_column_at_every_zoom() {
        // One gap among 100,000 samples, seen from the whole series down to 1,000 samples.
        let n = 100_000;
        let xs: Vec<f64> = (0..n).map(f64::from).collect();
        let mut ys = vec![10.0f32; n as usize];
        ys[61_803] = f32::NAN;
        let pyramid = MinMaxPyramid::new(xs, ys);
        let rect = PlotRect { left_px: 0, right_px: 700, top_px: 0, bottom_px: 100 };
        for span in [100_000.0, 31_000.0, 7_000.0, 1_000.0] {
            let view = SeriesView {
                x_start: 61_803.0 - span / 3.0,
                x_end: 61_803.0 + span * 2.0 / 3.0,
                ..view(0.0, 1.0)
            };
            let shapes = line_shapes(&pyramid, &view, &rect, 3, true);
            // The gap lies a third of the way in: column 233 of 700, and only that one.
            assert_eq!(shapes.gaps, vec![(233, 234)], "span {span}");
        }
    }

    #[test]
    fn dense_runs_reach_the_borders_by_strokes() {
        // The view [2, 8) of the flat series: the samples beyond continue the line to the borders.
        let rect = PlotRect { left_px: 0, right_px: 6, top_px: 0, bottom_px: 100 };
        let shapes = line_shapes(&dense(|_| 5.0), &view(2.0, 8.0), &rect, 2, true);
        assert_eq!(shapes.strokes, vec![vec![(5, 50), (6, 50)]], "none of length 0");
        assert_eq!(shapes.bands, vec![vec![(0, 49), (6, 49), (6, 51), (0, 51)]]);
    }

    #[test]
    fn a_gap_column_splits_the_line() {
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        let mut ys = vec![5.0f32; 10];
        ys[4] = f32::NAN;
        let pyramid = MinMaxPyramid::new(xs, ys);
        let run = |columns: std::ops::Range<i32>| columns.map(|x| (x, 50)).collect::<Vec<_>>();
        assert_eq!(strokes(&pyramid, &view(0.0, 10.0), &RECT), vec![run(0..4), run(5..10)]);
        // The stroke starting at column 5 covers pixel column 4 too: it is painted over.
        assert_eq!(line_shapes(&pyramid, &view(0.0, 10.0), &RECT, 2, true).gaps, vec![(4, 5)]);
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
        let pyramid = MinMaxPyramid::new(vec![0.0, 10.0, 20.0, 30.0], vec![f32::NAN, 1.0, 2.0, f32::NAN]);
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
