//! The question screen: the question and its answers (a list that scrolls to keep the
//! highlighted answer whole and in view), and the detail panels (what the answer means, why
//! the question is asked, the courts' words, the fact pattern).
//!
//! With room, the details stand together below the question; without it (80×24 and smaller)
//! they become tabs that Tab, Shift-Tab or a click switch between, so each is reachable at
//! every size.
//!
//! Over 400 lines because the wide and narrow layouts of the question screen share their panels,
//! tabs and breadcrumbs, and are easier to keep in step in one file.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{Canvas, Follow, authority, header, para, text_panel, text_width};
use super::decides;
use crate::report;
use crate::tui::app::{App, Hit, Panel};
use crate::tui::wrap::one_line;
use crate::tui::wrap::{Segment, prefixed, width, wrap};

/// Rows below the question from which the details stand together rather than as tabs.
const STACKED_ROWS: u16 = 16;

/// Draws the question screen for question `q`.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, q: usize) {
    let step = app.session.history().len() + 1;
    let head_rows = if area.height >= 20 { 3 } else { 2 };
    let [head, body] = area.layout(&Layout::vertical([
        Constraint::Length(head_rows),
        Constraint::Min(1),
    ]));
    header(app, c, head, &format!("Step {step}"));

    let side_facts = app.case.is_some() && body.width >= 100;
    let (main, facts) = if side_facts {
        let side = (body.width * 32 / 100).max(24);
        let [m, f] = body.layout(&Layout::horizontal([
            Constraint::Min(1),
            Constraint::Length(side),
        ]));
        (m, Some(f))
    } else {
        (body, None)
    };

    // Borders, margins and the scrollbar's two columns.
    let list_width = usize::from(main.width.saturating_sub(6)).max(1);
    // The prompt stands fixed at the top of the panel; the options (after, in a matter, the
    // note and cites of the answer in hand) scroll beneath it, so the question is always read
    // from its first word, whatever option is highlighted.
    let prompt = prompt_lines(app, q, list_width);
    let (mut lines, mut starts) = list_lines(app, q, list_width);
    let notes = super::matter::answer_lines(app, list_width);
    if !notes.is_empty() {
        for start in &mut starts {
            start.0 += notes.len();
        }
        lines.splice(0..0, notes);
    }
    let rows = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let wanted = rows(prompt.len() + 1 + lines.len() + 2);
    let cap = (main.height / 2)
        .max(7)
        .min(main.height.saturating_sub(5))
        .max(3);
    let (first, count) = starts.get(app.highlight).copied().unwrap_or((0, 1));
    // Enough for the whole prompt and the first two options (or the highlighted one whole):
    // where the details are tabs they give up rows to it.
    let two = starts
        .get(1)
        .map_or(lines.len(), |&(start, len)| start + len);
    let needed = rows(prompt.len() + 1 + two.max(first + count) + 2);
    let reading_details = app.focus != Panel::List
        && main.height.saturating_sub(wanted.min(cap.max(needed))) < STACKED_ROWS;
    let list_height = if reading_details {
        wanted.min((main.height * 2 / 5).max(4))
    } else {
        wanted
            .min(cap.max(needed))
            .min(main.height.saturating_sub(2))
    };
    let [list_area, details] = main.layout(&Layout::vertical([
        Constraint::Length(list_height),
        Constraint::Min(0),
    ]));
    let title = format!("Question {step}");
    let (inner, offset) = question_panel(
        app,
        c,
        list_area,
        &title,
        prompt,
        move |_| lines,
        (first, count),
    );
    for (i, (start, len)) in starts.into_iter().enumerate() {
        let top = start.max(offset);
        let bottom = (start + len).min(offset + usize::from(inner.height));
        if top < bottom {
            let y = inner.y + u16::try_from(top - offset).unwrap_or(0);
            let h = u16::try_from(bottom - top).unwrap_or(1);
            c.hit(Rect::new(inner.x, y, inner.width, h), Hit::Option(i));
        }
    }

    if details.height >= STACKED_ROWS {
        stacked(app, c, details, q);
    } else {
        tabbed(app, c, details, q, facts.is_none());
    }
    if let Some(area) = facts {
        detail(app, c, area, Panel::Facts, q);
    }
}

