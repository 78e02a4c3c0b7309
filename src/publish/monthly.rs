//! The monthly availability report: one row per UTC calendar month and service, as CSV and as
//! Markdown.
//!
//! Contract:
//! - The months run from the one holding the history's first data (covered time, an incident or
//!   a sample) to the one holding as-of; the last is the month so far (`complete` false) and its
//!   figures stop at as-of.
//! - A row's figures are those of the dashboard, from [`Profile::for_service`] with the given
//!   weights over the month (to as-of): availability (`None` without counted time, never 100 %),
//!   weighted downtime, coverage (known time over the month so far), and the incidents that share
//!   time with the month (an incident across two months counts in both).
//! - The SLO is the service's target judged over the calendar month (its rolling window is not
//!   used here): met when the availability reaches the target; the error budget is
//!   `(1 − target) ×` the whole month, and the share used is the downtime over it (above 100 %
//!   when overspent). Without an SLO, or without availability, these are empty.
//! - CSV: one header line, numbers with a point, percentages rounded down like the dashboard's
//!   (never up to 100); every text cell through [`csv_text`], so that no cell starts a formula.
//!   Markdown: a heading, one sentence of context and a table; cells escaped so that a name
//!   cannot break the table or add markup.

use crate::analysis::{incident_stats, Profile, Weights};
use crate::chart::{csv_number, csv_text};
use crate::model::calendar::utc_month_of;
use crate::model::format::{
    format_availability, format_duration_exact, format_percent, format_rfc3339, percent_label, NO_DATA,
};
use crate::model::{Snapshot, Span, TimeMs, MS_PER_MINUTE};

use crate::history::layout::month_key;

/// One service over one month.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceMonth {
    pub service: String,
    pub name: String,
    /// `None` without counted time.
    pub availability_ratio: Option<f64>,
    pub target_ratio: Option<f64>,
    /// The availability reached the target; `None` without a target or an availability.
    pub met: Option<bool>,
    /// Weighted downtime.
    pub downtime_ms: f64,
    pub incidents: usize,
    /// Downtime over the month's error budget; `None` without a target below 1.
    pub budget_used_ratio: Option<f64>,
    /// Known time over the month so far.
    pub coverage_ratio: f64,
}

/// One calendar month of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthReport {
    /// `YYYY-MM`.
    pub month: String,
    /// The whole month, UTC.
    pub span: Span,
    /// The month ended by as-of.
    pub complete: bool,
    pub as_of_ms: TimeMs,
    pub rows: Vec<ServiceMonth>,
}

/// The CSV header of [`MonthReport::to_csv`].
pub const MONTHLY_CSV_HEADER: &str = "month,service,name,availability_percent,slo_target_percent,slo_met,downtime_minutes,incidents,error_budget_used_percent,coverage_percent,complete";

/// Every month of `history` up to `as_of_ms`, oldest first; see the module contract.
pub fn monthly_report(history: &Snapshot, weights: &Weights, as_of_ms: TimeMs) -> Vec<MonthReport> {
    let first_ms = [
        history.coverage.hull().map(|h| h.start_ms),
        history.incidents.iter().map(|i| i.start_ms).min(),
        history.series.iter().filter(|s| !s.samples.is_empty()).map(|s| s.samples.span().start_ms).min(),
    ]
    .into_iter()
    .flatten()
    .min();
    let Some(first_ms) = first_ms.filter(|f| *f < as_of_ms) else { return Vec::new() };
    let mut months = Vec::new();
    let mut at_ms = first_ms;
    while at_ms < as_of_ms {
        let Some(month) = utc_month_of(at_ms) else { break };
        months.push(month);
        at_ms = month.end_ms;
    }
    let profiles: Vec<(&crate::model::Service, Profile)> =
        history.services.iter().map(|s| (s, Profile::for_service(history, &s.id, None, weights))).collect();
    months
        .into_iter()
        .map(|month| {
            let so_far = Span::new(month.start_ms, month.end_ms.min(as_of_ms));
            let rows = profiles
                .iter()
                .map(|(service, profile)| {
                    let totals = profile.totals(so_far);
                    let availability_ratio = totals.availability_ratio();
                    let possible_ms = profile.possible_ms(so_far);
                    let target_ratio = service.slo.map(|slo| slo.target_ratio);
                    let budget_ms = target_ratio
                        .filter(|t| *t < 1.0)
                        .map(|t| (1.0 - t.max(0.0)) * month.duration_ms() as f64);
                    ServiceMonth {
                        service: service.id.clone(),
                        name: service.name.clone(),
                        availability_ratio,
                        target_ratio,
                        // A hair of tolerance: 1 − 43.2 min / 30 d meets 99.9 % though f64 says 0.99899…
                        met: target_ratio.zip(availability_ratio).map(|(t, a)| a + 1e-12 >= t),
                        downtime_ms: totals.down_ms,
                        incidents: incident_stats(history.incidents_of(&service.id), so_far, as_of_ms).count,
                        budget_used_ratio: budget_ms.map(|b| totals.down_ms / b),
                        coverage_ratio: if possible_ms > 0.0 { totals.known_ms / possible_ms } else { 0.0 },
                    }
                })
                .collect();
            MonthReport {
                month: month_key(month.start_ms),
                span: month,
                complete: month.end_ms <= as_of_ms,
                as_of_ms,
                rows,
            }
        })
        .collect()
}

