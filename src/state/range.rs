//! The time range of a view as the URL writes it — `range=30d`, or `from=…&to=…` — and its
//! resolution to the span the charts show.
//!
//! A preset is "the last N days" and moves with the data: it ends at the snapshot's as-of
//! instant, so a link to `range=7d` always shows the latest week. A custom range is fixed
//! instants (RFC 3339, UTC). [`Range::from_span`] turns a zoomed or panned span back into a
//! range, rounding to whole seconds; [`Range::visible_span`] of the result gives back a span
//! that `from_span` maps to the same range, so writing the chart range into the URL and reading
//! it back never drifts.

use crate::chart::zoom;
use crate::model::calendar::{first_of_month, instant_at, month_number, wall_clock};
use crate::model::format::format_rfc3339;
use crate::model::parse_rfc3339_ms;
use crate::model::{Span, TimeMs, MS_PER_DAY};

/// The range shown when the URL names none: the last 30 days.
pub const DEFAULT_DAYS: u32 = 30;
/// The presets the range buttons offer; `range=` accepts any whole number of days up to
/// [`MAX_DAYS`].
pub const PRESET_DAYS: [u32; 5] = [1, 7, 30, 90, 365];
/// The longest preset: ten years.
pub const MAX_DAYS: u32 = 3650;

const MS_PER_SECOND: i64 = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    /// The last `days` days up to the data's as-of instant.
    Preset { days: u32 },
    /// Fixed instants, `start_ms < end_ms`.
    Custom { start_ms: TimeMs, end_ms: TimeMs },
}

impl Default for Range {
    fn default() -> Self {
        Range::Preset { days: DEFAULT_DAYS }
    }
}

impl Range {
    /// The span to show: a preset's days ending at `as_of_ms`, or the custom instants, fitted
    /// into `bounds` (moved inside and shortened to them, at least a minute long) as zoom does.
    pub fn visible_span(&self, as_of_ms: TimeMs, bounds: Span) -> Span {
        let wanted = match *self {
            Range::Preset { days } => Span::ending_at(as_of_ms, i64::from(days) * MS_PER_DAY),
            Range::Custom { start_ms, end_ms } => Span::new(start_ms, end_ms),
        };
        zoom::fit(wanted, bounds)
    }

    /// The range that shows `span`: a preset when `span`, rounded to whole seconds, is whole days
    /// ending at `as_of_ms` (rounded likewise); else its instants rounded to the nearest whole
    /// second (at least one second apart).
    pub fn from_span(span: Span, as_of_ms: TimeMs) -> Range {
        let rounded = Span::new(round_to_second(span.start_ms), round_to_second(span.end_ms));
        let rounded = if rounded.is_empty() {
            Span::new(rounded.start_ms, rounded.start_ms.saturating_add(MS_PER_SECOND))
        } else {
            rounded
        };
        let duration_ms = rounded.duration_ms();
        let days = u32::try_from(duration_ms / MS_PER_DAY).ok().filter(|d| (1..=MAX_DAYS).contains(d));
        match days {
            Some(days) if rounded.end_ms == round_to_second(as_of_ms) && duration_ms % MS_PER_DAY == 0 => {
                Range::Preset { days }
            }
            _ => Range::Custom { start_ms: rounded.start_ms, end_ms: rounded.end_ms },
        }
    }

    /// The URL parameters of the range, empty for the default.
    pub(crate) fn to_pairs(self) -> Vec<(&'static str, String)> {
        match self {
            Range::Preset { days } if days == DEFAULT_DAYS => Vec::new(),
            Range::Preset { days } => vec![("range", format!("{days}d"))],
            Range::Custom { start_ms, end_ms } => {
                vec![("from", format_rfc3339(start_ms)), ("to", format_rfc3339(end_ms))]
            }
        }
    }

    /// The range of the `range`, `from` and `to` parameters: `from` and `to` together win over
    /// `range`; anything unusable is reported in `ignored` and the default stands in.
    pub(crate) fn from_params(
        range: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        ignored: &mut Vec<String>,
    ) -> Range {
        if from.is_some() || to.is_some() {
            match custom(from, to) {
                Ok(custom) => {
                    if let Some(text) = range {
                        ignored.push(format!("range={text}: from= and to= give the range"));
                    }
                    return custom;
                }
                Err(why) => ignored.push(why),
            }
        }
        match range.map(parse_days) {
            Some(Ok(days)) => Range::Preset { days },
            Some(Err(why)) => {
                ignored.push(why);
                Range::default()
            }
            None => Range::default(),
        }
    }
}

