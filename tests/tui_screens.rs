//! Snapshots of every screen of the TUI on `TestBackend`, at 80×24 and 120×40, against the
//! fixture pack (stable content), plus checks that hold for any pack (the bundled one).

mod tui_support;

use immunity::tui::app::Overlay;
use immunity::tui::keymap::Action::{self, *};
use tui_support::{app, bundled_pack, draw, fixture_pack, press, screen};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, actions: &[Action], case: Option<&str>) {
    let pack = fixture_pack();
    for (w, h) in SIZES {
        let mut a = app(&pack, std::env::temp_dir());
        if let Some(case) = case {
            a.start_walk(Some(case)).expect("case exists");
        }
        press(&mut a, actions);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&a, w, h));
    }
}

#[test]
fn start_screen() {
    snap("start", &[], None);
}

#[test]
fn question_screen() {
    snap("question", &[Choose, Select(1)], None);
}

#[test]
fn question_with_reversed_authority_and_fact_pattern() {
    snap("question_case", &[Select(1), Select(1)], Some("alpha-case"));
}

#[test]
fn excerpt_scrolled() {
    let pack = fixture_pack();
    for (w, h) in SIZES {
        let mut a = app(&pack, std::env::temp_dir());
        press(&mut a, &[Choose, Select(1), NextPanel]);
        // A frame must be drawn first: scrolling is clamped to what the panel holds.
        let _ = draw(&a, w, h);
        press(&mut a, &[ScrollDown]);
        let text = screen(&a, w, h);
        insta::assert_snapshot!(format!("why_scrolled_{w}x{h}"), text);
        press(&mut a, &[NextPanel, NextPanel]);
        let _ = draw(&a, w, h);
        press(&mut a, &[ScrollDown]);
        insta::assert_snapshot!(format!("excerpt_scrolled_{w}x{h}"), screen(&a, w, h));
    }
}

#[test]
fn help_overlay() {
    snap("help", &[Choose, Help], None);
}

#[test]
fn map_overlay() {
    snap("map", &[Choose, Select(1), Map], None);
}

#[test]
fn review_screen() {
    snap("review", &[Choose, Select(1), Select(1), Review], None);
}

#[test]
fn conclusion_screen() {
    snap(
        "conclusion",
        &[Choose, Select(1), Select(1), Select(1)],
        None,
    );
}

#[test]
fn conclusion_of_a_fact_pattern_where_the_path_left_the_court() {
    snap(
        "conclusion_case",
        &[Select(1), Select(2)],
        Some("alpha-case"),
    );
}

#[test]
fn export_dialog() {
    snap(
        "export",
        &[Choose, Select(1), Select(1), Select(1), Export],
        None,
    );
}

#[test]
fn restart_and_quit_confirmations() {
    snap("confirm_restart", &[Choose, Restart], None);
    snap(
        "confirm_quit",
        &[Choose, Select(1), Select(1), Select(1), Quit],
        None,
    );
}

#[test]
fn too_small() {
    let pack = fixture_pack();
    let a = app(&pack, std::env::temp_dir());
    insta::assert_snapshot!("too_small_59x16", screen(&a, 59, 16));
    assert!(screen(&a, 60, 15).contains("terminal too small: need 60×16, have 60×15"));
    assert!(!screen(&a, 60, 16).contains("too small"));
}

#[test]
fn never_panics_at_any_small_size_on_any_screen() {
    let pack = fixture_pack();
    let scripts: &[&[Action]] = &[
        &[],
        &[Choose],
        &[Choose, Help],
        &[Choose, Select(1), Map],
        &[Choose, Select(1), Review],
        &[Choose, Select(1), Select(1), Select(1)],
        &[Choose, Select(1), Select(1), Select(1), Export],
    ];
    for script in scripts {
        let mut a = app(&pack, std::env::temp_dir());
        press(&mut a, script);
        for (w, h) in [
            (0, 0),
            (1, 1),
            (2, 1),
            (59, 15),
            (60, 16),
            (61, 17),
            (200, 60),
        ] {
            let _ = draw(&a, w, h);
        }
    }
}

#[test]
fn no_color_means_no_colour_in_any_cell() {
    use immunity::tui::{Theme, view::view};
    use ratatui::{Terminal, backend::TestBackend, style::Color};
    let pack = fixture_pack();
    for color in [false, true] {
        let mut a = immunity::tui::App::new(&pack, Theme::new(color), std::env::temp_dir());
        a.start_walk(Some("alpha-case")).unwrap();
        press(&mut a, &[Select(1), Select(1)]);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|f| view(&a, f)).unwrap();
        let coloured = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset || c.bg != Color::Reset);
        assert_eq!(coloured, color, "colour present iff enabled");
    }
}

#[test]
fn bundled_pack_walks_to_a_conclusion_on_screen() {
    let pack = bundled_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, &[Choose]);
    // Always take the first answer until a conclusion is reached (bounded by the pack size).
    for _ in 0..=pack.questions().len() {
        if a.session.is_finished() {
            break;
        }
        press(&mut a, &[Select(1)]);
    }
    assert!(a.session.is_finished());
    let c = a.session.conclusion().unwrap();
    let label = pack
        .outcome_label(&pack.conclusion(c).outcome)
        .to_uppercase();
    let text = screen(&a, 120, 40);
    assert!(
        text.contains(&label),
        "outcome label {label:?} shown:\n{text}"
    );
    // The date closes the body: scroll to the end (a frame was drawn, so scrolling is bounded).
    press(&mut a, &[ScrollDown; 40]);
    let text = screen(&a, 120, 40);
    assert!(text.contains(pack.law_checked()), "{text}");
}

/// The map overlay shows every question of the bundled pack: moving down through it with the
/// arrow key brings each entry into view, numbered in turn, and the entries' text accounts for
/// every question's prompt exactly once.
#[test]
fn bundled_pack_map_lists_every_question() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let pack = bundled_pack();
    let mut a = app(&pack, std::env::temp_dir());
    let key = |a: &mut immunity::tui::App<'_>, code| {
        let message = a
            .key_message(&KeyEvent::new(code, KeyModifiers::NONE))
            .expect("the key is bound here");
        let _ = a.dispatch(message);
    };
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('m'));
    assert!(matches!(a.overlay, Some(Overlay::Map { .. })));
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut shown = Vec::new();
    for n in 1..=pack.questions().len() {
        if n > 1 {
            key(&mut a, KeyCode::Down);
        }
        let text = screen(&a, 120, 40);
        let label = format!("Q{n}. ");
        let row = text
            .lines()
            .find_map(|line| line.split_once(&label).map(|(_, rest)| rest.to_owned()))
            .unwrap_or_else(|| panic!("{label:?} is not on screen after {n} moves:\n{text}"));
        // The row's text up to the overlay's scroll bar or border.
        let row = row
            .split(|c: char| "│║█▲▼".contains(c))
            .next()
            .unwrap_or_default();
        shown.push(fold(row));
    }
    let mut prompts: Vec<String> = pack.questions().iter().map(|q| fold(&q.prompt)).collect();
    for row in &shown {
        let found = prompts
            .iter()
            .position(|p| p.starts_with(row.as_str()))
            .unwrap_or_else(|| panic!("{row:?} on the map matches no question left: {prompts:#?}"));
        prompts.swap_remove(found);
    }
    assert!(prompts.is_empty(), "not on the map: {prompts:#?}");
}
