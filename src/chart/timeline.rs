//! The outage timeline: one row per service (or service × region), each pixel column coloured by
//! the worst level in it, so a 1-second blip stays visible and 1e5 intervals cost one rectangle
//! per run of equal columns. Third-party outages are hatched as well as coloured, so origin never
//! rests on colour alone; an incident's title is written on its bar where it fits.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{time_ticks, TimeScale};
use super::theme::Theme;
use crate::analysis::LevelSegment;
use crate::model::{Level, Origin, Span, TimeMs};

/// The label column; labels longer than [`LABEL_MAX_CHARS`] are shortened with an ellipsis.
const LABEL_WIDTH_CSS_PX: f64 = 170.0;
const LABEL_MAX_CHARS: usize = 24;
/// A generous average glyph width of the 12 px bar font, to decide whether a title fits.
const TITLE_CHAR_CSS_PX: f64 = 7.0;
/// The size of the titles' font, in CSS pixels.
pub const TITLE_FONT_CSS_PX: f64 = 12.0;
/// Spacing of the third-party hatch lines.
const HATCH_CSS_PX: f64 = 7.0;

/// `label`, shortened to `max_chars` with an ellipsis.
fn shorten(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        return label.to_string();
    }
    let kept: String = label.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// `label`, shortened to fit the label column.
pub fn short_label(label: &str) -> String {
    shorten(label, LABEL_MAX_CHARS)
}

/// An incident's text on a row: drawn over `span` where it fits.
#[derive(Clone, Debug, PartialEq)]
pub struct BarTitle {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    pub service_id: String,
    pub region: Option<String>,
    /// Non-overlapping, in time order; time without a segment is `Ok`.
    pub segments: Vec<LevelSegment>,
    /// One per incident on the row, over the incident's extent in the window.
    pub titles: Vec<BarTitle>,
}

/// The levels of the legend, in its order: [`TimelineRow::time_in_levels`] counts time in each.
pub const LEGEND_LEVELS: [Level; 6] =
    [Level::Ok, Level::Maintenance, Level::Degraded, Level::Partial, Level::Major, Level::Unknown];

impl TimelineRow {
    /// How long the row spent at each of [`LEGEND_LEVELS`] within `span`, in milliseconds; they
    /// add up to `span`'s length (time without a segment is operational).
    pub fn time_in_levels(&self, span: Span) -> [i64; 6] {
        let mut time_ms = [0i64; 6];
        for segment in &self.segments {
            let (Some(part), Some(at)) =
                (segment.span.intersect(&span), LEGEND_LEVELS.iter().position(|l| *l == segment.level))
            else {
                continue;
            };
            time_ms[at] += part.duration_ms();
        }
        time_ms[0] = span.duration_ms() - time_ms[1..].iter().sum::<i64>();
        time_ms
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineSpec {
    pub span: Span,
    pub rows: Vec<TimelineRow>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// The clock of the time axis: minutes east of UTC (0 for UTC).
    pub utc_offset_minutes: i32,
}

/// Layout shared by drawing and hit testing.
pub struct TimelineLayout {
    pub x: TimeScale,
    pub top_px: i32,
    pub row_height_px: i32,
    pub bar_height_px: i32,
}

/// What one pixel column of a row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub level: Level,
    /// The worst level in the column comes (at least partly) from a third-party incident.
    pub third_party: bool,
}

/// The row and time under a pointer, and the segment shown there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineHit {
    pub row: usize,
    pub t_ms: TimeMs,
    /// Index into the row's segments: the worst one in the pointer's pixel column.
    pub segment: Option<usize>,
}

impl TimelineSpec {
    /// The CSS height that fits every row and the time axis.
    pub fn height_css_px(&self) -> f64 {
        Self::height_for_rows(self.rows.len())
    }

