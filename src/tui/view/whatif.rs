//! The what-if overlay: for each answered question, every other answer and the conclusion it
//! leads to, and for the highlighted one the whole delta (where the walks part, the steps
//! dropped and added, the authorities that come in or drop out with their status). The delta
//! is the report's model ([`WhatIfReport`]), the one `walk --what-if` prints.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::common::{Canvas, Follow, big, overlay_block, scrolled_lines, text_width};
use crate::engine::what_if;
use crate::report::TableEntry;
use crate::report::what_if::{StepRef, WalkEnd, WhatIfReport, end_words, walk_end};
use crate::tui::app::{App, Panel};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::theme::Theme;
use crate::tui::wrap::prefixed;

/// Draws the overlay with choice `selected` of [`App::what_if_choices`] highlighted.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, selected: usize) {
    let inner = overlay_block(app, c, big(area), "What if you had answered differently?");
    let (lines, (start, end)) = build(app, text_width(inner), selected);
    scrolled_lines(
        app,
        c,
        inner,
        Panel::Overlay,
        Follow::Block(start, end),
        |_| lines,
    );
}

/// The overlay's lines at width `max`, and the lines of the highlighted choice with its delta.
fn build(app: &App<'_>, max: usize, selected: usize) -> (Vec<Line<'static>>, (usize, usize)) {
    let theme = app.theme;
    let pack = app.pack;
    let answers = app.session.answers();
    let history = app.session.history();
    let mut block = (0, 0);
    let mut lines = Vec::new();
    let now = walk_end(pack, app.session.current());
    lines.extend(prefixed(
        ("Now: ".into(), theme.dim()),
        &[(end_words(&now), end_style(theme, &now))],
        max,
    ));
    let mut last_step = None;
    for (i, (step, option)) in app.what_if_choices().into_iter().enumerate() {
        let s = history[step];
        let question = pack.question(s.question);
        // The first other answer of a step keeps the step's question in view with it.
        let new_step = last_step != Some(step);
        let heading = lines.len() + 1;
        if new_step {
            last_step = Some(step);
            lines.push(Line::raw(""));
            lines.extend(prefixed(
                (format!("Step {}: ", step + 1), theme.title()),
                &[(question.prompt.to_string(), theme.title())],
                max,
            ));
            lines.extend(prefixed(
                ("  You answered: ".into(), theme.dim()),
                &[(question.options[s.option].label.to_string(), theme.text())],
                max,
            ));
        }
        let Ok(w) = what_if(pack, answers, s.question, option) else {
            continue;
        };
        let start = if new_step { heading } else { lines.len() };
        let chosen = i == selected;
        let mut item = prefixed(
            ((if chosen { "  ▸ " } else { "    " }).into(), theme.text()),
            &[(question.options[option].label.to_string(), theme.text())],
            max,
        );
        if chosen {
            item = item
                .into_iter()
                .map(|l| l.patch_style(theme.selected()))
                .collect();
        }
        lines.extend(item);
        let after = walk_end(pack, w.after.end);
        let arrow = if w.changes_end() {
            "      → "
        } else {
            "      → the same end: "
        };
        lines.extend(prefixed(
            (arrow.into(), theme.dim()),
            &[(end_words(&after), end_style(theme, &after))],
            max,
        ));
        if chosen {
            delta(theme, &WhatIfReport::new(pack, &w), max, &mut lines);
            block = (start, lines.len());
        }
    }
    (lines, block)
}

/// A conclusion in the outcome's style; a pending end in the plain one.
fn end_style(theme: Theme, end: &WalkEnd) -> Style {
    match end {
        WalkEnd::Conclusion(_) => theme.outcome(),
        WalkEnd::Pending { .. } => theme.text(),
    }
}

/// The highlighted choice's delta, indented under it.
fn delta(theme: Theme, r: &WhatIfReport, max: usize, lines: &mut Vec<Line<'static>>) {
    const INDENT: &str = "        ";
    if let Some(at) = r.first_difference {
        lines.extend(prefixed(
            (INDENT.into(), theme.text()),
            &[(format!("The walks part at step {at}."), theme.text())],
            max,
        ));
    }
    steps(theme, "No longer asked:", &r.dropped, max, lines);
    steps(theme, "Asked instead:", &r.added, max, lines);
    authorities(
        theme,
        "Authorities that come in:",
        &r.authorities_in,
        max,
        lines,
    );
    authorities(
        theme,
        "Authorities that drop out:",
        &r.authorities_out,
        max,
        lines,
    );
    let apply = keymap::keys_for(Context::WhatIf, Action::Choose).unwrap_or_default();
    lines.extend(prefixed(
        (INDENT.into(), theme.text()),
        &[(format!("{apply} makes this your walk."), theme.dim())],
        max,
    ));
}

fn steps(theme: Theme, title: &str, steps: &[StepRef], max: usize, lines: &mut Vec<Line<'static>>) {
    titled_list(theme, title, steps, max, lines, |s| {
        (
            format!("          {}. ", s.number),
            vec![
                (s.prompt.clone(), theme.text()),
                (" — ".into(), theme.text()),
                (s.answer.label.clone(), theme.title()),
            ],
        )
    });
}

fn authorities(
    theme: Theme,
    title: &str,
    entries: &[TableEntry],
    max: usize,
    lines: &mut Vec<Line<'static>>,
) {
    titled_list(theme, title, entries, max, lines, |t| {
        let mut segments = vec![
            (t.citation.clone(), theme.text()),
            (" — ".into(), theme.text()),
            (t.status_label.clone(), theme.status(t.status)),
        ];
        if let Some(history) = &t.history {
            segments.push((format!(" — {history}"), theme.text()));
        }
        ("          • ".into(), segments)
    });
}

/// A titled list under a what-if entry: `title`, dim, at the entry's indent, then each item
/// with the prefix and segments `item` gives it; nothing at all when there are no items.
fn titled_list<T>(
    theme: Theme,
    title: &str,
    items: &[T],
    max: usize,
    lines: &mut Vec<Line<'static>>,
    item: impl Fn(&T) -> (String, Vec<(String, Style)>),
) {
    if items.is_empty() {
        return;
    }
    lines.extend(prefixed(
        ("        ".into(), theme.text()),
        &[(title.to_owned(), theme.dim())],
        max,
    ));
    for i in items {
        let (prefix, segments) = item(i);
        lines.extend(prefixed((prefix, theme.text()), &segments, max));
    }
}
