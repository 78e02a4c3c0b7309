//! Reading a native file in one pass. The structure the format fixes (the top-level object, the
//! `series` array, each series object) is walked here; the sample columns (`up`, `latency_ms`)
//! are read straight into `f32` columns by [`super::columns`] as they are met; every other value
//! (the small metadata: services, incidents, times…) is handed to serde_json where it starts, so
//! its checks and messages are serde_json's own.
//!
//! Contract:
//! - Accepts what serde_json accepts as a native file: valid JSON (RFC 8259;
//!   serde_json's nesting limit of 128 applies within each metadata value), an object at the top,
//!   unknown keys ignored, a duplicate or missing required field an error.
//! - Errors carry the line and column (1-based line; column as serde_json counts it: the byte
//!   column of the offending byte, 0 on the next line when it is a line break) and say what was
//!   expected. The caller re-reads a rejected document with serde_json for its `format` and
//!   `version`, so a syntax error reaches the user with serde_json's message and position.
//! - A column that is valid JSON but not an array of numbers and nulls is not an error here: it is
//!   returned as a [`super::columns::BadColumn`] for the caller to turn into an `Issue`.
//! - Never panics: every byte access is checked.

use serde::de::IgnoredAny;

use super::columns::Column;
use super::wire::{File, WireCollected, WireSeriesIn};
use crate::ingest::scan::Scanner;
use crate::ingest::{IngestError, MAX_SAMPLES};

/// A file as read, with the number of `up` samples it holds; the columns of a file with more
/// than [`MAX_SAMPLES`] are not kept, and the caller reports it as too large.
pub(super) struct Scanned {
    pub(super) file: File<WireSeriesIn, serde_json::Value>,
    pub(super) up_samples: usize,
    /// A collected folder's index: its `collected` member (the rest of it is for other readers).
    pub(super) collected: Option<WireCollected>,
}

/// Reads a whole native file (see the module contract).
pub(super) fn read_file(text: &str) -> Result<Scanned, IngestError> {
    let mut s = Scanner { text, bytes: text.as_bytes(), at: 0, samples: 0 };
    s.skip_space();
    if s.peek() != Some(b'{') {
        return Err(s.error_here("expected `{` (a Nines file is a JSON object)"));
    }
    let (mut format, mut version, mut title, mut as_of, mut coverage) = (None, None, None, None, None);
    let (mut regions, mut services, mut dependencies) = (None, None, None);
    let (mut incidents, mut maintenances, mut announcements, mut series) = (None, None, None, None);
    let mut collected = None;
    let closed_at = s.object(&mut |s, key, key_end| match key {
        "format" => s.field(&mut format, "format", key_end),
        "version" => s.field(&mut version, "version", key_end),
        "title" => s.field(&mut title, "title", key_end),
        "as_of" => s.field(&mut as_of, "as_of", key_end),
        "coverage" => s.field(&mut coverage, "coverage", key_end),
        "regions" => s.field(&mut regions, "regions", key_end),
        "services" => s.field(&mut services, "services", key_end),
        "dependencies" => s.field(&mut dependencies, "dependencies", key_end),
        "incidents" => s.field(&mut incidents, "incidents", key_end),
        "maintenances" => s.field(&mut maintenances, "maintenances", key_end),
        "announcements" => s.field(&mut announcements, "announcements", key_end),
        "collected" => s.field(&mut collected, "collected", key_end),
        "series" => {
            if series.is_some() {
                return Err(s.error_at(key_end, "duplicate field `series`".into()));
            }
            series = Some(s.series()?);
            Ok(())
        }
        _ => s.value::<IgnoredAny>().map(drop),
    })?;
    s.skip_space();
    let missing = |name: &str| s.error_at(closed_at, format!("missing field `{name}`"));
    let file = File {
        format: format.ok_or_else(|| missing("format"))?,
        version: version.ok_or_else(|| missing("version"))?,
        title: title.unwrap_or_default(),
        as_of: as_of.ok_or_else(|| missing("as_of"))?,
        coverage: coverage.ok_or_else(|| missing("coverage"))?,
        regions: regions.unwrap_or_default(),
        services: services.unwrap_or_default(),
        dependencies: dependencies.unwrap_or_default(),
        incidents: incidents.unwrap_or_default(),
        maintenances: maintenances.unwrap_or_default(),
        announcements: announcements.unwrap_or_default(),
        series: series.unwrap_or_default(),
    };
    if s.peek().is_some() {
        return Err(s.error_here("trailing characters"));
    }
    Ok(Scanned { file, up_samples: s.samples, collected })
}

