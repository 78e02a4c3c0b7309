//! Sizing a canvas for crisp drawing: the backing store is CSS size × devicePixelRatio
//! (plotters-canvas does not do this), then plotters draws through it.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Sizes `canvas` to `width_css_px` × `height_css_px` at `dpr` and draws on it with `draw`.
pub fn paint<T>(
    canvas: &HtmlCanvasElement,
    width_css_px: f64,
    height_css_px: f64,
    dpr: f64,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>) -> Result<T, String>,
) -> Result<T, String> {
    let (width_px, height_px) =
        ((width_css_px * dpr).round().max(1.0) as u32, (height_css_px * dpr).round().max(1.0) as u32);
    // Setting a size clears the canvas even when it is unchanged; a redraw fills it anyway.
    if canvas.width() != width_px || canvas.height() != height_px {
        canvas.set_width(width_px);
        canvas.set_height(height_px);
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("canvas has no 2D context")?;
    let area = backend.into_drawing_area();
    let drawn = draw(&area)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(drawn)
}
