//! Snapshots of every screen of the TUI on `TestBackend`, at 60×16, 80×24 and 120×40, against
//! the fixture pack (stable content), driven by keys; plus checks that hold for any pack, on
//! the fixture pack and on a built pack too long for one screen: the highlight in view,
//! nothing panics at any size, the map scrolls through every question. (The same checks on the
//! bundled pack's long texts are in `content_screens.rs`.)

mod support;
mod tui_support;

use immunity::tui::app::Overlay;
use tui_support::{app, assert_options_readable, draw, fixture_pack, press, resize, screen, words};

const SIZES: [(u16, u16); 3] = [(60, 16), (80, 24), (120, 40)];

/// Snapshots the screen reached by `keys` (from the start screen, or from the first question
/// of fact pattern `case`) at every size; the keys are pressed at that size.
fn snap(name: &str, keys: &str, case: Option<&str>) {
    let pack = fixture_pack();
    for (w, h) in SIZES {
        let mut a = app(&pack, std::env::temp_dir());
        resize(&mut a, w, h);
        if let Some(case) = case {
            a.start_walk(Some(case)).expect("case exists");
        }
        press(&mut a, keys);
        assert_options_readable(&a);
        // Export file names carry today's date: a snapshot must not change tomorrow.
        let mut settings = insta::Settings::clone_current();
        settings.add_filter(
            &chrono::Local::now().format("%Y-%m-%d").to_string(),
            "YYYY-MM-DD",
        );
        let text = screen(&mut a, w, h);
        settings.bind(|| insta::assert_snapshot!(format!("{name}_{w}x{h}"), text));
    }
}

#[test]
fn start_screen() {
    snap("start", "", None);
}

#[test]
fn start_screen_shows_the_disclaimer_and_the_date_at_80x24() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    let text = screen(&mut a, 80, 24);
    // The disclaimer wraps inside a bordered panel: compare its words in order.
    let disclaimer: String = pack
        .disclaimer()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words(&text).contains(&disclaimer), "{text}");
    assert!(text.contains(pack.law_checked()), "{text}");
}

#[test]
fn question_screen() {
    snap("question", "Enter 1", None);
}

#[test]
fn question_screen_second_answer_highlighted() {
    snap("question_down", "Enter 1 Down", None);
}

#[test]
fn question_with_reversed_authority_and_fact_pattern() {
    snap("question_case", "1 1", Some("alpha-case"));
}

#[test]
fn why_and_excerpt_panels_scrolled() {
    // Tab to the why panel and page down; then to the second excerpt and page down.
    snap("why_scrolled", "Enter 1 Tab Tab PgDn", None);
    snap("excerpt_scrolled", "Enter 1 Tab Tab Tab Tab PgDn", None);
}

#[test]
fn shift_tab_goes_back_through_the_panels() {
    // The last panel is what this decides; the one before it the last excerpt.
    snap("excerpt_by_shift_tab", "Enter 1 BackTab BackTab", None);
}

#[test]
fn help_overlay() {
    snap("help", "Enter ?", None);
}

#[test]
fn map_overlay() {
    snap("map", "Enter 1 m", None);
}

#[test]
fn map_overlay_in_a_fact_pattern_hides_untried_destinations() {
    snap("map_case", "1 m", Some("alpha-case"));
}

#[test]
fn review_screen() {
    snap("review", "Enter 1 1 v", None);
}

#[test]
fn conclusion_screen() {
    snap("conclusion", "Enter 1 1 1", None);
}

#[test]
fn conclusion_of_a_fact_pattern_where_the_path_left_the_court() {
    snap("conclusion_case", "1 2", Some("alpha-case"));
}

#[test]
fn export_dialog() {
    snap("export", "Enter 1 1 1 e", None);
}

#[test]
fn restart_and_quit_confirmations() {
    snap("confirm_restart", "Enter r", None);
    snap("confirm_quit", "Enter 1 1 1 q", None);
}

#[test]
fn too_small() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    insta::assert_snapshot!("too_small_59x16", screen(&mut a, 59, 16));
    assert!(screen(&mut a, 60, 15).contains("terminal too small: need 60×16, have 60×15"));
    assert!(!screen(&mut a, 60, 16).contains("too small"));
}

#[test]
fn never_panics_at_any_small_size_on_any_screen() {
    let pack = fixture_pack();
    let scripts = [
        "",
        "Enter",
        "Enter ?",
        "Enter 1 m",
        "Enter 1 v",
        "Enter 1 1 1",
        "Enter 1 1 1 e",
        "Enter 1 Tab Tab Tab",
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
            let _ = screen(&mut a, w, h);
            press(&mut a, "Down PgDn End Home Up");
        }
    }
}

