//! Tests of the line-mode quiz, driven by scripts in memory on the houseplant pack.

use std::fmt::Write as _;
use std::path::Path;

use super::*;
use crate::engine::{Session, resolve_answers};
use crate::pack::{FileSet, load as load_pack};
use crate::results::{Results, load, score};

fn houseplant() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant");
    load_pack(&FileSet::from_dir(&dir).unwrap()).unwrap().0
}

/// The court's path through fact pattern `case`: (question, option) in order, computed from
/// the pack so the tests follow the pack.
fn court_path(pack: &Pack, case: usize) -> Vec<(usize, usize)> {
    let court = resolve_answers(pack, &pack.cases()[case].answers).unwrap();
    let mut session = Session::new(pack);
    let mut path = Vec::new();
    while let Some(q) = session.current_question() {
        let o = court[&q];
        path.push((q, o));
        session.answer(o).unwrap();
    }
    path
}

/// The number typed to give the court's answer to the first question of pattern `case`.
fn court_first(pack: &Pack, case: usize) -> usize {
    court_path(pack, case)[0].1 + 1
}

/// Runs the quiz on `script`, echoing input; returns the transcript, the ending and results.
fn take(
    pack: &Pack,
    cases: Vec<usize>,
    script: &str,
    strict: bool,
) -> (
    String,
    Result<QuizEnding, PlainError>,
    Vec<crate::results::PatternResult>,
) {
    let mut out = Vec::new();
    let options = QuizOptions {
        echo: true,
        strict,
        reason: None,
    };
    let mut quiz = PlainQuiz::new(pack, cases, options, script.as_bytes(), &mut out);
    let ending = quiz.run();
    let results = quiz.results();
    drop(quiz);
    (String::from_utf8(out).unwrap(), ending, results)
}

/// The index of the first line at or after `from` that starts with `prefix`.
fn find(lines: &[&str], from: usize, prefix: &str) -> usize {
    lines[from..]
        .iter()
        .position(|l| l.starts_with(prefix))
        .map_or_else(
            || panic!("no line starting {prefix:?} after line {from}"),
            |i| i + from,
        )
}

#[test]
fn a_whole_pattern_on_the_courts_answers_reveals_only_after_the_confidence() {
    let pack = houseplant();
    let case = 0;
    let path = court_path(&pack, case);
    assert!(
        path.len() >= 2,
        "the fixture's first pattern asks several questions"
    );
    let mut script = String::new();
    for &(_, o) in &path {
        write!(script, "{}\n3\n", o + 1).unwrap();
    }
    let (out, ending, patterns) = take(&pack, vec![case], &script, true);
    assert_eq!(ending.unwrap(), QuizEnding::Done);
    assert!(!out.contains('\u{1b}'));
    let lines: Vec<&str> = out.lines().collect();
    // Neutral title: the case's name appears only after the last answer.
    let title = find(&lines, 0, "Fact pattern 1 of 1");
    let mut at = title;
    for (i, &(q, o)) in path.iter().enumerate() {
        let prompt = crate::plain::input::one_line(&pack.question(q).prompt);
        let id = &pack.question(q).id;
        let asked = find(&lines, at, &format!("Question {} ({id}): {prompt}", i + 1));
        let answer = find(&lines, asked, "Your answer (1 to");
        assert_eq!(lines[answer + 1], format!("> {}", o + 1));
        let sure = find(&lines, answer, "Your confidence:");
        assert_eq!(
            sure,
            answer + 2,
            "the confidence is asked right after the answer"
        );
        assert_eq!(lines[sure + 1], "> 3");
        // Nothing of the court's is shown between the question and the confidence.
        for l in &lines[asked..=sure + 1] {
            assert!(
                !l.starts_with("The court:") && !l.starts_with("Citation:"),
                "{l}"
            );
        }
        assert!(
            lines[sure + 2].starts_with("You answered: "),
            "{}",
            lines[sure + 2]
        );
        assert_eq!(
            lines[sure + 3],
            format!("Your answer: certain: +3 points.",)
        );
        let court = find(&lines, sure, "The court: ");
        assert_eq!(court, sure + 4);
        assert_eq!(lines[court + 1], "Your answer matches the court's.");
        at = court;
    }
    let case_line = find(&lines, at, "The case: ");
    let score_line = find(&lines, at, "Score: ");
    assert!(score_line < case_line);
    assert_eq!(
        lines[score_line],
        format!(
            "Score: {n} of {n} steps matched the court; certainty +{m} of +{m}; outcome 2 of 2: your own answers reach the court's conclusion.",
            m = 3 * path.len(),
            n = path.len()
        )
    );
    let citation = crate::plain::input::one_line(&pack.cases()[case].citation);
    assert!(!lines[..case_line].iter().any(|l| l.contains(&citation)));
    assert_eq!(lines.last(), Some(&"Quiz complete."));

    // The results file, as written and read back by the results module.
    let mut results = Results::new(&pack, "Ann", "test", "2026-11-24T12:00:00Z");
    results.patterns = patterns;
    let back = load(&pack, &results.to_json()).unwrap();
    assert_eq!(back.patterns.len(), 1);
    let p = &back.patterns[0];
    assert_eq!(p.case, pack.cases()[case].id);
    assert_eq!(p.steps.len(), path.len());
    for (s, &(q, o)) in p.steps.iter().zip(&path) {
        assert_eq!(s.question, pack.question(q).id);
        assert_eq!(s.first_answer, pack.question(q).options[o].id);
        assert_eq!(s.court_answer.as_deref(), Some(s.first_answer.as_str()));
        assert_eq!(s.confidence, 3);
    }
    assert_eq!(p.conclusion.as_deref(), Some(p.court_conclusion.as_str()));
    assert!(!p.followed_court);
    let s = score(&pack, p);
    assert_eq!(
        (s.matched, s.scored, s.outcome),
        (path.len(), path.len(), crate::results::OutcomeCredit::Court)
    );
}