/// `months` as one CSV: [`MONTHLY_CSV_HEADER`] once, then one line per month and service.
pub fn months_to_csv<'a>(months: impl IntoIterator<Item = &'a MonthReport>) -> String {
    let mut out = format!("{MONTHLY_CSV_HEADER}\n");
    for month in months {
        month.push_csv_lines(&mut out);
    }
    out
}

/// A ratio as a percentage number for CSV, rounded down like [`format_percent`].
fn percent_number(ratio: Option<f64>, decimals: u8) -> String {
    ratio
        .filter(|r| r.is_finite())
        .map_or(String::new(), |r| format_percent(r, decimals).trim_end_matches(" %").to_string())
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

/// A Markdown table cell: no line break, no `|`, no HTML.
fn md_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('`', "\\`")
        .replace(['\n', '\r'], " ")
}

impl MonthReport {
    /// The month as CSV: [`MONTHLY_CSV_HEADER`], then one line per service.
    pub fn to_csv(&self) -> String {
        months_to_csv([self])
    }

    /// One CSV line per service, each ended by a line feed.
    fn push_csv_lines(&self, out: &mut String) {
        for row in &self.rows {
            let fields = [
                csv_text(&self.month),
                csv_text(&row.service),
                csv_text(&row.name),
                percent_number(row.availability_ratio, 4),
                csv_number(row.target_ratio.map(|t| t * 100.0), 4),
                yes_no(row.met).to_string(),
                csv_number(Some(row.downtime_ms / MS_PER_MINUTE as f64), 2),
                row.incidents.to_string(),
                csv_number(row.budget_used_ratio.map(|r| r * 100.0), 2),
                percent_number(Some(row.coverage_ratio), 2),
                if self.complete { "yes" } else { "no" }.to_string(),
            ];
            out.push_str(&fields.join(","));
            out.push('\n');
        }
    }

    /// The month as Markdown, headed with `title` (the dashboard's) and the weights.
    pub fn to_markdown(&self, title: &str, weights: &Weights) -> String {
        let heading =
            if title.trim().is_empty() { "Availability".to_string() } else { md_cell(title.trim()) };
        let until = if self.complete {
            format!("to {}", format_rfc3339(self.span.end_ms))
        } else {
            format!("to {} (the month so far)", format_rfc3339(self.as_of_ms))
        };
        let mut out = format!(
            "# {heading}: {}\n\nFrom {} {until}, UTC. Weights: {}.\n\n",
            self.month,
            format_rfc3339(self.span.start_ms),
            weights.describe()
        );
        out.push_str(
            "| service | availability | SLO | met | downtime | incidents | error budget used | coverage |\n",
        );
        out.push_str("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
        for row in &self.rows {
            let name = if row.name == row.service {
                md_cell(&row.name)
            } else {
                format!("{} ({})", md_cell(&row.name), md_cell(&row.service))
            };
            let cells = [
                name,
                format_availability(row.availability_ratio),
                row.target_ratio.map_or(String::new(), percent_label),
                yes_no(row.met).to_string(),
                if row.availability_ratio.is_some() {
                    format_duration_exact(row.downtime_ms)
                } else {
                    NO_DATA.into()
                },
                row.incidents.to_string(),
                row.budget_used_ratio.map_or(String::new(), |r| format_percent(r, 1)),
                format_percent(row.coverage_ratio, 1),
            ];
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }
}

#[cfg(test)]
mod tests;
