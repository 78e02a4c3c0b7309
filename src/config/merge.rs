//! Several sources in one view, each service remembering where it came from.
//!
//! [`merge`], in the order the sources are given:
//! - **Services** keep their ids, except that a service whose id an earlier source already has
//!   becomes `<source id>:<id>` (with `~2`, `~3`, … in the unlikely case that is taken too), with
//!   an issue; that source's incidents, maintenance, announcements, series and dependencies
//!   follow the new id.
//! - **Incidents, maintenance and announcements** are concatenated (incidents and announcements
//!   then sorted by start, stably); an
//!   id an earlier source already used gets the same `<source id>:` prefix, without an issue.
//!   A source alone keeps all its ids.
//! - **Regions** are merged by id; the first name wins. **Series** and **dependencies** are
//!   concatenated.
//! - **as_of** is the latest of the sources'; **coverage** is the union of their coverages: a gap
//!   between two sources' coverages stays unknown. A source whose coverage is not that union
//!   gives its coverage to each of its services that has none of its own, so that a service is
//!   known only where its own source has data.
//! - **Title**: the sources' distinct non-empty titles joined with " · ".
//!
//! [`Merged::apply_config`] then applies the config: its title (when set), its SLOs (replacing
//! the sources' SLO of that service) and its dependencies (replacing the sources' entry for that
//! service, otherwise appended). An SLO or dependency naming a service no source has is skipped
//! with an issue at its path in the config.

use std::collections::{HashMap, HashSet};

use super::{DashboardConfig, SourceConfig};
use crate::ingest::Issue;
use crate::model::{Coverage, Dependency, Slo, Snapshot, StringMap};

/// Where figures came from: a source's id and display label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    pub id: String,
    pub label: String,
}

/// One view over several sources.
#[derive(Clone, Debug, Default)]
pub struct Merged {
    pub snapshot: Snapshot,
    /// In the order given to [`merge`].
    pub sources: Vec<SourceRef>,
    /// Each service id of `snapshot` → its index in `sources`.
    pub origin_of_service: HashMap<String, usize>,
    /// Renamed services, and config entries that could not be applied.
    pub issues: Vec<Issue>,
}

impl Merged {
    /// The source `service_id` came from.
    pub fn source_of(&self, service_id: &str) -> Option<&SourceRef> {
        self.origin_of_service.get(service_id).and_then(|i| self.sources.get(*i))
    }

    /// Applies the config's title, SLOs and dependencies (see the module documentation).
    pub fn apply_config(&mut self, config: &DashboardConfig) {
        if let Some(title) = &config.title {
            self.snapshot.title = title.clone();
        }
        for (i, slo) in config.slos.iter().enumerate() {
            match self.snapshot.services.iter_mut().find(|s| s.id == slo.service) {
                Some(service) => {
                    service.slo = Some(Slo { target_ratio: slo.target_ratio, window_days: slo.window_days })
                }
                None => self.issues.push(Issue {
                    path: format!("slos[{i}].service"),
                    message: format!("no source has a service {:?}; SLO not applied", slo.service),
                }),
            }
        }
        for (i, dependency) in config.dependencies.iter().enumerate() {
            if let Some((path, id)) = missing_service(&self.snapshot, dependency) {
                self.issues.push(Issue {
                    path: format!("dependencies[{i}].{path}"),
                    message: format!("no source has a service {id:?}; dependency skipped"),
                });
                continue;
            }
            let dependencies = &mut self.snapshot.dependencies;
            match dependencies.iter_mut().find(|d| d.service == dependency.service) {
                Some(existing) => *existing = dependency.clone(),
                None => dependencies.push(dependency.clone()),
            }
        }
    }
}

/// The first service `dependency` names that `snapshot` lacks, with its path in the dependency.
fn missing_service(snapshot: &Snapshot, dependency: &Dependency) -> Option<(String, String)> {
    let named = std::iter::once(("service".to_string(), &dependency.service))
        .chain(dependency.requires.iter().enumerate().map(|(j, id)| (format!("requires[{j}]"), id)))
        .chain(dependency.redundant.iter().enumerate().flat_map(|(j, group)| {
            group.of.iter().enumerate().map(move |(m, id)| (format!("redundant[{j}].of[{m}]"), id))
        }));
    named.into_iter().find(|(_, id)| snapshot.service(id).is_none()).map(|(path, id)| (path, id.clone()))
}

