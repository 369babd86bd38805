//! The checks of a conclusion's caveats: none said twice (a repeated caveat is printed twice in
//! every report and memo that reaches the conclusion), and its `caveat_paths` (optional, added
//! after pack format 2.1): each
//! entry names one of the conclusion's caveats, a question of the pack and options of that
//! question, and each option named leads on to the conclusion (so the entry can be met on a path
//! that ends there). A pack without `caveat_paths` costs nothing beyond its conclusions; one
//! with them costs one pass over the tree for the reverse edges, and one more for each
//! conclusion whose entries need it (not one for each entry): linear in the pack for the few
//! conclusions that carry caveat paths.

use std::collections::HashMap;

use super::format::{CaveatPath, Conclusion};
use super::node_index::Nodes;
use super::position::{Reporter, json_path, quoted};
use super::rows::Rows;
use super::{Node, PackFile};
use crate::text::Clean;

impl Conclusion {
    /// The caveats that apply on a path of (question id, option id) answers, in their order:
    /// each caveat with no [`CaveatPath`] entry, and each with an entry whose answer the path
    /// gave.
    pub fn caveats_on_path(&self, path: &[(&str, &str)]) -> Vec<&Clean> {
        let on_path = |p: &CaveatPath| {
            path.iter().any(|(q, o)| {
                *q == p.question.as_str() && p.options.iter().any(|x| x.as_str() == *o)
            })
        };
        self.caveats
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                let mut entries = self.caveat_paths.iter().filter(|p| p.caveat == *i);
                let mut any = false;
                let reached = entries.any(|p| {
                    any = true;
                    on_path(p)
                });
                reached || !any
            })
            .map(|(_, c)| c)
            .collect()
    }
}

/// Reports every entry of every conclusion's `caveat_paths` that names no caveat, no question,
/// no option of its question, or an option from which the conclusion cannot be reached.
/// `nodes` are the pack's questions and conclusions by id and `edges` where each option leads
/// (`None` where its `next` names nothing), as [`super::validate`] resolved them.
pub(crate) fn check(
    file: &PackFile,
    nodes: Nodes<'_>,
    edges: &Rows<Option<Node>>,
    rep: &mut Reporter<'_, '_>,
) {
    // Built when the first entry needs it: which questions lead to each question.
    let mut parents: Option<Vec<Vec<usize>>> = None;
    for (ci, c) in file.conclusions.iter().enumerate() {
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(c.caveats.len());
        for (i, caveat) in c.caveats.iter().enumerate() {
            if let Some(&earlier) = first.get(caveat.as_str()) {
                rep.error(
                    &json_path!["conclusions", ci, "caveats", i],
                    &format!("repeats caveat {earlier} word for word: give each caveat once"),
                );
            } else {
                first.insert(caveat.as_str(), i);
            }
        }
        // Which questions lead to this conclusion, worked out once for all its entries.
        let mut leads_here: Option<Vec<bool>> = None;
        for (pi, p) in c.caveat_paths.iter().enumerate() {
            if p.caveat >= c.caveats.len() {
                rep.error(
                    &json_path!["conclusions", ci, "caveat_paths", pi, "caveat"],
                    &format!(
                        "caveat {} is not one of this conclusion's {} caveats (counted from 0)",
                        p.caveat,
                        c.caveats.len()
                    ),
                );
            }
            let Some(Node::Question(qi)) = nodes.get(p.question.as_str()) else {
                rep.error(
                    &json_path!["conclusions", ci, "caveat_paths", pi, "question"],
                    &format!("{} is not a question of the pack", quoted(&p.question)),
                );
                continue;
            };
            let question = &file.questions[qi];
            if p.options.is_empty() {
                rep.error(
                    &json_path!["conclusions", ci, "caveat_paths", pi, "options"],
                    "names no option: list the answers that put the caveat on the path",
                );
            }
            for (oi, o) in p.options.iter().enumerate() {
                let at = json_path!["conclusions", ci, "caveat_paths", pi, "options", oi];
                let Some(oi) = question.options.iter().position(|x| x.id == *o) else {
                    rep.error(
                        &at,
                        &format!(
                            "{} is not an option of question {}",
                            quoted(o),
                            quoted(&question.id)
                        ),
                    );
                    continue;
                };
                let leads = leads_here.get_or_insert_with(|| {
                    let parents = parents.get_or_insert_with(|| parents_of(file, edges));
                    leading_to(file, edges, parents, ci)
                });
                let reaches = match edges[qi][oi] {
                    Some(Node::Conclusion(to)) => to == ci,
                    Some(Node::Question(q)) => leads[q],
                    None => false,
                };
                if !reaches {
                    rep.error(
                        &at,
                        &format!(
                            "option {} of question {} never leads to conclusion {}",
                            quoted(o),
                            quoted(&question.id),
                            quoted(&c.id)
                        ),
                    );
                }
            }
        }
    }
}

