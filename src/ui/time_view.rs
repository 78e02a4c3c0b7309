//! The time range and cursor that the charts of one view share: zooming or panning any chart
//! moves them all, and hovering one shows the same instant on every other.

use leptos::prelude::*;

use crate::chart::zoom;
use crate::model::{Span, TimeMs};

#[derive(Clone, Copy, Debug)]
pub struct TimeView {
    /// The whole range of the view: zoom and pan never leave it. It moves with the data.
    pub bounds: RwSignal<Span>,
    /// The range shown at first and after a reset.
    pub home: RwSignal<Span>,
    pub visible: RwSignal<Span>,
    /// The instant under the pointer on any chart.
    pub cursor_ms: RwSignal<Option<TimeMs>>,
    /// The clock of axes and tooltips: minutes east of UTC.
    pub utc_offset_minutes: RwSignal<i32>,
    /// Bumped when something every chart draws changes other than its spec (the theme): each
    /// chart redraws.
    pub repaint: RwSignal<u32>,
}

impl TimeView {
    pub fn new(bounds: Span, home: Span, utc_offset_minutes: i32) -> Self {
        let home = zoom::fit(home, bounds);
        TimeView {
            bounds: RwSignal::new(bounds),
            home: RwSignal::new(home),
            visible: RwSignal::new(home),
            cursor_ms: RwSignal::new(None),
            utc_offset_minutes: RwSignal::new(utc_offset_minutes),
            repaint: RwSignal::new(0),
        }
    }

    /// Newer data: the bounds and home move to it. The range shown stays where it is, fitted into
    /// the new bounds; what follows the data (a preset range) is moved by its owner.
    pub fn rebase(&self, bounds: Span, home: Span) {
        let home = zoom::fit(home, bounds);
        if self.bounds.get_untracked() != bounds {
            self.bounds.set(bounds);
        }
        if self.home.get_untracked() != home {
            self.home.set(home);
        }
        self.show(self.visible.get_untracked());
    }

    /// Shows `span`, moved and shrunk to fit the bounds (gestures compute it with
    /// [`crate::chart::gesture`]).
    pub fn show(&self, span: Span) {
        let fitted = zoom::fit(span, self.bounds.get_untracked());
        if fitted != self.visible.get_untracked() {
            self.visible.set(fitted);
        }
    }

    pub fn reset(&self) {
        self.show(self.home.get_untracked());
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
