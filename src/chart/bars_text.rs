//! The uptime bars in words: each day's tooltip, the table that stands in for the chart, and its
//! CSV. Text from data (incident ids and titles) is put on one line and CSV-quoted where needed.

use super::bars::{DayBar, DayIncident, UptimeBarsSpec};
use super::text::{csv_document, csv_number};
use crate::model::format::{
    format_availability, format_date, format_duration_exact, format_weekday, zone_name,
};
use crate::model::MS_PER_MINUTE;

/// The CSV's header row.
pub const UPTIME_BARS_CSV_HEADER: &str =
    "date,availability_percent,downtime_minutes,coverage_percent,incidents";

/// What a day that scheduled maintenance touched says.
const MAINTENANCE: &str = "Scheduled maintenance";

/// `text` on one line: runs of whitespace (line breaks from data included) become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl UptimeBarsSpec {
    fn date(&self, bar: &DayBar) -> String {
        format_date(bar.span.start_ms, self.utc_offset_minutes)
    }

    fn incident_text(incident: &DayIncident) -> String {
        let share = format_duration_exact(incident.overlap_ms as f64);
        let duration = if incident.overlap_ms < incident.duration_ms {
            format!("{share} of {}", format_duration_exact(incident.duration_ms as f64))
        } else {
            share
        };
        format!("{} — {} ({duration})", one_line(&incident.id), one_line(&incident.title))
    }

    /// The tooltip of day `day`: its date, availability, exact downtime, coverage when partial,
    /// "Scheduled maintenance" when maintenance touched it, and one line per incident, `ID — title (time that day[ of its whole length])`. Empty for a
    /// day that does not exist.
    pub fn tooltip(&self, day: usize) -> Vec<String> {
        let Some(bar) = self.bars.get(day) else { return Vec::new() };
        let offset = self.utc_offset_minutes;
        let mut lines = vec![format!(
            "{} {} ({})",
            format_weekday(bar.span.start_ms, offset),
            self.date(bar),
            zone_name(offset)
        )];
        match bar.availability_ratio() {
            Some(ratio) => {
                lines.push(format!("Availability {}", format_availability(Some(ratio))));
                lines.push(format!("Downtime {}", format_duration_exact(bar.down_ms)));
            }
            None => lines.push("No data".into()),
        }
        if bar.coverage_ratio > 0.0 && bar.coverage_ratio < 1.0 {
            let so_far = if bar.span.end_ms > self.as_of_ms { " so far" } else { "" };
            lines.push(format!("Data for {:.0} % of the day{so_far}", (bar.coverage_ratio * 100.0).floor()));
        }
        if bar.maintenance {
            lines.push(MAINTENANCE.into());
        }
        lines.extend(bar.incidents.iter().map(Self::incident_text));
        lines
    }

    /// The chart as a table, one row per day: date, availability, downtime, incidents (after
    /// "Scheduled maintenance" when maintenance touched the day).
    pub fn table_rows(&self) -> Vec<[String; 4]> {
        self.bars
            .iter()
            .map(|bar| {
                let availability = bar.availability_ratio();
                let downtime = match availability {
                    Some(_) => format_duration_exact(bar.down_ms),
                    None => "—".into(),
                };
                let maintenance = bar.maintenance.then(|| MAINTENANCE.to_string());
                let incidents: Vec<String> =
                    maintenance.into_iter().chain(bar.incidents.iter().map(Self::incident_text)).collect();
                [self.date(bar), format_availability(availability), downtime, incidents.join("; ")]
            })
            .collect()
    }

    /// The table as CSV under [`UPTIME_BARS_CSV_HEADER`]; availability and downtime are empty on
    /// days without data.
    pub fn to_csv(&self) -> String {
        let rows: Vec<[String; 5]> = self
            .bars
            .iter()
            .zip(self.table_rows())
            .map(|(bar, [date, _, _, incidents])| {
                let availability = bar.availability_ratio();
                [
                    date,
                    csv_number(availability.map(|a| a * 100.0), 6),
                    csv_number(availability.map(|_| bar.down_ms / MS_PER_MINUTE as f64), 4),
                    csv_number(Some(bar.coverage_ratio * 100.0), 2),
                    incidents,
                ]
            })
            .collect();
        csv_document(UPTIME_BARS_CSV_HEADER, &rows)
    }
}
