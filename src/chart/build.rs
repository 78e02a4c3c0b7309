//! Building chart specs from a snapshot: the bridge from analysis figures to pictures.

use super::curve::CurveSpec;
use super::timeline::{TimelineRow, TimelineSpec};
use crate::analysis::{level_segments, rolling_availability, Profile};
use crate::model::{Level, Series, Snapshot, Span, MS_PER_DAY};

/// Rolling 24-hour availability of `series` over `window`, one point per device-pixel column.
pub fn curve_spec(
    snapshot: &Snapshot,
    series: &Series,
    window: Span,
    width_px: u32,
    scale: f64,
) -> CurveSpec {
    let points = match Profile::from_samples(snapshot, &series.service, series.region.as_deref()) {
        Some(profile) => rolling_availability(&profile, MS_PER_DAY, window, width_px.max(2) as usize),
        None => Vec::new(),
    };
    let shaded = level_segments(snapshot, &series.service, series.region.as_deref(), window)
        .into_iter()
        .filter(|s| matches!(s.level, Level::Major | Level::Partial))
        .map(|s| (s.span, s.level))
        .collect();
    let target_ratio = snapshot.service(&series.service).and_then(|s| s.slo).map(|slo| slo.target_ratio);
    CurveSpec { span: window, points, target_ratio, shaded, scale }
}

/// A curve's title, e.g. "Email — North America".
pub fn series_title(snapshot: &Snapshot, series: &Series) -> String {
    let service = snapshot.service(&series.service).map_or(series.service.as_str(), |s| s.name.as_str());
    match &series.region {
        Some(region) => format!("{service} — {}", snapshot.region_name(region)),
        None => service.to_string(),
    }
}

/// One timeline row per service, over `window`.
pub fn timeline_spec(snapshot: &Snapshot, window: Span, scale: f64) -> TimelineSpec {
    let rows = snapshot
        .services
        .iter()
        .map(|s| TimelineRow {
            label: s.name.clone(),
            segments: level_segments(snapshot, &s.id, None, window),
        })
        .collect();
    TimelineSpec { span: window, rows, scale }
}
