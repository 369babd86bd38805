//! Hostile input, one test per hole (issue 10): escapes in every kind of message, invisible
//! characters and unaddressable ids, special and oversized files, links out of a pack,
//! `--force` onto things that are not files, stale temporary files, and inputs shaped to make
//! quadratic work (their outputs checked here; their speed is measured by `cargo bench --bench
//! hostile`). The small packs are under `tests/fixtures/hostile/<hole>/`; large and special
//! inputs (FIFOs, links, devices) are made by the tests.

#![cfg(unix)]

mod support;

use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::FileTypeExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use immunity::pack::{FileSet, load};
use immunity::text::is_unsafe_char;
use support::cli::immunity;

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/hostile").join(name)
}

/// Every diagnostic line of loading a fixture.
fn check(name: &str) -> Vec<String> {
    let files = FileSet::from_dir(&fixture(name)).expect("fixture folder");
    match load(&files) {
        Ok(_) => Vec::new(),
        Err(d) => d.0.iter().map(ToString::to_string).collect(),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// No character a terminal would act on or hide.
fn assert_safe(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| is_unsafe_char(c) || c == '\t') {
        panic!("{what} holds U+{:04X}: {s:?}", u32::from(c));
    }
}

/// A copy of the minimal clean pack in a temporary folder, with `edit` applied to pack.json.
fn temp_pack(edit: impl FnOnce(&mut serde_json::Value)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("bom");
    let raw = fs::read_to_string(src.join("pack.json")).unwrap();
    let mut pack: serde_json::Value =
        serde_json::from_str(raw.trim_start_matches('\u{feff}')).unwrap();
    edit(&mut pack);
    fs::write(
        dir.path().join("pack.json"),
        serde_json::to_string_pretty(&pack).unwrap(),
    )
    .unwrap();
    fs::create_dir(dir.path().join("sources")).unwrap();
    fs::copy(
        src.join("sources/guide.txt"),
        dir.path().join("sources/guide.txt"),
    )
    .unwrap();
    dir
}

fn mkfifo(path: &Path) {
    let status = StdCommand::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// Runs the binary with a deadline: a FIFO must be refused, never waited on.
fn run_with_deadline(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("immunity");
    let mut child = StdCommand::new(bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("immunity blocked on a special file");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

// ---- 1. Escapes in messages ---------------------------------------------------------------

#[test]
fn unknown_field_message_escapes_the_key() {
    assert_eq!(
        check("unknown-field-osc"),
        [
            r#"tests/fixtures/hostile/unknown-field-osc/pack.json:74:3: error: ["\u{1b}]0;PWNED\u{7}"]: key holds a terminal escape sequence: "\u{1b}]0;PWNED\u{7}""#,
            r#"tests/fixtures/hostile/unknown-field-osc/pack.json:74:3: error: ["\u{1b}]0;PWNED\u{7}"]: unknown field `\u{1b}]0;PWNED\u{7}`, expected one of `$schema`, `id`, `title`, `version`, `law_checked`, `description`, `disclaimer`, `start`, `outcomes`, `sources`, `questions`, `conclusions`"#,
        ]
    );
}

#[test]
fn unknown_variant_message_escapes_the_value() {
    assert_eq!(
        check("unknown-variant-osc52"),
        [
            r#"tests/fixtures/hostile/unknown-variant-osc52/pack.json:26:17: error: sources[0] ("guide").status: text holds a terminal escape sequence: "\u{1b}]52;c;SGVsbG8=\u{7}""#,
            r#"tests/fixtures/hostile/unknown-variant-osc52/pack.json:26:17: error: sources[0] ("guide").status: unknown variant `\u{1b}]52;c;SGVsbG8=\u{7}`, expected one of `good-law`, `reversed`, `overruled-in-part`, `superseded-in-part`, `caution`"#,
        ]
    );
}

#[test]
fn a_key_holding_a_newline_stays_one_line() {
    let lines = check("key-newline");
    assert_eq!(
        lines,
        [
            r#"tests/fixtures/hostile/key-newline/pack.json:54:7: error: questions[0] ("first")["why\nnot"]: unknown field `why\nnot`, expected one of `id`, `prompt`, `short`, `instructions`, `why`, `excerpts`, `options`"#
        ]
    );
    // And as the user sees it: one line on standard output.
    let out = immunity()
        .arg("check")
        .arg(fixture("key-newline"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().count(), 2, "diagnostic + summary");
}

#[test]
fn a_pack_folder_name_with_escapes_is_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("pack\u{1b}]0;PWNED\u{7}");
    fs::create_dir(&evil).unwrap();
    for args in [
        vec!["check".into(), evil.clone().into_os_string()],
        vec!["--pack".into(), evil.clone().into_os_string(), "map".into()],
    ] {
        let out = immunity().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        assert!(
            err.contains("pack\\u{1b}]0;PWNED\\u{7}/pack.json: no such file"),
            "{err}"
        );
        assert_safe("stderr", &err);
    }
}

#[test]
fn a_source_file_name_with_escapes_is_shown_escaped() {
    let pack = temp_pack(|p| p["sources"][0]["text"] = "evil\u{1b}[2J.txt".into());
    fs::write(
        pack.path().join("sources/evil\u{1b}[2J.txt"),
        b"\xff not UTF-8",
    )
    .unwrap();
    let out = immunity().arg("check").arg(pack.path()).output().unwrap();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("\"evil\\u{1b}[2J.txt\" cannot be read: ")
            && stdout.contains("/sources/evil\\u{1b}[2J.txt:1:1: not UTF-8 text (byte 0xFF)"),
        "{stdout}"
    );
    assert_safe("stdout", &stdout);
}

#[test]
fn unknown_ids_from_the_command_line_are_escaped_and_the_list_is_short() {
    // 40 questions: the error names ten and says how many more.
    let pack = temp_pack(|p| {
        let qs = p["questions"].as_array_mut().unwrap();
        let first = qs[0].clone();
        for i in 0..40 {
            let mut q = first.clone();
            q["id"] = format!("q{i}").into();
            q["excerpts"] = serde_json::json!([]);
            qs.push(q);
        }
        p["questions"][0]["options"][0]["next"] = "q0".into();
        for i in 0..40 {
            let next = if i + 1 < 40 {
                format!("q{}", i + 1)
            } else {
                "end-yes".into()
            };
            p["questions"][i + 1]["options"][0]["next"] = next.into();
        }
    });
    let out = immunity()
        .arg("--pack")
        .arg(pack.path())
        .args(["walk", "--answer", "x\u{1b}[31m=y"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(
        err,
        "immunity: unknown question \"x\\u{1b}[31m\"; the questions are: first, q0, q1, q2, q3, q4, q5, q6, q7, q8, and 31 more (see `immunity map`)\n"
    );
}

// ---- 2. Invisible characters and ids -------------------------------------------------------

#[test]
fn a_string_starting_with_nel_is_reported() {
    assert_eq!(
        check("nel-start"),
        [
            r#"tests/fixtures/hostile/nel-start/pack.json:33:17: error: questions[0] ("first").prompt: text holds a control character: "\u{85}Is it?""#
        ]
    );
}

#[test]
fn invisible_characters_are_rejected_in_ids_and_reported_in_text() {
    assert_eq!(
        check("invisible"),
        [
            r#"tests/fixtures/hostile/invisible/pack.json:6:18: error: description: text holds an invisible or format character: "A small\u{ad}pack\u{2060}.""#,
            r#"tests/fixtures/hostile/invisible/pack.json:8:12: error: start: text holds an invisible or format character: "fir\u{200b}st""#,
            r#"tests/fixtures/hostile/invisible/pack.json:32:13: error: questions[0] ("fir\u{200b}st").id: text holds an invisible or format character: "fir\u{200b}st""#,
            r#"tests/fixtures/hostile/invisible/pack.json:45:20: error: questions[0] ("fir\u{200b}st").options[0].label: shows nothing: it holds only white space and invisible characters: "\u{200b}""#,
        ]
    );
}

#[test]
fn ids_that_answer_cannot_name_are_reported() {
    assert_eq!(
        check("unaddressable-ids"),
        [
            r#"tests/fixtures/hostile/unaddressable-ids/pack.json:32:13: error: questions[0] (" first").id: id " first" has white space at its start or end, so `--answer QUESTION=OPTION` could not name it"#,
            r#"tests/fixtures/hostile/unaddressable-ids/pack.json:49:17: error: questions[0] (" first").options[1].id: id "no=really" holds "=", so `--answer QUESTION=OPTION` could not name it"#,
        ]
    );
}

// ---- 3. --force and temporary files ----------------------------------------------------------

fn walk_to(out: &Path, force: bool) -> std::process::Output {
    let mut args: Vec<std::ffi::OsString> = vec![
        "--pack".into(),
        fixture("bom").into(),
        "walk".into(),
        "--answer".into(),
        "first=yes".into(),
        "--output".into(),
        out.into(),
    ];
    if force {
        args.push("--force".into());
    }
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsString::as_os_str).collect();
    run_with_deadline(&refs)
}

#[test]
fn force_refuses_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("memo.txt");
    mkfifo(&fifo);
    let out = walk_to(&fifo, true);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "immunity: {} is a FIFO (named pipe); an export replaces only a regular file, even with --force\n",
            fifo.display()
        )
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn force_refuses_a_symlink_and_leaves_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious.txt");
    fs::write(&target, "keep me").unwrap();
    let link = dir.path().join("memo.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = walk_to(&link, true);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is a symbolic link; an export replaces only a regular file"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
}

#[test]
fn force_refuses_a_device() {
    let out = walk_to(Path::new("/dev/null"), true);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "immunity: /dev/null is a device; an export replaces only a regular file, even with --force\n"
    );
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

/// Without --force a device is refused for what it is: "already exists; pass --force" would
/// send the user to a flag that is then refused too.
#[test]
fn a_device_without_force_is_refused_for_what_it_is() {
    let out = walk_to(Path::new("/dev/null"), false);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "immunity: /dev/null is a device; an export replaces only a regular file, even with --force\n"
    );
}

#[test]
fn force_still_replaces_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.txt");
    fs::write(&path, "old").unwrap();
    let out = walk_to(&path, true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("REASONING CHAIN")
    );
}

/// The pid of a process that has exited (and been reaped), for a stale temporary file's name.
fn dead_pid() -> u32 {
    let mut child = StdCommand::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn stale_temp_files_of_dead_processes_are_removed_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir
        .path()
        .join(format!(".immunity-export-{}-Ab12Cd.tmp", dead_pid()));
    let live = dir.path().join(".immunity-export-1-Ab12Cd.tmp"); // pid 1 is always running
    let other = dir.path().join(".immunity-export-notes.tmp");
    for p in [&stale, &live, &other] {
        fs::write(p, "partial").unwrap();
    }
    let out = walk_to(&dir.path().join("memo.txt"), false);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !stale.exists(),
        "a dead process's temporary file is removed"
    );
    assert!(live.exists(), "a running process's temporary file is kept");
    assert!(other.exists(), "a file not named by the scheme is kept");
}

