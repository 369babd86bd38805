//! How the line-mode quiz reads: an answer by number or option id, a confidence, one of a few
//! choices; `q` and the end of the input told apart from an answer; a line that is not one
//! said and asked again (in a script, the end of the quiz with the input line).

use std::io::{BufRead, Write};

use super::{PlainQuiz, QuizEnding};
use crate::plain::PlainError;
use crate::plain::input::{Line, MAX_LINE, read_counted_line, say_line};

/// A step of reading: a line, `q`, or the end of the input.
pub(super) enum Read {
    Text(String),
    Quit,
    End,
}

impl<R: BufRead, W: Write> PlainQuiz<'_, R, W> {
    /// Asks `prompt` until a line `pick` takes (its index), `q`, or the end of the input; a
    /// line it does not take is refused with `refusal`.
    fn read_until(
        &mut self,
        prompt: &str,
        pick: impl Fn(&str) -> Option<usize>,
        refusal: &str,
    ) -> Result<Result<usize, QuizEnding>, PlainError> {
        loop {
            self.say(prompt)?;
            match self.read()? {
                Read::Text(text) => match pick(text.trim()) {
                    Some(i) => return Ok(Ok(i)),
                    None => self.refuse(refusal)?,
                },
                Read::Quit => return Ok(Err(QuizEnding::Quit)),
                Read::End => return Ok(Err(QuizEnding::InputEnded)),
            }
        }
    }

    /// Asks for an answer: its number, or its option id as the walkthrough takes it;
    /// `Ok(index)` from 0, or how the quiz stops.
    pub(super) fn read_answer(
        &mut self,
        prompt: &str,
        ids: &[&str],
    ) -> Result<Result<usize, QuizEnding>, PlainError> {
        let n = ids.len();
        self.read_until(
            prompt,
            |text| number(text, n).or_else(|| ids.iter().position(|id| *id == text)),
            &format!("type a number from 1 to {n} or an option's id, or q to quit"),
        )
    }

    /// Asks for a number from 1 to `n`; `Ok(index)` from 0, or how the quiz stops.
    pub(super) fn read_number(
        &mut self,
        prompt: &str,
        n: usize,
    ) -> Result<Result<usize, QuizEnding>, PlainError> {
        self.read_until(
            prompt,
            |text| number(text, n),
            &format!("type a number from 1 to {n}, or q to quit"),
        )
    }

    /// Asks for one of `choices` (exact, case-insensitive; "" is an empty line); `Ok(index)`.
    pub(super) fn read_choice(
        &mut self,
        prompt: &str,
        choices: &[&str],
    ) -> Result<Result<usize, QuizEnding>, PlainError> {
        let words: Vec<&str> = choices
            .iter()
            .map(|c| if c.is_empty() { "an empty line" } else { c })
            .collect();
        self.read_until(
            prompt,
            |text| {
                let text = text.to_lowercase();
                choices.iter().position(|c| *c == text)
            },
            &format!("type {}, or q to quit", words.join(" or ")),
        )
    }

    /// A line that is not an answer: said and asked again, or in a script an error naming
    /// the input line.
    pub(super) fn refuse(&mut self, message: &str) -> Result<(), PlainError> {
        if self.options.strict {
            return Err(PlainError::Script {
                line: self.line,
                message: message.to_owned(),
            });
        }
        self.say(&format!("Not understood: {message}."))
    }

    /// The next input line, skipping `#` comments; `q` and the end of input are told apart.
    pub(super) fn read(&mut self) -> Result<Read, PlainError> {
        loop {
            let Some(line) = read_counted_line(
                &mut self.input,
                &mut self.out,
                &mut self.line,
                self.options.echo,
            )?
            else {
                self.say("The input ended; your answers so far are kept.")?;
                return Ok(Read::End);
            };
            let text = match line {
                Line::TooLong => {
                    self.refuse(&format!("the line is longer than {MAX_LINE} bytes"))?;
                    continue;
                }
                Line::Text(text) => text,
            };
            if text.trim_start().starts_with('#') {
                continue;
            }
            if text.trim().eq_ignore_ascii_case("q") {
                self.say("Saving and quitting.")?;
                return Ok(Read::Quit);
            }
            return Ok(Read::Text(text.into_string()));
        }
    }

    /// Writes one line and flushes, so a reader on the other end of a pipe sees it at once.
    pub(super) fn say(&mut self, line: &str) -> Result<(), PlainError> {
        say_line(&mut self.out, line)
    }
}

/// `text` as a number from 1 to `n`: its index from 0.
fn number(text: &str, n: usize) -> Option<usize> {
    text.parse::<usize>()
        .ok()
        .filter(|k| (1..=n).contains(k))
        .map(|k| k - 1)
}
