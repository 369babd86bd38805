//! Which conclusions each question can still reach, computed once when a pack is loaded, so
//! that "what this question decides" is a look-up of a few words per option rather than a
//! search of everything below the question on every answer (54 ms at a million questions).
//!
//! Each question gets a bit mask over the conclusions, filled in one pass over the questions
//! in depth-first post-order (every question after all the questions its options lead to).
//! The masks take ⌈conclusions / 64⌉ words per question; a pack with more conclusions than
//! [`MAX_WORDS`] × 64 gets no masks (memory stays a small constant times the pack) and the
//! engine searches below the question instead.

use super::rows::Rows;
use super::{Node, PackFile};

/// Words per question at most: 256 conclusions, 32 bytes a question.
pub const MAX_WORDS: usize = 4;

/// The reachable conclusions of every question, as bit masks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    words: usize,
    masks: Vec<u64>,
}

impl Reach {
    /// The masks of the questions of `file`, whose options lead to `targets`; `None` when the
    /// pack has more conclusions than [`MAX_WORDS`] words hold. The tree must be acyclic (a
    /// loaded pack's is).
    pub(crate) fn build(file: &PackFile, targets: &Rows<Node>) -> Option<Reach> {
        let words = file.conclusions.len().div_ceil(64).max(1);
        if words > MAX_WORDS {
            return None;
        }
        let questions = file.questions.len();
        let mut masks = vec![0u64; questions * words];
        let mut done = vec![false; questions];
        // Iterative depth-first post-order from every question: a question's mask is filled
        // when all its options' targets are done. Frame: (question, next option to look at).
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for root in 0..questions {
            if done[root] {
                continue;
            }
            stack.push((root, 0));
            while let Some(frame) = stack.last_mut() {
                let (q, next) = *frame;
                if next < targets[q].len() {
                    frame.1 += 1;
                    if let Node::Question(child) = targets[q][next]
                        && !done[child]
                    {
                        stack.push((child, 0));
                    }
                    continue;
                }
                stack.pop();
                if done[q] {
                    continue;
                }
                for &target in &targets[q] {
                    match target {
                        Node::Question(child) => {
                            let (to, from) = if child < q {
                                let (low, high) = masks.split_at_mut(q * words);
                                (&mut high[..words], &low[child * words..][..words])
                            } else {
                                let (low, high) = masks.split_at_mut(child * words);
                                (&mut low[q * words..][..words], &high[..words])
                            };
                            for (t, f) in to.iter_mut().zip(from) {
                                *t |= f;
                            }
                        }
                        Node::Conclusion(c) => masks[q * words + c / 64] |= 1 << (c % 64),
                    }
                }
                done[q] = true;
            }
        }
        Some(Reach { words, masks })
    }

    /// The conclusions reachable from `node`, ascending (a conclusion reaches itself).
    pub fn conclusions(&self, node: Node) -> Vec<usize> {
        match node {
            Node::Conclusion(c) => vec![c],
            Node::Question(q) => {
                let mut out = Vec::new();
                for (w, &word) in self.masks[q * self.words..][..self.words]
                    .iter()
                    .enumerate()
                {
                    let mut rest = word;
                    while rest != 0 {
                        out.push(w * 64 + rest.trailing_zeros() as usize);
                        rest &= rest - 1;
                    }
                }
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Pack;

    /// A chain of `questions` questions, each with an option to the next question and one to
    /// a conclusion of its own: question i reaches the conclusions i and after.
    fn chain(questions: usize) -> Pack {
        let question = |i: usize| {
            let next = if i + 1 < questions {
                format!("q{}", i + 1)
            } else {
                "last".to_owned()
            };
            serde_json::json!({
                "id": format!("q{i}"), "prompt": "Go on?", "why": "Because.",
                "options": [
                    { "id": "on", "label": "On", "next": next },
                    { "id": "stop", "label": "Stop", "next": format!("c{i}") },
                ],
            })
        };
        let conclusion = |id: String| {
            serde_json::json!({
                "id": id, "outcome": "end", "title": "End", "summary": "End.",
                "reasoning": "End.", "authorities": [{ "source": "s" }],
            })
        };
        let pack = serde_json::json!({
            "id": "chain", "title": "Chain", "version": "1.0.0", "law_checked": "2026-01-01",
            "description": "A chain.", "disclaimer": "A test.", "start": "q0",
            "outcomes": [{ "id": "end", "label": "End" }],
            "sources": [{ "id": "s", "name": "S", "citation": "S v. T, 1 U.S. 1 (2001)",
                          "court": "Court", "year": 2001, "status": "good-law" }],
            "questions": (0..questions).map(question).collect::<Vec<_>>(),
            "conclusions": (0..questions).map(|i| format!("c{i}"))
                .chain(["last".to_owned()]).map(conclusion).collect::<Vec<_>>(),
        });
        crate::pack::testing::from_value(&pack)
    }

    #[test]
    fn each_question_reaches_the_conclusions_below_it() {
        let pack = chain(70);
        let reach = pack.reach().expect("71 conclusions fit in two words");
        assert_eq!(
            reach.conclusions(Node::Question(68)),
            [68, 69, 70],
            "q68 reaches its own, q69's and the last"
        );
        assert_eq!(reach.conclusions(Node::Question(0)).len(), 71);
        assert_eq!(reach.conclusions(Node::Conclusion(5)), [5]);
    }

    #[test]
    fn a_pack_with_too_many_conclusions_gets_no_masks_and_is_searched() {
        let pack = chain(MAX_WORDS * 64 + 1);
        assert!(pack.reach().is_none());
        let d = crate::engine::decides(&pack, 1);
        assert_eq!(d.by_option[1], [1]);
        assert_eq!(d.reachable.len(), MAX_WORDS * 64 + 1);
    }
}
