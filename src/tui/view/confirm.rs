//! The yes/no confirmations: restart, and quit without exporting.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::common::{Canvas, centered, overlay_block};
use crate::text::sanitize_line;
use crate::tui::app::{App, Confirm};
use crate::tui::keymap::{self, Action, Context};

/// Draws the confirmation `kind`.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, kind: Confirm) {
    let (title, text) = match kind {
        Confirm::Restart if app.matter.is_some() => (
            "Restart?".to_owned(),
            "Start this screening again? Its answers, with their notes and cites, will be cleared from the matter.".to_owned(),
        ),
        Confirm::Restart => (
            "Restart?".to_owned(),
            "Start again from the beginning? Every answer will be forgotten.".to_owned(),
        ),
        Confirm::Quit => (
            "Quit?".to_owned(),
            "The conclusion has not been exported. Quit anyway?".to_owned(),
        ),
        Confirm::Delete(i) => {
            let name = app
                .matter
                .as_ref()
                .and_then(|m| m.screening(i))
                .map(|s| sanitize_line(&s.defendant))
                .unwrap_or_default();
            (
                "Delete?".to_owned(),
                format!(
                    "Delete screening {} ({name}) with its answers, notes and cites?",
                    i + 1
                ),
            )
        }
    };
    let rows = if matches!(kind, Confirm::Delete(_)) {
        8
    } else {
        7
    };
    let inner = overlay_block(app, c, centered(area, 56, rows), &title);
    let keys = match kind {
        Confirm::Delete(_) => keymap::hint(
            Context::Delete,
            &[(Action::Yes, "delete"), (Action::No, "keep it")],
        ),
        _ => keymap::hint(
            Context::Confirm,
            &[(Action::Yes, "yes"), (Action::No, "no")],
        ),
    };
    let lines = vec![
        Line::raw(text),
        Line::raw(""),
        Line::styled(keys, app.theme.key()),
    ];
    c.draw(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
