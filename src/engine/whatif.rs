//! What-if, why-not and "what this decides": exact searches over the tree.
//!
//! All three are pure functions of a validated [`Pack`] and a set of [`Answers`] (question index
//! → option index). A set of answers, not a path, is the input because that is what a person
//! has given: answers on an abandoned branch are kept, so that changing an early answer follows
//! the later ones wherever the new path still passes through their questions.
//!
//! - [`what_if`]: one answer changed; the new walk and its delta against the current one.
//! - [`why_not`]: the fewest answer changes that reach a chosen conclusion, optionally holding
//!   some answers fixed. A shortest path over the DAG (cost 0 to keep an answer, 1 to change or
//!   give one), linear in the size of the tree.
//! - [`decides`]: the conclusions still reachable from a question, and how its options split
//!   them. One pass in topological order carrying bit masks of the question's options, so a
//!   subtree that several options share is walked once, not once per option.
//!
//! Every search is iterative (no recursion depth limit) and visits each question at most once.
//!
//! Over 400 lines because the three searches share one walk (`follow_with`), one set of answer
//! types and the reachability below a question; the tests stand in `whatif/tests.rs`.

use std::collections::{HashMap, HashSet};

use super::{EngineError, Step};
use crate::pack::graph::walk;
use crate::pack::{Node, Pack};
use crate::text::escape_for_display;

/// Answers by index: question → chosen option.
pub type Answers = HashMap<usize, usize>;

/// A walk followed from the start through a set of answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The answered questions on the path, in order.
    pub steps: Vec<Step>,
    /// Where the path ends: a conclusion, or the first question on it that has no answer
    /// (the walk is pending there).
    pub end: Node,
}

impl Followed {
    /// The conclusion reached, if any.
    pub fn conclusion(&self) -> Option<usize> {
        match self.end {
            Node::Conclusion(c) => Some(c),
            Node::Question(_) => None,
        }
    }

    /// The unanswered question the walk stops at, if it does not reach a conclusion.
    pub fn pending(&self) -> Option<usize> {
        match self.end {
            Node::Question(q) => Some(q),
            Node::Conclusion(_) => None,
        }
    }

    /// The step (0-based) at which `question` is answered on this path.
    pub fn position(&self, question: usize) -> Option<usize> {
        self.steps.iter().position(|s| s.question == question)
    }
}

/// Follows `answers` from the start until a conclusion or a question without an answer. An
/// answer whose option index is out of range counts as no answer.
pub fn follow(pack: &Pack, answers: &Answers) -> Followed {
    follow_with(pack, answers, None)
}

/// [`follow`], with one answer replaced (so a what-if need not copy every answer).
fn follow_with(pack: &Pack, answers: &Answers, replaced: Option<(usize, usize)>) -> Followed {
    let (steps, end) = walk(pack, |q| match replaced {
        Some((rq, ro)) if rq == q => Some(ro),
        _ => answers.get(&q).copied(),
    });
    Followed { steps, end }
}

/// The result of changing one answer: the walk before and after, and how they differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    /// The question whose answer changes.
    pub question: usize,
    /// The option it changes to.
    pub option: usize,
    /// The answer it had.
    pub previous: usize,
    /// The walk with the current answers.
    pub before: Followed,
    /// The walk with the changed answer (other answers kept where the new path passes their
    /// questions). It may stop pending at a question never answered: that question is named,
    /// never guessed.
    pub after: Followed,
    /// The first step (0-based) at which the two walks differ; `None` when the option is the
    /// current answer and nothing changes.
    pub first_difference: Option<usize>,
    /// Steps of the current walk that the new one does not take, in the current walk's order
    /// (the changed answer's old step first).
    pub dropped: Vec<Step>,
    /// Steps of the new walk that the current one does not take, in the new walk's order.
    pub added: Vec<Step>,
}

