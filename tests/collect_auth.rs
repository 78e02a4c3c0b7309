//! Credentials for `nines collect`: taken from the environment variables the config names, sent
//! to servers that refuse requests without them, and never written to any output file.
#![cfg(not(target_arch = "wasm32"))] // loopback servers and a native binary
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

#[path = "support/collect_run.rs"]
mod collect_run;
#[path = "support/http_server.rs"]
mod http_server;

use collect_run::{collect, config, files, history, scratch, text};
use http_server::{serve, Reply, Server};

const T0: i64 = 1_798_761_600_000; // 2027-01-01T00:00:00Z

/// A config whose one source, `source` (JSON members), reads Graph on `server` with app-only
/// credentials from the variables M365_TENANT, M365_CLIENT and M365_SECRET.
fn graph_config(server: &Server, mut source: serde_json::Value) -> serde_json::Value {
    source["id"] = "m365".into();
    source["auth"] = serde_json::json!({"msgraph": {"tenant_env": "M365_TENANT", "client_id_env": "M365_CLIENT",
        "client_secret_env": "M365_SECRET", "token_url": server.url("/{tenant}/oauth2/v2.0/token")}});
    serde_json::json!({"format": "nines-config", "version": 1, "sources": [source], "collect": {"retries": 0}})
}

/// No file under `out` holds any of `secrets`.
fn assert_no_secret(out: &Path, secrets: &[&str]) {
    for (path, bytes) in files(out) {
        let content = String::from_utf8_lossy(&bytes);
        for secret in secrets {
            assert!(!content.contains(secret), "{} holds a secret", path.display());
        }
    }
}

#[test]
fn bearer_and_basic_headers_come_from_the_environment() {
    let dir = scratch("bearer");
    let prometheus = include_str!("fixtures/prometheus/SYNTHETIC_grafana_range_nan.json");
    let statuspage = include_str!("fixtures/statuspage/github_incident_minimal.json");
    let server = serve(move |request| match (request.path.as_str(), request.header("Authorization")) {
        ("/prom.json", Some("Bearer s3cret-token")) => Reply::json(prometheus),
        ("/status.json", Some("Basic dXNlcjpwQHNz")) => Reply::json(statuspage), // user:p@ss
        _ => Reply::status(401),
    });
    let config = config(
        &dir,
        &serde_json::json!({"format": "nines-config", "version": 1,
            "sources": [
                {"id": "prom", "url": server.url("/prom.json"), "format": "prometheus", "auth": {"bearer_env": "PROM_TOKEN"}},
                {"id": "status", "url": server.url("/status.json"), "format": "statuspage",
                 "auth": {"basic_user_env": "STATUS_USER", "basic_password_env": "STATUS_PASSWORD"}}],
            "collect": {"retries": 0}}),
    );
    let out = dir.join("out");
    let env = [("PROM_TOKEN", "s3cret-token"), ("STATUS_USER", "user"), ("STATUS_PASSWORD", "p@ss")];
    let run = collect(&config, &out, T0, &[], &env);
    assert!(run.status.success(), "{}{}", text(&run.stdout), text(&run.stderr));
    let h = history(&out);
    assert_eq!(h.series.iter().map(|s| s.samples.len()).sum::<usize>(), 3, "the Prometheus series read");
    assert_eq!(h.incidents.len(), 1, "the Statuspage incident read");
    assert_no_secret(&out, &["s3cret-token", "p@ss", "dXNlcjpwQHNz"]);

    // Without the variable the source fails, naming the variable and not a value.
    let missing = collect(&config, &dir.join("missing"), T0, &[], &env[1..]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stderr).contains("the environment variable PROM_TOKEN is not set"),
        "{}",
        text(&missing.stderr)
    );
    // A wrong token gets the server's 401, which is not retried.
    let before = server.requests().len();
    let wrong = collect(&config, &dir.join("wrong"), T0, &[], &[("PROM_TOKEN", "nope"), env[1], env[2]]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stderr).contains("HTTP 401"), "{}", text(&wrong.stderr));
    assert_eq!(server.requests().len() - before, 2, "one request per source");
}