#[test]
fn a_signal_during_an_export_removes_the_temporary_file() {
    // A large export (a long summary) keeps the temporary file on disk long enough to be seen;
    // the process is stopped as soon as it appears, so the kill lands while it exists. Each
    // attempt that misses the window doubles the export.
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("immunity");
    let has_temp = |dir: &Path| {
        fs::read_dir(dir)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
    };
    for attempt in 0..6 {
        let words = 250_000usize << attempt;
        let pack = temp_pack(|p| p["conclusions"][0]["summary"] = "word ".repeat(words).into());
        let out = dir.path().join("memo.json");
        let _ = fs::remove_file(&out);
        let mut child = StdCommand::new(&bin)
            .args(["--max-input-size", "1G", "--pack"])
            .arg(pack.path())
            .args([
                "walk",
                "--answer",
                "first=yes",
                "--format",
                "json",
                "--output",
            ])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id().to_string();
        let mut caught = false;
        while child.try_wait().unwrap().is_none() {
            if has_temp(dir.path()) {
                send_signal("-STOP", &pid);
                caught = has_temp(dir.path());
                send_signal("-TERM", &pid);
                send_signal("-CONT", &pid);
                break;
            }
        }
        let status = child.wait().unwrap();
        if !caught {
            continue; // the export finished between seeing the file and stopping it
        }
        assert_eq!(status.code(), Some(128 + 15), "exit 128 + SIGTERM");
        assert!(!has_temp(dir.path()), "the temporary file is removed");
        // The signal may land after the file was moved into place: then it is whole.
        if out.exists() {
            let written: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(&out).unwrap()).expect("whole JSON");
            assert!(written.is_object());
        }
        return;
    }
    panic!("never caught the export while its temporary file existed");
}

