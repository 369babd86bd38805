//! What the memo quotes and the table of authorities it ends with.
//!
//! A step quotes only the excerpts of the option chosen and of the question's rule: an excerpt
//! the pack links to another option (`option`) is left out, so a case about a road not taken
//! (a federal officer's Bivens claim in a memo with no federal defendant) is not quoted. Until
//! the pack links its excerpts, every excerpt is the rule's and stays.
//!
//! The table lists every authority the memo names outside quoted passages: the authorities
//! cited under steps and conclusions, the sources of the passages it quotes, and every pack
//! source named in its own words (why-texts, notes, conclusions, caveats, status histories).
//! [`blocks`] lays it out: cases, then statutes, then other, each alphabetical, with each
//! status in a word and, after the tables, the history behind each status that has one, once
//! per authority. A memo printed without its appendix lists only what it still names.

use std::collections::HashSet;

use super::layout::heading;
use super::{Memo, MemoScreening};
use crate::document::{Block, Span, line};
use crate::pack::{Pack, Source};
use crate::report::{Report, TableEntry};

/// Drops from `report` the excerpts the pack links to an option other than the one chosen.
pub fn keep_chosen_excerpts(pack: &Pack, report: &mut Report) {
    for step in &mut report.path {
        let Some(q) = pack.question_index(&step.question) else {
            continue;
        };
        let question = pack.question(q);
        step.excerpts.retain(|e| {
            question
                .excerpts
                .iter()
                .find(|x| x.quote == e.quote)
                .and_then(|x| x.option.as_deref())
                .is_none_or(|option| option == step.answer)
        });
    }
}

/// The table of authorities of the memo's screenings, in order of first mention.
pub fn table(pack: &Pack, screenings: &[MemoScreening]) -> Vec<TableEntry> {
    let mut ids: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut add = |id: &str, ids: &mut Vec<String>| {
        if seen.insert(id.to_owned()) {
            ids.push(id.to_owned());
        }
    };
    let mut prose: Vec<&str> = Vec::new();
    for s in screenings {
        prose.extend(s.other_bars.iter().map(String::as_str));
        prose.extend(s.facts.iter().filter_map(|f| f.note.as_deref()));
        let Some(report) = &s.discussion else {
            continue;
        };
        for step in &report.path {
            prose.push(&step.why);
            prose.extend(step.note.as_deref());
            for a in &step.authorities {
                add(&a.source, &mut ids);
                prose.extend(a.history.as_deref());
            }
            for e in &step.excerpts {
                prose.extend(e.authority.history.as_deref());
                for a in e.cited() {
                    add(&a.source, &mut ids);
                }
            }
        }
        let c = &report.conclusion;
        prose.extend([c.summary.as_str(), c.reasoning.as_str()]);
        prose.extend(c.caveats.iter().map(String::as_str));
        for a in &c.authorities {
            add(&a.source, &mut ids);
            prose.extend(a.history.as_deref());
        }
    }
    // The same caveats and why-texts recur in every screening of a kind: each is read once.
    let mut distinct: HashSet<&str> = HashSet::new();
    prose.retain(|text| distinct.insert(text));
    for source in pack.sources() {
        if prose.iter().any(|text| names(text, source)) {
            add(&source.id, &mut ids);
        }
    }
    ids.iter()
        .filter_map(|id| pack.source(id))
        .map(TableEntry::of)
        .collect()
}

/// True when `text` names `source`: its full name, or a case's first party as it is cited in
/// short form ("Harlow v." or "Harlow, 457 U.S.").
fn names(text: &str, source: &Source) -> bool {
    if source.name.is_empty() {
        return false;
    }
    if text.contains(source.name.as_str()) {
        return true;
    }
    let Some((first, _)) = source.name.split_once(" v. ") else {
        return false;
    };
    text.match_indices(first).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = &text[at + first.len()..];
        before.is_none_or(|c| !c.is_alphanumeric())
            && (after.starts_with(" v.")
                || after
                    .strip_prefix(", ")
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit())))
    })
}

/// Where an authority goes in the table: cases, then statutes, then other.
fn kind(entry: &TableEntry) -> u8 {
    let c = &entry.citation;
    let court = entry.court.to_lowercase();
    if c.contains("U.S.C.")
        || c.contains("Stat.")
        || court.contains("statute")
        || court.contains("congress")
    {
        1
    } else if entry.name.contains(" v. ")
        || entry.name.starts_with("Ex parte")
        || entry.name.starts_with("In re")
    {
        0
    } else {
        2
    }
}

