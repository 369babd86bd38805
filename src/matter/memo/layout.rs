//! The memo laid out once as document blocks ([`crate::document`]), in reading order. Every
//! format draws these blocks, so the formats cannot disagree about what the memo says or in
//! which order.
//!
//! Every string is folded to one line and stripped of unsafe characters here; each writer
//! escapes for its own language.

use std::fmt::Write as _;

use super::{Memo, MemoScreening};
use crate::document::{Block, Span, note_lines};
use crate::report::{CitedAuthority, Report};
use crate::text::sanitize_line;

/// The memo as blocks, in reading order.
pub fn layout(memo: &Memo) -> Vec<Block> {
    let mut out = vec![Block::Title("MEMORANDUM".to_owned())];
    header(&mut out, memo);
    brief(&mut out, memo);
    facts_and_discussion(&mut out, memo);
    contingencies(&mut out, memo);
    other_bars(&mut out, memo);
    authorities_and_review(&mut out, memo);
    out
}

/// To, From, Date, Re, and the question presented.
fn header(out: &mut Vec<Block>, memo: &Memo) {
    let m = &memo.matter;
    let mut re = sanitize_line(&m.caption);
    if let Some(d) = &m.docket {
        let _ = write!(re, ", No. {}", sanitize_line(d));
    }
    if let Some(c) = &m.court {
        let _ = write!(re, " ({})", sanitize_line(c));
    }
    re.push_str(": screening for immunity");
    let mut fields = vec![
        (
            "To".to_owned(),
            m.reviewer
                .as_deref()
                .map_or_else(|| "Supervising attorney".to_owned(), sanitize_line),
        ),
        (
            "From".to_owned(),
            m.prepared_by
                .as_deref()
                .map_or_else(|| "(preparer not named)".to_owned(), sanitize_line),
        ),
        ("Date".to_owned(), sanitize_line(&memo.date)),
        ("Re".to_owned(), re),
    ];
    if let Some(c) = &m.client {
        fields.push(("Client".to_owned(), sanitize_line(c)));
    }
    out.push(Block::Fields(fields));

    heading(out, 1, "Question presented");
    out.push(Block::Para(vec![Span::plain(&memo.question_presented)]));
}

/// A brief answer per defendant, with its certainty.
fn brief(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Brief answer");
    if memo.screenings.is_empty() {
        out.push(Block::Para(vec![Span::plain(
            "No defendant has been screened yet.",
        )]));
    }
    for s in &memo.screenings {
        out.push(Block::Para(vec![
            Span::bold(format!("{}. {}", s.number, who(s))),
            Span::plain(format!(
                " — {}. {}",
                crate::report::headline(&s.brief.outcome, &s.brief.title),
                s.brief.summary
            )),
        ]));
        out.push(Block::Para(vec![
            Span::italic("Certainty: "),
            Span::plain(sentence(&s.brief.certainty_text)),
        ]));
    }
}

/// The facts as answered, then the discussion, per screening.
fn facts_and_discussion(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Facts as answered");
    for s in &memo.screenings {
        heading(out, 2, &screening_title(s));
        facts(out, s);
    }

    heading(out, 1, "Discussion");
    for s in &memo.screenings {
        heading(out, 2, &screening_title(s));
        match (&s.discussion, &s.pending) {
            (Some(report), _) => discussion(out, report),
            (None, Some(p)) => {
                out.push(Block::Para(vec![
                    Span::bold("Not concluded. "),
                    Span::plain(format!(
                        "The answers stop at the question “{}”. The choices there: {}.",
                        p.prompt,
                        // Labels, not ids; a JSON memo from before `labels` has only the
                        // "id: label" strings.
                        if p.labels.is_empty() {
                            p.options.join("; ")
                        } else {
                            p.labels.join("; ")
                        }
                    )),
                ]));
            }
            (None, None) => {}
        }
    }
}

