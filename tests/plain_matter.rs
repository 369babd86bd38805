//! `immunity --matter FILE` line by line, driven as a script drives it: one command per line on
//! standard input, the matter file read back after each step. Against the small fixture pack
//! (whose ids do not change when the bundled pack does): `acting` (yes → function, no →
//! no-claim), `function` (yes → force, no → not-judicial), `force` (yes or no → immune). So an
//! unsure `function` decides between "Immune" and "Not immune", and a contested `force` holds
//! either way.
//!
//! Also: a corrupted file gives a located error and is left byte for byte; a second opener
//! (the lock held by this test) writes nothing; a save that fails is reported, never claimed;
//! untrusted names and notes reach the output without a control character; and one session in
//! a real terminal (`--plain`, on the one pseudo-terminal harness `support::pty`) emits no
//! escape sequence.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::pack::fixture_dir;
use support::pty::Pty;

const DEADLINE: Duration = Duration::from_secs(30);

fn command() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_immunity"));
    cmd.arg("--pack").arg(fixture_dir());
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "ACCESSIBLE"] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs `--matter FILE` with `script` on standard input; returns (exit code, stdout, stderr).
fn run_script(file: &Path, script: &str) -> (i32, String, String) {
    let folder = file
        .ancestors()
        .skip(1)
        .find(|p| p.is_dir())
        .expect("a folder that exists");
    let mut child = command()
        .arg("--matter")
        .arg(file)
        .current_dir(folder)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // A program that stops early (a refused matter) may not read it all: a closed pipe is
    // not the test's failure.
    let _ = child.stdin.take().unwrap().write_all(script.as_bytes());
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_no_control(&stdout);
    (
        out.status.code().unwrap_or(-1),
        stdout,
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

/// Nothing but line feeds below U+0020, no DEL, no C1 control: no escape sequence at all.
fn assert_no_control(text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || c == '\u{7f}')
    {
        panic!("a control character {c:?} reached the output:\n{text}");
    }
}

fn read(file: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// A line-mode session on pipes: commands go in one at a time, and the test waits for the
/// program's answer before it reads the file.
struct Piped {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Arc<Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Piped {
    fn start(file: &Path) -> Self {
        let mut child = command()
            .arg("--matter")
            .arg(file)
            .current_dir(file.parent().unwrap())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let out = Arc::new(Mutex::new(String::new()));
        let o = Arc::clone(&out);
        let reader = std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout);
            let mut line = String::new();
            while lines.read_line(&mut line).is_ok_and(|n| n > 0) {
                o.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Self {
            child,
            stdin,
            out,
            reader: Some(reader),
        }
    }

    fn text(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    fn count(&self, needle: &str) -> usize {
        self.text().matches(needle).count()
    }

    fn wait_for_count(&self, needle: &str, times: usize) {
        let start = Instant::now();
        while self.count(needle) < times {
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {needle:?} x{times}; output:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends one line, then waits until the program has said "Saved." once more: the change is
    /// in the file.
    fn change(&mut self, line: &str) {
        let saved = self.count("\nSaved.\n");
        self.send(line);
        self.wait_for_count("\nSaved.\n", saved + 1);
    }

    fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(format!("{line}\n").as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Closes standard input and waits for the exit; returns (code, stdout, stderr).
    fn finish(mut self) -> (i32, String, String) {
        drop(self.stdin.take());
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < DEADLINE, "no exit:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(10));
        };
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let out = self.text();
        assert_no_control(&out);
        (status.code().unwrap_or(-1), out, err)
    }
}

impl Drop for Piped {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn answers(file: &Path, screening: usize) -> Vec<Value> {
    read(file)["screenings"][screening]["answers"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn answer<'a>(answers: &'a [Value], question: &str) -> &'a Value {
    answers
        .iter()
        .find(|a| a["question"] == question)
        .unwrap_or_else(|| panic!("no answer to {question} in {answers:?}"))
}

/// Creates a matter, screens three defendants with notes, cites, an unsure and a contested
/// answer, reading the file after every step; then reopens it and finds everything.
#[test]
fn a_matter_screened_step_by_step_is_saved_at_every_step_and_found_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doe.matter.json");
    let mut s = Piped::start(&file);
    s.wait_for_count("Caption of the matter", 1);
    assert!(!file.exists(), "nothing is written before the caption");
    s.send("Doe v. Roe");
    s.send("D. Or.");
    s.send("");
    s.wait_for_count("Created ", 1);
    let m = read(&file);
    assert_eq!(m["matter"]["caption"], "Doe v. Roe");
    assert_eq!(m["matter"]["court"], "D. Or.");
    assert!(m["matter"].get("docket").is_none(), "an empty line skips");
    assert_eq!(m["screenings"], serde_json::json!([]));

    // The judge: acting yes (with a note), function yes (unsure, cited), force no.
    s.send("add");
    s.send("Judge A. Roe");
    s.change("ordered the plaintiff jailed (Compl. ¶ 14)");
    let m = read(&file);
    assert_eq!(m["screenings"][0]["defendant"], "Judge A. Roe");
    assert_eq!(
        m["screenings"][0]["act"],
        "ordered the plaintiff jailed (Compl. ¶ 14)"
    );
    assert_eq!(answers(&file, 0).len(), 0);
    s.wait_for_count("No answers yet: starting at the first question.", 1);
    s.change("1");
    assert_eq!(answer(&answers(&file, 0), "acting")["option"], "yes");
    s.change("note Compl. ¶ 12: the judge was on the bench");
    assert_eq!(
        answer(&answers(&file, 0), "acting")["note"],
        "Compl. ¶ 12: the judge was on the bench"
    );
    s.change("1");
    s.change("unsure");
    assert_eq!(
        answer(&answers(&file, 0), "function")["certainty"],
        "unsure"
    );
    assert_eq!(answer(&answers(&file, 0), "acting")["certainty"], "sure");
    s.change("cite Compl. ¶¶ 12–14");
    s.change("cite Ex. B at 3");
    assert_eq!(
        answer(&answers(&file, 0), "function")["cites"],
        serde_json::json!(["Compl. ¶¶ 12–14", "Ex. B at 3"])
    );
    s.change("2");
    assert_eq!(answer(&answers(&file, 0), "force")["option"], "no");
    // At the conclusion, the unsure answer's contingency, computed by the core.
    s.wait_for_count("Outcome: Immune.", 1);
    s.wait_for_count(
        "- If the answer were \u{201c}No, not something a judge does\u{201d}: Not immune: Not a judicial act.",
        1,
    );
    s.send("menu");
    s.wait_for_count("Back to the matter.", 1);
    s.wait_for_count(
        "1. Judge A. Roe, act: ordered the plaintiff jailed (Compl. ¶ 14). Immune: Absolute judicial immunity. Certainty: depends on 1 unsure answer.",
        1,
    );

    // The clerk: a contested answer that holds either way.
    s.send("add");
    s.send("Clerk B. Smith");
    s.change("");
    s.change("1");
    s.change("1");
    s.change("1");
    s.change("contested");
    assert_eq!(
        answer(&answers(&file, 1), "force")["certainty"],
        "contested"
    );
    s.wait_for_count("the conclusion holds whichever way it goes.", 1);
    s.send("menu");
    s.wait_for_count(
        "2. Clerk B. Smith. Immune: Absolute judicial immunity. Certainty: holds either way.",
        1,
    );

    // The prosecutor: left pending after one answer.
    s.send("add");
    s.send("Prosecutor C. Doe");
    s.change("filed the charges");
    s.change("1");
    s.send("menu");
    s.wait_for_count("3. Prosecutor C. Doe, act: filed the charges. Pending at \u{201c}Judged by its general function", 1);
    s.send("q");
    let (code, out, err) = s.finish();
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Goodbye. Every change was saved."));
    let m = read(&file);
    assert_eq!(m["screenings"].as_array().unwrap().len(), 3);
    assert_reopened(&file);
}

/// Reopened: the menu, the notes and cites, and the walk resumed where it stopped.
fn assert_reopened(file: &Path) {
    let (code, out, err) = run_script(file, "1\nv\nmenu\n3\nq\n");
    assert_eq!(code, 0, "{out}\n{err}");
    for needle in [
        "Opened ",
        "1. Judge A. Roe, act: ordered the plaintiff jailed (Compl. ¶ 14). Immune: Absolute judicial immunity. Certainty: depends on 1 unsure answer.",
        "2. Clerk B. Smith. Immune: Absolute judicial immunity. Certainty: holds either way.",
        "3 answers saved; the walk reaches a conclusion after 3 questions.",
        "Note: Compl. ¶ 12: the judge was on the bench",
        "Record cites: Compl. ¶¶ 12–14; Ex. B at 3.",
        "Marked unsure.",
        "Screening 3 of 3: Prosecutor C. Doe, act: filed the charges.",
        "1 answer saved; resuming at question 2 after 1 answer on the path.",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    assert!(!out.contains("Saved."), "reading changes nothing:\n{out}");
}

/// A file that does not parse: a located error, a non-zero exit, the file byte for byte as it
/// was, and nothing asked.
#[test]
fn a_corrupted_matter_gives_a_located_error_and_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/matter/corrupted.json"),
    )
    .unwrap();
    std::fs::write(&file, &bytes).unwrap();
    let (code, out, err) = run_script(&file, "add\nX\n\n1\nq\n");
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains("broken.json:5:32: Trailing commas are not allowed"),
        "{err}"
    );
    assert!(!out.contains("Saved."), "{out}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

/// The lock held (as another immunity would hold it): refused with a message, exit 1, nothing
/// written, neither to an existing matter nor by creating a missing one.
#[test]
fn a_second_opener_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("held.json");
    let (code, out, err) = run_script(&file, "Held v. Lock\n\n\nq\n");
    assert_eq!(code, 0, "{out}\n{err}");
    let bytes = std::fs::read(&file).unwrap();
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();

    let lock = immunity::matter::MatterLock::acquire(&file).unwrap();
    let (code, out, err) = run_script(&file, "add\nJudge X\n\n1\nq\n");
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        err.contains("held.json is open in another immunity program"),
        "{err}"
    );
    assert!(!out.contains("Saved."), "{out}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        modified
    );

    let missing = dir.path().join("missing.json");
    let missing_lock = immunity::matter::MatterLock::acquire(&missing).unwrap();
    let (code, out, err) = run_script(&missing, "Missing v. Lock\n\n\nq\n");
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        !out.contains("Caption"),
        "refused before any question: {out}"
    );
    assert!(!missing.exists(), "nothing was created");
    drop((lock, missing_lock));
}

/// A matter saved with another pack version: the fit report lists the answers that no longer
/// fit, and they stay in the file through later changes.
#[test]
fn another_pack_version_is_reported_and_misfits_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.json");
    std::fs::write(
        &file,
        r#"{
  "format": "immunity-matter",
  "format_version": 1,
  "matter": {"caption": "Old v. Pack"},
  "screenings": [{
    "defendant": "Judge Old",
    "pack": {"id": "tui-fixture", "version": "0.9.0", "content_hash": "0000"},
    "answers": [
      {"question": "acting", "option": "yes"},
      {"question": "function", "option": "yes", "note": "kept"},
      {"question": "force", "option": "maybe", "note": "force note"},
      {"question": "gone", "option": "x"}
    ]
  }]
}
"#,
    )
    .unwrap();
    let (code, out, err) = run_script(&file, "1\nnote still here\nmenu\nq\n");
    assert_eq!(code, 0, "{out}\n{err}");
    for needle in [
        "Screening 1, Judge Old: screened with tui-fixture version 0.9.0; shown with tui-fixture version 1.0.0.",
        "Screening 1, Judge Old: 2 saved answers no longer fit the pack; kept in the file, not used in the walk:",
        "- force = maybe: question \"force\" has no option \"maybe\" (its options are: yes, no).",
        "- gone = x: the pack has no question \"gone\".",
        "resuming at question 3 after 2 answers on the path.",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    let a = answers(&file, 0);
    assert_eq!(answer(&a, "function")["note"], "still here");
    assert_eq!(answer(&a, "force")["option"], "maybe");
    assert_eq!(answer(&a, "force")["note"], "force note");
    assert_eq!(answer(&a, "gone")["option"], "x");
    assert_eq!(a.len(), 4);
}

/// Rename, duplicate and delete from the menu; delete asks, and anything but y keeps it.
#[test]
fn the_menu_renames_duplicates_and_deletes_only_on_yes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.json");
    let script = "M v. N\n\n\nadd\nJudge One\nthe act\n1\nnote why\nmenu\n\
                  rename 1\nJudge Uno\nstate trial judge\n-\n\
                  duplicate 1\nClerk Dos\n\
                  delete 1\n\n\
                  delete 1\nno\n\
                  delete 2\ny\nq\n";
    let (code, out, err) = run_script(&file, script);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Kept screening 1, Judge Uno."), "{out}");
    assert!(out.contains("Deleted screening 2, Clerk Dos."), "{out}");
    let m = read(&file);
    let s = m["screenings"].as_array().unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["defendant"], "Judge Uno");
    assert!(s[0].get("act").is_none(), "- removed the act");
    assert_eq!(s[0]["role"], "state trial judge");
    assert!(
        out.contains("1. Judge Uno (state trial judge). Pending at"),
        "the role is listed: {out}"
    );
    assert_eq!(answer(&answers(&file, 0), "acting")["note"], "why");
}