    /// The height of a timeline of `rows` rows, in CSS pixels.
    pub fn height_for_rows(rows: usize) -> f64 {
        6.0 + 26.0 * rows as f64 + 22.0
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

    /// What each pixel column of `row` shows (`Ok` where nothing happens). Only the segments
    /// inside the window are visited, found by binary search.
    pub fn row_columns(&self, row: &TimelineRow, x: &TimeScale) -> Vec<Cell> {
        let width = (x.right_px - x.left_px).max(0) as usize;
        // Each column as its shown level's rank times 2, plus 1 when third-party: the larger code
        // is the one to show, and at an equal rank third-party wins, so marking is a `max`.
        let mut codes = vec![cell_code(Level::Ok, false); width];
        // The same mapping as `TimeScale::px_from_ms`, with the division done once.
        let px_per_ms = width as f64 / x.span.duration_ms().max(1) as f64;
        let column_of = |t_ms: TimeMs| (t_ms - x.span.start_ms) as f64 * px_per_ms;
        for segment in visible(&row.segments, x.span) {
            let first = column_of(segment.span.start_ms).floor().max(0.0) as usize;
            // A segment always marks at least the column it starts in.
            let end = (column_of(segment.span.end_ms).ceil().max(0.0) as usize).max(first + 1).min(width);
            let code = cell_code(segment.level, segment.origin == Origin::ThirdParty);
            for column in codes.get_mut(first..end).unwrap_or_default() {
                *column = (*column).max(code);
            }
        }
        codes.into_iter().map(cell_of_code).collect()
    }

    /// The row and time at device pixel (`x_px`, `y_px`) of a chart `width_px` wide, with the
    /// segment its column shows; `None` outside the rows' plot area.
    pub fn hit(&self, x_px: f64, y_px: f64, width_px: u32) -> Option<TimelineHit> {
        let layout = self.layout(width_px);
        let x = layout.x;
        if x_px < f64::from(x.left_px) || x_px >= f64::from(x.right_px) || y_px < f64::from(layout.top_px) {
            return None;
        }
        let row_index = ((y_px - f64::from(layout.top_px)) / f64::from(layout.row_height_px.max(1))) as usize;
        let row = self.rows.get(row_index)?;
        let column_px = x_px.floor();
        let column = Span::new(
            x.ms_from_px(column_px),
            x.ms_from_px(column_px + 1.0).max(x.ms_from_px(column_px) + 1),
        );
        let first = row.segments.partition_point(|s| s.span.end_ms <= column.start_ms);
        let segment = row
            .segments
            .iter()
            .enumerate()
            .skip(first)
            .take_while(|(_, s)| s.span.start_ms < column.end_ms)
            .fold(None::<(usize, &LevelSegment)>, |best, (i, s)| match best {
                Some((_, b)) if rank(b.level) >= rank(s.level) => best,
                _ => Some((i, s)),
            })
            .map(|(i, _)| i);
        Some(TimelineHit { row: row_index, t_ms: x.ms_from_px(x_px), segment })
    }
}

/// The segments of a time-ordered, non-overlapping list that overlap `window`.
fn visible(segments: &[LevelSegment], window: Span) -> impl Iterator<Item = &LevelSegment> {
    let first = segments.partition_point(|s| s.span.end_ms <= window.start_ms);
    segments.get(first..).unwrap_or_default().iter().take_while(move |s| s.span.start_ms < window.end_ms)
}

/// The order in which a pixel column holding several levels shows them: any outage or
/// maintenance wins, so a short outage is never hidden; missing data beats only `Ok`, so a column
/// is not shown as up when part of it has no data.
pub(crate) fn rank(level: Level) -> u8 {
    match level {
        Level::Ok => 0,
        Level::Unknown => 1,
        Level::Maintenance => 2,
        Level::Degraded => 3,
        Level::Partial => 4,
        Level::Major => 5,
    }
}

/// A column's [`Cell`] as one byte: its level's [`rank`] times 2, plus 1 when third-party.
fn cell_code(level: Level, third_party: bool) -> u8 {
    rank(level) * 2 + u8::from(third_party)
}

/// The [`Cell`] of a [`cell_code`].
fn cell_of_code(code: u8) -> Cell {
    const BY_RANK: [Level; 6] =
        [Level::Ok, Level::Unknown, Level::Maintenance, Level::Degraded, Level::Partial, Level::Major];
    let level = BY_RANK.get(usize::from(code / 2)).copied().unwrap_or(Level::Major);
    Cell { level, third_party: code % 2 == 1 }
}

/// How the bars' colours get onto the drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarFill {
    /// As rectangles, one per run of equal columns (SVG, or any backend).
    Rectangles,
    /// Already there: the background and [`TimelineSpec::strips_rgba`] were put on the canvas in
    /// one image, the [`hatch_segments`] in one path and the [`title_placements`] as text, so
    /// only the labels and axis are drawn (the fast browser path).
    Prefilled,
}

impl TimelineSpec {
    /// What every pixel column of every row shows, on a chart `width_px` device pixels wide.
    pub fn columns(&self, width_px: u32) -> Vec<Vec<Cell>> {
        let x = self.layout(width_px).x;
        self.rows.iter().map(|row| self.row_columns(row, &x)).collect()
    }

    /// `columns` as an RGBA image one pixel high per row and one pixel wide per column, to be
    /// stretched to the bars' height: the whole timeline's colour in a single image.
    pub fn strips_rgba(columns: &[Vec<Cell>], theme: &Theme) -> Vec<u8> {
        let mut rgba = Vec::with_capacity(columns.iter().map(|row| row.len() * 4).sum());
        for cell in columns.iter().flatten() {
            let colour = theme.level(cell.level);
            rgba.extend_from_slice(&[colour.0, colour.1, colour.2, 255]);
        }
        rgba
    }
}

