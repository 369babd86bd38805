//! How a screening's saved answers meet the pack it is shown with ([`Screening::fit`]): the
//! answers that fit, those that do not (kept and shown, never dropped), and whether the pack
//! changed since; and the contingencies of its uncertain answers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::{Answer, PackRef, Screening};
use crate::engine::{self, Answers, Contingency};
use crate::pack::Pack;

/// An answer of a screening that no longer fits the pack it is shown with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Misfit {
    /// 0-based index of the answer in the screening.
    pub index: usize,
    /// The question id as saved.
    pub question: String,
    /// The option id as saved.
    pub option: String,
    /// Why it does not fit, in words.
    pub reason: String,
}

/// How a screening's saved answers meet the pack it is shown with.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The answers that fit, by index.
    pub answers: Answers,
    /// Answers whose question or option the pack does not have: kept in the file and shown.
    pub misfits: Vec<Misfit>,
    /// Set when the screening was saved against another pack or version: says which.
    pub pack_changed: Option<String>,
}

impl Screening {
    /// Matches the saved answers against `pack`.
    pub fn fit(&self, pack: &Pack) -> Fit {
        let mut answers = Answers::new();
        let mut misfits = Vec::new();
        for (index, a) in self.answers.iter().enumerate() {
            let Some(q) = pack.question_index(&a.question) else {
                misfits.push(Misfit {
                    index,
                    question: a.question.to_string(),
                    option: a.option.to_string(),
                    reason: format!("the pack has no question {:?}", a.question),
                });
                continue;
            };
            let Some(o) = pack.option_index(q, &a.option) else {
                let valid: Vec<&str> = pack
                    .question(q)
                    .options
                    .iter()
                    .map(|o| o.id.as_str())
                    .collect();
                misfits.push(Misfit {
                    index,
                    question: a.question.to_string(),
                    option: a.option.to_string(),
                    reason: format!(
                        "question {:?} has no option {:?} (its options are: {})",
                        a.question,
                        a.option,
                        valid.join(", ")
                    ),
                });
                continue;
            };
            answers.insert(q, o);
        }
        let now = PackRef::of(pack);
        let pack_changed = (self.pack != now).then(|| {
            if self.pack.id == now.id && self.pack.version == now.version {
                format!(
                    "screened with {} version {} whose content has since changed (hash {} then, {} now)",
                    self.pack.id,
                    self.pack.version,
                    short_hash(&self.pack.content_hash),
                    short_hash(&now.content_hash)
                )
            } else {
                format!(
                    "screened with {} version {}; shown with {} version {}",
                    self.pack.id, self.pack.version, now.id, now.version
                )
            }
        });
        Fit {
            answers,
            misfits,
            pack_changed,
        }
    }

    /// The saved answer to question id `question`, if any.
    pub fn answer(&self, question: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.question == question)
    }

    /// The answers as question id → option id (for `walk --answers`).
    pub fn answer_map(&self) -> BTreeMap<String, String> {
        self.answers
            .iter()
            .map(|a| (a.question.to_string(), a.option.to_string()))
            .collect()
    }

    /// The contingency of every uncertain answer that fits the pack, in answer order.
    pub fn contingencies(&self, pack: &Pack, fit: &Fit) -> Vec<(usize, Contingency)> {
        self.answers
            .iter()
            .enumerate()
            .filter(|(_, a)| a.certainty.is_uncertain())
            .filter_map(|(i, a)| {
                let q = pack.question_index(&a.question)?;
                fit.answers.get(&q)?;
                engine::contingency(pack, &fit.answers, q).map(|c| (i, c))
            })
            .collect()
    }
}

/// The first 12 hex digits of a content hash: enough to tell versions apart in a sentence.
fn short_hash(hash: &str) -> String {
    hash.chars().take(12).collect()
}
