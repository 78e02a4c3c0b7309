//! Dependency-aware availability: replaying history through the dependency graph, the static
//! estimate beside it, and what-if changes.
//!
//! Each service's own state is a [`Timeline`] of up-ratios (1 up, 0 down, between for weighted
//! levels or partial samples) from its [`Profile`]. Replaying walks the elementary intervals of
//! all timelines involved; in each, a service's effective up-ratio is
//!
//! `own × Π effective(serial requirement) × Π P(at least k of the group's members are up)`,
//!
//! where the members' effective up-ratios are taken as independent chances *within the instant*
//! (with 0/1 states this is exactly "down when a requirement is down or fewer than k members are
//! up"). Time where the service or any dependency has no data (or is in excluded maintenance)
//! is not counted: unknown is never up.
//!
//! The static estimate combines whole-window availabilities as if failures were independent:
//! product for serial requirements, binomial "k of n" for redundant groups (1 − Π(1 − a) for
//! 1 of n). The gap between the replayed composite and the estimate exposes correlated failures:
//! a shared upstream provider makes redundancy worth less than the estimate promises.

use std::collections::{HashMap, HashSet};

use super::{Profile, Weights};
use crate::model::{Dependency, RedundantGroup, Snapshot, Span, TimeMs, MS_PER_DAY, MS_PER_MINUTE};

/// Sorted, disjoint spans with an up-ratio; time outside them has no data.
pub type Timeline = Vec<(Span, f64)>;

/// A service's own state inside `window`: its profile's steps, clipped, with a service measured by
/// several series (regions) averaged over the series that have data at each instant.
pub fn own_timeline(snapshot: &Snapshot, service_id: &str, weights: &Weights, window: Span) -> Timeline {
    let profile = Profile::for_service(snapshot, service_id, None, weights);
    let parts: Vec<Timeline> = profile
        .parts_as_steps()
        .into_iter()
        .map(|steps| {
            steps
                .into_iter()
                .filter(|s| s.counted)
                .filter_map(|s| s.span.intersect(&window).map(|span| (span, 1.0 - s.down_ratio)))
                .collect()
        })
        .collect();
    let refs: Vec<&Timeline> = parts.iter().collect();
    merge(&refs, |values| {
        let known: Vec<f64> = values.iter().flatten().copied().collect();
        (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
    })
}

/// The pointwise combination of `timelines`: in each elementary interval `f` gets each timeline's
/// value (`None` where it has no data) and returns the result's (`None`: no data).
/// O(boundaries × timelines).
pub fn merge(timelines: &[&Timeline], f: impl Fn(&[Option<f64>]) -> Option<f64>) -> Timeline {
    let mut bounds: Vec<TimeMs> =
        timelines.iter().flat_map(|t| t.iter().flat_map(|(s, _)| [s.start_ms, s.end_ms])).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut cursors = vec![0usize; timelines.len()];
    let mut values = vec![None; timelines.len()];
    let mut out: Timeline = Vec::new();
    for pair in bounds.windows(2) {
        let span = Span::new(pair[0], pair[1]);
        for ((timeline, cursor), value) in timelines.iter().zip(&mut cursors).zip(&mut values) {
            while timeline.get(*cursor).is_some_and(|(s, _)| s.end_ms <= span.start_ms) {
                *cursor += 1;
            }
            *value = timeline.get(*cursor).filter(|(s, _)| s.start_ms <= span.start_ms).map(|(_, v)| *v);
        }
        let Some(v) = f(&values) else { continue };
        match out.last_mut() {
            Some((last, lv)) if last.end_ms == span.start_ms && *lv == v => last.end_ms = span.end_ms,
            _ => out.push((span, v)),
        }
    }
    out
}

/// Availability of a timeline: mean up-ratio over the time it has data; `None` without data.
pub fn timeline_availability(timeline: &Timeline) -> Option<f64> {
    let known_ms: i64 = timeline.iter().map(|(s, _)| s.duration_ms()).sum();
    let up_ms: f64 = timeline.iter().map(|(s, v)| v * s.duration_ms() as f64).sum();
    (known_ms > 0).then(|| up_ms / known_ms as f64)
}

/// P(at least `k` of independent members with up-chances `ups` are up): the Poisson-binomial
/// tail, by dynamic programming over the number of members up.
pub fn k_of_n(k: u32, ups: &[f64]) -> f64 {
    let mut up_count = vec![1.0f64]; // up_count[j]: P(exactly j up) so far
    for &a in ups {
        let mut next = vec![0.0; up_count.len() + 1];
        for (j, p) in up_count.iter().enumerate() {
            next[j] += p * (1.0 - a);
            next[j + 1] += p * a;
        }
        up_count = next;
    }
    up_count.iter().skip(k as usize).sum::<f64>().clamp(0.0, 1.0)
}

/// What went wrong with a dependency graph or a change to it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DependencyError {
    #[error("the dependencies form a cycle: {}", .0.join(" → "))]
    Cycle(Vec<String>),
    #[error("{service} has no dependency {dependency}")]
    NoSuchDependency { service: String, dependency: String },
    #[error("{service} has no redundant group {index}")]
    NoSuchGroup { service: String, index: usize },
}

