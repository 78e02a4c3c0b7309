//! Native tests of the uptime bars and the error-budget burn-down: figures against the demo's
//! hand-computed outage, the bars' rectangles in plotters' SVG output, the tooltips, and the CSV.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::analysis::{slo_report, Profile, SloWindow, Weights};
use nines::chart::{self, Theme, UptimeBarsSpec, BURNDOWN_CSV_HEADER, UPTIME_BARS_CSV_HEADER};
use nines::model::{Level, MS_PER_MINUTE};
use plotters::prelude::*;

#[path = "support/svg.rs"]
mod svg;
use svg::{demo, has_text, hex, rects_filled};
#[path = "support/times.rs"]
mod times;
use times::t;

const MIN: f64 = MS_PER_MINUTE as f64;

fn bars_svg(spec: &UptimeBarsSpec, width_px: u32, height_px: u32) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width_px, height_px)).into_drawing_area();
        chart::draw_uptime_bars(&area, spec, &Theme::LIGHT).expect("drawn");
    }
    svg
}

/// Splits RFC 4180 CSV into records of fields (quoted fields may hold commas, quotes, newlines).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn email_thursday_bar_holds_the_outage_by_hand() {
    let snapshot = demo();
    // As of 2026-11-23T00:00Z the last bar is Sunday 22 November; 90 bars start on 25 August
    // (7 August days + 30 + 31 + 18 = 86 bars before the 19th), exactly the demo's coverage.
    let spec =
        chart::uptime_bars_spec(&snapshot, "email", None, &Weights::STRICT, snapshot.as_of_ms, 90, 0, 1.0);
    assert_eq!(spec.bars.len(), 90, "90 bars");
    assert_eq!(spec.bars[0].span.start_ms, t("2026-08-25T00:00:00Z"), "first bar");
    let thursday = 86;
    let bar = &spec.bars[thursday];
    assert_eq!(bar.span.start_ms, t("2026-11-19T00:00:00Z"), "bar 86 is the 19th");
    // MO1221364 (na, which counts for email everywhere): major 13:10–19:40 = 390 min, then partial
    // from 19:40 to midnight = 260 min. Strict weights count partial fully: 650 min down of 1440.
    assert!((bar.down_ms - 650.0 * MIN).abs() < 1e-6, "650 min down: {}", bar.down_ms / MIN);
    assert!((bar.counted_ms - 1440.0 * MIN).abs() < 1e-6 && bar.coverage_ratio == 1.0, "a whole known day");
    assert_eq!(bar.worst_level, Level::Major, "the day's worst level");
    // Friday: partial from midnight to 14:05 = 845 min, coloured partial.
    let friday = &spec.bars[thursday + 1];
    assert!((friday.down_ms - 845.0 * MIN).abs() < 1e-6 && friday.fill_level() == Level::Partial, "Friday");
    // EX1187402 (4 November) is degraded, which strict weights do not count: its day is all up.
    let degraded = &spec.bars[71];
    assert_eq!((degraded.down_ms, degraded.worst_level, degraded.incidents.len()), (0.0, Level::Degraded, 1));
    let incidents: Vec<(&str, i64)> = bar.incidents.iter().map(|i| (i.id.as_str(), i.overlap_ms)).collect();
    assert_eq!(incidents, vec![("MO1221364", 650 * MS_PER_MINUTE)], "the day's incident and its share");

    // The tooltip: date, availability 1 − 650/1440 = 54.861 % (floored to 54.86), exact downtime,
    // and the incident with its share of the day out of its 24 h 55 min (13:10 to 14:05 next day).
    let want = vec![
        "Thu 2026-11-19 (UTC)",
        "Availability 54.86 %",
        "Downtime 10 h 50 min",
        "MO1221364 — Users in North America can't send or receive email (10 h 50 min of 24 h 55 min)",
    ];
    assert_eq!(spec.tooltip(thursday), want, "tooltip");
    assert!(spec.tooltip(90).is_empty(), "no tooltip past the last day");

    // In the SVG the major part of the 19th's bar sits at that bar's x, at the top (the day is
    // fully known), 650/1440 of the bar's height tall.
    let (width_px, height_px) = (904u32, 200u32);
    let svg = bars_svg(&spec, width_px, height_px);
    let layout = spec.layout(width_px, height_px);
    let (x0, x1) = spec.bar_x_range(thursday, width_px).expect("bar 86");
    let major = rects_filled(&svg, &hex(Theme::LIGHT.major));
    assert_eq!(major.len(), 1, "only the 19th has major downtime: {major:?}");
    let (x, y, width, height) = major[0];
    assert_eq!((x, width), (i64::from(x0), i64::from(x1 - x0)), "at the 19th's bar");
    assert_eq!(y, i64::from(layout.top_px), "at the top of the bar");
    let want_height = 650.0 / 1440.0 * f64::from(layout.bottom_px - layout.top_px);
    assert!((height as f64 - want_height).abs() <= 1.0, "height {height} vs {want_height}");
    assert_eq!(spec.day_at(f64::from(x0) + 0.5, width_px), Some(thursday), "hit testing finds the 19th");
    assert!(has_text(&svg, "90 days ago") && has_text(&svg, "today"), "labels under the bars");
    // Over the 90 days: 650 + 845 = 1495 min down of 129,600: 98.846 % → "98.84 %".
    assert!(has_text(&svg, "98.84 %"), "period availability at the right");
    assert!(!svg.contains("NaN"), "no NaN");
}

