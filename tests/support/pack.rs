//! A small test-pack builder: behaviour tests (keys, layout, matter, quiz, export) build the
//! pack they need in a few lines instead of leaning on the bundled legal pack, whose wording
//! changes with the law. The pack is written as a folder (`pack.json`, `cases.json` and one
//! page-marked source text), passed to the binary with `--pack DIR` or loaded with
//! `immunity::pack::load`.

// Each test binary uses the part it needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

/// The folder of the small, hand-written pack the screen tests, snapshots and matter tests
/// are written against (`tests/fixtures/tui-pack`): its ids and wording change only on purpose.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-pack")
}

/// [`fixture_dir`] as a command-line argument.
pub fn fixture_arg() -> String {
    fixture_dir().display().to_string()
}

/// The one source every built pack has, with a page-marked text its excerpts quote.
const SOURCE_TEXT: &str = "[p. 1] A test rule stands here. A second sentence follows it.\n\
                           [p. 2] The exception is narrow and rarely met.\n";

/// A pack under construction. Outcomes `yes` ("Yes") and `no` ("No") are declared; every
/// question gets a why-text and an excerpt of the one source, every option cites it.
#[derive(Debug, Clone)]
pub struct PackBuilder {
    id: String,
    /// The one source's status and, for any status but good law, its history.
    status: (String, Option<String>),
    start: Option<String>,
    questions: Vec<Value>,
    conclusions: Vec<Value>,
    cases: Vec<Value>,
}

impl PackBuilder {
    /// A new pack with this id (also its title's first word).
    pub fn new(id: &str) -> Self {
        PackBuilder {
            id: id.to_owned(),
            status: ("good-law".to_owned(), None),
            start: None,
            questions: Vec::new(),
            conclusions: Vec::new(),
            cases: Vec::new(),
        }
    }

    /// Adds a question; the first one added is the start. `options` are
    /// `(option id, label, next)`, where `next` is a question or conclusion id.
    pub fn question(mut self, id: &str, prompt: &str, options: &[(&str, &str, &str)]) -> Self {
        self.start.get_or_insert_with(|| id.to_owned());
        self.questions.push(json!({
            "id": id,
            "prompt": prompt,
            "why": format!("Why {id} is asked."),
            "excerpts": [{ "source": "rule", "quote": "A test rule stands here.", "pin": "1" }],
            "options": options.iter().map(|(o, label, next)| json!({
                "id": o, "label": label, "next": next,
                "authorities": [{ "source": "rule", "pin": "1" }],
            })).collect::<Vec<_>>(),
        }));
        self
    }

    /// Gives the one source `status` (`reversed`, `caution`...) with `history` saying why.
    pub fn status(mut self, status: &str, history: &str) -> Self {
        self.status = (status.to_owned(), Some(history.to_owned()));
        self
    }

    /// Adds a conclusion with `outcome` `yes` or `no`.
    pub fn conclusion(mut self, id: &str, outcome: &str, title: &str) -> Self {
        self.conclusions.push(json!({
            "id": id,
            "outcome": outcome,
            "title": title,
            "summary": format!("{title}: the summary."),
            "reasoning": format!("{title}: the reasoning."),
            "authorities": [{ "source": "rule", "pin": "1" }],
        }));
        self
    }

    /// Adds a fact pattern whose `answers` (`(question id, option id)`) reach `expected`.
    pub fn case(mut self, id: &str, title: &str, answers: &[(&str, &str)], expected: &str) -> Self {
        self.cases.push(json!({
            "id": id,
            "title": title,
            "citation": format!("{title}, 1 Test 1 (2001)"),
            "facts": format!("The facts of {title}."),
            "answers": answers.iter().map(|(q, o)| ((*q).to_owned(), json!(o)))
                .collect::<serde_json::Map<_, _>>(),
            "expected": expected,
            "holding": format!("The court in {title} held so."),
        }));
        self
    }

    /// The `pack.json` document.
    pub fn pack_json(&self) -> Value {
        let mut pack = json!({
            "id": self.id,
            "title": format!("{} test pack", self.id),
            "version": "1.0.0",
            "law_checked": "2026-01-01",
            "description": "A pack built by a test.",
            "disclaimer": "A test pack, not advice.",
            "start": self.start.clone().expect("a pack needs at least one question"),
            "outcomes": [{ "id": "yes", "label": "Yes" }, { "id": "no", "label": "No" }],
            "sources": [{
                "id": "rule",
                "name": "Test v. Rule",
                "citation": "Test v. Rule, 1 Test 1 (2001)",
                "court": "Test Court",
                "year": 2001,
                "status": self.status.0,
                "text": "rule.txt",
            }],
            "questions": self.questions,
            "conclusions": self.conclusions,
        });
        if let Some(history) = &self.status.1 {
            pack["sources"][0]["history"] = json!(history);
        }
        pack
    }

