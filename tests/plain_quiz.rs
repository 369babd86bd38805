//! `immunity quiz` line by line, run as a user runs it: a script piped in, the results file
//! read back by the results module. The pack is the test-pack builder's `three_step`, written
//! to a folder and passed with `--pack`; ids and the court's answers are read from it at test
//! time.

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use immunity::engine::{Session, resolve_answers};
use immunity::pack::{FileSet, Pack, load};

/// The binary on the pack in `root`, with no colour or accessibility variables inherited.
fn immunity(root: &Path) -> Command {
    let mut cmd = support::cli::immunity();
    cmd.env("TERM", "xterm-256color");
    cmd.arg("--pack").arg(root);
    cmd
}

/// The built pack written under `dir` (its folder, for `--pack`) and loaded as the binary
/// loads it.
fn built(dir: &Path) -> (PathBuf, Pack) {
    let root = support::pack::three_step().write(dir, "pack");
    let pack = load(&FileSet::from_dir(&root).expect("the built pack is readable"))
        .expect("the built pack loads")
        .0;
    (root, pack)
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
    let dir = tempfile::tempdir().unwrap();
    let (root, pack) = built(dir.path());
    let case = &pack.cases()[0];
    let (script, steps) = court_script(&pack, 0);
    let file = dir.path().join("f.json");
    let output = immunity(&root)
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
        (s.matched, s.scored, s.court_steps, s.outcome),
        (steps, steps, steps, immunity::results::OutcomeCredit::Court)
    );
}

/// The climber's first answers for a student who reasons to the court's result on another
/// ground: the court's answers up to the first step where another option leads straight to a
/// conclusion with the court's outcome (turning right at `path`), that option there. Computed
/// from the pack, so the test follows it. Returns the script lines (answer, confidence) up to
/// and including the departure, and the court's option there.
fn climber_first_answers(pack: &Pack) -> (Vec<(usize, u8)>, usize) {
    use immunity::pack::Node;
    let case = pack.case("climber").expect("the pack has the climber");
    let court = resolve_answers(pack, &case.answers).unwrap();
    let Some(Node::Conclusion(expected)) = pack.node(&case.expected) else {
        panic!("the climber's expected conclusion");
    };
    let outcome = &pack.conclusion(expected).outcome;
    let mut session = Session::new(pack);
    let mut answers = Vec::new();
    while let Some(q) = session.current_question() {
        let o = court[&q];
        let other = (0..pack.question(q).options.len()).find(|&x| {
            x != o
                && matches!(pack.target(q, x), Node::Conclusion(c)
                    if c != expected && &pack.conclusion(c).outcome == outcome)
        });
        if let Some(x) = other {
            answers.push((x, 3));
            return (answers, o);
        }
        answers.push((o, if answers.len() == 2 { 2 } else { 3 }));
        session.answer(o).unwrap();
    }
    panic!("no step of the climber's path has another ground to the court's result");
}

/// Runs `quiz --plain --case climber` on `script`; returns the transcript and the results file.
fn climber_run(script: &str) -> (String, immunity::results::Results) {
    let dir = tempfile::tempdir().unwrap();
    let (root, pack) = built(dir.path());
    let file = dir.path().join("g.json");
    let output = immunity(&root)
        .args([
            "quiz",
            "--plain",
            "--case",
            "climber",
            "--name",
            "Sam",
            "--results",
        ])
        .arg(&file)
        .write_stdin(script.to_owned())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    let text = std::fs::read_to_string(&file).unwrap();
    (stdout, immunity::results::load(&pack, &text).unwrap())
}

