//! The checks of a conclusion's caveats: none said twice (a repeated caveat is printed twice in
//! every report and memo that reaches the conclusion), and its `caveat_paths` (optional, added
//! after pack format 2.1): each
//! entry names one of the conclusion's caveats, a question of the pack and options of that
//! question, and each option named leads on to the conclusion (so the entry can be met on a path
//! that ends there). Work is linear in the pack for each entry; a pack has a few dozen.

use std::collections::{HashMap, HashSet};

use super::PackFile;
use super::format::{CaveatPath, Conclusion};
use super::position::{Reporter, json_path, quoted};
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
pub(crate) fn check(file: &PackFile, rep: &mut Reporter<'_, '_>) {
    let questions: HashMap<&str, usize> = file
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
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
            let Some(&qi) = questions.get(p.question.as_str()) else {
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
                match question.options.iter().find(|x| x.id == *o) {
                    None => rep.error(
                        &at,
                        &format!(
                            "{} is not an option of question {}",
                            quoted(o),
                            quoted(&question.id)
                        ),
                    ),
                    Some(option) if !reaches(file, &questions, &option.next, &c.id) => rep.error(
                        &at,
                        &format!(
                            "option {} of question {} never leads to conclusion {}",
                            quoted(o),
                            quoted(&question.id),
                            quoted(&c.id)
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
}

/// True when the node `from` is the conclusion `target` or leads to it.
fn reaches(file: &PackFile, questions: &HashMap<&str, usize>, from: &str, target: &str) -> bool {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == target {
            return true;
        }
        if !seen.insert(id) {
            continue;
        }
        if let Some(&q) = questions.get(id) {
            stack.extend(file.questions[q].options.iter().map(|o| o.next.as_str()));
        }
    }
    false
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
