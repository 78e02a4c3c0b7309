//! The one component that owns chart canvases: a data canvas drawn through plotters, and an
//! overlay canvas above it for the crosshair, the shared time cursor and the zoom selection, so
//! hovering never repaints the data. Time-linked charts zoom and pan the view's shared range by
//! drag (zoom to the selection), shift-drag or touch drag (pan), wheel and pinch, double-click
//! (reset) and the keyboard (arrows pan, + and − zoom, Esc resets). Clicking an outage opens its
//! incident. Every chart has PNG and CSV export and a text twin (its caption and table).
//!
//! What a gesture does is decided by the pure [`crate::chart::gesture`]: this shell turns DOM
//! events into its events (device pixels) and carries out the actions it returns.
//!
//! What is drawn is the panel's spec: a memo of the data, the range, the canvas size (which this
//! component measures into the panel's [`CanvasSize`] signal), the clock and the panel's options.
//! The canvas is drawn whenever the spec or the theme changes, and only then; the canvas
//! elements stay the same for the life of the panel, through every refresh of the data.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

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
use crate::chart::gesture::{self, Action, GestureState};
use crate::chart::{Theme, TimeScale};
use crate::model::{Span, TimeMs};

/// Where a spec is drawn (the range, the clock and the size are in the spec).
#[derive(Clone, Debug)]
pub struct Frame {
    /// The canvas, already sized, for painters that put images on it directly.
    pub canvas: HtmlCanvasElement,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    pub theme: Theme,
}

/// What the pointer is over: tooltip lines and what a click opens, which the chart's
/// `on_incident` is given: an incident (an index into the snapshot's incidents), or in the
/// calendar a day (an index into its days).
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
    /// A chart of items (days) that the keyboard steps through when it keeps a fixed span: the
    /// device point of the item a key moves to from the item at the point given (`None`: none
    /// chosen yet), or `None` for a key that moves nothing. The item shows its tooltip as on
    /// hover, and Enter does what a click on it does.
    pub keys: Option<KeyStep>,
}

/// See [`Drawn::keys`].
pub type KeyStep = Box<dyn Fn(Option<(f64, f64)>, &str) -> Option<(f64, f64)>>;

/// Draws a panel's spec `S` on the sized canvas.
pub type Draw<S> = Rc<dyn Fn(&DrawingArea<CanvasBackend, Shift>, &S, &Frame) -> Result<Drawn, String>>;
/// The spec's painter with the spec read in: what the chart calls to draw.
type Painter = Rc<dyn Fn(&DrawingArea<CanvasBackend, Shift>, &Frame) -> Result<Drawn, String>>;

/// A panel's spec and how to draw it, with the spec's type erased: one [`Chart`] (compiled once)
/// serves every panel.
#[derive(Clone)]
pub struct Drawing {
    painter: Painter,
    /// Subscribes the caller to the spec.
    track: Rc<dyn Fn()>,
}

impl Drawing {
    /// `spec` is `None` until the canvas is measured; a change of it redraws the canvas.
    pub fn new<S: Send + Sync + 'static>(spec: Memo<Option<S>>, draw: Draw<S>) -> Drawing {
        let painter: Painter = Rc::new(move |area, frame| {
            spec.try_with_untracked(|spec| match spec {
                Some(spec) => draw(area, spec, frame),
                None => Err("no spec yet".to_string()),
            })
            .unwrap_or_else(|| Err("the panel is gone".to_string()))
        });
        Drawing { painter, track: Rc::new(move || spec.track()) }
    }
}

/// The size a chart's canvas is drawn at, as measured on the page: a spec is built for it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CanvasSize {
    pub width_css_px: f64,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
}

impl CanvasSize {
    /// Whether the canvas is laid out: before that no spec is built.
    pub fn is_measured(self) -> bool {
        self.width_css_px > 0.0 && self.dpr > 0.0
    }

    /// The canvas's width in device pixels, as [`paint`] sizes it.
    pub fn width_px(self) -> u32 {
        (self.width_css_px * self.dpr).round().max(1.0) as u32
    }
}
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