/// One service's figures over the window.
#[derive(Clone, Debug, PartialEq)]
pub struct Composite {
    pub service: String,
    /// The service's own availability, as its source reports it.
    pub own_ratio: Option<f64>,
    /// Replayed through its dependencies.
    pub composite_ratio: Option<f64>,
    /// From the dependencies' availabilities, assuming independent failures.
    pub static_ratio: Option<f64>,
    /// Time down (weighted) that the service's own data does not show: inherited from dependencies.
    pub inherited_down_ms: f64,
}

impl Composite {
    /// composite − static: negative when failures are correlated (redundancy worth less than
    /// the estimate), positive when they avoid each other.
    pub fn gap_ratio(&self) -> Option<f64> {
        Some(self.composite_ratio? - self.static_ratio?)
    }
}

/// The graph and the timelines of every service it mentions, ready to replay.
#[derive(Clone, Debug)]
pub struct Replay {
    window: Span,
    dependencies: Vec<Dependency>,
    own: Vec<(String, Timeline)>,
}

impl Replay {
    /// The snapshot's dependency graph with each service's own timeline inside `window`.
    pub fn new(snapshot: &Snapshot, weights: &Weights, window: Span) -> Replay {
        let mut ids: Vec<String> = snapshot.services.iter().map(|s| s.id.clone()).collect();
        let mut seen: HashSet<String> = ids.iter().cloned().collect();
        for d in &snapshot.dependencies {
            let named =
                std::iter::once(&d.service).chain(&d.requires).chain(d.redundant.iter().flat_map(|g| &g.of));
            for id in named {
                if seen.insert(id.clone()) {
                    ids.push(id.clone());
                }
            }
        }
        let own =
            ids.into_iter().map(|id| (id.clone(), own_timeline(snapshot, &id, weights, window))).collect();
        Replay { window, dependencies: snapshot.dependencies.clone(), own }
    }

    fn own_of(&self, id: &str) -> Option<&Timeline> {
        self.own.iter().find(|(s, _)| s == id).map(|(_, t)| t)
    }

    /// What `id` needs, if the graph names any dependency of it.
    pub fn dependency_of(&self, id: &str) -> Option<&Dependency> {
        self.dependencies.iter().find(|d| d.service == id)
    }

