//! The sources' bookkeeping step by step on two tiny hand-written snapshots, with every
//! expectation worked out by hand on 2026-11-19 (UTC).

use super::*;
use crate::model::MS_PER_HOUR;
use crate::state::refresh::DataOrigin;

/// 2026-11-19T00:00:00Z.
const NOV_19: TimeMs = 1_795_046_400_000;
const S: i64 = 1000;
/// 2026-11-19T14:00:00Z, when the first attempts finish.
const T0: TimeMs = NOV_19 + 14 * MS_PER_HOUR;
/// The copy kept in the browser was saved the day before, at 09:30.
const SAVED: TimeMs = NOV_19 - 24 * MS_PER_HOUR + 9 * MS_PER_HOUR + 30 * 60 * S;

const PAGE: &str = "https://status.example.com/nines/";

/// Alpha: service `api`, and an incident that ends before it starts (one issue).
const ALPHA: &str = r#"{"format": "nines", "version": 1, "title": "Alpha", "as_of": "2026-11-19T00:00:00Z",
 "coverage": {"start": "2026-11-18T00:00:00Z", "end": "2026-11-19T00:00:00Z"},
 "services": [{"id": "api", "name": "API"}],
 "incidents": [{"id": "1", "title": "backwards", "impact": "major", "status": "resolved", "services": ["api"],
   "start": "2026-11-18T10:00:00Z", "end": "2026-11-18T09:00:00Z"}]}"#;

/// Beta: services `api` (also Alpha's: renamed on merge) and `web`.
const BETA: &str = r#"{"format": "nines", "version": 1, "title": "Beta", "as_of": "2026-11-19T00:00:00Z",
 "coverage": {"start": "2026-11-18T00:00:00Z", "end": "2026-11-19T00:00:00Z"},
 "services": [{"id": "api", "name": "API"}, {"id": "web", "name": "Web"}]}"#;

/// Two sources, one on the page's origin and one allowlisted elsewhere, refreshed every minute.
const TWO_SOURCES: &str = r#"{"format": "nines-config", "version": 1, "title": "Two sources",
 "logo_url": "img/logo.svg", "links": [{"label": "Support", "url": "https://support.example.com/"}],
 "allow_origins": ["https://feeds.example.net"], "weights": "statuspage",
 "sources": [
   {"id": "a", "label": "Alpha", "url": "data/a.json", "refresh_s": 60},
   {"id": "b", "label": "Beta", "url": "https://feeds.example.net/b.json", "refresh_s": 60}
 ]}"#;

const ALPHA_URL: &str = "https://status.example.com/nines/data/a.json";
const BETA_URL: &str = "https://feeds.example.net/b.json";

fn parsed(text: &str) -> Parsed {
    crate::ingest::parse(text, None).expect("fixture reads")
}

fn config(text: &str) -> (DashboardConfig, Vec<Issue>) {
    config::parse_config(text).expect("config reads")
}

/// The slots of `TWO_SOURCES` on `PAGE`, with `query`.
fn two_sources(query: &str) -> Slots {
    let (config, issues) = config(TWO_SOURCES);
    Slots::new(Some(config), issues, query, PAGE).expect("both sources allowed")
}

fn http_500(url: &str) -> Rc<AppError> {
    Rc::new(AppError::Fetch(FetchError::Http {
        url: url.into(),
        status: 500,
        status_text: "Internal Server Error".into(),
    }))
}

fn loaded(published: Published) -> Rc<Loaded> {
    match published {
        Published::Loaded(loaded) => loaded,
        Published::Failed(error) => panic!("expected a view, got the error {error:?}"),
    }
}

fn service_ids(slot: &Slot) -> Vec<&str> {
    slot.parsed
        .as_ref()
        .map(|p| p.snapshot.services.iter().map(|s| s.id.as_str()).collect())
        .unwrap_or_default()
}

const HTTP_500: &str = "The status data could not be fetched (HTTP 500).";

/// Each slot's id, label, checked URL and whether it is on another origin.
fn slot_rows(slots: &Slots) -> Vec<(&str, &str, &str, bool)> {
    slots
        .iter()
        .map(|s| (s.config.id.as_str(), s.config.label.as_str(), s.url.as_str(), s.cross_origin))
        .collect()
}

