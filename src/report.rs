//! The report: a finished walk as one model, and its renderers.
//!
//! [`Report::from_session`] turns a [`Session`] standing at a conclusion into a [`Report`]: the
//! pack's identity, the reasoning chain step by step (question, answer, note, excerpts with pin
//! cites, authorities with status and history), the conclusion, a table of every authority cited
//! on the path, and the disclaimer. [`render`] turns the model into Markdown, HTML, JSON or plain
//! text. Everything here is a pure function: the `walk` command, the export files and the TUI's
//! export dialog all call the same code, so they cannot disagree. Markdown, HTML and text are
//! one document ([`blocks`]) drawn by the writers of [`crate::document`].
//!
//! Pack text is clean from the moment the pack is read ([`crate::text::Clean`]), so building the
//! model copies it as it is. A `Report` is also public data (built by hand, read back from its
//! JSON), so [`render`] cleans the report it is given once, where it enters the writers; each
//! writer then escapes for its own format.

mod blocks;
mod cite;
mod compare;
mod decides;
mod escape;
pub mod grounds;
mod json;
mod pending;
pub mod teacher_key;
pub mod what_if;

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::document::{self, Writer};
use crate::engine::Session;
use crate::pack::{AuthorityRef, Case, Pack, Status};

pub use cite::{cite_authority, cite_excerpt, excerpt_badges, quoted_in};
pub use compare::{case_authority, compare};
pub use decides::{OptionSplit, OutcomeCount, ReachableConclusion, WhatThisDecides, counts_words};
/// HTML escaping for element content and quoted attributes, shared with other HTML pages.
pub(crate) use escape::html as html_escape;
pub use pending::{
    AnsweredStep, PENDING_FORMAT_NAME, PENDING_FORMAT_VERSION, Pending, PendingOption,
    PendingQuestion, pending_schema,
};

/// The name of the JSON report format, written in its `format` field.
pub const FORMAT_NAME: &str = "immunity-report";
/// The version of the JSON report's shape, written in its `format_version` field. It changes
/// only when a field is renamed or removed, or changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown (`CommonMark` with a GitHub-style table).
    Markdown,
    /// One self-contained HTML5 file.
    Html,
    /// Pretty-printed JSON, described by [`schema`].
    Json,
    /// Plain text wrapped to 80 columns.
    Text,
}

impl Format {
    /// Every format, in the order they are documented.
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Json, Format::Text];

    /// The name used on the command line (`markdown`, `html`, `json`, `text`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Text => "text",
        }
    }

    /// The usual file extension, without the dot: for default file names.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Text => "txt",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?}; the formats are: markdown, html, json, text")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Accepts the names of [`Format::name`] and the extensions `md` and `txt`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            "text" | "txt" => Ok(Format::Text),
            _ => Err(UnknownFormat(s.to_owned())),
        }
    }
}

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
/// names are stable (see [`FORMAT_VERSION`]).
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
    pub court_conclusion: ComparedConclusion,
    /// The first step at which the walk's answer differs from the court's; `None` when the
    /// walk followed the court's answers at every step.
    pub departure: Option<Departure>,
    /// What the court held.
    pub holding: String,
}

/// The conclusion a fact pattern's answers reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ComparedConclusion {
    /// Id of the conclusion.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Outcome id, e.g. `immune`.
    pub outcome: String,
    /// The outcome's label, e.g. "Immune".
    pub outcome_label: String,
}

/// Where a walk left the court's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Departure {
    /// 1-based step of the reasoning chain.
    pub step: usize,
    /// Id of the question.
    pub question: String,
    /// The question.
    pub prompt: String,
    /// Id of the option the walk chose.
    pub answer: String,
    /// Its label.
    pub label: String,
    /// Id of the court's answer; `None` when the court's path does not ask this question.
    pub court_answer: Option<String>,
    /// The court's answer's label.
    pub court_label: Option<String>,
}

impl Report {
    /// The report of a walk. `None` unless the session stands at a conclusion.
    pub fn from_session(session: &Session<'_>, ctx: &ReportContext) -> Option<Report> {
        Self::build(session, ctx, None)
    }

