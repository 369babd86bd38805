//! The line-by-line walkthrough: for screen readers, braille displays, `TERM=dumb`, and scripts.
//!
//! Chosen by `--plain`, by `ACCESSIBLE` set and not empty, by `TERM=dumb`, or when standard input
//! or output is not a terminal (see [`crate::conventions::plain_mode`]). It writes plain lines
//! and never an escape sequence: no colour, no cursor movement, no clearing, so a screen reader
//! reads each line once, in order, and a transcript reads top to bottom.
//!
//! Each step prints once: "Question 3 (act-kind) of at most 9:" (the id `--answer` takes), the prompt, the numbered options, then one
//! line of the keys that apply. A choice is confirmed once in words. Long texts (why a question
//! is asked, the courts' words with their citations and status, the fact pattern, the reasoning
//! chain) print only when asked for. Lines are not wrapped: a paragraph is one line, which is
//! what screen readers and braille displays expect, and what a terminal wraps by itself.
//!
//! Commands are read one per line from any [`BufRead`], so a piped script can walk, review and
//! export; [`Walkthrough::run`] is pure logic over a reader and a writer, tested with in-memory
//! buffers; [`run_stdio`] wires it to the process's standard streams.
//!
//! Every string from the pack or the input is sanitised before it is written.
//!
//! Other ways into a walk reuse this loop rather than copy it: a session restored from saved
//! answers (a matter file) starts with [`Walkthrough::resume`], and any new mode adds a field to
//! [`PlainOptions`] and its commands to the one parser, so the keys line and `?` stay complete.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::engine::{self, Session};
use crate::export::{ExportError, write_atomic};
use crate::pack::{Case, Node, Pack};
use crate::report::{self, Format, Report, ReportContext, paragraphs, status_words};
use crate::text::{escape_for_display, sanitize_line};

pub mod matter;
pub mod quiz;
pub mod start;

/// The longest command line read; longer lines are refused (a script cannot make the program
/// hold an unbounded line in memory).
pub const MAX_LINE: usize = 4096;

/// How a session is set up.
#[derive(Debug, Clone)]
pub struct PlainOptions {
    /// Work this fact pattern of the pack (`--case`).
    pub case: Option<String>,
    /// Write each command read after the prompt, so a transcript of a piped run shows what was
    /// typed (a terminal echoes typing by itself).
    pub echo: bool,
    /// A script is driving: an unknown command, an impossible choice or a failed export ends the
    /// session with an error naming the input line, instead of asking again.
    pub strict: bool,
    /// Export paths are relative to this folder.
    pub cwd: PathBuf,
    /// The program's version, written into exports.
    pub tool_version: String,
    /// Why the line mode was chosen, said once at the start; `None` says nothing.
    pub reason: Option<&'static str>,
}

/// How a session ended without an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finished {
    /// True for `q`; false when the input ended.
    pub quit: bool,
    /// Whether the walk stood at a conclusion at the end.
    pub at_conclusion: bool,
}

impl Finished {
    /// The exit status: 0 after `q`, or when the input ends at a conclusion; 3 when the input
    /// ends before one (as `immunity walk` exits 3 when answers stop short).
    pub fn exit_code(self) -> u8 {
        if self.quit || self.at_conclusion {
            0
        } else {
            3
        }
    }
}

