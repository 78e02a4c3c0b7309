//! Upptime's YAML files: `.upptimerc.yml` (configuration) and `history/<site>.yml` (the latest
//! check). Native builds only: the YAML parser stays out of the web bundle.

use serde_norway::Value as Yaml;

use super::{config, history, not_upptime};
use crate::ingest::IngestError;
use crate::ingest::Notes;
use crate::model::Snapshot;

/// The YAML files Upptime writes.
enum YamlKind {
    Config,
    History,
}

/// The deepest `[`/`{` nesting read. serde_norway refuses documents deeper than 128 anyway, but
/// its scanner spends time quadratic in the flow depth before it gets there.
const MAX_FLOW_DEPTH: usize = 128;

/// Whether the `[`/`{` nesting stays within [`MAX_FLOW_DEPTH`], counting brackets inside quoted
/// text too (Upptime's files have few brackets, so this refuses nothing real).
fn shallow(text: &str) -> bool {
    let mut depth = 0usize;
    for byte in text.bytes() {
        match byte {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_FLOW_DEPTH {
            return false;
        }
    }
    true
}

/// A YAML mapping; Upptime's oldest history files are a list of one-key mappings instead, which
/// it reads by dropping the `- ` markers, and so is this merged into one mapping.
pub(super) fn yaml_mapping(text: &str) -> Option<serde_norway::Mapping> {
    if !shallow(text) {
        return None;
    }
    match serde_norway::from_str::<Yaml>(text).ok()? {
        Yaml::Mapping(mapping) => Some(mapping),
        Yaml::Sequence(items) if !items.is_empty() => {
            let mut merged = serde_norway::Mapping::new();
            for item in items {
                let Yaml::Mapping(part) = item else { return None };
                merged.extend(part);
            }
            Some(merged)
        }
        _ => None,
    }
}

/// Which Upptime YAML the mapping is: `sites:` a list (config), or `url` and `status` with
/// `lastUpdated` or `startTime` (history).
fn yaml_kind(mapping: &serde_norway::Mapping) -> Option<YamlKind> {
    let has = |key: &str| mapping.get(key).is_some_and(|v| !v.is_null());
    if mapping.get("sites").is_some_and(Yaml::is_sequence) {
        Some(YamlKind::Config)
    } else if has("url") && has("status") && (has("lastUpdated") || has("startTime")) {
        Some(YamlKind::History)
    } else {
        None
    }
}

/// Whether `text` is one of Upptime's YAML files.
pub(super) fn detect(text: &str) -> bool {
    yaml_mapping(text).as_ref().and_then(yaml_kind).is_some()
}

/// Reads an Upptime YAML file.
pub(super) fn read(text: &str) -> Result<(Snapshot, Notes), IngestError> {
    let mapping = yaml_mapping(text).ok_or_else(not_upptime)?;
    Ok(match yaml_kind(&mapping).ok_or_else(not_upptime)? {
        YamlKind::Config => config::read(mapping),
        YamlKind::History => history::read(mapping),
    })
}

/// A YAML scalar as text (numbers and booleans spelt out); `None` for null, lists and mappings.
pub(super) fn yaml_text(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Number(n) => Some(n.to_string()),
        Yaml::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::upptime::may_be_upptime_yaml;

    #[test]
    fn yaml_shapes() {
        let kind = |text: &str| {
            yaml_mapping(text).as_ref().and_then(yaml_kind).map(|k| matches!(k, YamlKind::Config))
        };
        assert_eq!(kind("sites:\n  - name: A\n    url: https://a.example\n"), Some(true));
        assert_eq!(kind("url: https://a\nstatus: up\nlastUpdated: 2022-01-01T00:00:00Z\n"), Some(false));
        assert_eq!(kind("- url: https://a\n- status: up\n- startTime: 2022-01-01T00:00:00Z\n"), Some(false));
        assert_eq!(kind("sites: none\n"), None);
        assert_eq!(kind("url: https://a\nstatus: up\n"), None);
        assert_eq!(kind("- 1\n- 2\n"), None);
        assert_eq!(kind("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["), None);
        assert!(!may_be_upptime_yaml("# HELP up\nup 1\n"));
        // Deep flow nesting is refused before the parser, which is slow on it.
        assert!(shallow(&format!("sites: {}x{}", "[".repeat(128), "]".repeat(128))));
        assert!(!shallow(&format!("sites: {}", "[".repeat(129))));
        let deep = format!("sites: {}", "[".repeat(100_000));
        assert_eq!(kind(&deep), None);
    }
}
