//! Which parties go down together: how much of their downtime overlaps, and clusters of outages
//! that start close together (common-cause candidates).
//!
//! Each party's downtime is the union of its outage spans, so its own overlapping outages count
//! once. Overlap is computed by a merge walk over the two sorted unions, linear in their length.

use std::collections::HashMap;

use super::{level_segments, Profile, Weights};
use crate::model::{intersection, total_ms, union, Origin, Snapshot, Span, TimeMs};

/// One stretch of one service being down (in one region, or everywhere when `region` is `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct Outage {
    pub service: String,
    pub region: Option<String>,
    pub span: Span,
    pub origin: Origin,
    pub incident_id: Option<String>,
}

/// What a party is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The service id.
    Service,
    /// The region; outages without a region are skipped.
    Region,
    /// `"service@region"`; an outage without a region belongs to the bare service id ("everywhere").
    ServiceRegion,
}

impl Key {
    /// The party `outage` belongs to, if any.
    fn of(self, outage: &Outage) -> Option<String> {
        match (self, &outage.region) {
            (Key::Service, _) | (Key::ServiceRegion, None) => Some(outage.service.clone()),
            (Key::Region, region) => region.clone(),
            (Key::ServiceRegion, Some(region)) => Some(format!("{}@{region}", outage.service)),
        }
    }
}

/// How the downtime of parties `a` and `b` overlaps.
#[derive(Clone, Debug, PartialEq)]
pub struct PairOverlap {
    pub a: String,
    pub b: String,
    pub a_down_ms: i64,
    pub b_down_ms: i64,
    /// Time both are down.
    pub overlap_ms: i64,
    /// `overlap_ms / a_down_ms`; `None` when `a` has no downtime.
    pub p_b_down_given_a: Option<f64>,
    /// `overlap_ms / b_down_ms`; `None` when `b` has no downtime.
    pub p_a_down_given_b: Option<f64>,
}

/// Overlap of every unordered pair of parties. Parties are ordered by first appearance in
/// `outages`; each pair has `a` before `b` in that order, and pairs come in that order too.
/// Pairs where neither party has any downtime (only zero-length outages) are left out.
pub fn pair_overlaps(outages: &[Outage], key: Key) -> Vec<PairOverlap> {
    let mut names: Vec<String> = Vec::new();
    let mut spans: Vec<Vec<Span>> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for outage in outages {
        let Some(name) = key.of(outage) else { continue };
        let index = *index_of.entry(name.clone()).or_insert_with(|| {
            names.push(name);
            spans.push(Vec::new());
            names.len() - 1
        });
        if let Some(party) = spans.get_mut(index) {
            party.push(outage.span);
        }
    }
    let parties: Vec<(String, Vec<Span>, i64)> = names
        .into_iter()
        .zip(spans)
        .map(|(name, spans)| {
            let down = union(spans);
            let down_ms = down.iter().map(Span::duration_ms).sum();
            (name, down, down_ms)
        })
        .collect();

    let mut pairs = Vec::new();
    for (i, (a, a_down, a_down_ms)) in parties.iter().enumerate() {
        for (b, b_down, b_down_ms) in parties.iter().skip(i + 1) {
            if *a_down_ms == 0 && *b_down_ms == 0 {
                continue;
            }
            let overlap_ms = shared_ms(a_down, b_down);
            pairs.push(PairOverlap {
                a: a.clone(),
                b: b.clone(),
                a_down_ms: *a_down_ms,
                b_down_ms: *b_down_ms,
                overlap_ms,
                p_b_down_given_a: (*a_down_ms > 0).then(|| overlap_ms as f64 / *a_down_ms as f64),
                p_a_down_given_b: (*b_down_ms > 0).then(|| overlap_ms as f64 / *b_down_ms as f64),
            });
        }
    }
    pairs
}

/// Time shared by two sorted, disjoint span lists (as from [`union`]), by a merge walk.
fn shared_ms(a: &[Span], b: &[Span]) -> i64 {
    total_ms(&intersection(a, b))
}