#[test]
fn days_before_the_coverage_draw_grey() {
    let snapshot = demo();
    // 100 days: the first 10 (15 to 24 August) lie before the coverage starts on the 25th.
    let spec =
        chart::uptime_bars_spec(&snapshot, "email", None, &Weights::STRICT, snapshot.as_of_ms, 100, 0, 1.0);
    let (width_px, height_px) = (1000u32, 120u32);
    let svg = bars_svg(&spec, width_px, height_px);
    let layout = spec.layout(width_px, height_px);
    let grey = rects_filled(&svg, &hex(Theme::LIGHT.unknown));
    for day in 0..10 {
        let (x0, _) = spec.bar_x_range(day, width_px).expect("bar");
        let full = (i64::from(layout.top_px), i64::from(layout.bottom_px - layout.top_px));
        assert!(
            grey.iter().any(|r| r.0 == i64::from(x0) && (r.1, r.3) == full),
            "day {day} is a full grey bar"
        );
        assert_eq!(spec.tooltip(day).get(1).map(String::as_str), Some("No data"), "day {day} reads no data");
    }
    assert_eq!(grey.len(), 10, "and nothing else is grey");
    assert_eq!(spec.table_rows()[0][1], "no data");
    assert!(has_text(&svg, "100 days ago") && !svg.contains("NaN"));
    // The CSV leaves a day without data empty rather than 100 %.
    let csv = parse_csv(&spec.to_csv());
    assert_eq!(csv[1], vec!["2026-08-15", "", "", "0.00", ""], "a day before the coverage");
}

#[test]
fn csv_has_a_header_and_one_row_per_day() {
    let snapshot = demo();
    let spec =
        chart::uptime_bars_spec(&snapshot, "email", None, &Weights::STRICT, snapshot.as_of_ms, 90, 0, 1.0);
    let csv = parse_csv(&spec.to_csv());
    assert_eq!(csv.len(), 91, "header and 90 days");
    assert_eq!(csv[0].join(","), UPTIME_BARS_CSV_HEADER);
    // 1 − 650/1440 = 0.548611…; 650 min; fully covered.
    let thursday = &csv[87];
    assert_eq!(&thursday[..4], ["2026-11-19", "54.861111", "650.0000", "100.00"], "the 19th");
    assert!(thursday[4].starts_with("MO1221364 — Users in North America"), "{thursday:?}");
    let rows = spec.table_rows();
    for (record, row) in csv.iter().skip(1).zip(&rows) {
        assert_eq!((&record[0], &record[4]), (&row[0], &row[3]), "CSV and table agree");
    }
}

