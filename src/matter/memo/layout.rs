//! The memo laid out once as document blocks ([`crate::document`]), in reading order, as an
//! office memo a supervising attorney reads in two pages: the title block, a one-page summary
//! table (one row per screening), the question presented, a brief answer per screening naming
//! the defendant and the act, what remains and what was not screened, the other bars to check
//! (once per defendant), the contingencies grouped by where another answer leads, the review
//! block; then the discussion appendix ([`super::appendix`], each step once per defendant) and
//! the table of authorities (cases, statutes, other; alphabetical).
//!
//! Every string is folded to one line and stripped of unsafe characters here; each writer
//! escapes for its own language.

use std::fmt::Write as _;

use super::{BriefCertainty, Memo, MemoContingency, MemoScreening};
use crate::document::{Block, Span};
use crate::report::{CitedAuthority, headline};
use crate::text::sanitize_line;

/// Whether the memo carries its discussion appendix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Appendix {
    /// The discussion of every step, with its quotes and authorities.
    #[default]
    Full,
    /// The memo alone: summary, answers, what remains, bars, contingencies, authorities.
    None,
}

/// The memo as blocks, in reading order.
pub fn layout(memo: &Memo, appendix: Appendix) -> Vec<Block> {
    let mut out = vec![Block::Title("MEMORANDUM".to_owned())];
    header(&mut out, memo);
    summary(&mut out, memo);
    heading(&mut out, 1, "Question presented");
    out.push(Block::Para(vec![Span::plain(&memo.question_presented)]));
    brief(&mut out, memo);
    remains(&mut out, memo);
    other_bars(&mut out, memo);
    contingencies(&mut out, memo);
    review(&mut out, memo);
    if appendix == Appendix::Full {
        out.push(Block::PageBreak);
        super::appendix::discussion(&mut out, memo);
    }
    if appendix == Appendix::Full {
        out.push(Block::PageBreak);
    }
    authorities(&mut out, memo);
    footer(&mut out, memo);
    out
}

/// To, From, Date, Re, Client.
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
}

/// The certainty in a word or two.
fn certainty_word(c: BriefCertainty) -> &'static str {
    match c {
        BriefCertainty::Certain => "Certain",
        BriefCertainty::HoldsEitherWay => "Holds either way",
        BriefCertainty::Depends => "Depends",
        BriefCertainty::Pending => "Not finished",
    }
}

/// The record cites of a screening's answers, each once.
fn record(s: &MemoScreening) -> String {
    let mut cites: Vec<String> = Vec::new();
    for f in s.facts.iter().filter(|f| f.on_path) {
        for c in &f.cites {
            let c = sanitize_line(c);
            if !cites.contains(&c) {
                cites.push(c);
            }
        }
    }
    cites.join("; ")
}

/// One row per screening: defendant, act, record, outcome, certainty.
fn summary(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Summary");
    if memo.screenings.is_empty() {
        out.push(Block::Para(vec![Span::plain(
            "No defendant has been screened yet.",
        )]));
        return;
    }
    out.push(Block::Table {
        header: ["#", "Defendant", "Act", "Record", "Outcome", "Certainty"]
            .map(str::to_owned)
            .to_vec(),
        rows: memo
            .screenings
            .iter()
            .map(|s| {
                vec![
                    s.number.to_string(),
                    sanitize_line(&s.defendant),
                    s.act.as_deref().map(sanitize_line).unwrap_or_default(),
                    record(s),
                    sanitize_line(&s.brief.outcome),
                    certainty_word(s.brief.certainty).to_owned(),
                ]
            })
            .collect(),
        widths: vec![4, 18, 33, 14, 14, 17],
        pages_of: Vec::new(),
    });
}

/// "Judge A. Roe — ordered the plaintiff jailed".
fn who_and_act(s: &MemoScreening) -> String {
    match &s.act {
        Some(a) => format!("{} — {}", who(s), sanitize_line(a)),
        None => who(s),
    }
}

