//! The checks a parsed pack must pass, and the module's root: the ids of `pack.json` (one
//! namespace per kind, questions and conclusions sharing one), the questions and their options,
//! the conclusions, the start and the law-checked date. The rest stands in its own file: every
//! string (`strings`), the sources with their quotes and pins (`sources`), the tree's reach and
//! cycles (`tree`) and the fact patterns of `cases.json` (`cases`).
//!
//! Every check reports through a [`Reporter`] and carries on, so one run finds every problem.
//! All work is linear in the size of the pack: ids go through hash maps, and reachability and
//! cycle detection are single iterative depth-first passes (packs may be 100,000 questions deep,
//! far beyond what recursion would survive).

mod cases;
mod sources;
mod strings;
mod tree;

use std::collections::HashMap;

use super::node_index::{NodeIndex, Nodes};
use super::position::{Reporter, Seg, field, json_path, quoted};
use super::quote;
use super::rows::Rows;
use super::{FileSet, Node, PackFile};
use crate::text::is_blank;
pub(crate) use cases::check_cases;
use sources::{Prepared, check_authority, check_excerpt, check_sources};
pub(crate) use strings::check_strings;
use tree::{check_cycles, check_reachable};

/// What the pack checks found out, for building the [`Pack`] and the summary.
pub(crate) struct PackFacts {
    pub(crate) nodes: NodeIndex,
    pub(crate) sources: HashMap<String, usize>,
    pub(crate) outcomes: HashMap<String, usize>,
    /// Resolved `next` of every option, when every one resolves, the start is a question and
    /// there is no cycle: the tree can be walked.
    pub(crate) graph: Option<(Rows<Node>, usize)>,
    pub(crate) quotes_verified: usize,
    /// Excerpt id → index of the question holding it (pack format 2.1).
    pub(crate) excerpts: HashMap<String, usize>,
    /// True when `pack.json` uses a field of pack format 2.1, which then requires them all.
    pub(crate) uses_21: bool,
}

/// Ids seen so far in one namespace, with the path of the element that first declared each.
struct Ids<'p> {
    seen: HashMap<&'p str, Vec<Seg<'static>>>,
}

impl<'p> Ids<'p> {
    fn new() -> Self {
        Self {
            seen: HashMap::new(),
        }
    }

    /// Records `id` declared by the element at `owner`; reports it when already taken.
    fn declare(&mut self, rep: &mut Reporter<'_, '_>, id: &'p str, owner: &[Seg<'static>]) {
        match self.seen.entry(id) {
            std::collections::hash_map::Entry::Occupied(first) => {
                report_duplicate(rep, id, first.get(), owner);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(owner.to_vec());
            }
        }
    }
}

/// Checks what an id may hold beyond what every string may: `--answer QUESTION=OPTION` must be
/// able to name it, so no white space at either end (the flag trims it) and no `=`. Invisible
/// and control characters are reported by [`check_strings`], as in any string.
fn check_id(rep: &mut Reporter<'_, '_>, owner: &[Seg<'_>], id: &str) {
    if is_blank(id) {
        return; // reported as blank
    }
    let problem = if id.trim() != id {
        "has white space at its start or end"
    } else if id.contains('=') {
        "holds \"=\""
    } else {
        return;
    };
    rep.error(
        &field(owner, "id"),
        &format!(
            "id {} {problem}, so `--answer QUESTION=OPTION` could not name it",
            quoted(id)
        ),
    );
}

/// Checks every id declared in `pack.json`.
fn check_ids(file: &PackFile, rep: &mut Reporter<'_, '_>) {
    for (i, o) in file.outcomes.iter().enumerate() {
        check_id(rep, &json_path!["outcomes", i], &o.id);
    }
    for (i, s) in file.sources.iter().enumerate() {
        check_id(rep, &json_path!["sources", i], &s.id);
    }
    for (qi, q) in file.questions.iter().enumerate() {
        check_id(rep, &json_path!["questions", qi], &q.id);
        for (oi, o) in q.options.iter().enumerate() {
            check_id(rep, &json_path!["questions", qi, "options", oi], &o.id);
        }
    }
    for (i, c) in file.conclusions.iter().enumerate() {
        check_id(rep, &json_path!["conclusions", i], &c.id);
    }
}

/// Path of a question or conclusion in `pack.json`.
fn node_path(node: Node) -> [Seg<'static>; 2] {
    match node {
        Node::Question(i) => json_path!["questions", i],
        Node::Conclusion(i) => json_path!["conclusions", i],
    }
}

fn report_duplicate(rep: &mut Reporter<'_, '_>, id: &str, first: &[Seg<'_>], owner: &[Seg<'_>]) {
    let message = format!(
        "{} is already the id of {}",
        quoted(id),
        rep.doc.get().describe(first)
    );
    rep.error(&field(owner, "id"), &message);
}

/// Each id's index, the first where an id is declared twice (the duplicate is reported).
fn first_index<'a>(
    ids: impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator,
) -> HashMap<String, usize> {
    ids.enumerate()
        .rev()
        .map(|(i, id)| (id.to_owned(), i))
        .collect()
}

