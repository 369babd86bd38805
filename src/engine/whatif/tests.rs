//! Tests of what-if, why-not and "what this decides": worked examples on a small pack, and
//! exhaustive comparison with brute force (every path enumerated) on every bundled pack, a
//! purpose-made pack with fact patterns, a generated pack and random DAG packs.
//!
//! Over 400 lines because the brute-force oracle (every path enumerated), its checks and the random
//! DAG packs it runs on stand beside the worked examples they confirm.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;
use crate::engine::{Session, paths};
use crate::pack::{FileSet, generate::generate_pack, load};

/// Builds a valid pack from `targets[q]` = the `next` of each option of question `q`: an index
/// below `targets.len()` is a question, above it a conclusion (`index - targets.len()`).
fn pack_of(targets: &[Vec<usize>], conclusions: usize) -> Pack {
    let n = targets.len();
    let id = |t: usize| {
        if t < n {
            format!("q{t}")
        } else {
            format!("c{}", t - n)
        }
    };
    let questions: Vec<serde_json::Value> = targets
        .iter()
        .enumerate()
        .map(|(q, options)| {
            serde_json::json!({
                "id": format!("q{q}"), "prompt": format!("Question {q}?"), "why": "Because.",
                "options": options.iter().enumerate().map(|(o, &t)| serde_json::json!({
                    "id": format!("o{o}"), "label": format!("Option {o}"), "next": id(t),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let conclusions: Vec<serde_json::Value> = (0..conclusions)
        .map(|c| {
            serde_json::json!({
                "id": format!("c{c}"), "outcome": "o", "title": "t", "summary": "s",
                "reasoning": "r", "authorities": [],
            })
        })
        .collect();
    let pack = serde_json::json!({
        "id": "dag", "title": "DAG", "version": "1", "law_checked": "2026-01-01",
        "description": "d", "disclaimer": "d", "start": "q0",
        "outcomes": [{"id": "o", "label": "O"}], "sources": [],
        "questions": questions, "conclusions": conclusions,
    });
    crate::pack::testing::from_value(&pack)
}

/// start(q0) --o0--> mid(q1) --o0--> c0
///           --o1--> mid        --o1--> last(q2) --o0--> c1
///           --o2--> c1                          --o1--> c0
fn diamond() -> Pack {
    pack_of(&[vec![1, 1, 4], vec![3, 2], vec![4, 3]], 2)
}

fn answers(pairs: &[(usize, usize)]) -> Answers {
    pairs.iter().copied().collect()
}

fn step(question: usize, option: usize) -> Step {
    Step { question, option }
}

#[test]
fn follow_stops_at_a_conclusion_or_the_first_unanswered_question() {
    let pack = diamond();
    let f = follow(&pack, &answers(&[(0, 0), (1, 1), (2, 1)]));
    assert_eq!(f.steps, [step(0, 0), step(1, 1), step(2, 1)]);
    assert_eq!(f.conclusion(), Some(0));
    let f = follow(&pack, &answers(&[(0, 1), (2, 0)]));
    assert_eq!(f.steps, [step(0, 1)]);
    assert_eq!(f.pending(), Some(1));
    assert_eq!(f.position(0), Some(0));
    assert_eq!(f.position(2), None);
}

#[test]
fn what_if_keeps_later_answers_where_the_new_path_passes() {
    let pack = diamond();
    let given = answers(&[(0, 0), (1, 1), (2, 1)]);
    // a -> b: mid and last are still on the path; only the first step differs.
    let w = what_if(&pack, &given, 0, 1).unwrap();
    assert_eq!(w.previous, 0);
    assert_eq!(w.first_difference, Some(0));
    assert_eq!(w.after.steps, [step(0, 1), step(1, 1), step(2, 1)]);
    assert_eq!(w.dropped, [step(0, 0)]);
    assert_eq!(w.added, [step(0, 1)]);
    assert!(!w.changes_end());
    // a -> c: mid and last drop out, and the conclusion changes.
    let w = what_if(&pack, &given, 0, 2).unwrap();
    assert_eq!(w.after.steps, [step(0, 2)]);
    assert_eq!(w.after.conclusion(), Some(1));
    assert_eq!(w.dropped, [step(0, 0), step(1, 1), step(2, 1)]);
    assert_eq!(w.added, [step(0, 2)]);
    assert!(w.changes_end());
    // The same option: nothing changes.
    let w = what_if(&pack, &given, 1, 1).unwrap();
    assert_eq!(w.first_difference, None);
    assert!(w.dropped.is_empty() && w.added.is_empty());
}

#[test]
fn what_if_names_a_question_never_answered_instead_of_guessing() {
    let pack = diamond();
    let w = what_if(&pack, &answers(&[(0, 0), (1, 0)]), 1, 1).unwrap();
    assert_eq!(w.first_difference, Some(1));
    assert_eq!(w.after.steps, [step(0, 0), step(1, 1)]);
    assert_eq!(w.after.pending(), Some(2), "last was never answered");
    assert_eq!(w.added, [step(1, 1)]);
}

#[test]
fn what_if_rejects_questions_off_the_path_and_bad_options() {
    let pack = diamond();
    let given = answers(&[(0, 2), (1, 0)]);
    assert_eq!(
        what_if(&pack, &given, 1, 1).unwrap_err().to_string(),
        "question \"q1\" is not answered on the current path"
    );
    assert_eq!(
        what_if(&pack, &given, 0, 3),
        Err(EngineError::NoSuchOption {
            question: "q0".into(),
            option: 3,
            count: 3
        })
    );
}

#[test]
fn why_not_finds_the_fewest_changes() {
    let pack = diamond();
    let given = answers(&[(0, 0), (1, 0)]);
    assert_eq!(follow(&pack, &given).conclusion(), Some(0));
    // To c1: change start to c (one change) rather than mid to y and answer last (two).
    let w = why_not(&pack, &given, 1, &Answers::new()).unwrap();
    assert_eq!(w.path, [step(0, 2)]);
    assert_eq!(
        w.changes,
        [Change {
            step: 0,
            question: 0,
            from: Some(0),
            to: 2
        }]
    );
    // Holding start fixed, the only way is through last, which was never answered.
    let w = why_not(&pack, &given, 1, &answers(&[(0, 0)])).unwrap();
    assert_eq!(w.path, [step(0, 0), step(1, 1), step(2, 0)]);
    assert_eq!(
        w.changes
            .iter()
            .map(|c| (c.step, c.from))
            .collect::<Vec<_>>(),
        [(1, Some(0)), (2, None)]
    );
    // Already there: no changes.
    let w = why_not(&pack, &given, 0, &Answers::new()).unwrap();
    assert!(w.changes.is_empty());
    assert_eq!(w.path, [step(0, 0), step(1, 0)]);
    // Unreachable under the held answers, and no such conclusion.
    assert_eq!(why_not(&pack, &given, 1, &answers(&[(0, 0), (1, 0)])), None);
    assert_eq!(why_not(&pack, &given, 9, &Answers::new()), None);
}

#[test]
fn decides_splits_the_reachable_conclusions_by_option() {
    let pack = diamond();
    let d = decides(&pack, 1);
    assert_eq!(d.reachable, [0, 1]);
    assert_eq!(d.by_option, [vec![0], vec![0, 1]]);
    assert_eq!(d.options_to(1), [1]);
    assert_eq!(d.settled_by(1), [1]);
    assert!(d.settled_by(0).is_empty());
    assert_eq!(decides(&pack, 2).by_option, [vec![1], vec![0]]);
}

/// The least number of changes over every path to `target` that respects `held`, by
/// enumeration.
fn brute_why_not(pack: &Pack, given: &Answers, target: usize, held: &Answers) -> Option<usize> {
    paths(pack)
        .filter(|p| {
            let last = p.last().expect("paths are non-empty");
            pack.target(last.question, last.option) == Node::Conclusion(target)
        })
        .filter(|p| {
            p.iter()
                .all(|s| held.get(&s.question).is_none_or(|&h| h == s.option))
        })
        .map(|p| {
            p.iter()
                .filter(|s| given.get(&s.question) != Some(&s.option))
                .count()
        })
        .min()
}

/// Checks `why_not` against brute force, and that what it returns is a real walk whose changes
/// are exactly its departures from `given`.
fn check_why_not(pack: &Pack, given: &Answers, target: usize, held: &Answers) {
    let found = why_not(pack, given, target, held);
    let expected = brute_why_not(pack, given, target, held);
    assert_eq!(
        found.as_ref().map(|w| w.changes.len()),
        expected,
        "target {target}, answers {given:?}, held {held:?}"
    );
    let Some(w) = found else { return };
    let mut at = Node::Question(pack.start());
    for (i, s) in w.path.iter().enumerate() {
        assert_eq!(at, Node::Question(s.question), "the path is connected");
        assert!(held.get(&s.question).is_none_or(|&h| h == s.option));
        let departs = given.get(&s.question) != Some(&s.option);
        let change = w.changes.iter().find(|c| c.step == i);
        assert_eq!(departs, change.is_some(), "step {i} of {:?}", w.path);
        if let Some(c) = change {
            assert_eq!(
                (c.question, c.from, c.to),
                (s.question, given.get(&s.question).copied(), s.option)
            );
        }
        at = pack.target(s.question, s.option);
    }
    assert_eq!(at, Node::Conclusion(target));
    assert!(w.changes.windows(2).all(|p| p[0].step < p[1].step));
}

/// Checks `what_if` for every answered step and every option against the definition, and
/// against `Session::revise` when `given` holds only the answers on its own path.
fn check_what_if(pack: &Pack, given: &Answers) {
    let before = follow(pack, given);
    let on_path_only = given.len() == before.steps.len();
    for (i, s) in before.steps.iter().enumerate() {
        for option in 0..pack.question(s.question).options.len() {
            let w = what_if(pack, given, s.question, option).unwrap();
            assert_eq!(w.before, before);
            // The new walk: the changed answer, then the given ones, until a conclusion or a
            // question never answered.
            let mut at = Node::Question(pack.start());
            for t in &w.after.steps {
                assert_eq!(at, Node::Question(t.question));
                let want = if t.question == s.question {
                    option
                } else {
                    given[&t.question]
                };
                assert_eq!(t.option, want);
                at = pack.target(t.question, t.option);
            }
            assert_eq!(at, w.after.end);
            if let Node::Question(q) = at {
                assert!(q != s.question && !given.contains_key(&q));
            }
            if option == s.option {
                assert_eq!(w.first_difference, None);
                assert!(w.dropped.is_empty() && w.added.is_empty());
            } else {
                assert_eq!(w.first_difference, Some(i));
                assert_eq!(w.dropped.first(), Some(s));
                assert_eq!(w.added.first(), Some(&step(s.question, option)));
            }
            // A walk's steps less those it alone takes: the same on both sides.
            let common = |walk: &Followed, alone: &[Step]| -> BTreeSet<(usize, usize)> {
                walk.steps
                    .iter()
                    .filter(|x| !alone.contains(x))
                    .map(|x| (x.question, x.option))
                    .collect()
            };
            assert_eq!(
                common(&w.before, &w.dropped),
                common(&w.after, &w.added),
                "dropped and added leave the common steps"
            );
            if on_path_only {
                let mut session = Session::new(pack);
                for t in &before.steps {
                    session.answer(t.option).unwrap();
                }
                assert_eq!(session.answers(), given);
                let end = session.revise(i, option).unwrap();
                assert_eq!(session.history(), w.after.steps.as_slice());
                assert_eq!(end, w.after.end);
            }
        }
    }
}

/// The conclusions at the end of every path from `from`, by enumeration.
fn brute_reachable(pack: &Pack, from: Node, out: &mut BTreeSet<usize>) {
    match from {
        Node::Conclusion(c) => {
            out.insert(c);
        }
        Node::Question(q) => {
            for o in 0..pack.question(q).options.len() {
                brute_reachable(pack, pack.target(q, o), out);
            }
        }
    }
}

fn check_decides(pack: &Pack) {
    for q in 0..pack.questions().len() {
        let d = decides(pack, q);
        // The look-up in the masks computed at load and the search below the question agree.
        assert_eq!(d, super::decides_by_search(pack, q), "question {q}");
        let mut all = BTreeSet::new();
        for (o, cs) in d.by_option.iter().enumerate() {
            let mut want = BTreeSet::new();
            brute_reachable(pack, pack.target(q, o), &mut want);
            assert_eq!(cs.iter().copied().collect::<BTreeSet<_>>(), want);
            all.extend(want);
        }
        assert_eq!(d.reachable.iter().copied().collect::<BTreeSet<_>>(), all);
    }
}

/// The answer sets to try on a pack: each fact pattern's, each full path's (every path, up to
/// a bound), and none at all.
fn answer_sets(pack: &Pack) -> Vec<Answers> {
    let mut sets = vec![Answers::new()];
    for case in pack.cases() {
        let by_id: BTreeMap<String, String> = case.answers.clone();
        sets.push(crate::engine::resolve_answers(pack, &by_id).unwrap());
    }
    sets.extend(
        paths(pack)
            .take(40)
            .map(|p| p.iter().map(|s| (s.question, s.option)).collect()),
    );
    sets
}

fn check_pack_exhaustively(pack: &Pack) {
    for given in answer_sets(pack) {
        check_what_if(pack, &given);
        for target in 0..pack.conclusions().len() {
            check_why_not(pack, &given, target, &Answers::new());
            // Hold the first two answers of the walk, as a fact pattern's facts would be.
            let held: Answers = follow(pack, &given)
                .steps
                .iter()
                .take(2)
                .map(|s| (s.question, s.option))
                .collect();
            check_why_not(pack, &given, target, &held);
        }
    }
    check_decides(pack);
}

/// Every pack the binary ships: the oracle names nothing in them, so no change to the law's
/// wording or ids reaches this test; only a what-if answer wrong on a shipped pack does.
#[test]
fn agrees_with_brute_force_on_the_bundled_pack() {
    for name in FileSet::bundled_names() {
        let files = FileSet::bundled(name).expect("listed packs are embedded");
        let (pack, _) = load(&files).expect("the bundled pack is valid");
        check_pack_exhaustively(&pack);
    }
}

/// A purpose-made pack whose fact patterns give the walks to start from, and whose two first
/// answers lead to one shared question.
#[test]
fn agrees_with_brute_force_on_a_pack_with_fact_patterns() {
    let pack = crate::pack::testing::court();
    assert!(!pack.cases().is_empty());
    check_pack_exhaustively(&pack);
}

#[test]
fn agrees_with_brute_force_on_a_generated_pack() {
    let (pack, _) = load(&generate_pack(14)).expect("generated packs are valid");
    check_pack_exhaustively(&pack);
}

#[test]
fn why_not_is_linear_on_a_large_generated_pack() {
    // The generated pack of 10,000 questions has more paths than could ever be enumerated
    // (they grow like the Fibonacci numbers); the search still answers, and the answer is a
    // walk to the target.
    let (pack, _) = load(&generate_pack(10_000)).expect("generated packs are valid");
    let given: Answers = (0..pack.questions().len()).map(|q| (q, 0)).collect();
    let walked = follow(&pack, &given);
    assert_eq!(walked.steps.len(), 10_000);
    let target = pack.node("c2").and_then(|n| match n {
        Node::Conclusion(c) => Some(c),
        Node::Question(_) => None,
    });
    let w = why_not(&pack, &given, target.unwrap(), &Answers::new()).unwrap();
    assert_eq!(
        w.changes.len(),
        1,
        "option c of the first question goes straight there"
    );
    let d = decides(&pack, 0);
    assert_eq!(d.reachable, [0, 1, 2]);
}

/// A random DAG: `n` questions, `m` conclusions; question `i`'s first option leads to question
/// `i + 1` and the last question's options to every conclusion (so everything is reachable);
/// the other options lead anywhere later.
fn dag() -> impl Strategy<Value = (Vec<Vec<usize>>, usize)> {
    (1usize..8, 2usize..5).prop_flat_map(|(n, m)| {
        let rows: Vec<_> = (0..n)
            .map(|i| {
                prop::collection::vec(any::<u16>(), 1..3).prop_map(move |seeds| {
                    if i + 1 == n {
                        return (0..m).map(|c| n + c).collect::<Vec<_>>();
                    }
                    let later = n - i - 1 + m;
                    std::iter::once(i + 1)
                        .chain(seeds.iter().map(|&s| i + 1 + usize::from(s) % later))
                        .collect()
                })
            })
            .collect();
        (rows, Just(m))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn agrees_with_brute_force_on_random_dags(
        (targets, m) in dag(),
        picks in prop::collection::vec(prop::option::of(any::<u8>()), 8),
        holds in prop::collection::vec(prop::option::weighted(0.25, any::<u8>()), 8),
    ) {
        let pack = pack_of(&targets, m);
        let pick = |seeds: &[Option<u8>]| -> Answers {
            targets
                .iter()
                .enumerate()
                .filter_map(|(q, options)| {
                    seeds[q].map(|s| (q, usize::from(s) % options.len()))
                })
                .collect()
        };
        let given = pick(&picks);
        let held = pick(&holds);
        check_what_if(&pack, &given);
        for target in 0..m {
            check_why_not(&pack, &given, target, &held);
            check_why_not(&pack, &given, target, &Answers::new());
        }
        check_decides(&pack);
    }
}

/// A question with more options than one machine word has bits (the masks span words), many
/// of them leading into one shared subtree, and some straight to conclusions.
#[test]
fn decides_is_exact_for_a_question_with_many_options() {
    // q0: 130 options; even ones to q1, odd ones to c0 or c1 alternately. q1 -> q2 or c2;
    // q2 -> c3 or c2.
    let first: Vec<usize> = (0..130)
        .map(|o| if o % 2 == 0 { 1 } else { 3 + (o / 2) % 2 })
        .collect();
    let pack = pack_of(&[first, vec![2, 5], vec![6, 5]], 4);
    check_decides(&pack);
    let d = decides(&pack, 0);
    assert_eq!(d.reachable, [0, 1, 2, 3]);
    assert_eq!(d.by_option[128], [2, 3]);
    assert_eq!(d.by_option[129], [0]);
    assert_eq!(d.by_option[127], [1]);
    assert_eq!(d.options_to(3).len(), 65);
    assert!(d.settled_by(0).is_empty());
}