/// The memo from the menu: the same writer as `immunity memo`, and an existing file is kept
/// unless the answer is y.
#[test]
fn the_memo_is_written_from_the_menu_and_never_over_a_file_without_yes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doe.matter.json");
    let script = "Doe v. Roe\n\n\nadd\nJudge A. Roe\n\n1\n1\nunsure\n2\nmenu\n\
                  memo\n\n\n\
                  memo\nmarkdown\ndoe-memo.md\n\n";
    let (code, out, err) = run_script(&file, script);
    assert_eq!(code, 0, "{out}\n{err}");
    let memo_path = dir.path().join("doe-memo.md");
    assert!(out.contains("Wrote the markdown memo to "), "{out}");
    assert!(
        out.contains("doe-memo.md already exists. Overwrite it?"),
        "{out}"
    );
    assert!(out.contains("no memo was written"), "{out}");
    let memo = std::fs::read_to_string(&memo_path).unwrap();
    for needle in [
        "Doe v. Roe",
        "Judge A. Roe",
        "Not immune: Not a judicial act",
    ] {
        assert!(
            memo.contains(needle),
            "missing {needle:?} in the memo:\n{memo}"
        );
    }
    // The same memo as `immunity memo` writes, but for the time it was made.
    let cli = command()
        .args(["memo", file.to_str().unwrap(), "--format", "markdown"])
        .output()
        .unwrap();
    // Lines with the date or time of making differ; every other line is the same.
    let today = immunity::matter::today();
    let strip = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.contains(&today))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&String::from_utf8(cli.stdout).unwrap()), strip(&memo));
}

