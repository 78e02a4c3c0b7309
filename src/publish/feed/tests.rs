//! The feed of a hand-made history: its text, its escaping, and (natively) its structure read back
//! as XML against RFC 4287's rules.

use super::*;
use crate::model::{parse_rfc3339_ms, IncidentStatus, IncidentUpdate, Level, Origin, Service};

fn t(text: &str) -> TimeMs {
    parse_rfc3339_ms(text).unwrap_or_else(|| panic!("bad test time {text}"))
}

fn incident(id: &str, title: &str, level: Level, start: &str, end: Option<&str>) -> Incident {
    Incident {
        id: id.into(),
        title: title.into(),
        impact: level,
        source_impact: None,
        status: if end.is_some() { IncidentStatus::Resolved } else { IncidentStatus::Identified },
        origin: Origin::Unknown,
        services: vec!["mail".into()],
        regions: Vec::new(),
        start_ms: t(start),
        end_ms: end.map(t),
        updates: Vec::new(),
        links: Vec::new(),
    }
}

fn update(at: &str, status: IncidentStatus, text: &str) -> IncidentUpdate {
    IncidentUpdate { at_ms: t(at), status, text: text.into(), impact: None }
}

const AS_OF: &str = "2026-12-16T00:00:00Z";
const URL: &str = "https://o.github.io/nines/status";
const HOSTILE: &str = "<script>alert(1)</script> & \"more\"";

fn history() -> Snapshot {
    let mut resolved =
        incident("INC 1/ä", HOSTILE, Level::Major, "2026-11-10T00:00:00Z", Some("2026-11-10T00:21:36Z"));
    resolved.updates = vec![
        update("2026-11-10T00:00:00Z", IncidentStatus::Investigating, "Looking <b>into</b> it"),
        update("2026-11-10T00:21:36Z", IncidentStatus::Resolved, "Fixed & done"),
    ];
    resolved.links = vec!["https://status.example.com/incidents/1?a=1&b=2".into()];
    let mut open = incident("inc-2", "Slow mail", Level::Partial, "2026-12-15T10:00:00Z", None);
    open.updates = vec![update("2026-12-15T10:05:00Z", IncidentStatus::Identified, "Cause found")];
    // Ended before the 90 days: left out.
    let old = incident("inc-0", "Old", Level::Major, "2026-08-01T00:00:00Z", Some("2026-08-01T01:00:00Z"));
    let mut mail = Service::for_test("mail");
    mail.name = "Mail".into();
    Snapshot {
        title: "Example & Co".into(),
        as_of_ms: t(AS_OF),
        services: vec![mail],
        incidents: vec![old, resolved, open],
        ..Snapshot::default()
    }
}

#[test]
fn the_feed_by_hand() {
    let feed = atom_feed(&history(), t(AS_OF), Some(URL));
    let want = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>https://o.github.io/nines/status/incidents.atom</id>
  <title>Example &amp; Co: incidents</title>
  <updated>2026-12-15T10:05:00Z</updated>
  <author><name>Example &amp; Co</name></author>
  <link rel="self" type="application/atom+xml" href="https://o.github.io/nines/status/incidents.atom"/>
  <generator>Nines</generator>
  <entry>
    <id>https://o.github.io/nines/status/incidents.atom#incident-inc-2</id>
    <title>Slow mail</title>
    <published>2026-12-15T10:00:00Z</published>
    <updated>2026-12-15T10:05:00Z</updated>
    <category term="partial" label="Partial outage"/>
    <content type="text">Partial outage, identified. Services: Mail. Open since 2026-12-15T10:00:00Z.

2026-12-15T10:05:00Z identified: Cause found</content>
  </entry>
  <entry>
    <id>https://o.github.io/nines/status/incidents.atom#incident-INC%201%2F%C3%A4</id>
    <title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;</title>
    <published>2026-11-10T00:00:00Z</published>
    <updated>2026-11-10T00:21:36Z</updated>
    <link rel="alternate" type="text/html" href="https://status.example.com/incidents/1?a=1&amp;b=2"/>
    <category term="major" label="Major outage"/>
    <content type="text">Major outage, resolved. Services: Mail. From 2026-11-10T00:00:00Z to 2026-11-10T00:21:36Z (21 min 36 s).

2026-11-10T00:21:36Z resolved: Fixed &amp; done

2026-11-10T00:00:00Z investigating: Looking &lt;b&gt;into&lt;/b&gt; it</content>
  </entry>
</feed>
"#;
    assert_eq!(feed, want);
    // The same history gives the same bytes; a trailing slash on the URL changes nothing.
    assert_eq!(atom_feed(&history(), t(AS_OF), Some(&format!("{URL}/"))), feed);
}

#[test]
fn without_a_url_ids_are_urns_and_without_incidents_the_feed_is_still_whole() {
    let feed = atom_feed(&history(), t(AS_OF), None);
    assert!(feed.contains("<id>urn:nines:incidents</id>"), "{feed}");
    assert!(feed.contains("<id>urn:nines:incident:inc-2</id>"), "{feed}");
    assert!(!feed.contains("rel=\"self\""), "{feed}");
    let empty = Snapshot {
        coverage: crate::model::Span::new(t("2026-11-01T00:00:00Z"), t(AS_OF)).into(),
        ..Snapshot::default()
    };
    let feed = atom_feed(&empty, t(AS_OF), None);
    assert!(feed.contains("<title>Nines: incidents</title>"), "{feed}");
    assert!(feed.contains("<updated>2026-11-01T00:00:00Z</updated>"), "the first covered instant: {feed}");
    assert!(!feed.contains("<entry>"), "{feed}");
}

