//! The pointer, wheel and keyboard gestures of a chart as a pure state machine: [`step`] takes
//! the state, one input [`Event`] and what the chart looks like now ([`Context`]), and returns the
//! next state and the [`Action`]s the browser shell carries out, in order.
//!
//! Contract. On a time-linked chart a plain drag selects a range and zooms to it on release; a
//! shift-drag or a touch drag pans (dragging right shows earlier time); two pointers pinch-zoom
//! about their midpoint; the wheel pans by its horizontal delta (in plot widths) when that is the
//! larger one and otherwise zooms by `exp(dy × 0.002)` about the time under the pointer; a
//! double-click resets; ArrowLeft/ArrowRight pan by a tenth, `+`/`=` halve and `-`/`_` double the
//! range about its centre, Escape resets. A chart that is not linked does none of these. On every
//! chart a release that travelled less than 4 device pixels × the device pixel ratio is a click:
//! over an incident it opens it after [`DOUBLE_CLICK_MS`], unless a double-click comes first.
//! Spans come from [`super::zoom`], so every [`Action::Show`] lies inside the bounds. Positions
//! are device pixels on the canvas.

use super::axis::TimeScale;
use super::zoom;
use crate::model::Span;

/// How long a click waits for a second one before it counts as a single click.
pub const DOUBLE_CLICK_MS: u32 = 250;
/// The most a pointer may travel, in CSS pixels, for its release to still be a click.
const CLICK_SLOP_CSS_PX: f64 = 4.0;
/// Wheel zoom: the range is scaled by `exp(delta_y × this)`.
const WHEEL_ZOOM_PER_DELTA: f64 = 0.002;
/// Arrow keys pan by this share of the range shown.
const KEY_PAN_FRACTION: f64 = 0.1;
/// `+` scales the range by this; `-` by its inverse.
const KEY_ZOOM_IN_FACTOR: f64 = 0.5;
const KEY_ZOOM_OUT_FACTOR: f64 = 2.0;

/// What a step needs to know about the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    /// The time axis as last drawn; `None` before the first draw.
    pub time_scale: Option<TimeScale>,
    /// The range shown now.
    pub visible: Span,
    /// The range zoom and pan never leave.
    pub bounds: Span,
    /// Whether gestures move the shared range; a chart with a fixed range only opens incidents.
    pub linked: bool,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// The incident under the pointer, when there is one.
    pub incident: Option<usize>,
}

/// One input, already in device pixels.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    PointerDown {
        pointer_id: i32,
        x_px: f64,
        shift: bool,
        touch: bool,
    },
    PointerMove {
        pointer_id: i32,
        x_px: f64,
    },
    PointerUp {
        pointer_id: i32,
    },
    /// The pointer left the chart.
    PointerLeave,
    /// The browser took the pointer over (a scroll, a system gesture): it is gone without a
    /// release, so its gesture ends with no click and no zoom.
    PointerCancel {
        pointer_id: i32,
    },
    Wheel {
        dx: f64,
        dy: f64,
        x_px: f64,
    },
    /// A key pressed while the chart has focus, by its `KeyboardEvent.key` name.
    Key {
        name: String,
    },
    DoubleClick,
    /// The timer asked for by [`Action::ScheduleOpen`] has run. The delay is the shell's timer
    /// rather than a comparison of timestamps: a browser timer may run a fraction of a millisecond
    /// before `performance.now()` says the delay has passed, and such an open must not be lost.
    ClickTimeout,
}

/// What the shell must do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    /// Show this range on every linked chart.
    Show(Span),
    /// Show the view's home range.
    Reset,
    /// Paint the overlay again: the selection changed.
    RedrawOverlay,
    /// The pointer is gone: drop the crosshair, the shared cursor and the tooltip.
    ClearHover,
    OpenIncident(usize),
    /// Start a timer that sends [`Event::ClickTimeout`] after `delay_ms`, replacing any running one.
    ScheduleOpen {
        delay_ms: u32,
    },
    /// Stop the timer of [`Action::ScheduleOpen`].
    CancelOpen,
    /// Keep the browser from scrolling the page or moving focus.
    PreventDefault,
}

