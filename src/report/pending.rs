//! The pending question: where a walk stands when its answers stop before a conclusion. One
//! versioned model ([`Pending`], described by [`pending_schema`]) that `immunity walk` prints as
//! text or JSON (exit 3), so a script or a reader answering through `walk` sees what a TUI
//! user sees: the question, why it is asked, and the options by id and label.
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

use super::{PackInfo, WhatThisDecides, clean, pack_info};

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
    /// Id of the question.
    pub question: String,
    /// The question.
    pub prompt: String,
    /// Id of the option chosen.
    pub answer: String,
    /// The chosen option's label.
    pub label: String,
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
    pub options: Vec<PendingOption>,
}

/// One option of the pending question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PendingOption {
    /// Id of the option: the `OPTION` of `--answer QUESTION=OPTION`.
    pub id: String,
    /// The option as the user reads it.
    pub label: String,
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
            .map(|(i, step)| {
                let q = pack.question(step.question);
                let choice = &q.options[step.option];
                AnsweredStep {
                    number: i + 1,
                    question: clean(&q.id),
                    prompt: clean(&q.prompt),
                    answer: clean(&choice.id),
                    label: clean(&choice.label),
                }
            })
            .collect();
        Some(Pending {
            format: PENDING_FORMAT_NAME.to_owned(),
            format_version: PENDING_FORMAT_VERSION,
            pack: pack_info(pack),
            path,
            pending: PendingQuestion {
                question: clean(&question.id),
                prompt: clean(&question.prompt),
                instructions: question.instructions.as_deref().map(clean),
                why: clean(&question.why),
                options: question
                    .options
                    .iter()
                    .map(|o| PendingOption {
                        id: clean(&o.id),
                        label: clean(&o.label),
                    })
                    .collect(),
            },
            decides: WhatThisDecides::build(pack, index),
        })
    }
}

/// JSON Schema (draft 2020-12) of the pending JSON (`immunity walk --format json` when the
/// answers stop at a question; `immunity schema --pending`).
pub fn pending_schema() -> serde_json::Value {
    schemars::schema_for!(Pending).to_value()
}
