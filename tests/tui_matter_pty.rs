//! `immunity --matter FILE` end to end: the real binary in a pseudo-terminal (portable-pty),
//! its screen kept by vt100, driven by keys as a person types them. A matter made through the
//! keys survives `kill -9` right after a change the screen showed as saved; a second program
//! opening the same matter is refused and writes nothing.

#![cfg(unix)]

mod support;

use std::time::Duration;

use immunity::matter::{Certainty, MatterFile};
use support::pack::fixture_arg;
use support::pty::Pty as Session;

const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";

/// Adds a screening on the matter screen: `a`, the defendant, Enter, the act, Enter.
fn add(s: &mut Session, n: usize, defendant: &str, act: &str) {
    s.step("a", "Add a screening");
    s.keys(defendant);
    s.keys("\r");
    s.keys(act);
    s.step("\r", &format!("added screening {n}: {defendant}"));
}

#[test]
fn a_matter_made_through_the_keys_survives_kill_9_after_a_saved_change() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let file = dir.path().join("doe.json");
    let mut s = Session::start(
        &["--pack", &pack, "--matter", "doe.json"],
        dir.path(),
        80,
        24,
    );
    s.wait_for("give its caption");
    assert!(!file.exists(), "nothing is written before the caption");
    s.keys("Doe v. Roe");
    s.step(CTRL_S, "created doe.json");

    add(&mut s, 1, "Judge A. Roe", "ordered the plaintiff jailed");
    add(&mut s, 2, "Clerk B. Poe", "refused a filing");
    add(&mut s, 3, "C. Doe", "conspired with the judge");

    // Screening 1: an answer with a note and record cites, then an unsure answer.
    s.step("g\r", "Was the defendant a state judge");
    assert!(s.screen().contains("Doe v. Roe — Judge A. Roe"));
    s.step("1", "answer 1: Yes, a state judge");
    s.step("n", "Which answer is the note for?");
    s.step("y", "Note on answer 1");
    s.keys("Compl. names her as the presiding judge");
    s.keys("\t¶¶ 12–14; Ex. B at 3");
    s.step(CTRL_S, "note and cites on answer 1");
    s.step("1", "answer 2: Yes, a judicial function");
    s.step("u", "marked unsure: answer 2");
    s.step("1", "Contingencies");
    s.step(ESC, "Screenings (3)");

    // Screening 2: concluded at once. Screening 3: contested, then killed.
    s.step("j\r", "Doe v. Roe — Clerk B. Poe");
    s.step("2", "answer 1: No, a private person");
    s.step(ESC, "Screenings (3)");
    s.step("G\r", "Doe v. Roe — C. Doe");
    s.step("1", "answer 1: Yes");
    s.step("uu", "marked contested: answer 1");
    s.kill("KILL");
    let status = s.finish();
    assert!(!status.success(), "killed: {status:?}");

    // The file holds every change the screen showed as saved.
    let saved = MatterFile::read(&file).expect("a valid file after kill -9");
    assert_eq!(saved.matter.caption, "Doe v. Roe");
    let names: Vec<&str> = saved
        .screenings
        .iter()
        .map(|s| s.defendant.as_str())
        .collect();
    assert_eq!(names, ["Judge A. Roe", "Clerk B. Poe", "C. Doe"]);
    let judge = &saved.screenings[0].answers;
    assert_eq!(judge.len(), 3);
    assert_eq!(
        judge[0].note.as_deref(),
        Some("Compl. names her as the presiding judge")
    );
    assert_eq!(judge[0].cites, ["¶¶ 12–14", "Ex. B at 3"]);
    assert_eq!(judge[1].certainty, Certainty::Unsure);
    assert_eq!(saved.screenings[1].answers[0].option, "no");
    assert_eq!(saved.screenings[2].answers.len(), 1);
    assert_eq!(
        saved.screenings[2].answers[0].certainty,
        Certainty::Contested
    );

    // Reopened in the program (the lock went with the killed process): all of it is shown.
    let mut s = Session::start(
        &["--pack", &pack, "--matter", "doe.json"],
        dir.path(),
        80,
        24,
    );
    s.wait_for("Screenings (3)");
    let screen = s.screen();
    assert!(
        screen.contains("1. Judge A. Roe — ordered the plaintiff jailed"),
        "{screen}"
    );
    assert!(
        screen.contains("depends on 1 unsure or contested answer"),
        "{screen}"
    );
    assert!(
        screen.contains("3. C. Doe — conspired with the judge"),
        "{screen}"
    );
    s.step("g\r", "Contingencies");
    s.step("bbb", "Note: Compl. names her as the presiding judge");
    assert!(s.screen().contains("Cites: ¶¶ 12–14; Ex. B at 3"));
    s.keys("q");
    assert!(s.finish().success());
}

