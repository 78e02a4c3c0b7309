//! Zoom and pan as pure span arithmetic, shared by pointer, wheel, pinch and keyboard. Every
//! result lies inside `bounds` and is at least [`MIN_VISIBLE_MS`] long (or all of `bounds` when
//! that is shorter), so no gesture can zoom into nothing or pan off the data.

use crate::model::{Span, TimeMs};

/// The shortest visible range: one minute.
pub const MIN_VISIBLE_MS: i64 = 60_000;

/// `span` moved and shrunk to fit inside `bounds`, at least the minimum length.
pub fn fit(span: Span, bounds: Span) -> Span {
    let bounds_ms = bounds.duration_ms();
    let duration_ms = span.duration_ms().clamp(MIN_VISIBLE_MS.min(bounds_ms), bounds_ms);
    let start_ms = span.start_ms.clamp(bounds.start_ms, bounds.end_ms - duration_ms);
    Span::new(start_ms, start_ms + duration_ms)
}

/// `span` scaled by `factor` (below 1 zooms in) keeping `anchor_ms` at the same place on screen.
pub fn zoom(span: Span, factor: f64, anchor_ms: TimeMs, bounds: Span) -> Span {
    let factor = if factor.is_finite() && factor > 0.0 { factor } else { 1.0 };
    let anchor_ms = anchor_ms.clamp(span.start_ms, span.end_ms);
    let scaled = |t_ms: TimeMs| anchor_ms + ((t_ms - anchor_ms) as f64 * factor).round() as i64;
    let zoomed = Span::new(scaled(span.start_ms), scaled(span.end_ms));
    if zoomed.duration_ms() < MIN_VISIBLE_MS {
        // Keep the anchor's relative place while holding the minimum length.
        let before = (anchor_ms - span.start_ms) as f64 / span.duration_ms().max(1) as f64;
        let start_ms = anchor_ms - (before * MIN_VISIBLE_MS as f64).round() as i64;
        return fit(Span::new(start_ms, start_ms + MIN_VISIBLE_MS), bounds);
    }
    fit(zoomed, bounds)
}

/// `span` moved by `fraction` of its length (negative: back in time), stopping at `bounds`.
pub fn pan(span: Span, fraction: f64, bounds: Span) -> Span {
    let shift_ms = (span.duration_ms() as f64 * fraction).round() as i64;
    fit(Span::new(span.start_ms + shift_ms, span.end_ms + shift_ms), bounds)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn zoom_keeps_the_anchor_in_place_and_stays_in_bounds() {
        let bounds = Span::new(0, 30 * DAY);
        let cases = [
            // (span, factor, anchor, want)
            (bounds, 0.5, 15 * DAY, Span::new(7 * DAY + DAY / 2, 22 * DAY + DAY / 2)),
            (bounds, 0.5, 0, Span::new(0, 15 * DAY)),
            (Span::new(10 * DAY, 20 * DAY), 2.0, 20 * DAY, Span::new(0, 20 * DAY)),
            (Span::new(10 * DAY, 20 * DAY), 10.0, 15 * DAY, bounds),
            (
                Span::new(0, 2 * MIN_VISIBLE_MS),
                0.01,
                MIN_VISIBLE_MS,
                Span::new(MIN_VISIBLE_MS / 2, 3 * MIN_VISIBLE_MS / 2),
            ),
            (bounds, f64::NAN, DAY, bounds),
        ];
        for (span, factor, anchor, want) in cases {
            assert_eq!(zoom(span, factor, anchor, bounds), want, "{span:?} × {factor} at {anchor}");
        }
    }

    #[test]
    fn pan_stops_at_the_edges() {
        let bounds = Span::new(0, 30 * DAY);
        let week = Span::new(10 * DAY, 17 * DAY);
        assert_eq!(pan(week, 0.5, bounds), Span::new(13 * DAY + DAY / 2, 20 * DAY + DAY / 2));
        assert_eq!(pan(week, -10.0, bounds), Span::new(0, 7 * DAY));
        assert_eq!(pan(week, 10.0, bounds), Span::new(23 * DAY, 30 * DAY));
        assert_eq!(fit(Span::new(-5, 40 * DAY), bounds), bounds, "too long shrinks to the bounds");
    }
}
