//! Shared by the native chart tests: the demo snapshot, test times, and readers of plotters' SVG
//! output (rectangles by fill, text by content, colours as SVG writes them).
#![allow(dead_code)] // each test file uses its own subset

use nines::ingest;
use nines::model::parse_rfc3339_ms;
use nines::model::Snapshot;
use plotters::style::RGBColor;

pub fn demo() -> Snapshot {
    ingest::parse(include_str!("../../public/data/demo.json"), None).expect("demo parses").snapshot
}

pub fn t(text: &str) -> i64 {
    parse_rfc3339_ms(text).expect("test time")
}

/// The `<rect>` elements of `svg` filled with `hex` (e.g. "#D55E00"), as (x, y, width, height).
pub fn rects_filled(svg: &str, hex: &str) -> Vec<(i64, i64, i64, i64)> {
    let attribute = |element: &str, name: &str| -> i64 {
        let start = element.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
        let value: String = element[start..].chars().take_while(|c| *c != '"').collect();
        value.parse::<f64>().expect("number") as i64
    };
    svg.split("<rect")
        .skip(1)
        .map(|rest| &rest[..rest.find("/>").unwrap_or(rest.len())])
        .filter(|element| element.contains(&format!("fill=\"{hex}\"")))
        .map(|e| (attribute(e, "x"), attribute(e, "y"), attribute(e, "width"), attribute(e, "height")))
        .collect()
}

/// Whether `svg` has a `<text>` element reading exactly `label`.
pub fn has_text(svg: &str, label: &str) -> bool {
    svg.contains(&format!(">\n{label}\n</text>"))
}

/// A colour as plotters' SVG backend writes it: `#D55E00`.
pub fn hex(color: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}