// ---- 4. Special and huge inputs ------------------------------------------------------------

#[test]
fn a_fifo_as_pack_json_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pack.json"));
    let out = run_with_deadline(&["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "immunity: {}/pack.json: a FIFO (named pipe), not a regular file\n",
            dir.path().display()
        )
    );
}

#[test]
fn a_fifo_as_cases_json_is_refused_without_blocking() {
    let pack = temp_pack(|_| {});
    mkfifo(&pack.path().join("cases.json"));
    let out = run_with_deadline(&["check".as_ref(), pack.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).ends_with("/cases.json: a FIFO (named pipe), not a regular file\n"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn pack_json_linked_to_dev_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("pack.json")).unwrap();
    let out = run_with_deadline(&["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "immunity: {}/pack.json: a device, not a regular file\n",
            dir.path().display()
        )
    );
}

#[test]
fn an_answers_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("answers.json");
    mkfifo(&fifo);
    let out = run_with_deadline(&["walk".as_ref(), "--answers".as_ref(), fifo.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "immunity: {}: a FIFO (named pipe), not a regular file\n",
            fifo.display()
        )
    );
}

#[test]
fn inputs_larger_than_the_limit_are_refused_naming_the_limit() {
    let pack = temp_pack(|p| p["description"] = "x".repeat(4000).into());
    let out = immunity()
        .args(["--max-input-size", "2K", "check"])
        .arg(pack.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "immunity: {}/pack.json: larger than the input size limit of 2048 bytes; pass --max-input-size to raise it\n",
            pack.path().display()
        )
    );
    // Raised, it loads.
    let out = immunity()
        .args(["--max-input-size", "1M", "check"])
        .arg(pack.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn an_oversized_source_text_is_reported_at_the_source() {
    let pack = temp_pack(|_| {});
    let mut big = String::from("*1 It is so. ");
    big.push_str(&"filler ".repeat(1000));
    fs::write(pack.path().join("sources/guide.txt"), big).unwrap();
    let out = immunity()
        .args(["--max-input-size", "4K", "check"])
        .arg(pack.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout)
            .contains("error: sources[0] (\"guide\").text: \"guide.txt\" cannot be read: ")
            && text(&out.stdout)
                .contains("/sources/guide.txt: larger than the input size limit of 4096 bytes"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_source_link_out_of_the_pack_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("passwd"), "*1 It is so. root:x:0:0").unwrap();
    let pack = temp_pack(|_| {});
    fs::remove_file(pack.path().join("sources/guide.txt")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("passwd"),
        pack.path().join("sources/guide.txt"),
    )
    .unwrap();
    let out = immunity().arg("check").arg(pack.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{0}/pack.json:67:15: error: sources[0] (\"guide\").text: \"guide.txt\" cannot be read: {0}/sources/guide.txt: a link to a file outside the pack; copy the text into the pack instead\n{0}: 1 error found\n",
            pack.path().display()
        )
    );
}

#[test]
fn a_source_link_inside_the_pack_is_followed() {
    let pack = temp_pack(|_| {});
    fs::rename(
        pack.path().join("sources/guide.txt"),
        pack.path().join("sources/real.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("real.txt", pack.path().join("sources/guide.txt")).unwrap();
    let out = immunity().arg("check").arg(pack.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn unreferenced_files_in_sources_are_not_read() {
    assert_eq!(check("unreferenced-source"), Vec::<String>::new());
    // Not even a FIFO, which would block a read.
    let pack = temp_pack(|_| {});
    mkfifo(&pack.path().join("sources/pipe.txt"));
    fs::create_dir(pack.path().join("sources/sub")).unwrap();
    let out = run_with_deadline(&["check".as_ref(), pack.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn a_source_text_that_is_not_utf8_is_located() {
    assert_eq!(
        check("source-not-utf8"),
        [
            "tests/fixtures/hostile/source-not-utf8/pack.json:27:15: error: sources[0] (\"guide\").text: \"guide.txt\" cannot be read: tests/fixtures/hostile/source-not-utf8/sources/guide.txt:2:5: not UTF-8 text (byte 0xE9); save the file as UTF-8"
        ]
    );
}

#[test]
fn pack_json_not_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("pack.json"), b"{\n  \"id\": \"caf\xe9\"\n}").unwrap();
    let out = immunity().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "immunity: {}/pack.json:2:13: not UTF-8 text (byte 0xE9); save the file as UTF-8\n",
            dir.path().display()
        )
    );
}

#[test]
fn a_byte_order_mark_is_dropped() {
    assert_eq!(check("bom"), Vec::<String>::new());
}

#[test]
fn answers_file_errors_name_the_place_once() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.json");
    fs::write(&answers, "{\"first\": 3}").unwrap();
    let out = immunity()
        .arg("--pack")
        .arg(fixture("bom"))
        .arg("walk")
        .arg("--answers")
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "immunity: {}:1:11: expected a JSON object of question id to option id: invalid type: integer `3`, expected a string\n",
            answers.display()
        )
    );
    fs::write(&answers, "").unwrap();
    let out = immunity()
        .arg("--pack")
        .arg(fixture("bom"))
        .arg("walk")
        .arg("--answers")
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stderr),
        format!(
            "immunity: {}:1:1: expected a JSON object of question id to option id: EOF while parsing a value\n",
            answers.display()
        )
    );
}

