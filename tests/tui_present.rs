//! Presenter mode (`immunity --present`): screens at 80×24 and 120×40 driven by keys through
//! its key table (insta snapshots), and what stays hidden until the presenter reveals it.

use std::path::Path;

use immunity::pack::{FileSet, Pack, load};
use immunity::tui::Theme;
use immunity::tui::present::{Present, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn fixture() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-pack");
    load(&FileSet::from_dir(&dir).unwrap()).unwrap().0
}

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
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view(p, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_courts_answer_and_the_tally_stay_hidden_until_revealed() {
    let pack = fixture();
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
    let pack = fixture();
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
    assert!(holding.contains(&pack.cases()[0].citation), "{holding}");
}

#[test]
fn letters_choose_and_back_returns() {
    let pack = fixture();
    let mut p = Present::new(&pack, None, Theme::new(false));
    type_keys(&mut p, "B\n");
    let s = screen(&p, 80, 24);
    assert!(
        s.contains("Conclusion"),
        "B at the first question ends the walk: {s}"
    );
    type_keys(&mut p, "b");
    assert!(screen(&p, 80, 24).contains("Question 1"));
}

#[test]
fn a_question_too_tall_for_the_screen_scrolls_instead_of_being_cut() {
    let pack = load(&FileSet::bundled("judicial-immunity").unwrap())
        .unwrap()
        .0;
    let mut p = Present::new(&pack, Some(0), Theme::new(false));
    let question = &pack.questions()[pack.start()];
    let last = question.options.last().unwrap();
    let first = screen(&p, 80, 24);
    // The facts are not cut in the middle: either all of the first option fits, or the
    // screen says there is more and PgDn brings the last option into view.
    if first.contains("more below: PgDn") {
        let mut seen = first.clone();
        for _ in 0..8 {
            if seen.contains(&last.label[..20.min(last.label.len())]) {
                break;
            }
            type_keys(&mut p, " ");
            seen = screen(&p, 80, 24);
        }
        assert!(
            seen.contains(&last.label[..20.min(last.label.len())]),
            "{seen}"
        );
    } else {
        assert!(
            first.contains(&last.label[..20.min(last.label.len())]),
            "{first}"
        );
    }
}
