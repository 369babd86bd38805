//! `immunity quiz` line by line: the same self-test as the full-screen quiz
//! ([`crate::tui::quiz`]), for screen readers, `TERM=dumb` and scripts.
//!
//! Chosen under the same conditions as the line-mode walkthrough (see
//! [`crate::conventions::plain_mode`]). The rules are the terminal quiz's: each fact pattern
//! under a neutral title ("Fact pattern 2 of 3"), since the case name would give the answer
//! away; at each question the prompt and numbered options print once, then the answer and the
//! confidence (1 a guess, 2 fairly sure, 3 certain) are read before anything is revealed; then
//! the court's answer, its note (and the note on a different answer) and the question's
//! excerpt with its citation and status. The first answer is the scored one: recording and
//! scoring are [`QuizRun`] and [`score()`], shared with the terminal quiz. After a departure the
//! student chooses the court's path or their own. The end of a pattern gives the score,
//! confident errors first, the case name and holding, and offers a retry from where the student
//! left the court; several patterns end with a summary.
//!
//! Pure logic over a reader and a writer, like [`super::Walkthrough`]; the caller writes the
//! results file from [`PlainQuiz::results`] after [`PlainQuiz::run`], whatever the ending. No
//! escape sequence is ever written; pack text is clean from the moment it is loaded.

use std::io::{BufRead, Write};
use std::time::Instant;

use super::PlainError;
use super::input::one_line;
use super::step::{choices, excerpt_lines};
use crate::pack::Pack;
use crate::results::words::RevealPart;
use crate::results::{Along, Confidence, PatternResult, QuizRun, Reveal, score, words};

/// How a line-mode quiz ended without an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizEnding {
    /// Every fact pattern was taken.
    Done,
    /// The student typed `q`.
    Quit,
    /// The input ended before the last pattern was done.
    InputEnded,
}

/// How the quiz reads its input.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuizOptions {
    /// Write each line read after a `> `, so a transcript of a piped run shows what was typed.
    pub echo: bool,
    /// A script is driving: a line that is not an answer ends the quiz with an error naming the
    /// input line, instead of asking again.
    pub strict: bool,
    /// Why the line mode was chosen, said once at the start.
    pub reason: Option<&'static str>,
}

/// The line-mode quiz over a reader and a writer.
pub struct PlainQuiz<'p, R, W> {
    pack: &'p Pack,
    cases: Vec<usize>,
    at: usize,
    run: QuizRun<'p>,
    done: Vec<PatternResult>,
    options: QuizOptions,
    input: R,
    out: W,
    line: usize,
}

impl<'p, R: BufRead, W: Write> PlainQuiz<'p, R, W> {
    /// A quiz over fact patterns `cases` (indices into [`Pack::cases`]; at least one).
    pub fn new(pack: &'p Pack, cases: Vec<usize>, options: QuizOptions, input: R, out: W) -> Self {
        let first = cases.first().copied().unwrap_or(0);
        Self {
            pack,
            cases,
            at: 0,
            run: QuizRun::new(pack, first),
            done: Vec::new(),
            options,
            input,
            out,
            line: 0,
        }
    }

    /// Every pattern finished, and the one under way if it has any answer: what the results
    /// file holds (the same rule as the terminal quiz).
    pub fn results(&self) -> Vec<PatternResult> {
        let mut all = self.done.clone();
        if self.done.len() < self.cases.len() && !self.run.steps().is_empty() {
            all.push(self.run.result());
        }
        all
    }

    /// Runs until every pattern is done, `q`, or the end of the input. On an error the
    /// answers recorded so far stay in [`PlainQuiz::results`].
    pub fn run(&mut self) -> Result<QuizEnding, PlainError> {
        if let Some(reason) = self.options.reason {
            self.say(&format!("Line-by-line quiz ({reason})."))?;
        }
        let count = self.cases.len();
        self.say(&format!(
            "Quiz: {}. At each question type the number of your answer, then your confidence: 1 a \
             guess, 2 fairly sure, 3 certain. Only your first answer is scored. Type q to save and \
             quit.",
            crate::words::count(count, "fact pattern", "fact patterns")
        ))?;
        loop {
            self.start_pattern()?;
            match self.take_pattern()? {
                Some(ending) => return Ok(ending),
                None if self.at + 1 < self.cases.len() => {
                    self.done.push(self.run.result());
                    self.at += 1;
                    self.run = QuizRun::new(self.pack, self.cases[self.at]);
                }
                None => {
                    self.done.push(self.run.result());
                    if self.cases.len() > 1 {
                        self.summary()?;
                    }
                    self.say("Quiz complete.")?;
                    return Ok(QuizEnding::Done);
                }
            }
        }
    }

    /// Where the pattern being taken stands in the quiz: "2 of 3".
    fn place(&self) -> String {
        format!("{} of {}", self.at + 1, self.cases.len())
    }

    fn start_pattern(&mut self) -> Result<(), PlainError> {
        let case = &self.pack.cases()[self.run.case()];
        self.say("")?;
        self.say(&format!("Fact pattern {}", self.place()))?;
        self.say(&format!("Facts: {}", one_line(&case.facts)))
    }