/// Names, notes and file contents with escape sequences and other control characters never
/// reach the output as they are.
#[test]
fn untrusted_text_reaches_the_output_without_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.json");
    std::fs::write(
        &file,
        "{\"format\": \"immunity-matter\", \"format_version\": 1,\n\
         \"matter\": {\"caption\": \"Evil\\u001b[2J v. \\u0007Bell\", \"court\": \"\\u009b31m\"},\n\
         \"screenings\": [{\"defendant\": \"Judge\\u001b]0;owned\\u0007 X\", \"act\": \"a\\rb\",\n\
         \"pack\": {\"id\": \"tui-fixture\", \"version\": \"1.0.0\", \"content_hash\": \"x\"},\n\
         \"answers\": [{\"question\": \"acting\", \"option\": \"yes\", \"note\": \"n\\u001b[1mote\", \"cites\": [\"\\u001b[31m¶ 1\"]}]}]}\n",
    )
    .unwrap();
    // Typed text with a control character: dropped on input.
    let (code, out, err) = run_script(&file, "1\nb\nv\nnote typed\u{1b}[31m red\nmenu\nq\n");
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Judge"), "{out}");
    let a = answers(&file, 0);
    assert!(
        !answer(&a, "acting")["note"]
            .as_str()
            .unwrap()
            .contains('\u{1b}'),
        "{a:?}"
    );
}

