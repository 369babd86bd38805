//! The line mode in a real pseudo-terminal (portable-pty): what a screen-reader user's terminal
//! receives. The whole session's raw bytes are scanned: not one escape sequence (no cursor
//! movement, no alternate screen, no erasing, no colour), and the transcript, read top to
//! bottom, walks the fact pattern to its conclusion.

#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(20);

struct Session {
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    // Kept open until the session ends: dropping the master hangs the terminal up.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    /// Starts the binary with `args` and extra environment `env` on an 80×24 pseudo-terminal.
    fn start(args: &[&str], env: &[(&str, &str)], cwd: &std::path::Path) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_immunity"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "ACCESSIBLE"] {
            cmd.env_remove(var);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let raw = Arc::new(Mutex::new(Vec::new()));
        let r = Arc::clone(&raw);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Self {
            writer,
            child,
            raw,
            reader: Some(reader),
            _master: pair.master,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Waits until the output holds `needle` `times` times.
    fn wait_for_count(&self, needle: &str, times: usize) {
        let start = Instant::now();
        while self.text().matches(needle).count() < times {
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {needle:?} x{times}; output:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for(&self, needle: &str) {
        self.wait_for_count(needle, 1);
    }

    /// Types a line as a user does: the text, then Enter.
    fn line(&mut self, text: &str) {
        self.writer
            .write_all(format!("{text}\r").as_bytes())
            .expect("type");
        self.writer.flush().expect("flush");
    }

    /// Waits for the program to exit; returns its exit code.
    fn finish(&mut self) -> u32 {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "the program did not exit; output:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        status.exit_code()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// What a walk of Gregory v. Thompson as the court answered it shows, taken from the pack.
struct Gregory {
    /// Per step: the heading, the prompt, the option number typed, the confirmation.
    steps: Vec<(String, String, usize, String)>,
    facts_start: String,
    outcome: String,
    conclusion_id: String,
}

fn gregory() -> Gregory {
    let files = immunity::pack::FileSet::bundled("judicial-immunity").unwrap();
    let pack = immunity::pack::load(&files).unwrap().0;
    let case = pack.case("gregory").unwrap();
    let walked = immunity::engine::walk(&pack, &case.answers).unwrap();
    let longest = immunity::engine::longest_remaining(&pack);
    let steps = walked
        .session
        .history()
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let q = pack.question(s.question);
            let label = &q.options[s.option].label;
            (
                format!(
                    "Question {} ({}) of at most {}:",
                    k + 1,
                    q.id,
                    k + longest[s.question]
                ),
                q.prompt.clone(),
                s.option + 1,
                format!(
                    "You chose {}: {}.",
                    s.option + 1,
                    label.trim_end_matches('.')
                ),
            )
        })
        .collect();
    let c = pack.conclusion(walked.session.conclusion().unwrap());
    Gregory {
        steps,
        facts_start: case.facts.chars().take(40).collect(),
        outcome: format!("Outcome: {}.", pack.outcome_label(&c.outcome)),
        conclusion_id: c.id.clone(),
    }
}

/// Walks Gregory v. Thompson on a terminal as the court answered it, reading the facts, the
/// why and the excerpts on the way and the chain at the end, then exporting; returns the raw
/// bytes the terminal received.
fn walk_gregory(args: &[&str], env: &[(&str, &str)]) -> String {
    let g = gregory();
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(args, env, dir.path());
    for (k, (heading, _, number, confirm)) in g.steps.iter().enumerate() {
        s.wait_for(heading);
        s.wait_for_count("q quit", k + 1);
        match k {
            0 => {
                s.line("f");
                s.wait_for(&g.facts_start);
            }
            1 => {
                s.line("w");
                s.wait_for("Why this question is asked:");
            }
            2 => {
                s.line("x");
                s.wait_for("Excerpt 1 of");
            }
            _ => {}
        }
        s.line(&number.to_string());
        s.wait_for(confirm);
    }
    s.wait_for(&g.outcome);
    s.line("c");
    s.wait_for(&format!("Reasoning chain, {} steps:", g.steps.len()));
    s.line("e");
    s.wait_for("Export format:");
    s.line("");
    let name = format!("immunity-{}.md", g.conclusion_id);
    s.wait_for(&format!("File name, or press Enter for {name}"));
    s.line("");
    s.wait_for("Saved the markdown export to ");
    s.line("q");
    s.wait_for("Goodbye.");
    assert_eq!(s.finish(), 0);
    assert!(dir.path().join(&name).is_file(), "the export was written");
    s.text()
}

/// The transcript holds no escape sequence, and reads in order from the first question to the
/// conclusion and the export, each step once.
fn assert_plain_transcript(text: &str) {
    assert!(
        !text.contains('\u{1b}'),
        "an escape sequence reached the terminal: {text:?}"
    );
    assert!(!text.contains('\u{9b}'), "a C1 control sequence introducer");
    let g = gregory();
    let mut order: Vec<String> = vec![
        "Plain mode".into(),
        // The decision is cited with its status word; its history is printed on request (f).
        "Fact pattern: Gregory v. Thompson, 500 F.2d 59 (9th Cir. 1974) [CAUTION]. Type f to read the facts."
            .into(),
    ];
    for (k, (heading, prompt, _, confirm)) in g.steps.iter().enumerate() {
        order.push(heading.clone());
        order.push(prompt.clone());
        order.push(
            [
                &g.facts_start,
                "Why this question is asked:",
                "Excerpt 1 of",
            ]
            .get(k)
            .map_or_else(String::new, |s| (*s).to_owned()),
        );
        order.push(confirm.clone());
    }
    order.extend(
        [
            g.outcome.as_str(),
            "You reached the same result as the court",
            &format!("Reasoning chain, {} steps:", g.steps.len()),
            "Saved the markdown export to ",
            "Goodbye.",
        ]
        .map(str::to_owned),
    );
    let mut at = 0;
    for needle in &order {
        let found = text[at..]
            .find(needle.as_str())
            .unwrap_or_else(|| panic!("{needle:?} after byte {at}; transcript:\n{text}"));
        at += found + needle.len();
    }
    for (heading, ..) in &g.steps {
        assert_eq!(
            text.matches(heading.as_str()).count(),
            1,
            "each step prints once"
        );
    }
}

#[test]
fn plain_flag_on_a_terminal_emits_no_escape_sequence_and_walks_to_the_conclusion() {
    let text = walk_gregory(&["--plain", "--case", "gregory"], &[]);
    assert_plain_transcript(&text);
    assert!(text.contains("Plain mode (--plain was given)"), "{text}");
}

#[test]
fn accessible_chooses_the_line_mode_on_a_terminal() {
    let text = walk_gregory(&["--case", "gregory"], &[("ACCESSIBLE", "1")]);
    assert_plain_transcript(&text);
    assert!(text.contains("Plain mode (ACCESSIBLE is set)"), "{text}");
}

#[test]
fn a_dumb_terminal_chooses_the_line_mode() {
    let text = walk_gregory(&["--case", "gregory"], &[("TERM", "dumb")]);
    assert_plain_transcript(&text);
    assert!(text.contains("Plain mode (TERM is dumb)"), "{text}");
}

#[test]
fn end_of_input_at_a_question_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["--plain"], &[], dir.path());
    // At a terminal without --case, the start menu of the full screen comes first.
    s.wait_for("Your choice (1 to ");
    assert!(s.text().contains("1. Walk the tree freely"), "{}", s.text());
    assert!(s.text().contains("2. Quiz: "), "{}", s.text());
    assert!(
        s.text()
            .contains("Fact pattern: Gregory v. Thompson (gregory)")
    );
    s.line("1");
    s.wait_for("; q quit");
    // Ctrl-D on an empty line: the terminal's end of input.
    s.writer.write_all(b"\x04").unwrap();
    s.writer.flush().unwrap();
    s.wait_for("End of input before a conclusion.");
    assert_eq!(s.finish(), 3);
    assert!(!s.text().contains('\u{1b}'));
}

/// Whether the bytes hold an SGR sequence that sets a foreground or background colour.
fn sets_a_colour(text: &str) -> bool {
    text.split("\u{1b}[").skip(1).any(|seq| {
        let Some(end) = seq.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        if !seq[end..].starts_with('m') {
            return false;
        }
        seq[..end].split(';').any(|p| {
            p.parse::<u16>()
                .is_ok_and(|n| matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107))
        })
    })
}

