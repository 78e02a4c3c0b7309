//! `nines summary` and `nines report`: the analysis figures of status files, as JSON, a text
//! table, Markdown or CSV. Each file is analysed on its own, as of one shared instant.
//! `nines report --monthly` is the monthly availability report of `nines::publish::monthly`.

use nines::analysis::{
    incident_breakdown, slo_report, summary, Composite, IncidentStats, Profile, Replay, ServiceFigures,
    SloReport, SloWindow, Weights, SUMMARY_WINDOWS,
};
use nines::chart::{csv_field, csv_text};
use nines::model::format::{format_percent, format_rfc3339, NO_DATA};
use nines::model::{Snapshot, Span, TimeMs, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE};
use nines::publish::monthly::{monthly_report, months_to_csv};
use serde::Serialize;

/// One file's snapshot, set to the shared as-of instant.
pub struct Analysed {
    pub path: String,
    pub snapshot: Snapshot,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    as_of: String,
    weights: String,
    services: Vec<ServiceJson<'a>>,
}

#[derive(Serialize)]
struct ServiceJson<'a> {
    id: &'a str,
    name: &'a str,
    file: &'a str,
    basis: &'static str,
    windows: WindowsJson,
}

/// The windows in their natural order (a JSON map would sort "24h" after "30d").
#[derive(Serialize, Default)]
struct WindowsJson {
    #[serde(rename = "24h")]
    day: Option<WindowJson>,
    #[serde(rename = "7d")]
    week: Option<WindowJson>,
    #[serde(rename = "30d")]
    month: Option<WindowJson>,
    #[serde(rename = "90d")]
    quarter: Option<WindowJson>,
}

#[derive(Serialize)]
struct WindowJson {
    availability: Option<f64>,
    downtime_minutes: f64,
    incident_minutes: f64,
    incidents: usize,
    coverage: f64,
}

impl WindowsJson {
    fn of(figures: &ServiceFigures) -> WindowsJson {
        let mut out = WindowsJson::default();
        for (name, w) in &figures.windows {
            let slot = match *name {
                "24h" => &mut out.day,
                "7d" => &mut out.week,
                "30d" => &mut out.month,
                _ => &mut out.quarter,
            };
            *slot = Some(WindowJson {
                availability: w.availability_ratio,
                downtime_minutes: w.downtime_minutes,
                incident_minutes: w.incident_minutes,
                incidents: w.incidents,
                coverage: w.coverage_ratio,
            });
        }
        out
    }
}

fn basis_name(f: &ServiceFigures) -> &'static str {
    match f.basis {
        nines::analysis::Basis::Incidents => "incidents",
        nines::analysis::Basis::Samples => "samples",
    }
}

/// The summary as JSON in the documented shape.
pub fn summary_json(files: &[Analysed], as_of_ms: TimeMs, weights: &Weights) -> String {
    let figures: Vec<(&Analysed, Vec<ServiceFigures>)> =
        files.iter().map(|f| (f, summary(&f.snapshot, weights))).collect();
    let services = figures
        .iter()
        .flat_map(|(file, services)| {
            services.iter().map(move |s| ServiceJson {
                id: &s.id,
                name: &s.name,
                file: &file.path,
                basis: basis_name(s),
                windows: WindowsJson::of(s),
            })
        })
        .collect();
    let json = SummaryJson { as_of: format_rfc3339(as_of_ms), weights: weights.describe(), services };
    serde_json::to_string_pretty(&json).unwrap_or_default()
}

/// An availability to three decimals, rounded down as the dashboard rounds it.
fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| NO_DATA.into(), |r| format_percent(r, 3))
}

fn minutes(ms: f64) -> String {
    format!("{:.1}", ms / MS_PER_MINUTE as f64)
}

/// The summary as a plain text table, one line per service and window.
pub fn summary_text(files: &[Analysed], as_of_ms: TimeMs, weights: &Weights) -> String {
    let mut out = format!("as of {} ({})\n", format_rfc3339(as_of_ms), weights.describe());
    for file in files {
        for s in summary(&file.snapshot, weights) {
            out += &format!("{} ({}, from {}):\n", s.name, s.id, basis_name(&s));
            for (name, w) in &s.windows {
                out += &format!(
                    "  {name:>4}  {:>12}  down {:>9.1} min  incidents {:>3} ({:.1} min)  coverage {:.1} %\n",
                    percent(w.availability_ratio),
                    w.downtime_minutes,
                    w.incidents,
                    w.incident_minutes,
                    w.coverage_ratio * 100.0
                );
            }
        }
    }
    out
}