/// For each question, the questions with an option leading to it.
fn parents_of(file: &PackFile, edges: &Rows<Option<Node>>) -> Vec<Vec<usize>> {
    let mut parents = vec![Vec::new(); file.questions.len()];
    for qi in 0..file.questions.len() {
        for &target in &edges[qi] {
            if let Some(Node::Question(next)) = target {
                parents[next].push(qi);
            }
        }
    }
    parents
}

/// Which questions lead to conclusion `target` (through any number of questions): one walk
/// back from the questions with an option leading to it.
fn leading_to(
    file: &PackFile,
    edges: &Rows<Option<Node>>,
    parents: &[Vec<usize>],
    target: usize,
) -> Vec<bool> {
    let mut leads = vec![false; file.questions.len()];
    let mut stack: Vec<usize> = (0..file.questions.len())
        .filter(|&qi| edges[qi].contains(&Some(Node::Conclusion(target))))
        .collect();
    // A question is marked when pushed, so each is pushed once, even on a cycle.
    for &q in &stack {
        leads[q] = true;
    }
    while let Some(q) = stack.pop() {
        for &parent in &parents[q] {
            if !std::mem::replace(&mut leads[parent], true) {
                stack.push(parent);
            }
        }
    }
    leads
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::pack::{FileSet, load};

    /// A pack of two questions: `who` (clerk → `act`, receiver → `act`, other → `elsewhere`)
    /// and `act` (ordered → `immune`, own → `elsewhere`); `immune` has three caveats, the
    /// second for receivers only, with `caveat_paths` as given.
    fn pack(caveat_paths: &Value) -> Value {
        json!({
            "id": "bars", "title": "Bars", "version": "1", "law_checked": "2026-01-01",
            "description": "d", "disclaimer": "d", "start": "who",
            "outcomes": [{"id": "o", "label": "O"}], "sources": [],
            "questions": [
                {"id": "who", "prompt": "Who?", "why": "w", "options": [
                    {"id": "clerk", "label": "A clerk", "next": "act"},
                    {"id": "receiver", "label": "A receiver", "next": "act"},
                    {"id": "other", "label": "Someone else", "next": "elsewhere"}]},
                {"id": "act", "prompt": "What act?", "why": "w", "options": [
                    {"id": "ordered", "label": "Ordered", "next": "immune"},
                    {"id": "own", "label": "Own", "next": "elsewhere"}]}
            ],
            "conclusions": [
                {"id": "immune", "outcome": "o", "title": "t", "summary": "s", "reasoning": "r",
                 "authorities": [],
                 "caveats": ["Every path.", "Receivers only.", "Also every path."],
                 "caveat_paths": caveat_paths},
                {"id": "elsewhere", "outcome": "o", "title": "t", "summary": "s",
                 "reasoning": "r", "authorities": []}
            ],
        })
    }

    fn problems(pack: &Value) -> String {
        let files = FileSet::new("bars", [("pack.json".to_owned(), pack.to_string())].into());
        match load(&files) {
            Ok(_) => String::new(),
            Err(problems) => problems.to_string(),
        }
    }

    #[test]
    fn a_caveat_tied_to_answers_applies_only_on_paths_that_give_one() {
        let value = pack(&json!([{"caveat": 1, "question": "who", "options": ["receiver"]}]));
        let pack = crate::pack::testing::from_value(&value);
        let immune = pack.conclusion(0);
        let on = |path: &[(&str, &str)]| -> Vec<String> {
            immune
                .caveats_on_path(path)
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(
            on(&[("who", "clerk"), ("act", "ordered")]),
            ["Every path.", "Also every path."]
        );
        assert_eq!(
            on(&[("who", "receiver"), ("act", "ordered")]),
            ["Every path.", "Receivers only.", "Also every path."]
        );
    }

    #[test]
    fn check_names_each_entry_that_points_nowhere() {
        let bad = pack(&json!([
            {"caveat": 3, "question": "who", "options": ["receiver"]},
            {"caveat": 1, "question": "whom", "options": ["receiver"]},
            {"caveat": 1, "question": "who", "options": ["bailiff", "other"]},
            {"caveat": 1, "question": "act", "options": []}
        ]));
        let found = problems(&bad);
        for message in [
            "caveat 3 is not one of this conclusion's 3 caveats (counted from 0)",
            "\"whom\" is not a question of the pack",
            "\"bailiff\" is not an option of question \"who\"",
            "option \"other\" of question \"who\" never leads to conclusion \"immune\"",
            "names no option: list the answers that put the caveat on the path",
        ] {
            assert!(found.contains(message), "{message} in:\n{found}");
        }
        assert_eq!(
            problems(&pack(
                &json!([{"caveat": 1, "question": "who", "options": ["receiver"]}])
            )),
            ""
        );
    }

    #[test]
    fn a_caveat_said_twice_is_named_where_it_repeats() {
        let mut twice = pack(&json!([]));
        twice["conclusions"][0]["caveats"] =
            json!(["Every path.", "Receivers only.", "Every path."]);
        let found = problems(&twice);
        assert!(found.contains("repeats caveat 0 word for word"), "{found}");
        assert!(found.contains("caveats[2]"), "{found}");
        assert_eq!(problems(&pack(&json!([]))), "");
    }
}