#[test]
fn no_color_means_no_colour_in_any_cell() {
    use immunity::tui::Theme;
    use ratatui::style::Color;
    let pack = fixture_pack();
    for color in [false, true] {
        let mut a = immunity::tui::App::new(&pack, Theme::new(color), std::env::temp_dir());
        resize(&mut a, 120, 40);
        a.start_walk(Some("alpha-case")).unwrap();
        press(&mut a, "1 1");
        let terminal = draw(&a);
        let coloured = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset || c.bg != Color::Reset);
        assert_eq!(coloured, color, "colour present iff enabled");
    }
}

/// A built pack of thirty questions in a chain (yes goes on, no stops), more than the map
/// overlay shows at once.
fn thirty_questions() -> immunity::pack::Pack {
    let dir = tempfile::tempdir().unwrap();
    support::pack::chain("thirty", 30, |n| {
        format!("Does step {n} of the chain hold, as far as the test can tell?")
    })
    .load(dir.path())
}

/// The map overlay shows every question of a pack too long for it: moving down through it
/// with the arrow key brings each entry into view, numbered in turn, and the entries' text
/// accounts for every question's prompt exactly once.
#[test]
fn the_map_lists_every_question_of_a_long_pack() {
    let pack = thirty_questions();
    let mut a = app(&pack, std::env::temp_dir());
    resize(&mut a, 120, 40);
    press(&mut a, "Enter m");
    assert!(matches!(a.overlay, Some(Overlay::Map { .. })));
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut shown = Vec::new();
    for n in 1..=pack.questions().len() {
        if n > 1 {
            press(&mut a, "Down");
        }
        let text = screen(&mut a, 120, 40);
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
    press(&mut a, "Home End");
    let n = pack.questions().len();
    assert!(screen(&mut a, 80, 24).contains(&format!("Q{n}.")));
}

#[test]
fn what_if_from_the_conclusion() {
    // The conclusion opens on the last step's other answers; ↑ moves to the step before.
    snap("what_if", "Enter 1 1 1 w", None);
    snap("what_if_up", "Enter 1 1 1 w Up", None);
}

#[test]
fn what_if_from_the_review_opens_on_the_highlighted_step() {
    snap("what_if_review", "Enter 1 1 1 v Home w", None);
}

#[test]
fn what_if_enter_makes_the_other_answer_the_walk() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter 1 1 1");
    let before = a.session.conclusion().expect("a conclusion is reached");
    let choices = a.what_if_choices();
    // From the review's first step: its first other answer.
    press(&mut a, "v Home w");
    let Some(Overlay::WhatIf { selected }) = a.overlay else {
        panic!("w on the review opens what if");
    };
    let (step, option) = choices[selected];
    assert_eq!(step, 0);
    let found = immunity::engine::what_if(
        &pack,
        a.session.answers(),
        a.session.history()[0].question,
        option,
    )
    .unwrap();
    press(&mut a, "Enter");
    assert!(a.overlay.is_none(), "Enter closes the overlay");
    assert_eq!(a.session.history()[0].option, option);
    assert_eq!(a.session.current(), found.after.end);
    assert!(found.changes_end());
    assert_ne!(a.session.conclusion(), Some(before));
    // Esc closes without changing anything.
    let now = a.session.history().to_vec();
    if a.session.is_finished() {
        press(&mut a, "w Down Esc");
        assert!(a.overlay.is_none());
        assert_eq!(a.session.history(), now.as_slice());
    }
}

#[test]
fn what_if_in_a_fact_pattern_waits_for_the_conclusion() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    a.start_walk(Some("alpha-case")).unwrap();
    press(&mut a, "1 v w");
    assert!(
        matches!(a.overlay, Some(Overlay::Review { .. })),
        "no what-if before the conclusion of a fact pattern"
    );
    let text = screen(&mut a, 80, 24);
    assert!(text.contains("once you reach the conclusion"), "{text}");
    press(&mut a, "Esc 2 w");
    assert!(a.session.is_finished());
    assert!(matches!(a.overlay, Some(Overlay::WhatIf { .. })));
}

#[test]
fn what_this_decides_panel() {
    // Shift-Tab from the answers reaches the last panel: what this decides, focused.
    snap("decides", "Enter 1 BackTab", None);
    // The list keeps the focus; the panel follows the highlighted second answer.
    snap("decides_follows_highlight", "Enter Down", None);
}

#[test]
fn what_this_decides_in_a_fact_pattern_opens_after_the_conclusion() {
    // Before the conclusion: closed, saying why. After it, back at a question: open.
    // (Shift-Tab twice: the last panel in a fact pattern is the facts.)
    snap("decides_case_closed", "BackTab BackTab", Some("alpha-case"));
    snap(
        "decides_case_revealed",
        "1 1 1 b BackTab BackTab",
        Some("alpha-case"),
    );
}

#[test]
fn start_screen_narrowed_by_typing() {
    // `/` then words: the list narrows, numbered afresh; the filter shows in the title.
    snap("start_filtered", "/ a l p h a", None);
}
