//! The days left on an HTTPS server's certificate: a TLS handshake of its own (rustls, verified
//! against the Mozilla roots or the probe's `ca_file`), then the leaf certificate's `notAfter`,
//! read by walking its DER (RFC 5280 §4.1) without a parser dependency.

use std::io::BufReader;
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use nines::model::{TimeMs, MS_PER_DAY};
use rustls::pki_types::{CertificateDer, ServerName};

/// The roots a probe trusts: the Mozilla set, or only the certificates of a PEM file.
pub fn roots(ca_file: Option<&str>) -> Result<rustls::RootCertStore, String> {
    let Some(path) = ca_file else {
        return Ok(rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() });
    };
    let certs = read_pem(path)?;
    let mut store = rustls::RootCertStore::empty();
    let (added, _) = store.add_parsable_certificates(certs);
    if added == 0 {
        return Err(format!("{path}: no certificate"));
    }
    Ok(store)
}

/// The certificates of a PEM file.
pub fn read_pem(path: &str) -> Result<Vec<CertificateDer<'static>>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    rustls_pemfile_certs(&mut BufReader::new(file)).map_err(|e| format!("{path}: {e}"))
}

fn rustls_pemfile_certs(reader: &mut dyn std::io::BufRead) -> Result<Vec<CertificateDer<'static>>, String> {
    use rustls::pki_types::pem::PemObject;
    let mut text = Vec::new();
    reader.read_to_end(&mut text).map_err(|e| e.to_string())?;
    CertificateDer::pem_slice_iter(&text).collect::<Result<Vec<_>, _>>().map_err(|e| format!("{e:?}"))
}

/// Days from `now_ms` to the end of the validity of `host:port`'s certificate.
pub fn days_left(
    host: &str,
    port: u16,
    roots: rustls::RootCertStore,
    timeout: Duration,
    now_ms: TimeMs,
) -> Result<f64, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_string()).map_err(|e| format!("{host}: {e}"))?;
    let mut connection = rustls::ClientConnection::new(Arc::new(config), name).map_err(|e| e.to_string())?;
    let address = super::probes::resolve(&format!("{host}:{port}"), timeout)?
        .into_iter()
        .next()
        .ok_or_else(|| format!("{host}: no address"))?;
    let mut socket = TcpStream::connect_timeout(&address, timeout).map_err(|e| format!("{address}: {e}"))?;
    socket.set_read_timeout(Some(timeout)).map_err(|e| e.to_string())?;
    socket.set_write_timeout(Some(timeout)).map_err(|e| e.to_string())?;
    while connection.is_handshaking() {
        connection.complete_io(&mut socket).map_err(|e| format!("TLS handshake: {e}"))?;
    }
    let leaf = connection.peer_certificates().and_then(|c| c.first()).ok_or("no certificate")?;
    let not_after_ms = not_after_ms(leaf.as_ref()).ok_or("the certificate's validity is unreadable")?;
    Ok((not_after_ms - now_ms) as f64 / MS_PER_DAY as f64)
}

/// One DER element: (tag, content, rest).
fn element(der: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let (bytes, rest) = (rest.get(..count)?, rest.get(count..)?);
        (bytes.iter().fold(0usize, |n, b| (n << 8) | usize::from(*b)), rest)
    };
    Some((tag, rest.get(..length)?, rest.get(length..)?))
}

/// `notAfter` of a DER certificate, in UTC milliseconds.
pub fn not_after_ms(der: &[u8]) -> Option<TimeMs> {
    const SEQUENCE: u8 = 0x30;
    let (SEQUENCE, certificate, _) = element(der)? else { return None };
    let (SEQUENCE, tbs, _) = element(certificate)? else { return None };
    let mut rest = tbs;
    // [0] version (optional), serialNumber, signature, issuer, then validity.
    let (tag, _, after) = element(rest)?;
    if tag == 0xa0 {
        rest = after;
    }
    for _ in 0..3 {
        rest = element(rest)?.2;
    }
    let (SEQUENCE, validity, _) = element(rest)? else { return None };
    let (_, _, after_not_before) = element(validity)?;
    let (tag, time, _) = element(after_not_before)?;
    let text = std::str::from_utf8(time).ok()?;
    let full = match tag {
        // UTCTime YYMMDDHHMMSSZ: years 50–99 are 19xx (RFC 5280 §4.1.2.5.1).
        0x17 => {
            let yy: u32 = text.get(..2)?.parse().ok()?;
            format!("{}{text}", if yy >= 50 { "19" } else { "20" })
        }
        0x18 => text.to_string(),
        _ => return None,
    };
    // YYYYMMDDHHMMSSZ -> RFC 3339.
    let rfc3339 = format!(
        "{}-{}-{}T{}:{}:{}Z",
        full.get(..4)?,
        full.get(4..6)?,
        full.get(6..8)?,
        full.get(8..10)?,
        full.get(10..12)?,
        full.get(12..14)?
    );
    nines::model::parse_rfc3339_ms(&rfc3339)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-built certificate skeleton: just enough structure to reach the validity.
    fn skeleton(not_after: (u8, &str), with_version: bool) -> Vec<u8> {
        fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
            let mut out = vec![tag];
            if content.len() < 0x80 {
                out.push(content.len() as u8);
            } else {
                out.push(0x82);
                out.extend_from_slice(&(content.len() as u16).to_be_bytes());
            }
            out.extend_from_slice(content);
            out
        }
        let validity = [tlv(0x17, b"250101000000Z"), tlv(not_after.0, not_after.1.as_bytes())].concat();
        let mut tbs = Vec::new();
        if with_version {
            tbs.extend(tlv(0xa0, &tlv(0x02, &[2])));
        }
        tbs.extend(tlv(0x02, &[1; 20])); // serial
        tbs.extend(tlv(0x30, &tlv(0x06, &[1, 2, 3]))); // signature algorithm
        tbs.extend(tlv(0x30, &[0x55; 200])); // issuer, long enough for a two-byte length
        tbs.extend(tlv(0x30, &validity));
        tbs.extend(tlv(0x30, &[0; 10])); // subject
        tlv(0x30, &[tlv(0x30, &tbs), tlv(0x30, &[0; 5]), tlv(0x03, &[0; 5])].concat())
    }

    #[test]
    fn not_after_in_both_time_forms() {
        let t = |s| nines::model::parse_rfc3339_ms(s).unwrap();
        assert_eq!(not_after_ms(&skeleton((0x17, "270305123456Z"), true)), Some(t("2027-03-05T12:34:56Z")));
        assert_eq!(not_after_ms(&skeleton((0x17, "991231235959Z"), false)), Some(t("1999-12-31T23:59:59Z")));
        assert_eq!(not_after_ms(&skeleton((0x18, "20500101000000Z"), true)), Some(t("2050-01-01T00:00:00Z")));
        let whole = skeleton((0x17, "270305123456Z"), true);
        for cut in [0, 1, 5, 40, whole.len() / 2] {
            assert_eq!(not_after_ms(&whole[..cut]), None, "cut at {cut}: no panic, no answer");
        }
    }
}