/// Draws `spec` over the whole of `area`, the bars as rectangles.
pub fn draw_timeline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &TimelineSpec,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let columns = spec.columns(area.dim_in_pixel().0);
    draw_timeline_layers(area, spec, theme, &columns, BarFill::Rectangles)
}

/// Draws `spec` from its `columns` (see [`TimelineSpec::columns`]), the bars as `fill` says.
pub fn draw_timeline_layers<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &TimelineSpec,
    theme: &Theme,
    columns: &[Vec<Cell>],
    fill: BarFill,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width_px, height_px) = area.dim_in_pixel();
    if fill == BarFill::Rectangles {
        area.fill(&theme.background)?;
    }
    let layout = spec.layout(width_px);
    let x = layout.x;
    if x.right_px <= x.left_px {
        return Ok(());
    }
    let s = spec.scale.max(0.5);
    let font = ("sans-serif", 13.0 * s).into_font().color(&theme.text);
    for (index, (row, cells)) in spec.rows.iter().zip(columns).enumerate() {
        let y0 = layout.top_px + index as i32 * layout.row_height_px;
        let y1 = y0 + layout.bar_height_px;
        area.draw(&Text::new(
            short_label(&row.label),
            (x.left_px - (8.0 * s) as i32, (y0 + y1) / 2),
            font.clone().pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
        if fill == BarFill::Rectangles {
            // The row in `Ok` first, then a rectangle per run of any other level.
            area.draw(&Rectangle::new([(x.left_px, y0), (x.right_px, y1)], theme.level(Level::Ok).filled()))?;
        }
        if fill == BarFill::Rectangles {
            let mut start = 0usize;
            while let Some(cell) = cells.get(start).copied() {
                let run =
                    cells.get(start..).unwrap_or_default().iter().take_while(|c| **c == cell).count().max(1);
                let (cx0, cx1) = (x.left_px + start as i32, x.left_px + (start + run) as i32);
                if cell.level != Level::Ok {
                    area.draw(&Rectangle::new([(cx0, y0), (cx1, y1)], theme.level(cell.level).filled()))?;
                }
                start += run;
            }
            let stroke = theme.background.stroke_width(hatch_width_px(s));
            for [from, to] in hatch_segments(cells, x.left_px, (y0, y1), s) {
                area.draw(&PathElement::new(vec![from, to], stroke))?;
            }
        }
        if fill == BarFill::Rectangles {
            let font = ("sans-serif", TITLE_FONT_CSS_PX * s).into_font().color(&theme.on_level);
            for title in title_placements(row, &x, (y0, y1), s) {
                let anchor = Pos::new(HPos::Left, VPos::Center);
                area.draw(&Text::new(title.text, (title.x_px, title.y_px), font.clone().pos(anchor)))?;
            }
        }
    }
    let axis_y = layout.top_px + spec.rows.len() as i32 * layout.row_height_px;
    if axis_y + (14.0 * s) as i32 <= height_px as i32 {
        let max_ticks = (f64::from(x.right_px - x.left_px) / (90.0 * s)).max(1.0) as usize;
        for (t_ms, text) in time_ticks(spec.span, max_ticks, spec.utc_offset_minutes) {
            let tx = x.px_from_ms(t_ms) as i32;
            area.draw(&Text::new(text, (tx, axis_y), font.clone().pos(Pos::new(HPos::Center, VPos::Top))))?;
        }
    }
    Ok(())
}

/// The width of the hatch lines at `scale`, in device pixels.
pub fn hatch_width_px(scale: f64) -> u32 {
    scale.round().max(1.0) as u32
}

/// The hatch of a row's third-party columns (`cells` from `left_px` on, the bar from `y0` to
/// `y1`), drawn in the background colour, as line segments: diagonals rising one pixel per pixel,
/// [`HATCH_CSS_PX`] × `scale` apart and on multiples of that from the canvas edge (so the hatch of
/// neighbouring columns lines up), clipped to each run of third-party columns. A whole timeline's
/// segments are one path in the browser: thousands of lines in a single stroke.
pub fn hatch_segments(
    cells: &[Cell],
    left_px: i32,
    (y0, y1): (i32, i32),
    scale: f64,
) -> Vec<[(i32, i32); 2]> {
    let spacing = (HATCH_CSS_PX * scale).round().max(3.0) as i32;
    let height = y1 - y0;
    let mut segments = Vec::new();
    let mut start = 0usize;
    while start < cells.len() {
        let run = cells.get(start..).unwrap_or_default().iter().take_while(|c| c.third_party).count();
        if run == 0 {
            start += 1;
            continue;
        }
        let (x0, x1) = (left_px + start as i32, left_px + (start + run) as i32);
        // Each line starts at the bottom at `a` and is clipped to [x0, x1].
        let mut a = (x0 - height).div_euclid(spacing) * spacing;
        while a < x1 {
            let (lo, hi) = (a.max(x0), (a + height).min(x1));
            if lo < hi {
                segments.push([(lo, y1 - (lo - a)), (hi, y1 - (hi - a))]);
            }
            a += spacing;
        }
        start += run;
    }
    segments
}

/// An incident's title as drawn on its bar: the text, shortened to the room it has, with the
/// device pixel of its left end and middle.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleAt {
    pub text: String,
    pub x_px: i32,
    pub y_px: i32,
}

