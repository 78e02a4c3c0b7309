//! A minimal HTTP/1.1 server on 127.0.0.1 for the collector's tests: each connection is read
//! (request line, headers, a `Content-Length` body), handed to the test's handler, answered and
//! closed. It records every request, and can answer slowly, cut a body short or gzip it.
#![allow(dead_code)] // each test uses part of it

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub enum Reply {
    /// Status, extra headers, body.
    Full(u16, Vec<(String, String)>, Vec<u8>),
    /// Declares `Content-Length` of the whole body but sends only its first `sent` bytes.
    Truncated(Vec<u8>, usize),
    /// Waits, then answers.
    After(Duration, Box<Reply>),
}

impl Reply {
    pub fn json(body: impl Into<String>) -> Reply {
        Reply::Full(200, vec![("Content-Type".into(), "application/json".into())], body.into().into_bytes())
    }

    pub fn status(code: u16) -> Reply {
        Reply::Full(code, Vec::new(), format!("status {code}").into_bytes())
    }

    /// `body` gzip-encoded, with `Content-Encoding: gzip`.
    pub fn gzip(body: &str) -> Reply {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(body.as_bytes()).unwrap();
        Reply::Full(200, vec![("Content-Encoding".into(), "gzip".into())], encoder.finish().unwrap())
    }
}

pub struct Server {
    pub addr: SocketAddr,
    pub requests: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

/// Serves `handler`'s replies until the test process ends.
pub fn serve(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (log, handler) = (requests.clone(), Arc::new(handler));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (log, handler) = (log.clone(), handler.clone());
            std::thread::spawn(move || {
                if let Some(request) = read_request(&stream) {
                    log.lock().unwrap().push(request.clone());
                    let _ = answer(stream, handler(&request));
                }
            });
        }
    });
    Server { addr, requests }
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { method, path, headers, body: String::from_utf8_lossy(&body).into_owned() })
}

fn answer(mut stream: TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::After(wait, reply) => {
            std::thread::sleep(wait);
            answer(stream, *reply)
        }
        Reply::Full(status, headers, body) => {
            let mut head =
                format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)?;
            stream.flush()
        }
        Reply::Truncated(body, sent) => {
            let head =
                format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body[..sent.min(body.len())])?;
            stream.flush()
        }
    }
}
