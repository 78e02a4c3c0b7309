//! The what-if choices of the service view, as the URL writes them (`whatif=twin:api`, repeatable),
//! and the dependency-graph changes they stand for.
//!
//! Written forms: `without:<dependency>` (the service no longer needs it), `twin:<dependency>` (it
//! gets an independent second provider, as available as the first), `k:<group>:<k>` (the
//! service's redundant group number `<group>`, counted from 1, needs `<k>` members up).

use crate::analysis::{Change, Composite, Provider, Replay};
use crate::model::format::{format_availability, format_duration_exact};
use crate::model::{MS_PER_DAY, MS_PER_MINUTE};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhatIfChoice {
    Without(String),
    Twin(String),
    /// `group` counts from 0 here and from 1 in the URL.
    GroupNeeds {
        group: usize,
        k: u32,
    },
}

impl WhatIfChoice {
    /// The choice `text` writes, or `None` when it is not one of the written forms.
    pub fn parse(text: &str) -> Option<WhatIfChoice> {
        let (kind, rest) = text.split_once(':')?;
        match kind.trim().to_ascii_lowercase().as_str() {
            "without" if !rest.is_empty() => Some(WhatIfChoice::Without(rest.to_string())),
            "twin" if !rest.is_empty() => Some(WhatIfChoice::Twin(rest.to_string())),
            "k" => {
                let (group, k) = rest.split_once(':')?;
                let group: usize = group.trim().parse().ok()?;
                let k: u32 = k.trim().parse().ok()?;
                (group >= 1 && k >= 1).then(|| WhatIfChoice::GroupNeeds { group: group - 1, k })
            }
            _ => None,
        }
    }

    /// The written form; `parse(&c.to_param()) == Some(c)`.
    pub fn to_param(&self) -> String {
        match self {
            WhatIfChoice::Without(id) => format!("without:{id}"),
            WhatIfChoice::Twin(id) => format!("twin:{id}"),
            WhatIfChoice::GroupNeeds { group, k } => format!("k:{}:{k}", group + 1),
        }
    }

    /// The dependency this choice is about, for `Without` and `Twin`.
    pub fn dependency(&self) -> Option<&str> {
        match self {
            WhatIfChoice::Without(id) | WhatIfChoice::Twin(id) => Some(id),
            WhatIfChoice::GroupNeeds { .. } => None,
        }
    }
}

/// `choices` with the choice about `dependency` replaced by `choice` (`None`: as it is). The
/// others keep their order; the new one goes last.
pub fn set_dependency_choice(
    choices: &[WhatIfChoice],
    dependency: &str,
    choice: Option<WhatIfChoice>,
) -> Vec<WhatIfChoice> {
    let mut out: Vec<WhatIfChoice> =
        choices.iter().filter(|c| c.dependency() != Some(dependency)).cloned().collect();
    out.extend(choice);
    out
}

/// `choices` with group `group` (from 0) needing `k`; `None` leaves it as the graph says.
pub fn set_group_choice(choices: &[WhatIfChoice], group: usize, k: Option<u32>) -> Vec<WhatIfChoice> {
    let mut out: Vec<WhatIfChoice> = choices
        .iter()
        .filter(|c| !matches!(c, WhatIfChoice::GroupNeeds { group: g, .. } if *g == group))
        .cloned()
        .collect();
    out.extend(k.map(|k| WhatIfChoice::GroupNeeds { group, k }));
    out
}

/// The graph changes `choices` make for `service`, in an order where each applies to the graph it
/// was chosen on: group sizes first, then twins (which add groups at the end), then removals
/// (which may empty a group). A twin is as available as `availability_of(dependency)`; a
/// dependency without a figure gets no twin.
pub fn changes(
    service: &str,
    choices: &[WhatIfChoice],
    availability_of: impl Fn(&str) -> Option<f64>,
) -> Vec<Change> {
    let set_k = choices.iter().filter_map(|c| match c {
        WhatIfChoice::GroupNeeds { group, k } => {
            Some(Change::SetK { service: service.into(), group: *group, k: *k })
        }
        _ => None,
    });
    let twins = choices.iter().filter_map(|c| match c {
        WhatIfChoice::Twin(id) => Some(Change::AddRedundant {
            service: service.into(),
            dependency: id.clone(),
            provider: Provider::Independent { availability_ratio: availability_of(id)? },
        }),
        _ => None,
    });
    let removals = choices.iter().filter_map(|c| match c {
        WhatIfChoice::Without(id) => {
            Some(Change::RemoveDependency { service: service.into(), dependency: id.clone() })
        }
        _ => None,
    });
    set_k.chain(twins).chain(removals).collect()
}

/// A change in availability as signed percentage points: `+3.341 pp`.
pub fn format_percent_points(ratio: f64) -> String {
    format!("{:+.3} pp", ratio * 100.0)
}

