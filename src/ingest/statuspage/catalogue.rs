//! The services of a Statuspage file: its components, wherever the file mentions them.
//!
//! Contract: a component is known by its id. Its name comes from the best source that names it:
//! the file's own component list, then a component embedded in an incident or maintenance (these
//! are current snapshots), then an update's `affected_components` (the name when the update was
//! written, possibly since renamed), then the id itself. A group (`group: true`, or any component
//! that others name as their `group_id`) is not a service: it gives its name to its members'
//! `group`, and a reference to it stands for its members. A group nobody is a member of, that an
//! incident names, is kept as a service so the reference is not lost. Services keep the order in
//! which the file first mentions them.

use std::collections::{HashMap, HashSet};

use super::wire::WireComponent;
use crate::model::Service;

/// Where a component's name was read, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameSource {
    Id,
    Update,
    Embedded,
    Listed,
}

#[derive(Debug)]
struct Entry {
    id: String,
    name: String,
    name_source: NameSource,
    group_id: Option<String>,
    flagged_group: bool,
    /// Member ids a group lists itself (`components` on a group record).
    listed_members: Vec<String>,
    /// A group that an incident or maintenance names directly and that has no members.
    referenced_alone: bool,
}

/// A component's id: its `id`, else its `code`; `None` when it has neither.
pub fn component_id(component: &WireComponent) -> Option<&str> {
    [&component.id, &component.code].into_iter().find_map(|id| id.as_deref().filter(|id| !id.is_empty()))
}

#[derive(Debug, Default)]
pub struct Catalogue {
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
    /// Ids that some component names as its `group_id`.
    named_as_group: HashSet<String>,
}

impl Catalogue {
    /// Records a component record; `None` when it has no id (nor `code`).
    pub fn add_component(&mut self, component: &WireComponent, source: NameSource) -> Option<()> {
        let id = component_id(component)?;
        let name = component.name.as_deref().filter(|n| !n.trim().is_empty());
        let group_id = component.group_id.as_deref().filter(|g| !g.is_empty() && *g != id);
        let entry = self.entry(id)?;
        if let Some(name) = name.filter(|_| source > entry.name_source) {
            entry.name = name.to_owned();
            entry.name_source = source;
        }
        let group_id = match (&entry.group_id, group_id) {
            (None, Some(group_id)) => {
                entry.group_id = Some(group_id.to_owned());
                Some(group_id)
            }
            _ => None,
        };
        entry.flagged_group |= component.group == Some(true);
        for member in component.components.iter().flatten() {
            if !entry.listed_members.contains(member) && member != id {
                entry.listed_members.push(member.clone());
            }
        }
        if let Some(group_id) = group_id {
            self.named_as_group.insert(group_id.to_owned());
        }
        Some(())
    }

    /// Records a component named by an update's `affected_components`.
    pub fn add_reference(&mut self, id: &str, name: Option<&str>) {
        if id.is_empty() {
            return;
        }
        let Some(entry) = self.entry(id) else { return };
        if let Some(name) = name.filter(|n| !n.trim().is_empty() && NameSource::Update > entry.name_source) {
            entry.name = name.to_owned();
            entry.name_source = NameSource::Update;
        }
    }

    /// The entry for `id`, made on first mention (always `Some`).
    fn entry(&mut self, id: &str) -> Option<&mut Entry> {
        let next = self.entries.len();
        let at = *self.index.entry(id.to_owned()).or_insert(next);
        if at == next {
            self.entries.push(Entry {
                id: id.to_owned(),
                name: id.to_owned(),
                name_source: NameSource::Id,
                group_id: None,
                flagged_group: false,
                listed_members: Vec::new(),
                referenced_alone: false,
            });
        }
        self.entries.get_mut(at)
    }

    /// The id of the component called `name`, when one is.
    pub fn id_named(&self, name: &str) -> Option<String> {
        self.entries.iter().find(|e| e.name == name && e.name_source > NameSource::Id).map(|e| e.id.clone())
    }

    /// The members of the group `id`: components naming it as their group, then those it lists.
    fn members(&self, id: &str) -> Vec<String> {
        let mut members: Vec<String> = self
            .entries
            .iter()
            .filter(|e| e.group_id.as_deref() == Some(id) && !self.is_group(e))
            .map(|e| e.id.clone())
            .collect();
        if let Some(entry) = self.index.get(id).and_then(|at| self.entries.get(*at)) {
            for member in &entry.listed_members {
                if !members.contains(member) {
                    members.push(member.clone());
                }
            }
        }
        members
    }

    fn is_group(&self, entry: &Entry) -> bool {
        entry.flagged_group || !entry.listed_members.is_empty() || self.named_as_group.contains(&entry.id)
    }

    /// The service ids a reference to component `id` stands for (a group stands for its members).
    pub fn service_ids(&mut self, id: &str) -> Vec<String> {
        let Some(&at) = self.index.get(id) else { return vec![id.to_owned()] };
        if !self.entries.get(at).is_some_and(|e| self.is_group(e)) {
            return vec![id.to_owned()];
        }
        let members = self.members(id);
        if members.is_empty() {
            if let Some(entry) = self.entries.get_mut(at) {
                entry.referenced_alone = true;
            }
            return vec![id.to_owned()];
        }
        members
    }

    /// The services, in first-mention order, each with its group's name.
    pub fn into_services(self) -> Vec<Service> {
        let group_name = |group_id: &Option<String>| {
            let at = self.index.get(group_id.as_deref()?)?;
            self.entries.get(*at).map(|g| g.name.clone())
        };
        self.entries
            .iter()
            .filter(|e| e.referenced_alone || !self.is_group(e))
            .map(|e| Service {
                id: e.id.clone(),
                name: e.name.clone(),
                group: group_name(&e.group_id),
                regions: Vec::new(),
                tags: Vec::new(),
                slo: None,
                coverage: None,
            })
            .collect()
    }
}
