//! The Prometheus HTTP API response as it is on the wire (`/api/v1/query`, `/api/v1/query_range`).
//! Fields whose type varies in practice stay `serde_json::Value` so that one bad record becomes an
//! issue instead of failing the whole file.

use serde::Deserialize;
use serde_json::Value;

use crate::model::StringMap;

/// The envelope every API endpoint answers with.
#[derive(Deserialize)]
pub struct Response {
    pub status: String,
    #[serde(default)]
    pub data: Option<Data>,
    #[serde(default, rename = "errorType")]
    pub error_type: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    /// Strings; kept as values so that a garbage entry costs one issue, not the file.
    #[serde(default)]
    pub warnings: Value,
    /// Prometheus 3 "info" annotations; same shape as `warnings`.
    #[serde(default)]
    pub infos: Value,
}

#[derive(Deserialize)]
pub struct Data {
    #[serde(rename = "resultType")]
    pub result_type: String,
    /// An array of [`Series`] for `matrix` and `vector`; read record by record.
    #[serde(default)]
    pub result: Value,
}

/// One element of `data.result`: a label set and its points.
#[derive(Deserialize)]
pub struct Series {
    #[serde(default)]
    pub metric: StringMap,
    /// Matrix points: `[[<unix seconds>, "<value>"], …]`.
    #[serde(default)]
    pub values: Option<Vec<Value>>,
    /// The vector point: `[<unix seconds>, "<value>"]`.
    #[serde(default)]
    pub value: Option<Value>,
    /// Native histograms (Prometheus 2.40+) carry no up-ratio; only their presence matters.
    #[serde(default)]
    pub histograms: Option<Value>,
    #[serde(default)]
    pub histogram: Option<Value>,
}
