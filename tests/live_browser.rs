//! The student page in real Chromium: Debian's `chromedriver` (package `chromium-driver`)
//! driven over the `WebDriver` HTTP protocol by the few calls below, against the real presenter
//! in a pseudo-terminal serving on 127.0.0.1. A student loads the page, chooses an option and
//! a confidence by clicking their labels, sends, sees "Answer received", and the presenter's
//! screen counts the answer; once with scripts on (the page then follows the presenter's lock
//! by itself, through server-sent events) and once with scripts off
//! (`--blink-settings=scriptEnabled=false`: the plain form and the refresh link).
//!
//! Ignored by a plain `cargo test`; CI runs it with `--include-ignored`, and then a missing
//! driver fails the test with what to install.

#![cfg(unix)]

mod live_support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use live_support::{DEADLINE, LiveClass, live_class};
use serde_json::{Value, json};

const DRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A chromedriver process on a loopback port, killed on drop.
struct Driver {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Self {
        for needed in [DRIVER, CHROMIUM] {
            assert!(
                Path::new(needed).is_file(),
                "{needed} is required for the browser test but is missing. Install it with \
                 `apt-get install chromium chromium-driver` (Debian) and run \
                 `cargo test -- --include-ignored` again."
            );
        }
        // A free loopback port for the driver (asked of the kernel, then handed over).
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(DRIVER)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let start = Instant::now();
        while driver.call("GET", "/status", None).get("ready") != Some(&json!(true)) {
            assert!(
                start.elapsed() < DEADLINE,
                "chromedriver never became ready"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    /// One `WebDriver` call; returns its `value` (Null when the driver is not answering yet).
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let Ok(mut stream) = std::net::TcpStream::connect(self.addr) else {
            return Value::Null;
        };
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let body = body.map(Value::to_string).unwrap_or_default();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: \
             application/json\r\nContent-Length: {}\r\n\r\n",
            self.addr,
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        // The driver may keep the connection open: read the head, then Content-Length bytes.
        let mut reader = std::io::BufReader::new(stream);
        let mut length = 0usize;
        let mut line = String::new();
        loop {
            line.clear();
            if std::io::BufRead::read_line(&mut reader, &mut line).unwrap_or(0) == 0 {
                break;
            }
            if line == "\r\n" {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; length];
        let _ = reader.read_exact(&mut body);
        serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| v.get("value").cloned())
            .unwrap_or(Value::Null)
    }

    /// A new headless browser session, scripts on or off; returns its id.
    fn session(&self, scripts: bool) -> String {
        let mut args = vec![
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--window-size=360,800",
        ];
        if !scripts {
            args.push("--blink-settings=scriptEnabled=false");
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}
        }}});
        let value = self.call("POST", "/session", Some(&caps));
        value["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {value}"))
            .to_owned()
    }

    fn go(&self, session: &str, url: &str) {
        self.call(
            "POST",
            &format!("/session/{session}/url"),
            Some(&json!({"url": url})),
        );
    }

    fn click(&self, session: &str, css: &str) {
        let found = self.call(
            "POST",
            &format!("/session/{session}/element"),
            Some(&json!({"using": "css selector", "value": css})),
        );
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_owned();
        self.call(
            "POST",
            &format!("/session/{session}/element/{id}/click"),
            Some(&json!({})),
        );
    }

    fn source(&self, session: &str) -> String {
        self.call("GET", &format!("/session/{session}/source"), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits until the page's source holds `text`.
    fn wait_for(&self, session: &str, text: &str) {
        let start = Instant::now();
        while !self.source(session).contains(text) {
            assert!(
                start.elapsed() < DEADLINE,
                "the page never showed {text:?}:\n{}",
                self.source(session)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn end(&self, session: &str) {
        self.call("DELETE", &format!("/session/{session}"), None);
    }
}

#[test]
#[ignore = "needs chromium and chromedriver: apt-get install chromium chromium-driver"]
fn a_student_answers_in_chromium_with_scripts_on_and_off() {
    let driver = Driver::start();
    let LiveClass {
        mut presenter,
        results: _results,
        out: _out,
        pack: _pack,
    } = live_class(&["alpha-case"], &[]);
    let (addr, path) = presenter.join_address();
    let url = format!("http://{addr}{path}");
    presenter.press("o");
    presenter.wait_for("OPEN");

    // Scripts on: C, certain.
    let on = driver.session(true);
    driver.go(&on, &url);
    driver.wait_for(&on, "How sure are you?");
    driver.click(&on, "label[for=o2]");
    driver.click(&on, "label[for=c3]");
    driver.click(&on, "button[type=submit]");
    driver.wait_for(&on, "Answer received: C, certain");
    presenter.wait_for("1 of 1 answered");

    // Scripts off: B, a guess.
    let off = driver.session(false);
    driver.go(&off, &url);
    driver.wait_for(&off, "How sure are you?");
    driver.click(&off, "label[for=o1]");
    driver.click(&off, "label[for=c1]");
    driver.click(&off, "button[type=submit]");
    driver.wait_for(&off, "Answer received: B, a guess");
    presenter.wait_for("2 of 2 answered");
    let tally = presenter.tally();
    assert_eq!((tally[&'B'], tally[&'C']), (1, 1), "{}", presenter.text());

    // The lock reaches the scripted page by itself; the other one by its refresh link.
    presenter.press("l");
    presenter.wait_for("LOCKED");
    driver.wait_for(&on, "Locked. Your answer: C, certain");
    assert!(!driver.source(&off).contains("Locked."));
    driver.click(&off, "header a");
    driver.wait_for(&off, "Locked. Your answer: B, a guess");

    driver.end(&on);
    driver.end(&off);
    assert!(presenter.quit());
}
