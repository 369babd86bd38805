//! End-to-end tests: the real binary in a pseudo-terminal (portable-pty), its screen kept by
//! vt100. Each test waits for expected text with a deadline rather than sleeping, and checks
//! that the terminal was given back (alternate screen left, mouse capture and bracketed paste
//! off). Signals come from outside with `kill`, as a user or a service manager sends them.

#![cfg(unix)]

use std::io::Read;
use std::time::{Duration, Instant};

mod support;

use portable_pty::{CommandBuilder, native_pty_system};
use support::pack::fixture_arg;
use support::pty::{DEADLINE, Pty as Session, size};

#[test]
fn walk_change_an_answer_export_resize_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let mut s = Session::start(&["--pack", &pack], dir.path(), 100, 30);
    s.wait_for("Walk the tree freely");
    s.keys("\r");
    s.wait_for("Was the defendant a state judge");
    s.keys("1");
    s.wait_for("Judged by its general function");
    s.keys("1");
    s.wait_for("Did the judge order officers");
    s.keys("1");
    s.wait_for("IMMUNE");
    assert!(s.screen().contains("IMMUNE"));

    // Back one question, then forward again with the remembered answer pre-selected.
    s.keys("b");
    s.wait_for("Question 3");
    assert!(s.screen().contains("▶ 1. Yes, force was ordered"));
    s.keys("\r");
    s.wait_for("IMMUNE");

    // Review: change the second answer; the walk ends elsewhere.
    s.keys("v");
    s.wait_for("Review your answers");
    s.keys("k\r");
    s.wait_for("Question 2");
    s.keys("2");
    s.wait_for("NOT IMMUNE");
    assert!(s.screen().contains("Not a judicial act"));
    // Change it back: the later answer (force: yes) is kept, so the walk goes straight through.
    s.keys("v");
    s.wait_for("Review your answers");
    s.keys("\r");
    s.wait_for("Question 2");
    s.keys("1");
    s.wait_for(" Conclusion · ");
    s.wait_for("Absolute judicial immunity");
    assert!(!s.screen().contains("NOT IMMUNE"));

    // Export as JSON (two formats down from Markdown). The default name says what the file
    // is: the pack, the conclusion and the date.
    let date = chrono::Local::now().format("%Y-%m-%d").to_string();
    let name = format!("tui-fixture-immune-{date}.json");
    s.keys("e");
    s.wait_for("Export the conclusion");
    s.keys("\x1b[B\x1b[B");
    s.wait_for(&name);
    s.keys("\r");
    s.wait_for("Exported the JSON to");
    let file = dir.path().join(&name);
    let contents = std::fs::read_to_string(&file).expect("export written");
    assert!(
        contents.contains("immune"),
        "export names the conclusion: {contents}"
    );

    // Exporting again offers a new name; typing the old one asks before overwriting, and
    // Enter there means no.
    s.keys("e");
    s.wait_for("Export the conclusion");
    s.keys("\x1b[B\x1b[B");
    s.wait_for(&format!("tui-fixture-immune-{date}-2.json"));
    s.keys("\x15");
    s.wait_gone("-2.json");
    s.keys(&name);
    s.keys("\r");
    s.wait_for("Overwrite it?");
    s.keys("\r");
    s.wait_gone("Overwrite it?");
    s.keys("\r");
    s.wait_for("Overwrite it?");
    s.keys("y");
    s.wait_gone("Overwrite it?");
    s.wait_for("Exported the JSON to");

    // Resize: too small, then back to a size that reflows the conclusion.
    s.resize(50, 12);
    s.wait_for("terminal too small: need 60×16, have 50×12");
    s.resize(72, 20);
    s.wait_for("Absolute judicial immunity");
    let screen = s.screen();
    assert!(screen.lines().all(|l| l.chars().count() <= 72));
    assert!(screen.contains("IMMUNE"));

    // Exported, so q quits at once.
    s.keys("q");
    assert!(s.finish().success(), "exit status 0");
    s.assert_restored();
}

