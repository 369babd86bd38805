//! Shared by the live-class tests: a five-option pack built from the TUI fixture, a tiny
//! HTTP/1.1 client over a plain TCP stream (the tests must also send what no well-behaved
//! client sends: oversized bodies, no cookie, floods), and a server started in-process on
//! 127.0.0.1. Every connection is to loopback and closes after one request.

#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "../support/pty.rs"]
mod pty;

use pty::Pty;

/// How long a test waits for anything before failing with what it saw.
pub const DEADLINE: Duration = Duration::from_mins(1);

/// The fixture pack with three more options (C, D, E) on the first question, one label
/// carrying markup that must reach the page escaped, and a second fact pattern (`beta-case`).
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
    // A second fact pattern, for presenting several in turn.
    let file = dir.path().join("cases.json");
    let mut cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let list = cases["cases"].as_array_mut().unwrap();
    let mut second = list[0].clone();
    second["id"] = "beta-case".into();
    second["title"] = "Gamma v. Delta".into();
    list.push(second);
    std::fs::write(&file, serde_json::to_string_pretty(&cases).unwrap()).unwrap();
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
        let _ = write!(head, "Cookie: {c}\r\n");
    }
    if let Some(b) = body {
        let _ = write!(
            head,
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            b.len()
        );
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

/// A live class being presented: the five-option pack, the folder it is presented from, the
/// results folder (`class/` in it) and the presenter. The presenter is dropped (its program
/// killed) before the folders are removed.
pub struct LiveClass {
    pub presenter: Presenter,
    pub results: PathBuf,
    pub out: tempfile::TempDir,
    pub pack: tempfile::TempDir,
}

/// Presents `cases` in turn on the five-option pack at 120×40, the server on a free port of
/// 127.0.0.1 (these tests never listen beyond loopback), the results written to `class/`;
/// `extra` flags (`--names`) go after `--live`.
pub fn live_class(cases: &[&str], extra: &[&str]) -> LiveClass {
    let pack = five_option_pack();
    let out = tempfile::tempdir().unwrap();
    let results = out.path().join("class");
    let pack_dir = pack.path().to_str().unwrap().to_owned();
    let results_dir = results.to_str().unwrap().to_owned();
    let mut args = vec!["--pack", &pack_dir, "--present", "--live"];
    args.extend(extra);
    for case in cases {
        args.extend(["--case", case]);
    }
    args.extend(["--bind", "127.0.0.1:0", "--results", &results_dir]);
    let presenter = Presenter::start(&args, out.path(), 120, 40);
    LiveClass {
        presenter,
        results,
        out,
        pack,
    }
}

/// `immunity --present --live` in a pseudo-terminal of `cols`×`rows`: the one harness
/// ([`pty::Pty`]) with the live class's longer deadline, and what these tests read off the
/// presenter's screen.
pub struct Presenter {
    pub cols: u16,
    pty: Pty,
}

impl Presenter {
    /// Starts the binary with `args` in `cwd`.
    pub fn start(args: &[&str], cwd: &Path, cols: u16, rows: u16) -> Self {
        Presenter {
            cols,
            pty: Pty::start(args, cwd, cols, rows).with_deadline(DEADLINE),
        }
    }

    /// The screen's text.
    pub fn text(&self) -> String {
        self.pty.screen()
    }

    /// Waits until the screen shows `text`; fails with the screen after [`DEADLINE`].
    pub fn wait_for(&self, text: &str) {
        self.pty.wait_for(text);
    }

    /// Types `keys`.
    pub fn press(&mut self, keys: &str) {
        self.pty.keys(keys);
    }

    /// The join address shown on screen, as (address, `/j/CODE`).
    pub fn join_address(&self) -> (SocketAddr, String) {
        self.wait_for("http://127.0.0.1:");
        let text = self.text();
        let at = text.find("http://127.0.0.1:").unwrap();
        let url: String = text[at..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '\u{2502}')
            .collect();
        split_url(&url)
    }

    /// The side panel's tally: letter → count, from rows like ` A  ███   12 of 300`.
    pub fn tally(&self) -> HashMap<char, u32> {
        let mut found = HashMap::new();
        for row in self.pty.rows(self.cols - 44, 44) {
            let row = row.trim_matches(|c: char| c == '\u{2502}' || c.is_whitespace());
            let mut chars = row.chars();
            let (Some(letter), Some(' ')) = (chars.next(), chars.next()) else {
                continue;
            };
            if !letter.is_ascii_uppercase() || !row.contains(" of ") {
                continue;
            }
            let before_of = row.split(" of ").next().unwrap();
            if let Ok(count) = before_of.split_whitespace().last().unwrap().parse() {
                found.insert(letter, count);
            }
        }
        found
    }

    /// Presses `q` and waits for the process to end; returns true when it exited with 0.
    pub fn quit(&mut self) -> bool {
        self.press("q");
        self.pty.finish().success()
    }

    /// Sends `signal` (a number) to the program and waits for it to end; returns its exit code.
    pub fn signal(&mut self, signal: i32) -> u32 {
        self.pty.kill(&signal.to_string());
        self.pty.finish().exit_code()
    }

    /// Everything the program wrote to the terminal.
    pub fn printed(&self) -> String {
        self.pty.output()
    }
}
