//! Uptime Kuma status-page JSON as it is on the wire: `/api/status-page/<slug>` (config, incident,
//! groups of monitors) and `/api/status-page/heartbeat/<slug>` (heartbeats per monitor id).
//! Lists and maps stay `serde_json::Value` so that one bad record becomes an issue.

use serde::Deserialize;
use serde_json::Value;

/// Either file, or both merged into one object; every part is optional.
#[derive(Deserialize)]
pub struct Page {
    #[serde(default)]
    pub config: Option<Value>,
    /// The pinned incident (Uptime Kuma 1.x and 2.0), or `null`.
    #[serde(default)]
    pub incident: Option<Value>,
    /// A list of incidents (some newer builds).
    #[serde(default)]
    pub incidents: Option<Value>,
    #[serde(default, rename = "publicGroupList")]
    pub public_group_list: Option<Value>,
    #[serde(default, rename = "maintenanceList")]
    pub maintenance_list: Option<Value>,
    /// `{"<monitor id>": [beat, …]}`.
    #[serde(default, rename = "heartbeatList")]
    pub heartbeat_list: Option<Value>,
    // `uptimeList` ({"<id>_24": ratio}) is an aggregate over Kuma's own window; not read.
}

#[derive(Deserialize)]
pub struct Config {
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Deserialize)]
pub struct Group {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "monitorList")]
    pub monitor_list: Option<Vec<Value>>,
}

/// A monitor as the status page shows it; `type`, `sendUrl`, `url` and others are not read.
#[derive(Deserialize)]
pub struct Monitor {
    /// A number in practice; a string is accepted.
    #[serde(default)]
    pub id: Value,
    #[serde(default)]
    pub name: Option<String>,
    /// Present when the page shows tags: `[{name, value, color}]`.
    #[serde(default)]
    pub tags: Option<Vec<Tag>>,
}

#[derive(Deserialize)]
pub struct Tag {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
}

/// The status page's incident banner.
#[derive(Deserialize)]
pub struct Incident {
    #[serde(default)]
    pub id: Value,
    /// `info`, `warning`, `danger`, `primary`, `light` or `dark` (a Bootstrap colour).
    #[serde(default)]
    pub style: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
    /// Zone-less UTC (`2023-01-05 10:00:00`).
    #[serde(default, rename = "createdDate")]
    pub created_date: Option<Value>,
    #[serde(default, rename = "lastUpdatedDate")]
    pub last_updated_date: Option<Value>,
}

/// One heartbeat. `msg` and other fields are not read.
#[derive(Deserialize)]
pub struct Beat {
    /// 0 DOWN, 1 UP, 2 PENDING, 3 MAINTENANCE.
    #[serde(default)]
    pub status: Option<i64>,
    /// Zone-less UTC (`2023-01-05 10:00:00.123`) in 1.x; ISO with `Z` in aggregated 2.x beats.
    #[serde(default)]
    pub time: Option<Value>,
    /// Milliseconds, or `null`.
    #[serde(default)]
    pub ping: Option<f64>,
}
