//! The answering engine: a [`Session`] walking a validated [`Pack`]. The graph algorithms it
//! builds on (following answers by id, counting and listing paths) live with the tree, in
//! [`crate::pack::graph`], and are re-exported here.
//!
//! Pure: no I/O, no terminal. Every front end (the TUI, `immunity walk`, the exporters, the
//! fact-pattern check) drives the same `Session`, so they cannot disagree about where an answer
//! leads. Nothing here knows about judicial immunity: the law lives in the pack.
//!
//! Over 400 lines because the [`Session`]'s unit tests stand beside it; the code alone is about 270
//! lines.

use std::collections::{BTreeMap, HashMap};

use thiserror::Error;

use crate::pack::graph::{self, IdError};
use crate::pack::{Node, Pack};

mod contingency;
mod whatif;

pub use crate::pack::graph::{
    Paths, Step, count_paths, count_paths_from, longest_remaining, paths,
};
pub use contingency::{Alternative, Contingency, contingency};
pub use whatif::{
    Answers, Change, Decides, Followed, WhatIf, WhyNot, decides, follow, what_if, why_not,
};

/// What went wrong driving a session. Ids in messages are escaped for display.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EngineError {
    /// An answer was given while the session stands at a conclusion.
    #[error("the walk has already reached a conclusion")]
    AtConclusion,
    /// An option index out of range.
    #[error("question {question:?} has {count} options; there is no option {option}")]
    NoSuchOption {
        /// Question id.
        question: String,
        /// 0-based index asked for.
        option: usize,
        /// How many options there are.
        count: usize,
    },
    /// A step index beyond the path.
    #[error("the path has {len} steps; there is no step {step}")]
    NoSuchStep {
        /// 0-based step asked for.
        step: usize,
        /// Length of the path.
        len: usize,
    },
    /// An answer names a question or an option the pack does not have.
    #[error(transparent)]
    Id(#[from] IdError),
    /// A what-if names a question the current walk does not answer.
    #[error("question \"{question}\" is not answered on the current path")]
    NotOnPath {
        /// Question id (escaped).
        question: String,
    },
}

/// A walk through a pack: the answers given so far, and the answers remembered from earlier
/// visits (so going back keeps the earlier answer selected, and revising an early answer keeps
/// later ones where the new path still passes through them).
#[derive(Debug, Clone)]
pub struct Session<'p> {
    pack: &'p Pack,
    path: Vec<Step>,
    remembered: HashMap<usize, usize>,
}

impl<'p> Session<'p> {
    /// A session at the pack's start question.
    pub fn new(pack: &'p Pack) -> Self {
        Self {
            pack,
            path: Vec::new(),
            remembered: HashMap::new(),
        }
    }

    /// A session that remembers `answers` (question → option, e.g. a saved screening's) and
    /// has followed them from the start as far as they go: where the user left off, with every
    /// answer off the path still remembered for a later revision.
    pub fn resume(pack: &'p Pack, answers: Answers) -> Self {
        let mut session = Self {
            pack,
            path: Vec::new(),
            remembered: answers,
        };
        session.replay();
        session
    }

    /// The pack being walked.
    pub fn pack(&self) -> &'p Pack {
        self.pack
    }

    /// Where the session stands: the start, or where the last answer led.
    pub fn current(&self) -> Node {
        self.path
            .last()
            .map_or(Node::Question(self.pack.start()), |s| {
                self.pack.target(s.question, s.option)
            })
    }

    /// The current question, unless the session stands at a conclusion.
    pub fn current_question(&self) -> Option<usize> {
        match self.current() {
            Node::Question(q) => Some(q),
            Node::Conclusion(_) => None,
        }
    }

    /// The conclusion reached, if any.
    pub fn conclusion(&self) -> Option<usize> {
        match self.current() {
            Node::Conclusion(c) => Some(c),
            Node::Question(_) => None,
        }
    }

    /// True once a conclusion is reached.
    pub fn is_finished(&self) -> bool {
        self.conclusion().is_some()
    }

    /// The answers on the path, in order.
    pub fn history(&self) -> &[Step] {
        &self.path
    }

    /// The option last chosen for `question`, on this path or an abandoned one: the option a
    /// front end should pre-select when the question is shown again.
    pub fn remembered(&self, question: usize) -> Option<usize> {
        self.remembered.get(&question).copied()
    }

    /// Every answer given, on this path or an abandoned one (question → option): the input of
    /// [`what_if`] and [`why_not`].
    pub fn answers(&self) -> &Answers {
        &self.remembered
    }

    /// Answers the current question with option index `option`; returns where it leads.
    pub fn answer(&mut self, option: usize) -> Result<Node, EngineError> {
        let question = self.current_question().ok_or(EngineError::AtConclusion)?;
        let count = self.pack.question(question).options.len();
        if option >= count {
            return Err(EngineError::NoSuchOption {
                question: self.pack.question(question).id.to_string(),
                option,
                count,
            });
        }
        self.path.push(Step { question, option });
        self.remembered.insert(question, option);
        Ok(self.current())
    }

    /// Steps back one question; the answer given there stays remembered. False at the start.
    pub fn back(&mut self) -> bool {
        self.path.pop().is_some()
    }

    /// Back to the start, forgetting every answer.
    pub fn restart(&mut self) {
        self.path.clear();
        self.remembered.clear();
    }

    /// Goes back to step `step` (0-based) of the path, so that its question is current again.
    /// Remembered answers are kept.
    pub fn jump_to(&mut self, step: usize) -> Result<(), EngineError> {
        if step >= self.path.len() {
            return Err(EngineError::NoSuchStep {
                step,
                len: self.path.len(),
            });
        }
        self.path.truncate(step);
        Ok(())
    }

    /// Changes the answer at step `step` to `option`, then follows the remembered answers
    /// forward as far as the new path passes through questions answered before. Returns where
    /// the session now stands.
    pub fn revise(&mut self, step: usize, option: usize) -> Result<Node, EngineError> {
        let saved = (self.path.clone(), self.remembered.clone());
        self.jump_to(step)?;
        if let Err(e) = self.answer(option) {
            (self.path, self.remembered) = saved;
            return Err(e);
        }
        Ok(self.replay())
    }

    /// Follows remembered answers from the current question until a question without one, or a
    /// conclusion. Returns where the session stands.
    pub fn replay(&mut self) -> Node {
        // A validated pack has no cycles, so this ends within `questions().len()` steps; the
        // bound keeps it finite regardless.
        for _ in 0..self.pack.questions().len() {
            let Some(q) = self.current_question() else {
                break;
            };
            let Some(option) = self.remembered(q) else {
                break;
            };
            self.path.push(Step {
                question: q,
                option,
            });
        }
        self.current()
    }
}