/// A byte source that runs `action` once, when the reader first asks for input at or past
/// `at` bytes: to change the world between two script lines.
struct Hook<F: FnOnce()> {
    data: std::io::Cursor<Vec<u8>>,
    at: u64,
    action: Option<F>,
}

impl<F: FnOnce()> Read for Hook<F> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.fill_buf()?.len().min(buf.len());
        buf[..n].copy_from_slice(&self.fill_buf()?[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<F: FnOnce()> BufRead for Hook<F> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.data.position() >= self.at
            && let Some(action) = self.action.take()
        {
            action();
        }
        // One line at a time, so the action runs between lines.
        let pos = usize::try_from(self.data.position()).unwrap();
        let rest = &self.data.get_ref()[pos..];
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        let end = if pos < usize::try_from(self.at).unwrap() {
            end.min(usize::try_from(self.at).unwrap() - pos)
        } else {
            end
        };
        Ok(&rest[..end])
    }

    fn consume(&mut self, amount: usize) {
        self.data.set_position(self.data.position() + amount as u64);
    }
}

/// A save that fails is reported and not claimed: at a terminal the session goes on and says
/// what was not saved; in a script it stops with the error.
#[test]
fn a_failed_save_is_reported_not_claimed() {
    let files = immunity::pack::FileSet::from_dir(&fixture_dir()).unwrap();
    let pack = immunity::pack::load(&files).unwrap().0;
    for strict in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("gone.json");
        let head = "Gone v. Away\n\n\n";
        let script = format!("{head}add\nJudge Z\n\nq\n");
        let target = file.clone();
        let input = Hook {
            data: std::io::Cursor::new(script.into_bytes()),
            at: head.len() as u64,
            // The matter's path becomes a folder: the next save cannot replace it.
            action: Some(move || {
                std::fs::remove_file(&target).unwrap();
                std::fs::create_dir(&target).unwrap();
            }),
        };
        let options = immunity::plain::PlainOptions {
            case: None,
            echo: true,
            strict,
            cwd: dir.path().to_owned(),
            tool_version: "test".into(),
            reason: None,
        };
        let mut out = Vec::new();
        let result = immunity::plain::matter::run(&file, &pack, None, options, input, &mut out);
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out.matches("Saved.").count(),
            1,
            "only the creation:\n{out}"
        );
        assert!(out.contains("Added screening 1: Judge Z."), "{out}");
        if strict {
            let e = result.expect_err("a script stops on a failed save");
            assert!(e.to_string().contains("gone.json"), "{e}");
        } else {
            assert!(result.is_ok(), "{result:?}");
            assert!(out.contains("Not saved: "), "{out}");
            assert!(out.contains("Goodbye."), "{out}");
        }
        assert!(file.is_dir());
    }
}

