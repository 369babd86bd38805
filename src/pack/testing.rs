//! Small packs for the crate's own unit tests: a few questions written as JSON, with the
//! header, the one outcome and the conclusions filled in, loaded through the real loader so a
//! test pack is checked like any other. (Integration tests build theirs with
//! `tests/support/pack.rs`.)

use super::{FileSet, Pack, load};

/// Loads `pack` (the whole `pack.json` as a value); panics with the problems if it is invalid.
pub(crate) fn from_value(pack: &serde_json::Value) -> Pack {
    let id = pack["id"].as_str().unwrap_or("test").to_owned();
    let files = FileSet::new(&id, [("pack.json".to_owned(), pack.to_string())].into());
    match load(&files) {
        Ok((pack, _)) => pack,
        Err(problems) => panic!("the test pack {id} is invalid:\n{problems}"),
    }
}

/// A pack of `questions` (a JSON array of questions; the first is the start) ending at
/// `conclusions`, every one of the single outcome `o`.
pub(crate) fn tiny(questions: &str, conclusions: &[&str]) -> Pack {
    let questions: serde_json::Value =
        serde_json::from_str(questions).expect("the questions are JSON");
    let start = questions[0]["id"].clone();
    let conclusions: Vec<serde_json::Value> = conclusions
        .iter()
        .map(|id| {
            serde_json::json!({"id": id, "outcome": "o", "title": "t", "summary": "s",
                               "reasoning": "r", "authorities": []})
        })
        .collect();
    from_value(&serde_json::json!({
        "id": "tiny", "title": "Tiny", "version": "1", "law_checked": "2026-01-01",
        "description": "d", "disclaimer": "d", "start": start,
        "outcomes": [{"id": "o", "label": "O"}], "sources": [],
        "questions": questions, "conclusions": conclusions,
    }))
}

/// The crate's common small tree, a diamond with a side branch:
///
/// ```text
/// start --a--> mid --x--> end-1          start --c--> end-2
///       --b--> mid --y--> last --p--> end-2
///                              --q--> end-1
///       --d--> other --k|l--> end-1
/// ```
///
/// `mid` is reached by both `a` and `b`, so revising `start` keeps the later answers; `other`
/// is a branch where every option ends alike.
pub(crate) fn diamond() -> Pack {
    tiny(
        r#"[
        {"id": "start", "prompt": "S?", "why": "w", "options": [
          {"id": "a", "label": "A", "next": "mid"},
          {"id": "b", "label": "B", "next": "mid"},
          {"id": "c", "label": "C", "next": "end-2"},
          {"id": "d", "label": "D", "next": "other"}]},
        {"id": "mid", "prompt": "M?", "why": "w", "options": [
          {"id": "x", "label": "X", "next": "end-1"},
          {"id": "y", "label": "Y", "next": "last"}]},
        {"id": "last", "prompt": "L?", "why": "w", "options": [
          {"id": "p", "label": "P", "next": "end-2"},
          {"id": "q", "label": "Q", "next": "end-1"}]},
        {"id": "other", "prompt": "O?", "why": "w", "options": [
          {"id": "k", "label": "K", "next": "end-1"},
          {"id": "l", "label": "L", "next": "end-1"}]}
      ]"#,
        &["end-1", "end-2"],
    )
}

/// Answers by id, as `--answer QUESTION=OPTION` gives them: `answer_ids(&[("start", "a")])`.
pub(crate) fn answer_ids(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(q, o)| ((*q).to_owned(), (*o).to_owned()))
        .collect()
}

/// The bundled legal pack, for the unit tests that check the law's own content.
pub(crate) fn bundled() -> Pack {
    let files = FileSet::bundled(super::catalog::DEFAULT).expect("the default pack is embedded");
    load(&files).expect("the bundled pack is valid").0
}
