//! A form of text fields: the matter's caption, a screening's defendant and act, an answer's
//! note and record cites. The field with the cursor has the focused border; the hints come
//! from the keymap.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::common::{Canvas, centered, overlay_block};
use crate::text::sanitize_line;
use crate::tui::app::App;
use crate::tui::form::Form;
use crate::tui::keymap::{self, Action, Context};

/// Rows of a note field's box (with its borders).
const NOTE_ROWS: u16 = 7;

/// Draws the form.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, form: &Form) {
    let theme = app.theme;
    let fields: u16 = form
        .fields
        .iter()
        .map(|f| 1 + if f.multiline { NOTE_ROWS } else { 3 })
        .sum();
    let width = area.width.saturating_sub(4).min(90);
    let rect = centered(area, width, fields + 7);
    let inner = overlay_block(app, c, rect, &sanitize_line(&form.title));
    let mut constraints = vec![Constraint::Length(2)];
    for f in &form.fields {
        constraints.push(Constraint::Length(1));
        // A note's box gives way first when the terminal is short.
        constraints.push(if f.multiline {
            Constraint::Min(3)
        } else {
            Constraint::Length(3)
        });
    }
    constraints.push(Constraint::Length(2));
    let rows = Layout::vertical(constraints).split(inner);
    c.draw(
        Paragraph::new(Line::styled(sanitize_line(&form.intro), theme.text()))
            .wrap(Wrap { trim: true }),
        rows[0],
    );
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        c.draw(
            Paragraph::new(Line::styled(
                format!("{}{}", if focused { "▸ " } else { "  " }, field.label),
                if focused { theme.title() } else { theme.text() },
            )),
            rows[1 + 2 * i],
        );
        let mut area = field.area.clone();
        area.set_block(Block::bordered().border_style(if focused {
            theme.focused_border()
        } else {
            theme.border()
        }));
        area.set_cursor_style(if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        });
        c.draw(&area, rows[2 + 2 * i]);
    }
    let last = rows[rows.len() - 1];
    let (text, style) = match &form.error {
        Some(e) => (sanitize_line(e), theme.error()),
        None => (
            keymap::hint(
                Context::Form,
                &[
                    (Action::Submit, "save"),
                    (Action::NextPanel, "next field"),
                    (Action::Close, "cancel"),
                ],
            ),
            theme.key(),
        ),
    };
    c.draw(
        Paragraph::new(Line::styled(text, style)).wrap(Wrap { trim: true }),
        last,
    );
}
