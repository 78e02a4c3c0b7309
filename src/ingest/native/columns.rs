//! Reading a column (`up`, `latency_ms`): a JSON array of numbers and nulls, which serde_json has
//! already checked is valid JSON. Read directly from the text, because a million samples through
//! serde's element-by-element path cost several times what `JSON.parse` takes for the same bytes.
//!
//! Contract: returns one `f32` per element, `NaN` for `null`; the numbers `0` and `1` take a fast
//! path, anything else goes through `str::parse::<f32>`. An element that is not a number or null
//! (a string, `true`, an object…) or a text that is not an array is an error naming its index.

/// Why a column could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct BadColumn {
    /// The element at fault; `None` when the column itself is not an array.
    pub index: Option<usize>,
    pub message: String,
}

/// Reads `raw`, the text of one JSON value, as a column of numbers and nulls.
pub(super) fn read_numbers(raw: &str) -> Result<Vec<f32>, BadColumn> {
    let bytes = raw.as_bytes();
    let not_array = || BadColumn { index: None, message: "not an array of numbers".into() };
    let mut at = skip_space(bytes, 0);
    if bytes.get(at) != Some(&b'[') {
        return Err(not_array());
    }
    at += 1;
    // A sample takes at least two bytes (`1,`), so this rarely reallocates.
    let mut values = Vec::with_capacity(raw.len() / 2);
    loop {
        // The common case in compact files: `1,` or `0,`, two bytes per sample.
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
            Some(b']') if values.is_empty() => return Ok(values),
            None => return Err(not_array()),
            _ => {}
        }
        let start = at;
        while let Some(byte) = bytes.get(at) {
            if matches!(byte, b',' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                break;
            }
            at += 1;
        }
        let token = raw.get(start..at).unwrap_or_default();
        let value = match token {
            "1" => 1.0,
            "0" => 0.0,
            "null" => f32::NAN,
            other => match other.as_bytes().first() {
                Some(b'-' | b'0'..=b'9') => other.parse::<f32>().map_err(|_| bad(values.len(), other))?,
                _ => return Err(bad(values.len(), other)),
            },
        };
        values.push(value);
        at = skip_space(bytes, at);
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b']') => return Ok(values),
            _ => return Err(bad(values.len(), raw.get(at..).unwrap_or_default())),
        }
    }
}

fn bad(index: usize, token: &str) -> BadColumn {
    let shown: String = token.chars().take(20).collect();
    BadColumn { index: Some(index), message: format!("{shown:?} is not a number or null") }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Result<Vec<Option<f32>>, BadColumn> {
        read_numbers(raw).map(|v| v.into_iter().map(|x| (!x.is_nan()).then_some(x)).collect())
    }

    #[test]
    fn numbers_and_nulls_in_any_spacing() {
        let cases: [(&str, Vec<Option<f32>>); 6] = [
            ("[]", vec![]),
            ("[ ]", vec![]),
            ("[1,0,null]", vec![Some(1.0), Some(0.0), None]),
            ("[ 0.75 ,\n 1.0,\t-2e-1 , 10 ]", vec![Some(0.75), Some(1.0), Some(-0.2), Some(10.0)]),
            ("[0.6]", vec![Some(0.6)]),
            ("[1e400]", vec![Some(f32::INFINITY)]),
        ];
        for (raw, want) in cases {
            assert_eq!(read(raw), Ok(want), "{raw}");
        }
    }

    #[test]
    fn anything_else_is_an_error_at_its_index() {
        let cases: [(&str, Option<usize>, &str); 5] = [
            ("{\"a\": 1}", None, "not an array of numbers"),
            ("[1, \"x\", 0]", Some(1), "\"\\\"x\\\"\" is not a number or null"),
            ("[1, true]", Some(1), "\"true\" is not a number or null"),
            ("[1, [0]]", Some(1), "\"[0\" is not a number or null"),
            ("[1, {\"a\":1}]", Some(1), "\"{\\\"a\\\":1}\" is not a number or null"),
        ];
        for (raw, index, message) in cases {
            assert_eq!(read(raw), Err(BadColumn { index, message: message.into() }), "{raw}");
        }
    }
}