/// The calendar periods the range picker offers: a label, the period's length in months and how
/// many periods before the one that holds as-of (0: that one). Each lies within the 371 days
/// that zooming out reaches.
pub const PERIODS: [(&str, i64, i64); 5] = [
    ("this month", 1, 0),
    ("last month", 1, 1),
    ("this quarter", 3, 0),
    ("last quarter", 3, 1),
    ("this year", 12, 0),
];

/// The span of a calendar period `months` long (1, 3 or 12: months start quarters and years in
/// January), `back` periods before the one that holds the last instant before `as_of_ms`, on the
/// clock `utc_offset_minutes` ahead of UTC: from its first midnight to the next period's, or to
/// as-of when that comes first. `None` beyond the calendar.
pub fn calendar_period(months: i64, back: i64, as_of_ms: TimeMs, utc_offset_minutes: i32) -> Option<Span> {
    let month = month_number(wall_clock(as_of_ms.checked_sub(1)?, utc_offset_minutes)?.date());
    let first = month - month.rem_euclid(months) - back * months;
    let at = |month: i64| instant_at(first_of_month(month)?.midnight(), utc_offset_minutes);
    Some(Span::new(at(first)?, at(first + months)?.min(as_of_ms)))
}

/// `30d` (or `30`): a whole number of days from 1 to [`MAX_DAYS`].
fn parse_days(text: &str) -> Result<u32, String> {
    let trimmed = text.trim();
    let digits = trimmed.strip_suffix(['d', 'D']).unwrap_or(trimmed);
    digits.parse::<u32>().ok().filter(|d| (1..=MAX_DAYS).contains(d)).ok_or_else(|| {
        format!("range={text}: expected a number of days from 1 to {MAX_DAYS}, such as 7d or 30d")
    })
}

fn custom(from: Option<&str>, to: Option<&str>) -> Result<Range, String> {
    let instant = |key: &str, text: Option<&str>| {
        let text = text.ok_or_else(|| format!("from= and to= go together; {key}= is missing"))?;
        parse_rfc3339_ms(text.trim())
            .ok_or_else(|| format!("{key}={text}: expected an RFC 3339 time such as 2026-11-19T12:00:00Z"))
    };
    let (start_ms, end_ms) = (instant("from", from)?, instant("to", to)?);
    if start_ms >= end_ms {
        return Err(format!(
            "from={} to={}: the range must end after it starts",
            from.unwrap_or_default(),
            to.unwrap_or_default()
        ));
    }
    Ok(Range::Custom { start_ms, end_ms })
}

/// `t_ms` rounded to the nearest whole second (halves up).
fn round_to_second(t_ms: TimeMs) -> TimeMs {
    t_ms.saturating_add(MS_PER_SECOND / 2).div_euclid(MS_PER_SECOND) * MS_PER_SECOND
}

/// `t_ms` as the value of an `<input type="datetime-local">` on a clock `utc_offset_minutes`
/// ahead of UTC, to the minute: `2026-11-19T13:10`.
pub fn to_input_value(t_ms: TimeMs, utc_offset_minutes: i32) -> String {
    let local_ms = t_ms.saturating_add(i64::from(utc_offset_minutes) * 60_000);
    format_rfc3339(local_ms).chars().take(16).collect()
}

