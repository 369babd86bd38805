//! The report: a finished walk as one model, and its renderers.
//!
//! [`Report::from_session`] turns a [`Session`] standing at a conclusion into a [`Report`]: the
//! pack's identity, the reasoning chain step by step (question, answer, note, excerpts with pin
//! cites, authorities with status and history), the conclusion, a table of every authority cited
//! on the path, and the disclaimer. [`render`] turns the model into Markdown, HTML, JSON or plain
//! text. Everything here is a pure function: the `walk` command, the export files and the TUI's
//! export dialog all call the same code, so they cannot disagree. Markdown, HTML and text are
//! one document (`report/blocks.rs`) drawn by the writers of [`crate::document`]. The model's
//! types live in `model.rs`, the sentences every view shares in `words.rs`.
//!
//! Pack text is clean from the moment the pack is read ([`crate::text::Clean`]), so building the
//! model copies it as it is. A `Report` is also public data (built by hand, read back from its
//! JSON), so [`render`] cleans the report it is given once, where it enters the writers; each
//! writer then escapes for its own format.

mod blocks;
mod cite;
mod compare;
mod decides;
pub mod grounds;
mod json;
pub mod map;
mod model;
pub mod paint;
mod pending;
pub mod teacher_key;
pub mod what_if;
mod words;

use std::fmt;
use std::str::FromStr;

use crate::document::{self, Writer};
use crate::engine::Session;
use crate::pack::{AuthorityRef, Case, Pack};

/// HTML escaping for element content and quoted attributes, shared with other HTML pages.
pub(crate) use crate::document::escape::html as html_escape;
pub use cite::{cite_authority, cite_excerpt, excerpt_badges, quoted_in};
pub use compare::{case_authority, compare};
pub use decides::{OptionSplit, OutcomeCount, WhatThisDecides, counts_words};
pub use model::{
    ChosenAnswer, CitedAuthority, ConclusionRef, Departure, FactPatternComparison, OptionRef,
    PackInfo, Report, ReportConclusion, ReportContext, ReportExcerpt, ReportStep, TableEntry,
    ToolInfo,
};
pub use pending::{
    AnsweredStep, PENDING_FORMAT_NAME, PENDING_FORMAT_VERSION, Pending, PendingQuestion,
    pending_schema,
};
pub use words::headline;
pub(crate) use words::{
    cited_with_badge, comparison_words, line, one_line, paragraphs, provenance_fields,
    status_words, subtitle,
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
        crate::document::format_named(&Format::ALL, s, |f| [f.name(), f.extension()])
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
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
        let reached = session.conclusion()?;
        let conclusion = pack.conclusion(reached);
        let path = session
            .history()
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let question = pack.question(step.question);
                let choice = &question.options[step.option];
                ReportStep {
                    number: i + 1,
                    question: owned(&question.id),
                    prompt: owned(&question.prompt),
                    why: owned(&question.why),
                    answer: owned(&choice.id),
                    label: owned(&choice.label),
                    note: choice.note.as_deref().map(owned),
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
            id: owned(&conclusion.id),
            outcome: owned(&conclusion.outcome),
            outcome_label: owned(pack.outcome_label(&conclusion.outcome)),
            title: owned(&conclusion.title),
            summary: owned(&conclusion.summary),
            reasoning: owned(&conclusion.reasoning),
            // Only the caveats this path reaches (the pack's `caveat_paths`), as in the memo: a
            // clerk's walk does not get the receiver's or the caseworker's caveats.
            caveats: pack
                .caveats_on(reached, session.history())
                .into_iter()
                .map(|c| owned(c))
                .collect(),
            authorities: cite_all(pack, &conclusion.authorities),
        };
        let fact_pattern = case.and_then(|c| compare(session, c));
        let authorities = table(pack, &path, &conclusion, fact_pattern.as_ref());
        Some(Report {
            format: FORMAT_NAME.to_owned(),
            format_version: FORMAT_VERSION,
            pack: PackInfo::of(pack),
            tool: ToolInfo {
                name: "immunity".to_owned(),
                version: owned(&ctx.tool_version),
            },
            exported_at: owned(&ctx.exported_at),
            disclaimer: owned(pack.disclaimer()),
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

/// A pack string (clean since the pack was read), owned for the model.
fn owned(s: &str) -> String {
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
            cited.extend(e.cited().map(|a| a.source.as_str()));
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
    order
        .iter()
        .filter_map(|id| pack.source(id))
        .map(TableEntry::of)
        .collect()
}