    /// Every service's figures, in the order services were named.
    pub fn composites(&self) -> Result<Vec<Composite>, DependencyError> {
        let graph = Graph::of(self);
        let count = self.own.len();
        let mut effective: Vec<Option<Timeline>> = vec![None; count];
        let mut estimate: Vec<Option<f64>> = vec![None; count];
        for i in graph.order()? {
            let Some((_, own)) = self.own.get(i) else { continue };
            let own_ratio = timeline_availability(own);
            let Some(dep) = graph.dependency.get(i).copied().flatten() else {
                effective[i] = Some(own.clone());
                estimate[i] = own_ratio;
                continue;
            };
            let at = |name: &str| graph.index.get(name).copied();
            let lookup = |name: &str| at(name).and_then(|j| effective.get(j)?.as_ref());
            let estimate_of = |name: &str| at(name).and_then(|j| *estimate.get(j)?);
            // Inputs: own, then requirements, then each group's members.
            let empty = Timeline::new();
            let mut inputs: Vec<&Timeline> = vec![own];
            inputs.extend(dep.requires.iter().map(|r| lookup(r).unwrap_or(&empty)));
            for group in &dep.redundant {
                inputs.extend(group.of.iter().map(|m| lookup(m).unwrap_or(&empty)));
            }
            let timeline = merge(&inputs, |values| combine(values, dep));
            let static_ratio = (|| {
                let mut a = own_ratio?;
                for r in &dep.requires {
                    a *= estimate_of(r)?;
                }
                for g in &dep.redundant {
                    let members: Option<Vec<f64>> = g.of.iter().map(|m| estimate_of(m)).collect();
                    a *= k_of_n(g.k, &members?);
                }
                Some(a)
            })();
            effective[i] = Some(timeline);
            estimate[i] = static_ratio;
        }
        Ok(self
            .own
            .iter()
            .zip(effective.iter().zip(&estimate))
            .map(|((id, own), (eff, static_ratio))| {
                let composite_ratio = eff.as_ref().and_then(timeline_availability);
                let inherited_down_ms = eff.as_ref().map_or(0.0, |e| {
                    let both = merge(&[own, e], |v| match (v[0], v[1]) {
                        (Some(o), Some(x)) => Some((o - x).max(0.0)),
                        _ => None,
                    });
                    both.iter().map(|(s, v)| v * s.duration_ms() as f64).sum()
                });
                Composite {
                    service: id.clone(),
                    own_ratio: timeline_availability(own),
                    composite_ratio,
                    static_ratio: *static_ratio,
                    inherited_down_ms,
                }
            })
            .collect())
    }

    /// The replay with `change` applied.
    pub fn with(&self, change: &Change) -> Result<Replay, DependencyError> {
        let mut next = self.clone();
        let missing = |service: &str, dependency: &str| DependencyError::NoSuchDependency {
            service: service.into(),
            dependency: dependency.into(),
        };
        match change {
            Change::RemoveDependency { service, dependency } => {
                let dep = next.dependency_mut(service).ok_or_else(|| missing(service, dependency))?;
                let before = dep.requires.len() + dep.redundant.iter().map(|g| g.of.len()).sum::<usize>();
                dep.requires.retain(|r| r != dependency);
                for g in &mut dep.redundant {
                    g.of.retain(|m| m != dependency);
                    g.k = g.k.min(g.of.len() as u32);
                }
                dep.redundant.retain(|g| !g.of.is_empty());
                let after = dep.requires.len() + dep.redundant.iter().map(|g| g.of.len()).sum::<usize>();
                if before == after {
                    return Err(missing(service, dependency));
                }
            }
            Change::AddRedundant { service, dependency, provider } => {
                let new_id = format!("{dependency} (redundant)");
                let timeline = match provider {
                    Provider::Independent { availability_ratio } => {
                        vec![(self.window, availability_ratio.clamp(0.0, 1.0))]
                    }
                    Provider::Shifted { of, shift_ms } => {
                        shifted(self.own_of(of).map_or(&[][..], |t| t), self.window, *shift_ms)
                    }
                };
                let dep = next.dependency_mut(service).ok_or_else(|| missing(service, dependency))?;
                if let Some(i) = dep.requires.iter().position(|r| r == dependency) {
                    dep.requires.remove(i);
                    dep.redundant.push(RedundantGroup { k: 1, of: vec![dependency.clone(), new_id.clone()] });
                } else if let Some(g) = dep.redundant.iter_mut().find(|g| g.of.contains(dependency)) {
                    g.of.push(new_id.clone());
                } else {
                    return Err(missing(service, dependency));
                }
                next.own.push((new_id, timeline));
            }
            Change::SetK { service, group, k } => {
                let no_group = || DependencyError::NoSuchGroup { service: service.clone(), index: *group };
                let dep = next.dependency_mut(service).ok_or_else(no_group)?;
                let g = dep.redundant.get_mut(*group).ok_or_else(no_group)?;
                g.k = (*k).min(g.of.len() as u32);
            }
        }
        Ok(next)
    }

