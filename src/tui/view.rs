//! The Elm view: draws the app into a frame. It reads the state and writes only
//! [`Drawn`](super::app::Drawn) (clickable areas and scroll limits of what it just drew).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};

use super::app::{App, Confirm, Hit, Overlay, Panel, Screen};
use super::export_dialog::{FORMATS, Stage};
use super::keymap::{self, Context};
use super::wrap::{Segment, prefixed, width, wrap};
use crate::engine::divergence;
use crate::pack::{AuthorityRef, Node};
use crate::text::sanitize_line;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole screen.
pub fn view(app: &App<'_>, frame: &mut Frame<'_>) {
    let area = frame.area();
    *app.drawn.borrow_mut() = super::app::Drawn::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let status_rows = u16::from(app.status.is_some());
    let [body, status, footer] = area.layout(&Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ]));
    match app.screen {
        Screen::Start => start_screen(app, frame, body),
        Screen::Walk => match app.session.current() {
            Node::Question(q) => question_screen(app, frame, body, q),
            Node::Conclusion(c) => conclusion_screen(app, frame, body, c),
        },
    }
    if let Some(message) = &app.status {
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(" {}", sanitize_line(message)),
                app.theme.title(),
            )),
            status,
        );
    }
    match &app.overlay {
        None => {}
        Some(Overlay::Help) => help_overlay(app, frame, body),
        Some(Overlay::Map { selected }) => map_overlay(app, frame, body, *selected),
        Some(Overlay::Review { selected }) => review_overlay(app, frame, body, *selected),
        Some(Overlay::Export(_)) => export_overlay(app, frame, body),
        Some(Overlay::Confirm(kind)) => confirm_overlay(app, frame, body, *kind),
    }
    footer_line(app, frame, footer);
}

/// The footer: the keys that work here, generated from the keymap.
fn footer_line(app: &App<'_>, frame: &mut Frame<'_>, area: Rect) {
    let theme = app.theme;
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (keys, label) in keymap::footer(app.context()) {
        let w = width(&keys) + width(label) + 3;
        if used + w > usize::from(area.width) {
            break;
        }
        used += w;
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A bordered panel holding pre-wrapped lines, scrolled by the app's offset for `panel`, with
/// a scrollbar when the lines overflow. Records its viewport, scroll limit and area.
fn scroll_panel<F>(
    app: &App<'_>,
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    panel: Panel,
    build: F,
) where
    F: FnOnce(usize) -> Vec<Line<'static>>,
{
    let focused = app.focus == panel
        && app.overlay.is_none()
        && !matches!(panel, Panel::Conclusion | Panel::Overlay);
    let block = Block::bordered()
        .title(Line::styled(
            format!(
                " {}{} ",
                if focused { "▸ " } else { "" },
                sanitize_line(title)
            ),
            if focused {
                app.theme.focused_border()
            } else {
                app.theme.title()
            },
        ))
        .border_style(if focused {
            app.theme.focused_border()
        } else {
            app.theme.border()
        });
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    lines_with_scrollbar(app, frame, inner, panel, None, build);
    app.drawn.borrow_mut().hits.push((area, Hit::Panel(panel)));
}

/// Draws lines into `inner` with a scrollbar; `follow` keeps that line visible instead of
/// using the stored offset (lists whose selection moves).
fn lines_with_scrollbar<F>(
    app: &App<'_>,
    frame: &mut Frame<'_>,
    inner: Rect,
    panel: Panel,
    follow: Option<usize>,
    build: F,
) where
    F: FnOnce(usize) -> Vec<Line<'static>>,
{
    if inner.width < 2 || inner.height == 0 {
        return;
    }
    // One column for the scrollbar and one to keep text clear of it.
    let lines = build(usize::from(inner.width.saturating_sub(2)).max(1));
    let height = usize::from(inner.height);
    let max = lines.len().saturating_sub(height);
    let offset = match follow {
        Some(line) => {
            let stored = usize::from(app.scroll[panel as usize]).min(max);
            if line < stored {
                line
            } else if line >= stored + height {
                line + 1 - height
            } else {
                stored
            }
        }
        None => usize::from(app.scroll[panel as usize]).min(max),
    }
    .min(max);
    {
        let mut drawn = app.drawn.borrow_mut();
        drawn.viewport[panel as usize] = inner.height;
        drawn.max_scroll[panel as usize] = u16::try_from(max).unwrap_or(u16::MAX);
    }
    let total = lines.len();
    let visible: Vec<Line<'static>> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    if total > height {
        let mut state = ScrollbarState::new(max + 1)
            .position(offset)
            .viewport_content_length(height);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(Some("▲"))
                .end_symbol(Some("▼")),
            inner,
            &mut state,
        );
    }
}

