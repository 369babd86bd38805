//! The screening memo: a matter's screenings as one office memo, built once and rendered in
//! every format.
//!
//! [`Memo::build`] walks each screening's answers through the pack and gathers what a supervising
//! attorney reads: To/From/Date/Re, the question presented, a brief answer per defendant with its
//! certainty ("holds either way" or "depends on …"), the facts as answered (with record cites and
//! notes), the discussion (each screening's [`Report`]: the chain, the quotes with pins, every
//! authority with its status), the contingencies of every unsure or contested answer, the other
//! bars to check, one table of authorities, the provenance and a review block.
//!
//! The [`Memo`] is the JSON memo; it reads back ([`Memo::from_json`]) and renders in every format
//! without the pack. Renderers never decide anything: [`layout`] turns the memo into a short list
//! of blocks (headings, paragraphs, tables, quotes), and each format draws those blocks.

mod appendix;
mod authorities;
mod layout;

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Answer, Certainty, MatterFile, MatterInfo, Misfit};
use crate::document::{Document, Writer};
use crate::engine::{Contingency, Followed, Session};
use crate::pack::{Node, Pack};
use crate::report::{PackInfo, Report, ReportContext, TableEntry, ToolInfo};
use crate::text::{Clean, sanitize};

pub use layout::{Appendix, layout};

/// The name of the JSON memo format, written in its `format` field.
pub const FORMAT_NAME: &str = "immunity-memo";
/// The version of the JSON memo's shape.
pub const FORMAT_VERSION: u32 = 1;

/// Formats of `immunity memo`: the one table the command line, the export dialog, the line
/// mode and the help read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum MemoFormat {
    /// Markdown.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// Plain text wrapped to 80 columns.
    Text,
    /// JSON (reads back: `immunity memo` and `walk --answers` accept it).
    Json,
    /// A Word document.
    Docx,
    /// A tagged PDF with embedded fonts.
    Pdf,
}

impl MemoFormat {
    /// Every format, in the order offered.
    pub const ALL: [MemoFormat; 6] = [
        MemoFormat::Markdown,
        MemoFormat::Html,
        MemoFormat::Text,
        MemoFormat::Json,
        MemoFormat::Docx,
        MemoFormat::Pdf,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            MemoFormat::Markdown => "markdown",
            MemoFormat::Html => "html",
            MemoFormat::Text => "text",
            MemoFormat::Json => "json",
            MemoFormat::Docx => "docx",
            MemoFormat::Pdf => "pdf",
        }
    }

    /// The name shown in a menu.
    pub const fn label(self) -> &'static str {
        match self {
            MemoFormat::Markdown => "Markdown",
            MemoFormat::Html => "HTML",
            MemoFormat::Text => "Plain text",
            MemoFormat::Json => "JSON (reads back)",
            MemoFormat::Docx => "Word (DOCX)",
            MemoFormat::Pdf => "PDF",
        }
    }

    /// The usual file extension.
    pub const fn extension(self) -> &'static str {
        match self {
            MemoFormat::Markdown => "md",
            MemoFormat::Html => "html",
            MemoFormat::Text => "txt",
            MemoFormat::Json => "json",
            MemoFormat::Docx => "docx",
            MemoFormat::Pdf => "pdf",
        }
    }

    /// True for formats that are bytes, not text (never written to a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, MemoFormat::Docx | MemoFormat::Pdf)
    }

    /// The document writer, or `None` for the JSON memo (the model itself).
    pub fn writer(self) -> Option<Writer> {
        match self {
            MemoFormat::Markdown => Some(Writer::Markdown),
            MemoFormat::Html => Some(Writer::Html),
            MemoFormat::Text => Some(Writer::Text),
            MemoFormat::Json => None,
            MemoFormat::Docx => Some(Writer::Docx),
            MemoFormat::Pdf => Some(Writer::Pdf),
        }
    }
}

impl fmt::Display for MemoFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for MemoFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(MemoFormat::Markdown),
            "html" => Ok(MemoFormat::Html),
            "text" | "txt" => Ok(MemoFormat::Text),
            "json" => Ok(MemoFormat::Json),
            "docx" => Ok(MemoFormat::Docx),
            "pdf" => Ok(MemoFormat::Pdf),
            _ => Err(format!(
                "unknown memo format {:?}; the formats are: markdown, html, text, json, docx, pdf",
                crate::text::escape_for_display(s)
            )),
        }
    }
}

