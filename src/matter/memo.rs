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
//!
//! Over 400 lines because the memo's model is one JSON schema, its types kept side by side;
//! building it is in `build`, its formats in `format`, the output guard in `guard`.

mod appendix;
mod authorities;
mod build;
mod format;
mod guard;
mod layout;
mod remains;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Answer, Certainty, MatterFile, MatterInfo, Misfit};
use crate::document::{Document, line};
use crate::pack::Pack;
use crate::report::{PackInfo, Report, ReportContext, TableEntry, ToolInfo};
use crate::text::Clean;

pub use build::screening;
use build::{clean, clean_info, question_presented};
pub use format::MemoFormat;
pub use guard::guard_output;
pub use layout::{Appendix, layout};

/// The name of the JSON memo format, written in its `format` field.
pub const FORMAT_NAME: &str = "immunity-memo";
/// The version of the JSON memo's shape.
pub const FORMAT_VERSION: u32 = 1;

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
    /// Limits of the conclusion and other bars to check: the conclusion's caveats that apply on
    /// this screening's path (the pack's `caveat_paths`).
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
            pack: PackInfo::of(pack),
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
            message: Clean::line(&strip_position(&e.to_string())).into_string(),
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
        let written = self.document(appendix).into_written(writer)?;
        Ok((written.bytes, written.warning))
    }

    /// Renders the memo as [`Memo::render_with_warning`] does, giving the memo up first: once
    /// its document is laid out the model is dropped, so a long memo's model, its blocks and
    /// a writer's own tree (DOCX) are never all held at once.
    pub fn into_rendered(
        self,
        format: MemoFormat,
        appendix: Appendix,
    ) -> Result<(Vec<u8>, Option<String>), String> {
        let Some(writer) = format.writer() else {
            return Ok((json(&self).into_bytes(), None));
        };
        let document = self.document(appendix);
        drop(self);
        let written = document.into_written(writer)?;
        Ok((written.bytes, written.warning))
    }

    /// The memo as a document, for the writers.
    pub fn document(&self, appendix: Appendix) -> Document {
        Document {
            title: line(format!("Memorandum: {}", self.matter.caption)),
            author: self.matter.prepared_by.as_deref().map(line),
            date: line(&self.date),
            creator: line(format!("{} {}", self.tool.name, self.tool.version)),
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
            *s = Clean::from_string(std::mem::take(s)).into_string();
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

/// "a", "a and b", "a; b; and c".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}; and {last}", init.join("; ")),
    }
}

/// JSON Schema of the JSON memo.
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(Memo).to_value()
}
