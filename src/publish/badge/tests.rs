//! Badges computed by hand: widths, colours, the text, the escaping, and the SVG read back.

use super::*;
use crate::model::{parse_rfc3339_ms, Incident, Service, Slo, TimeMs};

fn t(text: &str) -> TimeMs {
    parse_rfc3339_ms(text).unwrap_or_else(|| panic!("bad test time {text}"))
}

#[test]
fn widths_from_the_verdana_table() {
    // 9 9 . 9 5 ␣ %: 4 × 7 + 4 + 3.87 + 11.84.
    assert!((text_width("99.95 %") - 47.71).abs() < 1e-9);
    // M a i l: 9.27 + 6.61 + 3.01 + 3.01.
    assert!((text_width("Mail") - 21.9).abs() < 1e-9);
    assert!((text_width("é") - 7.0).abs() < 1e-9, "outside ASCII: an average letter");
    assert!((text_width("邮件") - 22.0).abs() < 1e-9, "CJK: a full em each");
    assert_eq!(text_width(""), 0.0);
}

#[test]
fn an_availability_badge_by_hand() {
    // Label 21.9 → 22 + 10 = 32 px; value 47.71 → 48 + 10 = 58 px; 90 in all.
    let svg = availability_badge("Mail", Some(0.9995), 0.999);
    let want = concat!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90\" height=\"20\" role=\"img\" aria-label=\"Mail: 99.95 %\">",
        "<title>Mail: 99.95 %</title>",
        "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>",
        "<clipPath id=\"r\"><rect width=\"90\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>",
        "<g clip-path=\"url(#r)\"><rect width=\"32\" height=\"20\" fill=\"#555\"/><rect x=\"32\" width=\"58\" height=\"20\" fill=\"#4c1\"/><rect width=\"90\" height=\"20\" fill=\"url(#s)\"/></g>",
        "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" text-rendering=\"geometricPrecision\" font-size=\"11\">",
        "<text aria-hidden=\"true\" x=\"16.0\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">Mail</text><text x=\"16.0\" y=\"14\">Mail</text>",
        "<text aria-hidden=\"true\" x=\"61.0\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">99.95 %</text><text x=\"61.0\" y=\"14\">99.95 %</text>",
        "</g></svg>\n"
    );
    assert_eq!(svg, want);
}

#[test]
fn values_and_colours() {
    // (label, ratio, target, value, colour)
    let cases = [
        ("meets 99.9 %", Some(0.9995), 0.999, "99.95 %", GREEN),
        ("exactly the target", Some(1.0 - 0.001), 0.999, "99.90 %", GREEN),
        ("misses, within twice the budget", Some(0.9985), 0.999, "99.85 %", YELLOW),
        ("misses by more", Some(0.997), 0.999, "99.70 %", RED),
        ("99.9999 % never reads 100", Some(0.999999), 0.999, "99.99 %", GREEN),
        ("all of it", Some(1.0), 0.999, "100.00 %", GREEN),
        ("no data", None, 0.999, "no data", GREY),
    ];
    for (label, ratio, target, value, colour) in cases {
        assert_eq!(availability_color(ratio, target), colour, "{label}");
        let svg = availability_badge("x", ratio, target);
        assert!(svg.contains(&format!("<title>x: {value}</title>")), "{label}: {svg}");
    }
    let levels = [
        (Level::Ok, "operational", GREEN),
        (Level::Maintenance, "maintenance", BLUE),
        (Level::Degraded, "degraded performance", YELLOW),
        (Level::Partial, "partial outage", ORANGE),
        (Level::Major, "major outage", RED),
        (Level::Unknown, "no data", GREY),
    ];
    for (level, value, colour) in levels {
        let svg = status_badge("api", level);
        assert!(svg.contains(&format!("<title>api: {value}</title>")) && svg.contains(colour), "{svg}");
    }
}

#[test]
fn service_badges_of_a_history() {
    let as_of = t("2026-12-16T00:00:00Z");
    let mut mail = Service::for_test("mail/eu");
    mail.name = "Mail".into();
    mail.slo = Some(Slo { target_ratio: 0.9, window_days: 30 });
    let history = Snapshot {
        as_of_ms: as_of,
        coverage: Span::ending_at(as_of, 30 * MS_PER_DAY).into(),
        services: vec![mail, Service::for_test("api")],
        // Open for the last 3 of 30 days: 90 %, exactly mail's target.
        incidents: vec![Incident::for_test("mail/eu", Level::Major, as_of - 3 * MS_PER_DAY, None)],
        ..Snapshot::default()
    };
    let badges = service_badges(&history, &Weights::STRICT);
    let names: Vec<&str> = badges.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["mail_eu-status.svg", "mail_eu-availability-30d.svg", "api-status.svg", "api-availability-30d.svg"]
    );
    assert!(badges[0].1.contains("<title>Mail: major outage</title>"), "{}", badges[0].1);
    assert!(badges[1].1.contains("<title>Mail 30d: 90.00 %</title>") && badges[1].1.contains(GREEN));
    assert!(badges[2].1.contains("<title>api: operational</title>"));
    assert!(badges[3].1.contains("<title>api 30d: 100.00 %</title>"));
    assert_eq!(file_stem("../x y"), "_._x_y");
}

/// The SVG is well-formed, its text is data (a hostile label reads back as written), and it
/// has the title a screen reader reads.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn badges_read_back_as_svg() {
    let hostile = "<script>alert(1)</script> & \"x\"";
    let svg = status_badge(hostile, Level::Ok);
    let document = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    let want = format!("{hostile}: operational");
    assert_eq!(root.attribute("aria-label"), Some(want.as_str()));
    let title = root.children().find(|c| c.tag_name().name() == "title").and_then(|c| c.text());
    assert_eq!(title, Some(want.as_str()));
    assert_eq!(document.descendants().filter(|n| n.tag_name().name() == "script").count(), 0);
    let texts: Vec<&str> =
        document.descendants().filter(|n| n.tag_name().name() == "text").filter_map(|n| n.text()).collect();
    assert_eq!(texts, [hostile, hostile, "operational", "operational"]);
}