    /// Takes the current pattern to its end screen. `Some` when the quiz stops (q or the end
    /// of the input); `None` to go on to the next pattern.
    fn take_pattern(&mut self) -> Result<Option<QuizEnding>, PlainError> {
        loop {
            while let Some(q) = self.run.current_question() {
                if let Some(ending) = self.ask(q)? {
                    return Ok(Some(ending));
                }
            }
            self.ended()?;
            if !self.run.departed() {
                if self.at + 1 < self.cases.len() {
                    match self.read_choice("Press Enter for the next fact pattern.", &[""])? {
                        Ok(_) => {}
                        Err(ending) => return Ok(Some(ending)),
                    }
                }
                return Ok(None);
            }
            let next = if self.at + 1 < self.cases.len() {
                "Enter for the next fact pattern"
            } else {
                "Enter to finish"
            };
            match self.read_choice(
                &format!("Type r to retry from where you left the court, or press {next}."),
                &["r", ""],
            )? {
                Ok(0) => {
                    self.run.retry_from_departure();
                    self.say("Back to where you first left the court's path.")?;
                }
                Ok(_) => return Ok(None),
                Err(ending) => return Ok(Some(ending)),
            }
        }
    }

    /// One question: prompt and options, the answer, the confidence, the reveal, and which way
    /// to go on. `Some` when the quiz stops.
    fn ask(&mut self, q: usize) -> Result<Option<QuizEnding>, PlainError> {
        let shown = Instant::now();
        let question = self.pack.question(q);
        let n = question.options.len();
        self.say("")?;
        // The id is the one `--answer` and `walk --what-if` take.
        self.say(&format!(
            "Question {} ({}): {}",
            self.run.session().history().len() + 1,
            one_line(&question.id),
            one_line(&question.prompt)
        ))?;
        for line in choices(question) {
            self.say(&line)?;
        }
        let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
        let option = match self.read_answer(&format!("Your answer (1 to {n}, or q):"), &ids)? {
            Ok(o) => o,
            Err(ending) => return Ok(Some(ending)),
        };
        let level = match self.read_number(
            "Your confidence: 1 a guess, 2 fairly sure, 3 certain (or q):",
            3,
        )? {
            Ok(c) => c,
            Err(ending) => return Ok(Some(ending)),
        };
        let confidence = Confidence::from_level(u8::try_from(level + 1).unwrap_or(1))
            .unwrap_or(Confidence::Guess);
        let millis = u64::try_from(shown.elapsed().as_millis()).unwrap_or(u64::MAX);
        let Some(reveal) = self.run.commit(option, confidence, millis) else {
            return Ok(None);
        };
        self.reveal(reveal)?;
        let along = match reveal.court {
            Some(court) if court != reveal.chosen => {
                match self.read_choice(
                    "Go on along your own path (o: your answers decide the result you are scored \
                     on) or the court's (c: practice, not scored)?",
                    &["c", "o"],
                )? {
                    Ok(0) => Along::Court,
                    Ok(_) => Along::Own,
                    Err(ending) => return Ok(Some(ending)),
                }
            }
            _ => Along::Own,
        };
        self.run.go_on(along);
        Ok(None)
    }

    fn reveal(&mut self, r: Reveal) -> Result<(), PlainError> {
        let question = self.pack.question(r.question);
        let case = &self.pack.cases()[self.run.case()];
        for part in words::reveal(self.pack, case, &r) {
            match part {
                RevealPart::Option { label, option } => self.say(&format!(
                    "{label}: {}. {}.",
                    option + 1,
                    one_line(&question.options[option].label)
                ))?,
                RevealPart::Points { label, points } => self.say(&format!("{label}: {points}."))?,
                RevealPart::Verdict(said) | RevealPart::Remark(said) => self.say(said)?,
                RevealPart::Text(text) => self.say(&text)?,
                RevealPart::Note { heading, note } => self.say(&format!("{heading}: {note}"))?,
                RevealPart::Excerpt(e) => {
                    for line in excerpt_lines("In the authority's words", &e) {
                        self.say(&line)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The end of a pattern: the score (confident errors first), practice, what the student's
    /// own answers reach, where the walk ended, the case name and holding.
    fn ended(&mut self) -> Result<(), PlainError> {
        let p = self.run.result();
        let s = score(self.pack, &p);
        self.say("")?;
        self.say(&format!("End of fact pattern {}.", self.place()))?;
        for said in words::pattern_end(self.pack, &p, &s, self.run.session().conclusion()) {
            if !said.text.is_empty() {
                self.say(&said.text)?;
            }
        }
        Ok(())
    }

    fn summary(&mut self) -> Result<(), PlainError> {
        self.say("")?;
        self.say("Summary")?;
        for said in words::summary(self.pack, &self.done) {
            if !said.text.is_empty() {
                self.say(&said.text)?;
            }
        }
        Ok(())
    }
}

/// Runs the line-mode quiz on the process's standard input and output. Input that is not a
/// terminal is echoed and read strictly, as the line-mode walkthrough does. Returns the
/// results recorded (also after an error) and how it ended.
pub fn run_stdio(
    pack: &Pack,
    cases: Vec<usize>,
    reason: Option<&'static str>,
) -> (Vec<PatternResult>, Result<QuizEnding, PlainError>) {
    use std::io::IsTerminal as _;
    let scripted = !std::io::stdin().is_terminal();
    let options = QuizOptions {
        echo: scripted,
        strict: scripted,
        reason,
    };
    let mut quiz = PlainQuiz::new(
        pack,
        cases,
        options,
        std::io::stdin().lock(),
        std::io::stdout().lock(),
    );
    let ending = quiz.run();
    (quiz.results(), ending)
}

mod read;

#[cfg(test)]
mod tests;
