//! A form of text fields: the matter's caption, a screening's defendant and act, an answer's
//! note and record cites. The field with the cursor has the focused border; the hints come
//! from the keymap.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::common::{Canvas, centered, overlay_block};
use crate::tui::app::App;
use crate::tui::form::{Field, Form};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::wrap::one_line;

/// Rows of a note field's box (with its borders).
const NOTE_ROWS: u16 = 7;

/// Draws the form. Each field has its label above a bordered box; when that does not fit (the
/// matter's six details at 80×24), one-line fields take one row each, label beside the text.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, form: &Form) {
    let theme = app.theme;
    let boxed: u16 = form
        .fields
        .iter()
        .map(|f| 1 + if f.multiline { NOTE_ROWS } else { 3 })
        .sum();
    let compact = boxed + 6 > area.height;
    let rows_needed: u16 = if compact {
        form.fields
            .iter()
            .map(|f| if f.multiline { 1 + NOTE_ROWS } else { 1 })
            .sum()
    } else {
        boxed
    };
    let width = area.width.saturating_sub(4).min(90);
    let intro_rows = intro_rows(app, form, width);
    let rect = centered(area, width, rows_needed + 4 + intro_rows);
    let inner = overlay_block(app, c, rect, &one_line(&form.title));
    let mut constraints = vec![Constraint::Length(intro_rows)];
    for f in &form.fields {
        if compact && !f.multiline {
            constraints.push(Constraint::Length(1));
            continue;
        }
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
        Paragraph::new(Line::styled(one_line(&form.intro), theme.text())).wrap(Wrap { trim: true }),
        rows[0],
    );
    // The marker, the longest one-line label and a space, at most two fifths of the width.
    let label_width = form
        .fields
        .iter()
        .filter(|f| !f.multiline)
        .map(|f| u16::try_from(f.label.chars().count() + 3).unwrap_or(u16::MAX))
        .max()
        .unwrap_or(0)
        .min(inner.width * 2 / 5);
    let mut row = 1;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if compact && !field.multiline {
            one_row(app, c, rows[row], field, focused, label_width);
            row += 1;
            continue;
        }
        let label = Line::styled(
            format!("{}{}", if focused { "▸ " } else { "  " }, field.label),
            if focused { theme.title() } else { theme.text() },
        );
        c.draw(Paragraph::new(label), rows[row]);
        let block = Block::bordered().border_style(if focused {
            theme.focused_border()
        } else {
            theme.border()
        });
        let inside = block.inner(rows[row + 1]);
        c.draw(block, rows[row + 1]);
        if focused {
            // The field itself, not a copy: a wrapped note keeps its scroll position (and the
            // width it wraps at) from frame to frame.
            c.draw(&field.area, inside);
        } else {
            let mut text = field.area.clone();
            text.set_cursor_style(cursor(false));
            c.draw(&text, inside);
        }
        row += 2;
    }
    let last = rows[rows.len() - 1];
    let (text, style) = match &form.error {
        Some(e) => (one_line(e), theme.error()),
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

/// The intro as tall as it wraps in a form `width` wide, two to five rows (a flagged note's
/// choices are in it).
fn intro_rows(app: &App<'_>, form: &Form, width: u16) -> u16 {
    let lines = crate::tui::wrap::wrap(
        &[(one_line(&form.intro), app.theme.text())],
        usize::from(width.saturating_sub(4)).max(1),
        0,
    );
    u16::try_from(lines.len()).unwrap_or(5).clamp(2, 5)
}

/// The cursor of the field being typed in; the others show none.
fn cursor(focused: bool) -> Style {
    if focused {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    }
}

/// A one-line field on one row: its label in a column of `label_width` (cut with "…" when
/// longer, a space kept before the text), then the text.
fn one_row(
    app: &App<'_>,
    c: &mut Canvas<'_>,
    area: Rect,
    field: &Field,
    focused: bool,
    label_width: u16,
) {
    let theme = app.theme;
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Length(label_width),
        Constraint::Min(1),
    ]));
    let room = usize::from(label_width.saturating_sub(3));
    let short: String = if field.label.chars().count() > room {
        let cut: String = field.label.chars().take(room.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        field.label.to_owned()
    };
    let label = Line::styled(
        format!("{}{short}", if focused { "▸ " } else { "  " }),
        if focused { theme.title() } else { theme.text() },
    );
    c.draw(Paragraph::new(label), left);
    let mut text = field.area.clone();
    text.set_cursor_style(cursor(focused));
    text.set_style(if focused {
        theme.selected()
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    });
    c.draw(&text, right);
}
