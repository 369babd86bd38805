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
//!
//! Just over 400 lines: the title block, summary and brief answers belong together, with the
//! small helpers every section of the memo shares.

use std::fmt::Write as _;

use super::{BriefCertainty, Memo, MemoAlternative, MemoContingency, MemoScreening};
use crate::document::{Block, Span, line};
use crate::report::{CitedAuthority, headline};
use crate::text::Clean;

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
    let mut out = vec![Block::Title(line("MEMORANDUM"))];
    header(&mut out, memo);
    summary(&mut out, memo);
    heading(&mut out, 1, "Question presented");
    out.push(Block::Para(vec![Span::plain(&memo.question_presented)]));
    brief(&mut out, memo);
    super::remains::remains(&mut out, memo);
    super::remains::other_bars(&mut out, memo);
    super::remains::contingencies(&mut out, memo);
    if appendix == Appendix::Full {
        out.push(Block::PageBreak);
        super::appendix::discussion(&mut out, memo);
        out.push(Block::PageBreak);
    }
    super::authorities::blocks(&mut out, memo);
    // The reviewer signs for the whole memo, at its end.
    review(&mut out, memo);
    footer(&mut out, memo);
    out
}

/// To, From, Date, Re, Client.
fn header(out: &mut Vec<Block>, memo: &Memo) {
    let m = &memo.matter;
    let mut re = m.caption.to_string();
    if let Some(d) = &m.docket {
        let _ = write!(re, ", No. {d}");
    }
    if let Some(c) = &m.court {
        let _ = write!(re, " ({c})");
    }
    re.push_str(": screening for immunity");
    let mut fields = vec![
        (
            "To".to_owned(),
            m.reviewer
                .as_deref()
                .map_or_else(|| "Supervising attorney".to_owned(), String::from),
        ),
        (
            "From".to_owned(),
            m.prepared_by
                .as_deref()
                .map_or_else(|| "(preparer not named)".to_owned(), String::from),
        ),
        ("Date".to_owned(), String::from(&memo.date)),
        ("Re".to_owned(), re),
    ];
    if let Some(c) = &m.client {
        fields.push(("Client".to_owned(), c.to_string()));
    }
    out.push(Block::Fields(
        fields
            .into_iter()
            .map(|(l, v)| (line(l), line(v)))
            .collect(),
    ));
}

/// How the answers stand, in a word or two ("Sure": no answer on the path is marked unsure or
/// contested; the word describes the answers, not the law), and "circuit law" where the result
/// rests on it.
fn answers_word(memo: &Memo, s: &MemoScreening) -> String {
    let word = match s.brief.certainty {
        BriefCertainty::Certain => "Sure",
        BriefCertainty::HoldsEitherWay => "Holds either way",
        BriefCertainty::Depends => "Depends",
        BriefCertainty::Pending => "Not finished",
    };
    if circuits(memo, s).is_some() {
        format!("{word}; circuit law")
    } else {
        word.to_owned()
    }
}

/// The circuits whose law the result rests on, when it rests on circuit law rather than a
/// Supreme Court holding: the last answer's authorities are all circuit cases, or the
/// conclusion says it is circuit law (then its circuit authorities). `None` otherwise.
pub(super) fn circuits(memo: &Memo, s: &MemoScreening) -> Option<Vec<String>> {
    let report = s.discussion.as_ref()?;
    let court = |source: &str| {
        memo.authorities
            .iter()
            .find(|t| t.source == source)
            .map(|t| t.court.as_str())
    };
    let is_circuit = |c: &&str| c.contains("Cir.");
    let decisive: Vec<&str> = report
        .path
        .last()
        .map(|step| {
            step.authorities
                .iter()
                .filter_map(|a| court(&a.source))
                .collect()
        })
        .unwrap_or_default();
    let c = &report.conclusion;
    let mut courts: Vec<&str> = if !decisive.is_empty() && decisive.iter().all(is_circuit) {
        decisive
    } else if c.summary.contains("circuit law") || c.reasoning.contains("circuit law") {
        c.authorities
            .iter()
            .filter_map(|a| court(&a.source))
            .filter(is_circuit)
            .collect()
    } else {
        return None;
    };
    // "2d Cir." before "10th Cir.", "D.C. Cir." last.
    courts.sort_by_key(|c| {
        let n: String = c.chars().take_while(char::is_ascii_digit).collect();
        (n.parse::<u32>().unwrap_or(u32::MAX), (*c).to_owned())
    });
    courts.dedup();
    (!courts.is_empty()).then(|| courts.into_iter().map(str::to_owned).collect())
}