/// The titles of `row` on its bar from `y0` to `y1` at `scale`, each shortened to its room, left
/// to right without overlapping; one with room for fewer than 6 characters is left out. Drawn in
/// [`TITLE_FONT_CSS_PX`] × `scale` sans-serif, anchored left and middle.
pub fn title_placements(row: &TimelineRow, x: &TimeScale, (y0, y1): (i32, i32), scale: f64) -> Vec<TitleAt> {
    let padding_px = 4.0 * scale;
    let mut free_from_px = f64::from(x.left_px);
    let mut placed = Vec::new();
    for title in &row.titles {
        let x0 = x.px_from_ms(title.span.start_ms).max(f64::from(x.left_px)).max(free_from_px);
        let x1 = x.px_from_ms(title.span.end_ms).min(f64::from(x.right_px));
        let room_chars = ((x1 - x0 - 2.0 * padding_px) / (TITLE_CHAR_CSS_PX * scale)).floor();
        if room_chars < 6.0 {
            continue;
        }
        let text = shorten(&title.text, room_chars as usize);
        placed.push(TitleAt { text, x_px: (x0 + padding_px) as i32, y_px: (y0 + y1) / 2 });
        free_from_px = x1;
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_in_each_level_adds_up_to_the_range() {
        let segment = |start_ms, end_ms, level| LevelSegment {
            span: Span::new(start_ms, end_ms),
            level,
            incident: None,
            origin: Origin::Unknown,
        };
        let row = TimelineRow {
            label: "a".into(),
            service_id: "a".into(),
            region: None,
            segments: vec![
                segment(0, 10, Level::Unknown),
                segment(20, 25, Level::Major),
                segment(25, 40, Level::Partial),
                segment(50, 60, Level::Maintenance),
                segment(90, 120, Level::Degraded),
            ],
            titles: Vec::new(),
        };
        // [ok, maintenance, degraded, partial, major, no data] over [5, 100): the segments clipped.
        assert_eq!(row.time_in_levels(Span::new(5, 100)), [50, 10, 10, 15, 5, 5]);
        assert_eq!(row.time_in_levels(Span::new(200, 300)), [100, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn a_column_shows_the_worst_level_and_third_party_only_at_that_level() {
        let levels =
            [Level::Ok, Level::Unknown, Level::Maintenance, Level::Degraded, Level::Partial, Level::Major];
        for level in levels {
            for third_party in [false, true] {
                assert_eq!(cell_of_code(cell_code(level, third_party)), Cell { level, third_party });
            }
        }
        let shown = |marks: &[(Level, bool)]| {
            cell_of_code(
                marks.iter().map(|&(l, t)| cell_code(l, t)).fold(cell_code(Level::Ok, false), u8::max),
            )
        };
        let cell = |level, third_party| Cell { level, third_party };
        assert_eq!(shown(&[(Level::Partial, true), (Level::Major, false)]), cell(Level::Major, false));
        assert_eq!(shown(&[(Level::Major, false), (Level::Major, true)]), cell(Level::Major, true));
        assert_eq!(
            shown(&[(Level::Unknown, true), (Level::Maintenance, false)]),
            cell(Level::Maintenance, false)
        );
        assert_eq!(shown(&[]), cell(Level::Ok, false));
    }

    #[test]
    fn the_hatch_is_clipped_to_each_run_of_third_party_columns_and_lines_up_across_runs() {
        let cell = |third_party| Cell { level: Level::Major, third_party };
        // Columns 10–12 and 14 third-party; the bar from y 0 to 18; lines 7 px apart.
        let cells = [cell(true), cell(true), cell(true), cell(false), cell(true)];
        assert_eq!(
            hatch_segments(&cells, 10, (0, 18), 1.0),
            [
                // Lines starting at the bottom at x = -7, 0 and 7, clipped to [10, 13].
                [(10, 1), (11, 0)],
                [(10, 8), (13, 5)],
                [(10, 15), (13, 12)],
                // At x = 0, 7 and 14, clipped to [14, 15]: the same lines, one column on.
                [(14, 4), (15, 3)],
                [(14, 11), (15, 10)],
                [(14, 18), (15, 17)],
            ]
        );
        assert!(hatch_segments(&[cell(false); 3], 10, (0, 18), 1.0).is_empty());
        assert_eq!(hatch_width_px(2.0), 2);
    }
}
