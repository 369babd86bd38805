//! The words of a quiz's reveal and end of pattern, shared by the full-screen quiz
//! ([`crate::tui::quiz`]) and the line mode ([`crate::plain::quiz`]) so the two say the same
//! thing: each front end only styles the lines, or for the reveal ([`reveal`]) lays out its
//! parts (labels in a column or in a sentence, an option as a letter or a number). Pack text is
//! clean since the pack was read and is folded to one line here; an id the pack does not hold is
//! made clean before it is shown.

use super::score::{self, OutcomeCredit, Score, StepCount, other_ground, signed};
use super::{Confidence, PatternResult, Reveal};
use crate::pack::{Case, Pack};
use crate::report::grounds::first_excerpt;
use crate::report::{ReportExcerpt, cite_excerpt, one_line};
use crate::text::Clean;

/// How a line is meant to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A heading.
    Heading,
    /// Ordinary text.
    Text,
    /// A warning (confident errors).
    Error,
    /// A side remark.
    Dim,
}

/// One line to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// How it looks.
    pub tone: Tone,
    /// The words.
    pub text: String,
}

fn said(tone: Tone, text: impl Into<String>) -> Said {
    Said {
        tone,
        text: text.into(),
    }
}

/// "The court" or, for a fact pattern whose holding is no longer the law, "Today's law": the
/// pattern's answers then follow today's law, not the court's holding.
pub fn court_words(case: &Case) -> &'static str {
    if case.historical.is_some() {
        "Today's law"
    } else {
        "The court"
    }
}

/// Whether the answer matched: "Your answer matches the court's." (or "today's law", for a
/// pattern whose holding is no longer the law).
pub fn verdict(case: &Case, matched: bool) -> &'static str {
    match (case.historical.is_some(), matched) {
        (false, true) => "Your answer matches the court's.",
        (false, false) => "Your answer differs from the court's.",
        (true, true) => "Your answer matches today's law.",
        (true, false) => "Your answer differs from today's law.",
    }
}

/// The student's confidence and what the answer won or lost, for the reveal: "certain: +3
/// points", "certain: −6 points", or why it is not scored.
pub fn reveal_points(r: &Reveal) -> String {
    let sure = r.confidence.words();
    if !r.first {
        return format!("{sure}; not scored: only your first answer counts");
    }
    match r.count {
        StepCount::Scored { points, .. } => format!(
            "{sure}: {} {}",
            signed(points),
            crate::words::noun(points.abs(), "point", "points")
        ),
        StepCount::Practice => format!(
            "{sure}; practice, not scored: you left the court's path earlier (only answers up to \
             where you first left it are scored)"
        ),
        StepCount::OffCourt | StepCount::Repeat => format!(
            "{sure}; not scored: the court's path does not ask this question (your own answers \
             here decide the result you reach)"
        ),
    }
}

