//! Shields-style flat SVG badges: a grey label and a coloured value, for READMEs and wikis.
//!
//! Contract:
//! - [`badge_svg`] draws one badge, 20 px high, each half as wide as its text plus 5 px either
//!   side. Text widths are estimated from a table of Verdana 11 px advance widths per ASCII
//!   character ([`text_width`]; other characters count as an average Latin letter, or as a full
//!   em from the CJK blocks on), rounded up to the pixel: deterministic, and close to what a
//!   browser draws. Label and value are XML-escaped; the badge has a `<title>` and an
//!   `aria-label` saying `label: value`.
//! - [`status_badge`]: the service's level now (as-of), coloured operational green, maintenance
//!   blue, degraded yellow, partial orange, major red, no data grey.
//! - [`availability_badge`]: the availability over the 30 days before as-of with
//!   [`crate::model::format::format_percent`]'s two decimals (never rounded up to 100 %),
//!   green when it meets the target (the service's SLO, else [`DEFAULT_TARGET`]), yellow when it
//!   misses it by at most as much again (within twice the error budget), red below, grey without
//!   data.
//! - [`service_badges`] gives both for every service, with their file names.

use super::xml_escape;
use crate::analysis::{current_level, Profile, Weights};
use crate::model::format::{format_percent, NO_DATA};
use crate::model::{Level, Snapshot, Span, MS_PER_DAY};

/// The target an availability badge is coloured against when the service has no SLO.
pub const DEFAULT_TARGET: f64 = 0.999;
/// The availability badge's window.
pub const AVAILABILITY_DAYS: i64 = 30;

pub const GREEN: &str = "#4c1";
pub const BLUE: &str = "#007ec6";
pub const YELLOW: &str = "#dfb317";
pub const ORANGE: &str = "#fe7d37";
pub const RED: &str = "#e05d44";
pub const GREY: &str = "#9f9f9f";

/// Verdana 11 px advance widths of the printable ASCII characters, from `' '` to `'~'`.
const VERDANA_11: [f64; 95] = [
    3.87, 4.33, 5.05, 9.0, 7.0, 11.84, 7.99, 2.95, 4.99, 4.99, 7.0, 9.0, 4.0, 4.99, 4.0,
    4.99, // ' '..'/'
    7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, // '0'..'9'
    4.99, 4.99, 9.0, 9.0, 9.0, 6.0, 11.0, // ':'..'@'
    7.52, 7.57, 7.68, 8.48, 6.96, 6.32, 8.53, 8.26, 4.62, 5.0, 7.62, 6.12, 9.27, 8.23, 8.66, 6.63, 8.66, 7.6,
    7.52, 6.78, 8.12, 7.52, 10.89, 7.54, 6.77, 7.54, // 'A'..'Z'
    4.99, 4.99, 4.99, 9.0, 7.0, 7.0, // '['..'`'
    6.61, 6.84, 5.73, 6.84, 6.55, 3.87, 6.84, 6.96, 3.01, 3.79, 6.51, 3.01, 10.7, 6.96, 6.68, 6.84, 6.84,
    4.69, 5.73, 4.33, 6.96, 6.51, 9.0, 6.51, 6.51, 5.77, // 'a'..'z'
    6.98, 4.99, 6.98, 9.0, // '{'..'~'
];

/// The estimated width of `text` in Verdana 11 px; see the module contract.
pub fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            ' '..='~' => VERDANA_11.get(c as usize - 0x20).copied().unwrap_or(7.0),
            c if c >= '\u{2E80}' => 11.0,
            _ => 7.0,
        })
        .sum()
}