    /// Writes the pack into a new folder `name` under `dir`; returns the folder.
    pub fn write(&self, dir: &Path, name: &str) -> PathBuf {
        let root = dir.join(name);
        std::fs::create_dir_all(root.join("sources")).expect("create the pack folder");
        let pretty = |v: &Value| serde_json::to_string_pretty(v).expect("JSON");
        std::fs::write(root.join("pack.json"), pretty(&self.pack_json())).expect("pack.json");
        if !self.cases.is_empty() {
            std::fs::write(
                root.join("cases.json"),
                pretty(&json!({ "cases": self.cases })),
            )
            .expect("cases.json");
        }
        std::fs::write(root.join("sources/rule.txt"), SOURCE_TEXT).expect("source text");
        root
    }

    /// Writes the pack into `dir` and loads it through the library, as the binary would.
    pub fn load(&self, dir: &Path) -> immunity::pack::Pack {
        let root = self.write(dir, &self.id);
        let files = immunity::pack::FileSet::from_dir(&root).expect("read the built pack");
        match immunity::pack::load(&files) {
            Ok((pack, _)) => pack,
            Err(problems) => panic!(
                "the built pack does not load:\n{}",
                problems
                    .0
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }
}

/// A chain of `steps` questions `q1`…`qN` (yes goes on to the next, the last to `end`; no
/// stops at `off`), each asking `prompt(n)`: a pack longer than a screen or a printed page.
pub fn chain(id: &str, steps: usize, prompt: impl Fn(usize) -> String) -> PackBuilder {
    let mut pack = PackBuilder::new(id);
    for n in 1..=steps {
        let next = if n == steps {
            "end".to_owned()
        } else {
            format!("q{}", n + 1)
        };
        pack = pack.question(
            &format!("q{n}"),
            &prompt(n),
            &[("yes", "Yes", &next), ("no", "No", "off")],
        );
    }
    pack.conclusion("end", "yes", "Every step held")
        .conclusion("off", "no", "A step failed")
}

/// Two questions and three conclusions: `gate` (open → `path`, shut → `stop`), `path`
/// (left → `left-end`, right → `right-end`), and a fact pattern `walker` that takes the gate
/// and goes left.
pub fn two_step() -> PackBuilder {
    PackBuilder::new("two-step")
        .question(
            "gate",
            "Is the gate open?",
            &[("open", "Open", "path"), ("shut", "Shut", "stop")],
        )
        .question(
            "path",
            "Which way?",
            &[
                ("left", "Left", "left-end"),
                ("right", "Right", "right-end"),
            ],
        )
        .conclusion("stop", "no", "Stopped at the gate")
        .conclusion("left-end", "yes", "Went left")
        .conclusion("right-end", "no", "Went right")
        .case(
            "walker",
            "Walker v. Gate",
            &[("gate", "open"), ("path", "left")],
            "left-end",
        )
}

/// Three questions and four conclusions, for walks with a middle: `gate` (open → `path`, shut
/// → `stopped`), `path` with three options (left → `hill`, right → `went-right`, back →
/// `stopped`), `hill` (up → `at-top`, down → `at-bottom`). Fact pattern `climber` takes the
/// gate, goes left and up to `at-top` (yes); it is titled "Test v. Rule", so its decision is
/// the pack's one source and is cited with that source's status. `stroller` goes right. A walk
/// that turns right at `path` reaches the climber's outcome on another ground; one that goes
/// down at `hill` reaches a different result.
pub fn three_step() -> PackBuilder {
    PackBuilder::new("three-step")
        .question(
            "gate",
            "Is the gate open?",
            &[("open", "Open", "path"), ("shut", "Shut", "stopped")],
        )
        .question(
            "path",
            "Which way?",
            &[
                ("left", "Left", "hill"),
                ("right", "Right", "went-right"),
                ("back", "Back", "stopped"),
            ],
        )
        .question(
            "hill",
            "Up the hill?",
            &[("up", "Up", "at-top"), ("down", "Down", "at-bottom")],
        )
        .conclusion("stopped", "no", "Stopped at the gate")
        .conclusion("went-right", "yes", "Went right")
        .conclusion("at-top", "yes", "Reached the top")
        .conclusion("at-bottom", "no", "Stayed at the bottom")
        .case(
            "climber",
            "Test v. Rule",
            &[("gate", "open"), ("path", "left"), ("hill", "up")],
            "at-top",
        )
        .case(
            "stroller",
            "Stroller v. Gate",
            &[("gate", "open"), ("path", "right")],
            "went-right",
        )
}
