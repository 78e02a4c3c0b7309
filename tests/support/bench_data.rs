//! Deterministic inputs for the ingest benchmarks (shared by the native and the browser runs).

/// A deterministic stream of pseudo-random numbers from `state` (not zero): xorshift64.
fn xorshift64(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// A native-format file with `series` regular one-minute series holding `samples` samples in all,
/// shaped like real probes: up (`1`) most of the time, with episodes of 1 to 60 minutes that are
/// down (`0`), partly up (one of `0.25`, `0.5`, `0.75`, `0.9` for the episode) or without data
/// (`null`), about 2 %, 2 % and 1 % of the samples; and a response time with two decimals for
/// every sample that is up or partly up (`null` where it is down or has no data).
#[allow(dead_code)] // each benchmark uses only some of these inputs
pub fn native_file(series: usize, samples: usize) -> String {
    let per_series = samples / series.max(1);
    let mut text = String::with_capacity(samples * 9 + 1024);
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
    let mut next = xorshift64(0x9E37_79B9_7F4A_7C15);
    for s in 0..series {
        let (mut up, mut latency) = (String::new(), String::new());
        let (mut episode, mut left) = ("1", 0u64);
        for i in 0..per_series {
            if left == 0 {
                episode = match next() % 100_000 {
                    0..=69 => "0",
                    70..=139 => ["0.25", "0.5", "0.75", "0.9"][(next() % 4) as usize],
                    140..=174 => "null",
                    _ => "1",
                };
                left = if episode == "1" { 1 } else { 1 + next() % 60 };
            }
            left -= 1;
            if i > 0 {
                up.push(',');
                latency.push(',');
            }
            up.push_str(episode);
            match episode {
                "0" | "null" => latency.push_str("null"),
                "1" => latency.push_str(&format!("{}.{:02}", 80 + next() % 40, next() % 100)),
                _ => latency.push_str(&format!("{}.{:02}", 200 + next() % 300, next() % 100)),
            }
        }
        if s > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"service":"s{s}","start":"2025-01-01T00:00:00Z","step_s":60,"up":[{up}],"latency_ms":[{latency}]}}"#
        ));
    }
    text.push_str("]}");
    text
}

/// A Prometheus `query_range` answer with `series` series of `probe_success` (one per instance)
/// holding `points` points in all, one a minute, shaped like [`native_file`]'s probes: `"1"` most
/// of the time, with episodes of `"0"` of 1 to 60 minutes (about 2 % of the points) and missing
/// points (about 1 %).
#[allow(dead_code)] // each benchmark uses only some of these inputs
pub fn prometheus_range(series: usize, points: usize) -> String {
    const START_S: u64 = 1_735_689_600; // 2025-01-01T00:00:00Z
    let per_series = points / series.max(1);
    let mut text = String::with_capacity(points * 24 + 1024);
    text.push_str(r#"{"status":"success","data":{"resultType":"matrix","result":["#);
    let mut next = xorshift64(0x2545_F491_4F6C_DD1D);
    for s in 0..series {
        if s > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"metric":{{"__name__":"probe_success","instance":"s{s}.example.com","job":"blackbox"}},"values":["#
        ));
        let (mut episode, mut left, mut first) = ("1", 0u64, true);
        for i in 0..per_series {
            if left == 0 {
                episode = match next() % 100_000 {
                    0..=69 => "0",
                    70..=104 => "",
                    _ => "1",
                };
                left = if episode == "1" { 1 } else { 1 + next() % 60 };
            }
            left -= 1;
            if episode.is_empty() {
                continue;
            }
            if !first {
                text.push(',');
            }
            first = false;
            text.push_str(&format!(r#"[{},"{episode}"]"#, START_S + 60 * i as u64));
        }
        text.push_str("]}");
    }
    text.push_str("]}}");
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
