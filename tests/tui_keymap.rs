//! The keymap as unit tests, and the app driven by keys: crossterm key and mouse events go
//! through the keymap and the run loop's event handling (effects such as file writes
//! included), never straight to actions.

mod tui_support;

use immunity::pack::Node;
use immunity::tui::app::{Confirm, Effect, Hit, Overlay, Panel, Screen};
use immunity::tui::keymap::{Action, Context, KEYMAP, footer, lookup};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_support::{
    app, click, draw, fixture_pack, hit_rect, press, resize, screen, text_of, type_text, wheel,
};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn movement_choice_and_back_keys() {
    let q = Context::Question;
    assert_eq!(lookup(q, &key(KeyCode::Up)), Some(Action::Up));
    assert_eq!(lookup(q, &key(KeyCode::Char('k'))), Some(Action::Up));
    assert_eq!(lookup(q, &key(KeyCode::Down)), Some(Action::Down));
    assert_eq!(lookup(q, &key(KeyCode::Char('j'))), Some(Action::Down));
    assert_eq!(lookup(q, &key(KeyCode::Enter)), Some(Action::Choose));
    for d in 1..=9 {
        let c = char::from_digit(d, 10).unwrap();
        assert_eq!(
            lookup(q, &key(KeyCode::Char(c))),
            Some(Action::Select(d as usize))
        );
    }
    assert_eq!(lookup(q, &key(KeyCode::Char('0'))), None);
    for k in [KeyCode::Left, KeyCode::Backspace, KeyCode::Char('b')] {
        assert_eq!(lookup(q, &key(k)), Some(Action::Back));
    }
    assert_eq!(lookup(q, &key(KeyCode::Tab)), Some(Action::NextPanel));
    assert_eq!(lookup(q, &key(KeyCode::PageUp)), Some(Action::ScrollUp));
    assert_eq!(lookup(q, &key(KeyCode::PageDown)), Some(Action::ScrollDown));
}

#[test]
fn overlay_and_command_keys() {
    let q = Context::Question;
    assert_eq!(lookup(q, &key(KeyCode::Char('?'))), Some(Action::Help));
    // Terminals report '?' with Shift held: still help.
    assert_eq!(
        lookup(q, &KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT)),
        Some(Action::Help)
    );
    assert_eq!(lookup(q, &key(KeyCode::Char('m'))), Some(Action::Map));
    assert_eq!(lookup(q, &key(KeyCode::Char('v'))), Some(Action::Review));
    assert_eq!(lookup(q, &key(KeyCode::Char('r'))), Some(Action::Restart));
    assert_eq!(lookup(q, &key(KeyCode::Char('q'))), Some(Action::Quit));
    assert_eq!(
        lookup(q, &key(KeyCode::Char('e'))),
        None,
        "export only once a conclusion is reached"
    );
    assert_eq!(
        lookup(Context::Conclusion, &key(KeyCode::Char('e'))),
        Some(Action::Export)
    );
    assert_eq!(
        lookup(Context::Help, &key(KeyCode::Esc)),
        Some(Action::Close)
    );
    assert_eq!(
        lookup(Context::Map, &key(KeyCode::Esc)),
        Some(Action::Close)
    );
    assert_eq!(
        lookup(Context::Confirm, &key(KeyCode::Char('y'))),
        Some(Action::Yes)
    );
    assert_eq!(
        lookup(Context::Confirm, &key(KeyCode::Enter)),
        Some(Action::Yes)
    );
    assert_eq!(
        lookup(Context::Confirm, &key(KeyCode::Esc)),
        Some(Action::No)
    );
}

#[test]
fn ctrl_c_and_ctrl_z_work_everywhere_and_plain_c_z_do_not() {
    for context in [
        Context::Start,
        Context::Question,
        Context::Conclusion,
        Context::Help,
        Context::Map,
        Context::Review,
        Context::Export,
        Context::Confirm,
        Context::Overwrite,
    ] {
        assert_eq!(
            lookup(context, &ctrl('c')),
            Some(Action::Quit),
            "{context:?}"
        );
        assert_eq!(
            lookup(context, &ctrl('z')),
            Some(Action::Suspend),
            "{context:?}"
        );
    }
    assert_eq!(
        lookup(Context::Question, &ctrl('k')),
        None,
        "Ctrl does not fall through to plain keys"
    );
}