impl WhatIf {
    /// True when the new walk ends somewhere else (another conclusion, or pending).
    pub fn changes_end(&self) -> bool {
        self.before.end != self.after.end
    }
}

/// What if `question` were answered with `option`? `question` must be on the walk the current
/// `answers` give (it is an answered question of that walk).
pub fn what_if(
    pack: &Pack,
    answers: &Answers,
    question: usize,
    option: usize,
) -> Result<WhatIf, EngineError> {
    let before = follow(pack, answers);
    let Some(at) = before.position(question) else {
        return Err(EngineError::NotOnPath {
            question: pack
                .questions()
                .get(question)
                .map_or_else(|| question.to_string(), |q| display_id(&q.id)),
        });
    };
    let count = pack.question(question).options.len();
    if option >= count {
        return Err(EngineError::NoSuchOption {
            question: display_id(&pack.question(question).id),
            option,
            count,
        });
    }
    let previous = before.steps[at].option;
    let after = follow_with(pack, answers, Some((question, option)));
    let first_difference = if before == after {
        None
    } else {
        // The walks agree up to the changed question, which differs whenever the option does.
        Some(
            before
                .steps
                .iter()
                .zip(&after.steps)
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| before.steps.len().min(after.steps.len())),
        )
    };
    // The steps of one walk the other does not take, in the first walk's order.
    let only_in = |walk: &Followed, other: &Followed| -> Vec<Step> {
        let taken: HashSet<Step> = other.steps.iter().copied().collect();
        walk.steps
            .iter()
            .filter(|s| !taken.contains(s))
            .copied()
            .collect()
    };
    let dropped = only_in(&before, &after);
    let added = only_in(&after, &before);
    Ok(WhatIf {
        question,
        option,
        previous,
        before,
        after,
        first_difference,
        dropped,
        added,
    })
}

/// One answer to change (or to give) on the way to a target conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The step (0-based) of the new walk at which the question is asked.
    pub step: usize,
    /// The question.
    pub question: usize,
    /// The answer it has now; `None` when it was never answered.
    pub from: Option<usize>,
    /// The answer that leads on towards the target.
    pub to: usize,
}

/// The fewest answer changes that reach a conclusion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhyNot {
    /// The target conclusion.
    pub target: usize,
    /// The walk that reaches it.
    pub path: Vec<Step>,
    /// The answers that differ from the current ones (or that were never given), earliest
    /// first. Empty when the current answers already reach the target.
    pub changes: Vec<Change>,
}

/// Cost of a question not yet solved (`dist` marker), and of a node that cannot reach the
/// target.
const UNSEEN: u32 = u32::MAX;
const IN_PROGRESS: u32 = u32::MAX - 1;
const UNREACHABLE: u32 = u32::MAX - 2;

