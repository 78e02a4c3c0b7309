//! Message-center posts (`/admin/serviceAnnouncement/messages`, Graph's `serviceUpdateMessage`):
//! planned changes, retirements and news, read as [`Announcement`]s and never as incidents.
//! Reference: <https://learn.microsoft.com/graph/api/resources/serviceupdatemessage>.
//!
//! - `services` are Graph's service names; a name an overview gave an id to is that id, any other
//!   is kept as written (no service is made up for it: a post says nothing about health).
//! - `tags`: the category in words (`planForChange` → `Plan for change`), the severity in words
//!   (`high` → `High severity`; a `normal` one adds nothing), `Major change` when
//!   `isMajorChange`, then the post's own `tags`; each once.
//! - `startDateTime` is required (a post without a readable one is skipped with an issue);
//!   `endDateTime` and `actionRequiredByDateTime` are read when they read, and are an issue and
//!   left out when they do not. An end before the start is clamped to it.
//! - The body's HTML (`contentType` html, any case) becomes plain text ([`html_text`]); other
//!   content is kept as given.
//! - `links`: the post's page in the admin center's message center, then every http(s) value of
//!   `details` (`BlogLink`, `ExternalLink`).
//! - `lastModifiedDateTime` (else the start) counts toward the document's `as_of`; posts add no
//!   coverage.
//!
//! Not carried: `expiryDateTime`, `hasAttachments`, `viewPoint`.

use serde_json::Value;

use super::common::{time, Built};
use crate::ingest::fields::Object;
use crate::ingest::{Notes, Then};
use crate::model::{Announcement, Service};

/// The announcement the message at `path` stands for, its services named as in `services`;
/// `None` (with an issue) when it cannot be read. Read field by field (see [`Object`]).
pub(super) fn announcement(
    notes: &mut Notes,
    built: &mut Built,
    services: &[Service],
    path: &str,
    value: &Value,
) -> Option<Announcement> {
    if !value.is_object() {
        notes.unreadable(path.to_string(), "a serviceUpdateMessage", "not an object");
        return None;
    }
    let o = Object { value, path };
    let id = o.required(notes, "id")?;
    let start = o.required(notes, "startDateTime")?;
    let start_ms = time(notes, o.at("startDateTime"), &start, Then::Skipped("record"))?;
    let mut time_of = |field: &str| {
        let text = o.text(notes, field)?;
        time(notes, o.at(field), &text, Then::Ignored)
    };
    let mut end_ms = time_of("endDateTime");
    let action_by_ms = time_of("actionRequiredByDateTime");
    let touched_ms = time_of("lastModifiedDateTime");
    if let Some(end) = end_ms.filter(|end| *end < start_ms) {
        notes.end_clamped(o.at("endDateTime"), end, start_ms);
        end_ms = Some(start_ms);
    }
    built.touch(touched_ms.unwrap_or(start_ms));
    let category = o.text(notes, "category").map(|word| words(&word));
    let severity = o.text(notes, "severity").map(|word| words(&word));
    let major_change = o.flag(notes, "isMajorChange") == Some(true);
    let tags = tags(category, severity, major_change, o.texts(notes, "tags"));
    let body = Object { value: o.get("body").unwrap_or(&Value::Null), path: &o.at("body") };
    let mut text = body.text(notes, "content").unwrap_or_default();
    if body.text(notes, "contentType").is_some_and(|t| t.eq_ignore_ascii_case("html")) {
        text = html_text(&text);
    }
    let mut links = vec![message_center_url(&id)];
    if let Some(Value::Array(details)) = o.get("details") {
        for detail in details {
            let link = detail.get("value").and_then(Value::as_str).unwrap_or("");
            if link.starts_with("https://") || link.starts_with("http://") {
                links.push(link.to_string());
            }
        }
    }
    let mut named = o.texts(notes, "services");
    for name in &mut named {
        if let Some(known) = services.iter().find(|s| s.name == *name) {
            name.clone_from(&known.id);
        }
    }
    Some(Announcement {
        title: o.text(notes, "title").unwrap_or_else(|| id.clone()),
        id,
        services: named,
        tags,
        start_ms,
        end_ms,
        action_by_ms,
        text,
        links,
    })
}