/// The question's prompt, wrapped; then, when the question has instructions, one line saying
/// where they are (which option wins where two could seem to fit is too long to stand above
/// the options: it would push them, and the prompt, out of a small panel).
fn prompt_lines(app: &App<'_>, q: usize, max: usize) -> Vec<Line<'static>> {
    let question = app.pack.question(q);
    let mut lines = wrap(&[(question.prompt.to_string(), app.theme.title())], max, 0);
    if question.instructions.is_some() {
        lines.extend(wrap(
            &[(
                "How to choose: in the Why panel below.".to_owned(),
                app.theme.dim(),
            )],
            max,
            0,
        ));
    }
    lines
}

/// The bordered question panel: the prompt fixed at its top (cut with "…" only when the panel
/// cannot hold it and two rows of options), a blank row, then the options scrolled to keep
/// `follow` (a first line and a count) in view. Returns the options' area and offset.
fn question_panel<F>(
    app: &App<'_>,
    c: &mut Canvas<'_>,
    area: Rect,
    title: &str,
    mut prompt: Vec<Line<'static>>,
    build: F,
    follow: (usize, usize),
) -> (Rect, usize)
where
    F: FnOnce(usize) -> Vec<Line<'static>>,
{
    let panel = Panel::List;
    let inner = super::common::panel_frame(app, c, area, title, panel);
    let height = usize::from(inner.height);
    // Below the prompt, room for the highlighted option whole (it is what Enter chooses), and
    // at least two rows of options; the prompt keeps at least its first line.
    let keep = if height > 3 { 2 } else { 1 };
    let keep = keep.max(follow.1.min(height.saturating_sub(1)));
    let room = height.saturating_sub(keep).max(1);
    if prompt.len() > room {
        prompt.truncate(room);
        if let Some(last) = prompt.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let style = last.spans.first().map(|s| s.style).unwrap_or_default();
            let cut =
                super::matter::cut(&format!("{} …", text.trim_end()), usize::from(inner.width));
            *last = Line::styled(cut, style);
        }
    }
    let gap = usize::from(prompt.len() < room);
    let prompt_rows = u16::try_from(prompt.len() + gap).unwrap_or(0);
    let [top, rest] = inner.layout(&Layout::vertical([
        Constraint::Length(prompt_rows),
        Constraint::Min(0),
    ]));
    c.draw(Paragraph::new(prompt), top);
    let offset = super::common::scrolled_lines(
        app,
        c,
        rest,
        panel,
        Follow::Lines(follow.0, follow.1),
        build,
    );
    (rest, offset)
}

/// The numbered answers, with each answer's first line and line count.
fn list_lines(app: &App<'_>, q: usize, max: usize) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let theme = app.theme;
    let question = app.pack.question(q);
    let mut lines = Vec::new();
    let mut starts = Vec::with_capacity(question.options.len());
    for (i, option) in question.options.iter().enumerate() {
        let selected = i == app.highlight;
        let earlier = app.session.remembered(q) == Some(i) && !selected;
        let mut segments: Vec<Segment> = vec![(option.label.to_string(), theme.text())];
        if earlier {
            segments.push(("  (your earlier answer)".into(), theme.dim()));
        }
        let marker = (
            format!("{} {}. ", if selected { "▶" } else { " " }, i + 1),
            theme.text(),
        );
        let wrapped = prefixed(marker, &segments, max);
        starts.push((lines.len(), wrapped.len()));
        lines.extend(wrapped.into_iter().map(|line| {
            if selected {
                line.patch_style(theme.selected())
            } else {
                line
            }
        }));
    }
    (lines, starts)
}

/// The details together: the answer's meaning and what the question decides above, why and
/// the excerpt below (each pair side by side when wide enough).
fn stacked(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, q: usize) {
    let wide = area.width >= 70;
    let top_rows = if wide {
        (area.height * 11 / 20).max(4)
    } else {
        (area.height / 2).max(8)
    };
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Length(top_rows),
        Constraint::Min(0),
    ]));
    let [answer, decides] = pair(top, wide);
    detail(app, c, answer, Panel::Answer, q);
    detail(app, c, decides, Panel::Decides, q);
    let [why, excerpt] = pair(bottom, bottom.width >= 70);
    detail(app, c, why, Panel::Why, q);
    detail(app, c, excerpt, Panel::Excerpt, q);
}