/// End of input before a conclusion exits 3 (everything typed is saved); at the menu, 0. A
/// script line that is not a command, or a script that ends inside a question, stops the
/// session with its line number (exit 2).
#[test]
fn exit_codes_follow_the_line_mode() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("e.json");
    let (code, out, err) = run_script(&file, "E v. F\n\n\nadd\nJudge\n\n1\n");
    assert_eq!(code, 3, "{out}\n{err}");
    assert!(out.contains("End of input before a conclusion. Every change was saved."));
    // A folder that does not exist is named, before any question.
    let (code, out, err) = run_script(&dir.path().join("no/such/m.json"), "X\n\n\n");
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(err.contains("no/such/m.json: the folder "), "{err}");
    assert!(err.contains("no/such does not exist"), "{err}");
    assert!(!out.contains("Caption"), "{out}");
    // Input that ends before the caption creates nothing, not even a lock file.
    let never = dir.path().join("never.json");
    let (code, out, err) = run_script(&never, "");
    assert_eq!(code, 3, "{out}\n{err}");
    assert!(out.contains("no matter was created"), "{out}");
    assert!(!never.exists());
    assert!(!dir.path().join(".never.json.lock").exists());
    assert_eq!(answers(&file, 0).len(), 1);
    let (code, out, err) = run_script(&file, "l\n");
    assert_eq!(code, 0, "{out}\n{err}");
    let (code, out, err) = run_script(&file, "frobnicate\n");
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains("standard input line 1: unknown command \"frobnicate\" at the matter's menu"),
        "{err}"
    );
    // A script that ends in the middle of a question stops there, as the walkthrough's export
    // does: nothing half done, and the line named.
    let (code, _, err) = run_script(&file, "1\nnote\n");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("standard input line 2: the input ended; the note is unchanged"),
        "{err}"
    );
}

