//! "What this decides": the conclusions still reachable from a question, and how its options
//! split them, as one model ([`WhatThisDecides`]) that every front end renders: the TUI's panel, the
//! line mode's `d`, and `immunity walk`'s pending output (text and JSON).
//!
//! It reports the tree's structure only (which conclusions each answer leaves open), never
//! what an answer means in law: that stays in the option notes, hidden until an answer is
//! chosen. The search itself is [`crate::engine::decides`] (exact and linear).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine;
use crate::pack::Pack;

use super::{ConclusionRef, owned};

/// What one question decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WhatThisDecides {
    /// Id of the question.
    pub question: String,
    /// Every conclusion still reachable from the question, in the pack's order.
    pub reachable: Vec<ConclusionRef>,
    /// The outcomes of those conclusions, in the pack's order, each with how many of them
    /// have it.
    pub outcomes: Vec<OutcomeCount>,
    /// Each option of the question, in the pack's order: what stays reachable through it.
    pub options: Vec<OptionSplit>,
}

/// An outcome and how many of the conclusions counted have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OutcomeCount {
    /// Id of the outcome.
    pub id: String,
    /// Its label.
    pub label: String,
    /// How many conclusions have it.
    pub conclusions: usize,
}

/// What stays reachable through one option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OptionSplit {
    /// Id of the option.
    pub id: String,
    /// The option as the user reads it.
    pub label: String,
    /// Ids of the conclusions still reachable through this option, in the pack's order (a
    /// subset of `reachable`).
    pub conclusions: Vec<String>,
    /// The outcomes of those conclusions, with counts.
    pub outcomes: Vec<OutcomeCount>,
    /// Ids of the conclusions reachable through this option and no other: choosing another
    /// option rules them out.
    pub only_here: Vec<String>,
}

impl WhatThisDecides {
    /// What `question` (an index of `pack`) decides.
    pub fn build(pack: &Pack, question: usize) -> WhatThisDecides {
        let split = engine::decides(pack, question);
        let q = pack.question(question);
        let reachable = split
            .reachable
            .iter()
            .map(|&c| ConclusionRef::of(pack, pack.conclusion(c)))
            .collect();
        // How many options reach each reachable conclusion (indexed like `split.reachable`),
        // so "only here" is one pass over the per-option lists, not a search per pair.
        let mut reached_by = vec![0usize; split.reachable.len()];
        let place = |c: usize| split.reachable.binary_search(&c).unwrap_or(0);
        for cs in &split.by_option {
            for &c in cs {
                reached_by[place(c)] += 1;
            }
        }
        let options = q
            .options
            .iter()
            .zip(&split.by_option)
            .map(|(option, cs)| OptionSplit {
                id: owned(&option.id),
                label: owned(&option.label),
                conclusions: cs.iter().map(|&c| owned(&pack.conclusion(c).id)).collect(),
                outcomes: outcome_counts(pack, cs),
                only_here: cs
                    .iter()
                    .filter(|&&c| reached_by[place(c)] == 1)
                    .map(|&c| owned(&pack.conclusion(c).id))
                    .collect(),
            })
            .collect();
        WhatThisDecides {
            question: owned(&q.id),
            reachable,
            outcomes: outcome_counts(pack, &split.reachable),
            options,
        }
    }

    /// For each option, its conclusions in order, each with whether only this option reaches
    /// it. One index over the reachable conclusions, so linear in the size of the model.
    pub fn listing(&self) -> Vec<Vec<(&ConclusionRef, bool)>> {
        let by_id: HashMap<&str, &ConclusionRef> =
            self.reachable.iter().map(|c| (c.id.as_str(), c)).collect();
        self.options
            .iter()
            .map(|split| {
                let only: HashSet<&str> = split.only_here.iter().map(String::as_str).collect();
                split
                    .conclusions
                    .iter()
                    .filter_map(|id| {
                        by_id
                            .get(id.as_str())
                            .map(|c| (*c, only.contains(id.as_str())))
                    })
                    .collect()
            })
            .collect()
    }

