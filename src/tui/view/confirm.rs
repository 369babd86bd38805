//! The yes/no confirmations: restart, and quit without exporting.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::common::{Canvas, centered, overlay_block};
use crate::tui::app::{App, Confirm};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::matter::Leave;

/// Draws the confirmation `kind`.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, kind: Confirm) {
    let (title, text) = match kind {
        Confirm::Restart if app.matter.is_some() => (
            "Restart?".to_owned(),
            "Back to the first question? Every answer is kept, with its notes and cites; answer differently where you want a change.".to_owned(),
        ),
        Confirm::Restart => (
            "Restart?".to_owned(),
            "Start again from the beginning? Every answer will be forgotten.".to_owned(),
        ),
        Confirm::Quit => (
            "Quit?".to_owned(),
            "The conclusion has not been exported. Quit anyway?".to_owned(),
        ),
        Confirm::Discard(to) => {
            let lost = app.unsaved_changes();
            let lost = if lost.is_empty() {
                "the walk's last change".to_owned()
            } else {
                lost.join("; ")
            };
            let whither = match to {
                Leave::Screenings => "Back to the screenings",
                Leave::Quit => "Quit",
            };
            (
                "Not saved".to_owned(),
                format!(
                    "The matter file could not be written. {whither} anyway, losing: {lost}? Enter stays (the next key saves again)."
                ),
            )
        }
        Confirm::NoteOnLast => {
            let which = app
                .last_answer_target()
                .map(|(_, id)| crate::tui::matter::answer_name(&app.session, &id))
                .unwrap_or_default();
            (
                "Which answer is the note for?".to_owned(),
                format!(
                    "The question on screen is not answered yet. Write the note on the last answer, {which}? Otherwise answer this question first, then press n."
                ),
            )
        }
        Confirm::Delete(i) => {
            let name = app.screening_name(i);
            (
                "Delete?".to_owned(),
                format!(
                    "Delete screening {} ({name}) with its answers, notes and cites?",
                    i + 1
                ),
            )
        }
    };
    let rows = match kind {
        Confirm::Discard(_) => 11,
        Confirm::Delete(_) | Confirm::NoteOnLast => 9,
        _ => 7,
    };
    let inner = overlay_block(app, c, centered(area, 56, rows), &title);
    let keys = match kind {
        Confirm::Delete(_) => keymap::hint(
            Context::Delete,
            &[(Action::Yes, "delete"), (Action::No, "keep it")],
        ),
        Confirm::Discard(_) => keymap::hint(
            Context::Delete,
            &[(Action::Yes, "leave unsaved"), (Action::No, "stay")],
        ),
        Confirm::NoteOnLast => keymap::hint(
            Context::Confirm,
            &[(Action::Yes, "the last answer"), (Action::No, "not now")],
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