/// One session in a real terminal with `--plain`: no escape sequence in the raw bytes, and the
/// changes typed are in the file.
#[cfg(unix)]
#[test]
fn a_session_in_a_terminal_emits_no_escape_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pty.json");
    let pack = fixture_dir();
    let args = [
        "--pack",
        pack.to_str().unwrap(),
        "--plain",
        "--matter",
        file.to_str().unwrap(),
    ];
    let mut t = Pty::start(&args, dir.path(), 80, 24);
    t.wait_output("Plain mode (--plain was given)", 1);
    // Each step: what the program says (and how many times by then), then what is typed.
    for (said, times, typed) in [
        ("Caption of the matter", 1, "Pty v. Terminal"),
        ("Court (press Enter to skip):", 1, ""),
        ("Docket number", 1, ""),
        ("Created ", 1, "add"),
        ("Defendant's name", 1, "Judge Tty"),
        ("The act complained of", 1, ""),
        ("Question 1 (acting) of at most 3:", 1, "1"),
        ("Saved.", 3, "unsure"),
        ("Saved.", 4, "q"),
    ] {
        t.wait_output(said, times);
        t.line(typed);
    }
    t.wait_output("Goodbye.", 1);
    let status = t.finish();
    let all = t.output();
    assert_eq!(status.exit_code(), 0, "{all}");
    assert!(
        !all.contains('\u{1b}'),
        "an escape byte reached the terminal:\n{all}"
    );
    assert!(!all.contains('\u{9b}'), "a C1 control sequence introducer");
    assert!(
        !all.contains("> "),
        "a terminal is not echoed by the program"
    );
    let a = answers(&file, 0);
    assert_eq!(answer(&a, "acting")["certainty"], "unsure");
}

