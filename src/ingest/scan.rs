//! A one-pass JSON reader for importers of large inputs: the importer walks the structure its
//! format fixes (objects and arrays it knows), reads its bulk (sample columns, points) straight
//! from the text, and hands every other value to serde_json where it starts, so that those
//! values' checks and messages are serde_json's own.
//!
//! Contract: every method checks each byte access and never panics. The scanner's own errors are
//! [`IngestError::NotJson`] with serde_json's line and column (see [`line_column`]); an error a
//! caller's callback returns ends the walk as it is.

use std::borrow::Cow;

use serde::de::Deserialize;

use super::{line_column, IngestError};

/// A position in the text being read.
pub(super) struct Scanner<'a> {
    pub(super) text: &'a str,
    pub(super) bytes: &'a [u8],
    /// Byte offset of the next byte to read.
    pub(super) at: usize,
    /// Samples met so far, for the reader's limit on them ([`super::MAX_SAMPLES`]).
    pub(super) samples: usize,
}

impl<'a> Scanner<'a> {
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    pub(super) fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Reads one value of type `T` where the text stands, with serde_json.
    pub(super) fn value<T: Deserialize<'a>>(&mut self) -> Result<T, IngestError> {
        let rest = self.text.get(self.at..).unwrap_or_default();
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        match stream.next() {
            Some(Ok(value)) => {
                self.at += stream.byte_offset();
                Ok(value)
            }
            Some(Err(error)) => Err(self.json_error(&error)),
            None => Err(self.error_here("EOF while parsing a value")),
        }
    }

    /// Reads a member's value into `slot`; a second one is an error, as serde's derive has it.
    pub(super) fn field<T: Deserialize<'a>>(
        &mut self,
        slot: &mut Option<T>,
        name: &str,
        key_end: usize,
    ) -> Result<(), IngestError> {
        if slot.is_some() {
            return Err(self.error_at(key_end, format!("duplicate field `{name}`")));
        }
        *slot = Some(self.value()?);
        Ok(())
    }

    /// Walks the object whose `{` is the next byte, calling `member` with each key (unescaped)
    /// and the offset just past it, once the text stands at the key's value. Returns the offset
    /// of the closing `}`.
    pub(super) fn object(
        &mut self,
        member: &mut dyn FnMut(&mut Self, &str, usize) -> Result<(), IngestError>,
    ) -> Result<usize, IngestError> {
        self.at += 1;
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(self.at - 1);
        }
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'"') => {}
                Some(_) => return Err(self.error_here("key must be a string")),
                None => return Err(self.error_here("EOF while parsing an object")),
            }
            let key = self.key()?;
            let key_end = self.at;
            self.skip_space();
            match self.peek() {
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.error_here("expected `:`")),
                None => return Err(self.error_here("EOF while parsing an object")),
            }
            self.skip_space();
            member(self, &key, key_end)?;
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(self.at - 1);
                }
                Some(_) => return Err(self.error_here("expected `,` or `}`")),
                None => return Err(self.error_here("EOF while parsing an object")),
            }
        }
    }

    /// Reads the string whose `"` is the next byte: borrowed when it has no escapes (the usual
    /// case), else unescaped by serde_json, which also rejects control characters.
    pub(super) fn key(&mut self) -> Result<Cow<'a, str>, IngestError> {
        let start = self.at + 1;
        let mut end = start;
        while let Some(&byte) = self.bytes.get(end) {
            match byte {
                b'"' => {
                    self.at = end + 1;
                    return Ok(Cow::Borrowed(self.text.get(start..end).unwrap_or_default()));
                }
                b'\\' | 0..=0x1F => break,
                _ => end += 1,
            }
        }
        self.value::<String>().map(Cow::Owned)
    }

    /// An error at the next byte (or at the end of the text).
    pub(super) fn error_here(&self, message: &str) -> IngestError {
        self.error_at(self.at.saturating_add(1), message.into())
    }

    /// An error whose position is `offset` as serde_json counts it (see [`line_column`]).
    pub(super) fn error_at(&self, offset: usize, message: String) -> IngestError {
        let (line, column) = line_column(self.bytes, offset);
        IngestError::NotJson { line, column, message }
    }

    /// serde_json's `error`, read from the text where the scanner stands, placed in the whole text.
    pub(super) fn json_error(&self, error: &serde_json::Error) -> IngestError {
        let message = crate::ingest::json_message(error);
        if error.line() <= 1 {
            return self.error_at(self.at.saturating_add(error.column()), message);
        }
        let (line, _) = line_column(self.bytes, self.at);
        IngestError::NotJson { line: line + error.line() - 1, column: error.column(), message }
    }
}

/// The end of the JSON number that starts at `at`, or the offset of the byte that breaks the
/// grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
pub(super) fn number_end(bytes: &[u8], mut at: usize) -> Result<usize, usize> {
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let digits_from = |mut at: usize| {
        while digit(at) {
            at += 1;
        }
        at
    };
    if bytes.get(at) == Some(&b'-') {
        at += 1;
    }
    match bytes.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => at = digits_from(at + 1),
        _ => return Err(at),
    }
    if bytes.get(at) == Some(&b'.') {
        if !digit(at + 1) {
            return Err(at + 1);
        }
        at = digits_from(at + 1);
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        if !digit(at) {
            return Err(at);
        }
        at = digits_from(at);
    }
    Ok(at)
}

pub(super) fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        at += 1;
    }
    at
}
