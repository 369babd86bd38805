//! The pending question: where a walk stands when its answers stop before a conclusion. One
//! versioned model ([`Pending`], described by [`pending_schema`]) that `immunity walk` prints as
//! text or JSON (exit 3), so a script or a reader answering through `walk` sees what a TUI
//! user sees: the question, why it is asked, and the options by id and label. Its text (what
//! `walk` prints, labelled fields wrapped under their start to 80 columns) is written here,
//! beside the model: it answers a command in a terminal and is never exported as a document.
//!
//! It also carries what the pending question decides ([`WhatThisDecides`]): which conclusions
//! each option keeps open. `walk` is not a self-test (a fact pattern's answers are given on its
//! command line), so nothing is held back there.
//!
//! Option notes are not part of it: a note says what an answer means in law, and stays hidden
//! until the option is chosen (a self-test must not give the answer away).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::Session;

use super::{ChosenAnswer, OptionRef, PackInfo, WhatThisDecides, one_line, owned, paragraphs};

/// The name of the pending format, written in its `format` field.
pub const PENDING_FORMAT_NAME: &str = "immunity-pending";
/// The version of the pending format's shape, written in its `format_version` field. It
/// changes only when a field is renamed or removed, or changes meaning.
pub const PENDING_FORMAT_VERSION: u32 = 1;

/// A walk whose answers stop at a question: what has been answered, and what is asked next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Pending {
    /// Always `immunity-pending`.
    pub format: String,
    /// Version of this shape; changes only when a field is renamed or removed.
    pub format_version: u32,
    /// The question pack being walked.
    pub pack: PackInfo,
    /// The questions answered so far, in order.
    pub path: Vec<AnsweredStep>,
    /// The question the answers stop at.
    pub pending: PendingQuestion,
    /// What the pending question decides: the conclusions still reachable from it and which
    /// of them each option keeps open (the tree's structure, not what an answer means).
    pub decides: WhatThisDecides,
}

/// One question answered on the way to the pending question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AnsweredStep {
    /// 1-based position in the walk.
    pub number: usize,
    /// The question and the answer chosen.
    #[serde(flatten)]
    pub chosen: ChosenAnswer,
}

/// The question a walk stands at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PendingQuestion {
    /// Id of the question: answer it with `--answer ID=OPTION`.
    pub question: String,
    /// The question.
    pub prompt: String,
    /// How to choose between options that could both seem to fit (which one wins), when the
    /// pack says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Why the question is asked: the rule in plain words.
    pub why: String,
    /// The options, in the pack's order. Their notes stay hidden until one is chosen.
    pub options: Vec<OptionRef>,
}

impl Pending {
    /// Where `session` stands. `None` when it has reached a conclusion.
    pub fn from_session(session: &Session<'_>) -> Option<Pending> {
        let pack = session.pack();
        let index = session.current_question()?;
        let question = pack.question(index);
        let path = session
            .history()
            .iter()
            .enumerate()
            .map(|(i, &step)| AnsweredStep {
                number: i + 1,
                chosen: ChosenAnswer::of(pack, step),
            })
            .collect();
        Some(Pending {
            format: PENDING_FORMAT_NAME.to_owned(),
            format_version: PENDING_FORMAT_VERSION,
            pack: PackInfo::of(pack),
            path,
            pending: PendingQuestion {
                question: owned(&question.id),
                prompt: owned(&question.prompt),
                instructions: question.instructions.as_deref().map(owned),
                why: owned(&question.why),
                options: question.options.iter().map(OptionRef::of).collect(),
            },
            decides: WhatThisDecides::build(pack, index),
        })
    }
}

