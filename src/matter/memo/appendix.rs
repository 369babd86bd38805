//! The discussion appendix: per defendant, each distinct step (a question and its answer)
//! discussed once, however many screenings of that defendant pass through it, with the answer's
//! note, record cites and mark, the why-text, the option's note, its authorities and the quotes
//! of the chosen option or the question's rule; then each screening's conclusion. Instructions
//! to the screener are never printed (the memo model does not carry them).

use std::collections::HashSet;

use super::layout::{by_defendant, cited, heading, sentence, who};
use super::{Fact, Memo, MemoScreening};
use crate::document::{Block, Span, line, note_lines};
use crate::report::{Report, ReportStep, headline};

/// The appendix.
pub fn discussion(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Appendix: discussion");
    for (_, list) in by_defendant(memo) {
        if let Some(first) = list.first() {
            heading(out, 2, &who(first));
        }
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for s in &list {
            screening(out, s, &mut seen);
        }
    }
}

fn screening(out: &mut Vec<Block>, s: &MemoScreening, seen: &mut HashSet<(String, String)>) {
    match s.act.as_deref().map(String::from) {
        Some(act) if !act.is_empty() => heading(out, 3, &format!("Screening {}: {act}", s.number)),
        _ => heading(out, 3, &format!("Screening {}", s.number)),
    }
    if let Some(changed) = &s.pack_changed {
        out.push(Block::Para(vec![
            Span::bold("Pack changed: "),
            Span::plain(changed),
        ]));
    }
    if let Some(report) = &s.discussion {
        let mut repeated: Vec<String> = Vec::new();
        for step in &report.path {
            let fact = s
                .facts
                .iter()
                .find(|f| f.on_path && f.question == step.question);
            if !seen.insert((step.question.clone(), step.answer.clone())) {
                // Discussed above for this defendant: named, not repeated; its note (which
                // belongs to this screening) still prints.
                match fact.filter(|f| f.note.is_some() || f.certainty.is_uncertain()) {
                    Some(f) => noted(out, f, &short_of(f)),
                    None => repeated.push(format!("“{}”", short_of_step(fact, &step.prompt))),
                }
                continue;
            }
            discuss_step(out, step, fact);
        }
        if !repeated.is_empty() {
            out.push(Block::Para(vec![Span::italic(format!(
                "Answered as above: {}.",
                repeated.join(", ")
            ))]));
        }
        conclusion(out, report);
    } else if let Some(p) = &s.pending {
        for f in s.facts.iter().filter(|f| f.on_path) {
            noted(out, f, &short_of(f));
        }
        out.push(Block::Para(vec![
            Span::bold("Not concluded. "),
            Span::plain(format!(
                "The answers stop at the question “{}”. The choices there: {}.",
                p.prompt,
                if p.labels.is_empty() {
                    p.options.join("; ")
                } else {
                    p.labels.join("; ")
                }
            )),
        ]));
    }
    for f in s.facts.iter().filter(|f| !f.on_path && f.note.is_some()) {
        noted(
            out,
            f,
            &format!("{} (off the path: decides nothing here)", short_of(f)),
        );
    }
    if !s.misfits.is_empty() {
        out.push(Block::Para(vec![Span::bold(
            "Answers that no longer fit the pack (kept in the matter file):",
        )]));
        out.push(Block::plain_bullets(
            s.misfits
                .iter()
                .map(|m| format!("{} = {}: {}", m.question, m.option, m.reason)),
        ));
    }
}

/// A step discussed: the answer with its note, the why-text, the option's note, the
/// authorities and the quotes.
fn discuss_step(out: &mut Vec<Block>, step: &ReportStep, fact: Option<&Fact>) {
    let q = fact.map_or_else(|| String::from(&step.prompt), short_of);
    match fact {
        Some(f) => noted(out, f, &q),
        None => out.push(Block::Para(vec![
            Span::bold(format!("{q} ")),
            Span::plain(format!("Answer: {}.", String::from(&step.label))),
        ])),
    }
    out.push(Block::Para(vec![Span::plain(&step.why)]));
    if let Some(note) = &step.note {
        out.push(Block::Para(vec![Span::plain(note)]));
    }
    // An authority a quote below cites is named there, with its status: not listed twice.
    let quoted: HashSet<&str> = step
        .excerpts
        .iter()
        .flat_map(|e| e.cited().map(|a| a.source.as_str()))
        .collect();
    let listed: Vec<Vec<Span>> = step
        .authorities
        .iter()
        .filter(|a| !quoted.contains(a.source.as_str()))
        .map(|a| vec![Span::plain(cited(a))])
        .collect();
    if !listed.is_empty() {
        out.push(Block::Bullets(listed));
    }
    for e in &step.excerpts {
        // Each status once, in a word: "GOOD LAW" when every authority the citation names
        // shares it, else each by name.
        out.push(Block::Quote {
            text: line(&e.quote),
            cite: line(format!(
                "{} — {}",
                e.citation,
                crate::report::excerpt_badges(e)
            )),
        });
    }
}

/// A screening's conclusion, its reasoning and authorities.
fn conclusion(out: &mut Vec<Block>, report: &Report) {
    let c = &report.conclusion;
    out.push(Block::Para(vec![
        Span::bold(format!(
            "Conclusion: {} ",
            sentence(&headline(&c.outcome_label, &c.title))
        )),
        Span::plain(&c.reasoning),
    ]));
    if !c.authorities.is_empty() {
        out.push(Block::plain_bullets(c.authorities.iter().map(cited)));
    }
}

fn short_of(f: &Fact) -> String {
    String::from(f.short.as_deref().unwrap_or(&f.prompt))
}

fn short_of_step(f: Option<&Fact>, prompt: &str) -> String {
    f.map_or_else(|| String::from(prompt), short_of)
}

/// An answer with its record cites, mark and note. A note (with its cites and mark) written
/// for an earlier answer than the one given says so: "(written for the earlier answer “…”)"
/// (`Fact::stale`; the JSON memo carries `stale: true` and `for_answer`).
fn noted(out: &mut Vec<Block>, f: &Fact, question: &str) {
    let mut text = vec![
        Span::bold(format!("{question} ")),
        Span::plain(format!("Answer: {}.", String::from(&f.label))),
    ];
    if !f.cites.is_empty() {
        text.push(Span::plain(format!(" Record: {}.", f.cites.join("; "))));
    }
    if let Some(earlier) = f.for_label.as_deref().filter(|_| f.stale) {
        text.push(Span::italic(format!(
            " (written for the earlier answer \u{201c}{}\u{201d})",
            String::from(earlier)
        )));
    }
    let flag = f
        .certainty
        .is_uncertain()
        .then(|| line(format!("Marked {}", f.certainty)));
    out.push(Block::Noted {
        text,
        note: f.note.as_deref().map(note_lines).filter(|l| !l.is_empty()),
        flag,
    });
}
