//! The checks of `cases.json` against its pack: each fact pattern's id, that its answers name
//! questions and their options, and that walking them reaches the expected conclusion.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{Ids, check_id};
use crate::pack::node_index::Nodes;
use crate::pack::position::{Reporter, json_path, quoted};
use crate::pack::{Case, CasesFile, Node, Pack, PackFile};

/// Checks that a case's answers name questions and their options. True when they all do.
fn check_answers(
    case: &Case,
    ci: usize,
    file: &PackFile,
    nodes: Nodes<'_>,
    rep: &mut Reporter<'_, '_>,
) -> bool {
    let mut answers_ok = true;
    for (qid, oid) in &case.answers {
        let at = json_path!["cases", ci, "answers", qid.as_str()];
        match nodes.get(qid) {
            Some(Node::Question(q)) => {
                let question = &file.questions[q];
                if !question.options.iter().any(|o| &o.id == oid) {
                    answers_ok = false;
                    let mut valid = String::new();
                    for (i, o) in question.options.iter().take(10).enumerate() {
                        let _ = write!(valid, "{}{}", if i > 0 { ", " } else { "" }, quoted(&o.id));
                    }
                    rep.error(
                        &at,
                        &format!(
                            "question {} has no option {}; its options are: {valid}",
                            quoted(qid),
                            quoted(oid)
                        ),
                    );
                }
            }
            Some(Node::Conclusion(_)) => {
                answers_ok = false;
                rep.error_key(
                    &at,
                    &format!("{} names a conclusion, not a question", quoted(qid)),
                );
            }
            None => {
                answers_ok = false;
                rep.error_key(&at, &format!("{} names no question", quoted(qid)));
            }
        }
    }
    answers_ok
}

/// Checks `cases.json` against the pack: ids, answers, and (when the tree can be walked) that
/// each case's answers reach its expected conclusion. Returns how many cases do.
pub(crate) fn check_cases(
    cases: &CasesFile,
    file: &PackFile,
    nodes: Nodes<'_>,
    pack: Option<&Pack>,
    (excerpts, uses_21): (&HashMap<String, usize>, bool),
    rep: &mut Reporter<'_, '_>,
) -> usize {
    let mut ids = Ids::new();
    let mut reached = 0;
    for (ci, case) in cases.cases.iter().enumerate() {
        ids.declare(rep, &case.id, &json_path!["cases", ci]);
        check_id(rep, &json_path!["cases", ci], &case.id);
        let answers_ok = check_answers(case, ci, file, nodes, rep);
        let walk = match (pack, answers_ok) {
            (Some(pack), true) => crate::pack::graph::follow_ids(pack, &case.answers).ok(),
            _ => None,
        };
        let path: Option<Vec<usize>> = walk
            .as_ref()
            .map(|w| w.steps.iter().map(|s| s.question).collect());
        crate::pack::checks21::check_case(case, ci, file, excerpts, path.as_deref(), uses_21, rep);
        let expected = match nodes.get(case.expected.as_str()) {
            Some(Node::Conclusion(c)) => Some(c),
            Some(Node::Question(_)) => {
                rep.error(
                    &json_path!["cases", ci, "expected"],
                    &format!(
                        "{} names a question, not a conclusion",
                        quoted(&case.expected)
                    ),
                );
                None
            }
            None => {
                rep.error(
                    &json_path!["cases", ci, "expected"],
                    &format!("{} names no conclusion", quoted(&case.expected)),
                );
                None
            }
        };
        let (Some(expected), Some(walk)) = (expected, walk) else {
            continue;
        };
        let answers_at = json_path!["cases", ci, "answers"];
        let wrong_end = match walk.end {
            Node::Conclusion(c) if c == expected => None,
            Node::Conclusion(c) => Some(format!(
                "reach conclusion {}, not the expected",
                quoted(&file.conclusions[c].id)
            )),
            Node::Question(q) => Some(format!(
                "stop at question {}, which they do not answer; the expected conclusion is",
                quoted(&file.questions[q].id)
            )),
        };
        match wrong_end {
            None => reached += 1,
            Some(end) => rep.error(
                &answers_at,
                &format!("these answers {end} {}", quoted(&case.expected)),
            ),
        }
        for qid in &walk.unused {
            let at = json_path!["cases", ci, "answers", qid.as_str()];
            rep.warning_key(
                &at,
                &format!(
                    "the path never reaches question {}; this answer is unused",
                    quoted(qid)
                ),
            );
        }
    }
    reached
}