/// The sentence under the what-if choices: what `choices` would have done to `service` over the
/// replay's window, given every service's figures as they are (`figures`, from
/// `replay.composites()`). The yearly downtime is a projection, rounded to whole minutes.
pub fn outcome_text(
    service: &str,
    choices: &[WhatIfChoice],
    replay: &Replay,
    figures: &[Composite],
) -> String {
    let figure = |id: &str| figures.iter().find(|c| c.service == id);
    let changes = changes(service, choices, |id| figure(id).and_then(|c| c.composite_ratio.or(c.own_ratio)));
    if changes.is_empty() {
        return "Choose a change above to see what it would have done over these 30 days.".to_string();
    }
    let before = figure(service).and_then(|c| c.composite_ratio);
    let after = replay
        .with_all(&changes)
        .and_then(|r| r.composites())
        .map(|all| all.into_iter().find(|c| c.service == service).and_then(|c| c.composite_ratio));
    match (before, after) {
        (_, Err(error)) => format!("That change can't be replayed: {error}."),
        (Some(before), Ok(Some(after))) => {
            let delta = after - before;
            let minute_ms = MS_PER_MINUTE as f64;
            let per_year_ms = (delta.abs() * 365.25 * MS_PER_DAY as f64 / minute_ms).round() * minute_ms;
            let less_more = if delta >= 0.0 { "less" } else { "more" };
            let per_year = if per_year_ms == 0.0 {
                "no change in downtime".to_string()
            } else {
                format!("{} {less_more} downtime a year", format_duration_exact(per_year_ms))
            };
            format!(
                "With these changes: {} instead of {} ({}; {per_year}).",
                format_availability(Some(after)),
                format_availability(Some(before)),
                format_percent_points(delta),
            )
        }
        _ => "Not enough data over these 30 days to replay the change.".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_forms_round_trip_and_bad_ones_are_refused() {
        let cases = [
            ("without:api", WhatIfChoice::Without("api".into())),
            ("twin:cdn:eu", WhatIfChoice::Twin("cdn:eu".into())),
            ("k:2:1", WhatIfChoice::GroupNeeds { group: 1, k: 1 }),
        ];
        for (text, choice) in cases {
            assert_eq!(WhatIfChoice::parse(text), Some(choice.clone()), "{text}");
            assert_eq!(choice.to_param(), text);
        }
        assert_eq!(WhatIfChoice::parse("TWIN:api"), Some(WhatIfChoice::Twin("api".into())));
        for bad in ["", "api", "twin:", "without:", "k:0:1", "k:1:0", "k:1", "k:x:1", "drop:api"] {
            assert_eq!(WhatIfChoice::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn choices_replace_their_own_kind_only() {
        let start = vec![
            WhatIfChoice::Twin("api".into()),
            WhatIfChoice::GroupNeeds { group: 0, k: 2 },
            WhatIfChoice::Without("sso".into()),
        ];
        let api_without = set_dependency_choice(&start, "api", Some(WhatIfChoice::Without("api".into())));
        assert_eq!(
            api_without,
            vec![
                WhatIfChoice::GroupNeeds { group: 0, k: 2 },
                WhatIfChoice::Without("sso".into()),
                WhatIfChoice::Without("api".into()),
            ]
        );
        let as_is = set_group_choice(&set_dependency_choice(&start, "sso", None), 0, None);
        assert_eq!(as_is, vec![WhatIfChoice::Twin("api".into())]);
    }

    #[test]
    fn outcome_text_is_hand_computed() {
        use crate::analysis::Weights;
        use crate::model::{Dependency, Incident, Level, Service, Snapshot, Span, MS_PER_HOUR};
        const H: i64 = MS_PER_HOUR;
        // app needs db; db is down 10–20 h of a 100 h window: app is 90 % available through it.
        let snapshot = Snapshot {
            as_of_ms: 100 * H,
            coverage: Span::new(0, 100 * H).into(),
            services: ["app", "db"].into_iter().map(Service::for_test).collect(),
            incidents: vec![Incident::for_test("db", Level::Major, 10 * H, Some(20 * H))],
            dependencies: vec![Dependency {
                service: "app".into(),
                requires: vec!["db".into()],
                redundant: Vec::new(),
            }],
            ..Snapshot::default()
        };
        let replay = Replay::new(&snapshot, &Weights::STRICT, Span::new(0, 100 * H));
        let figures = replay.composites().expect("no cycle");
        let text = |choices: &[WhatIfChoice]| outcome_text("app", choices, &replay, &figures);
        assert_eq!(text(&[]), "Choose a change above to see what it would have done over these 30 days.");
        // +10 pp of a year (365.25 d) is 36.525 d: 36 d 12 h 36 min.
        assert_eq!(
            text(&[WhatIfChoice::Without("db".into())]),
            "With these changes: 100.000 % instead of 90.00 % (+10.000 pp; 36 d 12 h 36 min less downtime a year)."
        );
        // A twin as available as db (90 %), failing independently: down 10 h × 10 % = 1 h.
        assert_eq!(
            text(&[WhatIfChoice::Twin("db".into())]),
            "With these changes: 99.00 % instead of 90.00 % (+9.000 pp; 32 d 20 h 56 min less downtime a year)."
        );
        assert!(text(&[WhatIfChoice::GroupNeeds { group: 3, k: 1 }])
            .starts_with("That change can't be replayed: "));
    }

    #[test]
    fn changes_come_in_an_order_that_keeps_group_numbers() {
        let choices = [
            WhatIfChoice::Without("net-a".into()),
            WhatIfChoice::Twin("db".into()),
            WhatIfChoice::Twin("unmeasured".into()),
            WhatIfChoice::GroupNeeds { group: 0, k: 2 },
        ];
        let ratio = |id: &str| (id == "db").then_some(0.9);
        assert_eq!(
            changes("app", &choices, ratio),
            vec![
                Change::SetK { service: "app".into(), group: 0, k: 2 },
                Change::AddRedundant {
                    service: "app".into(),
                    dependency: "db".into(),
                    provider: Provider::Independent { availability_ratio: 0.9 },
                },
                Change::RemoveDependency { service: "app".into(), dependency: "net-a".into() },
            ]
        );
    }
}
