//! `nines collect` against loopback servers that serve the real fixtures: the history it keeps,
//! the coverage it records, conditional requests, failures that leave the previous data intact,
//! credentials, and the `nines check DIR` that reads it back.
#![cfg(not(target_arch = "wasm32"))] // loopback servers and a native binary
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use nines::history::layout;
use nines::ingest::native;
use nines::model::Span;

#[path = "support/collect_run.rs"]
mod collect_run;
#[path = "support/http_server.rs"]
mod http_server;
#[path = "support/rotating_feed.rs"]
mod rotating_feed;

use collect_run::{collect, config, files, history, scratch, text};
use http_server::{serve, Reply, Server};

const MIN: i64 = 60_000;

/// A server whose `/incidents.json` is the rotating feed at the run `run` holds.
fn rotating_server() -> (Server, Arc<AtomicUsize>) {
    let run = Arc::new(AtomicUsize::new(0));
    let at = run.clone();
    let server = serve(move |request| match request.path.as_str() {
        "/incidents.json" => Reply::json(rotating_feed::feed(at.load(Ordering::SeqCst))),
        _ => Reply::status(404),
    });
    (server, run)
}

/// The instant run `run` of the rotating feed is collected at: its feed's as-of.
fn run_time(run: usize) -> i64 {
    rotating_feed::created_ms(rotating_feed::FEED_SIZE + rotating_feed::PER_RUN * run)
}

fn statuspage_config(dir: &Path, url: &str) -> PathBuf {
    config(
        dir,
        &serde_json::json!({"format": "nines-config", "version": 1,
            "sources": [{"id": "emma", "url": url, "format": "statuspage"}],
            "collect": {"interval_s": 300, "retries": 0, "backoff_ms": 10, "timeout_ms": 5000}}),
    )
}

#[test]
fn ten_runs_of_a_rotating_feed_keep_every_incident_and_check_counts_them() {
    let dir = scratch("rotating");
    let (server, run) = rotating_server();
    let config = statuspage_config(&dir, &server.url("/incidents.json"));
    let out = dir.join("out");
    for k in 0..10 {
        run.store(k, Ordering::SeqCst);
        let output = collect(&config, &out, run_time(k), &[], &[]);
        assert!(output.status.success(), "run {k}: {}{}", text(&output.stdout), text(&output.stderr));
        assert!(text(&output.stdout).contains("services, 50 incidents,"), "{}", text(&output.stdout));
    }
    let h = history(&out);
    let ids: Vec<String> = h.incidents.iter().map(|i| i.id.clone()).collect();
    let want: Vec<String> = (0..95).map(rotating_feed::id).collect();
    assert_eq!(ids, want, "every incident the feed ever listed");
    // Coverage: exactly the ten observed five-minute spans, the weeks between unknown.
    let spans: Vec<Span> = (0..10).map(|k| Span::new(run_time(k) - 5 * MIN, run_time(k))).collect();
    assert_eq!(h.coverage.spans(), spans.as_slice());

    let check =
        Command::new(env!("CARGO_BIN_EXE_nines")).args(["check", out.to_str().unwrap()]).output().unwrap();
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(
        text(&check.stdout)
            .contains("format=nines (collected history) services=20 incidents=95 maintenances=0"),
        "{}",
        text(&check.stdout)
    );
    // summary and report read the folder as they read a file: the same figures as the joined
    // history written out as one file.
    let one_file = dir.join("joined.json");
    std::fs::write(&one_file, native::write(&h)).unwrap();
    for command in [&["summary", "--json"][..], &["report", "--to", "csv"][..]] {
        let run = |target: &Path| {
            let out = Command::new(env!("CARGO_BIN_EXE_nines")).args(command).arg(target).output().unwrap();
            assert!(out.status.success(), "{command:?}: {}", text(&out.stderr));
            text(&out.stdout).replace(target.to_str().unwrap(), "TARGET")
        };
        let (from_dir, from_file) = (run(&out), run(&one_file));
        assert_eq!(from_dir, from_file, "{command:?}");
        if command[0] == "summary" {
            let json: serde_json::Value = serde_json::from_str(&from_dir).unwrap();
            assert_eq!(json["services"].as_array().map(Vec::len), Some(20), "every service summarised");
        }
    }

    // The index is a Nines file: the page (and check) read it as it is.
    let index = std::fs::read_to_string(out.join("index.json")).unwrap();
    let parsed = native::parse(&index).expect("index reads");
    assert_eq!(parsed.snapshot.as_of_ms, run_time(9));
    let value: serde_json::Value = serde_json::from_str(&index).unwrap();
    let months = value["collected"]["months"].as_array().unwrap();
    assert_eq!(months.len(), layout::shards(&h).len(), "the index names every shard");
}