/// The memo. Its JSON form is this structure, with stable field names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Memo {
    /// Always `immunity-memo`.
    pub format: String,
    /// Version of the memo's shape.
    pub format_version: u32,
    /// The matter, as in the matter file.
    pub matter: MatterInfo,
    /// The memo's date, YYYY-MM-DD.
    pub date: String,
    /// When the memo was made, RFC 3339.
    pub generated_at: String,
    /// The program that wrote it.
    pub tool: ToolInfo,
    /// The pack the screenings were walked with now.
    pub pack: PackInfo,
    /// The pack's disclaimer.
    pub disclaimer: String,
    /// The question presented, in a sentence.
    pub question_presented: String,
    /// One entry per screening, in the matter's order.
    pub screenings: Vec<MemoScreening>,
    /// Every authority cited in any screening's discussion, each once, with its status.
    pub authorities: Vec<TableEntry>,
}

/// One screening in the memo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemoScreening {
    /// 1-based number in the matter.
    pub number: usize,
    /// The defendant.
    pub defendant: String,
    /// The defendant's role.
    pub role: Option<String>,
    /// The act, in a line.
    pub act: Option<String>,
    /// The answers exactly as saved (ids, notes, cites, certainty): `walk --answers` reads them.
    pub answers: Vec<Answer>,
    /// The brief answer.
    pub brief: BriefAnswer,
    /// The facts as answered, in the order of the path, then answers off the path.
    pub facts: Vec<Fact>,
    /// The reasoning when the walk reaches a conclusion.
    pub discussion: Option<Report>,
    /// The question the walk stops at when it does not reach a conclusion.
    pub pending: Option<PendingQuestion>,
    /// One per unsure or contested answer.
    pub contingencies: Vec<MemoContingency>,
    /// Limits of the conclusion and other bars to check (the conclusion's caveats).
    pub other_bars: Vec<String>,
    /// Saved answers that no longer fit the pack: kept and shown.
    pub misfits: Vec<Misfit>,
    /// Set when the screening was saved with another pack or version: says which.
    pub pack_changed: Option<String>,
}

/// The brief answer for one defendant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BriefAnswer {
    /// The outcome's label, e.g. "Immune"; "Not yet screened" while pending.
    pub outcome: String,
    /// The conclusion's title, or the pending question.
    pub title: String,
    /// The conclusion's summary, or what remains to answer.
    pub summary: String,
    /// How certain: `certain`, `holds-either-way` or `depends`.
    pub certainty: BriefCertainty,
    /// The certainty in words: "holds either way …" or "depends on …".
    pub certainty_text: String,
}

/// How certain a brief answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BriefCertainty {
    /// No answer on the path is marked unsure or contested.
    Certain,
    /// Every unsure or contested answer on the path leads to the same end either way.
    HoldsEitherWay,
    /// At least one unsure or contested answer would change the end.
    Depends,
    /// The walk has not reached a conclusion.
    Pending,
}

/// One answer as a fact of the memo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// Question id.
    pub question: String,
    /// The question.
    pub prompt: String,
    /// The question in a few words (the pack's `short`, else the prompt). Absent in a JSON
    /// memo written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Option id.
    pub answer: String,
    /// The answer in words.
    pub label: String,
    /// The preparer's note.
    pub note: Option<String>,
    /// Record cites.
    pub cites: Vec<String>,
    /// Sure, unsure or contested.
    pub certainty: Certainty,
    /// False for an answer the path does not pass through (kept, decides nothing).
    pub on_path: bool,
    /// The option id the note, cites and mark were written for (none without any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_answer: Option<String>,
    /// True when they were written for an earlier answer than the one given now.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stale: bool,
    /// The earlier answer in words, when `stale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_label: Option<String>,
}

/// The question a pending walk stops at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PendingQuestion {
    /// Question id.
    pub question: String,
    /// The question.
    pub prompt: String,
    /// Its options as `id: label`.
    pub options: Vec<String>,
    /// Its options' labels alone, in the same order: what the memo's prose shows (ids are not
    /// prose). Empty in a JSON memo written before this field existed.
    #[serde(default)]
    pub labels: Vec<String>,
}

