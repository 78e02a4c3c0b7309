//! The error-budget burn-down of one SLO: the share of the budget left at each instant from the
//! window's start to as-of, next to the ideal straight line that spends it evenly by the window's
//! end.
//!
//! Contract: the budget and window are those of [`crate::analysis::slo_report`] (rolling N days
//! ending at as-of, or the calendar month of as-of, sized by the nominal window). At instant `t`
//! the remaining ratio is `1 − weighted downtime in [window start, t) / budget`: 1 at the start,
//! below 0 once overspent, `None` throughout when there is no budget (a target of 100 %). The last
//! point is at as-of and equals the report's remaining ratio. The x axis runs from the window's
//! start to its nominal end (as-of for a rolling window, the month's end for a calendar one); the
//! y axis always shows 0 % and 100 %, and extends below 0 when overspent, with the overspent band
//! shaded. Geometry is in device pixels; `scale` sizes text and strokes.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{time_ticks, TimeScale};
use super::text::{csv_document, csv_number};
use super::theme::Theme;
use crate::analysis::{slo_report, Profile, SloWindow};
use crate::model::format::{format_duration_exact, format_duration_ms, format_rfc3339, percent_label};
use crate::model::{Level, Span, TimeMs, MS_PER_MINUTE};

/// The CSV's header row.
pub const BURNDOWN_CSV_HEADER: &str = "time,remaining_budget_percent,budget_used_minutes";

