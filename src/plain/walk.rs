//! The walkthrough's state and its command loop: a line read, turned into a [`Command`] and
//! done; the views of each command are in [`super::step`], [`super::asked`] and
//! [`super::export`].

use std::io::{BufRead, Write};

use super::input::{Line, MAX_LINE, read_counted_line, say_line};
use super::step::case_ids;
use super::{Finished, PlainError, PlainOptions};
use crate::engine::{self, Session};
use crate::pack::{Case, Pack};
use crate::report::{Report, ReportContext};
use crate::text::{escape_for_display, sanitize_line};

/// A command typed at a question or a conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Command {
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
    pub(super) pack: &'p Pack,
    pub(super) session: Session<'p>,
    pub(super) case: Option<&'p Case>,
    /// `longest[q]`: the most questions a walk from `q` can still ask (computed once).
    pub(super) longest: Vec<usize>,
    pub(super) options: PlainOptions,
    pub(super) input: R,
    pub(super) out: W,
    /// Input lines read so far, for error messages.
    pub(super) line: usize,
    /// Keys a mode built on the walkthrough adds to the keys line (the matter mode's note,
    /// cite, certainty and menu), before "? help; q quit".
    pub(super) extra_keys: Vec<String>,
    /// Lines such a mode adds to `?`.
    pub(super) extra_help: Vec<String>,
    /// The fact pattern's walk has reached a conclusion (the court's result was shown), so
    /// `d` may say what each answer keeps open without giving that result away.
    pub(super) revealed: bool,
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

    /// Turns a line into a command, or says why it is not one.
    pub(super) fn parse(&self, text: &str) -> Result<Command, String> {
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
    pub(super) fn choice(&self, n: usize) -> Result<Command, String> {
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
    pub(super) fn perform(&mut self, command: Command) -> Result<Result<(), String>, PlainError> {
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

    /// `b`: back one question, said; the caller shows the step (the matter line mode adds to
    /// it). `Err` with the reason when there is nothing to go back to.
    pub(super) fn back(&mut self) -> Result<Result<(), String>, PlainError> {
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
    pub(super) fn go_to(&mut self, n: usize) -> Result<Result<(), String>, PlainError> {
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

    /// Says why a command was refused and shows the keys again; in a script, stops.
    pub(super) fn refuse(&mut self, message: &str) -> Result<(), PlainError> {
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
    pub(super) fn end_of_input(&mut self) -> Result<Finished, PlainError> {
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
    pub(super) fn report(&self) -> Report {
        Report::build(
            &self.session,
            &ReportContext::now(self.options.tool_version.clone()),
            self.case,
        )
        .expect("called only at a conclusion")
    }

    /// Reads the next command line, skipping `#` comments; echoes it when asked to.
    pub(super) fn read_command(&mut self) -> Result<Option<Line>, PlainError> {
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
    pub(super) fn read_answer(&mut self) -> Result<Result<String, String>, PlainError> {
        Ok(match self.read_line()? {
            None => Err("the input ended during the export; nothing was saved".into()),
            Some(Line::TooLong) => Err(format!(
                "the line is longer than {MAX_LINE} bytes; nothing was saved"
            )),
            Some(Line::Text(text)) => Ok(text.trim().to_owned()),
        })
    }

    /// One line of input (see [`read_input_line`]), counted and echoed when asked to.
    pub(super) fn read_line(&mut self) -> Result<Option<Line>, PlainError> {
        read_counted_line(
            &mut self.input,
            &mut self.out,
            &mut self.line,
            self.options.echo,
        )
    }

    /// Writes one line and flushes, so a reader on the other end of a pipe sees it at once.
    pub(super) fn say(&mut self, line: &str) -> Result<(), PlainError> {
        say_line(&mut self.out, line)
    }
}
