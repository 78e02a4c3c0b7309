//! Chart view models and drawing, generic over plotters' `DrawingBackend`: the browser draws on
//! a canvas, native tests draw SVG. Nothing here touches the browser.
//!
//! Geometry is in device pixels; `scale` (device pixels per CSS pixel) sizes text and strokes so
//! a chart is equally crisp at devicePixelRatio 1, 2 and 3.

mod axis;
mod build;
mod curve;
mod pyramid;
mod series;
mod theme;
mod timeline;

pub use axis::{format_availability, percent_label, time_ticks, TimeScale};
pub use build::{curve_spec, series_title, timeline_spec};
pub use curve::{draw_curve, CurveSpec};
pub use pyramid::{M4Column, M4Columns, MinMax, MinMaxPyramid};
pub use series::{draw_series, line_shapes, LineShapes, PlotRect, SeriesView};
pub use theme::Theme;
pub use timeline::{draw_timeline, short_label, TimelineLayout, TimelineRow, TimelineSpec};
