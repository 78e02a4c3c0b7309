//! Uptime bars: one service's last N days (in one region, or everywhere), one bar per local day
//! at a fixed UTC offset, the last bar being the day that holds as-of.
//!
//! Contract: a bar's height is its whole day. From the top, the unknown share (1 − coverage) is
//! grey; below it the downtime is drawn as the share of the *counted* time that was down, scaled
//! onto the known part (a 10-minute outage on a fully known day fills 10/1440 of the bar), in the
//! colour of the day's worst level (major for downtime from probe samples, which name no level),
//! and never thinner than one device pixel when there is any downtime; the rest is up (green), or
//! maintenance-blue when the day's known time was all left out as maintenance. A day without data
//! is a full grey bar. Days are those of [`crate::analysis::buckets`]: 24 hours each, aligned at
//! the offset. Data spans end at as-of, so an as-of at local midnight closes the previous day, and
//! the last day's figures and coverage are those of the day so far. Geometry is in device pixels;
//! `scale` sizes text and gaps. The tooltips, the table and the CSV are in `bars_text`.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::Theme;
use crate::analysis::{buckets, level_segments, BucketSize, Profile, Totals, Weights};
use crate::model::format::format_availability;
use crate::model::{Incident, Level, Origin, Snapshot, Span, TimeMs, MS_PER_DAY, MS_PER_MINUTE};

/// The column right of the bars that holds the period's availability.
pub(super) const AVAILABILITY_WIDTH_CSS_PX: f64 = 84.0;

/// An incident's share of one day.
#[derive(Clone, Debug, PartialEq)]
pub struct DayIncident {
    /// Index into `snapshot.incidents`.
    pub index: usize,
    pub id: String,
    pub title: String,
    /// The worst level the incident had during the day.
    pub level: Level,
    pub origin: Origin,
    /// The incident's time inside the day (unweighted); 0 for a zero-length incident.
    pub overlap_ms: i64,
    /// The incident's whole length, an open one closed at as-of.
    pub duration_ms: i64,
}

/// One day's figures. Downtime is weighted; see [`crate::analysis::Profile`].
#[derive(Clone, Debug, PartialEq)]
pub struct DayBar {
    /// The whole local day; the figures of the last day stop at as-of.
    pub span: Span,
    pub down_ms: f64,
    pub counted_ms: f64,
    pub known_ms: f64,
    /// Known time over the day (so far) times the profile's parts, 0..1.
    pub coverage_ratio: f64,
    /// The worst known level of the day from incidents and maintenance; `Ok` when none.
    pub worst_level: Level,
    /// Whether scheduled maintenance was the day's level at some time (an incident at the same
    /// time outranks it, as on the timeline).
    pub maintenance: bool,
    /// In start order.
    pub incidents: Vec<DayIncident>,
}

/// Pixel heights of a bar's parts, top to bottom; they add up to the bar's height.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BarHeights {
    pub unknown_px: i32,
    pub down_px: i32,
    pub up_px: i32,
}

impl DayBar {
    fn totals(&self) -> Totals {
        Totals { down_ms: self.down_ms, counted_ms: self.counted_ms, known_ms: self.known_ms }
    }

    /// 1 − down / counted; `None` without counted time.
    pub fn availability_ratio(&self) -> Option<f64> {
        self.totals().availability_ratio()
    }

