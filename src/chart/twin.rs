//! Text twins: the figures behind each chart as sentences, table rows and CSV, for screen
//! readers, for export and for the tests that read what a chart shows. Times in CSV are RFC 3339
//! UTC; text from data is quoted, never interpreted.

use super::curve::CurveSpec;
use super::text::{csv_document, formula_safe};
use super::timeline::{rank, TimelineSpec};
use crate::analysis::IncidentStats;
use crate::model::format::{
    format_availability, format_duration_exact, format_instant, format_percent, format_rfc3339,
};
use crate::model::{sort_with, Level, Origin, Snapshot, Span};

/// One outage (or maintenance) on one timeline row, over its extent inside the window.
#[derive(Clone, Debug, PartialEq)]
pub struct OutageRow {
    pub row_label: String,
    pub service_id: String,
    pub region: Option<String>,
    /// Index into `snapshot.incidents`; `None` for maintenance.
    pub incident: Option<usize>,
    pub incident_id: String,
    pub title: String,
    /// The worst level it reached in the window.
    pub level: Level,
    pub origin: Origin,
    pub span: Span,
}

/// The outages and maintenance on every row of `spec`, in row order then time order; time
/// without data is left out (the table says what happened, not what is unknown).
pub fn timeline_outages(spec: &TimelineSpec, snapshot: &Snapshot) -> Vec<OutageRow> {
    let mut rows = Vec::new();
    for row in &spec.rows {
        let first_of_row = rows.len();
        for segment in row.segments.iter().filter(|s| s.level != Level::Unknown) {
            let merged = segment.incident.and_then(|index| {
                rows[first_of_row..].iter_mut().find(|r: &&mut OutageRow| r.incident == Some(index))
            });
            if let Some(existing) = merged {
                existing.span =
                    Span::new(existing.span.start_ms, existing.span.end_ms.max(segment.span.end_ms));
                if rank(segment.level) > rank(existing.level) {
                    existing.level = segment.level;
                }
                continue;
            }
            let incident = segment.incident.and_then(|index| snapshot.incidents.get(index));
            rows.push(OutageRow {
                row_label: row.label.clone(),
                service_id: row.service_id.clone(),
                region: row.region.clone(),
                incident: segment.incident,
                incident_id: incident.map(|i| i.id.clone()).unwrap_or_default(),
                title: incident.map_or_else(|| "Scheduled maintenance".to_string(), |i| i.title.clone()),
                level: segment.level,
                origin: segment.origin,
                span: segment.span,
            });
        }
    }
    rows
}

/// "3 outages on 3 services between … and …" for the timeline's caption.
pub fn timeline_summary(outages: &[OutageRow], span: Span, utc_offset_minutes: i32) -> String {
    let mut services: Vec<&str> = outages.iter().map(|o| o.service_id.as_str()).collect();
    sort_with(&mut services, |a, b| a.cmp(b));
    services.dedup();
    let (from, to) =
        (format_instant(span.start_ms, utc_offset_minutes), format_instant(span.end_ms, utc_offset_minutes));
    match outages.len() {
        0 => format!("No outages or maintenance between {from} and {to}."),
        n => format!(
            "{n} outage{} or maintenance window{} on {} service{} between {from} and {to}.",
            plural(n),
            plural(n),
            services.len(),
            plural(services.len())
        ),
    }
}

