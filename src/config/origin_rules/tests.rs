//! The resolver and the origin rules, against a page at
//! `https://status.example.com/dash/index.html`.

use super::*;

const PAGE: &str = "https://status.example.com/dash/index.html?x=1#top";

#[test]
fn references_resolve_against_the_page() {
    let cases = [
        ("relative file", "data/demo.json", "https://status.example.com/dash/data/demo.json"),
        ("dot slash", "./data/demo.json", "https://status.example.com/dash/data/demo.json"),
        ("parent", "../data/demo.json", "https://status.example.com/data/demo.json"),
        ("above the root", "../../../x.json", "https://status.example.com/x.json"),
        ("dots inside", "data/./a/../b.json", "https://status.example.com/dash/data/b.json"),
        ("encoded dots", "data/%2e%2E/x.json", "https://status.example.com/dash/x.json"),
        ("ends in a dot", "data/.", "https://status.example.com/dash/data/"),
        ("ends in two dots", "data/a/..", "https://status.example.com/dash/data/"),
        ("root relative", "/data/x.json?v=2#frag", "https://status.example.com/data/x.json?v=2"),
        ("query only", "?source=x", "https://status.example.com/dash/index.html?source=x"),
        ("colon in the query", "x.json?at=12:00", "https://status.example.com/dash/x.json?at=12:00"),
        ("protocol relative", "//status.example.com/a.json", "https://status.example.com/a.json"),
        ("absolute, any case", "HTTPS://Status.Example.COM:443/A.json", "https://status.example.com/A.json"),
        ("no path", "https://status.example.com", "https://status.example.com/"),
        ("query without path", "https://status.example.com?q", "https://status.example.com/?q"),
        ("empty port", "https://status.example.com:/a", "https://status.example.com/a"),
        ("spaces around", "  data/demo.json\n", "https://status.example.com/dash/data/demo.json"),
        ("double slash kept", "/a//b.json", "https://status.example.com/a//b.json"),
        ("non-ASCII path", "data/données.json", "https://status.example.com/dash/data/données.json"),
    ];
    for (label, source, want) in cases {
        assert_eq!(check_source_url(PAGE, source, &[]), Ok(want.to_string()), "{label}: {source:?}");
    }
}

#[test]
fn unsafe_and_malformed_references_are_refused_with_a_reason() {
    let not_http = |scheme: &str| UrlRefusal::NotHttp { scheme: scheme.into() };
    let bad_host = |host: &str| UrlRefusal::BadHost { host: host.into() };
    let cases = [
        ("empty", "", UrlRefusal::Empty),
        ("fragment only", "#top", UrlRefusal::Empty),
        ("javascript", "javascript:alert(1)", not_http("javascript")),
        ("javascript, mixed case", "JavaScript:alert(1)", not_http("javascript")),
        ("data", "data:application/json,{}", not_http("data")),
        ("file", "file:///etc/passwd", not_http("file")),
        ("ftp", "ftp://status.example.com/x", not_http("ftp")),
        ("colon in the first segment", "a:b.json", not_http("a")),
        ("tab inside a scheme", "java\tscript:alert(1)", UrlRefusal::BadCharacter),
        ("backslash", "/\\evil.example/x", UrlRefusal::BadCharacter),
        ("inner space", "data/my file.json", UrlRefusal::BadCharacter),
        ("credentials", "https://user:pw@status.example.com/", UrlRefusal::Credentials),
        ("user that looks like a host", "https://evil.example@status.example.com/", UrlRefusal::Credentials),
        ("non-ASCII host", "https://exämple.com/", bad_host("exämple.com")),
        ("percent in host", "https://%65vil.example/", bad_host("%65vil.example")),
        ("unclosed IPv6", "https://[::1/x", bad_host("[::1")),
        ("port too large", "https://status.example.com:99999/", UrlRefusal::BadPort { port: "99999".into() }),
        ("signed port", "https://status.example.com:+80/", UrlRefusal::BadPort { port: "+80".into() }),
        ("scheme without slashes", "https:evil.example/x", UrlRefusal::NoHost),
        ("empty host", "https:///x", UrlRefusal::NoHost),
    ];
    for (label, source, want) in cases {
        assert_eq!(check_source_url(PAGE, source, &[]), Err(want), "{label}: {source:?}");
    }
}