/// The budget at one instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BurnPoint {
    pub t_ms: TimeMs,
    /// Weighted downtime from the window's start to `t_ms`.
    pub used_ms: f64,
    /// `1 − used / budget`; `None` without a budget.
    pub remaining_ratio: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BurndownSpec {
    pub service_id: String,
    pub target_ratio: f64,
    /// The window up to as-of.
    pub window: Span,
    /// Where the nominal window ends: as-of for a rolling window, the month's end for a calendar one.
    pub window_end_ms: TimeMs,
    pub budget_total_ms: f64,
    /// Evenly spaced from the window's start to as-of, both included.
    pub points: Vec<BurnPoint>,
    /// The report's remaining ratio at as-of.
    pub remaining_ratio: Option<f64>,
    /// The report's projection: time from as-of until the budget is spent at the 1-day burn rate;
    /// `Some(0)` when already spent, `None` when nothing burns.
    pub exhaustion_in_ms: Option<f64>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

/// The burn-down of `service_id`'s budget for `target_ratio` over `window` at `as_of_ms`, with
/// `points` instants (at least 2), measured by `profile` (the service's [`Profile::for_service`],
/// which the other figures share).
pub fn burndown_spec(
    service_id: &str,
    profile: &Profile,
    target_ratio: f64,
    window: SloWindow,
    as_of_ms: TimeMs,
    points: usize,
    scale: f64,
) -> BurndownSpec {
    let report = slo_report(profile, target_ratio, window, as_of_ms);
    let span = report.window;
    let last = (points.max(2) - 1) as f64;
    let times_ms: Vec<TimeMs> = (0..points.max(2))
        .map(|k| span.start_ms + (span.duration_ms() as f64 * k as f64 / last).round() as i64)
        .collect();
    let totals = profile.totals_until(&times_ms);
    let at_start = totals.first().copied().unwrap_or_default();
    let budget_ms = report.budget_total_ms;
    let points = times_ms
        .iter()
        .zip(&totals)
        .map(|(t_ms, t)| {
            let used_ms = t.minus(&at_start).down_ms;
            BurnPoint {
                t_ms: *t_ms,
                used_ms,
                remaining_ratio: (budget_ms > 0.0).then(|| 1.0 - used_ms / budget_ms),
            }
        })
        .collect();
    BurndownSpec {
        service_id: service_id.to_string(),
        target_ratio,
        window: span,
        window_end_ms: span.start_ms.saturating_add(window.nominal_ms(as_of_ms)).max(span.end_ms),
        budget_total_ms: budget_ms,
        points,
        remaining_ratio: report.budget_remaining_ratio,
        exhaustion_in_ms: report.exhaustion_in_ms,
        scale,
    }
}

impl BurndownSpec {
    /// The time axis on a chart `width_px` device pixels wide.
    pub fn x_scale(&self, width_px: u32) -> TimeScale {
        let px = |css: f64| (css * self.scale.max(0.5)).round() as i32;
        TimeScale {
            span: Span::new(self.window.start_ms, self.window_end_ms),
            left_px: px(64.0),
            right_px: width_px as i32 - px(12.0),
        }
    }

    /// The last point at or before the time at device column `x_px`, if inside the plot.
    pub fn point_at(&self, x_px: f64, width_px: u32) -> Option<&BurnPoint> {
        let x = self.x_scale(width_px);
        if x_px < f64::from(x.left_px) || x_px > f64::from(x.right_px) {
            return None;
        }
        let t_ms = x.ms_from_px(x_px);
        let after = self.points.partition_point(|p| p.t_ms <= t_ms);
        self.points.get(after.checked_sub(1)?)
    }

    /// The ideal line at `t_ms`: 1 at the window's start, 0 at its nominal end.
    pub fn ideal_ratio(&self, t_ms: TimeMs) -> f64 {
        let length_ms = (self.window_end_ms - self.window.start_ms).max(1) as f64;
        1.0 - (t_ms - self.window.start_ms) as f64 / length_ms
    }

    /// The y axis: its bottom and top ratios and the step between labelled lines. The top is 100 %;
    /// the bottom is 0 %, or a whole number of steps below the lowest point when overspent.
    pub fn y_range(&self) -> (f64, f64, f64) {
        let lowest = self
            .points
            .iter()
            .filter_map(|p| p.remaining_ratio)
            .filter(|r| r.is_finite())
            .fold(0.0f64, f64::min);
        let raw_step = (1.0 - lowest) / 5.0;
        let magnitude = 10f64.powf(raw_step.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw_step)
            .filter(|s| s.is_finite() && *s > 0.0)
            .unwrap_or(0.2);
        ((lowest / step).floor() * step, 1.0, step)
    }

    /// One line summing up the budget: what is left and when it runs out.
    pub fn summary(&self) -> String {
        let Some(ratio) = self.remaining_ratio else { return "No error budget".into() };
        let left = format!("{} of the error budget left", remaining_label(ratio));
        match self.exhaustion_in_ms {
            Some(ms) if ms <= 0.0 => format!("{left} · spent"),
            Some(ms) => format!("{left} · runs out in {}", format_duration_ms(ms as i64)),
            None => left,
        }
    }

    /// The chart as a table: time (UTC), remaining budget, budget used.
    pub fn table_rows(&self) -> Vec<[String; 3]> {
        self.points
            .iter()
            .map(|p| {
                let remaining = p.remaining_ratio.map_or_else(|| "no budget".into(), remaining_label);
                [format_rfc3339(p.t_ms), remaining, format_duration_exact(p.used_ms)]
            })
            .collect()
    }

    /// The points as CSV under [`BURNDOWN_CSV_HEADER`]; the remaining percent is empty without a
    /// budget.
    pub fn to_csv(&self) -> String {
        let rows: Vec<[String; 3]> = self
            .points
            .iter()
            .map(|p| {
                [
                    format_rfc3339(p.t_ms),
                    csv_number(p.remaining_ratio.map(|r| r * 100.0), 4),
                    csv_number(Some(p.used_ms / MS_PER_MINUTE as f64), 4),
                ]
            })
            .collect();
        csv_document(BURNDOWN_CSV_HEADER, &rows)
    }
}

/// A remaining share for people: one decimal below 10 % either way, whole percents beyond.
fn remaining_label(ratio: f64) -> String {
    let percent = ratio * 100.0 + 0.0;
    if percent.abs() < 10.0 {
        format!("{percent:.1} %")
    } else {
        format!("{percent:.0} %")
    }
}

/// A dashed straight line from `from` to `to`: dashes and gaps of `dash_px`.
fn draw_dashed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    from: (f64, f64),
    to: (f64, f64),
    dash_px: f64,
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let length_px = (to.0 - from.0).hypot(to.1 - from.1);
    if !length_px.is_finite() || length_px < 1.0 || dash_px < 1.0 {
        return Ok(());
    }
    let at = |f: f64| {
        let f = f.min(1.0);
        ((from.0 + (to.0 - from.0) * f).round() as i32, (from.1 + (to.1 - from.1) * f).round() as i32)
    };
    let dashes = (length_px / (2.0 * dash_px)).ceil().min(10_000.0) as usize;
    for k in 0..dashes {
        let f0 = (2 * k) as f64 * dash_px / length_px;
        area.draw(&PathElement::new(vec![at(f0), at(f0 + dash_px / length_px)], style))?;
    }
    Ok(())
}