#[test]
fn the_sources_come_from_the_query_else_the_config_else_the_demo() {
    let slots = Slots::new(None, Vec::new(), "", PAGE).expect("the demo is allowed");
    let got = slot_rows(&slots);
    assert_eq!(
        got,
        [("demo", "data/demo.json", "https://status.example.com/nines/data/demo.json", false)],
        "demo"
    );

    let slots = two_sources("");
    let got: Vec<(&str, &str, bool)> =
        slots.iter().map(|s| (s.config.id.as_str(), s.url.as_str(), s.cross_origin)).collect();
    assert_eq!(
        got,
        [("a", ALPHA_URL, false), ("b", BETA_URL, true)],
        "the config's, the second cross-origin"
    );

    let slots = two_sources("?source=data%2Fa.json");
    let got: Vec<(&str, &str, Option<u32>)> =
        slots.iter().map(|s| (s.config.label.as_str(), s.url.as_str(), s.config.refresh_s)).collect();
    assert_eq!(got, [("Alpha", ALPHA_URL, Some(60))], "the query's, with the config's settings for its URL");

    // (label, query, the error's details)
    let refused = [
        (
            "another site",
            "?source=data%2Fa.json&source=https%3A%2F%2Fevil.example%2Fx.json",
            "https://evil.example/x.json is not allowed: https://evil.example is another origin, and the \
             config's allow_origins does not list it",
        ),
        (
            "an empty source",
            "?source=",
            "the address names its sources wrongly: `source` parameter 1 is empty",
        ),
    ];
    for (label, query, want) in refused {
        let (config, issues) = config(TWO_SOURCES);
        let error = Slots::new(Some(config), issues, query, PAGE).expect_err(label);
        assert_eq!(error.details(), want, "{label}");
    }
}

#[test]
fn a_success_then_a_failure_keeps_the_data_and_marks_it_stale() {
    let mut slots = two_sources("?source=data%2Fa.json");
    assert_eq!(slots.succeeded(0, parsed(ALPHA), T0), Some(ALPHA_URL), "kept under its checked URL");
    let want = SourceStatus {
        last_success_ms: Some(T0),
        next_attempt_ms: Some(T0 + 60 * S),
        origin_of_data: DataOrigin::Live,
        ..SourceStatus::default()
    };
    assert_eq!(slots.get(0).map(|s| &s.status), Some(&want), "live, next in a minute");
    assert_eq!(slots.cache_fallback_url(0), None, "it has data: no cached copy wanted");

    // A minute later the refresh fails; the copy offered is not used, the data stays.
    let t1 = T0 + 60 * S;
    slots.failed(0, http_500(ALPHA_URL), Some((parsed(BETA), SAVED)), t1, 0.0);
    let slot = slots.get(0).expect("one slot");
    assert_eq!(service_ids(slot), ["api"], "Alpha's data kept");
    let want = SourceStatus {
        last_success_ms: Some(T0),
        last_error: Some((t1, HTTP_500.into())),
        failures_in_a_row: 1,
        // Half of the 60 s ceiling with no jitter.
        next_attempt_ms: Some(t1 + 30 * S),
        origin_of_data: DataOrigin::Live,
        paused: false,
    };
    assert_eq!(slot.status, want, "one failure, retry in 30 s");
    assert_eq!(slot.status.stale_since(t1, Some(60)), Some(T0), "stale since the last success");

    let view = loaded(slots.publish(t1, PAGE));
    let source = view.sources.first().expect("one source");
    let got = (source.cached, source.error.as_deref(), source.format, source.published_ms);
    assert_eq!(got, (false, None, Some("nines"), t1), "live data, no error line while it has data");
    assert_eq!(
        source.banner(0).as_deref(),
        Some(
            "Showing data from 14:00 UTC; the last refresh of Alpha failed at 14:01 UTC \
             (The status data could not be fetched (HTTP 500).). Retrying at 14:01:30 UTC."
        ),
        "the stale banner"
    );

    // It recovers: the error is gone, the data current.
    slots.succeeded(0, parsed(ALPHA), t1 + 30 * S);
    let slot = slots.get(0).expect("one slot");
    assert_eq!((slot.status.failures_in_a_row, slot.error.is_none()), (0, true), "recovered");
    assert_eq!(slot.status.stale_since(t1 + 30 * S, Some(60)), None, "current again");
}