/// The pointer gesture in progress.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Gesture {
    #[default]
    None,
    /// Drag to select a range to zoom to.
    Select { from_px: f64, to_px: f64 },
    /// Drag to pan, from this x and the range shown then.
    Pan { from_px: f64, span: Span },
    /// Two pointers: their distance at the start and the range shown then.
    Pinch { from_distance_px: f64, span: Span },
}

/// Everything a chart remembers between events.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GestureState {
    gesture: Gesture,
    /// Pointers down: id and x.
    pointers: Vec<(i32, f64)>,
    /// How far the pointers have travelled since the last one went down.
    moved_px: f64,
    /// The incident a click will open when its timer runs.
    pending_open: Option<usize>,
}

impl GestureState {
    /// The range being selected, left and right x, while a drag-to-zoom is in progress.
    pub fn selection_px(&self) -> Option<(f64, f64)> {
        match self.gesture {
            Gesture::Select { from_px, to_px } => Some((from_px.min(to_px), from_px.max(to_px))),
            _ => None,
        }
    }
}

/// The state after `event`, and what the shell must do about it.
pub fn step(mut state: GestureState, event: Event, context: &Context) -> (GestureState, Vec<Action>) {
    let actions = match event {
        Event::PointerDown { pointer_id, x_px, shift, touch } => {
            pointer_down(&mut state, context, pointer_id, x_px, shift || touch)
        }
        Event::PointerMove { pointer_id, x_px } => pointer_move(&mut state, context, pointer_id, x_px),
        Event::PointerUp { pointer_id } => pointer_up(&mut state, context, pointer_id),
        Event::PointerLeave => {
            if state.pointers.is_empty() {
                state.gesture = Gesture::None;
                vec![Action::ClearHover]
            } else {
                Vec::new()
            }
        }
        Event::PointerCancel { pointer_id } => {
            state.pointers.retain(|(other, _)| *other != pointer_id);
            state.gesture = Gesture::None;
            let mut actions = vec![Action::RedrawOverlay];
            if state.pointers.is_empty() {
                actions.push(Action::ClearHover);
            }
            actions
        }
        Event::Wheel { dx, dy, x_px } => wheel(context, dx, dy, x_px),
        Event::Key { name } => key(context, &name),
        Event::DoubleClick => {
            let mut actions = Vec::new();
            if state.pending_open.take().is_some() {
                actions.push(Action::CancelOpen);
            }
            if context.linked {
                actions.push(Action::Reset);
            }
            actions
        }
        Event::ClickTimeout => state.pending_open.take().map(Action::OpenIncident).into_iter().collect(),
    };
    (state, actions)
}

fn pointer_down(state: &mut GestureState, context: &Context, id: i32, x_px: f64, pans: bool) -> Vec<Action> {
    state.pointers.retain(|(other, _)| *other != id);
    state.pointers.push((id, x_px));
    state.moved_px = 0.0;
    if context.linked {
        let span = context.visible;
        state.gesture = match state.pointers.as_slice() {
            [(_, a), (_, b)] => Gesture::Pinch { from_distance_px: (a - b).abs().max(1.0), span },
            _ if pans => Gesture::Pan { from_px: x_px, span },
            _ => Gesture::Select { from_px: x_px, to_px: x_px },
        };
    }
    Vec::new()
}

