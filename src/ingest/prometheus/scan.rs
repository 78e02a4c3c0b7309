//! The one-pass reader of plain answers (see [`super::read_plain`]): the structure is walked with
//! [`crate::ingest::scan::Scanner`], points go straight from the text into `(TimeMs, f64)`
//! pairs, and strings are taken from the text as they stand (unescaped by serde_json when they
//! hold an escape), with no JSON tree in between. Whatever is not plain ends the walk with `None`
//! at once; the caller then reads the text through a JSON tree, with its issues and messages.

use serde_json::Value;

use super::super::scan::{number_end, Scanner};
use super::super::time::from_unix_number;
use super::super::{IngestError, MAX_SAMPLES};
use crate::model::{StringMap, TimeMs};

/// A plain answer as read.
pub(super) struct Plain {
    /// `warnings` and `infos`: lists of strings, `Null` when absent or `null`.
    pub warnings: Value,
    pub infos: Value,
    pub records: Vec<PlainSeries>,
}

/// One element of `data.result`.
pub(super) struct PlainSeries {
    pub labels: StringMap,
    /// The points in the order written; values as written (`NaN`, `±Inf` included).
    pub points: Vec<(TimeMs, f64)>,
    /// Read from `value` (a vector's one point) rather than `values`.
    pub single: bool,
}

/// How the walk ends when the text is not plain; never shown (the caller reads the text again).
fn not_plain() -> IngestError {
    IngestError::UnknownFormat(String::new())
}

/// Marks the key `bit` of an object seen: a key met twice is not plain (a JSON tree keeps the
/// last, serde's derive refuses it).
fn first(seen: &mut u8, bit: u8) -> Result<(), IngestError> {
    if *seen & bit != 0 {
        return Err(not_plain());
    }
    *seen |= bit;
    Ok(())
}

/// The plain answer in `text`, or `None`.
pub(super) fn read(text: &str) -> Option<Plain> {
    let mut s = Scanner { text, bytes: text.as_bytes(), at: 0, samples: 0 };
    s.skip_space();
    if s.peek() != Some(b'{') {
        return None;
    }
    let (mut seen, mut success, mut records) = (0, false, Vec::new());
    let mut plain = Plain { warnings: Value::Null, infos: Value::Null, records: Vec::new() };
    s.object(&mut |s, key, _| {
        match key {
            "status" => {
                first(&mut seen, 1)?;
                success = s.string()? == "success";
            }
            "data" => {
                first(&mut seen, 2)?;
                records = s.data()?;
            }
            "warnings" => {
                first(&mut seen, 4)?;
                plain.warnings = s.texts()?;
            }
            "infos" => {
                first(&mut seen, 8)?;
                plain.infos = s.texts()?;
            }
            _ => return Err(not_plain()),
        }
        Ok(())
    })
    .ok()?;
    s.skip_space();
    if s.peek().is_some() || !success || seen & 2 == 0 {
        return None;
    }
    plain.records = records;
    Some(plain)
}

impl<'a> Scanner<'a> {
    /// `data`: `resultType` matrix or vector, and the `result` list.
    fn data(&mut self) -> Result<Vec<PlainSeries>, IngestError> {
        if self.peek() != Some(b'{') {
            return Err(not_plain());
        }
        let (mut seen, mut series, mut records) = (0, false, Vec::new());
        self.object(&mut |s, key, _| {
            match key {
                "resultType" => {
                    first(&mut seen, 1)?;
                    series = matches!(&*s.string()?, "matrix" | "vector");
                }
                "result" => {
                    first(&mut seen, 2)?;
                    records = s.records()?;
                }
                _ => return Err(not_plain()),
            }
            Ok(())
        })?;
        if !series || seen & 2 == 0 {
            return Err(not_plain());
        }
        Ok(records)
    }

    /// The `result` list, whose points count towards [`MAX_SAMPLES`].
    fn records(&mut self) -> Result<Vec<PlainSeries>, IngestError> {
        let mut records = Vec::new();
        self.list(&mut |s| {
            if s.peek() != Some(b'{') {
                return Err(not_plain());
            }
            let mut seen = 0;
            let mut series = PlainSeries { labels: StringMap::new(), points: Vec::new(), single: false };
            s.object(&mut |s, key, _| {
                match key {
                    "metric" => {
                        first(&mut seen, 1)?;
                        series.labels = s.labels()?;
                    }
                    "values" => {
                        first(&mut seen, 2)?;
                        series.points = s.points()?;
                    }
                    "value" => {
                        first(&mut seen, 4)?;
                        series.points = vec![s.point()?];
                        series.single = true;
                    }
                    _ => return Err(not_plain()),
                }
                Ok(())
            })?;
            // Counted as the tree reader counts: the length of `values`, or one without them.
            s.samples += if seen & 2 == 0 { 1 } else { series.points.len() };
            if seen & 6 == 6 || s.samples > MAX_SAMPLES {
                return Err(not_plain());
            }
            records.push(series);
            Ok(())
        })?;
        Ok(records)
    }