#[test]
fn quit_asks_first_when_the_conclusion_was_not_exported() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let mut s = Session::start(
        &["--pack", &pack, "--case", "alpha-case"],
        dir.path(),
        100,
        30,
    );
    s.wait_for("Fact pattern");
    s.wait_for("A lawyer misses a calendar");
    s.keys("111");
    s.wait_for("You reached the same result as the court");
    s.keys("q");
    s.wait_for("Quit anyway?");
    s.keys("n");
    s.wait_gone("Quit anyway?");
    // Ctrl-C asks too, and a second Ctrl-C quits.
    s.keys("\x03");
    s.wait_for("Quit anyway?");
    s.keys("\x03");
    assert!(s.finish().success());
    s.assert_restored();
}

/// Every catchable terminating signal gives the terminal back and ends the program with
/// 128 + the signal's number, as a shell reports a death by that signal.
#[test]
fn every_terminating_signal_restores_the_terminal_and_exits_128_plus_its_number() {
    let dir = tempfile::tempdir().unwrap();
    for (signal, number) in [
        ("INT", 2),
        ("QUIT", 3),
        ("TERM", 15),
        ("HUP", 1),
        ("USR1", 10),
        ("USR2", 12),
    ] {
        let mut s = Session::start(&["--pack", &fixture_arg()], dir.path(), 100, 30);
        s.wait_for("Walk the tree freely");
        s.kill(signal);
        let status = s.finish();
        assert_eq!(
            status.exit_code(),
            128 + number,
            "SIG{signal}: ended with {status:?}"
        );
        s.assert_restored();
    }
}