/// The instant an `<input type="datetime-local">` value (`2026-11-19T13:10`, seconds optional)
/// names on a clock `utc_offset_minutes` ahead of UTC; `None` when it is not such a value.
pub fn from_input_value(text: &str, utc_offset_minutes: i32) -> Option<TimeMs> {
    let text = text.trim();
    let with_seconds = match text.len() {
        16 => format!("{text}:00"),
        19 => text.to_string(),
        _ => return None,
    };
    let sign = if utc_offset_minutes < 0 { '-' } else { '+' };
    let offset = utc_offset_minutes.unsigned_abs();
    parse_rfc3339_ms(&format!("{with_seconds}{sign}{:02}:{:02}", offset / 60, offset % 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_values_read_back_on_any_clock() {
        // 2026-11-19T13:10:00Z
        let t_ms = 1_795_093_800_000;
        assert_eq!(to_input_value(t_ms, 0), "2026-11-19T13:10");
        assert_eq!(to_input_value(t_ms, 330), "2026-11-19T18:40");
        assert_eq!(to_input_value(t_ms, -14 * 60), "2026-11-18T23:10");
        for offset in [0, 330, -14 * 60, 60] {
            assert_eq!(from_input_value(&to_input_value(t_ms, offset), offset), Some(t_ms), "{offset}");
        }
        assert_eq!(from_input_value("2026-11-19T13:10:30", 0), Some(t_ms + 30_000));
        for bad in ["", "2026-11-19", "2026-11-19T25:00", "19/11/2026 13:10", "2026-11-19T13:10Z"] {
            assert_eq!(from_input_value(bad, 0), None, "{bad}");
        }
    }

    #[test]
    fn calendar_periods_are_whole_months_quarters_and_years_up_to_as_of() {
        let t = |text: &str| parse_rfc3339_ms(text).unwrap_or_default();
        let as_of = t("2026-11-23T00:00:00Z");
        let span = |text: [&str; 2]| Some(Span::new(t(text[0]), t(text[1])));
        let want = [
            span(["2026-11-01T00:00:00Z", "2026-11-23T00:00:00Z"]),
            span(["2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"]),
            span(["2026-10-01T00:00:00Z", "2026-11-23T00:00:00Z"]),
            span(["2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z"]),
            span(["2026-01-01T00:00:00Z", "2026-11-23T00:00:00Z"]),
        ];
        for ((label, months, back), want) in PERIODS.into_iter().zip(want) {
            assert_eq!(calendar_period(months, back, as_of, 0), want, "{label}");
        }
        // At midnight on the 1st, as-of closes the month before: "this month" is all of October.
        assert_eq!(
            calendar_period(1, 0, t("2026-11-01T00:00:00Z"), 0),
            span(["2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"])
        );
        // At 03:00 UTC on 1 January it is still 31 December 2025 on a clock 5 h behind UTC: last
        // year is 2024, starting at 05:00 UTC, and this quarter is 2025's last.
        let new_year = t("2026-01-01T03:00:00Z");
        assert_eq!(
            calendar_period(12, 1, new_year, -300),
            span(["2024-01-01T05:00:00Z", "2025-01-01T05:00:00Z"]),
            "still 2025 in New York"
        );
        assert_eq!(
            calendar_period(3, 0, new_year, -300),
            span(["2025-10-01T05:00:00Z", "2026-01-01T03:00:00Z"])
        );
        assert_eq!(calendar_period(1, 0, i64::MIN, 0), None);
    }

    const DAY: i64 = MS_PER_DAY;
    /// 2026-11-20T12:00:00Z.
    const AS_OF: i64 = 1_795_176_000_000;

    fn bounds() -> Span {
        Span::ending_at(AS_OF, 90 * DAY)
    }

    #[test]
    fn visible_span_resolves_presets_and_fits_custom_ranges() {
        let cases = [
            ("30 days end at as-of", Range::Preset { days: 30 }, Span::new(AS_OF - 30 * DAY, AS_OF)),
            ("a year shrinks to the bounds", Range::Preset { days: 365 }, bounds()),
            (
                "custom inside the bounds",
                Range::Custom { start_ms: AS_OF - 2 * DAY, end_ms: AS_OF - DAY },
                Span::new(AS_OF - 2 * DAY, AS_OF - DAY),
            ),
            (
                "custom past as-of moves back",
                Range::Custom { start_ms: AS_OF - DAY, end_ms: AS_OF + DAY },
                Span::new(AS_OF - 2 * DAY, AS_OF),
            ),
            (
                "custom shorter than a minute grows",
                Range::Custom { start_ms: AS_OF - DAY, end_ms: AS_OF - DAY + 1000 },
                Span::new(AS_OF - DAY, AS_OF - DAY + 60_000),
            ),
        ];
        for (label, range, want) in cases {
            assert_eq!(range.visible_span(AS_OF, bounds()), want, "{label}");
        }
    }

    #[test]
    fn from_span_finds_presets_and_rounds_to_seconds() {
        let cases = [
            ("exactly 7 days to as-of", Span::new(AS_OF - 7 * DAY, AS_OF), Range::Preset { days: 7 }),
            (
                "7 days not ending at as-of",
                Span::new(AS_OF - 8 * DAY, AS_OF - DAY),
                Range::Custom { start_ms: AS_OF - 8 * DAY, end_ms: AS_OF - DAY },
            ),
            (
                "within half a second of a preset",
                Span::new(AS_OF - 7 * DAY + 499, AS_OF - 300),
                Range::Preset { days: 7 },
            ),
            (
                "milliseconds round to the nearest second",
                Span::new(AS_OF - DAY - 1_499, AS_OF - 3_500),
                Range::Custom { start_ms: AS_OF - DAY - 1_000, end_ms: AS_OF - 3_000 },
            ),
            (
                "an empty span becomes one second",
                Span::new(AS_OF - 400, AS_OF - 400),
                Range::Custom { start_ms: AS_OF, end_ms: AS_OF + 1_000 },
            ),
            (
                "more days than the longest preset",
                Span::new(AS_OF - 4000 * DAY, AS_OF),
                Range::Custom { start_ms: AS_OF - 4000 * DAY, end_ms: AS_OF },
            ),
        ];
        for (label, span, want) in cases {
            assert_eq!(Range::from_span(span, AS_OF), want, "{label}");
        }
        // An as-of with milliseconds: the span the preset shows maps back to the preset.
        let as_of_ms = AS_OF + 300;
        let week = Range::Preset { days: 7 };
        assert_eq!(
            Range::from_span(week.visible_span(as_of_ms, bounds()), as_of_ms),
            week,
            "as-of off the second"
        );
    }

    #[test]
    fn params_prefer_from_and_to_and_report_the_rest() {
        let ignored = |range, from, to| {
            let mut ignored = Vec::new();
            let got = Range::from_params(range, from, to, &mut ignored);
            (got, ignored.len())
        };
        let (from, to) = (Some("2026-11-19T12:00:00Z"), Some("2026-11-20T12:00:00Z"));
        let day_before = Range::Custom { start_ms: AS_OF - DAY, end_ms: AS_OF };
        let cases = [
            ("nothing", (None, None, None), (Range::default(), 0)),
            ("7d", (Some("7d"), None, None), (Range::Preset { days: 7 }, 0)),
            ("bare number", (Some(" 90 "), None, None), (Range::Preset { days: 90 }, 0)),
            ("zero days", (Some("0d"), None, None), (Range::default(), 1)),
            ("hours are not days", (Some("12h"), None, None), (Range::default(), 1)),
            ("from and to", (None, from, to), (day_before, 0)),
            ("from and to win over range", (Some("7d"), from, to), (day_before, 1)),
            ("from alone falls back to range", (Some("7d"), from, None), (Range::Preset { days: 7 }, 1)),
            ("reversed", (None, to, from), (Range::default(), 1)),
            ("not a time", (None, Some("yesterday"), to), (Range::default(), 1)),
        ];
        for (label, (range, from, to), want) in cases {
            assert_eq!(ignored(range, from, to), want, "{label}");
        }
    }
}

/// Writing the chart's span into the URL and reading it back settles after one step.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod laws {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn from_span_of_visible_span_is_a_fixed_point(
            as_of_ms in 1_600_000_000_000i64..1_900_000_000_000,
            bounds_days in 1i64..120,
            start_frac in prop_oneof![Just(0.0f64), Just(1.0), 0.0f64..1.0],
            length_frac in prop_oneof![Just(0.0f64), Just(1.0), 0.0f64..1.0],
            nudge_ms in -1000i64..1000,
        ) {
            let bounds = Span::ending_at(as_of_ms, bounds_days * MS_PER_DAY);
            let length_ms = zoom::MIN_VISIBLE_MS
                + ((bounds.duration_ms() - zoom::MIN_VISIBLE_MS) as f64 * length_frac) as i64;
            let start_ms = bounds.start_ms + ((bounds.duration_ms() - length_ms) as f64 * start_frac) as i64;
            let span = zoom::fit(Span::new(start_ms + nudge_ms, start_ms + nudge_ms + length_ms), bounds);

            let first = Range::from_span(span, as_of_ms);
            let shown = first.visible_span(as_of_ms, bounds);
            prop_assert!((shown.start_ms - span.start_ms).abs() <= 1000, "start within a second");
            prop_assert!((shown.end_ms - span.end_ms).abs() <= 1000, "end within a second");
            prop_assert_eq!(Range::from_span(shown, as_of_ms), first, "no drift");
        }
    }
}
