//! A long series drawn as a line through its M4 columns (see `pyramid`): at most four points per
//! device-pixel column (first, min, max, last) whatever the length of the series, and one path per
//! run of columns without a gap, so a frame costs O(width · log n).
//!
//! Contract:
//! - The plot is `area` less margins for the y labels; drawn are the background, y grid lines with
//!   their labels, the line and a frame around the plot.
//! - A column holding a gap (NaN) is left blank, so a gap stays visible however far out the view
//!   is: at least one device pixel wide. Columns without samples (a view zoomed in past the sample
//!   spacing) are bridged by a straight segment.
//! - Where the series goes on beyond the view, the line runs to the plot's border, interpolated
//!   at the border, unless the sample beyond is a gap.
//! - y outside `[y_min, y_max]` is pinned to the plot's border; an empty or non-finite y range is
//!   widened so that nothing is drawn from NaN.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::pyramid::MinMaxPyramid;
use super::theme::Theme;

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

    /// The device-pixel row of `y` (pinned to the plot; `y` must not be NaN).
    pub fn y_px(&self, rect: &PlotRect, y: f64) -> i32 {
        let (lo, hi) = self.y_bounds();
        let fraction = ((y - lo) / (hi - lo)).clamp(0.0, 1.0);
        rect.bottom_px - (fraction * f64::from(rect.bottom_px - rect.top_px)).round() as i32
    }
}

/// The line's paths in device pixels: one per run of columns without a gap.
pub fn line_paths(pyramid: &MinMaxPyramid, view: &SeriesView, rect: &PlotRect) -> Vec<Vec<(i32, i32)>> {
    let width_px = (rect.right_px - rect.left_px).max(0) as usize;
    let m4 = pyramid.m4_columns(view.x_start, view.x_end, width_px);
    let y_px = |y: f64| view.y_px(rect, y);
    let finite = |sample: Option<(f64, f64)>| sample.filter(|(_, y)| !y.is_nan());
    let (before, after) = (finite(m4.before), finite(m4.after));
    let mut paths = Vec::new();
    let mut run: Vec<(i32, i32)> = Vec::with_capacity(4 * width_px + 2);

    let Some(first) = m4.columns.iter().find(|c| c.has_samples()) else {
        // No sample in view: the segment between the neighbours, border to border.
        if let (Some(b), Some(a)) = (before, after) {
            let left_y = interpolate(b, a, view.x_start);
            let right_y = interpolate(b, a, view.x_end);
            paths.push(vec![(rect.left_px, y_px(left_y)), (rect.right_px, y_px(right_y))]);
        }
        return paths;
    };
    if let (Some(b), false) = (before, first.has_gap) {
        let first_x = pyramid.sample(first.start_index).map_or(view.x_start, |(x, _)| x);
        run.push((rect.left_px, y_px(interpolate(b, (first_x, first.first_y), view.x_start))));
    }
    let mut last_drawn = None;
    for (index, column) in m4.columns.iter().enumerate() {
        if !column.has_samples() {
            continue;
        }
        if column.has_gap {
            finish_run(&mut run, &mut paths);
            last_drawn = None;
            continue;
        }
        let x = rect.left_px + index as i32;
        for y in [column.first_y, column.min_y, column.max_y, column.last_y] {
            let point = (x, y_px(y));
            if run.last() != Some(&point) {
                run.push(point);
            }
        }
        last_drawn = Some(column);
    }
    if let (Some(a), Some(column)) = (after, last_drawn) {
        let last_x = pyramid.sample(column.end_index.saturating_sub(1)).map_or(view.x_end, |(x, _)| x);
        run.push((rect.right_px, y_px(interpolate((last_x, column.last_y), a, view.x_end))));
    }
    finish_run(&mut run, &mut paths);
    paths
}

/// Moves `run` into `paths`; a run of a single point becomes a one-pixel tick, to stay visible.
fn finish_run(run: &mut Vec<(i32, i32)>, paths: &mut Vec<Vec<(i32, i32)>>) {
    if let [(x, y)] = run.as_slice() {
        let tick = (*x + 1, *y);
        run.push(tick);
    }
    if !run.is_empty() {
        paths.push(std::mem::take(run));
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
    let stroke = theme.line.stroke_width(px(1.5).max(1) as u32);
    for path in line_paths(pyramid, &view, &rect) {
        area.draw(&PathElement::new(path, stroke))?;
    }
    area.draw(&Rectangle::new(
        [(rect.left_px, rect.top_px), (rect.right_px, rect.bottom_px)],
        theme.text.stroke_width(1),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(x_start: f64, x_end: f64) -> SeriesView {
        SeriesView { x_start, x_end, y_min: 0.0, y_max: 10.0, scale: 1.0 }
    }

    const RECT: PlotRect = PlotRect { left_px: 0, right_px: 10, top_px: 0, bottom_px: 100 };

    #[test]
    fn a_gap_column_splits_the_line() {
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        let mut ys = vec![5.0; 10];
        ys[4] = f64::NAN;
        let paths = line_paths(&MinMaxPyramid::new(xs, ys), &view(0.0, 10.0), &RECT);
        let run = |columns: std::ops::Range<i32>| columns.map(|x| (x, 50)).collect::<Vec<_>>();
        assert_eq!(paths, vec![run(0..4), run(5..10)]);
    }

    #[test]
    fn the_line_runs_to_the_border_between_samples_outside_the_view() {
        // Samples at x = 0, 10, 20, 30 rising by 1 per 10; the view [5, 25) holds 10 and 20.
        let pyramid = MinMaxPyramid::new(vec![0.0, 10.0, 20.0, 30.0], vec![0.0, 1.0, 2.0, 3.0]);
        let paths = line_paths(&pyramid, &view(5.0, 25.0), &RECT);
        // Column width 2: x = 10 in column 2, x = 20 in column 7; y 0.5 at the left, 2.5 at the right.
        assert_eq!(paths, vec![vec![(0, 95), (2, 90), (7, 80), (10, 75)]]);
        // Zoomed in between two samples: one segment, border to border.
        let paths = line_paths(&pyramid, &view(12.0, 18.0), &RECT);
        assert_eq!(paths, vec![vec![(0, 88), (10, 82)]]);
        // Nothing beyond a gap.
        let pyramid = MinMaxPyramid::new(vec![0.0, 10.0, 20.0, 30.0], vec![f64::NAN, 1.0, 2.0, f64::NAN]);
        assert_eq!(line_paths(&pyramid, &view(5.0, 25.0), &RECT), vec![vec![(2, 90), (7, 80)]]);
        assert!(line_paths(&pyramid, &view(22.0, 28.0), &RECT).is_empty());
    }

    #[test]
    fn a_lone_sample_is_a_tick_and_degenerate_views_draw_nothing_wrong() {
        let pyramid = MinMaxPyramid::new(vec![5.0], vec![20.0]);
        assert_eq!(line_paths(&pyramid, &view(0.0, 10.0), &RECT), vec![vec![(5, 0), (6, 0)]]);
        assert!(line_paths(&pyramid, &view(10.0, 0.0), &RECT).is_empty());
        let empty = MinMaxPyramid::new(Vec::new(), Vec::new());
        assert!(line_paths(&empty, &view(0.0, 10.0), &RECT).is_empty());
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