/// "Citation — STATUS — history" as styled segments: an authority is never shown without its
/// status.
fn authority(app: &App<'_>, reference: &AuthorityRef) -> Vec<Segment> {
    let mut out: Vec<Segment> = vec![(app.pack.cite(reference), app.theme.text())];
    if let Some(source) = app.pack.source(&reference.source) {
        out.push((" — ".into(), app.theme.text()));
        out.push((
            source.status.label().into(),
            app.theme.status(source.status),
        ));
        if let Some(history) = &source.history {
            out.push((format!(" — {history}"), app.theme.text()));
        }
    }
    out
}

fn heading(text: &str, app: &App<'_>, max: usize) -> Vec<Line<'static>> {
    wrap(&[(text.to_owned(), app.theme.title())], max, 0)
}

/// Header of the walking screens: the pack, the step, the breadcrumbs.
fn header(app: &App<'_>, frame: &mut Frame<'_>, area: Rect, step_label: &str) {
    let theme = app.theme;
    let mut title = format!(" {} · {step_label}", sanitize_line(app.pack.title()));
    if let Some(case) = app.current_case() {
        title.push_str(" · fact pattern: ");
        title.push_str(&sanitize_line(&case.title));
    }
    let mut crumbs: Vec<String> = app
        .session
        .history()
        .iter()
        .map(|s| sanitize_line(&app.pack.question(s.question).id))
        .collect();
    crumbs.push(match app.session.current() {
        Node::Question(q) => format!("[{}]", sanitize_line(&app.pack.question(q).id)),
        Node::Conclusion(c) => format!("[{}]", sanitize_line(&app.pack.conclusion(c).id)),
    });
    let max = usize::from(area.width.saturating_sub(2));
    let mut line = crumbs.join(" › ");
    while width(&line) > max && crumbs.len() > 1 {
        crumbs.remove(0);
        line = format!("… › {}", crumbs.join(" › "));
    }
    let lines = vec![
        Line::styled(title, theme.title()),
        Line::from(vec![
            Span::raw(" Path: "),
            Span::styled(line, theme.on_path()),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::BOTTOM)
                .border_style(theme.border()),
        ),
        area,
    );
}

fn start_screen(app: &App<'_>, frame: &mut Frame<'_>, area: Rect) {
    let theme = app.theme;
    let pack = app.pack;
    let mut entries: Vec<Vec<Segment>> = vec![vec![("Walk the tree freely".into(), theme.text())]];
    for case in pack.cases() {
        entries.push(vec![
            ("Fact pattern: ".into(), theme.text()),
            (case.title.clone(), theme.title()),
        ]);
    }
    let list_height = u16::try_from(entries.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height / 2);
    let [intro, list] = area.layout(&Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(list_height),
    ]));
    let block = Block::bordered().title(Line::styled(" immunity ", theme.title()));
    let inner = block.inner(intro).inner(Margin::new(1, 0));
    frame.render_widget(block, intro);
    let max = usize::from(inner.width);
    let mut lines = wrap(&[(pack.title().to_owned(), theme.title())], max, 0);
    lines.push(Line::raw(""));
    lines.extend(wrap(
        &[(pack.description().to_owned(), theme.text())],
        max,
        0,
    ));
    lines.push(Line::raw(""));
    lines.extend(wrap(
        &[(pack.disclaimer().to_owned(), theme.text())],
        max,
        0,
    ));
    lines.push(Line::raw(""));
    lines.extend(wrap(
        &[(
            format!("Law checked to {}.", pack.law_checked()),
            theme.dim(),
        )],
        max,
        0,
    ));
    frame.render_widget(Paragraph::new(lines), inner);

    let block = Block::bordered().title(Line::styled(
        " Choose (1–9 or ↑↓ and Enter) ",
        theme.title(),
    ));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let offset = app
        .start_selected
        .saturating_sub(usize::from(inner.height).saturating_sub(1));
    for (row, (i, entry)) in entries.iter().enumerate().skip(offset).enumerate() {
        let Ok(row) = u16::try_from(row) else { break };
        if row >= inner.height {
            break;
        }
        let rect = Rect {
            y: inner.y + row,
            height: 1,
            ..inner
        };
        let selected = i == app.start_selected;
        let marker = (
            format!("{} {}. ", if selected { "▶" } else { " " }, i + 1),
            theme.text(),
        );
        let mut line = prefixed(marker, entry, usize::from(rect.width))
            .into_iter()
            .next()
            .unwrap_or_default();
        if selected {
            line = line.patch_style(theme.selected());
        }
        frame.render_widget(Paragraph::new(line), rect);
        app.drawn.borrow_mut().hits.push((rect, Hit::StartEntry(i)));
    }
}