// ---- 5. Inputs shaped for quadratic work ---------------------------------------------------

/// A pack whose tree branches at every level, `levels` deep (2 × `levels` questions).
fn deep_pack(levels: usize) -> tempfile::TempDir {
    temp_pack(|p| {
        let mut qs = Vec::new();
        for i in 0..levels {
            let next = if i + 1 < levels {
                format!("q{}", i + 1)
            } else {
                "end-yes".into()
            };
            qs.push(serde_json::json!({
                "id": format!("q{i}"), "prompt": format!("Question {i}?"), "why": "Because.",
                "options": [
                    { "id": "a", "label": "A", "next": next },
                    { "id": "b", "label": "B", "next": format!("r{i}") }
                ]
            }));
            qs.push(serde_json::json!({
                "id": format!("r{i}"), "prompt": format!("Side {i}?"), "why": "Because.",
                "options": [
                    { "id": "a", "label": "A", "next": "end-yes" },
                    { "id": "b", "label": "B", "next": "end-no" }
                ]
            }));
        }
        p["questions"] = qs.into();
        p["start"] = "q0".into();
        p["sources"] = serde_json::json!([]);
    })
}

#[test]
fn a_deep_map_outline_stays_linear_in_the_pack() {
    let pack = deep_pack(2000);
    let size = fs::metadata(pack.path().join("pack.json")).unwrap().len();
    let out = immunity()
        .arg("--pack")
        .arg(pack.path())
        .arg("map")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let outline = text(&out.stdout);
    // Before, indentation grew with depth: 2,000 levels made some 48 MB of outline.
    assert!(
        (outline.len() as u64) < size,
        "outline {} bytes for a {size}-byte pack",
        outline.len()
    );
    assert!(outline.lines().all(|l| l.len() < 200));
    assert!(
        outline.contains("(level 2000) q1999: Question 1999?"),
        "{}",
        &outline[outline.len() - 400..]
    );
}