#[test]
fn the_export_dialog_leaves_letters_to_the_path_field() {
    for c in ['q', 'b', 'j', 'k', 'e', 'm', '1'] {
        assert_eq!(lookup(Context::Export, &key(KeyCode::Char(c))), None, "{c}");
    }
    assert_eq!(
        lookup(Context::Export, &key(KeyCode::Enter)),
        Some(Action::Choose)
    );
    assert_eq!(
        lookup(Context::Export, &key(KeyCode::Esc)),
        Some(Action::Close)
    );
}

#[test]
fn releases_are_ignored() {
    let mut release = key(KeyCode::Enter);
    release.kind = KeyEventKind::Release;
    assert_eq!(lookup(Context::Question, &release), None);
}

#[test]
fn footer_and_help_come_from_the_same_table() {
    let labels: Vec<&str> = footer(Context::Conclusion)
        .iter()
        .map(|(_, l)| *l)
        .collect();
    assert!(labels.contains(&"export"));
    assert!(
        !footer(Context::Question)
            .iter()
            .any(|(_, l)| *l == "export")
    );
    // Every footer entry is a binding of that context.
    for context in [Context::Question, Context::Conclusion, Context::Map] {
        for (_, label) in footer(context) {
            assert!(
                KEYMAP
                    .iter()
                    .any(|b| b.footer == Some(label) && b.contexts.contains(&context))
            );
        }
    }
}

#[test]
fn home_end_g_and_shift_g_are_bound_wherever_things_scroll() {
    for context in [
        Context::Start,
        Context::Question,
        Context::Conclusion,
        Context::Help,
        Context::Map,
        Context::Review,
    ] {
        for (k, action) in [
            (key(KeyCode::Home), Action::First),
            (key(KeyCode::Char('g')), Action::First),
            (key(KeyCode::End), Action::Last),
            (
                KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Action::Last,
            ),
            (key(KeyCode::PageUp), Action::ScrollUp),
            (key(KeyCode::PageDown), Action::ScrollDown),
            (key(KeyCode::Up), Action::Up),
            (key(KeyCode::Char('j')), Action::Down),
        ] {
            assert_eq!(lookup(context, &k), Some(action), "{context:?} {k:?}");
        }
    }
    assert_eq!(
        lookup(
            Context::Question,
            &KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
        ),
        Some(Action::PrevPanel)
    );
}

#[test]
fn walking_back_and_forth_remembers_answers() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter");
    assert_eq!(a.screen, Screen::Walk);
    press(&mut a, "Down Up Down Enter");
    assert_eq!(a.session.current(), pack.node("no-claim").unwrap());
    press(&mut a, "Left");
    assert_eq!(a.highlight, 1, "the earlier answer is pre-selected");
    press(&mut a, "b");
    assert_eq!(
        a.screen,
        Screen::Start,
        "back at the first question returns to the start"
    );
    assert!(a.key_message(&key(KeyCode::Char('x'))).is_none());
}

#[test]
fn home_end_and_j_k_move_the_highlight() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter End");
    assert_eq!(a.highlight, 1);
    press(&mut a, "Home");
    assert_eq!(a.highlight, 0);
    press(&mut a, "j");
    assert_eq!(a.highlight, 1);
    press(&mut a, "k G");
    assert_eq!(a.highlight, 1);
    press(&mut a, "g");
    assert_eq!(a.highlight, 0);
}

#[test]
fn tab_and_shift_tab_cycle_the_panels_and_arrows_scroll_the_focused_one() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    resize(&mut a, 60, 16);
    press(&mut a, "Enter 1");
    assert_eq!(a.focus, Panel::List);
    press(&mut a, "Tab");
    assert_eq!(a.focus, Panel::Answer);
    press(&mut a, "Tab");
    assert_eq!(a.focus, Panel::Why);
    // The why text is longer than the small panel: ↓ scrolls it, and leaves the highlight.
    press(&mut a, "Down");
    assert_eq!(a.scroll[Panel::Why as usize], 1);
    assert_eq!(a.highlight, 0);
    press(&mut a, "End");
    let bottom = a.scroll[Panel::Why as usize];
    assert!(bottom > 1);
    press(&mut a, "Down");
    assert_eq!(
        a.scroll[Panel::Why as usize],
        bottom,
        "no scrolling past the end"
    );
    press(&mut a, "Home");
    assert_eq!(a.scroll[Panel::Why as usize], 0);
    press(&mut a, "Tab Tab");
    assert_eq!((a.focus, a.excerpt), (Panel::Excerpt, 1));
    press(&mut a, "BackTab");
    assert_eq!((a.focus, a.excerpt), (Panel::Excerpt, 0));
    press(&mut a, "BackTab BackTab BackTab");
    assert_eq!(a.focus, Panel::List);
    press(&mut a, "BackTab");
    assert_eq!(
        a.focus,
        Panel::Decides,
        "Shift-Tab wraps to the last panel: what this decides"
    );
    press(&mut a, "BackTab");
    assert_eq!((a.focus, a.excerpt), (Panel::Excerpt, 1));
    // At 60×16 the details are tabs: the focused one is the one shown.
    let text = screen(&mut a, 60, 16);
    assert!(text.contains("Excerpt 2 of 2"), "{text}");
}