/// "It rests on circuit law (2d Cir. and 9th Cir.), not a Supreme Court holding: check the
/// law of this circuit." Empty when it does not.
fn law_sentence(memo: &Memo, s: &MemoScreening) -> String {
    circuits(memo, s).map_or_else(String::new, |courts| {
        format!(
            " It rests on circuit law ({}), not a Supreme Court holding: check the law of this circuit.",
            join_list(&courts)
        )
    })
}

/// "a", "a and b", "a, b and c".
pub(super) fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The record cites of a screening's answers, each once.
fn record(s: &MemoScreening) -> String {
    let mut cites: Vec<String> = Vec::new();
    for f in s.facts.iter().filter(|f| f.on_path) {
        for c in &f.cites {
            let c = String::from(c);
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
        header: ["#", "Defendant", "Act", "Record", "Outcome", "Answers"]
            .map(line)
            .to_vec(),
        rows: memo
            .screenings
            .iter()
            .map(|s| {
                vec![
                    line(s.number.to_string()),
                    line(&s.defendant),
                    line(s.act.as_deref().unwrap_or_default()),
                    line(record(s)),
                    line(&s.brief.outcome),
                    line(answers_word(memo, s)),
                ]
            })
            .collect(),
        // Outcome wide enough for its header and a one-word label ("Immune") in Word, whose
        // cells keep a margin each side: at 11 % both broke mid-word.
        widths: vec![3, 17, 35, 15, 16, 14],
        pages_of: Vec::new(),
    });
}

/// "Judge A. Roe — ordered the plaintiff jailed".
/// The defendant's role is given at the defendant's first brief answer only (`first`).
fn who_and_act(s: &MemoScreening, first: bool) -> String {
    let who = if first {
        who(s)
    } else {
        String::from(&s.defendant)
    };
    match &s.act {
        Some(a) => format!("{who} — {}", String::from(a)),
        None => who,
    }
}

/// A brief answer per screening: defendant and act, the result, how the answers stand and
/// whose law it is, in a sentence or two.
fn brief(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Brief answers");
    if memo.screenings.is_empty() {
        out.push(Block::Para(vec![Span::plain(
            "No defendant has been screened yet.",
        )]));
    }
    let mut named: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for s in &memo.screenings {
        let first = named.insert(s.defendant.as_str());
        let result = if s.brief.certainty == BriefCertainty::Pending {
            "Not yet screened.".to_owned()
        } else {
            sentence(&headline(&s.brief.outcome, &s.brief.title))
        };
        out.push(Block::Para(vec![
            Span::bold(format!("{}. {}. ", s.number, who_and_act(s, first))),
            Span::plain(format!(
                "{result} {}{}",
                certainty_sentence(s),
                law_sentence(memo, s)
            )),
        ]));
    }
}

/// The question's short form (the prompt where the pack has none).
pub(super) fn short(c: &MemoContingency) -> String {
    String::from(c.short.as_deref().unwrap_or(&c.prompt))
}

/// An alternative answer by its short form.
pub(super) fn alternative_name(a: &MemoAlternative) -> String {
    format!("“{}”", String::from(a.short.as_deref().unwrap_or(&a.label)))
}

/// Where an alternative answer leads: a result, or the question never answered where it stops.
pub(super) fn end_of(a: &MemoAlternative) -> Option<String> {
    match (&a.result, &a.unanswered) {
        (Some(r), _) => Some(String::from(r)),
        (None, Some(q)) => Some(format!("a further question (“{}”)", String::from(q))),
        (None, None) => None,
    }
}