/// What the chart's handlers, effects and timers share.
#[derive(Clone)]
struct Shared {
    testid: &'static str,
    height_css_px: Signal<f64>,
    painter: Painter,
    size: RwSignal<CanvasSize>,
    view: TimeView,
    fixed_span: Option<Signal<Span>>,
    on_incident: Callback<usize>,
    data_node: NodeRef<leptos::html::Canvas>,
    overlay_node: NodeRef<leptos::html::Canvas>,
    drawn: Rc<RefCell<Option<Drawn>>>,
    gestures: Rc<RefCell<GestureState>>,
    /// The timer of a click that waits to see whether a second one follows.
    pending_open: Rc<Cell<Option<TimeoutHandle>>>,
    /// Whether a data draw is already asked for in the next animation frame.
    scheduled: Rc<Cell<bool>>,
    /// The theme of the last data draw: the overlay, redrawn on every pointer move, reuses it.
    theme: Rc<Cell<Theme>>,
    /// The pointer's device y while it is over this chart, for the crosshair's horizontal line.
    pointer_y_px: Rc<Cell<Option<f64>>>,
    /// The device point of the item the keyboard chose ([`Drawn::keys`]).
    key_point_px: Rc<Cell<Option<(f64, f64)>>>,
    /// Where the tooltip goes (CSS pixels in the frame) and its lines.
    tooltip: RwSignal<Option<(f64, f64, Vec<String>)>>,
    hovered: RwSignal<Option<Hover>>,
}

impl Shared {
    fn linked(&self) -> bool {
        self.fixed_span.is_none()
    }

    fn span_shown(&self) -> Span {
        // A timer may run after the chart is gone; the view outlives it, but not always its signal.
        match self.fixed_span {
            Some(fixed) => fixed.try_get_untracked(),
            None => self.view.visible.try_get_untracked(),
        }
        .or_else(|| self.view.home.try_get_untracked())
        .unwrap_or_default()
    }

    /// Measures the canvas into `size`; a new size makes the panel build its spec anew, and the
    /// new spec is drawn.
    fn measure(&self) {
        let Some(canvas) = self.data_node.try_get_untracked().flatten() else { return };
        let size = CanvasSize {
            width_css_px: canvas.get_bounding_client_rect().width(),
            dpr: window().device_pixel_ratio(),
        };
        if self.size.try_get_untracked().is_some_and(|old| old != size) {
            self.size.set(size);
        }
    }

    fn time_scale(&self) -> Option<TimeScale> {
        self.drawn.borrow().as_ref().and_then(|d| d.x)
    }

    /// Device x of a pointer's CSS offset.
    fn device_x(&self, offset_x_css: f64) -> f64 {
        self.data_node.try_get_untracked().flatten().map_or(offset_x_css, |canvas| {
            let width_css = canvas.get_bounding_client_rect().width().max(1.0);
            offset_x_css * f64::from(canvas.width()) / width_css
        })
    }

    /// Draws the spec now, at the size it was built for.
    fn redraw(&self) {
        let Some(canvas) = self.data_node.try_get_untracked().flatten() else { return };
        let Some(size) = self.size.try_get_untracked().filter(|s| s.is_measured()) else { return };
        let Some(height_css_px) = self.height_css_px.try_get_untracked() else { return };
        let frame = Frame { canvas: canvas.clone(), dpr: size.dpr, theme: css_theme() };
        self.theme.set(frame.theme);
        let painter = &self.painter;
        let result = perf::measure("nines:draw", || {
            paint(&canvas, size.width_css_px, height_css_px, frame.dpr, |area| painter(area, &frame))
        });
        match result {
            Ok(new) => {
                // A chart without a time axis (the calendar) still says the span it shows.
                let span = self.span_shown();
                let x = new.x.unwrap_or(TimeScale { span, left_px: 0, right_px: 0 });
                write_time_axis(&canvas, &x);
                *self.drawn.borrow_mut() = Some(new);
            }
            Err(message) => leptos::logging::warn!("chart {} not drawn: {message}", self.testid),
        }
        self.draw_overlay();
    }

    /// Draws the data in the next animation frame, once however many changes arrive within it.
    fn schedule_redraw(&self) {
        if !self.scheduled.replace(true) {
            let shared = self.clone();
            request_animation_frame(move || {
                shared.scheduled.set(false);
                shared.redraw();
            });
        }
    }