/// The output of `nines report`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Csv,
}

/// Rows of the long-form report: section, file, service, window, metric, value.
struct Rows(Vec<[String; 6]>);

impl Rows {
    fn push(&mut self, section: &str, file: &str, service: &str, window: &str, metric: &str, value: String) {
        let text = |t: &str| t.to_string();
        self.0.push([text(section), text(file), text(service), text(window), text(metric), value]);
    }
}

fn number(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| v.to_string())
}

/// Everything `nines report` says about one file, as rows.
fn report_rows(file: &Analysed, weights: &Weights, rows: &mut Rows) {
    let s = &file.snapshot;
    let path = file.path.as_str();
    for f in summary(s, weights) {
        for (window, w) in &f.windows {
            rows.push("availability", path, &f.id, window, "availability", number(w.availability_ratio));
            rows.push(
                "availability",
                path,
                &f.id,
                window,
                "downtime_minutes",
                w.downtime_minutes.to_string(),
            );
            rows.push(
                "availability",
                path,
                &f.id,
                window,
                "incident_minutes",
                w.incident_minutes.to_string(),
            );
            rows.push("availability", path, &f.id, window, "incidents", w.incidents.to_string());
            rows.push("availability", path, &f.id, window, "coverage", w.coverage_ratio.to_string());
        }
    }
    for service in &s.services {
        let Some(slo) = service.slo else { continue };
        let profile = Profile::for_service(s, &service.id, None, weights);
        let report =
            slo_report(&profile, slo.target_ratio, SloWindow::Rolling { days: slo.window_days }, s.as_of_ms);
        slo_rows(&report, path, &service.id, slo.window_days, rows);
    }
    let window = Span::ending_at(s.as_of_ms, 90 * MS_PER_DAY);
    let breakdown = incident_breakdown(s, window, s.as_of_ms);
    incident_rows(&breakdown.overall, path, "(all)", rows);
    for (service, stats) in breakdown.by_service.iter().filter(|(_, st)| st.count > 0) {
        incident_rows(stats, path, service, rows);
    }
    if !s.dependencies.is_empty() {
        match Replay::new(s, weights, Span::ending_at(s.as_of_ms, 30 * MS_PER_DAY)).composites() {
            Ok(composites) => {
                for c in composites.iter().filter(|c| s.dependencies.iter().any(|d| d.service == c.service)) {
                    dependency_rows(c, path, rows);
                }
            }
            Err(e) => rows.push("dependencies", path, "", "30d", "error", e.to_string()),
        }
    }
}

fn slo_rows(r: &SloReport, path: &str, service: &str, days: u32, rows: &mut Rows) {
    let window = format!("{days}d");
    let mut put = |metric: &str, value: String| rows.push("slo", path, service, &window, metric, value);
    put("target", r.target_ratio.to_string());
    put("availability", number(r.availability_ratio));
    put("budget_total_minutes", (r.budget_total_ms / MS_PER_MINUTE as f64).to_string());
    put("budget_used_minutes", (r.budget_used_ms / MS_PER_MINUTE as f64).to_string());
    put("budget_remaining_minutes", (r.budget_remaining_ms / MS_PER_MINUTE as f64).to_string());
    put("budget_remaining", number(r.budget_remaining_ratio));
    for b in &r.burn_rates {
        let hours = b.lookback_ms / MS_PER_HOUR;
        put(&format!("burn_rate_{hours}h"), number(b.rate));
        put(
            &format!("burn_alert_{hours}h"),
            if b.firing { format!("firing (> {})", b.threshold) } else { "ok".into() },
        );
    }
    put("exhaustion_in_hours", number(r.exhaustion_in_ms.map(|ms| ms / MS_PER_HOUR as f64)));
}

fn incident_rows(st: &IncidentStats, path: &str, service: &str, rows: &mut Rows) {
    let mut put = |metric: &str, value: String| rows.push("incidents", path, service, "90d", metric, value);
    let min = |ms: Option<f64>| number(ms.map(|m| m / MS_PER_MINUTE as f64));
    put("count", st.count.to_string());
    put("open", st.open_count.to_string());
    put("median_duration_minutes", min(st.median_duration_ms.map(|m| m as f64)));
    put("p90_duration_minutes", min(st.p90_duration_ms.map(|m| m as f64)));
    put("mttr_minutes", min(st.mttr_ms));
    put("mtbf_minutes", min(st.mtbf_ms));
    put("median_first_update_minutes", min(st.median_first_update_ms.map(|m| m as f64)));
    put("median_update_interval_minutes", min(st.median_update_interval_ms.map(|m| m as f64)));
    put("third_party_share", number(st.third_party_share));
}

