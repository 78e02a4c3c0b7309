//! Native rendering tests: the chart code draws into plotters' SVG backend, and the SVG is
//! checked for the outage rectangles at the right pixels, the labels, and no NaN.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::chart::{self, MinMaxPyramid, SeriesView, Theme};
use nines::model::{Snapshot, Span, MS_PER_DAY};
use plotters::prelude::*;

#[path = "support/svg.rs"]
mod svg;
use svg::{demo, has_text, hex, rects_filled};
#[path = "support/times.rs"]
mod times;
use times::t;

#[test]
fn timeline_marks_the_thursday_outage_where_it_happened() {
    let snapshot = demo();
    let window = Span::ending_at(snapshot.as_of_ms, 30 * MS_PER_DAY);
    let spec = chart::timeline_spec(&snapshot, window, 1.0, false, None);
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
    assert!(has_text(&svg, "Nov 9") && has_text(&svg, "Nov 16"), "weekly ticks on Mondays");
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
    let spec = TimelineSpec {
        span: Span::new(0, 100 * MS_PER_DAY),
        rows: Vec::new(),
        scale: 1.0,
        utc_offset_minutes: 0,
    };
    let mut x = spec.layout(1000).x;
    x.right_px = x.left_px + 100;
    let row = TimelineRow {
        label: "a".into(),
        service_id: "a".into(),
        region: None,
        titles: Vec::new(),
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
        assert_eq!(columns[column].level, level, "column {column}");
    }
}

/// Draws the demo's timeline over the `days` before its as-of time, `width_px` wide.
fn demo_timeline(days: i64, width_px: u32, by_region: bool) -> (Snapshot, chart::TimelineSpec, String) {
    let snapshot = demo();
    let spec = chart::timeline_spec(
        &snapshot,
        Span::ending_at(snapshot.as_of_ms, days * MS_PER_DAY),
        1.0,
        by_region,
        None,
    );
    let mut svg = String::new();
    {
        let area =
            SVGBackend::with_string(&mut svg, (width_px, spec.height_css_px() as u32)).into_drawing_area();
        chart::draw_timeline(&area, &spec, &Theme::LIGHT).expect("drawn");
    }
    (snapshot, spec, svg)
}

#[test]
fn third_party_outages_are_hatched_and_titled_where_there_is_room() {
    let (snapshot, spec, svg) = demo_timeline(7, 1000, false);
    let layout = spec.layout(1000);
    let email = spec.rows.iter().position(|r| r.service_id == "email").expect("email row") as i32;
    let (y0, y1) = (
        layout.top_px + email * layout.row_height_px,
        layout.top_px + email * layout.row_height_px + layout.bar_height_px,
    );
    let (run_x0, run_x1) = (
        layout.x.px_from_ms(t("2026-11-19T13:10:00Z")).floor() as i32,
        layout.x.px_from_ms(t("2026-11-20T14:05:00Z")).ceil() as i32,
    );
    // Hatch lines are white polylines whose points all lie inside the email row's outage.
    let white_lines: Vec<Vec<(i32, i32)>> = svg
        .split("<polyline")
        .skip(1)
        .filter(|e| e.contains("stroke=\"#FFFFFF\""))
        .map(|e| {
            let start = e.find("points=\"").expect("points") + 8;
            let points = &e[start..start + e[start..].find('"').expect("end")];
            points
                .split_whitespace()
                .map(|p| {
                    let (a, b) = p.split_once(',').expect("x,y");
                    (a.parse::<f64>().expect("x") as i32, b.parse::<f64>().expect("y") as i32)
                })
                .collect()
        })
        .collect();
    let in_email_run = |line: &&Vec<(i32, i32)>| {
        line.iter().all(|(x, y)| (run_x0..=run_x1).contains(x) && (y0..=y1).contains(y))
    };
    assert!(white_lines.iter().filter(in_email_run).count() >= 10, "email's third-party outage is hatched");
    // The self-operated SSO incident of the week is not.
    let sso = spec.rows.iter().find(|r| r.service_id == "sso").expect("sso row");
    assert!(sso.segments.iter().all(|s| s.origin != nines::model::Origin::ThirdParty));
    // The incident's title is written on its bar, shortened to the room it has.
    let incident = snapshot.incidents.iter().find(|i| i.id == "MO1221364").expect("MO1221364");
    let title = format!("MO1221364 — {}", incident.title);
    let drawn = svg
        .split("<text")
        .filter_map(|e| e.split('>').nth(1)?.split('<').next())
        .map(str::trim)
        .find(|text| text.starts_with("MO1221364"));
    let drawn = drawn.expect("the title is drawn");
    assert!(drawn.len() < title.len() && drawn.ends_with('…'), "shortened: {drawn:?}");
    // Over 30 days the bar is too narrow for a title.
    let (_, _, svg30) = demo_timeline(30, 1000, false);
    assert!(!svg30.contains("MO1221364"), "no title where there is no room");
}