    fn draw_overlay(&self) {
        let (Some(data), Some(overlay)) =
            (self.data_node.try_get_untracked().flatten(), self.overlay_node.try_get_untracked().flatten())
        else {
            return;
        };
        if overlay.width() != data.width() || overlay.height() != data.height() {
            overlay.set_width(data.width());
            overlay.set_height(data.height());
        }
        let Some(context) = context_2d(&overlay) else { return };
        let picture = OverlayPicture {
            width_px: f64::from(overlay.width()),
            height_px: f64::from(overlay.height()),
            dpr: data.width() as f64 / data.get_bounding_client_rect().width().max(1.0),
            theme: self.theme.get(),
            selection_px: self.gestures.borrow().selection_px(),
            x: self.time_scale(),
            cursor_ms: self.view.cursor_ms.try_get_untracked().flatten(),
            pointer_y_px: self.pointer_y_px.get(),
        };
        paint_overlay(&context, &picture);
    }

    /// Finds what is under the pointer: the shared cursor, the tooltip and the incident a click opens.
    fn hover_at(&self, offset_x_css: f64, offset_y_css: f64) {
        let ratio = self.device_x(1.0);
        let (x_px, y_px) = (offset_x_css * ratio, offset_y_css * ratio);
        self.pointer_y_px.set(Some(y_px));
        let hover = self.drawn.borrow().as_ref().and_then(|d| (d.hit)(x_px, y_px));
        let cursor = self
            .time_scale()
            .filter(|x| x_px >= f64::from(x.left_px) && x_px <= f64::from(x.right_px))
            .map(|x| x.ms_from_px(x_px));
        self.view.cursor_ms.set(cursor);
        self.tooltip.set(
            hover
                .as_ref()
                .filter(|h| !h.lines.is_empty())
                .map(|h| (offset_x_css, offset_y_css, h.lines.clone())),
        );
        self.hovered.set(hover);
    }

    /// Moves the keyboard's choice of item by key `name`, or with Enter does what a click on the
    /// chosen item does. Whether the chart took the key.
    fn key_step(&self, name: &str) -> bool {
        if name == "Enter" {
            let item = self.hovered.get_untracked().and_then(|h| h.incident);
            if let Some(item) = item {
                self.on_incident.run(item);
            }
            return item.is_some();
        }
        let drawn = self.drawn.borrow();
        let next = drawn.as_ref().and_then(|d| d.keys.as_ref()?(self.key_point_px.get(), name));
        drop(drawn);
        let Some((x_px, y_px)) = next else { return false };
        self.key_point_px.set(Some((x_px, y_px)));
        let ratio = self.device_x(1.0);
        self.hover_at(x_px / ratio, y_px / ratio);
        true
    }

    fn clear_hover(&self) {
        self.pointer_y_px.set(None);
        self.view.cursor_ms.set(None);
        self.tooltip.set(None);
        self.hovered.set(None);
    }

    /// Runs `event` through the gesture machine and carries out what it asks; `dom` is the
    /// browser's event, when there is one, for `preventDefault`.
    fn dispatch(&self, event: gesture::Event, dom: Option<&web_sys::Event>) {
        // A chart whose view was disposed (a pointer event queued as it unmounted) does nothing.
        let Some(bounds) = self.view.bounds.try_get_untracked() else { return };
        let context = gesture::Context {
            time_scale: self.time_scale(),
            visible: self.span_shown(),
            bounds,
            linked: self.linked(),
            dpr: window().device_pixel_ratio(),
            incident: self.hovered.try_get_untracked().flatten().and_then(|h| h.incident),
        };
        let state = self.gestures.take();
        let (state, actions) = gesture::step(state, event, &context);
        *self.gestures.borrow_mut() = state;
        for action in actions {
            self.perform(action, dom);
        }
    }

    fn perform(&self, action: Action, dom: Option<&web_sys::Event>) {
        match action {
            Action::Show(span) => self.view.show(span),
            Action::Reset => self.view.reset(),
            Action::RedrawOverlay => self.draw_overlay(),
            Action::ClearHover => self.clear_hover(),
            Action::OpenIncident(incident) => self.on_incident.run(incident),
            Action::ScheduleOpen { delay_ms } => {
                let shared = self.clone();
                let fire = move || shared.dispatch(gesture::Event::ClickTimeout, None);
                let handle = set_timeout_with_handle(fire, Duration::from_millis(u64::from(delay_ms)));
                if let Some(previous) = self.pending_open.replace(handle.ok()) {
                    previous.clear();
                }
            }
            Action::CancelOpen => {
                if let Some(pending) = self.pending_open.take() {
                    pending.clear();
                }
            }
            Action::PreventDefault => {
                if let Some(event) = dom {
                    event.prevent_default();
                }
            }
        }
    }
}

