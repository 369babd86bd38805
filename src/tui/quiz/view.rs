//! Draws the quiz: the question with its options and the confidence row pinned under them, the
//! reveal, a pattern's end, the summary, the `?` help, and the footer read from the key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::keys::{self, QUIT_WORDS};
use super::{Phase, Quiz};
use crate::report::teacher_key::letter;
use crate::results::words::RevealPart;
use crate::results::{Confidence, Reveal, score, words};
use crate::tui::wrap::one_line;

/// Draws the quiz.
pub fn view(quiz: &Quiz<'_>, frame: &mut Frame<'_>) {
    let area = frame.area();
    let [body, footer] = area.layout(&Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
    ]));
    let title = match quiz.phase {
        Phase::Summary => " Quiz: summary ".to_owned(),
        _ => format!(" Fact pattern {} of {} ", quiz.at + 1, quiz.cases.len()),
    };
    let block = Block::bordered()
        .title(Span::styled(title, quiz.theme.title()))
        .border_style(quiz.theme.border());
    if quiz.help {
        crate::tui::keys::help_panel(
            frame,
            body,
            &quiz.theme,
            keys::help(),
            "Letters choose options in either case; q, c, o, r and n are keys where shown above.",
        );
        render_footer(quiz, frame, footer);
        return;
    }
    let inner = block.inner(body);
    frame.render_widget(block, body);
    // While asking, the confidence row and any message are pinned to the bottom of the box, so
    // on a small screen they never fall below the fold (Enter would seem dead).
    let (inner, pinned) = if quiz.phase == Phase::Asking {
        let pinned = pinned_lines(quiz);
        let rows = u16::try_from(pinned.lines.len()).unwrap_or(1);
        let [text, pin] = inner.layout(&Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(rows),
        ]));
        (text, Some((pin, pinned)))
    } else {
        (inner, None)
    };
    let text = match quiz.phase {
        Phase::Asking => asking(quiz),
        Phase::Revealed(r) => revealed(quiz, r),
        Phase::Ended => ended(quiz),
        Phase::Summary => summary(quiz),
    };
    // Clamp the scroll to the text's wrapped height, so PgDn past the end stops at the end.
    let width = usize::from(inner.width.max(1));
    let heights: Vec<usize> = text
        .lines
        .iter()
        .map(|l| {
            let s: String = l.spans.iter().map(|sp| sp.content.as_ref()).collect();
            textwrap::wrap(&s, width).len().max(1)
        })
        .collect();
    let total: usize = heights.iter().sum();
    let most = u16::try_from(total.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    let mut scroll = quiz.scroll.min(most);
    if quiz.phase == Phase::Asking && quiz.follow_selection {
        // Keep the highlighted option in view: its line is the selected-th after the prompt.
        let line = selected_line(quiz);
        let top: usize = heights.iter().take(line).sum();
        let bottom = top + heights.get(line).copied().unwrap_or(1);
        let shown = usize::from(inner.height);
        let from = usize::from(scroll);
        if bottom > from + shown {
            scroll = u16::try_from(bottom.saturating_sub(shown))
                .unwrap_or(scroll)
                .min(most);
        } else if top < from {
            scroll = u16::try_from(top).unwrap_or(scroll);
        }
    }
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
    if let Some((area, lines)) = pinned {
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
    if scroll < most {
        let note = " more below: PgDn ";
        let x = body.x
            + body
                .width
                .saturating_sub(u16::try_from(note.len()).unwrap_or(0) + 2);
        frame.render_widget(
            Paragraph::new(Span::styled(note, quiz.theme.key())),
            Rect::new(
                x,
                body.y + body.height.saturating_sub(1),
                u16::try_from(note.len()).unwrap_or(0),
                1,
            ),
        );
    }
    render_footer(quiz, frame, footer);
}

fn render_footer(quiz: &Quiz<'_>, frame: &mut Frame<'_>, area: Rect) {
    let slots = keys::footer(quiz.context());
    let slots = crate::tui::keys::fit(slots, area.width, |m| {
        matches!(m, super::Msg::Help | super::Msg::Quit)
    });
    let line = crate::tui::keys::footer_line(&slots, &quiz.theme, |s| {
        if quiz.returns && s.label == QUIT_WORDS {
            "save & back"
        } else {
            s.label
        }
    });
    frame.render_widget(Paragraph::new(line), area);
}

fn facts<'a>(quiz: &Quiz<'a>, lines: &mut Vec<Line<'a>>) {
    let case = &quiz.pack.cases()[quiz.run.case()];
    lines.push(Line::styled("Facts", quiz.theme.title()));
    lines.push(Line::raw(one_line(&case.facts)));
    lines.push(Line::raw(""));
}