/// How one unsure or contested answer bears on the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemoContingency {
    /// Question id.
    pub question: String,
    /// The question.
    pub prompt: String,
    /// The question in a few words (the pack's `short`, else the prompt). Absent in a JSON
    /// memo written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// The answer given, in words.
    pub label: String,
    /// Unsure or contested.
    pub certainty: Certainty,
    /// False when the path does not pass through the question.
    pub on_path: bool,
    /// True when every other answer ends the walk where it ends now.
    pub holds: bool,
    /// Where each other answer leads.
    pub alternatives: Vec<MemoAlternative>,
}

/// One other answer and where it leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemoAlternative {
    /// Option id.
    pub answer: String,
    /// The answer in words.
    pub label: String,
    /// The answer in a few words (the pack's `short`, else the label). Absent in a JSON memo
    /// written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// True when it ends the walk where it ends now.
    pub same: bool,
    /// The conclusion reached (id), or `None` when the new path stops at a question.
    pub conclusion: Option<String>,
    /// The conclusion's outcome label and title, e.g. "Not immune: Administrative act".
    pub result: Option<String>,
    /// The question never answered at which the new path stops, by its prompt (what a reader
    /// knows it by).
    pub unanswered: Option<String>,
    /// That question's id, for scripts. Absent in a JSON memo written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unanswered_question: Option<String>,
}

