//! The Atom feed of incidents (RFC 4287), for feed readers and chat integrations.
//!
//! Contract:
//! - One `entry` per incident that is open or ended within the last [`FEED_DAYS`] days before
//!   as-of, newest first by its last change (its latest update, end or start), at most
//!   [`FEED_MAX_ENTRIES`].
//! - The feed has the elements RFC 4287 requires: `id`, `title`, `updated` (the newest entry's
//!   last change, so that the feed changes only when an incident does; without entries the
//!   history's first covered instant, else as-of) and an `author` (the dashboard's title); with a
//!   public URL, a `link rel="self"` to `incidents.atom` under it.
//! - An entry has `id`, `title`, `published` (the start), `updated`, a `category` (the impact),
//!   a `link rel="alternate"` to the publisher's page when the source gave one, and a `content
//!   type="text"`: the impact, status, services, span, then every update, newest first.
//! - Ids are stable: with a public URL `<url>incidents.atom#incident-<id>`, otherwise
//!   `urn:nines:incident:<id>`, the publisher's id percent-encoded. The feed's own id is
//!   `<url>incidents.atom`, or `urn:nines:incidents`.
//! - Every text is XML-escaped ([`super::xml_escape`]); titles and update texts come from third
//!   parties.

use super::xml_escape;
use crate::model::format::{format_duration_exact, format_rfc3339};
use crate::model::{Incident, Snapshot, TimeMs, MS_PER_DAY};

/// How far back a resolved incident stays in the feed.
pub const FEED_DAYS: i64 = 90;
/// The most entries in the feed.
pub const FEED_MAX_ENTRIES: usize = 50;
/// The feed's file name in a collected folder.
pub const FEED_FILE: &str = "incidents.atom";

/// The time of an incident's last change: its latest update, its end or its start.
fn last_change_ms(incident: &Incident) -> TimeMs {
    incident.updates.iter().map(|u| u.at_ms).chain(incident.end_ms).fold(incident.start_ms, TimeMs::max)
}

/// `base` with exactly one trailing `/`.
fn folder_url(base: &str) -> String {
    format!("{}/", base.trim().trim_end_matches('/'))
}

/// The Atom feed of `history`'s incidents at `as_of_ms`; `public_url` is where the collected
/// folder is served, if known. See the module contract.
pub fn atom_feed(history: &Snapshot, as_of_ms: TimeMs, public_url: Option<&str>) -> String {
    let self_url =
        public_url.filter(|u| !u.trim().is_empty()).map(|u| format!("{}{FEED_FILE}", folder_url(u)));
    let feed_id = self_url.clone().unwrap_or_else(|| "urn:nines:incidents".into());
    let entry_id = |id: &str| match &self_url {
        Some(url) => format!("{url}#incident-{}", crate::encoding::percent_encode(id)),
        None => format!("urn:nines:incident:{}", crate::encoding::percent_encode(id)),
    };
    let since_ms = as_of_ms - FEED_DAYS * MS_PER_DAY;
    let mut incidents: Vec<&Incident> = history
        .incidents
        .iter()
        .filter(|i| i.start_ms <= as_of_ms && i.end_ms.is_none_or(|end| end >= since_ms))
        .collect();
    incidents.sort_by(|a, b| last_change_ms(b).cmp(&last_change_ms(a)).then_with(|| a.id.cmp(&b.id)));
    incidents.truncate(FEED_MAX_ENTRIES);
    let updated_ms = incidents
        .first()
        .map(|i| last_change_ms(i))
        .or_else(|| history.coverage.hull().map(|h| h.start_ms))
        .unwrap_or(as_of_ms);
    let name = if history.title.trim().is_empty() { "Nines" } else { history.title.trim() };

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!("  <id>{}</id>\n", xml_escape(&feed_id)));
    out.push_str(&format!("  <title>{}: incidents</title>\n", xml_escape(name)));
    out.push_str(&format!("  <updated>{}</updated>\n", format_rfc3339(updated_ms)));
    out.push_str(&format!("  <author><name>{}</name></author>\n", xml_escape(name)));
    if let Some(url) = &self_url {
        out.push_str(&format!(
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
            xml_escape(url)
        ));
    }
    out.push_str("  <generator>Nines</generator>\n");
    for incident in incidents {
        out.push_str(&entry(history, incident, &entry_id(&incident.id)));
    }
    out.push_str("</feed>\n");
    out
}

/// One incident as an `entry`.
fn entry(history: &Snapshot, incident: &Incident, id: &str) -> String {
    let title = if incident.title.trim().is_empty() {
        format!("Incident {}", incident.id)
    } else {
        incident.title.clone()
    };
    let mut out = String::from("  <entry>\n");
    out.push_str(&format!("    <id>{}</id>\n", xml_escape(id)));
    out.push_str(&format!("    <title>{}</title>\n", xml_escape(title.trim())));
    out.push_str(&format!("    <published>{}</published>\n", format_rfc3339(incident.start_ms)));
    out.push_str(&format!("    <updated>{}</updated>\n", format_rfc3339(last_change_ms(incident))));
    if let Some(link) = incident.links.first() {
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(link)
        ));
    }
    out.push_str(&format!(
        "    <category term=\"{}\" label=\"{}\"/>\n",
        incident.impact.as_str(),
        incident.impact.label()
    ));
    out.push_str(&format!(
        "    <content type=\"text\">{}</content>\n",
        xml_escape(&content(history, incident))
    ));
    out.push_str("  </entry>\n");
    out
}

/// The entry's text: what, where and when, then the updates, newest first.
fn content(history: &Snapshot, incident: &Incident) -> String {
    let mut text = format!("{}, {}.", incident.impact.label(), incident.status.as_str());
    if !incident.services.is_empty() {
        text += &format!(" Services: {}.", history.service_names(&incident.services));
    }
    if !incident.regions.is_empty() {
        let regions: Vec<&str> = incident.regions.iter().map(|r| history.region_name(r)).collect();
        text += &format!(" Regions: {}.", regions.join(", "));
    }
    text += &match incident.end_ms {
        Some(end_ms) => format!(
            " From {} to {} ({}).",
            format_rfc3339(incident.start_ms),
            format_rfc3339(end_ms),
            format_duration_exact((end_ms - incident.start_ms) as f64)
        ),
        // No "so far": the entry changes when the incident does, not with every run.
        None => format!(" Open since {}.", format_rfc3339(incident.start_ms)),
    };
    for update in incident.updates.iter().rev() {
        text += &format!(
            "\n\n{} {}: {}",
            format_rfc3339(update.at_ms),
            update.status.as_str(),
            update.text.trim()
        );
    }
    text
}

#[cfg(test)]
mod tests;