/// Service "a" over 1–3 November 2026, down for 10 seconds on the 2nd under a title that needs
/// quoting in CSV.
const BLIP: &str = r#"{"format": "nines", "version": 1, "as_of": "2026-11-04T00:00:00Z",
 "coverage": {"start": "2026-11-01T00:00:00Z", "end": "2026-11-04T00:00:00Z"},
 "services": [{"id": "a", "name": "A"}],
 "incidents": [{"id": "B-1", "title": "Mail, calendar and \"contacts\" down", "impact": "major",
   "status": "resolved", "services": ["a"],
   "start": "2026-11-02T12:00:00Z", "end": "2026-11-02T12:00:10Z", "updates": []}]}"#;

#[test]
fn a_ten_second_blip_is_one_pixel_and_reads_ten_seconds() {
    let snapshot = nines::ingest::parse(BLIP, None).expect("blip parses").snapshot;
    let spec = chart::uptime_bars_spec(&snapshot, "a", None, &Weights::STRICT, snapshot.as_of_ms, 3, 0, 1.0);
    assert_eq!(spec.bars.len(), 3);
    assert!((spec.bars[1].down_ms - 10_000.0).abs() < 1e-9, "10 s on the 2nd");
    // 10 s of a day on a 94 px bar is 0.01 px: drawn as 1 px.
    let (width_px, height_px) = (400u32, 120u32);
    let svg = bars_svg(&spec, width_px, height_px);
    let major = rects_filled(&svg, &hex(Theme::LIGHT.major));
    let (x0, _) = spec.bar_x_range(1, width_px).expect("bar");
    assert_eq!(major.len(), 1, "{major:?}");
    assert_eq!((major[0].0, major[0].3), (i64::from(x0), 1), "one device pixel at the 2nd");
    let tooltip = spec.tooltip(1);
    // 1 − 10/86400 = 0.99988… → 99.988 %.
    assert_eq!(tooltip[1..3], ["Availability 99.988 %", "Downtime 10 s"]);
    assert_eq!(tooltip[3], "B-1 — Mail, calendar and \"contacts\" down (10 s)");
    // The title's comma and quotes are quoted in CSV and come back whole.
    let text = spec.to_csv();
    assert!(text.contains(",\"B-1 — Mail, calendar and \"\"contacts\"\" down (10 s)\"\n"), "{text}");
    let csv = parse_csv(&text);
    assert_eq!(csv.len(), 4, "header and 3 days");
    assert_eq!(csv[2], vec!["2026-11-02", "99.988426", "0.1667", "100.00", &tooltip[3]], "the 2nd");
    assert!(!svg.contains("NaN"));
}

#[test]
fn bars_align_to_the_offset_and_a_region() {
    let snapshot = demo();
    // At UTC+10 a local day starts at 14:00 UTC. Thursday local holds 13:10–14:00 UTC: 50 min of
    // major. Friday local, [Thu 14:00, Fri 14:00) UTC, is down throughout: 340 min of major to
    // 19:40, then 1100 min of partial. Saturday local holds the last 5 min (to 14:05 UTC).
    let spec = chart::uptime_bars_spec(
        &snapshot,
        "email",
        Some("na"),
        &Weights::STRICT,
        snapshot.as_of_ms,
        90,
        600,
        1.0,
    );
    let by_date = |date: &str| {
        let day = spec.table_rows().iter().position(|r| r[0] == date).expect("day");
        (spec.bars[day].down_ms / MIN, spec.bars[day].worst_level)
    };
    assert_eq!(by_date("2026-11-19"), (50.0, Level::Major), "Thursday local");
    assert_eq!(by_date("2026-11-20"), (1440.0, Level::Major), "Friday local");
    assert_eq!(by_date("2026-11-21"), (5.0, Level::Partial), "Saturday local");
    assert_eq!(spec.tooltip(89)[0], "Mon 2026-11-23 (UTC+10:00)", "as-of is 10:00 on Monday local");
    // In Europe email only had the degraded EX1187402: no downtime in 90 days.
    let eu = chart::uptime_bars_spec(
        &snapshot,
        "email",
        Some("eu"),
        &Weights::STRICT,
        snapshot.as_of_ms,
        90,
        0,
        1.0,
    );
    assert!(eu.bars.iter().all(|b| b.down_ms == 0.0 && b.incidents.iter().all(|i| i.id == "EX1187402")));
}