/// Where each unsure or contested answer could lead.
fn contingencies(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Contingencies");
    let mut any = false;
    for s in &memo.screenings {
        if s.contingencies.is_empty() {
            continue;
        }
        any = true;
        heading(out, 2, &screening_title(s));
        let items = s
            .contingencies
            .iter()
            .map(|c| {
                let mut spans = vec![
                    Span::bold(format!("“{}”", c.prompt)),
                    Span::plain(format!(" — answered “{}”, {}. ", c.label, c.certainty)),
                ];
                if !c.on_path {
                    spans.push(Span::plain(
                        "The path does not pass through this question: it decides nothing here.",
                    ));
                } else if c.holds {
                    spans.push(Span::plain(
                        "Holds either way: every other answer reaches the same result.",
                    ));
                } else {
                    let alts: Vec<String> = c
                        .alternatives
                        .iter()
                        .map(|a| {
                            let to = match (&a.result, &a.unanswered) {
                                _ if a.same => "the same result".to_owned(),
                                (Some(r), _) => r.clone(),
                                (None, Some(q)) => format!(
                                    "a question never answered, which must be answered first (“{q}”)"
                                ),
                                (None, None) => "no result".to_owned(),
                            };
                            format!("if “{}”: {to}", a.label)
                        })
                        .collect();
                    spans.push(Span::plain(format!("Depends: {}.", alts.join("; "))));
                }
                spans
            })
            .collect();
        out.push(Block::Bullets(items));
    }
    if !any {
        out.push(Block::Para(vec![Span::plain(
            "No answer is marked unsure or contested.",
        )]));
    }
}

/// The conclusions' caveats: limits and other bars to check.
fn other_bars(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Other bars and limits to check");
    let mut any = false;
    for s in &memo.screenings {
        if s.other_bars.is_empty() {
            continue;
        }
        any = true;
        heading(out, 2, &screening_title(s));
        out.push(Block::Bullets(
            s.other_bars.iter().map(|b| vec![Span::plain(b)]).collect(),
        ));
    }
    if !any {
        out.push(Block::Para(vec![Span::plain(
            "None recorded by the pack for the conclusions reached.",
        )]));
    }
}

/// The table of authorities, the review block and the provenance footer.
fn authorities_and_review(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Table of authorities");
    if memo.authorities.is_empty() {
        out.push(Block::Para(vec![Span::plain("No authority is cited.")]));
    } else {
        out.push(Block::Table {
            header: vec![
                "Authority".to_owned(),
                "Court".to_owned(),
                "Year".to_owned(),
                "Status".to_owned(),
            ],
            rows: memo
                .authorities
                .iter()
                .map(|t| {
                    vec![
                        sanitize_line(&t.citation),
                        sanitize_line(&t.court),
                        t.year.to_string(),
                        status_words(&t.status_label, t.history.as_deref()),
                    ]
                })
                .collect(),
            widths: vec![40, 15, 8, 37],
        });
    }

    heading(out, 1, "Review");
    out.push(Block::Signature(vec![
        (
            "Reviewed by".to_owned(),
            memo.matter
                .reviewer
                .as_deref()
                .map(sanitize_line)
                .unwrap_or_default(),
        ),
        ("Date".to_owned(), String::new()),
        ("Signature".to_owned(), String::new()),
    ]));

    let p = &memo.pack;
    out.push(Block::Footer(vec![
        format!(
            "Screened with {} ({}), version {}; content hash {}; law checked to {}.",
            sanitize_line(&p.title),
            sanitize_line(&p.id),
            sanitize_line(&p.version),
            sanitize_line(&p.content_hash),
            sanitize_line(&p.law_checked)
        ),
        format!(
            "Prepared with {} {} at {}.",
            sanitize_line(&memo.tool.name),
            sanitize_line(&memo.tool.version),
            sanitize_line(&memo.generated_at)
        ),
        sanitize_line(&memo.disclaimer),
    ]));
}

fn heading(out: &mut Vec<Block>, level: u8, text: &str) {
    out.push(Block::Heading {
        level,
        text: sanitize_line(text),
    });
}

/// "Judge A. Roe (state trial judge)".
fn who(s: &MemoScreening) -> String {
    match &s.role {
        Some(r) => format!("{} ({})", sanitize_line(&s.defendant), sanitize_line(r)),
        None => sanitize_line(&s.defendant),
    }
}

/// "1. Judge A. Roe (state trial judge): ordered the plaintiff jailed".
fn screening_title(s: &MemoScreening) -> String {
    match &s.act {
        Some(a) => format!("{}. {}: {}", s.number, who(s), sanitize_line(a)),
        None => format!("{}. {}", s.number, who(s)),
    }
}

