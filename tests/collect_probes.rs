//! The probes of `nines collect` against local servers: HTTP status and keyword, TCP connect,
//! DNS resolve (of `localhost`, and of a name under `.invalid`, which never resolves), one sample
//! per probe and run tagged with the collector's region; two regions' collectors writing to one
//! folder give two rows of one service.
#![cfg(not(target_arch = "wasm32"))] // loopback servers and a native binary
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::net::TcpListener;

use nines::analysis::sample_availability;
use nines::model::{Samples, Span};

#[path = "support/collect_run.rs"]
mod collect_run;
#[path = "support/http_server.rs"]
mod http_server;

use collect_run::{collect, config, history, scratch, text};
use http_server::{serve, Reply};

const T0: i64 = 1_798_761_600_000; // 2027-01-01T00:00:00Z
const MIN: i64 = 60_000;

#[test]
fn http_tcp_and_dns_probes_give_one_sample_each_tagged_with_the_region() {
    let dir = scratch("probes");
    let server = serve(|request| match request.path.as_str() {
        "/health" => Reply::json("{\"status\": \"ok\"}"),
        "/down" => Reply::status(503),
        "/teapot" => Reply::status(418),
        _ => Reply::status(404),
    });
    let open = TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = config(
        &dir,
        &serde_json::json!({"format": "nines-config", "version": 1, "collect": {"interval_s": 60, "probes": [
            {"service": "web", "name": "Web site", "http": server.url("/health"), "keyword": "ok"},
            {"service": "web-keyword", "http": server.url("/health"), "keyword": "healthy"},
            {"service": "api", "http": server.url("/down")},
            {"service": "teapot", "http": server.url("/teapot"), "expect_status": 418},
            {"service": "db", "tcp": open.local_addr().unwrap().to_string()},
            {"service": "db-closed", "tcp": format!("127.0.0.1:{closed_port}"), "timeout_ms": 2000},
            {"service": "dns", "dns": "localhost"},
            {"service": "dns-bad", "dns": "nines-probe-test.invalid", "timeout_ms": 5000}
        ]}}),
    );
    let out = dir.join("out");
    let run = collect(&config, &out, T0, &["--region", "eu"], &[]);
    assert!(run.status.success(), "{}{}", text(&run.stdout), text(&run.stderr));
    let h = history(&out);
    let want = [
        ("web", 1.0),
        ("web-keyword", 0.0),
        ("api", 0.0),
        ("teapot", 1.0),
        ("db", 1.0),
        ("db-closed", 0.0),
        ("dns", 1.0),
        ("dns-bad", 0.0),
    ];
    assert_eq!(h.series.len(), want.len(), "{}", text(&run.stdout));
    for (service, up) in want {
        let series = h.series.iter().find(|s| s.service == service).unwrap();
        assert_eq!(series.region.as_deref(), Some("eu"), "{service}: region");
        assert_eq!(
            series.samples,
            Samples::Irregular { times_ms: vec![T0], up_ratio: vec![up] },
            "{service}"
        );
        assert!(series.latency_ms[0].is_finite() && series.latency_ms[0] >= 0.0, "{service}: latency");
    }
    assert_eq!(h.service("web").map(|s| s.name.as_str()), Some("Web site"));
    assert_eq!(h.regions.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["eu"]);

    // The next run adds one sample per probe.
    let again = collect(&config, &out, T0 + MIN, &["--region", "eu"], &[]);
    assert!(again.status.success());
    let h = history(&out);
    let web = h.series.iter().find(|s| s.service == "web").unwrap();
    assert_eq!(web.samples, Samples::Irregular { times_ms: vec![T0, T0 + MIN], up_ratio: vec![1.0, 1.0] });
}

