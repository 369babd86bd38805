//! What-if and why-not as documents ([`crate::document`]): the blocks the writers draw, built
//! once from the models. `walk --what-if/--why-not` prints them with the text writer; the
//! labels of each group ("Now:", "Then:") line up as the writer lays out fields.

use crate::document::{Block, Document, Span, text};
use crate::words::count;

use super::super::{TableEntry, cited_with_badge, excerpt_badges, line, one_line, status_words};
use super::{ChangeEntry, OptionRef, StepRef, WalkEnd, WhatIfReport, WhyNotReport};

/// The what-if as plain text, wrapped to 80 columns.
pub fn what_if_text(r: &WhatIfReport) -> String {
    text::render(&what_if_document(r).blocks)
}

/// The why-not as plain text, wrapped to 80 columns.
pub fn why_not_text(r: &WhyNotReport) -> String {
    text::render(&why_not_document(r).blocks)
}

/// The what-if as a document: the question and the two answers, where each walk ends, where
/// they part, the steps dropped and added, the authorities that come in and drop out, and how
/// to go on when the new walk stops at a question never answered.
pub fn what_if_document(r: &WhatIfReport) -> Document {
    let mut b = Vec::new();
    let title = format!(
        "What if step {} ({}) were answered differently?",
        r.question.number,
        one_line(&r.question.question)
    );
    b.push(para(&title));
    b.push(para(&r.question.prompt));
    b.push(fields(&[
        ("Answered", option_words(&r.question.answer)),
        ("What if", option_words(&r.to)),
    ]));
    if r.first_difference.is_none() {
        b.push(para("That is the answer already given: nothing changes."));
        return document(&title, b);
    }
    b.push(fields(&[
        ("Now", end_words(&r.before)),
        ("Then", end_words(&r.after)),
    ]));
    b.push(para(match (&r.before, &r.after) {
        (a, b) if a == b => "The walk ends in the same place.",
        (_, WalkEnd::Pending { .. }) => {
            "The walk stops at a question never answered: answer it to see where it ends."
        }
        (WalkEnd::Conclusion(a), WalkEnd::Conclusion(b)) if a.outcome == b.outcome => {
            "The conclusion changes; the outcome stays the same."
        }
        _ => "The outcome changes.",
    }));
    if let Some(n) = r.first_difference {
        b.push(para(&format!("The walks part at step {n}.")));
    }
    steps(&mut b, "Steps dropped:", &r.dropped);
    steps(&mut b, "Steps added:", &r.added);
    table(&mut b, "Authorities that come in:", &r.authorities_in);
    table(&mut b, "Authorities that drop out:", &r.authorities_out);
    if let WalkEnd::Pending {
        question, options, ..
    } = &r.after
    {
        let question = one_line(question);
        let options: Vec<String> = options.iter().map(|o| one_line(&o.id)).collect();
        b.push(para(&format!(
            "To go on, answer {question} with --answer {question}=OPTION; its options: {}.",
            options.join(", ")
        )));
    }
    document(&title, b)
}

/// The why-not as a document: the conclusion asked about, where the walk ends now, the answers
/// held, then the fewest changes that reach it (each with its question, note, authorities,
/// why-text and excerpts) and the walk that results.
pub fn why_not_document(r: &WhyNotReport) -> Document {
    let mut b = Vec::new();
    let title = format!("Why not {}?", end_words(&r.target));
    let mut top = vec![
        ("Why not", end_words(&r.target)),
        ("Now", end_words(&r.current)),
    ];
    if !r.held.is_empty() {
        top.push(("Held", answers(&r.held)));
    }
    b.push(fields(&top));
    if !r.reachable {
        b.push(para(if r.held.is_empty() {
            "No walk through the pack reaches that conclusion."
        } else {
            "No walk that keeps the held answers reaches that conclusion."
        }));
        return document(&title, b);
    }
    if r.changes.is_empty() {
        b.push(para(
            "The answers given already reach it: nothing needs to change.",
        ));
        return document(&title, b);
    }
    let n = r.changes.len();
    let fresh = r.changes.iter().filter(|c| c.from.is_none()).count();
    let changed = n - fresh;
    let parts = match (changed, fresh) {
        (_, 0) => count(changed, "answer changed", "answers changed"),
        (0, _) => {
            count(fresh, "question answered", "questions answered") + " that the walk never reached"
        }
        _ => format!(
            "{} and {} that the walk never reached",
            count(changed, "answer changed", "answers changed"),
            count(fresh, "question answered", "questions answered")
        ),
    };
    b.push(para(&format!(
        "The fewest changes that reach it: {n} ({parts}), earliest first."
    )));
    for (i, c) in r.changes.iter().enumerate() {
        change(&mut b, i + 1, c);
    }
    b.push(labelled("The walk then: ", &answers(&r.path)));
    document(&title, b)
}

