//! Shared by the live-class tests: a five-option pack built from the TUI fixture, a tiny
//! HTTP/1.1 client over a plain TCP stream (the tests must also send what no well-behaved
//! client sends: oversized bodies, no cookie, floods), and a server started in-process on
//! 127.0.0.1. Every connection is to loopback and closes after one request.

#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long a test waits for anything before failing with what it saw.
#[allow(
    clippy::duration_suboptimal_units,
    reason = "Duration::from_mins needs a newer Rust than the crate supports"
)]
pub const DEADLINE: Duration = Duration::from_secs(60);

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

/// `immunity --present --live` in a pseudo-terminal of `cols`×`rows`, its screen kept by vt100.
pub struct Presenter {
    pub cols: u16,
    parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    reading: Option<std::thread::JoinHandle<()>>,
}

impl Presenter {
    /// Starts the binary with `args` in `cwd`.
    pub fn start(args: &[&str], cwd: &Path, cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_immunity"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let keys = pair.master.take_writer().unwrap();
        let nz = |n: u16| std::num::NonZero::new(n).unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let reading = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Presenter {
            cols,
            parser,
            raw,
            keys,
            child,
            master: Some(pair.master),
            reading: Some(reading),
        }
    }

    /// The screen's text.
    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen after [`DEADLINE`].
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.text().contains(text) {
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {text:?}; screen:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Types `keys`.
    pub fn press(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).unwrap();
        self.keys.flush().unwrap();
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
        let parser = self.parser.lock().unwrap();
        let mut found = HashMap::new();
        for row in parser.screen().rows(self.cols - 44, 44) {
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
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < DEADLINE, "the presenter did not end");
            std::thread::sleep(Duration::from_millis(25));
        };
        self.master.take();
        if let Some(r) = self.reading.take() {
            let _ = r.join();
        }
        status.success()
    }

    /// Sends `signal` (a number) to the program and waits for it to end; returns its exit code.
    pub fn signal(&mut self, signal: i32) -> u32 {
        let pid = self.child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < DEADLINE, "the presenter did not end");
            std::thread::sleep(Duration::from_millis(25));
        };
        self.master.take();
        if let Some(r) = self.reading.take() {
            let _ = r.join();
        }
        status.exit_code()
    }

    /// Everything the program wrote to the terminal.
    pub fn printed(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }
}

impl Drop for Presenter {
    fn drop(&mut self) {
        if self.master.is_some() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