    /// The report of a walk of a fact pattern: [`Report::from_session`] with the comparison
    /// of the walk with the court's answers ([`compare`]).
    pub fn for_case(session: &Session<'_>, ctx: &ReportContext, case: &Case) -> Option<Report> {
        Self::build(session, ctx, Some(case))
    }

    /// The report of a walk, with the comparison when `case` is given. `None` unless the
    /// session stands at a conclusion.
    pub fn build(
        session: &Session<'_>,
        ctx: &ReportContext,
        case: Option<&Case>,
    ) -> Option<Report> {
        let pack = session.pack();
        let conclusion = pack.conclusion(session.conclusion()?);
        let path = session
            .history()
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let question = pack.question(step.question);
                let choice = &question.options[step.option];
                ReportStep {
                    number: i + 1,
                    question: clean(&question.id),
                    prompt: clean(&question.prompt),
                    why: clean(&question.why),
                    answer: clean(&choice.id),
                    label: clean(&choice.label),
                    note: choice.note.as_deref().map(clean),
                    // For a fact pattern, the passage grounding the court's answer first.
                    excerpts: grounds::excerpt_order(pack, case, step.question)
                        .into_iter()
                        .filter_map(|e| cite_excerpt(pack, &question.excerpts[e]))
                        .collect(),
                    authorities: cite_all(pack, &choice.authorities),
                }
            })
            .collect::<Vec<_>>();
        let conclusion = ReportConclusion {
            id: clean(&conclusion.id),
            outcome: clean(&conclusion.outcome),
            outcome_label: clean(pack.outcome_label(&conclusion.outcome)),
            title: clean(&conclusion.title),
            summary: clean(&conclusion.summary),
            reasoning: clean(&conclusion.reasoning),
            caveats: conclusion.caveats.iter().map(|c| clean(c)).collect(),
            authorities: cite_all(pack, &conclusion.authorities),
        };
        let fact_pattern = case.and_then(|c| compare(session, c));
        let authorities = table(pack, &path, &conclusion, fact_pattern.as_ref());
        Some(Report {
            format: FORMAT_NAME.to_owned(),
            format_version: FORMAT_VERSION,
            pack: pack_info(pack),
            tool: ToolInfo {
                name: "immunity".to_owned(),
                version: clean(&ctx.tool_version),
            },
            exported_at: clean(&ctx.exported_at),
            disclaimer: clean(pack.disclaimer()),
            path,
            conclusion,
            fact_pattern,
            authorities,
        })
    }

    /// Every citation the report shows (excerpts, step authorities, conclusion, table), each
    /// once, in order of appearance: what a reader must find in any export.
    pub fn citations(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut push = |c: &str| {
            if !out.iter().any(|o| o == c) {
                out.push(c.to_owned());
            }
        };
        for step in &self.path {
            for e in &step.excerpts {
                push(&e.citation);
            }
            for a in &step.authorities {
                push(&a.citation);
            }
        }
        for a in &self.conclusion.authorities {
            push(&a.citation);
        }
        if let Some(f) = &self.fact_pattern {
            push(&f.citation);
        }
        for t in &self.authorities {
            push(&t.citation);
        }
        out
    }
}

/// The excerpts of one question with their citations and status, as a report shows them: for
/// front ends that show the courts' words before a conclusion (the line mode's `x`).
pub fn question_excerpts(pack: &Pack, question: usize) -> Vec<ReportExcerpt> {
    pack.question(question)
        .excerpts
        .iter()
        .filter_map(|e| cite_excerpt(pack, e))
        .collect()
}

/// A conclusion named with its outcome in one line, "Not immune: Administrative act", for
/// prose that gives both. A title that already opens with the outcome's words ("Circuits divide:
/// a clerk's own ministerial act" under "Circuits divide") stands alone, so that no reader sees
/// "Circuits divide: Circuits divide: ...".
pub fn headline(outcome_label: &str, title: &str) -> String {
    let opens_with_label = title
        .get(..outcome_label.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(outcome_label));
    if opens_with_label {
        title.to_owned()
    } else {
        format!("{outcome_label}: {title}")
    }
}

/// Renders a pending question as text (wrapped to 80 columns) or JSON; Markdown and HTML are
/// for finished walks only and fall back to text. The output ends with a newline.
pub fn render_pending(pending: &Pending, format: Format) -> String {
    let pending = json::cleaned(pending);
    match format {
        Format::Json => json::render_value(&pending),
        Format::Markdown | Format::Html | Format::Text => pending::render_text(&pending),
    }
}

