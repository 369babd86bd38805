//! Quiz results: the file a student's quiz writes, the recorder that fills it, and scoring.
//!
//! A results file is versioned JSON ([`Results`], [`FORMAT_NAME`], [`FORMAT_VERSION`], schema
//! by [`schema`]): who took the quiz, on exactly which pack (id, version, content hash), and for
//! each fact pattern every question asked with the student's *first* answer, their confidence
//! (1 guess, 2 fairly sure, 3 certain), the time taken, how often they changed the answer
//! afterwards, where their walk ended and where they first left the court's path.
//!
//! [`QuizRun`] records one fact pattern as a front end drives it (commit an answer and a
//! confidence, then go on along the court's path or one's own); [`score()`] scores a pattern
//! from its first answers alone (see [`score`](mod@score) for the rules), so how the student
//! moved afterwards never changes the score. [`class`] collates a class's files. Pure: no terminal,
//! no clock (callers pass elapsed times), no file system except [`load`]'s parsing of text;
//! [`save`] names and writes the file.
//!
//! Over 400 lines because the results file's serde types, the recorder that fills them and the
//! loader that checks them are one format and change together; scoring, saving, wording and the
//! class report stand in `results/`.

pub mod class;
pub mod save;
pub mod score;
pub mod words;

pub use score::{OutcomeCredit, Score, StepCount, Totals, score, totals};

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::{Answers, Session, resolve_answers};
use crate::pack::{Node, Pack};
use crate::report::{PackInfo, ToolInfo};
use crate::text::{Clean, sanitize_line};

/// The `format` field of a results file.
pub const FORMAT_NAME: &str = "immunity-results";
/// The version of the results file's shape; changes only when a field is renamed or removed.
pub const FORMAT_VERSION: u32 = 1;

/// A student's results: one file per quiz run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Always `immunity-results`.
    pub format: String,
    /// Version of this shape.
    pub format_version: u32,
    /// The student's name as they gave it.
    pub student: Clean,
    /// The pack the quiz was taken on.
    pub pack: PackInfo,
    /// The program that wrote the file.
    pub tool: ToolInfo,
    /// When the quiz ended, RFC 3339.
    pub finished_at: String,
    /// One entry per fact pattern taken, in the order taken.
    pub patterns: Vec<PatternResult>,
}

/// One fact pattern as the student took it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternResult {
    /// Fact pattern id.
    pub case: String,
    /// Every question the student was asked, in the order first asked.
    pub steps: Vec<StepResult>,
    /// Where the student's walk ended (a conclusion id); absent if they stopped early.
    pub conclusion: Option<String>,
    /// The conclusion the court's answers reach.
    pub court_conclusion: String,
    /// True when, after leaving the court's path, the student chose to go on along it (their
    /// `conclusion` is then the court's). Not read by scoring, which follows the first answers.
    pub followed_court: bool,
    /// The first question on the court's path at which the student's first answer differed
    /// from the court's.
    pub first_departure: Option<String>,
    /// The score as the quiz showed it, for a human reader ([`score::score`] of the first
    /// answers; `immunity class` scores again against the pack). Absent in older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<RecordedScore>,
}

/// A pattern's score as recorded in a results file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedScore {
    /// Scored steps whose first answer was the court's.
    pub steps_matched: usize,
    /// Steps scored: the court's path up to and including the first departure.
    pub steps_scored: usize,
    /// Steps on the court's path (the most that can be matched).
    pub court_steps: usize,
    /// Certainty-based marks over the scored steps.
    pub certainty: i64,
    /// The most certainty can earn.
    pub certainty_max: i64,
    /// `court`, `other-ground`, `different` or `not-reached`: what the student's own first
    /// answers reach.
    pub outcome: String,
    /// Points for the outcome.
    pub outcome_points: u32,
    /// The most the outcome earns.
    pub outcome_max: u32,
    /// The conclusion the student's own first answers reach.
    pub own_conclusion: Option<String>,
    /// The score line as shown.
    pub line: String,
}

impl RecordedScore {
    /// The record of `s`.
    pub fn of(pack: &Pack, s: &Score) -> Self {
        RecordedScore {
            steps_matched: s.matched,
            steps_scored: s.scored,
            court_steps: s.court_steps,
            certainty: s.certainty,
            certainty_max: s.certainty_max,
            outcome: s.outcome.id().to_owned(),
            outcome_points: s.outcome_points(),
            outcome_max: score::OUTCOME_MAX,
            own_conclusion: s.own_conclusion.map(|c| pack.conclusion(c).id.to_string()),
            line: s.line(),
        }
    }
}

