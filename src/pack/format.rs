//! The on-disk question-pack format: the serde types are the single source of truth.
//!
//! `pack.json` deserialises into [`PackFile`], `cases.json` into [`CasesFile`]. These are the
//! *raw*, unchecked shapes; the loader (`pack::load`) turns them into a validated
//! [`Pack`](crate::pack::Pack), and nothing downstream ever sees a raw file. `immunity schema`
//! prints the JSON Schema generated from these types, so keep the `///` comments here written for
//! pack authors: they become the schema's descriptions that editors show while authors type.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Clean;

/// `pack.json`: one decision tree with its sources, questions and conclusions.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Optional path or URL of the JSON Schema (for editors); ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable machine id of the pack, e.g. `judicial-immunity`.
    pub id: Clean,
    /// Human title shown on the start screen and in exports.
    pub title: Clean,
    /// Version of the pack's content, e.g. `1.0.0`.
    pub version: Clean,
    /// The date (YYYY-MM-DD) to which the law in this pack was last checked.
    pub law_checked: Clean,
    /// What the pack covers, in a few sentences.
    pub description: Clean,
    /// Shown with every conclusion and in every export (e.g. "educational aid, not legal advice").
    pub disclaimer: Clean,
    /// Id of the first question.
    pub start: Clean,
    /// The outcomes conclusions may use, each with the label shown to users.
    pub outcomes: Vec<Outcome>,
    /// Every authority the pack cites, with its status.
    pub sources: Vec<Source>,
    /// The questions of the tree.
    pub questions: Vec<Question>,
    /// The end points of the tree.
    pub conclusions: Vec<Conclusion>,
}

/// An outcome a conclusion can have, e.g. `immune` / "Immune".
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Machine id, e.g. `not-immune`.
    pub id: Clean,
    /// Label shown to users, e.g. "Not immune".
    pub label: Clean,
}

/// The standing of an authority today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Still good law.
    GoodLaw,
    /// Reversed on appeal: never to be presented as current law.
    Reversed,
    /// Overruled in part by a later decision.
    OverruledInPart,
    /// Superseded in part by statute.
    SupersededInPart,
    /// Still cited, but part of its reasoning is outdated.
    Caution,
}

impl Status {
    /// Every status, in the order they are documented.
    pub const ALL: [Status; 5] = [
        Status::GoodLaw,
        Status::Reversed,
        Status::OverruledInPart,
        Status::SupersededInPart,
        Status::Caution,
    ];

    /// The status id as written in pack files (`good-law`, `reversed`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Status::GoodLaw => "good-law",
            Status::Reversed => "reversed",
            Status::OverruledInPart => "overruled-in-part",
            Status::SupersededInPart => "superseded-in-part",
            Status::Caution => "caution",
        }
    }

    /// The status in words, upper case, for display beside a citation ("REVERSED").
    pub fn label(self) -> &'static str {
        match self {
            Status::GoodLaw => "GOOD LAW",
            Status::Reversed => "REVERSED",
            Status::OverruledInPart => "OVERRULED IN PART",
            Status::SupersededInPart => "SUPERSEDED IN PART",
            Status::Caution => "CAUTION",
        }
    }
}

/// An authority: a case (or statute) the pack cites.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Machine id used by excerpts and authority lists, e.g. `mireles`.
    pub id: Clean,
    /// Case name as it is cited, e.g. "Mireles v. Waco".
    pub name: Clean,
    /// Full citation in Bluebook form, e.g. "Mireles v. Waco, 502 U.S. 9 (1991) (per curiam)".
    /// It must contain a parenthetical holding the year: a pin cite is inserted before it.
    pub citation: Clean,
    /// The court, e.g. "U.S. Supreme Court" or "9th Cir.".
    pub court: Clean,
    /// Year of decision.
    pub year: u16,
    /// The authority's standing today.
    pub status: Status,
    /// Subsequent history or the reason for the status, e.g. "rev'd sub nom. Mireles v. Waco,
    /// 502 U.S. 9 (1991) (per curiam)". Required unless the status is `good-law`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Clean>,
    /// File name under the pack's `sources/` folder holding the text that quotes are checked
    /// against. Sources without a text may not be quoted, only cited. Marks in the text that are
    /// not the court's words are skipped when matching: page markers `[p. 12]` and `*62` (which
    /// pins are checked against), slip-page markers `[slip op. p. 3]`, the copy marks « » and ‹ ›
    /// and `{braces}`; in a text with slip-page markers a word split by a line-end hyphen is
    /// joined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Marker in the text before which nothing may be quoted (e.g. "PER CURIAM." to exclude a
    /// syllabus, which is not the court's words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotable_from: Option<Clean>,
}

