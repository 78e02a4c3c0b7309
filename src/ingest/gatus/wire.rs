//! Gatus `/api/v1/endpoints/statuses` as it is on the wire (Go's `encoding/json` output).
//! Lists stay `serde_json::Value` so that one bad record becomes an issue, not a failed file.

use serde::Deserialize;
use serde_json::Value;

/// One endpoint: its identity, its latest results and its state-change events.
#[derive(Deserialize)]
pub struct EndpointStatus {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    /// `<group>_<name>`, sanitised by Gatus; stable across restarts.
    #[serde(default)]
    pub key: Option<String>,
    /// Go writes a nil slice as `null`, hence the `Option`.
    #[serde(default)]
    pub results: Option<Vec<Value>>,
    #[serde(default)]
    pub events: Option<Vec<Value>>,
}

/// One check. Fields not read here (`status`, `hostname`, `conditionResults`, `errors`) are ignored.
#[derive(Deserialize)]
pub struct CheckResult {
    #[serde(default)]
    pub success: Option<bool>,
    /// Go `time.Duration`: NANOSECONDS.
    #[serde(default)]
    pub duration: Option<f64>,
    #[serde(default)]
    pub timestamp: Option<Value>,
}

/// A state change: `START`, `HEALTHY` or `UNHEALTHY`.
#[derive(Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub timestamp: Option<Value>,
}
