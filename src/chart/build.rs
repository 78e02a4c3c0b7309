//! Building chart specs from a snapshot: the bridge from analysis figures to pictures. Specs
//! come out in UTC; the caller sets `utc_offset_minutes` for another clock.

use std::sync::Arc;

use super::curve::CurveSpec;
use super::timeline::{BarTitle, TimelineRow, TimelineSpec};
use crate::analysis::{level_segments, rolling_availability, LevelSegment, Profile, ServiceProfiles};
use crate::model::{Level, Series, Snapshot, Span, MS_PER_DAY};

/// What a curve needs from the snapshot, prepared once per series: the running totals of its
/// samples (shared with the other figures when they are the same) and its outages over `bounds`.
/// Each frame then costs O(width) (O(width · log n) for irregular samples) however long the
/// series is, so zooming and panning never rescan it.
#[derive(Clone, Debug)]
pub struct CurveSource {
    profile: Option<Arc<Profile>>,
    /// Major and partial outages inside `bounds`, in time order.
    outages: Vec<LevelSegment>,
    target_ratio: Option<f64>,
}

impl CurveSource {
    /// `profiles` were built from `snapshot`; an empty set makes the curve build its own.
    pub fn new(
        snapshot: &Snapshot,
        series: &Series,
        bounds: Span,
        profiles: &ServiceProfiles,
    ) -> CurveSource {
        let region = series.region.as_deref();
        CurveSource {
            profile: profiles.of_series(snapshot, series),
            outages: level_segments(snapshot, &series.service, region, bounds)
                .into_iter()
                .filter(|s| matches!(s.level, Level::Major | Level::Partial))
                .collect(),
            target_ratio: snapshot.service(&series.service).and_then(|s| s.slo).map(|slo| slo.target_ratio),
        }
    }

    /// Rolling 24-hour availability over `window`, one point per device-pixel column.
    pub fn spec(&self, window: Span, width_px: u32, scale: f64) -> CurveSpec {
        let points = match &self.profile {
            Some(profile) => rolling_availability(profile, MS_PER_DAY, window, width_px.max(2) as usize),
            None => Vec::new(),
        };
        let first = self.outages.partition_point(|s| s.span.end_ms <= window.start_ms);
        let shaded = self
            .outages
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|s| s.span.start_ms < window.end_ms)
            .filter_map(|s| Some(LevelSegment { span: s.span.intersect(&window)?, ..s.clone() }))
            .collect();
        CurveSpec {
            span: window,
            points,
            target_ratio: self.target_ratio,
            shaded,
            stepped: false,
            scale,
            utc_offset_minutes: 0,
        }
    }
}

/// Rolling 24-hour availability of `series` over `window`, one point per device-pixel column.
pub fn curve_spec(
    snapshot: &Snapshot,
    series: &Series,
    window: Span,
    width_px: u32,
    scale: f64,
) -> CurveSpec {
    CurveSource::new(snapshot, series, window, &ServiceProfiles::default()).spec(window, width_px, scale)
}

/// A curve's title, e.g. "Email — North America".
pub fn series_title(snapshot: &Snapshot, series: &Series) -> String {
    row_label(snapshot, &series.service, series.region.as_deref())
}

/// "Email", or "Email — North America" for one region.
fn row_label(snapshot: &Snapshot, service_id: &str, region: Option<&str>) -> String {
    let service = snapshot.service(service_id).map_or(service_id, |s| s.name.as_str());
    match region {
        Some(region) => format!("{service} — {}", snapshot.region_name(region)),
        None => service.to_string(),
    }
}

/// The timeline's rows: one per service or, `by_region`, one per service and region it runs in
/// (a service without regions keeps one row); only `only_service`'s when it is named.
fn timeline_rows<'a>(
    snapshot: &'a Snapshot,
    by_region: bool,
    only_service: Option<&'a str>,
) -> impl Iterator<Item = (&'a str, Option<&'a str>)> {
    let services = snapshot.services.iter().filter(move |s| only_service.is_none_or(|id| s.id == id));
    services.flat_map(move |service| {
        let regions: Vec<Option<&str>> = match by_region && !service.regions.is_empty() {
            true => service.regions.iter().map(|r| Some(r.as_str())).collect(),
            false => vec![None],
        };
        regions.into_iter().map(move |region| (service.id.as_str(), region))
    })
}

/// The timeline's height in CSS pixels, known without computing its rows' segments.
pub fn timeline_height_css_px(snapshot: &Snapshot, by_region: bool, only_service: Option<&str>) -> f64 {
    TimelineSpec::height_for_rows(timeline_rows(snapshot, by_region, only_service).count())
}

/// One timeline row per service over `window` or, `by_region`, one per service and region it
/// runs in (a service without regions keeps one row); only `only_service`'s rows when it is named.
pub fn timeline_spec(
    snapshot: &Snapshot,
    window: Span,
    scale: f64,
    by_region: bool,
    only_service: Option<&str>,
) -> TimelineSpec {
    let rows = timeline_rows(snapshot, by_region, only_service)
        .map(|(service_id, region)| {
            let segments = level_segments(snapshot, service_id, region, window);
            TimelineRow {
                label: row_label(snapshot, service_id, region),
                service_id: service_id.to_string(),
                region: region.map(str::to_string),
                titles: bar_titles(snapshot, &segments),
                segments,
            }
        })
        .collect();
    TimelineSpec { span: window, rows, scale, utc_offset_minutes: 0 }
}

/// One title per incident among `segments`, over the extent of its segments, in time order.
fn bar_titles(snapshot: &Snapshot, segments: &[LevelSegment]) -> Vec<BarTitle> {
    let mut titles: Vec<(usize, BarTitle)> = Vec::new();
    for segment in segments {
        let Some(index) = segment.incident else { continue };
        match titles.iter_mut().find(|(i, _)| *i == index) {
            Some((_, title)) => {
                title.span = Span::new(
                    title.span.start_ms.min(segment.span.start_ms),
                    title.span.end_ms.max(segment.span.end_ms),
                )
            }
            None => {
                let Some(incident) = snapshot.incidents.get(index) else { continue };
                let text = match incident.title.trim() {
                    "" => incident.id.clone(),
                    title => format!("{} — {title}", incident.id),
                };
                titles.push((index, BarTitle { span: segment.span, text }));
            }
        }
    }
    let mut titles: Vec<BarTitle> = titles.into_iter().map(|(_, t)| t).collect();
    crate::model::sort_by_time(&mut titles, |t| t.span.start_ms);
    titles
}
