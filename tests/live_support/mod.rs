//! Shared by the live-class tests: a five-option pack built from the TUI fixture, a tiny
//! HTTP/1.1 client over a plain TCP stream (the tests must also send what no well-behaved
//! client sends: oversized bodies, no cookie, floods), and a server started in-process on
//! 127.0.0.1. Every connection is to loopback and closes after one request.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

/// The fixture pack with three more options (C, D, E) on the first question, one label
/// carrying markup that must reach the page escaped.
pub fn five_option_pack() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-pack");
    copy_dir(&from, dir.path());
    let file = dir.path().join("pack.json");
    let mut pack: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let options = pack["questions"][0]["options"].as_array_mut().unwrap();
    for (id, label) in [
        ("c", "Option C <script>alert(1)</script> & more"),
        ("d", "Option D"),
        ("e", "Option E"),
    ] {
        options.push(serde_json::json!({"id": id, "label": label, "next": "no-claim"}));
    }
    std::fs::write(&file, serde_json::to_string_pretty(&pack).unwrap()).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// One response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// The first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The device cookie set by this response, as `name=value`.
    pub fn cookie(&self) -> Option<String> {
        self.header("set-cookie")
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
    }
}

/// Sends one request and reads the whole reply (the connection closes after it).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<&[u8]>,
) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(c) = cookie {
        head.push_str(&format!("Cookie: {c}\r\n"));
    }
    if let Some(b) = body {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write head");
    if let Some(b) = body {
        // A refused body may be cut short by the server; the reply is what matters.
        let _ = stream.write_all(b);
    }
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// A student: joins with a GET and keeps the cookie.
pub struct Student {
    pub addr: SocketAddr,
    pub path: String,
    pub cookie: String,
}

impl Student {
    /// Joins the room at `addr`, join path `path` (`/j/CODE`).
    pub fn join(addr: SocketAddr, path: &str) -> Self {
        let reply = request(addr, "GET", path, None, None);
        assert_eq!(reply.status, 200, "join: {}", reply.body);
        Student {
            addr,
            path: path.to_owned(),
            cookie: reply.cookie().expect("a device cookie"),
        }
    }

    /// Posts a form body; returns the status.
    pub fn post(&self, body: &str) -> u16 {
        request(
            self.addr,
            "POST",
            &self.path,
            Some(&self.cookie),
            Some(body.as_bytes()),
        )
        .status
    }

    /// Votes `letter` with `confidence`; returns the status (303 accepted).
    pub fn vote(&self, letter: char, confidence: u8) -> u16 {
        self.post(&format!("option={letter}&confidence={confidence}"))
    }

    /// The page as this student sees it.
    pub fn page(&self) -> Reply {
        request(self.addr, "GET", &self.path, Some(&self.cookie), None)
    }
}

/// `http://127.0.0.1:PORT/j/CODE` → (address, `/j/CODE`).
pub fn split_url(url: &str) -> (SocketAddr, String) {
    let rest = url.strip_prefix("http://").expect("http url");
    let (host, path) = rest.split_once('/').expect("a path");
    (host.parse().expect("an address"), format!("/{path}"))
}