/// An unsure answer whose other answer leads to a question this screening never answered:
/// that question is named, not guessed.
#[test]
fn a_contingency_that_reaches_an_unanswered_question_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("u.json");
    let (code, out, err) = run_script(&file, "U v. V\n\n\nadd\nPrivate X\n\n2\nunsure\n");
    assert_eq!(code, 0, "{out}\n{err}");
    for needle in [
        "Marked your answer to question 1 (\u{201c}No, a private person\u{201d}) unsure.",
        "Certainty: depends on 1 unsure answer.",
        "- If the answer were \u{201c}Yes, a state judge\u{201d}: the walk stops at a question never answered: \u{201c}Judged by its general function, is the act one normally performed by a judge?\u{201d}",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    assert_eq!(answer(&answers(&file, 0), "acting")["certainty"], "unsure");
}

/// At a terminal (not strict), a command that cannot be done is refused in a sentence and the
/// keys are shown again; the session goes on.
#[test]
fn at_a_terminal_refusals_are_sentences_and_the_session_goes_on() {
    let files = immunity::pack::FileSet::from_dir(&fixture_dir()).unwrap();
    let pack = immunity::pack::load(&files).unwrap().0;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    let script = "\nT v. U\n\n\nopen 1\nadd\nJudge\n\nnote too early\n9\nmenu\n7\nopen\nrename x\nfrobnicate\nq\n";
    let options = immunity::plain::PlainOptions {
        case: None,
        echo: false,
        strict: false,
        cwd: dir.path().to_owned(),
        tool_version: "test".into(),
        reason: None,
    };
    let mut out = Vec::new();
    let ending =
        immunity::plain::matter::run(&file, &pack, None, options, script.as_bytes(), &mut out)
            .unwrap();
    assert_eq!(ending.exit_code(), 0);
    let out = String::from_utf8(out).unwrap();
    assert_no_control(&out);
    for needle in [
        "A matter needs a caption; type it, for example Doe v. Roe.",
        "The matter has no screenings yet; add one with add.",
        "There is no answer yet to note, cite or mark; answer the question first.",
        "There is no option 9; choose 1 to 2.",
        "There is no screening 7; the matter has 1 screening.",
        "Open needs the screening's number, for example open 1.",
        "Rename needs the screening's number, for example rename 1.",
        "Unknown command \"frobnicate\" at the matter's menu; type ? for the commands.",
        "Goodbye. Every change was saved.",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    assert_eq!(read(&file)["screenings"][0]["defendant"], "Judge");
}

/// Notes, cites and certainty change and go: a note typed at its prompt, replaced, removed
/// with -; cites added and removed by number (given or asked); unsure, contested, then sure.
/// And the matter's details: each kept on an empty line, removed with -.
#[test]
fn annotations_and_details_change_and_go() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.json");
    let script = "A v. B\nD. Or.\n1:26-cv-1\nadd\nJudge\n\n1\n\
                  note\nfirst note\n\
                  cite Compl. ¶ 1\ncite Compl. ¶ 2\ncite Compl. ¶ 3\n\
                  uncite 2\nuncite\n1\n\
                  unsure\ncontested\n\
                  menu\n";
    let (code, out, err) = run_script(&file, script);
    assert_eq!(code, 0, "{out}\n{err}");
    let a = answers(&file, 0);
    let acting = answer(&a, "acting");
    assert_eq!(acting["note"], "first note");
    assert_eq!(acting["cites"], serde_json::json!(["Compl. ¶ 3"]));
    assert_eq!(acting["certainty"], "contested");
    assert!(
        out.contains("Removed the record cite Compl. ¶ 2 from your answer to question 1"),
        "{out}"
    );

    // Strict scripts stop at a cite number that is not there; at a terminal it is a sentence.
    let (code, _, err) = run_script(&file, "1\nb\nuncite 9\n");
    assert_eq!(code, 2);
    assert!(
        err.contains("standard input line 3: there is no cite 9; your answer to question 1"),
        "{err}"
    );

    let script = "1\nb\nnote replaced\nnote -\nsure\nmenu\n\
                  details\n\n-\n\nJane Doe\nP. Legal\nA. Attorney\nq\n";
    let (code, out, err) = run_script(&file, script);
    assert_eq!(code, 0, "{out}\n{err}");
    let acting = answer(&answers(&file, 0), "acting").clone();
    assert!(acting.get("note").is_none(), "- removed the note: {acting}");
    assert_eq!(acting["certainty"], "sure");
    let m = read(&file)["matter"].clone();
    assert_eq!(m["caption"], "A v. B");
    assert!(m.get("court").is_none(), "- removed the court: {m}");
    assert_eq!(m["docket"], "1:26-cv-1");
    assert_eq!(m["client"], "Jane Doe");
    assert_eq!(m["prepared_by"], "P. Legal");
    assert_eq!(m["reviewer"], "A. Attorney");
}

