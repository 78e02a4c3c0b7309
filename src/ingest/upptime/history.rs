//! `history/<slug>.yml`: the latest probe of one site, rewritten by every Upptime run.

use serde::Deserialize;
use serde_norway::{Mapping, Value as Yaml};

use super::slug::slugify;
use super::yaml::yaml_text;
use super::{service, status_tag};
use crate::ingest::time::read_time_text;
use crate::ingest::{Notes, Then};
use crate::model::TimeMs;
use crate::model::{Samples, Series, Service, Snapshot, Span};

/// The file's keys; values stay YAML so that one odd value is an issue, not a failed file.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireHistory {
    #[serde(default)]
    url: Option<Yaml>,
    #[serde(default)]
    status: Option<Yaml>,
    #[serde(default)]
    response_time: Option<Yaml>,
    #[serde(default)]
    last_updated: Option<Yaml>,
    #[serde(default)]
    start_time: Option<Yaml>,
}

/// The up-ratio of a status word: `degraded` is up (it answered, slower than allowed).
fn up_ratio(status: &str) -> Option<f32> {
    match status {
        "up" | "degraded" => Some(1.0),
        "down" => Some(0.0),
        _ => None,
    }
}

/// Reads a history mapping; never fails (a missing `lastUpdated` leaves no sample).
pub fn read(mapping: Mapping) -> (Snapshot, Notes) {
    let mut notes = Notes::default();
    // Every field is an optional YAML value, so any mapping should fit; if one does not, say so.
    let wire: WireHistory = serde_norway::from_value(Yaml::Mapping(mapping)).unwrap_or_else(|error| {
        notes.unreadable("$", "an Upptime history file", error);
        WireHistory::default()
    });
    let text = |value: &Option<Yaml>| value.as_ref().and_then(yaml_text);
    let url = text(&wire.url).unwrap_or_default();
    let id = match slugify(&url) {
        slug if slug.is_empty() => {
            notes.note("url", "missing or not a URL; the service is called \"site\"");
            "site".to_owned()
        }
        slug => slug,
    };
    let status = text(&wire.status);
    let tags = status_tag(&mut notes, "status", status.as_deref());
    let up = status.as_deref().and_then(up_ratio).unwrap_or(f32::NAN);
    if status.is_none() {
        notes.missing("status", Then::ReadAs("no data"));
    }
    let latency_ms = match wire.response_time.as_ref() {
        None => Vec::new(),
        Some(value) => match value.as_f64().or_else(|| yaml_text(value)?.trim().parse().ok()) {
            Some(ms) if ms.is_finite() && ms >= 0.0 => vec![ms as f32],
            _ => {
                notes.wrong_type("responseTime", "a number of milliseconds", Then::Ignored);
                vec![f32::NAN]
            }
        },
    };
    if let Some(start) = text(&wire.start_time) {
        read_time(&mut notes, "startTime", &start);
    }
    let last_updated = match text(&wire.last_updated) {
        Some(at) => read_time(&mut notes, "lastUpdated", &at),
        None => {
            notes.note("lastUpdated", "missing; the probe has no time, so no sample and no as-of");
            None
        }
    };
    let name = if url.trim().is_empty() { id.clone() } else { url.clone() };
    let mut snapshot = Snapshot {
        title: format!("Upptime history: {name}"),
        services: vec![Service { tags, ..service(id.clone(), name) }],
        ..Snapshot::default()
    };
    if let Some(at_ms) = last_updated {
        snapshot.as_of_ms = at_ms;
        snapshot.coverage = Span::new(at_ms, at_ms).into();
        snapshot.series.push(Series {
            service: id,
            region: None,
            samples: Samples::Irregular { times_ms: vec![at_ms], up_ratio: vec![up] },
            latency_ms,
        });
    }
    (snapshot, notes)
}

/// Reads a timestamp in any form Upptime has written; issues for guessed or unreadable ones.
fn read_time(notes: &mut Notes, path: &str, text: &str) -> Option<TimeMs> {
    let Some(read) = read_time_text(text) else {
        notes.not_a_time(path, text, Then::Ignored);
        return None;
    };
    let iso = text.trim().get(..4).is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
    if read.assumed_utc {
        notes.zoneless(path, text);
    } else if !iso && text.trim().parse::<f64>().is_err() {
        let at = crate::model::format::format_rfc3339(read.ms);
        notes.note(path, format!("{text:?} is JavaScript Date text, not ISO 8601; read as {at}"));
    }
    Some(read.ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> (Snapshot, Vec<String>) {
        let Ok(Yaml::Mapping(mapping)) = serde_norway::from_str(text) else {
            panic!("test YAML is a mapping")
        };
        let (snapshot, issues) = read(mapping);
        (snapshot, issues.issues().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn statuses_and_odd_values() {
        let cases: [(&str, f32, &[&str]); 4] = [
            ("up", 1.0, &[]),
            ("degraded", 1.0, &[]),
            ("down", 0.0, &[]),
            ("asleep", f32::NAN, &["status: unknown status \"asleep\"; ignored"]),
        ];
        for (status, want, want_issues) in cases {
            let (s, issues) = read_text(&format!(
                "url: https://a.example\nstatus: {status}\nresponseTime: 12\nlastUpdated: 2022-07-31T23:05:17.200Z\n"
            ));
            let got = s.series[0].samples.up_ratio()[0];
            assert!(got == want || (got.is_nan() && want.is_nan()), "{status}: {got}");
            assert_eq!(issues, want_issues, "{status}");
            assert_eq!(s.services[0].id, "https-a-example");
        }
        let (s, issues) = read_text("url: [1]\nstatus: up\nresponseTime: fast\nstartTime: 5 May\n");
        assert_eq!(
            issues,
            [
                "url: missing or not a URL; the service is called \"site\"",
                "responseTime: not a number of milliseconds; ignored",
                "startTime: \"5 May\" is not a time; ignored",
                "lastUpdated: missing; the probe has no time, so no sample and no as-of",
            ]
        );
        assert_eq!((s.services[0].id.as_str(), s.series.len(), s.as_of_ms), ("site", 0, 0));
    }

    #[test]
    fn times_in_every_upptime_form() {
        let cases: [(&str, Option<TimeMs>, &str); 4] = [
            ("2022-07-31T23:05:17.200Z", Some(1_659_308_717_200), ""),
            (
                "Wed Jul 06 2022 08:58:36 GMT+0000 (Coordinated Universal Time)",
                Some(1_657_097_916_000),
                "t: \"Wed Jul 06 2022 08:58:36 GMT+0000 (Coordinated Universal Time)\" is JavaScript Date \
                 text, not ISO 8601; read as 2022-07-06T08:58:36Z",
            ),
            (
                "2022-07-06 08:58:36",
                Some(1_657_097_916_000),
                "t: \"2022-07-06 08:58:36\" has no time zone; read as UTC",
            ),
            ("later", None, "t: \"later\" is not a time; ignored"),
        ];
        for (text, want, want_issue) in cases {
            let mut issues = Notes::default();
            let got = read_time(&mut issues, "t", text);
            let issues: Vec<String> = issues.issues().iter().map(ToString::to_string).collect();
            assert_eq!(got, want, "{text}");
            assert_eq!(issues.join(""), want_issue, "{text}");
        }
    }
}