/// Why a session stopped with an error.
#[derive(Debug, Error)]
pub enum PlainError {
    /// `--case` names no fact pattern of the pack.
    #[error("unknown fact pattern {id:?}; the pack's fact patterns are: {valid}")]
    UnknownCase {
        /// The id given (escaped).
        id: String,
        /// The pack's fact pattern ids.
        valid: String,
    },
    /// In a script: a line that is not a command, or a choice that cannot be made.
    #[error("standard input line {line}: {message}")]
    Script {
        /// 1-based input line.
        line: usize,
        /// What is wrong, in words.
        message: String,
    },
    /// Standard input could not be read.
    #[error("cannot read standard input: {0}")]
    Read(#[source] std::io::Error),
    /// Standard output could not be written.
    #[error("cannot write to standard output: {0}")]
    Write(#[source] std::io::Error),
}

/// One line read: its text, or a line longer than [`MAX_LINE`].
enum Line {
    Text(String),
    TooLong,
}

/// A command typed at a question or a conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Choose(usize),
    Why,
    Excerpts,
    Decides,
    Facts,
    Back,
    Goto(usize),
    Review,
    Map,
    Chain,
    Export,
    Restart,
    Repeat,
    Help,
    Quit,
}

/// The walkthrough over a reader and a writer.
pub struct Walkthrough<'p, R, W> {
    pack: &'p Pack,
    session: Session<'p>,
    case: Option<&'p Case>,
    /// `longest[q]`: the most questions a walk from `q` can still ask (computed once).
    longest: Vec<usize>,
    options: PlainOptions,
    input: R,
    out: W,
    /// Input lines read so far, for error messages.
    line: usize,
    /// Keys a mode built on the walkthrough adds to the keys line (the matter mode's note,
    /// cite, certainty and menu), before "? help; q quit".
    extra_keys: Vec<String>,
    /// Lines such a mode adds to `?`.
    extra_help: Vec<String>,
    /// The fact pattern's walk has reached a conclusion (the court's result was shown), so
    /// `d` may say what each answer keeps open without giving that result away.
    revealed: bool,
}

impl<'p, R: BufRead, W: Write> Walkthrough<'p, R, W> {
    /// A walkthrough of `pack`, reading commands from `input` and writing to `out`.
    pub fn new(
        pack: &'p Pack,
        options: PlainOptions,
        input: R,
        out: W,
    ) -> Result<Self, PlainError> {
        let case = match &options.case {
            None => None,
            Some(id) => Some(pack.cases().iter().find(|c| &c.id == id).ok_or_else(|| {
                PlainError::UnknownCase {
                    id: escape_for_display(id).into_owned(),
                    valid: case_ids(pack),
                }
            })?),
        };
        Ok(Self {
            pack,
            session: Session::new(pack),
            case,
            longest: engine::longest_remaining(pack),
            options,
            input,
            out,
            line: 0,
            extra_keys: Vec::new(),
            extra_help: Vec::new(),
            revealed: false,
        })
    }

    /// Continues `session` (answers restored from elsewhere, e.g. a saved matter) instead of
    /// starting at the first question. The session must walk the same pack.
    #[must_use]
    pub fn resume(mut self, session: Session<'p>) -> Self {
        debug_assert!(std::ptr::eq(session.pack(), self.pack), "the same pack");
        self.session = session;
        self
    }

    /// Runs until `q` or the end of the input.
    pub fn run(mut self) -> Result<Finished, PlainError> {
        self.introduce()?;
        self.show_step()?;
        loop {
            let Some(line) = self.read_command()? else {
                return self.end_of_input();
            };
            let command = match line {
                Line::TooLong => Err(format!(
                    "the line is longer than {MAX_LINE} bytes; type ? for the commands"
                )),
                Line::Text(text) => self.parse(&text),
            };
            let result = match command {
                Ok(Command::Quit) => {
                    self.say("Goodbye.")?;
                    return Ok(Finished {
                        quit: true,
                        at_conclusion: self.session.is_finished(),
                    });
                }
                Ok(command) => self.perform(command)?,
                Err(message) => Err(message),
            };
            if let Err(message) = result {
                self.refuse(&message)?;
            }
        }
    }