/// Why a JSON memo cannot be read back.
#[derive(Debug, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct MemoReadError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl Memo {
    /// Builds the memo of `matter` walked through `pack`.
    pub fn build(matter: &MatterFile, pack: &Pack, ctx: &ReportContext) -> Memo {
        let mut screenings: Vec<MemoScreening> = matter
            .screenings
            .iter()
            .enumerate()
            .map(|(i, s)| screening(i + 1, s, pack, ctx))
            .collect();
        for s in &mut screenings {
            if let Some(report) = s.discussion.as_mut() {
                authorities::keep_chosen_excerpts(pack, report);
            }
        }
        let authorities = authorities::table(pack, &screenings);
        let question_presented = question_presented(&screenings);
        Memo {
            format: FORMAT_NAME.to_owned(),
            format_version: FORMAT_VERSION,
            matter: clean_info(&matter.matter),
            date: ctx.exported_at.chars().take(10).collect(),
            generated_at: clean(&ctx.exported_at),
            tool: ToolInfo {
                name: "immunity".to_owned(),
                version: clean(&ctx.tool_version),
            },
            pack: PackInfo {
                id: clean(pack.id()),
                title: clean(pack.title()),
                version: clean(pack.version()),
                content_hash: clean(pack.content_hash()),
                law_checked: clean(pack.law_checked()),
            },
            disclaimer: clean(pack.disclaimer()),
            question_presented,
            screenings,
            authorities,
        }
    }

    /// Reads a JSON memo back. Errors carry the line and column.
    pub fn from_json(text: &str) -> Result<Memo, MemoReadError> {
        let memo: Memo = serde_json::from_str(text).map_err(|e| MemoReadError {
            line: e.line(),
            column: e.column(),
            message: crate::text::escape_for_display(&strip_position(&e.to_string())).into_owned(),
        })?;
        if memo.format != FORMAT_NAME {
            return Err(MemoReadError {
                line: 1,
                column: 1,
                message: format!("format: expected \"{FORMAT_NAME}\""),
            });
        }
        if memo.format_version > FORMAT_VERSION {
            return Err(MemoReadError {
                line: 1,
                column: 1,
                message: format!(
                    "format_version {}: written by a newer immunity (this one reads version {FORMAT_VERSION})",
                    memo.format_version
                ),
            });
        }
        Ok(memo)
    }

    /// Renders the memo with its appendix. Text formats are UTF-8; DOCX and PDF are bytes.
    pub fn render(&self, format: MemoFormat) -> Result<Vec<u8>, String> {
        self.render_with_warning(format, Appendix::Full)
            .map(|(bytes, _)| bytes)
    }

    /// Renders the memo, with a warning to show the user when the file was written but not
    /// quite as asked (a PDF with characters no installed font has, drawn as replacements).
    pub fn render_with_warning(
        &self,
        format: MemoFormat,
        appendix: Appendix,
    ) -> Result<(Vec<u8>, Option<String>), String> {
        let Some(writer) = format.writer() else {
            return Ok((json(self).into_bytes(), None));
        };
        let written = self.document(appendix).write(writer)?;
        Ok((written.bytes, written.warning))
    }

    /// The memo as a document, for the writers.
    pub fn document(&self, appendix: Appendix) -> Document {
        Document {
            title: format!(
                "Memorandum: {}",
                crate::text::sanitize_line(&self.matter.caption)
            ),
            author: self
                .matter
                .prepared_by
                .as_deref()
                .map(crate::text::sanitize_line),
            date: crate::text::sanitize_line(&self.date),
            creator: format!(
                "{} {}",
                crate::text::sanitize_line(&self.tool.name),
                crate::text::sanitize_line(&self.tool.version)
            ),
            blocks: layout(self, appendix),
        }
    }

    /// Every citation the memo shows, each once: what a reader must find in any format.
    pub fn citations(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in self.screenings.iter().filter_map(|s| s.discussion.as_ref()) {
            for c in r.citations() {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }
}

/// The JSON memo, every string sanitised once more on the way out.
fn json(memo: &Memo) -> String {
    let mut value = serde_json::to_value(memo).unwrap_or(serde_json::Value::Null);
    clean_value(&mut value);
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

fn clean_value(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(c) = sanitize(s) {
                *s = c;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_value),
        Value::Object(map) => map.values_mut().for_each(clean_value),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

fn clean_opt<S: AsRef<str>>(s: Option<&S>) -> Option<String> {
    s.map(|s| clean(s.as_ref()))
}

fn clean_info(info: &MatterInfo) -> MatterInfo {
    MatterInfo {
        caption: clean(&info.caption).into(),
        court: clean_opt(info.court.as_ref()).map(Into::into),
        docket: clean_opt(info.docket.as_ref()).map(Into::into),
        client: clean_opt(info.client.as_ref()).map(Into::into),
        prepared_by: clean_opt(info.prepared_by.as_ref()).map(Into::into),
        reviewer: clean_opt(info.reviewer.as_ref()).map(Into::into),
        opened: clean_opt(info.opened.as_ref()),
        updated: clean_opt(info.updated.as_ref()),
    }
}

/// "Does absolute or qualified immunity bar the § 1983 claims against A, B and C?": one short
/// question naming each defendant once.
fn question_presented(screenings: &[MemoScreening]) -> String {
    let mut who: Vec<String> = Vec::new();
    for s in screenings {
        let name = crate::text::sanitize_line(&s.defendant);
        if !who.contains(&name) {
            who.push(name);
        }
    }
    if who.is_empty() {
        return "No defendant has been screened yet.".to_owned();
    }
    let names = match who.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    format!("Does absolute or qualified immunity bar the § 1983 claims against {names}?")
}

/// "a", "a or b", "a; b; or c".
fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        [init @ .., last] => format!("{}; or {last}", init.join("; ")),
    }
}

/// "a", "a and b", "a; b; and c".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}; and {last}", init.join("; ")),
    }
}

