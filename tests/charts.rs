//! Native rendering tests: the chart code draws into plotters' SVG backend, and the SVG is
//! checked for the outage rectangles at the right pixels, the labels, and no NaN.

use nines::chart::{self, Theme};
use nines::ingest;
use nines::model::timefmt::parse_rfc3339_ms;
use nines::model::{Snapshot, Span, MS_PER_DAY};
use plotters::prelude::*;

fn demo() -> Snapshot {
    ingest::parse(include_str!("../public/data/demo.json"), None).expect("demo parses").snapshot
}

fn t(text: &str) -> i64 {
    parse_rfc3339_ms(text).expect("test time")
}

/// The `<rect>` elements of `svg` filled with `hex` (e.g. "#D55E00"), as (x, y, width, height).
fn rects_filled(svg: &str, hex: &str) -> Vec<(i64, i64, i64, i64)> {
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
fn has_text(svg: &str, label: &str) -> bool {
    svg.contains(&format!(">\n{label}\n</text>"))
}

fn hex(color: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

#[test]
fn timeline_marks_the_thursday_outage_where_it_happened() {
    let snapshot = demo();
    let window = Span::ending_at(snapshot.as_of_ms, 30 * MS_PER_DAY);
    let spec = chart::timeline_spec(&snapshot, window, 1.0);
    let (width_px, height_px) = (1000u32, spec.height_css_px() as u32);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width_px, height_px)).into_drawing_area();
        chart::draw_timeline(&area, &spec, &Theme::LIGHT).expect("drawn");
    }
    let layout = spec.layout(width_px);
    let major = rects_filled(&svg, &hex(Theme::LIGHT.major));
    // Email, the suite and the network provider share MO1221364's major phase; nothing else is
    // major in the last 30 days.
    assert_eq!(major.len(), 3, "one major run per affected row: {major:?}");
    let start_x = layout.x.px_from_ms(t("2026-11-19T13:10:00Z")).floor() as i64;
    let end_x = layout.x.px_from_ms(t("2026-11-19T19:40:00Z")).ceil() as i64;
    let rows_y: Vec<i64> = ["Email", "Cloud productivity suite", "Network & CDN provider"]
        .iter()
        .map(|name| {
            let index = spec.rows.iter().position(|r| r.label == *name).expect("row") as i32;
            i64::from(layout.top_px + index * layout.row_height_px)
        })
        .collect();
    for (x, y, width, height) in &major {
        assert_eq!(*x, start_x, "major run starts at 13:10 Thursday");
        assert!((x + width - end_x).abs() <= 1, "major run ends at 19:40: {x}+{width} vs {end_x}");
        assert!(rows_y.contains(y), "major run in an affected row: y={y}");
        assert_eq!(*height, i64::from(layout.bar_height_px));
    }
    // The partial phase follows on the same rows, up to Friday 14:05.
    let partial = rects_filled(&svg, &hex(Theme::LIGHT.partial));
    let email_partial = partial.iter().find(|r| r.1 == rows_y[0]).expect("email partial run");
    let friday_x = layout.x.px_from_ms(t("2026-11-20T14:05:00Z")).ceil() as i64;
    assert!(
        (email_partial.0 - end_x).abs() <= 1 && (email_partial.0 + email_partial.2 - friday_x).abs() <= 1
    );
    assert!(has_text(&svg, "Email") && has_text(&svg, "Cloud productivity suite"), "row labels");
    assert!(has_text(&svg, "Nov 19"), "a day tick at the outage");
    assert!(!svg.contains("NaN"), "no NaN coordinates");
}

