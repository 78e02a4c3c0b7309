//! Reading a Graph collection page by page, as the page and `nines collect` both do: each page's
//! items and its `@odata.nextLink`, the rule that a next link stays on the first request's origin
//! (it is sent the same access token), and the items of every page joined into one array that
//! [`super::parse`] reads (overviews and issues may be mixed).

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::config::same_origin;
use crate::ingest::IngestError;

/// The most pages read of one collection.
pub const MAX_PAGES: usize = 100;

/// One page of a collection: its items, as written, and the link to the next page.
pub struct Page<'a> {
    pub items: Vec<&'a RawValue>,
    pub next_link: Option<String>,
}

#[derive(Deserialize)]
struct Wire<'a> {
    #[serde(borrow)]
    value: Vec<&'a RawValue>,
    #[serde(rename = "@odata.nextLink")]
    next_link: Option<String>,
}

/// Reads one page (`{"value": [...], "@odata.nextLink": ...}`).
pub fn read_page(text: &str) -> Result<Page<'_>, IngestError> {
    let wire: Wire = serde_json::from_str(text).map_err(|e| IngestError::from_json(&e))?;
    Ok(Page { items: wire.value, next_link: wire.next_link })
}

/// Whether the page after `first_url` may be asked at `next_link`: only on the same origin, since
/// the request carries the same token. `Err` says why not.
pub fn check_next_link(first_url: &str, next_link: &str) -> Result<(), String> {
    if same_origin(first_url, next_link) {
        Ok(())
    } else {
        Err(format!("the next page is on another origin ({next_link}); it is not asked, so the token stays with {first_url}"))
    }
}

/// The items of every page, in order, as one JSON array.
pub fn join_items<'a>(items: impl IntoIterator<Item = &'a RawValue>) -> String {
    let mut out = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item.get());
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_gives_its_items_and_next_link() {
        let text = r#"{"@odata.context":"x","value":[{"id":"A"},{"id":"B"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?$skiptoken=2"}"#;
        let page = read_page(text).unwrap();
        assert_eq!(
            page.items.iter().map(|i| i.get()).collect::<Vec<_>>(),
            [r#"{"id":"A"}"#, r#"{"id":"B"}"#]
        );
        assert_eq!(
            page.next_link.as_deref(),
            Some("https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?$skiptoken=2")
        );
        let last = read_page(r#"{"value":[]}"#).unwrap();
        assert!(last.items.is_empty() && last.next_link.is_none());
        assert!(read_page(r#"{"error":{"code":"x"}}"#).is_err(), "no value");
        assert_eq!(join_items(page.items.iter().copied().chain(last.items)), r#"[{"id":"A"},{"id":"B"}]"#);
        assert_eq!(join_items([]), "[]");
    }

    #[test]
    fn a_next_link_on_another_origin_is_refused() {
        let first = "https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues";
        assert!(check_next_link(
            first,
            "https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?$skiptoken=1"
        )
        .is_ok());
        for foreign in [
            "https://graph.microsoft.com.evil.example/v1.0/x",
            "https://evil.example/?u=https://graph.microsoft.com",
            "http://graph.microsoft.com/v1.0/x",
            "https://graph.microsoft.com:8443/v1.0/x",
            "/relative",
            "javascript:alert(1)",
        ] {
            let refused = check_next_link(first, foreign).unwrap_err();
            assert!(refused.contains("another origin"), "{foreign}: {refused}");
        }
    }
}
