//! Small packs for the crate's own unit tests, loaded through the real loader so a test pack is
//! checked like any other: [`tiny`] (a few questions written as JSON, with the header, the one
//! outcome and the conclusions filled in), [`diamond`] (a small tree with a shared middle), and
//! [`court`] (sources with texts, every kind of quotation, fact patterns). (Integration tests
//! build theirs with `tests/support/pack.rs`.) Unit tests do not load the bundled legal pack,
//! whose wording changes with the law; the house rule in `tests/house_rules.rs` names the few
//! files that may, and why.

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

/// A pack with the shapes the citation, report and walk code must handle, built for the
/// crate's tests so that none leans on the bundled legal pack (whose wording changes with the
/// law):
///
/// ```text
/// role --judge|clerk--> act --judicial--------> power --some-----> immune
///      --other--> none      --administrative--> no-immunity
///                                                     --lacking--> no-immunity
/// ```
///
/// `role` is the start but the last question listed, so a walk's order is not the pack's.
/// Fact pattern `bench` walks judge, judicial, some to `immune` (three steps); `desk` walks
/// clerk, administrative to `no-immunity`. The options and conclusions cite different
/// sources, and the two conclusions without immunity cite one that `bench` never does, so two
/// walks differ in their authorities both ways. The excerpts: `role` quotes Holder
/// plainly; `act` quotes Elder (caution) through Holder (good law) with Holder's alteration;
/// `power` quotes two sentences of Speaker that quote others in fragments, one
/// Fragment's (alteration in original), one a separate opinion in Separate.
pub(crate) fn court() -> Pack {
    let source = |id: &str, name: &str, cite: &str, year: u16, status: &str| {
        let mut s = serde_json::json!({"id": id, "name": name,
            "citation": format!("{name}, {cite} ({year})"), "court": "Test Court",
            "year": year, "status": status});
        if status != "good-law" {
            s["history"] = format!("{name} is cited here for one point only.").into();
        }
        if matches!(id, "holder" | "speaker") {
            s["text"] = format!("{id}.txt").into();
        }
        s
    };
    let by = |id: &str| serde_json::json!([{"source": id, "pin": "1"}]);
    let option = |id: &str, next: &str, cites: &str| serde_json::json!({"id": id, "label": id, "next": next, "authorities": by(cites)});
    let conclusion = |id: &str, outcome: &str, cites: &str| {
        serde_json::json!({"id": id, "outcome": outcome, "title": format!("Title of {id}"),
            "summary": "s", "reasoning": "r", "authorities": by(cites)})
    };
    let case = |id: &str, title: &str, answers: serde_json::Value, expected: &str| {
        serde_json::json!({"id": id, "title": title, "citation": format!("{title}, 1 F.4th 1 (2020)"),
            "facts": "f", "answers": answers, "expected": expected, "holding": "h"})
    };
    let pack = serde_json::json!({
        "id": "court", "title": "Court", "version": "1", "law_checked": "2026-01-01",
        "description": "d", "disclaimer": "d", "start": "role",
        "outcomes": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}],
        "sources": [
            source("holder", "Holder v. Court", "10 U.S. 1", 2001, "good-law"),
            source("elder", "Elder v. Bench", "5 U.S. 100", 1950, "caution"),
            source("speaker", "Speaker v. Words", "9 U.S. 70", 1990, "good-law"),
            source("fragment", "Fragment v. Phrase", "7 U.S. 50", 1970, "good-law"),
            source("separate", "Separate v. Opinion", "8 U.S. 60", 1980, "good-law"),
            source("outside", "Outside v. Walk", "11 U.S. 20", 2010, "good-law"),
        ],
        "questions": [
            {"id": "act", "prompt": "What kind of act?", "why": "The act decides.",
             "excerpts": [{"source": "holder", "pin": "3",
                 "quote": "[I]mmunity holds even when the judge is accused of acting in bad faith",
                 "quoting": {"source": "elder", "pin": "104"},
                 "alteration": "alteration in Holder"}],
             "options": [option("judicial", "power", "elder"),
                         option("administrative", "no-immunity", "fragment")]},
            {"id": "power", "prompt": "Had the court power over the case?", "why": "Only its clear absence bars immunity.",
             "excerpts": [
                 {"source": "speaker", "pin": "72", "alteration": "alteration in original",
                  "quote": "it is because their acts are \"functional[ly] comparab[le]\" to those of judges.",
                  "inner_quotes": [{"source": "fragment", "pin": "55 n.3"}]},
                 {"source": "speaker", "pin": "72-73",
                  "quote": "The \"touchstone\" has been \"resolving disputes between parties.\"",
                  "inner_quotes": [{"source": "separate", "pin": "66", "opinion": "Roe, J., concurring"}]}],
             "options": [option("some", "immune", "holder"),
                         option("lacking", "no-immunity", "separate")]},
            {"id": "role", "prompt": "Who is sued?", "why": "The rule turns on the role.",
             "excerpts": [{"source": "holder", "pin": "1",
                 "quote": "A judge is immune from suit for acts taken in a judicial capacity."}],
             "options": [option("judge", "act", "holder"), option("clerk", "act", "speaker"),
                         option("other", "none", "elder")]},
        ],
        "conclusions": [conclusion("immune", "yes", "holder"),
                        conclusion("no-immunity", "no", "outside"),
                        conclusion("none", "no", "outside")],
    });
    let cases = serde_json::json!({"cases": [
        case("bench", "Bench v. Holder", serde_json::json!(
            {"role": "judge", "act": "judicial", "power": "some"}), "immune"),
        case("desk", "Desk v. Clerk", serde_json::json!(
            {"role": "clerk", "act": "administrative"}), "no-immunity"),
    ]});
    let holder = "[p. 1] PER CURIAM. A judge is immune from suit for acts taken in a judicial \
                  capacity. [p. 2] The rule is old. [p. 3] As the court said long ago, \
                  \"[I]mmunity holds even when the judge is accused of acting in bad faith.\"\n";
    let speaker = "[p. 72] When immunity is extended to officials other than judges, it is \
                   because their acts are \"functional[ly] comparab[le]\" to those of judges. \
                   The \"touchstone\" has been \"resolving disputes between [p. 73] parties.\"\n";
    let files = [
        ("pack.json", pack.to_string()),
        ("cases.json", cases.to_string()),
        ("sources/holder.txt", holder.to_owned()),
        ("sources/speaker.txt", speaker.to_owned()),
    ];
    let files = FileSet::new(
        "court",
        files.map(|(path, text)| (path.to_owned(), text)).into(),
    );
    match load(&files) {
        Ok((pack, _)) => pack,
        Err(problems) => panic!("the test pack court is invalid:\n{problems}"),
    }
}