#[test]
fn curve_dips_at_the_outage_and_shows_its_scale() {
    let snapshot = demo();
    let window = Span::ending_at(snapshot.as_of_ms, 30 * MS_PER_DAY);
    let series = snapshot.series.first().expect("a series");
    assert_eq!((series.service.as_str(), series.region.as_deref()), ("email", Some("na")));
    let spec = chart::curve_spec(&snapshot, series, window, 800, 1.0);
    let lowest = spec.points.iter().filter_map(|(_, v)| *v).fold(1.0f64, f64::min);
    // The 24 h window ending Friday ~13:10 holds 390 min down and ~1050 min at 0.6.
    assert!(lowest < 0.5, "the curve dips below 50 %: {lowest}");
    assert_eq!(spec.y_floor_ratio(), 0.0, "a dip that deep shows the whole scale");
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, 240)).into_drawing_area();
        chart::draw_curve(&area, &spec, &Theme::LIGHT).expect("drawn");
    }
    assert!(has_text(&svg, "100 %") && has_text(&svg, "50 %"), "percent labels");
    assert!(!svg.contains("NaN"));
    // The outage is shaded behind the curve (major, at 22 % opacity).
    let shaded = rects_filled(&svg, &hex(Theme::LIGHT.major));
    assert_eq!(shaded.len(), 1, "{shaded:?}");
    let polylines = svg.matches("<polyline").count() + svg.matches("<path").count();
    assert!(polylines >= 1, "the curve is drawn");
}

#[test]
fn curve_zooms_to_the_nines_when_nothing_dips() {
    let snapshot = demo();
    // Email in Europe: one 26-minute degraded blip in 30 days.
    let series = snapshot.series.iter().find(|s| s.region.as_deref() == Some("eu")).expect("eu series");
    let window = Span::ending_at(snapshot.as_of_ms, 30 * MS_PER_DAY);
    let spec = chart::curve_spec(&snapshot, series, window, 600, 1.0);
    let floor = spec.y_floor_ratio();
    assert!(floor >= 0.98, "the axis starts near the top: {floor}");
}

#[test]
fn long_labels_are_shortened() {
    assert_eq!(chart::short_label("Email"), "Email");
    assert_eq!(chart::short_label("A very long service name indeed, really"), "A very long service nam…");
}

#[test]
fn a_pixel_column_shows_its_worst_known_level_and_never_ok_over_missing_data() {
    use nines::analysis::LevelSegment;
    use nines::chart::{TimelineRow, TimelineSpec};
    use nines::model::{Level, Origin};
    let segment = |start_ms: i64, end_ms: i64, level| LevelSegment {
        span: Span::new(start_ms, end_ms),
        level,
        incident: None,
        origin: Origin::Unknown,
    };
    // 100 days on 100 columns: one column per day.
    let spec = TimelineSpec { span: Span::new(0, 100 * MS_PER_DAY), rows: Vec::new(), scale: 1.0 };
    let mut x = spec.layout(1000).x;
    x.right_px = x.left_px + 100;
    let row = TimelineRow {
        label: "a".into(),
        segments: vec![
            segment(0, MS_PER_DAY, Level::Unknown),
            segment(MS_PER_DAY / 2, MS_PER_DAY / 2 + 60_000, Level::Major),
            segment(3 * MS_PER_DAY, 3 * MS_PER_DAY + 1_000, Level::Unknown),
            segment(5 * MS_PER_DAY + 10, 5 * MS_PER_DAY + 20, Level::Degraded),
        ],
    };
    let columns = spec.row_columns(&row, &x);
    let want = [(0, Level::Major), (1, Level::Ok), (3, Level::Unknown), (5, Level::Degraded), (6, Level::Ok)];
    for (column, level) in want {
        assert_eq!(columns[column], level, "column {column}");
    }
}

