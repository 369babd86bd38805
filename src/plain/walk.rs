//! The walkthrough's state: the session, the streams, and the steps every command shares
//! (answer, back, go to, refuse, read, say). Its commands are the table in
//! [`super::walk_table`], run by the one loop of [`super::command`]; what they print is in
//! [`super::step`], [`super::asked`] and [`super::export`].

use std::io::{BufRead, Write};

use super::command;
use super::input::{Line, MAX_LINE, escaped, one_line, outside_line, read_counted_line, say_line};
use super::step::case_ids;
use super::{Finished, PlainError, PlainOptions};
use crate::engine::{self, Session};
use crate::pack::{Case, Pack};
use crate::report::{Report, ReportContext};

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
                    id: escaped(id),
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
        command::run(&mut self)
    }

    /// Answers the current question with `option` (0-based, an option of it) and says so.
    /// `false` when the session refuses it.
    pub(super) fn answer(&mut self, option: usize) -> Result<bool, PlainError> {
        let q = self
            .session
            .current_question()
            .expect("checked by the caller");
        let label = one_line(&self.pack.question(q).options[option].label);
        if self.session.answer(option).is_err() {
            return Ok(false);
        }
        self.say(&format!(
            "You chose {}: {}.",
            option + 1,
            label.trim_end_matches('.')
        ))?;
        Ok(true)
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
        // A refusal may quote an error's reason, which may quote a path.
        let mut sentence = outside_line(message);
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