#[test]
fn email_burn_down_crosses_zero_and_ends_at_the_report() {
    let snapshot = demo();
    let (target, window) = (0.999, SloWindow::Rolling { days: 30 });
    // 121 points over [24 October, 23 November): one every 6 hours.
    let spec = chart::burndown_spec(
        "email",
        &Profile::for_service(&snapshot, "email", None, &Weights::STRICT),
        target,
        window,
        snapshot.as_of_ms,
        121,
        1.0,
    );
    let remaining: Vec<f64> = spec.points.iter().map(|p| p.remaining_ratio.unwrap_or(f64::NAN)).collect();
    assert_eq!(spec.points[0].t_ms, t("2026-10-24T00:00:00Z"));
    assert_eq!(spec.points[106].t_ms, t("2026-11-19T12:00:00Z"));
    // The budget is 0.001 × 30 × 1440 = 43.2 min. Nothing counts before 13:10 on the 19th (the
    // degraded EX1187402 weighs 0); by 18:00, 290 min are down: 1 − 290/43.2 = −5.713.
    assert_eq!((remaining[0], remaining[106]), (1.0, 1.0), "untouched until the outage");
    assert!((remaining[107] - (1.0 - 290.0 / 43.2)).abs() < 1e-9, "18:00: {}", remaining[107]);
    assert!(remaining.iter().any(|r| *r >= 0.0) && remaining.iter().any(|r| *r < 0.0), "crosses 0");
    // All 1495 min of MO1221364 are in the window: 1 − 1495/43.2 = −33.606.
    let report = slo_report(
        &Profile::for_service(&snapshot, "email", None, &Weights::STRICT),
        target,
        window,
        snapshot.as_of_ms,
    );
    let last = remaining.last().copied().unwrap_or(f64::NAN);
    let want = report.budget_remaining_ratio.expect("a budget");
    assert!((last - want).abs() <= 1e-12 * want.abs(), "last point {last} vs report {want}");
    assert!((want - (1.0 - 1495.0 / 43.2)).abs() < 1e-9, "by hand");
    assert_eq!(spec.summary(), "-3361 % of the error budget left · spent");

    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, 240)).into_drawing_area();
        chart::draw_burndown(&area, &spec, &Theme::LIGHT).expect("drawn");
    }
    assert!(!svg.contains("NaN"), "no NaN");
    assert!(has_text(&svg, "0 %") && has_text(&svg, "-4000 %"), "the axis reaches below 0");
    assert_eq!(rects_filled(&svg, &hex(Theme::LIGHT.major)).len(), 1, "the overspent band");
    assert!(has_text(&svg, &spec.summary()), "the summary");
    let csv = parse_csv(&spec.to_csv());
    assert_eq!((csv.len(), csv[0].join(",")), (122, BURNDOWN_CSV_HEADER.to_string()));
    assert_eq!(csv[108], vec!["2026-11-19T18:00:00Z", "-571.2963", "290.0000"], "18:00 on the 19th");
}

