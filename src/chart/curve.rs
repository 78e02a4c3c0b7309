//! The availability curve: rolling availability as straight segments (never smoothed), a gap
//! where there is no data, the SLO target as a dashed line, outages shaded behind.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{percent_label, time_ticks, TimeScale};
use super::theme::Theme;
use crate::model::{Level, Span, TimeMs};

#[derive(Clone, Debug, PartialEq)]
pub struct CurveSpec {
    pub span: Span,
    /// Up-ratios 0..1 in time order; `None` is a gap. Expected at about one point per pixel column.
    pub points: Vec<(TimeMs, Option<f64>)>,
    pub target_ratio: Option<f64>,
    /// Time spans shaded behind the curve (outages), with their level.
    pub shaded: Vec<(Span, Level)>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
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
        [0.999, 0.995, 0.99, 0.98, 0.95, 0.9, 0.8, 0.5]
            .into_iter()
            .find(|floor| lowest > *floor + (1.0 - floor) * 0.05)
            .unwrap_or(0.0)
    }
}

/// Draws `spec` over the whole of `area`.
pub fn draw_curve<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &CurveSpec,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width_px, height_px) = area.dim_in_pixel();
    let s = spec.scale.max(0.5);
    let px = |css: f64| (css * s).round() as i32;
    let (left, right, top, bottom) =
        (px(64.0), width_px as i32 - px(12.0), px(10.0), height_px as i32 - px(24.0));
    area.fill(&theme.background)?;
    if right <= left || bottom <= top {
        return Ok(());
    }
    let x = TimeScale { span: spec.span, left_px: left, right_px: right };
    let floor = spec.y_floor_ratio();
    let y_px = |ratio: f64| -> i32 {
        let f = ((ratio - floor) / (1.0 - floor)).clamp(0.0, 1.0);
        bottom - (f * f64::from(bottom - top)).round() as i32
    };
    let font_px = 13.0 * s;
    let label = |anchor: Pos| ("sans-serif", font_px).into_font().color(&theme.text).pos(anchor);

    for (span, level) in &spec.shaded {
        let (x0, x1) = (x.px_from_ms(span.start_ms) as i32, x.px_from_ms(span.end_ms) as i32);
        let (x0, x1) = (x0.clamp(left, right), x1.clamp(left, right).max(x0.clamp(left, right) + 1));
        area.draw(&Rectangle::new([(x0, top), (x1, bottom)], theme.level(*level).mix(0.22).filled()))?;
    }
    for k in 0..=4 {
        let ratio = floor + (1.0 - floor) * f64::from(k) / 4.0;
        let y = y_px(ratio);
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
    for (t_ms, text) in time_ticks(spec.span, max_ticks) {
        let tx = x.px_from_ms(t_ms) as i32;
        area.draw(&PathElement::new(vec![(tx, bottom), (tx, bottom + px(4.0))], theme.text.stroke_width(1)))?;
        area.draw(&Text::new(text, (tx, bottom + px(6.0)), label(Pos::new(HPos::Center, VPos::Top))))?;
    }
    if let Some(target) = spec.target_ratio {
        let y = y_px(target);
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
        match value {
            Some(v) => run.push((x.px_from_ms(*t_ms).round() as i32, y_px(*v))),
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
