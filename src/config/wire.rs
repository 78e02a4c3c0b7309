//! The config file as it is on the wire; lives only here. Arrays of records stay
//! `serde_json::Value` so that one bad record costs an issue, not the file. Unknown fields are
//! found by comparing an object's keys with the `*_FIELDS` lists (serde ignores them).

use serde::Deserialize;
use serde_json::Value;

/// `collect` (top level) and a source's `auth` are read by `nines collect` alone; the page
/// accepts them without reading them. `auth` (top level) is read by the page's sign-in
/// (`ui::sign_in`), from the config's text.
pub(super) const FILE_FIELDS: [&str; 15] = [
    "$schema",
    "format",
    "version",
    "title",
    "logo_url",
    "links",
    "sources",
    "allow_origins",
    "allow_url_prefixes",
    "lock_sources",
    "weights",
    "slos",
    "dependencies",
    "auth",
    "collect",
];

#[derive(Deserialize)]
pub(super) struct File {
    #[serde(default)]
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) logo_url: Option<String>,
    #[serde(default)]
    pub(super) links: Vec<Value>,
    #[serde(default)]
    pub(super) sources: Vec<Value>,
    #[serde(default)]
    pub(super) allow_origins: Vec<Value>,
    #[serde(default)]
    pub(super) allow_url_prefixes: Vec<Value>,
    #[serde(default)]
    pub(super) lock_sources: bool,
    #[serde(default)]
    pub(super) weights: Option<String>,
    #[serde(default)]
    pub(super) slos: Vec<Value>,
    #[serde(default)]
    pub(super) dependencies: Vec<Value>,
}

pub(super) const LINK_FIELDS: [&str; 2] = ["label", "url"];

#[derive(Deserialize)]
pub(super) struct Link {
    pub(super) label: String,
    pub(super) url: String,
}

/// A source's `auth` is `nines collect`'s; `sign_in` and `microsoft365` are the page's.
pub(super) const SOURCE_FIELDS: [&str; 9] =
    ["id", "label", "url", "format", "refresh_s", "prometheus", "microsoft365", "sign_in", "auth"];

#[derive(Deserialize)]
pub(super) struct Source {
    #[serde(default)]
    pub(super) id: Option<String>,
    #[serde(default)]
    pub(super) label: Option<String>,
    #[serde(default)]
    pub(super) url: Option<String>,
    #[serde(default)]
    pub(super) format: Option<String>,
    #[serde(default)]
    pub(super) refresh_s: Option<u32>,
    #[serde(default)]
    pub(super) prometheus: Option<Prometheus>,
    #[serde(default)]
    pub(super) microsoft365: Option<Microsoft365>,
    #[serde(default)]
    pub(super) sign_in: bool,
}

pub(super) const MICROSOFT365_FIELDS: [&str; 2] = ["services", "messages"];

#[derive(Deserialize)]
pub(super) struct Microsoft365 {
    #[serde(default)]
    pub(super) services: Vec<String>,
    #[serde(default)]
    pub(super) messages: bool,
}

pub(super) const PROMETHEUS_FIELDS: [&str; 5] =
    ["query", "range_s", "step_s", "service_label", "region_label"];

#[derive(Deserialize)]
pub(super) struct Prometheus {
    #[serde(default)]
    pub(super) query: Option<String>,
    #[serde(default)]
    pub(super) range_s: Option<u32>,
    #[serde(default)]
    pub(super) step_s: Option<u32>,
    #[serde(default)]
    pub(super) service_label: Option<OneOrMany>,
    #[serde(default)]
    pub(super) region_label: Option<String>,
}

/// A label name, or several tried in order.
pub(super) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// By hand rather than `untagged`: the buffering `untagged` needs stays out of the web bundle,
/// and a wrong type gets serde_json's own message and position.
impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a label name or an array of label names")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Self::Value, E> {
                Ok(OneOrMany::One(name.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(OneOrMany::Many)
            }
        }
        deserializer.deserialize_any(Either)
    }
}

pub(super) const SLO_FIELDS: [&str; 3] = ["service", "target_ratio", "window_days"];

#[derive(Deserialize)]
pub(super) struct Slo {
    pub(super) service: String,
    pub(super) target_ratio: f64,
    #[serde(default = "default_window_days")]
    pub(super) window_days: u32,
}

fn default_window_days() -> u32 {
    30
}

pub(super) const DEPENDENCY_FIELDS: [&str; 3] = ["service", "requires", "redundant"];
pub(super) const REDUNDANT_FIELDS: [&str; 2] = ["k", "of"];

#[derive(Deserialize)]
pub(super) struct Dependency {
    pub(super) service: String,
    #[serde(default)]
    pub(super) requires: Vec<String>,
    #[serde(default)]
    pub(super) redundant: Vec<Redundant>,
}

#[derive(Deserialize)]
pub(super) struct Redundant {
    pub(super) k: u32,
    pub(super) of: Vec<String>,
}
