//! The demo data set (`public/data/demo.json`): it is exactly what the generator writes, it reads
//! back losslessly, and it tells the story the dashboard is built around.
//!
//! Run with `cargo test --no-default-features --test demo`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "../examples/gen_demo/story.rs"]
mod story;

use nines::analysis::{self, Weights};
use nines::ingest::{self, native, Format};
use nines::model::{
    Incident, IncidentStatus, Level, Origin, Series, Snapshot, Span, MS_PER_DAY, MS_PER_MINUTE,
};

#[path = "support/times.rs"]
mod times;
use times::t;

const DEMO_JSON: &str = include_str!("../public/data/demo.json");

fn series<'a>(s: &'a Snapshot, service: &str, region: &str) -> &'a Series {
    s.series
        .iter()
        .find(|x| x.service == service && x.region.as_deref() == Some(region))
        .unwrap_or_else(|| panic!("no series for {service}/{region}"))
}

fn the_outage(s: &Snapshot) -> (usize, &Incident) {
    s.incidents
        .iter()
        .enumerate()
        .find(|(_, i)| i.id == "MO1221364")
        .expect("incident MO1221364 is in the demo")
}

/// Compares everything but the series with `==`, then the samples one by one and by bits, so a
/// failure names the first differing sample instead of printing half a million of them.
fn assert_same_snapshot(got: &Snapshot, want: &Snapshot) {
    let without_series = |s: &Snapshot| Snapshot { series: Vec::new(), ..s.clone() };
    assert_eq!(without_series(got), without_series(want), "snapshots differ outside the series");
    assert_eq!(got.series.len(), want.series.len(), "number of series");
    for (g, w) in got.series.iter().zip(&want.series) {
        let name = format!("{}/{}", w.service, w.region.as_deref().unwrap_or("-"));
        assert_eq!((&g.service, &g.region), (&w.service, &w.region), "series order");
        assert_eq!(g.samples.span(), w.samples.span(), "{name}: span");
        let (gv, wv) = (g.samples.up_ratio(), w.samples.up_ratio());
        assert_eq!(gv.len(), wv.len(), "{name}: length");
        let same = |a: f32, b: f32| (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits();
        if let Some(i) = gv.iter().zip(wv).position(|(a, b)| !same(*a, *b)) {
            panic!("{name}: sample {i} is {} but should be {}", gv[i], wv[i]);
        }
        assert!(g == w, "{name}: series differ");
    }
}

#[test]
fn committed_demo_file_is_what_the_generator_writes() {
    let want = native::write(&story::demo_snapshot()) + "\n";
    assert!(
        DEMO_JSON == want,
        "public/data/demo.json is stale ({} bytes; the generator writes {} bytes): run `make demo`",
        DEMO_JSON.len(),
        want.len()
    );
}

#[test]
fn demo_is_deterministic() {
    let (a, b) = (story::demo_snapshot(), story::demo_snapshot());
    assert_same_snapshot(&a, &b);
    assert_eq!(native::write(&a), native::write(&b));
}

#[test]
fn demo_file_round_trips() {
    let parsed = ingest::parse(DEMO_JSON, None).expect("demo.json reads");
    assert_eq!(parsed.format, Format::Native);
    assert!(parsed.issues.is_empty(), "issues: {:?}", parsed.issues);
    assert_same_snapshot(&parsed.snapshot, &story::demo_snapshot());
}

#[test]
fn demo_tells_the_story() {
    let s = story::demo_snapshot();
    let as_of = t("2026-11-23T00:00:00Z");
    assert_eq!(s.title, "Northwind Traders — service status");
    assert_eq!(s.as_of_ms, as_of);
    assert_eq!(s.coverage, Span::new(t("2026-08-25T00:00:00Z"), as_of));
    assert_eq!(s.coverage.total_ms(), 90 * MS_PER_DAY);
    let (_, outage) = the_outage(&s);
    assert_eq!(s.service_names(&outage.services), "Email, Cloud productivity suite, Network & CDN provider");
    assert_eq!(s.service_name("no-such-service"), "no-such-service");
    let ids: Vec<&str> = s.services.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["email", "chat", "files", "sso", "webapp", "api", "suite", "network"]);
    assert!(s.incidents.windows(2).all(|w| w[0].start_ms <= w[1].start_ms), "sorted by start");

    // The Thursday outage.
    let (mo_index, mo) = the_outage(&s);
    let (thu_1310, thu_1940, fri_1405) =
        (t("2026-11-19T13:10:00Z"), t("2026-11-19T19:40:00Z"), t("2026-11-20T14:05:00Z"));
    // 1970-01-01 was a Thursday.
    assert_eq!(thu_1310.div_euclid(MS_PER_DAY) % 7, 0, "2026-11-19 is a Thursday");
    assert_eq!(mo.origin, Origin::ThirdParty);
    assert_eq!(mo.regions, ["na"]);
    assert_eq!(mo.services, ["email", "suite", "network"]);
    assert_eq!(mo.impact, Level::Major);
    assert_eq!(mo.status, IncidentStatus::Resolved);
    assert_eq!((mo.start_ms, mo.end_ms), (thu_1310, Some(fri_1405)));
    assert_eq!(mo.updates.len(), 5);
    assert_eq!(mo.links, ["https://status.example.com/incidents/MO1221364"]);
    assert!(mo.updates.last().is_some_and(|u| u.text.contains("Closure id: MO1221364")));
    assert_eq!(
        mo.level_spans(as_of),
        vec![(Span::new(thu_1310, thu_1940), Level::Major), (Span::new(thu_1940, fri_1405), Level::Partial),]
    );

    // Probe series: one sample a minute over the whole coverage.
    for (service, region) in [("email", "na"), ("email", "eu"), ("chat", "na"), ("webapp", "apac")] {
        let x = series(&s, service, region);
        assert_eq!(x.samples.len(), 129_600, "{service}/{region}");
        assert_eq!(s.coverage, x.samples.span(), "{service}/{region}");
    }
    assert_eq!(s.series.len(), 4);

    // Email in North America over the last 30 days, by hand: the only email/na incident in the
    // window is MO1221364. Major 13:10→19:40 Thu = 6 h 30 min = 390 min; partial 19:40 Thu →
    // 14:05 Fri = 18 h 25 min = 1105 min; STRICT counts both fully: 1495 min down. Counted time is
    // the whole window (covered, no maintenance on email): 30 × 1440 = 43 200 min.
    let month = Span::ending_at(as_of, 30 * MS_PER_DAY);
    let email_na = analysis::availability(&s, "email", Some("na"), month, &Weights::STRICT);
    let want = 1.0 - 1495.0 / 43_200.0;
    let got = email_na.availability_ratio.expect("email/na has counted time");
    assert!((got - want).abs() < 1e-9, "email/na 30 d: got {got}, want {want}");
    assert_eq!(email_na.counted_ms, 43_200 * MS_PER_MINUTE);
    assert!((email_na.downtime_ms - (1495 * MS_PER_MINUTE) as f64).abs() < 1e-6);

    let email_eu = analysis::availability(&s, "email", Some("eu"), month, &Weights::STRICT);
    assert!(email_eu.availability_ratio.is_some_and(|r| r >= 0.999), "email/eu: {email_eu:?}");

    // MO1221364 dominates North America's month.
    let segments = analysis::level_segments(&s, "email", Some("na"), month);
    let down = |seg: &analysis::LevelSegment| Weights::STRICT.of(seg.level) * seg.span.duration_ms() as f64;
    let total: f64 = segments.iter().map(down).sum();
    let by_mo: f64 = segments.iter().filter(|x| x.incident == Some(mo_index)).map(down).sum();
    assert!(by_mo > 0.8 * total, "MO1221364: {by_mo} of {total} ms");

    // No other incident is a major outage in North America, and none other touches email in
    // North America for more than 30 minutes in the last 30 days.
    for (i, incident) in s.incidents.iter().enumerate().filter(|(i, _)| *i != mo_index) {
        let spans = incident.level_spans(as_of);
        if incident.affects_region("na") {
            assert!(spans.iter().all(|(_, l)| *l != Level::Major), "{} is major in na", incident.id);
        }
        if incident.affects_region("na") && incident.services.iter().any(|x| x == "email") {
            let in_month: i64 =
                spans.iter().filter_map(|(x, _)| x.intersect(&month)).map(|x| x.duration_ms()).sum();
            assert!(in_month <= 30 * MS_PER_MINUTE, "incident {i} ({}) touches email/na", incident.id);
        }
    }

    // Every incident is resolved and reads like a real one.
    for incident in &s.incidents {
        let id = &incident.id;
        let end = incident.end_ms.unwrap_or_else(|| panic!("{id} is open"));
        assert_eq!(incident.status, IncidentStatus::Resolved, "{id}");
        let n = incident.updates.len();
        assert!((2..=5).contains(&n), "{id}: {n} updates");
        let (first, last) = (&incident.updates[0], &incident.updates[n - 1]);
        assert!(first.at_ms - incident.start_ms <= 20 * MS_PER_MINUTE, "{id}: first update late");
        assert_eq!((last.at_ms, &last.status), (end, &IncidentStatus::Resolved), "{id}: last update");
        assert!(incident.updates.iter().all(|u| (incident.start_ms..=end).contains(&u.at_ms)), "{id}");
    }

    // Everything is fine now.
    for service in &s.services {
        assert_eq!(analysis::current_level(&s, &service.id), Level::Ok, "{}", service.id);
    }

    // The probes saw it: the day up to Friday 00:00 had 390 min at 0 and 260 min at 0.6, so the
    // 24 h up-ratio is about (790 + 156) / 1440 ≈ 0.66 (give or take a stray failed probe).
    let friday = t("2026-11-20T00:00:00Z");
    let probes = analysis::Profile::from_samples(&s, "email", Some("na"), 0).expect("email/na has probes");
    let curve = analysis::rolling_availability(&probes, MS_PER_DAY, Span::new(friday, friday), 2);
    let day = curve[0].1.expect("the probes have data on Thursday");
    assert!((0.6..0.7).contains(&day), "email/na 24 h up-ratio at Friday 00:00: {day}");
}

