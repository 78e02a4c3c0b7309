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
mod curve;
mod text;
mod theme;
mod timeline;

pub use axis::{format_availability, percent_label, time_ticks, TimeScale};
pub use bars::{
    draw_uptime_bars, uptime_bars_spec, BarHeights, BarsLayout, DayBar, DayIncident, UptimeBarsSpec,
};
pub use bars_text::UPTIME_BARS_CSV_HEADER;
pub use build::{curve_spec, series_title, timeline_spec};
pub use burndown::{burndown_spec, draw_burndown, BurnPoint, BurndownSpec, BURNDOWN_CSV_HEADER};
pub use curve::{draw_curve, CurveSpec};
pub use text::{csv_field, format_duration_exact};
pub use theme::Theme;
pub use timeline::{draw_timeline, short_label, TimelineLayout, TimelineRow, TimelineSpec};