#[test]
fn the_calendar_lays_a_year_of_days_out_as_weeks_and_marks_maintenance() {
    let snapshot = demo();
    // As of Monday 2026-11-23T00:00Z the last day is Sunday the 22nd: 52 weeks and that week, from
    // Monday 2025-11-17.
    let days = chart::calendar_days(snapshot.as_of_ms, 0);
    assert_eq!(days, 371);
    let spec =
        chart::uptime_bars_spec(&snapshot, "sso", None, &Weights::STRICT, snapshot.as_of_ms, days, 0, 1.0);
    assert_eq!(spec.bars[0].span.start_ms, t("2025-11-17T00:00:00Z"), "a Monday");
    let (width_px, height_px) = (1000u32, 111u32);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width_px, height_px)).into_drawing_area();
        chart::draw_calendar(&area, &spec, &Theme::LIGHT).expect("drawn");
    }
    let layout = chart::CalendarLayout::of(&spec, width_px).expect("room");
    // The demo's data starts on 25 August 2026 (day 281): every day before is a full grey cell.
    let grey = rects_filled(&svg, &hex(Theme::LIGHT.unknown));
    let first_known = 281;
    assert_eq!(spec.bars[first_known].span.start_ms, t("2026-08-25T00:00:00Z"));
    for day in 0..first_known {
        let (x0, y0, x1, y1) = layout.cell(day);
        let full = (i64::from(x0), i64::from(y0), i64::from(x1 - x0), i64::from(y1 - y0));
        assert!(grey.contains(&full), "day {day} is grey");
    }
    // MNT-2026-10-18 (sso, 02:00–04:00): Sunday 18 October, day 335, column 47 and the last row,
    // framed in the maintenance colour; its tooltip and the table say so.
    let day = 335;
    assert_eq!(spec.bars[day].span.start_ms, t("2026-10-18T00:00:00Z"));
    assert!(spec.bars[day].maintenance && spec.bars.iter().filter(|b| b.maintenance).count() == 1);
    let (x0, y0, _, _) = layout.cell(day);
    assert_eq!((x0, y0), (30 + 47 * 13, 16 + 6 * 13));
    // The frame: the whole cell in the maintenance colour, the day's bar (all up) 1 px inside it.
    assert_eq!(
        rects_filled(&svg, &hex(Theme::LIGHT.maintenance)),
        vec![(i64::from(x0), i64::from(y0), 11, 11)]
    );
    let up = rects_filled(&svg, &hex(Theme::LIGHT.ok));
    assert!(up.contains(&(i64::from(x0) + 1, i64::from(y0) + 1, 9, 9)), "{up:?}");
    assert!(spec.tooltip(day).contains(&"Scheduled maintenance".to_string()), "{:?}", spec.tooltip(day));
    assert!(spec.table_rows()[day][3].starts_with("Scheduled maintenance"));
    // The hit test finds the day under its cell's middle.
    assert_eq!(layout.day_at(f64::from(x0) + 5.0, f64::from(y0) + 5.0, days), Some(day));
    // Month names head the column of each month's first day; weekday names the rows.
    for label in ["Dec", "Jan", "Aug", "Nov", "Mon", "Wed", "Fri"] {
        assert!(has_text(&svg, label), "{label}");
    }
    assert!(!svg.contains("NaN"));
}

#[test]
fn a_calendar_cell_is_filled_by_the_share_of_the_day_that_was_down() {
    let snapshot = demo();
    let days = chart::calendar_days(snapshot.as_of_ms, 0);
    let spec =
        chart::uptime_bars_spec(&snapshot, "email", None, &Weights::STRICT, snapshot.as_of_ms, days, 0, 2.0);
    let (width_px, height_px) = (2000u32, 222u32);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width_px, height_px)).into_drawing_area();
        chart::draw_calendar(&area, &spec, &Theme::LIGHT).expect("drawn");
    }
    let layout = chart::CalendarLayout::of(&spec, width_px).expect("room");
    assert_eq!((layout.pitch_px, layout.cell_px), (26, 22), "13 CSS px at DPR 2, 4 of them gap");
    // Thursday 19 November, day 367 (column 52, row 3): 650 of 1440 minutes down, 22 px × 650/1440
    // = 9.93 → 10 px of major at the cell's top, 12 px of up below.
    let day = 367;
    assert_eq!(spec.bars[day].span.start_ms, t("2026-11-19T00:00:00Z"));
    let (x0, y0, x1, y1) = layout.cell(day);
    let major = rects_filled(&svg, &hex(Theme::LIGHT.major));
    assert!(major.contains(&(i64::from(x0), i64::from(y0), i64::from(x1 - x0), 10)), "{major:?}");
    let ok = rects_filled(&svg, &hex(Theme::LIGHT.ok));
    assert!(ok.contains(&(i64::from(x0), i64::from(y0) + 10, i64::from(x1 - x0), i64::from(y1 - y0) - 10)));
}
