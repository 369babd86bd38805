//! The keymap as unit tests, and `update` driven by messages (no terminal).

mod tui_support;

use immunity::pack::Node;
use immunity::tui::app::{Confirm, Effect, Message, Overlay, Screen};
use immunity::tui::keymap::{Action, Context, KEYMAP, footer, lookup};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_support::{app, draw, fixture_pack, press};

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
fn walking_back_and_forth_remembers_answers() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, &[Action::Choose]);
    assert_eq!(a.screen, Screen::Walk);
    press(
        &mut a,
        &[Action::Down, Action::Up, Action::Down, Action::Choose],
    );
    assert_eq!(a.session.current(), pack.node("no-claim").unwrap());
    press(&mut a, &[Action::Back]);
    assert_eq!(a.highlight, 1, "the earlier answer is pre-selected");
    press(&mut a, &[Action::Back]);
    assert_eq!(
        a.screen,
        Screen::Start,
        "back at the first question returns to the start"
    );
    assert_eq!(a.key_message(&key(KeyCode::Char('x'))).map(|_| ()), None);
}

#[test]
fn review_revises_keeping_later_answers() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(
        &mut a,
        &[
            Action::Choose,
            Action::Select(1),
            Action::Select(1),
            Action::Select(2),
        ],
    );
    assert!(a.session.is_finished());
    press(&mut a, &[Action::Review, Action::Up, Action::Choose]);
    assert!(a.overlay.is_none());
    assert_eq!(a.session.history().len(), 1, "back at step 2");
    press(&mut a, &[Action::Select(1)]);
    // The path passes through the force question again: its answer (2) is kept.
    assert!(a.session.is_finished());
    assert_eq!(a.session.history().len(), 3);
    assert_eq!(a.session.history()[2].option, 1);
}

#[test]
fn map_jumps_only_to_answered_questions() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, &[Action::Choose, Action::Select(1), Action::Map]);
    assert!(matches!(a.overlay, Some(Overlay::Map { selected: 1 })));
    press(&mut a, &[Action::Down, Action::Choose]);
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("Only questions on your path"))
    );
    press(&mut a, &[Action::Up, Action::Up, Action::Choose]);
    assert!(a.overlay.is_none());
    assert_eq!(a.session.current(), Node::Question(pack.start()));
}

#[test]
fn quitting_asks_only_when_a_conclusion_was_not_exported() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    assert_eq!(
        a.dispatch(Message::Action(Action::Quit)),
        Some(Effect::Quit)
    );
    press(&mut a, &[Action::Choose, Action::Select(2)]);
    assert_eq!(a.dispatch(Message::Action(Action::Quit)), None);
    assert!(matches!(a.overlay, Some(Overlay::Confirm(Confirm::Quit))));
    assert_eq!(a.dispatch(Message::Action(Action::No)), None);
    assert!(a.overlay.is_none());
    assert_eq!(a.dispatch(Message::Action(Action::Quit)), None);
    assert_eq!(
        a.dispatch(Message::Action(Action::Quit)),
        Some(Effect::Quit),
        "a second quit leaves"
    );
    assert_eq!(
        a.dispatch(Message::Action(Action::Suspend)),
        Some(Effect::Suspend)
    );
}

#[test]
fn restart_asks_then_returns_to_the_start() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(
        &mut a,
        &[Action::Choose, Action::Select(1), Action::Restart],
    );
    assert!(matches!(
        a.overlay,
        Some(Overlay::Confirm(Confirm::Restart))
    ));
    press(&mut a, &[Action::No]);
    assert_eq!(a.session.history().len(), 1);
    press(&mut a, &[Action::Restart, Action::Yes]);
    assert_eq!(a.screen, Screen::Start);
    assert!(a.session.history().is_empty());
}

/// An app on the fixture pack walked to a conclusion, with the export dialog open.
fn at_export_dialog<'p>(
    pack: &'p immunity::pack::Pack,
    dir: &std::path::Path,
) -> immunity::tui::app::App<'p> {
    let mut a = app(pack, dir.to_owned());
    press(
        &mut a,
        &[
            Action::Choose,
            Action::Select(1),
            Action::Select(1),
            Action::Select(1),
            Action::Export,
        ],
    );
    a
}

#[test]
fn export_writes_asks_before_overwriting_and_reports_where() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let mut a = at_export_dialog(&pack, dir.path());
    // Text format: three steps down from Markdown.
    press(&mut a, &[Action::Down, Action::Down, Action::Down]);
    // Type a name: erase the default with Backspace, then type.
    let default = "immunity-immune.txt";
    for _ in 0..default.chars().count() {
        let _ = a.dispatch(a.key_message(&key(KeyCode::Backspace)).unwrap());
    }
    for c in "out.txt".chars() {
        let m = a.key_message(&key(KeyCode::Char(c))).unwrap();
        let _ = a.dispatch(m);
    }
    press(&mut a, &[Action::Choose]);
    let path = dir.path().join("out.txt");
    assert!(path.exists());
    assert!(a.exported);
    assert!(a.status.as_deref().unwrap().contains("out.txt"));
    // Again: the file exists, so it asks; "no" keeps the dialog, "yes" overwrites.
    press(
        &mut a,
        &[Action::Export, Action::Down, Action::Down, Action::Down],
    );
    std::fs::write(dir.path().join("immunity-immune.txt"), "old").unwrap();
    press(&mut a, &[Action::Choose]);
    assert!(matches!(a.overlay, Some(Overlay::Export(_))));
    press(&mut a, &[Action::Yes]);
    assert!(a.overlay.is_none());
    assert_ne!(
        std::fs::read_to_string(dir.path().join("immunity-immune.txt")).unwrap(),
        "old"
    );
}

#[test]
fn wheel_scrolls_the_panel_under_the_pointer_and_click_chooses() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, &[Action::Choose, Action::Select(1)]);
    let _ = draw(&a, 80, 24);
    // The why panel is at the lower left at 80×24 (see the snapshots).
    let _ = a.dispatch(Message::Wheel {
        column: 5,
        row: 18,
        down: true,
    });
    assert!(a.scroll[1] > 0, "why panel scrolled");
    let _ = draw(&a, 80, 24);
    // Row 8 holds option 2 ("No, not something a judge does").
    let _ = a.dispatch(Message::Click { column: 10, row: 8 });
    assert_eq!(a.session.current(), pack.node("not-judicial").unwrap());
}

#[test]
fn export_dialog_up_and_down_move_through_the_formats_both_ways() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let mut a = at_export_dialog(&pack, dir.path());
    let format = |a: &immunity::tui::app::App<'_>| match &a.overlay {
        Some(Overlay::Export(d)) => (d.format, d.path_text()),
        _ => panic!("the export dialog is open"),
    };
    assert_eq!(format(&a), (0, "immunity-immune.md".to_owned()));
    press(&mut a, &[Action::Down]);
    assert_eq!(format(&a), (1, "immunity-immune.html".to_owned()));
    press(&mut a, &[Action::Up]);
    assert_eq!(format(&a), (0, "immunity-immune.md".to_owned()));
    press(&mut a, &[Action::Up]);
    assert_eq!(
        format(&a),
        (3, "immunity-immune.txt".to_owned()),
        "up from the first format wraps to the last"
    );
}