#[test]
fn review_revises_keeping_later_answers() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter 1 1 2");
    assert!(a.session.is_finished());
    press(&mut a, "v Up Enter");
    assert!(a.overlay.is_none());
    assert_eq!(a.session.history().len(), 1, "back at step 2");
    press(&mut a, "1");
    // The path passes through the force question again: its answer (2) is kept.
    assert!(a.session.is_finished());
    assert_eq!(a.session.history().len(), 3);
    assert_eq!(a.session.history()[2].option, 1);
}

#[test]
fn map_jumps_only_to_answered_questions() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter 1 m");
    assert!(matches!(a.overlay, Some(Overlay::Map { selected: 1, .. })));
    press(&mut a, "Down Enter");
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("Only questions on your path"))
    );
    press(&mut a, "Home Enter");
    assert!(a.overlay.is_none());
    assert_eq!(a.session.current(), Node::Question(pack.start()));
}

#[test]
fn quitting_asks_only_when_a_conclusion_was_not_exported() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    assert_eq!(press(&mut a, "q"), Some(Effect::Quit));
    press(&mut a, "Enter 2");
    assert_eq!(press(&mut a, "q"), None);
    assert!(matches!(a.overlay, Some(Overlay::Confirm(Confirm::Quit))));
    assert_eq!(press(&mut a, "n"), None);
    assert!(a.overlay.is_none());
    assert_eq!(press(&mut a, "q"), None);
    assert_eq!(
        press(&mut a, "q"),
        Some(Effect::Quit),
        "a second quit leaves"
    );
    assert_eq!(press(&mut a, "C-z"), Some(Effect::Suspend));
}

#[test]
fn restart_asks_then_returns_to_the_start() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter 1 r");
    assert!(matches!(
        a.overlay,
        Some(Overlay::Confirm(Confirm::Restart))
    ));
    press(&mut a, "n");
    assert_eq!(a.session.history().len(), 1);
    press(&mut a, "r y");
    assert_eq!(a.screen, Screen::Start);
    assert!(a.session.history().is_empty());
}

#[test]
fn no_key_but_quit_acts_while_the_terminal_is_too_small() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    resize(&mut a, 59, 20);
    press(&mut a, "Enter 1 Down m ? v r Tab");
    assert_eq!(a.screen, Screen::Start, "nothing happened out of sight");
    assert!(a.overlay.is_none());
    assert_eq!(a.start_selected, 0);
    resize(&mut a, 80, 24);
    press(&mut a, "Enter 1 1 1");
    assert!(a.session.is_finished());
    resize(&mut a, 40, 10);
    press(&mut a, "e Left");
    assert!(a.overlay.is_none() && a.session.is_finished());
    // Quit still asks about the unexported conclusion, in words the small screen shows.
    assert_eq!(press(&mut a, "q"), None);
    let text = screen(&mut a, 40, 10);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Quit anyway?"), "{text}");
    assert_eq!(press(&mut a, "y"), Some(Effect::Quit));
}

/// An app on the fixture pack walked to a conclusion, with the export dialog open.
fn at_export_dialog<'p>(
    pack: &'p immunity::pack::Pack,
    dir: &std::path::Path,
) -> immunity::tui::app::App<'p> {
    let mut a = app(pack, dir.to_owned());
    press(&mut a, "Enter 1 1 1 e");
    a
}

fn dialog(a: &immunity::tui::app::App<'_>) -> (usize, String) {
    match &a.overlay {
        Some(Overlay::Export(d)) => (d.format, d.path_text()),
        _ => panic!("the export dialog is open"),
    }
}

/// Today's date as the export names it (local, as the report's time is).
fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