/// The points of every `<polyline>` of `svg` stroked with `hex` and of every `<polygon>` filled
/// with it, one list per element.
fn shapes_in(svg: &str, hex: &str) -> Vec<Vec<(i64, i64)>> {
    let polylines = svg.split("<polyline").skip(1).map(|rest| (rest, format!("stroke=\"{hex}\"")));
    let polygons = svg.split("<polygon").skip(1).map(|rest| (rest, format!("fill=\"{hex}\"")));
    polylines
        .chain(polygons)
        .map(|(rest, colour)| (&rest[..rest.find("/>").unwrap_or(rest.len())], colour))
        .filter(|(element, colour)| element.contains(colour.as_str()))
        .map(|(element, _)| {
            let start = element.find(" points=\"").expect("points") + 9;
            let points: String = element[start..].chars().take_while(|c| *c != '"').collect();
            points
                .split_whitespace()
                .map(|pair| {
                    let (x, y) = pair.split_once(',').expect("x,y");
                    (x.parse().expect("x"), y.parse().expect("y"))
                })
                .collect()
        })
        .collect()
}

/// A million one-minute samples of an availability-like random walk between 0.95 and 1, with a
/// dip to 0.2 at sample 654,321.
fn long_series() -> (Vec<f64>, Vec<f64>) {
    let n = 1_000_000usize;
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut y = 0.99f64;
    let xs = (0..n).map(|i| i as f64 * 60_000.0).collect();
    let ys = (0..n)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            y = (y + ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 0.002).clamp(0.95, 1.0);
            if i == 654_321 {
                0.2
            } else {
                y
            }
        })
        .collect();
    (xs, ys)
}

fn draw_long_series(pyramid: &chart::MinMaxPyramid, view: chart::SeriesView) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (1920, 600)).into_drawing_area();
        chart::draw_series(&area, pyramid, view, &Theme::LIGHT).expect("drawn");
    }
    svg
}

#[test]
fn a_million_points_draw_at_most_four_per_pixel_column_and_keep_their_spike() {
    let (xs, ys) = long_series();
    let x_end = xs.len() as f64 * 60_000.0;
    let view = chart::SeriesView { x_start: 0.0, x_end, y_min: 0.0, y_max: 1.0, scale: 1.0 };
    let pyramid = chart::MinMaxPyramid::new(xs, ys);
    let svg = draw_long_series(&pyramid, view);
    let rect = view.plot_rect(1920, 600);
    let width_px = (rect.right_px - rect.left_px) as usize;
    let shapes = shapes_in(&svg, &hex(Theme::LIGHT.line));
    assert_eq!(shapes.len(), 1, "one unbroken line");
    let points: Vec<(i64, i64)> = shapes.concat();
    assert!(points.len() <= 4 * width_px, "{} points for {width_px} columns", points.len());
    // The spike's column (654,321 of 1,000,000 samples) reaches the spike's y (the line's half
    // width further), and nothing else does.
    let spike_x = i64::from(rect.left_px) + (654_321 * width_px / 1_000_000) as i64;
    let spike_y = i64::from(view.y_px(&rect, 0.2));
    let lowest = points.iter().map(|p| p.1).max().expect("points");
    assert!(
        (spike_y..=spike_y + 1).contains(&lowest),
        "the lowest point is the spike: {lowest} vs {spike_y}"
    );
    let at_spike: Vec<i64> = points.iter().filter(|p| p.1 >= spike_y).map(|p| p.0).collect();
    assert!(
        !at_spike.is_empty() && at_spike.iter().all(|x| (spike_x - 1..=spike_x + 1).contains(x)),
        "{at_spike:?}"
    );
    // Every column is drawn: the line's pixels span the plot.
    let xs = points.iter().map(|p| p.0);
    assert_eq!((xs.clone().min(), xs.max()), (Some(i64::from(rect.left_px)), Some(i64::from(rect.right_px))));
    assert!(points.iter().all(|(x, y)| {
        (i64::from(rect.left_px)..=i64::from(rect.right_px)).contains(x)
            && (i64::from(rect.top_px) - 2..=i64::from(rect.bottom_px) + 2).contains(y)
    }));
    assert!(!svg.contains("NaN"), "no NaN coordinates");
    assert!(has_text(&svg, "1.00") && has_text(&svg, "0.50"), "y labels");
}