#[component]
pub fn Chart(
    /// The `data-testid` of the data canvas.
    testid: &'static str,
    /// What the chart shows, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    #[prop(into)] height_css_px: Signal<f64>,
    /// The panel's spec and its painter.
    drawing: Drawing,
    /// Where the chart puts its measured size, for the spec.
    size: RwSignal<CanvasSize>,
    view: TimeView,
    /// Zoom and pan move the view's shared range; without it the chart keeps `fixed_span`.
    #[prop(optional, into)]
    fixed_span: Option<Signal<Span>>,
    csv: CsvExport,
    /// File name of exports, without extension.
    #[prop(into)]
    export_name: Signal<String>,
    on_incident: Callback<usize>,
    /// The text twin: a caption and table with the chart's figures.
    children: Children,
) -> impl IntoView {
    let linked = fixed_span.is_none();
    let data_node: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let tooltip = RwSignal::new(None);
    let Drawing { painter, track } = drawing;
    let shared = Shared {
        testid,
        height_css_px,
        painter,
        size,
        view,
        fixed_span,
        on_incident,
        data_node,
        overlay_node: NodeRef::new(),
        drawn: Rc::new(RefCell::new(None)),
        gestures: Rc::new(RefCell::new(GestureState::default())),
        pending_open: Rc::new(Cell::new(None)),
        scheduled: Rc::new(Cell::new(false)),
        theme: Rc::new(Cell::new(Theme::LIGHT)),
        pointer_y_px: Rc::new(Cell::new(None)),
        key_point_px: Rc::new(Cell::new(None)),
        tooltip,
        hovered: RwSignal::new(None),
    };
    let twin_id = format!("{testid}-twin");
    watch_for_redraws(&shared, track);

    let export_png = move |_| {
        if let Some(url) = data_node.get_untracked().and_then(|c| c.to_data_url().ok()) {
            export::download(&url, &export_name.get_untracked(), "png");
        }
    };
    let export_csv = {
        let shared = shared.clone();
        move |_| {
            let text = csv(shared.span_shown(), view.utc_offset_minutes.get_untracked());
            export::download_text(&text, "text/csv", &export_name.get_untracked(), "csv");
        }
    };
    let on_key = {
        let shared = shared.clone();
        move |event: ev::KeyboardEvent| {
            let name = event.key();
            if !shared.linked() && shared.key_step(&name) {
                event.prevent_default();
                return;
            }
            shared.dispatch(gesture::Event::Key { name }, Some(&event))
        }
    };
    // The keyboard's choice and its tooltip go with the focus.
    let on_blur = {
        let shared = shared.clone();
        move |_| {
            shared.key_point_px.set(None);
            shared.clear_hover();
        }
    };
    let height_style = Signal::derive(move || format!("{}px", height_css_px.get()));
    let help = if linked {
        "Drag to zoom, shift-drag to pan, wheel or pinch to zoom, double-click to reset; arrows pan, + and − zoom, Escape resets."
    } else {
        "Hover for the figures; in the daily bars and the calendar, the arrow keys choose a day and Enter does what a click does."
    };
    let frame_label = Signal::derive(move || format!("{}. {help}", label.get()));
    view! {
        <figure class="chart-figure">
            <div
                class="chart-frame"
                class:linked=linked
                tabindex="0"
                role="group"
                aria-label=frame_label
                aria-describedby=twin_id.clone()
                on:keydown=on_key
                on:focusout=on_blur
                style:height=height_style
            >
                <canvas
                    node_ref=data_node
                    class="chart"
                    data-testid=testid
                    role="img"
                    aria-label=label
                    aria-describedby=twin_id.clone()
                    style:height=height_style
                ></canvas>
                {overlay_canvas(&shared)}
                // Read out as it changes: what a day chosen with the keyboard holds.
                <div aria-live="polite">
                    {move || tooltip.get().map(|(x, y, lines)| tooltip_view(testid, data_node, x, y, lines))}
                </div>
            </div>
            <div class="chart-tools">
                <button type="button" on:click=export_png data-testid=format!("{testid}-png")>
                    "PNG"
                </button>
                <button type="button" on:click=export_csv data-testid=format!("{testid}-csv")>
                    "CSV"
                </button>
            </div>
            <div class="twin" id=twin_id data-testid=format!("{testid}-twin")>
                {children()}
            </div>
        </figure>
    }
}

