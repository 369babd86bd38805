//! A class's results collated: the model behind `immunity class`, and its renderings.
//!
//! [`collate`] takes each file's name and text (or why it could not be read) and builds one
//! [`ClassReport`]: per fact pattern and question, how many students chose each option against
//! the court's answer; where students first left the court's path; the confident errors
//! (certain first); and one gradebook row per student. Every answer is graded against the
//! pack's fact patterns ([`super::score()`]), never against the court's answers a file records;
//! a file whose records disagree with the pack is reported ([`FileNote`]), as are patterns
//! without steps, repeated patterns or steps, the same file or student twice, each counted once
//! or not at all. Files made with another pack are reported, never scored against this one; a
//! malformed file is named with what is wrong and skipped, never fatal to the rest. Renderings
//! ([`render`], one per [`ClassFormat`]): the report as a document ([`document`], bar charts and
//! all) through the document writers (text, Markdown, HTML, DOCX, PDF), a CSV gradebook (one
//! row per student) and JSON (the model).
//!
//! Over 400 lines because the model and `collate`'s rules for what counts (same file, same
//! student, repeated patterns and steps, records that disagree with the pack) are one piece: each
//! rule fills a field of the model defined above it. The views live in `class/`.

use std::collections::{HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::words::option_label;
use super::{LoadError, OutcomeCredit, PatternResult, Results, load, score};
use crate::pack::Pack;
use crate::report::PackInfo;
use crate::report::one_line;
use crate::text::Clean;

mod anon;
mod blocks;
mod format;
mod render;
mod summary;
pub use anon::anonymize;
pub use blocks::{document, summary};
pub use format::ClassFormat;
pub use render::{csv, json, render};
use summary::summarise;

/// The `format` field of the JSON class report.
pub const FORMAT_NAME: &str = "immunity-class";
/// Its version.
pub const FORMAT_VERSION: u32 = 1;

/// One input file: its name as shown to the user, and its text or why it could not be read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file's name as the user gave it.
    pub name: String,
    /// Its text, or the reason it could not be read.
    pub text: Result<String, String>,
}

/// The collated class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClassReport {
    /// Always `immunity-class`.
    pub format: String,
    /// Version of this shape.
    pub format_version: u32,
    /// The pack the class was scored against.
    pub pack: PackInfo,
    /// One gradebook row per results file scored, in the order given.
    pub students: Vec<StudentRow>,
    /// Files not scored, with why.
    pub skipped: Vec<Skipped>,
    /// One summary per fact pattern taken, in pack order.
    pub patterns: Vec<PatternSummary>,
    /// Every wrong first answer given fairly sure or certain: certain first, then by student.
    pub confident_errors: Vec<ConfidentError>,
    /// What was found in files that were counted, or counted in part: answers recorded as the
    /// court's that are not the pack's, patterns without steps, repeated patterns or steps.
    #[serde(default)]
    pub notes: Vec<FileNote>,
}

/// Something found in a results file, reported to the teacher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FileNote {
    /// The file.
    pub file: String,
    /// `disagrees-with-pack` (the file's recorded court answers or conclusion are not the
    /// pack's; it is graded against the pack), `no-steps` (a pattern with no answer: not
    /// counted), `repeated-pattern` (counted once), `repeated-step` (counted once).
    pub kind: String,
    /// What, in words.
    pub detail: String,
}

/// One student's totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StudentRow {
    /// The student's name.
    pub student: String,
    /// The results file.
    pub file: String,
    /// Fact patterns taken.
    pub patterns: usize,
    /// First answers that matched the court's.
    pub matched: usize,
    /// Steps scored (on the court's path, up to the first departure).
    pub scored: usize,
    /// Steps on the court's paths of the patterns taken (the most that can be matched).
    #[serde(default)]
    pub court_steps: usize,
    /// Fact patterns whose court's conclusion the student's own first answers reach.
    pub outcomes_matched: usize,
    /// Outcome points (2 for the court's conclusion, 1 for its result on another ground).
    #[serde(default)]
    pub outcome_points: u32,
    /// The most outcome points could be.
    #[serde(default)]
    pub outcome_max: u32,
    /// Certainty-based marks (see [`super::Score::certainty`]).
    pub certainty: i64,
    /// The most certainty could earn.
    #[serde(default)]
    pub certainty_max: i64,
    /// Wrong first answers given fairly sure or certain.
    pub confident_errors: usize,
    /// Total time to first answers, in seconds.
    pub seconds: f64,
}

/// A file that was not scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Skipped {
    /// The file.
    pub file: String,
    /// `other-pack`, `malformed`, `unreadable`, `same-file` (the same file, or the same
    /// content, given again) or `same-student` (a second file for a student already counted:
    /// only the first is counted).
    pub kind: String,
    /// What is wrong, in words.
    pub reason: String,
}