impl<'a> Scanner<'a> {
    /// Reads a member's array of integers into `slot` ([`Self::integers`]), as [`Self::field`]
    /// would (`null` is none; what follows it is checked as the next separator).
    fn integers_field(
        &mut self,
        slot: &mut Option<Option<Vec<i64>>>,
        name: &str,
        key_end: usize,
    ) -> Result<(), IngestError> {
        if slot.is_some() {
            return Err(self.error_at(key_end, format!("duplicate field `{name}`")));
        }
        *slot = Some(if self.bytes.get(self.at..self.at + 4) == Some(b"null") {
            self.at += 4;
            None
        } else {
            Some(self.integers()?)
        });
        Ok(())
    }

    /// Reads the `series` array, its columns straight into `f32`s.
    fn series(&mut self) -> Result<Vec<WireSeriesIn>, IngestError> {
        if self.peek() != Some(b'[') {
            return Err(self.error_here("expected `[` (`series` is an array of series objects)"));
        }
        self.at += 1;
        self.skip_space();
        let mut series = Vec::new();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(series);
        }
        loop {
            self.skip_space();
            series.push(self.series_object()?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(series);
                }
                Some(_) => return Err(self.error_here("expected `,` or `]`")),
                None => return Err(self.error_here("EOF while parsing a list")),
            }
        }
    }

    fn series_object(&mut self) -> Result<WireSeriesIn, IngestError> {
        if self.peek() != Some(b'{') {
            return Err(self.error_here("expected `{` (a series is an object)"));
        }
        let (mut service, mut region, mut start, mut step_s) = (None, None, None, None);
        let (mut times_ms, mut times_delta_ms) = (None, None);
        let (mut up, mut latency_ms): (Option<Column>, Option<Option<Column>>) = (None, None);
        let closed_at = self.object(&mut |s, key, key_end| match key {
            "service" => s.field(&mut service, "service", key_end),
            "region" => s.field(&mut region, "region", key_end),
            "start" => s.field(&mut start, "start", key_end),
            "step_s" => s.field(&mut step_s, "step_s", key_end),
            "times_ms" => s.integers_field(&mut times_ms, "times_ms", key_end),
            "times_delta_ms" => s.integers_field(&mut times_delta_ms, "times_delta_ms", key_end),
            "up" => {
                if up.is_some() {
                    return Err(s.error_at(key_end, "duplicate field `up`".into()));
                }
                let column = s.column(MAX_SAMPLES.saturating_sub(s.samples))?;
                s.samples = s.samples.saturating_add(column.count);
                up = Some(column.values);
                Ok(())
            }
            "latency_ms" => {
                if latency_ms.is_some() {
                    return Err(s.error_at(key_end, "duplicate field `latency_ms`".into()));
                }
                // Like serde's `Option`: `null` is no column.
                // (What follows `null` is checked as the next separator.)
                latency_ms = Some(if s.bytes.get(s.at..s.at + 4) == Some(b"null") {
                    s.at += 4;
                    None
                } else {
                    // No longer than the limit on samples: a longer one is dropped unread.
                    Some(s.column(MAX_SAMPLES)?.values)
                });
                Ok(())
            }
            _ => s.value::<IgnoredAny>().map(drop),
        })?;
        let missing = |name: &str| self.error_at(closed_at, format!("missing field `{name}`"));
        Ok(WireSeriesIn {
            service: service.ok_or_else(|| missing("service"))?,
            region: region.flatten(),
            start: start.flatten(),
            step_s: step_s.flatten(),
            times_ms: times_ms.flatten(),
            times_delta_ms: times_delta_ms.flatten(),
            up: up.ok_or_else(|| missing("up"))?,
            latency_ms: latency_ms.flatten(),
        })
    }
}
