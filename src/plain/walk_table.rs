//! The walkthrough's command table, shared by every mode that walks the tree: the plain
//! walkthrough and a matter's screening ([`super::matter`]). A mode that walks is a
//! [`Walking`]: it lends its [`Walkthrough`] and says how its steps are shown, chosen,
//! restarted and reviewed; the table's handlers do the rest the same way for both.

use std::io::{BufRead, Write};

use super::command::{self, Command, Flow, Given, Mode, Outcome, Takes};
use super::input::Line;
use super::step::case_ids;
use super::{Finished, PlainError, Walkthrough};
use crate::report::Format;

/// A mode that walks the tree with a [`Walkthrough`].
pub(crate) trait Walking<'p>: Mode {
    /// Where the walkthrough reads.
    type In: BufRead;
    /// Where it writes.
    type Out: Write;
    /// The walkthrough.
    fn walk(&mut self) -> &mut Walkthrough<'p, Self::In, Self::Out>;
    /// Shows the step the walk stands at, and the keys.
    fn show(&mut self) -> Result<(), Self::Error>;
    /// Chooses `option` (0-based, checked) at the current question.
    fn choose(&mut self, option: usize) -> Outcome<Self>;
    /// `r`.
    fn restart(&mut self) -> Result<(), Self::Error>;
    /// `v`.
    fn review(&mut self) -> Result<(), Self::Error>;
    /// `q`.
    fn quit(&mut self) -> Result<Self::End, Self::Error>;
}

/// Maps a walkthrough's `Ok(())`-or-refusal to a command's outcome.
fn went<S: Mode>(done: Result<(), String>) -> Result<Flow<S::End>, String> {
    done.map(|()| Flow::Go)
}

/// The outcome of a command that only shows something: go on, or stop on its error.
fn shown<S: Mode>(done: Result<(), impl Into<S::Error>>) -> Outcome<S> {
    done.map(|()| Ok(Flow::Go)).map_err(Into::into)
}

fn choose<'p, S: Walking<'p>>(s: &mut S, given: Given) -> Outcome<S> {
    let n = given.number();
    let walk = s.walk();
    let Some(q) = walk.session.current_question() else {
        return Ok(Err(
            "there is no question to answer: the walk is at a conclusion; b goes back, r restarts"
                .into(),
        ));
    };
    let count = walk.pack.question(q).options.len();
    if !(1..=count).contains(&n) {
        return Ok(Err(format!("there is no option {n}; choose 1 to {count}")));
    }
    s.choose(n - 1)
}

fn why<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    shown::<S>(s.walk().why())
}

fn excerpts<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    shown::<S>(s.walk().excerpts())
}

fn decides<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    Ok(went::<S>(s.walk().decides()?))
}

fn facts<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    let walk = s.walk();
    let Some(case) = walk.case else {
        return Ok(Err(format!(
            "no fact pattern is open; start with --case and one of: {}",
            case_ids(walk.pack)
        )));
    };
    shown::<S>(walk.facts(case))
}

fn back<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    if let Err(refused) = s.walk().back()? {
        return Ok(Err(refused));
    }
    shown::<S>(s.show())
}

fn go_to<'p, S: Walking<'p>>(s: &mut S, given: Given) -> Outcome<S> {
    if let Err(refused) = s.walk().go_to(given.number())? {
        return Ok(Err(refused));
    }
    shown::<S>(s.show())
}

fn review<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    shown::<S>(s.review())
}

fn map<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    shown::<S>(s.walk().map())
}

fn chain<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    let walk = s.walk();
    if !walk.session.is_finished() {
        return Ok(Err(
            "the reasoning chain is shown at a conclusion; v reviews the answers so far".into(),
        ));
    }
    shown::<S>(walk.chain())
}

fn export<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    let walk = s.walk();
    if !walk.session.is_finished() {
        return Ok(Err(
            "nothing to export yet: the walk has not reached a conclusion".into(),
        ));
    }
    Ok(went::<S>(walk.export()?))
}

fn restart<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    shown::<S>(s.restart())
}

fn repeat<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    shown::<S>(s.show())
}

fn quit<'p, S: Walking<'p>>(s: &mut S, _: Given) -> Outcome<S> {
    Ok(Ok(Flow::Stop(s.quit()?)))
}

/// The walkthrough's commands, in the order `?` lists them. `review` and `restart` name the
/// help a mode gives them (a screening keeps its saved answers on `r`).
// One table, one row a command.
#[rustfmt::skip]
pub(crate) fn commands<'p, S: Walking<'p>>(
    review_help: &'static str,
    restart_help: &'static str,
) -> Vec<Command<S>> {
    let c = Command::new;
    vec![
        c("", &[], Takes::Number("a number"), "chooses that option; the option's id works too.", choose::<S>),
        c("w", &["why"], Takes::Nothing, "why the question is asked; at a conclusion, the reasoning and caveats.", why::<S>),
        c("x", &["excerpts", "authorities"], Takes::Nothing, "the courts' words for the question, each with its citation and status; at a conclusion, its authorities.", excerpts::<S>),
        c("d", &["decides"], Takes::Nothing, "what the question decides: the conclusions still reachable and which of them each answer keeps open (in a fact pattern, once you have reached the conclusion).", decides::<S>),
        c("f", &["facts"], Takes::Nothing, "the fact pattern, when started with --case; at a conclusion, also what the court held.", facts::<S>),
        c("b", &["back"], Takes::Nothing, "back one question.", back::<S>),
        c("g", &[], Takes::Number("the number of an answered question"), "back to that answered question, for example g 2.", go_to::<S>),
        c("v", &["review"], Takes::Nothing, review_help, review::<S>),
        c("m", &["map"], Takes::Nothing, "the map of every question and where each answer leads.", map::<S>),
        c("c", &["chain"], Takes::Nothing, "the reasoning chain, at a conclusion.", chain::<S>),
        c("e", &["export"], Takes::Nothing, "export the conclusion to a file, at a conclusion.", export::<S>),
        c("r", &["restart"], Takes::Nothing, restart_help, restart::<S>),
        c("", &[], Takes::Nothing, "repeats the question.", repeat::<S>),
        c("?", &["h", "help"], Takes::Nothing, "this help.", command::help::<S>),
        c("q", &["quit", "exit"], Takes::Nothing, "quit.", quit::<S>),
    ]
}