fn question_screen(app: &App<'_>, frame: &mut Frame<'_>, area: Rect, q: usize) {
    let theme = app.theme;
    let question = app.pack.question(q);
    let step = app.session.history().len() + 1;
    let [head, body] = area.layout(&Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
    ]));
    header(app, frame, head, &format!("Step {step}"));

    let (main, facts) = if app.case.is_some() {
        let side = (body.width * 32 / 100).max(24);
        let [m, f] = body.layout(&Layout::horizontal([
            Constraint::Min(1),
            Constraint::Length(side),
        ]));
        (m, Some(f))
    } else {
        (body, None)
    };

    // The question and its numbered answers.
    let inner_width = usize::from(main.width.saturating_sub(4));
    let mut lines = wrap(&[(question.prompt.clone(), theme.title())], inner_width, 0);
    let prompt_lines = lines.len();
    let mut option_rows = Vec::new();
    for (i, option) in question.options.iter().enumerate() {
        let selected = i == app.highlight;
        let earlier = app.session.remembered(q) == Some(i) && !selected;
        let mut segments: Vec<Segment> = vec![(option.label.clone(), theme.text())];
        if earlier {
            segments.push(("  (your earlier answer)".into(), theme.dim()));
        }
        let marker = (
            format!("{} {}. ", if selected { "▶" } else { " " }, i + 1),
            theme.text(),
        );
        let wrapped = prefixed(marker, &segments, inner_width);
        let first = lines.len() + 1;
        option_rows.push((first, wrapped.len(), i));
        for line in wrapped {
            lines.push(if selected {
                line.patch_style(theme.selected())
            } else {
                line
            });
        }
    }
    // One blank line between the prompt and the answers.
    lines.insert(prompt_lines, Line::raw(""));
    let wanted = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let question_height = wanted.min(main.height * 6 / 10).max(4);
    let rest = main.height.saturating_sub(question_height);
    let [qarea, answer_area, bottom] = main.layout(&Layout::vertical([
        Constraint::Length(question_height),
        Constraint::Length((rest / 3).max(3).min(rest)),
        Constraint::Min(0),
    ]));
    let block = Block::bordered().title(Line::styled(format!(" Question {step} "), theme.title()));
    let inner = block.inner(qarea).inner(Margin::new(1, 0));
    frame.render_widget(block, qarea);
    frame.render_widget(Paragraph::new(lines), inner);
    for (first, count, i) in option_rows {
        let Ok(y) = u16::try_from(first) else {
            continue;
        };
        if y >= inner.height {
            continue;
        }
        let height = u16::try_from(count).unwrap_or(1).min(inner.height - y);
        app.drawn.borrow_mut().hits.push((
            Rect {
                y: inner.y + y,
                height,
                ..inner
            },
            Hit::Option(i),
        ));
    }

    answer_panel(app, frame, answer_area, q);
    why_and_excerpts(app, frame, bottom, q);

    if let (Some(area), Some(case)) = (facts, app.current_case()) {
        scroll_panel(app, frame, area, "Fact pattern", Panel::Facts, |max| {
            let mut lines = wrap(&[(case.title.clone(), theme.title())], max, 0);
            lines.extend(wrap(&[(case.citation.clone(), theme.dim())], max, 0));
            lines.push(Line::raw(""));
            lines.extend(wrap(&[(case.facts.clone(), theme.text())], max, 0));
            lines
        });
    }
}