#[test]
fn other_origins_need_the_allowlist() {
    let allow: Vec<String> = [
        "https://feeds.example.net",
        "HTTP://Legacy.Example.org:80/",
        "http://127.0.0.1:9090",
        "*",
        "https://status.example.org/api",
    ]
    .map(String::from)
    .to_vec();
    let other = |origin: &str| Err(UrlRefusal::OtherOrigin { origin: origin.into() });
    let ok = |url: &str| Ok(url.to_string());
    let cases = [
        ("listed", "https://feeds.example.net/s.json", ok("https://feeds.example.net/s.json")),
        (
            "listed, default port",
            "https://feeds.example.net:443/s.json",
            ok("https://feeds.example.net/s.json"),
        ),
        (
            "listed host, other port",
            "https://feeds.example.net:8443/s",
            other("https://feeds.example.net:8443"),
        ),
        ("listed host, other scheme", "http://feeds.example.net/s", other("http://feeds.example.net")),
        ("subdomain of a listed host", "https://a.feeds.example.net/s", other("https://a.feeds.example.net")),
        ("protocol relative", "//evil.example/x", other("https://evil.example")),
        ("same host over http", "http://status.example.com/x", other("http://status.example.com")),
        ("other port", "https://status.example.com:8443/x", other("https://status.example.com:8443")),
        ("`*` is no wildcard", "https://anything.example/", other("https://anything.example")),
        (
            "an entry with a path is a folder, not its origin",
            "https://status.example.org/other/x",
            Err(UrlRefusal::NotUnderPrefix { url: "https://status.example.org/other/x".into() }),
        ),
        (
            "listed, but http from an https page",
            "http://legacy.example.org/x",
            Err(UrlRefusal::MixedContent { origin: "http://legacy.example.org".into() }),
        ),
        ("listed loopback over http", "http://127.0.0.1:9090/api", ok("http://127.0.0.1:9090/api")),
    ];
    for (label, source, want) in cases {
        assert_eq!(check_source_url(PAGE, source, &allow), want, "{label}: {source:?}");
    }
}

#[test]
fn a_listed_folder_admits_its_files_and_nothing_beside_it() {
    let allow: Vec<String> =
        ["https://raw.example/acme/status/", "https://files.example/team"].map(String::from).to_vec();
    let outside = |url: &str| Err(UrlRefusal::NotUnderPrefix { url: url.into() });
    let ok = |url: &str| Ok(url.to_string());
    let cases = [
        (
            "in the folder",
            "https://raw.example/acme/status/s.json",
            ok("https://raw.example/acme/status/s.json"),
        ),
        (
            "deeper",
            "https://RAW.example:443/acme/status/a/b.json?x=1",
            ok("https://raw.example/acme/status/a/b.json?x=1"),
        ),
        (
            "a folder written without its slash",
            "https://files.example/team/s.json",
            ok("https://files.example/team/s.json"),
        ),
        (
            "a sibling named alike",
            "https://files.example/team-b/s.json",
            outside("https://files.example/team-b/s.json"),
        ),
        (
            "the folder's parent",
            "https://raw.example/acme/s.json",
            outside("https://raw.example/acme/s.json"),
        ),
        (
            "another repository",
            "https://raw.example/evil/status/s.json",
            outside("https://raw.example/evil/status/s.json"),
        ),
        (
            "dot segments out of it",
            "https://raw.example/acme/status/../../evil/s.json",
            outside("https://raw.example/evil/s.json"),
        ),
        (
            "encoded dots out of it",
            "https://raw.example/acme/status/%2E%2e/x.json",
            outside("https://raw.example/acme/x.json"),
        ),
        (
            "an encoded slash",
            "https://raw.example/acme/status/..%2F..%2Fevil/s.json",
            outside("https://raw.example/acme/status/..%2F..%2Fevil/s.json"),
        ),
        (
            "an encoded backslash",
            "https://raw.example/acme/status/..%5cx.json",
            outside("https://raw.example/acme/status/..%5cx.json"),
        ),
        (
            "the folder's name in the query only",
            "https://raw.example/x.json?/acme/status/",
            outside("https://raw.example/x.json?/acme/status/"),
        ),
        (
            "same path, other host",
            "https://raw.example.net/acme/status/s.json",
            Err(UrlRefusal::OtherOrigin { origin: "https://raw.example.net".into() }),
        ),
        (
            "same path, other scheme",
            "http://raw.example/acme/status/s.json",
            Err(UrlRefusal::OtherOrigin { origin: "http://raw.example".into() }),
        ),
    ];
    for (label, source, want) in cases {
        assert_eq!(check_source_url(PAGE, source, &allow), want, "{label}: {source:?}");
    }
}

