//! Every message the error panel can show, word for word: one row per arm of `summary` and
//! `hint`, with the details line each row's error gives.

use super::*;

fn fetch(error: FetchError) -> AppError {
    AppError::Fetch(error)
}

fn ingest(error: IngestError) -> AppError {
    AppError::Ingest { source_url: "https://status.example.com/data.json".into(), error }
}

const FEED: &str = "https://feeds.example.net/ok.json";

#[test]
fn every_error_has_its_own_summary_hint_and_details() {
    // (label, error, summary, hint, details)
    let cases: Vec<(&str, AppError, &str, &str, &str)> = vec![
        (
            "refused by the URL rules",
            fetch(FetchError::NotAllowed {
                url: FEED.into(),
                reason: "https://feeds.example.net is another origin, and the config's allow_origins does not list it"
                    .into(),
            }),
            "This data source is not allowed.",
            "Use a relative URL or one on this site's own origin, or name the other origin in the \
             configuration's allow_origins (docs/config.md).",
            "https://feeds.example.net/ok.json is not allowed: https://feeds.example.net is another origin, \
             and the config's allow_origins does not list it",
        ),
        (
            "unreachable on another origin: CORS named",
            fetch(FetchError::Network { url: FEED.into(), message: "Failed to fetch".into(), cross_origin: true }),
            "The status data could not be fetched: the server is unreachable or refused this page (CORS).",
            "A server on another origin must send Access-Control-Allow-Origin for this page's origin; \
             otherwise publish a snapshot of the data next to the dashboard. Also check the URL.",
            "could not reach https://feeds.example.net/ok.json: Failed to fetch",
        ),
        (
            "unreachable on the page's origin",
            fetch(FetchError::Network {
                url: "https://status.example.com/data.json".into(),
                message: "Failed to fetch".into(),
                cross_origin: false,
            }),
            "The status data could not be fetched.",
            "Check your connection and that the dashboard's server is up.",
            "could not reach https://status.example.com/data.json: Failed to fetch",
        ),
        (
            "too slow",
            fetch(FetchError::Timeout { url: FEED.into(), after_s: 20 }),
            "The status data did not arrive within 20 seconds.",
            "The server is slow or the file is very large; try again, or publish a shorter history.",
            "https://feeds.example.net/ok.json did not answer within 20 s",
        ),
        (
            "cancelled",
            fetch(FetchError::Aborted { url: FEED.into() }),
            "Loading was cancelled.",
            "Reload the page to try again.",
            "the request for https://feeds.example.net/ok.json was cancelled",
        ),
        (
            "not found",
            fetch(FetchError::Http { url: FEED.into(), status: 404, status_text: "Not Found".into() }),
            "The status data could not be fetched (HTTP 404).",
            "Check that the file exists at that path next to the dashboard.",
            "https://feeds.example.net/ok.json answered HTTP 404 Not Found",
        ),
        (
            "any other status",
            fetch(FetchError::Http { url: FEED.into(), status: 503, status_text: "Service Unavailable".into() }),
            "The status data could not be fetched (HTTP 503).",
            "The server failed; try again later.",
            "https://feeds.example.net/ok.json answered HTTP 503 Service Unavailable",
        ),
        (
            "throttled, with the wait asked",
            fetch(FetchError::Throttled { url: FEED.into(), retry_after_s: Some(120) }),
            "The server is limiting requests (HTTP 429).",
            "Nothing to do: the next attempt waits as long as the server asked (Retry-After).",
            "https://feeds.example.net/ok.json answered HTTP 429 Too Many Requests and asked to wait 120 s",
        ),
        (
            "throttled, no wait asked",
            fetch(FetchError::Throttled { url: FEED.into(), retry_after_s: None }),
            "The server is limiting requests (HTTP 429).",
            "Nothing to do: the next attempts wait longer each time. A shorter refresh_s asks less often.",
            "https://feeds.example.net/ok.json answered HTTP 429 Too Many Requests",
        ),
        (
            "no one signed in",
            fetch(FetchError::SignInNeeded { url: FEED.into(), reason: "nobody is signed in".into() }),
            "Sign in to see this data.",
            "Use the sign-in button at the top of the page; the configuration names the provider \
             (docs/microsoft365.md).",
            "https://feeds.example.net/ok.json needs a signed-in user: nobody is signed in",
        ),
        (
            "a permission missing",
            fetch(FetchError::Forbidden {
                url: FEED.into(),
                message: "Insufficient privileges to complete the operation. (Authorization_RequestDenied)".into(),
                permission: "https://graph.microsoft.com/ServiceHealth.Read.All".into(),
                consent_url: None,
            }),
            "The signed-in account may not read this data: it needs the permission \
             https://graph.microsoft.com/ServiceHealth.Read.All.",
            "An administrator grants the permission once for the whole tenant (admin consent), with \
             the link below or as docs/microsoft365.md describes.",
            "https://feeds.example.net/ok.json answered HTTP 403: Insufficient privileges to complete the \
             operation. (Authorization_RequestDenied)",
        ),
        (
            "no licence",
            fetch(FetchError::NotLicensed { url: FEED.into(), status: 403, message: "No license (Forbidden)".into() }),
            "This tenant's subscription does not include this data.",
            "Service health needs a Microsoft 365 or Office 365 subscription in the tenant; sign in \
             with an account of a tenant that has one.",
            "https://feeds.example.net/ok.json answered HTTP 403: No license (Forbidden)",
        ),
        (
            "too large",
            ingest(IngestError::TooLarge { bytes: 300_000_000, limit: 268_435_456 }),
            "The status data could not be read.",
            "Publish a shorter history, a coarser step or fewer services.",
            "https://status.example.com/data.json: input is 300000000 bytes; the limit is 268435456 bytes",
        ),
        (
            "too many samples",
            ingest(IngestError::TooMany { what: "samples", count: 60_000_000, limit: 50_000_000 }),
            "The status data could not be read.",
            "Publish a shorter history, a coarser step or fewer services.",
            "https://status.example.com/data.json: 60000000 samples; the limit is 50000000",
        ),
        (
            "the parse worker stopped",
            ingest(IngestError::Stopped { reason: "it did not finish within 21 s".into() }),
            "The status data could not be read.",
            "The file may be too large or too intricate for this browser: publish a shorter history, \
             or check the file with `nines check FILE`.",
            "https://status.example.com/data.json: reading stopped before the end: it did not finish \
             within 21 s",
        ),
        (
            "not JSON",
            ingest(IngestError::NotJson { line: 2, column: 17, message: "expected `:`".into() }),
            "The status data could not be read.",
            "The file must be JSON; check it at the line and column shown.",
            "https://status.example.com/data.json: not valid JSON at line 2, column 17: expected `:`",
        ),
        (
            "no format claims it",
            ingest(IngestError::UnknownFormat("expected one of: nines, statuspage".into())),
            "The status data could not be read.",
            "Nines reads Statuspage, Prometheus, Upptime, Microsoft 365 service health, Google Cloud \
             status, Gatus, Uptime Kuma and its own format (docs/format.md); check the URL points at one.",
            "https://status.example.com/data.json: unrecognised status format: expected one of: nines, statuspage",
        ),
        (
            "a later version",
            ingest(IngestError::UnsupportedVersion { format: "nines", found: "2".into(), supported: 1 }),
            "The status data could not be read.",
            "Convert the file with `nines convert FILE --to nines`.",
            "https://status.example.com/data.json: unsupported nines version 2; this build reads version 1",
        ),
        (
            "an invalid field",
            ingest(IngestError::Invalid { path: "as_of".into(), message: "\"soon\" is not an RFC 3339 time".into() }),
            "The status data could not be read.",
            "Fix the field named in the details.",
            "https://status.example.com/data.json: as_of: \"soon\" is not an RFC 3339 time",
        ),
        (
            "the config",
            AppError::Config { url: "config.json".into(), message: "sources[0].url: missing".into() },
            "The dashboard's configuration could not be read.",
            "Fix the configuration at the place named in the details (docs/config.md describes every field).",
            "the configuration config.json could not be read: sources[0].url: missing",
        ),
        (
            "the address",
            AppError::Query("`source` parameter 2 is empty".into()),
            "The address names its sources wrongly.",
            "Give each `source` parameter a URL, at most 16 of them.",
            "the address names its sources wrongly: `source` parameter 2 is empty",
        ),
    ];
    for (label, error, summary, hint, details) in cases {
        assert_eq!(error.summary(), summary, "{label}: summary");
        assert_eq!(error.hint(), hint, "{label}: hint");
        assert_eq!(error.details(), details, "{label}: details");
    }
}

#[test]
fn a_fetch_error_becomes_an_app_error_unchanged() {
    let error = FetchError::Timeout { url: FEED.into(), after_s: 20 };
    let app: AppError = error.clone().into();
    assert!(matches!(&app, AppError::Fetch(inner) if *inner == error), "wrapped as is: {app:?}");
}

#[test]
fn a_missing_permission_links_to_admin_consent() {
    let consent = "https://login.microsoftonline.com/contoso/adminconsent?client_id=abc";
    let error = AppError::Fetch(FetchError::Forbidden {
        url: FEED.into(),
        message: "denied".into(),
        permission: "ServiceHealth.Read.All".into(),
        consent_url: Some(consent.into()),
    });
    assert_eq!(error.help_link(), Some(("Grant admin consent for the tenant", consent)));
    assert_eq!(AppError::Fetch(FetchError::Aborted { url: FEED.into() }).help_link(), None);
}
