//! `immunity quiz` line by line, run as a user runs it: a script piped in, the results file
//! read back by the results module. Ids and the court's answers come from the bundled pack at
//! test time, so the tests follow the pack.

use std::fmt::Write as _;

use assert_cmd::Command;
use immunity::engine::{Session, resolve_answers};
use immunity::pack::{FileSet, Pack, load};

fn immunity() -> Command {
    let mut cmd = Command::cargo_bin("immunity").expect("the binary is built");
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "ACCESSIBLE"] {
        cmd.env_remove(var);
    }
    cmd.env("TERM", "xterm-256color");
    cmd
}

fn bundled() -> Pack {
    load(&FileSet::bundled("judicial-immunity").expect("the bundled pack"))
        .expect("the bundled pack loads")
        .0
}

/// The script that answers fact pattern `case` on the court's path, certain each time.
fn court_script(pack: &Pack, case: usize) -> (String, usize) {
    let court = resolve_answers(pack, &pack.cases()[case].answers).unwrap();
    let mut session = Session::new(pack);
    let mut script = String::new();
    let mut steps = 0;
    while let Some(q) = session.current_question() {
        let o = court[&q];
        write!(script, "{}\n3\n", o + 1).unwrap();
        session.answer(o).unwrap();
        steps += 1;
    }
    (script, steps)
}

#[test]
fn quiz_plain_takes_a_fact_pattern_from_a_script_and_writes_the_results() {
    let pack = bundled();
    let case = &pack.cases()[0];
    let (script, steps) = court_script(&pack, 0);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.json");
    let output = immunity()
        .args([
            "quiz",
            "--plain",
            "--case",
            &case.id,
            "--name",
            "Ann",
            "--results",
        ])
        .arg(&file)
        .write_stdin(script)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(!stdout.contains('\u{1b}'), "no escape sequence at all");
    assert!(stdout.contains("Fact pattern 1 of 1"));
    assert!(
        stdout.contains("Citation: "),
        "the excerpt's citation is shown"
    );
    assert!(stdout.ends_with("Quiz complete.\n"), "{stdout}");
    assert!(stderr.contains("wrote "), "{stderr}");
    let text = std::fs::read_to_string(&file).unwrap();
    let results = immunity::results::load(&pack, &text).unwrap();
    assert_eq!(results.student, "Ann");
    assert_eq!(results.patterns.len(), 1);
    let p = &results.patterns[0];
    assert_eq!(p.case, case.id);
    assert_eq!(p.steps.len(), steps);
    assert!(
        p.steps.iter().all(
            |s| s.confidence == 3 && s.court_answer.as_deref() == Some(s.first_answer.as_str())
        )
    );
    assert_eq!(p.conclusion.as_deref(), Some(p.court_conclusion.as_str()));
    let s = immunity::results::score(&pack, p);
    assert_eq!(
        (s.matched, s.scored, s.outcome_matched),
        (steps, steps, true)
    );
}

#[test]
fn quiz_without_a_terminal_runs_line_by_line_and_keeps_answers_when_the_input_ends() {
    let pack = bundled();
    let (script, _) = court_script(&pack, 0);
    let first_answer = script.lines().take(2).collect::<Vec<_>>().join("\n") + "\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("partial.json");
    // No --plain: standard input is a pipe, so the line mode is chosen by itself.
    let output = immunity()
        .args(["quiz", "--case", &pack.cases()[0].id, "--results"])
        .arg(&file)
        .write_stdin(first_answer)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(3), "{stdout}");
    assert!(stdout.contains("standard input or output is not a terminal"));
    assert!(!stdout.contains('\u{1b}'));
    let results = immunity::results::load(&pack, &std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(results.patterns[0].steps.len(), 1);
    assert_eq!(results.patterns[0].conclusion, None);
}

#[test]
fn quiz_plain_script_error_names_the_line_and_still_writes_the_results() {
    let pack = bundled();
    let (script, _) = court_script(&pack, 0);
    let mut lines = script.lines();
    let bad = format!(
        "{}\n{}\nmaybe\n",
        lines.next().unwrap(),
        lines.next().unwrap()
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.json");
    let output = immunity()
        .args([
            "quiz",
            "--plain",
            "--case",
            &pack.cases()[0].id,
            "--results",
        ])
        .arg(&file)
        .write_stdin(bad)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("standard input line 3: "), "{stderr}");
    assert!(file.exists(), "the answer before the error is kept");
}
