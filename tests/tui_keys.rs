//! The quiz's and presenter mode's key tables: every key each table lists, sent through the
//! mode's keymap in every context the table names, maps to the action the table gives it; and
//! the footer and the `?` help on screen are the ones generated from the table.

use std::path::Path;

use immunity::pack::{FileSet, Pack, load};
use immunity::results::Confidence;
use immunity::tui::Theme;
use immunity::tui::keys::{self, Binding, Key};
use immunity::tui::present::{self, Present};
use immunity::tui::quiz::{self, Quiz};
use immunity::tui::screen_loop::Screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn fixture() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-pack");
    load(&FileSet::from_dir(&dir).unwrap()).unwrap().0
}

/// The character a range key typed, lower case.
fn typed(event: &KeyEvent) -> char {
    match event.code {
        KeyCode::Char(c) => c.to_ascii_lowercase(),
        other => panic!("a range key is a character, not {other:?}"),
    }
}

/// Sends every key of every binding of `table`, in every context it names, through `lookup`,
/// and checks the action against `expected` (the table's action, filled in for a range). A
/// key an exact binding claims earlier in the same context is the exact binding's (checked
/// there), so a range is checked only on the keys no exact binding takes.
fn every_key_maps_to_its_action<A, C>(
    table: &'static [Binding<A, C>],
    lookup: impl Fn(C, &KeyEvent) -> Option<A>,
    expected: impl Fn(A, &KeyEvent) -> A,
) -> usize
where
    A: Copy + PartialEq + std::fmt::Debug + 'static,
    C: Copy + PartialEq + std::fmt::Debug + 'static,
{
    let mut checked = 0;
    for binding in table {
        for &context in binding.contexts {
            for key in binding.keys {
                for event in key.events() {
                    let found = keys::find(table, &context, &event).expect("bound");
                    if !std::ptr::eq(found, binding) && matches!(key, Key::Range(..)) {
                        continue;
                    }
                    assert_eq!(
                        lookup(context, &event),
                        Some(expected(binding.action, &event)),
                        "{} in {context:?} ({})",
                        key.name(),
                        binding.help
                    );
                    checked += 1;
                }
            }
        }
    }
    checked
}

#[test]
fn every_key_in_the_quiz_table_sends_its_message() {
    let checked =
        every_key_maps_to_its_action(quiz::KEYS, quiz::keys::lookup, |msg, event| match msg {
            quiz::Msg::Pick(_) => quiz::Msg::Pick(usize::from(typed(event) as u8 - b'a')),
            quiz::Msg::Sure(_) => {
                let level = typed(event).to_digit(10).unwrap();
                quiz::Msg::Sure(Confidence::from_level(u8::try_from(level).unwrap()).unwrap())
            }
            msg => msg,
        });
    assert!(checked > 30, "only {checked} keys checked");
}

#[test]
fn every_key_in_the_presenter_table_sends_its_message() {
    let checked = every_key_maps_to_its_action(
        present::KEYS,
        present::keys::lookup,
        |msg, event| match msg {
            present::Msg::Pick(_) => present::Msg::Pick(usize::from(typed(event) as u8 - b'a')),
            present::Msg::Digit(_) => {
                present::Msg::Digit(u8::try_from(typed(event).to_digit(10).unwrap()).unwrap())
            }
            msg => msg,
        },
    );
    assert!(checked > 40, "only {checked} keys checked");
}

#[test]
fn a_presenter_command_letter_never_chooses_even_where_it_is_not_bound() {
    use present::keys::Context::{LiveQuestion, Question};
    let event = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    // `o` and `l` are live keys and `t` a key without a room: elsewhere they choose nothing.
    for (c, context) in [('o', Question), ('l', Question), ('t', LiveQuestion)] {
        assert_eq!(present::keys::lookup(context, &event(c)), None, "{c}");
    }
    assert_eq!(
        present::keys::lookup(Question, &event('B')),
        Some(present::Msg::Pick(1))
    );
}

/// The rows of a drawn frame.
fn rows(draw: impl FnOnce(&mut ratatui::Frame<'_>), width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(draw).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// The footer row as the table writes it.
fn footer_text<A: Copy>(slots: &[keys::Slot<A>]) -> String {
    slots
        .iter()
        .map(|s| format!("{} {}", s.keys, s.label))
        .collect::<Vec<_>>()
        .join("  ")
}

fn press<S: Screen>(screen: &mut S, code: KeyCode) {
    screen.key(&KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn the_quiz_footer_and_help_are_the_tables() {
    let pack = fixture();
    let mut q = Quiz::new(&pack, vec![0], Theme::new(false));
    let shown = rows(|f| quiz::view(&q, f), 120, 40);
    let footer = footer_text(&quiz::keys::footer(q.context()));
    assert_eq!(shown[39].trim_end(), footer);
    press(&mut q, KeyCode::Char('?'));
    let shown = rows(|f| quiz::view(&q, f), 120, 40).join("\n");
    for (keys, help) in quiz::keys::help() {
        assert!(shown.contains(&keys), "{keys} is not in the help:\n{shown}");
        assert!(shown.contains(help), "{help} is not in the help:\n{shown}");
    }
    press(&mut q, KeyCode::Esc);
    assert!(!q.quit, "Esc closes the help, it does not quit");
    assert_eq!(q.context(), quiz::keys::Context::Asking);
}

#[test]
fn the_presenter_footer_and_help_are_the_tables() {
    let pack = fixture();
    let mut p = Present::new(&pack, Some(0), Theme::new(false));
    let shown = rows(|f| present::view(&p, f), 160, 40);
    let footer = footer_text(&present::keys::footer(p.context()));
    assert_eq!(shown[39].trim_end(), footer);
    press(&mut p, KeyCode::Char('?'));
    let shown = rows(|f| present::view(&p, f), 160, 50).join("\n");
    for (keys, help) in present::keys::help(false) {
        assert!(shown.contains(&keys), "{keys} is not in the help:\n{shown}");
        assert!(shown.contains(help), "{help} is not in the help:\n{shown}");
    }
}
