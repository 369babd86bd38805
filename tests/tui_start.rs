//! The start screen beyond nine entries, driven by keys through the keymap: the quiz entry,
//! `t` on a highlighted fact pattern, `/` to find any entry by its words (the numbers then
//! follow the narrowed list), scrolling to the last entry at 60×16; and the quiz started from
//! the start screen in a pseudo-terminal, run to the end of a fact pattern and back. On a
//! built pack with eleven fact patterns and on the fixture pack.

mod support;
mod tui_support;

use immunity::pack::Pack;
use immunity::tui::app::{Effect, Screen};
use immunity::tui::keymap::Context;
use immunity::tui::start_menu::StartEntry;
#[cfg(unix)]
use support::pty::Pty;
use tui_support::{app, fixture_pack, press, resize, screen, type_text};

/// The builder's `two_step` pack (fact pattern "Walker v. Gate") with ten more, one per tree
/// ("Alder v. Gate" …): more start-screen entries than 1–9 reach.
fn many() -> Pack {
    let trees = [
        "Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Hazel", "Juniper", "Larch", "Maple",
    ];
    let mut pack = support::pack::two_step();
    for tree in trees {
        let title = format!("{tree} v. Gate");
        pack = pack.case(&tree.to_lowercase(), &title, &[("gate", "shut")], "stop");
    }
    let dir = tempfile::tempdir().unwrap();
    pack.load(dir.path())
}

#[test]
fn the_quiz_entry_and_the_quiz_key() {
    let pack = many();
    let cases = pack.cases().len();
    assert!(cases + 2 > 9, "the pack lists more entries than 1–9 reach");
    let mut a = app(&pack, std::env::temp_dir());
    assert_eq!(
        a.start_entries()[..3],
        [StartEntry::Free, StartEntry::QuizAll, StartEntry::Case(0)]
    );
    // Entry 2 is the quiz over every fact pattern.
    assert_eq!(press(&mut a, "2"), Some(Effect::Quiz((0..cases).collect())));
    // t on a highlighted fact pattern: that one alone; on the free walk: a notice, no quiz.
    assert_eq!(press(&mut a, "Down Down t"), Some(Effect::Quiz(vec![0])));
    assert_eq!(press(&mut a, "Home t"), None);
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("Highlight a fact pattern"))
    );
    assert_eq!(a.screen, Screen::Start);
}

#[test]
fn every_entry_is_reachable_by_typing_its_words() {
    let pack = many();
    for (i, case) in pack.cases().iter().enumerate() {
        let mut a = app(&pack, std::env::temp_dir());
        press(&mut a, "/");
        assert_eq!(a.context(), Context::Filter);
        // The first party's name, as a user remembers a case.
        let name = case.title.split(" v. ").next().unwrap_or(&case.title);
        type_text(&mut a, name);
        let shown = a.visible_entries();
        let at = shown
            .iter()
            .position(|&e| e == StartEntry::Case(i))
            .unwrap_or_else(|| panic!("{name:?} does not find {:?}", case.title));
        // Its number in the narrowed list takes it (1–9), else ↓ and Enter do.
        if at < 9 {
            press(&mut a, &(at + 1).to_string());
        } else {
            press(&mut a, &"Down ".repeat(at));
            press(&mut a, "Enter");
        }
        assert_eq!(a.screen, Screen::Walk, "{name}");
        assert_eq!(a.case, Some(i), "{name}");
    }
}

#[test]
fn the_filter_narrows_clears_and_says_when_nothing_matches() {
    let pack = many();
    let mut a = app(&pack, std::env::temp_dir());
    let all = a.start_entries().len();
    press(&mut a, "/");
    type_text(&mut a, "quiz");
    assert_eq!(a.visible_entries(), [StartEntry::QuizAll]);
    // Enter takes the first match.
    assert!(matches!(press(&mut a, "Enter"), Some(Effect::Quiz(_))));
    assert!(
        a.visible_entries().len() == all,
        "taking an entry clears the filter"
    );

    press(&mut a, "/");
    type_text(&mut a, "zzz");
    assert!(a.visible_entries().is_empty());
    let text = screen(&mut a, 80, 24);
    assert!(
        text.contains("No entry has those words; Esc clears the filter."),
        "{text}"
    );
    assert!(text.contains("Find: zzz▏ · 0 of"), "{text}");
    assert_eq!(press(&mut a, "Enter"), None, "nothing to take");
    press(&mut a, "Backspace Backspace Backspace");
    assert_eq!(a.visible_entries().len(), all);
    type_text(&mut a, "q");
    assert_eq!(a.context(), Context::Filter, "q is typed, not quit");
    press(&mut a, "Esc");
    assert_eq!(a.context(), Context::Start);
    assert_eq!(a.visible_entries().len(), all);
    assert_eq!(press(&mut a, "q"), Some(Effect::Quit));
}

