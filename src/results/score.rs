//! Scoring a fact pattern: one pure function of the student's first committed answers.
//!
//! What is graded is reasoning, not navigation. Whether the student then went on along the
//! court's path or their own, or retried, changes nothing here:
//!
//! - **Scored steps** are the court's path up to and including the student's first departure
//!   from it, each scored once on its first committed answer with its confidence
//!   (certainty-based marks: right earns 1, 2 or 3; wrong costs 0, 2 or 6, Gardner-Medwin's
//!   scheme as Moodle uses it). The most a pattern can earn is 3 for every step of the court's
//!   path.
//! - **Practice**: questions on the court's path answered after the departure (following the
//!   court's path, or on a retry) are shown apart and never scored.
//! - **The outcome** is the one the student's own first answers reach, followed from the start
//!   ([`crate::engine::follow`]): the court's conclusion earns 2 of 2; the court's outcome on
//!   another ground (another conclusion with the same outcome) 1 of 2; a different outcome, or
//!   own answers that stop before a conclusion, 0.
//!
//! The court's answers are the pack's fact pattern's `answers` (for a `historical` pattern,
//! today's law), never what a results file says they were.

use std::collections::HashMap;

use crate::engine::{Answers, Step, follow, resolve_answers};
use crate::pack::{Case, Node, Pack};
use crate::words::count;

use super::PatternResult;

/// Points for a step answered with `confidence` (1 to 3, clamped), right or wrong.
pub fn step_points(confidence: u8, right: bool) -> i64 {
    let c = confidence.clamp(1, 3);
    if right {
        i64::from(c)
    } else {
        [0, -2, -6][usize::from(c - 1)]
    }
}

/// A signed number with a true minus sign: "+3", "\u{2212}6", "0".
pub fn signed(n: i64) -> String {
    match n {
        0 => "0".to_owned(),
        n if n > 0 => format!("+{n}"),
        n => format!("\u{2212}{}", n.unsigned_abs()),
    }
}

/// The most the outcome part earns.
pub const OUTCOME_MAX: u32 = 2;

/// How one recorded step counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepCount {
    /// On the court's path, at or before the first departure: scored.
    Scored {
        /// The first answer was the court's.
        right: bool,
        /// Points won (or lost, negative).
        points: i64,
    },
    /// On the court's path after the first departure: practice, not scored.
    Practice,
    /// Not on the court's path: not scored (on the student's own path it decides their
    /// outcome).
    OffCourt,
    /// A second record of a question already recorded (only in a hand-edited file): ignored.
    Repeat,
}

/// What the student's own first answers reach, against the court's conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeCredit {
    /// The court's own conclusion.
    Court,
    /// The court's outcome, through another conclusion (another ground).
    OtherGround,
    /// Another outcome.
    Different,
    /// The own answers stop at a question never answered.
    NotReached,
}

impl OutcomeCredit {
    /// Points earned, of [`OUTCOME_MAX`].
    pub fn points(self) -> u32 {
        match self {
            OutcomeCredit::Court => OUTCOME_MAX,
            OutcomeCredit::OtherGround => 1,
            OutcomeCredit::Different | OutcomeCredit::NotReached => 0,
        }
    }

    /// The id written in a results file.
    pub fn id(self) -> &'static str {
        match self {
            OutcomeCredit::Court => "court",
            OutcomeCredit::OtherGround => "other-ground",
            OutcomeCredit::Different => "different",
            OutcomeCredit::NotReached => "not-reached",
        }
    }
}

/// The score of one fact pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// Scored steps whose first answer was the court's.
    pub matched: usize,
    /// Steps scored (the court's path up to and including the first departure, as far as
    /// answered).
    pub scored: usize,
    /// Steps on the court's path: the most that can be matched.
    pub court_steps: usize,
    /// Certainty-based marks over the scored steps.
    pub certainty: i64,
    /// The most certainty can earn: 3 for every step of the court's path.
    pub certainty_max: i64,
    /// What the student's own first answers reach.
    pub outcome: OutcomeCredit,
    /// The conclusion the student's own first answers reach (index), if any.
    pub own_conclusion: Option<usize>,
    /// How each recorded step counts, one per step of the pattern.
    pub steps: Vec<StepCount>,
    /// Indices (into the pattern's steps) of scored wrong first answers given fairly sure or
    /// certain (at most the departure).
    pub confident_errors: Vec<usize>,
    /// Index of the step where the first answers left the court's path.
    pub first_departure: Option<usize>,
    /// The pattern's holding is no longer the law: its answers, and so the score, follow
    /// today's law.
    pub today: bool,
}