/// Renders a report in `format`. The output ends with a newline.
pub fn render(report: &Report, format: Format) -> String {
    let report = json::cleaned(report);
    let writer = match format {
        Format::Json => return json::render_value(&report),
        Format::Markdown => Writer::Markdown,
        Format::Html => Writer::Html,
        Format::Text => Writer::Text,
    };
    let doc = blocks::document(&report, writer);
    match writer {
        Writer::Html => document::html::render(&doc),
        Writer::Text => document::text::render(&doc.blocks),
        _ => document::markdown::render(&doc.blocks),
    }
}

/// JSON Schema (draft 2020-12) of the JSON export.
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(Report).to_value()
}

/// The identity of the pack, for a report or a pending question.
fn pack_info(pack: &Pack) -> PackInfo {
    PackInfo {
        id: clean(pack.id()),
        title: clean(pack.title()),
        version: clean(pack.version()),
        content_hash: clean(pack.content_hash()),
        law_checked: clean(pack.law_checked()),
    }
}

/// A pack string (clean since the pack was read), owned for the model.
fn clean(s: &str) -> String {
    s.to_owned()
}

fn cite_all(pack: &Pack, authorities: &[AuthorityRef]) -> Vec<CitedAuthority> {
    authorities
        .iter()
        .filter_map(|a| cite_authority(pack, a))
        .collect()
}

/// The table of authorities: each source once, in the order first cited on the path, then the
/// conclusion's, then the fact pattern's own decision.
fn table(
    pack: &Pack,
    path: &[ReportStep],
    conclusion: &ReportConclusion,
    fact_pattern: Option<&FactPatternComparison>,
) -> Vec<TableEntry> {
    let mut cited: Vec<&str> = Vec::new();
    for step in path {
        for e in &step.excerpts {
            cited.push(&e.authority.source);
            if let Some(q) = &e.quoted_in {
                cited.push(&q.source);
            }
        }
        cited.extend(step.authorities.iter().map(|a| a.source.as_str()));
    }
    cited.extend(conclusion.authorities.iter().map(|a| a.source.as_str()));
    cited.extend(
        fact_pattern
            .and_then(|f| f.authority.as_ref())
            .map(|a| a.source.as_str()),
    );
    let mut seen = std::collections::HashSet::new();
    let order: Vec<&str> = cited.into_iter().filter(|id| seen.insert(*id)).collect();
    // Ids were sanitised when cited; the pack's ids hold no unsafe characters (the loader
    // rejects them), so looking them up again finds the same source.
    order
        .iter()
        .filter_map(|id| pack.source(id))
        .map(|s| TableEntry {
            source: clean(&s.id),
            name: clean(&s.name),
            citation: clean(&s.citation),
            court: clean(&s.court),
            year: s.year,
            status: s.status,
            status_label: s.status.label().to_owned(),
            history: s.history.as_deref().map(clean),
        })
        .collect()
}

/// The provenance every format shows in its footer, in order, as (label, value): one list, so
/// the formats cannot drift apart. Values are sanitised to one line; each renderer escapes them
/// for its language.
pub(crate) fn provenance_fields(report: &Report) -> [(&'static str, String); 5] {
    [
        (
            "Pack",
            format!(
                "{}, version {} ({})",
                one_line(&report.pack.title),
                one_line(&report.pack.version),
                one_line(&report.pack.id)
            ),
        ),
        ("Law checked to", law_date(&report.pack.law_checked)),
        ("Content hash", one_line(&report.pack.content_hash)),
        (
            "Written by",
            format!(
                "{} {}",
                one_line(&report.tool.name),
                one_line(&report.tool.version)
            ),
        ),
        ("Exported", local_date_time(&report.exported_at)),
    ]
}

/// The line under the title: the pack, the date the law was checked to, and the export time.
pub(crate) fn subtitle(report: &Report) -> String {
    format!(
        "{} \u{b7} law checked to {} \u{b7} exported {}",
        one_line(&report.pack.title),
        law_date(&report.pack.law_checked),
        local_date_time(&report.exported_at)
    )
}

/// An RFC 3339 stamp in words, in the zone it was written in: "24 November 2026, 10:15
/// UTC+00:00". A stamp that does not parse (a hand-made report) is shown as it is.
pub(crate) fn local_date_time(stamp: &str) -> String {
    let stamp = one_line(stamp);
    match chrono::DateTime::parse_from_rfc3339(stamp.trim()) {
        Ok(t) => t.format("%-d %B %Y, %H:%M UTC%:z").to_string(),
        Err(_) => stamp,
    }
}

/// A `YYYY-MM-DD` date in words: "23 November 2026"; anything else as it is.
pub(crate) fn law_date(date: &str) -> String {
    let date = one_line(date);
    match chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
        Ok(d) => d.format("%-d %B %Y").to_string(),
        Err(_) => date,
    }
}