/// Redraws the data when the spec (data, range, size, clock, options), its height or the theme
/// changes; measures the canvas whenever it changes size, whatever the cause: the window, a
/// scrollbar that appears, the page around an iframe, larger type (the window's resize event is
/// kept too); redraws the overlay when the shared cursor moves.
fn watch_for_redraws(shared: &Shared, track_spec: Rc<dyn Fn()>) {
    let (view, data_node, height, size) = (shared.view, shared.data_node, shared.height_css_px, shared.size);
    {
        let shared = shared.clone();
        Effect::new(move |_| {
            // The size too: a spec that holds no width (bars, timeline) is the same at a new width.
            track_spec();
            size.track();
            height.track();
            view.repaint.track();
            if data_node.get().is_some() {
                shared.schedule_redraw();
            }
        });
    }
    {
        let shared = shared.clone();
        Effect::new(move |_| {
            view.cursor_ms.track();
            shared.draw_overlay();
        });
    }
    let observer = {
        let shared = shared.clone();
        let on_resize =
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || shared.measure()).into_js_value();
        StoredValue::new_local(web_sys::ResizeObserver::new(on_resize.unchecked_ref()).ok())
    };
    {
        let shared = shared.clone();
        Effect::new(move |_| {
            if let Some(canvas) = data_node.get() {
                observer.with_value(|o| o.as_ref().map(|o| o.observe(&canvas)));
                shared.measure();
            }
        });
    }
    let resize = {
        let shared = shared.clone();
        window_event_listener(ev::resize, move |_| shared.measure())
    };
    on_cleanup(move || {
        resize.remove();
        observer.try_with_value(|o| o.as_ref().map(web_sys::ResizeObserver::disconnect));
    });
}

/// The canvas above the data that takes the pointer and the wheel, and shows the crosshair and
/// the zoom selection.
fn overlay_canvas(shared: &Shared) -> impl IntoView {
    let pointer_down = {
        let shared = shared.clone();
        move |event: ev::PointerEvent| {
            let x_px = shared.device_x(f64::from(event.offset_x()));
            if let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                let _ = target.set_pointer_capture(event.pointer_id());
            }
            let down = gesture::Event::PointerDown {
                pointer_id: event.pointer_id(),
                x_px,
                shift: event.shift_key(),
                touch: event.pointer_type() == "touch",
            };
            shared.dispatch(down, Some(&event));
        }
    };
    let pointer_move = {
        let shared = shared.clone();
        move |event: ev::PointerEvent| {
            let x_px = shared.device_x(f64::from(event.offset_x()));
            shared.hover_at(f64::from(event.offset_x()), f64::from(event.offset_y()));
            shared
                .dispatch(gesture::Event::PointerMove { pointer_id: event.pointer_id(), x_px }, Some(&event));
        }
    };
    let pointer_up = {
        let shared = shared.clone();
        move |event: ev::PointerEvent| {
            // A tap has no hover before it: find what is under it now.
            shared.hover_at(f64::from(event.offset_x()), f64::from(event.offset_y()));
            shared.dispatch(gesture::Event::PointerUp { pointer_id: event.pointer_id() }, Some(&event));
        }
    };
    let pointer_leave = {
        let shared = shared.clone();
        move |event: ev::PointerEvent| shared.dispatch(gesture::Event::PointerLeave, Some(&event))
    };
    let pointer_cancel = {
        let shared = shared.clone();
        move |event: ev::PointerEvent| {
            shared.dispatch(gesture::Event::PointerCancel { pointer_id: event.pointer_id() }, Some(&event))
        }
    };
    let wheel_event = {
        let shared = shared.clone();
        move |event: ev::WheelEvent| {
            let x_px = shared.device_x(f64::from(event.offset_x()));
            let wheel = gesture::Event::Wheel { dx: event.delta_x(), dy: event.delta_y(), x_px };
            shared.dispatch(wheel, Some(&event));
        }
    };
    let double_click = {
        let shared = shared.clone();
        move |event: ev::MouseEvent| shared.dispatch(gesture::Event::DoubleClick, Some(&event))
    };
    let mut wheel = ev::Custom::<ev::WheelEvent>::new("wheel");
    wheel.options_mut().set_passive(false);
    leptos::html::canvas()
        .node_ref(shared.overlay_node)
        .class("chart-overlay")
        .attr("aria-hidden", "true")
        .attr("data-testid", format!("{}-overlay", shared.testid))
        .on(wheel, wheel_event)
        .on(ev::pointerdown, pointer_down)
        .on(ev::pointermove, pointer_move)
        .on(ev::pointerup, pointer_up)
        .on(ev::pointercancel, pointer_cancel)
        .on(ev::pointerleave, pointer_leave)
        .on(ev::dblclick, double_click)
}