/// One question as the student answered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepResult {
    /// Question id.
    pub question: String,
    /// The first answer committed (the scored one).
    pub first_answer: String,
    /// The court's answer, when the court's path asks this question.
    pub court_answer: Option<String>,
    /// 1 guess, 2 fairly sure, 3 certain.
    pub confidence: u8,
    /// Milliseconds from the question appearing to the first answer being committed.
    pub millis: u64,
    /// How many times the answer was changed after the first.
    pub revisions: u32,
    /// How the step counts: `scored`, `practice` (on the court's path after the first
    /// departure) or `off-court` (not on the court's path). Written for a human reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<String>,
    /// Points won or lost, for a scored step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<i64>,
}

/// How sure a student is of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// 1: a guess.
    Guess = 1,
    /// 2: fairly sure.
    FairlySure = 2,
    /// 3: certain.
    Certain = 3,
}

impl Confidence {
    /// From 1, 2 or 3.
    pub fn from_level(level: u8) -> Option<Self> {
        match level {
            1 => Some(Confidence::Guess),
            2 => Some(Confidence::FairlySure),
            3 => Some(Confidence::Certain),
            _ => None,
        }
    }

    /// 1, 2 or 3.
    pub fn level(self) -> u8 {
        self as u8
    }

    /// The words shown beside the level.
    pub fn words(self) -> &'static str {
        match self {
            Confidence::Guess => "a guess",
            Confidence::FairlySure => "fairly sure",
            Confidence::Certain => "certain",
        }
    }
}

/// Which way a student goes on after a reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Along {
    /// Along the court's path (the court's answer is taken).
    Court,
    /// Along the student's own answer.
    Own,
}

/// What is revealed after an answer is committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reveal {
    /// The question.
    pub question: usize,
    /// The option committed.
    pub chosen: usize,
    /// The court's answer at this question, if the court's path asks it.
    pub court: Option<usize>,
    /// True when this was the first answer to the question (the scored one).
    pub first: bool,
    /// The confidence committed with it.
    pub confidence: Confidence,
    /// How the question's first answer counts in the score (points won or lost).
    pub count: StepCount,
}

impl Reveal {
    /// True when the committed answer is the court's.
    pub fn matched(&self) -> bool {
        self.court == Some(self.chosen)
    }
}

/// One fact pattern being taken as a quiz: a walk plus the record of first answers.
#[derive(Debug, Clone)]
pub struct QuizRun<'p> {
    pack: &'p Pack,
    case: usize,
    court: Answers,
    session: Session<'p>,
    steps: Vec<StepResult>,
    /// Index into `steps` by question.
    asked: HashMap<usize, usize>,
    /// The last committed answer not yet followed: (question, option).
    pending: Option<(usize, usize)>,
    followed_court: bool,
}

impl<'p> QuizRun<'p> {
    /// A quiz on fact pattern `case` (an index into [`Pack::cases`]).
    pub fn new(pack: &'p Pack, case: usize) -> Self {
        // A loaded pack's fact patterns name only real ids.
        let court = resolve_answers(pack, &pack.cases()[case].answers).unwrap_or_default();
        Self {
            pack,
            case,
            court,
            session: Session::new(pack),
            steps: Vec::new(),
            asked: HashMap::new(),
            pending: None,
            followed_court: false,
        }
    }