/// SIGKILL right after a change was shown as saved: the file is valid and holds that change.
#[test]
fn a_kill_right_after_saved_loses_nothing_that_was_shown_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.json");
    let mut s = Piped::start(&file);
    s.send("K v. L");
    s.send("");
    s.send("");
    s.wait_for_count("Created ", 1);
    s.send("add");
    s.send("Judge K");
    s.change("");
    s.change("1");
    s.change("1");
    s.change("unsure");
    s.change("cite Compl. ¶ 9");
    // SIGKILL: no handler runs.
    s.child.kill().unwrap();
    s.child.wait().unwrap();
    let (code, out, err) = run_script(&file, "1\nv\nq\n");
    assert_eq!(code, 0, "{out}\n{err}");
    let a = answers(&file, 0);
    assert_eq!(answer(&a, "function")["certainty"], "unsure");
    assert_eq!(
        answer(&a, "function")["cites"],
        serde_json::json!(["Compl. ¶ 9"])
    );
    assert!(out.contains("Record cites: Compl. ¶ 9."), "{out}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".immunity-export-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// `--caption` creates a missing matter without asking; a blank one is refused; an existing
/// matter is opened as it is.
#[test]
fn caption_creates_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.json");
    let run = |caption: &str, script: &str| {
        let out = command()
            .arg("--matter")
            .arg(&file)
            .args(["--caption", caption])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                // A refused caption ends the program before it reads: a closed pipe is fine.
                let _ = child.stdin.take().unwrap().write_all(script.as_bytes());
                child.wait_with_output()
            })
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, _, err) = run(" \u{200b} ", "q\n");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--caption: the caption is empty"), "{err}");
    assert!(!file.exists());
    let (code, out, err) = run("Cap v. Tion", "add\nJudge\n\nq\n");
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(!out.contains("Caption of the matter"), "{out}");
    assert!(out.contains("Created "), "{out}");
    assert_eq!(read(&file)["matter"]["caption"], "Cap v. Tion");
    assert_eq!(read(&file)["screenings"][0]["defendant"], "Judge");
    let (code, out, err) = run("Other v. Caption", "q\n");
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(read(&file)["matter"]["caption"], "Cap v. Tion");
}

/// From the menu, a memo is never written over the matter itself (the line mode stops, naming
/// the input line, as for any memo it cannot write), and a PDF whose names hold a character no
/// installed font has is written with a warning naming it.
#[test]
fn the_menu_memo_refuses_the_matter_itself_and_warns_of_undrawable_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doe.matter.json");
    let script = "Doe v. Roe\n\n\nadd\nJudge \u{13000}\n\n1\n1\nunsure\n2\nmenu\n\
                  memo\nmarkdown\ndoe.matter.json\n";
    let (code, out, err) = run_script(&file, script);
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("is the file the memo is read from"), "{err}");
    let m = read(&file);
    assert_eq!(m["format"], "immunity-matter", "the matter is intact");
    let (code, out, err) = run_script(&file, "memo\npdf\ndoe.pdf\nq\n");
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Wrote the pdf memo to "), "{out}");
    assert!(
        out.contains("Warning: ") && out.contains("U+13000"),
        "{out}"
    );
    assert!(
        std::fs::read(dir.path().join("doe.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}
