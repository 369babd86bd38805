//! What-if and why-not as report models, and their text and JSON renderings.
//!
//! The engine ([`crate::engine::what_if`], [`crate::engine::why_not`]) finds the walks; this
//! module says what they mean to a reader: the questions and answers by id and label, where the
//! walk ends (a conclusion, or a question never answered), the authorities that come in or drop
//! out, and for each change needed the question's why-text, the option's note and the excerpts
//! with their citations and status. `walk --what-if/--why-not` and the TUI render these models,
//! so they cannot disagree; `what_if/blocks.rs` builds them as documents for the writers.
//!
//! Over 400 lines because the two models share their parts (steps, ends, authorities in and
//! out) and their builders share the helpers that fill them; a hundred lines are unit tests.

mod blocks;

pub use blocks::{end_words, what_if_document, what_if_text, why_not_document, why_not_text};

use std::collections::HashSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    CitedAuthority, ConclusionRef, OptionRef, PackInfo, ReportExcerpt, TableEntry, cite_all,
    cite_excerpt, owned,
};
use crate::engine::{Answers, Followed, Step, WhatIf, WhyNot, follow};
use crate::pack::{Node, Pack};

/// The `format` field of a what-if in JSON.
pub const WHAT_IF_FORMAT: &str = "immunity-what-if";
/// The `format` field of a why-not in JSON.
pub const WHY_NOT_FORMAT: &str = "immunity-why-not";
/// The version of both shapes; changes only when a field is renamed or removed.
pub const DELTA_FORMAT_VERSION: u32 = 1;

/// One answered step of a walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StepRef {
    /// 1-based position in its walk.
    pub number: usize,
    /// Question id.
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// The answer.
    pub answer: OptionRef,
}

/// Where a walk ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum WalkEnd {
    /// At a conclusion.
    Conclusion(ConclusionRef),
    /// At a question that has no answer: the walk is pending there.
    Pending {
        /// Question id.
        question: String,
        /// The question as asked.
        prompt: String,
        /// Its options.
        options: Vec<OptionRef>,
    },
}

/// One answer changed: the walk before and after, and what differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WhatIfReport {
    /// Always `immunity-what-if`.
    pub format: String,
    /// Version of this shape.
    pub format_version: u32,
    /// The pack walked.
    pub pack: PackInfo,
    /// The step whose answer changes, with its current answer.
    pub question: StepRef,
    /// The answer it changes to.
    pub to: OptionRef,
    /// Where the walk ends now.
    pub before: WalkEnd,
    /// Where it would end.
    pub after: WalkEnd,
    /// 1-based step at which the walks first differ; absent when nothing changes.
    pub first_difference: Option<usize>,
    /// Steps of the current walk the new one no longer takes.
    pub dropped: Vec<StepRef>,
    /// Steps the new walk takes that the current one does not.
    pub added: Vec<StepRef>,
    /// Authorities cited on the new walk but not on the current one, with status.
    pub authorities_in: Vec<TableEntry>,
    /// Authorities cited on the current walk but not on the new one, with status.
    pub authorities_out: Vec<TableEntry>,
}

/// One answer to change (or give) on the way to the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ChangeEntry {
    /// 1-based step of the new walk at which the question is asked.
    pub step: usize,
    /// Question id.
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// Why the question is asked.
    pub why: String,
    /// The answer it has now; absent when it was never answered.
    pub from: Option<OptionRef>,
    /// The answer that leads on towards the target.
    pub to: OptionRef,
    /// What that answer means in law, when the pack says.
    pub note: Option<String>,
    /// The authorities for that answer.
    pub authorities: Vec<CitedAuthority>,
    /// The question's excerpts, verbatim, with citations and status.
    pub excerpts: Vec<ReportExcerpt>,
}

/// The fewest answer changes that reach a conclusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WhyNotReport {
    /// Always `immunity-why-not`.
    pub format: String,
    /// Version of this shape.
    pub format_version: u32,
    /// The pack walked.
    pub pack: PackInfo,
    /// The conclusion asked about.
    pub target: WalkEnd,
    /// Where the walk ends now.
    pub current: WalkEnd,
    /// The answers held fixed.
    pub held: Vec<StepRef>,
    /// False when no walk that keeps the held answers reaches the target.
    pub reachable: bool,
    /// The changes needed, earliest first (empty when the target is already reached).
    pub changes: Vec<ChangeEntry>,
    /// The walk that reaches the target.
    pub path: Vec<StepRef>,
}