#[test]
fn a_certain_wrong_first_answer_is_a_confident_error_and_the_court_path_can_be_taken() {
    let pack = houseplant();
    let case = 0;
    let path = court_path(&pack, case);
    let (q0, o0) = path[0];
    let wrong = (o0 + 1) % pack.question(q0).options.len();
    let mut script = format!("{}\n3\nc\n", wrong + 1);
    for &(_, o) in &path[1..] {
        write!(script, "{}\n1\n", o + 1).unwrap();
    }
    script.push('\n'); // Enter to finish, not retry
    let (out, ending, patterns) = take(&pack, vec![case], &script, true);
    assert_eq!(ending.unwrap(), QuizEnding::Done);
    let lines: Vec<&str> = out.lines().collect();
    let differs = find(&lines, 0, "Your answer differs from the court's.");
    let ask = find(
        &lines,
        differs,
        "Go on along your own path (o: your answers decide the result you are scored on) or the court's (c: practice, not scored)?",
    );
    assert_eq!(lines[ask + 1], "> c");
    let errors = find(&lines, ask, "Confident error");
    let score_line = find(&lines, ask, "Score: ");
    assert!(errors < score_line, "confident errors come first");
    let p = &patterns[0];
    assert!(p.followed_court);
    assert_eq!(
        p.first_departure.as_deref(),
        Some(pack.question(q0).id.as_str())
    );
    assert_eq!(p.steps[0].first_answer, pack.question(q0).options[wrong].id);
    let s = score(&pack, p);
    assert_eq!(s.confident_errors, vec![0]);
    assert_eq!(
        s.outcome,
        crate::results::OutcomeCredit::Different,
        "the outcome is the one the student's own first answers reach, not the court's walk"
    );
    // The later answers, on the court's path after the departure, are practice.
    assert_eq!(s.practice().len(), path.len() - 1);
    assert_eq!((s.matched, s.scored), (0, 1));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Practice, not scored: "))
    );
}

#[test]
fn the_end_of_input_keeps_the_answers_so_far_and_q_quits() {
    let pack = houseplant();
    let script = format!("{}\n2\n", court_first(&pack, 0));
    let (out, ending, patterns) = take(&pack, vec![0], &script, true);
    assert_eq!(ending.unwrap(), QuizEnding::InputEnded);
    assert!(out.ends_with("The input ended; your answers so far are kept.\n"));
    assert_eq!(patterns.len(), 1);
    assert_eq!(patterns[0].steps.len(), 1);
    assert_eq!(patterns[0].conclusion, None);

    let (out, ending, patterns) = take(&pack, vec![0], "q\n", true);
    assert_eq!(ending.unwrap(), QuizEnding::Quit);
    assert!(out.contains("Saving and quitting."));
    assert!(patterns.is_empty(), "nothing answered, nothing recorded");
}

#[test]
fn a_bad_line_is_asked_again_interactively_and_an_error_in_a_script() {
    let pack = houseplant();
    let script = format!("9\n{}\n4\n", court_first(&pack, 0));
    let (out, ending, _) = take(&pack, vec![0], &script, false);
    assert_eq!(ending.unwrap(), QuizEnding::InputEnded);
    assert!(out.contains("Not understood: type a number from 1 to "));
    assert!(out.contains("Not understood: type a number from 1 to 3, or q to quit."));

    let (_, ending, _) = take(&pack, vec![0], &script, true);
    match ending {
        Err(PlainError::Script { line, message }) => {
            assert_eq!(line, 1);
            assert!(message.starts_with("type a number from 1 to "), "{message}");
        }
        other => panic!("expected a script error, got {other:?}"),
    }
}

#[test]
fn several_patterns_end_with_a_summary() {
    let pack = houseplant();
    assert!(
        pack.cases().len() >= 2,
        "the fixture has several fact patterns"
    );
    let mut script = String::new();
    for case in 0..2 {
        for &(_, o) in &court_path(&pack, case) {
            write!(script, "{}\n2\n", o + 1).unwrap();
        }
        if case == 0 {
            script.push('\n'); // on to the next pattern
        }
    }
    let (out, ending, patterns) = take(&pack, vec![0, 1], &script, true);
    assert_eq!(ending.unwrap(), QuizEnding::Done);
    assert_eq!(patterns.len(), 2);
    let lines: Vec<&str> = out.lines().collect();
    let second = find(&lines, 0, "Fact pattern 2 of 2");
    let summary = find(&lines, second, "Summary");
    assert!(lines[find(&lines, summary, "In all: ")].contains("outcomes 4 of 4"));
}

#[test]
fn an_answer_may_be_typed_as_its_option_id() {
    let pack = houseplant();
    let path = court_path(&pack, 0);
    let mut script = String::new();
    for &(q, o) in &path {
        writeln!(script, "{}\n2", pack.question(q).options[o].id).unwrap();
    }
    let (out, ending, patterns) = take(&pack, vec![0], &script, true);
    assert_eq!(ending.unwrap(), QuizEnding::Done, "{out}");
    let s = score(&pack, &patterns[0]);
    assert_eq!(s.matched, path.len());
}
