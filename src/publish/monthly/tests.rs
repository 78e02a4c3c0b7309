//! The monthly report of a hand-made history, every figure computed by hand.

use super::*;
use crate::model::{parse_rfc3339_ms, Incident, Level, Service, Slo};

fn t(text: &str) -> TimeMs {
    parse_rfc3339_ms(text).unwrap_or_else(|| panic!("bad test time {text}"))
}

fn incident(service: &str, level: Level, start: &str, end: &str) -> Incident {
    Incident::for_test(service, level, t(start), Some(t(end)))
}

/// Mail (SLO 99.9 %) and api (no SLO), covered from 2026-11-01 to the as-of 2026-12-16.
fn history() -> Snapshot {
    let mut mail = Service::for_test("mail");
    mail.name = "=Mail | <b>Calendar</b>, etc".into();
    mail.slo = Some(Slo { target_ratio: 0.999, window_days: 30 });
    Snapshot {
        title: "Example".into(),
        as_of_ms: t("2026-12-16T00:00:00Z"),
        coverage: Span::new(t("2026-11-01T00:00:00Z"), t("2026-12-16T00:00:00Z")).into(),
        services: vec![mail, Service::for_test("api")],
        incidents: vec![
            // 21.6 min of November's 43,200: 99.95 %, half of the 43.2-minute budget.
            incident("mail", Level::Major, "2026-11-10T00:00:00Z", "2026-11-10T00:21:36Z"),
            // An hour across midnight: 60 min in each month, one incident in each.
            incident("api", Level::Partial, "2026-11-30T23:00:00Z", "2026-12-01T01:00:00Z"),
            // 60 min of December's 21,600 so far: 99.7222 %; 60 / 44.64 of the budget: 134.41 %.
            incident("mail", Level::Major, "2026-12-01T00:00:00Z", "2026-12-01T01:00:00Z"),
        ],
        ..Snapshot::default()
    }
}

#[test]
fn months_and_figures_by_hand() {
    let history = history();
    let months = monthly_report(&history, &Weights::STRICT, history.as_of_ms);
    let names: Vec<(&str, bool)> = months.iter().map(|m| (m.month.as_str(), m.complete)).collect();
    assert_eq!(names, [("2026-11", true), ("2026-12", false)]);
    let csv: String = months.iter().map(MonthReport::to_csv).collect();
    let want = [
        MONTHLY_CSV_HEADER,
        "2026-11,mail,\"'=Mail | <b>Calendar</b>, etc\",99.9500,99.9000,yes,21.60,1,50.00,100.00,yes",
        "2026-11,api,api,99.8611,,,60.00,1,,100.00,yes",
        MONTHLY_CSV_HEADER,
        "2026-12,mail,\"'=Mail | <b>Calendar</b>, etc\",99.7222,99.9000,no,60.00,1,134.41,100.00,no",
        "2026-12,api,api,99.7222,,,60.00,1,,100.00,no",
    ];
    assert_eq!(csv.lines().collect::<Vec<_>>(), want, "{csv}");

    let november = months[0].to_markdown(&history.title, &Weights::STRICT);
    let want_lines = [
        "# Example: 2026-11",
        "| service | availability | SLO | met | downtime | incidents | error budget used | coverage |",
        "| =Mail \\| &lt;b&gt;Calendar&lt;/b&gt;, etc (mail) | 99.950 % | 99.9 % | yes | 21 min 36 s | 1 | 50.0 % | 100.0 % |",
        "| api | 99.86 % |  |  | 1 h | 1 |  | 100.0 % |",
    ];
    for line in want_lines {
        assert!(november.lines().any(|l| l == line), "{line:?} missing in\n{november}");
    }
    assert!(november.contains("From 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z, UTC."), "{november}");
    let december = months[1].to_markdown("", &Weights::STRICT);
    assert!(december.starts_with("# Availability: 2026-12\n"), "{december}");
    assert!(december.contains("to 2026-12-16T00:00:00Z (the month so far)"), "{december}");
    assert!(december.contains("| 99.72 % | 99.9 % | no | 1 h | 1 | 134.4 % | 100.0 % |"), "{december}");
}

#[test]
fn nothing_rounds_up_to_100_and_unknown_is_not_up() {
    let mut history = history();
    history.incidents = vec![
        // One second down in November: 99.99996 %, which must not read 100; 1 s of a 43.2-minute
        // budget is 0.0386 %.
        incident("mail", Level::Major, "2026-11-10T00:00:00Z", "2026-11-10T00:00:01Z"),
    ];
    // December is not covered at all: no availability, no SLO verdict, 0 % coverage.
    history.coverage = Span::new(t("2026-11-01T00:00:00Z"), t("2026-12-01T00:00:00Z")).into();
    let months = monthly_report(&history, &Weights::STRICT, history.as_of_ms);
    let csv: String = months.iter().map(MonthReport::to_csv).collect();
    assert!(
        csv.contains(
            "\n2026-11,mail,\"'=Mail | <b>Calendar</b>, etc\",99.9999,99.9000,yes,0.02,1,0.04,100.00,yes\n"
        ),
        "{csv}"
    );
    assert!(csv.contains("\n2026-11,api,api,100.0000,,,0.00,0,,100.00,yes\n"), "{csv}");
    assert!(
        csv.contains("\n2026-12,mail,\"'=Mail | <b>Calendar</b>, etc\",,99.9000,,0.00,0,0.00,0.00,no\n"),
        "{csv}"
    );
    let december = months[1].to_markdown("T", &Weights::STRICT);
    assert!(december.contains("| no data | 99.9 % |  | no data | 0 | 0.0 % | 0.0 % |"), "{december}");
}

#[test]
fn an_empty_history_has_no_months() {
    assert_eq!(monthly_report(&Snapshot::default(), &Weights::STRICT, t("2026-12-16T00:00:00Z")), Vec::new());
}
