//! Deterministic inputs for the ingest benchmarks (shared by the native and the browser runs).

/// A native-format file with `series` regular series holding `samples` samples in total, of
/// mostly-up probe values with some failures and gaps, like real 1-minute probes.
#[allow(dead_code)] // each benchmark uses only some of these inputs
pub fn native_file(series: usize, samples: usize) -> String {
    let per_series = samples / series.max(1);
    let mut text = String::with_capacity(samples * 3 + 1024);
    text.push_str(
        r#"{"format":"nines","version":1,"title":"bench","as_of":"2026-01-01T00:00:00Z","coverage":{"start":"2025-01-01T00:00:00Z","end":"2026-01-01T00:00:00Z"},"services":["#,
    );
    for s in 0..series {
        if s > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"id":"s{s}","name":"Service {s}"}}"#));
    }
    text.push_str(r#"],"series":["#);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for s in 0..series {
        if s > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"service":"s{s}","start":"2025-01-01T00:00:00Z","step_s":60,"up":["#));
        for i in 0..per_series {
            if i > 0 {
                text.push(',');
            }
            // xorshift: 1 most of the time, sometimes 0, a partial ratio or a gap.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(match state % 1000 {
                0..=3 => "0",
                4..=5 => "0.75",
                6 => "null",
                _ => "1",
            });
        }
        text.push_str("]}");
    }
    text.push_str("]}");
    text
}

/// A Statuspage `incidents.json` with `count` incidents, one a day back from 2026-01-01, each with
/// three updates (investigating, identified, resolved) naming two of eight components, in the
/// shape Statuspage publishes.
#[allow(dead_code)] // each benchmark uses only some of these inputs
pub fn statuspage_incidents(count: usize) -> String {
    const DAY_S: i64 = 86_400;
    const END_S: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
    let iso = |s: i64| {
        let (days, rem) = (s.div_euclid(DAY_S), s.rem_euclid(DAY_S));
        // Civil date from days since the epoch (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000Z", rem / 3600, rem / 60 % 60, rem % 60)
    };
    let components = [
        "Git Operations",
        "API Requests",
        "Webhooks",
        "Issues",
        "Pull Requests",
        "Actions",
        "Pages",
        "Packages",
    ];
    let mut text = String::from(
        r#"{"page":{"id":"bench","name":"Bench","url":"https://status.example.com","time_zone":"Etc/UTC","updated_at":"2026-01-01T00:00:00.000Z"},"incidents":["#,
    );
    for i in 0..count {
        if i > 0 {
            text.push(',');
        }
        let start = END_S - (i as i64 + 1) * DAY_S + 3600;
        let (identified, resolved) = (start + 900, start + 2700 + (i as i64 % 7) * 600);
        let (a, b) = (i % components.len(), (i * 3 + 1) % components.len());
        let affected = |status: &str| {
            format!(
                r#"[{{"code":"c{a}","name":"{}","old_status":"operational","new_status":"{status}"}},{{"code":"c{b}","name":"{}","old_status":"operational","new_status":"{status}"}}]"#,
                components[a], components[b]
            )
        };
        let update = |id: &str, status: &str, at: i64, body: &str, component_status: &str| {
            format!(
                r#"{{"id":"u{i}{id}","status":"{status}","body":"{body}","incident_id":"i{i}","created_at":"{0}","updated_at":"{0}","display_at":"{0}","affected_components":{1},"deliver_notifications":true,"custom_tweet":null,"tweet_id":null}}"#,
                iso(at),
                affected(component_status)
            )
        };
        text.push_str(&format!(
            r#"{{"id":"i{i}","name":"Incident {i}: degraded performance for {} and {}","status":"resolved","created_at":"{}","updated_at":"{}","monitoring_at":null,"resolved_at":"{}","impact":"{}","shortlink":"https://stspg.io/{i}","started_at":"{}","page_id":"bench","incident_updates":[{},{},{}],"components":[],"reminder_intervals":null}}"#,
            components[a],
            components[b],
            iso(start),
            iso(resolved),
            iso(resolved),
            ["minor", "major", "critical"][i % 3],
            iso(start),
            update("c", "resolved", resolved, "This incident has been resolved.", "operational"),
            update("b", "identified", identified, "We have identified the cause and are applying a fix.", "partial_outage"),
            update("a", "investigating", start, "We are investigating reports of degraded performance.", "degraded_performance"),
        ));
    }
    text.push_str("]}");
    text
}