/// Two panels in `area`: side by side (45:55) when `wide`, else one above the other (40:60).
fn pair(area: Rect, wide: bool) -> [Rect; 2] {
    if wide {
        area.layout(&Layout::horizontal([
            Constraint::Percentage(45),
            Constraint::Percentage(55),
        ]))
    } else {
        area.layout(&Layout::vertical([
            Constraint::Percentage(40),
            Constraint::Percentage(60),
        ]))
    }
}

/// The details as tabs: a row of tab names, then the one shown (the focused detail, or the
/// answer's meaning while the list has the focus).
fn tabbed(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, q: usize, with_facts: bool) {
    if area.height < 2 {
        return;
    }
    let [bar, panel_area] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    let shown = match app.focus {
        Panel::List | Panel::Conclusion | Panel::Overlay | Panel::Intro => Panel::Answer,
        Panel::Facts if !with_facts => Panel::Answer,
        other => other,
    };
    let question = app.pack.question(q);
    let excerpts = question.excerpts.len();
    let mut tabs = vec![
        (answer_title(app, true), Panel::Answer, app.excerpt),
        ("Why".to_owned(), Panel::Why, app.excerpt),
        (
            if excerpts > 1 {
                format!("Excerpt {}/{excerpts}", app.excerpt + 1)
            } else {
                "Excerpt".to_owned()
            },
            Panel::Excerpt,
            app.excerpt,
        ),
    ];
    tabs.push((decides::TAB.to_owned(), Panel::Decides, app.excerpt));
    if with_facts && app.case.is_some() {
        tabs.push(("Facts".to_owned(), Panel::Facts, app.excerpt));
    }
    let mut x = bar.x + 1;
    let end = bar.x + bar.width;
    let mut spans = vec![Span::raw(" ")];
    for (name, panel, excerpt) in tabs {
        let text = format!(" {name} ");
        let w = u16::try_from(width(&text)).unwrap_or(u16::MAX);
        if x + w > end {
            break;
        }
        c.hit(Rect::new(x, bar.y, w, 1), Hit::Tab(panel, excerpt));
        spans.push(Span::styled(
            text,
            if panel == shown {
                app.theme.selected()
            } else {
                app.theme.text()
            },
        ));
        spans.push(Span::raw(" "));
        x += w + 1;
    }
    c.draw(Paragraph::new(Line::from(spans)), bar);
    detail(app, c, panel_area, shown, q);
}

/// The answer panel's title: in a fact pattern it shows the last answer chosen, never the
/// highlighted one (a student commits before seeing what an answer means).
fn answer_title(app: &App<'_>, short: bool) -> String {
    match (app.case.is_some(), short) {
        (true, true) => "Last answer".to_owned(),
        (true, false) if app.session.history().is_empty() => "Your answers".to_owned(),
        (true, false) => format!("Your answer at step {}", app.session.history().len()),
        (false, true) => format!("Answer {}", app.highlight + 1),
        (false, false) => format!("Answer {}: what it means", app.highlight + 1),
    }
}

/// The text width inside a bordered panel drawn in `area` (borders, margins, scrollbar).
fn text_width_of(area: Rect) -> usize {
    let inner = ratatui::widgets::Block::bordered()
        .inner(area)
        .inner(ratatui::layout::Margin::new(1, 0));
    text_width(inner)
}