/// One fact pattern across the class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PatternSummary {
    /// Fact pattern id.
    pub case: String,
    /// Its case name.
    pub title: String,
    /// How many times it was taken to a result (the student's own first answers reach a
    /// conclusion).
    pub takers: usize,
    /// How many times it was abandoned: answered in part, the own answers reaching no
    /// conclusion. Shown apart; their answers still count in the tallies.
    #[serde(default)]
    pub abandoned: usize,
    /// How many reached the court's conclusion on their own first answers.
    pub outcome_matched: usize,
    /// How many reached the court's result on another ground.
    #[serde(default)]
    pub other_ground: usize,
    /// The questions asked: the court's path first, then others students met.
    pub questions: Vec<QuestionTally>,
    /// Where students first left the court's path, by question, in path order.
    pub departures: Vec<DepartureCount>,
    /// How many never left it.
    pub never_left: usize,
}

/// The first answers to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct QuestionTally {
    /// Question id.
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// The question in a few words (the prompt where the pack has no short form).
    #[serde(default)]
    pub short: String,
    /// The court's answer, when its path asks this question.
    pub court_answer: Option<String>,
    /// How many answered it.
    pub answered: usize,
    /// How many matched the court.
    pub matched: usize,
    /// Every option with its count.
    pub options: Vec<OptionTally>,
}

/// One option's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OptionTally {
    /// Option id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The answer in a few words (the label where the pack has no short form).
    #[serde(default)]
    pub short: String,
    /// How many chose it first.
    pub count: usize,
    /// How many of them were fairly sure or certain.
    #[serde(default)]
    pub confident: usize,
    /// True for the court's answer.
    pub court: bool,
}

/// How many first left the court's path at one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DepartureCount {
    /// Question id.
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// How many.
    pub count: usize,
}

/// A wrong first answer given with confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ConfidentError {
    /// The student.
    pub student: String,
    /// Fact pattern id.
    pub case: String,
    /// Question id.
    pub question: String,
    /// The student's answer (its short form, or its label where the pack has none).
    pub answer: String,
    /// The court's answer (its short form, or its label where the pack has none).
    pub court_answer: String,
    /// 2 fairly sure or 3 certain.
    pub confidence: u8,
}

/// Collates `inputs` against `pack`. Every answer is graded against the pack's fact patterns,
/// never against the court's answers a file records; a file that records others is reported.
/// The same file (or the same content) given twice, and a second file for a student already
/// counted, are skipped and reported; a pattern without steps is not counted, a repeated
/// pattern or step is counted once, and each is reported.
pub fn collate(pack: &Pack, inputs: &[Input]) -> ClassReport {
    let (loaded, mut skipped) = load_all(pack, inputs);
    let mut students = Vec::new();
    let mut notes = Vec::new();
    let mut errors: Vec<ConfidentError> = Vec::new();
    let mut by_case: HashMap<&str, Vec<&PatternResult>> = HashMap::new();
    for (file, r) in &loaded {
        let patterns = counted_patterns(pack, file, r, &mut notes);
        if patterns.is_empty() {
            skipped.push(Skipped {
                file: file.clone(),
                kind: "no-steps".into(),
                reason: "no fact pattern in it has an answer".into(),
            });
            continue;
        }
        let mut row = StudentRow {
            student: one_line(&r.student),
            file: file.clone(),
            patterns: patterns.len(),
            matched: 0,
            scored: 0,
            court_steps: 0,
            outcomes_matched: 0,
            outcome_points: 0,
            outcome_max: 0,
            certainty: 0,
            certainty_max: 0,
            confident_errors: 0,
            seconds: 0.0,
        };
        for p in patterns {
            let s = score(pack, p);
            row.matched += s.matched;
            row.scored += s.scored;
            row.court_steps += s.court_steps;
            row.outcomes_matched += usize::from(s.outcome == OutcomeCredit::Court);
            row.outcome_points += s.outcome_points();
            row.outcome_max += super::score::OUTCOME_MAX;
            row.certainty += s.certainty;
            row.certainty_max += s.certainty_max;
            row.confident_errors += s.confident_errors.len();
            #[allow(clippy::cast_precision_loss)] // milliseconds of a quiz fit f64 exactly
            let secs: f64 = p.steps.iter().map(|x| x.millis as f64 / 1000.0).sum();
            row.seconds += secs;
            let court = pack
                .case(&p.case)
                .map(|c| &c.answers)
                .cloned()
                .unwrap_or_default();
            for &i in &s.confident_errors {
                let step = &p.steps[i];
                errors.push(ConfidentError {
                    student: row.student.clone(),
                    case: one_line(&p.case),
                    question: one_line(&step.question),
                    answer: option_label(pack, &step.question, &step.first_answer),
                    court_answer: court
                        .get(&step.question)
                        .map_or_else(String::new, |c| option_label(pack, &step.question, c)),
                    confidence: step.confidence,
                });
            }
            by_case.entry(p.case.as_str()).or_default().push(p);
        }
        students.push(row);
    }
    errors.sort_by_key(|e| std::cmp::Reverse(e.confidence));
    let patterns = pack
        .cases()
        .iter()
        .filter_map(|case| {
            by_case
                .get(case.id.as_str())
                .map(|taken| summarise(pack, case, taken))
        })
        .collect();
    ClassReport {
        format: FORMAT_NAME.to_owned(),
        format_version: FORMAT_VERSION,
        pack: PackInfo {
            id: one_line(pack.id()),
            title: one_line(pack.title()),
            version: one_line(pack.version()),
            content_hash: one_line(pack.content_hash()),
            law_checked: one_line(pack.law_checked()),
        },
        students,
        skipped,
        patterns,
        confident_errors: errors,
        notes,
    }
}

