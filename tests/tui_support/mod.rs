//! Shared helpers for the TUI tests: the fixture pack, an app driven by keys (crossterm key
//! events through the keymap and the run loop's event handling, effects included), and
//! frames drawn on `TestBackend`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use immunity::pack::{FileSet, Pack, load};
use immunity::tui::app::{App, Effect, Hit, Message};
use immunity::tui::{Theme, handle, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// The small, stable pack the snapshots are written against.
pub fn fixture_pack() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-pack");
    let files = FileSet::from_dir(&dir).expect("fixture pack readable");
    load(&files).expect("fixture pack valid").0
}

/// A colourless app (stable snapshots) exporting into `cwd`, on an 80×24 terminal.
pub fn app(pack: &Pack, cwd: PathBuf) -> App<'_> {
    let mut a = App::new(pack, Theme::new(false), cwd);
    resize(&mut a, 80, 24);
    a
}

/// The terminal is now `width`×`height`.
pub fn resize(app: &mut App<'_>, width: u16, height: u16) {
    let _ = handle(app, Event::Resize(width, height));
}

/// A key by name: `Enter`, `Esc`, `Up`, `Down`, `Left`, `Right`, `Tab`, `BackTab`, `PgUp`,
/// `PgDn`, `Home`, `End`, `Backspace`, `Space`, `C-x` (Ctrl), or one character.
pub fn key(name: &str) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    match name {
        "Enter" => plain(KeyCode::Enter),
        "Esc" => plain(KeyCode::Esc),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "Tab" => plain(KeyCode::Tab),
        "BackTab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "PgUp" => plain(KeyCode::PageUp),
        "PgDn" => plain(KeyCode::PageDown),
        "Home" => plain(KeyCode::Home),
        "End" => plain(KeyCode::End),
        "Backspace" => plain(KeyCode::Backspace),
        "Space" => plain(KeyCode::Char(' ')),
        _ if name.starts_with("C-") && name.chars().count() == 3 => KeyEvent::new(
            KeyCode::Char(name.chars().nth(2).unwrap()),
            KeyModifiers::CONTROL,
        ),
        _ if name.chars().count() == 1 => {
            let c = name.chars().next().unwrap();
            let modifiers = if c.is_ascii_uppercase() || c == '?' {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), modifiers)
        }
        _ => panic!("unknown key name {name:?}"),
    }
}

/// Presses keys given as space-separated names (see [`key`]); returns the last effect.
pub fn press(app: &mut App<'_>, keys: &str) -> Option<Effect> {
    let mut last = None;
    for name in keys.split_whitespace() {
        last = handle(app, Event::Key(key(name)));
    }
    last
}

/// Types text into whatever has the keys (the export dialog's field).
pub fn type_text(app: &mut App<'_>, text: &str) {
    for c in text.chars() {
        let _ = handle(
            app,
            Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

/// A left click at a cell.
pub fn click(app: &mut App<'_>, column: u16, row: u16) -> Option<Effect> {
    handle(
        app,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    )
}

/// A wheel turn at a cell.
pub fn wheel(app: &mut App<'_>, column: u16, row: u16, down: bool) {
    let _ = handle(
        app,
        Event::Mouse(MouseEvent {
            kind: if down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            },
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

/// Where something clickable was drawn, at the app's current size.
pub fn hit_rect(app: &App<'_>, hit: Hit) -> Option<ratatui::layout::Rect> {
    app.plan()
        .hits
        .iter()
        .rev()
        .find(|(_, h)| *h == hit)
        .map(|(r, _)| *r)
}

/// Draws one frame at the app's size and returns the terminal.
pub fn draw(app: &App<'_>) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("test terminal");
    terminal.draw(|frame| view(app, frame)).expect("draw");
    terminal
}

/// Resizes the app to `width`×`height` and returns the screen's text, one string per row.
pub fn screen(app: &mut App<'_>, width: u16, height: u16) -> String {
    resize(app, width, height);
    text_of(&draw(app))
}

/// The text of whatever `draw` draws on a `width`×`height` terminal (the quiz's and the
/// presenter's views, which are not the app's), one string per row.
pub fn render(width: u16, height: u16, draw: impl FnOnce(&mut ratatui::Frame<'_>)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(draw).unwrap();
    text_of(&terminal)
}

/// A terminal's text, one string per row.
pub fn text_of(terminal: &Terminal<TestBackend>) -> String {
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

/// The text drawn inside `rect`, rows joined by spaces, white space collapsed.
pub fn text_in(terminal: &Terminal<TestBackend>, rect: ratatui::layout::Rect) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in rect.y..rect.y + rect.height {
        for x in rect.x..rect.x + rect.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The question screen shows the highlighted answer whole, and every other answer it shows
/// only in whole words: checked against the pack's own labels.
pub fn assert_options_readable(app: &App<'_>) {
    let Some(q) = app.session.current_question() else {
        return;
    };
    if app.overlay.is_some() || app.screen != immunity::tui::app::Screen::Walk {
        return;
    }
    let terminal = draw(app);
    let question = app.pack.question(q);
    for (i, option) in question.options.iter().enumerate() {
        let label_words: Vec<&str> = option.label.split_whitespace().collect();
        let Some(rect) = hit_rect(app, Hit::Option(i)) else {
            assert_ne!(
                i,
                app.highlight,
                "the highlighted answer is on screen at {:?}:\n{}",
                app.size,
                text_of(&terminal)
            );
            continue;
        };
        let shown = text_in(&terminal, rect);
        let words: Vec<&str> = shown
            .split_whitespace()
            .filter(|w| !matches!(*w, "▶" | "│" | "█" | "║" | "▲" | "▼"))
            .collect();
        let marker = format!("{}.", i + 1);
        let words: Vec<&str> = words
            .iter()
            .copied()
            .skip_while(|w| *w == marker)
            .take_while(|w| *w != "(your")
            .collect();
        if i == app.highlight {
            assert_eq!(
                words,
                label_words,
                "highlighted answer {} shown whole at {:?}:\n{}",
                i + 1,
                app.size,
                text_of(&terminal)
            );
        } else {
            assert!(
                label_words
                    .windows(words.len().max(1))
                    .any(|w| w == words.as_slice())
                    || words.is_empty(),
                "answer {} shown in whole words at {:?}: {words:?}\n{}",
                i + 1,
                app.size,
                text_of(&terminal)
            );
        }
    }
}

/// Sends a message directly (only for what has no key: resize is a terminal event).
pub fn send(app: &mut App<'_>, message: Message) -> Option<Effect> {
    app.dispatch(message)
}

/// The screen's words in reading order with borders and scrollbars left out, for checking
/// that wrapped text is all there.
pub fn words(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !w.chars().all(|c| "│─┌┐└┘▲▼█║▶▸".contains(c)))
        .collect::<Vec<_>>()
        .join(" ")
}
