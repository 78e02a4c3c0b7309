//! Reading a sample column (`up`, `latency_ms`): a JSON array of numbers and nulls, read straight
//! from the text into `f32`s in the same pass that checks it is valid JSON. A million samples
//! through a generic JSON reader cost several times what `JSON.parse` takes for the same bytes.
//!
//! Contract: one `f32` per element, `NaN` for `null`; a number is rounded to the nearest `f32`
//! (`1e400` is infinity). The column's storage is sized exactly from a count of its elements made
//! before reading them, so a column holds no spare capacity. A column that is valid JSON but not
//! an array of numbers and nulls (a string element, `true`, a nested array, an object, `null` in
//! place of the array…) comes back as a [`BadColumn`] naming the first bad element's index; text
//! that is not valid JSON is an [`IngestError`] at its line and column.

use serde::de::IgnoredAny;

use crate::ingest::scan::{number_end, skip_space, Scanner};
use crate::ingest::{IngestError, MAX_SAMPLES};

/// A column's values, or why they could not be read.
pub(super) type Column = Result<Vec<f32>, BadColumn>;

/// Why a column could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct BadColumn {
    /// The element at fault; `None` when the column itself is not an array.
    pub index: Option<usize>,
    pub message: String,
}

/// A column as read, with how many elements it has.
pub(super) struct ReadColumn {
    pub values: Column,
    /// The elements in the column, also when they were not kept.
    pub count: usize,
}

impl Scanner<'_> {
    /// Reads the column that starts where the text stands. At most `budget` elements are kept: a
    /// longer column is checked and counted but comes back as a [`BadColumn`].
    pub(super) fn column(&mut self, budget: usize) -> Result<ReadColumn, IngestError> {
        let start = self.at;
        if self.peek() != Some(b'[') {
            self.value::<IgnoredAny>()?;
            let values = Err(BadColumn { index: None, message: "not an array of numbers".into() });
            return Ok(ReadColumn { values, count: 0 });
        }
        self.at += 1;
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(ReadColumn { values: Ok(Vec::new()), count: 0 });
        }
        let count = count_elements(self.bytes, self.at);
        if count > budget {
            self.at = start;
            self.value::<IgnoredAny>()?;
            let values = Err(BadColumn { index: None, message: "too many samples".into() });
            return Ok(ReadColumn { values, count });
        }
        let (text, bytes) = (self.text, self.bytes);
        let mut at = self.at;
        let mut values: Vec<f32> = Vec::with_capacity(count);
        let mut bad: Option<BadColumn> = None;
        let mut bad_elements = 0;
        loop {
            // Compact probe columns are long runs of `1,` and `0,`: take four at a time.
            while let Some(word) = word_at(bytes, at) {
                if word & 0xFFFE_FFFE_FFFE_FFFE != 0x2C30_2C30_2C30_2C30 {
                    break;
                }
                values.extend_from_slice(&[bit(word, 0), bit(word, 16), bit(word, 32), bit(word, 48)]);
                at += 8;
            }
            match (bytes.get(at), bytes.get(at + 1)) {
                (Some(b'1'), Some(b',')) => {
                    values.push(1.0);
                    at += 2;
                    continue;
                }
                (Some(b'0'), Some(b',')) => {
                    values.push(0.0);
                    at += 2;
                    continue;
                }
                _ => {}
            }
            at = skip_space(bytes, at);
            match bytes.get(at) {
                Some(&first @ (b'-' | b'0'..=b'9')) => {
                    let end = number_end(bytes, at)
                        .map_err(|offset| self.error_at(offset + 1, "invalid number".into()))?;
                    let value = if end == at + 1 {
                        f32::from(first - b'0')
                    } else {
                        // A JSON number is always a valid Rust float literal.
                        text.get(at..end).and_then(|number| number.parse::<f32>().ok()).unwrap_or(f32::NAN)
                    };
                    values.push(value);
                    at = end;
                }
                Some(b'n') if bytes.get(at..at + 4) == Some(b"null") => {
                    values.push(f32::NAN);
                    at += 4;
                }
                Some(b']') => return Err(self.error_at(at + 1, "trailing comma".into())),
                Some(_) => {
                    if bad.is_none() {
                        bad = Some(bad_element(values.len(), text, at));
                    }
                    bad_elements += 1;
                    self.at = at;
                    self.value::<IgnoredAny>()?;
                    at = self.at;
                }
                None => return Err(self.error_at(at + 1, "EOF while parsing a list".into())),
            }
            at = skip_space(bytes, at);
            match bytes.get(at) {
                Some(b',') => at += 1,
                Some(b']') => break,
                Some(_) => return Err(self.error_at(at + 1, "expected `,` or `]`".into())),
                None => return Err(self.error_at(at + 1, "EOF while parsing a list".into())),
            }
        }
        self.at = at + 1;
        let count = values.len() + bad_elements;
        Ok(ReadColumn { values: bad.map_or(Ok(values), Err), count })
    }

    /// An array of integers (sample times in Unix milliseconds, or their deltas), read digit by
    /// digit. Anything else is an error: serde_json's when it is not JSON, else a type error.
    /// More than [`MAX_SAMPLES`] elements are refused before any is kept.
    pub(super) fn integers(&mut self) -> Result<Vec<i64>, IngestError> {
        let start = self.at;
        let count = if self.peek() == Some(b'[') { count_elements(self.bytes, start + 1) } else { 0 };
        if count > MAX_SAMPLES {
            return Err(IngestError::TooMany { what: "samples", count, limit: MAX_SAMPLES });
        }
        if let Some((values, end)) = integers_at(self.bytes, start, count) {
            self.at = end;
            return Ok(values);
        }
        self.value::<IgnoredAny>()?;
        let message = "invalid type: expected an array of integers (milliseconds) that fit in 64 bits";
        Err(self.error_at(start + 1, message.into()))
    }
}

