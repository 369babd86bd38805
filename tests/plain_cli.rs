//! The conventions of a well-behaved command-line tool, run as a user runs them: the line mode
//! from a piped script, colour under `--color`, `NO_COLOR`, `CLICOLOR` and `CLICOLOR_FORCE`,
//! shell completions and the manual page. Walks run on the houseplant pack or a built pack
//! (`--pack`), never the bundled legal pack.

mod support;

use std::path::{Path, PathBuf};

use support::cli::immunity;

fn houseplant() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant")
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// A colour case: flags, environment variables, whether the output is coloured.
type ColourCase = (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    bool,
);

/// The report without its export time, which changes from run to run.
fn timeless(s: &str) -> String {
    // The export time appears twice: in the subtitle ("· exported 24 November 2026, 14:48 ...")
    // and in the provenance ("Exported: ..."); two runs a minute apart differ only there.
    s.lines()
        .filter(|l| !l.starts_with("Exported"))
        .map(|l| l.find("exported ").map_or(l, |at| &l[..at]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Drops SGR sequences: what the text says without its colour.
fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn a_piped_script_reaches_a_conclusion_and_exports_it() {
    let dir = tempfile::tempdir().unwrap();
    // The fern on the windowsill as the pack answers it, by option ids.
    let files = immunity::pack::FileSet::from_dir(&houseplant()).unwrap();
    let pack = immunity::pack::load(&files).unwrap().0;
    let walked = immunity::engine::walk(&pack, &pack.case("fern-dry").unwrap().answers).unwrap();
    let steps = walked.session.history().len();
    let conclusion = pack.conclusion(walked.session.conclusion().unwrap());
    let mut script = String::from("# The fern on the windowsill, by option ids\n");
    for step in walked.session.history() {
        script.push_str(&pack.question(step.question).options[step.option].id);
        script.push('\n');
    }
    script.push_str("c\ne\ntext\nscreening.txt\nq\n");
    for args in [
        &["--plain", "--case", "fern-dry"][..],
        &["--case", "fern-dry"],
    ] {
        let _ = std::fs::remove_file(dir.path().join("screening.txt"));
        let out = immunity()
            .arg("--pack")
            .arg(houseplant())
            .args(args)
            .current_dir(dir.path())
            .write_stdin(script.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.contains(&format!(
                "Outcome: {}.",
                pack.outcome_label(&conclusion.outcome)
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!("Reasoning chain, {steps} steps:")),
            "{text}"
        );
        assert!(text.contains("Saved the text export to "), "{text}");
        assert!(!text.contains('\u{1b}'), "no escape sequence at all");
        let saved = std::fs::read_to_string(dir.path().join("screening.txt")).unwrap();
        assert!(saved.contains("REASONING CHAIN"), "{saved}");
        assert!(
            saved.starts_with(&format!("{}\n", conclusion.title)),
            "{saved}"
        );
    }
}

#[test]
fn piped_without_a_flag_the_walkthrough_runs_line_by_line() {
    // Formerly exit 2 ("needs a terminal"): now the line mode, which says why it was chosen.
    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "the input ended before a conclusion"
    );
    let text = stdout(&out);
    assert!(
        text.contains("Plain mode (standard input or output is not a terminal)"),
        "{text}"
    );
    assert!(text.contains("Question 1 (drainage) of at most "), "{text}");
    assert!(
        text.ends_with("End of input before a conclusion.\n"),
        "{text}"
    );
}

#[test]
fn a_bad_script_line_is_an_error_naming_the_line() {
    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .arg("--plain")
        .write_stdin("1\n\nwhat\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "immunity: standard input line 3: unknown command \"what\"; type ? for the commands\n"
    );
}

#[test]
fn the_line_mode_refuses_an_unknown_fact_pattern() {
    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .args(["--plain", "--case", "nobody"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("immunity: unknown fact pattern \"nobody\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn walk_colour_follows_the_flag_and_the_environment() {
    // A pack whose one authority is reversed, so the walk shows a REVERSED badge to colour.
    let dir = tempfile::tempdir().unwrap();
    let pack = support::pack::three_step()
        .status("reversed", "rev'd by a later test case")
        .write(dir.path(), "reversed");
    let walk = || {
        let mut cmd = immunity();
        cmd.arg("--pack")
            .arg(&pack)
            .args(["walk", "--case", "climber"]);
        cmd
    };
    let plain = walk().output().unwrap();
    assert!(plain.status.success());
    let plain = stdout(&plain);
    assert!(
        !plain.contains('\u{1b}'),
        "a pipe gets no colour by default"
    );

    // (flags, variables, coloured?)
    let cases: &[ColourCase] = &[
        (&[], &[("CLICOLOR_FORCE", "1")], true),
        (&[], &[("CLICOLOR_FORCE", "0")], false),
        (&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], false),
        (&[], &[("NO_COLOR", "1")], false),
        (&[], &[("CLICOLOR", "0")], false),
        (&["--color", "always"], &[("NO_COLOR", "1")], true),
        (&["--color", "never"], &[("CLICOLOR_FORCE", "1")], false),
        (&["--no-color"], &[("CLICOLOR_FORCE", "1")], false),
        (&["--color", "auto"], &[], false),
    ];
    for (flags, vars, coloured) in cases {
        let mut cmd = walk();
        cmd.args(*flags);
        for (k, v) in *vars {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{flags:?} {vars:?}");
        let text = stdout(&out);
        assert_eq!(text.contains('\u{1b}'), *coloured, "{flags:?} {vars:?}");
        // Never meaning by colour alone: without its colour the text is word for word the
        // uncoloured text.
        assert_eq!(
            timeless(&strip_sgr(&text)),
            timeless(&plain),
            "{flags:?} {vars:?}"
        );
        if *coloured {
            assert!(text.contains("[\u{1b}[1;31mREVERSED\u{1b}[0m"), "{text}");
            assert!(text.contains("\u{1b}[1mOUTCOME: YES\u{1b}[0m"), "{text}");
            // Only the 16 ANSI colours: no 256-colour or RGB sequences.
            assert!(!text.contains("38;5;") && !text.contains("38;2;"));
        }
    }
}

#[test]
fn exports_and_json_are_never_coloured() {
    let dir = tempfile::tempdir().unwrap();
    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .args([
            "walk", "--case", "fern-dry", "--format", "json", "--color", "always",
        ])
        .output()
        .unwrap();
    assert!(!stdout(&out).contains('\u{1b}'));
    let file = dir.path().join("memo.txt");
    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .args([
            "walk", "--case", "fern-dry", "--color", "always", "--output",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!std::fs::read_to_string(&file).unwrap().contains('\u{1b}'));
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = immunity().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let text = stdout(&out);
        for word in ["walk", "check", "completions", "plain", "color"] {
            assert!(text.contains(word), "{shell} completes {word}");
        }
    }
    let out = immunity().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("possible values: bash"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn bash_loads_the_completions() {
    let bin = assert_cmd::cargo::cargo_bin("immunity");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source <('{}' completions bash) && complete -p immunity",
            bin.display()
        ))
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("immunity"), "{}", stdout(&out));
}

#[test]
fn the_manual_page_names_every_command() {
    let out = immunity().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(page.contains(".TH immunity 1"), "{page}");
    for command in [
        "check",
        "walk",
        "map",
        "schema",
        "key",
        "class",
        "quiz",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SS \"immunity {command}\"")),
            "the manual page has a section for {command}"
        );
    }
    for word in [
        "\\-\\-plain",
        "\\-\\-color",
        "\\-\\-output",
        ".SH \"EXIT STATUS\"",
        "the input ended before a conclusion",
        "128+N",
        ".SH ENVIRONMENT",
        "CLICOLOR_FORCE",
        "ACCESSIBLE",
    ] {
        assert!(page.contains(word), "the manual page mentions {word}");
    }
}

#[test]
fn the_line_mode_walks_another_pack_and_stops_quietly_when_its_reader_goes() {
    let pack = houseplant();
    let out = immunity()
        .arg("--pack")
        .arg(&pack)
        .write_stdin("yes\nno\nyes\nq\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Question 1 (drainage) of at most 3:"),
        "{text}"
    );
    assert!(
        text.contains("Outcome: Water now. Conclusion after 3 questions: "),
        "{text}"
    );

    // `immunity --plain < script | head -n 3`: the reader leaves early; no error, no panic.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("immunity"))
        .arg("--pack")
        .arg(&pack)
        .arg("--plain")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone before the first line is written
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all("?\n".repeat(1000).as_bytes());
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}