/// Checks `pack.json`.
pub(crate) fn check_pack(
    file: &PackFile,
    files: &FileSet,
    rep: &mut Reporter<'_, '_>,
) -> PackFacts {
    check_date(rep, &file.law_checked);
    check_ids(file, rep);

    let mut outcome_ids = Ids::new();
    for (i, o) in file.outcomes.iter().enumerate() {
        outcome_ids.declare(rep, &o.id, &json_path!["outcomes", i]);
    }
    let outcomes = first_index(file.outcomes.iter().map(|o| o.id.as_str()));

    let texts = check_sources(file, files, rep);
    let sources = first_index(file.sources.iter().map(|s| s.id.as_str()));

    // Questions and conclusions share one namespace; the first to declare an id keeps it.
    let index = NodeIndex::build(file, |first, again| {
        let id = match again {
            Node::Question(i) => &file.questions[i].id,
            Node::Conclusion(i) => &file.conclusions[i].id,
        };
        report_duplicate(rep, id, &node_path(first), &node_path(again));
    });
    let nodes = index.over(file);

    let (edges, quotes_verified) = check_questions(file, nodes, &sources, &texts, rep);

    check_conclusions(file, &outcomes, &sources, rep);
    let uses_21 = super::checks21::pack_uses_21(file);
    let excerpts = super::checks21::check_pack(file, &sources, uses_21, rep);

    let start = match nodes.get(file.start.as_str()) {
        Some(Node::Question(q)) => Some(q),
        Some(Node::Conclusion(_)) => {
            rep.error(
                &json_path!["start"],
                &format!(
                    "{} names a conclusion; the start must be a question",
                    quoted(&file.start)
                ),
            );
            None
        }
        None => {
            rep.error(
                &json_path!["start"],
                &format!("{} names no question", quoted(&file.start)),
            );
            None
        }
    };
    if let Some(start) = start {
        check_reachable(rep, file, nodes, &edges, start);
    }
    let acyclic = check_cycles(rep, file, &edges, start);
    super::caveat_paths::check(file, nodes, &edges, rep);
    let graph = match (start, acyclic) {
        (Some(start), true) => edges.transpose().map(|targets| (targets, start)),
        _ => None,
    };
    PackFacts {
        nodes: index,
        sources,
        outcomes,
        graph,
        quotes_verified,
        excerpts,
        uses_21,
    }
}

