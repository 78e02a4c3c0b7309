//! An object's fields read by hand from its JSON tree, where a serde derive would cost the web
//! bundle more code than it saves. `null` and an absent field read as absent; a field of the wrong
//! type is an issue at its path and reads as absent too.

use serde_json::Value;

use super::{Notes, Then};

/// The object `value` at JSON path `path` (empty at the top level).
pub(crate) struct Object<'a> {
    pub value: &'a Value,
    pub path: &'a str,
}

impl Object<'_> {
    /// The path of field `key`.
    pub fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Field `key` when it is neither absent nor `null`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.value.get(key).filter(|v| !v.is_null())
    }

    /// Field `key`, a string.
    pub fn text(&self, notes: &mut Notes, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(text) => Some(text.clone()),
            _ => {
                notes.wrong_type(self.at(key), "a string", Then::Ignored);
                None
            }
        }
    }

    /// Field `key`, a string that the record cannot do without: a missing one is an issue too.
    pub fn required(&self, notes: &mut Notes, key: &str) -> Option<String> {
        match self.get(key) {
            Some(Value::String(text)) => Some(text.clone()),
            Some(_) => {
                notes.wrong_type(self.at(key), "a string", Then::Skipped("record"));
                None
            }
            None => {
                notes.missing(self.at(key), Then::Skipped("record"));
                None
            }
        }
    }

    /// Field `key`, an array of strings; an item that is not one is an issue and dropped.
    pub fn texts(&self, notes: &mut Notes, key: &str) -> Vec<String> {
        let Some(value) = self.get(key) else { return Vec::new() };
        let Value::Array(items) = value else {
            notes.wrong_type(self.at(key), "a list of strings", Then::Ignored);
            return Vec::new();
        };
        let mut texts = Vec::with_capacity(items.len());
        for (k, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(text) => texts.push(text.to_owned()),
                None => notes.wrong_type(format!("{}[{k}]", self.at(key)), "a string", Then::Dropped),
            }
        }
        texts
    }

    /// Field `key`, an array (of anything).
    pub fn list(&self, notes: &mut Notes, key: &str) -> &[Value] {
        match self.get(key) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                notes.wrong_type(self.at(key), "a list", Then::Ignored);
                &[]
            }
        }
    }

    /// Field `key`, a boolean.
    pub fn flag(&self, notes: &mut Notes, key: &str) -> Option<bool> {
        let value = self.get(key)?;
        let flag = value.as_bool();
        if flag.is_none() {
            notes.wrong_type(self.at(key), "true or false", Then::Ignored);
        }
        flag
    }
}
