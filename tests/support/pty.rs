//! The one pseudo-terminal harness: runs the built binary on a real pseudo-terminal of a given
//! size, as a person runs it, keeps both the raw output (for escape sequences and line-mode
//! transcripts) and the screen a terminal would show (vt100), types keys and lines, resizes,
//! signals, and waits for text with a deadline so a hung program fails its test instead of
//! hanging the suite. A session that fails part-way never leaves the program running.

// Each test binary uses the part it needs.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any wait may take before the test fails with what the screen showed.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// Variables a developer's shell may set that change what the program draws; every session
/// starts without them (a test sets them on purpose with [`Pty::spawn`]'s `env`).
const CLEARED: [&str; 4] = ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "ACCESSIBLE"];

/// A pseudo-terminal size of `cols`×`rows`.
pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// A terminal size as vt100 takes it.
pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("terminal sizes in these tests are not zero")
}

/// The binary running on a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    deadline: Duration,
}

impl Pty {
    /// Starts the binary with `args` in `cwd` on a `cols`×`rows` pseudo-terminal.
    pub fn start(args: &[&str], cwd: &Path, cols: u16, rows: u16) -> Self {
        Self::spawn(args, &[], cwd, cols, rows)
    }

    /// Starts the binary with `args` and the extra environment `env` in `cwd` on a
    /// `cols`×`rows` pseudo-terminal, with `TERM=xterm-256color`.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cwd: &Path, cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_immunity"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        for var in CLEARED {
            cmd.env_remove(var);
        }
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                // The screen first, then the raw bytes: a test that has seen bytes in the raw
                // output then finds them drawn (the other order let a check of the screen run
                // between the two and see the state before them).
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Self {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            reader: Some(reader),
            deadline: DEADLINE,
        }
    }

    /// The same session with another deadline for every wait (the live class, with hundreds
    /// of students on two cores, needs longer than a key press does).
    #[must_use]
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// What the terminal shows now.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The screen's rows, each cut to the `width` columns from `start`.
    pub fn rows(&self, start: u16, width: u16) -> Vec<String> {
        self.parser
            .lock()
            .unwrap()
            .screen()
            .rows(start, width)
            .collect()
    }

    /// True while the terminal shows the alternate screen (a full-screen program has it).
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// The raw output so far, as text (escape sequences included).
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Waits until `done` holds; fails with `what` and the screen if the deadline passes.
    fn wait_until(&self, what: &str, done: impl Fn(&Self) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < self.deadline,
                "timed out waiting for {what}; screen:\n{}\nraw output:\n{}",
                self.screen(),
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.screen().contains(text));
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to go"), |s| !s.screen().contains(text));
    }

    /// Waits until the raw output holds `needle` `count` times (for line-mode transcripts,
    /// which scroll off a screen, and for escape sequences).
    pub fn wait_output(&self, needle: &str, count: usize) {
        self.wait_until(&format!("{needle:?} x{count} in the output"), |s| {
            s.output().matches(needle).count() >= count
        });
    }

    /// Types `keys` as they are (escape sequences included).
    pub fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
    }

    /// Types a line as a user does: the text, then Enter.
    pub fn line(&mut self, text: &str) {
        self.keys(&format!("{text}\r"));
    }

    /// Types `keys`, then waits for `text`: one step a person takes and sees the result of.
    pub fn step(&mut self, keys: &str, text: &str) {
        self.keys(keys);
        self.wait_for(text);
    }

    /// Resizes the terminal (and the screen the test reads).
    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).expect("resize");
    }

    /// Waits for the process to end and its output to drain; returns how it ended.
    pub fn finish(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(
                start.elapsed() < self.deadline,
                "the program did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        if let Some(reader) = self.reader.take() {
            // The reader ends at EOF once the child (the slave's last holder) has exited.
            let _ = reader.join();
        }
        status
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Sends `signal` (a name such as `TERM` or `KILL`) to the program, as `kill -SIGNAL PID`
    /// does. The shell's built-in `kill`: a minimal system may have no `kill` program.
    pub fn kill(&self, signal: &str) {
        let pid = self.pid();
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("kill -{signal} {pid}"))
            .status()
            .expect("sh runs");
        assert!(status.success(), "kill -{signal} {pid}");
    }

    /// The process state letter (`T` when stopped): from `/proc` where there is one, else from
    /// `ps`.
    pub fn state(&self) -> String {
        let pid = self.pid();
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            // The state follows the command name, which is in parentheses.
            return stat
                .rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().chars().take(1).collect())
                .unwrap_or_default();
        }
        let out = std::process::Command::new("ps")
            .args(["-o", "stat=", "-p", &pid.to_string()])
            .output()
            .expect("ps runs");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Waits until the process is in a state starting with `letter`.
    pub fn wait_state(&self, letter: char) {
        self.wait_until(&format!("process state {letter}"), |s| {
            s.state().starts_with(letter)
        });
    }

    /// Asserts that the terminal was restored after the last time the program took it.
    pub fn assert_restored(&self) {
        let text = self.output();
        let entered = text
            .rfind("\x1b[?1049h")
            .expect("the program entered the alternate screen");
        let tail = &text[entered..];
        assert!(tail.contains("\x1b[?1049l"), "alternate screen left");
        assert!(tail.contains("\x1b[?1000l"), "mouse capture disabled");
        assert!(tail.contains("\x1b[?2004l"), "bracketed paste disabled");
        assert!(tail.contains("\x1b[?25h"), "cursor shown");
        assert!(!self.alternate_screen(), "back on the main screen");
    }
}

/// A test that fails part-way must not leave the program running behind it.
impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