/// A brief answer per screening: defendant and act, the result, the certainty in a sentence.
fn brief(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Brief answers");
    if memo.screenings.is_empty() {
        out.push(Block::Para(vec![Span::plain(
            "No defendant has been screened yet.",
        )]));
    }
    for s in &memo.screenings {
        let result = if s.brief.certainty == BriefCertainty::Pending {
            "Not yet screened.".to_owned()
        } else {
            sentence(&headline(&s.brief.outcome, &s.brief.title))
        };
        out.push(Block::Para(vec![
            Span::bold(format!("{}. {}. ", s.number, who_and_act(s))),
            Span::plain(format!("{result} {}", certainty_sentence(s))),
        ]));
    }
}

/// The question's short form (the prompt where the pack has none).
pub(super) fn short(c: &MemoContingency) -> String {
    sanitize_line(c.short.as_deref().unwrap_or(&c.prompt))
}

/// Where the other answers lead, each result once.
fn ends(c: &MemoContingency) -> Vec<String> {
    let mut ends: Vec<String> = Vec::new();
    for a in c.alternatives.iter().filter(|a| !a.same) {
        let end = match (&a.result, &a.unanswered) {
            (Some(r), _) => sanitize_line(r),
            (None, Some(q)) => format!("a question not yet answered (“{}”)", sanitize_line(q)),
            (None, None) => continue,
        };
        if !ends.contains(&end) {
            ends.push(end);
        }
    }
    ends
}

fn certainty_sentence(s: &MemoScreening) -> String {
    let on_path: Vec<&MemoContingency> = s.contingencies.iter().filter(|c| c.on_path).collect();
    match s.brief.certainty {
        BriefCertainty::Pending => match &s.pending {
            Some(p) => format!("The next question is “{}”.", sanitize_line(&p.prompt)),
            None => String::new(),
        },
        BriefCertainty::Certain => {
            "Certain on the answers given: no answer is marked unsure or contested.".to_owned()
        }
        BriefCertainty::HoldsEitherWay => {
            let which: Vec<String> = on_path.iter().map(|c| format!("“{}”", short(c))).collect();
            format!(
                "Holds either way on the marked answer to {}.",
                super::join_and(&which)
            )
        }
        BriefCertainty::Depends => {
            let parts: Vec<String> = on_path
                .iter()
                .filter(|c| !c.holds)
                .map(|c| {
                    format!(
                        "the {} answer to “{}” (another answer would reach {})",
                        c.certainty,
                        short(c),
                        join_or(&ends(c))
                    )
                })
                .collect();
            format!("Depends on {}.", super::join_and(&parts))
        }
    }
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The defendants in order of first appearance, each with its screenings.
pub(super) fn by_defendant(memo: &Memo) -> Vec<(String, Vec<&MemoScreening>)> {
    let mut out: Vec<(String, Vec<&MemoScreening>)> = Vec::new();
    for s in &memo.screenings {
        let name = sanitize_line(&s.defendant);
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list.push(s),
            None => out.push((name, vec![s])),
        }
    }
    out
}

fn answered<'m>(s: &'m MemoScreening, question: &str) -> Option<&'m str> {
    s.facts
        .iter()
        .find(|f| f.on_path && f.question == question)
        .map(|f| f.answer.as_str())
}

