//! Browser tests (headless Chromium via wasm-bindgen-test): the canvas is sized by
//! devicePixelRatio, an outage is drawn in the outage colour at its pixel, an incident's title is
//! written on its bar by the browser path as by plotters, gaps and dips stay visible, and the
//! dashboard mounts with real data. Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target
//! wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::rc::Rc;

use nines::analysis::LevelSegment;
use nines::chart::{
    self, BarFill, BarTitle, MinMaxPyramid, PlotRect, SeriesView, Theme, TimelineRow, TimelineSpec,
};
use nines::ingest;
use nines::model::{Level, Origin, Span, MS_PER_DAY};
use nines::ui::canvas::{fill_timeline_bars, paint};
use nines::ui::{Dashboard, Loaded};
use plotters::style::RGBColor;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

fn new_canvas() -> HtmlCanvasElement {
    let canvas: HtmlCanvasElement = document().create_element("canvas").expect("canvas").unchecked_into();
    document().body().expect("body").append_child(&canvas).expect("append");
    canvas
}

fn pixel(canvas: &HtmlCanvasElement, x_px: f64, y_px: f64) -> RGBColor {
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").expect("context").expect("2d").unchecked_into();
    let data = context.get_image_data(x_px.floor(), y_px.floor(), 1.0, 1.0).expect("image data").data();
    RGBColor(data[0], data[1], data[2])
}

/// A 10-day window with one major outage from day 4 to day 6 and one degraded hour on day 8.
fn outage_spec(scale: f64) -> TimelineSpec {
    let segment = |from_day: i64, to_ms: i64, level| LevelSegment {
        span: Span::new(from_day * MS_PER_DAY, to_ms),
        level,
        incident: None,
        origin: Origin::SelfOperated,
    };
    TimelineSpec {
        span: Span::new(0, 10 * MS_PER_DAY),
        rows: vec![TimelineRow {
            label: "Email".into(),
            service_id: "email".into(),
            region: None,
            titles: Vec::new(),
            segments: vec![
                segment(4, 6 * MS_PER_DAY, Level::Major),
                segment(8, 8 * MS_PER_DAY + 3_600_000, Level::Degraded),
            ],
        }],
        scale,
        utc_offset_minutes: 0,
    }
}

#[wasm_bindgen_test]
fn timeline_draws_the_outage_at_its_pixels_at_dpr_1_and_2() {
    for dpr in [1.0, 2.0] {
        let canvas = new_canvas();
        let spec = outage_spec(dpr);
        let (width_css, height_css) = (600.0, spec.height_css_px());
        paint(&canvas, width_css, height_css, dpr, |area| {
            chart::draw_timeline(area, &spec, &Theme::LIGHT).map_err(|e| e.to_string())
        })
        .expect("painted");
        assert_eq!(canvas.width(), (width_css * dpr) as u32, "backing store width at dpr {dpr}");
        assert_eq!(canvas.height(), (height_css * dpr).round() as u32, "backing store height at dpr {dpr}");

        let layout = spec.layout(canvas.width());
        let row_y = f64::from(layout.top_px + layout.bar_height_px / 2);
        let at_day = |day: f64| layout.x.px_from_ms((day * MS_PER_DAY as f64) as i64);
        let theme = Theme::LIGHT;
        assert_eq!(pixel(&canvas, at_day(5.0), row_y), theme.major, "mid-outage at dpr {dpr}");
        assert_eq!(pixel(&canvas, at_day(4.02), row_y), theme.major, "outage start at dpr {dpr}");
        assert_eq!(pixel(&canvas, at_day(2.0), row_y), theme.ok, "before the outage at dpr {dpr}");
        assert_eq!(pixel(&canvas, at_day(6.5), row_y), theme.ok, "after the outage at dpr {dpr}");
        // One hour of ten days is under one pixel column wide; it must still show.
        assert_eq!(pixel(&canvas, at_day(8.0) + 0.5, row_y), theme.degraded, "a short blip at dpr {dpr}");
        canvas.remove();
    }
}

/// Pixels of `canvas` in the box from (`x0`, `y0`) to (`x1`, `y1`) that are not `colour`.
fn pixels_not(
    canvas: &HtmlCanvasElement,
    (x0, y0): (f64, f64),
    (x1, y1): (f64, f64),
    colour: RGBColor,
) -> usize {
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").expect("context").expect("2d").unchecked_into();
    let data = context.get_image_data(x0, y0, x1 - x0, y1 - y0).expect("image data").data();
    data.chunks_exact(4).filter(|p| RGBColor(p[0], p[1], p[2]) != colour).count()
}