/// One flat badge; see the module contract. `color` is a CSS colour such as [`GREEN`].
pub fn badge_svg(label: &str, value: &str, color: &str) -> String {
    let label_w = text_width(label).ceil() as i64 + 10;
    let value_w = text_width(value).ceil() as i64 + 10;
    let width = label_w + value_w;
    let label_x = label_w as f64 / 2.0;
    let value_x = label_w as f64 + value_w as f64 / 2.0;
    let (label, value, color) = (xml_escape(label), xml_escape(value), xml_escape(color));
    format!(
        concat!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"20\" role=\"img\" aria-label=\"{label}: {value}\">",
            "<title>{label}: {value}</title>",
            "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>",
            "<clipPath id=\"r\"><rect width=\"{width}\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>",
            "<g clip-path=\"url(#r)\"><rect width=\"{label_w}\" height=\"20\" fill=\"#555\"/><rect x=\"{label_w}\" width=\"{value_w}\" height=\"20\" fill=\"{color}\"/><rect width=\"{width}\" height=\"20\" fill=\"url(#s)\"/></g>",
            "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" text-rendering=\"geometricPrecision\" font-size=\"11\">",
            "<text aria-hidden=\"true\" x=\"{label_x:.1}\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">{label}</text><text x=\"{label_x:.1}\" y=\"14\">{label}</text>",
            "<text aria-hidden=\"true\" x=\"{value_x:.1}\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">{value}</text><text x=\"{value_x:.1}\" y=\"14\">{value}</text>",
            "</g></svg>\n"
        ),
        width = width,
        label = label,
        value = value,
        color = color,
        label_w = label_w,
        value_w = value_w,
        label_x = label_x,
        value_x = value_x,
    )
}

/// The colour of a level.
pub fn level_color(level: Level) -> &'static str {
    match level {
        Level::Ok => GREEN,
        Level::Maintenance => BLUE,
        Level::Degraded => YELLOW,
        Level::Partial => ORANGE,
        Level::Major => RED,
        Level::Unknown => GREY,
    }
}

/// The badge of a service's level now: `label` and `operational`, `major outage`, `no data`…
pub fn status_badge(label: &str, level: Level) -> String {
    badge_svg(label, &level.label().to_lowercase(), level_color(level))
}

/// The colour of an availability against `target_ratio`; see the module contract.
pub fn availability_color(ratio: Option<f64>, target_ratio: f64) -> &'static str {
    let Some(ratio) = ratio else { return GREY };
    let budget = (1.0 - target_ratio).max(0.0);
    if ratio + 1e-12 >= target_ratio {
        GREEN
    } else if ratio + 1e-12 >= 1.0 - 2.0 * budget {
        YELLOW
    } else {
        RED
    }
}

/// The badge of an availability: `label` and `99.95 %` (or `no data`).
pub fn availability_badge(label: &str, ratio: Option<f64>, target_ratio: f64) -> String {
    let value = ratio.map_or_else(|| NO_DATA.to_string(), |r| format_percent(r, 2));
    badge_svg(label, &value, availability_color(ratio, target_ratio))
}

/// A service id as a file name: letters, digits, `-`, `_` and `.` kept, anything else `_`, and
/// no leading dot.
pub fn file_stem(service_id: &str) -> String {
    let stem: String = service_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' })
        .collect();
    match stem.strip_prefix('.') {
        Some(rest) => format!("_{rest}"),
        None => stem,
    }
}

/// Both badges of every service of `history` as of its `as_of_ms`: (`<id>-status.svg`, SVG) and
/// (`<id>-availability-30d.svg`, SVG), the service id through [`file_stem`].
pub fn service_badges(history: &Snapshot, weights: &Weights) -> Vec<(String, String)> {
    let window = Span::ending_at(history.as_of_ms, AVAILABILITY_DAYS * MS_PER_DAY);
    let mut out = Vec::new();
    for service in &history.services {
        let stem = file_stem(&service.id);
        let level = current_level(history, &service.id);
        out.push((format!("{stem}-status.svg"), status_badge(&service.name, level)));
        let ratio =
            Profile::for_service(history, &service.id, None, weights).totals(window).availability_ratio();
        let target = service.slo.map_or(DEFAULT_TARGET, |slo| slo.target_ratio);
        out.push((
            format!("{stem}-availability-{AVAILABILITY_DAYS}d.svg"),
            availability_badge(&format!("{} {AVAILABILITY_DAYS}d", service.name), ratio, target),
        ));
    }
    out
}

#[cfg(test)]
mod tests;
