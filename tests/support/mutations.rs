//! Garbage-in inputs for the importers' no-panic tests.

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
