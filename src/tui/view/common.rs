//! Pieces every screen uses: the canvas a frame is drawn on, bordered scrolling panels, the
//! header with its breadcrumbs, the footer of keys, and overlay frames.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};

use super::Plan;
use crate::report::CitedAuthority;
use crate::tui::app::{App, Confirm, Hit, Overlay, Panel};
use crate::tui::keymap::{self, Action};
use crate::tui::wrap::one_line;
use crate::tui::wrap::{Segment, width, wrap};

/// Where a frame is drawn, and the plan of what was drawn so far.
pub struct Canvas<'b> {
    /// The cells; `None` when only the plan is wanted (update's layout queries), so that a
    /// key press lays out twice but draws cells once.
    pub buf: Option<&'b mut Buffer>,
    /// What was drawn.
    pub plan: Plan,
}

impl Canvas<'_> {
    /// Draws a widget.
    pub fn draw(&mut self, widget: impl Widget, area: Rect) {
        if let Some(buf) = self.buf.as_deref_mut() {
            widget.render(area, buf);
        }
    }

    /// Records a clickable area.
    pub fn hit(&mut self, area: Rect, hit: Hit) {
        self.plan.hits.push((area, hit));
    }
}

/// How a text panel keeps part of its content in view.
#[derive(Debug, Clone, Copy)]
pub enum Follow {
    /// The stored offset, clamped.
    Offset,
    /// The stored offset, moved just enough to show these lines (`start`, `count`).
    Lines(usize, usize),
    /// Lines `start..end` are one block: the stored offset, moved just enough to show all of
    /// it, or when it is taller than the panel, kept within it (so a page key reads on
    /// through the block and its first line is where it opens).
    Block(usize, usize),
}

/// Draws the border of `panel` titled `title` (marked ▸ when it has the focus: the app's
/// focus is on it, no overlay is open, and it is not the conclusion, which never takes keys),
/// makes it a click target, and returns the area inside it less a column of margin each side.
pub fn panel_frame(
    app: &App<'_>,
    c: &mut Canvas<'_>,
    area: Rect,
    title: &str,
    panel: Panel,
) -> Rect {
    let focused = app.focus == panel && app.overlay.is_none() && panel != Panel::Conclusion;
    let (title_style, border_style) = if focused {
        (app.theme.focused_border(), app.theme.focused_border())
    } else {
        (app.theme.title(), app.theme.border())
    };
    let block = Block::bordered()
        .title(Line::styled(
            format!(" {}{} ", if focused { "▸ " } else { "" }, one_line(title)),
            title_style,
        ))
        .border_style(border_style);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    c.draw(block, area);
    c.hit(area, Hit::Panel(panel));
    inner
}

/// A bordered panel holding pre-wrapped lines, scrolled by the app's offset for `panel`, with
/// a scrollbar when the lines overflow. Returns the text area and the offset drawn at.
pub fn text_panel<F>(
    app: &App<'_>,
    c: &mut Canvas<'_>,
    area: Rect,
    title: &str,
    panel: Panel,
    follow: Follow,
    build: F,
) -> (Rect, usize)
where
    F: FnOnce(usize) -> Vec<Line<'static>>,
{
    let inner = panel_frame(app, c, area, title, panel);
    let offset = scrolled_lines(app, c, inner, panel, follow, build);
    (inner, offset)
}

/// Draws lines into `inner` at the panel's offset (adjusted by `follow`), with a scrollbar when
/// they overflow; records the viewport, the scroll limit and the offset. Returns the offset.
pub fn scrolled_lines<F>(
    app: &App<'_>,
    c: &mut Canvas<'_>,
    inner: Rect,
    panel: Panel,
    follow: Follow,
    build: F,
) -> usize
where
    F: FnOnce(usize) -> Vec<Line<'static>>,
{
    if inner.width < 3 || inner.height == 0 {
        return 0;
    }
    // One column for the scrollbar and one to keep text clear of it.
    let lines = build(text_width(inner));
    let height = usize::from(inner.height);
    let max = lines.len().saturating_sub(height);
    let stored = app.scroll[panel as usize].min(max);
    let offset = match follow {
        Follow::Offset => stored,
        Follow::Lines(start, count) => {
            if start < stored {
                start
            } else if start + count > stored + height {
                (start + count).saturating_sub(height).min(start)
            } else {
                stored
            }
        }
        Follow::Block(start, end) => {
            let last_top = end.saturating_sub(height);
            stored.clamp(last_top.min(start), last_top.max(start))
        }
    }
    .min(max);
    let i = panel as usize;
    c.plan.viewport[i] = inner.height;
    c.plan.max_scroll[i] = max;
    c.plan.offset[i] = Some(offset);
    let total = lines.len();
    let visible: Vec<Line<'static>> = lines.into_iter().skip(offset).take(height).collect();
    c.draw(Paragraph::new(visible), inner);
    if total > height {
        scrollbar(c, inner, max + 1, offset, height);
    }
    offset
}