impl WhatIfReport {
    /// The report of one engine what-if.
    pub fn new(pack: &Pack, w: &WhatIf) -> Self {
        let at = w.before.position(w.question).unwrap_or(0);
        let numbered = |walk: &Followed, steps: &[Step]| -> Vec<StepRef> {
            steps
                .iter()
                .map(|s| step_ref(pack, walk.position(s.question).unwrap_or(0), *s))
                .collect()
        };
        let before_sources = walk_sources(pack, &w.before);
        let after_sources = walk_sources(pack, &w.after);
        Self {
            format: WHAT_IF_FORMAT.to_owned(),
            format_version: DELTA_FORMAT_VERSION,
            pack: PackInfo::of(pack),
            question: step_ref(pack, at, w.before.steps[at]),
            to: option_ref(pack, w.question, w.option),
            before: walk_end(pack, w.before.end),
            after: walk_end(pack, w.after.end),
            first_difference: w.first_difference.map(|i| i + 1),
            dropped: numbered(&w.before, &w.dropped),
            added: numbered(&w.after, &w.added),
            authorities_in: entries(pack, &after_sources, &before_sources),
            authorities_out: entries(pack, &before_sources, &after_sources),
        }
    }
}

impl WhyNotReport {
    /// The report of a why-not search for conclusion `target` from `answers`, holding `held`;
    /// `found` is what [`crate::engine::why_not`] returned.
    pub fn new(
        pack: &Pack,
        answers: &Answers,
        held: &Answers,
        target: usize,
        found: Option<&WhyNot>,
    ) -> Self {
        let current = follow(pack, answers);
        let mut held_steps: Vec<Step> = held
            .iter()
            .map(|(&question, &option)| Step { question, option })
            .collect();
        // In the order the current walk asks them, then the rest by index.
        held_steps.sort_by_key(|s| {
            (
                current.position(s.question).unwrap_or(usize::MAX),
                s.question,
            )
        });
        let changes = found.map_or_else(Vec::new, |w| {
            w.changes
                .iter()
                .map(|c| {
                    let question = pack.question(c.question);
                    let choice = &question.options[c.to];
                    ChangeEntry {
                        step: c.step + 1,
                        question: owned(&question.id),
                        prompt: owned(&question.prompt),
                        why: owned(&question.why),
                        from: c.from.map(|o| option_ref(pack, c.question, o)),
                        to: option_ref(pack, c.question, c.to),
                        note: choice.note.as_deref().map(owned),
                        authorities: cite_all(pack, &choice.authorities),
                        excerpts: question
                            .excerpts
                            .iter()
                            .filter_map(|e| cite_excerpt(pack, e))
                            .collect(),
                    }
                })
                .collect()
        });
        Self {
            format: WHY_NOT_FORMAT.to_owned(),
            format_version: DELTA_FORMAT_VERSION,
            pack: PackInfo::of(pack),
            target: walk_end(pack, Node::Conclusion(target)),
            current: walk_end(pack, current.end),
            held: held_steps
                .iter()
                .map(|s| step_ref(pack, current.position(s.question).unwrap_or(0), *s))
                .collect(),
            reachable: found.is_some(),
            changes,
            path: found.map_or_else(Vec::new, |w| {
                w.path
                    .iter()
                    .enumerate()
                    .map(|(i, s)| step_ref(pack, i, *s))
                    .collect()
            }),
        }
    }
}

/// Pretty JSON of either model, ending in a newline.
pub fn to_json<T: Serialize>(model: &T) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(model).expect("report models serialise")
    )
}

fn option_ref(pack: &Pack, question: usize, option: usize) -> OptionRef {
    OptionRef::of(&pack.question(question).options[option])
}

fn step_ref(pack: &Pack, index: usize, step: Step) -> StepRef {
    let q = pack.question(step.question);
    StepRef {
        number: index + 1,
        question: owned(&q.id),
        prompt: owned(&q.prompt),
        answer: option_ref(pack, step.question, step.option),
    }
}

/// Where a walk ends, as a model.
pub fn walk_end(pack: &Pack, end: Node) -> WalkEnd {
    match end {
        Node::Conclusion(c) => WalkEnd::Conclusion(ConclusionRef::of(pack, pack.conclusion(c))),
        Node::Question(q) => {
            let question = pack.question(q);
            WalkEnd::Pending {
                question: owned(&question.id),
                prompt: owned(&question.prompt),
                options: (0..question.options.len())
                    .map(|o| option_ref(pack, q, o))
                    .collect(),
            }
        }
    }
}

/// The source ids a walk cites (its questions' excerpts, its answers' authorities, its
/// conclusion's authorities), each once, in order first cited.
fn walk_sources<'p>(pack: &'p Pack, walk: &Followed) -> Vec<&'p str> {
    let mut ids: Vec<&'p str> = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |id: &'p str| {
        if seen.insert(id) {
            ids.push(id);
        }
    };
    for s in &walk.steps {
        let q = pack.question(s.question);
        for e in &q.excerpts {
            e.cited_sources().for_each(&mut push);
        }
        for a in &q.options[s.option].authorities {
            push(&a.source);
        }
    }
    if let Node::Conclusion(c) = walk.end {
        for a in &pack.conclusion(c).authorities {
            push(&a.source);
        }
    }
    ids
}