/// The fewest changes to `answers` whose walk reaches conclusion `target`, holding the answers
/// in `held` fixed (a fact pattern's facts: at a held question only the held option may be
/// taken). Changing an answer costs 1, keeping one costs 0, answering a question never answered
/// costs 1. `None` when no walk that respects `held` reaches `target`.
///
/// Among walks with equally few changes, the one kept is the one that keeps the current answer
/// at the earliest question where there is a choice, then the lower option: the changes come
/// as late in the walk as they can. Exact and linear in the size of the tree: one iterative
/// depth-first pass computing, for each question reachable from the start, the least cost
/// from it to the target.
pub fn why_not(pack: &Pack, answers: &Answers, target: usize, held: &Answers) -> Option<WhyNot> {
    if target >= pack.conclusions().len() {
        return None;
    }
    let questions = pack.questions().len();
    let cost = |q: usize, o: usize| -> Option<u32> {
        if held.get(&q).is_some_and(|&h| h != o) {
            return None;
        }
        Some(u32::from(answers.get(&q) != Some(&o)))
    };
    let mut dist = vec![UNSEEN; questions];
    let mut best = vec![usize::MAX; questions];
    // Frame: (question, next option to look at).
    let start = pack.start();
    let mut stack = vec![(start, 0usize)];
    dist[start] = IN_PROGRESS;
    while let Some(frame) = stack.last_mut() {
        let (q, next) = *frame;
        let options = pack.question(q).options.len();
        if next < options {
            frame.1 += 1;
            if let Node::Question(child) = pack.target(q, next)
                && dist[child] == UNSEEN
                && cost(q, next).is_some()
            {
                dist[child] = IN_PROGRESS;
                stack.push((child, 0));
            }
            continue;
        }
        // Every child is solved (or, only in an unvalidated cyclic tree, in progress: skipped).
        // Options are tried in order: the current answer first, then the rest by index.
        let current = answers.get(&q).copied();
        let order = current
            .into_iter()
            .filter(|&o| o < options)
            .chain((0..options).filter(|&o| Some(o) != current));
        let mut solved = (UNREACHABLE, usize::MAX);
        for o in order {
            let Some(step) = cost(q, o) else { continue };
            let rest = match pack.target(q, o) {
                Node::Conclusion(c) if c == target => 0,
                Node::Question(child) if dist[child] < UNREACHABLE => dist[child],
                // Another conclusion, or a question that cannot reach the target.
                Node::Conclusion(_) | Node::Question(_) => continue,
            };
            if step + rest < solved.0 {
                solved = (step + rest, o);
            }
        }
        dist[q] = solved.0;
        best[q] = solved.1;
        stack.pop();
    }
    if dist[start] >= UNREACHABLE {
        return None;
    }
    // Every question on the best path from a start that reaches the target has its best option.
    let (path, _) = walk(pack, |q| Some(best[q]));
    let changes = path
        .iter()
        .enumerate()
        .filter(|(_, s)| answers.get(&s.question) != Some(&s.option))
        .map(|(step, s)| Change {
            step,
            question: s.question,
            from: answers.get(&s.question).copied(),
            to: s.option,
        })
        .collect();
    Some(WhyNot {
        target,
        path,
        changes,
    })
}

/// What a question decides: the conclusions reachable from it, and from each of its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decides {
    /// The question.
    pub question: usize,
    /// Every conclusion reachable from the question, by index, ascending.
    pub reachable: Vec<usize>,
    /// For each option (in order), the conclusions reachable through it, ascending.
    pub by_option: Vec<Vec<usize>>,
}

impl Decides {
    /// The options through which conclusion `c` can still be reached.
    pub fn options_to(&self, c: usize) -> Vec<usize> {
        self.by_option
            .iter()
            .enumerate()
            .filter(|(_, cs)| cs.binary_search(&c).is_ok())
            .map(|(o, _)| o)
            .collect()
    }

    /// Conclusions that only one option still reaches: the ones this question settles.
    pub fn settled_by(&self, option: usize) -> Vec<usize> {
        self.by_option.get(option).map_or_else(Vec::new, |cs| {
            cs.iter()
                .copied()
                .filter(|&c| self.options_to(c).len() == 1)
                .collect()
        })
    }
}

/// The conclusions `question` still leaves open and how each option splits them.
///
/// With the reach masks computed when the pack was loaded ([`crate::pack::reach`]) this is a
/// look-up: O(options × ⌈conclusions / 64⌉) plus the size of the answer, at any depth and pack
/// size. A pack with too many conclusions for the masks is searched instead (`decides_by_search`).
pub fn decides(pack: &Pack, question: usize) -> Decides {
    let Some(reach) = pack.reach() else {
        return decides_by_search(pack, question);
    };
    // The masks computed at load: a look-up per option.
    let by_option: Vec<Vec<usize>> = (0..pack.question(question).options.len())
        .map(|o| reach.conclusions(pack.target(question, o)))
        .collect();
    let mut reachable: Vec<usize> = by_option.iter().flatten().copied().collect();
    reachable.sort_unstable();
    reachable.dedup();
    Decides {
        question,
        reachable,
        by_option,
    }
}