/// Claims the screenings leave open, relief and capacities not walked, and who else to screen.
fn remains(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "What remains and what was not screened");
    let mut items: Vec<Vec<Span>> = Vec::new();
    for s in &memo.screenings {
        match &s.discussion {
            Some(r) if r.conclusion.outcome != "immune" => items.push(vec![
                Span::bold(format!("{}. {}: ", s.number, who_and_act(s))),
                Span::plain(sentence(&headline(
                    &r.conclusion.outcome_label,
                    &r.conclusion.title,
                ))),
            ]),
            None => items.push(vec![
                Span::bold(format!("{}. {}: ", s.number, who_and_act(s))),
                Span::plain("the screening is not finished."),
            ]),
            Some(_) => {}
        }
    }
    for (name, list) in by_defendant(memo) {
        let kind = list.iter().find_map(|s| answered(s, "defendant"));
        if !matches!(kind, Some("judge" | "official")) {
            continue;
        }
        // The relief question: `relief` for a judge, `staff-relief` and the like for others.
        let relief: Vec<&str> = list
            .iter()
            .flat_map(|s| {
                s.facts
                    .iter()
                    .filter(|f| f.on_path && f.question.ends_with("relief"))
                    .map(|f| f.answer.as_str())
            })
            .collect();
        if !relief.contains(&"injunction-or-declaration") {
            items.push(vec![Span::plain(format!(
                "An injunction or a declaration against {name}: not screened."
            ))]);
        }
        if kind == Some("judge") && !relief.contains(&"damages") {
            items.push(vec![Span::plain(format!(
                "Damages against {name}: not screened."
            ))]);
        }
        if list
            .iter()
            .any(|s| answered(s, "capacity") == Some("personal"))
        {
            items.push(vec![Span::plain(format!(
                "Damages against {name} in an official capacity, if the complaint also sues in that capacity: not screened (the walk treats both capacities as personal)."
            ))]);
        }
    }
    items.push(vec![Span::plain(
        "Anyone else the complaint names (an officer who carried out an order, for instance) needs a screening of their own.",
    )]);
    out.push(Block::Bullets(items));
}

