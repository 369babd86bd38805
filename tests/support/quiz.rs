//! The line-mode quiz driven by a script: the answers that follow the court's path to a
//! question and depart from it there, and the passage and citation its reveal then shows.

// Each test binary uses the part it needs.
#![allow(dead_code)]

use std::fmt::Write as _;

use assert_cmd::Command;

use immunity::engine::{Session, resolve_answers};
use immunity::pack::{Case, Pack};

/// The `quiz --plain` script that gives the court's answers of `case` (each "fairly sure")
/// until `question`, answers it with option `option` ("certain"), and goes on along its own
/// path (`o`), where the reveal of a departure is shown.
pub fn departing_at(pack: &Pack, case: &Case, question: usize, option: usize) -> String {
    let court = resolve_answers(pack, &case.answers).expect("the fact pattern's answers");
    let mut session = Session::new(pack);
    let mut script = String::new();
    while let Some(q) = session.current_question() {
        if q == question {
            write!(script, "{}\n3\no\n", option + 1).unwrap();
            break;
        }
        write!(script, "{}\n2\n", court[&q] + 1).unwrap();
        session.answer(court[&q]).unwrap();
    }
    script
}

/// The passage ("In the authority's words: …") and its citation ("Citation: …") of the first
/// departure's reveal in the quiz's standard output.
pub fn reveal(stdout: &str) -> (String, String) {
    let reveal = &stdout[stdout.find("Your answer differs").expect("a departure")..];
    let line = |start: &str| {
        reveal
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start:?} in {reveal}"))
            .to_owned()
    };
    (line("In the authority's words: "), line("Citation: "))
}

/// Runs `quiz --plain --case CASE` with `cmd` (the binary on the pack wanted), answering by
/// `script`, the results written into a fresh folder, and returns the first departure's reveal
/// ([`reveal`]).
pub fn revealed(mut cmd: Command, case: &str, script: String) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = cmd
        .args(["quiz", "--plain", "--case", case, "--results"])
        .arg(dir.path().join("results.json"))
        .write_stdin(script)
        .output()
        .unwrap();
    reveal(&String::from_utf8(output.stdout).unwrap())
}
