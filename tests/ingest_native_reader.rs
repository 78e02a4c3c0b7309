//! The native format's one-pass reader: sample columns in every spelling JSON allows, bad columns
//! as issues, malformed text as errors at the line and column where it breaks, and agreement
//! with serde_json on which texts are JSON at all.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::ingest::{self, Format, IngestError};
use nines::model::Samples;

#[path = "support/reading.rs"]
mod reading;
use reading::messages;

const HEAD: &str = r#""format": "nines", "version": 1, "as_of": "2026-01-02T00:00:00Z",
    "coverage": {"start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z"}"#;

/// A file with one regular series whose members (after `service`, `start` and `step_s`) are
/// `members`.
fn one_series(members: &str) -> String {
    format!(
        r#"{{{HEAD}, "series": [{{"service": "a", "start": "2026-01-01T00:00:00Z", "step_s": 60, {members}}}]}}"#
    )
}

fn parse(text: &str) -> Result<ingest::Parsed, IngestError> {
    ingest::parse(text, Some(Format::Native))
}

/// The first series' up-ratios, `None` for gaps.
fn up_of(parsed: &ingest::Parsed) -> Vec<Option<f32>> {
    match &parsed.snapshot.series[0].samples {
        Samples::Regular { up_ratio, .. } | Samples::Irregular { up_ratio, .. } => {
            up_ratio.iter().map(|v| (!v.is_nan()).then_some(*v)).collect()
        }
    }
}