/// The conclusions' caveats, once per defendant; those every defendant shares, once for all.
fn other_bars(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Other bars to check");
    let lists: Vec<(String, Vec<String>)> = by_defendant(memo)
        .into_iter()
        .map(|(name, list)| {
            let mut bars: Vec<String> = Vec::new();
            for b in list.iter().flat_map(|s| s.other_bars.iter()) {
                let b = sanitize_line(b);
                if !bars.contains(&b) {
                    bars.push(b);
                }
            }
            (name, bars)
        })
        .filter(|(_, bars)| !bars.is_empty())
        .collect();
    if lists.is_empty() {
        out.push(Block::Para(vec![Span::plain(
            "None recorded by the pack for the conclusions reached.",
        )]));
        return;
    }
    let shared: Vec<String> = if lists.len() > 1 {
        lists[0]
            .1
            .iter()
            .filter(|b| lists.iter().all(|(_, bars)| bars.contains(b)))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    if !shared.is_empty() {
        heading(out, 2, "Every defendant");
        out.push(Block::Bullets(
            shared.iter().map(|b| vec![Span::plain(b)]).collect(),
        ));
    }
    for (name, bars) in &lists {
        let own: Vec<&String> = bars.iter().filter(|b| !shared.contains(b)).collect();
        if own.is_empty() {
            continue;
        }
        heading(out, 2, name);
        out.push(Block::Bullets(
            own.iter().map(|b| vec![Span::plain(b.as_str())]).collect(),
        ));
    }
}

/// Per screening, each marked answer's alternatives grouped by the result they reach.
fn contingencies(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Contingencies");
    let mut any = false;
    for s in &memo.screenings {
        let items: Vec<Vec<Span>> = s
            .contingencies
            .iter()
            .filter(|c| c.on_path)
            .flat_map(contingency_items)
            .collect();
        if items.is_empty() {
            continue;
        }
        any = true;
        out.push(Block::Para(vec![Span::bold(format!(
            "{}. {}",
            s.number,
            who_and_act(s)
        ))]));
        out.push(Block::Bullets(items));
    }
    if !any {
        out.push(Block::Para(vec![Span::plain(
            "No answer on a path is marked unsure or contested.",
        )]));
    }
}

fn contingency_items(c: &MemoContingency) -> Vec<Vec<Span>> {
    if c.holds {
        return vec![vec![Span::plain(format!(
            "“{}” ({}): holds either way.",
            short(c),
            c.certainty
        ))]];
    }
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for a in c.alternatives.iter().filter(|a| !a.same) {
        let end = match (&a.result, &a.unanswered) {
            (Some(r), _) => sanitize_line(r),
            (None, Some(q)) => format!("A question not yet answered (“{}”)", sanitize_line(q)),
            (None, None) => continue,
        };
        let name = format!(
            "“{}”",
            sanitize_line(a.short.as_deref().unwrap_or(&a.label))
        );
        match groups.iter_mut().find(|(e, _)| *e == end) {
            Some((_, names)) => names.push(name),
            None => groups.push((end, vec![name])),
        }
    }
    groups
        .into_iter()
        .map(|(end, names)| {
            vec![
                Span::bold(format!("{end}: ")),
                Span::plain(format!(
                    "if “{}” ({}) is answered {}.",
                    short(c),
                    c.certainty,
                    join_or(&names)
                )),
            ]
        })
        .collect()
}

fn review(out: &mut Vec<Block>, memo: &Memo) {
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
}

/// The table of authorities: cases, statutes, other; each alphabetical, with its status.
fn authorities(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Table of authorities");
    if memo.authorities.is_empty() {
        out.push(Block::Para(vec![Span::plain("No authority is cited.")]));
        return;
    }
    let rows = super::authorities::sorted(&memo.authorities);
    for (kind, title) in [(0, "Cases"), (1, "Statutes"), (2, "Other")] {
        let group: Vec<&&crate::report::TableEntry> = rows
            .iter()
            .filter(|e| super::authorities::kind(e) == kind)
            .collect();
        if group.is_empty() {
            continue;
        }
        heading(out, 2, title);
        out.push(Block::Table {
            header: vec!["Authority".to_owned(), "Status".to_owned()],
            rows: group
                .iter()
                .map(|t| {
                    vec![
                        sanitize_line(&t.citation),
                        status_words(&t.status_label, t.history.as_deref()),
                    ]
                })
                .collect(),
            widths: vec![55, 45],
            pages_of: group.iter().map(|t| terms(t)).collect(),
        });
    }
}

/// What names an authority in the memo's text: its name, its name as cited ("Sprint Commc'ns,
/// Inc. v. Jacobs"), and a case's first party as a short cite begins ("Harlow v.", "Harlow, ").
fn terms(t: &crate::report::TableEntry) -> Vec<String> {
    let name = sanitize_line(&t.name);
    let citation = sanitize_line(&t.citation);
    let cited = citation
        .find(|c: char| c.is_ascii_digit())
        .map_or(citation.as_str(), |i| &citation[..i])
        .trim_end_matches([',', ' '])
        .to_owned();
    let mut out = vec![name.clone(), cited];
    if let Some((first, _)) = name.split_once(" v. ") {
        out.push(format!("{first} v."));
        out.push(format!("{first}, "));
    }
    out.retain(|t| !t.is_empty());
    out.dedup();
    out
}

fn footer(out: &mut Vec<Block>, memo: &Memo) {
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

pub(super) fn heading(out: &mut Vec<Block>, level: u8, text: &str) {
    out.push(Block::Heading {
        level,
        text: sanitize_line(text),
    });
}

/// "Judge A. Roe (state trial judge)".
pub(super) fn who(s: &MemoScreening) -> String {
    match &s.role {
        Some(r) => format!("{} ({})", sanitize_line(&s.defendant), sanitize_line(r)),
        None => sanitize_line(&s.defendant),
    }
}

pub(super) fn cited(a: &CitedAuthority) -> String {
    format!(
        "{} — {}",
        sanitize_line(&a.citation),
        status_words(&a.status_label, a.history.as_deref())
    )
}

pub(super) fn status_words(label: &str, history: Option<&str>) -> String {
    match history {
        Some(h) if !h.trim().is_empty() => {
            format!("{}: {}", sanitize_line(label), sanitize_line(h))
        }
        _ => sanitize_line(label),
    }
}

/// `text` ending as a sentence does: a full stop added unless it already ends in one (or in
/// another closing mark a sentence may end with).
pub(super) fn sentence(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', '!', '?', '…']) {
        trimmed.to_owned()
    } else {
        format!("{trimmed}.")
    }
}