    /// The replay with each of `changes` applied in turn (a later change sees the earlier ones:
    /// a group removed by emptying it no longer counts for [`Change::SetK`]'s index).
    pub fn with_all(&self, changes: &[Change]) -> Result<Replay, DependencyError> {
        changes.iter().try_fold(self.clone(), |replay, change| replay.with(change))
    }

    /// The services that need `id` directly (as a requirement or a group member), in graph order.
    pub fn needed_by(&self, id: &str) -> Vec<String> {
        self.dependencies
            .iter()
            .filter(|d| d.requires.iter().chain(d.redundant.iter().flat_map(|g| &g.of)).any(|n| n == id))
            .map(|d| d.service.clone())
            .collect()
    }

    fn dependency_mut(&mut self, id: &str) -> Option<&mut Dependency> {
        self.dependencies.iter_mut().find(|d| d.service == id)
    }

    /// `service`'s composite availability before and after `change`.
    pub fn what_if(&self, service: &str, change: &Change) -> Result<WhatIf, DependencyError> {
        let figure = |r: &Replay| -> Result<Option<f64>, DependencyError> {
            Ok(r.composites()?.into_iter().find(|c| c.service == service).and_then(|c| c.composite_ratio))
        };
        let before_ratio = figure(self)?;
        let after_ratio = figure(&self.with(change)?)?;
        Ok(WhatIf { service: service.into(), before_ratio, after_ratio })
    }
}

/// The replay's graph, indexed: each service's position in `Replay::own`, and the dependency
/// that names it (the first, as [`Replay::dependency_of`] finds it).
struct Graph<'a> {
    replay: &'a Replay,
    /// Keyed by owned names: the map type the rest of the page uses (one copy of its code).
    index: HashMap<String, usize>,
    dependency: Vec<Option<&'a Dependency>>,
}

impl<'a> Graph<'a> {
    fn of(replay: &'a Replay) -> Graph<'a> {
        // Reversed, so that the first of repeated names wins.
        let index: HashMap<String, usize> =
            replay.own.iter().enumerate().rev().map(|(i, (id, _))| (id.clone(), i)).collect();
        let mut dependency = vec![None; replay.own.len()];
        for d in replay.dependencies.iter().rev() {
            if let Some(slot) = index.get(d.service.as_str()).and_then(|&i| dependency.get_mut(i)) {
                *slot = Some(d);
            }
        }
        Graph { replay, index, dependency }
    }

    /// What service `i` needs, as positions: its requirements, then each group's members.
    fn needs(&self, i: usize) -> Vec<usize> {
        let Some(Some(dep)) = self.dependency.get(i) else { return Vec::new() };
        let named = dep.requires.iter().chain(dep.redundant.iter().flat_map(|g| &g.of));
        named.filter_map(|n| self.index.get(n.as_str()).copied()).collect()
    }

    /// Every service after everything it depends on (a depth-first post-order from each service
    /// in turn), or the first cycle found, as its path. Iterative: a chain of any depth fits.
    fn order(&self) -> Result<Vec<usize>, DependencyError> {
        // 0: not visited, 1: on the current path, 2: done.
        let count = self.replay.own.len();
        let mut state: Vec<u8> = vec![0; count];
        let mut order = Vec::with_capacity(count);
        // The current path: each service, what it needs, and how many of those were visited.
        let mut path: Vec<(usize, Vec<usize>, usize)> = Vec::new();
        for root in 0..count {
            if state[root] != 0 {
                continue;
            }
            state[root] = 1;
            path.push((root, self.needs(root), 0));
            while let Some((node, needs, visited)) = path.last_mut() {
                let node = *node;
                let Some(&next) = needs.get(*visited) else {
                    state[node] = 2;
                    order.push(node);
                    path.pop();
                    continue;
                };
                *visited += 1;
                match state[next] {
                    0 => {
                        state[next] = 1;
                        path.push((next, self.needs(next), 0));
                    }
                    1 => {
                        let name =
                            |i: usize| self.replay.own.get(i).map(|(id, _)| id.clone()).unwrap_or_default();
                        let from = path.iter().position(|(i, _, _)| *i == next).unwrap_or(0);
                        let mut cycle: Vec<String> = path[from..].iter().map(|(i, _, _)| name(*i)).collect();
                        cycle.push(name(next));
                        return Err(DependencyError::Cycle(cycle));
                    }
                    _ => {}
                }
            }
        }
        Ok(order)
    }
}

/// A change to the dependency graph to try.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// `service` no longer needs `dependency` (a serial requirement or a group member).
    RemoveDependency { service: String, dependency: String },
    /// `dependency` of `service` gets a redundant twin: a serial requirement becomes a 1-of-2
    /// group, a group member's group gains a member (keeping its k).
    AddRedundant { service: String, dependency: String, provider: Provider },
    /// The `group`-th redundant group of `service` needs `k` members up.
    SetK { service: String, group: usize, k: u32 },
}