#[test]
fn a_long_word_wraps_to_the_width() {
    let pack = temp_pack(|p| p["conclusions"][0]["summary"] = "x".repeat(200_000).into());
    let out = immunity()
        .arg("--pack")
        .arg(pack.path())
        .args(["walk", "--answer", "first=yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report = text(&out.stdout);
    assert!(report.lines().all(|l| l.chars().count() <= 80));
    let xs: usize = report
        .lines()
        .filter(|l| l.chars().all(|c| c == 'x') && !l.is_empty())
        .map(str::len)
        .sum();
    assert_eq!(xs, 200_000, "every character of the word is kept");
}

#[test]
fn a_quote_whose_words_recur_everywhere_is_checked_against_its_pin() {
    // The quote's first words recur 20,000 times; its pin names a page it does not stand on.
    let pack = temp_pack(|p| {
        p["questions"][0]["excerpts"][0] = serde_json::json!({ "source": "guide", "quote": "the soil is wet ... THE END.", "pin": "2" });
    });
    let mut source = String::from("*1 It is so. ");
    source.push_str(&"the soil is wet and ".repeat(20_000));
    source.push_str("THE END.");
    fs::write(pack.path().join("sources/guide.txt"), source).unwrap();
    let out = immunity().arg("check").arg(pack.path()).output().unwrap();
    assert_eq!(
        text(&out.stdout),
        format!(
            "{0}/pack.json:38:18: error: questions[0] (\"first\").excerpts[0].pin: \"2\" does not match the quote, which stands on page 1 (at sources/guide.txt:1:14)\n{0}: 1 error found\n",
            pack.path().display()
        )
    );
}

#[test]
fn forty_thousand_answer_keys_are_each_reported_once() {
    let pack = temp_pack(|_| {});
    let mut answers = String::from("{\"first\": \"yes\"");
    for i in 0..40_000 {
        let _ = write!(answers, ", \"nope-{i}\": \"yes\"");
    }
    answers.push('}');
    fs::write(
        pack.path().join("cases.json"),
        format!(
            "{{\"cases\": [{{\"id\": \"c\", \"title\": \"C\", \"citation\": \"C\", \"facts\": \"F.\", \"answers\": {answers}, \"expected\": \"end-yes\", \"holding\": \"H.\"}}]}}"
        ),
    )
    .unwrap();
    let out = immunity()
        .args(["check", "--all"])
        .arg(pack.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.matches("names no question").count(), 40_000);
    assert!(stdout.contains(
        "/cases.json:1:217: error: cases[0] (\"c\").answers[\"nope-7\"]: \"nope-7\" names no question"
    ), "{}", &stdout[..2000]);
    // Without --all, the first 50 in source order, then how many more.
    let out = immunity().arg("check").arg(pack.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.matches("names no question").count(), 50);
    assert!(
        stdout.contains("\"nope-49\" names no question\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(&format!(
            "{0}: 39950 more errors not shown; add --all to list every one\n{0}: 40000 errors found\n",
            pack.path().display()
        )),
        "{stdout}"
    );
}

#[test]
fn every_cli_message_naming_user_text_is_escaped() {
    // A clean pack in a folder whose name holds an escape sequence.
    let base = temp_pack(|_| {});
    let evil = base.path().join("dir\u{1b}]0;T\u{7}");
    fs::create_dir(&evil).unwrap();
    fs::rename(base.path().join("pack.json"), evil.join("pack.json")).unwrap();
    fs::rename(base.path().join("sources"), evil.join("sources")).unwrap();
    let evil_out = evil.join("out\u{1b}[2J.txt");
    fs::write(&evil_out, "exists").unwrap();
    let runs: Vec<Vec<std::ffi::OsString>> = vec![
        vec!["check".into(), evil.clone().into()],
        vec![
            "--pack".into(),
            evil.clone().into(),
            "walk".into(),
            "--case".into(),
            "c\u{1b}[31m".into(),
        ],
        vec![
            "--pack".into(),
            evil.clone().into(),
            "walk".into(),
            "--answers".into(),
            evil.join("missing\u{1b}[5m.json").into(),
        ],
        vec![
            "--pack".into(),
            evil.clone().into(),
            "walk".into(),
            "--answer".into(),
            "first=y\u{9b}es".into(),
        ],
        vec![
            "--pack".into(),
            evil.clone().into(),
            "walk".into(),
            "--answer".into(),
            "first=yes".into(),
            "--output".into(),
            evil_out.clone().into(),
        ],
        vec![
            "--pack".into(),
            evil.clone().into(),
            "walk".into(),
            "--answer".into(),
            "first=yes".into(),
            "--output".into(),
            evil.join("new\u{1b}[2J.txt").into(),
        ],
    ];
    for args in runs {
        let out = immunity().args(&args).output().unwrap();
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_safe(&format!("stdout of {args:?}"), &stdout);
        assert_safe(&format!("stderr of {args:?}"), &stderr);
        assert!(
            stdout.contains("\\u{1b}") || stderr.contains("\\u{1b}") || stderr.contains("\\u{9b}"),
            "{args:?}: the escaped name is shown: {stdout}{stderr}"
        );
    }
}

/// Sends a signal with the shell's `kill` builtin: a machine with only a Rust toolchain may have
/// no `kill` program (procps), but it always has `sh`.
fn send_signal(signal: &str, pid: &str) {
    let status = StdCommand::new("sh")
        .args(["-c", "kill \"$0\" \"$1\"", signal, pid])
        .status()
        .unwrap();
    assert!(status.success(), "kill {signal} {pid} failed");
}
