//! The monthly SLA view: every service in every UTC calendar month of the data, with its
//! availability against the SLO target (met or missed), downtime, incidents, the error budget
//! used and how much of the month the sources covered. The figures are `publish::monthly`'s, the
//! same as `nines report --monthly`; the table downloads as that command's CSV and prints as a
//! one-page report (the print stylesheet keeps only this section).

use std::sync::Arc;

use leptos::prelude::*;

use super::export;
use crate::analysis::Weights;
use crate::model::format::{
    format_availability, format_duration_exact, format_instant, format_percent, percent_label,
};
use crate::model::Snapshot;
use crate::publish::monthly::{monthly_report, months_to_csv, MonthReport, ServiceMonth};
use crate::state::{View, ViewState};

/// The monthly view of `snapshot`: a row per month and a column per service, or the transpose,
/// as the URL says. It is drawn anew with each refresh, so it reads the state untracked and
/// follows it through `changed`, which fires when it changes.
pub fn monthly_view(
    snapshot: Arc<Snapshot>,
    weights: Weights,
    state: RwSignal<ViewState>,
    changed: RwSignal<usize>,
) -> impl IntoView {
    let months = monthly_report(&snapshot, &weights, snapshot.as_of_ms);
    let title = match snapshot.title.trim() {
        "" => "Monthly availability".to_string(),
        title => format!("{title} — monthly availability"),
    };
    let period = match (months.first(), months.last()) {
        (Some(first), Some(last)) => {
            let until = if last.complete {
                format_instant(last.span.end_ms, 0)
            } else {
                format!("{} ({} so far)", format_instant(last.as_of_ms, 0), last.month)
            };
            format!("From {} to {until}.", format_instant(first.span.start_ms, 0))
        }
        _ => "No month has data yet.".to_string(),
    };
    let csv = months_to_csv(&months);
    let file_stem =
        format!("{}-monthly", if snapshot.title.trim().is_empty() { "nines" } else { &snapshot.title });
    let services_as_rows = move || {
        changed.track();
        state.with_untracked(|s| matches!(s.view, View::Monthly { services_as_rows: true }))
    };
    let transpose = move |_| {
        let by_service = !services_as_rows();
        state.update(|s| s.view = View::Monthly { services_as_rows: by_service });
    };
    let months = Arc::new(months);
    let sla_table = move || table(&months, services_as_rows());
    view! {
        <section class="panel monthly-report" aria-labelledby="monthly-heading" data-testid="monthly">
            <div class="panel-head">
                <h2 id="monthly-heading">{title}</h2>
                <div class="controls no-print">
                    <button type="button" on:click=transpose data-testid="monthly-transpose">
                        {move || if services_as_rows() { "Months as rows" } else { "Services as rows" }}
                    </button>
                    <button
                        type="button"
                        on:click=move |_| export::download_text(&csv, "text/csv", &file_stem, "csv")
                        data-testid="monthly-csv"
                    >
                        "Download CSV"
                    </button>
                    <button type="button" on:click=|_| print_page() data-testid="monthly-print">
                        "Print or save as PDF"
                    </button>
                </div>
            </div>
            <p class="caption" data-testid="monthly-period">
                {format!("{period} Calendar months in UTC. Counted as {}.", weights.describe())}
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Availability by month, table">
                {sla_table}
            </div>
            <p class="caption footnote" data-testid="monthly-footnote">
                "Each SLO is judged over the calendar month: met when the availability reaches the target. The error budget is (1 − target) × the whole month, and its share used can pass 100 %. Only the time the sources covered is counted: a month they covered in part says how much, and time they did not cover never counts as up."
            </p>
        </section>
    }
}

fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// A service's heading: its name, and its SLO target when it has one.
fn service_heading(row: &ServiceMonth) -> impl IntoView {
    let target = row.target_ratio.map(|t| format!("SLO {}", percent_label(t)));
    view! {
        {row.name.clone()}
        {target.map(|t| view! { <span class="sla-target">{t}</span> })}
    }
}

/// A month's heading: `2026-11`, with "so far" while it runs.
fn month_heading(month: &MonthReport) -> impl IntoView {
    view! {
        {month.month.clone()}
        {(!month.complete).then(|| view! { <span class="sla-target">"so far"</span> })}
    }
}

/// The table: a row per month and a column per service, or (`services_as_rows`) the transpose.
fn table(months: &[MonthReport], services_as_rows: bool) -> impl IntoView {
    let services = months.first().map_or(&[][..], |m| m.rows.as_slice());
    // The corner's word, the column headings, and each row's heading with its cells.
    type Row = (AnyView, Vec<AnyView>);
    let (corner, columns, rows): (&str, Vec<AnyView>, Vec<Row>) = if services_as_rows {
        let rows = services
            .iter()
            .enumerate()
            .map(|(at, service)| {
                let cells = months.iter().filter_map(|m| m.rows.get(at).map(|row| cell(m, row).into_any()));
                (service_heading(service).into_any(), cells.collect())
            })
            .collect();
        ("Service", months.iter().map(|m| month_heading(m).into_any()).collect(), rows)
    } else {
        let rows = months
            .iter()
            .map(|m| {
                (month_heading(m).into_any(), m.rows.iter().map(|row| cell(m, row).into_any()).collect())
            })
            .collect();
        ("Month", services.iter().map(|s| service_heading(s).into_any()).collect(), rows)
    };
    let columns = columns
        .into_iter()
        .map(|heading| {
            view! {
                <th scope="col" class="num">
                    {heading}
                </th>
            }
        })
        .collect_view();
    let rows = rows
        .into_iter()
        .map(|(heading, cells)| {
            view! {
                <tr>
                    <th scope="row">{heading}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="services sla-table">
            <thead>
                <tr>
                    <th scope="col">{corner}</th>
                    {columns}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// One service in one month: availability and verdict, downtime and incidents, budget used,
/// and the coverage when the sources covered the month in part.
fn cell(month: &MonthReport, row: &ServiceMonth) -> impl IntoView {
    let verdict = row.met.map(|met| {
        let (class, text) = if met { ("sla-met", "met") } else { ("sla-missed", "missed") };
        view! {
            <span class=class data-testid="sla-verdict">
                {text}
            </span>
        }
    });
    let incidents = match row.incidents {
        1 => "1 incident".to_string(),
        n => format!("{n} incidents"),
    };
    let downtime = match row.availability_ratio {
        Some(_) if row.downtime_ms > 0.0 => format_duration_exact(row.downtime_ms),
        Some(_) => "no downtime".to_string(),
        None => "no data".to_string(),
    };
    let budget = row.budget_used_ratio.map(|r| format!("{} of the error budget", format_percent(r, 1)));
    let coverage =
        (row.coverage_ratio < 1.0).then(|| format!("covered {}", format_percent(row.coverage_ratio, 1)));
    view! {
        <td
            class="num sla-cell"
            data-testid="sla-cell"
            data-month=month.month.clone()
            data-service=row.service.clone()
        >
            <span class="sla-availability">{format_availability(row.availability_ratio)}</span>
            " "
            {verdict}
            <span class="sla-line">{format!("{downtime} · {incidents}")}</span>
            {budget.map(|b| view! { <span class="sla-line">{b}</span> })}
            {coverage.map(|c| view! { <span class="sla-line muted">{c}</span> })}
        </td>
    }
}
