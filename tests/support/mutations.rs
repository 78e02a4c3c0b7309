//! Garbage-in inputs for the importers' no-panic tests.

use nines::ingest::{self, Format};

/// Reads every mutation of every fixture in `texts` as `format`: errors and issues are fine, a
/// panic fails the test that calls it.
pub fn parse_every_mutation(texts: &[&str], format: Format) {
    for text in texts {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { panic!("fixture is JSON") };
        for mutated in mutations(&value) {
            let _ = ingest::parse(&mutated.to_string(), Some(format));
        }
    }
}

/// Every variant of `value` with one node replaced by one of a few garbage values.
pub fn mutations(value: &serde_json::Value) -> Vec<serde_json::Value> {
    use serde_json::{json, Value};
    let garbage = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1e300),
        json!("x"),
        json!("NaN"),
        json!([]),
        json!({}),
        json!([[1, "1"]]),
    ];
    let mut out: Vec<Value> = garbage.to_vec();
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                for replaced in mutations(item) {
                    let mut copy = items.clone();
                    copy[i] = replaced;
                    out.push(Value::Array(copy));
                }
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                for replaced in mutations(item) {
                    let mut copy = map.clone();
                    copy.insert(key.clone(), replaced);
                    out.push(Value::Object(copy));
                }
            }
        }
        _ => {}
    }
    out
}