/// Checks every question: its options, where they lead, their authorities, and its excerpts.
/// Returns where each option leads (`None` where its `next` names nothing) and how many quotes
/// were verified.
fn check_questions(
    file: &PackFile,
    nodes: Nodes<'_>,
    sources: &HashMap<String, usize>,
    texts: &[Option<Prepared<'_>>],
    rep: &mut Reporter<'_, '_>,
) -> (Rows<Option<Node>>, usize) {
    let mut quotes_verified = 0;
    let options = file.questions.iter().flat_map(|q| &q.options);
    let mut candidates = nodes
        .candidates(options.map(|o| o.next.as_str()))
        .into_iter();
    let mut edges = Rows::with_capacity(file.questions.len(), candidates.len());
    for (qi, q) in file.questions.iter().enumerate() {
        let options_path = json_path!["questions", qi, "options"];
        match q.options.len() {
            0 => rep.error(
                &options_path,
                "has no options; a question needs at least two",
            ),
            1 => rep.error(&options_path, "has 1 option; a question needs at least two"),
            _ => {}
        }
        let mut option_ids = Ids::new();
        for (oi, o) in q.options.iter().enumerate() {
            // Options are few: a scan is cheaper than a map per question (a map takes over
            // past a handful, so a hostile pack cannot make this quadratic).
            if q.options.len() > 16 {
                option_ids.declare(rep, &o.id, &json_path!["questions", qi, "options", oi]);
            } else if let Some(first) = q.options[..oi].iter().position(|p| p.id == o.id) {
                report_duplicate(
                    rep,
                    &o.id,
                    &json_path!["questions", qi, "options", first],
                    &json_path!["questions", qi, "options", oi],
                );
            }
            let target = nodes.confirm(candidates.next().flatten(), &o.next);
            if target.is_none() {
                rep.error(
                    &json_path!["questions", qi, "options", oi, "next"],
                    &format!("{} names no question or conclusion", quoted(&o.next)),
                );
            }
            edges.push(target);
            for (ai, a) in o.authorities.iter().enumerate() {
                check_authority(
                    rep,
                    sources,
                    a,
                    &json_path!["questions", qi, "options", oi, "authorities", ai],
                );
            }
        }
        edges.end_row();
        for (ei, e) in q.excerpts.iter().enumerate() {
            let at = json_path!["questions", qi, "excerpts", ei];
            if let Some(q) = e.quoting.as_ref() {
                check_authority(rep, sources, q, &field(&at, "quoting"));
                // Brackets in a quoted quotation are usually the quoting court's changes, but
                // they may be the original's own: only the author can tell, so this warns.
                if e.alteration.is_none() && quote::has_alteration(&e.quote) {
                    rep.warning_key(
                        &field(&at, "quote"),
                        &format!(
                            "holds square brackets: if they are the alterations of {}, which quotes these words, say so in \"alteration\" (e.g. \"alteration in Mireles\")",
                            quoted(&e.source)
                        ),
                    );
                }
            } else if e.alteration.is_some() && e.inner_quotes.is_empty() {
                rep.error(
                    &field(&at, "alteration"),
                    "needs \"quoting\" or \"inner_quotes\"",
                );
            }
            let Some(&si) = sources.get(e.source.as_str()) else {
                rep.error(
                    &json_path!["questions", qi, "excerpts", ei, "source"],
                    &format!("{} names no source", quoted(&e.source)),
                );
                continue;
            };
            if check_excerpt(rep, file, texts, si, e, &at) {
                quotes_verified += 1;
            }
        }
    }

    (edges, quotes_verified)
}

/// Checks every conclusion's outcome and authorities.
fn check_conclusions(
    file: &PackFile,
    outcomes: &HashMap<String, usize>,
    sources: &HashMap<String, usize>,
    rep: &mut Reporter<'_, '_>,
) {
    for (ci, c) in file.conclusions.iter().enumerate() {
        if !outcomes.contains_key(c.outcome.as_str()) {
            let declared: Vec<String> = file
                .outcomes
                .iter()
                .take(10)
                .map(|o| quoted(&o.id))
                .collect();
            rep.error(
                &json_path!["conclusions", ci, "outcome"],
                &format!(
                    "{} is not one of the declared outcomes ({})",
                    quoted(&c.outcome),
                    if declared.is_empty() {
                        "none declared".to_owned()
                    } else {
                        declared.join(", ")
                    }
                ),
            );
        }
        for (ai, a) in c.authorities.iter().enumerate() {
            check_authority(
                rep,
                sources,
                a,
                &json_path!["conclusions", ci, "authorities", ai],
            );
        }
    }
}

fn check_date(rep: &mut Reporter<'_, '_>, date: &str) {
    let valid = (|| {
        let b = date.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |s: &str| -> Option<u32> {
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        let year = digits(&date[..4])?;
        let month = digits(&date[5..7])?;
        let day = digits(&date[8..])?;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(())
    })();
    if valid.is_none() {
        rep.error(
            &json_path!["law_checked"],
            &format!("{} is not a date in YYYY-MM-DD form", quoted(date)),
        );
    }
}