fn asking<'a>(quiz: &Quiz<'a>) -> Text<'a> {
    let mut lines = Vec::new();
    facts(quiz, &mut lines);
    let Some(q) = quiz.run.current_question() else {
        return Text::from(lines);
    };
    let question = quiz.pack.question(q);
    lines.push(Line::styled(one_line(&question.prompt), quiz.theme.title()));
    // Which option wins where two could seem to fit is part of the question, not a hint.
    if let Some(instructions) = &question.instructions {
        lines.push(Line::styled(
            format!("How to choose: {}", one_line(instructions)),
            quiz.theme.text(),
        ));
    }
    for (i, o) in question.options.iter().enumerate() {
        let style = if i == quiz.selected {
            quiz.theme.selected()
        } else {
            quiz.theme.text()
        };
        lines.push(Line::styled(
            format!(" {}. {} ", letter(i), one_line(&o.label)),
            style,
        ));
    }
    Text::from(lines)
}

/// The line of `asking`'s text that holds the highlighted option.
fn selected_line(quiz: &Quiz<'_>) -> usize {
    // The facts heading, the facts, a blank line, the prompt, then the options.
    4 + quiz.selected
}

/// The confidence row and the message under it (pinned under the question).
fn pinned_lines<'a>(quiz: &Quiz<'a>) -> Text<'a> {
    let mut spans = vec![Span::raw("Confidence: ")];
    for level in 1..=3u8 {
        let c = Confidence::from_level(level).expect("1 to 3");
        let style = if quiz.confidence == Some(c) {
            quiz.theme.selected()
        } else {
            quiz.theme.text()
        };
        spans.push(Span::styled(format!(" {level} {} ", c.words()), style));
        spans.push(Span::raw(" "));
    }
    let mut lines = vec![Line::from(spans)];
    if let Some(hint) = quiz.hint {
        lines.push(Line::styled(hint, quiz.theme.error()));
    }
    Text::from(lines)
}

fn revealed<'a>(quiz: &Quiz<'a>, r: Reveal) -> Text<'a> {
    let question = quiz.pack.question(r.question);
    let case = &quiz.pack.cases()[quiz.run.case()];
    let theme = quiz.theme;
    // Labels stand in a column: "You answered:  A. …".
    let label = |label: &str| Span::styled(format!("{:<15}", format!("{label}:")), theme.title());
    let mut lines = vec![Line::styled(one_line(&question.prompt), theme.title())];
    for part in words::reveal(quiz.pack, case, &r) {
        match part {
            RevealPart::Option { label: l, option } => lines.push(Line::from(vec![
                label(l),
                Span::raw(format!(
                    "{}. {}",
                    letter(option),
                    one_line(&question.options[option].label)
                )),
            ])),
            RevealPart::Points { label: l, points } => lines.push(Line::from(vec![
                label(l),
                Span::styled(points, theme.outcome()),
            ])),
            RevealPart::Verdict(verdict) => lines.push(Line::styled(verdict, theme.outcome())),
            RevealPart::Text(text) => lines.push(Line::raw(text)),
            RevealPart::Note { heading, note } => {
                lines.push(Line::raw(""));
                lines.push(Line::styled(heading, theme.title()));
                lines.push(Line::raw(note));
            }
            RevealPart::Remark(remark) => lines.push(Line::styled(remark, theme.dim())),
            RevealPart::Excerpt(e) => {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    format!("\u{201c}{}\u{201d}", one_line(&e.quote)),
                    theme.quote(),
                ));
                lines.push(Line::from(vec![
                    Span::raw(format!("\u{2014} {} ", one_line(&e.citation))),
                    Span::styled(
                        format!("[{}]", crate::report::excerpt_badges(&e)),
                        theme.status(e.authority.status),
                    ),
                ]));
            }
        }
    }
    Text::from(lines)
}

/// Shared words ([`words::Said`]) in this screen's styles.
fn styled<'a>(quiz: &Quiz<'a>, said: Vec<words::Said>, lines: &mut Vec<Line<'a>>) {
    for s in said {
        let style = match s.tone {
            words::Tone::Heading => quiz.theme.title(),
            words::Tone::Text => quiz.theme.text(),
            words::Tone::Error => quiz.theme.error(),
            words::Tone::Dim => quiz.theme.dim(),
        };
        lines.push(Line::styled(s.text, style));
    }
}

fn ended<'a>(quiz: &Quiz<'a>) -> Text<'a> {
    let mut lines = Vec::new();
    let p = quiz.run.result();
    let s = score(quiz.pack, &p);
    let end = words::pattern_end(quiz.pack, &p, &s, quiz.run.session().conclusion());
    styled(quiz, end, &mut lines);
    if let Some(hint) = quiz.hint {
        lines.push(Line::styled(hint, quiz.theme.error()));
    }
    Text::from(lines)
}

fn summary<'a>(quiz: &Quiz<'a>) -> Text<'a> {
    let mut lines = Vec::new();
    styled(quiz, words::summary(quiz.pack, &quiz.done), &mut lines);
    lines.push(Line::styled(
        "Press Enter or q to save and leave.",
        Style::default(),
    ));
    Text::from(lines)
}
