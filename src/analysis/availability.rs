//! Availability of a service over a window, and the weights that say how much each level counts.
//!
//! availability = 1 − weighted downtime / counted time, where counted time is the window minus
//! time without data (`Unknown`) and, by default, minus maintenance windows — all of their time,
//! even where an incident overlaps them. Weighted downtime counts each level's counted time times
//! its weight. A window with no counted time has no availability (`None`), never 100 %.

use super::profile::{Profile, Totals};
use crate::model::format::format_duration_exact;
use crate::model::{Level, Snapshot, Span, MS_PER_MINUTE};

/// The longest grace period: a day.
const MAX_GRACE_MINUTES: f64 = 1440.0;

/// How much of each level's time counts as down, 0..1, and what maintenance does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub major: f64,
    pub partial: f64,
    pub degraded: f64,
    /// `None`: maintenance time is left out of the window (the default). `Some(w)`: it is
    /// counted, with weight `w` (0 counts it as up, 1 as down).
    pub maintenance: Option<f64>,
    /// The grace period: an outage shorter than this, between stretches of up time, is counted
    /// as up (a blip filter; 0 keeps every outage). See [`super::Profile`].
    pub grace_ms: i64,
}

impl Weights {
    /// Major and partial outages count fully; degraded performance does not; maintenance is left out.
    pub const STRICT: Weights =
        Weights { major: 1.0, partial: 1.0, degraded: 0.0, maintenance: None, grace_ms: 0 };
    /// Atlassian Statuspage's uptime: a partial outage counts 30 % of a major one.
    pub const STATUSPAGE: Weights =
        Weights { major: 1.0, partial: 0.3, degraded: 0.0, maintenance: None, grace_ms: 0 };
    /// incident.io's uptime: full and partial outages are down; maintenance and degraded
    /// performance are up (maintenance time is counted as up time).
    pub const INCIDENTIO: Weights =
        Weights { major: 1.0, partial: 1.0, degraded: 0.0, maintenance: Some(0.0), grace_ms: 0 };