/// The fact-pattern comparison in sentences, shared by the text, Markdown and HTML renderers
/// (each escapes them for its language): the verdict, where the path left the court's, and
/// the holding's attribution. One line each, sanitised.
pub(crate) struct ComparisonWords {
    /// "You reached the same result as the court: TITLE (OUTCOME)." or the different-result
    /// sentence.
    pub verdict: String,
    /// "Your path left the court's at step N: PROMPT You answered “…”; the court answered
    /// “…”." or "Your path followed the court's at every step."
    pub path: String,
}

pub(crate) fn comparison_words(f: &FactPatternComparison) -> ComparisonWords {
    let court = &f.court_conclusion;
    let court_result = if court.outcome_label.is_empty() {
        one_line(&court.title)
    } else {
        format!(
            "{} ({})",
            one_line(&court.title),
            one_line(&court.outcome_label)
        )
    };
    let verdict = if f.same_result {
        format!("You reached the same result as the court: {court_result}.")
    } else {
        format!(
            "You reached a different result from the court's. The court's answers lead to: {court_result}."
        )
    };
    let path = match &f.departure {
        None => "Your path followed the court's at every step.".to_owned(),
        Some(d) => {
            let court = match &d.court_label {
                Some(label) => format!("the court's answer is \u{201c}{}\u{201d}", one_line(label)),
                None => "the court's path does not ask this question".to_owned(),
            };
            format!(
                "Your path left the court's at step {}: {} You answered \u{201c}{}\u{201d}; {court}.",
                d.step,
                one_line(&d.prompt),
                one_line(&d.label)
            )
        }
    };
    ComparisonWords { verdict, path }
}

/// Splits text into paragraphs (separated by blank lines), each folded to one line.
/// Renderers lay paragraphs out themselves, so a pack's line breaks can never start a block
/// (a heading, list or table) in the output.
pub(crate) fn paragraphs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.extend(line.split_whitespace());
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// Text folded to one line (for headings, table cells, labels): its runs of white space,
/// line breaks included, become one space.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The status of an authority and its history, in words: "REVERSED: rev'd sub nom. ...".
pub(crate) fn status_words(label: &str, history: Option<&str>) -> String {
    match history {
        Some(h) if !h.trim().is_empty() => format!("{}: {}", one_line(label), one_line(h)),
        _ => one_line(label),
    }
}

/// The Markdown escapers, for the document's Markdown writer.
pub(crate) use escape::{markdown as markdown_escape, markdown_line_start};

#[cfg(test)]
mod headline_tests {
    use super::headline;

    #[test]
    fn a_title_that_opens_with_its_outcome_is_not_repeated() {
        assert_eq!(
            headline("Not immune", "No absolute immunity: an administrative act"),
            "Not immune: No absolute immunity: an administrative act"
        );
        assert_eq!(
            headline(
                "Circuits divide",
                "Circuits divide: a clerk's own ministerial act"
            ),
            "Circuits divide: a clerk's own ministerial act"
        );
        assert_eq!(
            headline(
                "No § 1983 claim",
                "No § 1983 claim against a federal official"
            ),
            "No § 1983 claim against a federal official"
        );
        // Case aside, and a label longer than the title or ending inside a character.
        assert_eq!(
            headline("immune", "Immune for testimony"),
            "Immune for testimony"
        );
        assert_eq!(
            headline("Relief limited", "Relief"),
            "Relief limited: Relief"
        );
        assert_eq!(headline("§", "é"), "§: é");
    }
}