/// Table entries for the sources in `from` that are not in `without`, in `from`'s order.
fn entries(pack: &Pack, from: &[&str], without: &[&str]) -> Vec<TableEntry> {
    let without: HashSet<&str> = without.iter().copied().collect();
    from.iter()
        .filter(|id| !without.contains(*id))
        .filter_map(|id| pack.source(id))
        .map(TableEntry::of)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{resolve_answers, what_if, why_not};
    use crate::pack::testing::court;

    /// A fact pattern whose walk has at least three steps, with its answers by index.
    fn long_case(pack: &Pack) -> Answers {
        pack.cases()
            .iter()
            .map(|c| resolve_answers(pack, &c.answers).expect("case answers resolve"))
            .find(|a| follow(pack, a).steps.len() >= 3)
            .expect("the court pack's bench walks three steps")
    }

    #[test]
    fn what_if_report_names_the_delta_and_the_authorities() {
        let pack = court();
        let given = long_case(&pack);
        let before = follow(&pack, &given);
        let (mut gained, mut lost) = (false, false);
        // Every other option of every step: the report agrees with the engine's delta.
        for (i, s) in before.steps.iter().enumerate() {
            for option in 0..pack.question(s.question).options.len() {
                let w = what_if(&pack, &given, s.question, option).unwrap();
                let r = WhatIfReport::new(&pack, &w);
                assert_eq!(r.question.number, i + 1);
                assert_eq!(r.dropped.len(), w.dropped.len());
                assert_eq!(r.added.len(), w.added.len());
                let text = what_if_text(&r);
                assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
                if option == s.option {
                    assert!(text.contains("nothing changes"));
                    continue;
                }
                assert_eq!(r.first_difference, Some(i + 1));
                assert!(text.contains(&format!("The walks part at step {}.", i + 1)));
                // The authorities in and out are exactly the difference of the two walks'.
                let b = walk_sources(&pack, &w.before);
                let a = walk_sources(&pack, &w.after);
                gained |= !r.authorities_in.is_empty();
                lost |= !r.authorities_out.is_empty();
                for t in &r.authorities_in {
                    assert!(a.contains(&t.source.as_str()) && !b.contains(&t.source.as_str()));
                    assert!(text.contains(&t.citation) || text.contains(&t.status_label));
                }
                for t in &r.authorities_out {
                    assert!(b.contains(&t.source.as_str()) && !a.contains(&t.source.as_str()));
                }
                let json: WhatIfReport = serde_json::from_str(&to_json(&r)).unwrap();
                assert_eq!(json, r);
            }
        }
        assert!(
            gained && lost,
            "some change brings authorities in and takes some out"
        );
    }

    #[test]
    fn why_not_report_gives_why_text_and_excerpts_for_each_change() {
        let pack = court();
        let given = long_case(&pack);
        let now = follow(&pack, &given).conclusion().unwrap();
        let mut seen_change = false;
        for target in 0..pack.conclusions().len() {
            let found = why_not(&pack, &given, target, &Answers::new());
            let r = WhyNotReport::new(&pack, &given, &Answers::new(), target, found.as_ref());
            let text = why_not_text(&r);
            assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
            assert!(r.reachable, "every conclusion of a valid pack is reachable");
            if target == now {
                assert!(r.changes.is_empty());
                assert!(text.contains("nothing needs to change"));
                continue;
            }
            seen_change = true;
            assert!(!r.changes.is_empty());
            for c in &r.changes {
                let q = pack.question(pack.question_index(&c.question).unwrap());
                assert_eq!(c.why, q.why);
                assert_eq!(c.excerpts.len(), q.excerpts.len());
                assert!(
                    !c.excerpts.is_empty(),
                    "each question of the pack quotes a court"
                );
                assert!(text.contains(&format!("{}: ", c.question)));
            }
            assert!(text.contains("Why asked: "));
        }
        assert!(seen_change);
    }

    #[test]
    fn why_not_report_says_when_held_answers_rule_the_target_out() {
        let pack = court();
        let given = long_case(&pack);
        let walk = follow(&pack, &given);
        let now = walk.conclusion().unwrap();
        // Hold every answer: only the current conclusion can be reached.
        let held: Answers = walk.steps.iter().map(|s| (s.question, s.option)).collect();
        let other = (0..pack.conclusions().len()).find(|&c| c != now).unwrap();
        let found = why_not(&pack, &given, other, &held);
        assert!(found.is_none());
        let r = WhyNotReport::new(&pack, &given, &held, other, None);
        assert!(!r.reachable);
        assert_eq!(r.held.len(), walk.steps.len());
        assert_eq!(r.held[0].number, 1, "held answers are listed in walk order");
        assert!(why_not_text(&r).contains("No walk that keeps the held answers"));
    }
}