#[test]
fn at_most_fifty_entries_newest_first() {
    let mut history = history();
    history.incidents = (0..60)
        .map(|k| {
            let start = t("2026-12-01T00:00:00Z") + k * 60_000;
            let mut i = incident(&format!("i{k}"), "x", Level::Major, AS_OF, Some(AS_OF));
            (i.start_ms, i.end_ms) = (start, Some(start + 1000));
            i
        })
        .collect();
    let feed = atom_feed(&history, t(AS_OF), None);
    assert_eq!(feed.matches("<entry>").count(), FEED_MAX_ENTRIES);
    let first = feed.find("incident:i59<").unwrap_or(usize::MAX);
    let second = feed.find("incident:i58<").unwrap_or(usize::MAX);
    assert!(first < second, "newest first");
    assert!(!feed.contains("incident:i9<"), "the oldest ten are left out");
}

/// Reads the feed back as XML and checks what RFC 4287 requires of a feed and its entries
/// (sections 4.1.1, 4.1.2, 4.2.6, 4.2.7, 4.2.15, 3.3 and 3.1.1): the element counts, absolute
/// IRIs as ids, RFC 3339 dates, a `type` of `text` on content, the author, and the texts
/// unescaped back to what the publisher wrote.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_feed_reads_back_as_valid_atom() {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let feed = atom_feed(&history(), t(AS_OF), Some(URL));
    let document =
        roxmltree::Document::parse(&feed).unwrap_or_else(|e| panic!("not well-formed: {e}\n{feed}"));
    let root = document.root_element();
    assert_eq!((root.tag_name().namespace(), root.tag_name().name()), (Some(ATOM), "feed"));
    let children = |node: roxmltree::Node<'_, '_>, name: &str| -> Vec<String> {
        node.children()
            .filter(|c| c.is_element() && c.tag_name().name() == name)
            .inspect(|c| assert_eq!(c.tag_name().namespace(), Some(ATOM), "{name} in the Atom namespace"))
            .map(|c| c.text().unwrap_or_default().to_string())
            .collect()
    };
    let absolute_iri = |id: &str| {
        id.split_once(':').is_some_and(|(scheme, rest)| {
            !scheme.is_empty()
                && !rest.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
    };
    for name in ["id", "title", "updated"] {
        assert_eq!(children(root, name).len(), 1, "feed: exactly one {name}");
    }
    assert!(children(root, "id").iter().all(|id| absolute_iri(id)));
    assert!(children(root, "updated").iter().all(|d| parse_rfc3339_ms(d).is_some()));
    let feed_author =
        root.children().any(|c| c.tag_name().name() == "author" && !children(c, "name").is_empty());
    let selfs: Vec<_> = root
        .children()
        .filter(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self"))
        .collect();
    assert_eq!(selfs.len(), 1);
    assert_eq!(selfs[0].attribute("href"), Some("https://o.github.io/nines/status/incidents.atom"));
    let entries: Vec<_> = root.children().filter(|c| c.tag_name().name() == "entry").collect();
    assert_eq!(entries.len(), 2);
    let mut ids = Vec::new();
    for entry in &entries {
        for name in ["id", "title", "updated"] {
            assert_eq!(children(*entry, name).len(), 1, "entry: exactly one {name}");
        }
        assert!(children(*entry, "published").len() <= 1);
        for date in children(*entry, "updated").iter().chain(&children(*entry, "published")) {
            assert!(parse_rfc3339_ms(date).is_some(), "{date}");
        }
        let id = children(*entry, "id").remove(0);
        assert!(absolute_iri(&id), "{id}");
        ids.push(id);
        let content: Vec<_> = entry.children().filter(|c| c.tag_name().name() == "content").collect();
        assert_eq!(content.len(), 1, "content, so no alternate link is required");
        assert_eq!(content[0].attribute("type"), Some("text"));
        assert!(feed_author || entry.children().any(|c| c.tag_name().name() == "author"), "an author");
        for link in entry.children().filter(|c| c.tag_name().name() == "link") {
            assert!(link.attribute("href").is_some_and(absolute_iri), "links are absolute");
        }
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), entries.len(), "ids are unique");
    // The third party's text is data, read back as written, never markup.
    assert_eq!(children(entries[1], "title"), [HOSTILE]);
    let content: String =
        entries[1].children().filter(|c| c.tag_name().name() == "content").filter_map(|c| c.text()).collect();
    assert!(content.contains("Looking <b>into</b> it") && content.contains("Fixed & done"), "{content}");
    assert_eq!(document.descendants().filter(|n| n.tag_name().name() == "script").count(), 0);
    assert_eq!(
        entries[1].children().find(|c| c.tag_name().name() == "link").and_then(|l| l.attribute("href")),
        Some("https://status.example.com/incidents/1?a=1&b=2")
    );
}