/// Loads every input: the files scored (name, results), and those skipped with why. The same
/// name or the same text a second time, and a student already counted, are skipped.
fn load_all(pack: &Pack, inputs: &[Input]) -> (Vec<(String, Results)>, Vec<Skipped>) {
    let mut skipped = Vec::new();
    let mut loaded: Vec<(String, Results)> = Vec::new();
    let mut names: HashMap<&str, String> = HashMap::new();
    let mut texts: HashMap<&str, String> = HashMap::new();
    let mut students: HashMap<String, String> = HashMap::new();
    for input in inputs {
        // The file's name and a reader's error come from the file system: made clean here, where
        // they enter the report.
        let file = Clean::line(&input.name).into_string();
        let mut skip = |kind: &str, reason: String| {
            skipped.push(Skipped {
                file: file.clone(),
                kind: kind.into(),
                reason,
            });
        };
        if let Some(first) = names.get(input.name.as_str()) {
            skip(
                "same-file",
                format!("{first} was given twice; it is counted once"),
            );
            continue;
        }
        names.insert(&input.name, file.clone());
        let text = match &input.text {
            Ok(text) => text,
            Err(why) => {
                skip("unreadable", Clean::line(why).into_string());
                continue;
            }
        };
        if let Some(first) = texts.get(text.as_str()) {
            skip(
                "same-file",
                format!("the same content as {first}; it is counted once"),
            );
            continue;
        }
        texts.insert(text, file.clone());
        match load(pack, text) {
            Ok(r) => {
                let who = one_line(&r.student).trim().to_lowercase();
                if let Some(first) = students.get(&who) {
                    skip(
                        "same-student",
                        format!(
                            "{} is already counted from {first}; only the first file is counted",
                            one_line(&r.student)
                        ),
                    );
                    continue;
                }
                students.insert(who, file.clone());
                loaded.push((file, r));
            }
            Err(e) => skip(
                match e {
                    LoadError::OtherPack { .. } => "other-pack",
                    _ => "malformed",
                },
                Clean::line(&e.to_string()).into_string(),
            ),
        }
    }
    (loaded, skipped)
}

/// The patterns of one file that are counted: not those without steps, each fact pattern once.
/// Notes what was left out, repeated steps (scoring counts each question once), and court's
/// answers or conclusions recorded that are not the pack's.
fn counted_patterns<'r>(
    pack: &Pack,
    file: &str,
    r: &'r Results,
    notes: &mut Vec<FileNote>,
) -> Vec<&'r PatternResult> {
    let mut note = |kind: &str, detail: String| {
        notes.push(FileNote {
            file: file.to_owned(),
            kind: kind.into(),
            detail,
        });
    };
    let mut seen: HashSet<&str> = HashSet::new();
    let mut counted = Vec::new();
    for (pi, p) in r.patterns.iter().enumerate() {
        let case_id = one_line(&p.case);
        if p.steps.is_empty() {
            note(
                "no-steps",
                format!("patterns[{pi}] ({case_id}) has no answer: not counted"),
            );
            continue;
        }
        if !seen.insert(p.case.as_str()) {
            note(
                "repeated-pattern",
                format!("patterns[{pi}] takes {case_id} again: only the first is counted"),
            );
            continue;
        }
        let mut questions: HashSet<&str> = HashSet::new();
        for (si, s) in p.steps.iter().enumerate() {
            if !questions.insert(s.question.as_str()) {
                note(
                    "repeated-step",
                    format!(
                        "patterns[{pi}].steps[{si}] answers {} again: only the first is counted",
                        one_line(&s.question)
                    ),
                );
            }
        }
        // The loader checked every id, so the case exists.
        if let Some(case) = pack.case(&p.case) {
            let mut differ: Vec<String> = p
                .steps
                .iter()
                .filter(|s| s.court_answer.as_ref() != case.answers.get(&s.question))
                .map(|s| {
                    format!(
                        "{}: recorded {}, the pack's {}",
                        one_line(&s.question),
                        s.court_answer.as_deref().map_or("none".into(), one_line),
                        case.answers
                            .get(&s.question)
                            .map_or("none".into(), |a| one_line(a))
                    )
                })
                .collect();
            if p.court_conclusion != case.expected {
                differ.push(format!(
                    "conclusion: recorded {}, the pack's {}",
                    one_line(&p.court_conclusion),
                    one_line(&case.expected)
                ));
            }
            if !differ.is_empty() {
                note(
                    "disagrees-with-pack",
                    format!(
                        "patterns[{pi}] ({case_id}) records court's answers that are not the \
                         pack's ({}); graded against the pack",
                        differ.join("; ")
                    ),
                );
            }
        }
        counted.push(p);
    }
    counted
}

pub(crate) fn confidence_words(level: u8) -> &'static str {
    super::Confidence::from_level(level).map_or("?", super::Confidence::words)
}
