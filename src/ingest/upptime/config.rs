//! `.upptimerc.yml`: the sites an Upptime repository monitors. Configuration only: services, no data.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde_norway::{Mapping, Value as Yaml};

use super::service;
use super::slug::site_slug;
use super::yaml::yaml_text;
use crate::ingest::{Notes, Then};
use crate::model::Snapshot;

#[derive(Default, Deserialize)]
struct WireConfig {
    #[serde(default)]
    owner: Option<Yaml>,
    #[serde(default)]
    repo: Option<Yaml>,
    #[serde(default)]
    sites: Vec<Yaml>,
    #[serde(default, rename = "status-website")]
    status_website: Option<Yaml>,
}

/// A site's keys Nines uses; the probe settings (`maxResponseTime`, `expectedStatusCodes`,
/// `method`, `__dangerous__…`) describe how Upptime checks, not what it saw, and are not read.
#[derive(Default, Deserialize)]
struct WireSite {
    #[serde(default)]
    name: Option<Yaml>,
    #[serde(default)]
    url: Option<Yaml>,
    #[serde(default)]
    slug: Option<Yaml>,
}

/// Reads a config mapping; never fails (unreadable sites are issues).
pub fn read(mapping: Mapping) -> (Snapshot, Notes) {
    let mut notes = Notes::default();
    let config: WireConfig = serde_norway::from_value(Yaml::Mapping(mapping)).unwrap_or_else(|error| {
        notes.unreadable("$", "an Upptime configuration", error);
        WireConfig::default()
    });
    let text = |value: &Option<Yaml>| value.as_ref().and_then(yaml_text);
    let website_name = config.status_website.as_ref().and_then(|w| w.get("name")).and_then(yaml_text);
    let title = match (website_name, text(&config.owner), text(&config.repo)) {
        (Some(name), _, _) if !name.trim().is_empty() => name.trim().to_owned(),
        (_, Some(owner), Some(repo)) => format!("{owner}/{repo}"),
        _ => "Upptime configuration".to_owned(),
    };
    let mut snapshot = Snapshot { title, ..Snapshot::default() };
    // First every site's slug as Upptime makes it, then unique ids: a slug Upptime gives two
    // sites is suffixed on the later ones, avoiding every slug Upptime gives.
    let mut sites: Vec<(usize, String, String)> = Vec::new();
    for (i, value) in config.sites.into_iter().enumerate() {
        if let Some(site) = read_site(&mut notes, i, value) {
            sites.push(site);
        }
    }
    let upptime_slugs: HashSet<String> = sites.iter().map(|(_, slug, _)| slug.clone()).collect();
    // Each id given so far, with the index of the site that has it.
    let mut ids: HashMap<String, usize> = HashMap::with_capacity(sites.len());
    for (i, slug, name) in &sites {
        let id = match ids.get(slug) {
            None => slug.clone(),
            Some(first) => {
                let free = |c: &String| !upptime_slugs.contains(c) && !ids.contains_key(c);
                let unique = (2..).map(|n| format!("{slug}-{n}")).find(free).unwrap_or_default();
                notes.note(
                    format!("sites[{i}].name"),
                    format!("same slug {slug:?} as sites[{first}]: Upptime would mix their histories; read as {unique:?}"),
                );
                unique
            }
        };
        ids.insert(id.clone(), *i);
        snapshot.services.push(service(id, name.clone()));
    }
    notes.note(
        "sites",
        format!(
            "configuration only: {} sites and no status data; as-of and coverage left empty",
            snapshot.services.len()
        ),
    );
    (snapshot, notes)
}

/// One site as `(index, Upptime's slug, name)`, or `None` (with an issue) when it is unusable.
fn read_site(notes: &mut Notes, i: usize, value: Yaml) -> Option<(usize, String, String)> {
    let path = format!("sites[{i}]");
    let site: WireSite = match value {
        Yaml::Mapping(_) => serde_norway::from_value(value).unwrap_or_default(),
        _ => {
            notes.wrong_type(path, "a mapping of name and url", Then::Skipped(""));
            return None;
        }
    };
    let text = |value: &Option<Yaml>| value.as_ref().and_then(yaml_text);
    let (raw_name, url) = (text(&site.name).unwrap_or_default(), text(&site.url).unwrap_or_default());
    let explicit = text(&site.slug);
    if raw_name.trim().is_empty() && url.trim().is_empty() && explicit.is_none() {
        notes.note(path, "no name, url or slug; skipped");
        return None;
    }
    let name = raw_name.trim();
    if name.len() != raw_name.len() {
        notes.note(format!("{path}.name"), format!("{raw_name:?} has spaces at the ends; trimmed"));
    }
    let slug = site_slug(explicit.as_deref(), name, &url);
    if name.is_empty() && explicit.is_none() {
        notes.note(
            format!("{path}.name"),
            format!("missing; slug made from the url as Upptime does: {slug:?}"),
        );
    }
    let name = if name.is_empty() { url.trim().to_owned() } else { name.to_owned() };
    Some((i, slug, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> (Snapshot, Vec<String>) {
        let Ok(Yaml::Mapping(mapping)) = serde_norway::from_str(text) else {
            panic!("test YAML is a mapping")
        };
        let (snapshot, issues) = read(mapping);
        (snapshot, issues.issues().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn odd_sites_become_issues() {
        let (s, issues) = read_text(
            "owner: o\nrepo: r\nsites:\n  - name: A\n    url: https://a\n  - just text\n  - name: A\n    url: https://b\n  \
             - url: https://c.example\n  - name: A-2\n  - name: A\n  - {}\n  - name: 404\n    slug: ' four '\n",
        );
        assert_eq!(
            issues,
            [
                "sites[1]: not a mapping of name and url; skipped",
                "sites[3].name: missing; slug made from the url as Upptime does: \"https-c-example\"",
                "sites[6]: no name, url or slug; skipped",
                "sites[2].name: same slug \"a\" as sites[0]: Upptime would mix their histories; read as \"a-3\"",
                "sites[5].name: same slug \"a\" as sites[0]: Upptime would mix their histories; read as \"a-4\"",
                "sites: configuration only: 6 sites and no status data; as-of and coverage left empty",
            ]
        );
        let ids: Vec<_> = s.services.iter().map(|x| (x.id.as_str(), x.name.as_str())).collect();
        assert_eq!(
            ids,
            [
                ("a", "A"),
                ("a-3", "A"),
                ("https-c-example", "https://c.example"),
                ("a-2", "A-2"),
                ("a-4", "A"),
                ("four", "404"),
            ],
            "a-2 is Upptime's own slug for \"A-2\", so the renamed duplicates skip it"
        );
        assert_eq!(s.title, "o/r");
    }
}