    /// The session walked so far.
    pub fn session(&self) -> &Session<'p> {
        &self.session
    }

    /// The fact pattern's index.
    pub fn case(&self) -> usize {
        self.case
    }

    /// The court's answer at `question`, if its path asks it.
    pub fn court_answer(&self, question: usize) -> Option<usize> {
        self.court.get(&question).copied()
    }

    /// The recorded steps so far.
    pub fn steps(&self) -> &[StepResult] {
        &self.steps
    }

    /// The question awaiting an answer (`None` at a conclusion or while a reveal awaits
    /// [`QuizRun::go_on`]).
    pub fn current_question(&self) -> Option<usize> {
        if self.pending.is_some() {
            return None;
        }
        self.session.current_question()
    }

    /// Commits `option` with `confidence` at the current question, `millis` after it appeared.
    /// The first answer to a question is the scored one; answering it again (after going back)
    /// counts a revision. `None` when no question awaits an answer or the option is out of range.
    pub fn commit(&mut self, option: usize, confidence: Confidence, millis: u64) -> Option<Reveal> {
        let question = self.current_question()?;
        let q = self.pack.question(question);
        if option >= q.options.len() {
            return None;
        }
        let first = !self.asked.contains_key(&question);
        if let Some(&i) = self.asked.get(&question) {
            let before = self.session.remembered(question);
            if before != Some(option) {
                self.steps[i].revisions += 1;
            }
        } else {
            self.asked.insert(question, self.steps.len());
            self.steps.push(StepResult {
                question: q.id.to_string(),
                first_answer: q.options[option].id.to_string(),
                court_answer: self
                    .court_answer(question)
                    .map(|o| q.options[o].id.clone())
                    .map(String::from),
                confidence: confidence.level(),
                millis,
                revisions: 0,
                counts: None,
                points: None,
            });
        }
        self.pending = Some((question, option));
        let count = score(self.pack, &self.bare())
            .steps
            .get(self.asked[&question])
            .copied()
            .unwrap_or(StepCount::OffCourt);
        Some(Reveal {
            question,
            chosen: option,
            court: self.court_answer(question),
            first,
            confidence,
            count,
        })
    }

    /// After a reveal, goes on along the court's answer or the student's own. Going along the
    /// court after a departure marks the outcome as not the student's own. Returns where the
    /// walk now stands.
    pub fn go_on(&mut self, along: Along) -> Option<Node> {
        let (question, own) = self.pending.take()?;
        let option = match (along, self.court_answer(question)) {
            (Along::Court, Some(court)) => {
                // Taking the court's answer in place of one's own: from here the walk is the
                // court's, not the student's.
                if court != own {
                    self.followed_court = true;
                }
                court
            }
            _ => own,
        };
        self.session.answer(option).ok()
    }

    /// True once a first answer has left the court's path.
    pub fn departed(&self) -> bool {
        score(self.pack, &self.bare()).first_departure.is_some()
    }

    /// Goes back to the first question where the student left the court's path, to try again
    /// from there (later first answers stay recorded; a new answer counts as a revision).
    pub fn retry_from_departure(&mut self) -> bool {
        let Some(step) = score(self.pack, &self.bare()).first_departure else {
            return false;
        };
        let question = self.pack.question_index(&self.steps[step].question);
        let Some(at) = self
            .session
            .history()
            .iter()
            .position(|s| Some(s.question) == question)
        else {
            return false;
        };
        self.pending = None;
        self.session.jump_to(at).is_ok()
    }

    /// The steps so far under the pattern's id, without the derived fields (what scoring
    /// reads).
    fn bare(&self) -> PatternResult {
        let case = &self.pack.cases()[self.case];
        PatternResult {
            case: case.id.to_string(),
            steps: self.steps.clone(),
            conclusion: None,
            court_conclusion: case.expected.to_string(),
            followed_court: self.followed_court,
            first_departure: None,
            score: None,
        }
    }

    /// The record of this fact pattern so far, with its score ([`score::score`]).
    pub fn result(&self) -> PatternResult {
        let mut p = with_score(self.pack, self.bare());
        p.conclusion = self
            .session
            .conclusion()
            .map(|c| self.pack.conclusion(c).id.to_string());
        p
    }
}

/// `p` with its score written in for a human reader: how each step counts and its points, the
/// first departure, and the totals ([`score::score`], from the first answers alone). Every
/// front end that writes a results file (the quiz, the live class) records through this.
pub fn with_score(pack: &Pack, mut p: PatternResult) -> PatternResult {
    let s = score(pack, &p);
    for (step, count) in p.steps.iter_mut().zip(&s.steps) {
        let (counts, points) = match *count {
            StepCount::Scored { points, .. } => ("scored", Some(points)),
            StepCount::Practice => ("practice", None),
            StepCount::OffCourt | StepCount::Repeat => ("off-court", None),
        };
        step.counts = Some(counts.to_owned());
        step.points = points;
    }
    p.first_departure = s.first_departure.map(|i| p.steps[i].question.clone());
    p.score = Some(RecordedScore::of(pack, &s));
    p
}

