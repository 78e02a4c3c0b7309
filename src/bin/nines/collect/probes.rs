//! The probes of the `collect` section: one sample per probe and run, tagged with the
//! collector's region. HTTP(S): up when the status is the expected one (any 2xx by default) and
//! the body holds the keyword; TCP: up when a connection opens; DNS: up when the name resolves.
//! The latency is the time the check took. Every check has a timeout (default 10 s). An HTTPS
//! probe that is up also reports the days left on the server's certificate.

use std::io::Read as _;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nines::model::{Region, Samples, Series, Service, Snapshot, TimeMs};

use super::config::Probe;

const DEFAULT_TIMEOUT_MS: u64 = 10_000;
/// The most body bytes read looking for the keyword.
const MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;

/// One check's result.
pub struct Outcome {
    pub up: bool,
    pub latency_ms: f32,
    pub detail: String,
    /// HTTPS: days from the run to the end of the certificate's validity.
    pub tls_days_left: Option<f64>,
}

/// One probe's latest result, for the index.
pub struct Latest {
    pub service: String,
    pub region: Option<String>,
    pub at_ms: TimeMs,
    pub outcome: Outcome,
}

/// Runs every probe: the samples as a snapshot, and each result; `None` when there are none.
pub fn run(probes: &[Probe], region: Option<&str>, now_ms: TimeMs) -> Option<(Snapshot, Vec<Latest>)> {
    if probes.is_empty() {
        return None;
    }
    let mut latest = Vec::new();
    let mut snapshot = Snapshot { as_of_ms: now_ms, ..Snapshot::default() };
    if let Some(r) = region {
        snapshot.regions.push(Region { id: r.into(), name: r.into() });
    }
    for probe in probes {
        let outcome = check(probe, now_ms);
        println!(
            "probe {}: {} in {:.0} ms{}{}",
            probe.service,
            if outcome.up { "up" } else { "DOWN" },
            outcome.latency_ms,
            if outcome.detail.is_empty() { String::new() } else { format!(" ({})", outcome.detail) },
            outcome.tls_days_left.map_or(String::new(), |d| format!("; certificate valid {d:.1} more days"))
        );
        if !snapshot.services.iter().any(|s| s.id == probe.service) {
            snapshot.services.push(Service {
                id: probe.service.clone(),
                name: probe.name.clone().unwrap_or_else(|| probe.service.clone()),
                group: None,
                regions: region.map(|r| vec![r.to_string()]).unwrap_or_default(),
                tags: Vec::new(),
                slo: None,
                coverage: None,
            });
        }
        snapshot.series.push(Series {
            service: probe.service.clone(),
            region: region.map(str::to_string),
            samples: Samples::Irregular {
                times_ms: vec![now_ms],
                up_ratio: vec![if outcome.up { 1.0 } else { 0.0 }],
            },
            latency_ms: vec![outcome.latency_ms],
        });
        latest.push(Latest {
            service: probe.service.clone(),
            region: region.map(str::to_string),
            at_ms: now_ms,
            outcome,
        });
    }
    Some((snapshot, latest))
}

pub fn check(probe: &Probe, now_ms: TimeMs) -> Outcome {
    let timeout = Duration::from_millis(probe.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS));
    let started = Instant::now();
    let (up, detail) = match (&probe.http, &probe.tcp, &probe.dns) {
        (Some(url), None, None) => http(url, probe, timeout),
        (None, Some(address), None) => tcp(address, timeout),
        (None, None, Some(name)) => dns(name, timeout),
        _ => (false, "a probe needs exactly one of http, tcp, dns".to_string()),
    };
    let latency_ms = started.elapsed().as_secs_f32() * 1000.0;
    let mut outcome = Outcome { up, latency_ms, detail, tls_days_left: None };
    if let (true, Some(url)) = (up, probe.http.as_deref().filter(|u| u.starts_with("https://"))) {
        match certificate_days_left(url, probe, timeout, now_ms) {
            Ok(days) => outcome.tls_days_left = Some(days),
            Err(e) => outcome.detail.push_str(&format!("; certificate: {e}")),
        }
    }
    outcome
}

fn certificate_days_left(url: &str, probe: &Probe, timeout: Duration, now_ms: TimeMs) -> Result<f64, String> {
    let uri: ureq::http::Uri = url.parse().map_err(|e| format!("{url}: {e}"))?;
    let host =
        uri.host().ok_or_else(|| format!("{url}: no host"))?.trim_start_matches('[').trim_end_matches(']');
    let port = uri.port_u16().unwrap_or(443);
    super::tls::days_left(host, port, super::tls::roots(probe.ca_file.as_deref())?, timeout, now_ms)
}

fn http(url: &str, probe: &Probe, timeout: Duration) -> (bool, String) {
    let mut config = ureq::Agent::config_builder().timeout_global(Some(timeout)).http_status_as_error(false);
    if let Some(path) = &probe.ca_file {
        let certs = match super::tls::read_pem(path) {
            Ok(certs) => certs,
            Err(e) => return (false, e),
        };
        let certs: Vec<ureq::tls::Certificate<'static>> =
            certs.iter().map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned()).collect();
        let tls =
            ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::new_with_certs(&certs)).build();
        config = config.tls_config(tls);
    }
    let agent: ureq::Agent = config.build().into();
    let mut response = match agent.get(url).call() {
        Ok(response) => response,
        Err(e) => return (false, e.to_string()),
    };
    let status = response.status().as_u16();
    let status_ok = probe.expect_status.map_or((200..300).contains(&status), |want| want == status);
    if !status_ok {
        return (false, format!("HTTP {status}"));
    }
    let Some(keyword) = &probe.keyword else { return (true, format!("HTTP {status}")) };
    let mut body = String::new();
    let read = response.body_mut().as_reader().take(MAX_BODY_BYTES).read_to_string(&mut body);
    match read {
        Ok(_) if body.contains(keyword.as_str()) => (true, format!("HTTP {status}, keyword found")),
        Ok(_) => (false, format!("HTTP {status}, keyword {keyword:?} not found")),
        Err(e) => (false, format!("reading the body: {e}")),
    }
}

fn tcp(address: &str, timeout: Duration) -> (bool, String) {
    let addresses = match resolve(address, timeout) {
        Ok(a) => a,
        Err(e) => return (false, e),
    };
    let mut last = String::from("no address");
    for a in addresses {
        match TcpStream::connect_timeout(&a, timeout) {
            Ok(_) => return (true, format!("connected to {a}")),
            Err(e) => last = format!("{a}: {e}"),
        }
    }
    (false, last)
}

fn dns(name: &str, timeout: Duration) -> (bool, String) {
    match resolve(&format!("{name}:0"), timeout) {
        Ok(a) if !a.is_empty() => (true, format!("{} addresses", a.len())),
        Ok(_) => (false, "no address".into()),
        Err(e) => (false, e),
    }
}

/// The system resolver, given up on after `timeout` (its own timeout may be longer).
pub fn resolve(address: &str, timeout: Duration) -> Result<Vec<std::net::SocketAddr>, String> {
    let (tx, rx) = mpsc::channel();
    let owned = address.to_string();
    std::thread::spawn(move || {
        let _ = tx.send(owned.to_socket_addrs().map(Iterator::collect::<Vec<_>>));
    });
    match rx.recv_timeout(timeout) {
        Ok(Ok(addresses)) => Ok(addresses),
        Ok(Err(e)) => Err(format!("{address}: {e}")),
        Err(_) => Err(format!("{address}: resolving timed out")),
    }
}
