//! Draws presenter mode: the live side panel, one question filling the screen (big letters
//! where the room can read them), the footer and the `?` screen read from the key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::Present;
use super::conclusion::{conclusion, map};
use super::reveal::details;
use crate::pack::Node;
use crate::report::teacher_key::letter;
use crate::tui::big::BigText;
use crate::tui::present_live::panel;
use crate::tui::wrap::one_line;

/// The side panel's width in live mode, when the screen is wide enough for one.
const PANEL: u16 = 44;

/// Draws presenter mode.
pub fn view(p: &Present<'_>, frame: &mut Frame<'_>) {
    let [body, footer] = frame.area().layout(&Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
    ]));
    let body = match &p.live {
        Some(live) if body.width >= 100 => {
            let [main, side] = body.layout(&Layout::horizontal([
                Constraint::Min(1),
                Constraint::Length(PANEL),
            ]));
            let court = p
                .session
                .current_question()
                .and_then(|q| p.court.get(&q).copied());
            panel(live, frame, side, court, p.revealed, &p.theme);
            main
        }
        Some(live) => {
            // Too narrow for a panel: the address and the counts on one line above.
            let [top, main] = body.layout(&Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(1),
            ]));
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(live.address.clone(), p.theme.title()),
                    Span::raw(format!("  {}", live.status())),
                ])),
                top,
            );
            main
        }
        None => body,
    };
    if p.help {
        crate::tui::keys::help_panel(
            frame,
            body,
            &p.theme,
            super::keys::help(p.live.is_some()),
            "Letters choose options in either case; a letter that is a key above never does \
             (the arrows reach its option).",
        );
    } else if p.map {
        map(p, frame, body);
    } else {
        match p.session.current() {
            Node::Question(q) => question(p, frame, body, q),
            Node::Conclusion(c) => conclusion(p, frame, body, c),
        }
    }
    // What does not fit is left out from the end of the table, but `?` (which lists every key)
    // and quit are always there.
    let slots = crate::tui::keys::fit(super::keys::footer(p.context()), footer.width, |m| {
        matches!(m, super::Msg::Help | super::Msg::Quit)
    });
    frame.render_widget(
        Paragraph::new(crate::tui::keys::footer_line(&slots, &p.theme, |s| s.label)),
        footer,
    );
}

/// Big letters only where they can be read and still leave room for the labels.
pub(super) fn big(area: Rect, options: usize) -> bool {
    area.width >= 100 && usize::from(area.height) >= 16 + 5 * options
}

/// Rows `text` takes when wrapped to `width` columns (at least one).
pub(super) fn rows(text: &str, width: u16) -> u16 {
    let lines = textwrap::wrap(text, usize::from(width.max(1))).len().max(1);
    u16::try_from(lines).unwrap_or(u16::MAX)
}

pub(super) fn question(p: &Present<'_>, frame: &mut Frame<'_>, area: Rect, q: usize) {
    let question = p.pack.question(q);
    let step = p.session.history().len() + 1;
    let inner = p.theme.framed(frame, area, &format!(" Question {step} "));
    let court = p.court.get(&q).copied();
    let facts = p
        .case
        .map(|i| one_line(&p.pack.cases()[i].facts))
        .unwrap_or_default();
    let prompt = one_line(&question.prompt);
    // Which option wins where two could seem to fit: the room reads it with the question.
    let how = how_to_choose(question);
    let option_count = question.options.len();
    let large = big(inner, option_count);
    let labels: Vec<String> = question
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mark = if p.revealed && court == Some(i) {
                "  \u{25c0} the court"
            } else {
                ""
            };
            format!("{}{mark}", one_line(&o.label))
        })
        .collect();
    let label_width = inner.width.saturating_sub(if large { 8 } else { 4 });
    let heights: Vec<u16> = labels
        .iter()
        .map(|label| {
            let height = rows(label, label_width);
            if large { height.max(4) + 1 } else { height }
        })
        .collect();
    let facts_rows = if facts.is_empty() {
        0
    } else {
        rows(&facts, inner.width) + 1
    };
    let how_rows = how.as_deref().map_or(0, |how| rows(how, inner.width));
    let prompt_rows = rows(&prompt, inner.width) + how_rows + 1;
    let mut constraints = vec![
        Constraint::Length(facts_rows),
        Constraint::Length(prompt_rows),
    ];
    constraints.extend(heights.iter().map(|&h| Constraint::Length(h)));
    constraints.push(Constraint::Min(0));
    let needed: u16 = facts_rows + prompt_rows + heights.iter().sum::<u16>();
    if needed > inner.height || p.scroll > 0 {
        // Too much for one screen: one scrolling column instead of a layout that would cut
        // the facts or the last options.
        scrolled(p, frame, area, inner, q, court, &labels);
        return;
    }
    let areas = inner.layout_vec(&Layout::vertical(constraints));
    if !facts.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(facts, p.theme.dim())).wrap(Wrap { trim: true }),
            areas[0],
        );
    }
    let mut prompt_lines = vec![Line::styled(
        prompt,
        p.theme.title().add_modifier(Modifier::UNDERLINED),
    )];
    if let Some(how) = how {
        prompt_lines.push(Line::styled(how, p.theme.text()));
    }
    frame.render_widget(
        Paragraph::new(Text::from(prompt_lines)).wrap(Wrap { trim: true }),
        areas[1],
    );
    for (i, label) in labels.iter().enumerate() {
        option_row(p, frame, areas[2 + i], i, label, large);
    }
    if p.revealed || p.chart || p.typing.is_some() || p.tally.iter().any(|&c| c > 0) {
        let detail = areas[2 + option_count];
        let text = details(p, q, court);
        let width = detail.width.max(1);
        let needed: u16 = text
            .lines
            .iter()
            .map(|l| {
                let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                rows(&t, width)
            })
            .fold(0, u16::saturating_add);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), detail);
        if needed > detail.height && detail.height > 0 {
            // Never a silently cut tally: say what is below and how to see it.
            let note = format!(
                " {} more rows below: PgDn {:w$}",
                needed - detail.height + 1,
                "",
                w = usize::from(detail.width)
            );
            let last = Rect::new(detail.x, detail.y + detail.height - 1, detail.width, 1);
            frame.render_widget(Paragraph::new(Span::styled(note, p.theme.key())), last);
        }
    }
}