#[test]
fn rows_split_by_region_and_pixels_hit_the_incident_under_them() {
    let (snapshot, spec, _) = demo_timeline(30, 1000, true);
    let labels: Vec<&str> =
        spec.rows.iter().filter(|r| r.service_id == "email").map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels.len(),
        snapshot.service("email").expect("email").regions.len(),
        "one row per region: {labels:?}"
    );
    let na = spec
        .rows
        .iter()
        .position(|r| r.service_id == "email" && r.region.as_deref() == Some("na"))
        .expect("NA row");
    let eu = spec
        .rows
        .iter()
        .position(|r| r.service_id == "email" && r.region.as_deref() == Some("eu"))
        .expect("EU row");
    let layout = spec.layout(1000);
    let at = |row: usize, time: &str| {
        let x_px = layout.x.px_from_ms(t(time));
        let y_px = f64::from(layout.top_px + row as i32 * layout.row_height_px + 2);
        spec.hit(x_px, y_px, 1000).expect("inside the plot")
    };
    let hit = at(na, "2026-11-19T16:00:00Z");
    assert_eq!(hit.row, na);
    let segment = &spec.rows[na].segments[hit.segment.expect("a segment under the pointer")];
    let incident = &snapshot.incidents[segment.incident.expect("an incident")];
    assert_eq!((incident.id.as_str(), segment.level), ("MO1221364", nines::model::Level::Major));
    assert!((hit.t_ms - t("2026-11-19T16:00:00Z")).abs() <= 30 * MS_PER_DAY / 818, "time within a column");
    // Europe had no outage then.
    assert_eq!(at(eu, "2026-11-19T16:00:00Z").segment, None, "EU is up at that time");
    // Outside the plot (on the labels) nothing is hit.
    assert_eq!(spec.hit(10.0, f64::from(layout.top_px + 2), 1000), None);
}

#[test]
fn curve_pixels_hit_the_point_and_the_outage_under_them() {
    let snapshot = demo();
    let series = snapshot.series.first().expect("a series");
    let window = Span::ending_at(snapshot.as_of_ms, 30 * MS_PER_DAY);
    let spec = chart::curve_spec(&snapshot, series, window, 800, 1.0);
    let x = spec.layout((800, 240)).x;
    let at = x.px_from_ms(t("2026-11-19T16:25:00Z"));
    let (t_ms, value) = spec.point_at(at, 800).expect("a point inside the plot");
    assert!(
        (t_ms - t("2026-11-19T16:25:00Z")).abs() <= window.duration_ms() / 700,
        "the point of that column"
    );
    assert!(value.expect("data") < 1.0, "the rolling figure dips there");
    let outage = spec.outage_at(t_ms).expect("the outage is shaded there");
    assert_eq!(snapshot.incidents[outage.incident.expect("an incident")].id, "MO1221364");
    assert_eq!(spec.outage_at(t("2026-11-10T12:00:00Z")), None, "no outage on Nov 10");
    assert_eq!(spec.point_at(f64::from(x.left_px) - 5.0, 800), None, "left of the plot");
}