/// SIGTSTP from outside stops the program with the terminal given back; SIGCONT takes the
/// terminal again and redraws the whole screen; keys work afterwards. Ctrl-Z inside does the
/// same.
#[test]
fn sigtstp_stops_with_the_terminal_restored_and_sigcont_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let mut s = Session::start(&["--pack", &pack], dir.path(), 100, 30);
    s.wait_for("Walk the tree freely");
    for (round, stop) in [(1, "kill"), (2, "ctrl-z")] {
        if stop == "kill" {
            s.kill("TSTP");
        } else {
            s.keys("\x1a");
        }
        s.wait_state('T');
        s.wait_output("\x1b[?1049l", round);
        s.assert_restored();
        let before = s.output().len();
        s.kill("CONT");
        s.wait_output("\x1b[?1049h", round + 1);
        // Wait for the repaint after taking the terminal back, not just for the escape codes.
        let start = Instant::now();
        loop {
            let after = s.output()[before..].to_owned();
            if after.contains("\x1b[?2004h")
                && after.contains("\x1b[?1000h")
                && after.contains("Walk the tree freely")
            {
                break;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "{stop}: no redraw after SIGCONT"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(s.alternate_screen(), "{stop}: back on the alternate screen");
        s.wait_for("Walk the tree freely");
    }
    // Raw mode is back: a single key acts at once.
    s.keys("\r");
    s.wait_for("Was the defendant a state judge");
    s.keys("q");
    assert!(s.finish().success());
    s.assert_restored();
}

/// Walks the fixture pack to its first conclusion and opens the export dialog.
fn open_export_dialog(s: &mut Session) {
    s.wait_for("Walk the tree freely");
    s.keys("\r");
    s.wait_for("Was the defendant a state judge");
    s.keys("111");
    s.wait_for("IMMUNE");
    s.keys("e");
    s.wait_for("Export the conclusion");
}

/// Wraps `text` in the bracketed-paste markers a terminal sends when the app asked for them.
fn pasted(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

/// A paste is text for the file-name field, never keys: its newline is not Enter, and the
/// letters in it (q quits, y confirms elsewhere) do nothing but appear in the field. A 100 KB
/// paste is refused as too long for a path, at once, and the app keeps answering.
#[test]
fn a_paste_fills_the_export_path_and_never_acts_as_keys() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let mut s = Session::start(&["--pack", &pack], dir.path(), 100, 30);
    open_export_dialog(&mut s);

    s.keys(&pasted("-memo-for-ann\r\n"));
    s.wait_for("-memo-for-ann");
    assert!(
        !s.screen().contains("Exported"),
        "the newline was not Enter"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    s.keys(&pasted("first line\r\nq\r\ny\r"));
    s.wait_for("several lines");
    assert!(s.screen().contains("Export the conclusion"));

    // 100 KB of what would be commands if typed: quit, yes, Enter, Ctrl-C.
    let big = "q y\r\x03".repeat(100 * 1024 / 5);
    s.keys(&pasted(&big));
    s.wait_for("is too long for a path");
    assert!(s.screen().contains("Export the conclusion"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    // Still answering keys: Enter exports to the pasted name.
    s.keys("\r");
    s.wait_for("Exported the");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.len() == 1 && names[0].ends_with("-memo-for-ann"),
        "{names:?}"
    );
    // Elsewhere a paste is ignored with a notice.
    s.keys(&pasted("q"));
    s.wait_for("Paste ignored");
    s.keys("q");
    assert!(s.finish().success());
    s.assert_restored();
}

/// 4 KiB of keys arriving at once are all processed, not just the first kilobyte: the last
/// characters of the burst reach the field without any further key.
#[test]
fn a_4_kib_burst_of_keys_is_processed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let mut s = Session::start(&["--pack", &pack], dir.path(), 100, 30);
    open_export_dialog(&mut s);
    let burst = format!("{}BURST-END", "x".repeat(4096 - "BURST-END".len()));
    s.keys(&burst);
    s.wait_for("xxxxBURST-END");
    s.keys("\x1b");
    s.wait_gone("Export the conclusion");
    s.keys("\x03\x03");
    assert!(s.finish().success());
    s.assert_restored();
}

#[test]
fn without_a_terminal_the_line_mode_runs_instead() {
    let output = assert_cmd::Command::cargo_bin("immunity")
        .unwrap()
        .args(["--pack", &fixture_arg()])
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "q quits cleanly");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("Question 1 (acting) of at most"),
        "{stdout}"
    );
    assert!(!stdout.contains('\u{1b}'), "no escape sequence: {stdout:?}");
}

/// The terminal goes away under the running program (a window closed, an SSH session dropped):
/// the pseudo-terminal's master is closed, so the program gets SIGHUP and its input reads end of
/// file. crossterm's reader may then spin without returning to the run loop (crossterm #793); the
/// program must still end promptly and cleanly, not live on burning a core or panic.
#[test]
fn a_vanished_terminal_ends_the_program() {
    let pair = native_pty_system().openpty(size(100, 30)).expect("openpty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_immunity"));
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(std::env::temp_dir());
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let writer = pair.master.take_writer().expect("writer");
    // Wait until the start screen is drawn, so the program is in its event loop.
    let mut seen = Vec::new();
    let start = Instant::now();
    let mut buf = [0u8; 8192];
    while !String::from_utf8_lossy(&seen).contains("Walk the tree freely") {
        assert!(start.elapsed() < DEADLINE, "the start screen never came");
        let n = reader.read(&mut buf).expect("read");
        assert!(n > 0, "the program ended early");
        seen.extend_from_slice(&buf[..n]);
    }
    // Every handle on the master must go for the terminal to hang up.
    drop(reader);
    drop(writer);
    drop(pair.master);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("the program kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    // Which comes first is a race: the signal (the exit status reports SIGHUP, 128 + 1), or an
    // I/O error from the dead terminal (reported as a failure, exit 1). A panic (101) is neither.
    assert!(
        matches!(status.exit_code(), 129 | 1),
        "ended with {status:?}, not through SIGHUP or an I/O error"
    );
}
