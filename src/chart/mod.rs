//! Chart view models and drawing, generic over plotters' `DrawingBackend`: the browser draws on
//! a canvas, native tests draw SVG. Nothing here touches the browser.
//!
//! Geometry is in device pixels; `scale` (device pixels per CSS pixel) sizes text and strokes so
//! a chart is equally crisp at devicePixelRatio 1, 2 and 3.

mod axis;
mod bars;
mod bars_text;
mod build;
mod burndown;
mod calendar;
mod curve;
pub mod gesture;
mod pyramid;
mod series;
mod text;
mod theme;
mod timeline;
mod twin;
pub mod zoom;

pub use axis::{time_ticks, TimeScale};
pub use bars::{
    draw_uptime_bars, step_day, uptime_bars_of_profile, uptime_bars_spec, BarHeights, BarsLayout, DayBar,
    DayIncident, UptimeBarsSpec,
};
pub use bars_text::UPTIME_BARS_CSV_HEADER;
pub use build::{curve_spec, series_title, timeline_height_css_px, timeline_spec, CurveSource};
pub use burndown::{burndown_spec, draw_burndown, BurnPoint, BurndownSpec, BURNDOWN_CSV_HEADER};
pub use calendar::{calendar_days, calendar_height_css_px, draw_calendar, CalendarLayout, CALENDAR_WEEKS};
pub use curve::{draw_curve, CurveLayout, CurveSpec};
pub use pyramid::{M4Column, M4Columns, MinMax, MinMaxPyramid};
pub use series::{draw_series, line_shapes, LineShapes, PlotRect, SeriesView};
pub use text::{csv_document, csv_field, csv_number, csv_text, file_name, formula_safe};
pub use theme::{parse_css_color, Theme};
pub use timeline::{
    draw_timeline, draw_timeline_layers, hatch_segments, hatch_width_px, short_label, title_placements,
    BarFill, BarTitle, Cell, TimelineHit, TimelineLayout, TimelineRow, TimelineSpec, TitleAt, LEGEND_LEVELS,
    TITLE_FONT_CSS_PX,
};
pub use twin::{
    curve_csv, curve_outage_rows, curve_summary, incident_figures, timeline_csv, timeline_outages,
    timeline_summary, OutageRow,
};