/// Draws `spec` over the whole of `area`.
pub fn draw_burndown<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &BurndownSpec,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width_px, height_px) = area.dim_in_pixel();
    let s = spec.scale.max(0.5);
    let px = |css: f64| (css * s).round() as i32;
    let (left, right, top, bottom) =
        (px(64.0), width_px as i32 - px(12.0), px(26.0), height_px as i32 - px(24.0));
    area.fill(&theme.background)?;
    if right <= left || bottom <= top {
        return Ok(());
    }
    let x = spec.x_scale(width_px);
    let (y_min, y_max, step) = spec.y_range();
    let y_px = |ratio: f64| -> f64 {
        let f = ((ratio - y_min) / (y_max - y_min)).clamp(0.0, 1.0);
        f64::from(bottom) - f * f64::from(bottom - top)
    };
    let font_px = 13.0 * s;
    let label = |anchor: Pos| ("sans-serif", font_px).into_font().color(&theme.text).pos(anchor);
    let thin = px(1.0).max(1) as u32;
    let zero_y = y_px(0.0).round() as i32;
    if y_min < 0.0 && zero_y < bottom {
        let band =
            Rectangle::new([(left, zero_y), (right, bottom)], theme.level(Level::Major).mix(0.12).filled());
        area.draw(&band)?;
    }
    // Gridlines at whole steps, and 100 % when it is not one of them and has room for its label.
    let steps = ((y_max - y_min) / step).round().clamp(0.0, 1000.0) as i64;
    let mut ticks: Vec<f64> =
        (0..=steps).map(|k| y_min + k as f64 * step).filter(|r| *r <= y_max + 1e-9).collect();
    let top_room = ticks.iter().all(|r| (y_px(*r) - y_px(y_max)).abs() >= font_px);
    if top_room {
        ticks.push(y_max);
    }
    for ratio in ticks {
        let y = y_px(ratio).round() as i32;
        let (colour, width) = if ratio.abs() < step * 1e-6 {
            (theme.text, px(2.0).max(1))
        } else {
            (theme.grid, px(1.0).max(1))
        };
        area.draw(&PathElement::new(vec![(left, y), (right, y)], colour.stroke_width(width as u32)))?;
        let text = percent_label(if ratio.abs() < step * 1e-6 { 0.0 } else { ratio });
        area.draw(&Text::new(text, (left - px(6.0), y), label(Pos::new(HPos::Right, VPos::Center))))?;
    }
    let max_ticks = (f64::from(right - left) / (90.0 * s)).max(1.0) as usize;
    for (t_ms, text) in time_ticks(x.span, max_ticks, 0) {
        let tx = x.px_from_ms(t_ms).round() as i32;
        area.draw(&PathElement::new(vec![(tx, bottom), (tx, bottom + px(4.0))], theme.text.stroke_width(1)))?;
        area.draw(&Text::new(text, (tx, bottom + px(6.0)), label(Pos::new(HPos::Center, VPos::Top))))?;
    }
    let ideal_style = theme.target.stroke_width(thin);
    let (start, end) = (spec.window.start_ms, spec.window_end_ms);
    let ideal = [(x.px_from_ms(start), y_px(1.0)), (x.px_from_ms(end), y_px(spec.ideal_ratio(end)))];
    draw_dashed(area, ideal[0], ideal[1], f64::from(px(6.0).max(2)), ideal_style)?;
    let line: Vec<(i32, i32)> = spec
        .points
        .iter()
        .filter_map(|p| Some((x.px_from_ms(p.t_ms).round() as i32, y_px(p.remaining_ratio?).round() as i32)))
        .collect();
    if line.len() >= 2 {
        area.draw(&PathElement::new(line.clone(), theme.line.stroke_width(px(2.0).max(1) as u32)))?;
    }
    // The projection to exhaustion, dotted, when it falls inside the chart (a calendar month).
    if let (Some(&(lx, ly)), Some(ms)) = (line.last(), spec.exhaustion_in_ms.filter(|ms| *ms > 0.0)) {
        let out_ms = spec.window.end_ms.saturating_add(ms.min(i64::MAX as f64) as i64);
        if out_ms <= end {
            let dot = f64::from(px(2.0).max(1));
            draw_dashed(
                area,
                (f64::from(lx), f64::from(ly)),
                (x.px_from_ms(out_ms), y_px(0.0)),
                dot,
                ideal_style,
            )?;
        }
    }
    area.draw(&Text::new(spec.summary(), (right, px(4.0)), label(Pos::new(HPos::Right, VPos::Top))))?;
    area.draw(&PathElement::new(
        vec![(left, top), (left, bottom), (right, bottom)],
        theme.text.stroke_width(1),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Weights;
    use crate::model::{Incident, Snapshot, MS_PER_DAY};

    const D: i64 = MS_PER_DAY;
    const MIN: i64 = MS_PER_MINUTE;

    /// Service "a", covered for 40 days, as of day 40, with major outages `[start, end)`.
    fn snapshot(outages: &[(TimeMs, TimeMs)]) -> Snapshot {
        Snapshot {
            as_of_ms: 40 * D,
            coverage: Span::new(0, 40 * D).into(),
            incidents: outages
                .iter()
                .map(|&(s, e)| Incident::for_test("a", Level::Major, s, Some(e)))
                .collect(),
            ..Snapshot::default()
        }
    }

    #[test]
    fn remaining_budget_falls_with_each_outage() {
        // 99.9 % over 30 days: 43.2 min of budget over [day 10, day 40). 21.6 min down on day 15
        // (half the budget) and 43.2 min on day 25 (all of it again): at day 20 half is left, at
        // day 30 and 40 −50 %.
        let outages = [(15 * D, 15 * D + 1296 * MIN / 60), (25 * D, 25 * D + 2592 * MIN / 60)];
        let spec = burndown_spec(
            "a",
            &Profile::for_service(&snapshot(&outages), "a", None, &Weights::STRICT),
            0.999,
            SloWindow::default(),
            40 * D,
            4,
            1.0,
        );
        let got: Vec<(i64, Option<f64>)> = spec
            .points
            .iter()
            .map(|p| (p.t_ms / D, p.remaining_ratio.map(|r| (r * 1e9).round() / 1e9)))
            .collect();
        assert_eq!(got, vec![(10, Some(1.0)), (20, Some(0.5)), (30, Some(-0.5)), (40, Some(-0.5))]);
        assert_eq!(spec.remaining_ratio.map(|r| (r * 1e9).round() / 1e9), Some(-0.5), "the report agrees");
        assert_eq!(
            (spec.window, spec.window_end_ms),
            (Span::new(10 * D, 40 * D), 40 * D),
            "rolling ends at as-of"
        );
        assert_eq!(spec.ideal_ratio(25 * D), 0.5, "the ideal line halfway");
        // Overspent by half the budget: steps of (1 + 0.5) / 5 = 0.3 → 0.5, bottom at −50 %.
        assert_eq!(spec.y_range(), (-0.5, 1.0, 0.5));
        assert_eq!(spec.summary(), "-50 % of the error budget left · spent");
        let csv = spec.to_csv();
        assert_eq!(csv.lines().next(), Some(BURNDOWN_CSV_HEADER));
        assert_eq!(csv.lines().nth(2), Some("1970-01-21T00:00:00Z,50.0000,21.6000"), "{csv}");
    }

    #[test]
    fn axis_ranges_and_budgetless_targets() {
        // (label, outages, target, want y range)
        let cases = [
            ("nothing down: 0 to 100 % in fifths", vec![], 0.999, (0.0, 1.0, 0.2)),
            (
                "1495 min against 43.2 leaves −3361 %: steps of 1000 %",
                vec![(20 * D, 20 * D + 1495 * MIN)],
                0.999,
                (-40.0, 1.0, 10.0),
            ),
        ];
        for (label, outages, target, want) in cases {
            let spec = burndown_spec(
                "a",
                &Profile::for_service(&snapshot(&outages), "a", None, &Weights::STRICT),
                target,
                SloWindow::default(),
                40 * D,
                5,
                1.0,
            );
            let (lo, hi, step) = spec.y_range();
            assert!(
                (lo - want.0).abs() < 1e-9 && hi == want.1 && (step - want.2).abs() < 1e-9,
                "{label}: {:?}",
                spec.y_range()
            );
        }
        // A 100 % target has no budget: no remaining ratio anywhere, and the summary says so.
        let spec = burndown_spec(
            "a",
            &Profile::for_service(&snapshot(&[]), "a", None, &Weights::STRICT),
            1.0,
            SloWindow::default(),
            40 * D,
            3,
            1.0,
        );
        assert!(spec.points.iter().all(|p| p.remaining_ratio.is_none()));
        assert_eq!(spec.summary(), "No error budget");
        assert_eq!(spec.y_range(), (0.0, 1.0, 0.2));
        // A calendar month runs to the month's end: as of 1970-02-10, February ends on day 59.
        let spec = burndown_spec(
            "a",
            &Profile::for_service(&snapshot(&[]), "a", None, &Weights::STRICT),
            0.999,
            SloWindow::CalendarMonth,
            40 * D,
            2,
            1.0,
        );
        assert_eq!((spec.window, spec.window_end_ms), (Span::new(31 * D, 40 * D), 59 * D));
    }
}
