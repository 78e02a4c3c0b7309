//! The availability curve: rolling availability as straight segments or steps (never smoothed),
//! a gap where there is no data, the SLO target as a dashed line, outages shaded behind. The y
//! axis starts at the highest "nines" floor below the data, so 99.95 % and 99.5 % look different.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{time_ticks, TimeScale};
use super::theme::Theme;
use crate::analysis::LevelSegment;
use crate::model::format::percent_label;
use crate::model::{Span, TimeMs};

#[derive(Clone, Debug, PartialEq)]
pub struct CurveSpec {
    pub span: Span,
    /// Up-ratios 0..1 in time order; `None` is a gap. Expected at about one point per pixel column.
    pub points: Vec<(TimeMs, Option<f64>)>,
    pub target_ratio: Option<f64>,
    /// Outages shaded behind the curve, in time order.
    pub shaded: Vec<LevelSegment>,
    /// Draw each value flat until the next point instead of a straight line to it.
    pub stepped: bool,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// The clock of the time axis: minutes east of UTC (0 for UTC).
    pub utc_offset_minutes: i32,
}

/// Layout shared by drawing and hit testing, in device pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveLayout {
    pub x: TimeScale,
    pub top_px: i32,
    pub bottom_px: i32,
    pub floor_ratio: f64,
}

impl CurveLayout {
    pub fn y_px(&self, ratio: f64) -> i32 {
        let f = ((ratio - self.floor_ratio) / (1.0 - self.floor_ratio)).clamp(0.0, 1.0);
        self.bottom_px - (f * f64::from(self.bottom_px - self.top_px)).round() as i32
    }
}

impl CurveSpec {
    /// The bottom of the y axis: the highest "nines" floor below every point and the target, so
    /// the interesting part fills the chart.
    pub fn y_floor_ratio(&self) -> f64 {
        let lowest = self
            .points
            .iter()
            .filter_map(|(_, v)| *v)
            .chain(self.target_ratio)
            .fold(1.0f64, |a, b| if b < a { b } else { a });
        [0.9999, 0.9995, 0.999, 0.995, 0.99, 0.98, 0.95, 0.9, 0.8, 0.5]
            .into_iter()
            .find(|floor| lowest > *floor + (1.0 - floor) * 0.05)
            .unwrap_or(0.0)
    }

    pub fn layout(&self, (width_px, height_px): (u32, u32)) -> CurveLayout {
        let px = |css: f64| (css * self.scale.max(0.5)).round() as i32;
        CurveLayout {
            x: TimeScale { span: self.span, left_px: px(64.0), right_px: width_px as i32 - px(12.0) },
            top_px: px(10.0),
            bottom_px: height_px as i32 - px(24.0),
            floor_ratio: self.y_floor_ratio(),
        }
    }

    /// The point shown at device column `x_px` (the last one at or before its time), or `None`
    /// outside the plot.
    pub fn point_at(&self, x_px: f64, width_px: u32) -> Option<(TimeMs, Option<f64>)> {
        let x = self.layout((width_px, 0)).x;
        if x_px < f64::from(x.left_px) || x_px > f64::from(x.right_px) {
            return None;
        }
        let t_ms = x.ms_from_px(x_px);
        let after = self.points.partition_point(|(t, _)| *t <= t_ms);
        self.points.get(after.checked_sub(1)?).copied()
    }

    /// The outage shaded at time `t_ms`, if any.
    pub fn outage_at(&self, t_ms: TimeMs) -> Option<&LevelSegment> {
        let index = self.shaded.partition_point(|s| s.span.end_ms <= t_ms);
        self.shaded.get(index).filter(|s| s.span.start_ms <= t_ms)
    }
}

/// Draws `spec` over the whole of `area`.
pub fn draw_curve<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &CurveSpec,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let s = spec.scale.max(0.5);
    let px = |css: f64| (css * s).round() as i32;
    let layout = spec.layout(area.dim_in_pixel());
    let (x, left, right, top, bottom) =
        (layout.x, layout.x.left_px, layout.x.right_px, layout.top_px, layout.bottom_px);
    area.fill(&theme.background)?;
    if right <= left || bottom <= top {
        return Ok(());
    }
    let font_px = 13.0 * s;
    let label = |anchor: Pos| ("sans-serif", font_px).into_font().color(&theme.text).pos(anchor);

    for segment in &spec.shaded {
        let (x0, x1) = (x.px_from_ms(segment.span.start_ms) as i32, x.px_from_ms(segment.span.end_ms) as i32);
        let (x0, x1) = (x0.clamp(left, right), x1.clamp(left, right).max(x0.clamp(left, right) + 1));
        area.draw(&Rectangle::new([(x0, top), (x1, bottom)], theme.level(segment.level).mix(0.22).filled()))?;
    }
    for k in 0..=4 {
        let ratio = layout.floor_ratio + (1.0 - layout.floor_ratio) * f64::from(k) / 4.0;
        let y = layout.y_px(ratio);
        area.draw(&PathElement::new(
            vec![(left, y), (right, y)],
            theme.grid.stroke_width(px(1.0).max(1) as u32),
        ))?;
        area.draw(&Text::new(
            percent_label(ratio),
            (left - px(6.0), y),
            label(Pos::new(HPos::Right, VPos::Center)),
        ))?;
    }
    let max_ticks = ((right - left) as f64 / (90.0 * s)).max(1.0) as usize;
    for (t_ms, text) in time_ticks(spec.span, max_ticks, spec.utc_offset_minutes) {
        let tx = x.px_from_ms(t_ms) as i32;
        area.draw(&PathElement::new(vec![(tx, bottom), (tx, bottom + px(4.0))], theme.text.stroke_width(1)))?;
        area.draw(&Text::new(text, (tx, bottom + px(6.0)), label(Pos::new(HPos::Center, VPos::Top))))?;
    }
    if let Some(target) = spec.target_ratio {
        let y = layout.y_px(target);
        let dash = px(6.0).max(2);
        let mut x0 = left;
        while x0 < right {
            let x1 = (x0 + dash).min(right);
            area.draw(&PathElement::new(
                vec![(x0, y), (x1, y)],
                theme.target.stroke_width(px(1.0).max(1) as u32),
            ))?;
            x0 += dash * 2;
        }
    }
    // One path per run of known points: a gap stays a gap.
    let stroke = theme.line.stroke_width(px(1.5).max(1) as u32);
    let mut run: Vec<(i32, i32)> = Vec::new();
    for (t_ms, value) in &spec.points {
        let point_x = (x.px_from_ms(*t_ms).round() as i32).clamp(left, right);
        match value {
            Some(v) => {
                let y = layout.y_px(*v);
                if let (true, Some(&(_, last_y))) = (spec.stepped, run.last()) {
                    run.push((point_x, last_y));
                }
                run.push((point_x, y));
            }
            None if !run.is_empty() => area.draw(&PathElement::new(std::mem::take(&mut run), stroke))?,
            None => {}
        }
    }
    if !run.is_empty() {
        area.draw(&PathElement::new(run, stroke))?;
    }
    area.draw(&PathElement::new(
        vec![(left, top), (left, bottom), (right, bottom)],
        theme.text.stroke_width(1),
    ))?;
    Ok(())
}
