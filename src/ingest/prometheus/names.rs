//! Service ids for series: the service label, disambiguated by the labels that differ.

use std::collections::HashMap;

use super::{PrometheusOptions, ReadSeries, Reader};

/// The (service id, region) of each read series; `None` for a series that repeats another's labels.
pub(super) fn service_names(
    reader: &mut Reader,
    read: &[ReadSeries],
    options: &PrometheusOptions,
) -> Vec<Option<(String, Option<String>)>> {
    let label = |s: &ReadSeries, name: &str| s.labels.get(name).filter(|v| !v.is_empty()).cloned();
    let keys: Vec<(String, Option<String>)> = read
        .iter()
        .map(|s| {
            let base = options
                .service_labels
                .iter()
                .find_map(|name| label(s, name))
                .or_else(|| label(s, "__name__"))
                .unwrap_or_else(|| format!("series-{}", s.index));
            (base, label(s, &options.region_label))
        })
        .collect();
    // The series that share a (service, region), in the order each first appears. Group keys are
    // strings (service, NUL, region) to reuse the map type the rest of the reader uses.
    let mut group_of: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (position, (base, region)) in keys.iter().enumerate() {
        let key = format!("{base}\0{}", region.as_deref().unwrap_or("\0"));
        let next = groups.len();
        let group = *group_of.entry(key).or_insert(next);
        match groups.get_mut(group) {
            Some((_, members)) => members.push(position),
            None => groups.push((base, vec![position])),
        }
    }
    let mut names: Vec<Option<(String, Option<String>)>> = keys.iter().cloned().map(Some).collect();
    for (base, members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
        let member_series: Vec<&ReadSeries> = members.iter().filter_map(|&p| read.get(p)).collect();
        let all_keys = crate::model::sorted_unique(
            member_series.iter().flat_map(|s| s.labels.keys()).map(String::as_str),
        );
        let first_labels = member_series.first().map(|s| &s.labels);
        let differing: Vec<&str> = all_keys
            .into_iter()
            .filter(|k| member_series.iter().any(|s| s.labels.get(k) != first_labels.and_then(|l| l.get(k))))
            .collect();
        // Id → result index of the series that took it.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (&position, s) in members.iter().zip(&member_series) {
            let parts: Vec<String> = differing
                .iter()
                .filter_map(|k| s.labels.get(k).map(|v| format!("{k}={}", quoted(v))))
                .collect();
            let id = format!("{base}{{{}}}", parts.join(","));
            let slot = names.get_mut(position);
            if let Some(first) = seen.get(&id) {
                reader.notes.note(
                    format!("data.result[{}]", s.index),
                    format!("same labels as data.result[{first}]; series skipped"),
                );
                if let Some(slot) = slot {
                    *slot = None;
                }
                continue;
            }
            seen.insert(id.clone(), s.index);
            if let Some(Some((name, _))) = slot {
                *name = id;
            }
        }
    }
    names
}

/// A label value quoted as in PromQL (JSON string escaping is the same for practical purposes).
fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
}