    pub const PRESETS: [(&'static str, Weights); 3] = [
        ("strict", Weights::STRICT),
        ("statuspage", Weights::STATUSPAGE),
        ("incidentio", Weights::INCIDENTIO),
    ];

    /// A preset by name, or custom weights such as `major=1,partial=0.5,degraded=0.1,maintenance=1`
    /// (levels not named weigh as in `strict`; `maintenance` absent leaves maintenance out), with
    /// `grace=5` for a grace period of 5 minutes (at most a day).
    pub fn parse(text: &str) -> Result<Weights, String> {
        if let Some((_, w)) = Weights::PRESETS.iter().find(|(name, _)| name.eq_ignore_ascii_case(text.trim()))
        {
            return Ok(*w);
        }
        let mut weights = Weights::STRICT;
        for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').ok_or_else(|| {
                format!(
                    "expected a preset (strict, statuspage, incidentio) or level=weight pairs, got {pair:?}"
                )
            })?;
            if name.trim().eq_ignore_ascii_case("grace") {
                let minutes = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|m: &f64| (0.0..=MAX_GRACE_MINUTES).contains(m))
                    .ok_or_else(|| format!("grace is minutes from 0 to 1440, got {value:?}"))?;
                weights.grace_ms = (minutes * MS_PER_MINUTE as f64).round() as i64;
                continue;
            }
            let value: f64 =
                value.trim().parse().ok().filter(|v: &f64| (0.0..=1.0).contains(v)).ok_or_else(|| {
                    format!("the weight of {name} must be a number from 0 to 1, got {value:?}")
                })?;
            match name.trim().to_ascii_lowercase().as_str() {
                "major" => weights.major = value,
                "partial" => weights.partial = value,
                "degraded" => weights.degraded = value,
                "maintenance" => weights.maintenance = Some(value),
                other => {
                    return Err(format!(
                        "unknown level {other:?}; expected major, partial, degraded, maintenance or grace"
                    ))
                }
            }
        }
        Ok(weights)
    }

    /// The formula in words, for showing next to the figures it changes.
    pub fn describe(&self) -> String {
        let maintenance = match self.maintenance {
            None => "maintenance left out".to_string(),
            Some(w) => format!("maintenance × {w}"),
        };
        let grace = if self.grace_ms > 0 {
            format!(
                "; outages under {} between up time count as up",
                format_duration_exact(self.grace_ms as f64)
            )
        } else {
            String::new()
        };
        format!(
            "downtime = major × {} + partial × {} + degraded × {}; {maintenance}{grace}",
            self.major, self.partial, self.degraded
        )
    }

    /// The name [`Weights::parse`] reads back as these weights: a preset's, else the pairs
    /// (`major=1,partial=0.3,degraded=0,maintenance=1`).
    pub fn to_param(&self) -> String {
        if let Some((name, _)) = Weights::PRESETS.iter().find(|(_, preset)| preset == self) {
            return (*name).to_string();
        }
        let maintenance = self.maintenance.map_or(String::new(), |w| format!(",maintenance={w}"));
        let grace = if self.grace_ms > 0 {
            format!(",grace={}", self.grace_ms as f64 / MS_PER_MINUTE as f64)
        } else {
            String::new()
        };
        format!(
            "major={},partial={},degraded={}{maintenance}{grace}",
            self.major, self.partial, self.degraded
        )
    }

    pub fn of(&self, level: Level) -> f64 {
        match level {
            Level::Major => self.major,
            Level::Partial => self.partial,
            Level::Degraded => self.degraded,
            Level::Ok | Level::Maintenance | Level::Unknown => 0.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Availability {
    /// 0..1; `None` when no time in the window is counted.
    pub availability_ratio: Option<f64>,
    /// Weighted downtime.
    pub downtime_ms: f64,
    /// Time with data that enters the denominator.
    pub counted_ms: i64,
    /// Share of the window that has data, 0..1 (of `window × series` for samples).
    pub coverage_ratio: f64,
}

impl Availability {
    /// The figures of `totals`, out of `possible_ms` of known time at most.
    pub fn from_totals(totals: Totals, possible_ms: f64) -> Availability {
        Availability {
            availability_ratio: totals.availability_ratio(),
            downtime_ms: totals.down_ms,
            counted_ms: totals.counted_ms.round() as i64,
            coverage_ratio: if possible_ms > 0.0 { totals.known_ms / possible_ms } else { 0.0 },
        }
    }

    /// Figures of `profile` over `window`.
    pub fn of_profile(profile: &Profile, window: Span) -> Availability {
        Availability::from_totals(profile.totals(window), profile.possible_ms(window))
    }
}

/// Availability of `service_id` (in `region`, or anywhere) over `window`, from its incidents.
pub fn availability(
    snapshot: &Snapshot,
    service_id: &str,
    region: Option<&str>,
    window: Span,
    weights: &Weights,
) -> Availability {
    Availability::of_profile(&Profile::from_incidents(snapshot, service_id, region, weights), window)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Incident, IncidentStatus, IncidentUpdate, Maintenance, Service, MS_PER_HOUR};

    const H: i64 = MS_PER_HOUR;

    fn incident(id: &str, level: Level, start_h: i64, end_h: Option<i64>) -> Incident {
        Incident { id: id.into(), ..Incident::for_test("a", level, start_h * H, end_h.map(|h| h * H)) }
    }

    /// Service "a", covered from hour 0 to hour 100, as of hour 100.
    fn snapshot(incidents: Vec<Incident>, maintenances: Vec<Maintenance>) -> Snapshot {
        Snapshot {
            as_of_ms: 100 * H,
            coverage: Span::new(0, 100 * H).into(),
            services: vec![Service { name: "A".into(), ..Service::for_test("a") }],
            incidents,
            maintenances,
            ..Snapshot::default()
        }
    }

    #[test]
    fn hand_computed_availability() {
        let maintenance = |start_h, end_h| Maintenance {
            id: "m".into(),
            title: "m".into(),
            services: vec!["a".into()],
            regions: Vec::new(),
            span: Span::new(start_h * H, end_h * H),
        };
        let mut mitigated = incident("m1", Level::Major, 10, Some(20));
        mitigated.updates.push(IncidentUpdate {
            at_ms: 14 * H,
            status: IncidentStatus::Mitigating,
            text: String::new(),
            impact: Some(Level::Degraded),
        });
        // (label, incidents, maintenance, window in hours, weights, downtime h, counted h, coverage)
        #[allow(clippy::type_complexity)] // one row per case, labelled in the comment above
        let cases: Vec<(&str, Vec<Incident>, Vec<Maintenance>, (i64, i64), Weights, f64, i64, f64)> = vec![
            ("nothing happened", vec![], vec![], (0, 100), Weights::STRICT, 0.0, 100, 1.0),
            (
                "one major hour",
                vec![incident("1", Level::Major, 10, Some(11))],
                vec![],
                (0, 100),
                Weights::STRICT,
                1.0,
                100,
                1.0,
            ),
            (
                "overlapping major and partial count once",
                vec![incident("1", Level::Partial, 10, Some(14)), incident("2", Level::Major, 12, Some(16))],
                vec![],
                (0, 100),
                Weights::STRICT,
                6.0,
                100,
                1.0,
            ),
            (
                "partial weighted 0.3 under a major",
                vec![incident("1", Level::Partial, 10, Some(14)), incident("2", Level::Major, 12, Some(16))],
                vec![],
                (0, 100),
                Weights::STATUSPAGE,
                2.0 * 0.3 + 4.0,
                100,
                1.0,
            ),
            (
                "incident crossing the window edge is clipped",
                vec![incident("1", Level::Major, 40, Some(60))],
                vec![],
                (50, 100),
                Weights::STRICT,
                10.0,
                50,
                1.0,
            ),
            (
                "open incident closed at as-of",
                vec![incident("1", Level::Major, 95, None)],
                vec![],
                (0, 100),
                Weights::STRICT,
                5.0,
                100,
                1.0,
            ),
            (
                "zero-length incident",
                vec![incident("1", Level::Major, 30, Some(30))],
                vec![],
                (0, 100),
                Weights::STRICT,
                0.0,
                100,
                1.0,
            ),
            (
                "maintenance is not counted",
                vec![],
                vec![maintenance(20, 30)],
                (0, 100),
                Weights::STRICT,
                0.0,
                90,
                1.0,
            ),
            (
                "an incident counts only outside maintenance",
                vec![incident("1", Level::Major, 25, Some(35))],
                vec![maintenance(20, 30)],
                (0, 100),
                Weights::STRICT,
                5.0,
                90,
                1.0,
            ),
            (
                "time before coverage is unknown, not up",
                vec![],
                vec![],
                (-100, 100),
                Weights::STRICT,
                0.0,
                100,
                0.5,
            ),
            ("an update lowers the level", vec![mitigated], vec![], (0, 100), Weights::STRICT, 4.0, 100, 1.0),
            (
                "incident.io counts maintenance as up time, and an outage inside it as down",
                vec![incident("1", Level::Major, 25, Some(35))],
                vec![maintenance(20, 30)],
                (0, 100),
                Weights::INCIDENTIO,
                10.0,
                100,
                1.0,
            ),
            (
                "maintenance counted as down",
                vec![],
                vec![maintenance(20, 30)],
                (0, 100),
                Weights { maintenance: Some(1.0), ..Weights::STRICT },
                10.0,
                100,
                1.0,
            ),
            (
                "degraded weighted by a custom preset",
                vec![incident("1", Level::Degraded, 0, Some(10))],
                vec![],
                (0, 100),
                Weights { degraded: 0.1, ..Weights::STRICT },
                1.0,
                100,
                1.0,
            ),
        ];
        for (label, incidents, maintenances, (from_h, to_h), weights, downtime_h, counted_h, coverage) in
            cases
        {
            let s = snapshot(incidents, maintenances);
            let got = availability(&s, "a", None, Span::new(from_h * H, to_h * H), &weights);
            assert!((got.downtime_ms - downtime_h * H as f64).abs() < 1e-6, "{label}: downtime {got:?}");
            assert_eq!(got.counted_ms, counted_h * H, "{label}: counted");
            assert!((got.coverage_ratio - coverage).abs() < 1e-12, "{label}: coverage {got:?}");
            let want_ratio = 1.0 - downtime_h / counted_h as f64;
            assert!(
                (got.availability_ratio.unwrap_or(f64::NAN) - want_ratio).abs() < 1e-12,
                "{label}: ratio"
            );
        }
    }

    #[test]
    fn weights_by_preset_name_or_custom_pairs() {
        assert_eq!(Weights::parse("statuspage"), Ok(Weights::STATUSPAGE));
        assert_eq!(Weights::parse(" IncidentIO "), Ok(Weights::INCIDENTIO));
        assert_eq!(
            Weights::parse("partial=0.5, maintenance=1"),
            Ok(Weights { partial: 0.5, maintenance: Some(1.0), ..Weights::STRICT })
        );
        assert!(Weights::parse("major=2").is_err_and(|e| e.contains("from 0 to 1")));
        assert!(Weights::parse("minor=0.5").is_err_and(|e| e.contains("unknown level")));
        assert!(Weights::parse("lenient").is_err_and(|e| e.contains("preset")));
        // Written back, they read as themselves: a preset by its name.
        let custom = Weights { partial: 0.3, maintenance: Some(1.0), ..Weights::STRICT };
        assert_eq!(custom.to_param(), "major=1,partial=0.3,degraded=0,maintenance=1");
        assert_eq!(Weights { maintenance: Some(0.0), ..Weights::STRICT }.to_param(), "incidentio");
        let graced = Weights { grace_ms: 90_000, ..Weights::STATUSPAGE };
        assert_eq!(graced.to_param(), "major=1,partial=0.3,degraded=0,grace=1.5");
        assert_eq!(
            graced.describe(),
            "downtime = major × 1 + partial × 0.3 + degraded × 0; maintenance left out; \
             outages under 1 min 30 s between up time count as up"
        );
        assert_eq!(Weights::parse("grace=5"), Ok(Weights { grace_ms: 300_000, ..Weights::STRICT }));
        assert!(Weights::parse("grace=1441").is_err_and(|e| e.contains("grace is minutes")));
        for weights in [custom, graced, Weights { degraded: 0.25, ..Weights::STATUSPAGE }, Weights::STRICT] {
            assert_eq!(Weights::parse(&weights.to_param()), Ok(weights));
        }
        assert_eq!(
            Weights::STATUSPAGE.describe(),
            "downtime = major × 1 + partial × 0.3 + degraded × 0; maintenance left out"
        );
    }

    #[test]
    fn a_gap_in_the_coverage_is_never_counted_as_up() {
        // A 24 h window covered 0–9 h and 15–24 h, with a 1 h major outage at 2–3 h and another
        // at 10–11 h, inside the gap: 18 h counted, 1 h down, 6 h unknown.
        let s = Snapshot {
            as_of_ms: 24 * H,
            coverage: crate::model::Coverage::new(vec![Span::new(0, 9 * H), Span::new(15 * H, 24 * H)]),
            services: vec![Service::for_test("a")],
            incidents: vec![
                incident("i1", Level::Major, 2, Some(3)),
                incident("i2", Level::Major, 10, Some(11)),
            ],
            ..Snapshot::default()
        };
        let got = availability(&s, "a", None, Span::new(0, 24 * H), &Weights::STRICT);
        assert_eq!(got.counted_ms, 18 * H, "counted: the covered time");
        assert!((got.downtime_ms - H as f64).abs() < 1e-6, "downtime: only the covered outage {got:?}");
        assert!((got.coverage_ratio - 0.75).abs() < 1e-12, "coverage 18/24 {got:?}");
        assert!((got.availability_ratio.unwrap_or(f64::NAN) - 17.0 / 18.0).abs() < 1e-12, "ratio");
        // The gap alone has no availability, not 100 %.
        let gap = availability(&s, "a", None, Span::new(9 * H, 15 * H), &Weights::STRICT);
        assert_eq!((gap.availability_ratio, gap.counted_ms), (None, 0), "the gap alone");
    }

    #[test]
    fn a_service_with_its_own_coverage_is_known_only_there() {
        // The snapshot covers 0–24 h (another source's time); service b's own source observed
        // 12–24 h only, and b had a 1 h major outage at 20–21 h: 12 h counted, 1 h down.
        let own = Service { coverage: Some(Span::new(12 * H, 24 * H).into()), ..Service::for_test("b") };
        let s = Snapshot {
            as_of_ms: 24 * H,
            coverage: Span::new(0, 24 * H).into(),
            services: vec![Service::for_test("a"), own],
            incidents: vec![Incident {
                services: vec!["b".into()],
                ..incident("i1", Level::Major, 20, Some(21))
            }],
            ..Snapshot::default()
        };
        let day = Span::new(0, 24 * H);
        let b = availability(&s, "b", None, day, &Weights::STRICT);
        assert_eq!(b.counted_ms, 12 * H, "b: counted only where its source observed {b:?}");
        assert!((b.coverage_ratio - 0.5).abs() < 1e-12, "b: coverage 12/24 {b:?}");
        assert!((b.availability_ratio.unwrap_or(f64::NAN) - 11.0 / 12.0).abs() < 1e-12, "b: 11/12");
        let a = availability(&s, "a", None, day, &Weights::STRICT);
        assert_eq!((a.counted_ms, a.availability_ratio), (24 * H, Some(1.0)), "a: the snapshot's coverage");
    }

    #[test]
    fn a_window_without_data_has_no_availability() {
        let s = snapshot(vec![], vec![]);
        let got = availability(&s, "a", None, Span::new(200 * H, 300 * H), &Weights::STRICT);
        assert_eq!(got.availability_ratio, None);
        assert_eq!(got.coverage_ratio, 0.0);
    }
}
