//! Sizing a canvas for crisp drawing: the backing store is CSS size × devicePixelRatio
//! (plotters-canvas does not do this), then plotters draws through it.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use crate::chart::{
    hatch_segments, hatch_width_px, title_placements, Cell, Theme, TimelineSpec, TITLE_FONT_CSS_PX,
};

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

/// Puts the timeline's background and bars on `canvas` (already sized) as one image: every row's
/// columns in a strip one pixel high, stretched to the bar height without smoothing; then the
/// third-party hatch as one path; then the titles, in one font set once. Plotters then draws the
/// rest with [`BarFill::Prefilled`](crate::chart::BarFill): 1e5 intervals cost one image, one
/// stroke and the titles that fit, instead of thousands of rectangles and lines.
pub fn fill_timeline_bars(
    canvas: &HtmlCanvasElement,
    spec: &TimelineSpec,
    columns: &[Vec<Cell>],
    theme: &Theme,
) -> Result<(), String> {
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("canvas has no 2D context")?;
    let bg = theme.background;
    context.set_fill_style_str(&format!("rgb({}, {}, {})", bg.0, bg.1, bg.2));
    context.fill_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    let layout = spec.layout(canvas.width());
    let plot_width_px = columns.first().map_or(0, Vec::len) as u32;
    let rows = columns.len() as u32;
    if plot_width_px == 0 || rows == 0 {
        return Ok(());
    }
    let rgba = TimelineSpec::strips_rgba(columns, theme);
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), plot_width_px, rows)
        .map_err(|_| "the bars image could not be made")?;
    let strips = strips_canvas().ok_or("no document to draw in")?;
    if strips.width() != plot_width_px || strips.height() != rows {
        strips.set_width(plot_width_px);
        strips.set_height(rows);
    }
    let strips_context: CanvasRenderingContext2d = strips
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("canvas has no 2D context")?;
    strips_context.put_image_data(&image, 0.0, 0.0).map_err(|_| "the bars image could not be drawn")?;
    context.set_image_smoothing_enabled(false);
    for row in 0..rows {
        let y_px = layout.top_px + row as i32 * layout.row_height_px;
        context
            .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                &strips,
                0.0,
                f64::from(row),
                f64::from(plot_width_px),
                1.0,
                f64::from(layout.x.left_px),
                f64::from(y_px),
                f64::from(plot_width_px),
                f64::from(layout.bar_height_px),
            )
            .map_err(|_| "the bars could not be drawn")?;
    }
    let scale = spec.scale.max(0.5);
    let bar_px = |row: usize| {
        let y0 = layout.top_px + row as i32 * layout.row_height_px;
        (y0, y0 + layout.bar_height_px)
    };
    // The third-party hatch, every row's in one path.
    context.set_stroke_style_str(&format!("rgb({}, {}, {})", bg.0, bg.1, bg.2));
    context.set_line_width(f64::from(hatch_width_px(scale)));
    context.begin_path();
    for (row, cells) in columns.iter().enumerate() {
        for [from, to] in hatch_segments(cells, layout.x.left_px, bar_px(row), scale) {
            context.move_to(f64::from(from.0), f64::from(from.1));
            context.line_to(f64::from(to.0), f64::from(to.1));
        }
    }
    context.stroke();
    // The titles, in the font `chart::draw_timeline` gives them through plotters.
    let on = theme.on_level;
    context.set_fill_style_str(&format!("rgb({}, {}, {})", on.0, on.1, on.2));
    context.set_font(&format!("normal {}px sans-serif", TITLE_FONT_CSS_PX * scale));
    context.set_text_align("start");
    context.set_text_baseline("middle");
    for (row_index, row) in spec.rows.iter().enumerate() {
        for title in title_placements(row, &layout.x, bar_px(row_index), scale) {
            context
                .fill_text(&title.text, f64::from(title.x_px), f64::from(title.y_px))
                .map_err(|_| "a title could not be drawn")?;
        }
    }
    Ok(())
}

thread_local! {
    /// The off-screen canvas the strips are put on, kept from frame to frame.
    static STRIPS: std::cell::OnceCell<Option<HtmlCanvasElement>> = const { std::cell::OnceCell::new() };
}

fn strips_canvas() -> Option<HtmlCanvasElement> {
    STRIPS.with(|cell| {
        cell.get_or_init(|| web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok())
            .clone()
    })
}