#[test]
fn a_failure_before_any_data_falls_back_to_the_cached_copy() {
    let mut slots = two_sources("?source=data%2Fa.json");
    assert_eq!(
        slots.cache_fallback_url(0),
        Some(ALPHA_URL),
        "no data yet: the copy kept under its URL is wanted"
    );
    slots.failed(0, http_500(ALPHA_URL), Some((parsed(ALPHA), SAVED)), T0, 0.5);
    let slot = slots.get(0).expect("one slot");
    assert_eq!(service_ids(slot), ["api"], "the cached copy shows");
    let want = SourceStatus {
        last_error: Some((T0, HTTP_500.into())),
        failures_in_a_row: 1,
        // 30 s + half jitter × 30 s.
        next_attempt_ms: Some(T0 + 45 * S),
        origin_of_data: DataOrigin::Cached { saved_ms: SAVED },
        ..SourceStatus::default()
    };
    assert_eq!(slot.status, want, "cached, retrying in 45 s");
    assert_eq!(slots.cache_fallback_url(0), None, "once it shows a copy no other is wanted");

    let view = loaded(slots.publish(T0, PAGE));
    let source = view.sources.first().expect("one source");
    assert_eq!((source.cached, source.error.as_deref()), (true, None), "marked cached");
    assert_eq!(
        source.banner(0).as_deref(),
        Some(
            "Showing cached data saved at 2026-11-18 09:30 UTC because Alpha could not be reached \
             (The status data could not be fetched (HTTP 500).). Retrying at 14:00:45 UTC."
        ),
        "the cached banner"
    );

    // Live data replaces the copy.
    slots.succeeded(0, parsed(ALPHA), T0 + 45 * S);
    let view = loaded(slots.publish(T0 + 45 * S, PAGE));
    let source = view.sources.first().expect("one source");
    assert_eq!((source.cached, source.status.origin_of_data), (false, DataOrigin::Live), "live now");
}

#[test]
fn with_no_data_and_no_cached_copy_the_first_error_is_published() {
    let mut slots = two_sources("");
    assert!(matches!(slots.publish(T0, PAGE), Published::Failed(None)), "nothing tried yet: nothing to say");

    slots.failed(1, http_500(BETA_URL), None, T0, 0.0);
    let network = Rc::new(AppError::Fetch(FetchError::Network {
        url: ALPHA_URL.into(),
        message: "Failed to fetch".into(),
        cross_origin: false,
    }));
    slots.failed(0, network.clone(), None, T0, 0.0);
    assert_eq!(slots.get(0).map(|s| s.parsed.is_none()), Some(true), "no data");
    match slots.publish(T0, PAGE) {
        Published::Failed(Some(error)) => {
            assert!(
                Rc::ptr_eq(&error, &network),
                "the first source's error, not the first to fail: {error:?}"
            )
        }
        other => panic!("expected the first error, got {other:?}"),
    }
}

#[test]
fn two_sources_merge_with_labels_on_issues_and_services() {
    let mut slots = two_sources("");
    slots.succeeded(0, parsed(ALPHA), T0);
    let cors = Rc::new(AppError::Fetch(FetchError::Network {
        url: BETA_URL.into(),
        message: "Failed to fetch".into(),
        cross_origin: true,
    }));
    slots.failed(1, cors, None, T0, 0.0);

    // Beta down: Alpha alone, Beta listed with why it has no data.
    let view = loaded(slots.publish(T0, PAGE));
    let got: Vec<(&str, Option<&str>, Option<&str>)> =
        view.sources.iter().map(|s| (s.label.as_str(), s.format, s.error.as_deref())).collect();
    let cors_summary =
        "The status data could not be fetched: the server is unreachable or refused this page (CORS).";
    assert_eq!(got, [("Alpha", Some("nines"), None), ("Beta", None, Some(cors_summary))], "Beta has no data");
    assert!(view.service_sources.is_empty(), "one source merged: no per-service labels");

    // Beta back: both merged, the config applied.
    slots.succeeded(1, parsed(BETA), T0 + 30 * S);
    let view = loaded(slots.publish(T0 + 30 * S, PAGE));
    let issues: Vec<(&str, &str)> =
        view.issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
    assert_eq!(
        issues,
        [
            (
                "Alpha: incidents[0].end",
                "2026-11-18T09:00:00Z is before the start 2026-11-18T10:00:00Z; clamped to the start"
            ),
            ("sources[1]", "service \"api\" is also in source \"a\"; renamed \"b:api\""),
        ],
        "the source's issue under its label, then the merge's"
    );
    let service_sources: Vec<(&str, &str)> =
        view.service_sources.iter().map(|(id, label)| (id.as_str(), label.as_str())).collect();
    assert_eq!(
        service_sources,
        [("api", "Alpha"), ("b:api", "Beta"), ("web", "Beta")],
        "each service's source"
    );
    assert_eq!(view.snapshot.title, "Two sources", "the config's title");
    assert_eq!(view.weights, Weights::STATUSPAGE, "the config's weights");
    assert_eq!(
        view.logo_url.as_deref(),
        Some("https://status.example.com/nines/img/logo.svg"),
        "logo checked"
    );
    assert_eq!(view.links, [("Support".to_string(), "https://support.example.com/".to_string())], "links");
    let got: Vec<(&str, &str, Option<&str>, Option<u32>)> = view
        .sources
        .iter()
        .map(|s| (s.label.as_str(), s.url.as_str(), s.error.as_deref(), s.refresh_s))
        .collect();
    assert_eq!(
        got,
        [("Alpha", ALPHA_URL, None, Some(60)), ("Beta", BETA_URL, None, Some(60))],
        "both sources"
    );
}