/// A question of the tree.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Machine id, e.g. `judicial-act`.
    pub id: Clean,
    /// The question as the user reads it.
    pub prompt: Clean,
    /// The question in a few words, for memos, tables and status lines (e.g. "Judicial act?").
    /// Pack 2.1 requires it; absent in older packs, where the prompt stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Clean>,
    /// Guidance to the person screening (which option wins where two seem to fit, what is not
    /// walked here), shown beside the prompt on screen but never printed in a memo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<Clean>,
    /// Why the question is asked and the rule in plain words.
    pub why: Clean,
    /// Verbatim passages from the sources that support the rule.
    #[serde(default, deserialize_with = "shrunk")]
    pub excerpts: Vec<Excerpt>,
    /// The answers (at least two).
    #[serde(deserialize_with = "shrunk")]
    pub options: Vec<Choice>,
}

/// A verbatim passage of a source text.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Excerpt {
    /// Id of the excerpt, unique in the pack, e.g. `mireles-order-judicial`: fact patterns name
    /// the excerpt that grounds the court's answer at each step by it. Pack 2.1 requires it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Clean>,
    /// Id of the option of this question that the passage supports, where it supports one
    /// option rather than the question's rule; absent for the question's rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<Clean>,
    /// Id of the source whose text holds the passage.
    pub source: Clean,
    /// The passage, verbatim. `...` or `…` may join fragments that stand in that order.
    pub quote: Clean,
    /// Pin cite: the page or pages the passage stands on, e.g. `216` or `12-13`, optionally with
    /// a footnote after it (`433 n.5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<Clean>,
    /// When the passage is another authority's words quoted by `source` (e.g. Stump quoted in
    /// Mireles): that authority and its pin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quoting: Option<AuthorityRef>,
    /// Whose changes the square brackets in a passage taken through `quoting` are, as the
    /// citation's parenthetical says it, e.g. `alteration in Mireles`: brackets in a quoted
    /// quotation are the quoting court's, never the original court's words. Required when such a
    /// passage holds brackets other than `[sic]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alteration: Option<Clean>,
    /// Authorities whose words the passage quotes in fragments inside `source`'s own sentence
    /// (Antoine's sentence quoting a phrase of Imbler): cited after the source as "(quoting …)".
    /// Unlike `quoting`, the passage stays `source`'s words; use one or the other. Brackets in
    /// such a passage are `source`'s own changes: say so in `alteration` ("alteration in
    /// original").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inner_quotes: Vec<InnerQuote>,
}

impl Excerpt {
    /// The ids of every source the excerpt's citation names, in citation order: the authority
    /// whose words a `quoting` passage is, the source, and those quoted in fragments.
    pub fn cited_sources(&self) -> impl Iterator<Item = &str> {
        let quoted = self.quoting.iter().map(|q| q.source.as_str());
        let inner = self.inner_quotes.iter().map(|i| i.source.as_str());
        quoted.chain([self.source.as_str()]).chain(inner)
    }
}

/// An authority quoted inside an excerpt, for its "(quoting …)" parenthetical.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InnerQuote {
    /// Id of the quoted source.
    pub source: Clean,
    /// Pin cite of the quoted words in that source, e.g. `423 n.20`.
    pub pin: Clean,
    /// When the words are from a separate opinion, its author and kind as the citation's
    /// parenthetical says it, e.g. `Scalia, J., concurring in the judgment in part and
    /// dissenting in part`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opinion: Option<Clean>,
}

/// One answer to a question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Machine id, unique within the question, e.g. `yes`.
    pub id: Clean,
    /// The answer as the user reads it.
    pub label: Clean,
    /// The answer in a few words, for memos, tables and contingency lists (e.g. "Judicial act").
    /// Pack 2.1 requires it; absent in older packs, where the label stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Clean>,
    /// Id of the next question or of a conclusion.
    pub next: Clean,
    /// Shown when the option is chosen: what this answer means in law.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Clean>,
    /// Authorities for the note.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "shrunk"
    )]
    pub authorities: Vec<AuthorityRef>,
}

