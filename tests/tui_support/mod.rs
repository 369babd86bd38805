//! Shared helpers for the TUI tests: the fixture pack, an app driven by messages, and frames
//! drawn on `TestBackend`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use immunity::pack::{FileSet, Pack, load};
use immunity::tui::app::{App, Message};
use immunity::tui::keymap::Action;
use immunity::tui::{Theme, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The small, stable pack the snapshots are written against.
pub fn fixture_pack() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-pack");
    let files = FileSet::from_dir(&dir).expect("fixture pack readable");
    load(&files).expect("fixture pack valid").0
}

/// The pack bundled in the binary.
pub fn bundled_pack() -> Pack {
    let files = FileSet::bundled("judicial-immunity").expect("bundled pack present");
    load(&files).expect("bundled pack valid").0
}

/// A colourless app (stable snapshots) exporting into `cwd`.
pub fn app(pack: &Pack, cwd: PathBuf) -> App<'_> {
    App::new(pack, Theme::new(false), cwd)
}

/// Sends actions in order.
pub fn press(app: &mut App<'_>, actions: &[Action]) {
    for &action in actions {
        let _ = app.dispatch(Message::Action(action));
    }
}

/// Draws one frame and returns the terminal (its backend prints as the screen text).
pub fn draw(app: &App<'_>, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| view(app, frame)).expect("draw");
    terminal
}

/// The screen's text, one string per row.
pub fn screen(app: &App<'_>, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
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