/// The highlighted answer's note and its authorities, each with its status.
fn answer_panel(app: &App<'_>, frame: &mut Frame<'_>, answer_area: Rect, q: usize) {
    let theme = app.theme;
    let question = app.pack.question(q);
    if let Some(option) = question.options.get(app.highlight) {
        let title = format!("Answer {}: what it means", app.highlight + 1);
        scroll_panel(app, frame, answer_area, &title, Panel::Answer, |max| {
            let mut lines = Vec::new();
            match &option.note {
                Some(note) => lines.extend(wrap(&[(note.clone(), theme.text())], max, 0)),
                None => lines.extend(wrap(
                    &[("No note for this answer.".into(), theme.dim())],
                    max,
                    0,
                )),
            }
            for reference in &option.authorities {
                lines.extend(prefixed(
                    ("• ".into(), theme.text()),
                    &authority(app, reference),
                    max,
                ));
            }
            lines
        });
    }
}

/// The why panel and the excerpt panel, side by side when there is room.
fn why_and_excerpts(app: &App<'_>, frame: &mut Frame<'_>, bottom: Rect, q: usize) {
    let theme = app.theme;
    let question = app.pack.question(q);
    let (why_area, excerpt_area) = if bottom.width >= 70 {
        let [a, b] = bottom.layout(&Layout::horizontal([
            Constraint::Percentage(45),
            Constraint::Percentage(55),
        ]));
        (a, b)
    } else {
        let [a, b] = bottom.layout(&Layout::vertical([
            Constraint::Percentage(40),
            Constraint::Percentage(60),
        ]));
        (a, b)
    };
    scroll_panel(
        app,
        frame,
        why_area,
        "Why this is asked",
        Panel::Why,
        |max| wrap(&[(question.why.clone(), theme.text())], max, 0),
    );
    let count = question.excerpts.len();
    let index = app.excerpt.min(count.saturating_sub(1));
    let title = if count == 0 {
        "Excerpt".to_owned()
    } else {
        format!("Excerpt {} of {count} (Tab: next)", index + 1)
    };
    scroll_panel(app, frame, excerpt_area, &title, Panel::Excerpt, |max| {
        let Some(excerpt) = question.excerpts.get(index) else {
            return wrap(
                &[("This question has no excerpt.".into(), theme.dim())],
                max,
                0,
            );
        };
        let mut lines = wrap(&[(format!("“{}”", excerpt.quote), theme.quote())], max, 0);
        lines.push(Line::raw(""));
        let pinned = AuthorityRef {
            source: excerpt.source.clone(),
            pin: excerpt.pin.clone(),
        };
        let mut segments: Vec<Segment> = vec![("— ".into(), theme.text())];
        segments.extend(authority(app, &pinned));
        lines.extend(wrap(&segments, max, 0));
        if let Some(quoting) = &excerpt.quoting {
            let mut segments: Vec<Segment> = vec![("  quoting ".into(), theme.text())];
            segments.extend(authority(app, quoting));
            lines.extend(wrap(&segments, max, 0));
        }
        lines
    });
}

fn conclusion_screen(app: &App<'_>, frame: &mut Frame<'_>, area: Rect, c: usize) {
    let theme = app.theme;
    let pack = app.pack;
    let conclusion = pack.conclusion(c);
    let [head, body] = area.layout(&Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
    ]));
    header(app, frame, head, "Conclusion");
    let label = sanitize_line(pack.outcome_label(&conclusion.outcome)).to_uppercase();
    scroll_panel(app, frame, body, "Conclusion", Panel::Conclusion, |max| {
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
        lines.extend(heading(&conclusion.title, app, max));
        lines.extend(wrap(&[(conclusion.summary.clone(), theme.text())], max, 0));
        lines.extend(case_lines(app, c, max));
        lines.push(Line::raw(""));
        lines.extend(heading("Why", app, max));
        lines.extend(wrap(
            &[(conclusion.reasoning.clone(), theme.text())],
            max,
            0,
        ));
        for reference in &conclusion.authorities {
            lines.extend(prefixed(
                ("  • ".into(), theme.text()),
                &authority(app, reference),
                max,
            ));
        }
        lines.push(Line::raw(""));
        lines.extend(chain_lines(app, max));
        if !conclusion.caveats.is_empty() {
            lines.push(Line::raw(""));
            lines.extend(heading("Caveats", app, max));
            for caveat in &conclusion.caveats {
                lines.extend(prefixed(
                    ("• ".into(), theme.text()),
                    &[(caveat.clone(), theme.text())],
                    max,
                ));
            }
        }
        lines.push(Line::raw(""));
        lines.extend(wrap(
            &[(pack.disclaimer().to_owned(), theme.text())],
            max,
            0,
        ));
        lines.extend(wrap(
            &[(
                format!("Law checked to {}.", pack.law_checked()),
                theme.dim(),
            )],
            max,
            0,
        ));
        lines.push(Line::raw(""));
        let exported = if app.exported { " (exported)" } else { "" };
        lines.extend(wrap(
            &[(
                format!("Actions: e export{exported} · v review · r restart · q quit · ← back"),
                theme.dim(),
            )],
            max,
            0,
        ));
        lines
    });
}

