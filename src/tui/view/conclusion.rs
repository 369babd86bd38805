//! The conclusion screen. Everything on it comes from the [`Report`] the exports write, so the
//! screen and the files say the same thing in the same words.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use super::common::{Canvas, Follow, authority, header, heading, para, text_panel};
use crate::report::{Report, comparison_words};
use crate::tui::app::{App, Panel};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::wrap::{prefixed, width, wrap};

/// Draws the conclusion screen.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect) {
    let head_rows = if area.height >= 20 { 3 } else { 2 };
    let [head, body] = area.layout(&Layout::vertical([
        Constraint::Length(head_rows),
        Constraint::Min(1),
    ]));
    header(app, c, head, "Conclusion");
    let Some(report) = &app.report else {
        return;
    };
    text_panel(
        app,
        c,
        body,
        "Conclusion",
        Panel::Conclusion,
        Follow::Offset,
        |max| lines(app, report, max),
    );
}

fn lines(app: &App<'_>, report: &Report, max: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let conclusion = &report.conclusion;
    let label = conclusion.outcome_label.to_uppercase();
    let mut lines = Vec::new();
    // The outcome, big and clear: a reversed band three lines high.
    let pad = max.saturating_sub(width(&label)) / 2;
    let band = " ".repeat(max);
    lines.push(Line::styled(band.clone(), theme.outcome()));
    lines.push(Line::styled(
        format!(
            "{}{label}{}",
            " ".repeat(pad),
            " ".repeat(max.saturating_sub(pad + width(&label)))
        ),
        theme.outcome(),
    ));
    lines.push(Line::styled(band, theme.outcome()));
    lines.push(Line::raw(""));
    lines.extend(heading(app, &conclusion.title, max));
    lines.extend(para(&conclusion.summary, theme.text(), max));
    lines.extend(super::matter::conclusion_lines(app, max));
    lines.extend(case_lines(app, report, max));
    lines.push(Line::raw(""));
    lines.extend(heading(app, "Why", max));
    lines.extend(para(&conclusion.reasoning, theme.text(), max));
    for cited in &conclusion.authorities {
        lines.extend(prefixed(
            ("  • ".into(), theme.text()),
            &authority(app, cited),
            max,
        ));
    }
    lines.push(Line::raw(""));
    lines.extend(heading(app, "Your reasoning, step by step", max));
    for step in &report.path {
        lines.extend(prefixed(
            (format!("{}. ", step.number), theme.text()),
            &[(step.prompt.clone(), theme.text())],
            max,
        ));
        lines.extend(prefixed(
            ("   → ".into(), theme.text()),
            &[(step.label.clone(), theme.title())],
            max,
        ));
        if let Some(note) = &step.note {
            lines.extend(wrap(&[(note.clone(), theme.text())], max, 3));
        }
        for cited in &step.authorities {
            lines.extend(prefixed(
                ("   • ".into(), theme.text()),
                &authority(app, cited),
                max,
            ));
        }
    }
    if !conclusion.caveats.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(heading(app, "Caveats", max));
        for caveat in &conclusion.caveats {
            lines.extend(prefixed(
                ("• ".into(), theme.text()),
                &[(caveat.clone(), theme.text())],
                max,
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.extend(para(&report.disclaimer, theme.text(), max));
    lines.extend(para(
        &format!("Law checked to {}.", report.pack.law_checked),
        theme.dim(),
        max,
    ));
    lines.push(Line::raw(""));
    let exported = if app.exported { " (exported)" } else { "" };
    let actions = keymap::hint(
        Context::Conclusion,
        &[
            (Action::Export, "export"),
            (Action::Review, "review"),
            (Action::Restart, "restart"),
            (Action::Back, "back"),
            (Action::Quit, "quit"),
        ],
    );
    lines.extend(para(
        &format!("Actions{exported}: {actions}"),
        theme.dim(),
        max,
    ));
    lines
}

/// For a fact pattern: whether the walk reached the court's result, where it left the
/// court's path, and what the court held, as the report's comparison says.
fn case_lines(app: &App<'_>, report: &Report, max: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let mut lines = Vec::new();
    let Some(f) = &report.fact_pattern else {
        return lines;
    };
    lines.push(Line::raw(""));
    lines.extend(heading(app, &format!("Fact pattern: {}", f.title), max));
    // The comparison in the core's words, as the line mode and every export say it.
    let words = comparison_words(f);
    lines.extend(para(&words.verdict, theme.title(), max));
    lines.extend(para(&words.path, theme.text(), max));
    lines.extend(wrap(
        &[
            ("What the court held: ".into(), theme.title()),
            (f.holding.clone(), theme.text()),
        ],
        max,
        0,
    ));
    if let Some(cited) = &f.authority {
        lines.extend(prefixed(
            ("  • ".into(), theme.text()),
            &authority(app, cited),
            max,
        ));
    }
    lines
}
