//! The calendar heatmap: a year of one service's days, laid out as weeks (columns, oldest on the
//! left) × weekdays (rows, Monday on top), from the Monday 52 weeks before the week that holds
//! as-of to the day that holds it.
//!
//! Contract: the days and their figures are an [`UptimeBarsSpec`] of [`calendar_days`] days, and
//! each cell is drawn as that day's uptime bar (see [`super::bars`]: from the top, the unknown share
//! grey, the share of counted time that was down in the colour of the day's worst level, the rest
//! up), so a cell is filled by the share of the day that was down and a day without data is
//! grey. A day that scheduled maintenance touched is framed in the maintenance colour (one CSS
//! pixel, the bar inside it). Month names
//! head the column of each month's first day, weekday names the rows of Monday, Wednesday and
//! Friday; the period's availability is on the right. Geometry is in device pixels; the cell size
//! is fixed in CSS pixels, smaller only when the width cannot hold 53 weeks.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::bars::{draw_day_bar, AVAILABILITY_WIDTH_CSS_PX};
use super::theme::Theme;
use super::UptimeBarsSpec;
use crate::model::calendar::{epoch_days_since_monday, wall_clock};
use crate::model::format::{format_availability, month_name};
use crate::model::{TimeMs, MS_PER_DAY, MS_PER_MINUTE};

/// The columns of the calendar: 52 whole weeks and the week that holds as-of.
pub const CALENDAR_WEEKS: usize = 53;
/// A cell and the gap after it, at most.
const PITCH_CSS_PX: f64 = 13.0;
/// Room for the weekday names on the left and the month names on top.
const LEFT_CSS_PX: f64 = 30.0;
const TOP_CSS_PX: f64 = 16.0;
const FONT_CSS_PX: f64 = 11.0;
/// Month names closer than this many columns to the one before are left out.
const MONTH_LABEL_MIN_WEEKS: usize = 3;

/// How many days the calendar shows as of `as_of_ms` at the clock `utc_offset_minutes` ahead of
/// UTC: 52 whole weeks and the current week up to the day that holds as-of, so that its first day
/// is a Monday.
pub fn calendar_days(as_of_ms: TimeMs, utc_offset_minutes: i32) -> usize {
    let offset_ms = i64::from(utc_offset_minutes) * MS_PER_MINUTE;
    let local_day = as_of_ms.saturating_sub(1).saturating_add(offset_ms).div_euclid(MS_PER_DAY);
    let weekday = (local_day + epoch_days_since_monday()).rem_euclid(7) as usize;
    (CALENDAR_WEEKS - 1) * 7 + weekday + 1
}

/// The CSS height the calendar needs: the month names and seven rows.
pub fn calendar_height_css_px() -> f64 {
    TOP_CSS_PX + 7.0 * PITCH_CSS_PX + 4.0
}

/// Where the cells are, in device pixels: day `i` (from the first Monday) is in column `i / 7`
/// and row `i % 7`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalendarLayout {
    pub left_px: i32,
    pub top_px: i32,
    /// A cell and the gap after it.
    pub pitch_px: i32,
    pub cell_px: i32,
}

impl CalendarLayout {
    /// The layout of `spec` on a canvas `width_px` wide; `None` without room for one pixel a week.
    pub fn of(spec: &UptimeBarsSpec, width_px: u32) -> Option<CalendarLayout> {
        let px = |css_px: f64| (css_px * spec.scale.max(0.5)).round() as i32;
        let room_px =
            i64::from(width_px) - i64::from(px(LEFT_CSS_PX)) - i64::from(px(AVAILABILITY_WIDTH_CSS_PX));
        let pitch_px = (room_px / CALENDAR_WEEKS as i64).min(i64::from(px(PITCH_CSS_PX))) as i32;
        if pitch_px < 1 {
            return None;
        }
        let gap_px = if pitch_px >= 4 { px(2.0).clamp(1, pitch_px / 3) } else { 0 };
        Some(CalendarLayout {
            left_px: px(LEFT_CSS_PX),
            top_px: px(TOP_CSS_PX),
            pitch_px,
            cell_px: pitch_px - gap_px,
        })
    }