/// [`decides`] by a search of everything below `question`, for packs with too many
/// conclusions for the masks computed at load ([`crate::pack::reach`]).
///
/// Exact and linear: one iterative depth-first pass orders the questions below `question`
/// (reverse post-order is a topological order of a DAG), then one pass in that order carries,
/// for every node, the set of `question`'s options through which it can be reached, as a bit
/// mask of one machine word per 64 options. A conclusion's mask is the options that reach it.
/// The work is O((questions + options below) × ⌈options of `question` / 64⌉) plus the size of
/// the answer. Calling the single-option search once per option instead would walk a shared
/// subtree once per option.
pub(crate) fn decides_by_search(pack: &Pack, question: usize) -> Decides {
    let options = pack.question(question).options.len();
    let words = options.div_ceil(64).max(1);
    let order = below(pack, question);
    // Local numbering: `slot[q]` is q's place in `order` (u32::MAX: not below `question`).
    let mut slot = vec![u32::MAX; pack.questions().len()];
    for (i, &q) in order.iter().enumerate() {
        slot[q] = u32::try_from(i).unwrap_or(u32::MAX);
    }
    let mut masks = vec![0u64; order.len() * words];
    let mut reach = vec![0u64; pack.conclusions().len() * words];
    let mark = |masks: &mut [u64], reach: &mut [u64], node: Node, from: &[u64]| {
        let row = match node {
            Node::Question(q) => &mut masks[slot[q] as usize * words..][..words],
            Node::Conclusion(c) => &mut reach[c * words..][..words],
        };
        for (to, bit) in row.iter_mut().zip(from) {
            *to |= bit;
        }
    };
    let mut bit = vec![0u64; words];
    for o in 0..options {
        bit.fill(0);
        bit[o / 64] = 1 << (o % 64);
        mark(&mut masks, &mut reach, pack.target(question, o), &bit);
    }
    // `order[0]` is `question` itself, whose own mask stays empty: its options were marked
    // above. Every other question passes what reaches it on to where its options lead.
    let mut carried = vec![0u64; words];
    for (i, &q) in order.iter().enumerate().skip(1) {
        carried.copy_from_slice(&masks[i * words..][..words]);
        for o in 0..pack.question(q).options.len() {
            mark(&mut masks, &mut reach, pack.target(q, o), &carried);
        }
    }
    let mut reachable = Vec::new();
    let mut by_option = vec![Vec::new(); options];
    for (c, row) in reach.chunks_exact(words).enumerate() {
        if row.iter().all(|&w| w == 0) {
            continue;
        }
        reachable.push(c);
        for (w, &word) in row.iter().enumerate() {
            let mut rest = word;
            while rest != 0 {
                let o = w * 64 + rest.trailing_zeros() as usize;
                by_option[o].push(c);
                rest &= rest - 1;
            }
        }
    }
    Decides {
        question,
        reachable,
        by_option,
    }
}

/// `question` and every question reachable from it, in a topological order (each before all
/// the questions its options lead to): the reverse of an iterative depth-first post-order.
fn below(pack: &Pack, question: usize) -> Vec<usize> {
    let mut seen = vec![false; pack.questions().len()];
    let mut post = Vec::new();
    // Frame: (question, next option to look at).
    let mut stack = vec![(question, 0usize)];
    seen[question] = true;
    while let Some(frame) = stack.last_mut() {
        let (q, next) = *frame;
        if next < pack.question(q).options.len() {
            frame.1 += 1;
            if let Node::Question(child) = pack.target(q, next)
                && !std::mem::replace(&mut seen[child], true)
            {
                stack.push((child, 0));
            }
        } else {
            post.push(q);
            stack.pop();
        }
    }
    post.reverse();
    post
}

fn display_id(id: &str) -> String {
    escape_for_display(id).into_owned()
}

#[cfg(test)]
mod tests;
