//! `immunity quiz`: screens at 80×24 and 120×40 driven by keys (insta snapshots), and the real
//! binary in a pseudo-terminal taking a fact pattern to the end and writing its results file.

use std::path::Path;

mod support;
mod tui_support;

use immunity::tui::Theme;
use immunity::tui::quiz::{Phase, Quiz, view};
use immunity::tui::screen_loop::Screen;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::pack::fixture_dir;
#[cfg(unix)]
use support::pty::Pty;
use tui_support::fixture_pack;

/// Types `keys` (characters; `\n` is Enter) into the quiz through its key table.
fn type_keys(quiz: &mut Quiz<'_>, keys: &str) {
    for c in keys.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        if let Some(msg) = quiz.message(&KeyEvent::new(code, KeyModifiers::NONE)) {
            quiz.update(msg);
        }
    }
}

fn screen(quiz: &Quiz<'_>, width: u16, height: u16) -> String {
    tui_support::render(width, height, |frame| view(quiz, frame))
}

#[test]
fn the_case_name_is_hidden_until_the_end_and_nothing_is_revealed_before_commit() {
    let pack = fixture_pack();
    let mut quiz = Quiz::new(&pack, vec![0], Theme::new(false));
    let case = &pack.cases()[0];
    let first = screen(&quiz, 120, 40);
    assert!(first.contains("Fact pattern 1 of 1"));
    assert!(
        !first.contains(case.title.as_str()),
        "the case name gives the answer away"
    );
    // An option without a confidence is not committed.
    type_keys(&mut quiz, "a\n");
    assert_eq!(quiz.phase(), Phase::Asking);
    assert!(screen(&quiz, 80, 24).contains("choose a confidence first"));
    type_keys(&mut quiz, "3\n");
    assert!(matches!(quiz.phase(), Phase::Revealed(_)));
    type_keys(&mut quiz, "\na2\n\nb3\n\n");
    assert_eq!(quiz.phase(), Phase::Ended);
    let end = screen(&quiz, 120, 40);
    assert!(end.contains(case.citation.as_str()), "{end}");
    assert!(end.contains("Confident error"), "{end}");
    let errors_at = end.find("Confident error").unwrap();
    let score_at = end.find("Score: 2 of 3 steps matched the court").unwrap();
    assert!(errors_at < score_at, "confident errors are listed first");
}

#[test]
fn reveal_snapshots() {
    let pack = fixture_pack();
    let mut quiz = Quiz::new(&pack, vec![0], Theme::new(false));
    // Right at the first two questions, then wrong (certain) at the third: the court's answer,
    // both notes and the excerpt with its status appear.
    type_keys(&mut quiz, "a3\n\na2\n\nb3\n");
    insta::assert_snapshot!("quiz-reveal-80x24", screen(&quiz, 80, 24));
    insta::assert_snapshot!("quiz-reveal-120x40", screen(&quiz, 120, 40));
    type_keys(&mut quiz, "o");
    insta::assert_snapshot!("quiz-end-80x24", screen(&quiz, 80, 24));
    type_keys(&mut quiz, "\n");
    insta::assert_snapshot!("quiz-summary-120x40", screen(&quiz, 120, 40));
}

#[test]
fn retry_goes_back_to_where_the_student_left_the_court() {
    let pack = fixture_pack();
    let mut quiz = Quiz::new(&pack, vec![0], Theme::new(false));
    type_keys(&mut quiz, "a3\n\na2\n\nb3\no");
    assert_eq!(quiz.phase(), Phase::Ended);
    type_keys(&mut quiz, "r");
    assert_eq!(quiz.phase(), Phase::Asking);
    let s = screen(&quiz, 80, 24);
    assert!(
        s.contains("Did the judge order officers to use force"),
        "{s}"
    );
    type_keys(&mut quiz, "a1\n");
    let s = screen(&quiz, 80, 24);
    assert!(s.contains("only your first answer counts"), "{s}");
    let results = quiz.results();
    assert_eq!(results[0].steps[2].first_answer, "no");
    assert_eq!(results[0].steps[2].revisions, 1);
}

