//! Graph algorithms over a validated tree: following answers by id, counting the paths, listing
//! them, and the longest path from each question. They live with the tree (not with the
//! session) so that validation, which checks every fact pattern and counts the paths, does not
//! depend on the answering engine; the engine builds its sessions on them.
//!
//! Every algorithm here is linear in the size of the pack (paths are listed lazily) and
//! iterative, so a deep pack cannot overflow the stack; none can loop, even on a tree with a
//! cycle (which the validator rejects).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Node, Pack};
use crate::text::escape_for_display;

/// One answered question on the path: indices into the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Step {
    /// Index of the question.
    pub question: usize,
    /// Index of the chosen option within the question.
    pub option: usize,
}

/// An answer that names a question or option the pack does not have. Ids in messages are
/// escaped for display.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// An answer names a question the pack does not have.
    #[error("unknown question \"{id}\"; the questions are: {}", .valid.join(", "))]
    UnknownQuestion {
        /// The id given (escaped).
        id: String,
        /// Every question id.
        valid: Vec<String>,
    },
    /// An answer names an option the question does not have.
    #[error("question \"{question}\" has no option \"{id}\"; its options are: {}", .valid.join(", "))]
    UnknownOption {
        /// Question id.
        question: String,
        /// The option id given (escaped).
        id: String,
        /// The question's option ids.
        valid: Vec<String>,
    },
}

/// Answers by id (question id → option id) turned into indices (question → option). An
/// unknown question or option is an error naming the valid choices (the first ten, then how
/// many more, so the message stays one readable line).
pub fn resolve(
    pack: &Pack,
    answers: &BTreeMap<String, String>,
) -> Result<HashMap<usize, usize>, IdError> {
    let mut by_index = HashMap::new();
    for (qid, oid) in answers {
        let q = pack
            .question_index(qid)
            .ok_or_else(|| IdError::UnknownQuestion {
                id: escape_for_display(qid).into_owned(),
                valid: some_ids(pack.questions().iter().map(|q| q.id.as_str())),
            })?;
        let o = pack
            .option_index(q, oid)
            .ok_or_else(|| IdError::UnknownOption {
                question: qid.clone(),
                id: escape_for_display(oid).into_owned(),
                valid: some_ids(pack.question(q).options.iter().map(|o| o.id.as_str())),
            })?;
        by_index.insert(q, o);
    }
    Ok(by_index)
}

/// The first ten ids, escaped, then how many more there are: an error naming the valid ids
/// stays one readable line however many there are.
fn some_ids<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Vec<String> {
    const SHOWN: usize = 10;
    let total = ids.len();
    let mut out: Vec<String> = ids
        .take(SHOWN)
        .map(|id| escape_for_display(id).into_owned())
        .collect();
    if total > SHOWN {
        out.push(format!("and {} more (see `immunity map`)", total - SHOWN));
    }
    out
}

/// The walk from the start: at each question the option `choose` gives, until a conclusion, or a
/// question `choose` gives no option for (or an option the question does not have); the steps
/// taken and where they end. Every way of following answers goes through here. At most one
/// step per question: a longer path would be a cycle (which the validator rejects), so the walk
/// stops regardless.
pub fn walk(pack: &Pack, mut choose: impl FnMut(usize) -> Option<usize>) -> (Vec<Step>, Node) {
    let mut steps = Vec::new();
    let mut at = Node::Question(pack.start());
    for _ in 0..pack.questions().len() {
        let Node::Question(q) = at else { break };
        let Some(option) = choose(q).filter(|&o| o < pack.question(q).options.len()) else {
            break;
        };
        steps.push(Step {
            question: q,
            option,
        });
        at = pack.target(q, option);
    }
    (steps, at)
}

/// Where a set of answers by id leads from the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The steps taken, in order.
    pub steps: Vec<Step>,
    /// Where the steps end: a conclusion, or the first question with no answer given.
    pub end: Node,
    /// Answers given for questions the path never reached (question ids, in id order).
    pub unused: Vec<String>,
}