/// The text width of a scrolling area: one column for the scrollbar, one to keep clear of it.
pub fn text_width(inner: Rect) -> usize {
    usize::from(inner.width.saturating_sub(2)).max(1)
}

/// A vertical scrollbar at the right edge of `area`.
pub fn scrollbar(c: &mut Canvas<'_>, area: Rect, length: usize, position: usize, viewport: usize) {
    let Some(buf) = c.buf.as_deref_mut() else {
        return;
    };
    let mut state = ScrollbarState::new(length)
        .position(position)
        .viewport_content_length(viewport);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(Some("▲"))
        .end_symbol(Some("▼"))
        .render(area, buf, &mut state);
}

/// "Citation — STATUS — history" as styled segments: an authority is never shown without its
/// status.
pub fn authority(app: &App<'_>, cited: &CitedAuthority) -> Vec<Segment> {
    let mut out: Vec<Segment> = vec![
        (cited.citation.clone(), app.theme.text()),
        (" — ".into(), app.theme.text()),
        (cited.status_label.clone(), app.theme.status(cited.status)),
    ];
    if let Some(history) = &cited.history {
        out.push((format!(" — {history}"), app.theme.text()));
    }
    out
}

/// A heading wrapped to `max`.
pub fn heading(app: &App<'_>, text: &str, max: usize) -> Vec<Line<'static>> {
    wrap(&[(text.to_owned(), app.theme.title())], max, 0)
}

/// Text wrapped to `max` in one style.
pub fn para(text: &str, style: Style, max: usize) -> Vec<Line<'static>> {
    wrap(&[(text.to_owned(), style)], max, 0)
}

/// Header of the walking screens: the pack and step, then the breadcrumbs of the path, each
/// clickable. Only the crumbs that fit are built, from the current question backwards, so a
/// walk thousands of steps deep costs no more to draw than a short one. Three rows with a rule
/// below when `area` has them, else two.
pub fn header(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, step_label: &str) {
    let theme = app.theme;
    // Where the user is comes first; the pack's title last, shortened with "…" when the
    // line is too narrow for all of it.
    let mut title = app.matter.as_ref().map_or_else(
        || format!(" {step_label}"),
        |m| super::matter::walk_title(m, step_label),
    );
    if let Some(case) = app.current_case() {
        title.push_str(" · fact pattern: ");
        title.push_str(&one_line(&case.title));
    }
    title.push_str(" · ");
    title.push_str(&one_line(app.pack.title()));
    let room = usize::from(area.width);
    if width(&title) > room {
        let mut cut = String::new();
        for c in title.chars() {
            if width(&cut) + width(c.encode_utf8(&mut [0; 4])) + 1 > room {
                break;
            }
            cut.push(c);
        }
        title = format!("{}…", cut.trim_end());
    }
    let block = theme.head_rule(area.height >= 3);
    let inner = block.inner(area);
    c.draw(block, area);
    if inner.height == 0 {
        return;
    }
    c.draw(
        Paragraph::new(Line::styled(title, theme.title())),
        Rect { height: 1, ..inner },
    );
    if inner.height < 2 {
        return;
    }
    let row = inner.y + 1;
    let lead = " Path: ";
    let max = usize::from(inner.width).saturating_sub(width(lead) + 1);
    let history = app.session.history();
    let here = match app.session.current() {
        crate::pack::Node::Question(q) => format!("[{}]", one_line(&app.pack.question(q).id)),
        crate::pack::Node::Conclusion(k) => {
            format!("[{}]", one_line(&app.pack.conclusion(k).id))
        }
    };
    // (text, step) from the current node backwards, while they fit.
    let sep = " › ";
    let mut crumbs: Vec<(String, Option<usize>)> = vec![(here.clone(), None)];
    let mut used = width(&here);
    let mut cut = false;
    for (step, s) in history.iter().enumerate().rev() {
        let text = one_line(&app.pack.question(s.question).id);
        let w = width(&text) + width(sep);
        // Room for "… › " in front when this crumb is not the first.
        let reserve = if step > 0 {
            width("…") + width(sep)
        } else {
            0
        };
        if used + w + reserve > max {
            cut = true;
            break;
        }
        used += w;
        crumbs.push((text, Some(step)));
    }
    let mut x = inner.x;
    let mut put = |c: &mut Canvas<'_>, text: &str, style: Style, hit: Option<Hit>| {
        let w = u16::try_from(width(text)).unwrap_or(u16::MAX);
        let w = w.min((inner.x + inner.width).saturating_sub(x));
        let rect = Rect::new(x, row, w, 1);
        c.draw(Paragraph::new(Line::styled(text.to_owned(), style)), rect);
        if let Some(hit) = hit {
            c.hit(rect, hit);
        }
        x += w;
    };
    put(c, lead, theme.text(), None);
    if cut {
        put(c, "…", theme.on_path(), None);
        put(c, sep, theme.on_path(), None);
    }
    let n = crumbs.len();
    for (i, (text, step)) in crumbs.into_iter().rev().enumerate() {
        put(c, &text, theme.on_path(), step.map(Hit::Crumb));
        if i + 1 < n {
            put(c, sep, theme.on_path(), None);
        }
    }
}