#[test]
fn columns_in_every_spelling() {
    let cases: [(&str, &str, Vec<Option<f32>>); 10] = [
        ("empty", "[]", vec![]),
        ("empty with space", "[ \n ]", vec![]),
        (
            "compact ones and zeros",
            "[1,0,1,1,0,0,1,0,1]",
            [1., 0., 1., 1., 0., 0., 1., 0., 1.].map(Some).to_vec(),
        ),
        ("nulls are gaps", "[null,1,null,0,null]", vec![None, Some(1.0), None, Some(0.0), None]),
        ("a lone null", "[null]", vec![None]),
        (
            "exponents and fractions",
            "[1e0,5E-1,2.5e-1,1.0E+0,0.0,-0,100e-2]",
            vec![Some(1.0), Some(0.5), Some(0.25), Some(1.0), Some(0.0), Some(0.0), Some(1.0)],
        ),
        (
            "spaces around everything",
            "[ 1 , 0 ,\tnull\t,\n0.75\r\n]",
            vec![Some(1.0), Some(0.0), None, Some(0.75)],
        ),
        ("space after each comma", "[1, 0, 1, 1, 0]", [1., 0., 1., 1., 0.].map(Some).to_vec()),
        (
            "a partial ratio between runs",
            "[1,1,1,0.6,1,1,1,1,0]",
            [1., 1., 1., 0.6, 1., 1., 1., 1., 0.].map(Some).to_vec(),
        ),
        ("last element alone", "[0.5]", vec![Some(0.5)]),
    ];
    for (label, column, want) in cases {
        let parsed =
            parse(&one_series(&format!(r#""up": {column}"#))).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(messages(&parsed), Vec::<String>::new(), "{label}: no issues");
        assert_eq!(up_of(&parsed), want, "{label}");
    }
}

/// Columns built from a fixed mix of tokens and separators, in every alignment against the
/// reader's eight-byte steps, read back to the values they were built from.
#[test]
fn long_columns_of_mixed_tokens_read_back_exactly() {
    let tokens: [(&str, Option<f32>); 6] = [
        ("1", Some(1.0)),
        ("0", Some(0.0)),
        ("null", None),
        ("0.75", Some(0.75)),
        ("1e-1", Some(0.1)),
        ("1", Some(1.0)),
    ];
    let separators = [",", ", ", " ,\n", ",\t"];
    let mut state: u32 = 12345;
    for separator in separators {
        for length in [1usize, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 1000] {
            let (mut text, mut want) = (String::from("["), Vec::new());
            for i in 0..length {
                // Mostly ones, like probe data, so the fast path and the slow path alternate.
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let pick = (state >> 16) as usize % 16;
                let (token, value) = tokens[if pick < tokens.len() { pick } else { 0 }];
                if i > 0 {
                    text.push_str(separator);
                }
                text.push_str(token);
                want.push(value);
            }
            text.push(']');
            let parsed = parse(&one_series(&format!(r#""up": {text}"#))).expect("parses");
            assert_eq!(up_of(&parsed), want, "separator {separator:?}, length {length}");
        }
    }
}

#[test]
fn a_huge_column_is_read_whole() {
    // 2,000,003 samples: ones with a zero every 1,000th and a gap at the very end.
    let count = 2_000_003;
    let mut column = String::with_capacity(count * 2 + 8);
    column.push('[');
    for i in 0..count - 1 {
        column.push_str(if i % 1000 == 999 { "0," } else { "1," });
    }
    column.push_str("null]");
    let parsed = parse(&one_series(&format!(r#""up": {column}"#))).expect("parses");
    let up = up_of(&parsed);
    assert_eq!(up.len(), count);
    assert_eq!(up.iter().filter(|v| **v == Some(0.0)).count(), 2000, "one zero per thousand");
    assert_eq!(up.iter().filter(|v| **v == Some(1.0)).count(), count - 1 - 2000);
    assert_eq!(up[count - 1], None, "the last sample is a gap");
    assert!(up[..count - 1].iter().all(Option::is_some), "no gap but the last (no NaN from numbers)");
}

#[test]
fn values_outside_the_range_and_bad_columns_are_issues() {
    let cases: [(&str, &str, &[&str]); 9] = [
        (
            "negative, above one, infinite",
            r#""up": [-1, 2, 1e400, 0.5, -0.25]"#,
            &["series[0].up: 4 values outside 0..1 (e.g. -1); not an up-ratio; series skipped"],
        ),
        (
            "a string element",
            r#""up": [1, "x", 0]"#,
            &["series[0].up[1]: \"\\\"x\\\"\" is not a number or null; series skipped"],
        ),
        (
            "true",
            r#""up": [1, 0, true]"#,
            &["series[0].up[2]: \"true\" is not a number or null; series skipped"],
        ),
        (
            "a nested array",
            r#""up": [1, [0, 1]]"#,
            &["series[0].up[1]: \"[0\" is not a number or null; series skipped"],
        ),
        (
            "an object, then a string",
            r#""up": [{"a":1}, "]"]"#,
            &["series[0].up[0]: \"{\\\"a\\\":1}\" is not a number or null; series skipped"],
        ),
        ("null for the column", r#""up": null"#, &["series[0].up: not an array of numbers; series skipped"]),
        (
            "an object for the column",
            r#""up": {"0": 1}"#,
            &["series[0].up: not an array of numbers; series skipped"],
        ),
        (
            "bad latencies",
            r#""up": [1, 1], "latency_ms": [12.5, false]"#,
            &["series[0].latency_ms[1]: \"false\" is not a number or null; latencies dropped"],
        ),
        (
            "latencies of another length",
            r#""up": [1, 1], "latency_ms": [12.5]"#,
            &["series[0].latency_ms: not as long as `up`; dropped"],
        ),
    ];
    for (label, members, want) in cases {
        let parsed = parse(&one_series(members)).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(messages(&parsed), *want, "{label}");
    }
    let refused = parse(&one_series(r#""up": [-1, 2, 1e400, 0.5, -0.25]"#)).expect("parses");
    assert!(refused.snapshot.series.is_empty(), "refused, not clamped into 0..1");
}

#[test]
fn latencies_null_absent_or_read() {
    let cases: [(&str, &str, Vec<f32>); 4] = [
        ("null is no column", r#""up": [1, 0], "latency_ms": null"#, vec![]),
        ("null before more members", r#""latency_ms":null ,"up": [1, 0]"#, vec![]),
        ("absent", r#""up": [1, 0]"#, vec![]),
        ("read", r#""latency_ms": [120, 80.5], "up": [1, 0]"#, vec![120.0, 80.5]),
    ];
    for (label, members, want) in cases {
        let parsed = parse(&one_series(members)).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(messages(&parsed), Vec::<String>::new(), "{label}");
        assert_eq!(parsed.snapshot.series[0].latency_ms, want, "{label}");
    }
}

#[test]
fn keys_with_escapes_and_unknown_members() {
    let text = r#"{"for\u006dat": "nines", "version": 1, "as_of": "2026-01-02T00:00:00Z",
        "coverage": {"start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z"},
        "extra": {"nested": [1, {"up": "not this one"}, "]"]}, "t\"itle": 5,
        "series": [{"serv\u0069ce": "a", "\u0075p": [1, 0], "start": "2026-01-01T00:00:00Z",
                    "step_s": 60, "comment": "a \"quoted\" ] and , inside"}]}"#;
    let parsed = parse(text).expect("parses");
    assert_eq!(messages(&parsed), Vec::<String>::new());
    assert_eq!(parsed.snapshot.series[0].service, "a");
    assert_eq!(up_of(&parsed), vec![Some(1.0), Some(0.0)]);
}

/// A file laid out over lines so that positions can be counted by hand: the column under test
/// starts on line 5 at column 17 (`   "up": [1, 0, ` is 16 bytes).
fn broken(tail: &str) -> String {
    format!(
        "{{\"format\": \"nines\", \"version\": 1, \"as_of\": \"2026-01-02T00:00:00Z\",\n \
         \"coverage\": {{\"start\": \"2026-01-01T00:00:00Z\", \"end\": \"2026-01-02T00:00:00Z\"}},\n \
         \"series\": [\n  \
         {{\"service\": \"a\", \"start\": \"2026-01-01T00:00:00Z\", \"step_s\": 60,\n   \
         \"up\": [1, 0, {tail}"
    )
}

#[test]
fn malformed_text_is_an_error_at_its_line_and_column() {
    let cases: [(&str, String, usize, usize, &str); 11] = [
        ("trailing comma", broken("]}]}"), 5, 17, "expected value"),
        ("leading zero", broken("01]}]}"), 5, 18, "invalid number"),
        ("no digit after the point", broken("1.]}]}"), 5, 19, "invalid number"),
        ("no digit in the exponent", broken("1e+]}]}"), 5, 20, "invalid number"),
        ("a bare minus", broken("-]}]}"), 5, 18, "invalid number"),
        ("a misspelt literal", broken("tru]}]}"), 5, 20, "expected ident"),
        ("no comma", broken("1 0]}]}"), 5, 19, "expected `,` or `]`"),
        ("cut off inside the column", broken("1"), 5, 17, "EOF while parsing a list"),
        ("a bad escape in a key", broken("1], \"\\x\": 1}]}"), 5, 23, "invalid escape"),
        ("trailing characters", broken("1]}]} x"), 5, 23, "trailing characters"),
        // `"latency_ms"` is at 21..=32, `null` at 35..=38, the `x` at 39.
        ("latencies misspelt", broken("1], \"latency_ms\": nullx}]}"), 5, 39, "expected `,` or `}`"),
    ];
    for (label, text, line, column, message) in cases {
        match parse(&text) {
            Err(IngestError::NotJson { line: l, column: c, message: m }) => {
                assert_eq!((l, c, m.as_str()), (line, column, message), "{label}")
            }
            other => panic!("{label}: want a JSON error, got {other:?}"),
        }
    }
}

#[test]
fn structural_mistakes_name_the_field() {
    let cases: [(&str, String, &str); 5] = [
        ("duplicate up", one_series(r#""up": [1], "up": [0]"#), "duplicate field `up`"),
        ("missing up", one_series(r#""latency_ms": [1]"#), "missing field `up`"),
        (
            "duplicate as_of",
            format!(r#"{{{HEAD}, "as_of": "2026-01-02T00:00:00Z"}}"#),
            "duplicate field `as_of`",
        ),
        (
            "a number for the title",
            format!(r#"{{{HEAD}, "title": 5}}"#),
            "invalid type: integer `5`, expected a string",
        ),
        ("series not an array", format!(r#"{{{HEAD}, "series": {{}}}}"#), "expected `[`"),
    ];
    for (label, text, want) in cases {
        let error = parse(&text).expect_err(label).to_string();
        assert!(error.contains(want), "{label}: got {error:?}, want it to contain {want:?}");
    }
}

#[test]
fn bytes_are_read_like_text_and_must_be_utf8() {
    let text = one_series(r#""up": [1, 0.5, null]"#);
    let from_bytes = ingest::parse_bytes(text.as_bytes(), None).expect("parses");
    let from_text = ingest::parse(&text, None).expect("parses");
    assert_eq!(from_bytes.snapshot, from_text.snapshot);
    assert_eq!(from_bytes.format, Format::Native);

    // Line 2, column 4: the byte 0xFF after `{"a` on the second line.
    let bad = b"{\"format\": \"nines\",\n{\"a\xFF\": 1}";
    match ingest::parse_bytes(bad, None) {
        Err(IngestError::NotJson { line, column, message }) => {
            assert_eq!((line, column, message.as_str()), (2, 4, "invalid UTF-8"))
        }
        other => panic!("want a UTF-8 error, got {other:?}"),
    }
}

/// Every one-byte deletion, insertion and replacement of a small file: the reader never
/// accepts what serde_json rejects as JSON, and never rejects valid JSON for its syntax.
#[test]
fn agrees_with_serde_json_on_what_is_json() {
    let good = "{\"format\":\"nines\",\"version\":1,\"as_of\":\"2026-01-02T00:00:00Z\",\
        \"coverage\":{\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-02T00:00:00Z\"},\
        \"x\":[{\"y\":null}],\"series\":[{\"service\":\"a\",\"times_ms\":[1,2,3,4,5,6,7,8,9,10],\
        \"up\":[1,0,1,1,0.5,null,1,1,1,1e-1],\"latency_ms\": [ 1 , 2.5,null,4,5,6,7,8,9,10 ]}]}";
    assert!(parse(good).is_ok_and(|p| p.issues.is_empty()), "the unmutated file reads cleanly");
    let bytes: Vec<u8> = b"[]{},:\"\\01-.eEn \n".to_vec();
    let mut mutants = Vec::new();
    for at in 0..=good.len() {
        if at < good.len() {
            mutants.push(format!("{}{}", &good[..at], &good[at + 1..]));
        }
        for &byte in &bytes {
            let inserted = format!("{}{}{}", &good[..at], byte as char, &good[at..]);
            mutants.push(inserted);
            if at < good.len() {
                mutants.push(format!("{}{}{}", &good[..at], byte as char, &good[at + 1..]));
            }
        }
    }
    // Messages that say the JSON is fine but the file is not a valid Nines file.
    let data_errors = [
        "missing field",
        "missing;",
        "duplicate field",
        "invalid type",
        "invalid value",
        "expected `{`",
        "expected `[`",
        "unrecognised",
        "unsupported",
        "RFC 3339",
    ];
    for text in &mutants {
        let json_ok = serde_json::from_str::<serde_json::Value>(text).is_ok();
        match (json_ok, parse(text)) {
            (false, Ok(_)) => panic!("accepted text that is not JSON: {text}"),
            (false, Err(error)) => {
                assert!(matches!(error, IngestError::NotJson { .. }), "{error:?} for {text}")
            }
            (true, Err(error)) => {
                let error = error.to_string();
                assert!(
                    data_errors.iter().any(|e| error.contains(e)),
                    "rejected valid JSON with {error:?}: {text}"
                )
            }
            (true, Ok(_)) => {}
        }
    }
}