    /// The cell of day `day`: `[x0, x1) × [y0, y1)`.
    pub fn cell(&self, day: usize) -> (i32, i32, i32, i32) {
        let (column, row) = ((day / 7) as i32, (day % 7) as i32);
        let x0 = self.left_px + column * self.pitch_px;
        let y0 = self.top_px + row * self.pitch_px;
        (x0, y0, x0 + self.cell_px, y0 + self.cell_px)
    }

    /// The day (of `days`) whose cell or the gap after it holds the device pixel (`x_px`, `y_px`);
    /// `None` elsewhere. The inverse of [`CalendarLayout::cell`].
    pub fn day_at(&self, x_px: f64, y_px: f64, days: usize) -> Option<usize> {
        if !x_px.is_finite() || !y_px.is_finite() {
            return None;
        }
        let column = (x_px.floor() as i64 - i64::from(self.left_px)).div_euclid(i64::from(self.pitch_px));
        let row = (y_px.floor() as i64 - i64::from(self.top_px)).div_euclid(i64::from(self.pitch_px));
        if !(0..7).contains(&row) || !(0..CALENDAR_WEEKS as i64).contains(&column) {
            return None;
        }
        usize::try_from(column * 7 + row).ok().filter(|day| *day < days)
    }
}

/// Draws `spec`, whose first day is a Monday (see [`calendar_days`]), over the whole of `area`.
pub fn draw_calendar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &UptimeBarsSpec,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width_px, height_px) = area.dim_in_pixel();
    area.fill(&theme.background)?;
    let Some(layout) = CalendarLayout::of(spec, width_px) else { return Ok(()) };
    let scale = spec.scale.max(0.5);
    // A maintenance day's frame: the cell in the maintenance colour, its bar inside.
    let frame_px = (scale.round() as i32).clamp(1, (layout.cell_px - 1) / 2);
    for (day, bar) in spec.bars.iter().enumerate() {
        let (x0, y0, x1, y1) = layout.cell(day);
        let inset_px = if bar.maintenance && layout.cell_px >= 3 {
            area.draw(&Rectangle::new([(x0, y0), (x1, y1)], theme.maintenance.filled()))?;
            frame_px
        } else {
            0
        };
        draw_day_bar(area, bar, (x0 + inset_px, x1 - inset_px), (y0 + inset_px, y1 - inset_px), theme)?;
    }
    let font = ("sans-serif", FONT_CSS_PX * scale).into_font().color(&theme.text);
    let mut last_label_week = None;
    for (day, bar) in spec.bars.iter().enumerate() {
        let Some(at) = wall_clock(bar.span.start_ms, spec.utc_offset_minutes).filter(|at| at.day() == 1)
        else {
            continue;
        };
        let week = day / 7;
        if last_label_week.is_some_and(|last| week < last + MONTH_LABEL_MIN_WEEKS) {
            continue;
        }
        last_label_week = Some(week);
        let x_px = layout.cell(week * 7).0;
        let at_top = Pos::new(HPos::Left, VPos::Bottom);
        area.draw(&Text::new(month_name(at.month()), (x_px, layout.top_px - 2), font.clone().pos(at_top)))?;
    }
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
        let (_, y0, _, y1) = layout.cell(row);
        let right = Pos::new(HPos::Right, VPos::Center);
        area.draw(&Text::new(name, (layout.left_px - 4, (y0 + y1) / 2), font.clone().pos(right)))?;
    }
    let (_, _, _, bottom_px) = layout.cell(6);
    area.draw(&Text::new(
        format_availability(spec.period_totals().availability_ratio()),
        (width_px as i32 - (4.0 * scale) as i32, ((layout.top_px + bottom_px) / 2).min(height_px as i32)),
        ("sans-serif", 13.0 * scale).into_font().color(&theme.text).pos(Pos::new(HPos::Right, VPos::Center)),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::DayBar;
    use crate::model::{parse_rfc3339_ms, Level, Span};

    fn t(text: &str) -> TimeMs {
        parse_rfc3339_ms(text).unwrap_or_default()
    }

    #[test]
    fn the_calendar_starts_on_the_monday_52_weeks_before_the_current_week() {
        // 2026-12-06 is a Sunday: 52 weeks and the 7 days of its week.
        assert_eq!(calendar_days(t("2026-12-06T12:00:00Z"), 0), 371);
        // 2026-12-07 is a Monday: its week has one day so far.
        assert_eq!(calendar_days(t("2026-12-07T00:30:00Z"), 0), 365);
        // At midnight as-of closes the day before (Sunday).
        assert_eq!(calendar_days(t("2026-12-07T00:00:00Z"), 0), 371);
        // At UTC−5 it is still Sunday evening.
        assert_eq!(calendar_days(t("2026-12-07T00:30:00Z"), -300), 371);
    }

    fn spec(days: usize, scale: f64) -> UptimeBarsSpec {
        let bar = DayBar {
            span: Span::new(0, MS_PER_DAY),
            down_ms: 0.0,
            counted_ms: 0.0,
            known_ms: 0.0,
            coverage_ratio: 0.0,
            worst_level: Level::Ok,
            maintenance: false,
            incidents: Vec::new(),
        };
        UptimeBarsSpec {
            service_id: "a".into(),
            region: None,
            as_of_ms: 0,
            utc_offset_minutes: 0,
            bars: vec![bar; days],
            scale,
        }
    }

    #[test]
    fn cells_are_weeks_by_weekdays_and_hit_testing_inverts_them() {
        // 1000 px: 1000 − 30 − 84 = 886 px of room, 16 a week; at most 13 (2 of them gap).
        let s = spec(371, 1.0);
        let layout = CalendarLayout::of(&s, 1000).unwrap_or_else(|| panic!("room"));
        assert_eq!(layout, CalendarLayout { left_px: 30, top_px: 16, pitch_px: 13, cell_px: 11 });
        assert_eq!(layout.cell(0), (30, 16, 41, 27), "the first Monday");
        assert_eq!(layout.cell(6), (30, 94, 41, 105), "the first Sunday");
        assert_eq!(layout.cell(7), (43, 16, 54, 27), "the second Monday");
        assert_eq!(layout.cell(370), (30 + 52 * 13, 94, 30 + 52 * 13 + 11, 105), "the last Sunday");
        for day in 0..371 {
            let (x0, y0, x1, y1) = layout.cell(day);
            // Both corners of the cell, and the gap after it, belong to the day.
            for (x, y) in [(x0, y0), (x1 - 1, y1 - 1), (x1 + 1, y1 + 1)] {
                assert_eq!(
                    layout.day_at(f64::from(x) + 0.5, f64::from(y) + 0.5, 371),
                    Some(day),
                    "day {day}"
                );
            }
        }
        // 365 days: the last week has only its Monday.
        assert_eq!(layout.day_at(30.0 + 52.0 * 13.0, 16.0, 365), Some(364));
        assert_eq!(layout.day_at(30.0 + 52.0 * 13.0, 29.0, 365), None, "no Tuesday yet");
        for (x, y, label) in [
            (29.0, 20.0, "left of the cells"),
            (40.0, 15.0, "above"),
            (40.0, 107.0, "below"),
            (f64::NAN, 20.0, "NaN"),
        ] {
            assert_eq!(layout.day_at(x, y, 371), None, "{label}");
        }
        // Narrow: 400 px leaves 286 px, 5 a week; at DPR 2, 13 CSS px are 26 device px.
        assert_eq!(CalendarLayout::of(&s, 400).map(|l| (l.pitch_px, l.cell_px)), Some((5, 4)));
        assert_eq!(
            CalendarLayout::of(&spec(371, 2.0), 2000).map(|l| (l.pitch_px, l.cell_px)),
            Some((26, 22))
        );
        assert_eq!(CalendarLayout::of(&s, 140), None, "no room");
    }
}