/// "How to choose: …" when the question says which option wins where two could seem to fit.
pub(super) fn how_to_choose(question: &crate::pack::Question) -> Option<String> {
    question
        .instructions
        .as_deref()
        .map(|i| format!("How to choose: {}", one_line(i)))
}

/// The question screen as one scrolling column (PgDn/PgUp), for when it does not fit.
pub(super) fn scrolled(
    p: &Present<'_>,
    frame: &mut Frame<'_>,
    area: Rect,
    inner: Rect,
    q: usize,
    court: Option<usize>,
    labels: &[String],
) {
    let question = p.pack.question(q);
    let mut lines: Vec<Line<'_>> = Vec::new();
    if let Some(i) = p.case {
        lines.push(Line::styled(
            one_line(&p.pack.cases()[i].facts),
            p.theme.dim(),
        ));
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        one_line(&question.prompt),
        p.theme.title().add_modifier(Modifier::UNDERLINED),
    ));
    if let Some(how) = how_to_choose(question) {
        lines.push(Line::styled(how, p.theme.text()));
    }
    lines.push(Line::raw(""));
    for (i, label) in labels.iter().enumerate() {
        let style = if i == p.selected {
            p.theme.selected()
        } else {
            p.theme.text()
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {} ", letter(i)),
                style.add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!(" {label}"), style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(details(p, q, court).lines);
    let width = inner.width.max(1);
    let total: u16 = lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            rows(&text, width)
        })
        .fold(0, u16::saturating_add);
    let most = total.saturating_sub(inner.height);
    let scroll = p.scroll.min(most);
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0)),
        inner,
    );
    if scroll < most {
        let note = " more below: PgDn ";
        let width = u16::try_from(note.len()).unwrap_or(0);
        let x = area.x + area.width.saturating_sub(width + 2);
        frame.render_widget(
            Paragraph::new(Span::styled(note, p.theme.key())),
            Rect::new(x, area.y + area.height.saturating_sub(1), width, 1),
        );
    }
}

/// One option: its letter (big when `large`) and its label, highlighted when chosen.
pub(super) fn option_row(
    p: &Present<'_>,
    frame: &mut Frame<'_>,
    row: Rect,
    i: usize,
    label: &str,
    large: bool,
) {
    let style = if i == p.selected {
        p.theme.selected()
    } else {
        p.theme.text()
    };
    if large {
        let [letter_area, text_area] = row.layout(&Layout::horizontal([
            Constraint::Length(8),
            Constraint::Min(1),
        ]));
        frame.render_widget(BigText::new(&letter(i), style), letter_area);
        frame.render_widget(
            Paragraph::new(Span::styled(label.to_owned(), style)).wrap(Wrap { trim: true }),
            text_area,
        );
    } else {
        let [letter_area, text_area] = row.layout(&Layout::horizontal([
            Constraint::Length(4),
            Constraint::Min(1),
        ]));
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {} ", letter(i)),
                style.add_modifier(Modifier::BOLD),
            )),
            letter_area,
        );
        frame.render_widget(
            Paragraph::new(Span::styled(label.to_owned(), style)).wrap(Wrap { trim: true }),
            text_area,
        );
    }
}