/// One detail panel in `area`.
fn detail(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, panel: Panel, q: usize) {
    let theme = app.theme;
    let pack = app.pack;
    let question = pack.question(q);
    match panel {
        Panel::Answer => {
            text_panel(
                app,
                c,
                area,
                &answer_title(app, false),
                panel,
                Follow::Offset,
                |max| answer_lines(app, q, max),
            );
        }
        Panel::Why => {
            text_panel(
                app,
                c,
                area,
                if question.instructions.is_some() {
                    "How to choose, and why this is asked"
                } else {
                    "Why this is asked"
                },
                panel,
                Follow::Offset,
                |max| {
                    // The screener reads which option wins before the rule behind the question.
                    let mut lines = Vec::new();
                    if let Some(instructions) = &question.instructions {
                        lines = wrap(
                            &[
                                ("How to choose: ".to_owned(), theme.title()),
                                (instructions.to_string(), theme.text()),
                            ],
                            max,
                            0,
                        );
                        lines.push(Line::raw(""));
                    }
                    lines.extend(para(&question.why, theme.text(), max));
                    lines
                },
            );
        }
        Panel::Excerpt => {
            let count = question.excerpts.len();
            let index = app.excerpt.min(count.saturating_sub(1));
            let title = if count == 0 {
                "Excerpt".to_owned()
            } else {
                format!("Excerpt {} of {count}", index + 1)
            };
            text_panel(app, c, area, &title, panel, Follow::Offset, |max| {
                excerpt_lines(app, q, index, max)
            });
        }
        Panel::Facts => {
            let Some(case) = app.current_case() else {
                return;
            };
            text_panel(app, c, area, "Fact pattern", panel, Follow::Offset, |max| {
                let mut lines = para(&case.title, theme.title(), max);
                lines.extend(para(&case.citation, theme.dim(), max));
                lines.push(Line::raw(""));
                lines.extend(para(&case.facts, theme.text(), max));
                lines
            });
        }
        Panel::Decides => {
            // While the list has the focus, the panel follows the highlighted answer; once
            // the panel has it, it scrolls freely.
            let (lines, block) = decides::lines(app, text_width_of(area));
            let follow = match block {
                Some((start, count)) if app.focus != Panel::Decides => Follow::Lines(start, count),
                _ => Follow::Offset,
            };
            text_panel(app, c, area, decides::TITLE, panel, follow, move |_| lines);
        }
        Panel::List | Panel::Conclusion | Panel::Overlay | Panel::Intro => {}
    }
}

/// What the highlighted answer means (free walk), or what the last chosen answer meant (fact
/// pattern): its note and its authorities, each with its status.
fn answer_lines(app: &App<'_>, q: usize, max: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let pack = app.pack;
    let (question, option) = if app.case.is_some() {
        let Some(last) = app.session.history().last() else {
            return para(
                "In a fact pattern, what an answer means shows only once you have chosen it: decide from the facts first.",
                theme.dim(),
                max,
            );
        };
        let question = pack.question(last.question);
        let lines = prefixed(
            ("→ ".into(), theme.text()),
            &[(
                question.options[last.option].label.to_string(),
                theme.title(),
            )],
            max,
        );
        (Some(lines), &question.options[last.option])
    } else {
        let Some(option) = pack.question(q).options.get(app.highlight) else {
            return Vec::new();
        };
        (None, option)
    };
    let mut lines = question.unwrap_or_default();
    match &option.note {
        Some(note) => lines.extend(para(note, theme.text(), max)),
        None => lines.extend(para("No note for this answer.", theme.dim(), max)),
    }
    for reference in &option.authorities {
        if let Some(cited) = report::cite_authority(pack, reference) {
            lines.extend(prefixed(
                ("• ".into(), theme.text()),
                &authority(app, &cited),
                max,
            ));
        }
    }
    lines
}

/// An excerpt as the report cites it: the words, the citation (the quoted-in form when the
/// words are another court's), and the status of every authority named.
fn excerpt_lines(app: &App<'_>, q: usize, index: usize, max: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let question = app.pack.question(q);
    let Some(excerpt) = question
        .excerpts
        .get(app.excerpt_at(q, index))
        .and_then(|e| report::cite_excerpt(app.pack, e))
    else {
        return para("This question has no excerpt.", theme.dim(), max);
    };
    let mut lines = para(&format!("“{}”", excerpt.quote), theme.quote(), max);
    lines.push(Line::raw(""));
    lines.extend(wrap(
        &[(format!("— {}", excerpt.citation), theme.text())],
        max,
        0,
    ));
    for cited in excerpt.cited() {
        let mut segments: Vec<Segment> = vec![
            (format!("{}: ", one_line(&cited.name)), theme.dim()),
            (cited.status_label.clone(), theme.status(cited.status)),
        ];
        if let Some(history) = &cited.history {
            segments.push((format!(" — {history}"), theme.text()));
        }
        lines.extend(prefixed(("  ".into(), theme.text()), &segments, max));
    }
    lines
}