/// The tooltip at CSS (`x`, `y`) in the frame: below the pointer, moved left by the share of the
/// chart's width the pointer is at, so a tooltip no wider than the chart (CSS) stays inside it.
fn tooltip_view(
    testid: &'static str,
    data_node: NodeRef<leptos::html::Canvas>,
    x: f64,
    y: f64,
    lines: Vec<String>,
) -> impl IntoView {
    let width_css_px = data_node
        .try_get_untracked()
        .flatten()
        .map_or(1.0, |c| c.get_bounding_client_rect().width())
        .max(1.0);
    let shift_percent = (x / width_css_px * 100.0).clamp(0.0, 100.0);
    view! {
        <div
            class="chart-tooltip"
            data-testid=format!("{testid}-tooltip")
            style:left=format!("{x}px")
            style:top=format!("{}px", y + 14.0)
            style:transform=format!("translateX(-{shift_percent:.1}%)")
        >
            {lines.into_iter().map(|line| view! { <div>{line}</div> }).collect_view()}
        </div>
    }
}

/// The time axis in device pixels, on the data canvas, for tests and tools that read the canvas
/// (both plot edges 0 for a chart whose x is not time).
fn write_time_axis(canvas: &HtmlCanvasElement, x: &TimeScale) {
    for (name, value) in [
        ("data-plot-left-px", x.left_px.to_string()),
        ("data-plot-right-px", x.right_px.to_string()),
        ("data-start-ms", x.span.start_ms.to_string()),
        ("data-end-ms", x.span.end_ms.to_string()),
    ] {
        let _ = canvas.set_attribute(name, &value);
    }
}

/// What the overlay shows, in device pixels.
struct OverlayPicture {
    width_px: f64,
    height_px: f64,
    dpr: f64,
    theme: Theme,
    /// Left and right of the range being selected to zoom to.
    selection_px: Option<(f64, f64)>,
    /// The data's time axis, when drawn.
    x: Option<TimeScale>,
    cursor_ms: Option<TimeMs>,
    pointer_y_px: Option<f64>,
}

/// Clears the overlay and paints the zoom selection and the crosshair at the shared cursor (its
/// horizontal line only on the chart the pointer is over).
fn paint_overlay(context: &CanvasRenderingContext2d, picture: &OverlayPicture) {
    let (theme, height_px) = (picture.theme, picture.height_px);
    context.clear_rect(0.0, 0.0, picture.width_px, height_px);
    if let Some((left_px, right_px)) = picture.selection_px {
        context.set_fill_style_str(&rgba(theme.line, 0.18));
        context.fill_rect(left_px, 0.0, right_px - left_px, height_px);
    }
    let (Some(x), Some(t_ms)) = (picture.x, picture.cursor_ms) else { return };
    // Half a pixel off the grid, so a one-pixel line covers one column of pixels.
    let x_px = x.px_from_ms(t_ms).floor() + 0.5;
    if x_px < f64::from(x.left_px) || x_px > f64::from(x.right_px) {
        return;
    }
    context.set_stroke_style_str(&rgba(theme.text, 0.75));
    context.set_line_width(picture.dpr.max(1.0));
    context.begin_path();
    context.move_to(x_px, 0.0);
    context.line_to(x_px, height_px);
    if let Some(y_px) = picture.pointer_y_px {
        let y_px = y_px.floor() + 0.5;
        context.move_to(f64::from(x.left_px), y_px);
        context.line_to(f64::from(x.right_px), y_px);
    }
    context.stroke();
}

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

fn rgba(color: plotters::style::RGBColor, alpha: f64) -> String {
    format!("rgba({}, {}, {}, {alpha})", color.0, color.1, color.2)
}
