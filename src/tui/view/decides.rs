//! The "what this decides" panel of the question screen: the conclusions still reachable from
//! the question and, answer by answer, which of them each keeps open, drawn from the one model
//! ([`crate::report::WhatThisDecides`]) that the line mode and `walk` print too.
//!
//! The highlighted answer is marked as in the list, and while the list has the focus the panel
//! follows it, so moving through the answers shows where each leads. In a fact pattern the
//! panel stays closed until the walk has reached its conclusion: which conclusions an answer
//! keeps open would help a student reason back from a result they already know.

use ratatui::text::Line;

use super::common::para;
use crate::tui::app::App;
use crate::tui::wrap::{Segment, prefixed};

/// The panel's title.
pub const TITLE: &str = "What this decides";

/// The short name of its tab.
pub const TAB: &str = "Decides";

/// The panel's lines at width `max`, and the highlighted answer's head (first line, line
/// count: its label and what it keeps open) for the panel to keep in view while the list has
/// the focus. Only the head: a long list of conclusions below it must not scroll the summary
/// off when the first answer is highlighted.
pub fn lines(app: &App<'_>, max: usize) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let theme = app.theme;
    let Some(d) = &app.decides else {
        let text = if app.case.is_some() {
            "In a fact pattern, what each answer keeps open shows once you have reached the conclusion: decide from the facts first."
        } else {
            "Nothing is left to decide here."
        };
        return (para(text, theme.dim(), max), None);
    };
    let mut out = para(&d.summary(), theme.title(), max);
    let mut block = None;
    for (i, (split, listed)) in d.options.iter().zip(d.listing()).enumerate() {
        out.push(Line::raw(""));
        let start = out.len();
        let selected = i == app.highlight;
        let marker = (
            format!("{} {}. ", if selected { "▶" } else { " " }, i + 1),
            theme.text(),
        );
        let head = prefixed(marker, &[(split.label.clone(), theme.text())], max);
        out.extend(head.into_iter().map(|line| {
            if selected {
                line.patch_style(theme.selected())
            } else {
                line
            }
        }));
        out.extend(prefixed(
            ("     ".into(), theme.text()),
            &[(d.option_summary(i), theme.dim())],
            max,
        ));
        if selected {
            block = Some((start, out.len() - start));
        }
        for (c, only) in listed {
            let mut segments: Vec<Segment> = vec![
                (c.title.clone(), theme.text()),
                (" — ".into(), theme.text()),
                (c.outcome_label.clone(), theme.outcome()),
            ];
            if only {
                segments.push(("  (only this answer)".into(), theme.dim()));
            }
            out.extend(prefixed(("     • ".into(), theme.text()), &segments, max));
        }
    }
    (out, block)
}