#[test]
fn graph_app_only_token_and_every_page() {
    let dir = scratch("graph");
    let page1 = include_str!("fixtures/msgraph/graphdocs_list-issues_EX226792.json");
    let server = serve(move |request| {
        let authorised = request.header("Authorization") == Some("Bearer graph-token-42");
        match (request.method.as_str(), request.path.as_str()) {
            ("POST", "/tenant-1/oauth2/v2.0/token") => {
                let form = &request.body;
                let good = ["grant_type=client_credentials", "client_id=app-1", "client_secret=shh%26more"]
                    .iter()
                    .all(|field| form.split('&').any(|f| f == *field))
                    && form.contains("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
                if good {
                    Reply::json(
                        r#"{"token_type": "Bearer", "expires_in": 3599, "access_token": "graph-token-42"}"#,
                    )
                } else {
                    Reply::status(401)
                }
            }
            (_, "/v1.0/admin/serviceAnnouncement/issues") if authorised => {
                // The real first page, its next link on this server.
                Reply::json(page1.replace(
                    "https://graph.microsoft.com",
                    &format!("http://{}", request.header("Host").unwrap()),
                ))
            }
            (_, "/v1.0/admin/serviceAnnouncement/issues?$skip=100") if authorised => {
                // The last page: the same issue under another id, no next link.
                let value: serde_json::Value = serde_json::from_str(page1).unwrap();
                let mut issue = value["value"][0].clone();
                issue["id"] = "EX226793".into();
                Reply::json(serde_json::json!({"value": [issue]}).to_string())
            }
            _ => Reply::status(401),
        }
    });
    let config = config(
        &dir,
        &graph_config(
            &server,
            serde_json::json!({"url": server.url("/v1.0/admin/serviceAnnouncement/issues"), "format": "msgraph"}),
        ),
    );
    let out = dir.join("out");
    let env = [("M365_TENANT", "tenant-1"), ("M365_CLIENT", "app-1"), ("M365_SECRET", "shh&more")];
    let run = collect(&config, &out, T0, &[], &env);
    assert!(run.status.success(), "{}{}", text(&run.stdout), text(&run.stderr));
    let ids: Vec<String> = history(&out).incidents.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids, ["EX226792", "EX226793"], "both pages");
    let paths: Vec<String> = server.requests().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    assert_eq!(
        paths,
        [
            "POST /tenant-1/oauth2/v2.0/token",
            "GET /v1.0/admin/serviceAnnouncement/issues",
            "GET /v1.0/admin/serviceAnnouncement/issues?$skip=100"
        ]
    );
    assert_no_secret(&out, &["graph-token-42", "shh&more", "app-1"]);

    // A wrong secret: the token endpoint refuses, the source fails, nothing is written for it.
    let refused =
        collect(&config, &dir.join("refused"), T0, &[], &[env[0], env[1], ("M365_SECRET", "guess")]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("token request") && text(&refused.stderr).contains("HTTP 401"),
        "{}",
        text(&refused.stderr)
    );
}