#[test]
fn export_default_name_says_what_the_file_is_and_never_names_an_existing_file() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let mut a = at_export_dialog(&pack, dir.path());
    let name = format!("tui-fixture-immune-{}.md", today());
    assert_eq!(dialog(&a), (0, name.clone()));
    press(&mut a, "Enter");
    assert!(dir.path().join(&name).exists());
    // The same conclusion again: the default moves on to -2, and the format's extension.
    press(&mut a, "e");
    assert_eq!(dialog(&a).1, format!("tui-fixture-immune-{}-2.md", today()));
    press(&mut a, "Down");
    assert_eq!(dialog(&a).1, format!("tui-fixture-immune-{}.html", today()));
    press(&mut a, "Up");
    assert_eq!(dialog(&a).1, format!("tui-fixture-immune-{}-2.md", today()));
    // A fact pattern names the file after the fact pattern.
    let mut b = app(&pack, dir.path().to_owned());
    b.start_walk(Some("alpha-case")).unwrap();
    press(&mut b, "1 1 1 e");
    assert_eq!(dialog(&b).1, format!("alpha-case-immune-{}.md", today()));
}

#[test]
fn export_writes_asks_before_overwriting_with_no_as_the_default() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let mut a = at_export_dialog(&pack, dir.path());
    // Text format: three steps down from Markdown. Ctrl-U clears the field; type a name.
    press(&mut a, "Down Down Down C-u");
    assert_eq!(dialog(&a), (3, String::new()));
    type_text(&mut a, "out.txt");
    press(&mut a, "Enter");
    let path = dir.path().join("out.txt");
    assert!(path.exists());
    assert!(a.exported);
    assert!(a.status.as_deref().unwrap().contains("out.txt"));
    // The message answers that export only: the next key clears it.
    press(&mut a, "Down");
    assert!(a.status.is_none(), "a stale Exported message is cleared");
    // Again to the same name: it asks; Enter means no and keeps the file.
    std::fs::write(&path, "old").unwrap();
    press(&mut a, "e Down Down Down C-u");
    type_text(&mut a, "out.txt");
    press(&mut a, "Enter");
    assert_eq!(a.context(), Context::Overwrite);
    let text = screen(&mut a, 80, 24);
    assert!(text.contains("already exists"), "{text}");
    press(&mut a, "Enter");
    assert_eq!(a.context(), Context::Export, "Enter kept the file");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    press(&mut a, "Enter y");
    assert!(a.overlay.is_none());
    assert_ne!(std::fs::read_to_string(&path).unwrap(), "old");
}

#[test]
fn export_errors_name_the_file_asked_for_never_a_temporary_file() {
    let pack = fixture_pack();
    // A folder name without ".tmp" in it, so that any ".tmp" in a message is a temporary file.
    let dir = tempfile::Builder::new()
        .prefix("export-errors")
        .tempdir()
        .unwrap();
    let mut a = at_export_dialog(&pack, dir.path());
    press(&mut a, "C-u");
    type_text(&mut a, "no-such-folder/out.md");
    press(&mut a, "Enter");
    let Some(Overlay::Export(d)) = &a.overlay else {
        panic!("the dialog stays open");
    };
    let error = d.error.clone().expect("an error is shown");
    assert!(error.contains("no-such-folder"), "{error}");
    assert!(!error.contains(".tmp"), "{error}");
    let text = text_of(&draw(&a));
    assert!(text.contains("Could not export"), "{text}");
    assert!(!text.contains(".tmp"), "{text}");
}

#[test]
fn export_dialog_up_and_down_keys_move_through_the_formats_both_ways() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let mut a = at_export_dialog(&pack, dir.path());
    let stem = format!("tui-fixture-immune-{}", today());
    assert_eq!(dialog(&a), (0, format!("{stem}.md")));
    press(&mut a, "Down");
    assert_eq!(dialog(&a), (1, format!("{stem}.html")));
    press(&mut a, "Up");
    assert_eq!(dialog(&a), (0, format!("{stem}.md")));
    press(&mut a, "Up");
    assert_eq!(
        dialog(&a),
        (3, format!("{stem}.txt")),
        "up from the first format wraps to the last"
    );
    press(&mut a, "Down");
    assert_eq!(
        dialog(&a),
        (0, format!("{stem}.md")),
        "down from the last wraps"
    );
}