#[test]
fn a_stepped_curve_holds_each_value_until_the_next_point() {
    let points = vec![(0, Some(1.0)), (50, Some(0.5)), (100, Some(1.0))];
    let spec = chart::CurveSpec {
        span: Span::new(0, 100),
        points,
        target_ratio: None,
        shaded: Vec::new(),
        stepped: true,
        scale: 1.0,
        utc_offset_minutes: 0,
    };
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (276, 134)).into_drawing_area();
        chart::draw_curve(&area, &spec, &Theme::LIGHT).expect("drawn");
    }
    let layout = spec.layout((276, 134));
    let (x0, x1, x2) = (layout.x.left_px, (layout.x.left_px + layout.x.right_px) / 2, layout.x.right_px);
    let (top, mid) = (layout.y_px(1.0), layout.y_px(0.5));
    let line = hex(Theme::LIGHT.line);
    let curve =
        svg.split("<polyline").find(|e| e.contains(&format!("stroke=\"{line}\""))).expect("the curve");
    let want = format!("{x0},{top} {x1},{top} {x1},{mid} {x2},{mid} {x2},{top}");
    assert!(curve.contains(&want), "steps {want} in {curve}");
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
fn long_series() -> (Vec<f64>, Vec<f32>) {
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
                y as f32
            }
        })
        .collect();
    (xs, ys)
}

fn draw_long_series(pyramid: &MinMaxPyramid, view: SeriesView) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (1920, 600)).into_drawing_area();
        chart::draw_series(&area, pyramid, view, &Theme::LIGHT, true).expect("drawn");
    }
    svg
}

#[test]
fn a_million_points_draw_at_most_four_per_pixel_column_and_keep_their_spike() {
    let (xs, ys) = long_series();
    let x_end = xs.len() as f64 * 60_000.0;
    let view = SeriesView { x_start: 0.0, x_end, y_min: 0.0, y_max: 1.0, scale: 1.0, utc_offset_minutes: 0 };
    let pyramid = MinMaxPyramid::new(xs, ys);
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
        *y = f32::NAN;
    }
    let x_end = xs.len() as f64 * 60_000.0;
    let view = SeriesView { x_start: 0.0, x_end, y_min: 0.0, y_max: 1.0, scale: 1.0, utc_offset_minutes: 0 };
    let pyramid = MinMaxPyramid::new(xs, ys);
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
    let zoomed = SeriesView { x_start: 299_000.0 * 60_000.0, x_end: 302_000.0 * 60_000.0, ..view };
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
    let spec = TimelineSpec {
        span: Span::new(10 * MS_PER_DAY, 110 * MS_PER_DAY),
        rows: Vec::new(),
        scale: 1.0,
        utc_offset_minutes: 0,
    };
    let mut x = spec.layout(1000).x;
    x.right_px = x.left_px + 100;
    let row = TimelineRow {
        label: "a".into(),
        service_id: "a".into(),
        region: None,
        titles: Vec::new(),
        segments: vec![
            segment(0, MS_PER_DAY, Level::Major),
            segment(5 * MS_PER_DAY, 10 * MS_PER_DAY, Level::Partial),
            segment(10 * MS_PER_DAY, 10 * MS_PER_DAY + 1_000, Level::Degraded),
            segment(109 * MS_PER_DAY, 111 * MS_PER_DAY, Level::Maintenance),
            segment(110 * MS_PER_DAY, 111 * MS_PER_DAY, Level::Major),
        ],
    };
    let columns: Vec<Level> = spec.row_columns(&row, &x).iter().map(|c| c.level).collect();
    assert_eq!(columns[0], Level::Degraded, "only the segment inside marks the first column");
    assert_eq!(columns[99], Level::Maintenance, "the segment across the end marks the last column");
    assert!(columns[1..99].iter().all(|l| *l == Level::Ok));
}

#[test]
fn a_service_view_timeline_builds_only_that_services_rows_and_knows_its_height() {
    let snapshot = demo();
    let window = Span::ending_at(snapshot.as_of_ms, 30 * MS_PER_DAY);
    let email_regions = snapshot.service("email").expect("email").regions.len();
    for (label, by_region, only, want_rows) in [
        ("every service", false, None, snapshot.services.len()),
        ("email alone", false, Some("email"), 1),
        ("email by region", true, Some("email"), email_regions),
        ("a service that is not there", true, Some("nowhere"), 0),
    ] {
        let spec = chart::timeline_spec(&snapshot, window, 1.0, by_region, only);
        assert_eq!(spec.rows.len(), want_rows, "{label}: rows");
        assert!(spec.rows.iter().all(|r| only.is_none_or(|id| r.service_id == id)), "{label}: services");
        assert_eq!(
            chart::timeline_height_css_px(&snapshot, by_region, only),
            spec.height_css_px(),
            "{label}: the height without the segments"
        );
        assert_eq!(spec.height_css_px(), 28.0 + 26.0 * want_rows as f64, "{label}: 26 px a row");
    }
}

