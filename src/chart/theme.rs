//! Colours. The default palette is colour-blind safe (Okabe–Ito hues for the levels). In the
//! browser every colour comes from a CSS custom property (see [`Theme::CSS_VARIABLES`]), so the
//! stylesheet's light and dark themes reach the canvas; anything missing or unreadable keeps the
//! built-in colour.

use plotters::style::RGBColor;

use crate::model::Level;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub line: RGBColor,
    pub target: RGBColor,
    /// Text written on a level's fill (incident titles on the timeline).
    pub on_level: RGBColor,
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
        on_level: RGBColor(20, 20, 20),
        ok: RGBColor(0, 158, 115),
        maintenance: RGBColor(86, 180, 233),
        degraded: RGBColor(240, 228, 66),
        partial: RGBColor(230, 159, 0),
        major: RGBColor(213, 94, 0),
        unknown: RGBColor(190, 190, 190),
    };

    /// The CSS custom properties a theme reads, in field order (see [`Theme::with_css`]).
    pub const CSS_VARIABLES: [&'static str; 12] = [
        "--chart-background",
        "--chart-text",
        "--chart-grid",
        "--chart-line",
        "--chart-target",
        "--chart-on-level",
        "--fill-ok",
        "--fill-maintenance",
        "--fill-degraded",
        "--fill-partial",
        "--fill-major",
        "--fill-unknown",
    ];

    /// This theme with each colour replaced by `lookup(variable)` where that reads as a colour
    /// (`#rgb`, `#rrggbb`, `rgb(r, g, b)`).
    pub fn with_css(&self, lookup: impl Fn(&str) -> Option<String>) -> Theme {
        let mut theme = *self;
        let fields: [&mut RGBColor; 12] = [
            &mut theme.background,
            &mut theme.text,
            &mut theme.grid,
            &mut theme.line,
            &mut theme.target,
            &mut theme.on_level,
            &mut theme.ok,
            &mut theme.maintenance,
            &mut theme.degraded,
            &mut theme.partial,
            &mut theme.major,
            &mut theme.unknown,
        ];
        for (field, name) in fields.into_iter().zip(Self::CSS_VARIABLES) {
            if let Some(color) = lookup(name).as_deref().and_then(parse_css_color) {
                *field = color;
            }
        }
        theme
    }

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

/// `#rgb`, `#rrggbb` or `rgb(r, g, b)` / `rgba(r, g, b, a)` (alpha ignored), as computed styles
/// give them; `None` otherwise.
pub fn parse_css_color(text: &str) -> Option<RGBColor> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        let digit = |i: usize| hex.get(i..i + 1).and_then(|d| u8::from_str_radix(d, 16).ok());
        let pair = |i: usize| hex.get(i..i + 2).and_then(|d| u8::from_str_radix(d, 16).ok());
        return match hex.len() {
            3 => Some(RGBColor(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(RGBColor(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        };
    }
    let inner = text.strip_prefix("rgba(").or_else(|| text.strip_prefix("rgb("))?.strip_suffix(')')?;
    let mut parts = inner.split([',', ' ', '/']).filter(|p| !p.is_empty()).map(|p| p.parse::<f64>().ok());
    let mut channel =
        || parts.next().flatten().filter(|v| (0.0..=255.0).contains(v)).map(|v| v.round() as u8);
    Some(RGBColor(channel()?, channel()?, channel()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_colours_are_read_in_the_forms_browsers_give() {
        let cases = [
            ("#d55e00", Some(RGBColor(213, 94, 0))),
            (" #FFF ", Some(RGBColor(255, 255, 255))),
            ("rgb(0, 158, 115)", Some(RGBColor(0, 158, 115))),
            ("rgba(1, 2, 3, 0.5)", Some(RGBColor(1, 2, 3))),
            ("rgb(1 2 3 / 50%)", Some(RGBColor(1, 2, 3))),
            ("#12345", None),
            ("red", None),
            ("rgb(300, 0, 0)", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_css_color(text), want, "{text:?}");
        }
    }

    #[test]
    fn css_variables_override_only_what_they_name() {
        let theme = Theme::LIGHT.with_css(|name| match name {
            "--chart-background" => Some("#101418".into()),
            "--fill-major" => Some("not a colour".into()),
            _ => None,
        });
        assert_eq!(theme.background, RGBColor(16, 20, 24));
        assert_eq!(theme.major, Theme::LIGHT.major, "unreadable keeps the default");
        assert_eq!(theme.text, Theme::LIGHT.text);
    }
}
