//! Colours. The default palette is colour-blind safe (Okabe–Ito hues for the levels).

use plotters::style::RGBColor;

use crate::model::Level;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub line: RGBColor,
    pub target: RGBColor,
    pub ok: RGBColor,
    pub maintenance: RGBColor,
    pub degraded: RGBColor,
    pub partial: RGBColor,
    pub major: RGBColor,
    pub unknown: RGBColor,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(40, 44, 52),
        grid: RGBColor(226, 230, 236),
        line: RGBColor(0, 114, 178),
        target: RGBColor(120, 120, 120),
        ok: RGBColor(0, 158, 115),
        maintenance: RGBColor(86, 180, 233),
        degraded: RGBColor(240, 228, 66),
        partial: RGBColor(230, 159, 0),
        major: RGBColor(213, 94, 0),
        unknown: RGBColor(190, 190, 190),
    };

    pub fn level(&self, level: Level) -> RGBColor {
        match level {
            Level::Ok => self.ok,
            Level::Maintenance => self.maintenance,
            Level::Degraded => self.degraded,
            Level::Partial => self.partial,
            Level::Major => self.major,
            Level::Unknown => self.unknown,
        }
    }
}
