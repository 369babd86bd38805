//! What sits under presenter mode's options once asked for: the tally being typed (masked),
//! the chart, and on reveal the court's answer, its note and the grounding excerpt.

use ratatui::text::{Line, Span, Text};

use super::Present;
use crate::report::grounds::first_excerpt;
use crate::report::teacher_key::letter;
use crate::report::{cite_excerpt, excerpt_badges};
use crate::results::score::{PathPlace, path_place};
use crate::tui::present_live::tally_lines;
use crate::tui::wrap::one_line;

/// What sits under the options once asked for: the tally being typed (masked), the chart,
/// the court's answer with the notes and the excerpt.
pub(super) fn details<'a>(p: &Present<'a>, q: usize, court: Option<usize>) -> Text<'a> {
    let question = p.pack.question(q);
    let mut lines = Vec::new();
    if let Some(at) = p.typing {
        let cells: Vec<Span<'_>> = p
            .tally
            .iter()
            .enumerate()
            .flat_map(|(i, &c)| {
                let masked = "\u{2022}".repeat(c.to_string().len().max(usize::from(c > 0)));
                let style = if i == at {
                    p.theme.selected()
                } else {
                    p.theme.text()
                };
                [
                    Span::styled(format!(" {}: {masked} ", letter(i)), style),
                    Span::raw(" "),
                ]
            })
            .collect();
        lines.push(Line::from(cells));
    } else if p.chart {
        lines.extend(tally_lines(p.counts(), court, p.revealed, 30, &p.theme));
    } else if p.live.is_none() && p.tally.iter().any(|&c| c > 0) {
        lines.push(Line::styled(
            " The room's answers are in (v shows them).",
            p.theme.dim(),
        ));
    }
    if p.revealed {
        let case = p.case.map(|i| &p.pack.cases()[i]);
        // Off the court's path the reveal says so, rather than show an answer as the court's.
        match case.map(|c| path_place(p.pack, c, p.session.history(), q)) {
            Some(PathPlace::AfterLeaving { left_at }) => lines.push(Line::styled(
                format!(
                    " The room left the court's path at question {left_at}; the court's path \
                     asks this question too."
                ),
                p.theme.dim(),
            )),
            Some(PathPlace::OffCourt { left_at }) => lines.push(Line::styled(
                match left_at {
                    Some(n) => format!(
                        " The court's path does not ask this question: the room left it at \
                         question {n}."
                    ),
                    None => " The court's path does not ask this question.".to_owned(),
                },
                p.theme.dim(),
            )),
            Some(PathPlace::OnCourt) | None => {}
        }
        let shown = court.unwrap_or(p.selected);
        if let Some(c) = court {
            lines.push(Line::styled(
                format!(
                    " The court: {}. {}",
                    letter(c),
                    one_line(&question.options[c].label)
                ),
                p.theme.outcome(),
            ));
        } else if p.case.is_some() {
            lines.push(Line::styled(
                " The court never reached this question: the room has left the court's path.",
                p.theme.outcome(),
            ));
        }
        if let Some(note) = &question.options[shown].note {
            lines.push(Line::raw(format!(" {}", one_line(note))));
        }
        // The passage that grounds the court's answer in this case first (report::grounds).
        if let Some(e) = first_excerpt(p.pack, case, q).and_then(|e| cite_excerpt(p.pack, e)) {
            // The citation and its status first: on a small screen the quote may be cut, the
            // status never.
            lines.push(Line::raw(format!(
                " {} [{}]:",
                one_line(&e.citation),
                excerpt_badges(&e)
            )));
            lines.push(Line::styled(
                format!(" \u{201c}{}\u{201d}", one_line(&e.quote)),
                p.theme.quote(),
            ));
        }
    }
    Text::from(lines)
}