impl Score {
    /// Points the outcome earned, of [`OUTCOME_MAX`].
    pub fn outcome_points(&self) -> u32 {
        self.outcome.points()
    }

    /// Indices of the practice steps, in the order asked.
    pub fn practice(&self) -> Vec<usize> {
        self.steps
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == StepCount::Practice)
            .map(|(i, _)| i)
            .collect()
    }

    /// The score in one line, the same in every front end: "Score: 3 of 5 steps matched the
    /// court (scored up to your first departure); certainty +2 of +15; outcome 1 of 2: the
    /// court's result on another ground."
    pub fn line(&self) -> String {
        let scope = if self.first_departure.is_some() {
            " (scored up to where you first left its path)"
        } else if self.scored < self.court_steps {
            " (the rest were not answered)"
        } else {
            ""
        };
        format!(
            "Score: {} of {} matched {}{scope}; certainty {} of {}; outcome {} of {OUTCOME_MAX}: {}.",
            self.matched,
            count(self.court_steps, "step", "steps"),
            if self.today {
                "today's law"
            } else {
                "the court"
            },
            signed(self.certainty),
            signed(self.certainty_max),
            self.outcome_points(),
            outcome_words(self.outcome)
        )
    }
}

/// The outcome part in words.
pub fn outcome_words(outcome: OutcomeCredit) -> &'static str {
    match outcome {
        OutcomeCredit::Court => "your own answers reach the court's conclusion",
        OutcomeCredit::OtherGround => "your own answers reach the court's result on another ground",
        OutcomeCredit::Different => "your own answers reach a different result",
        OutcomeCredit::NotReached => "your own answers stop before a result",
    }
}

/// The court's answers for `case` (indices); empty if the pack names an unknown id (a loaded
/// pack never does).
pub fn court_answers(pack: &Pack, case: &Case) -> Answers {
    resolve_answers(pack, &case.answers).unwrap_or_default()
}

/// Scores one fact pattern from its first answers alone, against the pack. The results file's
/// own `court_answer`, `conclusion`, `followed_court` and `first_departure` are not read.
/// A pattern the pack does not have scores nothing.
pub fn score(pack: &Pack, p: &PatternResult) -> Score {
    let case = pack.case(&p.case);
    let court = case.map(|c| court_answers(pack, c)).unwrap_or_default();
    let court_path = follow(pack, &court).steps;
    // The first record of each question: (step index, option, confidence).
    let mut firsts: HashMap<usize, (usize, usize, u8)> = HashMap::new();
    let mut steps: Vec<StepCount> = Vec::with_capacity(p.steps.len());
    for (i, s) in p.steps.iter().enumerate() {
        let found = pack
            .question_index(&s.question)
            .and_then(|q| Some((q, pack.option_index(q, &s.first_answer)?)));
        match found {
            Some((q, o)) if !firsts.contains_key(&q) => {
                firsts.insert(q, (i, o, s.confidence));
                steps.push(StepCount::OffCourt);
            }
            _ => steps.push(StepCount::Repeat),
        }
    }
    let mut matched = 0;
    let mut scored = 0;
    let mut certainty = 0;
    let mut first_departure = None;
    let mut departed = false;
    for step in &court_path {
        let Some(&(i, o, c)) = firsts.get(&step.question) else {
            if departed {
                continue;
            }
            // Not answered (the student stopped early): nothing more is scored.
            departed = true;
            continue;
        };
        if departed {
            steps[i] = StepCount::Practice;
            continue;
        }
        let right = o == step.option;
        let points = step_points(c, right);
        steps[i] = StepCount::Scored { right, points };
        scored += 1;
        certainty += points;
        if right {
            matched += 1;
        } else {
            first_departure = Some(i);
            departed = true;
        }
    }
    let confident_errors = first_departure
        .filter(|&i| p.steps[i].confidence >= 2)
        .into_iter()
        .collect();
    let own: Answers = firsts.iter().map(|(&q, &(_, o, _))| (q, o)).collect();
    let own_conclusion = follow(pack, &own).conclusion();
    let expected = case.and_then(|c| match pack.node(&c.expected) {
        Some(Node::Conclusion(x)) => Some(x),
        _ => None,
    });
    let outcome = match (own_conclusion, expected) {
        (None, _) => OutcomeCredit::NotReached,
        (Some(a), Some(b)) if a == b => OutcomeCredit::Court,
        (Some(a), Some(b)) if pack.conclusion(a).outcome == pack.conclusion(b).outcome => {
            OutcomeCredit::OtherGround
        }
        _ => OutcomeCredit::Different,
    };
    let court_steps = court_path.len();
    Score {
        matched,
        scored,
        court_steps,
        certainty,
        certainty_max: 3 * i64::try_from(court_steps).unwrap_or(0),
        outcome,
        own_conclusion,
        steps,
        confident_errors,
        first_departure,
        today: case.is_some_and(|c| c.historical.is_some()),
    }
}