#[test]
fn a_graph_next_link_to_another_origin_is_never_sent_the_token() {
    let dir = scratch("graph-foreign-next");
    // The attacker's server: a next link that leads here must never be asked.
    let foreign = serve(|_| Reply::json(r#"{"value": []}"#));
    let foreign_next = foreign.url("/v1.0/admin/serviceAnnouncement/issues?$skip=100");
    let page1 = include_str!("fixtures/msgraph/graphdocs_list-issues_EX226792.json").replace(
        "https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?$skip=100",
        &foreign_next,
    );
    let server = serve(move |request| match (request.method.as_str(), request.path.as_str()) {
        ("POST", "/tenant-1/oauth2/v2.0/token") => {
            Reply::json(r#"{"token_type": "Bearer", "expires_in": 3599, "access_token": "graph-token-42"}"#)
        }
        (_, "/v1.0/admin/serviceAnnouncement/issues") => Reply::json(page1.clone()),
        _ => Reply::status(404),
    });
    let config = config(
        &dir,
        &graph_config(
            &server,
            serde_json::json!({"url": server.url("/v1.0/admin/serviceAnnouncement/issues"), "format": "msgraph"}),
        ),
    );
    let env = [("M365_TENANT", "tenant-1"), ("M365_CLIENT", "app-1"), ("M365_SECRET", "s")];
    let run = collect(&config, &dir.join("out"), T0, &[], &env);
    assert_eq!(run.status.code(), Some(1), "the source fails: {}", text(&run.stderr));
    assert!(text(&run.stderr).contains("the next page is on another origin"), "{}", text(&run.stderr));
    assert!(foreign.requests().is_empty(), "the token went to {:?}", foreign.requests());
}

#[test]
fn a_microsoft365_source_reads_both_collections_with_app_only_credentials() {
    let dir = scratch("graph-m365");
    // The demo's MO1221364 in Graph's shapes: overviews in two pages, then the issues.
    let items: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/msgraph/constructed_mo1221364.json")).unwrap();
    let (overviews, issues): (Vec<_>, Vec<_>) =
        items.into_iter().partition(|i| i.get("startDateTime").is_none());
    let server = serve(move |request| {
        let host = format!("http://{}", request.header("Host").unwrap());
        let authorised = request.header("Authorization") == Some("Bearer graph-token-42");
        match (request.method.as_str(), request.path.as_str()) {
            ("POST", "/tenant-1/oauth2/v2.0/token") => {
                Reply::json(r#"{"token_type": "Bearer", "expires_in": 3599, "access_token": "graph-token-42"}"#)
            }
            (_, "/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues") if authorised => Reply::json(
                serde_json::json!({"value": overviews[..2],
                    "@odata.nextLink": format!("{host}/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues&$skiptoken=2")})
                .to_string(),
            ),
            (_, "/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues&$skiptoken=2") if authorised => {
                Reply::json(serde_json::json!({"value": overviews[2..]}).to_string())
            }
            (_, "/v1.0/admin/serviceAnnouncement/issues") if authorised => {
                Reply::json(serde_json::json!({"value": issues}).to_string())
            }
            _ => Reply::status(401),
        }
    });
    let m365 = graph_config(&server, serde_json::json!({"url": server.url("/v1.0"), "microsoft365": {}}));
    let config_path = config(&dir, &m365);
    let env = [("M365_TENANT", "tenant-1"), ("M365_CLIENT", "app-1"), ("M365_SECRET", "s")];
    let out = dir.join("out");
    let run = collect(&config_path, &out, T0, &[], &env);
    assert!(run.status.success(), "{}{}", text(&run.stdout), text(&run.stderr));
    let read = history(&out);
    let services: Vec<&str> = read.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(services, ["Exchange", "microsoftteams", "SharePoint"]);
    let ids: Vec<(&str, &[String])> =
        read.incidents.iter().map(|i| (i.id.as_str(), i.services.as_slice())).collect();
    assert_eq!(ids, [("MO1221364", &["Exchange".to_string()][..])], "read once, on Exchange Online's row");
    let paths: Vec<String> = server.requests().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    assert_eq!(
        paths,
        [
            "POST /tenant-1/oauth2/v2.0/token",
            "GET /v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues",
            "GET /v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues&$skiptoken=2",
            "GET /v1.0/admin/serviceAnnouncement/issues",
        ]
    );
    assert_no_secret(&out, &["graph-token-42", "app-1"]);

    // Without app-only credentials the collector says what it needs.
    let bare_dir = scratch("graph-m365-bare");
    let mut without_auth = m365.clone();
    without_auth["sources"][0].as_object_mut().unwrap().remove("auth");
    let bare = config(&bare_dir, &without_auth);
    let refused = collect(&bare, &bare_dir.join("out"), T0, &[], &env);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr)
            .contains("a microsoft365 source is read by nines collect with app-only credentials"),
        "{}",
        text(&refused.stderr)
    );
}

/// With `messages`, the posts are read too and kept by id: a post Graph no longer lists stays in
/// the history, and one it lists again with a new title is replaced.
#[test]
fn message_center_posts_are_collected_by_id_and_kept_when_graph_drops_them() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let dir = scratch("graph-m365-messages");
    let items: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/msgraph/constructed_mo1221364.json")).unwrap();
    let (overviews, issues): (Vec<_>, Vec<_>) =
        items.into_iter().partition(|i| i.get("startDateTime").is_none());
    let posts: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/msgraph/cli-m365_messages-list_4.json")).unwrap();
    let posts = posts["value"].as_array().unwrap().clone();
    let later = Arc::new(AtomicBool::new(false));
    let later_run = later.clone();
    let server = serve(move |request| {
        if request.header("Authorization") != Some("Bearer graph-token-42") {
            return match request.path.as_str() {
                "/tenant-1/oauth2/v2.0/token" => {
                    Reply::json(r#"{"token_type": "Bearer", "access_token": "graph-token-42"}"#)
                }
                _ => Reply::status(401),
            };
        }
        let value = match request.path.as_str() {
            "/v1.0/admin/serviceAnnouncement/healthOverviews?$expand=issues" => overviews.clone(),
            "/v1.0/admin/serviceAnnouncement/issues" => issues.clone(),
            // The first run lists all four posts; the next only the two newest, one retitled.
            "/v1.0/admin/serviceAnnouncement/messages" if later_run.load(Ordering::SeqCst) => {
                let mut newest = posts[2..].to_vec();
                newest[1]["title"] = "(Updated) Quick Create, rollout paused".into();
                newest
            }
            "/v1.0/admin/serviceAnnouncement/messages" => posts.clone(),
            _ => return Reply::status(404),
        };
        Reply::json(serde_json::json!({ "value": value }).to_string())
    });
    let m365 = graph_config(
        &server,
        serde_json::json!({"url": server.url("/v1.0"), "microsoft365": {"messages": true}}),
    );
    let config_path = config(&dir, &m365);
    let env = [("M365_TENANT", "tenant-1"), ("M365_CLIENT", "app-1"), ("M365_SECRET", "s")];
    let out = dir.join("out");
    let first = collect(&config_path, &out, T0, &[], &env);
    assert!(first.status.success(), "{}{}", text(&first.stdout), text(&first.stderr));
    later.store(true, Ordering::SeqCst);
    let second = collect(&config_path, &out, T0 + 300_000, &[], &env);
    assert!(second.status.success(), "{}{}", text(&second.stdout), text(&second.stderr));

    let read = history(&out);
    let posts: Vec<(&str, &str)> =
        read.announcements.iter().map(|a| (a.id.as_str(), a.title.as_str())).collect();
    assert_eq!(
        posts,
        [
            ("MC237349", "Service reminder: Skype for Business Online retires in 6 months"),
            ("MC237741", "Basic Authentication and Exchange Online – February 2021 Update"),
            ("MC247825", "Teams for your personal life banners"),
            ("MC248201", "(Updated) Quick Create, rollout paused"),
        ],
        "all four, by start; the one listed again replaced"
    );
    assert_eq!(read.announcements[1].services, ["Exchange"], "Exchange Online's post on its row");
    assert_eq!(read.incidents.len(), 1, "posts are not incidents");
    let asked =
        server.requests().iter().filter(|r| r.path == "/v1.0/admin/serviceAnnouncement/messages").count();
    assert_eq!(asked, 2, "once a run");
    assert_no_secret(&out, &["graph-token-42", "app-1"]);
}
