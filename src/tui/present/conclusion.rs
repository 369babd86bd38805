//! Presenter mode's conclusion screen (the outcome in big letters, the court's holding once
//! revealed, where the room's majority left the court's path) and its map.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::Present;
use crate::report::teacher_key::letter;
use crate::tui::big::BigText;
use crate::tui::wrap::one_line;

pub(super) fn conclusion(p: &Present<'_>, frame: &mut Frame<'_>, area: Rect, c: usize) {
    let c = p.pack.conclusion(c);
    let inner = p.theme.framed(frame, area, " Conclusion ");
    let outcome = one_line(p.pack.outcome_label(&c.outcome));
    let large = inner.width >= 100 && inner.height >= 20;
    let [head, rest] = inner.layout(&Layout::vertical([
        Constraint::Length(if large { 5 } else { 2 }),
        Constraint::Min(1),
    ]));
    if large {
        frame.render_widget(BigText::new(&outcome.to_uppercase(), p.theme.title()), head);
    } else {
        frame.render_widget(
            Paragraph::new(Line::styled(outcome.to_uppercase(), p.theme.selected())),
            head,
        );
    }
    let mut lines = vec![
        Line::styled(one_line(&c.title), p.theme.title()),
        Line::raw(one_line(&c.summary)),
        Line::raw(""),
    ];
    if !p.queue.is_empty() {
        lines.push(Line::styled(
            format!(
                "Enter or n: the next fact pattern ({} more).",
                p.queue.len()
            ),
            p.theme.key(),
        ));
        lines.push(Line::raw(""));
    }
    if let Some(case) = p.case.map(|i| &p.pack.cases()[i]) {
        if p.revealed {
            lines.push(Line::styled(
                format!("The court: {}", one_line(&case.citation)),
                p.theme.title(),
            ));
            lines.push(Line::raw(one_line(&case.holding)));
            lines.push(Line::raw(""));
            lines.push(Line::raw(match p.majority_departure() {
                Some((step, room, court)) => format!(
                    "The room's result differs from the court's at question {step}: most of \
                     the room answered {}, the court {}.",
                    letter(room),
                    letter(court)
                ),
                None if p.room_counts.is_empty() => "No room answers were tallied.".to_owned(),
                None => "The room's majority stayed on the court's path at every question \
                         tallied."
                    .to_owned(),
            }));
        } else {
            lines.push(Line::styled(
                "The court's holding is hidden (r reveals it).",
                p.theme.dim(),
            ));
        }
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: true }),
        rest,
    );
}

/// The map: every question in file order, the ones on the current path lit (reverse video and
/// a marker, so it reads without colour), each with the answer given.
pub(super) fn map(p: &Present<'_>, frame: &mut Frame<'_>, area: Rect) {
    let inner = p.theme.framed(frame, area, " Map: the path so far is lit ");
    let current = p.session.current_question();
    let mut lines = Vec::new();
    for (i, q) in p.pack.questions().iter().enumerate() {
        let step = p.session.history().iter().position(|s| s.question == i);
        let (marker, style, answer) = match step {
            Some(n) => {
                let o = p.session.history()[n].option;
                (
                    format!("{:>2} \u{25b6}", n + 1),
                    p.theme.selected(),
                    format!(" \u{2192} {}. {}", letter(o), one_line(&q.options[o].label)),
                )
            }
            None if current == Some(i) => (
                "   \u{25b7}".to_owned(),
                p.theme.title(),
                " (now)".to_owned(),
            ),
            None => ("    ".to_owned(), p.theme.dim(), String::new()),
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{marker} ")),
            Span::styled(format!("{}{answer}", one_line(&q.prompt)), style),
        ]));
    }
    if let Some(c) = p.session.conclusion() {
        lines.push(Line::styled(
            format!("     \u{21d2} {}", one_line(&p.pack.conclusion(c).title)),
            p.theme.selected(),
        ));
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: true }),
        inner,
    );
}