/// The walkthrough's closing lines of `?`.
fn notes() -> Vec<String> {
    // The formats come from the one list the export offers, so the help cannot fall behind.
    let formats: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    vec![
        "Lines starting with # are ignored, for comments in scripts.".to_owned(),
        format!("Export formats: {}.", formats.join(", ")),
    ]
}

impl<R: BufRead, W: Write> Mode for Walkthrough<'_, R, W> {
    type End = Finished;
    type Error = PlainError;
    const INTRO: &'static [&'static str] = &["Commands: type one and press Enter."];

    fn commands() -> Vec<Command<Self>> {
        commands(
            "review your answers so far.",
            "restart from the first question.",
        )
    }

    fn notes() -> Vec<String> {
        let mut notes = notes();
        notes.insert(
            1,
            "When the input ends, the program ends: exit status 0 at a conclusion, 3 before one."
                .to_owned(),
        );
        notes
    }

    fn unknown(text: &str) -> String {
        format!("unknown command \"{text}\"; type ? for the commands")
    }

    fn option_number(&self, word: &str) -> Option<usize> {
        // An option id chooses that option, so scripts can say what they mean.
        let q = self.session.current_question()?;
        self.pack.option_index(q, word).map(|o| o + 1)
    }

    fn read_command(&mut self) -> Result<Option<Line>, PlainError> {
        Walkthrough::read_command(self)
    }

    fn say(&mut self, line: &str) -> Result<(), PlainError> {
        Walkthrough::say(self, line)
    }

    fn keys(&mut self) -> Result<(), PlainError> {
        Walkthrough::keys(self)
    }

    fn refuse(&mut self, message: &str) -> Result<(), PlainError> {
        Walkthrough::refuse(self, message)
    }

    fn end_of_input(&mut self) -> Result<Finished, PlainError> {
        Walkthrough::end_of_input(self)
    }
}

impl<'p, R: BufRead, W: Write> Walking<'p> for Walkthrough<'p, R, W> {
    type In = R;
    type Out = W;

    fn walk(&mut self) -> &mut Walkthrough<'p, R, W> {
        self
    }

    fn show(&mut self) -> Result<(), PlainError> {
        self.show_step()
    }

    fn choose(&mut self, option: usize) -> Outcome<Self> {
        if !self.answer(option)? {
            return Ok(Err("that option cannot be chosen here".into()));
        }
        self.show_step()?;
        Ok(Ok(Flow::Go))
    }

    fn restart(&mut self) -> Result<(), PlainError> {
        self.session.restart();
        // A new attempt at a fact pattern: its result is hidden again.
        self.revealed = false;
        self.say("Starting again from the first question.")?;
        self.show_step()
    }

    fn review(&mut self) -> Result<(), PlainError> {
        Walkthrough::review(self)
    }

    fn quit(&mut self) -> Result<Finished, PlainError> {
        self.say("Goodbye.")?;
        Ok(Finished {
            quit: true,
            at_conclusion: self.session.is_finished(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walkthroughs_help_and_table_agree() {
        command::tests::help_and_table_agree::<Walkthrough<'static, &[u8], Vec<u8>>>();
    }

    /// Every key a keys line offers, at a question and at a conclusion, in a fact pattern, is
    /// a command of the table: typed as the line names it ("w why" as w, "g N" as g 1), it is
    /// found.
    #[test]
    fn every_key_the_keys_line_offers_is_a_command() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/packs/houseplant");
        let files = crate::pack::FileSet::from_dir(&dir).expect("the fixture pack");
        let pack = crate::pack::load(&files).expect("a valid pack").0;
        let options = crate::plain::PlainOptions {
            case: Some(pack.cases()[0].id.to_string()),
            echo: false,
            strict: false,
            cwd: dir.clone(),
            tool_version: "test".into(),
            reason: None,
        };
        let script = "1\n".repeat(12);
        let mut out = Vec::new();
        Walkthrough::new(&pack, options, script.as_bytes(), &mut out)
            .and_then(Walkthrough::run)
            .expect("the walk runs");
        let out = String::from_utf8(out).expect("UTF-8");
        let table = <Walkthrough<'static, &[u8], Vec<u8>> as Mode>::commands();
        let keys: Vec<&str> = out.lines().filter(|l| l.ends_with("q quit")).collect();
        assert!(keys.iter().any(|l| l.starts_with("c chain")), "{out}");
        assert!(keys.iter().any(|l| l.contains("to choose")), "{out}");
        for line in keys {
            assert!(
                command::tests::keys_are_commands(&table, line),
                "{line:?} offers a key that is no command"
            );
        }
    }
}
