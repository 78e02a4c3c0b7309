//! Mapping time to pixels, and tick labels.

use crate::model::timefmt::format_month_day;
use crate::model::{Span, TimeMs, MS_PER_DAY};

/// Maps `[span.start_ms, span.end_ms]` onto `[left_px, right_px]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    pub span: Span,
    pub left_px: i32,
    pub right_px: i32,
}

impl TimeScale {
    pub fn px_from_ms(&self, t_ms: TimeMs) -> f64 {
        let duration_ms = self.span.duration_ms().max(1) as f64;
        let width_px = f64::from(self.right_px - self.left_px);
        f64::from(self.left_px) + (t_ms - self.span.start_ms) as f64 / duration_ms * width_px
    }

    /// The time at the left edge of pixel column `x_px`.
    pub fn ms_from_px(&self, x_px: f64) -> TimeMs {
        let width_px = f64::from((self.right_px - self.left_px).max(1));
        let fraction = (x_px - f64::from(self.left_px)) / width_px;
        self.span.start_ms + (fraction * self.span.duration_ms() as f64).round() as i64
    }
}

/// Day-aligned (UTC) ticks inside `span`, spaced so that at most `max_ticks` fit.
pub fn time_ticks(span: Span, max_ticks: usize) -> Vec<(TimeMs, String)> {
    let days = (span.duration_ms() / MS_PER_DAY).max(1);
    let step_days = [1, 2, 7, 14, 30, 60, 90, 180, 365]
        .into_iter()
        .find(|step| days / step < max_ticks.max(1) as i64)
        .unwrap_or(365);
    let step_ms = step_days * MS_PER_DAY;
    let first_ms = span.start_ms.div_euclid(step_ms) * step_ms + step_ms;
    (0..)
        .map(|k| first_ms + k * step_ms)
        .take_while(|t| *t < span.end_ms)
        .map(|t| (t, format_month_day(t)))
        .collect()
}

/// `99.95 %`, with as many decimals as the value needs (at most three).
pub fn percent_label(ratio: f64) -> String {
    let percent = ratio * 100.0;
    for decimals in 0..3 {
        let scale = 10f64.powi(decimals);
        if ((percent * scale).round() - percent * scale).abs() < 1e-6 {
            return format!("{percent:.prec$} %", prec = decimals as usize);
        }
    }
    format!("{percent:.3} %")
}

/// An availability as people read it: two decimals, three from 99.9 % up, always rounded
/// down so that 99.9996 % never shows as 100 %. `None` reads "no data".
pub fn format_availability(ratio: Option<f64>) -> String {
    let Some(ratio) = ratio else { return "no data".into() };
    let decimals = if ratio >= 0.999 { 3 } else { 2 };
    let scale = 10f64.powi(decimals + 2);
    // The small epsilon keeps exact values such as 0.9995 from flooring to 99.949.
    let floored = ((ratio * scale) + 1e-6).floor() / scale * 100.0;
    format!("{floored:.prec$} %", prec = decimals as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_labels_show_the_nines() {
        let cases =
            [(1.0, "100 %"), (0.9995, "99.95 %"), (0.99, "99 %"), (0.999, "99.9 %"), (0.12345, "12.345 %")];
        for (ratio, want) in cases {
            assert_eq!(percent_label(ratio), want, "{ratio}");
        }
    }

    #[test]
    fn availability_is_never_rounded_up() {
        let cases = [
            (Some(1.0), "100.000 %"),
            (Some(0.999996), "99.999 %"),
            (Some(0.9995), "99.950 %"),
            (Some(0.965393), "96.53 %"),
            (None, "no data"),
        ];
        for (ratio, want) in cases {
            assert_eq!(format_availability(ratio), want, "{ratio:?}");
        }
    }

    #[test]
    fn pixels_and_times_round_trip() {
        let scale = TimeScale { span: Span::new(0, 1000), left_px: 100, right_px: 200 };
        assert_eq!(scale.px_from_ms(500), 150.0);
        assert_eq!(scale.ms_from_px(150.0), 500);
    }
}