    /// The string whose `"` is the next byte.
    fn string(&mut self) -> Result<std::borrow::Cow<'a, str>, IngestError> {
        if self.peek() != Some(b'"') {
            return Err(not_plain());
        }
        self.key()
    }

    /// `warnings` or `infos`: `null` or a list of strings.
    fn texts(&mut self) -> Result<Value, IngestError> {
        if self.bytes.get(self.at..self.at + 4) == Some(b"null") {
            self.at += 4;
            return Ok(Value::Null);
        }
        let mut texts = Vec::new();
        self.list(&mut |s| {
            texts.push(s.string()?.into_owned());
            Ok(())
        })?;
        Ok(Value::from(texts))
    }

    /// `metric`: an object of strings, a repeated label keeping its last value, as in a tree.
    fn labels(&mut self) -> Result<StringMap, IngestError> {
        if self.peek() != Some(b'{') {
            return Err(not_plain());
        }
        let mut labels = StringMap::new();
        self.object(&mut |s, name, _| {
            labels.insert(name.to_owned(), s.string()?.into_owned());
            Ok(())
        })?;
        Ok(labels)
    }

    /// A `values` list of points.
    fn points(&mut self) -> Result<Vec<(TimeMs, f64)>, IngestError> {
        let mut points = Vec::new();
        self.list(&mut |s| {
            points.push(s.point()?);
            Ok(())
        })?;
        Ok(points)
    }

    /// Walks the array whose `[` is the next byte, calling `element` where each element starts.
    fn list(
        &mut self,
        element: &mut dyn FnMut(&mut Self) -> Result<(), IngestError>,
    ) -> Result<(), IngestError> {
        if self.peek() != Some(b'[') {
            return Err(not_plain());
        }
        self.at += 1;
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.skip_space();
            element(self)?;
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(not_plain()),
            }
        }
    }

    /// `[<unix seconds>, "<value>"]` with a time that reads and a value that reads.
    fn point(&mut self) -> Result<(TimeMs, f64), IngestError> {
        self.byte(b'[')?;
        self.skip_space();
        let seconds = self.seconds()?;
        self.byte(b',')?;
        self.skip_space();
        let value = self.value_text()?;
        self.byte(b']')?;
        let t_ms = from_unix_number(seconds).ok_or_else(not_plain)?;
        let value = match value {
            "1" => 1.0,
            "0" => 0.0,
            "NaN" => f64::NAN,
            "+Inf" | "Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            other => other.trim().parse::<f64>().map_err(|_| not_plain())?,
        };
        Ok((t_ms, value))
    }

    /// Steps over `byte`, after any space.
    fn byte(&mut self, byte: u8) -> Result<(), IngestError> {
        self.skip_space();
        if self.peek() != Some(byte) {
            return Err(not_plain());
        }
        self.at += 1;
        Ok(())
    }

    /// A time in seconds written with at most 15 digits and no sign or exponent, as serde_json
    /// reads it: the digits as an integer (exact in an `f64`) divided by a power of ten, which is
    /// the correctly rounded value. Any other number is not plain.
    fn seconds(&mut self) -> Result<f64, IngestError> {
        const POW10: [f64; 16] =
            [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
        let end = number_end(self.bytes, self.at).map_err(|_| not_plain())?;
        let number = self.bytes.get(self.at..end).unwrap_or_default();
        let (mut mantissa, mut digits, mut decimals, mut point) = (0u64, 0usize, 0usize, false);
        for &byte in number {
            match byte {
                b'0'..=b'9' => {
                    mantissa = mantissa * 10 + u64::from(byte - b'0');
                    digits += 1;
                    decimals += usize::from(point);
                }
                b'.' => point = true,
                _ => return Err(not_plain()),
            }
            if digits > 15 {
                return Err(not_plain());
            }
        }
        self.at = end;
        Ok(mantissa as f64 / POW10.get(decimals).copied().ok_or_else(not_plain)?)
    }

    /// The text of the string whose `"` is the next byte, when it has no escape and no control
    /// character (what Prometheus writes: a number, `NaN` or `±Inf`).
    fn value_text(&mut self) -> Result<&'a str, IngestError> {
        if self.peek() != Some(b'"') {
            return Err(not_plain());
        }
        let start = self.at + 1;
        let length = (self.bytes.get(start..).unwrap_or_default())
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .ok_or_else(not_plain)?;
        if self.bytes.get(start + length) != Some(&b'"') {
            return Err(not_plain());
        }
        self.at = start + length + 1;
        self.text.get(start..start + length).ok_or_else(not_plain)
    }
}
