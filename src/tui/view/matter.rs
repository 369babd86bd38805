//! The matter screen (the caption, court and docket, then each screening with its defendant,
//! act, conclusion or pending question, and certainty), the report of saved answers that no
//! longer fit the pack, and the matter's additions to the walk: the note, cites and certainty
//! of the answer in hand on the question screen, and the contingencies on the conclusion
//! screen. Everything said about a screening comes from the memo's model
//! ([`MemoScreening`]), so the screen and the memo agree.
//!
//! Over 400 lines because the matter screen's list, its details and the note editor's panels
//! share one set of layout helpers.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::common::{Canvas, Follow, big, overlay_block, para, scrolled_lines};
use crate::matter::Certainty;
use crate::matter::memo::{BriefCertainty, MemoScreening};
use crate::tui::app::{App, Hit, Panel};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::matter::MatterState;
use crate::tui::wrap::one_line;
use crate::tui::wrap::{Segment, prefixed, width, wrap};
use crate::words::{count, noun};

/// Lines of a note shown on the question screen before "…".
const NOTE_LINES: usize = 3;

/// The save state for headers: "saved 14:03:22", "NOT SAVED: …", or nothing yet.
pub fn save_state(matter: &MatterState) -> Option<String> {
    match (&matter.save_failed, &matter.saved_at) {
        (Some(reason), _) => Some(format!(
            "NOT SAVED: {}",
            crate::text::Clean::line(reason).into_string()
        )),
        (None, Some(at)) => Some(format!("saved {at}")),
        (None, None) => None,
    }
}

/// The walk's header in a matter: the caption and the defendant first, then where the walk
/// stands and whether every change is saved.
pub fn walk_title(matter: &MatterState, step_label: &str) -> String {
    let defendant = matter
        .walking
        .and_then(|i| matter.screening(i))
        .map(|s| one_line(&s.defendant))
        .unwrap_or_default();
    let mut title = format!(" {} — {defendant} · {step_label}", matter.caption());
    if let Some(state) = save_state(matter) {
        title.push_str(" · ");
        title.push_str(&state);
    }
    title
}

/// Draws the matter screen.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect) {
    let Some(matter) = &app.matter else {
        return;
    };
    let theme = app.theme;
    let head_rows = if area.height >= 20 { 3 } else { 2 };
    let [head, body] = area.layout(&Layout::vertical([
        Constraint::Length(head_rows),
        Constraint::Min(1),
    ]));
    let block = theme.head_rule(head_rows >= 3);
    let inner = block.inner(head);
    c.draw(block, head);
    let mut title = format!(" {}", matter.caption());
    if let Some(file) = matter.file() {
        for part in [&file.matter.court, &file.matter.docket]
            .into_iter()
            .flatten()
        {
            title.push_str(" · ");
            title.push_str(&one_line(part));
        }
    } else {
        title.push_str("(new matter)");
    }
    let second = format!(
        " {}{}",
        crate::text::Clean::line(&matter.path.display().to_string()).into_string(),
        save_state(matter).map_or_else(String::new, |s| format!(" · {s}"))
    );
    let second_style = if matter.save_failed.is_some() {
        theme.error()
    } else {
        theme.dim()
    };
    c.draw(
        Paragraph::new(vec![
            Line::styled(cut(&title, usize::from(inner.width)), theme.title()),
            Line::styled(cut(&second, usize::from(inner.width)), second_style),
        ]),
        inner,
    );

    // Only the screenings on screen are built, so a move costs what one screen costs however
    // many screenings the matter holds. The first one shown is the list panel's offset.
    let focused = app.overlay.is_none();
    let block = Block::bordered()
        .title(Line::styled(
            format!(
                " {}Screenings ({}) ",
                if focused { "▸ " } else { "" },
                matter.len()
            ),
            if focused {
                theme.focused_border()
            } else {
                theme.title()
            },
        ))
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.border()
        });
    let inner = block.inner(body).inner(ratatui::layout::Margin::new(1, 0));
    c.draw(block, body);
    c.hit(body, Hit::Panel(Panel::List));
    if matter.summaries.is_empty() {
        let lines = empty_lines(app, usize::from(inner.width).max(1));
        c.draw(Paragraph::new(lines), inner);
        return;
    }
    let top = app.scroll[Panel::List as usize];
    let drawn = super::list::render(
        c,
        inner,
        matter.summaries.len(),
        matter.selected,
        top,
        |i, max| item_lines(app, matter, i, max),
    );
    c.plan.offset[Panel::List as usize] = Some(c.plan.list_top);
    c.plan.viewport[Panel::List as usize] = inner.height;
    c.plan.max_scroll[Panel::List as usize] = matter.summaries.len().saturating_sub(1);
    // Each screening drawn is clickable, on the rows it shows.
    for (i, start, len) in drawn {
        let y = inner.y + u16::try_from(start).unwrap_or(0);
        let h = u16::try_from(len).unwrap_or(1);
        c.hit(Rect::new(inner.x, y, inner.width, h), Hit::Screening(i));
    }
}

