//! Contingencies: for an answer the user is unsure of (or that is contested), where the walk
//! would end had it gone each other way.
//!
//! Exact over the tree: the answer is changed and the walk followed again from the start through
//! the same set of answers, so later answers are kept wherever the new path still passes through
//! their questions (what [`Session::revise`](super::Session::revise) does for one session). A new
//! path that reaches a question never answered stops there, and that question is named, never
//! guessed. The walks are [`follow`]'s, shared with what-if. Each alternative costs one walk of at most one step per question: linear in the size
//! of the tree.

use super::whatif::{Answers, Followed, follow};
use crate::pack::{Node, Pack};

/// One other way an uncertain answer could go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    /// The option the answer would change to.
    pub option: usize,
    /// The walk with that option (later answers kept where the path passes their questions).
    pub outcome: Followed,
}

impl Alternative {
    /// The question the new walk stops at because it was never answered, if it stops short.
    pub fn unanswered(&self) -> Option<usize> {
        match self.outcome.end {
            Node::Question(q) => Some(q),
            Node::Conclusion(_) => None,
        }
    }
}

/// How one uncertain answer bears on a walk's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contingency {
    /// The question answered uncertainly.
    pub question: usize,
    /// The option given.
    pub chosen: usize,
    /// The 0-based step at which the question is answered on the current path; `None` when the
    /// path does not pass through it (the answer then decides nothing on this walk).
    pub step: Option<usize>,
    /// Where the walk would end for each other option, in option order. Empty when `step` is
    /// `None`.
    pub alternatives: Vec<Alternative>,
    /// Where the walk ends with the answers as given.
    pub current: Node,
}

impl Contingency {
    /// True when every other option ends the walk where it ends now: the result holds whichever
    /// way the answer goes.
    pub fn holds(&self) -> bool {
        self.alternatives
            .iter()
            .all(|a| a.outcome.end == self.current)
    }

    /// The alternatives that end the walk somewhere else (another conclusion, or pending).
    pub fn changes(&self) -> impl Iterator<Item = &Alternative> {
        self.alternatives
            .iter()
            .filter(|a| a.outcome.end != self.current)
    }
}

/// The contingency of the answer to `question` within `answers`: where the walk ends for each
/// other option. `None` when `question` has no answer in the set.
pub fn contingency(pack: &Pack, answers: &Answers, question: usize) -> Option<Contingency> {
    let chosen = *answers.get(&question)?;
    let current = follow(pack, answers);
    let step = current.steps.iter().position(|s| s.question == question);
    let mut alternatives = Vec::new();
    if step.is_some() {
        let mut changed = answers.clone();
        for option in (0..pack.question(question).options.len()).filter(|&o| o != chosen) {
            changed.insert(question, option);
            alternatives.push(Alternative {
                option,
                outcome: follow(pack, &changed),
            });
        }
    }
    Some(Contingency {
        question,
        chosen,
        step,
        alternatives,
        current: current.end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::testing::diamond;

    fn set(pairs: &[(usize, usize)]) -> Answers {
        pairs.iter().copied().collect()
    }

    #[test]
    fn an_answer_whose_alternatives_all_end_alike_holds() {
        let pack = diamond();
        // start=d, other=k → end-1; other=l → end-1 as well.
        let c = contingency(&pack, &set(&[(0, 3), (3, 0)]), 3).unwrap();
        assert_eq!(c.step, Some(1));
        assert_eq!(c.current, Node::Conclusion(0));
        assert!(c.holds());
        assert_eq!(c.changes().count(), 0);
    }

    #[test]
    fn later_answers_are_kept_and_unanswered_questions_named() {
        let pack = diamond();
        // start=a, mid=y, last=q → end-1.
        let answers = set(&[(0, 0), (1, 1), (2, 1)]);
        let c = contingency(&pack, &answers, 0).unwrap();
        assert!(!c.holds());
        let ends: Vec<Node> = c.alternatives.iter().map(|a| a.outcome.end).collect();
        // b passes mid and last again (answers kept): end-1; c: end-2; d: stops at `other`,
        // never answered.
        assert_eq!(
            ends,
            [Node::Conclusion(0), Node::Conclusion(1), Node::Question(3)]
        );
        assert_eq!(c.alternatives[2].unanswered(), Some(3));
        assert_eq!(c.alternatives[0].outcome.steps.len(), 3);
        let changed: Vec<usize> = c.changes().map(|a| a.option).collect();
        assert_eq!(changed, [2, 3]);
        // Flipping `last` reaches end-2.
        let c = contingency(&pack, &answers, 2).unwrap();
        assert_eq!(c.step, Some(2));
        assert_eq!(c.alternatives.len(), 1);
        assert_eq!(c.alternatives[0].outcome.end, Node::Conclusion(1));
    }

    #[test]
    fn an_answer_off_the_path_decides_nothing() {
        let pack = diamond();
        // start=c ends at once; the answer to mid is off the path.
        let c = contingency(&pack, &set(&[(0, 2), (1, 0)]), 1).unwrap();
        assert_eq!(c.step, None);
        assert!(c.alternatives.is_empty());
        assert!(c.holds());
        assert!(contingency(&pack, &set(&[(0, 2)]), 1).is_none());
    }
}