/// One change of a why-not: the question, the answers, the note, the authorities, the
/// why-text and the excerpts with their citations and status.
fn change(b: &mut Vec<Block>, number: usize, c: &ChangeEntry) {
    b.push(para(&format!(
        "{number}. Step {}, {}: {}",
        c.step,
        one_line(&c.question),
        one_line(&c.prompt)
    )));
    b.push(match &c.from {
        Some(from) => fields(&[("Change", option_words(from)), ("To", option_words(&c.to))]),
        None => fields(&[("Answer (never answered)", option_words(&c.to))]),
    });
    if let Some(note) = &c.note {
        b.push(labelled("Note: ", note));
    }
    for a in &c.authorities {
        b.push(labelled("Authority: ", &cited_with_badge(a)));
    }
    b.push(labelled("Why asked: ", &c.why));
    for e in &c.excerpts {
        b.push(labelled(
            "Excerpt: ",
            &format!("\u{201c}{}\u{201d}", one_line(&e.quote)),
        ));
        b.push(para(&format!(
            "\u{2014} {} [{}]",
            one_line(&e.citation),
            excerpt_badges(e)
        )));
    }
}

/// A list of steps under its title, each "N. question=answer: prompt — label".
fn steps(b: &mut Vec<Block>, title: &str, steps: &[StepRef]) {
    let items = steps.iter().map(|s| {
        format!(
            "{}. {}={}: {} \u{2014} {}",
            s.number,
            one_line(&s.question),
            one_line(&s.answer.id),
            one_line(&s.prompt),
            one_line(&s.answer.label)
        )
    });
    list(b, title, items.collect());
}

/// Authorities under a title, each with its status and history.
fn table(b: &mut Vec<Block>, title: &str, entries: &[TableEntry]) {
    let items = entries.iter().map(|t| {
        format!(
            "{} [{}]",
            one_line(&t.citation),
            status_words(&t.status_label, t.history.as_deref())
        )
    });
    list(b, title, items.collect());
}

/// A bulleted list under its title; nothing when the list is empty.
fn list(b: &mut Vec<Block>, title: &str, items: Vec<String>) {
    if items.is_empty() {
        return;
    }
    b.push(para(title));
    b.push(Block::plain_bullets(items));
}

fn document(title: &str, blocks: Vec<Block>) -> Document {
    Document {
        title: line(title),
        author: None,
        date: line(""),
        creator: line(concat!("immunity ", env!("CARGO_PKG_VERSION"))),
        blocks,
    }
}

fn para(text: &str) -> Block {
    Block::Para(vec![Span::plain(one_line(text))])
}

/// A paragraph led by a bold label.
fn labelled(label: &str, text: &str) -> Block {
    Block::Para(vec![Span::bold(label), Span::plain(one_line(text))])
}

/// Label and value lines, the values lined up.
fn fields(rows: &[(&str, String)]) -> Block {
    Block::Fields(
        rows.iter()
            .map(|(label, value)| (line(label), line(value)))
            .collect(),
    )
}

/// "a=x, b=y": the answers of steps by id.
fn answers(steps: &[StepRef]) -> String {
    steps
        .iter()
        .map(|s| format!("{}={}", one_line(&s.question), one_line(&s.answer.id)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `"Label" (id)`.
fn option_words(o: &OptionRef) -> String {
    format!(
        "\u{201c}{}\u{201d} ({})",
        one_line(&o.label),
        one_line(&o.id)
    )
}

/// Where a walk ends, in words.
pub fn end_words(end: &WalkEnd) -> String {
    match end {
        WalkEnd::Conclusion(c) => format!(
            "{} \u{2014} {} ({})",
            one_line(&c.title),
            one_line(&c.outcome_label),
            one_line(&c.id)
        ),
        WalkEnd::Pending {
            question, prompt, ..
        } => format!(
            "pending at {}: {} (never answered)",
            one_line(question),
            one_line(prompt)
        ),
    }
}
