//! Statuspage v2 records as published at `/api/v2/*.json`. Every field is optional here: the
//! importer decides what a missing field means, so one odd record costs an issue, not the file.
//! Timestamps stay JSON values and go through the shared reader (`ingest::time`). Unknown keys
//! are ignored, and keys may come in any order. The `expecting` texts are the words issues use.

use serde::Deserialize;
use serde_json::Value;

/// `page`: the status page the file belongs to.
#[derive(Debug, Default, Deserialize)]
#[serde(expecting = "a Statuspage page object")]
pub struct WirePage {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub updated_at: Option<Value>,
}

/// A component, in `components` lists and embedded in incidents and maintenances. Its `status`
/// (the current one) is not read: see the parent module.
#[derive(Debug, Deserialize)]
#[serde(expecting = "a Statuspage component object")]
pub struct WireComponent {
    #[serde(default)]
    pub id: Option<String>,
    /// The id, as archives that scrape status pages write a component reference (`code`, as in
    /// an update's `affected_components`).
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    /// True for a component group (a heading over other components). incident.io omits it.
    #[serde(default)]
    pub group: Option<bool>,
    /// The group this component sits in.
    #[serde(default)]
    pub group_id: Option<String>,
    /// A group's member ids.
    #[serde(default)]
    pub components: Option<Vec<String>>,
    #[serde(default)]
    pub created_at: Option<Value>,
    #[serde(default)]
    pub updated_at: Option<Value>,
}

/// An incident or a scheduled maintenance: Statuspage uses one record shape for both.
#[derive(Debug, Deserialize)]
#[serde(expecting = "a Statuspage incident object")]
pub struct WireIncident {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    /// Incidents: `investigating`, `identified`, `monitoring`, `resolved`, `postmortem`;
    /// maintenances: `scheduled`, `in_progress`, `verifying`, `completed`.
    #[serde(default)]
    pub status: Option<String>,
    /// `none`, `minor`, `major`, `critical` (`maintenance` on maintenances).
    #[serde(default)]
    pub impact: Option<String>,
    #[serde(default)]
    pub created_at: Option<Value>,
    #[serde(default)]
    pub updated_at: Option<Value>,
    /// Absent in the old schema (before about 2019); `created_at` stands in.
    #[serde(default)]
    pub started_at: Option<Value>,
    #[serde(default)]
    pub monitoring_at: Option<Value>,
    #[serde(default)]
    pub resolved_at: Option<Value>,
    /// Maintenances only: the announced window.
    #[serde(default)]
    pub scheduled_for: Option<Value>,
    #[serde(default)]
    pub scheduled_until: Option<Value>,
    #[serde(default)]
    pub shortlink: Option<String>,
    #[serde(default)]
    pub incident_updates: Option<Vec<WireUpdate>>,
    #[serde(default)]
    pub components: Option<Vec<WireComponent>>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a Statuspage incident update object")]
pub struct WireUpdate {
    #[serde(default)]
    pub status: Option<String>,
    /// Often HTML; kept as written.
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub created_at: Option<Value>,
    /// When the page shows the update; differs from `created_at` for backfilled updates.
    #[serde(default)]
    pub display_at: Option<Value>,
    #[serde(default)]
    pub affected_components: Option<Vec<WireAffected>>,
}

/// A component's status as set by one update.
#[derive(Debug, Deserialize)]
#[serde(expecting = "a Statuspage affected component object")]
pub struct WireAffected {
    /// The component id.
    #[serde(default)]
    pub code: Option<String>,
    /// The component's name when the update was written (it may have been renamed since).
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub new_status: Option<String>,
}