    /// The pack, its disclaimer, how to use the mode, and the fact pattern's title.
    fn introduce(&mut self) -> Result<(), PlainError> {
        let pack = self.pack;
        self.say(&format!(
            "{}, version {}, law checked {}.",
            sanitize_line(pack.title()),
            sanitize_line(pack.version()),
            sanitize_line(pack.law_checked())
        ))?;
        for p in paragraphs(pack.disclaimer()) {
            self.say(&p)?;
        }
        let why = self
            .options
            .reason
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        self.say(&format!(
            "Plain mode{why}: one question at a time. Type a number and press Enter to answer; type ? for every command."
        ))?;
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
    fn show_step(&mut self) -> Result<(), PlainError> {
        self.show_place()?;
        self.keys()
    }

    /// [`Self::show_step`] without the keys line, so a mode built on the walkthrough can add
    /// its own lines about the step before the keys.
    fn show_place(&mut self) -> Result<(), PlainError> {
        match self.session.current() {
            Node::Question(q) => {
                let number = self.session.history().len() + 1;
                let at_most = self.session.history().len() + self.longest[q];
                let question = self.pack.question(q);
                // The id is the one `--answer` and `walk --what-if` take.
                self.say(&format!(
                    "Question {number} ({}) of at most {at_most}:",
                    sanitize_line(&question.id)
                ))?;
                self.say(&sanitize_line(&question.prompt))?;
                if let Some(instructions) = &question.instructions {
                    self.say(&format!("How to choose: {}", sanitize_line(instructions)))?;
                }
                for (i, option) in question.options.iter().enumerate() {
                    self.say(&format!("{}. {}", i + 1, sanitize_line(&option.label)))?;
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
    fn show_conclusion(&mut self) -> Result<(), PlainError> {
        self.revealed = true;
        let report = self.report();
        let c = &report.conclusion;
        let steps = report.path.len();
        self.say(&format!(
            "Outcome: {}. Conclusion after {steps} question{}: {}.",
            sanitize_line(&c.outcome_label),
            if steps == 1 { "" } else { "s" },
            sanitize_line(&c.title)
        ))?;
        for p in paragraphs(&c.summary) {
            self.say(&p)?;
        }
        for line in Self::comparison(&report) {
            self.say(&line)?;
        }
        Ok(())
    }

    /// For a fact pattern at a conclusion: the court's result against the user's, and where the
    /// paths parted, from the report's comparison.
    fn comparison(report: &Report) -> Vec<String> {
        let Some(f) = &report.fact_pattern else {
            return Vec::new();
        };
        let court = &f.court_conclusion;
        let court = if court.outcome_label.is_empty() {
            sanitize_line(&court.title)
        } else {
            format!(
                "{} ({})",
                sanitize_line(&court.title),
                sanitize_line(&court.outcome_label)
            )
        };
        let mut lines = vec![if f.same_result {
            format!("You reached the same result as the court: {court}.")
        } else {
            format!("You reached a different result from the court's: {court}.")
        }];
        lines.push(match &f.departure {
            Some(d) => {
                let theirs = d.court_label.as_deref().map_or_else(
                    || "the court's path does not ask this question".to_owned(),
                    |label| format!("the court's answer: {}", sanitize_line(label)),
                );
                format!(
                    "Your path left the court's at question {}: {} You answered: {}; {theirs}.",
                    d.step,
                    sanitize_line(&d.prompt),
                    sanitize_line(&d.label)
                )
            }
            None => "Your path followed the court's at every step.".to_owned(),
        });
        lines
    }

    /// The one line of keys that apply where the session stands.
    fn keys(&mut self) -> Result<(), PlainError> {
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

    /// Turns a line into a command, or says why it is not one.
    fn parse(&self, text: &str) -> Result<Command, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Command::Repeat);
        }
        if let Ok(n) = text.parse::<usize>() {
            return self.choice(n);
        }
        if let Some(rest) = text.strip_prefix(['g', 'G'])
            && let Ok(n) = rest.trim().parse::<usize>()
        {
            return Ok(Command::Goto(n));
        }
        let command = match text.to_ascii_lowercase().as_str() {
            "w" | "why" => Command::Why,
            "x" | "excerpts" | "authorities" => Command::Excerpts,
            "d" | "decides" => Command::Decides,
            "f" | "facts" => Command::Facts,
            "b" | "back" => Command::Back,
            "v" | "review" => Command::Review,
            "m" | "map" => Command::Map,
            "c" | "chain" => Command::Chain,
            "e" | "export" => Command::Export,
            "r" | "restart" => Command::Restart,
            "?" | "h" | "help" => Command::Help,
            "q" | "quit" | "exit" => Command::Quit,
            _ => {
                // An option id chooses that option, so scripts can say what they mean.
                if let Some(q) = self.session.current_question()
                    && let Some(o) = self.pack.option_index(q, text)
                {
                    return Ok(Command::Choose(o));
                }
                return Err(format!(
                    "unknown command \"{}\"; type ? for the commands",
                    escape_for_display(text)
                ));
            }
        };
        Ok(command)
    }

    /// A 1-based option number, checked against the current question.
    fn choice(&self, n: usize) -> Result<Command, String> {
        let Some(q) = self.session.current_question() else {
            return Err(
                "there is no question to answer: the walk is at a conclusion; b goes back, r restarts"
                    .into(),
            );
        };
        let count = self.pack.question(q).options.len();
        if (1..=count).contains(&n) {
            Ok(Command::Choose(n - 1))
        } else {
            Err(format!("there is no option {n}; choose 1 to {count}"))
        }
    }

    /// Does what a command asks. `Err` is a refusal in words (the session goes on, or, in a
    /// script, stops with that message).
    fn perform(&mut self, command: Command) -> Result<Result<(), String>, PlainError> {
        match command {
            Command::Choose(option) => {
                let q = self.session.current_question().expect("checked by parse");
                let label = sanitize_line(&self.pack.question(q).options[option].label);
                if self.session.answer(option).is_err() {
                    return Ok(Err("that option cannot be chosen here".into()));
                }
                self.say(&format!(
                    "You chose {}: {}.",
                    option + 1,
                    label.trim_end_matches('.')
                ))?;
                self.show_step()?;
            }
            Command::Why => self.why()?,
            Command::Excerpts => self.excerpts()?,
            Command::Decides => return self.decides(),
            Command::Facts => {
                let Some(case) = self.case else {
                    return Ok(Err(format!(
                        "no fact pattern is open; start with --case and one of: {}",
                        case_ids(self.pack)
                    )));
                };
                self.facts(case)?;
            }
            Command::Back => match self.back()? {
                Ok(()) => self.show_step()?,
                refused => return Ok(refused),
            },
            Command::Goto(n) => match self.go_to(n)? {
                Ok(()) => self.show_step()?,
                refused => return Ok(refused),
            },
            Command::Review => self.review()?,
            Command::Map => self.map()?,
            Command::Chain => {
                if !self.session.is_finished() {
                    return Ok(Err(
                        "the reasoning chain is shown at a conclusion; v reviews the answers so far"
                            .into(),
                    ));
                }
                self.chain()?;
            }
            Command::Export => {
                if !self.session.is_finished() {
                    return Ok(Err(
                        "nothing to export yet: the walk has not reached a conclusion".into(),
                    ));
                }
                return self.export();
            }
            Command::Restart => {
                self.session.restart();
                // A new attempt at a fact pattern: its result is hidden again.
                self.revealed = false;
                self.say("Starting again from the first question.")?;
                self.show_step()?;
            }
            Command::Repeat => self.show_step()?,
            Command::Help => self.help()?,
            Command::Quit => unreachable!("handled by run"),
        }
        Ok(Ok(()))
    }

    /// `w`: why the question is asked; at a conclusion, the reasoning and caveats.
    fn why(&mut self) -> Result<(), PlainError> {
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
                        self.say(&format!("- {}", sanitize_line(caveat)))?;
                    }
                }
            }
        }
        self.keys()
    }

    /// `d`: what the question decides: the conclusions still reachable and, answer by answer,
    /// which of them each keeps open. In a fact pattern only once its conclusion has been
    /// reached: before that it would help reason back from a result the student may know.
    fn decides(&mut self) -> Result<Result<(), String>, PlainError> {
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
            self.say(&sanitize_line(&line))?;
        }
        self.keys()?;
        Ok(Ok(()))
    }

    /// `x`: the courts' words for the question, each with its citation and status; at a
    /// conclusion, its controlling authorities.
    fn excerpts(&mut self) -> Result<(), PlainError> {
        match self.session.current() {
            Node::Question(q) => {
                let excerpts = report::question_excerpts(self.pack, q);
                if excerpts.is_empty() {
                    self.say("This question has no excerpts.")?;
                }
                let count = excerpts.len();
                for (i, e) in excerpts.iter().enumerate() {
                    self.say(&format!(
                        "Excerpt {} of {count}: \u{201c}{}\u{201d}",
                        i + 1,
                        sanitize_line(&e.quote)
                    ))?;
                    self.say(&format!(
                        "Citation: {} [{}]",
                        sanitize_line(&e.citation),
                        status_words(&e.authority.status_label, e.authority.history.as_deref())
                    ))?;
                    if let Some(by) = &e.quoted_in {
                        self.say(&format!(
                            "Quoted in {} [{}]",
                            sanitize_line(&by.name),
                            status_words(&by.status_label, by.history.as_deref())
                        ))?;
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
                        sanitize_line(&a.citation),
                        status_words(&a.status_label, a.history.as_deref())
                    ))?;
                }
            }
        }
        self.keys()
    }

    /// `f`: the fact pattern; at a conclusion, also what the court held.
    fn facts(&mut self, case: &Case) -> Result<(), PlainError> {
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
    fn review(&mut self) -> Result<(), PlainError> {
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
                    sanitize_line(&question.prompt),
                    sanitize_line(&question.options[step.option].label)
                ))?;
            }
            self.say("To change an answer, type g and its number (g 1).")?;
        }
        self.keys()
    }

    /// `m`: every question of the pack and where each option leads, then where the walk stands.
    fn map(&mut self) -> Result<(), PlainError> {
        let outline = crate::report::map::outline(self.pack);
        for line in outline.lines() {
            // The outline indents by depth; a screen reader reads the words, and the ids
            // carry the structure.
            self.say(line.trim_start())?;
        }
        let here = match self.session.current() {
            Node::Question(q) => sanitize_line(&self.pack.question(q).id),
            Node::Conclusion(c) => sanitize_line(&self.pack.conclusion(c).id),
        };
        self.say(&format!("You are at: {here}."))?;
        self.keys()
    }

    /// `c`: the reasoning chain, from the report model.
    fn chain(&mut self) -> Result<(), PlainError> {
        let report = self.report();
        self.say(&format!(
            "Reasoning chain, {} step{}:",
            report.path.len(),
            if report.path.len() == 1 { "" } else { "s" }
        ))?;
        for step in &report.path {
            self.say(&format!("{}. {}", step.number, sanitize_line(&step.prompt)))?;
            self.say(&format!("Answer: {}.", sanitize_line(&step.label)))?;
            if let Some(note) = &step.note {
                self.say(&format!("Note: {}", sanitize_line(note)))?;
            }
            for a in &step.authorities {
                self.say(&format!(
                    "Authority: {} [{}]",
                    sanitize_line(&a.citation),
                    status_words(&a.status_label, a.history.as_deref())
                ))?;
            }
        }
        let c = &report.conclusion;
        self.say(&format!(
            "Conclusion: {} ({}).",
            sanitize_line(&c.title),
            sanitize_line(&c.outcome_label)
        ))?;
        self.keys()
    }

    /// `e`: asks the format and the file name, confirms an overwrite, writes atomically.
    fn export(&mut self) -> Result<Result<(), String>, PlainError> {
        let conclusion_id = self.report().conclusion.id;
        let names: Vec<String> = Format::ALL
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{} {}", i + 1, f.name()))
            .collect();
        self.say(&format!(
            "Export format: {}. Type a number or a name, or press Enter for {}.",
            names.join(", "),
            Format::ALL[0].name()
        ))?;
        let answer = match self.read_answer()? {
            Ok(answer) => answer,
            Err(why) => return Ok(Err(why)),
        };
        let format = match answer.as_str() {
            "" => Format::ALL[0],
            text => match text.parse::<usize>() {
                Ok(n) if (1..=Format::ALL.len()).contains(&n) => Format::ALL[n - 1],
                _ => match text.parse::<Format>() {
                    Ok(f) => f,
                    Err(e) => return Ok(Err(format!("{e}; nothing was saved"))),
                },
            },
        };
        let default = crate::export::default_file_name(&conclusion_id, format.extension());
        self.say(&format!(
            "File name, or press Enter for {default} in {}.",
            escape_for_display(&self.options.cwd.display().to_string())
        ))?;
        let answer = match self.read_answer()? {
            Ok(answer) => answer,
            Err(why) => return Ok(Err(why)),
        };
        let name = if answer.is_empty() { default } else { answer };
        let path = self.options.cwd.join(&name);
        let shown = escape_for_display(&path.display().to_string()).into_owned();
        let text = report::render(&self.report(), format);
        match write_atomic(&path, &text, false) {
            Ok(()) => {}
            Err(ExportError::Exists(_)) => {
                self.say(&format!(
                    "{shown} already exists. Overwrite it? Type y to overwrite, or anything else to keep it."
                ))?;
                let yes = self
                    .read_answer()?
                    .is_ok_and(|a| matches!(a.to_ascii_lowercase().as_str(), "y" | "yes"));
                if !yes {
                    self.say(&format!("Kept {shown}; nothing was saved."))?;
                    self.keys()?;
                    return Ok(Ok(()));
                }
                if let Err(e) = write_atomic(&path, &text, true) {
                    return Ok(Err(format!("{e}; nothing was saved")));
                }
            }
            Err(e) => return Ok(Err(format!("{e}; nothing was saved"))),
        }
        self.say(&format!("Saved the {} export to {shown}.", format.name()))?;
        self.keys()?;
        Ok(Ok(()))
    }

    /// `?`: every command.
    /// `b`: back one question, said; the caller shows the step (the matter line mode adds to
    /// it). `Err` with the reason when there is nothing to go back to.
    pub(crate) fn back(&mut self) -> Result<Result<(), String>, PlainError> {
        if !self.session.back() {
            return Ok(Err(
                "this is the first question; there is nothing to go back to".into(),
            ));
        }
        self.say("Back one question.")?;
        Ok(Ok(()))
    }

    /// `g N`: back to answered question `n` (1-based), said; the caller shows the step. `Err`
    /// with the reason when there is no such answer.
    pub(crate) fn go_to(&mut self, n: usize) -> Result<Result<(), String>, PlainError> {
        let len = self.session.history().len();
        if n == 0 || n > len {
            return Ok(Err(if len == 0 {
                "there are no answers to go back to yet".to_owned()
            } else {
                format!("there is no answered question {n}; type g and 1 to {len}")
            }));
        }
        self.session.jump_to(n - 1).expect("checked above");
        self.say(&format!("Back to question {n}."))?;
        Ok(Ok(()))
    }

    fn help(&mut self) -> Result<(), PlainError> {
        const HELP: &[&str] = &[
            "Commands: type one and press Enter.",
            "A number chooses that option; the option's id works too.",
            "w: why the question is asked; at a conclusion, the reasoning and caveats.",
            "x: the courts' words for the question, each with its citation and status; at a conclusion, its authorities.",
            "d: what the question decides: the conclusions still reachable and which of them each answer keeps open (in a fact pattern, once you have reached the conclusion).",
            "f: the fact pattern, when started with --case; at a conclusion, also what the court held.",
            "b: back one question.",
            "g and a number: back to that answered question, for example g 2.",
            "v: review your answers so far.",
            "m: the map of every question and where each answer leads.",
            "c: the reasoning chain, at a conclusion.",
            "e: export the conclusion to a file, at a conclusion.",
            "r: restart from the first question.",
            "An empty line repeats the question.",
            "?: this help. q: quit.",
            "Lines starting with # are ignored, for comments in scripts.",
            "When the input ends, the program ends: exit status 0 at a conclusion, 3 before one.",
        ];
        // A mode's line for a key ("r: …") takes the place of the walkthrough's; its other
        // lines follow.
        let key = |line: &str| {
            line.split_once(':')
                .map(|(k, _)| k.to_owned())
                .filter(|k| !k.contains(char::is_whitespace))
        };
        let extra = self.extra_help.clone();
        for line in HELP {
            let own = key(line).and_then(|k| extra.iter().find(|e| key(e) == Some(k.clone())));
            self.say(own.map_or(*line, String::as_str))?;
        }
        for line in extra
            .iter()
            .filter(|e| key(e).is_none_or(|k| !HELP.iter().any(|h| key(h) == Some(k.clone()))))
        {
            self.say(line)?;
        }
        // The formats come from the one list the export offers, so the help cannot fall behind.
        let formats: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        self.say(&format!("Export formats: {}.", formats.join(", ")))?;
        self.keys()
    }

    /// Says why a command was refused and shows the keys again; in a script, stops.
    fn refuse(&mut self, message: &str) -> Result<(), PlainError> {
        if self.options.strict {
            return Err(PlainError::Script {
                line: self.line,
                message: message.to_owned(),
            });
        }
        let mut sentence = sanitize_line(message);
        if let Some(first) = sentence.get(..1) {
            let upper = first.to_ascii_uppercase();
            sentence.replace_range(..1, &upper);
        }
        self.say(&format!("{sentence}."))?;
        self.keys()
    }

    /// The end of the input: the session ends, at a conclusion or not.
    fn end_of_input(&mut self) -> Result<Finished, PlainError> {
        let at_conclusion = self.session.is_finished();
        if at_conclusion {
            self.say("End of input.")?;
        } else {
            self.say("End of input before a conclusion.")?;
        }
        Ok(Finished {
            quit: false,
            at_conclusion,
        })
    }

    /// The report of the walk at its conclusion: the one model every view renders.
    fn report(&self) -> Report {
        Report::build(
            &self.session,
            &ReportContext::now(self.options.tool_version.clone()),
            self.case,
        )
        .expect("called only at a conclusion")
    }

    /// Reads the next command line, skipping `#` comments; echoes it when asked to.
    fn read_command(&mut self) -> Result<Option<Line>, PlainError> {
        loop {
            let line = self.read_line()?;
            match &line {
                Some(Line::Text(text)) if text.trim_start().starts_with('#') => {}
                _ => return Ok(line),
            }
        }
    }

    /// Reads the answer to an export question, trimmed. `Err` is why there is none: the input
    /// ended, or the line was too long.
    fn read_answer(&mut self) -> Result<Result<String, String>, PlainError> {
        Ok(match self.read_line()? {
            None => Err("the input ended during the export; nothing was saved".into()),
            Some(Line::TooLong) => Err(format!(
                "the line is longer than {MAX_LINE} bytes; nothing was saved"
            )),
            Some(Line::Text(text)) => Ok(text.trim().to_owned()),
        })
    }

    /// One line of input (see [`read_input_line`]), counted and echoed when asked to.
    fn read_line(&mut self) -> Result<Option<Line>, PlainError> {
        read_counted_line(
            &mut self.input,
            &mut self.out,
            &mut self.line,
            self.options.echo,
        )
    }

    /// Writes one line and flushes, so a reader on the other end of a pipe sees it at once.
    fn say(&mut self, line: &str) -> Result<(), PlainError> {
        say_line(&mut self.out, line)
    }
}