#[wasm_bindgen_test]
fn the_browser_writes_an_incidents_title_on_its_bar_as_the_svg_path_does() {
    for dpr in [1.0, 2.0] {
        // The major outage from day 4 to day 6, titled over its extent (and not third-party, so
        // no hatch: every pixel on the bar that is not the outage's colour is the title's).
        let titled = |title: bool| TimelineSpec {
            rows: outage_spec(dpr)
                .rows
                .into_iter()
                .map(|row| TimelineRow {
                    titles: title
                        .then(|| BarTitle {
                            span: Span::new(4 * MS_PER_DAY, 6 * MS_PER_DAY),
                            text: "MO1221364 — Email delayed in North America".into(),
                        })
                        .into_iter()
                        .collect(),
                    ..row
                })
                .collect(),
            ..outage_spec(dpr)
        };
        let title_px = |spec: &TimelineSpec, fill: BarFill| {
            let canvas = new_canvas();
            paint(&canvas, 600.0, spec.height_css_px(), dpr, |area| {
                let columns = spec.columns(area.dim_in_pixel().0);
                if fill == BarFill::Prefilled {
                    fill_timeline_bars(&canvas, spec, &columns, &Theme::LIGHT)?;
                }
                chart::draw_timeline_layers(area, spec, &Theme::LIGHT, &columns, fill)
                    .map_err(|e| e.to_string())
            })
            .expect("painted");
            let layout = spec.layout(canvas.width());
            let at_day = |day: f64| layout.x.px_from_ms((day * MS_PER_DAY as f64) as i64).ceil();
            let (y0, y1) = (f64::from(layout.top_px), f64::from(layout.top_px + layout.bar_height_px));
            let count = pixels_not(
                &canvas,
                (at_day(4.0) + 1.0, y0 + 1.0),
                (at_day(6.0) - 2.0, y1 - 1.0),
                Theme::LIGHT.major,
            );
            canvas.remove();
            count
        };
        let browser = title_px(&titled(true), BarFill::Prefilled);
        let svg_path = title_px(&titled(true), BarFill::Rectangles);
        assert_eq!(title_px(&titled(false), BarFill::Prefilled), 0, "no title, no text at dpr {dpr}");
        assert!(browser >= 40 * dpr as usize, "the title is written: {browser} px at dpr {dpr}");
        let apart = browser.abs_diff(svg_path) as f64 / svg_path as f64;
        assert!(
            apart <= 0.05,
            "the same text as through plotters: {browser} against {svg_path} px at dpr {dpr}"
        );
    }
}

/// The red channel of every pixel of `canvas` (the light theme's line is red 0 on a white 255).
fn reds(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").expect("context").expect("2d").unchecked_into();
    let (width, height) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let data = context.get_image_data(0.0, 0.0, width, height).expect("image data").data();
    data.iter().step_by(4).copied().collect()
}

/// A series on a 600 × 240 CSS px canvas at DPR 2 (3 px lines), bands or strokes only; gives the
/// canvas, its view and its plot.
fn series_canvas(pyramid: &MinMaxPyramid, fill_dense: bool) -> (HtmlCanvasElement, SeriesView, PlotRect) {
    let canvas = new_canvas();
    let (x_start, x_end) = pyramid.x_range().expect("samples");
    let view =
        SeriesView { x_start, x_end: x_end + 1.0, y_min: 0.0, y_max: 1.0, scale: 2.0, utc_offset_minutes: 0 };
    paint(&canvas, 600.0, 240.0, 2.0, |area| {
        chart::draw_series(area, pyramid, view, &Theme::LIGHT, fill_dense).map_err(|e| e.to_string())
    })
    .expect("painted");
    let rect = view.plot_rect(canvas.width(), canvas.height());
    (canvas, view, rect)
}

/// Up-ratios as probes report them: mostly 1, runs of 0.75 and of 0, and about 0.1 % gaps.
fn up_ratios(n: usize, seed: u64) -> Vec<f32> {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % 10_000
    };
    let (mut ys, mut level, mut left) = (Vec::with_capacity(n), 1.0, 0);
    while ys.len() < n {
        if left == 0 {
            let roll = next();
            (level, left) = match roll {
                0..=9 => (f32::NAN, 1 + next() % 30),
                10..=59 => (0.0, 1 + next() % 2_000),
                60..=159 => (0.75, 1 + next() % 3_000),
                _ => (1.0, 1 + next() % 20_000),
            };
        }
        ys.push(level);
        left -= 1;
    }
    ys
}