/// One part of an answer's reveal, in the order shown. The words are written here once; each
/// front end lays them out its own way (the full screen as labelled columns and headed notes,
/// the line mode as sentences) and names an option its own way (a letter, a number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevealPart {
    /// An option under its label: the student's ("You answered") or the court's
    /// ([`court_words`]).
    Option {
        /// "You answered", "The court" or "Today's law".
        label: &'static str,
        /// The option's index in the question.
        option: usize,
    },
    /// "Your answer" and what it won or lost ([`reveal_points`]).
    Points {
        /// "Your answer".
        label: &'static str,
        /// The confidence and the points.
        points: String,
    },
    /// Whether the answer matched ([`verdict`]).
    Verdict(&'static str),
    /// A sentence: the other ground the student's answer rests on.
    Text(String),
    /// An option's note under its heading: "Why the court answered so" (the court's option),
    /// "On your answer" (the student's, when it differs). Folded to one line.
    Note {
        /// The heading.
        heading: &'static str,
        /// The note.
        note: String,
    },
    /// A remark: "The court's path does not ask this question."
    Remark(&'static str),
    /// The passage that grounds the court's answer in this case, cited.
    Excerpt(Box<ReportExcerpt>),
}

/// The reveal of answer `r` to a question of `case`: what the student answered and won, what
/// the court answered, whether they match and why, and the passage that grounds it.
pub fn reveal(pack: &Pack, case: &Case, r: &Reveal) -> Vec<RevealPart> {
    let question = pack.question(r.question);
    let mut parts = vec![
        RevealPart::Option {
            label: "You answered",
            option: r.chosen,
        },
        RevealPart::Points {
            label: "Your answer",
            points: reveal_points(r),
        },
    ];
    match r.court {
        Some(court) => {
            parts.push(RevealPart::Option {
                label: court_words(case),
                option: court,
            });
            parts.push(RevealPart::Verdict(verdict(case, r.matched())));
            if !r.matched()
                && let Some(ground) = other_ground(pack, case, r.question, r.chosen)
            {
                parts.push(RevealPart::Text(ground));
            }
            if let Some(note) = &question.options[court].note {
                parts.push(RevealPart::Note {
                    heading: "Why the court answered so",
                    note: one_line(note),
                });
            }
            if !r.matched()
                && let Some(note) = &question.options[r.chosen].note
            {
                parts.push(RevealPart::Note {
                    heading: "On your answer",
                    note: one_line(note),
                });
            }
        }
        // A first answer's points line has said so already.
        None if r.first => {}
        None => parts.push(RevealPart::Remark(
            "The court's path does not ask this question.",
        )),
    }
    // The passage that grounds the court's answer in this case first (report::grounds).
    if let Some(e) = first_excerpt(pack, Some(case), r.question).and_then(|e| cite_excerpt(pack, e))
    {
        parts.push(RevealPart::Excerpt(Box::new(e)));
    }
    parts
}

/// The short form (else the label) of option `option` of question `question` (ids checked by
/// the loader): what a projected report can show.
pub(crate) fn option_label(pack: &Pack, question: &str, option: &str) -> String {
    pack.question_index(question)
        .and_then(|q| {
            let o = pack.option_index(q, option)?;
            Some(one_line(pack.question(q).options[o].short_or_label()))
        })
        .unwrap_or_else(|| Clean::line(option).into_string())
}

/// The end of a pattern: confident errors first, the score line, the practice line, what the
/// student's own answers reach, then the case and its holding (what the court then held and
/// today's law, for a historical pattern). `walk_end` is where the walk itself stands (after
/// following the court's path or a retry), said when it is not where the own answers lead.
pub fn pattern_end(
    pack: &Pack,
    p: &PatternResult,
    s: &Score,
    walk_end: Option<usize>,
) -> Vec<Said> {
    let mut out = Vec::new();
    let label = |question: &str, option: &str| option_label(pack, question, option);
    let prompt = |question: &str| {
        pack.question_index(question).map_or_else(
            || Clean::line(question).into_string(),
            |q| one_line(pack.question(q).short_or_prompt()),
        )
    };
    let case = pack.case(&p.case);
    let court = case.map_or("The court", court_words);
    let court_answers = case.map(|c| score::court_answers(pack, c));
    let court_label = |question: &str| {
        let q = pack.question_index(question)?;
        let o = *court_answers.as_ref()?.get(&q)?;
        Some(one_line(pack.question(q).options[o].short_or_label()))
    };
    if !s.confident_errors.is_empty() {
        out.push(said(Tone::Error, "Confident error"));
        for &i in &s.confident_errors {
            let step = &p.steps[i];
            out.push(said(
                Tone::Text,
                format!(
                    "- {}: you answered {} ({}); {}: {}.",
                    prompt(&step.question),
                    label(&step.question, &step.first_answer),
                    Confidence::from_level(step.confidence).map_or("?", Confidence::words),
                    court.to_lowercase(),
                    court_label(&step.question).unwrap_or_default()
                ),
            ));
        }
    }
    out.push(said(Tone::Heading, s.line()));
    let practice = s.practice();
    if !practice.is_empty() {
        let items: Vec<String> = practice
            .iter()
            .map(|&i| {
                let step = &p.steps[i];
                let right = court_answers.as_ref().is_some_and(|c| {
                    pack.question_index(&step.question).is_some_and(|q| {
                        c.get(&q).copied() == pack.option_index(q, &step.first_answer)
                    })
                });
                format!(
                    "{}: {} ({})",
                    prompt(&step.question),
                    label(&step.question, &step.first_answer),
                    if right {
                        "as the court"
                    } else {
                        "not the court's"
                    }
                )
            })
            .collect();
        out.push(said(
            Tone::Dim,
            format!("Practice, not scored: {}.", items.join("; ")),
        ));
    }
    if let Some(case) = case {
        out.extend(case_end(pack, case, s, walk_end));
    }
    out
}

/// What the own answers reach, where the walk ended, and the case with its holding.
fn case_end(pack: &Pack, case: &Case, s: &Score, walk_end: Option<usize>) -> Vec<Said> {
    let mut out = Vec::new();
    out.extend(own_result(pack, case, s));
    if let Some(c) = walk_end.filter(|&c| Some(c) != s.own_conclusion) {
        let c = pack.conclusion(c);
        out.push(said(
            Tone::Dim,
            format!(
                "Your walk ends (not scored): {} ({}).",
                one_line(&c.title),
                one_line(pack.outcome_label(&c.outcome))
            ),
        ));
    }
    out.push(said(Tone::Text, ""));
    out.push(said(
        Tone::Heading,
        format!("The case: {}", one_line(&case.citation)),
    ));
    match &case.historical {
        Some(h) => {
            out.push(said(
                Tone::Text,
                format!("What the court then held: {}", one_line(&case.holding)),
            ));
            out.push(said(
                Tone::Text,
                format!(
                    "The law today (what you were scored on): {}",
                    one_line(&h.today)
                ),
            ));
        }
        None => out.push(said(
            Tone::Text,
            format!("Holding: {}", one_line(&case.holding)),
        )),
    }
    out
}

/// What the student's own first answers reach, and for another ground the ground the court
/// used.
fn own_result(pack: &Pack, case: &Case, s: &Score) -> Vec<Said> {
    let court = match pack.node(&case.expected) {
        Some(crate::pack::Node::Conclusion(c)) => Some(pack.conclusion(c)),
        _ => None,
    };
    let title = |c: &crate::pack::Conclusion| {
        format!(
            "{} ({})",
            one_line(&c.title),
            one_line(pack.outcome_label(&c.outcome))
        )
    };
    let own = s.own_conclusion.map(|c| pack.conclusion(c));
    let text = match (s.outcome, own, court) {
        (OutcomeCredit::OtherGround, Some(own), Some(court)) => format!(
            "Your own answers reach the court's result on another ground: {}. The court's ground: {}.",
            title(own),
            title(court)
        ),
        (OutcomeCredit::Different, Some(own), Some(court)) => format!(
            "Your own answers reach {}; the court's answers reach {}.",
            title(own),
            title(court)
        ),
        (OutcomeCredit::NotReached, _, Some(court)) if s.first_departure.is_some() => format!(
            "Your own answers stop before a result (after you left the court's path you went on \
             along it); the court's answers reach {}.",
            title(court)
        ),
        (OutcomeCredit::NotReached, _, Some(_)) => {
            "Your answers stop before a result: the outcome is not scored.".to_owned()
        }
        (_, Some(own), _) => format!("Your own answers reach {}.", title(own)),
        _ => return Vec::new(),
    };
    vec![said(Tone::Text, text)]
}

/// A summary line per pattern and the totals.
pub fn summary(pack: &Pack, done: &[PatternResult]) -> Vec<Said> {
    let scores: Vec<Score> = done.iter().map(|p| score::score(pack, p)).collect();
    let mut out: Vec<Said> = done
        .iter()
        .zip(&scores)
        .map(|(p, s)| {
            let title = pack
                .case(&p.case)
                .map_or_else(|| one_line(&p.case), |c| one_line(&c.title));
            said(
                Tone::Text,
                format!(
                    "{title}: {} of {}, certainty {} of {}, outcome {} of {}.",
                    s.matched,
                    crate::words::count(s.court_steps, "step", "steps"),
                    signed(s.certainty),
                    signed(s.certainty_max),
                    s.outcome_points(),
                    score::OUTCOME_MAX
                ),
            )
        })
        .collect();
    out.push(said(Tone::Text, ""));
    out.push(said(Tone::Heading, score::totals(&scores).line()));
    out
}