/// A provider added by [`Change::AddRedundant`].
#[derive(Clone, Debug, PartialEq)]
pub enum Provider {
    /// Up with this chance at every instant, independently of everything else.
    Independent { availability_ratio: f64 },
    /// A copy of service `of`'s own timeline shifted later by `shift_ms`, wrapping around the
    /// window so that the copy has data wherever the original has.
    Shifted { of: String, shift_ms: i64 },
}

/// The effect of a change on one service.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    pub service: String,
    pub before_ratio: Option<f64>,
    pub after_ratio: Option<f64>,
}

impl WhatIf {
    pub fn delta_ratio(&self) -> Option<f64> {
        Some(self.after_ratio? - self.before_ratio?)
    }

    /// The change in expected downtime over a year of 365.25 days, in minutes (negative: less).
    pub fn delta_downtime_minutes_per_year(&self) -> Option<f64> {
        Some(-self.delta_ratio()? * 365.25 * (MS_PER_DAY / MS_PER_MINUTE) as f64)
    }
}

/// The effective up-ratio of a service with dependency `dep`, from the values of
/// `[own, requirements…, group members…]` (see the module docs).
fn combine(values: &[Option<f64>], dep: &Dependency) -> Option<f64> {
    let mut rest = values.iter();
    let mut up = (*rest.next()?)?;
    for _ in &dep.requires {
        up *= (*rest.next()?)?;
    }
    for g in &dep.redundant {
        let members: Option<Vec<f64>> = rest.by_ref().take(g.of.len()).copied().collect();
        up *= k_of_n(g.k, &members?);
    }
    Some(up)
}

/// `timeline` moved later by `shift_ms`, wrapping around `window`.
fn shifted(timeline: &[(Span, f64)], window: Span, shift_ms: i64) -> Timeline {
    let length_ms = window.duration_ms();
    if length_ms <= 0 {
        return Vec::new();
    }
    let shift_ms = shift_ms.rem_euclid(length_ms);
    let mut out: Timeline = Vec::with_capacity(timeline.len() + 1);
    for (span, v) in timeline {
        let Some(inside) = span.intersect(&window) else { continue };
        let (a, b) = (inside.start_ms + shift_ms, inside.end_ms + shift_ms);
        // The part past the window's end wraps to its start.
        for (from, to) in [(a, b.min(window.end_ms)), (a.max(window.end_ms) - length_ms, b - length_ms)] {
            if from < to {
                out.push((Span::new(from, to), *v));
            }
        }
    }
    crate::model::sort_by_time(&mut out, |(s, _)| s.start_ms);
    out
}

#[cfg(test)]
mod tests;