/// The table's rows in order: cases, statutes, other, each alphabetical by name.
fn sorted(entries: &[TableEntry]) -> Vec<&TableEntry> {
    let mut rows: Vec<&TableEntry> = entries.iter().collect();
    rows.sort_by_cached_key(|e| (kind(e), e.name.to_lowercase(), e.citation.clone()));
    rows
}

/// The table of authorities after `out`: the memo's authorities that `out` names outside
/// quoted passages, and those their status histories name; cases, statutes, other, each
/// alphabetical, with the status in a word; then each status's history, once.
pub fn blocks(out: &mut Vec<Block>, memo: &Memo) {
    let listed = named(out, &memo.authorities);
    heading(out, 1, "Table of authorities");
    if listed.is_empty() {
        out.push(Block::Para(vec![Span::plain("No authority is cited.")]));
        return;
    }
    let rows = sorted(&listed);
    for (kind_of, title) in [(0, "Cases"), (1, "Statutes"), (2, "Other")] {
        let group: Vec<&TableEntry> = rows
            .iter()
            .copied()
            .filter(|e| kind(e) == kind_of)
            .collect();
        if group.is_empty() {
            continue;
        }
        heading(out, 2, title);
        out.push(Block::Table {
            header: vec![line("Authority"), line("Status")],
            rows: group
                .iter()
                .map(|t| vec![line(&t.citation), line(&t.status_label)])
                .collect(),
            widths: vec![68, 32],
            pages_of: group.iter().map(|t| terms(t)).collect(),
        });
    }
    let notes: Vec<Vec<Span>> = rows
        .iter()
        .filter_map(|t| {
            let history = t.history.as_deref().map(String::from)?;
            (!history.is_empty()).then(|| {
                vec![
                    Span::bold(format!(
                        "{} ({}): ",
                        String::from(&t.name),
                        String::from(&t.status_label)
                    )),
                    Span::plain(history),
                ]
            })
        })
        .collect();
    if !notes.is_empty() {
        heading(out, 2, "Status notes");
        out.push(Block::Bullets(notes));
    }
}

/// The entries `blocks` names outside quoted passages, and those the histories of named
/// entries name in turn. Each distinct piece of text is searched once.
fn named(blocks: &[Block], entries: &[TableEntry]) -> Vec<TableEntry> {
    let mut distinct: HashSet<String> = HashSet::new();
    for block in blocks {
        match block {
            // The passage is the court's words; its citation line is the memo's.
            Block::Quote { cite, .. } => {
                distinct.insert(cite.to_string());
            }
            other => {
                let _ = other.map_text(&mut |t| {
                    if !distinct.contains(t) {
                        distinct.insert(t.to_owned());
                    }
                    String::new()
                });
            }
        }
    }
    let text: Vec<&str> = distinct.iter().map(String::as_str).collect();
    let terms_of: Vec<Vec<String>> = entries.iter().map(terms).collect();
    let mut keep: Vec<bool> = terms_of
        .iter()
        .map(|terms| {
            text.iter()
                .any(|t| terms.iter().any(|term| mentions(t, term)))
        })
        .collect();
    // A kept entry's history is printed with the table: what it names is kept too.
    loop {
        let histories: Vec<&str> = entries
            .iter()
            .zip(&keep)
            .filter_map(|(e, k)| e.history.as_deref().filter(|_| *k))
            .collect();
        let mut grew = false;
        for (i, terms) in terms_of.iter().enumerate() {
            if !keep[i]
                && histories
                    .iter()
                    .any(|h| terms.iter().any(|term| mentions(h, term)))
            {
                keep[i] = true;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    entries
        .iter()
        .zip(keep)
        .filter(|&(_, k)| k)
        .map(|(e, _)| e.clone())
        .collect()
}

/// True when `text` holds `term`; a short cite's "Harlow, " only where a volume follows and it
/// is not the second party of another case ("Mireles v. Waco, 502 U.S." names Mireles, not
/// Waco v. Baltad).
fn mentions(text: &str, term: &str) -> bool {
    if !term.ends_with(", ") {
        return text.contains(term);
    }
    text.match_indices(term).any(|(at, _)| {
        let before = &text[..at];
        before
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            && !before.ends_with(" v. ")
            && text[at + term.len()..].starts_with(|c: char| c.is_ascii_digit())
    })
}

/// What names an authority in the memo's text: its name, its name as cited ("Sprint Commc'ns,
/// Inc. v. Jacobs"), and a case's first party as a short cite begins ("Harlow v.", "Harlow, ").
fn terms(t: &TableEntry) -> Vec<String> {
    let name = String::from(&t.name);
    let citation = String::from(&t.citation);
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