#[test]
fn the_last_entry_scrolls_into_view_at_60x16() {
    let pack = many();
    let mut a = app(&pack, std::env::temp_dir());
    resize(&mut a, 60, 16);
    press(&mut a, "End");
    let last = pack.cases().last().expect("fact patterns");
    let text = screen(&mut a, 60, 16);
    let n = a.start_entries().len();
    // A long title wraps at 60 columns: its first words stand on the highlighted line.
    let first_words: Vec<&str> = last.title.split_whitespace().take(2).collect();
    assert!(
        text.contains(&format!("▶ {n}. Fact pattern: {}", first_words.join(" "))),
        "{text}"
    );
    press(&mut a, "Down");
    let text = screen(&mut a, 60, 16);
    assert!(
        text.contains("▶ 1. Walk the tree freely"),
        "↓ wraps to the top: {text}"
    );
}

#[test]
fn a_quiz_that_ends_returns_to_the_start_screen_saying_where_the_results_went() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    a.dispatch(immunity::tui::app::Message::QuizEnded(
        "Quiz results written to /tmp/x\u{1b}[31m.json".to_owned(),
    ));
    assert_eq!(a.screen, Screen::Start);
    let status = a.status.clone().unwrap_or_default();
    assert!(status.starts_with("Quiz results written to"), "{status}");
    assert!(
        !status.contains('\u{1b}'),
        "no escape reaches the screen: {status:?}"
    );
}

/// The binary in a pseudo-terminal on the fixture pack, with a screen to read, logged in as
/// `user`.
#[cfg(unix)]
fn start_pty(cwd: &std::path::Path, user: &str) -> Pty {
    let pack = support::pack::fixture_dir();
    Pty::spawn(
        &["--pack", &pack.display().to_string()],
        &[("USER", user)],
        cwd,
        80,
        24,
    )
}

/// The binary in a pseudo-terminal: the quiz entry on the start screen, one fact pattern to
/// its end and the summary, then back on the start screen, which says where the results file
/// went (named after the login name, as `immunity quiz` without `--results` names it).
#[cfg(unix)]
#[test]
fn the_quiz_runs_from_the_start_screen_and_returns_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = start_pty(dir.path(), "ada");
    s.wait_for("2. Quiz: 1 fact pattern");
    s.keys("2");
    s.wait_for("Confidence:");
    s.keys("a3\r");
    s.wait_for("The court:");
    s.keys("\r");
    s.wait_for("Judged by its general function");
    s.keys("a2\r");
    s.wait_for("The court:");
    s.keys("\r");
    s.wait_for("order officers to use force");
    s.keys("b3\r");
    s.wait_for("Your answer differs from the court's.");
    s.keys("o");
    s.wait_for("Score: 2 of 3 steps matched the court");
    s.keys("\r");
    s.wait_for("In all:");
    s.keys("\r");
    s.wait_for("Quiz results written to");
    s.wait_for("Walk the tree freely");
    let text = std::fs::read_to_string(dir.path().join("ada-results.json"))
        .expect("the results file is written");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["student"], "ada");
    assert_eq!(v["patterns"][0]["first_departure"], "force");
    assert_eq!(v["patterns"].as_array().map(Vec::len), Some(1));

    // Still the walkthrough: t quizzes the highlighted fact pattern; one answer, then Ctrl-C
    // leaves the program (as it does everywhere in the walkthrough), writing that answer to
    // the next free name first.
    s.keys("\x1b[B\x1b[B");
    s.wait_for("▶ 3. Fact pattern: Alpha v. Beta");
    s.keys("t");
    s.wait_for("Confidence:");
    assert!(
        s.screen().contains("save & back"),
        "the footer says q goes back"
    );
    s.keys("a1\r");
    s.wait_for("The court:");
    s.keys("\x03");
    assert!(s.finish().success());
    let second = std::fs::read_to_string(dir.path().join("ada-results-2.json"))
        .expect("the interrupted quiz's answer is written to the next free name");
    let v: serde_json::Value = serde_json::from_str(&second).unwrap();
    assert_eq!(v["patterns"][0]["steps"][0]["confidence"], 1);
}

/// A paste while finding types its first line into the filter, without control characters; a
/// paste on the start screen otherwise is ignored with the usual notice.
#[test]
fn a_paste_fills_the_filter_with_its_first_line() {
    use immunity::tui::handle;
    use ratatui::crossterm::event::Event;
    let pack = many();
    let mut a = app(&pack, std::env::temp_dir());
    let _ = handle(&mut a, Event::Paste("Maple".to_owned()));
    assert!(a.start_filter.text.is_empty());
    assert!(a.status.is_some(), "ignored with a notice");
    press(&mut a, "/");
    let _ = handle(&mut a, Event::Paste("Map\u{1b}[31mle\nv. Gate".to_owned()));
    assert_eq!(a.start_filter.text, "Map[31mle");
    let _ = handle(&mut a, Event::Paste(String::new()));
    press(&mut a, "C-u");
    let _ = handle(&mut a, Event::Paste("maple\r\nignored".to_owned()));
    assert_eq!(a.start_filter.text, "maple");
    let maple = pack
        .cases()
        .iter()
        .position(|c| c.id == "maple")
        .expect("maple");
    assert_eq!(a.visible_entries(), [StartEntry::Case(maple)]);
}
