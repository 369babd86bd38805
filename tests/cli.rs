//! The `immunity` command line, run as a user runs it: the built binary, its output and its exit
//! codes, on the unrelated houseplant pack (which proves the engine knows nothing of the law)
//! and the TUI fixture pack, each passed with `--pack`. What the bundled pack itself says is
//! tested in `content_cli.rs`.

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use support::cli::immunity;

fn houseplant() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant")
}

/// The binary on the houseplant pack.
fn on_houseplant() -> Command {
    let mut cmd = immunity();
    cmd.arg("--pack").arg(houseplant());
    cmd
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

#[test]
fn check_takes_pack_folders_and_reports_unreadable_ones() {
    let out = immunity().arg("check").arg(houseplant()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains(": ok: "));

    let out = immunity().args(["check", "no/such/pack"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/pack"), "{}", stderr(&out));
}

/// `--pack` is a global flag, so `check --pack DIR` must check DIR; it once checked the bundled
/// pack instead and said "ok" for a folder it never read.
#[test]
fn check_honours_the_global_pack_flag() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pack.json"), "{\n  \"id\": 3\n}\n").unwrap();
    let out = immunity()
        .args(["check", "--pack"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let expected = format!("{}/pack.json:2:", dir.path().display());
    assert!(stdout(&out).starts_with(&expected), "{}", stdout(&out));

    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "only the named pack: {text}");
    assert!(text.contains("houseplant: ok: "), "{text}");
}

#[test]
fn check_exits_1_with_located_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pack.json"), "{\n  \"id\": 3\n}\n").unwrap();
    let out = immunity().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let expected = format!("{}/pack.json:2:", dir.path().display());
    assert!(text.starts_with(&expected), "{text}");
    assert!(text.contains(": error: "), "{text}");
}

/// A copy of the houseplant pack whose `cases.json` is `edit`ed (as JSON), in a temporary folder.
fn houseplant_with_cases(edit: impl FnOnce(&mut Value)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = houseplant();
    std::fs::copy(from.join("pack.json"), dir.path().join("pack.json")).unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    for entry in std::fs::read_dir(from.join("sources")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            dir.path().join("sources").join(entry.file_name()),
        )
        .unwrap();
    }
    let mut cases: Value =
        serde_json::from_str(&std::fs::read_to_string(from.join("cases.json")).unwrap()).unwrap();
    edit(&mut cases);
    std::fs::write(
        dir.path().join("cases.json"),
        serde_json::to_string_pretty(&cases).unwrap(),
    )
    .unwrap();
    dir
}

/// A generated pack with 1,000 unknown answer keys: `check` lists the first 50 in source order,
/// then how many more, then the count; `--all` lists every one; the exit code is 1 either way.
#[test]
fn check_caps_its_list_of_problems_and_all_lifts_the_cap() {
    let dir = houseplant_with_cases(|cases| {
        let answers = cases["cases"][0]["answers"].as_object_mut().unwrap();
        for i in 0..1000 {
            answers.insert(format!("nope-{i:04}"), "yes".into());
        }
    });
    let root = dir.path().display().to_string();
    let out = immunity().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 52, "{text}");
    // `answers` is serialised in key order: drainage, nope-0000..nope-0999, soil-dry, succulent.
    for (i, line) in lines[..50].iter().enumerate() {
        assert_eq!(
            *line,
            format!(
                "{root}/cases.json:{}:9: error: cases[0] (\"fern-dry\").answers[\"nope-{i:04}\"]: \"nope-{i:04}\" names no question",
                6 + i
            )
        );
    }
    assert_eq!(
        lines[50],
        format!("{root}: 950 more errors not shown; add --all to list every one")
    );
    assert_eq!(lines[51], format!("{root}: 1000 errors found"));

    let out = immunity()
        .args(["check", "--all"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1001, "{text}");
    assert!(lines[999].contains("nope-0999"), "{}", lines[999]);
    assert_eq!(lines[1000], format!("{root}: 1000 errors found"));
    assert!(!text.contains("not shown"), "{text}");

    // A command that needs the pack lists the same first 50 on standard error.
    let out = immunity()
        .args(["walk", "--pack"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.matches(" names no question").count(), 50, "{err}");
    assert!(
        err.contains(&format!(
            "{root}: 950 more errors not shown; `immunity check --all` lists every one\n"
        )),
        "{err}"
    );
}

/// Warnings are capped apart from errors, and a pack with many warnings still checks "ok".
#[test]
fn check_caps_warnings_and_the_pack_still_loads() {
    let dir = houseplant_with_cases(|cases| {
        let list = cases["cases"].as_array_mut().unwrap();
        // The glazed pot is repotted at the first question: an answer to "succulent" is unused.
        let mut glazed = list
            .iter()
            .find(|c| c["id"] == "glazed-pot")
            .unwrap()
            .clone();
        glazed["answers"]["succulent"] = "yes".into();
        for i in 0..60 {
            glazed["id"] = format!("glazed-{i:02}").into();
            list.push(glazed.clone());
        }
    });
    let root = dir.path().display().to_string();
    let out = immunity().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 52, "{text}");
    assert!(
        lines[..50].iter().all(|l| l.contains(": warning: ")),
        "{text}"
    );
    assert!(lines[0].contains("glazed-00"), "{}", lines[0]);
    assert!(lines[49].contains("glazed-49"), "{}", lines[49]);
    assert_eq!(
        lines[50],
        format!("{root}: 10 more warnings not shown; add --all to list every one")
    );
    assert!(lines[51].starts_with(&format!("{root}: ok: ")), "{text}");
}

/// "⚖️" (the scales and U+FE0F, asking for their emoji form) is text: the pack checks clean and
/// the walk prints it as written, in every format; a selector that follows nothing it can modify
/// is an error.
#[test]
fn an_emoji_variation_selector_is_text_and_a_lone_one_is_an_error() {
    let dir = houseplant_with_cases(|cases| {
        cases["cases"][0]["title"] = "The fern \u{2696}\u{fe0f} on the sill".into();
    });
    let out = immunity().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    for format in ["text", "markdown", "html", "json"] {
        let out = immunity()
            .arg("--pack")
            .arg(dir.path())
            .args(["walk", "--case", "fern-dry", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.contains("The fern \u{2696}\u{fe0f} on the sill"),
            "{format}: {text}"
        );
        assert_eq!(
            immunity::text::unsafe_chars(&text).next(),
            None,
            "{format}: {text}"
        );
    }

    let dir = houseplant_with_cases(|cases| {
        cases["cases"][0]["title"] = "The fern \u{fe0f}on the sill".into();
    });
    let out = immunity().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(
            r#"error: cases[0] ("fern-dry").title: text holds a variation selector that follows no character it can modify: "The fern \u{fe0f}on the sill""#
        ),
        "{text}"
    );
}

#[test]
fn walk_that_stops_short_exits_3_with_the_pending_question() {
    let out = on_houseplant()
        .args(["walk", "--answer", "drainage=yes", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["pending"]["question"], "succulent");
    assert!(v["pending"]["prompt"].is_string());
    let options: Vec<&str> = v["pending"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(options, ["yes", "no"]);
    assert_eq!(v["path"][0]["answer"], "yes");

    let out = on_houseplant().arg("walk").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stdout(&out).contains("Answer with --answer drainage=OPTION"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn walk_rejects_unknown_ids_naming_the_valid_choices() {
    let out = on_houseplant()
        .args(["walk", "--answer", "colour=judge"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown question \"colour\""), "{err}");
    assert!(
        err.contains("the questions are: drainage, succulent, soil-dry, soil-bone-dry"),
        "{err}"
    );

    let out = on_houseplant()
        .args(["walk", "--answer", "succulent=money"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("question \"succulent\" has no option \"money\"; its options are: yes, no"),
        "{}",
        stderr(&out)
    );

    let out = on_houseplant()
        .args(["walk", "--answer", "succulent"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected QUESTION=OPTION"));

    let out = on_houseplant()
        .args(["walk", "--case", "nosuch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("fact patterns are: fern-dry, cactus-damp, glazed-pot"),
        "{}",
        stderr(&out)
    );
}

/// An unsafe character in an unknown option id is escaped once, as in every other message
/// (`\u{1b}`), not twice (`\\u{1b}`, the escape then quoted again by Debug formatting).
#[test]
fn unknown_option_escapes_its_id_once() {
    let out = on_houseplant()
        .args(["walk", "--answer", "drainage=x\u{1b}]0;t\u{7}"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "immunity: question \"drainage\" has no option \"x\\u{1b}]0;t\\u{7}\"; its options are: yes, no\n"
    );
}

/// Without --format, the --output file's extension picks the format; --format still wins.
#[test]
fn walk_output_extension_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [
        ("memo.html", "<!DOCTYPE html>"),
        ("memo.HTM", "<!DOCTYPE html>"),
        ("memo.md", "# "),
        ("memo.json", "{"),
        ("memo.txt", "Water it"),
    ] {
        let path = dir.path().join(name);
        let out = on_houseplant()
            .args(["walk", "--case", "fern-dry", "--output"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(
            written
                .to_ascii_lowercase()
                .starts_with(&starts.to_ascii_lowercase()),
            "{name}: {}",
            &written[..written.len().min(80)]
        );
    }
    let path = dir.path().join("forced.html");
    let out = on_houseplant()
        .args(["walk", "--case", "fern-dry", "--format", "text", "--output"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("Water it")
    );
}

#[test]
fn walk_warns_about_answers_the_path_never_used() {
    let out = on_houseplant()
        .args([
            "walk",
            "-a",
            "drainage=no",
            "-a",
            "succulent=yes",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["conclusion"]["id"], "repot");
    assert!(
        stderr(&out).contains("warning: the answer for \"succulent\" was not used"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn walk_reads_answers_from_a_file_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.json");
    std::fs::write(
        &file,
        r#"{"drainage": "yes", "succulent": "no", "soil-dry": "no"}"#,
    )
    .unwrap();
    let out = on_houseplant()
        .args(["walk", "--format", "json", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["conclusion"]["id"], "wait");

    let out = on_houseplant()
        .args(["walk", "--format", "json", "-a", "drainage=no", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["conclusion"]["id"], "repot");

    std::fs::write(&file, "{\"a\": 1}").unwrap();
    let out = on_houseplant()
        .args(["walk", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("answers.json:1:"), "{}", stderr(&out));
}

#[test]
fn export_writes_atomically_and_never_clobbers_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("memo.html");
    let out = on_houseplant()
        .args(["walk", "--case", "fern-dry", "--format", "html", "--output"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    assert!(html.contains("The fern on the windowsill"));

    std::fs::write(&file, "keep me").unwrap();
    let out = on_houseplant()
        .args(["walk", "--case", "fern-dry", "--format", "markdown", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");

    let out = on_houseplant()
        .args([
            "walk", "--case", "fern-dry", "--format", "markdown", "--force", "-o",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&file).unwrap().starts_with('#'));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["memo.html"], "no temporary file is left behind");

    let out = on_houseplant()
        .args([
            "walk",
            "--case",
            "fern-dry",
            "-o",
            "/no/such/folder/memo.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("No such file or directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_of_an_unfinished_walk_exits_3_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("memo.md");
    let out = on_houseplant()
        .args(["walk", "-a", "drainage=yes", "--format", "markdown", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(!file.exists());
}

#[test]
fn map_draws_the_tree_in_every_format_for_both_packs() {
    let tui_pack = support::pack::fixture_dir();
    for pack in [tui_pack, houseplant()] {
        let run = |format: &str| {
            let mut cmd = immunity();
            cmd.args(["map", "--format", format])
                .arg("--pack")
                .arg(&pack);
            let out = cmd.output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
            stdout(&out)
        };
        let json: Value = serde_json::from_str(&run("json")).unwrap();
        let questions = json["questions"].as_array().unwrap();
        let text = run("text");
        let dot = run("dot");
        let mermaid = run("mermaid");
        assert!(dot.starts_with("digraph pack {") && dot.trim_end().ends_with('}'));
        assert!(mermaid.starts_with("flowchart TD\n"));
        for q in questions {
            let id = q["id"].as_str().unwrap();
            assert!(text.contains(&format!("{id}: ")), "outline lacks {id}");
            assert!(
                dot.contains(id) && mermaid.contains(id),
                "diagram lacks {id}"
            );
            let edges = q["options"].as_array().unwrap().len();
            assert!(edges >= 2);
        }
        let edge_count: usize = questions
            .iter()
            .map(|q| q["options"].as_array().unwrap().len())
            .sum();
        assert_eq!(dot.matches(" -> ").count(), edge_count);
        assert_eq!(mermaid.matches(" -->|").count(), edge_count);
    }
}

#[test]
fn houseplant_pack_walks_with_the_same_engine() {
    let map: Value = serde_json::from_str(&stdout(
        &immunity()
            .args(["map", "--format", "json", "--pack"])
            .arg(houseplant())
            .output()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(map["pack"]["id"], "houseplant");
    // Answer every question with its first option: the walk must end at a conclusion.
    let mut cmd = immunity();
    cmd.args(["walk", "--format", "json", "--pack"])
        .arg(houseplant());
    for q in map["questions"].as_array().unwrap() {
        cmd.arg("-a").arg(format!(
            "{}={}",
            q["id"].as_str().unwrap(),
            q["options"][0]["id"].as_str().unwrap()
        ));
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["pack"]["id"], map["pack"]["id"]);
    assert!(report["conclusion"]["id"].is_string());
}

#[test]
fn schema_commands_print_json_schemas() {
    for (args, needle) in [
        (vec!["schema"], "\"questions\""),
        (vec!["schema", "--cases"], "\"expected\""),
        (vec!["schema", "--report"], "\"conclusion\""),
    ] {
        let out = immunity().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert!(v["$schema"].is_string(), "{args:?}");
        assert!(stdout(&out).contains(needle), "{args:?}");
    }
}

#[test]
fn without_a_terminal_the_walkthrough_runs_line_by_line() {
    // An empty input ends before a conclusion: exit 3, as `walk` does with answers that stop
    // short. (tests/plain_cli.rs covers the line mode in full.)
    let out = on_houseplant().write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Question 1 (drainage) of at most"),
        "{}",
        stdout(&out)
    );
}

/// Every message the program writes on standard error carries the `immunity: ` prefix exactly
/// once, whichever command and failure produced it.
#[test]
fn error_messages_carry_the_prefix_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("exists.md");
    std::fs::write(&existing, "keep").unwrap();
    let missing = dir.path().join("missing");
    let runs: Vec<(Vec<std::ffi::OsString>, i32)> = vec![
        (vec!["--case".into(), "nope".into()], 2),
        (vec!["walk".into(), "--case".into(), "nope".into()], 2),
        (vec!["walk".into(), "-a".into(), "nope=x".into()], 2),
        (
            vec!["walk".into(), "--answers".into(), missing.clone().into()],
            2,
        ),
        (
            vec!["walk".into(), "--pack".into(), missing.clone().into()],
            2,
        ),
        (vec!["check".into(), missing.into()], 2),
        (
            vec![
                "walk".into(),
                "--case".into(),
                "fern-dry".into(),
                "-o".into(),
                existing.into(),
            ],
            1,
        ),
        (
            vec!["walk".into(), "-o".into(), dir.path().join("x").into()],
            3,
        ),
    ];
    for (args, code) in runs {
        // On the houseplant pack, but for the run that names a missing one.
        let mut cmd = if args.iter().any(|a| a == "--pack") {
            immunity()
        } else {
            on_houseplant()
        };
        let out = cmd.args(&args).write_stdin("").output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        let last = err.lines().last().expect("a message on standard error");
        assert!(last.starts_with("immunity: "), "{args:?}: {err}");
        assert!(!err.contains("immunity: immunity:"), "{args:?}: {err}");
        // Counted at line starts: the pending question's text may name conclusions whose
        // titles hold "immunity: " (the bundled pack's do), which are not prefixes.
        assert_eq!(
            err.lines()
                .filter(|line| line.starts_with("immunity: "))
                .count(),
            1,
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_broken_pack_stops_walk_and_map_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pack.json"), "{").unwrap();
    for cmd in ["walk", "map"] {
        let out = immunity()
            .arg(cmd)
            .arg("--pack")
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        assert!(stderr(&out).contains("pack.json:1:"), "{}", stderr(&out));
    }
}

/// The schemas committed beside the packs (named by their `$schema`, for editors) are what
/// `immunity schema` prints: regenerate them with `immunity schema > questions/pack.schema.json`
/// and `immunity schema --cases > questions/cases.schema.json` after changing the format.
#[test]
fn committed_schemas_match_the_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    for (args, file) in [
        (vec!["schema"], "pack.schema.json"),
        (vec!["schema", "--cases"], "cases.schema.json"),
    ] {
        let out = immunity().args(&args).output().unwrap();
        assert_eq!(
            stdout(&out),
            std::fs::read_to_string(root.join(file)).unwrap(),
            "{} is out of date",
            root.join(file).display()
        );
    }
}

#[test]
fn interactive_flags_with_a_command_are_refused_not_ignored() {
    for (args, flag) in [
        (&["--matter", "m.json", "walk"][..], "--matter"),
        (&["--present", "map"][..], "--present"),
        (&["--case", "fern-dry", "walk"][..], "--case"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = on_houseplant()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(flag), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing is walked");
        assert!(
            std::fs::read_dir(dir.path()).unwrap().next().is_none(),
            "{args:?}: nothing is written"
        );
    }
}

#[test]
fn cases_lists_each_fact_pattern_id_with_its_name_and_help_points_there() {
    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .arg("cases")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let pack = immunity::pack::load(&immunity::pack::FileSet::from_dir(&houseplant()).unwrap())
        .unwrap()
        .0;
    let lines: Vec<&str> = text.lines().collect();
    for (line, case) in lines.iter().zip(pack.cases()) {
        assert!(line.starts_with(case.id.as_str()), "{line}");
        assert!(line.ends_with(case.title.as_str()), "{line}");
    }
    assert!(text.contains("immunity --case ID"), "{text}");
    let help = stdout(&immunity().arg("--help").output().unwrap());
    assert!(help.contains("(ids: `immunity cases`)"), "{help}");
    assert!(!help.contains("fact pattern of the pack (see `immunity map`)"));
}