/// The integers of the JSON array whose `[` is at `at` (about `count` of them, as
/// [`count_elements`] counts), and the offset past its `]`; none unless every element is an
/// integer that fits in `i64`.
fn integers_at(bytes: &[u8], at: usize, count: usize) -> Option<(Vec<i64>, usize)> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let mut at = skip_space(bytes, at + 1);
    let mut values = Vec::with_capacity(count);
    if bytes.get(at) == Some(&b']') {
        return Some((Vec::new(), at + 1));
    }
    loop {
        let negative = bytes.get(at) == Some(&b'-');
        at += usize::from(negative);
        let first = at;
        let mut magnitude: u64 = 0;
        while let Some(&digit @ b'0'..=b'9') = bytes.get(at) {
            magnitude = magnitude.checked_mul(10)?.checked_add(u64::from(digit - b'0'))?;
            at += 1;
        }
        // No digits, a leading zero (which JSON forbids), or `-0` (a float to serde): serde says.
        if at == first || (bytes.get(first) == Some(&b'0') && at > first + 1) || (negative && magnitude == 0)
        {
            return None;
        }
        let value =
            if negative { 0i64.checked_sub_unsigned(magnitude)? } else { i64::try_from(magnitude).ok()? };
        values.push(value);
        at = skip_space(bytes, at);
        match bytes.get(at)? {
            b',' => at = skip_space(bytes, at + 1),
            b']' => return Some((values, at + 1)),
            _ => return None,
        }
    }
}

/// The eight bytes at `at`, first byte lowest.
fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Bit `shift` of `word` as `0.0` or `1.0`.
fn bit(word: u64, shift: u32) -> f32 {
    f32::from(((word >> shift) & 1) as u8)
}

/// The high bit of every byte of `word` that equals `byte`, exactly (no false positives).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW_7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let x = word ^ (0x0101_0101_0101_0101 * u64::from(byte));
    !(((x & LOW_7) + LOW_7) | x | LOW_7)
}

/// How many elements the array whose first element starts at `from` has, counted as one more
/// than its commas before the first `]`: exact for a column of numbers and nulls, an estimate
/// (only used to size storage) when an element holds commas or brackets of its own.
fn count_elements(bytes: &[u8], from: usize) -> usize {
    let mut commas = 0;
    let mut at = from;
    while let Some(word) = word_at(bytes, at) {
        let close = bytes_equal(word, b']');
        let comma = bytes_equal(word, b',');
        if close != 0 {
            // Only the commas before the first `]` of the word.
            let before_close = (1u64 << close.trailing_zeros()) - 1;
            return commas + (comma & before_close).count_ones() as usize + 1;
        }
        commas += comma.count_ones() as usize;
        at += 8;
    }
    let tail = bytes.get(at..).unwrap_or_default();
    commas + tail.iter().take_while(|&&b| b != b']').filter(|&&b| b == b',').count() + 1
}

