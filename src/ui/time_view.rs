//! The time range and cursor that the charts of one view share: zooming or panning any chart
//! moves them all, and hovering one shows the same instant on every other.

use leptos::prelude::*;

use crate::chart::zoom;
use crate::model::{Span, TimeMs};

#[derive(Clone, Copy, Debug)]
pub struct TimeView {
    /// The whole range of the view: zoom and pan never leave it.
    pub bounds: Span,
    /// The range shown at first and after a reset.
    pub home: Span,
    pub visible: RwSignal<Span>,
    /// The instant under the pointer on any chart.
    pub cursor_ms: RwSignal<Option<TimeMs>>,
    /// The clock of axes and tooltips: minutes east of UTC.
    pub utc_offset_minutes: RwSignal<i32>,
    /// Bumped when something every chart draws changes other than the range or clock (the theme,
    /// a drawing option): each chart redraws.
    pub repaint: RwSignal<u32>,
}

impl TimeView {
    pub fn new(bounds: Span, home: Span, utc_offset_minutes: i32) -> Self {
        let home = zoom::fit(home, bounds);
        TimeView {
            bounds,
            home,
            visible: RwSignal::new(home),
            cursor_ms: RwSignal::new(None),
            utc_offset_minutes: RwSignal::new(utc_offset_minutes),
            repaint: RwSignal::new(0),
        }
    }

    /// Shows `span`, moved and shrunk to fit the bounds (gestures compute it with
    /// [`crate::chart::gesture`]).
    pub fn show(&self, span: Span) {
        let fitted = zoom::fit(span, self.bounds);
        if fitted != self.visible.get_untracked() {
            self.visible.set(fitted);
        }
    }

    pub fn reset(&self) {
        self.show(self.home);
    }

    /// Asks every chart to draw again.
    pub fn repaint(&self) {
        self.repaint.update(|n| *n = n.wrapping_add(1));
    }
}

/// The browser's current offset from UTC, in minutes east (UTC+1 is 60).
pub fn local_utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset().round() as i32)
}
