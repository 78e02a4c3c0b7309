//! Statuspage v2 records as published at `/api/v2/*.json`. Every field is optional here: the
//! importer decides what a missing field means, so one odd record costs an issue, not the file.
//! Timestamps stay JSON values and go through the shared reader (`ingest::time`). Unknown keys
//! are ignored. Each record is read from its JSON tree field by field ([`Object`], smaller in the
//! web bundle than serde derives): a field of the wrong type is an issue and absent, and an
//! embedded record that is not an object is an issue and left out.

use serde_json::Value;

use crate::ingest::fields::Object;
use crate::ingest::{Notes, Then};

/// `page`: the status page the file belongs to.
#[derive(Debug, Default)]
pub struct WirePage {
    pub name: Option<String>,
    pub url: Option<String>,
    pub updated_at: Option<Value>,
}

/// A component, in `components` lists and embedded in incidents and maintenances. Its `status`
/// (the current one) is not read: see the parent module.
#[derive(Debug)]
pub struct WireComponent {
    pub id: Option<String>,
    /// The id, as archives that scrape status pages write a component reference (`code`, as in
    /// an update's `affected_components`).
    pub code: Option<String>,
    pub name: Option<String>,
    /// True for a component group (a heading over other components). incident.io omits it.
    pub group: Option<bool>,
    /// The group this component sits in.
    pub group_id: Option<String>,
    /// A group's member ids.
    pub components: Option<Vec<String>>,
    pub created_at: Option<Value>,
    pub updated_at: Option<Value>,
}

/// An incident or a scheduled maintenance: Statuspage uses one record shape for both.
#[derive(Debug)]
pub struct WireIncident {
    pub id: Option<String>,
    pub name: Option<String>,
    /// Incidents: `investigating`, `identified`, `monitoring`, `resolved`, `postmortem`;
    /// maintenances: `scheduled`, `in_progress`, `verifying`, `completed`.
    pub status: Option<String>,
    /// `none`, `minor`, `major`, `critical` (`maintenance` on maintenances).
    pub impact: Option<String>,
    pub created_at: Option<Value>,
    pub updated_at: Option<Value>,
    /// Absent in the old schema (before about 2019); `created_at` stands in.
    pub started_at: Option<Value>,
    pub monitoring_at: Option<Value>,
    pub resolved_at: Option<Value>,
    /// Maintenances only: the announced window.
    pub scheduled_for: Option<Value>,
    pub scheduled_until: Option<Value>,
    pub shortlink: Option<String>,
    pub incident_updates: Option<Vec<WireUpdate>>,
    pub components: Option<Vec<WireComponent>>,
}

#[derive(Debug)]
pub struct WireUpdate {
    pub status: Option<String>,
    /// Often HTML; kept as written.
    pub body: Option<String>,
    pub created_at: Option<Value>,
    /// When the page shows the update; differs from `created_at` for backfilled updates.
    pub display_at: Option<Value>,
    pub affected_components: Option<Vec<WireAffected>>,
}

/// A component's status as set by one update.
#[derive(Debug)]
pub struct WireAffected {
    /// The component id.
    pub code: Option<String>,
    /// The component's name when the update was written (it may have been renamed since).
    pub name: Option<String>,
    pub new_status: Option<String>,
}

/// The objects in list `key` of `o`, each read by `read` at its path; an item that is not an
/// object is an issue and left out. `None` when the field is absent.
fn objects<T>(
    notes: &mut Notes,
    o: &Object,
    key: &str,
    read: fn(&mut Notes, &Object) -> T,
) -> Option<Vec<T>> {
    o.get(key)?;
    let mut out = Vec::new();
    for (k, value) in o.list(notes, key).iter().enumerate() {
        let path = format!("{}[{k}]", o.at(key));
        if value.is_object() {
            out.push(read(notes, &Object { value, path: &path }));
        } else {
            notes.wrong_type(path, "an object", Then::Dropped);
        }
    }
    Some(out)
}

impl WirePage {
    pub fn read(notes: &mut Notes, o: &Object) -> Self {
        WirePage {
            name: o.text(notes, "name"),
            url: o.text(notes, "url"),
            updated_at: o.get("updated_at").cloned(),
        }
    }
}

impl WireComponent {
    pub fn read(notes: &mut Notes, o: &Object) -> Self {
        WireComponent {
            id: o.text(notes, "id"),
            code: o.text(notes, "code"),
            name: o.text(notes, "name"),
            group: o.flag(notes, "group"),
            group_id: o.text(notes, "group_id"),
            components: o.get("components").is_some().then(|| o.texts(notes, "components")),
            created_at: o.get("created_at").cloned(),
            updated_at: o.get("updated_at").cloned(),
        }
    }
}

impl WireIncident {
    pub fn read(notes: &mut Notes, o: &Object) -> Self {
        WireIncident {
            id: o.text(notes, "id"),
            name: o.text(notes, "name"),
            status: o.text(notes, "status"),
            impact: o.text(notes, "impact"),
            created_at: o.get("created_at").cloned(),
            updated_at: o.get("updated_at").cloned(),
            started_at: o.get("started_at").cloned(),
            monitoring_at: o.get("monitoring_at").cloned(),
            resolved_at: o.get("resolved_at").cloned(),
            scheduled_for: o.get("scheduled_for").cloned(),
            scheduled_until: o.get("scheduled_until").cloned(),
            shortlink: o.text(notes, "shortlink"),
            incident_updates: objects(notes, o, "incident_updates", WireUpdate::read),
            components: objects(notes, o, "components", WireComponent::read),
        }
    }
}

impl WireUpdate {
    fn read(notes: &mut Notes, o: &Object) -> Self {
        WireUpdate {
            status: o.text(notes, "status"),
            body: o.text(notes, "body"),
            created_at: o.get("created_at").cloned(),
            display_at: o.get("display_at").cloned(),
            affected_components: objects(notes, o, "affected_components", |notes, o| WireAffected {
                code: o.text(notes, "code"),
                name: o.text(notes, "name"),
                new_status: o.text(notes, "new_status"),
            }),
        }
    }
}
