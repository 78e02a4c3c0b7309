//! The outage timeline: one row per service, each pixel column coloured by the worst level in
//! it, so a 1-second blip stays visible and 1e5 intervals cost one rectangle per run of columns.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{time_ticks, TimeScale};
use super::theme::Theme;
use crate::analysis::LevelSegment;
use crate::model::{Level, Span};

/// The label column; labels longer than [`LABEL_MAX_CHARS`] are shortened with an ellipsis.
const LABEL_WIDTH_CSS_PX: f64 = 170.0;
const LABEL_MAX_CHARS: usize = 24;

/// `label`, shortened to fit the label column.
pub fn short_label(label: &str) -> String {
    if label.chars().count() <= LABEL_MAX_CHARS {
        return label.to_string();
    }
    let kept: String = label.chars().take(LABEL_MAX_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    /// Non-overlapping, in time order; time without a segment is `Ok`.
    pub segments: Vec<LevelSegment>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineSpec {
    pub span: Span,
    pub rows: Vec<TimelineRow>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

/// Layout shared by drawing and hit testing.
pub struct TimelineLayout {
    pub x: TimeScale,
    pub top_px: i32,
    pub row_height_px: i32,
    pub bar_height_px: i32,
}

impl TimelineSpec {
    /// The CSS height that fits every row and the time axis.
    pub fn height_css_px(&self) -> f64 {
        6.0 + 26.0 * self.rows.len() as f64 + 22.0
    }

    pub fn layout(&self, width_px: u32) -> TimelineLayout {
        let s = self.scale.max(0.5);
        let px = |css: f64| (css * s).round() as i32;
        TimelineLayout {
            x: TimeScale {
                span: self.span,
                left_px: px(LABEL_WIDTH_CSS_PX),
                right_px: width_px as i32 - px(12.0),
            },
            top_px: px(6.0),
            row_height_px: px(26.0),
            bar_height_px: px(18.0),
        }
    }

    /// The worst level in each pixel column of `row` (`Ok` where nothing happens), in
    /// O(log segments + visible segments + width): segments outside `x.span` mark nothing.
    pub fn row_columns(&self, row: &TimelineRow, x: &TimeScale) -> Vec<Level> {
        let width = (x.right_px - x.left_px).max(0) as usize;
        let mut columns = vec![Level::Ok; width];
        // Segments are in time order and do not overlap, so their ends are in order too.
        let first_visible = row.segments.partition_point(|s| s.span.end_ms <= x.span.start_ms);
        let visible = row.segments.get(first_visible..).unwrap_or_default();
        for segment in visible.iter().take_while(|s| s.span.start_ms < x.span.end_ms) {
            let first = (x.px_from_ms(segment.span.start_ms).floor() as i32 - x.left_px).max(0) as usize;
            // A segment always marks at least the column it starts in.
            let end = (x.px_from_ms(segment.span.end_ms).ceil() as i32 - x.left_px).max(0) as usize;
            let end = end.max(first + 1).min(width);
            for column in columns.iter_mut().take(end).skip(first) {
                *column = worse(*column, segment.level);
            }
        }
        columns
    }
}

/// The level a pixel column shows when it holds both: any outage or maintenance wins, so a short
/// outage is never hidden; missing data beats only `Ok`, so a column is not shown as up when part
/// of it has no data.
fn worse(a: Level, b: Level) -> Level {
    let rank = |level: Level| match level {
        Level::Ok => 0,
        Level::Unknown => 1,
        Level::Maintenance => 2,
        Level::Degraded => 3,
        Level::Partial => 4,
        Level::Major => 5,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

pub fn draw_timeline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &TimelineSpec,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width_px, height_px) = area.dim_in_pixel();
    area.fill(&theme.background)?;
    let layout = spec.layout(width_px);
    let x = layout.x;
    if x.right_px <= x.left_px {
        return Ok(());
    }
    let s = spec.scale.max(0.5);
    let font = ("sans-serif", 13.0 * s).into_font().color(&theme.text);
    for (index, row) in spec.rows.iter().enumerate() {
        let y0 = layout.top_px + index as i32 * layout.row_height_px;
        let y1 = y0 + layout.bar_height_px;
        area.draw(&Text::new(
            short_label(&row.label),
            (x.left_px - (8.0 * s) as i32, (y0 + y1) / 2),
            font.clone().pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
        let columns = spec.row_columns(row, &x);
        // The row in `Ok` first, then a rectangle per run of any other level: half the drawing
        // calls where outages are sparse.
        area.draw(&Rectangle::new([(x.left_px, y0), (x.right_px, y1)], theme.level(Level::Ok).filled()))?;
        let mut start = 0usize;
        while let Some(level) = columns.get(start).copied() {
            let run = columns.get(start..).unwrap_or_default().iter().take_while(|l| **l == level).count();
            if level != Level::Ok {
                let (cx0, cx1) = (x.left_px + start as i32, x.left_px + (start + run) as i32);
                area.draw(&Rectangle::new([(cx0, y0), (cx1, y1)], theme.level(level).filled()))?;
            }
            start += run.max(1);
        }
    }
    let axis_y = layout.top_px + spec.rows.len() as i32 * layout.row_height_px;
    if axis_y + (14.0 * s) as i32 <= height_px as i32 {
        let max_ticks = (f64::from(x.right_px - x.left_px) / (90.0 * s)).max(1.0) as usize;
        for (t_ms, text) in time_ticks(spec.span, max_ticks) {
            let tx = x.px_from_ms(t_ms) as i32;
            area.draw(&Text::new(text, (tx, axis_y), font.clone().pos(Pos::new(HPos::Center, VPos::Top))))?;
        }
    }
    Ok(())
}