/// One screening as the memo states it (its brief answer, facts, pending question and
/// contingencies): the model the matter screen and the conclusion screen draw as well.
pub fn screening(
    number: usize,
    s: &super::Screening,
    pack: &Pack,
    ctx: &ReportContext,
) -> MemoScreening {
    let fit = s.fit(pack);
    let walked = crate::engine::follow(pack, &fit.answers);
    let session = session_of(pack, &walked);
    let discussion = Report::from_session(&session, ctx);
    let pending = match walked.end {
        Node::Question(q) => {
            let question = pack.question(q);
            Some(PendingQuestion {
                question: clean(&question.id),
                prompt: clean(&question.prompt),
                options: question
                    .options
                    .iter()
                    .map(|o| format!("{}: {}", clean(&o.id), clean(&o.label)))
                    .collect(),
                labels: question.options.iter().map(|o| clean(&o.label)).collect(),
            })
        }
        Node::Conclusion(_) => None,
    };
    let on_path: HashSet<usize> = walked.steps.iter().map(|st| st.question).collect();
    let mut facts: Vec<Fact> = walked
        .steps
        .iter()
        .filter_map(|st| {
            let question = pack.question(st.question);
            let saved = s.answer(&question.id)?;
            Some(fact(pack, st.question, st.option, saved, true))
        })
        .collect();
    for a in &s.answers {
        if let Some(q) = pack.question_index(&a.question)
            && !on_path.contains(&q)
            && let Some(o) = pack.option_index(q, &a.option)
        {
            facts.push(fact(pack, q, o, a, false));
        }
    }
    let contingencies: Vec<MemoContingency> = s
        .contingencies(pack, &fit)
        .into_iter()
        .map(|(i, c)| contingency(pack, &s.answers[i], &c))
        .collect();
    let brief = brief(discussion.as_ref(), pending.as_ref(), &contingencies);
    let other_bars = discussion
        .as_ref()
        .map(|r| r.conclusion.caveats.clone())
        .unwrap_or_default();
    MemoScreening {
        number,
        defendant: clean(&s.defendant),
        role: clean_opt(s.role.as_ref()),
        act: clean_opt(s.act.as_ref()),
        answers: s
            .answers
            .iter()
            .map(|a| Answer {
                question: clean(&a.question).into(),
                option: clean(&a.option).into(),
                note: clean_opt(a.note.as_ref()).map(Into::into),
                cites: a.cites.iter().map(|c| Clean::new(c)).collect(),
                certainty: a.certainty,
                written_for: clean_opt(a.written_for.as_ref()).map(Into::into),
            })
            .collect(),
        brief,
        facts,
        discussion,
        pending,
        contingencies,
        other_bars,
        misfits: fit
            .misfits
            .iter()
            .map(|m| Misfit {
                index: m.index,
                question: clean(&m.question),
                option: clean(&m.option),
                reason: clean(&m.reason),
            })
            .collect(),
        pack_changed: fit.pack_changed,
    }
}

/// A session standing where `walked` ends, for the report model.
fn session_of<'p>(pack: &'p Pack, walked: &Followed) -> Session<'p> {
    let mut session = Session::new(pack);
    for step in &walked.steps {
        // The steps were followed through the same pack: every option is in range.
        let _ = session.answer(step.option);
    }
    session
}

fn fact(pack: &Pack, q: usize, o: usize, saved: &Answer, on_path: bool) -> Fact {
    let question = pack.question(q);
    Fact {
        question: clean(&question.id),
        prompt: clean(&question.prompt),
        short: Some(clean(question.short_or_prompt())),
        answer: clean(&question.options[o].id),
        label: clean(&question.options[o].label),
        note: clean_opt(saved.note.as_ref()),
        cites: saved.cites.iter().map(|c| clean(c)).collect(),
        certainty: saved.certainty,
        on_path,
        for_answer: saved.is_annotated().then(|| clean(saved.written_for())),
        stale: saved.is_stale(),
        for_label: saved.is_stale().then(|| {
            pack.option_index(q, saved.written_for()).map_or_else(
                || clean(saved.written_for()),
                |o| clean(&question.options[o].label),
            )
        }),
    }
}

/// Where a path ends, as the memo names it: the conclusion's id and headline, or the prompt and
/// id of the question never answered where it stops.
type Ending = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn ending(pack: &Pack, end: Node) -> Ending {
    match end {
        Node::Conclusion(c) => {
            let c = pack.conclusion(c);
            (
                Some(clean(&c.id)),
                Some(crate::report::headline(
                    &clean(pack.outcome_label(&c.outcome)),
                    &clean(&c.title),
                )),
                None,
                None,
            )
        }
        Node::Question(q) => {
            let q = pack.question(q);
            (None, None, Some(clean(&q.prompt)), Some(clean(&q.id)))
        }
    }
}