#[test]
fn a_second_program_opening_the_matter_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let file = dir.path().join("m.json");
    let mut first = Session::start(
        &[
            "--pack",
            &pack,
            "--matter",
            "m.json",
            "--caption",
            "Doe v. Roe",
        ],
        dir.path(),
        80,
        24,
    );
    first.wait_for("Screenings (0)");
    add(&mut first, 1, "Judge A. Roe", "jailed");
    let bytes = std::fs::read(&file).unwrap();
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
    // Long enough that a write would change the modification time on any file system.
    std::thread::sleep(Duration::from_millis(1100));

    let mut second = Session::start(&["--pack", &pack, "--matter", "m.json"], dir.path(), 80, 24);
    let status = second.finish();
    assert_eq!(status.exit_code(), 1, "{status:?}");
    let screen = second.screen();
    assert!(
        screen.contains("is open in another immunity program"),
        "{screen}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "the file's bytes");
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        mtime,
        "the file's modification time"
    );

    // The first program still owns it and goes on saving.
    first.step("\r", "Was the defendant a state judge");
    first.step("1", "answer 1: Yes");
    first.keys("q");
    assert!(first.finish().success());
    let saved = MatterFile::read(&file).unwrap();
    assert_eq!(saved.screenings[0].answers.len(), 1);
}

/// A matter file that does not parse is reported with its line and column before the screen is
/// taken, exit 2, and left as it was; so is a folder that does not exist.
#[test]
fn a_bad_matter_file_is_reported_before_the_screen_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let file = dir.path().join("bad.json");
    let text = "{\"format\": \"immunity-matter\",\n \"format_version\": 1,\n \"matter\": {\"caption\": \"\"}}\n";
    std::fs::write(&file, text).unwrap();
    let mut s = Session::start(
        &["--pack", &pack, "--matter", "bad.json"],
        dir.path(),
        80,
        24,
    );
    let status = s.finish();
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let screen = s.screen();
    assert!(
        screen.contains("bad.json:3:24: matter.caption: the caption is empty"),
        "{screen}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);

    let mut s = Session::start(
        &["--pack", &pack, "--matter", "no-such-folder/m.json"],
        dir.path(),
        80,
        24,
    );
    let status = s.finish();
    assert_eq!(status.exit_code(), 2, "{status:?}");
    assert!(
        s.screen()
            .contains("the folder no-such-folder does not exist"),
        "{}",
        s.screen()
    );
    assert!(!dir.path().join("no-such-folder").exists());
}

/// Without a terminal the same checks come first: a file that does not parse and an empty
/// caption are errors whichever mode would have run.
#[test]
fn without_a_terminal_a_bad_file_or_caption_is_still_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, "{\"format\": \"immunity-matter\",\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_immunity"))
        .args(["--pack", &pack, "--matter", "bad.json"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("immunity: bad.json:1:30: Unterminated object"),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_immunity"))
        .args(["--pack", &pack, "--matter", "new.json", "--caption", " "])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--caption: the caption is empty"));
    assert!(!dir.path().join("new.json").exists());
}

/// SIGTERM in a matter: the terminal is given back, the exit is 143, and the file holds every
/// change saved before it.
#[test]
fn sigterm_in_a_matter_exits_143_with_everything_saved() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fixture_arg();
    let file = dir.path().join("m.json");
    let mut s = Session::start(
        &[
            "--pack",
            &pack,
            "--matter",
            "m.json",
            "--caption",
            "Doe v. Roe",
        ],
        dir.path(),
        80,
        24,
    );
    s.wait_for("Screenings (0)");
    add(&mut s, 1, "Judge A. Roe", "jailed");
    s.step("\r", "Was the defendant a state judge");
    s.step("1", "answer 1: Yes");
    let pid = s.pid();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("kill -TERM {pid}"))
        .status()
        .expect("sh runs");
    assert!(status.success());
    let status = s.finish();
    assert_eq!(status.exit_code(), 143, "{status:?}");
    assert!(!s.alternate_screen(), "back on the main screen");
    let saved = MatterFile::read(&file).unwrap();
    assert_eq!(saved.screenings[0].answers.len(), 1);
    // The lock went with the program: the matter opens again.
    assert!(immunity::matter::OpenMatter::open(&file).is_ok());
}
