//! The yes/no confirmations: restart, and quit without exporting.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::common::{Canvas, centered, overlay_block};
use crate::tui::app::{App, Confirm};
use crate::tui::keymap::{self, Action, Context};

/// Draws the confirmation `kind`.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, kind: Confirm) {
    let (title, text) = match kind {
        Confirm::Restart => (
            "Restart?",
            "Start again from the beginning? Every answer will be forgotten.",
        ),
        Confirm::Quit => (
            "Quit?",
            "The conclusion has not been exported. Quit anyway?",
        ),
    };
    let inner = overlay_block(app, c, centered(area, 56, 7), title);
    let keys = keymap::hint(
        Context::Confirm,
        &[(Action::Yes, "yes"), (Action::No, "no")],
    );
    let lines = vec![
        Line::raw(text),
        Line::raw(""),
        Line::styled(keys, app.theme.key()),
    ];
    c.draw(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
