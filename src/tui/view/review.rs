//! The review overlay: every answer so far, one step per item, any of which can be changed.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use super::common::{Canvas, big, overlay_block, para};
use super::list;
use crate::matter::Answer;
use crate::tui::app::App;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::wrap::one_line;
use crate::tui::wrap::prefixed;

/// Draws the review with step `selected` highlighted.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, selected: usize, top: usize) {
    let inner = overlay_block(app, c, big(area), "Review your answers");
    let theme = app.theme;
    let note = format!(
        "{}. Changing an answer keeps your later answers wherever the new path still passes through their questions.",
        keymap::hint(
            Context::Review,
            &[(Action::Choose, "changes the highlighted answer")]
        )
    );
    let note_lines = para(&note, theme.dim(), usize::from(inner.width).max(1));
    let note_rows = u16::try_from(note_lines.len() + 1).unwrap_or(u16::MAX);
    if inner.height <= note_rows {
        return;
    }
    let [steps, foot] = inner.layout(&Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(note_rows),
    ]));
    let history = app.session.history();
    if history.is_empty() {
        c.draw(
            Paragraph::new(para(
                "No answers yet.",
                theme.dim(),
                usize::from(steps.width),
            )),
            steps,
        );
    }
    let _ = list::render(c, steps, history.len(), selected, top, |n, max| {
        let step = history[n];
        let question = app.pack.question(step.question);
        let mut lines = prefixed(
            (format!("{}. ", n + 1), theme.text()),
            &[(question.prompt.to_string(), theme.text())],
            max,
        );
        lines.extend(prefixed(
            ("   → ".into(), theme.text()),
            &[(
                question.options[step.option].label.to_string(),
                theme.title(),
            )],
            max,
        ));
        // In a matter: the note, cites and mark written on the answer, and whether they were
        // written for an earlier one.
        if let Some(saved) = app
            .matter
            .as_ref()
            .and_then(|m| m.screening(m.walking?))
            .and_then(|s| s.answer(&question.id))
        {
            lines.extend(annotations(app, saved, max));
        }
        if n == selected {
            lines = lines
                .into_iter()
                .map(|l| l.patch_style(theme.selected()))
                .collect();
        }
        lines
    });
    let foot = Rect {
        y: foot.y + 1,
        height: foot.height - 1,
        ..foot
    };
    c.draw(Paragraph::new(note_lines), foot);
}

/// A saved answer's note, cites and mark, indented under it.
fn annotations(app: &App<'_>, saved: &Answer, max: usize) -> Vec<ratatui::text::Line<'static>> {
    let theme = app.theme;
    let mut lines = Vec::new();
    if saved.is_stale() {
        lines.extend(prefixed(
            ("     ".into(), theme.error()),
            &[(
                format!(
                    "⚠ written for the earlier answer \u{201c}{}\u{201d}",
                    super::matter::earlier_label(app, saved)
                ),
                theme.error(),
            )],
            max,
        ));
    }
    if saved.certainty.is_uncertain() {
        lines.extend(prefixed(
            ("     ".into(), theme.key()),
            &[(format!("Marked {}", saved.certainty), theme.key())],
            max,
        ));
    }
    if let Some(note) = &saved.note {
        lines.extend(prefixed(
            ("     Note: ".into(), theme.dim()),
            &[(one_line(&note.replace('\n', " ")), theme.text())],
            max,
        ));
    }
    if !saved.cites.is_empty() {
        let cites: Vec<String> = saved.cites.iter().map(|c| one_line(c)).collect();
        lines.extend(prefixed(
            ("     Cites: ".into(), theme.dim()),
            &[(cites.join("; "), theme.text())],
            max,
        ));
    }
    lines
}