/// Every service's outages inside `window`, per region the service runs in (its own regions and
/// those of its series; none: one set for the whole service). A service with incidents has an
/// outage wherever a level with a weight above 0 holds, one per run of the same incident; a
/// service measured by samples has one wherever its up-ratio stays below `below_up_ratio`
/// (1.0: any loss), gaps without data ending a run.
pub fn outages(snapshot: &Snapshot, weights: &Weights, window: Span, below_up_ratio: f64) -> Vec<Outage> {
    let mut out = Vec::new();
    for service in &snapshot.services {
        let id = service.id.as_str();
        let mut regions: Vec<Option<&str>> = service.regions.iter().map(|r| Some(r.as_str())).collect();
        for series in snapshot.series.iter().filter(|s| s.service == id) {
            if let Some(r) = series.region.as_deref().filter(|r| !regions.contains(&Some(*r))) {
                regions.push(Some(r));
            }
        }
        if regions.is_empty() {
            regions.push(None);
        }
        let from_incidents = snapshot.incidents_of(id).next().is_some();
        for region in regions {
            let outage = |span: Span, origin: Origin, incident_id: Option<String>| Outage {
                service: id.to_string(),
                region: region.map(str::to_string),
                span,
                origin,
                incident_id,
            };
            if from_incidents {
                let mut runs: Vec<(Span, Option<usize>, Origin)> = Vec::new();
                for seg in level_segments(snapshot, id, region, window)
                    .into_iter()
                    .filter(|s| weights.of(s.level) > 0.0)
                {
                    match runs.last_mut() {
                        Some((span, incident, _))
                            if span.end_ms == seg.span.start_ms && *incident == seg.incident =>
                        {
                            span.end_ms = seg.span.end_ms;
                        }
                        _ => runs.push((seg.span, seg.incident, seg.origin)),
                    }
                }
                out.extend(runs.into_iter().map(|(span, incident, origin)| {
                    let incident_id = incident.and_then(|i| snapshot.incidents.get(i)).map(|i| i.id.clone());
                    outage(span, origin, incident_id)
                }));
            } else if let Some(profile) = Profile::from_samples(snapshot, id, region, 0) {
                let down: Vec<Span> = profile
                    .parts_as_steps()
                    .into_iter()
                    .flatten()
                    .filter(|s| s.known && 1.0 - s.down_ratio < below_up_ratio)
                    .filter_map(|s| s.span.intersect(&window))
                    .collect();
                out.extend(union(down).into_iter().map(|span| outage(span, Origin::Unknown, None)));
            }
        }
    }
    out
}

/// Outages that start close together and involve at least two services.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Earliest start of a member.
    pub start_ms: TimeMs,
    /// Latest end of a member.
    pub end_ms: TimeMs,
    /// Distinct services, in order of their first member's start.
    pub services: Vec<String>,
    /// Indices into the input, in start order (ties in input order).
    pub outages: Vec<usize>,
    /// Whether any member has [`Origin::ThirdParty`].
    pub third_party: bool,
}

/// Common-cause candidates. Outages are taken in start order (ties in input order); an outage
/// joins the current cluster when it starts at most `within_ms` after the previous member's start
/// (single linkage, so a cluster can chain further than `within_ms`; a negative `within_ms` acts
/// as 0). Only clusters with at least two distinct services are kept.
pub fn outage_clusters(outages: &[Outage], within_ms: i64) -> Vec<Cluster> {
    let within_ms = within_ms.max(0);
    let mut by_start: Vec<(usize, &Outage)> = outages.iter().enumerate().collect();
    crate::model::sort_by_time(&mut by_start, |(_, o)| o.span.start_ms);

    let mut groups: Vec<Vec<(usize, &Outage)>> = Vec::new();
    let mut previous_start_ms: Option<TimeMs> = None;
    for (index, outage) in by_start {
        let start_ms = outage.span.start_ms;
        let joins = previous_start_ms.is_some_and(|p| start_ms.saturating_sub(p) <= within_ms);
        match groups.last_mut() {
            Some(group) if joins => group.push((index, outage)),
            _ => groups.push(vec![(index, outage)]),
        }
        previous_start_ms = Some(start_ms);
    }
    groups.into_iter().filter_map(|group| cluster(&group)).collect()
}