/// Where a question of a walk stands against a fact pattern's court's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPlace {
    /// On the court's path, and every answer so far was the court's.
    OnCourt,
    /// On the court's path, but the walk left it earlier, at step `left_at` (1-based).
    AfterLeaving {
        /// The step (1-based) whose answer left the court's path.
        left_at: usize,
    },
    /// Not on the court's path; the walk left it at step `left_at` (1-based).
    OffCourt {
        /// The step (1-based) whose answer left the court's path.
        left_at: Option<usize>,
    },
}

/// Where `question`, asked after the answers `history`, stands against `case`'s court's path.
pub fn path_place(pack: &Pack, case: &Case, history: &[Step], question: usize) -> PathPlace {
    let court = court_answers(pack, case);
    let on_path = follow(pack, &court)
        .steps
        .iter()
        .any(|s| s.question == question);
    let left_at = history
        .iter()
        .position(|s| court.get(&s.question) != Some(&s.option))
        .map(|i| i + 1);
    match (on_path, left_at) {
        (true, None) => PathPlace::OnCourt,
        (true, Some(left_at)) => PathPlace::AfterLeaving { left_at },
        (false, left_at) => PathPlace::OffCourt { left_at },
    }
}

/// Where an answer leads straight to a conclusion with the court's outcome but not the
/// court's conclusion: a sentence saying so and naming the ground the court used. `None`
/// otherwise (and for a pattern without a conclusion the pack knows).
pub fn other_ground(pack: &Pack, case: &Case, question: usize, option: usize) -> Option<String> {
    let Node::Conclusion(reached) = pack.target(question, option) else {
        return None;
    };
    let Some(Node::Conclusion(court)) = pack.node(&case.expected) else {
        return None;
    };
    let (reached, court) = (pack.conclusion(reached), pack.conclusion(court));
    if reached.id == court.id || reached.outcome != court.outcome {
        return None;
    }
    Some(format!(
        "Your answer leads straight to the court's result ({}) on another ground: {}. The \
         court reached it on this ground: {}. It earns part of the outcome's points.",
        pack.outcome_label(&court.outcome),
        reached.title,
        court.title
    ))
}

/// The totals of several patterns' scores, for a summary: (matched, court steps, certainty,
/// certainty max, outcome points, outcome max).
pub fn totals<'a>(scores: impl IntoIterator<Item = &'a Score>) -> Totals {
    let mut t = Totals::default();
    for s in scores {
        t.patterns += 1;
        t.matched += s.matched;
        t.court_steps += s.court_steps;
        t.certainty += s.certainty;
        t.certainty_max += s.certainty_max;
        t.outcome_points += s.outcome_points();
    }
    t
}

/// Several patterns' scores added up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Patterns added.
    pub patterns: usize,
    /// Steps matched.
    pub matched: usize,
    /// Steps on the court's paths.
    pub court_steps: usize,
    /// Certainty marks.
    pub certainty: i64,
    /// The most certainty could earn.
    pub certainty_max: i64,
    /// Outcome points.
    pub outcome_points: u32,
}

impl Totals {
    /// "In all: 15 of 34 steps matched the court; certainty +25 of +102; outcomes 5 of 8."
    pub fn line(&self) -> String {
        format!(
            "In all: {} of {} matched the court; certainty {} of {}; outcomes {} of {}.",
            self.matched,
            count(self.court_steps, "step", "steps"),
            signed(self.certainty),
            signed(self.certainty_max),
            self.outcome_points,
            u32::try_from(self.patterns).unwrap_or(u32::MAX) * OUTCOME_MAX
        )
    }
}