#[test]
fn a_local_file_replaces_the_sources_and_the_next_one_joins() {
    let mut slots = two_sources("");
    slots.succeeded(0, parsed(ALPHA), T0);
    assert!(slots.add_local("mine.json", parsed(BETA), T0 + S), "the first replaces");
    assert!(!slots.add_local("mine.json", parsed(ALPHA), T0 + 2 * S), "the second joins");
    assert!(!slots.add_local("other.json", parsed(ALPHA), T0 + 3 * S), "so does the third");
    let got = slot_rows(&slots);
    assert_eq!(
        got,
        [
            ("mine", "mine.json (local file)", "local file mine.json", false),
            ("mine-2", "mine.json (local file)", "local file mine.json", false),
            ("other", "other.json (local file)", "local file other.json", false),
        ],
        "the configured sources gone, a taken id made unique"
    );
    let want = SourceStatus {
        last_success_ms: Some(T0 + S),
        origin_of_data: DataOrigin::Live,
        ..SourceStatus::default()
    };
    assert_eq!(slots.get(0).map(|s| &s.status), Some(&want), "live, never refreshed");

    let view = loaded(slots.publish(T0 + 3 * S, PAGE));
    let service_sources: Vec<(&str, &str)> =
        view.service_sources.iter().map(|(id, label)| (id.as_str(), label.as_str())).collect();
    assert_eq!(
        service_sources,
        [
            ("api", "mine.json (local file)"),
            ("mine-2:api", "mine.json (local file)"),
            ("other:api", "other.json (local file)"),
            ("web", "mine.json (local file)"),
        ],
        "the files merged like sources"
    );
}

#[test]
fn hiding_the_tab_pauses_every_source_and_showing_it_makes_the_overdue_ones_due() {
    let mut slots = two_sources("");
    slots.succeeded(0, parsed(ALPHA), T0);
    slots.succeeded(1, parsed(BETA), T0 + 90 * S);
    slots.set_hidden(true, T0 + 100 * S);
    assert!(slots.is_hidden(), "hidden");
    let got: Vec<(bool, bool)> =
        slots.iter().map(|s| (s.status.paused, s.status.is_due(T0 + 120 * S))).collect();
    assert_eq!(got, [(true, false), (true, false)], "paused: nothing due, even Alpha's overdue refresh");

    slots.set_hidden(false, T0 + 120 * S);
    assert!(!slots.is_hidden(), "shown");
    let got: Vec<(bool, Option<TimeMs>)> =
        slots.iter().map(|s| (s.status.paused, s.status.next_attempt_ms)).collect();
    assert_eq!(
        got,
        [(false, Some(T0 + 120 * S)), (false, Some(T0 + 150 * S))],
        "Alpha (due at +60 s) is due now; Beta keeps its time"
    );
}

#[test]
fn a_preview_shows_only_while_a_source_has_no_data_and_leaves_its_status() {
    let mut slots = two_sources("?source=data%2Fa.json");
    assert!(slots.preview(0, parsed(BETA)), "no data yet: the preview is shown");
    let slot = slots.get(0).expect("one slot");
    assert_eq!(service_ids(slot), ["api", "web"], "the preview's services");
    assert_eq!(slot.status, SourceStatus::default(), "no success recorded by a preview");
    let view = loaded(slots.publish(T0, PAGE));
    assert_eq!(view.snapshot.services.len(), 2, "published");
    // The whole arrives, then a refresh's preview never replaces it.
    slots.succeeded(0, parsed(ALPHA), T0);
    assert!(!slots.preview(0, parsed(BETA)), "it has data: no preview");
    assert_eq!(service_ids(slots.get(0).expect("one slot")), ["api"], "the whole kept");
    assert!(!slots.preview(7, parsed(BETA)), "no such source");
}