#[test]
fn two_regions_collectors_give_two_rows_of_one_service() {
    let dir = scratch("regions");
    let up = serve(|_| Reply::json("ok"));
    let down = serve(|_| Reply::status(500));
    // The same probe seen from two places: reachable from eu, not from us.
    let eu = config(
        &dir,
        &serde_json::json!({"format": "nines-config", "version": 1,
            "collect": {"probes": [{"service": "web", "http": up.url("/")}]}}),
    );
    let us_dir = dir.join("us");
    std::fs::create_dir_all(&us_dir).unwrap();
    let us = config(
        &us_dir,
        &serde_json::json!({"format": "nines-config", "version": 1,
            "collect": {"probes": [{"service": "web", "http": down.url("/")}]}}),
    );
    let out = dir.join("out");
    for k in 0..3 {
        let at = T0 + k * MIN;
        assert!(collect(&eu, &out, at, &["--region", "eu"], &[]).status.success());
        assert!(collect(&us, &out, at + 1000, &["--region", "us"], &[]).status.success());
    }
    let h = history(&out);
    assert_eq!(h.services.len(), 1, "one service");
    assert_eq!(h.services[0].regions, ["eu", "us"], "in both regions");
    let rows: Vec<(Option<&str>, usize)> =
        h.series.iter().map(|s| (s.region.as_deref(), s.samples.len())).collect();
    assert_eq!(rows, [(Some("eu"), 3), (Some("us"), 3)], "two rows, three samples each");
    let window = Span::new(T0, T0 + 2 * MIN);
    let eu_availability = sample_availability(&h, "web", Some("eu"), window).unwrap();
    let us_availability = sample_availability(&h, "web", Some("us"), window).unwrap();
    assert_eq!(
        (eu_availability.availability_ratio, us_availability.availability_ratio),
        (Some(1.0), Some(0.0))
    );

    let check = std::process::Command::new(env!("CARGO_BIN_EXE_nines"))
        .args(["check", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        text(&check.stdout)
            .contains("services=1 incidents=0 maintenances=0 announcements=0 series=2 samples=6"),
        "{}",
        text(&check.stdout)
    );
}

/// A CA and a `localhost` certificate it signed, valid 30 days from now, made with `openssl`:
/// (CA PEM path, leaf certificate PEM, leaf key PEM).
fn certificates(dir: &std::path::Path) -> (std::path::PathBuf, Vec<u8>, Vec<u8>) {
    let openssl = |args: &[&str]| {
        let out =
            std::process::Command::new("openssl").args(args).current_dir(dir).output().expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {}", text(&out.stderr));
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &["-keyout", "ca.key", "-out", "ca.pem", "-days", "3650", "-subj", "/CN=Nines Test CA"],
        ]
        .concat(),
    );
    openssl(
        &[&["req"][..], &ec, &["-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=localhost"]].concat(),
    );
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "leaf.pem",
        "-days",
        "30",
        "-extfile",
        "leaf.ext",
    ]);
    (
        dir.join("ca.pem"),
        std::fs::read(dir.join("leaf.pem")).unwrap(),
        std::fs::read(dir.join("leaf.key")).unwrap(),
    )
}

/// An HTTPS server on 127.0.0.1 answering every request with 200 and `ok`.
fn https_server(cert_pem: &[u8], key_pem: &[u8]) -> u16 {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use std::io::{Read, Write};
    use std::sync::Arc;
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(cert_pem).map(Result::unwrap).collect();
    let key = PrivateKeyDer::from_pem_slice(key_pem).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = config.clone();
            std::thread::spawn(move || {
                let Ok(connection) = rustls::ServerConnection::new(config) else { return };
                let mut tls = rustls::StreamOwned::new(connection, stream);
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buffer) {
                        Ok(0) | Err(_) => return, // a handshake-only connection ends here
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let _ = tls.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    port
}

#[test]
fn an_https_probe_reports_the_days_left_on_the_certificate() {
    let dir = scratch("tls");
    let (ca, cert, key) = certificates(&dir);
    let port = https_server(&cert, &key);
    let url = format!("https://localhost:{port}/health");
    let config = config(
        &dir,
        &serde_json::json!({"format": "nines-config", "version": 1, "collect": {"probes": [
            {"service": "internal", "http": url, "keyword": "ok", "ca_file": ca.to_str().unwrap()},
            {"service": "untrusted", "http": url}
        ]}}),
    );
    let out = dir.join("out");
    let now_ms =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let run = collect(&config, &out, now_ms, &["--region", "eu"], &[]);
    assert!(run.status.success(), "{}{}", text(&run.stdout), text(&run.stderr));
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap();
    let probes = index["collected"]["probes"].as_array().unwrap();
    let internal = &probes[0];
    assert_eq!(
        (internal["service"].as_str(), internal["up"].as_bool()),
        (Some("internal"), Some(true)),
        "{internal}"
    );
    let days = internal["tls_days_left"].as_f64().unwrap();
    assert!(days > 29.9 && days <= 30.0, "30 days from issue, less the seconds since: {days}");
    // Without the internal CA the certificate is not trusted: down, and no days claimed.
    let untrusted = &probes[1];
    assert_eq!(untrusted["up"].as_bool(), Some(false), "{untrusted}");
    assert!(untrusted["tls_days_left"].is_null());
    assert!(text(&run.stdout).contains("probe internal: up in"), "{}", text(&run.stdout));
    assert!(text(&run.stdout).contains("more days"), "the run says it: {}", text(&run.stdout));
}