/// For a fact pattern: whether the court reached the same result, and where the path left
/// the court's.
fn case_lines(app: &App<'_>, c: usize, max: usize) -> Vec<Line<'static>> {
    let pack = app.pack;
    let theme = app.theme;
    let mut lines = Vec::new();
    if let Some(case) = app.current_case() {
        lines.push(Line::raw(""));
        lines.extend(heading(&format!("Fact pattern: {}", case.title), app, max));
        let expected = pack.node(&case.expected);
        let court = match expected {
            Some(Node::Conclusion(e)) => {
                let ec = pack.conclusion(e);
                format!(
                    "{} ({})",
                    ec.title,
                    pack.outcome_label(&ec.outcome).to_uppercase()
                )
            }
            _ => case.expected.clone(),
        };
        let same = expected == Some(Node::Conclusion(c));
        let verdict = if same {
            "You reached the same result as the court: "
        } else {
            "You reached a different result from the court's: "
        };
        lines.extend(wrap(
            &[(verdict.into(), theme.title()), (court, theme.text())],
            max,
            0,
        ));
        match divergence(&app.session, case) {
            Some(step) => {
                let s = app.session.history()[step];
                let question = pack.question(s.question);
                let yours = &question.options[s.option].label;
                let theirs = case
                    .answers
                    .get(&question.id)
                    .and_then(|id| question.options.iter().find(|o| &o.id == id))
                    .map_or_else(
                        || "the court's path does not ask this question".to_owned(),
                        |o| format!("the court's answer: “{}”", o.label),
                    );
                lines.extend(wrap(
                        &[(format!("Your path left the court's at step {}: {} You answered “{yours}”; {theirs}.", step + 1, question.prompt), theme.text())],
                        max,
                        0,
                    ));
            }
            None => lines.extend(wrap(
                &[(
                    "Your path followed the court's at every step.".into(),
                    theme.text(),
                )],
                max,
                0,
            )),
        }
        lines.extend(wrap(
            &[
                ("What the court held: ".into(), theme.title()),
                (case.holding.clone(), theme.text()),
            ],
            max,
            0,
        ));
    }
    lines
}

/// The reasoning chain: question → answer → note → authorities with status.
fn chain_lines(app: &App<'_>, max: usize) -> Vec<Line<'static>> {
    let pack = app.pack;
    let theme = app.theme;
    let mut lines = Vec::new();
    lines.extend(heading("Your reasoning, step by step", app, max));
    for (n, step) in app.session.history().iter().enumerate() {
        let question = pack.question(step.question);
        let option = &question.options[step.option];
        lines.extend(prefixed(
            (format!("{}. ", n + 1), theme.text()),
            &[(question.prompt.clone(), theme.text())],
            max,
        ));
        lines.extend(prefixed(
            ("   → ".into(), theme.text()),
            &[(option.label.clone(), theme.title())],
            max,
        ));
        if let Some(note) = &option.note {
            lines.extend(wrap(&[(note.clone(), theme.text())], max, 3));
        }
        for reference in &option.authorities {
            lines.extend(prefixed(
                ("   • ".into(), theme.text()),
                &authority(app, reference),
                max,
            ));
        }
    }
    lines
}

/// A centred rectangle of at most `w`×`h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn overlay_block(app: &App<'_>, frame: &mut Frame<'_>, area: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(Line::styled(format!(" {title} "), app.theme.title()))
        .border_style(app.theme.focused_border());
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    inner
}

fn big(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).max(1),
        area.height.saturating_sub(2).max(1),
    )
}

