//! The one component that owns a `<canvas>`: sizes the backing store to CSS size ×
//! devicePixelRatio, draws through plotters-canvas, and redraws on resize.

use std::rc::Rc;

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Draws on a canvas whose backing store is already sized; gets devicePixelRatio.
pub type Painter = Rc<dyn Fn(&DrawingArea<CanvasBackend, Shift>, f64) -> Result<(), String>>;

/// Sizes `canvas` to `width_css_px` × `height_css_px` at `dpr` and paints it.
pub fn paint(
    canvas: &HtmlCanvasElement,
    width_css_px: f64,
    height_css_px: f64,
    dpr: f64,
    painter: &Painter,
) -> Result<(), String> {
    canvas.set_width((width_css_px * dpr).round().max(1.0) as u32);
    canvas.set_height((height_css_px * dpr).round().max(1.0) as u32);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("canvas has no 2D context")?;
    let area = backend.into_drawing_area();
    painter(&area, dpr)?;
    area.present().map_err(|e| e.to_string())
}

/// A chart canvas filling its container's width at a fixed CSS height.
#[component]
pub fn ChartCanvas(
    /// The `data-testid` of the canvas.
    testid: &'static str,
    /// What the chart shows, for screen readers.
    label: String,
    height_css_px: f64,
    painter: Painter,
) -> impl IntoView {
    let node: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let redraw = move || {
        let Some(canvas) = node.get_untracked() else { return };
        let width_css_px = canvas.get_bounding_client_rect().width();
        let dpr = window().device_pixel_ratio();
        if width_css_px <= 0.0 {
            return;
        }
        if let Err(message) = paint(&canvas, width_css_px, height_css_px, dpr, &painter) {
            leptos::logging::warn!("chart {testid} not drawn: {message}");
        }
    };
    let first = redraw.clone();
    Effect::new(move |_| {
        if node.get().is_some() {
            // After layout, so the canvas has its CSS width.
            let first = first.clone();
            request_animation_frame(first);
        }
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| redraw());
    on_cleanup(move || handle.remove());
    view! {
        <canvas
            node_ref=node
            class="chart"
            data-testid=testid
            role="img"
            aria-label=label
            style=format!("height: {height_css_px}px")
        ></canvas>
    }
}