/// An announcement's tags: its `category`, its `severity` as `<severity> severity` unless it is
/// blank or `normal`, `Major change`, then its `own` tags; each once, blank ones left out. The legacy
/// Office 365 importer's posts get theirs here too.
pub(crate) fn tags(
    category: Option<String>,
    severity: Option<String>,
    major_change: bool,
    own: Vec<String>,
) -> Vec<String> {
    let severity = severity.filter(|s| !s.trim().is_empty() && !s.eq_ignore_ascii_case("normal"));
    let severity = severity.map(|s| format!("{s} severity"));
    let major = major_change.then(|| "Major change".to_string());
    let mut tags: Vec<String> = Vec::new();
    for tag in [category, severity, major].into_iter().flatten().chain(own) {
        if !tag.trim().is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// The post's page in the Microsoft 365 admin center's message center.
pub fn message_center_url(id: &str) -> String {
    format!(
        "https://admin.microsoft.com/Adminportal/Home#/MessageCenter/:/messages/{}",
        crate::encoding::percent_encode(id)
    )
}

/// The text of an HTML fragment, for showing as text: tags dropped (a paragraph, line break,
/// heading, list or table row ends its line; a list item starts one with "• "), the common named
/// entities and decimal references decoded, every run of spaces made one space and every run of
/// line breaks one line break. Text that is not HTML comes back with only its spacing tidied.
pub fn html_text(html: &str) -> String {
    const BREAKS: [&str; 14] =
        ["p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6"];
    let mut out = String::with_capacity(html.len());
    // The gap owed before the next character shown: none, a space, or a line break.
    let mut owed: Option<char> = None;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        let mut shown = c;
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let tag = &rest[..end];
                rest = &rest[end + 1..];
                let name = tag.trim_start_matches('/');
                let name = &name[..name.bytes().take_while(u8::is_ascii_alphanumeric).count()];
                if BREAKS.iter().any(|b| b.eq_ignore_ascii_case(name)) {
                    owed = Some('\n');
                    if name.eq_ignore_ascii_case("li") && !tag.starts_with('/') {
                        if !out.is_empty() {
                            out.push('\n');
                        }
                        out.push('•');
                        owed = Some(' ');
                    }
                }
                continue;
            }
        } else if c == '&' {
            if let Some((decoded, used)) = entity(rest) {
                shown = decoded;
                rest = &rest[used..];
            }
        }
        if shown == '\n' || shown == '\r' {
            owed = Some('\n');
        } else if shown.is_whitespace() {
            owed = owed.or(Some(' '));
        } else {
            if let Some(gap) = owed.take().filter(|_| !out.is_empty()) {
                out.push(gap);
            }
            out.push(shown);
        }
    }
    out
}

/// The character of the entity at the start of `text` (after its `&`: `amp;`, `#8217;`), and the
/// bytes it takes.
fn entity(text: &str) -> Option<(char, usize)> {
    let semi = text.bytes().take(8).position(|b| b == b';')?;
    let c = match &text[..semi] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        name => char::from_u32(name.strip_prefix('#')?.parse().ok()?)?,
    };
    Some((c, semi + 1))
}

/// A camel-case word as words: `planForChange` → `Plan for change`.
fn words(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for c in camel.chars() {
        if out.is_empty() {
            out.push(c.to_ascii_uppercase());
        } else if c.is_ascii_uppercase() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        let cases = [
            ("plain text", "plain text"),
            ("<p>One.</p><p>Two &amp; three.</p>", "One.\nTwo & three."),
            (
                "<p>Please note:</p><ul><li>First <b>bold</b>.</li><li>Second.</li></ul><p>End</p>",
                "Please note:\n• First bold.\n• Second.\nEnd",
            ),
            ("<a href=\"https://x.example\" target=\"_blank\">retire July 31</a>", "retire July 31"),
            ("Integrate </i>&gt; <i>Power BI", "Integrate > Power BI"),
            ("it&#8217;s &nbsp;&quot;q&quot; &apos;", "it\u{2019}s \"q\" '"),
            ("a &unknown; b & c &#x2019; &#99999999;", "a &unknown; b & c &#x2019; &#99999999;"),
            ("line<br>break<br/>again", "line\nbreak\nagain"),
            ("<p>one</p>\n\n\n<p>two</p>", "one\ntwo"),
            ("<ul>\n  <li> spaced </li>\n  <li>x</li>\n</ul>", "• spaced\n• x"),
            ("<P>Upper</P><BR>case", "Upper\ncase"),
            ("  spaced \t out  ", "spaced out"),
            ("1 < 2 and no close", "1 < 2 and no close"),
            ("a&b", "a&b"),
            ("<script>alert(1)</script>", "alert(1)"),
            ("", ""),
        ];
        for (html, want) in cases {
            assert_eq!(html_text(html), want, "{html:?}");
        }
    }

    #[test]
    fn camel_case_words() {
        assert_eq!(words("planForChange"), "Plan for change");
        assert_eq!(words("StayInformed"), "Stay informed");
        assert_eq!(words("preventOrFixIssue"), "Prevent or fix issue");
        assert_eq!(words("high"), "High");
        assert_eq!(words("Stay Informed"), "Stay informed");
        assert_eq!(words(""), "");
    }

    #[test]
    fn tags_in_order_each_once() {
        let own = vec!["Admin impact".to_string(), " ".to_string(), "Plan for change".to_string()];
        let got = tags(Some("Plan for change".into()), Some("High".into()), true, own);
        assert_eq!(got, ["Plan for change", "High severity", "Major change", "Admin impact"]);
        for quiet in ["Normal", "normal", "", " "] {
            assert_eq!(tags(None, Some(quiet.into()), false, Vec::new()), Vec::<String>::new(), "{quiet:?}");
        }
    }

    #[test]
    fn a_message_links_to_the_message_center() {
        assert_eq!(
            message_center_url("MC237349"),
            "https://admin.microsoft.com/Adminportal/Home#/MessageCenter/:/messages/MC237349"
        );
    }
}