#[test]
fn prefixes_are_normalised_or_refused() {
    let cases: [(&str, Result<&str, &str>); 7] = [
        ("https://Raw.Example:443/acme/status/", Ok("https://raw.example/acme/status/")),
        ("https://raw.example/acme/status", Ok("https://raw.example/acme/status/")),
        ("https://raw.example/acme/./x/../status/", Ok("https://raw.example/acme/status/")),
        (
            "https://raw.example/",
            Err("a prefix of a whole origin; list https://raw.example in allow_origins"),
        ),
        ("https://raw.example/*/status/", Err("wildcards are not supported; write the folder's URL")),
        ("https://raw.example/a/?b", Err("a URL prefix has no query or fragment")),
        ("javascript:alert(1)//", Err("javascript: URLs are never read; only http and https")),
    ];
    for (text, want) in cases {
        assert_eq!(normalise_prefix(text), want.map(String::from).map_err(String::from), "{text:?}");
    }
}

#[test]
fn other_pages_resolve_alike_and_a_page_that_is_not_http_is_refused() {
    let cases = [
        (
            "local server",
            "http://127.0.0.1:8080/",
            "data/demo.json",
            Ok("http://127.0.0.1:8080/data/demo.json"),
        ),
        ("local, other host name", "http://127.0.0.1:8080/", "http://localhost:8080/x", Err("other")),
        ("IPv6 page", "http://[::1]:8080/index.html", "/x.json", Ok("http://[::1]:8080/x.json")),
        (
            "default port on the page",
            "https://a.example:443/",
            "https://a.example/x",
            Ok("https://a.example/x"),
        ),
        ("page without a path", "https://a.example", "x.json", Ok("https://a.example/x.json")),
        ("file page", "file:///home/me/index.html", "data/demo.json", Err("page")),
        ("blank page", "about:blank", "data/demo.json", Err("page")),
    ];
    for (label, page, source, want) in cases {
        let got = check_source_url(page, source, &[]);
        match (want, got) {
            (Ok(want), Ok(got)) => assert_eq!(got, want, "{label}"),
            (Err("other"), Err(UrlRefusal::OtherOrigin { .. })) => {}
            (Err("page"), Err(UrlRefusal::BadPage { page: refused })) => assert_eq!(refused, page, "{label}"),
            (want, got) => panic!("{label}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn configs_are_read_from_the_page_origin_only() {
    let allow = vec!["https://evil.example".to_string()];
    assert_eq!(
        check_config_url(PAGE, "configs/team.json"),
        Ok("https://status.example.com/dash/configs/team.json".into()),
        "relative config"
    );
    assert_eq!(
        check_config_url(PAGE, "https://evil.example/config.json"),
        Err(UrlRefusal::ConfigOtherOrigin { origin: "https://evil.example".into() }),
        "another origin, whatever any allowlist says"
    );
    assert!(check_source_url(PAGE, "https://evil.example/config.json", &allow).is_ok(), "as a source");
    assert_eq!(
        check_config_url(PAGE, "data:application/json,{}"),
        Err(UrlRefusal::NotHttp { scheme: "data".into() }),
        "data URL"
    );
}

#[test]
fn origins_are_normalised_or_refused() {
    let cases: [(&str, Result<&str, &str>); 10] = [
        ("https://Status.Example.com", Ok("https://status.example.com")),
        ("https://status.example.com/", Ok("https://status.example.com")),
        ("https://status.example.com:443", Ok("https://status.example.com")),
        ("http://x.example:8080", Ok("http://x.example:8080")),
        ("https://status.example.com/api", Err("an origin has no path; write https://status.example.com")),
        ("*", Err("wildcards are not supported; list each origin")),
        ("https://*.example.com", Err("wildcards are not supported; list each origin")),
        ("status.example.com", Err("not an absolute URL; expected http:// or https:// and a host")),
        ("ftp://x.example", Err("ftp: URLs are never read; only http and https")),
        ("https://x.example/?a", Err("an origin has no query or fragment")),
    ];
    for (text, want) in cases {
        assert_eq!(normalise_origin(text), want.map(String::from).map_err(String::from), "{text:?}");
    }
}

#[test]
fn the_rebuilt_url_names_the_origin_that_was_checked() {
    // Whatever the input, the answer starts with the origin compared, followed by `/`.
    let sources =
        ["x", "//status.example.com", "/%2e%2e//evil.example/x", "./..//evil.example", "?a=//evil.example"];
    for source in sources {
        let url = check_source_url(PAGE, source, &[]).unwrap_or_else(|e| panic!("{source:?}: {e}"));
        assert!(url.starts_with("https://status.example.com/"), "{source:?} gave {url}");
    }
}
