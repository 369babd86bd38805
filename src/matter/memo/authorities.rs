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
//! The layout sorts it: cases, then statutes, then other, each alphabetical.

use std::collections::HashSet;

use super::MemoScreening;
use crate::pack::{Pack, Source};
use crate::report::{Report, TableEntry};
use crate::text::sanitize;

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
                .find(|x| sanitize(&x.quote) == e.quote.as_str() || x.quote == e.quote)
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
        .map(|s| TableEntry {
            source: clean(&s.id),
            name: clean(&s.name),
            citation: clean(&s.citation),
            court: clean(&s.court),
            year: s.year,
            status: s.status,
            status_label: s.status.label().to_owned(),
            history: s.history.as_deref().map(clean),
        })
        .collect()
}

fn clean(s: &str) -> String {
    sanitize(s).into_owned()
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
pub fn kind(entry: &TableEntry) -> u8 {
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
pub fn sorted(entries: &[TableEntry]) -> Vec<&TableEntry> {
    let mut rows: Vec<&TableEntry> = entries.iter().collect();
    rows.sort_by_cached_key(|e| (kind(e), e.name.to_lowercase(), e.citation.clone()));
    rows
}
