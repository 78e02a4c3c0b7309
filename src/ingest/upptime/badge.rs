//! `api/<slug>/uptime*.json` and `response-time*.json`: shields.io endpoint badges
//! (`{"schemaVersion": 1, "label": "uptime 7d", "message": "99.96%", "color": "green"}`).
//! A badge names no site (the slug is in its path) and no date: one service `badge`, no data.

use serde::Deserialize;
use serde_json::Value;

use super::not_upptime;
use crate::ingest::IngestError;
use crate::ingest::Notes;
use crate::model::{Service, Snapshot};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireBadge {
    schema_version: u64,
    label: String,
    message: String,
}

/// The label's figure ("uptime", "response time") and window ("7d"), for Upptime's labels only.
fn split_label(label: &str) -> Option<(&'static str, &str)> {
    ["uptime", "response time"].into_iter().find_map(|figure| {
        let rest = label.strip_prefix(figure)?;
        (rest.is_empty() || rest.starts_with(' ')).then(|| (figure, rest.trim()))
    })
}

/// A shields endpoint object (`schemaVersion` 1) with one of the labels Upptime writes.
pub fn detect(json: &Value) -> bool {
    json.get("schemaVersion").and_then(Value::as_u64) == Some(1)
        && json.get("message").is_some_and(Value::is_string)
        && json.get("label").and_then(Value::as_str).and_then(split_label).is_some()
}

/// The window Upptime's label suffix stands for, in words.
fn window_words(suffix: &str) -> String {
    match suffix {
        "" => "since monitoring began".into(),
        "24h" => "over the last 24 hours".into(),
        "7d" => "over the last 7 days".into(),
        "30d" => "over the last 30 days".into(),
        "1y" => "over the last year".into(),
        other => format!("over {other}"),
    }
}

/// The message as a figure with its unit (`99.96 %`, `1173 ms`), or `None` when unreadable.
fn read_message(figure: &str, message: &str) -> Option<String> {
    let (number, unit) = if figure == "uptime" {
        (message.trim().strip_suffix('%')?, "%")
    } else {
        (message.trim().strip_suffix("ms")?, "ms")
    };
    let value: f64 = number.trim().parse().ok()?;
    let plausible = value.is_finite() && value >= 0.0 && (unit == "ms" || value <= 100.0);
    plausible.then(|| format!("{value} {unit}"))
}

/// Reads a badge: the one figure goes into an issue, since it has neither a date nor a series.
pub fn read(json: Value) -> Result<(Snapshot, Notes), IngestError> {
    let badge: WireBadge = serde_json::from_value(json).map_err(|_| not_upptime())?;
    let Some((figure, suffix)) = split_label(&badge.label).filter(|_| badge.schema_version == 1) else {
        return Err(not_upptime());
    };
    let mut notes = Notes::default();
    let message = match read_message(figure, &badge.message) {
        Some(value) => format!(
            "{figure} {}: {value}; a badge carries a single figure, with no date and no time series, \
             so nothing is charted",
            window_words(suffix)
        ),
        None => format!("{:?} is not a figure for {figure}; the badge says nothing usable", badge.message),
    };
    notes.note("message", message);
    let snapshot = Snapshot {
        title: format!("Upptime badge: {} {}", badge.label, badge.message),
        services: vec![Service {
            id: "badge".into(),
            name: badge.label,
            group: None,
            regions: Vec::new(),
            tags: Vec::new(),
            slo: None,
            coverage: None,
        }],
        ..Snapshot::default()
    };
    Ok((snapshot, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_upptime_labels_are_badges() {
        let cases = [
            (json!({"schemaVersion": 1, "label": "uptime 1y", "message": "67.8%"}), true),
            (json!({"schemaVersion": 1, "label": "response time 24h", "message": "80 ms"}), true),
            (json!({"schemaVersion": 1, "label": "uptimes", "message": "1"}), false),
            (json!({"schemaVersion": 1, "label": "build", "message": "passing"}), false),
            (json!({"schemaVersion": 2, "label": "uptime", "message": "1%"}), false),
            (json!({"schemaVersion": 1, "label": "uptime", "message": 99}), false),
            (json!([1]), false),
        ];
        for (badge, want) in cases {
            assert_eq!(detect(&badge), want, "{badge}");
        }
    }

    #[test]
    fn messages_read_with_units_or_not_at_all() {
        let cases = [
            ("uptime", "99.96%", Some("99.96 %")),
            ("uptime", "0%", Some("0 %")),
            ("uptime", "101%", None),
            ("uptime", "n/a", None),
            ("response time", "1173 ms", Some("1173 ms")),
            ("response time", "-5 ms", None),
        ];
        for (figure, message, want) in cases {
            assert_eq!(read_message(figure, message).as_deref(), want, "{figure} {message}");
        }
        let (_, issues) =
            read(json!({"schemaVersion": 1, "label": "uptime 30d", "message": "soon"})).expect("a badge");
        assert_eq!(
            issues.issues()[0].message,
            "\"soon\" is not a figure for uptime; the badge says nothing usable"
        );
    }
}
