//! The report: a finished walk as one model, and its renderers.
//!
//! [`Report::from_session`] turns a [`Session`] standing at a conclusion into a [`Report`]: the
//! pack's identity, the reasoning chain step by step (question, answer, note, excerpts with pin
//! cites, authorities with status and history), the conclusion, a table of every authority cited
//! on the path, and the disclaimer. [`render`] turns the model into Markdown, HTML, JSON or plain
//! text. Everything here is a pure function: the `walk` command, the export files and the TUI's
//! export dialog all call the same code, so they cannot disagree.
//!
//! Every string taken from the pack is passed through [`crate::text::sanitize`] when the model is
//! built, and each renderer sanitises again as it writes (a `Report` can also be built by hand,
//! so the renderers do not trust it), then escapes for its own format.

mod html;
mod json;
mod markdown;
mod plain;

use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::Session;
use crate::pack::{AuthorityRef, Excerpt, Pack, Status};
use crate::text::sanitize;

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
            _ => Err(UnknownFormat(
                crate::text::escape_for_display(s).into_owned(),
            )),
        }
    }
}

/// Values that come from outside the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportContext {
    /// The version of the tool writing the report.
    pub tool_version: String,
    /// When the report was made, RFC 3339 (`2025-01-31T12:00:00Z`).
    pub exported_at: String,
}

impl ReportContext {
    /// A context stamped with the current time (UTC, whole seconds).
    pub fn now(tool_version: impl Into<String>) -> Self {
        Self {
            tool_version: tool_version.into(),
            exported_at: humantime::format_rfc3339_seconds(SystemTime::now()).to_string(),
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
    /// When the report was made, RFC 3339.
    pub exported_at: String,
    /// The pack's disclaimer (an educational aid, not legal advice).
    pub disclaimer: String,
    /// The reasoning chain: every question answered, in order.
    pub path: Vec<ReportStep>,
    /// Where the answers lead.
    pub conclusion: ReportConclusion,
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

impl Report {
    /// The report of a walk. `None` unless the session stands at a conclusion.
    pub fn from_session(session: &Session<'_>, ctx: &ReportContext) -> Option<Report> {
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
                    excerpts: question
                        .excerpts
                        .iter()
                        .filter_map(|e| excerpt(pack, e))
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
        let authorities = table(pack, &path, &conclusion);
        Some(Report {
            format: FORMAT_NAME.to_owned(),
            format_version: FORMAT_VERSION,
            pack: PackInfo {
                id: clean(pack.id()),
                title: clean(pack.title()),
                version: clean(pack.version()),
                content_hash: clean(pack.content_hash()),
                law_checked: clean(pack.law_checked()),
            },
            tool: ToolInfo {
                name: "immunity".to_owned(),
                version: clean(&ctx.tool_version),
            },
            exported_at: clean(&ctx.exported_at),
            disclaimer: clean(pack.disclaimer()),
            path,
            conclusion,
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
        .filter_map(|e| excerpt(pack, e))
        .collect()
}

/// Renders a report in `format`. The output ends with a newline.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
        Format::Json => json::render(report),
        Format::Text => plain::render(report),
    }
}

/// JSON Schema (draft 2020-12) of the JSON export.
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(Report).to_value()
}

/// A pack string made safe for any export.
fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// One authority as cited; `None` for a source id the pack does not declare (the loader
/// rejects such packs, so this only guards against an unchecked tree).
fn cite(pack: &Pack, authority: &AuthorityRef) -> Option<CitedAuthority> {
    let source = pack.source(&authority.source)?;
    Some(CitedAuthority {
        source: clean(&source.id),
        name: clean(&source.name),
        citation: clean(&pack.cite(authority)),
        pin: authority.pin.as_deref().map(clean),
        status: source.status,
        status_label: source.status.label().to_owned(),
        history: source.history.as_deref().map(clean),
    })
}

fn cite_all(pack: &Pack, authorities: &[AuthorityRef]) -> Vec<CitedAuthority> {
    authorities.iter().filter_map(|a| cite(pack, a)).collect()
}

/// An excerpt with its citation. When the passage quotes another authority (Stump quoted in
/// Mireles), the words are that authority's, so it leads the citation and its status is the
/// excerpt's; the quoting source follows in a "quoted in" parenthetical with its own status.
fn excerpt(pack: &Pack, excerpt: &Excerpt) -> Option<ReportExcerpt> {
    let holder = cite(
        pack,
        &AuthorityRef {
            source: excerpt.source.clone(),
            pin: excerpt.pin.clone(),
        },
    )?;
    let (citation, authority, quoted_in) = match &excerpt.quoting {
        Some(quoted) => {
            let words = cite(pack, quoted)?;
            (
                format!("{} (quoted in {})", words.citation, holder.citation),
                words,
                Some(holder),
            )
        }
        None => (holder.citation.clone(), holder, None),
    };
    Some(ReportExcerpt {
        quote: clean(&excerpt.quote),
        citation,
        authority,
        quoted_in,
    })
}

/// The table of authorities: each source once, in the order first cited on the path.
fn table(pack: &Pack, path: &[ReportStep], conclusion: &ReportConclusion) -> Vec<TableEntry> {
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
    let mut order: Vec<&str> = Vec::new();
    for id in cited {
        if !order.contains(&id) {
            order.push(id);
        }
    }
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

/// The header every format shows, in order, as (label, value): one list, so the formats cannot
/// drift apart. Values are sanitised to one line; each renderer escapes them for its language.
pub(crate) fn header_fields(report: &Report) -> [(&'static str, String); 5] {
    [
        (
            "Pack",
            format!(
                "{} ({}), version {}",
                one_line(&report.pack.title),
                one_line(&report.pack.id),
                one_line(&report.pack.version)
            ),
        ),
        ("Content hash", one_line(&report.pack.content_hash)),
        ("Law checked", one_line(&report.pack.law_checked)),
        (
            "Tool",
            format!(
                "{} {}",
                one_line(&report.tool.name),
                one_line(&report.tool.version)
            ),
        ),
        ("Exported at", one_line(&report.exported_at)),
    ]
}

/// Splits untrusted text into paragraphs (separated by blank lines), each folded to one line.
/// Renderers lay paragraphs out themselves, so a pack's line breaks can never start a block
/// (a heading, list or table) in the output.
pub(crate) fn paragraphs(s: &str) -> Vec<String> {
    let s = sanitize(s);
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

/// Untrusted text folded to one line (for headings, table cells, labels).
pub(crate) fn one_line(s: &str) -> String {
    crate::text::sanitize_line(s)
}

/// The status of an authority and its history, in words: "REVERSED: rev'd sub nom. ...".
pub(crate) fn status_words(label: &str, history: Option<&str>) -> String {
    match history {
        Some(h) if !h.trim().is_empty() => format!("{}: {}", one_line(label), one_line(h)),
        _ => one_line(label),
    }
}