/// The result of following a set of answers by id from the start.
#[derive(Debug, Clone)]
pub struct Walk<'p> {
    /// The session after following every applicable answer.
    pub session: Session<'p>,
    /// Answers given for questions the path never reached (question ids, in id order).
    pub unused: Vec<String>,
}

/// Follows `answers` (question id → option id) from the start until a conclusion, or a question
/// with no answer given ([`graph::follow_ids`]), as a session. Every id is checked first: an
/// unknown question or option is an error naming the valid choices.
pub fn walk<'p>(
    pack: &'p Pack,
    answers: &BTreeMap<String, String>,
) -> Result<Walk<'p>, EngineError> {
    let followed = graph::follow_ids(pack, answers)?;
    let mut session = Session::new(pack);
    for step in &followed.steps {
        session.answer(step.option)?;
    }
    Ok(Walk {
        session,
        unused: followed.unused,
    })
}

/// Answers by id (question id → option id) turned into indices ([`graph::resolve`]). An
/// unknown question or option is an error naming the valid choices.
pub fn resolve_answers(
    pack: &Pack,
    answers: &BTreeMap<String, String>,
) -> Result<Answers, EngineError> {
    Ok(graph::resolve(pack, answers)?)
}

/// Where a session's path leaves a fact pattern's answers: the index of the first step whose
/// answer differs from the case's (or whose question the case does not answer). `None` when
/// every step agrees with the case.
pub fn divergence(session: &Session<'_>, case: &crate::pack::Case) -> Option<usize> {
    let pack = session.pack();
    session.history().iter().position(|step| {
        let question = pack.question(step.question);
        case.answers.get(question.id.as_str()).map(String::as_str)
            != Some(question.options[step.option].id.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::testing::{answer_ids, diamond};

    fn ids(session: &Session<'_>) -> Vec<String> {
        let pack = session.pack();
        session
            .history()
            .iter()
            .map(|s| {
                let q = pack.question(s.question);
                format!("{}={}", q.id, q.options[s.option].id)
            })
            .collect()
    }

    #[test]
    fn answer_back_and_remembered_selection() {
        let pack = diamond();
        let mut s = Session::new(&pack);
        assert_eq!(s.current(), Node::Question(0));
        assert!(!s.back(), "nothing to go back to at the start");
        assert_eq!(s.answer(1), Ok(Node::Question(1)));
        assert_eq!(s.answer(1), Ok(Node::Question(2)));
        assert_eq!(s.answer(0), Ok(Node::Conclusion(1)));
        assert!(s.is_finished());
        assert_eq!(s.answer(0), Err(EngineError::AtConclusion));
        assert!(s.back());
        assert_eq!(s.current_question(), Some(2));
        assert_eq!(
            s.remembered(2),
            Some(0),
            "the earlier answer stays selected"
        );
        assert_eq!(ids(&s), ["start=b", "mid=y"]);
        s.restart();
        assert!(s.history().is_empty());
        assert_eq!(s.remembered(2), None);
    }

    #[test]
    fn resume_stands_where_they_lead_and_remembers_the_rest() {
        let pack = diamond();
        // start=c ends at once; mid=y and last=p are off that path but kept.
        let answers: Answers = [(0, 2), (1, 1), (2, 0)].into_iter().collect();
        let mut s = Session::resume(&pack, answers);
        assert_eq!(ids(&s), ["start=c"]);
        assert_eq!(s.current(), Node::Conclusion(1));
        assert_eq!(
            s.remembered(2),
            Some(0),
            "an answer off the path is remembered"
        );
        // Going back and choosing the other way finds the kept answers again.
        assert!(s.back());
        s.answer(1).unwrap();
        assert_eq!(s.replay(), Node::Conclusion(1));
        assert_eq!(ids(&s), ["start=b", "mid=y", "last=p"]);
        // No answers: the start.
        let s = Session::resume(&pack, Answers::new());
        assert_eq!(s.current(), Node::Question(0));
    }

    #[test]
    fn out_of_range_option_is_an_error() {
        let pack = diamond();
        let mut s = Session::new(&pack);
        assert_eq!(
            s.answer(4),
            Err(EngineError::NoSuchOption {
                question: "start".into(),
                option: 4,
                count: 4
            })
        );
        assert!(s.history().is_empty());
    }

    #[test]
    fn revise_keeps_later_answers_where_the_path_still_passes() {
        let pack = diamond();
        let mut s = Session::new(&pack);
        for o in [0, 1, 1] {
            s.answer(o).unwrap();
        }
        assert_eq!(s.conclusion(), Some(0));
        // Change start from a to b: mid and last are still on the path, so their answers stay.
        assert_eq!(s.revise(0, 1), Ok(Node::Conclusion(0)));
        assert_eq!(ids(&s), ["start=b", "mid=y", "last=q"]);
        // Change start to c: the path no longer passes mid; it ends at once.
        assert_eq!(s.revise(0, 2), Ok(Node::Conclusion(1)));
        assert_eq!(ids(&s), ["start=c"]);
        // And back to a: mid and last are remembered from before.
        assert_eq!(s.revise(0, 0), Ok(Node::Conclusion(0)));
        assert_eq!(ids(&s), ["start=a", "mid=y", "last=q"]);
        // A bad revision leaves the session as it was.
        assert!(s.revise(7, 0).is_err());
        assert!(s.revise(1, 9).is_err());
        assert_eq!(ids(&s), ["start=a", "mid=y", "last=q"]);
    }

    #[test]
    fn jump_to_an_earlier_question() {
        let pack = diamond();
        let mut s = Session::new(&pack);
        s.answer(0).unwrap();
        s.answer(1).unwrap();
        s.jump_to(1).unwrap();
        assert_eq!(s.current_question(), Some(1));
        assert_eq!(s.remembered(1), Some(1));
        assert_eq!(
            s.jump_to(1),
            Err(EngineError::NoSuchStep { step: 1, len: 1 })
        );
    }

    #[test]
    fn counts_and_enumerates_paths() {
        let pack = diamond();
        // a,b each: x | y(p|q) = 3 paths; c: 1 path; d: k | l = 2 paths.
        assert_eq!(count_paths(&pack), 9);
        let all: Vec<_> = paths(&pack).collect();
        assert_eq!(all.len(), 9);
        let unique: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(unique.len(), 9);
        for path in &all {
            let last = path.last().unwrap();
            assert!(matches!(
                pack.target(last.question, last.option),
                Node::Conclusion(_)
            ));
        }
    }

    #[test]
    fn walk_by_ids_reports_pending_unknown_and_unused() {
        let pack = diamond();
        let w = walk(&pack, &answer_ids(&[("start", "c"), ("mid", "x")])).unwrap();
        assert_eq!(w.session.conclusion(), Some(1));
        assert_eq!(w.unused, ["mid"]);
        let w = walk(&pack, &answer_ids(&[("start", "a")])).unwrap();
        assert_eq!(w.session.current_question(), Some(1));
        let e = walk(&pack, &answer_ids(&[("nope", "a")])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown question \"nope\"; the questions are: start, mid, last, other"
        );
        let e = walk(&pack, &answer_ids(&[("mid", "z")])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "question \"mid\" has no option \"z\"; its options are: x, y"
        );
    }

    #[test]
    fn longest_remaining_counts_questions_to_the_deepest_conclusion() {
        let pack = diamond();
        let longest = longest_remaining(&pack);
        let at = |id: &str| longest[pack.question_index(id).unwrap()];
        assert_eq!(at("last"), 1);
        assert_eq!(at("mid"), 2);
        assert_eq!(at("start"), 3);
    }

    #[test]
    fn divergence_from_a_fact_pattern() {
        let pack = diamond();
        let case = crate::pack::Case {
            id: "c".into(),
            title: "t".into(),
            citation: "c".into(),
            facts: "f".into(),
            answers: [("start", "a"), ("mid", "x")]
                .iter()
                .map(|(q, o)| ((*q).to_owned(), (*o).to_owned()))
                .collect(),
            expected: "end-1".into(),
            holding: "h".into(),
            grounds: std::collections::BTreeMap::new(),
            historical: None,
            distinctive: Vec::new(),
        };
        let mut s = Session::new(&pack);
        s.answer(0).unwrap();
        s.answer(0).unwrap();
        assert_eq!(divergence(&s, &case), None);
        s.revise(1, 1).unwrap();
        assert_eq!(divergence(&s, &case), Some(1));
    }
}
