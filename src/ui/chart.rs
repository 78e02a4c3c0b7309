//! The one component that owns chart canvases: a data canvas drawn through plotters, and an
//! overlay canvas above it for the crosshair, the shared time cursor and the zoom selection, so
//! hovering never repaints the data. Time-linked charts zoom and pan the view's shared range by
//! drag (zoom to the selection), shift-drag or touch drag (pan), wheel and pinch, double-click
//! (reset) and the keyboard (arrows pan, + and − zoom, Esc resets). Clicking an outage opens its
//! incident. Every chart has PNG and CSV export and a text twin (its caption and table).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::canvas::paint;
use super::export;
use super::perf;
use super::time_view::TimeView;
use crate::chart::{Theme, TimeScale};
use crate::model::Span;

/// How long a click waits for a second one before it counts as a single click.
const DOUBLE_CLICK: std::time::Duration = std::time::Duration::from_millis(250);

/// What a painter is asked to draw.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The canvas, already sized, for painters that put images on it directly.
    pub canvas: HtmlCanvasElement,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    pub span: Span,
    pub utc_offset_minutes: i32,
    pub theme: Theme,
}

/// What the pointer is over: tooltip lines and the incident a click opens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hover {
    pub lines: Vec<String>,
    pub incident: Option<usize>,
}

/// What a painter drew: its time axis (device pixels), for the shared cursor and gestures, and
/// its hit test at a device pixel.
pub struct Drawn {
    pub x: Option<TimeScale>,
    pub hit: Box<dyn Fn(f64, f64) -> Option<Hover>>,
}

pub type Painter = Rc<dyn Fn(&DrawingArea<CanvasBackend, Shift>, &Frame) -> Result<Drawn, String>>;
/// The chart's data as CSV, for the span shown and the clock.
pub type CsvExport = Rc<dyn Fn(Span, i32) -> String>;

/// The theme from the page's CSS custom properties, so light and dark reach the canvas.
pub fn css_theme() -> Theme {
    let style = web_sys::window().and_then(|w| {
        let root = w.document()?.document_element()?;
        w.get_computed_style(&root).ok().flatten()
    });
    Theme::LIGHT.with_css(|name| style.as_ref()?.get_property_value(name).ok())
}

/// The pointer gesture in progress.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gesture {
    None,
    /// Drag to select a range to zoom to, from this device x.
    Select {
        from_px: f64,
        to_px: f64,
    },
    /// Drag to pan, from this device x and the range shown then.
    Pan {
        from_px: f64,
        span: Span,
    },
    /// Two pointers: their distance at the start and the range shown then.
    Pinch {
        from_distance_px: f64,
        span: Span,
    },
}

#[derive(Default)]
struct Pointers {
    /// Active pointers: id and device x.
    down: Vec<(i32, f64)>,
    moved_px: f64,
}

