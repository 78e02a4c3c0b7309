//! Wire types of the native format: they mirror the JSON exactly and live only here.

use serde::{Deserialize, Serialize, Serializer};

use super::columns::Column;

/// The fields that say which format and version a file is, read when it does not read as version 1.
#[derive(Deserialize)]
pub(super) struct Head {
    #[serde(default)]
    pub(super) format: Option<String>,
    #[serde(default)]
    pub(super) version: Option<serde_json::Value>,
}

/// A whole file; `S` is the series type, read columns when reading (by [`super::scan`], which
/// walks the fields below by name) and sample slices when writing; `A` the announcement type,
/// JSON trees when reading (read by hand: see [`crate::ingest::fields`]) and records when writing.
#[derive(Serialize)]
pub(super) struct File<S, A> {
    pub(super) format: String,
    pub(super) version: u32,
    pub(super) title: String,
    pub(super) as_of: String,
    pub(super) coverage: WireCoverage,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) regions: Vec<WireRegion>,
    pub(super) services: Vec<WireService>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) dependencies: Vec<WireDependency>,
    pub(super) incidents: Vec<WireIncident>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) maintenances: Vec<WireMaintenance>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) announcements: Vec<A>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) series: Vec<S>,
}

/// `coverage`: one span (the form every version-1 file had), or an array of spans when the
/// covered time has gaps.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum WireCoverage {
    One(WireSpan),
    Many(Vec<WireSpan>),
}

/// By hand rather than `untagged`, so that a mistake inside either form gets serde_json's own
/// message and position (and the buffering `untagged` needs stays out of the web bundle).
impl<'de> Deserialize<'de> for WireCoverage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = WireCoverage;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a span {\"start\", \"end\"} or an array of spans")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                WireSpan::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(WireCoverage::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(WireCoverage::Many)
            }
        }
        deserializer.deserialize_any(Either)
    }
}

#[derive(Deserialize, Serialize)]
pub(super) struct WireSpan {
    pub(super) start: String,
    pub(super) end: String,
}

#[derive(Deserialize, Serialize)]
pub(super) struct WireRegion {
    pub(super) id: String,
    pub(super) name: String,
}

#[derive(Deserialize, Serialize)]
pub(super) struct WireService {
    pub(super) id: String,
    pub(super) name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) group: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) slo: Option<WireSlo>,
    /// The time this service's source observed, when it is not the file's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) coverage: Option<WireCoverage>,
}

#[derive(Deserialize, Serialize)]
pub(super) struct WireSlo {
    pub(super) target: f64,
    #[serde(default = "default_window_days")]
    pub(super) window_days: u32,
}

pub(super) fn default_window_days() -> u32 {
    30
}

#[derive(Deserialize, Serialize)]
pub(super) struct WireDependency {
    pub(super) service: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) requires: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) redundant: Vec<WireRedundant>,
}

#[derive(Deserialize, Serialize)]
pub(super) struct WireRedundant {
    pub(super) k: u32,
    pub(super) of: Vec<String>,
}

#[derive(Deserialize, Serialize)]
pub(super) struct WireIncident {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) impact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) source_impact: Option<String>,
    pub(super) status: String,
    #[serde(default = "unknown_text")]
    pub(super) origin: String,
    pub(super) services: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) regions: Vec<String>,
    pub(super) start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) end: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) updates: Vec<WireUpdate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) links: Vec<String>,
}

pub(super) fn unknown_text() -> String {
    "unknown".into()
}

#[derive(Deserialize, Serialize)]
pub(super) struct WireUpdate {
    pub(super) at: String,
    pub(super) status: String,
    pub(super) text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) impact: Option<String>,
}

#[derive(Deserialize, Serialize)]
pub(super) struct WireMaintenance {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) services: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) regions: Vec<String>,
    pub(super) start: String,
    pub(super) end: String,
}

/// An announcement as written (read from its JSON tree by `super::read_announcement`).
#[derive(Serialize)]
pub(super) struct WireAnnouncement {
    pub(super) id: String,
    pub(super) title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) services: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) tags: Vec<String>,
    pub(super) start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) action_by: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(super) text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) links: Vec<String>,
}

/// A series as read by [`super::scan`]: the columns are read straight from the text into `f32`s
/// (much faster than serde's element-by-element path for a million numbers); a column that is
/// not an array of numbers is kept as the reason, for an issue.
pub(super) struct WireSeriesIn {
    pub(super) service: String,
    pub(super) region: Option<String>,
    pub(super) start: Option<String>,
    pub(super) step_s: Option<f64>,
    pub(super) times_ms: Option<Vec<i64>>,
    /// The first time in Unix milliseconds, then each time's milliseconds after the one before.
    pub(super) times_delta_ms: Option<Vec<i64>>,
    pub(super) up: Column,
    pub(super) latency_ms: Option<Column>,
}

/// A series as written. A regular series has `start` + `step_s`, an irregular one
/// `times_delta_ms` (about half as long as `times_ms` for samples minutes apart).
#[derive(Serialize)]
pub(super) struct WireSeriesOut<'a> {
    pub(super) service: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) step_s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "write_deltas")]
    pub(super) times_delta_ms: Option<&'a [i64]>,
    #[serde(serialize_with = "write_four_decimals")]
    pub(super) up: &'a [f32],
    #[serde(skip_serializing_if = "<[f32]>::is_empty", serialize_with = "write_four_decimals")]
    pub(super) latency_ms: &'a [f32],
}

/// Writes times in Unix milliseconds as `times_delta_ms`: the first, then each one's difference
/// from the one before (times within the years 1 to 9999 differ by far less than `i64::MAX`).
fn write_deltas<S: Serializer>(times_ms: &Option<&[i64]>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let times_ms = times_ms.unwrap_or_default();
    let mut seq = s.serialize_seq(Some(times_ms.len()))?;
    let mut before_ms = 0i64;
    for t in times_ms {
        seq.serialize_element(&t.saturating_sub(before_ms))?;
        before_ms = *t;
    }
    seq.end()
}

/// Writes numbers compactly: `NaN` as null, others rounded to four decimals, then to the nearest
/// `f32`, in the fewest digits that read back as that `f32` (whole numbers without a fraction).
/// Reading what was written and writing it again gives the same text.
fn write_four_decimals<S: Serializer>(values: &&[f32], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(values.len()))?;
    for v in values.iter() {
        let rounded = ((f64::from(*v) * 1e4).round() / 1e4) as f32;
        if rounded.is_nan() {
            seq.serialize_element(&None::<u8>)?;
        } else if rounded.fract() == 0.0 && rounded.abs() < 1e9 {
            seq.serialize_element(&(rounded as i64))?;
        } else {
            seq.serialize_element(&rounded)?;
        }
    }
    seq.end()
}

/// The `collected` member of a collected folder's `index.json`: only the months of its shards
/// are read here (its daily figures and probe results are for other readers).
#[derive(Deserialize)]
pub(super) struct WireCollected {
    #[serde(default)]
    pub(super) months: Vec<String>,
}