#[wasm_bindgen_test]
fn a_dip_beside_a_one_sample_gap_in_ten_million_shows_both_at_dpr_2() {
    let n = 10_000_000;
    let gap = 6_180_339;
    let mut ys = vec![1.0f32; n];
    ys[gap] = f32::NAN;
    ys[gap - 2] = 0.0;
    let xs: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let pyramid = MinMaxPyramid::new(xs, ys);
    let (canvas, view, rect) = series_canvas(&pyramid, true);
    let width_px = f64::from(rect.right_px - rect.left_px);
    let column = rect.left_px + (gap as f64 / (view.x_end - view.x_start) * width_px) as i32;
    let (up_row, half_row) = (view.y_px(&rect, 1.0), view.y_px(&rect, 0.4));
    let at = |x: i32, y: i32| pixel(&canvas, f64::from(x), f64::from(y));
    let theme = Theme::LIGHT;
    // The line at 1 covers rows up_row - 1 ..= up_row + 1; the plot's frame is drawn over the
    // first two.
    for row in [up_row + 1, up_row + 2, half_row] {
        assert_eq!(at(column, row), theme.background, "the gap's column at row {row}");
    }
    assert_eq!(at(column - 1, half_row), theme.line, "the dip, in the column left of the gap");
    assert_eq!(at(column - 1, up_row + 1), theme.line, "the line up to the gap");
    assert_eq!(at(column + 1, up_row + 1), theme.line, "the line after the gap");
    assert_eq!(at(column + 1, half_row), theme.background, "no dip after the gap");
    canvas.remove();
}

#[wasm_bindgen_test]
fn bands_cover_what_the_stroked_line_covers_with_3_px_lines() {
    // One dip to 0 in a flat line: the band's ink across the dip's middle row is the line's width.
    let n = 100_000;
    let mut ys = vec![1.0; n];
    ys[50_040..50_043].fill(0.0); // inside one pixel column
    let pyramid = MinMaxPyramid::new((0..n).map(|i| i as f64).collect::<Vec<_>>(), ys);
    let (banded, view, rect) = series_canvas(&pyramid, true);
    // Summed over the row inside the plot's frame.
    let ink = |canvas: &HtmlCanvasElement, row: i32| -> f64 {
        let start = row as usize * canvas.width() as usize;
        let inside = start + rect.left_px as usize + 2..start + rect.right_px as usize - 2;
        reds(canvas)[inside].iter().map(|red| f64::from(255 - red) / 255.0).sum()
    };
    let (stroked, ..) = series_canvas(&pyramid, false);
    let middle = view.y_px(&rect, 0.4); // between grid lines
    let (band_ink, stroke_ink) = (ink(&banded, middle), ink(&stroked, middle));
    assert!((stroke_ink - 3.0).abs() < 0.05, "the 3 px stroke: {stroke_ink} px");
    assert!((band_ink - stroke_ink).abs() < 0.05, "band {band_ink} px against stroke {stroke_ink} px");
    banded.remove();
    stroked.remove();

    // Up-ratios with outages and gaps: pixels differing from the stroked line, counted.
    let n = 1_000_000;
    let pyramid = MinMaxPyramid::new((0..n).map(|i| i as f64).collect::<Vec<_>>(), up_ratios(n, 0x9E37));
    let (banded, _, rect) = series_canvas(&pyramid, true);
    let (stroked, ..) = series_canvas(&pyramid, false);
    let width = banded.width() as usize;
    let inside = |index: &usize| {
        let (x, y) = ((index % width) as i32, (index / width) as i32);
        (rect.left_px + 1..rect.right_px - 1).contains(&x)
            && (rect.top_px - 4..rect.bottom_px + 4).contains(&y)
    };
    let (band_reds, stroke_reds) = (reds(&banded), reds(&stroked));
    let pixels: Vec<(u8, u8)> =
        (0..band_reds.len()).filter(inside).map(|i| (band_reds[i], stroke_reds[i])).collect();
    // Inked: at least a quarter of the way from the background to the line's colour.
    let inked = pixels.iter().filter(|(b, s)| *b < 192 || *s < 192).count();
    let differing = pixels.iter().filter(|(b, s)| b.abs_diff(*s) > 8).count();
    // Ink in one (¾ of the way or more) and background in the other (¼ or less).
    let opposite = pixels.iter().filter(|(b, s)| b.min(s) < &64 && b.max(s) > &192).count();
    let band_ink: f64 = pixels.iter().map(|(b, _)| f64::from(255 - b)).sum::<f64>() / 255.0;
    let stroke_ink: f64 = pixels.iter().map(|(_, s)| f64::from(255 - s)).sum::<f64>() / 255.0;
    web_sys::console::log_1(
        &format!(
            "bench case=band-against-stroke points=1e6 dpr=2 line_px=3 inked_px={inked} differing_px={differing} \
             opposite_px={opposite} band_ink_px={band_ink:.0} stroke_ink_px={stroke_ink:.0}"
        )
        .into(),
    );
    assert!((band_ink / stroke_ink - 1.0).abs() < 0.02, "ink {band_ink} px against {stroke_ink} px");
    assert!(opposite * 100 < inked, "{opposite} of {inked} inked pixels ink in one, background in the other");
    banded.remove();
    stroked.remove();
}