/// The sources as one view; see the module documentation for the rules.
pub fn merge(sources: Vec<(SourceConfig, Snapshot)>) -> Merged {
    let mut merged = Merged::default();
    let mut titles: Vec<String> = Vec::new();
    let mut coverage = Coverage::default();
    let mut incident_ids: HashSet<String> = HashSet::new();
    let mut maintenance_ids: HashSet<String> = HashSet::new();
    let mut announcement_ids: HashSet<String> = HashSet::new();
    // Each source's first service (an index into the merged services) and its coverage.
    let mut firsts: Vec<(usize, Coverage)> = Vec::new();
    for (index, (source, mut snapshot)) in sources.into_iter().enumerate() {
        let renames = rename_services(&mut merged, index, &source, &mut snapshot);
        if !renames.is_empty() {
            follow_renames(&mut snapshot, &renames);
        }
        merged.sources.push(SourceRef { id: source.id.clone(), label: source.label });
        let title = snapshot.title.trim();
        if !title.is_empty() && !titles.iter().any(|t| t == title) {
            titles.push(title.to_string());
        }
        let target = &mut merged.snapshot;
        target.as_of_ms = if index == 0 { snapshot.as_of_ms } else { target.as_of_ms.max(snapshot.as_of_ms) };
        for region in snapshot.regions {
            if !target.regions.iter().any(|r| r.id == region.id) {
                target.regions.push(region);
            }
        }
        firsts.push((target.services.len(), std::mem::take(&mut snapshot.coverage)));
        target.services.append(&mut snapshot.services);
        let mut ids = RecordIds::new(&mut incident_ids, &source.id);
        for mut incident in snapshot.incidents {
            incident.id = ids.unique(incident.id);
            target.incidents.push(incident);
        }
        ids.finish();
        let mut ids = RecordIds::new(&mut maintenance_ids, &source.id);
        for mut maintenance in snapshot.maintenances {
            maintenance.id = ids.unique(maintenance.id);
            target.maintenances.push(maintenance);
        }
        ids.finish();
        let mut ids = RecordIds::new(&mut announcement_ids, &source.id);
        for mut announcement in snapshot.announcements {
            announcement.id = ids.unique(announcement.id);
            target.announcements.push(announcement);
        }
        ids.finish();
        target.series.append(&mut snapshot.series);
        target.dependencies.append(&mut snapshot.dependencies);
    }
    let snapshot = &mut merged.snapshot;
    for (_, own) in &firsts {
        coverage = coverage.union(own);
    }
    let ends = firsts.iter().skip(1).map(|(first, _)| *first).chain([snapshot.services.len()]);
    for ((first, own), end) in firsts.iter().zip(ends) {
        if *own != coverage {
            for service in snapshot.services.get_mut(*first..end).unwrap_or_default() {
                service.coverage.get_or_insert_with(|| own.clone());
            }
        }
    }
    crate::model::sort_by_time(&mut snapshot.incidents, |i| i.start_ms);
    crate::model::sort_by_time(&mut snapshot.announcements, |a| a.start_ms);
    snapshot.coverage = coverage;
    snapshot.title = titles.join(" · ");
    merged
}

/// Gives each service of `snapshot` (source number `index`) an id no earlier source has, records
/// its origin, and returns the renames made.
fn rename_services(
    merged: &mut Merged,
    index: usize,
    source: &SourceConfig,
    snapshot: &mut Snapshot,
) -> StringMap {
    let mut renames = StringMap::new();
    for service in &mut snapshot.services {
        let earlier = merged.origin_of_service.get(&service.id).copied().filter(|i| *i != index);
        if let Some(earlier) = earlier {
            let prefixed = format!("{}:{}", source.id, service.id);
            let new_id = (1..)
                .map(|n| if n == 1 { prefixed.clone() } else { format!("{prefixed}~{n}") })
                .find(|id| !merged.origin_of_service.contains_key(id))
                .unwrap_or(prefixed);
            let other = merged.sources.get(earlier).map_or("", |s| s.id.as_str());
            merged.issues.push(Issue {
                path: format!("sources[{index}]"),
                message: format!("service {:?} is also in source {other:?}; renamed {new_id:?}", service.id),
            });
            renames.insert(service.id.clone(), new_id.clone());
            service.id = new_id;
        }
        merged.origin_of_service.insert(service.id.clone(), index);
    }
    renames
}

/// Points every reference to a renamed service at its new id.
fn follow_renames(snapshot: &mut Snapshot, renames: &StringMap) {
    let rename = |id: &mut String| {
        if let Some(new_id) = renames.get(id.as_str()) {
            id.clone_from(new_id);
        }
    };
    let services = snapshot.incidents.iter_mut().flat_map(|i| &mut i.services);
    services
        .chain(snapshot.maintenances.iter_mut().flat_map(|m| &mut m.services))
        .chain(snapshot.announcements.iter_mut().flat_map(|a| &mut a.services))
        .for_each(rename);
    snapshot.series.iter_mut().for_each(|s| rename(&mut s.service));
    for dependency in &mut snapshot.dependencies {
        rename(&mut dependency.service);
        dependency.requires.iter_mut().for_each(rename);
        dependency.redundant.iter_mut().flat_map(|g| &mut g.of).for_each(rename);
    }
}

/// The record ids of one source, made unique against the earlier sources' ones.
struct RecordIds<'a> {
    earlier: &'a mut HashSet<String>,
    source_id: &'a str,
    this: HashSet<String>,
}

impl<'a> RecordIds<'a> {
    fn new(earlier: &'a mut HashSet<String>, source_id: &'a str) -> Self {
        RecordIds { earlier, source_id, this: HashSet::new() }
    }

    /// `id`, or `<source id>:<id>` (then with `~2`, …) when an earlier source has it.
    fn unique(&mut self, id: String) -> String {
        if !self.earlier.contains(&id) {
            self.this.insert(id.clone());
            return id;
        }
        let prefixed = format!("{}:{id}", self.source_id);
        let id = (1..)
            .map(|n| if n == 1 { prefixed.clone() } else { format!("{prefixed}~{n}") })
            .find(|candidate| !self.earlier.contains(candidate) && !self.this.contains(candidate))
            .unwrap_or(prefixed);
        self.this.insert(id.clone());
        id
    }

    /// Adds this source's ids to the earlier ones.
    fn finish(self) {
        self.earlier.extend(self.this);
    }
}

#[cfg(test)]
mod tests;