/// Writes one line to `out` and flushes, so a reader on the other end of a pipe sees it at
/// once. Every line-mode program writes through this.
fn say_line(out: &mut impl Write, line: &str) -> Result<(), PlainError> {
    out.write_all(line.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(PlainError::Write)
}

/// One line of input (see [`read_input_line`]): `count` goes up by one for each line read, and
/// with `echo` the line is written back to `out` after "> " (sanitised), so a transcript of a
/// script reads like a session.
fn read_counted_line(
    input: &mut impl BufRead,
    out: &mut impl Write,
    count: &mut usize,
    echo: bool,
) -> Result<Option<Line>, PlainError> {
    let line = read_input_line(input)?;
    if line.is_some() {
        *count += 1;
    }
    if let (Some(Line::Text(text)), true) = (&line, echo) {
        say_line(out, &format!("> {}", sanitize_line(text)))?;
    }
    Ok(line)
}

/// One line of input, without its line ending, at most [`MAX_LINE`] bytes kept. Invalid UTF-8
/// is replaced, control characters are dropped. `None` at the end of the input.
fn read_input_line<R: BufRead>(input: &mut R) -> Result<Option<Line>, PlainError> {
    let mut bytes = Vec::new();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(PlainError::Read(e)),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        if bytes.len() + chunk.len() > MAX_LINE {
            too_long = true;
        } else {
            bytes.extend_from_slice(chunk);
        }
        input.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if too_long {
        return Ok(Some(Line::TooLong));
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(Some(Line::Text(
        crate::text::sanitize(text.trim_end_matches('\r')).into_owned(),
    )))
}

/// A fact pattern's title and citation, once ("Mireles v. Waco, 502 U.S. 9 (1991)", not the
/// name twice), with the decision's status when the pack cites it as an authority: the status
/// word alone (`[CAUTION]`), or with its history when `history` (the history is long text,
/// printed on request).
fn case_name(pack: &Pack, case: &Case, history: bool) -> String {
    let title = sanitize_line(&case.title);
    let citation = sanitize_line(&case.citation);
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
        Some(a) => format!("{name} [{}]", sanitize_line(&a.status_label)),
        None => name,
    }
}

/// The pack's fact pattern ids, for messages.
fn case_ids(pack: &Pack) -> String {
    if pack.cases().is_empty() {
        return "(none)".into();
    }
    pack.cases()
        .iter()
        .map(|c| sanitize_line(&c.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs the line mode on the process's standard input and output. Input that is not a
/// terminal is echoed and read strictly (see [`PlainOptions`]).
pub fn run_stdio(
    pack: &Pack,
    case: Option<String>,
    reason: Option<&'static str>,
    cwd: &Path,
) -> Result<Finished, PlainError> {
    use std::io::IsTerminal as _;
    let scripted = !std::io::stdin().is_terminal();
    let options = PlainOptions {
        case,
        echo: scripted,
        strict: scripted,
        cwd: cwd.to_owned(),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        reason,
    };
    // At a terminal without --case, the start menu first (the full screen's start screen).
    let mut options = options;
    if !scripted && options.case.is_none() {
        let choice = start::start_menu(
            pack,
            &mut std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
            false,
        )?;
        match choice {
            start::Start::Walk(case) => options.case = case,
            start::Start::Quiz => return start_quiz(pack, reason, cwd),
            start::Start::Leave => {
                say_line(&mut std::io::stdout().lock(), "Goodbye.")?;
                return Ok(Finished {
                    quit: true,
                    at_conclusion: false,
                });
            }
        }
    }
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    Walkthrough::new(pack, options, stdin, stdout)?.run()
}

/// The quiz chosen from the start menu: every fact pattern, line by line; the results file is
/// written in `cwd` under the login name, as the full screen's start screen does.
fn start_quiz(
    pack: &Pack,
    reason: Option<&'static str>,
    cwd: &Path,
) -> Result<Finished, PlainError> {
    use crate::results::save;
    let cases = (0..pack.cases().len()).collect();
    let (patterns, ending) = quiz::run_stdio(pack, cases, reason);
    let student = save::default_student(&|v| std::env::var(v).ok());
    let path = save::free_name(cwd, &student);
    let notice = match save::write(pack, &student, &path, false, patterns) {
        Ok(true) => format!(
            "Quiz results written to {}.",
            sanitize_line(&path.display().to_string())
        ),
        Ok(false) => "Quiz ended before any answer: no results file written.".to_owned(),
        Err(e) => format!(
            "Could not write the quiz results: {}",
            sanitize_line(&e.to_string())
        ),
    };
    say_line(&mut std::io::stdout().lock(), &notice)?;
    ending?;
    Ok(Finished {
        quit: true,
        at_conclusion: false,
    })
}
