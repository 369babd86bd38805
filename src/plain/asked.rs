//! What the walkthrough prints when asked: why a question is asked, the courts' words, what a
//! question decides, the fact pattern, the answers so far, the map, the reasoning chain and
//! the help.

use std::io::{BufRead, Write};

use super::input::one_line;
use super::step::{case_name, excerpt_lines};
use super::{PlainError, Walkthrough};
use crate::pack::{Case, Node};
use crate::report::{self, paragraphs, status_words};

impl<R: BufRead, W: Write> Walkthrough<'_, R, W> {
    /// `w`: why the question is asked; at a conclusion, the reasoning and caveats.
    pub(super) fn why(&mut self) -> Result<(), PlainError> {
        match self.session.current() {
            Node::Question(q) => {
                self.say("Why this question is asked:")?;
                for p in paragraphs(&self.pack.question(q).why) {
                    self.say(&p)?;
                }
            }
            Node::Conclusion(_) => {
                let report = self.report();
                self.say("Reasoning:")?;
                for p in paragraphs(&report.conclusion.reasoning) {
                    self.say(&p)?;
                }
                if !report.conclusion.caveats.is_empty() {
                    self.say("Caveats:")?;
                    for caveat in &report.conclusion.caveats {
                        self.say(&format!("- {}", one_line(caveat)))?;
                    }
                }
            }
        }
        self.keys()
    }

    /// `d`: what the question decides: the conclusions still reachable and, answer by answer,
    /// which of them each keeps open. In a fact pattern only once its conclusion has been
    /// reached: before that it would help reason back from a result the student may know.
    pub(super) fn decides(&mut self) -> Result<Result<(), String>, PlainError> {
        let Some(q) = self.session.current_question() else {
            return Ok(Err(
                "at a conclusion nothing is left to decide; b goes back to the last question"
                    .into(),
            ));
        };
        if self.case.is_some() && !self.revealed {
            return Ok(Err(
                "in a fact pattern, what each answer keeps open is shown once you have reached the conclusion; decide from the facts first"
                    .into(),
            ));
        }
        for (_, line) in report::WhatThisDecides::build(self.pack, q).lines(true) {
            self.say(&one_line(&line))?;
        }
        self.keys()?;
        Ok(Ok(()))
    }

    /// `x`: the courts' words for the question, each with its citation and status; at a
    /// conclusion, its controlling authorities.
    pub(super) fn excerpts(&mut self) -> Result<(), PlainError> {
        match self.session.current() {
            Node::Question(q) => {
                let excerpts = report::question_excerpts(self.pack, q);
                if excerpts.is_empty() {
                    self.say("This question has no excerpts.")?;
                }
                let count = excerpts.len();
                for (i, e) in excerpts.iter().enumerate() {
                    for line in excerpt_lines(&format!("Excerpt {} of {count}", i + 1), e) {
                        self.say(&line)?;
                    }
                }
            }
            Node::Conclusion(_) => {
                let report = self.report();
                if report.conclusion.authorities.is_empty() {
                    self.say("This conclusion cites no authorities.")?;
                } else {
                    self.say("Authorities for this conclusion:")?;
                }
                for a in &report.conclusion.authorities {
                    self.say(&format!(
                        "- {} [{}]",
                        one_line(&a.citation),
                        status_words(&a.status_label, a.history.as_deref())
                    ))?;
                }
            }
        }
        self.keys()
    }

    /// `f`: the fact pattern; at a conclusion, also what the court held.
    pub(super) fn facts(&mut self, case: &Case) -> Result<(), PlainError> {
        self.say(&format!(
            "Fact pattern: {}",
            case_name(self.pack, case, true)
        ))?;
        for p in paragraphs(&case.facts) {
            self.say(&p)?;
        }
        if self.session.is_finished() {
            self.say("What the court held:")?;
            for p in paragraphs(&case.holding) {
                self.say(&p)?;
            }
        }
        self.keys()
    }

    /// `v`: the answers so far, numbered, and how to change one.
    pub(super) fn review(&mut self) -> Result<(), PlainError> {
        let history = self.session.history().to_vec();
        if history.is_empty() {
            self.say("No answers yet.")?;
        } else {
            self.say(&format!("Your answers so far ({}):", history.len()))?;
            for (i, step) in history.iter().enumerate() {
                let question = self.pack.question(step.question);
                self.say(&format!(
                    "{}. {} Answer: {}.",
                    i + 1,
                    one_line(&question.prompt),
                    one_line(&question.options[step.option].label)
                ))?;
            }
            self.say("To change an answer, type g and its number (g 1).")?;
        }
        self.keys()
    }

    /// `m`: every question of the pack and where each option leads, then where the walk stands.
    pub(super) fn map(&mut self) -> Result<(), PlainError> {
        let outline = crate::report::map::outline(self.pack);
        for line in outline.lines() {
            // The outline indents by depth; a screen reader reads the words, and the ids
            // carry the structure.
            self.say(line.trim_start())?;
        }
        let here = match self.session.current() {
            Node::Question(q) => one_line(&self.pack.question(q).id),
            Node::Conclusion(c) => one_line(&self.pack.conclusion(c).id),
        };
        self.say(&format!("You are at: {here}."))?;
        self.keys()
    }

    /// `c`: the reasoning chain, from the report model.
    pub(super) fn chain(&mut self) -> Result<(), PlainError> {
        let report = self.report();
        self.say(&format!(
            "Reasoning chain, {}:",
            crate::words::count(report.path.len(), "step", "steps")
        ))?;
        for step in &report.path {
            self.say(&format!("{}. {}", step.number, one_line(&step.prompt)))?;
            self.say(&format!("Answer: {}.", one_line(&step.label)))?;
            if let Some(note) = &step.note {
                self.say(&format!("Note: {}", one_line(note)))?;
            }
            for a in &step.authorities {
                self.say(&format!(
                    "Authority: {} [{}]",
                    one_line(&a.citation),
                    status_words(&a.status_label, a.history.as_deref())
                ))?;
            }
        }
        let c = &report.conclusion;
        self.say(&format!(
            "Conclusion: {} ({}).",
            one_line(&c.title),
            one_line(&c.outcome_label)
        ))?;
        self.keys()
    }
}