/// The footer: the keys that work here, from the keymap. When they do not all fit, it ends in
/// "? more" (the help lists them all).
pub fn footer(app: &App<'_>, c: &mut Canvas<'_>, area: Rect) {
    let theme = app.theme;
    let context = app.context();
    let in_matter = app.matter.is_some();
    let mut entries = keymap::footer_where(context, |a| in_matter || !a.matter_only());
    // Leaving a walk whose answers could not be saved shares the delete question's keys,
    // not its words.
    if let Some(Overlay::Confirm(Confirm::Discard(_))) = app.overlay {
        for (keys, label) in &mut entries {
            *label = if keys.as_str() == "y" {
                "leave unsaved"
            } else {
                "stay"
            };
        }
    }
    // Where no key opens the help (dialogs), a bare ellipsis still says keys are missing.
    let more =
        Some(keymap::keys_for(context, Action::Help).map_or(("…".to_owned(), ""), |k| (k, "more")));
    let avail = usize::from(area.width);
    let cost = |(k, l): &(String, &str)| width(k) + 1 + width(l) + 2;
    let all: usize = 1 + entries.iter().map(cost).sum::<usize>();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let reserve = if all > avail {
        more.as_ref().map_or(0, cost)
    } else {
        0
    };
    let mut dropped = false;
    for entry in &entries {
        // When "? more" closes the line, it stands for the help key too.
        if reserve > 0 && more.as_ref().is_some_and(|(k, _)| *k == entry.0) {
            continue;
        }
        let w = cost(entry);
        if used + w + reserve > avail {
            dropped = true;
            break;
        }
        used += w;
        spans.push(Span::styled(entry.0.clone(), theme.key()));
        spans.push(Span::raw(format!(" {}  ", entry.1)));
    }
    if dropped && let Some((k, l)) = more {
        spans.push(Span::styled(k, theme.key()));
        spans.push(Span::raw(format!(" {l}")));
    }
    c.draw(Paragraph::new(Line::from(spans)), area);
}

/// The one-line message above the footer.
pub fn status_line(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, message: &str) {
    // One row: a message longer than the screen is cut at a word and ends in "…".
    let room = usize::from(area.width.saturating_sub(2)).max(1);
    let text = super::matter::cut(&one_line(message), room);
    c.draw(
        Paragraph::new(Line::styled(format!(" {text}"), app.theme.title())),
        area,
    );
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears `area` and draws a focused frame titled `title`; returns the inside.
pub fn overlay_block(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, title: &str) -> Rect {
    c.draw(Clear, area);
    let block = Block::bordered()
        .title(Line::styled(format!(" {title} "), app.theme.title()))
        .border_style(app.theme.focused_border());
    let inner = block.inner(area).inner(Margin::new(1, 0));
    c.draw(block, area);
    inner
}

/// Nearly all of `area`, for the large overlays.
pub fn big(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).max(1),
        area.height.saturating_sub(2).max(1),
    )
}