#[component]
pub fn Chart(
    /// The `data-testid` of the data canvas.
    testid: &'static str,
    /// What the chart shows, for screen readers.
    label: String,
    height_css_px: f64,
    painter: Painter,
    view: TimeView,
    /// Zoom and pan move the view's shared range; without it the chart keeps `fixed_span`.
    #[prop(optional)]
    fixed_span: Option<Span>,
    csv: CsvExport,
    /// File name of exports, without extension.
    export_name: String,
    on_incident: Callback<usize>,
    /// The text twin: a caption and table with the chart's figures.
    children: Children,
) -> impl IntoView {
    let linked = fixed_span.is_none();
    let data_node: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let overlay_node: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let drawn: Rc<RefCell<Option<Drawn>>> = Rc::new(RefCell::new(None));
    let gesture = Rc::new(RefCell::new(Gesture::None));
    let pointers = Rc::new(RefCell::new(Pointers::default()));
    let tooltip: RwSignal<Option<(f64, f64, Vec<String>)>> = RwSignal::new(None);
    let hovered = RwSignal::new(None::<Hover>);
    let span_shown = move || fixed_span.unwrap_or_else(|| view.visible.get_untracked());
    let twin_id = format!("{testid}-twin");
    // The theme of the last data draw: the overlay, redrawn on every pointer move, reuses it.
    let theme = Rc::new(std::cell::Cell::new(Theme::LIGHT));
    // The pointer's device y while it is over this chart, for the crosshair's horizontal line.
    let pointer_y_px = Rc::new(std::cell::Cell::new(None::<f64>));

    let draw_overlay = {
        let (drawn, gesture, theme, pointer_y_px) =
            (drawn.clone(), gesture.clone(), theme.clone(), pointer_y_px.clone());
        move || {
            let (Some(data), Some(overlay)) = (data_node.get_untracked(), overlay_node.get_untracked())
            else {
                return;
            };
            if overlay.width() != data.width() || overlay.height() != data.height() {
                overlay.set_width(data.width());
                overlay.set_height(data.height());
            }
            let Some(context) = context_2d(&overlay) else { return };
            let (width_px, height_px) = (f64::from(overlay.width()), f64::from(overlay.height()));
            context.clear_rect(0.0, 0.0, width_px, height_px);
            let theme = theme.get();
            let dpr = data.width() as f64 / data.get_bounding_client_rect().width().max(1.0);
            if let Gesture::Select { from_px, to_px } = *gesture.borrow() {
                context.set_fill_style_str(&rgba(theme.line, 0.18));
                context.fill_rect(from_px.min(to_px), 0.0, (to_px - from_px).abs(), height_px);
            }
            let x = drawn.borrow().as_ref().and_then(|d| d.x);
            if let (Some(x), Some(t_ms)) = (x, view.cursor_ms.get_untracked()) {
                let x_px = x.px_from_ms(t_ms).floor() + 0.5;
                if x_px >= f64::from(x.left_px) && x_px <= f64::from(x.right_px) {
                    context.set_stroke_style_str(&rgba(theme.text, 0.75));
                    context.set_line_width(dpr.max(1.0));
                    context.begin_path();
                    context.move_to(x_px, 0.0);
                    context.line_to(x_px, height_px);
                    if let Some(y_px) = pointer_y_px.get() {
                        let y_px = y_px.floor() + 0.5;
                        context.move_to(f64::from(x.left_px), y_px);
                        context.line_to(f64::from(x.right_px), y_px);
                    }
                    context.stroke();
                }
            }
        }
    };

    let redraw = {
        let (drawn, painter, draw_overlay, theme) =
            (drawn.clone(), painter.clone(), draw_overlay.clone(), theme.clone());
        move || {
            let Some(canvas) = data_node.get_untracked() else { return };
            let width_css_px = canvas.get_bounding_client_rect().width();
            if width_css_px <= 0.0 {
                return;
            }
            let frame = Frame {
                canvas: canvas.clone(),
                dpr: window().device_pixel_ratio(),
                span: span_shown(),
                utc_offset_minutes: view.utc_offset_minutes.get_untracked(),
                theme: css_theme(),
            };
            theme.set(frame.theme);
            let result = perf::measure("nines:draw", || {
                paint(&canvas, width_css_px, height_css_px, frame.dpr, |area| painter(area, &frame))
            });
            match result {
                Ok(new) => {
                    // The time axis in device pixels, for tests and tools that read the canvas.
                    if let Some(x) = new.x {
                        for (name, value) in [
                            ("data-plot-left-px", x.left_px.to_string()),
                            ("data-plot-right-px", x.right_px.to_string()),
                            ("data-start-ms", x.span.start_ms.to_string()),
                            ("data-end-ms", x.span.end_ms.to_string()),
                        ] {
                            let _ = canvas.set_attribute(name, &value);
                        }
                    }
                    *drawn.borrow_mut() = Some(new);
                }
                Err(message) => leptos::logging::warn!("chart {testid} not drawn: {message}"),
            }
            draw_overlay();
        }
    };
    // One draw per animation frame, however many changes arrive within it.
    let scheduled = Rc::new(std::cell::Cell::new(false));
    let schedule = {
        let (redraw, scheduled) = (redraw.clone(), scheduled.clone());
        move || {
            if !scheduled.replace(true) {
                let (redraw, scheduled) = (redraw.clone(), scheduled.clone());
                request_animation_frame(move || {
                    scheduled.set(false);
                    redraw();
                });
            }
        }
    };
    {
        let schedule = schedule.clone();
        Effect::new(move |_| {
            view.utc_offset_minutes.track();
            view.repaint.track();
            if linked {
                view.visible.track();
            }
            if data_node.get().is_some() {
                schedule();
            }
        });
    }
    {
        let draw_overlay = draw_overlay.clone();
        Effect::new(move |_| {
            view.cursor_ms.track();
            draw_overlay();
        });
    }
    // Redraw whenever the canvas changes size, whatever the cause: the window, a scrollbar that
    // appears, the page around an iframe, larger type. The window's resize event is kept too.
    let observer = {
        let schedule = schedule.clone();
        let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(schedule).into_js_value();
        StoredValue::new_local(web_sys::ResizeObserver::new(on_resize.unchecked_ref()).ok())
    };
    Effect::new(move |_| {
        if let Some(canvas) = data_node.get() {
            observer.with_value(|o| o.as_ref().map(|o| o.observe(&canvas)));
        }
    });
    let resize = window_event_listener(ev::resize, move |_| schedule());
    on_cleanup(move || {
        resize.remove();
        observer.try_with_value(|o| o.as_ref().map(web_sys::ResizeObserver::disconnect));
    });

    // Device x of a pointer event, and the time there.
    let device_x = move |offset_x_css: f64| -> f64 {
        data_node.get_untracked().map_or(offset_x_css, |canvas| {
            let width_css = canvas.get_bounding_client_rect().width().max(1.0);
            offset_x_css * f64::from(canvas.width()) / width_css
        })
    };
    let time_scale = {
        let drawn = drawn.clone();
        move || drawn.borrow().as_ref().and_then(|d| d.x)
    };
    let hover_at = {
        let (drawn, time_scale, pointer_y_px) = (drawn.clone(), time_scale.clone(), pointer_y_px.clone());
        move |offset_x_css: f64, offset_y_css: f64| {
            let ratio = device_x(1.0);
            let (x_px, y_px) = (offset_x_css * ratio, offset_y_css * ratio);
            pointer_y_px.set(Some(y_px));
            let hover = drawn.borrow().as_ref().and_then(|d| (d.hit)(x_px, y_px));
            let cursor = time_scale()
                .filter(|x| x_px >= f64::from(x.left_px) && x_px <= f64::from(x.right_px))
                .map(|x| x.ms_from_px(x_px));
            view.cursor_ms.set(cursor);
            tooltip.set(
                hover
                    .as_ref()
                    .filter(|h| !h.lines.is_empty())
                    .map(|h| (offset_x_css, offset_y_css, h.lines.clone())),
            );
            hovered.set(hover);
        }
    };

    let on_pointer_down = {
        let (gesture, pointers) = (gesture.clone(), pointers.clone());
        move |event: ev::PointerEvent| {
            let x_px = device_x(f64::from(event.offset_x()));
            if let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                let _ = target.set_pointer_capture(event.pointer_id());
            }
            let mut pointers = pointers.borrow_mut();
            pointers.down.retain(|(id, _)| *id != event.pointer_id());
            pointers.down.push((event.pointer_id(), x_px));
            pointers.moved_px = 0.0;
            if !linked {
                return;
            }
            let span = view.visible.get_untracked();
            *gesture.borrow_mut() = match pointers.down.as_slice() {
                [(_, a), (_, b)] => Gesture::Pinch { from_distance_px: (a - b).abs().max(1.0), span },
                _ if event.shift_key() || event.pointer_type() == "touch" => {
                    Gesture::Pan { from_px: x_px, span }
                }
                _ => Gesture::Select { from_px: x_px, to_px: x_px },
            };
        }
    };
    let on_pointer_move = {
        let (gesture, pointers, hover_at, time_scale, draw_overlay) =
            (gesture.clone(), pointers.clone(), hover_at.clone(), time_scale.clone(), draw_overlay.clone());
        move |event: ev::PointerEvent| {
            let x_px = device_x(f64::from(event.offset_x()));
            hover_at(f64::from(event.offset_x()), f64::from(event.offset_y()));
            let mut pointers = pointers.borrow_mut();
            if let Some(p) = pointers.down.iter_mut().find(|(id, _)| *id == event.pointer_id()) {
                let step = (p.1 - x_px).abs();
                p.1 = x_px;
                pointers.moved_px += step;
            }
            let Some(x) = time_scale() else { return };
            let plot_width_px = f64::from((x.right_px - x.left_px).max(1));
            let current = *gesture.borrow();
            match (current, pointers.down.as_slice()) {
                (Gesture::Select { from_px, .. }, [_]) => {
                    *gesture.borrow_mut() = Gesture::Select { from_px, to_px: x_px };
                    draw_overlay();
                }
                (Gesture::Pan { from_px, span }, [_]) => {
                    view.show(crate::chart::zoom::pan(span, (from_px - x_px) / plot_width_px, view.bounds));
                }
                (Gesture::Pinch { from_distance_px, span }, [(_, a), (_, b)]) => {
                    let anchor_ms = TimeScale { span, ..x }.ms_from_px((a + b) / 2.0);
                    let factor = from_distance_px / (a - b).abs().max(1.0);
                    view.show(crate::chart::zoom::zoom(span, factor, anchor_ms, view.bounds));
                }
                _ => {}
            }
        }
    };
    // A click opens its incident only once it is clear it is not the first half of a double-click.
    let pending_open: Rc<RefCell<Option<TimeoutHandle>>> = Rc::new(RefCell::new(None));
    let on_pointer_up = {
        let (gesture, pointers, time_scale, draw_overlay, pending_open, hover_at) = (
            gesture.clone(),
            pointers.clone(),
            time_scale.clone(),
            draw_overlay.clone(),
            pending_open.clone(),
            hover_at.clone(),
        );
        move |event: ev::PointerEvent| {
            // A tap has no hover before it: find what is under it now.
            hover_at(f64::from(event.offset_x()), f64::from(event.offset_y()));
            let moved_px = {
                let mut pointers = pointers.borrow_mut();
                pointers.down.retain(|(id, _)| *id != event.pointer_id());
                pointers.moved_px
            };
            let finished = std::mem::replace(&mut *gesture.borrow_mut(), Gesture::None);
            let click = moved_px < 4.0 * window().device_pixel_ratio();
            match (finished, time_scale()) {
                (Gesture::Select { from_px, to_px }, Some(x)) if !click => {
                    view.show(Span::new(x.ms_from_px(from_px.min(to_px)), x.ms_from_px(from_px.max(to_px))));
                }
                _ if click => {
                    if let Some(incident) = hovered.get_untracked().and_then(|h| h.incident) {
                        let open = move || on_incident.run(incident);
                        let handle = set_timeout_with_handle(open, DOUBLE_CLICK);
                        if let Some(previous) = pending_open.replace(handle.ok()) {
                            previous.clear();
                        }
                    }
                }
                _ => {}
            }
            draw_overlay();
        }
    };
    let on_pointer_leave = {
        let (gesture, pointers, pointer_y_px) = (gesture.clone(), pointers.clone(), pointer_y_px.clone());
        move |_: ev::PointerEvent| {
            if pointers.borrow().down.is_empty() {
                *gesture.borrow_mut() = Gesture::None;
                pointer_y_px.set(None);
                view.cursor_ms.set(None);
                tooltip.set(None);
                hovered.set(None);
            }
        }
    };
    let on_wheel = {
        let time_scale = time_scale.clone();
        move |event: ev::WheelEvent| {
            let Some(x) = time_scale().filter(|_| linked) else { return };
            event.prevent_default();
            let x_px = device_x(f64::from(event.offset_x()));
            let (dx, dy) = (event.delta_x(), event.delta_y());
            if dx.abs() > dy.abs() {
                view.pan(dx / f64::from((x.right_px - x.left_px).max(1)));
            } else {
                view.zoom((dy * 0.002).exp(), x.ms_from_px(x_px));
            }
        }
    };
    let on_key = move |event: ev::KeyboardEvent| {
        if !linked {
            return;
        }
        let center_ms = |span: Span| span.start_ms + span.duration_ms() / 2;
        match event.key().as_str() {
            "ArrowLeft" => view.pan(-0.1),
            "ArrowRight" => view.pan(0.1),
            "+" | "=" => view.zoom(0.5, center_ms(view.visible.get_untracked())),
            "-" | "_" => view.zoom(2.0, center_ms(view.visible.get_untracked())),
            "Escape" => view.reset(),
            _ => return,
        }
        event.prevent_default();
    };

    let export_png = {
        let export_name = export_name.clone();
        move |_| {
            if let Some(url) = data_node.get_untracked().and_then(|c| c.to_data_url().ok()) {
                export::download(&url, &format!("{export_name}.png"));
            }
        }
    };
    let export_csv = move |_| {
        let text = csv(span_shown(), view.utc_offset_minutes.get_untracked());
        export::download_text(&text, "text/csv", &format!("{export_name}.csv"));
    };

    let mut wheel = ev::Custom::<ev::WheelEvent>::new("wheel");
    wheel.options_mut().set_passive(false);
    let overlay = leptos::html::canvas()
        .node_ref(overlay_node)
        .class("chart-overlay")
        .attr("aria-hidden", "true")
        .attr("data-testid", format!("{testid}-overlay"))
        .on(wheel, on_wheel)
        .on(ev::pointerdown, on_pointer_down)
        .on(ev::pointermove, on_pointer_move)
        .on(ev::pointerup, on_pointer_up)
        .on(ev::pointercancel, on_pointer_leave.clone())
        .on(ev::pointerleave, on_pointer_leave)
        .on(ev::dblclick, move |_| {
            if let Some(pending) = pending_open.take() {
                pending.clear();
            }
            if linked {
                view.reset();
            }
        });
    let help = if linked {
        "Drag to zoom, shift-drag to pan, wheel or pinch to zoom, double-click to reset; arrows pan, + and − zoom, Escape resets."
    } else {
        "Hover for the figures of each day; click an outage to open its incident."
    };
    view! {
        <figure class="chart-figure">
            <div
                class="chart-frame"
                class:linked=linked
                tabindex="0"
                role="group"
                aria-label=format!("{label}. {help}")
                aria-describedby=twin_id.clone()
                on:keydown=on_key
                style=format!("height: {height_css_px}px")
            >
                <canvas
                    node_ref=data_node
                    class="chart"
                    data-testid=testid
                    role="img"
                    aria-label=label.clone()
                    aria-describedby=twin_id.clone()
                    style=format!("height: {height_css_px}px")
                ></canvas>
                {overlay}
                {move || {
                    tooltip
                        .get()
                        .map(|(x, y, lines)| {
                            // Below the pointer, moved left by the share of the chart's width the
                            // pointer is at: a tooltip no wider than the chart (CSS) stays inside it.
                            let width_css_px = data_node
                                .get_untracked()
                                .map_or(1.0, |c| c.get_bounding_client_rect().width())
                                .max(1.0);
                            let shift_percent = (x / width_css_px * 100.0).clamp(0.0, 100.0);
                            view! {
                                <div
                                    class="chart-tooltip"
                                    data-testid=format!("{testid}-tooltip")
                                    style=format!(
                                        "left: {x}px; top: {}px; transform: translateX(-{shift_percent:.1}%)",
                                        y + 14.0,
                                    )
                                >
                                    {lines.into_iter().map(|line| view! { <div>{line}</div> }).collect_view()}
                                </div>
                            }
                        })
                }}
            </div>
            <div class="chart-tools">
                <button type="button" on:click=export_png data-testid=format!("{testid}-png")>"PNG"</button>
                <button type="button" on:click=export_csv data-testid=format!("{testid}-csv")>"CSV"</button>
            </div>
            <div class="twin" id=twin_id data-testid=format!("{testid}-twin")>{children()}</div>
        </figure>
    }
}

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

fn rgba(color: plotters::style::RGBColor, alpha: f64) -> String {
    format!("rgba({}, {}, {}, {alpha})", color.0, color.1, color.2)
}