    /// The summary sentence: how many conclusions are still reachable, and their outcomes.
    pub fn summary(&self) -> String {
        let n = self.reachable.len();
        let counts = counts_words(&self.outcomes);
        match n {
            0 => "No conclusion is reachable from here.".to_owned(),
            1 => format!("One conclusion is still reachable from here ({counts})."),
            _ => format!("{n} conclusions are still reachable from here ({counts})."),
        }
    }

    /// The line about option `index`: how many of the reachable conclusions it keeps open, by
    /// outcome, and how many only it reaches.
    pub fn option_summary(&self, index: usize) -> String {
        let Some(split) = self.options.get(index) else {
            return String::new();
        };
        let kept = split.conclusions.len();
        let total = self.reachable.len();
        let mut out = if kept == 1 && total == 1 {
            "keeps it open".to_owned()
        } else if kept == total {
            format!("keeps all {total} open")
        } else {
            format!("keeps {kept} of {total} open")
        };
        if kept > 0 {
            let _ = write!(out, " ({})", counts_words(&split.outcomes));
        }
        match split.only_here.len() {
            0 => {}
            1 => out.push_str("; 1 only through this answer"),
            k => {
                let _ = write!(out, "; {k} only through this answer");
            }
        }
        out
    }

    /// The whole model as plain lines (one paragraph each, unwrapped, no pack text unescaped):
    /// the summary, then each option with its conclusions. For the line mode and `walk`'s
    /// text; `numbered` names each option by its number and label, as the line mode chooses
    /// by number; otherwise by its id, as `walk --answer` takes it (the label is listed above).
    pub fn lines(&self, numbered: bool) -> Vec<(usize, String)> {
        let mut out = vec![(0, format!("What this question decides: {}", self.summary()))];
        for (i, (split, listed)) in self.options.iter().zip(self.listing()).enumerate() {
            let head = if numbered {
                format!("{}. {}", i + 1, split.label)
            } else {
                split.id.clone()
            };
            out.push((1, format!("{head}: {}.", self.option_summary(i))));
            for (c, only) in listed {
                let only = if only {
                    " [only through this answer]"
                } else {
                    ""
                };
                out.push((2, format!("- {} ({}){only}", c.title, c.outcome_label)));
            }
        }
        out
    }
}

/// "Immune: 3; Not immune: 2".
pub fn counts_words(counts: &[OutcomeCount]) -> String {
    counts
        .iter()
        .map(|o| format!("{}: {}", o.label, o.conclusions))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The outcomes of `conclusions` (indices), in the pack's order of outcomes, with counts.
/// Outcomes a conclusion names but the pack does not list come last, in first-seen order.
fn outcome_counts(pack: &Pack, conclusions: &[usize]) -> Vec<OutcomeCount> {
    let outcomes = pack.outcomes();
    let index: HashMap<&str, usize> = outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let mut listed = vec![0usize; outcomes.len()];
    let mut other: Vec<(String, usize)> = Vec::new();
    for &c in conclusions {
        let id = &pack.conclusion(c).outcome;
        match index.get(id.as_str()) {
            Some(&i) => listed[i] += 1,
            // The validator requires listed outcomes; an unlisted one still counts, by name.
            None => match other.iter_mut().find(|(o, _)| o == id) {
                Some((_, n)) => *n += 1,
                None => other.push((id.to_string(), 1)),
            },
        }
    }
    outcomes
        .iter()
        .zip(listed)
        .filter(|(_, n)| *n > 0)
        .map(|(o, n)| OutcomeCount {
            id: owned(&o.id),
            label: owned(&o.label),
            conclusions: n,
        })
        .chain(other.into_iter().map(|(id, n)| OutcomeCount {
            label: owned(pack.outcome_label(&id)),
            id: owned(&id),
            conclusions: n,
        }))
        .collect()
}
