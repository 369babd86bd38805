//! Presenter mode (`immunity --present`): screens at 80×24 and 120×40 driven by keys through
//! its key table (insta snapshots), and what stays hidden until the presenter reveals it. On
//! the fixture pack and on packs built by the test-pack builder.

mod support;
mod tui_support;

use immunity::pack::Pack;
use immunity::tui::Theme;
use std::cell::RefCell;
use std::rc::Rc;

use immunity::live::{Event, Phase, Stage, Vote};
use immunity::tui::present::{Present, view};
use immunity::tui::present_live::Live;
use immunity::tui::screen_loop::Screen;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::fixture_pack;

/// Types keys: characters as themselves, `\n` Enter, `\t` Tab.
fn type_keys(p: &mut Present<'_>, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        let modifiers = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        if let Some(msg) = p.message(&KeyEvent::new(code, modifiers)) {
            p.update(msg);
        }
    }
}

fn screen(p: &Present<'_>, width: u16, height: u16) -> String {
    tui_support::render(width, height, |frame| view(p, frame))
}

#[test]
fn the_courts_answer_and_the_tally_stay_hidden_until_revealed() {
    let pack = fixture_pack();
    let mut p = Present::new(&pack, Some(0), Theme::new(false));
    type_keys(&mut p, "\n\n");
    let hidden = screen(&p, 120, 40);
    assert!(!hidden.contains("\u{25c0} the court"), "{hidden}");
    // The room's counts, typed: masked while typed, then hidden until the chart is shown.
    type_keys(&mut p, "t12\t3");
    let typing = screen(&p, 80, 24);
    assert!(typing.contains("A: \u{2022}\u{2022}"), "{typing}");
    assert!(
        !typing.contains("12"),
        "counts are masked while typed: {typing}"
    );
    type_keys(&mut p, "\n");
    let entered = screen(&p, 80, 24);
    assert!(entered.contains("The room's answers are in"), "{entered}");
    assert!(!entered.contains("12 of 15"));
    type_keys(&mut p, "v");
    assert!(screen(&p, 80, 24).contains("12 of 15"));
    type_keys(&mut p, "r");
    let revealed = screen(&p, 120, 40);
    assert!(revealed.contains("\u{25c0} the court"), "{revealed}");
    assert!(
        revealed.contains("[REVERSED]"),
        "the excerpt carries its status: {revealed}"
    );
}

#[test]
fn presenter_snapshots() {
    let pack = fixture_pack();
    let mut p = Present::new(&pack, Some(0), Theme::new(false));
    type_keys(&mut p, "\n\n");
    insta::assert_snapshot!("present-question-80x24", screen(&p, 80, 24));
    insta::assert_snapshot!("present-question-120x40", screen(&p, 120, 40));
    type_keys(&mut p, "t12\t3\nvr");
    insta::assert_snapshot!("present-revealed-80x24", screen(&p, 80, 24));
    insta::assert_snapshot!("present-revealed-120x40", screen(&p, 120, 40));
    type_keys(&mut p, "m");
    insta::assert_snapshot!("present-map-80x24", screen(&p, 80, 24));
    insta::assert_snapshot!("present-map-120x40", screen(&p, 120, 40));
    type_keys(&mut p, "m\n");
    insta::assert_snapshot!("present-conclusion-80x24", screen(&p, 80, 24));
    insta::assert_snapshot!("present-conclusion-120x40", screen(&p, 120, 40));
    type_keys(&mut p, "r");
    let holding = screen(&p, 120, 40);
    assert!(
        holding.contains(pack.cases()[0].citation.as_str()),
        "{holding}"
    );
}

fn key(p: &mut Present<'_>, code: KeyCode) {
    if let Some(msg) = p.message(&KeyEvent::new(code, KeyModifiers::NONE)) {
        p.update(msg);
    }
}

#[test]
fn letters_choose_and_back_returns() {
    let pack = fixture_pack();
    let mut p = Present::new(&pack, None, Theme::new(false));
    type_keys(&mut p, "B\n");
    let s = screen(&p, 80, 24);
    assert!(
        s.contains("Conclusion"),
        "B at the first question ends the walk: {s}"
    );
    key(&mut p, KeyCode::Backspace);
    assert!(screen(&p, 80, 24).contains("Question 1"));
    // Lowercase b chooses B too; back is never a letter.
    type_keys(&mut p, "ab\n");
    assert!(screen(&p, 80, 24).contains("Conclusion"));
    key(&mut p, KeyCode::Left);
    assert!(screen(&p, 80, 24).contains("Question 1"));
}

#[test]
fn a_letter_means_the_same_in_either_case_with_or_without_a_room() {
    let pack = fixture_pack();
    let plain = Present::new(&pack, Some(0), Theme::new(false));
    let live = Present::new(&pack, Some(0), Theme::new(false)).with_live(Live::new(
        "http://127.0.0.1:1/j/ABCD".into(),
        Vec::new(),
        Box::new(|_| {}),
    ));
    for p in [&plain, &live] {
        for c in 'a'..='z' {
            let lower = p.message(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            let upper = p.message(&KeyEvent::new(
                KeyCode::Char(c.to_ascii_uppercase()),
                KeyModifiers::SHIFT,
            ));
            assert_eq!(lower, upper, "{c}");
        }
    }
}

/// Presenter mode with a room whose published stages are kept for the test to read.
fn room(pack: &Pack, case: Option<usize>) -> (Present<'_>, Rc<RefCell<Vec<Stage>>>) {
    let published = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&published);
    let p = Present::new(pack, case, Theme::new(false)).with_live(Live::new(
        "http://127.0.0.1:8733/j/ABCD".into(),
        Vec::new(),
        Box::new(move |s| sink.borrow_mut().push(s)),
    ));
    (p, published)
}