/// `segment` wrapped to `max` behind `prefix`, later lines indented as far.
fn pre(segment: Segment, max: usize, prefix: &str) -> Vec<Line<'static>> {
    if prefix.is_empty() {
        return wrap(&[segment], max, 0);
    }
    prefixed((prefix.to_owned(), segment.1), &[segment], max)
}

/// Shortens `text` to `room` columns with "…", at a word when one ends in the last third.
pub fn cut(text: &str, room: usize) -> String {
    if width(text) <= room {
        return text.to_owned();
    }
    let mut out = String::new();
    for ch in text.chars() {
        if width(&out) + width(ch.encode_utf8(&mut [0; 4])) + 1 > room {
            break;
        }
        out.push(ch);
    }
    if let Some(space) = out.rfind(' ')
        && width(&out[..space]) >= room * 2 / 3
    {
        out.truncate(space);
    }
    format!("{}…", out.trim_end())
}

/// What the list says while the matter has no screening.
fn empty_lines(app: &App<'_>, max: usize) -> Vec<Line<'static>> {
    let add = keymap::keys_for(Context::Matter, Action::Add).unwrap_or_default();
    let details = keymap::keys_for(Context::Matter, Action::Details).unwrap_or_default();
    para(
        &format!(
            "No screenings yet. Press {add} to add one: a defendant and the act complained of. {details} sets the court, docket, preparer and reviewer the memo names."
        ),
        app.theme.text(),
        max,
    )
}

/// Screening `i`'s lines: who and what, the result, the certainty, answers that no longer fit.
fn item_lines(app: &App<'_>, matter: &MatterState, i: usize, max: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let s = &matter.summaries[i];
    let on = i == matter.selected;
    let mut who = format!("{}. {}", s.number, s.defendant);
    if let Some(role) = &s.role {
        who.push_str(" (");
        who.push_str(role);
        who.push(')');
    }
    if let Some(act) = &s.act {
        who.push_str(" — ");
        who.push_str(act);
    }
    let lead = if on { "▸ " } else { "  " };
    let mut item = pre((one_line(&who), theme.title()), max, lead);
    let result = match &s.pending {
        Some(_) if s.answers.is_empty() => "not started".to_owned(),
        Some(p) => format!("pending: {}", p.prompt),
        None if s.brief.outcome == s.brief.title => s.brief.title.clone(),
        None => format!("{}: {}", s.brief.outcome, s.brief.title),
    };
    item.extend(pre((one_line(&result), theme.text()), max, "     "));
    if let Some(words) = certainty_words(s) {
        item.extend(pre((words, theme.dim()), max, "     "));
    }
    let stale = s.facts.iter().filter(|f| f.stale).count();
    if stale > 0 {
        item.extend(pre(
            (
                format!(
                    "⚠ {} written for an earlier answer",
                    count(stale, "note", "notes")
                ),
                theme.error(),
            ),
            max,
            "     ",
        ));
    }
    if !s.misfits.is_empty() {
        let n = s.misfits.len();
        item.extend(pre(
            (
                format!(
                    "{} no longer {} the pack (kept)",
                    count(n, "saved answer", "saved answers"),
                    noun(n, "fits", "fit")
                ),
                theme.error(),
            ),
            max,
            "     ",
        ));
    }
    if on {
        item = item
            .into_iter()
            .map(|l| l.patch_style(theme.selected()))
            .collect();
    }
    item
}

/// Holds either way / depends on N answers, for a concluded screening with uncertain answers.
fn certainty_words(s: &MemoScreening) -> Option<String> {
    let on_path = s.contingencies.iter().filter(|c| c.on_path).count();
    match s.brief.certainty {
        BriefCertainty::Pending => None,
        BriefCertainty::Certain => Some("sure: no answer on the path is unsure".to_owned()),
        BriefCertainty::HoldsEitherWay => Some(format!(
            "holds either way ({on_path} unsure or contested {})",
            noun(on_path, "answer", "answers")
        )),
        BriefCertainty::Depends => {
            let n = s
                .contingencies
                .iter()
                .filter(|c| c.on_path && !c.holds)
                .count();
            Some(format!(
                "depends on {n} unsure or contested {}",
                noun(n, "answer", "answers")
            ))
        }
    }
}

/// The report of saved answers that no longer fit the pack.
pub fn fit(app: &App<'_>, c: &mut Canvas<'_>, area: Rect) {
    let Some(matter) = &app.matter else {
        return;
    };
    let inner = overlay_block(
        app,
        c,
        big(area),
        "Saved answers that no longer fit this pack",
    );
    let theme = app.theme;
    let close = keymap::keys_for(Context::Help, Action::Close).unwrap_or_default();
    scrolled_lines(app, c, inner, Panel::Overlay, Follow::Offset, |max| {
        let mut lines = para(
            "Some saved answers do not fit this pack, or were given with another version of it. Every answer is kept in the file; one that does not fit is not used until its question is answered again.",
            theme.text(),
            max,
        );
        lines.push(Line::raw(""));
        for l in &matter.fit_report {
            lines.extend(pre((l.clone(), theme.text()), max, ""));
        }
        lines.push(Line::raw(""));
        lines.extend(para(&format!("Enter or {close} closes."), theme.key(), max));
        lines
    });
}

/// The summary of the screening being walked, as last saved.
fn walked<'a>(app: &'a App<'_>) -> Option<&'a MemoScreening> {
    let matter = app.matter.as_ref()?;
    matter.summaries.get(matter.walking?)
}

/// On the question screen: the note, cites and certainty of the answer the note key acts on.
pub fn answer_lines(app: &App<'_>, max: usize) -> Vec<Line<'static>> {
    let Some((i, question)) = app.note_target() else {
        return Vec::new();
    };
    let Some(answer) = app.saved_answer(i, &question) else {
        return Vec::new();
    };
    let theme = app.theme;
    let here = app
        .session
        .current_question()
        .is_some_and(|q| app.pack.question(q).id == question);
    // A question not answered yet shows nothing of the last answer: `n` there asks which
    // answer a note is for, and the review shows every answer's note.
    if !here {
        return Vec::new();
    }
    let whose = "Your answer here";
    let mut head = format!("{whose}: {}", answer.certainty);
    if answer.certainty == Certainty::Sure && answer.note.is_none() && answer.cites.is_empty() {
        let keys = keymap::hint(
            Context::Question,
            &[
                (Action::Note, "note and cites"),
                (Action::Certainty, "unsure"),
            ],
        );
        head.push_str(" · ");
        head.push_str(&keys);
    }
    let mut lines = pre((head, theme.key()), max, "");
    if answer.is_stale() {
        let keys = keymap::keys_for(Context::Question, Action::Note).unwrap_or_default();
        lines.extend(pre(
            (
                format!(
                    "⚠ Written for the earlier answer \u{201c}{}\u{201d}: {keys} keeps, edits or drops it",
                    earlier_label(app, answer)
                ),
                theme.error(),
            ),
            max,
            "",
        ));
    }
    if let Some(note) = &answer.note {
        let mut shown = Vec::new();
        for (n, part) in note.lines().enumerate() {
            let lead = if n == 0 { "Note: " } else { "      " };
            shown.extend(pre((one_line(part), theme.text()), max, lead));
        }
        // A long note is read in its editor; here its first lines say it is there.
        if shown.len() > NOTE_LINES {
            shown.truncate(NOTE_LINES);
            let more = keymap::keys_for(Context::Question, Action::Note).unwrap_or_default();
            shown.push(Line::styled(
                format!("      … ({more} shows all)"),
                theme.dim(),
            ));
        }
        lines.extend(shown);
    }
    if !answer.cites.is_empty() {
        let cites: Vec<String> = answer.cites.iter().map(|c| one_line(c)).collect();
        lines.extend(pre((cites.join("; "), theme.text()), max, "Cites: "));
    }
    lines.push(Line::raw(""));
    lines
}

/// On the conclusion screen in a matter: how certain the result is, and the contingency of
/// every unsure or contested answer.
pub fn conclusion_lines(app: &App<'_>, max: usize) -> Vec<Line<'static>> {
    let Some(s) = walked(app) else {
        return Vec::new();
    };
    let theme = app.theme;
    let mut lines = vec![Line::raw("")];
    lines.extend(para(
        &format!("Screening {}: {}", s.number, s.defendant),
        theme.title(),
        max,
    ));
    lines.extend(para(
        &format!("Certainty: {}", s.brief.certainty_text),
        theme.text(),
        max,
    ));
    if s.contingencies.is_empty() {
        return lines;
    }
    lines.push(Line::raw(""));
    lines.extend(para("Contingencies", theme.title(), max));
    for k in &s.contingencies {
        lines.extend(pre(
            (
                format!("“{}” — answered “{}” ({})", k.prompt, k.label, k.certainty),
                theme.text(),
            ),
            max,
            "• ",
        ));
        if !k.on_path {
            lines.extend(pre(
                (
                    "not on this path: it decides nothing here".to_owned(),
                    theme.dim(),
                ),
                max,
                "  ",
            ));
            continue;
        }
        if k.holds {
            lines.extend(pre(
                (
                    "holds either way: every other answer reaches the same conclusion".to_owned(),
                    theme.text(),
                ),
                max,
                "  ",
            ));
            continue;
        }
        for a in k.alternatives.iter().filter(|a| !a.same) {
            let end = match (&a.result, &a.unanswered) {
                (Some(r), _) => r.clone(),
                (None, Some(q)) => format!("stops at a question never answered: “{q}”"),
                (None, None) => continue,
            };
            lines.extend(pre(
                (format!("if “{}”: {end}", a.label), theme.text()),
                max,
                "  ",
            ));
        }
    }
    lines
}

/// The earlier answer a flagged note was written for, in words (sanitised).
pub fn earlier_label(app: &App<'_>, answer: &crate::matter::Answer) -> String {
    let pack = app.pack;
    pack.question_index(&answer.question)
        .and_then(|q| {
            let o = pack.option_index(q, answer.written_for())?;
            Some(one_line(&pack.question(q).options[o].label))
        })
        .unwrap_or_else(|| one_line(answer.written_for()))
}