/// Follows `answers` (question id → option id) from the start until a conclusion, or a question
/// with no answer given. Every id is checked first ([`resolve`]). Linear: each question is
/// passed at most once (a path longer than the number of questions would be a cycle, and
/// stops there).
pub fn follow_ids(pack: &Pack, answers: &BTreeMap<String, String>) -> Result<Route, IdError> {
    let by_index = resolve(pack, answers)?;
    let (steps, at) = walk(pack, |q| by_index.get(&q).copied());
    let used: HashSet<usize> = steps.iter().map(|s| s.question).collect();
    let unused = answers
        .keys()
        .filter(|qid| pack.question_index(qid).is_some_and(|q| !used.contains(&q)))
        .cloned()
        .collect();
    Ok(Route {
        steps,
        end: at,
        unused,
    })
}

/// Number of distinct paths from the start to any conclusion, by dynamic programming over the
/// tree (a DAG): linear in the size of the pack, iterative (no recursion depth limit), and
/// saturating at `u128::MAX` rather than overflowing. Options that lead back into a cycle count
/// zero (a validated pack has none).
pub fn count_paths(pack: &Pack) -> u128 {
    count_paths_from(pack, Node::Question(pack.start()))
}

/// Paths from any node to a conclusion.
pub fn count_paths_from(pack: &Pack, from: Node) -> u128 {
    let Node::Question(from) = from else { return 1 };
    // counts[q]: None = not visited, Some(None) = in progress, Some(Some(n)) = done.
    let mut counts: Vec<Option<Option<u128>>> = vec![None; pack.questions().len()];
    let mut stack = vec![(from, 0usize, 0u128)];
    counts[from] = Some(None);
    while let Some(frame) = stack.last_mut() {
        let (q, next_option, sum) = *frame;
        let options = pack.question(q).options.len();
        if next_option == options {
            counts[q] = Some(Some(sum));
            stack.pop();
            if let Some(parent) = stack.last_mut() {
                parent.2 = parent.2.saturating_add(sum);
            }
            continue;
        }
        frame.1 += 1;
        match pack.target(q, next_option) {
            Node::Conclusion(_) => frame.2 = frame.2.saturating_add(1),
            Node::Question(child) => match counts[child] {
                Some(Some(n)) => frame.2 = frame.2.saturating_add(n),
                Some(None) => {} // a cycle: contributes no finite path
                None => {
                    counts[child] = Some(None);
                    stack.push((child, 0, 0));
                }
            },
        }
    }
    counts[from].flatten().unwrap_or(0)
}

/// Every path from the start to a conclusion, lazily, depth first in option order. The number
/// of paths can be exponential in the size of the pack: take what you need from the iterator.
pub fn paths(pack: &Pack) -> Paths<'_> {
    Paths {
        pack,
        stack: vec![Step {
            question: pack.start(),
            option: 0,
        }],
        steps_budget: pack.questions().len() + 1,
    }
}

/// Iterator returned by [`paths`]: yields each path as its steps.
#[derive(Debug, Clone)]
pub struct Paths<'p> {
    pack: &'p Pack,
    /// The path being explored; the last step's option is the next to try.
    stack: Vec<Step>,
    /// A path longer than this is a cycle (impossible in a validated pack): it is abandoned.
    steps_budget: usize,
}

impl Iterator for Paths<'_> {
    type Item = Vec<Step>;

    fn next(&mut self) -> Option<Vec<Step>> {
        loop {
            let top = *self.stack.last()?;
            if top.option >= self.pack.question(top.question).options.len() {
                self.stack.pop();
                if let Some(parent) = self.stack.last_mut() {
                    parent.option += 1;
                }
                continue;
            }
            match self.pack.target(top.question, top.option) {
                Node::Conclusion(_) => {
                    let path = self.stack.clone();
                    if let Some(last) = self.stack.last_mut() {
                        last.option += 1;
                    }
                    return Some(path);
                }
                Node::Question(child) => {
                    if self.stack.len() >= self.steps_budget {
                        if let Some(last) = self.stack.last_mut() {
                            last.option += 1;
                        }
                    } else {
                        self.stack.push(Step {
                            question: child,
                            option: 0,
                        });
                    }
                }
            }
        }
    }
}