/// The cluster of `members` (in start order), or `None` when they involve fewer than two services.
fn cluster(members: &[(usize, &Outage)]) -> Option<Cluster> {
    let mut services: Vec<String> = Vec::new();
    for (_, outage) in members {
        if !services.contains(&outage.service) {
            services.push(outage.service.clone());
        }
    }
    if services.len() < 2 {
        return None;
    }
    Some(Cluster {
        start_ms: members.iter().map(|(_, o)| o.span.start_ms).min()?,
        end_ms: members.iter().map(|(_, o)| o.span.end_ms).max()?,
        services,
        outages: members.iter().map(|(i, _)| *i).collect(),
        third_party: members.iter().any(|(_, o)| o.origin == Origin::ThirdParty),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MS_PER_MINUTE;

    const M: i64 = MS_PER_MINUTE;

    fn outage(service: &str, region: Option<&str>, start_min: i64, end_min: i64) -> Outage {
        Outage {
            service: service.into(),
            region: region.map(String::from),
            span: Span::new(start_min * M, end_min * M),
            origin: Origin::SelfOperated,
            incident_id: None,
        }
    }

    /// (a, b, a down min, b down min, overlap min, P(b|a), P(a|b))
    type Row = (String, String, i64, i64, i64, Option<f64>, Option<f64>);

    fn rows(pairs: &[PairOverlap]) -> Vec<Row> {
        pairs
            .iter()
            .map(|p| {
                let (a, b) = (p.a.clone(), p.b.clone());
                (
                    a,
                    b,
                    p.a_down_ms / M,
                    p.b_down_ms / M,
                    p.overlap_ms / M,
                    p.p_b_down_given_a,
                    p.p_a_down_given_b,
                )
            })
            .collect()
    }

    fn row(a: &str, b: &str, down: (i64, i64), overlap: i64, p: (Option<f64>, Option<f64>)) -> Row {
        (a.into(), b.into(), down.0, down.1, overlap, p.0, p.1)
    }

    #[test]
    fn sample_outages_are_runs_below_the_threshold_and_gaps_end_them() {
        use crate::model::{Samples, Series, Service};
        const MIN: i64 = MS_PER_MINUTE;
        let s = Snapshot {
            services: vec![Service::for_test("a")],
            series: vec![Series {
                service: "a".into(),
                region: None,
                samples: Samples::Regular {
                    start_ms: 0,
                    step_ms: MIN,
                    up_ratio: vec![1.0, 0.0, 0.0, f32::NAN, 0.0, 1.0, 0.5, 0.9],
                },
                latency_ms: Vec::new(),
            }],
            ..Snapshot::default()
        };
        let spans = |below: f64| -> Vec<(i64, i64)> {
            outages(&s, &Weights::STRICT, Span::new(0, 8 * MIN), below)
                .iter()
                .map(|o| (o.span.start_ms / MIN, o.span.end_ms / MIN))
                .collect()
        };
        // Any loss: minutes 1–3, then (after the gap) 4–5, then 6–8 (0.5 and 0.9).
        assert_eq!(spans(1.0), vec![(1, 3), (4, 5), (6, 8)]);
        // Below a half: the 0.5 and 0.9 minutes are not outages.
        assert_eq!(spans(0.5), vec![(1, 3), (4, 5)]);
    }

    #[test]
    fn pairs_by_service() {
        let outages = vec![
            outage("a", None, 0, 40),
            outage("b", None, 30, 150),
            outage("a", None, 20, 60), // a is down [0, 60): 60 min
            outage("c", None, 300, 310),
            outage("d", None, 400, 400), // no downtime
            outage("e", None, 500, 500), // no downtime; (d, e) is left out
        ];
        let want = vec![
            row("a", "b", (60, 120), 30, (Some(0.5), Some(0.25))),
            row("a", "c", (60, 10), 0, (Some(0.0), Some(0.0))),
            row("a", "d", (60, 0), 0, (Some(0.0), None)),
            row("a", "e", (60, 0), 0, (Some(0.0), None)),
            row("b", "c", (120, 10), 0, (Some(0.0), Some(0.0))),
            row("b", "d", (120, 0), 0, (Some(0.0), None)),
            row("b", "e", (120, 0), 0, (Some(0.0), None)),
            row("c", "d", (10, 0), 0, (Some(0.0), None)),
            row("c", "e", (10, 0), 0, (Some(0.0), None)),
        ];
        assert_eq!(rows(&pair_overlaps(&outages, Key::Service)), want);
    }

    #[test]
    fn pairs_by_region_and_service_region() {
        let outages = vec![
            outage("a", Some("eu"), 0, 10),
            outage("a", None, 5, 15),
            outage("b", Some("eu"), 0, 20),
            outage("b", Some("us"), 10, 30),
        ];
        // Regions: the outage without a region is skipped; eu is down [0, 20).
        let want = vec![row("eu", "us", (20, 20), 10, (Some(0.5), Some(0.5)))];
        assert_eq!(rows(&pair_overlaps(&outages, Key::Region)), want);

        let pairs = pair_overlaps(&outages, Key::ServiceRegion);
        let got: Vec<(&str, &str, i64)> =
            pairs.iter().map(|p| (p.a.as_str(), p.b.as_str(), p.overlap_ms / M)).collect();
        let want = vec![
            ("a@eu", "a", 5),
            ("a@eu", "b@eu", 10),
            ("a@eu", "b@us", 0),
            ("a", "b@eu", 10),
            ("a", "b@us", 5),
            ("b@eu", "b@us", 10),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn shared_time_of_interleaved_unions() {
        let spans = |pairs: &[(i64, i64)]| pairs.iter().map(|&(s, e)| Span::new(s, e)).collect::<Vec<_>>();
        let a = spans(&[(0, 10), (20, 30), (40, 50)]);
        let b = spans(&[(5, 25), (28, 45), (60, 70)]);
        // [5,10) + [20,25) + [28,30) + [40,45) = 5 + 5 + 2 + 5
        assert_eq!(shared_ms(&a, &b), 17);
        assert_eq!(shared_ms(&b, &a), 17);
        assert_eq!(shared_ms(&a, &[]), 0);
    }

    #[test]
    fn clusters_chain_and_need_two_services() {
        let third_party = |o: Outage| Outage { origin: Origin::ThirdParty, ..o };
        /// (start min, end min, services, indices, third party)
        type Seen<'a> = (i64, i64, Vec<&'a str>, Vec<usize>, bool);
        // (label, outages, within min, clusters)
        let cases: Vec<(&str, Vec<Outage>, i64, Vec<Seen>)> = vec![
            ("nothing", vec![], 5, vec![]),
            (
                "starts 0, 4, 8 chain into one cluster",
                vec![outage("a", None, 0, 30), outage("b", None, 4, 10), outage("c", None, 8, 12)],
                5,
                vec![(0, 30, vec!["a", "b", "c"], vec![0, 1, 2], false)],
            ),
            (
                "a start exactly within_ms later joins; a later one starts a new cluster",
                vec![
                    outage("c", None, 20, 25),
                    outage("b", None, 5, 6),
                    outage("a", None, 0, 1),
                    outage("d", None, 25, 40),
                ],
                5,
                vec![(0, 6, vec!["a", "b"], vec![2, 1], false), (20, 40, vec!["c", "d"], vec![0, 3], false)],
            ),
            (
                "one service only is dropped",
                vec![outage("a", None, 0, 10), outage("a", Some("eu"), 2, 12), outage("b", None, 60, 70)],
                5,
                vec![],
            ),
            (
                "any third-party member flags the cluster",
                vec![outage("a", None, 0, 10), third_party(outage("b", None, 3, 5))],
                5,
                vec![(0, 10, vec!["a", "b"], vec![0, 1], true)],
            ),
            (
                "negative within acts as 0: only equal starts join",
                vec![outage("a", None, 0, 10), outage("b", None, 0, 5), outage("c", None, 1, 5)],
                -5,
                vec![(0, 10, vec!["a", "b"], vec![0, 1], false)],
            ),
        ];
        for (label, outages, within_min, want) in cases {
            let clusters = outage_clusters(&outages, within_min * M);
            let got: Vec<Seen> = clusters
                .iter()
                .map(|c| {
                    let services = c.services.iter().map(String::as_str).collect();
                    (c.start_ms / M, c.end_ms / M, services, c.outages.clone(), c.third_party)
                })
                .collect();
            assert_eq!(got, want, "{label}");
        }
    }
}