#[test]
fn a_click_highlights_and_a_second_click_chooses() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter 1");
    let rect = hit_rect(&a, Hit::Option(1)).expect("answer 2 on screen");
    click(&mut a, rect.x + 2, rect.y);
    assert_eq!(a.highlight, 1, "the first click highlights");
    assert_eq!(a.session.history().len(), 1, "and does not choose");
    click(&mut a, rect.x + 2, rect.y);
    assert_eq!(a.session.current(), pack.node("not-judicial").unwrap());
}

#[test]
fn clicking_a_breadcrumb_goes_back_to_that_question() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter 1 1");
    let rect = hit_rect(&a, Hit::Crumb(0)).expect("the first step's crumb");
    click(&mut a, rect.x, rect.y);
    assert_eq!(a.session.current(), Node::Question(pack.start()));
    assert!(a.revising, "answers after it are kept for the revision");
}

#[test]
fn the_wheel_scrolls_the_panel_under_the_pointer() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    // At 90×26 the details stand together, and the why text overflows its panel.
    resize(&mut a, 90, 26);
    press(&mut a, "Enter 1");
    let rect = hit_rect(&a, Hit::Panel(Panel::Why)).expect("why panel shown at 90×26");
    wheel(&mut a, rect.x + 2, rect.y + 2, true);
    assert!(a.scroll[Panel::Why as usize] > 0, "why panel scrolled");
    assert_eq!(a.scroll[Panel::Excerpt as usize], 0);
}

#[test]
fn in_a_fact_pattern_an_answer_means_nothing_on_screen_until_chosen() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    for (w, h) in [(60, 16), (80, 24), (120, 40)] {
        resize(&mut a, w, h);
        a.start_walk(Some("alpha-case")).unwrap();
        press(&mut a, "1");
        // At "function": the notes of its answers must not show while highlighted.
        for _ in 0..2 {
            let text = screen(&mut a, w, h);
            for note in [
                "Ruling, ordering and directing",
                "Nonjudicial acts are not immune",
            ] {
                assert!(!text.contains(note), "{w}×{h}: {note}\n{text}");
            }
            press(&mut a, "Tab");
        }
        // Nor in the map: untried answers lead nowhere visible.
        press(&mut a, "m");
        let text = screen(&mut a, w, h);
        assert!(!text.contains("NOT IMMUNE"), "{text}");
        press(&mut a, "Esc");
        // Once chosen, the note shows as the last answer.
        press(&mut a, "1 Tab");
        let text = screen(&mut a, w, h);
        assert!(text.contains("Ruling, ordering"), "{w}×{h}\n{text}");
    }
}

#[test]
fn the_footer_ends_in_more_when_keys_do_not_fit() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter");
    let text = screen(&mut a, 60, 16);
    let footer = text.lines().last().unwrap();
    assert!(footer.trim_end().ends_with("? more"), "{footer:?}");
    let text = screen(&mut a, 200, 40);
    let footer = text.lines().last().unwrap();
    assert!(!footer.contains("more"), "{footer:?}");
    assert!(footer.contains("? help"), "{footer:?}");
}

/// "What this decides" is computed on arrival at each question of a free walk; in a fact
/// pattern it stays closed until the walk has reached its conclusion, then opens at every
/// question of that walk, and a new walk of the fact pattern closes it again.
#[test]
fn what_this_decides_waits_for_the_conclusion_in_a_fact_pattern() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, "Enter");
    let d = a
        .decides
        .as_ref()
        .expect("free walk: open at the first question");
    assert_eq!(d.question, "acting");
    assert_eq!(d.options.len(), 2);
    press(&mut a, "1");
    assert_eq!(
        a.decides.as_ref().map(|d| d.question.as_str()),
        Some("function")
    );
    press(&mut a, "1 1");
    assert!(a.session.is_finished());
    assert!(a.decides.is_none(), "nothing is decided at a conclusion");

    let mut a = app(&pack, std::env::temp_dir());
    a.start_walk(Some("alpha-case")).expect("case exists");
    assert!(a.decides.is_none(), "closed before the conclusion");
    press(&mut a, "1 1");
    assert!(a.decides.is_none());
    press(&mut a, "1");
    assert!(a.session.is_finished());
    press(&mut a, "b");
    assert_eq!(
        a.decides.as_ref().map(|d| d.question.as_str()),
        Some("force")
    );
    press(&mut a, "b b");
    assert!(a.decides.is_some(), "open at every question once revealed");
    a.start_walk(Some("alpha-case")).expect("case exists");
    assert!(
        a.decides.is_none(),
        "a new walk of the fact pattern closes it"
    );
}