#[test]
fn a_redirect_may_land_only_where_the_sources_may_be_asked() {
    let slots = two_sources("");
    assert_eq!(slots.may_land(PAGE, "https://status.example.com/elsewhere/b.json"), Ok(()), "own origin");
    assert_eq!(slots.may_land(PAGE, "https://feeds.example.net/moved.json"), Ok(()), "allowed origin");
    assert_eq!(
        slots.may_land(PAGE, "https://evil.example/b.json"),
        Err("https://evil.example is another origin, and the config's allow_origins does not list it".into()),
        "another origin"
    );
    assert!(slots.may_land(PAGE, "javascript:alert(1)").is_err(), "not http");
    let none = Slots::new(None, Vec::new(), "", PAGE).expect("the demo is allowed");
    assert!(
        none.may_land(PAGE, "https://feeds.example.net/moved.json").is_err(),
        "no config: own origin only"
    );
}

#[test]
fn a_429_with_retry_after_is_tried_again_when_the_server_asked_not_by_backoff() {
    let mut slots = two_sources("");
    let throttled = |retry_after_s| {
        Rc::new(AppError::Fetch(FetchError::Throttled { url: BETA_URL.into(), retry_after_s }))
    };
    // Refreshed every 60 s, a first failure backs off 30 to 60 s; the server asked for 12 s.
    slots.failed(1, throttled(Some(12)), None, T0, 1.0);
    assert_eq!(slots.get(1).unwrap().status.next_attempt_ms, Some(T0 + 12 * S));
    // Less than the shortest wait is raised to it; more than the longest is cut to it.
    slots.failed(1, throttled(Some(1)), None, T0, 1.0);
    assert_eq!(slots.get(1).unwrap().status.next_attempt_ms, Some(T0 + 5 * S));
    slots.failed(1, throttled(Some(86_400)), None, T0, 1.0);
    assert_eq!(slots.get(1).unwrap().status.next_attempt_ms, Some(T0 + 15 * 60 * S));
    // Without Retry-After the backoff decides: third failure in a row, ceiling 4 × 60 s, jitter 1.
    slots.failed(1, throttled(None), None, T0, 1.0);
    assert_eq!(slots.get(1).unwrap().status.next_attempt_ms, Some(T0 + 480 * S));
}

#[test]
fn an_answer_the_browser_could_not_keep_is_an_issue_until_one_is_kept() {
    let mut slots = two_sources("");
    slots.succeeded(0, parsed(ALPHA), T0);
    let issue_paths = |slots: &Slots| -> Vec<String> {
        loaded(slots.publish(T0, PAGE)).issues.iter().map(|i| i.to_string()).collect()
    };
    let before = issue_paths(&slots);
    let full = Some("the browser's storage for this site is full (QuotaExceededError)".to_string());
    assert!(!slots.kept(0, BETA_URL, full.clone()), "another source's URL: a stale report");
    assert!(!slots.kept(7, ALPHA_URL, full.clone()), "no such source");
    assert!(slots.kept(0, ALPHA_URL, full.clone()), "news");
    assert!(!slots.kept(0, ALPHA_URL, full), "the same again changes nothing");
    let after = issue_paths(&slots);
    assert_eq!(after.len(), before.len() + 1, "one more issue");
    assert_eq!(
        after.last().map(String::as_str),
        Some(
            "Alpha: the copy in this browser: not updated: the browser's storage for this site is full \
             (QuotaExceededError); after a reload while the source is down, the page shows an older \
             copy or none"
        )
    );
    assert!(slots.kept(0, ALPHA_URL, None), "kept at last");
    assert_eq!(issue_paths(&slots), before, "the issue is gone");
}

#[test]
fn data_dated_after_the_pages_clock_is_an_issue_beyond_five_minutes_of_skew() {
    let mut slots = two_sources("");
    slots.succeeded(0, parsed(ALPHA), T0);
    let clock_issues = |now_ms: TimeMs| -> Vec<String> {
        let issues = loaded(slots.publish(now_ms, PAGE)).issues.clone();
        issues.iter().map(ToString::to_string).filter(|i| i.contains("as_of")).collect()
    };
    assert_eq!(clock_issues(NOV_19 - 4 * 60 * S), Vec::<String>::new(), "4 minutes ahead: skew");
    assert_eq!(
        clock_issues(NOV_19 - MS_PER_HOUR),
        ["Alpha: as_of: 2026-11-19T00:00:00Z is 1 h after this clock's 2026-11-18T23:00:00Z: one of the \
          clocks is wrong, and the figures end at the data's as-of"],
        "an hour ahead"
    );
    assert_eq!(clock_issues(T0), Vec::<String>::new(), "in the past: nothing to say");
}
