//! The report's model: a finished walk as plain data ([`Report`] and its parts), the shape of
//! the JSON export (its field names are stable, see [`super::FORMAT_VERSION`]), and the values
//! that come from outside the session ([`ReportContext`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::pack::graph::Step;
use crate::pack::{Choice, Conclusion, Pack, Source, Status};

use super::owned;

/// Values that come from outside the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportContext {
    /// The version of the tool writing the report.
    pub tool_version: String,
    /// When the report was made, RFC 3339 with the zone's offset (`2025-01-31T12:00:00+01:00`).
    pub exported_at: String,
}

impl ReportContext {
    /// A context stamped with the current time in the local zone, whole seconds, RFC 3339
    /// with the zone's offset (`2026-11-24T10:15:00+01:00`; `Z` for UTC). The exports show
    /// it in words, in that zone.
    pub fn now(tool_version: impl Into<String>) -> Self {
        Self {
            tool_version: tool_version.into(),
            exported_at: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

/// A finished walk: everything an export shows. The JSON export is this structure; its field
/// names are stable (see [`super::FORMAT_VERSION`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Always `immunity-report`.
    pub format: String,
    /// Version of this report's shape; changes only when a field is renamed or removed.
    pub format_version: u32,
    /// The question pack that was walked.
    pub pack: PackInfo,
    /// The program that wrote the report.
    pub tool: ToolInfo,
    /// When the report was made, RFC 3339 with the offset of the zone it was made in.
    pub exported_at: String,
    /// The pack's disclaimer (an educational aid, not legal advice).
    pub disclaimer: String,
    /// The reasoning chain: every question answered, in order.
    pub path: Vec<ReportStep>,
    /// Where the answers lead.
    pub conclusion: ReportConclusion,
    /// When the walk was one of the pack's fact patterns: how it compares with the court's.
    #[serde(default)]
    pub fact_pattern: Option<FactPatternComparison>,
    /// Every authority cited anywhere on the path (steps, excerpts, conclusion), each once, in
    /// the order first cited, with its status.
    pub authorities: Vec<TableEntry>,
}

/// The question pack that was walked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PackInfo {
    /// Stable machine id of the pack, e.g. `judicial-immunity`.
    pub id: String,
    /// Human title of the pack.
    pub title: String,
    /// Version of the pack's content.
    pub version: String,
    /// SHA-256 (hex) over the pack's files: identifies exactly the text that was walked.
    pub content_hash: String,
    /// The date (YYYY-MM-DD) to which the law in the pack was last checked.
    pub law_checked: String,
}

impl PackInfo {
    /// The identity of `pack` (its text clean since the pack was read).
    pub fn of(pack: &Pack) -> PackInfo {
        PackInfo {
            id: owned(pack.id()),
            title: owned(pack.title()),
            version: owned(pack.version()),
            content_hash: owned(pack.content_hash()),
            law_checked: owned(pack.law_checked()),
        }
    }
}

/// The program that wrote the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ToolInfo {
    /// Always `immunity`.
    pub name: String,
    /// The program's version.
    pub version: String,
}

/// One answered question of the reasoning chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportStep {
    /// 1-based position in the chain.
    pub number: usize,
    /// Id of the question.
    pub question: String,
    /// The question as the user read it.
    pub prompt: String,
    /// Why the question is asked: the rule in plain words.
    pub why: String,
    /// Id of the option chosen.
    pub answer: String,
    /// The chosen option's label.
    pub label: String,
    /// What the answer means in law, when the pack says.
    pub note: Option<String>,
    /// The verbatim passages shown with the question.
    pub excerpts: Vec<ReportExcerpt>,
    /// The authorities for the answer's note.
    pub authorities: Vec<CitedAuthority>,
}

/// A verbatim passage of an authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportExcerpt {
    /// The passage, verbatim.
    pub quote: String,
    /// The full citation with pin cite, e.g. "Stump v. Sparkman, 435 U.S. 349, 362 (1978)
    /// (quoted in Mireles v. Waco, 502 U.S. 9, 12 (1991) (per curiam))".
    pub citation: String,
    /// The authority whose words these are, with its status.
    pub authority: CitedAuthority,
    /// When the words are quoted by another authority: that authority, with its status.
    pub quoted_in: Option<CitedAuthority>,
    /// The authorities the passage quotes in fragments ("(quoting …)"), with their statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quoting: Vec<CitedAuthority>,
}

/// An authority as cited at one place, with its standing today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CitedAuthority {
    /// Id of the source in the pack.
    pub source: String,
    /// Case name, e.g. "Mireles v. Waco".
    pub name: String,
    /// Bluebook citation with the pin cite, if any.
    pub citation: String,
    /// Pin cite, e.g. `12-13`.
    pub pin: Option<String>,
    /// Status id: `good-law`, `reversed`, `overruled-in-part`, `superseded-in-part` or `caution`.
    pub status: Status,
    /// The status in words, e.g. `REVERSED`.
    pub status_label: String,
    /// Subsequent history or the reason for the status.
    pub history: Option<String>,
}