/// The binary in a pseudo-terminal: a whole quiz by keys, then the results file.
#[cfg(unix)]
#[test]
fn a_quiz_run_to_the_end_writes_its_results_file() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("ada.json");
    let pack = fixture_dir();
    let mut pty = Pty::start(
        &[
            "--pack",
            pack.to_str().unwrap(),
            "quiz",
            "--name",
            "Ada",
            "--results",
            results.to_str().unwrap(),
        ],
        dir.path(),
        80,
        24,
    );
    pty.wait_for("Confidence:");
    pty.step("a3\r", "The court:");
    pty.step("\r", "Judged by its general function");
    pty.step("a2\r", "The court:");
    pty.step("\r", "order officers to use force");
    pty.step("b3\r", "Your answer differs from the court's.");
    pty.step("o", "Score: 2 of 3 steps matched the court");
    pty.step("\r", "In all:");
    pty.keys("\r");
    assert!(pty.finish().success());
    check_results_file(&results);
}

/// The file the pseudo-terminal quiz wrote: Ada's first answers and confidences, where she left
/// the court, and a class report that reads it back.
fn check_results_file(results: &Path) {
    let text = std::fs::read_to_string(results).expect("the results file is written");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "immunity-results");
    assert_eq!(v["student"], "Ada");
    let steps = v["patterns"][0]["steps"].as_array().unwrap();
    let firsts: Vec<(&str, u64)> = steps
        .iter()
        .map(|s| {
            (
                s["first_answer"].as_str().unwrap(),
                s["confidence"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(firsts, [("yes", 3), ("yes", 2), ("no", 3)]);
    assert_eq!(v["patterns"][0]["first_departure"], "force");
    assert_eq!(v["patterns"][0]["court_conclusion"], "immune");
    // The class report reads it back.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_immunity"))
        .arg("--pack")
        .arg(fixture_dir())
        .args(["class", "--names", "--format", "csv"])
        .arg(results)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\nAda,"),
        "{out:?}"
    );
}

#[test]
fn a_long_reveal_scrolls_so_the_citation_and_its_status_are_reachable() {
    // A built pack (every question has an excerpt) on a screen too short for the whole reveal.
    let dir = tempfile::tempdir().unwrap();
    let pack = support::pack::two_step().load(dir.path());
    let mut quiz = Quiz::new(&pack, vec![0], Theme::new(false));
    type_keys(&mut quiz, "a3\n");
    let first = screen(&quiz, 80, 10);
    let statuses = ["[GOOD LAW]", "[REVERSED]", "[CAUTION]", "IN PART]"];
    if first.contains("more below: PgDn") {
        let mut scrolled = first.clone();
        for _ in 0..10 {
            if statuses.iter().any(|s| scrolled.contains(s)) {
                break;
            }
            if let Some(msg) = quiz.message(&KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)) {
                quiz.update(msg);
            }
            scrolled = screen(&quiz, 80, 10);
        }
        assert_ne!(scrolled, first, "PgDn scrolls");
        assert!(statuses.iter().any(|s| scrolled.contains(s)), "{scrolled}");
    } else {
        assert!(statuses.iter().any(|s| first.contains(s)), "{first}");
    }
}

#[test]
fn the_confidence_row_and_its_message_stay_on_a_small_screen() {
    let pack = fixture_pack();
    let mut quiz = Quiz::new(&pack, vec![0], Theme::new(false));
    let last = pack
        .question(pack.start())
        .options
        .len()
        .checked_sub(1)
        .unwrap();
    // The last option, then Enter without a confidence, on a screen too short for everything.
    let key = char::from(b'a' + u8::try_from(last).unwrap());
    type_keys(&mut quiz, &format!("{key}\n"));
    assert_eq!(quiz.phase(), Phase::Asking);
    let s = screen(&quiz, 80, 10);
    assert!(s.contains("Confidence:"), "{s}");
    assert!(s.contains("choose a confidence first"), "{s}");
    let label = &pack.question(pack.start()).options[last].label;
    let start: String = label.chars().take(20).collect();
    assert!(s.contains(&start), "the highlighted option is in view: {s}");
}
