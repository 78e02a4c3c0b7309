//! The last good response of a source, as kept in browser storage so that a reload while the
//! source is down still shows data (marked as cached).
//!
//! An entry is a small JSON envelope, `{"v":1,"url":…,"saved_ms":…,"text":…}`, stored under
//! [`storage_key`]`(url)`. `text` is the response body exactly as fetched; it is parsed again on
//! load like a live response. A different version `v`, a malformed envelope or one above
//! [`MAX_ENTRY_BYTES`] decodes to `None`: the page then simply has no cache for that source.
//!
//! The limit: `localStorage` holds about 5 MB per origin in current browsers, shared by every
//! key. An entry of at most 4 MiB leaves room for the page's other keys; larger responses are
//! not cached (encoding refuses them) rather than evicting everything else. A write can still
//! fail when several sources together exceed the quota; the page then keeps no cache for that
//! source and works as before.

use serde::{Deserialize, Serialize};

use crate::model::TimeMs;

/// The envelope version this code writes and reads.
pub const CACHE_VERSION: u32 = 1;
/// The largest encoded entry stored or read: 4 MiB.
pub const MAX_ENTRY_BYTES: usize = 4 * 1024 * 1024;
/// The prefix of every cache key in storage.
pub const KEY_PREFIX: &str = "nines.cache.v1:";

/// A source's response as saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedEntry {
    /// The address it was fetched from.
    pub url: String,
    /// When it was fetched.
    pub saved_ms: TimeMs,
    /// The response body.
    pub text: String,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    v: u32,
    url: &'a str,
    saved_ms: TimeMs,
    text: &'a str,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    v: u32,
    url: String,
    saved_ms: TimeMs,
    text: String,
}

/// The storage key of the entry for `url`.
pub fn storage_key(url: &str) -> String {
    format!("{KEY_PREFIX}{url}")
}

impl CachedEntry {
    /// The text to store, or `None` when it would exceed [`MAX_ENTRY_BYTES`].
    pub fn encode(&self) -> Option<String> {
        let envelope =
            EnvelopeOut { v: CACHE_VERSION, url: &self.url, saved_ms: self.saved_ms, text: &self.text };
        serde_json::to_string(&envelope).ok().filter(|encoded| encoded.len() <= MAX_ENTRY_BYTES)
    }

    /// The entry in `stored`, or `None` when it is not a version-1 entry within the limit.
    pub fn decode(stored: &str) -> Option<CachedEntry> {
        if stored.len() > MAX_ENTRY_BYTES {
            return None;
        }
        let envelope: EnvelopeIn = serde_json::from_str(stored).ok()?;
        (envelope.v == CACHE_VERSION).then_some(CachedEntry {
            url: envelope.url,
            saved_ms: envelope.saved_ms,
            text: envelope.text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> CachedEntry {
        CachedEntry { url: "u".into(), saved_ms: 0, text: text.into() }
    }

    #[test]
    fn entries_round_trip_through_a_versioned_envelope() {
        let full = CachedEntry {
            url: "https://status.example.com/api/v2/summary.json".into(),
            saved_ms: 1_795_093_800_000,
            text: "{\"page\": \"ünïcode \\\" quotes\"}\n".into(),
        };
        assert_eq!(CachedEntry::decode(&full.encode().unwrap_or_default()), Some(full), "round trip");
        assert_eq!(
            entry("x").encode().as_deref(),
            Some(r#"{"v":1,"url":"u","saved_ms":0,"text":"x"}"#),
            "the envelope"
        );
        assert_eq!(storage_key("data/demo.json"), "nines.cache.v1:data/demo.json", "key");
    }

    #[test]
    fn unusable_entries_decode_to_nothing() {
        let cases = [
            ("another version", r#"{"v":2,"url":"u","saved_ms":0,"text":"x"}"#),
            ("no version", r#"{"url":"u","saved_ms":0,"text":"x"}"#),
            ("missing text", r#"{"v":1,"url":"u","saved_ms":0}"#),
            ("not JSON", "<html>"),
            ("empty", ""),
        ];
        for (label, stored) in cases {
            assert_eq!(CachedEntry::decode(stored), None, "{label}");
        }
    }

    #[test]
    fn the_size_limit_counts_the_whole_envelope() {
        // `{"v":1,"url":"u","saved_ms":0,"text":""}` is 40 bytes.
        let overhead = 40;
        let fits = entry(&"a".repeat(MAX_ENTRY_BYTES - overhead));
        let encoded = fits.encode();
        assert_eq!(encoded.as_ref().map(String::len), Some(MAX_ENTRY_BYTES), "exactly at the limit");
        assert_eq!(CachedEntry::decode(&encoded.unwrap_or_default()), Some(fits), "and read back");
        assert_eq!(entry(&"a".repeat(MAX_ENTRY_BYTES - overhead + 1)).encode(), None, "one byte over");
        let oversized =
            format!(r#"{{"v":1,"url":"u","saved_ms":0,"text":"{}"}}"#, "a".repeat(MAX_ENTRY_BYTES));
        assert_eq!(CachedEntry::decode(&oversized), None, "oversized in storage");
    }
}