#[test]
fn a_gap_in_a_million_points_splits_the_line_in_two() {
    let (xs, mut ys) = long_series();
    for y in &mut ys[300_000..300_500] {
        *y = f64::NAN;
    }
    let x_end = xs.len() as f64 * 60_000.0;
    let view = chart::SeriesView { x_start: 0.0, x_end, y_min: 0.0, y_max: 1.0, scale: 1.0 };
    let pyramid = chart::MinMaxPyramid::new(xs, ys);
    let svg = draw_long_series(&pyramid, view);
    assert!(!svg.contains("NaN"), "no NaN coordinates");
    let paths = shapes_in(&svg, &hex(Theme::LIGHT.line));
    assert_eq!(paths.len(), 2, "the gap splits the line");
    let rect = view.plot_rect(1920, 600);
    let width_px = (rect.right_px - rect.left_px) as usize;
    let gap_x = i64::from(rect.left_px) + (300_000 * width_px / 1_000_000) as i64;
    let (before, after) = (&paths[0], &paths[1]);
    // The gap's columns (553 and 554 of the plot) are left out and leave a blank pixel column
    // (a shape's x is a pixel edge, and the 2-pixel line reaches one pixel beyond its columns).
    let before_end = before.iter().map(|p| p.0).max().expect("points");
    let after_start = after.iter().map(|p| p.0).min().expect("points");
    assert_eq!(before_end, gap_x, "the line stops at the gap");
    assert!(after_start > before_end, "a blank between {before_end} and {after_start}");
    // Zoomed in on the gap, the line stops and resumes where the data does.
    let zoomed = chart::SeriesView { x_start: 299_000.0 * 60_000.0, x_end: 302_000.0 * 60_000.0, ..view };
    let paths = shapes_in(&draw_long_series(&pyramid, zoomed), &hex(Theme::LIGHT.line));
    assert_eq!(paths.len(), 2);
    let gap_start_x = i64::from(rect.left_px) + (1_000 * width_px / 3_000) as i64;
    let gap_end_x = i64::from(rect.left_px) + (1_500 * width_px / 3_000) as i64;
    let last_before = paths[0].iter().map(|p| p.0).max().expect("points");
    let first_after = paths[1].iter().map(|p| p.0).min().expect("points");
    assert!((gap_start_x - 2..gap_start_x).contains(&last_before), "{last_before} vs {gap_start_x}");
    assert!((gap_end_x..gap_end_x + 2).contains(&first_after), "{first_after} vs {gap_end_x}");
}

#[test]
fn segments_outside_the_span_mark_no_column() {
    use nines::analysis::LevelSegment;
    use nines::chart::{TimelineRow, TimelineSpec};
    use nines::model::{Level, Origin};
    let segment = |start_ms: i64, end_ms: i64, level| LevelSegment {
        span: Span::new(start_ms, end_ms),
        level,
        incident: None,
        origin: Origin::Unknown,
    };
    // Days 10 to 110 on 100 columns.
    let spec =
        TimelineSpec { span: Span::new(10 * MS_PER_DAY, 110 * MS_PER_DAY), rows: Vec::new(), scale: 1.0 };
    let mut x = spec.layout(1000).x;
    x.right_px = x.left_px + 100;
    let row = TimelineRow {
        label: "a".into(),
        segments: vec![
            segment(0, MS_PER_DAY, Level::Major),
            segment(5 * MS_PER_DAY, 10 * MS_PER_DAY, Level::Partial),
            segment(10 * MS_PER_DAY, 10 * MS_PER_DAY + 1_000, Level::Degraded),
            segment(109 * MS_PER_DAY, 111 * MS_PER_DAY, Level::Maintenance),
            segment(110 * MS_PER_DAY, 111 * MS_PER_DAY, Level::Major),
        ],
    };
    let columns = spec.row_columns(&row, &x);
    assert_eq!(columns[0], Level::Degraded, "only the segment inside marks the first column");
    assert_eq!(columns[99], Level::Maintenance, "the segment across the end marks the last column");
    assert!(columns[1..99].iter().all(|l| *l == Level::Ok));
}