/// The resilience figures of the demo over the 30 days before its as-of time, by hand.
/// MO1221364 takes email, the suite and the network down in North America for 1495 minutes
/// (major then partial; `strict` counts both); nothing else in the window is worse than degraded.
#[test]
fn demo_resilience_figures() {
    use analysis::{Change, Provider, Replay, SloWindow};
    let s = story::demo_snapshot();
    let month = Span::ending_at(s.as_of_ms, 30 * MS_PER_DAY);
    let a = 1.0 - 1495.0 / 43_200.0;
    let close = |got: Option<f64>, want: f64| got.is_some_and(|g| (g - want).abs() < 1e-12);

    // Summary: the same figure for email as the hand sum in `demo_tells_the_story`.
    let summary = analysis::summary(&s, &Weights::STRICT);
    let email = summary.iter().find(|f| f.id == "email").expect("email");
    let (_, thirty) = email.windows[2];
    assert!(close(thirty.availability_ratio, a) && thirty.incidents == 2, "{thirty:?}");
    assert!((thirty.incident_minutes - (1495.0 + 26.0)).abs() < 1e-9, "MO1221364 and EX1187402: {thirty:?}");

    // Dependencies: email needs the suite (which needs the network) and SSO. All three fail in
    // the same minutes, so email's composite is its own availability, while the independent
    // estimate multiplies the failures: a × (a × a) × 1. The positive gap is the correlation.
    let replay = Replay::new(&s, &Weights::STRICT, month);
    let composites = replay.composites().expect("the demo graph has no cycle");
    let of = |id: &str| composites.iter().find(|c| c.service == id).expect(id).clone();
    let email = of("email");
    assert!(close(email.own_ratio, a) && close(email.composite_ratio, a), "{email:?}");
    assert!(close(email.static_ratio, a * a * a) && close(email.gap_ratio(), a - a * a * a), "{email:?}");
    assert!(email.inherited_down_ms.abs() < 1e-6, "email is down in its own data already");
    // The web app reports nothing worse than degraded, but needs the API, which needs the
    // network: it inherits all 1495 minutes.
    let webapp = of("webapp");
    assert!(close(webapp.own_ratio, 1.0) && close(webapp.composite_ratio, a), "{webapp:?}");
    assert!((webapp.inherited_down_ms - 1495.0 * MS_PER_MINUTE as f64).abs() < 1e-6, "{webapp:?}");

    // What if the API had a second, independent network at 99.9 %: 0.1 % of the 1495 minutes.
    let twin = Change::AddRedundant {
        service: "api".into(),
        dependency: "network".into(),
        provider: Provider::Independent { availability_ratio: 0.999 },
    };
    let what_if = replay.what_if("webapp", &twin).expect("api needs the network");
    assert!(close(what_if.after_ratio, 1.0 - 1.495 / 43_200.0), "{what_if:?}");
    let saved_per_year = (1495.0 - 1.495) / 43_200.0 * 365.25 * 1440.0;
    let delta = what_if.delta_downtime_minutes_per_year().unwrap_or(f64::NAN);
    assert!((delta + saved_per_year).abs() < 1e-6, "{delta} vs −{saved_per_year}");

    // Correlation: the three outages of MO1221364 start together, a third-party common cause.
    let outages = analysis::outages(&s, &Weights::STRICT, month, 1.0);
    let clusters = analysis::outage_clusters(&outages, 30 * MS_PER_MINUTE);
    let mo = t("2026-11-19T13:10:00Z");
    let cluster = clusters.iter().find(|c| c.start_ms == mo).expect("a cluster at MO1221364's start");
    for service in ["email", "suite", "network"] {
        assert!(cluster.services.iter().any(|x| x == service), "{service} in {cluster:?}");
    }
    assert!(cluster.third_party, "{cluster:?}");
    let pairs = analysis::pair_overlaps(&outages, analysis::Key::Service);
    let email_network =
        pairs.iter().find(|p| [&p.a, &p.b] == ["email", "network"] || [&p.a, &p.b] == ["network", "email"]);
    assert!(email_network.is_some_and(|p| p.p_b_down_given_a == Some(1.0)), "{email_network:?}");

    // Incidents: all of email's downtime this month came from third parties.
    let breakdown = analysis::incident_breakdown(&s, month, s.as_of_ms);
    let (_, email_stats) = breakdown.by_service.iter().find(|(id, _)| id == "email").expect("email");
    assert_eq!(email_stats.third_party_share, Some(1.0), "{email_stats:?}");
    assert_eq!(email_stats.mttr_ms, Some((1495.0 + 26.0) / 2.0 * MS_PER_MINUTE as f64));

    // SLO: 99.9 % over 30 days allows 43.2 minutes; 1495 were used.
    let profile = analysis::Profile::for_service(&s, "email", None, &Weights::STRICT);
    let slo = analysis::slo_report(&profile, 0.999, SloWindow::Rolling { days: 30 }, s.as_of_ms);
    assert!((slo.budget_total_ms - 43.2 * MS_PER_MINUTE as f64).abs() < 1e-3, "{slo:?}");
    assert!((slo.budget_used_ms - 1495.0 * MS_PER_MINUTE as f64).abs() < 1e-6, "{slo:?}");
    assert_eq!(slo.exhaustion_in_ms, Some(0.0), "already spent: {slo:?}");
}