/// For every question, the most questions a walk from it can still ask, itself included: the
/// longest path to a conclusion, by dynamic programming over the tree (a DAG) in one iterative
/// post-order pass, linear in the size of the pack. The line mode prints "Question 3 of at most
/// 9" from it. A question on a cycle (impossible in a validated pack) counts what it has seen.
pub fn longest_remaining(pack: &Pack) -> Vec<usize> {
    // 0 = not visited, usize::MAX = in progress; otherwise the finished length.
    const NEW: usize = 0;
    const OPEN: usize = usize::MAX;
    let n = pack.questions().len();
    let mut longest = vec![NEW; n];
    for root in 0..n {
        if longest[root] != NEW {
            continue;
        }
        longest[root] = OPEN;
        // (question, next option to look at, longest tail found so far)
        let mut stack = vec![(root, 0usize, 0usize)];
        while let Some(frame) = stack.last_mut() {
            let (q, next_option, best) = *frame;
            if next_option == pack.question(q).options.len() {
                longest[q] = best + 1;
                stack.pop();
                if let Some(parent) = stack.last_mut() {
                    parent.2 = parent.2.max(best + 1);
                }
                continue;
            }
            frame.1 += 1;
            if let Node::Question(child) = pack.target(q, next_option) {
                match longest[child] {
                    NEW => {
                        longest[child] = OPEN;
                        stack.push((child, 0, 0));
                    }
                    OPEN => {} // a cycle: no finite path through it
                    done => frame.2 = frame.2.max(done),
                }
            }
        }
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::testing::{answer_ids, court};

    #[test]
    fn follow_reaches_each_fact_patterns_conclusion() {
        let pack = court();
        assert!(pack.cases().len() > 1);
        for case in pack.cases() {
            let followed = follow_ids(&pack, &case.answers).expect("valid ids");
            assert_eq!(followed.end, pack.node(&case.expected).expect("declared"));
            assert!(followed.unused.is_empty(), "{}", case.id);
            let mut at = Node::Question(pack.start());
            for step in &followed.steps {
                assert_eq!(at, Node::Question(step.question));
                at = pack.target(step.question, step.option);
            }
            assert_eq!(at, followed.end);
        }
    }

    #[test]
    fn follow_stops_at_the_first_unanswered_question_and_reports_unused_answers() {
        let pack = court();
        let start = pack.question(pack.start());
        // The first option that leads to another question, and a question the walk then
        // never reaches because it stops there.
        let (option, next) = start
            .options
            .iter()
            .enumerate()
            .find_map(|(i, o)| match pack.target(pack.start(), i) {
                Node::Question(q) => Some((o.id.clone(), q)),
                Node::Conclusion(_) => None,
            })
            .expect("the start leads to a question");
        let later = pack
            .questions()
            .iter()
            .enumerate()
            .find(|(i, _)| *i != pack.start() && *i != next)
            .map(|(_, q)| q)
            .expect("a third question");
        let followed = follow_ids(
            &pack,
            &answer_ids(&[(&start.id, &option), (&later.id, &later.options[0].id)]),
        )
        .expect("valid ids");
        assert_eq!(followed.steps.len(), 1);
        assert_eq!(followed.end, Node::Question(next));
        assert_eq!(followed.unused, vec![later.id.clone()]);
    }

    #[test]
    fn follow_rejects_unknown_ids_naming_the_valid_ones() {
        let pack = court();
        let err = follow_ids(&pack, &answer_ids(&[("nope", "x")])).expect_err("unknown question");
        assert!(matches!(err, IdError::UnknownQuestion { ref id, .. } if id == "nope"));
        let start = pack.question(pack.start());
        assert!(err.to_string().contains(start.id.as_str()), "{err}");
        let err = follow_ids(&pack, &answer_ids(&[(&start.id, "\u{1b}[2J")]))
            .expect_err("unknown option");
        assert!(err.to_string().contains("\\u{1b}"), "escaped: {err}");
        assert!(!err.to_string().contains('\u{1b}'), "not live: {err}");
        assert!(
            err.to_string().contains(start.options[0].id.as_str()),
            "{err}"
        );
    }
}