/// The full screen under `env` and `args`: whether any colour was drawn.
fn full_screen_colours(args: &[&str], env: &[(&str, &str)]) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(args, env, dir.path());
    // The start screen, then the first question: both drawn, then quit. (The full screen
    // moves the cursor between words, so only phrases drawn in one run can be waited for.)
    s.wait_for("Walk the tree freely");
    s.writer.write_all(b"\r").unwrap();
    s.writer.flush().unwrap();
    s.wait_for("Question 1");
    s.writer.write_all(b"q").unwrap();
    s.writer.flush().unwrap();
    assert_eq!(s.finish(), 0);
    let text = s.text();
    assert!(text.contains("\u{1b}[?1049h"), "the full screen ran");
    sets_a_colour(&text)
}

#[test]
fn the_full_screen_follows_no_color_and_the_color_flag() {
    assert!(full_screen_colours(&[], &[]), "colour by default");
    assert!(!full_screen_colours(&[], &[("NO_COLOR", "1")]));
    assert!(!full_screen_colours(&[], &[("CLICOLOR", "0")]));
    assert!(!full_screen_colours(&["--color", "never"], &[]));
    assert!(
        full_screen_colours(&["--color", "always"], &[("NO_COLOR", "1")]),
        "the flag the user typed wins"
    );
}