    /// The share of counted time that was down, 0..1 (0 without counted time).
    pub fn down_ratio(&self) -> f64 {
        let ratio = if self.counted_ms > 0.0 { self.down_ms / self.counted_ms } else { 0.0 };
        if ratio.is_finite() {
            ratio.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The level whose colour the downtime takes: the day's worst level when it is an outage or
    /// degradation, otherwise major (downtime measured by probe samples names no level).
    pub fn fill_level(&self) -> Level {
        match self.worst_level {
            level @ (Level::Degraded | Level::Partial | Level::Major) => level,
            _ => Level::Major,
        }
    }

    /// The parts of a bar `bar_height_px` tall. See the module docs.
    pub fn heights(&self, bar_height_px: i32) -> BarHeights {
        let height_px = bar_height_px.max(0);
        let coverage =
            if self.coverage_ratio.is_finite() { self.coverage_ratio.clamp(0.0, 1.0) } else { 0.0 };
        let mut known_px = ((coverage * f64::from(height_px)).round() as i32).clamp(0, height_px);
        let mut down_px = (self.down_ratio() * f64::from(known_px)).round() as i32;
        if self.down_ms > 0.0 && height_px > 0 {
            // A blip is never invisible, even on a day with little data.
            down_px = down_px.max(1);
            known_px = known_px.max(down_px);
        }
        BarHeights { unknown_px: height_px - known_px, down_px, up_px: known_px - down_px }
    }
}

/// Pixel bounds of the bars (device pixels); text sits below and to the right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BarsLayout {
    pub left_px: i32,
    pub right_px: i32,
    pub top_px: i32,
    pub bottom_px: i32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UptimeBarsSpec {
    pub service_id: String,
    pub region: Option<String>,
    pub as_of_ms: TimeMs,
    pub utc_offset_minutes: i32,
    /// Oldest first; the last is the day that holds as-of.
    pub bars: Vec<DayBar>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

/// The last `days` local days of `service_id` (in `region`, or everywhere) up to `as_of_ms`,
/// measured by [`Profile::for_service`] with `weights`. Open incidents end at `as_of_ms`, which is
/// normally `snapshot.as_of_ms`.
#[allow(clippy::too_many_arguments)] // each is one independent choice of the chart
pub fn uptime_bars_spec(
    snapshot: &Snapshot,
    service_id: &str,
    region: Option<&str>,
    weights: &Weights,
    as_of_ms: TimeMs,
    days: usize,
    utc_offset_minutes: i32,
    scale: f64,
) -> UptimeBarsSpec {
    let profile = Profile::for_service(snapshot, service_id, region, weights);
    let service = (service_id, region);
    uptime_bars_of_profile(snapshot, service, &profile, as_of_ms, days, utc_offset_minutes, scale)
}

/// [`uptime_bars_spec`] measured by `profile`, the one of `service` (its id and region) that the
/// other figures share.
pub fn uptime_bars_of_profile(
    snapshot: &Snapshot,
    (service_id, region): (&str, Option<&str>),
    profile: &Profile,
    as_of_ms: TimeMs,
    days: usize,
    utc_offset_minutes: i32,
    scale: f64,
) -> UptimeBarsSpec {
    let mut spec = UptimeBarsSpec {
        service_id: service_id.to_string(),
        region: region.map(str::to_string),
        as_of_ms,
        utc_offset_minutes,
        bars: Vec::new(),
        scale,
    };
    if days == 0 {
        return spec;
    }
    let offset_ms = i64::from(utc_offset_minutes) * MS_PER_MINUTE;
    // The day holding the last instant before as-of.
    let local_day = as_of_ms.saturating_sub(1).saturating_add(offset_ms).div_euclid(MS_PER_DAY);
    let last_start_ms = local_day.saturating_mul(MS_PER_DAY).saturating_sub(offset_ms);
    let days_before_ms = i64::try_from(days - 1).unwrap_or(i64::MAX).saturating_mul(MS_PER_DAY);
    let span =
        Span::new(last_start_ms.saturating_sub(days_before_ms), last_start_ms.saturating_add(MS_PER_DAY));
    let mut day_buckets = buckets(profile, span, BucketSize::Day, utc_offset_minutes);
    day_buckets.truncate(days);
    if let Some(last) = day_buckets.last_mut().filter(|b| b.span.end_ms > as_of_ms) {
        let so_far = Span::new(last.span.start_ms, as_of_ms.max(last.span.start_ms));
        last.totals = profile.totals(so_far);
        let possible_ms = profile.possible_ms(so_far);
        last.coverage_ratio = if possible_ms > 0.0 { last.totals.known_ms / possible_ms } else { 0.0 };
    }
    let shown = Span::new(span.start_ms, span.end_ms.min(as_of_ms).max(span.start_ms));
    let segments = level_segments(snapshot, service_id, region, shown);
    let mut cursor = 0usize;
    spec.bars = day_buckets
        .iter()
        .map(|b| {
            while segments.get(cursor).is_some_and(|s| s.span.end_ms <= b.span.start_ms) {
                cursor += 1;
            }
            let day_segments = segments.get(cursor..).unwrap_or_default().iter();
            let (worst_level, maintenance) = day_segments
                .take_while(|s| s.span.start_ms < b.span.end_ms)
                .fold((Level::Ok, false), |(worst, m), s| {
                    (worst.worst(s.level), m || s.level == Level::Maintenance)
                });
            DayBar {
                span: b.span,
                down_ms: b.totals.down_ms,
                counted_ms: b.totals.counted_ms,
                known_ms: b.totals.known_ms,
                coverage_ratio: b.coverage_ratio,
                worst_level,
                maintenance,
                incidents: Vec::new(),
            }
        })
        .collect();
    add_incidents(&mut spec.bars, snapshot, service_id, region, as_of_ms);
    spec
}

/// Adds to each day the incidents of the service (and region) that overlap it before as-of.
fn add_incidents(
    bars: &mut [DayBar],
    snapshot: &Snapshot,
    service_id: &str,
    region: Option<&str>,
    as_of_ms: TimeMs,
) {
    let Some(first_ms) = bars.first().map(|b| b.span.start_ms) else { return };
    let mut touching: Vec<(usize, &Incident)> =
        snapshot.incidents.iter().enumerate().filter(|(_, i)| i.touches(service_id, region)).collect();
    // In index order already: a stable sort by start breaks ties by index.
    crate::model::sort_by_time(&mut touching, |(_, i)| i.start_ms);
    for (index, incident) in touching {
        let whole = incident.span(as_of_ms);
        if whole.start_ms > as_of_ms {
            continue; // not begun as of then
        }
        let seen = Span::new(whole.start_ms, whole.end_ms.min(as_of_ms));
        let day_of = |t_ms: TimeMs| t_ms.saturating_sub(first_ms).div_euclid(MS_PER_DAY);
        let last_instant_ms = if seen.is_empty() { seen.start_ms } else { seen.end_ms - 1 };
        let (from_day, to_day) = (day_of(seen.start_ms).max(0), day_of(last_instant_ms));
        for day in from_day..=to_day {
            let Some(bar) = usize::try_from(day).ok().and_then(|d| bars.get_mut(d)) else { break };
            let overlap_ms = seen.intersect(&bar.span).map_or(0, |s| s.duration_ms());
            let level = incident
                .level_spans(as_of_ms)
                .into_iter()
                .filter(|(s, _)| s.intersect(&bar.span).is_some())
                .fold(None, |worst: Option<Level>, (_, l)| Some(worst.map_or(l, |w| w.worst(l))))
                .unwrap_or(incident.impact);
            bar.incidents.push(DayIncident {
                index,
                id: incident.id.clone(),
                title: incident.title.clone(),
                level,
                origin: incident.origin,
                overlap_ms,
                duration_ms: seen.duration_ms(),
            });
        }
    }
}

impl UptimeBarsSpec {
    fn px(&self, css_px: f64) -> i32 {
        (css_px * self.scale.max(0.5)).round() as i32
    }

    /// The CSS height the chart needs: the bars and one line of labels.
    pub fn height_css_px(&self) -> f64 {
        64.0
    }

    pub fn layout(&self, width_px: u32, height_px: u32) -> BarsLayout {
        BarsLayout {
            left_px: self.px(2.0),
            right_px: width_px as i32 - self.px(AVAILABILITY_WIDTH_CSS_PX),
            top_px: self.px(4.0),
            bottom_px: height_px as i32 - self.px(22.0),
        }
    }

    /// The left edge of day `day`'s slot (its bar and the gap after it).
    fn slot_start_px(left_px: i32, width_px: i64, count: i64, day: i64) -> i32 {
        left_px + (day * width_px / count) as i32
    }

    /// The pixel columns `[x0, x1)` of day `day`'s bar, or `None` when there is no such day or no
    /// room. Bars share the width evenly; a gap of 2 CSS px (at least 1 device px, at most a third
    /// of the slot) follows each bar when slots are 3 px or wider.
    pub fn bar_x_range(&self, day: usize, width_px: u32) -> Option<(i32, i32)> {
        let layout = self.layout(width_px, 0);
        let (width, count) = (i64::from(layout.right_px - layout.left_px), self.bars.len() as i64);
        let day = i64::try_from(day).ok().filter(|d| *d < count)?;
        if width <= 0 {
            return None;
        }
        let x0 = Self::slot_start_px(layout.left_px, width, count, day);
        let x1 = Self::slot_start_px(layout.left_px, width, count, day + 1);
        let gap_px = if width / count >= 3 { self.px(2.0).clamp(1, (x1 - x0) / 3) } else { 0 };
        Some((x0, (x1 - gap_px).max(x0 + 1)))
    }

    /// The day whose slot (its bar or the gap after it) holds pixel column `x_px`; `None` outside
    /// the bars. The inverse of [`UptimeBarsSpec::bar_x_range`].
    pub fn day_at(&self, x_px: f64, width_px: u32) -> Option<usize> {
        let layout = self.layout(width_px, 0);
        let (width, count) = (i64::from(layout.right_px - layout.left_px), self.bars.len() as i64);
        if !x_px.is_finite() || width <= 0 || count == 0 {
            return None;
        }
        let offset = x_px.floor() as i64 - i64::from(layout.left_px);
        if offset < 0 || offset >= width {
            return None;
        }
        // The slot that starts at or before the column; slot starts round down, so at most a few
        // steps forward from the proportional guess.
        let mut day = offset * count / width;
        while day + 1 < count && i64::from(Self::slot_start_px(0, width, count, day + 1)) <= offset {
            day += 1;
        }
        usize::try_from(day).ok()
    }

    /// The figures of the whole period added up.
    pub fn period_totals(&self) -> Totals {
        self.bars.iter().fold(Totals::default(), |t, b| Totals {
            down_ms: t.down_ms + b.down_ms,
            counted_ms: t.counted_ms + b.counted_ms,
            known_ms: t.known_ms + b.known_ms,
        })
    }
}

/// The day a key moves the keyboard's choice to, among `days` days, from day `from` (`None`: none
/// chosen yet, so any move starts at the last day): the arrows step a day, or with `weeks` (the
/// calendar, a week per column) left and right step a week and up and down a day; Home and End go
/// to the first and last day. A step past either end stays. `None` for a key that moves nothing.
pub fn step_day(days: usize, from: Option<usize>, key: &str, weeks: bool) -> Option<usize> {
    let last = days.checked_sub(1)?;
    let across = if weeks { 7 } else { 1 };
    let step: isize = match key {
        "Home" => return Some(0),
        "End" => return Some(last),
        "ArrowLeft" => -across,
        "ArrowRight" => across,
        "ArrowUp" if weeks => -1,
        "ArrowDown" if weeks => 1,
        _ => return None,
    };
    let Some(from) = from.filter(|d| *d <= last) else { return Some(last) };
    Some(from.checked_add_signed(step).filter(|d| *d <= last).unwrap_or(from))
}

/// Draws `bar` in the pixels `[x0, x1) × [top, bottom)`: unknown, down and up, top to bottom.
pub(super) fn draw_day_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bar: &DayBar,
    (x0, x1): (i32, i32),
    (top, bottom): (i32, i32),
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let h = bar.heights(bottom - top);
    let up_colour = if bar.counted_ms > 0.0 { theme.ok } else { theme.level(Level::Maintenance) };
    let parts = [
        (top, top + h.unknown_px, theme.unknown),
        (top + h.unknown_px, top + h.unknown_px + h.down_px, theme.level(bar.fill_level())),
        (bottom - h.up_px, bottom, up_colour),
    ];
    for (y0, y1, colour) in parts {
        if y1 > y0 {
            area.draw(&Rectangle::new([(x0, y0), (x1, y1)], colour.filled()))?;
        }
    }
    Ok(())
}

/// Draws `spec` over the whole of `area`.
pub fn draw_uptime_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &UptimeBarsSpec,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width_px, height_px) = area.dim_in_pixel();
    area.fill(&theme.background)?;
    let layout = spec.layout(width_px, height_px);
    let (top, bottom) = (layout.top_px, layout.bottom_px);
    if layout.right_px <= layout.left_px || bottom <= top || spec.bars.is_empty() {
        return Ok(());
    }
    for (day, bar) in spec.bars.iter().enumerate() {
        let Some(columns) = spec.bar_x_range(day, width_px) else { continue };
        draw_day_bar(area, bar, columns, (top, bottom), theme)?;
    }
    let font = ("sans-serif", 13.0 * spec.scale.max(0.5)).into_font().color(&theme.text);
    let label_y = bottom + spec.px(4.0);
    let days = spec.bars.len();
    let first = if days == 1 { "1 day ago".to_string() } else { format!("{days} days ago") };
    area.draw(&Text::new(
        first,
        (layout.left_px, label_y),
        font.clone().pos(Pos::new(HPos::Left, VPos::Top)),
    ))?;
    let today_pos = Pos::new(HPos::Right, VPos::Top);
    area.draw(&Text::new("today", (layout.right_px, label_y), font.clone().pos(today_pos)))?;
    area.draw(&Text::new(
        format_availability(spec.period_totals().availability_ratio()),
        (width_px as i32 - spec.px(4.0), (top + bottom) / 2),
        font.pos(Pos::new(HPos::Right, VPos::Center)),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(down_ms: f64, counted_ms: f64, coverage_ratio: f64) -> DayBar {
        DayBar {
            span: Span::new(0, MS_PER_DAY),
            down_ms,
            counted_ms,
            known_ms: counted_ms,
            coverage_ratio,
            worst_level: Level::Major,
            maintenance: false,
            incidents: Vec::new(),
        }
    }

    #[test]
    fn bar_heights_split_unknown_down_and_up() {
        const MIN: f64 = MS_PER_MINUTE as f64;
        let day = 1440.0 * MIN;
        // (label, bar, height px, want unknown, down, up)
        let cases = [
            ("10 min on a full day: 10/1440 of 144 px = 1 px", bar(10.0 * MIN, day, 1.0), 144, 0, 1, 143),
            ("a 10-second blip still shows 1 px", bar(10_000.0, day, 1.0), 100, 0, 1, 99),
            ("half a day down", bar(720.0 * MIN, day, 1.0), 100, 0, 50, 50),
            // Half known, a quarter of the known time down: 50 grey, 12.5 → 13 down, 37 up.
            ("half known, a quarter of it down", bar(180.0 * MIN, 720.0 * MIN, 0.5), 100, 50, 13, 37),
            ("no data at all is grey", bar(0.0, 0.0, 0.0), 100, 100, 0, 0),
            ("downtime with almost no data still shows", bar(1_000.0, 2_000.0, 0.001), 100, 99, 1, 0),
            ("no room", bar(10.0, day, 1.0), 0, 0, 0, 0),
            ("NaN coverage reads as no data", bar(0.0, 0.0, f64::NAN), 10, 10, 0, 0),
        ];
        for (label, b, height, unknown_px, down_px, up_px) in cases {
            assert_eq!(b.heights(height), BarHeights { unknown_px, down_px, up_px }, "{label}");
        }
    }

    #[test]
    fn keys_step_a_day_or_a_week_and_stop_at_the_ends() {
        // (days, from, key, weeks, want)
        let cases = [
            (90, None, "ArrowLeft", false, Some(89)),
            (90, Some(10), "ArrowLeft", false, Some(9)),
            (90, Some(0), "ArrowLeft", false, Some(0)),
            (90, Some(89), "ArrowRight", false, Some(89)),
            (90, Some(10), "ArrowUp", false, None),
            (90, Some(10), "Home", false, Some(0)),
            (90, Some(10), "End", false, Some(89)),
            (90, Some(10), "x", false, None),
            (371, Some(100), "ArrowLeft", true, Some(93)),
            (371, Some(100), "ArrowRight", true, Some(107)),
            (371, Some(367), "ArrowRight", true, Some(367)),
            (371, Some(3), "ArrowLeft", true, Some(3)),
            (371, Some(100), "ArrowUp", true, Some(99)),
            (371, Some(100), "ArrowDown", true, Some(101)),
            (371, Some(500), "ArrowDown", true, Some(370)),
            (0, None, "End", true, None),
        ];
        for (days, from, key, weeks, want) in cases {
            assert_eq!(step_day(days, from, key, weeks), want, "{days} days, from {from:?}, {key}");
        }
    }

    fn spec(days: usize) -> UptimeBarsSpec {
        UptimeBarsSpec {
            service_id: "a".into(),
            region: None,
            as_of_ms: 0,
            utc_offset_minutes: 0,
            bars: (0..days).map(|_| bar(0.0, 0.0, 0.0)).collect(),
            scale: 1.0,
        }
    }

    #[test]
    fn hit_testing_inverts_the_bar_ranges() {
        // 90 bars in 904 − 2 − 84 = 818 px: slots of 9 or 10 px, each bar followed by a 2 px gap.
        let s = spec(90);
        let width_px = 904;
        assert_eq!(s.bar_x_range(0, width_px), Some((2, 9)), "first slot is [2, 11)");
        assert_eq!(s.bar_x_range(89, width_px), Some((810, 818)), "last slot is [810, 820)");
        assert_eq!(s.bar_x_range(90, width_px), None, "no 91st day");
        for day in 0..90 {
            let (x0, x1) = s.bar_x_range(day, width_px).unwrap_or_default();
            assert!(x1 > x0, "day {day} has a bar");
            // Both ends of the bar and both pixels of the gap after it belong to the day.
            for x in [x0, x1 - 1, x1, x1 + 1] {
                assert_eq!(s.day_at(f64::from(x) + 0.5, width_px), Some(day), "day {day}, x {x}");
            }
        }
        let outside = [(1.9, "left of the bars"), (820.0, "in the availability column"), (f64::NAN, "NaN")];
        for (x, label) in outside {
            assert_eq!(s.day_at(x, width_px), None, "{label}");
        }
        // 300 bars in 288 − 86 = 202 px: no gaps, every bar at least 1 px, still invertible.
        let dense = spec(300);
        for x in 2..202 {
            let day = dense.day_at(f64::from(x), 288).unwrap_or(usize::MAX);
            let (x0, x1) = dense.bar_x_range(day, 288).unwrap_or_default();
            assert!(x0 <= x && x < x1.max(x0 + 1), "x {x} is in day {day}'s bar [{x0}, {x1})");
        }
        assert_eq!(spec(0).day_at(10.0, 904), None, "no bars");
        assert_eq!(spec(3).bar_x_range(0, 50), None, "no room");
    }
}