/// One line of the table of authorities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TableEntry {
    /// Id of the source in the pack.
    pub source: String,
    /// Case name.
    pub name: String,
    /// Full Bluebook citation, without a pin cite.
    pub citation: String,
    /// The court.
    pub court: String,
    /// Year of decision.
    pub year: u16,
    /// Status id.
    pub status: Status,
    /// The status in words.
    pub status_label: String,
    /// Subsequent history or the reason for the status.
    pub history: Option<String>,
}

impl TableEntry {
    /// The line of a pack's source (its text clean since the pack was read).
    pub fn of(source: &Source) -> TableEntry {
        TableEntry {
            source: source.id.to_string(),
            name: source.name.to_string(),
            citation: source.citation.to_string(),
            court: source.court.to_string(),
            year: source.year,
            status: source.status,
            status_label: source.status.label().to_owned(),
            history: source.history.as_ref().map(ToString::to_string),
        }
    }
}

/// Where the answers lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportConclusion {
    /// Id of the conclusion, e.g. `absolute-immunity`.
    pub id: String,
    /// Outcome id, e.g. `immune`.
    pub outcome: String,
    /// The outcome's label, e.g. "Immune".
    pub outcome_label: String,
    /// Short title.
    pub title: String,
    /// The result in a sentence or two.
    pub summary: String,
    /// Why the law reaches this result.
    pub reasoning: String,
    /// Limits of the conclusion the reader must know.
    pub caveats: Vec<String>,
    /// The controlling authorities.
    pub authorities: Vec<CitedAuthority>,
}

/// How a walk of a fact pattern compares with the court's path through the same questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FactPatternComparison {
    /// Id of the fact pattern in the pack, e.g. `gregory`.
    pub case: String,
    /// Its title, e.g. "Gregory v. Thompson".
    pub title: String,
    /// The decision's citation.
    pub citation: String,
    /// The decision as an authority of the pack, with its status, when the pack holds it.
    pub authority: Option<CitedAuthority>,
    /// The facts as the pack states them.
    pub facts: String,
    /// Whether the walk reached the conclusion the court's answers reach.
    pub same_result: bool,
    /// The conclusion the court's answers reach.
    pub court_conclusion: ConclusionRef,
    /// The first step at which the walk's answer differs from the court's; `None` when the
    /// walk followed the court's answers at every step.
    pub departure: Option<Departure>,
    /// What the court held.
    pub holding: String,
}

/// A conclusion named by its id, title and outcome: the one a fact pattern's answers reach
/// (`FactPatternComparison`), or one still reachable from a question (`WhatThisDecides`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ConclusionRef {
    /// Id of the conclusion.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Outcome id, e.g. `immune`.
    pub outcome: String,
    /// The outcome's label, e.g. "Immune".
    pub outcome_label: String,
}

impl ConclusionRef {
    /// `conclusion` of `pack`, with its outcome's label.
    pub fn of(pack: &Pack, conclusion: &Conclusion) -> ConclusionRef {
        ConclusionRef {
            id: owned(&conclusion.id),
            title: owned(&conclusion.title),
            outcome: owned(&conclusion.outcome),
            outcome_label: owned(pack.outcome_label(&conclusion.outcome)),
        }
    }
}

/// An option of a question, by id and as the user reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OptionRef {
    /// Id of the option: the `OPTION` of `--answer QUESTION=OPTION`.
    pub id: String,
    /// The option as the user reads it.
    pub label: String,
}

impl OptionRef {
    /// `choice` (its text clean since the pack was read).
    pub fn of(choice: &Choice) -> OptionRef {
        OptionRef {
            id: owned(&choice.id),
            label: owned(&choice.label),
        }
    }
}

/// A question a walk answered and the option it chose there, by id and as the user read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ChosenAnswer {
    /// Id of the question.
    pub question: String,
    /// The question.
    pub prompt: String,
    /// Id of the option chosen.
    pub answer: String,
    /// The chosen option's label.
    pub label: String,
}

impl ChosenAnswer {
    /// The question `step` of a walk of `pack` answered, and its chosen option.
    pub fn of(pack: &Pack, step: Step) -> ChosenAnswer {
        let question = pack.question(step.question);
        let choice = &question.options[step.option];
        ChosenAnswer {
            question: owned(&question.id),
            prompt: owned(&question.prompt),
            answer: owned(&choice.id),
            label: owned(&choice.label),
        }
    }
}

/// Where a walk left the court's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Departure {
    /// 1-based step of the reasoning chain.
    pub step: usize,
    /// The question and the walk's answer to it.
    #[serde(flatten)]
    pub chosen: ChosenAnswer,
    /// Id of the court's answer; `None` when the court's path does not ask this question.
    pub court_answer: Option<String>,
    /// The court's answer's label.
    pub court_label: Option<String>,
}
