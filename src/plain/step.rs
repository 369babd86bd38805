//! What the walkthrough prints on arrival at a step: the introduction, the question with its
//! numbered options or the conclusion with the court's comparison, and the one line of keys.

use std::io::{BufRead, Write};

use super::input::one_line;
use super::{PlainError, Walkthrough};
use crate::pack::{Case, Node, Pack, Question};
use crate::report::{self, ReportExcerpt, paragraphs, status_words};

impl<R: BufRead, W: Write> Walkthrough<'_, R, W> {
    /// The pack, its disclaimer, how to use the mode, and the fact pattern's title.
    pub(super) fn introduce(&mut self) -> Result<(), PlainError> {
        let how = "one question at a time. Type a number and press Enter to answer; type ? for every command.";
        for line in introduction(self.pack, self.options.reason, how) {
            self.say(&line)?;
        }
        if let Some(case) = self.case {
            self.say(&format!(
                "Fact pattern: {}. Type f to read the facts.",
                case_name(self.pack, case, false)
            ))?;
        }
        Ok(())
    }

    /// What the session stands at, printed once on arrival: the question and its options, or
    /// the conclusion. Then the keys.
    pub(super) fn show_step(&mut self) -> Result<(), PlainError> {
        self.show_place()?;
        self.keys()
    }

    /// [`Self::show_step`] without the keys line, so a mode built on the walkthrough can add
    /// its own lines about the step before the keys.
    pub(super) fn show_place(&mut self) -> Result<(), PlainError> {
        match self.session.current() {
            Node::Question(q) => {
                let number = self.session.history().len() + 1;
                let at_most = self.session.history().len() + self.longest[q];
                let question = self.pack.question(q);
                // The id is the one `--answer` and `walk --what-if` take.
                self.say(&format!(
                    "Question {number} ({}) of at most {at_most}:",
                    one_line(&question.id)
                ))?;
                self.say(&one_line(&question.prompt))?;
                for line in choices(question) {
                    self.say(&line)?;
                }
                if let Some(before) = self.session.remembered(q) {
                    self.say(&format!("Your earlier answer here was {}.", before + 1))?;
                }
            }
            Node::Conclusion(_) => self.show_conclusion()?,
        }
        Ok(())
    }

    /// The outcome in words, then the summary; for a fact pattern, whether the court agreed.
    pub(super) fn show_conclusion(&mut self) -> Result<(), PlainError> {
        self.revealed = true;
        let report = self.report();
        let c = &report.conclusion;
        let steps = report.path.len();
        self.say(&format!(
            "Outcome: {}. Conclusion after {}: {}.",
            one_line(&c.outcome_label),
            crate::words::count(steps, "question", "questions"),
            one_line(&c.title)
        ))?;
        for p in paragraphs(&c.summary) {
            self.say(&p)?;
        }
        // The comparison in the core's words, as every export says it.
        if let Some(f) = &report.fact_pattern {
            let words = report::comparison_words(f);
            self.say(&words.verdict)?;
            self.say(&words.path)?;
        }
        Ok(())
    }

    /// The one line of keys that apply where the session stands.
    pub(super) fn keys(&mut self) -> Result<(), PlainError> {
        let history = !self.session.history().is_empty();
        let mut keys: Vec<String> = Vec::new();
        match self.session.current() {
            Node::Question(q) => {
                let question = self.pack.question(q);
                keys.push(format!("1–{} to choose", question.options.len()));
                keys.push("w why".into());
                if !question.excerpts.is_empty() {
                    keys.push("x excerpts".into());
                }
                if self.case.is_none() || self.revealed {
                    keys.push("d what this decides".into());
                }
                if self.case.is_some() {
                    keys.push("f facts".into());
                }
                if history {
                    keys.push("b back".into());
                }
                keys.push("m map".into());
                if history {
                    keys.push("v review".into());
                }
            }
            Node::Conclusion(_) => {
                keys.push("c chain".into());
                keys.push("w reasoning".into());
                keys.push("x authorities".into());
                if self.case.is_some() {
                    keys.push("f facts and holding".into());
                }
                keys.push("b back".into());
                keys.push("v review".into());
                keys.push("e export".into());
                keys.push("r restart".into());
            }
        }
        keys.extend(self.extra_keys.iter().cloned());
        keys.push("? help".into());
        keys.push("q quit".into());
        self.say(&keys.join("; "))
    }
}

/// A fact pattern's title and citation, once ("Mireles v. Waco, 502 U.S. 9 (1991)", not the
/// name twice), with the decision's status when the pack cites it as an authority: the status
/// word alone (`[CAUTION]`), or with its history when `history` (the history is long text,
/// printed on request).
pub(super) fn case_name(pack: &Pack, case: &Case, history: bool) -> String {
    let title = one_line(&case.title);
    let citation = one_line(&case.citation);
    let name = if citation.starts_with(&title) {
        citation
    } else {
        format!("{title}, {citation}")
    };
    match report::case_authority(pack, case) {
        Some(a) if history => format!(
            "{name} [{}]",
            status_words(&a.status_label, a.history.as_deref())
        ),
        Some(a) => format!("{name} [{}]", one_line(&a.status_label)),
        None => name,
    }
}

/// The pack's fact pattern ids, for messages.
pub(super) fn case_ids(pack: &Pack) -> String {
    if pack.cases().is_empty() {
        return "(none)".into();
    }
    pack.cases()
        .iter()
        .map(|c| one_line(&c.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An excerpt with its citation, as the line mode says it wherever it quotes a court (`x` at a
/// question, the quiz's reveal): the quote after `head` ("Excerpt 1 of 2", "In the authority's
/// words"), then the citation with its status and history, then who quotes it, if it is quoted
/// through another opinion.
pub(super) fn excerpt_lines(head: &str, e: &ReportExcerpt) -> Vec<String> {
    let mut lines = vec![
        format!("{head}: \u{201c}{}\u{201d}", one_line(&e.quote)),
        format!(
            "Citation: {} [{}]",
            one_line(&e.citation),
            status_words(&e.authority.status_label, e.authority.history.as_deref())
        ),
    ];
    if let Some(by) = &e.quoted_in {
        lines.push(format!(
            "Quoted in {} [{}]",
            one_line(&by.name),
            status_words(&by.status_label, by.history.as_deref())
        ));
    }
    lines
}

/// How every line-mode session opens: the pack, its version and the date its law was checked,
/// its disclaimer, then why the line mode was chosen and `how` it is used.
pub(super) fn introduction(pack: &Pack, reason: Option<&str>, how: &str) -> Vec<String> {
    let mut lines = vec![format!(
        "{}, version {}, law checked {}.",
        one_line(pack.title()),
        one_line(pack.version()),
        one_line(pack.law_checked())
    )];
    lines.extend(paragraphs(pack.disclaimer()));
    let why = reason.map(|r| format!(" ({r})")).unwrap_or_default();
    lines.push(format!("Plain mode{why}: {how}"));
    lines
}

/// A question's choices as the line mode lists them wherever it asks one (the walk, the
/// quiz): how to choose, if the pack says, then the options, numbered.
pub(super) fn choices(question: &Question) -> Vec<String> {
    let how = question
        .instructions
        .iter()
        .map(|i| format!("How to choose: {}", one_line(i)));
    let options = (question.options.iter().enumerate())
        .map(|(i, option)| format!("{}. {}", i + 1, one_line(&option.label)));
    how.chain(options).collect()
}