/// A citation of a source, optionally to a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorityRef {
    /// Id of the source.
    pub source: Clean,
    /// Pin cite, e.g. `362`, `12-13` or `433 n.5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<Clean>,
}

/// An end point of the tree.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conclusion {
    /// Machine id, e.g. `absolute-immunity`.
    pub id: Clean,
    /// Id of one of the pack's `outcomes`.
    pub outcome: Clean,
    /// Short title.
    pub title: Clean,
    /// One or two sentences: the result.
    pub summary: Clean,
    /// Why the law reaches this result.
    pub reasoning: Clean,
    /// The controlling authorities.
    #[serde(deserialize_with = "shrunk")]
    pub authorities: Vec<AuthorityRef>,
    /// Limits of the conclusion the reader must know.
    #[serde(default, deserialize_with = "shrunk")]
    pub caveats: Vec<Clean>,
    /// Caveats that apply only on some paths to this conclusion (optional, added after 2.1): each
    /// entry names a caveat by its place in `caveats` (from 0) and answers that put it on the
    /// path. A caveat with entries applies where the path gave any one of their answers; a
    /// caveat without entries applies on every path. Whatever shows one walked path (the walk
    /// report with every screen and export built on it, and the memo's other bars to check)
    /// leaves out the caveats the path does not reach; the teacher's key, which describes the
    /// pack, shows every caveat. `immunity check` holds each entry to a
    /// caveat, a question, that question's options, and options that lead on to the conclusion.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "shrunk"
    )]
    pub caveat_paths: Vec<CaveatPath>,
}

/// One caveat's place on the paths of its conclusion: it applies where the path answered
/// `question` with one of `options`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaveatPath {
    /// The caveat's place in the conclusion's `caveats`, from 0.
    pub caveat: usize,
    /// Id of a question on a path to the conclusion.
    pub question: Clean,
    /// Ids of that question's options; any one of them puts the caveat on the path.
    #[serde(deserialize_with = "shrunk")]
    pub options: Vec<Clean>,
}

/// `cases.json`: fact patterns to self-test with.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CasesFile {
    /// Optional path or URL of the JSON Schema (for editors); ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The fact patterns.
    pub cases: Vec<Case>,
}

/// A fact pattern drawn from a reported case.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Machine id, e.g. `gregory`.
    pub id: Clean,
    /// Title, e.g. "Gregory v. Thompson".
    pub title: Clean,
    /// The case's citation.
    pub citation: Clean,
    /// Neutral facts in the pack's own words (no outcome words).
    pub facts: Clean,
    /// The answers a careful reader would give: question id -> option id.
    pub answers: BTreeMap<String, String>,
    /// Id of the conclusion the answers must reach.
    pub expected: Clean,
    /// What the court actually held.
    pub holding: Clean,
    /// For each step on the court's path, question id -> id of an excerpt of that question that
    /// grounds the court's answer in this case (shown first at the reveal), or `none` where no
    /// bundled passage does (the holding then names the authority). Pack 2.1 requires one per
    /// step.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub grounds: BTreeMap<String, String>,
    /// Present when the court's holding is no longer the law (e.g. Pulliam v. Allen): `answers`
    /// and `expected` then follow today's law, `holding` says what the court then held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub historical: Option<Historical>,
    /// Phrases that identify this case (its distinctive facts): no option label, example or
    /// note may contain one, so that options teach the rule rather than the case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distinctive: Vec<Clean>,
}

/// The marker of a fact pattern whose holding is no longer the law.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Historical {
    /// What the law is today, and what changed it (e.g. "Superseded in part by the Federal
    /// Courts Improvement Act of 1996, Pub. L. 104-317, § 309 ...").
    pub today: Clean,
}

impl Question {
    /// The question in a few words: `short`, or the prompt where the pack has none.
    pub fn short_or_prompt(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.prompt)
    }
}

impl Choice {
    /// The answer in a few words: `short`, or the label where the pack has none.
    pub fn short_or_label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.label)
    }
}

/// A short list read without the spare room a growing vector keeps: serde fills a `Vec` by
/// pushing, which leaves room for four options where a question has two or three, and a pack of
/// a million questions carries a million such lists (a quarter of `check`'s memory before).
fn shrunk<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut list = Vec::<T>::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}