fn pointer_move(state: &mut GestureState, context: &Context, id: i32, x_px: f64) -> Vec<Action> {
    if let Some(pointer) = state.pointers.iter_mut().find(|(other, _)| *other == id) {
        state.moved_px += (pointer.1 - x_px).abs();
        pointer.1 = x_px;
    }
    let Some(x) = context.time_scale else { return Vec::new() };
    let plot_width_px = f64::from((x.right_px - x.left_px).max(1));
    match (state.gesture, state.pointers.as_slice()) {
        (Gesture::Select { from_px, .. }, [_]) => {
            state.gesture = Gesture::Select { from_px, to_px: x_px };
            vec![Action::RedrawOverlay]
        }
        (Gesture::Pan { from_px, span }, [_]) => {
            vec![Action::Show(zoom::pan(span, (from_px - x_px) / plot_width_px, context.bounds))]
        }
        (Gesture::Pinch { from_distance_px, span }, [(_, a), (_, b)]) => {
            // The time under the midpoint as the range was when the pinch began.
            let anchor_ms = TimeScale { span, ..x }.ms_from_px((a + b) / 2.0);
            let factor = from_distance_px / (a - b).abs().max(1.0);
            vec![Action::Show(zoom::zoom(span, factor, anchor_ms, context.bounds))]
        }
        _ => Vec::new(),
    }
}

fn pointer_up(state: &mut GestureState, context: &Context, id: i32) -> Vec<Action> {
    state.pointers.retain(|(other, _)| *other != id);
    let finished = std::mem::take(&mut state.gesture);
    let click = state.moved_px < CLICK_SLOP_CSS_PX * context.dpr;
    let mut actions = Vec::new();
    match (finished, context.time_scale) {
        (Gesture::Select { from_px, to_px }, Some(x)) if !click => {
            let selected = Span::new(x.ms_from_px(from_px.min(to_px)), x.ms_from_px(from_px.max(to_px)));
            actions.push(Action::Show(zoom::fit(selected, context.bounds)));
        }
        _ if click => {
            if let Some(incident) = context.incident {
                state.pending_open = Some(incident);
                actions.push(Action::ScheduleOpen { delay_ms: DOUBLE_CLICK_MS });
            }
        }
        _ => {}
    }
    actions.push(Action::RedrawOverlay);
    actions
}

fn wheel(context: &Context, dx: f64, dy: f64, x_px: f64) -> Vec<Action> {
    let Some(x) = context.time_scale.filter(|_| context.linked) else { return Vec::new() };
    let shown = if dx.abs() > dy.abs() {
        zoom::pan(context.visible, dx / f64::from((x.right_px - x.left_px).max(1)), context.bounds)
    } else {
        let factor = (dy * WHEEL_ZOOM_PER_DELTA).exp();
        zoom::zoom(context.visible, factor, x.ms_from_px(x_px), context.bounds)
    };
    vec![Action::PreventDefault, Action::Show(shown)]
}