fn help_overlay(app: &App<'_>, frame: &mut Frame<'_>, area: Rect) {
    let inner = overlay_block(app, frame, big(area), "Help — keys (Esc closes)");
    let theme = app.theme;
    let context = app.screen_context();
    lines_with_scrollbar(app, frame, inner, Panel::Overlay, None, |max| {
        let rows: Vec<(String, &str)> = keymap::bindings(context)
            .filter(|b| !matches!(b.action, keymap::Action::Help))
            .map(|b| (keymap::key_names(b), b.help))
            .chain(std::iter::once(("?".to_owned(), "this help")))
            .collect();
        let key_width = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
        let mut lines = wrap(
            &[(
                format!("Keys on this screen ({})", context_name(context)),
                theme.title(),
            )],
            max,
            0,
        );
        for (keys, help) in rows {
            let mut line = wrap(
                &[(help.to_owned(), theme.text())],
                max.saturating_sub(key_width).max(10),
                0,
            );
            if let Some(first) = line.first_mut() {
                first
                    .spans
                    .insert(0, Span::styled(format!("{keys:<key_width$}"), theme.key()));
            }
            for rest in line.iter_mut().skip(1) {
                rest.spans.insert(0, Span::raw(" ".repeat(key_width)));
            }
            lines.extend(line);
        }
        lines.push(Line::raw(""));
        lines.extend(wrap(&[("Mouse: click an answer to choose it; the wheel scrolls the panel under the pointer.".into(), theme.text())], max, 0));
        lines.extend(wrap(
            &[("Authorities always show their status in words (GOOD LAW, REVERSED, CAUTION, OVERRULED IN PART, SUPERSEDED IN PART). Reversed law is shown only as history, never as the law.".into(), theme.text())],
            max,
            0,
        ));
        lines
    });
}

fn context_name(context: Context) -> &'static str {
    match context {
        Context::Start => "start",
        Context::Question => "question",
        Context::Conclusion => "conclusion",
        Context::Help => "help",
        Context::Map => "map",
        Context::Review => "review",
        Context::Export => "export",
        Context::Confirm => "confirm",
    }
}

/// Where an option leads, in words.
fn destination(app: &App<'_>, q: usize, o: usize) -> String {
    match app.pack.target(q, o) {
        Node::Question(next) => {
            let n = app
                .map_order
                .iter()
                .position(|&m| m == next)
                .map_or(0, |i| i + 1);
            format!("Q{n}")
        }
        Node::Conclusion(c) => {
            let conclusion = app.pack.conclusion(c);
            format!(
                "{} ({})",
                conclusion.title,
                app.pack.outcome_label(&conclusion.outcome).to_uppercase()
            )
        }
    }
}

fn map_overlay(app: &App<'_>, frame: &mut Frame<'_>, area: Rect, selected: usize) {
    let inner = overlay_block(
        app,
        frame,
        big(area),
        "Map of the tree (Enter: go to an answered question · Esc closes)",
    );
    let theme = app.theme;
    let history = app.session.history();
    let current = app.session.current_question();
    let mut selected_line = 0;
    let mut build = |max: usize| {
        let mut lines = wrap(
            &[(
                "✓ answered on your path · ▶ you are here · ● your answer".into(),
                theme.dim(),
            )],
            max,
            0,
        );
        for (n, &q) in app.map_order.iter().enumerate() {
            let question = app.pack.question(q);
            let answered = history.iter().find(|s| s.question == q);
            let marker = if current == Some(q) {
                "▶"
            } else if answered.is_some() {
                "✓"
            } else {
                " "
            };
            let style = if answered.is_some() || current == Some(q) {
                theme.on_path()
            } else {
                theme.text()
            };
            let mut head = prefixed(
                (format!("{marker} Q{}. ", n + 1), style),
                &[(question.prompt.clone(), style)],
                max,
            );
            if n == selected {
                selected_line = lines.len();
                head = head
                    .into_iter()
                    .map(|l| l.patch_style(theme.selected()))
                    .collect();
            }
            lines.extend(head);
            for (o, option) in question.options.iter().enumerate() {
                let chosen = answered.is_some_and(|s| s.option == o);
                let bullet = if chosen { "●" } else { "·" };
                let style = if chosen {
                    theme.on_path()
                } else {
                    theme.text()
                };
                lines.extend(prefixed(
                    (format!("     {bullet} "), style),
                    &[(
                        format!("{} → {}", option.label, destination(app, q, o)),
                        style,
                    )],
                    max,
                ));
            }
        }
        lines
    };
    // The selection's line is known only after building; build once to find it, then draw.
    let width_for_text = usize::from(inner.width.saturating_sub(2)).max(1);
    let lines = build(width_for_text);
    let follow = selected_line;
    lines_with_scrollbar(app, frame, inner, Panel::Overlay, Some(follow), move |_| {
        lines
    });
}

