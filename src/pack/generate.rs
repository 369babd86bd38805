//! Synthetic packs of any size, for benchmarks and tests of the loader's scaling.
//!
//! [`generate_pack`] builds a valid pack of `n` questions: a layered DAG where question `i`
//! leads to questions `i + 1` and `i + 2` (past the end, to conclusions), and every third
//! question also straight to a conclusion. Every question except the first two has two incoming
//! options, so changing one `next` leaves the rest of the tree reachable. A small source text
//! with `[p. N]` markers backs an excerpt on every hundredth question.

use std::collections::BTreeMap;

use super::{
    AuthorityRef, Case, CasesFile, Choice, Conclusion, Excerpt, FileSet, Outcome, PackFile,
    Question, Source, Status,
};

/// The generated source text: three pages.
const SOURCE_TEXT: &str = "[p. 1] The first sentence of the generated source. The second \
sentence follows it.\n[p. 2] The third sentence stands on page two. It runs on [p. 3] to page \
three.\n";

/// Quotes of [`SOURCE_TEXT`] with their correct pins.
const QUOTES: [(&str, &str); 3] = [
    ("The first sentence of the generated source.", "1"),
    ("The third sentence ... page two.", "2"),
    ("It runs on to page three.", "2-3"),
];

/// Id of the node option targets `j` names: question `j`, or past the end a conclusion.
fn node_id(j: usize, questions: usize) -> String {
    if j < questions {
        format!("q{j}")
    } else {
        format!("c{}", (j - questions).min(1))
    }
}

/// The questions of a generated pack of `n` questions.
fn questions_of(n: usize) -> Vec<Question> {
    let option = |id: &str, next: String| Choice {
        id: id.into(),
        label: format!("Answer {id}").into(),
        short: None,
        next: next.into(),
        note: None,
        authorities: Vec::new(),
    };
    let mut list = Vec::with_capacity(n);
    for i in 0..n {
        let mut options = vec![
            option("a", node_id(i + 1, n)),
            option("b", node_id(i + 2, n)),
        ];
        if i % 3 == 0 {
            options.push(option("c", "c2".to_owned()));
        }
        let excerpts = if i % 100 == 0 {
            let (quote, pin) = QUOTES[(i / 100) % QUOTES.len()];
            vec![Excerpt {
                id: None,
                option: None,
                source: "generated".into(),
                quote: quote.into(),
                pin: Some(pin.into()),
                quoting: None,
                alteration: None,
                inner_quotes: Vec::new(),
            }]
        } else {
            Vec::new()
        };
        list.push(Question {
            id: format!("q{i}").into(),
            prompt: format!("Question {i}?").into(),
            short: None,
            instructions: None,
            why: format!("Why question {i} is asked.").into(),
            excerpts,
            options,
        });
    }
    list
}

/// A valid pack of `questions` questions (at least one), three conclusions, one source with a
/// paged text, excerpts, and one fact pattern.
pub fn generate_pack(questions: usize) -> FileSet {
    let n = questions.max(1);
    let list = questions_of(n);
    let conclusions = (0..3)
        .map(|c| Conclusion {
            id: format!("c{c}").into(),
            outcome: if c == 0 { "yes" } else { "no" }.into(),
            title: format!("Conclusion {c}").into(),
            summary: format!("The summary of conclusion {c}.").into(),
            reasoning: format!("The reasoning of conclusion {c}.").into(),
            authorities: vec![AuthorityRef {
                source: "generated".into(),
                pin: Some("1".into()),
            }],
            caveats: Vec::new(),
            caveat_paths: Vec::new(),
        })
        .collect();
    let pack = PackFile {
        schema: None,
        id: "generated".into(),
        title: format!(
            "Generated pack of {}",
            crate::words::count(n, "question", "questions")
        )
        .into(),
        version: "1.0.0".into(),
        law_checked: "2024-01-31".into(),
        description: "A synthetic pack for benchmarks and tests.".into(),
        disclaimer: "Not legal advice.".into(),
        start: "q0".into(),
        outcomes: vec![
            Outcome {
                id: "yes".into(),
                label: "Yes".into(),
            },
            Outcome {
                id: "no".into(),
                label: "No".into(),
            },
        ],
        sources: vec![Source {
            id: "generated".into(),
            name: "Generated v. Source".into(),
            citation: "Generated v. Source, 1 Gen. 1 (2000)".into(),
            court: "Generated Court".into(),
            year: 2000,
            status: Status::GoodLaw,
            history: None,
            text: Some("generated.txt".into()),
            quotable_from: None,
        }],
        questions: list,
        conclusions,
    };
    let cases = CasesFile {
        schema: None,
        cases: vec![Case {
            id: "straight-out".into(),
            title: "Straight out".into(),
            citation: "Generated v. Case, 1 Gen. 2 (2001)".into(),
            facts: "The first question is answered with its last option.".into(),
            answers: BTreeMap::from([("q0".to_owned(), "c".to_owned())]),
            expected: "c2".into(),
            holding: "It ends at once.".into(),
            grounds: BTreeMap::new(),
            historical: None,
            distinctive: Vec::new(),
        }],
    };
    let mut files = BTreeMap::new();
    files.insert(
        "pack.json".to_owned(),
        serde_json::to_string_pretty(&pack).unwrap_or_default(),
    );
    files.insert(
        "cases.json".to_owned(),
        serde_json::to_string_pretty(&cases).unwrap_or_default(),
    );
    files.insert("sources/generated.txt".to_owned(), SOURCE_TEXT.to_owned());
    FileSet::new("generated", files)
}