/// Renders a pending question as plain text: the question, why it is asked, how to answer it
/// with its options, what it decides (which conclusions each option keeps open), the answers
/// so far, and the pack. Option notes are not shown.
pub(super) fn render_text(pending: &Pending) -> String {
    let mut out = Out::default();
    let q = &pending.pending;
    let id = one_line(&q.question);
    out.field("", &format!("Pending question {id}: "), &q.prompt);
    if let Some(instructions) = &q.instructions {
        out.field("", "How to choose: ", instructions);
    }
    out.field("", "Why this is asked: ", &q.why);
    out.line(&format!(
        "Answer with --answer {id}=OPTION, where OPTION is one of:"
    ));
    let width = q
        .options
        .iter()
        .map(|o| one_line(&o.id).chars().count())
        .max()
        .unwrap_or(0);
    for option in &q.options {
        out.field(
            "  ",
            &format!("{:width$}  ", one_line(&option.id)),
            &option.label,
        );
    }
    // What the question decides: the summary, each option, its conclusions under it.
    for (level, text) in pending.decides.lines(false) {
        let indent = "  ".repeat(level);
        out.para(&indent, &format!("{indent}  "), &text);
    }
    if !pending.path.is_empty() {
        out.line("Answers so far:");
        for step in &pending.path {
            out.field(
                "  ",
                &format!("{}. ", step.number),
                &format!(
                    "{}={}  ({})",
                    one_line(&step.chosen.question),
                    one_line(&step.chosen.answer),
                    one_line(&step.chosen.label)
                ),
            );
        }
    }
    out.field(
        "",
        "Pack: ",
        &format!(
            "{} ({}), version {}",
            one_line(&pending.pack.title),
            one_line(&pending.pack.id),
            one_line(&pending.pack.version)
        ),
    );
    out.0
}

/// JSON Schema (draft 2020-12) of the pending JSON (`immunity walk --format json` when the
/// answers stop at a question; `immunity schema --pending`).
pub fn pending_schema() -> serde_json::Value {
    schemars::schema_for!(Pending).to_value()
}

/// The widest line written, in characters.
const WIDTH: usize = 80;

/// The text being built, with wrapping helpers.
#[derive(Default)]
struct Out(String);

impl Out {
    fn line(&mut self, s: &str) {
        self.para("", "", s);
    }

    /// `label` then `text`, each paragraph of `text` wrapped under the text's start.
    fn field(&mut self, indent: &str, label: &str, text: &str) {
        let hang = format!("{indent}{}", " ".repeat(label.chars().count()));
        let first = format!("{indent}{label}");
        let paras = paragraphs(text);
        if paras.is_empty() {
            self.para(&first, &hang, "");
        }
        for (i, p) in paras.iter().enumerate() {
            self.para(if i == 0 { &first } else { &hang }, &hang, p);
        }
    }

    /// One paragraph, word-wrapped: the first line starts with `first`, the rest with `rest`.
    /// A word too long for a line is broken, so no line exceeds [`WIDTH`] columns. `textwrap`
    /// with first-fit wrapping, which is linear in the text (a word of megabytes included).
    fn para(&mut self, first: &str, rest: &str, text: &str) {
        let text = one_line(text);
        if text.is_empty() {
            self.finish(first);
            return;
        }
        let options = textwrap::Options::new(WIDTH)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(true)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
        for line in textwrap::wrap(&text, options) {
            self.finish(&line);
        }
    }

    fn finish(&mut self, line: &str) {
        self.0.push_str(line.trim_end());
        self.0.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_hanging_indent_and_breaks_long_words() {
        let mut out = Out::default();
        let words = "word ".repeat(40);
        out.para("1. ", "   ", &words);
        for line in out.0.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
        }
        let lines: Vec<&str> = out.0.lines().collect();
        assert!(lines.len() > 2);
        assert!(lines[0].starts_with("1. word"));
        assert!(lines[1].starts_with("   word"));

        let mut out = Out::default();
        out.para("- ", "  ", &"x".repeat(200));
        let lines: Vec<&str> = out.0.lines().collect();
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert_eq!(
            lines
                .iter()
                .map(|l| l.trim_start_matches(['-', ' ']).len())
                .sum::<usize>(),
            200
        );
    }
}
