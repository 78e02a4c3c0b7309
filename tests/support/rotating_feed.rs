//! A Statuspage `incidents.json` that lists only its 50 most recent incidents, built from the real
//! capture of status.myemma.com (tests/fixtures/statuspage/emma_incidents_2019_local-offsets.json):
//! its 22 incidents are issued again as new ones, a week apart, with new ids and shifted times, so
//! each run sees five incidents more and five fewer at the far end, like a busy status page.

use serde_json::Value;

/// New incidents per run.
pub const PER_RUN: usize = 5;
/// What the feed lists at most.
pub const FEED_SIZE: usize = 50;
const WEEK_MS: i64 = 7 * 24 * 3_600_000;

/// The feed at run `run` (0-based): the 50 most recent of the `50 + 5·run` incidents issued so far.
/// The newest incident is still open in the run that first lists it, and resolved (with one more
/// update) in the next run.
pub fn feed(run: usize) -> String {
    let real: Value =
        serde_json::from_str(include_str!("../fixtures/statuspage/emma_incidents_2019_local-offsets.json"))
            .expect("fixture parses");
    let templates = real["incidents"].as_array().expect("incidents").clone();
    let issued = FEED_SIZE + PER_RUN * run;
    let mut incidents: Vec<Value> = (issued.saturating_sub(FEED_SIZE)..issued)
        .rev()
        .map(|n| incident(&templates[n % templates.len()], n, n + 1 == issued))
        .collect();
    // Newest first, as Statuspage lists them.
    incidents.sort_by_key(|i| std::cmp::Reverse(i["created_at"].as_str().map(str::to_string)));
    let mut page = real["page"].clone();
    page["updated_at"] = Value::from(rfc3339(base_ms() + (issued as i64) * WEEK_MS));
    serde_json::json!({"page": page, "incidents": incidents}).to_string()
}

/// The id of incident `n`.
pub fn id(n: usize) -> String {
    format!("emma{n:04}")
}

/// When incident `n` was created.
pub fn created_ms(n: usize) -> i64 {
    base_ms() + n as i64 * WEEK_MS
}

fn base_ms() -> i64 {
    nines::model::parse_rfc3339_ms("2019-03-01T00:00:00Z").expect("time")
}

fn rfc3339(ms: i64) -> String {
    nines::model::format::format_rfc3339(ms)
}

/// Template incident re-issued as number `n`, created at [`created_ms`]`(n)`.
fn incident(template: &Value, n: usize, open: bool) -> Value {
    let mut incident = template.clone();
    let created = nines::model::parse_rfc3339_ms(template["created_at"].as_str().expect("created_at"))
        .expect("template time");
    let shift = created_ms(n) - created;
    let shifted = |v: &Value| -> Value {
        v.as_str()
            .and_then(nines::model::parse_rfc3339_ms)
            .map_or(Value::Null, |t| Value::from(rfc3339(t + shift)))
    };
    for key in ["created_at", "updated_at", "monitoring_at", "resolved_at"] {
        let value = shifted(&incident[key]);
        incident[key] = value;
    }
    incident["id"] = Value::from(id(n));
    incident["shortlink"] = Value::from(format!("https://stspg.io/{}", id(n)));
    if let Some(updates) = incident["incident_updates"].as_array_mut() {
        for (k, update) in updates.iter_mut().enumerate() {
            for key in ["created_at", "updated_at", "display_at"] {
                let value = shifted(&update[key]);
                update[key] = value;
            }
            update["id"] = Value::from(format!("{}-u{k}", id(n)));
            update["incident_id"] = Value::from(id(n));
        }
        if open {
            // Still open: only its first update (the oldest, listed last) is out.
            let first = updates.pop();
            updates.clear();
            updates.extend(first);
        }
    }
    if open {
        incident["status"] = Value::from("investigating");
        incident["resolved_at"] = Value::Null;
        incident["monitoring_at"] = Value::Null;
    }
    incident
}
