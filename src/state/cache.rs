//! The last good response of a source, as kept in browser storage so that a reload while the
//! source is down still shows data (marked as cached).
//!
//! An entry is a small JSON envelope, `{"v":1,"url":…,"saved_ms":…,"text":…}`, stored under
//! [`storage_key`]`(url)`. `text` is the response body exactly as fetched; it is parsed again on
//! load like a live response. A different version `v`, a malformed envelope or one above
//! [`MAX_ENTRY_BYTES`] decodes to `None`: the page then simply has no cache for that source.
//!
//! The limits: `localStorage` holds about 5 MB per origin in current browsers, shared by every
//! key and by every page of the origin. An entry takes at most [`MAX_ENTRY_BYTES`] (larger
//! responses are not kept), and all entries together at most [`MAX_TOTAL_BYTES`]: before a copy
//! is written, the copies saved longest ago are removed until it fits ([`evictions`]). A write
//! the browser still refuses (the origin's other keys filled the quota) leaves the source without
//! a new copy; the page says so among the data's issues, and works as before.

use serde::{Deserialize, Serialize};

use crate::model::TimeMs;

/// The envelope version this code writes and reads.
pub const CACHE_VERSION: u32 = 1;
/// The largest encoded entry stored or read: 4 MiB.
pub const MAX_ENTRY_BYTES: usize = 4 * 1024 * 1024;
/// The most all entries together take, keys included (UTF-8 bytes): 4 MiB, leaving room in
/// the origin's quota for the page's other keys.
pub const MAX_TOTAL_BYTES: usize = 4 * 1024 * 1024;
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

/// An entry found in storage, as [`evictions`] weighs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub key: String,
    /// When it was saved; `None` when it cannot be read (it goes first).
    pub saved_ms: Option<TimeMs>,
    /// Its key and text, in UTF-8 bytes.
    pub bytes: usize,
}

/// The keys of the entries in `stored` to remove, saved longest ago first, so that a new entry
/// of `bytes` fits within [`MAX_TOTAL_BYTES`] with those left. `stored` holds the other entries
/// (not the one the new entry replaces).
pub fn evictions(mut stored: Vec<Stored>, bytes: usize) -> Vec<String> {
    let mut total: usize = stored.iter().map(|s| s.bytes).sum::<usize>() + bytes;
    let mut remove = Vec::new();
    // A few entries at most: the oldest is looked for each time rather than sorted.
    while total > MAX_TOTAL_BYTES {
        let oldest = stored.iter().enumerate().min_by_key(|(_, s)| s.saved_ms).map(|(i, _)| i);
        let Some(entry) = oldest.map(|i| stored.swap_remove(i)) else { break };
        total -= entry.bytes;
        remove.push(entry.key);
    }
    remove
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

    #[test]
    fn the_copies_saved_longest_ago_make_room_and_unreadable_ones_go_first() {
        let mib = 1024 * 1024;
        let stored =
            |key: &str, saved_ms: Option<TimeMs>, bytes: usize| Stored { key: key.into(), saved_ms, bytes };
        let shelf = vec![
            stored("new", Some(3_000), mib),
            stored("old", Some(1_000), mib),
            stored("middle", Some(2_000), mib),
        ];
        assert_eq!(evictions(shelf.clone(), mib), Vec::<String>::new(), "4 MiB fit exactly");
        assert_eq!(evictions(shelf.clone(), mib + 1), ["old"], "one byte over: the oldest goes");
        assert_eq!(evictions(shelf.clone(), 5 * mib / 2), ["old", "middle"], "two go for 2.5 MiB");
        assert_eq!(evictions(shelf.clone(), 4 * mib), ["old", "middle", "new"], "all go for 4 MiB");
        assert_eq!(
            evictions(shelf.clone(), 4 * mib + 1),
            ["old", "middle", "new"],
            "all, and it still does not fit"
        );
        let mut with_broken = shelf;
        with_broken.push(stored("broken", None, 10));
        assert_eq!(evictions(with_broken, mib + 11), ["broken", "old"], "an unreadable entry first");
    }
}