fn dependency_rows(c: &Composite, path: &str, rows: &mut Rows) {
    let mut put =
        |metric: &str, value: String| rows.push("dependencies", path, &c.service, "30d", metric, value);
    put("own_availability", number(c.own_ratio));
    put("composite_availability", number(c.composite_ratio));
    put("static_estimate", number(c.static_ratio));
    put("gap", number(c.gap_ratio()));
    put("inherited_down_minutes", minutes(c.inherited_down_ms));
}

/// `nines report`: every figure, as Markdown (one table per section) or long-form CSV.
pub fn report(files: &[Analysed], as_of_ms: TimeMs, weights: &Weights, format: ReportFormat) -> String {
    let mut rows = Rows(Vec::new());
    for file in files {
        report_rows(file, weights, &mut rows);
    }
    match format {
        ReportFormat::Csv => {
            let mut out = String::from("section,file,service,window,metric,value\n");
            for row in &rows.0 {
                out += &csv_row(row);
                out.push('\n');
            }
            out
        }
        ReportFormat::Markdown => {
            let mut out = format!(
                "# Nines report\n\nAs of {}. Weights: {}.\n",
                format_rfc3339(as_of_ms),
                weights.describe()
            );
            let mut section = "";
            for row in &rows.0 {
                if row[0] != section {
                    section = &row[0];
                    out += &format!("\n## {}\n\n| file | service | window | metric | value |\n| --- | --- | --- | --- | ---: |\n", title(section));
                }
                let cells: Vec<String> = row[1..].iter().map(|c| c.replace('|', "\\|")).collect();
                out += &format!("| {} |\n", cells.join(" | "));
            }
            out
        }
    }
}

/// `nines report --monthly`: the availability of every service in every calendar month of each
/// file, as the collector's `reports/` have it: one CSV (the header once, then each file's months)
/// or each month's Markdown table.
pub fn monthly(files: &[Analysed], as_of_ms: TimeMs, weights: &Weights, format: ReportFormat) -> String {
    let months = files.iter().flat_map(|f| {
        monthly_report(&f.snapshot, weights, as_of_ms).into_iter().map(move |m| (&f.snapshot.title, m))
    });
    match format {
        ReportFormat::Csv => months_to_csv(&months.map(|(_, month)| month).collect::<Vec<_>>()),
        ReportFormat::Markdown => {
            months.map(|(title, month)| month.to_markdown(title, weights)).collect::<Vec<_>>().join("\n")
        }
    }
}

/// One line of the long-form CSV: the file and the service (third-party text) cannot start a
/// formula; the value is a number (a negative one stays one) or our own words.
fn csv_row(row: &[String; 6]) -> String {
    let [section, file, service, window, metric, value] = row;
    [
        csv_field(section),
        csv_text(file),
        csv_text(service),
        csv_field(window),
        csv_field(metric),
        csv_field(value),
    ]
    .join(",")
}

fn title(section: &str) -> &str {
    match section {
        "availability" => "Availability",
        "slo" => "Error budgets",
        "incidents" => "Incidents (90 days)",
        "dependencies" => "Dependencies (30 days)",
        other => other,
    }
}

/// The summary windows' names, for the usage text.
pub fn window_names() -> String {
    SUMMARY_WINDOWS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_csv_cells_never_start_a_formula() {
        let row = ["slo", "=cmd|' /C calc'!A0", "@SUM(1)", "30d", "budget_remaining_minutes", "-12.5"]
            .map(String::from);
        assert_eq!(csv_row(&row), "slo,'=cmd|' /C calc'!A0,'@SUM(1),30d,budget_remaining_minutes,-12.5");
    }

    #[test]
    fn summary_percentages_never_round_up_to_100() {
        let cases = [
            ("everything", Some(1.0), "100.000 %"),
            ("99.9996 % used to read 100.000 %", Some(0.999996), "99.999 %"),
            ("99.995 %", Some(0.99995), "99.995 %"),
            ("nothing", Some(0.0), "0.000 %"),
            ("no data", None, "no data"),
        ];
        for (label, ratio, want) in cases {
            assert_eq!(percent(ratio), want, "{label}");
        }
    }
}