#[test]
fn an_unchanged_run_changes_nothing_and_an_etag_costs_a_304() {
    let dir = scratch("etag");
    let body = rotating_feed::feed(0);
    let server = serve(move |request| {
        if request.header("If-None-Match") == Some("\"v1\"") {
            Reply::Full(304, Vec::new(), Vec::new())
        } else {
            Reply::Full(200, vec![("ETag".into(), "\"v1\"".into())], body.clone().into_bytes())
        }
    });
    let config = statuspage_config(&dir, &server.url("/incidents.json"));
    let out = dir.join("out");
    let first = collect(&config, &out, run_time(0), &[], &[]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let written = files(&out);
    // The same instant again: the feed answers 304, and not a byte changes.
    let again = collect(&config, &out, run_time(0), &[], &[]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(text(&again.stdout).contains("source emma: not modified (304)"), "{}", text(&again.stdout));
    assert!(!text(&again.stdout).contains("wrote"), "nothing rewritten: {}", text(&again.stdout));
    assert_eq!(files(&out), written, "idempotent");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("If-None-Match"), None, "the first run asks unconditionally");
    assert_eq!(requests[1].header("If-None-Match"), Some("\"v1\""), "the second asks conditionally");
    // A 304 an hour later is still an observation: the coverage grows, the incidents stay.
    let later = collect(&config, &out, run_time(0) + 60 * MIN, &[], &[]);
    assert!(later.status.success());
    let h = history(&out);
    assert_eq!(h.incidents.len(), 50);
    assert_eq!(h.coverage.total_ms(), 10 * MIN, "two five-minute observations");
}

#[test]
fn gzip_is_decoded_and_a_response_over_the_byte_limit_is_refused() {
    let dir = scratch("gzip");
    let body = rotating_feed::feed(0);
    let server = serve(move |request| {
        assert!(request.header("Accept-Encoding").is_some_and(|e| e.contains("gzip")), "asks for gzip");
        Reply::gzip(&body)
    });
    let out = dir.join("out");
    let config = statuspage_config(&dir, &server.url("/incidents.json"));
    let output = collect(&config, &out, run_time(0), &[], &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(history(&out).incidents.len(), 50);

    let small = config_with(
        &dir,
        &server.url("/incidents.json"),
        serde_json::json!({"max_bytes": 1000, "retries": 0}),
    );
    let output = collect(&small, &dir.join("small"), run_time(0), &[], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("larger than 1000 bytes"), "{}", text(&output.stderr));
}

fn config_with(dir: &Path, url: &str, collect: serde_json::Value) -> PathBuf {
    config(
        dir,
        &serde_json::json!({"format": "nines-config", "version": 1,
            "sources": [{"id": "emma", "url": url, "format": "statuspage"}], "collect": collect}),
    )
}

/// How the second source misbehaves in the failing run.
#[derive(Clone, Copy, Debug)]
enum Fault {
    ServerError,
    Timeout,
    Truncated,
    Malformed,
}

/// A Nines file holding one service and nothing else, as of `as_of_ms`.
fn one_service(id: &str, as_of_ms: i64) -> String {
    let at = nines::model::format::format_rfc3339(as_of_ms);
    serde_json::json!({"format": "nines", "version": 1, "as_of": at,
        "coverage": {"start": at, "end": at}, "services": [{"id": id, "name": id}]})
    .to_string()
}

#[test]
fn each_source_covers_only_its_own_services_and_a_failed_run_leaves_a_gap_in_them() {
    let dir = scratch("per-source");
    let t0 = nines::model::parse_rfc3339_ms("2026-11-30T12:00:00Z").unwrap();
    // Runs every 5 minutes; chat's source answers 500 in the second run and 304 in the third.
    let run = Arc::new(AtomicUsize::new(0));
    let at = run.clone();
    let server = serve(move |request| {
        let k = at.load(Ordering::SeqCst);
        match (request.path.as_str(), k) {
            ("/mail.json", _) => Reply::json(one_service("mail", t0)),
            ("/chat.json", 1) => Reply::status(500),
            ("/chat.json", 2) if request.header("If-None-Match") == Some("\"c1\"") => {
                Reply::Full(304, Vec::new(), Vec::new())
            }
            ("/chat.json", _) => {
                Reply::Full(200, vec![("ETag".into(), "\"c1\"".into())], one_service("chat", t0).into_bytes())
            }
            _ => Reply::status(404),
        }
    });
    let config = config(
        &dir,
        &serde_json::json!({"format": "nines-config", "version": 1,
            "sources": [{"id": "m", "url": server.url("/mail.json")}, {"id": "c", "url": server.url("/chat.json")}],
            "collect": {"interval_s": 300, "retries": 0, "backoff_ms": 10, "timeout_ms": 5000}}),
    );
    let out = dir.join("out");
    for k in 0..3 {
        run.store(k, Ordering::SeqCst);
        let done = collect(&config, &out, t0 + k as i64 * 5 * MIN, &[], &[]);
        assert_eq!(done.status.success(), k != 1, "run {k}: {}", text(&done.stderr));
    }
    let h = history(&out);
    let own = |id: &str| h.service(id).and_then(|s| s.coverage.as_ref()).map(|c| c.spans().to_vec());
    let span = |from_min: i64, to_min: i64| Span::new(t0 + from_min * MIN, t0 + to_min * MIN);
    assert_eq!(own("mail"), Some(vec![span(-5, 10)]), "mail: observed in all three runs");
    assert_eq!(
        own("chat"),
        Some(vec![span(-5, 0), span(5, 10)]),
        "chat: its failed run is a gap; its 304 counts"
    );
    assert_eq!(
        h.coverage.spans(),
        &[span(-5, 0), span(5, 10)],
        "the folder's: runs where every source was read"
    );
    // The page's figures: over the last 15 minutes mail is known 15, chat 10.
    let window = span(-5, 10);
    let weights = nines::analysis::Weights::STRICT;
    let known = |id: &str| nines::analysis::availability(&h, id, None, window, &weights).counted_ms;
    assert_eq!((known("mail"), known("chat")), (15 * MIN, 10 * MIN), "counted minutes");
    // The index the page reads first carries the same.
    let index = native::parse(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap().snapshot;
    assert_eq!(
        index.service("chat").and_then(|s| s.coverage.clone()),
        Some(nines::model::Coverage::new(vec![span(-5, 0), span(5, 10)])),
        "index.json: chat's own coverage"
    );
}

#[test]
fn a_failing_source_mid_run_leaves_the_previous_data_intact() {
    for fault in [Fault::ServerError, Fault::Timeout, Fault::Truncated, Fault::Malformed] {
        let dir = scratch(&format!("fault-{fault:?}"));
        let failing = Arc::new(AtomicUsize::new(0));
        let is_failing = failing.clone();
        let good = rotating_feed::feed(0);
        // Another page: the same capture under other ids.
        let second = rotating_feed::feed(3).replace("emma0", "bmma0");
        let server =
            serve(move |request| match (request.path.as_str(), is_failing.load(Ordering::SeqCst) == 1) {
                ("/a.json", _) => Reply::json(good.clone()),
                ("/b.json", false) => Reply::json(second.clone()),
                ("/b.json", true) => match fault {
                    Fault::ServerError => Reply::status(500),
                    Fault::Timeout => {
                        Reply::After(Duration::from_millis(1500), Box::new(Reply::json(second.clone())))
                    }
                    Fault::Truncated => Reply::Truncated(second.clone().into_bytes(), 2000),
                    Fault::Malformed => Reply::json(format!("{}]", &second[..second.len() / 2])),
                },
                _ => Reply::status(404),
            });
        let config = config(
            &dir,
            &serde_json::json!({"format": "nines-config", "version": 1,
                "sources": [{"id": "a", "url": server.url("/a.json"), "format": "statuspage"},
                            {"id": "b", "url": server.url("/b.json"), "format": "statuspage"}],
                "collect": {"interval_s": 300, "retries": 2, "backoff_ms": 10, "timeout_ms": 500}}),
        );
        let out = dir.join("out");
        let first = collect(&config, &out, run_time(3), &[], &[]);
        assert!(first.status.success(), "{fault:?}: {}", text(&first.stderr));
        let before = history(&out);
        assert_eq!(before.incidents.len(), 100, "{fault:?}: 50 from each feed");

        failing.store(1, Ordering::SeqCst);
        let requests_before = server.requests().len();
        let run = collect(&config, &out, run_time(3) + 60 * MIN, &[], &[]);
        assert_eq!(run.status.code(), Some(1), "{fault:?}: the failure shows in the exit status");
        let stderr = text(&run.stderr);
        assert!(stderr.contains("source b: FAILED"), "{fault:?}: {stderr}");
        let after = history(&out);
        assert_eq!(after.incidents, before.incidents, "{fault:?}: the previous incidents intact");
        assert_eq!(after.coverage, before.coverage, "{fault:?}: the failed run covers nothing");
        // Source a was observed again; b's failed run adds no coverage to b's record.
        let state: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("state.json")).unwrap()).unwrap();
        assert_eq!(state["sources"]["a"]["coverage"].as_array().unwrap().len(), 2, "{fault:?}: a twice");
        assert_eq!(state["sources"]["b"]["coverage"].as_array().unwrap().len(), 1, "{fault:?}: b once");
        // No temporary or partial file is left; every file reads.
        for (path, bytes) in files(&out) {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            assert!(!name.starts_with('.'), "{fault:?}: left {name}");
            if name.ends_with(".json") {
                serde_json::from_slice::<serde_json::Value>(&bytes)
                    .unwrap_or_else(|e| panic!("{fault:?}: {name}: {e}"));
            } else {
                // The published files: the feed and the badges are XML, the reports text.
                let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{fault:?}: {name}: {e}"));
                if name.ends_with(".atom") || name.ends_with(".svg") {
                    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{fault:?}: {name}: {e}"));
                }
            }
        }
        let tries = server.requests().len() - requests_before;
        let want_tries = match fault {
            Fault::Malformed => 2, // a and b once: a body that is not a status file is not retried
            _ => 4,                // a once, b three times (two retries)
        };
        assert_eq!(tries, want_tries, "{fault:?}: requests");
    }
}

#[test]
fn a_corrupt_previous_file_is_moved_aside_never_overwritten() {
    let dir = scratch("corrupt");
    let server = serve(move |_| Reply::json(rotating_feed::feed(0)));
    let config = statuspage_config(&dir, &server.url("/incidents.json"));
    let out = dir.join("out");
    assert!(collect(&config, &out, run_time(0), &[], &[]).status.success());
    let shard = std::fs::read_dir(out.join("history")).unwrap().next().unwrap().unwrap().path();
    std::fs::write(&shard, b"{\"format\": \"nines\", truncated").unwrap();
    std::fs::write(out.join("index.json"), b"not json").unwrap();
    let run = collect(&config, &out, run_time(0) + MIN, &[], &[]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let stderr = text(&run.stderr);
    assert!(stderr.contains("moved aside"), "{stderr}");
    let names: Vec<String> =
        files(&out).iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    let aside: Vec<&String> = names.iter().filter(|n| n.contains(".corrupt-")).collect();
    assert_eq!(aside.len(), 2, "the shard and the index kept aside: {names:?}");
    assert!(files(&out).iter().any(|(_, b)| b == b"not json"), "the corrupt bytes kept as they were");
    assert_eq!(history(&out).incidents.len(), 50, "the feed still there");
}

#[test]
fn a_second_collector_on_a_locked_folder_stops() {
    let dir = scratch("lock");
    let server = serve(move |_| Reply::json(rotating_feed::feed(0)));
    let config = statuspage_config(&dir, &server.url("/incidents.json"));
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let held = std::fs::File::create(out.join(".lock")).unwrap();
    held.lock().unwrap();
    let run = collect(&config, &out, run_time(0), &[], &[]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("another nines collect is writing this folder"),
        "{}",
        text(&run.stderr)
    );
    assert!(!out.join("index.json").exists(), "nothing written");
    drop(held);
    assert!(collect(&config, &out, run_time(0), &[], &[]).status.success(), "free again");
}

#[test]
fn retention_drops_what_ended_before_it_and_removes_emptied_shards() {
    let dir = scratch("retention");
    let (server, run) = rotating_server();
    let out = dir.join("out");
    let keep_all = statuspage_config(&dir, &server.url("/incidents.json"));
    assert!(collect(&keep_all, &out, run_time(0), &[], &[]).status.success());
    let months_before = std::fs::read_dir(out.join("history")).unwrap().count();
    // The feed lists incidents a week apart; keep 60 days.
    run.store(1, Ordering::SeqCst);
    let keep_60 =
        config_with(&dir, &server.url("/incidents.json"), serde_json::json!({"retention_days": 60}));
    let output = collect(&keep_60, &out, run_time(1), &[], &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let h = history(&out);
    let cutoff = run_time(1) - 60 * 86_400_000;
    assert!(
        h.incidents.iter().all(|i| i.end_ms.is_none_or(|e| e >= cutoff)),
        "nothing ended before the cutoff"
    );
    // Run 1 is at week 55 (incident n is created at week n); 60 days back is week 46.43. Incident 46
    // lasted under two hours, so incidents 47..=54 remain.
    let ids: Vec<String> = h.incidents.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids, (47..=54).map(rotating_feed::id).collect::<Vec<_>>());
    assert!(text(&output.stdout).contains("(past the retention)"), "{}", text(&output.stdout));
    let months_after = std::fs::read_dir(out.join("history")).unwrap().count();
    assert!(months_after < months_before, "{months_before} shards, then {months_after}");
}