fn key(context: &Context, name: &str) -> Vec<Action> {
    if !context.linked {
        return Vec::new();
    }
    let (visible, bounds) = (context.visible, context.bounds);
    let center_ms = visible.start_ms + visible.duration_ms() / 2;
    let action = match name {
        "ArrowLeft" => Action::Show(zoom::pan(visible, -KEY_PAN_FRACTION, bounds)),
        "ArrowRight" => Action::Show(zoom::pan(visible, KEY_PAN_FRACTION, bounds)),
        "+" | "=" => Action::Show(zoom::zoom(visible, KEY_ZOOM_IN_FACTOR, center_ms, bounds)),
        "-" | "_" => Action::Show(zoom::zoom(visible, KEY_ZOOM_OUT_FACTOR, center_ms, bounds)),
        "Escape" => Action::Reset,
        _ => return Vec::new(),
    };
    vec![action, Action::PreventDefault]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The range zoom and pan never leave, and the one shown at first: 4 000 ms per device pixel
    /// across a plot from x = 100 to x = 1100.
    const BOUNDS: Span = Span { start_ms: 0, end_ms: 10_000_000 };
    const HOME: Span = Span { start_ms: 2_000_000, end_ms: 6_000_000 };
    const PLOT_LEFT_PX: i32 = 100;
    const PLOT_RIGHT_PX: i32 = 1100;

    /// The chart a script runs on.
    #[derive(Clone, Copy)]
    struct Chart {
        linked: bool,
        drawn: bool,
        dpr: f64,
        incident: Option<usize>,
    }

    const LINKED: Chart = Chart { linked: true, drawn: true, dpr: 1.0, incident: None };
    const FIXED: Chart = Chart { linked: false, ..LINKED };

    impl Chart {
        fn over_incident(self, incident: usize) -> Chart {
            Chart { incident: Some(incident), ..self }
        }
        fn at_dpr(self, dpr: f64) -> Chart {
            Chart { dpr, ..self }
        }
        fn undrawn(self) -> Chart {
            Chart { drawn: false, ..self }
        }
    }

    fn down(pointer_id: i32, x_px: f64) -> Event {
        Event::PointerDown { pointer_id, x_px, shift: false, touch: false }
    }
    fn shift_down(pointer_id: i32, x_px: f64) -> Event {
        Event::PointerDown { pointer_id, x_px, shift: true, touch: false }
    }
    fn touch_down(pointer_id: i32, x_px: f64) -> Event {
        Event::PointerDown { pointer_id, x_px, shift: false, touch: true }
    }
    fn to(pointer_id: i32, x_px: f64) -> Event {
        Event::PointerMove { pointer_id, x_px }
    }
    fn up(pointer_id: i32) -> Event {
        Event::PointerUp { pointer_id }
    }
    fn wheel(dx: f64, dy: f64, x_px: f64) -> Event {
        Event::Wheel { dx, dy, x_px }
    }
    fn key(name: &str) -> Event {
        Event::Key { name: name.to_string() }
    }
    fn show(start_ms: i64, end_ms: i64) -> Action {
        Action::Show(Span::new(start_ms, end_ms))
    }

    const REDRAW: Action = Action::RedrawOverlay;
    const SCHEDULE: Action = Action::ScheduleOpen { delay_ms: 250 };

    /// Runs `events` from the start state with `HOME` shown, doing what the view does with each
    /// action (and redrawing the axis at once), and returns the final state and every action.
    fn run(chart: Chart, events: &[Event]) -> (GestureState, Vec<Action>) {
        let mut visible = HOME;
        let mut state = GestureState::default();
        let mut all = Vec::new();
        for event in events {
            let context = Context {
                time_scale: chart.drawn.then_some(TimeScale {
                    span: visible,
                    left_px: PLOT_LEFT_PX,
                    right_px: PLOT_RIGHT_PX,
                }),
                visible,
                bounds: BOUNDS,
                linked: chart.linked,
                dpr: chart.dpr,
                incident: chart.incident,
            };
            let (next, actions) = step(state, event.clone(), &context);
            state = next;
            for action in &actions {
                match action {
                    Action::Show(span) => visible = *span,
                    Action::Reset => visible = HOME,
                    _ => {}
                }
            }
            all.extend(actions);
        }
        (state, all)
    }

    fn check(cases: Vec<(&str, Chart, Vec<Event>, Vec<Action>)>) {
        for (label, chart, events, want) in cases {
            let (_, got) = run(chart, &events);
            assert_eq!(got, want, "{label}");
        }
    }

    #[test]
    fn a_drag_zooms_to_the_selection_in_either_direction() {
        check(vec![
            (
                "dragged right from x 300 to 500",
                LINKED,
                vec![down(1, 300.0), to(1, 400.0), to(1, 500.0), up(1)],
                vec![REDRAW, REDRAW, show(2_800_000, 3_600_000), REDRAW],
            ),
            (
                "dragged left from x 500 to 300",
                LINKED,
                vec![down(1, 500.0), to(1, 400.0), to(1, 300.0), up(1)],
                vec![REDRAW, REDRAW, show(2_800_000, 3_600_000), REDRAW],
            ),
            (
                "5 px at dpr 1 is a drag: its 20 s widen to the minimum minute",
                LINKED,
                vec![down(1, 300.0), to(1, 305.0), up(1)],
                vec![REDRAW, show(2_800_000, 2_860_000), REDRAW],
            ),
            (
                "8 px at dpr 2 is a drag",
                LINKED.at_dpr(2.0),
                vec![down(1, 300.0), to(1, 308.0), up(1)],
                vec![REDRAW, show(2_800_000, 2_860_000), REDRAW],
            ),
            (
                "the pointer leaving mid-drag does not end it",
                LINKED,
                vec![down(1, 300.0), to(1, 400.0), Event::PointerLeave, to(1, 500.0), up(1)],
                vec![REDRAW, REDRAW, show(2_800_000, 3_600_000), REDRAW],
            ),
        ]);
    }

    #[test]
    fn a_drag_too_small_is_a_click() {
        check(vec![
            (
                "7.9 px at dpr 2, nothing under the pointer",
                LINKED.at_dpr(2.0),
                vec![down(1, 300.0), to(1, 307.9), up(1)],
                vec![REDRAW, REDRAW],
            ),
            (
                "3 px there and 0.5 back at dpr 1, over incident 3",
                LINKED.over_incident(3),
                vec![down(1, 300.0), to(1, 303.0), to(1, 302.5), up(1), Event::ClickTimeout],
                vec![REDRAW, REDRAW, SCHEDULE, REDRAW, Action::OpenIncident(3)],
            ),
            (
                "a drag ending over an incident does not open it",
                LINKED.over_incident(3),
                vec![down(1, 300.0), to(1, 500.0), up(1), Event::ClickTimeout],
                vec![REDRAW, show(2_800_000, 3_600_000), REDRAW],
            ),
        ]);
    }

    #[test]
    fn shift_drag_and_touch_drag_pan_the_other_way() {
        check(vec![
            (
                "shift-drag right by 100 then 200 px: a tenth then a fifth earlier",
                LINKED,
                vec![shift_down(1, 600.0), to(1, 700.0), to(1, 800.0), up(1)],
                vec![show(1_600_000, 5_600_000), show(1_200_000, 5_200_000), REDRAW],
            ),
            (
                "touch drag right by 100 then 200 px",
                LINKED,
                vec![touch_down(1, 600.0), to(1, 700.0), to(1, 800.0), up(1)],
                vec![show(1_600_000, 5_600_000), show(1_200_000, 5_200_000), REDRAW],
            ),
            (
                "touch drag left by 250 px: a quarter later",
                LINKED,
                vec![touch_down(1, 600.0), to(1, 350.0), up(1)],
                vec![show(3_000_000, 7_000_000), REDRAW],
            ),
            (
                "shift-drag right by 700 px stops at the start of the bounds",
                LINKED,
                vec![shift_down(1, 200.0), to(1, 900.0), up(1)],
                vec![show(0, 4_000_000), REDRAW],
            ),
        ]);
    }

    #[test]
    fn two_pointers_moving_apart_zoom_in_about_their_midpoint() {
        check(vec![
            (
                // Midpoint 600 (4 000 000 ms), distance 200 → 400: half the range.
                "one finger moves away",
                LINKED,
                vec![touch_down(1, 400.0), touch_down(2, 600.0), to(2, 800.0), up(2), up(1)],
                vec![show(3_000_000, 5_000_000), REDRAW, REDRAW],
            ),
            (
                // Distance 200 → 300 about x 450 (3 400 000 ms), then 400 about x 500 (3 600 000
                // ms): each from the range shown when the pinch began.
                "both fingers move apart",
                LINKED,
                vec![touch_down(1, 400.0), touch_down(2, 600.0), to(1, 300.0), to(2, 700.0), up(1), up(2)],
                vec![show(2_466_667, 5_133_333), show(2_800_000, 4_800_000), REDRAW, REDRAW],
            ),
            (
                // Midpoint 500 (3 600 000 ms), distance 400 → 200: twice the range.
                "moving together zooms out about the midpoint",
                LINKED,
                vec![touch_down(1, 400.0), touch_down(2, 800.0), to(2, 600.0), up(2), up(1)],
                vec![show(400_000, 8_400_000), REDRAW, REDRAW],
            ),
        ]);
    }

    #[test]
    fn the_wheel_zooms_about_the_pointer_and_pans_sideways() {
        let ln_2 = std::f64::consts::LN_2;
        check(vec![
            (
                "dy −500·ln 2 at x 600 halves the range about 4 000 000 ms",
                LINKED,
                vec![wheel(0.0, -500.0 * ln_2, 600.0)],
                vec![Action::PreventDefault, show(3_000_000, 5_000_000)],
            ),
            (
                "dy +500·ln 2 at x 600 doubles it",
                LINKED,
                vec![wheel(0.0, 500.0 * ln_2, 600.0)],
                vec![Action::PreventDefault, show(0, 8_000_000)],
            ),
            (
                // exp(0.2) = 1.2214027581601699 about 3 000 000 ms: 1 000 000 ms before it become
                // 1 221 403, 3 000 000 after it 3 664 208.
                "dy 100 at x 350",
                LINKED,
                vec![wheel(0.0, 100.0, 350.0)],
                vec![Action::PreventDefault, show(1_778_597, 6_664_208)],
            ),
            (
                "dx 100 beats dy 10: a tenth of the plot later",
                LINKED,
                vec![wheel(100.0, 10.0, 600.0)],
                vec![Action::PreventDefault, show(2_400_000, 6_400_000)],
            ),
            (
                "dx −250: a quarter earlier",
                LINKED,
                vec![wheel(-250.0, 0.0, 600.0)],
                vec![Action::PreventDefault, show(1_000_000, 5_000_000)],
            ),
            (
                "before the first draw the wheel scrolls the page",
                LINKED.undrawn(),
                vec![wheel(0.0, 100.0, 600.0)],
                vec![],
            ),
        ]);
    }

    #[test]
    fn every_key() {
        let prevent = Action::PreventDefault;
        check(vec![
            ("ArrowLeft", LINKED, vec![key("ArrowLeft")], vec![show(1_600_000, 5_600_000), prevent]),
            ("ArrowRight", LINKED, vec![key("ArrowRight")], vec![show(2_400_000, 6_400_000), prevent]),
            ("+", LINKED, vec![key("+")], vec![show(3_000_000, 5_000_000), prevent]),
            ("=", LINKED, vec![key("=")], vec![show(3_000_000, 5_000_000), prevent]),
            ("-", LINKED, vec![key("-")], vec![show(0, 8_000_000), prevent]),
            ("_", LINKED, vec![key("_")], vec![show(0, 8_000_000), prevent]),
            ("Escape", LINKED, vec![key("Escape")], vec![Action::Reset, prevent]),
            ("+ then Escape", LINKED, vec![key("+"), key("Escape")], {
                vec![show(3_000_000, 5_000_000), prevent, Action::Reset, prevent]
            }),
            ("keys work before the first draw", LINKED.undrawn(), vec![key("ArrowRight")], {
                vec![show(2_400_000, 6_400_000), prevent]
            }),
            ("other keys are left alone", LINKED, vec![key("a"), key("Enter"), key("ArrowUp")], vec![]),
        ]);
    }

    #[test]
    fn a_click_opens_its_incident_only_when_no_second_click_follows() {
        check(vec![
            (
                "the open waits for the 250 ms timer, and happens once",
                LINKED.over_incident(7),
                vec![down(1, 300.0), up(1), Event::ClickTimeout, Event::ClickTimeout],
                vec![SCHEDULE, REDRAW, Action::OpenIncident(7)],
            ),
            (
                "a click away from incidents opens nothing",
                LINKED,
                vec![down(1, 300.0), up(1), Event::ClickTimeout],
                vec![REDRAW],
            ),
            (
                "a double-click cancels the open and resets",
                LINKED.over_incident(7),
                vec![down(1, 300.0), up(1), down(1, 300.0), up(1), Event::DoubleClick, Event::ClickTimeout],
                vec![SCHEDULE, REDRAW, SCHEDULE, REDRAW, Action::CancelOpen, Action::Reset],
            ),
            (
                "a double-click away from incidents only resets",
                LINKED,
                vec![down(1, 300.0), up(1), down(1, 300.0), up(1), Event::DoubleClick],
                vec![REDRAW, REDRAW, Action::Reset],
            ),
        ]);
    }

    #[test]
    fn a_chart_that_is_not_linked_never_zooms_or_pans_but_opens_incidents() {
        let ln_2 = std::f64::consts::LN_2;
        let keys = ["ArrowLeft", "ArrowRight", "+", "=", "-", "_", "Escape"].map(key).to_vec();
        check(vec![
            ("drag", FIXED, vec![down(1, 300.0), to(1, 500.0), up(1)], vec![REDRAW]),
            ("shift-drag", FIXED, vec![shift_down(1, 300.0), to(1, 500.0), up(1)], vec![REDRAW]),
            ("touch drag", FIXED, vec![touch_down(1, 300.0), to(1, 500.0), up(1)], vec![REDRAW]),
            (
                "pinch",
                FIXED,
                vec![touch_down(1, 400.0), touch_down(2, 600.0), to(2, 800.0), up(2), up(1)],
                vec![REDRAW, REDRAW],
            ),
            ("wheel", FIXED, vec![wheel(0.0, -500.0 * ln_2, 600.0), wheel(100.0, 0.0, 600.0)], vec![]),
            ("every key", FIXED, keys, vec![]),
            ("double-click", FIXED, vec![Event::DoubleClick], vec![]),
            (
                "a click over an incident opens it after the timer",
                FIXED.over_incident(2),
                vec![down(1, 300.0), up(1), Event::ClickTimeout],
                vec![SCHEDULE, REDRAW, Action::OpenIncident(2)],
            ),
            (
                "a double-click cancels the open without a reset",
                FIXED.over_incident(2),
                vec![down(1, 300.0), up(1), down(1, 300.0), up(1), Event::DoubleClick, Event::ClickTimeout],
                vec![SCHEDULE, REDRAW, SCHEDULE, REDRAW, Action::CancelOpen],
            ),
        ]);
    }

    #[test]
    fn leaving_clears_the_hover_only_when_no_pointer_is_down() {
        check(vec![
            ("no pointer down", LINKED, vec![Event::PointerLeave], vec![Action::ClearHover]),
            ("a pointer down", LINKED, vec![down(1, 300.0), Event::PointerLeave], vec![]),
            ("after the release", LINKED, vec![down(1, 300.0), up(1), Event::PointerLeave], {
                vec![REDRAW, Action::ClearHover]
            }),
        ]);
    }

    #[test]
    fn a_cancelled_pointer_is_forgotten_without_a_click_or_a_zoom() {
        check(vec![
            (
                "a cancelled drag zooms nothing",
                LINKED,
                vec![down(1, 300.0), to(1, 500.0), Event::PointerCancel { pointer_id: 1 }, up(1)],
                vec![REDRAW, REDRAW, Action::ClearHover, REDRAW],
            ),
            (
                "a cancelled tap opens nothing",
                FIXED.over_incident(2),
                vec![down(1, 300.0), Event::PointerCancel { pointer_id: 1 }, Event::ClickTimeout],
                vec![REDRAW, Action::ClearHover],
            ),
        ]);
        // The next single touch is a pan, not the second finger of a pinch.
        let (state, _) = run(
            LINKED,
            &[touch_down(1, 300.0), Event::PointerCancel { pointer_id: 1 }, touch_down(2, 500.0)],
        );
        assert_eq!(state.pointers, vec![(2, 500.0)], "only the new pointer is down");
        assert!(matches!(state.gesture, Gesture::Pan { .. }), "a one-finger pan: {:?}", state.gesture);
    }

    #[test]
    fn the_selection_is_there_only_while_dragging_to_zoom() {
        let cases = [
            ("dragging left", LINKED, vec![down(1, 500.0), to(1, 300.0)], Some((300.0, 500.0))),
            ("released", LINKED, vec![down(1, 500.0), to(1, 300.0), up(1)], None),
            ("panning", LINKED, vec![shift_down(1, 500.0), to(1, 300.0)], None),
            ("not linked", FIXED, vec![down(1, 500.0), to(1, 300.0)], None),
        ];
        for (label, chart, events, want) in cases {
            let (state, _) = run(chart, &events);
            assert_eq!(state.selection_px(), want, "{label}");
        }
    }
}