/// The incident figures of a list of incidents over the last `days` days, in one sentence:
/// "Last 30 days: 2 incidents, 26 h 5 min of incident time, 24 h 55 min of it third party
/// (95.5 %); mean time to repair 13 h 2 min 30 s." Incident time is the union of the incidents'
/// spans, so overlaps count once.
pub fn incident_figures(stats: &IncidentStats, days: i64) -> String {
    let count = stats.count;
    let mut line = format!("Last {days} days: ");
    if count == 0 {
        line.push_str("no incidents.");
        return line;
    }
    line += &format!("{count} incident{}, ", plural(count));
    match stats.third_party_share {
        None => line.push_str("no incident time"),
        Some(share) => {
            let third_party = match stats.third_party_downtime_ms {
                0 => "none of it third party".to_string(),
                ms => format!(
                    "{} of it third party ({})",
                    format_duration_exact(ms as f64),
                    format_percent(share, 1)
                ),
            };
            line += &format!(
                "{} of incident time, {third_party}",
                format_duration_exact(stats.downtime_ms as f64)
            );
        }
    }
    if let Some(mttr_ms) = stats.mttr_ms {
        line += &format!("; mean time to repair {}", format_duration_exact(mttr_ms));
    }
    line.push('.');
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The timeline's outages as CSV.
pub fn timeline_csv(outages: &[OutageRow]) -> String {
    let rows: Vec<[String; 9]> = outages
        .iter()
        .map(|o| {
            // Ids and titles come from the sources: a spreadsheet must not run them.
            [
                formula_safe(&o.service_id),
                formula_safe(o.region.as_deref().unwrap_or_default()),
                formula_safe(&o.incident_id),
                formula_safe(&o.title),
                o.level.as_str().to_string(),
                o.origin.as_str().to_string(),
                format_rfc3339(o.span.start_ms),
                format_rfc3339(o.span.end_ms),
                format!("{}", o.span.duration_ms() as f64 / 60_000.0),
            ]
        })
        .collect();
    csv_document("service,region,incident,title,level,origin,start,end,duration_minutes", &rows)
}

/// "Lowest 23.81 % at …; target 99.9 %; 1 outage shaded." for the curve's caption.
pub fn curve_summary(spec: &CurveSpec) -> String {
    let lowest =
        spec.points.iter().filter_map(|(t, v)| v.map(|v| (*t, v))).fold(None::<(i64, f64)>, |low, (t, v)| {
            match low {
                Some((_, l)) if l <= v => low,
                _ => Some((t, v)),
            }
        });
    let mut parts = Vec::new();
    match lowest {
        Some((t_ms, ratio)) => parts.push(format!(
            "Lowest {} at {}",
            format_availability(Some(ratio)),
            format_instant(t_ms, spec.utc_offset_minutes)
        )),
        None => parts.push("No data in this range".to_string()),
    }
    if let Some(target) = spec.target_ratio {
        parts.push(format!("target {}", format_availability(Some(target))));
    }
    let outages = spec.shaded.len();
    parts.push(format!("{outages} outage{} shaded", plural(outages)));
    format!("{}.", parts.join("; "))
}

/// The outages a curve shades, with their exact durations, as table rows.
pub fn curve_outage_rows(spec: &CurveSpec) -> Vec<[String; 4]> {
    spec.shaded
        .iter()
        .map(|s| {
            [
                format_instant(s.span.start_ms, spec.utc_offset_minutes),
                format_instant(s.span.end_ms, spec.utc_offset_minutes),
                format_duration_exact(s.span.duration_ms() as f64),
                s.level.label().to_string(),
            ]
        })
        .collect()
}

/// The curve's points as CSV (`time,availability_percent`; empty where there is no data).
pub fn curve_csv(spec: &CurveSpec) -> String {
    let rows: Vec<[String; 2]> = spec
        .points
        .iter()
        .map(|(t_ms, value)| {
            [format_rfc3339(*t_ms), value.map(|v| format!("{}", v * 100.0)).unwrap_or_default()]
        })
        .collect();
    csv_document("time,availability_percent", &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MS_PER_MINUTE;

    #[test]
    fn incident_figures_read_as_a_sentence() {
        let min = |m: i64| m * MS_PER_MINUTE;
        // MO1221364's 24 h 55 min and a 70 min incident of the operator's own, a day apart.
        let month = IncidentStats {
            count: 2,
            downtime_ms: min(1495 + 70),
            third_party_downtime_ms: min(1495),
            third_party_share: Some(1495.0 / 1565.0),
            mttr_ms: Some(min(1495 + 70) as f64 / 2.0),
            ..IncidentStats::default()
        };
        let own_only = IncidentStats {
            count: 1,
            open_count: 1,
            downtime_ms: min(30),
            third_party_share: Some(0.0),
            ..IncidentStats::default()
        };
        let zero_length = IncidentStats { count: 1, mttr_ms: Some(0.0), ..IncidentStats::default() };
        let cases = [
            (
                month,
                "Last 30 days: 2 incidents, 26 h 5 min of incident time, 24 h 55 min of it third party \
                 (95.5 %); mean time to repair 13 h 2 min 30 s.",
            ),
            (own_only, "Last 30 days: 1 incident, 30 min of incident time, none of it third party."),
            (zero_length, "Last 30 days: 1 incident, no incident time; mean time to repair 0 s."),
            (IncidentStats::default(), "Last 30 days: no incidents."),
        ];
        for (stats, want) in cases {
            assert_eq!(incident_figures(&stats, 30), want);
        }
    }
}