fn review_overlay(app: &App<'_>, frame: &mut Frame<'_>, area: Rect, selected: usize) {
    let inner = overlay_block(
        app,
        frame,
        big(area),
        "Review your answers (Enter: change this answer · Esc closes)",
    );
    let theme = app.theme;
    let max = usize::from(inner.width.saturating_sub(2)).max(1);
    let mut lines = Vec::new();
    let mut selected_line = 0;
    if app.session.history().is_empty() {
        lines.extend(wrap(&[("No answers yet.".into(), theme.dim())], max, 0));
    }
    for (n, step) in app.session.history().iter().enumerate() {
        let question = app.pack.question(step.question);
        let mut block = prefixed(
            (format!("{}. ", n + 1), theme.text()),
            &[(question.prompt.clone(), theme.text())],
            max,
        );
        block.extend(prefixed(
            ("   → ".into(), theme.text()),
            &[(question.options[step.option].label.clone(), theme.title())],
            max,
        ));
        if n == selected {
            selected_line = lines.len();
            block = block
                .into_iter()
                .map(|l| l.patch_style(theme.selected()))
                .collect();
        }
        lines.extend(block);
    }
    lines.push(Line::raw(""));
    lines.extend(wrap(
        &[("Changing an answer keeps your later answers wherever the new path still passes through their questions.".into(), theme.dim())],
        max,
        0,
    ));
    lines_with_scrollbar(
        app,
        frame,
        inner,
        Panel::Overlay,
        Some(selected_line),
        move |_| lines,
    );
}

fn export_overlay(app: &App<'_>, frame: &mut Frame<'_>, area: Rect) {
    let Some(Overlay::Export(dialog)) = &app.overlay else {
        return;
    };
    let theme = app.theme;
    let rect = centered(area, 72, 15);
    let inner = overlay_block(app, frame, rect, "Export the conclusion");
    let [formats, path_label, path, message, hint] = inner.layout(&Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(1),
    ]));
    let mut lines = vec![Line::styled("Format (↑/↓ to change):", theme.title())];
    for (i, (_, name, ext)) in FORMATS.iter().enumerate() {
        let on = i == dialog.format;
        let line = Line::raw(format!(
            "  {} {name} (.{ext})",
            if on { "(•)" } else { "( )" }
        ));
        lines.push(if on {
            line.patch_style(theme.selected())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), formats);
    frame.render_widget(
        Paragraph::new(Line::styled(
            "File (relative to the current folder):",
            theme.title(),
        )),
        path_label,
    );
    let mut field = dialog.path.clone();
    field.set_block(Block::bordered().border_style(theme.focused_border()));
    field.set_cursor_style(Style::default().add_modifier(ratatui::style::Modifier::REVERSED));
    frame.render_widget(&field, path);
    let (text, style) = match (&dialog.stage, &dialog.error) {
        (Stage::ConfirmOverwrite(p), _) => (
            format!(
                "{} already exists. Overwrite it? (y/Enter yes · n/Esc no)",
                sanitize_line(&p.display().to_string())
            ),
            theme.error(),
        ),
        (Stage::Editing, Some(error)) => (
            format!("Could not export: {}", sanitize_line(error)),
            theme.error(),
        ),
        (Stage::Editing, None) => (String::new(), Style::default()),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(text, style)).wrap(Wrap { trim: true }),
        message,
    );
    frame.render_widget(
        Paragraph::new(Line::styled("Enter export · Esc cancel", theme.dim())),
        hint,
    );
}

fn confirm_overlay(app: &App<'_>, frame: &mut Frame<'_>, area: Rect, kind: Confirm) {
    let (title, text) = match kind {
        Confirm::Restart => (
            "Restart?",
            "Start again from the beginning? Every answer will be forgotten.",
        ),
        Confirm::Quit => (
            "Quit?",
            "The conclusion has not been exported. Quit anyway?",
        ),
    };
    let inner = overlay_block(app, frame, centered(area, 56, 6), title);
    let lines = vec![
        Line::raw(text),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", app.theme.key()),
            Span::raw("/"),
            Span::styled("Enter", app.theme.key()),
            Span::raw(" yes · "),
            Span::styled("n", app.theme.key()),
            Span::raw("/"),
            Span::styled("Esc", app.theme.key()),
            Span::raw(" no"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