fn facts(out: &mut Vec<Block>, s: &MemoScreening) {
    if let Some(changed) = &s.pack_changed {
        out.push(Block::Para(vec![
            Span::bold("Pack changed: "),
            Span::plain(changed),
        ]));
    }
    if s.facts.is_empty() && s.misfits.is_empty() {
        out.push(Block::Para(vec![Span::plain("No question answered yet.")]));
    }
    for f in &s.facts {
        let mut text = vec![
            Span::bold(format!("{} ", f.prompt)),
            Span::plain(format!("Answer: {}.", f.label)),
        ];
        if f.cites.is_empty() {
            text.push(Span::plain(" Record: none cited."));
        } else {
            text.push(Span::plain(format!(" Record: {}.", f.cites.join("; "))));
        }
        if !f.on_path {
            text.push(Span::italic(
                " (Off the path: kept, decides nothing on these answers.)",
            ));
        }
        let flag = f
            .certainty
            .is_uncertain()
            .then(|| format!("Marked {}", f.certainty));
        out.push(Block::Noted {
            text,
            note: f.note.as_deref().map(note_lines).filter(|l| !l.is_empty()),
            flag,
        });
    }
    if !s.misfits.is_empty() {
        out.push(Block::Para(vec![Span::bold(
            "Answers that no longer fit the pack (kept in the matter file):",
        )]));
        out.push(Block::Bullets(
            s.misfits
                .iter()
                .map(|m| {
                    vec![Span::plain(format!(
                        "{} = {}: {}",
                        m.question, m.option, m.reason
                    ))]
                })
                .collect(),
        ));
    }
}

fn discussion(out: &mut Vec<Block>, report: &Report) {
    for step in &report.path {
        out.push(Block::Para(vec![
            Span::bold(format!("Step {}. {} ", step.number, step.prompt)),
            Span::plain(format!("Answer: {}.", step.label)),
        ]));
        out.push(Block::Para(vec![Span::plain(&step.why)]));
        if let Some(note) = &step.note {
            out.push(Block::Para(vec![Span::plain(note)]));
        }
        if !step.authorities.is_empty() {
            out.push(Block::Bullets(
                step.authorities
                    .iter()
                    .map(|a| vec![Span::plain(cited(a))])
                    .collect(),
            ));
        }
        for e in &step.excerpts {
            let mut cite = format!(
                "{} — {}",
                sanitize_line(&e.citation),
                status_words(&e.authority.status_label, e.authority.history.as_deref())
            );
            if let Some(q) = &e.quoted_in {
                let _ = write!(
                    cite,
                    " (quoted in {}: {})",
                    sanitize_line(&q.name),
                    status_words(&q.status_label, q.history.as_deref())
                );
            }
            out.push(Block::Quote {
                text: sanitize_line(&e.quote),
                cite,
            });
        }
    }
    let c = &report.conclusion;
    out.push(Block::Para(vec![
        Span::bold("Conclusion: "),
        Span::bold(format!("{} — {}. ", c.outcome_label, c.title)),
        Span::plain(&c.summary),
    ]));
    out.push(Block::Para(vec![Span::plain(&c.reasoning)]));
    if !c.authorities.is_empty() {
        out.push(Block::Bullets(
            c.authorities
                .iter()
                .map(|a| vec![Span::plain(cited(a))])
                .collect(),
        ));
    }
}

fn cited(a: &CitedAuthority) -> String {
    format!(
        "{} — {}",
        sanitize_line(&a.citation),
        status_words(&a.status_label, a.history.as_deref())
    )
}

fn status_words(label: &str, history: Option<&str>) -> String {
    match history {
        Some(h) if !h.trim().is_empty() => {
            format!("{}: {}", sanitize_line(label), sanitize_line(h))
        }
        _ => sanitize_line(label),
    }
}

/// `text` ending as a sentence does: a full stop added unless it already ends in one (or in
/// another closing mark a sentence may end with).
fn sentence(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', '!', '?', '…']) {
        trimmed.to_owned()
    } else {
        format!("{trimmed}.")
    }
}