fn votes(p: &mut Present<'_>, round: u64, votes: &[(usize, usize)]) {
    for &(device, option) in votes {
        Screen::live(p, Event::Joined(device));
        Screen::live(
            p,
            Event::Vote(Vote {
                round,
                device,
                option,
                before: None,
            }),
        );
    }
}

#[test]
fn the_live_tally_counts_votes_marks_the_court_in_words_and_publishes_each_phase() {
    let pack = fixture_pack();
    let (mut p, published) = room(&pack, Some(0));
    type_keys(&mut p, "o");
    votes(&mut p, 1, &[(1, 0), (2, 1), (3, 1)]);
    // A changed vote moves; a vote from another round is ignored.
    votes(&mut p, 1, &[(1, 1)]);
    votes(&mut p, 9, &[(4, 0)]);
    let s = screen(&p, 120, 40);
    assert!(s.contains("3 of 4 answered"), "{s}");
    assert!(s.contains("4 joined"), "{s}");
    assert!(s.contains("0 of 3") && s.contains("3 of 3"), "{s}");
    type_keys(&mut p, "l");
    assert!(screen(&p, 120, 40).contains("LOCKED"));
    type_keys(&mut p, "r");
    let s = screen(&p, 120, 40);
    assert!(
        s.contains("\u{25c0} court"),
        "the court's row is marked in words: {s}"
    );
    let phases: Vec<Phase> = published.borrow().iter().map(|s| s.phase).collect();
    assert_eq!(
        phases,
        [Phase::Waiting, Phase::Open, Phase::Locked, Phase::Revealed]
    );
    // At 80 columns the address and the counts stay on one line above.
    let narrow = screen(&p, 80, 24);
    assert!(narrow.contains("http://127.0.0.1:8733/j/ABCD"), "{narrow}");
}

#[test]
fn a_tally_too_tall_for_its_space_says_how_many_rows_are_below() {
    let pack = fixture_pack();
    let mut p = Present::new(&pack, Some(0), Theme::new(false));
    type_keys(&mut p, "t5\t7\nvr");
    // 12 rows: enough for the question, not for the chart, the court and the excerpt.
    let s = screen(&p, 60, 14);
    assert!(s.contains("more rows below: PgDn"), "{s}");
    assert!(s.contains("5 of 12"), "{s}");
    // PgDn shows the rest: the whole column scrolls.
    type_keys(&mut p, " ");
    let s = screen(&p, 60, 14);
    assert!(s.contains("7 of 12") || s.contains("more below"), "{s}");
}

#[test]
fn off_the_courts_path_the_reveal_and_the_conclusion_say_so() {
    let pack = fixture_pack();
    let (mut p, _) = room(&pack, Some(0));
    // The room answers B (no) at the first question, where the court answered A (yes).
    type_keys(&mut p, "o");
    votes(&mut p, 1, &[(1, 1), (2, 1), (3, 0)]);
    type_keys(&mut p, "lr");
    type_keys(&mut p, "B\n");
    let s = screen(&p, 120, 40);
    assert!(s.contains("Conclusion"), "{s}");
    type_keys(&mut p, "r");
    let s = screen(&p, 120, 40);
    assert!(
        s.contains("differs from the court's at question 1"),
        "the conclusion names where the majority left: {s}"
    );
}
/// A built pack whose one question has ten answers of three lines each: far too tall for
/// 80×24 with the fact pattern above them.
fn tall() -> Pack {
    let labels: Vec<(String, String)> = (1..=10)
        .map(|n| {
            let words = "a long answer that wraps over more than one line of the screen ";
            (
                format!("o{n}"),
                format!("Answer {n}: {}", words.repeat(3).trim_end()),
            )
        })
        .collect();
    let options: Vec<(&str, &str, &str)> = labels
        .iter()
        .map(|(id, label)| (id.as_str(), label.as_str(), "end"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    support::pack::PackBuilder::new("tall")
        .question("tall", "Which of these long answers?", &options)
        .conclusion("end", "yes", "The end")
        .case("tall-case", "Tall v. Screen", &[("tall", "o1")], "end")
        .load(dir.path())
}

#[test]
fn a_question_too_tall_for_the_screen_scrolls_instead_of_being_cut() {
    let pack = tall();
    let mut p = Present::new(&pack, Some(0), Theme::new(false));
    let first = screen(&p, 80, 24);
    // The answers are not cut off: the screen says there is more, and space (a page down)
    // brings the last answer into view.
    assert!(first.contains("more below: PgDn"), "{first}");
    assert!(!first.contains("Answer 10:"), "{first}");
    let mut seen = first;
    for _ in 0..8 {
        if seen.contains("Answer 10:") {
            break;
        }
        type_keys(&mut p, " ");
        seen = screen(&p, 80, 24);
    }
    assert!(seen.contains("Answer 10:"), "{seen}");
}

#[test]
fn several_fact_patterns_are_presented_in_turn() {
    let pack = fixture_pack();
    let mut p = Present::new(&pack, Some(0), Theme::new(false)).with_cases(vec![0]);
    type_keys(&mut p, "B\n");
    let s = screen(&p, 120, 40);
    assert!(s.contains("the next fact pattern (1 more)"), "{s}");
    type_keys(&mut p, "\n");
    assert!(screen(&p, 120, 40).contains("Question 1"));
    let presented = p.presented();
    assert_eq!(presented.len(), 2);
    assert!(presented[0].1.is_some(), "the first reached a conclusion");
    assert_eq!(presented[1].2, Vec::new(), "the second has just begun");
}