async fn next_frames(count: usize) {
    for _ in 0..count {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window().expect("window").request_animation_frame(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

#[wasm_bindgen_test]
async fn dashboard_mounts_and_draws_the_demo() {
    let text = include_str!("../public/data/demo.json");
    let parsed = ingest::parse(text, None).expect("demo parses");
    let loaded = Rc::new(Loaded::single("demo.json", parsed));
    // The page's own stylesheet, so the canvases get their real layout.
    let style = document().create_element("style").expect("style");
    style.set_text_content(Some(include_str!("../style/main.css")));
    document().head().expect("head").append_child(&style).expect("append");
    let host: web_sys::HtmlElement = document().create_element("div").expect("div").unchecked_into();
    host.style().set_property("width", "900px").expect("style");
    document().body().expect("body").append_child(&host).expect("append");
    let handle = leptos::mount::mount_to(host.clone(), move || {
        leptos::view! { <Dashboard loaded=loaded.clone() /> }
    });
    next_frames(3).await;

    let rows = host.query_selector_all("[data-testid=service-row]").expect("query");
    assert_eq!(rows.length(), 8, "one row per demo service");
    let email = host
        .query_selector("[data-service-id=email] [data-testid=availability-30d]")
        .expect("query")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    // 1 − 1495 min / 43 200 min, floored to two decimals.
    assert_eq!(email, "96.53 %");

    // The curve is built first; the other charts once it has been painted, a few frames later.
    let drawn = "canvas[data-testid=outage-timeline][data-start-ms]";
    let mut frames = 0;
    while host.query_selector(drawn).ok().flatten().is_none() && frames < 60 {
        next_frames(1).await;
        frames += 1;
    }
    let timeline: HtmlCanvasElement = host
        .query_selector(drawn)
        .expect("query")
        .expect("the timeline drawn within 60 frames")
        .unchecked_into();
    let css_width = timeline.get_bounding_client_rect().width();
    assert!(css_width > 800.0, "the timeline fills the 900 px host (minus padding): {css_width}");
    assert_eq!(f64::from(timeline.width()), css_width.round(), "backing store = CSS width × DPR 1");
    // The Thursday outage (2026-11-19 13:10 to 19:40 UTC, major) in the Email row.
    let snapshot = ingest::parse(text, None).expect("demo").snapshot;
    let window = Span::ending_at(snapshot.as_of_ms, 30 * MS_PER_DAY);
    let layout = chart::timeline_spec(&snapshot, window, 1.0, false, None).layout(timeline.width());
    let at = |text: &str| layout.x.px_from_ms(nines::model::parse_rfc3339_ms(text).expect("time"));
    let email_row_y = f64::from(layout.top_px + layout.bar_height_px / 2);
    // The outage is third-party, so hatched: most, not all, of its pixels are major.
    let (from_px, to_px) =
        (at("2026-11-19T13:10:00Z").ceil() as i32, at("2026-11-19T19:40:00Z").floor() as i32);
    let major = (from_px..to_px)
        .filter(|x| pixel(&timeline, f64::from(*x), email_row_y) == Theme::LIGHT.major)
        .count();
    assert!(major * 2 > (to_px - from_px) as usize, "{major} of {} pixels major", to_px - from_px);
    assert_eq!(pixel(&timeline, at("2026-11-18T16:00:00Z"), email_row_y), Theme::LIGHT.ok, "a day before");
    handle.forget();
    host.remove();
}