/// The bad element at `index`, shown as its text up to the next separator (at most 20 chars).
fn bad_element(index: usize, text: &str, at: usize) -> BadColumn {
    let rest = text.get(at..).unwrap_or_default();
    let end = rest.find([',', ']', ' ', '\n', '\r', '\t']).unwrap_or(rest.len());
    let shown: String = rest.get(..end).unwrap_or_default().chars().take(20).collect();
    BadColumn { index: Some(index), message: format!("{shown:?} is not a number or null") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_counted_up_to_the_first_closing_bracket() {
        let cases: [(&str, usize); 8] = [
            ("1]", 1),
            ("1,0]", 2),
            ("1,0,1,0,1,0,1,0]", 8),
            ("1,0,1,0,1,0,1]", 7),
            ("1,0,1,0,1,0,1,0,1]", 9),
            ("1 , 0 ,\nnull, 0.75 ,1,1,1,1,1,1,1,1,1,1,1,1]", 16),
            ("1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]", 16),
            ("1,\"a,b\"]", 3), // an estimate: the string's comma counts
        ];
        for (text, want) in cases {
            assert_eq!(count_elements(text.as_bytes(), 0), want, "{text}");
        }
        assert_eq!(count_elements(b"[1,0,1]", 1), 3, "from an offset");
        assert_eq!(count_elements(b"1,1,1", 0), 3, "no bracket: to the end");
    }

    #[test]
    fn numbers_end_where_the_grammar_does() {
        let cases: [(&str, Result<usize, usize>); 12] = [
            ("0,", Ok(1)),
            ("-0]", Ok(2)),
            ("10.25e+3 ", Ok(8)),
            ("1E5", Ok(3)),
            ("01", Ok(1)), // the caller rejects the `1` that follows
            ("0.5.5", Ok(3)),
            ("-", Err(1)),
            ("-a", Err(1)),
            ("1.", Err(2)),
            ("1.e5", Err(2)),
            ("1e", Err(2)),
            ("1e+,", Err(3)),
        ];
        for (text, want) in cases {
            assert_eq!(number_end(text.as_bytes(), 0), want, "{text}");
        }
    }

    #[test]
    fn integer_arrays_read_as_serde_reads_them_or_not_at_all() {
        let cases = [
            "[]",
            "[ ]",
            "[ 1 , -2 ]",
            "[0,7]",
            "[9223372036854775807]",
            "[-9223372036854775808]",
            "[1795737600000,60000,-61250]",
        ];
        for text in cases {
            let want: Vec<i64> = serde_json::from_str(text).expect("valid");
            assert_eq!(integers_at(text.as_bytes(), 0, 0), Some((want, text.len())), "{text}");
        }
        let refused = [
            "[01]",
            "[-0]",
            "[1.0]",
            "[1e3]",
            "[-]",
            "[9223372036854775808]",
            "[-9223372036854775809]",
            "[1,]",
            "[1 2]",
            "[\"1\"]",
            "[null]",
            "[1",
            "1",
        ];
        for text in refused {
            assert_eq!(integers_at(text.as_bytes(), 0, 0), None, "{text}");
            assert!(serde_json::from_str::<Vec<i64>>(text).is_err(), "serde refuses {text} too");
        }
    }

    #[test]
    fn byte_matches_are_exact() {
        let word = u64::from_le_bytes(*b",]\x00\xAC,\x2D\x2C\xFF");
        assert_eq!(
            bytes_equal(word, b','),
            0x0080_0080_0000_0080,
            "bytes 0, 4 and 6 (not 3, whose high bit is set)"
        );
        assert_eq!(bytes_equal(word, b']'), 0x0000_0000_0000_8000, "byte 1");
        assert_eq!(bit(u64::from_le_bytes(*b"1,0,0,1,"), 48), 1.0);
        assert_eq!(bit(u64::from_le_bytes(*b"1,0,0,1,"), 16), 0.0);
    }
}