/// The certainty in a sentence. Where a marked answer changes the result, it names the first
/// answer in the pack's order that does (the pack lists the usual answers first) and counts the
/// others, which Contingencies lists.
fn certainty_sentence(s: &MemoScreening) -> String {
    let on_path: Vec<&MemoContingency> = s.contingencies.iter().filter(|c| c.on_path).collect();
    match s.brief.certainty {
        BriefCertainty::Pending => match &s.pending {
            Some(p) => format!("The next question is “{}”.", String::from(&p.prompt)),
            None => String::new(),
        },
        BriefCertainty::Certain => {
            "No answer on its path is marked unsure or contested.".to_owned()
        }
        BriefCertainty::HoldsEitherWay => {
            let which: Vec<String> = on_path.iter().map(|c| format!("“{}”", short(c))).collect();
            format!(
                "The result holds whichever way the marked answer to {} goes.",
                super::join_and(&which)
            )
        }
        BriefCertainty::Depends => {
            let parts: Vec<String> = on_path
                .iter()
                .filter(|c| !c.holds)
                .map(|c| {
                    let changing: Vec<_> = c
                        .alternatives
                        .iter()
                        .filter(|a| !a.same && end_of(a).is_some())
                        .collect();
                    let Some(first) = changing.first() else {
                        return format!("the {} answer to “{}”", c.certainty, short(c));
                    };
                    let more = match changing.len() - 1 {
                        0 => String::new(),
                        1 => "; one other answer also changes it".to_owned(),
                        n => format!("; {n} other answers also change it"),
                    };
                    format!(
                        "the {} answer to “{}”: {} would lead to {}{more}",
                        c.certainty,
                        short(c),
                        alternative_name(first),
                        end_of(first).unwrap_or_default()
                    )
                })
                .collect();
            format!("Depends on {}.", super::join_and(&parts))
        }
    }
}

/// The defendants in order of first appearance, each with its screenings.
pub(super) fn by_defendant(memo: &Memo) -> Vec<(String, Vec<&MemoScreening>)> {
    let mut out: Vec<(String, Vec<&MemoScreening>)> = Vec::new();
    for s in &memo.screenings {
        let name = String::from(&s.defendant);
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list.push(s),
            None => out.push((name, vec![s])),
        }
    }
    out
}

fn review(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Review");
    out.push(Block::Signature(vec![
        (
            line("Reviewed by"),
            memo.matter.reviewer.clone().unwrap_or_default(),
        ),
        (line("Date"), Clean::default()),
        (line("Signature"), Clean::default()),
    ]));
}

fn footer(out: &mut Vec<Block>, memo: &Memo) {
    let p = &memo.pack;
    out.push(Block::Footer(vec![
        line(format!(
            "Screened with {} ({}), version {}; content hash {}; law checked to {}.",
            p.title, p.id, p.version, p.content_hash, p.law_checked
        )),
        line(format!(
            "Prepared with {} {} at {}.",
            memo.tool.name, memo.tool.version, memo.generated_at
        )),
        line(&memo.disclaimer),
    ]));
}

pub(super) fn heading(out: &mut Vec<Block>, level: u8, text: &str) {
    out.push(Block::Heading {
        level,
        text: line(text),
    });
}

/// "Judge A. Roe (state trial judge)". Parentheses inside the role become brackets, as nested
/// parentheses are written: "Harlan County (county [employs the deputies])".
pub(super) fn who(s: &MemoScreening) -> String {
    match &s.role {
        Some(r) => {
            let role: String = r
                .chars()
                .map(|c| match c {
                    '(' => '[',
                    ')' => ']',
                    c => c,
                })
                .collect();
            format!("{} ({role})", String::from(&s.defendant))
        }
        None => String::from(&s.defendant),
    }
}

/// "Citation — STATUS": an authority where the memo cites it. Its status in a word; the
/// history behind that word is told once, in the table of authorities.
pub(super) fn cited(a: &CitedAuthority) -> String {
    format!(
        "{} — {}",
        String::from(&a.citation),
        String::from(&a.status_label)
    )
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
