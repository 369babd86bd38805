//! The export dialog: the format, the file name, and what happened on the last attempt. Every
//! hint comes from the keymap.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::common::{Canvas, centered, overlay_block};
use crate::tui::app::App;
use crate::tui::export_dialog::{ExportDialog, Stage};
use crate::tui::keymap::{self, Action, Context};

/// Draws the dialog.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, dialog: &ExportDialog) {
    let theme = app.theme;
    let rows = u16::try_from(dialog.formats.len()).unwrap_or(4);
    let rect = centered(area, 72, 11 + rows);
    let title = if dialog.is_memo() {
        "Export the screening memo"
    } else {
        "Export the conclusion"
    };
    let inner = overlay_block(app, c, rect, title);
    let [formats, path_label, path, message] = inner.layout(&Layout::vertical([
        Constraint::Length(1 + rows),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(1),
    ]));
    let change = format!(
        "{}/{}",
        keymap::keys_for(Context::Export, Action::Up).unwrap_or_default(),
        keymap::keys_for(Context::Export, Action::Down).unwrap_or_default()
    );
    let mut lines = vec![Line::styled(
        format!("Format ({change} to change):"),
        theme.title(),
    )];
    for (i, (_, name, ext)) in dialog.formats.iter().enumerate() {
        let on = i == dialog.format;
        let line = Line::raw(format!(
            "  {} {name} (.{ext})",
            if on { "(•)" } else { "( )" }
        ));
        lines.push(if on {
            line.patch_style(theme.selected())
        } else {
            line
        });
    }
    c.draw(Paragraph::new(lines), formats);
    c.draw(
        Paragraph::new(Line::styled(
            format!(
                "File (relative to the current folder; {} clears):",
                keymap::keys_for(Context::Export, Action::ClearField).unwrap_or_default()
            ),
            theme.title(),
        )),
        path_label,
    );
    let mut field = dialog.path.clone();
    field.set_block(Block::bordered().border_style(theme.focused_border()));
    field.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    c.draw(&field, path);
    let (text, style) = match (&dialog.stage, &dialog.error) {
        (Stage::ConfirmOverwrite(p), _) => (
            format!(
                "{} already exists. Overwrite it? ({})",
                crate::text::Clean::line(&p.display().to_string()).into_string(),
                keymap::hint(
                    Context::Overwrite,
                    &[(Action::Yes, "overwrite"), (Action::No, "keep it")]
                )
            ),
            theme.error(),
        ),
        (Stage::Editing, Some(error)) => (
            format!(
                "Could not export: {}",
                crate::text::Clean::line(error).into_string()
            ),
            theme.error(),
        ),
        (Stage::Editing, None) => (String::new(), Style::default()),
    };
    c.draw(
        Paragraph::new(Line::styled(text, style)).wrap(Wrap { trim: true }),
        message,
    );
}
