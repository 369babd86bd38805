//! The matter as one source of truth, end to end on the built binary: a note stays with the
//! answer it was written for (flagged on screen, in the JSON memo and in the Markdown memo when
//! the answer changes, until kept); the same screening made in the full screen, the line mode
//! and the command line gives the same file; `matter answer`, `matter note` and `matter rm`;
//! matter paths that are not files, hard links to an open matter, and refused `matter new`
//! leaving nothing behind.

#![cfg(unix)]

mod support;

use std::io::Read as _;
use std::path::Path;
use std::time::Duration;

use immunity::matter::MatterFile;
use serde_json::Value;
use support::cli::immunity;
use support::pack::fixture_arg;
use support::pty::Pty as Session;

const CTRL_S: &str = "\x13";

/// Runs `immunity [--pack <fixture>] ARGS…` in `dir`; (exit code, stdout, stderr).
fn run_in(dir: &Path, fixture_pack: bool, args: &[&str]) -> (i32, String, String) {
    let mut cmd = immunity();
    cmd.current_dir(dir);
    if fixture_pack {
        cmd.arg("--pack").arg(fixture_arg());
    }
    support::cli::run(cmd.args(args))
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_in(dir, true, args)
}

/// The `force` fact of screening 1 in the JSON memo.
fn force_fact(dir: &Path) -> Value {
    let (code, out, err) = run(dir, &["memo", "m.json", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let memo: Value = serde_json::from_str(&out).expect("JSON memo");
    memo["screenings"][0]["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .find(|f| f["question"] == "force")
        .expect("the force fact")
        .clone()
}

#[test]
fn a_note_written_for_an_answer_is_flagged_when_the_answer_changes_until_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        run(d, &["matter", "new", "m.json", "--caption", "Doe v. Roe"]).0,
        0
    );
    let (code, _, err) = run(
        d,
        &[
            "matter",
            "add",
            "m.json",
            "--defendant",
            "Judge A. Roe",
            "--answer",
            "acting=yes",
            "--answer",
            "function=yes",
            "--answer",
            "force=yes",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let pack = fixture_arg();
    let mut s = Session::start(&["--pack", &pack, "--matter", "m.json"], d, 80, 24);
    s.wait_for("Screenings (1)");
    // At the conclusion; back to the force question, answered yes: the note is written there.
    s.step("\r", "Conclusion");
    s.step("b", "Your answer here");
    s.step("n", "Note on answer 3");
    s.keys("Drag him out, he said");
    s.step(CTRL_S, "note and cites on answer 3");
    // Back to the conclusion; review, the third answer, changed to No.
    s.step("1", "Conclusion");
    s.step("v", "Review your answers");
    s.keys("G");
    s.step("\r", "Did the judge order officers");
    s.step("2", "Conclusion");
    s.step("b", "Written for the earlier answer");
    let screen = s.screen();
    assert!(screen.contains("Yes, force was ordered"), "{screen}");
    // The review (from the conclusion, where every answer is on the path) shows it too.
    s.step("2", "Conclusion");
    s.step("v", "written for the earlier answer");
    s.keys("q");
    assert!(s.finish().success());

    let fact = force_fact(d);
    assert_eq!(fact["answer"], "no");
    assert_eq!(fact["note"], "Drag him out, he said");
    assert_eq!(fact["stale"], true, "{fact}");
    assert_eq!(fact["for_answer"], "yes", "{fact}");
    let (code, md, err) = run(d, &["memo", "m.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        md.contains("(written for the earlier answer \u{201c}Yes, force was ordered\u{201d})"),
        "{md}"
    );

    // Kept: saved as it is in the note form, the note now belongs to the answer given.
    let mut s = Session::start(&["--pack", &pack, "--matter", "m.json"], d, 80, 24);
    s.wait_for("Screenings (1)");
    s.step("\r", "Conclusion");
    s.step("b", "Written for the earlier answer");
    s.step("n", "WRITTEN FOR THE EARLIER ANSWER");
    s.step(CTRL_S, "kept the note and cites for answer 3");
    assert!(!s.screen().contains("Written for the earlier answer"));
    s.keys("q");
    assert!(s.finish().success());
    let fact = force_fact(d);
    assert!(fact.get("stale").is_none_or(|v| v == false), "{fact}");
    assert_eq!(fact["for_answer"], "no");
    let (_, md, _) = run(d, &["memo", "m.json"]);
    assert!(!md.contains("written for the earlier answer"), "{md}");
}

/// The file without what a save stamps (`updated`, `opened`), for comparing front ends.
fn unstamped(path: &Path) -> String {
    let mut file = MatterFile::read(path).expect("reads");
    file.matter.updated = None;
    file.matter.opened = None;
    file.to_json()
}

#[test]
fn the_same_screening_through_the_screen_the_line_mode_and_the_command_line_is_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pack = fixture_arg();
    for name in ["tui.json", "plain.json", "cli.json"] {
        assert_eq!(
            run(d, &["matter", "new", name, "--caption", "Doe v. Roe"]).0,
            0
        );
    }
    // The script: judge, acting yes with a note and a cite, function yes marked unsure,
    // force no; then acting's answer changed to no and back to yes (the note stays current).
    let mut s = Session::start(&["--pack", &pack, "--matter", "tui.json"], d, 100, 30);
    s.wait_for("Screenings (0)");
    s.step("a", "Add a screening");
    s.keys("Judge A. Roe\r");
    s.keys("jailed him");
    s.step("\r", "added screening 1");
    s.step("\r", "Was the defendant a state judge");
    s.step("1", "answer 1: Yes");
    s.step("b", "Your answer here");
    s.step("n", "Note on answer 1");
    s.keys("Compl. para 3\tCompl. \u{b6} 3");
    s.step(CTRL_S, "note and cites on answer 1");
    s.step("\r", "Judged by its general function");
    s.step("1", "Did the judge order");
    s.step("b", "Your answer here");
    s.step("u", "marked unsure");
    s.step("\r", "Did the judge order");
    s.step("2", "Conclusion");
    s.keys("q");
    assert!(s.finish().success());

    let script = "add\nJudge A. Roe\njailed him\n1\nnote Compl. para 3\ncite Compl. \u{b6} 3\n1\ng 2\nunsure\n1\n2\nmenu\nq\n";
    let out = immunity()
        .current_dir(d)
        .args(["--pack", &pack, "--plain", "--matter", "plain.json"])
        .write_stdin(script)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let (code, _, err) = run(
        d,
        &[
            "matter",
            "add",
            "cli.json",
            "--defendant",
            "Judge A. Roe",
            "--act",
            "jailed him",
            "--answer",
            "acting=yes",
            "--note",
            "acting=Compl. para 3",
            "--cite",
            "acting=Compl. \u{b6} 3",
            "--answer",
            "function=yes",
            "--unsure",
            "function",
        ],
    );
    assert_eq!(code, 3, "pending at force: {err}");
    let (code, _, err) = run(
        d,
        &["matter", "answer", "cli.json", "1", "--answer", "force=no"],
    );
    assert_eq!(code, 0, "{err}");

    let cli = unstamped(&d.join("cli.json"));
    assert_eq!(
        unstamped(&d.join("tui.json")),
        cli,
        "full screen and command line"
    );
    assert_eq!(
        unstamped(&d.join("plain.json")),
        cli,
        "line mode and command line"
    );
}

#[test]
fn matter_answer_finishes_a_pending_screening_or_prints_its_question_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        run(d, &["matter", "new", "m.json", "--caption", "Doe v. Roe"]).0,
        0
    );
    let (code, out, err) = run(
        d,
        &[
            "matter",
            "add",
            "m.json",
            "--defendant",
            "Judge",
            "--answer",
            "acting=yes",
            "--note",
            "acting=why",
        ],
    );
    assert_eq!(code, 3, "{err}");
    assert!(out.contains("Pending question function"), "{out}");
    assert!(out.contains("--answer function=OPTION"), "{out}");
    assert!(
        out.contains("yes") && out.contains("Yes, a judicial function"),
        "{out}"
    );
    // Still pending after one more answer: the next question, exit 3.
    let (code, out, err) = run(
        d,
        &[
            "matter",
            "answer",
            "m.json",
            "1",
            "--answer",
            "function=yes",
        ],
    );
    assert_eq!(code, 3, "{err}");
    assert!(out.contains("Pending question force"), "{out}");
    assert!(err.contains("changed screening 1. Judge"), "{err}");
    // Finished.
    let (code, _, err) = run(
        d,
        &["matter", "answer", "m.json", "1", "--answer", "force=yes"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Immune"), "{err}");
    // Changing the first answer: the later answers are kept off the path and named, the note
    // on the changed answer flagged.
    let (code, _, err) = run(
        d,
        &["matter", "answer", "m.json", "1", "--answer", "acting=no"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("\"function\" is kept off the path"), "{err}");
    assert!(err.contains("\"force\" is kept off the path"), "{err}");
    assert!(err.contains("\"acting\" changed"), "{err}");
    let file = MatterFile::read(&d.join("m.json")).unwrap();
    let answers = &file.screenings[0].answers;
    assert_eq!(answers.len(), 3, "every answer kept");
    assert!(answers[0].is_stale());
    // note, then rm.
    let (code, _, err) = run(
        d,
        &[
            "matter",
            "note",
            "m.json",
            "1",
            "acting",
            "--keep",
            "--contested",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let a = &MatterFile::read(&d.join("m.json")).unwrap().screenings[0].answers[0];
    assert!(!a.is_stale());
    assert_eq!(a.certainty, immunity::matter::Certainty::Contested);
    let (code, _, err) = run(d, &["matter", "note", "m.json", "2", "acting", "--sure"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("there is no screening 2"), "{err}");
    let (code, _, err) = run(d, &["matter", "rm", "m.json", "1"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        MatterFile::read(&d.join("m.json"))
            .unwrap()
            .screenings
            .is_empty()
    );
}

/// Runs `immunity ARGS…` with a watchdog: more than 10 s is a hang, and the child is killed.
fn run_watched(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_immunity"))
        .current_dir(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("immunity {args:?} hung on a FIFO (killed after 10 s)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    let _ = child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err);
    (status.code().unwrap_or(-1), err)
}

#[test]
fn a_fifo_or_a_folder_given_as_the_matter_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fifo = d.join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::fs::create_dir(d.join("folder.json")).unwrap();
    let pack = fixture_arg();
    for (name, what) in [("pipe.json", "FIFO"), ("folder.json", "folder")] {
        for args in [
            vec!["memo", name],
            vec!["matter", "show", name],
            vec!["matter", "add", name, "--defendant", "X"],
            vec!["matter", "answer", name, "1"],
            vec!["--plain", "--matter", name],
        ] {
            let mut all = vec!["--pack", pack.as_str()];
            all.extend(&args);
            let (code, err) = run_watched(d, &all);
            assert_ne!(code, 0, "{args:?}: {err}");
            assert!(
                err.contains(what) && err.contains("a matter is a JSON file"),
                "{args:?}: {err}"
            );
        }
        assert!(
            !d.join(format!(".{name}.lock")).exists(),
            "no lock beside {name}"
        );
    }
}

#[test]
fn a_hard_link_or_symlink_to_an_open_matter_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        run(d, &["matter", "new", "m.json", "--caption", "Doe v. Roe"]).0,
        0
    );
    std::fs::create_dir(d.join("other")).unwrap();
    std::fs::hard_link(d.join("m.json"), d.join("other/link.json")).unwrap();
    std::os::unix::fs::symlink(d.join("m.json"), d.join("other/sym.json")).unwrap();
    let pack = fixture_arg();
    let mut s = Session::start(&["--pack", &pack, "--matter", "m.json"], d, 80, 24);
    s.wait_for("Screenings (0)");
    for other in ["other/link.json", "other/sym.json"] {
        let (code, _, err) = run(d, &["matter", "add", other, "--defendant", "X"]);
        assert_eq!(code, 1, "{other}: {err}");
        assert!(
            err.contains("is open in another immunity program"),
            "{other}: {err}"
        );
    }
    assert!(
        !d.join("other/.link.json.lock").exists(),
        "a refused lock leaves no file"
    );
    s.keys("q");
    assert!(s.finish().success());
    // Closed: the symlink works (and writes through to the matter).
    let (code, _, err) = run(d, &["matter", "add", "other/sym.json", "--defendant", "X"]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(
        MatterFile::read(&d.join("m.json"))
            .unwrap()
            .screenings
            .len(),
        1
    );
}

#[test]
fn a_refused_matter_new_leaves_nothing_behind_and_impossible_dates_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("taken.json"), "not mine").unwrap();
    let (code, _, err) = run(d, &["matter", "new", "taken.json", "--caption", "X"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert!(!d.join(".taken.json.lock").exists(), "no stray lock");
    assert_eq!(
        std::fs::read_to_string(d.join("taken.json")).unwrap(),
        "not mine"
    );
    let text = "{\"format\": \"immunity-matter\", \"format_version\": 1,\n \"matter\": {\"caption\": \"X\", \"opened\": \"2026-02-31\"}}\n";
    std::fs::write(d.join("bad.json"), text).unwrap();
    let (code, _, err) = run(d, &["matter", "show", "bad.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("bad.json:2:") && err.contains("2026-02-31"),
        "{err}"
    );
}

#[test]
fn the_line_mode_shows_a_flagged_note_and_keep_makes_it_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        run(d, &["matter", "new", "m.json", "--caption", "Doe v. Roe"]).0,
        0
    );
    let (code, _, err) = run(
        d,
        &[
            "matter",
            "add",
            "m.json",
            "--defendant",
            "Judge",
            "--answer",
            "acting=yes",
            "--answer",
            "function=yes",
            "--note",
            "function=a judge's act",
        ],
    );
    assert_eq!(code, 3, "{err}");
    let (code, _, err) = run(
        d,
        &["matter", "answer", "m.json", "1", "--answer", "function=no"],
    );
    assert_eq!(code, 0, "{err}");
    let out = immunity()
        .current_dir(d)
        .args(["--pack", &fixture_arg(), "--plain", "--matter", "m.json"])
        .write_stdin("1\nb\nkeep\nmenu\nq\n")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("Written for the earlier answer \u{201c}Yes, a judicial function\u{201d}"),
        "{text}"
    );
    assert!(
        text.contains("The note, cites and mark now belong to"),
        "{text}"
    );
    let file = MatterFile::read(&d.join("m.json")).unwrap();
    let function = file.screenings[0].answer("function").unwrap();
    assert_eq!(function.note.as_deref(), Some("a judge's act"));
    assert!(!function.is_stale());
}