impl Results {
    /// An empty results file for `student` on `pack`.
    pub fn new(pack: &Pack, student: &str, tool_version: &str, finished_at: &str) -> Self {
        Results {
            format: FORMAT_NAME.to_owned(),
            format_version: FORMAT_VERSION,
            student: sanitize_line(student).into(),
            pack: PackInfo {
                id: pack.id().to_owned(),
                title: pack.title().to_owned(),
                version: pack.version().to_owned(),
                content_hash: pack.content_hash().to_owned(),
                law_checked: pack.law_checked().to_owned(),
            },
            tool: ToolInfo {
                name: "immunity".to_owned(),
                version: tool_version.to_owned(),
            },
            finished_at: finished_at.to_owned(),
            patterns: Vec::new(),
        }
    }

    /// The file's text: pretty JSON ending in a newline.
    pub fn to_json(&self) -> String {
        format!(
            "{}\n",
            serde_json::to_string_pretty(self).expect("results serialise")
        )
    }
}

/// Why a results file cannot be collated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Not JSON of the results shape.
    #[error("line {line}, column {column}: {message}")]
    Malformed {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde found wrong.
        message: String,
    },
    /// Another kind of file, or a newer version of this one.
    #[error("{0}")]
    Format(String),
    /// Made with another pack (or another version of it): not scored.
    #[error("made with another pack: {id} version {version}, content hash {hash}")]
    OtherPack {
        /// Its pack id.
        id: String,
        /// Its pack version.
        version: String,
        /// Its content hash.
        hash: String,
    },
    /// Names a fact pattern, question or option the pack does not have, or a bad confidence.
    #[error("{0}")]
    Invalid(String),
}

/// Parses and checks one results file against `pack`. Every id must exist in the pack and every
/// confidence be 1 to 3, so collation never meets a surprise.
pub fn load(pack: &Pack, text: &str) -> Result<Results, LoadError> {
    let results: Results = serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with the position, which is already given.
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |at| &message[..at]);
        LoadError::Malformed {
            line: e.line(),
            column: e.column(),
            message: sanitize_line(message),
        }
    })?;
    if results.format != FORMAT_NAME {
        return Err(LoadError::Format(format!(
            "not a results file (format {:?}, expected {FORMAT_NAME:?})",
            sanitize_line(&results.format)
        )));
    }
    if results.format_version != FORMAT_VERSION {
        return Err(LoadError::Format(format!(
            "results format version {} is not one this program reads (it reads {FORMAT_VERSION})",
            results.format_version
        )));
    }
    if results.pack.content_hash != pack.content_hash() {
        return Err(LoadError::OtherPack {
            id: sanitize_line(&results.pack.id),
            version: sanitize_line(&results.pack.version),
            hash: sanitize_line(&results.pack.content_hash),
        });
    }
    for (pi, p) in results.patterns.iter().enumerate() {
        let at = |what: String| LoadError::Invalid(format!("patterns[{pi}]: {what}"));
        if pack.case(&p.case).is_none() {
            return Err(at(format!(
                "unknown fact pattern {:?}",
                sanitize_line(&p.case)
            )));
        }
        for id in p.conclusion.iter().chain(Some(&p.court_conclusion)) {
            if !matches!(pack.node(id), Some(Node::Conclusion(_))) {
                return Err(at(format!("unknown conclusion {:?}", sanitize_line(id))));
            }
        }
        for (si, s) in p.steps.iter().enumerate() {
            let at =
                |what: String| LoadError::Invalid(format!("patterns[{pi}].steps[{si}]: {what}"));
            let Some(q) = pack.question_index(&s.question) else {
                return Err(at(format!(
                    "unknown question {:?}",
                    sanitize_line(&s.question)
                )));
            };
            for o in Some(&s.first_answer)
                .into_iter()
                .chain(s.court_answer.as_ref())
            {
                if pack.option_index(q, o).is_none() {
                    return Err(at(format!(
                        "question {:?} has no option {:?}",
                        sanitize_line(&s.question),
                        sanitize_line(o)
                    )));
                }
            }
            if !(1..=3).contains(&s.confidence) {
                return Err(at(format!("confidence {} is not 1, 2 or 3", s.confidence)));
            }
        }
    }
    Ok(results)
}

/// JSON Schema of the results file.
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(Results).to_value()
}

#[cfg(test)]
pub(crate) mod tests;
