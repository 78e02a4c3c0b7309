//! A small map from string to string, kept as a vector sorted by key: label sets, service
//! renames, service → source labels. Lookups are binary searches; an insert shifts the entries
//! after it, which is cheap for the tens of entries these hold. One copy of this code replaces a
//! B-tree instantiation per use in the page.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Entries sorted by key, each key once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringMap {
    entries: Vec<(String, String)>,
}

impl StringMap {
    pub fn new() -> StringMap {
        StringMap::default()
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Sets `key` to `value`; a key already there gets the new value.
    pub fn insert(&mut self, key: String, value: String) {
        match self.position(&key) {
            Ok(at) => {
                if let Some(entry) = self.entries.get_mut(at) {
                    entry.1 = value;
                }
            }
            Err(at) => self.entries.insert(at, (key, value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&String> {
        self.position(key).ok().and_then(|at| self.entries.get(at)).map(|(_, v)| v)
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

impl FromIterator<(String, String)> for StringMap {
    /// Later entries win over earlier ones with the same key.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(entries: I) -> StringMap {
        let mut map = StringMap::new();
        entries.into_iter().for_each(|(k, v)| map.insert(k, v));
        map
    }
}

/// A JSON object of strings; a repeated key keeps its last value.
impl<'de> Deserialize<'de> for StringMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StringMap, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = StringMap;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of strings")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<StringMap, A::Error> {
                let mut map = StringMap::new();
                while let Some((key, value)) = entries.next_entry::<String, String>()? {
                    map.insert(key, value);
                }
                Ok(map)
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_keys_sorted_and_once_with_the_last_value() {
        let map: StringMap = [("job", "api"), ("__name__", "up"), ("job", "db"), ("instance", "a:9")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(map.keys().collect::<Vec<_>>(), ["__name__", "instance", "job"]);
        assert_eq!((map.get("job").map(String::as_str), map.get("zone")), (Some("db"), None));
        assert_eq!(map.len(), 3);
        let read: StringMap = serde_json::from_str(r#"{"b":"1","a":"2","b":"3"}"#).unwrap();
        assert_eq!(read.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(read.get("b").map(String::as_str), Some("3"));
        assert!(serde_json::from_str::<StringMap>(r#"{"a":1}"#).is_err());
        assert!(StringMap::new().is_empty());
    }
}
