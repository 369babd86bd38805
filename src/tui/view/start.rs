//! The start screen: what the pack is, its disclaimer and the date the law was checked (first,
//! so they show at 80×24), and the list of walks to choose from.

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::common::{Canvas, Follow, para, text_panel};
use crate::tui::app::{App, Hit, Panel};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::plan::split_bottom;
use crate::tui::start_menu::StartEntry;
use crate::tui::wrap::{Segment, prefixed};

/// Draws the start screen.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect) {
    let theme = app.theme;
    let pack = app.pack;
    let visible = app.visible_entries();
    let entries: Vec<Vec<Segment>> = visible
        .iter()
        .map(|&entry| match entry {
            StartEntry::Case(i) => vec![
                ("Fact pattern: ".into(), theme.text()),
                (pack.case_titles()[i].to_string(), theme.title()),
            ],
            StartEntry::QuizAll => vec![(app.start_label(entry), theme.title())],
            StartEntry::Free | StartEntry::Pack(_) => {
                vec![(app.start_label(entry), theme.text())]
            }
        })
        .collect();
    // The list's own lines at the width it will have (borders, margins, scrollbar).
    let list_width = usize::from(area.width.saturating_sub(6)).max(1);
    let wrapped: Vec<Vec<Line<'static>>> = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let selected = i == app.start_selected;
            let marker = (
                format!("{} {}. ", if selected { "▶" } else { " " }, i + 1),
                theme.text(),
            );
            let lines = prefixed(marker, entry, list_width);
            if selected {
                lines
                    .into_iter()
                    .map(|l| l.patch_style(theme.selected()))
                    .collect()
            } else {
                lines
            }
        })
        .collect();
    let wanted: usize = wrapped.iter().map(Vec::len).sum::<usize>() + 2;
    let list_height = u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .min(area.height / 2)
        .max(3);
    // The list's height is at most half the body (at least 14 rows), so the intro keeps 7.
    let (intro, list) = split_bottom(area, list_height);

    text_panel(
        app,
        c,
        intro,
        "immunity",
        Panel::Intro,
        Follow::Offset,
        |max| {
            let mut lines = para(pack.title(), theme.title(), max);
            lines.push(Line::raw(""));
            lines.extend(para(pack.disclaimer(), theme.text(), max));
            lines.extend(para(
                &format!("Law checked to {}.", pack.law_checked()),
                theme.title(),
                max,
            ));
            lines.push(Line::raw(""));
            lines.extend(para(pack.description(), theme.text(), max));
            lines
        },
    );

    let title = list_title(app, visible.len());
    if visible.is_empty() {
        all_none(app, c, list, &title);
        return;
    }
    let mut starts = Vec::with_capacity(wrapped.len());
    let mut all = Vec::new();
    for lines in wrapped {
        starts.push((all.len(), lines.len()));
        all.extend(lines);
    }
    let (first, count) = starts.get(app.start_selected).copied().unwrap_or((0, 1));
    let (inner, offset) = text_panel(
        app,
        c,
        list,
        &title,
        Panel::List,
        Follow::Lines(first, count),
        move |_| all,
    );
    // Each visible entry is clickable over the rows it occupies.
    for (i, (start, len)) in starts.into_iter().enumerate() {
        let top = start.max(offset);
        let bottom = (start + len).min(offset + usize::from(inner.height));
        if top >= bottom {
            continue;
        }
        let y = inner.y + u16::try_from(top - offset).unwrap_or(0);
        let h = u16::try_from(bottom - top).unwrap_or(1);
        c.hit(Rect::new(inner.x, y, inner.width, h), Hit::StartEntry(i));
    }
}

/// The list when the filter matches nothing: says so, and how to clear it.
fn all_none(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, title: &str) {
    let close = keymap::keys_for(Context::Filter, Action::Close).unwrap_or_default();
    let text = format!("No entry has those words; {close} clears the filter.");
    let theme = app.theme;
    text_panel(app, c, area, title, Panel::List, Follow::Offset, |max| {
        para(&text, theme.dim(), max)
    });
}

/// The list's title: how to choose, or while finding, what was typed and how many match.
fn list_title(app: &App<'_>, shown: usize) -> String {
    let key = |action| keymap::keys_for(Context::Start, action).unwrap_or_default();
    let filter = &app.start_filter;
    if filter.typing || !filter.text.is_empty() {
        let all = app.start_entries().len();
        format!(
            "Find: {}{} · {shown} of {all}",
            crate::text::Clean::line(&filter.text).into_string(),
            if filter.typing { "▏" } else { "" },
        )
    } else if shown > 9 {
        format!(
            "Choose: {}, {} to find, or move and press {}",
            key(Action::Select(0)),
            key(Action::Filter),
            key(Action::Choose)
        )
    } else {
        format!(
            "Choose: {}, or move and press {}",
            key(Action::Select(0)),
            key(Action::Choose)
        )
    }
}