#[test]
fn the_timeline_csv_never_hands_a_spreadsheet_a_formula() {
    use nines::model::{Level, Origin};
    let row = chart::OutageRow {
        row_label: "=cmd|'/c calc'!A1".into(),
        service_id: "=cmd|'/c calc'!A1".into(),
        region: Some("@eu".into()),
        incident: Some(0),
        incident_id: "+1".into(),
        title: "-2+3, then =HYPERLINK(\"http://x\")".into(),
        level: Level::Major,
        origin: Origin::ThirdParty,
        span: Span::new(0, 90_000),
    };
    assert_eq!(
        chart::timeline_csv(&[row]),
        "service,region,incident,title,level,origin,start,end,duration_minutes\n\
         '=cmd|'/c calc'!A1,'@eu,'+1,\"'-2+3, then =HYPERLINK(\"\"http://x\"\")\",major,third_party,\
         1970-01-01T00:00:00Z,1970-01-01T00:01:30Z,1.5\n"
    );
}

#[test]
fn a_dip_beside_a_one_sample_gap_in_ten_million_points_is_drawn_and_the_gap_kept_blank() {
    let (n, gap) = (10_000_000, 6_180_339);
    let mut ys = vec![1.0f32; n];
    ys[gap] = f32::NAN;
    ys[gap - 2] = 0.0;
    let pyramid = MinMaxPyramid::new((0..n).map(|i| i as f64).collect::<Vec<_>>(), ys);
    // 600 × 240 CSS px at DPR 2: 3 px lines.
    let view = SeriesView {
        x_start: 0.0,
        x_end: n as f64,
        y_min: 0.0,
        y_max: 1.0,
        scale: 2.0,
        utc_offset_minutes: 0,
    };
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (1200, 480)).into_drawing_area();
        chart::draw_series(&area, &pyramid, view, &Theme::LIGHT, true).expect("drawn");
    }
    let rect = view.plot_rect(1200, 480);
    let column = rect.left_px + (gap as f64 / n as f64 * f64::from(rect.right_px - rect.left_px)) as i32;
    // The gap's column is painted with the background over the plot's height and the line's reach.
    let blank = rects_filled(&svg, &hex(Theme::LIGHT.background));
    let reach = 3 + 1;
    let strip = (column, rect.top_px - reach, 1, rect.bottom_px - rect.top_px + 2 * reach);
    let strip = (i64::from(strip.0), i64::from(strip.1), i64::from(strip.2), i64::from(strip.3));
    assert_eq!(blank.iter().filter(|r| r.2 == 1).collect::<Vec<_>>(), vec![&strip], "at {column}");
    // The dip, two samples before the gap in the same column, is in the column to its left: the
    // band reaches the bottom (y 0 at the plot's bottom, plus 2 px of line) from one column
    // further left.
    let bottom = rect.bottom_px + 2;
    let polygons: Vec<&str> = svg.split("<polygon").skip(1).collect();
    assert!(polygons.iter().any(|p| p.contains(&format!(" {},{bottom} ", column - 2))), "no dip at {column}");
    assert_eq!(svg.matches(&format!(",{bottom} ")).count(), 2, "one dip: one step down and back");
}

#[test]
fn stroked_only_the_same_series_has_no_bands() {
    let pyramid = MinMaxPyramid::new((0..100_000).map(f64::from).collect::<Vec<_>>(), vec![1.0; 100_000]);
    let view =
        SeriesView { x_start: 0.0, x_end: 1e5, y_min: 0.0, y_max: 1.0, scale: 1.0, utc_offset_minutes: 0 };
    let rect = view.plot_rect(800, 240);
    assert_eq!(chart::line_shapes(&pyramid, &view, &rect, 2, true).bands.len(), 1);
    let stroked = chart::line_shapes(&pyramid, &view, &rect, 2, false);
    assert!(stroked.bands.is_empty() && stroked.strokes.len() == 1, "{:?}", stroked.strokes.len());
}