fn contingency(pack: &Pack, saved: &Answer, c: &Contingency) -> MemoContingency {
    let question = pack.question(c.question);
    MemoContingency {
        question: clean(&question.id),
        prompt: clean(&question.prompt),
        short: Some(clean(question.short_or_prompt())),
        label: clean(&question.options[c.chosen].label),
        certainty: saved.certainty,
        on_path: c.step.is_some(),
        holds: c.holds(),
        alternatives: c
            .alternatives
            .iter()
            .map(|a| {
                let (conclusion, result, unanswered, unanswered_question) =
                    ending(pack, a.outcome.end);
                MemoAlternative {
                    answer: clean(&question.options[a.option].id),
                    label: clean(&question.options[a.option].label),
                    short: Some(clean(question.options[a.option].short_or_label())),
                    same: a.outcome.end == c.current,
                    conclusion,
                    result,
                    unanswered,
                    unanswered_question,
                }
            })
            .collect(),
    }
}

fn brief(
    report: Option<&Report>,
    pending: Option<&PendingQuestion>,
    contingencies: &[MemoContingency],
) -> BriefAnswer {
    let Some(report) = report else {
        let p = pending.map_or_else(String::new, |p| format!("“{}” ({})", p.prompt, p.question));
        return BriefAnswer {
            outcome: "Not yet screened".to_owned(),
            title: "Pending".to_owned(),
            summary: format!("The answers stop before a conclusion; the next question is {p}."),
            certainty: BriefCertainty::Pending,
            certainty_text: "none yet: the screening is not finished".to_owned(),
        };
    };
    let on_path: Vec<&MemoContingency> = contingencies.iter().filter(|c| c.on_path).collect();
    let (certainty, certainty_text) = if on_path.is_empty() {
        (
            BriefCertainty::Certain,
            "certain on the answers given (no answer on the path is marked unsure or contested)"
                .to_owned(),
        )
    } else if on_path.iter().all(|c| c.holds) {
        let which: Vec<String> = on_path.iter().map(|c| format!("“{}”", c.prompt)).collect();
        (
            BriefCertainty::HoldsEitherWay,
            format!(
                "holds either way: the result is the same whichever way {} {} answered",
                join_and(&which),
                if which.len() == 1 { "is" } else { "are" }
            ),
        )
    } else {
        let parts: Vec<String> = on_path
            .iter()
            .filter(|c| !c.holds)
            .map(|c| {
                // The brief answer names where the other answers lead; which answer leads
                // where is spelled out under Contingencies.
                let mut ends: Vec<String> = Vec::new();
                for a in c.alternatives.iter().filter(|a| !a.same) {
                    let end = match (&a.result, &a.unanswered) {
                        (Some(r), _) => r.clone(),
                        (None, Some(q)) => format!("a question never answered (“{q}”)"),
                        (None, None) => continue,
                    };
                    if !ends.contains(&end) {
                        ends.push(end);
                    }
                }
                format!(
                    "the {} answer to “{}”: another answer would reach {}",
                    c.certainty,
                    c.prompt,
                    join_or(&ends)
                )
            })
            .collect();
        (
            BriefCertainty::Depends,
            format!("depends on {}", join_and(&parts)),
        )
    };
    BriefAnswer {
        outcome: report.conclusion.outcome_label.clone(),
        title: report.conclusion.title.clone(),
        summary: report.conclusion.summary.clone(),
        certainty,
        certainty_text,
    }
}

/// Refuses an output that would destroy a matter: the matter the memo is read from (always),
/// or another file that parses as a matter, unless `force` (the user confirmed) and no program
/// holds its lock. Returns the lock taken on such a matter: hold it until the memo is written.
/// The message says what was refused and why.
pub fn guard_output(
    input: &std::path::Path,
    output: &std::path::Path,
    force: bool,
) -> Result<Option<super::MatterLock>, String> {
    let shown = || crate::text::escape_for_display(&output.display().to_string()).into_owned();
    if same_file(input, output) {
        return Err(format!(
            "{} is the file the memo is read from; write the memo to another file (--force never replaces the matter itself)",
            shown()
        ));
    }
    let is_matter = output.is_file()
        && super::read_text(output)
            .ok()
            .is_some_and(|text| MatterFile::parse(output, &text).is_ok());
    if !is_matter {
        return Ok(None);
    }
    if !force {
        return Err(format!(
            "{} is a matter file; a memo would replace its screenings. Write the memo elsewhere, or pass --force to replace it",
            shown()
        ));
    }
    super::MatterLock::acquire(output)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// True when both paths name one file (the same device and inode, or the same path).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// JSON Schema of the JSON memo.
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(Memo).to_value()
}