#[test]
fn the_same_first_answers_score_the_same_whichever_way_the_student_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (_, pack) = built(dir.path());
    let (firsts, court_option) = climber_first_answers(&pack);
    let mut head = String::new();
    for (o, c) in &firsts {
        write!(head, "{}\n{c}\n", o + 1).unwrap();
    }
    // Then their own path: the departing answer ends the walk.
    let own = format!("{head}o\n\n");
    // Then the court's path, answered on to its end (practice).
    let mut court = format!("{head}c\n");
    {
        let case = pack.case("climber").unwrap();
        let answers = resolve_answers(&pack, &case.answers).unwrap();
        let mut session = Session::new(&pack);
        for _ in 0..firsts.len() - 1 {
            let q = session.current_question().unwrap();
            session.answer(answers[&q]).unwrap();
        }
        session.answer(court_option).unwrap();
        while let Some(q) = session.current_question() {
            write!(court, "{}\n1\n", answers[&q] + 1).unwrap();
            session.answer(answers[&q]).unwrap();
        }
        court.push('\n');
    }
    // Then their own path and a retry from the departure, answered the court's way this time.
    let mut retry = format!("{head}o\nr\n{}\n3\n", court_option + 1);
    {
        let case = pack.case("climber").unwrap();
        let answers = resolve_answers(&pack, &case.answers).unwrap();
        let mut session = Session::new(&pack);
        for _ in 0..firsts.len() - 1 {
            let q = session.current_question().unwrap();
            session.answer(answers[&q]).unwrap();
        }
        session.answer(court_option).unwrap();
        while let Some(q) = session.current_question() {
            write!(retry, "{}\n2\n", answers[&q] + 1).unwrap();
            session.answer(answers[&q]).unwrap();
        }
        retry.push('\n');
    }
    let runs: Vec<(String, immunity::results::Results)> =
        [own, court, retry].iter().map(|s| climber_run(s)).collect();
    let score_line = |out: &str| {
        out.lines()
            .find(|l| l.starts_with("Score: "))
            .unwrap_or_else(|| panic!("no Score line in {out}"))
            .to_owned()
    };
    let first = score_line(&runs[0].0);
    let recorded = runs[0].1.patterns[0]
        .score
        .clone()
        .expect("a recorded score");
    for (out, results) in &runs[1..] {
        assert_eq!(score_line(out), first, "{out}");
        assert_eq!(results.patterns[0].score.as_ref(), Some(&recorded));
    }
    assert_eq!(recorded.line, first);
    // Right up to the departure, which is scored (certain: -6); the result is the court's on
    // another ground: partial credit; the maximum is shown.
    let n = firsts.len();
    assert_eq!((recorded.steps_matched, recorded.steps_scored), (n - 1, n));
    assert_eq!(recorded.outcome, "other-ground");
    assert_eq!((recorded.outcome_points, recorded.outcome_max), (1, 2));
    let expected: i64 = firsts[..n - 1]
        .iter()
        .map(|&(_, c)| i64::from(c))
        .sum::<i64>()
        - 6;
    assert_eq!(recorded.certainty, expected);
    assert_eq!(
        recorded.certainty_max,
        3 * i64::try_from(recorded.court_steps).unwrap()
    );
    assert!(
        first.contains(&format!(" of +{}", recorded.certainty_max)),
        "{first}"
    );
    // The reveal gives the confidence and the points lost, and explains the court's ground.
    assert!(
        runs[0]
            .0
            .contains("Your answer: certain: \u{2212}6 points."),
        "{}",
        runs[0].0
    );
    assert!(runs[0].0.contains("on another ground"), "{}", runs[0].0);
    // Following the court's path, the later answers are practice, on a line of their own.
    assert!(
        runs[1]
            .0
            .lines()
            .any(|l| l.starts_with("Practice, not scored: ")),
        "{}",
        runs[1].0
    );
    assert!(!runs[0].0.contains("Practice, not scored"));
}

#[test]
fn quiz_without_a_terminal_runs_line_by_line_and_keeps_answers_when_the_input_ends() {
    let dir = tempfile::tempdir().unwrap();
    let (root, pack) = built(dir.path());
    let (script, _) = court_script(&pack, 0);
    let first_answer = script.lines().take(2).collect::<Vec<_>>().join("\n") + "\n";
    let file = dir.path().join("partial.json");
    // No --plain: standard input is a pipe, so the line mode is chosen by itself.
    let output = immunity(&root)
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
    let dir = tempfile::tempdir().unwrap();
    let (root, pack) = built(dir.path());
    let (script, _) = court_script(&pack, 0);
    let mut lines = script.lines();
    let bad = format!(
        "{}\n{}\nmaybe\n",
        lines.next().unwrap(),
        lines.next().unwrap()
    );
    let file = dir.path().join("r.json");
    let output = immunity(&root)
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

/// A student who answers "advocate" where the court found an investigator is shown, at the
/// reveal, the passage that grounds the court's answer in that fact pattern (the `grounded`
/// fixture names the role question's second excerpt), with its citation and status, not the
/// question's first excerpt.
#[test]
fn a_departure_shows_the_passage_that_grounds_the_courts_answer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/grounded");
    let pack = load(&FileSet::from_dir(&root).unwrap()).unwrap().0;
    let case = pack
        .case("early-search")
        .expect("the fixture's fact pattern");
    let role = pack.question_index("role").expect("role");
    let advocate = pack.option_index(role, "advocate").expect("advocate");
    let script = support::quiz::departing_at(&pack, case, role, advocate);
    let (words, citation) = support::quiz::revealed(immunity(&root), "early-search", script);
    assert!(
        words.contains("An actor is no advocate before the inquiry has found its facts."),
        "{words}"
    );
    assert!(
        citation.contains("Test v. Rule, 1 Test 1, 2 (2001)"),
        "{citation}"
    );
    assert!(
        citation.contains("[GOOD LAW"),
        "with its status: {citation}"
    );
}
